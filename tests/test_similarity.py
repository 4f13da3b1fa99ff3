"""counts.source_similarity: cosine of TF-IDF vectors, checked against scikit-learn."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics.pairwise import cosine_similarity

from framing.counts import source_similarity


def test_documents_match_sklearn_on_hand_counted_matrix(toy_corpus):
    # toy tokens (conftest): a = win-win cooperation win-win; b = peaceful development of
    # the world; c = win-win peace; d = the world and the peace. Without stopwords
    # ("of", "the", "and"), counted by hand over the vocabulary below:
    vocab = ["win-win", "cooperation", "peaceful", "development", "world", "peace"]
    counts = np.array(
        [
            [2, 1, 0, 0, 0, 0],  # a
            [0, 0, 1, 1, 1, 0],  # b
            [1, 0, 0, 0, 0, 1],  # c
            [0, 0, 0, 0, 1, 1],  # d
        ]
    )
    assert len(vocab) == counts.shape[1]
    expected = cosine_similarity(TfidfTransformer().fit_transform(sp.csr_matrix(counts)))
    sim = source_similarity(toy_corpus)
    assert sim.columns.tolist() == ["source_a", "source_b", "cosine"]
    assert sim["source_a"].tolist() == [d for d in "abcd" for _ in range(4)]
    assert sim["source_b"].tolist() == list("abcd") * 4
    np.testing.assert_allclose(sim["cosine"].to_numpy().reshape(4, 4), expected, atol=1e-12)


def test_groups_sum_their_documents(toy_corpus):
    # by source: state = a + b, foreign = c, (missing) = d
    counts = np.array(
        [
            [2, 1, 1, 1, 1, 0],
            [1, 0, 0, 0, 0, 1],
            [0, 0, 0, 0, 1, 1],
        ]
    )
    expected = cosine_similarity(TfidfTransformer().fit_transform(sp.csr_matrix(counts)))
    sim = source_similarity(toy_corpus, by="source")
    assert list(dict.fromkeys(sim["source_a"])) == ["state", "foreign", "(missing)"]
    np.testing.assert_allclose(sim["cosine"].to_numpy().reshape(3, 3), expected, atol=1e-12)


def test_stopwords_kept_and_errors(toy_corpus):
    sim = source_similarity(toy_corpus, stopwords=False)
    # b and d share "world"; with stopwords kept they also share "the": similarity rises
    kept = sim.set_index(["source_a", "source_b"])["cosine"]
    dropped = source_similarity(toy_corpus).set_index(["source_a", "source_b"])["cosine"]
    assert kept[("b", "d")] > dropped[("b", "d")]
    with pytest.raises(ValueError, match="min_count must be at least 1"):
        source_similarity(toy_corpus, min_count=0)
