"""Reference solutions for notebook 06."""

import torch


def mask_for_mlm(input_ids: torch.Tensor, positions: torch.Tensor, mask_id: int):
    inputs = input_ids.clone()
    inputs[positions] = mask_id
    labels = torch.full_like(input_ids, -100)
    labels[positions] = input_ids[positions]
    return inputs, labels


def mlm_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    chosen = labels != -100  # (batch, seq_len)
    return torch.nn.functional.cross_entropy(logits[chosen], labels[chosen])  # logits[chosen]: (n_chosen, vocab)


def jaccard(s1: str, s2: str) -> float:
    a = {w.strip(".,;:!?\"'()") for w in s1.lower().split()} - {""}
    b = {w.strip(".,;:!?\"'()") for w in s2.lower().split()} - {""}
    return len(a & b) / len(a | b) if a | b else 0.0


def overlap_spearman() -> float:
    from scipy.stats import spearmanr

    from course_utils import load_sts

    sts_test = load_sts("stsb", split="test")
    overlap = [jaccard(a, b) for a, b in zip(sts_test["sentence1"], sts_test["sentence2"], strict=True)]
    return float(spearmanr(overlap, sts_test["score"]).statistic)


SOLUTIONS = {"06.1": mask_for_mlm, "06.2": mlm_loss, "06.3": (jaccard, overlap_spearman())}


# Known-wrong answers, the likely mistakes: the checkers must reject each (tests/test_exercises.py).
def _mask_with_labels_everywhere(input_ids: torch.Tensor, positions: torch.Tensor, mask_id: int):
    inputs = input_ids.clone()
    inputs[positions] = mask_id
    return inputs, input_ids.clone()  # every position is scored, not only the masked ones


def _mlm_loss_scoring_every_position(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), labels.clamp(min=0).flatten())  # -100 read as id 0


def _jaccard_case_sensitive(s1: str, s2: str) -> float:
    a, b = set(s1.split()), set(s2.split())
    return len(a & b) / len(a | b) if a | b else 0.0


WRONG_ANSWERS = {
    "06.1": _mask_with_labels_everywhere,
    "06.2": _mlm_loss_scoring_every_position,
    "06.3": (_jaccard_case_sensitive, SOLUTIONS["06.3"][1]),
}
