"""The shortcuts of the name finders (orgs, programmes, lands) answer as the plain way does."""

import pytest

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
