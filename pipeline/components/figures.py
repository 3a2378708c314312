"""MONEY and PERCENT mentions: find them by rule, read their value, mark ranges.

Both components run the compiled patterns of ``models/patterns/{money,percent}.jsonl``
over the text once each, keep the longest of overlapping matches, and hand each span's
surface text to the normalisers in ``pipeline.normalize``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from ..normalize.bounds import refusal
from ..normalize.money import money_value, read_money
from ..normalize.numbers import parse_number
from ..normalize.percent import percent_value, read_percent
from ..schema import format_value
from .context import DocScan, Found, scan_of
from .fragments import ABBREVIATED, number_fragments, placeholder_words
from .grant_tables import GrantTables
from ..lexicon import read_lexicon
from .rules import RuleComponent, cue_regex, longest_non_overlapping, read_patterns, refusals_beside, whole_words
from .scanning import RuleSet, shared_words_of


# the noun right after a percentage (not the polite "Ihr", "Sie")
NOUN_AFTER = re.compile(r"[ \t]+(?!(?:Ihr\w*|Sie|Ihnen)(?![\w]))([A-ZÄÖÜ][\w\-]*)")
NOUN_AFTER_DOT = re.compile(r"\.[ \t]*[A-ZÄÖÜ(\d]")
# a percentage is classified from at most this many characters of its sentence each side:
# a sentence of thousands of figures then costs each figure the same (issue 15), and a cue
# that far away is about another figure (the evidence window is as wide)
CUE_WINDOW_CHARS = 300


class FigureFinder(RuleComponent):
    """Shared run of a pattern file: matches -> values -> longest non-overlapping -> ranges.

    The rules are tried at every number start on their gated lines, and most starts (years,
    counts, dates, "ein") are no figure. So the loader puts before a rule that opens with
    {NUM} a lookahead that skips the number and the spaces after it and checks the next
    character against what the rule needs there (a scale, a currency, a percent word or
    sign, a range connector): most starts fail it at once, before NUM is parsed and
    backtracked (``hints.derive_lookahead``; tests/components/test_figures.py compares each
    rule with its plain regex).
    """

    label = ""
    patterns = ""

    def load_data(self) -> dict:
        return {
            "patterns": read_patterns(self.patterns),
            "numbers": read_lexicon("numbers"),
            "cues": read_lexicon("cues"),
        }

    def compile(self):
        self.fragments = number_fragments(self.data["numbers"])
        words = placeholder_words(self.data["numbers"])
        self.rules = RuleSet(self.data["patterns"], self.fragments, shared_words_of(self), self.name, words)
        self.leading_number = re.compile(self.fragments["NUM"])
        self.range_gap = re.compile(
            r"\s*(?:" + "|".join(self.data["cues"]["range_connectors"]) + r"|und|auf)\s*$"
        )

    def value(self, text: str) -> Decimal | None:
        raise NotImplementedError

    def read(self, text: str) -> Decimal | None:
        """``value``, raising ValueOutOfRange for a figure no funding can be."""
        raise NotImplementedError

    def lower_bound_value(self, lower: str, upper: str, read=None) -> Decimal | None:
        """Value of a range's lower bound; a bare number is read with the upper bound's unit.
        read: how a figure is read (``value``; ``read`` raises ValueOutOfRange instead)."""
        read = read or self.value
        own = read(lower)
        if own is not None and not self.leading_number.fullmatch(lower.strip()):
            return own
        number = parse_number(lower)
        upper_value = self.value(upper)
        m = self.leading_number.match(upper)
        upper_number = parse_number(m.group()) if m else None
        if number is None or upper_value is None or not upper_number:
            return None
        # the lower number with the upper bound's unit, read (and bounds-checked) as one figure
        return read(lower.strip() + upper[m.end():])

    def find(self, text: str, lowered: str, scan: DocScan | None = None,
             refused: list[Found] | None = None) -> list[Found]:
        """The figures in text (``lowered`` its lowercase; ``scan``: the doc's, whose word
        starts and derived look-ups the rule sets share). Spans whose figure is out of
        bounds ("0 Euro", "150 Prozent") go to ``refused``, if given, with the reason in
        attrs["refused"], where no figure found overlaps them."""
        found, out_of_bounds = [], []
        derived, words = (scan.derived, scan.words_for(self.rules.shared)) if scan is not None else (None, None)
        for rule, m in self.rules.matches(text, lowered, derived, words):
            if rule.get("range"):
                start, end = m.span("span")
                value = self.lower_bound_value(m.group("span"), m.group("upper"))
            else:
                start, end = m.span()
                value = self.value(m.group())
            attrs = {"implicit": bool(rule.get("implicit_currency"))}
            if value is None:
                if refused is not None:
                    reason = refusal(self.read, m.group()) if not rule.get("range") else refusal(
                        lambda lower: self.lower_bound_value(lower, m.group("upper"), self.read), m.group("span"))
                    if reason:
                        out_of_bounds.append(Found(self.label, start, end, text[start:end], "", rule["id"],
                                                   attrs | {"refused": reason}))
                continue
            found.append(Found(self.label, start, end, text[start:end], format_value(value), rule["id"], attrs))
        found = longest_non_overlapping(found)
        self.mark_ranges(text, found)
        if refused is not None:
            refused.extend(refusals_beside(out_of_bounds, found))
        return found

    def mark_ranges(self, text: str, found: list[Found]):
        """Two figures joined by "bis", a dash, "zwischen … und" or "von … auf" form a range."""
        for a, b in zip(found, found[1:]):
            gap = text[a.end:b.start]
            if len(gap) > 24 or not self.range_gap.match(gap):
                continue
            connector = gap.strip()
            before = text[max(0, a.start - 12):a.start]
            if connector == "und" and not re.search(r"zwischen\s+$", before):
                continue
            if connector == "auf" and not re.search(r"von\s+$", before):
                continue
            a.attrs["range"] = "lower"
            b.attrs["range"] = "upper"
            a.attrs["range_connector"] = b.attrs["range_connector"] = connector


@Language.factory("de_money", assigns=["doc._.mentions"])
def make_money(nlp: Language, name: str):
    return MoneyFinder(nlp, name)


class MoneyFinder(FigureFinder):
    """Amounts of money in euros; a bare "17 Millionen" only in a text that speaks of euros."""

    label = "MONEY"
    patterns = "money"

    def compile(self):
        super().compile()
        self.tables = GrantTables(self.data["cues"], self.fragments)

    def value(self, text: str) -> Decimal | None:
        return money_value(text)

    def read(self, text: str) -> Decimal | None:
        return read_money(text)

    @staticmethod
    def scale_before_noun(text: str, f: Found) -> bool:
        """An implicit amount read without its abbreviation's dot, before a capitalised word:
        "4,3 Mio. Menschen" is no money, as "4,3 Millionen Menschen" is not (the rule's check
        for a capitalised word after the scale passes when the dot is left outside)."""
        return bool(f.attrs["implicit"] and text.startswith(".", f.end)
                    and f.text.rsplit(None, 1)[-1].lower() in ABBREVIATED
                    and NOUN_AFTER_DOT.match(text, f.end))

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        refused = []
        found = [f for f in self.find(scan.text, scan.lower, scan, refused) if not self.scale_before_noun(scan.text, f)]
        if found:  # table rows and bare list items, in a text that states amounts elsewhere
            found = sorted(found + self.tables.find(scan.text, found, refused), key=lambda f: f.start)
        if not any(not f.attrs["implicit"] for f in found):
            found = []
        scan.mentions.extend(found)
        # out of bounds: stated amounts; implicit ones ("0 Millionen") where amounts are stated
        scan.refused.extend(r for r in refusals_beside(refused, found)
                                     if not self.scale_before_noun(scan.text, r) and (found or not r.attrs["implicit"]))
        return doc


@Language.factory("de_percent", assigns=["doc._.mentions"])
def make_percent(nlp: Language, name: str):
    return PercentFinder(nlp, name)


class PercentFinder(FigureFinder):
    """Percentages, each classified as funding_rate, own_share or neither by its context."""

    label = "PERCENT"
    patterns = "percent"

    def compile(self):
        super().compile()
        cues = self.data["cues"]
        self.own_share = cue_regex(cues["own_share"] + cues["own_share_payers"])
        self.funding_rate = cue_regex(cues["funding_rate"])
        self.not_rate_before = re.compile(r"(?<![\w])(?:" + "|".join(cues["not_rate_before"]) + r")\s+(?:\w+\s+)?$", re.I)
        cost = "|".join(cues["cost_nouns"])
        # "Prozent der (zuwendungsfähigen) Ausgaben" -> share of costs; "Prozent der Kommunen" -> not
        self.share_of = re.compile(r"^\s*(?:der|des|aller|ihrer|seiner|Ihrer)\s+(?:[a-zäöüß][\w\-]*\s+){0,2}([A-ZÄÖÜ][\w\-]*)")
        self.cost_noun = re.compile(rf"(?:{cost})\w{{0,3}}$", re.I)
        self.measure_noun = re.compile(rf"(?:{'|'.join(cues['measure_nouns'])})\w{{0,3}}$", re.I)
        self.money_pot = re.compile("|".join(cues["money_pot_nouns"]), re.I)
        self.cost_stem = re.compile("|".join(cues["cost_stems"]), re.I)
        self.share_verb = whole_words(cues["share_verbs"], re.I)

    def value(self, text: str) -> Decimal | None:
        return percent_value(text)

    def read(self, text: str) -> Decimal | None:
        return read_percent(text)

    def classify(self, text: str, f: Found, sent_start: int, sent_end: int) -> str:
        """funding_rate, own_share or "" (a mention only), from the figure's sentence
        (CUE_WINDOW_CHARS each side of it)."""
        sent_start, sent_end = max(sent_start, f.start - CUE_WINDOW_CHARS), min(sent_end, f.end + CUE_WINDOW_CHARS)
        after = text[f.end:sent_end]
        share = self.share_of.match(after)
        if share and not self.cost_noun.search(share.group(1)) and not self.measure_noun.search(share.group(1)):
            return ""  # "80 Prozent der Kommunen"; "70 % des Neubaus" goes on, a rate with a funding word
        if share and self.is_share_of_money(share.group(1), text[sent_start:sent_end]):
            return ""  # "10 Prozent der Fördersumme fließen in Endgeräte"
        counted = None if share else NOUN_AFTER.match(after)
        if counted and not any(cue.search(counted.group(1)) for cue in (self.funding_rate, self.own_share, self.cost_noun)):
            return ""  # "15 Prozent Haushalten": a share of things the noun counts
        if self.not_rate_before.search(text[max(sent_start, f.start - 30):f.start]):
            return ""  # "davon 50 Prozent", "um 5 Prozent"
        sentence_before = text[sent_start:f.start]
        sentence_after = text[f.end:sent_end]
        # what follows in the same clause; "Prozent der zuwendungsfähigen Kosten" is evidence
        # of a share of costs, not a competing cue
        clause_after = re.split(r"[,;(]", sentence_after, maxsplit=1)[0]
        rate_after_from = share.end() if share else 0
        own = [m.end() for m in self.own_share.finditer(sentence_before)]
        own_after = [m.start() for m in self.own_share.finditer(clause_after[:60])]
        if own or own_after:
            rate = [m.end() for m in self.funding_rate.finditer(sentence_before)]
            rate_after = [m.start() for m in self.funding_rate.finditer(sentence_after, rate_after_from)]
            # the nearer cue wins when both kinds occur
            own_dist = min([len(sentence_before) - e for e in own] + [s for s in own_after])
            rate_dist = min([len(sentence_before) - e for e in rate] + [s for s in rate_after] + [10**6])
            if own_dist <= rate_dist:
                return "own_share"
            has_rate = bool(rate or rate_after)
        else:  # (most figures) only whether a rate cue occurs: search stops at the first,
            # where finditer's first match is
            has_rate = bool(
                self.funding_rate.search(sentence_before) or self.funding_rate.search(sentence_after, rate_after_from)
            )
        if has_rate or (share and self.cost_noun.search(share.group(1))):
            return "funding_rate"
        return ""

    def is_share_of_money(self, noun: str, sentence: str) -> bool:
        """Whether "Prozent der <noun>" is a part of the money itself, not a rate: the noun
        names the money (Fördersumme, Mittel, Gesamtbetrag; not Investitionssumme) and the
        sentence shares it out (fließen, entfallen, entspricht)."""
        return bool(self.money_pot.fullmatch(noun) and not self.cost_stem.search(noun)
                    and self.share_verb.search(sentence))

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        text, layout = scan.text, scan.layout
        found = self.find(text, scan.lower, scan, scan.refused)
        for f in found:
            f.attrs["kind"] = self.classify(text, f, *layout.sentence(f.start))
        # both ends of a range share the kind of the one that has a cue
        for a, b in zip(found, found[1:]):
            if a.attrs.get("range") == "lower" and b.attrs.get("range") == "upper":
                kind = a.attrs["kind"] or b.attrs["kind"]
                a.attrs["kind"] = b.attrs["kind"] = kind
        scan.mentions.extend(found)
        return doc
