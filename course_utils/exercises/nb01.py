"""Checkers for notebook 01 (one-hot, bag-of-words and TF-IDF)."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

from course_utils.exercises import exercise

DOCS = ["The cat sat on the mat", "the dog sat on the log", "A kitten is a small cat", "zebra"]
VOCABULARY = ["cat", "the", "dog", "a", "sat", "unicorn"]


@exercise("01.1", "write bag_of_words(docs, vocabulary): word counts of the vocabulary's words, shape (docs, vocab).")
def check_bag_of_words(bag_of_words) -> None:
    expected = CountVectorizer(vocabulary=VOCABULARY, token_pattern=r"\S+").fit_transform(DOCS).toarray()
    got = np.asarray(bag_of_words(DOCS, VOCABULARY))
    assert got.shape == expected.shape, f"expected shape {expected.shape} (docs, vocabulary), got {got.shape}."
    wrong = np.argwhere(got != expected)
    if len(wrong):
        i, j = wrong[0]
        raise AssertionError(
            f"document {i} ({DOCS[i]!r}) should count {VOCABULARY[j]!r} {expected[i, j]} time(s), got {got[i, j]} "
            "(lower-case the text; words outside the vocabulary are ignored)."
        )


@exercise("01.2", "write tfidf_transform(counts, smooth_idf): scikit-learn's TF-IDF of a count matrix, unit rows.")
def check_tfidf_transform(tfidf_transform) -> None:
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 3, size=(6, 8)) * (rng.random((6, 8)) < 0.5)  # (docs, vocab), some words rare
    counts[:, 0] = 1  # a word in every document
    counts[1] += 1  # every word in at least one document (else idf without smoothing is infinite)
    counts[5] = 0  # an empty document
    for smooth in (True, False):
        expected = TfidfTransformer(smooth_idf=smooth).fit_transform(counts).toarray()
        got = np.asarray(tfidf_transform(counts, smooth_idf=smooth), dtype=float)
        assert got.shape == expected.shape, f"expected shape {expected.shape}, got {got.shape}."
        assert not np.isnan(got).any(), "your matrix has NaN: an all-zero row must stay zero (do not divide by 0)."
        assert np.allclose(got, expected, atol=1e-6), (
            f"with smooth_idf={smooth} your first row is {got[0].round(3)}, scikit-learn gives {expected[0].round(3)}."
        )


CORPUS = [
    "The central bank raised interest rates to fight inflation.",
    "Firefighters battled a bushfire near the town overnight.",
    "The cricket team won the test match by six wickets.",
    "Heavy rain and floods closed roads across the state.",
    "Inflation rose again as the price of fuel climbed.",
    "The bowler took five wickets on the final day of the match.",
]
QUERIES = ["inflation and interest rates", "cricket match wickets", "fire near town", "floods"]


@exercise("01.3", "write rank_documents(query, documents, k): indices of the k best TF-IDF matches, best first.")
def check_rank_documents(rank_documents) -> None:
    vectorizer = TfidfVectorizer(stop_words="english")
    matrix = vectorizer.fit_transform(CORPUS)  # (docs, vocab), unit rows
    for query in QUERIES:
        scores = (matrix @ vectorizer.transform([query]).T).toarray().ravel()  # (docs,)
        for k in (1, 3):
            expected = [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
            got = [int(i) for i in rank_documents(query, CORPUS, k)]
            assert len(got) == k, f"rank_documents({query!r}, ..., k={k}) returned {len(got)} indices."
            assert np.allclose(scores[got], scores[expected]), (
                f"for {query!r} (k={k}) expected documents {expected} (cosines {scores[expected].round(3)}), got {got}."
            )
