"""Tests for framing.measures against independent computations.

References used: scipy.stats.chi2_contingency and power_divergence, a port of the
``likelihood.test`` (Deducer) function quanteda's own tests use for Williams' correction,
NLTK's association measures, a Poisson log-linear model fitted here by Newton–Raphson (the
model quanteda's tests fit with R's ``glm``), hand-worked tables, and published worked
examples (Gries 2008/2020, Lijffijt & Gries 2012, quanteda's test suite, the fightin_words
README). Agreement is required to 1e-9.
"""

from __future__ import annotations

import decimal
import itertools
import math
from collections import Counter

import numpy as np
import pytest
from nltk.metrics.association import BigramAssocMeasures, TrigramAssocMeasures
from scipy import special, stats
from scipy.stats.contingency import expected_freq

from framing import measures as m

TOL = {"rtol": 1e-12, "atol": 1e-9}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def tables():
    """Many 2×2 tables with all margins positive, from tiny counts to large corpora."""
    rng = np.random.default_rng(20240601)
    n = 600
    size_t = rng.integers(50, 200_000, n)
    size_r = rng.integers(50, 500_000, n)
    # mix of rare and frequent features, including zeros in either group
    a = np.minimum(rng.poisson(rng.choice([0.3, 2, 8, 40, 500], n)), size_t - 1)
    b = np.minimum(rng.poisson(rng.choice([0.3, 2, 8, 40, 500], n)), size_r - 1)
    keep = (a + b) > 0
    a, b, size_t, size_r = a[keep], b[keep], size_t[keep], size_r[keep]
    return a, b, size_t - a, size_r - b


def _scipy_chi2(a, b, c, d, correction):
    out = [
        stats.chi2_contingency([[ai, bi], [ci, di]], correction=correction)
        for ai, bi, ci, di in zip(a, b, c, d, strict=True)
    ]
    return np.array([o.statistic for o in out]), np.array([o.pvalue for o in out])


def _scipy_g2(a, b, c, d):
    stat, p = [], []
    for cells in zip(a, b, c, d, strict=True):
        obs = np.array(cells, dtype=float).reshape(2, 2)
        res = stats.power_divergence(
            obs.ravel(), expected_freq(obs).ravel(), ddof=2, lambda_="log-likelihood"
        )
        stat.append(res.statistic)
        p.append(res.pvalue)
    return np.array(stat), np.array(p)


def _likelihood_test_williams(x):
    """Port of Deducer's ``likelihood.test(x, conservative=TRUE)`` (r×c, Williams 1976).

    This is the reference quanteda's test suite (test-textstat_keyness.R) checks its
    Williams-corrected G² against.
    """
    x = np.asarray(x, dtype=float)
    n = x.sum()
    nrows, ncols = x.shape
    e = np.outer(x.sum(1), x.sum(0)) / n
    g = 0.0
    for i in range(nrows):
        for j in range(ncols):
            if x[i, j] != 0:
                g += x[i, j] * math.log(x[i, j] / e[i, j])
    row_tot = sum(1 / x[i, :].sum() for i in range(nrows))
    col_tot = sum(1 / x[:, j].sum() for j in range(ncols))
    q = 1 + ((n * row_tot - 1) * (n * col_tot - 1)) / (6 * n * (ncols - 1) * (nrows - 1))
    return 2 * g / q


def _direction(a, b, c, d):
    return np.sign(a / (a + c) - b / (b + d))


# --------------------------------------------------------------------------- chi2


@pytest.mark.parametrize("correction", [True, False])
def test_chi2_matches_scipy_chi2_contingency(tables, correction):
    a, b, c, d = tables
    ref_stat, ref_p = _scipy_chi2(a, b, c, d, correction)
    res = m.chi2(a, b, c, d, correction=correction)
    np.testing.assert_allclose(np.abs(res.stat), ref_stat, **TOL)
    np.testing.assert_allclose(res.p, ref_p, **TOL)
    nonzero = ref_stat > 0
    np.testing.assert_array_equal(np.sign(res.stat)[nonzero], _direction(a, b, c, d)[nonzero])


def test_chi2_yates_zeroes_tables_within_half_a_count():
    # a=2, b=4, c=98, d=196: E_a = 6*100/300 = 2 exactly, |O-E| = 0 -> 0 with or without Yates
    # a=3, b=5, c=97, d=195: E_a = 8*100/300 = 2.667, |O-E| = 0.333 < 0.5 -> Yates gives 0
    res = m.chi2([2, 3], [4, 5], [98, 97], [196, 195])
    np.testing.assert_array_equal(res.stat, [0.0, 0.0])
    np.testing.assert_array_equal(res.p, [1.0, 1.0])
    ref = stats.chi2_contingency([[3, 5], [97, 195]], correction=True).statistic
    assert ref == 0.0


def test_chi2_quanteda_published_table():
    # quanteda test-textstat_keyness.R: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b",
    # checked there against R's chisq.test(correct = TRUE / FALSE); target = d1, feature "a".
    a, b, c, d = 3, 7, 7, 2
    for correction in (True, False):
        ref = stats.chi2_contingency([[a, b], [c, d]], correction=correction).statistic
        got = m.chi2(a, b, c, d, correction=correction).stat
        assert got < 0  # "a" is under-used by d1
        assert abs(abs(got) - ref) < 1e-12


# --------------------------------------------------------------------------- hand-worked table


def test_hand_worked_table():
    # target 100 tokens, reference 400 tokens, N = 500; the feature occurs 10 and 20 times.
    #                  target  reference  total
    #   feature           10        20       30
    #   other tokens      90       380      470
    #   total            100       400      500
    # Expected counts E = row * col / N:
    #   E_a = 30*100/500 = 6,  E_b = 30*400/500 = 24,  E_c = 470*100/500 = 94,
    #   E_d = 470*400/500 = 376;  O - E = +4, -4, -4, +4.
    a, b, c, d = 10, 20, 90, 380
    # Pearson: 16/6 + 16/24 + 16/94 + 16/376 = 2.666667 + 0.666667 + 0.170213 + 0.042553
    #        = 3.546099
    pearson = 16 / 6 + 16 / 24 + 16 / 94 + 16 / 376
    # Yates: (4 - 0.5)^2 = 12.25 in each numerator -> 12.25 * 0.221631 = 2.714982
    yates = 12.25 / 6 + 12.25 / 24 + 12.25 / 94 + 12.25 / 376
    # G2 = 2 [10 ln(10/6) + 20 ln(20/24) + 90 ln(90/94) + 380 ln(380/376)]
    #    = 2 [5.108256 - 3.646431 - 3.913660 + 4.021202] = 2 * 1.569367 = 3.138733
    g2 = 2 * (
        10 * math.log(10 / 6)
        + 20 * math.log(20 / 24)
        + 90 * math.log(90 / 94)
        + 380 * math.log(380 / 376)
    )
    # Williams: q = 1 + (500/30 + 500/470 - 1) * (500/100 + 500/400 - 1) / (6 * 500)
    #             = 1 + 16.730496 * 5.25 / 3000 = 1.029278
    q = 1 + (500 / 30 + 500 / 470 - 1) * (500 / 100 + 500 / 400 - 1) / (6 * 500)
    assert abs(pearson - 3.546099) < 1e-6 and abs(yates - 2.714982) < 1e-6
    assert abs(g2 - 3.138733) < 1e-6 and abs(q - 1.029278) < 1e-6

    assert abs(m.chi2(a, b, c, d, correction=False).stat - pearson) < 1e-12
    assert abs(m.chi2(a, b, c, d).stat - yates) < 1e-12
    assert abs(m.g2(a, b, c, d, correction=None).stat - g2) < 1e-12
    assert abs(m.g2(a, b, c, d).stat - g2 / q) < 1e-12
    assert abs(m.chi2(a, b, c, d).p - stats.chi2.sf(yates, 1)) < 1e-15
    # PMI = ln(a / E_a) = ln(10 / 6) = 0.510826
    assert abs(m.pmi(a, b, c, d) - math.log(10 / 6)) < 1e-12
    # Log Ratio = log2((10/100) / (20/400)) = log2(0.1 / 0.05) = 1
    assert abs(m.log_ratio(a, b, c, d) - 1.0) < 1e-12
    # The same table seen from the reference side flips every sign.
    assert m.chi2(b, a, d, c).stat == pytest.approx(-yates, abs=1e-12)
    assert m.g2(b, a, d, c).stat == pytest.approx(-g2 / q, abs=1e-12)


# --------------------------------------------------------------------------- G2


def test_g2_uncorrected_matches_scipy_power_divergence(tables):
    a, b, c, d = tables
    ref_stat, ref_p = _scipy_g2(a, b, c, d)
    res = m.g2(a, b, c, d, correction=None)
    np.testing.assert_allclose(np.abs(res.stat), ref_stat, **TOL)
    np.testing.assert_allclose(res.p, ref_p, **TOL)
    np.testing.assert_array_equal(np.sign(res.stat), _direction(a, b, c, d))


def test_g2_uncorrected_matches_chi2_contingency_log_likelihood(tables):
    a, b, c, d = (x[:100] for x in tables)
    ref = [
        stats.chi2_contingency(
            [[ai, bi], [ci, di]], correction=False, lambda_="log-likelihood"
        ).statistic
        for ai, bi, ci, di in zip(a, b, c, d, strict=True)
    ]
    np.testing.assert_allclose(np.abs(m.g2(a, b, c, d, correction=None).stat), ref, **TOL)


def test_g2_williams_matches_likelihood_test(tables):
    a, b, c, d = tables
    ref = np.array(
        [
            _likelihood_test_williams([[ai, bi], [ci, di]])
            for ai, bi, ci, di in zip(a, b, c, d, strict=True)
        ]
    )
    res = m.g2(a, b, c, d)  # Williams is the default
    np.testing.assert_allclose(np.abs(res.stat), ref, **TOL)
    np.testing.assert_allclose(res.p, stats.chi2.sf(ref, 1), **TOL)


def test_g2_against_50_digit_arithmetic():
    # Large corpora, rare features: the c and d terms nearly cancel. Reference: G2 evaluated
    # with Python's decimal module at 50 significant digits.
    decimal.getcontext().prec = 50
    dec = decimal.Decimal

    def exact(a, b, c, d):
        n = a + b + c + d
        total = dec(0)
        for o, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c),
                            (d, c + d, b + d)):  # fmt: skip
            if o:
                total += dec(o) * (dec(o) * dec(n) / (dec(row) * dec(col))).ln()
        return float(2 * total)

    cases = [(511, 42, 188898, 425939), (5, 8, 181605, 432155), (1, 0, 76932, 343167),
             (3, 1, 49_999_997, 99_999_999), (0, 2, 10_000_000, 30_000_000)]  # fmt: skip
    got = m.g2(*np.array(cases).T, correction=None).stat
    ref = [exact(*case) for case in cases]
    np.testing.assert_allclose(np.abs(got), ref, rtol=1e-12, atol=1e-12)


def test_g2_matches_quanteda_published_lr_order():
    # quanteda test-textstat_keyness.R, "basic textstat_keyness lr works on two rows":
    # d1 = "a a a b b c c c c c c d e f g h h", d2 = "a a b c c d d d d e f h";
    # correction = "none" sorts (stat desc, feature asc) as c g b h a e f d (target d1) and
    # d e f a b h g c (target d2).
    features = np.array(list("abcdefgh"))
    d1 = Counter("a a a b b c c c c c c d e f g h h".split())
    d2 = Counter("a a b c c d d d d e f h".split())
    n1 = np.array([d1[f] for f in features])
    n2 = np.array([d2[f] for f in features])
    for target, ref, expected in ((n1, n2, "cgbhaefd"), (n2, n1, "defabhgc")):
        a, b, c, d = m.cells_2x2(target, ref, target.sum(), ref.sum())
        stat = m.g2(a, b, c, d, correction=None).stat
        order = sorted(range(8), key=lambda i: (-stat[i], features[i]))
        assert "".join(features[order]) == expected


# --------------------------------------------------------------------------- PMI, Log Ratio


def test_pmi_matches_quanteda_manual_check():
    # quanteda test "textstat_keyness returns correct pmi": for feature "a",
    # log(dfmt[1, 1] * sum(dfmt) / ((dfmt[1, 1] + dfmt[2, 1]) * sum(dfmt[1, ])))
    # = log(3 * 29 / ((3 + 2) * 17))
    got = m.pmi(3, 2, 17 - 3, 12 - 2)
    assert abs(got - math.log(3 * 29 / (5 * 17))) < 1e-12


def test_pmi_equals_log_observed_over_expected(tables):
    a, b, c, d = tables
    expected_a = np.array(
        [
            expected_freq([[ai, bi], [ci, di]])[0, 0]
            for ai, bi, ci, di in zip(a, b, c, d, strict=True)
        ]
    )
    with np.errstate(divide="ignore"):
        ref = np.log(a / expected_a)
    got = m.pmi(a, b, c, d)
    finite = a > 0
    np.testing.assert_allclose(got[finite], ref[finite], **TOL)
    assert np.all(np.isneginf(got[~finite]))


def test_log_ratio_zero_counts_use_half():
    # Hardie (2014): a zero frequency is replaced by 0.5 before the relative frequency.
    # a = 0: log2((0.5/1000) / (8/4000)) = log2(0.0005 / 0.002) = log2(0.25) = -2
    # b = 0: log2((6/1000) / (0.5/4000)) = log2(0.006 / 0.000125) = log2(48) = 5.584963
    got = m.log_ratio([0, 6, 0], [8, 0, 0], [1000, 994, 1000], [3992, 4000, 4000])
    assert abs(got[0] - (-2.0)) < 1e-12
    assert abs(got[1] - math.log2(48)) < 1e-12
    assert np.isnan(got[2])  # occurs in neither group


def test_log_ratio_against_relative_frequencies(tables):
    a, b, c, d = tables
    both = (a > 0) & (b > 0)
    a, b, c, d = a[both], b[both], c[both], d[both]
    ref = np.log2((a / (a + c)) / (b / (b + d)))
    np.testing.assert_allclose(m.log_ratio(a, b, c, d), ref, **TOL)


# --------------------------------------------------------------------------- zero cells, shapes


def test_zero_cells_match_scipy():
    # a = 0 (feature only in the reference) and b = 0 (only in the target)
    a = np.array([0, 7, 0, 1])
    b = np.array([5, 0, 1, 0])
    c = np.array([300, 293, 50, 49])
    d = np.array([995, 1000, 20, 21])
    for correction in (True, False):
        ref_stat, ref_p = _scipy_chi2(a, b, c, d, correction)
        res = m.chi2(a, b, c, d, correction=correction)
        np.testing.assert_allclose(np.abs(res.stat), ref_stat, **TOL)
        np.testing.assert_allclose(res.p, ref_p, **TOL)
    ref_g, _ = _scipy_g2(a, b, c, d)
    np.testing.assert_allclose(np.abs(m.g2(a, b, c, d, correction=None).stat), ref_g, **TOL)
    ref_w = [
        _likelihood_test_williams([[ai, bi], [ci, di]])
        for ai, bi, ci, di in zip(a, b, c, d, strict=True)
    ]
    np.testing.assert_allclose(np.abs(m.g2(a, b, c, d).stat), ref_w, **TOL)
    # signs: a = 0 is under-use, b = 0 over-use
    assert np.all(m.chi2(a, b, c, d, correction=False).stat * np.array([-1, 1, -1, 1]) > 0)
    assert np.all(m.g2(a, b, c, d).stat * np.array([-1, 1, -1, 1]) > 0)
    assert np.all(np.isfinite(m.log_ratio(a, b, c, d)))


def test_undefined_tables_give_nan():
    # feature absent from both groups; empty target; empty reference
    a, b, c, d = [0, 0, 1], [0, 3, 0], [10, 0, 0], [20, 7, 0]
    for res in (m.chi2(a, b, c, d), m.g2(a, b, c, d), m.g2(a, b, c, d, correction=None)):
        assert np.all(np.isnan(res.stat)) and np.all(np.isnan(res.p))
    assert np.isnan(m.pmi(a, b, c, d)[[0, 1]]).all()
    assert np.isnan(m.log_ratio(a, b, c, d)).all()


def test_many_features_and_shapes():
    rng = np.random.default_rng(7)
    a = rng.poisson(3, (40, 50))
    b = rng.poisson(3, (40, 50))
    c, d = 10_000 - a, 20_000 - b
    for fn in (m.chi2, m.g2):
        res = fn(a, b, c, d)
        assert res.stat.shape == (40, 50) and res.p.shape == (40, 50)
        flat = fn(a.ravel(), b.ravel(), c.ravel(), d.ravel())
        np.testing.assert_array_equal(res.stat.ravel(), flat.stat)
    # scalar reference margins broadcast
    res = m.chi2(a[0], b[0], 10_000 - a[0], 20_000 - b[0])
    ref, _ = _scipy_chi2(a[0], b[0], 10_000 - a[0], 20_000 - b[0], True)
    np.testing.assert_allclose(np.abs(res.stat), ref, **TOL)
    assert m.pmi(1, 2, 3, 4).shape == ()


def test_cells_2x2_builds_other_token_cells():
    a, b, c, d = m.cells_2x2([3, 0], [1, 4], 100, [200, 50])
    np.testing.assert_array_equal(c, [97, 100])
    np.testing.assert_array_equal(d, [199, 46])
    with pytest.raises(ValueError, match=r"n_reference exceeds reference_size: 60.0 > 50.0"):
        m.cells_2x2([3, 0], [1, 60], 100, [200, 50])


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("fn", [m.chi2, m.g2, m.pmi, m.log_ratio])
def test_keyness_input_validation(fn):
    with pytest.raises(ValueError, match=r"b must contain non-negative counts; found -1\.0"):
        fn([1, 2], [3, -1], [10, 10], [10, 10])
    with pytest.raises(ValueError, match=r"c has shape \(3,\), which does not match a, b"):
        fn([1, 2], [3, 1], [10, 10, 10], [10, 10])
    with pytest.raises(ValueError, match=r"d must contain finite counts; found nan"):
        fn([1, 2], [3, 1], [10, 10], [10, np.nan])
    with pytest.raises(TypeError, match=r"a must be numeric counts"):
        fn(["x", "y"], [3, 1], [10, 10], [10, 10])


def test_g2_rejects_unknown_correction():
    with pytest.raises(
        ValueError, match=r"correction must be one of 'williams', None; got 'yates'"
    ):
        m.g2(1, 2, 3, 4, correction="yates")


# --------------------------------------------------------------------------- log-odds


def test_log_odds_matches_fightin_words_readme():
    # fightin_words README (Wigderowitz 2019, after Hessel's FightingWords), uninformative
    # prior 0.05 per word; vocabulary in CountVectorizer order.
    vocab = "brown donkey fox jumps lazier lazy over pig purple quick the".split()
    doc1 = Counter("the quick brown fox jumps over the lazy pig".split())
    doc2 = Counter("the lazy purple pig jumps over the lazier donkey".split())
    y1 = np.array([doc1[w] for w in vocab])
    y2 = np.array([doc2[w] for w in vocab])
    res = m.log_odds_dirichlet(y1, y2, 0.05)
    expected = {"donkey": -0.6894227886807968, "lazier": -0.6894227886807968,
                "purple": -0.6894227886807968, "jumps": 0.0, "lazy": 0.0, "over": 0.0,
                "pig": 0.0, "the": 0.0, "brown": 0.6894227886807968,
                "fox": 0.6894227886807968, "quick": 0.6894227886807968}  # fmt: skip
    np.testing.assert_allclose(res.z, [expected[w] for w in vocab], rtol=0, atol=1e-12)


def test_log_odds_is_difference_of_posterior_logits():
    # delta = logit(pi_t) - logit(pi_r) with posterior means pi = (y + alpha) / (n + alpha0)
    rng = np.random.default_rng(3)
    yt, yr = rng.poisson(4, 300), rng.poisson(6, 300)
    alpha = 50 * (yt + yr + 1) / (yt + yr + 1).sum()
    pi_t = (yt + alpha) / (yt.sum() + alpha.sum())
    pi_r = (yr + alpha) / (yr.sum() + alpha.sum())
    delta = special.logit(pi_t) - special.logit(pi_r)
    z = delta / np.sqrt(1 / (yt + alpha) + 1 / (yr + alpha))
    res = m.log_odds_dirichlet(yt, yr, alpha)
    np.testing.assert_allclose(res.delta, delta, **TOL)
    np.testing.assert_allclose(res.z, z, **TOL)
    np.testing.assert_allclose(res.p, 2 * stats.norm.sf(np.abs(z)), **TOL)
    # a subset of features with the true totals gives the same values
    sub = slice(0, 40)
    part = m.log_odds_dirichlet(
        yt[sub], yr[sub], alpha[sub],
        n_target=yt.sum(), n_reference=yr.sum(), alpha0=alpha.sum(),
    )  # fmt: skip
    np.testing.assert_allclose(part.z, res.z[sub], **TOL)


def test_log_odds_hand_worked():
    # y_t = [3, 1], y_r = [1, 3], alpha = [1, 1]  -> n_t = n_r = 4, alpha0 = 2
    # word 0: delta = ln((3+1)/(4+2-3-1)) - ln((1+1)/(4+2-1-1)) = ln(4/2) - ln(2/4) = 2 ln 2
    #         var = 1/4 + 1/2 = 0.75 -> z = 1.386294 / 0.866025 = 1.600754
    res = m.log_odds_dirichlet([3, 1], [1, 3], [1, 1])
    assert abs(res.delta[0] - 2 * math.log(2)) < 1e-12
    assert abs(res.z[0] - 2 * math.log(2) / math.sqrt(0.75)) < 1e-12
    assert abs(res.z[1] + res.z[0]) < 1e-12


def test_log_odds_validation():
    with pytest.raises(ValueError, match="prior must be positive"):
        m.log_odds_dirichlet([1, 2], [2, 1], [0.5, 0])
    with pytest.raises(ValueError, match=r"prior has shape \(3,\), which does not match"):
        m.log_odds_dirichlet([1, 2], [2, 1], [1, 1, 1])
    with pytest.raises(ValueError, match=r"y_target must be 1-D"):
        m.log_odds_dirichlet([[1, 2]], [[2, 1]], 1)
    with pytest.raises(ValueError, match=r"n_target=2.0 is smaller than the largest entry"):
        m.log_odds_dirichlet([1, 5], [2, 1], 1, n_target=2)
    with pytest.raises(ValueError, match=r"y_reference must contain non-negative counts"):
        m.log_odds_dirichlet([1, 5], [2, -1], 1)


# --------------------------------------------------------------------------- collocations


def _bigram_marginals(rng, n):
    n_xx = rng.integers(1_000, 100_000, n)
    n_ix = rng.integers(1, n_xx // 2)
    n_xi = rng.integers(1, n_xx // 2)
    n_ii = np.array([rng.integers(0, min(x, y) + 1) for x, y in zip(n_ix, n_xi, strict=True)])
    return n_ii, n_ix, n_xi, n_xx


def test_bigram_measures_match_nltk():
    rng = np.random.default_rng(11)
    n_ii, n_ix, n_xi, n_xx = _bigram_marginals(rng, 300)
    table = m.ngram_table(np.stack([n_xx, n_ix, n_xi, n_ii], axis=-1))
    nltk = BigramAssocMeasures
    rows = list(zip(n_ii.tolist(), n_ix.tolist(), n_xi.tolist(), n_xx.tolist(), strict=True))
    ref_lr = [nltk.likelihood_ratio(ii, (ix, xi), xx) for ii, ix, xi, xx in rows]
    np.testing.assert_allclose(m.ngram_likelihood_ratio(table), ref_lr, **TOL)
    seen = n_ii > 0
    ref_pmi = [nltk.pmi(ii, (ix, xi), xx) for ii, ix, xi, xx in rows if ii > 0]
    np.testing.assert_allclose(m.ngram_pmi(table)[seen], ref_pmi, **TOL)
    ref_t = [nltk.student_t(ii, (ix, xi), xx) for ii, ix, xi, xx in rows if ii > 0]
    np.testing.assert_allclose(m.ngram_t_score(table)[seen], ref_t, **TOL)
    # an unseen bigram: PMI -inf, t undefined (NLTK divides by sqrt(1e-20) instead)
    assert np.all(np.isneginf(m.ngram_pmi(table)[~seen]))
    assert np.all(np.isnan(m.ngram_t_score(table)[~seen]))


def test_bigram_table_matches_nltk_contingency():
    # NLTK's tuple order (n_ii, n_oi, n_io, n_oo) is our order reversed.
    cont = BigramAssocMeasures._contingency(5, (10, 8), 100)
    np.testing.assert_array_equal(m.ngram_table([100, 10, 8, 5]), cont[::-1])


def test_trigram_measures_match_nltk():
    rng = np.random.default_rng(12)
    cells = rng.poisson(rng.choice([0.5, 3, 30, 300], (200, 8)))
    cells[:, 0] += 5_000  # most windows contain none of the three words
    marg_nltk, marg_ours = [], []
    for row in cells:
        # our bit order -> NLTK's tuple (n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo)
        nltk_cont = row[::-1].tolist()
        marg = TrigramAssocMeasures._marginals(*nltk_cont)
        marg_nltk.append(marg)
        n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), n_xxx = marg
        marg_ours.append([n_xxx, n_ixx, n_xix, n_iix, n_xxi, n_ixi, n_xii, n_iii])
    table = m.ngram_table(marg_ours)
    np.testing.assert_array_equal(table, cells)
    nltk = TrigramAssocMeasures
    np.testing.assert_allclose(
        m.ngram_likelihood_ratio(table), [nltk.likelihood_ratio(*mg) for mg in marg_nltk], **TOL
    )
    seen = cells[:, 7] > 0
    np.testing.assert_allclose(
        m.ngram_pmi(table)[seen],
        [nltk.pmi(*mg) for mg, s in zip(marg_nltk, seen, strict=True) if s],
        **TOL,
    )
    np.testing.assert_allclose(
        m.ngram_t_score(table)[seen],
        [nltk.student_t(*mg) for mg, s in zip(marg_nltk, seen, strict=True) if s],
        **TOL,
    )


def _poisson_loglinear_interaction(counts, k):
    """Saturated Poisson GLM (treatment coding, as R's glm) fitted by Newton–Raphson.

    Returns the coefficient of the K-way interaction and its standard error, which is what
    quanteda's reference implementation (MWEstatistics in test-textstat_collocations.R)
    reads from ``glm(count ~ W1*W2*..., family = poisson)``.
    """
    bits = [[(j >> i) & 1 for i in range(k)] for j in range(1 << k)]
    terms = [s for r in range(k + 1) for s in itertools.combinations(range(k), r)]
    x = np.array([[np.prod([row[i] for i in s]) for s in terms] for row in bits], dtype=float)
    y = np.asarray(counts, dtype=float)
    beta = np.zeros(len(terms))
    beta[0] = np.log(y.mean())
    for _ in range(100):
        mu = np.exp(x @ beta)
        step = np.linalg.solve(x.T @ (mu[:, None] * x), x.T @ (y - mu))
        beta += step
        if np.max(np.abs(step)) < 1e-14:
            break
    mu = np.exp(x @ beta)
    cov = np.linalg.inv(x.T @ (mu[:, None] * x))
    return beta[-1], math.sqrt(cov[-1, -1])


@pytest.mark.parametrize("k", [2, 3])
def test_lambda_matches_poisson_loglinear_model(k):
    rng = np.random.default_rng(100 + k)
    tables = rng.poisson(rng.choice([0.2, 2, 20, 200], (30, 1 << k)))
    for smoothing in (0.5, 1.0):
        res = m.ngram_lambda(tables, smoothing=smoothing)
        for i, row in enumerate(tables):
            lam, se = _poisson_loglinear_interaction(row + smoothing, k)
            assert abs(res.lambda_[i] - lam) < 1e-9
            assert abs(res.sigma[i] - se) < 1e-9
            assert abs(res.z[i] - lam / se) < 1e-9


def test_lambda_bigram_is_log_odds_ratio():
    # cells (n00, n10, n01, n11) = (87, 5, 3, 5) + 0.5:
    # lambda = ln(5.5 * 87.5 / (5.5 * 3.5)) = ln(25) = 3.218876
    # sigma = sqrt(1/87.5 + 1/5.5 + 1/3.5 + 1/5.5) = sqrt(0.660390) = 0.812644
    res = m.ngram_lambda([87, 5, 3, 5])
    assert abs(res.lambda_ - math.log(5.5 * 87.5 / (5.5 * 3.5))) < 1e-12
    sigma = math.sqrt(1 / 87.5 + 1 / 5.5 + 1 / 3.5 + 1 / 5.5)
    assert abs(res.sigma - sigma) < 1e-12
    assert abs(res.z - res.lambda_ / sigma) < 1e-12


def _quanteda_window_tables(tokens, size):
    """Count quanteda's 2^K table for every distinct n-gram of a token list (by hand)."""
    windows = [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    out = {}
    for cand in sorted(set(windows)):
        t = np.zeros(1 << size)
        for w in windows:
            t[sum(1 << i for i in range(size) if w[i] == cand[i])] += 1
        out[" ".join(cand)] = t
    return out


@pytest.mark.parametrize("smoothing", [0.5, 0.0])
def test_lambda_quanteda_published_ranking(smoothing):
    # quanteda test-textstat_collocations.R, "test the correctness of significant" (with and
    # without smoothing): the top bigram by z is "other capital".
    toks = "capital other capital gains other capital word2 other gains capital".split()
    tabs = _quanteda_window_tables(toks, 2)
    names = list(tabs)
    z = m.ngram_lambda(np.array([tabs[n] for n in names]), smoothing=smoothing).z
    ok = ~np.isnan(z)
    best = max((zi, n) for zi, n, o in zip(z, names, ok, strict=True) if o)
    assert best[1] == "other capital"


def test_lambda_zero_cell_without_smoothing_is_nan():
    res = m.ngram_lambda([[10, 0, 3, 4], [10, 1, 3, 4]], smoothing=0)
    assert np.isnan(res.z[0]) and np.isfinite(res.z[1])


def test_ngram_validation():
    with pytest.raises(ValueError, match=r"table must have a last axis of length 2\*\*K"):
        m.ngram_lambda([1, 2, 3])
    with pytest.raises(ValueError, match=r"marginals must have a last axis of length 2\*\*K"):
        m.ngram_table([100, 10, 5])
    with pytest.raises(ValueError, match="marginals are inconsistent"):
        m.ngram_table([100, 10, 8, 12])  # bigram seen more often than its first word
    with pytest.raises(ValueError, match="table must contain non-negative counts"):
        m.ngram_pmi([5, -1, 2, 3])
    with pytest.raises(ValueError, match="smoothing must contain non-negative values"):
        m.ngram_lambda([5, 1, 2, 3], smoothing=-0.5)


# --------------------------------------------------------------------------- Gries' DP


def test_gries_dp_worked_example():
    # Gries (2008; 2020 "Analyzing dispersion", p. 3): five parts of 9, 10, 10, 10, 11 words.
    parts = [
        "b a m n i b e u p",
        "b a s a t b e w q n",
        "b c a g a b e s t a",
        "b a g h a b e a a t",
        "b a h a a b e a x a t",
    ]
    counts = [Counter(p.split()) for p in parts]
    sizes = [len(p.split()) for p in parts]
    assert sizes == [9, 10, 10, 10, 11]
    words = ["a", "b", "i", "q", "x"]
    v = np.array([[c[w] for c in counts] for w in words])
    res = m.gries_dp(v, sizes)
    # a: s = (.18, .2, .2, .2, .22), v/f = (1, 2, 3, 4, 5)/15
    #    DP = (.11333 + .06667 + 0 + .06667 + .11333) / 2 = 0.18; DPnorm = 0.18 / 0.82
    # b, i, q, x: the values Gries reports (DP .02, .82, .80, .78; DPnorm .024, 1, .976, .951)
    np.testing.assert_allclose(res.dp, [0.18, 0.02, 0.82, 0.80, 0.78], atol=1e-12)
    np.testing.assert_allclose(
        res.dp_norm, [0.18 / 0.82, 0.02 / 0.82, 1.0, 0.8 / 0.82, 0.78 / 0.82], atol=1e-12
    )
    np.testing.assert_allclose(res.dp_norm[1:], [0.024, 1, 0.976, 0.951], atol=5e-4)


def test_gries_dp_lijffijt_gries_table1():
    # Lijffijt & Gries (2012), Table 1: three equal parts with 2/3 and 1/3 of the occurrences:
    # DP = (|2/3 - 1/3| + |1/3 - 1/3| + |0 - 1/3|) / 2 = 1/3; DPnorm = (1/3) / (1 - 1/3) = 0.5
    res = m.gries_dp([2, 1, 0], [100, 100, 100])
    assert abs(res.dp - 1 / 3) < 1e-12 and abs(res.dp_norm - 0.5) < 1e-12


def test_gries_dp_hand_cases():
    sizes = np.array([100, 300, 600, 1000])
    v = np.array(
        [
            sizes // 10,  # spread exactly like the corpus -> 0
            [7, 0, 0, 0],  # all in the smallest part (5 % of the corpus)
            [0, 0, 0, 9],  # all in the largest part (50 %)
            [0, 0, 0, 0],  # never occurs
        ]
    )
    res = m.gries_dp(v, sizes)
    assert abs(res.dp[0]) < 1e-12 and abs(res.dp_norm[0]) < 1e-12
    assert abs(res.dp[1] - 0.95) < 1e-12 and abs(res.dp_norm[1] - 1.0) < 1e-12
    assert abs(res.dp[2] - 0.5) < 1e-12
    assert np.isnan(res.dp[3]) and np.isnan(res.dp_norm[3])
    one = m.gries_dp([5], [10])
    assert one.dp == 0 and np.isnan(one.dp_norm)


def test_gries_dp_validation():
    with pytest.raises(ValueError, match="counts_per_part has 3 columns .* part_sizes has 4"):
        m.gries_dp([[1, 2, 3]], [1, 2, 3, 4])
    with pytest.raises(ValueError, match="part_sizes must not all be zero"):
        m.gries_dp([[1, 2]], [0, 0])
    with pytest.raises(ValueError, match="counts_per_part must contain non-negative counts"):
        m.gries_dp([[1, -2]], [1, 1])
    with pytest.raises(ValueError, match="part_sizes must be 1-D"):
        m.gries_dp([[1, 2]], [[1, 1]])
