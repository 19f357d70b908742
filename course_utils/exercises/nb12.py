"""Checkers for notebook 12 (visualising embedding spaces)."""

from __future__ import annotations

import numpy as np

from course_utils.exercises import exercise


def _points(n: int, d: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, d)) * np.linspace(3.0, 0.2, d) + 1.5  # (n, d), not centred


@exercise("12.1", "write purity(labels_true, labels_pred): share of points carrying their cluster's majority label.")
def check_purity(purity) -> None:
    from course_utils.maps import cluster_purity

    rng = np.random.default_rng(0)
    cases = [
        (["a", "a", "b", "b"], [0, 0, 0, 1]),
        (["x"] * 5, [3, 3, 3, 3, 3]),
        (list("abcabc"), [0, 1, 2, 0, 1, 2]),
        (list("aabbcc"), [7, 7, 7, 7, 7, 7]),
    ] + [(rng.integers(0, 4, 40).tolist(), rng.integers(0, 6, 40).tolist()) for _ in range(3)]
    for labels_true, labels_pred in cases:
        expected = cluster_purity(labels_true, labels_pred)
        got = float(purity(list(labels_true), list(labels_pred)))
        assert abs(got - expected) < 1e-9, (
            f"for labels_true={labels_true[:8]}... and labels_pred={labels_pred[:8]}... expected {expected:.3f}, "
            f"got {got:.3f}. For each cluster, count its most frequent true label; add these counts; divide by n."
        )


@exercise("12.2", "write nearest_centroid(embeddings, labels, queries): label of the closest label centroid (cosine).")
def check_nearest_centroid(nearest_centroid) -> None:
    rng = np.random.default_rng(1)
    embeddings = _points(30, 6, 2)
    labels = np.array(["cat", "dog", "fish"])[rng.integers(0, 3, 30)].tolist()
    queries = _points(12, 6, 3)
    unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    expected = []
    for q in queries:  # a plain loop as the reference
        best, best_label = -2.0, None
        for label in sorted(set(labels)):
            centroid = unit[[i for i, x in enumerate(labels) if x == label]].mean(axis=0)
            score = float(q @ centroid / (np.linalg.norm(q) * np.linalg.norm(centroid)))
            if score > best:
                best, best_label = score, label
        expected.append(best_label)
    got = [str(x) for x in nearest_centroid(embeddings.copy(), list(labels), queries.copy())]
    assert len(got) == len(queries), f"expected one label per query ({len(queries)}), got {len(got)}."
    wrong = sum(g != e for g, e in zip(got, expected, strict=True))
    assert wrong == 0, (
        f"{wrong} of {len(queries)} labels differ. Normalise the rows, average them per label (the centroids), "
        "and give each query the label of the centroid with the highest cosine similarity."
    )


@exercise("12.3", "write pca_2d(X): the (n, 2) PCA coordinates computed with np.linalg.svd (centre first).")
def check_pca_2d(pca_2d) -> None:
    from sklearn.decomposition import PCA

    for n, d, seed in [(20, 5, 4), (50, 12, 5), (8, 3, 6)]:
        X = _points(n, d, seed)
        expected = PCA(n_components=2).fit_transform(X)  # (n, 2)
        got = np.asarray(pca_2d(X.copy()), dtype=float)
        assert got.shape == (n, 2), f"for X of shape {X.shape} expected shape ({n}, 2), got {got.shape}."
        signs = np.sign((got * expected).sum(axis=0))  # each component is defined up to its sign
        signs[signs == 0] = 1
        assert np.allclose(got * signs, expected, atol=1e-6), (
            "the coordinates differ from scikit-learn's PCA (even allowing a sign flip per axis): subtract the column "
            "means, take U, S, Vt = np.linalg.svd(Xc, full_matrices=False), and return Xc @ Vt[:2].T."
        )
