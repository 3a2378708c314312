"""Programme names in the shapes real articles use (issue 14): one row per German phrasing,
phrase -> the PROGRAMME names found. Sentences written for these tests."""

import pytest




def names(nlp, text):
    return [m["text"] for m in nlp(text)._.mentions if m["label"] == "PROGRAMME"]


NAME_PHRASES = [
    # a generic word of a kind of funding names nothing (schema §3)
    ("Die Netzbetreiber bauen dort nicht in Eigeninitiative aus.", []),
    ("Die Zuwendungsrichtlinie wurde bis 2027 verlängert.", []),
    ("Das Entschuldungsprogramm nimmt den Städten Kredite ab.", []),
    ("Gefördert wird über das Modernisierungsprogramm des Landes.", []),
    ("Dazu kommen Mittel aus den EU-Strukturfonds.", []),
    ("Die Städte erhalten Geld aus dem Zusatzprogramm.", []),
    # a determiner or a counted noun before a compound is no part of the name
    ("Weitere Digitalpakt-Anträge liegen vor.", ["Digitalpakt"]),
    ("Zehn Jahre Heimatoffensive im Kreis", ["Heimatoffensive"]),
    ("Seit 15 Jahre Sportpakt gibt es mehr Hallen.", ["Sportpakt"]),
    # a name coordinated with "und" is one name
    ("Für das Förderprogramm Stadt und Land gibt der Bund 75 Prozent.", ["Förderprogramm Stadt und Land"]),
    ("Das Programm Schule und Sport startet im Mai.", ["Schule und Sport"]),
    # compounds on -pauschale and hyphenated -Richtlinie are names; the bare words are not
    ("Das Geld stammt aus der Schulbaupauschale des Landes.", ["Schulbaupauschale"]),
    ("Nach der Sportstätten-Richtlinie werden 40 Wehren gefördert.", ["Sportstätten-Richtlinie"]),
    ("Die Pauschale steigt auf 20 Euro.", []),
    ("Nach der Richtlinie sind Vereine antragsberechtigt.", []),
    # a head noun with its complement: "für den/die/das X", "zur Förderung von …" up to a verb
    ("Dazu kommt Geld aus dem Sondervermögen für den Wohnungsbau.", ["Sondervermögen für den Wohnungsbau"]),
    ("Der Landtag stimmte dem Rettungsschirm für die Landkreise zu.", ["Rettungsschirm für die Landkreise"]),
    ("Der Pakt für den Sport bringt 2021 neue Hallen.", ["Pakt für den Sport"]),
    ("Mit dem Investitionspakt zur Förderung von Schwimmbädern 2022 erhalten 30 Vereine Geld.",
     ["Investitionspakt zur Förderung von Schwimmbädern 2022"]),
    ("Das Gesetz zur Förderung von Investitionen kleiner Gemeinden bringt 2 Mrd. Euro.",
     ["Gesetz zur Förderung von Investitionen kleiner Gemeinden"]),
    ("Laut dem Gesetz zur Förderung der Jugendarbeit, das 2019 in Kraft trat, gibt es mehr Geld.",
     ["Gesetz zur Förderung der Jugendarbeit"]),
    # an acronym after a compound may carry its sequel and another acronym
    ("Über das Förderprogramm STARK III ELER fließen 3 Mio. Euro.", ["Förderprogramm STARK III ELER"]),
    # a guideline named so, also with its giver between head and complement
    ("Gefördert wird nach der Richtlinie zur Förderung der Nahmobilität.", ["Richtlinie zur Förderung der Nahmobilität"]),
    ("Grundlage ist die Richtlinie des Landes Hessen zur Förderung der Nahmobilität.",
     ["Richtlinie des Landes Hessen zur Förderung der Nahmobilität"]),
    ("Die Förderrichtlinie des Freistaates zur Förderung von Sportstätten gilt ab Mai.",
     ["Förderrichtlinie des Freistaates zur Förderung von Sportstätten"]),
    ("Die Richtlinie sieht mehr Geld vor.", []),
    # no complement of that shape: the head alone stays as it was
    ("Das Sondervermögen wächst auf 5 Mrd. Euro.", []),
    ("Auf den Euro-Schutzschirm für die hessischen Städte einigten sich alle.", []),
    ("Das Kommunalgesetz regelt die Umlage.", []),
    # quoted names listed after a cue's quoted name are names too, with their dash subtitles
    ("Das Geld geht in die Programme „Grüne Mitte – Plätze gestalten“, „Neue Wege – Mobil im Dorf“ und „Starke Quartiere“.",
     ["Grüne Mitte – Plätze gestalten", "Neue Wege – Mobil im Dorf", "Starke Quartiere"]),
    ("Im Programm „Digitales Dorf“ und im Plan erhält die Stadt 2 Mio. Euro.", ["Digitales Dorf"]),
    # a compound after "ein", "kein" describes; named so elsewhere in the text, it is a name
    ("Das Schulbauprogramm ist ein Kreditprogramm mit reduzierten Zinsen.", ["Schulbauprogramm"]),
    ("Mit einem zinsgünstigen Kreditprogramm hilft das Land.", []),
    ("Es gibt kein Schulbauprogramm.", []),
    ("Das Land legte einen Sanierungsfonds auf. Im Sanierungsfonds stehen 5 Mio. Euro bereit.",
     ["Sanierungsfonds", "Sanierungsfonds"]),
    # quoted speech going on from the sentence is no name; a short lowercase name is
    ("Er sagte, es „bietet eine Umsetzung wie kein Programm vorher“.", []),
    ("Das Förderprogramm „mobil im Dorf“ startet.", ["mobil im Dorf"]),
    # the quotes of German books »…« and of the Swiss and news agencies' wire «…»
    ("Aus dem Programm »Klimainvest« fließen 24 Mio. Euro.", ["Klimainvest"]),
    ("Aus dem Programm «Klimainvest» fließen 24 Mio. Euro.", ["Klimainvest"]),
    ("Die Programme «Starke Heimat» und «Digitale Schule» laufen weiter.", ["Starke Heimat", "Digitale Schule"]),
    ("Das Projekt „Alte Mühle“, sagte der Bürgermeister, „ist ein Gewinn“.", ["Alte Mühle"]),
]


@pytest.mark.parametrize("text, expected", NAME_PHRASES)
def test_programme_names(nlp, text, expected):
    assert names(nlp, text) == expected


ACRONYM_PHRASES = [
    # an official title with its acronym in brackets; the acronym alone later is the same programme
    ("Das Berliner Rahmenprogramm Soziale Stadtentwicklung (RSS) feiert Geburtstag. 30 Millionen kamen von RSS.",
     [("Rahmenprogramm Soziale Stadtentwicklung", "Rahmenprogramm Soziale Stadtentwicklung"),
      ("RSS", "Rahmenprogramm Soziale Stadtentwicklung"), ("RSS", "Rahmenprogramm Soziale Stadtentwicklung")]),
    ("Gefördert nach der Richtlinie über die Förderung von Ganztagsschulen (RGS II) erhält die Stadt 2 Mio. Euro.",
     [("Richtlinie über die Förderung von Ganztagsschulen", "Richtlinie über die Förderung von Ganztagsschulen"),
      ("RGS II", "Richtlinie über die Förderung von Ganztagsschulen")]),
    ("Über das Hallenbad-Sanierungs- und Neubauprogramm (HSN) flossen 5 Mio. Euro.",
     [("Hallenbad-Sanierungs- und Neubauprogramm", "Hallenbad-Sanierungs- und Neubauprogramm"),
      ("HSN", "Hallenbad-Sanierungs- und Neubauprogramm")]),
    # an organisation's or fund's acronym names no programme
    ("Mittel des Europäischen Fonds für regionale Entwicklung (EFRE) fließen.", []),
    ("Die Stadt erhielt einen Bescheid des Bundesministeriums für Digitales und Verkehr (BMDV).", []),
    ("Das Projekt hat drei Bauabschnitte (BA) mit 30 km Länge.", []),
]


@pytest.mark.parametrize("text, expected", ACRONYM_PHRASES)
def test_acronym_titles(nlp, text, expected):
    got = [(m["text"], m["value"]) for m in nlp(text)._.mentions if m["label"] == "PROGRAMME"]
    assert got == expected


HEADING_TEXTS = [
    # a one- or two-word heading whose next line calls it a programme is a name
    ("Angebote im Überblick\nDie Kreise werden unterstützt.\nDORFGELD\nFörderprogramm des Landes, "
     "um kleine Vorhaben zu unterstützen. Gefördert werden 80 %.\n", ["DORFGELD"]),
    ("Angebote im Überblick\nDie Kreise werden unterstützt.\nKleinbudget\nProgramm für Vereine. "
     "Je Verein gibt es bis zu 5.000 Euro.\n", ["Kleinbudget"]),
    # a Land as the heading, or a next line that does not define it, names nothing
    ("Angebote im Überblick\nDie Kreise werden unterstützt.\nSachsen\nFörderprogramme für Kommunen\n"
     "Gefördert werden 80 %.\n", []),
    ("Angebote im Überblick\nDie Kreise werden unterstützt.\nAnsprechpartner\nProgramm der Sprechstunden "
     "folgt, 20 Euro.\n", []),
    ("Angebote im Überblick\nDie Kreise werden unterstützt.\nRadwege\nDas Land gibt 2 Mio. Euro.\n", []),
]


@pytest.mark.parametrize("text, expected", HEADING_TEXTS)
def test_defined_headings(nlp, text, expected):
    assert names(nlp, text) == expected
