"""Exercises of notebooks 08a-10 beyond accepting the solution and rejecting the known-wrong answers.

A wrong answer must get a message that helps without giving the answer away (09.2), and says which mistake it is
(08b.1, 08c.1).
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from course_utils.exercises import evaluate
from course_utils.exercises.nb08b import _zscore
from course_utils.exercises.nb08c import CASES, _best
from solutions import nb08b, nb08c, nb09


def test_08b_1_reference_z_scores_are_per_row_population_and_zero_without_spread():
    rows = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0], [0.0, 0.0, 6.0]])
    by_hand = np.array([[-(1.5**0.5), 0.0, 1.5**0.5], [0.0, 0.0, 0.0], [-(0.5**0.5), -(0.5**0.5), 2**0.5]])
    assert np.allclose(_zscore(rows), by_hand)
    assert np.allclose(nb08b.fuse_scores(rows, rows[::-1], 0.5), by_hand + 0.5 * by_hand[::-1])
    ties = np.full((2, 3), 0.1)  # its floating-point std is 1.4e-17, not 0: still a row with no spread
    assert not nb08b.fuse_scores(ties, ties, 1.0).any()


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (nb08b._fuse_raw_scores, "Z-score both arrays"),
        (nb08b._fuse_sample_std, "ddof=0"),
        (nb08b._fuse_dividing_by_zero, "std 0"),
        (nb08b._fuse_per_column, "not each column"),
        (nb08b._fuse_without_shape_check, "raise ValueError"),
        (nb08b._fuse_in_place, "in place"),
        (lambda bi, ce, weight: nb08b.fuse_scores(bi, ce, weight).round(1), "expected"),
        (lambda bi, ce, weight: nb08b.fuse_scores(ce, bi, weight) if bi.shape == ce.shape else 1 / 0, "expected"),
    ],
    ids=["raw", "ddof1", "nan", "columns", "broadcast", "in-place", "rounded", "swapped"],
)
def test_08b_1_wrong_answers_say_what_is_wrong(wrong, hint):
    solved, message = evaluate("08b.1", wrong)
    assert not solved and hint in message, message


def test_08b_1_asks_for_a_value_error_that_names_both_shapes():
    def vague(bi_scores, ce_scores, weight):
        if np.shape(bi_scores) != np.shape(ce_scores):
            raise ValueError("shapes differ")
        return nb08b.fuse_scores(bi_scores, ce_scores, weight)

    solved, message = evaluate("08b.1", vague)
    assert not solved and "name both shapes" in message, message
    solved, message = evaluate("08b.1", lambda bi, ce, weight: bi + weight * ce)  # numpy's own broadcast error
    assert not solved


def test_08c_1_reference_thresholds_worked_by_hand():
    # nets by t, largest first: the middle case 1, 1, 2, 3 (t = 0.40), 1, 2, 1; the tied case 1, 1, 2, 2 (0.5 and 0.3),
    # 1; all wrong; best net 0 (-1, 0, -1); all right
    expected = [0.40, 0.3, math.inf, math.inf, 0.15, 0.40]
    assert [_best(margins, correct.astype(bool)) for margins, correct in CASES] == expected
    assert evaluate("08c.1", nb08c.silver_threshold) == (True, "✅ 08c.1 correct!")


def _threshold_at_net_zero(margins, correct):  # keeps a threshold whose net is 0 (>= 0 instead of > 0)
    best = max(nb08c._nets(margins, correct), key=lambda t_net: (t_net[1], -t_net[0]))
    return best[0] if best[1] >= 0 else math.inf


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (nb08c._threshold_strictly_above, "margins >= t, not margins > t"),
        (nb08c._threshold_largest_of_ties, "return the smallest"),
        (nb08c._threshold_best_precision, "not the share of right ones"),
        (nb08c._threshold_max_margin_without_gain, "return math.inf"),
        (_threshold_at_net_zero, "return math.inf"),
        (nb08c._threshold_of_0_1_as_given, "dtype=bool"),
        (nb08c._threshold_sorting_in_place, "changed the arrays"),
        (lambda margins, correct: 0.4, "among the margins"),  # right on the first case only
        (lambda margins, correct: math.inf, "math.inf is for when none gains"),
        (lambda margins, correct: float(np.min(margins)), "expected"),
        (lambda margins, correct: None, "return one number"),
    ],
    ids=["strict", "tie", "share", "max", "net-zero", "ints", "in-place", "0.4", "inf", "min", "none"],
)
def test_08c_1_wrong_answers_say_what_is_wrong(wrong, hint):
    solved, message = evaluate("08c.1", wrong)
    assert not solved and hint in message, message


def test_09_2_wrong_answers_do_not_reveal_the_slices():
    for wrong in (*nb09.WRONG_ANSWERS["09.2"], lambda ids: (ids[:, :-1], ids[:, :-1]), lambda ids: (ids, ids)):
        solved, message = evaluate("09.2", wrong)
        assert not solved
        assert ":-1" not in message and "1:]" not in message, message


def test_swap_noise_solution_is_reproducible():
    assert nb09.swap_noise("a b c d", random.Random(1)) == nb09.swap_noise("a b c d", random.Random(1))
