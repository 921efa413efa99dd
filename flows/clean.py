"""The manual flow: clean one document (or a folder of page images, one issue) into OUT.

It always processes, whatever the ledger says, and records the result there
so the ingest flow will not redo it (or, if it failed, keeps reporting it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import State

from courtdoc.inputs import discover
from courtdoc.ledger import Ledger
from courtdoc.output import remove_stale
from courtdoc.runner import Job, Limits, make_job
from courtdoc.settings import Settings

from flows.batch import run_jobs
from flows.inbox import name_jobs, stat_signature
from flows.report import LOW_CONFIDENCE, finish, publish


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
    limits: Limits = Limits(),
    review: bool = True,
) -> State[Any] | dict[str, Any]:
    """Clean the document at `path` into `out`/<doc-id>/.

    Args:
        path: a PDF, an image, a text file, or a folder of page images (one issue).
        out: output folder.
        settings: courtdoc settings.
        workers: local worker processes (default: CPU count).
        dask_address: run the work on this Dask scheduler (default: $COURTDOC_DASK_ADDRESS).
        low_confidence: pages below this confidence are listed for checking.
        limits: per-page and per-document time limits and the memory cap of a worker.
        review: write review.html and page pictures into each document folder (the report
            links them and shows the pages to check).
    """
    logger = get_run_logger()
    settings = settings.with_(review=review)
    out_path = Path(out)
    found = discover([path])
    for error in found.errors + found.missing:
        raise error
    out_path.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(out_path)
    with ledger.locked(wait=True):
        remove_stale(out_path)
        names = name_jobs(found.documents, ledger.entries())
        made = [make_job(p, names[p], stat_signature(p)[0]) for p in found.documents]
        jobs = [m for m in made if isinstance(m, Job)]
        refused = [m for m in made if not isinstance(m, Job)]
        logger.info("cleaning %s", ", ".join(f"{j.path} -> {out_path / j.doc}" for j in jobs))
        outcomes = run_jobs(jobs, out_path, settings, ledger, workers=workers, dask_address=dask_address, limits=limits)
    outcomes += refused
    publish(f"courtdoc clean of {path}", outcomes, low_confidence)
    return finish(outcomes)
