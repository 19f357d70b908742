"""Write the timed tracks and the learning objectives of INSTRUCTORS.md from the course itself.

    python tools/instructor_tracks.py          # rewrite the two generated parts of INSTRUCTORS.md
    python tools/instructor_tracks.py --check  # exit 1 when INSTRUCTORS.md disagrees with the course

The tracks are built from the measured minutes per notebook in the README's course map (written by
tools/course_map.py from the notebooks' own run): each block is the notebook's run time, rounded up to whole
minutes (learners wait for it), plus the track's minutes of explanation and of exercises. The objectives are each
notebook's "What you will learn" bullets. Both are written between marker comments in INSTRUCTORS.md.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| (?P<nn>\d\d[a-z]?) \| \[(?P<title>[^\]]+)\]\([^)]+\) \| [^|]* \| (?P<minutes>[\d.]+) \|$")


@dataclass(frozen=True)
class Track:
    """A way to teach the course: which notebooks, how long each part of a block, how long in all."""

    name: str
    notebooks: tuple[str, ...] | None  # None: every notebook of the course map
    explain: int  # minutes of walk-through per notebook
    exercises: int  # minutes of exercises per notebook
    days: int
    minutes_per_day: int  # breaks (and lunch, on days over 4 hours) included
    how: str


TRACKS = (
    Track(
        "A 90-minute introduction",
        ("00", "03", "04", "05"),
        explain=15,
        exercises=5,
        days=1,
        minutes_per_day=90,
        how="From words to sentence vectors to search. The instructor runs each notebook on the projector while the "
        "learners follow in their copy; one exercise per notebook (the first).",
    ),
    Track(
        "A half-day workshop (3½ hours)",
        ("00", "03", "04", "05", "07", "11"),
        explain=15,
        exercises=10,
        days=1,
        minutes_per_day=210,
        how="The ideas and one training run: tokens, pooling, similarity search, contrastive training and vector "
        "search for RAG. Learners run every notebook themselves and solve one or two exercises; "
        "start the run of 07 before explaining it (it takes the longest). The time left over goes to setup problems "
        "at the start and questions at the end.",
    ),
    Track(
        "A two-day course",
        None,
        explain=20,
        exercises=15,
        days=2,
        minutes_per_day=450,
        how="Every notebook in course order, the first half on day 1 and the rest on day 2. Learners run each "
        "notebook, read it with the instructor, and solve the exercises; `python -m course_utils progress` shows "
        "the room's progress at the end of each day.",
    ),
)
BREAK_EVERY = 90  # minutes of teaching before a break
BREAK, LUNCH = 15, 60


def course_map(readme: str) -> dict[str, tuple[str, float]]:
    """{"00": ("Setup check", 1.0), ...} from the README's course-map rows."""
    rows = {m["nn"]: (m["title"], float(m["minutes"])) for m in map(ROW.match, readme.splitlines()) if m}
    if not rows:
        raise SystemExit("README.md has no course-map rows (| NN | [title](notebooks/...) | ... | minutes |)")
    return rows


def objectives(notebook: Path) -> list[str]:
    """The "What you will learn" bullets of a notebook's first cell, one string per bullet."""
    source = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    _, found, rest = source.partition("**What you will learn**")
    if not found:
        raise SystemExit(f"{notebook.name}: its first cell has no '**What you will learn**' list")
    bullets: list[str] = []
    for line in rest.strip().splitlines():
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
        else:
            break
    return bullets


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def track_blocks(track: Track, rows: dict[str, tuple[str, float]]) -> list[list[tuple[str, str, int, int]]]:
    """Per day, the blocks (nn, title, run minutes, block minutes), in course order."""
    chosen = track.notebooks or tuple(rows)
    missing = [nn for nn in chosen if nn not in rows]
    if missing:
        raise SystemExit(f"{track.name}: notebooks {missing} are not in the README's course map")
    blocks = []
    for nn in chosen:
        title, minutes = rows[nn]
        run = math.ceil(minutes)
        blocks.append((nn, title, run, run + track.explain + track.exercises))
    per_day = math.ceil(len(blocks) / track.days)
    return [blocks[i : i + per_day] for i in range(0, len(blocks), per_day)]


def day_schedule(blocks: list[tuple[str, str, int, int]], full_day: bool) -> tuple[list[str], int]:
    """Table rows (start time, what, run, explain + exercises, block), breaks included, and the day's minutes.

    A break comes before a block that would take the teaching past BREAK_EVERY minutes in a row; on a full day the
    second break is lunch.
    """
    lines, clock, since_break, breaks = [], 0, 0, 0
    for i, (nn, title, run, block) in enumerate(blocks):
        if since_break + block > BREAK_EVERY and i:
            pause = LUNCH if full_day and breaks == 1 else BREAK
            lines.append(f"| {_clock(clock)} | *{'lunch' if pause == LUNCH else 'break'}* | | | {pause} |")
            clock, since_break, breaks = clock + pause, 0, breaks + 1
        lines.append(f"| {_clock(clock)} | {nn} · {title} | {run} | {block - run} | {block} |")
        clock, since_break = clock + block, since_break + block
    return lines, clock


def tracks_markdown(rows: dict[str, tuple[str, float]]) -> str:
    parts = []
    for track in TRACKS:
        parts += [f"### {track.name}", "", track.how, ""]
        per_block = f"{track.explain} min of explanation and {track.exercises} of exercises"
        days = track_blocks(track, rows)
        for number, blocks in enumerate(days, 1):
            if len(days) > 1:
                parts += [f"**Day {number}**", ""]
            lines, total = day_schedule(blocks, full_day=track.minutes_per_day > 240)
            if total > track.minutes_per_day:
                raise SystemExit(
                    f"{track.name}: day {number} takes {_clock(total)}, more than {_clock(track.minutes_per_day)}: "
                    "change its notebooks or minutes in tools/instructor_tracks.py (TRACKS)"
                )
            parts += [
                "| start | notebook | run (min, measured) | explain + exercises | block (min) |",
                "|---|---|---|---|---|",
                *lines,
                "",
                f"Total {_clock(total)} of {_clock(track.minutes_per_day)} (each block: the measured run, rounded up, "
                f"plus {per_block}).",
                "",
            ]
    return "\n".join(parts).strip()


def objectives_markdown(notebooks: list[Path], rows: dict[str, tuple[str, float]]) -> str:
    parts = []
    for notebook in notebooks:
        nn = notebook.name.split("_")[0]
        title = rows[nn][0] if nn in rows else notebook.stem
        parts += [f"**{nn} · {title}** ({notebook.name})", "", *(f"- {b}" for b in objectives(notebook)), ""]
    return "\n".join(parts).strip()


def fill(text: str, name: str, content: str) -> str:
    """Replace what lies between ``<!-- BEGIN name ... -->`` and ``<!-- END name -->`` in ``text``."""
    pattern = re.compile(rf"(<!-- BEGIN {name}\b[^>]*-->\n)(?:.*?\n)?(<!-- END {name} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"INSTRUCTORS.md has no '<!-- BEGIN {name} ... -->' / '<!-- END {name} -->' markers")
    return pattern.sub(lambda m: m[1] + content + "\n" + m[2], text)


def instructors_text(instructors: str, readme: str, notebooks: list[Path]) -> str:
    rows = course_map(readme)
    unmapped = [nb.name for nb in notebooks if nb.name.split("_")[0] not in rows]
    if unmapped:
        raise SystemExit(f"{unmapped} are not in the README's course map: add their rows, then run tools/course_map.py")
    text = fill(instructors, "tracks", tracks_markdown(rows))
    return fill(text, "objectives", objectives_markdown(notebooks, rows))


if __name__ == "__main__":
    path = ROOT / "INSTRUCTORS.md"
    current = path.read_text(encoding="utf-8")
    updated = instructors_text(
        current,
        (ROOT / "README.md").read_text(encoding="utf-8"),
        sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")),
    )
    if "--check" in sys.argv[1:]:
        sys.exit(0 if updated == current else 1)
    path.write_text(updated, encoding="utf-8")
