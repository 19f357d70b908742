"""Checkers for notebook 07 (contrastive training)."""

from __future__ import annotations

import math

import torch

from course_utils.exercises import exercise


def _normalize(x: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.normalize(x, dim=-1)


def reference_mnrl(anchors, positives, negatives=None, scale: float = 20.0) -> float:
    """MNRL one anchor at a time, in plain Python: -log softmax of the right candidate, averaged."""
    candidates = list(positives) + (list(negatives) if negatives is not None else [])
    total = 0.0
    for i, anchor in enumerate(anchors):
        logits = [scale * float(torch.nn.functional.cosine_similarity(anchor, c, dim=0)) for c in candidates]
        top = max(logits)
        log_sum = top + math.log(sum(math.exp(x - top) for x in logits))
        total += log_sum - logits[i]
    return total / len(anchors)


@exercise(
    "07.1",
    "write mnrl_loss(anchors, positives, negatives=None, scale=20.0): in-batch negatives, plus hard negatives.",
)
def check_mnrl_loss(mnrl_loss) -> None:
    generator = torch.Generator().manual_seed(0)
    for batch, dim, with_negatives in [(4, 8, False), (16, 32, False), (4, 8, True), (16, 32, True)]:
        anchors = torch.randn(batch, dim, generator=generator)
        positives = anchors + 0.5 * torch.randn(batch, dim, generator=generator)
        negatives = anchors + 0.8 * torch.randn(batch, dim, generator=generator) if with_negatives else None
        expected = reference_mnrl(anchors, positives, negatives)
        got = mnrl_loss(anchors, positives, negatives) if with_negatives else mnrl_loss(anchors, positives)
        assert torch.is_tensor(got) and got.dim() == 0, "return a scalar tensor."
        what = "with hard negatives" if with_negatives else "without negatives"
        assert abs(got.item() - expected) <= 1e-4, (
            f"with a batch of {batch} {what} you returned {got.item():.4f}, expected {expected:.4f}: the logits of "
            "anchor i are scale * cosine(anchor i, candidate j) for every positive j and every negative j, and its "
            "right 'class' is positive i."
        )
    same = torch.randn(8, 16, generator=generator)
    assert mnrl_loss(same, same * 3) < mnrl_loss(same, same.flip(0)), "matching pairs must give a lower loss."


def reference_cosent(cos_scores: torch.Tensor, labels: torch.Tensor, scale: float = 20.0) -> torch.Tensor:
    """CoSENT (Su, 2022): log(1 + sum over pairs (i, j) with label_i > label_j of exp(scale * (cos_j - cos_i)))."""
    diff = scale * (cos_scores[None, :] - cos_scores[:, None])  # diff[i, j] = scale * (cos_j - cos_i)
    keep = labels[:, None] > labels[None, :]  # pair (i, j) counts when i should be more similar than j
    terms = torch.cat([torch.zeros(1), diff[keep]])  # the 0 is the "1 +" inside the log
    return torch.logsumexp(terms, dim=0)


@exercise("07.2", "write cosent_loss(cos_scores, labels, scale=20.0): the CoSENT ranking loss on scored pairs.")
def check_cosent_loss(cosent_loss) -> None:
    generator = torch.Generator().manual_seed(0)
    for n in (3, 10):
        cos_scores = torch.rand(n, generator=generator) * 2 - 1
        labels = torch.rand(n, generator=generator)
        expected, got = reference_cosent(cos_scores, labels), cosent_loss(cos_scores, labels)
        assert torch.is_tensor(got) and got.dim() == 0, "return a scalar tensor."
        assert torch.isclose(got, expected, atol=1e-4), (
            f"for {n} pairs you returned {got.item():.4f}, expected {expected.item():.4f}: sum exp(scale * (cos_j - "
            "cos_i)) over the pairs where label_i > label_j, add 1, take the log (torch.logsumexp is stable)."
        )
    ordered = torch.tensor([0.9, 0.5, 0.1])
    assert cosent_loss(ordered, torch.tensor([1.0, 0.5, 0.0])) < cosent_loss(ordered, torch.tensor([0.0, 0.5, 1.0])), (
        "cosines in the same order as the labels must give a lower loss."
    )


@exercise("07.3", "write hardest_negative(anchor, candidates, positive_index): the closest candidate but the positive.")
def check_hardest_negative(hardest_negative) -> None:
    generator = torch.Generator().manual_seed(0)
    for _ in range(5):
        candidates = torch.randn(20, 8, generator=generator)
        positive_index = int(torch.randint(0, 20, (1,), generator=generator))
        anchor = candidates[positive_index] + 0.1 * torch.randn(8, generator=generator)
        sims = _normalize(candidates) @ _normalize(anchor)  # (20,)
        sims[positive_index] = -float("inf")
        expected = int(sims.argmax())
        got = hardest_negative(anchor, candidates, positive_index)
        assert got is not None and int(got) == expected, (
            f"you returned {got}, expected {expected}: rank the candidates by cosine similarity to the anchor and "
            "skip the positive (it is usually the most similar)."
        )
