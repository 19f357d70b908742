"""Checkers for notebook 14 (vector databases: PostgreSQL + pgvector)."""

from __future__ import annotations

import math

import numpy as np

from course_utils.exercises import exercise


def _reference_rrf(rankings, k):
    scores = {}
    for ranking in rankings:
        for position, doc in enumerate(ranking):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + position + 1)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


@exercise("14.1", "write reciprocal_rank_fusion(rankings, k): ids best first by sum of 1/(k + rank), ties by id.")
def check_rrf(rrf) -> None:
    cases = [
        ([["a", "b", "c"], ["c", "a"]], 60),
        ([["a", "b"], ["b", "a"]], 60),  # a tie: broken by id
        ([["x", "y", "z"], ["z", "y", "x"], ["y"]], 1),
        ([["d1"], [], ["d2", "d1"]], 10),
        ([["b", "a", "c", "d"], ["d", "c"]], 0.5),
    ]
    for rankings, k in cases:
        expected = _reference_rrf(rankings, k)
        got = list(rrf([list(r) for r in rankings], k))
        assert got == expected, (
            f"for rankings {rankings} and k={k} expected {expected}, got {got}: ranks start at 1, each list adds "
            "1 / (k + rank) to an id's score, and equal scores are ordered by id."
        )


@exercise("14.2", "write ef_search_for_filter(k, selectivity): smallest ef_search with k matching rows on average.")
def check_ef_search(ef_search_for_filter) -> None:
    cases = [(10, 0.1, 100), (10, 0.5, 20), (10, 1.0, 10), (10, 0.03, 334), (40, 0.25, 160), (10, 0.005, 1000)]
    for k, selectivity, expected in cases:
        got = ef_search_for_filter(k, selectivity)
        assert got == expected, (
            f"ef_search_for_filter({k}, {selectivity}) returned {got}, expected {expected}: ef_search * selectivity "
            "candidates match on average, so take ceil(k / selectivity), at most 1000."
        )
        assert isinstance(got, (int, np.integer)), f"return an int (SET hnsw.ef_search takes an integer), got {got!r}."
    assert math.ceil(10 / 0.03) == 334


@exercise("14.3", "write to_vector_literal(vector): '[x1,x2,...]' that parses back to the same float32 values.")
def check_vector_literal(to_vector_literal) -> None:
    rng = np.random.default_rng(3)
    for vector in [np.array([0.5, 1.0, -2.0], np.float32), rng.normal(size=384).astype(np.float32)]:
        text = to_vector_literal(vector.copy())
        assert isinstance(text, str) and text.startswith("[") and text.endswith("]"), (
            f"pgvector's text form is '[x1,x2,...]' (square brackets, commas), got {str(text)[:40]!r}."
        )
        parsed = np.array([float(x) for x in text[1:-1].split(",")], dtype=np.float32)
        assert parsed.shape == vector.shape, f"expected {vector.shape[0]} values, got {parsed.shape[0]}."
        assert np.array_equal(parsed, vector), (
            "the values do not parse back to the same float32 numbers: do not round (e.g. f'{x:.4f}'); "
            "repr(float(x)) of each float32 value is exact."
        )
