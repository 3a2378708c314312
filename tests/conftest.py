"""What the tests share: the packaged pipeline, loaded once (load_nlp caches it too)."""

import pytest

from pipeline.extract import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()
