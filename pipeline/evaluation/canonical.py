"""Canonical values of gold fields and mentions: what each text must look like.

One check per kind of value (numbers, ISO dates, intervals, durations, Länder, per units,
alternatives, names); each returns why a text is not canonical, or None. Used by the gold
validator for full and record-only gold alike (annotations/GUIDELINES.md, "File format").
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from pipeline.schema import KINDS, LANDS, PER_UNITS, QUALIFIERS, format_value, join_per

ALTERNATIVE_SEPARATOR = " | "
QUOTE_CHARS = "„“”\"‚‘’'«»‹›"

ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
ISO_DURATION = re.compile(
    r"""P(?!$)                        # at least one component must follow
        (?:\d+(?:\.\d+)?Y)?           # years
        (?:\d+(?:\.\d+)?M)?           # months
        (?:\d+(?:\.\d+)?W)?           # weeks
        (?:\d+(?:\.\d+)?D)?           # days
        (?:T(?=\d)                    # time part needs a component too
           (?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?
    """,
    re.VERBOSE,
)
OPEN_END = ".."



def number_text_problem(text: str) -> str | None:
    """Why `text` is not a canonical number ("3300000", "12.5"), or None."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return f"{text!r} is not a number"
    if not number.is_finite() or number < 0:
        return f"{text!r} is not a non-negative finite number"
    canonical = format_value(number)
    if canonical != text:
        return f"{text!r} is not canonical number text (expected {canonical!r})"
    return None


def iso_date_problem(text: str) -> str | None:
    """Why `text` is not an ISO date at year, month or day precision, or None."""
    match = ISO_DATE.fullmatch(text)
    if not match:
        return f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = match["year"], match["month"], match["day"]
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return f"{text!r} is not a calendar date"
    return None


def period_problem(text: str) -> str | None:
    """Why `text` is not an ISO interval "2021/2024" (".." for an open side), or None."""
    sides = text.split("/")
    if len(sides) != 2:
        return f"{text!r} is not an ISO interval START/END"
    if sides == [OPEN_END, OPEN_END]:
        return f"{text!r} is open on both sides"
    for side in sides:
        if side != OPEN_END and (problem := iso_date_problem(side)):
            return f"interval {text!r}: {problem}"
    start, end = sides
    if OPEN_END not in sides:
        common = min(len(start), len(end))
        if start[:common] > end[:common]:
            return f"interval {text!r} starts after it ends"
    return None


def duration_problem(text: str) -> str | None:
    """Why `text` is not an ISO 8601 duration ("P2Y", "P18M"), or None."""
    if not ISO_DURATION.fullmatch(text):
        return f"{text!r} is not an ISO 8601 duration (P2Y, P18M, ...)"
    return None


def land_problem(text: str) -> str | None:
    """Why `text` is not empty or canonical Land names joined by " | ", or None."""
    if not text:
        return None
    unknown = [alt for alt in text.split(ALTERNATIVE_SEPARATOR) if alt not in LANDS]
    if unknown:
        return f"{', '.join(map(repr, unknown))} is not a canonical Land name"
    return None


def per_problem(text: str) -> str | None:
    """Why `text` is not empty or per units joined by "+" in canonical order, or None."""
    if not text:
        return None
    units = text.split("+")
    unknown = [unit for unit in units if unit not in PER_UNITS]
    if unknown:
        return f"unit {', '.join(map(repr, unknown))} not in {PER_UNITS}"
    if len(set(units)) != len(units) or join_per(units) != text:
        return f"{text!r} is not in canonical order (expected {join_per(units)!r})"
    return None


def alternatives_problem(text: str) -> str | None:
    """Alternatives must be separated by exactly " | " with no stray space around them."""
    for alternative in text.split(ALTERNATIVE_SEPARATOR):
        if "|" in alternative:
            return f"{text!r}: separate alternatives by ' | '"
        if alternative != alternative.strip():
            return f"{text!r}: stray space around an alternative"
    return None


def name_problem(text: str) -> str | None:
    """A PROGRAMME or ORG value: the name as written, without quotes."""
    if not text.strip():
        return "empty name"
    if text != text.strip() or text[0] in QUOTE_CHARS or text[-1] in QUOTE_CHARS:
        return f"{text!r} must be the name without quotes or surrounding space"
    return None


MENTION_VALUE_CHECKS = {
    "LAND": lambda text: None if text in LANDS else f"{text!r} is not a canonical Land name",
    "PROGRAMME": name_problem,
    "ORG": name_problem,
    "MONEY": number_text_problem,
    "PERCENT": number_text_problem,
    "DATE": iso_date_problem,
    "PERIOD": period_problem,
    "DURATION": duration_problem,
}


def _optional(check):
    """Empty means not stated (schema §2); only a stated value must be canonical."""
    return lambda text: check(text) if text else None


# Checks of the text fields of records and programmes, by key.
FIELD_CHECKS = {
    "kind": lambda text: None if text in KINDS else f"{text!r} not in {KINDS}",
    "qualifier": lambda text: None if text in QUALIFIERS else f"{text!r} not in {QUALIFIERS}",
    "per": per_problem,
    "land": lambda text: alternatives_problem(text) or land_problem(text),
    "programme": alternatives_problem,
    "body": alternatives_problem,
    "period_start": _optional(iso_date_problem),
    "period_end": _optional(iso_date_problem),
    "deadline": _optional(iso_date_problem),
    "duration": _optional(duration_problem),
}
