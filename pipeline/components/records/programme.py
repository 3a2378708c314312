"""The programme of a figure, from the sentence, then the section heading, then the document.

The programme named nearest the figure in its sentence, else one named in the heading of
its section (below the title), else the article's one programme, else the programme its
lead names. Names are folded to the document's own spelling of them: a one-word name into
the longer name it is a word of, and names that differ in case or adjective endings.
"""

from __future__ import annotations

import re

from ..programme_sources import OwnSources
from ..rules import Found
from .context import DOCUMENT, NO_MENTIONS, NONE, SECTION, SENTENCE, ClauseBreaks, DocContext, Field


class Programmes:
    """The programmes one doc names, and the programme of each figure."""

    def __init__(self, ctx: DocContext, land_sections: bool, own_sources: OwnSources | None = None,
                 clause_break: re.Pattern | None = None):
        """land_sections (bool): whether the doc has Land sections (then the lead names no
        programme of the whole doc). own_sources, clause_break: a figure whose clause names
        its own source of money takes no section or document programme."""
        self.ctx = ctx
        self.own_sources = own_sources
        self.clause_breaks = ClauseBreaks(ctx.text, clause_break) if clause_break is not None else None
        self.names = self._programme_names()
        self.only = next(iter(self.names)) if len(self.names) == 1 else ""
        # the first programme, if it starts in the lead (they are in order of start)
        programmes = ctx.by_label.get("PROGRAMME", NO_MENTIONS)[1]
        lead = programmes[0] if programmes and programmes[0].start < ctx.lead_chars and not land_sections else None
        self.lead = self.canonical_name(lead.value) if lead else ""

    def _programme_names(self) -> dict[str, Found]:
        """Distinct programme names in order of first mention; a one-word name folds into a
        longer one that starts with it ("Sportstätten-Offensive" -> "… NRW")."""
        firsts: dict[str, Found] = {}
        for m in self.ctx.by_label.get("PROGRAMME", NO_MENTIONS)[1]:
            firsts.setdefault(name_key(m.value), m)
        names: dict[str, Found] = {}
        for key, m in firsts.items():
            longer = [o for o in firsts.values() if is_short_form(m.value, o.value)]
            target = max(longer, key=lambda o: len(o.value)) if longer else m
            first = m if target is m else min(m, target, key=lambda x: x.start)
            if target.value not in names or first.start < names[target.value].start:
                names[target.value] = first
        return dict(sorted(names.items(), key=lambda kv: kv[1].start))

    def named_in(self, s: int, e: int) -> str:
        """A programme referred to by one of its name's words ("für die Modellvorhaben")."""
        sentence = self.ctx.text[s:e]
        for name in self.names:
            words = [w for w in re.findall(r"[\wÄÖÜäöüß\-]{6,}", name) if w[0].isupper()]
            if any(re.search(rf"(?<![\w]){re.escape(w)}", sentence) for w in words):
                return name
        return ""

    def canonical_name(self, value: str) -> str:
        """The doc's own name for a programme named value."""
        return next((name for name in self.names
                     if name == value or is_short_form(value, name) or name_key(name) == name_key(value)), value)

    def at(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> Field:
        """The programme of [start, end) (a figure, a deadline) in its sentence, and where it was read."""
        ctx = self.ctx
        s, e = sentence or ctx.layout.sentence(start)
        m = ctx.nearest("PROGRAMME", start, end, s, e)
        if m is not None:
            return Field(self.canonical_name(m.value), SENTENCE)
        if self.names_own_source(start, end, s, e):
            return NONE
        h = ctx.real_heading(start)
        if h is not None:
            m = ctx.nearest("PROGRAMME", h.start, h.end, h.start, h.end)
            if m is not None:
                return Field(self.canonical_name(m.value), SECTION)
        only = self.only or self.lead  # the article's one programme, else its lead's
        return Field(only, DOCUMENT) if only else NONE

    def names_own_source(self, start: int, end: int, s: int, e: int) -> bool:
        """Whether the figure's clause says where its money comes from ("Weitere 20.000 Euro
        kommen aus dem Härtefallfonds"); a sentence's only figure has the clauses before it
        too ("Aus dem Härtefallfonds, so der Minister, erhält …"), not those after ("…, den
        Rest trägt die Gemeinde aus eigenen Mitteln")."""
        if self.own_sources is None:
            return False
        breaks, sentence = self.clause_breaks, (s, e)
        cs = s if breaks is None or len(self.ctx.figures_in(s, e)) == 1 else breaks.last_end_by(start, sentence)
        ce = breaks.first_start_from(end, sentence) if breaks else e
        return self.own_sources.named_in(self.ctx.text, cs, ce, self.names)

def is_short_form(short: str, long: str) -> bool:
    """A one-word name that is a word of a longer name: "Sportstätten-Offensive" of
    "Sportstätten-Offensive NRW", "Löschwasser" of "Sonderprogramm Löschwasser M-V"."""
    short = short.strip()
    return short != long and len(short.split()) == 1 and short in long.split()


def name_key(name: str) -> str:
    """Compare names without case, punctuation or adjective endings ("Kommunaler"/"Kommunalen")."""
    words = re.sub(r"[^\w]+", " ", name.lower()).split()
    return " ".join(re.sub(r"(?:e|en|er|es|em)$", "", w) if len(w) > 5 else w for w in words)
