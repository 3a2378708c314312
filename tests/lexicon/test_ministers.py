"""The Land governments' members (ministers.yaml): the file's shape, the family names the
surname rule reads, and what a phrase naming members says (one row per German phrasing)."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from pipeline.lexicon import LEXICON_DIR, read_lexicon
from pipeline.lexicon.ministers import Cabinets, MemberNames, surname
from pipeline.schema import LANDS

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "make_ministers.py"
TITLES = read_lexicon("records")["minister_titles"]
NOT_LAND_TITLES = read_lexicon("records")["not_land_titles"]


def load_script():
    spec = importlib.util.spec_from_file_location("make_ministers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cabinets():
    return Cabinets.from_lexicon(read_lexicon("ministers"), TITLES, NOT_LAND_TITLES)


def test_every_land_has_a_cabinet_and_nobody_two():
    data = read_lexicon("ministers")
    assert set(data["lands"]) == set(LANDS)
    names = Counter(p["name"] for people in data["lands"].values() for p in people)
    assert all(len(people) >= 5 for people in data["lands"].values())
    assert [n for n, c in names.items() if c > 1] == []
    assert set(names) & set(data["federal"]) == set()


def test_file_is_what_the_script_renders():
    """Hand edits show: the committed file is the script's rendering of its own content."""
    data = read_lexicon("ministers")
    committed = (LEXICON_DIR / "ministers.yaml").read_text(encoding="utf-8")
    assert load_script().render(data["lands"], set(data["federal"])) == committed


@pytest.mark.parametrize("name,family", [
    ("Doris Ahnen", "Ahnen"),
    ("Katharina Günther-Wünsch", "Günther-Wünsch"),
    ("Jakob von Weizsäcker", "von Weizsäcker"),
    ("Kerstin von der Decken", "von der Decken"),
    ("Ralph Alexander Lorz", "Lorz"),
])
def test_surname(name, family):
    assert surname(name) == family


@pytest.mark.parametrize("phrase,lands", [
    ("sagte Finanzministerin Doris Ahnen", {"Rheinland-Pfalz"}),
    ("Doris Ahnen (SPD) sagte", {"Rheinland-Pfalz"}),
    ("Klimaministerin Eder", {"Rheinland-Pfalz"}),
    ("Ministerpräsidentin Schwesig", {"Mecklenburg-Vorpommern"}),
    ("Finanzsenator Dressel", {"Hamburg"}),
    ("Staatsministerin Kaniber", {"Bayern"}),
    ("Wirtschaftsminister von Weizsäcker", {"Saarland"}),
    ("Ministerin Ahnen und Minister Söder", {"Rheinland-Pfalz", "Bayern"}),
    # a federal or European title, a surname without a title, one of two Länder or the Bund: none
    ("Bundesministerin Schulze", set()),
    ("Ministerin Schulze", set()),
    ("Ministerin Schneider", set()),
    ("Bauministerin Geywitz", set()),
    ("Frau Ahnen", set()),
    ("Ahnenforschung", set()),
    # a full name inside a longer word or hyphenated compound is no member
    ("Doris-Ahnen-Preis", set()),
])
def test_lands_quoted(cabinets, phrase, lands):
    assert cabinets.lands_quoted(phrase) == lands


@pytest.mark.parametrize("text,word,is_name", [
    ("sagte Julia Hamburg heute", "Hamburg", True),
    ("Julia Hamburg", "Hamburg", True),
    ("Ministerin Simone Oldenburg", "Oldenburg", True),
    # the place itself, another first name, a name inside a longer word
    ("die Schulen in Hamburg", "Hamburg", False),
    ("sagte Anna Hamburg", "Hamburg", False),
    ("SuperJulia Hamburg", "Hamburg", False),
])
def test_ends_a_name(text, word, is_name):
    names = MemberNames.from_lexicon(read_lexicon("ministers"))
    start = text.rindex(word)
    assert names.ends_a_name(text, start, start + len(word)) is is_name
