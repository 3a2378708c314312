"""Programme names in the shapes real articles use (issue 14): one row per German phrasing,
phrase -> the PROGRAMME names found. Sentences written for these tests."""

import pytest

from pipeline.extract import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def names(nlp, text):
    return [m["text"] for m in nlp(text)._.mentions if m["label"] == "PROGRAMME"]


NAME_PHRASES = [
    # a generic word of a kind of funding names nothing (schema §3)
    ("Die Netzbetreiber bauen dort nicht in Eigeninitiative aus.", []),
    ("Die Zuwendungsrichtlinie wurde bis 2027 verlängert.", []),
    ("Das Entschuldungsprogramm nimmt den Städten Kredite ab.", []),
    ("Gefördert wird über das Modernisierungsprogramm des Landes.", []),
    ("Dazu kommen Mittel aus den EU-Strukturfonds.", []),
    ("Die Städte erhalten Geld aus dem Zusatzprogramm.", []),
    # a determiner or a counted noun before a compound is no part of the name
    ("Weitere Digitalpakt-Anträge liegen vor.", ["Digitalpakt"]),
    ("Zehn Jahre Heimatoffensive im Kreis", ["Heimatoffensive"]),
    ("Seit 15 Jahre Sportpakt gibt es mehr Hallen.", ["Sportpakt"]),
    # a name coordinated with "und" is one name
    ("Für das Förderprogramm Stadt und Land gibt der Bund 75 Prozent.", ["Förderprogramm Stadt und Land"]),
    ("Das Programm Schule und Sport startet im Mai.", ["Schule und Sport"]),
    # compounds on -pauschale and hyphenated -Richtlinie are names; the bare words are not
    ("Das Geld stammt aus der Schulbaupauschale des Landes.", ["Schulbaupauschale"]),
    ("Nach der Sportstätten-Richtlinie werden 40 Wehren gefördert.", ["Sportstätten-Richtlinie"]),
    ("Die Pauschale steigt auf 20 Euro.", []),
    ("Nach der Richtlinie sind Vereine antragsberechtigt.", []),
]


@pytest.mark.parametrize("text, expected", NAME_PHRASES)
def test_programme_names(nlp, text, expected):
    assert names(nlp, text) == expected
