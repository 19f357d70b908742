"""Training settings that follow the device and the course profile."""

from __future__ import annotations

from pathlib import Path

from sentence_transformers import SentenceTransformerTrainingArguments

from course_utils.config import cache_dir
from course_utils.device import get_device, mixed_precision


def training_args(run_name: str, args_class=SentenceTransformerTrainingArguments, **overrides):
    """Return trainer arguments with the course's defaults, ``overrides`` on top.

    Defaults: mixed precision only on CUDA (bf16 where supported, else fp16), no
    checkpoints, no external loggers, seed 42, output under the course cache
    (``runs/<run_name>``), warm-up over the first 10 % of steps, the progress display on.

    Args:
        run_name: a short name for the run's output folder.
        args_class: ``SentenceTransformerTrainingArguments`` or ``CrossEncoderTrainingArguments``.
        **overrides: any argument of ``args_class`` (batch size, epochs, learning rate...).

    Example:
        >>> args = training_args("demo", per_device_train_batch_size=32, num_train_epochs=1)
        >>> args.fp16 or args.bf16 or get_device().type != "cuda"
        True
    """
    defaults = dict(
        output_dir=str(Path(cache_dir()) / "runs" / run_name),
        save_strategy="no",
        report_to="none",
        seed=42,
        data_seed=42,
        warmup_steps=0.1,
        logging_steps=10,
        disable_tqdm=False,  # the live progress table, even after quiet_libraries() (else raw log dicts are printed)
        dataloader_num_workers=0,
        use_cpu=get_device().type == "cpu",
        **mixed_precision(),
    )
    defaults.update(overrides)
    return args_class(**defaults)
