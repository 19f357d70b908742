"""Plots the notebooks share."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def similarity_heatmap(matrix, labels, ax=None, title: str | None = None, decimals: int = 2):
    """Draw a similarity matrix as an annotated heatmap and return the Axes.

    Args:
        matrix: (n, n) or (n, m) similarities (tensor or array).
        labels: n row labels, or a pair (row labels, column labels).
        ax: an Axes to draw on; a new figure when None.
        title: optional title.
        decimals: digits printed in each cell.

    Example:
        >>> ax = similarity_heatmap([[1.0, 0.2], [0.2, 1.0]], ["cat", "car"])
    """
    values = np.asarray(matrix.detach().cpu() if hasattr(matrix, "detach") else matrix, dtype=float)
    rows, cols = labels if isinstance(labels, tuple) else (labels, labels)
    if values.shape != (len(rows), len(cols)):
        raise ValueError(f"matrix shape {values.shape} does not match {len(rows)} x {len(cols)} labels.")
    if ax is None:
        size = max(4.0, 0.9 * len(cols) + 2)
        _, ax = plt.subplots(figsize=(size, 0.8 * size))
    image = ax.imshow(values, cmap="viridis", vmin=min(0.0, values.min()), vmax=1.0)
    ax.set_xticks(range(len(cols)), [str(c)[:30] for c in cols], rotation=45, ha="right")
    ax.set_yticks(range(len(rows)), [str(r)[:30] for r in rows])
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            color = "black" if values[i, j] > 0.6 else "white"
            ax.text(j, i, f"{values[i, j]:.{decimals}f}", ha="center", va="center", color=color, fontsize=8)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    if title:
        ax.set_title(title)
    return ax
