"""Regex building blocks for numbers, money and dates, made from the number lexicon.

Pattern files use them as placeholders ({NUM}, {SCALE}, {CUR}, {MONTH} …), so the
vocabulary lives in ``models/lexicon/de/numbers.yaml`` and nowhere in code.
"""

from __future__ import annotations

import re

from ..lexicon import alternation

# German digits: "20.000", "20 000", "1,5", "1.234,56", "50.000,-". NOTE: keep in sync with
# pipeline.normalize.numbers.parse_number, which reads what these match.
DIGITS = r"""(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:\ \d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:,-{1,2}|,–)?"""
# "1.5 Millionen", "12.5 Prozent": a dot before one or two digits is never German grouping
# (always three), so before a unit it is an English decimal point (parse_number reads it so)
DECIMAL_POINT = r"\d+\.\d{1,2}"
# where a number cannot begin: just after a digit and a separator, inside "1.5" or "1,5,5"
NOT_INSIDE_A_NUMBER = r"(?<!\d[.,])"
BIG_SCALES = {"mio", "mill", "million", "millionen", "mrd", "milliarde", "milliarden"}
ABBREVIATED = {"mio", "mill", "mrd", "tsd"}
CURRENCY_PREFIXES = {"EUR", "€", "Euro"}  # the currencies written before an amount too
CENTURIES = ("19", "20")  # how a {YEAR} begins


def number_fragments(numbers: dict) -> dict[str, str]:
    """Placeholders for the pattern files, from the number lexicon."""
    words = list(numbers.get("cardinals", {})) + list(numbers.get("fractions", {}))
    word = alternation(words)
    # a number word may be a compound of several ("dreihundertfünfzig", "zweiundzwanzig")
    num_word = rf"(?i:{word}(?:(?:und)?{word})*)(?![\w])"

    def scale_alt(keys):
        parts = [
            re.escape(k) + (r"\.?" if k in ABBREVIATED else "")
            for k in sorted(keys, key=lambda k: (-len(k), k))
        ]
        return "(?i:" + "|".join(parts) + r")(?![\w])"

    scales = list(numbers.get("scales", {}))
    currencies = list(numbers.get("currencies", {}))
    months = list(numbers.get("months", {}))
    unit = rf"[\s-]*(?:{scale_alt(scales)}|{alternation(currencies)}(?![\w])|Prozent|%)"
    # a figure never starts inside a number: "5 Millionen" is not read out of "1.5 Millionen",
    # nor "00 Euro" (0) out of the typo "195.00 Euro"
    num = rf"{NOT_INSIDE_A_NUMBER}(?:{DECIMAL_POINT}(?={unit})|{DIGITS}(?![\d.,]\d)|{num_word})"
    return {
        "NUM": num,
        "SCALE": scale_alt(scales),
        "BIGSCALE": scale_alt([s for s in scales if s in BIG_SCALES]),
        "CUR": alternation(currencies) + r"(?![\w])",
        "CUR_PREFIX": alternation([c for c in currencies if c in CURRENCY_PREFIXES]),
        "MONTH": "(?i:" + "|".join(
            m + (r"\.?" if len(m) <= 4 else "") for m in sorted(months, key=len, reverse=True)
        ) + r")(?![\w])",
        # a year of the 20th or 21st century, as dates and periods write it
        "YEAR": rf"(?:{'|'.join(CENTURIES)})\d{{2}}",
    }


def placeholder_words(numbers: dict) -> dict[str, list[str]]:
    """The lowercase words each placeholder is built from (for NUM: its number words, for
    MONTH: the word each month name begins with, for YEAR: its centuries), from which the
    loader derives where a rule may start and which lines it needs (see hints)."""
    currencies = list(numbers.get("currencies", {}))
    scales = list(numbers.get("scales", {}))
    words = {
        "NUM": list(numbers.get("cardinals", {})) + list(numbers.get("fractions", {})),
        "MONTH": [re.match(r"\w+", m).group() for m in numbers.get("months", {})],
        "CUR": currencies,
        "CUR_PREFIX": [c for c in currencies if c in CURRENCY_PREFIXES],
        "SCALE": scales,
        "BIGSCALE": [s for s in scales if s in BIG_SCALES],
        "YEAR": list(CENTURIES),
    }
    return {name: sorted({w.lower() for w in ws}) for name, ws in words.items()}
