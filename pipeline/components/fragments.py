"""Regex building blocks for numbers, money and dates, made from the number lexicon.

Pattern files use them as placeholders ({NUM}, {SCALE}, {CUR}, {MONTH} …), so the
vocabulary lives in ``models/lexicon/de/numbers.yaml`` and nowhere in code.
"""

from __future__ import annotations

import re

from .rules import alternation

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
        # the words a number or a MONTH may begin with, in the lowercased text, one per line
        # (scanning.RuleSet finds them with its other word lists in one pass)
        "NUM_WORDS": "\n".join(sorted({w.lower() for w in words})),
        "MONTH_WORDS": "\n".join(sorted({re.match(r"\w+", m.lower()).group() for m in months})),
        "SCALE": scale_alt(scales),
        "BIGSCALE": scale_alt([s for s in scales if s in BIG_SCALES]),
        "CUR": alternation(currencies) + r"(?![\w])",
        "CUR_PREFIX": alternation([c for c in currencies if c in ("EUR", "€", "Euro")]),
        "MONTH": "(?i:" + "|".join(
            m + (r"\.?" if len(m) <= 4 else "") for m in sorted(months, key=len, reverse=True)
        ) + r")(?![\w])",
    }
