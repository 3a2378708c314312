"""Grant lists: the gate before the list item pattern (may_follow_an_amount) changes nothing.

The plain way runs the list item pattern over every text with two stated amounts; the gated
way runs it only where a grouped number follows a stated amount closely, with no sentence or
line break between. Both must find the same amounts and refuse the same cells.
"""

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.components.grant_tables import GrantTables
from pipeline.components.rules import lower_same_length
from pipeline.io.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# lists with and without a currency-less item, items across a sentence or line break, an
# item too far from its neighbours, spaced and non-breaking thousands, an item of 0 and one
# too large
LISTS = [
    "Es erhalten Nordheim 600.000 Euro, Südheim 300.000, Westheim 700.000 Euro.",
    "Es erhalten Nordheim 600.000 Euro, Südheim 300 000 und Westheim 700.000 Euro.",
    "Es erhalten Nordheim 600.000 Euro, Südheim 300\u00a0000, Westheim 700.000 Euro.",
    "Es erhalten Nordheim 600.000 Euro. Südheim 300.000, Westheim 700.000 Euro.",
    "Es erhalten Nordheim 600.000 Euro;\nSüdheim 300.000, Westheim 700.000 Euro.",
    "Nordheim 600.000 Euro, und dann kommt eine sehr lange Beschreibung ohne jeden Punkt darin, Südheim 300.000, Westheim 7 Euro",
    "Die Stadt bekommt 2 Mio. Euro, der Kreis 1.000.000, die Gemeinde 500.000 Euro und das Land 0.000, Ost 1.000 Euro.",
    "Es gibt 5.000 Euro für A und 7.000 Euro für B.",
    "Es gibt 5.000 Euro für A, und Bdorf 12.000.000.000.000.000, und C 7.000 Euro.",
    # the amount after the item too far (and just near enough) after where its number ends
    "Nordheim 600.000 Euro, Südheim 300.000, und danach folgen noch sehr viele weitere Worte ohne Punkt, Westheim 700.000 Euro.",
    "Nordheim 600.000 Euro, Südheim 1 000 000 000 000, und danach folgen noch viele Worte ohne, Westheim 700.000 Euro.",
    "Nordheim 600.000 Euro, Südheim 300.000 und danach folgen noch viele weitere Worte, Westheim 700.000 Euro.",
    "",
]


def plain_and_gated(finder, text):
    """(found, refused) of list_amounts, run plainly and through its gate."""
    scan_money = finder.find(text, lower_same_length(text))
    runs = []
    for gate in (lambda text, explicit: True, GrantTables.may_follow_an_amount):
        refused = []
        tables = GrantTables.__new__(GrantTables)
        tables.__dict__.update(finder.tables.__dict__)
        tables.may_follow_an_amount = gate
        found = tables.list_amounts(text, scan_money, refused)
        runs.append(([(f.start, f.end, f.value) for f in found], [(r.start, r.end, r.attrs["refused"]) for r in refused]))
    return runs


@pytest.mark.parametrize("text", LISTS)
def test_the_gate_changes_no_list_amount(nlp, text):
    plain, gated = plain_and_gated(nlp.get_pipe("de_money"), text)
    assert gated == plain


def test_the_phrases_find_list_amounts_and_refusals(nlp):
    """The table above is not vacuous: some phrases have list amounts, one a refused one,
    and some are gated out."""
    finder = nlp.get_pipe("de_money")
    runs = [plain_and_gated(finder, text)[0] for text in LISTS]
    assert sum(bool(found) for found, _ in runs) >= 3 and any(refused for _, refused in runs)
    explicit = [sorted((f.start, f.end) for f in finder.find(t, lower_same_length(t)) if not f.attrs["implicit"]) for t in LISTS]
    assert any(len(e) >= 2 and not GrantTables.may_follow_an_amount(t, e) for t, e in zip(LISTS, explicit))


def test_the_gate_changes_no_list_amount_on_the_corpus(nlp):
    finder = nlp.get_pipe("de_money")
    for path in sorted(CORPUS.iterdir()):
        text = clean(read_source(path).text).text
        plain, gated = plain_and_gated(finder, text)
        assert gated == plain, path.name
