"""LAND mentions: the sixteen Länder by name, short form, adjective and demonym."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .context import Found, scan_of
from ..lexicon import alternation, read_lexicon
from ..lexicon.ministers import MemberNames
from .rules import RuleComponent, longest_non_overlapping
from .scanning import match_at, shared_words_of

ADJECTIVE_ENDINGS = r"(?:e|en|er|es|em)?"
# a name inside a dotted or hyphenated product name ("Kommunalportal.NRW", "Verwaltungscloud.Saarland")
# is not a Land mention; a hyphen after it is fine ("NRW-Landesregierung").
NOT_AFTER = r"\w.\-"
RIGHT = r"(?![\w]|\.[A-Za-z])"


@Language.factory("de_lands", assigns=["doc._.mentions"])
def make_lands(nlp: Language, name: str):
    return LandFinder(nlp, name)


class LandFinder(RuleComponent):
    """Find Land mentions and normalise them to the canonical Land name."""

    def load_data(self) -> dict:
        return {"lands": read_lexicon("lands"), "ministers": read_lexicon("ministers")}

    def compile(self):
        self.by_surface: dict[str, str] = {}
        self.by_stem: dict[str, str] = {}
        names, stems, demonyms = [], [], []
        for land, forms in self.data["lands"].items():
            for name in forms.get("names", []):
                self.by_surface[name] = land
                names.append(name)
            for demonym in forms.get("demonyms", []):
                self.by_surface[demonym] = land
                demonyms.append(demonym)
            for stem in forms.get("adjectives", []):
                self.by_stem[stem.lower()] = land
                stems.append(stem)
        self.names = re.compile(f"(?<![{NOT_AFTER}])" + alternation(names + demonyms) + RIGHT)
        # a kicker glued to its title at a line start: "SaarlandDigitalisierungsoffensive …"
        self.glued = re.compile(r"(?<![^\n])" + alternation(names) + r"(?=[A-ZÄÖÜ][a-zäöüß]{3})")
        # any case ("bayerische", "Bayerische"), so matched in the lowercased text
        self.adjectives = re.compile(
            f"(?<![{NOT_AFTER}])(" + alternation([s.lower() for s in stems]) + ")" + ADJECTIVE_ENDINGS + RIGHT
        )
        # where a name or a stem occurs (lowercased text), in one pass: each pattern is
        # tried only there, which finds what its finditer finds
        self.shared = shared_words_of(self)
        self.words = self.shared.register(self.name, {"names": names + demonyms, "stems": stems})
        self.members = MemberNames.from_lexicon(self.data["ministers"])  # "Julia Hamburg" is no Land

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        text, lowered = scan.text, scan.lower
        whole = [(0, len(text))]
        starts = self.pattern_starts(lowered, scan.words_for(self.shared))
        found = []
        for m in match_at(self.names, starts["names"], whole, text):
            if self.members.ends_a_name(text, m.start(), m.end()):
                continue
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-name"))
        for m in match_at(self.glued, starts["glued"], whole, text):
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-glued"))
        for m in match_at(self.adjectives, starts["adjectives"], whole, lowered):
            land = self.by_stem[m.group(1)]
            found.append(Found("LAND", m.start(), m.end(), text[m.start():m.end()], land, "land-adjective"))
        scan.mentions.extend(longest_non_overlapping(found))
        return doc

    def pattern_starts(self, lowered: str, found: dict | None = None) -> dict[str, list[int]]:
        """Where each pattern (by attribute name) can start: at a name's or a stem's word
        (found with the other components' words, see SharedWords; ``found``: the doc scan's
        words, found here if None)."""
        found = self.shared.find(lowered) if found is None else found
        words = {name: found[key] for name, key in self.words.items()}
        return {"names": words["names"], "glued": words["names"], "adjectives": words["stems"]}
