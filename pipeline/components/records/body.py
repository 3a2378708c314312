"""The body of a figure (schema §7), from the sentence, then the section, then the document.

The organisation named nearest the figure in its sentence; else the giver its sentence names
("vom Bund", "des Landes", "der Bund übernimmt", "Landesmittel", "der Landkreis X stellt …
bereit"); else a Land stand-in in the sentence that names its Land or is a government ("das
Land NRW", "die Landesregierung"); else the organisation of its section (below the title);
else the document's issuer; else the giver the document's lead names; and only where none
is named, a bare "Land", "Freistaat" or "Bund" of the sentence or section. A bare head ("das
Ministerium") stands for the named organisation it refers back to.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from ...lexicon import alternation

from ..rules import Found, lead_lookahead
from .context import DOCUMENT, NONE, SECTION, SENTENCE, DocContext, Field, distance
from .cue_words import CueWords, escaped_words

# articles before a Land stand-in that make it the subject (nominative), by stand-in
NOMINATIVE = {"Land": ("das",), "Bund": ("der",), "Freistaat": ("der",), "Senat": ("der",), "Kanton": ("der",)}
GOVERNMENT_NOMINATIVE = ("die",)  # Landesregierung, Bundesregierung, Staatsregierung
# what stands right before a giver: "vom Bund", "durch das Land", "von Bund und Land"
AGENT_BEFORE = re.compile(r"(?:\b(?:vom|von)|\bdurch\s+(?:den|das|die))\s+$", re.IGNORECASE)
AGENT_ORG_BEFORE = re.compile(r"\bvon\s+(?:der|dem)\s+$", re.IGNORECASE)  # "von der Förderbank"
LOOK_BACK = 16  # characters before a stand-in where its article or preposition stands
OWNER_LOOK_BACK = 40  # characters before "des Landes" where its money noun stands


class BodyRules:
    """The body field's rules, compiled once from organisations.yaml: its Land stand-ins
    (land_bodies), of which those that are not bare (bare_land_bodies) are governments."""

    def __init__(self, organisations: dict, records: dict):
        bodies = organisations["land_bodies"]
        # a sentence that opens as a part of the figure before it: "Davon entfallen 80 Mio. Euro …"
        self.opens_as_part = re.compile(r"\s*(?:" + "|".join(records["part_of_previous"]) + r")(?![\w\-])", re.I)
        escaped = [re.escape(b) for b in bodies]
        self.bare_land_words = set(organisations["bare_land_bodies"])
        # a stand-in in any case of the singular: "des Landes", "des Bundes"
        self.land_body = re.compile(rf"{lead_lookahead(escaped)}(?<![\w\-])(?P<word>{'|'.join(escaped)})(?:es|s)?(?![\w\-])")
        governments = [b for b in bodies if b not in self.bare_land_words]
        self.government = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, governments)) + r")(?![\w\-])")
        cues = organisations["giver_cues"]
        # each regex searched in a whole sentence opens with lead_lookahead: re then leaves
        # most positions at one test (the pointer and giving verbs: about a third of holds)
        self.giving_verb = CueWords(re.compile(
            rf"{lead_lookahead(cues['giving_verbs'])}(?<![\w\-]){alternation(cues['giving_verbs'])}(?![\w\-])"),
            escaped_words(cues['giving_verbs']))
        # "Landesfördermittel", "Bundesmitteln": the owner of the money in one word
        nouns = alternation(cues["money_nouns"])
        self.owner_compound = re.compile(rf"(?<![\w\-])(?P<owner>Landes|Bundes)\w*?{nouns}\w*")
        # the word before "des Landes": a money noun makes the Land the owner
        self.money_word = re.compile(rf"(?:^|[\s\-])\w*{nouns}(?:e?s|n)?\s+des\s+$", re.IGNORECASE)
        self.money_nouns = tuple(cues["money_nouns"])
        # "der Landkreis Nordheide stellt … bereit": a district as the subject of giving
        capital = r"[A-ZÄÖÜ][\w.\-]*"
        self.district = re.compile(
            rf"(?<![\w\-])[Dd]er\s+(?P<name>{alternation(cues['district_heads'])}(?:\s+{capital}){{1,3}})(?![\w\-])")
        self.parliaments = set(cues["parliaments"])
        self.parliament = re.compile(
            rf"(?<![\w\-])[Dd]er\s+(?:[A-ZÄÖÜ]\w*e\s+)?(?P<name>{alternation(cues['parliaments'])})(?![\w\-])")
        self.deciding_verb = CueWords(re.compile(
            rf"{lead_lookahead(cues['deciding_verbs'])}(?<![\w\-]){alternation(cues['deciding_verbs'])}(?![\w\-])"),
            escaped_words(cues['deciding_verbs']))
        self.associations = tuple(a.lower() for a in organisations["associations"])
        pointers = organisations["pointer_words"]
        self.pointer = CueWords(re.compile(lead_lookahead(pointers) + alternation(pointers), re.IGNORECASE),
                                escaped_words(pointers))
        self.generic_heads = set(organisations["generic_heads"])
        self.generic_dropped = set(organisations["generic_dropped"])
        self.federal = tuple(organisations["federal_prefixes"])
        self.district_heads = tuple(cues["district_heads"])
        self.european = tuple(organisations["european_prefixes"])


class Bodies:
    """The bodies of one doc: its issuer, and the body of each figure."""

    def __init__(self, ctx: DocContext, rules: BodyRules, land_sections: bool):
        """land_sections (bool): whether the doc has Land sections (then it has no issuer)."""
        self.ctx = ctx
        self.rules = rules
        self.land_sections = land_sections
        self.orgs = self._named_orgs()
        self.clause_breaks = ctx.clause_breaks

    @cached_property
    def issuer(self) -> str:
        """The document's issuer (_issuer), found when a figure first needs it: most figures
        have their body in their sentence."""
        return "" if self.land_sections else self._issuer()

    @cached_property
    def lead_giver(self) -> str:
        """The giver of the lead (_lead_giver), found when first needed, for a document without an issuer."""
        return "" if self.land_sections or self.issuer else self._lead_giver()

    def at(self, start: int, end: int, sentence: tuple[int, int]) -> Field:
        """Schema §7: the organisation in the figure's sentence, else its section's, else the
        document's issuer; "Land", "Freistaat" or "Bund" alone only where none is named. A
        Land stand-in that names its Land or a government ("das Land NRW", "der Freistaat
        Thüringen", "die Landesregierung") in the sentence counts like an organisation.
        Returned with where it was read: a giver is always the sentence's."""
        ctx = self.ctx
        s, e = sentence
        org = self.nearest_org(start, end, s, e)
        if org:
            return Field(org, SENTENCE)
        word, named = self.land_word(s, e, start)
        if named:
            return Field(word, SENTENCE)
        giver = self.giver(s, e, start, end)
        if not giver and self.rules.opens_as_part.match(ctx.text, s) and ctx.layout.sentence(start)[0] == s:
            whole = self.previous_figure_body(s)  # the sentence's figures are parts of that figure
            if whole.value:  # read near the sentence (its paragraph), unless that was the document's
                return whole if whole.basis == DOCUMENT else Field(whole.value, SECTION)
        section = ctx.real_section(start)
        if section:
            org = self.org_before(start, section[0]) or self.nearest_org(start, end, *section, quoted=False)
            if org:
                return Field(org, SECTION) if not giver or self.level(org) == self.level(giver) \
                    else Field(giver, SENTENCE)
        if self.issuer:
            return Field(self.issuer, DOCUMENT) if not giver or self.level(self.issuer) == self.level(giver) \
                else Field(giver, SENTENCE)
        if giver:
            return Field(giver, SENTENCE)
        if not word and self.lead_giver:
            return Field(self.lead_giver, DOCUMENT)
        if word:
            return Field(word, SENTENCE)
        if section:
            word, _ = self.land_word(*section, start)
            if word:
                return Field(word, SECTION)
        return NONE

    def previous_figure_body(self, s: int) -> Field:
        """The body of the last figure of the sentence before the one starting at s, in the
        same paragraph (NONE if there is none)."""
        ctx = self.ctx
        if not s or ctx.text[s - 1] == "\n":  # a line break ends the paragraph's first sentence
            return NONE
        sentence = ctx.layout.sentence(s - 1)
        figures = ctx.figures_in(*sentence)
        if not figures:
            return NONE
        f = figures[-1]
        return self.at(f.start, f.end, ctx.window(f.start, f.end, sentence))

    def level(self, body: str) -> str:
        """"Bund", "EU", "Kreis" or "Land": which level of government a body belongs to, so that the
        issuer stands for a giver of its own level ("das Land übernimmt" in a Land
        ministry's release) and not for another ("der Bund übernimmt")."""
        if body.startswith(self.rules.federal):
            return "Bund"
        if body.startswith(self.rules.european):
            return "EU"
        if body.startswith(self.rules.district_heads):
            return "Kreis"
        return "Land"

    def nearest_org(self, start: int, end: int, s: int, e: int, quoted: bool = True) -> str:
        """The named organisation nearest to the figure in [s, e], "" if none; quoted=False
        leaves out associations (quoted in a section, they do not give its money)."""
        cands = self.ctx.per_span(self._orgs_in if quoted else self._giving_orgs_in, s, e)
        if not cands:
            return ""
        best = min(cands, key=lambda m: (distance(m, start, end), -(m.end - m.start)))
        return self.orgs[best.start]

    def _orgs_in(self, s: int, e: int) -> list[Found]:
        """The ORG mentions in [s, e] with a body name (asked once for each span)."""
        return [m for m in self.ctx.in_range("ORG", s, e) if self.orgs.get(m.start)]

    def _giving_orgs_in(self, s: int, e: int) -> list[Found]:
        """Those of _orgs_in that are no association."""
        return [m for m in self._orgs_in(s, e) if not self._association(m)]

    def org_before(self, start: int, s: int) -> str:
        """The last named organisation in [s, start] that is no association, "" if none."""
        cands = self._giving_orgs_in(s, start)
        return self.orgs[cands[-1].start] if cands else ""

    def _named_orgs(self) -> dict[int, str]:
        """Each ORG mention's body name, by start: a bare head ("das Ministerium") is the last
        organisation before it (else the first after it) whose name ends in that head
        ("Wirtschaftsministerium"); a bare head that refers to none stays ("das Amt"), but
        for the dropped ones ("jede Regierung": none)."""
        rules = self.rules
        orgs = self.ctx.of("ORG")
        out = {}
        for i, m in enumerate(orgs):
            if m.value not in rules.generic_heads:
                out[m.start] = m.value
                continue
            head = m.value.lower()
            named = [o for o in orgs if o.value.lower() != head and head in o.value.lower()]
            before = [o for o in named if o.start < m.start]
            if before or named:
                out[m.start] = (before[-1] if before else named[0]).value
            elif m.value not in rules.generic_dropped:
                out[m.start] = m.value
        return out

    def giver(self, s: int, e: int, start: int, end: int) -> str:
        """The giver the sentence [s, e) names for the figure at [start, end), "" if none.

        Read in the figure's clause first: a Land stand-in nearest the figure there decides
        ("225 Millionen kommen vom Bund" -> Bund; "die Quote Bund beträgt 60 Prozent, die vom
        Land 30 Prozent": the 60 has no giver). A clause without one takes the giver nearest
        in the sentence ("Förderprogramm des Bundes, der … mit 90 Prozent fördert")."""
        found = self._candidates(s, e)
        if not any(marked for _, _, marked in found):
            return ""  # whichever is nearest gives nothing: the clause need not be found
        cs, ce = self._clause(s, e, start, end)
        cands = [c for c in found if cs <= c[0] < ce]
        if not cands:
            cands = [c for c in found if c[2]]
        if not cands:
            return ""
        _, value, gives = min(cands, key=lambda c: distance_at(c[0], start, end))
        return value if gives else ""

    def _clause(self, s: int, e: int, start: int, end: int) -> tuple[int, int]:
        """The clause of [s, e) that holds the figure at [start, end)."""
        breaks = self.clause_breaks
        return breaks.last_end_by(start, (s, e)), breaks.first_start_from(end, (s, e))

    def _candidates(self, s: int, e: int) -> list[tuple[int, str, bool]]:
        return self.ctx.per_span(self._find_candidates, s, e)  # the same for each figure of [s, e)

    def _find_candidates(self, s: int, e: int) -> list[tuple[int, str, bool]]:
        """The Land stand-ins and giving districts of [s, e): (start, body, marked as the
        giver). Marked: after "vom"/"von"/"durch", the owner in the
        genitive after a money noun ("Mittel des Landes"), the subject of a giving verb ("der
        Bund übernimmt", "der Landkreis X stellt … bereit") or a parliament the subject of a
        deciding one ("der Landtag hat … beschlossen")."""
        ctx, rules = self.ctx, self.rules
        text = ctx.text
        gives = ctx.holds(rules.giving_verb, s, e)
        found = []
        for m in self._stand_ins(s, e):
            before = text[max(s, m.start() - LOOK_BACK):m.start()]
            word = m.group("word")
            marked = bool(AGENT_BEFORE.search(before)) or bool(
                m.group() != word and rules.money_word.search(text[max(s, m.start() - OWNER_LOOK_BACK):m.start()]))
            if not marked and gives and before[-1:].isspace():
                marked = before.rstrip().lower().endswith(NOMINATIVE.get(word, GOVERNMENT_NOMINATIVE))
            found.append((m.start(), self._stand_in_value(m)[0], marked))
        if gives:
            found += [(m.start("name"), self._district_name(m.group("name")), True)
                      for m in rules.district.finditer(text, s, e)]
        if ctx.holds(rules.deciding_verb, s, e):
            found += [(m.start("name"), m.group("name"), True) for m in rules.parliament.finditer(text, s, e)]
        return found

    def _district_name(self, name: str) -> str:
        """The district's name without the money noun that may follow it ("Landkreis Nordheide
        Mittel" -> "Landkreis Nordheide")."""
        words = name.split()
        for i, w in enumerate(words[1:], 1):
            if w.lower().endswith(self.rules.money_nouns):
                return " ".join(words[:i])
        return " ".join(words)

    def _stand_ins(self, s: int, e: int) -> list[re.Match]:
        """The Land stand-ins in [s, e) (found once for each span)."""
        return self.ctx.per_span(self._find_stand_ins, s, e)

    def _find_stand_ins(self, s: int, e: int) -> list[re.Match]:
        """Not one inside a programme's name ("Förderprogramm Stadt und Land")."""
        names = self.ctx.in_range("PROGRAMME", s, e)
        return [m for m in self.rules.land_body.finditer(self.ctx.text, s, e)
                if not any(p.start <= m.start() and m.end() <= p.end for p in names)]

    def _stand_in_value(self, m: re.Match) -> tuple[str, bool]:
        """A stand-in in its base form with the Land it names ("des Landes Hessen" -> "Land
        Hessen"), and whether it names a Land or a government rather than standing alone."""
        word = m.group("word")
        land = next((l for l in self.ctx.in_range("LAND", m.end(), m.end() + 30)
                     if l.start - m.end() <= 1), None)
        if land:
            return f"{word} {land.text}", True
        return word, word not in self.rules.bare_land_words

    def _lead_giver(self) -> str:
        """The giver the title and lead name, for a document without an issuer: a parliament
        that decides ("Der Landtag hat … beschlossen"), else the one giver named as the agent or
        subject of giving or in an owner compound ("… erhalten 1,5 Millionen Euro
        Landesfördermittel"); a lead that names two ("vom Land …, Bundesmittel") names none.
        An owner in the genitive ("Fördermittel des Bundes") is left out here: the lead names
        whose money it is, not who hands it out."""
        ctx, rules = self.ctx, self.rules
        layout = ctx.layout
        text = ctx.text
        givers: list[str] = []
        for s, e in zip(layout.sent_starts, layout.sent_ends):
            if s >= ctx.lead_chars:
                break
            for pos, value, marked in self._candidates(s, e):
                if value in rules.parliaments:
                    return value
                before = text[max(s, pos - LOOK_BACK):pos]
                if marked and not before.rstrip().lower().endswith("des"):
                    givers.append(value)
            givers += ["Land" if m.group("owner") == "Landes" else "Bund"
                       for m in rules.owner_compound.finditer(text, s, e)]
        return givers[0] if len(set(givers)) == 1 else ""

    def land_word(self, s: int, e: int, near: int) -> tuple[str, bool]:
        """The Land stand-in nearest to `near` in [s, e), in its base form with the Land it
        names ("des Landes Hessen" -> "Land Hessen", "des Bundes" -> "Bund"), and whether it
        names a Land or a government rather than standing alone."""
        best = None
        for m in self._stand_ins(s, e):
            if best is None or abs(m.start() - near) < abs(best.start() - near):
                best = m
        if best is None:
            return "", False
        return self._stand_in_value(best)

    def _issuer(self) -> str:
        """The issuing organisation of a single-subject document: the one it names most (at
        least three times), else the first organisation or government named in its lead (one
        named as the giver first: "wird … durch das Innenministerium gefördert"), else the
        first organisation it names. Associations of municipalities and organisations in a
        line that points elsewhere ("auf der Homepage des Ministeriums") are no issuer."""
        ctx = self.ctx
        orgs = [m for m in ctx.of("ORG") if self._may_issue(m)]
        minimum = ctx.settings.issuer_min_mentions
        if orgs and len(orgs) >= minimum:  # else no name is named that often
            counts = Counter([self.orgs[m.start] for m in orgs])
            name, n = counts.most_common(1)[0]
            if n >= minimum:
                return name
        lead = [m for m in orgs if m.start < ctx.lead_chars]
        if lead:
            giving = [m for m in lead if self._named_as_giver(m)]
            return self.orgs[(giving or lead)[0].start]
        government = self.rules.government.search(ctx.text, 0, ctx.lead_chars)
        if government:
            return government.group()
        return self.orgs[orgs[0].start] if orgs else ""

    def _may_issue(self, m: Found) -> bool:
        """Whether an ORG mention may be the document's issuer: a named body, no association,
        not in a sentence that points elsewhere."""
        if not self.orgs.get(m.start) or self._association(m):
            return False
        return not self.ctx.holds(self.rules.pointer, *self.ctx.window(m.start, m.end))

    def _association(self, m: Found) -> bool:
        """An association of municipalities ("Deutscher Städtetag"): it speaks, it rarely gives."""
        return self.orgs[m.start].lower().endswith(self.rules.associations)

    def _named_as_giver(self, m: Found) -> bool:
        """An organisation after "durch"/"vom"/"von der" in a sentence with a giving verb."""
        ctx = self.ctx
        s, e = ctx.window(m.start, m.end)
        before = ctx.text[max(s, m.start - LOOK_BACK):m.start]
        return bool(AGENT_BEFORE.search(before) or AGENT_ORG_BEFORE.search(before)) \
            and ctx.holds(self.rules.giving_verb, s, e)

def distance_at(pos: int, start: int, end: int) -> int:
    """How far a word starting at pos is from the figure at [start, end)."""
    return start - pos if pos < start else max(0, pos - end)
