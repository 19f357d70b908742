"""Reference solutions for notebook 08a."""


def mrr_at_10(ranked_ids, relevant_id):
    top = list(ranked_ids[:10])
    return 1 / (top.index(relevant_id) + 1) if relevant_id in top else 0.0


SOLUTIONS = {"08a.1": mrr_at_10}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _mrr_off_by_one(ranked_ids, relevant_id):
    top = list(ranked_ids[:10])
    return 1 / top.index(relevant_id) if relevant_id in top and top.index(relevant_id) else 0.0


WRONG_ANSWERS = {"08a.1": [_mrr_off_by_one]}
