"""Write the measured minutes of each notebook into the README's course map.

    python tools/course_map.py          # rewrite README.md in place
    python tools/course_map.py --check  # exit 1 when the README disagrees with the notebooks

The minutes come from the notebooks' own metadata (``course.run.seconds``), which
`tools/execute_notebook.py` stores with the outputs of the same run.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| (?P<nn>\d\d) \| (?P<middle>.*) \| (?P<minutes>[^|]*) \|$")


def measured_minutes() -> dict[str, str]:
    """{"00": "1.0", ...}: each notebook's last measured run, in minutes with one decimal."""
    minutes = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        run = nbformat.read(path, as_version=4).metadata.get("course", {}).get("run")
        if run is None:
            raise SystemExit(f"{path.name} has no measured run: execute it with tools/execute_notebook.py")
        minutes[path.name[:2]] = f"{run['seconds'] / 60:.1f}"
    return minutes


def course_map(readme: str, minutes: dict[str, str]) -> str:
    """The README text with the last column of each course-map row set to the measured minutes."""
    lines = []
    for line in readme.splitlines():
        match = ROW.match(line)
        if match and match["nn"] in minutes:
            line = f"| {match['nn']} | {match['middle']} | {minutes[match['nn']]} |"
        lines.append(line)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    updated = course_map(readme, measured_minutes())
    if "--check" in sys.argv[1:]:
        sys.exit(0 if updated == readme else 1)
    readme_path.write_text(updated, encoding="utf-8")
