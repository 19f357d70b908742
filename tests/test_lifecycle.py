"""course_utils.lifecycle against numpy, naive loops and sentence-transformers, with a fake encoder."""

from __future__ import annotations

import numpy as np
import pytest
from sentence_transformers.util.quantization import quantize_embeddings

from course_utils.lifecycle import (
    PROBE_TEXT,
    ModelMismatchError,
    VectorIndex,
    build_index,
    evaluate_index,
    rollback,
    search,
    switch_if_better,
    top_ids,
)
from course_utils.quantization import (
    binary_search_with_rescore,
    bytes_per_vector,
    pairwise_similarity,
    similarity_matrix,
    truncate_and_normalize,
)


class FakeEncoder:
    """A deterministic bag-of-characters encoder: same seed, same model."""

    def __init__(self, dim: int = 16, seed: int = 0):
        self.table = np.random.default_rng(seed).normal(size=(128, dim)).astype(np.float32)

    def get_embedding_dimension(self) -> int:
        return self.table.shape[1]

    def encode(self, texts, normalize_embeddings=False, convert_to_numpy=True):
        out = np.stack([self.table[[ord(c) % 128 for c in t]].sum(axis=0) for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True) if normalize_embeddings else out


CORPUS = {"a": "reset my password", "b": "cancel subscription", "c": "export a board", "d": "invite a guest"}


def test_build_index_shapes_probe_and_unit_rows():
    model = FakeEncoder()
    index = build_index(model, CORPUS, label="blue", model_name="fake")
    assert index.ids == ("a", "b", "c", "d") and index.vectors.shape == (4, 16) and index.dimension == 16
    assert np.allclose(np.linalg.norm(index.vectors, axis=1), 1, atol=1e-6)
    assert np.allclose(index.probe, model.encode([PROBE_TEXT], normalize_embeddings=True)[0])
    assert index.nbytes == 4 * 16 * 4 and len(index) == 4


def test_empty_corpus_builds_but_cannot_be_searched():
    index = build_index(FakeEncoder(), {}, label="empty")
    assert index.vectors.shape == (0, 16) and len(index) == 0
    with pytest.raises(ValueError, match="empty"):
        search(index, FakeEncoder(), ["x"])


def test_search_matches_a_naive_loop():
    model = FakeEncoder()
    index = build_index(model, CORPUS, label="blue")
    queries = ["password reset", "guest invitation", "board"]
    ids, scores = search(index, model, queries, k=3)
    for query, got_ids, got_scores in zip(queries, ids, scores, strict=True):
        q = model.encode([query], normalize_embeddings=True)[0]
        naive = sorted(((float(q @ v), i) for i, v in zip(index.ids, index.vectors, strict=True)), reverse=True)[:3]
        assert got_ids == [i for _, i in naive]
        assert np.allclose(got_scores, [s for s, _ in naive], atol=1e-6)
    assert search(index, model, ["x"], k=99)[1].shape == (1, 4)  # k capped at the corpus size


def test_top_ids_ranks_like_a_naive_sort_and_keeps_ties_in_corpus_order():
    sim = np.array([[0.2, 0.9, 0.2, 0.5], [0.0, 0.0, 0.0, 0.0]])
    ids, scores = top_ids(sim, ["a", "b", "c", "d"], k=3)
    assert ids == [["b", "d", "a"], ["a", "b", "c"]]  # ties: a before c, corpus order
    assert np.allclose(scores, [[0.9, 0.5, 0.2], [0, 0, 0]])
    rng = np.random.default_rng(3)
    sim = rng.normal(size=(4, 7))
    names = list("abcdefg")
    got, _ = top_ids(sim, names, k=99)  # k capped at the number of documents
    assert got == [[n for _, n in sorted(zip(row, names, strict=True), reverse=True)] for row in sim]
    with pytest.raises(ValueError, match="similarity must be"):
        top_ids(sim, names[:3])


def test_evaluate_index_against_a_naive_loop():
    model = FakeEncoder()
    index = build_index(model, CORPUS, label="blue")
    queries, relevant = ["reset password", "cancel my subscription", "guest", "export"], ["a", "b", "c", "d"]
    ndcg, mrr, recall = [], [], []
    for query, rel in zip(queries, relevant, strict=True):
        q = model.encode([query], normalize_embeddings=True)[0]
        order = [i for _, i in sorted(((float(q @ v), i) for i, v in zip(index.ids, index.vectors, strict=True)))]
        rank = order[::-1][:2].index(rel) + 1 if rel in order[::-1][:2] else None  # k=2 of 4 documents
        ndcg.append(1 / np.log2(rank + 1) if rank else 0.0)
        mrr.append(1 / rank if rank else 0.0)
        recall.append(1.0 if rank else 0.0)
    got = evaluate_index(index, model, queries, relevant, k=2)
    assert got == pytest.approx({"ndcg@2": np.mean(ndcg), "mrr@2": np.mean(mrr), "recall@2": np.mean(recall)})


def test_another_model_is_refused_with_a_reindex_hint():
    index = build_index(FakeEncoder(seed=0), CORPUS, label="blue", model_name="fake-v1")
    with pytest.raises(ModelMismatchError, match="Re-index"):
        search(index, FakeEncoder(seed=1), ["x"])  # same dimension, other weights
    with pytest.raises(ModelMismatchError, match="8-d"):
        search(index, FakeEncoder(dim=8), ["x"])  # other dimension
    assert issubclass(ModelMismatchError, ValueError)


def test_vector_index_validates_shapes():
    with pytest.raises(ValueError, match="one row per id"):
        VectorIndex("m", "x", ("a",), np.zeros((2, 3), np.float32), np.zeros(3, np.float32))
    with pytest.raises(ValueError, match="probe"):
        VectorIndex("m", "x", ("a",), np.zeros((1, 3), np.float32), np.zeros(4, np.float32))


def _two_indexes():
    model = FakeEncoder()
    return build_index(model, CORPUS, label="blue"), build_index(model, CORPUS, label="green")


def test_switch_rule_gain_tie_and_threshold():
    blue, green = _two_indexes()
    better = switch_if_better(blue, green, {"ndcg@10": 0.55}, {"ndcg@10": 0.80})
    assert better.serving is green and better.standby is blue and better.switched
    exactly = switch_if_better(blue, green, {"ndcg@10": 0.55}, {"ndcg@10": 0.56}, min_gain=0.01)
    assert exactly.switched  # a gain of exactly min_gain switches (despite 0.56 - 0.55 < 0.01 in floats)
    small = switch_if_better(blue, green, {"ndcg@10": 0.55}, {"ndcg@10": 0.555}, min_gain=0.01)
    assert small.serving is blue and small.standby is green and not small.switched
    tie = switch_if_better(blue, green, {"ndcg@10": 0.6}, {"ndcg@10": 0.6}, min_gain=0.0)
    assert tie.serving is blue and not tie.switched  # a tie never switches
    worse = switch_if_better(blue, green, {"ndcg@10": 0.6}, {"ndcg@10": 0.5}, min_gain=0.0)
    assert worse.serving is blue
    with pytest.raises(KeyError, match="recall@10"):
        switch_if_better(blue, green, {"ndcg@10": 0.6}, {"ndcg@10": 0.7}, metric="recall@10")
    with pytest.raises(ValueError, match="min_gain"):
        switch_if_better(blue, green, {"ndcg@10": 0.6}, {"ndcg@10": 0.7}, min_gain=-0.1)


def test_rollback_swaps_serving_and_standby():
    blue, green = _two_indexes()
    deployment = switch_if_better(blue, green, {"ndcg@10": 0.5}, {"ndcg@10": 0.7})
    back = rollback(deployment)
    assert back.serving is blue and back.standby is green and back.switched
    with pytest.raises(ValueError, match="standby"):
        rollback(type(deployment)(serving=blue, standby=None, switched=False, reason=""))


def test_bytes_per_vector():
    assert [bytes_per_vector(384, p) for p in ("float32", "float16", "int8", "ubinary")] == [1536, 768, 384, 48]
    assert bytes_per_vector(10, "ubinary") == 2  # bits rounded up to whole bytes
    assert bytes_per_vector(384, "ubinary") == quantize_embeddings(np.ones((1, 384), np.float32), "ubinary").nbytes
    with pytest.raises(ValueError, match="precision"):
        bytes_per_vector(384, "int4")


def test_truncate_and_normalize():
    x = np.random.default_rng(0).normal(size=(5, 12))
    got = truncate_and_normalize(x, 4)
    expected = x[:, :4] / np.linalg.norm(x[:, :4], axis=1, keepdims=True)
    assert got.shape == (5, 4) and np.allclose(got, expected)
    assert np.allclose(truncate_and_normalize(np.zeros((1, 3)), 2), 0)  # a zero row stays zero, no NaN
    for bad in (0, 13):
        with pytest.raises(ValueError, match="dimension"):
            truncate_and_normalize(x, bad)


def test_float_and_int8_similarity_are_cosines_of_the_stored_values():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(3, 8)).astype(np.float32), rng.normal(size=(4, 8)).astype(np.float32)
    cos = (a / np.linalg.norm(a, axis=1, keepdims=True)) @ (b / np.linalg.norm(b, axis=1, keepdims=True)).T
    assert np.allclose(similarity_matrix(a, b), cos, atol=1e-6)
    qa = quantize_embeddings(a, "int8", calibration_embeddings=np.vstack([a, b]))
    qb = quantize_embeddings(b, "int8", calibration_embeddings=np.vstack([a, b]))
    fa, fb = qa.astype(float), qb.astype(float)
    naive = np.array([[x @ y / np.linalg.norm(x) / np.linalg.norm(y) for y in fb] for x in fa])
    assert np.allclose(similarity_matrix(qa, qb, "int8"), naive, atol=1e-5)
    assert np.allclose(pairwise_similarity(a, b[:3]), np.diag(similarity_matrix(a, b[:3])), atol=1e-6)
    with pytest.raises(ValueError, match="precision"):
        similarity_matrix(a, b, "int4")
    with pytest.raises(ValueError, match="same shape"):
        pairwise_similarity(a, b)


def test_binary_similarity_matches_a_naive_bit_loop():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(4, 13)), rng.normal(size=(5, 13))  # 13 bits: the last byte is padded
    pa, pb = quantize_embeddings(a, "ubinary"), quantize_embeddings(b, "ubinary")
    naive = np.array([[np.mean((x > 0) == (y > 0)) for y in b] for x in a])
    assert np.allclose(similarity_matrix(pa, pb, "ubinary", 13), naive)
    assert np.allclose(pairwise_similarity(pa, pb[:4], "ubinary", 13), np.diag(naive[:, :4]))


def test_binary_search_with_rescore_equals_a_naive_two_stage_search():
    rng = np.random.default_rng(3)
    docs, queries = rng.normal(size=(30, 16)), rng.normal(size=(6, 16))
    bits = quantize_embeddings(docs, "ubinary")
    got = binary_search_with_rescore(queries, bits, k=3, rescore_multiplier=2)
    signs = np.where(docs > 0, 1.0, -1.0)
    for q, row in zip(queries, got, strict=True):
        hamming = [int(np.sum((q > 0) != (d > 0))) for d in docs]
        candidates = sorted(range(30), key=lambda j: (hamming[j], j))[:6]
        expected = sorted(candidates, key=lambda j: -float(q @ signs[j]))[:3]
        assert list(row) == expected
    assert binary_search_with_rescore(queries, bits[:2], k=3).shape == (6, 2)  # fewer docs than k
