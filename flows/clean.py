"""The manual flow: clean one document (or a folder of page images, one issue) into OUT.

A task per page extracts it (text layer or OCR), then one task lays the
document out and writes it atomically. It always processes, whatever the
ledger says, and records the result there so the ingest flow will not redo it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from courtdoc.errors import InputError
from courtdoc.inputs import discover
from courtdoc.output import remove_stale
from courtdoc.pipeline import file_sha256
from courtdoc.settings import Settings

from flows.inbox import name_jobs, stat_signature
from flows.ledger import Ledger
from flows.report import LOW_CONFIDENCE, finish, publish
from flows.tasks import Job, make_task_runner, run_jobs


def clean_run_name() -> str:
    return f"clean {Path(flow_run.parameters['path']).name}"


@flow(name="courtdoc-clean", flow_run_name=clean_run_name)
def clean(
    path: str,
    out: str,
    settings: Settings = Settings(),
    workers: int | None = None,
    dask_address: str | None = None,
    low_confidence: float = LOW_CONFIDENCE,
    review: bool = True,
) -> dict[str, Any]:
    """Clean the document at `path` into `out`/<doc-id>/.

    Args:
        path: a PDF, an image, a text file, or a folder of page images (one issue).
        out: output folder.
        settings: courtdoc settings.
        workers: local processes for page extraction (default: CPU count).
        dask_address: run page tasks on this Dask scheduler (default: $COURTDOC_DASK_ADDRESS).
        low_confidence: pages below this confidence are listed for checking.
        review: write review.html and page pictures into each document folder (the report shows the pages to check).
    """
    logger = get_run_logger()
    out_path = Path(out)
    found = discover([path])
    for error in found.errors:
        raise error
    if not found.documents:
        raise InputError(path, "nothing to clean")
    out_path.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(out_path)
    with ledger.locked(wait=True):
        remove_stale(out_path)
        names = name_jobs(found.documents, ledger.entries())
        jobs = [Job(p, names[p], file_sha256(p), stat_signature(p)[0]) for p in found.documents]
        logger.info("cleaning %s", ", ".join(f"{j.path} -> {out_path / j.doc}" for j in jobs))
        outcomes = run_jobs(jobs, out_path, settings, make_task_runner(dask_address, workers), ledger, review)
    publish(f"courtdoc clean of {path}", outcomes, low_confidence)
    return finish(outcomes)
