"""Token-level patterns shared by the slogan lexicon and the frame codebook.

Users never type regular expressions. A pattern is a sequence of space-separated
elements, matched case-insensitively against the tokens of a sentence:

=================  =============================================================
``word``           the token exactly; hyphens do not matter (``win-win`` matches
                   "win-win" and "win win")
``word*``          any token starting with ``word`` (``multipolar*``)
``word~``          any inflection: same Snowball stem (``country~`` matches
                   "country" and "countries")
``(a|b c|d)``      alternatives, each a sequence of elements; groups nest
``X?``             element or group ``X`` is optional
``_``              any one token (``_?``: an optional one-token gap)
``<country>``      a country name; also ``<region>``, ``<nationality>`` and
                   ``<place>`` (any of the three), from ``framing/data/places.yaml``
=================  =============================================================

Articles (*a*, *an*, *the*) are ignored in both the pattern and the text, the
possessive *'s* is dropped, and hyphenated compounds in the text are split into
their parts, so ``community with shared future for mankind`` matches "community
with a shared future for the mankind" and "China-Africa" is the two tokens *china
africa*. A match never crosses a sentence boundary. Curly quotes, dashes, case and
line breaks never matter.

Matching is vectorised: each pattern expands into a few fixed-length sequences of
token-id sets, which are matched with an inverted index over integer token ids.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from framing.text import Tokens, stem_tokens, tokenize, tokenize_corpus

__all__ = ["Pattern", "compile_pattern", "find_matches", "match_text", "slot_words"]

ARTICLES = frozenset({"a", "an", "the"})
SLOTS = ("country", "region", "nationality", "place")
MAX_EXPANSIONS = 4096

# --------------------------------------------------------------------------- atoms


@dataclass(frozen=True)
class _Atom:
    kind: str  # 'lit', 'prefix', 'stem', 'any', 'set'
    value: str | frozenset = ""

    def table(self, stream: _Stream) -> np.ndarray:
        """Boolean mask over the stream's part vocabulary."""
        return self._lookup(stream)[0]

    def _lookup(self, stream: _Stream) -> tuple[np.ndarray, np.ndarray, int]:
        """(mask over the part vocabulary, matching part ids, occurrences in the stream).

        Found through the stream's indexes (a dict of parts, the sorted parts, a dict of
        stems), so the cost grows with the matches, not with the vocabulary.
        """
        key = (self.kind, self.value)
        cached = stream.tables.get(key)
        if cached is not None:
            return cached
        pv = stream.pvocab
        if self.kind == "lit":
            ids = [stream.index[self.value]] if self.value in stream.index else []
        elif self.kind == "set":
            ids = sorted(stream.index[w] for w in self.value if w in stream.index)
        elif self.kind == "prefix":
            ids = stream.prefixed(self.value)
        elif self.kind == "stem":
            ids = stream.stem_index.get(stem_tokens([self.value])[0], [])
        else:  # any
            ids = range(pv.size)
        ids = np.asarray(ids, dtype=np.int64)
        mask = np.zeros(pv.size, dtype=bool)
        mask[ids] = True
        out = (mask, ids, int((stream.ptr[ids + 1] - stream.ptr[ids]).sum()))
        stream.tables[key] = out
        return out


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern: the source text and its expansions.

    Attributes
    ----------
    text : str
        The pattern as written.
    sequences : tuple of tuple of _Atom
        Every fixed-length token sequence the pattern can match.
    """

    text: str
    sequences: tuple


# --------------------------------------------------------------------------- parsing

_LEX_RE = re.compile(r"\s*(?:(?P<op>[()|?])|(?P<slot><[^<>\s]*>)|(?P<word>[^\s()|?<>]+))")


def _lex(pattern: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(pattern):
        m = _LEX_RE.match(pattern, pos)
        if m is None or m.end() == pos:
            if pattern[pos:].strip() == "":
                break
            raise ValueError(
                f"cannot parse pattern {pattern!r}: unexpected {pattern[pos:].strip()[:1]!r} "
                f"at character {pos + 1}"
            )
        kind = m.lastgroup
        out.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    return out


def _word_atoms(word: str, pattern: str) -> list[_Atom]:
    """Turn one pattern word (possibly hyphenated, with * or ~) into atoms."""
    if word == "_":
        return [_Atom("any")]
    suffix = ""
    if word.endswith(("*", "~")):
        word, suffix = word[:-1], word[-1]
    if "*" in word or "~" in word:
        raise ValueError(
            f"cannot parse pattern {pattern!r}: '*' and '~' may only end a word, got {word!r}"
        )
    forms = [t for t, _, _ in tokenize(word)]
    parts = [p for f in forms for p in (f.split("-") if "-" in f else [f]) if p]
    if not parts:
        raise ValueError(f"cannot parse pattern {pattern!r}: {word!r} contains no word characters")
    atoms = [_Atom("lit", p) for p in parts if p not in ARTICLES]
    if not atoms:
        return []
    if suffix == "*":
        atoms[-1] = _Atom("prefix", parts[-1])
    elif suffix == "~":
        atoms[-1] = _Atom("stem", parts[-1])
    return atoms


class _Parser:
    """Recursive-descent parser: seq := item*, item := (word|slot|'(' alt ')') '?'?"""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.toks = _lex(pattern)
        self.i = 0

    def error(self, msg: str) -> ValueError:
        return ValueError(f"cannot parse pattern {self.pattern!r}: {msg}")

    def parse(self) -> list[list[_Atom]]:
        if not self.pattern or not self.pattern.strip():
            raise self.error("the pattern is empty")
        seqs = self.alternatives()
        if self.i < len(self.toks):
            kind, val, pos = self.toks[self.i]
            raise self.error(f"unexpected {val!r} at character {pos + 1}")
        seqs = [s for s in seqs if s]
        if not seqs:
            raise self.error("it matches only empty text (everything is optional or an article)")
        return seqs

    def alternatives(self) -> list[list[_Atom]]:
        out = self.sequence()
        while self.i < len(self.toks) and self.toks[self.i][1] == "|":
            self.i += 1
            out = out + self.sequence()
        return out

    def sequence(self) -> list[list[_Atom]]:
        seqs: list[list[_Atom]] = [[]]
        while self.i < len(self.toks):
            kind, val, pos = self.toks[self.i]
            if kind == "op" and val in ")|":
                break
            if kind == "op" and val == "?":
                raise self.error(f"'?' at character {pos + 1} follows nothing")
            if kind == "op":  # '('
                self.i += 1
                item = self.alternatives()
                if self.i >= len(self.toks) or self.toks[self.i][1] != ")":
                    raise self.error(f"the '(' at character {pos + 1} is never closed")
                self.i += 1
            elif kind == "slot":
                name = val[1:-1].lower()
                if name not in SLOTS:
                    raise self.error(
                        f"unknown slot {val!r} at character {pos + 1}; "
                        f"use one of {', '.join('<' + s + '>' for s in SLOTS)}"
                    )
                item = _slot_sequences(name)
                self.i += 1
            else:
                item = [_word_atoms(val, self.pattern)]
                self.i += 1
            if self.i < len(self.toks) and self.toks[self.i][1] == "?":
                self.i += 1
                item = item + [[]]
            seqs = [a + b for a, b in itertools.product(seqs, item)]
            if len(seqs) > MAX_EXPANSIONS:
                raise self.error(
                    f"it expands to more than {MAX_EXPANSIONS} alternatives; split it into "
                    "several patterns"
                )
        if self.i < len(self.toks) and self.toks[self.i][1] == ")" and not seqs:
            raise self.error("empty group '()'")
        return seqs


@cache
def slot_words(name: str) -> tuple[str, ...]:
    """Return the words behind a slot (``country``, ``region``, ``nationality``, ``place``).

    Examples
    --------
    >>> "brazil" in slot_words("country")
    True
    """
    if name not in SLOTS:
        raise ValueError(f"slot must be one of {SLOTS}, got {name!r}")
    raw = resources.files("framing").joinpath("data/places.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    keys = ("country", "region", "nationality") if name == "place" else (name,)
    words = {" ".join(t for t, _, _ in tokenize(str(w))) for k in keys for w in data[k]}
    return tuple(sorted(words))


@cache
def _slot_sequences(name: str) -> list[list[_Atom]]:
    """A slot as alternatives, one per entry length; positions hold sets of parts.

    Multi-word entries of the same length share one sequence of sets, which can admit
    combinations that are not in the list ("united africa"); such combinations do not
    occur in real text, and the sets keep matching fast.
    """
    by_len: dict[int, list[set[str]]] = {}
    for entry in slot_words(name):
        parts = [p for w in entry.split() for p in w.split("-") if p and p not in ARTICLES]
        sets = by_len.setdefault(len(parts), [set() for _ in parts])
        for s, p in zip(sets, parts, strict=True):
            s.add(p)
    return [[_Atom("set", frozenset(s)) for s in sets] for _, sets in sorted(by_len.items())]


@cache
def compile_pattern(pattern: str) -> Pattern:
    """Compile a pattern string.

    Parameters
    ----------
    pattern : str
        A pattern in the syntax described in :mod:`framing.patterns`.

    Returns
    -------
    Pattern

    Raises
    ------
    ValueError
        If the pattern cannot be parsed; the message names the pattern and the place.

    Examples
    --------
    >>> p = compile_pattern("(win-win|mutually beneficial) cooperation")
    >>> len(p.sequences)
    2
    >>> compile_pattern("shared (future")
    Traceback (most recent call last):
    ...
    ValueError: cannot parse pattern 'shared (future': the '(' at character 8 is never closed
    """
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str, got {type(pattern).__name__}")
    seqs = _Parser(pattern).parse()
    unique = tuple(dict.fromkeys(tuple(s) for s in seqs))
    return Pattern(text=pattern, sequences=unique)


# --------------------------------------------------------------------------- stream


@dataclass(eq=False)
class _Stream:
    """Tokens as matched: compounds split into parts, articles dropped."""

    pvocab: np.ndarray
    pids: np.ndarray
    sent: np.ndarray
    start: np.ndarray
    end: np.ndarray
    order: np.ndarray  # positions sorted by part id (inverted index)
    ptr: np.ndarray  # order[ptr[v]:ptr[v+1]] are the positions of part id v
    tables: dict

    @property
    def pstems(self) -> np.ndarray:
        if "__stems__" not in self.tables:
            self.tables["__stems__"] = np.asarray(stem_tokens(self.pvocab), dtype=object)
        return self.tables["__stems__"]

    @property
    def index(self) -> dict:
        """Part string -> part id."""
        if "__index__" not in self.tables:
            self.tables["__index__"] = {p: i for i, p in enumerate(self.pvocab)}
        return self.tables["__index__"]

    @property
    def stem_index(self) -> dict:
        """Stem -> part ids with that stem, in id order."""
        if "__stem_index__" not in self.tables:
            out: dict = {}
            for i, stem in enumerate(self.pstems):
                out.setdefault(stem, []).append(i)
            self.tables["__stem_index__"] = out
        return self.tables["__stem_index__"]

    def prefixed(self, prefix: str) -> list[int]:
        """Part ids of the parts starting with ``prefix``, in id order."""
        if "__sorted__" not in self.tables:
            order = sorted(range(self.pvocab.size), key=self.pvocab.__getitem__)
            self.tables["__sorted__"] = (order, [self.pvocab[i] for i in order])
        order, words = self.tables["__sorted__"]
        # the parts starting with the prefix are one run of the sorted parts
        lo = bisect.bisect_left(words, prefix)
        hi = lo
        while hi < len(words) and words[hi].startswith(prefix):
            hi += 1
        return sorted(order[lo:hi])


def _stream(tokens: Tokens) -> _Stream:
    cached = tokens._cache.get("match_stream")
    if cached is not None:
        return cached
    parts, rel_start, rel_end, n_parts = [], [], [], []
    for v in tokens.vocab:
        pieces = v.split("-") if "-" in v else [v]
        pos = 0
        for p in pieces:
            parts.append(p)
            rel_start.append(pos)
            rel_end.append(pos + len(p))
            pos += len(p) + 1
        n_parts.append(len(pieces))
    n_parts = np.asarray(n_parts, dtype=np.int64)
    vstart = np.concatenate([[0], np.cumsum(n_parts)[:-1]]).astype(np.int64)
    pcodes, pvocab = pd.factorize(np.asarray(parts, dtype=object))
    rel_start = np.asarray(rel_start, dtype=np.int64)
    rel_end = np.asarray(rel_end, dtype=np.int64)

    n = n_parts[tokens.ids] if tokens.ids.size else np.zeros(0, dtype=np.int64)
    tok = np.repeat(np.arange(tokens.ids.size), n)
    first = np.cumsum(n) - n
    within = np.arange(tok.size) - np.repeat(first, n)
    flat = vstart[tokens.ids[tok]] + within if tok.size else np.zeros(0, dtype=np.int64)
    pids = pcodes[flat].astype(np.int32)
    pvocab = np.asarray(pvocab, dtype=object)
    drop = pd.Index(pvocab).isin(list(ARTICLES) + [""])
    keep = ~drop[pids]
    pids = pids[keep]
    tok = tok[keep]
    flat = flat[keep]
    order = np.argsort(pids, kind="stable")
    ptr = np.searchsorted(pids[order], np.arange(pvocab.size + 1))
    stream = _Stream(
        pvocab=pvocab,
        pids=pids,
        sent=tokens.sent[tok],
        start=tokens.start[tok] + rel_start[flat],
        end=tokens.start[tok] + rel_end[flat],
        order=order,
        ptr=ptr,
        tables={},
    )
    tokens._cache["match_stream"] = stream
    return stream


def _match_sequence(stream: _Stream, seq: tuple[_Atom, ...]) -> np.ndarray:
    """Start positions in the stream where ``seq`` matches inside one sentence."""
    n, length = stream.pids.size, len(seq)
    if length > n:
        return np.zeros(0, dtype=np.int64)
    lookups = [atom._lookup(stream) for atom in seq]
    tables = [mask for mask, _, _ in lookups]
    # anchor on the position with the fewest occurrences, via the inverted index
    sizes = [size for _, _, size in lookups]
    k = int(np.argmin(sizes))
    ids = lookups[k][1]
    if ids.size == 0:
        return np.zeros(0, dtype=np.int64)
    if sizes[k] > n // 4:
        cand = np.flatnonzero(tables[k][stream.pids])
    else:
        cand = np.concatenate([stream.order[stream.ptr[v] : stream.ptr[v + 1]] for v in ids])
    cand = cand - k
    cand = cand[(cand >= 0) & (cand + length <= n)]
    for j, table in enumerate(tables):
        if j != k and cand.size:
            cand = cand[table[stream.pids[cand + j]]]
    if cand.size:
        cand = cand[stream.sent[cand] == stream.sent[cand + length - 1]]
    return np.sort(cand)


def _leftmost_longest(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indices of non-overlapping matches, preferring earlier then longer ones."""
    order = np.lexsort((-lengths, starts))
    keep, reach = [], -1
    for i in order:
        if starts[i] >= reach:
            keep.append(i)
            reach = starts[i] + lengths[i]
    return np.asarray(keep, dtype=np.int64)


def find_matches(
    tokens: Tokens,
    patterns: Mapping[str, Sequence[str | Pattern]],
    *,
    overlap: bool = False,
) -> pd.DataFrame:
    """Find every match of labelled patterns in a tokenised corpus.

    Parameters
    ----------
    tokens : Tokens
        The corpus tokens (``corpus.tokens``).
    patterns : mapping of str to list of (str or Pattern)
        Patterns per label (a slogan family, a frame category...).
    overlap : bool, default False
        If False, overlapping matches of the same label are resolved leftmost-longest
        (the earliest match wins, then the longest); matches of different labels may
        overlap. If True, every match of every pattern is kept.

    Returns
    -------
    DataFrame
        One row per match, columns ``label, doc_id, sentence_id, start, end, matched,
        pattern, sentence, sent_index, token_index``; ``start``/``end`` are character
        offsets into the document's text, ``matched`` is that text, ``pattern`` the
        pattern that matched, ``sent_index`` the row of ``tokens.sentences`` and
        ``token_index`` the position of the first matched token within its document.
        Rows are sorted by document order, start, label.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.text import tokenize_corpus
    >>> df = pd.DataFrame({"doc_id": ["d1"],
    ...                    "text": ["They build a China-Africa community with a shared future."]})
    >>> hits = find_matches(tokenize_corpus(df),
    ...                     {"shared_future": ["<place> <place>? community with shared future"]})
    >>> hits[["label", "matched", "start", "end"]].to_dict("records")
    [{'label': 'shared_future', 'matched': 'China-Africa community with a shared future', \
'start': 13, 'end': 56}]
    """
    if not isinstance(patterns, Mapping):
        raise TypeError("patterns must be a mapping of label -> list of pattern strings")
    stream = _stream(tokens)
    frames = []
    for label, plist in patterns.items():
        if isinstance(plist, str | Pattern):
            plist = [plist]
        starts, lengths, which = [], [], []
        for p in plist:
            cp = p if isinstance(p, Pattern) else compile_pattern(p)
            for seq in cp.sequences:
                s = _match_sequence(stream, seq)
                if s.size:
                    starts.append(s)
                    lengths.append(np.full(s.size, len(seq), dtype=np.int64))
                    which.append(np.full(s.size, cp.text, dtype=object))
        if not starts:
            continue
        s = np.concatenate(starts)
        ln = np.concatenate(lengths)
        w = np.concatenate(which)
        if overlap:
            # identical spans found by two expansions are one match
            span = pd.DataFrame({"s": s, "l": ln}).drop_duplicates()
            keep = span.index.to_numpy()
        else:
            keep = _leftmost_longest(s, ln)
        s, ln, w = s[keep], ln[keep], w[keep]
        frames.append(pd.DataFrame({"label": label, "s": s, "e": s + ln - 1, "pattern": w}))
    return _to_frame(tokens, stream, frames)


_COLUMNS = [
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


def _to_frame(tokens: Tokens, stream: _Stream, frames: list[pd.DataFrame]) -> pd.DataFrame:
    if not frames:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
        for c in ("sentence_id", "start", "end", "sent_index", "token_index"):
            out[c] = out[c].astype(np.int64)
        return out
    m = pd.concat(frames, ignore_index=True)
    sent_index = stream.sent[m["s"].to_numpy()].astype(np.int64)
    sents = tokens.sentences
    start = stream.start[m["s"].to_numpy()]
    end = stream.end[m["e"].to_numpy()]
    s_start = sents["start"].to_numpy()[sent_index]
    s_text = sents["sentence"].to_numpy()[sent_index]
    matched = [t[a - o : b - o] for t, a, b, o in zip(s_text, start, end, s_start, strict=True)]
    # token position within the document, for dispersion plots
    tok_idx = _token_at(tokens, sent_index, start)
    doc_pos = tokens.doc_index
    out = pd.DataFrame(
        {
            "label": m["label"].to_numpy(object),
            "doc_id": sents["doc_id"].to_numpy(object)[sent_index],
            "sentence_id": sents["sentence_id"].to_numpy()[sent_index].astype(np.int64),
            "start": start.astype(np.int64),
            "end": end.astype(np.int64),
            "matched": np.asarray(matched, dtype=object),
            "pattern": m["pattern"].to_numpy(object),
            "sentence": s_text,
            "sent_index": sent_index,
            "token_index": (tok_idx - tokens.doc_ptr[doc_pos[tok_idx]]).astype(np.int64)
            if tok_idx.size
            else tok_idx,
        }
    )
    out = out.sort_values(["sent_index", "start", "label", "end"], kind="stable")
    return out.reset_index(drop=True)


def _token_at(tokens: Tokens, sent_index: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Global index of the token that contains character ``start`` of a sentence."""
    # tokens are sorted by (sentence, start); search the composite key
    key_tokens = tokens.sent.astype(np.int64) * (1 << 32) + tokens.start
    key = sent_index.astype(np.int64) * (1 << 32) + start
    return np.searchsorted(key_tokens, key, side="right") - 1


def match_text(text: str, patterns: Sequence[str] | str) -> list[str]:
    """Return the texts matched by one or more patterns in a string.

    A convenience for trying patterns out and for testing lexicons.

    Parameters
    ----------
    text : str
        Any text; it is normalised and split into sentences first.
    patterns : str or list of str
        Pattern(s), resolved leftmost-longest together.

    Returns
    -------
    list of str

    Examples
    --------
    >>> match_text("We seek win–win and mutually-beneficial cooperation.",
    ...            ["(win-win|mutually beneficial) cooperation"])
    ['mutually-beneficial cooperation']
    >>> match_text("Developing countries and developed ones.", "developing country~")
    ['Developing countries']
    """
    from framing.text import normalize_unicode

    if isinstance(patterns, str):
        patterns = [patterns]
    df = pd.DataFrame({"doc_id": ["text"], "text": [normalize_unicode(text)]})
    return find_matches(tokenize_corpus(df), {"p": list(patterns)})["matched"].tolist()
