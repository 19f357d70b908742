"""Approximate nearest-neighbour (ANN) benchmarks with FAISS: held-out queries, recall@k, single-query speed.

The protocol follows ann-benchmarks (Aumüller et al., 2020): the queries are not in the index,
the ground truth is exact search, and each index is judged by recall@k against queries per second.
Cosine similarity ("angular") becomes inner product on L2-normalised vectors.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import faiss
import numpy as np


def hold_out_queries(vectors: np.ndarray, n_queries: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split ``vectors`` into an index set and ``n_queries`` random held-out queries.

    Returns:
        (base, queries, query_rows): base (n - n_queries, dim) and queries (n_queries, dim) as
        float32 C-contiguous arrays; query_rows are the queries' row numbers in ``vectors``.

    Example:
        >>> base, queries, rows = hold_out_queries(np.eye(5), 2)
        >>> base.shape, queries.shape
        ((3, 5), (2, 5))
    """
    if not 0 < n_queries < len(vectors):
        raise ValueError(f"n_queries must be between 1 and {len(vectors) - 1}, got {n_queries}.")
    query_rows = np.random.default_rng(seed).choice(len(vectors), n_queries, replace=False)
    keep = np.ones(len(vectors), dtype=bool)
    keep[query_rows] = False
    base = np.ascontiguousarray(vectors[keep], dtype=np.float32)  # (n - n_queries, dim)
    queries = np.ascontiguousarray(vectors[query_rows], dtype=np.float32)  # (n_queries, dim)
    return base, queries, query_rows


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    """Mean fraction of the true ``k`` nearest neighbours that an ANN result found (order ignored).

    Args:
        found: (n_queries, >= k) ids returned by the index, best first (-1 for "none").
        truth: (n_queries, >= k) exact ids, best first.
        k: how many neighbours count.

    Example:
        >>> recall_at_k(np.array([[1, 2, 3]]), np.array([[3, 1, 9]]), k=3)
        0.6666666666666666
    """
    found, truth = np.asarray(found), np.asarray(truth)
    if found.ndim != 2 or truth.ndim != 2 or len(found) != len(truth):
        raise ValueError(
            f"found and truth must be (n_queries, k) arrays of equal length, got {found.shape} and {truth.shape}."
        )
    if min(found.shape[1], truth.shape[1]) < k:
        raise ValueError(f"need at least k={k} ids per query, got {found.shape[1]} found and {truth.shape[1]} true.")
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth, strict=True)]
    return float(np.mean(hits)) / k


def build_timed(make_index: Callable[[], faiss.Index], base: np.ndarray) -> tuple[faiss.Index, float]:
    """Create an index with ``make_index()``, train it if it needs training, add ``base``; time it all.

    Returns:
        (index, seconds).
    """
    start = time.perf_counter()
    index = make_index()
    if not index.is_trained:
        index.train(base)
    index.add(base)
    return index, time.perf_counter() - start


def index_megabytes(index: faiss.Index) -> float:
    """Size of the serialised index in MB (10^6 bytes): vectors plus the index structure."""
    return faiss.serialize_index(index).nbytes / 1e6


def search_one_at_a_time(index: faiss.Index, queries: np.ndarray, k: int, repeats: int = 1) -> tuple[np.ndarray, float]:
    """Search each query alone, as a service answering one request at a time would.

    Timings on a shared machine are noisy; with ``repeats > 1`` the loop runs several times and
    the fastest run counts (the least disturbed one, as ``timeit`` recommends).

    Returns:
        (ids, queries_per_second): ids (n_queries, k), best first.

    Example:
        >>> index = faiss.IndexFlatIP(2)
        >>> index.add(np.eye(2, dtype=np.float32))
        >>> search_one_at_a_time(index, np.array([[0.0, 1.0]], dtype=np.float32), k=1)[0].tolist()
        [[1]]
    """
    ids = np.empty((len(queries), k), dtype=np.int64)  # (n_queries, k)
    best_seconds = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for row, query in enumerate(queries):
            ids[row] = index.search(query[None, :], k)[1][0]
        best_seconds = min(best_seconds, time.perf_counter() - start)
    return ids, len(queries) / best_seconds


def benchmark(
    index: faiss.Index,
    queries: np.ndarray,
    truth: np.ndarray,
    k: int = 10,
    n_timed: int | None = None,
    repeats: int = 1,
) -> dict[str, float]:
    """Return ``{"recall@k": ..., "qps": ...}`` of ``index`` against the exact ids ``truth``.

    Recall is measured on all queries; speed (queries per second) on the first ``n_timed`` queries
    searched one at a time, the fastest of ``repeats`` runs. A FAISS index returns the same ids
    for a query alone or in a batch, so the two agree.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> from course_utils.similarity import unit_rows
        >>> base, queries = unit_rows(rng.normal(size=(50, 4))), unit_rows(rng.normal(size=(5, 4)))
        >>> index = faiss.IndexFlatIP(4)
        >>> index.add(base)
        >>> truth = np.argsort(-(queries @ base.T), axis=1)[:, :3]  # exact top 3, (5, 3)
        >>> benchmark(index, queries, truth, k=3)["recall@3"]
        1.0
    """
    recall = recall_at_k(index.search(queries, k)[1], truth, k)
    _, qps = search_one_at_a_time(index, queries[:n_timed], k, repeats)
    return {f"recall@{k}": recall, "qps": qps}
