"""Dispersion: where terms occur in each document, and how evenly (Gries' DP)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing import measures
from framing.counts import _count_matrix, _group_index, _group_sum
from framing.patterns import find_matches

__all__ = ["dispersion", "term_positions"]


def _as_terms(terms) -> list[str]:
    if isinstance(terms, str):
        terms = [terms]
    terms = [t for t in terms]
    if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise ValueError("terms must be a non-empty list of words, phrases or patterns")
    return terms


def term_positions(corpus, terms: str | Sequence[str], *, by: str | None = None) -> pd.DataFrame:
    """Every occurrence of each term with its position in the document.

    The data of a lexical dispersion ("x-ray") plot.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    terms : str or list of str
        Words, phrases or token patterns (:mod:`framing.patterns`); each is its own row
        label.
    by : str or None, default None
        Metadata column for the ``group`` column (``doc_id`` if None).

    Returns
    -------
    DataFrame
        Columns ``term, doc_id, group, token_index, doc_tokens, position, start, end,
        matched``: ``position = token_index / doc_tokens`` runs from 0 (start of the
        document) to just under 1 (its end).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({"doc_id": ["a"],
    ...                      "text": ["Peace first. Then more talk. Then peace again."]}))
    >>> term_positions(corpus, "peace")[["term", "token_index", "position"]].values.tolist()
    [['peace', 0, 0.0], ['peace', 6, 0.75]]
    """
    terms = _as_terms(terms)
    toks = corpus.tokens
    hits = find_matches(toks, {t: [t] for t in terms})
    lengths = pd.Series(toks.doc_lengths, index=toks.doc_ids)
    groups = corpus.groups(by)
    doc_tokens = lengths.loc[hits["doc_id"]].to_numpy(np.int64)
    out = pd.DataFrame(
        {
            "term": hits["label"].to_numpy(object),
            "doc_id": hits["doc_id"].to_numpy(object),
            "group": groups.loc[hits["doc_id"]].to_numpy(object),
            "token_index": hits["token_index"].to_numpy(np.int64),
            "doc_tokens": doc_tokens,
            "position": hits["token_index"].to_numpy(float) / np.maximum(doc_tokens, 1),
            "start": hits["start"].to_numpy(np.int64),
            "end": hits["end"].to_numpy(np.int64),
            "matched": hits["matched"].to_numpy(object),
        }
    )
    order = {t: i for i, t in enumerate(terms)}
    doc_order = {d: i for i, d in enumerate(toks.doc_ids)}
    out = out.assign(_t=out["term"].map(order), _d=out["doc_id"].map(doc_order))
    out = out.sort_values(["_t", "_d", "token_index"], kind="stable")
    return out.drop(columns=["_t", "_d"]).reset_index(drop=True)


def dispersion(
    corpus,
    terms: str | Sequence[str] | None = None,
    *,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Gries' DP for terms over the parts of a corpus (documents or groups).

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    terms : str, list of str or None, default None
        Words, phrases or token patterns (:mod:`framing.patterns`). ``None`` scores
        every word form (unigram) occurring at least ``min_count`` times.
    by : str or None, default None
        The parts: documents (``None``) or the groups of a metadata column. Part
        sizes are their token counts.
    min_count : int, default 1
        With ``terms=None``, the minimum corpus frequency.

    Returns
    -------
    DataFrame
        Columns ``term, count, parts, parts_with_term, dp, dp_norm``; DP is 0 for a
        term spread exactly like the corpus and near 1 for one concentrated in a
        small part; ``dp_norm`` is Lijffijt & Gries' (2012) normalisation. Sorted by
        ``dp`` ascending (most evenly spread first), then term.

    References
    ----------
    Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora.
    *International Journal of Corpus Linguistics*, 13(4), 403–437.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({"doc_id": ["a", "b"],
    ...                      "text": ["peace and talks", "peace and war"]}))
    >>> dispersion(corpus, ["peace", "war"])[["term", "count", "dp"]].values.tolist()
    [['peace', 2, 0.0], ['war', 1, 0.5]]
    """
    toks = corpus.tokens
    codes, labels = _group_index(corpus, by)
    sizes = np.bincount(codes, weights=toks.doc_lengths, minlength=labels.size)
    if terms is None:
        counts = _count_matrix(toks, min_count=min_count)
        G = _group_sum(counts.X, codes, labels.size).toarray()
        names = counts.features
        per_part = G.T
    else:
        names = np.asarray(_as_terms(terms), dtype=object)
        pos = term_positions(corpus, list(names))
        doc_code = pd.Series(codes, index=toks.doc_ids)
        per_part = np.zeros((names.size, labels.size))
        if len(pos):
            t_idx = pd.Index(names).get_indexer(pos["term"])
            np.add.at(per_part, (t_idx, doc_code.loc[pos["doc_id"]].to_numpy()), 1)
    res = measures.gries_dp(per_part, sizes)
    out = pd.DataFrame(
        {
            "term": names,
            "count": per_part.sum(axis=1).astype(np.int64),
            "parts": labels.size,
            "parts_with_term": (per_part > 0).sum(axis=1).astype(np.int64),
            "dp": np.atleast_1d(res.dp),
            "dp_norm": np.atleast_1d(res.dp_norm),
        }
    )
    out = out.sort_values(["dp", "term"], kind="stable", na_position="last")
    return out.reset_index(drop=True)
