"""Checkers for notebook 15 (scaling out: multi-process encoding, DDP, Ray Data)."""

from __future__ import annotations

from course_utils.exercises import exercise


@exercise("15.1", "write per_device_batch(global_batch, world_size, accumulation): pairs per process and forward pass.")
def check_per_device_batch(per_device_batch) -> None:
    for global_batch, world_size, accumulation, expected in [
        (32, 2, 1, 16),
        (64, 8, 1, 8),
        (256, 4, 2, 32),
        (16, 1, 1, 16),
    ]:
        got = per_device_batch(global_batch, world_size, accumulation)
        assert got == expected, (
            f"per_device_batch({global_batch}, {world_size}, {accumulation}) returned {got}, expected {expected}: "
            "every step sums per-device batch x processes x accumulation steps pairs."
        )
    for bad in [(30, 4, 1), (32, 3, 1), (64, 4, 3)]:
        try:
            got = per_device_batch(*bad)
        except ValueError:
            continue
        raise AssertionError(
            f"per_device_batch{bad} returned {got}: raise ValueError when the global batch does not split."
        )


@exercise(
    "15.2", "write candidates_per_query(per_device, world_size, gather, hard_negatives): documents scored per query."
)
def check_candidates(candidates_per_query) -> None:
    cases = [
        (8, 2, True, 0, 16),
        (8, 2, False, 0, 8),
        (16, 4, True, 1, 128),
        (16, 4, False, 1, 32),
        (32, 1, True, 0, 32),
    ]
    for per_device, world_size, gather, hard_negatives, expected in cases:
        got = candidates_per_query(per_device, world_size, gather, hard_negatives)
        assert got == expected, (
            f"candidates_per_query({per_device}, {world_size}, {gather}, {hard_negatives}) returned {got}, expected "
            f"{expected}: each pair brings 1 positive + hard_negatives documents; with gather a query sees the "
            "documents of every process, without it only its own process's."
        )


@exercise("15.3", "write shard_batches(order, batch_size, world_size, rank): the batches process `rank` trains on.")
def check_shard_batches(shard_batches) -> None:
    order = [7, 3, 9, 0, 4, 8, 1, 6, 2, 5, 11, 10]
    cases = {
        (4, 2, 0): [[7, 3, 9, 0], [2, 5, 11, 10]],
        (4, 2, 1): [[4, 8, 1, 6]],
        (2, 3, 2): [[4, 8], [11, 10]],
        (6, 1, 0): [[7, 3, 9, 0, 4, 8], [1, 6, 2, 5, 11, 10]],
    }
    for (batch_size, world_size, rank), expected in cases.items():
        got = [list(batch) for batch in shard_batches(list(order), batch_size, world_size, rank)]
        assert got == expected, (
            f"shard_batches(order, {batch_size}, {world_size}, {rank}) returned {got}, expected {expected}: cut the "
            "order into batches of batch_size, and give process `rank` batches rank, rank + world_size, ..."
        )
