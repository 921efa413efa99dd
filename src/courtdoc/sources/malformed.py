"""The one reading of "malformed": what PDF and image libraries raise or log about a file's content.

pdfminer, pdfplumber, pypdfium2, Pillow and OpenCV fail on bad content with
their own exceptions, and with plain TypeErrors, IndexErrors or
RecursionErrors raised deep inside them. Any exception raised inside one of
those libraries while it reads a file is a fault of the file: `reading`
turns it into a CorruptInput whose reason names the page and what is wrong.
An exception raised in courtdoc's own code stays a bug. What the libraries log,
warn or print on stderr while reading (libpng writes its complaints straight to
file descriptor 2) is collected for the page's warnings, never printed.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CorruptInput, InputError, OcrUnavailable

# Packages whose failures on a file are the file's fault (the names in their tracebacks).
LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "cv2")
_LOGGERS = ("pdfminer", "pdfplumber", "PIL", "pypdfium2")
_IN_LIBRARY = re.compile(r"[/\\](?:%s)[/\\]" % "|".join(LIBRARIES))
_OPENCV_REASON = re.compile(r"error: \((-?\d+:[^)]*)\) (.*)$")
_MAX_DETAIL = 100


@contextmanager
def reading(path: Path, page: int | None = None) -> Iterator[list[str]]:
    """Run library code on `path`: its failures become CorruptInput, its messages the yielded list."""
    messages: list[str] = []
    handler = _Collect(messages)
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
        lg.setLevel(logging.WARNING)
    try:
        with _stderr_into(messages), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield messages
            except (InputError, OcrUnavailable):
                raise
            except Exception as exc:  # noqa: BLE001 - sorted by where it was raised
                if not from_library(exc):
                    raise
                raise CorruptInput(path, where(page) + describe(exc)) from exc
            finally:
                messages.extend(str(w.message) for w in caught)
    finally:
        for lg, (propagate, level) in zip(loggers, saved):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)


@contextmanager
def _stderr_into(messages: list[str]) -> Iterator[None]:
    """File descriptor 2 into a temporary file for the duration; its lines appended to `messages`."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            text = capture.read(_MAX_DETAIL * 20).decode("utf-8", "replace")
            messages.extend(" ".join(line.split())[: _MAX_DETAIL * 2] for line in text.splitlines() if line.strip())


def where(page: int | None) -> str:
    return f"page {page}: " if page else ""


def from_library(exc: BaseException) -> bool:
    """Was `exc` (or what it wraps) raised inside one of LIBRARIES?"""
    for e in _chain(exc):
        if any(_package(cls) in LIBRARIES for cls in type(e).__mro__):
            return True
        tb = e.__traceback__
        last = None
        while tb is not None:
            last = tb.tb_frame.f_code.co_filename
            tb = tb.tb_next
        if last and _IN_LIBRARY.search(last):
            return True
    return False


def describe(exc: BaseException) -> str:
    """What is wrong, in one line, from the innermost exception that says something."""
    root = list(_chain(exc))[-1]
    name = type(root).__name__
    if isinstance(root, RecursionError):
        return "objects nested too deep or referring to themselves"
    if isinstance(root, MemoryError):
        return "an object too large to read"
    text = " ".join(str(root).split())
    if name == "error" and type(root).__module__ == "cv2":
        m = _OPENCV_REASON.search(text)
        return f"image cannot be processed (OpenCV: {m.group(2) if m else text})"[: _MAX_DETAIL + 40]
    if len(text) > _MAX_DETAIL:
        text = text[:_MAX_DETAIL] + "…"
    if _package(type(root)) == "courtdoc":  # the bounds courtdoc puts on pdfminer say it themselves
        return text
    kind = "damaged image" if _package(type(root)) in ("PIL", "cv2") else "damaged PDF"
    return f"{kind} ({name}: {text})" if text else f"{kind} ({name})"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then what it wraps: pdfplumber's PdfminerException holds the original as its argument."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else None
        e = inner or e.__cause__


def _package(cls: type) -> str:
    return cls.__module__.split(".")[0]


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split())[: _MAX_DETAIL * 2])
