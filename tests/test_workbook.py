"""records.xlsx reads like money: euro and percent cells, real dates, text as text, one
sheet per output, the summary of counted records, the columns sheet; read back with openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from pipeline.io.batch import run_extract
from pipeline.io.column_guide import DATE, EURO, FIGURE, INTEGER, TEXT, column_sheet_rows
from pipeline.io.xlsx import XlsxWorkbook, write_xlsx
from pipeline.io.xlsx_cells import DATE_FORMAT, EURO_CENTS_FORMAT, EURO_FORMAT, PERCENT_FRACTION_FORMAT

EURO_FORMATS = {EURO_FORMAT, EURO_CENTS_FORMAT}
PERCENT_FORMATS = {"0%", PERCENT_FRACTION_FORMAT}

# (cell kind, value as written in the CSV, the row's kind) -> (value read back, number format)
CELLS = [
    (EURO, "1503900", "", 1503900, EURO_FORMAT),
    (EURO, "3250000.5", "", 3250000.5, EURO_CENTS_FORMAT),
    (FIGURE, "20000", "amount", 20000, EURO_FORMAT),
    (FIGURE, "1.2", "amount", 1.2, EURO_CENTS_FORMAT),
    (FIGURE, "80", "funding_rate", 0.8, "0%"),
    (FIGURE, "12.5", "own_share", 0.125, PERCENT_FRACTION_FORMAT),
    (FIGURE, "33.33", "funding_rate", 0.3333, PERCENT_FRACTION_FORMAT),
    (DATE, "2025-03-31", "", datetime(2025, 3, 31), DATE_FORMAT),
    (DATE, "1900-03-01", "", datetime(1900, 3, 1), DATE_FORMAT),
    (DATE, "2024", "", "2024", "General"),
    (DATE, "2024-03", "", "2024-03", "General"),
    (DATE, "2023-02-30", "", "2023-02-30", "General"),  # no such day: text as written
    (DATE, "1899-12-31", "", "1899-12-31", "General"),  # before Excel's dates are right
    (INTEGER, "793", "", 793, "General"),
    (TEXT, "=SUMME(A1:A9)", "", "=SUMME(A1:A9)", "General"),
    (TEXT, "2025-03-31", "", "2025-03-31", "General"),  # a date in a text column stays text
    (TEXT, "80", "", "80", "General"),
]


@pytest.mark.parametrize("kind, value, row_kind, expected, number_format", CELLS)
def test_cell_kinds_read_back(kind, value, row_kind, expected, number_format):
    workbook = XlsxWorkbook()
    sheet = workbook.sheet("zellen", ["kind", "wert"], [TEXT, kind])
    sheet.add_values([row_kind, value])
    buffer = io.BytesIO()
    write_xlsx(buffer, workbook)
    workbook.close()
    cell = openpyxl.load_workbook(buffer)["zellen"].cell(2, 2)
    assert cell.value == pytest.approx(expected) if isinstance(expected, float) else cell.value == expected
    assert type(cell.value) is type(expected)
    assert cell.number_format == number_format


DOCUMENTS = {
    "dorfladen.txt": (
        "Land fördert Dorfläden mit 2 Millionen Euro\n\n"
        "Wiesbaden, 12. Februar 2025. Das Land Hessen stellt für das Programm „Starke Dorfmitte“ im Jahr 2025 "
        "insgesamt 2 Millionen Euro bereit. Jede Gemeinde erhält bis zu 50.000 Euro, der Fördersatz beträgt "
        "80 Prozent. Gefördert werden Vorhaben mit 10.000 bis 40.000 Euro. Anträge sind bis zum 31.03.2025 "
        "zu stellen.\n\n"
        "Für Beratung gibt das Land zusätzlich 1,20 Euro pro Einwohner. Der Eigenanteil der Gemeinden liegt "
        "bei 12,5 Prozent.\n"
    ),
    "sporthallen.txt": (
        "Neue Sporthallen in Sachsen\n\n"
        "Der Freistaat Sachsen fördert mit dem Programm „Hallen für alle“ den Bau von Sporthallen mit "
        "3.250.000,50 Euro.\n"
    ),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meldungen")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder / "ausgabe"
    assert run_extract([folder], out, progress=False) == 0
    with (out / "records.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    return records, openpyxl.load_workbook(out / "records.xlsx"), out


def _sheet_dicts(sheet) -> list[dict]:
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


def test_one_sheet_per_output_and_the_columns_sheet(run):
    records, book, out = run
    assert book.sheetnames == ["records", "programmes", "mentions", "summary", "columns"]
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        assert book["mentions"].max_row == len(list(csv.reader(handle)))
    columns = [tuple(cell.value for cell in row) for row in book["columns"].iter_rows(min_row=2)]
    assert columns == column_sheet_rows()


def test_records_sheet_types(run):
    records, book, _ = run
    sheet_rows = _sheet_dicts(book["records"])
    assert len(sheet_rows) == len(records) == 9
    for csv_row, cells in zip(records, sheet_rows):
        value = cells["value"]
        if csv_row["kind"] == "amount":
            assert value.number_format in EURO_FORMATS and value.value == pytest.approx(float(csv_row["value"]))
        else:
            assert value.number_format in PERCENT_FORMATS
            assert value.value == pytest.approx(float(csv_row["value"]) / 100)
        assert cells["deadline"].value == datetime(2025, 3, 31) or csv_row["deadline"] == ""
        assert cells["evidence"].data_type == "s" and cells["evidence"].value == csv_row["evidence"]
        assert cells["in_totals"].value == int(csv_row["in_totals"])
        assert (cells["not_in_totals"].value or "") == csv_row["not_in_totals"]
    dated = [cells for cells in sheet_rows if cells["deadline"].value is not None]
    assert dated and all(cells["deadline"].number_format == DATE_FORMAT for cells in dated)
    years = [cells["period_start"] for cells in sheet_rows if cells["period_start"].value is not None]
    assert years and all(cell.value == "2025" and cell.data_type == "s" for cell in years)


def test_summary_adds_counted_amounts_only(run):
    records, book, _ = run
    summary = [[cell.value for cell in row] for row in book["summary"].iter_rows(min_row=2)]
    # the headline figure, not its restatement, the range, the per-unit figures or the rates
    assert summary == [["Hessen", "Starke Dorfmitte", 2000000, 1], ["Sachsen", "Hallen für alle", 3250000.5, 1]]
    counted = sum(Decimal(r["value"]) for r in records if r["in_totals"] == "1")
    assert counted == Decimal("5250000.5")
    assert [row[2].number_format for row in book["summary"].iter_rows(min_row=2)] == [EURO_FORMAT, EURO_CENTS_FORMAT]
