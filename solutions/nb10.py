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
