"""course_utils pooling against sentence-transformers' own Pooling module.

All three poolings agree with the library with right padding (BERT tokenizers) and with left padding (many
decoder tokenizers): ``cls_pool`` takes the first *unmasked* token, as sentence-transformers does, not position 0
(a pad token under left padding).
"""

from __future__ import annotations

import pytest
import torch
from sentence_transformers.sentence_transformer.modules import Pooling

from course_utils import cls_pool, max_pool, mean_pool

OURS = {"cls": cls_pool, "mean": mean_pool, "max": max_pool}


def _batch(left_padding: bool) -> tuple[torch.Tensor, torch.Tensor]:
    token_embeddings = torch.randn(3, 5, 4, generator=torch.Generator().manual_seed(0))  # (batch, seq_len, hidden)
    lengths = torch.tensor([5, 2, 3])
    positions = torch.arange(5).unsqueeze(0)  # (1, seq_len)
    if left_padding:
        attention_mask = (positions >= 5 - lengths.unsqueeze(1)).long()  # (batch, seq_len)
    else:
        attention_mask = (positions < lengths.unsqueeze(1)).long()  # (batch, seq_len)
    return token_embeddings, attention_mask


def _library(mode: str, token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    features = {"token_embeddings": token_embeddings, "attention_mask": attention_mask}
    return Pooling(token_embeddings.shape[-1], pooling_mode=mode)(features)["sentence_embedding"]  # (batch, hidden)


@pytest.mark.parametrize("mode", ["cls", "mean", "max"])
def test_right_padding_matches_sentence_transformers(mode):
    token_embeddings, attention_mask = _batch(left_padding=False)
    expected = _library(mode, token_embeddings, attention_mask)
    assert torch.allclose(OURS[mode](token_embeddings, attention_mask), expected, atol=1e-6)


@pytest.mark.parametrize("mode", ["mean", "max"])
def test_left_padding_matches_sentence_transformers(mode):
    token_embeddings, attention_mask = _batch(left_padding=True)
    expected = _library(mode, token_embeddings, attention_mask)
    assert torch.allclose(OURS[mode](token_embeddings, attention_mask), expected, atol=1e-6)


def test_left_padding_cls_matches_sentence_transformers():
    token_embeddings, attention_mask = _batch(left_padding=True)
    expected = _library("cls", token_embeddings, attention_mask)
    assert torch.allclose(cls_pool(token_embeddings, attention_mask), expected, atol=1e-6)
