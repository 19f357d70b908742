"""Turn token embeddings into one vector per sentence."""

from __future__ import annotations

import torch


def _check(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    if token_embeddings.dim() != 3:
        raise ValueError(
            f"token_embeddings must be (batch, seq_len, hidden), got shape {tuple(token_embeddings.shape)}: "
            "pass the model output's last_hidden_state."
        )
    if attention_mask.shape != token_embeddings.shape[:2]:
        raise ValueError(
            f"attention_mask shape {tuple(attention_mask.shape)} does not match token_embeddings "
            f"{tuple(token_embeddings.shape[:2])}: pass the mask from the same tokenizer call."
        )
    empty = (attention_mask.sum(dim=1) == 0).nonzero().flatten().tolist()
    if empty:
        raise ValueError(f"sentences {empty} have no tokens (attention mask all zeros): nothing to pool.")
    return attention_mask.unsqueeze(-1).to(token_embeddings.dtype)  # (batch, seq_len, 1)


def mean_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Average the embeddings of the real tokens, ignoring padding.

    Args:
        token_embeddings: (batch, seq_len, hidden), e.g. ``last_hidden_state``.
        attention_mask: (batch, seq_len), 1 for real tokens and 0 for padding.

    Returns:
        (batch, hidden) sentence embeddings.

    Example:
        >>> x = torch.tensor([[[1.0], [3.0], [100.0]]]); m = torch.tensor([[1, 1, 0]])
        >>> mean_pool(x, m)
        tensor([[2.]])
    """
    mask = _check(token_embeddings, attention_mask)
    summed = (token_embeddings * mask).sum(dim=1)  # (batch, hidden)
    return summed / mask.sum(dim=1)  # (batch, hidden)


def max_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Take the maximum over the real tokens of each hidden dimension, ignoring padding.

    Example:
        >>> x = torch.tensor([[[1.0], [3.0], [100.0]]]); m = torch.tensor([[1, 1, 0]])
        >>> max_pool(x, m)
        tensor([[3.]])
    """
    mask = _check(token_embeddings, attention_mask)
    masked = token_embeddings.masked_fill(mask == 0, float("-inf"))  # (batch, seq_len, hidden)
    return masked.max(dim=1).values  # (batch, hidden)


def cls_pool(token_embeddings: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
    """Take the first real token's embedding ([CLS] in BERT models).

    With right padding (BERT) that is position 0; with left padding it is the first
    position the attention mask marks as real, as in sentence-transformers.

    Example:
        >>> cls_pool(torch.tensor([[[1.0], [3.0]]]))
        tensor([[1.]])
    """
    if attention_mask is None:
        attention_mask = torch.ones(token_embeddings.shape[:2], dtype=torch.long, device=token_embeddings.device)
    _check(token_embeddings, attention_mask)
    first = attention_mask.int().argmax(dim=1)  # (batch,), index of the first real token
    return token_embeddings[torch.arange(token_embeddings.shape[0]), first]  # (batch, hidden)
