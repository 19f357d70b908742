"""Checkers for notebook 11 (vector search and retrieval for RAG)."""

from __future__ import annotations

import numpy as np

from course_utils.exercises import exercise
from course_utils.rag import chunk_words


@exercise("11.1", "write recall_at_k(found, truth, k): the mean fraction of each row's true top k found in its top k.")
def check_recall_at_k(recall_at_k) -> None:
    rng = np.random.default_rng(11)
    truth = np.array([rng.permutation(50)[:10] for _ in range(8)])  # (8, 10)
    found = np.array([rng.permutation(50)[:10] for _ in range(8)])  # (8, 10)
    for k in (1, 3, 10):
        expected = np.mean(
            [len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth, strict=True)]
        )  # a plain loop
        got = float(recall_at_k(found.copy(), truth.copy(), k))
        assert abs(got - expected) < 1e-9, (
            f"for k={k} expected {expected:.4f}, got {got:.4f}: for each query count the ids of found[:k] "
            "that are among truth[:k] (order does not matter), divide by k, then average over queries."
        )
    assert float(recall_at_k(truth[:, ::-1].copy(), truth.copy(), 10)) == 1.0, "the order of the ids must not matter."


@exercise("11.2", "write chunk(text, size, overlap): windows of `size` words, neighbours sharing `overlap` words.")
def check_chunk(chunk) -> None:
    text = " ".join(f"w{i}" for i in range(17))
    for size, overlap in [(5, 0), (5, 2), (4, 3), (17, 4), (30, 5), (1, 0)]:
        expected = chunk_words(text, size, overlap)
        got = list(chunk(text, size, overlap))
        assert got == expected, (
            f"with size={size}, overlap={overlap} expected {len(expected)} chunks starting {expected[:2]}, got "
            f"{len(got)} starting {got[:2]}. Step forward size - overlap words and stop once a chunk reaches "
            "the last word."
        )
    assert list(chunk("", 5, 2)) == [], "empty text has no chunks."
    try:
        chunk(text, 5, 5)
    except ValueError:
        pass
    else:
        raise AssertionError("overlap >= size must raise ValueError (the window would never move forward).")


@exercise("11.3", "write select_passages(passages, max_words): '[i] text' for the best passages within max_words.")
def check_select_passages(select_passages) -> None:
    passages = ["one two three", "four five", "six seven eight nine", "ten"]
    cases = {
        100: ["[1] one two three", "[2] four five", "[3] six seven eight nine", "[4] ten"],
        9: ["[1] one two three", "[2] four five", "[3] six seven eight nine"],
        8: ["[1] one two three", "[2] four five"],
        4: ["[1] one two three"],
        2: [],
    }
    for max_words, expected in cases.items():
        got = list(select_passages(list(passages), max_words))
        assert got == expected, (
            f"with max_words={max_words} expected {expected}, got {got}. Count the words of the passages only "
            "(not the '[i]' labels); stop at the first passage that would exceed the budget."
        )
    got = list(select_passages(["a b c d e f", "x"], 3))
    assert got == [], f"expected [] (the first passage is too long, and the order must be kept), got {got}."
