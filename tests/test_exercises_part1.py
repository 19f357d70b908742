"""Known-wrong answers to the exercises of notebooks 00-06 are rejected (the checkers check)."""

from __future__ import annotations

import torch

from course_utils.exercises import evaluate
from solutions import nb00, nb05, nb06


def test_00_1_wrong_answer_is_rejected_without_giving_the_answer():
    solved, message = evaluate("00.1", lambda word, candidates: candidates[-1])
    assert not solved
    assert message.count("'kitten'") == 1  # only in the list of candidates, never as "the answer is"
    assert evaluate("00.1", nb00.closest)[0]


def test_05_2_rejects_a_top_k_that_does_not_chunk():
    def unchunked(queries, corpus, k, chunk_size):
        q = torch.nn.functional.normalize(queries, dim=1)
        c = torch.nn.functional.normalize(corpus, dim=1)
        return (q @ c.T).topk(k, dim=1).indices  # the full matrix, whatever chunk_size says

    solved, message = evaluate("05.2", unchunked)
    assert not solved and "chunk_size" in message
    assert evaluate("05.2", nb05.chunked_top_k)[0]


def test_05_2_rejects_a_chunked_top_k_that_drops_the_last_chunk():
    def drops_last(queries, corpus, k, chunk_size):
        full = (len(queries) // chunk_size) * chunk_size or len(queries)
        return nb05.chunked_top_k(queries[:full], corpus, k, chunk_size)

    assert not evaluate("05.2", drops_last)[0]


def test_06_3_checks_the_spearman_too():
    jaccard, spearman = nb06.SOLUTIONS["06.3"]
    assert evaluate("06.3", (jaccard, spearman))[0]
    solved, message = evaluate("06.3", (jaccard, spearman + 0.05))
    assert not solved and "spearmanr" in message
    solved, message = evaluate("06.3", (jaccard, None))
    assert not solved and "not solved yet" in message
    assert not evaluate("06.3", jaccard)[0]  # the function alone is not the whole answer


def test_06_3_rejects_a_case_sensitive_jaccard():
    def case_sensitive(s1, s2):
        a, b = set(s1.split()), set(s2.split())
        return len(a & b) / len(a | b) if a | b else 0.0

    assert not evaluate("06.3", (case_sensitive, nb06.SOLUTIONS["06.3"][1]))[0]
