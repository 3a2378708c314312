"""The `extract` command's work: many input files in, one set of output files out.

Documents stream: files are read one at a time as the extractor asks for them, and the
rows of each result are written as it arrives, so memory stays flat with batch size.
A file that cannot be read costs one line on stderr, never the batch.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from .reading import DEFAULT_MAX_BYTES, InputError, Source, iter_input_files, read_source
from ..schema import Mention, Programme, Record
from .writing import AtomicOutputs, run_info, write_json
from .xlsx import SUMMARY_COLUMNS, SUMMARY_NUMERIC_COLUMNS, AmountSummary, XlsxWorkbook, write_xlsx

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2

# An extractor takes the stream of Sources and yields one DocResult per Source, in order;
# a DocResult has doc_id, records, programmes and mentions (pipeline.extract).
Extractor = Callable[[Iterable[Source]], Iterator]


def _default_extractor(n_process: int, max_bytes: int) -> Extractor:
    """The lead's spaCy extractor, imported only when a run needs it (spaCy loads slowly)."""

    def extract(sources: Iterable[Source]) -> Iterator:
        from ..extract import extract_sources, load_nlp

        nlp = load_nlp()
        nlp.max_length = max(nlp.max_length, max_bytes)  # every text read fits (see load_nlp)
        return extract_sources(sources, nlp=nlp, n_process=n_process)

    return extract


@contextmanager
def _terminate_unwinds():
    """Let `kill` (SIGTERM) unwind like Ctrl-C, so temporary outputs are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_exit(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, raise_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class RunWriter:
    """The output files of one run, fed one DocResult at a time as results arrive.

    CSV rows and workbook rows go straight to their temporary files; the summary sheet,
    the workbook's zip and run.json are written at the end, by finish().
    """

    def __init__(self, outputs: AtomicOutputs):
        self.outputs = outputs
        self.records_csv = outputs.csv_table("records.csv", Record)
        self.programmes_csv = outputs.csv_table("programmes.csv", Programme)
        self.mentions_csv = outputs.csv_table("mentions.csv", Mention)
        self.workbook = XlsxWorkbook()
        self.records_sheet = self.workbook.schema_sheet("records", Record)
        self.programmes_sheet = self.workbook.schema_sheet("programmes", Programme)
        self.summary_sheet = self.workbook.sheet("summary", SUMMARY_COLUMNS, SUMMARY_NUMERIC_COLUMNS)
        self.summary = AmountSummary()

    def add(self, result) -> None:
        for record in result.records:
            self.records_csv.write(record)
            self.records_sheet.add(record)
            self.summary.add(record)
        for programme in result.programmes:
            self.programmes_csv.write(programme)
            self.programmes_sheet.add(programme)
        for mention in result.mentions:
            self.mentions_csv.write(mention)

    def finish(self, *, inputs, documents_read: int, failures) -> None:
        self.summary.write_to(self.summary_sheet)
        write_xlsx(self.outputs.file("records.xlsx", binary=True).handle, self.workbook)
        info = run_info(
            inputs=inputs, out_dir=self.outputs.out_dir, documents_read=documents_read,
            failures=failures, records=self.records_csv.rows_written,
            programmes=self.programmes_csv.rows_written, mentions=self.mentions_csv.rows_written,
        )
        write_json(self.outputs.file("run.json").handle, info)

    def close(self) -> None:
        self.workbook.close()


def _open_outputs(out_dir: Path) -> tuple[AtomicOutputs, RunWriter]:
    outputs = AtomicOutputs(out_dir)
    try:
        return outputs, RunWriter(outputs)
    except BaseException:
        outputs.discard()
        raise


def run_extract(paths, out_dir, *, n_process: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: bool = True, extractor: Extractor | None = None) -> int:
    """Extract records from files and folders into out_dir.

    paths (Iterable[str | Path]): files and folders (searched recursively).
    out_dir (str | Path): gets records.csv, programmes.csv, mentions.csv, records.xlsx, run.json.
    n_process (int): processes for the default extractor.
    max_bytes (int): larger files are refused unread.
    progress (bool): show a progress bar on stderr (only on a terminal, from 2 files on).
    extractor (Extractor | None): replaces the spaCy extractor (tests).
    RETURNS (int): exit status, 0 when every document was read, 1 otherwise.

    Outputs are replaced together and only when the run completes; a run that reads no
    document at all leaves the previous outputs as they were.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    out_dir = Path(out_dir)
    if not paths:
        print("pipeline: no input files or folders given", file=sys.stderr)
        return EXIT_USAGE
    planned = list(iter_input_files(paths))  # paths only; texts are read later, one by one
    files = [item for item in planned if isinstance(item, Path)]
    failures: list[tuple[str, str]] = []
    read_from: dict[str, str] = {}  # doc_id -> path it was read from
    show_bar = progress and len(files) >= 2 and sys.stderr.isatty()

    with tqdm(total=len(files), unit="doc", file=sys.stderr, disable=not show_bar) as bar:

        def fail(path, problem: str) -> None:
            failures.append((str(path), problem))
            bar.write(f"pipeline: {path}: {problem}", file=sys.stderr)

        def sources() -> Iterator[Source]:
            for path in files:
                doc_id = path.stem
                if doc_id in read_from:
                    fail(path, f"duplicate doc_id '{doc_id}' (already read from {read_from[doc_id]})")
                    bar.update()
                    continue
                try:
                    source = read_source(path, max_bytes=max_bytes)
                except InputError as error:
                    fail(error.path, error.problem)
                    bar.update()
                    continue
                read_from[doc_id] = source.path
                yield source

        for item in planned:
            if isinstance(item, InputError):
                fail(item.path, item.problem)
        try:
            outputs, writer = _open_outputs(out_dir)
        except OSError as error:
            print(f"pipeline: {out_dir}: cannot write outputs ({error.strerror or error})", file=sys.stderr)
            return EXIT_FAILURES
        try:
            with _terminate_unwinds(), outputs:
                if files:
                    extract = extractor or _default_extractor(n_process, max_bytes)
                    for result in extract(sources()):
                        writer.add(result)
                        bar.update()
                if read_from:
                    writer.finish(inputs=paths, documents_read=len(read_from), failures=failures)
                else:
                    outputs.discard()
        finally:
            writer.close()

    counts = f"read {_plural(len(read_from), 'document')}, {len(failures)} failed"
    if read_from:
        print(f"{counts}, {_plural(writer.records_csv.rows_written, 'record')} -> {out_dir}/", file=sys.stderr)
    else:
        print(f"{counts}; nothing written, {out_dir}/ left as it was", file=sys.stderr)
    return EXIT_FAILURES if failures else EXIT_OK
