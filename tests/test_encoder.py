"""Tests of course_utils.encoder on toy data (no real training: a few steps at most)."""

from __future__ import annotations

import pytest
import torch
from datasets import Dataset
from transformers import BertForMaskedLM

from course_utils import mean_pool
from course_utils.contrastive import CONTRASTIVE_CONFIG, contrastive_encoder_name, make_loss, positive_pairs
from course_utils.corpora import _split_sentences, load_corpus
from course_utils.encoder import (
    PINNED_VOCAB,
    SCRATCH_CONFIG,
    build_scratch_encoder,
    make_bert_config,
    masked_lm_loss,
    pack_blocks,
    pinned_wordpiece_tokenizer,
    pretrain_mlm,
    scratch_encoder_name,
    to_sentence_transformer,
    train_wordpiece_tokenizer,
)
from tests.tiny import tiny_bert_config

TOY = [
    "The cat sat on the mat.",
    "A dog sat on the rug.",
    "The cat chased the dog around the garden.",
    "Dogs and cats are common pets.",
    "A bird sang in the garden this morning.",
] * 20


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return train_wordpiece_tokenizer(TOY, tmp_path_factory.mktemp("tok"), vocab_size=120, min_frequency=1)


@pytest.fixture(scope="module")
def tiny_bert(tokenizer):
    torch.manual_seed(0)
    return BertForMaskedLM(tiny_bert_config(len(tokenizer), 16, pad_token_id=tokenizer.pad_token_id))


def test_split_sentences_keeps_long_sentences_only():
    text = "Paris is the capital of France. It is big! Is London the capital of England? Yes."
    assert _split_sentences(text) == ["Paris is the capital of France.", "Is London the capital of England?"]


def test_tokenizer_knows_its_training_words(tokenizer):
    assert len(tokenizer) <= 120
    tokens = tokenizer.tokenize("The cat chased the dog.")
    assert tokens == ["the", "cat", "chased", "the", "dog", "."]  # lower-cased, no [UNK]
    ids = tokenizer("the cat")["input_ids"]
    assert ids[0] == tokenizer.cls_token_id and ids[-1] == tokenizer.sep_token_id
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.mask_token == "[MASK]"


def test_tokenizer_is_saved_and_reloads(tokenizer, tmp_path):
    from transformers import AutoTokenizer

    saved = train_wordpiece_tokenizer(TOY, tmp_path, vocab_size=120, min_frequency=1)
    reloaded = AutoTokenizer.from_pretrained(str(tmp_path))
    assert reloaded("a bird sang")["input_ids"] == saved("a bird sang")["input_ids"]


def test_tokenizer_bad_input(tmp_path):
    with pytest.raises(ValueError, match="special tokens"):
        train_wordpiece_tokenizer(TOY, tmp_path, vocab_size=3)
    with pytest.raises(ValueError, match="no texts"):
        train_wordpiece_tokenizer([], tmp_path)


def test_pinned_vocabulary_is_what_the_trainer_makes(tmp_path):
    pinned = pinned_wordpiece_tokenizer(tmp_path / "pinned")
    assert len(pinned) == SCRATCH_CONFIG["vocab_size"]
    assert pinned.convert_ids_to_tokens(list(range(5))) == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert pinned.tokenize("A man is playing the guitar.") == ["a", "man", "is", "playing", "the", "guitar", "."]
    # A fresh training run on the same corpus gives the same pieces up to ties between equal counts.
    trained = train_wordpiece_tokenizer(load_corpus(), tmp_path / "trained", vocab_size=SCRATCH_CONFIG["vocab_size"])
    shared = set(pinned.get_vocab()) & set(trained.get_vocab())
    assert len(shared) / len(pinned) > 0.99


def test_scratch_encoder_name_follows_the_pinned_vocabulary(tmp_path, monkeypatch):
    before = scratch_encoder_name(SCRATCH_CONFIG)
    changed = tmp_path / "vocab.txt"
    changed.write_text(PINNED_VOCAB.read_text(encoding="utf-8") + "newpiece\n", encoding="utf-8")
    monkeypatch.setattr("course_utils.encoder.PINNED_VOCAB", changed)
    assert scratch_encoder_name(SCRATCH_CONFIG) != before


def test_build_scratch_encoder_rejects_another_vocabulary_size(tmp_path):
    with pytest.raises(ValueError, match="train_wordpiece_tokenizer"):
        build_scratch_encoder({**SCRATCH_CONFIG, "vocab_size": 4000}, workdir=tmp_path)


def test_pack_blocks_matches_a_naive_loop(tokenizer):
    blocks = pack_blocks(TOY[:10], tokenizer, max_length=8)
    stream = []
    for text in TOY[:10]:
        stream += tokenizer(text, add_special_tokens=False)["input_ids"]
    expected = [
        [tokenizer.cls_token_id, *stream[i : i + 6], tokenizer.sep_token_id] for i in range(0, len(stream) - 5, 6)
    ]
    assert blocks.tolist() == expected
    assert blocks.shape == (len(stream) // 6, 8)


def test_pack_blocks_bad_input(tokenizer):
    with pytest.raises(ValueError, match="fewer than one block"):
        pack_blocks(["cat"], tokenizer, max_length=16)
    with pytest.raises(ValueError, match="no room"):
        pack_blocks(TOY, tokenizer, max_length=2)


def test_masked_lm_loss_equals_the_full_loss(tokenizer, tiny_bert):
    tiny_bert.eval()
    input_ids = pack_blocks(TOY, tokenizer, max_length=12)[:4]  # (4, 12)
    labels = torch.full_like(input_ids, -100)
    labels[:, [2, 5, 7]] = input_ids[:, [2, 5, 7]]
    masked_input = input_ids.clone()
    masked_input[:, [2, 5, 7]] = tokenizer.mask_token_id
    with torch.no_grad():
        fast = masked_lm_loss(tiny_bert, masked_input, labels)
        reference = tiny_bert(input_ids=masked_input, labels=labels).loss  # transformers' own loss
    assert fast.item() == pytest.approx(reference.item(), rel=1e-5)


def test_pretrain_mlm_lowers_the_loss_and_is_reproducible(tokenizer, tiny_bert):
    blocks = pack_blocks(TOY, tokenizer, max_length=12)
    state = {k: v.clone() for k, v in tiny_bert.state_dict().items()}
    losses = pretrain_mlm(tiny_bert, tokenizer, blocks, steps=30, batch_size=8, learning_rate=3e-3, device="cpu")
    assert len(losses) == 30
    assert sum(losses[-5:]) / 5 < sum(losses[:5]) / 5 - 0.5
    assert not tiny_bert.training
    tiny_bert.load_state_dict(state)
    again = pretrain_mlm(tiny_bert, tokenizer, blocks, steps=30, batch_size=8, learning_rate=3e-3, device="cpu")
    assert again == pytest.approx(losses, rel=1e-4)


def test_pretrain_mlm_bad_input(tokenizer, tiny_bert):
    blocks = pack_blocks(TOY, tokenizer, max_length=12)
    with pytest.raises(ValueError, match="positive"):
        pretrain_mlm(tiny_bert, tokenizer, blocks, steps=0)
    with pytest.raises(ValueError, match="n_blocks >= batch_size"):
        pretrain_mlm(tiny_bert, tokenizer, blocks[:2], steps=1, batch_size=8)


def test_sentence_transformer_is_mean_pooled_bert(tokenizer, tiny_bert, tmp_path):
    tiny_bert.save_pretrained(str(tmp_path))
    tokenizer.save_pretrained(str(tmp_path))
    model = to_sentence_transformer(tmp_path, max_seq_length=16, device="cpu")
    sentences = ["the cat sat", "a bird sang in the garden this morning"]
    batch = tokenizer(sentences, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = tiny_bert.bert(**batch).last_hidden_state  # (2, seq_len, 32)
    expected = mean_pool(hidden, batch["attention_mask"])  # (2, 32)
    got = model.encode(sentences, convert_to_tensor=True)
    assert got.shape == (2, 32)
    assert torch.allclose(got, expected, atol=1e-5)


def test_make_bert_config_follows_the_config(tokenizer):
    config = make_bert_config(tokenizer)
    assert config.vocab_size == len(tokenizer)
    assert config.num_hidden_layers == SCRATCH_CONFIG["num_hidden_layers"]
    assert config.hidden_size == SCRATCH_CONFIG["hidden_size"]
    assert config.max_position_embeddings == SCRATCH_CONFIG["max_length"]


def test_positive_pairs_matches_a_loop():
    data = Dataset.from_dict({"sentence1": list("abcd"), "sentence2": list("ABCD"), "score": [0.9, 0.79, 0.8, 0.1]})
    pairs = positive_pairs(data)
    expected = [(a, b) for a, b, s in zip(data["sentence1"], data["sentence2"], data["score"], strict=True) if s >= 0.8]
    assert pairs.column_names == ["anchor", "positive"]
    assert list(zip(pairs["anchor"], pairs["positive"], strict=True)) == expected


def test_make_loss(tokenizer, tiny_bert, tmp_path):
    from sentence_transformers.sentence_transformer import losses

    tiny_bert.save_pretrained(str(tmp_path))
    tokenizer.save_pretrained(str(tmp_path))
    model = to_sentence_transformer(tmp_path, max_seq_length=16, device="cpu")
    assert isinstance(make_loss("cosine", model), losses.CosineSimilarityLoss)
    assert isinstance(make_loss("cosent", model), losses.CoSENTLoss)
    assert isinstance(make_loss("mnrl", model), losses.MultipleNegativesRankingLoss)
    with pytest.raises(ValueError, match="not known"):
        make_loss("softmax-ish", model)


def test_cache_names_follow_the_configs():
    assert scratch_encoder_name().startswith("scratch-encoder-")
    assert scratch_encoder_name({**SCRATCH_CONFIG, "steps": 1}) != scratch_encoder_name()
    assert contrastive_encoder_name().startswith("contrastive-encoder-")
    assert contrastive_encoder_name(base={**SCRATCH_CONFIG, "steps": 1}) != contrastive_encoder_name()
    assert contrastive_encoder_name({**CONTRASTIVE_CONFIG, "steps": 9}) != contrastive_encoder_name()


def test_corpus_has_train_but_not_test_sentences():
    from course_utils import load_sts

    corpus = load_corpus()
    assert len(corpus) == len(set(corpus)) > 30_000
    words = sum(len(s.split()) for s in corpus)
    assert 400_000 < words < 2_000_000
    sentences = set(corpus)
    train = load_sts("stsb", split="train")
    assert set(train["sentence1"]) <= sentences
    test = load_sts("stsb", split="test")
    unseen = set(test["sentence1"]) - set(train["sentence1"]) - set(train["sentence2"])
    assert not unseen & sentences
