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


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _truncate_before_normalising(vectors, d):  # normalises the full rows, then truncates
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True))[:, :d]


def _truncate_last_dims(vectors, d):
    tail = vectors[:, -d:]
    return tail / np.linalg.norm(tail, axis=1, keepdims=True)


def _hamming_with_padding(a_bits, b_bits, dim):  # the padding bits of the last byte count as equal bits
    a, b = np.unpackbits(a_bits, axis=1), np.unpackbits(b_bits, axis=1)
    return (a[:, None, :] == b[None, :, :]).mean(axis=2)


def _hamming_distance_not_similarity(a_bits, b_bits, dim):
    return 1 - hamming_similarity(a_bits, b_bits, dim)


def _switch_naive_float(live, candidate, min_gain):  # 0.56 - 0.55 < 0.01 in floating point
    return candidate - live >= min_gain and candidate > live


def _switch_on_tie(live, candidate, min_gain):
    return candidate - live >= min_gain - 1e-12


WRONG_ANSWERS = {
    "13.1": [_truncate_before_normalising, _truncate_last_dims],
    "13.2": [_hamming_with_padding, _hamming_distance_not_similarity],
    "13.3": [_switch_naive_float, _switch_on_tie],
}
