"""Cosine similarity, unit-length rows and top-k ranking: the one implementation of each.

:func:`unit_rows` (NumPy) and :func:`cos_sim` (torch) normalise; :func:`rank_top_k` ranks any
score matrix (cosine, Hamming similarity, a re-ranker's scores); :func:`top_k` is both at once,
for embeddings.
"""

from __future__ import annotations

import numpy as np
import torch


def _as_tensor_rows(x, name: str) -> torch.Tensor:
    t = x if isinstance(x, torch.Tensor) else torch.as_tensor(np.asarray(x, dtype=np.float32))
    if t.dim() == 1:
        t = t.unsqueeze(0)
    if t.dim() != 2:
        raise ValueError(f"{name} must be a vector or a (n, dim) matrix, got shape {tuple(t.shape)}.")
    return t.float()


def unit_rows(vectors, dtype=np.float32, keep_zero: bool = False) -> np.ndarray:
    """Return a C-contiguous copy of ``vectors`` with rows of length 1 (cosine = inner product).

    Args:
        vectors: a ``(n, dim)`` array (a single vector counts as one row).
        dtype: the dtype of the copy (float32 for search indexes, float64 for scikit-learn).
        keep_zero: keep an all-zero row as zeros (similarity 0 with everything) instead of
            refusing it; a zero vector has no direction, so searching with one is usually a bug.

    Example:
        >>> unit_rows(np.array([[3.0, 4.0]])).tolist()
        [[0.6000000238418579, 0.800000011920929]]
        >>> unit_rows(np.array([[0.0, 0.0]]), keep_zero=True).tolist()
        [[0.0, 0.0]]
    """
    vectors = np.array(vectors, dtype=dtype, ndmin=2)  # (n, dim), a copy
    if vectors.ndim != 2:
        raise ValueError(f"vectors must be a vector or a (n, dim) matrix, got shape {vectors.shape}.")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)  # (n, 1)
    if np.any(norms == 0):
        if not keep_zero:
            raise ValueError("a zero vector has no direction: remove it, or pass keep_zero=True to keep it as zeros.")
        norms = np.where(norms == 0, 1, norms)
    return np.ascontiguousarray(vectors / norms)


def cos_sim(a, b) -> torch.Tensor:
    """Return the matrix of cosine similarities between the rows of ``a`` and ``b``.

    Accepts tensors, NumPy arrays or lists; a single vector counts as one row. A zero
    vector has similarity 0 with everything (as in scikit-learn).

    Args:
        a: (n, dim) embeddings.
        b: (m, dim) embeddings.

    Returns:
        (n, m) tensor, entry [i, j] = cos(a[i], b[j]).

    Example:
        >>> cos_sim([[1.0, 0.0]], [[1.0, 0.0], [0.0, 2.0]])
        tensor([[1., 0.]])
    """
    a, b = _as_tensor_rows(a, "a"), _as_tensor_rows(b, "b")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"a has {a.shape[1]} dimensions and b has {b.shape[1]}: embed both with the same model.")
    a = torch.nn.functional.normalize(a, p=2, dim=1)  # (n, dim), unit rows
    b = torch.nn.functional.normalize(b, p=2, dim=1)  # (m, dim)
    return a @ b.T  # (n, m)


def rank_top_k(scores, k: int, stable: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Return the ``k`` highest entries of each row of a score matrix and their columns, best first.

    ``k`` larger than the number of columns returns them all, ranked.

    Args:
        scores: ``(n_queries, n_docs)`` tensor or array (any similarity: higher is better).
        k: how many to keep per row.
        stable: how exact ties are ordered. ``False``: as ``torch.topk`` orders them (what
            :func:`top_k` and the lessons' searches have always returned). ``True``: in column
            order, like NumPy's stable ``argsort``, for scores with many ties (quantized
            vectors, Hamming similarities) that must rank the same on every machine.

    Returns:
        (scores, indices), each ``(n_queries, min(k, n_docs))``; scores keep their dtype.

    Example:
        >>> values, idx = rank_top_k([[0.5, 0.9, 0.5]], k=2, stable=True)
        >>> idx.tolist(), values.tolist()
        ([[1, 0]], [[0.9, 0.5]])
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}.")
    scores = torch.as_tensor(np.asarray(scores) if not isinstance(scores, torch.Tensor) else scores)
    if scores.dim() != 2:
        raise ValueError(f"scores must be a (n_queries, n_docs) matrix, got shape {tuple(scores.shape)}.")
    if scores.shape[1] == 0:
        raise ValueError("the corpus is empty: there is nothing to search.")
    if not stable:
        return torch.topk(scores, k=min(k, scores.shape[1]), dim=1)  # (n_queries, k) each
    values, indices = torch.sort(scores, dim=1, descending=True, stable=True)  # (n_queries, n_docs)
    return values[:, :k], indices[:, :k]


def top_k(query_embeddings, corpus_embeddings, k: int = 5) -> tuple[torch.Tensor, torch.Tensor]:
    """Return the ``k`` most cosine-similar corpus rows for each query, best first.

    ``k`` larger than the corpus returns the whole corpus, ranked.

    Returns:
        (scores, indices), each (n_queries, k).

    Example:
        >>> scores, idx = top_k([[1.0, 0.0]], [[0.0, 1.0], [1.0, 0.1]], k=1)
        >>> idx.tolist()
        [[1]]
    """
    return rank_top_k(cos_sim(query_embeddings, corpus_embeddings), k)  # (n_queries, n_corpus) scores
