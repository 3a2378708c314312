"""The cleaned text and its exact map back to the source text (schema §5).

Records must point into the *source* text, so the cleaner never rewrites characters freely:
every edit is a deletion or a one-to-one substitution of a space-like character. The map
keeps, per run of untouched characters, where that run starts in the source (parallel
arrays searched with bisect), which is small and fast.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .lines import Line

__all__ = ["CleanText", "assemble"]


@dataclass(frozen=True)
class CleanText:
    """Cleaned body text with an exact map back to the source text.

    Runs: cleaned char ``run_starts[k] + d`` is source char ``run_sources[k] + d`` for
    every ``d`` up to the next run start. Runs only break where the cleaner edited.
    """

    text: str  # cleaned body text, lines joined by "\n"
    run_starts: tuple[int, ...] = field(default=(), repr=False)
    run_sources: tuple[int, ...] = field(default=(), repr=False)

    def source_offset(self, i: int) -> int:
        """Source index of cleaned char i (0 <= i < len(text))."""
        if not 0 <= i < len(self.text):
            raise IndexError(f"cleaned offset {i} outside 0..{len(self.text) - 1}")
        run = bisect_right(self.run_starts, i) - 1
        return self.run_sources[run] + i - self.run_starts[run]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of cleaned span [start, end): (source_offset(start), source_offset(end-1)+1)."""
        if end <= start:  # empty span: an insertion point, kept empty in the source
            if start < len(self.text):
                point = self.source_offset(start)
            else:
                point = self.source_offset(len(self.text) - 1) + 1 if self.text else 0
            return point, point
        return self.source_offset(start), self.source_offset(end - 1) + 1


def assemble(lines: list[Line]) -> CleanText:
    """Join lines with "\\n" and merge runs that continue each other in the source.

    The runs, in text order, are the "\\n" before each line but the first (standing for the
    source's line break after the line before) and each line's own runs. A run continues the
    last one kept when both have the same source - start shift; an empty run (one starting
    where the next one starts) gives way to the next.
    """
    runs: list[tuple[int, int]] = []  # (start in the cleaned text, source offset)
    pos = 0
    for k, line in enumerate(lines):
        if k:
            runs.append((pos, lines[k - 1].line_break))
            pos += 1
        runs.extend((pos + start, source) for start, source in zip(line.starts, line.sources))
        pos += len(line.text)
    starts: list[int] = []
    sources: list[int] = []
    for start, source in runs:
        if starts and source - start == sources[-1] - starts[-1]:
            continue
        if starts and starts[-1] == start:
            sources[-1] = source
            continue
        starts.append(start)
        sources.append(source)
    return CleanText("\n".join([line.text for line in lines]), tuple(starts), tuple(sources))
