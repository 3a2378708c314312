"""The record fields' speed devices give the plain way's answers.

Land, programme and body keep answers per doc and per window (DocContext.per_span, one
ClauseBreaks for the three, canonical names and name keys, the issuer found when first
asked) and some of their regexes open with a lead lookahead. Each figure's fields read from
one doc's shared objects, asked in reverse order, must equal those read from objects made
for that figure alone; each regex must find what it finds without its lookahead.
"""

import re
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.components.records.assemble import DocFields

CORPUS = sorted(Path("corpus").glob("*.txt"))
# written shapes that reach each rule: givers, stand-ins, own sources, sections, districts
TEXTS = [
    "Förderung für Sachsen\n\nDer Freistaat Sachsen erhält 2 Mio. Euro vom Bund. Weitere 20.000 Euro "
    "kommen aus dem Härtefallfonds, 30.000 Euro aus Rücklagen. Das Land übernimmt 80 Prozent.",
    "Das Innenministerium fördert die Sanierung mit 1,2 Mio. Euro aus dem Programm Stadtumbau. "
    "Der Landkreis Cham stellt weitere 50.000 Euro bereit, der Bund 3 Mio. Euro. Weitere "
    "Informationen auf der Homepage des Ministeriums.",
    "Bayern\n\nIm Landkreis Cham erhalten Schulen 400.000 Euro.\n\nHessen\n\nDer Landtag hat "
    "5 Mio. Euro für ganz Deutschland beschlossen; bundesweit sind es 9 Mrd. Euro, davon "
    "90 Prozent Bundesmittel.",
]


def doc_before_records(nlp, text: str):
    doc = nlp.make_doc(clean(text).text)
    for name, component in nlp.pipeline:
        if name == "de_records":
            break
        doc = component(doc)
    return doc


def answers(records, fields: DocFields, at: tuple[int, int]) -> tuple:
    start, end = at
    window = fields.ctx.window(start, end)
    return (fields.lands.at(start, end, window), fields.programmes.at(start, end, window),
            fields.bodies.at(start, end, window))


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in CORPUS],
                         ids=[f"text{i}" for i in range(len(TEXTS))] + [p.stem for p in CORPUS])
def test_shared_answers_are_each_figures_own(nlp, text):
    records = nlp.get_pipe("de_records")
    shared = records.fields_of(doc_before_records(nlp, text))
    ctx = shared.ctx
    spans = [(f.start, f.end) for f in ctx.figures] + [(m.start, m.end) for m in shared.programmes.names.values()]
    assert shared.lands.clause_breaks is shared.bodies.clause_breaks is shared.programmes.clause_breaks
    for at in reversed(spans):  # the shared objects asked in another order than the plain way's
        alone = records.fields_of(doc_before_records(nlp, text))  # nothing kept from other figures
        assert answers(records, shared, at) == answers(records, alone, at), (at, ctx.text[at[0]:at[1]])


LOOKAHEAD = re.compile(r"^\(\?=\[[^\]]*\]\)")
PHRASES = [
    "Mittel aus dem Härtefallfonds und aus der Sportstättenförderung", "Aus dem kommunalen Ausgleichstock",
    "über die Städtebauförderung", "Haus dem Fonds", "im Rahmen des Investitionspakts", "Mitteln der Jagdabgabe",
    "finanziert aus Rücklagen und über einen Kredit", "Durch Kredite", "Haus Rücklagen",
    "der Bund übernimmt, das Land fördert, er gibt", "beschlossen und genehmigt", "Vergibt", "ungefördert",
    "Weitere Informationen auf der Homepage", "HOMEPAGE", "die Internetseite, die webseite", "",
]


def lookahead_regexes(nlp):
    records = nlp.get_pipe("de_records")
    body, sources = records.body_rules, records.own_sources
    return [body.giving_verb.regex, body.deciding_verb.regex, body.pointer.regex, sources.source, sources.own_funds]


@pytest.mark.parametrize("n", range(5))
def test_lead_lookaheads_change_no_match(nlp, n):
    regex = lookahead_regexes(nlp)[n]
    assert LOOKAHEAD.match(regex.pattern), regex.pattern[:40]
    plain = re.compile(LOOKAHEAD.sub("", regex.pattern), regex.flags)
    for text in PHRASES + [p.read_text(encoding="utf-8") for p in CORPUS]:
        assert [m.span() for m in regex.finditer(text)] == [m.span() for m in plain.finditer(text)], text[:60]


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in CORPUS],
                         ids=[f"text{i}" for i in range(len(TEXTS))] + [p.stem for p in CORPUS])
def test_window_without_source_phrase_has_no_clause_naming_one(nlp, text):
    """names_own_source skips a window that holds no source phrase; the plain way finds the
    figure's clause and searches it. Every figure, and every other offset pair of the window."""
    fields = nlp.get_pipe("de_records").fields_of(doc_before_records(nlp, text))
    programmes, ctx = fields.programmes, fields.ctx
    for f in ctx.figures:
        s, e = ctx.window(f.start, f.end)
        assert programmes.names_own_source(f.start, f.end, s, e) == programmes.clause_names_source(f.start, f.end, s, e)
        for start in range(s, e, 7):
            end = min(e, start + 5)
            assert programmes.names_own_source(start, end, s, e) == programmes.clause_names_source(start, end, s, e)


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in CORPUS],
                         ids=[f"text{i}" for i in range(len(TEXTS))] + [p.stem for p in CORPUS])
def test_giver_without_a_marked_candidate_is_none(nlp, text):
    """Bodies.giver returns "" for a window none of whose candidates is marked as a giver,
    without finding the clause; the plain way picks the nearest in the clause and finds it
    gives nothing. Every figure, and offsets across each window."""
    from pipeline.components.records.body import distance_at

    bodies = nlp.get_pipe("de_records").fields_of(doc_before_records(nlp, text)).bodies
    ctx = bodies.ctx

    def plain(s, e, start, end):
        cs, ce = bodies._clause(s, e, start, end)
        cands = [c for c in bodies._find_candidates(s, e) if cs <= c[0] < ce] or \
            [c for c in bodies._find_candidates(s, e) if c[2]]
        best = min(cands, key=lambda c: distance_at(c[0], start, end), default=None)
        return best[1] if best and best[2] else ""

    for f in ctx.figures:
        s, e = ctx.window(f.start, f.end)
        for start, end in [(f.start, f.end)] + [(x, min(e, x + 5)) for x in range(s, e, 11)]:
            assert bodies.giver(s, e, start, end) == plain(s, e, start, end), (start, ctx.text[s:e])


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in CORPUS],
                         ids=[f"text{i}" for i in range(len(TEXTS))] + [p.stem for p in CORPUS])
def test_window_without_district_form_has_no_district_land(nlp, text):
    """Lands.district_land skips the doc's district pass for a window that holds no district
    form; the plain way reads the doc's district phrases. Every sentence, heading and figure
    window, and the lead."""
    lands = nlp.get_pipe("de_records").fields_of(doc_before_records(nlp, text)).lands
    ctx = lands.ctx
    spans = list(zip(ctx.layout.sent_starts, ctx.layout.sent_ends)) + [(h.start, h.end) for h in ctx.layout.headings]
    spans += [ctx.window(f.start, f.end) for f in ctx.figures] + [(0, ctx.lead_chars)]
    for s, e in spans:
        assert lands.district_land(s, e) == lands.plain_district_land(s, e), ctx.text[s:e]
