"""A figure's qualifier and what it is per (schema §3), both from the figure's sentence.

qualifier: a cue right before the figure ("bis zu", "rund", "über"), a bound noun before
it ("Mindestvolumen von"), a bound after it ("auf … begrenzt"), else the figure's side of a
range. per: the per cues closest to the figure in its clause ("pro Jahr und Kommune"), else
a sentence whose subject is the recipients ("Jede Kommune erhält …"), else "year" for a
"jeweils …" figure over a period of several years.
"""

from __future__ import annotations

import re

from ...schema import join_per
from ..rules import Found, cue_regex, lead_lookahead, whole_words
from .context import DocContext
from .cue_words import CueWords
from .time import is_multi_year

EACH_BOUNDS = ("up_to", "at_least")  # qualifiers of a figure that bounds what one recipient gets


class Qualifiers:
    """The qualifier field's rules (cues.yaml, records.yaml), compiled once."""

    def __init__(self, cues: dict, records: dict):
        # each cue alternation behind rules.lead_lookahead (its first letters, derived from the
        # data): most positions of a window fail at one test (without: +50 % de_records, all
        # lookaheads and pre-tests of this package removed together)
        fill = "|".join(cues["qualifier_fillers"] + cues["qualifier_fillers_more"])
        # each with its words (CueWords): searched only where one of them lies before the figure
        self.qualifiers = [
            (q, CueWords(re.compile(lead_lookahead(frags) + r"(?<![\w])(?:" + "|".join(frags)
                                    + rf")\s+(?:(?:{fill})\s+){{0,2}}$", re.I), frags))
            for q, frags in cues["qualifiers"].items()
        ]
        # "Mindestvolumen von 10.000 Euro", "Die Förderhöchstsumme je Projekt liegt bei 5 Mio. EUR"
        bound_verb = "(?:" + "|".join(records["bound_verbs"]) + ")"
        self.bound_nouns = [
            (q, CueWords(re.compile(lead_lookahead(frags) + r"(?<![\w])(?:" + "|".join(frags)
                                    + rf")(?:\s+\S+){{0,3}}?\s+{bound_verb}\s+(?:(?:{fill})\s+){{0,2}}$"), frags))
            for q, frags in cues["bound_nouns"].items()
        ]
        self.over_not_after = cue_regex(cues["over_not_after"] + cues["over_not_after_more"])
        # "höchstens einen Eigenanteil von 10 Prozent": the qualifier stands before the noun
        link = "|".join(cues["qualifier_noun_link"])
        self.before_noun = [
            (q, CueWords(re.compile(lead_lookahead(cues["qualifiers"][q]) + r"(?<![\w])(?:" + "|".join(cues["qualifiers"][q])
                                    + rf")\s+(?:eine[nmrs]?\s+)?[A-ZÄÖÜ][\wäöüß-]*\s+(?:{link})\s+$", re.I),
                         cues["qualifiers"][q]))
            for q in cues["qualifier_before_noun"]
        ]
        self.bound_after = [(q, cue_regex(frags)) for q, frags in cues["bound_after"].items()]
        self.bound_after_any = [(q, cue_regex(frags)) for q, frags in cues["bound_after_any"].items()]
        self.bound_after_lead = re.compile(r"(?<![\w])(?:" + "|".join(records["bound_after_lead"]) + r")\s+$")

    def __call__(self, ctx: DocContext, f: Found, sent_start: int) -> str:
        """The qualifier of figure f, whose sentence starts at sent_start."""
        text, words = ctx.text, ctx.cue_words
        b = max(sent_start, f.start - 60)
        before = text[b:f.start]
        for q, cue in self.qualifiers:
            if cue.search_cut(words, before, b, f.start):
                if q == "over" and self.over_not_after.search(before):
                    continue
                return q
        for q, cue in (*self.before_noun, *self.bound_nouns):
            if cue.search_cut(words, before, b, f.start):
                return q
        after = text[f.end:f.end + 60]
        if self.bound_after_lead.search(before):
            for q, regex in self.bound_after:
                if regex.search(after):
                    return q
        for q, regex in self.bound_after_any:
            if regex.search(after):
                return q
        rng = f.attrs.get("range")
        if rng and f.attrs.get("range_connector") != "auf":
            return "at_least" if rng == "lower" else "up_to"
        return "exact"


class Per:
    """The per field's rules (cues.yaml, records.yaml), compiled once."""

    def __init__(self, cues: dict, records: dict, clause_break: re.Pattern):
        self.clause_break = clause_break
        per = {unit: frags + cues["per_more"].get(unit, []) for unit, frags in cues["per"].items()}
        # each unit's cues with their words (CueWords): a unit's regex runs only on a side of
        # the figure where one of its own words occurs (one gate for all units let every
        # unit's regex run on most sides: "jahr", "kreis", "projekt" are everywhere); per was
        # 26 M of de_records' 159 M instructions, 17 M with a gate per unit
        self.per_cues = [(unit, CueWords(cue_regex(frags), frags)) for unit, frags in per.items()]
        per_subject = {unit: frags + cues["per_subject_more"].get(unit, []) for unit, frags in cues["per_subject"].items()}
        self.per_subject = [(unit, CueWords(cue_regex(frags, 0), frags)) for unit, frags in per_subject.items()]
        self.subject_each = {unit: whole_words(words, re.I) for unit, words in cues["per_subject_each"].items()}
        self.subject_total = whole_words(cues["per_subject_total"], re.I)
        self.unit_nouns = {unit: "(?:" + "|".join(nouns) + ")" for unit, nouns in records["per_units"].items()}
        self.per_continuation = re.compile(
            r"\s+(?:" + "|".join(cues["per_continuation"]) + r")\s+(?:(?:" + "|".join(records["per_prepositions"])
            + r")\s+)?("
            + "|".join(self.unit_nouns.values()) + r")(?![\w])"
        )
        self.distributive = re.compile(
            lead_lookahead(cues["per_year_distributive"]) + r"(?<![\w])(?:" + "|".join(cues["per_year_distributive"])
            + r")\s+(?:\S+\s+){0,1}$", re.I
        )

    def __call__(self, ctx: DocContext, f: Found, s: int, e: int, qualifier: str = "") -> str:
        """What amount f, in the window [s, e) of its sentence, is per: "", or units joined by "+"
        (qualifier: f's, which says whether a recipients-subject gives each of them f)."""
        text = ctx.text
        prev_end, next_start = ctx.neighbour_figures(f, s, e)
        units = set()
        words = ctx.cue_words
        after = before = None  # each side's text, cut when a unit's words first occur there
        for unit, cue in self.per_cues:
            if cue.may_match(words, f.end, next_start):
                if after is None:
                    after = text[f.end:next_start]
                for m in cue.regex.finditer(after):
                    units.add(unit)
                    cont = self.per_continuation.match(after, m.end())
                    if cont:
                        units.add(self.unit_of(cont.group(1)))
            if cue.may_match(words, prev_end, f.start):
                if before is None:
                    before = text[prev_end:f.start]
                for m in cue.regex.finditer(before):
                    closer_to_previous = prev_end > s and m.start() < len(before) - m.end()
                    if not self.clause_break.search(before, m.end()) and not closer_to_previous:
                        units.add(unit)
        if not units:
            subject = ctx.per_span(self.subject_unit, s, e, text, ctx.cue_words)
            if subject and self.each_gets(subject, text[s:f.start], qualifier):
                units.add(subject)
        if "year" not in units and self.distributive.search(text[max(s, f.start - 25):f.start]):
            period = ctx.nearest("PERIOD", f.start, f.end, s, e)
            if period and is_multi_year(period.value):
                units.add("year")
        return join_per(units)

    def subject_unit(self, s: int, e: int, text: str, words: dict[str, list[int]] | None = None) -> str:
        """The first per_subject unit whose cue the sentence [s, e) holds, "" if none
        (words: the doc's for CueWords, None to search every cue)."""
        sentence = text[s:e].lstrip("-–•* ")
        return next((unit for unit, cue in self.per_subject if cue.search_cut(words, sentence, s, e)), "")

    def each_gets(self, unit: str, before: str, qualifier: str) -> bool:
        """Whether a figure after its recipients-subject of this unit (``before``: the sentence up
        to the figure) is each one's: always for recipients that cannot share a sum; else a bound,
        or a word of one thing each gets, and no word of a total."""
        each = self.subject_each.get(unit)
        if each is None:
            return True
        if self.subject_total.search(before):
            return False
        return qualifier in EACH_BOUNDS or each.search(before) is not None

    def unit_of(self, noun: str) -> str:
        for unit, pattern in self.unit_nouns.items():
            if re.fullmatch(pattern, noun):
                return unit
        return ""
