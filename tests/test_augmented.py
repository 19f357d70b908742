"""Tests of notebook 08c's Augmented SBERT helpers: the fused top-1 silver label and the dev-chosen threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_utils.augmented import fused_top1, silver_threshold
from course_utils.domain import fuse_scores


def naive_threshold(margins, correct) -> float:
    """For each distinct margin t, count the right and wrong labels with margin >= t; the smallest best t."""
    best_t, best_net = math.inf, 0
    for t in sorted(set(margins)):
        kept = [bool(c) for m, c in zip(margins, correct, strict=True) if m >= t]
        net = kept.count(True) - kept.count(False)
        if net > best_net:  # smallest first: a larger t must gain strictly more
            best_t, best_net = float(t), net
    return best_t


def naive_top1(candidate_ids, bi_scores, ce_scores, weight):
    ids, margins = [], []
    for row_ids, row in zip(candidate_ids, fuse_scores(bi_scores, ce_scores, weight), strict=True):
        first, second = np.argsort(-row, kind="stable")[:2]
        ids.append(row_ids[first])
        margins.append(row[first] - row[second])
    return ids, np.array(margins)


def test_threshold_matches_a_naive_loop_on_random_dev_sets():
    rng = np.random.default_rng(0)
    for trial in range(400):
        n = int(rng.integers(1, 40))
        ties = (trial // 4) % 2  # every other 4 trials: a few distinct margins, many ties
        margins = rng.integers(0, rng.integers(1, 8), size=n) / 8 if ties else rng.random(n)
        # all wrong, all right, right at random, or more often right at a higher margin (a best t in the middle)
        p_right = (0.0, 1.0, rng.random(), margins)[trial % 4]
        correct = rng.random(n) < p_right
        assert silver_threshold(margins, correct) == naive_threshold(margins, correct), (margins, correct)
        assert silver_threshold(margins, correct.astype(int)) == naive_threshold(margins, correct)


@pytest.mark.parametrize(
    ("margins", "correct", "expected"),
    [
        ([0.9, 0.5, 0.5, 0.2, 0.1], [1, 1, 0, 1, 0], 0.2),  # nets by t: 0.9 -> 1, 0.5 -> 1, 0.2 -> 2, 0.1 -> 1
        ([0.8, 0.6, 0.5], [1, 0, 1], 0.5),  # 0.8 and 0.5 both net 1: the smaller keeps more silver
        ([0.4, 0.4, 0.4], [1, 1, 0], 0.4),  # equal margins are kept together: net 1
        ([0.4, 0.4, 0.1], [1, 0, 1], 0.1),  # t = 0.4 keeps a right and a wrong label: net 0; t = 0.1 gains
        ([0.3, 0.2, 0.1], [1, 1, 1], 0.1),  # all right: keep everything
        ([0.3, 0.2, 0.1], [0, 0, 0], math.inf),  # all wrong: keep nothing
        ([0.9, 0.6, 0.3], [0, 1, 0], math.inf),  # the best net is 0: no gain
        ([0.7], [True], 0.7),
        ([0.7], [False], math.inf),
        ([0.5, -0.5, 0.0], [0, 1, 1], -0.5),  # margins may be any finite numbers
    ],
)
def test_threshold_by_hand(margins, correct, expected):
    assert silver_threshold(np.array(margins), np.array(correct)) == expected
    assert silver_threshold(margins, [bool(c) for c in correct]) == expected  # lists work too


def test_threshold_does_not_change_its_inputs():
    margins, correct = np.array([0.2, 0.9, 0.5]), np.array([True, False, True])
    silver_threshold(margins, correct)
    assert margins.tolist() == [0.2, 0.9, 0.5] and correct.tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("margins", "correct", "message"),
    [
        ([], [], "empty"),
        ([0.1, 0.2], [True], "margins has 2 values but correct has 1"),
        ([0.1, math.nan], [True, False], "finite"),
        ([0.1, math.inf], [True, False], "finite"),
        ([[0.1, 0.2]], [[True, False]], "1-D"),
        ([0.1, 0.2], [1, 2], "booleans"),
    ],
)
def test_threshold_rejects_bad_input(margins, correct, message):
    with pytest.raises(ValueError, match=message):
        silver_threshold(margins, correct)


def test_top1_matches_a_naive_loop_with_ties_and_flat_rows():
    rng = np.random.default_rng(1)
    for trial in range(50):
        n, k = int(rng.integers(1, 6)), int(rng.integers(2, 8))
        bi, ce = rng.integers(0, 3, size=(n, k)) / 2, rng.integers(-2, 3, size=(n, k)).astype(float)  # many ties
        bi[0], ce[-1] = 0.25, 1.0  # a row of equal scores in each
        ids = [[f"q{q}-a{i}" for i in range(k)] for q in range(n)]
        for weight in (0.0, 0.5, 1.0, 3.0):
            got_ids, got_margins = fused_top1(ids, bi, ce, weight)
            want_ids, want_margins = naive_top1(ids, bi, ce, weight)
            assert got_ids == want_ids, (trial, weight)
            assert got_margins.shape == (n,) and np.array_equal(got_margins, want_margins)
            assert (got_margins >= 0).all()


def test_top1_by_hand():
    ids = [["a", "b", "c"], ["d", "e", "f"]]
    bi = np.array([[0.3, 0.2, 0.1], [0.5, 0.5, 0.5]])
    ce = np.array([[1.0, 1.0, 1.0], [0.0, 2.0, 2.0]])
    got_ids, margins = fused_top1(ids, bi, ce, weight=1.0)
    assert got_ids == ["a", "e"]  # flat ce row: the bi-encoder's order; "e" and "f" tie: the earlier wins
    assert np.allclose(margins, [1.5**0.5, 0.0])
    got_ids, margins = fused_top1(ids, bi, ce, weight=0.0)  # weight 0: the bi-encoder's top 1
    assert got_ids == ["a", "d"] and np.allclose(margins, [1.5**0.5, 0.0])


@pytest.mark.parametrize(
    ("ids", "bi_shape", "ce_shape", "message"),
    [
        ([["a", "b"], ["c", "d", "e"]], (2, 3), (2, 3), r"rows of \[2, 3\] ids"),
        ([["a", "b", "c"]], (1, 3), (1, 2), r"candidate_ids \(1, 3\), bi_scores \(1, 3\) and ce_scores \(1, 2\)"),
        ([["a", "b", "c"]], (2, 3), (2, 3), r"candidate_ids \(1, 3\), bi_scores \(2, 3\)"),
        ([["a", "b", "c"]], (3,), (3,), r"bi_scores \(3,\) and ce_scores \(3,\) must have one \(n_queries, k\) shape"),
        ([["a"], ["b"]], (2, 1), (2, 1), "at least 2 candidates"),
    ],
)
def test_top1_rejects_bad_shapes(ids, bi_shape, ce_shape, message):
    with pytest.raises(ValueError, match=message):
        fused_top1(ids, np.zeros(bi_shape), np.zeros(ce_shape), 1.0)
