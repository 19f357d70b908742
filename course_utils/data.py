"""Load sentence-similarity data: the STS Benchmark, or any scored pairs file."""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from pathlib import Path

from datasets import Dataset

from course_utils.config import data_cache_dir, data_dir, is_offline

STSB_FILES = {"train": "sts-train.csv", "validation": "sts-dev.csv", "dev": "sts-dev.csv", "test": "sts-test.csv"}
STSB_HUB_ID = "sentence-transformers/stsb"
STSB_HUB_SPLITS = {"train": "train", "validation": "validation", "test": "test"}  # Hub split -> our split
REQUIRED_COLUMNS = ("sentence1", "sentence2", "score")
NO_STSB_MESSAGE = (
    "The STS Benchmark is missing: it is not in COURSE_DATA_DIR ({mirror}) nor in the course's data cache "
    "({cache}), and it cannot be downloaded now ({reason}). Two ways out: go online once and run "
    "`make data` (or `python -m course_utils prefetch`), which keeps a copy in the cache for offline use; or "
    "point COURSE_DATA_DIR at a folder holding stsbenchmark/sts-{{train,dev,test}}.csv."
)


def require_sts_columns(dataset: Dataset) -> None:
    """Raise a ValueError naming the columns of :data:`REQUIRED_COLUMNS` that ``dataset`` lacks.

    Example:
        >>> require_sts_columns(Dataset.from_dict({"sentence1": ["a"], "sentence2": ["b"]}))
        Traceback (most recent call last):
        ...
        ValueError: the dataset lacks the columns ['score']: load it with load_sts().
    """
    missing = set(REQUIRED_COLUMNS) - set(dataset.column_names)
    if missing:
        raise ValueError(f"the dataset lacks the columns {sorted(missing)}: load it with load_sts().")


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
    folder = stsb_folder() or prefetch_stsb()
    return _read_stsb_mirror(folder / STSB_FILES[split])


def stsb_folder() -> Path | None:
    """Return the local ``stsbenchmark/`` folder: the mirror ``COURSE_DATA_DIR`` first, then the data cache.

    Example:
        >>> folder = stsb_folder()
        >>> folder is None or (folder / "sts-test.csv").is_file()
        True
    """
    for root in (data_dir(), data_cache_dir()):
        if root is not None and all((root / "stsbenchmark" / name).is_file() for name in STSB_FILES.values()):
            return root / "stsbenchmark"
    return None


def _download_stsb_from_hub() -> dict[str, Dataset]:
    """The three splits of ``sentence-transformers/stsb`` (scores in [0, 1]), with a progress bar."""
    if is_offline():
        raise ConnectionError("HF_HUB_OFFLINE / HF_DATASETS_OFFLINE is set")
    from datasets import load_dataset
    from huggingface_hub import HfApi

    HfApi().dataset_info(STSB_HUB_ID, timeout=10)  # fails in a second without network, before any retry loop

    print(f"[data] downloading the STS Benchmark ({STSB_HUB_ID}) from the Hugging Face Hub", file=sys.stderr)
    return {ours: load_dataset(STSB_HUB_ID, split=hub) for hub, ours in STSB_HUB_SPLITS.items()}


def write_stsb_split(pairs: Dataset, path: Path) -> None:
    """Write scored pairs in the STS Benchmark's own format, the one :func:`load_sts` reads from a mirror.

    Seven tab-separated columns: genre, source, year, id, score (0–5, up to 15 digits), sentence1, sentence2.
    The Hub copy keeps only the last three; the first four name where the row came from.
    """
    with path.open("w", encoding="utf-8", newline="") as f:
        for i, row in enumerate(pairs):
            s1, s2 = row["sentence1"], row["sentence2"]
            if any(c in text for text in (s1, s2) for c in "\t\n"):
                raise ValueError(f"pair {i} holds a tab or a newline, which the STS Benchmark format cannot store.")
            f.write(f"hub\t{STSB_HUB_ID}\t-\t{i:04d}\t{row['score'] * 5:.15g}\t{s1}\t{s2}\n")


def prefetch_stsb(dest: Path | None = None, source: Path | None = None) -> Path:
    """Fetch the STS Benchmark once into ``dest/stsbenchmark/`` (default: the course's data cache).

    Reads the Hugging Face Hub (``sentence-transformers/stsb``), or ``source``, a folder holding
    ``stsbenchmark/`` in the original format (a mirror, a USB stick). The files are written to a
    temporary folder first and moved in place at the end, so an interrupted download leaves nothing.

    Args:
        dest: the folder that will hold ``stsbenchmark/``.
        source: a local mirror to read instead of the Hub.

    Returns:
        The ``stsbenchmark/`` folder, ready for :func:`load_sts` (via ``COURSE_DATA_DIR`` or the cache).

    Raises:
        FileNotFoundError: the Hub cannot be reached and no source is given; the message says what to do.
    """
    target = Path(dest or data_cache_dir()).expanduser().resolve() / "stsbenchmark"
    if source is not None:
        splits = {
            ours: _read_stsb_mirror(Path(source) / "stsbenchmark" / STSB_FILES[ours])
            for ours in STSB_HUB_SPLITS.values()
        }
    else:
        try:
            splits = _download_stsb_from_hub()
        except Exception as error:  # no network, Hub down, offline flags: one clear message instead
            mirror = data_dir() or "not set"
            raise FileNotFoundError(
                NO_STSB_MESSAGE.format(mirror=mirror, cache=data_cache_dir(), reason=f"{type(error).__name__}: {error}")
            ) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".stsbenchmark-"))
    try:
        for ours, pairs in splits.items():
            write_stsb_split(pairs, tmp / STSB_FILES[ours])
    except BaseException:
        shutil.rmtree(tmp)
        raise
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target
