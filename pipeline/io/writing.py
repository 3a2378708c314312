"""Output files that are safe to open and never half-written.

Every output goes to a temporary file in the target folder and replaces the old file
with os.replace() only when it is complete (a run's set of outputs: output_set.py). CSV
and xlsx hold nothing time-dependent: the same input gives the same bytes.

CSV for spreadsheets in any locale: every text cell is quoted, numbers never. Excel with a
comma list separator honours the quotes, so every cell stays one cell whatever it holds.
Excel with a semicolon list separator (German locale) does not split the file at its
commas; it splits where it sees a semicolon or a line end outside what it takes for
quotes, and a quote in the middle of its field is no quote to it. So the formula-injection
rule (OWASP) is applied to every place a cell can begin in either reading: the start of a
text cell and every fragment after a ";" or a line end within it.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Self

from ..schema import as_row, columns, format_value

# RFC 4180 row ends.
CSV_LINE_TERMINATOR = "\r\n"
# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may begin a cell inside our text: its start, and after a ";" or a
# line end (a semicolon-locale Excel's split); there a trigger gets the "'" prefix.
CELL_START_BEFORE_TRIGGER_RE = re.compile(r"(^|[;\r\n])(?=[=+\-@\t\r])")
# Columns that hold numbers, per schema class; written as numbers, never neutralised.
# A Mention's value is text (a Land, "2021/2024", "P2Y", a programme name). in_totals is
# written after a Record's own columns (pipeline/totals.py).
NUMERIC_COLUMNS = {
    "Record": frozenset({"value", "start", "end", "in_totals"}),
    "Programme": frozenset(),
    "Mention": frozenset({"start", "end"}),
    "SourceFile": frozenset({"bytes"}),
}


def neutralise(text: str) -> str:
    """Text cell that a spreadsheet shows as text, never runs as a formula, also when it
    splits the cell at a ";" or a line end.

    >>> neutralise("=SUMME(A1:A9)"), neutralise("- die Förderung"), neutralise("a;=cmd|' /C calc'!A0")
    ("'=SUMME(A1:A9)", "'- die Förderung", "a;'=cmd|' /C calc'!A0")
    """
    if text[:1] in FORMULA_TRIGGERS or ";" in text or "\n" in text or "\r" in text:
        return CELL_START_BEFORE_TRIGGER_RE.sub(r"\1'", text)
    return text  # nowhere a cell can begin but at its start (the common case: five times faster)


def quoted(text: str) -> str:
    """A CSV text cell, always in double quotes (RFC 4180: a quote inside is doubled)."""
    return '"' + text.replace('"', '""') + '"'


@functools.cache
def current_umask() -> int:
    """The process umask; read once, since reading it means setting it for a moment."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make the renames durable; not every platform can open a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _CommitOnSuccess:
    """As a context manager: commit() when the block succeeds, discard() when it raises
    (KeyboardInterrupt included); nothing once either has run (``done``)."""

    done = False

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.done:
            return
        if exc_type is None:
            self.commit()
        else:
            self.discard()


class AtomicFile(_CommitOnSuccess):
    """A temporary file beside `target` that becomes `target` only on commit(); as a
    context manager, discarded when the block raises."""

    def __init__(self, target, *, binary: bool = False):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        mode = "wb" if binary else "w"
        text_options = {} if binary else {"encoding": "utf-8", "newline": ""}
        self.handle = tempfile.NamedTemporaryFile(
            mode, dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp",
            delete=False, **text_options,
        )
        self.temp_path = Path(self.handle.name)
        self.done = False

    def finish(self) -> None:
        """Flush the temporary file to disk and close it, ready for replace()."""
        if not self.handle.closed:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
        # mkstemp makes files 0600; outputs get the usual permissions of new files.
        os.chmod(self.temp_path, 0o666 & ~current_umask())

    def replace(self) -> None:
        os.replace(self.temp_path, self.target)
        self.done = True

    def commit(self) -> None:
        self.finish()
        self.replace()
        fsync_folder(self.target.parent)

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.temp_path.unlink(missing_ok=True)
        self.done = True


def _csv_cell(value, numeric: bool) -> str:
    """One CSV cell as text, the plain way (CsvTableWriter.line gives the same, faster)."""
    if numeric:
        if value is None:
            return ""
        return value if isinstance(value, str) else format_value(value)
    return quoted("" if value is None else neutralise(str(value)))


class CellMemo(dict):
    """The finished cells of the plain strings one kind of column has met, so a repeated value
    (most cells of the mentions: a row's doc_id, label, Land, an empty `refused`) is escaped
    once. Keys are plain str only: an equal value of another type (1 and True, 0 and -0.0) is
    never served another's cell. Held by one table or sheet writer, for one run; it starts
    afresh at ``limit`` entries, so memory stays flat on any batch (the repeated values come
    back at once). Subclasses say how a cell is made (``make``) and what every memo holds
    from the start (``seed``). (Cell by cell, the CSVs and sheets took 2 s of the CLI's 22 s
    on the bench corpus.)"""

    limit = 50_000

    def __init__(self):
        super().__init__()
        self.seed()

    def seed(self) -> None:
        pass

    def make(self, value):
        raise NotImplementedError

    def __missing__(self, value):
        cell = self.make(value)
        if type(value) is str:
            if len(self) >= self.limit:
                self.clear()
                self.seed()
            self[value] = cell
        return cell


class CsvCells(CellMemo):
    """A CSV column kind's cells (text or number)."""

    def __init__(self, numeric: bool):
        self.numeric = numeric
        super().__init__()

    def make(self, value) -> str:
        if self.numeric and type(value) is int:  # an offset: its digits, as format_value gives them
            return str(value)
        return _csv_cell(value, self.numeric)


class CsvTableWriter:
    """Streams schema dataclasses (Record, Programme, Mention) as rows of an atomic CSV.

    UTF-8 without BOM, comma, lines ended by CSV_LINE_TERMINATOR, a header of bare column
    names. Text cells are neutralised and always quoted (empty ones too: ""); the class's
    NUMERIC_COLUMNS are written as plain numbers, never quoted (see the module docstring).
    extra_columns follow the class's own (rows of them go through write_values).
    """

    def __init__(self, target, cls, extra_columns: Sequence[str] = ()):
        self.header = columns(cls) + list(extra_columns)
        numeric_columns = NUMERIC_COLUMNS[cls.__name__]
        self.numeric = [name in numeric_columns for name in self.header]
        text_cells, number_cells = CsvCells(numeric=False), CsvCells(numeric=True)
        self.memos = [number_cells if numeric else text_cells for numeric in self.numeric]
        self.file = AtomicFile(target)
        self.file.handle.write(",".join(self.header) + CSV_LINE_TERMINATOR)
        self.rows_written = 0

    def write(self, obj) -> None:
        self.write_line(self.line(as_row(obj)))

    def write_values(self, values: Sequence) -> None:
        self.write_line(self.line(values))

    def line(self, values: Sequence) -> str:
        """A row as its line of text: the work on values, done before anything is written.
        One step per row: each cell is its column kind's memo entry (CsvCells)."""
        if len(values) != len(self.memos):
            raise ValueError(f"a row of {len(values)} values for {len(self.memos)} columns")
        memos = self.memos
        return ",".join([memo[value] for memo, value in zip(memos, values)]) + CSV_LINE_TERMINATOR

    def write_line(self, line: str) -> None:
        self.write_lines([line])

    def write_lines(self, lines: list[str]) -> None:
        """Write prepared lines (a document's) in one step."""
        self.file.handle.write("".join(lines))
        self.rows_written += len(lines)

    def finish(self) -> None:
        self.file.finish()

    def replace(self) -> None:
        self.file.replace()

    def commit(self) -> None:
        self.file.commit()

    def discard(self) -> None:
        self.file.discard()

    def __enter__(self) -> CsvTableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.file.__exit__(exc_type, exc, tb)


# --- run.json ------------------------------------------------------------------------


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def run_info(*, inputs: Sequence[str], out_dir, documents_read: int,
             failures: Sequence[tuple[str, str]], records: int, programmes: int,
             mentions: int) -> dict:
    """What run.json holds: when, with which versions, what was read and written."""
    from .. import __version__

    return {
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "pipeline_version": __version__,
        "spacy_version": _package_version("spacy"),
        "inputs": [str(p) for p in inputs],
        "out_dir": str(out_dir),
        "documents_read": documents_read,
        "documents_failed": len(failures),
        "failures": [{"path": path, "problem": problem} for path, problem in failures],
        "records_written": records,
        "programmes_written": programmes,
        "mentions_written": mentions,
    }


def write_json(handle, data: dict) -> None:
    """JSON as the project writes it: UTF-8, umlauts as they are, indent 1."""
    handle.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
