"""LAND mentions: the sixteen Länder by name, short form, adjective and demonym."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .rules import (
    Found, RuleComponent, alternation, doc_lower, doc_text, longest_non_overlapping, mentions, read_lexicon,
)
from .scanning import LeftBounded

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
        self.names = LeftBounded(NOT_AFTER, alternation(names + demonyms) + RIGHT)
        # a kicker glued to its title at a line start: "SaarlandDigitalisierungsoffensive …"
        self.glued = LeftBounded(r"^\n", alternation(names) + r"(?=[A-ZÄÖÜ][a-zäöüß]{3})")
        # any case ("bayerische", "Bayerische"), so scanned on the lowercased text: re skips
        # ahead on lowercase literals, not on case-insensitive ones
        self.adjectives = LeftBounded(
            NOT_AFTER, "(" + alternation([s.lower() for s in stems]) + ")" + ADJECTIVE_ENDINGS + RIGHT
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = []
        for m in self.names.finditer(text):
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-name"))
        for m in self.glued.finditer(text):
            found.append(Found("LAND", m.start(), m.end(), m.group(), self.by_surface[m.group()], "land-glued"))
        for m in self.adjectives.finditer(doc_lower(doc)):
            land = self.by_stem[m.group(1)]
            found.append(Found("LAND", m.start(), m.end(), text[m.start():m.end()], land, "land-adjective"))
        mentions(doc).extend(longest_non_overlapping(found))
        return doc
