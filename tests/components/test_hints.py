"""The speed hints the loader derives from a pattern row: pattern -> derived hint, table-driven.

A hint never narrows what a rule finds: where a derivation is not sure it gives nothing
(None, ""). The fast path built from the hints is compared with plain finditer in
test_rules.py (corpus and phrases) and, for a row written without any hint, here.
"""

import json
import re

import pytest

import pipeline.components.rules as rules
from pipeline.components.fragments import number_fragments, placeholder_words
from pipeline.components.hints import derive_gate, derive_lookahead, derive_starts, parse_marked
from pipeline.lexicon import read_lexicon
from pipeline.components.rules import lower_same_length, read_patterns
from pipeline.components.scanning import RuleSet

NUMBERS = read_lexicon("numbers")
FRAGMENTS = number_fragments(NUMBERS)
WORDS = placeholder_words(NUMBERS)


def parsed(pattern):
    return parse_marked(pattern, FRAGMENTS)


STARTS = [
    # where every match begins: a number, a digit, a month, or lowercase words
    (r"{NUM}(?:\s*{SCALE})?\s*{CUR}", ("NUM",)),
    (r"{CUR_PREFIX}\s*{NUM}(?:\s*{SCALE})?", ("eur", "€")),  # "euro" begins where "eur" does
    (r"(?P<span>{NUM})\s*Prozent", ("NUM",)),
    (r"\d{1,2}\.\s?{MONTH}\s+{YEAR}", (r"re:\d\d{0,1}\.",)),  # digits and a mark: a regex
    (r"(?:\d{1,2}\.\s?)?{MONTH}\s+{YEAR}", ("MONTH", r"re:\d\d{0,1}\.")),
    (r"\d+/\d+", (r"re:\d\d{0,}/",)),
    (r"\d{2}\s", ("DIGIT",)),  # digits and whitespace, digits and a letter: any digit
    (r"\d{2}a", ("DIGIT",)),
    (r"{YEAR}\s+bis\s+{YEAR}", ("19", "20")),  # a year begins with its century
    (r"(?:19|20)\d{2}\s+bis", ("19", "20")),  # digits written out are a word
    (r"(?i:ab|seit|beginnend\s+mit)\s+{YEAR}", ("ab", "beginnend", "seit")),
    ("(?x) (?i: im\\s+Jahr | ab ) \\s+ {YEAR}  # a comment\n", ("ab", "im")),
    (r"(?i:im|in)\s+{YEAR}", ("i",)),  # the regex parser factors out the common "i"
    (r"(?<![\d])€\s*\d+", ("€",)),
    (r"[Ee]uro\s+\d+", ("e",)),
    (r"(?:EUR|Euro)\s+\d+", ("e",)),  # the regex parser factors out the common "E"
    # not sure: whitespace, any character, an optional start, a negated class, \w
    (r"\s*{NUM}\s*Euro", None),
    (r".{NUM}", None),
    (r"(?:Euro)?\s*\d+", None),
    (r"[^a]\d+", None),
    (r"\w+\s+Euro", None),
]


@pytest.mark.parametrize("pattern, starts", STARTS)
def test_derived_starts(pattern, starts):
    assert derive_starts(parsed(pattern), WORDS) == starts


GATES = [
    # what every match holds: a currency or scale word the pattern needs, a year, else literal words
    (r"{NUM}(?:\s*{SCALE})?\s*{CUR}", ("eur", "€")),  # "teur", "t€", "k€" hold these
    (r"{NUM}\s*{BIGSCALE}", ("mill", "mio", "mrd")),
    (r"{NUM}-{BIGSCALE}(?:-{CUR})?", ("mill", "mio", "mrd")),
    (r"(?P<span>{NUM})\s*bis\s*(?P<upper>{NUM}\s*{CUR})", ("eur", "€")),
    (r"{MONTH}\s+{YEAR}", r"(?:19|20)\d{2}"),
    (r"{NUM}\s*(?:Prozent|%|v\.\s?H\.|vom\s+Hundert)", ("%", "hundert", "prozent", "v.")),
    (r"{NUM}-?prozentig\w*", ("prozentig",)),
    (r"{NUM}\s+(?:Jahren|Jahre|Monat)", ("jahre", "monat")),  # "jahren" holds "jahre"
    (r"(?:{CUR})?\s*{NUM}\s*Taler", ("taler",)),  # an optional currency gates nothing
    # of two lists of needed words, the one whose shortest word is longest
    (r"(?:bis|und)\s+{NUM}\s*(?:%|Prozent)", ("bis", "und")),
    (r"{NUM}(?:\s*{SCALE})?", None),
    (r"\d+", None),
]


@pytest.mark.parametrize("pattern, gate", GATES)
def test_derived_gate(pattern, gate):
    assert derive_gate(parsed(pattern), FRAGMENTS, WORDS) == gate


SKIP = r"\d[\d.,\-–\s]*+"
LOOKAHEADS = [
    # what must follow a leading number: after a digit start, past the number characters
    # and spaces; after a word start, past the word and spaces (the first alternative
    # opens with a digit, so a number word is not waved through by its own first letter)
    (r"{NUM}\s*{CUR}", rf"(?={SKIP}[ETk€]|\w++\s*+[ETk€])"),
    (r"{NUM}\s*{BIGSCALE}", rf"(?={SKIP}(?i:[m])|\w++\s*+(?i:[m]))"),
    (r"{NUM}-{BIGSCALE}", rf"(?={SKIP}(?i:[m])|\w++\s*+[\-])"),
    (r"(?P<span>{NUM})\s*Prozent", rf"(?={SKIP}[P]|\w++\s*+[P])"),
    (r"(?i:{NUM}\s*prozent)", rf"(?={SKIP}(?i:[p])|\w++\s*+(?i:[p]))"),
    (r"{NUM}\s+Jahre", rf"(?={SKIP}[J]|\w++\s*+[J])"),
    # not sure: nothing follows, what follows may be skipped, a negated class
    (r"{NUM}", ""),
    (r"{NUM}\s*-?", ""),
    (r"{NUM}(?:\s*{CUR})?", ""),
    (r"{NUM}\s*[^x]", ""),
    # not opening with a number
    (r"{CUR_PREFIX}\s*{NUM}", ""),
    (r"(?:{NUM})?\s*Euro", ""),
]


@pytest.mark.parametrize("pattern, lookahead", LOOKAHEADS)
def test_derived_lookahead(pattern, lookahead):
    assert derive_lookahead(parsed(pattern)) == lookahead


def test_every_fragment_reads_the_same_in_a_verbose_pattern():
    """Rows may be verbose "(?x)"; a fragment filled into one must not change (no bare
    whitespace or "#" in it)."""
    from re import _parser as sre_parse

    for name, fragment in FRAGMENTS.items():
        assert str(list(sre_parse.parse(fragment))) == str(list(sre_parse.parse("(?x)" + fragment))), name


def test_a_number_is_number_characters_or_one_word():
    """What the derived lookahead relies on: a {NUM} from a digit start holds number
    characters only, one from a word start is one whole word."""
    from pipeline.components.hints import NUMBER_CHARS

    num = re.compile(FRAGMENTS["NUM"])
    for text in ["20.000", "20 000", "1.234,56", "50.000,-", "50.000,--", "50.000,–", "1.5", "7"]:
        m = num.match(text + " Mio.")
        assert m and re.fullmatch(f"[{NUMBER_CHARS}\\s]+", m.group()), text
    for word in list(NUMBERS["cardinals"]) + list(NUMBERS["fractions"]):
        assert re.fullmatch(r"\w+", word)
        assert num.match(word.capitalize() + "undzwanzig Euro").group() == word.capitalize() + "undzwanzig"


# A new phrasing is one row, written without any hint: the loader accepts it, derives its
# hints, and the fast path finds what plain finditer finds.
NEW_ROW = {
    "id": "money-per-head", "label": "MONEY",
    "pattern": ["(?x)", "{NUM} (?:\\s*{SCALE})? \\s* {CUR}", "(?= \\s+ (?:je|pro) \\s+ Einwohner )  # per head"],
    "comment": "5 Euro je Einwohner, 1,2 Mio. € pro Einwohner",
}
NEW_ROW_PHRASES = [
    "Das Land zahlt 5 Euro je Einwohner und 1,2 Mio. € pro Einwohner,\nzwei Euro je Einwohner.",
    "Nicht: 5 Euro je Kommune, 20.000 Euro für alle; 3 T€ pro\nEinwohner",
]


def test_a_row_without_hints_finds_what_finditer_finds(tmp_path, monkeypatch):
    from test_rules import corpus_texts, plain

    (tmp_path / "new.jsonl").write_text(json.dumps(NEW_ROW, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(rules, "PATTERNS_DIR", tmp_path)
    rows = read_patterns("new")
    rule_set = RuleSet(rows, FRAGMENTS, words=WORDS)
    (_, _, gate, starts), = rule_set.plan
    assert gate == "gate:eur\n€" and starts and rule_set.plan[0][1].pattern != rule_set.rules[0][1].pattern
    hit = []
    for text in NEW_ROW_PHRASES + corpus_texts():
        fast = [(r["id"], m.span()) for r, m in rule_set.matches(text, lower_same_length(text))]
        assert sorted(fast) == sorted(plain(rule_set, text))
        hit += [text[s:e] for _, (s, e) in fast]
    assert hit[:3] == ["5 Euro", "1,2 Mio. €", "zwei Euro"]
