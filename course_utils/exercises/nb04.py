"""Checkers for notebook 04 (pooling)."""

from __future__ import annotations

import torch

from course_utils.exercises import exercise


def _padded_batch(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Random token embeddings (4, 6, 8) with right padding: 6, 3, 1 and 4 real tokens."""
    generator = torch.Generator().manual_seed(seed)
    token_embeddings = torch.randn(4, 6, 8, generator=generator)  # (batch, seq_len, hidden)
    lengths = torch.tensor([6, 3, 1, 4])
    attention_mask = (torch.arange(6).unsqueeze(0) < lengths.unsqueeze(1)).long()  # (batch, seq_len)
    return token_embeddings, attention_mask


def _library_pooling(mode: str, token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    from sentence_transformers.sentence_transformer.modules import Pooling

    features = {"token_embeddings": token_embeddings, "attention_mask": attention_mask}
    return Pooling(token_embeddings.shape[-1], pooling_mode=mode)(features)["sentence_embedding"]  # (batch, hidden)


def _check_against_library(answer, mode: str, name: str) -> None:
    for seed in (0, 1):
        token_embeddings, attention_mask = _padded_batch(seed)
        expected = _library_pooling(mode, token_embeddings, attention_mask)
        got = torch.as_tensor(answer(token_embeddings.clone(), attention_mask.clone())).float()
        assert got.shape == expected.shape, (
            f"{name} should return (batch, hidden) = {tuple(expected.shape)}, got {tuple(got.shape)}."
        )
        assert torch.allclose(got, expected, atol=1e-5), (
            f"{name} differs from sentence-transformers' Pooling(pooling_mode={mode!r}) on a padded batch with "
            "6, 3, 1 and 4 real tokens. Are padded positions left out?"
        )


@exercise(
    "04.1", "write mean_sqrt_len_pool: the sum of the real token vectors divided by the square root of their count."
)
def check_mean_sqrt_len_pool(mean_sqrt_len_pool) -> None:
    _check_against_library(mean_sqrt_len_pool, "mean_sqrt_len_tokens", "mean_sqrt_len_pool")


@exercise("04.2", "write last_token_pool: the vector of each sentence's last real (unpadded) token.")
def check_last_token_pool(last_token_pool) -> None:
    _check_against_library(last_token_pool, "lasttoken", "last_token_pool")


@exercise("04.3", "write mean_pairwise_cosine(embeddings): the average cosine over all pairs of different rows.")
def check_mean_pairwise_cosine(mean_pairwise_cosine) -> None:
    from sklearn.metrics.pairwise import cosine_similarity

    generator = torch.Generator().manual_seed(0)
    for embeddings in (torch.randn(5, 8, generator=generator), torch.rand(7, 3, generator=generator) + 1.0):
        sims = cosine_similarity(embeddings.numpy())  # (n, n)
        n = len(sims)
        expected = (sims.sum() - sims.trace()) / (n * (n - 1))
        got = float(mean_pairwise_cosine(embeddings.clone()))
        assert abs(got - expected) < 1e-5, (
            f"got {got:.5f} for a random ({n}, {embeddings.shape[1]}) tensor, expected {expected:.5f}: "
            "average the n*(n-1) off-diagonal entries of the cosine matrix."
        )
