"""Outputs are one set: a run killed at any moment of its commit leaves the whole old set
or the whole new set (issue 15).

The run is forked and SIGKILLs itself just before its n-th file-system call after the
commit began (every rename, link, unlink, fsync, chmod, mkdir …), for every n; each time
the folder must show one whole set, and the next run must clean up what the killed one
left. Every German sentence here was written for these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from pipeline.io import output_set
from pipeline.io.batch import run_extract
from test_cli_robustness import _hidden, _snapshot, fake_extractor

CALLS = ("replace", "rename", "symlink", "link", "unlink", "rmdir", "mkdir", "fsync", "chmod", "open")


def _corpus(folder: Path, words: str) -> Path:
    folder.mkdir()
    for i in range(3):
        (folder / f"meldung_{i}.txt").write_text(f"{words} {i}: Das Land gibt {i + 1}.000 Euro.\n", encoding="utf-8")
    return folder


def _comparable(outputs: dict[str, bytes]) -> dict[str, bytes]:
    """run.json without its finishing time and folder, which differ between runs of the same input."""
    outputs = dict(outputs)
    if "run.json" in outputs:
        run = json.loads(outputs["run.json"])
        run.pop("finished_at"), run.pop("out_dir")
        outputs["run.json"] = json.dumps(run).encode()
    return outputs


def _install_kill_switch(kill_at: int | None) -> list[int]:
    """Count file-system calls once commit() has begun; SIGKILL before call number kill_at."""
    calls = [0]
    counting = [False]
    for name in CALLS:
        real = getattr(os, name)

        def wrapper(*args, _real=real, **kwargs):
            if counting[0]:
                calls[0] += 1
                if calls[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)

        setattr(os, name, wrapper)
    real_commit = output_set.OutputSet.commit

    def commit(self):
        counting[0] = True
        return real_commit(self)

    output_set.OutputSet.commit = commit
    return calls


def _killed_run(corpus: Path, out: Path, kill_at: int) -> int:
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        status = 70
        try:
            _install_kill_switch(kill_at)
            status = run_extract([corpus], out, extractor=fake_extractor, progress=False)
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return status


def _calls_in_a_commit(corpus: Path, out: Path, monkeypatch) -> int:
    with monkeypatch.context() as patch:
        for name in CALLS:
            patch.setattr(os, name, getattr(os, name))  # undone when the context ends
        patch.setattr(output_set.OutputSet, "commit", output_set.OutputSet.commit)
        calls = _install_kill_switch(None)
        assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0
    return calls[0]


@pytest.mark.parametrize("layout", ["sets", "plain files"])
def test_a_kill_at_any_moment_of_the_commit_leaves_one_whole_set(tmp_path, monkeypatch, capsys, layout):
    old_corpus, new_corpus = _corpus(tmp_path / "alt", "Alte Meldung"), _corpus(tmp_path / "neu", "Neue Meldung")
    template = tmp_path / "vorlage"
    assert run_extract([old_corpus], template, extractor=fake_extractor, progress=False) == 0
    old = _snapshot(template)
    if layout == "plain files":  # outputs of a version that wrote plain files (and no report folder)
        shutil.rmtree(template)
        template.mkdir()
        for name, data in old.items():
            if "/" not in name:
                (template / name).write_bytes(data)
        old = _snapshot(template)
    probe = tmp_path / "probe"
    shutil.copytree(template, probe, symlinks=True)
    moments = _calls_in_a_commit(new_corpus, probe, monkeypatch)
    new = _snapshot(probe)
    assert moments > 10
    assert _comparable(new) != _comparable(old)

    for kill_at in range(1, moments + 1):
        out = tmp_path / f"nach_{kill_at}"
        shutil.copytree(template, out, symlinks=True)
        status = _killed_run(new_corpus, out, kill_at)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, kill_at
        seen = _comparable(_snapshot(out))
        assert seen in (_comparable(old), _comparable(new)), f"a mix after a kill before call {kill_at}"
        assert run_extract([new_corpus], out, extractor=fake_extractor, progress=False) == 0
        assert _comparable(_snapshot(out)) == _comparable(new)
        assert _hidden(out) == [".current", ".lock", ".set-"], f"leftovers after a kill before call {kill_at}"
    capsys.readouterr()


def test_a_second_run_is_refused_with_a_clear_message(tmp_path, capsys):
    corpus, out = _corpus(tmp_path / "korpus", "Meldung"), tmp_path / "ausgabe"
    holder = output_set.OutputSet(out)  # a first run, still writing
    try:
        assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 4
    finally:
        holder.discard()
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"pipeline: {out}: another run is writing to this folder; nothing done, try again when it has finished")
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0


@pytest.mark.parametrize("name, make", [
    ("report", lambda p: (p.mkdir(), (p / "notizen.txt").write_text("meine Notizen", encoding="utf-8"))),
    ("records.csv", lambda p: p.mkdir()),
    ("report.html", lambda p: os.mkfifo(p)),
])
def test_an_output_name_taken_by_something_else_refuses_the_run_before_it_writes(tmp_path, capsys, name, make):
    """A folder of the user's (or a pipe) where an output's link would go: the run stops with
    a message naming it, and the folder is as it was (the user's files untouched)."""
    corpus, out = _corpus(tmp_path / "korpus", "Meldung"), tmp_path / "ausgabe"
    out.mkdir()
    make(out / name)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 4
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (f"pipeline: {out}: '{name}' there is a folder or other entry this pipeline did "
                                    "not write; move or rename it, or write to another --out; nothing done")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.name != ".lock") == before


def test_a_plain_output_file_of_an_older_run_is_still_adopted(tmp_path):
    corpus, out = _corpus(tmp_path / "korpus", "Meldung"), tmp_path / "ausgabe"
    out.mkdir()
    (out / "records.csv").write_text("alt\n", encoding="utf-8")
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0
    assert (out / "records.csv").is_symlink() and "meldung_0" in (out / "records.csv").read_text(encoding="utf-8")
