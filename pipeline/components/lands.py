"""LAND mentions: the sixteen Länder by name, short form, adjective and demonym."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .rules import (
    Found, RuleComponent, alternation, doc_lower, doc_text, doc_work, longest_non_overlapping, mentions,
    read_lexicon,
)
from .scanning import WordIndex, match_at

ADJECTIVE_ENDINGS = r"(?:e|en|er|es|em)?"
# a name inside a dotted or hyphenated product name ("Kommunalportal.NRW", "Verwaltungscloud.Saarland")
# is not a Land mention; a hyphen after it is fine ("NRW-Landesregierung").
NOT_AFTER = r"\w.\-"
RIGHT = r"(?![\w]|\.[A-Za-z])"


class NameWords:
    """The word lists of the name finders (lands, orgs, programmes), found in one pass a doc.

    An Aho–Corasick pass costs about the same per character whatever its lists hold (most of
    it is walking the automaton: 5–8 µs for a 2 KB text), so the three finders' lists share
    one ``WordIndex``: each finder registers its lists when it compiles, the first to run on
    a doc finds them all and leaves the starts in the doc's working dict for the others.
    A list is keyed by its words, and ``WordIndex`` reports each word's occurrences to every
    list holding it, whatever other lists share the automaton: a list's starts are those a
    ``WordIndex`` of its own would find. The lists returned are shared: read them only.
    """

    KEY = "name words"  # in doc_work

    def __init__(self):
        self.lists: dict[str, list[str]] = {}
        self.index: WordIndex | None = None

    def register(self, lists: dict[str, list[str]]) -> dict[str, str]:
        """Add a finder's lists (by its names for them); returns the key of each."""
        keys = {}
        for name, words in lists.items():
            key = keys[name] = "\n".join(words)
            if key not in self.lists:
                self.lists[key] = list(words)
                self.index = None  # built again, with this list, at the next find
        return keys

    def find(self, lowered: str, keys: dict[str, str], work: dict | None = None) -> dict[str, list[int]]:
        """Sorted starts of each of a finder's lists (by its names) in ``lowered``, from the
        doc's working dict ``work`` when a finder found them there with the current index."""
        if self.index is None:
            self.index = WordIndex(self.lists)
        cached = work.get(self.KEY) if work is not None else None
        if cached is None or cached[0] is not self.index:
            cached = (self.index, self.index.find(lowered))
            if work is not None:
                work[self.KEY] = cached
        return {name: cached[1][key] for name, key in keys.items()}


NAME_WORDS = NameWords()


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
        self.words = NAME_WORDS.register({"names": names + demonyms, "stems": stems})

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = doc_lower(doc)
        whole = [(0, len(text))]
        starts = self.pattern_starts(lowered, doc_work(doc))
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
        (found with the other name finders' words, see NameWords; ``work``: the doc's)."""
        words = NAME_WORDS.find(lowered, self.words, work)
        return {"names": words["names"], "glued": words["names"], "adjectives": words["stems"]}
