"""A record's evidence: its sentence, cut to a window around the figure.

A sentence of thousands of figures would otherwise repeat itself in every one of its
records (quadratic time and memory, cells beyond a spreadsheet's limit). The corpus's
longest evidence is 290 characters, never cut.
"""

from __future__ import annotations

EVIDENCE_SIDE_CHARS = 300  # at most this many characters of the sentence each side of the figure
EVIDENCE_MAX_CHARS = 32_767  # Excel's limit for one cell
ELLIPSIS = "…"


def evidence_window(sentence: str, start: int, end: int) -> str:
    """At most EVIDENCE_SIDE_CHARS of sentence each side of [start, end), cut after a space
    (else mid-word) and the cut marked with "…"; never longer than EVIDENCE_MAX_CHARS.

    A figure amid 400 words each side keeps its 300 characters each side: "…drei vier 20.000
    Euro fünf sechs…".
    """
    lo, hi = start - EVIDENCE_SIDE_CHARS, end + EVIDENCE_SIDE_CHARS
    left = right = ""
    if lo > 0:
        space = sentence.find(" ", lo, start)
        lo, left = (space + 1 if space >= 0 else lo), ELLIPSIS
    if hi < len(sentence):
        space = sentence.rfind(" ", end, hi)
        hi, right = (space if space >= 0 else hi), ELLIPSIS
    window = sentence[max(lo, 0):hi]
    if len(window) + 2 > EVIDENCE_MAX_CHARS:  # a figure longer than a cell: its start
        window, right = window[:EVIDENCE_MAX_CHARS - 2], ELLIPSIS
    return left + window + right


class Evidence:
    """The evidence of one doc's figures. Each sentence is stripped once for all its figures
    (they come in order, so one sentence is kept); a sentence up to 2 * EVIDENCE_SIDE_CHARS
    long is the evidence whole."""

    def __init__(self, text: str):
        self.text = text
        self.span: tuple[int, int] | None = None
        self.sentence, self.offset = "", 0

    def __call__(self, start: int, end: int, sentence: tuple[int, int]) -> str:
        """The evidence of the figure at [start, end) in the sentence [s, e) of the text."""
        if sentence != self.span:
            s, e = self.span = sentence
            raw = self.text[s:e]
            self.sentence = raw.strip()
            self.offset = s + len(raw) - len(raw.lstrip())
        if len(self.sentence) <= 2 * EVIDENCE_SIDE_CHARS:
            return self.sentence
        return evidence_window(self.sentence, start - self.offset, end - self.offset)
