"""Course-wide settings read from the environment.

``COURSE_PROFILE``   ``quick`` (default: minutes on a 2-core CPU, what the stored
                     outputs and the tests use) or ``full`` (published-scale runs on a GPU).
``COURSE_DATA_DIR``  a local mirror of public benchmarks (for example ``../shared/data``).
``COURSE_CACHE_DIR`` where notebooks store the models they train and where
                     ``python -m course_utils prefetch`` keeps downloaded benchmarks, under
                     ``data/`` (default ``~/.cache/embeddings-course``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PROFILES = ("quick", "full")
REPO_ROOT = Path(__file__).resolve().parent.parent


def get_profile() -> str:
    """Return the training profile, ``"quick"`` or ``"full"``, from ``COURSE_PROFILE``.

    Example:
        >>> get_profile() in PROFILES
        True
    """
    profile = os.environ.get("COURSE_PROFILE", "quick").strip().lower()
    if profile not in PROFILES:
        raise ValueError(f"COURSE_PROFILE={profile!r} is not known: use one of {PROFILES}.")
    return profile


def by_profile(quick: T, full: T) -> T:
    """Return ``quick`` or ``full`` according to the current profile.

    Example:
        >>> by_profile(quick=1, full=3) in (1, 3)
        True
    """
    return full if get_profile() == "full" else quick


def data_dir() -> Path | None:
    """Return ``COURSE_DATA_DIR`` as a path, or None when it is not set."""
    value = os.environ.get("COURSE_DATA_DIR")
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """Return (and create) the directory where the course caches trained models."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "embeddings-course"
    path = Path(os.environ.get("COURSE_CACHE_DIR", default)).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_cache_dir() -> Path:
    """Return the folder where the course keeps the benchmarks it downloaded (``<cache>/data``)."""
    return cache_dir() / "data"


def course_data_path(*parts: str) -> Path:
    """Return a path inside the repository's own ``data/`` folder."""
    return REPO_ROOT.joinpath("data", *parts)


def is_offline() -> bool:
    """True when the Hugging Face libraries are told not to use the network."""
    flags = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")
    return any(os.environ.get(f, "").strip().lower() in {"1", "true", "yes", "on"} for f in flags)
