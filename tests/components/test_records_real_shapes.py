"""Per, qualifier, period, deadline and duration in the shapes real articles use (issue 14).

Each row is a short text we wrote ourselves in a shape seen in real press releases and
news, with the fields we expect of its records (only the fields named are checked).
"""

import pytest

from pipeline.extract import extract_text


def row(text, *records, id=None, marks=()):
    return pytest.param(text, list(records), id=id or text[:60], marks=marks)


PER = [
    row("Die zweite Stufe kostet 12.400 Euro pro teilnehmende Kommune.", dict(value="12400", per="municipality")),
    row("Das Land zahlt 8.000 Euro je beteiligte Gemeinde.", dict(value="8000", per="municipality")),
    row("Die sechs Landkreise erhalten jeweils Zuschüsse von fünf bis maximal 9 Millionen Euro.",
        dict(value="5000000", per="municipality", qualifier="at_least"),
        dict(value="9000000", per="municipality", qualifier="up_to")),
    row("Alle Städte bekommen jeweils 40.000 Euro.", dict(value="40000", per="municipality")),
    row("Höchstens 150.000 Euro gibt es für ein Einzelprojekt.", dict(value="150000", per="project", qualifier="up_to")),
    row("Die Förderung je Einzelmaßnahme liegt bei 30.000 Euro.", dict(value="30000", per="project")),
    row("Der Zuschuss beträgt 9.000 Euro für einen Platz in einer Krippe und 3.000 Euro für einen Tagespflegeplatz.",
        dict(value="9000", per="person"), dict(value="3000", per="person")),
    row("Das Land gibt 1.500 Euro je Kita-Platz.", dict(value="1500", per="person")),
    row("Es gibt 2.000 Euro pro Betreuungsplatz.", dict(value="2000", per="person")),
    row("Pro neu geschaffenem Kita-Platz gibt es eine Pauschale von 15.000 Euro.", dict(value="15000", per="person")),
    row("Je neuem U3-Platz werden 12.000 Euro gezahlt.", dict(value="12000", per="person")),
    row("Die Landkreise Harz und Börde erhalten je 2,5 Millionen Euro.", dict(value="2500000", per="municipality")),
    # a pitch or a square is no person's place; a programme's category is no "ein Einzelprojekt"
    row("Die Stadt bekommt 200.000 Euro für einen Kunstrasenplatz.", dict(value="200000", per="")),
    row("Für Ortskerne und Einzelvorhaben erhält die Gemeinde 60.000 Euro.", dict(value="60000", per="")),
    # not per: a count of recipients with a total, one recipient's grant for one building
    row("Die zehn Landkreise erhalten 50 Millionen Euro.", dict(value="50000000", per="")),
    row("Die Stadt erhält 300.000 Euro für den Neubau eines Feuerwehrhauses.", dict(value="300000", per="")),
    row("Gefördert werden Vorhaben mit Gesamtkosten von mindestens 2.000 Euro.", dict(value="2000", per="")),
    # recipients as the subject: each one's where a bound or one thing each gets says so ...
    row("Kommunen erhalten einen Sockelbetrag von 7.500 Euro.", dict(value="7500", per="municipality")),
    row("Kleine Gemeinden erhalten mindestens 30.000 Euro, größere bis zu 250.000 Euro.",
        dict(value="30000", per="municipality"), dict(value="250000", per="municipality")),
    # ... not the sum of all: a total word, or a sum with neither
    row("Die Kommunen erhalten insgesamt 500 Millionen Euro.", dict(value="500000000", per="")),
    row("Die Gemeinden erhalten zusammen 4,8 Millionen Euro.", dict(value="4800000", per="")),
    row("Die Gemeinden erhalten in diesem Jahr Finanzmittel in Höhe von 3 Mio. Euro vom Land.",
        dict(value="3000000", per="")),
    row("Die Kommunen erhalten eine Million Euro.", dict(value="1000000", per="")),
    # projects are funded one by one: "insgesamt" is each project's total
    row("Vorhaben werden mit insgesamt 100.000 Euro gefördert.", dict(value="100000", per="project")),
]

QUALIFIER = [
    row("Die Gemeinden müssen höchstens einen Eigenanteil von zehn Prozent aufbringen.",
        dict(kind="own_share", value="10", qualifier="up_to")),
    row("Die Träger müssen mindestens einen Eigenanteil von 30 Prozent tragen.",
        dict(kind="own_share", value="30", qualifier="at_least")),
    row("Der Landkreis erhält maximal eine Förderung in Höhe von 80.000 Euro.", dict(value="80000", qualifier="up_to")),
    row("Möglich sind 40 Prozent Zuschuss bzw. maximal von einer Million Euro.",
        dict(value="40", qualifier="exact"), dict(value="1000000", qualifier="up_to")),
    row("Der Verein kann sich über 120.000 Euro für den neuen Platz freuen.", dict(value="120000", qualifier="exact")),
    row("Die Stadt freut sich über 75.000 Euro.", dict(value="75000", qualifier="exact")),
    row("Das Land investiert über 3 Mio. Euro in die Sportplätze.", dict(value="3000000", qualifier="over")),
    # "rd." is "rund", and its period ends no sentence: "jährlich" before it still counts
    row("Es stehen rd. 5 Mio. Euro bereit.", dict(value="5000000", qualifier="approx")),
    row("Das Land unterstützt die Gemeinden mit jährlich rd. 127 Mio. Euro.",
        dict(value="127000000", qualifier="approx", per="year")),
    # "über" before a noun names the sum, whatever the noun
    row("Die Gemeinde erhielt einen Bescheid über einen Zuschuss von 50.000 Euro.", dict(value="50000", qualifier="exact")),
]

RELATIVE_YEAR = [
    # a press release's own line: "Pressemitteilung vom …", also with its sender between
    row("Pressemitteilung vom 21.08.2019\n\nIn diesem Jahr stehen 5 Mio. Euro bereit.",
        dict(value="5000000", period_start="2019", period_end="2019")),
    row("Presseinformation des Ministeriums für Regionale Entwicklung vom 21.08.2019.\n\n"
        "Im kommenden Jahr stehen 5 Mio. Euro bereit.", dict(value="5000000", period_start="2020", period_end="2020")),
    # "vom" before a date in a line of another kind still starts a range, not the article's date
    row("Die Förderung läuft vom 21.08.2019 an.\n\nIn diesem Jahr stehen 5 Mio. Euro bereit.",
        dict(value="5000000", period_start="")),
    row("Kiel. Das Land zahlt.\n18. Mai 2021, 10:30 Uhr\n\nIn diesem Jahr gibt es maximal 200.000 Euro je Vorhaben.",
        dict(value="200000", period_start="2021", period_end="2021", per="project")),
    row("[03.02.2022]\nHeuer stehen für die Dörfer rund 40 Millionen Euro bereit.",
        dict(value="40000000", period_start="2022", period_end="2022")),
    row("Titel der Meldung\n14.03.2024 | Pressestelle | Mainz\nFür das nächste Jahr stehen 7 Millionen Euro bereit.",
        dict(value="7000000", period_start="2025", period_end="2025")),
    row("Veröffentlicht am 02.09.2019\nVor drei Jahren hatten die Kreise einen Bedarf von 20 Millionen Euro gemeldet.",
        dict(value="20000000", period_start="2016", period_end="2016")),
    row("Landkreis Nordhafen / Kurier 05.07.2020\nIm kommenden Jahr fließen 2 Mio. Euro.",
        dict(value="2000000", period_start="2021", period_end="2021")),
    row("Stand: 01.10.2023\nIn diesem Jahr werden Kosten von bis zu 5 Millionen Euro mit rund 2 Millionen Euro gefördert.",
        dict(value="5000000", period_start="2023", qualifier="up_to"),
        dict(value="2000000", period_start="2023", qualifier="approx")),
    # no date of its own: no year (schema §7); a deadline line near the top is no dateline
    row("Heuer stehen 9 Millionen Euro bereit.", dict(value="9000000", period_start="", period_end="")),
    row("Antragsschluss 31.08.2020\nHeuer stehen 9 Millionen Euro bereit.", dict(value="9000000", period_start="")),
    row("Förderung bis 30.06.2022\nIn diesem Jahr stehen 9 Millionen Euro bereit.", dict(value="9000000", period_start="")),
]


PERIOD = [
    row("Es stehen 50 Millionen Euro bereit, davon 20 Millionen Euro im Jahr 2022.",
        dict(value="50000000", period_start=""), dict(value="20000000", period_start="2022", period_end="2022")),
    row("Das Land rechnet für das Programmjahr 2024 mit rund 12 Millionen Euro.",
        dict(value="12000000", period_start="2024", period_end="2024")),
    row("Insgesamt 4 Millionen Euro fließen 2019 in die Sportstätten.", dict(value="4000000", period_start="2019")),
    row("Insgesamt fließen 2000 Euro in den Verein.", dict(value="2000", period_start="")),
    row("Von den 3 Milliarden Euro, die der Bund seit 2016 bis Ende 2022 bewilligt hat, erhielt Sachsen 200 Millionen Euro.",
        dict(value="3000000000", period_start="2016", period_end="2022"),
        dict(value="200000000", period_start="2016", period_end="2022")),
    row("Von den 18 Millionen Euro, die von 2015 bis 2021 bereitstehen, sind 7 Millionen Euro bewilligt.",
        dict(value="18000000", period_start="2015", period_end="2021"),
        dict(value="7000000", period_start="2015", period_end="2021")),
    row("Bis Ende 2021 stehen dafür noch 2 Millionen Euro zur Verfügung.",
        dict(value="2000000", period_start="", period_end="2021", deadline="")),
    # a figure with a comma after it, no relative clause: the period is another clause's
    row("Die Stadt erhält 5 Mio. Euro, der Kreis baut von 2020 bis 2022 und erhält 3 Mio. Euro.",
        dict(value="5000000", period_start=""), dict(value="3000000", period_start="2020")),
]

DEADLINE = [
    row("Für Brücken gibt es 2 Milliarden Euro, die Gelder müssen bis Ende 2021 beantragt sein.",
        dict(value="2000000000", deadline="2021", period_end="")),
    row("Bis Ende 2024 können Anträge gestellt werden; das Land gibt 5 Mio. Euro.", dict(value="5000000", deadline="2024")),
    # done by a date: no period, no application deadline
    row("Das Land gibt 8 Mio. Euro. Die Mittel müssen bis Ende 2026 verbaut sein.",
        dict(value="8000000", period_end="", deadline="")),
    row("Das Land fördert mit dem Programm Wärme ORT 3 Mio. Euro. Die Antragsfrist für ORT läuft bis Ende März 2025.",
        dict(value="3000000", deadline="2025-03")),
    # the sentence runs on past the date's full stop into a sentence naming another programme
    row("Das Land fördert mit dem Programm Wärme ORT 3 Mio. Euro. Der Klimapakt hilft auch. Die Antragsfrist für ORT "
        "läuft bis Ende März 2025. Wir laden alle ein, Teil des Klimapakts zu werden.",
        dict(value="3000000", deadline="2025-03")),
]



@pytest.mark.parametrize("text,expected", PER + QUALIFIER + RELATIVE_YEAR + PERIOD + DEADLINE)
def test_records(nlp, text, expected):
    records = extract_text(text, nlp=nlp).records
    got = [{k: getattr(r, k) for k in exp} for r, exp in zip(records, expected)]
    assert got == expected and len(records) == len(expected), [r for r in records]
