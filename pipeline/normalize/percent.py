"""The percent value of a PERCENT span's surface text (above 0, at most 100: bounds.py)."""

from __future__ import annotations

import re
from decimal import Decimal

from .bounds import ValueOutOfRange, check_percent
from .numbers import parse_number, single_spaced

# "80 Prozent", "25 %", "10 v. H.", "10 vH", "10 vom Hundert". "Prozentpunkte" is a
# difference of rates, not a rate, so the span must end at the percent word.
PERCENT_RE = re.compile(
    r"""
    ^(?P<number>.+?)\s*-?\s*
    (?:
        Prozent
        | %
        | v\.\s?H             # v. H., v.H.
        | vH
        | vom\s+Hundert
    )\.?$                    # abbreviation dot or a sentence dot caught by the span
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The adjective: "80-prozentige", "80prozentigen", "achtzigprozentige", "80%ige".
PERCENT_ADJECTIVE_RE = re.compile(
    r"""
    ^(?P<number>.+?)\s*-?\s*
    (?:prozentig|%-?ig)(?:e|en|er|es|em)?$
    """,
    re.VERBOSE | re.IGNORECASE,
)


def percent_value(text: str) -> Decimal | None:
    """Percent stated by a PERCENT span, or None when it is not a readable share.

    text (str): the span, e.g. "80 Prozent", "12,5 %", "80-prozentige".
    RETURNS (Decimal | None): the number of percent; None also out of bounds
    ("150 Prozent"), where `read_percent` says why.

    >>> percent_value("12,5 %"), percent_value("zehn Prozent"), percent_value("80-prozentige")
    (Decimal('12.5'), Decimal('10'), Decimal('80'))
    >>> percent_value("5 Prozentpunkte") is None, percent_value("150 Prozent") is None
    (True, True)
    """
    try:
        return read_percent(text)
    except ValueOutOfRange:
        return None


def read_percent(text: str) -> Decimal | None:
    """`percent_value`, raising ValueOutOfRange for a share no funding can be."""
    cleaned = single_spaced(text)
    match = PERCENT_RE.match(cleaned) or PERCENT_ADJECTIVE_RE.match(cleaned)
    if match is None:
        return None
    number = parse_number(match.group("number"))
    return None if number is None else check_percent(number)
