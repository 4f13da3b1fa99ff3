"""Figures from framing's tables.

Each ``plot_*`` function takes the tidy table that one compute function returns and draws
it; none recomputes a statistic, calls ``show`` or saves a file (saving, file names and
byte-stable metadata live in :mod:`framing.report`). Axes-level functions take
``ax=None`` and return the :class:`~matplotlib.axes.Axes` they drew on, creating a figure
with :func:`matplotlib.pyplot.subplots` when no ``ax`` is given; :func:`plot_similarity`
owns a whole figure (heatmap, dendrogram, colour bar) and returns the
:class:`~matplotlib.figure.Figure`, as seaborn's ``clustermap`` does.

============================  ================================================
function                      table
============================  ================================================
:func:`plot_frame_profile`    :func:`framing.frames.frame_rates`
:func:`plot_frame_intervals`  :func:`framing.frames.frame_rates`
:func:`plot_cooccurrence`     :func:`framing.frames.frame_cooccurrence`
:func:`plot_keyness`          :func:`framing.keyness.keyness`
:func:`plot_frequency_comparison`  :func:`framing.counts.count_terms` (``by=...``)
:func:`plot_slogan_matrix`    :func:`framing.slogans.slogan_table`
:func:`plot_xray`             :func:`framing.dispersion.term_positions` (or slogan positions)
:func:`plot_similarity`       :func:`framing.counts.source_similarity`
============================  ================================================

Defaults aim at legibility: titles that say what is shown, axis labels with units, the
colour-blind-safe Okabe & Ito (2008) palette for categories and ``cividis`` (Nuñez,
Anderton & Renslow 2018) for magnitudes, and sizes that fit a 7-inch double journal column
or half a slide.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.patches import Patch

from framing._checks import require_table as _require
from framing._heatmap import PLAIN as _PLAIN
from framing._heatmap import PLAIN_MINOR as _PLAIN_MINOR
from framing._heatmap import heatmap as _heatmap
from framing._heatmap import ink as _ink
from framing._heatmap import room_for_rows as _room_for_rows
from framing._labels import fit_title as _fit_title
from framing._labels import fit_xlim as _fit_xlim
from framing._labels import fit_xticklabels as _fit_xticklabels
from framing._labels import place_labels as _place_labels
from framing._labels import settle as _settle

__all__ = [
    "OKABE_ITO",
    "plot_cooccurrence",
    "plot_frame_intervals",
    "plot_frame_profile",
    "plot_frequency_comparison",
    "plot_keyness",
    "plot_similarity",
    "plot_slogan_matrix",
    "plot_xray",
]

#: Okabe & Ito's colour-blind-safe palette, blue and vermillion first (yellow last: it
#: is faint on white).
OKABE_ITO = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
_TARGET, _REFERENCE = OKABE_ITO[0], OKABE_ITO[1]
_ANNOT_SIZE = 7.5

# --------------------------------------------------------------------------- helpers


def _choice(value, name: str, choices: Sequence) -> None:
    if value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(repr(c) for c in choices)}; got {value!r}"
        )


def _axes(ax, figsize: tuple[float, float]):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _label(key, labels: Mapping | None) -> str:
    return str(labels.get(key, key)) if labels else str(key)


def _unique(values) -> list:
    """Distinct values in order of first appearance."""
    return list(dict.fromkeys(values))


def _empty(ax, message: str, title: str):
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.3")
    ax.set_xticks([])
    ax.set_yticks([])
    _fit_title(ax)
    return ax


def _legend(ax, owned: bool, *, title: str):
    """Legend below the plot when the function owns the figure, else to the right of ax."""
    handles, labels = ax.get_legend_handles_labels()
    if not owned:
        return ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    # a first guess of the columns (about 13 characters per inch at 8 pt), then fewer
    # while the legend, measured as drawn in the caller's font, is wider than the figure
    fig = ax.figure
    width = fig.get_figwidth() * 13
    ncols = max(1, min(len(labels), int(width // (max(map(len, labels), default=1) + 6))))
    while True:
        legend = fig.legend(handles, labels, loc="outside lower center", ncols=ncols, title=title)
        if ncols == 1:
            return legend
        _settle(fig)
        if legend.get_window_extent().width <= fig.bbox.width:
            return legend
        legend.remove()
        ncols -= 1


def _per(value: str) -> str:
    return {"per_1k": "hits per 1,000 tokens", "share_sentences": "share of sentences coded"}[value]


# --------------------------------------------------------------------------- frames


def plot_frame_profile(
    rates: pd.DataFrame,
    *,
    value: Literal["per_1k", "share_sentences"] = "per_1k",
    labels: Mapping[str, str] | None = None,
    group_name: str = "group",
    title: str | None = None,
    cmap="cividis",
    ax=None,
):
    """Heatmap of frame use: categories (rows) by groups (columns), counts annotated.

    Parameters
    ----------
    rates : DataFrame
        The table of :func:`framing.frames.frame_rates`.
    value : {'per_1k', 'share_sentences'}, default 'per_1k'
        Colour by hits per 1,000 tokens (annotated ``rate (hits)``) or by the share of
        sentences coded (annotated ``share (sentences coded)``).
    labels : mapping, optional
        Display names of category ids (e.g. ``{c.id: c.label for c in codebook}``).
    group_name : str, default 'group'
        What the groups are (the ``by`` column), for the title and axis label.
    title : str, optional
        Replaces the default title.
    cmap : str or Colormap, default 'cividis'
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"group": ["a", "a", "b", "b"], "category": ["x", "y"] * 2,
    ...     "hits": [3, 0, 1, 2], "n_tokens": [100, 100, 50, 50],
    ...     "per_1k": [30.0, 0.0, 20.0, 40.0]})
    >>> ax = plot_frame_profile(rates)
    >>> [t.get_text() for t in ax.texts]
    ['30.0 (3)', '20.0 (1)', '0.0 (0)', '40.0 (2)']
    >>> plt.close("all")
    """
    _choice(value, "value", ("per_1k", "share_sentences"))
    count = "hits" if value == "per_1k" else "sentences_coded"
    denom = "n_tokens" if value == "per_1k" else "n_sentences"
    _require(
        rates,
        ["group", "category", value, count, denom],
        name="rates",
        source="framing.frames.frame_rates",
    )
    cats, groups = _unique(rates["category"]), _unique(rates["group"])
    owned = ax is None
    ax = _axes(ax, (min(12.0, max(5.5, 2.8 + 1.1 * len(groups))), 1.3 + 0.3 * len(cats)))
    title = title or f"Frame use by {group_name}: {_per(value)}"
    if rates.empty:
        return _empty(ax, "no frame rates to show", title)
    wide = rates.set_index(["category", "group"])
    val = wide[value].unstack("group").reindex(index=cats, columns=groups)
    cnt = wide[count].unstack("group").reindex(index=cats, columns=groups)
    size = wide[denom].groupby(level="group").first().reindex(groups)
    unit = "tokens" if value == "per_1k" else "sentences"
    fmt = "{:.1f} ({})" if value == "per_1k" else "{:.0%} ({})"
    texts = [
        [fmt.format(v, int(n)) if np.isfinite(v) else "" for v, n in zip(vr, nr, strict=True)]
        for vr, nr in zip(val.to_numpy(float), cnt.fillna(0).to_numpy(), strict=True)
    ]
    top = np.nanmax(val.to_numpy(float)) if np.isfinite(val.to_numpy(float)).any() else 1.0
    _heatmap(
        ax,
        val.to_numpy(float),
        rows=[_label(c, labels) for c in cats],
        cols=[f"{g}\n{int(n):,} {unit}" for g, n in size.items()],
        texts=texts,
        cmap=cmap,
        norm=mcolors.Normalize(0, top if top > 0 else 1.0),
        cbar_label=_per(value),
        fontsize=_ANNOT_SIZE,
    )
    ax.set_xlabel(f"{group_name} (size)")
    ax.set_title(title, loc="left")
    what = "hit count" if value == "per_1k" else "sentences coded"
    ax.set_ylabel(f"frame (cells: rate, {what} in brackets)")
    _fit_title(ax)
    _fit_xticklabels(ax)
    if owned:
        _room_for_rows(ax, len(cats))
    return ax


def plot_frame_intervals(
    rates: pd.DataFrame,
    *,
    value: Literal["per_1k", "share_sentences"] = "per_1k",
    labels: Mapping[str, str] | None = None,
    group_name: str = "group",
    ci: float | None = 0.95,
    title: str | None = None,
    ax=None,
):
    """Dot-and-whisker plot of frame use per group with the bootstrap intervals.

    Parameters
    ----------
    rates : DataFrame
        The table of :func:`framing.frames.frame_rates` (``per_1k_low/high`` or
        ``share_low/high`` give the whiskers; NaN intervals draw the dot alone).
    value : {'per_1k', 'share_sentences'}, default 'per_1k'
    labels : mapping, optional
        Display names of category ids.
    group_name : str, default 'group'
    ci : float or None, default 0.95
        The coverage ``frame_rates`` used, only for the axis label.
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"group": ["a", "a", "b", "b"], "category": ["x", "y"] * 2,
    ...     "hits": [3, 0, 1, 2], "n_tokens": [100, 100, 50, 50],
    ...     "per_1k": [30.0, 0.0, 20.0, 40.0], "per_1k_low": [10.0, 0.0, 0.0, 20.0],
    ...     "per_1k_high": [50.0, 0.0, 40.0, 60.0]})
    >>> ax = plot_frame_intervals(rates)
    >>> [t.get_text() for t in ax.figure.legends[0].get_texts()]
    ['a (100 tokens)', 'b (50 tokens)']
    >>> plt.close("all")
    """
    _choice(value, "value", ("per_1k", "share_sentences"))
    lo_col, hi_col = (
        ("per_1k_low", "per_1k_high") if value == "per_1k" else ("share_low", "share_high")
    )
    denom = "n_tokens" if value == "per_1k" else "n_sentences"
    _require(
        rates,
        ["group", "category", value, lo_col, hi_col, denom],
        name="rates",
        source="framing.frames.frame_rates",
    )
    cats, groups = _unique(rates["category"]), _unique(rates["group"])
    owned = ax is None
    ax = _axes(ax, (7.0, 1.6 + 0.32 * len(cats) * max(1.0, len(groups) / 4)))
    title = title or f"Frame use by {group_name}, with bootstrap intervals"
    if rates.empty:
        return _empty(ax, "no frame rates to show", title)
    k = len(groups)
    offsets = np.linspace(-0.32, 0.32, k) if k > 1 else np.zeros(1)
    for i in range(len(cats)):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="0.95", zorder=0, lw=0)
    ypos = {c: i for i, c in enumerate(cats)}
    unit = "tokens" if value == "per_1k" else "sentences"
    for j, g in enumerate(groups):
        sub = rates[rates["group"] == g]
        v = sub[value].to_numpy(float)
        lo = np.nan_to_num(v - sub[lo_col].to_numpy(float), nan=0.0).clip(min=0)
        hi = np.nan_to_num(sub[hi_col].to_numpy(float) - v, nan=0.0).clip(min=0)
        y = sub["category"].map(ypos).to_numpy(float) + offsets[j]
        n = int(sub[denom].iloc[0]) if len(sub) else 0
        ax.errorbar(
            v,
            y,
            xerr=np.vstack([lo, hi]),
            fmt=_MARKERS[j % len(_MARKERS)],
            color=OKABE_ITO[j % len(OKABE_ITO)],
            ms=4.5,
            lw=1.2,
            capsize=0,
            label=f"{g} ({n:,} {unit})",
        )
    ax.set_yticks(range(len(cats)), [_label(c, labels) for c in cats])
    ax.set_ylim(len(cats) - 0.5, -0.5)
    right = ax.get_xlim()[1]
    ax.set_xlim(-0.015 * right, right)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x")
    span = f"{ci:.0%} bootstrap interval" if ci else "bootstrap interval"
    ax.set_xlabel(f"{_per(value)} (dot) and {span} (line)")
    ax.set_title(title, loc="left")
    _fit_title(ax)
    _legend(ax, owned, title=group_name)
    if owned:
        _room_for_rows(ax, len(cats), min_in=0.2 * max(1.0, k / 4))
    return ax


def plot_cooccurrence(
    cooc: pd.DataFrame,
    *,
    value: Literal["jaccard", "lift"] = "jaccard",
    categories: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    unit: str = "sentence",
    title: str | None = None,
    cmap="cividis",
    ax=None,
):
    """Lower-triangle heatmap of frame co-occurrence, annotated with the joint counts.

    A pair never coded in the same unit (``n_both == 0``) is a blank cell: no colour
    (its Jaccard coefficient of 0 would otherwise be the darkest colour, and its lift of
    0 has no logarithm), no number, only a faint outline, as the axis label says.

    Parameters
    ----------
    cooc : DataFrame
        The table of :func:`framing.frames.frame_cooccurrence`.
    value : {'jaccard', 'lift'}, default 'jaccard'
        Colour by the Jaccard coefficient (0..1) or by the lift (log scale, 1 =
        independence, diverging colours).
    categories : list of str, optional
        Category order (default: codebook order, recovered from the pairs).
    labels : mapping, optional
        Display names of category ids.
    unit : str, default 'sentence'
        The unit ``frame_cooccurrence`` counted, for the title.
    title : str, optional
    cmap : str or Colormap, default 'cividis'
        For Jaccard; lift uses a diverging map (``'PuOr_r'``).
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> cooc = pd.DataFrame({"category_a": ["x", "x", "y"], "category_b": ["y", "z", "z"],
    ...     "n_both": [2, 0, 1], "n_a": [3, 3, 2], "n_b": [2, 1, 1], "n_units": [6] * 3,
    ...     "jaccard": [2 / 3, 0.0, 0.5], "lift": [2.0, 0.0, 3.0]})
    >>> ax = plot_cooccurrence(cooc)
    >>> [t.get_text() for t in ax.texts], [t.get_text() for t in ax.get_yticklabels()]
    (['2', '1'], ['y', 'z'])
    >>> plt.close("all")
    """
    _choice(value, "value", ("jaccard", "lift"))
    _require(
        cooc,
        ["category_a", "category_b", "n_both", value],
        name="cooc",
        source="framing.frames.frame_cooccurrence",
    )
    if categories is None:
        # pairs list A before B in codebook order: a category's position is the number
        # of categories that come before it, i.e. how often it appears as B
        every = _unique([*cooc["category_a"], *cooc["category_b"]])
        as_b = cooc["category_b"].value_counts()
        categories = sorted(every, key=lambda c: (int(as_b.get(c, 0)), every.index(c)))
    cats = list(categories)
    owned = ax is None
    ax = _axes(ax, (7.0, 1.6 + 0.34 * max(1, len(cats) - 1)))
    title = title or f"Frames coded in the same {unit}"
    if len(cats) < 2:
        return _empty(ax, "fewer than two categories", title)
    pos = {c: i for i, c in enumerate(cats)}
    n = len(cats)
    # row i is category i + 1, column j category j: cells above the diagonal do not exist
    absent = np.triu(np.ones((n - 1, n - 1), bool), k=1)
    val = np.full((n - 1, n - 1), np.nan)  # pairs never coded together stay NaN: blank
    texts = [[""] * (n - 1) for _ in range(n - 1)]
    for row in cooc.itertuples(index=False):
        a, b = pos.get(row.category_a), pos.get(row.category_b)
        if a is None or b is None or a == b or not row.n_both > 0:
            continue
        i, j = max(a, b) - 1, min(a, b)
        v = float(getattr(row, value))
        val[i, j] = v if np.isfinite(v) else np.nan
        texts[i][j] = str(int(row.n_both))
    if value == "jaccard":
        top = np.nanmax(val) if np.isfinite(val).any() else 1.0
        norm, label = mcolors.Normalize(0, top if top > 0 else 1.0), "Jaccard coefficient"
    else:
        finite = val[np.isfinite(val)]
        m = max(2.0, float(np.max(np.abs(np.log2(finite))))) if finite.size else 2.0
        norm = mcolors.LogNorm(2.0**-m, 2.0**m)
        label, cmap = "lift (observed / expected; 1 = independent, log scale)", "PuOr_r"
    _heatmap(
        ax,
        val,
        rows=[_label(c, labels) for c in cats[1:]],
        cols=[_label(c, labels) for c in cats[:-1]],
        texts=texts,
        cmap=cmap,
        norm=norm,
        cbar_label=label,
        absent=absent,
        fontsize=_ANNOT_SIZE,
    )
    ax.set_title(title, loc="left")
    ax.set_xlabel(f"cells: {unit}s coded for both frames (blank: none)")
    _fit_title(ax)
    _fit_xticklabels(ax)
    if owned:
        _room_for_rows(ax, len(cats) - 1)
    return ax


# --------------------------------------------------------------------------- terms


_MEASURE_LABEL = {
    "chi2": "χ² (Pearson, Yates-corrected)",
    "lr": "G² (log-likelihood)",
    "pmi": "pointwise mutual information",
    "logratio": "Log Ratio (log₂ of the ratio of relative frequencies)",
    "logodds": "log-odds z-score (informative Dirichlet prior)",
}


def plot_keyness(
    table: pd.DataFrame,
    *,
    n: int = 10,
    show_reference: bool = True,
    target_label: str | None = None,
    reference_label: str = "reference",
    title: str | None = None,
    ax=None,
):
    """Diverging bars of the most over- and under-used terms of a target group.

    As quanteda's ``textplot_keyness``: the top ``n`` features by signed statistic (used
    more by the target) and the bottom ``n`` (used more by the reference), each bar
    labelled with its feature and its counts in target and reference.

    Parameters
    ----------
    table : DataFrame
        The table of :func:`framing.keyness.keyness` (rows with a non-finite ``stat``,
        such as PMI of an absent feature, are left out).
    n : int, default 10
        Features per side.
    show_reference : bool, default True
        Also draw the ``n`` features most under-used by the target.
    target_label : str, optional
        Name of the target (default: the table's ``target`` column).
    reference_label : str, default 'reference'
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"feature": ["peace", "war", "talks"], "n_target": [5, 0, 1],
    ...     "n_reference": [1, 6, 2], "stat": [4.2, -5.1, -0.3], "measure": "lr",
    ...     "target": "state"})
    >>> ax = plot_keyness(t, n=1)
    >>> len(ax.patches), [t.get_text() for t in ax.texts]
    (2, ['peace (5 vs 1)', 'war (0 vs 6)'])
    >>> plt.close("all")
    """
    _require(
        table,
        ["feature", "n_target", "n_reference", "stat"],
        name="table",
        source="framing.keyness.keyness",
    )
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive integer (features per side); got {n!r}")
    ok = table[np.isfinite(table["stat"].to_numpy(float))]
    ok = ok.sort_values(["stat", "feature"], ascending=[False, True], kind="stable")
    pos = ok[ok["stat"] > 0].head(n)
    neg = ok[ok["stat"] < 0].tail(n) if show_reference else ok.iloc[:0]
    rows = pd.concat([pos, neg])
    target = target_label or (
        str(table["target"].iloc[0]) if "target" in table.columns and len(table) else "target"
    )
    measure = str(table["measure"].iloc[0]) if "measure" in table.columns and len(table) else ""
    ax = _axes(ax, (7.0, 1.4 + 0.2 * max(len(rows), 4)))
    title = title or (
        f"Key terms of {target}: top {n} over-used"
        + (f" and under-used vs {reference_label}" if show_reference else "")
    )
    if rows.empty:
        return _empty(ax, "no feature with a non-zero score", title)
    y = np.arange(len(rows))
    stat = rows["stat"].to_numpy(float)
    colours = np.where(stat > 0, _TARGET, _REFERENCE)
    ax.barh(y, stat, color=colours, height=0.72)
    texts = []
    for yi, s, row in zip(y, stat, rows.itertuples(index=False), strict=True):
        label = f"{row.feature} ({int(row.n_target)} vs {int(row.n_reference)})"
        texts.append(
            ax.annotate(
                label,
                (s, yi),
                xytext=(3 if s > 0 else -3, 0),
                textcoords="offset points",
                va="center",
                ha="left" if s > 0 else "right",
                fontsize=_ANNOT_SIZE,
            )
        )
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.grid(axis="x")
    ax.set_xlabel(
        f"{_MEASURE_LABEL.get(measure, measure or 'keyness')}; > 0: used more by {target}"
    )
    ax.set_title(title, loc="left")
    handles = [Patch(color=_TARGET, label=f"{target} (target)")]
    if show_reference:
        handles.append(Patch(color=_REFERENCE, label=reference_label))
    ax.legend(
        handles=handles,
        title="counts: target vs reference",
        loc="lower right",
        bbox_to_anchor=(1.0, 0.0) if not show_reference else (1.0, 0.0),
    )
    _fit_title(ax)
    _fit_xlim(ax, texts)
    return ax


def plot_frequency_comparison(
    terms: pd.DataFrame,
    *,
    a: str,
    b: str,
    n_labels: int = 16,
    min_count: int = 3,
    highlight: Sequence[str] | None = None,
    title: str | None = None,
    ax=None,
):
    """Term rates in group A against group B on log axes, distinctive terms labelled.

    Every feature is a point at (rate in A, rate in B), both per 1,000 tokens. A feature
    absent from a group sits on that group's "absent" line, drawn at half the smallest
    possible non-zero rate (half of one occurrence) so that it stays on the log scale.
    The diagonal marks equal rates. The labelled features are those farthest from the
    diagonal in the plot (half from each side, ties broken by total count, then
    alphabetically) among features counted at least ``min_count`` times, or the
    ``highlight`` list; labels are placed without overlaps (a deterministic greedy
    repel, no extra dependency).

    Parameters
    ----------
    terms : DataFrame
        The table of :func:`framing.counts.count_terms` with ``by=`` a column that
        has the groups ``a`` and ``b``.
    a, b : str
        The two groups (x and y axis).
    n_labels : int, default 16
        Number of features to label.
    min_count : int, default 3
        Only features counted this often in A and B together are labelled.
    highlight : list of str, optional
        Label exactly these features instead.
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"group": ["x", "x", "y", "y"],
    ...     "feature": ["peace", "war", "peace", "talks"], "count": [4, 3, 4, 5],
    ...     "group_tokens": 100, "per_1k": [40.0, 30.0, 40.0, 50.0]})
    >>> ax = plot_frequency_comparison(terms, a="x", b="y", n_labels=2, min_count=1)
    >>> [t.get_text() for t in ax.texts]  # two notes, then the labels
    ['absent from x', 'absent from y', 'talks', 'war']
    >>> plt.close("all")
    """
    _require(
        terms,
        ["group", "feature", "count", "group_tokens", "per_1k"],
        name="terms",
        source="framing.counts.count_terms(by=...)",
    )
    have = _unique(terms["group"])
    for name, g in (("a", a), ("b", b)):
        if g not in have:
            raise ValueError(f"{name}={g!r} is not a group of terms; its groups are {have}")
    if a == b:
        raise ValueError(f"a and b must be two different groups; both are {a!r}")
    sizes = terms.groupby("group", sort=False)["group_tokens"].first()
    floor_a, floor_b = 500.0 / sizes[a], 500.0 / sizes[b]
    sub = terms[terms["group"].isin([a, b])]
    rate = sub.pivot_table(index="feature", columns="group", values="per_1k", aggfunc="first")
    count = sub.pivot_table(index="feature", columns="group", values="count", aggfunc="first")
    rate = rate.reindex(columns=[a, b]).fillna(0.0)
    count = count.reindex(columns=[a, b]).fillna(0).astype(np.int64)
    x = np.where(rate[a] > 0, rate[a], floor_a)
    y = np.where(rate[b] > 0, rate[b], floor_b)
    owned = ax is None
    ax = _axes(ax, (6.5, 6.6))
    title = title or f"Term rates: {a} vs {b}"
    if rate.empty:
        return _empty(ax, "no terms in these groups", title)
    more_a = np.log(x) - np.log(y)  # signed distance from the diagonal (log scale)
    side = np.where(more_a > 0, _TARGET, np.where(more_a < 0, _REFERENCE, "0.55"))
    ax.scatter(x, y, s=9, c=side, alpha=0.45, linewidths=0, zorder=2)
    lo = min(floor_a, floor_b) / 1.6
    hi = max(x.max(), y.max()) * 1.6
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal", adjustable="box")
    ax.plot([lo, hi], [lo, hi], color="0.5", lw=0.8, ls="--", zorder=1, label="equal rate")
    ax.axvline(floor_a, color="0.75", lw=0.8, ls=":", zorder=1)
    ax.axhline(floor_b, color="0.75", lw=0.8, ls=":", zorder=1)
    notes = [
        ax.annotate(
            f"absent from {a}",
            (floor_a, lo),
            xytext=(-2, 2),
            textcoords="offset points",
            rotation=90,
            va="bottom",
            ha="right",
            fontsize=7,
            color="0.45",
        ),
        ax.annotate(
            f"absent from {b}",
            (hi, floor_b),
            xytext=(-2, -2),
            textcoords="offset points",
            va="top",
            ha="right",
            fontsize=7,
            color="0.45",
        ),
    ]
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(_PLAIN)
        axis.set_minor_formatter(_PLAIN_MINOR)
    features = rate.index.to_numpy(object)
    if highlight is not None:
        chosen = [f for f in highlight if f in set(features)]
        idx = [int(np.flatnonzero(features == f)[0]) for f in chosen]
    else:
        total = count[a].to_numpy() + count[b].to_numpy()
        ok = total >= min_count
        order = np.lexsort((features, -total, -np.abs(more_a)))
        order = order[ok[order]]
        cand_a = [i for i in order if more_a[i] > 0]
        cand_b = [i for i in order if more_a[i] < 0]
        # half from each side; a side with too few candidates leaves its share to the other
        k_b = min(len(cand_b), n_labels - min(len(cand_a), (n_labels + 1) // 2))
        idx = cand_a[: n_labels - k_b] + cand_b[:k_b]
        idx = sorted(idx, key=lambda i: (-abs(more_a[i]), -total[i], features[i]))
    ax.set_xlabel(f"{a}: occurrences per 1,000 tokens (log scale)")
    ax.set_ylabel(f"{b}: occurrences per 1,000 tokens (log scale)")
    ax.set_title(title, loc="left")
    handles = [
        plt.Line2D([], [], ls="", marker="o", color=_TARGET, label=f"more in {a}"),
        plt.Line2D([], [], ls="", marker="o", color=_REFERENCE, label=f"more in {b}"),
        plt.Line2D([], [], color="0.5", ls="--", label="equal rate"),
    ]
    if owned:  # below the plot, where it hides no point
        legend = ax.figure.legend(handles=handles, loc="outside lower center", ncols=3)
    else:
        legend = ax.legend(handles=handles, loc="upper left")
    _fit_title(ax)
    if idx:
        ax.scatter(x[idx], y[idx], s=14, c=side[idx], zorder=3, linewidths=0)
        # features at the same point share one label ("u.s., blinken")
        spots: dict[tuple[float, float], list[str]] = {}
        for i in idx:
            spots.setdefault((float(x[i]), float(y[i])), []).append(str(features[i]))
        _place_labels(
            ax,
            np.array(list(spots), dtype=float),
            [", ".join(names) for names in spots.values()],
            others=np.column_stack([x, y]),
            obstacles=[*notes, legend],
            fontsize=_ANNOT_SIZE,
        )
    return ax


# --------------------------------------------------------------------------- slogans


def plot_slogan_matrix(
    table: pd.DataFrame,
    *,
    drop_unused: bool = True,
    groups: Sequence[str] | None = None,
    norm: Literal["log", "linear"] = "log",
    labels: Mapping[str, str] | None = None,
    group_name: str = "group",
    title: str | None = None,
    cmap="cividis",
    ax=None,
):
    """Slogan families (rows) by groups (columns): rate per 10,000 tokens, blank where unused.

    Parameters
    ----------
    table : DataFrame
        The table of :func:`framing.slogans.slogan_table`.
    drop_unused : bool, default True
        Leave out families no group uses.
    groups : list of str, optional
        Column order (default: the table's order).
    norm : {'log', 'linear'}, default 'log'
        Colour scale of the rates (rates of fixed formulations span orders of magnitude).
    labels : mapping, optional
        Display names of family ids.
    group_name : str, default 'group'
    title : str, optional
    cmap : str or Colormap, default 'cividis'
    ax : Axes, optional

    Returns
    -------
    Axes
        Cells are annotated with the match count.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"family": ["f", "f", "g", "g", "h", "h"],
    ...     "group": ["a", "b"] * 3, "count": [3, 0, 1, 2, 0, 0],
    ...     "n_tokens": [1000, 500] * 3, "rate_per_10k": [30.0, 0.0, 10.0, 40.0, 0.0, 0.0]})
    >>> ax = plot_slogan_matrix(t)
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['f', 'g'], ['3', '1', '2'])
    >>> plt.close("all")
    """
    _choice(norm, "norm", ("log", "linear"))
    _require(
        table,
        ["family", "group", "count", "n_tokens", "rate_per_10k"],
        name="table",
        source="framing.slogans.slogan_table",
    )
    families = _unique(table["family"])
    groups = list(groups) if groups is not None else _unique(table["group"])
    if drop_unused:
        used = table.groupby("family", sort=False)["count"].sum()
        families = [f for f in families if used.get(f, 0) > 0]
    owned = ax is None
    ax = _axes(
        ax, (min(12.0, max(5.5, 3.6 + 1.0 * len(groups))), 1.4 + 0.24 * max(len(families), 3))
    )
    title = title or f"Slogan families by {group_name}: matches per 10,000 tokens"
    if not families:
        return _empty(ax, "no slogan of the lexicon occurs in these documents", title)
    wide = table.set_index(["family", "group"])
    cnt = wide["count"].unstack("group").reindex(index=families, columns=groups).fillna(0)
    rate = wide["rate_per_10k"].unstack("group").reindex(index=families, columns=groups)
    size = wide["n_tokens"].groupby(level="group").first().reindex(groups)
    val = np.where(cnt.to_numpy() > 0, rate.to_numpy(float), np.nan)
    texts = [[str(int(c)) if c > 0 else "" for c in r] for r in cnt.to_numpy()]
    finite = val[np.isfinite(val) & (val > 0)]
    if norm == "log" and finite.size:
        lo, hi = float(finite.min()), float(finite.max())
        scale = mcolors.LogNorm(lo / 1.5 if hi > lo else lo / 2, hi * (1.0 if hi > lo else 2))
        cbar = "matches per 10,000 tokens (log scale)"
    else:
        scale = mcolors.Normalize(0, float(finite.max()) if finite.size else 1.0)
        cbar = "matches per 10,000 tokens"
    _heatmap(
        ax,
        val,
        rows=[_label(f, labels) for f in families],
        cols=[f"{g}\n{int(n):,} tokens" for g, n in size.items()],
        texts=texts,
        cmap=cmap,
        norm=scale,
        cbar_label=cbar,
        fontsize=_ANNOT_SIZE,
    )
    ax.set_title(title, loc="left")
    ax.set_xlabel(f"{group_name} (size); cells: number of matches, blank: unused")
    _fit_title(ax)
    _fit_xticklabels(ax)
    if owned:
        _room_for_rows(ax, len(families))
    return ax


def plot_xray(
    positions: pd.DataFrame,
    *,
    label: str = "term",
    docs: Sequence[str] | None = None,
    groups: Mapping[str, str] | pd.Series | None = None,
    doc_labels: Mapping[str, str] | None = None,
    terms: Sequence[str] | None = None,
    title: str | None = None,
    ax=None,
):
    """Lexical dispersion ("x-ray") plot: where each term occurs within each document.

    One row per document; a tick per occurrence at its relative position (0 % = start,
    100 % = end of the document), one colour and sub-row per term. Each row is labelled
    with its doc_id and, below it, the document's group.

    The positions table has rows only for occurrences, so the group of a document
    without any (a row of ``docs`` absent from the table) cannot be read from it: pass
    ``groups`` (for instance ``corpus.groups("outlet")``) to label every row; without it
    such rows show their doc_id alone and a warning names them.

    Parameters
    ----------
    positions : DataFrame
        The table of :func:`framing.dispersion.term_positions` (``term, doc_id,
        position``), or any table with ``doc_id``, ``position`` and the ``label`` column
        (slogan matches with positions use ``label='family'``).
    label : str, default 'term'
        Column that names what was found.
    docs : list of str, optional
        Documents (rows) in order, including ones without occurrences (default: those in
        ``positions``, in table order).
    groups : mapping or Series, optional
        Group of each document by doc_id, shown below the doc_id (default: the table's
        ``group`` column when it has one, which knows only documents with occurrences).
        A group equal to the doc_id (``corpus.groups(None)``) is not repeated.
    doc_labels : mapping, optional
        Row labels by doc_id; replaces the doc_id/group labels (rows not in it show
        their doc_id).
    terms : list of str, optional
        Terms to show, in legend order (default: all, in table order).
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    Axes

    Warns
    -----
    UserWarning
        When the labels come from the table's ``group`` column and some of ``docs``
        have no occurrence, hence no known group.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"term": ["peace", "peace", "war"], "doc_id": ["a", "b", "b"],
    ...                     "position": [0.1, 0.5, 0.9]})
    >>> ax = plot_xray(pos, docs=["a", "b", "c"], groups={"a": "x", "b": "x", "c": "y"})
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.collections)
    (['a\\nx', 'b\\nx', 'c\\ny'], 2)
    >>> plt.close("all")
    """
    _require(
        positions,
        [label, "doc_id", "position"],
        name="positions",
        source="framing.dispersion.term_positions",
    )
    docs = list(docs) if docs is not None else _unique(positions["doc_id"])
    terms = list(terms) if terms is not None else _unique(positions[label])
    owned = ax is None
    ax = _axes(ax, (7.0, 1.9 + 0.45 * max(len(docs), 2)))
    title = title or "Where each term occurs within each document"
    if not docs or not terms:
        return _empty(ax, "nothing to show", title)
    if doc_labels is None:
        if groups is not None:
            grp = dict(groups.items())
        elif "group" in positions.columns:
            grp = dict(positions.drop_duplicates("doc_id")[["doc_id", "group"]].to_numpy())
            unknown = [d for d in docs if d not in grp]
            if unknown:
                warnings.warn(
                    f"plot_xray: documents {unknown} have no occurrence in positions, so "
                    "their group is unknown and their rows show the doc_id alone; pass "
                    "groups= (e.g. corpus.groups(by)) to label every row",
                    UserWarning,
                    stacklevel=2,
                )
        else:
            grp = {}
        doc_labels = {d: f"{d}\n{grp[d]}" for d in docs if d in grp and str(grp[d]) != str(d)}
    row = {d: i for i, d in enumerate(docs)}
    k = len(terms)
    offsets = np.linspace(-0.3, 0.3, k) if k > 1 else np.zeros(1)
    for i in range(len(docs)):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="0.95", zorder=0, lw=0)
    for j, t in enumerate(terms):
        sub = positions[(positions[label] == t) & positions["doc_id"].isin(row)]
        y = sub["doc_id"].map(row).to_numpy(float) + offsets[j]
        ax.scatter(
            100 * sub["position"].to_numpy(float),
            y,
            marker="|",
            s=max(30.0, 110.0 / k),
            linewidths=1.3,
            color=OKABE_ITO[j % len(OKABE_ITO)],
            label=f"{t} ({len(sub)})",
            zorder=2,
        )
    ax.set_yticks(range(len(docs)), [str(doc_labels.get(d, d)) for d in docs])
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_xlim(-1.5, 101.5)  # ticks at the very start or end stay visible
    ax.set_xticks(range(0, 101, 20))
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("position in the document (% of its tokens)")
    ax.set_title(title, loc="left")
    _fit_title(ax)
    _legend(ax, owned, title=f"{label} (occurrences)")
    if owned:
        _room_for_rows(ax, len(docs), min_in=0.3)
    return ax


# --------------------------------------------------------------------------- similarity


def _fit_matrix(fig, dax, hax, *, side: float, dendro: float) -> None:
    """Resize the figure so that the heatmap is ``side`` inches square and the dendrogram
    ``dendro`` inches wide, with room for whatever labels surround them as drawn."""
    _settle(fig)
    w, h = fig.get_size_inches()
    heat = hax.get_position()
    den = dax.get_position()
    rest_w = w * (1.0 - heat.width - den.width)  # labels, margins, gaps
    rest_h = h * (1.0 - heat.height)
    fig.set_size_inches(round(rest_w + dendro + side, 2), round(rest_h + side, 2))


def plot_similarity(
    similarity: pd.DataFrame,
    *,
    method: Literal["average", "complete", "single"] = "average",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    cmap="cividis",
):
    """Clustered heatmap of cosine similarities between sources, with its dendrogram.

    Rows and columns are ordered by hierarchical clustering (scipy's ``linkage`` on the
    cosine distance ``1 - similarity``, average linkage by default, i.e. UPGMA; Sokal &
    Michener 1958); the dendrogram on the left shows the merges. This ordering is a
    layout choice: the similarities themselves are the table's. As in seaborn's
    ``clustermap``, the rows run from the top in the columns' order, so the diagonal
    goes from the top left to the bottom right; row labels stand on the right, column
    labels below (wrapped or vertical when they do not fit side by side), and the figure
    is sized to the labels as drawn.

    Parameters
    ----------
    similarity : DataFrame
        The table of :func:`framing.counts.source_similarity` (``source_a, source_b,
        cosine``, every ordered pair).
    method : {'average', 'complete', 'single'}, default 'average'
        Linkage method.
    labels : mapping, optional
        Display names of the sources.
    title : str, optional
    cmap : str or Colormap, default 'cividis'

    Returns
    -------
    Figure

    Examples
    --------
    >>> import pandas as pd
    >>> sim = pd.DataFrame({"source_a": list("aabbcc") + list("abc"),
    ...     "source_b": list("bcacab") + list("abc"),
    ...     "cosine": [0.9, 0.1, 0.9, 0.2, 0.1, 0.2, 1.0, 1.0, 1.0]})
    >>> fig = plot_similarity(sim)
    >>> heat = fig.axes[1]
    >>> [t.get_text() for t in heat.get_yticklabels()]  # top to bottom
    ['c', 'a', 'b']
    >>> plt.close("all")
    """
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.spatial.distance import squareform

    _choice(method, "method", ("average", "complete", "single"))
    _require(
        similarity,
        ["source_a", "source_b", "cosine"],
        name="similarity",
        source="framing.counts.source_similarity",
    )
    names = _unique([*similarity["source_a"], *similarity["source_b"]])
    n = len(names)
    mat = (
        similarity.pivot_table(
            index="source_a", columns="source_b", values="cosine", aggfunc="first"
        )
        .reindex(index=names, columns=names)
        .to_numpy(float, copy=True)
    )
    side = min(9.0, max(3.0, 0.5 * n))  # the matrix, in inches
    dendro = 1.2  # the dendrogram's width, in inches
    fig, (dax, hax) = plt.subplots(
        1,
        2,
        figsize=(dendro + side + 2.0, side + 1.5),  # resized below to fit the labels
        layout="constrained",
        gridspec_kw={"width_ratios": [dendro, side]},
    )
    title = title or "Similarity of sources: cosine of TF-IDF vectors"
    if n >= 2:
        dist = np.clip(1.0 - np.nan_to_num((mat + mat.T) / 2, nan=0.0), 0.0, None)
        np.fill_diagonal(dist, 0.0)
        z = linkage(squareform(dist, checks=False), method=method)
        tree = dendrogram(
            z,
            orientation="left",
            ax=dax,
            no_labels=True,
            color_threshold=0,
            above_threshold_color="0.35",
        )
        order = list(tree["leaves"])
        dax.set_xlabel("cosine distance")
    else:
        order = list(range(n))
    # leaves from top to bottom, as the matrix's rows: the diagonal runs from the top
    # left to the bottom right
    dax.set_ylim(10 * n, 0)
    for spine in ("top", "right", "left"):
        dax.spines[spine].set_visible(False)
    dax.set_yticks([])
    m = mat[np.ix_(order, order)]
    cm = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    norm = mcolors.Normalize(0.0, 1.0)
    mesh = hax.pcolormesh(
        np.arange(n + 1),
        10 * np.arange(n + 1),
        m,
        cmap=cm,
        norm=norm,
        edgecolors="white",
        linewidth=1.0,
    )
    for i in range(n):
        for j in range(n):
            if np.isfinite(m[i, j]):
                hax.text(
                    j + 0.5,
                    10 * i + 5,
                    f"{m[i, j]:.2f}",
                    ha="center",
                    va="center",
                    fontsize=_ANNOT_SIZE,
                    color=_ink(cm(norm(m[i, j]))),
                )
    shown = [_label(names[k], labels) for k in order]
    hax.set_xticks(np.arange(n) + 0.5, shown)
    hax.set_yticks(10 * np.arange(n) + 5, shown)
    hax.set_xlim(0, n)
    hax.set_ylim(10 * n, 0)
    hax.yaxis.tick_right()
    hax.tick_params(length=0)
    for spine in hax.spines.values():
        spine.set_visible(False)
    cbar = fig.colorbar(mesh, ax=hax, location="bottom", fraction=0.04, pad=0.02, aspect=35)
    cbar.set_label("cosine similarity (0 = no shared weighted terms, 1 = same profile)")
    cbar.outline.set_visible(False)
    fig.suptitle(
        title,
        x=0.02,
        ha="left",
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )
    # the figure is sized to the labels as drawn: first the matrix gets its size, then
    # the column labels are laid out for its columns (horizontal, wrapped or vertical and
    # split over lines), then the figure shrinks to the band of labels they need
    _fit_matrix(fig, dax, hax, side=side, dendro=dendro)
    if n >= 2:
        _fit_xticklabels(hax, angles=(90.0,))
    _fit_matrix(fig, dax, hax, side=side, dendro=dendro)
    return fig
