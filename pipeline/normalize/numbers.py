"""German numbers, written in digits or words, as Decimal.

The other normalisers (money, percent, dates) all read their figure through
`parse_number`, so German digit grouping and number words are handled in one place.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import srsly
from price_parser import Price

LEXICON_PATH = Path(__file__).resolve().parents[2] / "models" / "lexicon" / "de" / "numbers.yaml"
NUMERIC_SECTIONS = ("cardinals", "fractions", "scales", "currencies", "months")
LIST_SECTIONS = ("date_modifiers", "period_fillers", "period_noun_endings")

# German digits. NOTE: money.py embeds this pattern in its token regex; keep it free of
# capturing groups.
DIGITS_PATTERN = r"""
    (?:
        \d{1,3}(?:[.\u00a0\u2009\u202f\ ]\d{3})+   # grouped thousands: 20.000, 20 000
        | \d+                                      # plain: 2021, 500
    )
    (?:
        ,\d+                                       # decimal comma: 1,5 / 1.234,56
        | ,[-\u2013]{1,2}                          # no cents: 50.000,- / 50.000,--
        | \.[-\u2013]                              # no cents, dot form: 50.000.-
    )?
"""
GERMAN_DIGITS_RE = re.compile(rf"^{DIGITS_PATTERN}$", re.VERBOSE)
# "1.5 Mio." is an English decimal point in German text: a dot followed by one or two
# digits can never be German thousands grouping, which always has three.
DECIMAL_POINT_RE = re.compile(r"^\d+\.\d{1,2}$")
NO_CENTS_RE = re.compile(r"[.,][-\u2013]{1,2}$")
WHITESPACE_RE = re.compile(r"\s+")
EINHALB_SUFFIX = "einhalb"
ONE_FORMS = ("", "ein")  # "hundert"/"einhundert", "tausend"/"eintausend"


@cache
def load_lexicon() -> dict:
    """Read models/lexicon/de/numbers.yaml once; every normaliser shares the result.

    RETURNS (dict): section name -> {word: value} (or a list for the word lists).
    """
    lexicon = srsly.read_yaml(LEXICON_PATH)
    _validate_lexicon(lexicon)
    return lexicon


def _validate_lexicon(lexicon: dict) -> None:
    """Fail on load, naming the file, rather than misreading numbers later."""
    allowed = set(NUMERIC_SECTIONS) | set(LIST_SECTIONS)
    unknown = set(lexicon) - allowed
    if unknown:
        raise ValueError(f"{LEXICON_PATH}: unknown sections {sorted(unknown)}")
    for section in NUMERIC_SECTIONS:
        entries = lexicon.get(section)
        if not isinstance(entries, dict) or not entries:
            raise ValueError(f"{LEXICON_PATH}: section {section!r} must be a non-empty mapping")
        for word, value in entries.items():
            if not isinstance(word, str):
                raise ValueError(f"{LEXICON_PATH}: {section} key {word!r} is not text (quote it)")
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError(f"{LEXICON_PATH}: {section}.{word} is not a number")
            if section != "currencies" and word != word.lower():
                raise ValueError(f"{LEXICON_PATH}: {section}.{word} must be lowercase")
            if word.endswith("."):
                raise ValueError(f"{LEXICON_PATH}: {section}.{word} must not end with a dot")
    if any(not 1 <= n <= 12 for n in lexicon["months"].values()):
        raise ValueError(f"{LEXICON_PATH}: months must map to 1..12")
    for section in LIST_SECTIONS:
        if not isinstance(lexicon.get(section), list):
            raise ValueError(f"{LEXICON_PATH}: section {section!r} must be a list")


def _as_decimal(value: int | float) -> Decimal:
    """YAML gives floats for 0.5 and 1.5; go through str so no binary noise enters."""
    return Decimal(str(value))


CARDINALS = {word: _as_decimal(v) for word, v in load_lexicon()["cardinals"].items()}
FRACTIONS = {word: _as_decimal(v) for word, v in load_lexicon()["fractions"].items()}
# Inside a compound "one" is always "ein" (einundzwanzig, einhundert), never "eine"/"eins".
UNITS = {w: v for w, v in CARDINALS.items() if 1 <= v <= 9 and (v != 1 or w == "ein")}
BELOW_HUNDRED = {w: v for w, v in CARDINALS.items() if v < 100}
TENS = {w: v for w, v in CARDINALS.items() if 20 <= v < 100}
# "eine halbe", "einer halben": the article only marks the fraction as one quantity.
ARTICLE_FORMS = {w for w, v in CARDINALS.items() if v == 1 and w.startswith("ein") and w != "eins"}


def single_spaced(text: str) -> str:
    """text with each run of whitespace as one space and none at either end: how a span
    reaches its normaliser, whatever line break or double space it held."""
    return WHITESPACE_RE.sub(" ", text.strip())


def parse_number(text: str) -> Decimal | None:
    """Read a German number written in digits or words; None if it is not one.

    text (str): the number alone, e.g. "20.000", "1,5", "dreihundertfünfzig", "eine halbe".
    RETURNS (Decimal | None): its value.

    >>> parse_number("1.234,56"), parse_number("50.000,-"), parse_number("20 000")
    (Decimal('1234.56'), Decimal('50000'), Decimal('20000'))
    >>> parse_number("dreihundertfünfzig"), parse_number("zweieinhalb"), parse_number("eine halbe")
    (Decimal('350'), Decimal('2.5'), Decimal('0.5'))
    >>> parse_number("viele") is None
    True
    """
    cleaned = single_spaced(text)
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        return parse_digits(cleaned)
    return parse_number_words(cleaned)


def parse_digits(text: str) -> Decimal | None:
    """German digits via price-parser; a lone "1.5" via Decimal.

    price-parser with decimal_separator="," reads the grouping and the decimal comma,
    but it would read "1.5" as 15, so that form (English decimal point, never German
    grouping) is read directly. The regex gate first rejects what is not a German
    number at all ("1.2.2021", "20,000.5"), because price-parser would still return
    something for those.

    >>> parse_digits("1.5"), parse_digits("12,5"), parse_digits("1.000.000")
    (Decimal('1.5'), Decimal('12.5'), Decimal('1000000'))
    >>> parse_digits("31.08.2020") is None
    True
    """
    if DECIMAL_POINT_RE.match(text):
        return Decimal(text)
    if not GERMAN_DIGITS_RE.match(text):
        return None
    digits = NO_CENTS_RE.sub("", text)
    return Price.fromstring(digits, decimal_separator=",").amount


def parse_number_words(text: str) -> Decimal | None:
    """Number words, one word or an article plus a fraction ("eine halbe").

    >>> parse_number_words("Zwölf"), parse_number_words("einundzwanzig"), parse_number_words("zwei tausend")
    (Decimal('12'), Decimal('21'), None)
    """
    words = text.lower().split(" ")
    if len(words) == 2 and words[0] in ARTICLE_FORMS and words[1] in FRACTIONS:
        return FRACTIONS[words[1]] if FRACTIONS[words[1]] < 1 else None
    if len(words) != 1:
        return None
    return number_word_value(words[0])


def number_word_value(word: str) -> Decimal | None:
    """Value of one lowercase number word, simple or compound.

    >>> number_word_value("zweitausendfünfhundert"), number_word_value("zwölfeinhalb")
    (Decimal('2500'), Decimal('12.5'))
    >>> number_word_value("hunderttausend"), number_word_value("einhundertzwanzig")
    (Decimal('100000'), Decimal('120'))
    """
    if word in CARDINALS:
        return CARDINALS[word]
    if word in FRACTIONS:
        return FRACTIONS[word]
    if word.endswith(EINHALB_SUFFIX) and len(word) > len(EINHALB_SUFFIX):
        whole = _below_million(word[: -len(EINHALB_SUFFIX)])
        return None if whole is None else whole + Decimal("0.5")
    return _below_million(word)


def _below_million(word: str) -> Decimal | None:
    """1..999999 as one word: [below-thousand]tausend[below-thousand]."""
    if "tausend" not in word:
        return _below_thousand(word)
    head, _, tail = word.partition("tausend")
    thousands = Decimal(1) if head in ONE_FORMS else _below_thousand(head)
    rest = Decimal(0) if tail == "" else _below_thousand(tail)
    if thousands is None or rest is None or thousands == 0:
        return None
    return thousands * 1000 + rest


def _below_thousand(word: str) -> Decimal | None:
    """1..999 as one word: [unit]hundert[below-hundred]."""
    if "hundert" not in word:
        return _below_hundred(word)
    head, _, tail = word.partition("hundert")
    hundreds = Decimal(1) if head in ONE_FORMS else UNITS.get(head)
    rest = Decimal(0) if tail == "" else _below_hundred(tail)
    if hundreds is None or rest is None:
        return None
    return hundreds * 100 + rest


def _below_hundred(word: str) -> Decimal | None:
    """0..99 as one word: a listed word, or <unit>und<tens> ("fünfundzwanzig")."""
    if word in BELOW_HUNDRED:
        return BELOW_HUNDRED[word]
    unit, sep, tens = word.partition("und")
    if sep and unit in UNITS and tens in TENS:
        return UNITS[unit] + TENS[tens]
    return None
