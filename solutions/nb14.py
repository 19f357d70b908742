"""Reference solutions for notebook 14."""

import math

import numpy as np


def reciprocal_rank_fusion(rankings: list[list[str]], k: float) -> list[str]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1 / (k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def ef_search_for_filter(k: int, selectivity: float) -> int:
    return min(1000, math.ceil(k / selectivity))


def to_vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(repr(float(x)) for x in np.asarray(vector, np.float32)) + "]"


SOLUTIONS = {"14.1": reciprocal_rank_fusion, "14.2": ef_search_for_filter, "14.3": to_vector_literal}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _rrf_ranks_from_zero(rankings: list[list[str]], k: float) -> list[str]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking):  # the best document gets rank 0, not 1
            scores[doc] = scores.get(doc, 0.0) + 1 / (k + rank)
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def _ef_search_scaled_down(k: int, selectivity: float) -> int:
    return max(k, math.ceil(k * selectivity))  # a selective filter needs more candidates, not fewer


def _vector_literal_of_numpy_reprs(vector: np.ndarray) -> str:
    return str(list(np.asarray(vector, np.float32)))  # "[np.float32(0.1), ...]" in NumPy 2


WRONG_ANSWERS = {
    "14.1": _rrf_ranks_from_zero,
    "14.2": _ef_search_scaled_down,
    "14.3": _vector_literal_of_numpy_reprs,
}
