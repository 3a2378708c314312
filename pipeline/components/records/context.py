"""What every record field reads: the doc's mentions by label and where an offset sits.

A field's value comes from the figure's sentence first, then its section (headings count),
then the document (README "How it works"); DocContext answers the look-ups all fields ask
for: the mentions of one label inside a span, the nearest of them, the figures around a
figure, the section a heading below the title opens. Offsets are in cleaned text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, NamedTuple, TypeVar

from spacy.tokens import Doc

from ..rules import Found, scan_of
from .cue_words import CueWords, words_of
from .evidence import EVIDENCE_SIDE_CHARS

NO_MENTIONS: tuple = ((), ())  # a label the doc has no mention of
T = TypeVar("T")

# where a field was read (schema §2, basis), nearest first
SENTENCE, SECTION, DOCUMENT = "sentence", "section", "document"


class Field(NamedTuple):
    """A field's value and where it was read: the figure's sentence, its section (heading,
    paragraph) or the document (its subject, issuer, lead), so that an analyst can filter
    what was inferred from far away."""

    value: str
    basis: str


NONE = Field("", "")  # no value: no basis


@dataclass(frozen=True)
class Settings:
    """lead_chars: how much of the start is title and lead, where a text names its subject.
    issuer_min_mentions: how often an organisation is named to be the document's issuer.
    follow_period_gap: how far (characters) a period may follow the figure it belongs to."""

    lead_chars: int
    issuer_min_mentions: int
    follow_period_gap: int


def clause_break_regex(lexicon: dict) -> re.Pattern:
    """What ends a clause (records.yaml: punctuation, and conjunctions between spaces): a
    cue or a Land beyond one belongs to another clause than the figure."""
    marks = re.escape(lexicon["clause_break_marks"])
    return re.compile(rf"[{marks}]|\s(?:" + "|".join(lexicon["clause_break_words"]) + r")\s")


@dataclass(frozen=True)
class SentenceBreaks:
    """A sentence's clause breaks: where one starts at every offset (overlapping ones too)
    with the least end of those from each on; and those a left-to-right scan finds."""

    starts: list[int]
    least_end_from: list[int]
    scanned_starts: list[int]
    scanned_ends: list[int]


class ClauseBreaks:
    """Where a sentence's clauses break (clause_break_regex), found once per sentence.

    The questions record assembly asks of each figure are bisects here: a pass per figure
    over the text between would cost a sentence of thousands of figures the square of its
    length. Each answer is that of the regex over the text in question (the lexicon's breaks
    have no lookbehind and at one offset only one of them can match; tests compare both).
    """

    def __init__(self, text: str, regex: re.Pattern):
        self.text = text
        self.regex = regex
        self.sentences: dict[tuple[int, int], SentenceBreaks] = {}

    def between(self, a: int, b: int, sentence: tuple[int, int]) -> bool:
        """Whether a break lies inside [a, b) of the sentence, as regex.search(text, a, b)."""
        breaks = self._of(sentence)
        i = bisect_left(breaks.starts, a)
        return i < len(breaks.starts) and breaks.least_end_from[i] <= b

    def first_start_from(self, a: int, sentence: tuple[int, int]) -> int:
        """Where the first break at or after a starts (the sentence's end if none), as
        regex.search(text, a, e)."""
        breaks = self._of(sentence)
        i = bisect_left(breaks.starts, a)
        return breaks.starts[i] if i < len(breaks.starts) else sentence[1]

    def last_end_by(self, b: int, sentence: tuple[int, int]) -> int:
        """Where the last break before b ends (the sentence's start if none), as the last of
        regex.finditer(text, s, b)."""
        breaks = self._of(sentence)
        i = bisect_left(breaks.scanned_ends, b + 1) - 1  # the last ending by b
        if i + 1 < len(breaks.scanned_starts) and breaks.scanned_starts[i + 1] < b:
            # the next one reaches across b: a scan that stops at b may find another
            last = None
            for last in self.regex.finditer(self.text, sentence[0], b):
                pass
            return last.end() if last else sentence[0]
        return breaks.scanned_ends[i] if i >= 0 else sentence[0]

    def _of(self, sentence: tuple[int, int]) -> SentenceBreaks:
        if sentence not in self.sentences:
            s, e = sentence
            text, regex = self.text, self.regex
            scanned = [m.span() for m in regex.finditer(text, s, e)]
            # the breaks at every offset: the scan tried each offset outside its matches and
            # found none there, so only those inside a match (" und oder ": "oder" starts at
            # the space "und" ends with) are left to try, one match each
            found = []
            for a, b in scanned:
                found.append((a, b))
                for p in range(a + 1, b):
                    m = regex.match(text, p, e)
                    if m:
                        found.append((p, m.end()))
            least_end_from = [end for _, end in found]
            for i in range(len(found) - 2, -1, -1):
                least_end_from[i] = min(least_end_from[i], least_end_from[i + 1])
            self.sentences[sentence] = SentenceBreaks([start for start, _ in found], least_end_from,
                                                      [start for start, _ in scanned], [end for _, end in scanned])
        return self.sentences[sentence]


class DocContext:
    """The mentions of one doc, indexed for the look-ups record assembly needs."""

    def __init__(self, doc: Doc, settings: Settings, clause_break: re.Pattern, shared=None):
        """clause_break: what ends a clause (clause_break_regex); shared: the pipeline's
        SharedWords, with which the cues registered their words (None: every cue is searched)."""
        scan = scan_of(doc)  # read once: each doc._ look-up costs (context.py)
        self.refused = scan.refused  # figures out of bounds, passed on with the records
        self.text, self.lower = scan.text, scan.lower
        self.cue_words = words_of(scan, shared) if shared is not None else None  # CueWords' gate
        self.settings = settings
        self.lead_chars = settings.lead_chars
        self.layout = scan.layout
        mentions = sorted(scan.mentions, key=attrgetter("start", "end"))
        for m in mentions:
            if m.start >= self.lead_chars:
                break  # in order of start: none further on starts in the lead
            if m.label == "PROGRAMME" and m.rule != "programme-heading":
                # an article about one named programme: its title-like subheadings are topics
                mentions = [m for m in mentions if m.rule != "programme-heading"]
                break
        self.mentions = mentions
        self.figures = [m for m in mentions if m.label in ("MONEY", "PERCENT")]
        self.figure_starts = [m.start for m in self.figures]
        # the figures by end (ends, and their starts alike): a figure's previous one is a bisect
        by_end = sorted((m.end, m.start) for m in self.figures)
        self.figure_ends = [end for end, _ in by_end]
        self.figure_ends_starts = [start for _, start in by_end]
        # Kept for speed (the bench corpus: in_range's plain filter costs about 9 % of
        # de_records; and a filter, like figures_in's, would make a long document's look-ups
        # quadratic): per label, the mention starts and the mentions in document order, so
        # that a look-up is a bisect and a slice. Tests compare both with a plain filter.
        groups: dict[str, list[Found]] = {}
        for m in mentions:
            groups.setdefault(m.label, []).append(m)
        self.by_label: dict[str, tuple[list[int], list[Found]]] = {
            label: ([m.start for m in ms], ms) for label, ms in groups.items()}
        self.title_end = self._first_body_line()
        self.answers: dict[tuple[Callable | int, int, int], object] = {}
        # one ClauseBreaks for all fields: land, body and programme ask about the same
        # sentences, whose breaks are then found once
        self.clause_breaks = ClauseBreaks(self.text, clause_break)

    def per_span(self, question: Callable[..., T], s: int, e: int, *doc_args) -> T:
        """question(s, e, *doc_args), asked once for each span (doc_args: the same for the
        whole doc): a sentence's answers that do not depend on the figure are found once for
        all its figures (a pass over the sentence per figure costs a sentence of thousands of
        figures the square of its length)."""
        key = (question, s, e)
        if key not in self.answers:
            self.answers[key] = question(s, e, *doc_args)
        return self.answers[key]  # type: ignore[return-value]

    def holds(self, cue: CueWords, s: int, e: int) -> bool:
        """Whether the cue's regex matches inside [s, e), searched once for each span (as
        per_span), and only where its words occur (CueWords)."""
        # keyed by the cue's id: hashing a compiled pattern hashes its whole program
        # (1–3 µs for a cue list, more than most of these searches), at every look-up
        key = (id(cue), s, e)
        if key not in self.answers:
            self.answers[key] = cue.search(self.cue_words, self.text, s, e) is not None
        return self.answers[key]  # type: ignore[return-value]

    def of(self, label: str) -> list[Found]:
        """The mentions with the label, in document order."""
        return list(self.by_label.get(label, NO_MENTIONS)[1])

    def in_range(self, label: str, s: int, e: int) -> list[Found]:
        """The mentions with the label inside [s, e], in document order."""
        starts, ms = self.by_label.get(label, NO_MENTIONS)
        i = bisect_left(starts, s)
        if i == len(starts) or starts[i] > e:
            return []  # most look-ups find nothing
        return [m for m in ms[i:bisect_right(starts, e)] if m.end <= e]

    def nearest(self, label: str, start: int, end: int, s: int, e: int) -> Found | None:
        """The mention with the label inside [s, e] nearest to [start, end) (the longer on a
        tie)."""
        cands = self.in_range(label, s, e)
        return min(cands, key=lambda m: (distance(m, start, end), -(m.end - m.start)), default=None)

    def nearest_before(self, label: str, start: int, s: int) -> Found | None:
        cands = self.in_range(label, s, start)
        return cands[-1] if cands else None

    def figures_in(self, s: int, e: int) -> list[Found]:
        """The figures starting inside [s, e), in document order (a bisect, as in_range)."""
        return self.figures[bisect_left(self.figure_starts, s):bisect_left(self.figure_starts, e)]

    def neighbour_figures(self, f: Found, s: int, e: int) -> tuple[int, int]:
        """End of the previous and start of the next figure within the sentence [s, e) (its
        ends where there is none): bisects, since a sentence may hold thousands of figures.
        The previous is the figure starting in the sentence that ends last before f starts."""
        i = bisect_left(self.figure_starts, f.end)
        next_start = self.figure_starts[i] if i < len(self.figure_starts) and self.figure_starts[i] < e else e
        ends, starts = self.figure_ends, self.figure_ends_starts
        k = bisect_right(ends, f.start) - 1
        while k >= 0 and ends[k] > s:
            if starts[k] >= s:  # not one from the sentence before, reaching into this one
                return ends[k], next_start
            k -= 1
        return s, next_start

    def _first_body_line(self) -> int:
        """Offset of the first line that is not a heading: headings above it are the title."""
        pos = 0
        for h in self.layout.headings:
            if h.start > pos:
                break
            pos = h.end + 1
        return pos

    def real_heading(self, offset: int) -> Found | None:
        """The heading of the section holding offset, if it is one below the title."""
        i = self.layout.heading_index(offset)
        if i < 0 or self.layout.headings[i].start < self.title_end:
            return None
        return self.layout.headings[i]

    def window(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> tuple[int, int]:
        """Where a field of the span [start, end) is read: its sentence, or in a sentence longer
        than two evidence windows, EVIDENCE_SIDE_CHARS each side of the span (what its
        evidence shows). A sentence of thousands of figures then costs each figure the same
        (issue 15), and what lies further off is about other figures."""
        s, e = sentence or self.layout.sentence(start)
        if e - s <= 2 * EVIDENCE_SIDE_CHARS:
            return s, e
        return max(s, start - EVIDENCE_SIDE_CHARS), min(e, end + EVIDENCE_SIDE_CHARS)

    def real_section(self, offset: int) -> tuple[int, int] | None:
        """The section holding offset, if it opens with a heading below the title."""
        return self.layout.section(offset) if self.real_heading(offset) is not None else None


def distance(m: Found, start: int, end: int) -> int:
    if m.end <= start:
        return start - m.end
    if m.start >= end:
        return m.start - end
    return 0
