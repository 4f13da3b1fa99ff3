"""Text processing: Unicode normalisation, sentences, tokens and integer token ids.

Everything here works offline. Sentence splitting uses NLTK's Punkt algorithm with a
shipped abbreviation list instead of a downloaded model; word tokenisation is a
regular expression that keeps hyphenated compounds ("win-win", "China-Africa") and
acronyms ("U.S.") whole and strips the possessive ``'s``/``’s``; stemming uses NLTK's
Snowball stemmer, which needs no data files.

Tokens of a whole corpus are mapped to integer ids once (:func:`tokenize_corpus`), so
that counting downstream works on numpy arrays rather than on Python strings. For a
corpus the same tokens are found with array operations over all its characters
(``framing/_scan.py``), the expression itself only where the text is not plain; the
same goes for sentences (``framing/_sentences.py``), which ask Punkt only about the
candidate breaks whose answer is not certain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from framing._parallel import map_chunks
from framing._scan import merge_parts, scan_tokens
from framing._sentences import sentence_spans

__all__ = [
    "Tokens",
    "load_stopwords",
    "normalize_unicode",
    "split_sentences",
    "stem_tokens",
    "tokenize",
    "tokenize_corpus",
]

# --------------------------------------------------------------------------- unicode

_CHAR_MAP = {
    # single quotes and apostrophes
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    # double quotes
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    # hyphens and en dashes join compounds ("China–Africa", "2024–25")
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
    # em dashes and the horizontal bar separate words; keep one canonical form
    "\u2015": "\u2014",
    # invisible characters
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u2060": "",
}
_CHAR_TABLE = str.maketrans(_CHAR_MAP)
_SPACES_RE = re.compile(r"[^\S\n]+")
# the white space of ASCII other than " " and "\n" (after "\r" has become "\n")
_ASCII_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f"


def normalize_unicode(text: str) -> str:
    """Normalise quotes, dashes, spaces and line breaks.

    Applies Unicode NFKC normalisation (which also turns non-breaking spaces and
    ligatures into their plain forms), maps curly quotes to straight ones, hyphens and
    en dashes to ``-``, removes soft hyphens and zero-width characters, turns ``\\r\\n``
    and ``\\r`` into ``\\n`` and collapses runs of spaces within a line.

    Parameters
    ----------
    text : str
        Raw text.

    Returns
    -------
    str
        Normalised text.

    Examples
    --------
    >>> normalize_unicode("China\u2013Africa \u201cwin\u2011win\u201d\u00a0cooperation")
    'China-Africa "win-win" cooperation'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_TABLE)
    if not (text.isascii() and "  " not in text and not any(c in text for c in _ASCII_SPACES)):
        # a regular-expression pass costs a step per character: skip it when a few
        # substring searches show there is nothing to collapse
        text = _SPACES_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# --------------------------------------------------------------------------- sentences

# Abbreviations that do not end a sentence, lower case and without the final period
# (Punkt's convention). Single letters are included so that initials ("J. K.") and
# the parts of "U.S." never end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt maj sgt capt cmdr adm gov sen rep
    pres amb hon rev fr messrs mme mlle esq
    no nos vol vols pp p para art sec fig figs ch eq ed eds est approx ca cf
    e.g i.e etc vs viz al
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc ltd co corp bros dept univ assn natl intl govt
    u.s u.k u.n e.u u.s.a u.s.s.r p.r.c d.c a.m p.m ph.d
    """.split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")


@cache
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences, returned as character spans.

    Every line is split on its own, so a heading without a final full stop is a
    sentence of its own, except that hard-wrapped lines are joined again: a line that
    does not end in sentence punctuation (``.?!:;"')]``) is joined to the next when
    that one starts in lower case, and in a text wrapped at a fixed width (at least
    four lines that are not blank, the longest at most 100 characters, and 60% of
    them at least 60% as long as the longest) every run of lines without a blank one
    is one paragraph. Inside such a unit NLTK's Punkt algorithm decides, with a
    shipped list of abbreviations ("U.S.", "Mr.", "No.", month names, single-letter
    initials) instead of a downloaded model; a unit without a ``.?!`` (perhaps
    followed by closing quotes or brackets) before white space and more text is one
    sentence. Line breaks inside a unit are read as spaces.

    Parameters
    ----------
    text : str
        A (normalised) document.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` character offsets of each sentence, in order; blank lines
        give no sentence.

    Examples
    --------
    >>> s = "Mr. Wang met U.S. envoys on Jan. 5. They talked.\\nA heading"
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['Mr. Wang met U.S. envoys on Jan. 5.', 'They talked.', 'A heading']
    >>> s = "They build a community with a\\nshared future. Next."
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['They build a community with a\\nshared future.', 'Next.']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    starts, ends, _, _ = _sentence_spans([text])
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


# --------------------------------------------------------------------------- tokens

_ACRONYM = r"(?:[^\W\d_]\.){2,}"  # U.S., U.N., e.g.
# Every token starts with a letter or digit; what follows the first one decides:
#   \d+(?:[.,]\d+)+                numbers with separators: 244.8, 1,000
#   (?:ACRONYM|[^\W_]+)(?:[-'](?:ACRONYM|[^\W_]+))*
#                                  words and acronyms ("U.S."), joined by hyphens into
#                                  compounds ("win-win", "China-U.S.") or apostrophes
#                                  ("don't", "U.S.'s")
# are tried in this order. Written with the first character taken out of the
# alternatives (the look-behinds check what it was), the expression finds the same
# tokens, and the engine can skip spaces and punctuation without trying each branch.
_TOKEN_RE = re.compile(
    r"[^\W_](?:"
    r"(?<=\d)\d*(?:[.,]\d+)+"
    r"|(?:(?<=[^\W\d_])\.(?:[^\W\d_]\.)+|[^\W_]*)"
    rf"(?:[-'](?:{_ACRONYM}|[^\W_]+))*"
    r")"
)


def tokenize(text: str, *, lowercase: bool = True) -> list[tuple[str, int, int]]:
    """Split text into word tokens with their character offsets.

    Hyphenated compounds stay one token ("win-win", "China-Africa",
    "high-quality"); acronyms keep their periods ("U.S."); the possessive ``'s``
    (straight or curly) is stripped, so "China's" and "China’s" both give
    ``china``. Punctuation is dropped. Expects normalised text
    (:func:`normalize_unicode`); curly apostrophes are handled either way.

    Parameters
    ----------
    text : str
        Text to tokenise.
    lowercase : bool, default True
        Lower-case the token forms (offsets always point into ``text``).

    Returns
    -------
    list of (str, int, int)
        ``(token, start, end)`` triples.

    Examples
    --------
    >>> [t for t, _, _ in tokenize("China’s win-win plan with the U.S. in 2024.")]
    ['china', 'win-win', 'plan', 'with', 'the', 'u.s.', 'in', '2024']
    """
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        start, end = m.start(), m.end()
        if tok.endswith(("'s", "'S")) and len(tok) > 2:
            tok = tok[:-2]
            end -= 2
        out.append((tok.lower() if lowercase else tok, start, end))
    return out


@cache
def load_stopwords() -> frozenset[str]:
    """Return the shipped English stopword list.

    The list (``framing/data/stopwords_en.txt``) is NLTK's English stopword list
    (179 words, shipped here so that nothing is downloaded) plus a few forms that our
    tokeniser produces, such as contractions with a straight apostrophe.

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> {"the", "of", "and"} <= load_stopwords()
    True
    >>> "china" in load_stopwords()
    False
    """
    raw = resources.files("framing").joinpath("data/stopwords_en.txt").read_text("utf-8")
    words = [w.strip() for w in raw.splitlines()]
    return frozenset(w for w in words if w and not w.startswith("#"))


@cache
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def stem_tokens(tokens) -> list[str]:
    """Stem tokens with NLTK's English Snowball stemmer (no data download).

    Hyphenated compounds are stemmed part by part ("win-wins" -> "win-win").

    Parameters
    ----------
    tokens : iterable of str

    Returns
    -------
    list of str

    Examples
    --------
    >>> stem_tokens(["countries", "developing", "win-win"])
    ['countri', 'develop', 'win-win']
    """
    stem = _stem
    return ["-".join(stem(p) for p in t.split("-")) if "-" in t else stem(t) for t in tokens]


@lru_cache(maxsize=1 << 18)
def _stem(word: str) -> str:
    """Snowball stem of one word, remembered: chunks of a corpus share most of their words."""
    return _stemmer().stem(word)


@dataclass(eq=False)
class Tokens:
    """Integer-coded tokens of a whole corpus (internal representation).

    Tokens are found in each document's whole text; a token belongs to the sentence
    in which it starts. Sentences are worked out on first use of :attr:`sent` or
    :attr:`sentences` (counting single words does not need them).

    Attributes
    ----------
    vocab : ndarray of object
        Token form of each id (ids are numbered in order of first appearance).
    ids : ndarray of int32
        Token ids of all documents, concatenated in document order.
    doc_ptr : ndarray of int64
        ``ids[doc_ptr[i]:doc_ptr[i + 1]]`` are the tokens of document ``i``.
    start, end : ndarray of int64
        Character offsets of each token in its document's text (``end`` excludes a
        stripped possessive ``'s``).
    doc_ids : ndarray of object
        Document ids, in order.
    sent : ndarray of int32
        Global sentence index of each token (a row of :attr:`sentences`).
    sentences : DataFrame
        One row per sentence: ``doc_id, sentence_id, start, end, sentence``;
        ``sentence_id`` counts from 0 within each document, the row number is the
        global sentence index used in :attr:`sent`.
    """

    vocab: np.ndarray
    ids: np.ndarray
    doc_ptr: np.ndarray
    start: np.ndarray
    end: np.ndarray
    doc_ids: np.ndarray
    texts: list = field(repr=False)
    n_jobs: int | None = field(default=None, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def sent(self) -> np.ndarray:
        """Global sentence index of each token."""
        return self._sentence_index()[0]

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``doc_id, sentence_id, start, end, sentence``."""
        return self._sentence_index()[1]

    def _sentence_index(self) -> tuple[np.ndarray, pd.DataFrame]:
        if "sentences" not in self._cache:
            self._cache["sentences"] = _sentence_index(self)
        return self._cache["sentences"]

    @property
    def n_tokens(self) -> int:
        return int(self.ids.size)

    @property
    def n_docs(self) -> int:
        return int(self.doc_ids.size)

    @property
    def doc_index(self) -> np.ndarray:
        """Document position (0..n_docs-1) of each token."""
        if "doc_index" not in self._cache:
            lengths = np.diff(self.doc_ptr)
            self._cache["doc_index"] = np.repeat(np.arange(self.n_docs, dtype=np.int32), lengths)
        return self._cache["doc_index"]

    @property
    def doc_lengths(self) -> np.ndarray:
        """Number of tokens per document."""
        return np.diff(self.doc_ptr)

    @property
    def is_stop(self) -> np.ndarray:
        """Boolean mask over the vocabulary: is the token a stopword?"""
        if "is_stop" not in self._cache:
            stop = load_stopwords()
            self._cache["is_stop"] = np.fromiter(
                (v in stop for v in self.vocab), dtype=bool, count=self.vocab.size
            )
        return self._cache["is_stop"]

    def stemmed(self) -> tuple[np.ndarray, np.ndarray]:
        """Map ids to stem ids: returns ``(stem_vocab, stem_ids)`` for all tokens."""
        if "stemmed" not in self._cache:
            codes, uniques = pd.factorize(np.asarray(stem_tokens(self.vocab), dtype=object))
            self._cache["stemmed"] = (
                np.asarray(uniques, dtype=object),
                codes.astype(np.int32)[self.ids],
            )
        return self._cache["stemmed"]


def tokenize_corpus(docs, *, lowercase: bool = True, n_jobs: int | None = None) -> Tokens:
    """Tokenise every document and code the tokens as integers.

    Parameters
    ----------
    docs : Corpus or DataFrame
        A :class:`~framing.corpus.Corpus`, or a DataFrame with ``doc_id`` and ``text``.
    lowercase : bool, default True
        Lower-case token forms.
    n_jobs : int or None, default None
        Worker processes to tokenise in and, later, to split sentences in
        (scikit-learn's convention: ``None`` or 1 for none, -1 for every CPU). Each
        takes a contiguous run of documents; the result is the same whatever the
        number. Corpora under about two million characters are always processed in
        this process.

    Returns
    -------
    Tokens
        The integer-coded corpus; see :class:`Tokens`. Token ids are numbered in order
        of first appearance.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Win-win ties. Peace.", "Peace!"]})
    >>> toks = tokenize_corpus(df)
    >>> list(toks.vocab[toks.ids]), toks.doc_ptr.tolist(), toks.sent.tolist()
    (['win-win', 'ties', 'peace', 'peace'], [0, 3, 4], [0, 0, 1, 2])
    """
    frame = getattr(docs, "docs", docs)
    if not isinstance(frame, pd.DataFrame) or not {"doc_id", "text"} <= set(frame.columns):
        raise TypeError("docs must be a Corpus or a DataFrame with 'doc_id' and 'text' columns")
    texts = frame["text"].tolist()
    found = merge_parts(
        map_chunks(scan_tokens, texts, n_jobs=n_jobs, lowercase=lowercase, token_re=_TOKEN_RE)
    )
    return Tokens(
        vocab=found["vocab"],
        ids=found["ids"],
        doc_ptr=np.concatenate([[0], np.cumsum(found["doc_lengths"])]).astype(np.int64),
        start=found["start"],
        end=found["end"],
        doc_ids=np.asarray(frame["doc_id"].tolist(), dtype=object),
        texts=texts,
        n_jobs=n_jobs,
    )


def _sentence_index(tokens: Tokens) -> tuple[np.ndarray, pd.DataFrame]:
    """The sentence of each token and the sentence table (see :attr:`Tokens.sentences`)."""
    texts = tokens.texts
    parts = map_chunks(_sentence_spans, texts, n_jobs=tokens.n_jobs)
    s_start = np.concatenate([p[0] for p in parts])
    s_end = np.concatenate([p[1] for p in parts])
    n_sent_doc = np.concatenate([p[2] for p in parts])
    first_sentence = np.cumsum(n_sent_doc) - n_sent_doc
    sent_doc = np.repeat(np.arange(n_sent_doc.size, dtype=np.int64), n_sent_doc)
    # positions in the documents run together (each followed by one separator)
    base = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1, out=base[1:])
    doc_of_token = tokens.doc_index
    # a token's sentence is the last that starts at or before it: place each sentence
    # start among the tokens (a search per sentence, not per token) and count
    first_token = np.searchsorted(tokens.start + base[doc_of_token], s_start + base[sent_doc])
    sent = np.cumsum(np.bincount(first_token, minlength=tokens.n_tokens + 1)[:-1]) - 1
    # a token before its document's first sentence (not produced by split_sentences,
    # whose spans cover every character but white space) would count as the first
    if sent.size:
        sent = np.maximum(sent, first_sentence[doc_of_token])
    sentences = pd.DataFrame(
        {
            "doc_id": pd.Series(np.repeat(tokens.doc_ids, n_sent_doc), dtype=object),
            "sentence_id": np.arange(sent_doc.size, dtype=np.int64) - first_sentence[sent_doc],
            "start": s_start,
            "end": s_end,
            "sentence": pd.Series([s for p in parts for s in p[3]], dtype=object),
        }
    )
    return sent.astype(np.int32), sentences


def _sentence_spans(texts: list[str]) -> tuple:
    """Sentence starts, ends, counts per document and texts of some documents.

    :func:`split_sentences` for many documents at once, with array operations
    (``framing/_sentences.py``); a module-level function, so that workers can run it.
    """
    return sentence_spans(texts, punkt=_punkt(), abbreviations=_ABBREVIATIONS)
