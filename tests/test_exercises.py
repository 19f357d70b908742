"""Every exercise is solvable (its reference solution passes), its known-wrong answers are rejected, and stubs
never raise.

Each chapter's checker (``course_utils/exercises/nbXX.py``) has its reference solution and at least one
known-wrong answer beside each other in ``solutions/nbXX.py`` (``SOLUTIONS`` and ``WRONG_ANSWERS``).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from course_utils import check
from course_utils.exercises import evaluate, registered_exercises

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.stem.removeprefix("nb") for p in (ROOT / "course_utils" / "exercises").glob("nb*.py"))


def stub(*args, **kwargs):
    raise NotImplementedError


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_exercise_has_a_passing_solution(notebook):
    exercises = registered_exercises(notebook)
    solutions = importlib.import_module(f"solutions.nb{notebook}").SOLUTIONS
    assert exercises, f"course_utils/exercises/nb{notebook}.py registers no exercise"
    assert sorted(solutions) == [e.exercise_id for e in exercises]
    for ex in exercises:
        solved, message = evaluate(ex.exercise_id, solutions[ex.exercise_id])
        assert solved, message


def _wrong_answers(notebook):
    wrong = importlib.import_module(f"solutions.nb{notebook}").WRONG_ANSWERS
    pairs = []
    for eid, answers in wrong.items():
        pairs += [(eid, answer) for answer in (answers if isinstance(answers, list) else [answers])]
    return pairs


WRONG = [(eid, answer) for notebook in NOTEBOOKS for eid, answer in _wrong_answers(notebook)]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_exercise_has_a_known_wrong_answer(notebook):
    wrong = importlib.import_module(f"solutions.nb{notebook}").WRONG_ANSWERS
    assert sorted(wrong) == [e.exercise_id for e in registered_exercises(notebook)]


@pytest.mark.parametrize(
    ("exercise_id", "wrong"), WRONG, ids=[f"{eid}-{getattr(a, '__name__', 'answer').lstrip('_')}" for eid, a in WRONG]
)
def test_every_checker_rejects_its_known_wrong_answers(exercise_id, wrong):
    solved, message = evaluate(exercise_id, wrong)
    assert not solved, f"{exercise_id} accepted a known-wrong answer: {message}"
    assert "not solved yet" not in message  # it was checked and found wrong, not skipped as a stub


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_untouched_stubs_report_not_solved_without_raising(notebook, capsys):
    for ex in registered_exercises(notebook):
        for answer in (None, stub):
            check(ex.exercise_id, answer)
            assert "not solved yet" in capsys.readouterr().out


def test_a_wrong_answer_says_what_is_wrong():
    solved, message = evaluate("00.1", lambda word, candidates: candidates[0])
    assert not solved and "not right yet" in message
    solved, message = evaluate("00.1", lambda word, candidates: 1 / 0)
    assert not solved and "ZeroDivisionError" in message


def test_unknown_exercise_id():
    with pytest.raises(KeyError, match=r"00\.1"):
        check("42.9", None)
