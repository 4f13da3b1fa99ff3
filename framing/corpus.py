"""Loading a corpus: text files, CSV, JSON Lines or a DataFrame, with visible cleaning.

A :class:`Corpus` holds one row per document in :attr:`Corpus.docs` (``doc_id``,
``text``, ``raw_text`` and any metadata columns). Nothing is dropped silently: every
problem with the input (undecodable bytes, empty documents, duplicate ids, metadata
rows without a file and files without a row, a missing text column) is named with its
file and row; by default loading stops with all of them listed, with
``on_error="skip"`` the bad documents are left out, a warning is issued and
:attr:`Corpus.skipped` records them. Cleaning is switchable and recorded line by line
in :attr:`Corpus.removed`.
"""

from __future__ import annotations

import json
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from framing._parallel import effective_n_jobs, map_chunks
from framing.text import Tokens, normalize_unicode, tokenize_corpus

__all__ = ["CLEANING_RULES", "Corpus", "as_corpus", "clean_text", "load_corpus"]

# --------------------------------------------------------------------------- cleaning

_PHOTO_CREDIT = (
    r"^.{0,1000}(?:\bPHOTO(?:S|GRAPH)? (?:BY|CREDIT:?) [A-Z][A-Z .'/-]{1,80}"
    r"|\((?:[Pp]hoto|Xinhua|AFP|Reuters|AP|CFP|VCG|IC|CNS)(?: [^()/]{0,40})?/"
    r"[^()]{1,60}\))$"
)

#: Line-level cleaning rules: name -> (regular expression on a stripped line, what it removes).
CLEANING_RULES: dict[str, tuple[str, str]] = {
    "caption": (
        # the caption keyword must follow the photo word directly: "Photos of the talks
        # were shared by millions" is article text, "Photo by ..."/"Photo: ..." is not
        r"(?i)^(?:\(?(?:file )?(?:photo|photos|image|picture|graphic|video)\s*"
        r"(?:by\b|/|:|credit|created\b|taken\b|shows?\b|courtesy\b).{0,200}"
        r"|image created by ai\.?|.{0,200}\((?:photo|image)\b[^)]{0,100}\)\s*)$",
        "photo and image captions ('PHOTO BY XINHUA REPORTER ...', 'Image created by AI')",
    ),
    "byline": (
        # a byline does not end with a full stop ("By contrast, X said." is article text);
        # a publication line gives a date ("Published in 2019, the paper..." is text)
        r"(?i)^(?:(?:written )?by[:\s]\s*[\w .,'-]{1,79}\w|(?:author|authors|reporter|editor)"
        r"(?::\s*[\w .,'-]{0,80})?|(?:published|updated|posted|last updated)(?: on)?:?\s+"
        r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).{0,80})$",
        "bylines and publication lines ('By: Jane Doe', 'Published: January 14, 2024')",
    ),
    "dateline": (
        r"(?i)^(?:date\s+\d{4}-\d{2}-\d{2}\b.{0,40}|\d{4}-\d{2}-\d{2}(?:[ T][\d:]+)?|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}"
        r"(?: at [\d:]+ ?[ap]\.?m\.?(?: [a-z]{2,4})?)?)$",
        "stand-alone dates and scraped date fields (' date 2024-01-14 en English')",
    ),
    "source_note": (
        r"(?i)^\(?(?:originally (?:appeared|published) in|source:|this article (?:first )?"
        r"appeared|\(?editor'?s? note).{0,200}$",
        "source notes ('(Originally appeared in Qiushi Journal, ...)')",
    ),
    "photo_credit": (
        # a paragraph that ends with an upper-case photo credit or an agency credit in
        # brackets is a caption, however long ("... the summit. PHOTO BY XINHUA REPORTER
        # REN CHAO", "Delegates at the forum. (Xinhua/Li Xueren)"); case-sensitive
        _PHOTO_CREDIT,
        "paragraphs ending in a photo credit ('... PHOTO BY XINHUA REPORTER REN CHAO')",
    ),
    "section_number": (
        r"^(?:[IVXLC]{1,6}|\d{1,2}|[IVXLC]{1,6}\.|\d{1,2}\.)$",
        "section numbers standing alone on a line ('I', 'II', '3.')",
    ),
    "repeated_line": (
        "",
        "a line identical to an earlier line of the same document (a repeated title or name)",
    ),
    "author_box": (
        r"(?i)^(?:about the author|author|authors)$",
        "an author box at the end: an 'author' line in the second half and everything after it",
    ),
}

CleanOption = bool | list[str] | tuple[str, ...]
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def _rule_names(clean: CleanOption) -> list[str]:
    if clean is True:
        return list(CLEANING_RULES)
    if clean is False or clean is None:
        return []
    names = [clean] if isinstance(clean, str) else list(clean)
    unknown = [n for n in names if n not in CLEANING_RULES]
    if unknown:
        raise ValueError(
            f"clean: unknown cleaning rule(s) {unknown}; choose from {list(CLEANING_RULES)}, "
            "or pass clean=True for all and clean=False for none"
        )
    return names


def clean_text(raw: str, *, clean: CleanOption = True) -> tuple[str, list[tuple[int, str, str]]]:
    """Normalise a document and remove non-article lines.

    Parameters
    ----------
    raw : str
        The document as read.
    clean : bool or list of str, default True
        ``True`` applies every rule in :data:`CLEANING_RULES`, ``False`` none (the
        text is still Unicode-normalised), a list applies the named rules.

    Returns
    -------
    text : str
        The cleaned text (removed lines are dropped; line breaks are kept).
    removed : list of (int, str, str)
        ``(line_no, line, rule)`` for each removed line, ``line_no`` counting from 1
        in the raw text.

    Examples
    --------
    >>> text, removed = clean_text("Image created by AI\\nXi met Lula.\\nII\\nThey agreed.")
    >>> text
    'Xi met Lula.\\nThey agreed.'
    >>> [(n, rule) for n, _, rule in removed]
    [(1, 'caption'), (3, 'section_number')]
    """
    rules = _rule_names(clean)
    lines = normalize_unicode(raw).split("\n")
    regexes = {n: re.compile(CLEANING_RULES[n][0]) for n in rules if CLEANING_RULES[n][0]}
    kept: list[str] = []
    removed: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    n_lines = len(lines)
    i = 0
    while i < n_lines:
        line = lines[i]
        stripped = line.strip()
        rule = None
        if stripped:
            if (
                "author_box" in regexes
                and i >= n_lines / 2
                and regexes["author_box"].match(stripped)
            ):
                removed.extend(
                    (j + 1, lines[j], "author_box") for j in range(i, n_lines) if lines[j].strip()
                )
                break
            for name, rx in regexes.items():
                if (
                    rx.pattern is _PHOTO_CREDIT
                    and "PHOTO" not in stripped
                    and not stripped.endswith(")")
                ):
                    # both alternatives need one of these; the regular expression would
                    # try every position of a long paragraph to find out
                    continue
                if name != "author_box" and rx.match(stripped):
                    rule = name
                    break
            if rule is None and "repeated_line" in rules and stripped in seen:
                rule = "repeated_line"
            seen.add(stripped)
        if rule is None:
            kept.append(line)
        else:
            removed.append((i + 1, line, rule))
        i += 1
    text = "\n".join(kept)
    if "\n\n\n" in text:  # a substring search is far cheaper than the expression's scan
        text = _BLANK_LINES_RE.sub("\n\n", text)
    text = text.strip("\n")
    return text, removed


# --------------------------------------------------------------------------- corpus


@dataclass(eq=False)
class Corpus:
    """A collection of documents with metadata.

    Attributes
    ----------
    docs : DataFrame
        One row per document: ``doc_id``, ``text`` (cleaned and normalised; all
        character offsets refer to it), ``raw_text`` (as read), then metadata columns.
    removed : DataFrame
        Lines removed by cleaning: ``doc_id, line_no, line, rule``.
    skipped : DataFrame
        Inputs that were not loaded: ``source, row, reason``.
    source : str
        Where the corpus came from.
    n_jobs : int or None
        Worker processes used to tokenise it (see :func:`load_corpus`).
    """

    docs: pd.DataFrame
    removed: pd.DataFrame = field(default_factory=lambda: _empty_removed())
    skipped: pd.DataFrame = field(default_factory=lambda: _empty_skipped())
    source: str = "<DataFrame>"
    n_jobs: int | None = None
    _tokens: Tokens | None = field(default=None, repr=False)

    def __post_init__(self):
        if "doc_id" not in self.docs.columns or "text" not in self.docs.columns:
            raise ValueError("docs must have 'doc_id' and 'text' columns")

    def __len__(self) -> int:
        return len(self.docs)

    def __repr__(self) -> str:
        meta = [c for c in self.metadata_columns]
        return (
            f"Corpus({len(self)} documents from {self.source!r}; metadata: {meta}; "
            f"{len(self.removed)} lines removed by cleaning; {len(self.skipped)} inputs skipped)"
        )

    @property
    def doc_ids(self) -> list[str]:
        return self.docs["doc_id"].tolist()

    @property
    def metadata_columns(self) -> list[str]:
        return [c for c in self.docs.columns if c not in ("doc_id", "text", "raw_text")]

    @property
    def tokens(self) -> Tokens:
        """Integer-coded tokens of all documents (computed once, then cached)."""
        if self._tokens is None:
            self._tokens = tokenize_corpus(self.docs, n_jobs=self.n_jobs)
        return self._tokens

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``doc_id, sentence_id, start, end, sentence``."""
        return self.tokens.sentences

    def groups(self, by: str | None = None) -> pd.Series:
        """Group label of each document.

        Parameters
        ----------
        by : str or None, default None
            A metadata column (``outlet``, ``source_type``, ``date``...). ``None``
            makes every document its own group (labelled by ``doc_id``).

        Returns
        -------
        Series
            Group labels as strings, indexed by ``doc_id``; missing values become
            ``"(missing)"`` so that no document silently leaves the analysis.
        """
        if by is None or by == "doc_id":
            labels = self.docs["doc_id"]
        elif by not in self.docs.columns or by in ("text", "raw_text"):
            raise ValueError(
                f"by: no metadata column {by!r}; available columns: {self.metadata_columns}"
            )
        else:
            labels = self.docs[by]
        labels = labels.astype(object).where(labels.notna(), "(missing)").map(str)
        labels = labels.where(labels.str.strip() != "", "(missing)")
        return pd.Series(labels.to_numpy(object), index=self.docs["doc_id"].to_numpy(), name=by)

    def summary(self) -> pd.DataFrame:
        """Per-document sizes.

        Columns: ``doc_id, n_chars, n_sentences, n_tokens, n_types, lines_removed``.
        """
        toks = self.tokens
        n_sent = toks.sentences.groupby("doc_id", sort=False).size()
        rows = []
        for i, doc_id in enumerate(self.doc_ids):
            ids = toks.ids[toks.doc_ptr[i] : toks.doc_ptr[i + 1]]
            rows.append(
                {
                    "doc_id": doc_id,
                    "n_chars": len(self.docs["text"].iloc[i]),
                    "n_sentences": int(n_sent.get(doc_id, 0)),
                    "n_tokens": int(ids.size),
                    "n_types": int(np.unique(ids).size),
                    "lines_removed": int((self.removed["doc_id"] == doc_id).sum()),
                }
            )
        return pd.DataFrame(rows)

    def report(self) -> str:
        """A one-paragraph account of what was loaded, cleaned and skipped."""
        lines = [f"Loaded {len(self)} documents from {self.source}."]
        if len(self.removed):
            by_rule = self.removed["rule"].value_counts().sort_index()
            lines.append(
                "Cleaning removed "
                + ", ".join(f"{n} {rule}" for rule, n in by_rule.items())
                + " line(s)."
            )
        if len(self.skipped):
            lines.append(f"Skipped {len(self.skipped)} input(s):")
            lines += [
                f"  - {r.source} (row {r.row}): {r.reason}" for r in self.skipped.itertuples()
            ]
        else:
            lines.append("Nothing was skipped.")
        return "\n".join(lines)

    @classmethod
    def from_frame(cls, df: pd.DataFrame, **kwargs) -> Corpus:
        """Build a corpus from a DataFrame; see :func:`load_corpus` for options."""
        return load_corpus(df, **kwargs)

    def subset(self, mask) -> Corpus:
        """A corpus of the documents where ``mask`` (boolean, per row of docs) is true."""
        docs = self.docs[np.asarray(mask, dtype=bool)].reset_index(drop=True)
        removed = self.removed[self.removed["doc_id"].isin(docs["doc_id"])].reset_index(drop=True)
        return Corpus(
            docs=docs,
            removed=removed,
            skipped=self.skipped,
            source=self.source,
            n_jobs=self.n_jobs,
        )


def _empty_removed() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.Series(dtype=object),
            "line_no": pd.Series(dtype=np.int64),
            "line": pd.Series(dtype=object),
            "rule": pd.Series(dtype=object),
        }
    )


def _empty_skipped() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": pd.Series(dtype=object),
            "row": pd.Series(dtype=object),
            "reason": pd.Series(dtype=object),
        }
    )


class CorpusError(ValueError):
    """Raised when a corpus cannot be loaded; the message lists every problem."""


@dataclass
class _Problems:
    items: list[tuple[str, str, str]] = field(default_factory=list)  # source, row, reason

    def add(self, source, row, reason):
        self.items.append((str(source), "" if row is None else str(row), reason))


def load_corpus(
    source,
    *,
    text_column: str = "text",
    id_column: str | None = "doc_id",
    metadata: str | Path | pd.DataFrame | None | Literal["auto"] = "auto",
    clean: CleanOption = True,
    encoding: str = "utf-8",
    on_error: Literal["raise", "skip"] = "raise",
    glob: str = "*.txt",
    n_jobs: int | None = None,
) -> Corpus:
    """Load a corpus from a folder of text files, a CSV, a JSON Lines file or a DataFrame.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt`` files (one document each; ``doc_id`` is the file name
        without extension), a ``.csv`` or ``.jsonl`` file (one document per row), or
        a DataFrame.
    text_column : str, default 'text'
        Column holding the text (CSV, JSON Lines, DataFrame).
    id_column : str or None, default 'doc_id'
        Column holding document ids; if it is absent (or None), ids are made from the
        row number (``row00001``...).
    metadata : 'auto', path, DataFrame or None, default 'auto'
        For folders: a table joined on its ``file`` column (file names). ``'auto'``
        reads ``metadata.csv`` in the folder when it exists.
    clean : bool or list of str, default True
        Cleaning rules to apply (see :data:`CLEANING_RULES`); the text is always
        Unicode-normalised. Removed lines are listed in ``Corpus.removed``.
    encoding : str, default 'utf-8'
        Encoding of text files.
    on_error : {'raise', 'skip'}, default 'raise'
        ``'raise'`` stops with a :class:`CorpusError` listing every problem;
        ``'skip'`` leaves bad inputs out, warns, and records them in ``Corpus.skipped``.
    glob : str, default '*.txt'
        Which files of a folder are documents.
    n_jobs : int or None, default None
        Worker processes for cleaning now and tokenising later (scikit-learn's
        convention: ``None`` or 1 for none, -1 for every CPU). Each takes a contiguous
        run of documents, so the corpus is the same whatever the number; corpora under
        about two million characters are always processed in this process. Outside
        Linux workers are spawned, so a script needs the usual
        ``if __name__ == "__main__":`` guard.

    Returns
    -------
    Corpus

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist.
    CorpusError
        If ``on_error='raise'`` and any input is bad; the message names each file/row.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Peace and development.", "War."],
    ...                    "outlet": ["X", "Y"]})
    >>> corpus = load_corpus(df)
    >>> corpus.docs[["doc_id", "text", "outlet"]].values.tolist()
    [['a', 'Peace and development.', 'X'], ['b', 'War.', 'Y']]
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    rules = _rule_names(clean)
    problems = _Problems()
    if isinstance(source, pd.DataFrame):
        frame, origin = _from_table(source.copy(), "<DataFrame>", text_column, id_column, problems)
    else:
        path = Path(source)
        origin = str(path)
        if not path.exists():
            raise FileNotFoundError(f"corpus source {str(path)!r} does not exist")
        if path.is_dir():
            frame = _from_folder(path, glob, metadata, encoding, problems)
        elif path.suffix.lower() == ".csv":
            frame = _from_table(
                _read_csv(path, encoding), str(path), text_column, id_column, problems
            )[0]
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            frame = _from_table(
                _read_jsonl(path, encoding, problems), str(path), text_column, id_column, problems
            )[0]
        else:
            raise ValueError(
                f"source: cannot read {str(path)!r}; give a folder of .txt files, a .csv or a "
                ".jsonl file, or a pandas DataFrame"
            )
    if problems.items and on_error == "raise":
        listing = "\n".join(
            f"  - {s}{f' (row {r})' if r else ''}: {why}" for s, r, why in problems.items
        )
        raise CorpusError(
            f"cannot load corpus {origin!r}: {len(problems.items)} problem(s):\n{listing}\n"
            "Fix the input, or pass on_error='skip' to load the rest and list these in "
            "Corpus.skipped."
        )
    skipped = pd.DataFrame(problems.items, columns=["source", "row", "reason"]).astype(object)
    if len(skipped):
        warnings.warn(
            f"{len(skipped)} input(s) skipped while loading {origin!r}; see Corpus.skipped",
            UserWarning,
            stacklevel=2,
        )
    effective_n_jobs(n_jobs)  # a bad value fails here, not at the first use of tokens
    cleaned = [
        done
        for part in map_chunks(_clean_texts, frame["raw_text"].tolist(), n_jobs=n_jobs, rules=rules)
        for done in part
    ]
    texts, removed_rows = [], []
    for doc_id, (text, removed) in zip(frame["doc_id"], cleaned, strict=True):
        texts.append(text)
        removed_rows += [(doc_id, n, line, rule) for n, line, rule in removed]
    frame.insert(1, "text", pd.Series(texts, index=frame.index, dtype=object))
    removed = pd.DataFrame(removed_rows, columns=["doc_id", "line_no", "line", "rule"])
    removed = removed.astype({"doc_id": object, "line": object, "rule": object})
    removed["line_no"] = removed["line_no"].astype(np.int64)
    cols = ["doc_id", "text", "raw_text"] + [
        c for c in frame.columns if c not in ("doc_id", "text", "raw_text")
    ]
    frame = frame[cols].reset_index(drop=True)
    return Corpus(docs=frame, removed=removed, skipped=skipped, source=origin, n_jobs=n_jobs)


def _clean_texts(raws: list[str], *, rules: list[str]) -> list[tuple[str, list]]:
    """:func:`clean_text` of each document (one chunk of a corpus)."""
    return [clean_text(raw, clean=rules) for raw in raws]


@contextmanager
def _csv_errors(path: Path, encoding: str):
    """Turn pandas' errors while reading a CSV file into CorpusError naming the file."""
    try:
        yield
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path}: not valid {encoding} text ({err.reason} at byte {err.start}); "
            "re-save it as UTF-8 or pass encoding="
        ) from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; nothing to load") from None
    except pd.errors.ParserError as err:
        raise CorpusError(f"{path}: cannot parse CSV: {err}") from None


def _read_csv(path: Path, encoding: str) -> pd.DataFrame:
    with _csv_errors(path, encoding):
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    lines = _csv_record_lines(path, encoding)
    if len(lines) == len(df):
        df["__row__"] = lines
    return df


def _csv_record_lines(path: Path, encoding: str) -> list[int]:
    """Line number (from 1) on which each data record of a CSV file starts.

    Blank lines (which pandas skips) and quoted fields spanning several lines are
    accounted for, so a reported row is the line to look at in an editor.
    """
    import csv

    starts = []
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        prev = 0
        for record in reader:
            if record:
                starts.append(prev + 1)
            prev = reader.line_num
    return starts[1:]  # the first record is the header


def _read_jsonl(path: Path, encoding: str, problems: _Problems) -> pd.DataFrame:
    rows = []
    try:
        lines = path.read_text(encoding=encoding).splitlines()
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path}: not valid {encoding} text ({err.reason} at byte {err.start})"
        ) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.add(path, n, f"line {n} is not valid JSON ({err.msg})")
            continue
        if not isinstance(obj, dict):
            problems.add(path, n, f"line {n} is not a JSON object")
            continue
        obj["__row__"] = n
        rows.append(obj)
    return pd.DataFrame(rows)


def _from_table(df, origin, text_column, id_column, problems):
    if text_column not in df.columns:
        raise CorpusError(
            f"{origin}: no text column {text_column!r}; columns are "
            f"{[c for c in df.columns if c != '__row__']}. "
            "Pass text_column= to name the column that holds the text."
        )
    rows = (
        df.pop("__row__")
        if "__row__" in df.columns
        else pd.Series(np.arange(len(df)) + (2 if origin.endswith(".csv") else 1), index=df.index)
    )
    if id_column and id_column in df.columns:
        ids = df[id_column].astype(object).map(lambda v: "" if pd.isna(v) else str(v).strip())
    else:
        width = max(5, len(str(len(df))))
        ids = pd.Series([f"row{i + 1:0{width}d}" for i in range(len(df))], index=df.index)
    keep = np.ones(len(df), dtype=bool)
    text = df[text_column]
    for k, (doc_id, value, row) in enumerate(zip(ids, text, rows, strict=True)):
        if doc_id == "":
            problems.add(origin, row, f"empty {id_column!r}")
            keep[k] = False
        elif not isinstance(value, str) or not value.strip():
            problems.add(origin, row, f"document {doc_id!r} has an empty text")
            keep[k] = False
    dup = ids.duplicated(keep=False) & keep
    for doc_id, row in zip(ids[dup], rows[dup], strict=True):
        problems.add(origin, row, f"duplicate doc_id {doc_id!r}")
    keep &= ~ids.duplicated(keep=False).to_numpy()
    out = df.drop(columns=[c for c in (text_column, id_column) if c and c in df.columns])
    # a metadata column with a reserved name (a 'doc_id' column when id_column names
    # another one, a 'text' column beside text_column) is kept as original_<name>
    reserved = [c for c in ("doc_id", "text", "raw_text") if c in out.columns]
    out = out.rename(columns={c: f"original_{c}" for c in reserved})
    out.insert(0, "doc_id", ids)
    out.insert(1, "raw_text", text.astype(object))
    return out[keep].reset_index(drop=True), origin


def _folder_files(path: Path, glob: str, metadata) -> tuple[list[Path], pd.DataFrame | None, str]:
    """The files of a folder, and its metadata table (None if there is none) and name."""
    files = sorted(p for p in path.glob(glob) if p.is_file())
    meta, meta_name = None, ""
    if isinstance(metadata, pd.DataFrame):
        meta, meta_name = metadata.copy(), "<metadata DataFrame>"
    elif metadata == "auto":
        if (path / "metadata.csv").exists():
            meta_name = str(path / "metadata.csv")
            meta = _read_csv(path / "metadata.csv", "utf-8")
    elif metadata is not None:
        meta_name = str(metadata)
        meta = _read_csv(Path(metadata), "utf-8")
    if not files:
        raise CorpusError(f"{path}: no files match {glob!r}; nothing to load")
    return files, meta, meta_name


def _read_document(p: Path, encoding: str, problems: _Problems) -> str | None:
    """A document file's text, or None (the problem recorded) if it is unreadable or empty."""
    try:
        raw = p.read_bytes().decode(encoding)
    except UnicodeDecodeError as err:
        problems.add(
            p,
            None,
            f"not valid {encoding} text ({err.reason} at byte {err.start}); re-save it as "
            "UTF-8 or pass encoding=",
        )
        return None
    if not raw.strip():
        problems.add(p, None, "the file is empty")
        return None
    return raw


def _check_metadata(meta, meta_name: str, names: set, problems: _Problems):
    """Metadata rows against the folder's file names: a 'file' column is required; rows
    for the same file twice and rows for no file are problems. Returns the table (with
    ``__row__``, the row's line) and the mask of duplicated rows."""
    if "file" not in meta.columns:
        raise CorpusError(
            f"{meta_name}: no 'file' column to join on; columns are "
            f"{[c for c in meta.columns if c != '__row__']}"
        )
    meta = meta.copy()
    if "__row__" not in meta.columns:  # a DataFrame; files get line numbers in _read_csv
        meta["__row__"] = np.arange(len(meta)) + 2
    dup = meta["file"].duplicated(keep=False)
    for f, row in zip(meta.loc[dup, "file"], meta.loc[dup, "__row__"], strict=True):
        problems.add(meta_name, row, f"file {f!r} has more than one metadata row")
    for f, row in zip(meta["file"], meta["__row__"], strict=True):
        if f not in names:
            problems.add(meta_name, row, f"metadata row for {f!r}, but there is no such file")
    return meta, dup


def _from_folder(path: Path, glob: str, metadata, encoding: str, problems: _Problems):
    files, meta, meta_name = _folder_files(path, glob, metadata)
    rows = []
    for p in files:
        raw = _read_document(p, encoding, problems)
        if raw is not None:
            rows.append({"doc_id": p.stem, "file": p.name, "raw_text": raw})
    frame = pd.DataFrame(rows, columns=["doc_id", "file", "raw_text"]).astype(object)
    if meta is None:
        return frame
    meta, dup = _check_metadata(meta, meta_name, {p.name for p in files}, problems)
    missing = sorted(set(frame["file"]) - set(meta["file"]))
    for f in missing:
        problems.add(path / f, None, f"no row in {Path(meta_name).name} for this file")
    # a file with two metadata rows is a problem document: it is not loaded with guessed
    # (or empty) metadata
    unusable = set(missing) | set(meta.loc[dup, "file"])
    meta = meta[~dup & meta["file"].isin(frame["file"])]
    row_of = meta.set_index("file")["__row__"]
    meta = meta.drop(columns="__row__")
    if "doc_id" in meta.columns:
        ids = meta.set_index("file")["doc_id"]
        meta = meta.drop(columns="doc_id")
    else:
        ids = None
    merged = frame.merge(meta, on="file", how="left", validate="one_to_one")
    merged = merged[~merged["file"].isin(unusable)]
    if ids is not None:
        new = merged["file"].map(ids).fillna(merged["doc_id"]).astype(str)
        new = new.where(new.str.strip() != "", merged["doc_id"])
        dup_ids = new.duplicated(keep=False)
        for f, d in zip(merged.loc[dup_ids, "file"], new[dup_ids], strict=True):
            problems.add(meta_name, row_of.get(f), f"duplicate doc_id {d!r} (file {f!r})")
        merged = merged.assign(doc_id=new)[~dup_ids.to_numpy()]
    return merged.reset_index(drop=True)


def as_corpus(corpus, *, name: str = "corpus") -> Corpus:
    """Accept a :class:`Corpus`, or a DataFrame of documents loaded with :func:`load_corpus`.

    Analysis functions call this on their first argument, so a DataFrame with
    ``doc_id`` and ``text`` columns is treated exactly like ``load_corpus(df)``:
    normalised and cleaned (character offsets then refer to ``corpus.docs.text``).

    Raises
    ------
    TypeError
        For a string (a path or a single text) or any other type; the message says
        what to pass instead.
    """
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, pd.DataFrame):
        return load_corpus(corpus)
    if isinstance(corpus, str):
        raise TypeError(
            f"{name} must be a Corpus or a DataFrame of documents, not a str; load a folder or "
            "file first with framing.load_corpus(path), or try a single text with "
            "framing.match_text"
        )
    raise TypeError(f"{name} must be a Corpus or a DataFrame, got {type(corpus).__name__}")
