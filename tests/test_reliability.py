"""Tests for framing.reliability against worked examples from the literature and against
independent implementations (scikit-learn, NLTK), never against this module's own output."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

from framing.reliability import (
    _coincidences,
    codebook_agreement,
    coding_sheet,
    cohen_kappa,
    intercoder_agreement,
    krippendorff_alpha,
    read_coding_sheet,
)

nan = np.nan

# ---------------------------------------------------------------------------
# Krippendorff's alpha
# ---------------------------------------------------------------------------

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", section C
# (nominal data, any number of observers, missing data): 4 observers A-D x 12 units.
# The same matrix and published values are used in the doctests/tests of the
# `krippendorff` PyPI package (pln-fing-udelar/fast-krippendorff) and on Wikipedia's
# "Krippendorff's alpha" page ("A computational example").
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],  # observer B
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],  # observer D
]


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_reproduces_krippendorff_2011_example(level, published):
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level=level), 3) == published


def test_coincidence_matrix_of_krippendorff_2011_example():
    # Unit 12 has a single value (B=3), so it is not pairable: n = 40 pairable values.
    # Hand count of value margins n_c over units 1-11:
    #   value 1: u1 (A,B,D) 3 + u6 (A) 1 + u8 (A,B,D) 3 + u11 (C,D) 2        =  9
    #   value 2: u2 (A,B,D) 3 + u5 4 + u6 (B) 1 + u8 (C) 1 + u9 4           = 13
    #   value 3: u2 (C) 1 + u3 4 + u4 4 + u6 (C) 1                           = 10
    #   value 4: u6 (D) 1 + u7 4                                             =  5
    #   value 5: u10 (B,C,D) 3                                               =  3
    # Row of value 1, o_1k = sum_u (ordered 1-k pairs in u) / (m_u - 1):
    #   o_11 = u1: 3*2/2 + u8: 3*2/3 + u11: 2*1/1 = 3 + 2 + 2 = 7
    #   o_12 = u6: 1/3 + u8: 3/3 = 4/3;  o_13 = u6: 1/3;  o_14 = u6: 1/3;  o_15 = 0
    data = np.array(KRIPPENDORFF_2011)
    codes = np.where(np.isnan(data), -1, np.nan_to_num(data) - 1).astype(np.int64)
    o = _coincidences(codes, 5)
    np.testing.assert_allclose(o, o.T)
    np.testing.assert_allclose(o.sum(axis=1), [9, 13, 10, 5, 3])
    np.testing.assert_allclose(o[0], [7, 4 / 3, 1 / 3, 1 / 3, 0])


def test_alpha_binary_two_observers_krippendorff_2011_section_a():
    # Krippendorff (2011), section A: binary data, two observers, no missing data.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    # Coincidences: 0-0 agreements in units 4,5,7,8,10 -> o_00 = 10; 1-1 in unit 2 ->
    # o_11 = 2; disagreements in units 1,3,6,9 -> o_01 = o_10 = 4. n_0 = 14, n_1 = 6, n = 20.
    # alpha = 1 - (n - 1) o_01 / (n_0 n_1) = 1 - 19 * 4 / (14 * 6) = 1 - 76/84 = 0.0952
    expected = float(1 - Fraction(19 * 4, 14 * 6))
    assert krippendorff_alpha([a, b]) == pytest.approx(expected, abs=1e-12)
    assert round(krippendorff_alpha([a, b]), 3) == 0.095


def test_alpha_nominal_two_observers_krippendorff_2011_section_b():
    # Krippendorff (2011), section B: nominal data, two observers, no missing data.
    ben = list("aabbdcccedda")
    gerry = list("babbbccceddd")
    # 3 disagreeing units (1: a/b, 5: d/b, 12: a/d) -> sum_{c!=k} o_ck = 6; n = 24;
    # margins a 4, b 6, c 6, d 6, e 2 -> sum_{c!=k} n_c n_k = 24**2 - (16+36+36+36+4) = 448.
    # alpha = 1 - 23 * 6 / 448 = 1 - 138/448 = 0.692
    assert krippendorff_alpha([ben, gerry]) == pytest.approx(1 - 138 / 448, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("level", "distance"), [("nominal", binary_distance), ("interval", interval_distance)]
)
def test_alpha_matches_nltk_annotation_task_with_missing_values(seed, level, distance):
    rng = np.random.default_rng(seed)
    data = rng.integers(1, 6, size=(3, 40)).astype(float)
    agree = rng.random(40) < 0.6  # make the coders agree more than chance
    data[1:, agree] = data[0, agree]
    data[rng.random(data.shape) < 0.2] = np.nan
    triples = [
        (f"c{c}", f"u{u}", int(data[c, u]))
        for c in range(3)
        for u in range(40)
        if not np.isnan(data[c, u])
    ]
    reference = AnnotationTask(triples, distance=distance).alpha()
    assert krippendorff_alpha(data, level=level) == pytest.approx(reference, abs=1e-12)


def test_alpha_nominal_does_not_depend_on_the_labels():
    labels = np.array(["gs", "sf", "mp", "ww"], dtype=object)
    rng = np.random.default_rng(3)
    codes = rng.integers(0, 4, size=(3, 25))
    named = labels[codes].astype(object)
    named[0, 3] = None
    numeric = codes.astype(float)
    numeric[0, 3] = np.nan
    assert krippendorff_alpha(named) == pytest.approx(krippendorff_alpha(numeric), abs=1e-12)


def test_alpha_perfect_agreement_and_undefined_cases():
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3], [1, 2, nan]]) == 1.0
    assert np.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))  # no variation
    assert np.isnan(krippendorff_alpha([[1, nan], [nan, 2]]))  # no pairable unit
    assert krippendorff_alpha([[0, 0, 1], [0, 0, 1]], level="ratio") == 1.0  # 0/0 -> 0


def test_alpha_accepts_a_transposed_units_by_coders_frame():
    units_by_coders = pd.DataFrame(np.array(KRIPPENDORFF_2011).T, columns=list("ABCD"))
    assert round(krippendorff_alpha(units_by_coders.T), 3) == 0.743


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "message"),
    [
        ([1, 2, 3], {}, ValueError, r"2-D coders x units .* shape \(3,\)"),
        ([[1, 2, 3]], {}, ValueError, "at least two coders"),
        ([[1, 2], [1, 2]], {"level": "metric"}, ValueError, "level='metric' is not valid"),
        ([["a", "b"], ["a", "b"]], {"level": "interval"}, ValueError, "needs numeric.*'a'"),
        ([[-1, 2], [1, 2]], {"level": "ratio"}, ValueError, "non-negative.*-1"),
    ],
)
def test_alpha_errors(data, kwargs, error, message):
    with pytest.raises(error, match=message):
        krippendorff_alpha(data, **kwargs)


# ---------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------


def test_kappa_two_readers_grant_proposals_example():
    # Textbook example (Wikipedia "Cohen's kappa", simple example): 50 grant proposals,
    # readers A and B; yes/yes 20, A yes/B no 5, A no/B yes 10, no/no 15.
    # p_o = (20 + 15)/50 = 0.70; A says yes 25/50 = 0.5, B says yes 30/50 = 0.6;
    # p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5)/(1 - 0.5) = 0.4
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-12)


def test_kappa_sas_proc_freq_three_category_table():
    # SAS/STAT PROC FREQ agreement example, reproduced in statsmodels'
    # test_inter_rater.py (table10; SAS prints Kappa 0.4842). Rows rater 1, cols rater 2:
    #   [[0, 4, 1], [0, 8, 0], [0, 1, 5]], n = 19
    # p_o = (0 + 8 + 5)/19 = 13/19; rows 5, 8, 6; cols 0, 13, 6;
    # p_e = (5*0 + 8*13 + 6*6)/19**2 = 140/361; kappa = (247 - 140)/(361 - 140) = 107/221
    table = np.array([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    r1 = np.repeat(np.repeat(np.arange(3), 3), table.ravel())
    r2 = np.repeat(np.tile(np.arange(3), 3), table.ravel())
    assert cohen_kappa(r1, r2) == pytest.approx(107 / 221, abs=1e-12)
    assert round(cohen_kappa(r1, r2), 4) == 0.4842


def test_kappa_r_irr_anxiety_raters_2_and_3():
    # R package irr, data(anxiety); kappa2(anxiety[, 2:3]) prints Kappa = -0.00629
    # (value -0.006289308, as recorded in statsmodels' test_inter_rater.py).
    rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
    rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
    assert cohen_kappa(rater2, rater3) == pytest.approx(-0.006289308, abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_kappa_matches_sklearn_on_random_data(seed):
    rng = np.random.default_rng(seed)
    labels = np.array(["gs", "sf", "mp", "ww", "none"])
    a = rng.integers(0, 5, size=200)
    b = np.where(rng.random(200) < 0.6, a, rng.integers(0, 5, size=200))
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    assert cohen_kappa(labels[a], labels[b]) == pytest.approx(
        cohen_kappa_score(labels[a], labels[b]), abs=1e-12
    )


def test_kappa_drops_units_missing_for_either_coder():
    a = [1, 0, None, 1, 0, 1]
    b = [1, 0, 1, nan, 1, 1]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score([1, 0, 0, 1], [1, 0, 1, 1]))


def test_kappa_is_nan_when_undefined():
    assert np.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))  # p_e = 1
    assert np.isnan(cohen_kappa([], []))
    assert cohen_kappa([0, 0, 0, 0], [0, 1, 0, 0]) == pytest.approx(0.0)


def test_kappa_per_category_for_binary_code_frames():
    rng = np.random.default_rng(7)
    human = pd.DataFrame(rng.integers(0, 2, size=(60, 3)), columns=["gs", "sf", "mp"])
    machine = human.where(rng.random((60, 3)) < 0.8, 1 - human)
    result = cohen_kappa(machine, human)
    assert list(result.index) == ["gs", "sf", "mp"]
    for column in result.index:
        assert result[column] == pytest.approx(
            cohen_kappa_score(machine[column], human[column]), abs=1e-12
        )


@pytest.mark.parametrize(
    ("a", "b", "error", "message"),
    [
        ([1, 0, 1], [1, 0], ValueError, "coder1 has 3 units but coder2 has 2"),
        ("yes", ["yes"], TypeError, "coder1 must be a sequence of codes, not the string"),
        (pd.DataFrame({"x": [1]}), [1], TypeError, "both be DataFrames"),
        (pd.DataFrame({"x": [1]}), pd.DataFrame({"y": [1]}), ValueError, "same columns"),
        ([[1, 0], [0, 1]], [[1, 0], [0, 1]], ValueError, "must be 1-D"),
    ],
)
def test_kappa_errors(a, b, error, message):
    with pytest.raises(error, match=message):
        cohen_kappa(a, b)


# ---------------------------------------------------------------------------
# codebook_agreement
# ---------------------------------------------------------------------------

CATS = ["global_south", "shared_future", "multipolarity"]


def _coded(rng, n_docs=6, per_doc=15, cats=CATS):
    keys = pd.DataFrame(
        {
            "doc_id": np.repeat([f"d{i}" for i in range(n_docs)], per_doc),
            "sentence_id": np.tile(np.arange(per_doc), n_docs),
        }
    )
    gold = keys.copy()
    for c in cats:
        gold[c] = (rng.random(len(keys)) < 0.3).astype(int)
    return keys, gold


def test_codebook_agreement_matches_sklearn_per_category_and_averages():
    rng = np.random.default_rng(11)
    keys, gold = _coded(rng)
    predicted = keys.copy()
    for c in CATS:
        flip = rng.random(len(keys)) < 0.2
        predicted[c] = np.where(flip, 1 - gold[c], gold[c]) * rng.integers(1, 4, len(keys))
    # machine output in another row order, with extra columns and extra units
    extra = pd.DataFrame({"doc_id": ["zz"], "sentence_id": [0], **{c: [1] for c in CATS}})
    predicted = pd.concat([predicted.iloc[::-1], extra], ignore_index=True)
    predicted["sentence"] = "text"

    table = codebook_agreement(predicted, gold)
    assert list(table.columns) == [
        "category", "n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "cohen_kappa"
    ]  # fmt: skip
    assert list(table["category"]) == [*CATS, "micro", "macro"]

    aligned = gold[["doc_id", "sentence_id"]].merge(predicted, on=["doc_id", "sentence_id"])
    y_true = gold[CATS].to_numpy()
    y_pred = (aligned[CATS].to_numpy() > 0).astype(int)
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=None)
    rows = table.set_index("category")
    np.testing.assert_allclose(rows.loc[CATS, "precision"], p)
    np.testing.assert_allclose(rows.loc[CATS, "recall"], r)
    np.testing.assert_allclose(rows.loc[CATS, "f1"], f)
    for j, c in enumerate(CATS):
        assert rows.loc[c, "cohen_kappa"] == pytest.approx(
            cohen_kappa_score(y_true[:, j], y_pred[:, j]), abs=1e-12
        )
        assert rows.loc[c, "tp"] == int(((y_true[:, j] == 1) & (y_pred[:, j] == 1)).sum())
        assert rows.loc[c, "n"] == len(gold)
    for average in ("micro", "macro"):
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=average)
        assert rows.loc[average, ["precision", "recall", "f1"]].tolist() == pytest.approx([p, r, f])
    # micro kappa: the kappa of the pooled 2x2 table of all (unit, category) decisions
    assert rows.loc["micro", "cohen_kappa"] == pytest.approx(
        cohen_kappa_score(y_true.ravel(), y_pred.ravel()), abs=1e-12
    )
    assert rows.loc["macro", "cohen_kappa"] == pytest.approx(
        rows.loc[CATS, "cohen_kappa"].mean(), abs=1e-12
    )
    assert rows.loc["micro", "n"] == 3 * len(gold)


def test_codebook_agreement_category_without_positives_gives_nan_not_crash():
    keys = pd.DataFrame({"doc_id": ["a"] * 4, "sentence_id": [0, 1, 2, 3]})
    gold = keys.assign(civilization=[0, 0, 0, 0], peace=[1, 0, 1, 0])
    predicted = keys.assign(civilization=[0, 0, 0, 0], peace=[1, 0, 0, 0])
    rows = codebook_agreement(predicted, gold).set_index("category")
    never = rows.loc["civilization"]
    assert (never.tp, never.fp, never.fn, never.tn) == (0, 0, 0, 4)
    assert np.isnan(never.precision) and np.isnan(never.recall) and np.isnan(never.f1)
    assert np.isnan(never.cohen_kappa)
    # macro ignores the undefined category: it is the peace value alone
    assert rows.loc["macro", "recall"] == pytest.approx(0.5)
    assert rows.loc["macro", "precision"] == pytest.approx(1.0)
    # machine finds something the humans never coded: precision 0, recall undefined
    predicted2 = predicted.assign(civilization=[0, 1, 0, 0])
    row = codebook_agreement(predicted2, gold).set_index("category").loc["civilization"]
    assert row.precision == 0.0 and np.isnan(row.recall) and row.f1 == 0.0


def test_codebook_agreement_leaves_out_blank_human_codes():
    keys = pd.DataFrame({"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0]})
    gold = keys.assign(peace=pd.array([1, pd.NA, 0], dtype="Int64"))
    predicted = keys.assign(peace=[1, 1, 1])
    row = codebook_agreement(predicted, gold).iloc[0]
    assert (row.n, row.tp, row.fp, row.fn, row.tn) == (2, 1, 1, 0, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"gold": lambda g: g.assign(peace=[1, 2])}, r"gold, column 'peace': value 2 \(row 1\)"),
        (
            {"predicted": lambda p: p.iloc[:1]},
            r"no row for 1 unit\(s\) of gold, e.g. doc_id='a' sentence_id=1",
        ),
        ({"predicted": lambda p: p.drop(columns="peace")}, "predicted is missing column.*'peace'"),
        ({"gold": lambda g: g.drop(columns="sentence_id")}, "gold is missing column.*sentence_id"),
        (
            {"gold": lambda g: g.assign(sentence_id=[0, 0])},
            "gold: unit doc_id='a', sentence_id=0 appears 2 times",
        ),
        ({"gold": lambda g: g.rename(columns={"peace": "micro"})}, "clashes with the average"),
        ({"predicted": lambda p: p.assign(peace=[1, -1])}, "not a non-negative number"),
    ],
)
def test_codebook_agreement_errors(change, message):
    keys = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1]})
    frames = {"predicted": keys.assign(peace=[1, 0]), "gold": keys.assign(peace=[1, 0])}
    for name, edit in change.items():
        frames[name] = edit(frames[name])
    with pytest.raises(ValueError, match=message):
        codebook_agreement(frames["predicted"], frames["gold"])


# ---------------------------------------------------------------------------
# intercoder_agreement
# ---------------------------------------------------------------------------


def test_intercoder_two_coders_aligns_units_and_matches_reference_coefficients():
    rng = np.random.default_rng(5)
    keys, ann = _coded(rng, n_docs=4, per_doc=10)
    ben = ann.copy()
    for c in CATS:
        flip = rng.random(len(ben)) < 0.25
        ben[c] = np.where(flip, 1 - ann[c], ann[c])
    ben = ben.astype({c: "Int64" for c in CATS})
    ben.loc[3, "shared_future"] = pd.NA  # Ben left one cell blank
    ben_shuffled = ben.sample(frac=1, random_state=0).iloc[:-2]  # other order, 2 units fewer
    dropped = ben.index.difference(ben_shuffled.index)

    table = intercoder_agreement([ann, ben_shuffled])
    assert list(table.columns) == [
        "category", "n_coders", "n_units", "percent_agreement", "krippendorff_alpha",
        "cohen_kappa",
    ]  # fmt: skip
    rows = table.set_index("category")
    for c in CATS:
        both = ben[c].notna() & ~ben.index.isin(dropped)
        a, b = ann.loc[both, c].to_numpy(int), ben.loc[both, c].to_numpy(int)
        assert rows.loc[c, "n_coders"] == 2
        assert rows.loc[c, "n_units"] == both.sum()
        assert rows.loc[c, "percent_agreement"] == pytest.approx((a == b).mean())
        assert rows.loc[c, "cohen_kappa"] == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
        triples = [("ann", str(i), int(v)) for i, v in zip(np.flatnonzero(both), a, strict=True)]
        triples += [("ben", str(i), int(v)) for i, v in zip(np.flatnonzero(both), b, strict=True)]
        reference = AnnotationTask(triples, distance=binary_distance).alpha()
        assert rows.loc[c, "krippendorff_alpha"] == pytest.approx(reference, abs=1e-12)


def test_intercoder_three_coders_with_blanks_hand_computed():
    keys = pd.DataFrame({"doc_id": ["a"] * 5, "sentence_id": range(5)})
    c1 = keys.assign(peace=pd.array([1, 1, 0, 0, 1], dtype="Int64"))
    c2 = keys.assign(peace=pd.array([1, 0, 0, 0, pd.NA], dtype="Int64"))
    c3 = keys.assign(peace=pd.array([1, 1, 0, pd.NA, pd.NA], dtype="Int64"))
    row = intercoder_agreement([c1, c2, c3]).iloc[0]
    # Unit 5 has a single value: 4 pairable units, of which unit 2 (1, 0, 1) disagrees.
    assert row.n_units == 4
    assert row.percent_agreement == pytest.approx(3 / 4)
    assert np.isnan(row.cohen_kappa)
    # Coincidences (m_u - 1 weights): u1 (1,1,1): o_11 += 6/2 = 3; u2 (1,0,1): o_11 += 2/2,
    # o_10 = o_01 += 2/2 = 1; u3 (0,0,0): o_00 += 3; u4 (0,0): o_00 += 2.
    # o_00 = 5, o_11 = 4, o_01 = o_10 = 1; n_0 = 6, n_1 = 5, n = 11.
    # alpha = 1 - (n - 1) * 2 o_01 / (2 n_0 n_1) = 1 - 10 * 1 / 30 = 2/3
    assert row.krippendorff_alpha == pytest.approx(2 / 3, abs=1e-12)


def test_intercoder_reads_sheet_files(tmp_path):
    paths = []
    for i, codes in enumerate([["1", "0", ""], ["1", "1", "0"]]):
        path = tmp_path / f"coder{i}.csv"
        rows = [f"d,{s},Sentence {s}.,{v}," for s, v in enumerate(codes)]
        path.write_text("doc_id,sentence_id,sentence,peace,notes\n" + "\n".join(rows) + "\n")
        paths.append(path)
    row = intercoder_agreement(paths, categories=["peace"]).iloc[0]
    assert (row.n_units, row.percent_agreement) == (2, 0.5)


@pytest.mark.parametrize(
    ("sheets", "error", "message"),
    [
        ("one.csv", TypeError, "must be a list of coding sheets"),
        ([pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "x": [1]})], ValueError, "got 1"),
    ],
)
def test_intercoder_errors(sheets, error, message):
    with pytest.raises(error, match=message):
        intercoder_agreement(sheets)


def test_intercoder_error_names_the_sheet_missing_a_category():
    a = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "peace": [1], "war": [0]})
    b = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "peace": [1]})
    with pytest.raises(ValueError, match=r"sheets\[1\] is missing column\(s\) 'war'"):
        intercoder_agreement([a, b])


# ---------------------------------------------------------------------------
# coding sheets
# ---------------------------------------------------------------------------


def _sentences(sizes=(60, 30, 10)):
    frames = []
    for i, size in enumerate(sizes):
        frames.append(
            pd.DataFrame(
                {
                    "doc_id": f"doc{i}",
                    "sentence_id": np.arange(size),
                    "sentence": [f"Sentence {j} of doc{i}." for j in range(size)],
                    "outlet": ["xinhua", "scmp", "bbc"][i],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_coding_sheet_columns_blank_codes_and_reproducibility():
    sentences = _sentences()
    sheet = coding_sheet(sentences, categories=["peace", "win_win"], n=12, random_state=3)
    assert list(sheet.columns) == [
        "doc_id", "sentence_id", "sentence", "peace", "win_win", "notes"
    ]  # fmt: skip
    assert len(sheet) == 12
    assert not sheet.duplicated(["doc_id", "sentence_id"]).any()
    assert sheet["peace"].isna().all() and sheet["win_win"].isna().all()
    assert (sheet["notes"] == "").all()
    # each row is a real sentence of the input, text carried over unchanged
    merged = sheet.merge(sentences, on=["doc_id", "sentence_id"], suffixes=("", "_src"))
    assert (merged["sentence"] == merged["sentence_src"]).all() and len(merged) == 12
    # rows keep corpus order
    order = sentences.reset_index().merge(sheet, on=["doc_id", "sentence_id"])["index"]
    assert order.is_monotonic_increasing
    again = coding_sheet(sentences, categories=["peace", "win_win"], n=12, random_state=3)
    pd.testing.assert_frame_equal(sheet, again)
    other = coding_sheet(sentences, categories=["peace", "win_win"], n=12, random_state=4)
    assert not sheet[["doc_id", "sentence_id"]].equals(other[["doc_id", "sentence_id"]])


def test_coding_sheet_sample_is_uniform_over_sentences():
    # Over many seeds each of the 100 sentences is drawn about n/N = 10% of the time.
    sentences = _sentences()
    hits = pd.Series(0, index=pd.MultiIndex.from_frame(sentences[["doc_id", "sentence_id"]]))
    for seed in range(300):
        sheet = coding_sheet(sentences, categories=["peace"], n=10, random_state=seed)
        hits[pd.MultiIndex.from_frame(sheet[["doc_id", "sentence_id"]])] += 1
    assert hits.sum() == 3000
    assert hits.min() > 10 and hits.max() < 55  # binomial(300, 0.1): mean 30, sd 5.2


@pytest.mark.parametrize("by", ["outlet", "series"])
def test_coding_sheet_stratified_proportional_allocation(by):
    sentences = _sentences((60, 30, 10))
    if by == "series":  # as returned by Corpus.groups(by): group label indexed by doc_id
        by = pd.Series(["xinhua", "scmp", "bbc"], index=["doc0", "doc1", "doc2"])
        sentences = sentences.drop(columns="outlet")
    sheet = coding_sheet(sentences, categories=["peace"], n=10, by=by, random_state=0)
    # 60/30/10 of 100 sentences -> 6, 3, 1 of 10
    assert sheet["doc_id"].value_counts().to_dict() == {"doc0": 6, "doc1": 3, "doc2": 1}


def test_coding_sheet_largest_remainder_rounding():
    # Groups in label order: bbc (doc2, 2 sentences), scmp (doc1, 3), xinhua (doc0, 5).
    # Quotas for n=5: 1.0, 1.5, 2.5 -> floors 1, 1, 2 (sum 4); the one remaining draw goes
    # to the largest remainder, a tie (0.5, 0.5) broken toward the first label, scmp.
    sentences = _sentences((5, 3, 2))
    sheet = coding_sheet(sentences, categories=["peace"], n=5, by="outlet")
    assert sheet["doc_id"].value_counts().to_dict() == {"doc0": 2, "doc1": 2, "doc2": 1}


def test_coding_sheet_warns_when_n_exceeds_the_sentences():
    sentences = _sentences((3, 2, 1))
    with pytest.warns(UserWarning, match="n=50 is larger than the 6 sentences"):
        sheet = coding_sheet(sentences, categories=["peace"], n=50)
    assert len(sheet) == 6


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"categories": "peace"}, TypeError, r"not the single string 'peace'; pass \['peace'\]"),
        ({"categories": []}, ValueError, "categories is empty"),
        ({"categories": ["peace", "peace"]}, ValueError, "lists 'peace' more than once"),
        ({"categories": ["notes"]}, ValueError, "reserved column"),
        ({"categories": ["peace"], "n": 0}, ValueError, "n=0 is not valid"),
        ({"categories": ["peace"], "by": "region"}, ValueError, "missing column.*'region'"),
        ({"categories": ["peace"], "by": pd.Series({"doc0": "x"})}, ValueError, "doc1"),
    ],
)
def test_coding_sheet_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        coding_sheet(_sentences((3, 2, 1)), **{"n": 3, **kwargs})


def test_coding_sheet_rejects_missing_columns_and_duplicate_units():
    sentences = _sentences((3, 2, 1))
    with pytest.raises(ValueError, match="sentences_df is missing column.*'sentence'"):
        coding_sheet(sentences.drop(columns="sentence"), categories=["peace"])
    doubled = pd.concat([sentences, sentences.iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError, match="doc_id='doc0', sentence_id=0 appears 2 times"):
        coding_sheet(doubled, categories=["peace"])


def test_coding_sheet_round_trip_through_csv(tmp_path):
    sheet = coding_sheet(_sentences(), categories=["peace", "win_win"], n=5, random_state=2)
    path = tmp_path / "blank.csv"
    sheet.to_csv(path, index=False)
    blank = read_coding_sheet(path, categories=["peace", "win_win"])
    assert blank["peace"].isna().all() and len(blank) == 5
    filled = sheet.copy()
    filled["peace"] = [1, 0, 1, 0, 1]
    filled["win_win"] = pd.array([0, 0, pd.NA, 1, 0], dtype="Int64")
    filled.loc[1, "notes"] = "ironic, see context"
    filled.to_csv(path, index=False, encoding="utf-8-sig")  # as a spreadsheet saves it
    back = read_coding_sheet(path, categories=["peace", "win_win"])
    assert back["peace"].tolist() == [1, 0, 1, 0, 1]
    assert back["win_win"].isna().tolist() == [False, False, True, False, False]
    assert back.loc[1, "notes"] == "ironic, see context"
    assert back["sentence"].tolist() == sheet["sentence"].tolist()
    assert str(back["sentence_id"].dtype) == "int64"


def _write(tmp_path, text, name="coder.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "doc_id,sentence_id,sentence,notes\na,0,x,\n",
            r"coding sheet '.*coder.csv': row 1 \(header\) lacks column\(s\) 'peace'",
        ),
        (
            "doc_id,sentence_id,peace\na,0,1\na,1,yes\na,2,2\n",
            r"coding sheet '.*coder.csv', row 3, column 'peace': 'yes' is not 0, 1 or blank "
            r"\(and 1 more invalid cell",
        ),
        (
            "doc_id,sentence_id,peace\na,0,1\nb,0,0\na,0,0\n",
            r"'.*coder.csv', rows 2, 4, columns 'doc_id' and 'sentence_id': unit doc_id='a', "
            r"sentence_id=0 is listed more than once",
        ),
        (
            "doc_id,sentence_id,peace\na,zero,1\n",
            r"row 2, column 'sentence_id': 'zero' is not a whole number",
        ),
        ("doc_id,sentence_id,peace\n,0,1\n", r"row 2, column 'doc_id': the doc_id is empty"),
    ],
)
def test_read_coding_sheet_errors_name_file_row_and_column(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ValueError, match=message):
        read_coding_sheet(path, categories=["peace"])


def test_read_coding_sheet_missing_file_and_inferred_categories(tmp_path):
    with pytest.raises(FileNotFoundError, match=re.escape("'nowhere.csv' does not exist")):
        read_coding_sheet("nowhere.csv", categories=["peace"])
    path = _write(tmp_path, "doc_id,sentence_id,sentence,peace,war,notes\na,0,x, 1 ,0,\n")
    sheet = read_coding_sheet(path)
    assert list(sheet.columns) == ["doc_id", "sentence_id", "sentence", "peace", "war", "notes"]
    assert sheet.loc[0, "peace"] == 1


# ---------------------------------------------------------------------------
# command line: framing sheet / framing agreement
# ---------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_cli_sheet_writes_a_reproducible_blank_sheet(tmp_path):
    from framing.cli import main

    out1, out2 = tmp_path / "s1.csv", tmp_path / "s2.csv"
    for out in (out1, out2):
        args = ["sheet", str(SEEDS), "--out", str(out), "--n", "15", "--seed", "4"]
        assert main([*args, "--categories", "global_south,win_win"]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    sheet = read_coding_sheet(out1, categories=["global_south", "win_win"])
    assert len(sheet) == 15
    assert list(sheet.columns) == [
        "doc_id", "sentence_id", "sentence", "global_south", "win_win", "notes"
    ]  # fmt: skip
    assert sheet["global_south"].isna().all()


def test_cli_sheet_takes_the_categories_from_the_codebook(tmp_path):
    codebook = pytest.importorskip("framing.codebook")
    from framing.cli import main

    out = tmp_path / "sheet.csv"
    assert main(["sheet", str(SEEDS), "--out", str(out), "--n", "5"]) == 0
    header = out.read_text().splitlines()[0].split(",")
    assert header == ["doc_id", "sentence_id", "sentence", *codebook.load_codebook().ids, "notes"]


def test_cli_agreement_machine_against_two_coders(tmp_path, capsys):
    from framing.cli import main

    keys = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "sentence_id": [0, 1, 0, 1]})
    keys.assign(sentence="s", peace=[2, 0, 1, 0]).to_csv(tmp_path / "machine.csv", index=False)
    keys.assign(peace=[1, 1, 1, 0], notes="").to_csv(tmp_path / "ann.csv", index=False)
    keys.assign(peace=[1, 0, 1, 0], notes="").to_csv(tmp_path / "ben.csv", index=False)
    argv = ["agreement", "--machine", str(tmp_path / "machine.csv"), "--human"]
    argv += [str(tmp_path / "ann.csv"), str(tmp_path / "ben.csv")]
    argv += ["--out", str(tmp_path / "agr.csv"), "--intercoder", str(tmp_path / "ic.csv")]
    assert main(argv) == 0
    agr = pd.read_csv(tmp_path / "agr.csv")
    assert list(agr.columns[:3]) == ["human", "category", "n"]
    ann = agr[(agr.human == "ann.csv") & (agr.category == "peace")].iloc[0]
    # machine 1,0,1,0 vs Ann 1,1,1,0: tp 2, fp 0, fn 1, tn 1
    assert (ann.tp, ann.fp, ann.fn, ann.tn) == (2, 0, 1, 1)
    ben = agr[(agr.human == "ben.csv") & (agr.category == "peace")].iloc[0]
    assert ben.cohen_kappa == 1.0
    ic = pd.read_csv(tmp_path / "ic.csv")
    # Ann 1,1,1,0 vs Ben 1,0,1,0: p_o = 3/4, p_e = 3/4*1/2 + 1/4*1/2 = 1/2, kappa = 1/2
    assert ic.loc[0, "cohen_kappa"] == pytest.approx(0.5)

    (tmp_path / "ben.csv").write_text("doc_id,sentence_id,peace\na,0,1\na,1,maybe\n")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "framing agreement: error: coding sheet" in err and "row 3, column 'peace'" in err
