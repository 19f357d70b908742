"""Contrastive fine-tuning of the course's small encoder on STS Benchmark pairs (notebook 07).

:func:`train_contrastive` trains a model in place with one of three losses; the best
configuration, :data:`CONTRASTIVE_CONFIG`, is cached under :func:`contrastive_encoder_name`
and reloaded by :func:`load_contrastive_encoder` in later notebooks.
"""

from __future__ import annotations

import contextlib
import io

import torch
from datasets import Dataset
from sentence_transformers import SentenceTransformer

from course_utils.data import load_sts
from course_utils.encoder import load_scratch_encoder, scratch_encoder_name
from course_utils.training import cache_name, fit, load_or_train, training_args

#: The contrastive fine-tuning of notebook 07 whose model later notebooks reuse.
CONTRASTIVE_CONFIG = {
    "loss": "cosine",
    "steps": 60,
    "batch_size": 32,
    "learning_rate": 4e-4,
    "seed": 42,
}


def _contrastive_cache_config(config: dict = CONTRASTIVE_CONFIG, base: dict | None = None) -> dict:
    """What names the cached contrastive encoder: ``config`` and the cache name of its starting encoder."""
    return {**config, "base": scratch_encoder_name(base)}


def contrastive_encoder_name(config: dict = CONTRASTIVE_CONFIG, base: dict | None = None) -> str:
    """The course-cache name of the contrastive encoder of ``config``, trained from the encoder of ``base``."""
    return cache_name("contrastive-encoder", _contrastive_cache_config(config, base))


def positive_pairs(dataset: Dataset, min_score: float = 0.8) -> Dataset:
    """Keep the pairs scored at least ``min_score`` (0.8 = 4 out of 5) as (anchor, positive).

    Example:
        >>> scored = Dataset.from_dict({"sentence1": ["a", "b"], "sentence2": ["c", "d"], "score": [0.9, 0.2]})
        >>> pairs = positive_pairs(scored)
        >>> pairs.column_names, len(pairs)
        (['anchor', 'positive'], 1)
    """
    kept = dataset.filter(lambda row: row["score"] >= min_score)
    return kept.select_columns(["sentence1", "sentence2"]).rename_columns(
        {"sentence1": "anchor", "sentence2": "positive"}
    )


def make_loss(name: str, model: SentenceTransformer):
    """Return the sentence-transformers loss called ``name`` for ``model``.

    ``"cosine"`` (CosineSimilarityLoss), ``"cosent"`` (CoSENTLoss): regression on scored pairs;
    ``"mnrl"`` (MultipleNegativesRankingLoss): (anchor, positive[, negative]) with in-batch negatives.
    """
    from sentence_transformers.sentence_transformer import losses

    table = {
        "cosine": losses.CosineSimilarityLoss,
        "cosent": losses.CoSENTLoss,
        "mnrl": losses.MultipleNegativesRankingLoss,
    }
    if name not in table:
        raise ValueError(f"loss {name!r} is not known: use one of {sorted(table)}.")
    return table[name](model)


def train_contrastive(
    model: SentenceTransformer,
    train_dataset: Dataset,
    loss: str = "cosine",
    epochs: float = 1,
    batch_size: int = 16,
    learning_rate: float = 1e-4,
    seed: int = 42,
    run_name: str | None = None,
    steps: int | None = None,
    logging_steps: int = 5,
) -> tuple[float, list[tuple[int, float]]]:
    """Fine-tune ``model`` in place with sentence-transformers' trainer, with no progress display.

    Returns the seconds it took and the training loss curve, ``(step, loss)`` every ``logging_steps``.

    Args:
        model: the SentenceTransformer to train.
        train_dataset: scored pairs (sentence1, sentence2, score) for ``"cosine"``/``"cosent"``;
            (anchor, positive[, negative]) for ``"mnrl"``.
        loss: ``"cosine"``, ``"cosent"`` or ``"mnrl"`` (see :func:`make_loss`).
        epochs: passes over ``train_dataset`` (ignored when ``steps`` is given).
        batch_size: pairs per step (for MNRL, also the number of in-batch negatives + 1).
        learning_rate: peak learning rate (linear warm-up over 10 %, then decay).
        seed: seeds shuffling and dropout.
        run_name: the trainer's output folder under the course cache (default: the loss name).
        steps: a fixed number of optimizer steps, to give several losses the same budget.
        logging_steps: steps between two points of the loss curve.
    """
    from sentence_transformers.sentence_transformer.training_args import BatchSamplers

    args = training_args(
        run_name or f"contrastive-{loss}",
        num_train_epochs=epochs,
        max_steps=steps or -1,
        per_device_train_batch_size=batch_size,
        learning_rate=learning_rate,
        seed=seed,
        data_seed=seed,
        logging_steps=logging_steps,
        disable_tqdm=True,
        # MNRL: identical texts in one batch would be false in-batch negatives.
        batch_sampler=BatchSamplers.NO_DUPLICATES if loss == "mnrl" else BatchSamplers.BATCH_SAMPLER,
    )
    return fit(model, args, train_dataset, make_loss(loss, model))


def mine_negatives(pairs: Dataset, model: SentenceTransformer, corpus: list[str], **settings) -> Dataset:
    """``sentence_transformers.util.mine_hard_negatives``, as triplets (one negative per pair unless ``settings``
    say ``num_negatives``).

    ``settings`` go to ``mine_hard_negatives`` (``relative_margin``, ``range_min``, ``max_score``, ``batch_size``...).
    Its statistics are off (``verbose=False``), and so are the progress bars that sentence-transformers 6.2
    draws whatever ``verbose`` says: encoding bars are switched off for the call, the scoring bar goes to a
    buffer. Errors still raise.

    Example:
        >>> triplets = mine_negatives(pairs, load_model(), corpus, relative_margin=0.05)  # doctest: +SKIP
        >>> triplets.column_names  # doctest: +SKIP
        ['anchor', 'positive', 'negative']
    """
    from sentence_transformers.util import mine_hard_negatives

    def without_bar(encode):
        return lambda *args, **kwargs: encode(*args, **{**kwargs, "show_progress_bar": False})

    for name in ("encode_query", "encode_document"):  # mining asks for the bars; these instance attributes win
        setattr(model, name, without_bar(getattr(model, name)))
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            return mine_hard_negatives(
                pairs, model, corpus=corpus, output_format="triplet", verbose=False, **{"num_negatives": 1, **settings}
            )
    finally:
        del model.encode_query, model.encode_document  # the class's methods again


def contrastive_train_dataset(loss: str) -> Dataset:
    """The STS Benchmark train split in the shape ``loss`` needs (scored pairs, or positives for MNRL)."""
    train = load_sts("stsb", split="train")
    return positive_pairs(train) if loss == "mnrl" else train


def build_contrastive_encoder(config: dict = CONTRASTIVE_CONFIG) -> SentenceTransformer:
    """Fine-tune the scratch encoder with the loss of ``config`` on STS Benchmark train pairs."""
    model = load_scratch_encoder()
    train_contrastive(
        model,
        contrastive_train_dataset(config["loss"]),
        loss=config["loss"],
        steps=config["steps"],
        batch_size=config["batch_size"],
        learning_rate=config["learning_rate"],
        seed=config["seed"],
    )
    return model


def load_contrastive_encoder(device: torch.device | str | None = None) -> SentenceTransformer:
    """Return notebook 07's best contrastive model: the scratch encoder fine-tuned on STS pairs.

    Loaded from the course cache; trained first (a few CPU minutes) when it is missing.

    Example:
        >>> load_contrastive_encoder().encode(["a cat sat on the mat"]).shape  # doctest: +SKIP
        (1, 256)
    """
    return load_or_train(
        "contrastive-encoder",
        _contrastive_cache_config(),
        build_contrastive_encoder,
        device=device,
        seed=CONTRASTIVE_CONFIG["seed"],
    )
