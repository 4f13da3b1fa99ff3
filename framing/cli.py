"""Command line: ``framing SUBCOMMAND CORPUS ... --out FILE.csv`` (also ``python -m framing``).

Each sub-command reads a corpus (a folder of .txt files, a .csv or a .jsonl), calls one
library function and writes a CSV. User mistakes give one line on stderr and exit
status 2, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from framing.corpus import CorpusError, load_corpus

__all__ = ["main"]


def _write(df: pd.DataFrame, out: str) -> None:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n")


def _load(args):
    if getattr(args, "engine", "local") != "local" or getattr(args, "chunk_size", None):
        raise ValueError(
            f"--engine dask and --chunk-size apply to {', '.join(_STREAMING)}; "
            f"'{args.command}' needs the whole corpus in memory, so drop them"
        )
    corpus = load_corpus(
        args.corpus,
        text_column=args.text_column,
        id_column=args.id_column,
        clean=not args.no_clean,
        on_error="skip" if args.skip_bad else "raise",
        n_jobs=getattr(args, "jobs", None),
    )
    for row in corpus.skipped.itertuples(index=False):
        where = f" (row {row.row})" if row.row else ""
        print(f"framing {args.command}: skipped {row.source}{where}: {row.reason}", file=sys.stderr)
    return corpus


# sub-commands that can read the corpus in chunks (framing.stream)
_STREAMING = ("terms", "keyness", "slogans", "frames", "evidence")


def _streaming(args) -> bool:
    """Read the corpus chunk by chunk? Yes with --engine dask or --chunk-size."""
    if args.engine == "local" and args.chunk_size is None:
        if args.scheduler:
            raise ValueError("--scheduler needs --engine dask")
        return False
    if getattr(args, "jobs", None) is not None:
        raise ValueError(
            "--jobs applies when the corpus is read whole; with --engine dask or --chunk-size "
            "the chunks are the unit of work, so drop --jobs"
        )
    return True


def _stream_options(args) -> dict:
    return {
        "chunk_size": args.chunk_size or 2000,
        "engine": args.engine,
        "scheduler": args.scheduler,
        "progress": True,
        "load_options": {
            "text_column": args.text_column,
            "id_column": args.id_column,
            "clean": not args.no_clean,
            "on_error": "skip" if args.skip_bad else "raise",
        },
    }


def _analyzed(args, include: str, table: str, **options) -> pd.DataFrame:
    """One table of :func:`framing.stream.analyze_stream` over the corpus read in chunks."""
    from framing.stream import analyze_stream

    out = analyze_stream(args.corpus, include=(include,), **options, **_stream_options(args))
    return out[table]


def _engine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        default="local",
        choices=["local", "dask"],
        help="'dask': count chunks of the corpus on a Dask cluster (terms, keyness, slogans, "
        "frames, evidence)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster, one worker per core)",
    )
    p.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        metavar="N",
        help="read the corpus N documents at a time (bounded memory; default 2000 with dask)",
    )


def _corpus_args(p: argparse.ArgumentParser, *, out: bool = True) -> None:
    p.add_argument(
        "corpus", help="folder of .txt files (with optional metadata.csv), .csv or .jsonl"
    )
    if out:
        p.add_argument("--out", required=True, help="CSV file to write")
    p.add_argument("--text-column", default="text", help="text column of a CSV/JSONL corpus")
    p.add_argument("--id-column", default="doc_id", help="id column of a CSV/JSONL corpus")
    p.add_argument("--no-clean", action="store_true", help="keep captions, bylines etc.")
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip undecodable/empty/duplicate inputs (listed on stderr) instead of stopping",
    )
    _jobs_arg(p)
    _engine_args(p)


def _jobs_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for cleaning and tokenising (-1: one per CPU; default one "
        "process); results do not depend on it",
    )


# --------------------------------------------------------------------------- commands


def _cmd_terms(args) -> int:
    from framing.counts import count_terms

    options = {
        "by": args.by,
        "ngram_range": (args.min_n, args.max_n),
        "stopwords": args.stopwords,
        "stem": args.stem,
        "min_count": args.min_count,
    }
    if _streaming(args):
        from framing.stream import count_terms_stream

        table = count_terms_stream(args.corpus, **options, **_stream_options(args))
    else:
        table = count_terms(_load(args), **options)
    _write(table, args.out)
    return 0


def _cmd_keyness(args) -> int:
    from framing.keyness import keyness

    options = {
        "by": args.by,
        "target": args.target,
        "measure": args.measure,
        "ngram_range": (args.min_n, args.max_n),
        "stopwords": args.stopwords,
        "min_count": args.min_count,
    }
    if _streaming(args):
        from framing.stream import keyness_stream

        table = keyness_stream(args.corpus, **options, **_stream_options(args))
    else:
        table = keyness(_load(args), **options)
    _write(table[["feature", "n_target", "n_reference", "stat", "p"]], args.out)
    return 0


def _cmd_kwic(args) -> int:
    from framing.kwic import kwic

    corpus = _load(args)
    table = kwic(corpus, args.pattern, window=args.window, by=args.by, mode=args.mode)
    _write(table, args.out)
    return 0


def _cmd_dispersion(args) -> int:
    from framing.dispersion import dispersion

    corpus = _load(args)
    _write(dispersion(corpus, args.terms, by=args.by), args.out)
    return 0


def _cmd_slogans(args) -> int:
    from framing.lexicon import load_lexicon
    from framing.slogans import MATCH_COLUMNS, find_slogans

    lexicon = load_lexicon(args.lexicon, extend=args.extend) if args.lexicon else None
    if args.extend and not args.lexicon:
        raise ValueError("--extend needs --lexicon FILE.yaml (the families to add)")
    if _streaming(args):
        table = _analyzed(args, "slogans", "slogans", lexicon=lexicon)
    else:
        table = find_slogans(_load(args), lexicon=lexicon)
    _write(table[MATCH_COLUMNS], args.out)
    return 0


def _cmd_phrases(args) -> int:
    from framing.phrases import recurring_phrases

    corpus = _load(args)
    table = recurring_phrases(
        corpus,
        min_n=args.min_n,
        max_n=args.max_n,
        min_count=args.min_count,
        min_docs=args.min_docs,
        by=args.by,
    )
    _write(table, args.out)
    return 0


def _category_ids(args) -> list[str]:
    """Category ids for a coding sheet: --categories, else the codebook's category ids."""
    if args.categories:
        return [c.strip() for c in args.categories.split(",") if c.strip()]
    try:
        from framing.codebook import load_codebook
    except ImportError:
        raise ValueError(
            "no codebook module (framing.codebook) in this installation; name the "
            "categories with --categories id1,id2,..."
        ) from None
    return load_codebook(args.codebook).ids


def _cmd_frames(args) -> int:
    from framing.frames import frame_matrix

    if _streaming(args):
        options = {"codebook": args.codebook, "n_boot": 0, "frame_unit": args.unit}
        table = _analyzed(args, "frames", "frame_matrix", **options)
    else:
        table = frame_matrix(_load(args), unit=args.unit, codebook=args.codebook)
    _write(table, args.out)
    return 0


def _cmd_evidence(args) -> int:
    from framing.frames import code_frames

    if _streaming(args):
        table = _analyzed(args, "frames", "frames", codebook=args.codebook, n_boot=0)
    else:
        table = code_frames(_load(args), codebook=args.codebook)
    _write(table, args.out)
    return 0


def _cmd_sheet(args) -> int:
    from framing.reliability import coding_sheet

    corpus = _load(args)
    sentences = corpus.tokens.sentences[["doc_id", "sentence_id", "sentence"]]
    by = corpus.groups(args.by) if args.by else None
    sheet = coding_sheet(
        sentences, categories=_category_ids(args), n=args.n, random_state=args.seed, by=by
    )
    _write(sheet, args.out)
    return 0


def _cmd_agreement(args) -> int:
    from framing.reliability import codebook_agreement, intercoder_agreement, read_coding_sheet

    cats = [c.strip() for c in args.categories.split(",")] if args.categories else None
    if not Path(args.machine).is_file():
        raise FileNotFoundError(f"--machine {args.machine!r} does not exist; check the path.")
    machine = pd.read_csv(args.machine, dtype={"doc_id": str})
    tables = []
    for path in args.human:
        human = read_coding_sheet(path, categories=cats)
        table = codebook_agreement(machine, human, categories=cats)
        tables.append(table.assign(human=Path(path).name))
    out = pd.concat(tables, ignore_index=True)
    _write(out[["human", *out.columns[:-1]]], args.out)
    if args.intercoder:
        if len(args.human) < 2:
            raise ValueError("--intercoder needs two or more --human sheets.")
        _write(intercoder_agreement(args.human, categories=cats), args.intercoder)
    return 0


def _cmd_report(args) -> int:
    from framing.report import build_report

    corpus = _load(args)
    build_report(
        corpus,
        args.out,
        by=args.by,
        codebook=args.codebook,
        lexicon=args.lexicon,
        target=args.target,
        progress=lambda line: print(f"framing report: {line}", file=sys.stderr),
    )
    return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Discourse and framing analysis: terms, keyness, slogans and frames.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("terms", help="term and n-gram frequencies per document or group")
    _corpus_args(p)
    p.add_argument("--by", default=None, help="metadata column to group by (default: document)")
    p.add_argument("--min-n", type=int, default=1, help="smallest n-gram order (default 1)")
    p.add_argument("--max-n", type=int, default=1, help="largest n-gram order (default 1)")
    p.add_argument("--stopwords", action="store_true", help="drop English stopwords")
    p.add_argument("--stem", action="store_true", help="count Snowball stems")
    p.add_argument("--min-count", type=int, default=1, help="minimum total count")
    p.set_defaults(func=_cmd_terms)

    p = sub.add_parser("keyness", help="keyness of a target group against the rest")
    _corpus_args(p)
    p.add_argument("--by", required=True, help="metadata column that defines the groups")
    p.add_argument("--target", required=True, help="value of --by that is the target")
    p.add_argument(
        "--measure",
        default="chi2",
        choices=["chi2", "lr", "pmi", "logratio", "logodds"],
        help="keyness statistic (default chi2, Yates-corrected)",
    )
    p.add_argument("--min-n", type=int, default=1)
    p.add_argument("--max-n", type=int, default=1)
    p.add_argument("--stopwords", action="store_true", help="drop English stopwords")
    p.add_argument("--min-count", type=int, default=1)
    p.set_defaults(func=_cmd_keyness)

    p = sub.add_parser("kwic", help="keyword in context")
    p.add_argument("corpus")
    p.add_argument("pattern", help="word, phrase or token pattern (see framing.patterns)")
    p.add_argument("--out", required=True)
    p.add_argument("--window", type=int, default=8, help="tokens of context on each side")
    p.add_argument("--by", default=None, help="metadata column for the group column")
    p.add_argument("--mode", default="pattern", choices=["pattern", "regex"])
    p.add_argument("--text-column", default="text")
    p.add_argument("--id-column", default="doc_id")
    p.add_argument("--no-clean", action="store_true")
    p.add_argument("--skip-bad", action="store_true")
    _jobs_arg(p)
    _engine_args(p)
    p.set_defaults(func=_cmd_kwic)

    p = sub.add_parser("dispersion", help="where terms occur in each document, and Gries' DP")
    _corpus_args(p)
    p.add_argument("terms", nargs="+", help="words, phrases or token patterns")
    p.add_argument("--by", default=None)
    p.set_defaults(func=_cmd_dispersion)

    p = sub.add_parser("slogans", help="every match of a slogan lexicon, with its sentence")
    _corpus_args(p)
    p.add_argument("--lexicon", default=None, help="lexicon YAML (default: the shipped one)")
    p.add_argument(
        "--extend", action="store_true", help="add --lexicon's families to the shipped lexicon"
    )
    p.set_defaults(func=_cmd_slogans)

    p = sub.add_parser("phrases", help="recurring maximal phrases (lexical bundles)")
    _corpus_args(p)
    p.add_argument("--min-n", type=int, default=2, help="shortest phrase in tokens (default 2)")
    p.add_argument("--max-n", type=int, default=8, help="longest phrase in tokens (default 8)")
    p.add_argument("--min-count", type=int, default=3, help="minimum occurrences (default 3)")
    p.add_argument("--min-docs", type=int, default=2, help="minimum documents (default 2)")
    p.add_argument("--by", default=None, help="metadata column for n_groups/groups")
    p.set_defaults(func=_cmd_phrases)

    p = sub.add_parser("sheet", help="random sample of sentences as a blank coding sheet")
    _corpus_args(p)
    p.add_argument("--n", type=int, default=100, help="number of sentences (default 100)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--codebook", default=None, help="codebook YAML (default: the shipped one)")
    p.add_argument("--categories", default=None, help="comma-separated ids instead of a codebook")
    p.add_argument("--by", default=None, help="metadata column to stratify the sample by")
    p.set_defaults(func=_cmd_sheet)

    p = sub.add_parser("agreement", help="machine codes against hand-coded sheets")
    p.add_argument("--machine", required=True, help="CSV from 'framing frames --unit sentence'")
    p.add_argument("--human", required=True, nargs="+", help="one or more hand-coded sheets")
    p.add_argument("--out", required=True, help="CSV: precision, recall, F1, kappa per category")
    p.add_argument("--intercoder", default=None, help="CSV: alpha/kappa between the humans")
    p.add_argument("--categories", default=None, help="comma-separated ids (default: all)")
    p.set_defaults(func=_cmd_agreement)

    p = sub.add_parser("frames", help="frame hit counts per sentence or document")
    _corpus_args(p)
    p.add_argument("--codebook", default=None, help="codebook YAML (default: the shipped one)")
    p.add_argument("--unit", default="sentence", choices=["sentence", "document"])
    p.set_defaults(func=_cmd_frames)

    p = sub.add_parser("evidence", help="every frame hit with its sentence (the evidence table)")
    _corpus_args(p)
    p.add_argument("--codebook", default=None, help="codebook YAML (default: the shipped one)")
    p.set_defaults(func=_cmd_evidence)

    p = sub.add_parser("report", help="every figure, table and evidence page in one folder")
    _corpus_args(p, out=False)
    p.add_argument("--out", required=True, help="folder to write (figures, CSV, index.html)")
    p.add_argument("--by", default=None, help="metadata column whose groups are compared")
    p.add_argument("--codebook", default=None, help="codebook YAML (default: the shipped one)")
    p.add_argument("--lexicon", default=None, help="slogan lexicon YAML (default: shipped)")
    p.add_argument(
        "--target", default=None, help="group for key terms (default: the largest group)"
    )
    p.set_defaults(func=_cmd_report)

    # further sub-commands register below
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples
    --------
    >>> main(["--help"])  # doctest: +SKIP
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            status = args.func(args)
        for w in caught:
            if "Corpus.skipped" not in str(w.message):  # already listed one by one
                print(f"framing {args.command}: warning: {w.message}", file=sys.stderr)
        return status
    except (CorpusError, ValueError, OSError) as err:  # OSError: unreadable or unwritable paths
        print(f"framing {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
