"""The body of a figure (schema §7), from the sentence, then the section, then the document.

The organisation named nearest the figure in its sentence; else a Land stand-in in the
sentence that names its Land or is a government ("das Land NRW", "die Landesregierung");
else the organisation of its section (below the title); else the document's issuer; and
only where none is named, a bare "Land", "Freistaat" or "Bund" of the sentence or section.
"""

from __future__ import annotations

import re
from collections import Counter

from ..rules import lead_lookahead
from .context import DocContext


class BodyRules:
    """The body field's rules, compiled once from organisations.yaml: its Land stand-ins
    (land_bodies), of which those that are not bare (bare_land_bodies) are governments."""

    def __init__(self, organisations: dict):
        bodies = organisations["land_bodies"]
        escaped = [re.escape(b) for b in bodies]
        self.bare_land_words = set(organisations["bare_land_bodies"])
        # a stand-in in any case of the singular: "des Landes", "des Bundes"
        self.land_body = re.compile(rf"{lead_lookahead(escaped)}(?<![\w\-])(?P<word>{'|'.join(escaped)})(?:es|s)?(?![\w\-])")
        governments = [b for b in bodies if b not in self.bare_land_words]
        self.government = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, governments)) + r")(?![\w\-])")


class Bodies:
    """The bodies of one doc: its issuer, and the body of each figure."""

    def __init__(self, ctx: DocContext, rules: BodyRules, land_sections: bool):
        """land_sections (bool): whether the doc has Land sections (then it has no issuer)."""
        self.ctx = ctx
        self.rules = rules
        self.issuer = "" if land_sections else self._issuer()

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> str:
        """Schema §7: the organisation in the figure's sentence, else its section's, else the
        document's issuer; "Land", "Freistaat" or "Bund" alone only where none is named. A
        Land stand-in that names its Land or a government ("das Land NRW", "der Freistaat
        Thüringen", "die Landesregierung") in the sentence counts like an organisation."""
        ctx = self.ctx
        s, e = sentence
        org = ctx.nearest("ORG", start, end, s, e)
        if org is not None:
            return org.value
        word, named = self.land_word(s, e, start)
        if named:
            return word
        section = ctx.real_section(start)
        if section:
            org = ctx.nearest_before("ORG", start, section[0]) or ctx.nearest("ORG", start, end, *section)
            if org is not None:
                return org.value
        if self.issuer:
            return self.issuer
        if not word and section:
            word, _ = self.land_word(*section, start)
        return word

    def land_word(self, s: int, e: int, near: int) -> tuple[str, bool]:
        """The Land stand-in nearest to `near` in [s, e), in its base form with the Land it
        names ("des Landes Hessen" -> "Land Hessen", "des Bundes" -> "Bund"), and whether it
        names a Land or a government rather than standing alone."""
        ctx, rules = self.ctx, self.rules
        best = None
        for m in rules.land_body.finditer(ctx.text, s, e):
            if best is None or abs(m.start() - near) < abs(best.start() - near):
                best = m
        if best is None:
            return "", False
        word = best.group("word")
        land = next((l for l in ctx.in_range("LAND", best.end(), best.end() + 30)
                     if l.start - best.end() <= 1), None)
        if land:
            return f"{word} {land.text}", True
        return word, word not in rules.bare_land_words

    def _issuer(self) -> str:
        """The issuing organisation of a single-subject document: the one it names most (at
        least three times), else the first organisation or government named in its lead,
        else the first organisation it names."""
        ctx = self.ctx
        orgs = ctx.of("ORG")
        minimum = ctx.settings.issuer_min_mentions
        if orgs and len(orgs) >= minimum:  # else no name is named that often
            counts = Counter([m.value for m in orgs])
            name, n = counts.most_common(1)[0]
            if n >= minimum:
                return name
        lead = [m for m in orgs if m.start < ctx.lead_chars]
        if lead:
            return lead[0].value
        government = self.rules.government.search(ctx.text, 0, ctx.lead_chars)
        if government:
            return government.group()
        return orgs[0].value if orgs else ""
