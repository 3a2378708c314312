"""CueWords (records/cue_words.py) against the plain way: the words read from a cue's regex
fragment, the letters re folds specially, and every gated cue's answer against its regex
on the corpus and on written rows, over every sentence and every window of them."""

import re
import sys
from pathlib import Path

import pytest

from pipeline.components.records.cue_words import FOLDS_SPECIALLY, required_words

CORPUS = sorted(Path("corpus").glob("*.txt"))
# written shapes that reach each cue, in cases and spellings the cues fold
TEXTS = [
    "Der Bund übernimmt 2 Mio. Euro, das Land FÖRDERT mit bis zu 30.000 Euro. Der Landtag hat es beschlossen.",
    "Bundesweit erhalten alle Länder rund 9 Mrd. Euro; in ganz Deutschland mehr als 5 Prozent.",
    "Bei der Übergabe in Erfurt übergab die Ministerin ca. 500.000 Euro. Weitere Informationen auf der Homepage.",
    "Die Förderhöchstsumme je Projekt liegt bei 5 Mio. Euro, das Mindestvolumen von 10.000 Euro.",
    "Jede Kommune erhält höchstens einen Eigenanteil von 10 Prozent. Die Projekte werden mit 90 Prozent gefördert.",
    "Weitere 20.000 Euro kommen aus dem Härtefallfonds, 30.000 Euro aus Rücklagen und über einen Kredit.",
    "BIS ZU 20.000 EURO IM HÖCHSTFALL, MAXIMAL 3 PROZENT, im Rahmen des Investitionspakts.",
    # letters re folds to a cue's letter but str.lower() leaves: the doc gets no gate
    "Der Bund gıbt bıs zu 2 Mio. Euro, ſtellt 3 Mio. bereit, İN DEUTSCHLAND rund 4 Prozent.",
    "bundeſweit 5 Mio. Euro aus dem Härtefondſ",
    "",
    # the per cues' phrasings (each per unit's gate: its own cues' words)
    "Jede Kommune erhält 20.000 Euro pro Jahr und Kommune, je Projekt höchstens 5.000 Euro.",
    "Im Jahr 2024 gibt es 3 Mio. Euro, im Jahr gibt es 2 Mio. Euro jährlich p.a. pro Einwohnerin",
    "pro Jahr5 Mio. Euro je Kita-Platz; jede Gemeinde je Einzelmaßnahme für eine Einzelmaßnahmen",
    "Per annum 40 Euro pro Kopf für ein Einzelprojekt, pro Schülerin je Haushaltsjahr projahr",
    "Stab 5 Mio. Euro, bis zu jeweils 3 Mio., rund 2 Mio., über 1 Mio., Förderbescheid über 4 Mio.",
    "höchstens einen Eigenanteil von 10 Prozent; Die Förderhöchstsumme je Projekt liegt bei 5 Mio. EUR",
    "Mindestvolumen von 10.000 Euro, mindestens 2 Mio. und maximal 4 Mio., Grund 3 Mio., fast 1 Mio.",
]


@pytest.mark.parametrize("fragment, words", [
    ("fördert", {"fördert"}),
    ("(?:in|für)\\s+(?:ganz\\s+)?Deutschland", {"deutschland"}),  # the longest sure word
    ("alle[nm]?\\s+(?:Bundes)?Ländern?", {"bundesländer", "bundesländern", "länder", "ländern"}),
    ("[Üü]bergab\\w*", {"übergab"}),  # a set of one letter's cases is that letter
    ("weitere Informationen", {"weitere informationen"}),
    ("ca\\.", {"ca."}),  # an escaped mark stands for itself
    ("bis\\s+max\\.", {"max."}),
    ("f(?:onds|örderung)", {"fonds", "förderung"}),  # a trie is followed through
    ("p(?:a(?:kt|ket)|rogramm(?:e(?:n|s))?)", {"pakt", "paket", "programm", "programmen", "programmes"}),
    ("a(?:b|c)+d", {"ab", "ac"}),  # a group once at least: the run ends after it
    ("ab?c", {"ac", "abc"}),
    ("x{2,3}yz", {"yz"}),  # a counted letter may be left out (taken so)
    ("abc{2}d", {"ab"}),
    ("ab{x", {"a"}),  # a brace that is no quantifier: taken as one (the words are fewer, still sure)
    ("a\\w+bcd", {"bcd"}),
    ("(?P<name>abc)d", {"abcd"}),
    ("(?<![\\w])abc(?![\\w])", {"abc"}),  # lookarounds hold no text of the match
    ("ab(?=cd)", {"ab"}),
    ("ab|\\w+", None),  # an alternative with no sure word
    ("[a-z]+", None),
    ("(?:ab)?c", {"abc", "c"}),  # an optional group: with it or without
    ("(?:|a)b", {"b", "ab"}),
    ("\\d+", None),
    ("", None),
])
def test_required_words(fragment, words):
    assert required_words(fragment) == words
    if words:  # every match holds one of them (checked on texts that match)
        for text in ("ab", "abc", "ac", "abcd", "fonds", "paket programmen", "x yz", "abbcd", "alle Bundesländer"):
            m = re.search(fragment, text, re.IGNORECASE)
            if m:
                assert any(w in m.group().lower() for w in words), (fragment, text)


def test_folds_specially_are_all_that_re_folds_apart_from_lower(nlp):
    """Every character re.IGNORECASE matches to a letter of a gated cue's words, where
    str.lower() does not give that letter, is in FOLDS_SPECIALLY."""
    records = nlp.get_pipe("de_records")
    letters = {c for cue in records.cue_words().values() for w in cue.words or () for c in w if c.isalpha()}
    any_letter = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.IGNORECASE)
    special = set()
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if any_letter.fullmatch(c) and c.lower() not in letters:
            special.add(c)
    assert special <= set(FOLDS_SPECIALLY), special - set(FOLDS_SPECIALLY)


def windows(text, layout):
    """Every sentence, and every window of the cues' shapes: the sentence from each word on,
    and up to each word."""
    for s, e in zip(layout.sent_starts, layout.sent_ends):
        yield s, e
        for m in re.finditer(r"\s+", text[s:e]):
            yield s + m.end(), e
            yield s, s + m.start()
            yield max(s, s + m.start() - 60), s + m.start()  # the qualifiers' 60 characters


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in CORPUS],
                         ids=[f"text{i}" for i in range(len(TEXTS))] + [p.stem for p in CORPUS])
def test_gated_cues_answer_as_their_regex(nlp, text):
    """Where a cue's words say no match, its regex finds none: searched in the text between
    the offsets, and in the window cut out (as the qualifiers search it)."""
    from pipeline.components.records.assemble import DocContext
    records = nlp.get_pipe("de_records")
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "de_records":
            break
        doc = component(doc)
    ctx = DocContext(doc, records.settings, records.clause_break, records.shared)
    assert (ctx.cue_words is None) == any(c in text for c in FOLDS_SPECIALLY)
    gated = [cue for cue in records.cue_words().values() if cue.key]
    assert len(gated) >= 15  # the lists worth gating all are
    for s, e in windows(ctx.text, ctx.layout):
        for cue in gated:
            plain = cue.regex.search(ctx.text, s, e)
            assert (cue.search(ctx.cue_words, ctx.text, s, e) is None) == (plain is None), (cue.regex.pattern[:40], s, e)
            if not cue.may_match(ctx.cue_words, s, e):
                assert cue.regex.search(ctx.text[s:e]) is None, (cue.regex.pattern[:40], s, e)
