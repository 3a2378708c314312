"""PROGRAMME mentions: named funding programmes, measures, initiatives and projects.

Four German ways of naming one, all driven by ``models/lexicon/de/programmes.yaml``:
1. a cue noun and a quoted name: Förderprogramm „Digitales Rathaus“, Projekt "Digital-Lotsen";
2. a cue noun and a capitalised name: Förderprogramme Starke Heimat, des Programms Digitale
   Verwaltung Niedersachsen;
3. a compound that is a name by its ending: Digitalisierungsoffensive Kommunen, DigitalPakt
   Schule, Digitalisierungsprogramm II (generic words like "Förderprogramm" excluded);
4. a title-like heading ("Starke Heimat Phase II", "Digitales Rathaus") over a section that
   speaks of funding.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from .context import Found, Layout, scan_of
from .programme_acronyms import acronym_titles
from .programme_sources import StandingInstruments
from ..lexicon import alternation, read_lexicon
from .rules import Containers, RuleComponent, longest_non_overlapping
from .scanning import followed, lines_holding, match_at, scan_lines, shared_words_of, starts_of_words, word_start

# German „…“ ‚…‘ »…«, English "…" and the Swiss and news-agency «…» (dpa's wire uses them)
OPEN_QUOTE = "„\"»«‚'“"
CLOSE_QUOTE = "“”\"«»‘'"
# An opening quote right after a letter closes a quote ("Schule“ fließen … „X“" is no name:
# “ opens in English, closes in German); tested after the quote, so re still skips ahead to one.
QUOTED = rf"[{OPEN_QUOTE}](?<![\w][{OPEN_QUOTE}])(?P<name>[^{CLOSE_QUOTE}\n]{{2,80}}?)[{CLOSE_QUOTE}]"
ARTICLES = {"Die", "Der", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einen", "Diese",
            "Dieser", "Dieses", "Jede", "Jeder", "Alle", "Mit", "Im", "In", "Für", "Zur", "Zum"}
CAP_WORD = r"[A-ZÄÖÜ][\w\-.]*"
ADJ_WORD = r"[A-ZÄÖÜ][\w\-]*(?:e|es|er|en|em)"
SEQUEL = r"(?:[ \t]+(?:Phase[ \t]+)?(?:[IVX]{1,4}|\d(?:\.\d)?)(?![\w.]))"
FUNDING_WORD = re.compile(r"förder|Förder|Zuschuss|Zuschüsse|Zuwendung|finanz|Finanz|Mittel", re.UNICODE)
ACRONYM_COMPLEMENT = r"(?:[ \t]+[A-ZÄÖÜ]{2,6}(?![\w.\-]))"  # "EU-Agrarfonds ELER"
BRACKETED = re.compile(r"\((?P<name>[A-ZÄÖÜ][\w\-.]{1,15})\)")  # "(KomPrOZG)"
LISTED_QUOTE = re.compile(rf"[ \t]*(?:,|und|sowie|oder)[ \t]*{QUOTED}")
YEAR = r"(?:19|20)\d\d(?![\d,.]\d)"
# the words of a "zur Förderung von …" complement: capitalised nouns, lowercase attributes
# before one ("finanzschwacher Kommunen"), "und", a year; it ends before a verb, comma or figure
PROMOTED_WORDS = (rf"(?:[ \t]+(?:[A-ZÄÖÜ][\w\-]+|[a-zäöüß]+(?:e|er|en|es|em)(?=[ \t]+[A-ZÄÖÜ])|und(?=[ \t]+[A-ZÄÖÜ])))"
                  rf"{{1,6}}(?:[ \t]+{YEAR})?")
# what shows a token is a web or mail address
ADDRESS = re.compile(r"://|www\.|@|\w\.(?:de|com|org|net|eu|info)\b", re.IGNORECASE)
WHITESPACE = re.compile(r"[ \n\t]")  # what ends a token for in_address
TITLE_WORD = re.compile(r"^(?:[A-ZÄÖÜ][\w\-.]*|[IVX]{1,4}|\d+(?:\.\d)?)$")


@Language.factory("de_programmes", assigns=["doc._.mentions"])
def make_programmes(nlp: Language, name: str):
    return ProgrammeFinder(nlp, name)


class ProgrammeFinder(RuleComponent):
    """Find programme names; needs the headings of ``de_sections`` and the numbers lexicon."""

    def load_data(self) -> dict:
        return {"programmes": read_lexicon("programmes"), "numbers": read_lexicon("numbers"),
                "lands": read_lexicon("lands")}

    def compile(self):
        lex = self.data["programmes"]
        cues = alternation(lex["cue_nouns"])
        name_cues = alternation(lex["name_cue_nouns"])
        # the cue may end a hyphenated compound: 400-Millionen-Euro-Programm „Lebendige Ortskerne“
        self.quoted = re.compile(
            rf"(?<![\w\-])(?:[\w]+-)*{cues}[ \t]+(?:(?:für|namens|mit[ \t]+dem[ \t]+Namen|des|der|zum|zur)[ \t]+)?{QUOTED}"
        )
        self.named = re.compile(
            rf"(?<![\w\-]){name_cues}[ \t]+(?P<name>(?:{ADJ_WORD}|{CAP_WORD})(?:[ \t]+(?:und[ \t]+)?{CAP_WORD}){{0,3}}{SEQUEL}?)(?![\w])"
        )
        suffixes = alternation(lex["name_suffixes"] + lex["name_suffixes_real"])
        # a Land's name completes a programme name: "Sportstätten-Offensive NRW"
        self.land_names = {n for forms in self.data["lands"].values() for n in forms.get("names", [])}
        complements = alternation(lex["complements"] + sorted(self.land_names))
        # a quoted name with no cue noun is a programme when it holds a name-like compound
        self.quoted_named = re.compile(
            rf"{QUOTED}".replace("(?P<name>", rf"(?P<name>(?=[^{CLOSE_QUOTE}\n]*?{suffixes})")
        )
        self.compound = re.compile(
            rf"(?<![\w\-])(?P<name>(?:(?P<adj>{ADJ_WORD})[ \t]+)?(?:[A-ZÄÖÜ]|[a-z](?=[A-Z]))[\w\-]*?{suffixes}"
            rf"(?:[ \t]+(?:für[ \t]+)?{complements}(?:[ \t]+und[ \t]+{complements})?(?![\w]))?{SEQUEL}?"
            rf"(?:{ACRONYM_COMPLEMENT}{SEQUEL}?){{0,2}})(?![\w])"
        )
        # "das kommunale OZG-Projekt (KomPrOZG)": the acronym after a programme phrase names it
        self.cue_endings = tuple(e.lower() for e in lex["acronym_cue_endings"])
        versioned = alternation(lex["versioned_suffixes"])
        self.versioned = re.compile(rf"(?<![\w\-])(?P<name>[A-ZÄÖÜ][\w\-]*?{versioned}{SEQUEL})(?![\w])")
        # a list's word starts no match unless the pattern's next step can follow it: a quoted
        # cue follows a hyphen or a non-word character and is followed by a space or tab, a
        # versioned ending by a space or tab (SEQUEL), a compound's ending by a non-word
        # character (each optional part after it opens with a space or tab). The other
        # occurrences are dropped with one C match each, before the walk back to their
        # word's start (Python, a character at a time); the starts kept hold every match's.
        # a head noun and its complement: "Sondervermögen für den Klimaschutz", "Gesetz zur
        # Förderung von Investitionen finanzschwacher Kommunen"
        # the giver between a head and its complement: "Richtlinie des Landes Hessen zur Förderung …"
        owner = (rf"(?:[ \t]+(?:{alternation(lex['promotion_owners'])})"
                 rf"(?:[ \t]+{alternation(sorted(self.land_names))})?)?")
        self.complemented = re.compile(
            rf"(?<![\w\-])(?P<name>(?:[A-ZÄÖÜ][\w\-]*?)?(?:"
            rf"{alternation(lex['complement_heads'])}[ \t]+für[ \t]+(?:den|die|das)[ \t]+[A-ZÄÖÜ][\w\-]+"
            rf"|{alternation(lex['promotion_heads'])}{owner}"
            rf"[ \t]+zur[ \t]+Förderung[ \t]+(?:von|der|des){PROMOTED_WORDS}))(?![\w\-])"
        )
        # the complement's first word after its head: a head occurrence not followed so starts
        # no match, and the others start one only at their word's start (see pattern_starts)
        self.complement_at = re.compile(
            rf"(?:{alternation(lex['complement_heads'])}[ \t]+für|{alternation(lex['promotion_heads'])}{owner}[ \t]+zur)[ \t]")
        self.cue_at = re.compile(rf"(?<![\w]){cues}[ \t]")
        self.versioned_at = re.compile(rf"{versioned}[ \t]")
        self.suffix_at = re.compile(rf"{suffixes}(?![\w])")
        self.generic = {g.lower() for g in lex["generic"] + lex["generic_descriptions"]}
        self.generic_prefix = re.compile(rf"^(?:{alternation(lex['generic_prefixes'])})-", re.IGNORECASE)
        self.determiners = set(lex["determiners"]) | ARTICLES
        self.speech_words = int(lex["speech_words"])
        # "ein (neues) Kreditprogramm": a description; read in the 40 characters before a compound
        self.indefinite_before = re.compile(
            rf"(?<![\w])(?i:{alternation(lex['indefinites'])})(?:[ \t]+[a-zäöüß]+){{0,2}}[ \t]+$")
        self.generic_forms = {g + ending for g in self.generic for ending in ("", "s", "es", "e", "en")}
        # where each list's words occur (lowercased text), in one pass shared with the other
        # name finders: the quoted pattern
        # starts at a cue noun's word, a compound at a name ending's word or the adjective
        # before it, a named or versioned name at its cue's or ending's word; every rule
        # but the heading rule needs one of the words, so only lines with one are scanned
        self.instruments = StandingInstruments(lex)
        self.shared = shared_words_of(self)
        self.words = self.shared.register(self.name, {**self.instruments.words(),
            "cue": lex["cue_nouns"], "name_cue": lex["name_cue_nouns"],
            "suffix": lex["name_suffixes"] + lex["name_suffixes_real"],
            "versioned": lex["versioned_suffixes"], "acronym_cue": lex["acronym_cue_endings"],
            "complement": lex["complement_heads"] + lex["promotion_heads"]})
        self.defining = re.compile(
            rf"{alternation(lex['defining_nouns'])}[ \t]+(?:der|des|für|zur|zum|von|mit)[ \t]")
        self.generic_headings = {g.lower() for g in lex["generic_headings"]}
        self.title_heads = tuple(h.lower() for h in lex["title_heads"])
        self.number_words = {w.lower() for w in self.data["numbers"].get("cardinals", {})}

    def is_speech(self, quoted: str) -> bool:
        """Whether quoted words are speech going on from the sentence, not a name: a lowercase
        first word and several words ('es „bietet eine Umsetzung wie kein Programm vorher“');
        a short lowercase name stays ("eGovernment-Pakt")."""
        return quoted[:1].islower() and len(quoted.split()) >= self.speech_words

    def is_generic(self, name: str) -> bool:
        # one set look-up instead of five comparisons per generic word: the same answer
        return self.generic_prefix.sub("", name.strip()).lower() in self.generic_forms

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        text = scan.text
        found = []
        starts = self.pattern_starts(text, scan.lower, scan.words_for(self.shared))
        lines = starts["lines"]
        for m in match_at(self.quoted, starts["quoted"], lines, text):
            if self.is_speech(m.group("name")):
                continue
            found.append(self._found(m, "programme-quoted"))
            found += self.listed_after(text, m.end())
        for m in match_at(self.versioned, starts["versioned"], lines, text):
            found.append(self._found(m, "programme-versioned"))
        for m in scan_lines(self.quoted_named, starts["suffix_lines"], text):
            if not self.is_speech(m.group("name")):
                found.append(self._found(m, "programme-quoted-compound"))
        for m in match_at(self.named, starts["named"], lines, text):
            name = m.group("name")
            first = name.split()[0]
            if first in ARTICLES or self.is_generic(first) or len(name) < 3:
                continue
            found.append(self._found(m, "programme-named"))
        described = []  # compounds after "ein", "kein": names only where the text names them so
        for m in match_at(self.compound, starts["compound"], lines, text):
            start = m.start("name")
            if m.group("adj") and (m.group("adj") in self.determiners or self.counted(text, m.start("adj"))):
                start = m.end("adj") + 1
            name = text[start:m.end("name")]
            words = name.split()  # once (the name holds a word: its ending)
            if len(words) == 1 and self.is_generic(words[0]):
                continue
            if len(words) == 1 and self.indefinite_before.search(text, max(0, start - 40), start):
                described.append(Found("PROGRAMME", start, m.end("name"), name, name, "programme-compound"))
                continue
            if len(words) == 2 and m.group("adj") and self.is_generic(words[-1]):
                continue  # "Neues Förderprogramm"
            found.append(Found("PROGRAMME", start, m.end("name"), name, name, "programme-compound"))
        # "legte einen Sanierungsfonds auf … im Sanierungsfonds": introduced, then named
        named = {f.value.lower() for f in found}
        found += [f for f in described if f.value.lower() in named]
        found += [self._found(m, "programme-complement")
                  for m in match_at(self.complemented, starts["complement"], starts["complement_lines"], text)]
        doc_mentions = scan.mentions
        orgs = Containers((o.start, o.end) for o in doc_mentions if o.label == "ORG")
        titled = acronym_titles(text, self.title_heads, orgs)
        introduced = {f.start for f in titled}
        found += titled
        names_by_end = {f.end: f for f in found}
        for m in scan_lines(BRACKETED, starts["cue_ending_lines"], text):
            if m.start("name") in introduced:
                continue
            if self.follows_cue(text, m.start()) and any(c.isupper() for c in m.group("name")[1:]):
                acronym = self._found(m, "programme-acronym")
                # after a name ("Kommunalinvestitionsprogramm (KIP)") it is that programme's
                # (the end of the text before the bracket's gap; not a copy of all the text before)
                named = names_by_end.get(word_start(text, m.start(), word=False, extra=" \t"))
                acronym.value = named.value if named else acronym.value
                found.append(acronym)
        found += self.instruments.find(text, starts["instrument_lines"], starts["source_lines"])
        # a name inside a web or mail address is the address's ("www.sportoffensive.de")
        addresses = address_starts(text, [f.start for f in found])
        found = [f for f in found if f.start not in addresses]
        found += self.headings(scan.layout, doc_mentions, orgs)
        if found:  # unglue reads every mention of the doc, to change none of an empty list
            self.unglue(text, doc_mentions, found)
        doc_mentions.extend(longest_non_overlapping(found))
        return doc

    def pattern_starts(self, text: str, lowered: str, found: dict | None = None) -> dict[str, list]:
        """Where each pattern (by attribute name) can start, and the "lines" holding one of
        the words: each is tried there only, which finds what its finditer over the lines
        finds without trying it at every character (``found``: the doc scan's words, see
        SharedWords; found here if None)."""
        found = self.shared.find(lowered) if found is None else found
        words = {name: found[key] for name, key in self.words.items()}
        skip = ("complement", "instrument", "source_suffix")  # these have lines of their own
        lines = lines_holding(text, sorted({p for name, starts in words.items() if name not in skip for p in starts}))
        return {
            "lines": lines,
            # a head noun with its complement lies within a line holding its head
            "complement_lines": lines_holding(text, words["complement"]),
            # a quoted compound holds a name ending in its line, a bracketed acronym that
            # follows_cue accepts has a cue ending right before it in its line (found in the
            # lowercased text: an ending's letters lowercase one to one); so these lines, some
            # of "lines", hold all their matches, and are fewer to scan (an empty ending would
            # end every word: then all of "lines")
            "suffix_lines": lines_holding(text, words["suffix"]),
            "instrument_lines": lines_holding(text, words["instrument"]),
            "source_lines": lines_holding(text, words["source_suffix"]),
            "cue_ending_lines": lines_holding(text, words["acronym_cue"]) if all(self.cue_endings) else lines,
            "quoted": starts_of_words(text, followed(self.cue_at, words["cue"], text), extra="-"),
            "named": words["name_cue"],
            "versioned": starts_of_words(text, followed(self.versioned_at, words["versioned"], text), extra="-"),
            "compound": starts_of_words(text, followed(self.suffix_at, words["suffix"], text), extra="-",
                                        previous=True),
            # a head noun with its complement starts where the word (hyphens in it) holding a
            # head followed by "für" or "zur" starts: its optional capitalised part before the
            # head is word characters and hyphens only (each match finditer over the
            # complement lines finds; tests/components/test_names_pretests.py compares)
            "complement": starts_of_words(text, followed(self.complement_at, words["complement"], text), extra="-"),
        }

    def listed_after(self, text: str, end: int) -> list[Found]:
        """Quoted names listed after a cue's quoted name are names too: die Programme „A“,
        „B“ und „C“."""
        found = []
        for m in iter(lambda: LISTED_QUOTE.match(text, end), None):
            if any(c in OPEN_QUOTE for c in m.group("name")):
                break  # a quote inside a quote: no clean name
            found.append(self._found(m, "programme-quoted-listed"))
            end = m.end()
        return found

    def defined_below(self, text: str, heading_end: int) -> bool:
        """Whether the line after a heading opens by calling it a programme ("LEADER" over
        "Förderprogramm der EU, um …")."""
        line = text[heading_end:heading_end + 40].lstrip("\n")
        return bool(self.defining.match(line))

    def counted(self, text: str, start: int) -> bool:
        """Whether the word at ``start`` follows a number: a counted noun, no adjective
        ("15 Jahre Rahmenprogramm …")."""
        before = text[max(0, start - 20):start].split()
        return bool(before) and (before[-1][0].isdigit() or before[-1].lower() in self.number_words)

    def follows_cue(self, text: str, bracket: int) -> bool:
        """Whether the word before the gap before ``bracket`` ends with a cue ending ("-Projekt")."""
        end = word_start(text, bracket, word=False, extra=" \t")
        start = word_start(text, end, extra="-")
        return end < bracket and text[start:end].lower().endswith(self.cue_endings)

    def unglue(self, text: str, doc_mentions: list[Found], found: list[Found]):
        """A Land name glued to a title ("SaarlandDigitalisierungsoffensive", a kicker lost
        its line break) is not part of the programme name."""
        lands = {m.start: m for m in doc_mentions if m.label == "LAND"}
        for f in found:
            land = lands.get(f.start)
            if land and land.end < f.end and text[land.end:land.end + 1].isupper():
                f.start, f.text = land.end, f.text[land.end - f.start:]
                f.value = f.text

    def _found(self, m: re.Match, rule: str) -> Found:
        name = m.group("name").strip()
        start = m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
        return Found("PROGRAMME", start, start + len(name), name, name, rule)

    def headings(self, layout: Layout, doc_mentions: list[Found], orgs: Containers) -> list[Found]:
        """Title-like headings over a section that speaks of funding name a programme."""
        found = []
        headings = layout.headings
        if not headings:
            return found
        text = layout.text
        # a look-up, not a pass over every mention per heading (long documents hold thousands),
        # built at the first heading that passes the word tests (most docs have none); the
        # mentions do not change meanwhile, so it is the same look-up
        figure_starts = None
        for i, heading in enumerate(headings):
            name = heading.text.strip().strip(OPEN_QUOTE + CLOSE_QUOTE)
            words = name.split()
            if not words or name.lower() in self.generic_headings:
                continue  # no words: a heading of quote marks only
            if (len(words) <= 2 and name not in self.land_names and not self.is_generic(words[-1])
                    and self.defined_below(text, heading.end)):
                start = heading.start + text[heading.start:heading.end].find(name)
                found.append(Found("PROGRAMME", start, start + len(name), name, name, "programme-heading-defined"))
                continue
            if not 2 <= len(words) <= 6:
                continue
            if words[0].lower() in self.number_words or words[0][0].isdigit() or words[0] in ARTICLES:
                continue
            if not all(TITLE_WORD.match(w) for w in words) or self.is_generic(words[-1]):
                continue
            if figure_starts is None:
                figure_starts = sorted(m.start for m in doc_mentions if m.label in ("MONEY", "PERCENT"))
            if orgs.contain(heading.start, heading.end):
                continue
            section_end = headings[i + 1].start if i + 1 < len(headings) else len(text)
            first_figure = bisect.bisect_left(figure_starts, heading.end)
            has_figure = first_figure < len(figure_starts) and figure_starts[first_figure] < section_end
            if not (has_figure or FUNDING_WORD.search(text, heading.end, section_end)):
                continue
            start = heading.start + text[heading.start:heading.end].find(name)
            found.append(Found("PROGRAMME", start, start + len(name), name, name, "programme-heading"))
        return found


def address_starts(text: str, starts: list[int]) -> set[int]:
    """The starts that lie in a web or mail address (the whitespace-free token holding
    each), each token looked at once.

    Looked up start by start (the text searched back and forth from each for a space, line
    break and tab), a line of thousands of names without a tab read the whole line per
    name, so it cost the square of its length (issue 15). Here the starts are taken in order:
    a start before the end of the last token looked at lies in that token, and a new
    token's start is looked for back to that end only (tests/components/test_mentions.py
    compares the two).
    """
    found: set[int] = set()
    token_end = -1  # the last token's end: the whitespace after it, or len(text)
    in_token = False
    for start in sorted(set(starts)):
        if start >= token_end:
            lo = max(token_end, 0)
            before = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), text.rfind("\t", lo, start))
            if before < 0 < lo:  # a start on the whitespace that ended the last token
                before = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start), text.rfind("\t", 0, start))
            after = WHITESPACE.search(text, start)
            token_end = after.start() if after else len(text)
            in_token = ADDRESS.search(text, before + 1, token_end) is not None
        if in_token:
            found.add(start)
    return found
