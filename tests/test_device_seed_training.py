"""Device choice, seeding, profiles and trainer defaults."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from course_utils import by_profile, describe_environment, get_device, get_profile, mixed_precision, set_seed
from course_utils.training import training_args


@pytest.mark.parametrize(
    ("cuda", "mps", "expected"),
    [(True, True, "cuda"), (True, False, "cuda"), (False, True, "mps"), (False, False, "cpu")],
)
def test_device_prefers_cuda_then_mps_then_cpu(monkeypatch, cuda, mps, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    assert get_device() == torch.device(expected)


@pytest.mark.parametrize(
    ("bf16_supported", "expected"), [(True, {"fp16": False, "bf16": True}), (False, {"fp16": True, "bf16": False})]
)
def test_cuda_mixed_precision_prefers_bf16_where_supported(monkeypatch, bf16_supported, expected):
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *args, **kwargs: bf16_supported)
    assert mixed_precision("cuda") == expected


def test_cpu_has_no_mixed_precision():
    assert mixed_precision("cpu") == {"fp16": False, "bf16": False}


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_cuda_uses_mixed_precision_and_runs():
    flags = mixed_precision("cuda")
    assert flags["fp16"] != flags["bf16"]
    x = torch.ones(2, 2, device=get_device())
    assert (x @ x).sum().item() == 8.0


def test_describe_environment_names_versions_and_device():
    text = describe_environment()
    for name in ("python", "torch", "transformers", "sentence-transformers", "device"):
        assert name in text


def test_set_seed_seeds_python_numpy_and_torch_with_that_seed():
    set_seed(7)
    got = random.random(), np.random.rand(), torch.rand(1).item()
    expected = (
        random.Random(7).random(),
        np.random.RandomState(7).rand(),
        torch.rand(1, generator=torch.Generator().manual_seed(7)).item(),
    )
    assert got == expected


def test_profiles(monkeypatch):
    monkeypatch.delenv("COURSE_PROFILE", raising=False)
    assert get_profile() == "quick" and by_profile(quick=1, full=2) == 1
    monkeypatch.setenv("COURSE_PROFILE", "FULL")
    assert by_profile(quick=1, full=2) == 2
    monkeypatch.setenv("COURSE_PROFILE", "huge")
    with pytest.raises(ValueError, match="quick"):
        get_profile()


def test_training_args_defaults_and_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    args = training_args("demo", per_device_train_batch_size=8, seed=3)
    assert args.per_device_train_batch_size == 8 and args.seed == 3
    assert args.output_dir.startswith(str(tmp_path))
    assert (args.fp16 or args.bf16) == (get_device().type == "cuda")
