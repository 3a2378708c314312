"""The counted-in-totals rule (pipeline/totals.py) on documents of our own records."""

from __future__ import annotations

import pytest

from pipeline.schema import Mention, Record
from pipeline.totals import NOT_COUNTED_REASONS, figure_key, not_counted_reason, not_counted_reasons, totals_cells

HEADLINE = "Land gibt 5 Millionen Euro für Dorfläden"
BODY = "Das Land stellt für das Programm Dorfladen 5 Millionen Euro bereit."
RANGE = "Gefördert werden Vorhaben mit 20.000 bis 80.000 Euro."
MIN_MAX = "Je Vorhaben gibt es mindestens 10.000 Euro und höchstens 90.000 Euro."


def _record(kind="amount", value="5000000", qualifier="exact", per="", land="Hessen", programme="Dorfladen",
            evidence=BODY, start=0, end=10) -> Record:
    return Record(f"doc:{start}-{end}:{kind}", "doc", land, programme, "", kind, value, qualifier, per,
                  "", "", "", "", evidence, start, end)


# (case, one document's records in order -> the reason of each, "" = counted)
CASES = [
    ("one amount counts", [_record()], [""]),
    ("headline then body: the body restates it",
     [_record(evidence=HEADLINE, start=0, end=19), _record(start=80, end=99)], ["", "restatement"]),
    ("same value written differently is the same figure",
     [_record(value="5000000"), _record(value="5000000.00", start=50, end=60)], ["", "restatement"]),
    ("restatement regardless of the qualifier",
     [_record(qualifier="approx"), _record(start=50, end=60)], ["", "restatement"]),
    ("another programme: not a restatement",
     [_record(), _record(programme="Dorfschule", start=50, end=60)], ["", ""]),
    ("another Land: not a restatement",
     [_record(), _record(land="Bayern", start=50, end=60)], ["", ""]),
    ("another value: not a restatement",
     [_record(), _record(value="2500000", start=50, end=60)], ["", ""]),
    ("a funding rate is a percent", [_record(kind="funding_rate", value="80")], ["percent"]),
    ("an own share is a percent", [_record(kind="own_share", value="20")], ["percent"]),
    ("the same rate twice: percent both times, never a restatement",
     [_record(kind="funding_rate", value="80"), _record(kind="funding_rate", value="80", start=50, end=60)],
     ["percent", "percent"]),
    ("euros per inhabitant", [_record(value="1.2", per="person")], ["per_unit"]),
    ("euros per year and municipality", [_record(value="10000", per="year+municipality")], ["per_unit"]),
    ("a per-unit figure is not counted, so the same total later still counts",
     [_record(per="year"), _record(start=50, end=60)], ["per_unit", ""]),
    ("a range's two ends",
     [_record(value="20000", qualifier="at_least", evidence=RANGE, start=30, end=36),
      _record(value="80000", qualifier="up_to", evidence=RANGE, start=41, end=52)], ["range_bound", "range_bound"]),
    ("mindestens … und höchstens: a range too",
     [_record(value="10000", qualifier="at_least", evidence=MIN_MAX, start=31, end=42),
      _record(value="90000", qualifier="up_to", evidence=MIN_MAX, start=57, end=68)], ["range_bound", "range_bound"]),
    ("a range per project is per unit first",
     [_record(value="20000", qualifier="at_least", per="project", evidence=RANGE, start=30, end=36),
      _record(value="80000", qualifier="up_to", per="project", evidence=RANGE, start=41, end=52)],
     ["per_unit", "per_unit"]),
    ("at_least and up_to in two sentences: two figures, both count",
     [_record(value="20000", qualifier="at_least", evidence="Mindestens 20.000 Euro.", start=0, end=11),
      _record(value="80000", qualifier="up_to", evidence="Bis zu 80.000 Euro.", start=30, end=41)], ["", ""]),
    ("at_least and up_to far apart in one long sentence: both count",
     [_record(value="20000", qualifier="at_least", evidence=BODY, start=0, end=11),
      _record(value="80000", qualifier="up_to", evidence=BODY, start=100, end=111)], ["", ""]),
    ("up_to before at_least is no range",
     [_record(value="80000", qualifier="up_to", evidence=RANGE, start=30, end=36),
      _record(value="20000", qualifier="at_least", evidence=RANGE, start=41, end=52)], ["", ""]),
    ("a rate range and an amount in one sentence",
     [_record(kind="funding_rate", value="50", qualifier="at_least", evidence=RANGE, start=0, end=10),
      _record(value="80000", qualifier="up_to", evidence=RANGE, start=15, end=26)], ["percent", ""]),
    ("a range bound is not counted, so the same figure alone later counts",
     [_record(value="20000", qualifier="at_least", evidence=RANGE, start=30, end=36),
      _record(value="80000", qualifier="up_to", evidence=RANGE, start=41, end=52),
      _record(value="80000", start=90, end=101)], ["range_bound", "range_bound", ""]),
    ("an empty land and programme are a key like any other",
     [_record(land="", programme=""), _record(land="", programme="", start=50, end=60),
      _record(land="Hessen", programme="", start=70, end=80)], ["", "restatement", ""]),
    ("no records", [], []),
]


def _document(*sentences: tuple[str, list[tuple[str, str]]]) -> tuple[list, list]:
    """Records and MONEY mentions of a text of sentences, each with its figures (as written,
    with their values) in order; offsets as in the text the sentences make, joined by spaces."""
    records, mentions, offset = [], [], 0
    for sentence, figures in sentences:
        cursor = 0
        for written, value in figures:
            at = sentence.index(written, cursor)
            cursor = at + len(written)
            start, end = offset + at, offset + cursor
            records.append(_record(value=value, evidence=sentence, start=start, end=end))
            mentions.append(Mention("doc", "MONEY", start, end, written, value))
        offset += len(sentence) + 1
    return records, mentions


# (case, a sentence's change: sentence, first figure, second figure, their values -> reasons)
CHANGES = [
    ("von … auf: the old level", "Das Land erhöht die Mittel von 5 auf 8 Mio. Euro.", "5", "8 Mio. Euro",
     "5000000", "8000000", ["change", ""]),
    ("both written in full", "Der Zuschuss steigt von 120.000 Euro auf 150.000 Euro.", "120.000 Euro", "150.000 Euro",
     "120000", "150000", ["change", ""]),
    ("um … auf: the increase", "Das Budget wächst um 3 auf 8 Millionen Euro.", "3", "8 Millionen Euro",
     "3000000", "8000000", ["change", ""]),
    ("a cut: the old level too", "Die Mittel sinken von 9 auf 6 Mio. Euro.", "9", "6 Mio. Euro",
     "9000000", "6000000", ["change", ""]),
    ("two figures joined otherwise both count", "Die Stadt erhält 5 Mio. Euro und das Dorf 8 Mio. Euro.",
     "5 Mio. Euro", "8 Mio. Euro", "5000000", "8000000", ["", ""]),
]


@pytest.mark.parametrize("sentence, old, new, old_value, new_value, expected", [c[1:] for c in CHANGES],
                         ids=[c[0] for c in CHANGES])
def test_the_first_figure_of_a_change_does_not_count(sentence, old, new, old_value, new_value, expected):
    records, mentions = _document((sentence, [(old, old_value), (new, new_value)]))
    assert not_counted_reasons(records, mentions) == expected
    assert not_counted_reasons(records) == ["", ""]  # without the figures as written, no change is read


# (case, the sentences with their figures -> the reason of each figure)
PARTS = [
    ("davon after the whole", [("Es stehen 84 Mio. Euro bereit, davon 43 Mio. Euro im Jahr 2024.",
                                [("84 Mio. Euro", "84000000"), ("43 Mio. Euro", "43000000")])], ["", "part"]),
    ("darunter, with words between", [("Das Land gibt 10 Mio. Euro, darunter allein rund 4 Mio. Euro für Kitas.",
                                       [("10 Mio. Euro", "10000000"), ("4 Mio. Euro", "4000000")])], ["", "part"]),
    ("a sentence opening with Davon, and the list it goes on with",
     [("Das Land gibt 60 Mio. Euro.", [("60 Mio. Euro", "60000000")]),
      ("Davon entfallen 30 Mio. Euro auf Schulen, 20 Mio. Euro auf Kitas und 10 Mio. Euro auf Sporthallen.",
       [("30 Mio. Euro", "30000000"), ("20 Mio. Euro", "20000000"), ("10 Mio. Euro", "10000000")])],
     ["", "part", "part", "part"]),
    ("davon after the verb of the next sentence",
     [("Das Land gibt 8 Mio. Euro.", [("8 Mio. Euro", "8000000")]),
      ("Die Stadt erhält davon rund 2 Mio. Euro.", [("2 Mio. Euro", "2000000")])], ["", "part"]),
    ("a word that adds ends the parts", [("Es gibt 9 Mio. Euro, davon 4 Mio. Euro für Schulen; weitere 3 Mio. Euro gibt der Bund.",
                                          [("9 Mio. Euro", "9000000"), ("4 Mio. Euro", "4000000"),
                                           ("3 Mio. Euro", "3000000")])], ["", "part", ""]),
    ("davon bound to a verb, after a comma: no part", [("Das Land gibt 8 Mio. Euro.", [("8 Mio. Euro", "8000000")]),
                                                       ("Davon profitieren viele Orte, die 2 Mio. Euro erhalten.",
                                                        [("2 Mio. Euro", "2000000")])], ["", ""]),
    ("Davon with no amount before: no part", [("Davon entfallen 2 Mio. Euro auf Schulen.", [("2 Mio. Euro", "2000000")])],
     [""]),
    ("no part word: both count", [("Die Stadt erhält 5 Mio. Euro und das Dorf 3 Mio. Euro.",
                                   [("5 Mio. Euro", "5000000"), ("3 Mio. Euro", "3000000")])], ["", ""]),
]


@pytest.mark.parametrize("sentences, expected", [c[1:] for c in PARTS], ids=[c[0] for c in PARTS])
def test_a_part_of_the_amount_before_does_not_count(sentences, expected):
    records, mentions = _document(*sentences)
    assert not_counted_reasons(records, mentions) == expected


def test_a_part_of_an_amount_far_before_counts():
    far = ("Das Land gibt 8 Mio. Euro. " + "Die Gemeinden planen viele neue Vorhaben für ihre Bürger. " * 6).strip()
    records, mentions = _document((far, [("8 Mio. Euro", "8000000")]),
                                  ("Davon entfallen 2 Mio. Euro auf Schulen.", [("2 Mio. Euro", "2000000")]))
    assert records[1].start - records[0].end > 300
    assert not_counted_reasons(records, mentions) == ["", ""]


@pytest.mark.parametrize("records, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_not_counted_reasons(records, expected):
    reasons = not_counted_reasons(records)
    assert reasons == expected
    assert set(reasons) <= {"", *NOT_COUNTED_REASONS}


def test_one_record_against_what_was_counted_before():
    headline = _record(evidence=HEADLINE)
    assert not_counted_reason(_record(), {figure_key(headline)}) == "restatement"
    assert not_counted_reason(_record(), set()) == ""
    assert not_counted_reason(_record(), set(), range_bound=True) == "range_bound"


@pytest.mark.parametrize("reason, cells", [("", (1, "")), ("per_unit", (0, "per_unit")), ("percent", (0, "percent"))])
def test_totals_cells(reason, cells):
    assert totals_cells(reason) == cells


def test_records_csv_and_summary_use_the_rule(tmp_path):
    """records.csv ends with in_totals and not_in_totals; the summary adds counted amounts only."""
    import csv

    import openpyxl

    from pipeline.extract import DocResult
    from pipeline.io.batch import run_extract

    records = [_record(evidence=HEADLINE, start=0, end=19), _record(start=80, end=99),
               _record(value="20000", qualifier="at_least", evidence=RANGE, start=130, end=136),
               _record(value="80000", qualifier="up_to", evidence=RANGE, start=141, end=152),
               _record(value="1.2", per="person", start=160, end=170),
               _record(kind="funding_rate", value="80", start=180, end=190),
               _record(value="700000", start=200, end=210)]
    (tmp_path / "doc.txt").write_text("Eine Meldung.", encoding="utf-8")

    def extractor(sources):
        for source in sources:
            yield DocResult(source.doc_id, records, [], [])

    assert run_extract([tmp_path / "doc.txt"], tmp_path / "out", extractor=extractor, progress=False) == 0
    with (tmp_path / "out" / "records.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-2:] == ["in_totals", "not_in_totals"]
    assert [row[-2:] for row in rows[1:]] == [["1", ""], ["0", "restatement"], ["0", "range_bound"],
                                              ["0", "range_bound"], ["0", "per_unit"], ["0", "percent"], ["1", ""]]
    summary = openpyxl.load_workbook(tmp_path / "out" / "records.xlsx")["summary"]
    assert [[cell.value for cell in row] for row in summary.iter_rows(min_row=2)] == [["Hessen", "Dorfladen", 5700000, 2]]


def test_a_change_in_records_csv(tmp_path):
    """End to end: the pipeline reads both figures of a change, and records.csv counts the new level."""
    import csv

    from pipeline.io.batch import run_extract

    (tmp_path / "doc.txt").write_text("Das Land erhöht die Mittel für Schulen von 5 auf 8 Mio. Euro.", encoding="utf-8")
    assert run_extract([tmp_path / "doc.txt"], tmp_path / "out", progress=False) == 0
    with (tmp_path / "out" / "records.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["value"], row["qualifier"], row["in_totals"], row["not_in_totals"]) for row in rows] == [
        ("5000000", "exact", "0", "change"), ("8000000", "exact", "1", "")]
