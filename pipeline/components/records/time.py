"""A figure's period, deadline and run time (schema §4), from sentence, section, document.

period: a period right after the figure in its clause, else one before it with no other
figure between, else the period of the "jeweils …" figure it sums up ("davon …" takes the
period of the sum before it); else the period in its section heading. duration: a run time
named in the sentence. deadline: a deadline applies to every figure of its programme, else
of its section, else (one programme, one deadline) to all.
"""

from __future__ import annotations

import re

from ..rules import Found
from ..scanning import whole_uses
from .context import NO_MENTIONS, DocContext
from .programme import Programmes


class TimeRules:
    """The time fields' rules (cues.yaml, records.yaml), compiled once."""

    def __init__(self, cues: dict, records: dict, clause_break: re.Pattern, follow_period_gap: int):
        self.clause_break = clause_break
        self.follow_period_gap = follow_period_gap
        self.part_of_previous = re.compile(
            r"(?:" + "|".join(records["part_of_previous"]) + r")\s+(?:\S+\s+){0,2}$", re.I)
        self.je_before = re.compile("(?:" + "|".join(cues["per_year_distributive"]) + r")\s+$")
        # what lies between a figure and a period in the relative clause that describes it:
        # "… Euro Fördergeldern, die von 2014 bis 2020 …", "…, die der Bund seit 2015 …"; a
        # capitalised word after the pronoun makes it an article ("…, der Kreis baut 2020 …")
        self.relative_clause = re.compile(
            r"^[^,;()\[\]]{0,40},\s*(?:" + "|".join(cues["relative_pronouns"]) + r")\s+(?=[a-zäöüß\d])[^,;()\[\]]{0,40}$")


class Times:
    """The periods and run times of one doc's figures."""

    def __init__(self, ctx: DocContext, rules: TimeRules):
        self.ctx = ctx
        self.rules = rules

    def period(self, f: Found, s: int, e: int) -> tuple[str, str]:
        """Start and end of the period of figure f in the sentence [s, e)."""
        period = self.attached_period(f, s, e)
        if period is None:
            period = self.heading_period(f.start)
        if period is None:
            return "", ""
        return interval_bounds(period.value)

    def duration(self, f: Found, s: int, e: int) -> str:
        """The run time named in the sentence [s, e) of figure f."""
        for m in self.ctx.in_range("DURATION", s, e):
            if m.attrs.get("runtime"):
                return m.value
        return ""

    def attached_period(self, f: Found, s: int, e: int) -> Found | None:
        """The period a figure applies to: one right after it in its clause, else one before it
        with no other figure between, else the period of a "jeweils …" figure it sums up."""
        ctx, rules = self.ctx, self.rules
        periods = ctx.in_range("PERIOD", s, e)
        if not periods:  # every answer below is one of them
            return None
        figures = ctx.figures_in(s, e)
        last_figure = not figures or figures[-1].start < f.end  # figures are in order of start
        window = ctx.text[max(s, f.start - 30):f.start]
        following = self.following_period(f, periods, figures, last_figure)
        if rules.part_of_previous.search(window):
            previous = [g for g in figures if g.end <= f.start]
            if previous and following is None:  # "davon 43 Mio. Euro im Jahr 2018" keeps its own
                return self.attached_period(previous[-1], s, e)
        if following is not None:
            return following
        for p in reversed(periods):
            if p.end <= f.start and not any(p.end <= g.start < f.start for g in figures):
                return p
        # "In diesem Jahr werden Kosten von bis zu 5 Mio. Euro mit rund 2 Mio. Euro gefördert":
        # a period opening the clause holds for each figure of it
        for p in reversed(periods):
            if p.end <= f.start and not rules.clause_break.search(ctx.text, p.end, f.start):
                return p
        for g in figures:
            if g.start > f.end and rules.je_before.search(ctx.text[max(s, g.start - 12):g.start]):
                later = [p for p in periods if p.start > g.end]
                if later:
                    return later[0]
        return None

    def following_period(self, f: Found, periods: list[Found], figures: list[Found], last_figure: bool) -> Found | None:
        """A period right after figure f in its clause, in brackets right after it, or in the
        relative clause that describes it ("9 Mrd. Euro, die der Bund seit 2015 bis Ende 2021
        bewilligt hat"), with no other figure between."""
        ctx, rules = self.ctx, self.rules
        for p in periods:
            if p.start >= f.end and p.start - f.end <= rules.follow_period_gap:
                if any(f.end <= g.start < p.start for g in figures):
                    continue
                gap = ctx.text[f.end:p.start]
                if last_figure or not rules.clause_break.search(gap) or rules.relative_clause.match(gap) \
                        or gap.strip() == "(":  # "331 Mio. Euro (2019) und 450 Mio. Euro (2020)"
                    return p
        return None

    def heading_period(self, offset: int) -> Found | None:
        """The first period named in the heading of the section holding offset."""
        ctx = self.ctx
        i = ctx.layout.heading_index(offset)
        if i < 0:
            return None
        h = ctx.layout.headings[i]
        periods = ctx.in_range("PERIOD", h.start, h.end)
        return periods[0] if periods else None


def apply_deadlines(ctx: DocContext, programmes: Programmes, records: list) -> dict[str, str]:
    """A deadline applies to every record of its programme (else of its section): sets the
    deadline of each record (a Draft).
    RETURNS (dict): deadline by lower-cased programme name."""
    by_programme, by_section = {}, {}
    for m in ctx.by_label.get("DATE", NO_MENTIONS)[1]:  # the DATE mentions, in document order
        if m.attrs.get("deadline"):
            programme = deadline_programme(ctx, programmes, m)
            if programme:
                by_programme.setdefault(programme.lower(), m.value)
            else:
                by_section.setdefault(ctx.layout.section(m.start), m.value)
    if not by_programme and not by_section:
        return by_programme  # no deadline: every record keeps the "" it was drafted with
    single = len(programmes.names) <= 1 and len(set(by_section.values())) == 1
    for r in records:
        r.deadline = (by_programme.get(r.programme.lower()) if r.programme else None) \
            or by_section.get(ctx.layout.section(r.start)) \
            or (next(iter(by_section.values())) if single else "")
    return by_programme


def deadline_programme(ctx: DocContext, programmes: Programmes, m: Found) -> str:
    """The programme a deadline sentence names: a programme mention in it, else one referred to
    by a word or the acronym of its name ("Die Antragsfrist für XYZ läuft …"), else the
    programme of its section or document."""
    s, e = ctx.window(m.start, m.end)
    # the words up to the date first ("Die Antragsfrist für X läuft bis …"): a name after it
    # may belong to the next sentence where a date's full stop did not end this one
    if ctx.nearest("PROGRAMME", m.start, m.end, s, m.end) is None:
        referred = programmes.named_in(s, m.end) or acronym_named_in(programmes.names, ctx.text[s:m.end])
        if referred:
            return referred
    return programmes.at(m.start, m.end).value


def acronym_named_in(names, sentence: str) -> str:
    """The first name whose acronym (a word of three or more capitals) the sentence holds."""
    for name in names:
        for acronym in ACRONYM.findall(name):
            if next(whole_uses(sentence, acronym), None):  # str.find, not a regex per acronym (starts_a_word)
                return name
    return ""


ACRONYM = re.compile(r"(?<![\w])[A-ZÄÖÜ]{3,}(?![\w])")


def interval_bounds(interval: str) -> tuple[str, str]:
    """Start and end of an ISO interval text, "" for an open side: "2020/.." -> ("2020", "")."""
    start, _, end = interval.partition("/")
    return ("" if start == ".." else start), ("" if end == ".." else end)


def is_multi_year(interval: str) -> bool:
    start, _, end = interval.partition("/")
    return bool(start[:4].isdigit() and end[:4].isdigit() and end[:4] > start[:4])
