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
    mask = tokenize(_minilm()[0], texts)["attention_mask"]  # (batch, seq_len)
    return 1 - mask.float().mean().item()


def contextual_vector(sentence: str, word: str) -> torch.Tensor:
    tokenizer, model = _minilm()
    batch = tokenize(tokenizer, [sentence])
    target = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word)[0])
    position = (batch["input_ids"][0] == target).nonzero()[0, 0]
    with torch.no_grad():
        return model(**batch).last_hidden_state[0, position]  # (hidden,)


def count_unknown(tokenizer, text: str) -> int:
    return tokenizer(text)["input_ids"].count(tokenizer.unk_token_id)


SOLUTIONS = {"03.1": padding_fraction, "03.2": contextual_vector, "03.3": count_unknown}
