"""Reading a corpus in chunks: a folder of many files, a large CSV or JSON Lines file.

:func:`iter_corpus` yields :class:`~framing.corpus.Corpus` objects of ``chunk_size``
documents each, so that a corpus larger than memory can be analysed piece by piece
(:mod:`framing.stream` does the counting). Every chunk is exactly what
:func:`~framing.corpus.load_corpus` would hold for those documents: the same ids,
cleaning and metadata, checked with the same rules. What needs the whole corpus at once
is handled as follows:

- a ``doc_id`` that repeats a document of an *earlier* chunk is always an error (with
  ``on_error='skip'`` only the later copy would be dropped, not both as in memory);
- CSV rows are numbered as a spreadsheet does (header = row 1); JSON Lines by line;
- without an id column, ids are row numbers (``row00001``...); their width is that of
  the largest row number, as in memory, which costs one extra pass over a CSV or JSON
  Lines file;
- JSON values are taken as pandas reads each chunk: give metadata as strings (or in
  every row) so that a group is spelled the same in every chunk.

Chunks are read and checked by the calling process; cleaning, tokenisation and counting
happen where the chunk is analysed (a Dask worker, say), see :func:`chunk_corpus`.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from framing.corpus import (
    Corpus,
    CorpusError,
    _check_metadata,
    _csv_errors,
    _folder_files,
    _from_table,
    _Problems,
    _read_document,
    _rule_names,
    load_corpus,
)

__all__ = ["Chunk", "chunk_corpus", "iter_chunks", "iter_corpus"]


@dataclass
class Chunk:
    """Documents of one chunk, read and checked but not yet cleaned.

    Attributes
    ----------
    index : int
        Position of the chunk (0, 1, ...); results are combined in this order.
    frame : DataFrame
        ``doc_id``, ``raw_text`` and metadata columns, one row per document.
    origin : str
        The file or folder the chunk comes from.
    skipped : list of (str, str, str)
        ``(source, row, reason)`` of inputs left out of this chunk (``on_error='skip'``).
    """

    index: int
    frame: pd.DataFrame
    origin: str
    skipped: list = field(default_factory=list)


def _check_chunk_size(chunk_size) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int | np.integer):
        raise TypeError(f"chunk_size must be an int (documents per chunk), got {chunk_size!r}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1 document, got {chunk_size}")
    return int(chunk_size)


def _raise_problems(origin: str, items) -> None:
    listing = "\n".join(f"  - {s}{f' (row {r})' if r else ''}: {why}" for s, r, why in items)
    raise CorpusError(
        f"cannot load corpus {origin!r}: {len(items)} problem(s):\n{listing}\n"
        "Fix the input, or pass on_error='skip' to load the rest and list these in "
        "Corpus.skipped."
    )


def iter_chunks(
    source,
    *,
    chunk_size: int = 2000,
    text_column: str = "text",
    id_column: str | None = "doc_id",
    metadata: str | Path | pd.DataFrame | None | Literal["auto"] = "auto",
    encoding: str = "utf-8",
    on_error: Literal["raise", "skip"] = "raise",
    glob: str = "*.txt",
) -> Iterator[Chunk]:
    """Read a corpus source as a sequence of :class:`Chunk` objects (not yet cleaned).

    Parameters are those of :func:`iter_corpus` except ``clean``.
    """
    chunk_size = _check_chunk_size(chunk_size)
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    if isinstance(source, pd.DataFrame):
        tables, origin = _frame_tables(source, chunk_size, text_column, id_column), "<DataFrame>"
    else:
        path = Path(source)
        origin = str(path)
        if not path.exists():
            raise FileNotFoundError(f"corpus source {origin!r} does not exist")
        if path.is_dir():
            tables = _folder_tables(path, chunk_size, glob, metadata, encoding)
            text_column, id_column = "raw_text", "doc_id"
        elif path.suffix.lower() == ".csv":
            tables = _csv_tables(path, chunk_size, encoding, text_column, id_column)
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            tables = _jsonl_tables(path, chunk_size, encoding, text_column, id_column)
        else:
            raise ValueError(
                f"source: cannot read {origin!r}; give a folder of .txt files, a .csv or a "
                ".jsonl file, or a pandas DataFrame"
            )
    seen: set[str] = set()
    for index, (raw, problems) in enumerate(tables):
        if len(raw.columns):
            ids = id_column if id_column and id_column in raw.columns else _GENERATED_ID
            frame = _from_table(raw, origin, text_column, ids, problems)[0]
        else:  # a chunk of nothing but bad lines
            frame = pd.DataFrame({"doc_id": pd.Series(dtype=object)})
        if len(frame):
            again = frame["doc_id"].isin(seen).to_numpy()
            for doc_id in frame.loc[again, "doc_id"]:
                problems.add(
                    origin, None, f"duplicate doc_id {doc_id!r} (also in an earlier chunk)"
                )
            if again.any():
                frame = frame[~again].reset_index(drop=True)
            seen.update(frame["doc_id"])
        if problems.items and on_error == "raise":
            _raise_problems(origin, problems.items)
        yield Chunk(index=index, frame=frame, origin=origin, skipped=list(problems.items))


def chunk_corpus(chunk: Chunk, *, clean=True) -> Corpus:
    """Clean the documents of a chunk into a :class:`~framing.corpus.Corpus`."""
    if len(chunk.frame) == 0:
        empty = pd.DataFrame({"doc_id": pd.Series(dtype=object), "text": pd.Series(dtype=object)})
        return Corpus(docs=empty.assign(raw_text=pd.Series(dtype=object)), source=chunk.origin)
    corpus = load_corpus(chunk.frame, text_column="raw_text", id_column="doc_id", clean=clean)
    corpus.source = chunk.origin
    return corpus


def iter_corpus(
    source,
    *,
    chunk_size: int = 2000,
    text_column: str = "text",
    id_column: str | None = "doc_id",
    metadata: str | Path | pd.DataFrame | None | Literal["auto"] = "auto",
    clean=True,
    encoding: str = "utf-8",
    on_error: Literal["raise", "skip"] = "raise",
    glob: str = "*.txt",
) -> Iterator[Corpus]:
    """Read a corpus chunk by chunk, as :func:`~framing.corpus.load_corpus` would read it.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt`` files (with an optional ``metadata.csv``), a ``.csv`` or
        ``.jsonl`` file, or a DataFrame.
    chunk_size : int, default 2000
        Documents per chunk. Memory grows with it; 2,000 news articles are about a
        million tokens.
    text_column, id_column, metadata, clean, encoding, on_error, glob
        As in :func:`~framing.corpus.load_corpus`. With ``on_error='raise'`` the first
        chunk with a problem stops the iteration, naming every problem of that chunk.

    Yields
    ------
    Corpus
        One per chunk, in corpus order; ``Corpus.skipped`` lists what that chunk left out.

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist.
    CorpusError
        For bad input with ``on_error='raise'``, and for a ``doc_id`` repeated across chunks.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": list("abcde"), "text": ["Peace.", "War.", "Talks.",
    ...                    "Trade.", "Aid."]})
    >>> [c.doc_ids for c in iter_corpus(df, chunk_size=2)]
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    _rule_names(clean)  # check before reading anything
    for chunk in iter_chunks(
        source,
        chunk_size=chunk_size,
        text_column=text_column,
        id_column=id_column,
        metadata=metadata,
        encoding=encoding,
        on_error=on_error,
        glob=glob,
    ):
        corpus = chunk_corpus(chunk, clean=clean)
        corpus.skipped = pd.DataFrame(chunk.skipped, columns=["source", "row", "reason"]).astype(
            object
        )
        yield corpus


# --------------------------------------------------------------------------- readers
# Each reader yields (raw table, problems) pairs; raw tables carry a __row__ column with
# the row or line number that error messages give, as load_corpus's readers do.


_GENERATED_ID = "__doc_id__"  # row-number ids made for a source without an id column


def _row_ids(width_total: int, start: int, n: int) -> list[str]:
    width = max(5, len(str(width_total)))
    return [f"row{i:0{width}d}" for i in range(start + 1, start + n + 1)]


def _frame_tables(df: pd.DataFrame, chunk_size, text_column, id_column):
    df = df.copy()
    if not (id_column and id_column in df.columns):
        df[_GENERATED_ID] = _row_ids(len(df), 0, len(df))
    df["__row__"] = np.arange(1, len(df) + 1)
    for lo in range(0, max(len(df), 1), chunk_size):
        yield df.iloc[lo : lo + chunk_size].reset_index(drop=True), _Problems()


def _with_ids(df: pd.DataFrame, id_column, total, start) -> pd.DataFrame:
    if not (id_column and id_column in df.columns):
        df[_GENERATED_ID] = _row_ids(total, start, len(df))
    return df


def _csv_tables(path: Path, chunk_size, encoding, text_column, id_column):
    def reader():
        with _csv_errors(path, encoding):
            yield from pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding=encoding, chunksize=chunk_size
            )

    total = None
    line_numbers = _csv_record_starts(path, encoding)
    next(line_numbers, None)  # the header
    start = 0
    for df in reader():
        if not (id_column and id_column in df.columns) and total is None:
            total = sum(len(d) for d in reader())
        lines = list(itertools.islice(line_numbers, len(df)))
        df["__row__"] = lines if len(lines) == len(df) else np.arange(len(df)) + start + 2
        yield _with_ids(df, id_column, total or 0, start), _Problems()
        start += len(df)


def _csv_record_starts(path: Path, encoding: str) -> Iterator[int]:
    """Line number (from 1) on which each record of a CSV file starts (blank lines skipped)."""
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        prev = 0
        try:
            for record in reader:
                if record:
                    yield prev + 1
                prev = reader.line_num
        except (UnicodeDecodeError, csv.Error):
            return


def _jsonl_rows(path: Path, encoding: str):
    """(line number, object or error message) for each non-blank line."""
    try:
        with open(path, encoding=encoding) as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    yield n, f"line {n} is not valid JSON ({err.msg})"
                    continue
                yield n, obj if isinstance(obj, dict) else f"line {n} is not a JSON object"
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path}: not valid {encoding} text ({err.reason} at byte {err.start})"
        ) from None


def _jsonl_tables(path: Path, chunk_size, encoding, text_column, id_column):
    total = None
    start = 0
    rows = _jsonl_rows(path, encoding)
    while True:
        problems = _Problems()
        objs = []
        for n, obj in rows:
            if isinstance(obj, str):
                problems.add(path, n, obj)
                continue
            obj["__row__"] = n
            objs.append(obj)
            if len(objs) == chunk_size:
                break
        if not objs and not problems.items:
            return
        df = pd.DataFrame(objs)
        if not (id_column and id_column in df.columns) and total is None:
            total = sum(1 for _, o in _jsonl_rows(path, encoding) if not isinstance(o, str))
        yield (_with_ids(df, id_column, total or 0, start) if objs else df), problems
        start += len(df)
        if len(objs) < chunk_size:
            return


def _folder_tables(path: Path, chunk_size, glob, metadata, encoding):
    """Files in chunks, joined to the metadata table (checked once, as load_corpus does)."""
    files, meta, meta_name = _folder_files(path, glob, metadata)
    problems = _Problems()  # metadata problems go with the first chunk
    ids = None
    missing: set[str] = set()
    if meta is not None:
        names = {p.name for p in files}
        meta, dup = _check_metadata(meta, meta_name, names, problems)
        missing = names - set(meta["file"])
        meta = meta[~dup & meta["file"].isin(names)].drop(columns="__row__")
        if "doc_id" in meta.columns:
            ids = meta.set_index("file")["doc_id"]
            meta = meta.drop(columns="doc_id")
    for lo in range(0, len(files), chunk_size):
        rows = []
        for p in files[lo : lo + chunk_size]:
            raw = _read_document(p, encoding, problems)
            if raw is None:
                continue
            if p.name in missing:
                problems.add(p, None, f"no row in {Path(meta_name).name} for this file")
                continue
            rows.append({"doc_id": p.stem, "file": p.name, "raw_text": raw})
        frame = pd.DataFrame(rows, columns=["doc_id", "file", "raw_text"]).astype(object)
        if meta is not None:
            frame = frame.merge(meta, on="file", how="left", validate="one_to_one")
            if ids is not None:
                new = frame["file"].map(ids).fillna(frame["doc_id"]).astype(str)
                frame["doc_id"] = new.where(new.str.strip() != "", frame["doc_id"])
        yield frame.reset_index(drop=True), problems
        problems = _Problems()
