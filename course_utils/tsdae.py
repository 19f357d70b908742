"""TSDAE: unsupervised sentence embeddings by denoising (Wang, Reimers & Gurevych, 2021).

The recipe: delete words from a sentence (the noise), encode the damaged sentence to one
vector, and train a decoder to write the original sentence back from that vector alone.
No labels are needed, only sentences of the target domain.

What this module gives:

- :func:`delete_words` and :func:`noisy_pairs`: the deletion noise of the paper (60 % of words),
  without nltk (which ``DenoisingAutoEncoderDataset`` needs and the course does not install).
- :func:`cls_encoder`: a fresh copy of a model's transformer with CLS pooling, as in the paper.
- :func:`tied_parameter_report`: what ``DenoisingAutoEncoderLoss`` shares between encoder and decoder.
- :func:`train_tsdae` and :func:`load_tsdae_model`: a short TSDAE run, cached in the course cache.
- :func:`train_tsdae_loss` and :func:`greedy_reconstruction`: train with a loss you keep, and read what
  its decoder writes back from a sentence embedding (notebook 09).

Example:
    >>> model = load_tsdae_model("minilm", "support")  # doctest: +SKIP
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import torch
from datasets import Dataset
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.losses import DenoisingAutoEncoderLoss
from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

from course_utils.config import by_profile, cache_dir
from course_utils.data import load_sts
from course_utils.models import load_model
from course_utils.seed import set_seed
from course_utils.support import SUPPORT_DATA_VERSION
from course_utils.training import fit, load_or_train, training_args


def delete_words(text: str, del_ratio: float = 0.6, rng: random.Random | None = None) -> str:
    """Delete each whitespace-separated word with probability ``del_ratio``; keep at least one.

    This is the noise the TSDAE paper found best (deletion, ratio 0.6). Words are split on
    whitespace, so punctuation stays attached to its word.

    Args:
        text: the original sentence.
        del_ratio: probability of deleting each word, in [0, 1).
        rng: a ``random.Random`` for reproducible noise (default: the module-level generator).

    Returns:
        The damaged sentence, words joined by single spaces (the text itself if it has no words).

    Example:
        >>> delete_words("the printer in room 4 does not print", rng=random.Random(0))
        'the printer not'
    """
    if not 0.0 <= del_ratio < 1.0:
        raise ValueError(f"del_ratio={del_ratio} must be in [0, 1): it is the probability of deleting a word.")
    rng = rng or random
    words = text.split()
    if not words:
        return text
    kept = [word for word in words if rng.random() >= del_ratio]
    if not kept:  # the paper keeps at least one word
        kept = [rng.choice(words)]
    return " ".join(kept)


def noisy_pairs(sentences: Sequence[str], del_ratio: float = 0.6, seed: int = 42) -> Dataset:
    """Return a Dataset of (noisy, text) pairs, the input ``DenoisingAutoEncoderLoss`` expects.

    The column order matters: the loss encodes the first column (damaged) and decodes the
    second (original).

    Example:
        >>> noisy_pairs(["a b c d e"], seed=0).column_names
        ['noisy', 'text']
    """
    texts = [s for s in sentences if s.strip()]
    if not texts:
        raise ValueError("noisy_pairs needs at least one non-empty sentence.")
    rng = random.Random(seed)
    return Dataset.from_dict({"noisy": [delete_words(t, del_ratio, rng) for t in texts], "text": texts})


def cls_encoder(
    model: SentenceTransformer | str,
    name: str,
    max_seq_length: int = 128,
    device: torch.device | str | None = None,
) -> SentenceTransformer:
    """Return a fresh copy of ``model``'s transformer with CLS pooling (the TSDAE setup).

    The model is saved to ``<course cache>/work/tsdae-start-<name>`` and the copy is read
    back from there. ``DenoisingAutoEncoderLoss`` builds its decoder from the directory
    the encoder was loaded from (``config._name_or_path``) and then *replaces* the encoder's
    weights by the decoder's, so that directory must hold exactly the weights in memory.
    Training the copy leaves ``model`` untouched. No Normalize layer: the decoder reads the
    raw vector.

    Args:
        model: a SentenceTransformer whose first module is a transformer, or a model name.
        name: a short name for the saved copy ("minilm", "scratch").
        max_seq_length: longest input in tokens (capped by the model's own limit).
        device: where the copy is placed (default: where ``model`` is).

    Example:
        >>> cls_encoder("all-MiniLM-L6-v2", "minilm")[1].pooling_mode
        'cls'
    """
    if isinstance(model, str):
        model = load_model(model)
    source = cache_dir() / "work" / f"tsdae-start-{name}"
    model.save(str(source))
    transformer = Transformer(str(source), max_seq_length=min(max_seq_length, model.max_seq_length))
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="cls")
    return SentenceTransformer(modules=[transformer, pooling], device=str(device or model.device))


def tied_parameter_report(loss: DenoisingAutoEncoderLoss) -> dict[str, int]:
    """Count the parameter tensors the TSDAE encoder and decoder share, and those they do not.

    After an upgrade of transformers or sentence-transformers, this is the check that the
    tying still works: ``shared`` must be every encoder tensor but the pooler, and the
    decoder's own tensors must be only the cross-attention blocks and the LM head.

    Returns:
        ``{"shared", "encoder_only", "decoder_only", "decoder_only_cross_attention",
        "lm_head_tied_to_word_embeddings"}`` (the last is 1 or 0).
    """
    encoder_ptrs = {p.data_ptr(): name for name, p in loss.encoder.transformers_model.named_parameters()}
    decoder_params = dict(loss.decoder.named_parameters(remove_duplicate=False))
    decoder_ptrs = {p.data_ptr() for p in decoder_params.values()}
    shared = [n for ptr, n in encoder_ptrs.items() if ptr in decoder_ptrs]
    decoder_only = [n for n, p in decoder_params.items() if p.data_ptr() not in encoder_ptrs]
    lm_head = loss.decoder.get_output_embeddings().weight
    word_embeddings = loss.encoder.transformers_model.get_input_embeddings().weight
    return {
        "shared": len(shared),
        "encoder_only": len(encoder_ptrs) - len(shared),
        "decoder_only": len(decoder_only),
        "decoder_only_cross_attention": sum("crossattention" in n for n in decoder_only),
        "lm_head_tied_to_word_embeddings": int(lm_head.data_ptr() == word_embeddings.data_ptr()),
    }


def train_tsdae(
    model: SentenceTransformer,
    sentences: Sequence[str],
    *,
    max_steps: int,
    batch_size: int = 8,
    learning_rate: float = 3e-5,
    seed: int = 42,
    run_name: str = "tsdae",
) -> SentenceTransformer:
    """Train ``model`` in place with TSDAE (deletion noise 0.6, tied decoder) and return it.

    Hyper-parameters follow the paper and the sentence-transformers example: batch size 8,
    constant learning rate 3e-5, no warm-up, no weight decay.

    Args:
        model: the encoder to train, best with CLS pooling (see :func:`cls_encoder`).
        sentences: unlabeled in-domain sentences.
        max_steps: optimisation steps (each reads ``batch_size`` sentences); the corpus is
            repeated when it is shorter.
        batch_size: sentences per step.
        learning_rate: constant learning rate.
        seed: seeds the noise, the shuffling and the new cross-attention weights.
        run_name: folder name for the trainer's output under the course cache.

    Example:
        >>> model = train_tsdae(cls_encoder("all-MiniLM-L6-v2"), sentences, max_steps=200)  # doctest: +SKIP
    """
    if max_steps < 1:
        raise ValueError(f"max_steps={max_steps} must be at least 1.")
    set_seed(seed)  # the decoder's new cross-attention weights are drawn here
    loss = DenoisingAutoEncoderLoss(model, tie_encoder_decoder=True)
    train_tsdae_loss(
        loss,
        sentences,
        max_steps=max_steps,
        batch_size=batch_size,
        learning_rate=learning_rate,
        seed=seed,
        logging_steps=max(1, max_steps // 10),
        run_name=run_name,
    )
    return model


def stsb_sentences(split: str = "train") -> list[str]:
    """Return the distinct sentences of an STS Benchmark split, sorted (no scores: unlabeled text).

    Example:
        >>> len(stsb_sentences())  # doctest: +SKIP
        10...
    """
    pairs = load_sts("stsb", split=split)
    return sorted(set(pairs["sentence1"]) | set(pairs["sentence2"]))


def _support_tickets() -> list[str]:
    from course_utils.support import load_support_tickets

    return load_support_tickets()


def _scratch_encoder() -> SentenceTransformer:
    from course_utils.encoder import load_scratch_encoder

    return load_scratch_encoder()


#: Where TSDAE can start from: all-MiniLM-L6-v2, or the course's MLM-pretrained small BERT (notebook 06).
STARTS: dict[str, Callable[[], SentenceTransformer]] = {"minilm": load_model, "scratch": _scratch_encoder}
#: What TSDAE can read: the support tickets (data/support) or the STS Benchmark training sentences.
CORPORA: dict[str, Callable[[], list[str]]] = {"support": _support_tickets, "stsb": stsb_sentences}


def default_steps(start: str) -> int:
    """Training steps of the quick/full profile: about 45-60 s per run on a 2-core CPU in ``quick``.

    The small BERT runs several times faster than MiniLM, so it gets more steps in the same time.
    """
    return by_profile(quick={"minilm": 32, "scratch": 200}[start], full=2000)


def tsdae_config(start: str, corpus: str, max_steps: int, batch_size: int = 8, seed: int = 42) -> dict:
    """The settings that name a cached TSDAE model (any change, the starting model's included, trains a new one)."""
    from course_utils.encoder import scratch_encoder_name

    return {
        "method": "tsdae",
        "start": start,
        "start_model": scratch_encoder_name() if start == "scratch" else "all-MiniLM-L6-v2",
        "corpus": corpus,
        "corpus_version": SUPPORT_DATA_VERSION if corpus == "support" else 1,
        "max_steps": max_steps,
        "batch_size": batch_size,
        "learning_rate": 3e-5,
        "del_ratio": 0.6,
        "pooling": "cls",
        "seed": seed,
    }


def load_tsdae_model(
    start: str = "scratch",
    corpus: str = "support",
    max_steps: int | None = None,
    device: torch.device | str | None = None,
) -> SentenceTransformer:
    """Load a TSDAE model from the course cache, or train it (CLS pooling) and cache it.

    The default is notebook 09's model for the leaderboard of notebook 10: the course's
    small BERT adapted with TSDAE to the unlabeled support tickets.

    Args:
        start: the starting model, a key of :data:`STARTS` ("scratch" or "minilm").
        corpus: the unlabeled sentences, a key of :data:`CORPORA` ("support" or "stsb").
        max_steps: optimisation steps at batch size 8 (default: :func:`default_steps`).
        device: where to load the model.

    Example:
        >>> load_tsdae_model("minilm", "stsb").encode(["a cat"]).shape  # doctest: +SKIP
        (1, 384)
    """
    if start not in STARTS:
        raise ValueError(f"start={start!r} is not known: use one of {sorted(STARTS)}.")
    if corpus not in CORPORA:
        raise ValueError(f"corpus={corpus!r} is not known: use one of {sorted(CORPORA)}.")
    max_steps = max_steps if max_steps is not None else default_steps(start)
    config = tsdae_config(start, corpus, max_steps)

    def train() -> SentenceTransformer:
        model = cls_encoder(STARTS[start](), start)
        return train_tsdae(model, CORPORA[corpus](), max_steps=max_steps, run_name=f"tsdae-{start}-{corpus}")

    return load_or_train(f"tsdae-{start}-{corpus}", config, train, device=device, seed=config["seed"])


def train_tsdae_loss(
    loss: DenoisingAutoEncoderLoss,
    sentences: Sequence[str],
    *,
    max_steps: int,
    batch_size: int = 8,
    learning_rate: float = 3e-5,
    seed: int = 42,
    logging_steps: int = 20,
    run_name: str = "tsdae-lesson",
) -> list[tuple[int, float]]:
    """Train ``loss.encoder`` (and the decoder tied to it) with an already built TSDAE loss; return the curve.

    Unlike :func:`train_tsdae`, the caller keeps the loss, hence the decoder, to look at what it
    reconstructs (see :func:`greedy_reconstruction`). No progress display: the returned loss curve,
    ``(step, loss)`` every ``logging_steps`` from the trainer's ``state.log_history``, is the record.

    Example:
        >>> curve = train_tsdae_loss(DenoisingAutoEncoderLoss(model), sentences, max_steps=400)  # doctest: +SKIP
    """
    if max_steps < 1:
        raise ValueError(f"max_steps={max_steps} must be at least 1.")
    set_seed(seed)
    model = loss.encoder
    args = training_args(
        run_name,
        per_device_train_batch_size=batch_size,
        max_steps=max_steps,
        learning_rate=learning_rate,
        lr_scheduler_type="constant",
        warmup_steps=0,
        weight_decay=0.0,
        logging_steps=logging_steps,
        seed=seed,
        data_seed=seed,
        disable_tqdm=True,
    )
    _, curve = fit(model, args, noisy_pairs(sentences, seed=seed), loss)
    return curve


@torch.no_grad()
def greedy_reconstruction(loss: DenoisingAutoEncoderLoss, noisy: Sequence[str], max_tokens: int = 40) -> list[str]:
    """Return what the TSDAE decoder writes, greedily, from the sentence embedding of each noisy input.

    The decoder sees only the one vector the encoder makes of the damaged text (its
    cross-attention has a single key), starts from ``[CLS]`` as in training, and picks the most
    likely next token until ``[SEP]`` or ``max_tokens``.

    Example:
        >>> greedy_reconstruction(loss, ["printer not"])  # doctest: +SKIP
        ['the printer does not print']
    """
    tokenizer, decoder = loss.tokenizer_decoder, loss.decoder
    loss.encoder.eval()
    decoder.eval()
    device = next(decoder.parameters()).device
    reps = loss.encoder.encode(list(noisy), convert_to_tensor=True, device=str(device))  # (batch, hidden)
    batch = len(noisy)
    ids = torch.full((batch, 1), tokenizer.cls_token_id, device=device)  # (batch, 1)
    done = torch.zeros(batch, dtype=torch.bool, device=device)
    for _ in range(max_tokens):
        logits = decoder(
            input_ids=ids,
            encoder_hidden_states=reps[:, None],  # (batch, 1, hidden)
            encoder_attention_mask=torch.ones(batch, 1, dtype=torch.long, device=device),
            use_cache=False,
        ).logits[:, -1]  # (batch, vocab)
        next_ids = logits.argmax(-1).masked_fill(done, tokenizer.pad_token_id)  # (batch,)
        ids = torch.cat([ids, next_ids[:, None]], dim=1)
        done |= next_ids == tokenizer.sep_token_id
        if done.all():
            break
    return tokenizer.batch_decode(ids, skip_special_tokens=True)
