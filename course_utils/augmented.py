"""Augmented SBERT helpers of notebook 08c: silver labels from a fused re-ranker and a confidence threshold chosen
on dev.
"""

from __future__ import annotations

import math

import numpy as np

from course_utils.domain import fuse_scores


def fused_top1(
    candidate_ids: list[list[str]], bi_scores: np.ndarray, ce_scores: np.ndarray, weight: float
) -> tuple[list[str], np.ndarray]:
    """Label each query with its best candidate under :func:`~course_utils.domain.fuse_scores`, and say how sure.

    Args:
        candidate_ids: one list of k article ids per query, in the order of the scores (the bi-encoder's ranking).
        bi_scores, ce_scores: ``(n_queries, k)`` bi-encoder and cross-encoder scores of those candidates.
        weight: the cross-encoder's weight in the fused score ``z(bi) + weight * z(ce)``.

    Returns:
        The id with the highest fused score per query (a tie goes to the earlier candidate), and the margins: that
        score minus the second best, shape ``(n_queries,)``, all ``>= 0``.

    Example:
        >>> ids, margins = fused_top1(
        ...     [["a", "b", "c"], ["d", "e", "f"]],
        ...     np.array([[0.9, 0.5, 0.1], [0.2, 0.6, 0.4]]),
        ...     np.array([[1.0, 3.0, 2.0], [0.5, -1.0, 2.5]]),
        ...     weight=0.5,
        ... )
        >>> ids, margins.round(3)
        (['a', 'e'], array([0.   , 0.004]))
    """
    bi_scores, ce_scores = np.asarray(bi_scores, dtype=float), np.asarray(ce_scores, dtype=float)
    lengths = sorted({len(row) for row in candidate_ids})
    if len(lengths) > 1:
        raise ValueError(f"candidate_ids has rows of {lengths} ids: give every query the same k candidates.")
    ids_shape = (len(candidate_ids), *lengths)
    if len(ids_shape) != 2 or not ids_shape == bi_scores.shape == ce_scores.shape:
        raise ValueError(
            f"candidate_ids {ids_shape}, bi_scores {bi_scores.shape} and ce_scores {ce_scores.shape} must have one "
            "(n_queries, k) shape: one id and two scores per candidate, in the same order."
        )
    if ids_shape[1] < 2:
        raise ValueError(f"a margin needs at least 2 candidates per query, not {ids_shape[1]}: retrieve k >= 2.")
    fused = fuse_scores(bi_scores, ce_scores, weight)
    best = fused.argmax(axis=1)  # the first of equal maxima: the bi-encoder's order breaks ties
    second, first = np.sort(fused, axis=1)[:, -2:].T
    return [row[i] for row, i in zip(candidate_ids, best, strict=True)], first - second


def silver_threshold(margins: np.ndarray, correct: np.ndarray) -> float:
    """Choose the labeller's confidence threshold on labelled dev queries: keep a silver label when its margin >= t.

    ``t`` is the distinct margin that maximises right minus wrong labels kept (a wrong label hurts about as much as
    a right one helps); of equally good thresholds, the smallest (more silver).

    Args:
        margins: 1-D finite margins of the dev queries' labels (:func:`fused_top1`).
        correct: 1-D booleans (or 0/1), whether each label is right.

    Returns:
        The threshold, or ``math.inf`` (keep nothing) when no threshold keeps more right labels than wrong ones.

    Example:
        >>> silver_threshold([0.9, 0.5, 0.5, 0.2, 0.1], [True, True, False, True, False])
        0.2
        >>> silver_threshold([0.9, 0.5], [0, 1])
        inf
    """
    margins, correct = np.asarray(margins, dtype=float), np.asarray(correct)
    if margins.ndim != 1 or correct.ndim != 1:
        raise ValueError(f"margins {margins.shape} and correct {correct.shape} must be 1-D: one value per dev query.")
    if len(margins) != len(correct):
        raise ValueError(
            f"margins has {len(margins)} values but correct has {len(correct)}: give one of each per dev query."
        )
    if not len(margins):
        raise ValueError("margins and correct are empty: pass the labelled dev queries' margins and verdicts.")
    if not np.isfinite(margins).all():
        raise ValueError("margins must be finite numbers: drop or fix the labels whose margin is nan or inf.")
    if not np.isin(correct, (0, 1)).all():
        raise ValueError("correct must hold booleans (or 0/1): whether each dev label is right.")
    order = np.argsort(-margins, kind="stable")  # largest margin first: keeping down to t keeps a prefix
    descending = margins[order]
    net = np.cumsum(np.where(correct[order].astype(bool), 1, -1))
    last_of_equals = np.r_[descending[1:] != descending[:-1], True]  # labels with equal margins are kept together
    thresholds, net = descending[last_of_equals], net[last_of_equals]
    best = len(net) - 1 - int(np.argmax(net[::-1]))  # the last (smallest) threshold of the maxima
    return float(thresholds[best]) if net[best] > 0 else math.inf
