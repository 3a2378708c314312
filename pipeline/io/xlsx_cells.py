"""The cells of records.xlsx: how a value becomes a cell's XML, and the number formats
(styles.xml) that make euros, percents and dates read as such in a spreadsheet.

A cell's XML is what follows its reference, ``<c r="B2"`` + ``' s="2"><v>20000</v></c>'``;
the sheet writer (xlsx.py) adds the reference. Text is always an inline string, never a
formula.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
XLSX_MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
# Characters XML 1.0 cannot hold (tab and line ends it can); a space instead, as openpyxl does.
XLSX_ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037]")
# An XML reader turns a bare CR in text into LF; a character reference keeps it.
XML_TEXT_ENTITIES = {"\r": "&#13;"}
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as its day numbers count from 1900-03-01
EXCEL_FIRST_SAFE_DAY = date(1900, 3, 1)  # before it, Excel's day numbers are off by its 1900-02-29

# Number formats: a format code's "," and "." are the reader's locale's separators, so German
# Excel shows 1.503.900 € and 12,5 %.
EURO_FORMAT, EURO_CENTS_FORMAT = '#,##0 "€"', '#,##0.00 "€"'
PERCENT_FRACTION_FORMAT, DATE_FORMAT = "0.0#%", "yyyy-mm-dd"  # ISO, as the partial dates beside them
# Cell formats (s="N"): 0 plain, 1 the bold header, then one per number format.
HEADER_STYLE, EURO_STYLE, EURO_CENTS_STYLE, PERCENT_STYLE, PERCENT_FRACTION_STYLE, DATE_STYLE = 1, 2, 3, 4, 5, 6
CUSTOM_FORMATS = ((164, EURO_FORMAT), (165, EURO_CENTS_FORMAT), (166, PERCENT_FRACTION_FORMAT), (167, DATE_FORMAT))
BUILTIN_PERCENT_FORMAT_ID = 9  # "0%"
NUMBER_FORMAT_IDS = (164, 165, BUILTIN_PERCENT_FORMAT_ID, 166, 167)  # of styles 2 to 6, in order
# Two fonts (plain, bold); Excel expects the two built-in fills.
STYLES_XML = (
    f'{XML_DECLARATION}<styleSheet xmlns="{MAIN_NS}">'
    f'<numFmts count="{len(CUSTOM_FORMATS)}">'
    + "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for i, code in CUSTOM_FORMATS)
    + '</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{2 + len(NUMBER_FORMAT_IDS)}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    + "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              for i in NUMBER_FORMAT_IDS)
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def as_number(value) -> int | float | None:
    """A CSV number as Excel should hold it: int when whole, else float."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return excel_number(number)


def excel_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _text_xml(value: str) -> str:
    """Cell text as XML element content: illegal characters replaced, cut at Excel's limit."""
    return escape(XLSX_ILLEGAL_CHARACTERS_RE.sub(" ", value)[:XLSX_MAX_CELL_CHARS], XML_TEXT_ENTITIES)


def text_cell(text: str) -> str:
    return f' t="inlineStr"><is><t xml:space="preserve">{_text_xml(text)}</t></is></c>'


def number_cell(number: int | float, style: int = 0) -> str:
    return f' s="{style}"><v>{number!r}</v></c>' if style else f"><v>{number!r}</v></c>"


def euro_cell(value) -> tuple[int, str]:
    """(display width, cell XML) of euros: whole euros as 1.503.900 €, else with cents."""
    number = as_number(value)
    if number is None:
        return len(str(value)), ""
    whole = isinstance(number, int)
    shown = f"{number:,.0f} €" if whole else f"{number:,.2f} €"
    return len(shown), number_cell(number, EURO_STYLE if whole else EURO_CENTS_STYLE)


def percent_cell(value) -> tuple[int, str]:
    """(display width, cell XML) of a percent figure: 80 is the percent cell 0.8, shown 80 %."""
    try:
        percent = Decimal(str(value))
    except InvalidOperation:
        return len(str(value)), ""
    style = PERCENT_STYLE if percent == percent.to_integral_value() else PERCENT_FRACTION_STYLE
    return len(str(value)) + 2, number_cell(excel_number(percent / 100), style)


def date_cell(text: str) -> tuple[int, str]:
    """(display width, cell XML) of an ISO date field: a full date is a date cell (Excel's
    day number), a partial one ("2024", "2024-03") or a date before 1900-03-01 stays text."""
    if ISO_DATE_RE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and day >= EXCEL_FIRST_SAFE_DAY:
            return len(text), number_cell((day - EXCEL_EPOCH).days, DATE_STYLE)
    return len(text), text_cell(text)
