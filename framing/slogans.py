"""Recurring slogans: matches of a lexicon's formulation families, and comparisons.

:func:`find_slogans` lists every match of a slogan lexicon (:mod:`framing.lexicon`:
families of formulations such as ``shared_future``, each with its renderings) with its
sentence, and :func:`slogan_table`, :func:`shared_slogans` and :func:`variant_table`
compare families and renderings across groups of documents (outlets, source types,
years). :func:`load_lexicon`, :func:`as_lexicon` and :class:`Lexicon` are importable
from here too. Discovery without a lexicon lives in :mod:`framing.phrases`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._checks import require_table
from framing.corpus import Corpus, as_corpus
from framing.lexicon import Lexicon, as_lexicon, load_lexicon
from framing.patterns import find_matches

__all__ = [
    "Lexicon",
    "as_lexicon",
    "find_slogans",
    "load_lexicon",
    "shared_slogans",
    "slogan_table",
    "variant_table",
]

MATCH_COLUMNS = ["doc_id", "family", "matched", "start", "end", "sentence"]


# --------------------------------------------------------------------------- matching


def _drop_excluded(hits: pd.DataFrame, excl: pd.DataFrame) -> pd.DataFrame:
    """Drop hits lying wholly inside an exclude match of the same family."""
    if excl.empty or hits.empty:
        return hits
    h = hits[["label", "doc_id", "start", "end"]].reset_index().rename(columns={"index": "row"})
    x = excl[["label", "doc_id", "start", "end"]].rename(columns={"start": "xs", "end": "xe"})
    pairs = h.merge(x, on=["label", "doc_id"])
    inside = pairs[(pairs["xs"] <= pairs["start"]) & (pairs["xe"] >= pairs["end"])]
    return hits.drop(index=inside["row"].unique())


def _leftmost_longest(hits: pd.DataFrame) -> pd.DataFrame:
    """Keep non-overlapping hits per (family, document): earliest, then longest, then the
    first pattern in lexicon order."""
    hits = hits.assign(_len=hits["end"] - hits["start"]).sort_values(
        ["label", "sent_index", "start", "_len", "_rank"],
        ascending=[True, True, True, False, True],
        kind="stable",
    )
    label = hits["label"].to_numpy(object)
    doc = hits["doc_id"].to_numpy(object)
    start = hits["start"].to_numpy()
    end = hits["end"].to_numpy()
    keep = np.zeros(len(hits), dtype=bool)
    reach, last = -1, None
    for i in range(len(hits)):
        key = (label[i], doc[i])
        if key != last:
            reach, last = -1, key
        if start[i] >= reach:
            keep[i] = True
            reach = end[i]
    return hits[keep].drop(columns="_len")


def find_slogans(corpus, *, lexicon=None) -> pd.DataFrame:
    """Find every slogan of a lexicon in a corpus.

    Each family is matched on its own; overlapping matches of the same family are
    resolved leftmost-longest, and a match lying wholly inside one of the family's
    ``exclude`` patterns is dropped. Matches never cross a sentence.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        Documents; a DataFrame needs ``doc_id`` and ``text`` (normalised text, as
        :func:`framing.corpus.load_corpus` produces).
    lexicon : Lexicon, path or None, default None
        The slogan lexicon; ``None`` uses the default Chinese diplomatic lexicon.

    Returns
    -------
    DataFrame
        One row per match, columns ``doc_id, family, matched, start, end, sentence``
        (``start``/``end`` are character offsets into the document's ``text``, so
        ``text[start:end] == matched``), then ``variant`` (which rendering),
        ``sentence_id`` and ``pattern``. Rows are in document order, then by start and
        family (lexicon order).

    Raises
    ------
    TypeError
        If ``corpus`` is a single string or ``lexicon`` is of the wrong type.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({
    ...     "doc_id": ["a", "b", "c"],
    ...     "text": ["China seeks win-win cooperation.",
    ...              "They will build a China-Africa community with a shared future.",
    ...              "A community of common destiny for mankind."]})
    >>> hits = find_slogans(docs)
    >>> hits[["doc_id", "family", "variant", "matched"]].values.tolist()
    [['a', 'win_win_cooperation', 'win_win_cooperation', 'win-win cooperation'], \
['b', 'shared_future', 'bilateral_regional', 'China-Africa community with a shared future'], \
['c', 'shared_future', 'common_destiny', 'community of common destiny for mankind']]
    """
    corpus = as_corpus(corpus)
    lex = as_lexicon(lexicon)
    tokens = corpus.tokens
    columns = [*MATCH_COLUMNS, "variant", "sentence_id", "pattern"]
    hits = find_matches(tokens, {f.id: list(f.patterns) for f in lex}, overlap=True)
    if hits.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        for c in ("start", "end", "sentence_id"):
            out[c] = out[c].astype(np.int64)
        return out
    excludes = {f.id: list(f.exclude) for f in lex if f.exclude}
    if excludes:
        hits = _drop_excluded(hits, find_matches(tokens, excludes, overlap=True))
    rank, variant_of = {}, {}
    for f in lex:
        for i, p in enumerate(f.patterns):
            rank[(f.id, p)] = i
        for v in f.variants:
            for p in v.patterns:
                variant_of[(f.id, p)] = v.id
    keys = list(zip(hits["label"], hits["pattern"], strict=True))
    hits = hits.assign(_rank=[rank[k] for k in keys], variant=[variant_of[k] for k in keys])
    hits = _leftmost_longest(hits)
    order = {fid: i for i, fid in enumerate(lex.ids)}
    hits = hits.assign(_family=hits["label"].map(order)).sort_values(
        ["sent_index", "start", "_family", "end"], kind="stable"
    )
    out = hits.rename(columns={"label": "family"})[columns]
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- comparison tables


def _group_frame(corpus: Corpus, by: str | None) -> pd.DataFrame:
    """Per document: group label, token count and (when there is a date column) the date."""
    groups = corpus.groups(by)
    frame = pd.DataFrame(
        {
            "doc_id": groups.index,
            "group": groups.to_numpy(object),
            "n_tokens": corpus.tokens.doc_lengths.astype(np.int64),
        }
    )
    if "date" in corpus.docs.columns:
        raw = corpus.docs["date"].astype(object).where(corpus.docs["date"].notna(), None)
        text = raw.map(lambda v: str(v).strip() or None if v is not None else None)
        # parsed for ordering only; the table reports dates as written ("2025" stays a year)
        frame["date"] = pd.to_datetime(text, errors="coerce", format="mixed").to_numpy()
        frame["date_text"] = text.to_numpy(object)
    return frame


def slogan_table(corpus, matches=None, *, by: str | None = None, lexicon=None) -> pd.DataFrame:
    """Count each slogan family in each group of documents.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        The documents the matches come from.
    matches : DataFrame or None, default None
        Output of :func:`find_slogans`; computed with ``lexicon`` when None.
    by : str or None, default None
        Metadata column that defines the groups; None makes each document a group.
    lexicon : Lexicon, path or None, default None
        Which families to list (every family appears, with zero counts where unused).

    Returns
    -------
    DataFrame
        One row per family and group: ``family, group, count, n_tokens, rate_per_10k``
        (count per 10,000 tokens of the group), ``n_docs_using`` (documents of the group
        with at least one match), ``n_docs`` (documents in the group), and, when the
        corpus has a ``date`` column, ``first_date, last_date`` (earliest and latest date
        of the documents using the family, as written in the metadata, so a bare year
        "2025" stays "2025"; ordered by ``pandas.to_datetime``; missing if no dated
        document uses it, and an unreadable date is ignored). Sorted by family (lexicon
        order), then group (order of first appearance).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Win-win cooperation and win-win cooperation.",
    ...              "We all pursue win-win cooperation.",
    ...              "The Global South met."]})
    >>> t = slogan_table(docs, by="outlet", lexicon=load_lexicon().subset(
    ...     ["win_win_cooperation", "global_south"]))
    >>> t[["family", "group", "count", "n_tokens", "rate_per_10k", "n_docs_using"]].values.tolist()
    [['win_win_cooperation', 'X', 3, 10, 3000.0, 2], ['win_win_cooperation', 'Y', 0, 4, 0.0, 0], \
['global_south', 'X', 0, 10, 0.0, 0], ['global_south', 'Y', 1, 4, 2500.0, 1]]
    """
    corpus = as_corpus(corpus)
    lex = as_lexicon(lexicon)
    if matches is None:
        matches = find_slogans(corpus, lexicon=lex)
    require_table(matches, ("doc_id", "family"), name="matches", source="find_slogans")
    return _slogan_table(_group_frame(corpus, by), matches, lex)


def _slogan_table(docs: pd.DataFrame, matches: pd.DataFrame, lex: Lexicon) -> pd.DataFrame:
    """slogan_table from the per-document frame of :func:`_group_frame` and the matches.

    Shared with :mod:`framing.stream`, which concatenates both chunk by chunk.
    """
    group_labels = list(dict.fromkeys(docs["group"]))
    families = lex.ids + [f for f in dict.fromkeys(matches["family"]) if f not in lex.ids]
    per_group = docs.groupby("group", sort=False).agg(
        n_tokens=("n_tokens", "sum"), n_docs=("doc_id", "size")
    )
    m = matches[["doc_id", "family"]].merge(docs, on="doc_id", how="inner")
    stats = m.groupby(["family", "group"], sort=False).agg(
        count=("doc_id", "size"), n_docs_using=("doc_id", "nunique")
    )
    grid = pd.MultiIndex.from_product([families, group_labels], names=["family", "group"])
    table = stats.reindex(grid, fill_value=0).reset_index()
    table = table.join(per_group, on="group")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = table["count"].to_numpy(float) * 10_000 / table["n_tokens"].to_numpy(float)
    table["rate_per_10k"] = rate
    cols = ["family", "group", "count", "n_tokens", "rate_per_10k", "n_docs_using", "n_docs"]
    table = table[cols].astype(
        {"count": np.int64, "n_docs_using": np.int64, "n_tokens": np.int64, "n_docs": np.int64}
    )
    if "date" in docs.columns:
        dated = m.dropna(subset=["date"]).sort_values(["date", "date_text"], kind="stable")
        span = dated.groupby(["family", "group"], sort=False)["date_text"].agg(["first", "last"])
        span.columns = ["first_date", "last_date"]
        table = table.join(span, on=["family", "group"])
    return table.reset_index(drop=True)


_STATUS_ORDER = {"all": 0, "some": 1, "one": 2, "none": 3}


def shared_slogans(corpus, matches=None, *, by: str | None = None, lexicon=None) -> pd.DataFrame:
    """Which families every group uses, which only some or one group uses.

    Parameters
    ----------
    corpus, matches, by, lexicon
        As in :func:`slogan_table`.

    Returns
    -------
    DataFrame
        One row per family: ``family, status`` (``'all'`` groups use it, ``'some'``,
        ``'one'`` group only, or ``'none'``), ``n_groups_using, n_groups, groups_using``
        (labels joined with ``'; '``) and ``count`` (total matches). Sorted by status in
        that order, then ``n_groups_using`` and ``count`` descending, then lexicon order.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["The Global South and win-win cooperation.", "The Global South."]})
    >>> s = shared_slogans(docs, by="outlet",
    ...     lexicon=load_lexicon().subset(["global_south", "win_win_cooperation", "new_era"]))
    >>> s[["family", "status", "groups_using"]].values.tolist()
    [['global_south', 'all', 'X; Y'], ['win_win_cooperation', 'one', 'X'], ['new_era', 'none', '']]
    """
    table = slogan_table(corpus, matches, by=by, lexicon=lexicon)
    n_groups = table["group"].nunique()
    rows = []
    for i, (family, t) in enumerate(table.groupby("family", sort=False)):
        used = t[t["count"] > 0]
        k = len(used)
        status = (
            "all" if k == n_groups and k > 0 else "one" if k == 1 else "none" if k == 0 else "some"
        )
        rows.append(
            (
                family,
                status,
                k,
                n_groups,
                "; ".join(map(str, used["group"])),
                int(t["count"].sum()),
                i,
            )
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "family",
            "status",
            "n_groups_using",
            "n_groups",
            "groups_using",
            "count",
            "_order",
        ],
    )
    out = out.assign(_status=out["status"].map(_STATUS_ORDER)).sort_values(
        ["_status", "n_groups_using", "count", "_order"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    return out.drop(columns=["_status", "_order"]).reset_index(drop=True)


def variant_table(corpus, matches=None, *, by: str | None = None, lexicon=None) -> pd.DataFrame:
    """Which rendering of each family every group prefers.

    Parameters
    ----------
    corpus, matches, by, lexicon
        As in :func:`slogan_table`; ``matches`` needs the ``variant`` column that
        :func:`find_slogans` returns.

    Returns
    -------
    DataFrame
        For every family a group uses, one row per variant of the family:
        ``family, variant, label, group, count, share`` (share of the family's matches
        in that group; the shares of a family in a group sum to 1). Variants a group does
        not use appear with count 0. Sorted by family (lexicon order), group (order of
        first appearance), then variant (lexicon order).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Xinhua", "Reuters"],
    ...     "text": ["A community with a shared future for mankind. A global community "
    ...              "of shared future.", "A community of common destiny."]})
    >>> v = variant_table(docs, by="outlet", lexicon=load_lexicon().subset(["shared_future"]))
    >>> v[v["count"] > 0][["group", "variant", "count", "share"]].values.tolist()
    [['Xinhua', 'global_community', 1, 0.5], ['Xinhua', 'for_mankind', 1, 0.5], \
['Reuters', 'common_destiny', 1, 1.0]]
    """
    corpus = as_corpus(corpus)
    lex = as_lexicon(lexicon)
    if matches is None:
        matches = find_slogans(corpus, lexicon=lex)
    require_table(matches, ("doc_id", "family", "variant"), name="matches", source="find_slogans")
    docs = _group_frame(corpus, by)
    group_order = {g: i for i, g in enumerate(dict.fromkeys(docs["group"]))}
    m = matches[["doc_id", "family", "variant"]].merge(docs[["doc_id", "group"]], on="doc_id")
    counts = m.groupby(["family", "group", "variant"], sort=False).size()
    rows = []
    known = set(lex.ids)
    for family, group in dict.fromkeys(zip(m["family"], m["group"], strict=True)):
        if family in known:
            variants = [(v.id, v.label, j) for j, v in enumerate(lex[family].variants)]
        else:
            names = sorted(set(m.loc[m["family"] == family, "variant"]))
            variants = [(v, "", j) for j, v in enumerate(names)]
        total = sum(int(counts.get((family, group, v), 0)) for v, _, _ in variants)
        for vid, label, j in variants:
            c = int(counts.get((family, group, vid), 0))
            rows.append(
                (
                    family,
                    vid,
                    label,
                    group,
                    c,
                    c / total if total else np.nan,
                    lex.ids.index(family) if family in known else len(known),
                    j,
                    group_order[group],
                )
            )
    out = pd.DataFrame(
        rows, columns=["family", "variant", "label", "group", "count", "share", "_f", "_v", "_g"]
    )
    out = out.sort_values(["_f", "family", "_g", "_v"], kind="stable")
    return out.drop(columns=["_f", "_v", "_g"]).reset_index(drop=True)
