"""Names the finders must see in short sentences: Länder, organisations, programmes."""

import pytest

from pipeline.extract import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def found(nlp, text, label):
    return [(m["text"], m["value"]) for m in nlp(text)._.mentions if m["label"] == label]


@pytest.mark.parametrize("text, expected", [
    ("Der Freistaat Bayern fördert die Kommunen.", [("Bayern", "Bayern")]),
    ("Die bayerische Staatsregierung und das hessische Innenministerium", [("bayerische", "Bayern"), ("hessische", "Hessen")]),
    ("Die Niedersächsische Landesregierung teilt mit", [("Niedersächsische", "Niedersachsen")]),
    ("Kommunen in Nordrhein-Westfalen und im Saarland", [("Nordrhein-Westfalen", "Nordrhein-Westfalen"), ("Saarland", "Saarland")]),
    ("Das Portal Kommunalportal.NRW startet", []),
    ("SaarlandDigitalisierungsoffensive startet", [("Saarland", "Saarland")]),
    ("Die NRW-Landesregierung stellt Mittel bereit", [("NRW", "Nordrhein-Westfalen")]),
])
def test_lands(nlp, text, expected):
    assert found(nlp, text, "LAND") == expected


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
])
def test_programmes(nlp, text, expected):
    assert [t for t, _ in found(nlp, text, "PROGRAMME")] == expected
