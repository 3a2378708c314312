"""The bytes the result cache hashed go on to the engine (io/outcomes.py InputFile): a file
the cache does not hold is read once, not twice, and comes out as if the engine had read it."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline.io.cache
import pipeline.io.outcomes
from pipeline.io.cache import ResultCache
from pipeline.io.outcomes import Broken, InputFile, local_outcomes, read_file

# (file name, bytes): an article of each kind, and files refused for what their bytes are
FILES = [
    ("text.txt", "Das Land Hessen fördert die Gemeinde mit 20.000 Euro.\n".encode()),
    ("seite.html", "<html><body><article><p>Die Stadt erhält 45.000 Euro vom Land.</p></article></body></html>"
     .encode()),
    ("latin1.txt", "Zuschuss für Gießen: 5.000 €\n".encode("cp1252")),
    ("leer.txt", b"   \n"),
    ("bild.txt", b"\x89PNG\r\n\x1a\n\0\0\0"),
]


@pytest.mark.parametrize("name, data", FILES)
def test_bytes_passed_on_read_as_the_file_itself(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert read_file(path, data=data) == read_file(path)


def _echo(sources):
    """An extractor that gives back the text the engine made of the bytes (in a Broken: a
    result the cache stores as it is)."""
    for source in sources:
        yield Broken("Echo", source.text, read=True)


def test_the_cache_reads_each_file_once_and_the_engine_uses_those_bytes(tmp_path, monkeypatch):
    paths = []
    for name, data in FILES:
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    reads: list[Path] = []
    real = pipeline.io.cache.read_bytes

    def counted(path, max_bytes):
        reads.append(path)
        return real(path, max_bytes)

    monkeypatch.setattr(pipeline.io.cache, "read_bytes", counted)
    monkeypatch.setattr(pipeline.io.outcomes, "read_bytes", counted)
    cache = ResultCache(tmp_path / "cache", "f" * 64)
    through_cache = list(cache.outcomes(paths, lambda files: local_outcomes(files, _echo), None, 1000))
    assert reads == paths
    assert through_cache == list(local_outcomes(map(InputFile, paths), _echo))
