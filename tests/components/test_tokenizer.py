"""The pipeline's tokenizer: spaCy's German rules, a few more splits, and a working cache."""

import pytest
import spacy

from pipeline.components.rules import doc_work
from pipeline.extract import load_nlp


@pytest.fixture(scope="module")
def tokenizer():
    return load_nlp().tokenizer


@pytest.fixture(scope="module")
def spacy_german():
    return spacy.blank("de").tokenizer


@pytest.mark.parametrize("text, tokens", [
    ("von 2021-2024 gefördert", ["von", "2021", "-", "2024", "gefördert"]),
    ("im Zeitraum 2023–2026", ["im", "Zeitraum", "2023", "–", "2026"]),
    ("das 880-Millionen-Paket", ["das", "880", "-", "Millionen-Paket"]),
    ("im Haushaltsjahr 2023/24", ["im", "Haushaltsjahr", "2023", "/", "24"]),
    ("3,3 Mio. Euro", ["3,3", "Mio.", "Euro"]),
    ("z. B. für Schulen", ["z.", "B.", "für", "Schulen"]),
])
def test_extra_splits(tokenizer, text, tokens):
    assert [t.text for t in tokenizer(text)] == tokens


@pytest.mark.parametrize("text", [
    "Das Land fördert\nKommunen mit 20.000 Euro.\n\nAnträge bis 31.08.2020.",
    "Titel\n \tZeile mit  zwei Leerzeichen\u00a0und geschütztem Leerzeichen\n",
    "Pressemitteilung\nz. B. 3,3 Mio. € für die Digitalisierung\n",
])
def test_whitespace_tokenises_as_in_spacy(tokenizer, spacy_german, text):
    """Dropping the whitespace special cases (for the cache) changes no token."""
    ours = [(t.text, t.idx, t.norm_, t.whitespace_) for t in tokenizer(text)]
    assert ours == [(t.text, t.idx, t.norm_, t.whitespace_) for t in spacy_german(text)]


def test_no_whitespace_special_cases_after_loading(tokenizer):
    """A whitespace special case would stop spaCy caching a doc's chunks after its first line."""
    assert not [key for key in tokenizer.rules if not key.strip() and key != "\u00a0"]


def test_doc_keeps_its_text(tokenizer):
    text = "Förderung  von\n3 Mio. Euro "
    doc = tokenizer(text)
    assert doc_work(doc).get("text") == text == doc.text
