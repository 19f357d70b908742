"""Exercises of notebook 15: each checker accepts its solution and rejects known-wrong answers."""

from __future__ import annotations

import pytest

from course_utils.exercises import evaluate
from solutions import nb15


def _per_device_ignores_accumulation(global_batch, world_size, accumulation=1):
    return nb15.per_device_batch(global_batch, world_size)


def _per_device_rounds_down(global_batch, world_size, accumulation=1):  # no error when it does not divide
    return global_batch // (world_size * accumulation)


def _candidates_always_gathered(per_device, world_size, gather, hard_negatives=0):
    return nb15.candidates_per_query(per_device, world_size, True, hard_negatives)


def _candidates_without_negatives(per_device, world_size, gather, hard_negatives=0):
    return nb15.candidates_per_query(per_device, world_size, gather)


def _shard_contiguous(order, batch_size, world_size, rank):  # a contiguous block of batches per rank
    batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    share = -(-len(batches) // world_size)
    return batches[rank * share : (rank + 1) * share]


def _shard_examples(order, batch_size, world_size, rank):  # deals out single examples, not batches
    mine = order[rank::world_size]
    return [mine[s : s + batch_size] for s in range(0, len(mine), batch_size)]


@pytest.mark.parametrize("exercise_id", sorted(nb15.SOLUTIONS))
def test_solution_is_accepted(exercise_id):
    solved, message = evaluate(exercise_id, nb15.SOLUTIONS[exercise_id])
    assert solved, message


@pytest.mark.parametrize(
    ("exercise_id", "wrong"),
    [
        ("15.1", _per_device_ignores_accumulation),
        ("15.1", _per_device_rounds_down),
        ("15.2", _candidates_always_gathered),
        ("15.2", _candidates_without_negatives),
        ("15.3", _shard_contiguous),
        ("15.3", _shard_examples),
    ],
)
def test_wrong_answer_is_rejected(exercise_id, wrong):
    solved, message = evaluate(exercise_id, wrong)
    assert not solved and message.startswith("❌"), message
