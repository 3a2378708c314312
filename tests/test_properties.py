"""Property tests (issue 15): no text, bytes or HTML makes the normalisers or the pipeline
raise, and every value that comes out is well-formed (pipeline/wellformed.py).

Hypothesis draws arbitrary text as well as text built from the pieces that reach the
number and date readers (digits, separators, scale and unit words, huge figures), since
arbitrary text alone almost never holds "3,5 Mio. Euro". Example counts are kept small:
the whole suite should stay fast; `make fuzz` is the long hostile run.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_text
from pipeline.io.reading import InputError, decode_text, read_source
from pipeline.normalize import (
    date_value,
    duration_value,
    money_value,
    parse_number,
    percent_value,
    period_interval,
    period_value,
)
from pipeline.normalize.bounds import MAX_EUROS, MAX_PERCENT
from pipeline.schema import format_value
from pipeline.wellformed import (
    date_problem,
    duration_problem,
    interval_problem,
    mention_problem,
    record_problems,
)

FEW = settings(max_examples=60, deadline=None)  # the normalisers: fast per example
SOME = settings(max_examples=25, deadline=None,  # the pipeline: ~10-50 ms per example
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Pieces of the spans the normalisers read; drawn in any order, so most make no sense.
PIECES = [
    "0", "1", "5", "12", "20", "99", "100", "1.000", "20.000", "1,5", "3,3", "50.000,-", "2021", "2024", "23",
    "10000000000000000000000000000", "9" * 40, "0,0001", ".", ",", "-", "–", "/", " ", "  ", "\n",
    "Euro", "EUR", "€", "T€", "TEUR", "Mio.", "Millionen", "Milliarden", "Mrd.", "tausend", "zwei", "halbe",
    "anderthalb", "eine", "Prozent", "%", "v. H.", "prozentige", "Jahre", "Monaten", "Wochen", "Tage",
    "Quartale", "jährige", "ab", "bis", "von", "seit", "zum", "Ende", "Anfang", "Mitte", "Januar", "Sept.",
    "Dezember", "31.", "30.02.", "1.13.", "im Jahr", "Jahresende",
]
span_texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join),
)


@FEW
@given(span_texts)
def test_parse_number_gives_a_finite_decimal_or_none(text):
    number = parse_number(text)
    assert number is None or (isinstance(number, Decimal) and number.is_finite())


@FEW
@given(span_texts)
def test_money_value_is_a_positive_amount_up_to_ten_trillion(text):
    value = money_value(text)
    assert value is None or 0 < value <= MAX_EUROS
    if value is not None:
        assert Decimal(format_value(value)) == value


@FEW
@given(span_texts)
def test_percent_value_is_a_share_up_to_100(text):
    value = percent_value(text)
    assert value is None or 0 < value <= MAX_PERCENT


@FEW
@given(span_texts)
def test_date_value_is_an_iso_date(text):
    value = date_value(text)
    assert value is None or date_problem(value) is None, value


@FEW
@given(span_texts)
def test_period_value_is_an_iso_interval(text):
    value = period_value(text)
    if value is not None:
        start, end = value
        assert start or end, value
        assert interval_problem(period_interval(start, end)) is None, value


@FEW
@given(span_texts)
def test_duration_value_is_an_iso_duration_up_to_a_century(text):
    value = duration_value(text)
    assert value is None or duration_problem(value) is None, value


# --- the whole pipeline -------------------------------------------------------------

# Sentences in the shape of a press release, with the pieces above where figures go.
SENTENCE_HEADS = ["Das Land Bayern fördert Kommunen mit", "Der Fördersatz beträgt", "Die Laufzeit beträgt",
                  "Anträge können bis zum", "Das Programm läuft von", "Die Gemeinde erhält"]
sentences = st.builds(lambda head, figure, tail: f"{head} {figure}{tail}", st.sampled_from(SENTENCE_HEADS),
                      st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join),
                      st.sampled_from([".", " gestellt werden.", "", "\n\n", " und", ";"]))
documents = st.one_of(st.text(max_size=300), st.lists(sentences, min_size=1, max_size=6).map(" ".join))



def assert_well_formed(result):
    problems = [p for record in result.records for p in record_problems(vars(record))]
    problems += [f"{m.label} {m.text!r}: {p}" for m in result.mentions if (p := mention_problem(m.label, m.value))]
    assert problems == []


@SOME
@given(text=documents)
def test_extract_text_never_raises_and_gives_well_formed_values(nlp, text):
    assert_well_formed(extract_text(text, nlp=nlp))


# Bytes and HTML: decoding, charsets that name no text codec, nesting, broken markup.
CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "utf-32", "hex", "base64", "rot13", "zip",
            "idna", "punycode", "unicode-escape", "x-klingon", "", "utf-7", "cp037", "shift_jis"]
html_bodies = st.recursive(
    st.one_of(sentences, st.text(max_size=30)),
    lambda inner: st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>",
                            st.sampled_from(["p", "div", "article", "table", "td", "li", "b", "script", "x"]),
                            st.lists(inner, max_size=3).map("".join)),
    max_leaves=8,
)
html_pages = st.builds(
    lambda charset, body, cut: (f"<html><head><meta charset=\"{charset}\"><title>Förderung</title></head>"
                                f"<body><article>{body}</article></body></html>").encode("utf-8", "surrogatepass")[:cut],
    st.sampled_from(CHARSETS), html_bodies, st.integers(min_value=1, max_value=2000),
)
page_bytes = st.one_of(st.binary(max_size=300), html_pages)


@FEW
@given(data=page_bytes, html=st.booleans())
def test_decode_text_gives_text_or_a_value_error(data, html):
    try:
        text = decode_text(data, html=html)
    except ValueError:
        return
    assert isinstance(text, str) and "\r" not in text


@SOME
@given(data=page_bytes, suffix=st.sampled_from([".txt", ".html"]))
def test_a_file_is_read_and_extracted_or_refused_with_an_input_error(nlp, tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("file") / f"meldung{suffix}"
    path.write_bytes(data)
    try:
        source = read_source(path)
    except InputError as error:
        assert error.problem
        return
    assert_well_formed(extract_text(source.text, nlp=nlp))


# Found by `make fuzz` and reduced by hand: texts the pipeline must take without raising;
# known failures as xfail rows naming the component at fault.
FOUND_BY_FUZZING = [
    pytest.param("„“\n\nDas Land Hessen fördert Kommunen mit 20.000 Euro.\n", id="a heading of only quote marks"),
    pytest.param("Die Gemeinde erhält 10000000000000000000000000000 Euro.\n", id="a figure of 29 digits"),
    pytest.param("Der Fördersatz beträgt 10000000000000000000000000000 Prozent.\n", id="a rate of 29 digits"),
    pytest.param("Die Laufzeit beträgt 9999999999 Jahre.\n", id="a run time of ten digits"),
]


@pytest.mark.parametrize("text", FOUND_BY_FUZZING)
def test_texts_found_by_fuzzing(nlp, text):
    assert_well_formed(extract_text(text, nlp=nlp))
