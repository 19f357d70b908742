"""Embed a corpus with Ray Data: one model per actor, vectors written to Parquet.

The same code runs on this machine (``start_ray()`` starts a local Ray with 2 CPUs) and on a
cluster (``start_ray(address="ray://head:10001")``, or ``"auto"`` on a node of the cluster).
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

QUIET_RAY = {
    "RAY_USAGE_STATS_ENABLED": "0",  # no usage report
    "RAY_DEDUP_LOGS": "0",
}


def start_ray(address: str | None = None, num_cpus: int = 2, object_store_mb: int = 256):
    """Connect to a Ray cluster at ``address``, or start a local one with ``num_cpus`` CPUs, quietly.

    Progress bars, the dashboard, usage statistics and the workers' logs are turned off at
    their source; Ray Data keeps the order of the rows. Call ``ray.shutdown()`` when done.

    Args:
        address: a cluster's address (``"ray://head:10001"``, ``"auto"``); None for a local Ray.
        num_cpus: CPUs of the local Ray (ignored with an address: the cluster has its own).
        object_store_mb: shared-memory object store of the local Ray, small for small containers.

    Example:
        >>> ray = start_ray()  # doctest: +SKIP
        >>> ray.cluster_resources()["CPU"]  # doctest: +SKIP
        2.0
    """
    os.environ.update(QUIET_RAY)
    import ray
    import ray.data

    quiet = dict(log_to_driver=False, logging_level=logging.ERROR)
    if address is None:
        quiet |= dict(num_cpus=num_cpus, include_dashboard=False, object_store_memory=object_store_mb * 2**20)
    ray.init(address=address, **quiet)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    return ray


class _Encoder:
    """A Ray Data actor: loads the model once, then encodes batches of rows."""

    def __init__(self, model_name: str, batch_size: int):
        from course_utils import load_model, quiet_libraries

        quiet_libraries()
        self.model = load_model(model_name, device="cpu")
        self.batch_size = batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.model.encode(list(batch["text"]), batch_size=self.batch_size, normalize_embeddings=True)
        return {"row": batch["row"], "id": batch["id"], "embedding": vectors.astype(np.float32)}  # (rows, dim)


def embed_to_parquet(
    ids: Sequence[str],
    texts: Sequence[str],
    path: str | Path,
    actors: int = 2,
    batch_size: int = 64,
    model_name: str = "all-MiniLM-L6-v2",
) -> None:
    """Encode ``texts`` with ``actors`` Ray actors (one model and one CPU each), unit-normalised, into Parquet.

    Ray must be running (:func:`start_ray`). ``path`` is a folder of Parquet files with columns
    ``row`` (position in ``texts``), ``id`` and ``embedding``; on a cluster it must be storage that every node can write
    (``s3://...``, a shared file system).

    Example:
        >>> embed_to_parquet(["a", "b"], ["a cat", "a dog"], "vectors")  # doctest: +SKIP
        >>> read_embeddings("vectors")[1].shape  # doctest: +SKIP
        (2, 384)
    """
    import ray.data

    rows = ray.data.from_items(
        [{"row": n, "id": i, "text": t} for n, (i, t) in enumerate(zip(ids, texts, strict=True))]
    )
    with warnings.catch_warnings():  # max_restarts is passed as a "remote arg", deprecated from Ray 2.60 on
        warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
        vectors = rows.map_batches(
            _Encoder,
            fn_constructor_kwargs={"model_name": model_name, "batch_size": batch_size},
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
            max_restarts=0,  # an actor that fails is an error here, not restarted forever
        )
    vectors.write_parquet(str(path))


def read_embeddings(path: str | Path) -> tuple[list[str], np.ndarray]:
    """Read the ids and the ``(rows, dim)`` float32 vectors that :func:`embed_to_parquet` wrote, in row order."""
    table = pq.read_table(str(path)).sort_by("row")  # the files of the folder come in any order
    return table.column("id").to_pylist(), np.stack(table.column("embedding").to_numpy(zero_copy_only=False))
