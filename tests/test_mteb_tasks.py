"""Tests of course_utils.mteb_tasks: local MTEB tasks against independent computations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from datasets import Dataset
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression

from course_utils import evaluate_sts, load_model, load_sts
from course_utils.mteb_tasks import (
    local_classification_task,
    local_retrieval_task,
    local_sts_task,
    run_mteb,
)

QUERIES = {
    "q1": "I forgot my password",
    "q2": "the printer is jammed",
    "q3": "how much does the premium plan cost",
    "q4": "my flight was cancelled",
}
CORPUS = {
    "d1": "Resetting a forgotten password from the login page",
    "d2": "Clearing a paper jam in the office printer",
    "d3": "Prices of the basic and premium subscriptions",
    "d4": "What to do when an airline cancels your flight",
    "d5": "Our office holiday calendar",
    "d6": "Recipes for a quick vegetarian dinner",
}
RELEVANT = {"q1": "d1", "q2": ["d2"], "q3": "d3", "q4": ["d4", "d5"]}


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_sts_task_matches_sentence_transformers_and_scipy(model):
    pairs = load_sts("stsb", split="test").select(range(200))
    scores = run_mteb(model, [local_sts_task(pairs, "STSbSample")])
    assert list(scores) == ["STSbSample"]
    assert scores["STSbSample"] == pytest.approx(evaluate_sts(model, pairs)["spearman_cosine"], abs=1e-6)
    a = model.encode(pairs["sentence1"], normalize_embeddings=True)
    b = model.encode(pairs["sentence2"], normalize_embeddings=True)
    reference = spearmanr((a * b).sum(axis=1), pairs["score"]).statistic
    assert scores["STSbSample"] == pytest.approx(reference, abs=1e-4)


def test_sts_task_accepts_any_scored_pairs_and_rejects_bad_input(model):
    pairs = Dataset.from_dict(
        {
            "sentence1": ["a cat sits", "a man plays guitar", "it rains", "stocks fell"],
            "sentence2": ["a cat is sitting", "a woman reads", "the weather is wet", "a dog barks"],
            "score": [5.0, 1.0, 4.0, 0.0],
            "extra": [1, 2, 3, 4],
        }
    )
    score = run_mteb(model, [local_sts_task(pairs, "Toy-STS", score_range=(0, 5))])["Toy-STS"]
    a = model.encode(pairs["sentence1"], normalize_embeddings=True)
    b = model.encode(pairs["sentence2"], normalize_embeddings=True)
    assert score == pytest.approx(spearmanr((a * b).sum(axis=1), pairs["score"]).statistic, abs=1e-4)
    with pytest.raises(ValueError, match="columns"):
        local_sts_task(pairs.remove_columns("score"), "Bad")
    with pytest.raises(ValueError, match="at least 2"):
        local_sts_task(pairs.select([0]), "Bad")
    with pytest.raises(ValueError, match="score_range"):
        local_sts_task(pairs, "Bad", score_range=(1, 1))
    with pytest.raises(ValueError, match="task name"):
        local_sts_task(pairs, "bad name!")


def reference_ndcg_at_10(model, queries, corpus, relevant) -> float:
    """nDCG@10 with binary relevance, by hand: DCG of the ranking over the ideal DCG."""
    doc_ids = list(corpus)
    q = model.encode(list(queries.values()), normalize_embeddings=True)
    d = model.encode(list(corpus.values()), normalize_embeddings=True)
    values = []
    for qi, query_id in enumerate(queries):
        rels = {relevant[query_id]} if isinstance(relevant[query_id], str) else set(relevant[query_id])
        ranking = [doc_ids[i] for i in np.argsort(-(d @ q[qi]), kind="stable")[:10]]
        dcg = sum(1 / math.log2(rank + 2) for rank, doc in enumerate(ranking) if doc in rels)
        ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(rels), 10)))
        values.append(dcg / ideal)
    return float(np.mean(values))


def test_retrieval_task_matches_hand_computed_ndcg(model):
    task = local_retrieval_task(QUERIES, CORPUS, RELEVANT, "ToyRetrieval")
    score = run_mteb(model, [task])["ToyRetrieval"]
    assert score == pytest.approx(reference_ndcg_at_10(model, QUERIES, CORPUS, RELEVANT), abs=1e-4)
    assert 0.0 < score < 1.0  # q4's second relevant document (the calendar) ranks low


def test_retrieval_task_with_titles_and_bad_input(model):
    titles = {d: "Help" for d in CORPUS}
    assert "ToyTitles" in run_mteb(model, [local_retrieval_task(QUERIES, CORPUS, RELEVANT, "ToyTitles", titles)])
    with pytest.raises(ValueError, match="unknown query"):
        local_retrieval_task(QUERIES, CORPUS, {**RELEVANT, "q9": "d1"}, "Bad")
    with pytest.raises(ValueError, match="not in the corpus"):
        local_retrieval_task(QUERIES, CORPUS, {**RELEVANT, "q1": "d9"}, "Bad")
    with pytest.raises(ValueError, match="no relevant document"):
        local_retrieval_task(QUERIES, CORPUS, {"q1": "d1"}, "Bad")
    with pytest.raises(ValueError, match="at least one"):
        local_retrieval_task({}, CORPUS, {}, "Bad")


def test_classification_task_matches_sklearn(model):
    train_texts = [*CORPUS.values(), "Change the e-mail address of my account", "Replace the toner cartridge"]
    train_labels = ["account", "office", "billing", "travel", "office", "food", "account", "office"]
    test_texts, test_labels = list(QUERIES.values()), ["account", "office", "billing", "travel"]
    # samples_per_label >= every label's count: each experiment trains on the whole training set
    task = local_classification_task((train_texts, train_labels), (test_texts, test_labels), "ToyCls", 10, 2)
    score = run_mteb(model, [task])["ToyCls"]
    classifier = LogisticRegression(max_iter=100, random_state=42).fit(model.encode(train_texts), train_labels)
    reference = float((classifier.predict(model.encode(test_texts)) == np.array(test_labels)).mean())
    assert score == pytest.approx(reference, abs=1e-6)


def test_classification_task_rejects_bad_input():
    with pytest.raises(ValueError, match="as many labels"):
        local_classification_task((["a", "b"], ["x"]), (["c"], ["x"]), "Bad")
    with pytest.raises(ValueError, match="never in train"):
        local_classification_task((["a", "b"], ["x", "y"]), (["c"], ["z"]), "Bad")


def test_run_mteb_writes_no_result_cache(model, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_mteb(model, [local_sts_task(load_sts("stsb", split="test").select(range(20)), "Tiny")])
    assert list(tmp_path.iterdir()) == []


def test_importing_the_package_has_no_side_effects(tmp_path):
    # A fresh interpreter: importing course_utils (and mteb_tasks) creates no folder and sets no environment variable.
    import os
    import subprocess
    import sys

    code = (
        "import os, course_utils, course_utils.mteb_tasks; "
        "print('MTEB_CACHE' in os.environ, sorted(os.listdir(os.environ['COURSE_CACHE_DIR'])))"
    )
    env = {**os.environ, "COURSE_CACHE_DIR": str(tmp_path)}
    env.pop("MTEB_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[-2:] == ["False []", ""]
