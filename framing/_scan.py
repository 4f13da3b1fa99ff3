"""Word tokens of many documents found with array operations (internal).

:func:`framing.text.tokenize` defines the tokens with a regular expression; this module
finds the same tokens, with the same offsets, for a whole run of documents at once,
without making a Python string per token. It is what :func:`framing.text.tokenize_corpus`
uses.

How. Characters fall into four classes: word characters (letters and digits, ``\\w``
without ``_``), the joiners ``-`` and ``'``, the separators ``.`` and ``,`` that join
only inside numbers and acronyms, and everything else. A token never contains a
character of the last class, so the text falls apart into *clusters* (runs of the first
three classes) that are tokenised independently. In nearly every cluster the
expression's answer is plain: runs of word characters linked by single joiners
("win-win", "China's", "2024-25") make one token from the first word character to the
last. A cluster where a ``.`` or ``,`` or two joiners in a row stand between word
characters ("U.S.", "1,000", "e.g.", "end.Next", "a--b") is handed to the expression
itself, limited to that cluster. Tokens of at most 32 ASCII characters are packed into
four 64-bit integers and numbered exactly (no hashing); the rest become strings. Forms
(lower case, possessive ``'s`` dropped) are then made once per distinct token.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

_OTHER, _WORD, _JOIN, _STOP = 0, 1, 2, 3
# longest token packed into integers (4 words of 8 bytes); longer ones become strings
_PACK_WORDS = 4


@cache
def _classes(size: int) -> np.ndarray:
    """Class of every code point below ``size`` (128 for ASCII, 0x110000 for all)."""
    table = np.fromiter(
        (_WORD if chr(i).isalnum() else _OTHER for i in range(size)), dtype=np.uint8, count=size
    )
    table[[ord("-"), ord("'")]] = _JOIN
    table[[ord("."), ord(",")]] = _STOP
    return table


# characters tokenised at a time: the arrays of a block stay small enough to be reused
# from one block to the next instead of being fetched from the system each time
BLOCK_CHARS = 4_000_000


def scan_tokens(texts: list[str], *, lowercase: bool, token_re: re.Pattern) -> dict:
    """Integer-coded tokens and offsets of some documents.

    Parameters
    ----------
    texts : list of str
        Document texts.
    lowercase : bool
        Lower-case the token forms.
    token_re : re.Pattern
        The token expression of :func:`framing.text.tokenize`, used on the clusters
        whose tokens are not plain (see the module docstring).

    Returns
    -------
    dict
        ``vocab`` (forms, numbered by first appearance), ``ids`` (int32, one per
        token), ``doc_lengths`` (tokens per document), ``start`` and ``end`` (int64
        character offsets in each document; ``end`` excludes a possessive ``'s``).
    """
    parts = [
        _scan_block(block, lowercase=lowercase, token_re=token_re)
        for block in iter_blocks(texts, BLOCK_CHARS)
    ]
    return merge_parts(parts)


def iter_blocks(texts: list[str], block_chars: int):
    """Consecutive runs of documents of about ``block_chars`` characters (at least one)."""
    block, size, done = [], 0, False
    for text in texts:
        block.append(text)
        size += len(text)
        if size >= block_chars:
            yield block
            block, size, done = [], 0, True
    if block or not done:
        yield block


def doc_starts(texts: list[str]) -> np.ndarray:
    """Where each document starts in ``"\\n".join(texts)``, and one past the end."""
    base = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1, out=base[1:])
    return base


def code_points(text: str) -> np.ndarray:
    """The characters of ``text`` as integers: uint8 if it is ASCII, uint32 otherwise."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def merge_parts(parts: list[dict]) -> dict:
    """Join the results of consecutive runs of documents into one.

    Each part numbered its forms by first appearance; numbering the parts'
    vocabularies, concatenated in order, by first appearance gives the ids one pass
    over all the documents would have given.
    """
    if len(parts) == 1:
        return parts[0]
    codes, uniques = pd.factorize(np.concatenate([p["vocab"] for p in parts]))
    codes = codes.astype(np.int32)
    ids, offset = [], 0
    for p in parts:
        ids.append(codes[offset : offset + p["vocab"].size][p["ids"]])
        offset += p["vocab"].size
    return {
        "vocab": np.asarray(uniques, dtype=object),
        "ids": np.concatenate(ids),
        "doc_lengths": np.concatenate([p["doc_lengths"] for p in parts]),
        "start": np.concatenate([p["start"] for p in parts]),
        "end": np.concatenate([p["end"] for p in parts]),
    }


def _scan_block(texts: list[str], *, lowercase: bool, token_re: re.Pattern) -> dict:
    """:func:`scan_tokens` for one block of documents."""
    text = "\n".join(texts)  # "\n" is in no token: documents cannot run together
    if "\u2019" in text:
        text = text.replace("\u2019", "'")  # same length: offsets stay valid
    n = len(text)
    base = doc_starts(texts)
    codes = code_points(text)
    cls = _classes(128 if codes.dtype == np.uint8 else 0x110000)[codes]

    # runs of word characters and what lies between consecutive runs
    padded = np.zeros(n + 2, dtype=bool)
    padded[1:-1] = cls == _WORD
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    del padded
    w_start, w_end = edges[0::2], edges[1::2]
    if not w_start.size:
        none = np.zeros(0, dtype=np.int64)
        return {
            "vocab": np.zeros(0, dtype=object),
            "ids": np.zeros(0, dtype=np.int32),
            "doc_lengths": np.zeros(len(texts), dtype=np.int64),
            "start": none,
            "end": none,
        }
    # the gap between two runs holds no character of the last class: same cluster.
    # Gaps are nearly all one or two characters long, so look at their characters one
    # position at a time, only in the gaps still undecided
    gap_start, gap_len = w_end[:-1], w_start[1:] - w_end[:-1]
    same = np.ones(gap_len.size, dtype=bool)
    open_ = np.arange(gap_len.size)
    for d in range(int(gap_len.max(initial=0))):
        same[open_[cls[gap_start[open_] + d] == _OTHER]] = False
        open_ = open_[same[open_] & (gap_len[open_] > d + 1)]
        if not open_.size:
            break
    linked = same & (w_start[1:] - w_end[:-1] == 1) & (cls[w_end[:-1]] == _JOIN)
    first_run = np.concatenate([[True], ~same])  # first run of its cluster
    last_run = np.concatenate([~same, [True]])
    cluster = np.cumsum(first_run) - 1
    hard = np.zeros(int(cluster[-1]) + 1 if cluster.size else 0, dtype=bool)
    hard[cluster[:-1][same & ~linked]] = True
    hard_run = hard[cluster]
    del cluster, hard, same, linked

    # plain clusters: one token from the first word character to the last
    simple_first = first_run & ~hard_run
    simple_last = last_run & ~hard_run
    t_start = w_start[simple_first]
    last = np.flatnonzero(simple_last)
    t_end = w_end[last]
    # a final run "s" after an apostrophe is the possessive
    possessive = (
        ~simple_first[last]
        & (t_end - w_start[last] == 1)
        & ((codes[t_end - 1] | 0x20) == ord("s"))
        & (codes[np.maximum(t_end - 2, 0)] == ord("'"))
    )
    t_end = t_end - 2 * possessive
    del simple_first, simple_last, last, possessive

    # the other clusters: the expression itself, from the first word character to just
    # after the last (an acronym takes the period that follows it)
    h_start = w_start[first_run & hard_run]
    h_stop = np.minimum(w_end[last_run & hard_run] + 1, n)
    del w_start, w_end, first_run, last_run, hard_run
    f_start: list[int] = []
    f_end: list[int] = []
    for a, b in zip(h_start.tolist(), h_stop.tolist(), strict=True):
        for m in token_re.finditer(text, a, b):
            s, e = m.span()
            if e - s > 2 and text[e - 1] in "sS" and text[e - 2] == "'":
                e -= 2
            f_start.append(s)
            f_end.append(e)

    # number the plain tokens: exactly, from their packed characters when short ASCII
    length = t_end - t_start
    packable = length <= 8 * _PACK_WORDS
    if codes.dtype != np.uint8:
        wide = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(codes >= 128, out=wide[1:])
        packable &= wide[t_end] == wide[t_start]
        del wide
    raw = np.empty(t_start.size, dtype=np.int64)
    n_raw = 0
    if packable.any():
        codes_p, n_raw = _pack_codes(codes, t_start[packable], length[packable])
        raw[packable] = codes_p
    rest = ~packable
    strings = [text[a:e] for a, e in zip(t_start[rest].tolist(), t_end[rest].tolist(), strict=True)]
    if strings:
        s_codes, s_uniques = pd.factorize(np.asarray(strings, dtype=object))
        raw[~packable] = n_raw + s_codes
        n_raw += len(s_uniques)
    del codes, cls, length, packable, rest, strings

    # the expression's tokens go between the plain ones, in order of position
    if f_start:
        fs = np.asarray(f_start, dtype=np.int64)
        fe = np.asarray(f_end, dtype=np.int64)
        f_codes, _ = pd.factorize(
            np.asarray([text[a:e] for a, e in zip(f_start, f_end, strict=True)], dtype=object)
        )
        at = np.searchsorted(t_start, fs) + np.arange(fs.size)
        plain = np.ones(t_start.size + fs.size, dtype=bool)
        plain[at] = False
        start = np.empty(plain.size, dtype=np.int64)
        end = np.empty(plain.size, dtype=np.int64)
        merged = np.empty(plain.size, dtype=np.int64)
        start[plain], start[at] = t_start, fs
        end[plain], end[at] = t_end, fe
        merged[plain], merged[at] = raw, n_raw + f_codes
        raw = merged
    else:
        start, end = t_start, t_end

    # one string per distinct token, at its first occurrence; then the forms
    raw_codes, _ = pd.factorize(raw)
    del raw
    if raw_codes.size:
        seen = np.maximum.accumulate(raw_codes)
        first = np.flatnonzero(np.concatenate([[True], seen[1:] > seen[:-1]]))
        del seen
    else:
        first = np.zeros(0, dtype=np.int64)
    distinct = [text[a:e] for a, e in zip(start[first].tolist(), end[first].tolist(), strict=True)]
    forms = [t.lower() for t in distinct] if lowercase else distinct
    form_codes, vocab = pd.factorize(np.asarray(forms, dtype=object))

    doc_lengths = np.diff(np.searchsorted(start, base))
    offset = np.repeat(base[:-1], doc_lengths)
    return {
        "vocab": np.asarray(vocab, dtype=object),
        "ids": form_codes.astype(np.int32)[raw_codes],
        "doc_lengths": doc_lengths,
        "start": start - offset,
        "end": end - offset,
    }


def _pack_codes(codes: np.ndarray, start: np.ndarray, length: np.ndarray) -> tuple:
    """Number ASCII tokens exactly by their characters packed into 64-bit words.

    Returns the codes (equal tokens, equal codes; below ``2**32``) and how many there
    are. Word ``j`` holds characters ``8j`` to ``8j + 7``; a token's code combines the
    code of its first ``j`` words with word ``j``, so only tokens longer than ``8j``
    characters take part in round ``j``.
    """
    n = codes.size
    n_words = n // 8 + _PACK_WORDS + 2
    buf = np.zeros(8 * n_words, dtype=np.uint8)
    buf[:n] = codes  # code points below 128 are these bytes
    words = buf.view("<u8")
    all_ones = np.uint64(0xFFFFFFFFFFFFFFFF)

    def word(j, index):
        # the 8 bytes from position p straddle two aligned words: gather both (a
        # strided 8-byte view of every position would be slower to index)
        p = start[index] + 8 * j
        q = p >> 3
        shift = (p & 7).astype(np.uint64) << np.uint64(3)
        value = (words[q] >> shift) | ((words[q + 1] << (np.uint64(63) - shift)) << np.uint64(1))
        left = np.minimum(length[index] - 8 * j, 8).astype(np.uint64)
        return value & (all_ones >> (np.uint64(64) - 8 * left))

    every = np.arange(start.size)
    out, uniques = pd.factorize(word(0, every))
    n_codes = len(uniques)
    for j in range(1, _PACK_WORDS):
        longer = np.flatnonzero(length > 8 * j)
        if not longer.size:
            break
        part, _ = pd.factorize(word(j, longer))
        combined = (out[longer].astype(np.uint64) << np.uint64(32)) | part.astype(np.uint64)
        sub, sub_uniques = pd.factorize(combined)
        out[longer] = n_codes + sub
        n_codes += len(sub_uniques)
    return out, n_codes
