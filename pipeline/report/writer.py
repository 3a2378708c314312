"""report.html and report/: the review report of a run, written as its results arrive.

Why a page per document: an analyst checks one document at a time, and one page holding a
large batch's text (5 MB of text is some 15 MB of HTML) takes a browser many seconds to
open and scroll; a page per document opens at once at any batch size. report.html holds
what spans the run (the charts, the index of documents and the failures) and links to
report/00001.html …, numbered in input order (a file name never comes from the input).
Both are members of the run's output set (pipeline/io/output_set.py): they appear and
disappear with the CSVs they describe.

Memory stays flat: a document's page is written when its result arrives; only its index
row (a few numbers and names) and the chart totals are kept until the end. Pages are not
fsynced one by one (the CSVs are): on the shared bench machine an fsync per page cost
6.5 s for 720 pages, more than the pages themselves; a kill cannot lose them (they are in
the page cache before the set's switch), a power cut right after a run could, and the
report is made again by the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..totals import not_counted_reasons
from .charts import Totals, charts_html, euros_full
from .markup import SourceToClean, mark_spans
from .pages import document_page, index_page, record_spans

REPORT_PAGE = "report.html"
REPORT_FOLDER = "report"


@dataclass
class PreparedPage:
    """A document's page, rendered, and its row in the index."""

    html: bytes  # UTF-8, encoded when prepared: a page that cannot be encoded fails its document alone
    index_row: tuple
    records: int
    counted: list  # the records that count in totals


class ReportWriter:
    """The report of one run: document pages into `folder` as they come, the index at the end.

    folder (Path): where the document pages go (the output set's report/ folder).
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.totals = Totals()
        self.documents: list[tuple] = []
        self.records = 0

    def prepare(self, result, path: str = "", reasons: list[str] | None = None) -> PreparedPage:
        """The page of one DocResult (raises on what it cannot render: that document only).
        reasons: why each record does not count in totals ("" when it does), as
        pipeline.totals.not_counted_reasons gives them (worked out here when not given)."""
        if reasons is None:
            reasons = not_counted_reasons(result.records, result.mentions)
        clean = getattr(result, "clean", None)
        marked = None
        if clean is not None:
            to_clean = SourceToClean(clean)
            marked = mark_spans(clean.text, record_spans(result.records, result.mentions, to_clean.span))
        html = document_page(doc_id=result.doc_id, path=path, marked=marked, records=result.records,
                             programmes=result.programmes, mentions=result.mentions, reasons=reasons)
        names = list(dict.fromkeys(p.programme for p in result.programmes))
        row = (result.doc_id, path, len(result.records), len(result.programmes), len(result.mentions), names)
        counted = [record for record, reason in zip(result.records, reasons) if not reason]
        return PreparedPage(html.encode("utf-8"), row, len(result.records), counted)

    def write(self, prepared: PreparedPage) -> None:
        page_name = f"{len(self.documents) + 1:05d}.html"
        (self.folder / page_name).write_bytes(prepared.html)
        self.documents.append((page_name, *prepared.index_row))
        for record in prepared.counted:
            self.totals.add(record)
        self.records += prepared.records

    def index_html(self, failures) -> str:
        """report.html: the run in one line, the charts, the documents, the failures.
        failures: (path, problem) pairs."""
        euros = sum((entry[0] for entry in self.totals.by["land"].values()), start=0)
        summary = (f"{len(self.documents)} documents read, {len(failures)} failed · {self.records} records, "
                   f"of which {self.totals.records} amounts count in totals, together {euros_full(euros)}")
        return index_page(summary=summary, charts=charts_html(self.totals), documents=self.documents,
                          failures=failures)
