"""The figure finders' speed shortcuts find exactly what the plain regexes find."""

import pytest

import re

from pipeline.lexicon import read_lexicon

from pipeline.components.rules import cue_regex

CUES = read_lexicon("cues")

# phrases a cue shortcut could get wrong: any letter case, a cue inside a longer cue
# ("gefördert" holds "fördert"), cues side by side, letters that fold case specially
# (the Kelvin sign matches "k" case-insensitively, "ẞ" folds to "ß"), umlauts
CUE_PHRASES = [
    "Das Land fördert das Vorhaben und übernimmt den Eigenanteil der Kommune.",
    "GEFÖRDERT WERDEN ZUSCHÜSSE; DER FÖRDERSATZ BETRÄGT, die Förderquote liegt höher.",
    "gefördert, refinanziert, erhält und erhalten: Zuwendungsfähige Ausgaben, ein Zuschuss",
    "Der kommunale  Anteil und kommunaler Anteil sowie KOMMUNALEN ANTEILS",
    "\u212aostenübernahme und \u212aommunale Anteile, Eigenbeitr\u00e4ge",
    "ÜBERNOMMEN wird die Förderhöhe, Landesanteil und Bundesanteil, Fördersätze",
    "Eigenmittel, Eigenleistungen, Eigenbeteiligung und Eigenfinanzierungsanteil",
    "Die Kofinanzierung wird getragen; den Rest müssen sie selbst aufbringen.",
    "Keine Cues hier, nur Text mit e, f, z, b und FÖRDERUNGEN, finanziert, ein Förderanteil.",
    "Fördermittelantrag und förderfähig: wir fördern, bezuschusst und erstattet",
    "Der Bund beteiligt sich, die Länder beteiligen sich auch.",
    "",
]
CUE_LISTS = [
    CUES["own_share"],
    CUES["funding_rate"],
    # shapes the shortcut must leave to cue_regex: an alternation, a leading class or group
    ["f|erhalten", "Zuschuss\\w*"],
    ["[Ee]igen\\w*", "fördert"],
    ["(?:Förder)quote", "erhält"],
    ["e?rhält", "Zuwendung"],
    # cues whose first letters differ only in case share a group, in list order
    ["Förderquote", "förder", "Fördermittel\\w*"],
]


@pytest.mark.parametrize("fragments", CUE_LISTS)
@pytest.mark.parametrize("text", CUE_PHRASES)
def test_first_letter_cues_find_what_the_plain_alternation_finds(fragments, text):
    plain = re.compile("|".join(f"(?:{f})" for f in fragments), re.IGNORECASE)
    assert [m.span() for m in cue_regex(fragments).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_cue_phrases_exercise_every_cue():
    """Every own_share and funding_rate cue matches somewhere in the phrases above."""
    for fragments in (CUES["own_share"], CUES["funding_rate"]):
        for fragment in fragments:
            assert any(re.search(fragment, t, re.IGNORECASE) for t in CUE_PHRASES), fragment


# Figure rules that open with a number are matched behind a lookahead the loader derives for
# what must follow the number (a scale, a currency, a percent sign, a range connector), so
# most number starts fail before the number is parsed. Each rule must find what its plain
# regex finds.
FIGURE_PHRASES = [
    "Es gibt 5 Tsd. Euro, 5 tausend Euro, 2 Mrd. €, 3 Billionen Euro und 7 Mill. Euro.",
    "Dazu 5 k€, 12 TEUR, 9 TEuro, 4 T€ sowie 50.000,- €, 50.000,-- Euro und 50.000,– Euro.",
    "Insgesamt 20 000 Euro, 1.234.567,89 EUR, 3,3 Mio. Euro, 1.5 Mio. Euro, EUR 200.000 und € 1,2 Mio.",
    "zwei Millionen Euro, dreihundertfünfzig Euro, eine halbe Million Euro, ZWEI MIO. EURO",
    "Weitere 17 Millionen sollen fließen, zwölf Milliarden für alle, 1,2 Millionen Einwohner.",
    "Das 50-Millionen-Euro-Programm, das 880-Millionen-Paket und ein zwei-Milliarden-Fonds.",
    "Je 100–200 Euro, 100 - 200 Mio. Euro, 100—200 €, 5 Mio. bis 7 Mio. Euro, 1 Mio. – 2 Mio. €.",
    "zwischen zwei und drei Millionen Euro, von 1 bis zwei Millionen Euro, 5,- bis 9,- Euro",
    "zwischen 1 Mio. € und 2 Mio. €, 10.000 bis zu 20.000 Euro, 3 bis höchstens 4 Mrd. Euro",
    "Im Jahr 2021 kamen 300 Menschen, 12 Kommunen und 4 Projekte; 2022 bis 2024 mehr.",
    "Gefördert werden 80 Prozent, 25 %, 25%, 10 v. H., 10 v.H., 10 vH und 10 vom Hundert.",
    "eine 80-prozentige, 80prozentige, achtzig-prozentige und 90-prozentigen Förderung",
    "50 bis 80 Prozent, 50 % bis 80 %, von 50 auf 80 Prozent, 50–80 %, 50 - 80 v. H.",
    "zehn bis zwanzig Prozent, zwischen 40 und 60 Prozent, 5 Prozentpunkte, fünf Prozent",
    "1.000,5 Prozent und 20 000 Prozent, 3,5 %-ige Steigerung, 3,5%ige",
    "davon 600 Millionen Landesgeld, 12 Mio. Bundesmittel, 2 Mrd. Soforthilfen, 3 Millionen Einwohner",
    "eine 100-Prozent-Förderung, der 90prozent-Zuschuss, 80 beziehungsweise 40 Prozent, 5 bzw. 7 %, 60 oder 65 v. H.",
]


# One row per phrasing of an amount or a percentage: sentence -> the values of its MONEY and
# PERCENT mentions, in order. A new pattern row comes with a row here; its sentences also
# feed the fast-path test above.
PHRASINGS = [
    ("Das Land stellt 20.000 Euro bereit.", ["20000"]),
    ("Jede Kommune erhält 3,3 Mio. Euro, höchstens aber 12 T€.", ["3300000", "12000"]),
    ("Der Bund gibt EUR 200.000 und € 1,2 Mio. dazu.", ["200000", "1200000"]),
    ("Für die Radwege gibt es 2 Mio. Euro, weitere 17 Millionen sollen folgen.", ["2000000", "17000000"]),
    ("Das 880-Millionen-Paket des Landes kostet 5 Euro je Einwohner.", ["880000000", "5"]),
    ("Gefördert werden Vorhaben mit 100.000 bis 250.000 Euro.", ["100000", "250000"]),
    ("Der Fördersatz beträgt 80 Prozent, eine 90-prozentige Förderung ist möglich.", ["80", "90"]),
    ("Die Quote steigt von 50 auf 80 Prozent.", ["50", "80"]),
    ("Die Fördersätze werden von 75 auf dann 90 Prozent angehoben.", ["75", "90"]),
    ("Die Quote steigt von 50 auf nunmehr 80 Prozent.", ["50", "80"]),
    ("Das Land erhöht die Mittel von 5 auf 8 Mio. Euro.", ["5000000", "8000000"]),
    ("Das Budget wächst um 3 auf 8 Millionen Euro.", ["3000000", "8000000"]),
]


@pytest.mark.parametrize("sentence, values", PHRASINGS)
def test_phrasings_give_their_values(sentence, values):
    from pipeline.extract import load_nlp

    mentions = load_nlp()(sentence)._.mentions
    assert [m["value"] for m in mentions if m["label"] in ("MONEY", "PERCENT")] == values


def lexicon_phrases() -> list[str]:
    """Every scale and currency of the lexicon after a number, in both letter cases, and
    in ranges and compounds: a lookahead that misses a new word's first letter fails here."""
    numbers = read_lexicon("numbers")
    phrases = []
    for scale in numbers["scales"]:
        for word in (scale, scale.capitalize(), scale.upper()):
            phrases.append(f"Es gibt 5 {word}, 5 {word} Euro, zwei {word} €, 1 bis 2 {word} Euro, das 5-{word}-Paket.")
    for currency in numbers["currencies"]:
        phrases.append(f"Es gibt 5 {currency}, 5 Mio. {currency}, {currency} 5, 1 bis 2 {currency}, 1-2 {currency}.")
    return phrases


def corpus_texts():
    from pathlib import Path

    from pipeline.clean import clean
    from pipeline.io.reading import read_source

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    return [clean(read_source(p).text).text for p in sorted(corpus.iterdir()) if p.is_file()]


@pytest.mark.parametrize("component", ["de_money", "de_percent"])
def test_figure_rules_find_what_they_find_without_their_lookahead(component):
    import re

    from pipeline.components.rules import lower_same_length
    from pipeline.extract import load_nlp

    finder = load_nlp().get_pipe(component)
    plain_regexes = finder.rules.rules  # as the rows are written: no derived hint
    assert any(fast.pattern != plain.pattern for (_, fast, _, _), (_, plain) in zip(finder.rules.plan, plain_regexes))
    for text in FIGURE_PHRASES + [s for s, _ in PHRASINGS] + lexicon_phrases() + corpus_texts():
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        plain = sorted((r["id"], m.span()) for r, rx in plain_regexes for s, e in lines for m in rx.finditer(text, s, e))
        fast = sorted((r["id"], m.span()) for r, m in finder.rules.matches(text, lower_same_length(text)))
        assert fast == plain, text


@pytest.mark.parametrize("component", ["de_money", "de_percent"])
def test_the_figure_phrases_exercise_every_rule(component):
    from pipeline.components.rules import lower_same_length
    from pipeline.extract import load_nlp

    rules = load_nlp().get_pipe(component).rules
    phrases = FIGURE_PHRASES + [s for s, _ in PHRASINGS]
    hit = {r["id"] for t in phrases for r, _ in rules.matches(t, lower_same_length(t))}
    assert hit == {r["id"] for r, _ in rules.rules}


def test_cues_with_capturing_groups_keep_their_group_numbers():
    """Grouping by first letter reorders cues; cues with a capturing group must not be."""
    fragments = ["z(a)", "a(b)", "z(c)"]
    plain = re.compile("|".join(f"(?:{f})" for f in fragments), re.IGNORECASE)
    text = "zc, AB und za"
    assert [m.groups() for m in cue_regex(fragments).finditer(text)] == [m.groups() for m in plain.finditer(text)]


# a percentage's kind from the cues of its sentence: a rate cue before or only after it, a
# share of costs, an own-share cue, both kinds (the nearer wins), none. classify looks for
# a rate cue with search where no own-share cue occurs, for its positions where one does.
@pytest.mark.parametrize("text, kinds", [
    ("Der Fördersatz beträgt 80 Prozent.", ["funding_rate"]),
    ("Es gibt 80 Prozent Förderung.", ["funding_rate"]),
    ("Das Land trägt 80 Prozent der Ausgaben.", ["funding_rate"]),  # the recipient paying: own share (test_own_share_payers)
    ("20 Prozent trägt die Kommune als Eigenanteil.", ["own_share"]),
    ("Der Eigenanteil beträgt 20 Prozent, die Förderquote 80 Prozent.", ["funding_rate", "funding_rate"]),
    ("Die Zahl stieg um 5 Prozent.", [""]),
    ("80 Prozent der Kommunen machen mit.", [""]),
    # a share of a measure is a rate where funding is named, else none
    ("Gefördert werden bis zu 70 % des Neubaus und der Erweiterung von Schulen.", ["funding_rate"]),
    ("Das Land fördert bis zu 90 Prozent der Generalsanierung.", ["funding_rate"]),
    ("70 Prozent des Ausbaus sind abgeschlossen.", [""]),
    ("80 Prozent der Kommunen werden gefördert.", [""]),
])
def test_percent_kinds(text, kinds):
    from pipeline.extract import load_nlp

    mentions = load_nlp()(text)._.mentions
    assert [m["attrs"]["kind"] for m in mentions if m["label"] == "PERCENT"] == kinds
