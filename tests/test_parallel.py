"""n_jobs: cleaning and tokenising in worker processes give the corpus one process gives."""

import random

import numpy as np
import pandas as pd
import pytest

from framing import _parallel
from framing._parallel import _chunk_bounds, effective_n_jobs, map_chunks
from framing.corpus import load_corpus
from framing.counts import count_terms
from framing.text import tokenize_corpus

WORDS = (
    "China Xi Beijing U.S. the of and a win-win cooperation community with shared future for "
    "mankind Mr. Wang said Global South multipolar world don't China's U.S.'s 1,000 2024-25 "
    "Ελλάδα Çin peace development"
).split()


def _frame(n_docs=60, seed=0):
    rng = random.Random(seed)
    texts = []
    for i in range(n_docs):
        paragraphs = []
        for _ in range(rng.randint(1, 4)):
            sentences = []
            for _ in range(rng.randint(1, 5)):
                words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
                sentences.append(" ".join(words) + rng.choice([".", "?", "!", ".\u201d"]))
            paragraphs.append(" ".join(sentences))
        if i % 7 == 0:
            paragraphs.append("PHOTO BY XINHUA")  # a line cleaning removes
        texts.append("\n".join(paragraphs))
    return pd.DataFrame(
        {
            "doc_id": [f"d{i:03d}" for i in range(n_docs)],
            "text": texts,
            "source": [rng.choice(["state", "foreign"]) for _ in range(n_docs)],
        }
    )


@pytest.fixture
def always_parallel(monkeypatch):
    """Use worker processes however small the corpus."""
    monkeypatch.setattr(_parallel, "MIN_PARALLEL_CHARS", 0)


def test_workers_give_the_same_corpus_and_tokens(always_parallel):
    frame = _frame()
    one = load_corpus(frame)
    two = load_corpus(frame, n_jobs=2)
    assert two.n_jobs == 2
    pd.testing.assert_frame_equal(one.docs, two.docs)
    pd.testing.assert_frame_equal(one.removed, two.removed)
    assert len(one.removed) > 0
    a, b = one.tokens, two.tokens
    assert a.vocab.tolist() == b.vocab.tolist()  # same ids: first appearance overall
    for name in ("ids", "doc_ptr", "sent", "start", "end"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    pd.testing.assert_frame_equal(a.sentences, b.sentences)
    pd.testing.assert_frame_equal(
        count_terms(one, by="source", ngram_range=(1, 3)),
        count_terms(two, by="source", ngram_range=(1, 3)),
    )


def test_tokenize_corpus_in_three_workers_numbers_tokens_by_first_appearance(always_parallel):
    frame = _frame(n_docs=25, seed=3)
    toks = tokenize_corpus(frame, n_jobs=3)
    forms = toks.vocab[toks.ids].tolist()
    assert toks.vocab.tolist() == list(dict.fromkeys(forms))
    assert toks.doc_ptr[-1] == len(forms)


def test_subset_keeps_n_jobs():
    corpus = load_corpus(_frame(n_docs=4), n_jobs=2)
    assert corpus.subset([True, False, True, False]).n_jobs == 2


def test_map_chunks_keeps_order_and_stays_in_process_for_small_input():
    texts = [str(i) * (i + 1) for i in range(9)]
    assert map_chunks(list, texts, n_jobs=2) == [texts]  # far below the threshold


def test_map_chunks_in_workers_keeps_order(always_parallel):
    texts = [str(i) * (i + 1) for i in range(9)]
    parts = map_chunks(list, texts, n_jobs=2)
    assert len(parts) > 1
    assert [t for part in parts for t in part] == texts


@pytest.mark.parametrize(
    ("weights", "n", "expected"),
    [
        ([1, 1, 1, 1], 2, [(0, 2), (2, 4)]),
        ([10, 1, 1, 1, 1], 2, [(0, 1), (1, 5)]),
        ([1, 1, 1], 5, [(0, 1), (1, 2), (2, 3)]),
        ([5], 4, [(0, 1)]),
    ],
)
def test_chunk_bounds_cover_every_item_once(weights, n, expected):
    assert _chunk_bounds(weights, n) == expected


def test_effective_n_jobs_follows_scikit_learn():
    assert effective_n_jobs(None) == 1
    assert effective_n_jobs(4) == 4
    assert effective_n_jobs(-1) >= 1
    assert effective_n_jobs(-1) == effective_n_jobs(-2) + 1 or effective_n_jobs(-2) == 1


@pytest.mark.parametrize("bad", [0, 1.5, "2", True])
def test_bad_n_jobs_is_named(bad):
    with pytest.raises(ValueError, match="n_jobs must be a non-zero integer"):
        load_corpus(_frame(n_docs=2), n_jobs=bad)
