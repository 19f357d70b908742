"""Reference solutions for notebook 12."""

from collections import Counter

import numpy as np


def purity(labels_true, labels_pred) -> float:
    clusters: dict = {}
    for true, pred in zip(labels_true, labels_pred, strict=True):
        clusters.setdefault(pred, []).append(true)
    return sum(Counter(members).most_common(1)[0][1] for members in clusters.values()) / len(labels_true)


def nearest_centroid(embeddings, labels, queries) -> list:
    unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)  # (n, d)
    names = sorted(set(labels))
    labels = np.asarray(labels)
    centroids = np.stack([unit[labels == name].mean(axis=0) for name in names])  # (n_labels, d)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    queries = queries / np.linalg.norm(queries, axis=1, keepdims=True)  # (m, d)
    return [names[i] for i in (queries @ centroids.T).argmax(axis=1)]


def pca_2d(X) -> np.ndarray:
    Xc = X - X.mean(axis=0)  # (n, d), centred
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)  # Vt: (d, d), rows = principal directions
    return Xc @ Vt[:2].T  # (n, 2)


SOLUTIONS = {"12.1": purity, "12.2": nearest_centroid, "12.3": pca_2d}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _purity_by_label(labels_true, labels_pred):  # the roles swapped: majority cluster of each label
    return purity(labels_pred, labels_true)


def _purity_largest_cluster(labels_true, labels_pred):
    return Counter(labels_pred).most_common(1)[0][1] / len(labels_true)


def _centroid_unnormalised_rows(embeddings, labels, queries):  # forgets to normalise the rows first
    names, labels = sorted(set(labels)), np.asarray(labels)
    centroids = np.stack([embeddings[labels == name].mean(axis=0) for name in names])
    return [names[i] for i in (queries @ centroids.T).argmax(axis=1)]


def _centroid_nearest_point(embeddings, labels, queries):  # 1-nearest neighbour instead of the centroid
    unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    return [labels[i] for i in (queries @ unit.T).argmax(axis=1)]


def _pca_not_centred(X):
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    return X @ Vt[:2].T


def _pca_wrong_vectors(X):  # the last two directions (smallest variance)
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Xc @ Vt[-2:].T


WRONG_ANSWERS = {
    "12.1": [_purity_by_label, _purity_largest_cluster],
    "12.2": [_centroid_unnormalised_rows, _centroid_nearest_point],
    "12.3": [_pca_not_centred, _pca_wrong_vectors],
}
