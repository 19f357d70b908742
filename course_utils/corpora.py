"""The course's text corpora, read once, in the shapes the lessons need.

The Wikipedia sample (106 articles) and the Lee news corpus (300 stories) ship with gensim's
test data (:func:`gensim_data`):

- :func:`wikipedia_pages`, :func:`lee_stories`: the raw text;
- :func:`load_tokenized_corpus`: lower-cased token lists, to train Word2Vec on (notebooks 01-02);
- :func:`load_corpus`: sentences, plus the STS Benchmark's training sentences, to pre-train
  the small BERT on (notebook 06).
"""

from __future__ import annotations

import bz2
import re
from collections.abc import Iterator
from pathlib import Path

from course_utils.data import load_sts

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


def lee_stories() -> list[str]:
    """Return the 300 news stories of the Lee background corpus (gensim's test data, Latin-1), one per line.

    Example:
        >>> stories = lee_stories()
        >>> len(stories), stories[0][:26]
        (300, 'Hundreds of people have be')
    """
    return gensim_data(LEE_CORPUS).read_text(encoding="latin-1").splitlines()


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

    lists = [list(tokenize(story, lowercase=True)) for story in lee_stories()]
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


_WIKI_MARKUP = re.compile(r"'{2,}|\[\[|\]\]|<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def _split_sentences(text: str, min_words: int = 4) -> list[str]:
    """Split running text into sentences of at least ``min_words`` words."""
    sentences = (s.strip() for s in _SENTENCE_END.split(" ".join(text.split())))
    return [s for s in sentences if len(s.split()) >= min_words]


def _wikipedia_sentences() -> list[str]:
    """Sentences of the 106-article Wikipedia sample shipped in gensim's test data."""
    sentences = []
    for _title, paragraphs in wikipedia_pages():
        for paragraph in paragraphs:
            if paragraph[0] in "=*|{!:;#":  # headings, lists, tables
                continue
            sentences += _split_sentences(_WIKI_MARKUP.sub("", paragraph))
    return sentences


def _lee_sentences() -> list[str]:
    """Sentences of the Lee news corpus (gensim test data, Latin-1 encoded)."""
    return [s for story in lee_stories() for s in _split_sentences(story)]


def load_corpus(include_sts: bool = True) -> list[str]:
    """Return the course's pre-training corpus as a list of sentences (no duplicates).

    The Wikipedia sample (106 articles) and the Lee news corpus from gensim's test data,
    plus, when ``include_sts``, the unlabeled sentences of the STS Benchmark *train* split
    (never validation or test, which the course evaluates on). About a million words.

    Example:
        >>> sentences = load_corpus()
        >>> len(sentences) > 30_000
        True
    """
    sentences = _wikipedia_sentences() + _lee_sentences()
    if include_sts:
        train = load_sts("stsb", split="train")
        sentences += list(train["sentence1"]) + list(train["sentence2"])
    return list(dict.fromkeys(sentences))  # drop duplicates, keep the order
