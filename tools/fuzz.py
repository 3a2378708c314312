"""A hostile tester's run (issue 15): mutate the corpus into N documents, extract them with
the CLI in batches, and print what broke.

Each document is a corpus file with one to three mutations: byte flips, truncation, huge
or absurd figures, an odd charset in an HTML <meta>, deep nesting, one very long line,
control characters, a file name with a line end or an escape sequence. Each batch goes
through `python -m pipeline extract BATCH --out OUT` as a user runs it. Printed:

- aborts: the CLI exited with status 4 (nothing written) or printed a traceback;
- crashes: documents the CLI named as an "internal error" (errors.log has the traceback);
- slow documents: batches whose time per document is over --slow-factor times the median
  are timed document by document in this process, and documents over --slow seconds named;
- absurd values: values in records.csv or mentions.csv that are not well-formed
  (pipeline/wellformed.py), evidence over a spreadsheet cell's limit.

Each finding's file is copied to --keep with its mutations in the name, as a reproducer.

    .venv/bin/python tools/fuzz.py 1000            # make fuzz N=1000
    .venv/bin/python tools/fuzz.py 200 --seed 7 --batch 100
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
csv.field_size_limit(sys.maxsize)  # an absurd cell must be read to be reported

from pipeline.wellformed import mention_problem, record_problems  # noqa: E402

CELL_LIMIT = 32_767  # characters an Excel cell holds
EXIT_NOTHING = 4
HUGE_FIGURES = ["1" + "0" * 28 + " Euro", "9" * 60 + " Euro", "10000000000000000000000000000 Prozent",
                "1,5,5 Mio. Euro", "150 Prozent", "Laufzeit 9999999999 Jahre", "0 Euro", "-5.000 Euro",
                "1e30 Euro", "0,000001 Prozent", "99999999999999 Mrd. Euro", "zweitausendmilliarden Euro"]
ODD_CHARSETS = ["hex", "base64", "rot13", "zip", "bz2", "uu", "quopri", "utf-16", "utf-32", "utf-7",
                "cp037", "idna", "punycode", "unicode-escape", "undefined", "x-unknown", "", "mbcs"]
NUMBER_RE = re.compile(rb"\d[\d.,]*")
CRASH_LINE_RE = re.compile(r"pipeline: .*: internal error: \w+$")  # the CLI's line for a crashed document


# --- mutations: (document bytes, suffix, random) -> (bytes, suffix) -----------------------

def flip_bytes(data: bytes, suffix: str, rng: random.Random):
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out), suffix


def truncate(data: bytes, suffix: str, rng: random.Random):
    return data[:rng.randrange(1, max(2, len(data)))], suffix


def huge_number(data: bytes, suffix: str, rng: random.Random):
    numbers = list(NUMBER_RE.finditer(data))
    figure = rng.choice(HUGE_FIGURES).encode()
    if numbers and rng.random() < 0.5:
        found = rng.choice(numbers)
        return data[:found.start()] + rng.choice([b"9" * rng.randint(14, 80), figure]) + data[found.end():], suffix
    at = rng.randrange(len(data) + 1)
    return data[:at] + b" Die Kommune erhaelt " + figure + b". " + data[at:], suffix


def odd_charset(data: bytes, suffix: str, rng: random.Random):
    meta = f'<meta charset="{rng.choice(ODD_CHARSETS)}">'.encode()
    if suffix == ".txt":  # a text file becomes a page that declares an odd charset
        return b"<html><head>" + meta + b"</head><body><article><p>" + data + b"</p></article></body></html>", ".html"
    return re.sub(rb"<head[^>]*>", lambda m: m.group(0) + meta, data, count=1) if b"<head" in data else meta + data, suffix


def deep_nesting(data: bytes, suffix: str, rng: random.Random):
    depth = rng.choice([100, 254, 255, 256, 300, 999, 1000, 2000, 5000])
    tag = rng.choice([b"div", b"span", b"b", b"table"])
    body = data if suffix != ".txt" else b"<p>" + data + b"</p>"
    return b"<html><body>" + b"<%s>" % tag * depth + body + b"</%s>" % tag * depth + b"</body></html>", ".html"


def long_line(data: bytes, suffix: str, rng: random.Random):
    if rng.random() < 0.5:
        return data.replace(b"\n", b" "), suffix  # the whole article on one line
    figure = rng.choice([b"1 Euro ", b"80 Prozent ", b"2021 bis 2024 ", b"12 Monate ", b"x" * 50 + b" "])
    at = rng.randrange(len(data) + 1)
    return data[:at] + figure * rng.randint(500, 4000) + data[at:], suffix


def control_chars(data: bytes, suffix: str, rng: random.Random):
    """A few stray control bytes (a NUL, which makes a file binary, in one document of ten)."""
    out = bytearray(data)
    controls = [1, 7, 8, 11, 12, 26, 27, 127, 0xad, 0x85] + [0] * (rng.random() < 0.1)
    for _ in range(rng.randint(1, 10)):
        out.insert(rng.randrange(len(out) + 1), rng.choice(controls))
    return bytes(out), suffix


MUTATIONS = {f.__name__: f for f in (flip_bytes, truncate, huge_number, odd_charset, deep_nesting, long_line,
                                     control_chars)}
ODD_NAMES = ["zeile\numbruch", "escape\x1b[31m", "tab\there", "leer zeichen", "ümlaut", "semi;kolon", "=cmd"]


@dataclass
class Document:
    path: Path
    mutations: list[str]


def make_documents(n: int, corpus: Path, folder: Path, batch_size: int, rng: random.Random) -> list[list[Document]]:
    """N mutated corpus documents, in batch folders of batch_size."""
    originals = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    texts = [(p.read_bytes(), p.suffix) for p in originals]
    batches: list[list[Document]] = []
    for i in range(n):
        if i % batch_size == 0:
            batches.append([])
            (folder / f"batch_{len(batches):04d}").mkdir()
        data, suffix = rng.choice(texts)
        names = rng.sample(sorted(MUTATIONS), rng.randint(1, 3))
        for name in names:
            data, suffix = MUTATIONS[name](data, suffix, rng)
        stem = f"{i:06d}_{'+'.join(names)}"
        if rng.random() < 0.02:
            stem += "_" + rng.choice(ODD_NAMES)
            names.append("odd_name")
        path = folder / f"batch_{len(batches):04d}" / f"{stem}{suffix}"
        path.write_bytes(data or b" ")
        batches[-1].append(Document(path, names))
    return batches


# --- running and judging --------------------------------------------------------------

@dataclass
class Findings:
    aborts: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    absurd: list[str] = field(default_factory=list)
    refused: dict[str, int] = field(default_factory=dict)
    batch_seconds: list[float] = field(default_factory=list)
    records: int = 0
    read: int = 0


def run_batch(folder: Path, out: Path) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(folder), "--out", str(out),
                           "--no-progress"], cwd=PROJECT, capture_output=True, text=True, errors="replace")
    return done.returncode, done.stderr, time.perf_counter() - started


def judge_outputs(out: Path, findings: Findings) -> None:
    """Refusals from run.json, absurd values from the CSVs."""
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    findings.read += info["documents_read"]
    for failure in info["failures"]:
        problem = re.sub(r"'[^']*'|\d+(\.\d+)? (?:[kM]?B|bytes)", "…", failure["problem"])
        findings.refused[problem] = findings.refused.get(problem, 0) + 1
    with open(out / "records.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            findings.records += 1
            findings.absurd += record_problems(row)
            if len(row["evidence"]) > CELL_LIMIT:
                findings.absurd.append(f"{row['record_id']}: evidence of {len(row['evidence'])} characters")
    with open(out / "mentions.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if problem := mention_problem(row["label"], row["value"]):
                findings.absurd.append(f"{row['doc_id']} {row['label']} {row['start']}-{row['end']}: {problem}")


def time_documents(batch: list[Document], slow_seconds: float) -> list[str]:
    """Documents of a slow batch that take over slow_seconds each, timed in this process."""
    from pipeline.extract import extract_text, load_nlp
    from pipeline.io.reading import InputError, read_source

    nlp, slow = load_nlp(), []
    for document in batch:
        started = time.perf_counter()
        try:
            extract_text(read_source(document.path).text, nlp=nlp)
        except InputError:
            pass
        except Exception:  # a crash: the CLI's run reports it
            pass
        seconds = time.perf_counter() - started
        if seconds > slow_seconds:
            slow.append(f"{document.path.name!r}: {seconds:.1f} s ({document.path.stat().st_size:,} bytes)")
    return slow


def keep(document_path: Path, keep_dir: Path) -> str:
    keep_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(document_path, keep_dir / document_path.name)
    return str(keep_dir / document_path.name)


def judge_batch(number: int, batch: list[Document], status: int, stderr: str, out: Path, args,
                findings: Findings) -> None:
    folder = batch[0].path.parent
    by_name = {d.path.name: d for d in batch}
    if status == EXIT_NOTHING or "Traceback" in stderr:
        findings.aborts.append(f"batch {number}: exit {status}: {stderr.strip().splitlines()[-1:]}")
        shutil.copytree(folder, args.keep / f"abort_batch_{number}", dirs_exist_ok=True)
    for line in stderr.splitlines():
        if CRASH_LINE_RE.match(line):  # not the run's closing count "(1 internal error, see …)"
            name = next((n for n in by_name if n in line or repr(n)[1:-1] in line), None)
            findings.crashes.append(line.strip() + (f"  -> {keep(by_name[name].path, args.keep)}" if name else ""))
    if (out / "run.json").exists():
        judge_outputs(out, findings)


def fuzz(args) -> Findings:
    rng = random.Random(args.seed)
    findings = Findings()
    with tempfile.TemporaryDirectory(prefix="fuzz_") as work:
        work = Path(work)
        batches = make_documents(args.n, args.corpus, work, args.batch, rng)
        outs = [work / f"out_{number:04d}" for number in range(1, len(batches) + 1)]
        with ThreadPoolExecutor(args.jobs) as pool:  # each job is a CLI process
            runs = pool.map(run_batch, [batch[0].path.parent for batch in batches], outs)
            for number, (batch, out, (status, stderr, seconds)) in enumerate(zip(batches, outs, runs), 1):
                findings.batch_seconds.append(seconds)
                judge_batch(number, batch, status, stderr, out, args, findings)
                print(f"batch {number}/{len(batches)}: {len(batch)} docs, {seconds:.1f} s, exit {status}",
                      file=sys.stderr, flush=True)
                shutil.rmtree(out, ignore_errors=True)
        per_doc = [seconds / len(batch) for seconds, batch in zip(findings.batch_seconds, batches)]
        median = statistics.median(per_doc)
        for number, (batch, seconds) in enumerate(zip(batches, findings.batch_seconds), 1):
            if len(batches) > 1 and seconds / len(batch) > args.slow_factor * median:
                findings.slow += [f"batch {number} ({seconds:.0f} s): {s}" for s in time_documents(batch, args.slow)]
    return findings


def summary(args, findings: Findings, seconds: float) -> str:
    batch_times = findings.batch_seconds
    lines = [
        f"fuzz: {args.n} mutated documents (seed {args.seed}) in {len(batch_times)} batches of {args.batch}, "
        f"{seconds:.0f} s in all ({args.jobs} at a time)",
        f"  read {findings.read}, refused {sum(findings.refused.values())}, {findings.records} records written",
        f"  batch time: median {statistics.median(batch_times):.1f} s, max {max(batch_times):.1f} s "
        f"(slowest: {', '.join(f'batch {i + 1} {t:.0f} s' for i, t in sorted(enumerate(batch_times), key=lambda x: -x[1])[:3])})",
        f"  aborts: {len(findings.aborts)}", *[f"    {a}" for a in findings.aborts],
        f"  crashes (internal errors): {len(findings.crashes)}", *[f"    {c}" for c in findings.crashes[:30]],
        f"  slow documents (> {args.slow:g} s): {len(findings.slow)}", *[f"    {s}" for s in findings.slow[:30]],
        f"  absurd values: {len(findings.absurd)}", *[f"    {a}" for a in findings.absurd[:30]],
        "  refusals by problem:", *[f"    {count:6d}  {problem}" for problem, count in
                                    sorted(findings.refused.items(), key=lambda item: -item[1])],
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="documents to make and extract")
    parser.add_argument("--corpus", type=Path, default=PROJECT / "corpus")
    parser.add_argument("--batch", type=int, default=500, help="documents per CLI run (default: 500)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2, help="CLI runs at a time (default: 2)")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds a document may take (default: 2)")
    parser.add_argument("--slow-factor", type=float, default=3.0,
                        help="a batch over this times the median time per document is timed document by document")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "fuzz_findings",
                        help="folder for the files of aborts and crashes (default: /tmp/fuzz_findings)")
    args = parser.parse_args(argv)
    args.keep.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    findings = fuzz(args)
    print(summary(args, findings, time.perf_counter() - started))
    return 1 if findings.aborts or findings.crashes or findings.absurd else 0


if __name__ == "__main__":
    sys.exit(main())
