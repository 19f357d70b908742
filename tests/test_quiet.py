"""quiet_libraries: the loading noise a learner would see is gone, errors are not."""

from __future__ import annotations

import subprocess
import sys

LOAD_A_NEW_HEAD = """
import sys
from course_utils import quiet_libraries
if sys.argv[1] == "quiet":
    quiet_libraries()
from sentence_transformers import CrossEncoder
from course_utils import model_path
CrossEncoder(str(model_path("all-MiniLM-L6-v2")), num_labels=1, device="cpu")
import transformers
transformers.logging.get_logger("transformers").error("a real error still shows")
"""


def stderr_of(mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", LOAD_A_NEW_HEAD, mode], capture_output=True, text=True, check=True)
    return done.stderr


def test_loading_noise_is_silenced_at_its_source():
    noisy, quiet = stderr_of("noisy"), stderr_of("quiet")
    assert "LOAD REPORT" in noisy and "Loading weights" in noisy  # what a learner saw before
    assert "LOAD REPORT" not in quiet and "Loading weights" not in quiet and "Converting" not in quiet
    assert "a real error still shows" in quiet


def test_training_keeps_its_progress_display_after_quieting():
    """transformers turns the Trainer's progress off when its logging is quiet, and prints raw log dicts instead."""
    from course_utils import quiet_libraries, training_args

    quiet_libraries()
    assert training_args("quiet-progress").disable_tqdm is False
