"""framing.stream on Dask: a local dask.distributed cluster with two worker processes gives the
same tables as one process."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from framing.corpus import load_corpus
from framing.counts import count_terms
from framing.stream import analyze_stream, count_terms_stream, keyness_stream

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    """The seed sentences cut into 30-odd documents in two groups."""
    sentences = load_corpus("seeds").sentences["sentence"].tolist()
    texts = [" ".join(sentences[i : i + 9]) for i in range(0, len(sentences), 9)]
    return pd.DataFrame(
        {
            "doc_id": [f"d{j:03d}" for j in range(len(texts))],
            "text": texts,
            "src": ["state" if j % 3 else "foreign" for j in range(len(texts))],
        }
    )


def test_count_terms_on_two_workers_equals_one_process(client, docs):
    options = {"by": "src", "ngram_range": (1, 3), "stopwords": True}
    reports = []
    got = count_terms_stream(
        docs, chunk_size=4, engine="dask", scheduler=client, progress=reports.append, **options
    )
    assert_frame_equal(got, count_terms(load_corpus(docs), **options))
    assert [r["chunk"] for r in reports] == list(range(len(reports)))  # combined in order
    assert len(reports) == -(-len(docs) // 4)


def test_whole_analysis_on_the_cluster_by_address_equals_local(client, docs):
    options = {"by": "src", "target": "foreign", "ngram_range": (1, 2), "n_boot": 30}
    local = analyze_stream(docs, chunk_size=5, **options)
    remote = analyze_stream(
        docs, chunk_size=5, engine="dask", scheduler=client.scheduler.address, **options
    )
    assert sorted(remote) == sorted(local)
    for name in local:
        assert_frame_equal(remote[name], local[name], obj=name)
    assert len(local["slogans"]) > 10 and len(local["frames"]) > 10


def test_errors_on_a_worker_reach_the_caller(client, docs):
    with pytest.raises(ValueError, match="by: no metadata column 'outlet'"):
        keyness_stream(
            docs, by="outlet", target="x", chunk_size=10, engine="dask", scheduler=client
        )


def test_scheduler_must_be_an_address_or_a_client(docs):
    with pytest.raises(TypeError, match="scheduler must be None .* got int"):
        count_terms_stream(docs, engine="dask", scheduler=8786)


def test_cli_engine_dask_with_a_scheduler_address(client, docs, tmp_path):
    from framing.cli import main

    docs.to_csv(tmp_path / "docs.csv", index=False)
    whole, dask_out = tmp_path / "whole.csv", tmp_path / "dask.csv"
    common = ["--by", "src", "--max-n", "2"]
    assert main(["terms", str(tmp_path / "docs.csv"), "--out", str(whole), *common]) == 0
    address = client.scheduler.address
    args = ["terms", str(tmp_path / "docs.csv"), "--out", str(dask_out), *common]
    assert main([*args, "--engine", "dask", "--scheduler", address, "--chunk-size", "6"]) == 0
    assert dask_out.read_bytes() == whole.read_bytes()
