"""Deciding what an ingest run has to do: which inputs in the inbox are new.

Prefect-free and read-only on the inbox: inputs are listed, stat'ed and
hashed, never touched. A document is new unless the ledger has its content
(sha256) done with the same settings and its output folder is still there.
An input that failed stays failing, and is reported so on every run, until
its content changes, an operator clears it, or a run retries failed inputs.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from courtdoc.inputs import discover
from courtdoc.ledger import Entry, failing
from courtdoc.output import unique_ids
from courtdoc.runner import Job, Outcome, make_job
from courtdoc.settings import Settings


@dataclass(slots=True)
class Plan:
    jobs: list[Job] = field(default_factory=list)
    # Inputs left alone this run: skipped (done, duplicate, cleared), waiting to settle, or still failing.
    left: list[Outcome] = field(default_factory=list)


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
    found = discover([str(inbox)], exclude=out)
    for error in found.errors:
        plan.left.append(Outcome(error.path, "-", "failed", reason=error.reason))
    fingerprint = settings.fingerprint()
    latest = {e.key: e for e in entries}
    still_failing = failing(entries)
    known_sha = {(e.source, e.stat): e.sha256 for e in entries if e.stat}
    names = name_jobs(found.documents, entries)
    seen: dict[str, Path] = {}
    for path in found.documents:
        try:
            stat, newest = stat_signature(path)
        except OSError as exc:
            plan.left.append(Outcome(path, names[path], "failed", reason=f"cannot read: {exc.strerror or exc}"))
            continue
        if now - newest < settle_seconds:
            eligible = datetime.fromtimestamp(newest + settle_seconds, timezone.utc).isoformat(timespec="seconds")
            reason = f"modified {now - newest:.0f} s ago; eligible from {eligible} (settle_seconds={settle_seconds:g})"
            plan.left.append(Outcome(path, names[path], "waiting", reason=reason))
            continue
        made = make_job(path, names[path], stat, known_sha.get((str(path), stat)))
        if isinstance(made, Outcome):
            plan.left.append(made)
            continue
        if made.sha256 in seen:
            plan.left.append(Outcome(path, names[path], "skipped", reason=f"same content as {seen[made.sha256]}"))
            continue
        seen[made.sha256] = path
        key = (made.sha256, fingerprint)
        entry = latest.get(key)
        if entry and entry.status == "done" and (out / entry.doc / "manifest.json").is_file():
            reason = f"already done as {entry.doc} on {entry.finished}"
            plan.left.append(Outcome(path, entry.doc, "skipped", reason=reason, folder=(out / entry.doc).resolve()))
        elif entry and entry.status == "cleared":
            reason = f"failed ({entry.reason}); cleared by an operator on {entry.finished}"
            plan.left.append(Outcome(path, names[path], "skipped", reason=reason))
        elif key in still_failing and not retry_failed:
            record = still_failing[key]
            plan.left.append(
                Outcome(
                    path,
                    names[path],
                    "failed",
                    reason=record.entry.reason,
                    since=record.since,
                    attempts=record.attempts,
                )
            )
        else:
            plan.jobs.append(made)
    return plan
