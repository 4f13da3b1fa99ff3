"""Framing codebooks: loading, validation and import of dictionaries.

A codebook is a YAML file of categories, each with an ``id``, a ``label``, a
``description`` (what counts and what does not), ``terms`` (words and phrases, ``*`` at
the end of a word as a prefix wildcard), optional ``patterns`` in the token pattern
language of :mod:`framing.patterns`, optional ``exclude`` patterns (a hit that overlaps
an exclude match is dropped) and ``examples`` (positive and negative sentences). The
format is documented at the top of the shipped ``framing/data/codebook.yaml``.

Files are parsed with PyYAML's safe loader only, so tags such as ``!!python/object`` are
rejected rather than executed. Every validation error names the file and the line.
Dictionaries in the quanteda YAML format (``key: [terms]``, nested) and LIWC ``.dic``
files can be imported with :func:`read_dictionary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from framing._yaml import (
    Where,
    check_pattern,
    compose,
    entries,
    entry_name,
    examples,
    extended,
    identifier,
    line_of,
    mapping,
    patterns,
    read_default,
    read_text,
    string,
    strings,
    unique,
    unique_ids,
    version,
)

__all__ = ["Category", "Codebook", "load_codebook", "read_dictionary"]

DEFAULT_FILE = "codebook.yaml"
_TOP_REQUIRED = ("name", "version", "categories")
_TOP_KEYS = (*_TOP_REQUIRED, "description")
_CAT_REQUIRED = ("id", "label", "description", "terms")
_CAT_KEYS = (*_CAT_REQUIRED, "patterns", "exclude", "examples")
_TERM_FORBIDDEN = set("()|?~<>")


@dataclass(frozen=True)
class Category:
    """One framing category of a :class:`Codebook`.

    Attributes
    ----------
    id, label, description : str
    terms, patterns, exclude : tuple of str
        Terms (words/phrases with ``*`` wildcards), token patterns and exclude patterns.
    positive, negative : tuple of str
        Example sentences that are, and are not, coded for the category.
    line : int
        Line of the category in its source file (0 when built in memory).
    """

    id: str
    label: str
    description: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    line: int = 0

    @property
    def match_patterns(self) -> tuple[str, ...]:
        """Terms and patterns together: everything that makes a hit."""
        return self.terms + self.patterns


@dataclass(frozen=True)
class Codebook:
    """A validated set of framing categories.

    Attributes
    ----------
    name, version, description : str
    categories : tuple of Category
        In file order; category ids are unique.
    source : str
        Where the codebook came from (a path, or ``'<default>'``).

    Examples
    --------
    >>> cb = load_codebook()
    >>> cb.ids[:3]
    ['global_south', 'shared_future', 'multipolarity']
    >>> cb["win_win"].label
    'Win-win and mutual benefit'
    """

    name: str
    version: str
    description: str
    categories: tuple[Category, ...]
    source: str = field(default="", compare=False)

    @property
    def ids(self) -> list[str]:
        """Category ids in codebook order."""
        return [c.id for c in self.categories]

    def __len__(self) -> int:
        return len(self.categories)

    def __iter__(self):
        return iter(self.categories)

    def __getitem__(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(f"no category {category_id!r} in codebook {self.name!r}; ids: {self.ids}")

    def to_frame(self) -> pd.DataFrame:
        """One row per category: ``id, label, description, n_terms, n_patterns, n_exclude,
        terms`` (terms joined with ``'; '``), for documentation tables."""
        return pd.DataFrame(
            {
                "id": [c.id for c in self],
                "label": [c.label for c in self],
                "description": [c.description for c in self],
                "n_terms": [len(c.terms) for c in self],
                "n_patterns": [len(c.patterns) for c in self],
                "n_exclude": [len(c.exclude) for c in self],
                "terms": ["; ".join(c.terms) for c in self],
            }
        )


# --------------------------------------------------------------------------- YAML parsing


def _check_term(term: str, node, where: Where, what: str) -> None:
    bad = sorted(set(term) & _TERM_FORBIDDEN)
    if bad:
        raise where.error(
            node,
            f"{what} {term!r}: terms are plain words and phrases with an optional '*' at the "
            f"end of a word; {''.join(bad)!r} belongs in 'patterns'",
        )
    for word in term.split():
        if word == "_":
            raise where.error(node, f"{what} {term!r}: '_' (any token) belongs in 'patterns'")
        if "*" in word.rstrip("*") or word.count("*") > 1 or word == "*":
            raise where.error(
                node,
                f"{what} {term!r}: bad wildcard in {word!r}; '*' may only end a word that has "
                "at least one letter ('multipolar*')",
            )
    check_pattern(term, node, where, what)


def _category(node, where: Where, index: int) -> Category:
    what = entry_name(node, "category", index)
    keys = mapping(node, where, what, required=_CAT_REQUIRED, allowed=_CAT_KEYS)
    cid = identifier(keys["id"][1], where, f"{what}: id", why="it becomes a column name")
    label = string(keys["label"][1], where, f"{what}: label")
    description = string(keys["description"][1], where, f"{what}: description")
    terms = strings(keys["terms"][1], where, f"{what}: terms")
    for t, n in terms:
        _check_term(t, n, where, f"{what}: term")
    pats, exclude = (
        patterns(keys[key][1], where, f"{what}: {key}") if key in keys else []
        for key in ("patterns", "exclude")
    )
    if not terms and not pats:
        raise where.error(node, f"{what}: no terms and no patterns; give at least one term")
    positive, negative = examples(keys, where, what)
    return Category(
        id=cid,
        label=label,
        description=description,
        terms=unique(terms, where, f"{what}: term"),
        patterns=unique(pats, where, f"{what}: pattern"),
        exclude=unique(exclude, where, f"{what}: exclude pattern"),
        positive=positive,
        negative=negative,
        line=line_of(node),
    )


def _parse_codebook(text: str, source: str) -> Codebook:
    where = Where(source)
    root = compose(text, where, needs="a codebook needs name, version and categories")
    keys = mapping(root, where, "codebook", required=_TOP_REQUIRED, allowed=_TOP_KEYS)
    name = string(keys["name"][1], where, "name")
    ver = version(keys["version"][1], where)
    description = (
        string(keys["description"][1], where, "description") if "description" in keys else ""
    )
    nodes = entries(keys["categories"][1], where, "categories", "categories")
    categories = [_category(n, where, i) for i, n in enumerate(nodes)]
    unique_ids(categories, where, "category")
    return Codebook(name, ver, description, tuple(categories), source)


@cache
def _default_codebook() -> Codebook:
    return _parse_codebook(*read_default(DEFAULT_FILE))


def load_codebook(path=None, *, extend: bool = False) -> Codebook:
    """Load and validate a codebook.

    Parameters
    ----------
    path : str, Path or None, default None
        A codebook YAML file; ``None`` loads the default codebook shipped in
        ``framing/data/codebook.yaml``.
    extend : bool, default False
        If True, the categories of ``path`` are added to the default codebook: a category
        whose id is already there replaces the default one, new ids are appended. If
        False, ``path`` replaces the default codebook.

    Returns
    -------
    Codebook

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not safe YAML or fails validation: a missing or unknown key, an
        id that is not a valid column name or is used twice, an empty list or entry, a
        term with a bad wildcard or pattern syntax, a pattern that does not parse, a
        duplicate term. The message names the file and the line.

    Examples
    --------
    >>> cb = load_codebook()
    >>> len(cb), cb.name
    (12, 'diplomatic-frames')
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
    >>> _ = bad.write_text("name: x\\nversion: 1.0.0\\ncategories:\\n  - id: a\\n"
    ...                    "    label: A\\n    description: d\\n    terms: ['multi*polar']\\n")
    >>> load_codebook(bad)
    Traceback (most recent call last):
    ...
    ValueError: .../bad.yaml, line 7: category 'a': term 'multi*polar': bad wildcard in ...
    """
    if path is None:
        if extend:
            raise ValueError("extend=True needs a path: the codebook file to add to the default")
        return _default_codebook()
    codebook = _parse_codebook(*read_text(path, "codebook"))
    if not extend:
        return codebook
    return extended(_default_codebook(), codebook, "categories")


def as_codebook(codebook) -> Codebook:
    """Return a Codebook from ``None`` (the default), a path or a Codebook."""
    if codebook is None:
        return load_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, str | Path):
        return load_codebook(codebook)
    raise TypeError(
        f"codebook must be None, a path to a codebook YAML file or a Codebook, "
        f"got {type(codebook).__name__}"
    )


# --------------------------------------------------------------------------- dictionaries


def _dict_id(parts: list[str]) -> str:
    cid = re.sub(r"[^0-9a-z]+", "_", "_".join(parts).lower()).strip("_")
    if cid and not cid[0].isalpha():
        cid = "c_" + cid
    return cid


def _term_from_dictionary(raw: str, where: Where, line: int, key: str) -> str:
    term = " ".join(str(raw).replace("_", " ").split())
    if not term:
        raise where.error(line, f"key {key!r}: empty term")
    if "?" in term:
        raise where.error(
            line,
            f"key {key!r}: term {term!r} uses the single-character wildcard '?', which is not "
            "supported; list the forms or use '*' at the end of the word",
        )
    if term.startswith("*"):
        raise where.error(
            line,
            f"key {key!r}: term {term!r} starts with '*'; only suffix wildcards "
            "('word*') are supported",
        )
    _check_term(term, line, where, f"key {key!r}: term")
    return term


def _yaml_dictionary(text: str, where: Where) -> list[tuple[str, list[str], int]]:
    root = compose(text, where, needs="a dictionary maps category names to lists of terms")
    out: list[tuple[str, list[str], int]] = []

    def walk(node, path: list[str]):
        if isinstance(node, yaml.MappingNode):
            for key, (knode, vnode) in mapping(node, where, "dictionary").items():
                if not key.strip():
                    raise where.error(knode, "dictionary keys must be non-empty names")
                walk(vnode, path + [str(key)])
        elif isinstance(node, yaml.SequenceNode | yaml.ScalarNode):
            if not path:
                raise where.error(node, "a dictionary must map category names to term lists")
            items = node.value if isinstance(node, yaml.SequenceNode) else [node]
            terms = []
            for item in items:
                if not isinstance(item, yaml.ScalarNode):
                    raise where.error(item, f"key {'.'.join(path)!r}: terms must be strings")
                terms.append(
                    _term_from_dictionary(item.value, where, line_of(item), ".".join(path))
                )
            out.append((".".join(path), terms, line_of(node)))

    walk(root, [])
    return out


def _liwc_dictionary(text: str, where: Where) -> list[tuple[str, list[str], int]]:
    lines = text.splitlines()
    marks = [i for i, ln in enumerate(lines) if ln.strip() == "%"]
    if len(marks) < 2:
        raise where.error(
            1, "a LIWC .dic file starts with a category block between two lines holding '%'"
        )
    names: dict[str, tuple[str, int]] = {}
    for i in range(marks[0] + 1, marks[1]):
        row = lines[i].strip()
        if not row:
            continue
        parts = row.split(None, 1)
        if len(parts) != 2 or not parts[0].isdigit():
            raise where.error(i + 1, f"category lines read 'NUMBER<tab>name', got {row!r}")
        if parts[0] in names:
            raise where.error(i + 1, f"category number {parts[0]} is defined twice")
        names[parts[0]] = (parts[1].strip(), i + 1)
    terms: dict[str, list[str]] = {num: [] for num in names}
    for i in range(marks[1] + 1, len(lines)):
        row = lines[i].strip()
        if not row:
            continue
        fields = row.split("\t") if "\t" in row else row.split()
        if "\t" in row:
            term, nums = fields[0], [f for f in (x.strip() for x in fields[1:]) for f in f.split()]
        else:
            k = len(fields)
            while k > 1 and fields[k - 1].isdigit():
                k -= 1
            term, nums = " ".join(fields[:k]), fields[k:]
        if not nums:
            raise where.error(i + 1, f"term {term!r} has no category number")
        for num in nums:
            if num not in names:
                raise where.error(
                    i + 1,
                    f"term {term!r}: category {num!r} is not defined in the header "
                    "(conditional LIWC entries are not supported)",
                )
            terms[num].append(_term_from_dictionary(term, where, i + 1, names[num][0]))
    return [(names[n][0], terms[n], names[n][1]) for n in names]


def read_dictionary(path, *, name: str | None = None) -> Codebook:
    """Import a quanteda/Lexicoder-style YAML dictionary or a LIWC ``.dic`` file.

    YAML dictionaries map category names to lists of terms, possibly nested
    (``economy: {positive: [...], negative: [...]}``); nested keys become ids joined with
    ``_`` (``economy_positive``). LIWC files have a header block between two ``%`` lines
    (``1<tab>posemo``) and then one term per line followed by its category numbers.
    Terms keep their ``*`` suffix wildcards; ``_`` between words means a space, as in
    quanteda. Category ids are lower-cased with other characters replaced by ``_``.

    Parameters
    ----------
    path : str or Path
        A ``.yml``/``.yaml`` or ``.dic`` file.
    name : str, optional
        Name of the resulting codebook; default the file stem.

    Returns
    -------
    Codebook
        With ``label`` the original key, a description naming the source, and no
        patterns, excludes or examples.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file cannot be read as a dictionary; the message names file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> dic = pathlib.Path(tempfile.mkdtemp()) / "toy.dic"
    >>> _ = dic.write_text("%\\n1\\tpeace\\n2\\tconflict\\n%\\n"
    ...                    "peace*\\t1\\nwar\\t2\\ntruce\\t1 2\\n")
    >>> cb = read_dictionary(dic)
    >>> [(c.id, c.terms) for c in cb]
    [('peace', ('peace*', 'truce')), ('conflict', ('war', 'truce'))]
    """
    text, source = read_text(path, "dictionary")
    p = Path(source)
    where = Where(source)
    suffix = p.suffix.lower()
    if suffix == ".dic":
        entries = _liwc_dictionary(text, where)
    elif suffix in (".yml", ".yaml"):
        entries = _yaml_dictionary(text, where)
    else:
        raise ValueError(
            f"{p}: unknown dictionary format {suffix!r}; use a .yml/.yaml (quanteda) or a "
            ".dic (LIWC) file"
        )
    cats: list[Category] = []
    seen: dict[str, int] = {}
    for key, terms, line in entries:
        cid = _dict_id(key.split("."))
        if not cid:
            raise where.error(line, f"key {key!r} gives an empty category id")
        if cid in seen:
            raise where.error(
                line, f"key {key!r} gives category id {cid!r}, already used at line {seen[cid]}"
            )
        seen[cid] = line
        if not terms:
            raise where.error(line, f"key {key!r} has no terms")
        unique = tuple(dict.fromkeys(terms))
        cats.append(
            Category(
                id=cid, label=key, description=f"imported from {p.name}", terms=unique, line=line
            )
        )
    if not cats:
        raise where.error(1, "no categories found")
    return Codebook(name or p.stem, "0.0.0", f"imported from {p}", tuple(cats), str(p))
