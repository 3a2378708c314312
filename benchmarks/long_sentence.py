"""Cost of one pathological sentence (issue 15, "Bounded and linear"): a line of N figures.

A document that is one line "1 Euro 1 Euro … 1 Euro" of N figures goes through the CLI's
path (read, clean, every component, to_result, writing all outputs) for each N given. It
prints seconds per stage and in all, and the time per figure: a linear pipeline keeps the
time per figure about flat as N doubles, a quadratic one doubles it. --profile prints
cProfile's top functions (by own time) for the largest N.

    .venv/bin/python benchmarks/long_sentence.py            # N = 1000 2000 4000 8000
    .venv/bin/python benchmarks/long_sentence.py 16000 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench import MB, measure_stages  # benchmarks/bench.py, beside this file

FIGURE = "1 Euro "


def long_line(n_figures: int) -> str:
    return FIGURE * n_figures + "\n"


def measure(n_figures: int, work: Path) -> dict[str, float]:
    """Seconds per stage (in memory, as bench.py's stages) and for the CLI's run_extract."""
    from pipeline.io.batch import run_extract
    from pipeline.io.reading import read_source

    path = work / f"line_{n_figures}.txt"
    path.write_text(long_line(n_figures), encoding="utf-8")
    stages = measure_stages([read_source(path)], MB)  # s/MB over one MB: seconds
    started = time.perf_counter()
    status = run_extract([path], work / f"out_{n_figures}", progress=False)
    if status != 0:
        raise SystemExit(f"long_sentence: run_extract exit status {status} for N={n_figures}")
    return stages | {"run_extract": time.perf_counter() - started}


def profile(n_figures: int, work: Path, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(measure, n_figures, work)
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 4000, 8000], help="figures per line")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest N (top functions by own time)")
    parser.add_argument("--top", type=int, default=25, help="functions --profile prints")
    args = parser.parse_args(argv)
    from pipeline.extract import load_nlp

    load_nlp()  # start-up, not the line's cost
    with tempfile.TemporaryDirectory(prefix="long-sentence-") as folder:
        work = Path(folder)
        measure(10, work)  # warm up: lexicons, caches
        rows = [(n, measure(n, work)) for n in args.sizes]
        stage_names = [name for name in rows[0][1] if name != "run_extract"]
        print(f"a line of N figures {FIGURE.strip()!r}; seconds (stages in memory, then the CLI's run_extract)")
        print(f"{'N':>6} {'run_extract':>11} {'ms/figure':>9}  " + " ".join(f"{name:>10}" for name in stage_names))
        for n, spent in rows:
            print(f"{n:>6} {spent['run_extract']:>11.2f} {1000 * spent['run_extract'] / n:>9.3f}  "
                  + " ".join(f"{spent[name]:>10.2f}" for name in stage_names))
        if args.profile:
            profile(max(args.sizes), work, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
