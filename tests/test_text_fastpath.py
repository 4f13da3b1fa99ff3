"""framing.text shortcuts: the fast sentence splitter and corpus tokeniser agree with the slow,
obvious definitions (NLTK Punkt on every line; :func:`tokenize` on every sentence).

Randomised texts are built from pieces chosen to hit every branch: abbreviations, initials,
numbers, ellipses, quotes and brackets that Punkt realigns, curly apostrophes, possessives,
acronyms, Greek capital sigma before a possessive, tabs and form feeds.
"""

import random
import re

import numpy as np
import pandas as pd
import pytest

from framing.text import _paragraphs, _punkt, split_sentences, tokenize, tokenize_corpus

PIECES = [
    "word", "Word", "the", "They", "Mr.", "U.S.", "e.g.", "No.", "J.", "2024.", "5.2", "5.",
    ".", "?", "!", "...", "..", '"', "'", ")", "(", "--", ",", ";", "\u201d", "\u201c", "i.e.",
    "Jan.", "a.", "X.", "end.", "end?", "end!", 'end."', "end.)", "end?!", "U.S.A.", "non-U.S.",
    "-", "ok.'", "\xab", "\xbb", "}", "[", "]", ":", "@", "*", "#", "&", "`", "\xdcn\xefcode.",
    "\u0130stanbul.", "3rd.", "1,000.", "etc.", "St.", "vs.", "p.m.", "A", "\xdf.", "China's",
    "China\u2019s", "U.S.'s", "X.Y.'s", "win-win", "China-U.S.", "don't", "x's's", "IT'S",
    "\u039f\u0394\u039f\u03a3's", "\u03a3\u0391\u03a3", "\u2163", "\ufb01ne", "a_b", "end.'s",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\t", "\x0c", ". ", "? ", "\x1c", "\x85", "\u2028"]


def _random_text(rng: random.Random) -> str:
    n = rng.randint(1, 16)
    text = "".join(rng.choice(PIECES) + rng.choice(SEPARATORS) for _ in range(n))
    return (" " + text) if rng.random() < 0.3 else text


def _punkt_reference(text: str) -> list[tuple[int, int]]:
    """The definition: Punkt's span_tokenize on each paragraph unit that may hold a break.

    Units are lines, with hard-wrapped lines joined (framing.text._paragraphs); line
    breaks inside a unit are read as spaces.
    """
    spans = []
    for offset, end in _paragraphs(text):
        line = text[offset:end].replace("\n", " ")
        if re.search(r"[.?!][\"')\]]*\s+\S", line):
            spans += [(offset + a, offset + b) for a, b in _punkt().span_tokenize(line)]
        else:  # a unit without a candidate break is one sentence
            lead = len(line) - len(line.lstrip())
            spans.append((offset + lead, offset + len(line.rstrip())))
    return spans


@pytest.mark.parametrize("seed", range(4))
def test_split_sentences_equals_punkt_on_every_line(seed):
    rng = random.Random(seed)
    for _ in range(1000):
        text = _random_text(rng)
        assert split_sentences(text) == _punkt_reference(text), repr(text)


@pytest.mark.parametrize("lowercase", [True, False])
def test_tokenize_corpus_equals_tokenize_per_sentence(lowercase):
    rng = random.Random(7)
    texts = ["".join(_random_text(rng) for _ in range(rng.randint(1, 8))) for _ in range(300)]
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    toks = tokenize_corpus(frame, lowercase=lowercase)
    forms, starts, ends, sent = [], [], [], []
    for i, row in enumerate(toks.sentences.itertuples(index=False)):
        text = texts[int(row.doc_id[1:])]
        assert row.sentence == text[row.start : row.end]
        for form, a, b in tokenize(row.sentence, lowercase=lowercase):
            forms.append(form)
            starts.append(row.start + a)
            ends.append(row.start + b)
            sent.append(i)
    assert toks.vocab[toks.ids].tolist() == forms
    assert toks.start.tolist() == starts
    assert toks.end.tolist() == ends
    assert toks.sent.tolist() == sent
    assert toks.sentences["sentence_id"].tolist() == [
        k for _, g in toks.sentences.groupby("doc_id", sort=False) for k in range(len(g))
    ]
    per_doc = toks.sentences.groupby("doc_id", sort=False).size()
    assert per_doc.index.tolist() == [d for d in frame["doc_id"] if d in set(per_doc.index)]
    assert np.diff(toks.doc_ptr).sum() == len(forms)


def test_greek_final_sigma_before_possessive_is_lowered_as_tokenize_does():
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["\u039f\u0394\u039f\u03a3's way."]})
    toks = tokenize_corpus(frame)
    assert toks.vocab[toks.ids].tolist() == [t for t, _, _ in tokenize(frame["text"][0])]
    assert toks.vocab[toks.ids][0] == "\u03bf\u03b4\u03bf\u03c2"  # final sigma
