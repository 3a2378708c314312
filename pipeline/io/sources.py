"""sources.csv: one row per input file, in the order of the run's file list (the engines
give one outcome per file in that order), saying whether it was used, which bytes it held
and what it says of itself.

A path given that yields no file (missing, an unlistable or empty folder) comes first, in
argument order, with an empty doc_id.
"""

from __future__ import annotations

from pathlib import Path

from ..schema import SourceFile
from .outcomes import INTERNAL_ERROR, FileFacts
from .writing import CsvTableWriter


def _size_on_disk(path) -> int | None:
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return None


def source_row(doc_id: str, path: str, status: str, problem: str, facts: FileFacts) -> SourceFile:
    """A file's row; its size read from disk when reading never got its bytes."""
    size = facts.n_bytes if facts.n_bytes is not None else _size_on_disk(path)
    page = facts.page
    return SourceFile(doc_id=doc_id, path=path, status=status, problem=problem, bytes=size, sha256=facts.sha256,
                      title=page.title, date=page.date, url=page.url, sitename=page.sitename,
                      dateline=page.dateline)


class SourcesTable:
    """Writes sources.csv rows as the batch settles each file."""

    def __init__(self, table: CsvTableWriter):
        self.table = table

    def not_a_file(self, path: str, problem: str) -> None:
        self.table.write(source_row("", path, "refused", problem, FileFacts()))

    def refused(self, doc_id: str, path: str, problem: str, facts: FileFacts) -> None:
        """Bad input (the file's fault): nothing of it is used."""
        self.table.write(source_row(doc_id, path, "refused", problem, FileFacts(facts.n_bytes, facts.sha256)))

    def failed(self, doc_id: str, path: str, error_name: str, facts: FileFacts) -> None:
        """An internal error (a bug) cost the document."""
        self.table.write(source_row(doc_id, path, "failed", f"{INTERNAL_ERROR}: {error_name}", facts))

    def read(self, doc_id: str, path: str, facts: FileFacts) -> None:
        self.table.write(source_row(doc_id, path, "read", "", facts))
