"""Helpers of the extraction step."""

import pytest

from pipeline.components.rules import Containers

SPANS = [(10, 40), (50, 60), (12, 20)]


@pytest.mark.parametrize("start, end, contained", [
    (10, 40, True),   # the span itself
    (15, 39, True),
    (13, 19, True),   # inside both
    (30, 45, False),  # runs past the end
    (5, 15, False),   # starts before
    (41, 49, False),  # between
    (50, 60, True),
    (55, 61, False),
    (0, 0, False),
])
def test_containers(start, end, contained):
    assert Containers(SPANS).contain(start, end) is contained


def test_no_containers():
    assert Containers([]).contain(3, 4) is False


def test_msgpack_plugins_still_work_after_the_one_look_up():
    """Docs crossing processes are packed with srsly; its numpy plugin must survive."""
    import numpy
    import srsly

    from pipeline.extract import look_up_msgpack_plugins_once

    look_up_msgpack_plugins_once()
    look_up_msgpack_plugins_once()  # twice is harmless
    array = numpy.arange(6, dtype="int64").reshape(2, 3)
    restored = srsly.msgpack_loads(srsly.msgpack_dumps({"a": array}))
    assert (restored["a"] == array).all()
    assert "numpy" in srsly.msgpack.msgpack_decoders.get_all()
