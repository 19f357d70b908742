"""Build a small sentence encoder from scratch: WordPiece tokenizer, MLM pre-training, pooling.

Notebook 06 calls :func:`train_wordpiece_tokenizer` and :func:`pretrain_mlm` in view and saves
the result under :func:`scratch_encoder_name`. Later notebooks call :func:`load_scratch_encoder`,
which loads that model from the course cache, or trains it (a few CPU minutes) when missing.
The text it learns from is :func:`course_utils.corpora.load_corpus`; its contrastive
fine-tuning (notebook 07) is in :mod:`course_utils.contrastive`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import torch
from sentence_transformers import SentenceTransformer
from tqdm.auto import tqdm
from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast, DataCollatorForLanguageModeling

from course_utils.config import by_profile, cache_dir
from course_utils.corpora import load_corpus
from course_utils.device import get_device
from course_utils.seed import set_seed
from course_utils.training import cache_name, load_or_train

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

#: The course's WordPiece vocabulary: made once by :func:`train_wordpiece_tokenizer` on :func:`load_corpus`
#: (8,000 pieces) and kept as a file, because the trainer is not reproducible: it breaks ties between equally
#: frequent merges in hash order, so two runs differ in a few dozen pieces and every model trained on top differs.
PINNED_VOCAB = Path(__file__).parent / "resources" / "wordpiece-8000.txt"

#: The tokenizer and the MLM model of notebook 06 (every field enters the cache name).
SCRATCH_CONFIG = {
    "vocab_size": 8000,
    "num_hidden_layers": 4,
    "hidden_size": 256,
    "num_attention_heads": 4,
    "intermediate_size": 1024,
    "max_length": 64,
    "mlm_probability": 0.15,
    "batch_size": 32,
    "learning_rate": 5e-4,
    "steps": 200,
    "seed": 42,
}

#: The full profile (a GPU) pre-trains the same model much longer: about 100 passes over the corpus.
FULL_SCRATCH_OVERRIDES = {"batch_size": 128, "steps": 10_000}


def train_wordpiece_tokenizer(
    texts: Iterable[str], save_dir: str | Path, vocab_size: int = 8000, min_frequency: int = 2
) -> BertTokenizerFast:
    """Train a lower-cased BERT WordPiece tokenizer on ``texts``; save and return it.

    Uses the ``tokenizers`` library (Rust, seconds for a million words). The returned
    tokenizer is loaded back with ``from_pretrained(save_dir)``: building it with
    ``BertTokenizerFast(vocab_file=...)`` silently yields an all-[UNK] vocabulary in
    transformers 5.

    Args:
        texts: the training sentences.
        save_dir: folder where ``vocab.txt`` and the tokenizer files are written.
        vocab_size: the size of the vocabulary, special tokens included.
        min_frequency: pieces seen fewer times are not merged into the vocabulary.

    Example:
        >>> save_dir = cache_dir() / "work" / "doctest-wordpiece"
        >>> tok = train_wordpiece_tokenizer(["a cat sat on the mat"] * 10, save_dir, vocab_size=100)
        >>> tok.tokenize("the cat")
        ['the', 'cat']
    """
    from tokenizers import BertWordPieceTokenizer

    if vocab_size <= len(SPECIAL_TOKENS):
        raise ValueError(f"vocab_size={vocab_size} leaves no room beside the {len(SPECIAL_TOKENS)} special tokens.")
    texts = list(texts)
    if not texts:
        raise ValueError("no texts to train the tokenizer on.")
    trainer = BertWordPieceTokenizer(lowercase=True)
    trainer.train_from_iterator(
        texts, vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=SPECIAL_TOKENS, show_progress=False
    )
    save_dir = Path(save_dir)
    save_dir.mkdir(parents=True, exist_ok=True)
    trainer.save_model(str(save_dir))  # vocab.txt
    tokenizer = BertTokenizerFast.from_pretrained(str(save_dir))
    tokenizer.save_pretrained(str(save_dir))
    return tokenizer


def pinned_wordpiece_tokenizer(save_dir: str | Path) -> BertTokenizerFast:
    """Return the course's pinned WordPiece tokenizer (:data:`PINNED_VOCAB`), saved into ``save_dir``.

    The same lower-cased BERT tokenizer as :func:`train_wordpiece_tokenizer` returns, but identical on
    every machine and every run, so the models of notebooks 06, 07, 09 and 10 are reproducible.

    Example:
        >>> len(pinned_wordpiece_tokenizer(cache_dir() / "work" / "doctest-pinned"))
        8000
    """
    save_dir = Path(save_dir)
    save_dir.mkdir(parents=True, exist_ok=True)
    (save_dir / "vocab.txt").write_text(PINNED_VOCAB.read_text(encoding="utf-8"), encoding="utf-8")
    tokenizer = BertTokenizerFast.from_pretrained(str(save_dir))
    tokenizer.save_pretrained(str(save_dir))
    return tokenizer


def make_bert_config(tokenizer: BertTokenizerFast, config: dict = SCRATCH_CONFIG) -> BertConfig:
    """Return the small BERT architecture of ``config`` for ``tokenizer``'s vocabulary.

    Example:
        >>> tokenizer = pinned_wordpiece_tokenizer(cache_dir() / "work" / "doctest-pinned")
        >>> make_bert_config(tokenizer).num_hidden_layers
        4
    """
    return BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=config["hidden_size"],
        num_hidden_layers=config["num_hidden_layers"],
        num_attention_heads=config["num_attention_heads"],
        intermediate_size=config["intermediate_size"],
        max_position_embeddings=config["max_length"],
        pad_token_id=tokenizer.pad_token_id,
    )


def pack_blocks(texts: Iterable[str], tokenizer: BertTokenizerFast, max_length: int = 64) -> torch.Tensor:
    """Tokenize ``texts``, concatenate them and cut the stream into [CLS] ... [SEP] blocks.

    Packing wastes no compute on padding; the last, incomplete block is dropped.

    Returns:
        (n_blocks, max_length) token ids.

    Example:
        >>> tokenizer = pinned_wordpiece_tokenizer(cache_dir() / "work" / "doctest-pinned")
        >>> pack_blocks(["a cat sat"] * 50, tokenizer, max_length=16).shape  # 3 tokens a text, 14 per block
        torch.Size([10, 16])
    """
    if max_length < 3:
        raise ValueError(f"max_length={max_length} leaves no room for tokens between [CLS] and [SEP].")
    ids = [i for row in tokenizer(list(texts), add_special_tokens=False)["input_ids"] for i in row]
    body = max_length - 2
    n_blocks = len(ids) // body
    if n_blocks == 0:
        raise ValueError(f"the texts hold {len(ids)} tokens, fewer than one block of {body}.")
    stream = torch.tensor(ids[: n_blocks * body]).view(n_blocks, body)  # (n_blocks, body)
    cls = torch.full((n_blocks, 1), tokenizer.cls_token_id)
    sep = torch.full((n_blocks, 1), tokenizer.sep_token_id)
    return torch.cat([cls, stream, sep], dim=1)  # (n_blocks, max_length)


def masked_lm_loss(model: BertForMaskedLM, input_ids: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of the MLM head, computed only at the masked positions.

    Equal to ``model(input_ids, labels=labels).loss``, but the vocabulary-sized output
    layer runs on about 15 % of the tokens instead of all of them (2-4x faster on a CPU).

    Args:
        model: a ``BertForMaskedLM``.
        input_ids: (batch, seq_len) ids with some tokens replaced by [MASK].
        labels: (batch, seq_len) the original ids at masked positions, -100 elsewhere.
    """
    hidden = model.bert(input_ids=input_ids).last_hidden_state  # (batch, seq_len, hidden)
    masked = labels != -100  # (batch, seq_len)
    logits = model.cls(hidden[masked])  # (n_masked, vocab)
    return torch.nn.functional.cross_entropy(logits, labels[masked])


def pretrain_mlm(
    model: BertForMaskedLM,
    tokenizer: BertTokenizerFast,
    blocks: torch.Tensor,
    steps: int = 600,
    batch_size: int = 64,
    learning_rate: float = 5e-4,
    mlm_probability: float = 0.15,
    seed: int = 42,
    device: torch.device | str | None = None,
) -> list[float]:
    """Pre-train ``model`` in place with masked-language modelling; return the loss per step.

    BERT's recipe: 15 % of the tokens are chosen, 80 % of those replaced by [MASK], 10 % by a
    random token, 10 % kept; the model predicts the originals. AdamW with linear warm-up
    (10 % of the steps) and linear decay; a tqdm progress bar shows the running loss.

    Args:
        model: a ``BertForMaskedLM`` (trained in place).
        tokenizer: its tokenizer (for the [MASK] id and the special tokens).
        blocks: (n_blocks, seq_len) token ids, e.g. from :func:`pack_blocks`.
        steps: optimizer steps; batches cycle through shuffled blocks.
        batch_size: blocks per step.
        learning_rate: peak learning rate.
        mlm_probability: share of tokens to predict.
        seed: seeds the shuffling, the masking and dropout.
        device: where to train (default: :func:`course_utils.get_device`).

    Example:
        >>> tokenizer = pinned_wordpiece_tokenizer(cache_dir() / "work" / "doctest-pinned")
        >>> small = {**SCRATCH_CONFIG, "num_hidden_layers": 1, "hidden_size": 32, "intermediate_size": 64}
        >>> model = BertForMaskedLM(make_bert_config(tokenizer, small))
        >>> blocks = pack_blocks(["a cat sat on the mat"] * 40, tokenizer, max_length=16)
        >>> losses = pretrain_mlm(model, tokenizer, blocks, steps=5, batch_size=4, device="cpu")
        >>> len(losses)
        5
    """
    if steps < 1 or batch_size < 1:
        raise ValueError(f"steps and batch_size must be positive, got {steps} and {batch_size}.")
    if blocks.dim() != 2 or len(blocks) < batch_size:
        raise ValueError(f"blocks must be (n_blocks >= batch_size, seq_len), got shape {tuple(blocks.shape)}.")
    set_seed(seed)
    device = torch.device(device) if device is not None else get_device()
    model.to(device).train()
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=mlm_probability, return_tensors="pt")
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup + 1)))
    )
    per_epoch = len(blocks) // batch_size
    order = torch.randperm(len(blocks))
    losses = []
    progress = tqdm(range(steps), desc="MLM pre-training")
    for step in progress:
        if step % per_epoch == 0 and step > 0:
            order = torch.randperm(len(blocks))
        start = (step % per_epoch) * batch_size
        batch = collator([{"input_ids": row} for row in blocks[order[start : start + batch_size]]])
        loss = masked_lm_loss(model, batch["input_ids"].to(device), batch["labels"].to(device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        losses.append(loss.item())
        progress.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.2f}")
    model.eval()
    return losses


def to_sentence_transformer(
    bert_dir: str | Path, max_seq_length: int = 64, device: torch.device | str | None = None
) -> SentenceTransformer:
    """Wrap a saved BERT (weights + tokenizer in ``bert_dir``) with mean pooling.

    Example:
        >>> to_sentence_transformer(path).encode(["a cat"]).shape  # doctest: +SKIP
        (1, 256)
    """
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

    words = Transformer(str(bert_dir), max_seq_length=max_seq_length)
    pooling = Pooling(words.get_embedding_dimension(), pooling_mode="mean")
    device = str(device) if device is not None else str(get_device())
    return SentenceTransformer(modules=[words, pooling], device=device)


def scratch_config() -> dict:
    """The scratch encoder's configuration for the current ``COURSE_PROFILE``.

    Example:
        >>> scratch_config()["num_hidden_layers"]
        4
    """
    return by_profile(quick=SCRATCH_CONFIG, full={**SCRATCH_CONFIG, **FULL_SCRATCH_OVERRIDES})


def _scratch_cache_config(config: dict | None = None) -> dict:
    """What names the cached scratch encoder: ``config`` and the pinned vocabulary's checksum."""
    vocab = hashlib.md5(PINNED_VOCAB.read_bytes()).hexdigest()[:8]
    return {**(config or scratch_config()), "vocab": vocab}


def scratch_encoder_name(config: dict | None = None) -> str:
    """The course-cache name of the MLM-pretrained encoder of ``config`` (default: :func:`scratch_config`).

    The pinned vocabulary's checksum enters the name too, so a changed vocabulary never reuses an old model.
    """
    return cache_name("scratch-encoder", _scratch_cache_config(config))


def build_scratch_encoder(
    config: dict | None = None, workdir: str | Path | None = None, pretrain: bool = True
) -> tuple[SentenceTransformer, list[float]]:
    """Train the tokenizer, pre-train the small BERT with MLM, and wrap it for sentences.

    What notebook 06 does step by step, in one call. With ``pretrain=False`` the same
    architecture keeps its random weights (the baseline of notebook 06).

    Returns:
        (the mean-pooled SentenceTransformer, the MLM loss per step).
    """
    config = config or scratch_config()
    workdir = Path(workdir) if workdir is not None else cache_dir() / "work" / scratch_encoder_name(config)
    tokenizer = pinned_wordpiece_tokenizer(workdir / "bert")
    if len(tokenizer) != config["vocab_size"]:
        raise ValueError(
            f"the pinned vocabulary has {len(tokenizer):,} pieces but the config asks for {config['vocab_size']:,}: "
            "keep vocab_size=8000, or train a tokenizer of that size with train_wordpiece_tokenizer and build "
            "the model yourself as notebook 06 does."
        )
    corpus = load_corpus()
    set_seed(config["seed"])
    model = BertForMaskedLM(make_bert_config(tokenizer, config))
    losses = []
    if pretrain:
        blocks = pack_blocks(corpus, tokenizer, config["max_length"])
        losses = pretrain_mlm(
            model,
            tokenizer,
            blocks,
            steps=config["steps"],
            batch_size=config["batch_size"],
            learning_rate=config["learning_rate"],
            mlm_probability=config["mlm_probability"],
            seed=config["seed"],
        )
    model.save_pretrained(str(workdir / "bert"))
    return to_sentence_transformer(workdir / "bert", config["max_length"]), losses


def load_scratch_encoder(device: torch.device | str | None = None) -> SentenceTransformer:
    """Return notebook 06's MLM-pretrained small BERT with mean pooling (256-d embeddings).

    Loaded from the course cache; trained first (a few CPU minutes) when it is missing.

    Example:
        >>> load_scratch_encoder().encode(["a cat sat on the mat"]).shape  # doctest: +SKIP
        (1, 256)
    """
    config = scratch_config()
    return load_or_train(
        "scratch-encoder",
        _scratch_cache_config(config),
        lambda: build_scratch_encoder(config)[0],
        device=device,
        seed=config["seed"],
    )
