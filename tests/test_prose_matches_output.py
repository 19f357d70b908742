"""Prose matches output: every number with two or more decimals that a notebook's markdown
quotes is printed by one of that notebook's outputs (rounded to the quoted precision), set
as a literal in its code, or cited from a paper in CITED below. Numbers inside `code spans`
are code (settings), not quoted figures.

A figure typed into the text from an earlier run, or from another machine, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*\.\d+(?![\w.]*\d)")  # 0.8203, 1,536.5 (not 2.13.0, v0.6.2)
QUOTED = re.compile(r"(?<![\w.])\d[\d,]*\.\d{2,}(?![\w.]*\d)")  # what the rule covers: 2+ decimals

# Figures cited from public sources (the papers and tables in the course guide), per notebook.
# One line per notebook, so that each notebook's figures are edited in one place.
CITED: dict[str, set[str]] = {
    "00": set(),
    "01": set(),
    "02": set(),
    "03": set(),
    "04": {"58.02"},  # sentence-transformers NLI models table, average GloVe
    "05": set(),
    "06": {"16.50", "46.35", "58.02"},  # Reimers and Gurevych 2019, table 1
    "07": {"0.73", "0.45"},  # Hands-On Large Language Models, ch. 10 (cited in the full-profile section)
    "08a": set(),
    "08b": set(),
    "08c": set(),
    "09": set(),
    "10": set(),
    "11": set(),
    "12": set(),
    "13": set(),
    "14": set(),
    "15": set(),
}


LINK = re.compile(r"\]\([^)]*\)|https?://\S+|arXiv:\S+", re.IGNORECASE)  # addresses, not figures
CODE_SPAN = re.compile(r"`[^`\n]+`")  # `relative_margin=0.05`: a setting written as code, not a measured figure


def _numbers(text: str, pattern: re.Pattern = NUMBER) -> set[str]:
    return {m.replace(",", "") for m in pattern.findall(CODE_SPAN.sub(" ", LINK.sub(" ", text)))}


def _output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            parts.append(out.get("text", ""))
        for key in ("text/plain", "text/html", "text/markdown"):
            value = out.get("data", {}).get(key)
            if value:
                parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def printed_numbers(nb) -> set[str]:
    """Every decimal number in the notebook's stored outputs and code literals."""
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            found |= _numbers(_output_text(cell)) | _numbers(cell.source)
    return found


def is_printed(quoted: str, printed: set[str]) -> bool:
    """True when some printed number, rounded to the quoted number's decimals, equals it."""
    decimals = len(quoted.split(".")[1])
    value = float(quoted)
    close = 10 ** -(decimals + 3)
    return any(
        len(number.split(".")[1]) >= decimals and abs(round(float(number), decimals) - value) < close
        for number in printed
    )


def unprinted_numbers(nb, cited: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(cell index, number) for each markdown number that no output prints."""
    printed = printed_numbers(nb)
    missing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for quoted in sorted(_numbers(cell.source, QUOTED)):
            if quoted not in cited and not is_printed(quoted, printed):
                missing.append((index, quoted))
    return missing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem.split("_")[0] for p in NOTEBOOKS])
def test_markdown_numbers_are_printed(path):
    nb = nbformat.read(path, as_version=4)
    missing = unprinted_numbers(nb, CITED.get(path.stem.split("_")[0], set()))
    assert not missing, f"{path.name}: markdown numbers that no output prints (cell, number): {missing}"


def test_the_check_catches_a_stale_figure():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1", outputs=[nbformat.v4.new_output("stream", text="spearman 0.8203\n")]),
        nbformat.v4.new_markdown_cell("We reach 0.820 (rounded), not 0.8248, and 0.82 is fine; `lr=0.75` is code."),
    ]
    assert unprinted_numbers(nb) == [(1, "0.8248")]
