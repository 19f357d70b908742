"""Reference solutions for notebook 03."""

from functools import lru_cache

import torch
from transformers import AutoModel, AutoTokenizer

from course_utils import model_path
from course_utils.tokenization import tokenize


@lru_cache(maxsize=1)
def _minilm():
    path = model_path()
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


def padding_fraction(texts: list[str]) -> float:
    tokenizer = _minilm()[0]
    rows = tokenizer(list(texts), padding=True)["input_ids"]  # lists of ids, all of the batch's length
    return sum(row.count(tokenizer.pad_token_id) for row in rows) / sum(len(row) for row in rows)


def contextual_vector(sentence: str, word: str) -> torch.Tensor:
    tokenizer, model = _minilm()
    batch = tokenizer(sentence, return_offsets_mapping=True, return_tensors="pt")
    start = sentence.lower().index(word.lower())  # where the word begins in the text
    offsets = batch.pop("offset_mapping")[0].tolist()  # (seq_len, 2) character spans; (0, 0) for special tokens
    position = next(i for i, (s, e) in enumerate(offsets) if s == start and e > s)  # the word's first token
    with torch.no_grad():
        return model(**batch).last_hidden_state[0, position]  # (hidden,)


def count_unknown(tokenizer, text: str) -> int:
    return tokenizer(text)["input_ids"].count(tokenizer.unk_token_id)


SOLUTIONS = {"03.1": padding_fraction, "03.2": contextual_vector, "03.3": count_unknown}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _real_token_fraction(texts: list[str]) -> float:
    return tokenize(_minilm()[0], texts)["attention_mask"].float().mean().item()  # the complement of padding


def _cls_vector(sentence: str, word: str) -> torch.Tensor:
    tokenizer, model = _minilm()
    with torch.no_grad():
        return model(**tokenize(tokenizer, [sentence])).last_hidden_state[0, 0]  # [CLS], not the word's token


def _count_words_missing_from_vocab(tokenizer, text: str) -> int:
    return sum(word not in tokenizer.vocab for word in text.lower().split())  # a word split into pieces is not unknown


WRONG_ANSWERS = {"03.1": _real_token_fraction, "03.2": _cls_vector, "03.3": _count_words_missing_from_vocab}
