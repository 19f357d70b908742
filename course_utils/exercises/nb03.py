"""Checkers for notebook 03 (tokens and BERT embeddings)."""

from __future__ import annotations

from functools import lru_cache

import torch

from course_utils.config import cache_dir
from course_utils.exercises import exercise
from course_utils.models import model_path
from course_utils.tokenization import tokenize

BATCHES = [
    ["The cat sleeps on the mat", "A rocket launched into the sky over the quiet desert at dawn"],
    ["Hi", "Hello there", "Tokenization splits unbelievably long words into pieces"],
    ["Same length", "Same length"],
]
WORDS_IN_CONTEXT = [
    ("He swung the bat and hit the ball.", "bat"),
    ("The bank raised its interest rates.", "bank"),
    ("They sat on the river bank all afternoon.", "bank"),
    ("Tokenization is the first step.", "tokenization"),
]
UNKNOWN_TEXTS = ["The cat sleeps 🐱 on the mat", "naïve café ☕ à Zürich", "plain words only", "Ω≈ç√∫ 🚀🚀"]


@lru_cache(maxsize=1)
def _minilm():
    from transformers import AutoModel, AutoTokenizer

    path = model_path()
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


@lru_cache(maxsize=1)
def _tiny_tokenizer():
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertTokenizerFast

    trainer = BertWordPieceTokenizer(lowercase=True)
    trainer.train_from_iterator(
        ["the cat sleeps on the mat", "plain words only", "a rocket in the sky"] * 3,
        vocab_size=60,
        min_frequency=1,
        special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
        show_progress=False,
    )
    folder = cache_dir() / "work" / "exercise-03-tokenizer"  # inside the course cache, not /tmp
    folder.mkdir(parents=True, exist_ok=True)
    trainer.save_model(str(folder))
    return BertTokenizerFast.from_pretrained(str(folder))


@exercise("03.1", "write padding_fraction(texts): the fraction of positions of the padded batch that are padding.")
def check_padding_fraction(padding_fraction) -> None:
    tokenizer, _ = _minilm()
    for texts in BATCHES:
        mask = tokenize(tokenizer, texts)["attention_mask"]  # (batch, seq_len)
        expected = 1 - mask.float().mean().item()
        got = float(padding_fraction(texts))
        assert abs(got - expected) < 1e-6, (
            f"padding_fraction({texts}) returned {got:.4f}, expected {expected:.4f} "
            "(count the zeros of the attention mask, divide by its number of entries)."
        )


@exercise("03.2", "write contextual_vector(sentence, word): MiniLM's output vector (384,) of word's first token.")
def check_contextual_vector(contextual_vector) -> None:
    tokenizer, model = _minilm()
    for sentence, word in WORDS_IN_CONTEXT:
        batch = tokenize(tokenizer, [sentence])
        target = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word)[0])
        position = int((batch["input_ids"][0] == target).nonzero()[0])
        with torch.no_grad():
            expected = model(**batch).last_hidden_state[0, position]  # (hidden,)
        got = torch.as_tensor(contextual_vector(sentence, word)).detach().cpu().float().squeeze()
        assert got.shape == expected.shape, (
            f"expected a vector of shape {tuple(expected.shape)}, got {tuple(got.shape)}."
        )
        assert torch.allclose(got, expected, atol=1e-4), (
            f"contextual_vector({sentence!r}, {word!r}) is not the last_hidden_state row of {word!r} "
            f"(position {position}, counting [CLS] as 0). An input embedding row would be static, not contextual."
        )


@exercise("03.3", "write count_unknown(tokenizer, text): how many [UNK] tokens the tokenizer produces for text.")
def check_count_unknown(count_unknown) -> None:
    for tokenizer in (_minilm()[0], _tiny_tokenizer()):
        for text in UNKNOWN_TEXTS:
            expected = tokenizer(text)["input_ids"].count(tokenizer.unk_token_id)
            got = count_unknown(tokenizer, text)
            assert got == expected, (
                f"count_unknown(<{len(tokenizer)}-token tokenizer>, {text!r}) returned {got}, expected {expected}."
            )
