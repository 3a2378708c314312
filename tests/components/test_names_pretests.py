"""The shortcuts of the name finders (orgs, programmes, lands) answer as the plain way does."""

import re

import pytest

from pipeline.components.orgs import trim_tail
from pipeline.components.programmes import ProgrammeFinder
from pipeline.components.rules import lower_same_length
from pipeline.components.scanning import SharedWords, WordIndex, whole_uses, words_of_key



def generic_plainly(finder, name):
    word = name.strip().lower()
    return any(word in (g, g + "s", g + "es", g + "e", g + "en") for g in finder.generic)


@pytest.mark.parametrize("word, generic", [
    ("Programm", True), ("programms", True), (" Förderprogrammes ", True), ("Landesprogramme", True),
    ("Förderprogrammen", True), ("FÖRDERPROGRAMM", True),
    ("Förderprogrammer", False), ("Programmierung", False), ("Sonderprogrammx", False), ("", False),
])
def test_programme_is_generic_takes_each_ending(nlp, word, generic):
    finder = nlp.get_pipe("de_programmes")
    assert finder.is_generic(word) == generic_plainly(finder, word) == generic


@pytest.mark.parametrize("name", [
    "Amt für Bau,", "Amt für Bau ,", "Amt und", "Amt des Landes, und", "Amt für\n", "Amt des\n", "Amt von,\n",
    "Amt zur", "Amt zum", "Amt der", "Amt für", "Amt, ", "Amt Und", "Amtvon", "Amt", "Amt\n\n", "",
])
def test_org_trim_tail_as_the_plain_substitution(name):
    assert trim_tail(name) == re.sub(r"(?:\s*,|\s+(?:und|des|der|für|zur|zum|von))+$", "", name)


SHARED_CASES = [
    # two finders' lists, their names alike, their words overlapping, and a text
    ({"names": ["Bayern", "Hessen"], "stems": ["bayer"]}, {"names": ["Bayer", "Amt"], "x": ["hessen", ""]},
     "Das Bayerische Amt in Hessen und der Bayern-Plan"),
    ({"a": ["ab", "abc", "bc"]}, {"a": ["c"], "b": ["abc"]}, "abcabc ABC"),
    ({"a": []}, {"b": ["zz"]}, "kein Treffer"),
]


@pytest.mark.parametrize("first, second, text", SHARED_CASES)
def test_name_words_find_what_each_list_alone_finds(first, second, text):
    shared = SharedWords()
    lowered = lower_same_length(text)

    def starts(keys):
        found = shared.find(lowered)
        return {name: found[key] for name, key in keys.items()}

    keys_first = shared.register("first", first)
    assert starts(keys_first) == WordIndex(first).find(lowered)
    keys_second = shared.register("second", second)  # registered after a find: found again with it
    for lists, keys in ((second, keys_second), (first, keys_first)):
        assert starts(keys) == WordIndex(lists).find(lowered)


def test_the_components_share_one_word_pass_per_doc(nlp):
    """de_scan runs first and finds every component's lists; the others read them."""
    doc = nlp.make_doc("Das Bayerische Digitalministerium startet im März 2025 das Förderprogramm „Smarte Dörfer“"
                       " mit 2 Millionen Euro, 80 Prozent der Kosten.")
    names = nlp.pipe_names[:nlp.pipe_names.index("de_records")]
    assert names[0] == "de_scan"
    doc = nlp.get_pipe("de_scan")(doc)
    scan = doc._.scan
    found = scan.words
    for name in names[1:]:  # lands, orgs, money, percent, temporal, programmes
        doc = nlp.get_pipe(name)(doc)
    assert doc._.scan is scan and scan.words is found
    shared = nlp.get_pipe("de_scan").words
    # every component's lists are in that pass, and so are the rule sets' whole-text word lists
    owned = {key for lists in shared.lists.values() for key in lists}
    assert set(shared.lists) == {"de_lands", "de_orgs", "de_programmes", "de_records"}  # records: its cues' words
    assert set(shared.rule_sets) == {"de_money", "de_percent", "de_temporal"}
    assert set(found) == owned | set(shared.whole_text_keys())
    assert all(words_of_key(key) for key in shared.whole_text_keys())


@pytest.mark.parametrize("text, expected", [
    ("Hessisches Digitalministerium\n\nDas Land fördert Kommunen mit Zuschüssen.", []),  # an ORG
    ("Helle Wege Nord\n\nDie Stadt erhält 3 Mio. Euro.", ["Helle Wege Nord"]),  # a figure in its section
    ("Helle Wege Nord\n\nDie Stadt baut.", []),
    ("Helle Wege Nord\n\nDie Stadt baut.\n\nKurz und klar\n\nEs gibt 3 Mio. Euro.", []),  # a figure further on
    # the look-ups are built at the second heading, the first failing the word tests
    ("Der Plan\n\nDie Stadt erhält 3 Mio. Euro.\n\nGrüne Höfe II\n\nDas Land fördert Höfe.\n\n"
     "Kommunale Dienste Nord GmbH\n\nSie erhält 2 Mio. Euro.", ["Grüne Höfe II"]),
])
def test_programme_headings(nlp, text, expected):
    found = [m["text"] for m in nlp(text)._.mentions if m["rule"] == "programme-heading"]
    assert found == expected


def test_programme_acronym_after_any_word_when_an_ending_is_empty(nlp):
    # "" ends every word: follows_cue takes any bracket, so every line holding a word is scanned
    data = nlp.get_pipe("de_programmes").data
    finder = ProgrammeFinder(nlp, "de_programmes")
    finder.initialize(data={**data, "programmes": {**data["programmes"], "acronym_cue_endings": ["", "zzz"]}})
    doc = nlp.get_pipe("de_scan")(nlp.make_doc("Die Stadt (KfZ) nutzt die Förderung."))
    assert [m.text for m in finder(doc)._.mentions if m.rule == "programme-acronym"] == ["KfZ"]


@pytest.mark.parametrize("text, word, not_before, not_after", [
    ("Die KfW und die KfW-Bank, (KfW), .KfW, KfWs, xKfW KfW", "KfW", ".-", ""),
    ("RISE (RISE) RISE-Mittel -RISE RISE) RISERISE RISE", "RISE", "-(", "-)"),
    ("RAT V und RAT VI und RAT V.", "RAT V", "-(", "-)"),
    ("aaaa", "aa", "", ""),  # overlapping uses: finditer goes on after each
    ("a aa a", "a", "", ""), ("", "AB", "", ""), ("AB", "AB", "", ""), ("_AB AB_ AB", "AB", "", ""),
    ("ÄB ÖÄB äÄB 1ÄB ÄB", "ÄB", "", ""),
])
def test_whole_uses_are_what_the_bounded_regex_finds(text, word, not_before, not_after):
    regex = rf"(?<![\w{re.escape(not_before)}]){re.escape(word)}(?![\w{re.escape(not_after)}])"
    assert list(whole_uses(text, word, not_before, not_after)) == [m.span() for m in re.finditer(regex, text)]




TITLE_TEXTS = [
    "Das Rahmenprogramm Integrierte Stadtteilentwicklung (RISE) hilft; 357 Millionen kamen von RISE.",
    "Kurz: des Programms Digitale Verwaltung (DV) und „Digitale Verwaltung“ (DV), Programm:Digitale (DV)",
    "(AB)", "  \t„(AB) x", "Bau- und Wegeprogramm (BWP)?!Brücken\u00a0Programm (BP)", "", " ", "a.b",
]


@pytest.mark.parametrize("text", TITLE_TEXTS)
def test_title_window_as_the_whole_line_read(text):
    """Where a bracket's title may start: after the line's last stop, and the word before a
    title word, as the first version read them (a regex over the line, the line split)."""
    from pipeline.components.programme_acronyms import after_last_stop, last_word_start
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            window = text[start:end]
            stops = [m.end() for m in re.finditer(r"[.;:!?,()]", window)]
            assert after_last_stop(text, start, end) == start + max(stops, default=0)
            words = window.split()
            word = text[last_word_start(text, start, end):end].strip()
            assert word == (words[-1] if words else "")
