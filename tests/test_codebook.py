"""Tests for framing.codebook: the shipped codebook, its examples, validation errors with
file and line, extension, and dictionary import (quanteda YAML, LIWC .dic)."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest

from framing.codebook import Codebook, load_codebook, read_dictionary
from framing.frames import code_frames

REQUIRED_IDS = [
    "global_south",
    "shared_future",
    "multipolarity",
    "multilateralism",
    "win_win",
    "peace_stability",
    "development",
    "conflict_tension",
    "dialogue_trust",
    "leader_diplomacy",
    "sovereignty",
    "civilization",
]

CODEBOOK = load_codebook()
EXAMPLES = [
    (c.id, kind, i, text)
    for c in CODEBOOK
    for kind, texts in (("positive", c.positive), ("negative", c.negative))
    for i, text in enumerate(texts)
]


# --------------------------------------------------------------------------- the default


def test_default_codebook_has_the_required_categories_in_order():
    assert CODEBOOK.ids == REQUIRED_IDS
    assert re.fullmatch(r"\d+\.\d+\.\d+", CODEBOOK.version)
    assert CODEBOOK.source.endswith("codebook.yaml")


@pytest.mark.parametrize("category", CODEBOOK.categories, ids=lambda c: c.id)
def test_every_category_is_documented_with_examples(category):
    assert category.label and category.description
    # the description says what counts and what does not
    assert "COUNTS" in category.description and "DOES NOT COUNT" in category.description
    assert len(category.positive) >= 4
    assert len(category.negative) >= 3
    assert category.terms


@pytest.fixture(scope="module")
def coded_examples():
    """Every example sentence as its own document, coded once with the default codebook."""
    docs = pd.DataFrame(
        {
            "doc_id": [f"{cid}|{kind}|{i}" for cid, kind, i, _ in EXAMPLES],
            "text": [text for *_, text in EXAMPLES],
        }
    )
    evidence = code_frames(docs)
    return evidence.groupby("doc_id")["category"].agg(set).to_dict()


@pytest.mark.parametrize(
    ("category", "kind", "index", "sentence"),
    EXAMPLES,
    ids=[f"{cid}-{kind}-{i}" for cid, kind, i, _ in EXAMPLES],
)
def test_examples_are_coded_as_the_codebook_says(coded_examples, category, kind, index, sentence):
    coded = coded_examples.get(f"{category}|{kind}|{index}", set())
    if kind == "positive":
        # coded for the intended category and for no other one
        assert coded == {category}, f"{sentence!r} coded as {sorted(coded)}"
    else:
        assert category not in coded, f"{sentence!r} wrongly coded as {category}"


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("China stands with developing countries.", "global_south", True),
        ("The ministry is developing a plan.", "global_south", False),
        ("Recent developments worried the markets.", "development", False),
        ("China promotes common development.", "development", True),
        ("The Ukraine crisis continues.", "conflict_tension", True),
        ("China does not seek confrontation.", "conflict_tension", True),
        ("She checked in at the Peace Hotel.", "peace_stability", False),
        ("He found the missing piece.", "peace_stability", False),
        ("They called for peace talks.", "peace_stability", True),
        ("Both sides want stable relations.", "peace_stability", True),
        ("The central bank guards financial stability.", "peace_stability", False),
        ("China opposes interference in its internal affairs.", "sovereignty", True),
        ("Sovereign debt yields fell.", "sovereignty", False),
        ("We oppose hegemonism.", "multipolarity", True),
        ("We support multilateralism.", "multipolarity", False),
        ("They promote exchanges and mutual learning among civilizations.", "civilization", True),
        ("Its corporate culture is toxic.", "civilization", False),
    ],
)
def test_precision_contexts(text, category, expected):
    coded = set(code_frames(pd.DataFrame({"doc_id": ["d"], "text": [text]}))["category"])
    assert (category in coded) is expected


def test_category_lookup_and_frame():
    assert CODEBOOK["win_win"].id == "win_win"
    with pytest.raises(KeyError, match="no category 'nope'"):
        CODEBOOK["nope"]
    table = CODEBOOK.to_frame()
    assert table["id"].tolist() == REQUIRED_IDS
    assert (table["n_terms"] > 0).all()


# --------------------------------------------------------------------------- validation


def write(tmp_path, text, name="cb.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


GOOD = """
name: toy
version: 0.1.0
description: a toy codebook
categories:
  - id: peace
    label: Peace
    description: peace talk
    terms: [peace, peaceful*]
    patterns: ["(lasting|world) peace"]
    exclude: [peace hotel]
    examples:
      positive: [We want peace.]
      negative: [The Peace Hotel is old.]
  - id: conflict
    label: Conflict
    description: conflict talk
    terms:
      - war
      - conflict
"""


def test_a_valid_user_codebook_loads(tmp_path):
    cb = load_codebook(write(tmp_path, GOOD))
    assert isinstance(cb, Codebook)
    assert cb.ids == ["peace", "conflict"]
    assert cb["peace"].terms == ("peace", "peaceful*")
    assert cb["peace"].exclude == ("peace hotel",)
    assert cb["peace"].line == 5
    assert cb["conflict"].positive == ()


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        # missing required key (reported at the category's line)
        ("    label: Conflict\n", "", 14, "category 'conflict': missing required key 'label'"),
        # unknown key
        ("    terms: [peace, peaceful*]", "    term: [peace, peaceful*]", 8, "unknown key 'term'"),
        # duplicate id
        ("  - id: conflict", "  - id: peace", 14, "duplicate category id 'peace'.*line 5"),
        # empty term
        ("      - war\n", "      - ''\n", 18, "terms, entry 1 is empty"),
        # unparsable pattern
        ('["(lasting|world) peace"]', '["(lasting|world peace"]', 9, "is never closed"),
        # bad wildcard in a term
        ("[peace, peaceful*]", "[peace, 'peace*ful']", 8, "bad wildcard in 'peace\\*ful'"),
        ("[peace, peaceful*]", "[peace, '*ful']", 8, "bad wildcard in '\\*ful'"),
        # pattern syntax in a term
        ("[peace, peaceful*]", "[peace, '(a|b)']", 8, "belongs in 'patterns'"),
        # duplicate term
        ("      - conflict\n", "      - War\n", 19, "term 'War' appears twice.*line 18"),
        # duplicate mapping key
        ("    label: Peace\n", "    label: Peace\n    label: Again\n", 7, "key 'label' appears"),
        # bad version
        ("version: 0.1.0", "version: 1.0", 2, "semantic version"),
        # id that cannot be a column name
        ("  - id: conflict", "  - id: Conflict Talk", 14, "lower case letters"),
        # empty list of terms and no patterns
        ("    terms:\n      - war\n      - conflict\n", "    terms: []\n", 14, "no terms"),
        # YAML syntax error
        ("    label: Conflict\n", "    label: [Conflict\n", 16, r"YAML.*started at line 15"),
        # examples with an unknown key
        ("      negative:", "      negatives:", 13, "unknown key 'negatives'"),
    ],
)
def test_malformed_codebooks_name_file_and_line(tmp_path, old, new, line, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ValueError, match=rf"cb\.yaml, line {line}: .*{message}"):
        load_codebook(path)


def test_missing_top_level_key_and_unknown_top_level_key(tmp_path):
    with pytest.raises(ValueError, match=r"line 1: codebook: missing required key 'version'"):
        load_codebook(write(tmp_path, GOOD.replace("version: 0.1.0\n", "")))
    with pytest.raises(ValueError, match=r"line 3: codebook: unknown key 'descripton'"):
        load_codebook(write(tmp_path, GOOD.replace("description: a toy", "descripton: a toy")))


def test_unsafe_yaml_is_rejected_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = GOOD.replace("name: toy", f"name: !!python/object/apply:os.system ['touch {marker}']")
    with pytest.raises(ValueError, match=r"cb\.yaml, line 1: not valid \(safe\) YAML"):
        load_codebook(write(tmp_path, text))
    assert not marker.exists()


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_codebook(tmp_path / "absent.yaml")
    with pytest.raises(TypeError, match="path must be a str or Path"):
        load_codebook(3)
    with pytest.raises(ValueError, match="extend=True needs a path"):
        load_codebook(extend=True)


def test_extend_adds_and_replaces_categories(tmp_path):
    extra = """
    name: extra
    version: 1.0.0
    categories:
      - id: win_win
        label: Mutual benefit (narrow)
        description: only the literal slogan
        terms: [win-win]
      - id: partnership
        label: Partnership
        description: strategic partnership language
        terms: [strategic partnership*]
    """
    cb = load_codebook(write(tmp_path, extra), extend=True)
    assert cb.ids == [*REQUIRED_IDS, "partnership"]
    assert cb["win_win"].terms == ("win-win",)
    assert cb["peace_stability"] == CODEBOOK["peace_stability"]
    replaced = load_codebook(write(tmp_path, extra))
    assert replaced.ids == ["win_win", "partnership"]


# --------------------------------------------------------------------------- dictionaries


def test_read_quanteda_yaml_dictionary(tmp_path):
    path = write(
        tmp_path,
        """
        economy:
          positive: [growth, prosper*]
          negative: [recession, unemployment]
        security:
          - national_security
          - threat*
        """,
        name="dict.yml",
    )
    cb = read_dictionary(path)
    assert cb.ids == ["economy_positive", "economy_negative", "security"]
    assert cb["economy_positive"].label == "economy.positive"
    assert cb["security"].terms == ("national security", "threat*")
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["Growth and prosperity; national security."]})
    ev = code_frames(docs, codebook=cb)
    assert sorted(ev["matched"]) == ["Growth", "national security", "prosperity"]


def test_read_liwc_dictionary_with_multiword_terms(tmp_path):
    path = tmp_path / "toy.dic"
    path.write_text(
        "%\n1\tPeace Talk\n2\tconflict\n%\npeace*\t1\ncease fire\t1\t2\nwar\t2\n", "utf-8"
    )
    cb = read_dictionary(path)
    assert cb.ids == ["peace_talk", "conflict"]
    assert cb["peace_talk"].terms == ("peace*", "cease fire")
    assert cb["conflict"].terms == ("cease fire", "war")


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("%\n1\tpeace\n%\npeace\t1\nwar\t3\n", ".dic", r"line 5: term 'war': category '3'"),
        ("%\n1\tpeace\n%\ncolo?r\t1\n", ".dic", r"line 4: .*single-character wildcard"),
        ("1\tpeace\npeace\t1\n", ".dic", r"line 1: a LIWC \.dic file starts"),
        ("peace: [calm, '*ful']\n", ".yml", r"line 1: .*starts with '\*'"),
        ("peace: [calm\n", ".yml", r"line 2: not valid \(safe\) YAML"),
        ("peace: [calm]\n", ".txt", r"unknown dictionary format '\.txt'"),
    ],
)
def test_bad_dictionaries_name_the_line(tmp_path, content, suffix, message):
    path = tmp_path / f"d{suffix}"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=message):
        read_dictionary(path)
