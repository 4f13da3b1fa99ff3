"""Tests for framing.frames: evidence, matrices, bootstrap rates, chi2/G2 against scipy,
adjusted residuals against Agresti's published table, co-occurrence on a hand-worked toy,
the NMF check, the seeds, and the 'frames'/'evidence' sub-commands."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from framing.cli import main
from framing.codebook import load_codebook
from framing.corpus import load_corpus
from framing.frames import (
    EVIDENCE_COLUMNS,
    _holm,
    adjusted_residuals,
    code_frames,
    compare_frames,
    frame_cooccurrence,
    frame_matrix,
    frame_rates,
    frame_topics,
)

IDS = load_codebook().ids


def corpus_of(*texts, **meta):
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    for k, v in meta.items():
        df[k] = v
    return load_corpus(df)


@pytest.fixture()
def toy_codebook(tmp_path):
    path = tmp_path / "toy.yaml"
    path.write_text(
        textwrap.dedent(
            """
            name: toy
            version: 1.0.0
            categories:
              - id: south
                label: South
                description: developing world
                terms: [developing]
                exclude: ["developing (a|the|new) (plan|plans|product)"]
              - id: future
                label: Future
                description: shared future
                terms: [shared future, community with shared future, future]
            """
        ),
        "utf-8",
    )
    return load_codebook(path)


# --------------------------------------------------------------------------- evidence


def test_evidence_columns_offsets_and_order(seeds_corpus):
    ev = code_frames(seeds_corpus)
    assert list(ev.columns) == EVIDENCE_COLUMNS
    texts = seeds_corpus.docs.set_index("doc_id")["text"]
    for row in ev.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.matched
        assert row.matched in row.sentence
    # document order, then sentence, then start
    doc_rank = {d: i for i, d in enumerate(seeds_corpus.docs["doc_id"])}
    key = list(zip(ev["doc_id"].map(doc_rank), ev["sentence_id"], ev["start"], strict=True))
    assert key == sorted(key)


def test_every_category_has_evidence_on_the_seeds(seeds_corpus):
    ev = code_frames(seeds_corpus)
    counts = ev["category"].value_counts()
    missing = [c for c in IDS if counts.get(c, 0) == 0]
    assert not missing, f"no evidence on the seeds for {missing}"


def test_exclude_drops_only_overlapping_hits(toy_codebook):
    corpus = corpus_of("They are developing a plan with developing nations.")
    ev = code_frames(corpus, codebook=toy_codebook)
    assert ev["matched"].tolist() == ["developing"]
    assert ev["start"].tolist() == [32]


def test_overlapping_terms_of_one_category_are_one_hit(toy_codebook):
    corpus = corpus_of("A community with a shared future. The future.")
    ev = code_frames(corpus, codebook=toy_codebook)
    assert ev["matched"].tolist() == ["community with a shared future", "future"]
    assert ev["sentence_id"].tolist() == [0, 1]


def test_code_frames_accepts_a_dataframe_and_rejects_a_path_string():
    df = pd.DataFrame({"doc_id": ["x"], "text": ["Win-win cooperation."]})
    assert code_frames(df)["category"].tolist() == ["win_win"]
    with pytest.raises(TypeError, match="not a str; load a folder or file first"):
        code_frames("seeds")
    with pytest.raises(TypeError, match="codebook must be None, a path"):
        code_frames(df, codebook=42)


# --------------------------------------------------------------------------- matrices


@pytest.mark.parametrize("unit", ["sentence", "document"])
def test_frame_matrix_counts_match_evidence_and_keep_zero_rows(seeds_corpus, unit):
    ev = code_frames(seeds_corpus)
    m = frame_matrix(seeds_corpus, ev, unit=unit)
    keys = ["doc_id", "sentence_id", "sentence"] if unit == "sentence" else ["doc_id"]
    assert list(m.columns) == keys + IDS
    n_rows = len(seeds_corpus.tokens.sentences) if unit == "sentence" else len(seeds_corpus)
    assert len(m) == n_rows
    assert all(m[c].dtype == np.int64 for c in IDS)
    assert m[IDS].sum().to_dict() == {c: int((ev["category"] == c).sum()) for c in IDS}
    per_doc = ev.groupby("doc_id").size()
    if unit == "sentence":
        assert (m[IDS].sum(axis=1) == 0).any()  # uncoded sentences are kept
    else:
        assert m.set_index("doc_id")[IDS].sum(axis=1).to_dict() == per_doc.to_dict()


def test_frame_matrix_keeps_uncoded_documents():
    m = frame_matrix(corpus_of("Win-win ties.", "Sunny weather today."), unit="document")
    assert m["doc_id"].tolist() == ["d0", "d1"]
    assert m[IDS].sum(axis=1).tolist() == [1, 0]


def test_frame_matrix_rejects_bad_unit_and_foreign_categories(toy_corpus):
    with pytest.raises(ValueError, match="unit must be one of 'sentence', 'document'"):
        frame_matrix(toy_corpus, unit="paragraph")
    ev = code_frames(toy_corpus).assign(category="nonsense")
    with pytest.raises(ValueError, match="not in the codebook"):
        frame_matrix(toy_corpus, ev)


# --------------------------------------------------------------------------- rates


def test_frame_rates_raw_counts_by_hand(toy_corpus):
    # conftest toy: a "Win-win cooperation. Win-win!" (state, 3 tokens, 2 sentences)
    #               b "Peaceful development of the world." (state, 5 tokens)
    #               c "Win-win peace." (foreign, 2 tokens), d "The world and the peace." (None)
    r = frame_rates(toy_corpus, by="source", n_boot=50).set_index(["group", "category"])
    state = r.loc[("state", "win_win")]
    assert (state["hits"], state["n_tokens"], state["per_1k"]) == (2, 8, 250.0)
    assert (state["sentences_coded"], state["n_sentences"]) == (2, 3)
    assert state["share_sentences"] == pytest.approx(2 / 3)
    assert (state["docs_coded"], state["n_docs"]) == (1, 2)
    peace = r.xs("peace_stability", level="category")
    assert peace["hits"].to_dict() == {"(missing)": 1, "foreign": 1, "state": 1}
    assert peace.loc["(missing)", "per_1k"] == pytest.approx(1000 / 5)
    assert list(r.index.get_level_values("group").unique()) == ["(missing)", "foreign", "state"]


def test_bootstrap_is_seeded_and_reproducible(seeds_corpus):
    ev = code_frames(seeds_corpus)
    a = frame_rates(seeds_corpus, by="source_type", evidence=ev, n_boot=300, random_state=7)
    b = frame_rates(seeds_corpus, by="source_type", evidence=ev, n_boot=300, random_state=7)
    c = frame_rates(seeds_corpus, by="source_type", evidence=ev, n_boot=300, random_state=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["per_1k_low"], c["per_1k_low"], equal_nan=True)


def test_bootstrap_does_not_depend_on_blocking_of_groups(seeds_corpus, monkeypatch):
    import framing.frames as frames

    ev = code_frames(seeds_corpus)
    whole = frame_rates(seeds_corpus, evidence=ev, n_boot=100, random_state=3)
    monkeypatch.setattr(frames, "_BOOT_CELLS", 100 * len(IDS) * 2)  # two groups per block
    blocked = frame_rates(seeds_corpus, evidence=ev, n_boot=100, random_state=3)
    pd.testing.assert_frame_equal(whole, blocked)


def _bootstrap_by_loop(hits, n_tok, doc_pos, n_docs, groups, block, n_boot, random_state):
    """The definition, one slot at a time: every sentence slot of a document draws one
    sentence of that document (the same uniform numbers, in the same order), whose
    hits, coded categories and tokens go to its group's sums."""
    n_s, n_c = hits.shape
    doc_len = np.bincount(doc_pos, minlength=n_docs)
    doc_start = np.concatenate([[0], np.cumsum(doc_len)[:-1]])
    rng = np.random.default_rng(random_state)
    chunk = max(1, min(n_boot, 2_000_000 // max(n_s, 1)))
    out_h = np.zeros((n_boot, len(block), n_c))
    out_c = np.zeros((n_boot, len(block), n_c))
    out_t = np.zeros((n_boot, len(block)))
    for lo in range(0, n_boot, chunk):
        draws = rng.random((min(chunk, n_boot - lo), n_s))
        for k, u in enumerate(draws):
            for slot in range(n_s):
                d = doc_pos[slot]
                s = doc_start[d] + int(u[slot] * doc_len[d])
                if groups[d] in block:
                    g = groups[d] - block.start
                    out_h[lo + k, g] += hits[s]
                    out_c[lo + k, g] += hits[s] > 0
                    out_t[lo + k, g] += n_tok[s]
    return out_h, out_c, out_t


@pytest.mark.parametrize("seed", range(4))
def test_bootstrap_sums_equal_a_loop_over_sentence_slots(seed):
    import framing.frames as frames

    rng = np.random.default_rng(seed)
    n_s, n_docs = 120, 15
    doc_pos = np.sort(rng.integers(0, n_docs, n_s))
    hits = (rng.random((n_s, 4)) < 0.1) * rng.integers(1, 4, (n_s, 4))
    if seed == 3:
        hits[:] = 0  # no sentence coded at all
    n_tok = rng.integers(1, 30, n_s)
    groups = rng.integers(0, 3, n_docs)
    for block in (range(0, 3), range(1, 2)):
        args = (hits, n_tok, doc_pos, n_docs, groups, block, 9, seed)
        for got, expected in zip(frames._bootstrap(*args), _bootstrap_by_loop(*args), strict=True):
            np.testing.assert_array_equal(got, expected)


def test_confidence_intervals_contain_the_point_estimate(seeds_corpus):
    r = frame_rates(seeds_corpus, by="source_type", n_boot=500)
    assert r[["per_1k_low", "per_1k_high", "share_low", "share_high"]].notna().all().all()
    eps = 1e-9
    assert (r["per_1k_low"] <= r["per_1k"] + eps).all()
    assert (r["per_1k"] <= r["per_1k_high"] + eps).all()
    assert (r["share_low"] <= r["share_sentences"] + eps).all()
    assert (r["share_sentences"] <= r["share_high"] + eps).all()
    # a frequent frame in a long document has an interval of positive width
    big = r[(r["group"] == "party_journal") & (r["category"] == "shared_future")].iloc[0]
    assert big["share_high"] - big["share_low"] > 0.05


def test_bootstrap_resamples_sentences_within_documents():
    # Document d0 is coded in every sentence, d1 in none, and all sentences have the same
    # length. Resampling within documents keeps 3 coded sentences out of 6 in every
    # replicate, so the interval is a single point; resampling the group's 6 sentences
    # without regard to documents would not.
    corpus = corpus_of(
        "Win-win now. Win-win now. Win-win now.",
        "Nothing here. Nothing here. Nothing here.",
        src=["g", "g"],
    )
    r = frame_rates(corpus, by="src", n_boot=400).set_index("category").loc["win_win"]
    assert (r["share_sentences"], r["share_low"], r["share_high"]) == (0.5, 0.5, 0.5)
    assert (r["per_1k"], r["per_1k_low"], r["per_1k_high"]) == (250.0, 250.0, 250.0)


def test_frame_rates_argument_checks(toy_corpus):
    with pytest.raises(ValueError, match="n_boot must be a non-negative integer"):
        frame_rates(toy_corpus, n_boot=-1)
    with pytest.raises(ValueError, match="ci must be a coverage strictly between 0 and 1"):
        frame_rates(toy_corpus, ci=95)
    with pytest.raises(ValueError, match="by: no metadata column 'nope'"):
        frame_rates(toy_corpus, by="nope")
    r = frame_rates(toy_corpus, n_boot=0)
    assert r["per_1k_low"].isna().all() and len(r) == 4 * len(IDS)


# --------------------------------------------------------------------------- comparison


# Agresti (2002), Categorical Data Analysis, 2nd ed., Table 3.2: party identification by
# gender (GSS 2000), with published adjusted residuals (section 3.3.1) and X2 = 30.1,
# G2 = 30.0 on 2 df.
AGRESTI_TABLE = np.array([[762, 327, 468], [484, 239, 477]])
AGRESTI_RESIDUALS = np.array([[4.50, 0.70, -5.32], [-4.50, -0.70, 5.32]])


def test_adjusted_residuals_match_agresti():
    np.testing.assert_allclose(adjusted_residuals(AGRESTI_TABLE), AGRESTI_RESIDUALS, atol=0.006)


def test_holm_adjustment_by_hand():
    # sorted p: 0.01*3 = 0.03, 0.03*2 = 0.06, max(0.04*1, 0.06) = 0.06
    np.testing.assert_allclose(_holm(np.array([0.01, 0.04, 0.03, np.nan]))[:3], [0.03, 0.06, 0.06])
    assert np.isnan(_holm(np.array([0.01, np.nan]))[1])


@pytest.mark.parametrize(("measure", "lambda_"), [("chi2", None), ("g2", "log-likelihood")])
def test_compare_frames_matches_scipy(seeds_corpus, measure, lambda_):
    t = compare_frames(seeds_corpus, by="source_type", measure=measure)
    assert list(t.columns) == [
        "category",
        "group",
        "coded",
        "not_coded",
        "share",
        "expected",
        "residual",
        "stat",
        "df",
        "p",
        "p_holm",
        "min_expected",
        "measure",
    ]
    n_tested = 0
    for cid, part in t.groupby("category", sort=False):
        table = part[["coded", "not_coded"]].to_numpy()
        if (table.sum(axis=0) == 0).any():
            assert part["stat"].isna().all()
            continue
        stat, p, dof, expected = chi2_contingency(table, correction=False, lambda_=lambda_)
        assert part["stat"].iloc[0] == pytest.approx(stat), cid
        assert part["p"].iloc[0] == pytest.approx(p), cid
        assert part["df"].iloc[0] == dof
        np.testing.assert_allclose(part["expected"], expected[:, 0])
        n_tested += 1
    assert n_tested >= 8
    # the coded sentences add up to the sentences with evidence
    ev = code_frames(seeds_corpus)
    n_coded = ev.drop_duplicates(["doc_id", "sentence_id", "category"]).groupby("category").size()
    assert (
        t.groupby("category")["coded"].sum().to_dict()
        == n_coded.reindex(IDS, fill_value=0).to_dict()
    )


def test_compare_frames_residual_sign_and_errors(toy_corpus):
    corpus = corpus_of(
        "Win-win deals. Win-win ties. Calm day.",
        "Tensions rose. Calm day. Calm night.",
        src=["x", "y"],
    )
    t = compare_frames(corpus, by="src").set_index(["category", "group"])
    assert t.loc[("win_win", "x"), "residual"] > 0 > t.loc[("win_win", "y"), "residual"]
    expected_res = adjusted_residuals(np.array([[2, 1], [0, 3]]))[:, 0]
    np.testing.assert_allclose(t.loc["win_win", "residual"].to_numpy(), expected_res)
    with pytest.raises(ValueError, match="at least two groups"):
        compare_frames(corpus_of("Peace.", src=["x"]), by="src")
    with pytest.raises(ValueError, match="measure must be one of 'chi2', 'g2'"):
        compare_frames(corpus, by="src", measure="fisher")


# --------------------------------------------------------------------------- co-occurrence


def test_cooccurrence_hand_worked():
    # sentences: 1 peace + win_win | 2 peace | 3 win_win | 4 conflict + peace | 5 none
    corpus = corpus_of(
        "Peace and win-win.", "Peace now. Win-win deals.", "Tensions threaten peace. Sunny."
    )
    t = frame_cooccurrence(corpus).set_index(["category_a", "category_b"])
    row = t.loc[("win_win", "peace_stability")]
    assert (row["n_both"], row["n_a"], row["n_b"], row["n_units"]) == (1, 2, 3, 5)
    assert row["jaccard"] == pytest.approx(1 / 4)  # 1 / (2 + 3 - 1)
    assert row["lift"] == pytest.approx(5 / 6)  # 1 * 5 / (2 * 3)
    row = t.loc[("peace_stability", "conflict_tension")]
    assert (row["n_both"], row["n_a"], row["n_b"]) == (1, 3, 1)
    assert row["jaccard"] == pytest.approx(1 / 3)
    assert row["lift"] == pytest.approx(5 / 3)
    assert np.isnan(t.loc[("global_south", "shared_future"), "lift"])
    assert len(t) == len(IDS) * (len(IDS) - 1) // 2
    assert t["n_both"].is_monotonic_decreasing
    doc = frame_cooccurrence(corpus, unit="document").set_index(["category_a", "category_b"])
    assert doc.loc[("win_win", "peace_stability"), ["n_both", "n_units"]].tolist() == [2, 3]


# --------------------------------------------------------------------------- topics


def test_frame_topics_separates_topics_and_loads_them_on_frames():
    texts = [
        "Win-win trade deals grow trade.",
        "Trade deals and win-win trade.",
        "Football fans watch football.",
        "Fans love football matches.",
    ]
    t = frame_topics(corpus_of(*texts), n_topics=2, n_terms=3)
    assert list(t.columns) == [
        "topic",
        "top_terms",
        "topic_share",
        "category",
        "n_sentences",
        "mean_weight",
        "weight_share",
    ]
    assert len(t) == 2 * (len(IDS) + 1)
    by = t.set_index(["topic", "category"])
    trade = 0 if "trade" in by.loc[(0, "win_win"), "top_terms"] else 1
    sport = 1 - trade
    assert by.loc[(trade, "win_win"), "weight_share"] == pytest.approx(1.0)
    assert by.loc[(sport, "(uncoded)"), "weight_share"] == pytest.approx(1.0)
    assert by.loc[(sport, "(uncoded)"), "n_sentences"] == 2
    assert "football" in by.loc[(sport, "(uncoded)"), "top_terms"]
    assert t.drop_duplicates("topic")["topic_share"].sum() == pytest.approx(1.0)


def test_frame_topics_is_deterministic_and_checks_arguments(seeds_corpus):
    a = frame_topics(seeds_corpus, n_topics=4)
    b = frame_topics(seeds_corpus, n_topics=4)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="lower n_topics or min_df"):
        frame_topics(corpus_of("Peace now.", "War later."), n_topics=5)
    with pytest.raises(ValueError, match="n_topics must be a positive integer"):
        frame_topics(seeds_corpus, n_topics=0)


# --------------------------------------------------------------------------- command line


def test_cli_frames_and_evidence(seeds_dir, seeds_corpus, tmp_path):
    out = tmp_path / "frames.csv"
    assert main(["frames", str(seeds_dir), "--out", str(out)]) == 0
    m = pd.read_csv(out)
    assert list(m.columns) == ["doc_id", "sentence_id", "sentence", *IDS]
    assert len(m) == len(seeds_corpus.tokens.sentences)
    out = tmp_path / "docs.csv"
    assert main(["frames", str(seeds_dir), "--out", str(out), "--unit", "document"]) == 0
    d = pd.read_csv(out)
    assert list(d.columns) == ["doc_id", *IDS] and len(d) == 5
    assert d[IDS].sum().sum() == m[IDS].sum().sum()
    out = tmp_path / "evidence.csv"
    assert main(["evidence", str(seeds_dir), "--out", str(out)]) == 0
    ev = pd.read_csv(out)
    assert list(ev.columns) == EVIDENCE_COLUMNS
    assert len(ev) == d[IDS].sum().sum()


def test_cli_custom_codebook_and_errors(seeds_dir, tmp_path, toy_codebook, capsys):
    out = tmp_path / "f.csv"
    path = toy_codebook.source
    assert main(["frames", str(seeds_dir), "--out", str(out), "--codebook", path]) == 0
    assert list(pd.read_csv(out).columns) == [
        "doc_id",
        "sentence_id",
        "sentence",
        "south",
        "future",
    ]
    status = main(["evidence", str(seeds_dir), "--out", str(out), "--codebook", "nope.yaml"])
    assert status == 2
    assert "codebook file 'nope.yaml' does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: 1.0.0\ncategories:\n  - id: a\n    label: A\n", "utf-8")
    assert main(["frames", str(seeds_dir), "--out", str(out), "--codebook", str(bad)]) == 2
    assert "bad.yaml, line 4: category 'a': missing required key" in capsys.readouterr().err
