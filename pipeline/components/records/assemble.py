"""The de_records component: each funding figure read in its context (schema §1–3).

It walks the doc's figures (MONEY and PERCENT mentions with a kind) and asks each field's
module for the figure's value: land.py, programme.py, body.py, qualifier.py (qualifier and
per), time.py (period, deadline, duration). Each reads the figure's sentence first, then its
section, then the document (README "How it works"). Offsets here are in cleaned text; the
caller maps them back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ..programme_sources import OwnSources
from ...lexicon import read_lexicon
from ..scanning import shared_words_of
from ..rules import Found, RuleComponent, forget_work, set_doc_extensions
from .body import Bodies, BodyRules
from .context import DocContext, Field, Settings, clause_break_regex
from .cue_words import CueWords, register as register_cue_words
from .evidence import Evidence
from .land import LandRules, Lands
from .programme import Programmes
from .qualifier import Per, Qualifiers
from .time import Times, TimeRules, apply_deadlines, interval_bounds

if not Doc.has_extension("records"):
    Doc.set_extension("records", default=None)
if not Doc.has_extension("programmes"):
    Doc.set_extension("programmes", default=None)


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
    basis: str = ""
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


@dataclass
class DocFields:
    """One doc's field finders, built once per doc around its DocContext."""

    ctx: DocContext
    lands: Lands
    programmes: Programmes
    bodies: Bodies
    times: Times
    evidence: Evidence


class RecordAssembler(RuleComponent):
    def __init__(self, nlp, name: str, settings: Settings, compact: bool = False):
        super().__init__(nlp, name)
        self.settings = settings
        self.compact = compact

    def load_data(self) -> dict:
        return {"cues": read_lexicon("cues"), "organisations": read_lexicon("organisations"),
                "records": read_lexicon("records"), "districts": read_lexicon("districts"),
                "ministers": read_lexicon("ministers"),
                "programmes": read_lexicon("programmes")}

    def compile(self):
        cues, records = self.data["cues"], self.data["records"]
        clause_break = clause_break_regex(records)
        # coordinated figures share what they are per: "mindestens 500.000 Euro und höchstens 6 Millionen Euro"
        self.coordination = re.compile(cues["coordination"])
        self.qualifier = Qualifiers(cues, records)
        self.per = Per(cues, records, clause_break)
        self.land_rules = LandRules(cues, records, self.data["districts"], self.data["ministers"])
        self.body_rules = BodyRules(self.data["organisations"], records)
        self.time_rules = TimeRules(cues, records, clause_break, self.settings.follow_period_gap)
        self.clause_break = clause_break
        self.own_sources = OwnSources(self.data["programmes"])
        own = self.own_sources  # any_in's two searches, with their words
        self.source_cues = (CueWords(own.own_funds, [own.own_funds.pattern]), CueWords(own.source, [own.source.pattern]))
        self.shared = shared_words_of(self)
        register_cue_words(self.shared, self.name, self.cue_words())

    def cue_words(self) -> dict[str, CueWords]:
        """Every cue list searched in a window, by a name, for the doc scan's word pass."""
        land, body = self.land_rules, self.body_rules
        cues = {"all_laender": land.all_laender, "germany_wide": land.germany_wide, "venue": land.venue_cue,
                "giving_verb": body.giving_verb, "deciding_verb": body.deciding_verb, "pointer": body.pointer,
                "own_funds": self.source_cues[0], "source": self.source_cues[1]}
        for group, rules in (("qualifier", self.qualifier.qualifiers), ("before_noun", self.qualifier.before_noun),
                             ("bound_noun", self.qualifier.bound_nouns), ("per", self.per.per_cues),
                             ("per_subject", self.per.per_subject)):
            cues.update({f"{group}_{name}": cue for name, cue in rules})
        return cues

    def fields_of(self, doc: Doc) -> DocFields:
        ctx = DocContext(doc, self.settings, self.clause_break, self.shared)
        lands = Lands(ctx, self.land_rules)
        land_sections = bool(lands.headings)
        programmes = Programmes(ctx, land_sections, self.own_sources, self.source_cues)
        return DocFields(ctx, lands, programmes, Bodies(ctx, self.body_rules, land_sections),
                         Times(ctx, self.time_rules), Evidence(ctx.text))

    def __call__(self, doc: Doc) -> Doc:
        fields = self.fields_of(doc)
        ctx = fields.ctx
        records = []
        for f in ctx.figures:
            kind = "amount" if f.label == "MONEY" else f.attrs.get("kind", "")
            if not kind:
                continue
            records.append(self.draft(fields, f, kind))
        for a, b in zip(records, records[1:]):  # a range's ends, coordinated figures: same per
            coordinated = a.kind == b.kind and self.coordination.match(ctx.text[a.end:b.start])
            if coordinated or (a.extra.get("range") == "lower" and b.extra.get("range") == "upper"):
                a.per = b.per = a.per or b.per
        deadlines = apply_deadlines(ctx, fields.programmes, records)
        # plain dicts from here on: docs cross process boundaries with nlp.pipe(n_process=…)
        out = doc
        if self.compact:
            out = Doc(doc.vocab, words=[])
        # __dict__.copy(): the same shallow copy as dict(vars(…)), at a third of the cost
        set_doc_extensions(out, records=[r.__dict__.copy() for r in records],
                           programmes=[p.__dict__.copy() for p in self.programmes(fields, deadlines)],
                           mentions=[m.__dict__.copy() for m in ctx.mentions],
                           refused=[m.__dict__.copy() for m in ctx.refused])
        if not self.compact:  # a compact doc leaves the doc behind, with its work
            # (headings and sent_spans are views of the scan: they go with it)
            forget_work(doc)  # copies of the text, scan results: not shipped between processes
        return out

    def draft(self, fields: DocFields, f: Found, kind: str) -> Draft:
        ctx = fields.ctx
        start, end = f.start, f.end
        sentence = ctx.layout.sentence(start)
        window = s, e = ctx.window(start, end, sentence)  # handed on: each would look it up again
        # every field computed first, in the order they were set one by one, then one Draft:
        # the same values (and __dict__ order, the fields') without a setattr per field
        land = fields.lands.at(start, end, window)
        programme = fields.programmes.at(start, end, window)
        body = fields.bodies.at(start, end, window)
        basis = basis_of(land=land, programme=programme, body=body)
        qualifier = self.qualifier(ctx, f, s)
        per = self.per(ctx, f, s, e, qualifier) if kind == "amount" else ""
        period_start, period_end = fields.times.period(f, s, e)
        duration = fields.times.duration(f, s, e)
        return Draft(kind, f.value, start, end, land.value, programme.value, body.value, qualifier, per,
                     period_start, period_end, "", duration, fields.evidence(start, end, sentence), basis,
                     {"range": f.attrs.get("range")})

    def programmes(self, fields: DocFields, deadlines: dict[str, str]) -> list[ProgrammeDraft]:
        """One ProgrammeDraft per programme the doc names, its fields read at its first mention."""
        ctx = fields.ctx
        out = []
        for name, first in fields.programmes.names.items():
            window = s, e = ctx.window(first.start, first.end)  # handed on, as in draft
            p = ProgrammeDraft(programme=name, start=first.start)
            p.land = fields.lands.at(first.start, first.end, window).value
            p.body = fields.bodies.at(first.start, first.end, window).value
            period = ctx.nearest("PERIOD", first.start, first.end, s, e)
            if period:
                p.period_start, p.period_end = interval_bounds(period.value)
            p.deadline = deadlines.get(name.lower(), "")
            out.append(p)
        return out


def basis_of(**fields: Field) -> str:
    """Schema §2 basis: where each field was read, "land=sentence;programme=section;…", in
    the order given; a field that is empty is left out."""
    return ";".join(f"{name}={f.basis}" for name, f in fields.items() if f.value)
