"""framing.counts: term and n-gram frequencies, checked by hand and against scikit-learn."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from framing.corpus import load_corpus
from framing.counts import count_terms
from framing.text import load_stopwords, split_sentences, tokenize

COLUMNS = [
    "group",
    "feature",
    "n",
    "count",
    "group_tokens",
    "per_1k",
    "docs",
    "group_docs",
    "df",
    "tfidf",
]


def as_dict(table, value="count"):
    return {
        (g, f): v for g, f, v in zip(table["group"], table["feature"], table[value], strict=True)
    }


def ngrams_by_hand(corpus, orders, *, stop=None):
    """Counter over (doc_id, n-gram) of per-sentence n-grams, computed without framing.counts."""
    out = Counter()
    for doc_id, text in zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True):
        for a, b in split_sentences(text):
            toks = [t for t, _, _ in tokenize(text[a:b])]
            for n in orders:
                for i in range(len(toks) - n + 1):
                    gram = toks[i : i + n]
                    if stop and (gram[0] in stop or gram[-1] in stop):
                        continue
                    out[(doc_id, " ".join(gram))] += 1
    return out


# --------------------------------------------------------------------------- toy, by hand


def test_toy_counts_per_group_by_hand(toy_corpus):
    table = count_terms(toy_corpus, by="source")
    assert list(table.columns) == COLUMNS
    got = [
        (r.group, r.feature, r.count, r.group_tokens, r.per_1k, r.docs, r.group_docs, r.df)
        for r in table.itertuples()
    ]
    # state = docs a, b (3 + 5 tokens); foreign = c (2 tokens); (missing) = d (5 tokens)
    assert got == [
        ("state", "win-win", 2, 8, 250.0, 1, 2, 2),
        ("state", "cooperation", 1, 8, 125.0, 1, 2, 1),
        ("state", "development", 1, 8, 125.0, 1, 2, 1),
        ("state", "of", 1, 8, 125.0, 1, 2, 1),
        ("state", "peaceful", 1, 8, 125.0, 1, 2, 1),
        ("state", "the", 1, 8, 125.0, 1, 2, 2),
        ("state", "world", 1, 8, 125.0, 1, 2, 2),
        ("foreign", "peace", 1, 2, 500.0, 1, 1, 2),
        ("foreign", "win-win", 1, 2, 500.0, 1, 1, 2),
        ("(missing)", "the", 2, 5, 400.0, 1, 1, 2),
        ("(missing)", "and", 1, 5, 200.0, 1, 1, 1),
        ("(missing)", "peace", 1, 5, 200.0, 1, 1, 2),
        ("(missing)", "world", 1, 5, 200.0, 1, 1, 2),
    ]
    assert (table["n"] == 1).all()


def test_docs_counts_documents_within_group(toy_frame):
    corpus = load_corpus(toy_frame.assign(bloc=["p", "q", "p", "q"]))
    table = count_terms(corpus, by="bloc").set_index(["group", "feature"])
    # p = a + c: win-win 2 + 1 in two documents, 3 + 2 tokens
    assert table.loc[
        ("p", "win-win"), ["count", "docs", "group_docs", "group_tokens"]
    ].tolist() == [3, 2, 2, 5]
    assert table.loc[("p", "win-win"), "per_1k"] == pytest.approx(600.0)
    # q = b + d: 'the' 1 + 2 in two documents, 5 + 5 tokens
    assert table.loc[("q", "the"), ["count", "docs"]].tolist() == [3, 2]
    assert table.loc[("q", "the"), "per_1k"] == pytest.approx(300.0)
    assert table.loc[("q", "peaceful"), ["count", "docs"]].tolist() == [1, 1]


def test_per_document_by_default(toy_corpus):
    table = count_terms(toy_corpus)
    assert table["group"].unique().tolist() == ["a", "b", "c", "d"]
    assert (table["group_docs"] == 1).all() and (table["docs"] == 1).all()
    assert as_dict(table)[("a", "win-win")] == 2
    assert table.loc[table["group"] == "a", "group_tokens"].unique().tolist() == [3]


def test_ngrams_stay_inside_sentences(toy_corpus):
    table = count_terms(toy_corpus, ngram_range=(2, 2))
    grams = set(table["feature"])
    assert "win-win cooperation" in grams
    assert "cooperation win-win" not in grams  # would cross "Win-win cooperation. | Win-win!"
    assert (table["n"] == 2).all()
    # the denominator stays the number of tokens, not of bigrams
    tokens = {"a": 3, "b": 5, "c": 2, "d": 5}
    assert table["group_tokens"].tolist() == table["group"].map(tokens).tolist()


# --------------------------------------------------------------------------- seeds, independently


def test_unigrams_equal_sklearn_countvectorizer(seeds_corpus):
    vec = CountVectorizer(
        tokenizer=lambda doc: [t for t, _, _ in tokenize(doc, lowercase=False)],
        token_pattern=None,
        lowercase=True,
    )
    X = vec.fit_transform(seeds_corpus.docs["text"])
    vocab = vec.get_feature_names_out()
    expected = {}
    for i, doc_id in enumerate(seeds_corpus.doc_ids):
        row = X.getrow(i)
        for j, v in zip(row.indices, row.data, strict=True):
            expected[(doc_id, vocab[j])] = int(v)
    table = count_terms(seeds_corpus)
    assert as_dict(table) == expected
    assert len(expected) > 1900


def test_ngrams_equal_counter_on_seeds(seeds_corpus):
    table = count_terms(seeds_corpus, ngram_range=(1, 3))
    expected = ngrams_by_hand(seeds_corpus, (1, 2, 3))
    assert as_dict(table) == dict(expected)
    assert (table["n"] == table["feature"].str.count(" ") + 1).all()


def test_per_1k_and_df_on_seeds(seeds_corpus):
    table = count_terms(seeds_corpus, ngram_range=(1, 2))
    n_tokens = {
        d: len(tokenize(t))
        for d, t in zip(seeds_corpus.doc_ids, seeds_corpus.docs["text"], strict=True)
    }
    assert table["group_tokens"].tolist() == [n_tokens[g] for g in table["group"]]
    assert np.allclose(table["per_1k"], 1000 * table["count"] / table["group_tokens"])
    df = Counter(f for _, f in ngrams_by_hand(seeds_corpus, (1, 2)))  # keys are (doc, gram)
    assert table["df"].tolist() == [df[f] for f in table["feature"]]


def test_tfidf_equals_sklearn(seeds_corpus):
    table = count_terms(seeds_corpus, ngram_range=(1, 2))
    wide = table.pivot(index="group", columns="feature", values="count").fillna(0)
    wide = wide.loc[seeds_corpus.doc_ids]
    tfidf = TfidfTransformer(norm=None, smooth_idf=True).fit_transform(wide.to_numpy())
    expected = pd.DataFrame(tfidf.toarray(), index=wide.index, columns=wide.columns)
    got = expected.stack()
    got = got[got > 0]
    mine = table.set_index(["group", "feature"])["tfidf"]
    pd.testing.assert_series_equal(
        mine.sort_index(), got.sort_index(), check_names=False, rtol=1e-12, atol=0
    )


def test_stemmed_unigrams_equal_snowball_counter(seeds_corpus):
    stemmer = SnowballStemmer("english")
    expected = Counter()
    for doc_id, text in zip(seeds_corpus.doc_ids, seeds_corpus.docs["text"], strict=True):
        for t, _, _ in tokenize(text):
            expected[(doc_id, "-".join(stemmer.stem(p) for p in t.split("-")))] += 1
    assert as_dict(count_terms(seeds_corpus, stem=True)) == dict(expected)


# --------------------------------------------------------------------------- filters


def test_stopwords_filter_semantics():
    corpus = load_corpus(
        pd.DataFrame({"doc_id": ["a"], "text": ["Building a community of shared future for all."]})
    )
    table = count_terms(corpus, ngram_range=(1, 4), stopwords=True)
    features = set(table["feature"])
    stop = load_stopwords()
    # no feature starts or ends with a stopword; internal ones are kept
    assert not any(f.split()[0] in stop or f.split()[-1] in stop for f in features)
    assert {"community of shared", "community of shared future", "shared future"} <= features
    assert not {"a", "of", "for", "all", "community of", "of shared", "future for"} & features
    assert "building a community" in features
    # equal to the hand computation with the same rule
    assert as_dict(table) == dict(ngrams_by_hand(corpus, (1, 2, 3, 4), stop=stop))


def test_stopwords_on_seeds_equal_counter(seeds_corpus):
    stop = load_stopwords()
    table = count_terms(seeds_corpus, ngram_range=(1, 3), stopwords=True)
    assert as_dict(table) == dict(ngrams_by_hand(seeds_corpus, (1, 2, 3), stop=stop))


def test_custom_stopwords(toy_corpus):
    table = count_terms(toy_corpus, stopwords=["PEACE", "Win-Win"])
    assert not {"peace", "win-win"} & set(table["feature"])
    assert "the" in set(table["feature"])
    with pytest.raises(TypeError, match="not one string"):
        count_terms(toy_corpus, stopwords="the")


def test_stem_with_stopwords_keeps_stems_with_a_content_form():
    corpus = load_corpus(
        pd.DataFrame({"doc_id": ["a"], "text": ["Further talks. Furthering ties. The end."]})
    )
    counts = as_dict(count_terms(corpus, stem=True, stopwords=True))
    # 'further' is a stopword, 'furthering' is not: the shared stem stays, with both counted
    assert counts[("a", "further")] == 2
    assert ("a", "the") not in counts


def test_min_count_and_min_docs(toy_corpus):
    def features(**kw):
        return set(count_terms(toy_corpus, **kw)["feature"])

    assert features(min_count=3) == {"win-win", "the"}
    assert features(min_docs=2) == {"win-win", "the", "world", "peace"}
    assert features(min_count=3, min_docs=2) == {"win-win", "the"}
    # min_count is a corpus total: the group where win-win occurs once keeps it
    table = count_terms(toy_corpus, by="source", min_count=3)
    assert as_dict(table)[("foreign", "win-win")] == 1
    with pytest.raises(ValueError, match="min_count and min_docs must be at least 1"):
        count_terms(toy_corpus, min_count=0)


@pytest.mark.parametrize(
    ("ngram_range", "message"),
    [
        ((0, 1), r"1 <= min_n <= max_n, got \(0, 1\)"),
        ((2, 1), r"1 <= min_n <= max_n, got \(2, 1\)"),
        (3, r"must be a pair \(min_n, max_n\), got 3"),
        ((1,), r"must be a pair \(min_n, max_n\), got \(1,\)"),
        (("a", "b"), r"must be a pair \(min_n, max_n\), got \('a', 'b'\)"),
    ],
)
def test_bad_ngram_range(toy_corpus, ngram_range, message):
    with pytest.raises(ValueError, match=message):
        count_terms(toy_corpus, ngram_range=ngram_range)


# --------------------------------------------------------------------------- order


def test_deterministic_and_sorted(seeds_dir, seeds_corpus):
    first = count_terms(seeds_corpus, by="source_type", ngram_range=(1, 2))
    again = count_terms(seeds_corpus, by="source_type", ngram_range=(1, 2))
    fresh = count_terms(load_corpus(seeds_dir), by="source_type", ngram_range=(1, 2))
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, fresh)
    group_order = list(dict.fromkeys(seeds_corpus.groups("source_type")))
    key = first.assign(_g=first["group"].map(group_order.index))
    resorted = key.sort_values(["_g", "count", "feature"], ascending=[True, False, True])
    assert resorted.index.tolist() == list(range(len(first)))
    assert first["group"].unique().tolist() == group_order
