"""ORG mentions: ministries, agencies, banks, associations and companies.

A name is found three ways, all from ``models/lexicon/de/organisations.yaml``:
a head noun with its adjective and "des/der/für …" tail ("Hessisches Ministerium des
Innern und für Sport"), a legal-form suffix ("GovConnect GmbH"), or a known body named
without a head ("KfW", "Dataport"). An acronym in brackets right after a name
("Sächsische Anstalt für Kommunale Datenverarbeitung (SAKD)") names the same body
wherever it recurs in the document.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .context import Found, scan_of
from ..lexicon import alternation, read_lexicon
from .rules import RuleComponent, longest_non_overlapping
from .scanning import followed, match_at, shared_words_of, starts_of_words, whole_uses, word_start

CAP = r"[A-ZÄÖÜ][\w.\-]*"
NOT_ARTICLE = r"(?!(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einer|Einem|Jede|Jeder|Diese|Dieser)[ \t])"
ADJ = rf"(?:{NOT_ARTICLE}[A-ZÄÖÜ][\w\-]*(?:e|er|es|en|em)[ \t]+)"
# "des Innern und für Sport", "für Heimat, Kommunales, Bau und Gleichstellung des Landes NRW"
TAIL = rf"(?:[ \t]*(?:,[ \t]*|[ \t](?:und|des|der|für|für[ \t]+den|für[ \t]+die|für[ \t]+das|zur|zum|von)[ \t]+)(?:{CAP}[ \t]+)?{CAP})*"
ACRONYM_AFTER = re.compile(r"\s*\(([A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9.\-]{1,11})\)")
NOT_AFTER = r"\w.\-"
SPEAKING_OPENERS = ("so", "laut", "zufolge")  # "so die HMinD", "laut StMD"
SPEAKING_ARTICLES = ("die", "der", "das", "dem")  # may stand between an opener and the acronym
SPEAKING_SUBJECTS = ("Die", "Der", "Das", "die", "der", "das")  # "Die HMinD erklärt"
# the first word of a speaking match (an opener or a subject's article), in any case
SPEAKING_FIRST = sorted({w.lower() for w in SPEAKING_OPENERS + SPEAKING_SUBJECTS})
LEFT = rf"(?<![{NOT_AFTER}])"
RIGHT = r"(?![\w])"


@Language.factory("de_orgs", assigns=["doc._.mentions"])
def make_orgs(nlp: Language, name: str):
    return OrgFinder(nlp, name)


class OrgFinder(RuleComponent):
    """Find organisation names and the acronyms a document introduces for them."""

    def load_data(self) -> dict:
        return {"organisations": read_lexicon("organisations")}

    def compile(self):
        lex = self.data["organisations"]
        heads = alternation(lex["heads"])
        # a head may end a compound: "Digitalministerium", "Landesförderinstitut"
        single = [h for h in lex["heads"] if " " not in h and h not in lex["whole_word_heads"]]
        compound_heads = alternation([h.lower() for h in single])
        head_word = rf"(?:[A-ZÄÖÜ][\w]*?{compound_heads}|{heads})"
        # genitive heads too: "des Bundesministeriums für Digitales und Verkehr"
        self.headed = re.compile(rf"{LEFT}{ADJ}?{head_word}(?:es|s)?{RIGHT}{TAIL}")
        # "Amt Landhagen": a municipal head alone before a capitalised name is a municipality
        self.municipal_heads = {head + ending for head in lex["municipal_heads"] for ending in ("", "s", "es")}
        offices = alternation(lex["offices"])
        self.office = re.compile(rf"{LEFT}{offices}[ \t]+(?:für|des|der)[ \t]+{CAP}{TAIL}")
        suffixes = alternation(lex["suffixes"])
        self.suffixed = re.compile(rf"{LEFT}(?:{NOT_ARTICLE}{CAP}[ \t]+){{0,3}}{suffixes}(?![\w])")
        # a suffixed name starts at a suffix ending a word, or up to 3 words before it
        self.suffix_at = re.compile(rf"{suffixes}(?![\w])")
        known = known_names(lex)
        self.known = re.compile(LEFT + alternation(known) + RIGHT)
        # where each list's words occur, in the lowercased text, in one pass (shared with the
        # other name finders): a headed name starts at a head's word or the one before, an
        # office or known name at its word
        self.shared = shared_words_of(self)
        self.words = self.shared.register(self.name, {"head": lex["heads"], "suffix": lex["suffixes"],
                                                      "office": lex["offices"], "known": known,
                                                      "speaking": SPEAKING_FIRST})
        acronym = r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,2}[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,6}"
        speak = alternation(lex["speech_verbs"])
        # "so die HMinD", "laut StMD", "Die HMinD erklärt": an acronym that speaks is a body
        openers, articles = "|".join(SPEAKING_OPENERS), "|".join(SPEAKING_ARTICLES)
        subjects = "|".join(SPEAKING_SUBJECTS)
        self.speaking_acronym = re.compile(
            rf"(?<![\w])(?:(?:{openers})\s+(?:{articles})?\s*(?P<a1>{acronym})(?![\w])"
            rf"|(?:{subjects})\s+(?P<a2>{acronym})\s+{speak}(?![\w]))"
        )

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        text = scan.text
        whole = [(0, len(text))]
        starts = self.pattern_starts(text, scan.lower, scan.words_for(self.shared))
        found = []
        for rule, pattern in (("org-head", "headed"), ("org-office", "office"), ("org-suffix", "suffixed"),
                              ("org-known", "known")):
            if not starts[pattern]:
                continue  # no start: nothing to try
            for m in match_at(getattr(self, pattern), starts[pattern], whole, text):
                name = trim_tail(m.group())
                if name in self.municipal_heads and NAME_AFTER.match(text, m.start() + len(name)):
                    continue
                found.append(Found("ORG", m.start(), m.start() + len(name), name, name, rule))
        for m in match_at(self.speaking_acronym, starts["speaking_acronym"], whole, text):
            group = "a1" if m.group("a1") else "a2"
            found.append(Found("ORG", m.start(group), m.end(group), m.group(group), m.group(group),
                               "org-speaking-acronym"))
        found = longest_non_overlapping(found)
        found += self.acronyms(text, found)
        scan.mentions.extend(longest_non_overlapping(found))
        return doc

    def pattern_starts(self, text: str, lowered: str, found: dict | None = None) -> dict[str, list[int]]:
        """Where each pattern (by attribute name) can start: each is tried there only, which
        finds what its finditer finds without trying it at every character (``found``: the
        doc scan's words, see SharedWords; found here if None)."""
        found = self.shared.find(lowered) if found is None else found
        words = {name: found[key] for name, key in self.words.items()}
        return {
            "headed": starts_of_words(text, words["head"], previous=True),
            "office": words["office"],
            "suffixed": self.suffixed_starts(text, words["suffix"]),
            "known": words["known"],
            # a speaking match starts at its first word ("so", "laut", "zufolge", "Die", …),
            # found by the shared pass (about 2 % of a text's characters start one), so the
            # regex is tried there only, in one comprehension (its lookbehind sees the
            # character before): a regex pass to find these words, or the acronyms after
            # them, tried a match at every s, l, z, d or capital (0.028 s/MB, 40 % of de_orgs)
            "speaking_acronym": followed(self.speaking_acronym, words["speaking"], text),
        }

    def suffixed_starts(self, text: str, suffixes: list[int]) -> list[int]:
        """Starts of a legal-form suffix ("GmbH", where its letters occur in any case) and of
        the up to three words before it."""
        starts = set()
        # not the suffix in other letter case ("gmbh") or inside a word: no suffixed name there
        for start in followed(self.suffix_at, suffixes, text):
            starts.add(start)
            for _ in range(3):
                gap = word_start(text, start, word=False, extra=" \t")
                if gap == start:
                    break
                start = word_start(text, gap, extra=".-")
                starts.add(start)
        return sorted(starts)

    def acronyms(self, text: str, orgs: list[Found]) -> list[Found]:
        """Acronyms introduced in brackets after an org name, and their later uses."""
        extra = []
        acronyms = set()
        for org in orgs:
            if org.rule == "org-speaking-acronym":
                acronyms.add(org.text)
            m = ACRONYM_AFTER.match(text, org.end)
            if m:
                acronyms.add(m.group(1))
        for acronym in sorted(acronyms):
            for start, end in whole_uses(text, acronym, not_before=".-"):  # LEFT, RIGHT
                extra.append(Found("ORG", start, end, acronym, acronym, "org-acronym"))
        return extra


def known_names(lex: dict) -> list[str]:
    """The bodies named without a head: the known list and every Land's ministry acronyms
    (a text may use "StMWi" without ever introducing it)."""
    return lex["known"] + [a for acronyms in lex["ministry_acronyms"].values() for a in acronyms]


NAME_AFTER = re.compile(r"[ \t]+[A-ZÄÖÜ]")  # a capitalised word right after
DANGLING = re.compile(r"(?:\s*,|\s+(?:und|des|der|für|zur|zum|von))+$")
# what a name must end with for DANGLING to match ("$" also matches before a final "\n")
DANGLING_ENDS = (",", "und", "des", "der", "für", "zur", "zum", "von", "\n")


def trim_tail(name: str) -> str:
    """Drop a dangling connector or comma the tail pattern may leave at the end."""
    # most names end otherwise: one endswith spares them the substitution
    return DANGLING.sub("", name) if name.endswith(DANGLING_ENDS) else name
