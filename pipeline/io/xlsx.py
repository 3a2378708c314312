"""records.xlsx for analysts, written as the rows arrive (SpreadsheetML by hand, streamed).

Why by hand: the workbook is three plain sheets (a bold, frozen header row, an auto-filter,
column widths, numbers and text), and the XML for that is a few fixed parts plus one
``<c>`` element per cell. openpyxl's write-only mode builds an object per cell and cost
more than a quarter of `python -m pipeline extract`'s time on the bench corpus (spooling
the rows to disk first included); xlsxwriter in constant_memory mode costs nearly as much
per cell. Writing the row XML here costs a few µs a row (measured: benchmarks/bench.py).
What the file holds is checked cell for cell by reading it back with openpyxl
(tests/test_writing.py).

Memory stays flat: each sheet's rows go to an anonymous temporary file, and the zip is
written from those at the end, when the column widths are known. The bytes are the same
on every run: fixed zip entry times and a fixed creation time.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape, quoteattr

from ..schema import as_row, columns, format_value
from .writing import NUMERIC_COLUMNS

FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"  # the workbook's creation time, instead of now
FIXED_ZIP_DATE_TIME = (2000, 1, 1, 0, 0, 0)
XLSX_MAX_COLUMN_WIDTH = 60
XLSX_MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
# Characters XML 1.0 cannot hold (tab and line ends it can); a space instead, as openpyxl does.
XLSX_ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037]")
# An XML reader turns a bare CR in text into LF; a character reference keeps it.
XML_TEXT_ENTITIES = {"\r": "&#13;"}
SUMMARY_COLUMNS = ("land", "programme", "total_euro", "records")
SUMMARY_NUMERIC_COLUMNS = frozenset({"total_euro", "records"})

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Two fonts (plain, bold) and two cell formats: s="1" is the bold header. Excel expects the
# two built-in fills.
STYLES_XML = (
    f'{XML_DECLARATION}<styleSheet xmlns="{MAIN_NS}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
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


def _number(value) -> int | float | None:
    """A CSV number as Excel should hold it: int when whole, else float."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _text_xml(value: str) -> str:
    """Cell text as XML element content: illegal characters replaced, cut at Excel's limit."""
    return escape(XLSX_ILLEGAL_CHARACTERS_RE.sub(" ", value)[:XLSX_MAX_CELL_CHARS], XML_TEXT_ENTITIES)


class XlsxSheet:
    """One sheet: rows become ``<row>`` XML in an anonymous temporary file as they arrive;
    the column widths are measured on the way.

    Numbers are number cells; text is always an inline string cell, so "=SUMME(..)" stays
    text and never runs as a formula.
    """

    def __init__(self, title: str, header: Sequence[str], numeric_columns: frozenset[str]):
        self.title = title
        self.header = list(header)
        self.numeric = [name in numeric_columns for name in self.header]
        self.letters = [column_letter(i) for i in range(len(self.header))]
        self.widths = [len(name) for name in self.header]
        self.rows_written = 0
        self._rows = tempfile.TemporaryFile("w+b")
        cells = "".join(f'<c r="{letter}1" s="1" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
                        for letter, name in zip(self.letters, self.header))
        self._rows.write(f'<row r="1">{cells}</row>'.encode())

    def add(self, obj) -> None:
        self.add_prepared(self.prepare(as_row(obj)))

    def add_values(self, values: Sequence) -> None:
        self.add_prepared(self.prepare(values))

    def prepare(self, values: Sequence) -> list[tuple[int, int, str]]:
        """A row's cells as (column, width, the cell's XML after its reference, "" for none):
        all the work on values, done before anything is written, so a value that cannot be
        written fails its document and never leaves half a row."""
        cells = []
        for column, (value, numeric) in enumerate(zip(values, self.numeric, strict=True)):
            if value is None or value == "":
                continue
            text = value if isinstance(value, str) else str(value)
            if numeric:
                number = _number(value)
                cells.append((column, len(text), "" if number is None else f"><v>{number!r}</v></c>"))
            else:
                cells.append((column, len(text),
                              f' t="inlineStr"><is><t xml:space="preserve">{_text_xml(text)}</t></is></c>'))
        return cells

    def add_prepared(self, cells: list[tuple[int, int, str]]) -> None:
        self.rows_written += 1
        row = self.rows_written + 1  # the header is row 1
        parts = [f'<row r="{row}">']
        for column, width, xml in cells:
            if width > self.widths[column]:
                self.widths[column] = width
            if xml:
                parts.append(f'<c r="{self.letters[column]}{row}"{xml}')
        parts.append("</row>")
        self._rows.write("".join(parts).encode())

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

    def sheet(self, title: str, header: Sequence[str], numeric_columns: frozenset[str]) -> XlsxSheet:
        sheet = XlsxSheet(title, header, numeric_columns)
        self.sheets.append(sheet)
        return sheet

    def schema_sheet(self, title: str, schema_cls, extra_columns: Sequence[str] = ()) -> XlsxSheet:
        return self.sheet(title, columns(schema_cls) + list(extra_columns), NUMERIC_COLUMNS[schema_cls.__name__])

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
