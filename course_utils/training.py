"""Train and cache models: the trainer defaults, one training call, one cached-model recipe.

- :func:`training_args`: trainer arguments that follow the device and the course cache.
- :func:`fit`: run a sentence-transformers trainer (bi- or cross-encoder) and time it.
- :func:`load_or_train`: a model named by a hash of its training configuration, loaded from
  the course cache or trained (with a given seed) and cached, on the requested device.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer, SentenceTransformerTrainingArguments

from course_utils.config import cache_dir
from course_utils.device import get_device, mixed_precision
from course_utils.seed import set_seed


def training_args(run_name: str, args_class=SentenceTransformerTrainingArguments, **overrides):
    """Return trainer arguments with the course's defaults, ``overrides`` on top.

    Defaults: mixed precision only on CUDA (bf16 where supported, else fp16), no
    checkpoints, no external loggers, seed 42, output under the course cache
    (``runs/<run_name>``), warm-up over the first 10 % of steps, the progress display on.

    Args:
        run_name: a short name for the run's output folder.
        args_class: ``SentenceTransformerTrainingArguments`` or ``CrossEncoderTrainingArguments``.
        **overrides: any argument of ``args_class`` (batch size, epochs, learning rate...).

    Example:
        >>> args = training_args("demo", per_device_train_batch_size=32, num_train_epochs=1)
        >>> args.fp16 or args.bf16 or get_device().type != "cuda"
        True
    """
    defaults = dict(
        output_dir=str(Path(cache_dir()) / "runs" / run_name),
        save_strategy="no",
        report_to="none",
        seed=42,
        data_seed=42,
        warmup_steps=0.1,
        logging_steps=10,
        disable_tqdm=False,  # the live progress table, even after quiet_libraries() (else raw log dicts are printed)
        dataloader_num_workers=0,
        use_cpu=get_device().type == "cpu",
        **mixed_precision(),
    )
    defaults.update(overrides)
    return args_class(**defaults)


def fit(model, args, train_dataset, loss, trainer_class=None, callbacks=None) -> tuple[float, list[tuple[int, float]]]:
    """Train ``model`` in place with a sentence-transformers trainer.

    The one training call of every training lesson: bi-encoders (the default
    ``SentenceTransformerTrainer``) and cross-encoders (pass ``CrossEncoderTrainer``).
    The trainer seeds itself from ``args.seed``; seed before building ``model`` or ``loss``
    when they create new weights. The model is left in evaluation mode. With
    ``args.disable_tqdm`` nothing is printed while training (no progress, no log dicts).

    Args:
        model: a ``SentenceTransformer`` or ``CrossEncoder``.
        args: trainer arguments, best from :func:`training_args`.
        train_dataset: the training rows, in the columns ``loss`` expects.
        loss: a sentence-transformers loss built on ``model``.
        trainer_class: the trainer (default: ``SentenceTransformerTrainer``).
        callbacks: ``transformers.TrainerCallback`` objects to add (e.g. a check after every epoch).

    Returns:
        The seconds training took, and the loss curve: ``(step, training loss)`` every
        ``args.logging_steps`` steps, from the trainer's ``state.log_history``.

    Example:
        >>> from datasets import Dataset
        >>> from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
        >>> from course_utils.models import load_model
        >>> model = load_model()
        >>> pairs = Dataset.from_dict({"anchor": ["a cat", "a car"], "positive": ["a kitten", "an auto"]})
        >>> args = training_args("doctest-fit", max_steps=2, logging_steps=1, disable_tqdm=True)
        >>> seconds, curve = fit(model, args, pairs, MultipleNegativesRankingLoss(model))
        >>> seconds > 0, [step for step, _ in curve]
        (True, [1, 2])
    """
    from transformers import PrinterCallback

    if trainer_class is None:
        from sentence_transformers import SentenceTransformerTrainer as trainer_class
    if isinstance(model, SentenceTransformer):
        # The trainer samples model-card widget examples behind a progress bar unless the card has some already
        # (sentence-transformers 6.2 ignores generate_widget_examples there); the course's models need none.
        model.model_card_data.widget = model.model_card_data.widget or [{"text": "course model"}]
    trainer = trainer_class(model=model, args=args, train_dataset=train_dataset, loss=loss, callbacks=callbacks)
    trainer.remove_callback(PrinterCallback)  # present only with disable_tqdm: it would print every log as a dict
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    model.eval()
    curve = [(entry["step"], entry["loss"]) for entry in trainer.state.log_history if "loss" in entry]
    return seconds, curve


def cache_name(base: str, config: dict) -> str:
    """Return a cache name for a model trained with ``config``: ``base-<8 hex digits>``.

    Any change of the configuration gives a new name, so a model trained by an older
    version of a notebook is never reused by mistake.

    Example:
        >>> cache_name("tiny-bert", {"layers": 4}).startswith("tiny-bert-")
        True
        >>> cache_name("tiny-bert", {"layers": 4}) == cache_name("tiny-bert", {"layers": 5})
        False
    """
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:8]
    return f"{base}-{digest}"


def load_or_train(
    base: str,
    config: dict,
    train: Callable[[], SentenceTransformer],
    *,
    device: torch.device | str | None = None,
    seed: int = 42,
) -> SentenceTransformer:
    """Load the model ``cache_name(base, config)`` from the course cache, or train and cache it.

    This is how a notebook reuses a model an earlier notebook trained, and still runs
    on its own (in any order, on a fresh machine). Either way the model comes back on
    ``device``.

    Args:
        base: the readable part of the cache name.
        config: everything that decides the trained weights (hashed into the name).
        train: a function without arguments that returns the trained model.
        device: where the model is returned (default: :func:`course_utils.get_device`).
        seed: passed to :func:`course_utils.set_seed` just before ``train()`` runs.

    Example:
        >>> from course_utils.models import load_model
        >>> model = load_or_train("doctest-minilm", {"steps": 0}, load_model, device="cpu")
        >>> model.device.type
        'cpu'
    """
    device = torch.device(device) if device is not None else get_device()
    name = cache_name(base, config)
    path = cache_dir() / name
    if (path / "modules.json").exists():
        print(f"[course cache] loading {name}", file=sys.stderr)
        return SentenceTransformer(str(path), device=str(device))
    print(f"[course cache] {name} is not cached yet: training it now", file=sys.stderr)
    set_seed(seed)
    model = train()
    model.save(str(path))
    return model.to(device)
