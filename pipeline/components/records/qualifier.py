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
from ..rules import Found, cue_regex, has_top_level_alternative, lead_lookahead
from .context import DocContext
from .time import is_multi_year


class Qualifiers:
    """The qualifier field's rules (cues.yaml, records.yaml), compiled once."""

    def __init__(self, cues: dict, records: dict):
        fill = "|".join(cues["qualifier_fillers"] + cues["qualifier_fillers_more"])
        self.qualifiers = [
            (q, re.compile(lead_lookahead(frags) + r"(?<![\w])(?:" + "|".join(frags) + rf")\s+(?:(?:{fill})\s+){{0,2}}$", re.I))
            for q, frags in cues["qualifiers"].items()
        ]
        # "Mindestvolumen von 10.000 Euro", "Die Förderhöchstsumme je Projekt liegt bei 5 Mio. EUR"
        bound_verb = "(?:" + "|".join(records["bound_verbs"]) + ")"
        self.bound_nouns = [
            (q, re.compile(lead_lookahead(frags) + r"(?<![\w])(?:" + "|".join(frags) + rf")(?:\s+\S+){{0,3}}?\s+{bound_verb}\s+"
                           rf"(?:(?:{fill})\s+){{0,2}}$"))
            for q, frags in cues["bound_nouns"].items()
        ]
        # a match of a bound noun holds its fragment's plain beginning ("Höchst" of "Höchst\w*";
        # case-sensitive, as they are): a window with none of them has no bound noun. None: some
        # fragment has no sure beginning, every window is searched. (One search of their plain
        # alternation finds any of them, at half the cost of an `in` test each.)
        prefixes = [literal_prefix(frag) for frags in cues["bound_nouns"].values() for frag in frags]
        self.bound_noun_gate = re.compile("|".join(map(re.escape, prefixes))) if all(prefixes) else None
        # searched only for whether it matches: a leading \w* (it may match nothing) changes no
        # answer, a match without it is one with it empty; with it every position would run \w*
        # to the end of its word and back (15 µs a search)
        self.over_not_after = cue_regex([f.removeprefix(r"\w*") for f in cues["over_not_after"] + cues["over_not_after_more"]])
        # "höchstens einen Eigenanteil von 10 Prozent": the qualifier stands before the noun
        link = "|".join(cues["qualifier_noun_link"])
        self.before_noun = [
            (q, re.compile(lead_lookahead(cues["qualifiers"][q]) + r"(?<![\w])(?:" + "|".join(cues["qualifiers"][q])
                           + rf")\s+(?:eine[nmrs]?\s+)?[A-ZÄÖÜ][\wäöüß-]*\s+(?:{link})\s+$", re.I))
            for q in cues["qualifier_before_noun"]
        ]
        self.bound_after = [(q, cue_regex(frags)) for q, frags in cues["bound_after"].items()]
        # "… auf 750.000 Euro … begrenzt"; (?=a): cheaper first
        self.bound_after_lead = re.compile(r"(?=a)(?<![\w])(?:" + "|".join(records["bound_after_lead"]) + r")\s+$")

    def __call__(self, text: str, f: Found, sent_start: int) -> str:
        """The qualifier of figure f, whose sentence starts at sent_start."""
        before = text[max(sent_start, f.start - 60):f.start]
        for q, regex in self.qualifiers:
            if regex.search(before):
                if q == "over" and self.over_not_after.search(before):
                    continue
                return q
        for q, regex in self.before_noun:
            if regex.search(before):
                return q
        gate = self.bound_noun_gate
        if gate is None or gate.search(before):
            for q, regex in self.bound_nouns:
                if regex.search(before):
                    return q
        after = text[f.end:f.end + 60]
        if "auf" in before and self.bound_after_lead.search(before):  # it matches a plain, lower-case "auf"
            for q, regex in self.bound_after:
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
        self.per_cues = [(unit, cue_regex(frags)) for unit, frags in per.items()]
        # all per cues in one alternation: it finds a match wherever one unit's regex would (an
        # alternation tries every branch at every position), so where it finds none, no unit's
        # finditer can; most figures have no per cue near them
        self.any_per_cue = cue_regex([frag for frags in per.values() for frag in frags])
        per_subject = {unit: frags + cues["per_subject_more"].get(unit, []) for unit, frags in cues["per_subject"].items()}
        self.per_subject = [(unit, cue_regex(frags, 0), starts_or_colons_only(frags))
                            for unit, frags in per_subject.items()]
        self.unit_nouns = {unit: "(?:" + "|".join(nouns) + ")" for unit, nouns in records["per_units"].items()}
        self.per_continuation = re.compile(
            r"\s+(?:" + "|".join(cues["per_continuation"]) + r")\s+(?:(?:pro|je)\s+)?("
            + "|".join(self.unit_nouns.values()) + r")(?![\w])"
        )
        self.distributive = re.compile(
            lead_lookahead(cues["per_year_distributive"]) + r"(?<![\w])(?:" + "|".join(cues["per_year_distributive"])
            + r")\s+(?:\S+\s+){0,1}$", re.I
        )

    def __call__(self, ctx: DocContext, f: Found, s: int, e: int) -> str:
        """What amount f, in the sentence [s, e), is per: "", or units joined by "+"."""
        text = ctx.text
        prev_end, next_start = ctx.neighbour_figures(f, s, e)
        units = set()
        after = text[f.end:next_start]
        before = text[prev_end:f.start]
        # one search over all per cues first (see __init__): no match there, no unit's finditer
        cue_after = self.any_per_cue.search(after) is not None
        cue_before = self.any_per_cue.search(before) is not None
        for unit, regex in (self.per_cues if cue_after or cue_before else ()):
            for m in (regex.finditer(after) if cue_after else ()):
                units.add(unit)
                cont = self.per_continuation.match(after, m.end())
                if cont:
                    units.add(self.unit_of(cont.group(1)))
            for m in (regex.finditer(before) if cue_before else ()):
                closer_to_previous = prev_end > s and m.start() < len(before) - m.end()
                if not self.clause_break.search(before, m.end()) and not closer_to_previous:
                    units.add(unit)
        if not units:
            # the first per_subject unit whose cue the sentence holds: the same for every figure in it
            subject = ctx.memo.get(("per_subject", s, e))
            if subject is None:
                sentence = text[s:e].lstrip("-–•* ")
                subject = ""
                for unit, regex, anchored in self.per_subject:  # a loop, not next(…): no generator
                    if match_at_start_or_colon(regex, sentence) if anchored else regex.search(sentence):
                        subject = unit
                        break
                ctx.memo["per_subject", s, e] = subject
            if subject:
                units.add(subject)
        if "year" not in units and self.distributive.search(text[max(s, f.start - 25):f.start]):
            period = ctx.nearest("PERIOD", f.start, f.end, s, e)
            if period and is_multi_year(period.value):
                units.add("year")
        return join_per(units) if units else ""  # most figures are per nothing

    def unit_of(self, noun: str) -> str:
        for unit, pattern in self.unit_nouns.items():
            if re.fullmatch(pattern, noun):
                return unit
        return ""


REGEX_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def literal_prefix(fragment: str) -> str:
    """The plain characters every match of a regex fragment begins with ("Höchst" of
    "Höchst\\w*"), "" where none are sure: an alternative at the top level, a first character
    that may be left out ("a?", "a*", "a{0,2}"), or a special character first."""
    if has_top_level_alternative(fragment):
        return ""
    n = 0
    while n < len(fragment) and fragment[n] not in REGEX_SPECIAL:
        n += 1
    if n < len(fragment) and fragment[n] in "?*{":
        n -= 1  # the quantifier is the last character's: it may be absent
    return fragment[:max(n, 0)]


def starts_or_colons_only(fragments) -> bool:
    """Whether a match of the fragments' alternation can begin only at the start of the text or
    at a colon: each fragment opens with "^" or "(?:^|:\\s*)" (no MULTILINE: "^" is the start)
    and has no alternative at its top level that could begin elsewhere."""
    return bool(fragments) and all(
        (f.startswith("^") or f.startswith(r"(?:^|:\s*)")) and not has_top_level_alternative(f) for f in fragments)


def match_at_start_or_colon(regex: re.Pattern, text: str) -> bool:
    """regex.search(text) is not None, for a regex of starts_or_colons_only fragments: it can match
    only where search would find it, at 0 or at a colon, so a match is tried there alone (most
    sentences hold no colon) instead of at every position. match(text, pos) sees the text as
    search does there ("^" fails after 0 in both)."""
    if regex.match(text):
        return True
    colon = text.find(":")
    while colon >= 0:
        if regex.match(text, colon):
            return True
        colon = text.find(":", colon + 1)
    return False
