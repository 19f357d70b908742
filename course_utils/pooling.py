"""Turn token embeddings into one vector per sentence: CLS, mean and max pooling, and a batched runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch

from course_utils.tokenization import tokenize


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


@torch.no_grad()
def pooled_embeddings(
    texts: Sequence[str],
    tokenizer,
    model,
    poolers: dict[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]],
    batch_size: int = 64,
    max_length: int | None = None,
) -> dict[str, torch.Tensor]:
    """Run ``model`` over ``texts`` in batches and pool its token outputs in several ways at once.

    Texts are batched by length (less padding, faster) and the results put back in input order.

    Args:
        texts: the sentences.
        tokenizer, model: a matched Hugging Face pair
            (see :func:`course_utils.tokenization.check_tokenizer_matches_model`).
        poolers: name -> function(last_hidden_state, attention_mask) -> (batch, hidden),
            e.g. ``{"mean": mean_pool, "cls": cls_pool}``.
        batch_size: texts per forward pass.
        max_length: truncation length (see :func:`course_utils.tokenization.tokenize`).

    Returns:
        name -> (len(texts), hidden) tensor on the CPU.

    Example:
        >>> from transformers import AutoModel, AutoTokenizer
        >>> from course_utils.models import model_path
        >>> tokenizer, model = AutoTokenizer.from_pretrained(model_path()), AutoModel.from_pretrained(model_path())
        >>> out = pooled_embeddings(["a cat", "a dog"], tokenizer, model, {"mean": mean_pool})
        >>> out["mean"].shape
        torch.Size([2, 384])
    """
    texts = list(texts)
    if not texts:
        raise ValueError("there is nothing to embed: the list of texts is empty.")
    device = next(model.parameters()).device
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    parts: dict[str, list[torch.Tensor]] = {name: [] for name in poolers}
    model.eval()
    for start in range(0, len(texts), batch_size):
        batch = tokenize(tokenizer, [texts[i] for i in order[start : start + batch_size]], max_length).to(device)
        hidden = model(**batch).last_hidden_state  # (batch, seq_len, hidden)
        for name, pool in poolers.items():
            parts[name].append(pool(hidden, batch["attention_mask"]).cpu())  # (batch, hidden)
    inverse = torch.argsort(torch.tensor(order))  # position of each input text in the sorted order
    return {name: torch.cat(chunks)[inverse] for name, chunks in parts.items()}  # (n, hidden) each
