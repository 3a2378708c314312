"""Lines of many figures (issue 15, "Bounded and linear"): what the components read in a
bounded window around each figure, or once per sentence or line, gives the same mentions and
records as the plain way (the whole sentence, read again for each figure) on short inputs.

Each row is a text of our own, a few ordinary sentences or a line of repeats of one shape
(as benchmarks/long_sentence.py times them); the plain way is the same pipeline with the
windows made wider than any text here.
"""

import pytest

from pipeline.components import figures, temporal
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
