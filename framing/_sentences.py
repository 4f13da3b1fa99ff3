"""Sentence boundaries of many documents found with array operations (internal).

:func:`framing.text.split_sentences` defines the sentences: each paragraph unit (a
line, or hard-wrapped lines joined) that may hold a break is split by NLTK's Punkt
(``span_tokenize``) with our parameters, every other unit is one sentence. This module
gives the same spans for a whole run of documents at once, without a Python step per
line or per candidate break.

How. Punkt's candidate breaks are the marks ``.?!`` followed, inside the unit, by one
of its "other punctuation" characters or by white space and a token. For each
candidate it takes the word before the mark (from the last white space since the
previous candidate; when there is none it keeps the previous candidate's word, and
that previous candidate is then dropped) and asks ``text_contains_sentbreak`` about the
word, the mark and what follows. With our parameters (an abbreviation list; no
collocations, sentence starters or orthographic statistics) most answers are certain.
A break: ``?`` or ``!`` followed by white space and a token, or ``.`` after a word of
two or more letters that is not an abbreviation, followed by white space and a token
(Punkt's first pass marks these a break and its second pass only revisits
abbreviations, initials and numbers). No break: ``.`` after an abbreviation ("Mr",
"U.S", "a") followed by white space and a plain word (the first pass marks the
abbreviation and nothing turns it into a break again). These are found with character
classes looked up in a table and positions compared as arrays; every other candidate
is put to ``text_contains_sentbreak`` itself, and a unit where Punkt would move quotes
or brackets back into the previous sentence (``_realign_boundaries``) goes whole to
``span_tokenize``.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from framing._scan import code_points, doc_starts, iter_blocks

# character classes, as bits
_SPACE = 1  # str.isspace(): what \s of re and str.strip() take
_PWS = 2  # Punkt's white space (\s of the regex module): \s without U+001C-U+001F
_AWS = 4  # string.whitespace: where Punkt looks for the start of the word before a mark
_END = 8  # the marks . ? !
_AFTER = 16  # punctuation that may follow a mark directly (Punkt's "other punctuation")
_LETTER = 32  # [^\W\d_]: a letter (or a non-decimal numeric character)
_REALIGN = 64  # what Punkt's _realign_boundaries moves back into the previous sentence
_CLOSE = 128  # closers allowed between a mark and white space in the "may break" test

_AFTER_CHARS = ")\";}]*:@'({[\u2018\u2019\u201c\u201d\xab\xbb?!"
_REALIGN_CHARS = "\"')]}\u2018\u2019\u201c\u201d\xab\xbb"
_CLOSE_CHARS = "\"')]"
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"

# characters split at a time (see framing._scan.BLOCK_CHARS)
BLOCK_CHARS = 4_000_000


@cache
def _flags(size: int) -> np.ndarray:
    """Classes of every code point below ``size`` (128 for ASCII, 0x110000 for all).

    White space and letters are what :mod:`re` takes for ``\\s`` and ``[^\\W\\d_]``.
    """
    chars = np.arange(size, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(size, dtype=np.uint8)
    for pattern, bit in ((r"\s+", _SPACE), (r"[^\S\x1c-\x1f]+", _PWS), (r"[^\W\d_]+", _LETTER)):
        for m in re.finditer(pattern, chars):
            table[m.start() : m.end()] |= bit
    for members, bit in (
        (_ASCII_WHITESPACE, _AWS),
        (".?!", _END),
        (_AFTER_CHARS, _AFTER),
        (_REALIGN_CHARS, _REALIGN),
        (_CLOSE_CHARS, _CLOSE),
    ):
        table[[ord(c) for c in members if ord(c) < size]] |= bit
    return table


def sentence_spans(
    texts: list[str],
    *,
    punkt,
    abbreviations: frozenset[str],
) -> tuple:
    """Sentences of some documents.

    Parameters
    ----------
    texts : list of str
        Document texts.
    punkt : PunktSentenceTokenizer
        The tokenizer whose answers these are (``framing.text._punkt()``).
    abbreviations : frozenset of str
        Its abbreviation types (lower case, no final period).

    Returns
    -------
    tuple
        Sentence starts and ends (int64 offsets in each document), the number of
        sentences of each document, and the sentences' texts (a list of str).
    """
    parts = [_block(block, punkt, abbreviations) for block in iter_blocks(texts, BLOCK_CHARS)]
    if len(parts) == 1:
        return parts[0]
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
        [s for p in parts for s in p[3]],
    )


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the runs of True in a boolean array."""
    padded = np.zeros(mask.size + 2, dtype=bool)
    padded[1:-1] = mask
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2], edges[1::2]


def _skip(pos: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """First position at or after each ``pos`` outside the runs ``(starts, ends)``."""
    i = np.searchsorted(starts, pos, side="right") - 1
    inside = i >= 0
    inside[inside] = ends[i[inside]] > pos[inside]
    out = pos.copy()
    out[inside] = ends[i[inside]]
    return out


def _skip_back(pos: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """One past the last position before each ``pos`` outside the runs ``(starts, ends)``."""
    i = np.searchsorted(starts, pos - 1, side="right") - 1
    inside = i >= 0
    inside[inside] = ends[i[inside]] > pos[inside] - 1
    out = pos.copy()
    out[inside] = starts[i[inside]]
    return out


# a line ending like this closes its sentence or is a heading
_LINE_END_CHARS = np.array([ord(c) for c in ".?!:;\"')]"])


def _units(text, codes, sp_start, sp_end, base) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the paragraph units of every document of a block.

    The rule of :func:`framing.text.split_sentences`, for all the lines at once: a
    line that is not blank starts a unit unless it follows a line of its own document
    that is not blank either, and the document is hard-wrapped or that line does not
    end a sentence and this one starts in lower case.
    """
    n = len(text)
    newlines = np.flatnonzero(codes == ord("\n"))
    l_start = np.concatenate([[0], newlines + 1])
    l_end = np.append(newlines, n)
    length = l_end - l_start
    first = _skip(l_start, sp_start, sp_end)
    filled = first < l_end
    last = _skip_back(l_end, sp_start, sp_end) - 1  # of filled lines
    # a document's lines (each document has at least one)
    doc_first = np.searchsorted(l_start, base[:-1], side="left")
    doc = np.repeat(np.arange(doc_first.size), np.diff(np.append(doc_first, l_start.size)))
    width = np.maximum.reduceat(np.where(filled, length, 0), doc_first)
    n_filled = np.add.reduceat(filled.astype(np.int64), doc_first)
    n_long = np.add.reduceat((filled & (length >= 0.6 * width[doc])).astype(np.int64), doc_first)
    wrapped = (n_filled >= 4) & (width <= 100) & (n_long >= 0.6 * n_filled)

    joins = np.zeros(l_start.size, dtype=bool)
    joins[1:] = filled[1:] & filled[:-1] & (doc[1:] == doc[:-1])
    ask = np.flatnonzero(joins & ~wrapped[doc])
    joins[ask] = False
    ask = ask[~np.isin(codes[last[ask - 1]], _LINE_END_CHARS)]
    joins[ask] = [text[i].islower() for i in first[ask].tolist()]
    lines = np.flatnonzero(filled)
    if not lines.size:  # only blank lines
        return lines, lines
    new = ~joins[lines]
    starts = l_start[lines[new]]
    unit_last = np.append(np.flatnonzero(new)[1:] - 1, lines.size - 1)
    return starts, l_end[lines[unit_last]]


def _block(texts, punkt, abbreviations) -> tuple:
    """:func:`sentence_spans` for one block of documents."""
    if not texts:
        none = np.zeros(0, dtype=np.int64)
        return none, none, none, []
    text = "\n".join(texts)  # a separator that no unit contains
    n = len(text)
    base = doc_starts(texts)
    codes = code_points(text)
    f = _flags(128 if codes.dtype == np.uint8 else 0x110000)[codes]
    # one space more, so that the character after a mark (p + 1) can always be read
    f = np.append(f, np.uint8(_SPACE | _PWS | _AWS))

    def has(pos, bit):
        return (f[pos] & bit) != 0

    sp_start, sp_end = _runs((f & _SPACE) != 0)
    u_start, u_end = _units(text, codes, sp_start, sp_end, base)

    # a unit's first and last characters that are not white space (str.strip)
    lead = _skip(u_start, sp_start, sp_end)
    trail = _skip_back(u_end, sp_start, sp_end)

    # the marks, with their units
    p = np.flatnonzero((f & _END) != 0)
    u = np.searchsorted(u_start, p, side="right") - 1
    inside = u >= 0
    inside[inside] = p[inside] < u_end[u[inside]]
    p, u = p[inside], u[inside]
    end_u = u_end[u]

    # units that may hold a break (a mark, closers, white space, then anything else)
    # are split by Punkt; any other unit is one sentence
    cl_start, cl_end = _runs((f & _CLOSE) != 0)
    q = _skip(p + 1, cl_start, cl_end)
    ok = (q < end_u) & has(np.minimum(q, n), _SPACE)
    ok[ok] = _skip(q[ok], sp_start, sp_end) < end_u[ok]
    split = np.zeros(u_start.size, dtype=bool)
    split[u[ok]] = True

    # Punkt's candidates: in such a unit, a mark followed by other punctuation, or by
    # white space and a token (where the next sentence starts)
    sel = split[u]
    p, u, end_u = p[sel], u[sel], end_u[sel]
    after = has(p + 1, _AFTER) & (p + 1 < end_u)
    if np.any((f & (_SPACE | _PWS)) == _SPACE):  # U+001C-U+001F: white space to re only
        pw_start, pw_end = _runs((f & _PWS) != 0)
    else:
        pw_start, pw_end = sp_start, sp_end
    nxt = _skip(p + 1, pw_start, pw_end)
    has_next = ~after & has(p + 1, _PWS) & (nxt < end_u)
    sel = after | has_next
    p, u, nxt, has_next = p[sel], u[sel], nxt[sel], has_next[sel]

    # the word before each candidate: from the last white space after the previous
    # candidate; with none, the previous candidate's word (that candidate is dropped)
    first = np.ones(p.size, dtype=bool)
    first[1:] = u[1:] != u[:-1]
    prev_stop = np.where(first, u_start[u], np.roll(p, 1))
    aws_pos = np.flatnonzero((f[:n] & _AWS) != 0)
    i = np.searchsorted(aws_pos, p, side="left") - 1
    last_ws = np.where(i >= 0, aws_pos[np.maximum(i, 0)], -1) if aws_pos.size else -np.ones_like(p)
    found = last_ws > prev_stop
    word_start = np.where(found, last_ws + 1, u_start[u])
    word_start = word_start[np.maximum.accumulate(np.where(found | first, np.arange(p.size), 0))]
    sel = np.ones(p.size, dtype=bool)
    sel[:-1] = first[1:] | (p[:-1] <= word_start[1:])
    p, u, nxt, has_next, word_start = p[sel], u[sel], nxt[sel], has_next[sel], word_start[sel]

    # the next token: up to the next white space or the end of the unit
    j = np.searchsorted(pw_start, nxt, side="left")
    tok_end = np.minimum(np.append(pw_start, n)[j], u_end[u])

    # candidates that certainly break: "?" or "!", or "." after a word of two or more
    # letters that is not an abbreviation, followed by white space and a token
    period = codes[p] == ord(".")
    width = p - word_start
    lt_start, lt_end = _runs((f & _LETTER) != 0)
    plain = (width >= 2) & (_skip(word_start, lt_start, lt_end) >= p)
    longest = max(map(len, abbreviations), default=0)
    check = np.flatnonzero(has_next & period & (width >= 1) & (width <= longest))
    abbrev = np.zeros(p.size, dtype=bool)
    abbrev[check] = [
        text[a:b].lower() in abbreviations
        for a, b in zip(word_start[check].tolist(), p[check].tolist(), strict=True)
    ]
    brk = has_next & (~period | (plain & ~abbrev))
    # and those that certainly do not: "." after an abbreviation ("Mr", "a", "U.S"),
    # followed by white space and a word (letters, then perhaps one of ",;:"): Punkt
    # marks the abbreviation and nothing can make it a break again (no orthographic
    # statistics, no sentence starters), and the word holds no break of its own
    letters_end = _skip(nxt, lt_start, lt_end)
    closing = np.isin(codes[np.minimum(letters_end, n - 1)], [ord(","), ord(";"), ord(":")])
    word_next = (letters_end > nxt) & (
        (letters_end == tok_end) | ((letters_end + 1 == tok_end) & closing)
    )
    plain_abbrev = has_next & period & abbrev & word_next
    # the others are Punkt's to decide, from the word, the mark and what follows
    ask = np.flatnonzero(~brk & ~plain_abbrev)
    tail = np.where(has_next, tok_end, p + 2)  # the next token or the punctuation
    for k, a, b in zip(ask.tolist(), word_start[ask].tolist(), tail[ask].tolist(), strict=True):
        brk[k] = punkt.text_contains_sentbreak(text[a:b].replace("\n", " "))
    p, u, nxt, has_next = p[brk], u[brk], nxt[brk], has_next[brk]

    # sentences: a unit's first starts at the unit (at its first character that is not
    # white space if it is not split), each break ends one and the next starts after
    # the white space; the last ends at the unit's last character that is not space
    next_start = np.where(has_next, nxt, p + 1)
    starts = np.concatenate([np.where(split, u_start, lead), next_start])
    ends = np.concatenate([p + 1, trail])
    starts = starts[np.argsort(np.concatenate([u_start, p]), kind="stable")]
    ends = ends[np.argsort(np.concatenate([p, u_end]), kind="stable")]
    nonempty = ends > starts
    starts, ends = starts[nonempty], ends[nonempty]

    # a unit where Punkt moves quotes or brackets that follow a break back into the
    # previous sentence is left to Punkt whole
    realign = np.unique(u[has(next_start, _REALIGN)])
    if realign.size:
        s_unit = np.searchsorted(u_start, starts, side="right") - 1
        mine = np.isin(s_unit, realign)
        extra = []
        for k in realign.tolist():
            a, b = int(u_start[k]), int(u_end[k])
            line = text[a:b].replace("\n", " ")
            extra += [(a + s, a + e) for s, e in punkt.span_tokenize(line)]
        extra = np.asarray(extra, dtype=np.int64).reshape(-1, 2)
        starts = np.concatenate([starts[~mine], extra[:, 0]])
        ends = np.concatenate([ends[~mine], extra[:, 1]])
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]

    doc = np.searchsorted(base, starts, side="right") - 1
    counts = np.bincount(doc, minlength=len(texts)).astype(np.int64)
    sentences = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    return starts - base[doc], ends - base[doc], counts, sentences
