"""The domain model of notebook 08: all-MiniLM-L6-v2 fine-tuned on the support-desk data.

Training helpers for bi-encoders (MultipleNegativesRankingLoss, optional mined hard negatives)
and cross-encoders (binary cross-entropy) on :mod:`course_utils.support`'s data; later notebooks
reuse the best configuration, :data:`DOMAIN_CONFIG`, through :func:`load_domain_model`.
"""

from __future__ import annotations

import torch
from datasets import Dataset
from sentence_transformers import SentenceTransformer

from course_utils.config import by_profile
from course_utils.contrastive import mine_negatives
from course_utils.models import load_model, model_path
from course_utils.seed import set_seed
from course_utils.support import support_corpus, support_pairs
from course_utils.training import cache_name, fit, load_or_train, training_args

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
        seed: seeds the run (set before the model is loaded, and the trainer's seed).
        matryoshka_dims: when given (e.g. ``[384, 256, 128, 64, 32]``), MNRL is wrapped in ``MatryoshkaLoss``:
            the same loss on the first ``d`` dimensions of every embedding, for each ``d``, summed.

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
    fit(model, args, train_dataset, loss)
    model.max_seq_length = ENCODE_MAX_SEQ_LENGTH
    return model


def train_support_cross_encoder(
    train_dataset: Dataset,
    run_name: str = "support-cross-encoder",
    epochs: int = 1,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    max_length: int = 96,
    seed: int = 42,
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
        seed: seeds the new head's weights and the trainer.

    Returns:
        A ``CrossEncoder`` whose ``predict`` gives a relevance probability (sigmoid).
    """
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

    missing = {"query", "article", "label"} - set(train_dataset.column_names)
    if missing:
        raise ValueError(f"the cross-encoder's training data lacks the columns {sorted(missing)}.")
    set_seed(seed)
    model = CrossEncoder(str(model_path("all-MiniLM-L6-v2")), num_labels=1, max_length=max_length)
    args = training_args(
        run_name,
        args_class=CrossEncoderTrainingArguments,
        num_train_epochs=epochs,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
        seed=seed,
        data_seed=seed,
    )
    fit(model, args, train_dataset, BinaryCrossEntropyLoss(model), trainer_class=CrossEncoderTrainer)
    return model


def domain_config() -> dict:
    """Return :data:`DOMAIN_CONFIG` for the current profile (``full`` trains 3 epochs)."""
    return {**DOMAIN_CONFIG, "epochs": by_profile(quick=1, full=3), "profile": by_profile(quick="quick", full="full")}


def train_domain_model(config: dict | None = None) -> SentenceTransformer:
    """Train the domain model of notebook 08: MNRL on the training pairs (mining hard negatives
    with the base model first when ``config["hard_negatives"]`` holds mining settings).

    Example:
        >>> model = train_domain_model()  # about a minute on a 2-core CPU  # doctest: +SKIP
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
    return cache_name(DOMAIN_CACHE_BASE, config or domain_config())


def load_domain_model(device: torch.device | str | None = None) -> SentenceTransformer:
    """Return all-MiniLM-L6-v2 fine-tuned on the support desk (notebook 08's best model).

    Loaded from the course cache when notebook 08 (or an earlier call) saved it, trained
    otherwise (about a minute on a 2-core CPU) and then cached.

    Example:
        >>> model = load_domain_model()  # doctest: +SKIP
        >>> model.encode(["E-409 on my whiteboard"]).shape  # doctest: +SKIP
        (1, 384)
    """
    config = domain_config()
    return load_or_train(DOMAIN_CACHE_BASE, config, lambda: train_domain_model(config), device=device)
