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

from ..rules import Found
from .context import NO_MENTIONS, DocContext, distance

DATELINE_AFTER = re.compile(r",\s*(?:den\s+)?\d{1,2}\.")


class LandRules:
    """The land field's rules, compiled once from the lexicon."""

    def __init__(self, cues: dict, records: dict, clause_break: re.Pattern):
        # (?=[abn]): the letters its branches begin with, so that a search skips other positions at once
        self.all_laender = re.compile(r"(?=[abn])(?:" + "|".join(records["all_laender"]) + ")", re.I)
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
        # per heading, also the first Land it names (not as a dateline's place), None if none:
        # what at() would ask lands_in for, figure by figure; found here with the same look-up
        headings = ctx.layout.headings
        if "LAND" not in ctx.by_label:  # a doc that names no Land (the look-ups would find none)
            self.heading_land: list[str | None] = [None] * len(headings)
            return out
        self.heading_land = []
        for h in headings:
            lands = ctx.in_range("LAND", h.start, h.end)
            if len(lands) == 1 and ctx.text[h.start:h.end].strip() == lands[0].text:
                out.append((h.start, lands[0].value))
            first = None
            for m in lands:  # a loop, not next(…): no generator per heading
                if not self.is_dateline(m):
                    first = m.value
                    break
            self.heading_land.append(first)
        return out

    def _subject_land(self) -> str:
        """The Land a document is about: the first named in its title and lead (not the place
        of a dateline), else the one it names most often (twice at least, or once in a text
        whose lead is not federal or European)."""
        ctx = self.ctx
        lands = []
        for m in ctx.by_label.get("LAND", NO_MENTIONS)[1]:
            if not self.is_dateline(m):
                if m.start < ctx.lead_chars and not lands:
                    return m.value  # the first Land (in order of start) lies in the lead
                lands.append(m)
        if not lands:
            return ""
        counts = Counter(m.value for m in lands)
        common = counts.most_common(2)
        if common and common[0][1] >= 2 and (len(common) == 1 or common[0][1] > common[1][1]):
            return common[0][0]
        if common and not self.rules.non_land_lead.search(ctx.text[:ctx.lead_chars]) and len(common) == 1:
            return common[0][0]
        return ""

    def is_dateline(self, m: Found) -> bool:
        """"Berlin, 12.03.2025": the place a text was issued, not what it is about."""
        # DATELINE_AFTER opens with a plain ",": no comma right after the name, no dateline
        # (most Lands are not followed by one)
        text = self.ctx.text
        return text.startswith(",", m.end) and DATELINE_AFTER.match(text, m.end) is not None

    def lands_in(self, s: int, e: int) -> list[Found]:
        """The Lands named inside [s, e], not as a dateline's place (not to be changed)."""
        ctx = self.ctx
        lands = ctx.in_range("LAND", s, e)
        if not lands:
            return lands  # most sentences name none: no datelines to look for, nothing to keep
        kept = ctx.memo.get(("lands", s, e))
        if kept is None:
            kept = ctx.memo["lands", s, e] = [m for m in lands if not self.is_dateline(m)]
        return kept

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> str:
        """The Land of the figure at [start, end) in the sentence [s, e)."""
        ctx = self.ctx
        s, e = sentence
        section_land = ""
        for pos, land in self.headings:
            if pos <= start:
                section_land = land
        in_sentence = self.lands_in(s, e)
        if in_sentence:  # most sentences name none: no clause to look for
            text = ctx.text
            clause_break = self.rules.clause_break
            clause = [m for m in in_sentence if not clause_break.search(text[min(m.end, start):max(m.start, end)])]
            if clause:
                in_sentence = clause
            if section_land and any(m.value == section_land for m in in_sentence):
                return section_land
            if len(in_sentence) == 1:
                return in_sentence[0].value  # the nearest of one, without a key to compute
            return min(in_sentence, key=lambda m: distance(m, start, end)).value
        all_laender = ctx.memo.get(("all_laender", s, e))
        if all_laender is None:
            # each branch of all_laender holds "länder" or is "bundesweit", case-insensitively: a
            # sentence whose lower-case copy holds neither "nder" nor "bunde" has no match (re's
            # IGNORECASE takes no other character for these letters than str.lower() turns into
            # them: checked over all of Unicode in the tests), and most hold neither
            # (looked for in the doc's lower-case copy, made by the finders before: it holds them
            # where the sentence's would, as neither holds "i" or a combining dot, the two
            # characters "İ" lowers to, which the copy keeps as "İ" to keep its offsets)
            lowered = ctx.lower
            all_laender = ctx.memo["all_laender", s, e] = (
                (lowered.find("nder", s, e) >= 0 or lowered.find("bunde", s, e) >= 0)
                and self.rules.all_laender.search(ctx.text, s, e) is not None)
        if all_laender:
            return ""
        if section_land:
            return section_land
        i = ctx.layout.heading_index(start)
        if i >= 0:  # a Land named in the figure's section heading ("Förderung in Sachsen")
            land = self.heading_land[i]
            if land is not None:
                return land
        return self.subject
