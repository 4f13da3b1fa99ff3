"""framing.phrases: maximal recurring phrases, collocations and lexicon suggestions."""

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

from framing.corpus import load_corpus
from framing.lexicon import load_lexicon
from framing.phrases import PHRASE_COLUMNS, collocations, recurring_phrases, suggest_slogans
from framing.text import tokenize


def _docs(*texts, **meta):
    df = pd.DataFrame({"doc_id": [f"d{i + 1}" for i in range(len(texts))], "text": list(texts)})
    for k, v in meta.items():
        df[k] = v
    return load_corpus(df)


# --------------------------------------------------------------------------- recurring phrases

# Worked by hand (no stopword in these sentences except "in"):
#   d1: peace talks resume today | peace talks resume soon
#   d2: peace talks resume in may | trade talks resume
#   d3: peace talks stall
# Bigrams and trigrams seen at least twice:
#   "peace talks resume"  3x (d1, d1, d2)            -> kept (longest)
#   "peace talks"         4x; 3 inside the trigram, 1 alone (d3)        -> kept
#   "talks resume"        4x; 3 inside the trigram, 1 alone ("trade ...") -> kept
TOY = (
    "Peace talks resume today. Peace talks resume soon.",
    "Peace talks resume in May. Trade talks resume.",
    "Peace talks stall.",
)


def test_maximal_phrases_worked_by_hand():
    table = recurring_phrases(_docs(*TOY), min_count=2, min_docs=1)
    assert list(table.columns) == PHRASE_COLUMNS
    assert table.values.tolist() == [
        ["peace talks", 2, 4, 3, 3, "d1; d2; d3"],
        ["talks resume", 2, 4, 2, 2, "d1; d2"],
        ["peace talks resume", 3, 3, 2, 2, "d1; d2"],
    ]


def test_sub_phrase_inside_every_occurrence_is_dropped():
    # without "Trade talks resume", every "talks resume" lies inside "peace talks resume"
    docs = _docs(TOY[0], "Peace talks resume in May.", TOY[2])
    phrases = recurring_phrases(docs, min_count=2, min_docs=1)["phrase"].tolist()
    assert phrases == ["peace talks", "peace talks resume"]


def test_thresholds_apply_together():
    docs = _docs(*TOY)
    assert recurring_phrases(docs, min_count=4, min_docs=1)["phrase"].tolist() == [
        "peace talks",
        "talks resume",
    ]
    assert recurring_phrases(docs, min_count=2, min_docs=3)["phrase"].tolist() == ["peace talks"]
    # once the trigram is not kept, the bigrams are no longer inside a kept phrase
    assert recurring_phrases(docs, min_count=2, min_docs=1, min_n=2, max_n=2)["count"].tolist() == [
        4,
        4,
    ]


def test_no_stopword_at_either_end_and_no_crossing_sentences():
    docs = _docs(
        "The peace of the world. The peace of the world.",
        "We met. Peace came. We met. Peace came.",
    )
    phrases = recurring_phrases(docs, min_count=2, min_docs=1)["phrase"].tolist()
    assert phrases == ["peace of the world", "peace came"]
    assert "met peace" not in phrases  # would cross a sentence boundary


def test_punctuation_option():
    docs = _docs("Peace, development and justice.", "We want peace, development.")
    crossing = recurring_phrases(docs, min_count=2)["phrase"].tolist()
    assert crossing == ["peace development"]
    assert recurring_phrases(docs, min_count=2, punctuation="break").empty


def test_groups_and_spread_sort():
    docs = _docs(*TOY, outlet=["X", "Y", "X"])
    table = recurring_phrases(docs, min_count=2, min_docs=1, by="outlet", sort="spread")
    assert table[["phrase", "n_groups", "groups"]].values.tolist() == [
        ["peace talks", 2, "X; Y"],
        ["talks resume", 2, "X; Y"],
        ["peace talks resume", 2, "X; Y"],
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"min_n": 0}, ValueError, "min_n must be at least 1, got 0"),
        ({"min_n": 3, "max_n": 2}, ValueError, r"max_n \(2\) must be at least min_n \(3\)"),
        ({"min_count": 2.5}, TypeError, "min_count must be an integer, got 2.5"),
        ({"punctuation": "keep"}, ValueError, "punctuation must be one of 'cross', 'break'"),
        ({"sort": "alpha"}, ValueError, "sort must be one of 'count', 'spread', got 'alpha'"),
    ],
)
def test_recurring_phrases_option_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        recurring_phrases(_docs(*TOY), **kwargs)


# --------------------------------------------------------------------------- collocations

# Hand-worked 2x2 table for "peace talks" with windows stopping at punctuation:
#   d1: [peace talks] , [peace talks] . [trade talks and peace plans] .
#   d2: [peace talks resume] .
# windows: peace-talks x3, trade-talks, talks-and, and-peace, peace-plans, talks-resume: N = 8
#   n11 = 3, n10 = 1 (peace plans), n01 = 1 (trade talks), n00 = 3
# When windows may cross the comma, "talks peace" is one more window (N = 9, n00 = 4).
COLL = ("Peace talks, peace talks. Trade talks and peace plans.", "Peace talks resume.")


def test_bigram_measures_against_hand_worked_table():
    row = collocations(_docs(*COLL), min_count=3).iloc[0]
    assert row["collocation"] == "peace talks" and row["count"] == 3 and row["length"] == 2
    # quanteda: lambda = log((n11+.5)(n00+.5) / ((n10+.5)(n01+.5))), sigma = sqrt(sum 1/n)
    lam = math.log(3.5 * 3.5 / (1.5 * 1.5))
    sigma = math.sqrt(2 / 3.5 + 2 / 1.5)
    assert row["lambda"] == pytest.approx(lam) == pytest.approx(1.694596, abs=1e-6)
    assert row["z"] == pytest.approx(lam / sigma) == pytest.approx(1.227852, abs=1e-6)
    # Dunning's G2 with E = row * col / N = 2 in every cell
    g2 = 2 * (3 * math.log(3 / 2) + 1 * math.log(1 / 2) + 1 * math.log(1 / 2) + 3 * math.log(3 / 2))
    assert row["lr"] == pytest.approx(g2) == pytest.approx(2.092992, abs=1e-6)
    assert row["pmi"] == pytest.approx(math.log2(3 * 8 / (4 * 4)))
    assert row["t"] == pytest.approx((3 - 4 * 4 / 8) / math.sqrt(3))
    # NLTK's implementations agree on the same marginals (n_ii, (n_ix, n_xi), n_xx)
    m = BigramAssocMeasures
    assert row["lr"] == pytest.approx(m.likelihood_ratio(3, (4, 4), 8))
    assert row["pmi"] == pytest.approx(m.pmi(3, (4, 4), 8))
    assert row["t"] == pytest.approx(m.student_t(3, (4, 4), 8))


def test_windows_across_punctuation_change_the_table():
    row = collocations(_docs(*COLL), min_count=3, punctuation="cross").iloc[0]
    assert row["collocation"] == "peace talks"
    assert row["lambda"] == pytest.approx(math.log(3.5 * 4.5 / (1.5 * 1.5)))
    assert row["lr"] == pytest.approx(BigramAssocMeasures.likelihood_ratio(3, (4, 4), 9))


def _brute_trigram_marginals(texts, trigram):
    """Count trigram windows inside sentences by brute force (reference for the test)."""
    windows = []
    for t in texts:
        for sentence in t.split("."):
            toks = [w for w, _, _ in tokenize(sentence)]
            windows += [tuple(toks[i : i + 3]) for i in range(len(toks) - 2)]
    a, b, c = trigram

    def n(p):
        return sum(all(q is None or q == w for q, w in zip(p, win, strict=True)) for win in windows)

    return (
        n((a, b, c)),
        (n((a, b, None)), n((a, None, c)), n((None, b, c))),
        (n((a, None, None)), n((None, b, None)), n((None, None, c))),
        len(windows),
    )


def test_trigram_measures_against_nltk():
    texts = (
        "China will build a community of shared future. The community of nations grew.",
        "A community of shared future and a community of shared interests. Shared future.",
        "Future of shared community of shared future.",
    )
    table = collocations(_docs(*texts), size=3, min_count=2, measure="lr")
    row = table.set_index("collocation").loc["community of shared"]
    n_iii, pairs, singles, n_xxx = _brute_trigram_marginals(texts, ("community", "of", "shared"))
    assert row["count"] == n_iii == 4
    m = TrigramAssocMeasures
    assert row["lr"] == pytest.approx(m.likelihood_ratio(n_iii, pairs, singles, n_xxx))
    assert row["pmi"] == pytest.approx(m.pmi(n_iii, pairs, singles, n_xxx))
    assert row["t"] == pytest.approx(m.student_t(n_iii, pairs, singles, n_xxx))
    assert table["lr"].is_monotonic_decreasing


def test_collocation_options():
    docs = _docs(*COLL)
    by_pmi = collocations(docs, min_count=1, measure="pmi")
    assert by_pmi["pmi"].is_monotonic_decreasing
    assert list(by_pmi.columns) == [
        "collocation",
        "count",
        "length",
        "lambda",
        "z",
        "lr",
        "pmi",
        "t",
    ]
    kept = collocations(docs, min_count=1, drop_stopwords=True)["collocation"].tolist()
    assert "talks and" not in kept and "and peace" not in kept and "peace plans" in kept
    assert collocations(docs, min_count=10).empty
    with pytest.raises(ValueError, match="measure must be one of 'z', 'lambda', 'lr', 'pmi', 't'"):
        collocations(docs, measure="dice")
    with pytest.raises(ValueError, match="size must be between 2 and 5, got 6"):
        collocations(docs, size=6)
    with pytest.raises(ValueError, match="smoothing must be a non-negative number"):
        collocations(docs, smoothing=-1)


# --------------------------------------------------------------------------- suggestions


def test_suggest_slogans_leaves_out_what_the_lexicon_covers():
    docs = _docs(
        "We build the Global South. Dual circulation matters. Common prosperity grows.",
        "The Global South rises. Dual circulation matters.",
        "Common prosperity grows and the Global South rises.",
    )
    lex = load_lexicon().subset(["global_south"])
    table = suggest_slogans(docs, lexicon=lex, min_count=2)
    assert list(table.columns) == [*PHRASE_COLUMNS, "covered"]
    assert table[["phrase", "n_docs", "covered"]].values.tolist() == [
        ["common prosperity grows", 2, 0.0],
        ["dual circulation matters", 2, 0.0],
    ]
    # "global south rises" (2x) overlaps a lexicon match every time
    everything = suggest_slogans(docs, lexicon=lex, min_count=2, max_covered=1.0)
    covered = everything.set_index("phrase")["covered"]
    assert covered["global south rises"] == 1.0
    with pytest.raises(ValueError, match="max_covered must be a share between 0 and 1"):
        suggest_slogans(docs, max_covered=2)


# --------------------------------------------------------------------------- seeds


def test_seeds_discovery_finds_five_principles_and_shared_future(seeds_corpus):
    table = recurring_phrases(seeds_corpus).set_index("phrase")
    # 'Five Principles of Peaceful Coexistence': once in 000, twice in 001 (read by hand)
    assert table.loc["five principles of peaceful coexistence", ["count", "n_docs"]].tolist() == [
        3,
        2,
    ]
    assert "five principles of peaceful" not in table.index  # not maximal
    top = recurring_phrases(seeds_corpus).head(3)["phrase"].tolist()
    assert "shared future" in top and "global community" in top
    # one long document repeats the full formulation: allow single-document phrases
    single = recurring_phrases(seeds_corpus, min_docs=1).set_index("phrase")
    assert single.loc["global community of shared future", "count"] == 23
    assert single.loc["community of shared future", "count"] == 27
    assert single.index.get_loc("global community of shared future") < 10


def test_seeds_collocations_rank_the_formulation_high(seeds_corpus):
    col = collocations(seeds_corpus, drop_stopwords=True)
    assert col.iloc[0]["collocation"] == "shared future"
    tri = collocations(seeds_corpus, size=3, measure="lr").head(5)["collocation"].tolist()
    assert "community of shared" in tri


def test_seeds_suggestions_are_not_lexicon_slogans(seeds_corpus):
    table = suggest_slogans(seeds_corpus)
    phrases = set(table["phrase"])
    assert not phrases & {"shared future", "global community", "global south", "belt and road"}
    assert "bilateral relations" in phrases
    assert (table["covered"] <= 0.5).all()
    counts = Counter(table["n_tokens"])
    assert counts[2] > 0 and np.all(table["count"] >= 3)
