"""Partial results of corpus chunks and their sums (the machinery of :mod:`framing.stream`).

A *job spec* (``_Terms``, ``_Keyness``, ``_Slogans``, ``_Frames``) is small and
picklable: it travels to wherever a chunk is analysed, and its ``map`` method turns the
chunk's :class:`~framing.corpus.Corpus` into a partial result made of integer arrays
and per-document tables. Its accumulator, in the calling process, adds the partial
results up in corpus order and builds the final tables with the same private helpers
as the in-memory functions (``_terms_table``, ``_keyness_table``, ``_slogan_table``,
``_rates_table``), so the tables are identical.

N-gram counts travel as rows ``(group, unit ids..., count, documents)`` over each
chunk's own vocabulary; the accumulator maps the units to global ids and sums equal
rows. The sums so far are kept sorted by (units, group) in pieces, each a range of
features: a chunk's rows are sorted on arrival and cut at the pieces' first features, and
a piece merges its waiting rows (sorted runs, merged by a stable sort) once they
outnumber its own. Every merge is small, so the work grows with the rows (not a hash
table of every distinct row, nor a merge of all the sums at once, both of which cost
more per row once they outgrow the cache); a feature's rows end up next to each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing import _ngrams
from framing.counts import (
    _count_matrix,
    _group_index,
    _group_sum,
    _packs,
    _rows_table,
    _sentences_for,
    _stop_mask,
    _units,
    _units_rank,
)

# --------------------------------------------------------------------------- row sums


# keys of at most this many bits are packed into one int64 per row
_PACKED_BITS = 63
# a piece of the n-gram sums merges its waiting rows once there are more than
# _MERGE_ROWS of them and more than _MERGE_RATIO times its own rows (the waiting rows
# stay within that many times the sums; a merge's work is at most 1 + 1 / _MERGE_RATIO
# times the rows that waited), and is cut in parts of about _PIECE_ROWS rows once it has
# more than twice that
_MERGE_ROWS = 1 << 16
_MERGE_RATIO = 1
_PIECE_ROWS = 1 << 18


def _sum_sorted(keys: list[np.ndarray], values: list[np.ndarray]):
    """Sum integer ``values`` over identical key rows, returned in lexicographic key order.

    A stable sort (Timsort) finds the runs that are already in order, so rows that
    were summed before (sorted, first) are merged with the new ones in one pass
    instead of being hashed again: the work stays proportional to the rows and the
    memory is read in order, however many distinct rows there are.
    """
    m = keys[0].size
    if not m:
        return [k[:0] for k in keys], [v[:0].astype(np.int64) for v in values]
    bits = [max(int(k.max()), 1).bit_length() for k in keys]
    if sum(bits) <= _PACKED_BITS:  # one integer per row, in the same order as the rows
        packed = np.zeros(m, dtype=np.int64)
        for k, b in zip(keys, bits, strict=True):  # in place: no temporaries of size m
            packed <<= b
            packed |= k
        order = np.argsort(packed, kind="stable")
        packed = packed[order]
        new = np.empty(m, dtype=bool)
        new[0] = True
        np.not_equal(packed[1:], packed[:-1], out=new[1:])
        del packed
    else:  # too wide to pack: sort by the columns themselves
        order = np.lexsort(keys[::-1])
        new = np.zeros(m, dtype=bool)
        new[0] = True
        for k in keys:
            k = k[order]
            new[1:] |= k[1:] != k[:-1]
    starts = np.flatnonzero(new)
    del new
    sums = [np.add.reduceat(v[order], starts).astype(np.int64, copy=False) for v in values]
    first = order[starts]
    del order, starts
    return [k[first] for k in keys], sums


# --------------------------------------------------------------------------- n-grams


@dataclass
class _NgramPart:
    """Counts of one chunk: per order, rows (group, unit ids, count, documents)."""

    vocab: np.ndarray  # unit strings of this chunk (token forms or stems)
    blocks: dict  # n -> (g int32, U int32 (m, n), count int64, docs int64)
    nonstop: np.ndarray | None  # stems with a non-stopword surface form (stem + stopwords)


def _ngram_part(corpus, codes, n_groups, *, ngram_range, stopwords, stem, cache) -> _NgramPart:
    # stems are stopwords only when all their forms in the whole corpus are: decided at
    # the end, so stemmed chunks are counted with every n-gram
    tokens = corpus.tokens
    lo, hi = ngram_range
    vocab, ids, stop = _units(tokens, stopwords=False if stem else stopwords, stem=stem)
    if _packs(tokens, vocab, hi):
        blocks = _ngrams.ngram_units(
            ids,
            vocab,
            _sentences_for(tokens, hi),
            tokens.doc_ptr,
            codes,
            n_groups,
            orders=range(lo, hi + 1),
            stop=stop,
        )
        return _NgramPart(vocab=vocab, blocks=blocks, nonstop=_nonstop(corpus, stopwords, stem))
    key = (ngram_range, stopwords if isinstance(stopwords, bool) else tuple(stopwords), stem)
    if key not in cache:  # (keys too wide to pack: the document x feature matrix)
        cache[key] = _count_matrix(
            corpus.tokens,
            ngram_range=ngram_range,
            stopwords=False if stem else stopwords,
            stem=stem,
            names=False,
        )
    counts = cache[key]
    G = _group_sum(counts.X, codes, n_groups)
    Gd = _group_sum((counts.X > 0).astype(np.int64), codes, n_groups)
    for M in (G, Gd):
        M.sum_duplicates()
        M.sort_indices()
    rows = np.repeat(np.arange(n_groups, dtype=np.int32), np.diff(G.indptr))
    cols = G.indices
    docs = Gd.data
    if not np.array_equal(G.indices, Gd.indices):  # pragma: no cover - same sparsity by design
        docs = np.asarray(Gd[rows, cols]).ravel()
    lo, hi = ngram_range
    offsets = np.searchsorted(counts.n, np.arange(lo, hi + 2))
    blocks = {}
    for k, n in enumerate(range(lo, hi + 1)):
        sel = (cols >= offsets[k]) & (cols < offsets[k + 1])
        units = counts.units[k][cols[sel] - offsets[k]].astype(np.int32)
        blocks[n] = (rows[sel], units, G.data[sel], docs[sel])
    return _NgramPart(
        vocab=counts.unit_vocab, blocks=blocks, nonstop=_nonstop(corpus, stopwords, stem)
    )


def _nonstop(corpus, stopwords, stem) -> np.ndarray | None:
    """Stems with a surface form that is not a stopword (stemmed counts with stopwords)."""
    stop = _stop_mask(corpus.tokens.vocab, stopwords) if stem else None
    if stop is None:
        return None
    stems, stem_ids = corpus.tokens.stemmed()
    nonstop = np.zeros(stems.size, dtype=bool)
    nonstop[stem_ids[~stop[corpus.tokens.ids]]] = True
    return nonstop


@dataclass
class _Summed:
    """The summed n-gram features, with their rows or counts as the tables need them."""

    names: np.ndarray  # feature strings, by feature code
    orders: np.ndarray
    rank: np.ndarray  # rank of each feature string in sorted order
    # rows (group, feature code, count, documents) of the features the terms table keeps
    rows: list | None = None
    n_t: np.ndarray | None = None  # each feature's count in the target groups
    n_r: np.ndarray | None = None  # and in the reference groups


def _scatter(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    """``values`` placed where ``where`` is true, zeros elsewhere."""
    out = np.zeros(where.size, dtype=values.dtype)
    out[where] = values
    return out


def _lex_left(cols: list[np.ndarray], bound: tuple) -> int:
    """Number of rows whose leading columns come before ``bound`` (rows sorted by columns)."""
    lo, hi = 0, cols[0].size
    for c, v in zip(cols, bound, strict=True):
        seg = c[lo:hi]
        lo, hi = (
            lo + int(np.searchsorted(seg, v, "left")),
            lo + int(np.searchsorted(seg, v, "right")),
        )
        if lo == hi:
            break
    return lo


class _Piece:
    """The summed rows of one range of features, sorted, and the rows waiting to join them.

    Rows are lists of columns ``[units..., group, count, documents]``.
    """

    __slots__ = ("rows", "pending", "waiting")

    def __init__(self, rows: list | None = None):
        self.rows = rows
        self.pending: list[list] = []
        self.waiting = 0

    @property
    def size(self) -> int:
        return self.rows[0].size if self.rows is not None else 0

    def merge(self, n: int) -> None:
        """Sum the waiting rows into the summed ones (sorted runs, merged by a stable sort)."""
        if not self.pending:
            return
        blocks = ([self.rows] if self.rows is not None else []) + self.pending
        self.rows, self.pending, self.waiting = None, [], 0
        cols = [np.concatenate([b[i] for b in blocks]) for i in range(n + 3)]
        del blocks
        keys, values = _sum_sorted(cols[: n + 1], cols[n + 1 :])
        self.rows = [*keys, *values]


class _NgramSums:
    """Client side: n-gram rows in global ids, summed as they come in.

    The sums of each order are kept in pieces, each the sorted rows of a range of
    features (pieces in feature order, a feature's rows in one piece). A chunk's rows are
    sorted on arrival and cut at the pieces' first features; a piece merges its waiting
    rows once they outnumber its own (``_MERGE_RATIO``), and is cut in two (at a feature's
    first row) when it grows past twice ``_PIECE_ROWS``. Every merge is small, so its
    arrays stay in cache and reuse freed memory, and a row is merged a bounded number of
    times: the work grows with the rows, however many distinct rows there are.
    """

    def __init__(self, ngram_range):
        self.orders = range(ngram_range[0], ngram_range[1] + 1)
        self.units: dict[str, int] = {}
        self.nonstop = np.zeros(0, dtype=bool)
        self.stemmed_stop = False
        self.pieces: dict[int, list[_Piece]] = {n: [_Piece()] for n in self.orders}
        # first units of every piece but the first
        self.bounds: dict[int, list[tuple]] = {n: [] for n in self.orders}

    def add(self, part: _NgramPart, group_map: np.ndarray) -> None:
        d = self.units
        gid = np.fromiter(
            (d.setdefault(w, len(d)) for w in part.vocab), dtype=np.int32, count=part.vocab.size
        )
        if part.nonstop is not None:
            self.stemmed_stop = True
            grown = np.zeros(len(d), dtype=bool)
            grown[: self.nonstop.size] = self.nonstop
            grown[gid[part.nonstop]] = True
            self.nonstop = grown
        for n, (g, units, count, docs) in part.blocks.items():
            # sorted here, while the rows are few: merging sorted runs is the cheap part
            keys, (count, docs) = _sum_sorted(
                [*gid[units].T, group_map[g].astype(np.int32)], [count, docs]
            )
            self._route(n, [*keys, count, docs])

    def _route(self, n: int, rows: list) -> None:
        """Give each piece the rows of its features; merge the pieces that are full."""
        m = rows[0].size
        if not m:
            return
        pieces = self.pieces[n]
        cuts = [0, *(_lex_left(rows[:n], b) for b in self.bounds[n]), m]
        full = []
        for i, piece in enumerate(pieces):
            lo, hi = cuts[i], cuts[i + 1]
            if hi > lo:  # copies of a part: the chunk's rows are freed now
                piece.pending.append([c[lo:hi].copy() for c in rows] if hi - lo < m else rows)
                piece.waiting += hi - lo
                if piece.waiting > max(_MERGE_RATIO * piece.size, _MERGE_ROWS):
                    full.append(i)
        for i in reversed(full):  # from the last: cutting a piece shifts the later ones
            self._merge(n, i)

    def _merge(self, n: int, i: int) -> None:
        piece = self.pieces[n][i]
        piece.merge(n)
        size = piece.size
        if size <= 2 * _PIECE_ROWS:
            return
        units = piece.rows[:n]
        cuts = [0]
        k = size // _PIECE_ROWS
        for j in range(1, k):  # near equal parts, each cut moved to its feature's first row
            at = j * size // k
            cut = _lex_left(units, tuple(int(u[at]) for u in units))
            if cut > cuts[-1]:
                cuts.append(cut)
        cuts.append(size)
        if len(cuts) == 2:  # pragma: no cover - one feature in more than 2 * _PIECE_ROWS groups
            return
        parts = [
            _Piece([c[lo:hi].copy() for c in piece.rows])
            for lo, hi in zip(cuts[:-1], cuts[1:], strict=True)
        ]
        self.pieces[n][i : i + 1] = parts
        self.bounds[n][i:i] = [tuple(int(u[c]) for u in units) for c in cuts[1:-1]]

    def features(self, min_total: int = 1, *, terms=None, target=None) -> _Summed:
        """All orders' features, and what the tables need of their rows; the sums are used up.

        Features counted fewer than ``min_total`` times in all get no string (None): the
        tables drop them, but their counts still enter the totals of keyness. With
        ``terms`` (min_count, min_docs), the rows (group, feature, count, documents) of
        the features that reach both, for the terms table; with ``target`` (true for the
        target groups' codes), each feature's counts in the target and the reference.
        Both are made piece by piece, so the rows of all features are never joined.
        """
        vocab = np.asarray(list(self.units), dtype=object)
        stop = ~self.nonstop if self.stemmed_stop else None
        rows, names, orders, units, shown_all, n_t, n_r = [], [], [], [], [], [], []
        offset = 0
        for n in self.orders:
            pieces, self.pieces[n], self.bounds[n] = self.pieces[n], [], []
            shown_units, start = [], len(shown_all)
            for piece in pieces:
                piece.merge(n)
                if piece.rows is None:
                    continue
                cols, piece.rows = piece.rows, None  # freed as they are read
                if stop is not None:  # stemmed stopword n-grams dropped
                    keep = ~(stop[cols[0]] | stop[cols[n - 1]])
                    cols = [c[keep] for c in cols]
                u, (g, count, docs) = cols[:n], cols[n:]
                size = g.size
                if not size:
                    continue
                # a piece holds whole features, each one's rows consecutive
                new = np.zeros(size, dtype=bool)
                new[0] = True
                for c in u:
                    new[1:] |= c[1:] != c[:-1]
                first = np.flatnonzero(new)
                total = np.add.reduceat(count, first)
                shown = total >= min_total if min_total > 1 else np.ones(first.size, bool)
                shown_units.append([c[first[shown]] for c in u])
                shown_all.append(shown)
                if target is not None:  # exact integer sums
                    n_t.append(np.add.reduceat(np.where(target[g], count, 0), first))
                    n_r.append(total - n_t[-1])
                if terms is not None:
                    min_count, min_docs = terms
                    kept = total >= min_count
                    if min_docs > 1:
                        kept &= np.add.reduceat(docs, first) >= min_docs
                    codes = np.cumsum(new, dtype=np.int64)
                    codes += offset - 1
                    if kept.all():
                        rows.append((g, codes, count, docs))
                    elif kept.any():
                        at = kept[codes - offset]
                        rows.append((g[at], codes[at], count[at], docs[at]))
                    del codes
                offset += first.size
                del cols, u, g, count, docs, new
            shown_n = _join(shown_all[start:], bool)
            u = np.stack(
                [
                    np.concatenate([s[k] for s in shown_units]).astype(np.int32)
                    if shown_units
                    else np.zeros(0, np.int32)
                    for k in range(n)
                ],
                axis=1,
            )
            strings = np.full(shown_n.size, None, dtype=object)
            strings[shown_n] = list(
                map(" ".join, zip(*(vocab[u[:, k]] for k in range(n)), strict=True))
            )
            names.append(strings)
            orders.append(np.full(shown_n.size, n, dtype=np.int64))
            units.append(u)  # features without a string need no rank
        summed = _Summed(
            names=np.concatenate(names),
            orders=np.concatenate(orders),
            rank=_scatter(_units_rank(vocab, units), _join(shown_all, bool)),
        )
        if terms is not None:
            summed.rows = [
                _join([r[k] for r in rows], dtype)
                for k, dtype in enumerate((np.int32, np.int64, np.int64, np.int64))
            ]
        if target is not None:
            summed.n_t, summed.n_r = _join(n_t, np.int64), _join(n_r, np.int64)
        return summed


def _join(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


# --------------------------------------------------------------------------- jobs
# A job spec is small and picklable (it travels to the workers); map() turns a chunk's
# Corpus into a partial result there, and the job's accumulator (client side) adds the
# partial results up in corpus order and builds the final tables.


@dataclass(frozen=True)
class _Terms:
    by: str | None
    ngram_range: tuple
    stopwords: Any
    stem: bool
    min_count: int
    min_docs: int
    keyness: Any = None  # a _Keyness with the same by and n-gram options: computed from these sums

    def map(self, corpus, cache):
        codes, local = _group_index(corpus, self.by)
        part = _ngram_part(
            corpus,
            codes,
            local.size,
            ngram_range=self.ngram_range,
            stopwords=self.stopwords,
            stem=self.stem,
            cache=cache,
        )
        tokens = np.bincount(codes, weights=corpus.tokens.doc_lengths, minlength=local.size)
        return part, local, tokens.astype(np.int64), np.bincount(codes, minlength=local.size)

    def accumulator(self):
        return _TermsSums(self)


class _TermsSums:
    def __init__(self, spec: _Terms):
        self.spec = spec
        self.sums = _NgramSums(spec.ngram_range)
        self.labels: dict = {}
        self.group_tokens = np.zeros(0, np.int64)
        self.group_docs = np.zeros(0, np.int64)
        self.n_docs = 0

    def add(self, result) -> None:
        part, local, tokens, docs = result
        group_map = np.fromiter(
            (self.labels.setdefault(x, len(self.labels)) for x in local),
            dtype=np.int64,
            count=local.size,
        )
        self.group_tokens = _grow(self.group_tokens, len(self.labels))
        self.group_docs = _grow(self.group_docs, len(self.labels))
        np.add.at(self.group_tokens, group_map, tokens)
        np.add.at(self.group_docs, group_map, docs)
        self.n_docs += int(docs.sum())
        self.sums.add(part, group_map)

    def finish(self) -> dict:
        spec = self.spec
        labels = np.asarray(list(self.labels), dtype=object)
        need, is_target = spec.min_count, None
        if spec.keyness is not None:
            need = min(need, spec.keyness.min_count)
            is_target = np.isin(labels, list(spec.keyness.target))
        summed = self.sums.features(
            min_total=need, terms=(spec.min_count, spec.min_docs), target=is_target
        )
        out = {}
        if spec.keyness is not None:
            out["keyness"] = _keyness_finish(spec.keyness, labels, summed)
        rows, summed.rows = summed.rows, None  # freed as the table is made
        out["terms"] = _rows_table(
            rows,
            features=summed.names,
            orders=summed.orders,
            rank=summed.rank,
            labels=labels,
            group_tokens=self.group_tokens,
            group_docs=self.group_docs,
            n_docs=self.n_docs,
            min_count=spec.min_count,
            min_docs=spec.min_docs,
        )
        return out


def _grow(a: np.ndarray, size: int) -> np.ndarray:
    if a.size >= size:
        return a
    out = np.zeros(size, dtype=a.dtype)
    out[: a.size] = a
    return out


@dataclass(frozen=True)
class _Keyness:
    by: str
    target: tuple
    measure: str
    correction: str
    ngram_range: tuple
    stopwords: Any
    stem: bool
    min_count: int
    prior: Any

    def map(self, corpus, cache):
        codes, local = _group_index(corpus, self.by)
        is_target = np.isin(local, list(self.target))
        side = np.where(is_target, 0, 1)[codes]  # 0 target, 1 reference
        part = _ngram_part(
            corpus,
            side,
            2,
            ngram_range=self.ngram_range,
            stopwords=self.stopwords,
            stem=self.stem,
            cache=cache,
        )
        return part, local

    def accumulator(self):
        return _KeynessSums(self)


class _KeynessSums:
    def __init__(self, spec: _Keyness):
        self.spec = spec
        self.sums = _NgramSums(spec.ngram_range)
        self.labels: dict = {}

    def add(self, result) -> None:
        part, local = result
        for x in local:
            self.labels.setdefault(x, len(self.labels))
        self.sums.add(part, np.arange(2))

    def finish(self) -> dict:
        labels = np.asarray(list(self.labels), dtype=object)
        side = np.array([True, False])  # group 0 is the target, 1 the reference
        summed = self.sums.features(min_total=self.spec.min_count, target=side)
        return {"keyness": _keyness_finish(self.spec, labels, summed)}


def _keyness_finish(spec, labels, summed: _Summed) -> pd.DataFrame:
    """keyness table from the summed features' counts in the target and the reference."""
    from framing.keyness import _check_targets, _keyness_table

    wanted = list(spec.target)
    _check_targets(wanted, labels, spec.by, all_target=bool(np.isin(labels, wanted).all()))
    return _keyness_table(
        summed.names,
        summed.orders,
        summed.n_t,
        summed.n_r,
        measure=spec.measure,
        correction=spec.correction,
        min_count=spec.min_count,
        prior=spec.prior,
        target="+".join(wanted),
        feature_rank=summed.rank,
        strings=True,  # every feature shown has its string
    )


@dataclass(frozen=True)
class _Slogans:
    by: str | None
    lexicon: Any

    def map(self, corpus, cache):
        from framing.slogans import _group_frame, find_slogans

        return find_slogans(corpus, lexicon=self.lexicon), _group_frame(corpus, self.by)

    def accumulator(self):
        return _Concat(self, ("slogans", "_docs"), self._finish)

    def _finish(self, tables: dict) -> dict:
        from framing.slogans import _slogan_table

        return {
            "slogans": tables["slogans"],
            "slogan_table": _slogan_table(tables["_docs"], tables["slogans"], self.lexicon),
        }


@dataclass(frozen=True)
class _Frames:
    by: str | None
    codebook: Any
    n_boot: int
    ci: float
    random_state: int | None
    unit: str = "document"

    def map(self, corpus, cache):
        from framing.frames import _sentence_frame, code_frames, frame_matrix

        evidence = code_frames(corpus, codebook=self.codebook)
        ids, hits, n_tok, doc_ids, doc_pos = _sentence_frame(corpus, evidence, self.codebook)
        labels = corpus.groups(self.by).reindex(doc_ids).to_numpy(object)
        matrix = frame_matrix(corpus, evidence, unit=self.unit, codebook=self.codebook)
        arrays = pd.DataFrame({"doc_pos": doc_pos, "n_tok": n_tok})
        return evidence, matrix, (ids, hits, arrays, doc_ids, labels)

    def accumulator(self):
        return _FramesSums(self)


class _FramesSums:
    def __init__(self, spec: _Frames):
        self.spec = spec
        self.evidence, self.matrix, self.hits, self.sent = [], [], [], []
        self.doc_ids, self.labels = [], []
        self.ids = None
        self.n_docs = 0

    def add(self, result) -> None:
        evidence, matrix, (ids, hits, arrays, doc_ids, labels) = result
        self.ids = ids
        self.evidence.append(evidence)
        self.matrix.append(matrix)
        self.hits.append(hits)
        self.sent.append(arrays.assign(doc_pos=arrays["doc_pos"] + self.n_docs))
        self.doc_ids.append(doc_ids)
        self.labels.append(labels)
        self.n_docs += doc_ids.size

    def finish(self) -> dict:
        from framing.frames import _rates_table

        spec = self.spec
        labels = np.concatenate(self.labels)
        groups, uniques = pd.factorize(labels, sort=True)
        sent = pd.concat(self.sent, ignore_index=True)
        rates = _rates_table(
            self.ids,
            np.concatenate(self.hits),
            sent["n_tok"].to_numpy(np.int64),
            np.concatenate(self.doc_ids),
            sent["doc_pos"].to_numpy(np.int64),
            groups.astype(np.int64),
            np.asarray(uniques, dtype=object),
            n_boot=spec.n_boot,
            ci=spec.ci,
            random_state=spec.random_state,
        )
        return {
            "frames": _concat(self.evidence),
            "frame_matrix": _concat(self.matrix),
            "frame_rates": rates,
        }


class _Concat:
    """Accumulator for per-document tables: concatenated in corpus order."""

    def __init__(self, spec, names: tuple, finish: Callable):
        self.names, self._finish, self.parts = names, finish, {n: [] for n in names}

    def add(self, result) -> None:
        for name, table in zip(self.names, result, strict=True):
            self.parts[name].append(table)

    def finish(self) -> dict:
        return self._finish({n: _concat(p) for n, p in self.parts.items()})


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, leaving out empty tables (whose column types are only placeholders)."""
    full = [t for t in tables if len(t)]
    return pd.concat(full or tables[:1], ignore_index=True)
