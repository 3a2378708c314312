"""What one input file comes to, and the local engine that turns files into it, in order.

Every engine (this process: local_outcomes; a Dask cluster: dask_engine.py) and the result
cache (cache.py) give the batch writer the same thing for each file, one Outcome per file
in input order: the writer's path (batch.py) is one whatever ran the documents. Outcomes
hold no exception objects and no file paths, only what the outputs need, so they cross
process boundaries and go into cache entries as they are.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .page_facts import NO_FACTS, PageFacts
from .reading import DEFAULT_MAX_BYTES, InputError, Source, read_bytes, source_from_bytes

# An extractor takes the stream of Sources and yields one DocResult per Source, in order, or
# a DocFailure (pipeline.extract) in a document's place.
Extractor = Callable[[Iterable[Source]], Iterator]
INTERNAL_ERROR = "internal error"  # how a bug's cost is named on stderr, in run.json and sources.csv


@dataclass(frozen=True)
class FileFacts:
    """What sources.csv says of a file whose bytes were read: its size, their sha256, and
    what the page says of itself."""

    n_bytes: int | None = None
    sha256: str = ""
    page: PageFacts = NO_FACTS


NOT_READ = FileFacts()


@dataclass(frozen=True)
class Refused:
    """The file is no article (an InputError): one line on stderr, the batch goes on."""

    problem: str
    facts: FileFacts = NOT_READ


@dataclass(frozen=True)
class Broken:
    """An internal error (a bug) met on this file. read: the file was read and the error came
    in cleaning or extraction (its doc_id is then taken, as for a document extracted)."""

    error_name: str
    trace: str  # the formatted traceback, for errors.log
    read: bool


@dataclass(frozen=True)
class Extracted:
    """A file read and run through the spaCy pipeline: its DocResult, or the Broken it met
    there; facts.sha256 is the digest of the bytes read, which the result cache keys it by."""

    result: object  # pipeline.extract.DocResult | Broken
    facts: FileFacts

    @property
    def digest(self) -> str:
        return self.facts.sha256


Outcome = Refused | Broken | Extracted


@dataclass(frozen=True)
class InputFile:
    """A file for an engine, with its bytes when they were read already: the result cache
    reads every file to hash it, and the local engine makes the document of those bytes
    instead of reading the file again (a second read cost 0.2 s CPU of the CLI's 14 s on the
    5 MB bench, 1.5 %); the document is then made of exactly the bytes its cache key was
    taken from. Dask workers read their files themselves (the bytes stay here)."""

    path: Path
    data: bytes | None = None  # None: the engine reads the file


@dataclass(frozen=True)
class _Read:
    source: Source

    @property
    def facts(self) -> FileFacts:
        return FileFacts(self.source.n_bytes, self.source.sha256, self.source.page)


def _broken(error: BaseException, *, read: bool) -> Broken:
    return Broken(type(error).__name__, "".join(traceback.format_exception(error)), read)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> _Read | Refused | Broken:
    """One file read as an article, or why not (a bug in reading costs this file only);
    data: its bytes, when they were read already."""
    try:
        return _Read(source_from_bytes(path, read_bytes(path, max_bytes) if data is None else data))
    except InputError as error:
        return Refused(error.problem, FileFacts(error.n_bytes, error.sha256))
    except Exception as error:
        return _broken(error, read=False)


def spacy_extractor(n_process: int, max_bytes: int, model=None) -> Extractor:
    """The spaCy extractor, imported only when a run needs it (spaCy loads slowly)."""

    def extract(sources: Iterable[Source]) -> Iterator:
        from ..extract import extract_isolated, load_nlp

        nlp = load_nlp(model) if model else load_nlp()  # one cached pipeline per process and model
        nlp.max_length = max(nlp.max_length, max_bytes)  # every text read fits (see load_nlp)
        return extract_isolated(sources, nlp=nlp, n_process=n_process)

    return extract


def local_outcomes(files: Iterable[InputFile], extract: Extractor,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """One Outcome per file, in order: files are read here one at a time as the extractor
    asks for them (it may run its documents in worker processes); a file refused or broken
    in reading waits in line for the documents before it. Nothing is loaded before the
    first Outcome is asked for."""
    waiting: deque[_Read | Refused | Broken] = deque()

    def sources() -> Iterator[Source]:
        for file in files:
            read = read_file(file.path, max_bytes, file.data)
            waiting.append(read)
            if isinstance(read, _Read):
                yield read.source

    for result in extract(sources()):
        while not isinstance(waiting[0], _Read):
            yield waiting.popleft()
        read = waiting.popleft()
        error = getattr(result, "error", None)
        if error is not None:  # a DocFailure
            trace = getattr(result, "trace", None)
            result = Broken(type(error).__name__, trace, True) if trace else _broken(error, read=True)
        yield Extracted(result, read.facts)
    if any(isinstance(read, _Read) for read in waiting):
        raise RuntimeError("the extractor yielded fewer results than it was given sources")
    yield from waiting
