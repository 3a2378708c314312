"""Cost of one pathological sentence (issue 15, "Bounded and linear"): a line of N figures.

A document that is one line of N repeats of a shape ("1 Euro 1 Euro … 1 Euro", "80 Prozent
…", a Land name and an amount, …; SHAPES below) goes through the CLI's path (read, clean,
every component, to_result, writing all outputs) for each N given. It prints seconds per
stage and in all, and the time per repeat: a linear pipeline keeps the time per repeat
about flat as N doubles, a quadratic one doubles it. --profile prints cProfile's top
functions (by own time) for the largest N.

    .venv/bin/python benchmarks/long_sentence.py                  # every shape, N = 1000 2000 4000 8000
    .venv/bin/python benchmarks/long_sentence.py 500 1000 --shape percent --shape land --in-memory
    .venv/bin/python benchmarks/long_sentence.py 16000 --shape euro --profile
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

LANDS = ["Bayern", "Hessen", "Sachsen", "Thüringen", "Niedersachsen", "Brandenburg", "Saarland", "Bremen"]
MINISTRIES = ["Ministerium für Finanzen", "Staatsministerium für Umwelt", "Ministerium des Innern und für Sport"]

# shape name -> the i-th repeat of the line (text that is one line, or, for list items, one
# paragraph of list lines); every shape holds a figure per repeat, so that record assembly
# sees N figures beside N of the shape's things
SHAPES = {
    "euro": lambda i: "1 Euro ",
    "percent": lambda i: "80 Prozent ",
    "rate": lambda i: "Förderquote 80 Prozent ",
    "date": lambda i: "am 1.1.2024 1 Euro ",
    "period": lambda i: "2024 bis 2026 1 Euro ",
    "land": lambda i: f"{LANDS[i % len(LANDS)]} 1 Euro ",
    "ministry": lambda i: f"{MINISTRIES[i % len(MINISTRIES)]} 1 Euro ",
    "programme": lambda i: f"Programm „Vorhaben {i}“ 1 Euro ",
    "list": lambda i: f"- Gemeinde {i}: 1.000 Euro\n",
}


def long_line(shape: str, n_figures: int) -> str:
    return "".join(SHAPES[shape](i) for i in range(n_figures)) + "\n"


def measure(shape: str, n_figures: int, work: Path, cli: bool = True) -> dict[str, float]:
    """Seconds per stage (in memory, as bench.py's stages) and for the CLI's run_extract."""
    from pipeline.io.batch import run_extract
    from pipeline.io.reading import read_source

    path = work / f"{shape}_{n_figures}.txt"
    path.write_text(long_line(shape, n_figures), encoding="utf-8")
    stages = measure_stages([read_source(path)], MB)  # s/MB over one MB: seconds
    if not cli:
        return stages | {"all": sum(stages.values())}
    started = time.perf_counter()
    status = run_extract([path], work / f"out_{shape}_{n_figures}", progress=False)
    if status != 0:
        raise SystemExit(f"long_sentence: run_extract exit status {status} for {shape} N={n_figures}")
    return stages | {"all": time.perf_counter() - started}


def profile(shape: str, n_figures: int, work: Path, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(measure, shape, n_figures, work)
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def report(shape: str, rows: list[tuple[int, dict[str, float]]], total: str) -> None:
    stage_names = [name for name in rows[0][1] if name != "all"]
    print(f"shape {shape!r}, a line of N repeats of {SHAPES[shape](0)!r}; seconds ({total})")
    print(f"{'N':>6} {'all':>8} {'ms/repeat':>9}  " + " ".join(f"{name:>10}" for name in stage_names))
    for n, spent in rows:
        print(f"{n:>6} {spent['all']:>8.2f} {1000 * spent['all'] / n:>9.3f}  "
              + " ".join(f"{spent[name]:>10.2f}" for name in stage_names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 4000, 8000], help="repeats per line")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="shape to time (repeatable; default all)")
    parser.add_argument("--in-memory", action="store_true", help="stages in memory only, not the CLI's run_extract")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest N of each shape (top functions by own time)")
    parser.add_argument("--top", type=int, default=25, help="functions --profile prints")
    args = parser.parse_args(argv)
    from pipeline.extract import load_nlp

    load_nlp()  # start-up, not the line's cost
    cli = not args.in_memory
    total = "the stages in memory; all: their sum" if args.in_memory else "stages in memory; all: the CLI's run_extract"
    with tempfile.TemporaryDirectory(prefix="long-sentence-") as folder:
        work = Path(folder)
        for shape in args.shape or list(SHAPES):
            measure(shape, 10, work, cli)  # warm up: lexicons, caches
            report(shape, [(n, measure(shape, n, work, cli)) for n in args.sizes], total)
            if args.profile:
                profile(shape, max(args.sizes), work, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
