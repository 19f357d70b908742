"""course_utils.metrics.ranking_metrics against hand-computed values and the naive loop of test_support."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_utils.metrics import ranking_metrics
from tests.test_support import _naive_ir_metrics


def test_hand_computed_toy_case():
    # hits at rank 1, rank 2 and none
    got = ranking_metrics([["a", "b"], ["b", "a"], ["c"]], ["a", "a", "a"])
    assert got["ndcg@10"] == pytest.approx((1 + 1 / math.log2(3) + 0) / 3)
    assert got["mrr@10"] == pytest.approx((1 + 1 / 2 + 0) / 3)
    assert got["recall@10"] == pytest.approx(2 / 3)


def test_the_cut_off_drops_hits_below_k():
    ranking = [str(i) for i in range(12)]  # the relevant "11" is 12th
    assert ranking_metrics([ranking], ["11"], k=10) == {"ndcg@10": 0.0, "mrr@10": 0.0, "recall@10": 0.0}
    assert ranking_metrics([ranking], ["11"], k=12)["mrr@12"] == pytest.approx(1 / 12)


def test_agrees_with_the_naive_embedding_loop():
    rng = np.random.default_rng(0)
    queries, docs = rng.normal(size=(40, 8)), rng.normal(size=(30, 8))
    relevant = rng.integers(0, 30, size=40).tolist()
    expected = _naive_ir_metrics(queries, docs, relevant)
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    d = docs / np.linalg.norm(docs, axis=1, keepdims=True)
    rankings = [[str(j) for j in np.argsort(-(d @ row), kind="stable")] for row in q]  # full rankings
    got = ranking_metrics(rankings, [str(r) for r in relevant])
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="one ranking per relevant id"):
        ranking_metrics([["a"]], ["a", "b"])
