"""Output lines with their map into the source, and the edits every stage makes on them.

A stage takes the list of lines and returns the lines it keeps; it edits a line only by
deleting spans (Line.delete, drop_matches) or joining lines (Line.append), which keeps each
line's map into the source exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Line", "drop_matches", "drop_repeats"]


@dataclass(slots=True)
class Line:
    """One output line: its text and where each of its runs starts in the source."""

    text: str
    starts: list[int]  # offsets in text where a run begins (first is 0)
    sources: list[int]  # source offset of each run's first character
    number: int  # source line number of its last part, to tell adjacent lines
    line_break: int  # source offset of the "\n" after its last part (len(source) if none)

    def source_end(self) -> int:
        """Source offset just after the line's last character."""
        return self.sources[-1] + len(self.text) - self.starts[-1]

    def delete(self, spans: list[tuple[int, int]]) -> None:
        """Delete sorted, non-overlapping [a, b) spans of text, keeping the map exact."""
        text, starts, sources = self.text, self.starts, self.sources
        old_end = self.source_end()
        pieces: list[str] = []
        new_starts: list[int] = []
        new_sources: list[int] = []
        out_len = 0
        for keep_from, keep_to in _complement(spans, len(text)):
            pieces.append(text[keep_from:keep_to])
            run = bisect_right(starts, keep_from) - 1
            while run < len(starts) and starts[run] < keep_to:
                seg = max(starts[run], keep_from)
                new_starts.append(out_len + seg - keep_from)
                new_sources.append(sources[run] + seg - starts[run])
                run += 1
            out_len += keep_to - keep_from
        self.text = "".join(pieces)
        self.starts = new_starts or [0]
        self.sources = new_sources or [old_end]

    def append(self, other: Line, separator_source: int | None) -> None:
        """Append another line, with one space (standing for separator_source) between if given."""
        base = len(self.text)
        if separator_source is not None:
            self.starts.append(base)
            self.sources.append(separator_source)
            self.text += " "
            base += 1
        self.starts.extend(base + s for s in other.starts)
        self.sources.extend(other.sources)
        self.text += other.text
        self.number = other.number
        self.line_break = other.line_break


def _complement(spans: list[tuple[int, int]], length: int):
    """Intervals of [0, length) outside the given sorted spans."""
    pos = 0
    for a, b in spans:
        if a > pos:
            yield pos, a
        pos = max(pos, b)
    if pos < length:
        yield pos, length


def drop_matches(line: Line, pattern: re.Pattern) -> None:
    """Delete every non-empty group named drop* of every match of pattern in line."""
    spans: list[tuple[int, int]] = []
    groups = _drop_groups(pattern)
    for match in pattern.finditer(line.text):
        for group in groups:
            start, end = match.span(group)
            if end > start:
                spans.append((start, end))
    if spans:
        spans.sort()
        line.delete(spans)


def _drop_groups(pattern: re.Pattern) -> tuple[int, ...]:
    """Numbers of the groups named drop* in pattern."""
    return tuple(number for name, number in pattern.groupindex.items() if name.startswith("drop"))


def drop_repeats(lines: list[Line]) -> list[Line]:
    """Keep a line printed twice in a row (page title, then headline) once."""
    kept: list[Line] = []
    for line in lines:
        if kept and kept[-1].text == line.text:
            continue
        kept.append(line)
    return kept
