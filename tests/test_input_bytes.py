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


# (bytes in the file, size stat() reports, max_bytes): a file as stat() saw it, and files that
# grew after it (within max_bytes, to just above it, far beyond it).
GROWN = [
    (b"x" * 10, 10, 100),
    (b"x" * 100, 100, 100),
    (b"x" * 50, 10, 100),
    (b"x" * 101, 10, 100),
    (b"x" * 500, 10, 100),
    (b"x" * 500, 99, 100),
]


@pytest.mark.parametrize("data, size_at_stat, max_bytes", GROWN)
def test_a_file_is_read_as_one_read_of_max_bytes_would_read_it(tmp_path, monkeypatch, data, size_at_stat, max_bytes):
    """read_bytes reads the size stat() gave and reads on when the file has grown since:
    what it gives (or refuses) is what one read of max_bytes + 1 gives."""
    from pipeline.io.reading import InputError, _size_problem, read_bytes

    path = tmp_path / "grown.txt"
    path.write_bytes(data)
    real_stat = Path.stat

    class AtStat:
        def __init__(self, result):
            self.st_mode, self.st_size = result.st_mode, size_at_stat

    monkeypatch.setattr(Path, "stat", lambda self, **kw: AtStat(real_stat(self, **kw)))
    at_once = data[:max_bytes + 1]
    if len(at_once) > max_bytes:
        with pytest.raises(InputError) as refused:
            read_bytes(path, max_bytes)
        assert refused.value.problem == _size_problem(len(at_once), max_bytes)
    else:
        assert read_bytes(path, max_bytes) == at_once
