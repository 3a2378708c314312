"""The rule engine's fast path (derived gates, starts, lookaheads) finds exactly what plain finditer finds.

Rules match within a line (a figure does not run on over a line break), so "plain" is every
rule's finditer over every line.
"""

import json
import re
from pathlib import Path

import pytest

import pipeline.components.rules as rules
from pipeline.lexicon import read_lexicon
from pipeline.clean import clean
from pipeline.components.rules import RuleError, lower_same_length, read_patterns

from pipeline.io.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
RULE_SETS = ("de_money", "de_percent", "de_temporal")

# phrases where a shortcut could go wrong: numbers inside numbers and words, number words,
# spaced thousands, ranges, a gate word far from its number, line breaks, odd lowercase
PHRASES = [
    "Das Land stellt 1.234.567 Euro und 20 000 Euro bereit.",
    "Davon sind 600 Millionen Landesgeld; es gibt eine 100-Prozent-Förderung oder 80 bzw. 40 Prozent Zuschuss.",
    "Zwei Millionen Euro fließen, dazu weitere drei Millionen.",
    "Die Gemeinde erhält eine Million Euro; keine Kommune mehr als 12 T€.",
    "Es gibt EUR 200.000 je Kommune und € 1,2 Mio. insgesamt.",
    "Gefördert werden 100.000 bis 250.000 Euro je Vorhaben, zwischen 1 und 2 Mio. Euro.",
    "Förderquote: 50 bis 80 Prozent, 25 %, 10 v. H., eine 80-prozentige Förderung.",
    "Ein Zuschuss von A1 20 Euro und B2-Mittel von 30Euro.",
    "Das 880-Millionen-Paket läuft von 2021 bis 2024 und in den Jahren 2025 und 2026.",
    "Anträge bis 31.08.2020 oder bis zum 1. März 2022; Laufzeit zwei Jahre, 18 Monate.",
    "20.000\nEuro stehen in der nächsten Zeile.",
    "İstanbul: 5 Millionen Euro für ein Projekt, seit 2019 und ab dem Jahr 2020.",
    "Von September 2021 bis Dezember 2023, Januar 2022 bis 28. Februar 2023, im Sept. 2024.",
    "Zeitraum 01.01.2022 bis 31.12.2023, Haushaltsjahr 2023/24, bis einschließlich 2022.",
    "Im Jahr 2021, in 2020, für das Jahr 2022, des Jahres 2023, beginnend mit 2024.",
    "Sie läuft in den Jahren 2021 und 2022 sowie 2023 – insgesamt drei Jahre, Ende März 2025.",
    "Es gab 331 Millionen Euro (2019) und 40 Prozent (2020), eine Studie (2019) nicht.",
    # a currency before the amount, after a sign or at a line start, and where none can start
    "Kosten:EUR 5.000 und (€12 Mio.); Euro 300.000 je Kreis, nicht aber x€ 7 oder TEUR 9.\n€ 40 Mio.",
    # gate words (found with the start words in one pass) at a line's first and last
    # character, inside other words, and a line apart from their numbers
    "Mio 2 und 3\nMillionen Euro, das wird teuer: 4 Mio\n5 Prozent\n%6 Prozent und 7 %",
    "1,5 Mrd.\n\n70 v. H. und 8 vH\nzwei Jahre lang 9 Millionen; drei Monate\nvier Wochen",
    # open and modified ends, a named year, a year after a verb of flow (not "fließen 2000 Euro")
    "Seit 2015 bis Ende 2021, bis Ende 2020; im Programmjahr 2023, Förderjahres 2024: fließen 2018, fließt 2000 Euro",
    # a date's day where digits run on or a word goes before: 123.4.2020, A1. Mai, 1.2.3.2024
    "Am 123.4.2020, A1. Mai 2021, x12.03.2021, (1. Mai 2020), 1.2.3.2024, 5.5. 2020 und 1920 bis 2020.",
]


def corpus_texts():
    return [clean(read_source(p).text).text for p in sorted(CORPUS.iterdir()) if p.is_file()]


def plain(rule_set, text):
    """Every rule's finditer over every line, no gate and no start positions."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(rule["id"], m.span()) for rule, regex in rule_set.rules for s, e in lines for m in regex.finditer(text, s, e)]


def fast(rule_set, text):
    return [(rule["id"], m.span()) for rule, m in rule_set.matches(text, lower_same_length(text))]


@pytest.mark.parametrize("component", RULE_SETS)
@pytest.mark.parametrize("text", PHRASES)
def test_fast_path_matches_plain_finditer_on_phrases(nlp, component, text):
    rule_set = nlp.get_pipe(component).rules
    assert sorted(fast(rule_set, text)) == sorted(plain(rule_set, text))


@pytest.mark.parametrize("component", RULE_SETS)
def test_fast_path_matches_plain_finditer_on_the_corpus(nlp, component):
    rule_set = nlp.get_pipe(component).rules
    for text in corpus_texts():
        assert sorted(fast(rule_set, text)) == sorted(plain(rule_set, text))


def test_the_phrases_exercise_the_rules(nlp):
    """The table above is not vacuous: it makes every rule match."""
    hit = {rule_id for c in RULE_SETS for t in PHRASES for rule_id, _ in fast(nlp.get_pipe(c).rules, t)}
    wanted = {r["id"] for c in RULE_SETS for r, _ in nlp.get_pipe(c).rules.rules}
    assert wanted <= hit


@pytest.mark.parametrize("text", ["Straße", "İstanbul 2021", "ÄÖÜ ẞ", "ǅ"])
def test_lowercase_keeps_every_offset(text):
    lowered = lower_same_length(text)
    assert len(lowered) == len(text)
    assert all(a == b or b == a.lower() for a, b in zip(text, lowered))


GOOD = {"id": "r1", "label": "MONEY", "pattern": "{NUM}\\s*Taler"}
LOADER_ROWS = [
    # the file's lines, the message (after the file's path)
    pytest.param([{**GOOD, "colour": "red"}], "rule r1: unknown keys ['colour'] (line 1)", id="unknown-key"),
    pytest.param([{"id": "r1", "label": "MONEY"}], "rule r1: needs id, label and pattern (line 1)", id="missing-pattern"),
    pytest.param([{"label": "MONEY", "pattern": "x"}], "rule ?: needs id, label and pattern (line 1)", id="missing-id"),
    pytest.param([GOOD, {**GOOD}], "rule r1: duplicate id (line 2)", id="duplicate-id"),
    pytest.param([{**GOOD, "label": "CURRENCY"}],
                 "rule r1: label 'CURRENCY' is not one of LAND, PROGRAMME, ORG, MONEY, PERCENT, DATE, PERIOD, DURATION (line 1)",
                 id="label-not-in-schema"),
    pytest.param([GOOD, {**GOOD, "id": "r2", "pattern": "{NUM}(\\s*Taler"}],
                 "rule r2: bad pattern: missing ), unterminated subpattern at position", id="bad-regex"),
    pytest.param([{**GOOD, "pattern": "{ZAHL}\\s*Taler"}], "rule r1: unknown placeholder {ZAHL} (known: ", id="unknown-placeholder"),
    pytest.param([GOOD, "{not json"], "rule ?: not a JSON object: ", id="not-json"),
    # speed hints are the loader's business, not the row's
    pytest.param([{**GOOD, "gate": ["taler"]}], "rule r1: 'gate' is derived from the pattern by the loader: drop it from the row",
                 id="gate-in-row"),
    pytest.param([{**GOOD, "starts_with": ["NUM"]}],
                 "rule r1: 'starts_with' is derived from the pattern by the loader: drop it from the row", id="starts-in-row"),
    pytest.param([{**GOOD, "pattern": ["{NUM}", "\\s*Taler"]}],
                 "rule r1: a pattern given as lines opens with (?x), so that their line breaks are ignored", id="lines-not-verbose"),
    pytest.param([{**GOOD, "pattern": 7}], "rule r1: a pattern is a string or a list of lines", id="pattern-not-text"),
    pytest.param([{**GOOD, "range": "yes"}], "rule r1: 'range' is true or false", id="condition-not-bool"),
    pytest.param([{**GOOD, "range": True}],
                 "rule r1: a range rule names its lower bound (?P<span>…) and its upper bound (?P<upper>…)", id="range-groups"),
]


@pytest.mark.parametrize("rows, message", LOADER_ROWS)
def test_the_loader_names_file_rule_line_and_problem(tmp_path, monkeypatch, rows, message):
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(rules, "PATTERNS_DIR", tmp_path)
    with pytest.raises(RuleError) as err:
        read_patterns("bad")
    assert str(err.value).startswith(f"{tmp_path / 'bad.jsonl'}: {message}")


def test_the_packaged_pattern_files_load():
    for name in ("money", "percent", "temporal"):
        assert read_patterns(name)


def test_currency_first_rules_start_at_every_currency_they_name(nlp):
    """A rule that opens with a currency starts where one of its derived start words begins
    in the lowercased text; every currency it can open with must begin with one of them."""
    money = nlp.get_pipe("de_money")
    cur_prefix = re.compile(money.fragments["CUR_PREFIX"])
    currencies = [c for c in read_lexicon("numbers")["currencies"] if cur_prefix.fullmatch(c)]
    assert currencies
    opening = [(rule, keys) for rule, _, _, keys in money.rules.plan if rule["pattern"].startswith("{CUR_PREFIX}")]
    assert opening
    for rule, keys in opening:
        words = [w for key in keys for w in key.removeprefix("words:").split("\n")]
        missed = [c for c in currencies if not any(c.lower().startswith(w) for w in words)]
        assert not missed, f"{rule['id']}: its starts miss {missed}"


# WordIndex must find, per list, what `occurrences` of the list's alternation finds in the
# lowercased text (overlapping words included), and lines_holding the lines gated_lines finds.
WORD_LISTS = {
    "heads": ["Ministerium", "Amt", "Landesamt"], "suffixes": ["GmbH", "e.V."], "none": [],
    # words a word of the same list begins with (found once a start); "Amtsblatt", which
    # begins with another list's word ("Amt") and is still looked for in its own; a word
    # ending inside another ("Anzeige" in "Staatsanzeiger"), found after it
    "numbers": ["einen", "ein", "eine", "einer", "einhundert", "Eins", "hundert"],
    "papers": ["Amtsblatt", "Staatsanzeiger", "Anzeige"],
}
WORD_INDEX_TEXTS = [
    "Einen Zuschuss von einhundert Euro für eine Kommune und ein Amtsblatt, eins",
    "im Staatsanzeiger und im Amtsblatt die Anzeige",
    "Das Landesamt und das Digitalministerium",  # a word inside another: both starts
    "die Kommunale Dienste GMBH\nund der Verein e.V.\n\nAMTSBLATT",  # any case, several lines
    "Ministerium Ministerium",
    "kein Treffer hier",
    "",
]


def occurrences(regex: re.Pattern, text: str):
    """Start of every match of regex, overlapping ones included: the plain way."""
    pos = 0
    while (m := regex.search(text, pos)) is not None:
        yield m.start()
        pos = m.start() + 1


@pytest.mark.parametrize("text", WORD_INDEX_TEXTS)
def test_word_index_finds_what_occurrences_finds(text):
    from pipeline.lexicon import alternation
    from pipeline.components.scanning import WordIndex, gated_lines, lines_holding

    lowered = lower_same_length(text)
    found = WordIndex(WORD_LISTS).find(lowered)
    for name, words in WORD_LISTS.items():
        expected = list(occurrences(re.compile(alternation([w.lower() for w in words])), lowered)) if words else []
        assert found[name] == expected
    every = sorted({p for starts in found.values() for p in starts})
    gate = re.compile(alternation([w.lower() for words in WORD_LISTS.values() for w in words]))
    assert lines_holding(text, every) == gated_lines(gate, lowered)


@pytest.mark.parametrize("text", WORD_INDEX_TEXTS)
def test_word_index_finds_within_spans_what_it_finds_there_in_the_whole_text(text):
    """Given spans (lines), find reports the occurrences lying within them."""
    from pipeline.components.scanning import WordIndex

    lowered = lower_same_length(text)
    index = WordIndex(WORD_LISTS)
    whole = index.find(lowered)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", lowered)]
    for spans in (lines, lines[1:], lines[::2], []):
        # an occurrence lies within a span where it starts (no word here spans a line break)
        expected = {name: [p for p in starts if any(s <= p < e for s, e in spans)] for name, starts in whole.items()}
        assert index.find(lowered, spans) == expected


# Rule sets sharing a doc's starts cache: a word list used under two gates (or by rules of
# two sets), under one gate, or made of gate words is found in the whole text by the shared
# pass, and a word gate's lines come from the same pass. Rules of our own, so every case
# occurs; their gates come from placeholders standing for the words xx, yy, zz.
SHARED_FRAGMENTS = {"CUR": "xx", "SCALE": "yy", "BIGSCALE": "(?:zz|yy)"}
SHARED_WORDS = {"CUR": ["xx"], "SCALE": ["yy"], "BIGSCALE": ["yy", "zz"]}
SHARED_RULES = [
    [
        {"id": "x-vom", "label": "T", "pattern": "(?i:vom) \\d+ {CUR}"},
        {"id": "y-vom", "label": "T", "pattern": "(?i:vom)-\\d+{SCALE}"},
        {"id": "y-nach", "label": "T", "pattern": "(?i:nach|gen) \\d+ ?{SCALE}"},
        # a list of gate words only: found in the whole text with the gates
        {"id": "y-yy", "label": "T", "pattern": "(?i:{SCALE})\\d+"},
    ],
    [
        {"id": "z-nach", "label": "T", "pattern": "(?i:nach) \\d+ {BIGSCALE}"},
        {"id": "y-gen", "label": "T", "pattern": "(?i:gen):{SCALE}\\d+"},
        {"id": "any-um", "label": "T", "pattern": "(?i:um) \\d+"},
    ],
]
SHARED_TEXTS = [
    "vom 1 xx vom-2yy\nyy: vom 3 xx, vom-4yy, nach 5 yy, gen 6yy, gen:yy7\nnach 8 zz um 9\nNACH 10 yy Gen:yy11\num 12",
    "xx\nvom 1 xx\nyy nach\n5 yy gen:yy",
    "Vom 1 xxyy nach 2 zz gen:yy3 um 4\n",
    "",
]


@pytest.mark.parametrize("text", SHARED_TEXTS)
def test_rule_sets_sharing_a_cache_find_what_finditer_finds(text):
    from pipeline.components.scanning import RuleSet, SharedWords

    shared = SharedWords()
    sets = [RuleSet(rules, SHARED_FRAGMENTS, shared, f"set{i}", SHARED_WORDS) for i, rules in enumerate(SHARED_RULES)]
    assert "words:vom" in shared.whole_text_keys() and "words:gen\nnach" in shared.whole_text_keys()
    assert "words:yy" in shared.whole_text_keys()
    hit = set()
    for order in (sets, sets[::-1]):
        cache = {}
        for rule_set in order:
            found = fast_shared(rule_set, text, cache)
            assert sorted(found) == sorted(plain(rule_set, text))
            hit.update(rule_id for rule_id, _ in found)
    if text == SHARED_TEXTS[0]:
        assert hit == {r["id"] for rules in SHARED_RULES for r in rules}


def fast_shared(rule_set, text, cache):
    return [(rule["id"], m.span()) for rule, m in rule_set.matches(text, lower_same_length(text), cache)]
