"""Whatever one document does costs that document only (issue 15).

A failure is injected for one document at each stage (reading, cleaning, a component,
to_result, writing) with monkeypatch; the batch around it must go on: one stderr line
naming the file, the other documents written, run.json listing it, the traceback in
errors.log, exit status 3. Every German sentence here was written for these tests.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

import pipeline.extract
import pipeline.io.batch
import pipeline.io.outcomes
from pipeline.extract import DocFailure, DocResult, extract_isolated, load_nlp
from pipeline.io.batch import EXIT_INTERNAL, EXIT_REFUSED, run_extract, shown
from pipeline.io.reading import Source

BAD_WORD = "Kaputtland"  # the injected failure hits the document holding it
GOOD_TEXTS = {
    "a_hessen": "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro.\n",
    "b_sachsen": "Der Freistaat Sachsen gibt den Gemeinden 35.000 Euro für Spielplätze.\n",
    "d_bremen": "Bremen stellt für das Programm Saubere Stadt 1,5 Millionen Euro bereit.\n",
}
BAD_TEXT = f"Das Land {BAD_WORD} fördert jede Schule mit 10.000 Euro.\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for doc_id, text in {**GOOD_TEXTS, "c_kaputt": BAD_TEXT}.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


class Injected(ZeroDivisionError):
    """The bug injected (a type no code path raises by itself)."""


def _raise_on_bad(text: str) -> None:
    if BAD_WORD in text:
        raise Injected("injected for the test")


def _break_reading(monkeypatch):
    real = pipeline.io.outcomes.source_from_bytes

    def reading(path, data):
        _raise_on_bad(data.decode("utf-8"))
        return real(path, data)

    monkeypatch.setattr(pipeline.io.outcomes, "source_from_bytes", reading)


def _break_cleaning(monkeypatch):
    real = pipeline.extract.clean

    def cleaning(text):
        _raise_on_bad(text)
        return real(text)

    monkeypatch.setattr(pipeline.extract, "clean", cleaning)


def _break_component(monkeypatch, name: str = "de_money"):
    component_class = type(load_nlp().get_pipe(name))
    real = component_class.__call__

    def call(self, doc):
        _raise_on_bad(doc.text)
        return real(self, doc)

    monkeypatch.setattr(component_class, "__call__", call)


def _break_to_result(monkeypatch):
    real = pipeline.extract.to_result

    def to_result(source, c, doc):
        _raise_on_bad(source.text)
        return real(source, c, doc)

    monkeypatch.setattr(pipeline.extract, "to_result", to_result)


def _break_writing(monkeypatch):
    real = pipeline.io.batch.RunWriter.prepare

    def prepare(self, result):
        if result.doc_id == "c_kaputt":
            raise Injected("injected for the test")
        return real(self, result)

    monkeypatch.setattr(pipeline.io.batch.RunWriter, "prepare", prepare)


# (stage, how to break it, n_process)
STAGES = [
    ("reading", _break_reading, 1),
    ("cleaning", _break_cleaning, 1),
    ("cleaning", _break_cleaning, 2),
    ("component de_money", _break_component, 1),
    ("component de_money", _break_component, 2),
    ("component de_records", lambda mp: _break_component(mp, "de_records"), 2),
    ("to_result", _break_to_result, 1),
    ("writing", _break_writing, 1),
]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("stage, break_it, n_process", STAGES, ids=[f"{s}-n{n}" for s, _, n in STAGES])
def test_a_failing_document_costs_itself_only(tmp_path, monkeypatch, capsys, stage, break_it, n_process):
    corpus, out = _corpus(tmp_path / "korpus"), tmp_path / "ausgabe"
    break_it(monkeypatch)
    status = run_extract([corpus], out, n_process=n_process, progress=False)
    err = capsys.readouterr().err.splitlines()
    bad = corpus / "c_kaputt.txt"
    assert status == EXIT_INTERNAL
    assert err[:-1] == [f"pipeline: {bad}: internal error: Injected"]
    assert err[-1].startswith("read 3 documents, 1 failed (1 internal error, see ")
    assert sorted({r["doc_id"] for r in _read_csv(out / "records.csv")}) == sorted(GOOD_TEXTS)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["documents_read"] == 3
    assert run["failures"] == [{"path": str(bad), "problem": "internal error: Injected"}]
    log = (out / "errors.log").read_text(encoding="utf-8")
    assert log.startswith(f"== {bad}: internal error: Injected\n")
    assert "Traceback (most recent call last)" in log and "injected for the test" in log


def test_a_clean_run_removes_an_old_error_log(tmp_path, monkeypatch, capsys):
    corpus, out = _corpus(tmp_path / "korpus"), tmp_path / "ausgabe"
    with monkeypatch.context() as patch:
        _break_to_result(patch)
        assert run_extract([corpus], out, progress=False) == EXIT_INTERNAL
    assert (out / "errors.log").exists()
    assert run_extract([corpus], out, progress=False) == 0
    assert not (out / "errors.log").exists()


@pytest.mark.parametrize("n_process", [1, 2])
def test_failed_batches_rerun_one_by_one_in_order(monkeypatch, n_process):
    """Several batches, a component failing in one, cleaning failing in another: every
    other document comes back, in input order."""
    _break_component(monkeypatch)
    real_clean = pipeline.extract.clean

    def cleaning(text):
        if "Putzfehler" in text:
            raise Injected("cleaning")
        return real_clean(text)

    monkeypatch.setattr(pipeline.extract, "clean", cleaning)
    texts = [f"Die Stadt {i} erhält {i + 1}.000 Euro vom Land Hessen.\n" for i in range(9)]
    texts[3] = BAD_TEXT
    texts[6] = "Ein Putzfehler mit 5.000 Euro.\n"
    sources = [Source(doc_id=f"m{i}", path=f"m{i}.txt", text=t, is_html=False) for i, t in enumerate(texts)]
    results = list(extract_isolated(sources, n_process=n_process, batch_size=2))
    assert [r.doc_id for r in results] == [s.doc_id for s in sources]
    kinds = [type(r) for r in results]
    assert kinds == [DocResult] * 3 + [DocFailure] + [DocResult] * 2 + [DocFailure] + [DocResult] * 2
    assert [str(r.error) for r in results if isinstance(r, DocFailure)] == ["injected for the test", "cleaning"]
    assert [r.records[0].value for r in results if isinstance(r, DocResult)] == ["1000", "2000", "3000", "5000",
                                                                                "6000", "8000", "9000"]


# (file name, as a stderr line shows it)
ODD_NAMES = [
    ("zwei\nzeilen.txt", "zwei\\nzeilen.txt"),
    ("\x1b[31mrot.txt", "\\x1b[31mrot.txt"),
    ("wagen\rruecklauf.txt", "wagen\\rruecklauf.txt"),
    ("Förderung für Städte.txt", "Förderung für Städte.txt"),
]


@pytest.mark.parametrize("name, printed", ODD_NAMES, ids=["newline", "escape", "carriage return", "umlauts"])
def test_file_names_are_printed_safely(tmp_path, capsys, name, printed):
    (tmp_path / "gut.txt").write_text(GOOD_TEXTS["a_hessen"], encoding="utf-8")
    (tmp_path / name).write_bytes(b"")
    assert run_extract([tmp_path], tmp_path / "ausgabe", progress=False) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert f"pipeline: {tmp_path}/{printed}: empty file\n" in err
    assert shown(tmp_path / name) == f"{tmp_path}/{printed}"
    assert "\x1b" not in err and "\r" not in err
    assert len(err.splitlines()) == 2


def test_a_file_name_that_is_not_utf8_is_refused(tmp_path, capsys):
    (tmp_path / "gut.txt").write_text(GOOD_TEXTS["a_hessen"], encoding="utf-8")
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/kaputt\xff.txt"))
    odd.write_text(GOOD_TEXTS["b_sachsen"], encoding="utf-8")
    assert run_extract([tmp_path], tmp_path / "ausgabe", progress=False) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert f"pipeline: {tmp_path}/kaputt\\udcff.txt: file name is not valid UTF-8" in err
    run = json.loads((tmp_path / "ausgabe" / "run.json").read_text(encoding="utf-8"))
    assert run["failures"][0]["path"] == f"{tmp_path}/kaputt\\udcff.txt"
