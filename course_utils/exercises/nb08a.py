"""Checkers for notebook 08a (domain fine-tuning)."""

from __future__ import annotations

from course_utils.exercises import exercise
from course_utils.metrics import ranking_metrics

RANKINGS = [["a", "b", "c"], ["b", "c", "a"], ["x", "y", "z"], [str(i) for i in range(12)]]
RELEVANT = ["a", "a", "a", "11"]


@exercise("08a.1", "write mrr_at_10(ranked_ids, relevant_id): 1/rank of relevant_id in the top 10, else 0.")
def check_mrr(mrr_at_10) -> None:
    for ranked, rel in zip(RANKINGS, RELEVANT, strict=True):
        expected = ranking_metrics([ranked], [rel])["mrr@10"]
        got = mrr_at_10(ranked, rel)
        assert abs(float(got) - expected) < 1e-9, f"mrr_at_10({ranked}, {rel!r}) returned {got}, expected {expected}."
