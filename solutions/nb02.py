"""Reference solutions for notebook 02."""

import numpy as np
import torch
import torch.nn.functional as F


def analogy(kv, a: str, b: str, c: str) -> str:
    vectors = kv.get_normed_vectors()  # (vocab, dim), unit rows
    ia, ib, ic = (kv.key_to_index[w] for w in (a, b, c))
    scores = vectors @ (vectors[ib] - vectors[ia] + vectors[ic])  # (vocab,)
    scores[[ia, ib, ic]] = -np.inf
    return kv.index_to_key[int(scores.argmax())]


def odd_one_out(kv, words: list[str]) -> str:
    unit = np.stack([kv.get_vector(w, norm=True) for w in words])  # (words, dim)
    mean = unit.mean(axis=0)
    return words[int((unit @ (mean / np.linalg.norm(mean))).argmin())]


def sgns_loss(v: torch.Tensor, u: torch.Tensor, u_neg: torch.Tensor) -> torch.Tensor:
    positive = F.logsigmoid((u * v).sum(-1))  # (batch,)
    negative = F.logsigmoid(-(u_neg @ v.unsqueeze(-1)).squeeze(-1)).sum(-1)  # (batch,)
    return -(positive + negative).mean()


SOLUTIONS = {"02.1": analogy, "02.2": odd_one_out, "02.3": sgns_loss}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _analogy_keeps_the_inputs(kv, a: str, b: str, c: str) -> str:
    vectors = kv.get_normed_vectors()
    ia, ib, ic = (kv.key_to_index[w] for w in (a, b, c))
    return kv.index_to_key[int((vectors @ (vectors[ib] - vectors[ia] + vectors[ic])).argmax())]  # often c itself


def _odd_one_out_most_typical(kv, words: list[str]) -> str:
    unit = np.stack([kv.get_vector(w, norm=True) for w in words])
    mean = unit.mean(axis=0)
    return words[int((unit @ (mean / np.linalg.norm(mean))).argmax())]  # the closest to the mean, not the farthest


def _sgns_loss_negatives_pulled_closer(v: torch.Tensor, u: torch.Tensor, u_neg: torch.Tensor) -> torch.Tensor:
    positive = F.logsigmoid((u * v).sum(-1))
    negative = F.logsigmoid((u_neg @ v.unsqueeze(-1)).squeeze(-1)).sum(-1)  # missing minus sign
    return -(positive + negative).mean()


WRONG_ANSWERS = {
    "02.1": _analogy_keeps_the_inputs,
    "02.2": _odd_one_out_most_typical,
    "02.3": _sgns_loss_negatives_pulled_closer,
}
