"""Living with an embedding index: model upgrades and blue-green re-indexing.

Vectors from two models live in two different spaces, so an index is tied to the model that
built it. This module keeps that link explicit:

- :class:`VectorIndex`: normalised document vectors plus the name of the model that made them
  and a *probe* vector (the model's embedding of :data:`PROBE_TEXT`) that identifies the model.
- :func:`build_index`, :func:`search` and :func:`evaluate_index`: build, query (refusing a model
  other than the index's own, see :class:`ModelMismatchError`) and score an index; :func:`top_ids`
  ranks any similarity matrix.
- :func:`switch_if_better` and :func:`rollback`: blue-green deployment of a re-built index.

Smaller vectors (fewer dimensions, int8, binary) are in :mod:`course_utils.quantization`.

Example:
    >>> live = build_index(load_model(), {"a": "reset password"}, label="v1")  # doctest: +SKIP
    >>> search(live, load_model(), ["forgot my password"], k=1)[0]  # doctest: +SKIP
    [['a']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from course_utils.metrics import ranking_metrics
from course_utils.similarity import rank_top_k

#: The fixed text every index embeds with its model: same model, same probe vector.
PROBE_TEXT = "How do I reset my password?"


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
    scores, top = rank_top_k(similarity, k, stable=True)  # (n_queries, k) each, best first
    return [[ids[j] for j in row] for row in top.tolist()], scores.numpy()


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


__all__ = [
    "PROBE_TEXT",
    "Deployment",
    "ModelMismatchError",
    "VectorIndex",
    "build_index",
    "check_same_model",
    "encode_normalized",
    "evaluate_index",
    "rollback",
    "search",
    "switch_if_better",
    "top_ids",
]
