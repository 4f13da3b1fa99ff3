"""framing.slogans: matching a lexicon, and the comparison tables."""

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing import lexicon, slogans
from framing.cli import main
from framing.corpus import load_corpus
from framing.lexicon import Lexicon, load_lexicon
from framing.slogans import (
    MATCH_COLUMNS,
    find_slogans,
    shared_slogans,
    slogan_table,
    variant_table,
)

# A two-family user lexicon (tests/test_lexicon.py checks how it loads).
GOOD = (Path(__file__).parent / "data" / "small_lexicon.yaml").read_text("utf-8")


def _write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _docs(*texts, **meta):
    df = pd.DataFrame({"doc_id": [f"d{i + 1}" for i in range(len(texts))], "text": list(texts)})
    for k, v in meta.items():
        df[k] = v
    return load_corpus(df)


# --------------------------------------------------------------------------- matching


def test_slogans_module_still_offers_its_lexicon_inputs():
    for name in ("Lexicon", "as_lexicon", "load_lexicon"):
        assert getattr(slogans, name) is getattr(lexicon, name)


def test_find_slogans_columns_offsets_and_order(tmp_path):
    corpus = _docs(
        "Win-win results matter. We seek win-win cooperation.",
        "Nothing here.",
        "A community with a shared future and win-win cooperation.",
    )
    hits = find_slogans(corpus, lexicon=_write(tmp_path, GOOD))
    assert list(hits.columns[:6]) == MATCH_COLUMNS
    assert list(hits.columns[6:]) == ["variant", "sentence_id", "pattern"]
    assert hits[["doc_id", "family", "variant", "matched"]].values.tolist() == [
        ["d1", "win_win", "results", "Win-win results"],
        ["d1", "win_win", "cooperation", "win-win cooperation"],
        ["d3", "shared_future", "only", "community with a shared future"],
        ["d3", "win_win", "cooperation", "win-win cooperation"],
    ]
    text = corpus.docs.set_index("doc_id")["text"]
    for r in hits.itertuples():
        assert text[r.doc_id][r.start : r.end] == r.matched
        assert r.matched in r.sentence
    assert hits["sentence_id"].tolist() == [0, 1, 0, 0]
    assert hits["start"].dtype == np.int64


def test_leftmost_longest_within_a_family_and_variant_priority():
    lex = Lexicon(
        "t", "1.0.0", "t",
        (
            load_lexicon()["shared_future"],
        ),
    )  # fmt: skip
    corpus = _docs("A global community of shared future for mankind was proposed.")
    hits = find_slogans(corpus, lexicon=lex)
    # one match, not three ('community of shared future', '... for mankind', 'global ...')
    assert hits["matched"].tolist() == ["global community of shared future for mankind"]
    assert hits["variant"].tolist() == ["global_community"]


def test_exclude_drops_only_matches_wholly_inside(tmp_path):
    lex = load_lexicon(_write(tmp_path, GOOD))
    corpus = _docs("They played win-win cooperation games. Real win-win cooperation followed.")
    hits = find_slogans(corpus, lexicon=lex)
    assert hits["matched"].tolist() == ["win-win cooperation"]
    assert hits["sentence_id"].tolist() == [1]


def test_find_slogans_accepts_dataframes_and_rejects_strings():
    df = pd.DataFrame({"doc_id": ["a"], "text": ["The Global South met."]})
    assert find_slogans(df)["family"].tolist() == ["global_south"]
    with pytest.raises(TypeError, match="not a str; load a folder or file first"):
        find_slogans("The Global South met.")
    with pytest.raises(ValueError, match="no text column 'text'; columns are \\['body'\\]"):
        find_slogans(pd.DataFrame({"body": ["x"]}))


def test_no_match_gives_empty_typed_frame():
    hits = find_slogans(_docs("Nothing to see."))
    assert hits.empty
    assert list(hits.columns[:6]) == MATCH_COLUMNS
    assert hits["start"].dtype == np.int64


# --------------------------------------------------------------------------- tables


@pytest.fixture
def outlets():
    # tokens: d1 = 6 (win-win is one token), d2 = 4, d3 = 6, d4 = 3
    return _docs(
        "Win-win cooperation and win-win cooperation again.",
        "The Global South rises.",
        "Win-win cooperation for the Global South.",
        "Nothing here today.",
        outlet=["X", "X", "Y", "Z"],
        date=["2024-01-05", "2023-06-01", "2025", None],
    )


def test_slogan_table_counts_rates_and_dates(outlets):
    lex = load_lexicon().subset(["win_win_cooperation", "global_south"])
    t = slogan_table(outlets, by="outlet", lexicon=lex)
    assert list(t.columns) == [
        "family", "group", "count", "n_tokens", "rate_per_10k", "n_docs_using", "n_docs",
        "first_date", "last_date",
    ]  # fmt: skip
    rows = t[["family", "group", "count", "n_tokens", "n_docs_using", "n_docs"]].values.tolist()
    assert rows == [
        ["win_win_cooperation", "X", 2, 10, 1, 2],
        ["win_win_cooperation", "Y", 1, 6, 1, 1],
        ["win_win_cooperation", "Z", 0, 3, 0, 1],
        ["global_south", "X", 1, 10, 1, 2],
        ["global_south", "Y", 1, 6, 1, 1],
        ["global_south", "Z", 0, 3, 0, 1],
    ]
    np.testing.assert_allclose(t["rate_per_10k"], [2000.0, 10000 / 6, 0.0, 1000.0, 10000 / 6, 0.0])
    first = t.set_index(["family", "group"])["first_date"]
    assert first[("win_win_cooperation", "X")] == "2024-01-05"
    assert first[("global_south", "X")] == "2023-06-01"
    assert first[("global_south", "Y")] == "2025"  # a bare year is reported as written
    assert pd.isna(first[("win_win_cooperation", "Z")])


def test_slogan_table_by_document_without_dates():
    corpus = _docs("The Global South.", "No slogans.")
    t = slogan_table(corpus, lexicon=load_lexicon().subset(["global_south"]))
    assert t[["group", "count", "n_docs"]].values.tolist() == [["d1", 1, 1], ["d2", 0, 1]]
    assert "first_date" not in t.columns


def test_slogan_table_uses_given_matches_and_checks_them(outlets):
    lex = load_lexicon().subset(["global_south"])
    matches = find_slogans(outlets, lexicon=lex).iloc[:1]
    t = slogan_table(outlets, matches, by="outlet", lexicon=lex)
    assert t["count"].tolist() == [1, 0, 0]
    with pytest.raises(ValueError, match=r"matches has no column\(s\) \['family'\]"):
        slogan_table(outlets, matches.drop(columns="family"), by="outlet")
    with pytest.raises(ValueError, match="by: no metadata column 'party'"):
        slogan_table(outlets, by="party", lexicon=lex)


def test_shared_slogans_status(outlets):
    lex = load_lexicon().subset(["win_win_cooperation", "global_south", "new_era"])
    s = shared_slogans(outlets, by="outlet", lexicon=lex)
    assert s.values.tolist() == [
        ["win_win_cooperation", "some", 2, 3, "X; Y", 3],
        ["global_south", "some", 2, 3, "X; Y", 2],
        ["new_era", "none", 0, 3, "", 0],
    ]
    two = outlets.subset(outlets.docs["outlet"] != "Z")
    s2 = shared_slogans(two, by="outlet", lexicon=lex)
    assert s2[["family", "status"]].values.tolist() == [
        ["win_win_cooperation", "all"], ["global_south", "all"], ["new_era", "none"],
    ]  # fmt: skip
    one = shared_slogans(_docs("The Global South.", "Nothing."), lexicon=lex)
    assert one.loc[one["family"] == "global_south", ["status", "groups_using"]].values.tolist() == [
        ["one", "d1"]
    ]


def test_variant_table_shares():
    corpus = _docs(
        "A community with a shared future for mankind. A global community of shared future.",
        "A global community of shared future. A community of common destiny.",
        "The community of common destiny.",
        outlet=["Xinhua", "Xinhua", "Reuters"],
    )
    lex = load_lexicon().subset(["shared_future"])
    v = variant_table(corpus, by="outlet", lexicon=lex)
    assert list(v.columns) == ["family", "variant", "label", "group", "count", "share"]
    n_variants = len(lex["shared_future"].variants)
    assert len(v) == 2 * n_variants
    used = v[v["count"] > 0][["group", "variant", "count"]].values.tolist()
    assert used == [
        ["Xinhua", "common_destiny", 1],
        ["Xinhua", "global_community", 2],
        ["Xinhua", "for_mankind", 1],
        ["Reuters", "common_destiny", 1],
    ]
    assert v.groupby("group")["share"].sum().to_dict() == {"Reuters": 1.0, "Xinhua": 1.0}
    xin = v[(v["group"] == "Xinhua") & (v["variant"] == "global_community")]
    assert xin["share"].item() == 0.5
    with pytest.raises(ValueError, match=r"matches has no column\(s\) \['variant'\]"):
        variant_table(corpus, find_slogans(corpus)[MATCH_COLUMNS], by="outlet")


# --------------------------------------------------------------------------- command line


def test_cli_slogans_writes_exact_columns(tmp_path, seeds_dir):
    out = tmp_path / "hits.csv"
    assert main(["slogans", str(seeds_dir), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == MATCH_COLUMNS
    assert (table["family"] == "shared_future").sum() == 32


def test_cli_slogans_with_user_lexicon(tmp_path, seeds_dir):
    lex = _write(tmp_path, GOOD)
    out = tmp_path / "hits.csv"
    assert main(["slogans", str(seeds_dir), "--out", str(out), "--lexicon", str(lex)]) == 0
    assert set(pd.read_csv(out)["family"]) <= {"win_win", "shared_future"}
    assert main(["slogans", str(seeds_dir), "--out", str(out), "--lexicon", str(lex),
                 "--extend"]) == 0  # fmt: skip
    assert "five_principles" in set(pd.read_csv(out)["family"])


def test_cli_slogans_reports_bad_lexicon(tmp_path, seeds_dir, capsys):
    bad = _write(tmp_path, GOOD.replace("patterns: ['win-win result~']", "patterns: ['(']"))
    code = main(["slogans", str(seeds_dir), "--out", str(tmp_path / "o.csv"), "--lexicon",
                 str(bad)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "framing slogans: error:" in err and "mine.yaml, line 14" in err
    assert "Traceback" not in err
    assert main(["slogans", str(seeds_dir), "--out", str(tmp_path / "o.csv"), "--extend"]) == 2
    assert "--extend needs --lexicon" in capsys.readouterr().err
