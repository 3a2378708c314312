"""The Land of a figure (schema §7), from the sentence, then the section, then the document.

A Land named in the figure's clause (the nearest, or the section's own Land if the sentence
names it too); else none where the sentence speaks of all Länder ("bundesweit"); else the
Land whose name is the section's heading, a Land named in the section heading, and last the
document's subject: the first Land named in title and lead, else the one it names most.
A Land followed by a date ("Berlin, 12.03.2025") is a dateline's place and never counts.
"""

from __future__ import annotations

import re
from collections import Counter

from ..rules import Found, cue_regex
from .context import DocContext, distance

DATELINE_AFTER = re.compile(r",\s*(?:den\s+)?\d{1,2}\.")


class LandRules:
    """The land field's rules, compiled once from the lexicon."""

    def __init__(self, cues: dict, records: dict, clause_break: re.Pattern):
        self.all_laender = cue_regex(records["all_laender"])
        self.non_land_lead = re.compile(r"(?<![\w])(?:" + "|".join(cues["non_land_lead"]) + r")(?![\w])")
        self.clause_break = clause_break


class Lands:
    """The Lands of one doc: its Land sections, its subject, the Land of each figure."""

    def __init__(self, ctx: DocContext, rules: LandRules):
        self.ctx = ctx
        self.rules = rules
        self.headings = self._land_headings()
        self.subject = self._subject_land()

    def _land_headings(self) -> list[tuple[int, str]]:
        """Headings that are just a Land's name open that Land's section."""
        ctx = self.ctx
        out = []
        for h in ctx.layout.headings:
            lands = ctx.in_range("LAND", h.start, h.end)
            if len(lands) == 1 and ctx.text[h.start:h.end].strip() == lands[0].text:
                out.append((h.start, lands[0].value))
        return out

    def _subject_land(self) -> str:
        """The Land a document is about: the first named in its title and lead (not the place
        of a dateline), else the one it names most often (twice at least, or once in a text
        whose lead is not federal or European)."""
        ctx = self.ctx
        lands = [m for m in ctx.of("LAND") if not self.is_dateline(m)]
        if not lands:
            return ""
        if lands[0].start < ctx.lead_chars:
            return lands[0].value
        common = Counter(m.value for m in lands).most_common(2)
        if common[0][1] >= 2 and (len(common) == 1 or common[0][1] > common[1][1]):
            return common[0][0]
        if not self.rules.non_land_lead.search(ctx.text[:ctx.lead_chars]) and len(common) == 1:
            return common[0][0]
        return ""

    def is_dateline(self, m: Found) -> bool:
        """"Berlin, 12.03.2025": the place a text was issued, not what it is about."""
        return DATELINE_AFTER.match(self.ctx.text, m.end) is not None

    def lands_in(self, s: int, e: int) -> list[Found]:
        """The Lands named inside [s, e], not as a dateline's place."""
        return [m for m in self.ctx.in_range("LAND", s, e) if not self.is_dateline(m)]

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> str:
        """The Land of the figure at [start, end) in the sentence [s, e)."""
        ctx = self.ctx
        s, e = sentence
        section_land = ""
        for pos, land in self.headings:
            if pos <= start:
                section_land = land
        in_sentence = self.lands_in(s, e)
        if in_sentence:
            text = ctx.text
            clause_break = self.rules.clause_break
            clause = [m for m in in_sentence if not clause_break.search(text[min(m.end, start):max(m.start, end)])]
            if clause:
                in_sentence = clause
            if section_land and any(m.value == section_land for m in in_sentence):
                return section_land
            return min(in_sentence, key=lambda m: distance(m, start, end)).value
        if self.rules.all_laender.search(ctx.text, s, e):
            return ""
        if section_land:
            return section_land
        i = ctx.layout.heading_index(start)
        if i >= 0:  # a Land named in the figure's section heading ("Förderung in Sachsen")
            h = ctx.layout.headings[i]
            in_heading = self.lands_in(h.start, h.end)
            if in_heading:
                return in_heading[0].value
        return self.subject
