"""Incremental runs and the Dask engine, measured (issue 17): `python benchmarks/scale.py`.

On the bench corpus (benchmarks/bench.py: the corpus repeated to --size-mb MB), each run a
fresh `python -m pipeline extract` process, as users run it:
- full: every file extracted, no cache (--no-cache); then the same filling an empty cache;
- incremental: --new-share of new files added (copies under new names), the second run
  through the warm cache, and a full run on the grown corpus: times, and whether every
  output is byte-identical (run.json without its time and folder);
- dask: --engine dask on a local cluster of 1 and of 2 workers against --engine local
  (no cache): times, byte-identical or not, and the overhead per document against local.
Prints a table, writes the figures to outputs/scale.json. The machine's load is printed
before and after: on a shared machine the figures are only as good as the load allows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CLI_CHILD, MB, ROOT, bench_corpus, log, machine, run_child, versions  # noqa: E402

from pipeline.io.output_set import comparable_outputs  # noqa: E402



def extract(folder: Path, out: Path, *options: str) -> dict:
    """One CLI run; its wall and CPU seconds (wait4's: the process and the processes it
    started and waited for, a local cluster's workers included)."""
    run = run_child(CLI_CHILD, ["extract", str(folder), "--out", str(out), "--no-progress", *options])
    if run["exit_status"] != 0:
        raise SystemExit(f"scale: extract {' '.join(options)} failed: {run['stderr']}")
    return {"wall_s": round(run["wall_s"], 2), "cpu_s": round(run["cpu_s"], 2), "said": run["stderr"][-1:]}


def grow(folder: Path, share: float) -> int:
    """Add share x the folder's files as new files (copies under names not seen before)."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    count = max(1, math.ceil(share * len(files)))
    for k, path in enumerate(files[:count]):
        shutil.copyfile(path, folder / f"neu{k:04d}_{path.name}")
    return count


def measure(args, work: Path) -> dict:
    folder = work / "corpus"
    sources, text_bytes = bench_corpus(args.corpus, args.size_mb, folder)
    documents = len(sources)
    del sources
    report: dict = {"corpus": {"mb": round(text_bytes / MB, 2), "documents": documents}}
    log(f"{documents} documents, {text_bytes / MB:.2f} MB: full runs")
    full = report["full"] = {"no_cache": extract(folder, work / "full", "--no-cache"),
                             "filling_cache": extract(folder, work / "inc", "--cache", str(work / "cache"))}
    full["same_outputs"] = comparable_outputs(work / "full") == comparable_outputs(work / "inc")
    added = grow(folder, args.new_share)
    log(f"{added} new files: the incremental run, then a full run on the grown corpus")
    inc = report["incremental"] = {"new_files": added,
                                   "through_cache": extract(folder, work / "inc", "--cache", str(work / "cache")),
                                   "full": extract(folder, work / "full2", "--no-cache")}
    inc["byte_identical"] = comparable_outputs(work / "inc") == comparable_outputs(work / "full2")
    inc["files_differing"] = sorted(name for name, data in comparable_outputs(work / "full2").items()
                                    if comparable_outputs(work / "inc").get(name) != data)
    log("dask: 1 worker, 2 workers, against local")
    local = extract(folder, work / "local", "--no-cache")
    dask = {}
    for workers in args.workers:
        out = work / f"dask{workers}"
        dask[workers] = extract(folder, out, "--no-cache", "--engine", "dask", "--n-process", str(workers))
        dask[workers]["byte_identical"] = comparable_outputs(out) == comparable_outputs(work / "local")
        dask[workers]["overhead_ms_per_doc"] = round(1000 * (dask[workers]["wall_s"] - local["wall_s"]) / (documents + added), 2)
    report["dask"] = {"local": local, "workers": dask, "documents": documents + added}
    return report


def format_table(report: dict) -> str:
    c, full, inc, dask = report["corpus"], report["full"], report["incremental"], report["dask"]
    n = dask["documents"]
    lines = [f"corpus: {c['mb']} MB of text, {c['documents']} files; machine: {report['machine']}",
             f"versions: {report['versions']}; load average after: {report['load_after']}", "",
             f"{'run (fresh process each)':<52} {'wall s':>7} {'cpu s':>7}  result",
             f"{'full, --no-cache':<52} {full['no_cache']['wall_s']:>7} {full['no_cache']['cpu_s']:>7}",
             f"{'full, filling an empty cache':<52} {full['filling_cache']['wall_s']:>7} "
             f"{full['filling_cache']['cpu_s']:>7}  outputs same as --no-cache: {full['same_outputs']}",
             f"{'+' + str(inc['new_files']) + ' new files: through the warm cache':<52} {inc['through_cache']['wall_s']:>7} "
             f"{inc['through_cache']['cpu_s']:>7}  byte-identical to a full run: {inc['byte_identical']}",
             f"{'+' + str(inc['new_files']) + ' new files: full run, --no-cache':<52} {inc['full']['wall_s']:>7} "
             f"{inc['full']['cpu_s']:>7}",
             f"{'--engine local (' + str(n) + ' files, no cache)':<52} {dask['local']['wall_s']:>7} {dask['local']['cpu_s']:>7}"]
    for workers, run in dask["workers"].items():
        lines.append(f"{f'--engine dask, local cluster of {workers} worker(s)':<52} {run['wall_s']:>7} {run['cpu_s']:>7}"
                     f"  byte-identical: {run['byte_identical']}; {run['overhead_ms_per_doc']:+.2f} ms/doc vs local")
    lines.append(f"    (cpu s includes the processes a run starts: nlp.pipe workers, a local cluster; "
                 f"rate local: {n / dask['local']['wall_s']:.1f} docs/s)")
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder of corpus documents")
    parser.add_argument("--size-mb", type=float, default=5.0, help="repeat the corpus to at least this many MB of text")
    parser.add_argument("--new-share", type=float, default=0.01, help="share of new files for the incremental run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Dask local cluster sizes")
    parser.add_argument("--json", type=Path, default=ROOT / "outputs" / "scale.json", help="where the figures go")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    report: dict = {"machine": machine(), "versions": versions()}
    with tempfile.TemporaryDirectory(prefix="scale-") as work:
        report |= measure(args, Path(work))
    report["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    table = format_table(report)
    report["table"] = table.splitlines()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
