"""The course's support-desk dataset (``data/support``): articles, queries, tickets, and its benchmark.

Orbitly is a fictional team-workspace product; ``data/support/README.md`` says how its
help-centre articles, queries and tickets were written. :func:`support_ir_evaluator` and
:func:`retrieve` rank the 180 articles for queries. The model notebook 08a fine-tunes on this
data, and notebook 08b's re-ranker, are in :mod:`course_utils.domain`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from datasets import Dataset
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.evaluation import InformationRetrievalEvaluator

from course_utils.config import course_data_path
from course_utils.similarity import rank_top_k

SPLITS = ("train", "dev", "test")
#: The version of ``data/support``; a model trained on it names it in its cache name (bump it when the data change,
#: so that models cached from the old data are retrained, not reused).
SUPPORT_DATA_VERSION = 2
METRICS = ("ndcg@10", "mrr@10", "recall@10")


def support_dir() -> Path:
    """Return the folder of the support-desk dataset (``data/support`` in the repository)."""
    path = course_data_path("support")
    if not (path / "articles.jsonl").exists():
        raise FileNotFoundError(
            f"The support-desk dataset is missing from {path}. It ships with the course repository; "
            "rebuild it with `python data/support/build_support_data.py`."
        )
    return path


def _read_jsonl(name: str) -> list[dict]:
    with (support_dir() / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_support_articles() -> Dataset:
    """Return the 180 help-centre articles: article_id, title, body, intent, module.

    ``intent`` (15 labels, 12 articles each) is the kind of problem an article solves, so
    ``title + body -> intent`` is also a small text-classification task.

    Example:
        >>> articles = load_support_articles()
        >>> articles.column_names
        ['article_id', 'title', 'body', 'intent', 'module']
    """
    return Dataset.from_list(_read_jsonl("articles.jsonl"))


def article_text(title: str, body: str) -> str:
    """Return the text that represents an article for retrieval: its title, a blank line, its body.

    Example:
        >>> article_text("Canvas: export", "Use the Export button.")
        'Canvas: export\\n\\nUse the Export button.'
    """
    return f"{title}\n\n{body}"


def support_corpus() -> dict[str, str]:
    """Return the retrieval corpus: ``{article_id: article_text(title, body)}``.

    Example:
        >>> len(support_corpus())
        180
    """
    return {a["article_id"]: article_text(a["title"], a["body"]) for a in _read_jsonl("articles.jsonl")}


def load_support_queries(split: str = "train") -> Dataset:
    """Return the labelled queries of ``split`` ("train", "dev" or "test"): query_id, query, article_id.

    The test queries were written with other phrasings than the training ones (see the
    dataset README); the dev queries are drawn like the test ones, with no text in common, so
    that choices made on dev carry over to test. Each query has exactly one relevant article.

    Example:
        >>> load_support_queries("test").column_names
        ['query_id', 'query', 'article_id']
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}.")
    return Dataset.from_list(_read_jsonl(f"queries_{split}.jsonl"))


def load_support_tickets() -> list[str]:
    """Return the unlabeled ticket sentences (1,600), for unsupervised or silver-label training.

    Example:
        >>> len(load_support_tickets())
        1600
    """
    return [row["text"] for row in _read_jsonl("tickets.jsonl")]


def support_pairs(split: str = "train", n: int | None = None, seed: int = 0) -> Dataset:
    """Return (query, article) text pairs of ``split``: columns ``anchor`` and ``positive``.

    This is the input of MultipleNegativesRankingLoss: each query with the text of its article.
    With ``n``, a reproducible random sample of ``n`` pairs (a few labels, as in notebook 09).

    Example:
        >>> support_pairs().column_names
        ['anchor', 'positive']
        >>> len(support_pairs("train", n=300))
        300
    """
    corpus = support_corpus()
    queries = load_support_queries(split)
    if n is not None:
        if not 1 <= n <= len(queries):
            raise ValueError(f"n={n}: the {split} split has {len(queries)} queries; ask for 1 to {len(queries)}.")
        queries = queries.shuffle(seed=seed).select(range(n))
    return Dataset.from_dict({"anchor": queries["query"], "positive": [corpus[a] for a in queries["article_id"]]})


def support_ir_evaluator(
    split: str = "test", name: str | None = None, batch_size: int = 64
) -> InformationRetrievalEvaluator:
    """Return an evaluator that ranks all 180 articles for every query of ``split``.

    It reports nDCG@10, MRR@10 and Recall@10 (plus Accuracy@1) under keys like
    ``"{name}_cosine_ndcg@10"``; :func:`ir_scores` turns them into a short dict.

    Example:
        >>> evaluator = support_ir_evaluator("test", name="support-test")
        >>> scores = ir_scores(evaluator(load_model()), evaluator)  # doctest: +SKIP
    """
    queries = load_support_queries(split)
    return InformationRetrievalEvaluator(
        queries=dict(zip(queries["query_id"], queries["query"], strict=True)),
        corpus=support_corpus(),
        relevant_docs={q: {a} for q, a in zip(queries["query_id"], queries["article_id"], strict=True)},
        mrr_at_k=[10],
        ndcg_at_k=[10],
        accuracy_at_k=[1, 10],
        precision_recall_at_k=[10],
        map_at_k=[10],
        batch_size=batch_size,
        name=name or f"support-{split}",
        write_csv=False,
    )


def ir_scores(results: dict[str, float], evaluator: InformationRetrievalEvaluator) -> dict[str, float]:
    """Return ``{"ndcg@10", "mrr@10", "recall@10"}`` from an evaluator's result dict.

    Example:
        >>> ev = support_ir_evaluator(name="t")
        >>> ir_scores({"t_cosine_ndcg@10": 0.5, "t_cosine_mrr@10": 0.4, "t_cosine_recall@10": 0.9}, ev)
        {'ndcg@10': 0.5, 'mrr@10': 0.4, 'recall@10': 0.9}
    """
    return {m: float(results[f"{evaluator.name}_cosine_{m}"]) for m in METRICS}


def retrieve(
    model: SentenceTransformer, queries: list[str], k: int = 10, corpus_embeddings: torch.Tensor | None = None
) -> tuple[list[list[str]], np.ndarray]:
    """Rank the support articles for each query by cosine similarity; return the top ``k``.

    Args:
        model: a bi-encoder.
        queries: query texts.
        k: how many article ids to return per query.
        corpus_embeddings: the articles' normalised embeddings in :func:`support_corpus` order,
            to skip re-encoding them (``model.encode(..., normalize_embeddings=True, convert_to_tensor=True)``).

    Returns:
        ``(ids, scores)``: for each query its top-``k`` article ids, best first, and a
        ``(len(queries), k)`` array of their cosine similarities.

    Example:
        >>> ids, scores = retrieve(load_model(), ["E-409 on my whiteboard"], k=3)  # doctest: +SKIP
        >>> scores.shape  # doctest: +SKIP
        (1, 3)
    """
    corpus = support_corpus()
    article_ids = list(corpus)
    if corpus_embeddings is None:
        corpus_embeddings = model.encode(list(corpus.values()), normalize_embeddings=True, convert_to_tensor=True)
    query_embeddings = model.encode(queries, normalize_embeddings=True, convert_to_tensor=True)  # (n, dim)
    values, indices = rank_top_k(query_embeddings @ corpus_embeddings.T, k)  # (n, k) each
    return [[article_ids[j] for j in row] for row in indices.tolist()], values.cpu().numpy()
