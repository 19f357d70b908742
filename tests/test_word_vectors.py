"""course_utils.word_vectors against gensim's own evaluation and a naive reading of the files."""

from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from course_utils import load_glove
from course_utils.corpora import gensim_data, load_tokenized_corpus, wikipedia_pages
from course_utils.word_vectors import evaluate_analogies, evaluate_wordsim, is_semantic, read_analogies


@pytest.fixture(scope="module")
def glove():
    return load_glove()


@pytest.fixture(scope="module")
def analogy_sample(tmp_path_factory):
    """Every 25th question of each section of the Google set (782 questions, all 14 sections)."""
    path = tmp_path_factory.mktemp("analogies") / "sample.txt"
    lines, section = [], None
    for s, *words in read_analogies()[::25]:
        if s != section:
            lines.append(f": {s}")
            section = s
        lines.append(" ".join(words))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_read_analogies_matches_the_file():
    questions = read_analogies()
    raw = gensim_data("questions-words.txt").read_text().splitlines()
    assert len(questions) == sum(not line.startswith(":") for line in raw) == 19544
    sections = list(dict.fromkeys(q[0] for q in questions))
    assert len(sections) == 14 and sum(map(is_semantic, sections)) == 5
    assert questions[-1][0] == "gram9-plural-verbs"


@pytest.mark.parametrize("restrict_vocab", [30_000, 5_000])
def test_analogies_agree_with_gensim(glove, analogy_sample, restrict_vocab):
    _, sections = glove.evaluate_word_analogies(str(analogy_sample), restrict_vocab=restrict_vocab)
    ours = evaluate_analogies(glove, analogy_sample, restrict_vocab=restrict_vocab, batch_size=100)
    for s in sections[:-1]:
        right, answered = len(s["correct"]), len(s["correct"]) + len(s["incorrect"])
        assert ours["sections"].get(s["section"], (0, 0)) == (right, answered), s["section"]
    total = sections[-1]
    assert ours["answered"] == len(total["correct"]) + len(total["incorrect"])
    assert ours["overall"] == pytest.approx(len(total["correct"]) / ours["answered"])
    semantic = [s for s in sections[:-1] if is_semantic(s["section"])]
    right = sum(len(s["correct"]) for s in semantic)
    assert ours["semantic"] == pytest.approx(right / sum(len(s["correct"]) + len(s["incorrect"]) for s in semantic))


def test_analogies_on_a_toy_space(tmp_path):
    kv = KeyedVectors(vector_size=3)
    kv.add_vectors(
        ["man", "woman", "king", "queen", "apple"],
        np.array([[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 1, 1], [-1, 0, 0]], dtype=np.float32),
    )
    path = tmp_path / "toy.txt"
    path.write_text(": family\nman woman king queen\nman king woman queen\n: gram1-toy\nMan Woman King apple\n")
    scores = evaluate_analogies(kv, path)
    assert scores["sections"] == {"family": (2, 2), "gram1-toy": (0, 1)}
    assert (scores["semantic"], scores["syntactic"], scores["coverage"]) == (1.0, 0.0, 1.0)
    assert evaluate_analogies(kv, path, case_insensitive=False)["answered"] == 2  # "Man" is unknown
    assert evaluate_analogies(kv, path, restrict_vocab=3)["answered"] == 0  # "queen" is outside the top 3
    assert np.isnan(evaluate_analogies(kv, path, restrict_vocab=3)["overall"])
    shared = evaluate_analogies(kv, path, shared_vocabulary=["MAN", "woman", "king", "queen"])
    assert shared["sections"] == {"family": (2, 2)} and shared["questions"] == 3


def test_analogies_bad_input(tmp_path, glove):
    with pytest.raises(ValueError, match="restrict_vocab"):
        evaluate_analogies(glove, restrict_vocab=0)
    bad = tmp_path / "bad.txt"
    bad.write_text(": s\nking queen man\n")
    with pytest.raises(ValueError, match="expected 4 words"):
        evaluate_analogies(glove, bad)
    bad.write_text("king queen man woman\n")
    with pytest.raises(ValueError, match="section"):
        read_analogies(bad)


def test_wordsim_matches_scipy(glove):
    from scipy.stats import spearmanr

    rows = [line.split("\t") for line in gensim_data("wordsim353.tsv").read_text().splitlines() if line[0] != "#"]
    model = [glove.similarity(a.lower(), b.lower()) for a, b, _ in rows]
    expected = spearmanr(model, [float(score) for *_, score in rows]).statistic
    scores = evaluate_wordsim(glove)
    assert scores["pairs"] == len(rows) == 353 and scores["oov"] == 0
    assert scores["spearman"] == pytest.approx(expected, abs=1e-6)


def test_wordsim_with_no_known_word(tmp_path):
    kv = KeyedVectors(vector_size=2)
    kv.add_vectors(["a", "b"], np.eye(2, dtype=np.float32))
    with pytest.raises(ValueError, match="out-of-vocabulary"):
        evaluate_wordsim(kv, gensim_data("wordsim353.tsv"))


def test_tokenized_corpus():
    lee = load_tokenized_corpus(("lee",))
    assert len(lee) == 300 and lee[0][:3] == ["hundreds", "of", "people"]
    assert all(token.isalpha() and token == token.lower() for tokens in lee for token in tokens)
    with pytest.raises(ValueError, match="unknown corpus"):
        load_tokenized_corpus(("books",))


def test_missing_gensim_file():
    with pytest.raises(FileNotFoundError, match="gensim"):
        gensim_data("no-such-file.txt")


def test_wikipedia_pages_strip_markup_and_redirects():
    pages = list(wikipedia_pages())
    assert len(pages) == 106  # the sample's articles, redirects skipped
    title, paragraphs = pages[0]
    assert title == "Anarchism" and all(p and p == p.strip() for p in paragraphs)
    assert not any("[[" in p for _, ps in pages for p in ps)  # wiki links removed
