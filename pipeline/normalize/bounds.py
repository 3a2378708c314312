"""What a funding figure can be: the bounds a value read from a span must lie within.

A span can be read right and still be no funding figure: "0 Euro", a 29-digit amount,
"150 Prozent", "9999999999 Jahre" (typos, tables, mutated or hostile input). The
normalisers refuse such a value as they refuse an unreadable span, so the components
make no mention and no record of it; `ValueOutOfRange` says why, for a caller that
wants the reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

MAX_EUROS = Decimal(10) ** 13  # ten trillion euros: beyond every public budget
MAX_PERCENT = Decimal(100)  # a funding rate or an own share is a share of the costs
MAX_YEARS = Decimal(100)  # a run time beyond a century is no programme's


class ValueOutOfRange(ValueError):
    """A value read from a span that no funding figure can have.

    value (Decimal): the value as read.
    reason (str): why it is refused, e.g. "an amount must be above 0 euro".
    """

    def __init__(self, value: Decimal, reason: str):
        super().__init__(f"{reason} (read {value})")
        self.value = value
        self.reason = reason


def refusal(read: Callable[[str], object], text: str) -> str:
    """Why ``read`` refuses the figure of a span ("" if it reads it or finds no figure).

    >>> from pipeline.normalize.percent import read_percent
    >>> refusal(read_percent, "150 Prozent"), refusal(read_percent, "80 Prozent")
    ('a percentage must be at most 100', '')
    """
    try:
        read(text)
    except ValueOutOfRange as err:
        return err.reason
    return ""


def check_euros(value: Decimal) -> Decimal:
    """value if it can be an amount of funding (above 0, at most 10^13 euro), else raise.

    >>> check_euros(Decimal("20000"))
    Decimal('20000')
    >>> check_euros(Decimal("0"))
    Traceback (most recent call last):
    pipeline.normalize.bounds.ValueOutOfRange: an amount must be above 0 euro (read 0)
    """
    if value <= 0:
        raise ValueOutOfRange(value, "an amount must be above 0 euro")
    if value > MAX_EUROS:
        raise ValueOutOfRange(value, f"an amount must be at most {MAX_EUROS:f} euro")
    return value


def check_percent(value: Decimal) -> Decimal:
    """value if it can be a share of costs (above 0, at most 100 percent), else raise.

    >>> check_percent(Decimal("150"))
    Traceback (most recent call last):
    pipeline.normalize.bounds.ValueOutOfRange: a percentage must be at most 100 (read 150)
    """
    if value <= 0:
        raise ValueOutOfRange(value, "a percentage must be above 0")
    if value > MAX_PERCENT:
        raise ValueOutOfRange(value, f"a percentage must be at most {MAX_PERCENT}")
    return value


def check_run_time(amount: Decimal, per_year: int) -> Decimal:
    """amount (of a unit that fits per_year times in a year) if the run time is above 0
    and at most a century, else raise.

    >>> check_run_time(Decimal("18"), 12)
    Decimal('18')
    >>> check_run_time(Decimal("9999999999"), 1)
    Traceback (most recent call last):
    pipeline.normalize.bounds.ValueOutOfRange: a run time must be at most 100 years (read 9999999999)
    """
    if amount <= 0:
        raise ValueOutOfRange(amount, "a run time must be above 0")
    if amount > MAX_YEARS * per_year:
        raise ValueOutOfRange(amount, f"a run time must be at most {MAX_YEARS} years")
    return amount
