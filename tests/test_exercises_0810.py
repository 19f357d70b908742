"""Exercises of notebooks 08-10: each checker accepts its solution and rejects a known-wrong answer.

A wrong answer must get a message that helps without giving the answer away (09.2).
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import torch

from course_utils.exercises import evaluate
from solutions import nb08, nb09, nb10


def _mrr_off_by_one(ranked_ids, relevant_id):
    top = list(ranked_ids[:10])
    return 1 / top.index(relevant_id) if relevant_id in top and top.index(relevant_id) else 0.0


def _rows_without_negatives(triplets):
    return {"query": list(triplets["anchor"]), "article": list(triplets["positive"]), "label": [1.0] * len(triplets)}


def _silver_without_threshold(queries, candidate_ids, probs, threshold=0.5):
    return [(q, ids[int(np.argmax(p))]) for q, ids, p in zip(queries, candidate_ids, probs, strict=True)]


def _swap_every_pair(text, rng):
    words = text.split()
    for i in range(0, len(words) - 1, 2):
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _inputs_and_labels_swapped(input_ids):
    return input_ids[:, 1:], input_ids[:, :-1]


def _cls_mean_pooled(sentences):
    return torch.nn.functional.normalize(nb09.cls_embeddings(sentences), dim=-1)


def _bytes_binary_floor(dimension, precision):
    return dimension // 8 if precision == "binary" else nb10.bytes_per_vector(dimension, precision)


def _dcg_unnormalised(ranking, relevant):
    return sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranking[:10], start=1) if doc in relevant)


def _everyone_on_the_front(models):
    return set(models)


CASES = [
    ("08.1", nb08.mrr_at_10, _mrr_off_by_one),
    ("08.2", nb08.cross_encoder_rows, _rows_without_negatives),
    ("08.3", nb08.silver_pairs, _silver_without_threshold),
    ("09.1", nb09.swap_noise, _swap_every_pair),
    ("09.2", nb09.decoder_inputs_and_labels, _inputs_and_labels_swapped),
    ("09.3", nb09.cls_embeddings, _cls_mean_pooled),
    ("10.1", nb10.bytes_per_vector, _bytes_binary_floor),
    ("10.2", nb10.ndcg_at_10, _dcg_unnormalised),
    ("10.3", nb10.pareto_front, _everyone_on_the_front),
]


@pytest.mark.parametrize(("exercise_id", "solution", "wrong"), CASES, ids=[c[0] for c in CASES])
def test_checker_accepts_the_solution_and_rejects_a_wrong_answer(exercise_id, solution, wrong):
    solved, message = evaluate(exercise_id, solution)
    assert solved, message
    solved, message = evaluate(exercise_id, wrong)
    assert not solved, f"{exercise_id} accepted a wrong answer: {message}"
    assert "not solved yet" not in message


def test_09_2_wrong_answers_do_not_reveal_the_slices():
    for wrong in (_inputs_and_labels_swapped, lambda ids: (ids[:, :-1], ids[:, :-1]), lambda ids: (ids, ids)):
        solved, message = evaluate("09.2", wrong)
        assert not solved
        assert ":-1" not in message and "1:]" not in message, message


def test_swap_noise_solution_is_reproducible():
    assert nb09.swap_noise("a b c d", random.Random(1)) == nb09.swap_noise("a b c d", random.Random(1))
