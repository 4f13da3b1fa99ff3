"""framing.cli: the terms, keyness, kwic and dispersion sub-commands and error handling.

Other sub-commands are tested next to the modules they call.
"""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from framing.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def toy_csv(tmp_path, toy_frame):
    path = tmp_path / "toy.csv"
    toy_frame.to_csv(path, index=False)
    return path


def read(path):
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def run_ok(argv, capsys):
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured


def run_error(argv, capsys):
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.err and captured.out == ""
    return captured.err


# --------------------------------------------------------------------------- terms


def test_terms_writes_documented_columns(toy_csv, tmp_path, capsys):
    out = tmp_path / "sub" / "terms.csv"  # the folder is created
    run_ok(["terms", toy_csv, "--by", "source", "--out", out], capsys)
    table = read(out)
    assert list(table.columns) == [
        "group",
        "feature",
        "n",
        "count",
        "group_tokens",
        "per_1k",
        "docs",
        "group_docs",
        "df",
        "tfidf",
    ]
    rows = table.set_index(["group", "feature"])
    assert rows.loc[("state", "win-win"), ["count", "group_tokens", "per_1k", "df"]].tolist() == [
        2,
        8,
        250.0,
        2,
    ]
    assert rows.loc[("(missing)", "the"), ["count", "per_1k"]].tolist() == [2, 400.0]
    assert table["group"].unique().tolist() == ["state", "foreign", "(missing)"]


def test_terms_options(toy_csv, tmp_path, capsys):
    out = tmp_path / "terms.csv"
    run_ok(
        [
            "terms",
            toy_csv,
            "--min-n",
            1,
            "--max-n",
            2,
            "--stopwords",
            "--min-count",
            2,
            "--out",
            out,
        ],
        capsys,
    )
    table = read(out)
    assert set(table["feature"]) == {"win-win", "world", "peace"}  # 'the' is a stopword
    assert set(table["group"]) == {"a", "b", "c", "d"}  # per document without --by


def test_terms_on_seeds_folder(seeds_dir, tmp_path, capsys):
    out = tmp_path / "terms.csv"
    run_ok(["terms", seeds_dir, "--by", "source_type", "--out", out], capsys)
    table = read(out)
    assert set(table["group"]) == {"ai_summary", "party_journal", "foreign_coverage", "state_media"}


# --------------------------------------------------------------------------- keyness


def test_keyness_columns_and_values(toy_csv, tmp_path, capsys):
    out = tmp_path / "key.csv"
    run_ok(["keyness", toy_csv, "--by", "source", "--target", "foreign", "--out", out], capsys)
    table = read(out)
    assert list(table.columns) == ["feature", "n_target", "n_reference", "stat", "p"]
    row = table.set_index("feature").loc["win-win"]
    # target 'foreign' = doc c (2 tokens), reference = a, b, d (13 tokens)
    assert (row["n_target"], row["n_reference"]) == (1, 2)
    expected = chi2_contingency([[1, 2 - 1], [2, 13 - 2]], correction=True)
    assert row["stat"] == pytest.approx(expected.statistic, abs=1e-9)
    assert row["p"] == pytest.approx(expected.pvalue, abs=1e-9)
    assert row["stat"] > 0  # over-used by the target


def test_keyness_p_is_empty_where_undefined(toy_csv, tmp_path, capsys):
    out = tmp_path / "key.csv"
    run_ok(
        [
            "keyness",
            toy_csv,
            "--by",
            "source",
            "--target",
            "foreign",
            "--measure",
            "pmi",
            "--out",
            out,
        ],
        capsys,
    )
    lines = out.read_text().splitlines()
    assert lines[0] == "feature,n_target,n_reference,stat,p"
    assert all(line.endswith(",") for line in lines[1:])  # p column left empty
    assert read(out)["p"].isna().all()


def test_keyness_unknown_target(toy_csv, tmp_path, capsys):
    err = run_error(
        ["keyness", toy_csv, "--by", "source", "--target", "nope", "--out", tmp_path / "k.csv"],
        capsys,
    )
    assert err.startswith("framing keyness: error: target: ['nope'] not found in column 'source'")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "k.csv").exists()


# --------------------------------------------------------------------------- kwic


def test_kwic_writes_rows(toy_csv, tmp_path, capsys):
    out = tmp_path / "kwic.csv"
    run_ok(["kwic", toy_csv, "win-win", "--window", 1, "--by", "source", "--out", out], capsys)
    table = read(out)
    assert list(table.columns) == [
        "doc_id",
        "group",
        "left",
        "match",
        "right",
        "sentence",
        "start",
        "end",
    ]
    assert table["doc_id"].tolist() == ["a", "a", "c"]
    assert table["group"].tolist() == ["state", "state", "foreign"]
    assert table["match"].tolist() == ["Win-win", "Win-win", "Win-win"]
    assert table.fillna("")["right"].tolist() == ["cooperation", "", "peace"]


def test_kwic_regex_mode_and_bad_regex(toy_csv, tmp_path, capsys):
    out = tmp_path / "kwic.csv"
    run_ok(["kwic", toy_csv, r"\bpeace\w*", "--mode", "regex", "--out", out], capsys)
    assert read(out)["match"].tolist() == ["Peaceful", "peace", "peace"]
    err = run_error(["kwic", toy_csv, "peace(", "--mode", "regex", "--out", out], capsys)
    assert err.startswith("framing kwic: error: pattern 'peace(' is not a valid regular expression")


def test_kwic_bad_pattern(toy_csv, tmp_path, capsys):
    err = run_error(["kwic", toy_csv, "shared (future", "--out", tmp_path / "k.csv"], capsys)
    assert "cannot parse pattern 'shared (future'" in err
    assert len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- dispersion


def test_dispersion_by_hand(toy_csv, tmp_path, capsys):
    out = tmp_path / "dp.csv"
    run_ok(["dispersion", toy_csv, "--out", out, "win-win", "peace"], capsys)
    table = read(out).set_index("term")
    # document sizes 3, 5, 2, 5 tokens; win-win occurs 2, 0, 1, 0 times
    sizes = [3, 5, 2, 5]
    expected = [s / 15 for s in sizes]
    observed = [2 / 3, 0, 1 / 3, 0]
    dp = 0.5 * sum(abs(o - e) for o, e in zip(observed, expected, strict=True))
    assert table.loc["win-win", "count"] == 3
    assert table.loc["win-win", "dp"] == pytest.approx(dp)
    assert table.loc["peace", "parts_with_term"] == 2


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("command", ["terms", "keyness", "kwic", "dispersion"])
def test_missing_corpus(tmp_path, capsys, command):
    missing = tmp_path / "nowhere"
    extra = {
        "terms": [],
        "keyness": ["--by", "source", "--target", "x"],
        "kwic": ["peace"],
        "dispersion": ["peace"],
    }[command]
    err = run_error([command, missing, *extra, "--out", tmp_path / "o.csv"], capsys)
    assert err == f"framing {command}: error: corpus source '{missing}' does not exist\n"


@pytest.mark.parametrize("command", ["terms", "kwic"])
def test_bad_by(toy_csv, tmp_path, capsys, command):
    extra = ["peace"] if command == "kwic" else []
    err = run_error([command, toy_csv, *extra, "--by", "nope", "--out", tmp_path / "o.csv"], capsys)
    assert err == (
        f"framing {command}: error: by: no metadata column 'nope'; "
        "available columns: ['source', 'outlet']\n"
    )


def test_out_is_a_folder(toy_csv, tmp_path, capsys):
    err = run_error(["terms", toy_csv, "--out", tmp_path], capsys)
    assert err.startswith("framing terms: error: ") and str(tmp_path) in err


def test_bad_corpus_lists_problem_and_skip_bad_goes_on(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("doc_id,text\nx,Peace.\ny,\n")
    err = run_error(["terms", path, "--out", tmp_path / "o.csv"], capsys)
    assert err.startswith("framing terms: error: cannot load corpus")
    assert "(row 3): document 'y' has an empty text" in err
    captured = run_ok(["terms", path, "--skip-bad", "--out", tmp_path / "o.csv"], capsys)
    assert captured.err == (
        f"framing terms: skipped {path} (row 3): document 'y' has an empty text\n"
    )
    assert read(tmp_path / "o.csv")["group"].tolist() == ["x"]


def test_usage_errors_exit_2(toy_csv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["terms", str(toy_csv)])  # no --out
    assert exc.value.code == 2
    assert "--out" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "keyness",
                str(toy_csv),
                "--by",
                "source",
                "--target",
                "x",
                "--measure",
                "t",
                "--out",
                "o.csv",
            ]
        )
    assert exc.value.code == 2
    assert "invalid choice: 't'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--help"], ["terms", "keyness", "kwic", "dispersion"]),
        (["terms", "--help"], ["--by", "--out", "--min-n", "--stopwords"]),
    ],
)
def test_python_m_framing_help(argv, expected):
    done = subprocess.run(
        [sys.executable, "-m", "framing", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: framing")
    assert all(word in done.stdout for word in expected)


def test_jobs_gives_the_same_table(toy_csv, tmp_path, capsys, monkeypatch):
    from framing import _parallel

    monkeypatch.setattr(_parallel, "MIN_PARALLEL_CHARS", 0)  # workers even for the toy corpus
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    argv = ["terms", toy_csv, "--by", "source", "--max-n", "2"]
    run_ok([*argv, "--out", one], capsys)
    run_ok([*argv, "--jobs", "2", "--out", two], capsys)
    assert one.read_bytes() == two.read_bytes()


def test_jobs_with_chunks_or_bad_value_is_refused(toy_csv, tmp_path, capsys):
    out = str(tmp_path / "t.csv")
    err = run_error(["terms", toy_csv, "--chunk-size", "2", "--jobs", "2", "--out", out], capsys)
    assert "--jobs applies when the corpus is read whole" in err
    err = run_error(["terms", toy_csv, "--jobs", "0", "--out", out], capsys)
    assert "n_jobs must be a non-zero integer" in err
