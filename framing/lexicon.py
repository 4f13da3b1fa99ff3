"""Slogan lexicons: families of formulations, their renderings, loading and validation.

A *slogan lexicon* groups the English renderings of a fixed formulation (提法) into a
*family* ("community with a shared future for mankind", "global community of shared
future", "China-Africa community with a shared future"... are all ``shared_future``),
each rendering a *variant* with token patterns (:mod:`framing.patterns`). The default
lexicon, ``framing/data/slogans.yaml``, covers Chinese diplomatic formulations; its
header documents the format, the pattern syntax and how overlapping families relate.

:func:`load_lexicon` reads and validates a lexicon (PyYAML's safe loader only; every
error names the file and the line) and :func:`as_lexicon` accepts a lexicon, a path or
``None`` for the default. Matching and comparison tables live in :mod:`framing.slogans`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pandas as pd

from framing._yaml import (
    Where,
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
    unique,
    unique_ids,
    version,
)

__all__ = ["Family", "Lexicon", "Variant", "as_lexicon", "load_lexicon"]

DEFAULT_FILE = "slogans.yaml"

_TOP_REQUIRED = ("name", "version", "description", "families")
_FAMILY_REQUIRED = ("id", "canonical", "description", "variants")
_FAMILY_KEYS = ("id", "canonical", "zh", "description", "variants", "exclude", "examples")
_VARIANT_KEYS = ("id", "label", "patterns")

# --------------------------------------------------------------------------- lexicon objects


@dataclass(frozen=True)
class Variant:
    """One rendering of a formulation.

    Attributes
    ----------
    id, label : str
        Identifier (unique within its family) and a description of the rendering.
    patterns : tuple of str
        Token patterns (:mod:`framing.patterns`) that match this rendering.
    line : int
        Line of the variant in its source file (0 when built in memory).
    """

    id: str
    label: str
    patterns: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Family:
    """A formulation and all its renderings.

    Attributes
    ----------
    id, canonical, description : str
        Identifier, canonical English form, origin and meaning.
    variants : tuple of Variant
        In priority order: when two variants match the same span, the first wins.
    zh : str
        The Chinese original ('' if not given).
    exclude : tuple of str
        Near-miss patterns: a match lying wholly inside an exclude match is dropped.
    positive, negative : tuple of str
        Example sentences that must, and must not, contain a match.
    line : int
        Line of the family in its source file (0 when built in memory).
    """

    id: str
    canonical: str
    description: str
    variants: tuple[Variant, ...]
    zh: str = ""
    exclude: tuple[str, ...] = ()
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    line: int = 0

    @property
    def patterns(self) -> tuple[str, ...]:
        """All patterns of the family, in variant order."""
        return tuple(p for v in self.variants for p in v.patterns)


@dataclass(frozen=True)
class Lexicon:
    """A validated slogan lexicon.

    Attributes
    ----------
    name, version, description : str
    families : tuple of Family
        In file order; family ids are unique.
    source : str
        Where the lexicon came from.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex["shared_future"].canonical
    'global community of shared future'
    >>> "five_principles" in lex.ids
    True
    """

    name: str
    version: str
    description: str
    families: tuple[Family, ...]
    source: str = field(default="", compare=False)

    @property
    def ids(self) -> list[str]:
        """Family ids in lexicon order."""
        return [f.id for f in self.families]

    def __len__(self) -> int:
        return len(self.families)

    def __iter__(self):
        return iter(self.families)

    def __getitem__(self, family_id: str) -> Family:
        for f in self.families:
            if f.id == family_id:
                return f
        raise KeyError(f"no family {family_id!r} in lexicon {self.name!r}; ids: {self.ids}")

    def subset(self, ids) -> Lexicon:
        """A lexicon with only the named families (in the order given)."""
        ids = [ids] if isinstance(ids, str) else list(ids)
        return replace(self, families=tuple(self[i] for i in ids))

    def to_frame(self) -> pd.DataFrame:
        """One row per pattern: ``family, canonical, zh, variant, label, pattern``."""
        rows = [
            (f.id, f.canonical, f.zh, v.id, v.label, p)
            for f in self
            for v in f.variants
            for p in v.patterns
        ]
        return pd.DataFrame(
            rows, columns=["family", "canonical", "zh", "variant", "label", "pattern"]
        )


# --------------------------------------------------------------------------- YAML validation


def _variant(node, where: Where, what: str) -> tuple[Variant, list[tuple]]:
    """A variant and its (pattern, node) pairs."""
    keys = mapping(node, where, what, required=_VARIANT_KEYS, allowed=_VARIANT_KEYS)
    vid = identifier(keys["id"][1], where, f"{what}: id")
    what = f"{what.rsplit(':', 1)[0]}: variant {vid!r}"
    label = string(keys["label"][1], where, f"{what}: label")
    items = patterns(keys["patterns"][1], where, f"{what}: patterns", allow_empty=False)
    return Variant(vid, label, tuple(p for p, _ in items), line_of(node)), items


def _family(node, where: Where, index: int) -> Family:
    what = entry_name(node, "family", index)
    keys = mapping(node, where, what, required=_FAMILY_REQUIRED, allowed=_FAMILY_KEYS)
    fid = identifier(keys["id"][1], where, f"{what}: id")
    vnodes = entries(keys["variants"][1], where, f"{what}: variants", "variants")
    parsed = [_variant(v, where, f"{what}: variant {i + 1}") for i, v in enumerate(vnodes)]
    variants = [v for v, _ in parsed]
    seen: dict[str, int] = {}
    for v in variants:
        if v.id in seen:
            raise where.error(
                v.line, f"{what}: duplicate variant id {v.id!r} (first at line {seen[v.id]})"
            )
        seen[v.id] = v.line
    unique([item for _, items in parsed for item in items], where, f"{what}: pattern")
    exclude = patterns(keys["exclude"][1], where, f"{what}: exclude") if "exclude" in keys else []
    positive, negative = examples(keys, where, what)
    return Family(
        id=fid,
        canonical=string(keys["canonical"][1], where, f"{what}: canonical"),
        description=string(keys["description"][1], where, f"{what}: description"),
        variants=tuple(variants),
        zh=string(keys["zh"][1], where, f"{what}: zh") if "zh" in keys else "",
        exclude=tuple(p for p, _ in exclude),
        positive=positive,
        negative=negative,
        line=line_of(node),
    )


def _parse_lexicon(text: str, source: str) -> Lexicon:
    where = Where(source)
    root = compose(
        text, where, needs="a slogan lexicon needs name, version, description and families"
    )
    keys = mapping(root, where, "lexicon", required=_TOP_REQUIRED, allowed=_TOP_REQUIRED)
    ver = version(keys["version"][1], where)
    nodes = entries(keys["families"][1], where, "families", "families")
    families = [_family(n, where, i) for i, n in enumerate(nodes)]
    unique_ids(families, where, "family")
    return Lexicon(
        name=string(keys["name"][1], where, "name"),
        version=ver,
        description=string(keys["description"][1], where, "description"),
        families=tuple(families),
        source=source,
    )


@cache
def _default_lexicon() -> Lexicon:
    return _parse_lexicon(*read_default(DEFAULT_FILE))


def load_lexicon(path=None, *, extend: bool = False) -> Lexicon:
    """Load and validate a slogan lexicon.

    Parameters
    ----------
    path : str, Path or None, default None
        A lexicon YAML file in the format documented at the top of
        ``framing/data/slogans.yaml``; ``None`` loads that default lexicon.
    extend : bool, default False
        If True, the families of ``path`` are added to the default lexicon: a family
        whose id is already there replaces the default one, new ids are appended. If
        False, ``path`` replaces the default lexicon.

    Returns
    -------
    Lexicon

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not safe YAML or fails validation: an unknown or missing key, an
        id that is not snake_case or is used twice, a version that is not semantic, an
        empty list, an empty or unparsable pattern, a pattern listed twice in a family.
        The message names the file and the line.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> len(lex) >= 20, lex.version
    (True, '1.0.0')
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = bad.write_text("name: mine\\nversion: 0.1.0\\ndescription: test\\nfamilies:\\n"
    ...                    "  - id: hegemony\\n    canonical: hegemony\\n    description: d\\n"
    ...                    "    variants:\\n      - id: v\\n        label: l\\n"
    ...                    "        patterns: ['hegemon* (']\\n")
    >>> load_lexicon(bad)
    Traceback (most recent call last):
    ...
    ValueError: .../mine.yaml, line 11: family 'hegemony': variant 'v': patterns: ...
    """
    if path is None:
        if extend:
            raise ValueError(
                "extend=True needs a path: the lexicon file whose families are added to the "
                "default lexicon"
            )
        return _default_lexicon()
    lexicon = _parse_lexicon(*read_text(path, "slogan lexicon"))
    if not extend:
        return lexicon
    return extended(_default_lexicon(), lexicon, "families")


def as_lexicon(lexicon) -> Lexicon:
    """Return a Lexicon from ``None`` (the default), a path or a Lexicon."""
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, str | Path):
        return load_lexicon(lexicon)
    raise TypeError(
        f"lexicon must be None, a path to a lexicon YAML file or a Lexicon, "
        f"got {type(lexicon).__name__}"
    )
