"""Every NBVAL_* marker in a notebook is one that nbval itself recognises.

nbval reads a marker only when the whole comment line is the marker: `# NBVAL_IGNORE_OUTPUT (timings)` is silently
compared like any other cell. This test asks nbval's own parser, so a marker with trailing words fails here.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbval.plugin import find_comment_markers

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]*_*.ipynb"))


def unrecognised_markers(nb) -> list[int]:
    """Indices of code cells that mention an NBVAL_ marker in a comment that nbval does not read as one."""
    bad = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        mentioned = [line for line in cell.source.splitlines() if line.lstrip().startswith("#") and "NBVAL_" in line]
        if mentioned and len(dict(find_comment_markers(cell.source))) < len(mentioned):
            bad.append(index)
    return bad


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem.split("_")[0] for p in NOTEBOOKS])
def test_nbval_markers_are_recognised(path):
    assert unrecognised_markers(nbformat.read(path, as_version=4)) == []


def test_a_marker_with_trailing_words_is_caught():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(1)"),
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT (timings)\nprint(2)"),
    ]
    assert unrecognised_markers(nb) == [1]
