"""Keyness: which terms a target group over- or under-uses compared with the rest.

Follows quanteda's ``textstat_keyness``: the documents are split into a target and a
reference, each feature gets a 2×2 table (its count in each part against the other
tokens of that part, see :mod:`framing.measures`), and a signed statistic that is
positive when the target over-uses the feature.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from framing import _ngrams, measures
from framing.counts import (
    StopOption,
    _check_ngram_range,
    _count_matrix,
    _group_index,
    _packs,
    _sentences_for,
    _units,
    _units_rank,
)

__all__ = ["MEASURES", "keyness"]

#: Keyness measures, the default first.
MEASURES = ("chi2", "lr", "pmi", "logratio", "logodds")

Measure = Literal["chi2", "lr", "pmi", "logratio", "logodds"]
Correction = Literal["default", "yates", "williams", "none"]

KEYNESS_COLUMNS = [
    "feature",
    "n_target",
    "n_reference",
    "stat",
    "p",
    "per_1k_target",
    "per_1k_reference",
    "measure",
    "target",
]


def _check_options(measure, correction, prior, min_count) -> None:
    """Check keyness options (shared with :mod:`framing.stream`)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    if correction not in ("default", "yates", "williams", "none"):
        raise ValueError(
            "correction must be one of ('default', 'yates', 'williams', 'none'), "
            f"got {correction!r}"
        )
    if (measure, correction) in (("chi2", "williams"), ("lr", "yates")) or (
        measure not in ("chi2", "lr") and correction not in ("default", "none")
    ):
        raise ValueError(f"correction={correction!r} does not apply to measure={measure!r}")
    if not (prior == "pooled" or isinstance(prior, int | float) and prior > 0):
        raise ValueError(f"prior must be 'pooled' or a positive number, got {prior!r}")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")


def _targets(corpus, by: str, target) -> tuple[np.ndarray, list[str]]:
    codes, labels = _group_index(corpus, by)
    wanted = _wanted(target)
    _check_targets(wanted, labels, by, all_target=bool(np.isin(labels, wanted).all()))
    return np.isin(labels[codes], wanted), wanted


def _wanted(target) -> list[str]:
    return [target] if isinstance(target, str) else [str(t) for t in target]


def _check_targets(wanted: list[str], labels, by: str, *, all_target: bool) -> None:
    """Every target label exists and some documents are left as reference."""
    unknown = [t for t in wanted if t not in set(labels)]
    if unknown:
        raise ValueError(
            f"target: {unknown} not found in column {by!r}; its values are {sorted(labels)}"
        )
    if all_target:
        raise ValueError("target cannot be all the documents: nothing is left as reference")


def keyness(
    corpus,
    *,
    by: str,
    target: str | list[str],
    measure: Measure = "chi2",
    correction: Correction = "default",
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: StopOption = False,
    stem: bool = False,
    min_count: int = 1,
    prior: Literal["pooled"] | float = "pooled",
) -> pd.DataFrame:
    """Score every feature's over- or under-use in a target group against the rest.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    by : str
        Metadata column that defines the groups (``'doc_id'`` compares documents).
    target : str or list of str
        Value(s) of ``by`` that form the target; all other documents are the reference.
    measure : {'chi2', 'lr', 'pmi', 'logratio', 'logodds'}, default 'chi2'
        ``'chi2'``: Pearson chi² (:func:`framing.measures.chi2`); ``'lr'``: log-likelihood
        G² (Dunning 1993; :func:`framing.measures.g2`); ``'pmi'``: pointwise mutual
        information of feature and target; ``'logratio'``: Hardie's (2014) Log Ratio,
        the binary log of the ratio of relative frequencies; ``'logodds'``: the z-score of
        the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
        2008).
    correction : {'default', 'yates', 'williams', 'none'}, default 'default'
        ``'default'`` is Yates' continuity correction for chi² (always applied, as
        scipy's ``chi2_contingency`` and R's ``chisq.test`` do) and Williams'
        correction for G²; ``'none'`` switches it off. Other measures take no
        correction. (quanteda's own ``"default"`` applies Yates only when an expected
        count is below 5, for both chi² and G²; pass ``'none'`` or compare with
        ``correction="yates"``/``"williams"`` there.)
    ngram_range : (int, int), default (1, 1)
        N-gram orders to score.
    stopwords : bool or collection of str, default False
        Drop stopwords (see :func:`framing.counts.count_terms`). As in quanteda, the
        table sizes (and ``per_1k_*``) then count only the remaining tokens.
    stem : bool, default False
        Score Snowball stems.
    min_count : int, default 1
        Report only features occurring at least this often in the whole corpus. The
        table sizes are computed before this filter, so it does not change any score.
    prior : 'pooled' or float, default 'pooled'
        Dirichlet prior for ``'logodds'``: ``'pooled'`` uses each feature's count in the
        whole corpus as its pseudo-count (the informative prior of Monroe et al.,
        unscaled, as in Jurafsky et al. 2014); a number gives every feature that
        pseudo-count (0.01 is their uninformative prior).

    Returns
    -------
    DataFrame
        Columns ``feature, n_target, n_reference, stat, p, per_1k_target,
        per_1k_reference, measure, target``; ``p`` is NaN where the measure has no
        test (pmi, logratio); PMI is ``-inf`` for a feature absent from the target.
        Rates are per 1,000 n-grams of the same order. Sorted by ``stat``
        descending, then ``feature``.

    Raises
    ------
    ValueError
        For an unknown measure or correction, an unknown target, or a target that is
        the whole corpus.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61–74.

    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus
    Approaches to Social Science (CASS).

    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. *Political
    Analysis*, 16(4), 372–403.

    Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of
    textual data. *Journal of Open Source Software*, 3(30), 774 (``textstat_keyness``).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"],
    ...     "text": ["Win-win cooperation and win-win results.", "Peace and stability.",
    ...              "Tension and rivalry and tension."],
    ...     "source": ["state", "state", "foreign"]}))
    >>> table = keyness(corpus, by="source", target="foreign", measure="lr",
    ...                 correction="none")
    >>> table[["feature", "n_target", "n_reference"]].head(2).values.tolist()
    [['tension', 2, 0], ['rivalry', 1, 0]]
    """
    _check_options(measure, correction, prior, min_count)
    is_target, wanted = _targets(corpus, by, target)

    tokens = corpus.tokens
    lo, hi = _check_ngram_range(ngram_range)
    vocab, ids, stop = _units(tokens, stopwords=stopwords, stem=stem)
    if _packs(tokens, vocab, hi):
        rows = _ngrams.ngram_rows(
            ids,
            vocab,
            _sentences_for(tokens, hi),
            tokens.doc_ptr,
            np.where(is_target, 0, 1),  # group 0 the target, 1 the reference
            2,
            orders=range(lo, hi + 1),
            stop=stop,
            names=min_count,  # strings only for the rows shown
        )
        del ids, stop
        n_t, n_r = _ngrams.group_counts(rows)
        rows.blocks.clear()
        return _keyness_table(
            rows.names,
            rows.n,
            n_t,
            n_r,
            measure=measure,
            correction=correction,
            min_count=min_count,
            prior=prior,
            target="+".join(wanted),
            feature_rank=rows.rank,
            strings=True,
        )
    counts = _count_matrix(tokens, ngram_range=ngram_range, stopwords=stopwords, stem=stem)
    X = counts.X
    n_t = np.asarray(X[is_target].sum(axis=0)).ravel().astype(np.int64)
    n_r = np.asarray(X[~is_target].sum(axis=0)).ravel().astype(np.int64)
    return _keyness_table(
        counts.features,
        counts.n,
        n_t,
        n_r,
        measure=measure,
        correction=correction,
        min_count=min_count,
        prior=prior,
        target="+".join(wanted),
        feature_rank=_units_rank(counts.unit_vocab, counts.units),
    )


def _keyness_table(
    features: np.ndarray,
    order: np.ndarray,
    n_t: np.ndarray,
    n_r: np.ndarray,
    *,
    measure: str,
    correction: str,
    min_count: int,
    prior,
    target: str,
    feature_rank: np.ndarray | None = None,
    strings: bool = False,
) -> pd.DataFrame:
    """The keyness table from each feature's n-gram order and counts in target and reference.

    Shared with the streaming and Dask paths (:mod:`framing.stream`), which add the
    counts up chunk by chunk. Arguments are checked by :func:`keyness`. ``strings=True``
    says that the features shown are all ``str`` (their column is then made without
    pandas checking every element again).
    """
    features = np.asarray(features, dtype=object)
    order = np.asarray(order, dtype=np.int64)
    n_t = np.asarray(n_t, dtype=np.int64)
    n_r = np.asarray(n_r, dtype=np.int64)
    # one table size per n-gram order: unigrams are compared with all unigrams, bigrams
    # with all bigrams, so adding orders never changes a feature's score
    totals_t, totals_r = np.bincount(order, weights=n_t), np.bincount(order, weights=n_r)
    pooled = (n_t + n_r).astype(float)
    alpha0 = None
    if measure == "logodds":  # the prior's total covers every feature of the order
        orders, count_of = np.unique(order, return_counts=True)
        alpha0 = {
            int(n): float(
                pooled[order == n].sum() if prior == "pooled" else np.full(m, float(prior)).sum()
            )
            for n, m in zip(orders, count_of, strict=True)
        }
    del pooled
    # scores only for the features shown (every score depends on its own row alone)
    keep = np.flatnonzero((n_t + n_r) >= min_count)
    n_t, n_r = n_t[keep], n_r[keep]
    order = order[keep]
    # a score depends only on (order, n_t, n_r): each distinct triple is scored once
    combo = _combos(order, n_t, n_r)
    if combo is None:
        which, (u_order, u_t, u_r) = None, (order, n_t, n_r)
    else:
        which, (u_order, u_t, u_r) = combo
    stat, p, per_t, per_r = _scores(
        u_order, u_t, u_r, totals_t, totals_r, measure, correction, prior, alpha0
    )
    if feature_rank is not None:  # the order of sort_values below, from integer ranks
        rows = _stat_order(stat, which, np.asarray(feature_rank)[keep])
    else:
        rows = np.arange(keep.size)
    at = rows if which is None else which[rows]
    columns = {
        "feature": features[keep[rows]],
        "n_target": n_t[rows],
        "n_reference": n_r[rows],
        "stat": stat[at],
        "p": p[at],
        "per_1k_target": per_t[at],
        "per_1k_reference": per_r[at],
    }
    if strings and rows.size and feature_rank is not None:  # the table in its final form
        for name, value in (("measure", measure), ("target", target)):
            columns[name] = np.empty(rows.size, dtype=object)
            columns[name].fill(value)  # one string (np.full would copy it per row)
        for name in ("feature", "measure", "target"):
            columns[name] = _ngrams.str_column(columns[name])
        return pd.DataFrame(columns, copy=False)  # fresh arrays
    out = pd.DataFrame(columns, copy=False)
    out["measure"] = measure
    out["target"] = target
    if feature_rank is None:
        out = out.sort_values(["stat", "feature"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[KEYNESS_COLUMNS]


def _combos(order, n_t, n_r):
    """Distinct (order, n_t, n_r) triples: which one each row has, and the triples.

    ``None`` when the three do not pack into one 64-bit integer.
    """
    bits = [int(x.max()).bit_length() if x.size else 1 for x in (order, n_t, n_r)]
    if sum(bits) > 63:
        return None
    packed = order << (bits[1] + bits[2])
    packed |= n_t << bits[2]
    packed |= n_r
    which, uniques = pd.factorize(packed)
    del packed
    uniques = np.asarray(uniques, dtype=np.int64)
    mask = [(1 << b) - 1 for b in bits]
    triple = (uniques >> (bits[1] + bits[2]), (uniques >> bits[2]) & mask[1], uniques & mask[2])
    return which, triple


def _scores(order, n_t, n_r, totals_t, totals_r, measure, correction, prior, alpha0):
    """stat, p and the rates per 1,000 of each (order, n_t, n_r)."""
    size_t, size_r = totals_t[order], totals_r[order]
    a, b, c, d = measures.cells_2x2(n_t, n_r, size_t, size_r)

    p = np.full(a.shape, np.nan)
    if measure == "chi2":
        res = measures.chi2(a, b, c, d, correction=correction != "none")
        stat, p = res.stat, res.p
    elif measure == "lr":
        res = measures.g2(a, b, c, d, correction=None if correction == "none" else "williams")
        stat, p = res.stat, res.p
    elif measure == "pmi":
        stat = measures.pmi(a, b, c, d)
    elif measure == "logratio":
        stat = measures.log_ratio(a, b, c, d)
    else:
        pooled = (n_t + n_r).astype(float)
        stat, p = np.full(a.shape, np.nan), np.full(a.shape, np.nan)
        for n in np.unique(order):  # each n-gram order is its own vocabulary
            sel = order == n
            alpha = pooled[sel] if prior == "pooled" else np.full(sel.sum(), float(prior))
            res = measures.log_odds_dirichlet(
                n_t[sel],
                n_r[sel],
                alpha,
                n_target=float(size_t[sel][0]),
                n_reference=float(size_r[sel][0]),
                alpha0=alpha0[int(n)],
            )
            stat[sel], p[sel] = res.z, res.p
    stat = np.asarray(stat, dtype=float) + 0.0  # no "-0.0" in tables
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_t = 1000.0 * n_t / size_t
        per_r = 1000.0 * n_r / size_r
    return stat, p, per_t, per_r


def _stat_order(stat, which, rank):
    """Rows by ``stat`` descending (NaN last), then ``rank``: np.lexsort((rank, -stat)).

    ``stat`` is per distinct triple (``which`` gives each row's, or None: one per row).
    The rows are put in rank order, then a stable radix sort by the position of their
    stat among the distinct values finishes the job.
    """
    by_rank = np.full(int(rank.max()) + 1 if rank.size else 0, -1, dtype=np.int64)
    by_rank[rank] = np.arange(rank.size, dtype=np.int64)
    by_rank = by_rank[by_rank >= 0]
    _, position = np.unique(-stat, return_inverse=True)  # NaN last, -0.0 == 0.0
    position = position.reshape(-1)
    key = position[by_rank] if which is None else position[which[by_rank]]
    return by_rank[_ngrams._radix_order([key])]
