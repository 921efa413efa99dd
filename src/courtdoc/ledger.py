"""What the ingest flow has done and refused, kept under OUT so it travels with the output.

One JSON object per line in `OUT/.courtdoc-ledger.jsonl`, keyed by the input's
content sha256 and the settings fingerprint: a document copied or renamed in
the inbox is still done, an edited one is new. The file is only appended to,
so the history of an input stays: the latest entry for a key says where it
stands (done, failed, or cleared by an operator), the failures since the last
success say since when and how often it failed. Lines are appended with one
`write()` on an O_APPEND descriptor and fsynced, so a crash can at worst leave
a torn last line, which reading skips. `OUT/.courtdoc-ledger.lock` (flock)
keeps two runs from processing the same inbox into the same OUT at once.

Nothing here imports Prefect: `courtdoc ledger` reads and clears the same file.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

LEDGER_NAME = ".courtdoc-ledger.jsonl"
LOCK_NAME = ".courtdoc-ledger.lock"

# cleared: an operator has seen the failure and wants it off the report until the file changes.
Status = Literal["done", "failed", "cleared"]


@dataclass(frozen=True, slots=True)
class Entry:
    sha256: str
    settings: str  # Settings.fingerprint()
    doc: str  # folder name under OUT
    source: str  # input path as discovered
    status: Status
    finished: str  # ISO time, UTC
    pages: int = 0
    articles: int = 0
    reason: str | None = None  # why a failed input was refused
    stat: str = ""  # size/mtime signature the sha256 belongs to: unchanged files are not hashed again

    @property
    def key(self) -> tuple[str, str]:
        return (self.sha256, self.settings)


@dataclass(frozen=True, slots=True)
class Failing:
    """An input whose latest entry is a failure: since when, and how many runs tried it."""

    entry: Entry
    since: str
    attempts: int


def failing(entries: list[Entry]) -> dict[tuple[str, str], Failing]:
    """Every key whose latest entry is a failure, with the run of failures that ends in it."""
    runs: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.status == "failed":
            runs.setdefault(e.key, []).append(e)
        else:
            runs.pop(e.key, None)
    return {key: Failing(run[-1], run[0].finished, len(run)) for key, run in runs.items()}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Busy(Exception):
    """Another run holds OUT's ledger lock."""


class Ledger:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LEDGER_NAME
        self.lock_path = out_dir / LOCK_NAME

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        entries = []
        fields = set(Entry.__dataclass_fields__)
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(line)
                entries.append(Entry(**{k: v for k, v in data.items() if k in fields}))
            except (ValueError, TypeError):
                continue  # a line torn by a crash mid-append
        return entries

    def latest(self) -> dict[tuple[str, str], Entry]:
        """The last entry for each (sha256, settings): a later success overrides a failure."""
        return {e.key: e for e in self.entries()}

    def record(self, entry: Entry) -> None:
        line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            data = line.encode("utf-8")
            if _ends_without_newline(fd):
                data = b"\n" + data  # keep a torn line from swallowing this record
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def clear(self, match: Callable[[Entry], bool] = lambda entry: True) -> list[Entry]:
        """Mark the failing inputs `match` picks as cleared: off the reports until their content changes."""
        cleared = []
        for record in failing(self.entries()).values():
            if match(record.entry):
                entry = replace(record.entry, status="cleared", finished=now_iso())
                self.record(entry)
                cleared.append(entry)
        return cleared

    @contextmanager
    def locked(self, wait: bool) -> Iterator[None]:
        """Hold OUT's lock; raise Busy at once if another run has it and wait is False."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise Busy(f"another courtdoc run is writing to {self.path.parent}") from None
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _ends_without_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return size > 0 and os.pread(fd, 1, size - 1) != b"\n"
