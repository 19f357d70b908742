"""Checkers for notebook 00 (setup check)."""

from __future__ import annotations

from course_utils.exercises import exercise
from course_utils.models import load_model
from course_utils.similarity import cos_sim

CASES = [
    ("cat", ["car", "kitten", "rocket"]),
    ("pizza", ["bicycle", "pasta", "volcano"]),
    ("doctor", ["nurse", "guitar", "ocean"]),
]


@exercise("00.1", "write closest(word, candidates): the candidate most cosine-similar to word.")
def check_closest(closest) -> None:
    model = load_model()
    for word, candidates in CASES:
        scores = cos_sim(model.encode([word]), model.encode(candidates))[0]
        expected = candidates[int(scores.argmax())]
        got = closest(word, candidates)
        assert got == expected, (
            f"closest({word!r}, {candidates}) returned {got!r}, which is not the candidate most cosine-similar to "
            f"{word!r}: encode the word and the candidates, compare them with cos_sim and take the argmax."
        )
