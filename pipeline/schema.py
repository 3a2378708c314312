"""The output contract of ../shared/record-schema.md as code.

The field order of each dataclass is the column order of its CSV, so the header can
never drift from the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Callable

KINDS = ("amount", "funding_rate", "own_share")
QUALIFIERS = ("exact", "up_to", "at_least", "approx", "over")
PER_UNITS = ("year", "municipality", "person", "cluster", "project")  # canonical order
LANDS = (
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg",
    "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen",
    "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein",
    "Thüringen",
)
MENTION_LABELS = ("LAND", "PROGRAMME", "ORG", "MONEY", "PERCENT", "DATE", "PERIOD", "DURATION")


def format_value(value: Decimal | int | float | str) -> str:
    """Canonical text of a number: plain decimal, no exponent, no trailing zeros.

    Exact at any size: no step rounds to the decimal context's 28 digits, where
    quantize raised InvalidOperation for a figure of 10^28 or more.

    >>> format_value(Decimal("3300000.00")), format_value(Decimal("12.50")), format_value(80)
    ('3300000', '12.5', '80')
    >>> format_value(Decimal("1E+28")), format_value(Decimal("-0.50"))
    ('10000000000000000000000000000', '-0.5')
    """
    text = format(Decimal(str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def join_per(units) -> str:
    """Join `per` units in the schema's canonical order ("year+municipality")."""
    chosen = set(units)
    return "+".join(u for u in PER_UNITS if u in chosen)


@dataclass(frozen=True)
class Record:
    record_id: str
    doc_id: str
    land: str
    programme: str
    body: str
    kind: str
    value: str
    qualifier: str
    per: str
    period_start: str
    period_end: str
    deadline: str
    duration: str
    evidence: str
    start: int
    end: int
    basis: str = ""  # where land, programme and body were read: "land=sentence;body=document"


@dataclass(frozen=True)
class Programme:
    doc_id: str
    land: str
    programme: str
    body: str
    period_start: str
    period_end: str
    deadline: str


@dataclass(frozen=True)
class Mention:
    doc_id: str
    label: str
    start: int
    end: int
    text: str
    value: str
    refused: str = ""  # why a figure read from the span is none a funding figure can be (no value, no record)


SOURCE_STATUSES = ("read", "refused", "failed")  # failed: an internal error (a bug) cost the document


@dataclass(frozen=True)
class SourceFile:
    """One input file, a row of sources.csv: whether it was used, which bytes it held, and
    what it says of itself (the page's own title, date, URL and site name; a text's dateline)."""

    doc_id: str
    path: str
    status: str
    problem: str
    bytes: int | None
    sha256: str
    title: str
    date: str
    url: str
    sitename: str
    dateline: str


def columns(cls) -> list[str]:
    """CSV header of a schema dataclass."""
    return [f.name for f in fields(cls)]


def as_row(obj) -> tuple:
    """The dataclass's field values in column order (flat: dataclasses.astuple would
    deep-copy each value, and cost more than writing the row)."""
    return row_getter(type(obj))(obj)


@lru_cache(maxsize=None)
def row_getter(cls) -> Callable[[object], tuple]:
    """The class's field values read in one call, as a tuple (as_row's work; attrgetter of
    one name gives the value bare and of none fails, so those cases read them one by one)."""
    names = columns(cls)
    if len(names) < 2:
        return lambda obj: tuple(getattr(obj, name) for name in names)
    return attrgetter(*names)


def record_id(doc_id: str, start: int, end: int, kind: str) -> str:
    """Stable id: the same figure in the same document always gets the same id."""
    return f"{doc_id}:{start}-{end}:{kind}"
