"""percent_value over German PERCENT spans, written for these tests."""

from decimal import Decimal

import pytest

from pipeline.normalize import percent_value

NEW = [
    ("80 Prozent", "80"),
    ("90 Prozent", "90"),
    ("100 Prozent", "100"),
    ("25 %", "25"),
    ("25%", "25"),
    ("12,5 %", "12.5"),
    ("0,5 Prozent", "0.5"),
    ("10 v. H.", "10"),
    ("10 v.H.", "10"),
    ("75 vH", "75"),
    ("60 vom Hundert", "60"),
    ("zehn Prozent", "10"),
    ("fünfzig Prozent", "50"),
    ("fünfundsiebzig Prozent", "75"),
    ("ein halbes Prozent", "0.5"),
    ("eineinhalb Prozent", "1.5"),
    ("80-prozentige", "80"),
    ("90-prozentigen", "90"),
    ("100prozentige", "100"),
    ("achtzigprozentige", "80"),
    ("hundertprozentigen", "100"),
    ("80%ige", "80"),
    ("65 Prozent", "65"),
    ("80 Prozent.", "80"),  # sentence dot caught by the span
]

NO_MATCH = [
    "Prozent",
    "%",
    "5 Prozentpunkte",  # a difference of rates, not a rate
    "20 Prozentpunkten",
    "80 Prozent der Kosten",
    "50 bis 80 Prozent",
    "viele Prozent",
    "20.000 Euro",
    "80",
    "",
]

XFAIL = [
    pytest.param("drei Viertel", "75", marks=pytest.mark.xfail(strict=True, reason="fractions as shares not read")),
]


@pytest.mark.parametrize(("text", "expected"), NEW + XFAIL)
def test_percent_value(text, expected):
    assert percent_value(text) == Decimal(expected)


@pytest.mark.parametrize("text", NO_MATCH)
def test_percent_value_no_match(text):
    assert percent_value(text) is None
