"""Cosine similarity and top-k search over embeddings."""

from __future__ import annotations

import numpy as np
import torch


def _as_matrix(x, name: str) -> torch.Tensor:
    t = x if isinstance(x, torch.Tensor) else torch.as_tensor(np.asarray(x, dtype=np.float32))
    if t.dim() == 1:
        t = t.unsqueeze(0)
    if t.dim() != 2:
        raise ValueError(f"{name} must be a vector or a (n, dim) matrix, got shape {tuple(t.shape)}.")
    return t.float()


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
    a, b = _as_matrix(a, "a"), _as_matrix(b, "b")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"a has {a.shape[1]} dimensions and b has {b.shape[1]}: embed both with the same model.")
    a = torch.nn.functional.normalize(a, p=2, dim=1)  # (n, dim), unit rows
    b = torch.nn.functional.normalize(b, p=2, dim=1)  # (m, dim)
    return a @ b.T  # (n, m)


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
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}.")
    scores = cos_sim(query_embeddings, corpus_embeddings)  # (n_queries, n_corpus)
    if scores.shape[1] == 0:
        raise ValueError("the corpus is empty: there is nothing to search.")
    return torch.topk(scores, k=min(k, scores.shape[1]), dim=1)
