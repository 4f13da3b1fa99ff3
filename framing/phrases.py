"""Discovering recurring phrases and collocations without a lexicon.

Three tools help find fixed formulations (and extend a slogan lexicon):

* :func:`recurring_phrases` -- lexical bundles: word sequences of 2-8 tokens that recur
  often and across documents, reduced to *maximal* phrases (a phrase is dropped when
  every occurrence of it lies inside a longer phrase that is kept);
* :func:`collocations` -- two- and three-word collocations scored with the association
  measures of NLTK (likelihood ratio, PMI, t-score) and quanteda's
  ``textstat_collocations`` (lambda and its Wald z), all from :mod:`framing.measures`;
* :func:`suggest_slogans` -- recurring phrases that no family of a slogan lexicon
  covers, ranked.

Everything works on the integer token ids of :class:`framing.text.Tokens` with numpy:
n-grams are coded by :func:`framing.counts.ngram_codes`, and no Python loop runs over
tokens. Phrases never cross a sentence; collocation windows (like quanteda's) also stop
at punctuation.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

import numpy as np
import pandas as pd

from framing.corpus import as_corpus
from framing.counts import ngram_codes
from framing.measures import (
    ngram_lambda,
    ngram_likelihood_ratio,
    ngram_pmi,
    ngram_t_score,
    ngram_table,
)
from framing.slogans import find_slogans

__all__ = ["collocations", "recurring_phrases", "suggest_slogans"]

PHRASE_COLUMNS = ["phrase", "n_tokens", "count", "n_docs", "n_groups", "groups"]
_MEASURES = ("z", "lambda", "lr", "pmi", "t")
_APOSTROPHES = frozenset("'\u2019")


def _check_int(name: str, value, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value!r}")
    return int(value)


def _check_choice(name: str, value, choices) -> None:
    if value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(repr(c) for c in choices)}, got {value!r}"
        )


# --------------------------------------------------------------------------- segments


def _punctuation_breaks(corpus, tokens) -> np.ndarray:
    """``out[i]`` is True when punctuation separates token i from token i + 1.

    Punctuation is any character of Unicode category P* in the gap between two tokens,
    except the apostrophe left behind by a stripped possessive ("China's path").
    """
    out = np.zeros(tokens.ids.size, dtype=bool)
    texts = corpus.docs["text"].tolist()
    for d, text in enumerate(texts):
        lo, hi = int(tokens.doc_ptr[d]), int(tokens.doc_ptr[d + 1])
        if hi - lo < 2:
            continue
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        uniq, inverse = np.unique(codes, return_inverse=True)
        punct = np.fromiter(
            (
                unicodedata.category(chr(u)).startswith("P") and chr(u) not in _APOSTROPHES
                for u in uniq
            ),
            dtype=bool,
            count=uniq.size,
        )
        cum = np.concatenate([[0], np.cumsum(punct[inverse])])
        gap_from, gap_to = tokens.end[lo : hi - 1], tokens.start[lo + 1 : hi]
        out[lo : hi - 1] = cum[gap_to] - cum[gap_from] > 0
    return out


def _segments(corpus, tokens, *, punctuation: str) -> np.ndarray:
    """Segment id per token: sentences, optionally cut at punctuation."""
    sent = tokens.sent.astype(np.int64)
    if punctuation == "cross" or tokens.ids.size == 0:
        return sent
    brk = _punctuation_breaks(corpus, tokens)
    return np.concatenate([[0], np.cumsum(brk[:-1] | (sent[1:] != sent[:-1]))])


def _combine(columns: list[np.ndarray]) -> np.ndarray:
    """Code the rows of several integer columns as one integer (0..n_distinct-1)."""
    code = np.zeros(columns[0].size, dtype=np.int64)
    for col in columns:
        key = code * np.int64(int(col.max()) + 1 if col.size else 1) + col.astype(np.int64)
        code = pd.factorize(key)[0].astype(np.int64)
    return code


# --------------------------------------------------------------------------- recurring phrases


def _occurrences(corpus, *, min_n, max_n, min_count, min_docs, punctuation, by):
    """Maximal recurring phrases and their occurrences.

    Returns the phrase table (with the group columns for ``by``) and, per kept phrase
    occurrence, its start position, length and the phrase's row in the table.
    """
    tokens = corpus.tokens
    ids, vocab = tokens.ids, tokens.vocab
    n_pos = ids.size
    seg = _segments(corpus, tokens, punctuation=punctuation)
    stop = tokens.is_stop[ids] if n_pos else np.zeros(0, dtype=bool)
    doc = tokens.doc_index.astype(np.int64)
    n_docs_total = max(tokens.n_docs, 1)
    end_at_start = np.full(n_pos + 1, -1, dtype=np.int64)
    rows, occ_pos, occ_len, occ_row = [], [], [], []
    for n in range(max_n, min_n - 1, -1):
        pos, code, first = ngram_codes(ids, seg, n, vocab.size)
        if pos.size == 0:
            continue
        n_codes = first.size
        count = np.bincount(code, minlength=n_codes)
        pairs = np.unique(code * n_docs_total + doc[pos])
        n_docs = np.bincount(pairs // n_docs_total, minlength=n_codes)
        cand = ~stop[first] & ~stop[first + n - 1] & (count >= min_count) & (n_docs >= min_docs)
        if not cand.any():
            continue
        occ = cand[code]
        p, c = pos[occ], code[occ]
        reach = np.maximum.accumulate(end_at_start)[p]
        free = np.bincount(c, weights=(reach < p + n).astype(float), minlength=n_codes)
        keep = cand & (free > 0)
        kept_codes = np.flatnonzero(keep)
        if kept_codes.size == 0:
            continue
        sel = keep[code]
        kp, kc = pos[sel], code[sel]
        np.maximum.at(end_at_start, kp, kp + n)
        row_of = np.full(n_codes, -1, dtype=np.int64)
        row_of[kept_codes] = np.arange(kept_codes.size) + len(rows)
        starts = first[kept_codes]
        words = np.stack([vocab[ids[starts + k]] for k in range(n)], axis=1)
        rows.extend(
            zip(
                (" ".join(w) for w in words),
                [n] * kept_codes.size,
                count[kept_codes].tolist(),
                n_docs[kept_codes].tolist(),
                strict=True,
            )
        )
        occ_pos.append(kp)
        occ_len.append(np.full(kp.size, n, dtype=np.int64))
        occ_row.append(row_of[kc])
    table = pd.DataFrame(rows, columns=["phrase", "n_tokens", "count", "n_docs"])
    table = table.astype(
        {"phrase": object, "n_tokens": np.int64, "count": np.int64, "n_docs": np.int64}
    )
    occ_pos, occ_row = _cat(occ_pos), _cat(occ_row)
    return _add_groups(table, corpus, occ_pos, occ_row, by), occ_pos, _cat(occ_len), occ_row


def _cat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)


def _add_groups(table, corpus, occ_pos, occ_row, by) -> pd.DataFrame:
    labels = corpus.groups(by).to_numpy(object)
    gcode, glabels = pd.factorize(labels)
    gcode = gcode.astype(np.int64)
    n_groups = max(glabels.size, 1)
    doc = corpus.tokens.doc_index.astype(np.int64)
    pairs = np.unique(occ_row * n_groups + gcode[doc[occ_pos]])
    prow, pgroup = pairs // n_groups, pairs % n_groups
    table = table.copy()
    table["n_groups"] = np.bincount(prow, minlength=len(table)).astype(np.int64)
    joined = pd.Series(np.asarray(glabels, dtype=object)[pgroup]).groupby(prow).agg("; ".join)
    table["groups"] = joined.reindex(range(len(table)), fill_value="").to_numpy(object)
    return table


def _sort(table: pd.DataFrame, sort: str) -> pd.DataFrame:
    keys = (
        ["count", "n_docs", "n_tokens", "phrase"]
        if sort == "count"
        else ["n_groups", "n_docs", "count", "n_tokens", "phrase"]
    )
    asc = [False] * (len(keys) - 1) + [True]
    return table.sort_values(keys, ascending=asc, kind="stable").reset_index(drop=True)


def _check_phrase_args(min_n, max_n, min_count, min_docs, punctuation, sort) -> tuple[int, int]:
    min_n = _check_int("min_n", min_n, minimum=1)
    max_n = _check_int("max_n", max_n, minimum=1)
    if max_n < min_n:
        raise ValueError(f"max_n ({max_n}) must be at least min_n ({min_n})")
    _check_int("min_count", min_count, minimum=1)
    _check_int("min_docs", min_docs, minimum=1)
    _check_choice("punctuation", punctuation, ("cross", "break"))
    _check_choice("sort", sort, ("count", "spread"))
    return min_n, max_n


def recurring_phrases(
    corpus,
    *,
    min_n: int = 2,
    max_n: int = 8,
    min_count: int = 3,
    min_docs: int = 2,
    by: str | None = None,
    punctuation: Literal["cross", "break"] = "cross",
    sort: Literal["count", "spread"] = "count",
) -> pd.DataFrame:
    """Find maximal phrases that recur across a corpus (lexical bundles).

    A candidate is a sequence of ``min_n`` to ``max_n`` tokens inside one sentence that
    neither starts nor ends with a stopword, occurs at least ``min_count`` times and in
    at least ``min_docs`` documents (both conditions). Candidates are examined from the
    longest to the shortest; a shorter one is dropped when every one of its occurrences
    lies inside an occurrence of a longer phrase already kept, so "community of shared
    future" does not also list "community of shared" unless that occurs elsewhere.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        Documents (a DataFrame needs ``doc_id`` and ``text``).
    min_n, max_n : int, default 2 and 8
        Shortest and longest phrase, in tokens.
    min_count : int, default 3
        Minimum number of occurrences in the corpus.
    min_docs : int, default 2
        Minimum number of documents the phrase occurs in (1 to find phrases that one
        long document repeats).
    by : str or None, default None
        Metadata column whose groups are counted in ``n_groups``/``groups``; None
        counts documents.
    punctuation : {'cross', 'break'}, default 'cross'
        Whether phrases may span commas and other punctuation inside a sentence
        ("peace, development, fairness, justice") or stop at them.
    sort : {'count', 'spread'}, default 'count'
        Rank by frequency (count, then documents) or by spread (groups, documents,
        then count).

    Returns
    -------
    DataFrame
        ``phrase, n_tokens, count, n_docs, n_groups, groups``: the lower-cased phrase,
        its length, total occurrences (including those inside longer phrases), the
        number of documents and of groups it occurs in, and those groups joined with
        ``'; '`` in corpus order. Ties are broken by length (longer first), then phrase.

    Raises
    ------
    TypeError, ValueError
        If an option has the wrong type or value (the message names it).

    References
    ----------
    Biber, D., Johansson, S., Leech, G., Conrad, S. & Finegan, E. (1999). *Longman
    Grammar of Spoken and Written English*, ch. 13 (lexical bundles). Cortes, V. (2004).
    Lexical bundles in published and student disciplinary writing. *English for Specific
    Purposes*, 23(4), 397-423.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "We build a community of shared future. The community of shared future grows.",
    ...     "A community of shared future, they said.",
    ...     "The future is shared."]})
    >>> recurring_phrases(docs, min_count=2).values.tolist()
    [['community of shared future', 4, 3, 2, 2, 'a; b']]
    """
    corpus = as_corpus(corpus)
    min_n, max_n = _check_phrase_args(min_n, max_n, min_count, min_docs, punctuation, sort)
    table, *_ = _occurrences(
        corpus,
        min_n=min_n,
        max_n=max_n,
        min_count=min_count,
        min_docs=min_docs,
        punctuation=punctuation,
        by=by,
    )
    return _sort(table[PHRASE_COLUMNS], sort)


# --------------------------------------------------------------------------- collocations


def collocations(
    corpus,
    *,
    size: int = 2,
    min_count: int = 2,
    measure: Literal["z", "lambda", "lr", "pmi", "t"] = "z",
    smoothing: float = 0.5,
    punctuation: Literal["break", "cross"] = "break",
    drop_stopwords: bool = False,
) -> pd.DataFrame:
    """Score adjacent word pairs or triples as collocations.

    Every window of ``size`` adjacent tokens inside a sentence (and, with
    ``punctuation='break'``, between punctuation marks, as quanteda counts them) is one
    observation. For each candidate n-gram the windows are cross-classified by which of
    its positions hold the candidate's words, giving a 2^K table (quanteda's
    ``textstat_collocations`` definition; for a bigram the 2×2 table ``n11`` = the
    bigram, ``n10`` = first word followed by another word, ``n01``, ``n00``), from which
    :mod:`framing.measures` computes every score.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        Documents (a DataFrame needs ``doc_id`` and ``text``).
    size : {2, 3}, default 2
        Collocation length in tokens.
    min_count : int, default 2
        Minimum number of occurrences of a reported collocation (all windows still
        count in the tables).
    measure : {'z', 'lambda', 'lr', 'pmi', 't'}, default 'z'
        Column to rank by: quanteda's Wald ``z`` or ``lambda`` (Blaheta & Johnson 2001),
        NLTK's likelihood ratio ``lr`` (Dunning 1993), ``pmi`` (Church & Hanks 1990) or
        Student's ``t`` score.
    smoothing : float, default 0.5
        Added to every cell for lambda and z (quanteda's default).
    punctuation : {'break', 'cross'}, default 'break'
        Whether windows stop at punctuation (quanteda) or only at sentence ends.
    drop_stopwords : bool, default False
        If True, candidates that start or end with a stopword are not reported (the
        tables still count every window).

    Returns
    -------
    DataFrame
        ``collocation, count, length, lambda, z, lr, pmi, t``, sorted by ``measure``
        descending, then count descending, then collocation.

    Raises
    ------
    TypeError, ValueError
        If an option has the wrong type or value (the message names it).

    References
    ----------
    Blaheta, D. & Johnson, M. (2001). Unsupervised learning of multi-word verbs.
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74. Church, K. W. & Hanks, P. (1990). Word
    association norms, mutual information, and lexicography. *Computational
    Linguistics*, 16(1), 22-29. Benoit, K. et al. (2018). quanteda. *JOSS*, 3(30), 774.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "Win-win cooperation helps. Win-win cooperation works.",
    ...     "Cooperation helps and win-win cooperation lasts.",
    ...     "Peace helps."]})
    >>> col = collocations(docs, min_count=2)
    >>> col[["collocation", "count"]].values.tolist()
    [['win-win cooperation', 3], ['cooperation helps', 2]]
    """
    corpus = as_corpus(corpus)
    size = _check_int("size", size, minimum=2)
    if size > 5:
        raise ValueError(f"size must be between 2 and 5, got {size}")
    min_count = _check_int("min_count", min_count, minimum=1)
    _check_choice("measure", measure, _MEASURES)
    _check_choice("punctuation", punctuation, ("break", "cross"))
    if not isinstance(smoothing, int | float) or smoothing < 0:
        raise ValueError(f"smoothing must be a non-negative number, got {smoothing!r}")
    tokens = corpus.tokens
    ids = tokens.ids
    seg = _segments(corpus, tokens, punctuation=punctuation)
    pos, code, first = ngram_codes(ids, seg, size, tokens.vocab.size)
    columns = ["collocation", "count", "length", "lambda", "z", "lr", "pmi", "t"]
    count = np.bincount(code, minlength=first.size)
    cand = count >= min_count
    if drop_stopwords and first.size:
        stop = tokens.is_stop[ids]
        cand &= ~stop[first] & ~stop[first + size - 1]
    cand_codes = np.flatnonzero(cand)
    if cand_codes.size == 0:
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
        return out.astype({"collocation": object, "count": np.int64, "length": np.int64})
    # one representative window (the first) per candidate
    rep_window = np.full(first.size, -1, dtype=np.int64)
    rep_window[code[::-1]] = np.arange(code.size - 1, -1, -1)
    rep = rep_window[cand_codes]
    marginals = np.empty((cand_codes.size, 1 << size), dtype=float)
    marginals[:, 0] = pos.size
    for mask in range(1, 1 << size):
        cols = [ids[pos + k] for k in range(size) if mask >> k & 1]
        mcode = _combine(cols)
        marginals[:, mask] = np.bincount(mcode)[mcode[rep]]
    table = ngram_table(marginals)
    lam = ngram_lambda(table, smoothing=float(smoothing))
    starts = first[cand_codes]
    words = np.stack([tokens.vocab[ids[starts + k]] for k in range(size)], axis=1)
    out = pd.DataFrame(
        {
            "collocation": np.asarray([" ".join(w) for w in words], dtype=object),
            "count": count[cand_codes].astype(np.int64),
            "length": np.full(cand_codes.size, size, dtype=np.int64),
            "lambda": lam.lambda_,
            "z": lam.z,
            "lr": ngram_likelihood_ratio(table),
            "pmi": ngram_pmi(table),
            "t": ngram_t_score(table),
        }
    )
    key = "lambda" if measure == "lambda" else measure
    out = out.sort_values(
        [key, "count", "collocation"], ascending=[False, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- suggestions


def suggest_slogans(
    corpus,
    *,
    lexicon=None,
    min_n: int = 2,
    max_n: int = 8,
    min_count: int = 3,
    min_docs: int = 2,
    by: str | None = None,
    max_covered: float = 0.5,
    punctuation: Literal["cross", "break"] = "cross",
) -> pd.DataFrame:
    """Recurring phrases that no family of a slogan lexicon covers, as candidates.

    Runs :func:`recurring_phrases` and :func:`framing.slogans.find_slogans`, and keeps
    the phrases whose occurrences mostly fall outside every lexicon match.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        Documents.
    lexicon : Lexicon, path or None, default None
        The lexicon to compare with (None: the default lexicon).
    min_n, max_n, min_count, min_docs, by, punctuation
        As in :func:`recurring_phrases`.
    max_covered : float, default 0.5
        Largest share of a phrase's occurrences that may overlap a lexicon match for the
        phrase to be suggested (0 keeps only phrases the lexicon never touches).

    Returns
    -------
    DataFrame
        The columns of :func:`recurring_phrases` plus ``covered`` (share of occurrences
        overlapping a lexicon match), ranked by spread: groups, documents, count,
        length (descending), then phrase.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "We uphold the Global South and the Shanghai Spirit. Dual circulation matters.",
    ...     "The Global South rises. Dual circulation matters. The Shanghai Spirit lives."]})
    >>> suggest_slogans(docs, min_count=2)[["phrase", "count", "covered"]].values.tolist()
    [['dual circulation matters', 2, 0.0]]
    """
    corpus = as_corpus(corpus)
    min_n, max_n = _check_phrase_args(min_n, max_n, min_count, min_docs, punctuation, "count")
    if not isinstance(max_covered, int | float) or not 0 <= max_covered <= 1:
        raise ValueError(f"max_covered must be a share between 0 and 1, got {max_covered!r}")
    table, occ_pos, occ_len, occ_row = _occurrences(
        corpus,
        min_n=min_n,
        max_n=max_n,
        min_count=min_count,
        min_docs=min_docs,
        punctuation=punctuation,
        by=by,
    )
    tokens = corpus.tokens
    hits = find_slogans(corpus, lexicon=lexicon)
    in_match = np.zeros(tokens.ids.size + 1, dtype=np.int64)
    if len(hits):
        doc_pos = pd.Series(np.arange(tokens.n_docs), index=tokens.doc_ids)
        d = doc_pos[hits["doc_id"].to_numpy(object)].to_numpy(np.int64)
        key = tokens.doc_index.astype(np.int64) * (1 << 40) + tokens.start
        lo = np.searchsorted(key, d * (1 << 40) + hits["start"].to_numpy(np.int64), "left")
        hi = np.searchsorted(key, d * (1 << 40) + hits["end"].to_numpy(np.int64), "left")
        np.add.at(in_match, lo, 1)
        np.add.at(in_match, hi, -1)
    covered_tok = np.cumsum(in_match)[:-1] > 0
    cum = np.concatenate([[0], np.cumsum(covered_tok)])
    overlaps = (cum[occ_pos + occ_len] - cum[occ_pos]) > 0
    n_occ = np.bincount(occ_row, minlength=len(table))
    n_cov = np.bincount(occ_row, weights=overlaps.astype(float), minlength=len(table))
    with np.errstate(divide="ignore", invalid="ignore"):
        table["covered"] = np.where(n_occ > 0, n_cov / n_occ, 0.0)
    table = table[table["covered"] <= max_covered]
    return _sort(table[[*PHRASE_COLUMNS, "covered"]], "spread")
