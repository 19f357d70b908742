"""Reference solutions for notebook 07."""

import torch


def mnrl_loss(
    anchors: torch.Tensor, positives: torch.Tensor, negatives: torch.Tensor | None = None, scale: float = 20.0
) -> torch.Tensor:
    candidates = positives if negatives is None else torch.cat([positives, negatives])  # (batch or 2 batch, dim)
    a = torch.nn.functional.normalize(anchors, dim=-1)  # (batch, dim)
    c = torch.nn.functional.normalize(candidates, dim=-1)
    scores = scale * a @ c.T  # row i scores anchor i against every candidate; its positive is column i
    return torch.nn.functional.cross_entropy(scores, torch.arange(len(anchors)))


def cosent_loss(cos_scores: torch.Tensor, labels: torch.Tensor, scale: float = 20.0) -> torch.Tensor:
    diff = scale * (cos_scores[None, :] - cos_scores[:, None])  # (n, n): scale * (cos_j - cos_i)
    keep = labels[:, None] > labels[None, :]  # (n, n): pair i should be more similar than pair j
    return torch.logsumexp(torch.cat([torch.zeros(1), diff[keep]]), dim=0)


def hardest_negative(anchor: torch.Tensor, candidates: torch.Tensor, positive_index: int) -> int:
    sims = torch.nn.functional.normalize(candidates, dim=-1) @ torch.nn.functional.normalize(anchor, dim=-1)  # (n,)
    sims[positive_index] = -float("inf")
    return int(sims.argmax())


SOLUTIONS = {"07.1": mnrl_loss, "07.2": cosent_loss, "07.3": hardest_negative}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _mnrl_without_scale(
    anchors: torch.Tensor, positives: torch.Tensor, negatives: torch.Tensor | None = None, scale: float = 20.0
) -> torch.Tensor:
    candidates = positives if negatives is None else torch.cat([positives, negatives])
    a = torch.nn.functional.normalize(anchors, dim=-1)
    c = torch.nn.functional.normalize(candidates, dim=-1)
    return torch.nn.functional.cross_entropy(a @ c.T, torch.arange(len(anchors)))  # scale forgotten


def _cosent_pairs_reversed(cos_scores: torch.Tensor, labels: torch.Tensor, scale: float = 20.0) -> torch.Tensor:
    diff = scale * (cos_scores[None, :] - cos_scores[:, None])
    keep = labels[:, None] < labels[None, :]  # rewards ranking the less similar pair higher
    return torch.logsumexp(torch.cat([torch.zeros(1), diff[keep]]), dim=0)


def _hardest_negative_keeps_the_positive(anchor: torch.Tensor, candidates: torch.Tensor, positive_index: int) -> int:
    sims = torch.nn.functional.normalize(candidates, dim=-1) @ torch.nn.functional.normalize(anchor, dim=-1)
    return int(sims.argmax())  # usually the positive itself


WRONG_ANSWERS = {
    "07.1": _mnrl_without_scale,
    "07.2": _cosent_pairs_reversed,
    "07.3": _hardest_negative_keeps_the_positive,
}
