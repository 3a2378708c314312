"""Output writers: CSV injection, RFC 4180 quoting, atomic replacement, a byte-stable xlsx."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.schema import Mention, Programme, Record, columns
from pipeline.io.output_set import OutputSet
from pipeline.io.writing import (
    CSV_LINE_TERMINATOR,
    AtomicFile,
    CsvTableWriter,
    neutralise,
)
from pipeline.io.xlsx import (
    FIXED_ZIP_DATE_TIME,
    AmountSummary,
    XlsxWorkbook,
    column_letter,
    write_xlsx,
)

# (text, as it must appear in a spreadsheet cell)
NEUTRALISE = [
    ("=SUMME(A1:A9)", "'=SUMME(A1:A9)"),
    ('=HYPERLINK("http://example.org";"Förderung")', '\'=HYPERLINK("http://example.org";"Förderung")'),
    ("+49 30 1234567", "'+49 30 1234567"),
    ("-2+3", "'-2+3"),
    ("- die Förderung wird um ein Jahr verlängert.", "'- die Förderung wird um ein Jahr verlängert."),
    ("@SUMME(A1)", "'@SUMME(A1)"),
    ("\tTabulator voran", "'\tTabulator voran"),
    ("\rWagenrücklauf voran", "'\rWagenrücklauf voran"),
    ("Das Land fördert mit 20.000 Euro.", "Das Land fördert mit 20.000 Euro."),
    ("Kosten = 20.000 Euro", "Kosten = 20.000 Euro"),
    ("'=schon geschützt", "'=schon geschützt"),
    (" =mit Leerzeichen", " =mit Leerzeichen"),
    ("", ""),
    # a semicolon-locale spreadsheet splits at ";" and line ends: each fragment is a cell start
    ("Kosten;=cmd|' /C calc'!A0", "Kosten;'=cmd|' /C calc'!A0"),
    ("Förderung; -5 Prozent", "Förderung; -5 Prozent"),
    ("Förderung;-5 Prozent", "Förderung;'-5 Prozent"),
    ("Liste:\n- erster Punkt\r\n+ zweiter Punkt", "Liste:\n'- erster Punkt\r\n'+ zweiter Punkt"),
    ("a;@SUMME(A1);b", "a;'@SUMME(A1);b"),
    ("Bindestrich-Wort und 1-2 Jahre", "Bindestrich-Wort und 1-2 Jahre"),
]


@pytest.mark.parametrize("text, expected", NEUTRALISE)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def _record(evidence: str, value: str = "20000", programme: str = "Digitales Rathaus", start: int = 48) -> Record:
    return Record(
        record_id=f"meldung:{start}-{start + 11}:amount", doc_id="meldung", land="Hessen",
        programme=programme, body="Hessisches Ministerium des Innern", kind="amount", value=value,
        qualifier="up_to", per="municipality", period_start="2021", period_end="2024",
        deadline="2021-08-31", duration="P2Y", evidence=evidence, start=start, end=start + 11,
        basis="land=sentence;programme=section;body=document",
    )


# (id, evidence as extracted, evidence as it must read back)
EVIDENCE = [
    ("formula", "=1+1 Euro für jede Gemeinde", "'=1+1 Euro für jede Gemeinde"),
    ("quotes, semicolon, comma and newline",
     'Der Minister sagte: „Das ist gut“; "wir geben 20.000 Euro",\nund zwar pro Kommune.',
     'Der Minister sagte: „Das ist gut“; "wir geben 20.000 Euro",\nund zwar pro Kommune.'),
    ("list dash", "- die Förderung beträgt bis zu 20.000 Euro", "'- die Förderung beträgt bis zu 20.000 Euro"),
    ("bare CR inside", "erste Zeile\rzweite Zeile mit 20.000 Euro", "erste Zeile\rzweite Zeile mit 20.000 Euro"),
    ("CRLF inside", "Zeile eins\r\nZeile zwei", "Zeile eins\r\nZeile zwei"),
    ("plain", "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro.",
     "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro."),
]


def _expected_row(record: Record, evidence: str) -> list[str]:
    row = [str(v) for v in (record.record_id, record.doc_id, record.land, record.programme, record.body,
                            record.kind, record.value, record.qualifier, record.per, record.period_start,
                            record.period_end, record.deadline, record.duration)]
    return row + [evidence, str(record.start), str(record.end), record.basis]


def test_csv_cells_read_back_cell_for_cell(tmp_path):
    target = tmp_path / "records.csv"
    records = [_record(raw, start=10 * i) for i, (_, raw, _) in enumerate(EVIDENCE)]
    records.append(_record("Programm beginnt mit Gleichheitszeichen", programme="=Starke Heimat"))
    with CsvTableWriter(target, Record) as table:
        for record in records:
            table.write(record)
    expected = [_expected_row(r, back) for r, (_, _, back) in zip(records, EVIDENCE)]
    expected.append(_expected_row(records[-1], records[-1].evidence))
    expected[-1][3] = "'=Starke Heimat"

    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == columns(Record)
    assert rows[1:] == expected

    frame = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == columns(Record)
    assert frame.values.tolist() == expected


def test_csv_format_choices(tmp_path):
    """UTF-8 without BOM, RFC 4180 CRLF row ends, a bare header; every text cell quoted
    (empty ones too), numbers unquoted and never prefixed."""
    target = tmp_path / "records.csv"
    with CsvTableWriter(target, Record) as table:
        table.write(_record("- Anstrich; =x", value="12.5", programme="", start=0))
    data = target.read_bytes()
    assert CSV_LINE_TERMINATOR == "\r\n"
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(b"record_id,doc_id,land,programme,")
    assert data.endswith(b',"\'- Anstrich; =x",0,11,"land=sentence;programme=section;body=document"\r\n')
    assert b',"Hessen","","Hessisches Ministerium des Innern","amount",12.5,"up_to",' in data


# (cell text, the cells a semicolon-locale spreadsheet makes of its CSV line)
SEMICOLON_SPLITS = [
    ("Kosten;=cmd|' /C calc'!A0", ["Kosten", "'=cmd|' /C calc'!A0"]),
    ('Er sagte: "ja";+1', ['Er sagte: ""ja""', "'+1"]),
    ("eins\n-zwei", ["eins", "'-zwei"]),
]


@pytest.mark.parametrize("text, fragments", SEMICOLON_SPLITS)
def test_no_fragment_of_a_semicolon_split_starts_a_formula(tmp_path, text, fragments):
    """Read as a semicolon-locale Excel reads a comma file: split at ";" and line ends; a
    quote is a quote only where its field begins. No piece starts with a trigger."""
    target = tmp_path / "mentions.csv"
    with CsvTableWriter(target, Mention) as table:
        table.write(Mention("meldung", "PROGRAMME", 5, 20, text, "x"))
    line = target.read_bytes().decode("utf-8").split("\r\n", 1)[1]
    pieces = [piece for part in line.split(";") for piece in part.replace("\r", "\n").split("\n")]
    assert all(not piece.startswith(("=", "+", "-", "@")) for piece in pieces)
    inner = [piece for piece in pieces if any(f in piece for f in fragments[1:])]
    assert len(inner) == len(fragments) - 1


def test_mention_value_is_text(tmp_path):
    target = tmp_path / "mentions.csv"
    with CsvTableWriter(target, Mention) as table:
        table.write(Mention("meldung", "PROGRAMME", 5, 20, "+Plus-Programm", "+Plus-Programm"))
        table.write(Mention("meldung", "MONEY", 30, 41, "20.000 Euro", "20000"))
        table.write(Mention("meldung", "MONEY", 50, 56, "0 Euro", "", "an amount must be above 0 euro"))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "refused"
    assert rows[1:] == [["meldung", "PROGRAMME", "5", "20", "'+Plus-Programm", "'+Plus-Programm", ""],
                        ["meldung", "MONEY", "30", "41", "20.000 Euro", "20000", ""],
                        ["meldung", "MONEY", "50", "56", "0 Euro", "", "an amount must be above 0 euro"]]
    assert target.read_bytes().splitlines()[2] == b'"meldung","MONEY",30,41,"20.000 Euro","20000",""'


def _folder_listing(folder: Path) -> dict[str, bytes]:
    """What a reader of the folder sees: its visible files (through their links)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


OLD_OUTPUTS = {"records.csv": b"alt,records\r\n", "programmes.csv": b"alt,programmes\r\n",
               "records.xlsx": b"PK alt"}


@pytest.mark.parametrize("interruption", [RuntimeError("Festplatte voll"), KeyboardInterrupt(), SystemExit(143)],
                         ids=["error", "ctrl-c", "sigterm"])
def test_interrupted_outputs_keep_the_old_files(tmp_path, interruption):
    for name, data in OLD_OUTPUTS.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(type(interruption)):
        with OutputSet(tmp_path) as outputs:
            records = outputs.csv_table("records.csv", Record)
            programmes = outputs.csv_table("programmes.csv", Programme)
            for i in range(500):
                records.write(_record(f"Satz {i} mit 20.000 Euro.", start=i))
            programmes.write(Programme("meldung", "Hessen", "Starke Heimat", "", "", "", ""))
            outputs.file("records.xlsx", binary=True).handle.write(b"PK halb")
            raise interruption
    assert _folder_listing(tmp_path) == OLD_OUTPUTS  # old bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", *sorted(OLD_OUTPUTS)]  # no staging left


def test_outputs_replace_together_on_success(tmp_path):
    """The new set replaces the old one whole: an old output it does not hold goes; a
    file that is no output of a run stays."""
    for name, data in OLD_OUTPUTS.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "notizen.txt").write_bytes(b"meine Notizen")
    with OutputSet(tmp_path) as outputs:
        records = outputs.csv_table("records.csv", Record)
        records.write(_record("Neu: 20.000 Euro."))
        outputs.file("run.json").handle.write("{}\n")
        assert (tmp_path / "records.csv").read_bytes() == OLD_OUTPUTS["records.csv"]  # not yet
    listing = _folder_listing(tmp_path)
    assert set(listing) == {"records.csv", "run.json", "notizen.txt"}
    assert listing["records.csv"].startswith(b"record_id,doc_id,")
    assert listing["notizen.txt"] == b"meine Notizen"
    assert (tmp_path / "records.csv").stat().st_mode & 0o777 != 0o600  # usual permissions, not mkstemp's
    assert (tmp_path / ".current").resolve().stat().st_mode & 0o777 != 0o700
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(".set-")]) == 1  # the old set is gone


def test_a_second_run_into_the_folder_is_refused(tmp_path):
    from pipeline.io.output_set import OutputFolderBusy

    with OutputSet(tmp_path) as first:
        first.file("run.json").handle.write("{}\n")
        with pytest.raises(OutputFolderBusy):
            OutputSet(tmp_path)
    with OutputSet(tmp_path) as again:  # the lock is free once the first has committed
        again.file("run.json").handle.write("[]\n")
    assert (tmp_path / "run.json").read_text(encoding="utf-8") == "[]\n"


def test_single_atomic_file_commits_or_discards(tmp_path):
    target = tmp_path / "run.json"
    target.write_text("alt", encoding="utf-8")
    with pytest.raises(ValueError):
        with AtomicFile(target) as atomic:
            atomic.handle.write("halb")
            raise ValueError
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]
    assert target.read_text(encoding="utf-8") == "alt"
    with AtomicFile(target) as atomic:
        atomic.handle.write("neu")
    assert target.read_text(encoding="utf-8") == "neu"


def _workbook_bytes(records: list[Record]) -> bytes:
    workbook = XlsxWorkbook()
    records_sheet, programmes_sheet = workbook.schema_sheet("records", Record), workbook.schema_sheet("programmes", Programme)
    summary_sheet = workbook.summary_sheet()
    summary = AmountSummary()
    for record in records:
        records_sheet.add(record)
        summary.add(record)
    programmes_sheet.add(Programme("meldung", "Hessen", "=Starke Heimat", "", "2021", "2024", ""))
    summary.write_to(summary_sheet)
    buffer = io.BytesIO()
    write_xlsx(buffer, workbook)
    workbook.close()
    return buffer.getvalue()


XLSX_RECORDS = [
    _record("=WENN(A1>0;1;0) steht am Satzanfang", value="20000", start=0),
    _record("Halbe Million: 0,5 Mio. Euro", value="500000.5", start=20),
    _record("Steuerzeichen\x0b im Text", value="1000", programme="", start=40),
    _record(" Leerzeichen vorn, <Klammern> & Wagenrücklauf\r\nim Text ", value="12", start=50),
    _record("Ein sehr langer Satz " * 30, value="3300000", start=60),
]


def test_xlsx_is_byte_identical_and_typed():
    first, second = _workbook_bytes(XLSX_RECORDS), _workbook_bytes(XLSX_RECORDS)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_ZIP_DATE_TIME}
        assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")

    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["records", "programmes", "summary"]
    records = book["records"]
    assert records.freeze_panes == "A2"
    assert records.auto_filter.ref == "A1:Q6"
    header = [cell.value for cell in records[1]]
    assert header == columns(Record)
    evidence, value, start = header.index("evidence") + 1, header.index("value") + 1, header.index("start") + 1
    assert records.cell(2, evidence).value == "=WENN(A1>0;1;0) steht am Satzanfang"
    assert records.cell(2, evidence).data_type == "s"
    assert (records.cell(2, value).value, records.cell(3, value).value) == (20000, 500000.5)
    assert isinstance(records.cell(2, value).value, int) and isinstance(records.cell(2, start).value, int)
    assert records.cell(4, evidence).value == "Steuerzeichen  im Text"
    assert records.cell(2, header.index("basis") + 1).value == "land=sentence;programme=section;body=document"
    assert records.cell(5, evidence).value == " Leerzeichen vorn, <Klammern> & Wagenrücklauf\r\nim Text "
    assert records.column_dimensions["N"].width == 62  # evidence: capped
    assert records.column_dimensions["B"].width == len("meldung") + 2
    assert book["programmes"].cell(2, 3).value == "=Starke Heimat"
    assert book["programmes"].cell(2, 3).data_type == "s"

    summary = [[cell.value for cell in row] for row in book["summary"].iter_rows()]
    assert summary == [["land", "programme", "total_euro", "records"],
                       ["Hessen", "Digitales Rathaus", 3820012.5, 4],
                       ["Hessen", None, 1000, 1]]


SUMMARY_ROWS = [
    # (land, programme, kind, value) ...                      -> expected summary rows
    ([("Bayern", "Digitales Rathaus", "amount", "20000"), ("Bayern", "Digitales Rathaus", "amount", "5000"),
      ("Bayern", "Digitales Rathaus", "funding_rate", "90")],
     [("Bayern", "Digitales Rathaus", "25000", 2)]),
    ([("", "", "amount", "1000000"), ("Sachsen", "", "amount", "300"), ("Hessen", "Starke Heimat", "amount", "0.5"),
      ("Hessen", "Digitale Schule", "amount", "2")],
     [("Hessen", "Digitale Schule", "2", 1), ("Hessen", "Starke Heimat", "0.5", 1), ("Sachsen", "", "300", 1),
      ("", "", "1000000", 1)]),
    ([("Thüringen", "", "own_share", "10")], []),
]


@pytest.mark.parametrize("figures, expected", SUMMARY_ROWS)
def test_amount_summary(figures, expected):
    summary = AmountSummary()
    for land, programme, kind, value in figures:
        summary.add(Record("id", "doc", land, programme, "", kind, value, "exact", "", "", "", "", "", "", 0, 1))
    assert summary.rows() == expected


@pytest.mark.parametrize("index, letters", [(0, "A"), (15, "P"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"),
                                            (702, "AAA")])
def test_column_letter(index, letters):
    assert column_letter(index) == letters


@pytest.mark.parametrize("text", [
    "", "Förderung", "=SUMME(A1)", "+49 30", "-5", "@x", "\tTab", "\rx", "a;b", "a;=b", "a\n=b", "a\r\n+b",
    "Ein Satz - mit Strich", "Kosten; davon - 20", "a;;=", "'=x", "x=y", "\n", ";",
])
def test_neutralise_gives_what_its_regex_gives(text):
    """neutralise skips its regex where no cell can begin but at the start (issue 13: the
    CSV's text cells); the result is the regex's on every text."""
    from pipeline.io.writing import CELL_START_BEFORE_TRIGGER_RE, neutralise

    assert neutralise(text) == CELL_START_BEFORE_TRIGGER_RE.sub(r"\1'", text)
