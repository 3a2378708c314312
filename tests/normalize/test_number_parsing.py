"""parse_number over German numbers in digits and words, written for these tests."""

from decimal import Decimal

import pytest

from pipeline.normalize import parse_number
from pipeline.normalize.numbers import single_spaced

NEW = [
    ("20.000", "20000"),
    ("20 000", "20000"),
    ("20\u202f000", "20000"),
    ("1,5", "1.5"),
    ("0,5", "0.5"),
    ("2,5", "2.5"),
    ("1.234,56", "1234.56"),
    ("1.000.000", "1000000"),
    ("50.000,-", "50000"),
    ("50.000,--", "50000"),
    ("50.000.-", "50000"),
    ("2021", "2021"),
    ("1.5", "1.5"),  # English decimal point: German grouping always has three digits
    ("eine", "1"),
    ("ein", "1"),
    ("einem", "1"),
    ("eins", "1"),
    ("null", "0"),
    ("zwei", "2"),
    ("Zehn", "10"),
    ("zwölf", "12"),
    ("sechzehn", "16"),
    ("siebzehn", "17"),
    ("zwanzig", "20"),
    ("dreißig", "30"),
    ("fünfzig", "50"),
    ("einundzwanzig", "21"),
    ("fünfundzwanzig", "25"),
    ("neunundneunzig", "99"),
    ("hundert", "100"),
    ("einhundert", "100"),
    ("hundertzwanzig", "120"),
    ("zweihundert", "200"),
    ("dreihundertfünfzig", "350"),
    ("hunderteins", "101"),
    ("tausend", "1000"),
    ("zweitausend", "2000"),
    ("zwölftausend", "12000"),
    ("zweitausendfünfhundert", "2500"),
    ("hunderttausend", "100000"),
    ("dreihunderttausend", "300000"),
    ("neunhundertneunundneunzigtausend", "999000"),
    ("eineinhalb", "1.5"),
    ("anderthalb", "1.5"),
    ("zweieinhalb", "2.5"),
    ("zwölfeinhalb", "12.5"),
    ("halbe", "0.5"),
    ("eine halbe", "0.5"),
    ("einer halben", "0.5"),
    ("ein halbes", "0.5"),
]

NO_MATCH = [
    "",
    "viele",
    "mehrere",
    "1.2.2021",
    "20,000.5",
    "12a",
    "zwei tausend",
    "zwei Millionen",  # scale words belong to money_value
    "Million",
    "einszwei",
    "zweihundertzweihundert",
    "eine zwei",
    "halbe halbe",
    "undzwanzig",
]

XFAIL = [
    pytest.param("zwei Komma fünf", "2.5", marks=pytest.mark.xfail(strict=True, reason="spoken decimal")),
    pytest.param("1'000", "1000", marks=pytest.mark.xfail(strict=True, reason="Swiss apostrophe grouping")),
]


@pytest.mark.parametrize(("text", "expected"), NEW + XFAIL)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", NO_MATCH)
def test_parse_number_no_match(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("span, expected", [
    ("20.000\nEuro", "20.000 Euro"),       # a span across a line break
    ("  3,3  Mio.\tEuro ", "3,3 Mio. Euro"),
    ("zwei\u00a0Jahren", "zwei Jahren"),    # a no-break space
    ("80 Prozent", "80 Prozent"),
])
def test_single_spaced(span, expected):
    assert single_spaced(span) == expected
