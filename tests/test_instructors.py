"""INSTRUCTORS.md follows the course: its tracks come from the README's measured minutes, its objectives from the
notebooks (tools/instructor_tracks.py writes both; run it when this test fails)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("instructor_tracks", ROOT / "tools" / "instructor_tracks.py")
instructor_tracks = sys.modules["instructor_tracks"] = importlib.util.module_from_spec(spec)  # dataclasses need it
spec.loader.exec_module(instructor_tracks)

README = (ROOT / "README.md").read_text(encoding="utf-8")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))


def test_instructors_md_is_up_to_date():
    current = (ROOT / "INSTRUCTORS.md").read_text(encoding="utf-8")
    expected = instructor_tracks.instructors_text(current, README, NOTEBOOKS)
    assert current == expected, "INSTRUCTORS.md is out of date: run `python tools/instructor_tracks.py`"


def test_tracks_use_the_measured_minutes():
    rows = instructor_tracks.course_map(README)
    assert [nb.name.split("_")[0] for nb in NOTEBOOKS] == list(rows), (
        "every notebook has a row in the README's course map"
    )
    intro = instructor_tracks.track_blocks(instructor_tracks.TRACKS[0], rows)[0]
    for nn, _, run, block in intro:
        assert run >= rows[nn][1] and run - rows[nn][1] < 1  # the measured minutes, rounded up
        assert block == run + 15 + 5


def test_a_track_that_does_not_fit_is_refused():
    rows = instructor_tracks.course_map(README)
    slow = {nn: (title, 30.0) for nn, (title, _) in rows.items()}
    with pytest.raises(SystemExit, match=r"takes .* more than 1:30"):
        instructor_tracks.tracks_markdown(slow)


def test_objectives_are_the_notebooks_own():
    bullets = instructor_tracks.objectives(ROOT / "notebooks" / "04_pooling.ipynb")
    assert bullets[0].startswith("CLS, mean and max pooling")
    assert all(f"- {b}" in (ROOT / "INSTRUCTORS.md").read_text(encoding="utf-8") for b in bullets)
