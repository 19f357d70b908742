"""Checkers for notebook 10 (evaluation with MTEB)."""

from __future__ import annotations

import math

from course_utils.exercises import exercise


@exercise("10.1", "write bytes_per_vector(dimension, precision) for float32, float16, int8 and binary.")
def check_bytes_per_vector(bytes_per_vector) -> None:
    for dimension in (50, 256, 384, 1000):
        expected = {"float32": 4 * dimension, "float16": 2 * dimension, "int8": dimension, "binary": -(-dimension // 8)}
        for precision, value in expected.items():
            got = bytes_per_vector(dimension, precision)
            assert got == value, f"bytes_per_vector({dimension}, {precision!r}) returned {got}, expected {value}."


def _reference_ndcg(ranking: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(rank + 2) for rank, doc in enumerate(ranking[:10]) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), 10)))
    return dcg / ideal


NDCG_CASES = [
    (["a", "b", "c"], {"a"}),
    (["b", "a", "c"], {"a"}),
    (["x", "y", "z"], {"a"}),
    ([f"d{i}" for i in range(15)], {"d10"}),  # relevant at rank 11: outside the top 10
    (["a", "x", "b", "y"], {"a", "b"}),
    (["x", "a"], {"a", "b", "c"}),
]


@exercise("10.2", "write ndcg_at_10(ranking, relevant) with binary relevance.")
def check_ndcg_at_10(ndcg_at_10) -> None:
    for ranking, relevant in NDCG_CASES:
        got = ndcg_at_10(ranking, relevant)
        expected = _reference_ndcg(ranking, relevant)
        assert abs(float(got) - expected) < 1e-9, (
            f"ndcg_at_10({ranking}, {relevant}) returned {got}, expected {expected:.4f}."
        )


PARETO_CASES = [
    ({"a": (0.8, 100.0), "b": (0.6, 1000.0), "c": (0.5, 500.0), "d": (0.8, 50.0)}, {"a", "b"}),
    ({"only": (0.1, 1.0)}, {"only"}),
    ({"x": (0.5, 10.0), "y": (0.5, 10.0)}, {"x", "y"}),  # ties dominate nobody
    (
        {"slow-good": (0.9, 10.0), "fast-bad": (0.1, 10_000.0), "middle": (0.5, 100.0)},
        {"slow-good", "fast-bad", "middle"},
    ),
]


@exercise("10.3", "write pareto_front({name: (quality, speed)}) -> the names no other model dominates.")
def check_pareto_front(pareto_front) -> None:
    for models, expected in PARETO_CASES:
        got = set(pareto_front(models))
        assert got == expected, f"pareto_front({models}) returned {sorted(got)}, expected {sorted(expected)}."
