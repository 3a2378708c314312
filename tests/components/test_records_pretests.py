"""Record assembly's shortcuts against the plain way, table-driven: cue_regex's first-letter
lookaheads, ClauseBreaks and DocContext's bisect look-ups.
The rows (short sentences we wrote ourselves) were written against the shortcuts since
removed (per-sentence memos, word pre-tests); they stay as record tests.
"""

import re
from pathlib import Path

import pytest

from pipeline.lexicon import read_lexicon

from pipeline.components.rules import cue_regex, first_letters, has_top_level_alternative
from pipeline.extract import extract_text


def row(text, *records, id=None):
    return pytest.param(text, list(records), id=id or text[:60])


@pytest.mark.parametrize("fragments, letters", [
    (["pro\\s+Jahr", "je\\s+Jahr"], "jp"),
    (["Jahrespauschale", "jährlich\\w*"], "Jj"),
    (["über", "mehr\\s+als"], "mü"),
    (["x[]|]y"], "x"),  # "]" first in a set is a literal, the "|" is in the set
    (["x[^]|]y"], "x"),
    (["a\\|b"], "a"),  # an escaped bar
    (["ab{2}"], "a"),  # the quantifier is the b's
    (["a?b"], ""),  # the first letter may be left out
    (["a*b"], ""),
    (["a+b"], ""),
    (["a{0,2}b"], ""),
    (["ab|cd"], "ac"),  # each alternative begins with a letter
    (["(?:ab|cd)"], "ac"),
    (["(?:in|für)\\s+Deutschland", "bundesweit"], "bfi"),
    (["(?:a(?:b|c)|d)e"], "ad"),
    (["(?:ab|cd)?e"], ""),  # the group may be left out
    (["(?:ab|\\w)"], ""),
    (["(?:|a)b"], ""),  # an empty alternative: the match may begin with b
    (["(?:ab"], ""),  # a group that does not close
    (["ab", "\\w+"], ""),  # one fragment that may begin with anything spoils all
    (["^ab"], ""),
    (["[ab]c"], "ab"),
    (["(?:[Aa]us|[Üü]ber)[ \t]+dem"], "AaÜü"),  # the source openers' shape
    (["[ab]?c"], ""),
    (["[^ab]c"], ""),
    (["[a-c]d"], ""),  # a range is not taken apart
    (["(a)|b"], ""),  # a capturing group is not looked into
    (["[(]a|b"], ""),  # the "(" is in a set (no letter): the bar is at the top level
    ([], ""),
])
def test_first_letters(fragments, letters):
    assert first_letters(fragments) == letters


@pytest.mark.parametrize("fragment, expected", [
    ("a|b", True), ("(a|b)", False), ("(a)|(b)", True), ("a[|]b", False), ("a\\|b", False),
    ("a[\\]|]b", False), ("a[]|]b", False), ("[(]|a", True), ("a(?:b|c)d", False),
    ("a[|", False),  # a set that does not close holds the rest
])
def test_top_level_alternative(fragment, expected):
    assert has_top_level_alternative(fragment) is expected


CUES = read_lexicon("cues")
FAMILIES = {f"per/{unit}": frags for unit, frags in CUES["per"].items()}
FAMILIES["per/all"] = [frag for frags in CUES["per"].values() for frag in frags]
TEXTS = [
    "PRO JAHR und JE KOMMUNE", "Jährlich, halbjährlich, im Jahr, im Jahr 2025", "Per Annum, P.A., p. a.",
    "jedem Landkreis, jede kleine Gemeinde, jedes Vorhaben, Jeden Cluster", "pro Kopf je Teilnehmerin",
    "Jahrespauschale pro Haushaltsjahr", "ım Jahr, İM JAHR, pro ſchüler",  # letters re folds to i and s
    "nichts davon", "",
]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_lead_lookahead_finds_what_the_cues_find(family):
    plain = re.compile("|".join(f"(?:{f})" for f in FAMILIES[family]), re.IGNORECASE)
    fast = cue_regex(FAMILIES[family])
    assert fast.pattern.startswith("(?=[")
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("letters", ["ijp", "abn", "dh", "s", "k"])
def test_a_letter_set_folds_as_its_letters(letters):
    """What the lookahead relies on: case-insensitively, "[ijp]" matches what "i", "j" or "p" do,
    also the few letters outside ASCII that re folds to them (ı, İ, ſ, K)."""
    chars = [chr(c) for c in range(0x250)] + ["ẞ", "K", "Å"]
    together = re.compile(f"[{letters}]", re.I)
    alone = [re.compile(c, re.I) for c in letters]
    for ch in chars:
        assert bool(together.match(ch)) == any(r.match(ch) for r in alone), ch


ROWS = [
    # per cues before and after the figure, in capitals: the lookahead is case-insensitive
    row("PRO JAHR stehen jeder Gemeinde 8.000 Euro zur Verfügung.", dict(value="8000", per="year+municipality")),
    row("Die Stadt bekommt 40.000 Euro p. a.", dict(value="40000", per="year")),
    row("Für jedes Projekt gibt es 9.000 Euro.", dict(value="9000", per="project")),
    row("Im Jahr fließen 2 Mio. Euro, im Jahr 2026 dann 3 Mio. Euro.",
        dict(value="2000000", per="year"), dict(value="3000000", per="", period_start="2026")),
    row("Die Jahrespauschale beträgt 600 Euro je Teilnehmerin.", dict(value="600", per="year+person")),
    row("Per annum sind 5.000 Euro vorgesehen, pro Haushaltsjahr höchstens 7.000 Euro.",
        dict(value="5000", per="year"), dict(value="7000", per="year", qualifier="up_to")),
    row("Es gibt Jeweils 1 Mio. Euro für die Jahre 2025 bis 2027.", dict(value="1000000", per="year")),
    # a qualifier of each family, some in capitals, some after a filler
    row("Das Land gibt ZIRKA 3 Mio. Euro, Weit über 1 Mio. Euro davon für Schulen.",
        dict(value="3000000", qualifier="approx"), dict(value="1000000", qualifier="over")),
    row("Die Förderung beträgt Maximal 60.000 Euro, Mindestens aber 5.000 Euro.",
        dict(value="60000", qualifier="up_to"), dict(value="5000", qualifier="at_least")),
    row("Annähernd 2 Mio. Euro sind gebunden; ungefähr 500.000 Euro sind frei; Knapp 40 Prozent werden gefördert.",
        dict(value="2000000", qualifier="approx"), dict(value="500000", qualifier="approx"),
        dict(value="40", qualifier="approx")),
    row("Das Ministerium gibt im Höchstfall 90.000 Euro, Wenigstens 10.000 Euro, gut 20.000 Euro.",
        dict(value="90000", qualifier="up_to"), dict(value="10000", qualifier="at_least"),
        dict(value="20000", qualifier="approx")),
    row("Die Obergrenze liegt bei 80.000 Euro, die Untergrenze beträgt 8.000 Euro.",
        dict(value="80000", qualifier="up_to"), dict(value="8000", qualifier="at_least")),
    # several figures in one sentence: what the memo keeps per sentence, what each figure decides
    row("Sachsen gibt 3 Mio. Euro und Thüringen 2 Mio. Euro.",
        dict(value="3000000", land="Sachsen"), dict(value="2000000", land="Thüringen")),
    row("Das Land Hessen gibt 1 Mio. Euro, der Bund gibt 2 Mio. Euro.",
        dict(value="1000000", body="Land Hessen"), dict(value="2000000", body="Bund")),
    row("Der Bund und alle Länder geben 5 Mio. Euro und weitere 2 Mio. Euro.",
        dict(value="5000000", land=""), dict(value="2000000", land="")),
    row("Vorhaben werden mit 20.000 Euro oder 30.000 Euro gefördert.",
        dict(value="20000", per="project"), dict(value="30000", per="project")),
    # "alle Länder" and the like (a lookahead on a, b, n) keep the subject's Land off the figure
    row("Sachsen fördert Schulen. Dort fließen 3 Mio. Euro.", dict(value="3000000", land="Sachsen")),
    row("Sachsen fördert Schulen. BUNDESWEIT fließen 3 Mio. Euro.", dict(value="3000000", land="")),
    row("Sachsen fördert Schulen. In den Neuen Bundesländern fließen 3 Mio. Euro.", dict(value="3000000", land="")),
    row("Sachsen fördert Schulen. Allen Ländern stehen 3 Mio. Euro zu.", dict(value="3000000", land="")),
    row("Sachsen fördert Schulen. Die alten Bundesländer erhalten 3 Mio. Euro.", dict(value="3000000", land="")),
    row("Sachsen fördert Schulen. Der Bund und die Länder geben 3 Mio. Euro.", dict(value="3000000", land="Sachsen")),
    # "hiervon" (a lookahead on d, h): the part takes the period of the sum before it
    row("Für 2024 bis 2026 stehen 9 Mio. Euro bereit, Hiervon gehen 3 Mio. Euro an Schulen.",
        dict(value="9000000", period_end="2026"), dict(value="3000000", period_start="2024", period_end="2026")),
    # Land stand-ins (a lookahead on their first letters, case-sensitive)
    row("Der Senat stellt 4 Mio. Euro bereit.", dict(value="4000000", body="Senat")),
    row("Die Staatsregierung stellt 4 Mio. Euro bereit.", dict(value="4000000", body="Staatsregierung")),
    row("Des Freistaates Sachsen Mittel von 6 Mio. Euro fließen.", dict(value="6000000", body="Freistaat Sachsen")),
    # bound nouns (their plain beginnings looked for first, case-sensitive)
    row("Der Höchstbetrag beträgt 5.000 Euro.", dict(value="5000", qualifier="up_to")),
    row("Das Mindestvolumen liegt bei 10.000 Euro.", dict(value="10000", qualifier="at_least")),
    row("Die Bagatellgrenze liegt bei 25.000 Euro.", dict(value="25000", qualifier="at_least")),
    row("Die Deckelung liegt bei 3 Mio. Euro.", dict(value="3000000", qualifier="up_to")),
    # "davon", "darunter" (looked for in the lower-cased window first)
    row("Für 2024 bis 2026 stehen 9 Mio. Euro bereit, DAVON gehen 3 Mio. Euro an Schulen.",
        dict(value="9000000", period_end="2026"), dict(value="3000000", period_start="2024", period_end="2026")),
    row("Für 2024 bis 2026 stehen 9 Mio. Euro bereit, darunter 3 Mio. Euro für Schulen.",
        dict(value="9000000", period_end="2026"), dict(value="3000000", period_start="2024", period_end="2026")),
    # a per_subject cue after a colon (tried at the start and at colons only)
    row("Neu ist: Jede Gemeinde erhält 5.000 Euro.", dict(value="5000", per="municipality")),
    row("Die Regel lautet: Vorhaben werden mit 8.000 Euro gefördert.", dict(value="8000", per="project")),
    # "…bescheid über" is no "over" (over_not_after, searched without its leading \w*), also
    # inside a compound; "über" alone is
    row("Der Förderbescheid über 5.000 Euro ging an die Stadt.", dict(value="5000", qualifier="exact")),
    row("Zwei Zuwendungsbescheide über 7.000 Euro gingen an die Stadt.", dict(value="7000", qualifier="exact")),
    row("Die Stadt erhält über 5.000 Euro.", dict(value="5000", qualifier="over")),
    row("Die Förderbank vergibt Kredite über 100 Millionen Euro.", dict(value="100000000", qualifier="exact")),
    row("Es wurden Förderanträge über 5 Mio. Euro gestellt.", dict(value="5000000", qualifier="exact")),
    row("Er übergab die Zusage über eine halbe Million Euro.", dict(value="500000", qualifier="exact")),
    # "auf … begrenzt" (a plain "auf" looked for before AUF_BEFORE)
    row("Die Förderung ist auf 750.000 Euro begrenzt.", dict(value="750000", qualifier="up_to")),
    row("Die Förderung ist auf 750.000 Euro erhöht.", dict(value="750000", qualifier="exact")),
    # a bound after the figure with any words before it: "… nicht überschreiten"
    row("Die Zuwendung darf 200.000 Euro je Vorhaben nicht übersteigen.", dict(value="200000", qualifier="up_to")),
    row("Die Fördersumme darf 50 Prozent der Kosten nicht überschreiten.", dict(value="50", qualifier="up_to")),
    # a Land followed by a dateline is no Land of the figure (a comma looked for before
    # DATELINE_AFTER), in the lead and in the figure's sentence (lands_in keeps those with a Land)
    # (Kassel, a kreisfreie Stadt, gives its own Land: the dateline's Bayern never)
    row("Bayern, 12.03.2025 – Die Stadt Kassel erhält 3 Mio. Euro.", dict(value="3000000", land="Hessen")),
    row("Die Stadt Kassel in Hessen erhält 3 Mio. Euro. Bayern, den 3. Mai: Die Stadt erhält 2 Mio. Euro.",
        dict(value="3000000", land="Hessen"), dict(value="2000000", land="Hessen")),
    # a sentence without a period attaches none (attached_period returns at once), also after
    # "Davon"; the section heading's period still applies
    row("Für 2024 bis 2026 stehen 9 Mio. Euro bereit. Davon gehen 3 Mio. Euro an Schulen.",
        dict(value="9000000", period_start="2024"), dict(value="3000000", period_start="", period_end="")),
    row("Neue Förderung 2025 bis 2027\nDas Land gibt 3 Mio. Euro für Schulen.",
        dict(value="3000000", period_start="2025", period_end="2027")),
    # a Land named in a section heading (not in the lead) is the Land of the section's figures;
    # a doc that names no Land at all has none for its headings (they are not looked at)
    row("Der Bund stärkt die Schulen im ganzen Land mit neuen Mitteln. " * 8
        + "\n\nFörderung in Sachsen\n\nDie Stadt erhält 3 Mio. Euro.", dict(value="3000000", land="Sachsen"),
        id="Land of a section heading"),
    row("Der Bund stärkt die Schulen im ganzen Land mit neuen Mitteln. " * 8
        + "\n\nFörderung in Schulen\n\nDie Stadt erhält 3 Mio. Euro.", dict(value="3000000", land=""),
        id="no Land, no Land of a heading"),
    # a government named in the lead is the issuer (its words looked for before GOVERNMENT)
    row("Die Bundesregierung plant neue Hilfen für Schulen. Es fließen 3 Mio. Euro.",
        dict(value="3000000", body="Bundesregierung")),
    row("Der Senat plant neue Hilfen für Schulen. Es fließen 3 Mio. Euro.", dict(value="3000000", body="Senat")),
    # the issuer is named three times (issuer_min_mentions), all after the lead, which names only
    # a government: the count must be taken although there are no more organisations than that
    row("Die Landesregierung will die Schulen im ganzen Land stärken und mehr Geld für gute Ausstattung geben. " * 5
        + "Das Ministerium für Digitales berät die Schulen. Das Ministerium für Digitales prüft die Anträge. "
        "Das Ministerium für Digitales zahlt aus. Insgesamt fließen 3 Mio. Euro.",
        dict(value="3000000", body="Ministerium für Digitales"), id="issuer named exactly three times"),
]



@pytest.mark.parametrize("text,expected", ROWS)
def test_records(nlp, text, expected):
    records = extract_text(text, nlp=nlp).records
    got = [{k: getattr(r, k) for k in exp} for r, exp in zip(records, expected)]
    assert got == expected and len(records) == len(expected), [r for r in records]


LOOKUP_TEXTS = [
    "Hessen gibt 2025 1 Euro 2 Euro, 3 Prozent und 4 Mio. Euro sowie 5 Euro.",
    "Das Land Hessen und die Stadt Kassel geben 2 Mio. Euro. Sachsen zahlt rund 5 Prozent, das Ministerium der Finanzen prüft.",
    "Förderung in Bayern\nDer Freistaat Bayern stellt 2025 bis 2027 jährlich 3 Mio. Euro bereit, Thüringen 1 Mio. Euro.",
]


@pytest.mark.parametrize("text", LOOKUP_TEXTS, ids=lambda t: t[:40])
def test_look_ups_return_what_a_pass_over_all_mentions_does(nlp, text):
    """DocContext.of, in_range and figures_in against a plain filter of its mentions in document
    order (they bisect a per-label list)."""
    from pipeline.clean import clean
    from pipeline.components.records.context import DocContext

    doc = nlp.make_doc(clean(text).text)
    for name, component in nlp.pipeline:
        if name == "de_records":
            assembler = component
            break
        doc = component(doc)
    ctx = DocContext(doc, assembler.settings, assembler.clause_break)
    labels = sorted({m.label for m in ctx.mentions})
    assert len(labels) >= 3
    n = len(ctx.text)
    for label in labels + ["NONE"]:
        assert ctx.of(label) == [m for m in ctx.mentions if m.label == label]
        for s in range(0, n + 1, 7):
            for e in (s, s + 15, s + 60, n):
                expected = [m for m in ctx.mentions if m.label == label and s <= m.start <= e and m.end <= e]
                assert ctx.in_range(label, s, e) == expected, (label, s, e)
                figures = [m for m in ctx.figures if s <= m.start < e]
                assert ctx.figures_in(s, e) == figures, (s, e)
    for f in ctx.figures:  # neighbour_figures bisects; the plain way is a pass over the figures
        for s in range(0, f.start + 1, 3):
            for e in (f.end, f.end + 20, n):
                before = [m.end for m in ctx.figures if s <= m.start < e and s < m.end <= f.start]
                after = [m.start for m in ctx.figures if f.end <= m.start < e]
                assert ctx.neighbour_figures(f, s, e) == (max(before, default=s), min(after, default=e)), (f, s, e)


# the text between two offsets -> whether ClauseBreaks finds a break there; each row also
# against the plain search over that text, the way Lands.at asked before
CLAUSE_BREAK_ROWS = [
    ("Hessen gibt 2 Mio. Euro", False),
    ("Hessen, gibt 2 Mio. Euro", True),
    ("Hessen gibt und zahlt", True),
    ("Hessen gibt undzahlt", False),
    (" und ", True),
    ("und ", False),  # the space before the word lies outside: no break (as the plain search)
    (" und", False),  # likewise the space after it
    (" und oder ", True),  # two breaks sharing a space: found at every offset, as by a search
    ("und oder ", True),  # the second of them, its space the first's end: found all the same
    (" und sowie oder  aber, während ", True),  # a chain of them sharing spaces
    ("Hessen (und) gibt", True),
    ("", False),
]


@pytest.mark.parametrize("between, expected", CLAUSE_BREAK_ROWS, ids=[r[0] or "empty" for r in CLAUSE_BREAK_ROWS])
def test_clause_breaks_answer_as_the_regex_over_the_text(nlp, between, expected):
    from pipeline.components.records.context import ClauseBreaks

    regex = nlp.get_pipe("de_records").clause_break
    text = f"Das Land und {between}; dann"  # the sentence around it has breaks of its own
    a = text.index(between, len("Das Land und ")) if between else len("Das Land und ")
    b = a + len(between)
    breaks = ClauseBreaks(text, regex)
    sentence = (0, len(text))
    assert breaks.between(a, b, sentence) == expected
    assert (regex.search(text, a, b) is not None) == expected
    for x in range(len(text) + 1):  # every range of the sentence, and a reversed one
        for y in (x - 1, x, x + 1, x + 5, len(text)):
            assert breaks.between(x, y, sentence) == (regex.search(text, x, y) is not None), (x, y)
        first = regex.search(text, x, len(text))
        assert breaks.first_start_from(x, sentence) == (first.start() if first else len(text)), x
        scanned = list(regex.finditer(text, 0, x))
        assert breaks.last_end_by(x, sentence) == (scanned[-1].end() if scanned else 0), x


def _cue_lists() -> dict[str, list[str]]:
    """Every list of regex fragments in the cue and record lexicons, by name."""
    found = {}
    for lexicon in ("cues", "records"):
        for name, value in read_lexicon(lexicon).items():
            for sub, frags in (value.items() if isinstance(value, dict) else [("", value)]):
                if isinstance(frags, list) and frags and all(isinstance(f, str) for f in frags):
                    found[f"{lexicon}/{name}/{sub}".rstrip("/")] = frags
    return found


CUE_LISTS = _cue_lists()
CORPUS_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[2] / "corpus").glob("*.txt"))]
OWN_TEXTS = ["In ganz Deutschland und FÜR DEUTSCHLAND, bundesweit in allen Bundesländern.",
             "Bei der Übergabe überreichte sie den Bescheid; übergeben wurde er beim Empfang.",
             "ın Deutschland, İN DEUTSCHLAND, für ſachſen"]  # letters re folds specially


@pytest.mark.parametrize("name", sorted(CUE_LISTS))
@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
def test_cue_regex_finds_what_the_plain_alternation_finds(name, flags):
    """Every cue list with its derived lookahead (first letters, looked for in sets and groups
    too) finds what the plain alternation of its fragments finds."""
    frags = CUE_LISTS[name]
    try:
        plain = re.compile("|".join(f"(?:{f})" for f in frags), flags)
    except re.error:
        pytest.skip("a word list, not regex fragments")
    fast = cue_regex(frags, flags=flags)
    for text in OWN_TEXTS + CORPUS_TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


NAME_LOOK_UP_TEXTS = [
    "Die Antragsfrist für das Modellvorhaben endet am 30. Juni.",
    "Anträge zum KfW-Programm Modellvorhaben_2 und zum SoMoVo bis 1. Mai; XSoMoVo, SoMoVos, -SoMoVo.",
    "Modellvorhaben am Anfang, ÜModellvorhaben, 3Modellvorhaben, (Modellvorhaben) und Modellvorhabenmodellvorhaben",
    "ABC ABCD ABC-DE _ABC ABCabc ÄBC ABCÄ",
    "",
]
NAME_LOOK_UP_WORDS = ["Modellvorhaben", "SoMoVo", "ABC", "ABCD", "DE", "Ä", "KfW-Programm", "Modellvorhabenmodellvorhaben"]


@pytest.mark.parametrize("text", NAME_LOOK_UP_TEXTS)
def test_name_look_ups_answer_as_their_regexes(text):
    """starts_a_word and whole_uses (named_in, acronym_named_in) against the regexes they
    replace, for every word at every cut of each text."""
    from pipeline.components.records.programme import starts_a_word
    from pipeline.components.scanning import whole_uses
    for word in NAME_LOOK_UP_WORDS:
        for cut in range(len(text) + 1):
            for part in (text[:cut], text[cut:]):
                assert starts_a_word(part, word) == bool(re.search(rf"(?<![\w]){re.escape(word)}", part)), (word, part)
                assert (next(whole_uses(part, word), None) is not None) == bool(
                    re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", part)), (word, part)
