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


def reference_to_result(source, c, doc):
    """to_result as first written (keyword arguments, lambdas, doc._ reads)."""
    from pipeline.extract import NESTED_IN, PROGRAMME_FIELDS, RECORD_FIELDS, DocResult
    from pipeline.schema import Mention, Programme, Record, record_id

    doc_id = source.doc_id
    out_records = []
    for d in doc._.records or []:
        start, end = c.source_offset(d["start"]), c.source_offset(d["end"] - 1) + 1
        fields = {k: d[k] for k in RECORD_FIELDS}
        out_records.append(Record(record_id=record_id(doc_id, start, end, d["kind"]), doc_id=doc_id,
                                  start=start, end=end, basis=d["basis"], **fields))
    out_records.sort(key=lambda r: (r.start, r.end, r.kind))
    programmes = [Programme(doc_id=doc_id, **{k: p[k] for k in PROGRAMME_FIELDS}) for p in doc._.programmes or []]
    found = doc._.mentions or []
    containers = {label: Containers((m["start"], m["end"]) for m in found if m["label"] in outer)
                  for label, outer in NESTED_IN.items()}
    out_mentions = []
    for m in sorted(found, key=lambda m: (m["start"], m["end"], m["label"])):
        if m["label"] in containers and containers[m["label"]].contain(m["start"], m["end"]):
            continue
        start, end = c.source_offset(m["start"]), c.source_offset(m["end"] - 1) + 1
        out_mentions.append(Mention(doc_id=doc_id, label=m["label"], start=start, end=end,
                                    text=source.text[start:end], value=m["value"]))
    return DocResult(doc_id=doc_id, records=out_records, programmes=programmes, mentions=out_mentions)


def test_to_result_as_first_written():
    """On the corpus (and a text with nothing to find), to_result gives what the first
    version gave, object for object."""
    from pathlib import Path

    from pipeline.clean import clean
    from pipeline.extract import load_nlp, to_result
    from pipeline.io.reading import read_source

    nlp = load_nlp()
    paths = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))
    sources = [read_source(p) for p in paths]
    assert sources
    for source in sources:
        c = clean(source.text)
        doc = nlp(c.text)
        assert to_result(source, c, doc) == reference_to_result(source, c, doc), source.doc_id
    c = clean("Hallo Welt.")
    doc = nlp(c.text)
    assert to_result(sources[0], c, doc) == reference_to_result(sources[0], c, doc)


def test_doc_extension_reads_what_doc_underscore_reads():
    import spacy

    from pipeline.components.rules import doc_extension
    from pipeline.extract import load_nlp

    nlp = load_nlp()
    doc = spacy.blank("de")("Das Land zahlt.")
    assert doc_extension(doc, "records") is None  # never set: the extension's default
    doc._.records = [{"kind": "amount"}]
    assert doc_extension(doc, "records") is doc._.records
    done = nlp("Das Land Bayern gibt 5 Mio. Euro.")
    for name in ("records", "programmes", "mentions"):
        assert doc_extension(done, name) is getattr(done._, name)


def test_to_result_orders_ties_as_first_written():
    """Spans that share a start (or a start and an end) keep the first version's order."""
    from spacy.tokens import Doc

    from pipeline.clean import clean
    from pipeline.extract import load_nlp, to_result
    from pipeline.io.reading import Source

    text = "Das Land Bayern gibt der Stadt 5 Mio. Euro und 20 Prozent bis 2026."
    source = Source(doc_id="tie", path="", text=text, is_html=False)
    c = clean(text)
    doc = Doc(load_nlp().vocab, words=[])

    def mention(start, end, label):
        return {"label": label, "start": start, "end": end, "value": f"{label}{start}-{end}"}

    doc._.mentions = [mention(31, 42, "MONEY"), mention(31, 37, "MONEY"), mention(31, 37, "DATE"),
                      mention(4, 15, "ORG"), mention(9, 15, "LAND"), mention(9, 15, "ORG"), mention(0, 3, "LAND")]
    draft = {k: "" for k in ("land", "programme", "body", "value", "qualifier", "per", "period_start",
                             "period_end", "deadline", "duration", "evidence", "basis")}
    doc._.records = [dict(draft, start=31, end=42, kind="amount", value="5000000"),
                     dict(draft, start=31, end=37, kind="own_share", value="1"),
                     dict(draft, start=31, end=37, kind="amount", value="2")]
    doc._.programmes = []
    assert to_result(source, c, doc) == reference_to_result(source, c, doc)
    assert [m.label for m in to_result(source, c, doc).mentions] == ["LAND", "ORG", "ORG", "DATE", "MONEY", "MONEY"]


def test_doc_extension_falls_back_to_doc_underscore():
    import spacy
    from spacy.tokens import Doc

    from pipeline.components.rules import doc_extension

    if not Doc.has_extension("test_extract_default"):
        Doc.set_extension("test_extract_default", default="by default")
        Doc.set_extension("test_extract_getter", getter=lambda doc: len(doc))
    doc = spacy.blank("de")("Das Land zahlt.")
    assert doc_extension(doc, "test_extract_default") == "by default"
    assert doc_extension(doc, "test_extract_getter") == 4  # "Das", "Land", "zahlt", "."


def test_loaded_pipeline_is_out_of_the_collectors_way():
    """load_nlp freezes what it loaded (gc.freeze, see load_nlp): the pipeline's objects are
    in the permanent generation, which no collection traverses, and extraction is unchanged."""
    import gc

    from pipeline.extract import extract_text, load_nlp

    nlp = load_nlp()
    assert gc.get_freeze_count() > 10_000
    assert extract_text("Das Land Hessen gibt 5 Mio. Euro.", nlp=nlp).records
