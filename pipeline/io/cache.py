"""The result cache: a re-run extracts only the files that are new or changed.

An entry holds what one document yielded after the spaCy pipeline (its records, programmes
and mentions, or the internal error it met) and is found by the file's name and bytes, in a
store named by the pipeline's fingerprint: the package version and source code, the
versions of the libraries that read and extract, and every file of the loaded model and of
the lexicon the cleaner reads. A changed rule, lexicon word or line of code gives another
store, so nothing made by an older pipeline is ever used. The writer takes cached and
fresh outcomes alike (outcomes.py), so a re-run's outputs are byte-identical to a full run.

A store is one SQLite file (``<fingerprint>.sqlite`` in the cache folder; Python's own
sqlite3): a file per entry cost a run about a tenth of its time in creating files, and an
archive of millions of documents would be millions of files. Each document's entry is
committed as it finishes (write-ahead log), so a run killed midway leaves the documents it
finished for the next run. (A commit every 16 documents would save 0.06 s CPU of the 14 s
CLI run on the 5 MB bench, 0.4 %: not worth a run killed outright losing its last
documents, nor a write lock held through a long document while another run waits on it.)
An entry is read back only when its checksum, its form and every
value's type check out; anything else (a torn or corrupt entry, one edited by hand) counts
as missing and the document is extracted again; a store SQLite cannot open is set aside and
a new one begun. Refused files are not cached: reading them again is cheap and says the
same. Delete the cache folder, or a store of an older fingerprint, to reclaim space: a run
says how many other stores its folder holds and their size, and deletes none (several
checkouts or models may share a folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..schema import Mention, Programme, Record, row_getter
from .outcomes import Broken, Extracted, FileFacts, InputFile, Outcome
from .page_facts import NO_FACTS, PageFacts
from .reading import InputError, bytes_digest, read_bytes

CACHE_FORMAT = "pipeline-cache 2"  # the first line of every entry, then its checksum
# Libraries whose version can change what a file yields (reading, cleaning, extraction).
LIBRARIES = ("spacy", "trafilatura", "lxml", "lxml_html_clean", "dateparser", "price-parser",
             "charset-normalizer", "pyahocorasick", "srsly")
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the pipeline package's source
DEFAULT_CACHE_NAME = ".cache"  # in the output folder, unless --cache names another


def _files_below(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def fingerprint_files(model=None) -> dict[str, list[Path]]:
    """Every file whose bytes can change what a document yields, by the folder it is in:
    the package's code, the loaded model's files and the lexicon files read outside the
    model (by the cleaner)."""
    from ..lexicon import LEXICON_DIR
    from ..extract import DEFAULT_MODEL

    folders = {"package": (PACKAGE_DIR, "*.py"), "model": (Path(model) if model else DEFAULT_MODEL, "*"),
               "lexicon": (LEXICON_DIR, "*")}
    return {name: [folder, *_files_below(folder, pattern)] for name, (folder, pattern) in folders.items()}


def pipeline_fingerprint(model=None) -> str:
    """sha256 over what a document's result depends on, apart from the document; the same
    on every machine with the same install, wherever it lies."""
    from .. import __version__

    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=\0".encode())
    for name, (folder, *files) in fingerprint_files(model).items():
        for path in files:
            data = path.read_bytes()
            digest.update(f"{name}/{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


# --- entries ----------------------------------------------------------------------------

_TABLES = (("records", Record), ("programmes", Programme), ("mentions", Mention))


def _field_types(cls) -> tuple[type, ...]:
    return tuple(int if f.type in ("int", int) else str for f in fields(cls))


_TYPES = {name: _field_types(cls) for name, cls in _TABLES}


def _types_are(row, types: tuple[type, ...]) -> bool:
    """Whether each value of the row is exactly of its type (a bool is no int)."""
    return tuple(map(type, row)) == types


def _row_ok(row, types: tuple[type, ...]) -> bool:
    """A row read back from an entry: a JSON array of exactly these types."""
    return isinstance(row, list) and _types_are(row, types)


_PAGE_FIELDS = [f.name for f in fields(PageFacts)]


def encode_entry(result, page: PageFacts = NO_FACTS) -> bytes | None:
    """An entry's bytes for a DocResult or a Broken, with what the page says of itself (for
    sources.csv); None when a value is of a type the entry cannot give back exactly (that
    document is then simply not cached)."""
    body: dict = {"page": [getattr(page, name) for name in _PAGE_FIELDS]}
    if isinstance(result, Broken):
        body["broken"] = [result.error_name, result.trace]
    else:
        body["doc_id"] = result.doc_id
        c = result.clean  # the cleaned text and its offset map, for the report's pages
        body["clean"] = None if c is None else [c.text, list(c.run_starts), list(c.run_sources)]
        for name, cls in _TABLES:
            rows = list(map(row_getter(cls), getattr(result, name)))  # tuples: JSON arrays, as lists are
            if not all(_types_are(row, _TYPES[name]) for row in rows):
                return None
            body[name] = rows
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not worth keeping
        return None
    return f"{CACHE_FORMAT} {hashlib.sha256(text).hexdigest()}\n".encode() + text


def decode_entry(data: bytes, doc_id: str):
    """The (DocResult or Broken, PageFacts) an entry holds, or None for anything not a
    whole, valid entry of this document."""
    from ..clean import CleanText
    from ..extract import DocResult

    head, _, text = data.partition(b"\n")
    if head != f"{CACHE_FORMAT} {hashlib.sha256(text).hexdigest()}".encode():
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if not isinstance(body, dict) or not _row_ok(body.get("page"), (str,) * len(_PAGE_FIELDS)):
        return None
    page = PageFacts(*body["page"])
    broken = body.get("broken")
    if broken is not None:
        if _row_ok(broken, (str, str)):
            return Broken(broken[0], broken[1], read=True), page
        return None
    if body.get("doc_id") != doc_id:
        return None
    tables = {}
    for name, cls in _TABLES:
        rows = body.get(name)
        if not isinstance(rows, list) or not all(_row_ok(row, _TYPES[name]) and row[0 if name != "records" else 1]
                                                 == doc_id for row in rows):
            return None
        tables[name] = [cls(*row) for row in rows]
    clean = body.get("clean")
    if clean is not None:
        if not (_row_ok(clean, (str, list, list)) and len(clean[1]) == len(clean[2])
                and all(type(i) is int for i in clean[1] + clean[2])):
            return None
        clean = CleanText(clean[0], tuple(clean[1]), tuple(clean[2]))
    return DocResult(doc_id=doc_id, **tables, clean=clean), page


@dataclass(frozen=True)
class _Waiting:
    path: Path
    entry: bytes | None  # its entry as stored (None: none, or the file could not be hashed)
    facts: FileFacts = FileFacts()  # its size and digest, when it was hashed
    data: bytes | None = None  # the bytes hashed, for the engine, when no entry was found

    @property
    def hit(self) -> bool:
        return self.entry is not None


def entry_key(name: str, digest: str) -> str:
    """An entry's key: the file's name and the digest of its bytes."""
    return hashlib.sha256(name.encode("utf-8", "surrogateescape") + b"\0" + digest.encode()).hexdigest()


class ResultCache:
    """The store of one fingerprint under folder; counts what a run took from it."""

    def __init__(self, folder, fingerprint: str):
        self.folder = Path(folder)
        self.path = self.folder / f"{fingerprint[:32]}.sqlite"
        self.hits = self.misses = self.unusable = 0
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        """The store, opened when first used (a run whose files are all refused makes none)."""
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:  # not a SQLite file (damaged, or something else)
                os.replace(self.path, self.path.with_suffix(".damaged"))
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)  # runs sharing a folder wait
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a killed process loses nothing committed
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, entry BLOB NOT NULL)")
        return db

    def other_stores(self) -> list[Path]:
        """The folder's other stores: of other fingerprints (older pipelines, another model
        sharing the folder) and those set aside as damaged. None is deleted here: another
        checkout may still use one."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.suffix in (".sqlite", ".damaged") and p != self.path)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def read(self, key: str) -> bytes | None:
        row = self.db.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return row[0] if isinstance(row[0], bytes) else b""  # not bytes: an entry that reads as nothing

    def write(self, key: str, data: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO entries (key, entry) VALUES (?, ?)", (key, data))

    def look_up(self, path: Path, max_bytes: int) -> _Waiting:
        """A file hashed and its entry read, if the store has one."""
        try:
            data = read_bytes(path, max_bytes)
        except (InputError, OSError):
            return _Waiting(path, None)  # the engine reads it and says why
        digest = bytes_digest(data)
        entry = self.read(entry_key(path.name, digest))
        return _Waiting(path, entry, FileFacts(len(data), digest), data if entry is None else None)

    def store(self, path: Path, outcome: Outcome) -> None:
        """Keep a document's result, keyed by the bytes the engine read (best effort: a
        full disk costs the next run time, never this run its outputs)."""
        if not isinstance(outcome, Extracted):
            return
        data = encode_entry(outcome.result, outcome.facts.page)
        if data is None:
            return
        try:
            self.write(entry_key(path.name, outcome.digest), data)
        except sqlite3.Error:
            pass

    def outcomes(self, files: Iterable[Path], engine: Callable[[Iterable[InputFile]], Iterator[Outcome]],
                 recompute: Callable[[Path], Outcome], max_bytes: int) -> Iterator[Outcome]:
        """One Outcome per file, in order: cached ones from their entries, the others from
        the engine (started only at the first file not cached, fed only those, with the bytes
        hashed), each stored as it comes. An entry that does not read back is recomputed in
        this process."""
        try:
            files = iter(files)
            waiting: deque[_Waiting] = deque()
            for path in files:
                looked = self.look_up(path, max_bytes)
                if not looked.hit:
                    waiting.append(looked)
                    break
                yield self._from_entry(looked, recompute)
            else:
                return

            def misses() -> Iterator[InputFile]:
                first = waiting[0]
                yield InputFile(first.path, first.data)
                for path in files:
                    looked = self.look_up(path, max_bytes)
                    waiting.append(looked)
                    if not looked.hit:
                        yield InputFile(path, looked.data)

            for outcome in engine(misses()):
                while waiting[0].hit:
                    yield self._from_entry(waiting.popleft(), recompute)
                self.misses += 1
                self.store(waiting.popleft().path, outcome)
                yield outcome
            while waiting:
                yield self._from_entry(waiting.popleft(), recompute)
        finally:
            self.close()

    def _from_entry(self, looked: _Waiting, recompute: Callable[[Path], Outcome]) -> Outcome:
        loaded = decode_entry(looked.entry, looked.path.stem)
        if loaded is not None:
            self.hits += 1
            result, page = loaded
            return Extracted(result, replace(looked.facts, page=page))
        self.unusable += 1
        outcome = recompute(looked.path)
        self.store(looked.path, outcome)
        return outcome
