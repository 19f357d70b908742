"""Reference solutions for notebook 10."""

import math


def bytes_per_vector(dimension: int, precision: str) -> int:
    if precision == "binary":
        return math.ceil(dimension / 8)
    return dimension * {"float32": 4, "float16": 2, "int8": 1}[precision]


def ndcg_at_10(ranking: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranking[:10], start=1) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), 10) + 1))
    return dcg / ideal


def pareto_front(models: dict[str, tuple[float, float]]) -> set[str]:
    def dominates(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[0] >= b[0] and a[1] >= b[1] and a != b

    return {name for name, point in models.items() if not any(dominates(other, point) for other in models.values())}


SOLUTIONS = {"10.1": bytes_per_vector, "10.2": ndcg_at_10, "10.3": pareto_front}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _bytes_binary_floor(dimension, precision):
    return dimension // 8 if precision == "binary" else bytes_per_vector(dimension, precision)


def _dcg_unnormalised(ranking, relevant):
    return sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranking[:10], start=1) if doc in relevant)


def _everyone_on_the_front(models):
    return set(models)


WRONG_ANSWERS = {
    "10.1": [_bytes_binary_floor],
    "10.2": [_dcg_unnormalised],
    "10.3": [_everyone_on_the_front],
}
