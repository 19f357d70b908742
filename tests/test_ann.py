"""ANN helpers against naive references: recall@k vs a loop, FAISS exact search vs NumPy argsort."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from course_utils.ann import (
    benchmark,
    build_timed,
    hold_out_queries,
    index_megabytes,
    recall_at_k,
    search_one_at_a_time,
)
from course_utils.similarity import unit_rows


@pytest.fixture(scope="module")
def data():
    vectors = unit_rows(np.random.default_rng(0).normal(size=(600, 16)))
    base, queries, rows = hold_out_queries(vectors, 40, seed=1)
    return vectors, base, queries, rows


def naive_recall(found, truth, k):
    total = 0.0
    for f, t in zip(found, truth, strict=True):
        total += sum(1 for x in f[:k] if x in list(t[:k])) / k
    return total / len(found)


def test_recall_at_k_matches_a_loop():
    rng = np.random.default_rng(2)
    found, truth = rng.integers(0, 30, size=(25, 12)), np.argsort(rng.random((25, 40)), axis=1)[:, :12]
    found = np.array([rng.permutation(30)[:12] for _ in range(25)])  # distinct ids per row, as an index returns
    for k in (1, 5, 10, 12):
        assert recall_at_k(found, truth, k) == pytest.approx(naive_recall(found, truth, k))
    assert recall_at_k(truth, truth, 10) == 1.0
    assert recall_at_k(truth[:, ::-1], truth, 12) == 1.0  # order does not matter
    assert recall_at_k(np.full((25, 12), -1), truth, 10) == 0.0


def test_recall_at_k_rejects_bad_shapes():
    with pytest.raises(ValueError, match="at least k"):
        recall_at_k(np.zeros((3, 5), int), np.zeros((3, 5), int), 10)
    with pytest.raises(ValueError, match="equal length"):
        recall_at_k(np.zeros((3, 5), int), np.zeros((4, 5), int), 5)


def test_unit_rows_and_hold_out(data):
    vectors, base, queries, rows = data
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert base.shape == (560, 16) and queries.shape == (40, 16) and base.dtype == np.float32
    assert len(set(rows.tolist())) == 40
    np.testing.assert_array_equal(queries, vectors[rows])
    assert not (base[:, None, :] == queries[None, :, :]).all(axis=2).any()  # no query is in the index
    with pytest.raises(ValueError, match="zero vector"):
        unit_rows(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="n_queries"):
        hold_out_queries(vectors, 600)


def test_benchmark_flat_is_exact_and_hnsw_close(data):
    _, base, queries, _ = data
    truth = np.argsort(-(queries @ base.T), axis=1, kind="stable")[:, :10]
    flat, seconds = build_timed(lambda: faiss.IndexFlatIP(16), base)
    assert seconds >= 0 and flat.ntotal == 560
    np.testing.assert_array_equal(flat.search(queries, 10)[1], truth)  # FAISS exact search = NumPy argsort
    result = benchmark(flat, queries, truth, k=10)
    assert result["recall@10"] == 1.0 and result["qps"] > 0
    ids, _ = search_one_at_a_time(flat, queries, 10, repeats=2)
    np.testing.assert_array_equal(ids, flat.search(queries, 10)[1])  # one at a time = batched
    assert benchmark(flat, queries, truth, k=5, n_timed=3)["recall@5"] == 1.0
    assert index_megabytes(flat) == pytest.approx(560 * 16 * 4 / 1e6, rel=0.05)

    def make_hnsw():
        index = faiss.IndexHNSWFlat(16, 8, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 64
        return index

    hnsw, _ = build_timed(make_hnsw, base)
    assert benchmark(hnsw, queries, truth, k=10)["recall@10"] > 0.9
    hnsw_ids, _ = search_one_at_a_time(hnsw, queries, 10)
    np.testing.assert_array_equal(hnsw_ids, hnsw.search(queries, 10)[1])

    ivf, _ = build_timed(lambda: faiss.IndexIVFFlat(faiss.IndexFlatIP(16), 16, 8, faiss.METRIC_INNER_PRODUCT), base)
    assert ivf.is_trained and ivf.ntotal == 560
    ivf.nprobe = 8  # every list: exact
    assert benchmark(ivf, queries, truth, k=10)["recall@10"] == 1.0
