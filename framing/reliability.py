"""Reliability of hand and machine coding: kappa, alpha, precision/recall, coding sheets.

Two questions are asked of a codebook. *Validity*: does the machine coding agree with
what a careful human reader codes? (:func:`codebook_agreement`, per category precision,
recall, F1 and Cohen's kappa against the human codes.) *Reliability*: do trained human
coders agree with one another? (:func:`intercoder_agreement`, per category Krippendorff's
alpha and, for two coders, Cohen's kappa.) :func:`coding_sheet` draws the reproducible
random sample of sentences that the humans code, and :func:`read_coding_sheet` reads it
back with validation.

For one binary category every measure is a function of the same 2x2 table of units::

                     human = 1    human = 0
    machine = 1         tp           fp         tp + fp
    machine = 0         fn           tn         fn + tn
                      tp + fn      fp + tn         n

    precision = tp / (tp + fp)          recall = tp / (tp + fn)
    F1        = 2 tp / (2 tp + fp + fn)
    kappa     = (p_o - p_e) / (1 - p_e), p_o = (tp + tn) / n,
                p_e = ((tp + fp)(tp + fn) + (fn + tn)(fp + tn)) / n**2
              = 2 (tp tn - fp fn) / ((tp + fp)(fp + tn) + (tp + fn)(fn + tn))

A measure whose denominator is zero (no predicted positives for precision, no human
positives for recall, one single code used by both sides for kappa) is undefined and
returned as NaN, never as 0 or an error.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "cohen_kappa",
    "krippendorff_alpha",
    "codebook_agreement",
    "intercoder_agreement",
    "coding_sheet",
    "read_coding_sheet",
]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
_LEVELS = ("nominal", "ordinal", "interval", "ratio")
_KEYS = ["doc_id", "sentence_id"]
_TEXT_COLUMNS = ("doc_id", "sentence_id", "sentence", "notes")
_AVERAGE_ROWS = ("micro", "macro")


# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------


def _check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}={value!r} is not valid; choose one of {options}.")


def _check_categories(categories: object, *, argument: str = "categories") -> list[str]:
    if isinstance(categories, str):
        raise TypeError(
            f"{argument} must be a list of category ids, not the single string "
            f"{categories!r}; pass [{categories!r}] for one category."
        )
    try:
        cats = list(categories)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"{argument} must be a list of category ids; got {type(categories).__name__}."
        ) from None
    if not cats:
        raise ValueError(f"{argument} is empty; give at least one category id.")
    bad = [c for c in cats if not isinstance(c, str) or not c.strip()]
    if bad:
        raise TypeError(f"{argument} must hold non-empty strings; got {bad[0]!r}.")
    dupes = sorted({c for c in cats if cats.count(c) > 1})
    if dupes:
        raise ValueError(f"{argument} lists {dupes[0]!r} more than once; give each id once.")
    clash = [c for c in cats if c in _TEXT_COLUMNS]
    if clash:
        raise ValueError(
            f"{argument} contains {clash[0]!r}, which is a reserved column of a coding "
            f"sheet ({', '.join(_TEXT_COLUMNS)}); rename the category."
        )
    return cats


def _require_columns(df: pd.DataFrame, columns: Sequence[str], *, what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame; got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what} is missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"it has {', '.join(repr(str(c)) for c in df.columns)}."
        )


def _show(value: object) -> str:
    """repr of a cell value, without numpy's ``np.int64(...)`` wrapping."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _infer_categories(df: pd.DataFrame) -> list[str]:
    return [str(c) for c in df.columns if c not in _TEXT_COLUMNS]


def _unit_index(df: pd.DataFrame, *, what: str) -> pd.MultiIndex:
    """(doc_id as str, sentence_id as int) index; duplicates are an error."""
    doc = df["doc_id"].astype(str)
    sid = pd.to_numeric(df["sentence_id"], errors="coerce")
    bad = sid.isna() | (sid != np.floor(sid))
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(
            f"{what}: sentence_id {_show(df['sentence_id'].iloc[pos])} (row {pos}) is not an "
            "integer; sentence ids count sentences from 0 within each document."
        )
    index = pd.MultiIndex.from_arrays(
        [doc.to_numpy(), sid.to_numpy().astype(np.int64)], names=_KEYS
    )
    dup = index.duplicated(keep=False)
    if dup.any():
        pos = np.flatnonzero(dup)
        d, s = index[pos[0]]
        raise ValueError(
            f"{what}: unit doc_id={d!r}, sentence_id={s} appears {int((index == (d, s)).sum())} "
            f"times (rows {', '.join(str(p) for p in pos[:5])}); keep one row per sentence."
        )
    return index


def _binary_codes(values: pd.Series, *, what: str, column: str) -> np.ndarray:
    """Float array of 0/1 with NaN for missing; anything else is an error."""
    x = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = (~np.isnan(x) & (x != 0) & (x != 1)) | (np.isnan(x) & values.notna().to_numpy())
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{what}, column {column!r}: value {_show(values.iloc[pos])} (row {pos}) is not 0, 1 "
            "or missing; code 1 when the sentence invokes the category and 0 when it does not."
        )
    return x


def _kappa_2x2(tp, fp, fn, tn) -> np.ndarray:
    """Cohen's kappa from the cells of 2x2 tables, vectorised; NaN where undefined."""
    tp, fp, fn, tn = (np.asarray(a, dtype=float) for a in (tp, fp, fn, tn))
    num = 2.0 * (tp * tn - fp * fn)
    den = (tp + fp) * (fp + tn) + (tp + fn) * (fn + tn)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _ratio(num, den) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


# ---------------------------------------------------------------------------
# coefficients
# ---------------------------------------------------------------------------


def _kappa_1d(a: np.ndarray, b: np.ndarray) -> float:
    keep = ~(pd.isna(a) | pd.isna(b))
    a, b = a[keep], b[keep]
    n = a.size
    if n == 0:
        return float("nan")
    codes, _ = pd.factorize(np.concatenate([a, b]), sort=True)
    k = int(codes.max()) + 1
    table = np.bincount(codes[:n] * k + codes[n:], minlength=k * k).reshape(k, k) / n
    p_o = np.trace(table)
    p_e = float(table.sum(axis=1) @ table.sum(axis=0))
    if np.isclose(p_e, 1.0):
        return float("nan")
    return float((p_o - p_e) / (1.0 - p_e))


def cohen_kappa(coder1, coder2):
    """Cohen's kappa, chance-corrected agreement of two coders on a nominal scale.

    Parameters
    ----------
    coder1, coder2 : array-like of shape (n_units,) or DataFrame
        The codes two coders gave to the same units, in the same order. Codes are any
        labels (numbers or strings); NaN/None marks a unit the coder did not code, and a
        unit missing from either coder is left out. When both are DataFrames with the same
        columns (for example one 0/1 column per codebook category), kappa is computed
        column by column.

    Returns
    -------
    float or pandas.Series
        ``kappa = (p_o - p_e) / (1 - p_e)`` where ``p_o`` is the share of units with equal
        codes and ``p_e = sum_c p1(c) p2(c)`` the agreement expected from the two coders'
        own marginal distributions. NaN when undefined (no units, or both coders used one
        and the same code so that ``p_e = 1``). For DataFrames, a Series indexed by column.

    Raises
    ------
    TypeError
        If a single string is passed instead of a sequence of codes.
    ValueError
        If the two coders have different numbers of units or different columns.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.

    Examples
    --------
    >>> from framing.reliability import cohen_kappa
    >>> round(cohen_kappa(["yes", "yes", "no", "no"], ["yes", "no", "no", "no"]), 3)
    0.5
    >>> import pandas as pd
    >>> human = pd.DataFrame({"win_win": [1, 1, 0, 0], "peace": [1, 0, 1, 0]})
    >>> machine = pd.DataFrame({"win_win": [1, 0, 0, 0], "peace": [1, 0, 1, 0]})
    >>> cohen_kappa(machine, human).round(3).to_dict()
    {'win_win': 0.5, 'peace': 1.0}
    """
    if isinstance(coder1, pd.DataFrame) or isinstance(coder2, pd.DataFrame):
        if not (isinstance(coder1, pd.DataFrame) and isinstance(coder2, pd.DataFrame)):
            raise TypeError("coder1 and coder2 must both be DataFrames, or both 1-D sequences.")
        if list(coder1.columns) != list(coder2.columns):
            raise ValueError(
                f"coder1 has columns {list(coder1.columns)} but coder2 has "
                f"{list(coder2.columns)}; select the same columns in the same order."
            )
        if len(coder1) != len(coder2):
            raise ValueError(
                f"coder1 has {len(coder1)} units but coder2 has {len(coder2)}; "
                "align the two codings on the same units first."
            )
        return pd.Series(
            [
                _kappa_1d(coder1[c].to_numpy(dtype=object), coder2[c].to_numpy(dtype=object))
                for c in coder1.columns
            ],
            index=coder1.columns,
            name="cohen_kappa",
            dtype=float,
        )
    for name, value in (("coder1", coder1), ("coder2", coder2)):
        if isinstance(value, str):
            raise TypeError(f"{name} must be a sequence of codes, not the string {value!r}.")
    a = np.asarray(coder1, dtype=object)
    b = np.asarray(coder2, dtype=object)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(
            f"coder1 and coder2 must be 1-D (one code per unit); got shapes {a.shape} and "
            f"{b.shape}. Pass DataFrames to get one kappa per column."
        )
    if a.size != b.size:
        raise ValueError(
            f"coder1 has {a.size} units but coder2 has {b.size}; both must code the same units."
        )
    return _kappa_1d(a, b)


def _coincidences(codes: np.ndarray, n_values: int) -> np.ndarray:
    """Coincidence matrix o_ck from value codes (coders x units, -1 = missing).

    o_ck = sum_u (number of c-k pairs of values in unit u) / (m_u - 1), counting ordered
    pairs of values from different coders; units with fewer than two values are dropped
    (Krippendorff 2011, section C).
    """
    n_units = codes.shape[1]
    coded = codes >= 0
    unit = np.broadcast_to(np.arange(n_units), codes.shape)[coded]
    counts = (
        np.bincount(unit * n_values + codes[coded], minlength=n_units * n_values)
        .reshape(n_units, n_values)
        .astype(float)
    )
    m = counts.sum(axis=1)
    counts = counts[m >= 2]
    weights = 1.0 / (m[m >= 2] - 1.0)
    weighted = counts * weights[:, None]
    return weighted.T @ counts - np.diag(weighted.sum(axis=0))


def _distances(level: str, values: np.ndarray, n_c: np.ndarray) -> np.ndarray:
    """Squared difference function delta^2_ck of Krippendorff (2011) for each level."""
    if level == "nominal":
        return 1.0 - np.eye(len(n_c))
    if level == "ordinal":
        # delta_ck = sum_{g=c..k} n_g - (n_c + n_k) / 2 = mid_k - mid_c with
        # mid_g = (cumulative n up to g) - n_g / 2, values in rank order.
        mid = np.cumsum(n_c) - n_c / 2.0
        return (mid[None, :] - mid[:, None]) ** 2
    diff = values[:, None] - values[None, :]
    if level == "interval":
        return diff**2
    total = values[:, None] + values[None, :]
    return np.square(_ratio(diff, total), where=total > 0, out=np.zeros_like(diff))


def krippendorff_alpha(data, *, level: Level = "nominal") -> float:
    """Krippendorff's alpha for two or more coders, any level of measurement, missing data.

    Computed from the coincidence matrix as in Krippendorff (2011):
    ``alpha = 1 - (n - 1) * sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck`` where
    ``o_ck`` counts pairs of values ``c, k`` given to the same unit by different coders
    (each unit weighted by ``1 / (m_u - 1)`` for its ``m_u`` values), ``n_c`` are its
    margins, ``n`` the number of pairable values and ``delta2`` the level's squared
    difference function.

    Parameters
    ----------
    data : array-like of shape (n_coders, n_units)
        The reliability data matrix in Krippendorff's canonical layout: one row per coder,
        one column per unit. NaN/None marks a missing value. A units-by-coders DataFrame
        must be transposed first (``df.T``). For ``'nominal'`` the values may be any labels;
        the other levels need numbers (``'ratio'``: non-negative numbers).
    level : {'nominal', 'ordinal', 'interval', 'ratio'}, default 'nominal'
        Level of measurement, which fixes the difference function: nominal
        ``delta2 = [c != k]``; ordinal ``delta2 = (sum_{g=c..k} n_g - (n_c + n_k)/2)**2``
        over the values in rank order; interval ``(c - k)**2``; ratio
        ``((c - k) / (c + k))**2``.

    Returns
    -------
    float
        Alpha: 1 for perfect agreement, 0 for agreement at chance level, negative for
        systematic disagreement. NaN when undefined: no unit was coded by two or more
        coders, or all pairable values are equal (no variation, expected disagreement 0).

    Raises
    ------
    ValueError
        If ``data`` is not 2-D with at least two coders, if ``level`` is unknown, or if a
        non-nominal level meets non-numeric (or, for ratio, negative) values.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Departmental
    Papers (ASC), University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
    Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability
    measure for coding data. *Communication Methods and Measures*, 1(1), 77-89.

    Examples
    --------
    Two coders, one missing value (coder 2 did not code the last unit):

    >>> import numpy as np
    >>> from framing.reliability import krippendorff_alpha
    >>> data = [[1, 1, 0, 0, 1], [1, 0, 0, 0, np.nan]]
    >>> round(krippendorff_alpha(data), 3)
    0.533

    Three coders with labels; coder 3 skipped the last unit:

    >>> round(krippendorff_alpha([["a", "b", "b"], ["a", "b", "a"], ["a", "b", None]]), 4)
    0.5625
    """
    _check_choice("level", level, _LEVELS)
    if isinstance(data, pd.DataFrame):
        data = data.to_numpy(dtype=object)
    arr = np.asarray(data, dtype=object)
    if arr.ndim != 2 or arr.shape[0] < 2:
        raise ValueError(
            f"data must be a 2-D coders x units matrix with at least two coders (rows); got "
            f"shape {arr.shape}. Transpose a units x coders table with .T."
        )
    missing = pd.isna(arr)
    flat = arr[~missing]
    if level == "nominal":
        codes_flat, uniques = pd.factorize(flat, sort=False)
        values = np.arange(len(uniques), dtype=float)
    else:
        try:
            numeric = flat.astype(float)
        except (TypeError, ValueError):
            bad = next(v for v in flat if not _is_number(v))
            raise ValueError(
                f"krippendorff_alpha(level={level!r}) needs numeric values; got {bad!r}. "
                "Use level='nominal' for labels, or map the labels to numbers."
            ) from None
        if level == "ratio" and (numeric < 0).any():
            raise ValueError(
                f"level='ratio' needs non-negative values; got {numeric[numeric < 0][0]!r}. "
                "Use level='interval' for values with an arbitrary zero."
            )
        values, codes_flat = np.unique(numeric, return_inverse=True)
    codes = np.full(arr.shape, -1, dtype=np.int64)
    codes[~missing] = codes_flat
    o = _coincidences(codes, len(values))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n == 0:
        return float("nan")
    delta = _distances(level, values, n_c)
    expected = (np.outer(n_c, n_c) * delta).sum()
    if expected <= 0:
        return float("nan")
    return float(1.0 - (n - 1.0) * (o * delta).sum() / expected)


def _is_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


# ---------------------------------------------------------------------------
# machine vs human, human vs human
# ---------------------------------------------------------------------------


def codebook_agreement(predicted: pd.DataFrame, gold: pd.DataFrame, *, categories=None):
    """Precision, recall, F1 and Cohen's kappa of machine codes against human codes.

    Parameters
    ----------
    predicted : DataFrame
        Machine coding with ``doc_id``, ``sentence_id`` and one column per category holding
        0/1 or a hit count (any count above 0 means coded). It must cover every unit of
        ``gold``; extra units are ignored.
    gold : DataFrame
        Human coding (for instance from :func:`read_coding_sheet`) with ``doc_id``,
        ``sentence_id`` and one 0/1 column per category; a missing value means the unit was
        not coded for that category and is left out of that category's table.
    categories : list of str, optional
        Categories to compare. Default: every column of ``gold`` other than ``doc_id``,
        ``sentence_id``, ``sentence`` and ``notes``.

    Returns
    -------
    DataFrame
        One row per category, in the given order, then a ``'micro'`` and a ``'macro'`` row.
        Columns ``category, n, tp, fp, fn, tn, precision, recall, f1, cohen_kappa`` where
        ``n`` is the number of units the humans coded for that category and ``tp, fp, fn,
        tn`` the cells of the machine-by-human 2x2 table (see the module docstring).
        Undefined measures (for instance recall for a category the humans never coded as
        present) are NaN. The micro row sums the cells over categories and computes every
        measure from the summed table; the macro row holds the same summed counts and the
        unweighted mean of the per-category measures, ignoring NaN.

    Raises
    ------
    ValueError
        If a key or category column is missing, a unit appears twice, a human code is not
        0/1/missing, a machine code is negative or missing, or a human-coded unit has no
        machine coding.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.
    Van Rijsbergen, C. J. (1979). *Information Retrieval* (2nd ed.), ch. 7. Butterworths.
    Manning, C. D., Raghavan, P., & Schuetze, H. (2008). *Introduction to Information
    Retrieval*, section 13.6 (micro- and macro-averaging). Cambridge University Press.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.reliability import codebook_agreement
    >>> keys = {"doc_id": ["a", "a", "b", "b"], "sentence_id": [0, 1, 0, 1]}
    >>> machine = pd.DataFrame({**keys, "win_win": [2, 0, 1, 0], "peace": [0, 0, 0, 0]})
    >>> human = pd.DataFrame({**keys, "win_win": [1, 1, 1, 0], "peace": [0, 0, 0, 0]})
    >>> table = codebook_agreement(machine, human)
    >>> table[["category", "n", "tp", "fp", "fn", "tn", "precision", "recall"]]
      category  n  tp  fp  fn  tn  precision    recall
    0  win_win  4   2   0   1   1        1.0  0.666667
    1    peace  4   0   0   0   4        NaN       NaN
    2    micro  8   2   0   1   5        1.0  0.666667
    3    macro  8   2   0   1   5        1.0  0.666667
    """
    _require_columns(predicted, _KEYS, what="predicted")
    _require_columns(gold, _KEYS, what="gold")
    cats = _check_categories(_infer_categories(gold) if categories is None else categories)
    clash = [c for c in cats if c in _AVERAGE_ROWS]
    if clash:
        raise ValueError(
            f"category id {clash[0]!r} clashes with the average rows 'micro' and 'macro'; "
            "rename the category."
        )
    _require_columns(predicted, cats, what="predicted")
    _require_columns(gold, cats, what="gold")

    gold_index = _unit_index(gold, what="gold")
    pred_index = _unit_index(predicted, what="predicted")
    pos = pred_index.get_indexer(gold_index)
    if (pos < 0).any():
        absent = [gold_index[i] for i in np.flatnonzero(pos < 0)[:3]]
        raise ValueError(
            f"predicted has no row for {int((pos < 0).sum())} unit(s) of gold, e.g. "
            f"{', '.join(f'doc_id={d!r} sentence_id={s}' for d, s in absent)}; code the same "
            "corpus with the machine (one row per sentence) before comparing."
        )
    human = np.column_stack([_binary_codes(gold[c], what="gold", column=c) for c in cats])
    machine = np.column_stack(
        [pd.to_numeric(predicted[c], errors="coerce").to_numpy(float) for c in cats]
    )[pos]
    bad = np.isnan(machine) | (machine < 0)
    if bad.any():
        row, col = (int(v[0]) for v in np.nonzero(bad))
        raise ValueError(
            f"predicted, column {cats[col]!r}: value {_show(predicted[cats[col]].iloc[pos[row]])} "
            f"(row {int(pos[row])}) is not a non-negative number; machine codes are 0/1 or "
            "hit counts."
        )
    coded = ~np.isnan(human)
    h = human == 1
    m = machine > 0
    tp = (coded & h & m).sum(axis=0)
    fp = (coded & ~h & m).sum(axis=0)
    fn = (coded & h & ~m).sum(axis=0)
    tn = (coded & ~h & ~m).sum(axis=0)
    cells = np.vstack([tp, fp, fn, tn])
    cells = np.column_stack([cells, cells.sum(axis=1), cells.sum(axis=1)])
    tp, fp, fn, tn = cells
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    kappa = _kappa_2x2(tp, fp, fn, tn)
    k = len(cats)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN
        for measure in (precision, recall, f1, kappa):
            measure[k + 1] = np.nanmean(measure[:k])
    return pd.DataFrame(
        {
            "category": [*cats, *_AVERAGE_ROWS],
            "n": tp + fp + fn + tn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "cohen_kappa": kappa,
        }
    )


def intercoder_agreement(sheets, *, categories=None) -> pd.DataFrame:
    """Agreement between two or more human coders, per category.

    Parameters
    ----------
    sheets : sequence of DataFrame or path
        Hand-coded sheets, one per coder: DataFrames with ``doc_id``, ``sentence_id`` and
        one 0/1 column per category, or paths to coding-sheet CSV files (read with
        :func:`read_coding_sheet`). Sheets are aligned on ``(doc_id, sentence_id)``; a unit
        absent from a sheet or left blank counts as not coded by that coder.
    categories : list of str, optional
        Categories to compare. Default: the category columns of the first sheet (every
        column other than ``doc_id``, ``sentence_id``, ``sentence`` and ``notes``).

    Returns
    -------
    DataFrame
        One row per category with columns ``category, n_coders, n_units,
        percent_agreement, krippendorff_alpha, cohen_kappa``: ``n_units`` units were coded
        by at least two coders; ``percent_agreement`` is the share of those on which all
        the coders who coded the unit gave the same code; ``krippendorff_alpha`` is nominal
        alpha over all coders (missing values allowed); ``cohen_kappa`` is computed on the
        units both coders coded when there are exactly two coders, NaN otherwise.
        Undefined coefficients (for instance no coder ever used 1) are NaN.

    Raises
    ------
    ValueError
        If fewer than two sheets are given, a sheet lacks a key or category column, a unit
        appears twice in one sheet or a code is not 0/1/missing.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Departmental
    Papers (ASC), University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.reliability import intercoder_agreement
    >>> keys = {"doc_id": ["a", "a", "b", "b"], "sentence_id": [0, 1, 0, 1]}
    >>> ann = pd.DataFrame({**keys, "peace": [1, 0, 1, 0]})
    >>> ben = pd.DataFrame({**keys, "peace": [1, 0, 0, 0]})
    >>> print(intercoder_agreement([ann, ben]).round(3).to_string())
      category  n_coders  n_units  percent_agreement  krippendorff_alpha  cohen_kappa
    0    peace         2        4               0.75               0.533          0.5
    """
    if isinstance(sheets, (str, os.PathLike, pd.DataFrame)):
        raise TypeError(
            "sheets must be a list of coding sheets (DataFrames or paths), one per coder; "
            f"got a single {type(sheets).__name__}."
        )
    sheets = list(sheets)
    if len(sheets) < 2:
        raise ValueError(
            f"intercoder_agreement needs at least two coders' sheets; got {len(sheets)}."
        )
    frames, names = [], []
    for i, sheet in enumerate(sheets):
        if isinstance(sheet, (str, os.PathLike)):
            frames.append(read_coding_sheet(sheet, categories=categories))
            names.append(f"sheet {os.fspath(sheet)!r}")
        else:
            frames.append(sheet)
            names.append(f"sheets[{i}]")
    cats = _check_categories(_infer_categories(frames[0]) if categories is None else categories)
    columns = {c: [] for c in cats}
    for frame, name in zip(frames, names, strict=True):
        _require_columns(frame, [*_KEYS, *cats], what=name)
        index = _unit_index(frame, what=name)
        for c in cats:
            columns[c].append(pd.Series(_binary_codes(frame[c], what=name, column=c), index))
    rows = []
    for c in cats:
        # units x coders, outer-aligned on (doc_id, sentence_id)
        table = pd.concat(columns[c], axis=1, join="outer", sort=False).to_numpy(float)
        coded = ~np.isnan(table)
        pairable = coded.sum(axis=1) >= 2
        t = table[pairable]
        agree = np.nanmin(t, axis=1) == np.nanmax(t, axis=1) if t.size else np.array([])
        kappa = np.nan
        if len(frames) == 2:
            kappa = _kappa_1d(t[:, 0].astype(object), t[:, 1].astype(object))
        rows.append(
            {
                "category": c,
                "n_coders": len(frames),
                "n_units": int(pairable.sum()),
                "percent_agreement": float(agree.mean()) if agree.size else np.nan,
                "krippendorff_alpha": krippendorff_alpha(table.T, level="nominal"),
                "cohen_kappa": kappa,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# coding sheets
# ---------------------------------------------------------------------------


def _allocate(sizes: np.ndarray, n: int) -> np.ndarray:
    """Proportional allocation of n draws to strata, largest remainder (Hamilton)."""
    quota = n * sizes / sizes.sum()
    take = np.floor(quota).astype(np.int64)
    remainder = quota - take
    order = np.lexsort((np.arange(len(sizes)), -remainder))
    take[order[: n - int(take.sum())]] += 1
    return take


def coding_sheet(
    sentences_df: pd.DataFrame,
    *,
    categories,
    n: int = 100,
    random_state: int = 0,
    by=None,
) -> pd.DataFrame:
    """Draw a reproducible random sample of sentences as a blank coding sheet.

    Parameters
    ----------
    sentences_df : DataFrame
        One row per sentence with columns ``doc_id``, ``sentence_id`` and ``sentence``
        (for instance ``corpus.tokens.sentences``).
    categories : list of str
        Category ids; the sheet gets one empty column per category, in this order.
    n : int, default 100
        Number of sentences to draw (without replacement). If the table has fewer
        sentences, all are returned with a warning.
    random_state : int, default 0
        Seed of the random generator; the same table, ``n``, ``by`` and seed always give
        the same sheet.
    by : str or Series, optional
        Stratify the sample: the name of a column of ``sentences_df``, or a Series of group
        labels indexed by ``doc_id`` (as returned by ``Corpus.groups``). Each group gets a
        share of ``n`` proportional to its number of sentences (largest-remainder rounding,
        ties to the group whose label sorts first), sampled independently. Default: a simple
        random sample.

    Returns
    -------
    DataFrame
        Columns ``doc_id, sentence_id, sentence, <one per category>, notes``, rows in the
        order of ``sentences_df``. Category columns are empty (nullable ``Int64`` of
        ``<NA>``) and ``notes`` holds empty strings, ready for ``to_csv(index=False)``.

    Raises
    ------
    ValueError
        If a required column is missing, a unit appears twice, ``n`` is not positive,
        ``categories`` is empty or repeats an id, or ``by`` names no column / leaves a
        document without a group.
    TypeError
        If ``categories`` is a single string.

    References
    ----------
    Krippendorff, K. (2018). *Content Analysis: An Introduction to Its Methodology*
    (4th ed.), ch. 6 (sampling) and ch. 12 (reliability data). Sage.
    Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.), section 5.5 (proportional
    allocation). Wiley.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.reliability import coding_sheet
    >>> sentences = pd.DataFrame({
    ...     "doc_id": ["a", "a", "b", "c"],
    ...     "sentence_id": [0, 1, 0, 0],
    ...     "sentence": ["Win-win cooperation.", "Peace matters.", "A shared future.",
    ...                  "Talks resumed."]})
    >>> sheet = coding_sheet(sentences, categories=["win_win", "peace"], n=2, random_state=1)
    >>> list(sheet.columns)
    ['doc_id', 'sentence_id', 'sentence', 'win_win', 'peace', 'notes']
    >>> len(sheet), int(sheet["win_win"].isna().sum())
    (2, 2)
    """
    _require_columns(sentences_df, ["doc_id", "sentence_id", "sentence"], what="sentences_df")
    cats = _check_categories(categories)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r} is not valid; give a positive number of sentences.")
    _unit_index(sentences_df, what="sentences_df")
    total = len(sentences_df)
    if n > total:
        warnings.warn(
            f"n={n} is larger than the {total} sentences available; the sheet holds all of them.",
            UserWarning,
            stacklevel=2,
        )
        n = total
    rng = np.random.default_rng(random_state)
    if by is None:
        chosen = rng.choice(total, size=n, replace=False)
    else:
        if isinstance(by, pd.Series):
            groups = sentences_df["doc_id"].map(by)
            if groups.isna().any():
                doc = sentences_df["doc_id"][groups.isna()].iloc[0]
                raise ValueError(
                    f"by has no group for doc_id {doc!r}; give a Series indexed by doc_id "
                    "covering every document (e.g. corpus.groups('outlet'))."
                )
        elif isinstance(by, str):
            _require_columns(sentences_df, [by], what="sentences_df")
            groups = sentences_df[by]
        else:
            raise TypeError(
                f"by must be a column name or a Series indexed by doc_id; got {type(by).__name__}."
            )
        codes, _ = pd.factorize(groups.to_numpy(dtype=object), sort=True, use_na_sentinel=False)
        sizes = np.bincount(codes)
        take = _allocate(sizes, n)
        chosen = np.concatenate(
            [
                rng.choice(np.flatnonzero(codes == g), size=int(k), replace=False)
                for g, k in enumerate(take)
            ]
        )
    rows = sentences_df.iloc[np.sort(chosen)]
    sheet = pd.DataFrame(
        {
            "doc_id": rows["doc_id"].to_numpy(),
            "sentence_id": rows["sentence_id"].to_numpy(),
            "sentence": rows["sentence"].to_numpy(),
        }
    )
    for c in cats:
        sheet[c] = pd.array([pd.NA] * len(sheet), dtype="Int64")
    sheet["notes"] = ""
    return sheet


def read_coding_sheet(path, *, categories=None) -> pd.DataFrame:
    """Read a hand-coded coding sheet (CSV) and validate every cell.

    Parameters
    ----------
    path : str or path-like
        A CSV file as written from :func:`coding_sheet` and filled in by a coder (UTF-8,
        a byte-order mark from spreadsheet programs is accepted).
    categories : list of str, optional
        Category columns that must be present. Default: every column other than
        ``doc_id``, ``sentence_id``, ``sentence`` and ``notes``.

    Returns
    -------
    DataFrame
        ``doc_id`` (str), ``sentence_id`` (int), ``sentence`` if present, one nullable
        ``Int64`` column per category (0, 1 or ``<NA>`` for blank) and ``notes`` if present.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        Naming the file, the row (the header is row 1, as in a spreadsheet) and the column:
        a missing column, a code other than 0, 1 or blank, an empty ``doc_id``, a
        ``sentence_id`` that is not a whole number, or a unit listed twice.

    References
    ----------
    Shafranovich, Y. (2005). Common Format and MIME Type for Comma-Separated Values (CSV)
    Files. RFC 4180.
    Krippendorff, K. (2018). *Content Analysis: An Introduction to Its Methodology*
    (4th ed.), ch. 12 (reliability data: one value per coder and unit, blanks as missing).
    Sage.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from framing.reliability import read_coding_sheet
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "coder1.csv"
    >>> _ = path.write_text("doc_id,sentence_id,sentence,peace,notes\\n"
    ...                     "a,0,Peace matters.,1,\\nb,3,Talks resumed.,,unsure\\n")
    >>> read_coding_sheet(path, categories=["peace"])
      doc_id  sentence_id        sentence  peace   notes
    0      a            0  Peace matters.      1
    1      b            3  Talks resumed.   <NA>  unsure
    """
    if isinstance(path, pd.DataFrame):
        raise TypeError("path must be the path of a CSV file, not a DataFrame.")
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"coding sheet {path!r} does not exist; check the path.")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [str(c).strip() for c in raw.columns]
    where = f"coding sheet {path!r}"
    cats = _check_categories(_infer_categories(raw) if categories is None else categories)
    missing = [c for c in [*_KEYS, *cats] if c not in raw.columns]
    if missing:
        raise ValueError(
            f"{where}: row 1 (header) lacks column(s) "
            f"{', '.join(repr(c) for c in missing)}; the header has "
            f"{', '.join(repr(c) for c in raw.columns)}."
        )
    out = pd.DataFrame({"doc_id": raw["doc_id"].str.strip()})
    empty = out["doc_id"] == ""
    if empty.any():
        row = int(np.flatnonzero(empty.to_numpy())[0]) + 2
        raise ValueError(f"{where}, row {row}, column 'doc_id': the doc_id is empty.")
    sid = raw["sentence_id"].str.strip()
    num = pd.to_numeric(sid, errors="coerce")
    bad = num.isna() | (num != np.floor(num))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(
            f"{where}, row {i + 2}, column 'sentence_id': {sid.iloc[i]!r} is not a whole "
            "number; keep the sentence_id the sheet was generated with."
        )
    out["sentence_id"] = num.to_numpy().astype(np.int64)
    if "sentence" in raw.columns:
        out["sentence"] = raw["sentence"]
    codes = {"": pd.NA, "0": 0, "1": 1, "0.0": 0, "1.0": 1}
    for c in cats:
        cell = raw[c].str.strip()
        invalid = ~cell.isin(list(codes))
        if invalid.any():
            i = np.flatnonzero(invalid.to_numpy())
            more = f" (and {len(i) - 1} more invalid cell(s) in this column)" if len(i) > 1 else ""
            raise ValueError(
                f"{where}, row {i[0] + 2}, column {c!r}: {cell.iloc[i[0]]!r} is not 0, 1 or "
                f"blank{more}; write 1 if the sentence invokes the category, 0 if it does "
                "not, and leave it blank if not coded."
            )
        out[c] = pd.array(cell.map(codes).tolist(), dtype="Int64")
    if "notes" in raw.columns:
        out["notes"] = raw["notes"]
    dup = out.duplicated(_KEYS, keep=False).to_numpy()
    if dup.any():
        i = np.flatnonzero(dup)
        first = out.iloc[i[0]]
        same = i[
            (out["doc_id"].to_numpy()[i] == first["doc_id"])
            & (out["sentence_id"].to_numpy()[i] == first["sentence_id"])
        ]
        raise ValueError(
            f"{where}, rows {', '.join(str(r + 2) for r in same)}, columns 'doc_id' and "
            f"'sentence_id': unit doc_id={first['doc_id']!r}, "
            f"sentence_id={int(first['sentence_id'])} is listed more than once; keep one row "
            "per sentence."
        )
    return out
