"""framing.lexicon: loading, extending and validating slogan lexicons."""

import textwrap
from pathlib import Path

import pytest

from framing.lexicon import as_lexicon, load_lexicon

# A two-family user lexicon; the error cases below name its line numbers.
GOOD = (Path(__file__).parent / "data" / "small_lexicon.yaml").read_text("utf-8")


def _write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- loading


def test_load_user_lexicon(tmp_path):
    lex = load_lexicon(_write(tmp_path, GOOD))
    assert lex.ids == ["win_win", "shared_future"]
    assert lex.version == "0.1.0"
    assert lex["win_win"].patterns == ("win-win cooperation", "win-win result~")
    assert lex["win_win"].exclude == ("win-win cooperation games",)
    assert lex["win_win"].positive == ("We seek win-win cooperation.",)
    assert lex["win_win"].line == 5
    frame = lex.to_frame()
    assert list(frame.columns) == ["family", "canonical", "zh", "variant", "label", "pattern"]
    assert len(frame) == 3


def test_extend_adds_and_replaces_families(tmp_path):
    default = load_lexicon()
    lex = load_lexicon(_write(tmp_path, GOOD), extend=True)
    assert lex.ids[: len(default)] == default.ids
    assert lex.ids[-1] == "win_win"
    assert lex["shared_future"].patterns == ("community with shared future",)
    assert lex["five_principles"] == default["five_principles"]


def test_default_lexicon_is_cached_and_as_lexicon_accepts_paths(tmp_path):
    assert load_lexicon() is load_lexicon()
    assert as_lexicon(None) is load_lexicon()
    path = _write(tmp_path, GOOD)
    assert as_lexicon(str(path)).ids == ["win_win", "shared_future"]
    with pytest.raises(TypeError, match="lexicon must be None, a path"):
        as_lexicon(42)


# Each case: a change to GOOD, and the error it must give (file name and line).
BAD_CASES = [
    pytest.param(
        GOOD.replace("    canonical: win-win cooperation\n",
                     "    canonical: win-win cooperation\n    label: extra\n"),
        r"mine\.yaml, line 7: family 'win_win': unknown key 'label'; allowed keys are id, ",
        id="unknown-family-key",
    ),
    pytest.param(
        GOOD.replace("        label: win-win results\n",
                     "        label: win-win results\n        patern: ['x']\n"),
        r"mine\.yaml, line 14: family 'win_win': variant 2: unknown key 'patern'",
        id="unknown-variant-key",
    ),
    pytest.param(
        GOOD.replace("version: 0.1.0\n", "version: 0.1.0\nauthor: me\n"),
        r"mine\.yaml, line 3: lexicon: unknown key 'author'",
        id="unknown-top-key",
    ),
    pytest.param(
        GOOD.replace("  - id: shared_future\n", "  - id: win_win\n"),
        r"mine\.yaml, line 19: duplicate family id 'win_win' \(first defined at line 5\)",
        id="duplicate-family-id",
    ),
    pytest.param(
        GOOD.replace("      - id: results\n", "      - id: cooperation\n"),
        r"mine\.yaml, line 12: family 'win_win': duplicate variant id 'cooperation' "
        r"\(first at line 9\)",
        id="duplicate-variant-id",
    ),
    pytest.param(
        GOOD.replace("patterns: ['win-win result~']", "patterns: ['win-win cooperation']"),
        r"mine\.yaml, line 14: family 'win_win': pattern 'win-win cooperation' appears twice "
        r"\(first at line 11\)",
        id="duplicate-pattern",
    ),
    pytest.param(
        GOOD.replace("patterns: ['win-win result~']", "patterns: []"),
        r"mine\.yaml, line 14: family 'win_win': variant 'results': patterns is empty",
        id="empty-pattern-list",
    ),
    pytest.param(
        GOOD.replace("patterns: ['win-win result~']", "patterns: ['   ']"),
        r"mine\.yaml, line 14: family 'win_win': variant 'results': patterns, entry 1 is empty",
        id="blank-pattern",
    ),
    pytest.param(
        GOOD.replace("patterns: ['win-win result~']", "patterns: ['win-win (result']"),
        r"mine\.yaml, line 14: family 'win_win': variant 'results': patterns: cannot parse "
        r"pattern 'win-win \(result': the '\(' at character 9 is never closed",
        id="unparsable-pattern",
    ),
    pytest.param(
        GOOD.replace("exclude: ['win-win cooperation games']", "exclude: ['<planet> games']"),
        r"mine\.yaml, line 15: family 'win_win': exclude: cannot parse pattern .*unknown slot",
        id="unparsable-exclude",
    ),
    pytest.param(
        GOOD.replace("    canonical: win-win cooperation\n", ""),
        r"mine\.yaml, line 5: family 'win_win': missing required key 'canonical'",
        id="missing-family-key",
    ),
    pytest.param(
        GOOD.replace("        label: win-win results\n", ""),
        r"mine\.yaml, line 12: family 'win_win': variant 2: missing required key 'label'",
        id="missing-variant-key",
    ),
    pytest.param(
        GOOD.replace("description: A test lexicon.\n", ""),
        r"mine\.yaml, line 1: lexicon: missing required key 'description'",
        id="missing-top-key",
    ),
    pytest.param(
        GOOD.replace("  - id: win_win\n", "  - id: Win-Win\n"),
        r"mine\.yaml, line 5: family 1: id must be snake_case .* got 'Win-Win'",
        id="bad-id",
    ),
    pytest.param(
        GOOD.replace("version: 0.1.0", "version: '1.0'"),
        r"mine\.yaml, line 2: version must be a semantic version 'MAJOR\.MINOR\.PATCH', "
        r"got '1\.0'",
        id="bad-version",
    ),
    pytest.param(
        GOOD.split("    variants:\n      - id: only")[0] + "    variants: []\n",
        r"mine\.yaml, line 22: family 'shared_future': variants must be a non-empty list",
        id="empty-variants",
    ),
    pytest.param(
        GOOD.replace("      positive: [We seek win-win cooperation.]",
                     "      positive: [We seek win-win cooperation.]\n      neutral: [x]"),
        r"mine\.yaml, line 18: family 'win_win': examples: unknown key 'neutral'",
        id="unknown-examples-key",
    ),
    pytest.param(
        GOOD.replace("name: mine", "name: mine\nname: again"),
        r"mine\.yaml, line 2: lexicon: key 'name' appears twice \(first at line 1\)",
        id="duplicate-key",
    ),
    pytest.param(
        GOOD.replace("        label: win-win results\n", "        label: [win-win\n"),
        r"mine\.yaml, line \d+: not valid \(safe\) YAML",
        id="yaml-syntax",
    ),
    pytest.param(
        "name: !!python/object:os.system x\nversion: 1.0.0\n",
        r"mine\.yaml, line 1: not valid \(safe\) YAML: tag "
        r"'tag:yaml\.org,2002:python/object:os\.system' is not allowed",
        id="unsafe-tag",
    ),
    pytest.param("", r"mine\.yaml, line 1: the file is empty", id="empty-file"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD_CASES)
def test_validation_errors_name_file_and_line(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_lexicon(_write(tmp_path, text))


def test_load_errors_for_paths(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"slogan lexicon file '.*nope\.yaml' does not"):
        load_lexicon(tmp_path / "nope.yaml")
    with pytest.raises(ValueError, match="extend=True needs a path"):
        load_lexicon(extend=True)
    with pytest.raises(TypeError, match="path must be a str or Path, got int"):
        load_lexicon(3)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin\.yaml: not UTF-8 text"):
        load_lexicon(latin)
