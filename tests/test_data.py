"""load_sts: the STS Benchmark mirror, user files, and clear errors for bad files."""

from __future__ import annotations

import csv

import pytest

from course_utils import load_sts

STSB_SIZES = {"train": 5749, "validation": 1500, "test": 1379}


@pytest.fixture
def stsb_mirror(monkeypatch):
    from course_utils.config import data_dir

    if data_dir() is None or not (data_dir() / "stsbenchmark").is_dir():
        pytest.skip("COURSE_DATA_DIR does not point at a folder with stsbenchmark/")


@pytest.mark.parametrize("split", sorted(STSB_SIZES))
def test_stsb_splits_have_the_published_sizes(stsb_mirror, split):
    data = load_sts("stsb", split=split)
    assert data.column_names == ["sentence1", "sentence2", "score"]
    assert len(data) == STSB_SIZES[split]
    assert min(data["score"]) >= 0.0 and max(data["score"]) <= 1.0


def test_stsb_rows_are_parsed_against_the_raw_file(stsb_mirror):
    from course_utils.config import data_dir

    with open(data_dir() / "stsbenchmark" / "sts-test.csv", encoding="utf-8") as f:
        raw = [line.rstrip("\n").split("\t") for line in f]
    data = load_sts("stsb", split="test")
    for i in (0, 500, len(raw) - 1):
        assert data[i] == {"sentence1": raw[i][5], "sentence2": raw[i][6], "score": float(raw[i][4]) / 5}


def test_unknown_split(stsb_mirror):
    with pytest.raises(ValueError, match="split"):
        load_sts("stsb", split="dev-2")


def test_offline_without_mirror_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(FileNotFoundError, match="COURSE_DATA_DIR") as error:
        load_sts("stsb")
    assert "go online once" in str(error.value) and "stsbenchmark/sts-{train,dev,test}.csv" in str(error.value)


def test_prefetch_writes_what_the_mirror_holds(stsb_mirror, tmp_path, monkeypatch):
    """The prefetch's writer, fed from the mirror instead of the Hub: same sentences byte for byte, same scores."""
    from course_utils.config import data_dir
    from course_utils.data import STSB_FILES, prefetch_stsb

    mirror = data_dir()
    folder = prefetch_stsb(tmp_path / "copy", source=mirror)
    assert folder == tmp_path / "copy" / "stsbenchmark"
    for name in sorted(set(STSB_FILES.values())):
        original = (mirror / "stsbenchmark" / name).read_bytes().decode("utf-8").splitlines()
        written = (folder / name).read_bytes().decode("utf-8").splitlines()
        assert len(written) == len(original)
        for ours, theirs in zip(written, original, strict=True):
            ours, theirs = ours.split("\t"), theirs.split("\t")
            assert ours[5:7] == theirs[5:7]  # the sentences, byte for byte
            assert float(ours[4]) == float(theirs[4])  # the 0-5 score, the same float
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "copy"))
    assert load_sts("stsb", split="test")[:] == _mirror_split("test", mirror)
    first = (folder / "sts-train.csv").read_bytes()
    assert (prefetch_stsb(tmp_path / "copy", source=mirror) / "sts-train.csv").read_bytes() == first  # repeatable


def _mirror_split(split, mirror):
    from course_utils.data import STSB_FILES, _read_stsb_mirror

    return _read_stsb_mirror(mirror / "stsbenchmark" / STSB_FILES[split])[:]


def test_an_interrupted_prefetch_leaves_nothing(stsb_mirror, tmp_path, monkeypatch):
    from course_utils import data
    from course_utils.config import data_dir

    calls = []

    def fail_on_second_split(pairs, path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        path.write_text("partial")

    monkeypatch.setattr(data, "write_stsb_split", fail_on_second_split)
    with pytest.raises(KeyboardInterrupt):
        data.prefetch_stsb(tmp_path, source=data_dir())
    assert list(tmp_path.iterdir()) == []


def _prefetch_cli(env_update, tmp_path):
    import os
    import subprocess
    import sys
    import time

    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    env.update(COURSE_CACHE_DIR=str(tmp_path / "cache"), **env_update)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course_utils", "prefetch"], env=env, capture_output=True, text=True)
    return done, time.perf_counter() - start


def test_prefetch_offline_without_mirror_stops_at_once_with_the_ways_out(tmp_path):
    done, seconds = _prefetch_cli({"HF_HUB_OFFLINE": "1"}, tmp_path)
    assert done.returncode == 2
    assert "STS Benchmark is missing" in done.stderr and "COURSE_DATA_DIR" in done.stderr
    assert "go online once" in done.stderr and "Traceback" not in done.stderr
    assert seconds < 60  # mostly interpreter start-up; no retry loop against an unreachable Hub


def test_prefetch_then_offline_use_downloads_nothing(stsb_mirror, tmp_path):
    from course_utils.config import data_dir

    done, _ = _prefetch_cli({"HF_HUB_OFFLINE": "1"}, tmp_path)
    assert done.returncode == 2
    from course_utils.data import prefetch_stsb

    prefetch_stsb(tmp_path / "cache" / "data", source=data_dir())  # what an online first run leaves in the cache
    done, _ = _prefetch_cli({"HF_HUB_OFFLINE": "1"}, tmp_path)
    assert done.returncode == 0 and "nothing to download" in done.stdout


def write(path, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return str(path)


def test_user_csv_and_tsv(tmp_path):
    rows = [["sentence1", "sentence2", "score", "extra"], ["a b", "a c", "0.5", "x"], ["d, e", "f", "1", "y"]]
    for name, delim in (("pairs.csv", ","), ("pairs.tsv", "\t")):
        data = load_sts(write(tmp_path / name, rows, delim))
        assert data["sentence1"] == ["a b", "d, e"] and data["score"] == [0.5, 1.0]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["sentence1", "text", "score"], ["a", "b", "1"]], "missing sentence2"),
        ([["sentence1", "sentence2", "score"]], "no sentence pairs"),
        ([], "no header"),
        ([["sentence1", "sentence2", "score"], ["a", "b", "high"]], "line 2: score 'high' is not a number"),
    ],
)
def test_malformed_files_name_the_file_and_the_problem(tmp_path, rows, message):
    path = write(tmp_path / "bad.csv", rows)
    with pytest.raises(ValueError, match=message) as err:
        load_sts(path)
    assert "bad.csv" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_sts(str(tmp_path / "nope.csv"))
