"""Tests of notebook 08a/08b's training helpers: hard-negative data, per-epoch hooks, re-ranker rows, fusion."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import zscore

from course_utils.domain import (
    ENCODE_MAX_SEQ_LENGTH,
    HARD_NEGATIVE_SETTINGS,
    RERANK_TOP_K,
    fuse_scores,
    hard_negative_dataset,
    reranker_logits,
    reranker_rows,
    train_support_biencoder,
    train_support_reranker,
)
from course_utils.support import load_support_articles, load_support_queries, retrieve, support_pairs


@pytest.fixture(scope="module")
def titles():
    return {a["article_id"]: a["title"] for a in load_support_articles()}


def test_fusion_matches_scipy_zscores():
    rng = np.random.default_rng(0)
    bi, ce = rng.normal(size=(5, 20)), rng.normal(scale=4, size=(5, 20))
    for weight in (0, 0.5, 2):
        assert np.allclose(fuse_scores(bi, ce, weight), zscore(bi, axis=1) + weight * zscore(ce, axis=1))
    assert np.allclose(fuse_scores(bi, ce, 0), zscore(bi, axis=1))  # weight 0 keeps the bi-encoder's order


def test_fusion_of_a_flat_row_is_zero_and_shapes_must_match():
    bi = np.array([[0.1, 0.1, 0.1], [0.1, 0.2, 0.3]])  # 0.1 * 3 / 3 is not exactly 0.1: std ~1e-17, not 0
    ce = np.array([[1.0, 2.0, 3.0], [7.0, 7.0, 7.0]])
    fused = fuse_scores(bi, ce, 1.0)
    assert np.allclose(fused[0], zscore(ce[0])) and np.allclose(fused[1], zscore(bi[1]))  # no NaN from 0 / 0
    with pytest.raises(ValueError, match="must be the same"):
        fuse_scores(bi, ce[:, :2], 1.0)
    with pytest.raises(ValueError, match="must be the same"):
        fuse_scores(bi[0], ce[0], 1.0)  # one query still needs a (1, k) array


def test_reranker_rows_hold_the_highest_ranked_wrong_articles(minilm, titles):
    queries = load_support_queries("train").select(range(12))
    rows = reranker_rows(minilm, queries, titles, num_negatives=3)
    assert rows.column_names == ["query", "positive", "negative_1", "negative_2", "negative_3"]
    candidates, _ = retrieve(minilm, list(queries["query"]), k=RERANK_TOP_K)
    for row, gold, ids in zip(rows, queries["article_id"], candidates, strict=True):
        assert row["positive"] == titles[gold]
        expected = [titles[a] for a in ids if a != gold][:3]  # a naive loop over the ranking, best first
        assert [row[f"negative_{i}"] for i in (1, 2, 3)] == expected


def test_reranker_rows_reject_bad_arguments(minilm, titles):
    queries = load_support_queries("train").select(range(2))
    with pytest.raises(ValueError, match="num_negatives must be between 1 and 19"):
        reranker_rows(minilm, queries, titles, num_negatives=20)
    with pytest.raises(ValueError, match="load_support_queries"):
        reranker_rows(minilm, support_pairs("train").select(range(2)), titles)


def test_reranker_trains_and_rejects_other_columns(tmp_path, minilm, titles, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    minilm.save(str(tmp_path / "start"))
    rows = reranker_rows(minilm, load_support_queries("train").select(range(8)), titles, num_negatives=2)
    model = train_support_reranker(rows, start=tmp_path / "start", run_name="test-reranker", epochs=1, batch_size=4)
    logits = model.predict([("E-409 on my whiteboard", titles["KB-0201"])], show_progress_bar=False)
    assert np.isfinite(logits).all()
    queries, ids = ["E-409 on my whiteboard", "export my timesheet"], [["KB-0201", "KB-1101"], ["KB-1101", "KB-0201"]]
    by_pair = [
        [model.predict([(q, titles[a])], activation_fn=lambda x: x)[0] for a in row]
        for q, row in zip(queries, ids, strict=True)
    ]
    assert np.allclose(reranker_logits(model, queries, ids, titles), by_pair, atol=1e-5)
    with pytest.raises(ValueError, match="same k article ids"):
        reranker_logits(model, queries, [["KB-0201"], ["KB-1101", "KB-0201"]], titles)
    with pytest.raises(ValueError, match="query, positive, negative_1"):
        train_support_reranker(support_pairs("train").select(range(4)), start=tmp_path / "start")


def test_hard_negative_dataset_keeps_every_query_once(minilm):
    from course_utils.domain import mine_support_negatives

    pairs = support_pairs("train").select(range(60))
    data = hard_negative_dataset(minilm, pairs, HARD_NEGATIVE_SETTINGS)
    assert data["mined"].to_list() == mine_support_negatives(minilm, pairs, HARD_NEGATIVE_SETTINGS).to_list()
    anchors = list(data["mined"]["anchor"]) + list(data["unmined"]["anchor"])
    assert sorted(anchors) == sorted(pairs["anchor"])
    strict = hard_negative_dataset(minilm, pairs, {**HARD_NEGATIVE_SETTINGS, "relative_margin": 0.5})
    assert len(strict["unmined"]) > 0 and len(strict["mined"]) + len(strict["unmined"]) == len(pairs)


def test_on_epoch_end_sees_whole_articles_after_every_epoch(tmp_path, monkeypatch):
    from course_utils import load_model

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    seen = []
    model = train_support_biencoder(
        support_pairs("train").select(range(16)),
        model=load_model(device="cpu"),
        run_name="test-epochs",
        epochs=2,
        batch_size=8,
        max_seq_length=32,
        on_epoch_end=lambda m: seen.append(m.max_seq_length),
    )
    assert seen == [ENCODE_MAX_SEQ_LENGTH] * 2
    assert model.max_seq_length == ENCODE_MAX_SEQ_LENGTH
