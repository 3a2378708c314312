"""The doctests of the normalisers' pure helpers run with the suite."""

import doctest
import importlib

import pytest

MODULES = ["pipeline.normalize.numbers", "pipeline.normalize.money", "pipeline.normalize.percent", "pipeline.normalize.dates"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    results = doctest.testmod(importlib.import_module(name))
    assert results.attempted > 0
    assert results.failed == 0
