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
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from framing.patterns import compile_pattern

__all__ = ["Category", "Codebook", "load_codebook", "read_dictionary"]

DEFAULT_FILE = "codebook.yaml"
_TOP_REQUIRED = ("name", "version", "categories")
_TOP_KEYS = (*_TOP_REQUIRED, "description")
_CAT_REQUIRED = ("id", "label", "description", "terms")
_CAT_KEYS = (*_CAT_REQUIRED, "patterns", "exclude", "examples")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+$")
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


class _Where:
    """Formats "file, line N: message" errors."""

    def __init__(self, source: str):
        self.source = source

    def error(self, node_or_line, message: str) -> ValueError:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        return ValueError(f"{self.source}, line {line}: {message}")


def _line(node) -> int:
    return node.start_mark.line + 1


def _compose(text: str, where: _Where):
    """Parse YAML safely; return (data, node) from one pass of the safe loader."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        context = err.context or ""
        if err.context and err.context_mark is not None and err.context_mark.line + 1 != line:
            context += f" (started at line {err.context_mark.line + 1})"
        problem = " ".join(str(p) for p in (context, err.problem) if p)
        raise where.error(
            line, f"not valid (safe) YAML: {problem}; fix the syntax at this line"
        ) from None
    except yaml.YAMLError as err:
        raise ValueError(f"{where.source}: not valid YAML: {err}") from None
    finally:
        loader.dispose()
    return data, node


def _mapping(node, where: _Where, what: str) -> dict[str, tuple]:
    """Keys of a mapping node -> (key_node, value_node); duplicate keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise where.error(node, f"{what} must be a mapping of keys to values")
    out: dict[str, tuple] = {}
    for k, v in node.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else None
        if key in out:
            raise where.error(
                k, f"{what}: key {key!r} appears twice (first at line {_line(out[key][0])})"
            )
        out[key] = (k, v)
    return out


def _check_keys(keys: dict, node, where, what, required, allowed):
    for key, (knode, _) in keys.items():
        if key not in allowed:
            raise where.error(
                knode, f"{what}: unknown key {key!r}; allowed keys are {', '.join(allowed)}"
            )
    for key in required:
        if key not in keys:
            raise where.error(node, f"{what}: missing required key {key!r}")


def _string(node, where, what) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise where.error(node, f"{what} must be a text string")
    value = node.value.strip()
    if not value:
        raise where.error(node, f"{what} is empty")
    return value


def _strings(node, where, what, *, allow_empty=True) -> list[tuple[str, object]]:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        items = []
    elif not isinstance(node, yaml.SequenceNode):
        raise where.error(node, f"{what} must be a list (one '- item' per line)")
    else:
        items = node.value
    if not items and not allow_empty:
        raise where.error(node, f"{what} is empty; give at least one entry")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, yaml.ScalarNode) or item.tag not in (
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            raise where.error(item, f"{what}, entry {i + 1}: must be a string")
        value = " ".join(str(item.value).split())
        if not value:
            raise where.error(item, f"{what}, entry {i + 1}: empty string")
        out.append((value, item))
    return out


def _check_term(term: str, node, where, what) -> None:
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
    _check_pattern(term, node, where, what)


def _check_pattern(pattern: str, node, where, what) -> None:
    try:
        compile_pattern(pattern)
    except ValueError as err:
        raise where.error(node, f"{what}: {err}") from None


def _unique(items, where, what):
    seen: dict[str, object] = {}
    for value, node in items:
        key = value.lower()
        if key in seen:
            raise where.error(
                node, f"{what} {value!r} appears twice (first at line {_line(seen[key])})"
            )
        seen[key] = node
    return tuple(v for v, _ in items)


def _category(node, where: _Where, index: int) -> Category:
    what = f"category {index + 1}"
    keys = _mapping(node, where, what)
    if "id" in keys:
        what = f"category {_string(keys['id'][1], where, what + ': id')!r}"
    _check_keys(keys, node, where, what, _CAT_REQUIRED, _CAT_KEYS)
    cid = _string(keys["id"][1], where, f"{what}: id")
    if not _ID_RE.match(cid):
        raise where.error(
            keys["id"][1],
            f"{what}: id must be lower case letters, digits and underscores, starting with a "
            f"letter (it becomes a column name), got {cid!r}",
        )
    label = _string(keys["label"][1], where, f"{what}: label")
    description = _string(keys["description"][1], where, f"{what}: description")
    terms = _strings(keys["terms"][1], where, f"{what}: terms")
    for t, n in terms:
        _check_term(t, n, where, f"{what}: term")
    lists = {}
    for key in ("patterns", "exclude"):
        items = _strings(keys[key][1], where, f"{what}: {key}") if key in keys else []
        for p, n in items:
            _check_pattern(p, n, where, f"{what}: {key[:-1] if key == 'patterns' else key}")
        lists[key] = items
    if not terms and not lists["patterns"]:
        raise where.error(node, f"{what}: no terms and no patterns; give at least one term")
    positive: list = []
    negative: list = []
    if "examples" in keys:
        ex = _mapping(keys["examples"][1], where, f"{what}: examples")
        _check_keys(
            ex, keys["examples"][1], where, f"{what}: examples", (), ("positive", "negative")
        )
        positive = (
            _strings(ex["positive"][1], where, f"{what}: positive") if "positive" in ex else []
        )
        negative = (
            _strings(ex["negative"][1], where, f"{what}: negative") if "negative" in ex else []
        )
    return Category(
        id=cid,
        label=label,
        description=description,
        terms=_unique(terms, where, f"{what}: term"),
        patterns=_unique(lists["patterns"], where, f"{what}: pattern"),
        exclude=_unique(lists["exclude"], where, f"{what}: exclude pattern"),
        positive=tuple(v for v, _ in positive),
        negative=tuple(v for v, _ in negative),
        line=_line(node),
    )


def _parse_codebook(text: str, source: str) -> Codebook:
    where = _Where(source)
    _, root = _compose(text, where)
    if root is None:
        raise ValueError(
            f"{source}, line 1: the file is empty; a codebook needs name, version and categories"
        )
    keys = _mapping(root, where, "codebook")
    _check_keys(keys, root, where, "codebook", _TOP_REQUIRED, _TOP_KEYS)
    name = _string(keys["name"][1], where, "name")
    vnode = keys["version"][1]
    version = str(vnode.value).strip() if isinstance(vnode, yaml.ScalarNode) else ""
    if not _SEMVER_RE.match(version):
        raise where.error(
            vnode,
            f"version must be a semantic version 'MAJOR.MINOR.PATCH' (quote it), got {version!r}",
        )
    description = (
        _string(keys["description"][1], where, "description") if "description" in keys else ""
    )
    cnode = keys["categories"][1]
    if not isinstance(cnode, yaml.SequenceNode) or not cnode.value:
        raise where.error(cnode, "categories must be a non-empty list of categories")
    categories = [_category(n, where, i) for i, n in enumerate(cnode.value)]
    seen: dict[str, Category] = {}
    for c in categories:
        if c.id in seen:
            raise where.error(
                c.line, f"duplicate category id {c.id!r} (first defined at line {seen[c.id].line})"
            )
        seen[c.id] = c
    return Codebook(name, version, description, tuple(categories), source)


@cache
def _default_codebook() -> Codebook:
    res = resources.files("framing").joinpath("data", DEFAULT_FILE)
    return _parse_codebook(res.read_text("utf-8"), f"framing/data/{DEFAULT_FILE}")


def _read_text(path) -> tuple[str, str]:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"codebook file {str(p)!r} does not exist; check the path.")
    try:
        return p.read_text("utf-8"), str(p)
    except UnicodeDecodeError:
        raise ValueError(f"{p}: not UTF-8 text; save the codebook as UTF-8.") from None


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
    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
    text, source = _read_text(path)
    codebook = _parse_codebook(text, source)
    if not extend:
        return codebook
    return _merge(_default_codebook(), codebook)


def _merge(base: Codebook, extra: Codebook) -> Codebook:
    by_id = {c.id: c for c in extra.categories}
    cats = [by_id.pop(c.id, c) for c in base.categories]
    cats.extend(c for c in extra.categories if c.id in by_id)
    return replace(
        base,
        name=f"{base.name}+{extra.name}",
        categories=tuple(cats),
        source=f"{base.source} + {extra.source}",
    )


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


def _term_from_dictionary(raw: str, where: _Where, line: int, key: str) -> str:
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


def _yaml_dictionary(text: str, where: _Where) -> list[tuple[str, list[str], int]]:
    _, root = _compose(text, where)
    if root is None:
        raise where.error(1, "the dictionary is empty")
    out: list[tuple[str, list[str], int]] = []

    def walk(node, path: list[str]):
        if isinstance(node, yaml.MappingNode):
            for key, (knode, vnode) in _mapping(node, where, "dictionary").items():
                if key is None or not str(key).strip():
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
                terms.append(_term_from_dictionary(item.value, where, _line(item), ".".join(path)))
            out.append((".".join(path), terms, _line(node)))

    walk(root, [])
    return out


def _liwc_dictionary(text: str, where: _Where) -> list[tuple[str, list[str], int]]:
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
    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"dictionary file {str(p)!r} does not exist; check the path.")
    text = p.read_text("utf-8-sig")
    where = _Where(str(p))
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
