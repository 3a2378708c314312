"""The Land of a figure (schema §4, §7), from the sentence, then the section, then the document.

A figure belongs to the Land whose government provides it or whose municipalities receive it.
In order:
- a Land named in the figure's clause (the nearest, or the section's own Land if the sentence
  names it too); a sentence that names Lands only outside the figure's clause and speaks of
  all Germany ("Von den 9 Mrd. des Bundes für ganz Deutschland erhält Bayern …") gives none;
  else a Land named elsewhere in the sentence;
- none where the sentence speaks of all Länder ("bundesweit");
- the Land of the districts (Landkreis, kreisfreie Stadt) named in the sentence, when they
  all lie in one Land ("Die Schulen im Landkreis Cham erhalten …");
- the Land whose name is the section's heading, a Land or district named in the heading;
- in a text about one Land, the Land named in the paragraph's previous sentence ("Sachsen erhält
  250 Mio. Euro. 225 Mio. Euro kommen vom Bund …"); a text about none (federal, foreign) does
  not spread a Land named in passing;
- the document's subject: the first Land named in title and lead, else the one it names most;
  where that gives none, the Land of the districts in title and lead, unless the text names
  another Land; in a text that names no Land, the Land whose government members it quotes
  ("sagte Finanzministerin Doris Ahnen": lexicon/ministers.py), where they are all one Land's,
  else the one Land of all the districts it names ("Anträge nimmt das Landratsamt Gotha an").
Places that are not the figure's Land never count: a dateline's place ("Berlin, 12.03.2025");
a government member's surname ("Kultusministerin Julia Hamburg", "Simone Oldenburg");
a city-state after in/aus/nach/von in a sentence that names another Land ("Kommunen aus
Sachsen haben in Berlin Bescheide erhalten", "Fördergelder aus Berlin nach Bayern holen": the
venue, the federal government); a city after "in" in a sentence about a handover or an event
("übergab in Erfurt die Bescheide": the venue).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cached_property

from ...lexicon import districts as gazetteer
from ...lexicon.ministers import Cabinets
from ..rules import Found, cue_regex, whole_words
from .context import DOCUMENT, NONE, SECTION, SENTENCE, DocContext, Field, distance
from .cue_words import CueWords

DATELINE_AFTER = re.compile(r",\s*(?:den\s+)?\d{1,2}\.")
# a line that opens with a place and an agency's or paper's sign: "Berlin (dpa)", "Bremen (AFP/epd)"
AGENCY_AFTER = re.compile(r"\s*\((?:[A-Za-z]{2,8})(?:/[A-Za-z]{2,8})?\)")


class LandRules:
    """The land field's rules, compiled once from the lexicon."""

    def __init__(self, cues: dict, records: dict, districts: list[dict], ministers: dict):
        self.gazetteer = gazetteer.Gazetteer(districts)  # Landkreise and kreisfreie Städte
        self.cabinets = Cabinets.from_lexicon(ministers, records["minister_titles"], records["not_land_titles"])
        self.all_laender = CueWords(cue_regex(records["all_laender"]), records["all_laender"])
        self.germany_wide = CueWords(cue_regex(records["germany_wide"]), records["germany_wide"])
        self.non_land_lead = whole_words(cues["non_land_lead"])
        self.city_lands = frozenset(records["city_lands"])
        # the preposition right before a place, and "in" alone before a venue
        self.place_before = re.compile(r"(?<![\w])(?:" + "|".join(records["place_prepositions"]) + r")\s+\Z")
        self.in_before = re.compile(r"(?<![\w])in\s+\Z")
        self.venue_cue = CueWords(cue_regex(records["venue_cues"], flags=0), records["venue_cues"])


class Lands:
    """The Lands of one doc: its Land sections, its subject, the Land of each figure."""

    def __init__(self, ctx: DocContext, rules: LandRules):
        self.ctx = ctx
        self.rules = rules
        self.clause_breaks = ctx.clause_breaks
        self._counts: dict[int, bool] = {}  # counts' answers, by the id of a mention of the doc's ctx
        self.headings = self._land_headings()
        self.heading_starts = [pos for pos, _ in self.headings]

    @cached_property
    def subject(self) -> str:
        """The Land the document is about (_subject_land), found when a figure first falls
        back to it: most find their Land nearer, and the subject judges every Land mention
        of the doc and may look for districts in the lead."""
        return self._subject_land()

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
        whose lead is not federal or European); else the one Land of the districts named in
        title and lead, where the text names no other Land; else, where it names no Land, the
        one Land whose government members it quotes, else that of all its districts."""
        ctx = self.ctx
        lands = [m for m in ctx.of("LAND") if self.counts(m)]
        if lands and lands[0].start < ctx.lead_chars:
            return lands[0].value
        common = Counter(m.value for m in lands).most_common(2)
        if common and common[0][1] >= 2 and (len(common) == 1 or common[0][1] > common[1][1]):
            return common[0][0]
        if len(common) == 1 and not self.rules.non_land_lead.search(ctx.text[:ctx.lead_chars]):
            return common[0][0]
        land = self.district_land(0, ctx.lead_chars)
        if land and all(value == land for value, _ in common):
            return land
        if not common:
            quoted = self.rules.cabinets.lands_quoted(ctx.text)
            if quoted:
                return next(iter(quoted)) if len(quoted) == 1 else ""
            return self.district_land(0, len(ctx.text))
        return ""

    def is_dateline(self, m: Found) -> bool:
        """"Berlin, 12.03.2025", a line opening "Berlin (dpa)": the place a text was issued,
        not what it is about."""
        text = self.ctx.text
        if DATELINE_AFTER.match(text, m.end):
            return True
        line_start = text.rfind("\n", 0, m.start) + 1
        return AGENCY_AFTER.match(text, m.end) is not None and not text[line_start:m.start].strip()

    def is_place(self, m: Found) -> bool:
        """A city-state named as a place: beside another Land not after the same preposition
        ("Kommunen aus Sachsen haben in Berlin Bescheide erhalten", "Fördergelder aus Berlin nach
        Bayern holen": the venue, the federal government), or after "in" in
        a sentence about a handover or an event ("bei der Übergabe in Berlin")."""
        if m.value not in self.rules.city_lands or m.rule != "land-name":
            return False
        ctx = self.ctx
        if not self.rules.place_before.search(ctx.text, max(0, m.start - 8), m.start):
            return False
        s, e = ctx.window(m.start, m.end)
        # another Land after the same preposition is a parallel ("in Hamburg …, in Bayern …")
        preposition = ctx.text[max(0, m.start - 8):m.start].split()[-1].lower()
        if any(o.value != m.value and ctx.text[max(0, o.start - 8):o.start].lower().split()[-1:] != [preposition]
               for o in ctx.in_range("LAND", s, e)):
            return True
        return self.rules.in_before.search(ctx.text, max(0, m.start - 4), m.start) is not None and \
            ctx.holds(self.rules.venue_cue, s, e)

    def counts(self, m: Found) -> bool:
        """Whether a Land mention says the Land of what is around it (not a dateline or a
        place). Judged once for each mention: the subject judges all of the doc's, and each
        window's figures ask again about those it holds."""
        judged = self._counts.get(id(m))
        if judged is None:
            judged = self._counts[id(m)] = not self.is_dateline(m) and not self.is_place(m)
        return judged

    def lands_in(self, s: int, e: int) -> list[Found]:
        """The Lands named inside [s, e] that count (found once for each span: the figures
        of one sentence ask alike; read only)."""
        return self.ctx.per_span(self._find_lands_in, s, e)

    def _find_lands_in(self, s: int, e: int) -> list[Found]:
        return [m for m in self.ctx.in_range("LAND", s, e) if self.counts(m)]

    @cached_property
    def districts(self) -> list[gazetteer.DistrictMention]:
        """The doc's district phrases that give a Land, in order (found once, when first asked);
        a government member's surname is none ("Ministerin Simone Oldenburg")."""
        text = self.ctx.text
        return [d for d in self.rules.gazetteer.districts_in(text)
                if not self.rules.cabinets.names.ends_a_name(text, d.start, d.end)]

    @cached_property
    def district_starts(self) -> list[int]:
        return [d.start for d in self.districts]

    def district_land(self, s: int, e: int) -> str:
        """The Land of the districts named inside [s, e] (not as a venue), if they lie in one
        (found once for each span)."""
        return self.ctx.per_span(self._find_district_land, s, e)

    def _find_district_land(self, s: int, e: int) -> str:
        if not self.rules.gazetteer.names_a_form(self.ctx.text[s:e]):
            return ""  # the doc's districts need not be found (their pass covers the whole doc)
        return self.plain_district_land(s, e)

    def plain_district_land(self, s: int, e: int) -> str:
        """district_land from the doc's district phrases, without the window's test first."""
        found = self.districts[bisect_left(self.district_starts, s):bisect_left(self.district_starts, e)]
        lands = {d.land for d in found if d.end <= e and not self.is_venue(d)}
        return next(iter(lands)) if len(lands) == 1 else ""

    def is_venue(self, d: gazetteer.DistrictMention) -> bool:
        """A city after "in" in a sentence about a handover or an event ("übergab in Erfurt")."""
        ctx = self.ctx
        if not self.rules.in_before.search(ctx.text, max(0, d.start - 4), d.start):
            return False
        return ctx.holds(self.rules.venue_cue, *ctx.window(d.start, d.end))

    def previous_sentence_land(self, offset: int) -> str:
        """The one Land named in the sentence before the one holding offset, in the same
        paragraph, if any (found once for each sentence)."""
        s = self.ctx.layout.sentence(offset)[0]
        return self.ctx.per_span(self._land_before, s - 1, s) if s > 0 else ""

    def _land_before(self, last: int, s: int) -> str:
        """The one Land of the sentence holding offset last, if it is in the paragraph of s."""
        ctx = self.ctx
        ps, pe = ctx.layout.sentence(last)
        if ps >= s or "\n" in ctx.text[ps:s]:
            return ""
        lands = {m.value for m in self.lands_in(ps, pe)}
        return next(iter(lands)) if len(lands) == 1 else ""

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> Field:
        """The Land of the figure at [start, end) in the sentence [s, e), and where it was read."""
        ctx = self.ctx
        s, e = sentence
        i = bisect_right(self.heading_starts, start) - 1
        section_land = self.headings[i][1] if i >= 0 else ""
        in_sentence = self.lands_in(s, e)
        if in_sentence:
            # the text between the Land and the figure (not the figure's own "1,4 Mio.")
            between = self.clause_breaks.between
            clause = [m for m in in_sentence
                      if not between(*((m.end, start) if m.end <= start else (end, m.start)), sentence)]
            if clause:
                in_sentence = clause
            elif ctx.holds(self.rules.germany_wide, s, e):
                return NONE  # the Land is another clause's; this figure is for all Germany
            if section_land and any(m.value == section_land for m in in_sentence):
                return Field(section_land, SENTENCE)
            return Field(min(in_sentence, key=lambda m: distance(m, start, end)).value, SENTENCE)
        if ctx.holds(self.rules.all_laender, s, e):
            return NONE
        land = self.district_land(s, e)
        if land:
            return Field(land, SENTENCE)
        if section_land:
            return Field(section_land, SECTION)
        i = ctx.layout.heading_index(start)
        if i >= 0:  # a Land or district named in the figure's section heading ("Förderung in Sachsen")
            h = ctx.layout.headings[i]
            in_heading = self.lands_in(h.start, h.end)
            if in_heading:
                return Field(in_heading[0].value, SECTION)
            land = self.district_land(h.start, h.end)
            if land:
                return Field(land, SECTION)
        subject = self.subject
        if subject:  # a text about one Land that names another: the paragraph's Land first
            previous = self.previous_sentence_land(s)  # the paragraph's: read near, not in, the sentence
            return Field(previous, SECTION) if previous else Field(subject, DOCUMENT)
        return NONE
