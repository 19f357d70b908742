"""Execute a notebook in place from a fresh kernel; print its wall time and peak memory.

    python tools/execute_notebook.py notebooks/00_setup_check.ipynb

Used by `make notebooks`. The kernel runs in this interpreter's environment.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 900) -> tuple[float, float]:
    """Run ``path`` top to bottom and save it with outputs; return (seconds, peak GiB)."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    peak_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # kernel's peak RSS (KiB on Linux)
    return seconds, peak_gib


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        seconds, peak = execute(Path(arg))
        print(f"{arg}: {seconds:.0f} s, peak memory {peak:.2f} GiB")
