"""The pipeline's tokenizer: spaCy's German rules, a few more splits, and a working cache."""

from pathlib import Path

import pytest
import spacy
from spacy.attrs import NORM, ORTH

from pipeline.clean import clean
from pipeline.components.rules import doc_work
from pipeline.components.tokenizer import SpecialCaseTokenizer, create_tokenizer
from pipeline.extract import load_nlp
from pipeline.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


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


def rows(doc):
    return [(t.text, t.idx, t.norm_, t.whitespace_) for t in doc]


@pytest.mark.parametrize("text, left_to_spacy", [
    ("Das Land gibt ca. 5 Mio. Euro, bzw. rund 4,8 Mio. € netto.", set()),
    ("Die Summe (ca. 3 Mrd.) steigt; max. 80 %, inkl. Eigenanteil, ggf. mehr.", set()),
    ("z.B. Schulen, z. B. Kitas, u.a. Rathäuser, d.h. alle Gebäude usw.", set()),
    ("„Mio.“ und Mio.. und Mio.: und (Mio.), Mio.-Betrag, Mio .", set()),
    ("Dr. Meyer, Prof. Dr. Schulz und Dipl.-Ing. Weber (CDU/CSU) sowie Nr. 5 bzw. Abs. 2", set()),
    ("U.S.A. und A.C., 0.0 und C++; St. Ingbert, Str. 5, Tel. 0711", set()),
    ("Titel ohne Abkürzung\nEine zweite Zeile mit Mio. Euro\n\nDritte Zeile ca. 2026.", set()),
    # a special case of two tokens is not joined: spaCy's tokenizer takes the doc
    ("Geht’s auf’m Amt? Ich’s weiß, wir's sehen's: (-: :-) ;-)", {"auf’m"}),
])
def test_special_cases_as_in_spacy(tokenizer, text, left_to_spacy):
    """Abbreviations joined after splitting give spaCy's own tokens, wherever they stand,
    without handing the doc to spaCy's tokenizer."""
    special = SpecialCaseTokenizer(tokenizer.inner)
    assert rows(special(text)) == rows(tokenizer.inner(text))
    assert special.differing == left_to_spacy


def test_corpus_tokenises_as_in_spacy(tokenizer):
    for path in sorted(CORPUS.iterdir()):
        text = clean(read_source(path).text).text
        assert rows(tokenizer(text)) == rows(tokenizer.inner(text)), path.name


def test_a_chunk_joining_cannot_repair_goes_to_spacy(tokenizer):
    """A special case of two tokens ("auf’m" -> "auf", "’m") is not joined; the chunk is
    found to differ once, and a doc holding it is tokenised by spaCy's tokenizer."""
    special = SpecialCaseTokenizer(tokenizer.inner)
    text = "Der Weg auf’m Amt kostet 5 Mio. Euro."
    assert rows(special(text)) == rows(tokenizer.inner(text))
    assert "auf’m" in special.differing
    assert "Mio." in special.checked
    again = "Noch einmal auf’m Amt."  # a known chunk, not checked again
    assert rows(special(again)) == rows(tokenizer.inner(again))


def new_tokenizer():
    return create_tokenizer()(spacy.blank("de"))


def test_a_special_case_with_a_space_leaves_all_to_spacy():
    ours = new_tokenizer()
    ours.add_special_case("a. m.", [{ORTH: "a. m."}])
    text = "Er kam a. m. und ging ca. um 5."
    assert rows(ours(text)) == rows(ours.inner(text))
    assert not ours.tokenize.chunkwise


def test_changed_rules_take_effect():
    ours = new_tokenizer()
    assert [t.text for t in ours("Die Fördermio. kommt")] == ["Die", "Fördermio", ".", "kommt"]
    ours.add_special_case("Fördermio.", [{ORTH: "Fördermio.", NORM: "Fördermillion"}])
    assert [(t.text, t.norm_) for t in ours("Die Fördermio. kommt")][1] == ("Fördermio.", "Fördermillion")
    ours.rules = {}
    assert [t.text for t in ours("ca. 5 Mio. Euro")] == ["ca", ".", "5", "Mio", ".", "Euro"]
