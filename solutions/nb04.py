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
