"""What the writers make in one step gives what the plain way gives: the cell memos
(CellMemo in io/writing.py: CsvCells there, SheetCells in io/xlsx.py) cell for cell (a repeated value, a value first
met, a value after the memo started afresh, values of a type the memo never keeps), a
document's rows written at once, a row read in one call (schema.row_getter) and the cache
entry built from such rows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from decimal import Decimal

import pytest

from pipeline.clean import CleanText
from pipeline.extract import DocResult
from pipeline.io.cache import CACHE_FORMAT, encode_entry
from pipeline.io.page_facts import NO_FACTS, PageFacts

from pipeline.io import writing, xlsx
from pipeline.io.column_guide import DATE, EURO, FIGURE, INTEGER, TEXT
from pipeline.io.writing import CSV_LINE_TERMINATOR, CsvTableWriter, _csv_cell
from pipeline.io.xlsx import ROW_MARK, XlsxSheet
from pipeline.schema import Mention, Programme, Record, as_row

# Values of every kind a cell can meet, repeats and look-alikes of other types among them
# (1 and True and 1.0, 0 and -0.0: equal as dict keys, written differently).
VALUES = ["", None, "Bayern", "Bayern", "=SUMME(A1:A9)", "-5", "a;=cmd", "zeile\r\nzwei", 'sagt "ja"', "<b>&",
          "\x01steuer", "2025-03-31", "2024", "1899-12-31", "1503900", "3250000.5", "12.5", "80", "x", 0, 1, -5, 7,
          True, 1.0, -0.0, Decimal("1.50"), Decimal("-0"), 10**30, "1", "0"]


def _csv_plain(table: CsvTableWriter, row) -> str:
    return ",".join(_csv_cell(value, numeric) for value, numeric in zip(row, table.numeric, strict=True)) \
        + CSV_LINE_TERMINATOR


def _csv_or_error(cell):
    try:
        return cell()
    except Exception as error:  # the same error, raised the same way
        return type(error)


@pytest.mark.parametrize("schema", [Record, Mention])
@pytest.mark.parametrize("memo_limit", [50_000, 3])
def test_csv_line_is_the_plain_cells(tmp_path, monkeypatch, schema, memo_limit):
    monkeypatch.setattr(writing.CsvCells, "limit", memo_limit)
    table = CsvTableWriter(tmp_path / "t.csv", schema)
    width = len(table.header)
    for start in range(len(VALUES)):  # each value in every column, twice over
        for _ in range(2):
            row = [VALUES[(start + column) % len(VALUES)] for column in range(width)]
            assert _csv_or_error(lambda: table.line(row)) == _csv_or_error(lambda: _csv_plain(table, row))
    table.discard()


def test_csv_line_refuses_a_row_of_another_width(tmp_path):
    table = CsvTableWriter(tmp_path / "t.csv", Mention)
    with pytest.raises(ValueError):
        table.line(["d", "LAND"])
    table.discard()


def test_csv_lines_written_at_once_are_the_lines(tmp_path):
    table = CsvTableWriter(tmp_path / "t.csv", Mention)
    rows = [as_row(Mention("d", "LAND", 0, 6, "Bayern", "Bayern")), as_row(Mention("d", "ORG", 7, 9, "=x", ""))]
    table.write_lines([table.line(row) for row in rows])
    table.write_lines([])
    table.commit()
    assert table.rows_written == 2
    assert (tmp_path / "t.csv").read_bytes().decode("utf-8").split(CSV_LINE_TERMINATOR)[1:] == \
        ['"d","LAND",0,6,"Bayern","Bayern",""', '"d","ORG",7,9,"\'=x","",""', ""]


SHEET_KINDS = [TEXT, INTEGER, DATE, EURO, FIGURE]


def _plain_row_xml(sheet: XlsxSheet, number: int, row) -> tuple[list[int], str]:
    """A row's widths and XML, one cell at a time as the sheet did before its memos."""
    widths, cells = [0] * len(row), []
    for column, value in enumerate(row):
        if value is None or value == "":
            continue
        width, xml = sheet.plain_cell(column, value, row[sheet.kind_column] == "amount")
        widths[column] = width
        if xml:
            cells.append(f'<c r="{sheet.letters[column]}{number}"{xml}')
    return widths, f'<row r="{number}">' + "".join(cells) + "</row>"


def _sheet_or_error(call):
    try:
        return call()
    except Exception as error:
        return type(error)


@pytest.mark.parametrize("memo_limit", [20_000, 3])
@pytest.mark.parametrize("row_kind", ["amount", "funding_rate"])
def test_sheet_rows_are_the_plain_cells(monkeypatch, memo_limit, row_kind):
    monkeypatch.setattr(xlsx.SheetCells, "limit", memo_limit)
    sheet = XlsxSheet("t", ["kind", *(f"c{i}" for i in range(len(SHEET_KINDS)))], [TEXT, *SHEET_KINDS])
    for start in range(len(VALUES)):
        for _ in range(2):
            row = [row_kind, *(VALUES[(start + column) % len(VALUES)] for column in range(len(SHEET_KINDS)))]
            prepared = _sheet_or_error(lambda: sheet.prepare(row))
            plain = _sheet_or_error(lambda: _plain_row_xml(sheet, 7, row))
            if isinstance(plain, type):
                assert prepared is plain
                continue
            widths, xml = plain
            assert list(prepared.widths) == widths
            assert f'<row r="{ROW_MARK}">{prepared.cells}</row>'.replace(ROW_MARK, "7") == xml
    sheet.close()


def test_sheet_rows_written_at_once_number_and_measure_each_row():
    sheet = XlsxSheet("t", ["name", "n"], [TEXT, INTEGER])
    sheet.add_prepared_rows([sheet.prepare(["Bayern", 12]), sheet.prepare(["", 3])])
    sheet.add_prepared_rows([])
    sheet.add_prepared(sheet.prepare(["Nordrhein-Westfalen", None]))
    sheet._rows.seek(0)
    written = sheet._rows.read().decode()
    sheet.close()
    assert sheet.rows_written == 3
    assert sheet.widths == [len("Nordrhein-Westfalen"), 2]
    assert written.split("</row>", 1)[1] == (
        '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">Bayern</t></is></c><c r="B2"><v>12</v></c></row>'
        '<row r="3"><c r="B3"><v>3</v></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">Nordrhein-Westfalen</t></is></c></row>')


# --- rows read in one step (schema.row_getter) and the cache entry built from them ---------

ROW_OBJECTS = [
    Record("d:1-2:amount", "d", "Bayern", "", "", "amount", "20000", "exact", "", "", "", "", "", "x", 1, 2, ""),
    Mention("d", "LAND", 0, 6, "Bayern", "Bayern"),
    Programme("d", "", "Digitalbonus", "", "", "", ""),
]


@pytest.mark.parametrize("obj", ROW_OBJECTS)
def test_as_row_is_the_fields_in_order(obj):
    assert as_row(obj) == tuple(getattr(obj, f.name) for f in fields(obj))


def _entry_the_plain_way(result) -> bytes | None:
    """encode_entry as it was: lists of getattr per field, each value's type checked alone."""
    body: dict = {"page": [getattr(NO_FACTS, f.name) for f in fields(PageFacts)], "doc_id": result.doc_id}
    c = result.clean
    body["clean"] = None if c is None else [c.text, list(c.run_starts), list(c.run_sources)]
    for name, cls in (("records", Record), ("programmes", Programme), ("mentions", Mention)):
        types = [int if f.type in ("int", int) else str for f in fields(cls)]
        rows = [[getattr(obj, f.name) for f in fields(cls)] for obj in getattr(result, name)]
        if not all(len(row) == len(types) and all(type(v) is t for v, t in zip(row, types)) for row in rows):
            return None
        body[name] = rows
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{CACHE_FORMAT} {hashlib.sha256(text).hexdigest()}\n".encode() + text


@pytest.mark.parametrize("mentions", [
    [Mention("d", "LAND", 0, 6, "Bayern", "Bayern"), Mention("d", "MONEY", 7, 9, "5 €", "5", "")],
    [Mention("d", "LAND", "0", 6, "Bayern", "Bayern")],  # an offset of the wrong type: not cached
    [Mention("d", "LAND", True, 6, "Bayern", "Bayern")],  # a bool is no int here either
    [],
])
def test_cache_entry_is_the_plain_entry(mentions):
    result = DocResult("d", ROW_OBJECTS[:1], ROW_OBJECTS[2:], mentions, clean=CleanText("Bayern 5 €", (0,), (0,)))
    assert encode_entry(result) == _entry_the_plain_way(result)
