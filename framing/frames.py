"""Framing categories: sentence-level coding with evidence, rates, comparison, co-occurrence.

A codebook (:mod:`framing.codebook`) lists, per category, terms and token patterns and
exclude contexts. :func:`code_frames` finds every hit and keeps it as *evidence*: the
document, sentence, matched text and character offsets, so that each number downstream can
be traced back to the words that produced it. A sentence is *coded* for a category when it
holds at least one hit.

The other functions summarise the evidence:

- :func:`frame_matrix` -- hit counts per sentence or document, one column per category;
- :func:`frame_rates` -- per group: hits per 1,000 tokens, share of sentences coded,
  documents coded, with bootstrap confidence intervals;
- :func:`compare_frames` -- a chi-squared (or G) test per category across groups on the
  table of coded / not coded sentences, with adjusted standardised residuals;
- :func:`frame_cooccurrence` -- how often two frames share a sentence (Jaccard, lift);
- :func:`frame_topics` -- NMF topics over sentences, and how each topic loads on the
  categories, to see what the codebook misses.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse, stats

from framing._checks import require_table
from framing.codebook import Codebook, as_codebook
from framing.corpus import as_corpus
from framing.patterns import find_matches

__all__ = [
    "code_frames",
    "compare_frames",
    "frame_cooccurrence",
    "frame_matrix",
    "frame_rates",
    "frame_topics",
]

_BOOT_CELLS = 12_000_000  # replicate values held at once per array (about 100 MB)

EVIDENCE_COLUMNS = [
    "doc_id",
    "sentence_id",
    "category",
    "matched",
    "start",
    "end",
    "sentence",
    "pattern",
]


# --------------------------------------------------------------------------- helpers


def _choice(value, name: str, choices: tuple) -> None:
    if value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(repr(c) for c in choices)}; got {value!r}"
        )


def _evidence_for(corpus, evidence, codebook) -> pd.DataFrame:
    if evidence is None:
        return code_frames(corpus, codebook=codebook)
    needed = ("doc_id", "sentence_id", "category")
    return require_table(evidence, needed, name="evidence", source="code_frames")


def _category_ids(codebook: Codebook, evidence: pd.DataFrame) -> list[str]:
    ids = list(codebook.ids)
    extra = sorted(set(evidence["category"].astype(str)) - set(ids))
    if extra:
        raise ValueError(
            f"evidence has categories {extra} that are not in the codebook {codebook.name!r}; "
            "pass the codebook the evidence was coded with (codebook=...)"
        )
    return ids


def _sentence_hits(corpus, evidence: pd.DataFrame, ids: list[str]) -> np.ndarray:
    """Hit counts as an (n_sentences, n_categories) int64 array, rows = global sentences."""
    sents = corpus.tokens.sentences
    n = len(sents)
    out = np.zeros((n, len(ids)), dtype=np.int64)
    if len(evidence):
        key = pd.MultiIndex.from_arrays([sents["doc_id"].astype(str), sents["sentence_id"]])
        ev_key = pd.MultiIndex.from_arrays(
            [evidence["doc_id"].astype(str), evidence["sentence_id"].astype(np.int64)]
        )
        rows = key.get_indexer(ev_key)
        if (rows < 0).any():
            bad = evidence.iloc[int(np.flatnonzero(rows < 0)[0])]
            raise ValueError(
                f"evidence row for doc_id={bad['doc_id']!r}, sentence_id={bad['sentence_id']} "
                "is not a sentence of this corpus; code the same corpus"
            )
        cols = pd.Index(ids).get_indexer(evidence["category"].astype(str))
        np.add.at(out, (rows, cols), 1)
    return out


def _sentence_tokens(corpus) -> np.ndarray:
    toks = corpus.tokens
    return np.bincount(toks.sent, minlength=len(toks.sentences)).astype(np.int64)


# --------------------------------------------------------------------------- coding


def code_frames(corpus, *, codebook=None) -> pd.DataFrame:
    """Code a corpus with a codebook: every hit of every category, with its evidence.

    Terms and patterns of each category are matched on tokens (see
    :mod:`framing.patterns`); overlapping hits of one category are resolved
    leftmost-longest, so "community with a shared future" is one hit, not two. A hit that
    overlaps a match of one of the category's ``exclude`` patterns is dropped ("developing
    a plan" is not Global South, "price stability" is not peace and stability).

    Parameters
    ----------
    corpus : Corpus or DataFrame
        A :class:`~framing.corpus.Corpus`, or a DataFrame with ``doc_id`` and ``text``.
    codebook : Codebook, path or None, default None
        The codebook; ``None`` uses the shipped default (:func:`~framing.codebook.load_codebook`).

    Returns
    -------
    DataFrame
        The evidence table, one row per hit: ``doc_id, sentence_id, category, matched,
        start, end, sentence, pattern``. ``start``/``end`` are character offsets into the
        document's (cleaned) text, ``matched`` is the text there, ``sentence`` the whole
        sentence and ``pattern`` the term or pattern that matched. Sorted by document order,
        sentence, start, then category in codebook order.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "We seek win-win cooperation with developing countries.",
    ...     "The ministry is developing a plan. Tensions rose.",
    ...     "Nothing to see here."]})
    >>> code_frames(docs)[["doc_id", "sentence_id", "category", "matched"]]
      doc_id  sentence_id          category               matched
    0      a            0           win_win               win-win
    1      a            0      global_south  developing countries
    2      b            1  conflict_tension              Tensions
    """
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    tokens = corpus.tokens
    hits = find_matches(tokens, {c.id: list(c.match_patterns) for c in cb})
    excludes = {c.id: list(c.exclude) for c in cb if c.exclude}
    if len(hits) and excludes:
        ex = find_matches(tokens, excludes, overlap=True)
        if len(ex):
            pairs = hits.reset_index().merge(
                ex[["label", "sent_index", "start", "end"]],
                on=["label", "sent_index"],
                suffixes=("", "_ex"),
            )
            overlapping = (pairs["start"] < pairs["end_ex"]) & (pairs["start_ex"] < pairs["end"])
            drop = pairs.loc[overlapping, "index"].unique()
            hits = hits.drop(index=drop)
    order = {cid: i for i, cid in enumerate(cb.ids)}
    hits = hits.assign(_cat=hits["label"].map(order).astype(np.int64))
    hits = hits.sort_values(["sent_index", "start", "_cat"], kind="stable")
    out = pd.DataFrame(
        {
            "doc_id": hits["doc_id"].to_numpy(object),
            "sentence_id": hits["sentence_id"].to_numpy(np.int64),
            "category": hits["label"].to_numpy(object),
            "matched": hits["matched"].to_numpy(object),
            "start": hits["start"].to_numpy(np.int64),
            "end": hits["end"].to_numpy(np.int64),
            "sentence": hits["sentence"].to_numpy(object),
            "pattern": hits["pattern"].to_numpy(object),
        }
    )
    return out


def frame_matrix(
    corpus,
    evidence: pd.DataFrame | None = None,
    *,
    unit: Literal["sentence", "document"] = "sentence",
    codebook=None,
) -> pd.DataFrame:
    """Hit counts per sentence or per document, one integer column per category.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    evidence : DataFrame, optional
        The table from :func:`code_frames`; computed when not given.
    unit : {'sentence', 'document'}, default 'sentence'
        One row per sentence (``doc_id, sentence_id, sentence``) or per document
        (``doc_id``). Units without hits are kept, with zeros.
    codebook : Codebook, path or None, default None
        The codebook that gives the category columns (and codes the corpus when
        ``evidence`` is None).

    Returns
    -------
    DataFrame
        Key columns, then one int64 column per category id in codebook order, in corpus
        order.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "Win-win cooperation. Peace and win-win results.", "Tensions rose.", "Nothing."]})
    >>> m = frame_matrix(docs, unit="document")
    >>> m[["doc_id", "win_win", "peace_stability", "conflict_tension"]]
      doc_id  win_win  peace_stability  conflict_tension
    0      a        2                1                 0
    1      b        0                0                 1
    2      c        0                0                 0
    """
    _choice(unit, "unit", ("sentence", "document"))
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    evidence = _evidence_for(corpus, evidence, cb)
    ids = _category_ids(cb, evidence)
    counts = _sentence_hits(corpus, evidence, ids)
    sents = corpus.tokens.sentences
    if unit == "sentence":
        keys = sents[["doc_id", "sentence_id", "sentence"]].reset_index(drop=True)
        values = counts
    else:
        doc_ids = np.asarray(corpus.tokens.doc_ids, dtype=object)
        pos = pd.Index(doc_ids).get_indexer(sents["doc_id"])
        values = np.zeros((doc_ids.size, len(ids)), dtype=np.int64)
        np.add.at(values, pos, counts)
        keys = pd.DataFrame({"doc_id": doc_ids})
    table = pd.DataFrame(values, columns=ids, dtype=np.int64)
    return pd.concat([keys, table], axis=1)


# --------------------------------------------------------------------------- rates


def _sentence_frame(corpus, evidence, cb):
    """Per-sentence arrays shared by rates, comparison and co-occurrence."""
    ids = _category_ids(cb, evidence)
    hits = _sentence_hits(corpus, evidence, ids)
    n_tok = _sentence_tokens(corpus)
    sents = corpus.tokens.sentences
    doc_ids = np.asarray(corpus.tokens.doc_ids, dtype=object)
    doc_pos = pd.Index(doc_ids).get_indexer(sents["doc_id"]).astype(np.int64)
    return ids, hits, n_tok, doc_ids, doc_pos


def _groups(corpus, by, doc_ids) -> tuple[np.ndarray, np.ndarray]:
    """Group code of each document and the sorted group labels."""
    labels = corpus.groups(by).reindex(doc_ids)
    codes, uniques = pd.factorize(labels.to_numpy(object), sort=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _bootstrap(hits, n_tok, doc_pos, n_docs, groups, block, n_boot, random_state):
    """Bootstrap sums for the groups in ``block``: sentences resampled within documents.

    Returns (boot_hits, boot_coded, boot_tokens) with shapes (n_boot, G, C), (n_boot, G, C)
    and (n_boot, G) for the G groups of ``block`` (a range of group codes). Vectorised:
    each replicate draws, for every sentence slot of every document, one sentence of that
    document. A slot's group is its document's, so the tokens drawn are summed per group
    by slot; the draws that land on a sentence with a hit (few of them) are counted per
    sentence and multiplied into group-by-category sums with a sparse matrix product.
    The generator is re-created from ``random_state`` for every block and draws for all
    sentences, so results do not depend on how groups are blocked. All sums are of whole
    numbers, so they are exact.
    """
    n_s, n_c = hits.shape
    g_lo, n_g = block.start, len(block)
    doc_len = np.bincount(doc_pos, minlength=n_docs)
    doc_start = np.concatenate([[0], np.cumsum(doc_len)[:-1]])
    sent_group = groups[doc_pos] - g_lo
    slots = np.flatnonzero((sent_group >= 0) & (sent_group < n_g))
    slot_group = sent_group[slots]
    base = doc_start[doc_pos[slots]]
    size = doc_len[doc_pos[slots]]
    tokens = n_tok.astype(float)
    # the block's sentences with a hit, each a row of (hits, coded) by group and category
    coded = slots[hits[slots].any(axis=1)]
    row_of = np.full(n_s, -1, dtype=np.int64)
    row_of[coded] = np.arange(coded.size)
    cols = (sent_group[coded, None] * n_c + np.arange(n_c)[None, :]).ravel()
    rows = np.repeat(np.arange(coded.size), n_c)
    shape = (coded.size, n_g * n_c)
    h_mat = sparse.csr_matrix((hits[coded].ravel().astype(float), (rows, cols)), shape=shape)
    c_mat = sparse.csr_matrix(((hits[coded] > 0).ravel().astype(float), (rows, cols)), shape=shape)
    out_h = np.empty((n_boot, n_g, n_c))
    out_c = np.empty((n_boot, n_g, n_c))
    out_t = np.empty((n_boot, n_g))
    rng = np.random.default_rng(random_state)
    chunk = max(1, min(n_boot, 2_000_000 // max(n_s, 1)))
    for lo in range(0, n_boot, chunk):
        b = min(chunk, n_boot - lo)
        u = rng.random((b, n_s))
        if slots.size < n_s:
            u = u[:, slots]
        draw = base[None, :] + (u * size[None, :]).astype(np.int64)
        del u
        replicate = np.arange(b)[:, None]
        out_t[lo : lo + b] = np.bincount(
            (replicate * n_g + slot_group[None, :]).ravel(),
            weights=tokens[draw].ravel(),
            minlength=b * n_g,
        ).reshape(b, n_g)
        row = row_of[draw]
        hit = row >= 0
        weights = np.bincount(
            (np.broadcast_to(replicate * coded.size, row.shape)[hit] + row[hit]),
            minlength=b * coded.size,
        ).reshape(b, coded.size)
        w = sparse.csr_matrix(weights.astype(float))
        out_h[lo : lo + b] = (w @ h_mat).toarray().reshape(b, n_g, n_c)
        out_c[lo : lo + b] = (w @ c_mat).toarray().reshape(b, n_g, n_c)
    return out_h, out_c, out_t


def _ratio(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def frame_rates(
    corpus,
    *,
    by: str | None = None,
    codebook=None,
    evidence: pd.DataFrame | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """How much each group uses each frame, with bootstrap confidence intervals.

    Three measures per group and category, each with its raw counts beside it: hits per
    1,000 tokens, the share of sentences coded (at least one hit), and the number of
    documents coded. Confidence intervals for the first two are percentile bootstrap
    intervals (Efron & Tibshirani 1993, ch. 13) from resampling *sentences within
    documents*: each replicate keeps every document and draws its sentences with
    replacement, so documents of different lengths keep their weight and the interval
    reflects the variation of frames between sentences of the same texts. Hits per 1,000
    tokens is a ratio estimate (the token total varies between replicates).

    Parameters
    ----------
    corpus : Corpus or DataFrame
    by : str or None, default None
        Metadata column that defines the groups; ``None`` makes each document a group.
    codebook : Codebook, path or None, default None
    evidence : DataFrame, optional
        The table from :func:`code_frames`; computed when not given.
    n_boot : int, default 1000
        Bootstrap replicates; 0 skips the intervals (NaN).
    ci : float, default 0.95
        Coverage of the intervals, in (0, 1).
    random_state : int or None, default 0
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same intervals.

    Returns
    -------
    DataFrame
        One row per group and category (groups sorted, categories in codebook order):
        ``group, category, hits, n_tokens, per_1k, per_1k_low, per_1k_high,
        sentences_coded, n_sentences, share_sentences, share_low, share_high, docs_coded,
        n_docs``.

    Raises
    ------
    ValueError
        If ``n_boot`` is negative, ``ci`` is not in (0, 1) or ``by`` is not a column.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman &
    Hall. (Percentile intervals, ch. 13; resampling within strata, section 8.3.)

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "src": ["x", "x", "y"], "text": [
    ...     "Win-win cooperation. Nothing else.", "Peace and win-win.", "Tensions rose."]})
    >>> r = frame_rates(docs, by="src", n_boot=200)
    >>> r[r.category == "win_win"][["group", "hits", "n_tokens", "sentences_coded",
    ...                             "n_sentences", "docs_coded", "n_docs"]]
       group  hits  n_tokens  sentences_coded  n_sentences  docs_coded  n_docs
    4      x     2         7                2            3           2       2
    16     y     0         2                0            1           0       1
    """
    if not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise ValueError(f"n_boot must be a non-negative integer; got {n_boot!r}")
    if not (isinstance(ci, float | int) and 0 < ci < 1):
        raise ValueError(
            f"ci must be a coverage strictly between 0 and 1, such as 0.95; got {ci!r}"
        )
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    evidence = _evidence_for(corpus, evidence, cb)
    ids, hits, n_tok, doc_ids, doc_pos = _sentence_frame(corpus, evidence, cb)
    groups, labels = _groups(corpus, by, doc_ids)
    return _rates_table(
        ids,
        hits,
        n_tok,
        doc_ids,
        doc_pos,
        groups,
        labels,
        n_boot=n_boot,
        ci=ci,
        random_state=random_state,
    )


def _rates_table(
    ids, hits, n_tok, doc_ids, doc_pos, groups, labels, *, n_boot, ci, random_state
) -> pd.DataFrame:
    """frame_rates from per-sentence arrays (see :func:`_sentence_frame`) and group codes.

    Shared with :mod:`framing.stream`, which concatenates the arrays chunk by chunk.
    """
    n_g, n_c = labels.size, len(ids)
    sent_group = groups[doc_pos]

    g_hits = np.zeros((n_g, n_c))
    np.add.at(g_hits, sent_group, hits)
    g_coded = np.zeros((n_g, n_c))
    np.add.at(g_coded, sent_group, hits > 0)
    g_tokens = np.bincount(sent_group, weights=n_tok, minlength=n_g)
    g_sents = np.bincount(sent_group, minlength=n_g)
    doc_hits = np.zeros((doc_ids.size, n_c))
    np.add.at(doc_hits, doc_pos, hits)
    g_docs_coded = np.zeros((n_g, n_c))
    np.add.at(g_docs_coded, groups, doc_hits > 0)
    g_docs = np.bincount(groups, minlength=n_g)

    per_1k = 1000 * _ratio(g_hits, g_tokens[:, None])
    share = _ratio(g_coded, g_sents[:, None])
    p_lo, p_hi, s_lo, s_hi = (np.full((n_g, n_c), np.nan) for _ in range(4))
    if n_boot > 0 and hits.shape[0] > 0:
        alpha = (1 - ci) / 2
        # groups in blocks so that the replicate arrays stay near 100 MB
        per_block = max(1, _BOOT_CELLS // (n_boot * n_c))
        for g0 in range(0, n_g, per_block):
            block = range(g0, min(n_g, g0 + per_block))
            b_h, b_c, b_t = _bootstrap(
                hits, n_tok, doc_pos, doc_ids.size, groups, block, n_boot, random_state
            )
            b_rate = 1000 * _ratio(b_h, b_t[:, :, None])
            b_share = _ratio(b_c, g_sents[None, block.start : block.stop, None])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN groups stay NaN
                qr = np.nanquantile(b_rate, [alpha, 1 - alpha], axis=0)
                qs = np.nanquantile(b_share, [alpha, 1 - alpha], axis=0)
            p_lo[block.start : block.stop], p_hi[block.start : block.stop] = qr
            s_lo[block.start : block.stop], s_hi[block.start : block.stop] = qs

    def flat(a):
        return np.asarray(a).ravel()

    return pd.DataFrame(
        {
            "group": np.repeat(labels, n_c),
            "category": np.tile(np.asarray(ids, dtype=object), n_g),
            "hits": flat(g_hits).astype(np.int64),
            "n_tokens": np.repeat(g_tokens, n_c).astype(np.int64),
            "per_1k": flat(per_1k),
            "per_1k_low": flat(p_lo),
            "per_1k_high": flat(p_hi),
            "sentences_coded": flat(g_coded).astype(np.int64),
            "n_sentences": np.repeat(g_sents, n_c).astype(np.int64),
            "share_sentences": flat(share),
            "share_low": flat(s_lo),
            "share_high": flat(s_hi),
            "docs_coded": flat(g_docs_coded).astype(np.int64),
            "n_docs": np.repeat(g_docs, n_c).astype(np.int64),
        }
    )


# --------------------------------------------------------------------------- comparison


def _expected(table: np.ndarray) -> np.ndarray:
    """Expected counts under independence, mu_ij = n_i+ n_+j / n."""
    n = table.sum()
    return np.outer(table.sum(axis=1), table.sum(axis=0)) / n


def adjusted_residuals(table) -> np.ndarray:
    """Adjusted standardised residuals of a two-way table (Agresti 2002, eq. 3.13).

    ``(n_ij - mu_ij) / sqrt(mu_ij (1 - p_i+) (1 - p_+j))``, approximately standard normal
    under independence; values beyond about +-2 flag cells that drive a significant test.
    Cells in an empty row or column give NaN.

    References
    ----------
    Agresti, A. (2002). *Categorical Data Analysis* (2nd ed.), section 3.3.1. Wiley.

    Examples
    --------
    >>> import numpy as np
    >>> adjusted_residuals(np.array([[762, 327, 468], [484, 239, 477]])).round(2)
    array([[ 4.5 ,  0.7 , -5.32],
           [-4.5 , -0.7 ,  5.32]])
    """
    t = np.asarray(table, dtype=float)
    n = t.sum()
    mu = _expected(t) if n > 0 else np.full(t.shape, np.nan)
    p_row = t.sum(axis=1) / n if n > 0 else np.full(t.shape[0], np.nan)
    p_col = t.sum(axis=0) / n if n > 0 else np.full(t.shape[1], np.nan)
    var = mu * np.outer(1 - p_row, 1 - p_col)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(var > 0, (t - mu) / np.sqrt(np.where(var > 0, var, 1)), np.nan)


def _independence_test(table: np.ndarray, measure: str) -> tuple[float, int, float]:
    """Pearson X^2 or likelihood-ratio G^2 with (r-1)(c-1) df; 0 log 0 = 0."""
    t = np.asarray(table, dtype=float)
    keep_r, keep_c = t.sum(axis=1) > 0, t.sum(axis=0) > 0
    t = t[keep_r][:, keep_c]
    if t.shape[0] < 2 or t.shape[1] < 2:
        return np.nan, 0, np.nan
    mu = _expected(t)
    if measure == "chi2":
        stat = float(((t - mu) ** 2 / mu).sum())
    else:
        pos = t > 0
        stat = float(2 * (t[pos] * np.log(t[pos] / mu[pos])).sum())
    df = (t.shape[0] - 1) * (t.shape[1] - 1)
    return stat, df, float(stats.chi2.sf(stat, df))


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values; NaN stays NaN."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if ok.size == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    m = order.size
    adj = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adj, 1.0)
    return out


def compare_frames(
    corpus,
    *,
    by: str,
    codebook=None,
    evidence: pd.DataFrame | None = None,
    measure: Literal["chi2", "g2"] = "chi2",
) -> pd.DataFrame:
    """Test, per category, whether groups differ in how often they use the frame.

    For each category the table is groups x {sentences coded, sentences not coded}: the
    unit is the sentence, as in the reliability coding, so a sentence with three hits
    counts once. The test of independence is Pearson's X^2 (``'chi2'``, without continuity
    correction) or the likelihood-ratio G^2 (``'g2'``, Dunning 1993) with (groups - 1)
    degrees of freedom; p-values are also given Holm-adjusted across the categories.
    The adjusted standardised residual of each group's *coded* cell (Agresti 2002, section
    3.3.1) says which groups use the frame more (positive) or less (negative) than
    independence predicts; the *not coded* cell has the opposite residual.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    by : str
        Metadata column that defines the groups (two or more).
    codebook : Codebook, path or None, default None
    evidence : DataFrame, optional
        The table from :func:`code_frames`; computed when not given.
    measure : {'chi2', 'g2'}, default 'chi2'

    Returns
    -------
    DataFrame
        One row per category and group (categories in codebook order, groups sorted):
        ``category, group, coded, not_coded, share, expected, residual, stat, df, p,
        p_holm, min_expected, measure``. ``expected`` is the expected number of coded
        sentences; ``stat, df, p, p_holm, min_expected`` are per category (repeated on its
        rows); ``min_expected`` below 5 warns that the chi-squared approximation is rough.
        A category never (or always) coded has NaN statistics.

    Raises
    ------
    ValueError
        If ``by`` gives fewer than two groups or ``measure`` is unknown.

    References
    ----------
    Agresti, A. (2002). *Categorical Data Analysis* (2nd ed.). Wiley.
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics*, 6(2), 65-70.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "src": ["x", "x", "y"], "text": [
    ...     "Win-win deals. Win-win ties.", "Peace. Win-win.", "Tensions. Rivalry. Calm."]})
    >>> t = compare_frames(docs, by="src")
    >>> t[t.category == "win_win"][["group", "coded", "not_coded", "expected", "stat", "df"]]
      group  coded  not_coded  expected    stat  df
    8     x      3          1  1.714286  3.9375   1
    9     y      0          3  1.285714  3.9375   1
    """
    _choice(measure, "measure", ("chi2", "g2"))
    if by is None:
        raise ValueError("by: name the metadata column whose groups are compared")
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    evidence = _evidence_for(corpus, evidence, cb)
    ids, hits, _, doc_ids, doc_pos = _sentence_frame(corpus, evidence, cb)
    groups, labels = _groups(corpus, by, doc_ids)
    if labels.size < 2:
        raise ValueError(
            f"by={by!r} gives {labels.size} group(s); comparing needs at least two groups"
        )
    sent_group = groups[doc_pos]
    n_g = labels.size
    coded = np.zeros((n_g, len(ids)), dtype=np.int64)
    np.add.at(coded, sent_group, hits > 0)
    n_sent = np.bincount(sent_group, minlength=n_g)
    frames = []
    stats_rows = []
    for j, cid in enumerate(ids):
        table = np.column_stack([coded[:, j], n_sent - coded[:, j]])
        stat, df, p = _independence_test(table, measure)
        mu = _expected(table.astype(float)) if table.sum() else np.full(table.shape, np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "category": cid,
                    "group": labels,
                    "coded": table[:, 0],
                    "not_coded": table[:, 1],
                    "share": _ratio(table[:, 0], n_sent),
                    "expected": mu[:, 0],
                    "residual": adjusted_residuals(table)[:, 0],
                }
            )
        )
        stats_rows.append((stat, df, p, float(np.min(mu)) if np.isfinite(mu).all() else np.nan))
    out = pd.concat(frames, ignore_index=True)
    st = np.asarray(stats_rows, dtype=float)
    p_holm = _holm(st[:, 2])
    rep = np.repeat(np.arange(len(ids)), n_g)
    out["stat"] = st[rep, 0]
    out["df"] = st[rep, 1].astype(np.int64)
    out["p"] = st[rep, 2]
    out["p_holm"] = p_holm[rep]
    out["min_expected"] = st[rep, 3]
    out["measure"] = measure
    return out


# --------------------------------------------------------------------------- co-occurrence


def frame_cooccurrence(
    corpus,
    *,
    codebook=None,
    evidence: pd.DataFrame | None = None,
    unit: Literal["sentence", "document"] = "sentence",
) -> pd.DataFrame:
    """How often two frames are coded in the same sentence (or document).

    For every pair of categories A, B: the number of units coded for both, for A, for B,
    the Jaccard coefficient ``both / (A + B - both)`` (Jaccard 1912) and the lift
    ``both * N / (A * B)``, the observed co-occurrence over the count expected if the two
    frames were independent (1 = independence; also the exponential of pointwise mutual
    information, Church & Hanks 1990).

    Parameters
    ----------
    corpus : Corpus or DataFrame
    codebook : Codebook, path or None, default None
    evidence : DataFrame, optional
    unit : {'sentence', 'document'}, default 'sentence'

    Returns
    -------
    DataFrame
        One row per unordered pair (A before B in codebook order): ``category_a,
        category_b, n_both, n_a, n_b, n_units, jaccard, lift``; sorted by ``n_both``
        descending, then codebook order. Undefined scores (a category never coded) are NaN.

    References
    ----------
    Jaccard, P. (1912). The distribution of the flora in the alpine zone. *New
    Phytologist*, 11(2), 37-50.
    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22-29.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     "Peace and win-win.", "Peace. Win-win.", "Peace and calm."]})
    >>> t = frame_cooccurrence(docs)
    >>> t.iloc[:1][["category_a", "category_b", "n_both", "n_a", "n_b", "n_units", "jaccard"]]
      category_a       category_b  n_both  n_a  n_b  n_units  jaccard
    0    win_win  peace_stability       1    2    3        4     0.25
    """
    _choice(unit, "unit", ("sentence", "document"))
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    m = frame_matrix(corpus, evidence, unit=unit, codebook=cb)
    ids = list(cb.ids)
    x = (m[ids].to_numpy() > 0).astype(np.int64)
    n_units = x.shape[0]
    both = x.T @ x
    single = np.diag(both)
    a, b = np.triu_indices(len(ids), k=1)
    n_both = both[a, b]
    union = single[a] + single[b] - n_both
    out = pd.DataFrame(
        {
            "category_a": np.asarray(ids, dtype=object)[a],
            "category_b": np.asarray(ids, dtype=object)[b],
            "n_both": n_both.astype(np.int64),
            "n_a": single[a].astype(np.int64),
            "n_b": single[b].astype(np.int64),
            "n_units": n_units,
            "jaccard": _ratio(n_both, union),
            "lift": _ratio(n_both * n_units, single[a] * single[b]),
        }
    )
    out = out.assign(_order=np.arange(len(out))).sort_values(
        ["n_both", "_order"], ascending=[False, True], kind="stable"
    )
    return out.drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------- topics


def frame_topics(
    corpus,
    *,
    n_topics: int = 8,
    n_terms: int = 10,
    codebook=None,
    evidence: pd.DataFrame | None = None,
    min_df: int = 2,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Inductive check of the codebook: NMF topics over sentences and their frame loadings.

    Sentences are turned into TF-IDF vectors (scikit-learn's ``TfidfTransformer`` with
    smooth idf and l2 norm) over the corpus tokens without stopwords and numbers, keeping
    words that occur in at least ``min_df`` sentences, and factorised with non-negative
    matrix factorisation (Lee & Seung 1999; scikit-learn ``NMF`` with the deterministic
    NNDSVDa start, Boutsidis & Gallopoulos 2008). Each topic is described by its top
    terms and by how its weight spreads over the codebook: the mean topic weight among the
    sentences coded for each category, and the share of the topic's total weight that
    falls in those sentences. The ``'(uncoded)'`` row gives the same for sentences no
    category codes; a topic with a large uncoded share is vocabulary the codebook misses.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    n_topics : int, default 8
        Number of NMF components.
    n_terms : int, default 10
        Top terms listed per topic.
    codebook : Codebook, path or None, default None
    evidence : DataFrame, optional
    min_df : int, default 2
        Minimum number of sentences a word must occur in.
    random_state : int or None, default 0
        Passed to NMF (only used to break ties; the start is deterministic).

    Returns
    -------
    DataFrame
        One row per topic and category (topics 0..n_topics-1; categories in codebook order
        then ``'(uncoded)'``): ``topic, top_terms, topic_share, category, n_sentences,
        mean_weight, weight_share``. ``top_terms`` joins the topic's top terms with ``', '``;
        ``topic_share`` is the topic's share of all topic weight; ``mean_weight`` is the mean
        of the sentences' topic proportions (each sentence's weights scaled to sum to 1)
        among the ``n_sentences`` sentences of the category; ``weight_share`` is the share of
        the topic's raw weight in those sentences (shares of categories can add to more
        than 1 because one sentence may be coded for several).

    Raises
    ------
    ValueError
        If ``n_topics`` is not a positive integer, or there are fewer sentences or terms
        than topics.

    References
    ----------
    Lee, D. D., & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. *Nature*, 401, 788-791.
    Boutsidis, C., & Gallopoulos, E. (2008). SVD based initialization: A head start for
    nonnegative matrix factorization. *Pattern Recognition*, 41(4), 1350-1362.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = ["Win-win trade deals grow trade.", "Trade deals and win-win trade.",
    ...          "Football fans watch football.", "Fans love football matches."]
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                      "text": [texts[0] + " " + texts[2], texts[1], texts[3]]})
    >>> t = frame_topics(docs, n_topics=2, n_terms=2)
    >>> t[t.category.isin(["win_win", "(uncoded)"])][["topic", "top_terms", "category",
    ...                                               "n_sentences", "weight_share"]]
        topic       top_terms   category  n_sentences  weight_share
    4       0     trade, deals    win_win            2           1.0
    12      0     trade, deals  (uncoded)            2           0.0
    17      1  football, fans    win_win            2           0.0
    25      1  football, fans  (uncoded)            2           1.0
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    for name, value in (("n_topics", n_topics), ("n_terms", n_terms), ("min_df", min_df)):
        if not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be a positive integer; got {value!r}")
    corpus = as_corpus(corpus)
    cb = as_codebook(codebook)
    evidence = _evidence_for(corpus, evidence, cb)
    ids = _category_ids(cb, evidence)
    hits = _sentence_hits(corpus, evidence, ids)
    toks = corpus.tokens
    n_s = len(toks.sentences)
    keep_vocab = ~toks.is_stop & np.fromiter(
        (any(ch.isalpha() for ch in v) for v in toks.vocab), dtype=bool, count=toks.vocab.size
    )
    mask = keep_vocab[toks.ids]
    counts = sparse.csr_matrix(
        (np.ones(int(mask.sum())), (toks.sent[mask], toks.ids[mask])),
        shape=(n_s, toks.vocab.size),
    )
    counts.sum_duplicates()
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= min_df)
    if n_s < n_topics or cols.size < n_topics:
        raise ValueError(
            f"n_topics={n_topics} is more than the {n_s} sentences or the {cols.size} words "
            f"with min_df={min_df}; lower n_topics or min_df"
        )
    x = TfidfTransformer().fit_transform(counts[:, cols])
    model = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=500)
    w = model.fit_transform(x)
    h = model.components_
    terms = toks.vocab[cols]
    # ties in a topic's term weights are broken alphabetically
    top = [
        ", ".join(terms[np.lexsort((terms, -h[k]))][: min(n_terms, terms.size)])
        for k in range(n_topics)
    ]
    total = w.sum(axis=0)
    row_sum = w.sum(axis=1, keepdims=True)
    prop = np.divide(w, row_sum, out=np.zeros_like(w), where=row_sum > 0)
    coded = hits > 0
    members = [coded[:, j] for j in range(len(ids))] + [~coded.any(axis=1)]
    names = [*ids, "(uncoded)"]
    rows = []
    for k in range(n_topics):
        for name, mem in zip(names, members, strict=True):
            n_mem = int(mem.sum())
            rows.append(
                (
                    k,
                    top[k],
                    float(total[k] / total.sum()) if total.sum() > 0 else np.nan,
                    name,
                    n_mem,
                    float(prop[mem, k].mean()) if n_mem else np.nan,
                    float(w[mem, k].sum() / total[k]) if total[k] > 0 else np.nan,
                )
            )
    return pd.DataFrame(
        rows,
        columns=[
            "topic",
            "top_terms",
            "topic_share",
            "category",
            "n_sentences",
            "mean_weight",
            "weight_share",
        ],
    )
