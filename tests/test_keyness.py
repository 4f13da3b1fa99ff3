"""keyness() against independent computations: scipy on tables built by hand from raw text."""

import collections
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.corpus import load_corpus
from framing.keyness import keyness
from framing.text import tokenize

TEXTS = {
    "s1": "Win-win cooperation brings win-win results. Peace and development.",
    "s2": "Mutual benefit and win-win cooperation. Development first.",
    "f1": "Tension and rivalry. The tension grows and cooperation stalls.",
    "f2": "Rivalry, tension and mistrust; peace is fragile.",
}
SOURCE = {"s1": "state", "s2": "state", "f1": "foreign", "f2": "foreign"}


@pytest.fixture(scope="module")
def corpus():
    df = pd.DataFrame(
        {"doc_id": list(TEXTS), "text": list(TEXTS.values()), "source": [SOURCE[d] for d in TEXTS]}
    )
    return load_corpus(df)


def _counts(group):
    """Word counts of a group, computed independently with collections.Counter."""
    c = collections.Counter()
    for d, t in TEXTS.items():
        if SOURCE[d] == group:
            c.update(tok for tok, _, _ in tokenize(t))
    return c


def _table(feature, target="foreign", reference="state"):
    ct, cr = _counts(target), _counts(reference)
    a, b = ct[feature], cr[feature]
    return np.array([[a, b], [sum(ct.values()) - a, sum(cr.values()) - b]])


@pytest.mark.parametrize("correction", ["default", "none"])
def test_chi2_matches_scipy_chi2_contingency(corpus, correction):
    table = keyness(corpus, by="source", target="foreign", measure="chi2", correction=correction)
    for row in table.itertuples():
        obs = _table(row.feature)
        stat, p, _, expected = stats.chi2_contingency(obs, correction=correction == "default")
        sign = 1 if obs[0, 0] * obs[1, 1] > obs[0, 1] * obs[1, 0] else -1
        if obs[0, 0] * obs[1, 1] == obs[0, 1] * obs[1, 0]:
            sign = np.sign(row.stat) or 1
        assert row.stat == pytest.approx(sign * stat, abs=1e-9)
        assert row.p == pytest.approx(p, abs=1e-9)


def test_uncorrected_g2_matches_scipy_power_divergence(corpus):
    table = keyness(corpus, by="source", target="foreign", measure="lr", correction="none")
    for row in table.itertuples():
        obs = _table(row.feature)
        expected = stats.contingency.expected_freq(obs)
        g2, _ = stats.power_divergence(
            obs.ravel(), expected.ravel(), ddof=2, lambda_="log-likelihood"
        )
        assert abs(row.stat) == pytest.approx(g2, abs=1e-9)
        assert np.sign(row.stat) == np.sign(
            obs[0, 0] / obs[:, 0].sum() - obs[0, 1] / obs[:, 1].sum()
        )


def test_williams_corrected_g2_by_hand(corpus):
    # "tension": 3 of 16 foreign tokens, 0 of 15 state tokens (counted in _counts).
    obs = _table("tension")
    assert obs.tolist() == [[3, 0], [13, 15]]
    n = obs.sum()
    e = np.outer(obs.sum(1), obs.sum(0)) / n
    g2 = 2 * sum(o * math.log(o / x) for o, x in zip(obs.ravel(), e.ravel(), strict=True) if o)
    rows, cols = obs.sum(1), obs.sum(0)
    q = 1 + (n * (1 / rows).sum() - 1) * (n * (1 / cols).sum() - 1) / (6 * n)
    table = keyness(corpus, by="source", target="foreign", measure="lr").set_index("feature")
    assert table.loc["tension", "stat"] == pytest.approx(g2 / q, abs=1e-9)


def test_log_ratio_and_pmi_by_hand(corpus):
    lr = keyness(corpus, by="source", target="foreign", measure="logratio").set_index("feature")
    # cooperation: 1 of 16 foreign tokens vs 2 of 15 state tokens
    assert lr.loc["cooperation", "stat"] == pytest.approx(math.log2((1 / 16) / (2 / 15)), abs=1e-12)
    pmi = keyness(corpus, by="source", target="foreign", measure="pmi").set_index("feature")
    # quanteda: log(a * N / ((a + b) * (a + c))), natural log
    assert pmi.loc["cooperation", "stat"] == pytest.approx(math.log(1 * 31 / (3 * 16)), abs=1e-12)
    assert pmi["p"].isna().all() and lr["p"].isna().all()


def test_columns_sorting_and_sign(corpus):
    table = keyness(corpus, by="source", target="foreign")
    assert list(table.columns) == [
        "feature",
        "n_target",
        "n_reference",
        "stat",
        "p",
        "per_1k_target",
        "per_1k_reference",
        "measure",
        "target",
    ]
    assert table["stat"].is_monotonic_decreasing
    top = table.iloc[0]
    assert top["feature"] == "tension" and top["n_target"] == 3 and top["stat"] > 0
    assert table.set_index("feature").loc["win-win", "stat"] < 0
    assert (table["n_target"] + table["n_reference"]).sum() == 31


def test_logodds_shrinks_rare_features(corpus):
    table = keyness(corpus, by="source", target="foreign", measure="logodds").set_index("feature")
    # both over-used by the target; the more frequent one gets the larger z
    assert table.loc["tension", "stat"] > table.loc["mistrust", "stat"] > 0


def test_min_count_filters_rows_without_changing_scores(corpus):
    full = keyness(corpus, by="source", target="foreign").set_index("feature")
    cut = keyness(corpus, by="source", target="foreign", min_count=2).set_index("feature")
    assert set(cut.index) == {
        f for f in full.index if full.loc[f, ["n_target", "n_reference"]].sum() >= 2
    }
    assert cut["stat"].to_dict() == full.loc[cut.index, "stat"].to_dict()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": "nobody"}, r"target: \['nobody'\] not found in column 'source'"),
        ({"target": ["state", "foreign"]}, "target cannot be all the documents"),
        ({"target": "state", "measure": "tfidf"}, "measure must be one of"),
        ({"target": "state", "correction": "yates", "measure": "lr"}, "does not apply"),
        ({"target": "state", "correction": "sometimes"}, "correction must be one of"),
    ],
)
def test_errors(corpus, kwargs, message):
    with pytest.raises(ValueError, match=message):
        keyness(corpus, by="source", **kwargs)


def test_unknown_group_column(corpus):
    with pytest.raises(ValueError, match="no metadata column 'outlet'"):
        keyness(corpus, by="outlet", target="x")


def test_adding_ngram_orders_does_not_change_unigram_scores(corpus):
    uni = keyness(corpus, by="source", target="foreign", measure="lr").set_index("feature")
    both = keyness(
        corpus, by="source", target="foreign", measure="lr", ngram_range=(1, 2)
    ).set_index("feature")
    assert both.loc[uni.index, "stat"].to_numpy() == pytest.approx(uni["stat"].to_numpy())
    assert both.loc["tension", "per_1k_target"] == pytest.approx(1000 * 3 / 16)
    # a bigram is compared with the other bigrams: state has 4 + 2 + 4 + 1 = 11 in-sentence bigrams
    assert both.loc["win-win cooperation", "per_1k_reference"] == pytest.approx(1000 * 2 / 11)


def test_bad_prior(corpus):
    with pytest.raises(ValueError, match="prior must be 'pooled' or a positive number"):
        keyness(corpus, by="source", target="foreign", measure="logodds", prior="flat")
