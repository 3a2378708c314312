"""Canonical values of the spans the extractor finds: euros, percent, ISO dates.

Each function takes a span's surface text and returns its value, or None when the
text cannot be read; none of them guesses or consults today's date.
"""

from .dates import date_value, duration_value, period_interval, period_value
from .money import money_value
from .numbers import load_lexicon, parse_number
from .percent import percent_value

__all__ = [
    "date_value",
    "duration_value",
    "load_lexicon",
    "money_value",
    "parse_number",
    "percent_value",
    "period_interval",
    "period_value",
]
