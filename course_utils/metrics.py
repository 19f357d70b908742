"""Retrieval metrics of ranked lists, for rankings made by any means (bi-encoder, re-ranker, database).

:func:`ranking_metrics` gives nDCG@k, MRR@k and Recall@k with binary relevance and one relevant
document per query, as sentence-transformers' ``InformationRetrievalEvaluator`` defines them.
"""

from __future__ import annotations

import math


def ranking_metrics(rankings: list[list[str]], relevant: list[str], k: int = 10) -> dict[str, float]:
    """Return nDCG@k, MRR@k and Recall@k of ranked lists, one relevant id per query.

    The same definitions as ``InformationRetrievalEvaluator`` (binary relevance), for rankings
    made by other means, such as a cross-encoder re-ranking a bi-encoder's candidates.

    Args:
        rankings: for each query, document ids best first.
        relevant: for each query, the id of its one relevant document.
        k: the cut-off.

    Example:
        >>> ranking_metrics([["a", "b"], ["b", "a"]], ["a", "a"])
        {'ndcg@10': 0.8154648767857288, 'mrr@10': 0.75, 'recall@10': 1.0}
    """
    if len(rankings) != len(relevant) or not rankings:
        raise ValueError(f"need one ranking per relevant id, got {len(rankings)} rankings and {len(relevant)} ids.")
    ndcg = mrr = recall = 0.0
    for ranked, rel in zip(rankings, relevant, strict=True):
        top = list(ranked[:k])
        if rel in top:
            rank = top.index(rel) + 1
            ndcg += 1 / math.log2(rank + 1)
            mrr += 1 / rank
            recall += 1
    n = len(rankings)
    return {f"ndcg@{k}": ndcg / n, f"mrr@{k}": mrr / n, f"recall@{k}": recall / n}
