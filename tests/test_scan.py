"""The array tokeniser finds exactly the tokens of the regular expression in tokenize()."""

import random

import numpy as np
import pandas as pd
import pytest

import framing._scan as scan
from framing.text import _TOKEN_RE, tokenize, tokenize_corpus


def _reference(texts, lowercase):
    """Tokens, offsets and document lengths from tokenize(), one document at a time."""
    forms, starts, ends, lengths = [], [], [], []
    for text in texts:
        found = tokenize(text, lowercase=lowercase)
        lengths.append(len(found))
        for form, start, end in found:
            forms.append(form)
            starts.append(start)
            ends.append(end)
    return forms, starts, ends, lengths


def _check(texts, lowercase=True):
    out = scan.scan_tokens(texts, lowercase=lowercase, token_re=_TOKEN_RE)
    forms, starts, ends, lengths = _reference(texts, lowercase)
    assert out["vocab"][out["ids"]].tolist() == forms, texts
    assert out["start"].tolist() == starts, texts
    assert out["end"].tolist() == ends, texts
    assert out["doc_lengths"].tolist() == lengths, texts
    # ids are numbered by first appearance, one per distinct form
    assert out["vocab"].tolist() == list(dict.fromkeys(forms))
    assert out["ids"].dtype == np.int32


# pieces chosen to reach every branch: plain words, joiners, numbers, acronyms,
# possessives (straight and curly), tokens around the 8-character word boundaries of
# the packing and past its 32-character limit, non-ASCII letters whose lower case
# changes length, digits of other scripts, a lone surrogate, separators of all kinds
_WORDS = [
    "china",
    "Win",
    "S",
    "s",
    "U",
    "e",
    "abcdefgh",
    "abcdefghi",
    "abcdefghijklmnop",
    "abcdefghijklmnopq",
    "x" * 24,
    "y" * 25,
    "z" * 32,
    "w" * 33,
    "é" * 3,
    "2024",
    "7",
    "İstanbul",
    "ΣΑΣ",
    "Straße",
    "ǅemal",
    "\u0663\u0664",
    "x\ud800y",
    "a_b",
    "²",
]
_SEPARATORS = [
    " ",
    "-",
    "'",
    ".",
    ",",
    "\u2019",
    "--",
    ". ",
    ", ",
    "\n",
    "'s ",
    "\u2019s",
    "_",
    "-'",
    ".-",
    "\u2013",
    "\xa0",
    "\x1c",
    "...",
    "\n\n",
    "'",
    "'S",
    ".,",
    "!",
]


@pytest.mark.parametrize("seed", range(6))
def test_randomised_texts_match_the_expression(seed):
    rng = random.Random(seed)
    for _ in range(400):
        texts = [
            "".join(rng.choice(_WORDS) + rng.choice(_SEPARATORS) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 4))
        ]
        _check(texts, lowercase=rng.random() < 0.7)


@pytest.mark.parametrize("seed", range(3))
def test_randomised_characters_match_the_expression(seed):
    alphabet = list("abcsS'-.,  \n09Xé\u2019_ü!?\"İß\u00b2\u0663Σ") + ["U.S.", "e.g.", "1,000"]
    rng = random.Random(100 + seed)
    for _ in range(500):
        texts = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            for _ in range(rng.randint(0, 4))
        ]
        _check(texts, lowercase=rng.random() < 0.8)


@pytest.mark.parametrize(
    "text",
    [
        "China's U.S.-led win-win plan, 1,000 people and 244.8 yuan in 2024-25.",
        "The U.S.'s role; the states' views; rock'n'roll; don't; e.g. this.",
        "end.Next a--b a.-b x-a.b.c 3.5abc 35abc .5 'tis -word word-",
        "ΣΑΣ'S Straße's İstanbul's naïve résumé",
        "",
        "   ",
        "-- ... ''",
    ],
)
def test_hand_picked_texts_match_the_expression(text):
    _check([text])
    _check([text], lowercase=False)


def test_blocks_are_joined_as_one_pass(monkeypatch):
    """Many small blocks number tokens as one pass over all documents would."""
    rng = random.Random(7)
    texts = [
        " ".join(
            rng.choice(["China's", "win-win", "U.S.", "peace", "Peace", "1,000", "ΣΑΣ"])
            for _ in range(rng.randint(0, 30))
        )
        for _ in range(60)
    ]
    whole = scan.scan_tokens(texts, lowercase=True, token_re=_TOKEN_RE)
    monkeypatch.setattr(scan, "BLOCK_CHARS", 50)
    blocks = scan.scan_tokens(texts, lowercase=True, token_re=_TOKEN_RE)
    for key in whole:
        np.testing.assert_array_equal(whole[key], blocks[key])
    _check(texts)


def test_empty_documents_keep_their_place():
    out = scan.scan_tokens(["", "Peace.", "", "", "peace"], lowercase=True, token_re=_TOKEN_RE)
    assert out["doc_lengths"].tolist() == [0, 1, 0, 0, 1]
    assert out["ids"].tolist() == [0, 0]
    out = scan.scan_tokens(["", " ... "], lowercase=True, token_re=_TOKEN_RE)
    assert out["doc_lengths"].tolist() == [0, 0] and out["vocab"].size == 0


def test_tokenize_corpus_uses_it():
    texts = ["The U.S.'s and China\u2019s win-win ties.", "Win-Win TIES, 1,000 times."]
    toks = tokenize_corpus(pd.DataFrame({"doc_id": ["a", "b"], "text": texts}))
    forms, starts, ends, lengths = _reference(texts, lowercase=True)
    assert toks.vocab[toks.ids].tolist() == forms
    assert toks.start.tolist() == starts and toks.end.tolist() == ends
    assert np.diff(toks.doc_ptr).tolist() == lengths


def test_character_classes_agree_with_the_expression_engine():
    """Every code point is a word character for the table exactly when ``re`` says so."""
    import re

    table = scan._classes(0x110000)
    word = re.compile(r"[^\W_]")
    wrong = [
        cp
        for cp in range(0x110000)
        if (table[cp] == scan._WORD) != (word.match(chr(cp)) is not None)
    ]
    assert wrong == []
    assert table[ord("-")] == table[ord("'")] == scan._JOIN
    assert table[ord(".")] == table[ord(",")] == scan._STOP
    assert table[ord("_")] == table[ord(" ")] == table[ord("\u2019")] == scan._OTHER
