"""Which Land a Landkreis or kreisfreie Stadt lies in, from ``models/lexicon/de/districts.yaml``.

Real articles often name only the district ("im Landkreis Cham", "Landratsamt Gotha",
"Mittelsachsens Landrat"). ``district_land`` reads one such name phrase and says
its Land, or None where the name does not settle it (two Länder have it, or it is an ordinary
word or a town elsewhere that only a "Landkreis"/"Stadt" before it rules out).
``districts_in`` finds such phrases in running text.
"""

from __future__ import annotations

import re

import ahocorasick
from dataclasses import dataclass
from functools import lru_cache

from . import alternation, read_lexicon

CITY_KINDS = {"kreisfreie Stadt", "Stadtkreis"}
# words before a name that say it is a Kreis, or a Stadt; each with its genitive
KREIS_WORDS = ("Landkreis", "Landkreises", "Kreis", "Kreises", "Landratsamt", "Landratsamts", "Landratsamtes",
               "Kreisverwaltung", "Kreistag", "Kreistags", "Kreistages")
STADT_WORDS = ("Stadt", "kreisfreie Stadt", "kreisfreien Stadt", "Stadtkreis", "Stadtkreises",
               "Landeshauptstadt", "Hansestadt", "Stadtverwaltung")
_KREIS_SUFFIX = re.compile(r"-Kreis(?:es)?$")


@dataclass(frozen=True)
class DistrictName:
    """What one form of a district name says: its Land(s), and whether it needs a prefix."""

    kreis_lands: frozenset[str]  # Länder of Kreise with this form
    city_lands: frozenset[str]  # Länder of kreisfreie Städte with this form
    ambiguous: bool  # never gives the Land
    not_alone: bool  # gives the Land only after a Kreis or Stadt word


@dataclass(frozen=True)
class DistrictMention:
    """A district phrase found in text, with the Land it gives."""

    start: int
    end: int
    text: str
    land: str


def build_names(entries: list[dict]) -> dict[str, DistrictName]:
    """Every form of every district (the entries of districts.yaml) -> what it says."""
    kreis, city = {}, {}
    ambiguous, not_alone = set(), set()
    for entry in entries:
        lands = city if entry["kind"] in CITY_KINDS else kreis
        for form in entry["forms"]:
            lands.setdefault(form, set()).add(entry["land"])
        ambiguous |= set(entry["ambiguous"])
        not_alone |= set(entry["not_alone"])
    return {
        form: DistrictName(frozenset(kreis.get(form, ())), frozenset(city.get(form, ())),
                           form in ambiguous, form in not_alone)
        for form in kreis.keys() | city.keys()
    }


class Gazetteer:
    """The district look-ups over one set of entries. The pipeline builds one from the data
    its de_records component saved (so a loaded pipeline reads no YAML); the functions below
    use one built from models/lexicon/de/districts.yaml, for tools and tests."""

    def __init__(self, entries: list[dict]):
        self.names = build_names(entries)
        # every district form, found in one Aho–Corasick pass: a regex alternation of some
        # 1,500 names is tried at every position of a text and cost more than the pipeline
        self.automaton = ahocorasick.Automaton()
        for form in self.names:
            self.automaton.add_word(form, len(form))
        self.automaton.make_automaton()

    def district_land(self, phrase: str) -> str | None:
        """The Land of a district phrase, or None where the phrase does not settle it."""
        phrase = " ".join(phrase.split())
        kind, name = _split_kind(phrase)
        found = self.names.get(name)
        if found is None and kind is None and _KREIS_SUFFIX.search(name):
            kind, name = "kreis", _KREIS_SUFFIX.sub("", name)
            found = self.names.get(name)
        if found is None or found.ambiguous:
            return None
        if kind == "kreis":
            lands = found.kreis_lands
        elif kind == "stadt":
            lands = found.city_lands or (frozenset() if found.not_alone else found.kreis_lands)
        else:
            lands = frozenset() if found.not_alone else found.kreis_lands | found.city_lands
        return next(iter(lands)) if len(lands) == 1 else None

    def names_a_form(self, text: str) -> bool:
        """Whether any district form occurs in text, even inside a word. A window of a doc
        that holds none holds no district phrase of the doc (a phrase ends with its form),
        so its Land is known without districts_in's pass over the whole doc: on the bench
        corpus most figures' windows hold none, and that pass was a third of Lands.at."""
        return next(self.automaton.iter(text), None) is not None

    def districts_in(self, text: str) -> list[DistrictMention]:
        """Every district phrase in a text that gives a Land, left to right: a form standing
        as a whole word (no letter, digit or hyphen on either side), the longest at its start,
        with the Kreis or Stadt word before it; phrases do not overlap."""
        names: dict[int, int] = {}  # start -> end of the longest whole-word form there
        for last, length in self.automaton.iter(text):
            start, end = last + 1 - length, last + 1
            if _is_edge(text, start - 1) and _is_edge(text, end) and end > names.get(start, -1):
                names[start] = end
        found, reached = [], 0
        for start in sorted(names):
            if start < reached:
                continue
            prefix = _PREFIX_BEFORE.search(text, max(reached, start - _PREFIX_REACH), start)
            begin, end = (prefix.start() if prefix else start), names[start]
            reached = end
            phrase = text[begin:end]
            land = self.district_land(phrase)
            if land:
                found.append(DistrictMention(begin, end, phrase, land))
        return found


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer(read_lexicon("districts"))


def district_names() -> dict[str, DistrictName]:
    """Every form of every district in models/lexicon/de/districts.yaml -> what it says."""
    return default_gazetteer().names


def district_land(phrase: str) -> str | None:
    """The Land of a district phrase: "Landkreis Gotha", "Mittelsachsens", "Stadt Fürth".

    >>> district_land("Landratsamt Gotha")
    'Thüringen'
    >>> district_land("Neustadt") is None
    True
    """
    return default_gazetteer().district_land(phrase)


def _split_kind(phrase: str) -> tuple[str | None, str]:
    for kind, words in (("stadt", STADT_WORDS), ("kreis", KREIS_WORDS)):
        for word in sorted(words, key=len, reverse=True):
            if phrase.startswith(word + " "):
                return kind, phrase[len(word) + 1:]
    return None, phrase


# a Kreis or Stadt word right before a name (leftmost first: "kreisfreie Stadt" over "Stadt")
_PREFIX_BEFORE = re.compile(rf"(?<![\w-])(?:{alternation(KREIS_WORDS + STADT_WORDS)})\s+\Z")
_PREFIX_REACH = max(map(len, KREIS_WORDS + STADT_WORDS)) + 8


def districts_in(text: str) -> list[DistrictMention]:
    """Every district phrase in a text that gives a Land (see Gazetteer.districts_in)."""
    return default_gazetteer().districts_in(text)


def _is_edge(text: str, i: int) -> bool:
    """No word character or hyphen at i (outside the text counts as none)."""
    return not 0 <= i < len(text) or not (text[i].isalnum() or text[i] in "_-")
