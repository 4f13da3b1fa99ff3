"""The one-command report: every figure, the tables behind them, and their evidence.

:func:`build_report` runs the analyses of the package on a corpus (frames, slogans,
key terms, source similarity), writes each figure of :mod:`framing.plots` as PNG and SVG,
each table behind a figure as CSV, and an ``index.html`` that shows the figures beside
their tables. Every frame and slogan count in the page links to the sentences that
produced it (``evidence_frames.html``, ``evidence_slogans.html``, keyword-in-context
rows with the match highlighted). The pages need nothing but the folder: inline CSS,
relative links, no scripts, no web fonts.

Reruns are byte-identical: figures are drawn inside a style context built from
matplotlib's defaults and the package's ``matplotlibrc`` (DejaVu Sans, which ships with
matplotlib; text stored as paths in SVG; a fixed ``svg.hashsalt``), saved without
creation dates or software versions, tables are sorted deterministically and written with
``"\\n"`` line ends and a fixed float format, the bootstrap is seeded, and no page records
a time, a path outside the folder or a software version. Nothing changes global state:
the matplotlib settings apply only inside the context, and every figure is closed.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from framing.corpus import Corpus, load_corpus

__all__ = ["build_report", "report_style"]

FLOAT_FORMAT = "%.6g"
REST = "(rest)"
_PNG_META = {"Software": None}
_SVG_META = {"Creator": None, "Date": None, "Format": None, "Type": None}
_XRAY_FAMILIES = 6
_MAX_MATRIX_DOCS = 40


# --------------------------------------------------------------------------- style and files


@contextmanager
def report_style():
    """Matplotlib settings of the report, applied on top of matplotlib's defaults.

    The settings come from ``framing/matplotlibrc``; a user's own rc file or earlier
    ``rcParams`` changes do not leak into the figures, and everything is restored on exit
    (the backend is left alone: saved files do not depend on it).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with report_style():
    ...     mpl.rcParams["svg.hashsalt"]
    'framing-report'
    """
    import matplotlib as mpl
    import matplotlib.style

    with resources.as_file(resources.files("framing") / "matplotlibrc") as path:
        params = mpl.rc_params_from_file(path, use_default_template=False)
    settings = {k: v for k, v in params.items() if k != "backend"}
    with mpl.rc_context():
        matplotlib.style.use("default")
        mpl.rcParams.update(settings)
        yield


class _Writer:
    """Writes figures and tables into the output folder and remembers what it wrote."""

    def __init__(self, out: Path):
        self.out = out
        self.rows: list[tuple[str, str, str]] = []

    def figure(self, fig, stem: str, title: str) -> None:
        import matplotlib.pyplot as plt

        try:
            fig.savefig(self.out / f"{stem}.png", format="png", metadata=_PNG_META)
            fig.savefig(self.out / f"{stem}.svg", format="svg", metadata=_SVG_META)
        finally:
            plt.close(fig)
        self.rows += [(f"{stem}.png", "figure", title), (f"{stem}.svg", "figure", title)]

    def table(self, df: pd.DataFrame, stem: str, title: str) -> str:
        name = f"{stem}.csv"
        df.to_csv(
            self.out / name,
            index=False,
            lineterminator="\n",
            float_format=FLOAT_FORMAT,
            date_format="%Y-%m-%d",
            encoding="utf-8",
        )
        self.rows.append((name, "table", title))
        return name

    def page(self, name: str, text: str, title: str) -> None:
        (self.out / name).write_text(text, encoding="utf-8", newline="\n")
        self.rows.append((name, "page", title))


# --------------------------------------------------------------------------- HTML helpers

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 margin:0 auto;max-width:72rem;padding:1rem 1.5rem 4rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #0072B2}
h3{margin-top:1.8rem}p.meta,p.note{color:#444}nav a{margin-right:1rem}
figure{margin:1.2rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9rem;color:#333;margin-top:.3rem}
table{border-collapse:collapse;font-size:.82rem;margin:.6rem 0}
th,td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6f9;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.left{text-align:right;color:#555}td.right{color:#555}
mark{background:#ffe7a3;padding:0 .1rem}details{margin:.6rem 0}summary{cursor:pointer;color:#0072B2}
a{color:#0060a0}.muted{color:#777}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "-", str(value)).strip("-") or "x"


def _anchors(labels) -> dict[str, str]:
    """A unique, readable HTML id fragment per label."""
    out, seen = {}, set()
    for label in labels:
        base = _slug(label)
        frag, k = base, 2
        while frag in seen:
            frag, k = f"{base}-{k}", k + 1
        seen.add(frag)
        out[label] = frag
    return out


def _cell(value) -> tuple[str, bool]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "", True
    if isinstance(value, pd.Timestamp):
        return ("" if pd.isna(value) else value.strftime("%Y-%m-%d")), False
    if value is pd.NaT:
        return "", False
    if isinstance(value, bool | np.bool_):
        return str(bool(value)), False
    if isinstance(value, int | np.integer):
        return f"{int(value):,}", True
    if isinstance(value, float | np.floating):
        return f"{float(value):.3g}", True
    return _e(value), False


def _table(df: pd.DataFrame, *, max_rows: int | None = 40, links=None, csv: str | None = None):
    """An HTML table; ``links`` maps (row position, column) to an href."""
    links = links or {}
    shown = df if max_rows is None else df.head(max_rows)
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    body = []
    for i, row in enumerate(shown.itertuples(index=False)):
        cells = []
        for col, value in zip(df.columns, row, strict=True):
            text, num = _cell(value)
            href = links.get((i, col))
            if href and text:
                text = f'<a href="{_e(href)}">{text}</a>'
            cells.append(f'<td class="num">{text}</td>' if num else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if len(df) > len(shown):
        where = f' (all rows in <a href="{_e(csv)}">{_e(csv)}</a>)' if csv else ""
        more = f'<p class="note">First {len(shown)} of {len(df):,} rows{where}.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _details(summary: str, inner: str, *, open_: bool = False) -> str:
    return f"<details{' open' if open_ else ''}><summary>{summary}</summary>{inner}</details>"


def _figure(stem: str, number: int, caption: str, csv: str) -> str:
    return (
        f'<figure id="fig-{_e(stem)}"><img src="{_e(stem)}.svg" alt="{_e(caption)}">'
        f"<figcaption><b>Figure {number}.</b> {caption} Files: "
        f'<a href="{_e(stem)}.png">PNG</a> · <a href="{_e(stem)}.svg">SVG</a> · '
        f'<a href="{_e(csv)}">table (CSV)</a></figcaption></figure>'
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def _n(count: int, noun: str) -> str:
    """'1 hit', '2 hits', '1 match', '3 matches'."""
    plural = noun + ("es" if noun.endswith(("s", "ch", "sh", "x")) else "s")
    return f"{count:,} {noun if count == 1 else plural}"


def _norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _kwic_rows(hits: pd.DataFrame, texts: dict, bounds: pd.DataFrame) -> str:
    """Keyword-in-context rows: the sentence split around the match, match highlighted."""
    b = bounds.set_index(["doc_id", "sentence_id"])
    rows = []
    for h in hits.itertuples(index=False):
        s0, s1 = b.loc[(h.doc_id, h.sentence_id), ["start", "end"]]
        text = texts[h.doc_id]
        left = _norm_space(text[int(s0) : int(h.start)])
        mid = _norm_space(text[int(h.start) : int(h.end)])
        right = _norm_space(text[int(h.end) : int(s1)])
        rows.append(
            f"<tr><td>{_e(h.doc_id)}</td><td class='num'>{int(h.sentence_id)}</td>"
            f"<td class='left'>{_e(left)}</td><td><mark>{_e(mid)}</mark></td>"
            f"<td class='right'>{_e(right)}</td></tr>"
        )
    head = "<tr><th>document</th><th>sentence</th><th>before</th><th>match</th><th>after</th>"
    return f"<table><thead>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


# --------------------------------------------------------------------------- computations


def _default_target(docs: pd.DataFrame) -> str:
    """The group with the most tokens (ties: first in sorted order)."""
    size = docs.groupby("group", sort=True)["n_tokens"].sum()
    return str(size.sort_values(ascending=False, kind="stable").index[0])


def _contrast_corpus(corpus: Corpus, by: str | None, target: str) -> tuple[Corpus, str]:
    """The corpus with a ``_contrast`` column: the target group against the rest.

    With exactly two groups the rest keeps its own name. The tokens are shared, not redone.
    """
    groups = corpus.groups(by).to_numpy(object)
    others = sorted(set(groups) - {target})
    rest = others[0] if len(others) == 1 else REST
    docs = corpus.docs.assign(_contrast=np.where(groups == target, target, rest))
    return dataclasses.replace(corpus, docs=docs), rest


def _slogan_positions(corpus: Corpus, matches: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Where each slogan match starts, as a token position in its document.

    Same columns as :func:`framing.dispersion.term_positions`, with ``family`` for ``term``.
    """
    toks = corpus.tokens
    doc_index = {d: i for i, d in enumerate(toks.doc_ids)}
    token_index = np.zeros(len(matches), dtype=np.int64)
    doc_tokens = np.zeros(len(matches), dtype=np.int64)
    for k, (doc, start) in enumerate(zip(matches["doc_id"], matches["start"], strict=True)):
        i = doc_index[doc]
        lo, hi = toks.doc_ptr[i], toks.doc_ptr[i + 1]
        token_index[k] = np.searchsorted(toks.start[lo:hi], int(start), side="left")
        doc_tokens[k] = hi - lo
    return pd.DataFrame(
        {
            "family": matches["family"].to_numpy(object),
            "doc_id": matches["doc_id"].to_numpy(object),
            "group": groups.loc[matches["doc_id"]].to_numpy(object),
            "token_index": token_index,
            "doc_tokens": doc_tokens,
            "position": token_index / np.maximum(doc_tokens, 1),
            "start": matches["start"].to_numpy(np.int64),
            "end": matches["end"].to_numpy(np.int64),
            "matched": matches["matched"].to_numpy(object),
        }
    )


def _count_links(counts, id_column, page, row_anchor, group_anchor) -> dict:
    """Links of a count table (rows = ids, columns = groups) to its evidence anchors.

    The id and total cells of row ``i`` link to the row's section; a non-zero group cell
    links to that group's part of it.
    """
    links = {}
    for i, rid in enumerate(counts.index):
        target = f"{page}{row_anchor[rid]}"
        links[(i, id_column)] = links[(i, "total")] = target
        for g in counts.columns:
            if counts.loc[rid, g] > 0:
                links[(i, g)] = f"{target}--{group_anchor[g]}"
    return links


def _as_corpus(corpus) -> Corpus:
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, str | Path):
        return load_corpus(corpus)
    if isinstance(corpus, pd.DataFrame):
        return load_corpus(corpus)
    raise TypeError(f"corpus must be a Corpus, a path or a DataFrame, got {type(corpus).__name__}")


# --------------------------------------------------------------------------- the report


def build_report(
    corpus,
    out_dir,
    *,
    by: str | None = None,
    codebook=None,
    lexicon=None,
    target: str | None = None,
    measure: str = "lr",
    n_boot: int = 1000,
    random_state: int = 0,
    max_evidence: int = 200,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Write every figure, table and evidence page for a corpus into one folder.

    Parameters
    ----------
    corpus : Corpus, path or DataFrame
        The documents (a path or DataFrame is read with :func:`framing.load_corpus`).
    out_dir : str or Path
        Output folder (created if needed; files of the same name are replaced, other
        files are left alone).
    by : str or None, default None
        Metadata column whose groups are compared; ``None`` compares documents.
    codebook : Codebook, path or None, default None
        Frame codebook (default: the shipped one).
    lexicon : Lexicon, path or None, default None
        Slogan lexicon (default: the shipped one).
    target : str or None, default None
        Group whose key terms are shown against the rest; default: the group with the
        most tokens.
    measure : {'lr', 'chi2', 'pmi', 'logratio', 'logodds'}, default 'lr'
        Keyness measure (G², Dunning 1993, by default; see :func:`framing.keyness.keyness`).
    n_boot : int, default 1000
        Bootstrap replicates of the frame-rate intervals.
    random_state : int, default 0
        Seed of the bootstrap (and of NMF's tie-breaking).
    max_evidence : int, default 200
        Evidence rows shown per category (or family) and group in the HTML pages; the
        CSV evidence tables always hold every hit.
    progress : callable, optional
        Called with one line of text per step (the CLI prints them on stderr).

    Returns
    -------
    DataFrame
        The files written: ``file`` (relative to ``out_dir``), ``kind`` (``figure``,
        ``table`` or ``page``), ``title``; in writing order.

    Raises
    ------
    ValueError
        If ``by`` is not a metadata column or ``target`` is not one of its groups.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "src": ["x", "x", "y"], "text": [
    ...     "China seeks win-win cooperation with developing countries. Peace matters.",
    ...     "The Global South calls for dialogue and mutual trust. Win-win results.",
    ...     "Tensions rose over trade. Rivalry and conflict continued."]})
    >>> with tempfile.TemporaryDirectory() as out:
    ...     files = build_report(docs, out, by="src", n_boot=50)
    >>> "index.html" in set(files["file"])
    True
    """
    import matplotlib.pyplot as plt

    from framing import plots
    from framing.codebook import as_codebook
    from framing.counts import count_terms, source_similarity
    from framing.frames import (
        code_frames,
        compare_frames,
        frame_cooccurrence,
        frame_rates,
        frame_topics,
    )
    from framing.keyness import MEASURES, keyness
    from framing.lexicon import as_lexicon
    from framing.phrases import recurring_phrases
    from framing.slogans import find_slogans, shared_slogans, slogan_table, variant_table

    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}; got {measure!r}")
    if not isinstance(max_evidence, int) or max_evidence < 1:
        raise ValueError(f"max_evidence must be a positive integer; got {max_evidence!r}")
    corpus = _as_corpus(corpus)
    groups = corpus.groups(by)  # raises for an unknown column
    cb, lex = as_codebook(codebook), as_lexicon(lexicon)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    w = _Writer(out)
    steps = 8
    step = iter(range(1, steps + 1))

    def say(message: str) -> None:
        if progress is not None:
            progress(f"[{next(step)}/{steps}] {message}")

    group_name = by or "document"
    toks = corpus.tokens
    n_sent = toks.sentences.groupby("doc_id", sort=False).size()
    docs = pd.DataFrame(
        {
            "doc_id": corpus.doc_ids,
            "group": groups.to_numpy(object),
            "n_tokens": toks.doc_lengths.astype(np.int64),
            "n_sentences": n_sent.reindex(corpus.doc_ids).fillna(0).to_numpy(np.int64),
        }
    )
    group_labels = sorted(set(docs["group"]))
    if target is not None and target not in group_labels:
        raise ValueError(
            f"target: {target!r} is not a group of {group_name!r}; its groups are {group_labels}"
        )
    n_groups = len(group_labels)
    if target is None and n_groups >= 2:
        target = _default_target(docs)
    texts = dict(zip(corpus.docs["doc_id"], corpus.docs["text"], strict=True))
    bounds = toks.sentences[["doc_id", "sentence_id", "start", "end"]]
    cat_labels = {c.id: c.label for c in cb}
    doc_label = {
        d: (d if by is None or g == d else f"{d} ({g})")
        for d, g in zip(docs["doc_id"], docs["group"], strict=True)
    }
    sections: list[str] = []
    fig_no = iter(range(1, 100))

    with report_style():
        # ------------------------------------------------------------ documents
        say(f"{len(corpus)} documents, {int(docs['n_tokens'].sum()):,} tokens")
        w.table(docs, "documents", "Documents, their groups and sizes")

        # ------------------------------------------------------------ frames
        say(f"coding frames ({len(cb)} categories)")
        evidence = code_frames(corpus, codebook=cb)
        evidence = evidence.assign(group=groups.loc[evidence["doc_id"]].to_numpy(object))
        w.table(evidence, "frame_evidence", "Every frame hit with its sentence")
        say(f"frame rates with {n_boot} bootstrap replicates")
        rates = frame_rates(
            corpus,
            by=by,
            codebook=cb,
            evidence=evidence,
            n_boot=n_boot,
            random_state=random_state,
        )
        rates_csv = w.table(rates, "frame_rates", "Frame rates per group with intervals")
        w.figure(
            plots.plot_frame_profile(rates, labels=cat_labels, group_name=group_name).figure,
            "frame_profile",
            "Frame profile",
        )
        w.figure(
            plots.plot_frame_intervals(rates, labels=cat_labels, group_name=group_name).figure,
            "frame_intervals",
            "Frame rates with bootstrap intervals",
        )
        cooc = frame_cooccurrence(corpus, codebook=cb, evidence=evidence)
        cooc_csv = w.table(cooc, "frame_cooccurrence", "Frame co-occurrence in sentences")
        w.figure(
            plots.plot_cooccurrence(cooc, categories=cb.ids, labels=cat_labels).figure,
            "frame_cooccurrence",
            "Frame co-occurrence",
        )
        comparison = None
        if n_groups >= 2:
            comparison = compare_frames(corpus, by=by or "doc_id", codebook=cb, evidence=evidence)
            w.table(comparison, "frame_comparison", "Chi-squared test per frame")
        try:
            topics = frame_topics(corpus, codebook=cb, evidence=evidence, random_state=random_state)
            w.table(topics, "frame_topics", "NMF topics and their frame loadings")
        except ValueError as err:
            topics, topics_note = None, str(err)
        else:
            topics_note = ""

        # ------------------------------------------------------------ slogans
        say(f"matching slogans ({len(lex)} families)")
        matches = find_slogans(corpus, lexicon=lex)
        matches = matches.assign(group=groups.loc[matches["doc_id"]].to_numpy(object))
        w.table(matches, "slogan_matches", "Every slogan match with its sentence")
        stable = slogan_table(corpus, matches, by=by, lexicon=lex)
        slog_csv = w.table(stable, "slogan_table", "Slogan families per group")
        shared = shared_slogans(corpus, matches, by=by, lexicon=lex)
        w.table(shared, "slogan_shared", "Families shared by all, some or one group")
        variants = variant_table(corpus, matches, by=by, lexicon=lex)
        w.table(variants, "slogan_variants", "Renderings each group prefers")
        w.figure(
            plots.plot_slogan_matrix(stable, group_name=group_name, groups=group_labels).figure,
            "slogan_matrix",
            "Slogan families by group",
        )
        totals = matches["family"].value_counts()
        top_fams = sorted(
            totals.index,
            key=lambda f: (-int(totals[f]), lex.ids.index(f) if f in lex.ids else len(lex)),
        )
        top_fams = top_fams[:_XRAY_FAMILIES]
        positions = _slogan_positions(corpus, matches, groups)
        positions = positions[positions["family"].isin(top_fams)].reset_index(drop=True)
        xray_csv = w.table(
            positions, "slogan_positions", "Positions of the most frequent slogan families"
        )
        xray_docs = list(corpus.doc_ids)
        if len(xray_docs) > _MAX_MATRIX_DOCS:
            per_doc = positions["doc_id"].value_counts()
            keep = set(
                sorted(per_doc.index, key=lambda d: (-int(per_doc[d]), d))[:_MAX_MATRIX_DOCS]
            )
            xray_docs = [d for d in xray_docs if d in keep]
        w.figure(
            plots.plot_xray(
                positions,
                label="family",
                docs=xray_docs,
                groups=groups,  # documents without matches keep their group too
                terms=top_fams,
                title="Where the most frequent slogan families occur",
            ).figure,
            "slogan_xray",
            "Slogan x-ray",
        )
        say("recurring phrases")
        phrases = recurring_phrases(corpus, by=by)
        w.table(phrases, "phrases", "Recurring phrases (lexical bundles)")

        # ------------------------------------------------------------ terms
        key_table = terms = None
        rest = None
        if target is not None:
            say(f"key terms of {target} ({measure})")
            contrast, rest = _contrast_corpus(corpus, by, target)
            key_table = keyness(
                contrast, by="_contrast", target=target, measure=measure, stopwords=True
            )
            key_csv = w.table(key_table, "keyness", f"Keyness of {target} against {rest}")
            w.figure(
                plots.plot_keyness(key_table, n=15, reference_label=rest).figure,
                "keyness",
                "Key terms",
            )
            terms = count_terms(contrast, by="_contrast", stopwords=True)
            terms_csv = w.table(terms, "term_rates", f"Term rates: {target} and {rest}")
            w.figure(
                plots.plot_frequency_comparison(terms, a=target, b=rest).figure,
                "frequency_comparison",
                "Term rates compared",
            )
        else:
            say("key terms skipped (one group only)")
        say("source similarity")
        per_doc = len(corpus) <= _MAX_MATRIX_DOCS or by is None
        sim = source_similarity(corpus, by=None if per_doc else by)
        sim_csv = w.table(sim, "source_similarity", "Cosine similarity of TF-IDF vectors")
        sim_labels = doc_label if per_doc else None
        if len(set(sim["source_a"])) >= 2:
            w.figure(
                plots.plot_similarity(sim, labels=sim_labels),
                "source_similarity",
                "Source similarity",
            )
        plt.close("all")

    # ---------------------------------------------------------------- pages
    say("writing index.html and evidence pages")
    cat_anchor = _anchors(cb.ids)
    grp_anchor = _anchors(group_labels)
    fam_ids = list(dict.fromkeys([*lex.ids, *matches["family"]]))
    fam_anchor = _anchors(fam_ids)

    # frame counts with links to the evidence
    counts = rates.pivot_table(
        index="category", columns="group", values="hits", aggfunc="first", sort=False
    ).reindex(index=cb.ids)
    ctab = counts.reset_index().rename(columns={"category": "frame"})
    ctab.insert(1, "label", [cat_labels[c] for c in ctab["frame"]])
    ctab["total"] = counts.sum(axis=1).to_numpy(np.int64)
    links = _count_links(counts, "frame", "evidence_frames.html#frame-", cat_anchor, grp_anchor)
    frame_counts_html = _table(ctab, max_rows=None, links=links)

    # slogan counts with links
    sc = stable.pivot_table(
        index="family", columns="group", values="count", aggfunc="first", sort=False
    )
    used = [f for f in fam_ids if f in sc.index and sc.loc[f].sum() > 0]
    sc = sc.reindex(index=used)
    stab = sc.reset_index()
    stab["total"] = sc.sum(axis=1).to_numpy(np.int64)
    slinks = _count_links(sc, "family", "evidence_slogans.html#slogan-", fam_anchor, grp_anchor)
    slogan_counts_html = _table(stab, max_rows=None, links=slinks)

    name = _e(Path(str(corpus.source)).name or "corpus")
    n_tok = int(docs["n_tokens"].sum())
    meta = (
        f"{len(corpus):,} documents, {n_tok:,} tokens, {int(docs['n_sentences'].sum()):,} "
        f"sentences; groups: <b>{_e(group_name)}</b> ({n_groups}). Codebook "
        f"<b>{_e(cb.name)}</b> {_e(cb.version)} ({len(cb)} categories); slogan lexicon "
        f"<b>{_e(lex.name)}</b> {_e(lex.version)} ({len(lex)} families). Frame intervals: "
        f"{n_boot} bootstrap replicates resampling sentences within documents, seed "
        f"{random_state}."
    )
    nav = (
        '<nav><a href="#documents">Documents</a><a href="#frames">Frames</a>'
        '<a href="#slogans">Slogans</a><a href="#terms">Terms</a>'
        '<a href="#files">Files</a></nav>'
    )
    sections.append(f"<h1>Framing report: {name}</h1><p class='meta'>{meta}</p>{nav}")
    sections.append(
        "<section id='documents'><h2>Documents</h2>"
        + _table(docs, max_rows=60, csv="documents.csv")
        + "<p class='note'>A handful of documents proves little: every rate "
        "below comes with its raw count, and intervals where they can be computed.</p>"
        "</section>"
    )
    frames_html = [
        "<section id='frames'><h2>Frames</h2>",
        "<p>Sentences are coded with the codebook's terms and patterns; a hit is one "
        "match. Each count below links to its sentences.</p>",
        _figure(
            "frame_profile",
            next(fig_no),
            f"Frame use by {_e(group_name)}: hits per 1,000 tokens, hit counts in brackets.",
            rates_csv,
        ),
        "<h3>Hits per frame and group</h3>",
        frame_counts_html,
        _details(
            "Table: frame rates (frame_rates.csv)", _table(rates, max_rows=None, csv=rates_csv)
        ),
        _figure(
            "frame_intervals",
            next(fig_no),
            "Hits per 1,000 tokens with 95% "
            "percentile bootstrap intervals (sentences resampled within documents).",
            rates_csv,
        ),
    ]
    if comparison is not None:
        frames_html.append(
            _details(
                "Table: chi-squared test per frame, adjusted residuals (frame_comparison.csv)",
                _table(comparison, max_rows=None, csv="frame_comparison.csv"),
            )
        )
    frames_html += [
        _figure(
            "frame_cooccurrence",
            next(fig_no),
            "Frames coded in the same sentence: "
            "colour is the Jaccard coefficient, numbers are sentences; blank: never together.",
            cooc_csv,
        ),
        _details(
            "Table: co-occurring pairs (frame_cooccurrence.csv)",
            _table(cooc[cooc["n_both"] > 0], max_rows=None, csv=cooc_csv),
        ),
    ]
    if topics is not None:
        wide = topics.pivot_table(
            index=["topic", "top_terms"], columns="category", values="weight_share", sort=False
        ).reset_index()
        frames_html.append(
            _details(
                "Table: NMF topics over sentences and the share of each topic's weight in the "
                "sentences of each frame; a large '(uncoded)' share is vocabulary the codebook "
                "misses (frame_topics.csv)",
                _table(wide, max_rows=None, csv="frame_topics.csv"),
            )
        )
    else:
        frames_html.append(f"<p class='note'>Topic check skipped: {_e(topics_note)}</p>")
    frames_html.append("</section>")
    sections.append("".join(frames_html))

    slog_html = [
        "<section id='slogans'><h2>Slogans</h2>",
        f"<p>Matches of the lexicon's {len(lex)} families of fixed formulations; "
        f"{len(matches):,} matches in all. Each count links to its sentences.</p>",
        _figure(
            "slogan_matrix",
            next(fig_no),
            "Slogan families by group: matches per "
            "10,000 tokens (colour, log scale) and number of matches; blank where "
            "unused.",
            slog_csv,
        ),
        "<h3>Matches per family and group</h3>",
        slogan_counts_html,
        _details(
            "Table: families shared by all, some or one group (slogan_shared.csv)",
            _table(shared, max_rows=None, csv="slogan_shared.csv"),
        ),
        _details(
            "Table: renderings each group prefers (slogan_variants.csv)",
            _table(variants[variants["count"] > 0], max_rows=None, csv="slogan_variants.csv"),
        ),
        _figure(
            "slogan_xray",
            next(fig_no),
            "Where the most frequent slogan families occur "
            "in each document (position as a share of the document's tokens).",
            xray_csv,
        ),
        _details(
            "Table: recurring phrases found without the lexicon (phrases.csv)",
            _table(phrases, max_rows=40, csv="phrases.csv"),
        ),
        "</section>",
    ]
    sections.append("".join(slog_html))

    terms_html = ["<section id='terms'><h2>Terms</h2>"]
    if key_table is not None:
        shown = pd.concat([key_table.head(15), key_table.tail(15)]).drop_duplicates()
        terms_html += [
            _figure(
                "keyness",
                next(fig_no),
                f"Key terms of {_e(target)} against "
                f"{_e(rest)} (stopwords removed; counts: target vs reference).",
                key_csv,
            ),
            _details(
                "Table: the terms shown (keyness.csv has all)",
                _table(shown, max_rows=None, csv=key_csv),
            ),
            _figure(
                "frequency_comparison",
                next(fig_no),
                f"Term rates in {_e(target)} "
                f"and {_e(rest)} (stopwords removed); the most distinctive terms are "
                "labelled.",
                terms_csv,
            ),
        ]
    if len(set(sim["source_a"])) >= 2:
        what = "documents" if per_doc else f"groups of {_e(group_name)}"
        terms_html += [
            _figure(
                "source_similarity",
                next(fig_no),
                f"Cosine similarity of the "
                f"{what}' TF-IDF vectors (stopwords removed), ordered by average-"
                "linkage clustering (rows from the top in the columns' order).",
                sim_csv,
            ),
        ]
    terms_html.append("</section>")
    sections.append("".join(terms_html))

    # evidence pages
    fev = [
        "<h1>Frame evidence</h1><p><a href='index.html#frames'>Back to the report</a>. "
        "Every hit of every frame, by group; the highlighted words matched. At most "
        f"{max_evidence} per frame and group here; frame_evidence.csv has all.</p>"
    ]
    for c in cb:
        hits_c = evidence[evidence["category"] == c.id]
        fev.append(
            f"<h2 id='frame-{cat_anchor[c.id]}'>{_e(c.label)} <span class='muted'>"
            f"({_e(c.id)}), {_n(len(hits_c), 'hit')}</span></h2>"
            f"<p class='note'>{_e(c.description)}</p>"
        )
        for g in group_labels:
            hg = hits_c[hits_c["group"] == g]
            if hg.empty:
                continue
            fev.append(
                f"<h3 id='frame-{cat_anchor[c.id]}--{grp_anchor[g]}'>{_e(g)}: "
                f"{_n(len(hg), 'hit')}</h3>"
            )
            fev.append(_kwic_rows(hg.head(max_evidence), texts, bounds))
    w.page("evidence_frames.html", _page(f"Frame evidence: {name}", "".join(fev)), "Frame evidence")
    sev = [
        "<h1>Slogan evidence</h1><p><a href='index.html#slogans'>Back to the report</a>. "
        "Every match of every family, by group. At most "
        f"{max_evidence} per family and group here; slogan_matches.csv has all.</p>"
    ]
    for fid in used:
        hits_f = matches[matches["family"] == fid]
        fam = lex[fid] if fid in lex.ids else None
        head = f"{_e(fam.canonical)} " if fam else ""
        sev.append(
            f"<h2 id='slogan-{fam_anchor[fid]}'>{head}<span class='muted'>"
            f"({_e(fid)}), {_n(len(hits_f), 'match')}</span></h2>"
        )
        if fam is not None:
            sev.append(f"<p class='note'>{_e(fam.description)}</p>")
        for g in group_labels:
            hg = hits_f[hits_f["group"] == g]
            if hg.empty:
                continue
            sev.append(
                f"<h3 id='slogan-{fam_anchor[fid]}--{grp_anchor[g]}'>{_e(g)}: "
                f"{_n(len(hg), 'match')}</h3>"
            )
            sev.append(_kwic_rows(hg.head(max_evidence), texts, bounds))
    w.page(
        "evidence_slogans.html", _page(f"Slogan evidence: {name}", "".join(sev)), "Slogan evidence"
    )

    files = pd.DataFrame(
        w.rows + [("index.html", "page", "This report")], columns=["file", "kind", "title"]
    )
    listing = "".join(
        f"<li><a href='{_e(f)}'>{_e(f)}</a> <span class='muted'>{_e(k)}: {_e(t)}</span></li>"
        for f, k, t in files.itertuples(index=False)
    )
    sections.append(f"<section id='files'><h2>Files</h2><ul>{listing}</ul></section>")
    (out / "index.html").write_text(
        _page(f"Framing report: {name}", "\n".join(sections)), encoding="utf-8", newline="\n"
    )
    return files
