"""A learner's progress: which exercises their saved copy of the notebooks solves.

    python -m course_utils progress                      # the course's notebooks/ folder
    python -m course_utils progress ~/my-copy/notebooks  # another folder, or single .ipynb files

How it decides: every exercise cell ends with ``check("NN.k", answer)`` (NN is the notebook's key, its file name up
to the first underscore: "04", "08b"), which prints the checker's verdict (:func:`course_utils.exercises.evaluate`):
"✅ NN.k correct!", "❌ NN.k not right yet: ..." (or "❌ NN.k: your answer raised ...") or
"⏳ NN.k not solved yet: ...". This module reads, for each exercise, the last verdict stored in the saved notebook:
what the checker said the last time the learner ran that cell and saved.

Why the saved verdicts, and not a fresh run of the checks: an answer is code that uses what the notebook built above
it (the model, a tokenizer, a tensor from section 3), so checking it afresh means executing the notebook from the top
— minutes per notebook, and several of them train models. Running only the exercise cells would fail on those names.
Reading the saved outputs takes a second, needs neither the models nor the data, and reports exactly what the learner
saw. The price: a verdict is as fresh as the last run-and-save. A check cell that has not run (or whose output was
cleared) is reported as "not run"; to re-check everything, use Kernel → Restart & Run All, then save.

The exercises of a notebook are those its checker module registers (``course_utils/exercises/nbNN.py``) plus any
other ``check(...)`` call found in the notebook, so an exercise whose cell was deleted still shows as not run.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

from course_utils.exercises import registered_exercises

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHECK_CALL = re.compile(r"\bcheck\(\s*[\"'](\d\d[a-z]?\.\d+)[\"']")
# The first character of each verdict that course_utils.exercises.evaluate prints, and what it means.
VERDICTS = {"✅": "solved", "❌": "wrong", "⏳": "unsolved"}
SYMBOLS = {"solved": "✅", "wrong": "❌", "unsolved": "⏳", "not run": "·"}


@dataclass(frozen=True)
class ExerciseStatus:
    """One exercise in a learner's notebook.

    ``status`` is "solved", "wrong", "unsolved" or "not run"; ``message`` is the verdict its check printed
    last ("" when it has not run).
    """

    exercise_id: str
    status: str
    message: str


@dataclass(frozen=True)
class NotebookProgress:
    """The exercises of one notebook, in order, under the notebook's title ("04 · Pooling: ...")."""

    path: Path
    title: str
    exercises: list[ExerciseStatus]

    @property
    def solved(self) -> int:
        return sum(e.status == "solved" for e in self.exercises)


def _read_notebook(path: Path) -> dict:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path} is not a readable Jupyter notebook ({type(error).__name__}: {error})") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError(f"{path} is not a Jupyter notebook: it has no list of cells")
    return notebook


def _title(notebook: dict, path: Path) -> str:
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            first_line = "".join(cell["source"]).strip().splitlines()[:1]
            if first_line and first_line[0].startswith("# "):
                return first_line[0].removeprefix("# ").strip()
    return path.stem


def _printed_text(cell: dict) -> str:
    """All text a code cell printed (stdout, stderr, plain-text results), in order."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append("".join(output.get("text", "")))
        elif "text/plain" in output.get("data", {}):
            parts.append("".join(output["data"]["text/plain"]))
    return "\n".join(parts)


def _verdict(cell: dict, exercise_id: str) -> ExerciseStatus | None:
    """The last verdict ``cell`` printed for ``exercise_id``; a cell that raised instead counts as wrong."""
    verdict = None
    for line in _printed_text(cell).splitlines():
        line = line.strip()
        status = VERDICTS.get(line[:1])
        if status and re.match(rf"^{re.escape(exercise_id)}\b", line[1:].strip()):
            verdict = ExerciseStatus(exercise_id, status, line)
    if verdict is None:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            error = errors[-1]
            message = f"❌ {exercise_id}: the cell raised {error.get('ename', 'an error')}: {error.get('evalue', '')}"
            verdict = ExerciseStatus(exercise_id, "wrong", message)
    return verdict


def _registered_ids(notebook_number: str) -> list[str]:
    if importlib.util.find_spec(f"course_utils.exercises.nb{notebook_number}") is None:
        return []
    return [e.exercise_id for e in registered_exercises(notebook_number)]


def notebook_progress(path: Path) -> NotebookProgress:
    """Read the verdicts saved in the notebook at ``path``.

    Example:
        >>> [e.status for e in notebook_progress(Path("notebooks/04_pooling.ipynb")).exercises]  # doctest: +SKIP
        ['unsolved', 'unsolved', 'unsolved']
    """
    notebook = _read_notebook(path)
    found: dict[str, ExerciseStatus] = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        for exercise_id in CHECK_CALL.findall("".join(cell["source"])):
            found[exercise_id] = _verdict(cell, exercise_id) or ExerciseStatus(exercise_id, "not run", "")
    ids = _registered_ids(path.name.split("_")[0]) if re.match(r"^\d\d[a-z]?_", path.name) else []
    ids += [i for i in found if i not in ids]
    exercises = [found.get(i, ExerciseStatus(i, "not run", "")) for i in sorted(ids)]
    return NotebookProgress(path, _title(notebook, path), exercises)


def find_notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The course notebooks (``NN_*.ipynb``, ``08a_*.ipynb``, in course order) among ``paths``.

    ``paths`` are files or folders; the default is the course's notebooks/.
    """
    notebooks: list[Path] = []
    for path in paths or [NOTEBOOKS]:
        if path.is_dir():
            notebooks += sorted(path.glob("[0-9][0-9]*_*.ipynb"))
        elif path.suffix == ".ipynb" and path.is_file():
            notebooks.append(path)
        else:
            raise FileNotFoundError(f"{path} is neither a notebook (.ipynb) nor a folder")
    if not notebooks:
        where = ", ".join(str(p) for p in paths or [NOTEBOOKS])
        raise FileNotFoundError(f"no course notebooks (NN_topic.ipynb) in {where}: pass your notebooks folder")
    return notebooks


def progress_report(progress: list[NotebookProgress]) -> str:
    """A table of solved exercises per notebook, a total, and the messages of the wrong answers.

    Example:
        >>> print(progress_report([notebook_progress(Path("notebooks/04_pooling.ipynb"))]))  # doctest: +SKIP
        04 · Pooling: from token vectors to one sentence vector    0/3  ⏳ 04.1  ⏳ 04.2  ⏳ 04.3
        ...
    """
    width = min(60, max(len(p.title) for p in progress))
    lines = []
    for p in progress:
        marks = "  ".join(f"{SYMBOLS[e.status]} {e.exercise_id}" for e in p.exercises)
        title = p.title if len(p.title) <= width else p.title[: width - 1] + "…"
        lines.append(f"{title:<{width}}  {p.solved}/{len(p.exercises)}  {marks}".rstrip())
    solved = sum(p.solved for p in progress)
    total = sum(len(p.exercises) for p in progress)
    lines += ["", f"Solved {solved} of {total} exercises.   " + "   ".join(f"{s} {k}" for k, s in SYMBOLS.items())]
    wrong = [e for p in progress for e in p.exercises if e.status == "wrong"]
    if wrong:
        lines += ["", "Not right yet:"] + [f"  {e.message}" for e in wrong]
    lines += ["", "From the verdicts saved in the notebooks: run an exercise cell and save the notebook to update it."]
    return "\n".join(lines)
