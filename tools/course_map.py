"""Write the measured minutes of each notebook into the README's course map.

    make test                           # nbval writes build/nbval-times.xml (one JUnit record per cell)
    python tools/course_map.py          # rewrite the README's minutes from it
    python tools/course_map.py --check  # exit 1 when the README disagrees with it

The minutes of every notebook therefore come from one measured run: the last `make test`.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMES = ROOT / "build" / "nbval-times.xml"
ROW = re.compile(r"^\| (?P<nn>\d\d[a-z]?) \| (?P<middle>.*) \| (?P<minutes>[^|]*) \|$")


def measured_minutes(report: Path = TIMES) -> dict[str, str]:
    """{"00": "1.0", ...}: each notebook's summed cell times in one nbval run, in minutes with one decimal."""
    if not report.is_file():
        raise SystemExit(f"{report} is missing: run `make test` first (its nbval step writes it).")
    seconds: dict[str, float] = defaultdict(float)
    for case in ET.parse(report).iter("testcase"):
        match = re.search(r"\b(\d\d[a-z]?)_\w+\.ipynb", case.get("file", "") + case.get("classname", ""))
        if match:
            seconds[match[1]] += float(case.get("time", 0))
    return {nn: f"{total / 60:.1f}" for nn, total in sorted(seconds.items())}


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
