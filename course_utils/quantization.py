"""Smaller embeddings: fewer dimensions (Matryoshka-style truncation), float16, int8 and binary vectors.

:func:`bytes_per_vector` says what each costs; :func:`similarity_matrix` and
:func:`pairwise_similarity` compare vectors stored in each precision;
:func:`binary_search_with_rescore` searches binary vectors and re-ranks with the float query.
"""

from __future__ import annotations

import numpy as np

from course_utils.similarity import rank_top_k, unit_rows

#: Bytes one value takes in each precision (binary: one bit per dimension, see :func:`bytes_per_vector`).
PRECISIONS = {"float32": 4.0, "float16": 2.0, "int8": 1.0, "ubinary": 1 / 8}


def bytes_per_vector(dimension: int, precision: str) -> int:
    """Bytes one ``dimension``-d vector takes in ``precision`` (binary bits rounded up to whole bytes).

    Example:
        >>> bytes_per_vector(384, "float32"), bytes_per_vector(384, "ubinary")
        (1536, 48)
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {sorted(PRECISIONS)}, not {precision!r}.")
    if precision == "ubinary":
        return (dimension + 7) // 8
    return int(dimension * PRECISIONS[precision])


def truncate_and_normalize(vectors: np.ndarray, dimension: int) -> np.ndarray:
    """Keep the first ``dimension`` components of each row and rescale the rows to unit length (float32).

    Example:
        >>> truncate_and_normalize(np.array([[3.0, 4.0, 12.0]]), 2)
        array([[0.6, 0.8]], dtype=float32)
    """
    if not 1 <= dimension <= vectors.shape[1]:
        raise ValueError(f"dimension must be in [1, {vectors.shape[1]}], not {dimension}.")
    return unit_rows(vectors[:, :dimension], keep_zero=True)  # (n, dimension)


def similarity_matrix(
    a: np.ndarray, b: np.ndarray, precision: str = "float32", dimension: int | None = None
) -> np.ndarray:
    """Return the ``(len(a), len(b))`` similarities of two sets of (quantized) embeddings.

    - float32, float16, int8: cosine of the vectors as stored (int8 codes read as numbers);
    - ubinary (``np.packbits`` rows): the fraction of equal bits, ``1 - hamming / dimension``.

    Args:
        a, b: ``(n, d)`` and ``(m, d)`` arrays of one precision.
        precision: ``"float32"``, ``"float16"``, ``"int8"`` or ``"ubinary"``.
        dimension: the number of real bits for ubinary (default: 8 bytes per byte, no padding).

    Example:
        >>> similarity_matrix(np.packbits([[1, 1, 0, 0]], axis=1), np.packbits([[1, 0, 0, 0]], axis=1), "ubinary", 4)
        array([[0.75]])
    """
    if precision == "ubinary":
        bits = dimension or 8 * a.shape[1]
        xor = np.bitwise_xor(a[:, None, :], b[None, :, :])  # (n, m, bytes)
        return 1.0 - np.bitwise_count(xor).sum(axis=2) / bits  # (n, m)
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {sorted(PRECISIONS)}, not {precision!r}.")
    return unit_rows(a, keep_zero=True) @ unit_rows(b, keep_zero=True).T  # (n, m)


def pairwise_similarity(
    a: np.ndarray, b: np.ndarray, precision: str = "float32", dimension: int | None = None
) -> np.ndarray:
    """Return the similarity of each row of ``a`` with the same row of ``b``, shape ``(n,)``.

    The precisions are those of :func:`similarity_matrix`.

    Example:
        >>> pairwise_similarity(np.eye(2), np.array([[1.0, 0.0], [1.0, 1.0]])).round(3)
        array([1.   , 0.707], dtype=float32)
    """
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}.")
    if precision == "ubinary":
        bits = dimension or 8 * a.shape[1]
        return 1.0 - np.bitwise_count(np.bitwise_xor(a, b)).sum(axis=1) / bits  # (n,)
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {sorted(PRECISIONS)}, not {precision!r}.")
    return (unit_rows(a, keep_zero=True) * unit_rows(b, keep_zero=True)).sum(axis=1)  # (n,)


def binary_search_with_rescore(
    query_vectors: np.ndarray, doc_bits: np.ndarray, k: int = 10, rescore_multiplier: int = 4
) -> np.ndarray:
    """Search packed binary documents by Hamming distance, then re-rank the top ``k * rescore_multiplier``.

    The re-ranking scores each candidate by the float query times the candidate's bits read as
    ``±1`` (only the binary documents are stored), as ``semantic_search_faiss``'s rescoring does.

    Args:
        query_vectors: ``(n_queries, dim)`` float query embeddings.
        doc_bits: ``(n_docs, ceil(dim / 8))`` ``np.packbits`` rows (``quantize_embeddings(..., "ubinary")``).
        k: results per query.
        rescore_multiplier: how many times ``k`` candidates the binary search keeps.

    Returns:
        ``(n_queries, k)`` document indices, best first.
    """
    dim = query_vectors.shape[1]
    query_bits = np.packbits(query_vectors > 0, axis=1)  # (n_queries, bytes)
    hamming = similarity_matrix(query_bits, doc_bits, "ubinary", dim)  # (n_queries, n_docs)
    n_candidates = min(k * rescore_multiplier, doc_bits.shape[0])
    candidates = rank_top_k(hamming, n_candidates, stable=True)[1].numpy()  # (n_queries, n_candidates)
    signs = np.unpackbits(doc_bits, axis=1)[:, :dim].astype(np.float32) * 2 - 1  # (n_docs, dim), ±1
    rescored = np.einsum("qd,qcd->qc", query_vectors.astype(np.float32), signs[candidates])  # (n_queries, n_candidates)
    order = rank_top_k(rescored, k, stable=True)[1].numpy()  # (n_queries, min(k, n_candidates))
    return np.take_along_axis(candidates, order, axis=1)
