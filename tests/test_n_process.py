"""`--n-process` changes the speed of a run, never its output: the CSVs are byte-identical.

The real CLI runs twice over copies of the corpus documents (more documents than one
nlp.pipe batch per worker, so results from several workers have to be put back in order),
once with one process and once with two.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SUFFIXES = {".txt", ".md", ".html", ".htm"}
COPIES = 2  # each corpus document twice, under its own doc_id
MIN_DOCUMENTS = 40  # enough for several batches of 16 per worker
N_PROCESSES = (1, 2)
COMPARED = ("records.csv", "programmes.csv", "mentions.csv")


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES and not p.name.startswith("."))


@pytest.fixture(scope="module")
def out_dirs(tmp_path_factory) -> dict[int, Path]:
    """Output folders of the same input run with each n_process."""
    inputs = tmp_path_factory.mktemp("inputs")
    for copy in range(COPIES):
        for document in corpus_documents():
            shutil.copyfile(document, inputs / f"{document.stem}__copy{copy}{document.suffix}")
    assert len(list(inputs.iterdir())) >= MIN_DOCUMENTS, "too few corpus documents to spread over workers"
    # Both runs start together, so they load the same code even while the tree is edited.
    outs, runs = {}, {}
    for n_process in N_PROCESSES:
        outs[n_process] = tmp_path_factory.mktemp(f"out_n{n_process}")
        runs[n_process] = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "extract", str(inputs), "--out", str(outs[n_process]),
             "--n-process", str(n_process), "--no-progress"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )
    try:
        for n_process, run in runs.items():
            _, stderr = run.communicate(timeout=300)
            assert run.returncode == 0, f"--n-process {n_process} failed:\n{stderr}"
    finally:
        for run in runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
    return outs


@pytest.mark.parametrize("name", COMPARED)
def test_output_is_byte_identical_across_n_process(out_dirs, name):
    single, *others = (out_dirs[n] / name for n in N_PROCESSES)
    expected = single.read_bytes()
    assert expected.count(b"\n") > 1, f"{name} has no rows; the comparison would prove nothing"
    for other in others:
        assert other.read_bytes() == expected, f"{name} differs between --n-process 1 and {other.parent.name}"
