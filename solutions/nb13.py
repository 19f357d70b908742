"""Reference solutions for notebook 13."""

import numpy as np


def truncate(vectors: np.ndarray, d: int) -> np.ndarray:
    head = vectors[:, :d]  # (n, d)
    return head / np.linalg.norm(head, axis=1, keepdims=True)


def hamming_similarity(a_bits: np.ndarray, b_bits: np.ndarray, dim: int) -> np.ndarray:
    a = np.unpackbits(a_bits, axis=1)[:, :dim]  # (n, dim), padding bits dropped
    b = np.unpackbits(b_bits, axis=1)[:, :dim]  # (m, dim)
    differ = (a[:, None, :] != b[None, :, :]).sum(axis=2)  # (n, m)
    return 1 - differ / dim


def should_switch(live: float, candidate: float, min_gain: float) -> bool:
    gain = candidate - live
    return gain > 0 and gain >= min_gain - 1e-12


SOLUTIONS = {"13.1": truncate, "13.2": hamming_similarity, "13.3": should_switch}
