"""Reference solutions for notebook 01."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def bag_of_words(docs: list[str], vocabulary: list[str]) -> np.ndarray:
    index = {word: j for j, word in enumerate(vocabulary)}
    counts = np.zeros((len(docs), len(vocabulary)), dtype=int)  # (docs, vocab)
    for i, doc in enumerate(docs):
        for word in doc.lower().split():
            if word in index:
                counts[i, index[word]] += 1
    return counts


def tfidf_transform(counts: np.ndarray, smooth_idf: bool = True) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)  # (docs, vocab)
    n_docs, df = counts.shape[0], (counts > 0).sum(axis=0)  # df: (vocab,)
    idf = np.log((1 + n_docs) / (1 + df)) + 1 if smooth_idf else np.log(n_docs / df) + 1
    weights = counts * idf  # (docs, vocab)
    norms = np.linalg.norm(weights, axis=1, keepdims=True)  # (docs, 1)
    return weights / np.where(norms == 0, 1, norms)


def rank_documents(query: str, documents: list[str], k: int = 3) -> list[int]:
    vectorizer = TfidfVectorizer(stop_words="english")
    matrix = vectorizer.fit_transform(documents)  # (docs, vocab), unit rows
    scores = (matrix @ vectorizer.transform([query]).T).toarray().ravel()  # (docs,)
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


SOLUTIONS = {"01.1": bag_of_words, "01.2": tfidf_transform, "01.3": rank_documents}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _bag_of_words_case_sensitive(docs: list[str], vocabulary: list[str]) -> np.ndarray:
    index = {word: j for j, word in enumerate(vocabulary)}
    counts = np.zeros((len(docs), len(vocabulary)), dtype=int)
    for i, doc in enumerate(docs):
        for word in doc.split():  # "The" is not counted as "the"
            if word in index:
                counts[i, index[word]] += 1
    return counts


def _tfidf_not_normalised(counts: np.ndarray, smooth_idf: bool = True) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)
    n_docs, df = counts.shape[0], (counts > 0).sum(axis=0)
    idf = np.log((1 + n_docs) / (1 + df)) + 1 if smooth_idf else np.log(n_docs / df) + 1
    return counts * idf  # rows not scaled to length 1


def _rank_worst_first(query: str, documents: list[str], k: int = 3) -> list[int]:
    vectorizer = TfidfVectorizer(stop_words="english")
    matrix = vectorizer.fit_transform(documents)
    scores = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
    return [int(i) for i in np.argsort(scores, kind="stable")[:k]]  # ascending: the least similar first


WRONG_ANSWERS = {"01.1": _bag_of_words_case_sensitive, "01.2": _tfidf_not_normalised, "01.3": _rank_worst_first}
