"""The domain model of notebook 08a (all-MiniLM-L6-v2 fine-tuned on the support desk) and 08b's re-ranker.

Training helpers for bi-encoders (MultipleNegativesRankingLoss, optional mined hard negatives)
and cross-encoder re-rankers (the cross-encoder MultipleNegativesRankingLoss, score fusion) on
:mod:`course_utils.support`'s data; later notebooks reuse the best bi-encoder configuration,
:data:`DOMAIN_CONFIG`, through :func:`load_domain_model`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from datasets import Dataset, DatasetDict
from sentence_transformers import SentenceTransformer
from transformers import TrainerCallback

from course_utils.config import by_profile
from course_utils.contrastive import mine_negatives
from course_utils.models import load_model
from course_utils.seed import set_seed
from course_utils.support import SUPPORT_DATA_VERSION, retrieve, support_corpus, support_pairs
from course_utils.training import cache_name, fit, load_or_train, training_args

#: The training recipe of the model :func:`load_domain_model` returns (notebook 08a's best run).
DOMAIN_CONFIG = {
    "base": "all-MiniLM-L6-v2",
    "data": f"support-train-v{SUPPORT_DATA_VERSION}",
    "loss": "MultipleNegativesRankingLoss",
    "hard_negatives": None,
    "epochs": 2,
    "batch_size": 32,
    "learning_rate": 5e-5,
    "max_seq_length": 64,
    "profile": "quick",
}

#: Mining settings of notebook 08a (``sentence_transformers.util.mine_hard_negatives``).
HARD_NEGATIVE_SETTINGS = {"range_min": 0, "range_max": 100, "relative_margin": 0.05, "num_negatives": 1}

#: How many of the bi-encoder's candidates the cross-encoder re-ranks.
RERANK_TOP_K = 20

#: Tokens of (query, title) the re-ranker reads; chosen on dev in notebook 08b (48 was slower and no better).
RERANK_MAX_LENGTH = 40

#: The readable part of the domain model's cache name.
DOMAIN_CACHE_BASE = "support-minilm"

#: Tokens kept when encoding: every article fits (at most 98 tokens), so nothing is cut at test time.
ENCODE_MAX_SEQ_LENGTH = 128


def mine_support_negatives(model: SentenceTransformer, pairs: Dataset, settings: dict) -> Dataset:
    """Add one mined hard negative article to each (anchor, positive) pair.

    :func:`course_utils.contrastive.mine_negatives` (``mine_hard_negatives`` without its statistics and
    progress bars) over the whole article corpus, not only the articles that have training queries.

    Args:
        model: the model whose similarities rank the candidates.
        pairs: columns ``anchor`` and ``positive`` (see :func:`support_pairs`).
        settings: ``range_min``, ``range_max``, ``relative_margin`` (or ``absolute_margin``,
            ``max_score``) and ``num_negatives``, as in :data:`HARD_NEGATIVE_SETTINGS`.

    Returns:
        A dataset with columns anchor, positive, negative (one row per pair and negative).
    """
    return mine_negatives(pairs, model, list(support_corpus().values()), batch_size=64, **settings)


def hard_negative_dataset(model: SentenceTransformer, pairs: Dataset, settings: dict) -> DatasetDict:
    """Mine one hard negative per pair, and keep the pairs for which no candidate passed the filters.

    ``mine_hard_negatives`` drops a query when none of its candidates is far enough below its
    positive (the margin): often the queries the model finds hardest. Dropping them would train
    on fewer and easier queries than plain MNRL; here they stay, with in-batch negatives only.

    Returns:
        A ``DatasetDict`` for multi-dataset training: ``mined`` (anchor, positive, negative) and
        ``unmined`` (anchor, positive), together every pair of ``pairs`` once.
    """
    mined = mine_support_negatives(model, pairs, settings)
    kept = set(mined["anchor"])
    return DatasetDict({"mined": mined, "unmined": pairs.filter(lambda row: row["anchor"] not in kept)})


def train_support_biencoder(
    train_dataset: Dataset,
    model: SentenceTransformer | None = None,
    run_name: str = "support-minilm",
    epochs: int = 1,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    max_seq_length: int = 64,
    seed: int = 42,
    matryoshka_dims: list[int] | None = None,
    on_epoch_end: Callable[[SentenceTransformer], None] | None = None,
) -> SentenceTransformer:
    """Fine-tune a bi-encoder with MultipleNegativesRankingLoss (in-batch negatives).

    Args:
        train_dataset: (anchor, positive) or (anchor, positive, negative) columns; with a
            negative column each query also sees its own hard negative. A ``DatasetDict`` of
            such datasets (see :func:`hard_negative_dataset`) trains on all of them.
        model: the starting model (default: a fresh all-MiniLM-L6-v2).
        run_name: the trainer's output folder name under the course cache.
        epochs, batch_size, learning_rate: the usual; a no-duplicates batch sampler keeps
            one query per article in a batch, so in-batch negatives are real negatives.
        max_seq_length: tokens per text while training: 64 keeps an article's title and first
            sentences (module, object, error code) and halves the cost on a CPU; afterwards
            the model encodes up to ``ENCODE_MAX_SEQ_LENGTH`` tokens, i.e. whole articles.
        seed: seeds the run (set before the model is loaded, and the trainer's seed).
        matryoshka_dims: when given (e.g. ``[384, 256, 128, 64, 32]``), MNRL is wrapped in ``MatryoshkaLoss``:
            the same loss on the first ``d`` dimensions of every embedding, for each ``d``, summed.
        on_epoch_end: called with the model after every epoch, while it encodes whole articles
            (``ENCODE_MAX_SEQ_LENGTH`` tokens), e.g. to score it on a dev split and choose the epochs.

    Returns:
        The trained model (on the course device).
    """
    from sentence_transformers.sentence_transformer.losses import MatryoshkaLoss, MultipleNegativesRankingLoss

    set_seed(seed)
    model = model if model is not None else load_model()
    model.max_seq_length = max_seq_length
    args = training_args(
        run_name,
        num_train_epochs=epochs,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
        batch_sampler="no_duplicates",
        seed=seed,
        data_seed=seed,
    )
    loss = MultipleNegativesRankingLoss(model)
    if matryoshka_dims:
        loss = MatryoshkaLoss(model, loss, matryoshka_dims=matryoshka_dims)
    callbacks = [_EpochEnd(model, on_epoch_end)] if on_epoch_end else None
    fit(model, args, train_dataset, loss, callbacks=callbacks)
    model.max_seq_length = ENCODE_MAX_SEQ_LENGTH
    return model


class _EpochEnd(TrainerCallback):
    """Call ``hook(model)`` after every epoch, with the model encoding whole articles meanwhile."""

    def __init__(self, model: SentenceTransformer, hook: Callable[[SentenceTransformer], None]):
        self.model, self.hook = model, hook

    def on_epoch_end(self, args, state, control, **kwargs):
        training_length, self.model.max_seq_length = self.model.max_seq_length, ENCODE_MAX_SEQ_LENGTH
        try:
            self.hook(self.model)
        finally:
            self.model.max_seq_length = training_length


def reranker_rows(
    bi_encoder: SentenceTransformer, pairs: Dataset, texts: dict[str, str], num_negatives: int = 3
) -> Dataset:
    """Training rows for a re-ranker: each query, its article, and the bi-encoder's highest-ranked wrong articles.

    The negatives are the confusions the cross-encoder must undo at search time: the wrong articles the
    first stage ranks highest for the query (its near misses), in rank order.

    Args:
        bi_encoder: the first-stage model whose top 20 the cross-encoder will re-rank.
        pairs: columns ``query`` and ``article_id`` (e.g. ``load_support_queries("train")``).
        texts: the text the cross-encoder reads for each article id (e.g. its title).
        num_negatives: wrong articles per query (at most 19: the rest of a top 20).

    Returns:
        A dataset with columns ``query``, ``positive``, ``negative_1`` ... ``negative_{num_negatives}``,
        the layout of the cross-encoder ``MultipleNegativesRankingLoss``.
    """
    if not 1 <= num_negatives < RERANK_TOP_K:
        raise ValueError(f"num_negatives must be between 1 and {RERANK_TOP_K - 1} (the rest of a top {RERANK_TOP_K}).")
    missing = {"query", "article_id"} - set(pairs.column_names)
    if missing:
        raise ValueError(f"pairs lacks the columns {sorted(missing)}: pass load_support_queries(split).")
    candidates, _ = retrieve(bi_encoder, list(pairs["query"]), k=RERANK_TOP_K)
    wrong = [
        [a for a in ids if a != gold][:num_negatives] for ids, gold in zip(candidates, pairs["article_id"], strict=True)
    ]
    rows = {"query": list(pairs["query"]), "positive": [texts[a] for a in pairs["article_id"]]}
    for i in range(num_negatives):
        rows[f"negative_{i + 1}"] = [texts[negatives[i]] for negatives in wrong]
    return Dataset.from_dict(rows)


def train_support_reranker(
    train_dataset: Dataset,
    start: str | Path,
    run_name: str = "support-reranker",
    epochs: int = 2,
    batch_size: int = 16,
    learning_rate: float = 3e-4,
    max_length: int = RERANK_MAX_LENGTH,
    seed: int = 42,
):
    """Train a cross-encoder re-ranker with the cross-encoder ``MultipleNegativesRankingLoss``.

    The cross-encoder reads (query, article text) together and outputs one logit. It starts from the
    transformer of ``start`` (a saved bi-encoder: it already knows the domain's words) with a new
    one-output head. For each query, the loss is a softmax over its right article, its mined negatives
    and one other query's article from the batch, so the model learns to *rank* candidates.

    Args:
        train_dataset: columns ``query``, ``positive``, ``negative_1`` ... (see :func:`reranker_rows`).
        start: the folder of a saved model whose transformer the cross-encoder starts from.
        run_name: the trainer's output folder name under the course cache.
        epochs, batch_size, learning_rate: the usual (one epoch is too few here: see notebook 08b).
        max_length: tokens of query and article text together (longer pairs lose the end of the query).
        seed: seeds the new head's weights and the trainer.

    Returns:
        A ``CrossEncoder``; ``predict(pairs, activation_fn=torch.nn.Identity())`` gives its logits.
    """
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import MultipleNegativesRankingLoss

    columns = train_dataset.column_names
    if (
        columns[:2] != ["query", "positive"]
        or not all(c.startswith("negative_") for c in columns[2:])
        or len(columns) < 3
    ):
        raise ValueError(f"expected the columns query, positive, negative_1, ... (see reranker_rows), got {columns}.")
    set_seed(seed)
    model = CrossEncoder(str(start), num_labels=1, max_length=max_length)
    args = training_args(
        run_name,
        args_class=CrossEncoderTrainingArguments,
        num_train_epochs=epochs,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
        seed=seed,
        data_seed=seed,
    )
    loss = MultipleNegativesRankingLoss(model, num_negatives=1)  # one in-batch negative on top of the mined ones
    fit(model, args, train_dataset.shuffle(seed=seed), loss, trainer_class=CrossEncoderTrainer)
    return model


def reranker_logits(
    cross_encoder, queries: list[str], candidate_ids: list[list[str]], texts: dict[str, str], batch_size: int = 64
) -> np.ndarray:
    """The cross-encoder's raw logit for every (query, candidate text) pair, shape ``(n_queries, k)``.

    Args:
        cross_encoder: a ``CrossEncoder`` (e.g. from :func:`train_support_reranker`, or one from the Hub).
        queries: the n query texts.
        candidate_ids: one list of k article ids per query (e.g. a bi-encoder's top k), in that order.
        texts: the text the cross-encoder reads for each article id (its title, or title and body).
        batch_size: pairs per forward pass.
    """
    queries = list(queries)
    lengths = {len(row) for row in candidate_ids}
    if len(candidate_ids) != len(queries) or len(lengths) > 1:
        raise ValueError(
            f"{len(queries)} queries and {len(candidate_ids)} candidate lists of lengths {sorted(lengths)}: give each "
            "query one list of the same k article ids."
        )
    pairs = [(q, texts[a]) for q, ids in zip(queries, candidate_ids, strict=True) for a in ids]
    logits = cross_encoder.predict(
        pairs, batch_size=batch_size, activation_fn=torch.nn.Identity(), show_progress_bar=False
    )
    return np.asarray(logits).reshape(len(queries), -1)


def fuse_scores(bi_scores: np.ndarray, ce_scores: np.ndarray, weight: float) -> np.ndarray:
    """Fuse first-stage and cross-encoder scores per query: ``z(bi) + weight * z(ce)``.

    Each row (one query's candidates) is standardised on its own: minus its mean, divided by its
    population standard deviation (a row with no spread becomes zeros). The two scales then add up
    sensibly; ``weight = 0`` keeps the bi-encoder's order.

    Example:
        >>> fuse_scores(np.array([[0.9, 0.5, 0.1]]), np.array([[1.0, 3.0, 2.0]]), weight=0.5).round(2)
        array([[ 0.61,  0.61, -1.22]])
    """
    bi_scores, ce_scores = np.asarray(bi_scores, dtype=float), np.asarray(ce_scores, dtype=float)
    if bi_scores.shape != ce_scores.shape or bi_scores.ndim != 2:
        raise ValueError(
            f"bi_scores {bi_scores.shape} and ce_scores {ce_scores.shape} must be the same (n_queries, k) array."
        )

    def z(x: np.ndarray) -> np.ndarray:
        spread = np.ptp(x, axis=1, keepdims=True) > 0  # exact ties; a float std of equal values can be 1e-17
        std = x.std(axis=1, keepdims=True)
        return np.divide(x - x.mean(axis=1, keepdims=True), std, out=np.zeros_like(x), where=spread)

    return z(bi_scores) + weight * z(ce_scores)


def domain_config() -> dict:
    """Return :data:`DOMAIN_CONFIG` for the current profile (``full`` trains 3 epochs)."""
    epochs = by_profile(quick=DOMAIN_CONFIG["epochs"], full=3)
    return {**DOMAIN_CONFIG, "epochs": epochs, "profile": by_profile(quick="quick", full="full")}


def train_domain_model(
    config: dict | None = None, matryoshka_dims: list[int] | None = None, run_name: str = "support-minilm"
) -> SentenceTransformer:
    """Train the domain model of notebook 08a: MNRL on the training pairs (mining hard negatives
    with the base model first when ``config["hard_negatives"]`` holds mining settings).

    Args:
        config: the recipe (default: :func:`domain_config`).
        matryoshka_dims: the same recipe with MNRL wrapped in ``MatryoshkaLoss`` (notebook 13).
        run_name: the trainer's output folder name under the course cache.

    Example:
        >>> model = train_domain_model()  # about 80 s on a 2-core CPU  # doctest: +SKIP
    """
    config = config or domain_config()
    base = load_model(config["base"])
    data = support_pairs("train")
    if config["hard_negatives"]:
        data = hard_negative_dataset(base, data, config["hard_negatives"])
    return train_support_biencoder(
        data,
        model=base,
        run_name=run_name,
        epochs=config["epochs"],
        batch_size=config["batch_size"],
        learning_rate=config["learning_rate"],
        max_seq_length=config["max_seq_length"],
        matryoshka_dims=matryoshka_dims,
    )


def domain_model_name(config: dict | None = None) -> str:
    """Return the course-cache name of the domain model, e.g. ``support-minilm-1a2b3c4d``."""
    return cache_name(DOMAIN_CACHE_BASE, config or domain_config())


def load_domain_model(device: torch.device | str | None = None) -> SentenceTransformer:
    """Return all-MiniLM-L6-v2 fine-tuned on the support desk (notebook 08a's best model).

    Loaded from the course cache when notebook 08a (or an earlier call) saved it, trained
    otherwise (about 80 s on a 2-core CPU) and then cached.

    Example:
        >>> model = load_domain_model()  # doctest: +SKIP
        >>> model.encode(["E-409 on my whiteboard"]).shape  # doctest: +SKIP
        (1, 384)
    """
    config = domain_config()
    return load_or_train(DOMAIN_CACHE_BASE, config, lambda: train_domain_model(config), device=device)
