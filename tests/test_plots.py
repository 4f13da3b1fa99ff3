"""Plots: each function on a small hand-built table; assertions on artists, not pixels.

Also the private layout helpers behind them (framing._labels, framing._heatmap), measured
under matplotlib's default style as well as the report's.
"""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from framing import plots  # noqa: E402
from framing._labels import fit_xticklabels  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _ticks(labels):
    return [t.get_text() for t in labels]


def _inside(ax, artists, *, tol=1.0):
    """Every artist's box lies inside the axes box (display pixels)."""
    ax.figure.draw_without_rendering()
    frame = ax.get_window_extent()
    for a in artists:
        e = a.get_window_extent()
        if not (
            e.x0 >= frame.x0 - tol
            and e.x1 <= frame.x1 + tol
            and e.y0 >= frame.y0 - tol
            and e.y1 <= frame.y1 + tol
        ):
            return False
    return True


def _overlaps(boxes):
    pairs = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1:
                pairs.append((i, j))
    return pairs


# --------------------------------------------------------------------------- frame rates

RATES = pd.DataFrame(
    {
        "group": ["a", "a", "a", "b", "b", "b"],
        "category": ["peace", "war", "trade"] * 2,
        "hits": [3, 0, 6, 1, 2, 0],
        "n_tokens": [200, 200, 200, 100, 100, 100],
        "per_1k": [15.0, 0.0, 30.0, 10.0, 20.0, 0.0],
        "per_1k_low": [5.0, 0.0, 10.0, 0.0, np.nan, 0.0],
        "per_1k_high": [25.0, 0.0, 50.0, 30.0, np.nan, 0.0],
        "sentences_coded": [2, 0, 4, 1, 1, 0],
        "n_sentences": [10, 10, 10, 5, 5, 5],
        "share_sentences": [0.2, 0.0, 0.4, 0.2, 0.2, 0.0],
        "share_low": [0.0, 0.0, 0.1, 0.0, 0.0, 0.0],
        "share_high": [0.4, 0.0, 0.7, 0.6, 0.6, 0.0],
    }
)


def test_frame_profile_cells_ticks_and_title():
    ax = plots.plot_frame_profile(RATES, labels={"war": "War and conflict"}, group_name="outlet")
    # rows = categories in table order, columns = groups; cell text "rate (hits)"
    assert _ticks(ax.get_yticklabels()) == ["peace", "War and conflict", "trade"]
    assert _ticks(ax.get_xticklabels()) == ["a\n200 tokens", "b\n100 tokens"]
    assert _texts(ax) == [
        "15.0 (3)",
        "10.0 (1)",
        "0.0 (0)",
        "20.0 (2)",
        "30.0 (6)",
        "0.0 (0)",
    ]
    assert ax.get_title(loc="left") == "Frame use by outlet: hits per 1,000 tokens"
    mesh = ax.collections[0]
    assert mesh.get_array().reshape(3, 2).tolist() == [[15.0, 10.0], [0.0, 20.0], [30.0, 0.0]]
    assert ax.figure.axes[1].get_ylabel() == "hits per 1,000 tokens"  # the colour bar


def test_frame_profile_share_and_given_axes():
    fig, ax = plt.subplots()
    out = plots.plot_frame_profile(RATES, value="share_sentences", ax=ax)
    assert out is ax
    assert _texts(ax)[:2] == ["20% (2)", "20% (1)"]
    assert _ticks(ax.get_xticklabels()) == ["a\n10 sentences", "b\n5 sentences"]


def test_frame_profile_errors():
    with pytest.raises(ValueError, match="value must be one of 'per_1k', 'share_sentences'"):
        plots.plot_frame_profile(RATES, value="rate")
    with pytest.raises(ValueError, match=r"no column\(s\) \['hits'\].*frame_rates"):
        plots.plot_frame_profile(RATES.drop(columns="hits"))
    with pytest.raises(TypeError, match="DataFrame returned by framing.frames.frame_rates"):
        plots.plot_frame_profile(RATES.to_dict())


def test_frame_intervals_whiskers_and_legend():
    ax = plots.plot_frame_intervals(RATES, group_name="outlet")
    bars = ax.containers
    assert len(bars) == 2  # one errorbar series per group
    # whiskers run from the lower to the upper bound; NaN bounds draw no whisker
    segs_a = [s[:, 0].tolist() for s in bars[0].lines[2][0].get_segments()]
    assert segs_a == [[5.0, 25.0], [0.0, 0.0], [10.0, 50.0]]
    segs_b = [s[:, 0].tolist() for s in bars[1].lines[2][0].get_segments()]
    assert segs_b == [[0.0, 30.0], [20.0, 20.0], [0.0, 0.0]]
    # dots: categories top to bottom, groups dodged within a category
    y_a = bars[0].lines[0].get_ydata()
    y_b = bars[1].lines[0].get_ydata()
    assert np.all(y_a < y_b) and np.allclose(np.diff(y_a), 1.0)
    legend = ax.figure.legends[0]  # the function owns the figure: legend below the plot
    assert _ticks(legend.get_texts()) == ["a (200 tokens)", "b (100 tokens)"]
    assert legend.get_title().get_text() == "outlet"
    assert "95% bootstrap interval" in ax.get_xlabel()
    assert _ticks(ax.get_yticklabels()) == ["peace", "war", "trade"]


def test_frame_intervals_on_given_axes_puts_legend_on_axes():
    fig, ax = plt.subplots()
    plots.plot_frame_intervals(RATES, value="share_sentences", ax=ax, ci=0.9)
    assert ax.get_legend() is not None and not fig.legends
    assert "90% bootstrap interval" in ax.get_xlabel()
    assert "share of sentences coded" in ax.get_xlabel()


# --------------------------------------------------------------------------- co-occurrence

COOC = pd.DataFrame(
    {  # codebook order x, y, z; sorted by n_both as frame_cooccurrence does
        "category_a": ["x", "y", "x"],
        "category_b": ["y", "z", "z"],
        "n_both": [4, 1, 0],
        "n_a": [6, 5, 6],
        "n_b": [5, 2, 2],
        "n_units": [20, 20, 20],
        "jaccard": [4 / 7, 1 / 6, 0.0],
        "lift": [80 / 30, 2.0, 0.0],
    }
)


def _outlined(ax):
    """Cells (row, column) drawn as faint outlines: the blank cells of a heatmap."""
    out = set()
    for coll in ax.collections[1:]:
        for path in coll.get_paths():
            (x0, y0), (x1, y1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
            assert (x1 - x0, y1 - y0) == (1.0, 1.0)
            out.add((int(y0 + 0.5), int(x0 + 0.5)))
    return out


def test_cooccurrence_lower_triangle_from_pairs():
    ax = plots.plot_cooccurrence(COOC)
    # order x, y, z recovered from the pairs; rows y, z; columns x, y
    assert _ticks(ax.get_yticklabels()) == ["y", "z"]
    assert _ticks(ax.get_xticklabels()) == ["x", "y"]
    arr = ax.collections[0].get_array().reshape(2, 2)
    assert arr[0, 0] == pytest.approx(4 / 7)  # (y, x)
    assert arr[1, 1] == pytest.approx(1 / 6)  # (z, y)
    # (y, y) lies above the diagonal, (z, x) never co-occurs: neither is filled
    assert arr.mask.tolist() == [[False, True], [True, False]]
    assert _texts(ax) == ["4", "1"]  # zero co-occurrences are not written
    assert ax.get_title(loc="left") == "Frames coded in the same sentence"


@pytest.mark.parametrize("value", ["jaccard", "lift"])
def test_cooccurrence_never_together_is_blank_as_the_label_says(value):
    ax = plots.plot_cooccurrence(COOC, value=value)
    assert ax.get_xlabel() == "cells: sentences coded for both frames (blank: none)"
    mesh = ax.collections[0]
    arr = mesh.get_array().reshape(2, 2)
    # blank: (z, x) has no colour, no edge and no number...
    assert arr.mask[1, 0]
    face = mesh.get_facecolors().reshape(2, 2, 4)
    assert face[1, 0, 3] == 0.0 and face[0, 0, 3] == 1.0
    edge = mesh.get_edgecolors().reshape(2, 2, 4)
    assert edge[1, 0, 3] == 0.0 and edge[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]
    centres = [t.get_position() for t in ax.texts]
    assert (0, 1) not in centres and (0, 0) in centres  # text at (column, row)
    # ...only a faint outline, which the cell above the diagonal does not get
    assert _outlined(ax) == {(1, 0)}
    outline = ax.collections[1]
    assert np.all(outline.get_facecolor()[:, 3] == 0.0)
    assert outline.get_zorder() < mesh.get_zorder()


def test_heatmap_blank_cells_are_outlined():
    ax = plots.plot_slogan_matrix(SLOGANS)  # rows f, g; (f, b) unused
    assert _outlined(ax) == {(0, 1)}
    ax = plots.plot_frame_profile(RATES)  # every cell has a value: no outline
    assert len(ax.collections) == 1


def test_cooccurrence_lift_is_log_scaled_and_order_can_be_given():
    ax = plots.plot_cooccurrence(COOC, value="lift", categories=["z", "y", "x"], unit="document")
    assert _ticks(ax.get_yticklabels()) == ["y", "x"]
    assert isinstance(ax.collections[0].norm, LogNorm)
    assert ax.get_title(loc="left") == "Frames coded in the same document"
    with pytest.raises(ValueError, match="value must be one of 'jaccard', 'lift'"):
        plots.plot_cooccurrence(COOC, value="pmi")


# --------------------------------------------------------------------------- keyness

KEY = pd.DataFrame(
    {
        "feature": ["peace", "trade", "calm", "talks", "tension", "war", "pmi_inf"],
        "n_target": [9, 5, 2, 3, 0, 1, 0],
        "n_reference": [1, 0, 2, 3, 6, 9, 4],
        "stat": [12.5, 7.25, 0.0, -0.5, -8.0, -10.0, -np.inf],
        "p": np.nan,
        "per_1k_target": 0.0,
        "per_1k_reference": 0.0,
        "measure": "lr",
        "target": "state",
    }
)


def test_keyness_bars_colours_and_labels():
    ax = plots.plot_keyness(KEY, n=2)
    assert len(ax.patches) == 4  # two over-used, two under-used, none for stat 0 or -inf
    widths = [p.get_width() for p in ax.patches]
    assert widths == [12.5, 7.25, -8.0, -10.0]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == ["#0072b2", "#0072b2", "#d55e00", "#d55e00"]
    assert _texts(ax) == ["peace (9 vs 1)", "trade (5 vs 0)", "tension (0 vs 6)", "war (1 vs 9)"]
    assert "G² (log-likelihood)" in ax.get_xlabel() and "used more by state" in ax.get_xlabel()
    assert ax.get_title(loc="left").startswith("Key terms of state: top 2 over-used")
    legend = ax.get_legend()
    assert _ticks(legend.get_texts()) == ["state (target)", "reference"]
    assert _inside(ax, ax.texts)  # the x-limits were widened to fit the labels


def test_keyness_target_only_and_errors():
    ax = plots.plot_keyness(KEY, n=5, show_reference=False, target_label="State media")
    assert [p.get_width() > 0 for p in ax.patches] == [True, True]
    assert "State media" in ax.get_title(loc="left")
    with pytest.raises(ValueError, match="n must be a positive integer"):
        plots.plot_keyness(KEY, n=0)
    with pytest.raises(ValueError, match=r"no column\(s\) \['stat'\].*keyness"):
        plots.plot_keyness(KEY.drop(columns="stat"))


def test_keyness_long_labels_stay_inside():
    t = KEY.assign(feature=[f"{f}-with-a-rather-long-compound-name" for f in KEY["feature"]])
    ax = plots.plot_keyness(t, n=3)
    assert _inside(ax, ax.texts)


# --------------------------------------------------------------------------- frequency


def _terms():
    # group x: 1,000 tokens, group y: 500 tokens; rate = 1000 * count / tokens
    rows = [
        ("x", "peace", 20),
        ("y", "peace", 10),  # equal rates (20 per 1k): on the diagonal
        ("x", "trade", 30),  # absent from y: far below the diagonal
        ("x", "calm", 2),  # absent from y but rare
        ("y", "war", 25),  # absent from x: far above
        ("x", "talks", 4),
        ("y", "talks", 8),  # 4 vs 16 per 1k
    ]
    df = pd.DataFrame(rows, columns=["group", "feature", "count"])
    df["group_tokens"] = df["group"].map({"x": 1000, "y": 500})
    df["per_1k"] = 1000 * df["count"] / df["group_tokens"]
    return df


def test_frequency_comparison_points_floor_and_labels():
    ax = plots.plot_frequency_comparison(_terms(), a="x", b="y", n_labels=2, min_count=3)
    pts = ax.collections[0].get_offsets()
    by_feature = dict(zip(sorted(["calm", "peace", "talks", "trade", "war"]), pts, strict=True))
    # absent features sit at half of one occurrence: 0.5 per 1k in x, 1.0 per 1k in y
    assert by_feature["war"].tolist() == [0.5, 50.0]
    assert by_feature["trade"].tolist() == [30.0, 1.0]
    assert by_feature["peace"].tolist() == [20.0, 20.0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    # one label per side: the farthest from the diagonal (war: log(100); trade: log(30))
    labels = [t for t in ax.texts if t.get_text() in {"war", "trade", "calm", "talks", "peace"}]
    assert sorted(t.get_text() for t in labels) == ["trade", "war"]
    assert ax.get_xlabel() == "x: occurrences per 1,000 tokens (log scale)"
    assert ax.get_title(loc="left") == "Term rates: x vs y"


def test_frequency_comparison_highlight_and_errors():
    ax = plots.plot_frequency_comparison(_terms(), a="x", b="y", highlight=["peace", "nope"])
    assert [t.get_text() for t in ax.texts if t.get_text() == "peace"] == ["peace"]
    with pytest.raises(ValueError, match=r"b='z' is not a group of terms; its groups are"):
        plots.plot_frequency_comparison(_terms(), a="x", b="z")
    with pytest.raises(ValueError, match="two different groups"):
        plots.plot_frequency_comparison(_terms(), a="x", b="x")


def test_frequency_comparison_labels_never_overlap():
    # 40 distinctive features crowded in two small regions: the repel must separate them
    rng = np.random.default_rng(1)
    rows = []
    for i in range(20):
        rows.append(("x", f"alpha{i:02d}", int(rng.integers(20, 30))))
        rows.append(("y", f"beta{i:02d}", int(rng.integers(20, 30))))
        rows.append(("x", f"both{i:02d}", 5))
        rows.append(("y", f"both{i:02d}", 5))
    df = pd.DataFrame(rows, columns=["group", "feature", "count"])
    df["group_tokens"] = 1000
    df["per_1k"] = df["count"].astype(float)
    ax = plots.plot_frequency_comparison(df, a="x", b="y", n_labels=16)
    labels = [t for t in ax.texts if t.get_text().startswith(("alpha", "beta"))]
    assert len(labels) > 0
    ax.figure.draw_without_rendering()
    # the text boxes themselves (an Annotation's own extent includes its leader line)
    boxes = [Text.get_window_extent(t) for t in labels]
    assert _overlaps(boxes) == []
    frame = ax.get_window_extent()
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 for b in boxes)
    assert all(frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    # features at the same point share one label
    assert any(", " in t.get_text() for t in labels)


# --------------------------------------------------------------------------- slogans

SLOGANS = pd.DataFrame(
    {
        "family": ["f", "f", "g", "g", "h", "h"],
        "group": ["a", "b"] * 3,
        "count": [3, 0, 1, 2, 0, 0],
        "n_tokens": [1000, 500] * 3,
        "rate_per_10k": [30.0, 0.0, 10.0, 40.0, 0.0, 0.0],
        "n_docs_using": [1, 0, 1, 1, 0, 0],
        "n_docs": [2, 1] * 3,
    }
)


def test_slogan_matrix_blank_where_unused():
    ax = plots.plot_slogan_matrix(SLOGANS, group_name="outlet")
    assert _ticks(ax.get_yticklabels()) == ["f", "g"]  # h is used nowhere
    assert _ticks(ax.get_xticklabels()) == ["a\n1,000 tokens", "b\n500 tokens"]
    arr = ax.collections[0].get_array().reshape(2, 2)
    assert arr.mask.tolist() == [[False, True], [False, False]]  # (f, b) is blank
    assert arr.compressed().tolist() == [30.0, 10.0, 40.0]
    assert _texts(ax) == ["3", "1", "2"]
    assert isinstance(ax.collections[0].norm, LogNorm)
    assert ax.get_title(loc="left") == "Slogan families by outlet: matches per 10,000 tokens"


def test_slogan_matrix_options():
    ax = plots.plot_slogan_matrix(SLOGANS, drop_unused=False, norm="linear", groups=["b", "a"])
    assert _ticks(ax.get_yticklabels()) == ["f", "g", "h"]
    assert _ticks(ax.get_xticklabels())[0].startswith("b")
    assert not isinstance(ax.collections[0].norm, LogNorm)
    assert _texts(ax) == ["3", "2", "1"]  # row f: (b blank, a=3); row g: b=2, a=1


def test_slogan_matrix_without_matches_says_so():
    ax = plots.plot_slogan_matrix(SLOGANS.assign(count=0))
    assert _texts(ax) == ["no slogan of the lexicon occurs in these documents"]


# --------------------------------------------------------------------------- x-ray

POSITIONS = pd.DataFrame(
    {
        "term": ["peace", "peace", "war", "peace"],
        "doc_id": ["d1", "d2", "d2", "d2"],
        "group": ["s", "t", "t", "t"],
        "position": [0.1, 0.5, 0.9, 0.75],
    }
)


def test_xray_rows_ticks_and_legend():
    ax = plots.plot_xray(POSITIONS, docs=["d1", "d2", "d3"], groups={"d3": "u", "d1": "s"})
    assert _ticks(ax.get_yticklabels()) == ["d1\ns", "d2", "d3\nu"]
    peace, war = ax.collections
    xy = peace.get_offsets()
    assert xy[:, 0].tolist() == pytest.approx([10.0, 50.0, 75.0])  # percent of the document
    # peace sits above war inside a document's row (sub-rows per term)
    assert xy[1, 1] < war.get_offsets()[0, 1]
    assert np.round(xy[:, 1]).tolist() == [0.0, 1.0, 1.0]
    legend = ax.figure.legends[0]
    assert _ticks(legend.get_texts()) == ["peace (3)", "war (1)"]
    assert ax.get_xlabel() == "position in the document (% of its tokens)"


def test_xray_groups_of_documents_without_occurrences():
    # the table knows the groups of d1 and d2 only; d3 has no occurrence
    with pytest.warns(UserWarning, match=r"documents \['d3'\] have no occurrence.*groups="):
        ax = plots.plot_xray(POSITIONS, docs=["d1", "d2", "d3"])
    assert _ticks(ax.get_yticklabels()) == ["d1\ns", "d2\nt", "d3"]
    # a Series such as corpus.groups(by) labels every row, and nothing is warned
    groups = pd.Series({"d1": "s", "d2": "t", "d3": "u"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plots.plot_xray(POSITIONS, docs=["d3", "d1", "d2"], groups=groups)
        assert _ticks(ax.get_yticklabels()) == ["d3\nu", "d1\ns", "d2\nt"]
        # every document in the table, or documents that are their own group: no warning
        ax = plots.plot_xray(POSITIONS)
        assert _ticks(ax.get_yticklabels()) == ["d1\ns", "d2\nt"]
        own = pd.Series({d: d for d in ["d1", "d2", "d3"]})
        ax = plots.plot_xray(POSITIONS, docs=["d1", "d2", "d3"], groups=own)
        assert _ticks(ax.get_yticklabels()) == ["d1", "d2", "d3"]


def test_xray_terms_and_labels_options():
    ax = plots.plot_xray(
        POSITIONS.rename(columns={"term": "family"}),
        label="family",
        terms=["war"],
        doc_labels={"d2": "Second"},
    )
    assert len(ax.collections) == 1
    assert _ticks(ax.get_yticklabels()) == ["d1", "Second"]
    with pytest.raises(ValueError, match=r"no column\(s\) \['family'\]"):
        plots.plot_xray(POSITIONS, label="family")


# --------------------------------------------------------------------------- similarity


def _similarity():
    # a and b alike, c and d alike, the two pairs far apart
    names = ["a", "c", "b", "d"]
    close = {frozenset("ab"): 0.9, frozenset("cd"): 0.8}
    rows = [
        (p, q, 1.0 if p == q else close.get(frozenset((p, q)), 0.1)) for p in names for q in names
    ]
    return pd.DataFrame(rows, columns=["source_a", "source_b", "cosine"])


def test_similarity_is_clustered_and_annotated():
    fig = plots.plot_similarity(_similarity(), labels={"a": "Alpha"})
    assert isinstance(fig, Figure)
    dendro, heat = fig.axes[0], fig.axes[1]
    rows = _ticks(heat.get_yticklabels())
    assert sorted(rows) == ["Alpha", "b", "c", "d"]
    # clustering puts each similar pair next to each other
    pos = {r: i for i, r in enumerate(rows)}
    assert abs(pos["Alpha"] - pos["b"]) == 1 and abs(pos["c"] - pos["d"]) == 1
    assert _ticks(heat.get_xticklabels()) == rows
    assert sorted(_texts(heat)).count("1.00") == 4 and "0.90" in _texts(heat)
    assert len(dendro.collections) + len(dendro.lines) > 0  # the dendrogram was drawn
    assert fig.get_suptitle() == "Similarity of sources: cosine of TF-IDF vectors"


def test_similarity_errors():
    with pytest.raises(ValueError, match="method must be one of"):
        plots.plot_similarity(_similarity(), method="ward")
    with pytest.raises(ValueError, match=r"no column\(s\) \['cosine'\]"):
        plots.plot_similarity(_similarity().drop(columns="cosine"))


# --------------------------------------------------------------------------- no side effects


def test_plots_change_no_global_state():
    before = dict(matplotlib.rcParams)
    n_before = len(plt.get_fignums())
    plots.plot_keyness(KEY, n=2)
    plots.plot_frame_profile(RATES)
    assert dict(matplotlib.rcParams) == before
    assert len(plt.get_fignums()) == n_before + 2  # one new figure each, nothing shown


# --------------------------------------------------------------------------- layout in any style
#
# Outside the report (a notebook, a user's own matplotlibrc) the fonts are larger and the
# cells narrower: column labels must still never collide, titles and legends must stay
# inside the figure. The checks measure the drawn artists, under matplotlib's defaults
# and larger fonts.

LONG_FRAMES = [
    "Global South",
    "Community with a shared future",
    "Multilateralism and global governance",
    "Head-of-state (leader) diplomacy",
    "Sovereignty and core interests",
    "Civilizations and cultural exchange",
]
SOURCES = {"ai_summary": 438, "foreign_coverage": 893, "party_journal": 3717, "state_media": 590}


def _wide_rates():
    rows = [
        (g, c, k, n, 1000 * k / n) for g, n in SOURCES.items() for k, c in enumerate(LONG_FRAMES)
    ]
    return pd.DataFrame(rows, columns=["group", "category", "hits", "n_tokens", "per_1k"])


def _wide_slogans():
    families = ["comprehensive_strategic_partnership", "new_type_of_international_relations"]
    rows = [(f, g, 2, n, 20000 / n) for f in families for g, n in SOURCES.items()]
    return pd.DataFrame(rows, columns=["family", "group", "count", "n_tokens", "rate_per_10k"])


def _style(font_size):
    """matplotlib's default style (not the report's), with the given font size."""
    return matplotlib.rc_context({**matplotlib.rcParamsDefault, "font.size": font_size})


def _text_height(text):
    """Height of a tick label as if it were not rotated (display pixels)."""
    angle = text.get_rotation()
    text.set_rotation(0)
    height = Text.get_window_extent(text).height
    text.set_rotation(angle)
    return height


def _assert_apart(ax):
    """No two x tick labels overlap, whatever their rotation.

    Horizontal or vertical labels: their boxes are disjoint. Labels rotated by another
    angle θ are parallel strips as thick as the unrotated label; anchors d apart are
    d·sin θ apart across the strips, which must exceed that thickness.
    """
    ax.figure.draw_without_rendering()
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    angles = {round(t.get_rotation(), 6) for t in labels}
    assert len(angles) == 1, angles
    angle = angles.pop()
    if angle in (0.0, 90.0):
        assert _overlaps([t.get_window_extent() for t in labels]) == []
        return
    anchors = sorted(ax.transData.transform((x, 0))[0] for x in ax.get_xticks())
    across = np.diff(anchors) * np.sin(np.radians(angle))
    assert across.min() >= max(_text_height(t) for t in labels)


@pytest.mark.parametrize("font_size", [10.0, 14.0])
@pytest.mark.parametrize(
    "draw",
    [
        lambda: plots.plot_frame_profile(_wide_rates(), group_name="source_type"),
        lambda: plots.plot_slogan_matrix(_wide_slogans(), group_name="source_type"),
        lambda: plots.plot_cooccurrence(
            COOC, labels=dict(zip("xyz", LONG_FRAMES[:3], strict=True))
        ),
    ],
    ids=["frame_profile", "slogan_matrix", "cooccurrence"],
)
def test_heatmap_column_labels_never_overlap_in_the_default_style(draw, font_size):
    with _style(font_size):
        ax = draw()
        _assert_apart(ax)
        fig = ax.figure
        # nothing runs off the figure: title, column labels, colour bar
        fig.draw_without_rendering()
        inside = fig.bbox.expanded(1.0, 1.0)
        title = next(
            c
            for c in ax.get_children()
            if isinstance(c, Text)
            and c.get_text() == ax.get_title(loc="left")
            and c.get_horizontalalignment() == "left"
        )
        for artist in [title, *ax.get_xticklabels()]:
            e = artist.get_window_extent()
            assert inside.x0 <= e.x0 and e.x1 <= inside.x1, artist.get_text()
        # rows keep at least 0.22 in: the figure grows instead of squeezing the cells
        n_rows = len(ax.get_yticks())
        assert ax.get_window_extent().height / fig.dpi >= 0.22 * n_rows - 0.02


def test_column_labels_wrap_at_underscores_when_that_fits():
    with _style(12.0):
        fig, ax = plt.subplots(figsize=(5.5, 2.0), layout="constrained")
        names = ["ai_summary", "foreign_coverage", "party_journal", "state_media"]
        ax.set_xticks(range(4), [f"{n}\n{k} tokens" for n, k in SOURCES.items()])
        ax.set_xlim(-0.5, 3.5)
        before = [t.get_window_extent() for t in ax.get_xticklabels()]
        assert _overlaps(before) != []  # side by side they collide
        assert fit_xticklabels(ax) == "wrapped"
        shown = _ticks(ax.get_xticklabels())
        assert shown[1] == "foreign_\ncoverage\n893 tokens"
        # only line breaks were added, after underscores
        assert [t.replace("_\n", "_").split("\n")[0] for t in shown] == names
        assert all(t.get_rotation() == 0 for t in ax.get_xticklabels())
        _assert_apart(ax)


def test_column_labels_rotate_when_wrapping_cannot_fit():
    with _style(10.0):
        fig, ax = plt.subplots(figsize=(5.0, 2.0), layout="constrained")
        names = [f"multilateralism{k}" for k in range(8)]  # one long word each
        ax.set_xticks(range(8), names)
        ax.set_xlim(-0.5, 7.5)
        assert fit_xticklabels(ax) == "rotated"
        assert _ticks(ax.get_xticklabels()) == names
        assert {t.get_rotation() for t in ax.get_xticklabels()} == {35.0}
        _assert_apart(ax)
        # twice as many columns in the same width: 35° is too shallow, they turn upright
        ax.set_xticks(range(16), names + names)
        ax.set_xlim(-0.5, 15.5)
        assert fit_xticklabels(ax) == "rotated"
        assert {t.get_rotation() for t in ax.get_xticklabels()} == {90.0}
        _assert_apart(ax)


def test_labels_that_fit_are_left_alone_in_the_report_style():
    from framing.report import report_style

    with report_style():
        ax = plots.plot_frame_profile(_wide_rates())
        assert _ticks(ax.get_xticklabels()) == [f"{g}\n{n:,} tokens" for g, n in SOURCES.items()]
        assert {t.get_rotation() for t in ax.get_xticklabels()} == {0.0}
        assert ax.get_title(loc="left") == "Frame use by group: hits per 1,000 tokens"


def test_long_titles_wrap_inside_the_figure():
    with _style(16.0):
        ax = plots.plot_slogan_matrix(SLOGANS, group_name="source_type_of_the_article")
        fig = ax.figure
        title = ax.get_title(loc="left")
        assert "\n" in title
        assert title.replace("\n", " ") == (
            "Slogan families by source_type_of_the_article: matches per 10,000 tokens"
        )
        fig.draw_without_rendering()
        text = next(c for c in ax.get_children() if isinstance(c, Text) and c.get_text() == title)
        assert fig.bbox.x0 <= text.get_window_extent().x0
        assert text.get_window_extent().x1 <= fig.bbox.x1
    with _style(10.0):  # breaks after the colon when both parts fit
        ax = plots.plot_slogan_matrix(SLOGANS, group_name="source_type_of_the_article")
        assert ax.get_title(loc="left") == (
            "Slogan families by source_type_of_the_article:\nmatches per 10,000 tokens"
        )


def test_figure_legend_columns_fit_the_figure():
    pos = pd.DataFrame(
        {
            "family": [f"a_rather_long_family_name_{k}" for k in range(6)],
            "doc_id": "d1",
            "position": np.linspace(0.1, 0.9, 6),
        }
    )
    with _style(16.0):
        ax = plots.plot_xray(pos, label="family")
        fig = ax.figure
        fig.draw_without_rendering()
        legend = fig.legends[0]
        assert legend.get_window_extent().width <= fig.bbox.width
        assert len(legend.get_texts()) == 6


def test_similarity_diagonal_runs_from_top_left_to_bottom_right():
    fig = plots.plot_similarity(_similarity())
    dendro, heat = fig.axes[0], fig.axes[1]
    fig.draw_without_rendering()
    ones = [t for t in heat.texts if t.get_text() == "1.00"]
    xy = np.array([t.get_window_extent().get_points().mean(axis=0) for t in ones])
    xy = xy[np.argsort(xy[:, 0])]  # left to right...
    assert np.all(np.diff(xy[:, 1]) < 0)  # ...and top to bottom (display y grows upwards)
    # the first row label is the top one, and the dendrogram's leaves run the same way
    rows = heat.get_yticklabels()
    assert rows[0].get_window_extent().y0 > rows[-1].get_window_extent().y0
    assert heat.get_ylim()[0] > heat.get_ylim()[1] and dendro.get_ylim() == heat.get_ylim()
    leaf_y = sorted(
        {y for line in dendro.collections[0].get_segments() for y in line[:, 1] if y % 10 == 5}
    )
    assert leaf_y == [5.0, 15.0, 25.0, 35.0]  # one leaf per row centre


def test_similarity_column_labels_take_little_room():
    names = {k: f"{k}_source_document (source_type_{k})" for k in "acbd"}
    with _style(10.0):
        fig = plots.plot_similarity(_similarity(), labels=names)
        heat = fig.axes[1]
        fig.draw_without_rendering()
        cols = heat.get_xticklabels()
        # split over two lines at the space and set upright, without overlaps...
        assert {t.get_rotation() for t in cols} == {90.0}
        assert all(t.get_text().count("\n") == 1 for t in cols)
        assert [t.get_text().replace("\n", " ") for t in cols] == _ticks(heat.get_yticklabels())
        _assert_apart(heat)
        # ...so the band under the matrix is about half a full label, not a full one
        band = heat.get_window_extent().y0 - min(t.get_window_extent().y0 for t in cols)
        full = max(Text.get_window_extent(t).width for t in heat.get_yticklabels())
        assert band < 0.65 * full
        # and the figure ends there: colour bar right below the labels, little else
        cbar = fig.axes[2]
        lowest = min(t.get_window_extent().y0 for t in cols)
        assert 0 < lowest - cbar.get_window_extent().y1 < 0.3 * fig.dpi
