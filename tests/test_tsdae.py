"""Tests of course_utils.tsdae: deletion noise, CLS encoder copy, tied decoder, a few TSDAE steps."""

from __future__ import annotations

import random

import pytest
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.losses import DenoisingAutoEncoderLoss
from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
from transformers import AutoModel, AutoTokenizer, BertModel

from course_utils.models import model_path
from course_utils.tsdae import (
    cls_encoder,
    delete_words,
    greedy_reconstruction,
    load_tsdae_model,
    noisy_pairs,
    tied_parameter_report,
    train_tsdae,
    train_tsdae_loss,
    tsdae_config,
)
from tests.tiny import tiny_bert_config

SENTENCES = [
    "the printer on the third floor does not print colour pages",
    "I cannot log in since the password reset this morning",
    "how do I export the monthly report as a spreadsheet",
    "the mobile app crashes when I open a shared board",
    "please add two more seats to our team plan",
    "my invoice shows the wrong billing address",
]


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def tiny_model(tmp_path) -> SentenceTransformer:
    """A 2-layer, 32-d BERT with MiniLM's tokenizer (random weights): fast to build and train."""
    path = tmp_path / "tiny-bert"
    tokenizer = AutoTokenizer.from_pretrained(str(model_path()))
    torch.manual_seed(0)
    BertModel(tiny_bert_config(len(tokenizer), 64)).save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    transformer = Transformer(str(path), max_seq_length=32)
    return SentenceTransformer(modules=[transformer, Pooling(32, pooling_mode="mean")], device="cpu")


def is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def test_delete_words_keeps_order_and_deletes_about_60_percent():
    rng = random.Random(0)
    words = [f"w{i}" for i in range(20)]
    kept_total = 0
    for _ in range(500):
        noisy = delete_words(" ".join(words), 0.6, rng).split()
        assert is_subsequence(noisy, words)
        kept_total += len(noisy)
    assert kept_total / (500 * 20) == pytest.approx(0.4, abs=0.02)


def test_delete_words_edge_cases():
    assert delete_words("", rng=random.Random(0)) == ""
    assert delete_words("   ", rng=random.Random(0)) == "   "
    assert delete_words("alone", 0.99, random.Random(1)) == "alone"  # at least one word stays
    assert delete_words("a b c", 0.0, random.Random(0)) == "a b c"
    one = delete_words("x y z w", 0.9999, random.Random(3))
    assert len(one.split()) == 1 and one in ["x", "y", "z", "w"]
    for bad in (-0.1, 1.0, 1.5):
        with pytest.raises(ValueError, match="del_ratio"):
            delete_words("a b", bad)


def test_delete_words_is_reproducible():
    text = "the printer in room 4 does not print"
    assert delete_words(text, rng=random.Random(7)) == delete_words(text, rng=random.Random(7))
    assert delete_words(text, rng=random.Random(0)) == "the printer not"  # the docstring example


def test_noisy_pairs_columns_and_content():
    pairs = noisy_pairs([*SENTENCES, "", "  "], seed=1)
    assert pairs.column_names == ["noisy", "text"]
    assert pairs["text"] == SENTENCES  # empty sentences dropped, order kept
    for noisy, text in zip(pairs["noisy"], pairs["text"], strict=True):
        assert is_subsequence(noisy.split(), text.split()) and len(noisy.split()) <= len(text.split())
    assert noisy_pairs(SENTENCES, seed=1)["noisy"] == pairs["noisy"]
    with pytest.raises(ValueError, match="non-empty"):
        noisy_pairs(["", " "])


def test_cls_encoder_returns_the_first_token_vector(tiny_model, tmp_cache):
    model = cls_encoder(tiny_model, "tiny")
    assert model[1].pooling_mode == "cls"
    source = tmp_cache / "work" / "tsdae-start-tiny"
    reference = AutoModel.from_pretrained(str(source)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    batch = tokenizer(SENTENCES[:2], padding=True, return_tensors="pt")
    with torch.no_grad():
        expected = reference(**batch).last_hidden_state[:, 0]  # (2, 32)
    got = model.encode(SENTENCES[:2], convert_to_tensor=True)  # (2, 32)
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-4)
    before = tiny_model.encode(SENTENCES[:1])
    with torch.no_grad():
        next(model.parameters()).add_(1.0)  # changing the copy leaves the original alone
    assert (tiny_model.encode(SENTENCES[:1]) == before).all()


def test_tied_decoder_shares_encoder_weights(tiny_model, tmp_cache):
    model = cls_encoder(tiny_model, "tiny")
    before = model.encode(SENTENCES)
    loss = DenoisingAutoEncoderLoss(model, tie_encoder_decoder=True)
    report = tied_parameter_report(loss)
    n_encoder = len(list(model.transformers_model.parameters()))
    assert report["shared"] + report["encoder_only"] == n_encoder
    assert report["encoder_only"] == 2  # the pooler, which the decoder has not
    assert report["decoder_only_cross_attention"] == 2 * 10  # 10 tensors per layer, 2 layers
    assert report["lm_head_tied_to_word_embeddings"] == 1
    # tying must not change what the encoder computes (its weights came from the same directory)
    assert torch.allclose(torch.tensor(model.encode(SENTENCES)), torch.tensor(before), atol=1e-6)


def test_train_tsdae_few_steps_changes_the_encoder(tiny_model, tmp_cache):
    model = cls_encoder(tiny_model, "tiny")
    before = model.encode(SENTENCES)
    trained = train_tsdae(model, SENTENCES, max_steps=3, batch_size=2, learning_rate=1e-3)
    assert trained is model
    after = model.encode(SENTENCES)
    assert after.shape == before.shape == (len(SENTENCES), 32)
    assert not torch.allclose(torch.tensor(after), torch.tensor(before))
    with pytest.raises(ValueError, match="max_steps"):
        train_tsdae(model, SENTENCES, max_steps=0)


def test_load_tsdae_model_rejects_unknown_names(tmp_cache):
    with pytest.raises(ValueError, match="start"):
        load_tsdae_model("bert-large", "support")
    with pytest.raises(ValueError, match="corpus"):
        load_tsdae_model("minilm", "wikipedia")


def test_tsdae_cache_name_follows_the_starting_model(tmp_path, monkeypatch):
    from course_utils.encoder import PINNED_VOCAB

    before = tsdae_config("scratch", "support", max_steps=10)
    assert tsdae_config("minilm", "support", max_steps=10)["start_model"] == "all-MiniLM-L6-v2"
    changed = tmp_path / "vocab.txt"
    changed.write_text(PINNED_VOCAB.read_text(encoding="utf-8") + "newpiece\n", encoding="utf-8")
    monkeypatch.setattr("course_utils.encoder.PINNED_VOCAB", changed)
    assert tsdae_config("scratch", "support", max_steps=10) != before  # a new scratch encoder, a new TSDAE model


def test_minilm_decoder_is_tied_as_the_lesson_says(tmp_cache):
    """The maintainer's check after an upgrade: the tied decoder of all-MiniLM-L6-v2 (notebook 09, section 2)."""
    model = cls_encoder(SentenceTransformer(str(model_path()), device="cpu"), "minilm")
    before = model.encode(SENTENCES[:2], convert_to_tensor=True)
    loss = DenoisingAutoEncoderLoss(model, tie_encoder_decoder=True)
    report = tied_parameter_report(loss)
    n_layers = model.transformers_model.config.num_hidden_layers
    assert type(loss.decoder).__name__ == "BertLMHeadModel"
    assert report["encoder_only"] == 2  # only the pooler (unused by CLS pooling) stays the encoder's own
    assert report["decoder_only_cross_attention"] == 10 * n_layers  # query/key/value/output + LayerNorm, per layer
    assert report["lm_head_tied_to_word_embeddings"] == 1
    assert (model.encode(SENTENCES[:2], convert_to_tensor=True) - before).abs().max() < 1e-5  # tying changed nothing


def test_train_tsdae_loss_returns_a_curve_and_decoding_follows_training(tiny_model, tmp_cache):
    model = cls_encoder(tiny_model, "tiny")
    torch.manual_seed(0)
    loss = DenoisingAutoEncoderLoss(model, tie_encoder_decoder=True)
    untrained = greedy_reconstruction(loss, SENTENCES[:2], max_tokens=5)
    assert len(untrained) == 2 and all(isinstance(text, str) for text in untrained)
    curve = train_tsdae_loss(loss, SENTENCES, max_steps=40, batch_size=6, learning_rate=3e-3, logging_steps=10)
    assert [step for step, _ in curve] == [10, 20, 30, 40]
    assert curve[-1][1] < curve[0][1]  # overfitting six sentences: the loss must fall
    text = greedy_reconstruction(loss, [SENTENCES[0]], max_tokens=12)[0]
    assert set(text.split()) & set(SENTENCES[0].split())  # it writes words of the sentence it learnt
    with pytest.raises(ValueError, match="max_steps"):
        train_tsdae_loss(loss, SENTENCES, max_steps=0)
