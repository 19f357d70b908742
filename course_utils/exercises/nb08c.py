"""Checkers for notebook 08c (Augmented SBERT: silver labels and their confidence threshold)."""

from __future__ import annotations

import math
import numbers

import numpy as np

from course_utils.exercises import exercise

# Dev labels (margin, right?), each case with a point: the best t in the middle, reached at an equal margin;
# two thresholds that gain as much; nothing gains (all wrong; a best net of 0); all right; 0/1 ints.
MIDDLE = (
    np.array([0.95, 0.80, 0.80, 0.62, 0.62, 0.62, 0.40, 0.31, 0.31, 0.12, 0.05]),
    np.array([True, False, True, True, True, False, True, False, False, True, False]),
)
CASES = [
    MIDDLE,
    (np.array([0.9, 0.7, 0.7, 0.5, 0.3, 0.3, 0.1]), np.array([True, True, False, True, True, False, False])),
    (np.array([0.8, 0.5, 0.5, 0.2]), np.zeros(4, dtype=bool)),
    (np.array([0.9, 0.6, 0.3]), np.array([False, True, False])),
    (np.array([0.7, 0.4, 0.4, 0.15]), np.ones(4, dtype=bool)),
    (MIDDLE[0], MIDDLE[1].astype(int)),  # the first case again, with 0/1 for right/wrong
]


def _net(margins: np.ndarray, correct: np.ndarray, t: float, strict: bool = False) -> int:
    kept = correct[margins > t] if strict else correct[margins >= t]
    return int(kept.sum()) - int((~kept).sum())


def _best(margins: np.ndarray, correct: np.ndarray, strict: bool = False) -> float:
    """A naive loop: the smallest margin t of the best net gain (labels kept: margins >= t, or > t); inf unless > 0."""
    nets = {float(t): _net(margins, correct, t, strict) for t in np.unique(margins)}
    best = max(nets.values())
    return min(t for t, net in nets.items() if net == best) if best > 0 else math.inf


def _hint(got: float, margins: np.ndarray, correct: np.ndarray) -> str:
    """Why ``got`` differs from the threshold (``correct`` as booleans), when it matches a likely mistake."""
    expected = _best(margins, correct)
    if math.isinf(expected):
        return "No threshold keeps more right labels than wrong ones here: return math.inf, keep no silver label."
    if math.isinf(got):
        return "Some threshold keeps more right labels than wrong ones: return it (math.inf is for when none gains)."
    if math.isclose(got, _best(margins, correct, strict=True)):
        return "A label whose margin equals t is kept: compare margins >= t, not margins > t."
    if not np.isclose(margins, got).any():
        return "Choose t among the margins themselves (the distinct values of margins)."
    if _net(margins, correct, got) == _net(margins, correct, expected):
        return "Of thresholds that gain as much, return the smallest: it keeps more silver labels."
    if correct[margins >= got].mean() == max(correct[margins >= t].mean() for t in margins):
        return (
            "Maximise right minus wrong labels kept, not the share of right ones: a threshold that keeps one "
            "right label has a perfect share and almost no silver."
        )
    return ""


@exercise(
    "08c.1",
    "write my_silver_threshold(margins, correct): the margin t (margins >= t kept) that maximises right minus wrong "
    "kept; inf if none gains.",
)
def check_silver_threshold(silver_threshold) -> None:
    for margins, correct in CASES:
        m, c = margins.copy(), correct.copy()
        got = silver_threshold(m, c)
        assert np.array_equal(m, margins) and np.array_equal(c, correct), (
            "my_silver_threshold changed the arrays it was given: sort copies (np.sort, np.argsort), not the inputs."
        )
        assert isinstance(got, numbers.Real), (
            f"my_silver_threshold returned {got!r}: return one number, a margin or math.inf."
        )
        expected = _best(margins, correct.astype(bool))
        if not math.isclose(got, expected):
            hint = (
                "correct may hold 0/1 instead of booleans: convert it first, np.asarray(correct, dtype=bool) "
                "(~ of an int array is not 'not')."
                if correct.dtype != bool
                else _hint(float(got), margins, correct)
            )
            raise AssertionError(
                f"my_silver_threshold(margins={margins.tolist()}, correct={correct.tolist()}) returned {got}, "
                f"expected {expected}. {hint}".strip()
            )
