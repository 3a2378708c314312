"""Which files a run reads: the paths given, folders searched recursively, in one sorted
order (so that the output order never depends on the order of the arguments)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .reading import SUPPORTED_SUFFIXES, InputError


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _files_in_folder(folder: Path, skipped: Counter) -> tuple[list[Path], list[InputError]]:
    """Supported, non-hidden files below a folder, and the sub-folders that could not be
    listed; the suffixes of the other non-hidden files are counted in skipped."""
    found, errors = [], []

    def on_error(error: OSError) -> None:
        problem = "permission denied" if isinstance(error, PermissionError) else f"cannot list ({error.strerror})"
        errors.append(InputError(error.filename or folder, problem))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        root_path = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            file_path = root_path / name
            if _is_hidden(file_path.relative_to(folder)):
                continue
            if file_path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(file_path)
            else:
                skipped[file_path.suffix.lower() or "(no suffix)"] += 1
    return found, errors


def iter_input_files(paths: Iterable[str | os.PathLike], skipped: Counter | None = None) -> Iterator[Path | InputError]:
    """The files to read, sorted by path, with an InputError for each path that gives none.

    Folders are searched recursively for supported suffixes, hidden files and folders
    skipped. A file named explicitly is always yielded, so that read_source can say what
    is wrong with it (a .docx given by mistake). Problems come first, in argument order;
    then the files, each once, sorted, so the output order never depends on argument order.
    skipped (Counter | None): gets the suffixes of the files not read in folders that are
    (".docx": 2), so that a run can say what it left out; a folder with nothing to read is
    an InputError that names the supported suffixes instead.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            others: Counter = Counter()
            found, errors = _files_in_folder(path, others)
            yield from errors
            if not found and not errors:
                yield InputError(path, f"no supported files in folder ({', '.join(SUPPORTED_SUFFIXES)})")
            elif skipped is not None:  # a folder's other files, when it is read at all
                skipped.update(others)
            files.update(found)
        elif path.exists() or path.is_symlink():
            files.add(path)
        else:
            yield InputError(path, "no such file or directory")
    yield from sorted(files)


def skipped_note(skipped: Counter) -> str:
    """One line on the files in folders a run did not read, by suffix, most first.

    >>> skipped_note(Counter({".docx": 2, ".png": 1}))
    'not read (type not supported): 2 .docx, 1 .png files in the folders given'
    """
    kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"not read (type not supported): {kinds} files in the folders given"

