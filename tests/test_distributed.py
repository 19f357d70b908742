"""The DDP training script: launch checks, and a real 2-process gloo run of a few steps."""

from __future__ import annotations

import pytest

from course_utils import LaunchError, child_processes, launch_info, run_training
from course_utils.distributed import RENDEZVOUS, main

TORCHRUN_ENV = {"RANK": "1", "LOCAL_RANK": "1", "WORLD_SIZE": "4", "LOCAL_WORLD_SIZE": "4"} | {
    "MASTER_ADDR": "127.0.0.1",
    "MASTER_PORT": "29500",
}


def test_no_launcher_is_one_process():
    assert launch_info({}, cuda_devices=0) == {"world_size": 1, "rank": 0, "local_rank": 0, "backend": None}


def test_backend_follows_the_devices():
    assert launch_info(TORCHRUN_ENV, cuda_devices=0) == {"world_size": 4, "rank": 1, "local_rank": 1, "backend": "gloo"}
    assert launch_info(TORCHRUN_ENV, cuda_devices=4)["backend"] == "nccl"


def test_more_processes_than_gpus_is_refused():
    with pytest.raises(LaunchError, match="nproc_per_node is 4 but this node has 2 CUDA device"):
        launch_info(TORCHRUN_ENV, cuda_devices=2)


@pytest.mark.parametrize("missing", RENDEZVOUS)
def test_a_missing_rendezvous_variable_is_named(missing):
    environ = {k: v for k, v in TORCHRUN_ENV.items() if k != missing}
    with pytest.raises(LaunchError, match=f"missing rendezvous variable\\(s\\) {missing} "):
        launch_info(environ, cuda_devices=0)


def test_main_refuses_a_half_set_launch_before_training(monkeypatch, tmp_path):
    for name in RENDEZVOUS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RANK", "0")
    with pytest.raises(LaunchError, match="MASTER_ADDR"):
        main(["--log-json", str(tmp_path / "log.json")])
    assert not (tmp_path / "log.json").exists()


def test_two_process_gloo_run(tmp_path):
    log = run_training(
        2, tmp_path / "ddp.json", per_device_batch=4, steps=2, max_seq_length=16, gather_across_devices=False
    )
    assert (log["world_size"], log["backend"], log["global_batch"]) == (2, "gloo", 8)
    assert log["gather_across_devices"] is False and len(log["losses"]) == 2
    assert all(0 < loss < 10 for loss in log["losses"])
    assert child_processes() == []  # torchrun and its workers are gone


def test_a_failed_run_says_why(tmp_path):
    with pytest.raises(RuntimeError, match="exit code 2"):
        run_training(None, tmp_path / "log.json", per_device_batch="many")
