"""Evaluate sentence embeddings."""

from __future__ import annotations

from datasets import Dataset
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.evaluation import EmbeddingSimilarityEvaluator

from course_utils.data import require_sts_columns


def evaluate_sts(model: SentenceTransformer, dataset: Dataset, batch_size: int = 64) -> dict[str, float]:
    """Score a model on scored sentence pairs: correlation of cosine similarity with the gold score.

    Uses sentence-transformers' ``EmbeddingSimilarityEvaluator`` (the same numbers as
    MTEB's STS tasks).

    Args:
        model: any SentenceTransformer.
        dataset: columns sentence1, sentence2, score (see :func:`course_utils.load_sts`).
        batch_size: sentences encoded at once.

    Returns:
        ``{"spearman_cosine": ..., "pearson_cosine": ...}``.

    Example:
        >>> evaluate_sts(load_model(), load_sts("stsb"))["spearman_cosine"]  # doctest: +SKIP
        0.8203...
    """
    require_sts_columns(dataset)
    if len(dataset) < 2:
        raise ValueError("a correlation needs at least 2 scored pairs.")
    evaluator = EmbeddingSimilarityEvaluator(
        dataset["sentence1"],
        dataset["sentence2"],
        dataset["score"],
        batch_size=batch_size,
        similarity_fn_names=["cosine"],
        write_csv=False,
    )
    results = evaluator(model)
    return {key: float(results[key]) for key in ("spearman_cosine", "pearson_cosine")}
