"""A tiny BERT configuration for unit tests: 2 layers, 32 dimensions, fast to build and train."""

from __future__ import annotations

from transformers import BertConfig


def tiny_bert_config(vocab_size: int, max_position_embeddings: int, **extra) -> BertConfig:
    """Return a 2-layer, 32-d BERT configuration (``extra`` adds or overrides fields)."""
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=max_position_embeddings,
        **extra,
    )
