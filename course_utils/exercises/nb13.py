"""Checkers for notebook 13 (the embedding lifecycle: model upgrades and smaller vectors)."""

from __future__ import annotations

import numpy as np

from course_utils.exercises import exercise


@exercise("13.1", "write truncate(vectors, d): the first d dimensions of each row, rescaled to unit length.")
def check_truncate(truncate) -> None:
    rng = np.random.default_rng(0)
    for n, dim, d in [(5, 12, 4), (1, 8, 8), (3, 384, 64)]:
        vectors = rng.normal(size=(n, dim)).astype(np.float32)
        got = np.asarray(truncate(vectors.copy(), d), dtype=float)
        assert got.shape == (n, d), (
            f"for {n} vectors of {dim} dimensions and d={d} expected shape {(n, d)}, got {got.shape}."
        )
        head = vectors[:, :d].astype(float)
        expected = np.array([row / np.sqrt(sum(x * x for x in row)) for row in head])  # row by row
        assert np.allclose(got, expected, atol=1e-5), (
            "the values differ: keep the FIRST d columns (vectors[:, :d]), then divide each row by its own L2 norm."
        )


@exercise("13.2", "write hamming_similarity(a_bits, b_bits, dim): (n, m) fraction of equal bits of packed binary rows.")
def check_hamming_similarity(hamming_similarity) -> None:
    rng = np.random.default_rng(1)
    for n, m, dim in [(3, 4, 16), (2, 5, 13), (1, 1, 384)]:
        a, b = rng.normal(size=(n, dim)) > 0, rng.normal(size=(m, dim)) > 0
        a_bits, b_bits = np.packbits(a, axis=1), np.packbits(b, axis=1)  # (n, bytes), (m, bytes)
        expected = np.zeros((n, m))
        for i in range(n):  # a naive loop over the bits as the reference
            for j in range(m):
                expected[i, j] = sum(int(a[i, t] == b[j, t]) for t in range(dim)) / dim
        got = np.asarray(hamming_similarity(a_bits.copy(), b_bits.copy(), dim), dtype=float)
        assert got.shape == (n, m), f"expected shape {(n, m)}, got {got.shape}."
        assert np.allclose(got, expected), (
            f"with dim={dim} the values differ from a bit-by-bit count: XOR the bytes, count the 1 bits "
            "(np.unpackbits or np.bitwise_count), and ignore the padding bits of the last byte when dim % 8 != 0."
        )


@exercise(
    "13.3", "write should_switch(live, candidate, min_gain): True when candidate beats live by >= min_gain (ties stay)."
)
def check_should_switch(should_switch) -> None:
    cases = [
        (0.55, 0.80, 0.01, True),
        (0.55, 0.555, 0.01, False),
        (0.55, 0.56, 0.01, True),  # exactly the threshold
        (0.56, 0.57, 0.01, True),  # exactly the threshold, but 0.57 - 0.56 < 0.01 in floating point
        (0.60, 0.60, 0.0, False),  # a tie never switches
        (0.60, 0.50, 0.0, False),
        (0.60, 0.6001, 0.0, True),
    ]
    for live, candidate, min_gain, expected in cases:
        got = should_switch(live, candidate, min_gain)
        assert bool(got) == expected, (
            f"should_switch({live}, {candidate}, min_gain={min_gain}) returned {got}, expected {expected}."
        )
