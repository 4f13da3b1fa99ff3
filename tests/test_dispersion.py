"""Dispersion: positions and Gries' DP checked against hand-worked values."""

import pandas as pd
import pytest

from framing.corpus import load_corpus
from framing.dispersion import dispersion, term_positions


@pytest.fixture(scope="module")
def corpus():
    # part sizes 4, 4 and 2 tokens -> expected shares .4, .4, .2
    return load_corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c"],
                "text": ["peace and more peace", "war and more talk", "peace war"],
                "kind": ["x", "x", "y"],
            }
        )
    )


def test_dp_by_hand(corpus):
    table = dispersion(corpus, ["peace", "war", "talk"]).set_index("term")
    # peace: 2, 0, 1 of 3 -> |2/3-.4| + |0-.4| + |1/3-.2| = .2667 + .4 + .1333 = .8, DP = .4
    assert table.loc["peace", "dp"] == pytest.approx(0.4)
    # war: 0, 1, 1 of 2 -> .4 + .1 + .3 = .8 -> .4
    assert table.loc["war", "dp"] == pytest.approx(0.4)
    # talk: all in b -> .4 + .6 + .2 = 1.2 -> .6 ; DPnorm = .6 / (1 - .2) = .75
    assert table.loc["talk", "dp"] == pytest.approx(0.6)
    assert table.loc["talk", "dp_norm"] == pytest.approx(0.75)
    assert table.loc["peace", "parts_with_term"] == 2 and table.loc["peace", "count"] == 3


def test_dp_over_groups_and_all_words(corpus):
    by_kind = dispersion(corpus, ["talk"], by="kind").set_index("term")
    # parts x (8 tokens) and y (2 tokens); talk is all in x: (|1-.8| + |0-.2|)/2 = .2
    assert by_kind.loc["talk", "dp"] == pytest.approx(0.2)
    everything = dispersion(corpus).set_index("term")
    assert everything.loc["talk", "dp"] == pytest.approx(0.6)
    assert set(everything.index) == {"peace", "and", "more", "war", "talk"}


def test_positions(corpus):
    pos = term_positions(corpus, ["peace", "more peace"], by="kind")
    assert pos.columns.tolist() == [
        "term",
        "doc_id",
        "group",
        "token_index",
        "doc_tokens",
        "position",
        "start",
        "end",
        "matched",
    ]
    peace = pos[pos["term"] == "peace"]
    assert peace[["doc_id", "token_index", "position"]].values.tolist() == [
        ["a", 0, 0.0],
        ["a", 3, 0.75],
        ["c", 0, 0.0],
    ]
    assert pos[pos["term"] == "more peace"]["matched"].tolist() == ["more peace"]
    assert (pos["group"] == pos["doc_id"].map({"a": "x", "b": "x", "c": "y"})).all()


def test_bad_terms(corpus):
    with pytest.raises(ValueError, match="terms must be a non-empty list"):
        term_positions(corpus, [])
