"""Input text as HTML that can only ever show as text, and a document's text with its spans
marked (the equivalent of displaCy's ``manual=True`` entity rendering, with ids and links).

Why not displaCy itself: its entity template has no place for an id or a link per span
(each record links to its span, the span to its record), and it drops overlapping spans
silently; here a span inside another is nested, and a span that crosses another is
listed as not shown.

Every character from the input goes through ``text_html``: ``& < > " '`` become entities,
and characters that would act instead of show — controls (NUL …), bidirectional overrides
(RLO), zero-width and other invisible format characters, line/paragraph separators, lone
surrogates — become a visible ``U+XXXX`` tag, so a text can neither run nor hide nor
reorder what follows it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

# Characters shown as their code point: C0/C1 controls but tab and line feed, the
# invisible format characters (Unicode category Cf), line and paragraph separators, lone
# surrogates, and the noncharacters U+FFFE/U+FFFF.
ODD_CHAR_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff"
    "\U000110bd\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


# what text_html changes: the characters html.escape replaces, and the odd ones
NEEDS_MARKUP_RE = re.compile("[&<>\"']|" + ODD_CHAR_RE.pattern)


def _odd_char_tag(match: re.Match) -> str:
    code = f"U+{ord(match.group()):04X}"
    return f'<span class="odd" title="{code}">{code}</span>'


def text_html(text: str) -> str:
    """Input text as HTML text: escaped, and odd characters shown as their code point.

    >>> text_html('<script>"x"</script>')
    '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
    >>> text_html("a\\u202eb")
    'a<span class="odd" title="U+202E">U+202E</span>b'
    """
    if not NEEDS_MARKUP_RE.search(text):
        return text  # most pieces of text (a third of the report's time went on escaping them)
    escaped = html.escape(text, quote=True)
    return ODD_CHAR_RE.sub(_odd_char_tag, escaped) if ODD_CHAR_RE.search(escaped) else escaped


@dataclass(frozen=True)
class Span:
    """A stretch of the shown text to mark: [start, end) in that text, its label, and the
    number of the record it is the figure of (0: a mention without a record)."""

    start: int
    end: int
    label: str
    record: int = 0


@dataclass
class MarkedText:
    """A text's HTML with its spans marked, and the spans that could not be shown (as
    'LABEL "text"', plain text)."""

    html: str
    not_shown: list[str]


def mark_spans(text: str, spans: list[Span]) -> MarkedText:
    """The text as HTML with each span in a ``<mark>`` (a record's figure: an ``<a>`` with
    id ``s<n>`` linking to ``#r<n>``), its label after it. Spans nest; a span that crosses
    a record's figure, or one already open, is not shown, nor is one empty or outside the text."""
    kept, not_shown = [], []
    figures = _Figures(span for span in spans if span.record)
    open_ends: list[int] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, -s.record)):
        if not span.record and figures.cross(span):
            not_shown.append(span)
            continue
        while open_ends and open_ends[-1] <= span.start:
            open_ends.pop()
        if not 0 <= span.start < span.end <= len(text) or (open_ends and span.end > open_ends[-1]):
            not_shown.append(span)
            continue
        if kept and (kept[-1].start, kept[-1].end) == (span.start, span.end) and kept[-1].label == span.label:
            continue  # the same span again (a second record of one figure): shown once
        open_ends.append(span.end)
        kept.append(span)
    out: list[str] = []
    pos = 0
    stack: list[Span] = []

    def close_one() -> None:
        nonlocal pos
        span = stack.pop()
        out.append(text_html(text[pos:span.end]))
        out.append(f'<span class="lab">{text_html(span.label)}</span></{"a" if span.record else "mark"}>')
        pos = span.end

    for span in kept:
        while stack and stack[-1].end <= span.start:
            close_one()
        out.append(text_html(text[pos:span.start]))
        pos = span.start
        label_class = span.label if span.label.isidentifier() else "OTHER"
        if span.record:
            out.append(f'<a class="m {label_class}" id="s{span.record}" href="#r{span.record}">')
        else:
            out.append(f'<mark class="m {label_class}">')
        stack.append(span)
    while stack:
        close_one()
    out.append(text_html(text[pos:]))
    return MarkedText("".join(out), [_described(span, text) for span in not_shown])


def _described(span: Span, text: str) -> str:
    shown = text[span.start:span.end] if 0 <= span.start < span.end <= len(text) else ""
    return f'{span.label} "{shown[:80]}{"…" if len(shown) > 80 else ""}" at {span.start}–{span.end}'



class _Figures:
    """Records' figures, to find a span that crosses one (figures do not overlap each other,
    so their ends are in the order of their starts)."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.ends = [s.end for s in self.spans]

    def cross(self, span: Span) -> bool:
        """Whether span and a figure overlap without one holding the other."""
        for figure in self.spans[bisect_right(self.ends, span.start):]:
            if figure.start >= span.end:
                return False
            inside = span.start <= figure.start and figure.end <= span.end
            holds = figure.start <= span.start and span.end <= figure.end
            if not (inside or holds):
                return True
        return False


class SourceToClean:
    """Maps a span of the source text back into the cleaned text (the inverse of
    ``CleanText.to_source`` for spans the extractor found, which all lie in the cleaned text)."""

    def __init__(self, clean):
        self.text: str = clean.text
        self.starts = list(clean.run_starts)
        self.sources = list(clean.run_sources)
        self.ends = self.starts[1:] + [len(self.text)]
        self.ordered = all(a <= b for a, b in zip(self.sources, self.sources[1:]))

    def point(self, source: int) -> int | None:
        """The cleaned index of source char `source`, None when the cleaner dropped it."""
        if self.ordered:
            run = bisect_right(self.sources, source) - 1
            candidates = range(max(run, 0), len(self.starts))
        else:
            candidates = range(len(self.starts))
        for k in candidates:
            if self.sources[k] > source and self.ordered:
                break
            offset = source - self.sources[k]
            if 0 <= offset < self.ends[k] - self.starts[k]:
                return self.starts[k] + offset
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The cleaned span of source span [start, end), None when it is not in the cleaned text."""
        first = self.point(start)
        last = self.point(end - 1) if end > start else first
        if first is None or last is None:
            return None
        return first, (last + 1 if end > start else first)
