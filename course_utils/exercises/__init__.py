"""Exercises with automatic checks.

Each notebook ``NN_topic.ipynb`` has its checkers in ``course_utils/exercises/nbNN.py``,
registered with :func:`exercise`, where NN is the notebook's key: its file name up to the first
underscore ("04", or "08a" for ``08a_domain_fine_tuning.ipynb``). A learner calls
``check("NN.k", answer)``:

- an untouched stub (``None``, ``...``, or a function that raises ``NotImplementedError``)
  prints "not solved yet", without raising, so the notebook still runs;
- a wrong answer prints what is wrong;
- a right answer prints "correct".

``evaluate`` returns the verdict as (solved, message) for tests.

Reference solutions live in ``solutions/nbNN.py`` at the repository root (outside the
notebooks), as ``SOLUTIONS = {"NN.k": answer}``; the unit tests run every checker on its
solution, so every exercise is known to be solvable.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id ("NN.k", for example "04.2" or "08b.1"), a one-line task, and a checker.

    The checker takes the learner's answer and raises ``AssertionError`` with a helpful
    message when the answer is wrong.
    """

    exercise_id: str
    task: str
    checker: Callable[[object], None]


_REGISTRY: dict[str, Exercise] = {}


def exercise(exercise_id: str, task: str) -> Callable:
    """Register the decorated function as the checker of ``exercise_id``.

    Example:
        >>> @exercise("99.1", "Return 42.")
        ... def _check_answer(answer):
        ...     assert answer() == 42, f"expected 42, got {answer()}"
    """

    def register(checker: Callable[[object], None]) -> Callable[[object], None]:
        _REGISTRY[exercise_id] = Exercise(exercise_id, task, checker)
        return checker

    return register


def get_exercise(exercise_id: str) -> Exercise:
    """Return the registered exercise, importing its notebook's checker module on demand."""
    module = f"course_utils.exercises.nb{exercise_id.split('.')[0]}"
    if exercise_id not in _REGISTRY and importlib.util.find_spec(module) is not None:
        importlib.import_module(module)
    if exercise_id not in _REGISTRY:
        raise KeyError(f"there is no exercise {exercise_id!r}: ids look like '00.1' or '08b.1' (notebook.number).")
    return _REGISTRY[exercise_id]


def registered_exercises(notebook: str) -> list[Exercise]:
    """Return every exercise of notebook ``notebook`` ("00", "01", ..., "08a", "08b", ...)."""
    importlib.import_module(f"course_utils.exercises.nb{notebook}")
    return [e for key, e in sorted(_REGISTRY.items()) if key.split(".")[0] == notebook]


def evaluate(exercise_id: str, answer: object) -> tuple[bool, str]:
    """Run the checker of ``exercise_id`` on ``answer``; return (solved, message). Never raises for the answer.

    Example:
        >>> evaluate("00.1", None)[0]
        False
    """
    ex = get_exercise(exercise_id)
    not_yet = f"⏳ {exercise_id} not solved yet: {ex.task}"
    if answer is None or answer is Ellipsis:
        return False, not_yet
    try:
        ex.checker(answer)
    except NotImplementedError:
        return False, not_yet
    except AssertionError as wrong:
        return False, f"❌ {exercise_id} not right yet: {wrong}"
    except Exception as error:  # the learner's code failed: say how, do not stop the notebook
        return False, f"❌ {exercise_id}: your answer raised {type(error).__name__}: {error}"
    return True, f"✅ {exercise_id} correct!"


def check(exercise_id: str, answer: object) -> None:
    """Check a learner's answer and print the verdict (for notebooks; see :func:`evaluate`).

    Example:
        >>> check("00.1", None)  # doctest: +SKIP
        ⏳ 00.1 not solved yet: ...
    """
    print(evaluate(exercise_id, answer)[1])
