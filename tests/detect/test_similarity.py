"""Account embeddings: the per-text gather agrees bit for bit with WordLlama's batched embed."""

from __future__ import annotations

import random

import numpy as np
import pytest

from moat.detect import similarity


def _texts() -> list[str]:
    rnd = random.Random(3)
    words = ["solve", "step", "by", "the", "integral", "naïve", "café", "x²", "☃", "\U0001d518", "42", "def", "(", ")"]
    out = [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40)))[:160] for _ in range(150)]
    # more than one of WordLlama's batches of 64, texts of very different lengths in one batch,
    # and the edge cases: empty (NaN in both), blank, a single character, runs of spaces
    return [*out, "", "   ", "a", "  x   y  ", "\t\n", "word " * 60]


@pytest.mark.parametrize("batch", [similarity.EMBED_BATCH, 50])  # one tokenizer batch, or several
def test_embed_is_bit_identical_to_wordllama(batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "EMBED_BATCH", batch)
    model = similarity._model()
    if model is None:
        pytest.skip("wordllama is not installed")
    texts = _texts()
    with np.errstate(invalid="ignore", divide="ignore"):
        ref = np.asarray(model.embed(texts, norm=True), dtype=np.float32)
    mine = similarity._embed(model, texts)
    assert mine.shape == ref.shape and mine.dtype == ref.dtype
    assert np.isnan(mine[texts.index("")]).all()
    assert (mine.view(np.uint32) == ref.view(np.uint32)).all()
