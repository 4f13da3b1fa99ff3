"""N-gram counts per group from packed integer keys (the fast path of :mod:`framing.counts`).

Every unit (token form or stem) gets its alphabetical rank ``1..V``. An n-gram is the
integer whose fields of ``b = bit_length(V)`` bits hold the ranks of its units, left
aligned to the largest order asked for (missing units are 0). Units never contain a
character at or below the space, so comparing two such keys is comparing the feature
strings ("a" < "a b" < "a-b" < "ab"): the keys sort alphabetically with no string built.

Counting is then one sort per order of the (key, document) pairs packed into one
integer, documents numbered group by group: equal pairs are adjacent (their run length is
the count in the document), the documents of a group follow each other, so the count
per group, the documents per group and the documents per corpus (``df``) are run
lengths and sums over runs. The orders are counted in two threads (numpy sorts without
the GIL). The rows of an order come out in feature order, so the table order (group,
count descending, feature) is a stable 16-bit radix sort of each order's rows, then a
merge of the orders.

What does not fit in 63 bits falls back: features (all their units) to the chained
coding of :func:`framing.counts.ngram_codes` (the caller checks :func:`fits`), pairs to
a stable sort of the keys alone over the tokens reordered document by document, table
rows to a merge by feature before the radix sort.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# widths that packed keys may use (int64); the tests lower them to reach every branch
KEY_BITS = 63  # a feature key (all its units)
PAIR_BITS = 63  # a feature key and a document
ORDER_BITS = 63  # group, count rank and feature of a table row
# table rows decoded at a time (table_rows): short arrays, no temporary as long as the table
DECODE_ROWS = 1 << 16


@dataclass(eq=False)
class NgramRows:
    """Counts per (feature, group) of one or more n-gram orders.

    Features are numbered order by order, each order's alphabetically; ``rank`` is the
    alphabetical rank of each feature among all of them. ``blocks`` holds one block of
    rows per order, ``(n, f, g, count, docs)``, sorted by feature, then group.
    """

    orders: range
    sizes: list  # number of features of each order
    df: np.ndarray  # per feature: documents of the corpus containing it (int32 mostly)
    rank: np.ndarray  # per feature: alphabetical rank among all features
    by_rank: np.ndarray  # the feature of each alphabetical rank (the inverse of rank)
    # (rank and by_rank: int32 unless there are 2**31 features)
    n_groups: int
    n_docs: int
    blocks: list = field(default_factory=list)
    names: np.ndarray | None = None  # per feature: its string (or None), if asked for
    table: dict | None = None  # the rows in table order (table_rows), if asked for

    @property
    def n(self) -> np.ndarray:
        """The n-gram order of every feature (int64)."""
        return np.repeat(np.asarray(self.orders, dtype=np.int64), self.sizes)

    def order_of(self, f: np.ndarray) -> np.ndarray:
        """The n-gram order of features ``f`` (int64)."""
        out = np.searchsorted(np.cumsum(self.sizes), f, side="right")
        out += self.orders[0]
        return out


def unit_ranks(vocab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Alphabetical order of the units and the rank (1-based) of each unit id."""
    order = np.asarray(sorted(range(vocab.size), key=vocab.__getitem__), dtype=np.int64)
    rank = np.empty(vocab.size, dtype=np.int64)
    rank[order] = np.arange(1, vocab.size + 1, dtype=np.int64)
    return order, rank


def fits(vocab_size: int, max_n: int) -> bool:
    """Whether the keys of n-grams up to ``max_n`` fit in :data:`KEY_BITS` bits."""
    return max_n * int(vocab_size).bit_length() <= KEY_BITS


def ngram_rows(
    ids: np.ndarray,
    vocab: np.ndarray,
    sent: np.ndarray,
    doc_ptr: np.ndarray,
    codes: np.ndarray,
    n_groups: int,
    *,
    orders: range,
    stop: np.ndarray | None = None,
    min_count: int = 1,
    min_docs: int = 1,
    names: int | None = None,
    table: bool = False,
) -> NgramRows:
    """Count every n-gram of ``orders`` per group (see the module docstring).

    The orders are counted side by side in two threads (numpy sorts without holding
    the GIL); the feature strings of an order are made in a third thread as soon as it
    is counted, and the rows put in table order while the strings are made.

    Parameters
    ----------
    ids, vocab : ndarray
        Unit id of every token and the unit strings.
    sent : ndarray
        Sentence of every token (n-grams never cross one).
    doc_ptr : ndarray
        Token offsets of the documents (``n_docs + 1``).
    codes : ndarray
        Group code of every document; ``n_groups`` codes in all.
    orders : range
        N-gram orders; their keys must fit (:func:`fits`).
    stop : ndarray of bool or None
        Stop units: n-grams starting or ending with one are not counted.
    min_count, min_docs : int
        Keep the features occurring at least this often / in this many documents.
    names : int or None
        Make the strings of the features occurring at least this often (``names``);
        ``None``: no strings.
    table : bool
        Put the rows in table order (``table``, see :func:`table_rows`).
    """
    n_docs = codes.size
    count, order, b = _counter(
        ids, vocab, sent, doc_ptr, codes, n_groups, orders, stop, min_count, min_docs
    )
    units = vocab[order]
    spellings = None if names is None else Spellings(units)

    def name(n, keys, total):
        shown = total >= names
        if shown.all():
            return strings(keys, n, b, units, spellings)
        out = np.full(keys.size, None, dtype=object)
        out[shown] = strings(keys[shown], n, b, units, spellings)
        return out

    # strings in a thread of their own, one order after the other: making them holds
    # the GIL, so two at a time only slow each other, and the numpy work of counting and
    # ordering the rows goes on beside them in the pool
    with ThreadPoolExecutor(2) as pool, ThreadPoolExecutor(1) as writer:
        counting = {pool.submit(count, n): n for n in orders[::-1]}  # the largest first
        done, naming = {}, {}
        for future in as_completed(counting):
            n = counting[future]
            done[n] = future.result()
            if names is not None:
                _, (keys, _, total) = done[n]
                naming[n] = writer.submit(name, n, keys, total)
        count = None  # free the token arrays
        rows = _assemble(done, orders, b, n_groups, n_docs)
        del done
        ordering = pool.submit(table_rows, rows) if table else None
        if names is not None:
            rows.names = np.concatenate([naming.pop(n).result() for n in orders])
        if ordering is not None:
            rows.table = ordering.result()
    return rows


def ngram_units(
    ids: np.ndarray,
    vocab: np.ndarray,
    sent: np.ndarray,
    doc_ptr: np.ndarray,
    codes: np.ndarray,
    n_groups: int,
    *,
    orders: range,
    stop: np.ndarray | None = None,
) -> dict:
    """Rows ``(group, unit ids, count, docs)`` of each order, the units as an (m, n) array.

    The counts of :func:`ngram_rows` in the form the streaming sums add up
    (:mod:`framing.partials`): unit ids index ``vocab``.
    """
    count, order, b = _counter(ids, vocab, sent, doc_ptr, codes, n_groups, orders, stop, 1, 1)
    with ThreadPoolExecutor(min(2, len(orders))) as pool:  # the largest orders first
        done = dict(zip(orders[::-1], pool.map(count, orders[::-1]), strict=True))
    del count
    mask = (1 << b) - 1
    out = {}
    for n in orders:
        (f, g, c, docs), (keys, _, _) = done.pop(n)
        keys = keys[f]
        units = np.empty((f.size, n), dtype=np.int32)
        for j in range(n):
            units[:, j] = order[((keys >> ((n - 1 - j) * b)) & mask) - 1]
        out[n] = (g, units, c, docs)
    return out


def _counter(ids, vocab, sent, doc_ptr, codes, n_groups, orders, stop, min_count, min_docs):
    """The function that counts one order (see :func:`ngram_rows`), the units'
    alphabetical order and the bits of a unit in a key."""
    n_docs = codes.size
    order, rank = unit_ranks(vocab)
    b = int(vocab.size).bit_length()
    # documents numbered group by group (stable: corpus order within a group)
    dorder = np.argsort(codes, kind="stable")
    drank = np.empty(n_docs, dtype=np.int64)
    drank[dorder] = np.arange(n_docs, dtype=np.int64)
    group_of = codes[dorder].astype(np.int32 if n_groups < 2**31 else np.int64)
    dbits = max(n_docs - 1, 0).bit_length()
    lengths = np.diff(doc_ptr)
    small = np.int32 if n_docs < 2**31 and vocab.size < 2**31 else np.int64
    # positions, counts and feature numbers of rows: 32 bits unless there are very many
    index = np.int32 if ids.size * len(orders) < 2**31 else np.int64
    tokens = (
        rank.astype(small)[ids],
        np.repeat(drank.astype(small), lengths),
        sent,
        None if stop is None else stop[ids],
    )
    reordered = None
    if any(n * b + dbits > PAIR_BITS for n in orders):  # tokens document by document
        reordered = _reorder(dorder, doc_ptr, lengths, *tokens)

    def count(n):
        if n * b + dbits <= PAIR_BITS:
            pairs = _pairs_packed(*tokens, n, b, dbits, index)
        else:
            pairs = _pairs_sorted(*reordered, n, b, index)
        return _runs(
            *pairs,
            group_of,
            per_doc=n_groups == n_docs,
            min_count=min_count,
            min_docs=min_docs,
            index=index,
        )

    return count, order, b


def _assemble(done: dict, orders: range, b: int, n_groups: int, n_docs: int) -> NgramRows:
    """NgramRows from the counts of each order (features numbered order by order)."""
    width = orders[-1]
    sizes = [done[n][1][0].size for n in orders]
    n_feats = sum(sizes)
    aligned = np.empty(n_feats, dtype=np.int64) if len(orders) > 1 else None
    blocks, df = [], []
    offset = 0
    for n, size in zip(orders, sizes, strict=True):
        (f, g, c, docs), (keys, fdf, _) = done.pop(n)
        f += offset
        blocks.append((n, f, g, c, docs))
        df.append(fdf)
        if aligned is not None:  # keys aligned to the widest order
            np.left_shift(keys, (width - n) * b, out=aligned[offset : offset + size])
        offset += size
    del keys
    index = np.int32 if n_feats < 2**31 else np.int64
    if aligned is not None:  # alphabetical rank: each order's keys ascend, so this merges
        by_rank = np.argsort(aligned, kind="stable").astype(index, copy=False)
        del aligned
        rank = np.empty(n_feats, dtype=index)
        rank[by_rank] = np.arange(n_feats, dtype=index)
    else:
        by_rank = rank = np.arange(n_feats, dtype=index)
    return NgramRows(
        orders=orders,
        sizes=sizes,
        df=np.concatenate(df, dtype=np.int32 if n_docs < 2**31 else np.int64),
        rank=rank,
        by_rank=by_rank,
        n_groups=n_groups,
        n_docs=n_docs,
        blocks=blocks,
    )


def _pairs_packed(tok_rank, tok_doc, sent, tok_stop, n, b, dbits, index):
    """Sorted (key, document) runs of order n from one packed sort."""
    m = tok_rank.size - n + 1
    if m <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty.astype(index)
    dtype = np.int32 if n * b + dbits <= 31 else np.int64
    packed = tok_rank[:m].astype(dtype)
    for k in range(1, n):
        packed <<= b
        packed |= tok_rank[k : k + m]
    packed <<= dbits
    packed |= tok_doc[:m]
    invalid = sent[:m] != sent[n - 1 :]
    if tok_stop is not None:
        invalid |= tok_stop[:m]
        invalid |= tok_stop[n - 1 :]
    n_valid = m - int(np.count_nonzero(invalid))
    if n_valid < m:  # left out: sorted to the end and cut off
        packed[invalid] = np.iinfo(dtype).max
    del invalid
    packed.sort()
    packed = packed[:n_valid]
    starts = _run_starts(packed)
    count = _run_lengths(starts, packed.size, index)
    first = packed[starts]
    del packed, starts
    doc = first & ((1 << dbits) - 1)
    first >>= dbits
    return first, doc, count


def _reorder(dorder, doc_ptr, lengths, tok_rank, tok_doc, sent, tok_stop):
    """Token arrays with the documents in ``dorder`` order (document ranks ascend)."""
    lens = lengths[dorder]
    ends = np.cumsum(lens)
    where = np.repeat(doc_ptr[:-1][dorder] - (ends - lens), lens) + np.arange(
        int(ends[-1]) if ends.size else 0, dtype=np.int64
    )
    return (
        tok_rank[where],
        tok_doc[where],
        sent[where],
        None if tok_stop is None else tok_stop[where],
    )


def _pairs_sorted(tok_rank, tok_doc, sent, tok_stop, n, b, index):
    """Sorted (key, document) runs of order n by a stable sort of the keys alone.

    The tokens come document by document in rank order, so a stable sort by key keeps
    the documents of equal keys in order.
    """
    m = tok_rank.size - n + 1
    if m <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty.astype(index)
    key = tok_rank[:m].astype(np.int64)
    for k in range(1, n):
        key <<= b
        key |= tok_rank[k : k + m]
    valid = sent[:m] == sent[n - 1 :]
    if tok_stop is not None:
        valid &= ~tok_stop[:m]
        valid &= ~tok_stop[n - 1 :]
    key = key[valid]
    doc = tok_doc[:m][valid]
    del valid
    by_key = np.argsort(key, kind="stable")
    key, doc = key[by_key], doc[by_key]
    del by_key
    new = np.empty(key.size, dtype=bool)
    new[:1] = True
    np.not_equal(key[1:], key[:-1], out=new[1:])
    new[1:] |= doc[1:] != doc[:-1]
    starts = np.flatnonzero(new)
    return key[starts], doc[starts], _run_lengths(starts, key.size, index)


def _run_lengths(starts: np.ndarray, size: int, dtype=np.int64) -> np.ndarray:
    """Lengths of the runs starting at ``starts`` in an array of ``size`` elements."""
    out = np.empty(starts.size, dtype=dtype)
    np.subtract(starts[1:], starts[:-1], out=out[:-1])
    out[-1:] = size - starts[-1:]
    return out


def _run_starts(a: np.ndarray) -> np.ndarray:
    """Start of every run of equal values in ``a``."""
    new = np.empty(a.size, dtype=bool)
    new[:1] = True
    np.not_equal(a[1:], a[:-1], out=new[1:])
    return np.flatnonzero(new)


def _runs(key, doc, count, group_of, *, per_doc, min_count, min_docs, index):
    """Rows (feature, group, count, documents) and features (key, df, total) of sorted pairs.

    Row values are ``index`` integers (32 bits unless the corpus is very large).
    """
    n_pairs = key.size
    fnew = np.empty(n_pairs, dtype=bool)
    fnew[:1] = True
    np.not_equal(key[1:], key[:-1], out=fnew[1:])
    fstart = np.flatnonzero(fnew)
    fkey = key[fstart].astype(np.int64, copy=False)
    del key
    df = _run_lengths(fstart, n_pairs, index)
    total = np.add.reduceat(count, fstart) if n_pairs else count
    g = group_of[doc]
    del doc
    if per_doc:
        f = np.cumsum(fnew, dtype=index)
        docs = np.ones(n_pairs, dtype=index)
    else:
        rnew = fnew.copy()
        rnew[1:] |= g[1:] != g[:-1]  # a new feature or a new group
        rstart = np.flatnonzero(rnew)
        del rnew
        f = np.cumsum(fnew[rstart], dtype=index)  # every feature start is a row start
        g = g[rstart]
        count = np.add.reduceat(count, rstart) if n_pairs else count
        docs = _run_lengths(rstart, n_pairs, index)
        del rstart
    del fnew
    f -= 1
    keep = (total >= min_count) & (df >= min_docs)
    if not keep.all():
        kept_f = keep[f]
        new_id = np.cumsum(keep, dtype=index)
        new_id -= 1
        f, g, count, docs = new_id[f[kept_f]], g[kept_f], count[kept_f], docs[kept_f]
        fkey, df, total = fkey[keep], df[keep], total[keep]
    return (f, g, count, docs), (fkey, df, total)


def group_counts(rows: NgramRows) -> np.ndarray:
    """Count of every feature in every group: an (n_groups, n_features) array."""
    out = np.zeros((rows.n_groups, rows.rank.size), dtype=np.int64)
    for _, f, g, count, _ in rows.blocks:
        out[g, f] = count  # one row per (group, feature)
    return out


# --------------------------------------------------------------------------- table order


def table_rows(rows: NgramRows) -> dict[str, np.ndarray]:
    """Every row in table order: its group, feature, count, docs, n and df.

    Table order is group code ascending, count descending, feature (alphabetical).
    The blocks of ``rows`` are used up. Each row travels as one integer (group, count
    rank, feature rank, documents): each block is put in order by a radix sort, and a
    stable sort of the integers (timsort: it finds the blocks' runs) then merges the
    blocks in place. Rows too wide for one integer are merged by feature first.
    """
    blocks, rows.blocks = rows.blocks, []
    counts = [b[3] for b in blocks]
    top = max((int(c.max()) for c in counts if c.size), default=0)
    seen = np.zeros(top + 1, dtype=bool)
    for c in counts:
        seen[c] = True
    values = np.flatnonzero(seen)[::-1]  # distinct counts, descending
    rank_of = np.zeros(top + 1, dtype=np.int32)
    rank_of[values] = np.arange(values.size, dtype=np.int32)
    n_ranks = max(values.size, 1)
    n_groups = rows.n_groups
    per_doc = n_groups == rows.n_docs  # a group is a document: docs are all 1
    cbits = (n_ranks - 1).bit_length()
    fbits = max(rows.rank.size - 1, 0).bit_length()
    gbits = max(n_groups - 1, 0).bit_length()
    dbits = 0 if per_doc else max((int(b[4].max()) for b in blocks if b[4].size), default=0)
    dbits = dbits.bit_length()
    if gbits + cbits + fbits + dbits > ORDER_BITS:
        # the blocks merged by feature first, then one stable sort by group and count
        f, g, count, docs = (np.concatenate([b[k] for b in blocks]) for k in range(1, 5))
        del blocks
        by_f = np.argsort(rows.rank[f], kind="stable")
        f, g, count, docs = f[by_f], g[by_f], count[by_f], docs[by_f]
        perm = _group_count_order(g, rank_of[count], n_groups, n_ranks)
        f = f[perm].astype(np.int64)
        return {
            "g": g[perm].astype(np.int64),
            "f": f,
            "count": count[perm].astype(np.int64),
            "docs": docs[perm].astype(np.int64),
            "n": rows.order_of(f),
            "df": rows.df[f].astype(np.int64),
        }
    sizes = [c.size for c in counts]
    del counts  # (each block's counts are freed with the block)
    key = np.empty(sum(sizes), dtype=np.int64)
    offset = 0
    for i in np.argsort(sizes)[::-1]:  # the largest block first: its arrays are freed soonest
        _, f, g, count, docs = blocks[i]
        blocks[i] = None
        crank = rank_of[count]
        del count
        perm = _group_count_order(g, crank, n_groups, n_ranks)
        part = g.astype(np.int64)
        del g
        part <<= cbits
        part |= crank
        del crank
        part <<= fbits
        part |= rows.rank[f]  # the rows of a block follow their features: no jumps
        del f
        if dbits:
            part <<= dbits
            part |= docs
        del docs
        np.take(part, perm, out=key[offset : offset + perm.size])
        offset += perm.size
        del part, perm
    del blocks
    if len(sizes) > 1:  # the blocks are each in order: a merge (the integers differ)
        key.sort(kind="stable")
    return _decode(key, rows, values, cbits, fbits, dbits)


def _decode(key, rows, values, cbits, fbits, dbits):
    """The columns of :func:`table_rows` from the sorted row integers (``key`` becomes ``g``).

    Decoded a chunk at a time into the columns, so that no temporary array is as long
    as the table: fresh memory is what the table costs most on large corpora.
    """
    m = key.size
    f = np.empty(m, dtype=rows.by_rank.dtype)
    count, n, df = (np.empty(m, dtype=np.int64) for _ in range(3))
    docs = np.empty(m, dtype=np.int64) if dbits else np.ones(m, dtype=np.int64)
    bounds = np.cumsum(rows.sizes)
    step = DECODE_ROWS
    for a in range(0, m, step):
        s = slice(a, min(a + step, m))
        k = key[s]  # (a view: shifted in place down to the group)
        if dbits:
            np.bitwise_and(k, (1 << dbits) - 1, out=docs[s])
            k >>= dbits
        np.take(rows.by_rank, k & ((1 << fbits) - 1), out=f[s])
        k >>= fbits
        np.take(values, k & ((1 << cbits) - 1), out=count[s])
        k >>= cbits
        n[s] = np.searchsorted(bounds, f[s], side="right")
        df[s] = rows.df[f[s]]
    n += rows.orders[0]
    return {"g": key, "f": f, "count": count, "docs": docs, "n": n, "df": df}


def _group_count_order(g, crank, n_groups, n_ranks):
    """Stable sort permutation by (group, count rank): a radix sort on 16-bit digits."""
    if n_groups == 1:
        return _radix_order([crank])
    if n_groups * n_ranks <= 1 << 16:  # one 16-bit digit
        digit = g.astype(np.uint16)
        digit *= n_ranks
        digit += crank.astype(np.uint16)
        return np.argsort(digit, kind="stable")
    return _radix_order([crank, g])


def _radix_order(keys: list[np.ndarray]) -> np.ndarray:
    """Stable sort permutation by several non-negative integer keys, least significant first."""
    perm = None
    for key in keys:
        top = int(key.max()) if key.size else 0
        shift = 0
        while top >> shift:
            digit = key if perm is None else key[perm]
            if shift:
                digit = digit >> shift
            digit = digit.astype(np.uint16)  # the low 16 bits
            step = np.argsort(digit, kind="stable")  # numpy: a radix sort on 16 bits
            del digit
            perm = step if perm is None else perm[step]
            shift += 16
    n = keys[0].size if keys else 0
    return np.arange(n, dtype=np.int64) if perm is None else perm


# --------------------------------------------------------------------------- strings

# Record widths (bytes) of the fixed-width spellings: a unit and its separator fit in
# one record, padded with NUL bytes.
WIDTHS = (8, 16, 32, 64)
# What one n-gram costs when its units are joined as Python strings (the fallback for
# units too wide for any record), in bytes of records that cost the same to copy and
# strip (measured: about 300 ns against 1 ns a byte).
_JOIN_COST = 256
_TABLE_BYTES = 1 << 26  # largest record table made (wider tables are not used)


def _records(units: np.ndarray) -> np.ndarray:
    """Each unit followed by a space (``1..V``) and by a newline (``V + 2..2V + 1``)."""
    listed = units.tolist()
    return np.asarray(
        [""] + [u + " " for u in listed] + [""] + [u + "\n" for u in listed], dtype=object
    )


class Spellings:
    """The units of :func:`strings` as fixed-width byte records, made once per vocabulary.

    The table for width ``w`` has ``2 (V + 1)`` records of ``w`` bytes: row ``r`` holds
    the UTF-8 bytes of the unit of rank ``r`` and a space, row ``V + 1 + r`` the unit
    and a newline (rank 0: no unit), NUL-padded. ``klass[r]`` is the index of the
    narrowest width that holds unit ``r`` and its separator, ``len(WIDTHS)`` when none
    does or when the unit contains a NUL or a newline (it is then joined as a string).
    Tables are made on first use (threads may share the object).
    """

    def __init__(self, units: np.ndarray):
        self.units = units
        encoded = [u.encode("utf-8", "surrogatepass") for u in units.tolist()]
        self.nbytes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        self.flat = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        klass = np.searchsorted(np.asarray(WIDTHS), self.nbytes + 1)
        odd = np.flatnonzero((self.flat == 0) | (self.flat == 10))
        if odd.size:
            klass[np.searchsorted(np.cumsum(self.nbytes), odd, side="right")] = len(WIDTHS)
        self.klass = np.concatenate([[0], klass]).astype(np.uint8)  # rank 0: no unit
        self._tables: dict = {}
        self._records = None
        self._lock = threading.Lock()

    def usable(self, k: int) -> bool:
        """Whether the table of width ``WIDTHS[k]`` is small enough to be made."""
        return 2 * (self.units.size + 1) * WIDTHS[k] <= _TABLE_BYTES

    def table(self, k: int) -> np.ndarray:
        """The record table of width ``WIDTHS[k]`` (see the class docstring)."""
        with self._lock:
            if k not in self._tables:
                self._tables[k] = self._make_table(WIDTHS[k])
            return self._tables[k]

    def records(self) -> np.ndarray:
        """:func:`_records` of the units (for the n-grams joined as strings)."""
        with self._lock:
            if self._records is None:
                self._records = _records(self.units)
            return self._records

    def _make_table(self, width: int) -> np.ndarray:
        v = self.units.size
        table = np.zeros((2 * (v + 1), width), dtype=np.uint8)
        fit = np.flatnonzero(self.nbytes < width)  # (units of other widths: rows unused)
        size = self.nbytes[fit]
        start = (np.cumsum(self.nbytes) - self.nbytes)[fit]
        total = int(size.sum())
        row = np.repeat(fit + 1, size)
        col = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(size) - size, size)
        table[row, col] = self.flat[np.repeat(start, size) + col]
        table[fit + 1, size] = ord(" ")
        table[v + 1 :] = table[: v + 1]
        table[fit + v + 2, size] = ord("\n")
        table[v + 1, 0] = ord("\n")
        return table


def strings(
    keys: np.ndarray, n: int, bits: int, units: np.ndarray, spellings=None, out=None
) -> np.ndarray:
    """The strings of n-grams of order ``n`` from their keys (units joined by spaces).

    The n-grams of a chunk are written one per line into a byte buffer, each unit as a
    fixed-width record (:class:`Spellings`) of one width for the whole chunk, chosen
    by a cost estimate from the widths its n-grams need. The padding is deleted,
    the buffer decoded and split at the newlines, so every string is made in C by
    ``str.split``. N-grams with a unit wider than the chunk's records are joined from
    Python strings instead. ``spellings`` are the :class:`Spellings` of ``units``,
    when already made; ``out`` an object array to fill.
    """
    out = np.empty(keys.size, dtype=object) if out is None else out
    if n == 1:
        out[:] = units[keys - 1]
        return out
    spell = Spellings(units) if spellings is None else spellings
    mask = (1 << bits) - 1
    v = units.size
    usable = [k for k in range(len(WIDTHS)) if spell.usable(k)]
    step = 1 << 15  # short calls: the GIL is held only briefly at a time
    for a in range(0, keys.size, step):
        part = keys[a : a + step]
        m = part.size
        which = np.empty((m, n), dtype=np.intp)
        for j in range(n):
            np.bitwise_and(part >> ((n - 1 - j) * bits), mask, out=which[:, j])
        klass = spell.klass[which[:, 0]]
        for j in range(1, n):
            np.maximum(klass, spell.klass[which[:, j]], out=klass)
        fits = np.cumsum(np.bincount(klass, minlength=len(WIDTHS) + 1))
        cost = [int(fits[k]) * n * WIDTHS[k] + (m - int(fits[k])) * _JOIN_COST for k in usable]
        k = usable[int(np.argmin(cost))] if usable else None
        joined = np.arange(m) if k is None else np.flatnonzero(klass > k)
        if joined.size < m:
            wide = which[joined]
            which[joined] = 0  # written as empty lines, then replaced
            which[:, -1] += v + 1  # the last unit's record ends the line
            width = WIDTHS[k]
            buf = bytearray(m * n * width)
            np.take(
                spell.table(k),
                which.ravel(),
                axis=0,
                out=np.frombuffer(buf, dtype=np.uint8).reshape(m * n, width),
                mode="clip",  # (never clipped: unbuffered output)
            )
            got = buf.translate(None, b"\0").decode("utf-8", "surrogatepass").split("\n")
            got.pop()
            out[a : a + m] = got
            del buf, got
        else:
            wide = which
        if joined.size:
            out[a + joined] = _joined(wide, spell.records(), v)
    return out


def _joined(which: np.ndarray, records: np.ndarray, v: int) -> list:
    """Strings of the n-grams of units ``which`` (ranks, one row each), joined in Python."""
    which = which.copy()
    which[:, -1] += v + 1  # the last unit's record ends the line
    got = "".join(records[which.ravel()].tolist()).split("\n")
    got.pop()
    if len(got) != len(which):  # a unit with a newline in it
        got = [" ".join(r[:-1] for r in records[w]) for w in which]
    return got


def str_column(values: np.ndarray):
    """An object array of ``str`` as the column pandas would make of it, without re-checking.

    pandas checks every element of an object column for its string dtype; the values
    here are known to be strings, so the checked array is built directly when pandas
    would store them as a plain (python-backed) ``StringArray``.
    """
    probe = pd.Series(np.array(["x"], dtype=object)).array
    if values.size and isinstance(probe, pd.arrays.StringArray):  # (empty: object dtype)
        return probe._from_backing_data(values)
    return values
