"""Retrieval for RAG: split documents into overlapping word chunks and assemble a cited prompt.

The retriever itself is any embedding model plus an index (notebook 11 uses all-MiniLM-L6-v2
and FAISS); this module holds the two text steps around it: chunking before indexing, and
building the context a language model would receive after retrieval.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

PROMPT_HEADER = (
    "Answer the question using only the numbered passages below. Cite the passages you use by "
    "number, like [1]. If the passages do not contain the answer, say that you do not know."
)


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: the article it comes from, its number in that article, its text."""

    title: str
    position: int
    text: str


def chunk_words(text: str, size: int, overlap: int = 0) -> list[str]:
    """Split ``text`` into windows of ``size`` words; consecutive windows share ``overlap`` words.

    Words are whitespace-separated tokens, re-joined with single spaces. Each window starts
    ``size - overlap`` words after the previous one; the last window ends at the last word (it may
    be shorter). Empty text gives no chunk; text of at most ``size`` words gives one.

    Args:
        text: the text to split.
        size: words per chunk (at least 1).
        overlap: words shared by consecutive chunks (0 <= overlap < size).

    Returns:
        The chunks, in order.

    Example:
        >>> chunk_words("a b c d e f g", size=4, overlap=1)
        ['a b c d', 'd e f g']
    """
    if size < 1:
        raise ValueError(f"size must be at least 1 word, got {size}.")
    if not 0 <= overlap < size:
        raise ValueError(
            f"overlap must be between 0 and size - 1 (got overlap={overlap}, size={size}): "
            "with overlap >= size a window would never move forward."
        )
    words = text.split()
    step = size - overlap
    chunks = []
    for start in range(0, len(words), step):
        chunks.append(" ".join(words[start : start + size]))
        if start + size >= len(words):  # this window reached the end
            break
    return chunks


def chunk_documents(documents: Iterable[tuple[str, str]], size: int, overlap: int = 0) -> list[Chunk]:
    """Chunk each ``(title, text)`` document separately (no chunk spans two documents).

    Example:
        >>> [c.position for c in chunk_documents([("A", "w " * 5), ("B", "w")], size=3)]
        [0, 1, 0]
    """
    return [
        Chunk(title, position, text)
        for title, document in documents
        for position, text in enumerate(chunk_words(document, size, overlap))
    ]


def count_words(text: str) -> int:
    """Count whitespace-separated words: a rough, tokenizer-free token count."""
    return len(text.split())


def build_prompt(
    question: str,
    passages: Iterable[tuple[str, str]],
    max_tokens: int,
    count_tokens: Callable[[str], int] = count_words,
) -> str:
    """Assemble the prompt a language model would receive: instructions, numbered cited passages, question.

    Passages are ``(title, text)`` pairs, best first. They are added in that order, numbered
    ``[1]``, ``[2]``, ... with their article title, while the whole prompt stays within
    ``max_tokens`` (as counted by ``count_tokens``, e.g. ``lambda s: len(tokenizer.tokenize(s))``);
    the first passage that does not fit ends the list, so the best passages are never dropped for
    worse ones.

    Args:
        question: the user's question.
        passages: retrieved ``(title, text)`` pairs, best first.
        max_tokens: the token budget of the whole prompt.
        count_tokens: a function returning the number of tokens of a string.

    Returns:
        The prompt string.

    Raises:
        ValueError: when the instructions and the question alone exceed the budget.

    Example:
        >>> prompt = build_prompt("Who?", [("T", "some text"), ("U", "too long " * 50)], max_tokens=40)
        >>> print(prompt.removeprefix(PROMPT_HEADER))
        <BLANKLINE>
        <BLANKLINE>
        [1] (T) some text
        <BLANKLINE>
        Question: Who?
        Answer:
    """
    tail = f"Question: {question}\nAnswer:"
    parts = [PROMPT_HEADER]
    if count_tokens("\n\n".join([*parts, tail])) > max_tokens:
        raise ValueError(f"max_tokens={max_tokens} does not even fit the instructions and the question.")
    for number, (title, text) in enumerate(passages, start=1):
        candidate = [*parts, f"[{number}] ({title}) {text}"]
        if count_tokens("\n\n".join([*candidate, tail])) > max_tokens:
            break
        parts = candidate
    return "\n\n".join([*parts, tail])
