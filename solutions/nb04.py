"""Reference solutions for notebook 04."""

import torch

from course_utils import cos_sim


def mean_sqrt_len_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).float()  # (batch, seq_len, 1)
    return (token_embeddings * mask).sum(dim=1) / mask.sum(dim=1).sqrt()  # (batch, hidden)


def last_token_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    last = attention_mask.sum(dim=1) - 1  # (batch,): index of the last real token with right padding
    return token_embeddings[torch.arange(len(last)), last]  # (batch, hidden)


def mean_pairwise_cosine(embeddings: torch.Tensor) -> float:
    sims = cos_sim(embeddings, embeddings)  # (n, n)
    n = len(sims)
    return ((sims.sum() - sims.diagonal().sum()) / (n * (n - 1))).item()


SOLUTIONS = {"04.1": mean_sqrt_len_pool, "04.2": last_token_pool, "04.3": mean_pairwise_cosine}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _plain_mean_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).float()
    return (token_embeddings * mask).sum(dim=1) / mask.sum(dim=1)  # divides by n, not sqrt(n)


def _last_position_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    return token_embeddings[:, -1]  # a padding token in every shorter sentence


def _mean_cosine_with_self_pairs(embeddings: torch.Tensor) -> float:
    return cos_sim(embeddings, embeddings).mean().item()  # the diagonal's 1s included


WRONG_ANSWERS = {"04.1": _plain_mean_pool, "04.2": _last_position_pool, "04.3": _mean_cosine_with_self_pairs}
