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
