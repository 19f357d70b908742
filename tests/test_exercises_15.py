"""Exercises of notebook 15: a second known-wrong answer per checker (the first is in tests/test_exercises.py)."""

from __future__ import annotations

import pytest

from course_utils.exercises import evaluate
from solutions import nb15


@pytest.mark.parametrize("exercise_id", sorted(nb15.MORE_WRONG_ANSWERS))
def test_a_second_wrong_answer_is_rejected(exercise_id):
    solved, message = evaluate(exercise_id, nb15.MORE_WRONG_ANSWERS[exercise_id])
    assert not solved and message.startswith("❌"), message
