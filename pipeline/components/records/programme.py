"""The programme of a figure, from the sentence, then the section heading, then the document.

The programme named nearest the figure in its sentence, else one named in the heading of
its section (below the title), else the article's one programme, else the programme its
lead names. Names are folded to the document's own spelling of them: a one-word name into
the longer name it is a word of, and names that differ in case or adjective endings.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Callable

from ..programme_sources import OwnSources
from ..rules import Found
from ..scanning import whole_uses
from .cue_words import CueWords
from .context import DOCUMENT, NO_MENTIONS, NONE, SECTION, SENTENCE, DocContext, Field


class Programmes:
    """The programmes one doc names, and the programme of each figure."""

    def __init__(self, ctx: DocContext, land_sections: bool, own_sources: OwnSources | None = None,
                 source_cues: tuple[CueWords, ...] = ()):
        """land_sections (bool): whether the doc has Land sections (then the lead names no
        programme of the whole doc). own_sources: a figure whose clause (ctx.clause_breaks) names
        its own source of money takes no section or document programme. source_cues:
        own_sources' own-funds and source regexes with their words (any_in's searches, where
        their words occur)."""
        self.ctx = ctx
        self.own_sources = own_sources
        self.source_cues = source_cues
        self.clause_breaks = ctx.clause_breaks
        self._keys: dict[str, str] = {}  # name_key's answers, by name (key_of)
        self.names = self._programme_names()
        self._canonical: dict[str, str] = {}  # canonical_name's answers, by value
        self.only = next(iter(self.names)) if len(self.names) == 1 else ""
        self.land_sections = land_sections

    @cached_property
    def lead(self) -> str:
        """The programme the lead names (the doc's first, if it starts in the lead), found
        when a figure first falls back to it."""
        programmes = self.ctx.by_label.get("PROGRAMME", NO_MENTIONS)[1]  # in order of start
        lead = programmes[0] if programmes and programmes[0].start < self.ctx.lead_chars and not self.land_sections \
            else None
        return self.canonical_name(lead.value) if lead else ""

    def _programme_names(self) -> dict[str, Found]:
        """Distinct programme names in order of first mention; a one-word name folds into a
        longer one that starts with it ("Sportstätten-Offensive" -> "… NRW")."""
        firsts: dict[str, Found] = {}
        for m in self.ctx.by_label.get("PROGRAMME", NO_MENTIONS)[1]:
            firsts.setdefault(self.key_of(m.value), m)
        containing = WordIndex([o.value for o in firsts.values()], self.key_of)  # a look-up, not a pass per name
        by_position = list(firsts.values())
        names: dict[str, Found] = {}
        for key, m in firsts.items():
            longer = [by_position[i] for i in containing.longer_names(m.value)]
            target = max(longer, key=lambda o: len(o.value)) if longer else m
            first = m if target is m else min(m, target, key=lambda x: x.start)
            if target.value not in names or first.start < names[target.value].start:
                names[target.value] = first
        return dict(sorted(names.items(), key=lambda kv: kv[1].start))

    def key_of(self, name: str) -> str:
        """name_key(name), worked out once a doc for each name: the doc's names are keyed
        for its first mentions, both word indexes and each look-up (4 % of the fields'
        time worked out anew each time on the bench corpus)."""
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name)
        return key

    def named_in(self, s: int, e: int) -> str:
        """A programme referred to by one of its name's words ("für die Modellvorhaben")."""
        sentence = self.ctx.text[s:e]
        for name, words in self._name_words:
            if any(starts_a_word(sentence, w) for w in words):
                return name
        return ""

    @cached_property
    def _name_words(self) -> list[tuple[str, list[str]]]:
        """Each name with the words named_in looks for: those of six characters or more that
        start with a capital (found once a doc, not at each deadline)."""
        return [(name, [w for w in NAME_WORD.findall(name) if w[0].isupper()]) for name in self.names]

    def canonical_name(self, value: str) -> str:
        """The doc's own name for a programme named value: the first of its names that is
        value, or a longer name value is a word of, or value with other case or endings."""
        if value not in self._canonical:  # the figures of one sentence ask for the same name
            i = self._name_index.first_match(value)
            self._canonical[value] = value if i is None else self.names_in_order[i]
        return self._canonical[value]

    @cached_property
    def _name_index(self) -> WordIndex:
        """The names by position, word and key: a figure's look-up is then the same for a doc
        of thousands of names (issue 15) as for one of three."""
        return WordIndex(self.names_in_order, self.key_of)

    @cached_property
    def names_in_order(self) -> list[str]:
        return list(self.names)

    def at(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> Field:
        """The programme of [start, end) (a figure, a deadline) in its sentence, and where it was read."""
        ctx = self.ctx
        s, e = sentence or ctx.layout.sentence(start)
        m = self.nearest_in_clause(start, end, s, e) or ctx.nearest("PROGRAMME", start, end, s, e)
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

    def nearest_in_clause(self, start: int, end: int, s: int, e: int) -> Found | None:
        """The programme nearest the figure in its own clause: "Für die Stabilisierungshilfen
        stehen 92 Mio. Euro, für Bedarfszuweisungen 46 Mio. Euro bereit" gives each figure its
        own, though the second name is nearer the first figure."""
        if not self.ctx.in_range("PROGRAMME", s, e):
            return None  # most sentences name none: no clause to find
        breaks = self.clause_breaks
        return self.ctx.nearest("PROGRAMME", start, end, breaks.last_end_by(start, (s, e)),
                                breaks.first_start_from(end, (s, e)))

    def names_own_source(self, start: int, end: int, s: int, e: int) -> bool:
        """Whether the figure's clause says where its money comes from ("Weitere 20.000 Euro
        kommen aus dem Härtefallfonds"); a sentence's only figure has the clauses before it
        too ("Aus dem Härtefallfonds, so der Minister, erhält …"), not those after ("…, den
        Rest trägt die Gemeinde aus eigenen Mitteln")."""
        if self.own_sources is None or not self.ctx.per_span(self._holds_source_phrase, s, e):
            return False
        return self.clause_names_source(start, end, s, e)

    def _holds_source_phrase(self, s: int, e: int) -> bool:
        """Whether the window holds a source phrase at all (OwnSources.any_in): most hold
        none, and then none of their clauses names a source, so that their figures' clauses
        are neither found nor searched (a clause ends at a break, a mark or a space, or at
        the window's end: a phrase a clause holds, the window holds too)."""
        if self.source_cues:
            return any(self.ctx.holds(cue, s, e) for cue in self.source_cues)
        return self.own_sources.any_in(self.ctx.text, s, e)

    def clause_names_source(self, start: int, end: int, s: int, e: int) -> bool:
        """names_own_source without the window's test first (the plain way)."""
        breaks, sentence = self.clause_breaks, (s, e)
        cs = s if len(self.ctx.figures_in(s, e)) == 1 else breaks.last_end_by(start, sentence)
        ce = breaks.first_start_from(end, sentence)
        return self.ctx.per_span(self._names_source, cs, ce)  # figures of one clause ask alike

    def _names_source(self, cs: int, ce: int) -> bool:
        return self.own_sources.named_in(self.ctx.text, cs, ce, self.names)

class WordIndex:
    """Names in order, with where each is, the first of each name_key, and the names holding
    each word: is_short_form and name_key comparisons without a pass over the names."""

    def __init__(self, names: list[str], key: Callable[[str], str] | None = None):
        """key: name_key (the default), or a function giving its answers (a doc's memo of it)."""
        self.key = key = key or name_key
        self.position = {}
        self.first_key = {}
        self.holding: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            self.position.setdefault(name, i)
            self.first_key.setdefault(key(name), i)
            for word in dict.fromkeys(name.split()):
                if word != name:
                    self.holding.setdefault(word, []).append(i)

    def longer_names(self, short: str) -> list[int]:
        """Positions of the names that short is a short form of (is_short_form), in order."""
        short = short.strip()
        return self.holding.get(short, []) if len(short.split()) == 1 else []

    def first_match(self, value: str) -> int | None:
        """Position of the first name that is value, or that value is a short form of, or
        that has value's name_key; None if none."""
        longer = self.longer_names(value)
        found = [i for i in (self.position.get(value), longer[0] if longer else None,
                             self.first_key.get(self.key(value))) if i is not None]
        return min(found) if found else None


def is_short_form(short: str, long: str) -> bool:
    """A one-word name that is a word of a longer name: "Sportstätten-Offensive" of
    "Sportstätten-Offensive NRW", "Löschwasser" of "Sonderprogramm Löschwasser M-V"."""
    short = short.strip()
    return short != long and len(short.split()) == 1 and short in long.split()


NAME_WORD = re.compile(r"[\wÄÖÜäöüß\-]{6,}")  # a name's words that refer to it (named_in)


def starts_a_word(text: str, word: str) -> bool:
    r"""Whether the literal word occurs in text with no word character right before it: what
    re.search(rf"(?<![\w]){re.escape(word)}", text) answers, by str.find (scanning.whole_uses:
    a regex per name word, opening with a lookbehind, was tried at every position and cost a
    compile or a cache look-up besides; tests/components/test_records_pretests.py compares)."""
    return next(whole_uses(text, word, open_end=True), None) is not None


NOT_WORD = re.compile(r"[^\w]+")
ADJECTIVE_ENDING = re.compile(r"(?:e|en|er|es|em)$")


def name_key(name: str) -> str:
    """Compare names without case, punctuation or adjective endings ("Kommunaler"/"Kommunalen")."""
    words = NOT_WORD.sub(" ", name.lower()).split()
    return " ".join(ADJECTIVE_ENDING.sub("", w) if len(w) > 5 else w for w in words)
