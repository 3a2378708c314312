"""Speed benchmark (`make bench`): the goals of issue 13, measured in one run.

The corpus documents are repeated to at least --size-mb MB of source text (UTF-8 bytes
of the texts as read, 1 MB = 1,000,000 bytes), each copy under its own doc_id. Measured:
- in memory, in this process: (a) the floor, ``spacy.blank("de").pipe``; (c) the full
  pipeline (clean + spaCy pipeline + results) on one core, and with ``n_process=2`` (its
  results must equal the one-core results); where (c)'s time goes, by stage;
- end to end, as users run it, each in a fresh process on the same files on disk:
  ``python -m pipeline extract`` (reading and writing every output) against a process that
  reads the files with the same reader and runs ``spacy.blank("de").pipe`` over them,
  alternated --repeat times; best wall time of each, CPU time beside it, peak RSS.
It prints a table and writes the same figures to outputs/bench.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
FLOOR_LABEL = '(a) floor: spacy.blank("de").pipe'
GOALS = {"full_to_floor": 0.5, "speed_up_2": 1.6, "cli_to_floor_process": 0.5}

# Both end-to-end children print their peak RSS (VmHWM: this process's own memory, not
# what it inherited from the parent before exec) on stderr at exit.
PEAK_AT_EXIT = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("bench-peak-kb", line.split()[1], file=sys.stderr)
atexit.register(_peak)
"""
# The CLI exactly as `python -m pipeline ARGS` runs it.
CLI_CHILD = PEAK_AT_EXIT + """
import runpy
sys.argv = ["pipeline", *sys.argv[1:]]
runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
"""
# The end-to-end floor: the CLI's reader and folder walk, then the blank German tokenizer.
FLOOR_CHILD = PEAK_AT_EXIT + """
import json, time
from pathlib import Path
import spacy
from pipeline.io.inputs import iter_input_files
from pipeline.io.reading import read_source
imported = time.process_time()
paths = [p for p in iter_input_files(sys.argv[1:]) if isinstance(p, Path)]
reading = 0.0
def texts():
    global reading
    for path in paths:
        started = time.process_time()
        text = read_source(path).text
        reading += time.process_time() - started
        yield text
for doc in spacy.blank("de").pipe(texts()):
    pass
print(json.dumps({"imports_cpu_s": imported, "reading_cpu_s": reading}))
"""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def rate(text_bytes: int, seconds: float) -> dict:
    return {"seconds": seconds, "mb_per_s": text_bytes / MB / seconds}


def best_of_alternated(runs: dict, repeat: int) -> dict[str, float]:
    """Best wall time of each run, the runs taken in turn `repeat` times, so that the
    machine's other work disturbs each about alike; the best is the least disturbed."""
    best = dict.fromkeys(runs, math.inf)
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


# --- the corpus ----------------------------------------------------------------------


def bench_corpus(corpus: Path, size_mb: float, folder: Path) -> tuple[list, int]:
    """The corpus repeated to size_mb MB, written to folder (original bytes, HTML stays
    HTML) and returned as Sources; and the MB count's bytes."""
    from pipeline.io.inputs import iter_input_files
    from pipeline.io.reading import InputError, read_source

    originals = []
    for item in iter_input_files([corpus]):
        try:
            if isinstance(item, InputError):
                raise item
            originals.append(read_source(item))
        except InputError as error:
            log(f"skipped {error}")
    one_copy = sum(len(s.text.encode("utf-8")) for s in originals)
    copies = max(1, math.ceil(size_mb * MB / one_copy))
    folder.mkdir(parents=True)
    sources = []
    for k in range(copies):
        for source in originals:
            name = f"{Path(source.path).stem}__copy{k:03d}{Path(source.path).suffix}"
            shutil.copyfile(source.path, folder / name)
            sources.append(replace(source, doc_id=Path(name).stem, path=str(folder / name)))
    return sources, one_copy * copies


# --- in memory ------------------------------------------------------------------------


def measure_in_memory(sources: list, text_bytes: int, repeat: int) -> dict:
    """(a) spacy.blank("de").pipe and (c) the full pipeline with n_process 1 and 2, taken
    in turn; whether n_process=2 gives the same results as one core."""
    import spacy

    from pipeline.extract import extract_sources, load_nlp

    blank, nlp = spacy.blank("de"), load_nlp()  # loading is start-up, not throughput
    texts = [s.text for s in sources]
    list(blank.pipe(texts[:20]))
    list(extract_sources(sources[:20], nlp=nlp))
    results: dict[int, list] = {}

    def full(n_process: int):
        def run():
            results[n_process] = list(extract_sources(sources, nlp=nlp, n_process=n_process))
        return run

    best = best_of_alternated({"floor": lambda: list(blank.pipe(texts)), "1": full(1), "2": full(2)}, repeat)
    one, two = rate(text_bytes, best["1"]), rate(text_bytes, best["2"])
    return {"floor": rate(text_bytes, best["floor"]),
            "full": {"1": one, "2": two | {"speed_up": two["mb_per_s"] / one["mb_per_s"],
                                           "same_results": results[1] == results[2]}}}


def measure_stages(sources: list, text_bytes: int) -> dict:
    """Seconds per MB in each stage of (c), one document at a time as nlp.pipe runs them."""
    from pipeline.clean import clean
    from pipeline.extract import load_nlp, to_result

    nlp = load_nlp()
    spent = dict.fromkeys(["clean", "tokenizer", *nlp.pipe_names, "to_result"], 0.0)
    clock = time.perf_counter
    for source in sources:
        t0 = clock()
        cleaned = clean(source.text)
        t1 = clock()
        doc = nlp.make_doc(cleaned.text)
        spent["clean"] += t1 - t0
        spent["tokenizer"] += clock() - t1
        for name, component in nlp.pipeline:
            t = clock()
            doc = component(doc)
            spent[name] += clock() - t
        t = clock()
        to_result(source, cleaned, doc)
        spent["to_result"] += clock() - t
    return {name: seconds / (text_bytes / MB) for name, seconds in spent.items()}


# --- end to end, in fresh processes --------------------------------------------------------


def run_child(code: str, args: list[str]) -> dict:
    """Run `python -c code args` from the repository; wall and CPU seconds (this child's
    own, from wait4), peak RSS in MB, exit status, its last stdout and stderr lines."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    peaks = [int(line.split()[1]) * 1024 / MB for line in stderr.splitlines() if line.startswith("bench-peak-kb")]
    said = [line for line in stderr.splitlines() if not line.startswith("bench-peak-kb")]
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": peaks[-1] if peaks else None,
            "exit_status": os.waitstatus_to_exitcode(status), "stdout": stdout.strip().splitlines()[-1:],
            "stderr": said[-1:]}


def measure_end_to_end(folder: Path, work: Path, text_bytes: int, repeat: int) -> dict:
    """The CLI and the floor process on the same files, alternated; best wall time of each."""
    runs: dict[str, list[dict]] = {"floor_process": [], "cli": []}
    for k in range(repeat):
        log(f"end to end, round {k + 1} of {repeat}: floor process, then the CLI")
        runs["floor_process"].append(run_child(FLOOR_CHILD, [str(folder)]))
        out = work / f"out_{k}"
        runs["cli"].append(run_child(CLI_CHILD, ["extract", str(folder), "--out", str(out), "--no-progress"]))
        shutil.rmtree(out, ignore_errors=True)
    figures = {}
    for name, done in runs.items():
        failed = [r for r in done if r["exit_status"] != 0]
        if failed:
            raise SystemExit(f"bench: {name} failed: {failed[0]['stderr']}")
        best = min(done, key=lambda r: r["wall_s"])
        figures[name] = rate(text_bytes, best["wall_s"]) | {
            "cpu_s": min(r["cpu_s"] for r in done), "peak_rss_mb": best["peak_rss_mb"],
            "wall_s_all": [round(r["wall_s"], 2) for r in done]}
    floor_phases = json.loads(runs["floor_process"][0]["stdout"][0])
    figures["floor_process"] |= floor_phases
    figures["cli"]["summary"] = runs["cli"][0]["stderr"][0]
    figures["ratio_wall"] = figures["cli"]["mb_per_s"] / figures["floor_process"]["mb_per_s"]
    figures["ratio_cpu"] = figures["floor_process"]["cpu_s"] / figures["cli"]["cpu_s"]
    return figures


# --- report ----------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, {platform.platform()}; load average {os.getloadavg()[0]:.1f} at start"


def versions() -> str:
    import spacy

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return f"Python {platform.python_version()}, spaCy {spacy.__version__}, commit {commit or '?'}"


def met(value: float | None, goal: float) -> str:
    return "not measured" if value is None else f"{'met' if value >= goal else 'NOT met'} (goal >= {goal})"


def format_table(report: dict) -> str:
    c, m, e = report["corpus"], report["in_memory"], report["end_to_end"]
    floor = m["floor"]["mb_per_s"]
    lines = [f"command: {report['command']}",
             f"corpus: {c['mb']:.2f} MB of text, {c['documents']} files ({c['distinct']} corpus documents x {c['copies']})",
             f"machine: {report['machine']}", f"versions: {report['versions']}", "",
             f"{'in memory, this process':<44} {'MB/s':>7} {'x floor':>8}",
             f"{FLOOR_LABEL:<44} {floor:>7.3f} {1:>8.2f}"]
    for n, figures in m["full"].items():
        extra = "" if n == "1" else f"  speed-up {figures['speed_up']:.2f}x, same results: {figures['same_results']}"
        lines.append(f"{f'(c) full pipeline, n_process={n}':<44} {figures['mb_per_s']:>7.3f} "
                     f"{figures['mb_per_s'] / floor:>8.2f}{extra}")
    stages = report["stages_s_per_mb"]
    lines += ["(c) by stage, s/MB: " + ", ".join(f"{name} {s:.3f}" for name, s in stages.items()),
              f"    sum {sum(stages.values()):.3f} s/MB; the floor {1 / floor:.3f} s/MB", "",
              f"{'end to end, fresh process, files on disk':<44} {'MB/s':>7} {'wall s':>7} {'cpu s':>7} {'peak RSS':>9}"]
    for label, key in (("floor: read_source + blank(\"de\").pipe", "floor_process"),
                       ("python -m pipeline extract (1 core)", "cli")):
        r = e[key]
        lines.append(f"{label:<44} {r['mb_per_s']:>7.3f} {r['seconds']:>7.2f} {r['cpu_s']:>7.2f} {r['peak_rss_mb']:>6.0f} MB")
    fp = e["floor_process"]
    lines += [f"    floor process CPU: imports {fp['imports_cpu_s']:.2f} s, reading {fp['reading_cpu_s']:.2f} s; "
              f"best of {report['repeat']} alternated runs, all wall s: floor {fp['wall_s_all']}, cli {e['cli']['wall_s_all']}",
              f"CLI / floor process: {e['ratio_wall']:.2f}x by wall time, {e['ratio_cpu']:.2f}x by CPU time", "",
              "goals: " + "; ".join(f"{name} {verdict}" for name, verdict in report["goals"].items())]
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder of corpus documents")
    parser.add_argument("--size-mb", type=float, default=5.0, help="repeat the corpus to at least this many MB of text")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (the machine is shared)")
    parser.add_argument("--json", type=Path, default=ROOT / "outputs" / "bench.json", help="where the figures go")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    report: dict = {"command": " ".join(["python benchmarks/bench.py", *(sys.argv[1:] if argv is None else argv)]),
                    "machine": machine(), "versions": versions(), "repeat": args.repeat}
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        folder = Path(work) / "corpus"
        sources, text_bytes = bench_corpus(args.corpus, args.size_mb, folder)
        copies = int(sources[-1].doc_id.rsplit("__copy", 1)[1]) + 1
        report["corpus"] = {"mb": text_bytes / MB, "documents": len(sources), "copies": copies,
                            "distinct": len(sources) // copies}
        log(f"{len(sources)} documents, {text_bytes / MB:.2f} MB; in memory: floor, n_process 1 and 2, in turn")
        report["in_memory"] = in_memory = measure_in_memory(sources, text_bytes, args.repeat)
        log("(c) by stage")
        report["stages_s_per_mb"] = measure_stages(sources, text_bytes)
        del sources
        report["end_to_end"] = measure_end_to_end(folder, Path(work), text_bytes, args.repeat)
    full, two, e2e = in_memory["full"]["1"], in_memory["full"]["2"], report["end_to_end"]
    report["goals"] = {
        "full/floor in memory": met(full["mb_per_s"] / in_memory["floor"]["mb_per_s"], GOALS["full_to_floor"]),
        "n_process=2 speed-up": met(two["speed_up"] if two["same_results"] else 0.0, GOALS["speed_up_2"]),
        "CLI/floor process (wall)": met(e2e["ratio_wall"], GOALS["cli_to_floor_process"]),
    }
    table = format_table(report)
    report["table"] = table.splitlines()
    from pipeline.io.writing import AtomicFile

    with AtomicFile(args.json) as target:
        json.dump(report, target.handle, indent=2, ensure_ascii=False)
        target.handle.write("\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
