"""The course's support-desk dataset (``data/support``) and the model fine-tuned on it.

Orbitly is a fictional team-workspace product; ``data/support/README.md`` says how its
help-centre articles, queries and tickets were written. Notebook 08 fine-tunes
all-MiniLM-L6-v2 on it; later notebooks reuse that model through :func:`load_domain_model`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import torch
from datasets import Dataset
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.evaluation import InformationRetrievalEvaluator

from course_utils.config import by_profile, course_data_path
from course_utils.models import cache_name, load_model, load_or_train
from course_utils.seed import set_seed
from course_utils.training import training_args

SPLITS = ("train", "test")
METRICS = ("ndcg@10", "mrr@10", "recall@10")

#: The training recipe of the model :func:`load_domain_model` returns (notebook 08's best run).
DOMAIN_CONFIG = {
    "base": "all-MiniLM-L6-v2",
    "data": "support-train-v1",
    "loss": "MultipleNegativesRankingLoss",
    "hard_negatives": None,
    "epochs": 1,
    "batch_size": 32,
    "learning_rate": 5e-5,
    "max_seq_length": 64,
    "profile": "quick",
}

#: Mining settings of notebook 08 (``sentence_transformers.util.mine_hard_negatives``).
HARD_NEGATIVE_SETTINGS = {"range_min": 0, "range_max": 20, "relative_margin": 0.05, "num_negatives": 1}

#: Tokens kept when encoding: every article fits (at most 98 tokens), so nothing is cut at test time.
ENCODE_MAX_SEQ_LENGTH = 128


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
    """Return the labelled queries of ``split`` ("train" or "test"): query_id, query, article_id.

    The test queries were written with other phrasings than the training ones (see the
    dataset README); each query has exactly one relevant article.

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


def support_pairs(split: str = "train") -> Dataset:
    """Return (query, article) text pairs of ``split``: columns ``anchor`` and ``positive``.

    This is the input of MultipleNegativesRankingLoss: each query with the text of its article.

    Example:
        >>> support_pairs().column_names
        ['anchor', 'positive']
    """
    corpus = support_corpus()
    queries = load_support_queries(split)
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
    scores = query_embeddings @ corpus_embeddings.T  # (n, n_articles)
    top = torch.topk(scores, k=min(k, len(article_ids)), dim=1)
    return [[article_ids[j] for j in row] for row in top.indices.tolist()], top.values.cpu().numpy()


def mine_support_negatives(model: SentenceTransformer, pairs: Dataset, settings: dict) -> Dataset:
    """Add one mined hard negative article to each (anchor, positive) pair.

    A thin wrapper of ``sentence_transformers.util.mine_hard_negatives`` that searches the
    whole article corpus (not only the articles that have training queries).

    Args:
        model: the model whose similarities rank the candidates.
        pairs: columns ``anchor`` and ``positive`` (see :func:`support_pairs`).
        settings: ``range_min``, ``range_max``, ``relative_margin`` (or ``absolute_margin``,
            ``max_score``) and ``num_negatives``, as in :data:`HARD_NEGATIVE_SETTINGS`.

    Returns:
        A dataset with columns anchor, positive, negative (one row per pair and negative).
    """
    from sentence_transformers.util import mine_hard_negatives

    return mine_hard_negatives(
        pairs,
        model,
        corpus=list(support_corpus().values()),
        sampling_strategy="top",
        output_format="triplet",
        batch_size=64,
        verbose=False,
        **settings,
    )


def train_support_biencoder(
    train_dataset: Dataset,
    model: SentenceTransformer | None = None,
    run_name: str = "support-minilm",
    epochs: int = 1,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    max_seq_length: int = 64,
) -> SentenceTransformer:
    """Fine-tune a bi-encoder with MultipleNegativesRankingLoss (in-batch negatives).

    Args:
        train_dataset: (anchor, positive) or (anchor, positive, negative) columns; with a
            negative column each query also sees its own hard negative.
        model: the starting model (default: a fresh all-MiniLM-L6-v2).
        run_name: the trainer's output folder name under the course cache.
        epochs, batch_size, learning_rate: the usual; a no-duplicates batch sampler keeps
            one query per article in a batch, so in-batch negatives are real negatives.
        max_seq_length: tokens per text while training: 64 keeps an article's title and first
            sentences (module, object, error code) and halves the cost on a CPU; afterwards
            the model encodes up to ``ENCODE_MAX_SEQ_LENGTH`` tokens, i.e. whole articles.

    Returns:
        The trained model (on the course device).
    """
    from sentence_transformers import SentenceTransformerTrainer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    set_seed(42)
    model = model if model is not None else load_model()
    model.max_seq_length = max_seq_length
    args = training_args(
        run_name,
        num_train_epochs=epochs,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
        batch_sampler="no_duplicates",
    )
    trainer = SentenceTransformerTrainer(
        model=model, args=args, train_dataset=train_dataset, loss=MultipleNegativesRankingLoss(model)
    )
    trainer.train()
    model.max_seq_length = ENCODE_MAX_SEQ_LENGTH
    return model


def train_support_cross_encoder(
    train_dataset: Dataset,
    run_name: str = "support-cross-encoder",
    epochs: int = 1,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    max_length: int = 96,
):
    """Train a cross-encoder from the all-MiniLM-L6-v2 checkpoint with binary cross-entropy.

    No pretrained cross-encoder is installable offline, so the course trains its own: the
    same 6-layer BERT weights, a new one-output classification head, and (query, article,
    label) rows with label 1 for the right article and 0 for mined negatives.

    Args:
        train_dataset: columns ``query``, ``article``, ``label`` (0.0 or 1.0).
        run_name: the trainer's output folder name under the course cache.
        epochs, batch_size, learning_rate: the usual.
        max_length: tokens of the query and article together.

    Returns:
        A ``CrossEncoder`` whose ``predict`` gives a relevance probability (sigmoid).
    """
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

    from course_utils.models import model_path

    missing = {"query", "article", "label"} - set(train_dataset.column_names)
    if missing:
        raise ValueError(f"the cross-encoder's training data lacks the columns {sorted(missing)}.")
    set_seed(42)
    model = CrossEncoder(str(model_path("all-MiniLM-L6-v2")), num_labels=1, max_length=max_length)
    args = training_args(
        run_name,
        args_class=CrossEncoderTrainingArguments,
        num_train_epochs=epochs,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
    )
    trainer = CrossEncoderTrainer(
        model=model, args=args, train_dataset=train_dataset, loss=BinaryCrossEntropyLoss(model)
    )
    trainer.train()
    return model


def domain_config() -> dict:
    """Return :data:`DOMAIN_CONFIG` for the current profile (``full`` trains 3 epochs)."""
    return {**DOMAIN_CONFIG, "epochs": by_profile(quick=1, full=3), "profile": by_profile(quick="quick", full="full")}


def train_domain_model(config: dict | None = None) -> SentenceTransformer:
    """Train the domain model of notebook 08: MNRL on the training pairs (mining hard negatives
    with the base model first when ``config["hard_negatives"]`` holds mining settings).

    Example:
        >>> model = train_domain_model()  # doctest: +SKIP  (about a minute on a 2-core CPU)
    """
    config = config or domain_config()
    base = load_model(config["base"])
    data = support_pairs("train")
    if config["hard_negatives"]:
        data = mine_support_negatives(base, data, config["hard_negatives"])
    return train_support_biencoder(
        data,
        model=base,
        run_name="support-minilm",
        epochs=config["epochs"],
        batch_size=config["batch_size"],
        learning_rate=config["learning_rate"],
        max_seq_length=config["max_seq_length"],
    )


def domain_model_name(config: dict | None = None) -> str:
    """Return the course-cache name of the domain model, e.g. ``support-minilm-1a2b3c4d``."""
    return cache_name("support-minilm", config or domain_config())


def load_domain_model(device=None) -> SentenceTransformer:
    """Return all-MiniLM-L6-v2 fine-tuned on the support desk (notebook 08's best model).

    Loaded from the course cache when notebook 08 (or an earlier call) saved it, trained
    otherwise (about a minute on a 2-core CPU) and then cached.

    Example:
        >>> model = load_domain_model()  # doctest: +SKIP
        >>> model.encode(["E-409 on my whiteboard"]).shape  # doctest: +SKIP
        (1, 384)
    """
    config = domain_config()
    return load_or_train(domain_model_name(config), lambda: train_domain_model(config), device=device)
