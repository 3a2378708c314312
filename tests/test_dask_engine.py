"""--engine dask (issue 17): on a local Dask cluster the extraction writes byte for byte what
--engine local writes, bad files, a document's bug and run.json's counts included, and a
worker killed mid-task loses no document."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import cloudpickle
import pytest
from distributed import LocalCluster

import pipeline.extract
import pipeline.io.dask_engine
from pipeline.cli import main
from pipeline.io.batch import EXIT_INTERNAL, run_extract
from pipeline.io.output_set import comparable_outputs

TEXTS = {
    "a_hessen.txt": "Aus dem Haushalt Hessens erhält die Gemeinde Beispielstadt 20.000 Euro für ihr neues Rathaus.\n",
    "b_bayern.txt": "Der Freistaat Bayern fördert das Programm „Digitale Schule“ mit bis zu 80 Prozent der Kosten.\n",
    "c_sachsen.md": "# Förderung\n\nDas Land Sachsen stellt 2024 insgesamt 1,5 Mio. Euro für Radwege bereit.\n",
    "d_seite.html": "<html><body><article><p>Die Stadt Musterhausen erhält vom Land Thüringen "
                    "einen Zuschuss von 45.000 Euro für den Spielplatz.</p></article></body></html>",
    "e_leer.txt": "   \n",  # refused: only whitespace
    "f_kaputt.txt": "Die Gemeinde Fehlerdorf bekommt 9.000 Euro (Kaputtwort) für den Bauhof.\n",  # a bug, below
    "g_brandenburg.txt": "Das Land Brandenburg gibt der Gemeinde Neudorf 12.500 Euro für die Feuerwehr.\n",
    "h_stirb.txt": "Der Landkreis fördert den Dorfladen in Altdorf mit 7.000 Euro.\n",
}
BAD_WORD = "Kaputtwort"
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this module


@pytest.fixture(scope="module")
def scheduler():
    """Two worker processes, as --engine dask starts them without --scheduler."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "i_bericht.pdf").write_bytes(b"%PDF-1.4 kein Text")  # refused: a PDF with no body
    (folder / "unter").mkdir()
    (folder / "unter" / "a_hessen.txt").write_text("Ein zweites Dokument gleichen Namens.\n", encoding="utf-8")
    return folder


class Broke(ArithmeticError):
    """The bug a document meets (a type no code path raises by itself)."""


def _breaking_clean(text):
    if BAD_WORD in text:
        raise Broke("für den Test")
    return pipeline.extract.real_clean(text)


def _break_cleaning_here(monkeypatch) -> None:
    monkeypatch.setattr(pipeline.extract, "real_clean", pipeline.extract.clean, raising=False)
    monkeypatch.setattr(pipeline.extract, "clean", _breaking_clean)


def _breaking_batch(paths, max_bytes, model):
    """extract_batch on a worker whose cleaning meets the bug, as _break_cleaning_here does here."""
    import pipeline.extract as extract

    if not hasattr(extract, "real_clean"):
        extract.real_clean, extract.clean = extract.clean, _breaking_clean
    return pipeline.io.dask_engine.extract_batch(paths, max_bytes, model)  # the worker's own, not patched


def _dying_once_batch(paths, max_bytes, model):
    """A worker that meets h_stirb.txt the first time dies on it (os._exit: no clean-up, as a
    killed process); the scheduler runs the batch again on a worker that lives."""
    marker = Path(paths[0]).parent / ".gestorben"
    if any(Path(p).name == "h_stirb.txt" for p in paths) and not marker.exists():
        marker.touch()
        os._exit(1)
    return _breaking_batch(paths, max_bytes, model)


def _run_both(tmp_path, capsys, monkeypatch, scheduler, work) -> dict:
    corpus = _corpus(tmp_path / "korpus")
    paths = [corpus, corpus / "i_bericht.pdf"]
    monkeypatch.setattr(pipeline.io.dask_engine, "extract_batch", work)
    dask_status = run_extract(paths, tmp_path / "dask", engine="dask", scheduler=scheduler, progress=False)
    dask_err = capsys.readouterr().err
    _break_cleaning_here(monkeypatch)
    local_status = run_extract(paths, tmp_path / "lokal", progress=False)
    local_err = capsys.readouterr().err
    assert dask_status == local_status == EXIT_INTERNAL
    assert dask_err.replace("/dask/", "/lokal/") == local_err
    return {"dask": comparable_outputs(tmp_path / "dask"), "lokal": comparable_outputs(tmp_path / "lokal"), "stderr": local_err,
            "corpus": corpus}


def test_dask_equals_local_byte_for_byte(tmp_path, capsys, monkeypatch, scheduler):
    ran = _run_both(tmp_path, capsys, monkeypatch, scheduler, _breaking_batch)
    assert ran["dask"] == ran["lokal"]
    corpus, lines = ran["corpus"], ran["stderr"].splitlines()
    for failure in (f"{corpus / 'i_bericht.pdf'}: broken PDF (PDFSyntaxError)",
                    f"{corpus / 'e_leer.txt'}: only whitespace",
                    f"{corpus / 'f_kaputt.txt'}: internal error: Broke",
                    f"{corpus / 'unter' / 'a_hessen.txt'}: duplicate doc_id 'a_hessen' (already read from "
                    f"{corpus / 'a_hessen.txt'})"):
        assert f"pipeline: {failure}" in lines
    run = json.loads(ran["dask"]["run.json"])
    assert (run["documents_read"], run["documents_failed"]) == (6, 4)
    assert b"Broke: f\xc3\xbcr den Test" in ran["dask"]["errors.log"]


def test_a_worker_killed_mid_task_loses_no_document(tmp_path, capsys, monkeypatch, scheduler):
    ran = _run_both(tmp_path, capsys, monkeypatch, scheduler, _dying_once_batch)
    assert (ran["corpus"] / ".gestorben").exists()  # a worker did die
    assert ran["dask"] == ran["lokal"]


def test_cli_dask_engine_starts_its_own_local_cluster(tmp_path, capsys):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    for name in ("a_hessen.txt", "g_brandenburg.txt"):
        (corpus / name).write_text(TEXTS[name], encoding="utf-8")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--n-process", "1",
                 "--no-progress"]) == 0
    assert main(["extract", str(corpus), "--out", str(tmp_path / "lokal"), "--no-progress"]) == 0
    assert comparable_outputs(tmp_path / "dask") == comparable_outputs(tmp_path / "lokal")
