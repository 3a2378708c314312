"""Record assembly: each funding figure read in its context (schema §1–3).

Fields come from the figure's sentence first, then its section (headings count), then
the document: qualifier, per, period and duration from the sentence; land from sentence
→ Land section → document subject; programme and body from the nearest named programme /
organisation in sentence, then section. Offsets here are in cleaned text; the caller
maps them back to the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc

from .components.context import Layout, layout_of
from .components.rules import (
    Found, RuleComponent, cue_regex, doc_extension, doc_lower, doc_text, forget_work, has_top_level_alternative,
    lead_lookahead, read_lexicon, set_doc_extension,
)
from .schema import join_per

if not Doc.has_extension("records"):
    Doc.set_extension("records", default=None)
if not Doc.has_extension("programmes"):
    Doc.set_extension("programmes", default=None)

PER_UNIT_NOUNS = {
    "year": r"Jahr", "municipality": r"(?:Kommune|Gemeinde|Stadt|Landkreis|Kreis)",
    "person": r"(?:Einwohner\w*|Person|Kopf)", "cluster": r"Cluster", "project": r"(?:Projekt|Vorhaben|Maßnahme)",
}
CLAUSE_BREAK = re.compile(r"[,;()\[\]]|\s(?:sowie|und|oder|aber|während)\s")
# (?=[abn]): the letters its branches begin with, so that a search skips other positions at once
ALL_LAENDER = re.compile(r"(?=[abn])(?:alle[nm]?\s+(?:Bundes)?Ländern?|bundesweit|Bund\s+und\s+Länder\w*|(?:neuen|alten)\s+Bundesländer\w*)", re.I)
AUF_BEFORE = re.compile(r"(?=a)(?<![\w])auf\s+$")  # "… auf 750.000 Euro … begrenzt"; (?=a): cheaper first
DATELINE_AFTER = re.compile(r",\s*(?:den\s+)?\d{1,2}\.")
GOVERNMENT = re.compile(r"(?<![\w\-])(?:Landesregierung|Staatsregierung|Bundesregierung|Senat)(?![\w\-])")
JE_BEFORE = re.compile(r"(?:jeweils|je)\s+$")
PART_OF_PREVIOUS = re.compile(r"(?=[dh])(?:davon|darunter|hiervon)\s+(?:\S+\s+){0,2}$", re.I)

NO_MENTIONS: tuple = ((), ())  # a label the doc has no mention of


@dataclass
class Draft:
    """A record in cleaned-text offsets, before mapping back to the source."""

    kind: str
    value: str
    start: int
    end: int
    land: str = ""
    programme: str = ""
    body: str = ""
    qualifier: str = "exact"
    per: str = ""
    period_start: str = ""
    period_end: str = ""
    deadline: str = ""
    duration: str = ""
    evidence: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class ProgrammeDraft:
    programme: str
    start: int
    land: str = ""
    body: str = ""
    period_start: str = ""
    period_end: str = ""
    deadline: str = ""


@Language.factory(
    "de_records",
    assigns=["doc._.records", "doc._.programmes"],
    requires=["doc._.mentions"],
    default_config={"lead_chars": 400, "issuer_min_mentions": 3, "follow_period_gap": 60, "compact": False},
)
def make_records(nlp: Language, name: str, lead_chars: int, issuer_min_mentions: int, follow_period_gap: int,
                 compact: bool):
    """lead_chars (int): how much of the start is title and lead, where a text names its subject.
    issuer_min_mentions (int): how often an organisation is named to be the document's issuer.
    follow_period_gap (int): how far (characters) a period may follow the figure it belongs to.
    compact (bool): return a token-less doc that carries only the results, so that
        nlp.pipe(n_process=…) ships kilobytes, not every token, back from its workers.
    """
    settings = Settings(lead_chars, issuer_min_mentions, follow_period_gap)
    return RecordAssembler(nlp, name, settings, compact)


@dataclass(frozen=True)
class Settings:
    lead_chars: int
    issuer_min_mentions: int
    follow_period_gap: int


class RecordAssembler(RuleComponent):
    def __init__(self, nlp, name: str, settings: Settings, compact: bool = False):
        super().__init__(nlp, name)
        self.settings = settings
        self.compact = compact

    def load_data(self) -> dict:
        return {"cues": read_lexicon("cues"), "organisations": read_lexicon("organisations")}

    def compile(self):
        cues = self.data["cues"]
        fill = "|".join(cues["qualifier_fillers"])
        self.qualifiers = [
            (q, re.compile(lead_lookahead(frags) + r"(?<![\w])(?:" + "|".join(frags) + rf")\s+(?:(?:{fill})\s+){{0,2}}$", re.I))
            for q, frags in cues["qualifiers"].items()
        ]
        # "Mindestvolumen von 10.000 Euro", "Die Förderhöchstsumme je Projekt liegt bei 5 Mio. EUR"
        bound_verb = r"(?:von|i\.\s?H\.\s?v\.|in\s+Höhe\s+von|beträgt|betragen|liegt\s+bei|liegen\s+bei|bei|beläuft\s+sich\s+auf)"
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
        self.over_not_after = cue_regex([f.removeprefix(r"\w*") for f in cues["over_not_after"]])
        self.coordination = re.compile(cues["coordination"])
        self.bound_after = [(q, cue_regex(frags)) for q, frags in cues["bound_after"].items()]
        self.per_cues = [(unit, cue_regex(frags)) for unit, frags in cues["per"].items()]
        # all per cues in one alternation: it finds a match wherever one unit's regex would (an
        # alternation tries every branch at every position), so where it finds none, no unit's
        # finditer can; most figures have no per cue near them
        self.any_per_cue = cue_regex([frag for frags in cues["per"].values() for frag in frags])
        self.non_land_lead = re.compile(r"(?<![\w])(?:" + "|".join(cues["non_land_lead"]) + r")(?![\w])")
        self.per_subject = [(unit, cue_regex(frags, 0), starts_or_colons_only(frags))
                            for unit, frags in cues["per_subject"].items()]
        self.per_continuation = re.compile(
            r"\s+(?:" + "|".join(cues["per_continuation"]) + r")\s+(?:(?:pro|je)\s+)?("
            + "|".join(PER_UNIT_NOUNS.values()) + r")(?![\w])"
        )
        self.distributive = re.compile(
            lead_lookahead(cues["per_year_distributive"]) + r"(?<![\w])(?:" + "|".join(cues["per_year_distributive"])
            + r")\s+(?:\S+\s+){0,1}$", re.I
        )
        escaped = [re.escape(b) for b in self.data["organisations"]["land_bodies"]]
        land_bodies = "|".join(escaped)
        self.bare_land_words = set(self.data["organisations"]["bare_land_bodies"])
        # every land body holds one of these (the bodies no other body holds, "Land" for
        # "Landesregierung"): a span that holds none has no land body, land_word's usual case
        self.land_body_words = [b for b in self.data["organisations"]["land_bodies"]
                                if not any(o != b and o in b for o in self.data["organisations"]["land_bodies"])]
        self.land_body = re.compile(rf"{lead_lookahead(escaped)}(?<![\w\-])(?P<word>{land_bodies})(?:es|s)?(?![\w\-])")

    # ---- the doc-level pass -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext(doc, layout_of(doc), self.non_land_lead, self.settings)
        records = []
        for f in ctx.figures:
            kind = "amount" if f.label == "MONEY" else f.attrs.get("kind", "")
            if not kind:
                continue
            records.append(self.draft(ctx, f, kind))
        for a, b in zip(records, records[1:]):  # a range's ends, coordinated figures: same per
            coordinated = a.kind == b.kind and self.coordination.match(ctx.text[a.end:b.start])
            if coordinated or (a.extra.get("range") == "lower" and b.extra.get("range") == "upper"):
                a.per = b.per = a.per or b.per
        deadlines = self.apply_deadlines(ctx, records)
        # plain dicts from here on: docs cross process boundaries with nlp.pipe(n_process=…)
        out = doc
        if self.compact:
            out = Doc(doc.vocab, words=[])
        # __dict__.copy(): the same shallow copy as dict(vars(…)), at a third of the cost
        set_doc_extension(out, "records", [r.__dict__.copy() for r in records])
        set_doc_extension(out, "programmes", [p.__dict__.copy() for p in self.programmes(ctx, deadlines)])
        set_doc_extension(out, "mentions", [m.__dict__.copy() for m in ctx.mentions])
        if not self.compact:  # a compact doc leaves the doc behind, with its work
            set_doc_extension(doc, "headings", None)
            set_doc_extension(doc, "sent_spans", None)
            forget_work(doc)  # copies of the text, scan results: not shipped between processes
        return out

    def draft(self, ctx: "DocContext", f: Found, kind: str) -> Draft:
        start, end = f.start, f.end
        sentence = s, e = ctx.layout.sentence(start)  # handed on: each would look it up again
        # every field computed first, in the order they were set one by one, then one Draft:
        # the same values (and __dict__ order, the fields') without a setattr per field
        land = ctx.land_at(start, end, sentence)
        programme = ctx.programme_at(start, end, sentence)
        body = self.body_at(ctx, start, end, sentence)
        qualifier = self.qualifier(ctx.text, f, s)
        per = self.per(ctx, f, s, e) if kind == "amount" else ""
        period_start, period_end = self.period(ctx, f, s, e)
        duration = self.duration(ctx, f, s, e) if ctx.has_runtimes else ""  # most docs name no runtime
        return Draft(kind, f.value, start, end, land, programme, body, qualifier, per, period_start, period_end,
                     "", duration, ctx.text[s:e].strip(), {"range": f.attrs.get("range")})

    # ---- single fields --------------------------------------------------------------------
    def qualifier(self, text: str, f: Found, sent_start: int) -> str:
        before = text[max(sent_start, f.start - 60):f.start]
        for q, regex in self.qualifiers:
            if regex.search(before):
                if q == "over" and self.over_not_after.search(before):
                    continue
                return q
        gate = self.bound_noun_gate
        if gate is None or gate.search(before):
            for q, regex in self.bound_nouns:
                if regex.search(before):
                    return q
        after = text[f.end:f.end + 60]
        if "auf" in before and AUF_BEFORE.search(before):  # it matches a plain, lower-case "auf"
            for q, regex in self.bound_after:
                if regex.search(after):
                    return q
        rng = f.attrs.get("range")
        if rng and f.attrs.get("range_connector") != "auf":
            return "at_least" if rng == "lower" else "up_to"
        return "exact"

    def per(self, ctx: "DocContext", f: Found, s: int, e: int) -> str:
        text = ctx.text
        prev_end, next_start = ctx.neighbour_figures(f, s, e)
        units = set()
        after = text[f.end:next_start]
        before = text[prev_end:f.start]
        # one search over all per cues first (see compile): no match there, no unit's finditer
        cue_after = self.any_per_cue.search(after) is not None
        cue_before = self.any_per_cue.search(before) is not None
        for unit, regex in (self.per_cues if cue_after or cue_before else ()):
            for m in (regex.finditer(after) if cue_after else ()):
                units.add(unit)
                cont = self.per_continuation.match(after, m.end())
                if cont:
                    units.add(unit_of(cont.group(1)))
            for m in (regex.finditer(before) if cue_before else ()):
                closer_to_previous = prev_end > s and m.start() < len(before) - m.end()
                if not CLAUSE_BREAK.search(before, m.end()) and not closer_to_previous:
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

    def period(self, ctx: "DocContext", f: Found, s: int, e: int) -> tuple[str, str]:
        period = ctx.attached_period(f, s, e)
        if period is None:
            period = ctx.heading_period(f.start)
        if period is None:
            return "", ""
        return interval_bounds(period.value)

    def duration(self, ctx: "DocContext", f: Found, s: int, e: int) -> str:
        for m in ctx.in_range("DURATION", s, e):
            if m.attrs.get("runtime"):
                return m.value
        return ""

    def body_at(self, ctx: "DocContext", start: int, end: int, sentence: tuple[int, int] | None = None) -> str:
        """Schema §7: the organisation in the figure's sentence, else its section's, else the
        document's issuer; "Land", "Freistaat" or "Bund" alone only where none is named. A
        Land stand-in that names its Land or a government ("das Land NRW", "der Freistaat
        Thüringen", "die Landesregierung") in the sentence counts like an organisation."""
        s, e = sentence or ctx.layout.sentence(start)
        org = ctx.nearest("ORG", start, end, s, e)
        if org is not None:
            return org.value
        word, named = self.land_word(ctx, s, e, start)
        if named:
            return word
        section = ctx.real_section(start)
        if section:
            org = ctx.nearest_before("ORG", start, section[0]) or ctx.nearest("ORG", start, end, *section)
            if org is not None:
                return org.value
        if ctx.issuer:
            return ctx.issuer
        if not word and section:
            word, _ = self.land_word(ctx, *section, start)
        return word

    def land_word(self, ctx: "DocContext", s: int, e: int, near: int) -> tuple[str, bool]:
        """The Land stand-in nearest to `near` in [s, e), in its base form with the Land it
        names ("des Landes Hessen" -> "Land Hessen", "des Bundes" -> "Bund"), and whether it
        names a Land or a government rather than standing alone."""
        best = None
        matches = ctx.memo.get(("land_body", s, e))
        if matches is None:
            text = ctx.text
            matches = []
            for w in self.land_body_words:  # a loop, not any(…): no generator for six look-ups
                if text.find(w, s, e) >= 0:
                    matches = list(self.land_body.finditer(text, s, e))
                    break
            ctx.memo["land_body", s, e] = matches
        for m in matches:
            if best is None or abs(m.start() - near) < abs(best.start() - near):
                best = m
        if best is None:
            return "", False
        word = best.group("word")
        land = next((l for l in ctx.in_range("LAND", best.end(), best.end() + 30)
                     if l.start - best.end() <= 1), None)
        if land:
            return f"{word} {land.text}", True
        return word, word not in self.bare_land_words

    def apply_deadlines(self, ctx: "DocContext", records: list[Draft]) -> dict[str, str]:
        """A deadline applies to every record of its programme (else of its section).
        RETURNS (dict): deadline by lower-cased programme name."""
        by_programme, by_section = {}, {}
        for m in ctx.by_label.get("DATE", NO_MENTIONS)[1]:  # the DATE mentions, in document order
            if m.attrs.get("deadline"):
                programme = ctx.programme_at(m.start, m.end) or ctx.programme_in(*ctx.layout.sentence(m.start))
                if programme:
                    by_programme.setdefault(programme.lower(), m.value)
                else:
                    by_section.setdefault(ctx.layout.section(m.start), m.value)
        if not by_programme and not by_section:
            return by_programme  # no deadline: every record keeps the "" it was drafted with
        single = len(ctx.programme_names()) <= 1 and len(set(by_section.values())) == 1
        for r in records:
            r.deadline = (by_programme.get(r.programme.lower()) if r.programme else None) \
                or by_section.get(ctx.layout.section(r.start)) \
                or (next(iter(by_section.values())) if single else "")
        return by_programme

    def programmes(self, ctx: "DocContext", deadlines: dict[str, str]) -> list[ProgrammeDraft]:
        out = []
        for name, first in ctx.programme_names().items():
            sentence = s, e = ctx.layout.sentence(first.start)  # handed on, as in draft
            p = ProgrammeDraft(programme=name, start=first.start)
            p.land = ctx.land_at(first.start, first.end, sentence)
            p.body = self.body_at(ctx, first.start, first.end, sentence)
            period = ctx.nearest("PERIOD", first.start, first.end, s, e)
            if period:
                p.period_start, p.period_end = interval_bounds(period.value)
            p.deadline = deadlines.get(name.lower(), "")
            out.append(p)
        return out


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


def interval_bounds(interval: str) -> tuple[str, str]:
    """Start and end of an ISO interval text, "" for an open side: "2020/.." -> ("2020", "")."""
    start, _, end = interval.partition("/")
    return ("" if start == ".." else start), ("" if end == ".." else end)


def unit_of(noun: str) -> str:
    for unit, pattern in PER_UNIT_NOUNS.items():
        if re.fullmatch(pattern, noun):
            return unit
    return ""


def is_multi_year(interval: str) -> bool:
    start, _, end = interval.partition("/")
    return bool(start[:4].isdigit() and end[:4].isdigit() and end[:4] > start[:4])


def is_short_form(short: str, long: str) -> bool:
    """A one-word name that is a word of a longer name: "Sportstätten-Offensive" of
    "Sportstätten-Offensive NRW", "Löschwasser" of "Sonderprogramm Löschwasser M-V"."""
    short = short.strip()
    return short != long and len(short.split()) == 1 and short in long.split()


@lru_cache(maxsize=4096)  # asked for every figure, of the same few names
def name_key(name: str) -> str:
    """Compare names without case, punctuation or adjective endings ("Kommunaler"/"Kommunalen")."""
    words = re.sub(r"[^\w]+", " ", name.lower()).split()
    return " ".join(re.sub(r"(?:e|en|er|es|em)$", "", w) if len(w) > 5 else w for w in words)


class DocContext:
    """The mentions of one doc, indexed for the look-ups record assembly needs."""

    def __init__(self, doc: Doc, layout: Layout, non_land_lead: re.Pattern, settings: Settings):
        self.text = doc_text(doc)
        self.lower = doc_lower(doc)  # made by the finders before: no cost here
        self.settings = settings
        self.lead_chars = settings.lead_chars
        self.non_land_lead = non_land_lead
        self.layout = layout
        # by end, then (stable) by start: the order of a sort by (start, end), ties kept as
        # they came, with int keys and no key tuples
        mentions = sorted(doc_extension(doc, "mentions") or [], key=attrgetter("end"))
        mentions.sort(key=attrgetter("start"))
        lead_chars = self.lead_chars
        for m in mentions:
            if m.start >= lead_chars:
                break  # in order of start: none further on starts in the lead
            if m.label == "PROGRAMME" and m.rule != "programme-heading":
                # an article about one named programme: its title-like subheadings are topics
                mentions = [m for m in mentions if m.rule != "programme-heading"]
                break
        self.mentions = mentions
        self.figures = [m for m in mentions if m.label in ("MONEY", "PERCENT")]
        self.figure_starts = [m.start for m in self.figures]
        # per label: mention starts (for bisect) and the mentions, in document order; a slice is
        # what a look-up returns (tens of times a figure)
        groups: dict[str, list[Found]] = {}
        for m in mentions:
            group = groups.get(m.label)
            if group is None:
                groups[m.label] = [m]
            else:
                group.append(m)
        self.by_label: dict[str, tuple[list[int], list[Found]]] = {
            label: ([m.start for m in ms], ms) for label, ms in groups.items()}
        self._names: dict[str, Found] | None = None
        self.canonical: dict[str, str] = {}  # canonical_programme's answers
        self.heading_periods: dict[int, Found | None] = {}  # heading_period's, by heading index
        # whether any duration is a runtime: without one, every figure's duration is ""
        self.has_runtimes = "DURATION" in self.by_label and any(m.attrs.get("runtime") for m in self.by_label["DURATION"][1])
        # Results that depend only on a span (mostly a sentence), asked for once per figure in
        # it: kept by (what, start, end). Each is a pure function of the doc and the span.
        self.memo: dict[tuple[str, int, int], object] = {}
        self.title_end = self._first_body_line()
        self.land_headings = self._land_headings()
        self.subject = self._subject_land()
        self.issuer = self._issuer()
        self.only_programme = self._only_programme()
        # the first programme, if it starts in the lead (they are in order of start)
        programmes = self.by_label.get("PROGRAMME", NO_MENTIONS)[1]
        lead = programmes[0] if programmes and programmes[0].start < lead_chars and not self.land_headings else None
        self.lead_programme = self.canonical_programme(lead.value) if lead else ""

    def of(self, label: str) -> list[Found]:
        """The mentions with the label, in document order."""
        return list(self.by_label.get(label, NO_MENTIONS)[1])

    def in_range(self, label: str, s: int, e: int) -> list[Found]:
        """The mentions with the label inside [s, e], in document order: a slice of the
        label's list (asked for tens of times a figure)."""
        starts, ms = self.by_label.get(label, NO_MENTIONS)
        i = bisect_left(starts, s)
        if i == len(starts) or starts[i] > e:
            return []  # most look-ups find nothing
        return [m for m in ms[i:bisect_right(starts, e)] if m.end <= e]

    def nearest(self, label: str, start: int, end: int, s: int, e: int) -> Found | None:
        """The mention with the label inside [s, e] nearest to [start, end) (the longer on a
        tie); a lone candidate is the nearest without a key to compute."""
        cands = self.in_range(label, s, e)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return min(cands, key=lambda m: (distance(m, start, end), -(m.end - m.start)))

    def nearest_before(self, label: str, start: int, s: int) -> Found | None:
        cands = self.in_range(label, s, start)
        return cands[-1] if cands else None

    def figures_in(self, s: int, e: int) -> list[Found]:
        """The figures starting inside [s, e), in document order: a look-up, not a pass over
        all figures for each figure (long documents hold hundreds)."""
        return self.figures[bisect_left(self.figure_starts, s):bisect_left(self.figure_starts, e)]

    def neighbour_figures(self, f: Found, s: int, e: int) -> tuple[int, int]:
        """End of the previous and start of the next figure within the sentence."""
        prev_end, next_start = s, e
        for m in self.figures_in(s, e):
            if m.end <= f.start and m.end > prev_end and m.start >= s:
                prev_end = m.end
            if m.start >= f.end and m.start < next_start:
                next_start = m.start
        return prev_end, next_start

    # ---- land -------------------------------------------------------------------------
    def _land_headings(self) -> list[tuple[int, str]]:
        """Headings that are just a Land's name open that Land's section."""
        out = []
        # per heading, also the first Land it names (not as a dateline's place), None if none:
        # what land_at would ask lands_in for, figure by figure; found here with the same look-up
        headings = self.layout.headings
        if "LAND" not in self.by_label:  # a doc that names no Land (the look-ups would find none)
            self.heading_land: list[str | None] = [None] * len(headings)
            return out
        self.heading_land = []
        for h in headings:
            lands = self.in_range("LAND", h.start, h.end)
            if len(lands) == 1 and self.text[h.start:h.end].strip() == lands[0].text:
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
        lands = []
        for m in self.by_label.get("LAND", NO_MENTIONS)[1]:
            if not self.is_dateline(m):
                if m.start < self.lead_chars and not lands:
                    return m.value  # the first Land (in order of start) lies in the lead
                lands.append(m)
        if not lands:
            return ""
        counts = Counter(m.value for m in lands)
        common = counts.most_common(2)
        if common and common[0][1] >= 2 and (len(common) == 1 or common[0][1] > common[1][1]):
            return common[0][0]
        if common and not self.non_land_lead.search(self.text[:self.lead_chars]) and len(common) == 1:
            return common[0][0]
        return ""

    def is_dateline(self, m: Found) -> bool:
        """"Berlin, 12.03.2025": the place a text was issued, not what it is about."""
        # DATELINE_AFTER opens with a plain ",": no comma right after the name, no dateline
        # (most Lands are not followed by one)
        return self.text.startswith(",", m.end) and DATELINE_AFTER.match(self.text, m.end) is not None

    def lands_in(self, s: int, e: int) -> list[Found]:
        """The Lands named inside [s, e], not as a dateline's place (not to be changed)."""
        lands = self.in_range("LAND", s, e)
        if not lands:
            return lands  # most sentences name none: no datelines to look for, nothing to keep
        kept = self.memo.get(("lands", s, e))
        if kept is None:
            kept = self.memo["lands", s, e] = [m for m in lands if not self.is_dateline(m)]
        return kept

    def land_at(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> str:
        s, e = sentence or self.layout.sentence(start)
        section_land = ""
        for pos, land in self.land_headings:
            if pos <= start:
                section_land = land
        in_sentence = self.lands_in(s, e)
        if in_sentence:  # most sentences name none: no clause to look for
            text = self.text
            clause = [m for m in in_sentence if not CLAUSE_BREAK.search(text[min(m.end, start):max(m.start, end)])]
            if clause:
                in_sentence = clause
            if section_land and any(m.value == section_land for m in in_sentence):
                return section_land
            if len(in_sentence) == 1:
                return in_sentence[0].value  # the nearest of one, without a key to compute
            return min(in_sentence, key=lambda m: distance(m, start, end)).value
        all_laender = self.memo.get(("all_laender", s, e))
        if all_laender is None:
            # each branch of ALL_LAENDER holds "länder" or is "bundesweit", case-insensitively: a
            # sentence whose lower-case copy holds neither "nder" nor "bunde" has no match (re's
            # IGNORECASE takes no other character for these letters than str.lower() turns into
            # them: checked over all of Unicode in the tests), and most hold neither
            # (looked for in the doc's lower-case copy, made by the finders before: it holds them
            # where the sentence's would, as neither holds "i" or a combining dot, the two
            # characters "İ" lowers to, which the copy keeps as "İ" to keep its offsets)
            lowered = self.lower
            all_laender = self.memo["all_laender", s, e] = (
                (lowered.find("nder", s, e) >= 0 or lowered.find("bunde", s, e) >= 0)
                and ALL_LAENDER.search(self.text, s, e) is not None)
        if all_laender:
            return ""
        if section_land:
            return section_land
        i = self.layout.heading_index(start)
        if i >= 0:  # a Land named in the figure's section heading ("Förderung in Sachsen")
            land = self.heading_land[i]
            if land is not None:
                return land
        return self.subject

    # ---- programme / body ------------------------------------------------------------------
    def _only_programme(self) -> str:
        names = list(self.programme_names())
        return names[0] if len(names) == 1 else ""

    def programme_names(self) -> dict[str, Found]:
        """Distinct programme names in order of first mention; a one-word name folds into a
        longer one that starts with it ("Sportstätten-Offensive" -> "… NRW")."""
        if self._names is not None:
            return self._names
        firsts: dict[str, Found] = {}
        for m in self.by_label.get("PROGRAMME", NO_MENTIONS)[1]:
            firsts.setdefault(name_key(m.value), m)
        names: dict[str, Found] = {}
        for key, m in firsts.items():
            # is_short_form holds only for a one-word name: others need no pass over all names
            one_word = len(m.value.split()) == 1
            longer = [o for o in firsts.values() if is_short_form(m.value, o.value)] if one_word else []
            target = max(longer, key=lambda o: len(o.value)) if longer else m
            first = m if target is m else min(m, target, key=lambda x: x.start)
            if target.value not in names or first.start < names[target.value].start:
                names[target.value] = first
        # one name (or none) is in order already; most docs name one programme at most
        self._names = dict(sorted(names.items(), key=lambda kv: kv[1].start)) if len(names) > 1 else names
        return self._names

    def programme_in(self, s: int, e: int) -> str:
        """A programme referred to by one of its name's words ("für die Modellvorhaben")."""
        sentence = self.text[s:e]
        for name in self.programme_names():
            words = [w for w in re.findall(r"[\wÄÖÜäöüß\-]{6,}", name) if w[0].isupper()]
            if any(re.search(rf"(?<![\w]){re.escape(w)}", sentence) for w in words):
                return name
        return ""

    def canonical_programme(self, value: str) -> str:
        # kept by value: the names are the doc's, fixed once programme_names is built
        found = self.canonical.get(value)
        if found is None:
            found = self.canonical[value] = next(
                (name for name in self.programme_names()
                 if name == value or is_short_form(value, name) or name_key(name) == name_key(value)), value)
        return found

    def programme_at(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> str:
        s, e = sentence or self.layout.sentence(start)
        m = self.nearest("PROGRAMME", start, end, s, e)
        if m is None:
            h = self.real_heading(start)
            if h is not None:
                m = self.nearest("PROGRAMME", h.start, h.end, h.start, h.end)
        if m is not None:
            return self.canonical_programme(m.value)
        return self.only_programme or self.lead_programme

    def _first_body_line(self) -> int:
        """Offset of the first line that is not a heading: headings above it are the title."""
        pos = 0
        for h in self.layout.headings:
            if h.start > pos:
                break
            pos = h.end + 1
        return pos

    def real_heading(self, offset: int) -> Found | None:
        """The heading of the section holding offset, if it is one below the title."""
        i = self.layout.heading_index(offset)
        if i < 0 or self.layout.headings[i].start < self.title_end:
            return None
        return self.layout.headings[i]

    def real_section(self, offset: int) -> tuple[int, int] | None:
        """The section holding offset, if it opens with a heading below the title."""
        return self.layout.section(offset) if self.real_heading(offset) is not None else None

    def _issuer(self) -> str:
        """The issuing organisation of a single-subject document: the one it names most (at
        least three times), else the first organisation or government named in its lead,
        else the first organisation it names. A page with Land sections has no issuer."""
        if self.land_headings:
            return ""
        orgs = self.of("ORG")
        if orgs and len(orgs) >= self.settings.issuer_min_mentions:  # else no name is named that often
            counts = Counter([m.value for m in orgs])
            name, n = counts.most_common(1)[0]
            if n >= self.settings.issuer_min_mentions:
                return name
        lead = [m for m in orgs if m.start < self.lead_chars]
        if lead:
            return lead[0].value
        # every GOVERNMENT word holds "regierung" or is "Senat" (case-sensitive): look for those first
        text = self.text
        government = None
        if text.find("regierung", 0, self.lead_chars) >= 0 or text.find("Senat", 0, self.lead_chars) >= 0:
            government = GOVERNMENT.search(text, 0, self.lead_chars)
        if government:
            return government.group()
        return orgs[0].value if orgs else ""

    # ---- periods ---------------------------------------------------------------------------
    def attached_period(self, f: Found, s: int, e: int) -> Found | None:
        """The period a figure applies to: one right after it in its clause, else one before it
        with no other figure between, else the period of a "jeweils …" figure it sums up."""
        periods = self.in_range("PERIOD", s, e)
        if not periods:
            # every answer below is one of these periods (the "davon" branch asks again for the
            # same sentence), and most sentences name none: nothing else to look at
            return None
        figures = self.figures_in(s, e)
        last_figure = not figures or figures[-1].start < f.end  # figures are in order of start
        window = self.text[max(s, f.start - 30):f.start]
        # "davon", "darunter", "hiervon" (case-insensitively) hold "avon", "arunter" or "rvon" in
        # the lower-case window: re's IGNORECASE takes no other character for these letters than
        # str.lower() turns into them, one for one (checked over all of Unicode in the tests)
        lowered = window.lower()
        if ("avon" in lowered or "arunter" in lowered or "rvon" in lowered) and PART_OF_PREVIOUS.search(window):
            previous = [g for g in figures if g.end <= f.start]
            if previous:
                return self.attached_period(previous[-1], s, e)
        for p in periods:
            if p.start >= f.end and p.start - f.end <= self.settings.follow_period_gap:
                gap = self.text[f.end:p.start]
                if (last_figure or not CLAUSE_BREAK.search(gap)) and not any(f.end <= g.start < p.start for g in figures):
                    return p
        for p in reversed(periods):
            if p.end <= f.start and not any(p.end <= g.start < f.start for g in figures):
                return p
        for g in figures:
            if g.start > f.end and JE_BEFORE.search(self.text[max(s, g.start - 12):g.start]):
                later = [p for p in periods if p.start > g.end]
                if later:
                    return later[0]
        return None

    def heading_period(self, offset: int) -> Found | None:
        i = self.layout.heading_index(offset)
        if i < 0:
            return None
        # kept per heading: the figures of a section ask for the same one
        if i not in self.heading_periods:
            h = self.layout.headings[i]
            periods = self.in_range("PERIOD", h.start, h.end)
            self.heading_periods[i] = periods[0] if periods else None
        return self.heading_periods[i]


def distance(m: Found, start: int, end: int) -> int:
    if m.end <= start:
        return start - m.end
    if m.start >= end:
        return m.start - end
    return 0
