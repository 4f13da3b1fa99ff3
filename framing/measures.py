r"""Association, keyness and dispersion statistics over arrays of counts.

Every function here is pure and vectorised: it takes numpy arrays of counts (one entry per
feature) and returns arrays of the same shape. Nothing reads a corpus; building the counts is
the job of :mod:`framing.keyness` (keyness of a target group against a reference) and of the
collocation discovery in :mod:`framing.slogans`.

Keyness: the 2×2 table
----------------------
Each keyness measure sees one 2×2 table per feature, drawn once here::

                      target      reference      total
                   +-----------+-------------+
    feature        |     a     |      b      |   a + b
                   +-----------+-------------+
    other tokens   |     c     |      d      |   c + d
                   +-----------+-------------+
    total              a + c        b + d         N

``a`` is the count of the feature in the target, ``b`` its count in the reference, ``c`` the
number of *other* tokens in the target (target size minus ``a``) and ``d`` the number of other
tokens in the reference (reference size minus ``b``). :func:`cells_2x2` builds the four
cells from the counts and the two corpus sizes and checks that they are consistent.

Signed measures are positive when the feature is relatively more frequent in the target,
``a / (a + c) > b / (b + d)`` (equivalently ``a·d > b·c``), the convention of quanteda's
``textstat_keyness``. Zero cells are handled explicitly: ``0·log 0 = 0``, no small constant is
ever added inside a logarithm, and a value that is undefined (an empty margin) is NaN.

Collocations: the 2^K table
---------------------------
For an n-gram ``w1 … wK`` every window of K tokens is classified by which of its positions
hold the n-gram's own word. Cell ``j`` of the table (last axis, length ``2**K``) counts the
windows whose position ``k`` matches exactly when bit ``k`` of ``j`` is set (bit 0 = first
word). For a bigram the four cells are::

    index 0b00 = 0: neither word      (NLTK's n_oo)
    index 0b01 = 1: w1 only, (w1, ~w2) (n_io)
    index 0b10 = 2: w2 only, (~w1, w2) (n_oi)
    index 0b11 = 3: the bigram itself  (n_ii)

This is quanteda's ``match_bit`` order (the reverse of NLTK's tuple order). :func:`ngram_table`
builds the table from NLTK-style marginal counts.

Dispersion
----------
:func:`gries_dp` scores features (rows) over corpus parts (columns).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
from scipy import special

__all__ = [
    "DispersionResult",
    "KeynessResult",
    "LambdaResult",
    "LogOddsResult",
    "cells_2x2",
    "chi2",
    "g2",
    "gries_dp",
    "log_odds_dirichlet",
    "log_ratio",
    "ngram_lambda",
    "ngram_likelihood_ratio",
    "ngram_pmi",
    "ngram_t_score",
    "ngram_table",
    "pmi",
]


class KeynessResult(NamedTuple):
    """Signed test statistic and its p-value (chi² with one degree of freedom)."""

    stat: np.ndarray
    p: np.ndarray


class LogOddsResult(NamedTuple):
    """Log-odds ratio ``delta``, its z-score and the two-sided normal p-value."""

    delta: np.ndarray
    z: np.ndarray
    p: np.ndarray


class LambdaResult(NamedTuple):
    """K-way interaction ``lambda_``, its standard error ``sigma`` and ``z = lambda_ / sigma``."""

    lambda_: np.ndarray
    sigma: np.ndarray
    z: np.ndarray


class DispersionResult(NamedTuple):
    """Gries' DP and its normalised form DPnorm (0 = even, 1 = concentrated)."""

    dp: np.ndarray
    dp_norm: np.ndarray


# --------------------------------------------------------------------------- validation


def _as_nonnegative(name: str, value, *, what: str = "counts") -> np.ndarray:
    """Return ``value`` as a float64 array of finite, non-negative numbers, or raise."""
    arr = np.asarray(value)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(
            f"{name} must be numeric {what} (an int or float array); got {type(value).__name__}"
            f" with dtype {arr.dtype}. Convert it first, e.g. np.asarray({name}, dtype=float)"
            " (for a scipy.sparse row use .toarray().ravel())."
        )
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        bad = float(arr[~np.isfinite(arr)].flat[0])
        raise ValueError(f"{name} must contain finite {what}; found {bad!r}. Remove or fill it.")
    if np.any(arr < 0):
        idx = np.argwhere(arr < 0)[0]
        where = f" at index {tuple(int(i) for i in idx)}" if arr.ndim else ""
        raise ValueError(
            f"{name} must contain non-negative {what}; found {float(arr[tuple(idx)])!r}{where}."
            " Check how the counts were built (c and d are the *other* tokens: size minus count)."
        )
    return arr


def _broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast the named arrays together, naming the first one whose shape does not fit."""
    shape: tuple[int, ...] = ()
    seen: list[str] = []
    for name, arr in arrays.items():
        try:
            shape = np.broadcast_shapes(shape, arr.shape)
        except ValueError:
            raise ValueError(
                f"{name} has shape {arr.shape}, which does not match {', '.join(seen)} (shape "
                f"{shape}); pass arrays of the same length, one entry per feature."
            ) from None
        seen.append(name)
    return [np.broadcast_to(arr, shape) for arr in arrays.values()]


def _cells(a, b, c, d) -> list[np.ndarray]:
    return _broadcast(
        a=_as_nonnegative("a", a),
        b=_as_nonnegative("b", b),
        c=_as_nonnegative("c", c),
        d=_as_nonnegative("d", d),
    )


def _check_choice(name: str, value, choices: tuple) -> None:
    if value not in choices:
        listed = ", ".join(repr(ch) for ch in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}.")


def _xlog1p(obs: np.ndarray, diff: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """``obs * log(obs / exp)`` computed as ``obs * log1p(diff / exp)`` with 0·log 0 = 0.

    ``diff = obs - exp`` is passed in separately so that large cells whose observed and
    expected counts differ by a few units keep their precision.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(obs > 0, obs * np.log1p(diff / exp), 0.0)


def _p_chi2_df1(stat: np.ndarray) -> np.ndarray:
    """Upper-tail p-value of ``|stat|`` under chi² with 1 df (NaN stays NaN).

    Equal to ``scipy.stats.chi2.sf(|stat|, 1)``, computed as ``erfc(sqrt(|stat| / 2))``,
    which is the same function for one degree of freedom and 25 times faster.
    """
    return special.erfc(np.sqrt(np.abs(stat) / 2))


# --------------------------------------------------------------------------- 2×2 keyness


def cells_2x2(n_target, n_reference, target_size, reference_size) -> tuple[np.ndarray, ...]:
    """Build the four cells ``a, b, c, d`` of the keyness table from counts and corpus sizes.

    Parameters
    ----------
    n_target, n_reference : array_like
        Count of each feature in the target and in the reference.
    target_size, reference_size : float or array_like
        Total number of tokens in the target and in the reference (all features, not only
        those passed in).

    Returns
    -------
    a, b, c, d : ndarray
        ``a = n_target``, ``b = n_reference``, ``c = target_size - n_target`` and
        ``d = reference_size - n_reference``, as float64 arrays of one broadcast shape.

    Raises
    ------
    ValueError
        If a count is negative or larger than its corpus size, or shapes do not match.

    Examples
    --------
    >>> a, b, c, d = cells_2x2([3, 0, 5], [1, 4, 5], 100, 200)
    >>> c.tolist(), d.tolist()
    ([97.0, 100.0, 95.0], [199.0, 196.0, 195.0])
    """
    nt, nr, st, sr = _broadcast(
        n_target=_as_nonnegative("n_target", n_target),
        n_reference=_as_nonnegative("n_reference", n_reference),
        target_size=_as_nonnegative("target_size", target_size, what="sizes"),
        reference_size=_as_nonnegative("reference_size", reference_size, what="sizes"),
    )
    for name, count, size, size_name in (
        ("n_target", nt, st, "target_size"),
        ("n_reference", nr, sr, "reference_size"),
    ):
        if np.any(count > size):
            i = int(np.argmax((count > size).ravel()))
            raise ValueError(
                f"{name} exceeds {size_name}: {float(count.flat[i])!r} > "
                f"{float(size.flat[i])!r}. The size must be the total number of tokens of that "
                "group, over all features."
            )
    return nt, nr, st - nt, sr - nr


def chi2(a, b, c, d, *, correction: bool = True) -> KeynessResult:
    """Signed Pearson chi² for each feature's 2×2 table, Yates-corrected by default.

    The statistic is the one of ``scipy.stats.chi2_contingency([[a, b], [c, d]],
    correction=correction)`` and of R's ``chisq.test``. With ``correction=True`` Yates'
    continuity correction moves every observed count towards its expected count by
    ``min(0.5, |O - E|)``, so a table with ``|O - E| < 0.5`` scores 0. In a 2×2 table
    ``|O - E| = |ad - bc| / N`` in every cell, which gives the closed form

    .. math:: \\chi^2 = \\frac{N\\,\\max(|ad - bc| - N/2,\\ 0)^2}{(a+b)(c+d)(a+c)(b+d)}

    (without correction, drop the ``- N/2``). The sign is that of ``ad - bc``: positive when
    the feature is relatively more frequent in the target.

    Parameters
    ----------
    a, b, c, d : array_like
        Cells of the 2×2 table (see the module docstring): feature in target, feature in
        reference, other tokens in target, other tokens in reference. Non-negative; arrays
        broadcast against each other.
    correction : bool, default True
        Apply Yates' continuity correction.

    Returns
    -------
    KeynessResult
        ``stat``: signed chi²; ``p``: ``scipy.stats.chi2.sf(|stat|, 1)``. Both NaN where a
        margin of the table is zero (the feature never occurs, or one group is empty).

    Raises
    ------
    TypeError
        If a cell is not numeric.
    ValueError
        If a cell is negative, not finite, or the shapes do not broadcast.

    Notes
    -----
    quanteda's ``textstat_keyness(measure = "chi2")`` applies Yates' correction only when
    some expected count is below 5 and ``|ad - bc| >= N/2``; this function follows scipy and
    R's ``chisq.test``, which always apply it (with the ``min(0.5, |O - E|)`` rule).

    References
    ----------
    Yates, F. (1934). Contingency tables involving small numbers and the χ² test.
    *Supplement to the Journal of the Royal Statistical Society*, 1(2), 217–235.

    Examples
    --------
    Three features in a target of 1,000 tokens and a reference of 2,000:

    >>> a, b, c, d = cells_2x2([20, 5, 10], [10, 30, 20], 1000, 2000)
    >>> res = chi2(a, b, c, d)
    >>> np.round(res.stat, 3).tolist(), np.round(res.p, 4).tolist()
    ([13.674, -4.947, 0.0], [0.0002, 0.0261, 1.0])
    """
    a, b, c, d = _cells(a, b, c, d)
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    n = r1 + r2
    defined = (r1 > 0) & (r2 > 0) & (c1 > 0) & (c2 > 0)
    cross = a * d - b * c
    excess = np.abs(cross)  # N·|O - E|, the same in all four cells
    if correction:
        excess = np.maximum(excess - n / 2, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = n * excess**2 / (r1 * r2 * c1 * c2)
    stat = np.where(defined, np.sign(cross) * stat, np.nan)
    return KeynessResult(stat, _p_chi2_df1(stat))


def g2(a, b, c, d, *, correction: Literal["williams"] | None = "williams") -> KeynessResult:
    """Signed log-likelihood G² (Dunning 1993) for each 2×2 table, Williams-corrected.

    .. math:: G^2 = 2 \\sum_{ij} O_{ij} \\ln \\frac{O_{ij}}{E_{ij}}, \\qquad
              E_{ij} = \\frac{\\text{row}_i\\,\\text{col}_j}{N}

    over all four cells, with ``0·ln 0 = 0``. Williams' correction divides G² by

    .. math:: q = 1 + \\frac{(N/(a+b) + N/(c+d) - 1)\\,(N/(a+c) + N/(b+d) - 1)}{6N},

    Williams' (1976) ``q = 1 + (N Σ 1/row_i - 1)(N Σ 1/col_j - 1) / (6N(r-1)(c-1))`` for a
    2×2 table, which is the formula quanteda's ``textstat_keyness(measure = "lr",
    correction = "williams")`` uses. The sign is that of ``ad - bc``.

    Parameters
    ----------
    a, b, c, d : array_like
        Cells of the 2×2 table (see the module docstring).
    correction : {'williams', None}, default 'williams'
        ``'williams'`` divides by Williams' q; ``None`` returns the plain G², which equals
        ``scipy.stats.power_divergence(..., lambda_="log-likelihood")`` on the four cells.

    Returns
    -------
    KeynessResult
        ``stat``: signed G²; ``p``: ``scipy.stats.chi2.sf(|stat|, 1)``. NaN where a margin
        of the table is zero.

    Raises
    ------
    TypeError
        If a cell is not numeric.
    ValueError
        If a cell is negative or not finite, the shapes do not broadcast, or ``correction`` is
        not one of the choices.

    Notes
    -----
    Two differences from quanteda (``quanteda.textstats`` ``src/keyness.cpp``): quanteda
    leaves q at 1 when any of the four cells is zero (for example a feature absent from the
    reference), whereas here q is computed from the margins for every table, as Williams
    defines it; and quanteda's ``correction = "default"`` for ``"lr"`` actually applies its
    conditional Yates correction, not Williams'. For tables without a zero cell the value
    equals quanteda's ``correction = "williams"``. quanteda also adds 1e-9 inside each
    logarithm; here zero cells contribute exactly 0.

    This is the four-cell G² of Dunning (1993); the two-cell "log-likelihood" of Rayson &
    Garside (2000), ``2(a ln(a/E_a) + b ln(b/E_b))``, omits the ``c`` and ``d`` terms and is
    slightly smaller.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61–74.

    Williams, D. A. (1976). Improved likelihood ratio tests for complete contingency tables.
    *Biometrika*, 63(1), 33–37.

    Examples
    --------
    >>> a, b, c, d = cells_2x2([20, 5, 10], [10, 30, 20], 1000, 2000)
    >>> res = g2(a, b, c, d)
    >>> np.round(res.stat, 3).tolist(), np.round(res.p, 4).tolist()
    ([13.747, -6.564, 0.0], [0.0002, 0.0104, 1.0])
    >>> np.round(g2(a, b, c, d, correction=None).stat, 3).tolist()
    [14.015, -6.673, 0.0]
    """
    _check_choice("correction", correction, ("williams", None))
    a, b, c, d = _cells(a, b, c, d)
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    n = r1 + r2
    defined = (r1 > 0) & (r2 > 0) & (c1 > 0) & (c2 > 0)
    cross = a * d - b * c
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = cross / n  # O - E for cells a and d; E - O for cells b and c
        g = 2 * (
            _xlog1p(a, diff, r1 * c1 / n)
            + _xlog1p(b, -diff, r1 * c2 / n)
            + _xlog1p(c, -diff, r2 * c1 / n)
            + _xlog1p(d, diff, r2 * c2 / n)
        )
        if correction == "williams":
            g = g / (1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n))
    stat = np.where(defined, np.sign(cross) * np.maximum(g, 0.0), np.nan)
    return KeynessResult(stat, _p_chi2_df1(stat))


def pmi(a, b, c, d) -> np.ndarray:
    """Pointwise mutual information of feature and target, as quanteda's ``measure = "pmi"``.

    .. math:: \\mathrm{PMI} = \\ln \\frac{a}{E_a} = \\ln \\frac{a N}{(a+b)(a+c)}

    (natural logarithm), the log of how many times more often the feature occurs in the
    target than independence predicts. It is signed by construction: negative when the
    feature is under-used by the target.

    Parameters
    ----------
    a, b, c, d : array_like
        Cells of the 2×2 table (see the module docstring).

    Returns
    -------
    ndarray
        PMI per feature. ``-inf`` where ``a = 0`` but the feature occurs in the reference
        (quanteda adds 1e-9 inside the log and reports about -20.7 instead); NaN where the
        feature never occurs or the target is empty. PMI has no p-value.

    Raises
    ------
    TypeError, ValueError
        As :func:`chi2`.

    References
    ----------
    Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22–29.

    Examples
    --------
    >>> a, b, c, d = cells_2x2([20, 0, 2], [10, 30, 0], 1000, 2000)
    >>> np.round(pmi(a, b, c, d), 3).tolist()
    [0.693, -inf, 1.099]
    """
    a, b, c, d = _cells(a, b, c, d)
    r1, c1 = a + b, a + c
    n = r1 + c + d
    defined = (r1 > 0) & (c1 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(a) + np.log(n) - np.log(r1) - np.log(c1)
    return np.where(defined, out, np.nan)


def log_ratio(a, b, c, d) -> np.ndarray:
    """Hardie's Log Ratio: binary log of the ratio of the feature's relative frequencies.

    .. math:: \\mathrm{LR} = \\log_2 \\frac{a / (a + c)}{b / (b + d)}

    Each extra point doubles the ratio: 1 means twice as frequent (per token) in the target,
    -1 half as frequent. Following Hardie (2014) and CQPweb, a zero count is replaced by 0.5
    before dividing (the corpus sizes are left as they are), so a feature absent from the
    reference gets a large but finite score. Only zero counts are adjusted; non-zero counts
    are used as they are.

    Parameters
    ----------
    a, b, c, d : array_like
        Cells of the 2×2 table (see the module docstring).

    Returns
    -------
    ndarray
        Log Ratio per feature; NaN where the feature occurs in neither group or a group is
        empty. Log Ratio is an effect size and has no p-value.

    Raises
    ------
    TypeError, ValueError
        As :func:`chi2`.

    References
    ----------
    Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for Corpus
    Approaches to Social Science (CASS), Lancaster University.
    http://cass.lancs.ac.uk/log-ratio-an-informal-introduction/

    Examples
    --------
    Twice as frequent, absent from the target, absent from the reference:

    >>> a, b, c, d = cells_2x2([20, 0, 2], [10, 30, 0], 1000, 2000)
    >>> np.round(log_ratio(a, b, c, d), 3).tolist()
    [2.0, -4.907, 3.0]
    """
    a, b, c, d = _cells(a, b, c, d)
    size_t, size_r = a + c, b + d
    defined = ((a > 0) | (b > 0)) & (size_t > 0) & (size_r > 0)
    a_adj = np.where(a == 0, 0.5, a)
    b_adj = np.where(b == 0, 0.5, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log2(a_adj) - np.log2(size_t) - np.log2(b_adj) + np.log2(size_r)
    return np.where(defined, out, np.nan)


def log_odds_dirichlet(
    y_target,
    y_reference,
    prior,
    *,
    n_target: float | None = None,
    n_reference: float | None = None,
    alpha0: float | None = None,
) -> LogOddsResult:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For each feature w, with counts ``y`` in a group of ``n`` tokens and prior
    pseudo-counts ``alpha_w`` summing to ``alpha0`` (their eq. 16 and 18–22):

    .. math::
        \\delta_w = \\ln\\frac{y^t_w + \\alpha_w}{n^t + \\alpha_0 - y^t_w - \\alpha_w}
                  - \\ln\\frac{y^r_w + \\alpha_w}{n^r + \\alpha_0 - y^r_w - \\alpha_w},
        \\qquad
        \\sigma^2_w \\approx \\frac{1}{y^t_w + \\alpha_w} + \\frac{1}{y^r_w + \\alpha_w},
        \\qquad z_w = \\delta_w / \\sigma_w.

    ``delta`` is the difference of the two groups' log-odds of the word under the
    posterior-mean word probabilities ``(y_w + alpha_w) / (n + alpha0)``; the prior shrinks
    rare words towards zero, so the z-scores do not favour them.

    Parameters
    ----------
    y_target, y_reference : array_like, 1-D
        Counts of each feature in the target and the reference (same length).
    prior : float or array_like, 1-D
        Dirichlet pseudo-counts ``alpha_w`` (> 0), one per feature or one number for all.
        Monroe et al.'s informative prior is a background word distribution scaled to a
        total ``alpha0``: ``prior = alpha0 * background / background.sum()``, where the
        background is, for example, the pooled counts ``y_target + y_reference`` or a larger
        reference corpus. Passing the background counts unscaled (``alpha0`` = background
        size) is the common choice in later work (e.g. Jurafsky et al. 2014) and shrinks
        strongly; a small scalar such as 0.01 is their uninformative prior.
    n_target, n_reference : float, optional
        Group sizes. Default: ``y_target.sum()`` and ``y_reference.sum()``, which is right
        only when the arrays cover the whole vocabulary; pass the true sizes otherwise.
    alpha0 : float, optional
        Total prior mass. Default: ``prior`` summed over the features (a scalar prior counts
        once per feature); pass it when the arrays are a subset of the vocabulary.

    Returns
    -------
    LogOddsResult
        ``delta``: log-odds ratio (positive = over-used by the target); ``z``: z-score;
        ``p``: two-sided normal p-value, ``scipy.stats.chi2.sf(z**2, 1)``. NaN where a
        feature takes all of a group's mass (``n + alpha0 - y - alpha_w <= 0``).

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If counts are negative, ``prior`` is not positive, arrays are not 1-D or their
        lengths differ, or a count exceeds its group size.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict.
    *Political Analysis*, 16(4), 372–403.

    Jurafsky, D., Chahuneau, V., Routledge, B. R. & Smith, N. A. (2014). Narrative framing
    of consumer sentiment in online restaurant reviews. *First Monday*, 19(4).

    Examples
    --------
    >>> y_t = np.array([20, 5, 10, 945])
    >>> y_r = np.array([10, 30, 20, 1920])
    >>> res = log_odds_dirichlet(y_t, y_r, prior=(y_t + y_r) / 10)
    >>> np.round(res.z, 3).tolist()
    [3.348, -2.085, 0.024, -3.861]
    """
    yt = _as_nonnegative("y_target", y_target)
    yr = _as_nonnegative("y_reference", y_reference)
    alpha = _as_nonnegative("prior", prior, what="pseudo-counts")
    for name, arr in (("y_target", yt), ("y_reference", yr)):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be 1-D (one count per feature); got shape {arr.shape}.")
    if alpha.ndim > 1:
        raise ValueError(f"prior must be a number or 1-D; got shape {alpha.shape}.")
    yt, yr, alpha = _broadcast(y_target=yt, y_reference=yr, prior=alpha)
    if np.any(alpha <= 0):
        raise ValueError(
            "prior must be positive for every feature; found 0. Add a small pseudo-count "
            "(e.g. prior + 0.01) or build it from counts that include every feature."
        )
    totals = {}
    for name, value, counts in (
        ("n_target", n_target, yt),
        ("n_reference", n_reference, yr),
        ("alpha0", alpha0, alpha),
    ):
        if value is None:
            totals[name] = counts.sum()
        else:
            total = float(_as_nonnegative(name, value, what="totals"))
            if counts.size and total < counts.max():
                raise ValueError(
                    f"{name}={total!r} is smaller than the largest entry it should total "
                    f"({float(counts.max())!r}); pass the size of the whole group."
                )
            totals[name] = total
    a0 = totals["alpha0"]
    rest_t = totals["n_target"] + a0 - yt - alpha
    rest_r = totals["n_reference"] + a0 - yr - alpha
    defined = (rest_t > 0) & (rest_r > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log(yt + alpha) - np.log(rest_t) - np.log(yr + alpha) + np.log(rest_r)
        z = delta / np.sqrt(1 / (yt + alpha) + 1 / (yr + alpha))
    delta = np.where(defined, delta, np.nan)
    z = np.where(defined, z, np.nan)
    return LogOddsResult(delta, z, _p_chi2_df1(z**2))


# --------------------------------------------------------------------------- collocations


def _check_table(table) -> tuple[np.ndarray, int]:
    t = _as_nonnegative("table", table)
    size = t.shape[-1] if t.ndim else 0
    k = size.bit_length() - 1
    if t.ndim == 0 or size < 4 or size != 1 << k:
        raise ValueError(
            f"table must have a last axis of length 2**K (4 for bigrams, 8 for trigrams); got "
            f"shape {t.shape}. Build it with ngram_table()."
        )
    return t, k


def _popcount(k: int) -> np.ndarray:
    return np.array([bin(j).count("1") for j in range(1 << k)])


def ngram_table(marginals) -> np.ndarray:
    """Contingency table of an n-gram from its marginal counts (inclusion–exclusion).

    Parameters
    ----------
    marginals : array_like, shape (..., 2**K)
        ``marginals[..., m]`` counts the windows of K tokens whose positions in the bit set
        ``m`` hold the n-gram's words (other positions: anything). For a bigram
        ``[n_xx, n_ix, n_xi, n_ii]``: all windows, ``(w1, *)``, ``(*, w2)``, the bigram. For a
        trigram ``[n_xxx, n_ixx, n_xix, n_iix, n_xxi, n_ixi, n_xii, n_iii]``.

    Returns
    -------
    ndarray, shape (..., 2**K)
        The table in the module's bit order: cell ``j`` counts windows whose matching
        positions are exactly the bits of ``j``.

    Raises
    ------
    ValueError
        If the last axis is not a power of two ≥ 4, or the marginals are inconsistent (a
        cell would be negative).

    Examples
    --------
    >>> ngram_table([100, 10, 8, 5])   # n_xx, n_ix, n_xi, n_ii
    array([87.,  5.,  3.,  5.])
    """
    m = _as_nonnegative("marginals", marginals)
    try:
        m, k = _check_table(m)
    except ValueError:
        raise ValueError(
            f"marginals must have a last axis of length 2**K ([n_xx, n_ix, n_xi, n_ii] for a "
            f"bigram); got shape {m.shape}."
        ) from None
    size = 1 << k
    cells, masks = np.arange(size)[:, None], np.arange(size)[None, :]
    superset = (masks & cells) == cells
    sign = np.where(_popcount(k)[masks & ~cells] % 2 == 0, 1.0, -1.0)
    mobius = np.where(superset, sign, 0.0)  # mobius[j, m]: weight of marginal m in cell j
    table = m @ mobius.T
    if np.any(table < 0):
        raise ValueError(
            "marginals are inconsistent: they imply a negative cell count. Check that every "
            "marginal counts windows of the same length from the same text."
        )
    return table


def _bits(k: int) -> np.ndarray:
    """``bits[j, i]`` is 1 when position ``i`` matches in cell ``j``; shape (2**K, K)."""
    return (np.arange(1 << k)[:, None] >> np.arange(k)[None, :]) & 1


def _position_marginals(t: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Windows with the n-gram's word in each position, shape (..., K), and all windows."""
    return t @ _bits(k).astype(float), t.sum(axis=-1)


def _expected_independence(t: np.ndarray, k: int) -> np.ndarray:
    """Expected cell counts under independence of the K positions (NLTK's model)."""
    margins, n = _position_marginals(t, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        p1 = margins / n[..., None]
    probs = np.where(_bits(k) == 1, p1[..., None, :], 1 - p1[..., None, :])
    return n[..., None] * probs.prod(axis=-1)


def ngram_likelihood_ratio(table) -> np.ndarray:
    """Log-likelihood ratio G² of an n-gram against independence of its words (as NLTK).

    ``G² = 2 Σ O ln(O / E)`` over the 2^K cells, with E the product of the one-word
    marginals (``nltk.metrics.BigramAssocMeasures.likelihood_ratio`` /
    ``TrigramAssocMeasures.likelihood_ratio``), and ``0·ln 0 = 0`` exactly where NLTK adds
    1e-20. Unsigned, as in NLTK.

    Parameters
    ----------
    table : array_like, shape (..., 2**K)
        N-gram contingency tables in the module's bit order (see :func:`ngram_table`).

    Returns
    -------
    ndarray, shape (...)
        G² per n-gram; NaN for an empty table. Cells whose expected count is zero (a word
        that never occurs in its position) are empty too and contribute 0.

    Raises
    ------
    ValueError
        If the table shape is wrong or a count is negative.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61–74. Manning, C. D. & Schütze, H. (1999).
    *Foundations of Statistical Natural Language Processing*, §5.3.4.

    Examples
    --------
    >>> round(float(ngram_likelihood_ratio(ngram_table([100, 10, 8, 5]))), 4)
    15.5849
    """
    t, k = _check_table(table)
    e = _expected_independence(t, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = 2 * _xlog1p(t, t - e, e).sum(axis=-1)
    return np.where(t.sum(axis=-1) > 0, np.maximum(g, 0.0), np.nan)


def ngram_pmi(table) -> np.ndarray:
    """Pointwise mutual information of an n-gram in bits (as NLTK).

    ``log2(n_full · N^(K-1) / Π_k m_k)``, where ``n_full`` counts the n-gram, ``m_k`` the
    windows with the n-gram's k-th word in position k and ``N`` all windows
    (``nltk.metrics.BigramAssocMeasures.pmi``).

    Parameters
    ----------
    table : array_like, shape (..., 2**K)
        N-gram contingency tables (see :func:`ngram_table`).

    Returns
    -------
    ndarray, shape (...)
        PMI per n-gram; ``-inf`` for an n-gram that never occurs, NaN where a word margin
        is zero.

    Raises
    ------
    ValueError
        If the table shape is wrong or a count is negative.

    References
    ----------
    Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22–29.

    Examples
    --------
    >>> round(float(ngram_pmi(ngram_table([100, 10, 8, 5]))), 4)
    2.6439
    """
    t, k = _check_table(table)
    margins, n = _position_marginals(t, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log2(t[..., -1]) + (k - 1) * np.log2(n) - np.log2(margins).sum(axis=-1)
    return np.where((margins > 0).all(axis=-1), out, np.nan)


def ngram_t_score(table) -> np.ndarray:
    """Student's t-score of an n-gram against independence (as NLTK's ``student_t``).

    ``t = (n_full - Π_k m_k / N^(K-1)) / sqrt(n_full)`` (Manning & Schütze 1999, §5.3.1).

    Parameters
    ----------
    table : array_like, shape (..., 2**K)
        N-gram contingency tables (see :func:`ngram_table`).

    Returns
    -------
    ndarray, shape (...)
        t-score per n-gram; NaN for an n-gram that never occurs (NLTK divides by
        ``sqrt(1e-20)`` there instead) or an empty table.

    Raises
    ------
    ValueError
        If the table shape is wrong or a count is negative.

    References
    ----------
    Church, K., Gale, W., Hanks, P. & Hindle, D. (1991). Using statistics in lexical
    analysis. In U. Zernik (ed.), *Lexical Acquisition*, 115–164. Manning, C. D. &
    Schütze, H. (1999). *Foundations of Statistical NLP*, §5.3.1.

    Examples
    --------
    >>> round(float(ngram_t_score(ngram_table([100, 10, 8, 5]))), 4)
    1.8783
    """
    t, k = _check_table(table)
    margins, n = _position_marginals(t, k)
    obs = t[..., -1]
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = margins.prod(axis=-1) / n ** (k - 1)
        out = (obs - expected) / np.sqrt(obs)
    return np.where(obs > 0, out, np.nan)


def ngram_lambda(table, *, smoothing: float = 0.5) -> LambdaResult:
    """Blaheta–Johnson lambda and Wald z of an n-gram, as quanteda's ``textstat_collocations``.

    With ``n_j`` the table cells plus ``smoothing``, lambda is the K-way interaction of the
    saturated Poisson log-linear model fitted to the 2^K table, and sigma its standard
    error (quanteda ``src/collocations.cpp``, ``lambda_all2`` / ``sigma_all2``):

    .. math:: \\lambda = \\sum_j (-1)^{K - b_j} \\ln n_j, \\qquad
              \\sigma = \\Big(\\sum_j n_j^{-1}\\Big)^{1/2}, \\qquad z = \\lambda / \\sigma,

    where ``b_j`` is the number of matching positions in cell ``j``. For a bigram lambda is
    the log odds ratio ``ln(n_11 n_00 / (n_10 n_01))``.

    Parameters
    ----------
    table : array_like, shape (..., 2**K)
        N-gram contingency tables in the module's bit order (see :func:`ngram_table`); quanteda
        counts every window of K tokens that does not cross a sentence or punctuation boundary.
        K = 2 and K = 3 are the usual sizes; any K ≥ 2 works.
    smoothing : float, default 0.5
        Added to every cell before taking logs (quanteda's default).

    Returns
    -------
    LambdaResult
        ``lambda_``, ``sigma`` and ``z`` per n-gram; NaN where a smoothed cell is zero
        (only possible with ``smoothing=0``).

    Raises
    ------
    ValueError
        If the table shape is wrong, a count is negative or ``smoothing`` is negative.

    References
    ----------
    Blaheta, D. & Johnson, M. (2001). Unsupervised learning of multi-word verbs. *ACL/EACL
    Workshop on the Computational Extraction, Analysis and Exploitation of Collocations*,
    54–60. Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of
    textual data. *Journal of Open Source Software*, 3(30), 774.

    Examples
    --------
    >>> res = ngram_lambda(ngram_table([100, 10, 8, 5]))
    >>> round(float(res.lambda_), 4), round(float(res.z), 4)
    (3.2189, 3.9598)
    """
    t, k = _check_table(table)
    s = float(_as_nonnegative("smoothing", smoothing, what="values"))
    n = t + s
    sign = np.where((k - _popcount(k)) % 2 == 0, 1.0, -1.0)
    defined = (n > 0).all(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = (np.log(n) * sign).sum(axis=-1)
        sigma = np.sqrt((1 / n).sum(axis=-1))
    lam = np.where(defined, lam, np.nan)
    sigma = np.where(defined, sigma, np.nan)
    return LambdaResult(lam, sigma, lam / sigma)


# --------------------------------------------------------------------------- dispersion


def gries_dp(counts_per_part, part_sizes) -> DispersionResult:
    """Gries' deviation of proportions DP and its normalised form DPnorm.

    For a feature with ``v_i`` occurrences in part ``i`` (total ``f``) and parts that make up
    ``s_i`` of the corpus:

    .. math:: DP = \\tfrac12 \\sum_i |v_i / f - s_i|, \\qquad
              DP_{norm} = \\frac{DP}{1 - \\min_i s_i}

    DP is 0 when the feature is spread exactly like the corpus and approaches 1 when it is
    concentrated in one small part; DPnorm rescales DP to reach exactly 1 when all
    occurrences fall in the smallest part (Lijffijt & Gries 2012).

    Parameters
    ----------
    counts_per_part : array_like, shape (n_features, n_parts) or (n_parts,)
        Occurrences of each feature (row) in each corpus part (column).
    part_sizes : array_like, shape (n_parts,)
        Size of each part in tokens (or any proportional weights); not all zero.

    Returns
    -------
    DispersionResult
        ``dp`` and ``dp_norm``, shape (n_features,) (or scalar for 1-D input). NaN for a
        feature that never occurs; ``dp_norm`` is NaN when there is only one part.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If counts or sizes are negative, all sizes are zero, or the number of columns does
        not match the number of part sizes.

    References
    ----------
    Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
    Journal of Corpus Linguistics*, 13(4), 403–437.

    Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and
    adjusted frequencies in corpora". *International Journal of Corpus Linguistics*, 17(1),
    147–149.

    Examples
    --------
    Gries' five-part corpus of 9, 10, 10, 10 and 11 words, where "a" occurs 1–5 times:

    >>> res = gries_dp([[1, 2, 3, 4, 5], [2, 2, 2, 2, 2]], [9, 10, 10, 10, 11])
    >>> np.round(res.dp, 3).tolist(), np.round(res.dp_norm, 3).tolist()
    ([0.18, 0.02], [0.22, 0.024])
    """
    v = _as_nonnegative("counts_per_part", counts_per_part)
    sizes = _as_nonnegative("part_sizes", part_sizes, what="sizes")
    if sizes.ndim != 1:
        raise ValueError(f"part_sizes must be 1-D (one size per part); got shape {sizes.shape}.")
    if v.ndim not in (1, 2):
        raise ValueError(
            "counts_per_part must be 1-D (one feature) or 2-D (features × parts); got shape "
            f"{v.shape}."
        )
    if v.shape[-1] != sizes.shape[0]:
        raise ValueError(
            f"counts_per_part has {v.shape[-1]} columns (parts) but part_sizes has "
            f"{sizes.shape[0]} entries; give one size per column."
        )
    if sizes.sum() <= 0:
        raise ValueError("part_sizes must not all be zero; pass the token count of each part.")
    s = sizes / sizes.sum()
    f = v.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * np.abs(v / f - s).sum(axis=-1)
        dp_norm = dp / (1 - s.min())
    occurs = f[..., 0] > 0
    dp = np.where(occurs, dp, np.nan)
    dp_norm = np.where(occurs & (s.min() < 1), dp_norm, np.nan)
    return DispersionResult(dp, dp_norm)
