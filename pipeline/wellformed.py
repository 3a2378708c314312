"""What a well-formed output value is, field by field (schema §2–§4, bounds.py).

The property tests and the fuzz run (tools/fuzz.py) check every value that comes out of
the pipeline against these rules, so hostile input that yields an absurd value ("an
amount of 10^40", "P0Y", "2021-13") is found, whatever component produced it. Each check
returns None for a good value and a short problem text otherwise.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .normalize.bounds import MAX_EUROS, MAX_PERCENT, MAX_YEARS

PLAIN_DECIMAL_RE = re.compile(r"^\d+(?:\.\d*[1-9])?$")  # format_value's shape: 20000, 12.5
ISO_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
ISO_DURATION_RE = re.compile(r"^P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+(?:\.\d+)?)M)?"
                             r"(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?$")
PER_YEAR = {"Y": 1, "M": 12, "W": 53, "D": 366}  # as normalize/dates.py counts a run time
OPEN_SIDE = ".."
RATE_KINDS = ("funding_rate", "own_share")


def number_problem(text: str, top: Decimal, unit: str) -> str | None:
    """A plain decimal above 0 and at most top, or the problem."""
    if not PLAIN_DECIMAL_RE.match(text):
        return f"not a plain decimal: {text!r}"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return f"not a decimal: {text!r}"
    if not 0 < value <= top:
        return f"{unit} out of (0, {top}]: {text}"
    return None


def amount_problem(text: str) -> str | None:
    return number_problem(text, MAX_EUROS, "euros")


def rate_problem(text: str) -> str | None:
    return number_problem(text, MAX_PERCENT, "percent")


def date_problem(text: str) -> str | None:
    """An ISO date at year, month or day precision ("2021", "2021-09", "2021-09-30")."""
    match = ISO_DATE_RE.match(text)
    if match is None:
        return f"not an ISO date: {text!r}"
    year, month, day = match["year"], match["month"], match["day"]
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return f"no such date: {text!r}"
    return None


def duration_problem(text: str) -> str | None:
    """An ISO duration ("P2Y", "P1Y6M", "P12W") above 0 and at most a century."""
    match = ISO_DURATION_RE.match(text)
    if match is None or not any(match.groupdict().values()):
        return f"not an ISO duration: {text!r}"
    years = sum(Decimal(amount) / PER_YEAR[unit] for unit, amount in match.groupdict().items() if amount)
    if not 0 < years <= MAX_YEARS:
        return f"run time out of (0, {MAX_YEARS}] years: {text}"
    return None


def interval_problem(text: str) -> str | None:
    """An ISO interval of two dates, ".." for an open side, not both open ("2021/..")."""
    sides = text.split("/")
    if len(sides) != 2 or sides == [OPEN_SIDE, OPEN_SIDE]:
        return f"not an ISO interval: {text!r}"
    for side in sides:
        if side != OPEN_SIDE and (problem := date_problem(side)):
            return problem
    return None


def optional(check, text: str) -> str | None:
    return None if text == "" else check(text)


MENTION_CHECKS = {"MONEY": amount_problem, "PERCENT": rate_problem, "DATE": date_problem,
                  "PERIOD": interval_problem, "DURATION": duration_problem}


def mention_problem(label: str, value: str) -> str | None:
    """The problem of a mention's value ("" is an unread value, always well-formed)."""
    check = MENTION_CHECKS.get(label)
    return None if check is None else optional(check, value)


def record_problems(record: dict[str, str]) -> list[str]:
    """The problems of one record's values (a row of records.csv or a Record's fields)."""
    kind = record["kind"]
    problems = [rate_problem(record["value"]) if kind in RATE_KINDS else amount_problem(record["value"]),
                optional(date_problem, record["period_start"]), optional(date_problem, record["period_end"]),
                optional(date_problem, record["deadline"]), optional(duration_problem, record["duration"])]
    if kind not in ("amount", *RATE_KINDS):
        problems.append(f"unknown kind {kind!r}")
    return [f"{record.get('record_id', '')}: {p}" for p in problems if p]
