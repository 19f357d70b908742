"""Exercises of notebooks 08-10 beyond accepting the solution and rejecting the known-wrong answers.

A wrong answer must get a message that helps without giving the answer away (09.2).
"""

from __future__ import annotations

import random

from course_utils.exercises import evaluate
from solutions import nb09


def test_09_2_wrong_answers_do_not_reveal_the_slices():
    for wrong in (*nb09.WRONG_ANSWERS["09.2"], lambda ids: (ids[:, :-1], ids[:, :-1]), lambda ids: (ids, ids)):
        solved, message = evaluate("09.2", wrong)
        assert not solved
        assert ":-1" not in message and "1:]" not in message, message


def test_swap_noise_solution_is_reproducible():
    assert nb09.swap_noise("a b c d", random.Random(1)) == nb09.swap_noise("a b c d", random.Random(1))
