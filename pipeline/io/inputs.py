"""Which files a run reads: the paths given, folders searched recursively, in one sorted
order (so that the output order never depends on the order of the arguments)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .reading import SUPPORTED_SUFFIXES, InputError


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _files_in_folder(folder: Path) -> tuple[list[Path], list[InputError]]:
    """Supported, non-hidden files below a folder, and the sub-folders that could not be listed."""
    found, errors = [], []

    def on_error(error: OSError) -> None:
        problem = "permission denied" if isinstance(error, PermissionError) else f"cannot list ({error.strerror})"
        errors.append(InputError(error.filename or folder, problem))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        root_path = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            file_path = root_path / name
            if file_path.suffix.lower() in SUPPORTED_SUFFIXES and not _is_hidden(file_path.relative_to(folder)):
                found.append(file_path)
    return found, errors


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | InputError]:
    """The files to read, sorted by path, with an InputError for each path that gives none.

    Folders are searched recursively for supported suffixes, hidden files and folders
    skipped. A file named explicitly is always yielded, so that read_source can say what
    is wrong with it (a .docx given by mistake). Problems come first, in argument order;
    then the files, each once, sorted, so the output order never depends on argument order.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found, errors = _files_in_folder(path)
            yield from errors
            if not found and not errors:
                yield InputError(path, f"no supported files in folder ({', '.join(SUPPORTED_SUFFIXES)})")
            files.update(found)
        elif path.exists() or path.is_symlink():
            files.add(path)
        else:
            yield InputError(path, "no such file or directory")
    yield from sorted(files)
