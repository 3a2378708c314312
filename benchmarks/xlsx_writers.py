"""Time to write records.xlsx: the hand-written writer (pipeline/io/xlsx.py) against
XlsxWriter in constant_memory mode, on the same rows and with the same cell types.

    .venv/bin/python benchmarks/xlsx_writers.py [--copies 15] [--repeat 3]

The corpus is extracted once; its results are repeated --copies times (the bench corpus of
benchmarks/bench.py is the corpus about 15 times). Each writer writes the records,
programmes, mentions, summary and columns sheets; best wall time of --repeat runs, taken in
turn. XlsxWriter is not a dependency: without it only the hand-written writer is timed.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from datetime import date
from pathlib import Path

from pipeline.extract import extract_sources
from pipeline.io.column_guide import COLUMN_SHEET_HEADER, DATE, EURO, FIGURE, INTEGER, cell_kinds, column_sheet_rows
from pipeline.io.inputs import iter_input_files
from pipeline.io.reading import read_source
from pipeline.io.xlsx import SUMMARY_COLUMNS, AmountSummary, XlsxWorkbook, write_xlsx
from pipeline.schema import Mention, Programme, Record, as_row, columns
from pipeline.totals import TOTALS_COLUMNS, not_counted_reasons, totals_cells

ROOT = Path(__file__).resolve().parents[1]


def corpus_rows(copies: int) -> tuple[list, list, list, AmountSummary]:
    """Records (with their totals cells), programmes and mentions of the corpus, repeated."""
    sources = [read_source(p) for p in iter_input_files([ROOT / "corpus"]) if isinstance(p, Path)]
    records, programmes, mentions, summary = [], [], [], AmountSummary()
    for result in extract_sources(sources):
        for record, reason in zip(result.records, not_counted_reasons(result.records)):
            records.append(as_row(record) + totals_cells(reason))
            if not reason:
                summary.add(record)
        programmes += map(as_row, result.programmes)
        mentions += map(as_row, result.mentions)
    return records * copies, programmes * copies, mentions * copies, summary


def hand_written(target: Path, records, programmes, mentions, summary) -> None:
    workbook = XlsxWorkbook()
    sheets = [(workbook.schema_sheet("records", Record, TOTALS_COLUMNS), records),
              (workbook.schema_sheet("programmes", Programme), programmes),
              (workbook.schema_sheet("mentions", Mention), mentions)]
    summary_sheet = workbook.summary_sheet()
    workbook.columns_sheet()
    for sheet, rows in sheets:
        for row in rows:
            sheet.add_prepared(sheet.prepare(row))
    summary.write_to(summary_sheet)
    with target.open("wb") as handle:
        write_xlsx(handle, workbook)
    workbook.close()


def with_xlsxwriter(target: Path, records, programmes, mentions, summary) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False,
                                             "strings_to_numbers": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    euro, euro_cents = book.add_format({"num_format": '#,##0 "€"'}), book.add_format({"num_format": '#,##0.00 "€"'})
    percent, day = book.add_format({"num_format": "0.0#%"}), book.add_format({"num_format": "yyyy-mm-dd"})

    def sheet(title, output, header, rows):
        ws = book.add_worksheet(title)
        kinds = cell_kinds(output, header)
        kind_column = header.index("kind") if "kind" in header else None
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, header, bold)
        for r, row in enumerate(rows, start=1):
            for c, (value, kind) in enumerate(zip(row, kinds)):
                if value is None or value == "":
                    continue
                if kind == INTEGER:
                    ws.write_number(r, c, float(value))
                elif kind == EURO or (kind == FIGURE and row[kind_column] == "amount"):
                    number = float(value)
                    ws.write_number(r, c, number, euro if number.is_integer() else euro_cents)
                elif kind == FIGURE:
                    ws.write_number(r, c, float(value) / 100, percent)
                elif kind == DATE and len(value) == 10:
                    ws.write_datetime(r, c, date.fromisoformat(value), day)
                else:
                    ws.write_string(r, c, str(value))
        ws.autofilter(0, 0, len(rows), len(header) - 1)

    sheet("records", "records.csv", columns(Record) + list(TOTALS_COLUMNS), records)
    sheet("programmes", "programmes.csv", columns(Programme), programmes)
    sheet("mentions", "mentions.csv", columns(Mention), mentions)
    sheet("summary", "summary (workbook sheet)", list(SUMMARY_COLUMNS), summary.rows())
    sheet("columns", "", list(COLUMN_SHEET_HEADER), column_sheet_rows())
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = corpus_rows(args.copies)
    writers = {"hand-written SpreadsheetML": hand_written}
    try:
        import xlsxwriter  # noqa: F401

        writers["XlsxWriter constant_memory"] = with_xlsxwriter
    except ImportError:
        print("XlsxWriter not installed: timing the hand-written writer only")
    best = dict.fromkeys(writers, float("inf"))
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            for name, write in writers.items():
                gc.collect()
                started = time.perf_counter()
                write(Path(folder) / "records.xlsx", *rows)
                best[name] = min(best[name], time.perf_counter() - started)
    records, programmes, mentions, _ = rows
    print(f"{len(records)} records, {len(programmes)} programmes, {len(mentions)} mentions (corpus x {args.copies})")
    for name, seconds in best.items():
        print(f"{name:28s} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
