"""Static word vectors: the course's small training corpus and the standard evaluations.

- :func:`load_tokenized_corpus`: the Wikipedia sample and the Lee news corpus that ship
  with gensim, as lists of lower-cased tokens (about half a million words), to train
  Word2Vec on.
- :func:`evaluate_analogies`: accuracy on the Google analogy set (``questions-words.txt``,
  Mikolov et al., 2013), overall and split into semantic and syntactic questions. It gives
  the same answers as gensim's ``KeyedVectors.evaluate_word_analogies`` (3CosAdd, the
  three question words excluded), but solves the questions in matrix batches instead of
  one Python call each, which is 10-100x faster on a CPU.
- :func:`evaluate_wordsim`: Spearman correlation with human similarity judgements
  (WordSim-353, SimLex-999), through gensim's ``evaluate_word_pairs``.
"""

from __future__ import annotations

import bz2
from collections.abc import Collection, Iterator
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

WIKIPEDIA_SAMPLE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
LEE_CORPUS = "lee_background.cor"


def gensim_data(name: str) -> Path:
    """Return the path of a file in gensim's test data (installed with the gensim wheel).

    Example:
        >>> gensim_data("questions-words.txt").name
        'questions-words.txt'
    """
    from gensim.test.utils import datapath

    path = Path(datapath(name))
    if not path.exists():
        raise FileNotFoundError(f"{name!r} is not in gensim's test data ({path.parent}); is gensim installed fully?")
    return path


def wikipedia_pages() -> Iterator[tuple[str, list[str]]]:
    """Yield ``(title, paragraphs)`` for each article of the Wikipedia sample in gensim's test data.

    The 106 articles of ``enwiki-...-shortened.bz2`` (redirects skipped), with gensim's
    ``filter_wiki`` markup removal; one string per non-empty line, which is one paragraph,
    heading, list item or table row of the article (callers filter what they need).

    Example:
        >>> title, paragraphs = next(wikipedia_pages())
        >>> title
        'Anarchism'
    """
    from gensim.corpora.wikicorpus import extract_pages, filter_wiki

    with bz2.open(gensim_data(WIKIPEDIA_SAMPLE)) as f:
        for title, text, _page_id in extract_pages(f):
            if text.lower().startswith("#redirect"):
                continue
            lines = (line.strip() for line in filter_wiki(text).split("\n"))
            yield title, [line for line in lines if line]


def _wikipedia_token_lists(min_tokens: int) -> list[list[str]]:
    from gensim.utils import tokenize

    lists = []
    for _title, paragraphs in wikipedia_pages():
        for paragraph in paragraphs:
            tokens = list(tokenize(paragraph, lowercase=True))
            if len(tokens) >= min_tokens:
                lists.append(tokens)
    return lists


def _lee_token_lists(min_tokens: int) -> list[list[str]]:
    from gensim.utils import tokenize

    lines = gensim_data(LEE_CORPUS).read_text(encoding="latin-1").splitlines()  # one news story a line
    lists = [list(tokenize(line, lowercase=True)) for line in lines]
    return [tokens for tokens in lists if len(tokens) >= min_tokens]


def load_tokenized_corpus(sources: tuple[str, ...] = ("wikipedia", "lee"), min_tokens: int = 3) -> list[list[str]]:
    """Return the course's word-vector training corpus as lists of lower-cased tokens.

    ``"wikipedia"``: the 106 articles of the English Wikipedia sample in gensim's test data,
    markup removed, one list per paragraph (about 460,000 tokens). ``"lee"``: the 300 news
    stories of the Lee background corpus, one list per story (about 60,000 tokens). Tokens are
    runs of letters (gensim's ``tokenize``): numbers and punctuation are dropped.

    Args:
        sources: which corpora to read, in order.
        min_tokens: drop paragraphs shorter than this.

    Example:
        >>> corpus = load_tokenized_corpus(("lee",))
        >>> len(corpus), corpus[0][:4]
        (300, ['hundreds', 'of', 'people', 'have'])
    """
    readers = {"wikipedia": _wikipedia_token_lists, "lee": _lee_token_lists}
    unknown = [s for s in sources if s not in readers]
    if unknown:
        raise ValueError(f"unknown corpus {unknown}: choose from {sorted(readers)}.")
    return [tokens for source in sources for tokens in readers[source](min_tokens)]


def read_analogies(path: str | Path | None = None) -> list[tuple[str, str, str, str, str]]:
    """Read an analogy file in the word2vec format: ``: section`` lines, then ``a b c d`` lines.

    Returns:
        a list of ``(section, a, b, c, d)``: "a is to b as c is to d".

    Example:
        >>> read_analogies()[0]
        ('capital-common-countries', 'Athens', 'Greece', 'Baghdad', 'Iraq')
    """
    path = gensim_data("questions-words.txt") if path is None else Path(path)
    questions, section = [], None
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(": "):
            section = line[2:].strip()
        elif line.strip():
            words = line.split()
            if section is None:
                raise ValueError(f"{path}, line {line_no}: a question before the first ': section' line.")
            if len(words) != 4:
                raise ValueError(f"{path}, line {line_no}: expected 4 words, got {len(words)}: {line!r}.")
            questions.append((section, *words))
    return questions


def is_semantic(section: str) -> bool:
    """True for the semantic sections of the Google analogy set; its syntactic ones start with ``gram``.

    Example:
        >>> is_semantic("capital-world"), is_semantic("gram3-comparative")
        (True, False)
    """
    return not section.startswith("gram")


def _accuracy(correct: np.ndarray) -> float:
    return float(correct.mean()) if correct.size else float("nan")


def evaluate_analogies(
    kv: KeyedVectors,
    path: str | Path | None = None,
    restrict_vocab: int = 30_000,
    case_insensitive: bool = True,
    batch_size: int = 1024,
    shared_vocabulary: Collection[str] | None = None,
) -> dict:
    """Solve analogies "a : b :: c : ?" by 3CosAdd and return the accuracy.

    The answer is the word whose vector is most cosine-similar to b − a + c (unit vectors),
    the three question words excluded, searched among the ``restrict_vocab`` most frequent
    words. A question with a word outside those is skipped (and counted in ``coverage``), as
    in gensim's ``evaluate_word_analogies`` and the original ``compute-accuracy`` tool.

    Args:
        kv: word vectors, most frequent word first (as gensim and GloVe store them).
        path: analogy file; default gensim's copy of the Google set (19,544 questions).
        restrict_vocab: search among (and accept questions made of) the first words only.
        case_insensitive: compare words upper-cased, taking the most frequent spelling.
        batch_size: questions solved at once.
        shared_vocabulary: when given, also skip questions with a word outside it; pass another
            model's words to compare two models on the same questions.

    Returns:
        ``{"overall", "semantic", "syntactic"}`` accuracies on the questions answered,
        ``"answered"`` and ``"questions"`` counts, ``"coverage"`` (answered / questions), and
        ``"sections"``: ``{section: (correct, answered)}``.

    Example:
        >>> scores = evaluate_analogies(load_glove())  # doctest: +SKIP
        >>> round(scores["overall"], 3)  # doctest: +SKIP
    """
    if restrict_vocab < 1:
        raise ValueError(f"restrict_vocab must be at least 1, got {restrict_vocab}.")
    questions = read_analogies(path)
    if not questions:
        raise ValueError(f"{path} holds no analogy question.")
    keys = kv.index_to_key[:restrict_vocab]
    norm = (lambda w: w.upper()) if case_insensitive else (lambda w: w)
    index = {norm(k): i for i, k in reversed(list(enumerate(keys)))}  # most frequent spelling wins
    allowed = index.keys() if shared_vocabulary is None else index.keys() & {norm(w) for w in shared_vocabulary}
    answered = [(q[0], [index[norm(w)] for w in q[1:]]) for q in questions if all(norm(w) in allowed for w in q[1:])]
    sections = [s for s, _ in answered]
    ids = np.array([i for _, i in answered], dtype=np.int64).reshape(-1, 4)  # (answered, 4): a, b, c, d
    vectors = kv.get_normed_vectors()[: len(keys)]  # (vocab, dim), unit rows
    correct = np.zeros(len(ids), dtype=bool)
    for start in range(0, len(ids), batch_size):
        a, b, c, d = ids[start : start + batch_size].T  # each (batch,)
        query = vectors[b] - vectors[a] + vectors[c]  # (batch, dim)
        scores = query @ vectors.T  # (batch, vocab); the query's norm does not change the ranking
        rows = np.arange(len(a))
        scores[rows, a] = scores[rows, b] = scores[rows, c] = -np.inf  # never answer a question word
        correct[start : start + batch_size] = scores.argmax(axis=1) == d
    semantic = np.array([is_semantic(s) for s in sections], dtype=bool)
    per_section = {}
    for section, ok in zip(sections, correct, strict=True):
        right, total = per_section.get(section, (0, 0))
        per_section[section] = (right + int(ok), total + 1)
    return {
        "overall": _accuracy(correct),
        "semantic": _accuracy(correct[semantic]),
        "syntactic": _accuracy(correct[~semantic]),
        "answered": len(ids),
        "questions": len(questions),
        "coverage": len(ids) / len(questions),
        "sections": per_section,
    }


def evaluate_wordsim(kv: KeyedVectors, path: str | Path | None = None, case_insensitive: bool = True) -> dict:
    """Correlate cosine similarities with human similarity judgements (gensim's ``evaluate_word_pairs``).

    Pairs with a word the model does not know are skipped; ``oov`` says what share that was.

    Args:
        kv: word vectors.
        path: tab-separated ``word1 word2 score`` file; default gensim's WordSim-353
            (``gensim_data("simlex999.txt")`` is the other one shipped).

    Returns:
        ``{"spearman", "pearson", "oov", "pairs"}``: correlations on the pairs both words of
        which are known, the share of pairs skipped, and the number of pairs in the file.

    Example:
        >>> round(evaluate_wordsim(load_glove())["spearman"], 2)  # doctest: +SKIP
        0.5
    """
    path = gensim_data("wordsim353.tsv") if path is None else Path(path)
    pairs = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#")
    # gensim raises ValueError when no pair is known
    pearson, spearman, oov = kv.evaluate_word_pairs(str(path), case_insensitive=case_insensitive)
    return {"spearman": float(spearman.statistic), "pearson": float(pearson[0]), "oov": oov / 100, "pairs": pairs}
