"""Incremental runs (issue 17): a run through the result cache writes exactly what a full run
writes, whatever changed since the last run: files added, changed or removed, a rule of the
model, a cache entry damaged, a run killed midway."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.extract
from pipeline.cli import main
from pipeline.io.batch import EXIT_INTERNAL, run_extract
from pipeline.io.cache import (
    CACHE_FORMAT, ResultCache, decode_entry, entry_key, fingerprint_files, pipeline_fingerprint,
)
from pipeline.io.outcomes import spacy_extractor
from pipeline.io.output_set import comparable_outputs

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "hessen.txt": "Aus dem Haushalt Hessens erhält die Gemeinde Beispielstadt 20.000 Euro für ihr neues Rathaus.\n",
    "bayern.txt": "Der Freistaat Bayern fördert das Programm „Digitale Schule“ mit bis zu 80 Prozent der Kosten.\n",
    "sachsen.md": "# Förderung\n\nDas Land Sachsen stellt 2024 insgesamt 1,5 Mio. Euro für Radwege bereit.\n",
    "seite.html": "<html><body><article><p>Die Stadt Musterhausen erhält vom Land Thüringen "
                  "einen Zuschuss von 45.000 Euro für den Spielplatz.</p></article></body></html>",
    "leer.txt": "   \n",
}
NEW_TEXT = "Das Land Brandenburg gibt der Gemeinde Neudorf 12.500 Euro für die Feuerwehr.\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(corpus: Path, out: Path, cache: Path | None, capsys, **options) -> tuple[int, str]:
    status = run_extract([corpus], out, cache_dir=cache, progress=False, **options)
    return status, capsys.readouterr().err


def _cache_line(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("cache "))


def _add(corpus: Path) -> None:
    (corpus / "brandenburg.txt").write_text(NEW_TEXT, encoding="utf-8")


def _change(corpus: Path) -> None:
    (corpus / "hessen.txt").write_text(TEXTS["hessen.txt"].replace("20.000", "25.000"), encoding="utf-8")


def _remove(corpus: Path) -> None:
    (corpus / "bayern.txt").unlink()


def _all_three(corpus: Path) -> None:
    _add(corpus), _change(corpus), _remove(corpus)


# (what changes between two runs, the change, files read again of how many): leer.txt is
# read every time (a refused file is not cached: reading it again says the same)
CHANGES = [
    ("nothing", lambda corpus: None, 1, 5),
    ("a file added", _add, 2, 6),
    ("a file changed", _change, 2, 5),
    ("a file removed", _remove, 1, 4),
    ("added, changed and removed", _all_three, 3, 5),
]


@pytest.mark.parametrize("what, change, again, files", CHANGES, ids=[c[0] for c in CHANGES])
def test_incremental_run_equals_full_run(tmp_path, capsys, what, change, again, files):
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    _run(corpus, out, cache, capsys)
    change(corpus)
    status, stderr = _run(corpus, out, cache, capsys)
    assert _cache_line(stderr).endswith(f": {files - again} of {files} files taken from the cache, {again} read and extracted")
    full_status, _ = _run(corpus, tmp_path / "voll", None, capsys)
    assert status == full_status == 1  # leer.txt is refused in both, and not cached
    assert comparable_outputs(out) == comparable_outputs(tmp_path / "voll")


def _model_with_word_changed(folder: Path, old: str, new: str) -> Path:
    shutil.copytree(pipeline.extract.DEFAULT_MODEL, folder)
    changed = 0
    for rules in folder.glob("*/rules.json"):
        text = rules.read_text(encoding="utf-8")
        changed += text.count(f'"{old}"')
        rules.write_text(text.replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    assert changed
    return folder


def test_a_changed_rule_invalidates_the_cache_by_itself(tmp_path, capsys):
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    _run(corpus, out, cache, capsys)
    before = comparable_outputs(out)
    model = _model_with_word_changed(tmp_path / "modell", "Hessens", "Hessenz")  # one Land form, as a typo
    _, stderr = _run(corpus, out, cache, capsys, model=model)
    assert _cache_line(stderr).endswith(": 0 of 5 files taken from the cache, 5 read and extracted")
    # the packaged model's store stays, and the run says so
    assert re.search(r"cache .*: 1 other store \(\d+\.\d MB\) of other pipeline versions", stderr), stderr
    _run(corpus, tmp_path / "voll", None, capsys, model=model)
    assert comparable_outputs(out) == comparable_outputs(tmp_path / "voll")
    assert comparable_outputs(out)["records.csv"] != before["records.csv"]  # the word mattered: Hessen is no longer read
    _, stderr = _run(corpus, out, cache, capsys)  # back to the packaged model: its entries are still there
    assert _cache_line(stderr).endswith(": 4 of 5 files taken from the cache, 1 read and extracted")
    assert comparable_outputs(out) == before


def test_a_killed_run_resumes_where_it_stopped(tmp_path, capsys):
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    real = spacy_extractor(1, 20_000_000)

    def killed_after_two(sources):
        for done, result in enumerate(real(sources), 1):
            yield result
            if done == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _run(corpus, out, cache, capsys, extractor=killed_after_two)
    assert not (out / "records.csv").exists()
    _, stderr = _run(corpus, out, cache, capsys)
    assert _cache_line(stderr).endswith(": 2 of 5 files taken from the cache, 3 read and extracted")
    _run(corpus, tmp_path / "voll", None, capsys)
    assert comparable_outputs(out) == comparable_outputs(tmp_path / "voll")


def _checksummed(body: bytes) -> bytes:
    return f"{CACHE_FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode() + body


def _retyped(data: bytes) -> bytes:
    """A well-formed entry with a valid checksum whose first record's start is text."""
    body = json.loads(data.partition(b"\n")[2])
    body["records"][0][14] = str(body["records"][0][14])
    return _checksummed(json.dumps(body).encode())


def _other_document(data: bytes) -> bytes:
    body = json.loads(data.partition(b"\n")[2])
    body["doc_id"] = "bayern"
    return _checksummed(json.dumps(body).encode())


# (how an entry is damaged, the damage): each is ignored and the document extracted again
DAMAGE = [
    ("empty", lambda data: b""),
    ("cut short", lambda data: data[: len(data) // 2]),
    ("one byte changed", lambda data: data[:-3] + bytes([data[-3] ^ 1]) + data[-2:]),
    ("not JSON, checksum right", lambda data: _checksummed(b"{nicht json")),
    ("a JSON list", lambda data: _checksummed(b"[1, 2]")),
    ("a value of the wrong type", _retyped),
    ("another document's rows", _other_document),
    ("text in its place", None),
]


@pytest.mark.parametrize("what, damage", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_entry_is_recomputed_never_trusted(tmp_path, capsys, what, damage):
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    _run(corpus, out, cache, capsys)
    before = comparable_outputs(out)
    results = ResultCache(cache, pipeline_fingerprint())
    key = entry_key("hessen.txt", hashlib.sha256((corpus / "hessen.txt").read_bytes()).hexdigest())
    good = results.read(key)
    with sqlite3.connect(results.path) as db:  # as a hand or a torn write might leave it
        db.execute("UPDATE entries SET entry = ? WHERE key = ?", ("kein Eintrag" if damage is None else damage(good), key))
    results.close()
    if damage is not None:
        assert decode_entry(damage(good), "hessen") is None
    _, stderr = _run(corpus, out, cache, capsys)
    assert _cache_line(stderr).endswith(": 3 of 5 files taken from the cache, 1 read and extracted, "
                                        "1 unreadable entries recomputed")
    assert comparable_outputs(out) == before
    assert results.read(key) == good  # and put right
    results.close()


def test_a_store_that_is_no_database_is_set_aside(tmp_path, capsys):
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    _run(corpus, out, cache, capsys)
    before = comparable_outputs(out)
    store = ResultCache(cache, pipeline_fingerprint()).path
    for extra in store.parent.glob(store.name + "-*"):  # the write-ahead log, if left
        extra.unlink()
    store.write_bytes(b"kein SQLite " * 100)
    _, stderr = _run(corpus, out, cache, capsys)
    assert _cache_line(stderr).endswith(": 0 of 5 files taken from the cache, 5 read and extracted")
    assert store.with_suffix(".damaged").read_bytes().startswith(b"kein SQLite")
    assert comparable_outputs(out) == before


def test_a_failing_document_is_cached_with_its_failure(tmp_path, capsys, monkeypatch):
    """What a document's bug wrote (the stderr line, run.json, errors.log) comes back alike
    from the cache."""
    real_clean = pipeline.extract.clean

    def clean(text):
        if "Radwege" in text:
            raise ArithmeticError("für den Test")
        return real_clean(text)

    monkeypatch.setattr(pipeline.extract, "clean", clean)
    corpus, out, cache = _corpus(tmp_path / "korpus"), tmp_path / "inkrementell", tmp_path / "cache"
    _run(corpus, out, cache, capsys)
    status, stderr = _run(corpus, out, cache, capsys)
    assert _cache_line(stderr).endswith(": 4 of 5 files taken from the cache, 1 read and extracted")
    assert f"pipeline: {corpus / 'sachsen.md'}: internal error: ArithmeticError" in stderr.splitlines()
    full_status, _ = _run(corpus, tmp_path / "voll", None, capsys)
    assert status == full_status == EXIT_INTERNAL
    assert comparable_outputs(out) == comparable_outputs(tmp_path / "voll")
    assert "ArithmeticError: für den Test" in comparable_outputs(out)["errors.log"].decode()


@pytest.mark.parametrize("options, cache_made", [
    ([], ".cache in the output folder"),
    (["--cache", "{tmp}/woanders"], "the folder given"),
    (["--no-cache"], None),
])
def test_cli_cache_options(tmp_path, capsys, options, cache_made):
    corpus = _corpus(tmp_path / "korpus")
    options = [option.format(tmp=tmp_path) for option in options]
    main(["extract", str(corpus), "--out", str(tmp_path / "aus"), "--no-progress", *options])
    made = {p.relative_to(tmp_path).parts for p in tmp_path.rglob("*.sqlite")}
    store = f"{pipeline_fingerprint()[:32]}.sqlite"
    expected = {None: set(), ".cache in the output folder": {("aus", ".cache", store)},
                "the folder given": {("woanders", store)}}[cache_made]
    assert made == expected


AUDIT = """
import sys
from pathlib import Path
models = str(Path(sys.argv[1]).resolve() / "models")
opened = set()
sys.addaudithook(lambda event, args: event == "open" and isinstance(args[0], str)
                 and args[0].startswith(models) and opened.add(args[0]))
from pipeline.io.batch import run_extract
run_extract([sys.argv[2]], sys.argv[3], progress=False)
print("\\n".join(sorted(opened)))
"""


def test_the_fingerprint_covers_every_model_file_a_run_reads(tmp_path):
    corpus = _corpus(tmp_path / "korpus")
    done = subprocess.run([sys.executable, "-c", AUDIT, str(ROOT), str(corpus), str(tmp_path / "aus")],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    opened = {Path(line).resolve() for line in done.stdout.splitlines()}
    covered = {path.resolve() for _, *files in fingerprint_files().values() for path in files}
    assert opened and opened <= covered
