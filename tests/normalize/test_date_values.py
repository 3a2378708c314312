"""date_value, period_value, period_interval and duration_value over German spans.

Every row is a phrasing written for these tests. NO_MATCH rows must give None: a span
without a year is never completed from today.
"""

import pytest

from pipeline.normalize import date_value, duration_value, period_interval, period_value

DATES_NEW = [
    ("31.08.2020", "2020-08-31"),
    ("31.8.2020", "2020-08-31"),
    ("01.07.2020", "2020-07-01"),
    ("1. 9. 2021", "2021-09-01"),
    ("01.09.21", "2021-09-01"),
    ("29.02.2024", "2024-02-29"),
    ("31. August 2020", "2020-08-31"),
    ("1. Sept. 2021", "2021-09-01"),
    ("1.Sept.2021", "2021-09-01"),
    ("3. Mrz. 2021", "2021-03-03"),
    ("15. Febr. 2022", "2022-02-15"),
    ("30. Juni 2023", "2023-06-30"),
    ("1. Mai 2022", "2022-05-01"),
    ("27. Jänner 2022", "2022-01-27"),
    ("14. Okt. 2020", "2020-10-14"),
    ("September 2021", "2021-09"),
    ("Sept. 2021", "2021-09"),
    ("Dezember 2023", "2023-12"),
    ("Maerz 2022", "2022-03"),
    ("Ende September 2021", "2021-09"),  # stated to the month: no day is invented
    ("Mitte Mai 2024", "2024-05"),
    ("2021", "2021"),
    ("im Jahr 2021", "2021"),
    ("Anfang 2022", "2022"),
    ("Ende 2025", "2025"),
    ("Ende des Jahres 2021", "2021"),
    ("Frühjahr 2023", "2023"),
    ("Jahresende 2024", "2024"),
    ("Haushaltsjahr 2022", "2022"),
]

DATES_NO_MATCH = [
    "31. Juli",
    "Jahresende",
    "Ende des Jahres",
    "31.12.",
    "Juli",
    "Mitte Mai",
    "29.02.2021",  # no such day
    "31.13.2020",
    "31.04.2022",
    "im laufenden Jahr",
    "in diesem Jahr",
    "nächstes Jahr",
    "bis zum 31.08.2020",  # the deadline preposition is the caller's
    "2021 bis 2024",
    "3000",
    "0800",
    "20.000",
    "1.5",
    "",
]

DATES_XFAIL = [
    pytest.param("31.12.2021, 12 Uhr", "2021-12-31", marks=pytest.mark.xfail(strict=True, reason="time of day not stripped")),
    pytest.param("2022-03-01", "2022-03-01", marks=pytest.mark.xfail(strict=True, reason="ISO written dates not read")),
]

PERIODS_NEW = [
    ("2021 bis 2024", ("2021", "2024")),
    ("2021-2024", ("2021", "2024")),
    ("2020-2024", ("2020", "2024")),
    ("2023–2026", ("2023", "2026")),
    ("2021 – 2027", ("2021", "2027")),
    ("2023/24", ("2023", "2024")),
    ("2023-24", ("2023", "2024")),
    ("1999/00", ("1999", "2000")),
    ("2023/2024", ("2023", "2024")),
    ("Doppelhaushalt 2023/2024", ("2023", "2024")),
    ("Schuljahr 2024/25", ("2024", "2025")),
    ("Förderperiode 2021–2027", ("2021", "2027")),
    ("von Januar 2022 bis Dezember 2023", ("2022-01", "2023-12")),
    ("vom 1. März 2022 bis 28. Februar 2023", ("2022-03-01", "2023-02-28")),
    ("vom 01.01.2022 bis zum 31.12.2023", ("2022-01-01", "2023-12-31")),
    ("vom 1. bis 31. März 2022", ("2022-03-01", "2022-03-31")),
    ("Januar bis März 2022", ("2022-01", "2022-03")),
    ("01.03. bis 30.06.2022", ("2022-03-01", "2022-06-30")),
    ("Mitte 2021 bis Ende 2023", ("2021", "2023")),
    ("ab 2020", ("2020", "")),
    ("ab dem Jahr 2020", ("2020", "")),
    ("ab dem 1. Januar 2022", ("2022-01-01", "")),
    ("seit 2019", ("2019", "")),
    ("seit Februar 2021", ("2021-02", "")),
    ("bis 2025", ("", "2025")),
    ("bis zum Jahr 2025", ("", "2025")),
    ("bis Ende September 2021", ("", "2021-09")),
    ("bis einschließlich 2026", ("", "2026")),
    ("ab 2021 bis 2024", ("2021", "2024")),
    ("im Jahr 2021", ("2021", "2021")),
    ("2021", ("2021", "2021")),
    ("September 2021", ("2021-09", "2021-09")),
    ("2021 und 2022", ("2021", "2022")),
    ("Haushaltsjahre 2022 und 2023", ("2022", "2023")),
    ("2021, 2022 und 2023", ("2021", "2023")),
    ("zwischen 2021 und 2023", ("2021", "2023")),
    ("in den Jahren 2021 bis 2024", ("2021", "2024")),
    ("für die Jahre 2021/2022", ("2021", "2022")),
    ("2021 bis einschließlich 2024", ("2021", "2024")),
    ("Legislaturperiode 2019-2024", ("2019", "2024")),
]

PERIODS_NO_MATCH = [
    "vom 1. März 2022",  # a "vom" without an end dates a document, not a period
    "nach 2021",
    "vor 2020",
    "2024 bis 2021",
    "31. Juli bis 31. August",
    "im laufenden Jahr",
    "zwischen 2021",
    "2021 bis 2022 und 2024",
    "Jahresende",
    "ab sofort",
    "bis auf Weiteres",
    "2021-2022-2023",
    "2024/08",  # a path piece ("uploads/2024/08"), not 2024 to 2108
    "",
]

PERIODS_XFAIL = [
    pytest.param("2021 ff.", ("2021", ""), marks=pytest.mark.xfail(strict=True, reason="'ff.' not read")),
    pytest.param("Winter 2021/22", ("2021", "2022"), marks=pytest.mark.xfail(strict=True, reason="Winter is no modifier")),
    pytest.param("erstes Halbjahr 2022", ("2022-01", "2022-06"), marks=pytest.mark.xfail(strict=True, reason="half-years not read")),
]

INTERVALS = [
    (("2021", "2024"), "2021/2024"),
    (("2020", ""), "2020/.."),
    (("", "2025"), "../2025"),
    (("2021", "2021"), "2021/2021"),
    (("2022-01", "2023-12"), "2022-01/2023-12"),
    (("", ""), ""),
]

DURATIONS_NEW = [
    ("zwei Jahren", "P2Y"),
    ("beiden Jahren", "P2Y"),  # "in den kommenden beiden Jahren"
    ("2 Jahre", "P2Y"),
    ("drei Jahre", "P3Y"),
    ("ein Jahr", "P1Y"),
    ("einem Jahr", "P1Y"),
    ("eines Jahres", "P1Y"),
    ("vier Jahren", "P4Y"),
    ("18 Monaten", "P18M"),
    ("18 Monate", "P18M"),
    ("sechs Monate", "P6M"),
    ("sechs Monaten", "P6M"),
    ("24 Monate", "P24M"),  # the stated unit is kept, not turned into P2Y
    ("36 Monate", "P36M"),
    ("anderthalb Jahre", "P1Y6M"),
    ("eineinhalb Jahren", "P1Y6M"),
    ("ein halbes Jahr", "P6M"),
    ("2,5 Jahre", "P2Y6M"),
    ("1,3 Jahre", "P1.3Y"),
    ("zwölf Wochen", "P12W"),
    ("acht Wochen", "P8W"),
    ("zehn Tage", "P10D"),
    ("zwei Quartale", "P6M"),
    ("zweijährige", "P2Y"),
    ("dreijährigen", "P3Y"),
    ("2-jährige", "P2Y"),
    ("18-monatigen", "P18M"),
    ("sechsmonatige", "P6M"),
    ("zwölfwöchige", "P12W"),
]

DURATIONS_NO_MATCH = [
    "Jahre",
    "mehrere Jahre",
    "einige Monate",
    "zweijährlich",  # a frequency, not a run time
    "jährlich",
    "ganzjährig",
    "mehrjährige",
    "0 Monate",
    "2021",
    "",
]

DURATIONS_XFAIL = [
    pytest.param("1½ Jahre", "P1Y6M", marks=pytest.mark.xfail(strict=True, reason="vulgar fraction sign")),
    pytest.param("zwei Jahre und sechs Monate", "P2Y6M", marks=pytest.mark.xfail(strict=True, reason="compound durations")),
]


@pytest.mark.parametrize(("text", "expected"), DATES_NEW + DATES_XFAIL)
def test_date_value(text, expected):
    assert date_value(text) == expected


@pytest.mark.parametrize("text", DATES_NO_MATCH)
def test_date_value_no_match(text):
    assert date_value(text) is None


@pytest.mark.parametrize(("text", "expected"), PERIODS_NEW + PERIODS_XFAIL)
def test_period_value(text, expected):
    assert period_value(text) == expected


@pytest.mark.parametrize("text", PERIODS_NO_MATCH)
def test_period_value_no_match(text):
    assert period_value(text) is None


@pytest.mark.parametrize(("bounds", "expected"), INTERVALS)
def test_period_interval(bounds, expected):
    assert period_interval(*bounds) == expected


@pytest.mark.parametrize(("text", "expected"), DURATIONS_NEW + DURATIONS_XFAIL)
def test_duration_value(text, expected):
    assert duration_value(text) == expected


@pytest.mark.parametrize("text", DURATIONS_NO_MATCH)
def test_duration_value_no_match(text):
    assert duration_value(text) is None
