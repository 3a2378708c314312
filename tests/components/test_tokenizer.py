"""The pipeline's tokenizer: spaCy's German rules, a few more splits, and a working cache."""

import pickle
from pathlib import Path

import pytest
import spacy
from spacy.attrs import NORM, ORTH

from pipeline.clean import clean
from spacy.tokenizer import Tokenizer

from pipeline.components.tokenizer import ChunkCacheWarmer, create_tokenizer, search_for_any
from pipeline.extract import load_nlp
from pipeline.io.reading import read_source

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
    assert doc._.tokenized_text == text == doc.text


def rows(doc):
    return [(t.text, t.idx, t.norm_, t.whitespace_) for t in doc]


@pytest.fixture(scope="module")
def cold_spacy(tokenizer):
    return cold_copy(tokenizer.inner)


def cold_copy(inner):
    """spaCy's tokenizer with these settings and an empty cache on each call: spaCy's own tokens."""
    reference = Tokenizer(
        inner.vocab, rules=inner.rules, prefix_search=inner.prefix_search, suffix_search=inner.suffix_search,
        infix_finditer=inner.infix_finditer, token_match=inner.token_match, url_match=inner.url_match,
        faster_heuristics=inner.faster_heuristics,
    )

    def tokenize(text):
        reference._flush_cache()
        return reference(text)

    return tokenize


SPECIAL_CASE_TEXTS = [
    "Das Land gibt ca. 5 Mio. Euro, bzw. rund 4,8 Mio. € netto.",
    "Die Summe (ca. 3 Mrd.) steigt; max. 80 %, inkl. Eigenanteil, ggf. mehr.",
    "z.B. Schulen, z. B. Kitas, u.a. Rathäuser, d.h. alle Gebäude usw.",
    "„Mio.“ und Mio.. und Mio.: und (Mio.), Mio.-Betrag, Mio .",
    "Dr. Meyer, Prof. Dr. Schulz und Dipl.-Ing. Weber (CDU/CSU) sowie Nr. 5 bzw. Abs. 2",
    "U.S.A. und A.C., 0.0 und C++; St. Ingbert, Str. 5, Tel. 0711",
    "Titel ohne Abkürzung\nEine zweite Zeile mit Mio. Euro\n\nDritte Zeile ca. 2026.",
    "Geht’s auf’m Amt? Ich’s weiß, wir's sehen's: (-: :-) ;-)",
    # abbreviations opening and closing a text, repeated, next to punctuation
    "Mio. Euro gibt es ca.",
    "ca. ca. ca. Mio. Mio. Mio.,Mio.;Mio.!",
    "[ca. 5 Mio.]: „ca.“ 3 Mrd./Jahr, ca.-Angabe",
    # unknown abbreviations, URLs, numbers, hyphenated compounds, a dash key inside a word
    "Förd. u. Entw. der Verw. mit Bew.-Frist; Verwaltung. Abteilung.",
    "Infos: https://www.land.de/foerderung?id=5 und www.bund.de, mail@land.de.",
    "3.000,50 Euro, 1.250.000 € und 2,5 Mio. Euro für 12.000 m² (ca. 3.000,50 €/m²).",
    "Das 880-Millionen-Paket, E-Mail-Adresse, Bund-Länder-Programm—Kommunen’ Anteil",
    "Zeile mit Mio.\nMio. am Zeilenanfang\n\tca. nach Tab, Mio.\u00a0Euro",
]


@pytest.mark.parametrize("text", SPECIAL_CASE_TEXTS)
def test_special_cases_as_in_spacy(tokenizer, cold_spacy, text):
    """Abbreviations and other special cases give spaCy's own tokens, wherever they stand,
    in a fresh tokenizer and in one that has tokenised other texts."""
    assert rows(new_loaded_tokenizer(tokenizer)(text)) == rows(cold_spacy(text))
    assert rows(tokenizer(text)) == rows(cold_spacy(text))
    assert rows(tokenizer(text)) == rows(cold_spacy(text))  # now from the cache


def new_loaded_tokenizer(tokenizer):
    return ChunkCacheWarmer(Tokenizer(tokenizer.vocab).from_bytes(tokenizer.inner.to_bytes()))


def test_corpus_tokenises_as_in_spacy(tokenizer, cold_spacy):
    for path in sorted(CORPUS.iterdir()):
        text = clean(read_source(path).text).text
        assert rows(tokenizer(text)) == rows(cold_spacy(text)), path.name


@pytest.mark.parametrize("text, never_cached", [
    ("Rund 3 Mio. Euro für Schulen und Kitas", set()),
    ("Mio. am Anfang, ca. 5 Kitas und am Ende ca.", set()),
    # a special case after an affix is split off: spaCy caches no such chunk
    ("Förderung (ca. 5 Mio.) für Vereine", {"(ca.", "Mio.)"}),
    ("ca. 5 Mio., bzw. Schulen", {"Mio.,"}),
    # chunks holding a special case's text without meeting it ("g.", "’s", "—")
    ("Mio. für die Verwaltung. Kommunen’ Anteil—Kreise", set()),
    ("Förd. u. Entw. der Verw. mit Bew.-Frist", set()),
    ("ca. 3.000,50 € im 880-Millionen-Paket, www.land.de/foerderung", set()),
    ("Mio.\nKommunen\tund\u00a0Kreise\n\nca. Mio.", set()),
])
@pytest.mark.parametrize("pickled", [False, True])
def test_chunks_after_a_special_case_are_cached(text, never_cached, pickled):
    """The second time a text is tokenised, spaCy splits only the chunks it never caches:
    those in which it meets a special case after splitting off an affix."""
    ours = new_tokenizer()
    ours(text)
    # a change of settings empties spaCy's cache, and so does a copy: the warming starts afresh
    ours.prefix_search = Recording(ours.prefix_search)
    first = rows(ours(text))
    if pickled:
        ours = pickle.loads(pickle.dumps(ours))
        assert rows(ours(text)) == first
    ours.prefix_search.asked.clear()
    assert rows(ours(text)) == first
    assert set(ours.prefix_search.asked).intersection(text.split()) == never_cached


class Recording:
    """A prefix search that records the strings it is asked about (spaCy asks it about each
    chunk it splits, first about the whole chunk)."""

    def __init__(self, search):
        self.search = search
        self.asked = []

    def __call__(self, string):
        self.asked.append(string)
        return self.search(string)


def new_tokenizer():
    return create_tokenizer()(spacy.blank("de"))


def test_a_special_case_with_a_space_as_in_spacy():
    ours = new_tokenizer()
    ours.add_special_case("a. m.", [{ORTH: "a. m."}])
    text = "Er kam a. m. und ging ca. um 5."
    assert rows(ours(text)) == rows(cold_copy(ours.inner)(text))
    assert rows(ours(text)) == rows(cold_copy(ours.inner)(text))


def test_changed_rules_take_effect():
    ours = new_tokenizer()
    assert [t.text for t in ours("Die Fördermio. kommt")] == ["Die", "Fördermio", ".", "kommt"]
    ours.add_special_case("Fördermio.", [{ORTH: "Fördermio.", NORM: "Fördermillion"}])
    assert [(t.text, t.norm_) for t in ours("Die Fördermio. kommt")][1] == ("Fördermio.", "Fördermillion")
    ours.rules = {}
    assert [t.text for t in ours("ca. 5 Mio. Euro")] == ["ca", ".", "5", "Mio", ".", "Euro"]


@pytest.mark.parametrize("words, string, found", [
    (["Mio.", "ca.", "g."], "Verwaltung.", True),
    (["Mio.", "ca.", "g."], "Mio", False),
    (["Mio.", "Mio.-Betrag"], "(Mio.)", True),
    (["Mo.", "mo.", "Mon"], "Demo.", True),
    (["Mo.", "mo.", "Mon"], "DEMO.", False),
    (["C++", ":-)", "’s"], "Geht’s", True),
    (["C++", ":-)", "’s"], "C+", False),
    ([], "Mio.", False),
])
def test_search_for_any(words, string, found):
    assert bool(search_for_any(words)(string)) == found
