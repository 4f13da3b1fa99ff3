"""Validated YAML with file:line errors: the checks behind the codebook and the lexicon.

The method data of :mod:`framing.codebook` and :mod:`framing.lexicon` is parsed with
PyYAML's safe loader into a node tree and never constructed into Python objects: nodes
carry their line numbers, every scalar is read as written (``no`` stays the text
``'no'``, ``1.10`` stays ``'1.10'``), and only the plain YAML tags are allowed (str, int,
float, bool, null, timestamp, seq, map), so ``!!python/object`` is refused, not executed.

Each helper checks one thing and raises ``ValueError("FILE, line N: WHAT: problem")``,
where WHAT names the entry (``family 'win_win': variant 2: patterns``) and the message
says how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import yaml

from framing.patterns import compile_pattern

SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_NULL = "tag:yaml.org,2002:null"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")


class Where:
    """Formats "file, line N: message" errors."""

    def __init__(self, source: str):
        self.source = source

    def error(self, node_or_line, message: str) -> ValueError:
        line = node_or_line if isinstance(node_or_line, int) else line_of(node_or_line)
        return ValueError(f"{self.source}, line {line}: {message}")


def line_of(node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


# --------------------------------------------------------------------------- files


def read_text(path, what: str) -> tuple[str, str]:
    """Text and source name of a user's file; ``what`` names it in errors ('codebook')."""
    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{what} file {str(p)!r} does not exist; check the path.")
    try:
        return p.read_text("utf-8-sig"), str(p)
    except UnicodeDecodeError:
        raise ValueError(f"{p}: not UTF-8 text; save the {what} as UTF-8.") from None


def read_default(name: str) -> tuple[str, str]:
    """Text and source name of a file shipped in ``framing/data/``."""
    text = resources.files("framing").joinpath("data", name).read_text("utf-8")
    return text, f"framing/data/{name}"


def compose(text: str, where: Where, *, needs: str):
    """Parse with the safe loader into a node tree; reject non-standard tags.

    ``needs`` completes the error for an empty file ("a codebook needs ...").
    """
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
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
    if root is None:
        raise where.error(1, f"the file is empty; {needs}")
    stack, seen = [root], set()
    while stack:  # aliases share nodes (even recursively): visit each node once
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag == "tag:yaml.org,2002:merge":
            raise where.error(
                node,
                "not valid (safe) YAML: merge keys ('<<') are not supported; write the keys out",
            )
        if node.tag not in SAFE_TAGS:
            raise where.error(
                node, f"not valid (safe) YAML: tag {node.tag!r} is not allowed; remove it"
            )
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return root


# --------------------------------------------------------------------------- structure


def mapping(node, where: Where, what: str, *, required=(), allowed=None) -> dict[str, tuple]:
    """Keys of a mapping node -> (key node, value node).

    A key given twice is an error, and so are, when ``allowed`` is given, a key not in
    it and a ``required`` key that is missing; problems are reported in file order.
    """
    if not isinstance(node, yaml.MappingNode):
        raise where.error(node, f"{what} must be a mapping of keys to values")
    out: dict[str, tuple] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise where.error(k, f"{what}: a key must be a plain name, not a list or mapping")
        key = k.value
        if key in out:
            raise where.error(
                k, f"{what}: key {key!r} appears twice (first at line {line_of(out[key][0])})"
            )
        if allowed is not None and key not in allowed:
            raise where.error(
                k, f"{what}: unknown key {key!r}; allowed keys are {', '.join(allowed)}"
            )
        out[key] = (k, v)
    for key in required:
        if key not in out:
            raise where.error(node, f"{what}: missing required key {key!r}")
    return out


def entries(node, where: Where, what: str, noun: str) -> list:
    """The item nodes of a non-empty list ('families must be a non-empty list of ...')."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise where.error(node, f"{what} must be a non-empty list of {noun}")
    return node.value


def entry_name(node, noun: str, index: int) -> str:
    """How errors name a list entry: "family 'win_win'" when it has a valid id, else
    'family 2' (a bad id is then reported by :func:`identifier`)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "id":
                if isinstance(v, yaml.ScalarNode) and _ID_RE.match(v.value.strip()):
                    return f"{noun} {v.value.strip()!r}"
    return f"{noun} {index + 1}"


def unique_ids(items, where: Where, noun: str) -> None:
    """Entries (with ``id`` and ``line``) must have distinct ids."""
    seen: dict[str, int] = {}
    for item in items:
        if item.id in seen:
            raise where.error(
                item.line,
                f"duplicate {noun} id {item.id!r} (first defined at line {seen[item.id]})",
            )
        seen[item.id] = item.line


# --------------------------------------------------------------------------- values


def string(node, where: Where, what: str) -> str:
    """A non-empty text scalar, read as written, with runs of white space made one space."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        raise where.error(node, f"{what} must be a text string")
    value = " ".join(str(node.value).split())
    if not value:
        raise where.error(node, f"{what} is empty")
    return value


def strings(node, where: Where, what: str, *, allow_empty: bool = True) -> list[tuple]:
    """A list of text strings -> (string, node) pairs; a null value is an empty list."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        items = []
    elif not isinstance(node, yaml.SequenceNode):
        raise where.error(node, f"{what} must be a list (one '- item' per line)")
    else:
        items = node.value
    if not items and not allow_empty:
        raise where.error(node, f"{what} is empty; give at least one entry")
    return [(string(item, where, f"{what}, entry {i + 1}"), item) for i, item in enumerate(items)]


def identifier(node, where: Where, what: str, *, why: str = "") -> str:
    """A snake_case id; ``why`` says what it is used for ("it becomes a column name")."""
    value = string(node, where, what)
    if not _ID_RE.match(value):
        because = f"; {why}" if why else ""
        raise where.error(
            node,
            f"{what} must be snake_case (lower case letters, digits and underscores, starting "
            f"with a letter{because}), got {value!r}",
        )
    return value


def version(node, where: Where) -> str:
    """A semantic version 'MAJOR.MINOR.PATCH' (with an optional -pre-release/+build)."""
    value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    if not _SEMVER_RE.match(value):
        raise where.error(
            node,
            f"version must be a semantic version 'MAJOR.MINOR.PATCH', got {value!r}; "
            "for example '1.0.0'",
        )
    return value


def examples(keys: dict, where: Where, what: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Positive and negative example sentences from an entry's optional ``examples`` key."""
    found = {"positive": [], "negative": []}
    if "examples" in keys:
        ex = mapping(keys["examples"][1], where, f"{what}: examples", allowed=tuple(found))
        for kind in ex:
            found[kind] = strings(ex[kind][1], where, f"{what}: examples: {kind}")
    return tuple(s for s, _ in found["positive"]), tuple(s for s, _ in found["negative"])


def check_pattern(pattern: str, node, where: Where, what: str) -> None:
    """A token pattern of :mod:`framing.patterns` that compiles."""
    try:
        compile_pattern(pattern)
    except ValueError as err:
        raise where.error(node, f"{what}: {err}") from None


def patterns(node, where: Where, what: str, *, allow_empty: bool = True) -> list[tuple]:
    """A list of token patterns that compile -> (pattern, node) pairs."""
    items = strings(node, where, what, allow_empty=allow_empty)
    for pattern, pnode in items:
        check_pattern(pattern, pnode, where, what)
    return items


def unique(items, where: Where, what: str) -> tuple[str, ...]:
    """The strings of (string, node) pairs; one given twice (ignoring case) is an error."""
    seen: dict[str, object] = {}
    for value, node in items:
        key = value.lower()
        if key in seen:
            raise where.error(
                node, f"{what} {value!r} appears twice (first at line {line_of(seen[key])})"
            )
        seen[key] = node
    return tuple(v for v, _ in items)


# --------------------------------------------------------------------------- user files


def extended(base, extra, field: str):
    """``base`` with the entries (``field``) of ``extra``: an entry whose id is already
    there replaces it in place, new ids are appended."""
    by_id = {e.id: e for e in getattr(extra, field)}
    merged = [by_id.pop(e.id, e) for e in getattr(base, field)]
    merged.extend(e for e in getattr(extra, field) if e.id in by_id)
    return replace(
        base,
        name=f"{base.name}+{extra.name}",
        source=f"{base.source} + {extra.source}",
        **{field: tuple(merged)},
    )
