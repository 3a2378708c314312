"""Speed benchmark (`make bench`): is the extractor fast enough to run over whole archives?

One run measures, on the corpus documents repeated to at least --size-mb MB of source text:
- throughput in one process, in memory, against the floor of spaCy's German tokeniser alone:
  (a) ``spacy.blank("de").pipe``, (b) cleaning, (c) the full pipeline (clean + extract +
  records), (c) again with ``n_process`` = every core, and (c) on one long document (over a
  million characters), which must cost no more per MB than short ones;
- the real CLI end to end (read + extract + write) on files, 1x and 4x the corpus, each in
  its own process, with that process's peak RSS, so that flat memory is visible;
- start-up latency: a fresh process on one short document, until its first record and
  until the CLI exits.
It prints a small table and writes the same figures to outputs/bench.json. Sizes are the
UTF-8 bytes of the source texts, in decimal megabytes (1 MB = 1,000,000 bytes).
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "corpus"
DEFAULT_JSON = ROOT / "outputs" / "bench.json"
MB = 1_000_000
# Goals from the issue: full pipeline >= half the tokeniser floor's MB/s on one core, peak
# memory flat in batch size, first record within 2 s of process start.
GOAL_FLOOR_RATIO = 0.5
GOAL_STARTUP_S = 2.0
FLAT_MEMORY_RATIO = 1.25  # 4x the documents may cost at most this much more peak RSS
STARTUP_RUNS = 3

# Runs in a fresh interpreter: the library path from import to first record, with the wall
# clock (time.time, shared with the parent) at each step.
FIRST_RECORD_CHILD = """
import json, sys, time
from pathlib import Path
from pipeline.io.reading import read_source
from pipeline.extract import extract_sources, load_nlp
imported = time.time()
nlp = load_nlp()
loaded = time.time()
records = 0
for result in extract_sources([read_source(Path(sys.argv[1]))], nlp=nlp):
    records = len(result.records)
    break
print(json.dumps({"imported": imported, "loaded": loaded, "first_record": time.time(), "records": records}))
"""


# Runs the CLI as `python -m pipeline …` does and, at exit, prints its peak RSS (VmHWM: this
# process's memory only). A child's rusage also holds what it had before exec, a copy of the
# parent's pages: after the in-memory runs the parent is large, and every CLI child would
# report at least the parent's size, which would hide how the CLI's own memory grows.
CLI_WITH_PEAK_CHILD = """
import atexit, runpy, sys
def report_peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print("bench-peak-rss-kb", line.split()[1], file=sys.stderr)
atexit.register(report_peak)
sys.argv = ["pipeline", *sys.argv[1:]]
runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
"""
PEAK_LINE = "bench-peak-rss-kb "


# Runs in a fresh interpreter: one pass over the distinct corpus documents, with nothing
# cached yet (spaCy's tokenizer caches chunks and lexemes; a repeated corpus hits those caches).
COLD_PASS_CHILD = """
import json, sys, time
from pathlib import Path
import spacy
from pipeline.io.reading import read_source
from pipeline.extract import extract_sources, extract_text, load_nlp
sources = [read_source(Path(p)) for p in sys.argv[1:]]
blank, nlp = spacy.blank("de"), load_nlp()
list(blank.pipe(["Das Land fördert die Kommunen."]))
extract_text("Das Land fördert die Kommunen mit 20.000 Euro bis 2024.", nlp=nlp)
started = time.perf_counter()
list(blank.pipe([s.text for s in sources]))
floor = time.perf_counter() - started
started = time.perf_counter()
list(extract_sources(sources, nlp=nlp))
full = time.perf_counter() - started
print(json.dumps({"floor_s": floor, "full_s": full}))
"""


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    text_bytes: int  # UTF-8 bytes of its source text (for HTML: the extracted main text)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


def corpus_files(corpus: Path) -> list[CorpusFile]:
    """Every readable corpus document with the size of its source text."""
    from pipeline.io.reading import InputError, iter_input_files, read_source

    found = []
    for item in iter_input_files([corpus]):
        if isinstance(item, InputError):
            log(f"skipped {item.path}: {item.problem}")
            continue
        try:
            text = read_source(item).text
        except InputError as error:
            log(f"skipped {error.path}: {error.problem}")
            continue
        found.append(CorpusFile(item, len(text.encode("utf-8"))))
    if not found or not sum(f.text_bytes for f in found):
        raise SystemExit(f"bench: no readable documents with text in {corpus}")
    return found


def copies_needed(files: list[CorpusFile], size_mb: float) -> int:
    """How often the corpus is repeated to reach size_mb MB of source text."""
    return max(1, math.ceil(size_mb * MB / sum(f.text_bytes for f in files)))


def copy_name(path: Path, copy: int) -> str:
    """File name of one copy; its stem is the copy's distinct doc_id."""
    return f"{path.stem}__copy{copy:03d}{path.suffix}"


def in_memory_sources(files: list[CorpusFile], copies: int) -> list:
    """The repeated corpus as Sources (read once per file), each copy with its own doc_id."""
    from dataclasses import replace

    from pipeline.io.reading import read_source

    originals = [read_source(f.path) for f in files]
    return [replace(s, doc_id=Path(copy_name(Path(s.path), k)).stem)
            for k in range(copies) for s in originals]


def write_copies(files: list[CorpusFile], copies: int, folder: Path) -> None:
    """The repeated corpus as files (original bytes, HTML stays HTML) for the CLI runs."""
    folder.mkdir(parents=True)
    for k in range(copies):
        for f in files:
            shutil.copyfile(f.path, folder / copy_name(f.path, k))


# ---------------------------------------------------------------------------
# Throughput, in this process
# ---------------------------------------------------------------------------


def rate(documents: int, text_bytes: int, seconds: float) -> dict:
    return {"documents": documents, "mb": text_bytes / MB, "seconds": seconds,
            "docs_per_s": documents / seconds, "mb_per_s": text_bytes / MB / seconds}


def timed(run, repeat: int) -> float:
    """Best wall time of `repeat` calls (the least disturbed by the machine's other work).

    The floor and cleaning are cheap, so they always get the best of three.
    """
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def measure_throughput(sources: list, repeat: int, n_processes: list[int]) -> dict:
    import spacy

    from pipeline.clean import clean
    from pipeline.extract import extract_sources, load_nlp

    texts = [s.text for s in sources]
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    documents = len(texts)
    warm_up = sources[: min(20, documents)]
    results: dict = {}

    log('(a) floor: spacy.blank("de").pipe')
    blank = spacy.blank("de")
    for _ in blank.pipe([s.text for s in warm_up]):
        pass

    def tokenise():
        for _ in blank.pipe(texts):
            pass

    results["floor_tokeniser"] = rate(documents, text_bytes, timed(tokenise, max(3, repeat)))

    log("(b) clean")

    def clean_all():
        for text in texts:
            clean(text)

    results["clean"] = rate(documents, text_bytes, timed(clean_all, max(3, repeat)))

    nlp = load_nlp()  # model loading is start-up, not throughput
    for _ in extract_sources(warm_up, nlp=nlp):
        pass
    full: dict = {}
    for n_process in n_processes:
        log(f"(c) full pipeline, n_process={n_process}")
        counted = {}

        def extract_all():
            records = 0
            for result in extract_sources(sources, nlp=nlp, n_process=n_process):
                records += len(result.records)
            counted["records"] = records

        try:
            seconds = timed(extract_all, repeat)
        except Exception as error:  # a broken n_process path is a finding, not a crash
            full[str(n_process)] = {"error": f"{type(error).__name__}: {first_line(error)}"}
            log(f"n_process={n_process} failed: {first_line(error)}")
            continue
        full[str(n_process)] = rate(documents, text_bytes, seconds) | {"records": counted["records"]}
    results["full_pipeline"] = full
    log("(c) one long document")
    results["long_document"] = measure_long_document(sources, nlp, repeat)
    floor = results["floor_tokeniser"]["mb_per_s"]
    one = full.get("1", {})
    results["full_to_floor_ratio"] = one["mb_per_s"] / floor if "mb_per_s" in one else None
    for n_process, figures in full.items():
        if "mb_per_s" in figures and "mb_per_s" in one:
            figures["speed_up"] = figures["mb_per_s"] / one["mb_per_s"]
    return results


def measure_long_document(sources: list, nlp, repeat: int, size_mb: float = 1.2) -> dict:
    """The full pipeline on one document of over a million characters (the distinct corpus
    texts one after another): a long report must cost no more per MB than short ones."""
    from pipeline.extract import extract_sources
    from pipeline.io.reading import Source

    distinct = list(dict.fromkeys(s.text for s in sources))
    parts: list[str] = []
    while len("\n\n".join(parts).encode("utf-8")) < size_mb * MB:
        parts += distinct
    text = "\n\n".join(parts)
    long_source = Source(doc_id="long", path="", text=text, is_html=False)

    def extract_long():
        for _ in extract_sources([long_source], nlp=nlp):
            pass

    return rate(1, len(text.encode("utf-8")), timed(extract_long, repeat)) | {"characters": len(text)}


def measure_stages(sources: list) -> dict:
    """Seconds per MB of source text spent in each stage of the full pipeline, one doc at
    a time as nlp.pipe does with n_process=1: where the time goes."""
    from pipeline.clean import clean
    from pipeline.extract import load_nlp, to_result

    nlp = load_nlp()
    spent = {"clean": 0.0, "tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "to_result": 0.0}
    clock = time.perf_counter
    gc.collect()
    for source in sources:
        t0 = clock()
        cleaned = clean(source.text)
        t1 = clock()
        doc = nlp.make_doc(cleaned.text)
        t2 = clock()
        spent["clean"] += t1 - t0
        spent["tokenizer"] += t2 - t1
        for name, component in nlp.pipeline:
            t = clock()
            doc = component(doc)
            spent[name] += clock() - t
        t = clock()
        to_result(source, cleaned, doc)
        spent["to_result"] += clock() - t
    mb = sum(len(s.text.encode("utf-8")) for s in sources) / MB
    return {name: seconds / mb for name, seconds in spent.items()}


# spans each normaliser reads, as in tests/normalize (values checked there)
NORMALISER_SPANS = {
    "money_value (uncached)": ["20.000 Euro", "3,3 Mio. Euro", "EUR 200.000", "zwei Millionen Euro", "12 T€"],
    "percent_value (uncached)": ["80 Prozent", "12,5 %", "80-prozentige"],
    "date_value (uncached)": ["31.08.2020", "1. Sept. 2021", "September 2021", "2021"],
}


def measure_normalisers(rounds: int = 2000) -> dict:
    """Microseconds per call of each normaliser (they run on every span found)."""
    from pipeline.normalize import date_value, money_value, percent_value

    functions = {"money_value (uncached)": money_value.__wrapped__,
                 "percent_value (uncached)": percent_value.__wrapped__,
                 "date_value (uncached)": date_value.__wrapped__}
    figures = {}
    for name, spans in NORMALISER_SPANS.items():
        function = functions[name]
        calls = rounds if "uncached" not in name else rounds // 10
        started = time.perf_counter()
        for _ in range(calls):
            for span in spans:
                function(span)
        figures[name] = (time.perf_counter() - started) / (calls * len(spans)) * 1e6
    return figures


def measure_cold_pass(files: list[CorpusFile], runs: int = 3) -> dict:
    """The floor and the full pipeline on the distinct documents, once each, in a fresh
    process (median of runs): the speed on text not seen before."""
    floors, fulls = [], []
    for _ in range(runs):
        _, status, _, stdout, stderr = run_child([sys.executable, "-c", COLD_PASS_CHILD,
                                                  *[str(f.path) for f in files]])
        if status != 0:
            raise SystemExit(f"bench: cold-pass child failed:\n{stderr}")
        figures = json.loads(stdout.strip().splitlines()[-1])
        floors.append(figures["floor_s"])
        fulls.append(figures["full_s"])
    mb = sum(f.text_bytes for f in files) / MB
    floor, full = mb / statistics.median(floors), mb / statistics.median(fulls)
    return {"documents": len(files), "mb": mb, "runs": runs, "floor_mb_per_s": floor,
            "full_mb_per_s": full, "full_to_floor_ratio": full / floor}


def first_line(error: BaseException) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


# ---------------------------------------------------------------------------
# The CLI in child processes: memory and start-up
# ---------------------------------------------------------------------------


def run_child(argv: list[str]) -> tuple[float, int, int, str, str]:
    """Run argv; (wall seconds, exit status, peak RSS in bytes, stdout, stderr) of that process.

    os.wait4 gives the rusage of this one child (and the children it waited for), so
    each run's peak is its own, unlike RUSAGE_CHILDREN, which keeps the maximum so far.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_rss = usage.ru_maxrss * 1024  # Linux reports kilobytes
        return wall, process.returncode, peak_rss, out.read().decode(), err.read().decode()


def cli_args(inputs: Path, out_dir: Path, n_process: int = 1) -> list[str]:
    """The CLI's arguments after `python -m pipeline`."""
    return ["extract", str(inputs), "--out", str(out_dir), "--n-process", str(n_process), "--no-progress"]


def cli_argv(inputs: Path, out_dir: Path, n_process: int = 1) -> list[str]:
    return [sys.executable, "-m", "pipeline", *cli_args(inputs, out_dir, n_process)]


def measure_cli_memory(files: list[CorpusFile], copies: int, multiples: list[int], work: Path) -> dict:
    """The CLI on multiple x the corpus, each in a fresh process: time and peak RSS."""
    text_bytes = sum(f.text_bytes for f in files) * copies
    runs = {}
    for multiple in multiples:
        folder = work / f"corpus_{multiple}x"
        write_copies(files, copies * multiple, folder)
        log(f"CLI on {multiple}x the corpus ({text_bytes * multiple / MB:.1f} MB)")
        arguments = cli_args(folder, work / f"out_{multiple}x")
        wall, status, peak_rss, _, stderr = run_child([sys.executable, "-c", CLI_WITH_PEAK_CHILD, *arguments])
        lines = stderr.strip().splitlines()
        own_peaks = [int(line[len(PEAK_LINE):]) * 1024 for line in lines if line.startswith(PEAK_LINE)]
        said = [line for line in lines if not line.startswith(PEAK_LINE)]
        figures = rate(len(files) * copies * multiple, text_bytes * multiple, wall)
        figures |= {"peak_rss_mb": (own_peaks[-1] if own_peaks else peak_rss) / MB, "exit_status": status,
                    "summary": said[-1] if said else ""}
        runs[f"{multiple}x"] = figures
        shutil.rmtree(folder)
        shutil.rmtree(work / f"out_{multiple}x", ignore_errors=True)
    peaks = [runs[f"{m}x"]["peak_rss_mb"] for m in multiples]
    growth = peaks[-1] / peaks[0] if len(peaks) > 1 else None
    return {"runs": runs, "peak_rss_growth": growth,
            "flat": growth is not None and growth <= FLAT_MEMORY_RATIO}


def measure_startup(files: list[CorpusFile], work: Path) -> dict:
    """A fresh process on the shortest plain-text document: first record and CLI exit."""
    plain = [f for f in files if f.path.suffix == ".txt"] or files
    short = min(plain, key=lambda f: f.text_bytes)
    folder = work / "startup"
    folder.mkdir()
    document = folder / short.path.name
    shutil.copyfile(short.path, document)
    log(f"start-up on {short.path.name} ({short.text_bytes} bytes), {STARTUP_RUNS} runs each")

    first_record, imported, loaded = [], [], []
    for _ in range(STARTUP_RUNS):
        started = time.time()
        _, status, _, stdout, stderr = run_child([sys.executable, "-c", FIRST_RECORD_CHILD, str(document)])
        if status != 0:
            raise SystemExit(f"bench: start-up child failed:\n{stderr}")
        stamps = json.loads(stdout.strip().splitlines()[-1])
        imported.append(stamps["imported"] - started)
        loaded.append(stamps["loaded"] - started)
        first_record.append(stamps["first_record"] - started)
    cli_exit = []
    for k in range(STARTUP_RUNS):
        wall, status, _, _, stderr = run_child(cli_argv(folder, work / f"startup_out_{k}"))
        if status != 0:
            raise SystemExit(f"bench: start-up CLI run failed:\n{stderr}")
        cli_exit.append(wall)
    return {
        "document": short.path.name, "text_bytes": short.text_bytes, "runs": STARTUP_RUNS,
        "first_record_s": statistics.median(first_record),
        "imports_done_s": statistics.median(imported),
        "model_loaded_s": statistics.median(loaded),
        "cli_exit_s": statistics.median(cli_exit),
        "goal_s": GOAL_STARTUP_S,
    }


# ---------------------------------------------------------------------------
# Machine, versions, report
# ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def total_memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024 / 1e9
    except OSError:
        pass
    return None


def git_commit() -> str | None:
    """The checked-out commit (read only), with '+dirty' when the tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": total_memory_gb(),
    }


def versions() -> dict:
    import spacy

    model_meta = ROOT / "models" / "de_funding" / "meta.json"
    model_version = json.loads(model_meta.read_text()).get("version") if model_meta.exists() else None
    return {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "pipeline": importlib.metadata.version("pipeline"),
        "model_de_funding": model_version,
        "git_commit": git_commit(),
    }


def format_table(report: dict) -> str:
    """The figures as a compact plain-text table (for the terminal and the README)."""
    corpus, m, v = report["corpus"], report["machine"], report["versions"]
    tp = report.get("throughput")
    lines = [
        f"command: {report['command']}",
        f"corpus: {corpus['mb']:.2f} MB of text, {corpus['documents']} documents "
        f"({corpus['distinct_documents']} corpus documents x {corpus['copies']})",
        f"machine: {m['cpu_model']}, {m['cpu_count']} cores, {m['platform']}",
        f"versions: Python {v['python']}, spaCy {v['spacy']}, pipeline {v['pipeline']}"
        + (f" ({v['git_commit']})" if v.get("git_commit") else ""),
        "",
    ]
    if tp:
        floor = tp["floor_tokeniser"]["mb_per_s"]
        lines.append(f"{'throughput, in memory':<40} {'docs/s':>9} {'MB/s':>8} {'x floor':>8}")

        def row(label, figures, extra=""):
            if "error" in figures:
                return f"{label:<40} failed: {figures['error']}"
            return (f"{label:<40} {figures['docs_per_s']:>9.1f} {figures['mb_per_s']:>8.3f} "
                    f"{figures['mb_per_s'] / floor:>8.2f}{extra}")

        lines.append(row('(a) floor: spacy.blank("de").pipe', tp["floor_tokeniser"]))
        lines.append(row("(b) clean", tp["clean"]))
        for n_process, figures in tp["full_pipeline"].items():
            extra = f"  speed-up {figures['speed_up']:.2f}x" if n_process != "1" and "speed_up" in figures else ""
            lines.append(row(f"(c) full pipeline, n_process={n_process}", figures, extra))
        long_document = tp.get("long_document")
        if long_document:
            lines.append(row(f"(c) one document of {long_document['mb']:.1f} MB", long_document))
        lines.append("")
    cold = report.get("cold_pass")
    if cold:
        lines.append(f"first pass over the {cold['documents']} distinct documents ({cold['mb']:.2f} MB, fresh "
                     f"process, median of {cold['runs']}): floor {cold['floor_mb_per_s']:.3f} MB/s, "
                     f"full {cold['full_mb_per_s']:.3f} MB/s, x floor {cold['full_to_floor_ratio']:.2f}")
    stages = report.get("stages_s_per_mb")
    if stages:
        lines.append("(c) by stage, s/MB: " + ", ".join(f"{name} {seconds:.3f}" for name, seconds in stages.items()))
        lines.append(f"    sum {sum(stages.values()):.3f} s/MB; the floor: {1 / floor:.3f} s/MB")
    normalisers = report.get("normaliser_us_per_call")
    if normalisers:
        lines.append("normalisers, µs per call: " + ", ".join(f"{n} {us:.0f}" for n, us in normalisers.items()))
    if stages or normalisers:
        lines.append("")
    mem = report.get("memory")
    if mem:
        lines.append(f"{'CLI end to end (read+extract+write)':<40} {'docs/s':>9} {'MB/s':>8} {'peak RSS':>11}")
        for name, run in mem["runs"].items():
            label = f"{name} corpus, {run['mb']:.1f} MB, {run['documents']} docs"
            status = "" if run["exit_status"] == 0 else f"  exit {run['exit_status']}"
            lines.append(f"{label:<40} {run['docs_per_s']:>9.1f} {run['mb_per_s']:>8.3f} "
                         f"{run['peak_rss_mb']:>8.0f} MB{status}")
        if mem["peak_rss_growth"] is not None:
            lines.append(f"{'peak RSS 4x / 1x':<40} {mem['peak_rss_growth']:>9.2f}"
                         f"  ({'flat' if mem['flat'] else 'grows'})")
        lines.append("")
    st = report.get("startup")
    if st:
        lines.append(f"start-up, one short document ({st['text_bytes']} bytes), median of {st['runs']}:")
        lines.append(f"  first record {st['first_record_s']:.2f} s (imports {st['imports_done_s']:.2f} s, "
                     f"model loaded {st['model_loaded_s']:.2f} s); CLI exit {st['cli_exit_s']:.2f} s")
        lines.append("")
    goals = report["goals"]
    lines.append("goals: " + "; ".join(f"{name} {'met' if ok else 'NOT met'}" if ok is not None
                                       else f"{name} not measured" for name, ok in goals.items()))
    return "\n".join(lines)


def goals(report: dict) -> dict:
    tp, mem, st = report.get("throughput"), report.get("memory"), report.get("startup")
    ratio = tp["full_to_floor_ratio"] if tp else None
    return {
        f"full >= {GOAL_FLOOR_RATIO}x floor": None if ratio is None else ratio >= GOAL_FLOOR_RATIO,
        "flat memory": None if not mem or mem["peak_rss_growth"] is None else mem["flat"],
        f"first record < {GOAL_STARTUP_S:g} s": None if not st else st["first_record_s"] < GOAL_STARTUP_S,
    }


def write_json_atomic(path: Path, data: dict) -> None:
    """Write JSON to a temporary file beside path, then rename it over path."""
    from pipeline.io.writing import AtomicFile

    with AtomicFile(path) as target:
        json.dump(data, target.handle, indent=2, ensure_ascii=False)
        target.handle.write("\n")


def shown_path(path: Path) -> str:
    """path relative to the repository when it lies inside it (figures travel between machines)."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of corpus documents")
    parser.add_argument("--size-mb", type=float, default=5.0, help="repeat the corpus to at least this many MB of text")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the figures go")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs of (c) (the machine is shared)")
    parser.add_argument("--n-process", type=int, nargs="+", default=None,
                        help="n_process values for (c) (default: 1 and every usable core)")
    parser.add_argument("--skip", choices=["throughput", "memory", "startup"], nargs="+", default=[],
                        help="leave out parts of the run (for a quick look; `make bench` runs all)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    files = corpus_files(args.corpus)
    copies = copies_needed(files, args.size_mb)
    text_bytes = sum(f.text_bytes for f in files) * copies
    report: dict = {
        "command": " ".join(["python", "benchmarks/bench.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": machine(),
        "versions": versions(),
        "corpus": {"folder": shown_path(args.corpus), "distinct_documents": len(files), "copies": copies,
                   "documents": len(files) * copies, "mb": text_bytes / MB,
                   "size_unit": "UTF-8 bytes of source text, 1 MB = 1,000,000 bytes"},
    }
    cores = report["machine"]["usable_cores"] or 1
    n_processes = args.n_process or sorted({1, cores})
    log(f"{len(files)} documents x {copies} = {text_bytes / MB:.2f} MB of text")

    if "throughput" not in args.skip:
        sources = in_memory_sources(files, copies)
        report["throughput"] = measure_throughput(sources, args.repeat, n_processes)
        log("(c) by stage")
        report["stages_s_per_mb"] = measure_stages(sources)
        del sources
        log("normalisers")
        report["normaliser_us_per_call"] = measure_normalisers()
    if "throughput" not in args.skip:
        log("cold pass over the distinct documents")
        report["cold_pass"] = measure_cold_pass(files)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        if "memory" not in args.skip:
            report["memory"] = measure_cli_memory(files, copies, [1, 4], Path(work))
        if "startup" not in args.skip:
            report["startup"] = measure_startup(files, Path(work))
    report["goals"] = goals(report)
    report["bench_seconds"] = time.perf_counter() - started
    table = format_table(report)
    report["table"] = table.splitlines()
    write_json_atomic(args.json, report)
    print(table)
    log(f"figures written to {args.json} ({report['bench_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
