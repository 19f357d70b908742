"""Reference solutions for notebook 15."""


def per_device_batch(global_batch: int, world_size: int, accumulation: int = 1) -> int:
    per_device, remainder = divmod(global_batch, world_size * accumulation)
    if remainder:
        raise ValueError(f"a global batch of {global_batch} does not split over {world_size} x {accumulation}.")
    return per_device


def candidates_per_query(per_device: int, world_size: int, gather: bool, hard_negatives: int = 0) -> int:
    return per_device * (world_size if gather else 1) * (1 + hard_negatives)


def shard_batches(order: list[int], batch_size: int, world_size: int, rank: int) -> list[list[int]]:
    batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    return batches[rank::world_size]


SOLUTIONS = {"15.1": per_device_batch, "15.2": candidates_per_query, "15.3": shard_batches}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py and
# tests/test_exercises_15.py, which tries the second one of each exercise too).
def _per_device_ignores_accumulation(global_batch, world_size, accumulation=1):
    return per_device_batch(global_batch, world_size)


def _per_device_rounds_down(global_batch, world_size, accumulation=1):  # no error when it does not divide
    return global_batch // (world_size * accumulation)


def _candidates_always_gathered(per_device, world_size, gather, hard_negatives=0):
    return candidates_per_query(per_device, world_size, True, hard_negatives)


def _candidates_without_negatives(per_device, world_size, gather, hard_negatives=0):
    return candidates_per_query(per_device, world_size, gather)


def _shard_contiguous(order, batch_size, world_size, rank):  # a contiguous block of batches per rank
    batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    share = -(-len(batches) // world_size)
    return batches[rank * share : (rank + 1) * share]


def _shard_examples(order, batch_size, world_size, rank):  # deals out single examples, not batches
    mine = order[rank::world_size]
    return [mine[s : s + batch_size] for s in range(0, len(mine), batch_size)]


WRONG_ANSWERS = {
    "15.1": _per_device_rounds_down,
    "15.2": _candidates_always_gathered,
    "15.3": _shard_contiguous,
}
MORE_WRONG_ANSWERS = {
    "15.1": _per_device_ignores_accumulation,
    "15.2": _candidates_without_negatives,
    "15.3": _shard_examples,
}
