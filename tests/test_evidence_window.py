"""A record's evidence is a window around its figure, never a whole pathological line, and
never beyond a spreadsheet cell's limit (issue 15). Sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.components.records.evidence import ELLIPSIS, EVIDENCE_MAX_CHARS, EVIDENCE_SIDE_CHARS, evidence_window
from pipeline.extract import extract_text

FIGURE = "20.000 Euro"
WORDS = "Die Gemeinde erhält für den Ausbau der Schule"  # 45 characters


def _sentence(words_before: int, words_after: int) -> tuple[str, int, int]:
    before = " ".join([WORDS] * words_before)
    text = f"{before} {FIGURE} {' '.join([WORDS] * words_after)}".strip()
    start = text.index(FIGURE)
    return text, start, start + len(FIGURE)


# (words before, after) -> (cut on the left, cut on the right)
WINDOWS = [
    ((1, 1), (False, False)),
    ((6, 6), (False, False)),      # 276 characters each side: whole
    ((7, 0), (True, False)),
    ((0, 7), (False, True)),
    ((200, 200), (True, True)),
]


@pytest.mark.parametrize("words, cuts", WINDOWS, ids=[f"{b}-{a}" for (b, a), _ in WINDOWS])
def test_evidence_window(words, cuts):
    sentence, start, end = _sentence(*words)
    window = evidence_window(sentence, start, end)
    assert FIGURE in window
    assert (window.startswith(ELLIPSIS), window.endswith(ELLIPSIS)) == cuts
    core = window.strip(ELLIPSIS)
    assert core in sentence
    left, right = core.split(FIGURE, 1)
    assert len(left) <= EVIDENCE_SIDE_CHARS + 1 and len(right) <= EVIDENCE_SIDE_CHARS + 1
    if cuts[0]:
        assert left.startswith(WORDS.split()[0]) or sentence[sentence.index(core) - 1] == " "  # at a word
    if not any(cuts):
        assert window == sentence


def test_a_figure_longer_than_a_cell_is_cut_to_the_cell():
    sentence = "x" * 40_000
    assert len(evidence_window(sentence, 0, 40_000)) <= EVIDENCE_MAX_CHARS


def test_a_line_of_a_thousand_figures_gives_short_evidence():
    records = extract_text("Das Land Hessen fördert: " + "1 Euro " * 1000 + "\n").records
    assert len(records) == 1000
    assert max(len(r.evidence) for r in records) <= 2 * EVIDENCE_SIDE_CHARS + len("1 Euro") + 2
    assert records[500].evidence.startswith(ELLIPSIS) and records[500].evidence.endswith(ELLIPSIS)
    assert records[0].evidence.startswith("Das Land Hessen fördert: 1 Euro")
