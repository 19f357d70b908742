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


def test_offline_without_mirror_says_what_to_do(monkeypatch):
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(FileNotFoundError, match="COURSE_DATA_DIR"):
        load_sts("stsb")


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
