"""The column dictionary: docs/columns.md and the workbook's columns sheet come from one table."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import build_parser
from pipeline.io.column_guide import CELL_KINDS, DATE, OUTPUT_COLUMNS, TEXT, cell_kinds, markdown
from pipeline.io.writing import NUMERIC_COLUMNS
from pipeline.io.xlsx import SUMMARY_COLUMNS, SUMMARY_OUTPUT
from pipeline.schema import Mention, Programme, Record, SourceFile, columns
from pipeline.totals import TOTALS_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {"records.csv": (Record, columns(Record) + list(TOTALS_COLUMNS)),
           "programmes.csv": (Programme, columns(Programme)),
           "mentions.csv": (Mention, columns(Mention)),
           "sources.csv": (SourceFile, columns(SourceFile))}


def test_docs_columns_md_is_current():
    assert (ROOT / "docs" / "columns.md").read_text(encoding="utf-8") == markdown(), \
        "run: .venv/bin/python -m pipeline.io.column_guide > docs/columns.md"


@pytest.mark.parametrize("output", HEADERS)
def test_every_written_column_is_documented_in_order(output):
    """Each output's header appears in the guide in the same order (the guide may also
    hold a column another branch adds)."""
    documented = [c.name for c in OUTPUT_COLUMNS[output]]
    header = HEADERS[output][1]
    assert [name for name in documented if name in header] == header


@pytest.mark.parametrize("output", HEADERS)
def test_csv_numbers_are_the_guides_number_cells(output):
    cls, header = HEADERS[output]
    numeric = {name for name, kind in zip(header, cell_kinds(output, header)) if kind not in (TEXT, DATE)}
    assert numeric == NUMERIC_COLUMNS[cls.__name__] & set(header)


def test_summary_sheet_and_kinds():
    assert [c.name for c in OUTPUT_COLUMNS[SUMMARY_OUTPUT]] == list(SUMMARY_COLUMNS)
    assert {c.cell for cols in OUTPUT_COLUMNS.values() for c in cols} <= set(CELL_KINDS)
    assert all(c.meaning.strip() for cols in OUTPUT_COLUMNS.values() for c in cols)
    assert {"sources.csv", "mentions.csv"} <= set(OUTPUT_COLUMNS)


def test_extract_help_points_to_the_dictionary():
    extract = build_parser()._subparsers._group_actions[0].choices["extract"]
    assert "docs/columns.md" in extract.format_help()
