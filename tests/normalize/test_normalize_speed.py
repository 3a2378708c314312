"""Normalisers run on every span of thousands of articles: keep them cheap.

Limits are loose so a busy machine does not fail them; they still catch a change from
microseconds to milliseconds (e.g. building a dateparser per call).
"""

import time

import pytest

from pipeline.normalize import date_value, money_value, percent_value

UNCACHED_DATE_VALUE = date_value.__wrapped__

BUDGETS = [
    (money_value, ["20.000 Euro", "3,3 Mio. Euro", "EUR 200.000", "zwei Millionen Euro", "12 T€"], 200e-6),
    (percent_value, ["80 Prozent", "12,5 %", "80-prozentige"], 200e-6),
    (UNCACHED_DATE_VALUE, ["31.08.2020", "1. Sept. 2021", "September 2021", "2021"], 5e-3),
]


@pytest.mark.parametrize(("function", "spans", "seconds_per_call"), BUDGETS)
def test_cost_per_call(function, spans, seconds_per_call):
    for span in spans:
        assert function(span) is not None  # warm up, and prove the spans are read
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        for span in spans:
            function(span)
    mean = (time.perf_counter() - started) / (rounds * len(spans))
    assert mean < seconds_per_call
