"""Names the finders must see in short sentences: Länder, organisations, programmes."""

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.components.rules import lower_same_length
from pipeline.components.scanning import match_at

from pipeline.io.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def found(nlp, text, label):
    return [(m["text"], m["value"]) for m in nlp(text)._.mentions if m["label"] == label]


LAND_PHRASES = [
    ("Der Freistaat Bayern fördert die Kommunen.", [("Bayern", "Bayern")]),
    ("Die bayerische Staatsregierung und das hessische Innenministerium", [("bayerische", "Bayern"), ("hessische", "Hessen")]),
    ("Die Niedersächsische Landesregierung teilt mit", [("Niedersächsische", "Niedersachsen")]),
    ("Kommunen in Nordrhein-Westfalen und im Saarland", [("Nordrhein-Westfalen", "Nordrhein-Westfalen"), ("Saarland", "Saarland")]),
    ("Das Portal Kommunalportal.NRW startet", []),
    ("SaarlandDigitalisierungsoffensive startet", [("Saarland", "Saarland")]),
    ("Die NRW-Landesregierung stellt Mittel bereit", [("NRW", "Nordrhein-Westfalen")]),
    # a name in other letter case is refused by its pattern, an adjective is taken in any case
    ("BAYERN und die SÄCHSISCHEN Kommunen", [("SÄCHSISCHEN", "Sachsen")]),
]


@pytest.mark.parametrize("text, expected", LAND_PHRASES)
def test_lands(nlp, text, expected):
    assert found(nlp, text, "LAND") == expected


def corpus_texts():
    return [clean(read_source(p).text).text for p in sorted(CORPUS.iterdir()) if p.is_file()]


def assert_tried_at_starts_finds_what_finditer_finds(regex, texts, starts_of, scanned_of=lambda text: text):
    """A pattern tried only at the starts a finder computes finds what its finditer finds;
    the texts must give it something to find."""
    hits = 0
    for text in texts:
        scanned = scanned_of(text)
        fast = [m.span() for m in match_at(regex, starts_of(text), [(0, len(text))], scanned)]
        assert fast == [m.span() for m in regex.finditer(scanned)]
        hits += len(fast)
    assert hits  # the texts exercise the pattern


@pytest.mark.parametrize("pattern", ["names", "glued", "adjectives"])
def test_land_patterns_tried_where_names_start_find_what_finditer_finds(nlp, pattern):
    finder = nlp.get_pipe("de_lands")
    assert_tried_at_starts_finds_what_finditer_finds(
        getattr(finder, pattern), corpus_texts() + [text for text, _ in LAND_PHRASES],
        lambda text: finder.pattern_starts(lower_same_length(text))[pattern],
        # the adjectives' stems are matched in the lowercased text (any case)
        lower_same_length if pattern == "adjectives" else lambda text: text,
    )


@pytest.mark.parametrize("text, expected", [
    ("Das Hessische Ministerium des Innern teilt mit.", ["Hessische Ministerium des Innern"]),
    pytest.param("Das Hessische Ministerium des Innern und für Sport teilt mit.",
                 ["Hessische Ministerium des Innern und für Sport"],
                 marks=pytest.mark.xfail(strict=True, reason="the name tail stops at 'und für'")),
    ("Anträge stellen Kommunen bei der KfW.", ["KfW"]),
    ("Die GovConnect GmbH betreibt die Plattform.", ["GovConnect GmbH"]),
    pytest.param("Der Dienstleister GovConnect GmbH betreibt die Plattform.", ["GovConnect GmbH"],
                 marks=pytest.mark.xfail(strict=True, reason="capitalised nouns before a legal form are taken in")),
])
def test_orgs(nlp, text, expected):
    assert [t for t, _ in found(nlp, text, "ORG")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Mit dem Förderprogramm „Digitales Rathaus“ erhalten Kommunen Geld.", ["Digitales Rathaus"]),
    ("Das kommunale OZG-Projekt (KomPrOZG) erhält 2 Mio. Euro.", ["KomPrOZG"]),
    ("Das Landesprojekt  (DiKo) startet.", ["DiKo"]),
    ("Das Projekt (ABC) startet.", ["ABC"]),
    ("Das Projekt (Abc) startet.", []),
    ("Die Stadt (KfZ) baut.", []),
    ("Die Gigabitförderung 2.0 beginnt im Mai.", ["Gigabitförderung 2.0"]),
    ("Über die Digitalisierungsoffensive Kommunen fließen Mittel.", ["Digitalisierungsoffensive Kommunen"]),
    # a quoted compound and a bracketed acronym are looked for in the lines holding an ending
    ("Erste Zeile zum Förderprogramm.\nDann kommt „Wald-Initiative Süd“ dazu.", ["Wald-Initiative Süd"]),
    ("Start für „Kluge Gartenpakt-Runde“ heute.", ["Kluge Gartenpakt-Runde"]),
    ("Ein Satz über Projekte.\nDas Landesprojekt (LaPro) startet.", ["LaPro"]),
    ("Im Jahr 2024:\nDas Stadt-Pilotprojekt\t(StaPi) endet.", ["StaPi"]),
    ("Das Landesprojekt\n(LaPro) startet.", []),
    # a Land's name glued to the programme's (a lost line break) is cut off
    ("Die Stadt baut.\nHessenKlimaoffensive Plus läuft.", ["Klimaoffensive Plus"]),
    # a German closing quote (“) opens no name, though it is the English opening one
    ("Über das Programm „Digitale Schule“ fließen 3 Mio. Euro, über das Programm „Sportstätten 2030“ 2 Mio. Euro.",
     ["Digitale Schule", "Sportstätten 2030"]),
    ("Die Aktion „Grüne Dörfer“ und „Das Schulprogramm“ laufen.", ["Das Schulprogramm"]),
])
def test_programmes(nlp, text, expected):
    assert [t for t, _ in found(nlp, text, "PROGRAMME")] == expected


# the organisation finder tries its patterns only where a name can start; these must still be found
ORG_PHRASES = [
    ("Das Hessische Digitalministerium fördert", ["Hessische Digitalministerium"]),
    ("Hessisches  Ministerium des Innern", ["Hessisches  Ministerium des Innern"]),
    ("Laut Städte- und Gemeindetag reicht das nicht", ["Städte- und Gemeindetag"]),
    ("Die Kommunale Dienste Nord GmbH baut", ["Kommunale Dienste Nord GmbH"]),
    ("Dabei hilft Digitale Dörfer e.V. den Kommunen", ["Digitale Dörfer e.V."]),
    ("so die HMinD, und laut StMD sowie laut der SAKD", ["HMinD", "StMD", "SAKD"]),
    ("Die HMinD erklärte am Montag", ["HMinD"]),
    ("Gebaut wird laut demStMD im Mai", ["StMD"]),  # an article glued to the acronym (lost space)
    ("Nach Angaben des Landesamtes für Digitalisierung, so die Sprecherin\nder dieHMinD",
     ["Landesamtes für Digitalisierung"]),
    # a legal form before punctuation or a tab, and one inside a longer word
    ("Es bauen die Daten Werk GmbH, die Netz AG.", ["Daten Werk GmbH", "Netz AG"]),
    ("Die Grüne Wiese GmbH\tbaut", ["Grüne Wiese GmbH"]),
    ("Die Muster GmbHs bauen", []),
    # speaking acronyms across other whitespace, glued, and after a word that is no article
    ("Geld gibt es, laut \n dem LDA, bald", ["LDA"]),
    ("Das Amt teilt mit, zufolge derBfDI nicht", ["Amt", "BfDI"]),
    ("Die Studie LfDI erklärt nichts, also der KdB sagte", ["KdB"]),
    ("Der\u00a0LfDI sagt es, so\u2003dem BVA", ["LfDI", "BVA"]),
]


@pytest.mark.parametrize("text, expected", ORG_PHRASES)
def test_orgs_where_names_start(nlp, text, expected):
    assert [t for t, _ in found(nlp, text, "ORG")] == expected


@pytest.mark.parametrize("pattern", ["headed", "office", "suffixed", "known", "speaking_acronym"])
def test_org_patterns_tried_where_names_start_find_what_finditer_finds(nlp, pattern):
    finder = nlp.get_pipe("de_orgs")
    assert_tried_at_starts_finds_what_finditer_finds(
        getattr(finder, pattern), corpus_texts() + [text for text, _ in ORG_PHRASES],
        lambda text: finder.pattern_starts(text, lower_same_length(text))[pattern],
    )


PROGRAMME_PHRASES = [
    "Das 400-Millionen-Euro-Programm „Lebendige Ortskerne“ startet; das Förderprogramm namens „Digitales Amt“ auch.",
    "Die Neue Digitalisierungsoffensive Kommunen, das Kommunalinvestitionsprogramm II und der DigitalPakt Schule.",
    "Über das Landesprogramm  'Starke Heimat' und die Sportstätten-Offensive NRW fließt Geld.",
    # a cue, ending or versioned word followed by a tab, after a hyphen, before punctuation
    "Im Sonderprogramm\t„Helle Gassen“ und per Landes-Förderprogramm „Kluge Bänke“ fließt Geld.",
    "Die Radwegeförderung\tIII und die Glasfaserförderung 2 folgen.",
    "Neu sind die Kita-Offensive, der Wärmepakt; die Schul-Initiative.",
    "Der Sportfonds\tNRW und die Ladeinitiative Bayern (Stand: Mai).",
]


@pytest.mark.parametrize("pattern", ["quoted", "named", "versioned", "compound"])
def test_programme_patterns_tried_where_names_start_find_what_finditer_finds(nlp, pattern):
    finder = nlp.get_pipe("de_programmes")
    assert_tried_at_starts_finds_what_finditer_finds(
        getattr(finder, pattern), corpus_texts() + PROGRAMME_PHRASES,
        lambda text: finder.pattern_starts(text, lower_same_length(text))[pattern],
    )


COMPLEMENT_PHRASES = [
    "Das Sondervermögen für den Klimaschutz und der Schutzschirm für die Kommunen helfen.",
    "Aus dem Gesetz zur Förderung von Investitionen finanzschwacher Kommunen fließen Mittel.",
    "Der Investitionspakt zur Förderung von Sportstätten 2020 läuft.\nDer Pakt für das Ehrenamt auch.",
    "Ein Fonds\tfür die Vereine; das Sportprogramm zur Förderung der Vereine 2024, und mehr.",
    # a head glued after a capitalised part or a hyphen, lowercase, twice in a word, or
    # followed by no complement before one that is
    "Das Klima-Sondervermögen für den Umbau, das sondervermögen für den Bund, der Fondsfonds für die Stadt.",
    "Der Pakt, der Pakt für, der Fonds zur Sache und der Fonds  für  das Land; Pakt-Pakt zur Förderung des Sports.",
]


def test_complemented_names_tried_where_their_words_start_find_what_finditer_finds(nlp):
    """The head noun with its complement is tried only in the lines holding a head word, at
    the start of a word holding a head followed by "für" or "zur"."""
    finder = nlp.get_pipe("de_programmes")
    for text in corpus_texts() + COMPLEMENT_PHRASES:
        starts = finder.pattern_starts(text, lower_same_length(text))
        fast = match_at(finder.complemented, starts["complement"], starts["complement_lines"], text)
        assert [m.span() for m in fast] == [m.span() for m in finder.complemented.finditer(text)]
    assert any(finder.complemented.search(text) for text in COMPLEMENT_PHRASES)


def in_address_plainly(text, start):
    """Whether start lies in a web or mail address, looked up alone (the first version)."""
    from pipeline.components.programmes import ADDRESS

    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    ends = [i for i in (text.find(" ", start), text.find("\n", start), text.find("\t", start)) if i >= 0]
    return ADDRESS.search(text, token_start, min(ends, default=len(text))) is not None


@pytest.mark.parametrize("text", [
    "Die www.sportoffensive.de und das Programm „Sport“ unter https://x.org/Sportpakt\tsowie\nmail@amt.de.",
    "ProgrammA,www.a.de,ProgrammB Förderprogramm  Heimat\n\nDigitalpakt.de Digitalpakt",
    "", "a", " \n\t", "www.a.de", "Wort www.x.de",
])
def test_address_starts_are_the_starts_in_address_finds(text):
    from pipeline.components.programmes import address_starts

    starts = list(range(len(text) + 1)) + [0, 3, 3]
    assert address_starts(text, starts) == {s for s in starts if in_address_plainly(text, s)}


def test_address_starts_on_the_corpus():
    from pipeline.components.programmes import address_starts

    for text in corpus_texts():
        starts = list(range(0, len(text), 7))
        assert address_starts(text, starts[::-1]) == {s for s in starts if in_address_plainly(text, s)}
