"""Reference solutions for notebook 08."""

import numpy as np


def mrr_at_10(ranked_ids, relevant_id):
    top = list(ranked_ids[:10])
    return 1 / (top.index(relevant_id) + 1) if relevant_id in top else 0.0


def cross_encoder_rows(triplets):
    rows = {"query": [], "article": [], "label": []}
    for row in triplets:
        for article, label in ((row["positive"], 1.0), (row["negative"], 0.0)):
            rows["query"].append(row["anchor"])
            rows["article"].append(article)
            rows["label"].append(label)
    return rows


def silver_pairs(queries, candidate_ids, probs, threshold=0.5):
    probs = np.asarray(probs)
    return [
        (q, ids[int(p.argmax())])
        for q, ids, p in zip(queries, candidate_ids, probs, strict=True)
        if p.max() >= threshold
    ]


SOLUTIONS = {"08.1": mrr_at_10, "08.2": cross_encoder_rows, "08.3": silver_pairs}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _mrr_off_by_one(ranked_ids, relevant_id):
    top = list(ranked_ids[:10])
    return 1 / top.index(relevant_id) if relevant_id in top and top.index(relevant_id) else 0.0


def _rows_without_negatives(triplets):
    return {"query": list(triplets["anchor"]), "article": list(triplets["positive"]), "label": [1.0] * len(triplets)}


def _silver_without_threshold(queries, candidate_ids, probs, threshold=0.5):
    return [(q, ids[int(np.argmax(p))]) for q, ids, p in zip(queries, candidate_ids, probs, strict=True)]


WRONG_ANSWERS = {
    "08.1": [_mrr_off_by_one],
    "08.2": [_rows_without_negatives],
    "08.3": [_silver_without_threshold],
}
