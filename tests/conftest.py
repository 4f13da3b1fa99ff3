"""Shared fixtures: the five seed articles and a small hand-checkable toy corpus."""

from pathlib import Path

import pandas as pd
import pytest

from framing.corpus import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Four short documents whose counts are easy to work out by hand (see test_counts.py).
# Tokens:  a  win-win cooperation | win-win                      (3 tokens, 2 sentences)
#          b  peaceful development of the world                  (5 tokens)
#          c  win-win peace                                      (2 tokens)
#          d  the world and the peace                            (5 tokens)
TOY_DOCS = {
    "doc_id": ["a", "b", "c", "d"],
    "text": [
        "Win-win cooperation. Win-win!",
        "Peaceful development of the world.",
        "Win-win peace.",
        "The world and the peace.",
    ],
    "source": ["state", "state", "foreign", None],
    "outlet": ["X", "Y", "Z", ""],
}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of seed articles (with metadata.csv), found relative to this file."""
    return SEEDS


@pytest.fixture(scope="session")
def seeds_corpus(seeds_dir):
    """The seed articles loaded with default cleaning (tokens are cached on first use)."""
    return load_corpus(seeds_dir)


@pytest.fixture()
def toy_frame() -> pd.DataFrame:
    return pd.DataFrame(TOY_DOCS)


@pytest.fixture()
def toy_corpus(toy_frame):
    """Four tiny documents with a ``source`` column (one value missing)."""
    return load_corpus(toy_frame)
