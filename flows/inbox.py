"""Deciding what an ingest run has to do: which inputs in the inbox are new.

Prefect-free and read-only on the inbox: inputs are listed, stat'ed and
hashed, never touched. A document is new unless the ledger has its content
(sha256) done with the same settings and its output folder is still there.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from courtdoc.cli import unique_ids
from courtdoc.inputs import discover
from courtdoc.pipeline import file_sha256
from courtdoc.settings import Settings

from .ledger import Entry
from .report import Outcome
from .tasks import Job


@dataclass(slots=True)
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)


def stat_signature(path: Path) -> tuple[str, float]:
    """A cheap change signature of an input (file or folder of pages) and its newest mtime."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    h = hashlib.sha256()
    newest = 0.0
    for f in files:
        st = f.stat()
        newest = max(newest, st.st_mtime)
        h.update(f"{f.relative_to(path) if path.is_dir() else f.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:24], newest


def name_jobs(paths: list[Path], entries: list[Entry]) -> dict[Path, str]:
    """Output folder names as the CLI gives them, unless the ledger has the name taken by another input."""
    names = unique_ids(paths)
    taken = {e.doc: e.source for e in entries if e.status == "done"}
    out = {}
    for path, name in names.items():
        if name in taken and taken[name] != str(path):
            digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]
            name = f"{name}-{digest}"
        out[path] = name
    return out


def plan_ingest(
    inbox: Path,
    out: Path,
    entries: list[Entry],
    settings: Settings,
    *,
    settle_seconds: float = 0.0,
    retry_failed: bool = False,
    now: float | None = None,
) -> Plan:
    now = time.time() if now is None else now
    plan = Plan()
    found = discover([str(inbox)])
    for error in found.errors:
        plan.skipped.append(Outcome(str(error.path), "-", "skipped", reason=error.reason))
    fingerprint = settings.fingerprint()
    latest = {e.key: e for e in entries}
    known_sha = {(e.source, e.stat): e.sha256 for e in entries if e.stat}
    names = name_jobs(found.documents, entries)
    seen: dict[str, Path] = {}
    for path in found.documents:
        stat, newest = stat_signature(path)
        if now - newest < settle_seconds:
            reason = f"modified {now - newest:.0f} s ago; waits until it is {settle_seconds:g} s old"
            plan.skipped.append(Outcome(str(path), names[path], "skipped", reason=reason))
            continue
        sha = known_sha.get((str(path), stat)) or file_sha256(path)
        if sha in seen:
            reason = f"same content as {seen[sha]}"
            plan.skipped.append(Outcome(str(path), names[path], "skipped", reason=reason))
            continue
        seen[sha] = path
        entry = latest.get((sha, fingerprint))
        if entry and entry.status == "done" and (out / entry.doc / "manifest.json").is_file():
            reason = f"already done as {entry.doc} on {entry.finished}"
            plan.skipped.append(Outcome(str(path), entry.doc, "skipped", reason=reason, folder=str((out / entry.doc).resolve())))
            continue
        if entry and entry.status == "failed" and not retry_failed:
            reason = f"failed on {entry.finished} ({entry.reason}); unchanged since, so not retried"
            plan.skipped.append(Outcome(str(path), names[path], "skipped", reason=reason))
            continue
        plan.jobs.append(Job(path, names[path], sha, stat))
    return plan
