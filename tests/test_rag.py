"""chunk_words against a naive word-by-word reference; build_prompt's budget and order."""

from __future__ import annotations

import itertools

import pytest

from course_utils.rag import PROMPT_HEADER, Chunk, build_prompt, chunk_documents, chunk_words


def naive_chunks(text: str, size: int, overlap: int) -> list[str]:
    """Reference: grow windows word by word; start a new one `size - overlap` words after the last start."""
    words = text.split()
    starts = [0]
    while starts[-1] + size < len(words):
        starts.append(starts[-1] + size - overlap)
    return [" ".join(words[s : s + size]) for s in starts] if words else []


TEXT = " ".join(f"w{i}" for i in range(23))


@pytest.mark.parametrize(("size", "overlap"), [(1, 0), (5, 0), (5, 2), (5, 4), (7, 3), (23, 5), (22, 1), (40, 10)])
def test_chunk_words_matches_naive_reference(size, overlap):
    chunks = chunk_words(TEXT, size, overlap)
    assert chunks == naive_chunks(TEXT, size, overlap)
    words = TEXT.split()
    assert chunks[-1].split()[-1] == words[-1]  # nothing lost at the end
    assert all(len(c.split()) <= size for c in chunks)
    for a, b in itertools.pairwise(chunks):  # consecutive chunks share exactly `overlap` words
        assert a.split()[len(a.split()) - overlap :] == b.split()[:overlap]


def test_chunk_words_edge_cases():
    assert chunk_words("", 5, 2) == []
    assert chunk_words("   \n ", 5) == []
    assert chunk_words("only  three\nwords", 5, 2) == ["only three words"]
    assert chunk_words("a b c d e", 5, 2) == ["a b c d e"]  # exactly one chunk, no empty tail
    assert chunk_words("a b c d e f", 5, 2) == ["a b c d e", "d e f"]


@pytest.mark.parametrize(("size", "overlap"), [(5, 5), (5, 6), (0, 0), (5, -1)])
def test_chunk_words_rejects_bad_sizes(size, overlap):
    with pytest.raises(ValueError, match=r"overlap|size"):
        chunk_words(TEXT, size, overlap)


def test_chunk_documents_keeps_titles_and_positions():
    chunks = chunk_documents([("A", "a b c d e"), ("B", ""), ("C", "x y")], size=3, overlap=1)
    assert chunks == [Chunk("A", 0, "a b c"), Chunk("A", 1, "c d e"), Chunk("C", 0, "x y")]


def test_build_prompt_numbers_passages_and_respects_the_budget():
    passages = [("Alpha", "one two three"), ("Beta", "four five"), ("Gamma", "six " * 30)]
    prompt = build_prompt("What?", passages, max_tokens=200)
    assert prompt.startswith(PROMPT_HEADER) and prompt.endswith("Question: What?\nAnswer:")
    assert "[1] (Alpha) one two three" in prompt and "[2] (Beta) four five" in prompt and "[3] (Gamma)" in prompt
    for budget in range(40, 200, 7):
        limited = build_prompt("What?", passages, max_tokens=budget)
        assert len(limited.split()) <= budget
    header_only = len(PROMPT_HEADER.split()) + 3  # "Question: What? Answer:"
    assert "(Alpha)" not in build_prompt("What?", passages, max_tokens=header_only)
    only_alpha = build_prompt("What?", passages, max_tokens=header_only + 5)  # Alpha fits, Beta does not
    assert "[1] (Alpha)" in only_alpha and "(Beta)" not in only_alpha
    # a passage that does not fit ends the list: the third is never added after a skipped second
    assert "(C)" not in build_prompt("What?", [("A", "x"), ("B", "y " * 100), ("C", "z")], max_tokens=60)


def test_build_prompt_with_a_custom_token_counter_and_too_small_budget():
    prompt = build_prompt("Q", [("T", "abc")], max_tokens=10_000, count_tokens=len)  # characters as tokens
    assert len(prompt) <= 10_000 and "[1] (T) abc" in prompt
    with pytest.raises(ValueError, match="does not even fit"):
        build_prompt("Q", [("T", "abc")], max_tokens=5)
