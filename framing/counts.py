"""Term and n-gram frequencies per document or per group.

Counting is vectorised: tokens are integer ids (:class:`framing.text.Tokens`). An
n-gram is one integer packing the alphabetical ranks of its units, and the counts per
group come from one sort of the (n-gram, document) pairs per order
(:mod:`framing._ngrams`); n-grams too long to pack are coded by hash factorisation
(:func:`ngram_codes`) into a document-by-feature scipy sparse matrix. No Python loop
runs over tokens; strings are built only for the features returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing import _ngrams
from framing.text import Tokens, load_stopwords

__all__ = ["count_terms", "ngram_codes", "source_similarity"]

StopOption = bool | Iterable[str] | None


@dataclass(eq=False)
class _Counts:
    """Internal: a document x feature count matrix for one n-gram order range."""

    X: sp.csr_matrix  # n_docs x n_features, int64
    features: np.ndarray  # feature strings
    n: np.ndarray  # n-gram order of each feature
    doc_tokens: np.ndarray  # tokens per document (all tokens, before any filter)
    unit_vocab: np.ndarray | None = None  # token forms (or stems) that the units index
    units: list | None = None  # per order: (n_features_of_order, n) unit ids of each feature


def _check_ngram_range(ngram_range) -> tuple[int, int]:
    try:
        lo, hi = (int(x) for x in ngram_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"ngram_range must be a pair (min_n, max_n), got {ngram_range!r}"
        ) from None
    if not 1 <= lo <= hi:
        raise ValueError(f"ngram_range must satisfy 1 <= min_n <= max_n, got {ngram_range!r}")
    return lo, hi


def _stop_mask(vocab: np.ndarray, stopwords: StopOption) -> np.ndarray | None:
    if stopwords is None or stopwords is False:
        return None
    if stopwords is True:
        stop = load_stopwords()
    elif isinstance(stopwords, str):
        raise TypeError("stopwords must be True/False or a collection of words, not one string")
    else:
        stop = frozenset(w.lower() for w in stopwords)
    return pd.Index(vocab).isin(list(stop))


def _unit_ids(tokens: Tokens, *, stem: bool) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and their vocabulary, optionally stemmed."""
    if stem:
        vocab, ids = tokens.stemmed()
        return vocab, ids
    return tokens.vocab, tokens.ids


def _units(tokens: Tokens, *, stopwords: StopOption, stem: bool):
    """Unit strings (forms or stems), the unit id of every token and the stop units."""
    vocab, ids = _unit_ids(tokens, stem=stem)
    stop = _stop_mask(vocab if not stem else tokens.vocab, stopwords)
    if stop is not None and stem:
        # a stem is a stopword when every surface form of it is
        stop_codes = np.zeros(vocab.size, dtype=bool)
        stop_codes[ids] = True
        not_stop = np.zeros(vocab.size, dtype=bool)
        not_stop[ids[~stop[tokens.ids]]] = True
        stop = stop_codes & ~not_stop
    return vocab, ids, stop


def _sentences_for(tokens: Tokens, max_n: int) -> np.ndarray:
    """Sentence of each token for n-grams up to ``max_n``.

    Single words need no sentences, and Tokens splits them only when asked: up to
    unigrams every token is put in sentence 0 instead.
    """
    if max_n > 1:
        return tokens.sent
    return np.zeros(tokens.n_tokens, dtype=np.int32)


def _packs(tokens: Tokens, vocab: np.ndarray, max_n: int) -> bool:
    """Whether the fast path of :mod:`framing._ngrams` can count these n-grams."""
    return tokens.n_tokens > 0 and _ngrams.fits(vocab.size, max_n)


def ngram_codes(ids: np.ndarray, sent: np.ndarray, n: int, vocab_size: int):
    """Code every n-gram inside a sentence as an integer.

    Parameters
    ----------
    ids : ndarray of int
        Token ids, concatenated.
    sent : ndarray of int or None
        Sentence index of each token; n-grams never cross a sentence. Not used (may
        be None) when ``n`` is 1.
    n : int
        Order.
    vocab_size : int
        Number of distinct token ids.

    Returns
    -------
    pos : ndarray of int64
        Start position of each n-gram.
    code : ndarray of int64
        Code of each n-gram (0..n_distinct-1), in order of first appearance.
    first : ndarray of int64
        Start position of the first occurrence of each code.
    """
    size = ids.size
    if size < n:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    pos = np.arange(size - n + 1, dtype=np.int64)
    if n > 1:
        pos = pos[sent[: size - n + 1] == sent[n - 1 :]]
    code = ids[pos].astype(np.int64)
    n_codes = vocab_size
    if n > 1 and max(vocab_size, 1) ** n <= 2**_ngrams.KEY_BITS:
        # the whole n-gram in one integer, one factorisation: the same codes (each is
        # the number of the n-gram in order of first appearance)
        for k in range(1, n):
            code *= np.int64(vocab_size)
            code += ids[pos + k]
        code, uniques = pd.factorize(code)
        return pos, *_first_codes(code.astype(np.int64), uniques.size, pos)
    for k in range(1, n):
        # the multiplier must exceed every token id (not the number of codes so far)
        key = code * np.int64(vocab_size) + ids[pos + k]
        code, uniques = pd.factorize(key)
        code = code.astype(np.int64)
        n_codes = uniques.size
    return pos, *_first_codes(code, n_codes, pos)


def _first_codes(code: np.ndarray, n_codes: int, pos: np.ndarray):
    """The codes and the start of the first occurrence of each code."""
    first = np.full(n_codes, -1, dtype=np.int64)
    first[code[::-1]] = pos[::-1]
    return code, first


def _count_matrix(
    tokens: Tokens,
    *,
    ngram_range=(1, 1),
    stopwords: StopOption = False,
    stem: bool = False,
    min_count: int = 1,
    names: bool = True,
) -> _Counts:
    """Document x feature counts; ``names=False`` skips building feature strings."""
    lo, hi = _check_ngram_range(ngram_range)
    vocab, ids, stop = _units(tokens, stopwords=stopwords, stem=stem)
    doc_index = tokens.doc_index
    n_docs = tokens.n_docs
    mats, feats, orders, units = [], [], [], []
    for n in range(lo, hi + 1):
        # single words need no sentences (and Tokens works them out only when asked)
        pos, code, first = ngram_codes(ids, tokens.sent if n > 1 else None, n, vocab.size)
        if stop is not None:
            keep_code = ~(stop[ids[first]] | stop[ids[first + n - 1]])
            keep = keep_code[code]
            pos, code = pos[keep], code[keep]
        else:
            keep_code = np.ones(first.size, dtype=bool)
        n_codes = first.size
        X = sp.csr_matrix(
            (np.ones(code.size, dtype=np.int64), (doc_index[pos], code)),
            shape=(n_docs, n_codes),
        )
        X.sum_duplicates()
        totals = np.asarray(X.sum(axis=0)).ravel()
        cols = np.flatnonzero(keep_code & (totals >= min_count))
        if cols.size < n_codes:
            X = X[:, cols]
        starts = first[cols]
        unit_ids = [ids[starts + k] for k in range(n)]
        if not names:
            labels = np.full(cols.size, None, dtype=object)
        elif n == 1:
            labels = vocab[unit_ids[0]]
        else:
            parts = [vocab[u] for u in unit_ids]
            labels = np.asarray(list(map(" ".join, zip(*parts, strict=True))), dtype=object)
        mats.append(X)
        feats.append(np.asarray(labels, dtype=object))
        orders.append(np.full(cols.size, n, dtype=np.int64))
        units.append(np.stack(unit_ids, axis=1))
    X = sp.hstack(mats, format="csr", dtype=np.int64) if mats else sp.csr_matrix((n_docs, 0))
    return _Counts(
        X=X,
        features=np.concatenate(feats),
        n=np.concatenate(orders),
        doc_tokens=tokens.doc_lengths.astype(np.int64),
        unit_vocab=vocab,
        units=units,
    )


def _group_index(corpus, by: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Group code per document and the group labels (in order of first appearance)."""
    labels = corpus.groups(by)
    codes, uniques = pd.factorize(labels.to_numpy(object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _group_sum(X: sp.csr_matrix, codes: np.ndarray, n_groups: int) -> sp.csr_matrix:
    G = sp.csr_matrix(
        (np.ones(codes.size, dtype=np.int64), (codes, np.arange(codes.size))),
        shape=(n_groups, codes.size),
    )
    return (G @ X).tocsr()


def count_terms(
    corpus,
    *,
    by: str | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: StopOption = False,
    stem: bool = False,
    min_count: int = 1,
    min_docs: int = 1,
) -> pd.DataFrame:
    """Count terms and n-grams per document or per group.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    by : str or None, default None
        Metadata column to group documents by; ``None`` counts per document.
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram order. N-grams never cross a sentence boundary.
    stopwords : bool or collection of str, default False
        ``True`` removes the shipped English list (:func:`framing.text.load_stopwords`),
        a collection removes those words. Unigrams that are stopwords are dropped;
        n-grams are dropped when they start or end with one ("community of shared
        future" stays, "of the" goes).
    stem : bool, default False
        Count Snowball stems instead of word forms.
    min_count : int, default 1
        Keep features occurring at least this often in the whole corpus.
    min_docs : int, default 1
        Keep features occurring in at least this many documents.

    Returns
    -------
    DataFrame
        One row per group and feature occurring in it, columns:
        ``group`` (the label, or the doc_id when ``by`` is None), ``feature``, ``n``
        (n-gram order), ``count``, ``group_tokens`` (all tokens of the group, the
        denominator), ``per_1k`` (count per 1,000 tokens), ``docs`` (documents of the
        group containing the feature), ``group_docs``, ``df`` (documents of the
        corpus containing it) and ``tfidf`` (``count * idf`` with scikit-learn's
        smoothed ``idf = ln((1 + n_docs) / (1 + df)) + 1``). Sorted by group (in
        corpus order), count descending, feature.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"],
    ...     "text": ["Win-win cooperation. Win-win!", "Peaceful development.", "Win-win peace."],
    ...     "source": ["state", "state", "foreign"]}))
    >>> count_terms(corpus, by="source")[["group", "feature", "count", "per_1k", "docs"]]
         group      feature  count  per_1k  docs
    0    state      win-win      2   400.0     1
    1    state  cooperation      1   200.0     1
    2    state  development      1   200.0     1
    3    state     peaceful      1   200.0     1
    4  foreign        peace      1   500.0     1
    5  foreign      win-win      1   500.0     1
    """
    if min_count < 1 or min_docs < 1:
        raise ValueError("min_count and min_docs must be at least 1")
    tokens = corpus.tokens
    lo, hi = _check_ngram_range(ngram_range)
    vocab, ids, stop = _units(tokens, stopwords=stopwords, stem=stem)
    if _packs(tokens, vocab, hi):
        codes, labels = _group_index(corpus, by)
        rows = _ngrams.ngram_rows(
            ids,
            vocab,
            _sentences_for(tokens, hi),
            tokens.doc_ptr,
            codes,
            labels.size,
            orders=range(lo, hi + 1),
            stop=stop,
            min_count=min_count,
            min_docs=min_docs,
            names=1,
            table=True,
        )
        del ids, stop
        t, features = rows.table, rows.names
        del rows
        features = features[t.pop("f")]
        n_docs = tokens.n_docs
        idf = np.log((1 + n_docs) / (1 + np.arange(n_docs + 1))) + 1.0  # by df
        return _terms_frame(
            labels,
            t.pop("g"),
            features,
            t.pop("count"),
            t.pop("docs"),
            orders=t.pop("n"),
            df=t["df"],
            idf=idf[t.pop("df")],
            group_tokens=np.bincount(codes, weights=tokens.doc_lengths, minlength=labels.size),
            group_docs=np.bincount(codes, minlength=labels.size),
            strings=True,
        )
    counts = _count_matrix(
        tokens,
        ngram_range=ngram_range,
        stopwords=stopwords,
        stem=stem,
        min_count=min_count,
    )
    X = counts.X
    codes, labels = _group_index(corpus, by)
    return _terms_table(
        _group_sum(X, codes, labels.size),
        _group_sum((X > 0).astype(np.int64), codes, labels.size),
        features=counts.features,
        orders=counts.n,
        labels=labels,
        group_tokens=np.bincount(codes, weights=counts.doc_tokens, minlength=labels.size),
        group_docs=np.bincount(codes, minlength=labels.size),
        n_docs=X.shape[0],
        min_count=min_count,
        min_docs=min_docs,
        feature_rank=_units_rank(counts.unit_vocab, counts.units),
    )


def _feature_rank(features: np.ndarray) -> np.ndarray:
    """Rank of each (distinct) feature string in sorted order."""
    order = np.asarray(sorted(range(features.size), key=features.__getitem__), dtype=np.int64)
    rank = np.empty(features.size, dtype=np.int64)
    rank[order] = np.arange(features.size, dtype=np.int64)
    return rank


def _units_rank(unit_vocab: np.ndarray, units: list[np.ndarray]) -> np.ndarray:
    """Rank of each feature string in sorted order, found from its units.

    ``units`` holds, per n-gram order, the unit ids of each feature (features are the
    units joined by spaces, in that order). Units never contain a character at or
    below the space, so comparing two features as strings is comparing their unit
    strings one by one, a feature that runs out first coming first ("a b" < "a-b",
    "a" < "a b"): an integer sort of unit ranks, with no string compared twice.
    """
    order = np.asarray(sorted(range(unit_vocab.size), key=unit_vocab.__getitem__), dtype=np.int64)
    urank = np.empty(unit_vocab.size, dtype=np.int64)
    urank[order] = np.arange(1, unit_vocab.size + 1)  # 0 = no unit (shorter feature)
    width = max((u.shape[1] for u in units), default=1)
    cols = [
        np.concatenate(
            [urank[u[:, k]] if k < u.shape[1] else np.zeros(len(u), np.int64) for u in units]
        )
        if units
        else np.zeros(0, np.int64)
        for k in range(width)
    ]
    order = _row_order(cols, [unit_vocab.size + 1] * width)
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size, dtype=np.int64)
    return rank


def _row_order(cols: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """Sorting permutation of the rows of integer columns (first column first).

    ``sizes`` bound the columns' values (0 <= value <= size); the columns are packed
    into one 64-bit key when their bits fit, which sorts several times faster.
    """
    n = cols[0].size if cols else 0
    bits = [max(int(s), 1).bit_length() for s in sizes]
    if sum(bits) <= 63:
        key = np.zeros(n, dtype=np.int64)
        for c, b in zip(cols, bits, strict=True):
            key = (key << b) | c.astype(np.int64)
        return np.argsort(key, kind="stable")
    return np.lexsort(cols[::-1])


def _terms_table(
    G: sp.csr_matrix,
    Gd: sp.csr_matrix,
    *,
    features: np.ndarray,
    orders: np.ndarray,
    labels: np.ndarray,
    group_tokens: np.ndarray,
    group_docs: np.ndarray,
    n_docs: int,
    min_count: int,
    min_docs: int,
    feature_rank: np.ndarray | None = None,
) -> pd.DataFrame:
    """The count_terms table from group x feature counts ``G`` and document counts ``Gd``.

    Everything here is a sum over documents, so the streaming and Dask paths
    (:mod:`framing.stream`) add up ``G``, ``Gd``, ``group_tokens`` and ``group_docs``
    chunk by chunk and call this function once. ``feature_rank`` (the rank of each
    feature string in sorted order, see :func:`_units_rank`) saves sorting the strings.
    """
    G, Gd = sp.csr_matrix(G, dtype=np.int64), sp.csr_matrix(Gd, dtype=np.int64)
    totals = np.asarray(G.sum(axis=0)).ravel()
    df_all = np.asarray(Gd.sum(axis=0)).ravel().astype(np.int64)
    keep = np.flatnonzero((totals >= min_count) & (df_all >= min_docs))
    features, orders = np.asarray(features, dtype=object), np.asarray(orders)
    rank = None if feature_rank is None else np.asarray(feature_rank)
    if keep.size < totals.size:
        G, Gd, df_all = G[:, keep], Gd[:, keep], df_all[keep]
        features, orders = features[keep], orders[keep]
        rank = None if rank is None else rank[keep]
    if rank is None:
        rank = _feature_rank(features)
    idf = np.log((1 + n_docs) / (1 + df_all)) + 1.0
    for M in (G, Gd):
        M.sum_duplicates()
        M.sort_indices()
    if np.array_equal(G.indptr, Gd.indptr) and np.array_equal(G.indices, Gd.indices):
        # a feature is counted in a group exactly where some document of it has it
        rows = np.repeat(np.arange(G.shape[0], dtype=np.int64), np.diff(G.indptr))
        cols, vals, docs = G.indices.astype(np.int64), G.data, Gd.data
    else:  # pragma: no cover - explicit zeros in user-built matrices
        coo = G.tocoo()
        rows, cols, vals = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
        docs = np.asarray(Gd[rows, cols]).ravel()
    nz = vals > 0
    if not nz.all():
        rows, cols, vals, docs = rows[nz], cols[nz], vals[nz], docs[nz]
    # group (corpus order), count descending, feature: one integer sort
    top = int(vals.max()) if vals.size else 0
    idx = _row_order([rows, top - vals, rank[cols]], [G.shape[0], top, rank.size and rank.max()])
    rows, cols, vals, docs = rows[idx], cols[idx], vals[idx], docs[idx]
    return _terms_frame(
        labels,
        rows,
        features[cols],
        vals,
        docs,
        orders=orders[cols],
        df=df_all[cols],
        idf=idf[cols],
        group_tokens=group_tokens,
        group_docs=group_docs,
    )


def _rows_table(
    rows: list,
    *,
    features: np.ndarray,
    orders: np.ndarray,
    rank: np.ndarray,
    labels: np.ndarray,
    group_tokens: np.ndarray,
    group_docs: np.ndarray,
    n_docs: int,
    min_count: int,
    min_docs: int,
) -> pd.DataFrame:
    """The count_terms table from rows ``[g, f, count, docs]``, one per (group, feature).

    The same table as :func:`_terms_table` on the sparse sums, with no matrix built
    (the streaming path sums rows). Every row has a positive count; ``rank`` is the
    alphabetical rank of each feature (distinct among the features kept), ``features``
    the strings of (at least) the features kept. The list is emptied: its arrays are
    freed as the table is made.
    """
    g, f, count, docs = rows
    rows.clear()
    n_feats = features.size
    total = np.bincount(f, weights=count, minlength=n_feats)  # exact below 2**53
    df = np.bincount(f, weights=docs, minlength=n_feats).astype(np.int64)
    keep = (total >= min_count) & (df >= min_docs)
    del total
    if not keep.all():
        kept = keep[f]
        g, f, count, docs = g[kept], f[kept], count[kept], docs[kept]
        del kept
    # table order: group (corpus order), count descending, feature; one sort of integers
    top = int(count.max()) if count.size else 0
    seen = np.zeros(top + 1, dtype=bool)
    seen[count] = True
    values = np.flatnonzero(seen)[::-1]  # distinct counts, descending
    del seen
    crank = np.zeros(top + 1, dtype=np.int64)
    crank[values] = np.arange(values.size, dtype=np.int64)
    crank = crank[count]
    del count
    kept_rank = rank[f]
    bits = [
        max(int(labels.size) - 1, 0).bit_length(),
        max(values.size - 1, 0).bit_length(),
        int(kept_rank.max()).bit_length() if kept_rank.size else 0,
        int(docs.max()).bit_length() if docs.size else 0,
    ]
    if sum(bits) <= _ngrams.ORDER_BITS:
        key = g.astype(np.int64)
        del g
        for column, width in zip((crank, kept_rank, docs), bits[1:], strict=True):
            key <<= width
            key |= column
        del crank, docs
        key.sort()  # (distinct integers)
        by_rank = np.full(int(kept_rank.max()) + 1 if kept_rank.size else 0, -1, np.int64)
        by_rank[kept_rank] = f
        del kept_rank, f
        docs = key & ((1 << bits[3]) - 1)
        key >>= bits[3]
        f = by_rank[key & ((1 << bits[2]) - 1)]
        del by_rank
        key >>= bits[2]
        count = values[key & ((1 << bits[1]) - 1)]
        key >>= bits[1]
        g = key
    else:  # too wide for one integer
        perm = np.lexsort((kept_rank, crank, g))
        g, f, docs, count = g[perm], f[perm], docs[perm], values[crank[perm]]
        del perm, crank, kept_rank
    df = df[f]
    idf = np.log((1 + n_docs) / (1 + np.arange(n_docs + 1))) + 1.0  # by df
    return _terms_frame(
        labels,
        g,
        features[f],
        count,
        docs,
        orders=np.asarray(orders, dtype=np.int64)[f],
        df=df,
        idf=idf[df],
        group_tokens=group_tokens,
        group_docs=group_docs,
        strings=True,
    )


def _terms_frame(
    labels: np.ndarray,
    rows: np.ndarray,
    features: np.ndarray,
    vals: np.ndarray,
    docs: np.ndarray,
    *,
    orders: np.ndarray,
    df: np.ndarray,
    idf: np.ndarray,
    group_tokens: np.ndarray,
    group_docs: np.ndarray,
    strings: bool = False,
) -> pd.DataFrame:
    """The count_terms table; one value per row except ``labels`` and the group totals.

    ``rows`` are group codes (into ``labels``, ``group_tokens``, ``group_docs``). The
    arrays become the columns: ``idf`` (a fresh array) is multiplied by the counts in
    place to give ``tfidf``.
    ``strings=True`` says that the features are all ``str`` (their column is then made
    without pandas checking every element again).
    """
    group_tokens = np.asarray(group_tokens, dtype=np.float64)
    tokens_col = group_tokens.astype(np.int64)[rows]
    if not tokens_col.size or tokens_col.min() > 0:  # (a group with a feature has tokens)
        per_1k = np.multiply(vals, 1000.0)
        per_1k /= tokens_col  # the same as dividing by the float totals: exact integers
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            per_1k = np.where(group_tokens[rows] > 0, 1000.0 * vals / group_tokens[rows], np.nan)
    tfidf = np.asarray(idf, dtype=np.float64)
    tfidf *= vals
    group = labels[rows]
    group_docs = np.asarray(group_docs, dtype=np.int64)[rows]
    if strings and all(isinstance(x, str) for x in labels):
        group, features = _ngrams.str_column(group), _ngrams.str_column(features)
    return pd.DataFrame(
        {
            "group": group,
            "feature": features,
            "n": orders,
            "count": vals.astype(np.int64, copy=False),
            "group_tokens": tokens_col,
            "per_1k": per_1k,
            "docs": docs.astype(np.int64, copy=False),
            "group_docs": group_docs,
            "df": df,
            "tfidf": tfidf,
        },
        copy=False,  # fresh arrays: no need to copy them into blocks
    )


def source_similarity(
    corpus,
    *,
    by: str | None = None,
    stopwords: StopOption = True,
    min_count: int = 1,
) -> pd.DataFrame:
    """Cosine similarity between sources over their TF-IDF word vectors.

    Each source (a group of ``by``, or a document) is the vector of its word counts
    (summed over its documents), weighted by the smoothed inverse document frequency
    *across sources*, ``idf = ln((1 + n) / (1 + df)) + 1`` (``n`` sources, ``df`` sources
    using the word), and scaled to unit length: scikit-learn's ``TfidfTransformer``
    defaults (Salton & Buckley 1988). The cosine of two unit vectors is their dot product.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    by : str or None, default None
        Metadata column whose groups are the sources; ``None`` compares documents.
    stopwords : bool or collection of str, default True
        Drop stopwords first (see :func:`count_terms`); function words otherwise make
        every pair of English texts look alike.
    min_count : int, default 1
        Keep words occurring at least this often in the whole corpus.

    Returns
    -------
    DataFrame
        Every ordered pair of sources, the pair with itself included: ``source_a,
        source_b, cosine``; sources in corpus order (``source_a`` first). A source
        without any counted word has NaN similarities.

    References
    ----------
    Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text
    retrieval. *Information Processing & Management*, 24(5), 513-523.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.corpus import load_corpus
    >>> corpus = load_corpus(pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...     "text": ["Peace and trade.", "Trade and peace!", "War."]}))
    >>> sim = source_similarity(corpus)
    >>> sim[sim.source_a == "a"].round(3).values.tolist()
    [['a', 'a', 1.0], ['a', 'b', 1.0], ['a', 'c', 0.0]]
    """
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    counts = _count_matrix(corpus.tokens, stopwords=stopwords, min_count=min_count)
    codes, labels = _group_index(corpus, by)
    G = _group_sum(counts.X, codes, labels.size).astype(np.float64)
    n = labels.size
    df = np.asarray((G > 0).sum(axis=0)).ravel()
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    W = (G @ sp.diags(idf)).tocsr()
    norm = np.sqrt(np.asarray(W.multiply(W).sum(axis=1)).ravel())
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(norm > 0, 1.0 / norm, np.nan)
    cos = (W @ W.T).toarray() * inv[:, None] * inv[None, :]
    return pd.DataFrame(
        {
            "source_a": np.repeat(labels, n),
            "source_b": np.tile(labels, n),
            "cosine": cos.ravel(),
        }
    )
