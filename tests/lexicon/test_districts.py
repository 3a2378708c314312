"""The district gazetteer: its counts per Land, that it is what its script derives, and the
Land that district phrases give (one row per German phrasing; None where the name does not
settle the Land)."""

import doctest
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

import pipeline.lexicon.districts as districts
from pipeline.lexicon import LEXICON_DIR, read_lexicon
from pipeline.schema import LANDS

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "make_districts.py"


def load_script():
    spec = importlib.util.spec_from_file_location("make_districts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("phrase,land", [
    # a Kreis named by its own name, with or without Kreis word, genitive -s or -es
    ("Ortenaukreis", "Baden-Württemberg"),
    ("Ortenaukreises", "Baden-Württemberg"),
    ("Landkreis Hildburghausen", "Thüringen"),
    ("Landratsamt Hildburghausen", "Thüringen"),
    ("Landratsamtes Hildburghausen", "Thüringen"),
    ("Hildburghausen", "Thüringen"),
    ("Kreis Mettmann", "Nordrhein-Westfalen"),
    ("Kreises Mettmann", "Nordrhein-Westfalen"),
    ("Rhein-Neckar-Kreis", "Baden-Württemberg"),
    ("Rhein-Neckar-Kreises", "Baden-Württemberg"),
    ("Mittelsachsen", "Sachsen"),
    ("Mittelsachsens", "Sachsen"),
    ("Landkreis Mittelsachsen", "Sachsen"),
    ("Kreisverwaltung Mayen-Koblenz", "Rheinland-Pfalz"),
    ("Hildburghausen-Kreis", "Thüringen"),
    ("Märkischen Kreis", "Nordrhein-Westfalen"),
    ("Oberbergischen Kreises", "Nordrhein-Westfalen"),
    ("Berchtesgadener Land", "Bayern"),
    ("Berchtesgadener Landes", "Bayern"),
    ("Südlichen Weinstraße", "Rheinland-Pfalz"),
    ("Sächsischen Schweiz-Osterzgebirge", "Sachsen"),
    ("Landkreis Rostock", "Mecklenburg-Vorpommern"),
    ("Landkreises Rostock", "Mecklenburg-Vorpommern"),
    ("Eifelkreis Bitburg-Prüm", "Rheinland-Pfalz"),
    ("Region Hannover", "Niedersachsen"),
    ("Städteregion Aachen", "Nordrhein-Westfalen"),
    ("Regionalverband Saarbrücken", "Saarland"),
    ("Landkreis Nienburg/Weser", "Niedersachsen"),
    ("Landkreis Rotenburg (Wümme)", "Niedersachsen"),
    ("Landkreis Pfaffenhofen an der Ilm", "Bayern"),
    ("Landkreis Mühldorf a.Inn", "Bayern"),
    ("Landkreis Dillingen an der Donau", "Bayern"),
    # kreisfreie Städte and Stadtkreise, with "Stadt" or alone
    ("Stadt Fürth", "Bayern"),
    ("kreisfreien Stadt Zweibrücken", "Rheinland-Pfalz"),
    ("Stadtkreis Heilbronn", "Baden-Württemberg"),
    ("Landeshauptstadt Schwerin", "Mecklenburg-Vorpommern"),
    ("Bremerhaven", "Bremen"),
    ("Frankfurt am Main", "Hessen"),
    ("Frankfurt (Oder)", "Brandenburg"),
    ("Halle (Saale)", "Sachsen-Anhalt"),
    ("Stadt Münster", "Nordrhein-Westfalen"),
    ("Stadt Essen", "Nordrhein-Westfalen"),
    ("Landkreis Hof", "Bayern"),
    ("Stadt Eisenach", "Thüringen"),  # kreisfrei until 2021, now in the Wartburgkreis
    ("Landkreis Birkenfeld", "Rheinland-Pfalz"),
    # names that do not settle the Land
    ("Neustadt", None),  # kreisfreie Stadt in Rheinland-Pfalz, Landkreise in Bayern
    ("Stadt Neustadt", None),
    ("Frankfurt", None),
    ("Halle", None),  # a word, and Halle (Westf.)
    ("Stadt Halle", None),
    ("Stadt Landau", None),  # Landau in der Pfalz and Landau an der Isar
    ("Hof", None),  # an ordinary word
    ("Regen", None),
    ("Essen", None),
    ("Münster", None),  # also a Gemeinde in Hessen, and a church
    ("Rotenburg", None),  # Rotenburg (Wümme) and Rotenburg an der Fulda
    ("Birkenfeld", None),
    ("Harburg", None),  # also a Bezirk of Hamburg
    ("Landkreis Neustadt", None),
    # Land names and unknown names are no district
    ("Berlin", None),
    ("Hamburg", None),
    ("Bremen", None),
    ("Brandenburg", None),
    ("Landkreis Nordheide", None),
    ("Stadt Südhafen", None),
    ("Kreis", None),
    ("", None),
])
def test_district_land(phrase, land):
    assert districts.district_land(phrase) == land


@pytest.mark.parametrize("text,found", [
    ("Die Feuerwehren im Ortenaukreis erhalten neue Fahrzeuge.", [("Ortenaukreis", "Baden-Württemberg")]),
    ("Das teilte der Breitbandkoordinator Mittelsachsens mit.", [("Mittelsachsens", "Sachsen")]),
    ("Im Landratsamt Hildburghausen wurden die Bescheide übergeben.",
     [("Landratsamt Hildburghausen", "Thüringen")]),
    ("Die Stadt Fürth und der Landkreis Roth teilen sich die Kosten.",
     [("Stadt Fürth", "Bayern"), ("Landkreis Roth", "Bayern")]),
    ("Der Hof der Schule in Neustadt wird neu gestaltet.", []),
    ("Der Kreis Neustadt-Nord ist erfunden.", []),
    # the Kreis or Stadt word before a name belongs to the phrase, the longest form wins
    ("Die kreisfreien Stadt Zweibrücken und der Landkreis Herzogtum Lauenburg planen.",
     [("kreisfreien Stadt Zweibrücken", "Rheinland-Pfalz"), ("Landkreis Herzogtum Lauenburg", "Schleswig-Holstein")]),
    ("Im Landkreis Pfaffenhofen an der Ilm wird gebaut.", [("Landkreis Pfaffenhofen an der Ilm", "Bayern")]),
    # a name inside a word or a hyphenated compound is none
    ("Die Kieler Woche und das Ortenaukreis-Portal.", []),
    ("Fürth-Süd und Fürther Straße.", []),
])
def test_districts_in(text, found):
    assert [(m.text, m.land) for m in districts.districts_in(text)] == found


def test_counts_per_land_are_the_known_totals():
    entries = read_lexicon("districts")
    kinds = Counter((e["land"], e["kind"] in districts.CITY_KINDS) for e in entries)
    cities = sum(n for (_, is_city), n in kinds.items() if is_city)
    assert (len(entries) - cities, cities) == (294, 106)
    assert (kinds["Bayern", False], kinds["Bayern", True]) == (71, 25)
    assert (kinds["Bremen", False], kinds["Bremen", True]) == (0, 2)
    assert {e["land"] for e in entries} == set(LANDS)
    assert len({e["ags"] for e in entries}) == len(entries)


def test_no_form_is_a_land_name():
    forms = {f for e in read_lexicon("districts") for f in e["forms"]}
    assert not forms & (set(LANDS) | {land + "s" for land in LANDS})


def test_committed_file_is_what_the_script_derives():
    """The forms and ambiguity in districts.yaml are what tools/make_districts.py derives from its facts."""
    script = load_script()
    facts = [{k: e[k] for k in ("ags", "official", "kind", "land", "towns_elsewhere")}
             for e in read_lexicon("districts")]
    derived = script.derive(facts)
    script.check_counts(derived)
    committed = (LEXICON_DIR / "districts.yaml").read_text(encoding="utf-8")
    assert script.render(derived) == committed, "districts.yaml is stale: run tools/make_districts.py"


def test_doctests():
    results = doctest.testmod(districts)
    assert results.attempted > 0 and results.failed == 0
