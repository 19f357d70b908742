"""Checkers for notebook 02 (Word2Vec and GloVe)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from course_utils.exercises import exercise
from course_utils.word_vectors import load_glove

ANALOGIES = [
    ("man", "king", "woman"),
    ("france", "paris", "japan"),
    ("walk", "walked", "swim"),
    ("slow", "slowly", "quick"),
    ("hand", "glove", "foot"),
    ("man", "doctor", "woman"),
]
GROUPS = [
    ["breakfast", "lunch", "dinner", "car"],
    ["paris", "berlin", "banana", "rome", "madrid"],
    ["red", "green", "piano", "blue"],
    ["guitar", "violin", "piano", "carrot", "drum"],
]


@exercise("02.1", "write analogy(kv, a, b, c): the word closest to b - a + c by cosine, a, b and c excluded.")
def check_analogy(analogy) -> None:
    glove = load_glove()
    for a, b, c in ANALOGIES:
        expected = glove.most_similar(positive=[b, c], negative=[a], topn=1)[0][0]
        got = analogy(glove, a, b, c)
        assert got == expected, f"analogy(glove, {a!r}, {b!r}, {c!r}) returned {got!r}; expected {expected!r}."


@exercise("02.2", "write odd_one_out(kv, words): the word least similar to the mean of the words' unit vectors.")
def check_odd_one_out(odd_one_out) -> None:
    glove = load_glove()
    for words in GROUPS:
        expected = glove.doesnt_match(words)
        got = odd_one_out(glove, list(words))
        assert got == expected, f"odd_one_out(glove, {words}) returned {got!r}; expected {expected!r}."


def _reference_loss(v: torch.Tensor, u: torch.Tensor, u_neg: torch.Tensor) -> torch.Tensor:
    positive = F.logsigmoid((u * v).sum(-1))  # (batch,)
    negative = F.logsigmoid(-torch.einsum("bkd,bd->bk", u_neg, v)).sum(-1)  # (batch,)
    return -(positive + negative).mean()


@exercise("02.3", "write sgns_loss(v, u, u_neg): the skip-gram negative-sampling loss, averaged over the batch.")
def check_sgns_loss(sgns_loss) -> None:
    generator = torch.Generator().manual_seed(0)
    for batch, k, dim in [(4, 5, 8), (1, 1, 3), (16, 3, 16)]:
        v, u = torch.randn(batch, dim, generator=generator), torch.randn(batch, dim, generator=generator)
        u_neg = torch.randn(batch, k, dim, generator=generator)
        expected = _reference_loss(v, u, u_neg)
        got = sgns_loss(v, u, u_neg)
        assert isinstance(got, torch.Tensor) and got.dim() == 0, "return a scalar tensor (the mean over the batch)."
        assert torch.allclose(got, expected, atol=1e-5), (
            f"with batch={batch}, k={k}, dim={dim} your loss is {got.item():.4f}, expected {expected.item():.4f}."
        )
    zeros = sgns_loss(torch.zeros(2, 4), torch.zeros(2, 4), torch.zeros(2, 5, 4))
    assert torch.allclose(zeros, 6 * torch.log(torch.tensor(2.0))), (
        f"with all vectors zero the loss must be (k + 1) ln 2 = 4.159 for k = 5, got {zeros.item():.4f}."
    )
