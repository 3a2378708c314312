"""models/lexicon/de/numbers.yaml: every entry is read as the normalisers claim.

The rows come from the lexicon itself, so an entry added later is tested too; the
check on months also proves dateparser understands each month's full name.
"""

from decimal import Decimal

import pytest

from pipeline.normalize import date_value, load_lexicon, money_value, parse_number
from pipeline.normalize.numbers import _validate_lexicon

LEXICON = load_lexicon()


@pytest.mark.parametrize(("word", "value"), LEXICON["cardinals"].items())
def test_cardinal_is_read(word, value):
    assert parse_number(word) == Decimal(str(value))


@pytest.mark.parametrize(("word", "value"), LEXICON["fractions"].items())
def test_fraction_is_read(word, value):
    assert parse_number(word) == Decimal(str(value))


@pytest.mark.parametrize(("word", "multiplier"), LEXICON["scales"].items())
def test_scale_multiplies(word, multiplier):
    assert money_value(f"3 {word.capitalize()} Euro") == 3 * Decimal(str(multiplier))


@pytest.mark.parametrize(("token", "multiplier"), LEXICON["currencies"].items())
def test_currency_multiplies(token, multiplier):
    assert money_value(f"7 {token}") == 7 * Decimal(str(multiplier))


@pytest.mark.parametrize(("spelling", "month"), LEXICON["months"].items())
def test_month_spelling_is_read(spelling, month):
    assert date_value(f"2. {spelling.capitalize()}. 2022") == f"2022-{month:02d}-02"


BROKEN = [
    {**LEXICON, "cardinals": {None: 0}},  # bare YAML null as a key
    {**LEXICON, "scales": {"Mio": 1000000}},  # not lowercase
    {**LEXICON, "scales": {"mio.": 1000000}},  # trailing dot
    {**LEXICON, "months": {"januar": 13}},
    {**LEXICON, "fractions": {"halb": "0.5"}},
    {**LEXICON, "colours": {"rot": 1}},
    {**LEXICON, "period_fillers": "im"},
]


@pytest.mark.parametrize("lexicon", BROKEN)
def test_broken_lexicon_is_rejected(lexicon):
    with pytest.raises(ValueError, match="numbers.yaml"):
        _validate_lexicon(lexicon)
