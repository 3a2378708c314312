"""The `extract` command's work: many input files in, one set of output files out.

Documents stream: files are read one at a time as the extractor asks for them, and the
rows of each result are written as it arrives, so memory stays flat with batch size.
Whatever one document does costs that document only: a file that cannot be read, or a bug
met while reading, cleaning, extracting or writing it, costs one line on stderr and an
entry in run.json (a bug's traceback goes to errors.log in the output folder); the rest of
the batch goes on and is written.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from .inputs import iter_input_files, skipped_note
from .reading import DEFAULT_MAX_BYTES, InputError
from ..schema import Mention, Programme, Record, SourceFile, as_row
from ..totals import TOTALS_COLUMNS, not_counted_reasons, totals_cells
from .output_set import OutputFolderBusy, OutputNameTaken, OutputSet
from .engines import document_outcomes
from .outcomes import INTERNAL_ERROR, NOT_READ, Broken, Extractor, Outcome, Refused
from .sources import SourcesTable
from .writing import run_info, write_json
from ..report.writer import REPORT_FOLDER, REPORT_PAGE, PreparedPage, ReportWriter
from .xlsx import AmountSummary, PreparedRow, XlsxWorkbook, write_xlsx

# Exit statuses (documented in `extract --help`, pipeline/cli.py).
EXIT_OK = 0        # every document read and extracted
EXIT_REFUSED = 1   # some files refused (named on stderr); the rest written
EXIT_USAGE = 2     # the command line is wrong (argparse's status too)
EXIT_INTERNAL = 3  # an internal error (a bug) cost some documents; the rest written
EXIT_NOTHING = 4   # nothing written: no document read, or the output folder unusable
ERROR_LOG = "errors.log"  # the tracebacks of internal errors, in the output folder

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


def shown(path) -> str:
    """A path as it is safe to print: a character that is not printable (a line end, an
    escape sequence, a byte that is not UTF-8) is written as its Python escape (\\n, \\x1b,
    \\udcff); umlauts and other printable characters stay as they are."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _writable(text: str) -> bool:
    """Whether text can go into a UTF-8 file: a file name's bytes that are not UTF-8 come
    out of the file system as lone surrogates, which cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class PreparedDocument:
    """What one document adds to the outputs, made before any of it is written: for records,
    programmes and mentions (in that order) its CSV lines and its sheet rows; the amounts
    the summary sheet adds (counted records only); its report page."""

    lines: list[list[str]]
    sheet_rows: list[list[PreparedRow]]
    amounts: list
    page: PreparedPage | None


class RunWriter:
    """The output files of one run, fed one DocResult at a time as results arrive.

    A document's rows are prepared whole (every value turned into its cells) before any is
    written, so a value that cannot be written fails that document and no other. CSV rows
    and workbook rows go straight to their temporary files; the summary sheet, the
    workbook's zip, run.json and errors.log are written at the end, by finish().
    """

    def __init__(self, outputs: OutputSet, *, report: bool = True):
        self.outputs = outputs
        self.report = ReportWriter(outputs.folder(REPORT_FOLDER)) if report else None
        self.records_csv = outputs.csv_table("records.csv", Record, TOTALS_COLUMNS)
        self.programmes_csv = outputs.csv_table("programmes.csv", Programme)
        self.mentions_csv = outputs.csv_table("mentions.csv", Mention)
        self.sources = SourcesTable(outputs.csv_table("sources.csv", SourceFile))
        self.workbook = XlsxWorkbook()
        self.records_sheet = self.workbook.schema_sheet("records", Record, TOTALS_COLUMNS)
        self.programmes_sheet = self.workbook.schema_sheet("programmes", Programme)
        self.mentions_sheet = self.workbook.schema_sheet("mentions", Mention)
        self.summary_sheet = self.workbook.summary_sheet()
        self.workbook.columns_sheet()
        self.summary = AmountSummary()
        # records, programmes, mentions: each one's CSV and sheet, in the order of PreparedDocument's lists
        self.tables = ((self.records_csv, self.records_sheet), (self.programmes_csv, self.programmes_sheet),
                       (self.mentions_csv, self.mentions_sheet))

    def prepare(self, result, path: str = "") -> PreparedDocument:
        """Everything a result adds to the outputs, as cells (and its report page); raises on a
        value it cannot write."""
        reasons = not_counted_reasons(result.records, result.mentions)  # the summary adds counted records only
        rows = ([as_row(record) + totals_cells(reason) for record, reason in zip(result.records, reasons)],
                list(map(as_row, result.programmes)), list(map(as_row, result.mentions)))
        return PreparedDocument(
            lines=[list(map(table.line, table_rows)) for (table, _), table_rows in zip(self.tables, rows)],
            sheet_rows=[list(map(sheet.prepare, table_rows)) for (_, sheet), table_rows in zip(self.tables, rows)],
            amounts=[self.summary.amount_of(record) for record, reason in zip(result.records, reasons) if not reason],
            page=self.report.prepare(result, path, reasons) if self.report else None)

    def write(self, prepared: PreparedDocument) -> None:
        for (table, sheet), lines, sheet_rows in zip(self.tables, prepared.lines, prepared.sheet_rows):
            table.write_lines(lines)
            sheet.add_prepared_rows(sheet_rows)
        for amount in prepared.amounts:
            self.summary.add_amount(amount)
        if prepared.page is not None:
            self.report.write(prepared.page)

    def add(self, result) -> None:
        self.write(self.prepare(result))

    def finish(self, *, inputs, documents_read: int, failures, error_log: str) -> None:
        self.summary.write_to(self.summary_sheet)
        write_xlsx(self.outputs.file("records.xlsx", binary=True).handle, self.workbook)
        info = run_info(
            inputs=inputs, out_dir=self.outputs.out_dir, documents_read=documents_read,
            failures=failures, records=self.records_csv.rows_written,
            programmes=self.programmes_csv.rows_written, mentions=self.mentions_csv.rows_written,
        )
        write_json(self.outputs.file("run.json").handle, info)
        if error_log:
            self.outputs.file(ERROR_LOG).handle.write(error_log)
        if self.report:
            self.outputs.file(REPORT_PAGE).handle.write(self.report.index_html(failures))

    def close(self) -> None:
        self.workbook.close()


def _open_outputs(out_dir: Path, report: bool = True) -> tuple[OutputSet, RunWriter]:
    outputs = OutputSet(out_dir)
    try:
        return outputs, RunWriter(outputs, report=report)
    except BaseException:
        outputs.discard()
        raise


class Failures:
    """The documents a run could not use: one stderr line each, the list for run.json, and
    the tracebacks of internal errors for errors.log."""

    def __init__(self, bar):
        self.bar = bar
        self.listed: list[tuple[str, str]] = []
        self.internal = 0
        self.log: list[str] = []

    def refused(self, path, problem: str) -> None:
        self.listed.append((shown(path), problem))
        self.bar.write(f"pipeline: {shown(path)}: {problem}", file=sys.stderr)

    def internal_error(self, path, error: BaseException, trace: str | None = None) -> None:
        self.broken(path, type(error).__name__, trace or "".join(traceback.format_exception(error)))

    def broken(self, path, error_name: str, trace: str) -> None:
        self.internal += 1
        self.refused(path, f"{INTERNAL_ERROR}: {error_name}")
        self.log.append(f"== {shown(path)}: {INTERNAL_ERROR}: {error_name}\n{trace}\n")


def run_extract(paths, out_dir, *, n_process: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: bool = True, extractor: Extractor | None = None, model=None,
                cache_dir=None, engine: str = "local", scheduler: str | None = None, report: bool = True) -> int:
    """Extract records from files and folders into out_dir.

    paths (Iterable[str | Path]): files and folders (searched recursively).
    out_dir (str | Path): gets records.csv, programmes.csv, mentions.csv, records.xlsx, run.json
        (and errors.log when an internal error cost a document), report.html and report/.
    n_process (int): processes for the default extractor.
    max_bytes (int): larger files are refused unread.
    progress (bool): show a progress bar on stderr (only on a terminal, from 2 files on).
    extractor (Extractor | None): replaces the spaCy extractor (tests); it may yield a
        DocFailure (pipeline.extract) in a document's place.
    model (str | Path | None): the spaCy pipeline's folder (default models/de_funding).
    cache_dir (str | Path | None): the result cache (io/cache.py): files whose name, bytes
        and pipeline are unchanged since a run that used it are not extracted again;
        None: every file is extracted.
    engine (str): "local" (this process, n_process workers) or "dask" (io/dask_engine.py:
        the cluster at `scheduler`, else a local cluster of n_process workers).
    report (bool): also write the review report (report.html and report/).
    RETURNS (int): exit status: EXIT_OK, EXIT_REFUSED, EXIT_INTERNAL or EXIT_NOTHING.

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
    skipped: Counter = Counter()  # files in folders of a type not read, by suffix
    planned = list(iter_input_files(paths, skipped))  # paths only; texts are read later, one by one
    files = [item for item in planned if isinstance(item, Path)]
    read_from: dict[str, str] = {}  # doc_id -> path it was read from
    extracted = 0
    show_bar = progress and len(files) >= 2 and sys.stderr.isatty()

    with tqdm(total=len(files), unit="doc", file=sys.stderr, disable=not show_bar) as bar:
        failures = Failures(bar)

        def use(path: Path, outcome: Outcome) -> bool:
            """Report or write one file's outcome, and its sources.csv row; whether a document
            was extracted."""
            doc_id, where = path.stem, shown(path)
            facts = getattr(outcome, "facts", NOT_READ)
            if doc_id in read_from:
                problem = f"duplicate doc_id '{doc_id}' (already read from {shown(read_from[doc_id])})"
                failures.refused(path, problem)
                writer.sources.refused(doc_id, where, problem, facts)
                return False
            if isinstance(outcome, Refused):
                failures.refused(path, outcome.problem)
                writer.sources.refused(doc_id, where, outcome.problem, facts)
                return False
            if isinstance(outcome, Broken):  # a bug met reading the file
                failures.broken(path, outcome.error_name, outcome.trace)
                writer.sources.failed(doc_id, where, outcome.error_name, facts)
                return False
            read_from[doc_id] = str(path)
            result = outcome.result
            if isinstance(result, Broken):  # a bug met cleaning or extracting it
                failures.broken(path, result.error_name, result.trace)
                writer.sources.failed(doc_id, where, result.error_name, facts)
                return False
            try:
                prepared = writer.prepare(result, where)
            except Exception as error:
                failures.internal_error(path, error)
                writer.sources.failed(doc_id, where, type(error).__name__, facts)
                return False
            writer.write(prepared)
            writer.sources.read(doc_id, where, facts)
            return True

        for item in planned:
            if isinstance(item, InputError):
                failures.refused(item.path, item.problem)
        if skipped:
            bar.write(f"pipeline: {skipped_note(skipped)}", file=sys.stderr)
        try:
            outputs, writer = _open_outputs(out_dir, report)
        except OutputFolderBusy:
            print(f"pipeline: {shown(out_dir)}: another run is writing to this folder; nothing done, "
                  "try again when it has finished", file=sys.stderr)
            return EXIT_NOTHING
        except OutputNameTaken as error:
            print(f"pipeline: {shown(out_dir)}: {error}; nothing done", file=sys.stderr)
            return EXIT_NOTHING
        except OSError as error:
            print(f"pipeline: {shown(out_dir)}: cannot write outputs ({error.strerror or error})", file=sys.stderr)
            return EXIT_NOTHING
        # one Outcome per file with a writable doc_id, in order; nothing runs before the first is asked for
        outcomes = document_outcomes([path for path in files if _writable(path.stem)], n_process=n_process,
                                     max_bytes=max_bytes, model=model, extractor=extractor, cache_dir=cache_dir,
                                     engine=engine, scheduler=scheduler)
        try:
            with _terminate_unwinds(), outputs:
                for item in planned:
                    if isinstance(item, InputError):
                        writer.sources.not_a_file(shown(item.path), item.problem)
                for path in files:
                    if not _writable(path.stem):
                        problem = "file name is not valid UTF-8 (its doc_id cannot be written)"
                        failures.refused(path, problem)
                        writer.sources.refused("", shown(path), problem, NOT_READ)
                    elif use(path, next(outcomes)):
                        extracted += 1
                    bar.update()
                if next(outcomes, None) is not None:  # also lets the engine finish (a cluster closes)
                    raise RuntimeError("the engine gave more outcomes than files")
                if extracted:
                    writer.finish(inputs=[shown(p) for p in paths], documents_read=extracted,
                                  failures=failures.listed, error_log="".join(failures.log))
                else:
                    outputs.discard()
        finally:
            writer.close()
            outcomes.close()

    failed = len(failures.listed)
    counts = f"read {_plural(extracted, 'document')}, {failed} failed"
    if failures.internal:
        counts += f" ({_plural(failures.internal, INTERNAL_ERROR)}, see {shown(out_dir / ERROR_LOG)})" if extracted \
            else f" ({_plural(failures.internal, INTERNAL_ERROR)})"
    if not extracted:
        sys.stderr.write("".join(failures.log))  # no output folder to hold them
        print(f"{counts}; nothing written, {shown(out_dir)}/ left as it was", file=sys.stderr)
        return EXIT_NOTHING
    print(f"{counts}, {_plural(writer.records_csv.rows_written, 'record')} -> {shown(out_dir)}/", file=sys.stderr)
    if failures.internal:
        return EXIT_INTERNAL
    return EXIT_REFUSED if failed else EXIT_OK
