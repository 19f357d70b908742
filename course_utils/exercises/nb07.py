"""Checkers for notebook 07 (contrastive training)."""

from __future__ import annotations

import torch

from course_utils.exercises import exercise


def _normalize(x: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.normalize(x, dim=-1)


@exercise("07.1", "write mnrl_loss(anchors, positives, scale=20.0): in-batch negatives ranking loss.")
def check_mnrl_loss(mnrl_loss) -> None:
    generator = torch.Generator().manual_seed(0)
    for batch, dim in [(4, 8), (16, 32)]:
        anchors = torch.randn(batch, dim, generator=generator)
        positives = anchors + 0.5 * torch.randn(batch, dim, generator=generator)
        scores = 20.0 * _normalize(anchors) @ _normalize(positives).T  # (batch, batch)
        expected = torch.nn.functional.cross_entropy(scores, torch.arange(batch))
        got = mnrl_loss(anchors, positives)
        assert torch.is_tensor(got) and got.dim() == 0, "return a scalar tensor."
        assert torch.isclose(got, expected, atol=1e-4), (
            f"with a batch of {batch} you returned {got.item():.4f}, expected {expected.item():.4f}: the logits are "
            "scale * cosine(anchor i, positive j) for all i, j, and the right 'class' of anchor i is positive i."
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
