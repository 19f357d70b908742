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
