"""Reference solutions for notebook 08c."""

import math

import numpy as np


def silver_threshold(margins, correct):
    margins, correct = np.asarray(margins, dtype=float), np.asarray(correct, dtype=bool)
    best_t, best_net = math.inf, 0  # keep nothing unless a threshold keeps more right labels than wrong ones
    for t in np.unique(margins):  # smallest first: a larger t must gain strictly more to replace it
        kept = correct[margins >= t]
        net = kept.sum() - (~kept).sum()
        if net > best_net:
            best_t, best_net = float(t), net
    return best_t


SOLUTIONS = {"08c.1": silver_threshold}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py; the messages
# they get are in tests/test_exercises_0810.py).
def _nets(margins, correct, keep=np.greater_equal):
    """(t, right minus wrong labels kept) for each distinct margin t, smallest first; keep(margins, t) says which."""
    margins, correct = np.asarray(margins, dtype=float), np.asarray(correct, dtype=bool)
    for t in np.unique(margins):
        kept = correct[keep(margins, t)]
        yield float(t), kept.sum() - (~kept).sum()


def _smallest_best(nets):
    t, net = max(nets, key=lambda t_net: (t_net[1], -t_net[0]))
    return t if net > 0 else math.inf


def _threshold_strictly_above(margins, correct):  # keeps margins > t: a label at the threshold is dropped
    return _smallest_best(_nets(margins, correct, keep=np.greater))


def _threshold_largest_of_ties(margins, correct):  # of equally good thresholds, the largest (less silver)
    t, net = max(_nets(margins, correct), key=lambda t_net: (t_net[1], t_net[0]))
    return t if net > 0 else math.inf


def _threshold_best_precision(margins, correct):  # maximises the share of right labels kept, not right minus wrong
    margins, correct = np.asarray(margins, dtype=float), np.asarray(correct, dtype=bool)
    t, share = max(((float(t), correct[margins >= t].mean()) for t in np.unique(margins)), key=lambda t_s: t_s[1])
    return t if share > 0.5 else math.inf


def _threshold_max_margin_without_gain(margins, correct):  # a finite t (the largest margin) when nothing gains
    t = silver_threshold(margins, correct)
    return float(np.max(margins)) if math.isinf(t) else t


def _threshold_of_0_1_as_given(margins, correct):  # ~ of 0/1 ints is -1/-2, not "not"
    margins, correct = np.asarray(margins, dtype=float), np.asarray(correct)
    return _smallest_best((float(t), correct[margins >= t].sum() - (~correct[margins >= t]).sum()) for t in margins)


def _threshold_sorting_in_place(margins, correct):  # reorders the caller's arrays
    order = np.argsort(margins)
    margins[:], correct[:] = margins[order], correct[order]
    return silver_threshold(margins, correct)


WRONG_ANSWERS = {
    "08c.1": [
        _threshold_strictly_above,
        _threshold_largest_of_ties,
        _threshold_best_precision,
        _threshold_max_margin_without_gain,
        _threshold_of_0_1_as_given,
        _threshold_sorting_in_place,
    ],
}
