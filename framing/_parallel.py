"""Run a function over contiguous chunks of a list in worker processes (internal).

Used by loading (cleaning) and tokenising, whose work is a Python loop over documents:
``n_jobs`` worker processes each take a contiguous run of documents, and the results
come back in document order, so the output does not depend on ``n_jobs``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial

__all__ = ["effective_n_jobs", "map_chunks"]

#: below this many characters a corpus is processed in the calling process: starting
#: workers and sending them the texts costs more than it saves
MIN_PARALLEL_CHARS = 2_000_000


def effective_n_jobs(n_jobs: int | None) -> int:
    """Number of processes ``n_jobs`` asks for, scikit-learn's convention.

    ``None`` and 1 mean one (no workers); -1 means every CPU this process may use,
    -2 all but one, and so on.

    Examples
    --------
    >>> effective_n_jobs(None), effective_n_jobs(3)
    (1, 3)
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"n_jobs must be a non-zero integer or None, got {n_jobs!r}; use None or 1 for "
            "one process, -1 for every CPU"
        )
    if n_jobs > 0:
        return n_jobs
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, cpus + 1 + n_jobs)


def _chunk_bounds(weights: list[int], n_chunks: int) -> list[tuple[int, int]]:
    """Split ``range(len(weights))`` into at most ``n_chunks`` runs of similar total weight."""
    total = sum(weights)
    bounds, start, acc = [], 0, 0
    target = total / n_chunks
    for i, w in enumerate(weights):
        acc += w
        if acc >= target * (len(bounds) + 1) and i + 1 < len(weights):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(weights)))
    return [(a, b) for a, b in bounds if b > a]


def map_chunks(func, texts: list[str], *, n_jobs: int | None, **kwargs) -> list:
    """``[func(chunk, **kwargs) for chunk in chunks]``, in worker processes when it pays.

    Parameters
    ----------
    func : callable
        A module-level function (it is sent to the workers) taking a list of texts.
    texts : list of str
        The documents, in order.
    n_jobs : int or None
        Processes to use (see :func:`effective_n_jobs`).
    **kwargs
        Passed to ``func``.

    Returns
    -------
    list
        One result per chunk, in document order; a single chunk (one call in this
        process) when ``n_jobs`` is 1 or the texts are short.
    """
    jobs = effective_n_jobs(n_jobs)
    weights = [len(t) for t in texts]
    if jobs == 1 or len(texts) < 2 or sum(weights) < MIN_PARALLEL_CHARS:
        return [func(texts, **kwargs)]
    # a few chunks per worker even out documents of unequal cost
    bounds = _chunk_bounds(weights, 2 * jobs)
    chunks = [texts[a:b] for a, b in bounds]
    # on Linux, fork starts a worker in milliseconds with the package already imported;
    # elsewhere the platform's default (spawn: a script needs the usual
    # ``if __name__ == "__main__":`` guard, as with any multiprocessing code)
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context) as pool:
        return list(pool.map(partial(func, **kwargs), chunks))
