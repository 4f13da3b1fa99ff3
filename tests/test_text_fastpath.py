"""framing.text shortcuts: the fast sentence splitter and corpus tokeniser agree with the slow,
obvious definitions (NLTK Punkt on every line; :func:`tokenize` on every sentence).

Randomised texts are built from pieces chosen to hit every branch: abbreviations, initials,
numbers, ellipses, quotes and brackets that Punkt realigns, curly apostrophes, possessives,
acronyms, Greek capital sigma before a possessive, tabs and form feeds.
"""

import random
import re
import textwrap

import numpy as np
import pandas as pd
import pytest

from framing.text import _punkt, split_sentences, tokenize, tokenize_corpus

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


# a line ending like this closes its sentence or is a heading
_LINE_END_RE = re.compile(r"[.?!:;\"')\]]\s*$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the units that sentence splitting works on.

    Normally each line is a unit (one paragraph or heading per line). Two lines are
    joined when the first does not end a sentence and the next starts in lower case
    ("... a community with a" / "shared future for mankind."). In a hard-wrapped text
    (most lines at a fixed width of at most 100 characters) every run of non-blank
    lines is one paragraph. Blank lines always separate units.
    """
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    filled = [line for line in lines if line.strip()]
    width = max((len(line) for line in filled), default=0)
    wrapped = (
        len(filled) >= 4
        and width <= 100
        and sum(len(line) >= 0.6 * width for line in filled) >= 0.6 * len(filled)
    )
    units: list[list[int]] = []
    prev = None
    for line, start in zip(lines, starts, strict=True):
        stripped = line.strip()
        if not stripped:
            prev = None
            continue
        joins = prev is not None and (
            wrapped or (not _LINE_END_RE.search(prev) and stripped[0].islower())
        )
        if joins:
            units[-1][1] = start + len(line)
        else:
            units.append([start, start + len(line)])
        prev = line
    return [(a, b) for a, b in units]


def _punkt_reference(text: str) -> list[tuple[int, int]]:
    """The definition: Punkt's span_tokenize on each paragraph unit that may hold a break.

    Units are lines, with hard-wrapped lines joined (_paragraphs above); line
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


def _random_document(rng: random.Random) -> str:
    """Pieces run together, lines and blank lines, or a text hard-wrapped at some width
    (lines joined into one unit by _paragraphs)."""
    kind = rng.randrange(3)
    if kind == 0:
        return "".join(_random_text(rng) for _ in range(rng.randint(0, 6)))
    if kind == 1:
        lines = [_random_text(rng).replace("\n", " ") for _ in range(rng.randint(1, 8))]
        seps = ["\n", "\n", "\n\n", "\n \n", " \n"]
        return "".join(line + rng.choice(seps) for line in lines)
    words = " ".join(_random_text(rng).replace("\n", " ") for _ in range(rng.randint(4, 30)))
    text = textwrap.fill(words, width=rng.randint(20, 120))
    return text + rng.choice(["", "\nShort line.", "\n\nnext paragraph here"])


@pytest.mark.parametrize("block_chars", [50, 4_000_000])
def test_sentences_of_many_documents_equal_punkt_per_document(block_chars, monkeypatch):
    """Documents split together, in blocks of a few characters or all in one, give
    every document the spans Punkt gives it alone; empty documents have none."""
    from framing import _sentences
    from framing.text import _sentence_spans

    monkeypatch.setattr(_sentences, "BLOCK_CHARS", block_chars)
    rng = random.Random(11)
    texts = [_random_document(rng) for _ in range(700)] + ["", " ", "\n\n", "\n"]
    rng.shuffle(texts)
    starts, ends, counts, sentences = _sentence_spans(texts)
    assert counts.tolist() == [len(_punkt_reference(t)) for t in texts]
    k = 0
    for text, c in zip(texts, counts.tolist(), strict=True):
        spans = list(zip(starts[k : k + c].tolist(), ends[k : k + c].tolist(), strict=True))
        assert spans == _punkt_reference(text), repr(text)
        assert sentences[k : k + c] == [text[a:b] for a, b in spans]
        k += c


def test_character_classes_of_the_sentence_splitter_follow_python_and_punkt():
    """Every code point: white space as str.isspace (re's \\s), Punkt's white space as
    the regex module reads \\s, letters as [^\\W\\d_] reads in Python's terms."""
    import regex

    from framing import _sentences as S

    table = S._flags(0x110000)
    chars = [chr(i) for i in range(0x110000)]
    space = np.fromiter((c.isspace() for c in chars), dtype=bool, count=len(chars))
    letter = np.fromiter(
        (c.isalnum() and not c.isdecimal() and c != "_" for c in chars),
        dtype=bool,
        count=len(chars),
    )
    everything = "".join(chars[:0xD800] + chars[0xE000:])  # regex rejects lone surrogates
    pws = np.zeros(len(chars), dtype=bool)
    for m in regex.finditer(r"\s", everything):
        i = m.start()
        pws[i if i < 0xD800 else i + 0x800] = True
    assert np.array_equal((table & S._SPACE) != 0, space)
    assert np.array_equal((table & S._PWS) != 0, pws)
    assert np.array_equal((table & S._LETTER) != 0, letter)
    assert np.array_equal(table[:128], S._flags(128))
    assert np.flatnonzero(table & S._END).tolist() == [ord("!"), ord("."), ord("?")]


@pytest.mark.parametrize("lowercase", [True, False])
def test_tokenize_corpus_equals_tokenize_per_document(lowercase):
    """The definition: tokenize() on each document; a token is in the sentence it starts in."""
    rng = random.Random(7)
    texts = ["".join(_random_text(rng) for _ in range(rng.randint(1, 8))) for _ in range(300)]
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    toks = tokenize_corpus(frame, lowercase=lowercase)
    forms, starts, ends, sent, lengths = [], [], [], [], []
    sentences = toks.sentences
    assert sentences["sentence"].tolist() == [
        texts[int(d[1:])][a:b]
        for d, a, b in zip(sentences.doc_id, sentences.start, sentences.end, strict=True)
    ]
    spans_of = {d: g.index.tolist() for d, g in sentences.groupby("doc_id", sort=False)}
    for doc_id, text in zip(frame["doc_id"], texts, strict=True):
        found = tokenize(text, lowercase=lowercase)
        lengths.append(len(found))
        for form, a, b in found:
            forms.append(form)
            starts.append(a)
            ends.append(b)
            inside = [i for i in spans_of[doc_id] if sentences.start[i] <= a < sentences.end[i]]
            assert len(inside) == 1, (text, form, a)  # every token starts inside one sentence
            sent.append(inside[0])
    assert toks.vocab[toks.ids].tolist() == forms
    assert toks.start.tolist() == starts
    assert toks.end.tolist() == ends
    assert toks.sent.tolist() == sent
    assert np.diff(toks.doc_ptr).tolist() == lengths
    assert toks.vocab.tolist() == list(dict.fromkeys(forms))  # ids by first appearance
    assert sentences["sentence_id"].tolist() == [
        k for _, g in sentences.groupby("doc_id", sort=False) for k in range(len(g))
    ]
    per_doc = sentences.groupby("doc_id", sort=False).size()
    assert per_doc.index.tolist() == [d for d in frame["doc_id"] if d in set(per_doc.index)]


def test_a_token_is_in_the_sentence_it_starts_in():
    # Punkt ends a sentence after "X.Y." here; the acronym keeps its possessive (no stray
    # "s" token at the start of the next sentence) and stays in the first sentence
    text = "They met X.Y.'s envoy. Then left."
    toks = tokenize_corpus(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert toks.sentences["sentence"].tolist() == ["They met X.Y.", "'s envoy.", "Then left."]
    assert toks.vocab[toks.ids].tolist() == ["they", "met", "x.y.", "envoy", "then", "left"]
    assert toks.sent.tolist() == [0, 0, 0, 1, 2, 2]
    assert text[toks.start[2] : toks.end[2]] == "X.Y."


def test_greek_final_sigma_before_possessive_is_lowered_as_tokenize_does():
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["\u039f\u0394\u039f\u03a3's way."]})
    toks = tokenize_corpus(frame)
    assert toks.vocab[toks.ids].tolist() == [t for t, _, _ in tokenize(frame["text"][0])]
    assert toks.vocab[toks.ids][0] == "\u03bf\u03b4\u03bf\u03c2"  # final sigma


def test_single_word_counts_do_not_split_sentences(seeds_corpus):
    from framing.corpus import load_corpus
    from framing.counts import count_terms
    from framing.keyness import keyness

    corpus = load_corpus(seeds_corpus.docs[["doc_id", "text", "source_type"]])
    count_terms(corpus, by="source_type")
    keyness(corpus, by="source_type", target="party_journal")
    assert "sentences" not in corpus.tokens._cache  # Punkt never ran
    bigrams = count_terms(corpus, ngram_range=(2, 2))
    assert "sentences" in corpus.tokens._cache
    assert len(bigrams) > 0
