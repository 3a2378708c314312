"""Sentence boundaries and headings. Every German text here was written for these tests.

sentence_boundaries reads only the tokens' start offsets and derives the rest from the text
(see its docstring); REFERENCE is the algorithm it replaced, which read IDX, LENGTH and
IS_SPACE from the doc. Both must give the same sentence starts and spans for any text."""

from __future__ import annotations

import bisect
import random
import re

import pytest
from spacy.attrs import IDX, IS_SPACE, LENGTH

from pipeline.components.structure import find_headings, is_heading_text, sentence_boundaries
from pipeline.lexicon import read_lexicon


REFERENCE_CLOSERS = set("“”\"«»‘’')")
REFERENCE_END_AT = re.compile(r"[.!?](?=[“”\"«»‘’')]*[ \t]+[A-ZÄÖÜ0-9„\"»‚'(])|\n")
REFERENCE_YEAR = re.compile(r"(\d\d?\.){0,2}(19|20)\d\d\.")
REFERENCE_NUMBER = re.compile(r"(\d\d?\.){0,2}\d+\.")
REFERENCE_OPENERS = set(read_lexicon("cues")["sentence_openers"])


def reference_sentences(doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentence start tokens and character spans, as the first version computed them (with
    its later rules: closing quotes, a year's period, a number's before an opener), token
    by token."""
    if not len(doc):
        return [], []
    text = doc.text
    idx, lengths, spaces = (c.tolist() for c in doc.to_array([IDX, LENGTH, IS_SPACE]).T)
    n = len(idx)
    starts = [0]
    for m in REFERENCE_END_AT.finditer(text):
        i = bisect.bisect_left(idx, m.start())
        if i < n and idx[i] == m.start() and (m.group() == "\n" or lengths[i] == 1):
            nxt = i + 1  # the mark is a token
        elif m.group() == "." and i and idx[i - 1] + lengths[i - 1] == m.end() \
                and REFERENCE_NUMBER.fullmatch(doc[i - 1].text):
            nxt = i  # a number's token holds it: a year's, or one after a noun before an opener
            after = [t.text for t in doc[i:] if not t.is_space and set(t.text) - REFERENCE_CLOSERS]
            slash_year = i > 2 and doc[i - 2].text == "/" and re.fullmatch(r"(19|20)\d\d", doc[i - 3].text) \
                and re.fullmatch(r"\d\d\.", doc[i - 1].text) and not doc[i - 3].whitespace_ and not doc[i - 2].whitespace_
            if not REFERENCE_YEAR.fullmatch(doc[i - 1].text) and not slash_year and not (
                    i > 1 and doc[i - 2].text[0].isupper() and after and after[0] in REFERENCE_OPENERS):
                continue
        else:
            continue
        while m.group() != "\n" and nxt < n and set(doc[nxt].text) <= REFERENCE_CLOSERS \
                and idx[nxt] == idx[nxt - 1] + lengths[nxt - 1]:
            nxt += 1  # closing quotes right after it
        while nxt < n and spaces[nxt]:
            nxt += 1
        if nxt < n and nxt > starts[-1]:
            starts.append(nxt)
    ends = starts[1:] + [n]
    return starts, [(idx[a], idx[b - 1] + lengths[b - 1]) for a, b in zip(starts, ends)]


def fast_sentences(nlp, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    doc = nlp.make_doc(text)
    spans = sentence_boundaries(doc, text, nlp.get_pipe("de_scan").opens_sentence)
    if not len(doc):
        return [], spans
    return [t.i for t in doc if t.is_sent_start], spans


SENTENCE_ROWS = [
    # text, the sentences' texts
    pytest.param("Hallo Welt.", ["Hallo Welt."], id="one-sentence"),
    pytest.param("Das Land zahlt. Der Bund auch.", ["Das Land zahlt.", "Der Bund auch."], id="two-sentences"),
    pytest.param("Es gibt 3 Mio. Euro für Schulen.", ["Es gibt 3 Mio. Euro für Schulen."], id="abbreviation-mio"),
    pytest.param("Gefördert werden z. B. Dächer. Mehr folgt.", ["Gefördert werden z. B. Dächer.", "Mehr folgt."], id="z-b"),
    pytest.param("Es sind ca. 200 Vorhaben. 2024 folgen mehr.", ["Es sind ca. 200 Vorhaben.", "2024 folgen mehr."], id="ca-then-digit"),
    pytest.param("Am 3. Mai beginnt es.", ["Am 3. Mai beginnt es."], id="ordinal"),
    pytest.param("Das ist Phase 3. Danach kommt mehr.", ["Das ist Phase 3.", "Danach kommt mehr."], id="ordinal-at-end"),
    pytest.param("Die Mittel fließen in Stufe 1. Die Stadt zahlt.", ["Die Mittel fließen in Stufe 1.", "Die Stadt zahlt."],
                 id="ordinal-after-noun-before-article"),
    pytest.param("Das Ziel ist Platz 3. Im Vorjahr war es Platz 5.", ["Das Ziel ist Platz 3.", "Im Vorjahr war es Platz 5."],
                 id="ordinal-before-preposition"),
    pytest.param("Es gibt zwei Stufen: 1. Die Planung und 2. Der Bau.", ["Es gibt zwei Stufen: 1. Die Planung und 2. Der Bau."],
                 id="numbered-list-inline"),
    pytest.param("Der 2. Bauabschnitt beginnt.", ["Der 2. Bauabschnitt beginnt."], id="ordinal-before-noun"),
    pytest.param("Ab dem 1. Januar gilt es.", ["Ab dem 1. Januar gilt es."], id="ordinal-before-month"),
    pytest.param("Erste Zeile\nZweite Zeile", ["Erste Zeile\n", "Zweite Zeile"], id="line-break"),
    pytest.param("Erste Zeile\n\nZweite Zeile", ["Erste Zeile\n\n", "Zweite Zeile"], id="blank-line"),
    pytest.param("Erste Zeile \nZweite", ["Erste Zeile \n", "Zweite"], id="space-before-break"),
    pytest.param("Erste Zeile  \nZweite", ["Erste Zeile  \nZweite"], id="two-spaces-before-break"),
    pytest.param("Erste\n  Zweite", ["Erste\n  ", "Zweite"], id="indented-line"),
    pytest.param("Das Land zahlt.  Der Bund auch.", ["Das Land zahlt.  ", "Der Bund auch."], id="two-spaces"),
    pytest.param("Das Land zahlt.\tDer Bund auch.", ["Das Land zahlt.\t", "Der Bund auch."], id="tab"),
    pytest.param("Das Land zahlt. \tDer Bund auch.", ["Das Land zahlt. \t", "Der Bund auch."], id="space-tab"),
    pytest.param("Er sagt: „Gut so.“ „Wir zahlen.“", ["Er sagt: „Gut so.“", "„Wir zahlen.“"], id="closing-quote"),
    pytest.param("Er sagt: „Gut so.“ Das Land zahlt.", ["Er sagt: „Gut so.“", "Das Land zahlt."], id="closing-quote-then-sentence"),
    pytest.param("„Wirklich?“ Ja.", ["„Wirklich?“", "Ja."], id="question-in-quotes"),
    pytest.param("Er sagt: »Gut so.« Dann geht es los.", ["Er sagt: »Gut so.«", "Dann geht es los."], id="guillemets"),
    pytest.param("Sie sagt: ‚Gut so.‘ Dann geht es los.", ["Sie sagt: ‚Gut so.‘", "Dann geht es los."], id="single-quotes"),
    pytest.param("Er sagt: “Gut so.” Dann geht es los.", ["Er sagt: “Gut so.”", "Dann geht es los."], id="english-quotes"),
    pytest.param('Er sagt: "Gut so." Dann geht es los.', ['Er sagt: "Gut so."', "Dann geht es los."], id="straight-quotes"),
    pytest.param("Das Land zahlt (siehe oben.) Dann mehr.", ["Das Land zahlt (siehe oben.)", "Dann mehr."], id="closing-bracket"),
    pytest.param("Er sagt: „Gut so.“ dann geht es los.", ["Er sagt: „Gut so.“ dann geht es los."], id="closing-quote-lowercase"),
    pytest.param("Das Programm läuft bis 2024. Danach kommt mehr.", ["Das Programm läuft bis 2024.", "Danach kommt mehr."], id="year-at-end"),
    pytest.param("Es startet im Mai 2024. Die Stadt zahlt.", ["Es startet im Mai 2024.", "Die Stadt zahlt."], id="month-year-at-end"),
    pytest.param("Anträge bis zum 31.12.2024. Danach nicht.", ["Anträge bis zum 31.12.2024.", "Danach nicht."], id="date-at-end"),
    pytest.param("Anträge bis zum 1.7.2024. Danach nicht.", ["Anträge bis zum 1.7.2024.", "Danach nicht."], id="short-date-at-end"),
    pytest.param("Er nennt 2024. und 2025. Danach", ["Er nennt 2024. und 2025.", "Danach"], id="year-before-lowercase"),
    pytest.param("Es läuft bis 2024.“ Die Stadt zahlt.", ["Es läuft bis 2024.“", "Die Stadt zahlt."], id="year-then-closing-quote"),
    pytest.param("Es ist die 3000. Kommune. Gut.", ["Es ist die 3000. Kommune.", "Gut."], id="four-digit-ordinal"),
    pytest.param("Es läuft bis 2023/24. Danach mehr.", ["Es läuft bis 2023/24.", "Danach mehr."], id="two-digit-year-after-slash"),
    pytest.param("Es läuft bis 2023/24. dann mehr.", ["Es läuft bis 2023/24. dann mehr."], id="two-digit-year-before-lowercase"),
    pytest.param("Es sind 12/24. Dann mehr.", ["Es sind 12/24. Dann mehr."], id="fraction-is-no-year"),
    pytest.param("Das Land zahlt. „Gut“, sagt er.", ["Das Land zahlt.", "„Gut“, sagt er."], id="opening-quote"),
    pytest.param("Das Land zahlt. (Siehe oben.)", ["Das Land zahlt.", "(Siehe oben.)"], id="parenthesis"),
    pytest.param("Wirklich? Ja! Gut.", ["Wirklich?", "Ja!", "Gut."], id="question-exclamation"),
    pytest.param("Das Land zahlt. der Bund nicht.", ["Das Land zahlt. der Bund nicht."], id="lowercase-after-period"),
    pytest.param("Das Land zahlt.Der Bund auch.", ["Das Land zahlt.Der Bund auch."], id="no-space"),
    pytest.param("Das Land zahlt. ", ["Das Land zahlt."], id="final-space"),
    pytest.param("Das Land zahlt.  ", ["Das Land zahlt.  "], id="final-two-spaces"),
    pytest.param("Das Land zahlt.\n", ["Das Land zahlt.\n"], id="final-line-break"),
    pytest.param("Das Land zahlt. \n", ["Das Land zahlt. \n"], id="final-space-line-break"),
    pytest.param("\nDas Land zahlt.", ["\n", "Das Land zahlt."], id="leading-line-break"),
    pytest.param(" Das Land zahlt. Gut.", [" Das Land zahlt.", "Gut."], id="leading-space"),
    pytest.param("Es kostet 5\u00a0Mio. Euro. Gut.", ["Es kostet 5\u00a0Mio. Euro.", "Gut."], id="no-break-space"),
    pytest.param(".", ["."], id="only-period"),
    pytest.param(". A", [".", "A"], id="period-first"),
    pytest.param("", [], id="empty"),
    pytest.param(" ", [" "], id="one-space"),
    pytest.param(" \n\t ", [" \n\t "], id="only-whitespace"),
]


@pytest.mark.parametrize("text, sentences", SENTENCE_ROWS)
def test_sentences(nlp, text, sentences):
    starts, spans = fast_sentences(nlp, text)
    assert [text[a:b] for a, b in spans] == sentences
    assert (starts, spans) == reference_sentences(nlp.make_doc(text))


# pieces of German press-release text, spaces and punctuation, for random texts
PIECES = [
    "Das", "Land", "zahlt", "der", "Bund", "Mio.", "Mrd.", "z.", "B.", "z.B.", "ca.", "max.", "Nr.",
    "bzw.", "3.", "2024", "2024.", "31.12.2024.", "1999.", "2023/24.", "/", "24.", "12,5", "Euro", "Ärzte", "Öl", "Über", ".", "!", "?", ":", ",", "…",
    "„", "“", "”", "\"", "»", "«", "‚", "‘", "’", "'", "(", ")", "-", " ", " ", " ", "  ", "\t", "\n", "\n\n",
    " \n", "\xa0", "\u2003", "\r", "._.", "www.land.de", "E-Mail",
]


def test_sentences_random_texts(nlp):
    rng = random.Random(20240607)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert fast_sentences(nlp, text) == reference_sentences(nlp.make_doc(text)), repr(text)


def test_sentences_corpus(nlp):
    """The corpus articles, cleaned, split as before."""
    from pathlib import Path

    from pipeline.clean import clean

    for path in sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        assert fast_sentences(nlp, text) == reference_sentences(nlp.make_doc(text)), path.name


def test_no_token_mixes_whitespace_and_other_characters(nlp):
    """What sentence_boundaries relies on: no special case of the tokenizer joins a space to
    other characters (then a token could hold both, and LENGTH and IS_SPACE would no longer
    follow from the text)."""
    mixed = [k for k in nlp.tokenizer.rules if any(c.isspace() for c in k) and not k.isspace()]
    assert mixed == []
    doc = nlp.make_doc("Es gibt z. B. 3 Mio.\u00a0Euro. \n\t Ende. ")
    assert all(t.text.isspace() or not any(c.isspace() for c in t.text) for t in doc)

# --- headings ----------------------------------------------------------------------------

REFERENCE_LINE = re.compile(r"[^\n]+")


def reference_headings(text: str, max_words: int = 16, max_chars: int = 140) -> list[tuple[int, int, str]]:
    """The first version of SectionFinder: each line that a regex finds, of heading shape and
    followed by another line."""
    lines = [(m.start(), m.end(), m.group()) for m in REFERENCE_LINE.finditer(text)]
    found = []
    for i, (start, end, line) in enumerate(lines):
        if i + 1 < len(lines) and is_heading_text(line.strip(), max_words, max_chars):
            found.append((start, end, line.strip()))
    return found


def fast_headings(nlp, text: str) -> list[tuple[int, int, str]]:
    doc = nlp.get_pipe("de_scan")(nlp.make_doc(text))
    assert all(h.label == "HEADING" for h in doc._.headings)
    assert doc._.headings == find_headings(text)
    return [(h.start, h.end, h.text) for h in doc._.headings]


HEADING_ROWS = [
    # text, the headings' texts
    pytest.param("Förderung für Schulen\nDas Land zahlt 5 Mio. Euro.", ["Förderung für Schulen"], id="heading"),
    pytest.param("Das Land zahlt.\nFörderung für Schulen", [], id="last-line-is-no-heading"),
    pytest.param("Förderung für Schulen\n\n\n", [], id="last-line-before-blank-lines"),
    pytest.param("Förderung für Schulen\n  \n", ["Förderung für Schulen"], id="followed-by-spaces-line"),
    pytest.param("\n\n  Förderung für Schulen  \nText folgt.", ["Förderung für Schulen"], id="indented-heading"),
    pytest.param("Die Förderung:\nText folgt.", [], id="colon"),
    pytest.param("Was gibt es?\nText folgt.", [], id="question"),
    pytest.param("Was gibt es …\nText folgt.", [], id="ellipsis"),
    pytest.param("Förderung für Schulen. \nText folgt.", [], id="period-then-space"),
    pytest.param("- Dächer\n- Fenster\nText folgt.", [], id="list-items"),
    pytest.param("1) Dächer\na) Fenster\nText folgt.", [], id="numbered-list-items"),
    pytest.param("-Dächer\nText folgt.", ["-Dächer"], id="dash-without-space"),
    pytest.param(" ".join(["Wort"] * 16) + "\nText folgt.", [" ".join(["Wort"] * 16)], id="sixteen-words"),
    pytest.param(" ".join(["Wort"] * 17) + "\nText folgt.", [], id="seventeen-words"),
    pytest.param("W" * 140 + "\nText folgt.", ["W" * 140], id="140-chars"),
    pytest.param("W" * 141 + "\nText folgt.", [], id="141-chars"),
    pytest.param(" " * 10 + "W" * 140 + " " * 10 + "\nText folgt.", ["W" * 140], id="140-chars-with-spaces"),
    pytest.param("Titel\r\nText folgt.", ["Titel"], id="carriage-return"),
    pytest.param("", [], id="empty"),
    pytest.param(" \n\t\n ", [], id="only-whitespace"),
]


@pytest.mark.parametrize("text, headings", HEADING_ROWS)
def test_headings(nlp, text, headings):
    found = fast_headings(nlp, text)
    assert [h for _, _, h in found] == headings
    assert found == reference_headings(text)


HEADING_PIECES = ["Förderung", "für", "Schulen", "W" * 70, "1)", "a)", "-", "•", ".", ":", "?", "…", " ", "  ",
                  "\t", "\n", "\n\n", "\r", "\u2003"]


def test_headings_random_texts(nlp):
    rng = random.Random(20240608)
    for _ in range(3000):
        text = "".join(rng.choice(HEADING_PIECES) for _ in range(rng.randint(0, 40)))
        assert fast_headings(nlp, text) == reference_headings(text), repr(text)


def test_layout_reads_the_sentences_and_headings(nlp):
    text = "Förderung für Schulen\nDas Land zahlt 5 Mio. Euro. Der Bund zahlt auch.\nEnde."
    doc = nlp.get_pipe("de_scan")(nlp.make_doc(text))
    layout = doc._.scan.layout
    assert doc._.scan.text == text and doc._.scan.lower == text.lower()
    assert list(zip(layout.sent_starts, layout.sent_ends)) == doc._.sent_spans == [(0, 22), (22, 49), (50, 71), (71, 76)]
    assert layout.headings == doc._.headings and [h.text for h in layout.headings] == ["Förderung für Schulen"]
    assert layout.sentence(30) == (22, 49)
    assert layout.section(60) == (0, len(text))


@pytest.mark.parametrize("text", [
    "Das Land zahlt 5 Mio. Euro bis 2026.",
    "Förderung\nDas Land Bayern gibt 0 Euro und 150 Prozent an die Stadt.",
    "Kein Betrag hier.",
])
def test_finders_add_to_the_scans_lists_which_are_the_docs(nlp, text):
    """The finders append to doc._.scan's mention lists (read through the scan, once a call);
    those lists are doc._.mentions and doc._.refused, so the doc shows what they found, as if
    each finder had appended to doc._.mentions itself."""
    from pipeline.components.context import doc_extension, doc_extensions

    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "de_records":
            break
        doc = component(doc)
    scan = doc._.scan
    assert doc._.mentions is scan.mentions and doc._.refused is scan.refused
    assert doc_extensions(doc, "mentions", "refused", "scan") == tuple(
        doc_extension(doc, name) for name in ("mentions", "refused", "scan"))
    assert all(m.label != "HEADING" for m in scan.mentions)
    assert bool(scan.mentions) == (text != "Kein Betrag hier.")
