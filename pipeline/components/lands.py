"""LAND mentions: the sixteen Länder by name, short form, adjective and demonym."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .rules import (
    Found, RuleComponent, alternation, doc_lower, doc_starts_cache, doc_text, longest_non_overlapping, mentions,
    read_lexicon,
)
from .scanning import SHARED_WORDS, match_at

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
        return {"lands": read_lexicon("lands")}

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
        self.words = SHARED_WORDS.register({"names": names + demonyms, "stems": stems})

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = doc_lower(doc)
        whole = [(0, len(text))]
        starts = self.pattern_starts(lowered, doc_starts_cache(doc))
        found = []
        for m in match_at(self.names, starts["names"], whole, text):
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-name"))
        for m in match_at(self.glued, starts["glued"], whole, text):
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-glued"))
        for m in match_at(self.adjectives, starts["adjectives"], whole, lowered):
            land = self.by_stem[m.group(1)]
            found.append(Found("LAND", m.start(), m.end(), text[m.start():m.end()], land, "land-adjective"))
        mentions(doc).extend(longest_non_overlapping(found))
        return doc

    def pattern_starts(self, lowered: str, work: dict | None = None) -> dict[str, list[int]]:
        """Where each pattern (by attribute name) can start: at a name's or a stem's word
        (found with the other name finders' words, see SharedWords; ``work``: the doc's)."""
        words = SHARED_WORDS.find(lowered, self.words, work)
        return {"names": words["names"], "glued": words["names"], "adjectives": words["stems"]}
