"""Heatmap scaffolding for :mod:`framing.plots`: cells, blanks, colour bar, room for rows.

:func:`heatmap` draws a matrix as a vector QuadMesh with centred cell texts and a colour
bar; a NaN cell is blank (no fill, a faint outline: "none" reads as a cell, not a gap)
and a cell marked absent (the upper triangle of a symmetric table) is not drawn at all.
:func:`room_for_rows` grows a figure a plot owns so that its rows stay legible whatever
the caller's fonts. ``PLAIN`` and ``PLAIN_MINOR`` label log axes with plain numbers.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colors as mcolors
from matplotlib import ticker as mticker
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

from framing._labels import settle

__all__ = ["PLAIN", "PLAIN_MINOR", "heatmap", "ink", "room_for_rows"]


def _plain(v, _pos=None) -> str:
    return f"{v:g}"


def _plain_minor(v, _pos=None) -> str:
    """Minor log ticks: label 2 and 5 of each decade only."""
    mant = v / 10 ** math.floor(math.log10(v)) if v > 0 else 0
    return f"{v:g}" if round(mant) in (2, 5) and abs(mant - round(mant)) < 1e-6 else ""


PLAIN = mticker.FuncFormatter(_plain)
PLAIN_MINOR = mticker.FuncFormatter(_plain_minor)


def ink(rgba) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba`` (WCAG luminance)."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3])
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 else "white"


def heatmap(ax, values, *, rows, cols, texts, cmap, norm, cbar_label, absent=None, fontsize=7.5):
    """Cells as a vector QuadMesh (crisp in SVG), texts centred, and a colour bar.

    NaN cells are blank: no fill, only a faint outline, so that "none" reads as a cell
    and not as a gap. Cells where ``absent`` is true (the upper triangle of a symmetric
    table) are not drawn at all, outline included. The column labels are laid out by
    :func:`framing._labels.fit_xticklabels` once the caller has finished the axes.
    """
    values = np.asarray(values, dtype=float)
    absent = np.zeros(values.shape, bool) if absent is None else np.asarray(absent, bool)
    blank = ~np.isfinite(values) & ~absent
    shown = np.ma.masked_invalid(np.where(absent, np.nan, values))
    n_r, n_c = values.shape
    cmap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    mesh = ax.pcolormesh(
        np.arange(n_c + 1) - 0.5,
        np.arange(n_r + 1) - 0.5,
        shown,
        cmap=cmap,
        norm=norm,
        edgecolors="white",
        linewidth=1.0,
    )
    if np.ma.is_masked(shown):
        # masked cells draw no edge either, or their white edge would hide the outline
        edges = np.where(np.ma.getmaskarray(shown).ravel()[:, None], 0.0, 1.0)
        mesh.set_edgecolor(np.repeat(edges, 4, axis=1))
    if blank.any():
        cells = [Rectangle((j - 0.5, i - 0.5), 1, 1) for i, j in np.argwhere(blank)]
        ax.add_collection(
            PatchCollection(
                cells,
                facecolor="none",
                edgecolor="0.85",
                linewidth=0.6,
                zorder=mesh.get_zorder() - 0.1,  # a coloured neighbour's white edge wins
            ),
            autolim=False,
        )
    for i in range(n_r):
        for j in range(n_c):
            if texts[i][j]:
                colour = "black" if shown.mask[i, j] else ink(cmap(norm(shown[i, j])))
                ax.text(
                    j, i, texts[i][j], ha="center", va="center", color=colour, fontsize=fontsize
                )
    ax.set_xticks(range(n_c), cols)
    ax.set_yticks(range(n_r), rows)
    ax.set_xlim(-0.5, n_c - 0.5)
    ax.set_ylim(n_r - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    cbar = ax.figure.colorbar(mesh, ax=ax, fraction=0.05, pad=0.02, aspect=30)
    cbar.set_label(cbar_label)
    cbar.outline.set_visible(False)
    if isinstance(norm, mcolors.LogNorm):
        cbar.ax.yaxis.set_major_formatter(PLAIN)
        cbar.ax.yaxis.set_minor_formatter(PLAIN_MINOR)
    return mesh


def room_for_rows(ax, n_rows: int, *, min_in: float = 0.22, rounds: int = 6) -> None:
    """Grow a figure the plot owns until each row of ``ax`` is at least ``min_in`` tall.

    Column labels set in a large font (rotated, or wrapped over lines) or a tall legend
    below the plot take height from the rows; the figure gets it back instead, so the
    rows stay legible. Decorations that run off a figure too small for them to lay out
    at all make it grow as well.
    """
    fig = ax.figure
    need = n_rows * min_in
    for _ in range(rounds):
        collapsed = settle(fig)
        w, h = fig.get_size_inches()
        extra = 0.5 * h if collapsed else need - ax.get_window_extent().height / fig.dpi
        if extra <= 0.01:
            return
        fig.set_size_inches(w, round(h + extra, 2))
