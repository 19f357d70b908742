"""Every public name of course_utils resolves (the lazy ones too), and the notebooks use only the front door."""

import ast
import json
from pathlib import Path

import course_utils

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]*_*.ipynb"))


def test_every_public_name_resolves():
    for name in course_utils.__all__:
        value = getattr(course_utils, name)
        assert value is not None, name
        assert name.isupper() or callable(value), name  # constants (ALL_CAPS) aside, functions and classes


def _course_utils_imports(notebook: Path) -> list[ast.ImportFrom]:
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            found += [
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("course_utils")
            ]
    return found


def test_notebooks_import_only_from_the_front_door_and_every_name_is_exported():
    assert len(NOTEBOOKS) == 18
    for notebook in NOTEBOOKS:
        for node in _course_utils_imports(notebook):
            assert node.module == "course_utils", f"{notebook.name}: from {node.module} import ..."
            for alias in node.names:
                assert alias.name in course_utils.__all__, f"{notebook.name}: {alias.name} is not exported"
