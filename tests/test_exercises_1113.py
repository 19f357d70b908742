"""Exercises of notebooks 11-13: each checker accepts its solution and rejects known-wrong answers.

The wrong answers are the mistakes a learner is likely to make (an off-by-one, a forgotten
normalisation, a comparison that lets a tie through), so a checker that passes them is too lax.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course_utils.exercises import evaluate
from solutions import nb11, nb12, nb13


def _recall_over_all_found(found, truth, k):  # counts the found ids beyond k
    return float(np.mean([len(set(f.tolist()) & set(t[:k].tolist())) / k for f, t in zip(found, truth, strict=True)]))


def _recall_in_order(found, truth, k):  # position by position: the order would matter
    return float((found[:, :k] == truth[:, :k]).mean())


def _chunk_overlap_ignored(text, size, overlap):
    return nb11.chunk(text, size, 0) if 0 <= overlap < size else nb11.chunk(text, size, overlap)


def _chunk_one_too_many(text, size, overlap):  # keeps stepping after a window reached the last word
    if not 0 <= overlap < size:
        raise ValueError("overlap must be smaller than size")
    words = text.split()
    return [" ".join(words[s : s + size]) for s in range(0, len(words), size - overlap)]


def _chunk_no_error(text, size, overlap):
    return nb11.chunk(text, size, overlap) if overlap < size else [text]


def _select_skips_ahead(passages, max_words):  # takes a later, shorter passage after one that did not fit
    selected, used = [], 0
    for number, passage in enumerate(passages, start=1):
        if used + len(passage.split()) <= max_words:
            used += len(passage.split())
            selected.append(f"[{number}] {passage}")
    return selected


def _select_counts_labels(passages, max_words):  # counts the "[i]" labels as words
    selected, used = [], 0
    for number, passage in enumerate(passages, start=1):
        labelled = f"[{number}] {passage}"
        used += len(labelled.split())
        if used > max_words:
            break
        selected.append(labelled)
    return selected


def _purity_by_label(labels_true, labels_pred):  # the roles swapped: majority cluster of each label
    return nb12.purity(labels_pred, labels_true)


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


def _truncate_before_normalising(vectors, d):  # normalises the full rows, then truncates
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True))[:, :d]


def _truncate_last_dims(vectors, d):
    tail = vectors[:, -d:]
    return tail / np.linalg.norm(tail, axis=1, keepdims=True)


def _hamming_with_padding(a_bits, b_bits, dim):  # the padding bits of the last byte count as equal bits
    a, b = np.unpackbits(a_bits, axis=1), np.unpackbits(b_bits, axis=1)
    return (a[:, None, :] == b[None, :, :]).mean(axis=2)


def _hamming_distance_not_similarity(a_bits, b_bits, dim):
    return 1 - nb13.hamming_similarity(a_bits, b_bits, dim)


def _switch_naive_float(live, candidate, min_gain):  # 0.56 - 0.55 < 0.01 in floating point
    return candidate - live >= min_gain and candidate > live


def _switch_on_tie(live, candidate, min_gain):
    return candidate - live >= min_gain - 1e-12


CASES = [
    ("11.1", nb11.recall_at_k, _recall_over_all_found),
    ("11.1", nb11.recall_at_k, _recall_in_order),
    ("11.2", nb11.chunk, _chunk_overlap_ignored),
    ("11.2", nb11.chunk, _chunk_one_too_many),
    ("11.2", nb11.chunk, _chunk_no_error),
    ("11.3", nb11.select_passages, _select_skips_ahead),
    ("11.3", nb11.select_passages, _select_counts_labels),
    ("12.1", nb12.purity, _purity_by_label),
    ("12.1", nb12.purity, _purity_largest_cluster),
    ("12.2", nb12.nearest_centroid, _centroid_unnormalised_rows),
    ("12.2", nb12.nearest_centroid, _centroid_nearest_point),
    ("12.3", nb12.pca_2d, _pca_not_centred),
    ("12.3", nb12.pca_2d, _pca_wrong_vectors),
    ("13.1", nb13.truncate, _truncate_before_normalising),
    ("13.1", nb13.truncate, _truncate_last_dims),
    ("13.2", nb13.hamming_similarity, _hamming_with_padding),
    ("13.2", nb13.hamming_similarity, _hamming_distance_not_similarity),
    ("13.3", nb13.should_switch, _switch_naive_float),
    ("13.3", nb13.should_switch, _switch_on_tie),
]


@pytest.mark.parametrize(
    ("exercise_id", "solution", "wrong"), CASES, ids=[f"{c[0]}-{c[2].__name__.lstrip('_')}" for c in CASES]
)
def test_checker_accepts_the_solution_and_rejects_a_wrong_answer(exercise_id, solution, wrong):
    solved, message = evaluate(exercise_id, solution)
    assert solved, message
    solved, message = evaluate(exercise_id, wrong)
    assert not solved, f"{exercise_id} accepted a wrong answer ({wrong.__name__}): {message}"
    assert "not solved yet" not in message
