"""Pooling against a naive loop and against sentence-transformers' own Pooling module."""

from __future__ import annotations

import pytest
import torch
from sentence_transformers.sentence_transformer.modules import Pooling
from transformers import AutoModel, AutoTokenizer

from course_utils import cls_pool, max_pool, mean_pool, model_path


@pytest.fixture
def padded_batch():
    torch.manual_seed(0)
    tokens = torch.randn(3, 5, 4)  # (batch, seq_len, hidden)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]])
    return tokens, mask


def naive(tokens, mask, reduce):
    """One sentence at a time: keep the real tokens, then reduce them."""
    return torch.stack([reduce(tokens[i, mask[i].bool()]) for i in range(tokens.shape[0])])


@pytest.mark.parametrize("mode", ["mean", "max", "cls"])
def test_pooling_matches_sentence_transformers(padded_batch, mode):
    tokens, mask = padded_batch
    ours = {"mean": mean_pool, "max": max_pool, "cls": cls_pool}[mode](tokens, mask)
    theirs = Pooling(4, pooling_mode=mode)({"token_embeddings": tokens, "attention_mask": mask})
    torch.testing.assert_close(ours, theirs["sentence_embedding"])


def test_pooling_matches_naive_loop_and_ignores_padding(padded_batch):
    tokens, mask = padded_batch
    torch.testing.assert_close(mean_pool(tokens, mask), naive(tokens, mask, lambda t: t.mean(0)))
    torch.testing.assert_close(max_pool(tokens, mask), naive(tokens, mask, lambda t: t.max(0).values))
    padded = tokens.clone()
    padded[mask == 0] = 1e6  # garbage in the padding must not leak into the result
    torch.testing.assert_close(mean_pool(padded, mask), mean_pool(tokens, mask))
    torch.testing.assert_close(max_pool(padded, mask), max_pool(tokens, mask))


def test_mean_pool_of_real_model_equals_encode(minilm):
    sentences = ["A cat sleeps.", "A much longer sentence about a dog that rests on the rug all day."]
    path = model_path()
    tokenizer, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path)
    batch = tokenizer(sentences, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state  # (2, seq_len, 384)
    ours = torch.nn.functional.normalize(mean_pool(hidden, batch["attention_mask"]), dim=1)
    torch.testing.assert_close(ours, minilm.encode(sentences, convert_to_tensor=True), atol=1e-5, rtol=1e-4)


def test_empty_batch_gives_empty_result():
    assert mean_pool(torch.zeros(0, 3, 4), torch.zeros(0, 3)).shape == (0, 4)


@pytest.mark.parametrize("pool", [mean_pool, max_pool, cls_pool])
def test_bad_input_has_clear_errors(pool):
    with pytest.raises(ValueError, match="batch, seq_len, hidden"):
        pool(torch.zeros(2, 4), torch.ones(2, 4))
    with pytest.raises(ValueError, match="does not match"):
        pool(torch.zeros(2, 3, 4), torch.ones(2, 5))
    with pytest.raises(ValueError, match="no tokens"):
        pool(torch.zeros(2, 3, 4), torch.tensor([[1, 1, 0], [0, 0, 0]]))
