"""Living with an embedding index: model upgrades (blue-green re-indexing) and smaller vectors.

Vectors from two models live in two different spaces, so an index is tied to the model that
built it. This module keeps that link explicit:

- :class:`VectorIndex`: normalised document vectors plus the name of the model that made them
  and a *probe* vector (the model's embedding of :data:`PROBE_TEXT`) that identifies the model.
- :func:`build_index`, :func:`search` and :func:`evaluate_index`: build, query (refusing a model
  other than the index's own, see :class:`ModelMismatchError`) and score an index; :func:`top_ids`
  ranks any similarity matrix.
- :func:`switch_if_better` and :func:`rollback`: blue-green deployment of a re-built index.
- :func:`truncate_and_normalize`, :func:`similarity_matrix`, :func:`pairwise_similarity` and
  :func:`binary_search_with_rescore`: shrinking vectors (fewer dimensions, int8, binary).

Example:
    >>> live = build_index(load_model(), {"a": "reset password"}, label="v1")  # doctest: +SKIP
    >>> search(live, load_model(), ["forgot my password"], k=1)[0]  # doctest: +SKIP
    [['a']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from course_utils.support import ranking_metrics

#: The fixed text every index embeds with its model: same model, same probe vector.
PROBE_TEXT = "How do I reset my password?"

#: Bytes one value takes in each precision (binary: one bit per dimension, see :func:`bytes_per_vector`).
PRECISIONS = {"float32": 4.0, "float16": 2.0, "int8": 1.0, "ubinary": 1 / 8}


class ModelMismatchError(ValueError):
    """Raised when an index is queried with a model other than the one that built it."""


def encode_normalized(model, texts: Sequence[str]) -> np.ndarray:
    """Return ``model``'s unit-length float32 embeddings of ``texts``, shape ``(len(texts), dim)``.

    An empty list gives a ``(0, dim)`` array (``model.encode([])`` would not know the dimension).

    Example:
        >>> encode_normalized(load_model(), ["a cat"]).shape  # doctest: +SKIP
        (1, 384)
    """
    if len(texts) == 0:
        return np.zeros((0, model.get_embedding_dimension()), dtype=np.float32)
    vectors = np.asarray(model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True), np.float32)
    return vectors  # (n, dim)


@dataclass(frozen=True)
class VectorIndex:
    """Document vectors and the identity of the model that made them.

    Attributes:
        model_name: a human-readable name of the model (shown in errors).
        label: the index version, e.g. ``"blue-v1"``.
        ids: document ids, in the order of ``vectors``' rows.
        vectors: ``(n_docs, dim)`` float32, unit-length rows.
        probe: the model's unit-length embedding of :data:`PROBE_TEXT`, shape ``(dim,)``.
    """

    model_name: str
    label: str
    ids: tuple[str, ...]
    vectors: np.ndarray
    probe: np.ndarray

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.ids):
            raise ValueError(
                f"vectors must be (n_docs, dim) with one row per id, got {self.vectors.shape} for {len(self.ids)} ids."
            )
        if self.probe.shape != (self.vectors.shape[1],):
            raise ValueError(f"probe must have shape ({self.vectors.shape[1]},), got {self.probe.shape}.")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def dimension(self) -> int:
        """The vector dimension."""
        return int(self.vectors.shape[1])

    @property
    def nbytes(self) -> int:
        """Bytes the document vectors take."""
        return int(self.vectors.nbytes)


def build_index(model, corpus: Mapping[str, str], label: str, model_name: str | None = None) -> VectorIndex:
    """Embed every document of ``corpus`` (``{id: text}``) with ``model`` into a new :class:`VectorIndex`.

    Args:
        model: anything with ``encode(texts, normalize_embeddings=True, convert_to_numpy=True)`` and
            ``get_embedding_dimension()`` (a SentenceTransformer).
        corpus: document ids and texts; may be empty.
        label: the version label of the new index.
        model_name: the model's name (default: the class name of ``model``).

    Example:
        >>> index = build_index(load_model(), support_corpus(), label="blue")  # doctest: +SKIP
        >>> index.vectors.shape  # doctest: +SKIP
        (180, 384)
    """
    ids = tuple(corpus)
    vectors = encode_normalized(model, [corpus[i] for i in ids])  # (n_docs, dim)
    probe = encode_normalized(model, [PROBE_TEXT])[0]  # (dim,)
    return VectorIndex(model_name or type(model).__name__, label, ids, vectors, probe)


def check_same_model(index: VectorIndex, model, atol: float = 1e-4) -> None:
    """Raise :class:`ModelMismatchError` unless ``model`` is the model that built ``index``.

    Two checks: the dimension, and the probe: the same model embeds :data:`PROBE_TEXT` to the same
    vector (up to ``atol``, for float noise between machines); another model, even a fine-tuned
    descendant of the same size, does not.
    """
    probe = encode_normalized(model, [PROBE_TEXT])[0]  # (dim,)
    if probe.shape != index.probe.shape:
        raise ModelMismatchError(
            f"index {index.label!r} holds {index.dimension}-d vectors of {index.model_name}, but the query model "
            f"makes {probe.shape[0]}-d vectors: the spaces cannot be mixed. Re-index the corpus with the new model "
            "(build_index) and query the new index."
        )
    if not np.allclose(probe, index.probe, atol=atol):
        cosine = float(probe @ index.probe)
        raise ModelMismatchError(
            f"index {index.label!r} was built with {index.model_name}, and the query model embeds the probe text "
            f"differently (cosine {cosine:.3f} with the index's probe): it is another model, whose vectors live in "
            "another space. Re-index the corpus with the new model (build_index) and query the new index."
        )


def search(index: VectorIndex, model, queries: Sequence[str], k: int = 10) -> tuple[list[list[str]], np.ndarray]:
    """Return the top-``k`` document ids per query and their cosine similarities, ``(n_queries, k)``.

    Refuses (:class:`ModelMismatchError`) a model other than the one that built the index.

    Example:
        >>> ids, scores = search(index, model, ["E-409 on my board"], k=3)  # doctest: +SKIP
    """
    check_same_model(index, model)
    if len(index) == 0:
        raise ValueError(f"index {index.label!r} is empty: there is nothing to search.")
    query_vectors = encode_normalized(model, queries)  # (n_queries, dim)
    return top_ids(query_vectors @ index.vectors.T, index.ids, k)


def top_ids(similarity: np.ndarray, ids: Sequence[str], k: int = 10) -> tuple[list[list[str]], np.ndarray]:
    """Return the ``k`` best ids per row of a ``(n_queries, n_docs)`` similarity matrix and their scores.

    Works for any similarity (cosine of float or int8 vectors, Hamming similarity of bits). Ties keep
    the order of ``ids``; ``k`` larger than the number of documents returns them all, ranked.

    Example:
        >>> top_ids(np.array([[0.1, 0.9, 0.5]]), ["a", "b", "c"], k=2)[0]
        [['b', 'c']]
    """
    if similarity.ndim != 2 or similarity.shape[1] != len(ids):
        raise ValueError(f"similarity must be (n_queries, {len(ids)}) for {len(ids)} ids, got {similarity.shape}.")
    top = np.argsort(-similarity, axis=1, kind="stable")[:, : min(k, len(ids))]  # (n_queries, k), best first
    return [[ids[j] for j in row] for row in top], np.take_along_axis(similarity, top, axis=1)


def evaluate_index(
    index: VectorIndex, model, queries: Sequence[str], relevant_ids: Sequence[str], k: int = 10
) -> dict[str, float]:
    """Return nDCG@k, MRR@k and Recall@k of ``index`` queried with ``model`` (one relevant id per query).

    Example:
        >>> evaluate_index(index, model, test["query"], test["article_id"])  # doctest: +SKIP
        {'ndcg@10': 0.54..., 'mrr@10': 0.48..., 'recall@10': 0.73...}
    """
    rankings, _ = search(index, model, queries, k=k)
    return ranking_metrics(rankings, list(relevant_ids), k=k)


@dataclass(frozen=True)
class Deployment:
    """Which index serves, and the one kept aside for a rollback.

    Attributes:
        serving: the index that answers queries.
        standby: the other index, kept until the new one is proven (``None`` when there is none).
        switched: whether the last decision changed the serving index.
        reason: why, in one sentence.
    """

    serving: VectorIndex
    standby: VectorIndex | None
    switched: bool
    reason: str


def switch_if_better(
    live: VectorIndex,
    candidate: VectorIndex,
    live_metrics: Mapping[str, float],
    candidate_metrics: Mapping[str, float],
    metric: str = "ndcg@10",
    min_gain: float = 0.01,
) -> Deployment:
    """Blue-green decision: serve ``candidate`` when it beats ``live`` on ``metric`` by at least ``min_gain``.

    A tie (a gain of 0) never switches, even with ``min_gain=0``: re-pointing traffic has a cost and
    nothing to gain. Whatever the decision, the other index stays as ``standby`` for a rollback.

    Args:
        live: the index serving now.
        candidate: the new index, built beside it.
        live_metrics, candidate_metrics: their scores on the same evaluation set.
        metric: the key that decides.
        min_gain: the smallest improvement worth a switch (absolute, >= 0).

    Example:
        >>> switch_if_better(blue, green, {"ndcg@10": 0.55}, {"ndcg@10": 0.80}).serving.label  # doctest: +SKIP
        'green'
    """
    if min_gain < 0:
        raise ValueError(f"min_gain={min_gain} must be >= 0.")
    for name, metrics in (("live_metrics", live_metrics), ("candidate_metrics", candidate_metrics)):
        if metric not in metrics:
            raise KeyError(f"{name} has no {metric!r}: it has {sorted(metrics)}.")
    gain = float(candidate_metrics[metric]) - float(live_metrics[metric])
    if gain > 0 and gain >= min_gain - 1e-12:  # 1e-12: 0.56 - 0.55 must count as a gain of 0.01
        reason = f"{candidate.label} beats {live.label} on {metric} by {gain:+.4f} (>= {min_gain}): switch"
        return Deployment(serving=candidate, standby=live, switched=True, reason=reason)
    reason = f"{candidate.label} vs {live.label} on {metric}: {gain:+.4f} (< {min_gain} or no gain): keep {live.label}"
    return Deployment(serving=live, standby=candidate, switched=False, reason=reason)


def rollback(deployment: Deployment, reason: str = "rollback") -> Deployment:
    """Serve the standby index again (the swap a blue-green setup makes cheap).

    Example:
        >>> rollback(deployment).serving.label  # doctest: +SKIP
        'blue'
    """
    if deployment.standby is None:
        raise ValueError("there is no standby index to roll back to.")
    return Deployment(serving=deployment.standby, standby=deployment.serving, switched=True, reason=reason)


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
    return _as_float_unit(vectors[:, :dimension])  # (n, dimension)


def _as_float_unit(x: np.ndarray) -> np.ndarray:
    """float32 copy of ``x`` with unit-length rows; an all-zero row stays zero."""
    x = x.astype(np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)  # (n, 1)
    return x / np.where(norms == 0, 1, norms)


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
    return _as_float_unit(a) @ _as_float_unit(b).T  # (n, m)


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
    return (_as_float_unit(a) * _as_float_unit(b)).sum(axis=1)  # (n,)


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
    candidates = np.argsort(-hamming, axis=1, kind="stable")[:, :n_candidates]  # (n_queries, n_candidates)
    signs = np.unpackbits(doc_bits, axis=1)[:, :dim].astype(np.float32) * 2 - 1  # (n_docs, dim), ±1
    rescored = np.einsum("qd,qcd->qc", query_vectors.astype(np.float32), signs[candidates])  # (n_queries, n_candidates)
    order = np.argsort(-rescored, axis=1, kind="stable")[:, : min(k, n_candidates)]
    return np.take_along_axis(candidates, order, axis=1)


__all__ = [
    "PRECISIONS",
    "PROBE_TEXT",
    "Deployment",
    "ModelMismatchError",
    "VectorIndex",
    "binary_search_with_rescore",
    "build_index",
    "bytes_per_vector",
    "check_same_model",
    "encode_normalized",
    "evaluate_index",
    "pairwise_similarity",
    "rollback",
    "search",
    "similarity_matrix",
    "switch_if_better",
    "top_ids",
    "truncate_and_normalize",
]
