"""Turning command-line arguments (files, folders, globs) into documents to process.

A folder whose own files are all page images is one issue (one document);
any other folder contributes each input file inside it, recursively.

`discover` only decides what the arguments name; `check_input` is the cheap,
source-independent check each document gets before a source opens it, so that
a dangling link, a FIFO (whose read would block for ever), an unreadable or an
empty file is refused by name with a reason instead of surfacing as a source's
exception.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EmptyInput, InputError, UnreadableInput, UnsupportedInput
from .pipeline import IMAGE_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES

INPUT_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


@dataclass(slots=True)
class Discovery:
    documents: list[Path] = field(default_factory=list)
    # Paths that were named but cannot be processed (an unlistable folder, a link loop).
    errors: list[InputError] = field(default_factory=list)
    # Arguments that named nothing: no such path, a glob without matches, a folder without inputs.
    missing: list[InputError] = field(default_factory=list)


def discover(args: list[str], exclude: Path | None = None) -> Discovery:
    """The documents the arguments name, in argument order, each once.

    `exclude` (the output folder) and everything in it are never inputs, so
    output written inside an input folder, or matched by a glob such as
    `in/**`, is not read back as input on the next run.
    """
    found = Discovery()
    seen: set[Path] = set()
    skip = {_resolved(exclude)} if exclude is not None else set()
    for arg in args:
        paths = _expand(arg)
        if not paths:
            reason = "no file matches this pattern" if glob.has_magic(arg) else "no such file or directory"
            found.missing.append(UnreadableInput(Path(arg), reason))
            continue
        for path in paths:
            if not _inside(path, skip):
                _collect(path, found, seen, skip, top=True)
    return found


def check_input(path: Path) -> None:
    """Raise an InputError if `path` cannot be read as an input at all."""
    if path.is_dir():
        pages = _listing(path)
        for page in pages:
            _check_file(page)
        return
    _check_file(path)


def is_page_folder(path: Path) -> bool:
    """True for a folder of page images only: the pages of one issue."""
    try:
        entries = [c for c in path.iterdir() if not c.name.startswith(".")]
    except OSError:
        return False
    files = [c for c in entries if c.is_file()]
    return (
        len(files) > 1
        and len(files) == len(entries)
        and all(c.suffix.lower() in IMAGE_SUFFIXES for c in files)
    )


def _expand(arg: str) -> list[Path]:
    if glob.has_magic(arg):
        return [Path(p) for p in sorted(glob.glob(arg, recursive=True))]
    path = Path(arg)
    return [path] if path.exists() or path.is_symlink() else []


def _collect(path: Path, found: Discovery, seen: set[Path], skip: set[Path], top: bool) -> None:
    if _is_real_dir(path):
        key = _resolved(path)
        if key in skip or key in seen:  # the output folder, or a link back to a folder already walked
            return
        seen.add(key)
        if is_page_folder(path):
            found.documents.append(path)
            return
        try:
            children = sorted(c for c in path.iterdir() if not c.name.startswith("."))
        except OSError as exc:
            found.errors.append(UnreadableInput(path, f"cannot list folder: {_strerror(exc)}"))
            return
        before = len(found.documents) + len(found.errors)
        for child in children:
            if _is_real_dir(child) or child.suffix.lower() in INPUT_SUFFIXES:
                _collect(child, found, seen, skip, top=False)
        if len(found.documents) + len(found.errors) == before and top:
            found.missing.append(EmptyInput(path, "folder has no inputs (PDF, image or text files)"))
        return
    # Files, and things that are not (links to nowhere, FIFOs): check_input refuses those by name.
    key = _resolved(path)
    if key not in seen:
        seen.add(key)
        found.documents.append(path)


def _inside(path: Path, folders: set[Path]) -> bool:
    resolved = _resolved(path)
    return any(resolved == f or f in resolved.parents for f in folders)


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(c for c in folder.iterdir() if not c.name.startswith("."))
    except OSError as exc:
        raise UnreadableInput(folder, f"cannot list folder: {_strerror(exc)}") from None


def _check_file(path: Path) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = "dangling symbolic link" if path.is_symlink() else "no such file"
        raise UnreadableInput(path, reason) from None
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == errno.ELOOP else _strerror(exc)
        raise UnreadableInput(path, reason) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsupportedInput(path, "not a regular file")
    if info.st_size == 0:
        raise EmptyInput(path, "empty file (0 bytes)")
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except PermissionError:
        raise UnreadableInput(path, "permission denied") from None
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read: {_strerror(exc)}") from None


def _is_real_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a link loop or a name too long: not a folder to walk
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # link loops
        return path.absolute()


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
