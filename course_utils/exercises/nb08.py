"""Checkers for notebook 08 (domain fine-tuning)."""

from __future__ import annotations

import numpy as np
from datasets import Dataset

from course_utils.exercises import exercise
from course_utils.metrics import ranking_metrics

RANKINGS = [["a", "b", "c"], ["b", "c", "a"], ["x", "y", "z"], [str(i) for i in range(12)]]
RELEVANT = ["a", "a", "a", "11"]


@exercise("08.1", "write mrr_at_10(ranked_ids, relevant_id): 1/rank of relevant_id in the top 10, else 0.")
def check_mrr(mrr_at_10) -> None:
    for ranked, rel in zip(RANKINGS, RELEVANT, strict=True):
        expected = ranking_metrics([ranked], [rel])["mrr@10"]
        got = mrr_at_10(ranked, rel)
        assert abs(float(got) - expected) < 1e-9, f"mrr_at_10({ranked}, {rel!r}) returned {got}, expected {expected}."


@exercise("08.2", "write cross_encoder_rows(triplets): (anchor, positive, 1.0) then (anchor, negative, 0.0) per row.")
def check_ce_rows(cross_encoder_rows) -> None:
    triplets = Dataset.from_dict({"anchor": ["q1", "q2"], "positive": ["p1", "p2"], "negative": ["n1", "n2"]})
    got = cross_encoder_rows(triplets)
    expected = {"query": ["q1", "q1", "q2", "q2"], "article": ["p1", "n1", "p2", "n2"], "label": [1.0, 0.0, 1.0, 0.0]}
    assert isinstance(got, dict), f"return a dict of lists, not {type(got).__name__}."
    for key, value in expected.items():
        assert key in got, f"the dict lacks the key {key!r}."
        assert list(got[key]) == value, f"{key!r} should be {value}, got {list(got[key])}."


@exercise(
    "08.3", "write silver_pairs(queries, candidate_ids, probs, threshold): best candidate per query if >= threshold."
)
def check_silver(silver_pairs) -> None:
    queries = ["my board is locked", "I attached a screenshot", "export timesheets"]
    candidates = [["KB-0101", "KB-0201"], ["KB-0301", "KB-0401"], ["KB-0709", "KB-0708"]]
    probs = np.array([[0.2, 0.9], [0.1, 0.3], [0.7, 0.6]])
    got = silver_pairs(queries, candidates, probs, threshold=0.5)
    expected = [("my board is locked", "KB-0201"), ("export timesheets", "KB-0709")]
    assert [tuple(p) for p in got] == expected, f"expected {expected}, got {got}."
    assert [tuple(p) for p in silver_pairs(queries, candidates, probs, threshold=0.95)] == [], (
        "with threshold 0.95 no pair qualifies."
    )
