"""similarity_heatmap draws what it is given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from course_utils import similarity_heatmap


def test_heatmap_shows_the_matrix_and_labels():
    matrix = torch.tensor([[1.0, 0.25], [0.25, 1.0]])
    ax = similarity_heatmap(matrix, ["cat", "car"], title="demo")
    np.testing.assert_allclose(ax.images[0].get_array(), matrix.numpy())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "car"]
    assert sorted(t.get_text() for t in ax.texts) == ["0.25", "0.25", "1.00", "1.00"]


def test_rectangular_matrix_with_row_and_column_labels():
    ax = similarity_heatmap(np.zeros((2, 3)), (["q1", "q2"], ["a", "b", "c"]))
    assert len(ax.texts) == 6


def test_label_count_must_match():
    with pytest.raises(ValueError, match="labels"):
        similarity_heatmap(np.zeros((2, 2)), ["only one"])
