"""Load sentence-similarity data: the STS Benchmark, or any scored pairs file."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from datasets import Dataset

from course_utils.config import data_dir, is_offline

STSB_FILES = {"train": "sts-train.csv", "validation": "sts-dev.csv", "dev": "sts-dev.csv", "test": "sts-test.csv"}
STSB_HUB_ID = "sentence-transformers/stsb"
REQUIRED_COLUMNS = ("sentence1", "sentence2", "score")


def _read_stsb_mirror(path: Path) -> Dataset:
    """Read one split of the original STS Benchmark files (tab-separated, no header)."""
    rows = {"sentence1": [], "sentence2": [], "score": []}
    with path.open(encoding="utf-8") as f:
        for line_no, fields in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(fields) < 7:
                raise ValueError(f"{path}, line {line_no}: expected 7 tab-separated columns, got {len(fields)}.")
            # genre, file, year, id, score (0-5), sentence1, sentence2 [, sources...]
            rows["score"].append(float(fields[4]) / 5.0)
            rows["sentence1"].append(fields[5])
            rows["sentence2"].append(fields[6])
    return Dataset.from_dict(rows)


def _read_pairs_file(path: Path) -> Dataset:
    """Read a .csv or .tsv file with a header holding sentence1, sentence2 and score."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ValueError(
                f"{path}: the header must name the columns {', '.join(REQUIRED_COLUMNS)}; "
                f"missing {', '.join(missing)} (found: {', '.join(header) or 'no header at all'})."
            )
        rows = {c: [] for c in REQUIRED_COLUMNS}
        for line_no, row in enumerate(reader, 2):
            try:
                score = float(row["score"])
            except (TypeError, ValueError):
                raise ValueError(f"{path}, line {line_no}: score {row['score']!r} is not a number.") from None
            rows["sentence1"].append(row["sentence1"] or "")
            rows["sentence2"].append(row["sentence2"] or "")
            rows["score"].append(score)
    if not rows["score"]:
        raise ValueError(f"{path}: the file has a header but no sentence pairs.")
    return Dataset.from_dict(rows)


def load_sts(name_or_path: str = "stsb", split: str = "test") -> Dataset:
    """Load scored sentence pairs as a Dataset with columns sentence1, sentence2, score.

    ``"stsb"`` is the STS Benchmark, scores scaled to [0, 1]: read from the local mirror
    ``$COURSE_DATA_DIR/stsbenchmark/`` when it is there, otherwise from the Hugging Face
    Hub (``sentence-transformers/stsb``). Any other value is a path to a ``.csv`` or
    ``.tsv`` file with a header naming sentence1, sentence2 and score.

    Args:
        name_or_path: ``"stsb"`` or a file path.
        split: ``"train"``, ``"validation"`` (or ``"dev"``) or ``"test"``; only for ``"stsb"``.

    Example:
        >>> test = load_sts("stsb", split="test")
        >>> test.column_names, len(test)
        (['sentence1', 'sentence2', 'score'], 1379)
    """
    if name_or_path.lower() != "stsb":
        path = Path(name_or_path).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file. Pass 'stsb' or the path of a .csv/.tsv file.")
        return _read_pairs_file(path)

    if split not in STSB_FILES:
        raise ValueError(f"split={split!r} is not an STS Benchmark split: use one of {sorted(STSB_FILES)}.")
    mirror = data_dir()
    if mirror is not None and (mirror / "stsbenchmark").is_dir():
        return _read_stsb_mirror(mirror / "stsbenchmark" / STSB_FILES[split])
    if is_offline():
        raise FileNotFoundError(
            "The STS Benchmark is not available offline: set COURSE_DATA_DIR to a folder that "
            "holds stsbenchmark/sts-{train,dev,test}.csv (for example ../shared/data), or go "
            "online and unset HF_DATASETS_OFFLINE / HF_HUB_OFFLINE to load it from the Hub."
        )
    from datasets import load_dataset

    print(f"[data] COURSE_DATA_DIR has no stsbenchmark/: loading {STSB_HUB_ID} from the Hub", file=sys.stderr)
    hub_split = "validation" if split == "dev" else split
    return load_dataset(STSB_HUB_ID, split=hub_split).select_columns(list(REQUIRED_COLUMNS))
