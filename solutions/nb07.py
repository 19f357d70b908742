"""Reference solutions for notebook 07."""

import torch


def mnrl_loss(anchors: torch.Tensor, positives: torch.Tensor, scale: float = 20.0) -> torch.Tensor:
    a = torch.nn.functional.normalize(anchors, dim=-1)  # (batch, dim)
    p = torch.nn.functional.normalize(positives, dim=-1)  # (batch, dim)
    scores = scale * a @ p.T  # (batch, batch): row i scores anchor i against every positive
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
def _mnrl_without_scale(anchors: torch.Tensor, positives: torch.Tensor, scale: float = 20.0) -> torch.Tensor:
    a = torch.nn.functional.normalize(anchors, dim=-1)
    p = torch.nn.functional.normalize(positives, dim=-1)
    return torch.nn.functional.cross_entropy(a @ p.T, torch.arange(len(anchors)))  # scale forgotten


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
