"""The shortcuts of the name finders (orgs, programmes, lands) answer as the plain way does."""

import re

import pytest

from pipeline.components.orgs import trim_tail
from pipeline.extract import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def generic_plainly(finder, name):
    word = name.strip().lower()
    return any(word in (g, g + "s", g + "es", g + "e", g + "en") for g in finder.generic)


@pytest.mark.parametrize("word, generic", [
    ("Programm", True), ("programms", True), (" Förderprogrammes ", True), ("Landesprogramme", True),
    ("Förderprogrammen", True), ("FÖRDERPROGRAMM", True),
    ("Förderprogrammer", False), ("Programmierung", False), ("Sonderprogrammx", False), ("", False),
])
def test_programme_is_generic_takes_each_ending(nlp, word, generic):
    finder = nlp.get_pipe("de_programmes")
    assert finder.is_generic(word) == generic_plainly(finder, word) == generic


@pytest.mark.parametrize("name", [
    "Amt für Bau,", "Amt für Bau ,", "Amt und", "Amt des Landes, und", "Amt für\n", "Amt des\n", "Amt von,\n",
    "Amt zur", "Amt zum", "Amt der", "Amt für", "Amt, ", "Amt Und", "Amtvon", "Amt", "Amt\n\n", "",
])
def test_org_trim_tail_as_the_plain_substitution(name):
    assert trim_tail(name) == re.sub(r"(?:\s*,|\s+(?:und|des|der|für|zur|zum|von))+$", "", name)
