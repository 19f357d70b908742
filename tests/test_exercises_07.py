"""Exercise 07.1 (MNRL with hard negatives): its reference against sentence-transformers, and a wrong answer."""

from __future__ import annotations

import torch
from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

from course_utils.exercises import evaluate
from course_utils.exercises.nb07 import reference_mnrl
from solutions import nb07


def test_reference_mnrl_matches_sentence_transformers():
    generator = torch.Generator().manual_seed(1)
    anchors, positives, negatives = (torch.randn(6, 10, generator=generator) for _ in range(3))
    loss = MultipleNegativesRankingLoss(model=None)  # only compute_loss_from_embeddings is used
    for columns in ([anchors, positives], [anchors, positives, negatives]):
        expected = loss.compute_loss_from_embeddings(columns, labels=None).item()
        assert abs(reference_mnrl(*columns) - expected) <= 1e-5


def test_the_solution_passes_and_ignoring_the_negatives_fails():
    assert evaluate("07.1", nb07.mnrl_loss)[0]
    solved, message = evaluate("07.1", lambda anchors, positives, negatives=None: nb07.mnrl_loss(anchors, positives))
    assert not solved and "with hard negatives" in message
