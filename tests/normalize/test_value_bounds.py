"""Values no funding figure can have are refused, never a crash (issue 15).

BUGS_CAUGHT rows crashed or gave an absurd value before; EDGE rows are the last values
still accepted. Each span was written for these tests.
"""

from decimal import Decimal

import pytest

from pipeline.normalize import duration_value, money_value, percent_value
from pipeline.normalize.bounds import ValueOutOfRange
from pipeline.normalize.dates import read_duration
from pipeline.normalize.money import read_money
from pipeline.normalize.percent import read_percent
from pipeline.schema import format_value

# (normaliser, span, reader that says why, words of the reason)
REFUSED = [
    (money_value, "10000000000000000000000000000 Euro", read_money, "at most"),
    (money_value, "20000000000000 Euro", read_money, "at most"),
    (money_value, "10.000.000.000.001 Euro", read_money, "at most"),
    (money_value, "0 Euro", read_money, "above 0"),
    (money_value, "0,00 €", read_money, "above 0"),
    (money_value, "null Euro", read_money, "above 0"),
    (money_value, "0 Mio. Euro", read_money, "above 0"),
    (percent_value, "10000000000000000000000000000 Prozent", read_percent, "at most 100"),
    (percent_value, "150 Prozent", read_percent, "at most 100"),
    (percent_value, "100,5 %", read_percent, "at most 100"),
    (percent_value, "0 Prozent", read_percent, "above 0"),
    (percent_value, "0,0 %", read_percent, "above 0"),
    (duration_value, "9999999999 Jahre", read_duration, "at most 100 years"),
    (duration_value, "101 Jahre", read_duration, "at most 100 years"),
    (duration_value, "1201 Monate", read_duration, "at most 100 years"),
    (duration_value, "6000 Wochen", read_duration, "at most 100 years"),
    (duration_value, "0 Jahre", read_duration, "above 0"),
]

EDGE = [
    (money_value, "10.000.000.000.000 Euro", Decimal("10000000000000")),
    (money_value, "10 Billionen Euro", Decimal("10000000000000")),
    (money_value, "0,01 Euro", Decimal("0.01")),
    (percent_value, "100 Prozent", Decimal("100")),
    (percent_value, "0,5 %", Decimal("0.5")),
    (duration_value, "100 Jahre", "P100Y"),
    (duration_value, "1200 Monate", "P1200M"),
    (duration_value, "ein halbes Jahr", "P6M"),
]


@pytest.mark.parametrize("normaliser, span, reader, reason", REFUSED, ids=[row[1] for row in REFUSED])
def test_out_of_bounds_is_refused(normaliser, span, reader, reason):
    assert normaliser(span) is None
    if reader is not None:
        with pytest.raises(ValueOutOfRange, match=reason):
            reader(span)


@pytest.mark.parametrize("normaliser, span, expected", EDGE, ids=[row[1] for row in EDGE])
def test_within_bounds_is_read(normaliser, span, expected):
    assert normaliser(span) == expected


FORMATTED = [
    (Decimal("3300000.00"), "3300000"),
    (Decimal("12.50"), "12.5"),
    (Decimal("1E+3"), "1000"),
    (Decimal("1E+28"), "10000000000000000000000000000"),  # BUGS_CAUGHT: InvalidOperation
    (Decimal("123456789012345678901234567890.5"), "123456789012345678901234567890.5"),  # BUGS_CAUGHT
    (Decimal("0.0001"), "0.0001"),
    (80, "80"),
    (1.5, "1.5"),
]


@pytest.mark.parametrize("value, expected", FORMATTED, ids=[str(row[0]) for row in FORMATTED])
def test_format_value(value, expected):
    assert format_value(value) == expected
