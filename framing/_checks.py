"""Input checks shared by the functions that consume another function's table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def require_table(table, columns: Sequence[str], *, name: str, source: str) -> pd.DataFrame:
    """``table`` is a DataFrame with ``columns``, as ``source`` returns it.

    ``name`` is the argument ("matches") and ``source`` the function whose output it should
    be ("find_slogans"); both appear in the message.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{name} must be the DataFrame returned by {source}, got {type(table).__name__}"
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name} has no column(s) {missing}; pass the DataFrame returned by {source}"
        )
    return table
