"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from course_utils import load_model


@pytest.fixture(scope="session")
def minilm():
    """The packaged all-MiniLM-L6-v2, loaded once for the whole test session."""
    return load_model(device="cpu")
