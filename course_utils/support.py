"""The course's support-desk dataset (``data/support``) and the model fine-tuned on it.

Orbitly is a fictional team-workspace product; ``data/support/README.md`` says how its
help-centre articles, queries and tickets were written. Notebook 08 fine-tunes
all-MiniLM-L6-v2 on it; later notebooks reuse that model through :func:`load_domain_model`.
"""

from __future__ import annotations

import json
from pathlib import Path

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
    "hard_negatives": {"range_min": 1, "range_max": 20, "relative_margin": 0.05, "num_negatives": 1},
    "epochs": 1,
    "batch_size": 32,
    "learning_rate": 5e-5,
    "max_seq_length": 128,
    "profile": "quick",
}


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


def mine_support_negatives(model: SentenceTransformer, pairs: Dataset, settings: dict) -> Dataset:
    """Add one mined hard negative article to each (anchor, positive) pair.

    A thin wrapper of ``sentence_transformers.util.mine_hard_negatives`` that searches the
    whole article corpus (not only the articles that have training queries).

    Args:
        model: the model whose similarities rank the candidates.
        pairs: columns ``anchor`` and ``positive`` (see :func:`support_pairs`).
        settings: ``range_min``, ``range_max``, ``relative_margin`` (or ``absolute_margin``,
            ``max_score``) and ``num_negatives``, as in ``DOMAIN_CONFIG["hard_negatives"]``.

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
    max_seq_length: int = 128,
) -> SentenceTransformer:
    """Fine-tune a bi-encoder with MultipleNegativesRankingLoss (in-batch negatives).

    Args:
        train_dataset: (anchor, positive) or (anchor, positive, negative) columns; with a
            negative column each query also sees its own hard negative.
        model: the starting model (default: a fresh all-MiniLM-L6-v2).
        run_name: the trainer's output folder name under the course cache.
        epochs, batch_size, learning_rate: the usual; a no-duplicates batch sampler keeps
            one query per article in a batch, so in-batch negatives are real negatives.
        max_seq_length: tokens per text (articles are about 100 tokens).

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
    return model


def domain_config() -> dict:
    """Return :data:`DOMAIN_CONFIG` for the current profile (``full`` trains 3 epochs)."""
    return {**DOMAIN_CONFIG, "epochs": by_profile(quick=1, full=3), "profile": by_profile(quick="quick", full="full")}


def train_domain_model(config: dict | None = None) -> SentenceTransformer:
    """Train the domain model of notebook 08: mine hard negatives with the base model, then MNRL.

    Example:
        >>> model = train_domain_model()  # doctest: +SKIP  (about a minute on a 2-core CPU)
    """
    config = config or domain_config()
    base = load_model(config["base"])
    triplets = mine_support_negatives(base, support_pairs("train"), config["hard_negatives"])
    return train_support_biencoder(
        triplets,
        model=base,
        run_name="support-minilm-hn",
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
