"""Benchmark: n-gram counting and the whole analysis, framing against scikit-learn and NLTK.

Run ``python benchmarks/bench_counts.py`` (or ``make bench``); ``--quick`` runs the 1M-token
corpus only. Corpora are generated once by ``benchmarks/synth.py`` (deterministic) into
``--data-dir`` (default: ``$TMPDIR/framing-bench``). Every measurement runs in a fresh
Python process, so that peak memory (``ru_maxrss``) belongs to that measurement alone;
imports and the corpus generation are not timed. Results are printed and, with ``--json``,
written to a file. See ``benchmarks/README.md`` for the figures and what they mean.

What is timed
-------------
End to end (text file in, counts per group out; everything each tool needs):

* ``framing``: ``load_corpus`` (reading, Unicode normalisation, cleaning) + tokenising
  (tokens; sentences too when n-grams need them) + ``count_terms(by="source")``, a tidy
  table.
* ``framing, n_jobs=2``: the same with ``load_corpus(..., n_jobs=2)``: cleaning,
  tokenising and sentence splitting in two worker processes (started inside the timed
  region); counting and the table in the calling process.
* ``framing, dask x2``: ``count_terms_stream(engine="dask", chunk_size=1000)`` on a local
  cluster of two single-threaded worker processes (started inside the timed region).
* ``sklearn``: ``json.loads`` of each line + ``CountVectorizer.fit_transform`` (token
  pattern = framing's word rule) + the per-group column sums.
* ``nltk``: ``json.loads`` + ``RegexpTokenizer`` (same rule) + ``FreqDist.update(
  everygrams(tokens, 1, n))`` per group.

framing's tasks run ``--repeat`` times (default 3) and the median run is reported (every
time is printed); each baseline runs once (one to two minutes each).

Count only (tokens given; the same sentences and tokens for all three, so n-grams stop at
sentence ends everywhere and every count must agree):

* ``framing``: ``count_terms`` on an already tokenised corpus.
* ``sklearn``: ``CountVectorizer`` with identity preprocessor/tokenizer on token lists.
* ``nltk``: ``FreqDist.update(everygrams(...))`` on token lists.

Whole analysis: ``analyze_stream`` (terms and keyness of uni- and bigrams without
stopwords, with ``min_count`` 1 and 5; slogans with their family x group table; frames
with their evidence, rates with 200 bootstrap replicates and the document matrix) reading
the JSON Lines file in chunks of 2,000 documents, in one process, run ``--analysis-repeat``
times (default 3; the median counts, since a run on a shared virtual machine can be 25%
slower than the next); and the same tables in memory for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PATTERN = r"(?u)[^\W_]+(?:[-'][^\W_]+)*"  # framing's word rule (compounds, apostrophes)
SIZES = {"1M": 1_000_000, "10M": 10_000_000, "50M": 50_000_000}
SAMPLE_PER_ORDER = 700


# --------------------------------------------------------------------------- helpers


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def _read_jsonl(path):
    texts, groups = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            texts.append(doc["text"])
            groups.append(doc["source"])
    return texts, groups


def _warm_up():
    """Import what the timed code imports (NLTK's Punkt, pandas...), outside the timing."""
    import pandas as pd

    from framing.corpus import load_corpus
    from framing.counts import count_terms

    corpus = load_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["Mr. Li met U.S. envoys. Ok."]}))
    count_terms(corpus, ngram_range=(1, 3))


def _framing_sample(table, seed=0):
    """Corpus totals of a random sample of features, stratified by n-gram order."""
    import numpy as np

    totals = table.groupby("feature", sort=False)["count"].sum()
    orders = table.drop_duplicates("feature").set_index("feature")["n"].reindex(totals.index)
    rng = np.random.default_rng(seed)
    picked = []
    for n in sorted(orders.unique()):
        feats = totals.index[(orders == n).to_numpy()]
        k = min(SAMPLE_PER_ORDER, feats.size)
        picked += list(rng.choice(feats.to_numpy(object), size=k, replace=False))
    top = totals.sort_values(ascending=False).index[:100].tolist()
    picked = list(dict.fromkeys(top + picked))
    return {f: int(totals[f]) for f in picked}


def _unigram_sample(table, proper, seed=1):
    """Unigram totals of plain lower-case words no tool splits differently (no 's, no dots)."""
    import numpy as np

    uni = table[table["n"] == 1].groupby("feature", sort=False)["count"].sum()
    plain = [f for f in uni.index if f.isalpha() and f.isascii() and len(f) > 1 and f not in proper]
    rng = np.random.default_rng(seed)
    picked = rng.choice(np.asarray(plain, dtype=object), size=min(1000, len(plain)), replace=False)
    return {f: int(uni[f]) for f in picked}


def _proper_lower():
    from synth import PROPER

    return {w.lower().rstrip(".") for w in PROPER} | {"u", "s", "n"}


def _sentence_tokens(path):
    """framing's sentences as token lists, with the group of each sentence (not timed)."""
    import numpy as np

    from framing.corpus import load_corpus

    corpus = load_corpus(path)
    toks = corpus.tokens
    forms = toks.vocab[toks.ids].tolist()
    bounds = np.concatenate([[0], np.cumsum(np.bincount(toks.sent, minlength=len(toks.sentences)))])
    sentences = [forms[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    group_of_doc = dict(zip(corpus.docs["doc_id"], corpus.docs["source"], strict=True))
    groups = [group_of_doc[d] for d in toks.sentences["doc_id"]]
    return corpus, sentences, groups


def _cv_group_totals(X, groups, vocabulary, wanted):
    import numpy as np
    import scipy.sparse as sp

    labels, codes = np.unique(np.asarray(groups, dtype=object), return_inverse=True)
    G = sp.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(labels.size, len(codes))
    )
    per_group = G @ X  # the per-group table a user wants
    totals = np.asarray(per_group.sum(axis=0)).ravel()
    return per_group, {f: int(totals[vocabulary[f]]) if f in vocabulary else 0 for f in wanted}


# --------------------------------------------------------------------------- tasks


def task_framing_e2e(path, n, sample_in, n_jobs=None):
    _warm_up()
    from framing.corpus import load_corpus
    from framing.counts import count_terms

    t0 = time.perf_counter()
    corpus = load_corpus(path, n_jobs=n_jobs)
    t1 = time.perf_counter()
    n_tokens = corpus.tokens.n_tokens
    t2 = time.perf_counter()
    table = count_terms(corpus, by="source", ngram_range=(1, n))
    t3 = time.perf_counter()
    return {
        "seconds": t3 - t0,
        "load": t1 - t0,
        "tokenize": t2 - t1,
        "count": t3 - t2,
        "tokens": n_tokens,
        "rows": len(table),
        "features": int(table["feature"].nunique()),
        "unigram_sample": _unigram_sample(table, _proper_lower()),
        "peak_workers_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def task_framing_e2e_jobs2(path, n, sample_in):
    """framing end to end with ``n_jobs=2``: cleaning and tokenising in two processes."""
    return task_framing_e2e(path, n, sample_in, n_jobs=2)


def task_framing_dask(path, n, sample_in):
    _warm_up()
    from framing.stream import count_terms_stream

    t0 = time.perf_counter()
    table = count_terms_stream(
        path, by="source", ngram_range=(1, n), engine="dask", chunk_size=1000
    )
    t1 = time.perf_counter()
    return {
        "seconds": t1 - t0,
        "rows": len(table),
        "unigram_sample": _unigram_sample(table, _proper_lower()),
        "peak_workers_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def task_cv_e2e(path, n, sample_in):
    from sklearn.feature_extraction.text import CountVectorizer

    wanted = json.loads(Path(sample_in).read_text())
    t0 = time.perf_counter()
    texts, groups = _read_jsonl(path)
    cv = CountVectorizer(ngram_range=(1, n), token_pattern=PATTERN)
    X = cv.fit_transform(texts)
    _, got = _cv_group_totals(X, groups, cv.vocabulary_, wanted)
    t1 = time.perf_counter()
    return {"seconds": t1 - t0, "features": len(cv.vocabulary_), "unigram_sample": got}


def task_nltk_e2e(path, n, sample_in):
    from nltk import FreqDist
    from nltk.tokenize import RegexpTokenizer
    from nltk.util import everygrams

    wanted = json.loads(Path(sample_in).read_text())
    tokenizer = RegexpTokenizer(PATTERN)
    t0 = time.perf_counter()
    texts, groups = _read_jsonl(path)
    fds: dict = {}
    for text, group in zip(texts, groups, strict=True):
        fds.setdefault(group, FreqDist()).update(everygrams(tokenizer.tokenize(text.lower()), 1, n))
    t1 = time.perf_counter()
    got = {f: sum(fd[tuple(f.split(" "))] for fd in fds.values()) for f in wanted}
    return {"seconds": t1 - t0, "features": len(set().union(*fds.values())), "unigram_sample": got}


def task_framing_count(path, n, sample_in):
    _warm_up()
    from framing.corpus import load_corpus
    from framing.counts import count_terms

    corpus = load_corpus(path)
    corpus.tokens  # noqa: B018 - tokenise before timing
    t0 = time.perf_counter()
    table = count_terms(corpus, by="source", ngram_range=(1, n))
    t1 = time.perf_counter()
    return {
        "seconds": t1 - t0,
        "tokens": corpus.tokens.n_tokens,
        "rows": len(table),
        "features": int(table["feature"].nunique()),
        "sample": _framing_sample(table),
    }


def _identity(x):
    return x


def task_cv_count(path, n, sample_in):
    from sklearn.feature_extraction.text import CountVectorizer

    wanted = json.loads(Path(sample_in).read_text())
    _, sentences, groups = _sentence_tokens(path)
    t0 = time.perf_counter()
    cv = CountVectorizer(
        ngram_range=(1, n),
        preprocessor=_identity,
        tokenizer=_identity,
        token_pattern=None,
        lowercase=False,
    )
    X = cv.fit_transform(sentences)
    _, got = _cv_group_totals(X, groups, cv.vocabulary_, wanted)
    t1 = time.perf_counter()
    return {"seconds": t1 - t0, "features": len(cv.vocabulary_), "sample": got}


def task_nltk_count(path, n, sample_in):
    from nltk import FreqDist
    from nltk.util import everygrams

    wanted = json.loads(Path(sample_in).read_text())
    _, sentences, groups = _sentence_tokens(path)
    t0 = time.perf_counter()
    fds: dict = {}
    for tokens, group in zip(sentences, groups, strict=True):
        fds.setdefault(group, FreqDist()).update(everygrams(tokens, 1, n))
    t1 = time.perf_counter()
    got = {f: sum(fd[tuple(f.split(" "))] for fd in fds.values()) for f in wanted}
    return {"seconds": t1 - t0, "sample": got}


ANALYSIS = {
    "by": "source",
    "target": "state",
    "ngram_range": (1, 2),
    "stopwords": True,
    "measure": "lr",
    "n_boot": 200,
}


def task_analysis_stream(path, n, sample_in):
    _warm_up()
    from framing.stream import analyze_stream

    t0 = time.perf_counter()
    out = analyze_stream(path, chunk_size=2000, min_count=max(n, 1), **ANALYSIS)
    t1 = time.perf_counter()
    table = out["slogan_table"].groupby("family")["count"].sum()
    return {
        "seconds": t1 - t0,
        "rows": {k: len(v) for k, v in out.items()},
        "slogan_counts": {k: int(v) for k, v in table.items() if v},
    }


def task_analysis_memory(path, n, sample_in):
    _warm_up()
    from framing.corpus import load_corpus
    from framing.counts import count_terms
    from framing.frames import code_frames, frame_matrix, frame_rates
    from framing.keyness import keyness
    from framing.slogans import find_slogans, slogan_table

    a = ANALYSIS
    min_count = max(n, 1)
    t0 = time.perf_counter()
    corpus = load_corpus(path)
    terms = count_terms(
        corpus, by=a["by"], ngram_range=a["ngram_range"], stopwords=True, min_count=min_count
    )
    key = keyness(
        corpus,
        by=a["by"],
        target=a["target"],
        measure=a["measure"],
        ngram_range=a["ngram_range"],
        stopwords=True,
        min_count=min_count,
    )
    matches = find_slogans(corpus)
    table = slogan_table(corpus, matches, by=a["by"])
    evidence = code_frames(corpus)
    rates = frame_rates(corpus, by=a["by"], evidence=evidence, n_boot=a["n_boot"])
    matrix = frame_matrix(corpus, evidence, unit="document")
    t1 = time.perf_counter()
    rows = [terms, key, matches, table, evidence, rates, matrix]
    return {"seconds": t1 - t0, "rows": sum(len(r) for r in rows)}


TASKS = {name[len("task_") :]: fn for name, fn in globals().items() if name.startswith("task_")}


# --------------------------------------------------------------------------- driver


def _run_task(name, path, n, sample_in, workdir) -> dict:
    out = Path(workdir) / f"{name}-{n}-{Path(path).stem}.json"
    cmd = [sys.executable, __file__, "--task", name, "--path", str(path), "--n", str(n)]
    cmd += ["--sample-in", str(sample_in or ""), "--out", str(out)]
    load0 = os.getloadavg()[0]
    print(f"  {name} (1-{n}) on {Path(path).name} ...", end=" ", flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"task {name} failed on {path}")
    result = json.loads(out.read_text())
    result["load_before"] = load0
    result["load_after"] = os.getloadavg()[0]
    print(f"{result['seconds']:.1f} s (load average {load0:.1f} -> {result['load_after']:.1f})")
    return result


def _machine() -> dict:
    import dask
    import nltk
    import numpy
    import pandas
    import scipy
    import sklearn

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem, 1),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "nltk": nltk.__version__,
        "dask": dask.__version__,
    }


def _corpus(size_name: str, data_dir: Path) -> Path:
    from synth import write_jsonl

    path = data_dir / f"zipf_{size_name}.jsonl"
    if not path.exists() or not path.with_suffix(".json").exists():
        print(f"generating the {size_name}-token corpus in {path} ...", flush=True)
        write_jsonl(SIZES[size_name], path)
    return path


def _fmt_row(label, r, n_tokens, ref=None):
    s = r["seconds"]
    rate = n_tokens / s / 1e6
    ratio = f"{ref / s:6.1f}x" if ref else "       "
    return f"  {label:<30} {s:9.2f} s {rate:7.2f} M tok/s {r['peak_mb']:8.0f} MB {ratio}"


def _check(name, ours: dict, theirs: dict) -> str:
    same = sum(ours[f] == theirs.get(f) for f in ours)
    bad = [f for f in ours if ours[f] != theirs.get(f)][:3]
    return f"{name}: {same}/{len(ours)} sampled counts equal" + (f" (differ: {bad})" if bad else "")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1M,10M", help="sizes for counting (default 1M,10M)")
    p.add_argument("--analysis-sizes", default="1M,10M,50M", help="sizes for the whole analysis")
    p.add_argument("--memory-analysis-sizes", default="1M,10M", help="in-memory comparison")
    p.add_argument(
        "--analysis-min-count",
        default="1,5",
        help="min_count values of the whole analysis (terms and keyness), default 1,5",
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each framing counting task; the median time is reported (default 3)",
    )
    p.add_argument(
        "--analysis-repeat",
        type=int,
        default=3,
        help="runs of each streamed whole analysis; the median time is reported (default 3)",
    )
    p.add_argument("--quick", action="store_true", help="1M tokens only")
    p.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "framing-bench"))
    p.add_argument("--json", default=None, help="write all results to this file")
    p.add_argument("--task", help=argparse.SUPPRESS)
    p.add_argument("--path", help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=3, help=argparse.SUPPRESS)
    p.add_argument("--sample-in", default="", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.task:  # one measurement, in this fresh process
        cpu0 = time.process_time()
        result = TASKS[args.task](args.path, args.n, args.sample_in or None)
        result["cpu_total"] = time.process_time() - cpu0  # this process, setup included
        result["peak_mb"] = _peak_mb()
        Path(args.out).write_text(json.dumps(result))
        return 0

    if args.quick:
        args.sizes = args.analysis_sizes = args.memory_analysis_sizes = "1M"
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    machine = _machine()
    print("machine:", ", ".join(f"{k} {v}" for k, v in machine.items()), flush=True)
    results: dict = {"machine": machine, "counting": {}, "analysis": {}}
    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))

    for size in [s for s in args.sizes.split(",") if s]:
        path = _corpus(size, data_dir)
        res: dict = {}
        for n in (3, 1):
            res[f"framing_e2e_{n}"] = r = _repeat("framing_e2e", path, n, work, res, args.repeat)
            uni = work / f"unigrams-{size}-{n}.json"
            uni.write_text(json.dumps(r["unigram_sample"]))
            res[f"framing_jobs2_{n}"] = _repeat(
                "framing_e2e_jobs2", path, n, work, res, args.repeat
            )
            res[f"framing_dask_{n}"] = _run_task("framing_dask", path, n, None, work)
            res[f"cv_e2e_{n}"] = _run_task("cv_e2e", path, n, uni, work)
        res["nltk_e2e_3"] = _run_task("nltk_e2e", path, 3, work / f"unigrams-{size}-3.json", work)
        res["framing_count_3"] = r = _repeat("framing_count", path, 3, work, res, args.repeat)
        sample = work / f"sample-{size}.json"
        sample.write_text(json.dumps(r["sample"]))
        res["cv_count_3"] = _run_task("cv_count", path, 3, sample, work)
        res["nltk_count_3"] = _run_task("nltk_count", path, 3, sample, work)
        results["counting"][size] = res
        _print_counting(size, res)

    for mc in [int(m) for m in args.analysis_min_count.split(",") if m]:
        for size in [s for s in args.analysis_sizes.split(",") if s]:
            path = _corpus(size, data_dir)
            planted = json.loads(path.with_suffix(".json").read_text())["planted"]
            runs = [
                _run_task("analysis_stream", path, mc, None, work)
                for _ in range(max(1, args.analysis_repeat))
            ]
            res = {"stream": _median_run(runs), "stream_runs": runs}
            res["planted"] = planted
            if size in args.memory_analysis_sizes.split(","):
                res["memory"] = _run_task("analysis_memory", path, mc, None, work)
            results["analysis"].setdefault(f"min_count={mc}", {})[size] = res
            _print_analysis(size, mc, res, results["analysis"][f"min_count={mc}"])

    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


def _print_counting(size, res):
    n_tokens = res["framing_e2e_3"]["tokens"]
    print(f"\n== counting, {size} corpus ({n_tokens:,} tokens) ==")
    for n in (3, 1):
        cv = res[f"cv_e2e_{n}"]["seconds"]
        print(f" end to end, 1-{n}-grams          time        speed           peak   vs sklearn")
        print(_fmt_row("framing", res[f"framing_e2e_{n}"], n_tokens, cv))
        print(_fmt_row("framing, n_jobs=2", res[f"framing_jobs2_{n}"], n_tokens, cv))
        print(_fmt_row("framing, dask x2 (local)", res[f"framing_dask_{n}"], n_tokens, cv))
        print(_fmt_row(f"sklearn CountVectorizer(1,{n})", res[f"cv_e2e_{n}"], n_tokens))
        if n == 3:
            nl = res["nltk_e2e_3"]
            print(_fmt_row("nltk FreqDist(everygrams)", nl, n_tokens))
            for who in ("framing_e2e_3", "framing_jobs2_3", "framing_dask_3"):
                print(f"    {who} vs nltk: {nl['seconds'] / res[who]['seconds']:.1f}x")
        for who, task in (("framing_e2e", "framing_e2e"), ("framing_jobs2", "framing_e2e_jobs2")):
            f = res[f"{who}_{n}"]
            print(
                f"    {who} parts: load {f['load']:.2f} s, tokenise {f['tokenize']:.2f} s, "
                f"count + table {f['count']:.2f} s; worker peak {f['peak_workers_mb']:.0f} MB; "
                f"runs {_times(res, f'{task}_{n}')} (median shown)"
            )
        f = res[f"framing_e2e_{n}"]
        ours = f["unigram_sample"]
        print("    " + _check("sklearn unigrams", ours, res[f"cv_e2e_{n}"]["unigram_sample"]))
        if n == 3:
            print("    " + _check("nltk unigrams", ours, res["nltk_e2e_3"]["unigram_sample"]))
    print(" count only (tokens given), 1-3-grams")
    fc = res["framing_count_3"]
    for label, key in (("framing", "framing_count_3"), ("sklearn", "cv_count_3")):
        print(_fmt_row(label, res[key], n_tokens))
    print(_fmt_row("nltk", res["nltk_count_3"], n_tokens))
    print(
        f"    framing vs sklearn {res['cv_count_3']['seconds'] / fc['seconds']:.1f}x, "
        f"vs nltk {res['nltk_count_3']['seconds'] / fc['seconds']:.1f}x"
    )
    print(f"    framing runs {_times(res, 'framing_count_3')} (median shown)")
    print("    " + _check("sklearn", fc["sample"], res["cv_count_3"]["sample"]))
    print("    " + _check("nltk", fc["sample"], res["nltk_count_3"]["sample"]))
    sys.stdout.flush()


def _times(res, key) -> str:
    return ", ".join(f"{t:.2f}" for t in res.get(f"{key}_seconds", [])) + " s"


def _repeat(name, path, n, workdir, res, times) -> dict:
    """Run a framing task ``times`` times; the median run, all times kept in ``res``."""
    runs = [_run_task(name, path, n, None, workdir) for _ in range(max(1, times))]
    res[f"{name}_{n}_seconds"] = [r["seconds"] for r in runs]
    return _median_run(runs)


def _median_run(runs: list[dict]) -> dict:
    """The run with the median time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def _print_analysis(size, min_count, res, done):
    s = res["stream"]
    times = ", ".join(f"{r['seconds']:.1f}" for r in res["stream_runs"])
    print(f"\n== whole analysis, {size} corpus, min_count={min_count} ==")
    print(
        f"  streaming (chunks of 2,000 docs): {s['seconds']:.1f} s (median of {times}), "
        f"peak {max(r['peak_mb'] for r in res['stream_runs']):.0f} MB"
    )
    if "memory" in res:
        m = res["memory"]
        print(
            f"  in memory:                        {m['seconds']:.1f} s, peak {m['peak_mb']:.0f} MB"
        )
    print(f"  rows: {s['rows']}")
    print(f"  slogan families found: {s['slogan_counts']}")
    base = done.get("10M", {}).get("stream")
    if size == "50M" and base:
        print(f"  50M / 10M time: {s['seconds'] / base['seconds']:.2f} (target <= 5.5)")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
