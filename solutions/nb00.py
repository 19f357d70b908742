"""Reference solutions for notebook 00."""

from course_utils import cos_sim, load_model


def closest(word: str, candidates: list[str]) -> str:
    model = load_model()
    scores = cos_sim(model.encode([word]), model.encode(candidates))[0]  # (len(candidates),)
    return candidates[int(scores.argmax())]


SOLUTIONS = {"00.1": closest}


# A known-wrong answer per exercise: the checker must reject it (tests/test_exercises.py).
WRONG_ANSWERS = {"00.1": lambda word, candidates: candidates[-1]}  # ignores the model: always the last candidate
