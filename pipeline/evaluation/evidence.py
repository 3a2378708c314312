"""Where a record-only gold record sits in its source text: its evidence sentence.

Gold for third-party articles (schema v1.2 §5) holds no offsets, only each record's
`evidence`, the sentence as the annotator read it (whitespace may differ, "…" marks a cut).
Found in the source, the evidence gives the record a span, so the scorer prefers the
predicted figure inside that sentence, and a stale gold file is detected, never scored.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
WHITESPACE = re.compile(r"\s+")


def collapsed(text: str) -> tuple[str, list[int]]:
    """The text with every whitespace run as one space, and each character's source offset.

    >>> collapsed("a \\n\\n b")
    ('a b', [0, 1, 5])
    """
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in WHITESPACE.finditer(text):
        chars.append(text[position:match.start()])
        offsets.extend(range(position, match.start()))
        chars.append(" ")
        offsets.append(match.start())
        position = match.end()
    chars.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(chars), offsets


def evidence_fragments(evidence: str) -> list[str]:
    """The pieces of an evidence text between "…" cuts, whitespace collapsed.

    >>> evidence_fragments("Das Land fördert … mit 80  Prozent.")
    ['Das Land fördert', 'mit 80 Prozent.']
    """
    pieces = (" ".join(piece.split()) for piece in evidence.split(ELLIPSIS))
    return [piece for piece in pieces if piece]


class EvidenceFinder:
    """Finds evidence texts in one source text (collapsed once, searched many times)."""

    def __init__(self, source_text: str):
        self.text, self.offsets = collapsed(source_text)

    def span(self, evidence: str) -> tuple[int, int] | None:
        """Source offsets from the first fragment's start to the last one's end, the
        fragments found in order; None when the evidence is not in the text."""
        fragments = evidence_fragments(evidence)
        if not fragments:
            return None
        first = self.text.find(fragments[0])
        while first != -1:
            end = self._rest_end(fragments[1:], first + len(fragments[0]))
            if end is not None:
                return self.offsets[first], self.offsets[end - 1] + 1
            first = self.text.find(fragments[0], first + 1)
        return None

    def _rest_end(self, fragments: list[str], position: int) -> int | None:
        for fragment in fragments:
            found = self.text.find(fragment, position)
            if found == -1:
                return None
            position = found + len(fragment)
        return position
