"""Model loading, the course cache, GloVe, evaluate_sts and the command line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from scipy.stats import pearsonr, spearmanr
from sentence_transformers import SentenceTransformer

from course_utils import (
    cache_name,
    evaluate_sts,
    glove_sentence_model,
    load_glove,
    load_model,
    load_or_train,
    load_sts,
    model_path,
)
from course_utils.__main__ import main


def test_packaged_minilm_loads_offline(minilm):
    assert (model_path() / "config.json").exists()
    assert isinstance(minilm, SentenceTransformer)
    assert minilm.encode(["a cat"]).shape == (1, 384)
    assert load_model("sentence-transformers/all-MiniLM-L6-v2").get_embedding_dimension() == 384


def test_unknown_model_offline_says_how_to_get_it(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(FileNotFoundError, match="run the notebook that trains it"):
        load_model("no-such-model-xyz")
    with pytest.raises(FileNotFoundError, match="HF_HUB_OFFLINE"):
        model_path("no-such-model-xyz")


def test_load_or_train_trains_once_then_loads(tmp_path, monkeypatch, minilm):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    calls = []

    def train():
        calls.append(1)
        return minilm

    name = cache_name("demo", {"epochs": 1})
    assert name != cache_name("demo", {"epochs": 2})
    first = load_or_train("demo", {"epochs": 1}, train, device="cpu")
    second = load_or_train("demo", {"epochs": 1}, train, device="cpu")
    assert calls == [1]
    assert (tmp_path / name / "modules.json").exists()  # cached under the hashed name
    np.testing.assert_allclose(first.encode(["x"]), second.encode(["x"]), atol=1e-6)
    assert load_model(name).get_embedding_dimension() == 384  # load_model resolves cached names


class _FakeModel:
    """Stands in for a trained model: remembers where it was moved and what was saved."""

    def __init__(self):
        self.device = torch.device("cpu")

    def save(self, path):
        Path(path).mkdir(parents=True)

    def to(self, device):
        self.device = torch.device(device)
        return self


def test_load_or_train_moves_a_freshly_trained_model_to_the_requested_device(tmp_path, monkeypatch):
    # The bug: a model trained (not loaded) came back wherever training left it, whatever ``device`` said.
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    model = load_or_train("fake", {"n": 1}, _FakeModel, device="meta")  # a device the trainer never used
    assert model.device == torch.device("meta")


def test_load_or_train_seeds_training_with_its_seed_argument(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    draws = []

    def train():
        draws.append(torch.rand(3))
        return _FakeModel()

    load_or_train("fake", {"n": 1}, train, device="cpu", seed=7)
    load_or_train("fake", {"n": 2}, train, device="cpu")  # the default seed: 42, as the lessons always used
    expected = [torch.rand(3, generator=torch.Generator().manual_seed(s)) for s in (7, 42)]
    torch.testing.assert_close(draws, expected)


def test_glove_vectors_and_analogy():
    glove = load_glove()
    assert len(glove) == 400_000 and glove.vector_size == 50
    assert glove.most_similar(positive=["king", "woman"], negative=["man"], topn=1)[0][0] == "queen"


def test_glove_sentence_model_averages_word_vectors():
    glove, model = load_glove(), glove_sentence_model()
    expected = (glove["cat"] + glove["sleeps"]) / 2  # "the" and "." are stop words / punctuation
    np.testing.assert_allclose(model.encode(["The cat sleeps."])[0], expected, atol=1e-6)


def test_evaluate_sts_matches_scipy(minilm):
    pairs = load_sts_like()
    a = minilm.encode(pairs["sentence1"])
    b = minilm.encode(pairs["sentence2"])
    cosine = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    scores = evaluate_sts(minilm, pairs)
    assert scores["spearman_cosine"] == pytest.approx(spearmanr(cosine, pairs["score"]).statistic, abs=1e-6)
    assert scores["pearson_cosine"] == pytest.approx(pearsonr(cosine, pairs["score"]).statistic, abs=1e-6)


def load_sts_like():
    from datasets import Dataset

    return Dataset.from_dict(
        {
            "sentence1": ["A cat sleeps.", "A man plays guitar.", "The sky is blue.", "Kids play football."],
            "sentence2": ["A kitten naps.", "A woman cooks.", "Stocks fell today.", "Children play soccer."],
            "score": [0.9, 0.1, 0.0, 0.95],
        }
    )


def test_evaluate_sts_bad_input(minilm):
    from datasets import Dataset

    with pytest.raises(ValueError, match="load_sts"):
        evaluate_sts(minilm, Dataset.from_dict({"a": [1]}))
    with pytest.raises(ValueError, match="at least 2"):
        evaluate_sts(minilm, Dataset.from_dict({"sentence1": ["a"], "sentence2": ["b"], "score": [1.0]}))


def test_minilm_reproduces_the_published_stsb_score(minilm):
    try:
        test = load_sts("stsb", split="test")
    except FileNotFoundError:
        pytest.skip("no STS Benchmark mirror (COURSE_DATA_DIR)")
    assert evaluate_sts(minilm, test)["spearman_cosine"] == pytest.approx(0.8203, abs=0.001)


def test_cli_on_a_user_file(tmp_path, capsys):
    path = tmp_path / "pairs.csv"
    pairs = load_sts_like()
    rows = ["sentence1,sentence2,score"] + [
        f"{s1},{s2},{s}" for s1, s2, s in zip(pairs["sentence1"], pairs["sentence2"], pairs["score"], strict=True)
    ]
    path.write_text("\n".join(rows))
    assert main(["sts", "--model", "all-MiniLM-L6-v2", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert "spearman" in out and "pearson" in out and "4 pairs" in out


def test_cli_reports_errors_without_a_traceback(tmp_path, capsys):
    assert main(["sts", "--data", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
