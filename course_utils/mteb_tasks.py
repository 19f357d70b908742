"""Run MTEB offline on the course's own data.

MTEB tasks normally download their data from the Hugging Face Hub. These builders wrap
local data in the same task classes (``AbsTaskSTS``, ``AbsTaskRetrieval``,
``AbsTaskClassification``), with the data already loaded, so ``mteb.evaluate`` scores any
model exactly as on the official tasks, without a network and without writing results to
MTEB's cache (``~/.cache/mteb``).

Example:
    >>> from course_utils import load_model, load_sts
    >>> tasks = [local_sts_task(load_sts("stsb", split="test"), "STSBenchmarkLocal")]
    >>> run_mteb(load_model(), tasks)  # doctest: +SKIP
    {'STSBenchmarkLocal': 0.8203...}
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from datasets import Dataset, DatasetDict
from sentence_transformers import SentenceTransformer

from course_utils.config import cache_dir
from course_utils.data import REQUIRED_COLUMNS, require_sts_columns

if TYPE_CHECKING:
    import mteb

LOCAL_DATASET = {"path": "local/embeddings-course", "revision": "local"}  # never downloaded: the data is preloaded


@lru_cache(maxsize=1)
def _mteb() -> SimpleNamespace:
    """Import mteb on first use and define the local task classes on top of it.

    mteb creates its result-cache folder when it is imported; ``MTEB_CACHE`` (unless already
    set) keeps that folder inside the course cache. Nothing happens when this module is imported.
    """
    os.environ.setdefault("MTEB_CACHE", str(cache_dir() / "mteb"))
    import mteb
    from mteb.abstasks import AbsTaskClassification, AbsTaskRetrieval, AbsTaskSTS
    from mteb.abstasks.task_metadata import TaskMetadata

    def _metadata(name: str, task_type: str, main_score: str, description: str) -> TaskMetadata:
        if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
            raise ValueError(f"task name {name!r}: use letters, digits, '-', '_' or '.' (it names the result).")
        return TaskMetadata(
            name=name,
            description=description,
            dataset=LOCAL_DATASET,
            type=task_type,
            category="t2t",
            modalities=["text"],
            eval_splits=["test"],
            eval_langs=["eng-Latn"],
            main_score=main_score,
        )

    class LocalSTSTask(AbsTaskSTS):
        """An MTEB STS task over local scored pairs; main score: Spearman of cosine similarities."""

        def __init__(self, dataset: Dataset, name: str, min_score: float, max_score: float) -> None:
            self.metadata = _metadata(name, "STS", "cosine_spearman", "Local scored sentence pairs.")
            self.min_score, self.max_score = min_score, max_score
            super().__init__()
            self.dataset = DatasetDict({"test": dataset})
            self.data_loaded = True

    class LocalRetrievalTask(AbsTaskRetrieval):
        """An MTEB retrieval task over a local corpus, queries and relevance judgements; main score: nDCG@10."""

        def __init__(
            self, corpus: Dataset, queries: Dataset, relevant_docs: dict[str, dict[str, int]], name: str
        ) -> None:
            self.metadata = _metadata(name, "Retrieval", "ndcg_at_10", "Local queries against a local corpus.")
            super().__init__()
            split = {"corpus": corpus, "queries": queries, "relevant_docs": relevant_docs, "top_ranked": None}
            self.dataset = {"default": {"test": split}}
            self.data_loaded = True

    class LocalClassificationTask(AbsTaskClassification):
        """An MTEB classification task: logistic regression on embeddings; main score: accuracy."""

        def __init__(
            self, train: Dataset, test: Dataset, name: str, samples_per_label: int, n_experiments: int
        ) -> None:
            self.metadata = _metadata(name, "Classification", "accuracy", "Local labelled texts.")
            self.samples_per_label, self.n_experiments = samples_per_label, n_experiments
            super().__init__()
            self.dataset = DatasetDict({"train": train, "test": test})
            self.data_loaded = True

    return SimpleNamespace(
        mteb=mteb, sts=LocalSTSTask, retrieval=LocalRetrievalTask, classification=LocalClassificationTask
    )


def local_sts_task(dataset: Dataset, name: str, score_range: tuple[float, float] = (0.0, 1.0)) -> mteb.AbsTask:
    """Wrap scored sentence pairs (any :func:`course_utils.load_sts` dataset) as an MTEB STS task.

    Args:
        dataset: columns sentence1, sentence2, score.
        name: the task's name in the results.
        score_range: the lowest and highest possible score (``load_sts`` scales to [0, 1]);
            MTEB rescales with it, which changes no correlation.

    Example:
        >>> task = local_sts_task(load_sts("stsb", split="test"), "STSBenchmarkLocal")  # doctest: +SKIP
    """
    require_sts_columns(dataset)
    if len(dataset) < 2:
        raise ValueError("an STS task needs at least 2 scored pairs (a correlation of one pair is undefined).")
    low, high = score_range
    if not high > low:
        raise ValueError(f"score_range={score_range}: the highest score must exceed the lowest.")
    return _mteb().sts(dataset.select_columns(list(REQUIRED_COLUMNS)), name, low, high)


def local_retrieval_task(
    queries: Mapping[str, str],
    corpus: Mapping[str, str],
    relevant: Mapping[str, Sequence[str] | str],
    name: str,
    titles: Mapping[str, str] | None = None,
) -> mteb.AbsTask:
    """Build an MTEB retrieval task from plain dictionaries.

    Args:
        queries: query id -> query text.
        corpus: document id -> document text.
        relevant: query id -> the id (or ids) of its relevant documents (relevance 1).
        name: the task's name in the results.
        titles: optional document id -> title (MTEB prepends it to the text).

    Example:
        >>> task = local_retrieval_task({"q1": "reset password"}, {"d1": "How to reset..."}, {"q1": "d1"}, "Toy")
    """
    if not queries or not corpus:
        raise ValueError("a retrieval task needs at least one query and one document.")
    relevant_docs: dict[str, dict[str, int]] = {}
    for query_id, doc_ids in relevant.items():
        doc_ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        if query_id not in queries:
            raise ValueError(f"relevance judgement for unknown query id {query_id!r}.")
        unknown = [d for d in doc_ids if d not in corpus]
        if unknown:
            raise ValueError(f"query {query_id!r} points to documents not in the corpus: {unknown}.")
        relevant_docs[str(query_id)] = {str(d): 1 for d in doc_ids}
    without = [q for q in queries if q not in relevant_docs]
    if without:
        raise ValueError(f"{len(without)} queries have no relevant document (e.g. {without[0]!r}); drop them.")
    doc_ids = [str(d) for d in corpus]
    corpus_columns = {"id": doc_ids, "text": [corpus[d] for d in corpus]}
    if titles is not None:
        corpus_columns["title"] = [titles.get(d, "") for d in corpus]
    query_ds = Dataset.from_dict({"id": [str(q) for q in queries], "text": list(queries.values())})
    return _mteb().retrieval(Dataset.from_dict(corpus_columns), query_ds, relevant_docs, name)


def local_classification_task(
    train: tuple[Sequence[str], Sequence[str]],
    test: tuple[Sequence[str], Sequence[str]],
    name: str,
    samples_per_label: int = 8,
    n_experiments: int = 10,
) -> mteb.AbsTask:
    """Build an MTEB classification task: a logistic regression on the embeddings predicts labels.

    As in MTEB, each of ``n_experiments`` runs trains on ``samples_per_label`` random
    training texts per label and scores accuracy on the whole test set; the main score is
    the mean accuracy.

    Args:
        train: (texts, labels) to train the classifier on.
        test: (texts, labels) to score it on.
        name: the task's name in the results.
        samples_per_label: training texts per label in each experiment.
        n_experiments: experiments to average.

    Example:
        >>> task = local_classification_task((["hi", "bye"], ["a", "b"]), (["hello"], ["a"]), "Toy")
    """
    label_names = sorted({str(label) for label in [*train[1], *test[1]]})
    splits = {}
    for split, (texts, labels) in {"train": train, "test": test}.items():
        if len(texts) != len(labels) or not texts:
            raise ValueError(f"{split}: need as many labels as texts, at least one ({len(texts)} vs {len(labels)}).")
        ids = [label_names.index(str(label)) for label in labels]
        splits[split] = Dataset.from_dict({"text": list(texts), "label": ids})
    unseen = {str(label) for label in test[1]} - {str(label) for label in train[1]}
    if unseen:
        raise ValueError(f"labels in test but never in train: {sorted(unseen)}.")
    return _mteb().classification(splits["train"], splits["test"], name, samples_per_label, n_experiments)


def run_mteb(model: SentenceTransformer, tasks: Sequence, batch_size: int = 64) -> dict[str, float]:
    """Evaluate ``model`` on MTEB tasks, offline, without a result cache; return {task name: main score}.

    Works with the local tasks of this module and with official ones from ``mteb.get_tasks``
    (those download their data, so they need the network).

    Example:
        >>> run_mteb(load_model(), [local_sts_task(load_sts("stsb"), "STSb")])  # doctest: +SKIP
        {'STSb': 0.8203...}
    """
    logging.getLogger("mteb").setLevel(logging.ERROR)  # MTEB logs each phase at WARNING in notebooks
    result = _mteb().mteb.evaluate(
        model,
        list(tasks),
        cache=None,  # no reading or writing of ~/.cache/mteb: every call really runs
        overwrite_strategy="always",
        encode_kwargs={"batch_size": batch_size, "show_progress_bar": False},
        show_progress_bar=False,
        co2_tracker=False,
    )
    return {task_result.task_name: float(task_result.get_score()) for task_result in result.task_results}
