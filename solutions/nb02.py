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
