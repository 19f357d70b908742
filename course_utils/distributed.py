"""Train MNRL with DDP: one script that ``torchrun``, ``accelerate launch`` and plain ``python`` run unchanged.

On this machine (CPU, gloo)::

    torchrun --standalone --nproc_per_node 2 -m course_utils.distributed --per-device-batch 16 --log-json ddp.json

On a server with N GPUs (nccl, chosen by the script itself), the same line with ``--nproc_per_node N``, or::

    accelerate launch --multi_gpu --num_processes N -m course_utils.distributed --per-device-batch 16 \
        --log-json ddp.json

Without a launcher (``python -m course_utils.distributed ...``) it trains in one process. The
launcher starts the processes and sets the rendezvous variables (``RANK``, ``WORLD_SIZE``...);
``SentenceTransformerTrainer`` (through accelerate) wraps the model in
``DistributedDataParallel`` and gives each process its share of every global batch. Rank 0
writes the logged losses (averaged over the processes by the trainer) to a JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import torch

RENDEZVOUS = ("RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")


class LaunchError(RuntimeError):
    """A launch that cannot work: a missing rendezvous variable, or more processes than GPUs."""


def launch_info(environ: dict[str, str] | None = None, cuda_devices: int | None = None) -> dict:
    """Read the launcher's variables and choose the backend: nccl on CUDA, gloo on CPU.

    Args:
        environ: the environment (default ``os.environ``).
        cuda_devices: the number of CUDA devices (default ``torch.cuda.device_count()``).

    Returns:
        ``{"world_size", "rank", "local_rank", "backend"}``; one process and backend ``None``
        when no launcher variable is set.

    Raises:
        LaunchError: some rendezvous variables are set and others missing, or, with nccl,
            more processes on this node than CUDA devices.

    Example:
        >>> launch_info({}, cuda_devices=0)
        {'world_size': 1, 'rank': 0, 'local_rank': 0, 'backend': None}
    """
    environ = os.environ if environ is None else environ
    cuda_devices = torch.cuda.device_count() if cuda_devices is None else cuda_devices
    present = [name for name in RENDEZVOUS if name in environ]
    if not present:
        return {"world_size": 1, "rank": 0, "local_rank": 0, "backend": None}
    missing = [name for name in RENDEZVOUS if name not in environ]
    if missing:
        raise LaunchError(
            f"missing rendezvous variable(s) {', '.join(missing)} (found {', '.join(present)}): start the script "
            "with `torchrun --nproc_per_node N -m course_utils.distributed ...` or `accelerate launch`, which set "
            "all of them, or with plain `python` (and none of them set) for one process."
        )
    local_world_size = int(environ["LOCAL_WORLD_SIZE"])
    backend = "nccl" if cuda_devices > 0 else "gloo"
    if backend == "nccl" and local_world_size > cuda_devices:
        raise LaunchError(
            f"nproc_per_node is {local_world_size} but this node has {cuda_devices} CUDA device(s): nccl needs "
            f"one GPU per process. Launch with --nproc_per_node {cuda_devices} (or fewer)."
        )
    return {
        "world_size": int(environ["WORLD_SIZE"]),
        "rank": int(environ["RANK"]),
        "local_rank": int(environ["LOCAL_RANK"]),
        "backend": backend,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The script's options; the global batch is ``per_device_batch`` x the number of processes."""
    parser = argparse.ArgumentParser(prog="course_utils.distributed", description=__doc__.splitlines()[0])
    parser.add_argument("--per-device-batch", type=int, default=16, help="pairs per process and step")
    parser.add_argument("--steps", type=int, default=20, help="optimizer steps")
    parser.add_argument("--learning-rate", type=float, default=5e-5)
    parser.add_argument("--max-seq-length", type=int, default=64, help="tokens kept per text")
    parser.add_argument(
        "--gather-across-devices",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="MNRL compares each query with the positives of every process (the global batch), not only its own",
    )
    parser.add_argument(
        "--evaluate", action=argparse.BooleanOptionalAction, default=False, help="rank 0 scores the test nDCG@10"
    )
    parser.add_argument("--log-json", type=Path, required=True, help="JSON file that rank 0 writes")
    return parser.parse_args(argv)


def train(args: argparse.Namespace, launch: dict) -> dict:
    """Train all-MiniLM-L6-v2 with MNRL on the support pairs; return what rank 0 logs."""
    from sentence_transformers import SentenceTransformerTrainer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    from course_utils import (
        load_model,
        load_support_queries,
        quiet_libraries,
        ranking_metrics,
        retrieve,
        support_pairs,
        training_args,
    )

    quiet_libraries()
    model = load_model()
    model.max_seq_length = args.max_seq_length
    loss = MultipleNegativesRankingLoss(model, gather_across_devices=args.gather_across_devices)
    options = dict(
        per_device_train_batch_size=args.per_device_batch,
        max_steps=args.steps,
        learning_rate=args.learning_rate,
        logging_steps=1,
        disable_tqdm=True,
        log_level="error",
    )
    if launch["backend"] is not None:
        options["ddp_backend"] = launch["backend"]
    trainer = SentenceTransformerTrainer(
        model=model, args=training_args("ddp-mnrl", **options), train_dataset=support_pairs("train"), loss=loss
    )
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    world_size = trainer.args.world_size
    record = {
        "world_size": world_size,
        "backend": launch["backend"],
        "per_device_batch": args.per_device_batch,
        "global_batch": args.per_device_batch * world_size,
        "gather_across_devices": args.gather_across_devices,
        "steps": args.steps,
        "losses": [entry["loss"] for entry in trainer.state.log_history if "loss" in entry],
        "train_seconds": seconds,
        "pairs_per_second": args.steps * args.per_device_batch * world_size / seconds,
    }
    if args.evaluate and trainer.is_world_process_zero():
        test = load_support_queries("test")
        ranked, _ = retrieve(model, test["query"], k=10)
        record["test_ndcg@10"] = ranking_metrics(ranked, test["article_id"])["ndcg@10"]
    return record


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m course_utils.distributed`` under any launcher."""
    args = parse_args(argv)
    launch = launch_info()
    record = train(args, launch)
    if launch["rank"] == 0:
        args.log_json.parent.mkdir(parents=True, exist_ok=True)
        args.log_json.write_text(json.dumps(record, indent=1))
    if torch.distributed.is_initialized():
        torch.distributed.destroy_process_group()


def run_training(nproc: int | None, log: str | Path, threads: int = 1, timeout: float = 600, **options) -> dict:
    """Run the script in new processes and return rank 0's log: ``torchrun`` with ``nproc`` processes, or plain
    ``python`` when ``nproc`` is None.

    Args:
        nproc: processes for ``torchrun --standalone --nproc_per_node``; None for one process without a launcher.
        log: the JSON file the run writes.
        threads: CPU threads per process (``OMP_NUM_THREADS``).
        timeout: seconds before the run is stopped.
        **options: the script's options, e.g. ``per_device_batch=16, gather_across_devices=False``.

    Raises:
        RuntimeError: the run failed; the message ends with the last lines it wrote to stderr.

    Example:
        >>> run_training(2, "ddp.json", per_device_batch=8, steps=5)["global_batch"]  # doctest: +SKIP
        16
    """
    script = ["-m", "course_utils.distributed", "--log-json", str(log)]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        script += [flag if value else "--no-" + flag[2:]] if isinstance(value, bool) else [flag, str(value)]
    launcher = [] if nproc is None else ["-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={nproc}"]
    env = {name: value for name, value in os.environ.items() if name not in RENDEZVOUS}
    env |= {"OMP_NUM_THREADS": str(threads), "TOKENIZERS_PARALLELISM": "false", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, *launcher, *script], env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"the training run failed (exit code {done.returncode}):\n{tail}")
    return json.loads(Path(log).read_text())


def child_processes() -> list[str]:
    """Return the names of this process's running descendants, leaving out multiprocessing's resource tracker.

    The tracker is a helper Python starts with the first process pool and stops when Python exits; anything
    else still running after a section shut its workers down (pool workers, torchrun, Ray) is a leak.

    Example:
        >>> child_processes()
        []
    """
    import psutil

    names = []
    for process in psutil.Process().children(recursive=True):
        try:
            if "multiprocessing.resource_tracker" not in " ".join(process.cmdline()):
                names.append(process.name())
        except psutil.NoSuchProcess:  # exited while we looked
            continue
    return names


if __name__ == "__main__":
    main()
