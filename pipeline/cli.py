"""Command line: a thin layer over ``pipeline.io.batch.run_extract`` and ``pipeline.evaluation.evaluate``."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .io.reading import DEFAULT_MAX_BYTES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn German press releases about public funding into normalised records.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract",
        help="extract funding records from articles",
        description=(
            "Clean each article (.txt, .md, .html, .htm, .pdf with a text layer; folders are searched "
            "recursively), extract its funding figures and write records.csv, programmes.csv, "
            "mentions.csv, sources.csv (one row per input file), records.xlsx and run.json to --out, "
            "all replaced together when the run ends. A file "
            "that cannot be used costs that file only: one line on stderr names it and the "
            "problem, run.json lists it, and an internal error's traceback goes to errors.log "
            "in --out."
        ),
        epilog=(
            "exit status: 0 every document extracted; 1 some files refused (bad input, named "
            "on stderr), the rest written; 3 an internal error (a bug) cost some documents, the "
            "rest written; 4 nothing written (no document could be read, --out cannot be "
            "written, or the run itself failed); 2 wrong usage. What every output column holds: "
            "docs/columns.md (and the columns sheet of records.xlsx)."
        ),
    )
    io = ex.add_argument_group("input / output")
    io.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    io.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    io.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                    help=f"skip files larger than this (default: {DEFAULT_MAX_BYTES})")
    run = ex.add_argument_group("run")
    run.add_argument("--n-process", type=int, default=1, help="worker processes for nlp.pipe (default: 1)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    run.add_argument("--model", default=None, metavar="DIR", help="the spaCy pipeline's folder (default: models/de_funding)")
    cache = ex.add_argument_group("incremental runs")
    cache.add_argument("--cache", default=None, metavar="DIR",
                       help="keep each document's result here and extract only new or changed files "
                            "(default: .cache in --out); a changed rule, lexicon or version starts afresh")
    cache.add_argument("--no-cache", action="store_true", help="extract every file, use and keep no cache")
    dask = ex.add_argument_group("cluster (pip install .[dask])")
    dask.add_argument("--engine", choices=("local", "dask"), default="local",
                      help="local: this machine, --n-process processes; dask: a Dask cluster (default: local)")
    dask.add_argument("--scheduler", default=None, metavar="ADDRESS",
                      help="the Dask scheduler to use (tcp://host:8786); without it --engine dask starts a "
                           "local cluster of --n-process workers")
    sub.add_parser("evaluate", help="score the extractor against the gold annotations", add_help=False)
    return parser


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "evaluate":
        from .evaluation.evaluate import main as evaluate_main

        return evaluate_main(argv[1:])
    args = build_parser().parse_args(argv)
    from .io.batch import EXIT_NOTHING, run_extract
    from .io.cache import DEFAULT_CACHE_NAME

    try:
        cache_dir = None if args.no_cache else (args.cache or Path(args.out) / DEFAULT_CACHE_NAME)
        return run_extract(args.paths, args.out, n_process=args.n_process, max_bytes=args.max_bytes,
                           progress=not args.no_progress, model=args.model, cache_dir=cache_dir,
                           engine=args.engine, scheduler=args.scheduler)
    except Exception as error:  # the run itself failed (not one document): nothing was replaced
        traceback.print_exc()
        print(f"pipeline: internal error: {type(error).__name__}; nothing written", file=sys.stderr)
        return EXIT_NOTHING
