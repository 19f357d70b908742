"""course_utils.tokenization: matched tokenizer/model pairs, safe tokenizing, pooled embeddings."""

from __future__ import annotations

import pytest
import torch
from tokenizers import BertWordPieceTokenizer
from transformers import AutoModel, AutoTokenizer, BertConfig, BertModel, BertTokenizerFast

from course_utils import cls_pool, max_pool, mean_pool, model_path
from course_utils.pooling import pooled_embeddings
from course_utils.tokenization import check_tokenizer_matches_model, tokenize

SENTENCES = ["The cat sleeps on the mat.", "A rocket launched into the sky.", "Dogs bark.", ""]


@pytest.fixture(scope="module")
def minilm_pair():
    path = model_path()
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


@pytest.fixture(scope="module")
def other_vocab_tokenizer(tmp_path_factory):
    """A tiny WordPiece tokenizer trained on a few sentences: ids in range, but a different vocabulary."""
    trainer = BertWordPieceTokenizer(lowercase=True)
    trainer.train_from_iterator(
        SENTENCES * 5 + ["the quick brown fox jumps over the lazy dog"] * 5,
        vocab_size=200,
        min_frequency=1,
        special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
        show_progress=False,
    )
    folder = tmp_path_factory.mktemp("tiny_wordpiece")
    trainer.save_model(str(folder))
    return BertTokenizerFast.from_pretrained(str(folder))  # from vocab.txt


def test_matching_pair_passes(minilm_pair, minilm):
    tokenizer, model = minilm_pair
    check_tokenizer_matches_model(tokenizer, model)
    check_tokenizer_matches_model(minilm.tokenizer, minilm)  # a SentenceTransformer is unwrapped


def test_tokenizer_with_another_vocabulary_is_caught(minilm_pair, other_vocab_tokenizer):
    _, model = minilm_pair
    assert len(other_vocab_tokenizer) < model.get_input_embeddings().num_embeddings  # every id is in range
    assert other_vocab_tokenizer.pad_token_id == model.config.pad_token_id  # so only the vocabulary check can see it
    with pytest.raises(ValueError, match="vocabulary is not the one saved with the model") as err:
        check_tokenizer_matches_model(other_vocab_tokenizer, model)
    assert "AutoTokenizer.from_pretrained" in str(err.value)


def test_model_without_saved_vocabulary_needs_model_dir(minilm_pair, other_vocab_tokenizer):
    _, reference = minilm_pair
    model = BertModel(BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2))
    check_tokenizer_matches_model(other_vocab_tokenizer, model)  # nothing to compare the vocabulary with
    with pytest.raises(ValueError, match="vocabulary"):
        check_tokenizer_matches_model(other_vocab_tokenizer, model, model_dir=reference.name_or_path)


def test_added_tokens_without_resizing_are_caught(minilm_pair):
    tokenizer, model = minilm_pair
    grown = AutoTokenizer.from_pretrained(model_path())
    grown.add_tokens(["embeddingcourse"])
    with pytest.raises(ValueError, match="resize_token_embeddings"):
        check_tokenizer_matches_model(grown, model)
    with pytest.raises(IndexError):  # what the check prevents
        model(**tokenize(grown, ["embeddingcourse"]))
    assert len(tokenizer) == 30522  # the fixture's tokenizer is untouched


def test_special_and_padding_ids_are_checked(minilm_pair, other_vocab_tokenizer):
    tokenizer, _ = minilm_pair
    small = BertModel(BertConfig(vocab_size=300, hidden_size=32, num_hidden_layers=1, num_attention_heads=2))
    with pytest.raises(ValueError, match="30,522 tokens but the model's embedding matrix has only 300 rows"):
        check_tokenizer_matches_model(tokenizer, small)
    padded_elsewhere = BertModel(
        BertConfig(vocab_size=300, pad_token_id=5, hidden_size=32, num_hidden_layers=1, num_attention_heads=2)
    )
    with pytest.raises(ValueError, match="pad_token_id=5"):
        check_tokenizer_matches_model(other_vocab_tokenizer, padded_elsewhere)


def test_tokenize_pads_and_truncates(minilm_pair):
    tokenizer, _ = minilm_pair
    batch = tokenize(tokenizer, ["word " * 1000, "short"], max_length=16)
    assert batch["input_ids"].shape == (2, 16)
    assert batch["input_ids"][0, -1].item() == tokenizer.sep_token_id  # truncated, still closed by [SEP]
    assert batch["attention_mask"][1].tolist() == [1, 1, 1] + [0] * 13
    assert tokenize(tokenizer, ["word " * 1000])["input_ids"].shape == (1, 512)  # model_max_length by default
    assert tokenize(tokenizer, ["x"], max_length=10_000)["input_ids"].shape[1] <= 512


def test_tokenize_without_model_max_length(other_vocab_tokenizer):
    assert other_vocab_tokenizer.model_max_length > 1e6  # a tokenizer saved without a limit
    assert tokenize(other_vocab_tokenizer, ["word " * 600])["input_ids"].shape[1] > 600  # nothing cut
    assert tokenize(other_vocab_tokenizer, ["word " * 600], max_length=8)["input_ids"].shape == (1, 8)


def test_tokenize_empty_inputs(minilm_pair):
    tokenizer, _ = minilm_pair
    empty = tokenize(tokenizer, [""])
    assert empty["input_ids"].tolist() == [[tokenizer.cls_token_id, tokenizer.sep_token_id]]
    with pytest.raises(ValueError, match="empty"):
        tokenize(tokenizer, [])
    with pytest.raises(ValueError, match="list of texts"):
        tokenize(tokenizer, "a cat")
    with pytest.raises(ValueError, match="str"):
        tokenize(tokenizer, ["a cat", None])


def test_pooled_embeddings_match_sentence_transformers(minilm_pair, minilm):
    tokenizer, model = minilm_pair
    texts = ["A much longer sentence about a cat that sleeps on a warm mat all afternoon.", "Dogs bark.", "A rocket."]
    pooled = pooled_embeddings(texts, tokenizer, model, {"mean": mean_pool, "cls": cls_pool, "max": max_pool}, 2)
    assert {name: tuple(v.shape) for name, v in pooled.items()} == {"mean": (3, 384), "cls": (3, 384), "max": (3, 384)}
    reference = minilm.encode(texts, convert_to_tensor=True)  # (3, 384), mean pooling then L2 normalisation
    assert torch.allclose(torch.nn.functional.normalize(pooled["mean"], dim=1), reference.cpu(), atol=1e-5)
    one_by_one = torch.stack([model(**tokenize(tokenizer, [t])).last_hidden_state[0, 0] for t in texts])  # (3, 384)
    assert torch.allclose(pooled["cls"], one_by_one.detach(), atol=1e-5)
    with pytest.raises(ValueError, match="empty"):
        pooled_embeddings([], tokenizer, model, {"mean": mean_pool})
