"""Programme names without a cue noun, and the figure's own named source of money.

German releases name long-standing funding lines bare, with no "Programm" before them:
"über die Städtebauförderung", "Mit 4 Mio. Euro aus der Dorferneuerung", "Bedarfszuweisungen
und Stabilisierungshilfen des Innenministeriums", "aus dem Ausgleichstock". Those come from the
lexicon (``standing_instruments``, every form written with its base name). A compound on
-förderung is a name where the text says money comes from it ("aus der Sportstättenförderung",
"Mittel der Schulbauförderung"), not where it is the activity ("die Förderung der Vereine");
the bare and generic ones ("aus der Landesförderung") are no names.

``OwnSources`` answers the record side: whether a span says its money comes from a source the
finders did not take as a programme ("Weitere 20.000 Euro kommen aus dem Härtefallfonds",
"Mittel der Jagdabgabe"). Such a figure is not the article's one programme's.
"""

from __future__ import annotations

import re

from ..lexicon import alternation
from .rules import Found, lead_lookahead
from .scanning import scan_lines

# an adjective between the opener and the noun: "aus dem kommunalen Härtefallfonds"
ADJECTIVE = r"(?:[a-zäöüß][\w\-]*(?:e|en|er|es|em)[ \t]+)?"


def opener_regex(openers: list[str]) -> str:
    """The source openers ("aus dem", "im Rahmen der") as one alternation, any space between
    the words, the first letter in either case (a sentence may open with one)."""
    forms = []
    for opener in openers:
        first, rest = opener[0], re.escape(opener[1:]).replace(r"\ ", r"[ \t]+")
        forms.append(f"[{first.upper()}{first.lower()}]{rest}")
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def source_noun_regex(openers: list[str], endings: list[str]) -> re.Pattern:
    """An opener, an optional adjective and a capitalised noun with one of the endings (group "name")."""
    opener = opener_regex(openers)
    return re.compile(rf"{lead_lookahead([opener])}(?<![\w\-]){opener}[ \t]+{ADJECTIVE}"
                      rf"(?P<name>[A-ZÄÖÜ][\w\-]*?{alternation(endings)})(?![\w\-])")


class StandingInstruments:
    """PROGRAMME mentions of the lexicon's standing instruments and of -förderung compounds
    named as a source of money."""

    def __init__(self, lex: dict):
        self.base = {form: base for base, forms in lex["standing_instruments"].items() for form in forms}
        names = alternation(self.base)
        # two instruments joined by "und" are one line of the budget: "Bedarfszuweisungen und
        # Stabilisierungshilfen"
        self.instruments = re.compile(
            rf"(?<![\w\-])(?P<name>(?P<first>{names})(?:[ \t]+und[ \t]+{names})?)(?![\w\-])")
        self.suffixes = lex["source_name_suffixes"]
        self.sourced = source_noun_regex(lex["source_openers"], self.suffixes)
        self.generic = {g.lower() for g in lex["generic_sources"]}

    def words(self) -> dict[str, list[str]]:
        """The words whose lines can hold a match (for the doc scan)."""
        return {"instrument": sorted(self.base), "source_suffix": self.suffixes}

    def find(self, text: str, instrument_lines, source_lines) -> list[Found]:
        """The mentions in the lines that hold an instrument's form or a source name's ending."""
        found = []
        for m in scan_lines(self.instruments, instrument_lines, text):
            name = m.group("name")
            value = name if " und " in name else self.base[m.group("first")]
            found.append(Found("PROGRAMME", m.start("name"), m.end("name"), name, value, "programme-instrument"))
        for m in scan_lines(self.sourced, source_lines, text):
            name = m.group("name")
            if name.lower() in self.generic or name in self.base:
                continue
            found.append(Found("PROGRAMME", m.start("name"), m.end("name"), name, name, "programme-source"))
        return found


class OwnSources:
    """Whether a span names where its money comes from, by a source noun that is no programme
    mention ("aus dem Härtefallfonds", "Mittel der Jagdabgabe") or the municipality's own money
    ("aus Rücklagen"); generic pots ("aus dem Fördertopf", "Mittel des Landes") name none."""

    def __init__(self, lex: dict):
        self.source = source_noun_regex(lex["source_openers"], lex["source_heads"])
        # the generic words of programmes.yaml may be the article's own programme ("aus dem
        # Sonderprogramm"); its generic descriptions ("aus den Strukturfonds") name another source
        self.generic = {g.lower() for g in lex["generic"] + lex["generic_sources"]}
        self.generic |= {g + ending for g in self.generic for ending in ("s", "es", "e", "en", "n")}
        own_funds = opener_regex(lex["own_funds"])
        self.own_funds = re.compile(rf"{lead_lookahead([own_funds])}(?<![\w\-]){own_funds}(?![\w\-])")
        self.anaphor = re.compile(rf"(?<![\w]){alternation(lex['source_anaphors'])}(?![\w])", re.IGNORECASE)

    def any_in(self, text: str, s: int, e: int) -> bool:
        """Whether [s, e) holds an own-funds phrase or a source phrase of any name: where it
        holds neither, named_in is False for every span of it that ends before a non-word
        character (or at e)."""
        return self.own_funds.search(text, s, e) is not None or self.source.search(text, s, e) is not None

    def named_in(self, text: str, s: int, e: int, programmes=()) -> bool:
        """Whether [s, e) names a source that is neither generic nor a word of one of the
        doc's ``programmes`` ("über das Digitalbudget" of "Digitalbudget Kommune"), and does
        not point back to the programme named before ("dafür")."""
        if self.own_funds.search(text, s, e):
            return True
        names = [m.group("name") for m in self.source.finditer(text, s, e)]
        names = [n for n in names
                 if n.lower() not in self.generic and not any(n in p.split() for p in programmes)]
        return bool(names) and not self.anaphor.search(text, s, e)
