"""Text layout for :mod:`framing.plots`: labels measured as drawn, never guessed.

Three deterministic helpers, none of which depends on the caller's style (font, sizes
and dpi come from the artists themselves, measured after the figure's layout settled):

- :func:`place_labels` labels points without overlaps (a greedy label repel);
- :func:`fit_xlim` widens the x-limits until given texts lie inside the axes;
- :func:`fit_xticklabels` keeps the tick labels of a categorical x axis (heatmap columns)
  apart: as they are when they fit side by side, else wrapped at spaces and underscores,
  else rotated;
- :func:`fit_title` wraps an axes title that would run past the figure's right edge.

Sizes are measured with :meth:`matplotlib.text.Text.get_window_extent` on the figure's
own renderer, so they hold for any font, font size and dpi the caller has set.
"""

from __future__ import annotations

import itertools
import math
import re
import warnings

import numpy as np

__all__ = ["fit_title", "fit_xlim", "fit_xticklabels", "place_labels", "rotate", "settle"]

# gap kept between neighbouring tick labels, in points
TICK_GAP_PT = 4.0


def settle(fig) -> bool:
    """Run the figure's layout so that display coordinates are final (nothing is drawn).

    Returns whether a constrained layout could not fit (large fonts in a small figure):
    it is reported here rather than warned, so that a plot can grow its figure first;
    matplotlib still warns at the final draw if the figure stays too small.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.draw_without_rendering()
    collapsed = False
    for w in caught:
        if "constrained_layout not applied" in str(w.message):
            collapsed = True
        else:  # anything else is the caller's to see
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return collapsed


def overlap_area(a, b) -> float:
    """Area shared by two boxes ``(x0, y0, x1, y1)``."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# --------------------------------------------------------------------------- point labels


def place_labels(ax, xy, texts, *, others=None, obstacles=(), fontsize=7.5, color="black"):
    """Label points without overlaps: a simple, deterministic greedy label repel.

    Labels are placed in the given order (most important first). Each label tries
    candidate positions on rings of growing radius around its point (right, left, above,
    below, the diagonals, then finer angles) and takes the cheapest: a position outside
    the axes or overlapping a placed label, an obstacle (legend, notes) or a labelled
    point is ruled out unless nothing else is left; among the rest, each unlabelled point
    (``others``) the label would cover costs as much as moving 40 pixels further out, and
    the distance itself costs one per pixel (ties: candidate order). A label away from its
    point gets a thin leader line. Offsets are in points, so the layout survives saving
    at another dpi; the labels do not take part in constrained layout.

    Returns the list of :class:`~matplotlib.text.Annotation` in the order of ``texts``.
    """
    fig = ax.figure
    settle(fig)  # display coordinates are now final
    px = fig.dpi / 72.0
    pts = ax.transData.transform(np.asarray(xy, dtype=float).reshape(-1, 2))
    other = (
        np.zeros((0, 2))
        if others is None or len(others) == 0
        else ax.transData.transform(np.asarray(others, dtype=float).reshape(-1, 2))
    )
    r_mark = 2.5 * px
    hard = [(x - r_mark, y - r_mark, x + r_mark, y + r_mark) for x, y in pts]
    for artist in obstacles:  # texts and legends already drawn stay readable
        e = artist.get_window_extent()
        hard.append((e.x0, e.y0, e.x1, e.y1))
    frame = ax.get_window_extent()
    angles = [0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5]
    angles += [292.5, 247.5]
    radii = [3, 7, 12, 18, 25, 33, 43, 55, 70]
    out = []
    for (x, y), text in zip(pts, texts, strict=True):
        probe = ax.annotate(text, (0, 0), xycoords="figure pixels", fontsize=fontsize)
        ext = probe.get_window_extent()
        probe.remove()
        w, h = ext.width + 2 * px, ext.height + 2 * px
        best, best_cost = None, math.inf
        for r in radii:
            for a in angles:
                c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
                dx, dy = c * (w / 2 + r * px), s * (h / 2 + r * px)
                box = (x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2)
                inside = (
                    box[0] >= frame.x0
                    and box[2] <= frame.x1
                    and box[1] >= frame.y0
                    and box[3] <= frame.y1
                )
                blocked = sum(overlap_area(box, o) for o in hard)
                covered = np.count_nonzero(
                    (other[:, 0] > box[0] - r_mark)
                    & (other[:, 0] < box[2] + r_mark)
                    & (other[:, 1] > box[1] - r_mark)
                    & (other[:, 1] < box[3] + r_mark)
                )
                cost = (0 if inside else 1e12) + 1e6 * blocked + 40 * px * covered + r * px
                if cost < best_cost:
                    best, best_cost = (dx, dy, r, box), cost
        dx, dy, r, box = best
        hard.append(box)
        arrow = dict(arrowstyle="-", color="0.45", lw=0.5, shrinkA=0, shrinkB=2)
        ann = ax.annotate(
            text,
            ax.transData.inverted().transform((x, y)),
            xytext=(dx / px, dy / px),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=fontsize,
            color=color,
            arrowprops=arrow if r > radii[0] else None,
        )
        ann.set_in_layout(False)
        out.append(ann)
    return out


def fit_xlim(ax, texts, *, pad_px: float = 4.0, rounds: int = 6) -> None:
    """Widen the x-limits until every text lies inside the axes (texts keep pixel sizes)."""
    fig = ax.figure
    for _ in range(rounds):
        settle(fig)
        frame = ax.get_window_extent()
        lo_px = min(t.get_window_extent().x0 for t in texts) - pad_px
        hi_px = max(t.get_window_extent().x1 for t in texts) + pad_px
        if lo_px >= frame.x0 and hi_px <= frame.x1:
            return
        lo, hi = ax.get_xlim()
        scale = (hi - lo) / frame.width  # data units per pixel
        need_lo = lo - max(0.0, frame.x0 - lo_px) * scale
        need_hi = hi + max(0.0, hi_px - frame.x1) * scale
        ax.set_xlim(need_lo, need_hi)


# --------------------------------------------------------------------------- tick labels


def _pieces(line: str, *, spaces_only: bool) -> list[str]:
    """Break points of a label line: after spaces (dropped), underscores and hyphens (kept).

    ``"foreign_coverage"`` -> ``["foreign_", "coverage"]``; ``"a b"`` -> ``["a ", "b"]``
    (the trailing space is stripped when the line is written).
    """
    pattern = r"(?<= )" if spaces_only else r"(?<=[ _\-])"
    return [p for p in re.split(pattern, line) if p]


class _Measure:
    """Widths and heights of strings in a tick label's font, in display pixels (cached)."""

    def __init__(self, fig, label):
        self.fig = fig
        self.font = label.get_fontproperties()
        self.linespacing = label.get_linespacing()
        self.cache: dict[str, tuple[float, float]] = {}

    def __call__(self, text: str) -> tuple[float, float]:
        if text not in self.cache:
            probe = self.fig.text(
                0, 0, text, fontproperties=self.font, linespacing=self.linespacing
            )
            ext = probe.get_window_extent()
            probe.remove()
            self.cache[text] = (ext.width, ext.height)
        return self.cache[text]

    def width(self, text: str) -> float:
        return self(text)[0]


def _join(pieces) -> str:
    return "".join(pieces).strip()


def _wrap_greedy(line: str, avail: float, measure: _Measure, max_lines: int) -> str | None:
    """Wrap ``line`` so that each of its lines is at most ``avail`` wide; None if impossible."""
    lines, current = [], []
    for piece in _pieces(line, spaces_only=False):
        if current and measure.width(_join([*current, piece])) > avail:
            lines.append(_join(current))
            current = [piece]
        else:
            current.append(piece)
    lines.append(_join(current))
    if len(lines) > max_lines or any(measure.width(x) > avail for x in lines):
        return None
    return "\n".join(lines)


def _split_best(pieces: list[str], n_lines: int, measure: _Measure) -> tuple[float, str]:
    """The split of ``pieces`` into at most ``n_lines`` lines with the narrowest longest
    line (ties: fewer lines, then earlier breaks)."""
    best = _join(pieces)
    best_width = measure.width(best)
    for k in range(2, min(n_lines, len(pieces)) + 1):
        for cuts in itertools.combinations(range(1, len(pieces)), k - 1):
            bounds = (0, *cuts, len(pieces))
            parts = [_join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
            width = max(measure.width(p) for p in parts)
            if width < best_width - 0.5:
                best, best_width = "\n".join(parts), width
    return best_width, best


def _wrap_balanced(line: str, n_lines: int, measure: _Measure) -> str:
    """Split ``line`` into at most ``n_lines`` lines with the narrowest longest line.

    Breaks go at spaces when the line has any (``"blinken_xi_meeting (foreign_coverage)"``
    keeps its ids whole), else at underscores and hyphens.
    """
    pieces = _pieces(line, spaces_only=" " in line.strip())
    return _split_best(pieces, n_lines, measure)[1]


def _shorten(texts, room: float, measure: _Measure, max_lines: int) -> list[str]:
    """Labels to be rotated by 90°, split over lines to shorten the band they need.

    As many lines fit across a column as its width ``room`` allows (at most
    ``max_lines``, the lines after the first included). The band is as long as the
    longest label split that way; every label then takes the fewest lines that keep it
    within the band, so short labels stay whole.
    """
    line_h = measure("X")[1]
    pitch = measure("X\nX")[1] - line_h  # baseline to baseline
    fit = 1 + int(max(0.0, room - line_h) // pitch)
    options = []  # per label: (width, text) with 1, 2, ... lines for its first line
    for text in texts:
        head, *rest = text.split("\n")
        tail = max((measure.width(r) for r in rest), default=0.0)
        ways = []
        for k in range(1, max(1, min(max_lines, fit - len(rest))) + 1):
            wrapped = _wrap_balanced(head, k, measure)
            ways.append((max(measure.width(wrapped), tail), "\n".join([wrapped, *rest])))
        options.append(ways)
    band = max(min(w for w, _ in ways) for ways in options)
    return [next((t for w, t in ways if w <= band + 0.5), ways[-1][1]) for ways in options]


def _collide(widths, centres, gap: float) -> bool:
    """Centred, side-by-side labels of these widths touch (closer than ``gap``)?"""
    order = np.argsort(centres, kind="stable")
    w, c = np.asarray(widths, float)[order], np.asarray(centres, float)[order]
    return bool(np.any(c[:-1] + w[:-1] / 2 + gap > c[1:] - w[1:] / 2))


def fit_xticklabels(
    ax, *, angles=(35.0, 90.0), max_lines: int = 3, gap_pt: float = TICK_GAP_PT
) -> str:
    """Lay out a categorical x axis's tick labels so that neighbours never collide.

    The labels are measured as drawn (their own font, the figure's dpi, after the
    layout settled) against the distance between neighbouring ticks, and the first layout
    that fits is kept:

    1. as they are, horizontal;
    2. horizontal, the first line of each label wrapped at spaces, underscores and
       hyphens into at most ``max_lines`` lines (``foreign_coverage`` ->
       ``foreign_`` / ``coverage``);
    3. rotated by each angle of ``angles`` in turn: parallel labels rotated by θ whose
       anchors lie ``d`` apart are ``d·sin θ`` apart across their baselines, which must
       exceed the label's height. At 90° each label's first line is also split over as
       many lines as fit across the column (balanced, at spaces if it has any), which
       shortens the band of labels under the plot.

    If nothing fits (a font too large for the cells), the last angle is kept. Returns
    ``'horizontal'``, ``'wrapped'`` or ``'rotated'``. Rotation anchors the label's end
    at its tick (``rotation_mode='anchor'``) below 90° and centres it at 90°.
    """
    fig = ax.figure
    labels = ax.get_xticklabels()
    ticks = np.asarray(ax.get_xticks(), dtype=float)
    if len(labels) < 2:
        return "horizontal"
    original = [t.get_text() for t in labels]
    settle(fig)
    measure = _Measure(fig, labels[0])
    gap = gap_pt * fig.dpi / 72.0

    def centres() -> np.ndarray:
        return ax.transData.transform(np.column_stack([ticks, np.zeros_like(ticks)]))[:, 0]

    def spacing() -> float:
        return float(np.min(np.abs(np.diff(np.sort(centres())))))

    def set_texts(texts) -> None:
        ax.set_xticks(ticks, texts)

    def fits_flat(texts) -> bool:
        return not _collide([measure.width(t) for t in texts], centres(), gap)

    if fits_flat(original):
        return "horizontal"
    avail = spacing() - gap
    wrapped = []
    for text in original:
        head, *rest = text.split("\n")
        w = _wrap_greedy(head, avail, measure, max_lines)
        if w is None or any(measure.width(r) > avail for r in rest):
            break
        wrapped.append("\n".join([w, *rest]))
    else:
        set_texts(wrapped)
        settle(fig)  # taller labels: the axes may have moved
        if fits_flat(wrapped):
            return "wrapped"
    set_texts(original)
    for k, angle in enumerate(angles):
        texts = original
        if angle >= 90:
            texts = _shorten(original, spacing() - gap, measure, max_lines)
            set_texts(texts)
        rotate(ax, angle)
        settle(fig)
        height = max(measure(t)[1] for t in texts)
        if spacing() * math.sin(math.radians(angle)) >= height + gap or k == len(angles) - 1:
            return "rotated"
        set_texts(original)
    return "rotated"  # pragma: no cover - the loop always returns


def rotate(ax, angle: float) -> None:
    """Rotate the x tick labels: end anchored at the tick below 90°, centred at 90°."""
    for t in ax.get_xticklabels():
        t.set_rotation(angle)
        if angle < 90:
            t.set_horizontalalignment("right")
            t.set_rotation_mode("anchor")
        else:
            t.set_horizontalalignment("center")
            t.set_rotation_mode("default")


# --------------------------------------------------------------------------- titles


def fit_title(ax, *, pad_pt: float = 6.0) -> None:
    """Wrap the left-aligned title of ``ax`` when it runs past the figure's right edge.

    The title breaks after its colon when both parts fit (``"Frame use by outlet:"`` /
    ``"hits per 1,000 tokens"``), else at the last space that keeps each line inside.
    A title that fits is left alone.
    """
    from matplotlib.text import Text

    text = ax.get_title(loc="left")
    if not text or "\n" in text:
        return
    fig = ax.figure
    title = next(
        c
        for c in ax.get_children()
        if isinstance(c, Text) and c.get_text() == text and c.get_horizontalalignment() == "left"
    )
    settle(fig)
    ext = title.get_window_extent()
    room = fig.bbox.x1 - pad_pt * fig.dpi / 72.0 - ext.x0
    if ext.x1 <= fig.bbox.x1 - pad_pt * fig.dpi / 72.0 or room <= 0:
        return

    def width(s: str) -> float:
        title.set_text(s)
        return title.get_window_extent().width

    head, colon, tail = text.partition(": ")
    if colon and width(head + ":") <= room and width(tail) <= room:
        lines = [head + ":", tail]
    else:
        lines, current = [], ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and width(candidate) > room:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    ax.set_title("\n".join(lines), loc="left")
