"""Which Land's government a text quotes, from ``models/lexicon/de/ministers.yaml``.

A Land's own press release often names no Land: its ministers speak ("sagten Finanzministerin
Doris Ahnen und Innenminister Michael Ebling", "Klimaministerin Eder hat …"). A member is
read by the full name, or by the surname right after a minister's or senator's title; a
federal or European title ("Bundesministerin", "EU-Kommissarin") is no Land's. A surname is
read only where it is one Land's member's alone: not another Land's member's, nor a federal
member's ("Ministerin Schulze" could be either).

A member's name is no place: in "Kultusministerin Julia Hamburg" or "Ministerin Simone
Oldenburg" the surname is neither a Land nor a district (``MemberNames.ends_a_name``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from . import alternation

EDGE_BEFORE, EDGE_AFTER = r"(?<![\w-])", r"(?![\w-])"
PARTICLES = {"von", "van", "de", "der", "zu"}
FEDERAL = "(Bund)"  # where a federal member's surname is, among the Länder of a surname
TITLE_REACH = 60  # characters before a surname its title is looked for in


def surname(name: str) -> str:
    """The family name: the last word, with the particles before it ("Jakob von Weizsäcker"
    -> "von Weizsäcker")."""
    words = name.split()
    i = len(words) - 1
    while i > 1 and words[i - 1] in PARTICLES:
        i -= 1
    return " ".join(words[i:])


@dataclass(frozen=True)
class MemberNames:
    """Every member's full name, by surname: where a name ends in a place's word."""

    by_surname: dict[str, tuple[str, ...]]

    @classmethod
    def from_lexicon(cls, data: dict) -> MemberNames:
        by_surname: dict[str, tuple[str, ...]] = defaultdict(tuple)
        for people in data["lands"].values():
            for person in people:
                by_surname[surname(person["name"])] += (person["name"],)
        return cls(dict(by_surname))

    def ends_a_name(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is the surname of a member named in full there ("Julia
        Hamburg"), so that it is no place."""
        for name in self.by_surname.get(text[start:end], ()):
            begin = end - len(name)
            if begin >= 0 and text.startswith(name, begin) and (begin == 0 or not _is_word(text[begin - 1])):
                return True
        return False


@dataclass(frozen=True)
class Cabinets:
    """The Land governments' members, compiled once: full names and titled surnames."""

    by_name: dict[str, str]  # a member's full name -> the Land
    by_surname: dict[str, str]  # a surname that is one Land's members' alone -> the Land
    pattern: re.Pattern  # a full name, or a surname of by_surname
    title_before: re.Pattern  # a minister's or senator's title ending where a surname starts
    names: MemberNames

    @classmethod
    def from_lexicon(cls, data: dict, titles: list[str], not_land_titles: list[str]) -> Cabinets:
        """data: ministers.yaml; titles: regexes of the titles a surname may follow
        ("\\w*[Mm]inister(?:in)?"); not_land_titles: what such a title never begins with
        ("Bundes")."""
        lands_of_surname: dict[str, set[str]] = defaultdict(set)
        land_of: dict[str, str] = {}
        for land, people in data["lands"].items():
            for person in people:
                land_of[person["name"]] = land
                lands_of_surname[surname(person["name"])].add(land)
        for name in data["federal"]:
            lands_of_surname[surname(name)].add(FEDERAL)
        # a surname read alone says one Land: not two Länder's, not also a federal member's
        surnames = {s: next(iter(lands)) for s, lands in lands_of_surname.items()
                    if len(lands) == 1 and FEDERAL not in lands}
        # found by name first (one alternation, as fast as a word list), a surname then kept
        # where a title stands right before it: a title pattern tried at every position of a
        # text cost three times as much
        pattern = re.compile(f"{EDGE_BEFORE}(?:(?P<name>{alternation(land_of)})|(?P<surname>{alternation(surnames)}))"
                             f"{EDGE_AFTER}")
        title_before = re.compile(f"{EDGE_BEFORE}(?!{'|'.join(not_land_titles)})(?:{'|'.join(titles)})"
                                  r"\s+(?:Dr\.\s+)?$")
        return cls(land_of, surnames, pattern, title_before, MemberNames.from_lexicon(data))

    def lands_quoted(self, text: str) -> set[str]:
        """The Länder whose government members the text names."""
        lands = set()
        for m in self.pattern.finditer(text):
            if m["name"]:
                lands.add(self.by_name[m["name"]])
            elif self.title_before.search(text, max(0, m.start() - TITLE_REACH), m.start()):
                lands.add(self.by_surname[m["surname"]])
        return lands


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "-"
