"""A figure's qualifier and what it is per (schema §3), both from the figure's sentence.

qualifier: a cue right before the figure ("bis zu", "rund", "über"), a bound noun before
it ("Mindestvolumen von"), a bound after it ("auf … begrenzt"), else the figure's side of a
range. per: the per cues closest to the figure in its clause ("pro Jahr und Kommune"), else
a sentence whose subject is the recipients ("Jede Kommune erhält …"), else "year" for a
"jeweils …" figure over a period of several years.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...schema import join_per
from ..rules import Found, cue_regex, lead_lookahead
from .context import DocContext
from .time import is_multi_year


class Qualifiers:
    """The qualifier field's rules (cues.yaml, records.yaml), compiled once."""

    def __init__(self, cues: dict, records: dict):
        # each cue alternation behind rules.lead_lookahead (its first letters, derived from the
        # data): most positions of a window fail at one test (without: +50 % de_records, all
        # lookaheads and pre-tests of this package removed together)
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
        self.over_not_after = cue_regex(cues["over_not_after"] + cues["over_not_after_more"])
        # "höchstens einen Eigenanteil von 10 Prozent": the qualifier stands before the noun
        link = "|".join(cues["qualifier_noun_link"])
        self.before_noun = [
            (q, re.compile(lead_lookahead(cues["qualifiers"][q]) + r"(?<![\w])(?:" + "|".join(cues["qualifiers"][q])
                           + rf")\s+(?:eine[nmrs]?\s+)?[A-ZÄÖÜ][\wäöüß-]*\s+(?:{link})\s+$", re.I))
            for q in cues["qualifier_before_noun"]
        ]
        self.bound_after = [(q, cue_regex(frags)) for q, frags in cues["bound_after"].items()]
        self.bound_after_lead = re.compile(r"(?<![\w])(?:" + "|".join(records["bound_after_lead"]) + r")\s+$")

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
        for q, regex in self.bound_nouns:
            if regex.search(before):
                return q
        if self.bound_after_lead.search(before):
            after = text[f.end:f.end + 60]
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
        # Kept for speed (PerCues: one pass per sentence instead of two searches per figure;
        # measured share below): all per cues in one alternation, their lookaheads left out.
        self.any_per_cue = PerCues.regex([frag for frags in per.values() for frag in frags])
        per_subject = {unit: frags + cues["per_subject_more"].get(unit, []) for unit, frags in cues["per_subject"].items()}
        self.per_subject = [(unit, cue_regex(frags, 0)) for unit, frags in per_subject.items()]
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

    def __call__(self, ctx: DocContext, f: Found, s: int, e: int, sentence: tuple[int, int]) -> str:
        """What amount f, in the window [s, e) of its sentence, is per: "", or units joined by "+"."""
        text = ctx.text
        prev_end, next_start = ctx.neighbour_figures(f, s, e)
        units = set()
        # the sentence's per cues first (found once for all its figures): none near, no unit's finditer
        cues = ctx.per_span(self.cues_in, *sentence, text)
        cue_after = cues.may_match(f.end, next_start)
        cue_before = cues.may_match(prev_end, f.start)
        after = text[f.end:next_start] if cue_after else ""
        before = text[prev_end:f.start] if cue_before else ""
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
            subject = ctx.per_span(self.subject_unit, s, e, text)
            if subject:
                units.add(subject)
        if "year" not in units and self.distributive.search(text[max(s, f.start - 25):f.start]):
            period = ctx.nearest("PERIOD", f.start, f.end, s, e)
            if period and is_multi_year(period.value):
                units.add("year")
        return join_per(units)

    def cues_in(self, s: int, e: int, text: str) -> PerCues:
        """Where the sentence [s, e) may hold a per cue (asked once per sentence, by per_span)."""
        return PerCues([m.span() for m in self.any_per_cue.finditer(text, s, e)])

    def subject_unit(self, s: int, e: int, text: str) -> str:
        """The first per_subject unit whose cue the sentence [s, e) holds, "" if none."""
        sentence = text[s:e].lstrip("-–•* ")
        return next((unit for unit, regex in self.per_subject if regex.search(sentence)), "")

    def unit_of(self, noun: str) -> str:
        for unit, pattern in self.unit_nouns.items():
            if re.fullmatch(pattern, noun):
                return unit
        return ""


class PerCues:
    """Where a sentence may hold a per cue: the matches of one pass of all per cues over it,
    their lookaheads left out (``regex``). Speed device: per() asks whether the text after and
    before each figure holds a cue; this answers with a bisect instead of two searches per
    figure (most figures have none near them). Without it (two searches of the full regex per
    figure) de_records took about 0.04 s/MB more on the bench corpus, some 2.5 % of the pipeline.

    Where a cue's regex matches in text[a:b], these matches overlap [a, b): the cues have no
    lookbehind or anchor (``regex`` checks), so the match at p in the slice is one in the text
    from p; without lookaheads it still matches with the sentence's end as its end; and the
    pass, trying every offset outside its earlier matches, finds it or one over p. The converse
    need not hold: a unit's finditer then finds nothing, as before. A test checks the
    implication on every slice of its texts."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]  # the matches do not overlap: in order of end too

    def may_match(self, a: int, b: int) -> bool:
        """False where no per cue matches in text[a:b]."""
        i = bisect_right(self.ends, a)  # the first match ending after a
        return i < len(self.starts) and self.starts[i] < b

    @staticmethod
    def regex(fragments: list[str]) -> re.Pattern:
        """All the cues in one alternation (cue_regex), each without its lookaheads; refused
        for a cue whose match depends on what lies before it or on the text's end."""
        for frag in fragments:
            if re.search(r"\(\?<|\\[bBAZ]|[$^]", re.sub(r"\\[^bBAZ]|\[(?:\\.|[^]])*\]", "", frag)):
                raise ValueError(f"per cue {frag!r}: a lookbehind or anchor; PerCues cannot pass over it")
        return cue_regex([alt for frag in fragments for alt in leading_alternatives(without_lookaheads(frag))])


def leading_alternatives(fragment: str) -> list[str]:
    """A fragment that opens with a group of alternatives as one fragment per alternative
    ("(?:pro|je)\\s+Kind" -> "pro\\s+Kind", "je\\s+Kind"): the same matches, and cue_regex
    can then see the letters each begins with."""
    if not fragment.startswith("(?:"):
        return [fragment]
    alternatives, depth, i, begin = [], 1, 3, 3
    while depth:
        c = fragment[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = class_end(fragment, i)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 1:
            alternatives.append(fragment[begin:i])
            begin = i + 1
        i += 1
    alternatives.append(fragment[begin:i - 1])
    rest = fragment[i:]
    if rest[:1] in ("?", "*", "+", "{"):  # the group is quantified: left whole
        return [fragment]
    return [alt + rest for alt in alternatives]


def without_lookaheads(fragment: str) -> str:
    """The regex fragment without its lookahead groups ("im\\s+Jahr(?!\\s+\\d)" -> "im\\s+Jahr"):
    it matches wherever the fragment does, and more."""
    out, i, n = [], 0, len(fragment)
    while i < n:
        if fragment.startswith(("(?!", "(?="), i):
            depth, i = 1, i + 3
            while depth:
                c = fragment[i]
                if c == "\\":
                    i += 1
                elif c == "[":
                    i = class_end(fragment, i)
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                i += 1
            continue
        c = fragment[i]
        if c == "\\":
            out.append(fragment[i:i + 2])
            i += 2
        elif c == "[":
            end = class_end(fragment, i)
            out.append(fragment[i:end + 1])
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def class_end(fragment: str, i: int) -> int:
    """Where the character set opening at fragment[i] ("[") closes."""
    j = i + 1
    if fragment[j:j + 1] == "^":
        j += 1
    if fragment[j:j + 1] == "]":  # a "]" first in a set is a literal
        j += 1
    while fragment[j] != "]":
        j += 2 if fragment[j] == "\\" else 1
    return j
