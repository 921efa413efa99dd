"""Prefect tasks around the courtdoc core, and the loop that runs a set of documents.

One task inspects each input (kind, page count), one task per page extracts it
(text layer or OCR: the expensive, parallel part), and one task per document
does layout, repair, segmentation and the atomic write. Page results are
cached under the input's sha256, the settings fingerprint and the courtdoc
code, never under its path, so a rerun after a crash or a renamed copy does
not OCR again.

Tasks run on a process pool by default (pdfplumber and PDFium are not
thread-safe) or on an existing Dask cluster; `EXTRACT_LOCK` also serialises
extraction inside one process, so a Dask worker with several threads is safe.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from prefect import get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import TaskRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.states import State
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner
from prefect.tasks import exponential_backoff

import courtdoc
from courtdoc.errors import InputError, OcrUnavailable
from courtdoc.model import PageText
from courtdoc.output import write_document
from courtdoc.pipeline import InputInfo, assemble, extract_page, inspect
from courtdoc.review import review_files
from courtdoc.settings import Settings

from .ledger import Entry, Ledger
from .report import Outcome, Progress, summarize

DASK_ADDRESS_ENV = "COURTDOC_DASK_ADDRESS"
EXTRACT_LOCK = threading.Lock()
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Job:
    """One document to process: its input, its output folder name, its content hash."""

    path: Path
    doc: str
    sha256: str
    stat: str = ""  # stat signature the sha256 was computed for (see inbox.stat_signature)


def retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry anything but a bad input or missing OCR models: those fail the same way again."""
    exc = state.data if isinstance(state.data, BaseException) else state.result(raise_on_failure=False)
    return not isinstance(exc, (InputError, OcrUnavailable))


@cache
def code_version() -> str:
    """A hash of the installed courtdoc sources: cached pages die with the code that made them."""
    h = hashlib.sha256(courtdoc.__version__.encode())
    root = Path(courtdoc.__file__).parent
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def page_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    settings: Settings = parameters["settings"]
    return f"courtdoc-page-{parameters['sha256']}-{settings.fingerprint()}-{code_version()}-{parameters['number']}"


def serialised(fn: Callable[..., T], *args: Any) -> T:
    # A module-level function, so task bodies (pickled by value) do not carry the lock itself.
    with EXTRACT_LOCK:
        return fn(*args)


_RETRY = dict(
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=5),
    retry_jitter_factor=0.5,
    retry_condition_fn=retry_transient,
)


@task(name="inspect", task_run_name="inspect {doc}", cache_policy=NONE, **_RETRY)
def inspect_input(path: Path, doc: str, settings: Settings) -> InputInfo:
    return serialised(inspect, path, settings)


@task(
    name="extract-page",
    task_run_name="{doc} p{number}",
    cache_key_fn=page_cache_key,
    cache_expiration=timedelta(days=30),
    **_RETRY,
)
def extract_page_task(path: Path, number: int, doc: str, sha256: str, settings: Settings) -> PageText:
    return serialised(extract_page, path, number, settings)


@task(name="write-document", task_run_name="write {doc}", cache_policy=NONE, **_RETRY)
def write_document_task(
    path: Path, pages: list[PageText], doc: str, sha256: str, settings: Settings, out: Path, review: bool = True
) -> Outcome:
    document = assemble(path, pages, settings, sha256)
    folder = write_document(document, out, doc, review_files(document, pages, path, settings) if review else ())
    return summarize(str(path), doc, document, folder)


def make_task_runner(dask_address: str | None = None, workers: int | None = None) -> TaskRunner[Any]:
    """A Dask cluster when an address is given (parameter or COURTDOC_DASK_ADDRESS), else local processes."""
    address = dask_address or os.environ.get(DASK_ADDRESS_ENV) or None
    if address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=address)
    return ProcessPoolTaskRunner(max_workers=workers)


def run_jobs(
    jobs: list[Job], out: Path, settings: Settings, runner: TaskRunner[Any], ledger: Ledger, review: bool = True
) -> list[Outcome]:
    """Process every job on `runner`; a failing document fails alone. Records each result in the ledger."""
    logger = get_run_logger()
    outcomes: dict[Path, Outcome] = {}

    def fail(job: Job, future: PrefectFuture[Any]) -> None:
        exc = final_state(future).result(raise_on_failure=False)
        reason = exc.reason if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
        logger.error("%s failed: %s", job.path, reason)
        outcomes[job.path] = Outcome(str(job.path), job.doc, "failed", reason=reason)
        if isinstance(exc, InputError):
            # A bad input fails the same way until its content changes: remember it.
            # Anything else (OCR models missing, a crash) is retried by the next run.
            ledger.record(_entry(job, settings, "failed", reason=reason))

    with runner:
        inspections = {
            job.path: runner.submit(inspect_input, {"path": job.path, "doc": job.doc, "settings": settings})
            for job in jobs
        }
        infos: dict[Path, InputInfo] = {}
        for job in jobs:
            future = inspections[job.path]
            future.wait()
            if not final_state(future).is_completed():
                fail(job, future)
            elif future.result().pages == 0:
                reason = "no pages"
                outcomes[job.path] = Outcome(str(job.path), job.doc, "failed", reason=reason)
                ledger.record(_entry(job, settings, "failed", reason=reason))
            else:
                infos[job.path] = future.result()

        live = [job for job in jobs if job.path in infos]
        total = sum(infos[j.path].pages for j in live)
        progress = Progress(total, f"pages of {len(live)} documents") if total else None
        page_futures: dict[Path, list[PrefectFuture[PageText]]] = {}
        owner: dict[PrefectFuture[PageText], Job] = {}
        for job in live:
            futures = [
                runner.submit(
                    extract_page_task,
                    {"path": job.path, "number": n, "doc": job.doc, "sha256": job.sha256, "settings": settings},
                )
                for n in range(1, infos[job.path].pages + 1)
            ]
            page_futures[job.path] = futures
            owner.update({f: job for f in futures})

        remaining = {job.path: len(page_futures[job.path]) for job in live}
        writes: dict[PrefectFuture[Outcome], Job] = {}
        for future in as_completed(list(owner)):
            job = owner[future]
            if progress:
                progress.advance()
            if job.path in outcomes:
                continue  # an earlier page of this document failed
            if not final_state(future).is_completed():
                fail(job, future)
                continue
            remaining[job.path] -= 1
            if remaining[job.path] == 0:
                # Layout starts as soon as a document's pages are in, while other documents still extract.
                pages = [f.result() for f in page_futures[job.path]]
                params = {
                    "path": job.path,
                    "pages": pages,
                    "doc": job.doc,
                    "sha256": job.sha256,
                    "settings": settings,
                    "out": out,
                    "review": review,
                }
                writes[runner.submit(write_document_task, params)] = job

        for future in as_completed(list(writes)):
            job = writes[future]
            if not final_state(future).is_completed():
                fail(job, future)
                continue
            outcome = future.result()
            outcomes[job.path] = outcome
            ledger.record(
                _entry(job, settings, "done", pages=len(outcome.pages), articles=len(outcome.articles))
            )
            logger.info(
                "%s -> %s: %d pages, %d articles", job.path, outcome.folder, len(outcome.pages), len(outcome.articles)
            )
        if progress:
            progress.finish()
    return [outcomes[job.path] for job in jobs]


def final_state(future: PrefectFuture[Any]) -> State[Any]:
    """The task's final state as the runner returned it (`.state` alone may ask the API too early)."""
    future.wait()
    return future.state


def _entry(job: Job, settings: Settings, status: str, **extra: Any) -> Entry:
    from datetime import datetime, timezone

    return Entry(
        sha256=job.sha256,
        settings=settings.fingerprint(),
        doc=job.doc,
        source=str(job.path),
        status=status,  # type: ignore[arg-type]
        finished=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        stat=job.stat,
        **extra,
    )
