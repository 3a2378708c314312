"""Where a character offset sits in a doc: its sentence, its section, its line."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from .rules import doc_extension, doc_text, doc_work


def layout_of(doc: Doc) -> "Layout":
    """The doc's Layout, built once: the sentences and headings do not change after
    de_sentences and de_sections, and three components look offsets up in them."""
    work = doc_work(doc)
    layout = work.get("layout")
    if layout is None:
        layout = work["layout"] = Layout(doc)
    return layout


class Layout:
    """Sentence and section boundaries of a doc, for fast offset look-ups."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        spans = doc_extension(doc, "sent_spans") or [(s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s for s, _ in spans]
        self.sent_ends = [e for _, e in spans]
        self.headings = list(doc_extension(doc, "headings") or [])
        self.heading_starts = [h.start for h in self.headings]

    def sentence(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sent_starts, offset) - 1)
        return self.sent_starts[i], self.sent_ends[i]

    def heading_index(self, offset: int) -> int:
        """Index of the last heading at or before offset, -1 if none."""
        return bisect.bisect_right(self.heading_starts, offset) - 1

    def section(self, offset: int) -> tuple[int, int]:
        """Span of the section (heading line included) holding offset."""
        i = self.heading_index(offset)
        start = self.headings[i].start if i >= 0 else 0
        end = self.headings[i + 1].start if i + 1 < len(self.headings) else len(self.text)
        return start, end

