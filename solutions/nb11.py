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
