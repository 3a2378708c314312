"""The euro value of a MONEY span's surface text.

A MONEY span is [currency] number [scale] [currency]: "20.000 Euro", "EUR 200.000",
"3,3 Mio. Euro", "12 T€", "zwei Millionen Euro", "17 Millionen". Anything else in the
span (qualifiers, other words, two numbers) makes the value unreadable: None, never a
guess. The digits go through `parse_number` (price-parser); the scale and currency
words come from models/lexicon/de/numbers.yaml. An amount no funding can be ("0 Euro",
beyond 10^13 euro) is refused as well (bounds.py).
"""

from __future__ import annotations

import re
from decimal import Decimal


from .bounds import ValueOutOfRange, check_euros
from .numbers import DIGITS_PATTERN, load_lexicon, parse_number

CURRENCIES = {token: Decimal(str(v)) for token, v in load_lexicon()["currencies"].items()}
CURRENCIES_FOLDED = {token.casefold(): v for token, v in CURRENCIES.items()}
SCALES = {word: Decimal(str(v)) for word, v in load_lexicon()["scales"].items()}

LETTER = "A-Za-zÄÖÜäöüß"
CURRENCY_PATTERN = "|".join(re.escape(t) for t in sorted(CURRENCIES, key=len, reverse=True))
# One token of a MONEY span; the span must be covered by these and whitespace only.
MONEY_TOKEN_RE = re.compile(
    rf"""
    \s*(?:
        (?P<currency>{CURRENCY_PATTERN})(?![{LETTER}])   # Euro, EUR, €, TEUR, T€
        | (?P<digits>\d+\.\d{{1,2}}(?![\d])             # 1.5 (Mio.): see parse_digits
            | {DIGITS_PATTERN}(?![\d]))                  # 20.000, 3,3, 50.000,-
        | (?P<word>[{LETTER}]+)\.?                        # Mio., Millionen, zwei, halbe
    )\s*
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Hyphens that join a figure into a compound: "880-Millionen", "50-Millionen-Euro",
# "3-Mio.-Euro". Not the dash of "50.000,-".
COMPOUND_HYPHEN_RE = re.compile(rf"(?<=[\w€.])(?<!,)-(?=[{LETTER}€])")


def money_value(text: str) -> Decimal | None:
    """Euros stated by a MONEY span, or None when it is not a readable amount of funding.

    text (str): the span, e.g. "3,3 Mio. Euro", "EUR 200.000", "880-Millionen".
    RETURNS (Decimal | None): the amount in euros.

    A bare number ("2021", "20.000") is no amount: a scale or a currency must be there;
    a scale alone ("17 Millionen") is an amount whose euro currency is left implicit.
    An amount out of bounds ("0 Euro") is None too: `read_money` says why.

    >>> money_value("3,3 Mio. Euro"), money_value("12 T€"), money_value("eine halbe Million Euro")
    (Decimal('3300000.0'), Decimal('12000'), Decimal('500000.0'))
    >>> money_value("2021") is None, money_value("Euro") is None, money_value("0 Euro") is None
    (True, True, True)
    """
    try:
        return read_money(text)
    except ValueOutOfRange:
        return None


def read_money(text: str) -> Decimal | None:
    """`money_value`, raising ValueOutOfRange for an amount no funding can be."""
    tokens = _money_tokens(COMPOUND_HYPHEN_RE.sub(" ", text.strip().rstrip(" .")))
    if not tokens:
        return None
    multiplier = Decimal(1)
    has_unit = False
    if tokens[0][0] == "currency":
        multiplier *= CURRENCIES_FOLDED[tokens.pop(0)[1].casefold()]
        has_unit = True
    if tokens and tokens[-1][0] == "currency":
        if has_unit:
            return None  # "EUR 5 Euro": two currencies
        multiplier *= CURRENCIES_FOLDED[tokens.pop()[1].casefold()]
        has_unit = True
    if len(tokens) >= 2 and tokens[-1][0] == "word" and tokens[-1][1].lower() in SCALES:
        # "tausend Euro" keeps "tausend" as its number: a scale needs a number before it.
        multiplier *= SCALES[tokens.pop()[1].lower()]
        has_unit = True
    if not has_unit or not tokens or any(kind == "currency" for kind, _ in tokens):
        return None
    number = parse_number(" ".join(surface for _, surface in tokens))
    return None if number is None else check_euros(number * multiplier)


def _money_tokens(text: str) -> list[tuple[str, str]]:
    """Split a span into (kind, surface) tokens; [] if some part is not a token."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = MONEY_TOKEN_RE.match(text, position)
        if match is None or match.end() == position:
            return []
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens
