"""Checkers for notebook 09 (TSDAE)."""

from __future__ import annotations

import random
from collections import Counter

import torch

from course_utils.exercises import exercise

SENTENCES = [
    "the printer on the third floor does not print colour pages",
    "I cannot log in since the password reset this morning",
    "export the monthly report",
    "hello",
]


@exercise("09.1", "write swap_noise(text, rng) that swaps each adjacent pair of words with probability 0.5.")
def check_swap_noise(swap_noise) -> None:
    swapped_pairs = total_pairs = 0
    for seed in range(200):
        for text in SENTENCES:
            words = text.split()
            noisy = swap_noise(text, random.Random(seed))
            assert isinstance(noisy, str), f"swap_noise must return a string, got {type(noisy).__name__}."
            assert Counter(noisy.split()) == Counter(words), (
                f"swap_noise({text!r}) returned {noisy!r}: it must keep exactly the same words."
            )
            assert noisy == swap_noise(text, random.Random(seed)), "the same seed must give the same output."
            out = noisy.split()
            total_pairs += len(words) - 1
            swapped_pairs += sum(1 for i in range(len(words) - 1) if out[i] == words[i + 1] and out[i + 1] == words[i])
    assert swap_noise("", random.Random(0)).split() == [], "an empty text must stay empty."
    share = swapped_pairs / total_pairs
    # each pair is swapped with p=0.5 unless its first word was just swapped: about 1/3 of all pairs end up swapped
    assert 0.25 < share < 0.42, f"about a third of adjacent pairs should end up swapped; yours swaps {share:.2f}."


@exercise(
    "09.2", "write decoder_inputs_and_labels(input_ids) -> (decoder_input_ids, labels), both (batch, seq_len - 1)."
)
def check_decoder_inputs_and_labels(decoder_inputs_and_labels) -> None:
    ids = torch.tensor([[101, 7, 8, 9, 102], [101, 5, 102, 0, 0]])  # (2, 5)
    inputs, labels = decoder_inputs_and_labels(ids)
    assert tuple(inputs.shape) == (2, 4) and tuple(labels.shape) == (2, 4), (
        f"both outputs must have shape (2, 4), got {tuple(inputs.shape)} and {tuple(labels.shape)}."
    )
    assert torch.equal(inputs[:, 1:], labels[:, :-1]), (
        "at every position the label must be the token that comes right after the decoder's input token: "
        "the two outputs should be the same sentence, shifted by one."
    )
    assert torch.equal(inputs, ids[:, : inputs.shape[1]]), (
        "the decoder input must start where the sentence starts ([CLS], id 101), in the original order. "
        "Which token can never be an input, because nothing comes after it to predict?"
    )
    assert torch.equal(labels, ids[:, ids.shape[1] - labels.shape[1] :]), (
        "the labels must end where the sentence ends. Which token is never a label, because no earlier token "
        "predicts it?"
    )


@exercise("09.3", "write cls_embeddings(sentences): all-MiniLM-L6-v2's last-layer output at position 0.")
def check_cls_embeddings(cls_embeddings) -> None:
    from course_utils.tsdae import cls_encoder

    got = torch.as_tensor(cls_embeddings(SENTENCES[:3]), dtype=torch.float32).cpu()  # (3, 384)
    assert tuple(got.shape) == (3, 384), f"expected shape (3, 384), got {tuple(got.shape)}."
    expected = cls_encoder("all-MiniLM-L6-v2", "minilm").encode(SENTENCES[:3], convert_to_tensor=True).cpu()
    diff = (got - expected).abs().max().item()
    assert diff < 1e-4, f"your vectors differ from the [CLS] output by up to {diff:.4f}: normalised, or mean-pooled?"
