"""Semantic similarity of what accounts ask, robust to paraphrase (issue 11 item 3).

A careful network rewrites its templates until no two prompts share many word 3-grams, but a
paraphrase keeps its meaning: the mean embedding of an account's sampled prompts keeps the
instruction frame its members share (the questions inside it, each different, average out).
Embeddings come from `wordllama` (static token embeddings shipped inside the wheel: no download,
numpy only). Without it the similarity channel is off and coordination falls back on templates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from moat.detect.state import AccountState

log = logging.getLogger("moat.detect")
PER_ACCOUNT = 16  # sampled prompts embedded per account (spread over its samples)
EMBED_BATCH = 2048  # texts tokenised at once: the tokenizer's Encodings of 50,000 texts take 170 MB
_lock = threading.Lock()


@cache
def _model() -> Any:
    try:
        from pathlib import Path

        import wordllama
        from wordllama import WordLlama

        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except Exception as exc:  # an optional channel: say so once and carry on without it
        log.warning("semantic similarity is off (%s: %s)", type(exc).__name__, exc)
        return None


def _pick(samples: list[str]) -> list[str]:
    if len(samples) <= PER_ACCOUNT:
        return samples
    step = len(samples) / PER_ACCOUNT
    return [samples[int(i * step)] for i in range(PER_ACCOUNT)]


def vectors(states: Mapping[str, AccountState], ids: list[str]) -> np.ndarray | None:
    """One unit vector per account of `ids` (rows in that order), or None without the model."""
    model = _model()
    if model is None or not ids:
        return None
    texts: list[str] = []
    owner: list[int] = []
    for row, aid in enumerate(ids):
        picked = _pick(states[aid].samples) or [""]
        texts.extend(picked)
        owner.extend([row] * len(picked))
    with _lock:  # the model's tokenizer is not documented as thread-safe
        emb = _embed(model, texts)
    sums = np.zeros((len(ids), emb.shape[1]), dtype=np.float32)
    np.add.at(sums, np.asarray(owner), emb)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return sums / norms


@cache
def _unpadded(model: Any) -> Any:
    """A copy of the model's tokenizer that does not pad: each text's own tokens, no mask needed.

    `encode_batch_fast` (no character offsets) is the cheapest way through the tokenizer; the
    model's own tokenizer stays as WordLlama set it up.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
    tokenizer.no_padding()
    return tokenizer


def _embed(model: Any, texts: list[str]) -> np.ndarray:
    """Unit mean token embeddings: `model.embed(texts, norm=True)` bit for bit, a third cheaper.

    `WordLlama.embed` pads batches of 64 to their longest text, gathers a (64, longest, dim) block
    and multiplies it by the padding mask before summing; here every text is tokenised in one
    unpadded batch and gathers only its own tokens. The sum runs over the same tokens in the same
    order and divides by the same float32 count, so every bit agrees (an empty text is NaN in both).
    """
    table = model.embedding
    top = table.shape[0] - 1
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    encode = _unpadded(model).encode_batch_fast
    for start in range(0, len(texts), EMBED_BATCH):
        for row, enc in enumerate(encode(texts[start:start + EMBED_BATCH], add_special_tokens=False), start):
            ids = enc.ids
            if ids:
                out[row] = table[np.minimum(ids, top)].sum(axis=0, dtype=np.float32) / np.float32(len(ids))
    with np.errstate(invalid="ignore", divide="ignore"):
        out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out
