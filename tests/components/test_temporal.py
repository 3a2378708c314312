"""de_temporal's shortcuts find exactly what the plain passes find.

The rules run through ``RuleSet.matches``, which tries them only on their gates' lines (a
year for DATE and PERIOD rules) and where they may start (digits, number words, months and
start words found in one pass); "plain" is every rule's finditer over every line.
"""

import re
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.components.rules import lower_same_length
from pipeline.extract import load_nlp
from pipeline.io.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# phrases where the year-line gates and the starts could go wrong: a start word or month on a line without
# a year, the year on the next line, years of both centuries, a start at a line's first
# character, several gated lines with and without starts
RULE_PHRASES = [
    "Ab März geht es los.\nAb 2022 geht es weiter, seit 1998 schon.",
    "Im Mai wird gebaut.\nIm Jahr 1999 und im Jahre 2003 war es anders.",
    "Januar\n2022 und Februar\n2023",
    "Haushaltsjahr 2024\nin 2025\nfür das Jahr 2026\ndes Jahres 2027",
    "Von Mai bis Juni 2023, vom 3. bis 5. Mai 2024, Mai 1999 bis April 2001.",
    "Bis einschließlich 1995.\nBis Ende Juni.\nBis 2030 und 1990 bis 1994.",
    "beginnend mit dem Jahr 2020; beginnend mit 1990.\nJahr 2021, jahr 2022",
    "Keine Zahl hier, nur Wörter: im Juli, ab August, seit September.\n\n1.7.1999 bis 31.12.2000",
    "Die Förderung läuft drei Jahre.\nSie läuft im September 2024 an, 24 Monate lang.",
    "Seit 2019/20 und ab dem Jahre 1999; im August 2021 und in den Jahren 1998 und 1999.",
    # months and start words are looked for on lines with a year only: at such a line's
    # first character, last, and a line apart from the year
    "seit\nMai 2021 bis April\n2022 in\nim 2023, ab Juni",
    "Juli 2024\nFebruar\n3. Mai 2025 bis 4. Juni 2026",
    # a modified end, a named year, a year after a verb of flow at a line start and after a line break
    "Seit 2015 bis Ende 2021; bis\nEnde 2020, Programmjahr 2023\nFließen 2018 und fließt\n2019, fließt 2000 Euro",
    # a year in brackets after a figure's unit, not after another word; "bis zum Jahr"
    "5 Mio. Euro (2019), 3 € (2020), 40 Prozent (2021), 7 % (2022), 8 EUR (2023); eine Studie (2019), bis zum Jahr 2030",
]


@pytest.fixture(scope="module")
def temporal():
    return load_nlp().get_pipe("de_temporal")


def plain(rule_set, text):
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(rule["id"], m.span()) for rule, regex in rule_set.rules for s, e in lines for m in regex.finditer(text, s, e)]


def fast(temporal, text, shared=None):
    shared = {} if shared is None else shared
    return [(rule["id"], m.span()) for rule, m in temporal.rules.matches(text, lower_same_length(text), shared)]


def corpus_texts():
    return [clean(read_source(p).text).text for p in sorted(CORPUS.iterdir()) if p.is_file()]


@pytest.mark.parametrize("text", RULE_PHRASES)
def test_rule_matches_find_what_finditer_finds(temporal, text):
    assert sorted(fast(temporal, text)) == sorted(plain(temporal.rules, text))


@pytest.mark.parametrize("text", RULE_PHRASES)
def test_rule_matches_with_starts_another_rule_set_found(temporal, text):
    """Starts already in the doc's shared cache (whole-text ones) serve as well."""
    shared = {}
    list(temporal.rules.matches(text, lower_same_length(text), shared))
    assert sorted(fast(temporal, text, shared)) == sorted(plain(temporal.rules, text))


def test_rule_matches_on_the_corpus(temporal):
    for text in corpus_texts():
        assert sorted(fast(temporal, text)) == sorted(plain(temporal.rules, text))


def test_rule_phrases_exercise_every_rule(temporal):
    hit = {rule_id for t in RULE_PHRASES for rule_id, _ in fast(temporal, t)}
    assert {r["id"] for r, _ in temporal.rules.rules} <= hit


# relative-year phrases where looking only around each "jahr" could go wrong: several spaces
# or a line break between the words, a phrase inside longer words, capitals, a "jahr" that
# ends no phrase, phrases next to each other, one phrase's words before another's
RELATIVE_PHRASES = [
    "In diesem Jahr und im kommenden Jahr wird gebaut.",
    "Im   laufenden\n\tJahr, im Vorjahr; letztes Jahr.",
    "Berlin diesem Jahr",
    "IM AKTUELLEN JAHR und Im Nächsten Jahrzehnt",
    "Jahr für Jahr, Jahrhundert, Lebensjahr",
    "dieses Jahres und nächstes Jahres",
    "im kommenden im letzten Jahr",
    "im vergangenen Jahr im nächsten Jahr dieses Jahr",
    "Förderjahr: in diesem, im Jahr",
    "in diesem\n\nJahr 2024 (im Vorjahr)",
    "im Vorjahr Vorjahr, dieses Jahr dieses Jahr im Vorjahr",
]


@pytest.mark.parametrize("text", RELATIVE_PHRASES)
def test_relative_matches_find_what_finditer_finds(temporal, text):
    found = [(m.span(), m.lastgroup) for m in temporal.relative_matches(text, lower_same_length(text))]
    assert found == [(m.span(), m.lastgroup) for m in temporal.relative.finditer(text)]


def test_relative_matches_on_the_corpus(temporal):
    assert temporal.relative_back is not None  # the phrases fit the shortcut: it is tested here
    for text in corpus_texts():
        found = [(m.span(), m.lastgroup) for m in temporal.relative_matches(text, lower_same_length(text))]
        assert found == [(m.span(), m.lastgroup) for m in temporal.relative.finditer(text)]


def test_relative_phrase_letters_match_letters_only():
    """What relative_matches relies on: case-insensitively, a phrase letter matches only
    letters (the stretch before "jahr" it looks at), and j, a, h, r match only characters
    that lowercase to them (so each match holds "jahr" in the lowercased text)."""
    every_char = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert all(re.fullmatch(r"[^\W\d_]", c) for c in re.findall("(?i)[A-Za-zÄÖÜäöüß]", every_char))
    for letter in "jahr":
        assert {lower_same_length(c) for c in re.findall(f"(?i){letter}", every_char)} == {letter}


# datelines at the first or a later line, one that does not start a line, one that ends
# where no date starts
DATELINES = [
    "Kiel, 14.08.2024 – Das Land fördert.",
    "Vorspann ohne Datum\nHannover, 12. März 2024 – Text",
    "Im Text: Kiel, 14.08.2024 – kein Anfang einer Zeile",
    "Erster Satz.\nZweiter Satz.\nMainz, den 3.5.2023: Es geht los.\nBonn, 4.5.2023",
    "Nichts\n\nBerlin,\n1.2.2022",
    "",
]


@pytest.mark.parametrize("text", DATELINES)
def test_first_dateline_is_what_search_finds(temporal, text):
    assert temporal.dateline_at_line_start
    first = temporal.dateline.search(text)
    for before in range(len(text) + 2):
        found = temporal.first_dateline(text, before)
        if first is not None and first.start() < before:
            assert found is not None and found.span() == first.span()
        else:  # no dateline there: relative_years then finds no date at its end
            assert found is None or found.end() > before


@pytest.mark.parametrize("text, values", [
    ("Kiel, 14.08.2024 – In diesem Jahr und im Vorjahr.", ["2024/2024", "2023/2023"]),
    ("Kiel, 14.08.2024 – im nächsten\nJahr", ["2025/2025"]),
    ("Vorspann\nKiel, 14.08.2024 – Berlin diesem Jahr", ["2024/2024"]),
    ("Im Text, sagt Kiel, 14.08.2024 – in diesem Jahr", []),
    ("Kiel, im Juli – in diesem Jahr am 14.08.2024", []),
])
def test_relative_years(temporal, text, values):
    from pipeline.components.rules import Found
    found = [Found("DATE", m.start(), m.end(), m.group(), "2024-08-14") for m in re.finditer(r"14\.08\.2024", text)]
    periods = temporal.relative_years(text, lower_same_length(text), found)
    assert [p.value for p in periods] == values
