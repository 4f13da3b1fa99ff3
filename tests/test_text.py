"""framing.text: normalisation, sentences, tokens, stopwords, stems, integer-coded corpus."""

from importlib import resources

import numpy as np
import pandas as pd
import pytest
from nltk.stem.snowball import SnowballStemmer

from framing.text import (
    load_stopwords,
    normalize_unicode,
    split_sentences,
    stem_tokens,
    tokenize,
    tokenize_corpus,
)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def forms(text: str) -> list[str]:
    return [t for t, _, _ in tokenize(text)]


# --------------------------------------------------------------------------- normalize_unicode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cwin-win\u201d", '"win-win"'),  # curly double quotes
        ("China\u2019s \u2018rise\u2019", "China's 'rise'"),  # curly single quotes
        ("China\u2013Africa", "China-Africa"),  # en dash joins a compound
        ("win\u2011win", "win-win"),  # non-breaking hyphen
        ("2024\u221225", "2024-25"),  # minus sign
        ("peace\u00a0and\u00a0development", "peace and development"),  # NBSP
        ("co\u00adoperation", "cooperation"),  # soft hyphen
        ("zero\u200bwidth\ufeff", "zerowidth"),  # zero-width space, BOM
        ("\ufb01nance", "finance"),  # ligature (NFKC)
        ("a    b\t\tc", "a b c"),  # runs of spaces and tabs
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),  # line endings
        ("  padded line  \n  next  ", "padded line\nnext"),  # lines stripped
        ("peace \u2015 war", "peace \u2014 war"),  # horizontal bar -> em dash
    ],
)
def test_normalize_unicode(raw, expected):
    assert normalize_unicode(raw) == expected


def test_normalize_unicode_keeps_blank_lines_and_em_dash():
    assert normalize_unicode("A\n\nB \u2014 C") == "A\n\nB \u2014 C"


def test_normalize_unicode_rejects_non_str():
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        normalize_unicode(b"bytes")


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and China met in Beijing. They agreed to talk.",
            ["The U.S. and China met in Beijing.", "They agreed to talk."],
        ),
        (
            "He met U.S. officials. Both sides spoke.",
            ["He met U.S. officials.", "Both sides spoke."],
        ),
        (
            "Mr. Wang met Mrs. Li and Dr. Smith. Then they left.",
            ["Mr. Wang met Mrs. Li and Dr. Smith.", "Then they left."],
        ),
        (
            "It appeared in Qiushi Journal, No. 2, 2025. That is all.",
            ["It appeared in Qiushi Journal, No. 2, 2025.", "That is all."],
        ),
        (
            "J. K. Rowling spoke. Antony J. Blinken listened.",
            ["J. K. Rowling spoke.", "Antony J. Blinken listened."],
        ),
        (
            "They met on Jan. 5 in Beijing. On Feb. 6, 2024, they met again.",
            ["They met on Jan. 5 in Beijing.", "On Feb. 6, 2024, they met again."],
        ),
        (
            '"We will win," he said. "Yes." She left.',
            ['"We will win," he said.', '"Yes."', "She left."],
        ),
        (
            'He said "we will win." Then he left.',
            ['He said "we will win."', "Then he left."],
        ),
        (
            "Growth was 5.2 percent. Trade rose e.g. in Asia. Is it? Yes! Sure.",
            ["Growth was 5.2 percent.", "Trade rose e.g. in Asia.", "Is it?", "Yes!", "Sure."],
        ),
        (
            "High-Level Engagement and Dialogue\nThroughout his visit, Liu spoke. He left.",
            ["High-Level Engagement and Dialogue", "Throughout his visit, Liu spoke.", "He left."],
        ),
        ("a line\nwith no full stop\n\n\nlast", ["a line\nwith no full stop", "last"]),
        ("A Heading\nA sentence.\nsaid he.", ["A Heading", "A sentence.", "said he."]),
        (
            "We will build a community with a\nshared future for mankind and promote\n"
            "high-quality growth. It is the aim.\n\nNext paragraph.",
            [
                "We will build a community with a\nshared future for mankind and promote\n"
                "high-quality growth.",
                "It is the aim.",
                "Next paragraph.",
            ],
        ),
        ("", []),
        ("  \n\n \n", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_split_sentences_spans_are_trimmed_offsets():
    text = "  Peace.  \nWar and peace.  "
    spans = split_sentences(text)
    assert spans == [(2, 8), (11, 25)]
    assert [text[a:b] for a, b in spans] == ["Peace.", "War and peace."]


def test_sentences_follow_lines_on_seeds(seeds_corpus):
    """A line per sentence at least, no sentence across lines, nothing left out."""
    for text in seeds_corpus.docs["text"]:
        spans = split_sentences(text)
        covered = np.zeros(len(text), dtype=bool)
        for a, b in spans:
            assert "\n" not in text[a:b]
            assert text[a:b] == text[a:b].strip() and b > a
            covered[a:b] = True
        # every non-space character belongs to some sentence
        assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))
        # spans are in order and disjoint
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))
        n_lines = sum(1 for line in text.split("\n") if line.strip())
        assert len(spans) >= n_lines


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("win-win cooperation", ["win-win", "cooperation"]),
        ("the China-Africa community", ["the", "china-africa", "community"]),
        ("high-quality Belt and Road", ["high-quality", "belt", "and", "road"]),
        ("the U.S. and the U.N. agreed", ["the", "u.s.", "and", "the", "u.n.", "agreed"]),
        ("U.S.-China relations", ["u.s.-china", "relations"]),
        ("China-U.S. relations", ["china-u.s.", "relations"]),
        ("Sino-U.S. ties and pro-U.N. views", ["sino-u.s.", "ties", "and", "pro-u.n.", "views"]),
        ("China's rise", ["china", "rise"]),
        ("China\u2019s rise", ["china", "rise"]),  # curly apostrophe, not normalised
        ("JAMES'S book", ["james", "book"]),
        ("the U.S.'s allies", ["the", "u.s.", "allies"]),
        ("the U.S.\u2019s allies", ["the", "u.s.", "allies"]),
        ("the countries' interests", ["the", "countries", "interests"]),
        ("don't stop", ["don't", "stop"]),
        (
            "244.8 billion, 1,000 people in 2024.",
            ["244.8", "billion", "1,000", "people", "in", "2024"],
        ),
        ('"Peace," (he said) -- war!?', ["peace", "he", "said", "war"]),
        ("naïve café", ["naïve", "café"]),
        ("", []),
    ],
)
def test_tokenize(text, expected):
    assert forms(text) == expected


def test_tokenize_offsets_and_case():
    text = "Xi\u2019s win-win U.S. plan."
    toks = tokenize(text, lowercase=False)
    assert toks == [("Xi", 0, 2), ("win-win", 5, 12), ("U.S.", 13, 17), ("plan", 18, 22)]
    for form, a, b in toks:
        assert text[a:b] == form


def test_en_dash_compound_is_one_token_after_normalisation():
    raw = "China\u2013Africa and Asia\u2013Pacific ties \u2014 and more"
    assert forms(raw)[:2] == ["china", "africa"]  # raw en dash separates
    assert forms(normalize_unicode(raw)) == [
        "china-africa",
        "and",
        "asia-pacific",
        "ties",
        "and",
        "more",
    ]


def test_nbsp_separates_tokens_after_normalisation():
    text = normalize_unicode("win-win\u00a0cooperation")
    assert tokenize(text) == [("win-win", 0, 7), ("cooperation", 8, 19)]


# --------------------------------------------------------------------------- stopwords


def _stopword_file_lines() -> list[str]:
    raw = resources.files("framing").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]


def test_stopword_list_has_179_words_without_duplicates():
    words = _stopword_file_lines()
    assert len(words) == 179
    assert len(set(words)) == len(words), sorted({w for w in words if words.count(w) > 1})
    assert load_stopwords() == frozenset(words)
    assert all(w == w.lower() for w in words)


def test_stopwords_content():
    stop = load_stopwords()
    assert isinstance(stop, frozenset)
    assert {"the", "of", "and", "a", "an", "i", "me", "don't", "it's", "ourselves"} <= stop
    assert not {"china", "peace", "cooperation", "win-win", "u.s."} & stop


# --------------------------------------------------------------------------- stemming


def test_stem_tokens_matches_snowball():
    words = ["countries", "developing", "cooperation", "cooperative", "relations", "peaceful"]
    snowball = SnowballStemmer("english")
    assert stem_tokens(words) == [snowball.stem(w) for w in words]
    assert stem_tokens(["countries", "developing"]) == ["countri", "develop"]


def test_stem_tokens_stems_compounds_part_by_part():
    assert stem_tokens(["win-wins", "major-countries"]) == ["win-win", "major-countri"]
    assert stem_tokens([]) == []


# --------------------------------------------------------------------------- tokenize_corpus


def test_tokenize_corpus_offsets_on_seeds(seeds_corpus):
    """text[start:end] is the token as written, for every token of every seed."""
    toks = seeds_corpus.tokens
    assert toks.n_docs == 5 and toks.n_tokens > 5000
    for i, text in enumerate(seeds_corpus.docs["text"]):
        lo, hi = toks.doc_ptr[i], toks.doc_ptr[i + 1]
        for form, a, b in zip(
            toks.vocab[toks.ids[lo:hi]], toks.start[lo:hi], toks.end[lo:hi], strict=True
        ):
            span = text[a:b].lower().replace("\u2019", "'")
            assert span == form or span.removesuffix("'s") == form, (span, form)


def test_tokenize_corpus_agrees_with_tokenize_on_seeds(seeds_corpus):
    """Splitting into sentences first loses and changes no token."""
    toks = seeds_corpus.tokens
    for i, text in enumerate(seeds_corpus.docs["text"]):
        lo, hi = toks.doc_ptr[i], toks.doc_ptr[i + 1]
        got = list(
            zip(
                toks.vocab[toks.ids[lo:hi]],
                toks.start[lo:hi].tolist(),
                toks.end[lo:hi].tolist(),
                strict=True,
            )
        )
        assert got == tokenize(text)


def test_tokenize_corpus_sentences_on_seeds(seeds_corpus):
    toks = seeds_corpus.tokens
    sents = toks.sentences
    assert list(sents.columns) == ["doc_id", "sentence_id", "start", "end", "sentence"]
    texts = dict(zip(seeds_corpus.docs["doc_id"], seeds_corpus.docs["text"], strict=True))
    for doc_id, group in sents.groupby("doc_id", sort=False):
        assert group["sentence_id"].tolist() == list(range(len(group)))
        assert [
            (a, b) for a, b in zip(group["start"], group["end"], strict=True)
        ] == split_sentences(texts[doc_id])
        for row in group.itertuples():
            assert texts[doc_id][row.start : row.end] == row.sentence
    # each token lies inside its sentence, sentences only increase
    assert np.all(np.diff(toks.sent) >= 0)
    assert np.all(toks.start >= sents["start"].to_numpy()[toks.sent])
    assert np.all(toks.end <= sents["end"].to_numpy()[toks.sent])
    doc_of_sentence = sents["doc_id"].to_numpy(object)[toks.sent]
    assert np.array_equal(doc_of_sentence, toks.doc_ids[toks.doc_index])


def test_tokenize_corpus_structure_on_toy():
    df = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": ["Win-win ties. Peace.", "Peace!", "..."]}
    )
    toks = tokenize_corpus(df)
    assert list(toks.vocab[toks.ids]) == ["win-win", "ties", "peace", "peace"]
    assert toks.ids.dtype == np.int32 and toks.doc_ptr.dtype == np.int64
    assert toks.doc_ptr.tolist() == [0, 3, 4, 4]  # 'c' has no tokens
    assert toks.doc_lengths.tolist() == [3, 1, 0]
    assert toks.doc_index.tolist() == [0, 0, 0, 1]
    assert toks.sent.tolist() == [0, 0, 1, 2]
    assert toks.sentences["sentence"].tolist() == ["Win-win ties.", "Peace.", "Peace!", "..."]
    assert toks.sentences["sentence_id"].tolist() == [0, 1, 0, 0]
    assert list(toks.doc_ids) == ["a", "b", "c"]
    assert sorted(toks.vocab) == ["peace", "ties", "win-win"]  # each form coded once


def test_is_stop_and_stemmed_agree_with_direct_computation(seeds_corpus):
    toks = seeds_corpus.tokens
    stop = load_stopwords()
    assert toks.is_stop.tolist() == [v in stop for v in toks.vocab]
    stem_vocab, stem_ids = toks.stemmed()
    assert stem_ids.shape == toks.ids.shape
    assert list(stem_vocab[stem_ids]) == stem_tokens(toks.vocab[toks.ids])


def test_tokenize_corpus_rejects_bad_input():
    with pytest.raises(TypeError, match="'doc_id' and 'text'"):
        tokenize_corpus(pd.DataFrame({"id": ["a"], "body": ["x"]}))
    with pytest.raises(TypeError, match="Corpus or a DataFrame"):
        tokenize_corpus(["a text"])
