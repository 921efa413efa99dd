"""The flows' one call into courtdoc: run a set of documents, record each result, log one line each.

The work itself is `courtdoc.runner.run`, the same executor `courtdoc clean`
uses: worker processes with time and memory limits, or an existing Dask
cluster. This module only connects it to Prefect's logger, a progress
artifact and the ledger.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import get_run_logger

from courtdoc.ledger import Entry, Ledger, failing, now_iso
from courtdoc.runner import Hooks, Job, Limits, Outcome, run
from courtdoc.settings import Settings

from .report import Progress

DASK_ADDRESS_ENV = "COURTDOC_DASK_ADDRESS"
WORKERS_ENV = "COURTDOC_WORKERS"  # worker processes when a run does not say (default: the CPU count)
# How long to wait for a Dask scheduler before the run fails saying it cannot reach it.
DASK_CONNECT_SECONDS = 30


class DaskUnreachable(RuntimeError):
    """The Dask scheduler named for this run does not answer."""


@contextmanager
def dask_client(address: str | None) -> Iterator[Any]:
    """A client of the Dask cluster at `address` (or $COURTDOC_DASK_ADDRESS); None: run locally."""
    address = address or os.environ.get(DASK_ADDRESS_ENV) or None
    if not address:
        yield None
        return
    from distributed import Client

    try:
        client = Client(address, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise DaskUnreachable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


def run_jobs(
    jobs: list[Job],
    out: Path,
    settings: Settings,
    ledger: Ledger,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    limits: Limits = Limits(),
) -> list[Outcome]:
    """Process `jobs` into `out`; each result is in the ledger as soon as its document is written or refused."""
    logger = get_run_logger()
    earlier = failing(ledger.entries())
    fingerprint = settings.fingerprint()
    progress = Progress(f"pages of {len(jobs)} documents")
    hooks = Hooks(inspected=lambda job, pages: progress.add(pages), page_done=lambda job, number: progress.advance())
    jobs_by_path = {job.path: job for job in jobs}
    outcomes = {}
    with dask_client(dask_address) as client:
        for outcome in run(
            jobs, out, settings, workers=workers or _default_workers(), limits=limits, client=client, hooks=hooks
        ):
            job = jobs_by_path[outcome.path]
            if outcome.status == "done":
                ledger.record(_entry(job, fingerprint, "done", pages=len(outcome.pages), articles=len(outcome.articles)))
                logger.info("%s -> %s: %d pages, %d articles", job.path, outcome.folder, len(outcome.pages), len(outcome.articles))
            else:
                before = earlier.get((job.sha256, fingerprint))
                entry = _entry(job, fingerprint, "failed", reason=outcome.reason)
                ledger.record(entry)
                outcome.since = before.since if before else entry.finished
                outcome.attempts = before.attempts + 1 if before else 1
                # An expected failure is its one line; a bug in courtdoc keeps its traceback.
                logger.error("%s failed: %s%s", job.path, outcome.reason, f"\n{outcome.traceback}" if outcome.traceback else "")
            outcomes[job.path] = outcome
    progress.finish()
    return [outcomes[job.path] for job in jobs]


def _default_workers() -> int:
    return int(os.environ.get(WORKERS_ENV) or 0) or os.cpu_count() or 1


def _entry(job: Job, fingerprint: str, status: str, **extra: Any) -> Entry:
    return Entry(
        sha256=job.sha256,
        settings=fingerprint,
        doc=job.doc,
        source=str(job.path),
        status=status,  # type: ignore[arg-type]
        finished=now_iso(),
        stat=job.stat,
        **extra,
    )
