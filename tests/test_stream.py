"""framing.stream and framing.chunks: a corpus read in many chunks gives the same tables as
the whole corpus in memory (assert_frame_equal, not approximately)."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from framing.chunks import iter_corpus
from framing.corpus import CorpusError, load_corpus
from framing.counts import count_terms
from framing.frames import code_frames, frame_matrix, frame_rates
from framing.keyness import keyness
from framing.slogans import find_slogans, slogan_table
from framing.stream import analyze_stream, count_terms_stream, keyness_stream

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    """About 45 documents cut from the seed sentences, with two metadata columns.

    Documents differ in length, share words, slogans and frame terms across groups; one
    has no tokens at all and one uses curly quotes, so zero-token documents and
    normalisation pass through the chunks too.
    """
    seeds = load_corpus("seeds")
    sentences = seeds.sentences["sentence"].tolist()
    rng = np.random.default_rng(3)
    texts, i = [], 0
    while i < len(sentences):
        k = int(rng.integers(2, 14))
        parts = sentences[i : i + k]
        texts.append(" ".join(parts[:3]) + ("\n\n" + " ".join(parts[3:]) if parts[3:] else ""))
        i += k
    texts.append("\u2026 \u2014 !")  # no tokens
    texts.append("China\u2019s \u201cwin\u2013win\u201d cooperation with the Global South.")
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{j:03d}" for j in range(n)],
            "text": texts,
            "src": ["state" if j % 3 else "foreign" for j in range(n)],
            "year": [str(2018 + j % 4) for j in range(n)],
        }
    )


@pytest.fixture(scope="module")
def corpus(docs):
    return load_corpus(docs)


@pytest.fixture(scope="module")
def files(docs, tmp_path_factory):
    """The same documents as a CSV file, a JSON Lines file and a folder with metadata.csv."""
    root = tmp_path_factory.mktemp("stream")
    docs.to_csv(root / "corpus.csv", index=False)
    with open(root / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for row in docs.to_dict("records"):
            fh.write(json.dumps(row) + "\n")
    folder = root / "folder"
    folder.mkdir()
    for row in docs.itertuples():
        (folder / f"{row.doc_id}.txt").write_text(row.text, encoding="utf-8")
    meta = docs.drop(columns="text").assign(file=docs["doc_id"] + ".txt")
    meta.drop(columns="doc_id").to_csv(folder / "metadata.csv", index=False)
    return {"csv": root / "corpus.csv", "jsonl": root / "corpus.jsonl", "folder": folder}


# --------------------------------------------------------------------------- chunks


@pytest.mark.parametrize("kind", ["frame", "csv", "jsonl", "folder"])
def test_iter_corpus_chunks_hold_what_load_corpus_holds(kind, docs, files):
    source = docs if kind == "frame" else files[kind]
    whole = load_corpus(source).docs
    chunks = list(iter_corpus(source, chunk_size=7))
    assert [len(c) for c in chunks] == [7] * (len(docs) // 7) + [len(docs) % 7] * (
        len(docs) % 7 > 0
    )
    chunked = pd.concat([c.docs for c in chunks], ignore_index=True)
    # a folder's ids are plain objects in memory and strings in chunks; values are equal
    assert_frame_equal(chunked, whole, check_dtype=kind != "folder")


def test_iter_corpus_numbers_rows_without_an_id_column_across_chunks(docs, tmp_path):
    no_ids = docs.drop(columns="doc_id")
    no_ids.to_csv(tmp_path / "no_ids.csv", index=False)
    with open(tmp_path / "no_ids.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in no_ids.to_dict("records"))
    for source in (no_ids, tmp_path / "no_ids.csv", tmp_path / "no_ids.jsonl"):
        whole = load_corpus(source).docs
        chunked = pd.concat([c.docs for c in iter_corpus(source, chunk_size=10)])
        assert chunked["doc_id"].tolist() == whole["doc_id"].tolist()
        assert whole["doc_id"].iloc[12] == "row00013"


def test_duplicate_ids_across_chunks_are_an_error(docs):
    twice = pd.concat([docs.iloc[:3], docs.iloc[:1]], ignore_index=True)
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'd000' \(also in an earlier chunk\)"):
        list(iter_corpus(twice, chunk_size=3))


def test_bad_rows_stop_or_are_skipped_with_their_line(docs, tmp_path):
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps(r) for r in docs.iloc[:4].to_dict("records")]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl \(row 3\): line 3 is not valid JSON"):
        count_terms_stream(path, chunk_size=2)
    with pytest.warns(UserWarning, match="1 input\\(s\\) skipped"):
        out = analyze_stream(
            path, include=("terms",), chunk_size=2, load_options={"on_error": "skip"}
        )
    assert out["skipped"]["row"].tolist() == ["3"]
    assert set(out["terms"]["group"]) == {"d000", "d001", "d002", "d003"}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"chunk_size": 0}, ValueError, "chunk_size must be at least 1 document, got 0"),
        ({"chunk_size": 2.5}, TypeError, "chunk_size must be an int"),
        ({"engine": "spark"}, ValueError, "engine must be 'local' or 'dask', got 'spark'"),
        ({"load_options": {"colour": 1}}, TypeError, r"load_options: unknown option\(s\)"),
        ({"ngram_range": (2, 1)}, ValueError, "ngram_range must satisfy 1 <= min_n <= max_n"),
        ({"stopwords": "the"}, TypeError, "not one string"),
        ({"min_docs": 0}, ValueError, "min_count and min_docs must be at least 1"),
    ],
)
def test_count_terms_stream_rejects_bad_options(docs, kwargs, error, message):
    with pytest.raises(error, match=message):
        count_terms_stream(docs, **kwargs)


def test_scheduler_without_dask_engine_warns(docs):
    with pytest.warns(UserWarning, match="scheduler is ignored with engine='local'"):
        count_terms_stream(docs.iloc[:3], scheduler="tcp://localhost:8786")


# --------------------------------------------------------------------------- equality


TERMS_OPTIONS = [
    {},
    {"by": "src"},
    {"by": "src", "ngram_range": (1, 3), "stopwords": True},
    {"by": "year", "ngram_range": (2, 2), "stopwords": ["china", "the", "of"]},
    {"by": "src", "ngram_range": (1, 2), "stem": True, "stopwords": True},
    {"ngram_range": (1, 3), "min_count": 2, "min_docs": 2},
]


@pytest.mark.parametrize("options", TERMS_OPTIONS)
@pytest.mark.parametrize("chunk_size", [1, 4, 1000])
def test_count_terms_stream_equals_count_terms(corpus, docs, options, chunk_size):
    expected = count_terms(corpus, **options)
    got = count_terms_stream(docs, chunk_size=chunk_size, **options)
    assert len(expected) > 0
    assert_frame_equal(got, expected)


@pytest.mark.parametrize(("ratio", "piece_rows"), [(0, 1), (1, 3), (2, 10**9)])
@pytest.mark.parametrize("packed_bits", [63, 0])
@pytest.mark.parametrize("options", TERMS_OPTIONS[1:5])
def test_sums_merged_many_times_equal_count_terms(
    corpus, docs, options, packed_bits, ratio, piece_rows, monkeypatch
):
    """The n-gram sums are merged with new chunks' rows again and again (sorted runs), in
    pieces cut at features (tiny pieces: cut after nearly every merge; or never cut), with
    rows packed into one integer and, for keys too wide for that, sorted by column."""
    from framing import partials

    monkeypatch.setattr(partials, "_MERGE_ROWS", 0)
    monkeypatch.setattr(partials, "_MERGE_RATIO", ratio)  # 0: merged after every chunk
    monkeypatch.setattr(partials, "_PIECE_ROWS", piece_rows)
    monkeypatch.setattr(partials, "_PACKED_BITS", packed_bits)
    merges, pieces = [], []
    merge = partials._NgramSums._merge

    def counted(self, n, i):
        merges.append(n)
        merge(self, n, i)
        pieces.append(len(self.pieces[n]))
        # the pieces are in feature order and each starts at its bound
        for piece, bound in zip(self.pieces[n][1:], self.bounds[n], strict=True):
            if piece.rows is not None:
                assert tuple(int(c[0]) for c in piece.rows[:n]) >= bound

    monkeypatch.setattr(partials._NgramSums, "_merge", counted)
    got = count_terms_stream(docs, chunk_size=2, **options)
    orders = options.get("ngram_range", (1, 1))
    assert len(merges) >= (4 if ratio == 0 else 1) * (orders[1] - orders[0] + 1)
    if piece_rows == 1:
        assert max(pieces) > 50
    elif piece_rows > 1000:
        assert max(pieces) == 1
    assert_frame_equal(got, count_terms(corpus, **options))
    kw = {k: v for k, v in options.items() if k in ("ngram_range", "stopwords", "stem")}
    merges.clear()
    got = keyness_stream(docs, by="src", target="foreign", chunk_size=3, **kw)
    assert len(merges) >= (4 if ratio == 0 else 1)
    assert_frame_equal(got, keyness(corpus, by="src", target="foreign", **kw))


@pytest.mark.parametrize(("ratio", "piece_rows", "min_count"), [(0, 1, 1), (1, 5, 3), (3, 40, 2)])
def test_sums_in_pieces_equal_in_memory_on_random_text(ratio, piece_rows, min_count, monkeypatch):
    """Random Zipfian text in many chunks, sums in many small pieces: terms and keyness
    (from the same sums, features below min_count still in keyness totals) as in memory."""
    from framing import partials

    monkeypatch.setattr(partials, "_MERGE_ROWS", 0)
    monkeypatch.setattr(partials, "_MERGE_RATIO", ratio)
    monkeypatch.setattr(partials, "_PIECE_ROWS", piece_rows)
    rng = np.random.default_rng(7)
    words = np.array([f"w{i}" for i in range(300)])
    p = 1 / np.arange(1, words.size + 1)
    texts = [
        ". ".join(" ".join(rng.choice(words, size=rng.integers(3, 12), p=p / p.sum())) for _ in
                  range(int(rng.integers(1, 5)))) + "."
        for _ in range(240)
    ]  # fmt: skip
    docs = pd.DataFrame(
        {
            "doc_id": [f"r{j:03d}" for j in range(len(texts))],
            "text": texts,
            "src": rng.choice(["a", "b", "c"], size=len(texts)),
        }
    )
    corpus = load_corpus(docs)
    pieces = []
    merge = partials._NgramSums._merge

    def counted(self, n, i):
        merge(self, n, i)
        pieces.append(len(self.pieces[n]))

    monkeypatch.setattr(partials._NgramSums, "_merge", counted)
    kw = {"by": "src", "ngram_range": (1, 3), "min_count": min_count}
    out = analyze_stream(
        docs, target="b", measure="logodds", include=("terms", "keyness"), chunk_size=7, **kw
    )
    assert max(pieces) > 20
    assert_frame_equal(out["terms"], count_terms(corpus, stopwords=True, **kw))
    expected = keyness(corpus, target="b", measure="logodds", stopwords=True, **kw)
    assert_frame_equal(out["keyness"], expected)
    got = count_terms_stream(docs, chunk_size=11, min_docs=2, **kw)
    assert_frame_equal(got, count_terms(corpus, min_docs=2, **kw))


@pytest.mark.parametrize("kind", ["csv", "jsonl", "folder"])
def test_count_terms_stream_from_files_equals_count_terms(files, kind):
    options = {"by": "src", "ngram_range": (1, 2)}
    expected = count_terms(load_corpus(files[kind]), **options)
    assert_frame_equal(count_terms_stream(files[kind], chunk_size=5, **options), expected)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"measure": "lr", "ngram_range": (1, 2), "stopwords": True},
        {"measure": "logodds", "stem": True, "stopwords": True},
        {"measure": "logratio", "min_count": 3, "target": ["2018", "2019"], "by": "year"},
        {"measure": "pmi", "correction": "none", "prior": 0.5},
    ],
)
def test_keyness_stream_equals_keyness(corpus, docs, options):
    options = {"by": "src", "target": "foreign", **options}
    assert_frame_equal(keyness_stream(docs, chunk_size=6, **options), keyness(corpus, **options))


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nowhere", r"target: \['nowhere'\] not found in column 'src'"),
        (["state", "foreign"], "target cannot be all the documents"),
    ],
)
def test_keyness_stream_checks_targets_like_keyness(corpus, docs, target, message):
    with pytest.raises(ValueError, match=message):
        keyness(corpus, by="src", target=target)
    with pytest.raises(ValueError, match=message):
        keyness_stream(docs, by="src", target=target, chunk_size=9)


def test_analyze_stream_equals_every_in_memory_table(corpus, docs):
    out = analyze_stream(
        docs, by="src", target="state", ngram_range=(1, 2), n_boot=40, chunk_size=5
    )
    assert_frame_equal(
        out["terms"], count_terms(corpus, by="src", ngram_range=(1, 2), stopwords=True)
    )
    assert_frame_equal(
        out["keyness"],
        keyness(corpus, by="src", target="state", ngram_range=(1, 2), stopwords=True),
    )
    matches = find_slogans(corpus)
    assert len(matches) > 10 and matches["doc_id"].nunique() > 5  # spread over chunks
    assert_frame_equal(out["slogans"], matches)
    assert_frame_equal(out["slogan_table"], slogan_table(corpus, matches, by="src"))
    evidence = code_frames(corpus)
    assert evidence["doc_id"].nunique() > 5
    assert_frame_equal(out["frames"], evidence)
    assert_frame_equal(
        out["frame_rates"], frame_rates(corpus, by="src", evidence=evidence, n_boot=40)
    )
    assert_frame_equal(out["frame_matrix"], frame_matrix(corpus, evidence, unit="document"))
    assert out["skipped"].empty


def test_analyze_stream_runs_only_what_is_included(docs):
    out = analyze_stream(docs, include=("slogans",), chunk_size=50)
    assert sorted(out) == ["skipped", "slogan_table", "slogans"]
    with pytest.raises(ValueError, match=r"include: unknown analyses \['topics'\]"):
        analyze_stream(docs, include=("terms", "topics"))


# --------------------------------------------------------------------------- progress


def test_progress_callback_gets_one_report_per_chunk(corpus, docs):
    reports = []
    count_terms_stream(docs, chunk_size=10, progress=reports.append)
    assert [r["chunk"] for r in reports] == list(range(len(reports)))
    assert len(reports) == -(-len(docs) // 10)
    assert reports[-1]["total_docs"] == len(docs)
    assert reports[-1]["total_tokens"] == corpus.tokens.n_tokens
    assert all(r["seconds"] >= 0 and r["elapsed"] >= 0 for r in reports)


def test_progress_true_writes_lines_to_stderr(docs, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        count_terms_stream(docs.iloc[:6], chunk_size=4, progress=True)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith("framing: chunk 1: 4 documents, ")
    assert "6 documents" in err[1]


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    "command",
    [
        ["terms", "--by", "src", "--max-n", "2", "--stopwords"],
        ["keyness", "--by", "src", "--target", "foreign", "--measure", "lr"],
        ["slogans"],
        ["frames", "--unit", "sentence"],
        ["evidence"],
    ],
)
def test_cli_chunk_size_writes_the_in_memory_table(files, tmp_path, capsys, command):
    from framing.cli import main

    name, *options = command
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    assert main([name, str(files["csv"]), "--out", str(whole), *options]) == 0
    args = [name, str(files["csv"]), "--out", str(chunked), "--chunk-size", "7", *options]
    assert main(args) == 0
    assert chunked.read_bytes() == whole.read_bytes()
    assert "framing: chunk 1: 7 documents" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kwic", "{csv}", "peace", "--chunk-size", "5"], "'kwic' needs the whole corpus"),
        (["phrases", "{csv}", "--engine", "dask"], "'phrases' needs the whole corpus in memory"),
        (["terms", "{csv}", "--scheduler", "tcp://h:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_cli_streaming_options_where_they_do_not_apply(files, tmp_path, capsys, args, message):
    from framing.cli import main

    args = [a.format(csv=files["csv"]) for a in args] + ["--out", str(tmp_path / "x.csv")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_analyze_stream_min_count_keeps_every_count_in_keyness_totals(corpus, docs):
    # features below min_count are not shown, but the log-odds prior and the table
    # sizes still count them, as in memory
    out = analyze_stream(
        docs, by="src", target="state", measure="logodds", min_count=3,
        include=("terms", "keyness"), chunk_size=4,
    )  # fmt: skip
    expected = keyness(
        corpus, by="src", target="state", measure="logodds", min_count=3, stopwords=True
    )
    assert_frame_equal(out["keyness"], expected)
    assert out["terms"]["count"].groupby(out["terms"]["feature"]).sum().min() >= 3
    assert_frame_equal(out["terms"], count_terms(corpus, by="src", stopwords=True, min_count=3))
