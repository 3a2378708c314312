"""Lines of many figures (issue 15, "Bounded and linear"): what the components read in a
bounded window around each figure, or once per sentence or line, gives the same mentions and
records as the plain way (the whole sentence, read again for each figure) on short inputs.

Each row is a text of our own, a few ordinary sentences or a line of repeats of one shape
(as benchmarks/long_sentence.py times them); the plain way is the same pipeline with the
windows made wider than any text here.
"""

import pytest

from pipeline.components import figures, temporal
from pipeline.components.records import context as records_context
from pipeline.extract import extract_text, load_nlp

WIDE = 10**9


def repeat(unit, n=40):
    return "".join(unit.format(i=i) for i in range(n)) + "\n"


PERCENT_TEXTS = [
    "Die Förderquote beträgt 80 Prozent der zuwendungsfähigen Ausgaben.",
    "Der Eigenanteil der Kommunen liegt bei 10 Prozent, der Bund übernimmt 90 Prozent.",
    "Davon entfallen 20 Prozent auf Beratung; gefördert werden bis zu 75 % der Kosten.",
    "80 Prozent der Kommunen haben einen Antrag gestellt.",
    "10 Prozent der Fördersumme fließen in Endgeräte.",
    repeat("80 Prozent "),
    repeat("Förderquote {i} Prozent "),
    repeat("Eigenanteil 10 Prozent und Zuschuss 90 Prozent "),
    repeat("um 5 Prozent " + "x" * 20 + " "),
]

DATE_TEXTS = [
    "Kiel, 14.08.2024\nDas Land fördert den Ausbau mit 2 Millionen Euro.",
    "14. August 2024\nAnträge können bis zum 30. September 2024 gestellt werden. Das Land gibt 1 Million Euro.",
    "Antragsschluss ist der 1.3.2025. Gefördert werden Projekte mit bis zu 50.000 Euro.",
    "Veröffentlicht am 2.2.2023: Der Freistaat stellt 300.000 Euro bereit.",
    repeat("am {i}.1.2024 1 Euro ", 28),
    repeat("Anträge bis {i}.1.2024 einreichen, 1 Euro ", 28),
    repeat("ab 1.1.2024 " + "y" * 90 + " "),
]


def extracted(text):
    result = extract_text(text, nlp=load_nlp())
    return result.mentions, result.records


@pytest.mark.parametrize("text", PERCENT_TEXTS, ids=lambda t: t[:50])
def test_percent_cue_window_as_whole_sentence(text, monkeypatch):
    windowed = extracted(text)
    monkeypatch.setattr(figures, "CUE_WINDOW_CHARS", WIDE)
    assert windowed == extracted(text)


@pytest.mark.parametrize("text", DATE_TEXTS, ids=lambda t: t[:50])
def test_deadline_marker_window_and_line_cue_as_plain(text, monkeypatch):
    windowed = extracted(text)
    monkeypatch.setattr(temporal, "DEADLINE_MARKER_CHARS", WIDE)
    assert windowed == extracted(text)


def test_percent_cue_beyond_the_window_does_not_count():
    """A rate cue more than CUE_WINDOW_CHARS before the figure is about something else."""
    far = "Zuschuss " + "und so weiter " * 30 + "davor 80 Prozent."
    near = "und so weiter " * 30 + "Zuschuss 80 Prozent."
    kinds = lambda text: [r.kind for r in extract_text(text, nlp=load_nlp()).records]
    assert kinds(near) == ["funding_rate"]
    assert kinds(far) == []


FIELD_TEXTS = [
    "Das Land Hessen fördert den Ausbau mit 2 Millionen Euro. In Bayern gibt das Ministerium 1 Million Euro.",
    "Aus dem Programm „Digitale Dörfer“ erhält die Gemeinde 80.000 Euro, von 2024 bis 2026.",
    repeat("Bayern {i} Euro ", 60),
    repeat("Ministerium für Finanzen {i} Euro ", 40),
    repeat("Programm „Vorhaben {i}“ 1 Euro ", 40),
    repeat("2024 bis 2026 {i} Euro ", 40),
    repeat("in Berlin übergab Sachsen {i} Euro ", 30),
]


@pytest.mark.parametrize("text", FIELD_TEXTS, ids=lambda t: t[:50])
def test_record_fields_read_in_the_window_as_in_the_whole_sentence(text, monkeypatch):
    """Record fields are read within EVIDENCE_SIDE_CHARS of the figure in a long sentence
    (records/context.py, DocContext.window): the same records as reading the whole sentence
    where what each figure needs is near it."""
    windowed = extracted(text)
    monkeypatch.setattr(records_context, "EVIDENCE_SIDE_CHARS", WIDE)
    assert windowed == extracted(text)


def test_a_land_beyond_the_window_of_a_long_sentence_is_not_the_figures():
    """In a sentence longer than two evidence windows, a Land named further than
    EVIDENCE_SIDE_CHARS from the figure is not read from the sentence (here the document's
    subject gives it, from the lead)."""
    filler = "und so weiter " * 30
    lands = lambda text: [(r.land, r.basis) for r in extract_text(text, nlp=load_nlp()).records]
    assert lands(f"In Hessen {filler} gibt es 5 Millionen Euro {filler}.") == [("Hessen", "land=document")]
    assert lands(f"{filler} In Hessen gibt es 5 Millionen Euro {filler}.") == [("Hessen", "land=sentence")]
