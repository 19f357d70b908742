"""2-D maps of embedding spaces and scores of how well k-means clusters match labels (notebook 12).

A map (PCA, t-SNE or UMAP) is for looking; the scores (adjusted Rand index, normalised mutual
information, purity, silhouette) are computed on the full embeddings and are what to compare.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from course_utils.similarity import unit_rows

METHODS = ("pca", "tsne", "umap")


def _checked_embeddings(embeddings, name: str = "embeddings") -> np.ndarray:
    values = np.asarray(embeddings.detach().cpu() if hasattr(embeddings, "detach") else embeddings, dtype=float)
    if values.ndim != 2 or len(values) == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (n, dim), got shape {values.shape}.")
    if not np.isfinite(values).all():
        raise ValueError(f"{name} contains NaN or infinite values.")
    return values


def _label_ids(labels: Sequence, n: int, name: str = "labels") -> np.ndarray:
    labels = np.asarray(labels)
    if labels.shape != (n,):
        raise ValueError(f"{name} must have one entry per row ({n}), got shape {labels.shape}.")
    return np.unique(labels, return_inverse=True)[1].reshape(-1)


def cluster_purity(labels_true: Sequence, labels_pred: Sequence) -> float:
    """Return the purity of a clustering: the share of points whose cluster's majority label is their own.

    Each cluster votes for its most frequent true label; purity is the number of points in
    agreement with their cluster's vote, over all points. 1.0 is perfect; many tiny clusters
    also reach 1.0, so read it next to the adjusted Rand index.

    Args:
        labels_true: n true labels (any hashable values).
        labels_pred: n cluster ids.

    Example:
        >>> cluster_purity(["a", "a", "b", "b"], [0, 0, 0, 1])
        0.75
    """
    true_ids = _label_ids(labels_true, len(labels_true), "labels_true")
    if len(true_ids) == 0:
        raise ValueError("labels_true is empty.")
    pred_ids = _label_ids(labels_pred, len(true_ids), "labels_pred")
    from sklearn.metrics.cluster import contingency_matrix

    counts = contingency_matrix(pred_ids, true_ids)  # (clusters, classes): points of each class in each cluster
    return float(counts.max(axis=1).sum() / len(true_ids))


def kmeans_labels(embeddings, k: int, seed: int = 42, n_init: int = 10, normalize: bool = True) -> np.ndarray:
    """Cluster the rows with scikit-learn's k-means (seeded) and return one cluster id per row.

    Args:
        embeddings: (n, dim) vectors.
        k: number of clusters (1 <= k <= n).
        seed: ``random_state`` of ``KMeans``.
        n_init: number of seeded restarts; the best (lowest inertia) is kept.
        normalize: L2-normalise the rows first, so that k-means groups by direction (cosine), as search does.

    k-means runs on one thread (OpenMP and BLAS), so its result does not depend on the machine's core count.

    Example:
        >>> kmeans_labels([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]], k=2).tolist()
        [0, 0, 1, 1]
    """
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    values = _checked_embeddings(embeddings)
    if not 1 <= k <= len(values):
        raise ValueError(f"k must be between 1 and the number of rows ({len(values)}), got {k}.")
    if normalize:
        values = unit_rows(values, dtype=float)  # (n, dim), unit rows
    with threadpool_limits(limits=1):  # one thread: the same sums in the same order on every machine
        return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(values).labels_


def cluster_scores(embeddings, labels: Sequence, k: int | None = None, seed: int = 42, n_init: int = 10) -> dict:
    """Run seeded k-means on the full embeddings and score its clusters against ``labels``.

    Returns ``ari`` (adjusted Rand index: 0 = chance, 1 = identical partitions), ``nmi``
    (normalised mutual information, 0..1), ``purity`` (see :func:`cluster_purity`) and
    ``silhouette`` (cosine silhouette of the TRUE labels, -1..1: are the labelled groups compact
    and apart in the space itself, independent of k-means).

    Args:
        embeddings: (n, dim) vectors.
        labels: n true labels.
        k: number of clusters; the number of distinct labels when None.
        seed, n_init: passed to :func:`kmeans_labels`.

    Example:
        >>> scores = cluster_scores([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]], ["x", "x", "y", "y"])
        >>> round(scores["ari"], 3), round(scores["purity"], 3)
        (1.0, 1.0)
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

    values = _checked_embeddings(embeddings)
    label_ids = _label_ids(labels, len(values))
    n_labels = int(label_ids.max()) + 1
    if not 2 <= n_labels < len(values):
        raise ValueError(f"need between 2 and n - 1 distinct labels to score clusters, got {n_labels}.")
    clusters = kmeans_labels(values, k or n_labels, seed=seed, n_init=n_init)
    return {
        "ari": float(adjusted_rand_score(label_ids, clusters)),
        "nmi": float(normalized_mutual_info_score(label_ids, clusters)),
        "purity": cluster_purity(label_ids, clusters),
        "silhouette": float(silhouette_score(values, label_ids, metric="cosine")),
    }


def project_2d(embeddings, method: str, seed: int = 42, n_neighbors: int = 15) -> np.ndarray:
    """Project the rows to 2-D with PCA, t-SNE or UMAP (seeded) and return an (n, 2) array.

    PCA keeps the two directions of largest variance (linear, global). t-SNE and UMAP keep
    each point's nearest neighbours (non-linear, local): sizes of clusters and distances
    between far-apart clusters on their maps carry little meaning. UMAP uses
    ``n_neighbors=15, min_dist=0.1`` and cosine distance, t-SNE perplexity ``min(30, (n - 1) / 3)``;
    with a ``random_state`` UMAP runs single-threaded and its first call compiles with numba.

    Args:
        embeddings: (n, dim) vectors.
        method: "pca", "tsne" or "umap".
        seed: random seed of the method.
        n_neighbors: UMAP's neighbourhood size.

    Example:
        >>> project_2d(np.eye(4), "pca").shape
        (4, 2)
    """
    values = _checked_embeddings(embeddings)
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}.")
    if len(values) < 4:
        raise ValueError(f"need at least 4 rows to draw a map, got {len(values)}.")
    if method == "pca":
        from sklearn.decomposition import PCA

        return PCA(n_components=2, random_state=seed).fit_transform(values)  # (n, 2)
    if method == "tsne":
        from sklearn.manifold import TSNE

        perplexity = min(30.0, (len(values) - 1) / 3)
        return TSNE(
            n_components=2, perplexity=perplexity, init="pca", metric="cosine", random_state=seed
        ).fit_transform(values)  # (n, 2)
    import umap

    reducer = umap.UMAP(  # seeded UMAP is single-threaded: say so (n_jobs=1) rather than be warned
        n_neighbors=min(n_neighbors, len(values) - 1), min_dist=0.1, metric="cosine", random_state=seed, n_jobs=1
    )
    return reducer.fit_transform(values)  # (n, 2)


def scatter_maps(maps: dict, labels: Sequence, title: str | None = None, annotate: Sequence[str] | None = None):
    """Draw several 2-D maps of the same points side by side, coloured by label, with one legend.

    Args:
        maps: {panel title: (n, 2) coordinates}.
        labels: n labels (the colours).
        title: optional figure title.
        annotate: optional n strings written next to the points (for a few dozen words).

    Returns:
        The matplotlib Figure.

    Example:
        >>> fig = scatter_maps({"PCA": project_2d(np.eye(4), "pca")}, ["a", "a", "b", "b"])
    """
    labels = np.asarray(labels)
    classes = list(dict.fromkeys(labels.tolist()))
    colours = plt.get_cmap("tab20" if len(classes) > 10 else "tab10")
    fig, axes = plt.subplots(1, len(maps), figsize=(4.6 * len(maps), 4.6), squeeze=False)
    for ax, (name, coords) in zip(axes[0], maps.items(), strict=True):
        coords = _checked_embeddings(coords, "coordinates")
        if coords.shape != (len(labels), 2):
            raise ValueError(f"map {name!r} has shape {coords.shape}, expected ({len(labels)}, 2).")
        for i, cls in enumerate(classes):
            mask = labels == cls
            ax.scatter(coords[mask, 0], coords[mask, 1], s=14, color=colours(i % colours.N), label=str(cls))
        if annotate is not None:
            for (x, y), text in zip(coords, annotate, strict=True):
                ax.annotate(text, (x, y), fontsize=7, alpha=0.7, xytext=(2, 2), textcoords="offset points")
        ax.set_title(name)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
