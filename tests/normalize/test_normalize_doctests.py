"""The doctests of the normalisers' pure helpers, and of format_value that writes their
values, run with the suite."""

import doctest
import importlib

import pytest

MODULES = [
    "pipeline.normalize.bounds", "pipeline.normalize.numbers", "pipeline.normalize.money",
    "pipeline.normalize.percent", "pipeline.normalize.dates", "pipeline.schema",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    results = doctest.testmod(importlib.import_module(name))
    assert results.attempted > 0
    assert results.failed == 0
