"""framing.patterns: the token pattern language and vectorised matching."""

import re

import numpy as np
import pandas as pd
import pytest

from framing.patterns import (
    MAX_EXPANSIONS,
    Pattern,
    compile_pattern,
    find_matches,
    match_text,
    slot_words,
)
from framing.text import normalize_unicode, tokenize_corpus

COLUMNS = [
    "label",
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "matched",
    "pattern",
    "sentence",
    "sent_index",
    "token_index",
]


def tokens_of(*texts):
    df = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": [normalize_unicode(t) for t in texts],
        }
    )
    return tokenize_corpus(df)


# --------------------------------------------------------------------------- syntax elements


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        # a word: the whole token, any case
        ("cooperation", "Cooperation, cooperative COOPERATION.", ["Cooperation", "COOPERATION"]),
        # hyphens are not significant, both ways
        ("win-win", "win-win results and win win talks", ["win-win", "win win"]),
        ("win win", "win-win results and win win talks", ["win-win", "win win"]),
        (
            "major-country diplomacy",
            "major-country diplomacy or major country diplomacy",
            ["major-country diplomacy", "major country diplomacy"],
        ),
        ("major country diplomacy", "Major-Country Diplomacy", ["Major-Country Diplomacy"]),
        # a compound in the text can be matched by one of its parts
        ("africa", "the China-Africa forum", ["Africa"]),
        ("china u.s. relations", "China-U.S. relations", ["China-U.S. relations"]),
        # prefix wildcard
        (
            "multipolar*",
            "multipolar, multipolarity, multipolarization but not unipolar or multi-polar",
            ["multipolar", "multipolarity", "multipolarization"],
        ),
        # inflections: same Snowball stem
        ("country~", "a country, two countries, the countryside", ["country", "countries"]),
        (
            "developing country~",
            "Developing countries and developed ones",
            ["Developing countries"],
        ),
        # alternatives, each a sequence
        (
            "(win-win|mutually beneficial) cooperation",
            "win-win cooperation, mutually beneficial cooperation, beneficial cooperation",
            ["win-win cooperation", "mutually beneficial cooperation"],
        ),
        # nested groups and optional elements
        (
            "((bright|shared)? common|joint) future",
            "a bright common future, a common future, a joint future, a shared future",
            ["bright common future", "common future", "joint future"],
        ),
        (
            "peaceful? development",
            "peaceful development and development",
            ["peaceful development", "development"],
        ),
        # any single token, and an optional gap
        (
            "deepen _ cooperation",
            "deepen cooperation; deepen practical cooperation",
            ["deepen practical cooperation"],
        ),
        (
            "deepen _? cooperation",
            "deepen cooperation; deepen practical cooperation; deepen very practical cooperation",
            ["deepen cooperation", "deepen practical cooperation"],
        ),
        # articles are ignored in the pattern and in the text; possessive 's is dropped
        (
            "community with shared future for mankind",
            "a community with a shared future for the mankind",
            ["community with a shared future for the mankind"],
        ),
        (
            "the community with a shared future",
            "community with shared future",
            ["community with shared future"],
        ),
        ("china's rise", "China\u2019s rise and China rise", ["China's rise", "China rise"]),
        # curly quotes and dashes never matter
        ('"global south"', "the \u201cGlobal South\u201d", ["Global South"]),
        ("china\u2019s role", "China's role", ["China's role"]),
        ("china\u2013africa", "China\u2013Africa ties", ["China-Africa"]),
    ],
)
def test_pattern_elements(pattern, text, expected):
    # match_text normalises the text first, so curly quotes come back straight
    assert match_text(text, pattern) == expected


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("<country>", "Brazil, Europe and Chinese firms", ["Brazil"]),
        ("<region>", "Brazil, Europe and Chinese firms", ["Europe"]),
        ("<nationality>", "Brazil, Europe and Chinese firms", ["Chinese"]),
        ("<place>", "Brazil, Europe and Chinese firms", ["Brazil", "Europe", "Chinese"]),
        ("<COUNTRY>", "the United States and South Africa", ["United States", "South Africa"]),
        ("<region> countries", "Global South countries", ["Global South countries"]),
    ],
)
def test_slots(slot, text, expected):
    assert match_text(text, slot) == expected


def test_place_slot_covers_compound_partners():
    pattern = "<place> <place>? community with shared future"
    text = (
        "a China-Africa community with a shared future, a China-ASEAN community with a shared "
        "future and an Asia-Pacific community with a shared future"
    )
    assert match_text(text, pattern) == [
        "China-Africa community with a shared future",
        "China-ASEAN community with a shared future",
        "Asia-Pacific community with a shared future",
    ]


def test_slot_words():
    assert {"brazil", "china", "united states"} <= set(slot_words("country"))
    assert {"africa", "global south"} <= set(slot_words("region"))
    assert "chinese" in slot_words("nationality")
    place = set(slot_words("place"))
    for name in ("country", "region", "nationality"):
        assert set(slot_words(name)) <= place
    with pytest.raises(ValueError, match="slot must be one of"):
        slot_words("city")


# --------------------------------------------------------------------------- boundaries


@pytest.mark.parametrize(
    "text",
    [
        "We want a shared. Future is bright.",
        "a shared.\nfuture",
        "A shared\nFuture",
        "a shared. Future",
        "a shared! future",
    ],
)
def test_no_match_across_sentences_or_lines(text):
    assert match_text(text, "shared future") == []


def test_match_across_a_hard_wrapped_line_break():
    text = "China will build a community with a\nshared future for mankind."
    assert match_text(text, "community with shared future") == ["community with a\nshared future"]


def test_sentence_boundary_in_find_matches():
    toks = tokens_of("Global\nSouth. Global south!")
    hits = find_matches(toks, {"gs": ["global south"]})
    assert hits["matched"].tolist() == ["Global south"]
    assert hits["sentence"].tolist() == ["Global south!"]


def test_leftmost_longest_within_a_label():
    toks = tokens_of("Global south global. The win-win cooperation is win-win.")
    hits = find_matches(
        toks, {"x": ["south global", "global south", "win-win", "win-win cooperation"]}
    )
    # 'global south' starts first; the longer 'win-win cooperation' beats 'win-win'
    assert hits["matched"].tolist() == ["Global south", "win-win cooperation", "win-win"]
    assert hits["pattern"].tolist() == ["global south", "win-win cooperation", "win-win"]


def test_labels_may_overlap_and_overlap_true_keeps_everything():
    toks = tokens_of("Global south global. The win-win cooperation is win-win.")
    hits = find_matches(toks, {"a": ["win-win cooperation"], "b": ["cooperation"]})
    assert list(zip(hits["label"], hits["matched"], strict=True)) == [
        ("a", "win-win cooperation"),
        ("b", "cooperation"),
    ]
    hits = find_matches(
        toks,
        {"x": ["global south", "south global", "win-win", "win-win cooperation"]},
        overlap=True,
    )
    assert hits["matched"].tolist() == [
        "Global south",
        "south global",
        "win-win",
        "win-win cooperation",
        "win-win",
    ]


def test_identical_spans_from_two_expansions_count_once():
    toks = tokens_of("Peaceful development matters.")
    hits = find_matches(
        toks, {"x": ["peaceful? development", "peaceful development"]}, overlap=True
    )
    assert hits["matched"].tolist() == ["Peaceful development", "development"]


# --------------------------------------------------------------------------- output frame


def test_find_matches_frame():
    toks = tokens_of("Nothing here.", "They build a China-Africa community with a shared future.")
    hits = find_matches(toks, {"shared_future": ["<place> <place>? community with shared future"]})
    assert list(hits.columns) == COLUMNS
    row = hits.iloc[0]
    assert row["doc_id"] == "d1" and row["sentence_id"] == 0 and row["sent_index"] == 1
    assert (row["start"], row["end"]) == (13, 56)
    assert row["matched"] == "China-Africa community with a shared future"
    assert row["token_index"] == 3  # they build a [china-africa]
    assert row["pattern"] == "<place> <place>? community with shared future"


def test_find_matches_empty_frame_has_columns_and_dtypes():
    hits = find_matches(tokens_of("Nothing here."), {"x": ["shared future"]})
    assert hits.empty and list(hits.columns) == COLUMNS
    for col in ("sentence_id", "start", "end", "sent_index", "token_index"):
        assert hits[col].dtype == np.int64


def test_find_matches_accepts_one_string_or_compiled_pattern():
    toks = tokens_of("Win-win cooperation.")
    a = find_matches(toks, {"x": "win-win"})
    b = find_matches(toks, {"x": [compile_pattern("win-win")]})
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(TypeError, match="mapping of label"):
        find_matches(toks, ["win-win"])


# --------------------------------------------------------------------------- parse errors


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("shared (future", r"the '\(' at character 8 is never closed"),
        ("shared future)", r"unexpected '\)' at character 14"),
        ("(a|b) c)", r"unexpected '\)' at character 8"),
        ("<planet> community", r"unknown slot '<planet>' at character 1; use one of <country>"),
        ("", r"the pattern is empty"),
        ("   ", r"the pattern is empty"),
        ("multi*polar", r"'\*' and '~' may only end a word, got 'multi\*polar'"),
        ("coun~try", r"'\*' and '~' may only end a word"),
        ("? shared", r"'\?' at character 1 follows nothing"),
        ("(? shared)", r"'\?' at character 2 follows nothing"),
        ("the", r"matches only empty text"),
        ("(the|an)? a?", r"matches only empty text"),
        ("*", r"'\*' contains no word characters|contains no word characters"),
        ("<country", r"unexpected '<' at character 1"),
    ],
)
def test_parse_errors(pattern, message):
    with pytest.raises(ValueError, match=rf"cannot parse pattern {re.escape(repr(pattern))}: "):
        compile_pattern(pattern)
    with pytest.raises(ValueError, match=message):
        compile_pattern(pattern)


def test_too_many_expansions():
    pattern = " ".join(["(a1|b1|c1|d1)"] * 7)  # 4**7 = 16384 sequences
    assert 4**7 > MAX_EXPANSIONS
    with pytest.raises(ValueError, match=rf"expands to more than {MAX_EXPANSIONS} alternatives"):
        compile_pattern(pattern)


def test_compile_pattern_type_and_expansions():
    with pytest.raises(TypeError, match="pattern must be a str, got int"):
        compile_pattern(3)
    p = compile_pattern("(win-win|mutually beneficial) cooperation")
    assert isinstance(p, Pattern) and p.text == "(win-win|mutually beneficial) cooperation"
    assert sorted(len(s) for s in p.sequences) == [3, 3]  # win win coop / mutually beneficial coop
    assert len(compile_pattern("a? b? c").sequences) == 2  # the article 'a' disappears


# --------------------------------------------------------------------------- seeds


SEED_PATTERNS = {
    "shared_future": ["community with shared future", "shared future"],
    "xi": ["president xi jinping?"],
    "multi": ["multipolar*", "multilateral*"],
    "partners": ["<place> (relations|cooperation)"],
    "country": ["country~"],
}


def test_offsets_on_seeds(seeds_corpus):
    hits = find_matches(seeds_corpus.tokens, SEED_PATTERNS)
    assert set(hits["label"]) == set(SEED_PATTERNS)
    texts = dict(zip(seeds_corpus.docs["doc_id"], seeds_corpus.docs["text"], strict=True))
    sents = seeds_corpus.tokens.sentences
    for row in hits.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.matched
        s = sents.iloc[row.sent_index]
        assert s["doc_id"] == row.doc_id and s["sentence_id"] == row.sentence_id
        assert s["start"] <= row.start < row.end <= s["end"]
        assert "\n" not in row.matched
        # the token index points at the token containing the first character
        i = seeds_corpus.doc_ids.index(row.doc_id)
        t = seeds_corpus.tokens.doc_ptr[i] + row.token_index
        assert seeds_corpus.tokens.start[t] <= row.start < seeds_corpus.tokens.end[t]


@pytest.mark.parametrize(
    "phrase",
    [
        "global south",
        "belt and road",
        "major-country diplomacy",
        "shared future",
        "president xi",
        "cooperation",
        "united states",
        "china",
        "u.s.",
        "strategic partnership",
        "human rights",
    ],
)
def test_literal_phrase_agrees_with_regex_on_seeds(seeds_corpus, phrase):
    """Counting a literal phrase (no articles, no wildcards) with find_matches and with re."""
    words = re.split(r"[ -]+", phrase)
    body = r"[ -]+".join(re.escape(w) for w in words)
    # a phrase is delimited by anything that is not part of a word (letters, digits, '.')
    tail = "" if phrase.endswith(".") else r"(?![\w])"
    rx = re.compile(rf"(?<![\w.]){body}{tail}", re.IGNORECASE)
    expected = sum(len(rx.findall(t)) for t in seeds_corpus.docs["text"])
    got = find_matches(seeds_corpus.tokens, {"p": [phrase]})
    assert expected > 0
    assert len(got) == expected


def test_country_slot_does_not_match_the_pronoun_us():
    assert match_text("Join us in building it.", "<country>") == []
    assert match_text("The U.S. and the USA.", "<country>") == ["U.S.", "USA"]
