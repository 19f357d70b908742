"""Tokenizers and the models they feed: tokenize safely, check that a pair matches.

A tokenizer turns text into ids; the model's input embedding matrix has one row per id.
The two are a matched pair: a tokenizer built with another vocabulary still produces ids,
and the model still runs, but each id now points at the row of an unrelated token.
:func:`check_tokenizer_matches_model` catches that before it silently spoils the vectors.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path


def _unwrap(model):
    """Return the transformer inside a SentenceTransformer, or the model itself."""
    first = model[0] if hasattr(model, "_first_module") else None
    return getattr(first, "auto_model", model)


def _saved_vocab(model_dir: Path) -> dict[str, int] | None:
    """Read the vocabulary saved with a model: tokenizer.json, else vocab.txt; None when neither is there."""
    tokenizer_file, vocab_file = model_dir / "tokenizer.json", model_dir / "vocab.txt"
    if tokenizer_file.is_file():
        spec = json.loads(tokenizer_file.read_text(encoding="utf-8"))
        vocab = spec["model"]["vocab"]
        vocab = dict(vocab) if isinstance(vocab, dict) else {entry[0]: i for i, entry in enumerate(vocab)}
        vocab.update({added["content"]: added["id"] for added in spec.get("added_tokens", [])})
        return vocab
    if vocab_file.is_file():
        return {line.rstrip("\n"): i for i, line in enumerate(vocab_file.read_text(encoding="utf-8").splitlines())}
    return None


def check_tokenizer_matches_model(tokenizer, model, model_dir: str | Path | None = None) -> None:
    """Raise a ValueError that says what is wrong when ``tokenizer`` does not belong to ``model``.

    Checks, in order:

    1. every id the tokenizer can produce is a row of the model's input embedding matrix
       (``len(tokenizer)`` ≤ rows; otherwise the forward pass fails with an IndexError);
    2. the special tokens ([CLS], [SEP], [PAD], ...) have ids inside the matrix, and the
       padding id agrees with the model's configuration;
    3. the tokenizer's vocabulary is the one saved with the model: each saved token keeps
       its id. This is the silent failure (ids in range, wrong rows) and needs the model's
       directory, taken from ``model.name_or_path`` when ``model_dir`` is not given; without
       a saved vocabulary only checks 1–2 run.

    Args:
        tokenizer: a Hugging Face tokenizer.
        model: a Hugging Face model (``AutoModel``) or a SentenceTransformer.
        model_dir: the directory the model was loaded from, if not ``model.name_or_path``.

    Raises:
        ValueError: naming the mismatch and how to fix it.

    Example:
        >>> from transformers import AutoModel, AutoTokenizer
        >>> from course_utils.models import model_path
        >>> path = model_path()
        >>> check_tokenizer_matches_model(AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path))
    """
    model = _unwrap(model)
    rows = model.get_input_embeddings().num_embeddings
    fix = "Load both from the same place: AutoTokenizer.from_pretrained(path) and AutoModel.from_pretrained(path)."
    if len(tokenizer) > rows:
        raise ValueError(
            f"the tokenizer knows {len(tokenizer):,} tokens but the model's embedding matrix has only {rows:,} rows: "
            f"ids {rows:,} and above would crash the forward pass (IndexError). If you added tokens on purpose, "
            f"call model.resize_token_embeddings(len(tokenizer)) and train; otherwise: {fix}"
        )
    special = zip(tokenizer.all_special_tokens, tokenizer.all_special_ids, strict=True)
    outside = {token: i for token, i in special if not 0 <= i < rows}
    if outside:
        raise ValueError(f"special tokens {outside} have ids outside the embedding matrix (0..{rows - 1}). {fix}")
    config_pad = getattr(model.config, "pad_token_id", None)
    if config_pad is not None and tokenizer.pad_token_id is not None and tokenizer.pad_token_id != config_pad:
        raise ValueError(
            f"the tokenizer pads with id {tokenizer.pad_token_id} ({tokenizer.pad_token!r}) but the model was "
            f"configured with pad_token_id={config_pad}: they were not made together. {fix}"
        )
    if model_dir is None and Path(str(getattr(model, "name_or_path", ""))).is_dir():
        model_dir = model.name_or_path
    saved = _saved_vocab(Path(model_dir)) if model_dir is not None else None
    if saved is None:
        return
    vocab = tokenizer.get_vocab()
    moved = [(token, saved_id, vocab.get(token)) for token, saved_id in saved.items() if vocab.get(token) != saved_id]
    if moved:
        words = [m for m in moved if m[0].isalpha()]  # an ordinary word makes the clearest example
        token, saved_id, got = next((m for m in words if m[2] is not None), (words or moved)[0])
        where = "is missing from the tokenizer" if got is None else f"has id {got:,} in the tokenizer"
        raise ValueError(
            f"the tokenizer's vocabulary is not the one saved with the model in {model_dir}: {len(moved):,} of its "
            f"{len(saved):,} tokens are missing or have another id (e.g. {token!r} is row {saved_id:,} of the "
            f"model's embedding matrix but {where}). The model would read each id as an unrelated token. {fix}"
        )


def tokenize(tokenizer, texts: Sequence[str], max_length: int | None = None):
    """Tokenize a batch: pad to the longest text, truncate to ``max_length``, return PyTorch tensors.

    Args:
        tokenizer: a Hugging Face tokenizer.
        texts: one or more strings (an empty string gives just the special tokens).
        max_length: the most tokens per text, special tokens included; never more than the
            tokenizer's ``model_max_length`` (when the tokenizer sets one).

    Returns:
        A BatchEncoding with ``input_ids`` and ``attention_mask``, each (batch, seq_len).

    Example:
        >>> from transformers import AutoTokenizer
        >>> from course_utils.models import model_path
        >>> tokenizer = AutoTokenizer.from_pretrained(model_path())
        >>> batch = tokenize(tokenizer, ["a cat", "a very long sentence"], max_length=4)
        >>> batch["input_ids"].shape
        torch.Size([2, 4])
    """
    if isinstance(texts, str):
        raise ValueError("pass a list of texts, not one string (a string would be read as a list of characters).")
    texts = list(texts)
    if not texts:
        raise ValueError("there is nothing to tokenize: the list of texts is empty.")
    not_text = [type(t).__name__ for t in texts if not isinstance(t, str)]
    if not_text:
        raise ValueError(f"every text must be a str, got {sorted(set(not_text))}.")
    limit = tokenizer.model_max_length if tokenizer.model_max_length < 1_000_000 else None  # huge = not set
    lengths = [n for n in (max_length, limit) if n is not None]
    max_length = min(lengths) if lengths else None
    return tokenizer(texts, padding=True, truncation=max_length is not None, max_length=max_length, return_tensors="pt")
