"""The values a whole sentence gives (issues 14 and 15): sentence -> record values.

Where a figure starts is decided by the finders' number fragment ({NUM}), what it is worth
by the normalisers, so these rows run the whole pipeline. BUGS_CAUGHT rows gave a wrong
value, a 0 or a crash before; KEPT rows must stay as they were; XFAIL rows are known gaps.
Every sentence was written for these tests.
"""

import pytest

from pipeline.extract import extract_text

BUGS_CAUGHT = [
    # English decimal point before a scale, a currency or a percent word
    ("Das Land fördert den Breitbandausbau mit 1.5 Millionen Euro.", ["1500000"]),
    ("Für die Schulen stehen 2.25 Mrd. Euro bereit.", ["2250000000"]),
    ("Der Kreis erhält 4.8 Mio. Euro aus dem Landeshaushalt.", ["4800000"]),
    ("Weitere 1.5 Millionen fließen in die Radwege, insgesamt 3 Mio. Euro.", ["1500000", "3000000"]),
    ("Der Fördersatz beträgt 12.5 Prozent der zuwendungsfähigen Ausgaben.", ["12.5"]),
    # "Mill." is a scale word with its dot, as "Mio." is
    ("Die Gemeinde bekommt 3 Mill. Euro für das Rathaus.", ["3000000"]),
    ("Die Gemeinde bekommt 3,5 Mill. Euro für das Rathaus.", ["3500000"]),
    ("Bewilligt wurden 12 Mill. €.", ["12000000"]),
    # a typo never gives 0: "195.00 Euro" is 195
    ("Jeder Teilnehmer erhält einen Zuschuss von 195.00 Euro.", ["195"]),
    # not a number: no figure at all (was 5,5 Mio.)
    ("Das Land stellt 1,5,5 Mio. Euro bereit.", []),
    ("Das Land stellt 2.000.5 Mio. Euro bereit.", []),
    # beyond what funding can be: no record, never a crash
    ("Das Land stellt 10000000000000000000000000000 Euro bereit.", []),
    ("Der Fördersatz beträgt 10000000000000000000000000000 Prozent.", []),
    ("Der Fördersatz beträgt 150 Prozent.", []),
    ("Das Land stellt 20000000000000 Euro bereit.", []),
    ("Das Land stellt 0 Euro bereit, die Gemeinde 5.000 Euro.", ["5000"]),
    # a range's bare lower bound is read with the upper bound's unit, through the value bounds
    ("Gefördert werden zwischen 0 und 5 Mio. Euro je Vorhaben.", ["5000000"]),
    ("Der Fördersatz beträgt 0 bis 80 Prozent.", ["80"]),
    ("Der Fördersatz beträgt 250 bis 90 Prozent.", ["90"]),
]

KEPT = [
    ("Die Stadt erhält 1.500 Euro je Antrag.", ["1500"]),
    ("Die Stadt erhält 1.500.000 Euro.", ["1500000"]),
    ("Die Stadt erhält 1,5 Millionen Euro.", ["1500000"]),
    ("Die Stadt erhält 3 Mio Euro.", ["3000000"]),
    ("Die Stadt erhält 3,3 Mio. Euro.", ["3300000"]),
    ("Gefördert werden Vorhaben mit 100.000 bis 250.000 Euro.", ["100000", "250000"]),
    ("Der Fördersatz beträgt 80 Prozent, höchstens 100 Prozent.", ["80", "100"]),
    ("Der Fördersatz beträgt 12,5 Prozent der Kosten.", ["12.5"]),
]

XFAIL = [
    pytest.param("Die Förderquote steigt von 1.5 auf 2.5 Prozent der Kosten.", ["1.5", "2.5"],
                 marks=pytest.mark.xfail(strict=True, reason="an English decimal as a range's lower bound")),
    pytest.param("Gefördert werden 1.5 bis 2.5 Mio. Euro.", ["1500000", "2500000"],
                 marks=pytest.mark.xfail(strict=True, reason="an English decimal as a range's lower bound")),
]


@pytest.mark.parametrize("sentence, values", BUGS_CAUGHT + KEPT + XFAIL)
def test_record_values(sentence, values):
    assert [r.value for r in extract_text(sentence).records] == values


DURATIONS = [
    ("Das Programm hat eine Laufzeit von 9999999999 Jahren.", None),  # BUGS_CAUGHT: P9999999999Y
    ("Das Programm hat eine Laufzeit von 101 Jahren.", None),
    ("Das Programm hat eine Laufzeit von 1.5 Jahren.", None),  # never "5 Jahre" out of it
    ("Das Programm hat eine Laufzeit von drei Jahren.", "P3Y"),
    ("Das Programm hat eine Laufzeit von 18 Monaten.", "P18M"),
]


@pytest.mark.parametrize("sentence, duration", DURATIONS)
def test_duration_mention(sentence, duration):
    # a run time out of bounds is a refused mention (tests/test_refused.py), without a value
    found = [m.value for m in extract_text(sentence).mentions if m.label == "DURATION" and not m.refused]
    assert found == ([duration] if duration else [])
