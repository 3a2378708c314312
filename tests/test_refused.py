"""Figures out of bounds (issue 15): a span read as a value no funding figure can have (an
amount of 0 or beyond 10^13 euro, a percentage of 0 or beyond 100, a run time beyond a
century) is kept as a mention with the reason in its `refused` column, with no value and no
record, and never stops the document. Sentences of our own, one row per phrasing.
"""

import pytest

from pipeline.extract import extract_text, load_nlp

ZERO_EURO = "an amount must be above 0 euro"
TOO_MUCH = "an amount must be at most 10000000000000 euro"
ZERO_PERCENT = "a percentage must be above 0"
OVER_100 = "a percentage must be at most 100"
CENTURY = "a run time must be at most 100 years"


def row(text, label, span, reason, records, id=None):
    return pytest.param(text, label, span, reason, records, id=id or span)


ROWS = [
    row("Das Land stellt 0 Euro für das Programm bereit, der Bund gibt 2 Millionen Euro.",
        "MONEY", "0 Euro", ZERO_EURO, 1),
    row("Mit null Euro fördert das Land nichts, mit 5.000 Euro schon.", "MONEY", "null Euro", ZERO_EURO, 1),
    row("Das Programm hat ein Volumen von 20.000.000.000.000 Euro.", "MONEY", "20.000.000.000.000 Euro", TOO_MUCH, 0),
    row("Das Programm hat ein Volumen von 15 Billionen Euro.", "MONEY", "15 Billionen Euro", TOO_MUCH, 0),
    row("Das Land gibt 10000000000000000000000000000 Euro.", "MONEY", "10000000000000000000000000000 Euro", TOO_MUCH, 0),
    row("Der Zuschuss beträgt 0 Prozent der Kosten, die Förderung 500.000 Euro.", "PERCENT", "0 Prozent", ZERO_PERCENT, 1),
    row("Der Eigenanteil von 0,0 Prozent entfällt; das Land zahlt 7.000 Euro.", "PERCENT", "0,0 Prozent", ZERO_PERCENT, 1),
    row("Gefördert werden 150 Prozent der zuwendungsfähigen Ausgaben mit insgesamt 3 Mio. Euro.",
        "PERCENT", "150 Prozent", OVER_100, 1),
    row("Die Förderquote liegt bei 120 % und das Land zahlt 5.000 Euro.", "PERCENT", "120 %", OVER_100, 1),
    row("Die Laufzeit beträgt 250 Jahre, gefördert wird mit 40.000 Euro.", "DURATION", "250 Jahre", CENTURY, 1),
    row("Die Projektlaufzeit beträgt 2000 Monate; das Land gibt 1 Million Euro.", "DURATION", "2000 Monate", CENTURY, 1),
    row("Die Förderung läuft 101 Jahre und beträgt 8.000 Euro.", "DURATION", "101 Jahre", CENTURY, 1),
    # a range's lower bound, read with the upper bound's unit
    row("Gefördert werden Vorhaben von 0 bis 50.000 Euro.", "MONEY", "0", ZERO_EURO, 1, id="range from 0 euro"),
    row("Der Fördersatz liegt zwischen 0 und 80 Prozent der Kosten.", "PERCENT", "0", ZERO_PERCENT, 1,
        id="range from 0 percent"),
    # a grant table's cells (components/grant_tables.py)
    row("Das Land fördert die Gemeinden mit 200.000 Euro.\nGemeinde | Zuwendung in Euro\nAdorf | 120.500,50\n"
        "Bedorf | 0,00\nCedorf | 80.250,25\n", "MONEY", "0,00", ZERO_EURO, 3, id="table cell 0,00"),
    row("Das Land fördert die Gemeinden mit 2 Mio. Euro.\nZuwendung in Euro\nAdorf 1.200.000\n"
        "Bedorf 99.000.000.000.000\nCedorf 800.000\n", "MONEY", "99.000.000.000.000", TOO_MUCH, 3,
        id="table cell beyond 10^13"),
]


@pytest.mark.parametrize("text, label, span, reason, records", ROWS)
def test_out_of_bounds_figure_is_a_refused_mention(text, label, span, reason, records):
    result = extract_text(text, nlp=load_nlp())
    refused = [(m.label, m.text, m.value, m.refused) for m in result.mentions if m.refused]
    assert refused == [(label, span, "", reason)]
    start = text.index(span)
    assert not any(r.start < start + len(span) and start < r.end for r in result.records)  # no record of it
    assert len(result.records) == records  # the other figure keeps its record
    assert all(not r.duration for r in result.records) or label != "DURATION"


def test_a_figure_in_bounds_is_not_refused():
    result = extract_text("Das Land gibt 100 Prozent der Kosten, bis zu 10 Billionen Euro, für 100 Jahre.",
                          nlp=load_nlp())
    assert [m.refused for m in result.mentions] == [""] * len(result.mentions)
    assert {m.label for m in result.mentions} >= {"MONEY", "PERCENT", "DURATION"}
