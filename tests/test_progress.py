"""`python -m course_utils progress`: exercises solved, read from the verdicts saved in a learner's notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from course_utils.__main__ import main
from course_utils.exercises import evaluate
from course_utils.progress import find_notebooks, notebook_progress, progress_report
from solutions import nb08b
from solutions.nb01 import SOLUTIONS


def exercise_cell(exercise_id: str, printed: str | None = None, error: tuple[str, str] | None = None):
    """A code cell calling check(exercise_id, ...), with what it printed (None: the cell has not run)."""
    cell = nbformat.v4.new_code_cell(f'def answer(*args):\n    ...\n\n\ncheck("{exercise_id}", answer)')
    if printed is not None:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed + "\n")]
    if error is not None:
        cell.outputs = [nbformat.v4.new_output("error", ename=error[0], evalue=error[1], traceback=[])]
    return cell


def write_notebook(path: Path, cells) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# 01 · My copy\nThe learner's notebook."), *cells]
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def learner_notebook(tmp_path):
    """Notebook 01 with 01.1 solved, 01.2 untouched and 01.3 wrong; the verdicts are the real checker's."""
    solved = evaluate("01.1", SOLUTIONS["01.1"])[1]
    unsolved = evaluate("01.2", None)[1]
    wrong = evaluate("01.3", lambda query, documents, k=3: list(range(k)))[1]
    return write_notebook(
        tmp_path / "01_one_hot_bow_tfidf.ipynb",
        [exercise_cell("01.1", solved), exercise_cell("01.2", unsolved), exercise_cell("01.3", wrong)],
    )


def test_solved_unsolved_and_wrong(learner_notebook):
    progress = notebook_progress(learner_notebook)
    assert progress.title == "01 · My copy"
    assert [(e.exercise_id, e.status) for e in progress.exercises] == [
        ("01.1", "solved"),
        ("01.2", "unsolved"),
        ("01.3", "wrong"),
    ]
    assert progress.solved == 1
    assert "not right yet" in progress.exercises[2].message


def test_the_last_verdict_counts(tmp_path):
    """A learner who ran check twice in a cell (wrong, then right) has solved it."""
    wrong = evaluate("01.1", lambda docs, vocabulary: None)[1]
    solved = evaluate("01.1", SOLUTIONS["01.1"])[1]
    path = write_notebook(tmp_path / "01_copy.ipynb", [exercise_cell("01.1", f"{wrong}\n{solved}")])
    assert notebook_progress(path).exercises[0].status == "solved"


def test_not_run_deleted_and_failed_cells(tmp_path):
    """No output: not run; a registered exercise whose cell is gone: not run; a cell that raised: wrong."""
    path = write_notebook(
        tmp_path / "01_copy.ipynb", [exercise_cell("01.1"), exercise_cell("01.3", error=("NameError", "name 'x'"))]
    )
    exercises = {e.exercise_id: e for e in notebook_progress(path).exercises}
    assert {k: e.status for k, e in exercises.items()} == {"01.1": "not run", "01.2": "not run", "01.3": "wrong"}
    assert "NameError" in exercises["01.3"].message


def test_report_and_command_line(learner_notebook, capsys):
    report = progress_report([notebook_progress(learner_notebook)])
    assert "01 · My copy  1/3  ✅ 01.1  ⏳ 01.2  ❌ 01.3" in report
    assert "Solved 1 of 3 exercises." in report
    assert main(["progress", str(learner_notebook.parent)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("01 · My copy  1/3") and "Not right yet:\n  ❌ 01.3 not right yet:" in out


def test_the_course_notebooks_are_found():
    keys = [p.name.split("_")[0] for p in find_notebooks()]  # a notebook's key: its name up to the first underscore
    assert keys == sorted(set(keys)) and keys[0] == "00"
    assert keys[keys.index("07") : keys.index("09") + 1] == ["07", "08a", "08b", "08c", "09"]


def test_a_lettered_notebook_has_its_registered_exercises(tmp_path):
    """08b_*.ipynb: its key is "08b", so its exercises are 08b.1 and the like (also those whose cell is gone)."""
    path = write_notebook(tmp_path / "08b_my_copy.ipynb", [])
    assert [(e.exercise_id, e.status) for e in notebook_progress(path).exercises] == [("08b.1", "not run")]
    solved = evaluate("08b.1", nb08b.SOLUTIONS["08b.1"])[1]
    path = write_notebook(tmp_path / "08b_my_copy.ipynb", [exercise_cell("08b.1", solved)])
    assert [(e.exercise_id, e.status) for e in notebook_progress(path).exercises] == [("08b.1", "solved")]
    assert [p.name for p in find_notebooks([tmp_path])] == ["08b_my_copy.ipynb"]


def test_bad_input_is_a_clear_error(tmp_path, capsys):
    broken = tmp_path / "01_broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not a readable Jupyter notebook"):
        notebook_progress(broken)
    assert main(["progress", str(tmp_path / "missing")]) == 2
    assert "neither a notebook (.ipynb) nor a folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["progress", str(empty)]) == 2
    assert "no course notebooks" in capsys.readouterr().err
