"""Reference solutions for notebook 09."""

import random

import torch
from transformers import AutoModel, AutoTokenizer

from course_utils import model_path


def swap_noise(text: str, rng: random.Random) -> str:
    words = text.split()
    i = 0
    while i < len(words) - 1:
        if rng.random() < 0.5:
            words[i], words[i + 1] = words[i + 1], words[i]
            i += 2  # a swapped word is not swapped again
        else:
            i += 1
    return " ".join(words)


def decoder_inputs_and_labels(input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return input_ids[:, :-1], input_ids[:, 1:]  # (batch, seq_len - 1) each


def cls_embeddings(sentences: list[str]) -> torch.Tensor:
    path = model_path("all-MiniLM-L6-v2")
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    model = AutoModel.from_pretrained(str(path)).eval()
    batch = tokenizer(sentences, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        return model(**batch).last_hidden_state[:, 0]  # (batch, hidden)


SOLUTIONS = {"09.1": swap_noise, "09.2": decoder_inputs_and_labels, "09.3": cls_embeddings}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _swap_every_pair(text, rng):
    words = text.split()
    for i in range(0, len(words) - 1, 2):
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _inputs_and_labels_swapped(input_ids):
    return input_ids[:, 1:], input_ids[:, :-1]


def _cls_mean_pooled(sentences):
    return torch.nn.functional.normalize(cls_embeddings(sentences), dim=-1)


WRONG_ANSWERS = {
    "09.1": [_swap_every_pair],
    "09.2": [_inputs_and_labels_swapped],
    "09.3": [_cls_mean_pooled],
}
