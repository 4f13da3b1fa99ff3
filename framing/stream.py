"""Large corpora: every count accumulated chunk by chunk, in one process or on Dask.

The corpus is read in chunks of documents (:func:`framing.chunks.iter_chunks`). Each
chunk is cleaned, tokenised and counted on its own -- in this process
(``engine="local"``) or on the workers of a Dask cluster (``engine="dask"``) -- and
only its *counts* come back: n-gram counts per group as integer rows, slogan and frame
hits, per-document and per-sentence totals. Those are sums over documents, so adding
them up chunk by chunk, in corpus order, gives exactly the tables of the in-memory
functions, which build their output with the same private helpers:

- :func:`count_terms_stream` gives :func:`framing.counts.count_terms`;
- :func:`keyness_stream` gives :func:`framing.keyness.keyness`;
- :func:`analyze_stream` gives both and :func:`~framing.slogans.find_slogans`,
  :func:`~framing.slogans.slogan_table`, :func:`~framing.frames.code_frames`,
  :func:`~framing.frames.frame_rates` and :func:`~framing.frames.frame_matrix` (per
  document), in one pass over the data.

The partial results and their sums live in :mod:`framing.partials`.

Memory holds one chunk per worker plus the accumulated counts, which grow with the
number of distinct n-grams (not with the corpus): unigrams and bigrams without
stopwords stay small, all trigrams of a large corpus do not.

With ``engine="dask"`` the calling process reads the chunks and submits each one to the
cluster as a task (one ``distributed`` future per chunk; at most two per worker thread
at a time, so nothing piles up), then adds up the partial counts as they return, in
corpus order. ``scheduler=None`` starts a local cluster with one single-threaded worker
process per core for the duration of the call; an address (``"tcp://host:8786"``) or a
``distributed.Client`` uses an existing cluster, whose workers need ``framing``
installed but no access to the files.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd

from framing.chunks import Chunk, chunk_corpus, iter_chunks
from framing.counts import _check_ngram_range, _stop_mask
from framing.partials import _Frames, _Keyness, _Slogans, _Terms

__all__ = ["analyze_stream", "count_terms_stream", "keyness_stream"]

Engine = Literal["local", "dask"]
Progress = bool | Callable[[dict], None]

# --------------------------------------------------------------------------- engines


def _map_chunk(chunk: Chunk, jobs: tuple, clean) -> tuple[list | None, dict]:
    """Worker side: clean, tokenise and count one chunk."""
    t0 = time.perf_counter()
    corpus = chunk_corpus(chunk, clean=clean)
    cache: dict = {}
    results = [job.map(corpus, cache) for job in jobs] if len(corpus) else None
    info = {
        "chunk": chunk.index,
        "docs": len(corpus),
        "tokens": corpus.tokens.n_tokens if len(corpus) else 0,
        "seconds": time.perf_counter() - t0,
    }
    return results, info


def _stderr_progress(info: dict) -> None:
    sys.stderr.write(
        f"framing: chunk {info['chunk'] + 1}: {info['docs']:,} documents, "
        f"{info['tokens']:,} tokens; {info['total_docs']:,} documents, "
        f"{info['total_tokens'] / 1e6:.1f}M tokens in {info['elapsed']:.1f} s\n"
    )
    sys.stderr.flush()


def _local_results(chunks, jobs, clean):
    for chunk in chunks:
        yield chunk, _map_chunk(chunk, jobs, clean)


def _dask_client(scheduler):
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a test dependency
        raise ImportError(
            "engine='dask' needs dask.distributed; install it with pip install 'framing[dask]'"
        ) from None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), [cluster]
    if isinstance(scheduler, Client):
        return scheduler, []
    if isinstance(scheduler, str):
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as err:
            raise ValueError(
                f"scheduler: cannot reach a Dask scheduler at {scheduler!r} ({err}); start one "
                "with 'dask scheduler' and give its address, e.g. tcp://host:8786"
            ) from None
        return client, []
    raise TypeError(
        "scheduler must be None (a local cluster), an address such as 'tcp://host:8786' or a "
        f"distributed.Client, got {type(scheduler).__name__}"
    )


def _dask_results(chunks, jobs, clean, scheduler):
    from distributed import as_completed

    client, owned = _dask_client(scheduler)
    own_client = scheduler is None or isinstance(scheduler, str)
    futures: dict = {}
    try:
        limit = max(2, 2 * sum(client.nthreads().values()))
        pending = as_completed()
        ready: dict = {}
        next_index = 0
        chunk_of = {}
        source = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(futures) + len(ready) < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                future = client.submit(_map_chunk, chunk, jobs, clean, pure=False)
                futures[future.key] = future
                chunk_of[future.key] = chunk
                pending.add(future)
            if next_index in ready:
                chunk, result = ready.pop(next_index)
                next_index += 1
                yield chunk, result
                continue
            if not futures:
                break
            future = next(pending)
            result = future.result()  # re-raises a worker's exception here
            chunk = chunk_of.pop(future.key)
            del futures[future.key]
            ready[chunk.index] = (chunk, result)
    finally:
        for future in futures.values():
            future.cancel()
        if own_client:
            client.close()
        for cluster in owned:
            cluster.close()


def _run(
    source, jobs: tuple, *, chunk_size, engine, scheduler, progress, load_options
) -> tuple[dict, pd.DataFrame]:
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', got {engine!r}")
    if engine == "local" and scheduler is not None:
        warnings.warn(
            "scheduler is ignored with engine='local'; pass engine='dask' to use it",
            UserWarning,
            stacklevel=3,
        )
    options = dict(load_options or {})
    unknown = set(options) - _LOAD_OPTIONS
    if unknown:
        raise TypeError(
            f"load_options: unknown option(s) {sorted(unknown)}; choose from "
            f"{sorted(_LOAD_OPTIONS)}"
        )
    clean = options.pop("clean", True)
    from framing.corpus import _rule_names

    _rule_names(clean)
    report = _stderr_progress if progress is True else progress or None
    chunks = iter_chunks(source, chunk_size=chunk_size, **options)
    results = (
        _local_results(chunks, jobs, clean)
        if engine == "local"
        else _dask_results(chunks, jobs, clean, scheduler)
    )
    sums = [job.accumulator() for job in jobs]
    skipped: list = []
    t0 = time.perf_counter()
    total_docs = total_tokens = 0
    for chunk, (parts, info) in results:
        skipped += chunk.skipped
        if parts is not None:
            for acc, part in zip(sums, parts, strict=True):
                acc.add(part)
        total_docs += info["docs"]
        total_tokens += info["tokens"]
        if report is not None:
            report(
                {
                    **info,
                    "total_docs": total_docs,
                    "total_tokens": total_tokens,
                    "elapsed": time.perf_counter() - t0,
                }
            )
    if total_docs == 0:
        raise ValueError(f"source: no documents were read from {_name(source)}; nothing to count")
    tables: dict = {}
    for acc in sums:
        tables.update(acc.finish())
    skipped_frame = pd.DataFrame(skipped, columns=["source", "row", "reason"]).astype(object)
    if len(skipped_frame):
        warnings.warn(
            f"{len(skipped_frame)} input(s) skipped while reading {_name(source)}",
            UserWarning,
            stacklevel=3,
        )
    return tables, skipped_frame


def _name(source) -> str:
    return "<DataFrame>" if isinstance(source, pd.DataFrame) else repr(str(source))


_LOAD_OPTIONS = frozenset(
    {"text_column", "id_column", "metadata", "clean", "encoding", "on_error", "glob"}
)


def _check_common(chunk_size, ngram_range, stopwords, min_count) -> tuple[int, int]:
    from framing.chunks import _check_chunk_size

    _check_chunk_size(chunk_size)
    lo_hi = _check_ngram_range(ngram_range)
    _stop_mask(np.zeros(0, dtype=object), stopwords)  # same TypeError as count_terms
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    return lo_hi


def _stopwords_key(stopwords):
    return stopwords if isinstance(stopwords, bool) or stopwords is None else tuple(stopwords)


# --------------------------------------------------------------------------- public


def count_terms_stream(
    source,
    *,
    by: str | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stopwords=False,
    stem: bool = False,
    min_count: int = 1,
    min_docs: int = 1,
    chunk_size: int = 2000,
    engine: Engine = "local",
    scheduler=None,
    progress: Progress = False,
    load_options: dict | None = None,
) -> pd.DataFrame:
    """:func:`~framing.counts.count_terms` for a corpus read chunk by chunk.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt`` files, a ``.csv`` or ``.jsonl`` file, or a DataFrame.
    by, ngram_range, stopwords, stem, min_count, min_docs
        As in :func:`~framing.counts.count_terms`.
    chunk_size : int, default 2000
        Documents per chunk (see :func:`framing.chunks.iter_corpus`).
    engine : {'local', 'dask'}, default 'local'
        Count the chunks in this process, or on a Dask cluster.
    scheduler : str, distributed.Client or None, default None
        With ``engine='dask'``: None starts a local cluster (one worker process per
        core) for this call; an address such as ``'tcp://host:8786'`` or a Client uses an
        existing cluster.
    progress : bool or callable, default False
        True writes one line per chunk to stderr; a callable receives a dict
        (``chunk, docs, tokens, seconds, total_docs, total_tokens, elapsed``).
    load_options : dict, optional
        Options of :func:`~framing.corpus.load_corpus`: ``text_column, id_column,
        metadata, clean, encoding, on_error, glob``.

    Returns
    -------
    DataFrame
        The table :func:`~framing.counts.count_terms` returns for the whole corpus,
        identical to it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "src": ["x", "x", "y"],
    ...     "text": ["Win-win cooperation.", "Win-win talks.", "Tensions."]})
    >>> count_terms_stream(df, by="src", chunk_size=1)[["group", "feature", "count"]]
      group      feature  count
    0     x      win-win      2
    1     x  cooperation      1
    2     x        talks      1
    3     y     tensions      1
    """
    if min_docs < 1:
        raise ValueError("min_count and min_docs must be at least 1")
    lo_hi = _check_common(chunk_size, ngram_range, stopwords, min_count)
    job = _Terms(by, lo_hi, _stopwords_key(stopwords), bool(stem), min_count, min_docs)
    tables, _ = _run(
        source,
        (job,),
        chunk_size=chunk_size,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
        load_options=load_options,
    )
    return tables["terms"]


def keyness_stream(
    source,
    *,
    by: str,
    target: str | list[str],
    measure: str = "chi2",
    correction: str = "default",
    ngram_range: tuple[int, int] = (1, 1),
    stopwords=False,
    stem: bool = False,
    min_count: int = 1,
    prior="pooled",
    chunk_size: int = 2000,
    engine: Engine = "local",
    scheduler=None,
    progress: Progress = False,
    load_options: dict | None = None,
) -> pd.DataFrame:
    """:func:`~framing.keyness.keyness` for a corpus read chunk by chunk.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt`` files, a ``.csv`` or ``.jsonl`` file, or a DataFrame.
    by, target, measure, correction, ngram_range, stopwords, stem, min_count, prior
        As in :func:`~framing.keyness.keyness`. An unknown ``target`` can only be
        reported after the whole corpus has been read.
    chunk_size : int, default 2000
        Documents per chunk (see :func:`framing.chunks.iter_corpus`).
    engine : {'local', 'dask'}, default 'local'
        Count the chunks in this process, or on a Dask cluster.
    scheduler : str, distributed.Client or None, default None
        With ``engine='dask'``: None starts a local cluster (one worker process per
        core) for this call; an address such as ``'tcp://host:8786'`` or a Client uses an
        existing cluster.
    progress : bool or callable, default False
        True writes one line per chunk to stderr; a callable receives a dict
        (``chunk, docs, tokens, seconds, total_docs, total_tokens, elapsed``).
    load_options : dict, optional
        Options of :func:`~framing.corpus.load_corpus`: ``text_column, id_column,
        metadata, clean, encoding, on_error, glob``.

    Returns
    -------
    DataFrame
        The table :func:`~framing.keyness.keyness` returns, identical to it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "src": ["x", "x", "y"],
    ...     "text": ["Win-win cooperation.", "Win-win talks.", "Tensions and talks."]})
    >>> keyness_stream(df, by="src", target="y", chunk_size=2)[["feature", "n_target"]].head(2)
        feature  n_target
    0       and         1
    1  tensions         1
    """
    job = _keyness_job(
        by, target, measure, correction, ngram_range, stopwords, stem, min_count, prior
    )
    _check_common(chunk_size, ngram_range, stopwords, min_count)
    tables, _ = _run(
        source,
        (job,),
        chunk_size=chunk_size,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
        load_options=load_options,
    )
    return tables["keyness"]


def _keyness_job(by, target, measure, correction, ngram_range, stopwords, stem, min_count, prior):
    from framing.keyness import _check_options, _wanted

    _check_options(measure, correction, prior, min_count)
    if not isinstance(by, str):
        raise TypeError(f"by must name the metadata column that defines the groups, got {by!r}")
    return _Keyness(
        by,
        tuple(_wanted(target)),
        measure,
        correction,
        _check_ngram_range(ngram_range),
        _stopwords_key(stopwords),
        bool(stem),
        min_count,
        prior,
    )


def analyze_stream(
    source,
    *,
    by: str | None = None,
    target: str | list[str] | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stopwords=True,
    min_count: int = 1,
    measure: str = "chi2",
    lexicon=None,
    codebook=None,
    n_boot: int = 1000,
    random_state: int | None = 0,
    frame_unit: Literal["document", "sentence"] = "document",
    include: tuple[str, ...] = ("terms", "keyness", "slogans", "frames"),
    chunk_size: int = 2000,
    engine: Engine = "local",
    scheduler=None,
    progress: Progress = False,
    load_options: dict | None = None,
) -> dict[str, pd.DataFrame]:
    """Terms, keyness, slogans and frames of a corpus in one pass over its chunks.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt`` files, a ``.csv`` or ``.jsonl`` file, or a DataFrame.
    by : str or None, default None
        Metadata column that defines the groups of every table.
    target : str, list of str or None, default None
        Value(s) of ``by`` for keyness; keyness is skipped when None.
    ngram_range, stopwords, min_count
        For terms and keyness (see :func:`~framing.counts.count_terms`).
    measure : str, default 'chi2'
        Keyness measure (see :func:`~framing.keyness.keyness`).
    lexicon, codebook
        Slogan lexicon and frame codebook; None uses the shipped ones.
    n_boot, random_state
        Bootstrap of :func:`~framing.frames.frame_rates`.
    frame_unit : {'document', 'sentence'}, default 'document'
        Rows of the ``frame_matrix`` table (see :func:`~framing.frames.frame_matrix`).
    include : tuple of str, default ('terms', 'keyness', 'slogans', 'frames')
        Which analyses to run.
    chunk_size : int, default 2000
        Documents per chunk (see :func:`framing.chunks.iter_corpus`).
    engine : {'local', 'dask'}, default 'local'
        Count the chunks in this process, or on a Dask cluster.
    scheduler : str, distributed.Client or None, default None
        With ``engine='dask'``: None starts a local cluster (one worker process per
        core) for this call; an address such as ``'tcp://host:8786'`` or a Client uses an
        existing cluster.
    progress : bool or callable, default False
        True writes one line per chunk to stderr; a callable receives a dict
        (``chunk, docs, tokens, seconds, total_docs, total_tokens, elapsed``).
    load_options : dict, optional
        Options of :func:`~framing.corpus.load_corpus`: ``text_column, id_column,
        metadata, clean, encoding, on_error, glob``.

    Returns
    -------
    dict of str to DataFrame
        ``terms`` (:func:`~framing.counts.count_terms`), ``keyness``, ``slogans``
        (:func:`~framing.slogans.find_slogans`), ``slogan_table``, ``frames``
        (:func:`~framing.frames.code_frames`), ``frame_rates``, ``frame_matrix`` (per
        ``frame_unit``) and ``skipped`` (inputs left out), each equal to what the
        in-memory function gives for the whole corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "src": ["x", "y"],
    ...     "text": ["Win-win cooperation for mankind.", "Tensions rose."]})
    >>> out = analyze_stream(df, by="src", target="x", n_boot=0, chunk_size=1)
    >>> sorted(out)
    ['frame_matrix', 'frame_rates', 'frames', 'keyness', 'skipped', 'slogan_table', \
'slogans', 'terms']
    >>> out["slogans"][["doc_id", "family", "matched"]].values.tolist()
    [['a', 'win_win_cooperation', 'Win-win cooperation']]
    """
    known = ("terms", "keyness", "slogans", "frames")
    bad = [x for x in include if x not in known]
    if bad or isinstance(include, str):
        raise ValueError(f"include: unknown analyses {bad or include!r}; choose from {known}")
    lo_hi = _check_common(chunk_size, ngram_range, stopwords, min_count)
    jobs: list = []
    key = None
    if "keyness" in include and target is not None:
        key = _keyness_job(
            by, target, measure, "default", lo_hi, stopwords, False, min_count, "pooled"
        )
    if "terms" in include:  # keyness then comes from the same sums
        jobs.append(_Terms(by, lo_hi, _stopwords_key(stopwords), False, min_count, 1, key))
    elif key is not None:
        jobs.append(key)
    if "slogans" in include:
        from framing.lexicon import as_lexicon

        jobs.append(_Slogans(by, as_lexicon(lexicon)))
    if "frames" in include:
        from framing.codebook import as_codebook

        if not isinstance(n_boot, int | np.integer) or n_boot < 0:
            raise ValueError(f"n_boot must be a non-negative integer; got {n_boot!r}")
        if frame_unit not in ("document", "sentence"):
            raise ValueError(f"frame_unit must be 'document' or 'sentence', got {frame_unit!r}")
        jobs.append(_Frames(by, as_codebook(codebook), int(n_boot), 0.95, random_state, frame_unit))
    tables, skipped = _run(
        source,
        tuple(jobs),
        chunk_size=chunk_size,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
        load_options=load_options,
    )
    tables["skipped"] = skipped
    return tables
