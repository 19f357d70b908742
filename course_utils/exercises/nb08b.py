"""Checkers for notebook 08b (re-ranking with a cross-encoder)."""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from course_utils.exercises import exercise

# First-stage (bi-encoder cosine) and cross-encoder (logit) scores of 3 queries x 5 candidates. The bi-encoder ties
# every candidate of query 2, the cross-encoder every candidate of query 1: rows with no spread (std 0).
BI_SCORES = np.array(
    [
        [0.82, 0.75, 0.74, 0.31, 0.30],
        [0.55, 0.61, 0.58, 0.20, 0.57],
        [0.50, 0.50, 0.50, 0.50, 0.50],
    ]
)
CE_SCORES = np.array(
    [
        [2.10, -0.30, 3.40, -1.20, 0.00],
        [0.50, 0.50, 0.50, 0.50, 0.50],
        [-1.00, 2.00, 0.50, 1.50, -0.50],
    ]
)
WEIGHTS = (0.0, 0.7, 3.0)


def _zscore(scores: np.ndarray, axis: int | None = 1, ddof: int = 0) -> np.ndarray:
    """scipy's z-scores (along ``axis``), with 0 where a row has no spread (scipy says nan there)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # scipy warns about rows whose values are all equal
        return np.nan_to_num(stats.zscore(scores, axis=axis, ddof=ddof), nan=0.0)


def _fused(weight: float, axis: int | None = 1, ddof: int = 0) -> np.ndarray:
    return _zscore(BI_SCORES, axis, ddof) + weight * _zscore(CE_SCORES, axis, ddof)


def _hint(got: np.ndarray, weight: float) -> str:
    """Why ``got`` differs from the fused scores, when it matches a likely mistake."""
    likely = {
        "Z-score both arrays before adding them: cosines and cross-encoder logits are on different scales.": (
            BI_SCORES + weight * CE_SCORES
        ),
        "Divide by the population std (numpy's default, ddof=0), not the sample std (ddof=1).": _fused(weight, ddof=1),
        "Standardise each row on its own (one query's candidates: mean and std over axis=1), not each column.": (
            _fused(weight, axis=0)
        ),
        "Standardise each row on its own (mean and std over axis=1), not the whole array at once.": _fused(
            weight, None
        ),
        "The weight multiplies the cross-encoder's z-scores only: z(bi) + weight * z(ce).": (
            weight * _zscore(BI_SCORES) + _zscore(CE_SCORES)
        ),
    }
    return next((hint for hint, wrong in likely.items() if np.allclose(got, wrong, atol=1e-6)), "")


@exercise("08b.1", "write my_fuse_scores(bi_scores, ce_scores, weight): z(bi) + weight * z(ce), each row z-scored.")
def check_fuse_scores(fuse_scores) -> None:
    bi, ce = BI_SCORES.copy(), CE_SCORES.copy()
    for weight in WEIGHTS:
        got = np.asarray(fuse_scores(bi, ce, weight), dtype=float)
        assert np.array_equal(bi, BI_SCORES) and np.array_equal(ce, CE_SCORES), (
            "my_fuse_scores changed the arrays it was given: compute new arrays, do not update the scores in place."
        )
        assert got.shape == BI_SCORES.shape, (
            f"my_fuse_scores returned shape {got.shape}: expected one fused score per candidate, {BI_SCORES.shape}."
        )
        call = f"my_fuse_scores(bi, ce, weight={weight})"
        for row in np.flatnonzero(~np.isfinite(got).all(axis=1)):
            flat = [
                name for name, s in (("bi-encoder", BI_SCORES), ("cross-encoder", CE_SCORES)) if np.ptp(s[row]) == 0
            ]
            assert not flat, (
                f"{call} gave {got[row].round(3).tolist()} for query {row}, whose {flat[0]} scores are all equal: "
                "a row with no spread has std 0; make its z-scores all zeros instead of dividing by 0."
            )
            raise AssertionError(f"{call} gave {got[row].round(3).tolist()} for query {row}: not finite numbers.")
        expected = _fused(weight)
        if not np.allclose(got, expected, atol=1e-6):
            row = int(np.abs(got - expected).max(axis=1).argmax())
            raise AssertionError(
                f"{call} returned {got[row].round(3).tolist()} for query {row}, expected "
                f"{expected[row].round(3).tolist()}. {_hint(got, weight)}".strip()
            )
    for ce_shape in [(1, 5), (3, 4)]:  # numpy broadcasts the first: only an explicit check catches it
        other = np.zeros(ce_shape)
        try:
            got = fuse_scores(bi, other, 1.0)
        except ValueError as error:
            assert str(bi.shape) in str(error) and str(other.shape) in str(error), (
                f"your ValueError says {str(error)!r}: name both shapes, {bi.shape} and {other.shape}, so the caller "
                "sees which array is off."
            )
            continue
        raise AssertionError(
            f"my_fuse_scores with bi_scores {bi.shape} and ce_scores {ce_shape} returned an array of shape "
            f"{np.shape(got)}: raise ValueError when the two shapes differ (numpy would broadcast some of them)."
        )
