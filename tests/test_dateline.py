"""Datelines and titles of plain-text press releases, for sources.csv (io/dateline.py,
io/page_facts.py). One row per phrasing, written for these tests."""

from __future__ import annotations

import pytest

from pipeline.io.dateline import find_dateline
from pipeline.io.page_facts import text_page_facts, text_title

TITLE = "Land fördert Dorfläden\n\n"

# (id, text, expected dateline, expected ISO date)
DATELINES = [
    ("place, named date, dash", TITLE + "Berlin, 12. März 2024 – Das Land stellt 2 Millionen Euro bereit.",
     "Berlin, 12. März 2024", "2024-03-12"),
    ("place, numeric date, full stop", TITLE + "Hannover, 05.06.2023. Das Ministerium fördert …",
     "Hannover, 05.06.2023", "2023-06-05"),
    ("place, 'den', date", TITLE + "Erfurt, den 1. Juli 2022 – Thüringen gibt …", "Erfurt, den 1. Juli 2022", "2022-07-01"),
    ("place, agency, date", TITLE + "Kiel (dpa), 3. Mai 2024 – Das Land …", "Kiel (dpa), 3. Mai 2024", "2024-05-03"),
    ("place, date, agency", TITLE + "Mainz, 3. Mai 2024 (epd) – Das Land …", "Mainz, 3. Mai 2024 (epd)", "2024-05-03"),
    ("two-word place", TITLE + "Bad Neuheim, 14.08.2024: Der Gemeinderat …", "Bad Neuheim, 14.08.2024", "2024-08-14"),
    ("abbreviated month", TITLE + "Potsdam, 2. Sept. 2021 – Brandenburg …", "Potsdam, 2. Sept. 2021", "2021-09-02"),
    ("two-digit year", TITLE + "Dresden, 3.5.23 – Sachsen …", "Dresden, 3.5.23", "2023-05-03"),
    ("place and agency, no date", TITLE + "München (dpa) – Der Freistaat gibt …", "München (dpa)", ""),
    ("place and region, no date", TITLE + "Neuheim (Thüringen). Der Stadtrat …", "Neuheim (Thüringen)", ""),
    ("place alone, full stop", TITLE + "Stuttgart. Mit 12 Millionen Euro unterstützt …", "Stuttgart", ""),
    ("place alone, dash", TITLE + "Wiesbaden – Das Land Hessen …", "Wiesbaden", ""),
    ("press release of date", TITLE + "Pressemitteilung vom 3.5.2023\n\nDas Land …",
     "Pressemitteilung vom 3.5.2023", "2023-05-03"),
    ("press information with number", TITLE + "Presseinformation Nr. 12/2024 vom 4. April 2024\n\nDas …",
     "Presseinformation Nr. 12/2024 vom 4. April 2024", "2024-04-04"),
    ("published on", TITLE + "Veröffentlicht am 30.11.2022\n\nDer Bund …", "Veröffentlicht am 30.11.2022", "2022-11-30"),
    ("date label", TITLE + "Datum: 7. Januar 2025\n\nDer Kreis …", "Datum: 7. Januar 2025", "2025-01-07"),
    ("a line that is a date", TITLE + "14. Februar 2024\n\nDie Stadt …", "14. Februar 2024", "2024-02-14"),
    ("dateline as the first line", "Bremen, 9. Oktober 2024 – Der Senat gibt …", "Bremen, 9. Oktober 2024", "2024-10-09"),
    ("no dateline", TITLE + "Das Land stellt den Gemeinden 2 Millionen Euro bereit.", "", ""),
    ("a title with a dash is no place", "Klimaschutz – Bremen startet Förderaufruf\n\nDer Senat …", "", ""),
    ("an impossible day is no date", TITLE + "Kiel, 31.02.2024 – Das Land …", "", ""),
    ("a deadline further down is no dateline", TITLE + ("Das Land fördert Dorfläden mit 2 Millionen Euro. " * 6)
     + "\nAnträge bis 30. Juni 2024.", "", ""),
]
KNOWN_FAILURES = [
    pytest.param(TITLE + "Berlin, Dienstag, 12. März 2024 – Der Senat …", "Berlin, Dienstag, 12. März 2024",
                 "2024-03-12", id="a weekday before the date", marks=pytest.mark.xfail(reason="weekday not read")),
]


@pytest.mark.parametrize("text, dateline, date",
                         [pytest.param(*row[1:], id=row[0]) for row in DATELINES] + KNOWN_FAILURES)
def test_dateline(text, dateline, date):
    assert find_dateline(text) == (dateline, date)


# (id, text, expected title)
TITLES = [
    ("first line", "Land fördert Dorfläden\n\nDas Land …", "Land fördert Dorfläden"),
    ("markdown heading", "\n## Neue Kita in Neuheim\nDie Stadt …", "Neue Kita in Neuheim"),
    ("a sentence is no title", "Das Land fördert Dorfläden mit 2 Millionen Euro.\n", ""),
    ("a long line is no title", "Förderung " * 30 + "\n", ""),
    ("empty text", "", ""),
]


@pytest.mark.parametrize("text, title", [row[1:] for row in TITLES], ids=[row[0] for row in TITLES])
def test_text_title(text, title):
    assert text_title(text) == title


def test_a_text_that_opens_with_its_dateline_has_no_title_of_that_line():
    facts = text_page_facts("Kiel, 3. Mai 2024\nDas Land gibt 2 Millionen Euro.")
    assert (facts.title, facts.dateline, facts.date) == ("", "Kiel, 3. Mai 2024", "2024-05-03")
