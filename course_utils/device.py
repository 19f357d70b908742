"""Pick the compute device and describe the software environment."""

from __future__ import annotations

import platform

import torch


def get_device() -> torch.device:
    """Return the best available device: CUDA, then Apple MPS, then CPU.

    Example:
        >>> get_device().type in {"cuda", "mps", "cpu"}
        True
    """
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def mixed_precision(device: torch.device | str | None = None) -> dict[str, bool]:
    """Return the trainer flags for mixed precision on ``device``.

    bf16 on GPUs that support it, fp16 on other CUDA GPUs, full precision on
    CPU and MPS (where mixed precision is slower or unsupported).

    Example:
        >>> mixed_precision("cpu")
        {'fp16': False, 'bf16': False}
    """
    device = torch.device(device) if device is not None else get_device()
    if device.type != "cuda":
        return {"fp16": False, "bf16": False}
    bf16 = torch.cuda.is_bf16_supported()
    return {"fp16": not bf16, "bf16": bf16}


def describe_environment(device: torch.device | None = None) -> str:
    """Return a short text with library versions and the device in use.

    Example:
        >>> "torch" in describe_environment()
        True
    """
    import sentence_transformers
    import transformers

    device = device or get_device()
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else device.type
    return "\n".join(
        [
            f"python                {platform.python_version()}",
            f"torch                 {torch.__version__}",
            f"transformers          {transformers.__version__}",
            f"sentence-transformers {sentence_transformers.__version__}",
            f"device                {device} ({name}), {torch.get_num_threads()} CPU threads",
        ]
    )


def quiet_libraries() -> None:
    """Turn off the libraries' loading noise, at its source, for the rest of the session.

    Weight-loading progress bars and load reports (transformers), dataset ``map``/``filter``
    bars (datasets), download bars (huggingface_hub) and sentence-transformers' informational
    warnings. Errors still show, and so do training progress and the course's own messages.
    Call it once in a notebook's setup cell.

    Example:
        >>> quiet_libraries()
        >>> import transformers
        >>> transformers.logging.get_verbosity() == transformers.logging.ERROR
        True
    """
    import logging

    import datasets
    import huggingface_hub
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    datasets.disable_progress_bars()
    huggingface_hub.utils.disable_progress_bars()
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
