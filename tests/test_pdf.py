"""PDF inputs: the text layer read in reading order (pipeline/io/pdf.py), a scan refused
with one clear line, a broken PDF costing that file only, a PDF in a folder never skipped.

The PDFs in tests/fixtures/pdf/ are made by tools/make_pdf_fixtures.py (the team's own
sentences); a broken PDF is made here from bytes.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pipeline.extract import extract_sources
from pipeline.io.batch import EXIT_REFUSED, run_extract
from pipeline.io.pdf import NO_TEXT_LAYER
from pipeline.io.reading import InputError, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def test_two_columns_are_read_left_column_first():
    # the file draws the page line by line across both columns
    text = read_source(FIXTURES / "two_columns.pdf").text
    assert "Millionen Euro\nfür neue Dorfläden bereit." in text
    assert text.index("für neue Dorfläden bereit.") < text.index("Anträge sind bis zum")


def test_table_cells_each_once_under_their_header():
    text = read_source(FIXTURES / "table.pdf").text
    for cell in ("Musterstadt", "Feuerwehrhaus", "120.000", "85.500", "1.250.000"):
        assert text.count(cell) == 1, cell
    assert text.index("Zuwendung in Euro") < text.index("120.000") < text.index("85.500") < text.index("1.250.000")


# (fixture, figure as it stands in the extracted text, value, a word of its evidence)
FIGURES = [
    ("two_columns.pdf", "2,5 Millionen Euro", "2500000", "insgesamt"),
    # a narrow column's short lines end in "den": cleaning joins them into one sentence
    ("two_columns.pdf", "2,5 Millionen Euro", "2500000", "Dorfläden"),
    ("hyphenated.pdf", "750.000 Euro", "750000", "Fördermittel"),  # "Förder-\nmittel" joined by cleaning
]


@pytest.mark.parametrize("name, figure, value, evidence_word",
                         [pytest.param(*row, id=f"{row[0]}-{row[3]}") for row in FIGURES])
def test_records_of_a_pdf_point_into_its_extracted_text(name, figure, value, evidence_word):
    source = read_source(FIXTURES / name)
    [result] = extract_sources([source])
    [record] = [r for r in result.records if r.kind == "amount"]
    assert source.text[record.start:record.end] == figure
    assert (record.value, record.doc_id) == (value, Path(name).stem)
    assert evidence_word in record.evidence


def test_a_scan_has_no_text_layer():
    with pytest.raises(InputError) as caught:
        read_source(FIXTURES / "scanned.pdf")
    assert caught.value.problem == NO_TEXT_LAYER == "no text layer — scanned PDF?"
    assert caught.value.n_bytes == (FIXTURES / "scanned.pdf").stat().st_size


def _sources_csv(out: Path) -> dict[str, dict]:
    with open(out / "sources.csv", encoding="utf-8", newline="") as handle:
        return {Path(row["path"]).name: row for row in csv.DictReader(handle)}


def test_pdfs_in_a_folder_are_read_or_named(tmp_path, capsys):
    folder = tmp_path / "eingang"
    folder.mkdir()
    for name in ("two_columns.pdf", "scanned.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "kaputt.pdf").write_bytes((FIXTURES / "table.pdf").read_bytes()[:700])  # cut off mid-file
    (folder / "meldung.txt").write_text("Kiel, 3. Mai 2024 – Das Land gibt 20.000 Euro.\n", encoding="utf-8")

    status = run_extract([folder], tmp_path / "out", progress=False)

    assert status == EXIT_REFUSED
    stderr_lines = capsys.readouterr().err.splitlines()
    assert f"pipeline: {folder / 'scanned.pdf'}: {NO_TEXT_LAYER}" in stderr_lines
    [broken_line] = [line for line in stderr_lines if "kaputt.pdf" in line]
    assert broken_line.startswith(f"pipeline: {folder / 'kaputt.pdf'}: broken PDF (")
    rows = _sources_csv(tmp_path / "out")
    assert {name: (row["status"], row["problem"]) for name, row in rows.items()} == {
        "kaputt.pdf": ("refused", broken_line.split(": ", 2)[2]),
        "meldung.txt": ("read", ""),
        "scanned.pdf": ("refused", NO_TEXT_LAYER),
        "two_columns.pdf": ("read", ""),
    }
    assert rows["two_columns.pdf"]["title"] == "Land fördert Dorfläden"
    with open(tmp_path / "out" / "records.csv", encoding="utf-8") as handle:
        doc_ids = {row["doc_id"] for row in csv.DictReader(handle)}
    assert doc_ids == {"two_columns", "meldung"}
