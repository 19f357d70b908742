"""Reference solutions for notebook 08b."""

import numpy as np


def _zscore_rows(scores):
    """Each row minus its mean, over its population std; a row with std 0 becomes zeros."""
    centred = scores - scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True)
    # "no spread" tested on the values themselves: the std of [0.1, 0.1, 0.1] is 1.4e-17 in floating point, not 0
    spread = np.ptp(scores, axis=1, keepdims=True) > 0
    return np.divide(centred, std, out=np.zeros_like(centred), where=spread)


def fuse_scores(bi_scores, ce_scores, weight):
    bi_scores, ce_scores = np.asarray(bi_scores, dtype=float), np.asarray(ce_scores, dtype=float)
    if bi_scores.shape != ce_scores.shape:
        raise ValueError(f"bi_scores has shape {bi_scores.shape} but ce_scores has shape {ce_scores.shape}.")
    return _zscore_rows(bi_scores) + weight * _zscore_rows(ce_scores)


SOLUTIONS = {"08b.1": fuse_scores}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py; the messages
# they get are in tests/test_exercises_0810.py).
def _fuse_raw_scores(bi_scores, ce_scores, weight):  # no z-scores: the two scales are added as they are
    return np.asarray(bi_scores) + weight * np.asarray(ce_scores)


def _fuse_sample_std(bi_scores, ce_scores, weight):  # ddof=1
    def z(x):
        std = x.std(axis=1, ddof=1, keepdims=True)
        return np.divide(x - x.mean(axis=1, keepdims=True), std, out=np.zeros_like(x), where=std > 0)

    return z(bi_scores) + weight * z(ce_scores)


def _fuse_dividing_by_zero(bi_scores, ce_scores, weight):  # a row with no spread becomes nan
    def z(x):
        with np.errstate(invalid="ignore"):
            return (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)

    return z(bi_scores) + weight * z(ce_scores)


def _fuse_per_column(bi_scores, ce_scores, weight):  # standardises each candidate position over the queries
    return fuse_scores(bi_scores.T, ce_scores.T, weight).T


def _fuse_without_shape_check(bi_scores, ce_scores, weight):  # numpy broadcasts a (1, k) array silently
    return _zscore_rows(np.asarray(bi_scores, dtype=float)) + weight * _zscore_rows(np.asarray(ce_scores, dtype=float))


def _fuse_in_place(bi_scores, ce_scores, weight):  # overwrites the caller's arrays
    fused = fuse_scores(bi_scores, ce_scores, weight)
    bi_scores[:] = fused
    return fused


WRONG_ANSWERS = {
    "08b.1": [
        _fuse_raw_scores,
        _fuse_sample_std,
        _fuse_dividing_by_zero,
        _fuse_per_column,
        _fuse_without_shape_check,
        _fuse_in_place,
    ],
}
