"""Reference solutions for notebook 11."""

import numpy as np


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth, strict=True)]
    return float(np.mean(hits)) / k


def chunk(text: str, size: int, overlap: int) -> list[str]:
    if not 0 <= overlap < size:
        raise ValueError("overlap must be smaller than size")
    words = text.split()
    chunks = []
    for start in range(0, len(words), size - overlap):
        chunks.append(" ".join(words[start : start + size]))
        if start + size >= len(words):
            break
    return chunks


def select_passages(passages: list[str], max_words: int) -> list[str]:
    selected, used = [], 0
    for number, passage in enumerate(passages, start=1):
        used += len(passage.split())
        if used > max_words:
            break
        selected.append(f"[{number}] {passage}")
    return selected


SOLUTIONS = {"11.1": recall_at_k, "11.2": chunk, "11.3": select_passages}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _recall_over_all_found(found, truth, k):  # counts the found ids beyond k
    return float(np.mean([len(set(f.tolist()) & set(t[:k].tolist())) / k for f, t in zip(found, truth, strict=True)]))


def _recall_in_order(found, truth, k):  # position by position: the order would matter
    return float((found[:, :k] == truth[:, :k]).mean())


def _chunk_overlap_ignored(text, size, overlap):
    return chunk(text, size, 0) if 0 <= overlap < size else chunk(text, size, overlap)


def _chunk_one_too_many(text, size, overlap):  # keeps stepping after a window reached the last word
    if not 0 <= overlap < size:
        raise ValueError("overlap must be smaller than size")
    words = text.split()
    return [" ".join(words[s : s + size]) for s in range(0, len(words), size - overlap)]


def _chunk_no_error(text, size, overlap):
    return chunk(text, size, overlap) if overlap < size else [text]


def _select_skips_ahead(passages, max_words):  # takes a later, shorter passage after one that did not fit
    selected, used = [], 0
    for number, passage in enumerate(passages, start=1):
        if used + len(passage.split()) <= max_words:
            used += len(passage.split())
            selected.append(f"[{number}] {passage}")
    return selected


def _select_counts_labels(passages, max_words):  # counts the "[i]" labels as words
    selected, used = [], 0
    for number, passage in enumerate(passages, start=1):
        labelled = f"[{number}] {passage}"
        used += len(labelled.split())
        if used > max_words:
            break
        selected.append(labelled)
    return selected


WRONG_ANSWERS = {
    "11.1": [_recall_over_all_found, _recall_in_order],
    "11.2": [_chunk_overlap_ignored, _chunk_one_too_many, _chunk_no_error],
    "11.3": [_select_skips_ahead, _select_counts_labels],
}
