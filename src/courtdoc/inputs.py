"""Turning command-line arguments (files, folders, globs) into documents to process.

A folder whose own files are all page images is one issue (one document);
any other folder contributes each input file inside it, recursively.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EmptyInput, InputError, UnreadableInput
from .pipeline import IMAGE_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES

INPUT_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


@dataclass(slots=True)
class Discovery:
    documents: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def discover(args: list[str]) -> Discovery:
    found = Discovery()
    seen: set[Path] = set()
    for arg in args:
        paths = _expand(arg)
        if not paths:
            found.errors.append(UnreadableInput(Path(arg), "no such file or directory"))
            continue
        for path in paths:
            for doc, error in _documents(path):
                if error:
                    found.errors.append(error)
                elif doc and doc.resolve() not in seen:
                    seen.add(doc.resolve())
                    found.documents.append(doc)
    return found


def _expand(arg: str) -> list[Path]:
    if glob.has_magic(arg):
        return [Path(p) for p in sorted(glob.glob(arg, recursive=True))]
    path = Path(arg)
    return [path] if path.exists() or path.is_symlink() else []


def _documents(path: Path) -> list[tuple[Path | None, InputError | None]]:
    if path.is_symlink() and not path.exists():
        return [(None, UnreadableInput(path, "dangling symbolic link"))]
    if path.is_file():
        if not os.access(path, os.R_OK):
            return [(None, UnreadableInput(path, "permission denied"))]
        return [(path, None)]
    if not path.is_dir():
        return [(None, UnreadableInput(path, "not a regular file or folder"))]
    if not os.access(path, os.R_OK | os.X_OK):
        return [(None, UnreadableInput(path, "permission denied"))]
    if is_page_folder(path):
        return [(path, None)]
    out: list[tuple[Path | None, InputError | None]] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() or child.suffix.lower() in INPUT_SUFFIXES or (
            child.is_symlink() and not child.exists()
        ):
            out.extend(_documents(child))
    if not out:
        out.append((None, EmptyInput(path, "folder has no inputs (PDF, image or text files)")))
    return out


def is_page_folder(path: Path) -> bool:
    """True for a folder of page images only: the pages of one issue."""
    entries = [c for c in path.iterdir() if not c.name.startswith(".")]
    files = [c for c in entries if c.is_file()]
    return (
        bool(files)
        and len(files) == len(entries)
        and all(c.suffix.lower() in IMAGE_SUFFIXES for c in files)
        and len(files) > 1
    )
