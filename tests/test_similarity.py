"""cos_sim and top_k against scikit-learn, sentence-transformers and a naive loop."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from sentence_transformers import util
from sklearn.metrics.pairwise import cosine_similarity

from course_utils import cos_sim, rank_top_k, top_k


@pytest.fixture
def embeddings():
    rng = np.random.default_rng(0)
    return rng.normal(size=(4, 8)).astype(np.float32), rng.normal(size=(6, 8)).astype(np.float32)


def test_cos_sim_matches_sklearn_and_sentence_transformers(embeddings):
    a, b = embeddings
    ours = cos_sim(a, b)
    assert ours.shape == (4, 6)
    np.testing.assert_allclose(ours.numpy(), cosine_similarity(a, b), atol=1e-6)
    torch.testing.assert_close(ours, util.cos_sim(torch.tensor(a), torch.tensor(b)))


def test_cos_sim_accepts_vectors_lists_and_zero_vectors():
    assert cos_sim([1.0, 0.0], [0.0, 3.0]).tolist() == [[0.0]]
    zero = cos_sim([[0.0, 0.0]], [[1.0, 2.0]])
    np.testing.assert_allclose(zero.numpy(), cosine_similarity([[0.0, 0.0]], [[1.0, 2.0]]))


def test_cos_sim_empty_and_mismatched():
    assert cos_sim(np.zeros((0, 3)), np.ones((2, 3))).shape == (0, 2)
    with pytest.raises(ValueError, match="same model"):
        cos_sim(np.ones((1, 3)), np.ones((1, 4)))
    with pytest.raises(ValueError, match="matrix"):
        cos_sim(np.ones((1, 2, 3)), np.ones((1, 3)))


def test_top_k_matches_naive_loop_and_semantic_search(embeddings):
    queries, corpus = embeddings
    scores, indices = top_k(queries, corpus, k=3)
    assert scores.shape == indices.shape == (4, 3)
    for q in range(len(queries)):
        sims = [float(cosine_similarity(queries[q : q + 1], corpus[c : c + 1])[0, 0]) for c in range(len(corpus))]
        assert indices[q].tolist() == sorted(range(len(corpus)), key=lambda c: -sims[c])[:3]
    hits = util.semantic_search(torch.tensor(queries), torch.tensor(corpus), top_k=3)
    assert indices.tolist() == [[h["corpus_id"] for h in hit] for hit in hits]


def test_top_k_edge_cases(embeddings):
    queries, corpus = embeddings
    assert top_k(queries, corpus, k=100)[1].shape == (4, 6)  # k above the corpus size: all, ranked
    with pytest.raises(ValueError, match="at least 1"):
        top_k(queries, corpus, k=0)
    with pytest.raises(ValueError, match="empty"):
        top_k(queries, np.zeros((0, 8)), k=1)


def test_rank_top_k_ties_stable_in_column_order_else_as_torch_topk():
    scores = torch.tensor([[0.2, 0.9, 0.2, 0.5, 0.2], [0.0, 0.0, 0.0, 0.0, 0.0]])
    values, indices = rank_top_k(scores, k=4, stable=True)
    assert indices.tolist() == [[1, 3, 0, 2], [0, 1, 2, 3]]  # ties: the earlier column first
    torch.testing.assert_close(values, torch.tensor([[0.9, 0.5, 0.2, 0.2], [0.0] * 4]))
    expected = torch.topk(scores, k=4, dim=1)
    values, indices = rank_top_k(scores.numpy(), k=4)
    assert torch.equal(indices, expected.indices) and torch.equal(values, expected.values)
    assert rank_top_k(scores, k=99)[1].shape == (2, 5)  # k capped at the number of columns
