"""Checkers for notebook 06 (build an encoder from scratch)."""

from __future__ import annotations

import torch

from course_utils.exercises import exercise


@exercise("06.1", "write mask_for_mlm(input_ids, positions, mask_id) returning (inputs, labels) for MLM.")
def check_mask_for_mlm(mask_for_mlm) -> None:
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(5, 100, (3, 10), generator=generator)  # (batch, seq_len)
    positions = torch.rand(3, 10, generator=generator) < 0.3  # (batch, seq_len)
    original = input_ids.clone()
    inputs, labels = mask_for_mlm(input_ids, positions, 4)
    assert torch.equal(input_ids, original), "do not change input_ids in place: work on a copy (input_ids.clone())."
    assert inputs.shape == labels.shape == input_ids.shape, (
        f"inputs and labels must have the shape of input_ids {tuple(input_ids.shape)}, "
        f"got {tuple(inputs.shape)} and {tuple(labels.shape)}."
    )
    assert torch.equal(inputs[positions], torch.full_like(input_ids[positions], 4)), (
        "every chosen position of inputs must hold mask_id."
    )
    assert torch.equal(inputs[~positions], input_ids[~positions]), "positions not chosen must keep their ids."
    assert torch.equal(labels[positions], input_ids[positions]), "labels must hold the original ids where masked."
    assert (labels[~positions] == -100).all(), "labels must be -100 wherever nothing was masked."


@exercise("06.2", "write mlm_loss(logits, labels): mean cross-entropy over the positions whose label is not -100.")
def check_mlm_loss(mlm_loss) -> None:
    generator = torch.Generator().manual_seed(0)
    for batch, seq_len, vocab in [(2, 7, 11), (4, 16, 50)]:
        logits = torch.randn(batch, seq_len, vocab, generator=generator)
        labels = torch.randint(0, vocab, (batch, seq_len), generator=generator)
        labels[torch.rand(batch, seq_len, generator=generator) < 0.7] = -100
        labels[0, 0] = 3  # at least one labelled position
        expected = torch.nn.functional.cross_entropy(logits.view(-1, vocab), labels.view(-1), ignore_index=-100)
        got = mlm_loss(logits, labels)
        assert torch.is_tensor(got) and got.dim() == 0, "return a scalar tensor (so that .backward() works)."
        assert torch.isclose(got, expected, atol=1e-5), (
            f"for logits {tuple(logits.shape)} you returned {got.item():.4f}, expected {expected.item():.4f}: "
            "average the cross-entropy over the labelled positions only."
        )


_PUNCTUATION = ".,;:!?\"'()"


def _words(sentence: str) -> set[str]:
    return {w.strip(_PUNCTUATION) for w in sentence.lower().split()} - {""}


def reference_jaccard(s1: str, s2: str) -> float:
    """Word-overlap similarity: |shared words| / |words in either| (0.0 for two empty sentences)."""
    a, b = _words(s1), _words(s2)
    return len(a & b) / len(a | b) if a | b else 0.0


def reference_overlap_spearman() -> float:
    """Spearman correlation of reference_jaccard with the STS Benchmark test scores."""
    from scipy.stats import spearmanr

    from course_utils.data import load_sts

    sts_test = load_sts("stsb", split="test")
    overlap = [reference_jaccard(a, b) for a, b in zip(sts_test["sentence1"], sts_test["sentence2"], strict=True)]
    return float(spearmanr(overlap, sts_test["score"]).statistic)


@exercise(
    "06.3",
    "write jaccard(s1, s2) and overlap_spearman, its Spearman correlation with the STS test scores; "
    "check (jaccard, overlap_spearman).",
)
def check_jaccard(answer) -> None:
    if not isinstance(answer, tuple):
        answer = (answer, None)  # the function alone: check it, then say the Spearman is still to do
    assert len(answer) == 2, 'pass a pair: check("06.3", (jaccard, overlap_spearman)).'
    jaccard, overlap_spearman = answer
    cases = [
        ("A man is playing a guitar.", "A man plays the guitar!"),
        ("The cat sat.", "the CAT sat"),
        ("Dogs bark", "Stocks fell sharply"),
        ("(Hello), world", "hello world"),
        ("", ""),
    ]
    for s1, s2 in cases:
        expected, got = reference_jaccard(s1, s2), jaccard(s1, s2)
        assert got is not None and abs(got - expected) < 1e-9, (
            f"jaccard({s1!r}, {s2!r}) returned {got}, expected {expected:.4f}: lower-case, split on whitespace, "
            f"strip {_PUNCTUATION} from each word, count distinct words."
        )
    if overlap_spearman is None or overlap_spearman is Ellipsis:
        raise NotImplementedError  # jaccard is right; the Spearman is still to do
    expected = reference_overlap_spearman()
    assert abs(float(overlap_spearman) - expected) < 1e-4, (
        f"overlap_spearman is {float(overlap_spearman):.4f}: compute jaccard(sentence1, sentence2) for every pair of "
        "sts_test, then scipy.stats.spearmanr(those scores, sts_test['score']).statistic."
    )
