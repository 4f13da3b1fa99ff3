"""Keyword in context: every occurrence of a word, phrase or pattern with its context."""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from framing.patterns import find_matches

__all__ = ["kwic", "spans_in_context"]

KWIC_COLUMNS = ["doc_id", "group", "left", "match", "right", "sentence", "start", "end"]


def kwic(
    corpus,
    pattern: str,
    *,
    window: int = 8,
    by: str | None = None,
    mode: Literal["pattern", "regex"] = "pattern",
) -> pd.DataFrame:
    """List every occurrence of a pattern with its left and right context.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    pattern : str
        With ``mode='pattern'`` (the default) a word, a phrase or a token pattern
        in the syntax of :mod:`framing.patterns` (``multipolar*``,
        ``(win-win|mutually beneficial) cooperation``, ``<place> community``);
        matching ignores case, hyphens and articles. With ``mode='regex'`` a
        Python regular expression searched in the text (case-insensitive).
    window : int, default 8
        Number of tokens of context on each side (context may cross sentences but
        never documents).
    by : str or None, default None
        Metadata column whose value fills the ``group`` column (``doc_id`` if None).
    mode : {'pattern', 'regex'}, default 'pattern'
        How ``pattern`` is read.

    Returns
    -------
    DataFrame
        Columns ``doc_id, group, left, match, right, sentence, start, end``: the
        context before, the matched text exactly as written, the context after,
        the whole sentence containing the start of the match, and character offsets
        of the match in the document's text. In document order.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "Both sides hailed the win-win results. Win–win cooperation is the aim."]}))
    >>> kwic(corpus, "win-win", window=2)[["left", "match", "right"]].values.tolist()
    [['hailed the', 'win-win', 'results. Win-win'],
     ['win-win results.', 'Win-win', 'cooperation is']]
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError("pattern must be a non-empty string")
    if not isinstance(window, int | np.integer) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    if mode == "pattern":
        hits = find_matches(corpus.tokens, {pattern: [pattern]})
        spans = hits[["doc_id", "start", "end"]]
    elif mode == "regex":
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ValueError(
                f"pattern {pattern!r} is not a valid regular expression: {err}"
            ) from None
        rows = [
            (doc_id, m.start(), m.end())
            for doc_id, text in zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True)
            for m in rx.finditer(text)
            if m.end() > m.start()
        ]
        spans = pd.DataFrame(rows, columns=["doc_id", "start", "end"])
    else:
        raise ValueError(f"mode must be 'pattern' or 'regex', got {mode!r}")
    return spans_in_context(corpus, spans, window=window, by=by)


def spans_in_context(corpus, spans: pd.DataFrame, *, window: int = 8, by: str | None = None):
    """Turn character spans (``doc_id, start, end``) into keyword-in-context rows.

    Used by :func:`kwic` and by anything that wants to show its hits (slogans,
    frames) in context. Returns the columns of :func:`kwic`, plus any extra columns
    of ``spans`` after them.
    """
    toks = corpus.tokens
    groups = corpus.groups(by)
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True))
    doc_pos = {d: i for i, d in enumerate(toks.doc_ids)}
    sents = toks.sentences
    out = []
    for row in spans.itertuples(index=False):
        doc_id, start, end = row.doc_id, int(row.start), int(row.end)
        i = doc_pos[doc_id]
        lo, hi = toks.doc_ptr[i], toks.doc_ptr[i + 1]
        starts, ends = toks.start[lo:hi], toks.end[lo:hi]
        first = int(np.searchsorted(ends, start, side="right"))  # first token ending after start
        last = int(np.searchsorted(starts, end, side="left")) - 1  # last token starting before end
        text = texts[doc_id]
        left_from = starts[max(first - window, 0)] if window and first > 0 else start
        right_to = ends[min(last + window, hi - lo - 1)] if window and last + 1 < hi - lo else end
        d_sents = sents.iloc[_sentence_rows(toks, i)]
        k = int(np.searchsorted(d_sents["start"].to_numpy(), start, side="right")) - 1
        sentence = d_sents["sentence"].iloc[max(k, 0)] if len(d_sents) else ""
        out.append(
            (
                doc_id,
                groups[doc_id],
                _flat(text[left_from:start]),
                text[start:end],
                _flat(text[end:right_to]),
                sentence,
                start,
                end,
            )
        )
    res = pd.DataFrame(out, columns=KWIC_COLUMNS).astype(
        {c: object for c in ("doc_id", "group", "left", "match", "right", "sentence")}
    )
    res["start"] = res["start"].astype(np.int64)
    res["end"] = res["end"].astype(np.int64)
    extra = [c for c in spans.columns if c not in ("doc_id", "start", "end")]
    for c in extra:
        res[c] = spans[c].to_numpy()
    return res


def _sentence_rows(toks, i: int) -> slice:
    cache = toks._cache.setdefault("sentence_rows", {})
    if not cache:
        ids = toks.sentences["doc_id"].to_numpy(object)
        bounds = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1], True])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            cache[ids[a]] = slice(int(a), int(b))
    return cache.get(toks.doc_ids[i], slice(0, 0))


def _flat(s: str) -> str:
    return " ".join(s.split())
