"""sources.csv: one row per input file, in the order the files were read, whatever order
their outcomes arrive in.

A file's row is final when its outcome is known: at once for a file refused while
reading, when its result comes back for a file read (extracted, or cost by an internal
error). Rows are held only until every file before them is settled, so memory stays
bounded by the extractor's look-ahead, not the batch size.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..schema import SourceFile
from .writing import CsvTableWriter


def _size_on_disk(path) -> int | None:
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return None


def refused_file(doc_id: str, path: str, problem: str, n_bytes: int | None = None, sha256: str = "",
                 status: str = "refused") -> SourceFile:
    """The row of a file not used; its size read from disk when reading never got its bytes."""
    size = n_bytes if n_bytes is not None else _size_on_disk(path)
    return SourceFile(doc_id=doc_id, path=path, status=status, problem=problem, bytes=size, sha256=sha256,
                      title="", date="", url="", sitename="", dateline="")


def read_file(source, path: str) -> SourceFile:
    """The row of a file read (source: pipeline.io.reading.Source), before its outcome."""
    page = source.page
    return SourceFile(doc_id=source.doc_id, path=path, status="read", problem="", bytes=source.n_bytes,
                      sha256=source.sha256, title=page.title, date=page.date, url=page.url,
                      sitename=page.sitename, dateline=page.dateline)


class SourcesLedger:
    """Writes sources.csv rows in file order (index: the file's place in the run's list)."""

    def __init__(self, table: CsvTableWriter):
        self.table = table
        self.settled: dict[int, SourceFile] = {}
        self.awaiting: dict[str, tuple[int, SourceFile]] = {}  # doc_id -> (index, row) of files read
        self.next_index = 0

    def not_a_file(self, path: str, problem: str) -> None:
        """A path given that yields no file (missing, an unlistable or empty folder): first in
        the file, in argument order."""
        self.table.write(refused_file("", path, problem))

    def settle(self, index: int, row: SourceFile) -> None:
        self.settled[index] = row
        while self.next_index in self.settled:
            self.table.write(self.settled.pop(self.next_index))
            self.next_index += 1

    def read(self, index: int, row: SourceFile) -> None:
        """A file read: its row waits for the extractor's outcome (extracted() or failed())."""
        self.awaiting[row.doc_id] = (index, row)

    def extracted(self, doc_id: str) -> None:
        index, row = self.awaiting.pop(doc_id)
        self.settle(index, row)

    def failed(self, doc_id: str, problem: str) -> None:
        if doc_id in self.awaiting:
            index, row = self.awaiting.pop(doc_id)
            self.settle(index, replace(row, status="failed", problem=problem))

    def finish(self) -> None:
        """Whatever is still held, in file order (nothing, when every file was settled)."""
        for doc_id in list(self.awaiting):
            self.failed(doc_id, "no result from the extractor")
        for index in sorted(self.settled):
            self.table.write(self.settled.pop(index))
