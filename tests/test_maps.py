"""Tests of course_utils.maps against scikit-learn and naive references."""

from __future__ import annotations

from collections import Counter

import matplotlib
import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

from course_utils.maps import cluster_purity, cluster_scores, kmeans_labels, project_2d, scatter_maps

matplotlib.use("Agg")


def _naive_purity(labels_true, labels_pred) -> float:
    total = 0
    for cluster in set(labels_pred):
        members = [t for t, p in zip(labels_true, labels_pred, strict=True) if p == cluster]
        total += Counter(members).most_common(1)[0][1]
    return total / len(labels_true)


def _blobs(n_per: int = 10, k: int = 3, d: int = 8, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, d)) * 5
    points = np.concatenate([c + rng.normal(size=(n_per, d)) * 0.3 for c in centres])  # (k * n_per, d)
    return points, [f"g{i}" for i in range(k) for _ in range(n_per)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_purity_matches_naive_loop(seed):
    rng = np.random.default_rng(seed)
    labels_true, labels_pred = rng.integers(0, 5, 60).tolist(), rng.integers(0, 7, 60).tolist()
    assert cluster_purity(labels_true, labels_pred) == pytest.approx(_naive_purity(labels_true, labels_pred))


def test_purity_edge_cases():
    assert cluster_purity(["a", "b", "c"], [0, 1, 2]) == 1.0  # one point per cluster: trivially pure
    assert cluster_purity(["a", "a", "b", "b"], [5, 5, 5, 5]) == 0.5  # one cluster: the majority share
    assert cluster_purity(["x"], [0]) == 1.0
    with pytest.raises(ValueError, match="one entry per row"):
        cluster_purity(["a", "b"], [0])
    with pytest.raises(ValueError, match="empty"):
        cluster_purity([], [])


def test_kmeans_labels_matches_sklearn_on_unit_rows():
    points, _ = _blobs()
    unit = points / np.linalg.norm(points, axis=1, keepdims=True)
    expected = KMeans(3, n_init=10, random_state=42).fit(unit).labels_
    assert np.array_equal(kmeans_labels(points, 3), expected)
    assert np.array_equal(
        kmeans_labels(points, 3, normalize=False), KMeans(3, n_init=10, random_state=42).fit(points).labels_
    )


def test_kmeans_labels_bad_input():
    with pytest.raises(ValueError, match="k must be between"):
        kmeans_labels(np.ones((3, 2)), 4)
    with pytest.raises(ValueError, match="zero vector"):
        kmeans_labels(np.array([[0.0, 0.0], [1.0, 0.0]]), 2)
    with pytest.raises(ValueError, match="2-D"):
        kmeans_labels(np.ones(5), 2)
    with pytest.raises(ValueError, match="NaN"):
        kmeans_labels(np.array([[np.nan, 1.0], [1.0, 0.0]]), 1)


def test_cluster_scores_match_sklearn():
    points, labels = _blobs(seed=3)
    points[:4] += np.random.default_rng(9).normal(size=(4, 8)) * 6  # some noise so the scores are not all 1
    scores = cluster_scores(points, labels)
    clusters = kmeans_labels(points, 3)
    ids = np.unique(labels, return_inverse=True)[1]
    assert scores["ari"] == pytest.approx(adjusted_rand_score(ids, clusters))
    assert scores["nmi"] == pytest.approx(normalized_mutual_info_score(ids, clusters))
    assert scores["purity"] == pytest.approx(_naive_purity(labels, clusters.tolist()))
    assert scores["silhouette"] == pytest.approx(silhouette_score(points, ids, metric="cosine"))
    assert cluster_scores(*_blobs(seed=4))["ari"] == pytest.approx(1.0)  # well-separated blobs are found exactly


def test_cluster_scores_bad_labels():
    points, labels = _blobs()
    with pytest.raises(ValueError, match="distinct labels"):
        cluster_scores(points, ["same"] * len(points))
    with pytest.raises(ValueError, match="one entry per row"):
        cluster_scores(points, labels[:-1])


@pytest.mark.parametrize("method", ["pca", "tsne"])
def test_project_2d_shapes_and_pca_reference(method):
    points, _ = _blobs(n_per=5)
    coords = project_2d(points, method)
    assert coords.shape == (15, 2) and np.isfinite(coords).all()
    if method == "pca":  # same as the top-2 SVD directions of the centred data, up to sign
        centred = points - points.mean(axis=0)
        expected = centred @ np.linalg.svd(centred, full_matrices=False)[2][:2].T
        assert np.allclose(np.abs(coords), np.abs(expected), atol=1e-8)


def test_project_2d_bad_input():
    with pytest.raises(ValueError, match="method must be one of"):
        project_2d(np.ones((5, 3)), "mds")
    with pytest.raises(ValueError, match="at least 4 rows"):
        project_2d(np.eye(3), "pca")


def test_scatter_maps_panels_and_legend():
    points, labels = _blobs(n_per=4)
    coords = project_2d(points, "pca")
    fig = scatter_maps({"A": coords, "B": coords}, labels, title="t", annotate=[str(i) for i in range(12)])
    assert len(fig.axes) == 2 and len(fig.legends[0].get_texts()) == 3
    with pytest.raises(ValueError, match="expected"):
        scatter_maps({"A": coords[:5]}, labels)
