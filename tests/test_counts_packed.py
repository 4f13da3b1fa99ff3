"""count_terms and keyness by packed n-gram keys (framing._ngrams): every code path.

The fast path packs n-grams into integers; when they do not fit, counting falls back
(pairs sorted by key alone, rows merged before ordering, or the chained codes of
framing.counts). The bit limits are lowered here to reach each path on small data, and
every path is checked against counts made independently with collections.Counter.
"""

import importlib
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from framing import _ngrams
from framing.corpus import load_corpus
from framing.counts import count_terms, ngram_codes
from framing.keyness import MEASURES, keyness
from framing.stream import analyze_stream, count_terms_stream
from framing.text import load_stopwords, split_sentences, tokenize

PATHS = {
    "packed": {},
    "pairs sorted by key": {"PAIR_BITS": 0},
    "rows merged first": {"ORDER_BITS": 0},
    "chained codes": {"KEY_BITS": 0},
    # longer units joined as strings in the same chunks, table rows decoded 7 at a time
    "short records, small chunks": {"WIDTHS": (8,), "DECODE_ROWS": 7},
}


@pytest.fixture(params=list(PATHS))
def path(request, monkeypatch):
    for name, value in PATHS[request.param].items():
        monkeypatch.setattr(_ngrams, name, value)
    return request.param


@pytest.fixture(scope="module")
def many_frame(seeds_corpus):
    """The seed articles cut into documents of four sentences, groups interleaved."""
    texts = []
    for text in seeds_corpus.docs["text"]:
        spans = split_sentences(text)
        texts += [" ".join(text[a:b] for a, b in spans[i : i + 4]) for i in range(0, len(spans), 4)]
    texts.insert(3, "--")  # a document without tokens
    labels = ["state", "foreign", "party", None]
    return pd.DataFrame(
        {
            "doc_id": [f"d{i:03d}" for i in range(len(texts))],
            "text": texts,
            "source": [labels[i % 7 % 4] for i in range(len(texts))],
        }
    )


@pytest.fixture(scope="module")
def many_docs(many_frame):
    return load_corpus(many_frame)


def expected_table(corpus, by, orders, *, stop=frozenset(), min_count=1, min_docs=1):
    """The count_terms table, computed from the text with Counter (no framing.counts)."""
    per_doc, n_tokens = {}, {}
    for doc_id, text in zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True):
        grams = Counter()
        n_tokens[doc_id] = len(tokenize(text))
        for a, b in split_sentences(text):
            toks = [t for t, _, _ in tokenize(text[a:b])]
            for n in orders:
                for i in range(len(toks) - n + 1):
                    if toks[i] not in stop and toks[i + n - 1] not in stop:
                        grams[" ".join(toks[i : i + n])] += 1
        per_doc[doc_id] = grams
    total, df = Counter(), Counter()
    for grams in per_doc.values():
        total.update(grams)
        df.update(grams.keys())
    kept = {g for g in total if total[g] >= min_count and df[g] >= min_docs}
    groups = corpus.groups(by)
    order = list(dict.fromkeys(groups))
    count, docs, g_tokens, g_docs = Counter(), Counter(), Counter(), Counter()
    for doc_id, grams in per_doc.items():
        g = groups[doc_id]
        g_tokens[g] += n_tokens[doc_id]
        g_docs[g] += 1
        for gram, c in grams.items():
            if gram in kept:
                count[(g, gram)] += c
                docs[(g, gram)] += 1
    keys = sorted(count, key=lambda k: (order.index(k[0]), -count[k], k[1]))
    n_docs = len(per_doc)
    return pd.DataFrame(
        {
            "group": [g for g, _ in keys],
            "feature": [f for _, f in keys],
            "n": np.array([f.count(" ") + 1 for _, f in keys], dtype=np.int64),
            "count": np.array([count[k] for k in keys], dtype=np.int64),
            "group_tokens": np.array([g_tokens[g] for g, _ in keys], dtype=np.int64),
            "per_1k": [1000 * count[k] / g_tokens[k[0]] for k in keys],
            "docs": np.array([docs[k] for k in keys], dtype=np.int64),
            "group_docs": np.array([g_docs[g] for g, _ in keys], dtype=np.int64),
            "df": np.array([df[f] for _, f in keys], dtype=np.int64),
            "tfidf": [count[k] * (math.log((1 + n_docs) / (1 + df[k[1]])) + 1) for k in keys],
        }
    )


CASES = [
    ("source", (1, 3), {}),
    (None, (1, 2), {}),
    ("source", (2, 4), {"stopwords": True, "min_count": 2}),
    ("source", (1, 3), {"min_docs": 2}),
    ("source", (3, 3), {"min_count": 2, "min_docs": 2}),
]


@pytest.mark.parametrize(("by", "ngram_range", "options"), CASES)
def test_every_path_equals_counter(path, many_docs, by, ngram_range, options):
    got = count_terms(many_docs, by=by, ngram_range=ngram_range, **options)
    stop = load_stopwords() if options.get("stopwords") else frozenset()
    want = expected_table(
        many_docs,
        by,
        range(ngram_range[0], ngram_range[1] + 1),
        stop=stop,
        min_count=options.get("min_count", 1),
        min_docs=options.get("min_docs", 1),
    )
    assert len(want) > 100
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


OPTIONS = [
    {"by": "source", "ngram_range": (1, 3)},
    {"by": None, "ngram_range": (1, 1)},
    {"by": "source", "ngram_range": (1, 2), "stem": True},
    {"by": "source", "ngram_range": (1, 3), "stem": True, "stopwords": True},
    {"by": "source", "ngram_range": (1, 2), "stopwords": ["the", "of", "China"]},
    {"by": "source", "ngram_range": (1, 3), "min_count": 10**6},  # nothing left
    {"by": "source", "ngram_range": (40, 45)},  # longer than every sentence
    {"by": None, "ngram_range": (2, 5), "min_docs": 2},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_every_path_gives_the_same_table(path, many_docs, options):
    got = count_terms(many_docs, **options)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_ngrams, "KEY_BITS", 0)  # the chained codes of framing.counts
        want = count_terms(many_docs, **options)
    assert got.equals(want)
    assert got.dtypes.tolist() == want.dtypes.tolist()


STREAM_OPTIONS = [
    {"by": "source", "ngram_range": (1, 3)},
    {"by": None, "ngram_range": (2, 2), "min_count": 2},
    {"by": "source", "ngram_range": (1, 2), "stopwords": True, "stem": True, "min_docs": 2},
]


@pytest.mark.parametrize("options", STREAM_OPTIONS)
def test_every_path_streams_the_same_table(path, many_frame, many_docs, options):
    got = count_terms_stream(many_frame, chunk_size=9, **options)
    assert_frame_equal(got, count_terms(many_docs, **options))
    both = analyze_stream(
        many_frame,
        chunk_size=9,
        by="source",
        target="state",
        ngram_range=options["ngram_range"],
        stopwords=options.get("stopwords", False),
        min_count=2,
        include=("terms", "keyness"),
    )
    assert_frame_equal(
        both["keyness"],
        keyness(
            many_docs,
            by="source",
            target="state",
            ngram_range=options["ngram_range"],
            stopwords=options.get("stopwords", False),
            min_count=2,
        ),
    )


def test_one_document_and_no_tokens():
    one = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["Peace and peace. And peace."]}))
    table = count_terms(one, ngram_range=(1, 2))
    assert dict(zip(table["feature"], table["count"], strict=True)) == {
        "peace": 3,
        "and": 2,
        "and peace": 2,
        "peace and": 1,
    }
    empty = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["--"]}))
    assert len(count_terms(empty, ngram_range=(1, 3))) == 0


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize(
    "options",
    [
        {"ngram_range": (1, 2)},
        {"ngram_range": (1, 3), "stopwords": True, "min_count": 2},
        {"ngram_range": (1, 1), "stem": True},
    ],
)
def test_keyness_paths_agree(path, many_docs, measure, options):
    got = keyness(many_docs, by="source", target=["state", "party"], measure=measure, **options)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_ngrams, "KEY_BITS", 0)
        want = keyness(
            many_docs, by="source", target=["state", "party"], measure=measure, **options
        )
    assert got.equals(want)
    assert len(got) > 50


def test_keyness_counts_equal_counter(many_docs):
    table = keyness(many_docs, by="source", target="foreign", ngram_range=(2, 2))
    grams = Counter()
    groups = many_docs.groups("source")
    for doc_id, text in zip(many_docs.docs["doc_id"], many_docs.docs["text"], strict=True):
        side = groups[doc_id] == "foreign"
        for a, b in split_sentences(text):
            toks = [t for t, _, _ in tokenize(text[a:b])]
            grams.update((side, " ".join(toks[i : i + 2])) for i in range(len(toks) - 1))
    got = {(True, f): n for f, n in zip(table["feature"], table["n_target"], strict=True) if n}
    got |= {(False, f): n for f, n in zip(table["feature"], table["n_reference"], strict=True) if n}
    assert got == dict(grams)


def _keyness_inputs(size, *, big=False):
    """Features with many ties, zero counts (infinite and undefined scores) and two orders."""
    rng = np.random.default_rng(11)
    features = np.array([f"w{i:05d}" for i in rng.permutation(size)], dtype=object)
    order = rng.integers(1, 3, size)
    n_t, n_r = rng.integers(0, 6, size), rng.integers(0, 40, size)
    n_t[0] = n_r[0] = 3
    if big:  # too wide for one 64-bit integer per (order, n_t, n_r)
        n_t[1], n_r[2] = 2**40, 2**41
    return features, order, n_t, n_r


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("big", [False, True])
def test_keyness_table_scores_and_order(monkeypatch, measure, big):
    module = importlib.import_module("framing.keyness")  # (framing.keyness is the function)
    features, order, n_t, n_r = _keyness_inputs(400, big=big)
    kw = {"measure": measure, "correction": "default", "min_count": 1, "prior": "pooled"}
    rank = np.argsort(np.argsort(features))  # alphabetical rank of each feature
    got = module._keyness_table(features, order, n_t, n_r, target="t", feature_rank=rank, **kw)
    # the order by ranks equals pandas' sort by stat and feature string
    by_strings = module._keyness_table(features, order, n_t, n_r, target="t", **kw)
    assert got.equals(by_strings)
    # scoring each distinct (order, n_t, n_r) once equals scoring every row
    monkeypatch.setattr(module, "_combos", lambda *args: None)
    per_row = module._keyness_table(features, order, n_t, n_r, target="t", feature_rank=rank, **kw)
    assert got.equals(per_row)
    assert len(got) == (n_t + n_r >= 1).sum()


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("key_bits", [63, 0])  # one integer per n-gram, or chained codes
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_ngram_codes_number_ngrams_by_first_appearance(monkeypatch, key_bits, n):
    monkeypatch.setattr(_ngrams, "KEY_BITS", key_bits)
    rng = np.random.default_rng(n)
    ids = rng.integers(0, 6, 3000)
    sent = np.cumsum(rng.random(3000) < 0.1)
    pos, code, first = ngram_codes(ids, sent, n, 6)
    want_pos = [i for i in range(3000 - n + 1) if sent[i] == sent[i + n - 1]]
    numbers: dict = {}
    want = [numbers.setdefault(tuple(ids[i : i + n]), len(numbers)) for i in want_pos]
    assert pos.tolist() == want_pos
    if n == 1:  # single words keep their ids
        assert code.tolist() == ids[want_pos].tolist()
    else:
        assert code.tolist() == want
        starts = {}
        for i in want_pos:
            starts.setdefault(tuple(ids[i : i + n]), i)
        assert first.tolist() == list(starts.values())


def test_radix_order_equals_lexsort():
    rng = np.random.default_rng(7)
    keys = [rng.integers(0, 3, 5000), rng.integers(0, 70_000, 5000), rng.integers(0, 2**33, 5000)]
    got = _ngrams._radix_order(keys)  # least significant first
    np.testing.assert_array_equal(got, np.lexsort(keys))
    g, c = rng.integers(0, 300, 5000), rng.integers(0, 400, 5000)
    for n_groups, n_ranks in [(300, 400), (3, 4)]:
        perm = _ngrams._group_count_order(g % n_groups, c % n_ranks, n_groups, n_ranks)
        np.testing.assert_array_equal(perm, np.lexsort((c % n_ranks, g % n_groups)))


def test_strings_of_keys():
    b = 2
    units = np.array(["a", "b-c", "d"], dtype=object)
    keys = np.array([1 << 2 * b | 2 << b | 3, 3 << 2 * b | 3 << b | 1])
    assert _ngrams.strings(keys, 3, b, units).tolist() == ["a b-c d", "d d a"]
    assert _ngrams.strings(np.array([2, 1]), 1, b, units).tolist() == ["b-c", "a"]
    # a unit with a newline in it (never made by the tokeniser): joined one by one
    odd = np.array(["a\nb", "c"], dtype=object)
    keys = np.array([1 << b | 2, 2 << b | 1])
    assert _ngrams.strings(keys, 2, b, odd).tolist() == ["a\nb c", "c a\nb"]


@pytest.mark.parametrize(
    "settings", [{}, {"WIDTHS": (8,)}, {"WIDTHS": (16, 32)}, {"_TABLE_BYTES": 0}]
)
def test_strings_of_keys_every_width(monkeypatch, settings):
    """Strings written as byte records of every width, or joined, equal str.join."""
    for name, value in settings.items():
        monkeypatch.setattr(_ngrams, name, value)
    pool = ["a", "é", "中文", "🙂", "nul\x00x", "new\nline", "sur\udc80"]
    pool += ["x" * k for k in (6, 7, 8, 15, 16, 31, 32, 63, 64, 200)]
    pool += ["ü" * k for k in (4, 8, 16)]  # two bytes each in UTF-8
    units = np.array(sorted(set(pool)), dtype=object)
    b = int(units.size).bit_length()
    short = np.flatnonzero(np.isin(units, ["a", "é", "中文"])) + 1  # ranks of short units
    rng = np.random.default_rng(7)
    # chunks of 2**15 n-grams: one of short units only and one mixed; one mixed
    for n, size, head in ((2, 40_000, 2**15), (5, 3_000, 1_500)):
        ranks = rng.integers(1, units.size + 1, size=(size, n))
        ranks[:head] = rng.choice(short, size=(head, n))
        keys = np.zeros(len(ranks), dtype=np.int64)
        for j in range(n):
            keys = keys << b | ranks[:, j]
        want = [" ".join(units[r - 1] for r in row) for row in ranks.tolist()]
        assert _ngrams.strings(keys, n, b, units).tolist() == want
