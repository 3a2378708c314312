"""ISO values of DATE, PERIOD and DURATION spans.

Precision is always the stated one: "September 2021" is 2021-09, never a day. What a
span does not state (a missing year, "Jahresende") gives None: nothing is filled in
from today. dateparser normalises day and month forms, but only after a strict shape
check here, because on its own it reads "31. Juli" as July 2031.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from .bounds import ValueOutOfRange, check_run_time
from .numbers import WHITESPACE_RE, load_lexicon, parse_number, single_spaced

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MONTHS = dict(load_lexicon()["months"])
# The first spelling of each month in the lexicon is its full name (see numbers.yaml);
# reversed, so that the first spelling is the one left standing.
MONTH_NAMES = {number: spelling for spelling, number in reversed(MONTHS.items())}
DATE_MODIFIERS = tuple(load_lexicon()["date_modifiers"])
PERIOD_FILLERS = tuple(load_lexicon()["period_fillers"])
PERIOD_NOUN_ENDINGS = tuple(load_lexicon()["period_noun_endings"])

LETTER = "A-Za-zÄÖÜäöüß"
MONTH_PATTERN = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
MODIFIER_PATTERN = "|".join(re.escape(m) for m in sorted(DATE_MODIFIERS, key=len, reverse=True))
YEAR_PATTERN = r"(?:19|20)\d{2}"

# The date shapes German text uses; a span must be exactly one of them.
NUMERIC_DATE_RE = re.compile(
    r"""
    ^(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?   # 31.08. / 1. 9.
    (?P<year>(?:19|20)\d{2}|\d{2})$                 # 2020 / 20
    """,
    re.VERBOSE,
)
NAMED_DATE_RE = re.compile(
    rf"""
    ^(?P<day>\d{{1,2}})\.?\s*                       # 31. / 1.
    (?P<month>{MONTH_PATTERN})\.?(?![{LETTER}])\s*  # August / Sept.
    (?P<year>{YEAR_PATTERN})$
    """,
    re.VERBOSE | re.IGNORECASE,
)
MONTH_YEAR_RE = re.compile(
    rf"""
    ^(?:(?:{MODIFIER_PATTERN})\s+)?                 # Ende September 2021 -> 2021-09
    (?P<month>{MONTH_PATTERN})\.?(?![{LETTER}])\s*,?\s*
    (?P<year>{YEAR_PATTERN})$
    """,
    re.VERBOSE | re.IGNORECASE,
)
YEAR_RE = re.compile(
    rf"""
    ^(?:(?:{MODIFIER_PATTERN})\s+)?                 # Anfang 2022 -> 2022
    (?P<year>{YEAR_PATTERN})$
    """,
    re.VERBOSE | re.IGNORECASE,
)
FILLER_RE = re.compile(
    rf"""
    (?<![{LETTER}])(?:
        {"|".join(re.escape(w) for w in PERIOD_FILLERS)}
        | [{LETTER}]*(?:{"|".join(re.escape(e) for e in PERIOD_NOUN_ENDINGS)})
    )(?![{LETTER}])
    """,
    re.VERBOSE | re.IGNORECASE,
)
DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")  # en/em dashes and minus -> "-"

DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],  # never complete a date from today
    "PREFER_DAY_OF_MONTH": "first",  # month precision: the day is dropped anyway
}


@cache
def date_parser() -> DateDataParser:
    """One German dateparser for the process; building it costs ~100 ms, and importing
    dateparser 0.1 s CPU more, so both wait until a span needs it (a two-digit year: none of
    the 2448 documents of the 5 MB bench has one, and every start-up paid the import)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["de"], settings=DATEPARSER_SETTINGS)


def clean_span(text: str) -> str:
    """Drop filler words ("im Jahr", "in den Jahren", "Doppelhaushalt") and unify spaces.

    >>> clean_span("in den Jahren 2021 – 2024")
    '2021 - 2024'
    """
    text = DASHES_RE.sub("-", text)
    text = FILLER_RE.sub(" ", text)
    return WHITESPACE_RE.sub(" ", text).strip(" ,;:")


def date_value(text: str) -> str | None:
    """ISO date of a DATE span at its stated precision, or None.

    text (str): the span, e.g. "31.08.2020", "1. Sept. 2021", "September 2021", "2021".
    RETURNS (str | None): "2020-08-31", "2021-09" or "2021"; None without a year.

    A modifier keeps the stated precision: "Ende September 2021" is "2021-09" and
    "Anfang 2022" is "2022", as schema §7 reads "bis zum September 2021".

    >>> date_value("31.8.2020"), date_value("Ende September 2021"), date_value("im Jahr 2021")
    ('2020-08-31', '2021-09', '2021')
    >>> date_value("31. Juli") is None, date_value("Jahresende") is None
    (True, True)
    """
    span = clean_span(text)
    if match := YEAR_RE.match(span):
        return match["year"]
    if match := NUMERIC_DATE_RE.match(span):
        day, month, year = int(match["day"]), int(match["month"]), match["year"]
        return _parsed_day(f"{day}.{month}.{year}", day, month, year)
    if match := NAMED_DATE_RE.match(span):
        day, month, year = int(match["day"]), MONTHS[match["month"].lower()], match["year"]
        return _parsed_day(f"{day}. {MONTH_NAMES[month]} {year}", day, month, year)
    if match := MONTH_YEAR_RE.match(span):
        month, year = MONTHS[match["month"].lower()], match["year"]
        if len(year) == 4:
            return f"{year}-{month:02d}"  # fully stated: nothing left for dateparser to decide
        parsed = date_parser().get_date_data(f"{MONTH_NAMES[month]} {year}")
        if parsed.date_obj is None or parsed.period != "month":
            return None
        if (parsed.date_obj.year, parsed.date_obj.month) != (int(year), month):
            return None
        return f"{parsed.date_obj.year:04d}-{month:02d}"
    return None


def _parsed_day(canonical: str, day: int, month: int, year: str) -> str | None:
    """Let dateparser read a day date, and keep it only if it agrees with the span.

    A date with a four-digit year is checked with the calendar alone: dateparser costs
    about 4 ms a call and has nothing to decide there. A two-digit year goes to dateparser,
    which picks the century.
    """
    if len(year) == 4:
        try:
            return date(int(year), month, day).isoformat()
        except ValueError:
            return None  # 31.02.2021 and other impossible days
    parsed = date_parser().get_date_data(canonical)
    if parsed.date_obj is None or parsed.period != "day":
        return None  # 31.02.2021 and other impossible days
    found: date = parsed.date_obj.date()
    if (found.day, found.month) != (day, month) or found.year % 100 != int(year) % 100:
        return None
    if len(year) == 4 and found.year != int(year):
        return None
    return found.isoformat()


# --- periods ------------------------------------------------------------------------

OPEN_START_RE = re.compile(r"^(?:ab|seit|beginnend\s+mit|beginnend)\s+(?P<rest>.+)$", re.IGNORECASE)
OPEN_END_RE = re.compile(
    r"^bis(?:\s+(?:einschließlich|einschl\.|inklusive|inkl\.|spätestens|längstens))?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
RANGE_OPENER_RE = re.compile(r"^(?:von|vom|zwischen)\s+(?P<rest>.+)$", re.IGNORECASE)
# Separators between the parts of a period; the kind decides how many parts may stand.
PERIOD_SEPARATOR_RE = re.compile(
    r"""
    \s+(?P<until>bis)(?:\s+(?:einschließlich|einschl\.|inklusive|inkl\.))?\s+
    | \s*(?P<dash>-)\s*
    | \s*(?P<slash>/)\s*
    | \s+(?P<also>und|sowie)\s+
    | \s*(?P<comma>,)\s*
    """,
    re.VERBOSE | re.IGNORECASE,
)
TWO_DIGIT_YEAR_RE = re.compile(r"^\d{2}$")
BARE_YEAR_RE = re.compile(rf"^{YEAR_PATTERN}$")
# What the end of a period can lend its start: "1. bis 31. März 2022", "Januar bis März 2022"
MONTH_YEAR_TAIL_RE = re.compile(rf"(?:{MONTH_PATTERN})\.?\s+{YEAR_PATTERN}$", re.IGNORECASE)
YEAR_TAIL_RE = re.compile(rf"{YEAR_PATTERN}$")


def period_value(text: str) -> tuple[str, str] | None:
    """(start, end) of a PERIOD span, ISO at the stated precision; "" marks an open side.

    text (str): e.g. "2021 bis 2024", "2023/24", "ab 2020", "von Januar 2022 bis Dezember 2023".
    RETURNS (tuple[str, str] | None): None when the span is not a readable period.

    Pass the marker with the span ("ab 2020", "bis 2022"): a PERIOD mention's span leaves
    the preposition out, but without it "2020" is read as the one year 2020.

    >>> period_value("in den Jahren 2021 bis 2024"), period_value("2023/24")
    (('2021', '2024'), ('2023', '2024'))
    >>> period_value("ab 2020"), period_value("bis 2025"), period_value("2021")
    (('2020', ''), ('', '2025'), ('2021', '2021'))
    """
    span = clean_span(text)
    if match := OPEN_START_RE.match(span):
        rest = match["rest"]
        if PERIOD_SEPARATOR_RE.search(rest):
            return _closed_period(rest)  # "ab 2021 bis 2024"
        start = date_value(rest)
        return None if start is None else (start, "")
    if match := OPEN_END_RE.match(span):
        end = date_value(match["rest"])
        return None if end is None else ("", end)
    if match := RANGE_OPENER_RE.match(span):
        rest = match["rest"]
        return _closed_period(rest) if PERIOD_SEPARATOR_RE.search(rest) else None
    return _closed_period(span)


def _closed_period(span: str) -> tuple[str, str] | None:
    """A single date, a range ("2021 bis 2024", "2023/24") or a list ("2021 und 2022")."""
    parts: list[str] = []
    kinds: set[str] = set()
    position = 0
    for separator in PERIOD_SEPARATOR_RE.finditer(span):
        parts.append(span[position : separator.start()])
        kinds.add(separator.lastgroup)
        position = separator.end()
    parts.append(span[position:])
    if len(parts) == 1:
        single = date_value(parts[0])
        return None if single is None else (single, single)
    is_range = bool(kinds & {"until", "dash", "slash"})
    if is_range and (len(parts) != 2 or len(kinds) != 1):
        return None  # "2021 bis 2022 und 2024", "2021-2022-2023"
    if is_range:
        parts[1] = _expand_short_year(parts[0], parts[1])
    values = [date_value(part) for part in parts[1:]]
    first = date_value(parts[0]) or _borrowed_start(parts[0], parts[1])
    if first is None or None in values:
        return None
    values.insert(0, first)
    if any(not _not_after(a, b) for a, b in zip(values, values[1:])):
        return None
    return values[0], values[-1]


def _expand_short_year(start: str, end: str) -> str:
    """"2023/24" and "2023-24" end in 2024: the end takes the start's century."""
    if not (BARE_YEAR_RE.match(start) and TWO_DIGIT_YEAR_RE.match(end)):
        return end
    full = int(start) - int(start) % 100 + int(end)
    return str(full + 100 if full < int(start) else full)


def _borrowed_start(start: str, end: str) -> str | None:
    """Complete "1." or "Januar" from the end, as German elides it: "1. bis 31. März 2022"."""
    tails = []
    if match := MONTH_YEAR_TAIL_RE.search(end):
        tails.append(match.group())
    if match := YEAR_TAIL_RE.search(end):
        tails.append(match.group())
    for tail in tails:
        for joiner in (" ", ""):
            if value := date_value(f"{start}{joiner}{tail}"):
                return value
    return None


def _not_after(earlier: str, later: str) -> bool:
    """ISO values of any precision in order: "2021" is not after "2021-05"."""
    shared = min(len(earlier), len(later))
    return earlier[:shared] <= later[:shared]


def period_interval(start: str, end: str) -> str:
    """ISO 8601 interval text of a period for mention values; ".." marks an open side.

    A one-year period stays an interval ("2021/2021") so every PERIOD value has one shape.

    >>> period_interval("2021", "2024"), period_interval("2020", ""), period_interval("", "2025")
    ('2021/2024', '2020/..', '../2025')
    >>> period_interval("", "")
    ''
    """
    if not start and not end:
        return ""
    return f"{start or '..'}/{end or '..'}"


# --- durations ----------------------------------------------------------------------

# unit word -> (ISO designator, how many of it one unit is)
DURATION_UNITS = {"jahr": ("Y", 1), "monat": ("M", 1), "woche": ("W", 1), "tag": ("D", 1), "quartal": ("M", 3)}
DURATION_RE = re.compile(
    r"""
    ^(?P<number>.+?)\s*-?\s*
    (?:
        (?P<unit>jahr|monat|woche|tag|quartal)(?:e|en|es|s|n)?      # zwei Jahren, 18 Monate
        | (?P<adjective>jähr|monat|wöch|täg)ig(?:e|en|er|es|em)?    # zweijährige, 18-monatigen
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)
ADJECTIVE_UNITS = {"jähr": "jahr", "monat": "monat", "wöch": "woche", "täg": "tag"}
MONTHS_PER_YEAR = 12
PER_YEAR = {"Y": 1, "M": MONTHS_PER_YEAR, "W": 53, "D": 366}  # the most of each unit in a year


def duration_value(text: str) -> str | None:
    """ISO 8601 duration of a DURATION span in its stated unit, or None.

    text (str): e.g. "zwei Jahren", "18 Monaten", "anderthalb Jahre", "zweijährige".
    RETURNS (str | None): "P2Y", "P18M", "P1Y6M", "P2Y"; None also for a run time
    beyond a century ("9999999999 Jahre"), where `read_duration` says why.

    A fraction of a year is read as years and months, as it is said ("dreieinhalb Jahre"
    -> P3Y6M, "ein halbes Jahr" -> P6M), since ISO allows a decimal only in the last
    component and P1.5Y reads poorly.

    >>> duration_value("zwei Jahren"), duration_value("anderthalb Jahre"), duration_value("zwölf Wochen")
    ('P2Y', 'P1Y6M', 'P12W')
    >>> duration_value("zweijährlich") is None, duration_value("9999999999 Jahre") is None
    (True, True)
    """
    try:
        return read_duration(text)
    except ValueOutOfRange:
        return None


def read_duration(text: str) -> str | None:
    """`duration_value`, raising ValueOutOfRange for a run time of 0 or beyond a century."""
    match = DURATION_RE.match(single_spaced(text))
    if match is None:
        return None
    number = parse_number(match["number"])
    if number is None:
        return None
    unit = (match["unit"] or ADJECTIVE_UNITS[match["adjective"].lower()]).lower()
    designator, factor = DURATION_UNITS[unit]
    amount = check_run_time(number * factor, PER_YEAR[designator])
    if designator == "Y" and amount != amount.to_integral_value():
        years = int(amount)
        months = (amount - years) * MONTHS_PER_YEAR
        if months == months.to_integral_value():
            return ("P" + (f"{years}Y" if years else "") + f"{int(months)}M")
    return f"P{_number_text(amount)}{designator}"


def _number_text(amount: Decimal) -> str:
    """Plain number text: 18, 1.5 (no exponent, no trailing zeros)."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")
