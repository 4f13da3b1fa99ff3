"""framing.kwic: keyword in context."""

import re

import pandas as pd
import pytest

from framing.corpus import load_corpus
from framing.kwic import kwic
from framing.text import tokenize

COLUMNS = ["doc_id", "group", "left", "match", "right", "sentence", "start", "end"]


@pytest.fixture()
def counting():
    return load_corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "text": [
                    "One two three four five six seven. Eight nine ten.",
                    "Peace talk. The end",
                ],
                "src": ["x", None],
            }
        )
    )


def rows(table):
    return [(r.left, r.match, r.right) for r in table.itertuples()]


def test_columns_and_types(counting):
    table = kwic(counting, "four")
    assert list(table.columns) == COLUMNS
    assert table["start"].dtype == "int64" and table["end"].dtype == "int64"
    empty = kwic(counting, "eleven")
    assert empty.empty and list(empty.columns) == COLUMNS


@pytest.mark.parametrize(
    ("pattern", "window", "expected"),
    [
        ("four", 2, [("two three", "four", "five six")]),
        ("four", 0, [("", "four", "")]),
        ("four five", 1, [("three", "four five", "six")]),
        ("one", 3, [("", "One", "two three four")]),  # document start
        ("ten", 3, [("seven. Eight nine", "ten", "")]),  # context crosses sentences
        ("peace", 5, [("", "Peace", "talk. The end")]),  # but not documents
        ("end", 10, [("Peace talk. The", "end", "")]),
    ],
)
def test_window_in_tokens(counting, pattern, window, expected):
    assert rows(kwic(counting, pattern, window=window)) == expected


def test_sentence_start_end(counting):
    row = kwic(counting, "nine ten").iloc[0]
    assert row["sentence"] == "Eight nine ten."
    assert (row["doc_id"], row["start"], row["end"]) == ("a", 41, 49)
    assert counting.docs["text"].iloc[0][41:49] == "nine ten"


def test_regex_mode(counting):
    table = kwic(counting, r"t[a-z]+", window=1, mode="regex")
    assert table["match"].tolist() == ["two", "three", "ten", "talk", "The"]
    assert table["doc_id"].tolist() == ["a", "a", "a", "b", "b"]
    assert rows(table)[3] == ("Peace", "talk", ". The")
    # a pattern is not a regex: the same string finds nothing in pattern mode
    assert kwic(counting, r"t[a-z]+").empty


def test_by_fills_group(counting, seeds_corpus):
    assert kwic(counting, "peace")["group"].tolist() == ["b"]
    assert kwic(counting, "(peace|four)", by="src")["group"].tolist() == ["x", "(missing)"]
    table = kwic(seeds_corpus, "global south", by="source_type")
    labels = seeds_corpus.groups("source_type")
    assert len(table) > 0
    assert table["group"].tolist() == labels.loc[table["doc_id"]].tolist()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pattern": "(", "mode": "regex"}, r"pattern '\(' is not a valid regular expression"),
        ({"pattern": "shared (future"}, r"cannot parse pattern 'shared \(future'"),
        ({"pattern": ""}, r"pattern must be a non-empty string"),
        ({"pattern": "x", "mode": "glob"}, r"mode must be 'pattern' or 'regex', got 'glob'"),
        ({"pattern": "x", "window": -1}, r"window must be a non-negative integer, got -1"),
        ({"pattern": "x", "window": 2.5}, r"window must be a non-negative integer, got 2\.5"),
        ({"pattern": "x", "by": "nope"}, r"by: no metadata column 'nope'"),
    ],
)
def test_errors(counting, kwargs, message):
    with pytest.raises(ValueError, match=message):
        kwic(counting, **kwargs)


@pytest.mark.parametrize(
    ("pattern", "mode"),
    [
        ("cooperation", "pattern"),
        ("president xi jinping?", "pattern"),
        ("<place> (relations|cooperation)", "pattern"),
        (r"\bshared future\b", "regex"),
        (r"U\.S\.", "regex"),
    ],
)
def test_on_seeds_match_and_window(seeds_corpus, pattern, mode):
    window = 5
    table = kwic(seeds_corpus, pattern, window=window, mode=mode)
    assert len(table) > 0
    texts = dict(zip(seeds_corpus.docs["doc_id"], seeds_corpus.docs["text"], strict=True))
    toks = {d: tokenize(t) for d, t in texts.items()}
    for row in table.itertuples():
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.match
        assert row.sentence in text and "\n" not in row.sentence
        # whole tokens before/after the match, and a token the match starts or ends inside
        # (a part of a compound such as "China-U.S.") whose rest is shown as well
        before = [t for t in toks[row.doc_id] if t[2] <= row.start]
        after = [t for t in toks[row.doc_id] if t[1] >= row.end]
        cut_left = any(a < row.start < b for _, a, b in toks[row.doc_id])
        cut_right = any(a < row.end < b for _, a, b in toks[row.doc_id])
        assert len(tokenize(row.left)) == min(window, len(before)) + cut_left
        right = row.right.removeprefix("'s")  # a stripped possessive is not a token
        assert len(tokenize(right)) == min(window, len(after)) + cut_right
        # context is the text around the match, with whitespace flattened
        assert " ".join(text[: row.start].split()).endswith(row.left)
        assert " ".join(text[row.end :].split()).startswith(row.right)
    if mode == "regex":
        expected = sum(len(re.findall(pattern, t, re.IGNORECASE)) for t in texts.values())
        assert len(table) == expected
