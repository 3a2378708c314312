"""From source text to schema records: clean, run the spaCy pipeline, map offsets back."""

from __future__ import annotations

import gc
import traceback
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Iterable, Iterator

import spacy
import srsly.msgpack
from spacy.language import Language

from . import components  # noqa: F401  (register our factories before spacy.load)
from .clean import CleanText, clean
from .components.records.evidence import ELLIPSIS, EVIDENCE_MAX_CHARS
from .components.rules import Containers, doc_extensions
from .io.reading import DEFAULT_MAX_BYTES, Source
from .schema import Mention, Programme, Record, columns, record_id

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "de_funding"
NESTED_IN = {"LAND": ("ORG", "PROGRAMME")}  # no LAND span inside a name (annotation rule)
RECORD_FIELDS = [f for f in columns(Record) if f not in ("record_id", "doc_id", "start", "end", "basis")]
PROGRAMME_FIELDS = [f for f in columns(Programme) if f != "doc_id"]
# to_result passes the schema's fields by position, in this order
if (columns(Record) != ["record_id", "doc_id", *RECORD_FIELDS, "start", "end", "basis"]
        or columns(Programme) != ["doc_id", *PROGRAMME_FIELDS]
        or columns(Mention) != ["doc_id", "label", "start", "end", "text", "value", "refused"]):
    raise ImportError("pipeline.schema changed its field order: update to_result")
RECORD_VALUES = itemgetter(*RECORD_FIELDS)  # a draft's values of those fields, in column order
PROGRAMME_VALUES = itemgetter(*PROGRAMME_FIELDS)
RECORD_ORDER = attrgetter("start", "end", "kind")
MENTION_ORDER = itemgetter("start", "end", "label")


@dataclass
class DocResult:
    doc_id: str
    records: list[Record]
    programmes: list[Programme]
    mentions: list[Mention]
    # the text the spans were found in, for the review report; not part of the result's value
    clean: CleanText | None = field(default=None, compare=False, repr=False)


# the extractor needs only the results of a doc, so its docs are compact (see de_records)
RUN_CONFIG = {"components.de_records.compact": True}


@lru_cache(maxsize=2)
def load_nlp(model: str | Path | None = None) -> Language:
    """The packaged pipeline, loaded once per process, set up to return compact docs."""
    look_up_msgpack_plugins_once()
    nlp = spacy.load(Path(model) if model else DEFAULT_MODEL, config=RUN_CONFIG)
    # spaCy refuses texts over a million characters, to spare the memory of a parser or NER;
    # this pipeline has neither, its memory grows with the text. The reader's cap on file size
    # bounds the text instead (a character takes at least one byte).
    nlp.max_length = DEFAULT_MAX_BYTES
    # The loaded pipeline is some 100k objects that live as long as the process; each full
    # collection of Python's cyclic collector traverses them all. gc.freeze moves every object
    # alive now into the permanent generation, which no collection visits: collector time on
    # the corpus x30 (3 MB, one process) fell from 0.08-0.13 to 0.05-0.09 s/MB, about 2-3 %
    # of the pipeline. The cost: whatever the caller had allocated before loading is frozen
    # too, and such an object that later becomes cyclic garbage is not freed (reference
    # counting still frees the rest); the CLI and the engines load first thing.
    gc.freeze()
    return nlp


def look_up_msgpack_plugins_once() -> None:
    """srsly looks up its msgpack plugins on every pack and unpack, scanning the installed
    packages' entry points and all of catalogue's registry (about 1.5 ms a call), and
    spaCy packs every doc that crosses a process boundary with n_process > 1: that cost
    the parent process more than the documents' cleaning. Take the plugins once, at load
    time, so the same ones are used (a plugin registered later would not be)."""
    for registry in (srsly.msgpack.msgpack_encoders, srsly.msgpack.msgpack_decoders):
        if "get_all" not in vars(registry):
            plugins = registry.get_all()
            registry.get_all = lambda plugins=plugins: dict(plugins)


@dataclass
class DocFailure:
    """A document the extractor could not finish (a bug, never the input's fault): the run
    names it and goes on with the next one."""

    source: Source
    error: Exception
    trace: str  # the formatted traceback, for the run's error log

    @property
    def doc_id(self) -> str:
        return self.source.doc_id


def _failure(source: Source, error: Exception) -> DocFailure:
    return DocFailure(source, error, "".join(traceback.format_exception(error)))


def _clean(source: Source) -> CleanText | DocFailure:
    try:
        return clean(source.text)
    except Exception as error:
        return _failure(source, error)


def _result(source: Source, c: CleanText, doc) -> DocResult | DocFailure:
    try:
        return to_result(source, c, doc)
    except Exception as error:
        return _failure(source, error)


def _components(nlp: Language) -> list:
    """The pipeline's enabled components in order, taken once a run: ``nlp.pipeline`` builds
    a new frozen list on every read (about 31k instructions, 3 % of a one-word doc)."""
    return [component for _, component in nlp.pipeline]


def _extract_one(nlp: Language, components: list, source: Source, c: CleanText) -> DocResult | DocFailure:
    """One cleaned document through every component in this process (``_components``), as
    nlp.pipe(n_process=1) runs them (none of ours has a batch ``pipe`` method), its failure
    caught."""
    try:
        doc = nlp.make_doc(c.text)
        for component in components:
            doc = component(doc)
    except Exception as error:
        return _failure(source, error)
    return _result(source, c, doc)


class _FailedBatches:
    """spaCy's error handler while nlp.pipe runs workers. In a worker (a component failed on a
    doc) it raises, so the worker sends its whole batch back as failed, in place; in this
    process spaCy then calls it once per failed batch, without a component, and it counts the
    batch so that its documents are run again here, one by one."""

    def __init__(self):
        self.pending = 0

    def __call__(self, component_name, component, docs, error) -> None:
        if component is None and docs is None:
            self.pending += 1
            return
        raise error


def extract_isolated(
    sources: Iterable[Source], nlp: Language | None = None, n_process: int = 1, batch_size: int = 64
) -> Iterator[DocResult | DocFailure]:
    """Extract records from each source, in input order, streaming: one DocResult per source,
    or a DocFailure when cleaning, a component or to_result raised on it (that document only)."""
    nlp = nlp or load_nlp()
    if n_process == 1:
        components = _components(nlp)
        for source in sources:
            c = _clean(source)
            yield c if isinstance(c, DocFailure) else _extract_one(nlp, components, source, c)
        return
    yield from _extract_in_workers(sources, nlp, n_process, batch_size)


def _extract_in_workers(sources: Iterable[Source], nlp: Language, n_process: int,
                        batch_size: int) -> Iterator[DocResult | DocFailure]:
    # Texts go to nlp.pipe alone, their sources wait here in order (nlp.pipe keeps it): with
    # as_tuples=True spaCy would tokenise in this process and ship whole docs to the workers.
    # A source whose cleaning failed waits with its DocFailure and sends no text.
    waiting: deque[tuple[Source, CleanText | DocFailure]] = deque()

    def cleaned():
        for source in sources:
            c = _clean(source)
            waiting.append((source, c))
            if not isinstance(c, DocFailure):
                yield c.text

    def failures_ahead():
        while waiting and isinstance(waiting[0][1], DocFailure):
            yield waiting.popleft()[1]

    def run_here(count: int):
        components = _components(nlp)
        for _ in range(count):
            yield from failures_ahead()
            if not waiting:
                return
            source, c = waiting.popleft()
            yield _extract_one(nlp, components, source, c)

    failed = _FailedBatches()
    previous_handler = nlp.default_error_handler
    nlp.set_error_handler(failed)
    try:
        for doc in nlp.pipe(cleaned(), n_process=n_process, batch_size=batch_size):
            while failed.pending:  # batches before this doc came back failed
                failed.pending -= 1
                yield from run_here(batch_size)
            yield from failures_ahead()
            source, c = waiting.popleft()
            yield _result(source, c, doc)
        yield from run_here(len(waiting))  # failed batches at the end, failures after the last doc
    finally:
        nlp.set_error_handler(previous_handler)


def extract_sources(
    sources: Iterable[Source], nlp: Language | None = None, n_process: int = 1, batch_size: int = 64
) -> Iterator[DocResult]:
    """Extract records from each source, in input order, streaming; a document the extractor
    fails on raises its error (evaluation and tests want to see it; a batch run goes on:
    extract_isolated)."""
    for result in extract_isolated(sources, nlp=nlp, n_process=n_process, batch_size=batch_size):
        if isinstance(result, DocFailure):
            raise result.error
        yield result


def extract_text(text: str, doc_id: str = "doc", nlp: Language | None = None) -> DocResult:
    """Extract from one plain text (its own source text)."""
    source = Source(doc_id=doc_id, path="", text=text, is_html=False)
    return next(extract_sources([source], nlp=nlp))


def to_result(source: Source, c: CleanText, doc) -> DocResult:
    """Schema objects for one doc, with offsets mapped from cleaned text to the source.

    Speed (about 50 records and mentions a doc): the schema objects are built with positional
    arguments taken by one itemgetter call, not a dict per object unpacked as keywords; sort
    keys are itemgetter/attrgetter, not lambdas."""
    doc_id = source.doc_id
    to_source = c.to_source
    drafts, programmes, found, refused = doc_extensions(doc, "records", "programmes", "mentions", "refused")
    out_records = []
    for d in drafts or []:
        if len(d["evidence"]) > EVIDENCE_MAX_CHARS:  # a safeguard: de_records cuts it (evidence.py)
            d["evidence"] = d["evidence"][:EVIDENCE_MAX_CHARS - 1] + ELLIPSIS
        start, end = to_source(d["start"], d["end"])
        out_records.append(Record(record_id(doc_id, start, end, d["kind"]), doc_id, *RECORD_VALUES(d), start, end,
                                  d["basis"]))
    out_records.sort(key=RECORD_ORDER)
    programmes = [Programme(doc_id, *PROGRAMME_VALUES(p)) for p in programmes or []]
    found = found or []
    containers = {label: Containers((m["start"], m["end"]) for m in found if m["label"] in outer)
                  for label, outer in NESTED_IN.items()}
    out_mentions = []
    text = source.text
    for m in sorted(found + (refused or []), key=MENTION_ORDER):  # refused: figures out of bounds
        label = m["label"]
        if label in containers and containers[label].contain(m["start"], m["end"]):
            continue
        start, end = to_source(m["start"], m["end"])
        refused_because = m["attrs"].get("refused", "") if "attrs" in m else ""
        out_mentions.append(Mention(doc_id, label, start, end, text[start:end], m["value"], refused_because))
    return DocResult(doc_id=doc_id, records=out_records, programmes=programmes, mentions=out_mentions, clean=c)
