"""records.xlsx for analysts, written as the rows arrive (SpreadsheetML by hand, streamed).

The workbook has one sheet per output (records, programmes, mentions), the summary (counted
amounts by Land and programme, pipeline/totals.py) and the `columns` sheet (column_guide.py);
each with a bold, frozen header row, an auto-filter and column widths. Cells are of their
column's kind: euros and percents are numbers with a number format, full ISO dates are
dates, text is text (xlsx_cells.py).

Why by hand: that is a few fixed XML parts plus one ``<c>`` element per cell. openpyxl's
write-only mode builds an object per cell and cost more than a quarter of `python -m
pipeline extract`'s time on the bench corpus; XlsxWriter in constant_memory mode, with the
same sheets and formats, took 3.3 s for the corpus x 15 where this writer takes 0.4-0.7 s
(benchmarks/xlsx_writers.py). What the file holds is checked cell for cell by reading it
back with openpyxl (tests/test_writing.py, tests/test_workbook.py).

Memory stays flat: each sheet's rows go to an anonymous temporary file, and the zip is
written from those at the end, when the column widths are known. The bytes are the same
on every run: fixed zip entry times and a fixed creation time.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from ..schema import as_row, columns, format_value
from .column_guide import (CELL_KINDS, COLUMN_SHEET_HEADER, DATE, EURO, FIGURE, INTEGER, TEXT, cell_kinds,
                           column_sheet_rows)
from .writing import CellMemo
from .xlsx_cells import (HEADER_STYLE, MAIN_NS, STYLES_XML, XML_DECLARATION, as_number, date_cell, euro_cell,
                         number_cell, percent_cell, text_cell)

FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"  # the workbook's creation time, instead of now
FIXED_ZIP_DATE_TIME = (2000, 1, 1, 0, 0, 0)
XLSX_MAX_COLUMN_WIDTH = 60
SUMMARY_COLUMNS = ("land", "programme", "total_euro", "records")
SUMMARY_OUTPUT = "summary (workbook sheet)"  # its entry in column_guide
SCHEMA_OUTPUTS = {"Record": "records.csv", "Programme": "programmes.csv", "Mention": "mentions.csv"}

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CORE_XML = (
    f'{XML_DECLARATION}<cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>pipeline</dc:creator>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:modified>'
    "</cp:coreProperties>"
)
ROOT_RELS_XML = (
    f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# Stands for the row number in a prepared row's cell references until the row is written:
# XML cannot hold it, so no cell's text has it (xlsx_cells replaces it with a space).
ROW_MARK = "\0"


class SheetCells(CellMemo):
    """A sheet column's cells: (display width, ``<c r="B\0"…</c>``)."""

    limit = 20_000

    def __init__(self, sheet: XlsxSheet, column: int, amount: bool):
        self.sheet, self.column, self.amount = sheet, column, amount
        self.reference = f'<c r="{sheet.letters[column]}{ROW_MARK}"'
        self.integer = sheet.kinds[column] == INTEGER
        super().__init__()

    def seed(self) -> None:
        self[""] = self[None] = (0, "")  # an empty cell: none written, no width

    def make(self, value) -> tuple[int, str]:
        if type(value) is int and self.integer:  # an offset: the number itself
            text = str(value)
            return len(text), f"{self.reference}><v>{text}</v></c>"
        width, xml = self.sheet.plain_cell(self.column, value, self.amount)
        return width, self.reference + xml if xml else ""


class PreparedRow(NamedTuple):
    """A row of a sheet before it is written: each column's display width (0 when empty),
    and its cells' XML with ROW_MARK where the row number goes."""

    widths: list[int]
    cells: str


class XlsxSheet:
    """One sheet: rows become ``<row>`` XML in an anonymous temporary file as they arrive;
    the column widths are measured on the way.

    Each column's cells are of its kind (column_guide.CELL_KINDS): text is always an inline
    string cell, so "=SUMME(..)" stays text and never runs as a formula; euros, percents and
    full dates are numbers with their number format; a FIGURE column is euros or percent by
    the row's ``kind``.
    """

    def __init__(self, title: str, header: Sequence[str], kinds: Sequence[str]):
        self.title = title
        self.header = list(header)
        self.kinds = list(kinds)
        if len(self.kinds) != len(self.header) or not set(self.kinds) <= set(CELL_KINDS):
            raise ValueError(f"sheet {title}: one cell kind of {CELL_KINDS} per column, got {self.kinds}")
        self.kind_column = self.header.index("kind") if FIGURE in self.kinds else None
        self.letters = [column_letter(i) for i in range(len(self.header))]
        # Each column's memo, for a row of any kind but "amount" and for one of "amount" (the
        # same but in a FIGURE column).
        self.memos = [SheetCells(self, column, False) for column in range(len(self.header))]
        self.memos_by_amount = (self.memos, [SheetCells(self, column, True) if kind == FIGURE else memo
                                             for column, (kind, memo) in enumerate(zip(self.kinds, self.memos))])
        self.widths = [len(name) for name in self.header]
        self.rows_written = 0
        self._rows = tempfile.TemporaryFile("w+b")
        cells = "".join(f'<c r="{letter}1" s="{HEADER_STYLE}" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
                        for letter, name in zip(self.letters, self.header))
        self._rows.write(f'<row r="1">{cells}</row>'.encode())

    def add(self, obj) -> None:
        self.add_prepared(self.prepare(as_row(obj)))

    def add_values(self, values: Sequence) -> None:
        self.add_prepared(self.prepare(values))

    def prepare(self, values: Sequence) -> PreparedRow:
        """A row's cells, ready to write (PreparedRow): all the work on values, done before
        anything is written, so a value that cannot be written fails its document and never
        leaves half a row. Each cell is its column's memo entry (SheetCells)."""
        memos = self.memos if self.kind_column is None else self.memos_by_amount[values[self.kind_column] == "amount"]
        if len(values) != len(memos):
            raise ValueError(f"sheet {self.title}: a row of {len(values)} values for {len(memos)} columns")
        cells = [memo[value] for memo, value in zip(memos, values)]
        return PreparedRow([width for width, _ in cells], "".join([xml for _, xml in cells]))

    def plain_cell(self, column: int, value, amount: bool) -> tuple[int, str]:
        """(display width, XML after the cell's reference, "" for none) of a value in a
        column, the plain way; amount: the row's kind is "amount" (for a FIGURE column)."""
        kind = self.kinds[column]
        text = value if isinstance(value, str) else str(value)
        if kind == TEXT:
            return len(text), text_cell(text)
        if kind == INTEGER:
            number = as_number(value)
            return len(text), "" if number is None else number_cell(number)
        if kind == DATE:
            return date_cell(text)
        if kind == EURO or amount:
            return euro_cell(value)
        return percent_cell(value)  # FIGURE of a rate or share

    def add_prepared(self, prepared: PreparedRow) -> None:
        self.add_prepared_rows([prepared])

    def add_prepared_rows(self, rows: list[PreparedRow]) -> None:
        """Write prepared rows (a document's) in one step: each column's width once over
        them all, their XML in one write."""
        if not rows:
            return
        self.widths = list(map(max, self.widths, *[row.widths for row in rows]))
        first = self.rows_written + 2  # the header is row 1
        self._rows.write("".join([f'<row r="{ROW_MARK}">{row.cells}</row>'.replace(ROW_MARK, str(number))
                                  for number, row in enumerate(rows, first)]).encode())
        self.rows_written += len(rows)

    @property
    def ref(self) -> str:
        """The cells in use, header included ("A1:P5")."""
        return f"A1:{self.letters[-1]}{self.rows_written + 1}"

    @property
    def absolute_ref(self) -> str:
        """The same cells as Excel names them in a defined name ("'records'!$A$1:$P$5")."""
        return f"'{self.title}'!$A$1:${self.letters[-1]}${self.rows_written + 1}"

    def write_xml(self, target) -> None:
        """The sheet's XML into an open binary file: frozen header, widths, rows, filter."""
        cols = "".join(f'<col min="{i}" max="{i}" width="{min(width, XLSX_MAX_COLUMN_WIDTH) + 2}" customWidth="1"/>'
                       for i, width in enumerate(self.widths, start=1))
        target.write(
            f'{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<dimension ref="{self.ref}"/>'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'.encode()
        )
        self._rows.flush()
        self._rows.seek(0)
        shutil.copyfileobj(self._rows, target)
        target.write(f'</sheetData><autoFilter ref="{self.ref}"/></worksheet>'.encode())

    def close(self) -> None:
        self._rows.close()


class XlsxWorkbook:
    """The workbook's sheets, in the order made, and the XML parts that list them (write_xlsx zips it all)."""

    def __init__(self):
        self.sheets: list[XlsxSheet] = []

    def sheet(self, title: str, header: Sequence[str], kinds: Sequence[str]) -> XlsxSheet:
        sheet = XlsxSheet(title, header, kinds)
        self.sheets.append(sheet)
        return sheet

    def output_sheet(self, title: str, output: str, header: Sequence[str]) -> XlsxSheet:
        """The sheet of an output file (records.csv, …), its cells of the kinds column_guide gives."""
        return self.sheet(title, header, cell_kinds(output, header))

    def schema_sheet(self, title: str, schema_cls, extra_columns: Sequence[str] = ()) -> XlsxSheet:
        """The sheet of a schema class's CSV (Record: records.csv), extra_columns after its own."""
        header = columns(schema_cls) + list(extra_columns)
        return self.output_sheet(title, SCHEMA_OUTPUTS[schema_cls.__name__], header)

    def summary_sheet(self) -> XlsxSheet:
        return self.output_sheet("summary", SUMMARY_OUTPUT, SUMMARY_COLUMNS)

    def columns_sheet(self) -> XlsxSheet:
        """The `columns` sheet: what every column of every output holds (column_guide)."""
        sheet = self.sheet("columns", COLUMN_SHEET_HEADER, [TEXT] * len(COLUMN_SHEET_HEADER))
        for row in column_sheet_rows():
            sheet.add_values(row)
        return sheet

    def close(self) -> None:
        for sheet in self.sheets:
            sheet.close()

    def content_types_xml(self) -> str:
        sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{CONTENT_TYPE}.worksheet+xml"/>'
                         for n in range(1, len(self.sheets) + 1))
        return (
            f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{CONTENT_TYPE}.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f"{sheets}</Types>"
        )

    def workbook_xml(self) -> str:
        sheets = "".join(f'<sheet name={quoteattr(s.title)} sheetId="{n}" r:id="rId{n}"/>'
                         for n, s in enumerate(self.sheets, start=1))
        # Excel keeps each sheet's auto-filter range in a hidden defined name as well.
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{escape(s.absolute_ref)}</definedName>" for n, s in enumerate(self.sheets))
        return (f'{XML_DECLARATION}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
                f"<sheets>{sheets}</sheets><definedNames>{filters}</definedNames></workbook>")

    def workbook_rels_xml(self) -> str:
        rels = "".join(f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                       for n in range(1, len(self.sheets) + 1))
        styles = f'<Relationship Id="rId{len(self.sheets) + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
        return f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_REL_NS}">{rels}{styles}</Relationships>'


def _zip_entry(name: str) -> zipfile.ZipInfo:
    """A compressed zip entry with a fixed time, so the bytes never depend on when."""
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_xlsx(handle, workbook: XlsxWorkbook) -> None:
    """Zip the workbook's parts and sheets into an open binary file."""
    parts = {
        "[Content_Types].xml": workbook.content_types_xml(),
        "_rels/.rels": ROOT_RELS_XML,
        "docProps/core.xml": CORE_XML,
        "xl/workbook.xml": workbook.workbook_xml(),
        "xl/_rels/workbook.xml.rels": workbook.workbook_rels_xml(),
        "xl/styles.xml": STYLES_XML,
    }
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(_zip_entry(name), xml.encode())
        for number, sheet in enumerate(workbook.sheets, start=1):
            with archive.open(_zip_entry(f"xl/worksheets/sheet{number}.xml"), "w") as target:
                sheet.write_xml(target)


class AmountSummary:
    """Total euros and number of amount records per (land, programme), for the summary sheet."""

    def __init__(self):
        self.totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        self.counts: dict[tuple[str, str], int] = defaultdict(int)

    @staticmethod
    def amount_of(record) -> tuple[tuple[str, str], Decimal] | None:
        """What a record adds to the summary: its (land, programme) and euros; None if not an amount."""
        if record.kind != "amount":
            return None
        return (record.land or "", record.programme or ""), Decimal(str(record.value))

    def add(self, record) -> None:
        self.add_amount(self.amount_of(record))

    def add_amount(self, amount: tuple[tuple[str, str], Decimal] | None) -> None:
        if amount is not None:
            key, euros = amount
            self.totals[key] += euros
            self.counts[key] += 1

    def rows(self) -> list[tuple[str, str, str, int]]:
        """Named Länder and programmes first, each alphabetical; empty ones last."""
        keys = sorted(self.totals, key=lambda k: (k[0] == "", k[0], k[1] == "", k[1]))
        return [(land, programme, format_value(self.totals[(land, programme)]),
                 self.counts[(land, programme)]) for land, programme in keys]

    def write_to(self, sheet: XlsxSheet) -> None:
        for row in self.rows():
            sheet.add_values(row)
