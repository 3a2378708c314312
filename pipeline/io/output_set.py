"""A run's outputs as one set: after a kill at any moment the output folder shows the whole
old set or the whole new set, never a mix.

Layout of an output folder:

    records.csv -> .current/records.csv     one symlink per output, never changed by a run
    .current -> .set-k2j4x9                  the set in use: switched by one atomic rename
    .set-k2j4x9/records.csv, run.json, …     the files themselves
    .lock                                    held (flock) by the run writing here

A run writes its files into a fresh hidden staging folder (.set-…); its commit makes a
symlink for each output name (pointing through .current, so it shows the old set's file,
or nothing, until the switch), then replaces .current with one os.replace() of a symlink:
that rename is the moment the whole new set appears. Only then are links to names the new
set lacks removed and the old set deleted. A folder of plain files (from before this
layout) is first adopted as the old set: hard links of its files go into a set folder,
.current points at it, then each file is replaced by its symlink, which shows the same
bytes. Leftovers of a killed run (staging folders, temporary links, the plain-file
writer's .*.tmp files) are deleted by the next run, under the lock.
"""

from __future__ import annotations

import errno
import json
import fcntl
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..schema import Record
from .writing import AtomicFile, CsvTableWriter, _CommitOnSuccess, current_umask, fsync_folder

CURRENT = ".current"
SET_PREFIX = ".set-"
SWITCH_PREFIX = ".current.new-"
LOCK_NAME = ".lock"
# Names a run may write; a plain file of one of these names is an output of an older run.
OUTPUT_NAMES = ("records.csv", "programmes.csv", "mentions.csv", "records.xlsx", "run.json", "errors.log",
                "sources.csv", "report.html", "report")
OLD_TEMP_FILE_RE = re.compile(r"\.(?:%s)\..*\.tmp" % "|".join(re.escape(n) for n in OUTPUT_NAMES))


class OutputFolderBusy(Exception):
    """Another run holds the output folder's lock."""


class OutputNameTaken(Exception):
    """An output's name in the folder holds something no run wrote (a folder of the user's
    named "report", say): the set's link cannot take its place without deleting it."""


class OutputSet(_CommitOnSuccess):
    """The files of one run, written into a staging folder and switched in together on
    commit(); as a context manager, committed when the block succeeds, discarded (staging
    folder deleted, old set untouched) when it raises.

    Holds the folder's lock from creation to commit or discard: a second run into the same
    folder gets OutputFolderBusy instead of interleaving with this one.
    """

    def __init__(self, out_dir):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = _take_lock(self.out_dir)
        self.done = False
        try:
            _check_output_names(self.out_dir)
            _delete_leftovers(self.out_dir)
            self.staging = Path(tempfile.mkdtemp(prefix=SET_PREFIX, dir=self.out_dir))
        except BaseException:
            self._release()
            raise
        self.members: list[AtomicFile | CsvTableWriter] = []

    def csv_table(self, name: str, cls=Record, extra_columns=()) -> CsvTableWriter:
        table = CsvTableWriter(self.staging / name, cls, extra_columns)
        self.members.append(table)
        return table

    def file(self, name: str, *, binary: bool = False) -> AtomicFile:
        member = AtomicFile(self.staging / name, binary=binary)
        self.members.append(member)
        return member

    def folder(self, name: str) -> Path:
        """A folder of the set (its files are written straight into it: the set's switch is
        what makes them appear)."""
        folder = self.staging / name
        folder.mkdir()
        return folder

    def commit(self) -> None:
        try:
            for member in self.members:
                member.finish()
            for member in self.members:
                member.replace()
            fsync_folder(self.staging)
            os.chmod(self.staging, 0o777 & ~current_umask())  # mkdtemp makes it 0700
            names = sorted(p.name for p in self.staging.iterdir())
            _adopt_plain_outputs(self.out_dir, names)
            for name in names:
                _link_through_current(self.out_dir, name)
            old_set = _current_set(self.out_dir)
            _point_current_at(self.out_dir, self.staging.name)  # the switch
            for name in OUTPUT_NAMES:
                link = self.out_dir / name
                if name not in names and link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}":
                    link.unlink()
            if old_set is not None:
                shutil.rmtree(old_set, ignore_errors=True)
            fsync_folder(self.out_dir)
            self.done = True
        finally:
            self._release()

    def discard(self) -> None:
        for member in self.members:
            member.discard()
        shutil.rmtree(self.staging, ignore_errors=True)
        self.done = True
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the flock
            self._lock = None



def _take_lock(out_dir: Path) -> int:
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise OutputFolderBusy(f"another run is writing to {out_dir}; try again when it has finished") from None
        raise
    return fd


def _check_output_names(out_dir: Path) -> None:
    """Refuse, before anything is written, a folder where an output's name is taken by
    something other than our link or a plain file of an older run (which is adopted)."""
    for name in OUTPUT_NAMES:
        path = out_dir / name
        if os.path.lexists(path) and not path.is_symlink() and not path.is_file():
            raise OutputNameTaken(f"'{name}' there is a folder or other entry this pipeline did not write; "
                                  "move or rename it, or write to another --out")


def _current_set(out_dir: Path) -> Path | None:
    """The set folder .current points at, if any."""
    current = out_dir / CURRENT
    if not current.is_symlink():
        return None
    target = out_dir / os.readlink(current)
    return target if target.is_dir() else None


def _delete_leftovers(out_dir: Path) -> None:
    """A killed run's staging folder and temporary link, the plain-file writer's .tmp files."""
    in_use = _current_set(out_dir)
    for entry in out_dir.iterdir():
        name = entry.name
        if name.startswith(SET_PREFIX) and entry.is_dir() and not entry.is_symlink():
            if in_use is None or entry.name != in_use.name:
                shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(SWITCH_PREFIX) or OLD_TEMP_FILE_RE.fullmatch(name):
            entry.unlink(missing_ok=True)


def _point_current_at(out_dir: Path, set_name: str) -> None:
    temporary = out_dir / f"{SWITCH_PREFIX}{set_name}"
    temporary.unlink(missing_ok=True)
    os.symlink(set_name, temporary)
    os.replace(temporary, out_dir / CURRENT)


def _link_through_current(out_dir: Path, name: str) -> None:
    """out_dir/name -> .current/name (a no-op when it is already that link)."""
    link, target = out_dir / name, f"{CURRENT}/{name}"
    if link.is_symlink() and os.readlink(link) == target:
        return
    temporary = out_dir / f"{SWITCH_PREFIX}{name}"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _adopt_plain_outputs(out_dir: Path, names: list[str]) -> None:
    """Make plain output files (an older run's) the current set without changing what the
    folder shows: their hard links (or copies) go into a set folder, .current points at it,
    then each file is replaced by its link through .current."""
    all_names = sorted(set(OUTPUT_NAMES) | set(names))
    plain = [name for name in all_names
             if (out_dir / name).is_file() and not (out_dir / name).is_symlink()]
    if not plain:
        return
    adopted = Path(tempfile.mkdtemp(prefix=SET_PREFIX, dir=out_dir))
    os.chmod(adopted, 0o777 & ~current_umask())
    current = _current_set(out_dir)
    for name in all_names:  # what the folder shows now: plain files, or links into .current
        shown = out_dir / name
        source = shown if name in plain else (current / name if current is not None else None)
        if source is None or not source.is_file():
            continue
        try:
            os.link(source, adopted / name)
        except OSError:
            shutil.copy2(source, adopted / name)
    fsync_folder(adopted)
    _point_current_at(out_dir, adopted.name)
    for name in plain:
        _link_through_current(out_dir, name)
    if current is not None:
        shutil.rmtree(current, ignore_errors=True)


def comparable_outputs(out_dir) -> dict[str, bytes]:
    """Every output's bytes, run.json without the two fields that name the run (finished_at,
    out_dir): what two runs of the same inputs must agree on, whatever engine or cache ran
    them (tests and benchmarks/scale.py compare these)."""
    found = {}
    for name in OUTPUT_NAMES:
        path = Path(out_dir) / name
        if path.is_dir():  # the report's pages
            found |= {f"{name}/{page.relative_to(path).as_posix()}": page.read_bytes()
                      for page in sorted(path.rglob("*")) if page.is_file()}
        elif path.exists():
            data = path.read_bytes()
            if name == "run.json":
                info = json.loads(data)
                del info["finished_at"], info["out_dir"]
                data = json.dumps(info, ensure_ascii=False).encode()
            found[name] = data
    return found
