"""The basis column (schema v1.2 §2): where each record's land, programme and body were read.

Each row is a short text we wrote ourselves, with the basis of each of its records, in order:
`sentence` where the figure's own sentence names the value, `section` where its heading or
paragraph does, `document` where the value is the document's subject, issuer, lead or one
programme; an empty field has no basis.
"""

import pytest

from pipeline.components.records.assemble import basis_of
from pipeline.components.records.context import NONE, Field
from pipeline.extract import extract_text

INTRO = "Hilfen für Gemeinden\n\nEin erster Absatz steht hier, er ist lang genug.\n\n"
FILLER = "Die Dörfer freuen sich sehr darüber. " * 12  # puts the figure beyond title and lead


def row(text, *bases, id=None, marks=()):
    return pytest.param(text, list(bases), id=id or text[:60], marks=marks)


ROWS = [
    # everything in the figure's own sentence
    row("Das Land Hessen fördert den Ausbau mit 3 Mio. Euro.", "land=sentence;body=sentence"),
    row("Das Innenministerium fördert mit dem Programm „Starke Dörfer“ jede Gemeinde in Hessen mit 20.000 Euro.",
        "land=sentence;programme=sentence;body=sentence"),
    row("Im Landkreis Cham bekommen die Schulen 2 Mio. Euro.", "land=sentence"),  # a district's Land
    row("Der Bund übernimmt 3 Mio. Euro der Kosten.", "body=sentence"),  # the giver
    # the issuer for one figure, the giver of its own sentence for the other
    row("Das Kultusministerium informiert. 90 Millionen Euro kommen vom Bund, weitere 10 Millionen vom Land.",
        "body=sentence", "body=document"),
    # the paragraph's previous sentence names the Land: read near the figure, not in its sentence
    row("Neue Hilfen für Schulen\n\nDie Stadt Kassel erhält eine Förderung. Sachsen erhält 250 Mio. Euro. "
        "20 Mio. Euro davon gehen an die Schulen.", "land=sentence", "land=section"),
    # a heading that is a Land, a heading that names one, a heading that names a programme
    row(INTRO + "Sachsen\n\nDie Gemeinden erhalten 5 Mio. Euro.", "land=section"),
    row(INTRO + "Förderung in Thüringen\n\nDie Gemeinden erhalten 5 Mio. Euro.", "land=section"),
    row(INTRO + "Programm Starke Dörfer\n\nDie Gemeinden erhalten 5 Mio. Euro.", "programme=section"),
    # the section's organisation, and a Land stand-in of the section
    row(INTRO + "Schulbau\n\nDie Investitionsbank Berlin verwaltet die Mittel. Die Schulen erhalten 5 Mio. Euro.",
        "land=section;body=section"),
    row(INTRO + "Schulbau in Sachsen\n\nDer Freistaat hilft. Die Schulen erhalten 5 Mio. Euro.",
        "land=section;body=section"),
    # the document's subject, one programme and issuer, far from the figure
    row("Das Wirtschaftsministerium Baden-Württemberg startet das Förderprogramm „Grüne Höfe“. " + FILLER
        + "Jeder Hof erhält bis zu 8.000 Euro.", "land=document;programme=document;body=document"),
    # a parliament the lead names as deciding the money
    row("Der Landtag hat ein Paket beschlossen. Die Schulen erhalten 5 Mio. Euro. " + FILLER
        + "Jede Schule erhält 8.000 Euro.", "body=document", "body=document"),
    # nothing named: no basis at all
    row("Die Gemeinden erhalten 5 Mio. Euro.", ""),
    row("Die Länder erhalten bundesweit 2 Mrd. Euro.", ""),
]



@pytest.mark.parametrize("text,bases", ROWS)
def test_basis(nlp, text, bases):
    records = extract_text(text, nlp=nlp).records
    assert [r.basis for r in records] == bases, [(r.value, r.land, r.programme, r.body, r.basis) for r in records]


@pytest.mark.parametrize("fields,expected", [
    ({"land": Field("Bayern", "sentence"), "programme": Field("X", "section"), "body": Field("Bund", "document")},
     "land=sentence;programme=section;body=document"),
    ({"land": NONE, "programme": Field("X", "document"), "body": NONE}, "programme=document"),
    ({"land": NONE, "programme": NONE, "body": NONE}, ""),
])
def test_basis_of_leaves_out_empty_fields(fields, expected):
    assert basis_of(**fields) == expected
