"""The scheduled flow: clean every new input that has arrived in an inbox folder.

Each input (PDF, image, text file, or a folder of page images that make up one
issue) is processed once per content and settings, as recorded in the ledger
under OUT; inputs are only read, outputs are written atomically. A bad input
is refused by name and recorded; the others are written. Every later run lists
it again under "Still failing" and ends Failed, until the file changes or an
operator clears it, so a bad input never goes quiet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import State

from courtdoc.ledger import Busy, Ledger
from courtdoc.output import remove_stale
from courtdoc.runner import Limits
from courtdoc.settings import Settings

from flows.batch import run_jobs
from flows.inbox import plan_ingest
from flows.report import LOW_CONFIDENCE, finish, publish


@flow(name="courtdoc-ingest", flow_run_name="ingest {inbox}")
def ingest(
    inbox: str,
    out: str,
    settings: Settings = Settings(),
    workers: int | None = None,
    dask_address: str | None = None,
    retry_failed: bool = False,
    clear_failed: bool = False,
    settle_seconds: float = 0.0,
    low_confidence: float = LOW_CONFIDENCE,
    limits: Limits = Limits(),
    review: bool = True,
) -> State[Any] | dict[str, Any]:
    """Clean the new inputs in `inbox` into `out`.

    Args:
        inbox: folder that receives PDFs, page images, text files, or folders of page images.
        out: output folder (one sub-folder per document, plus the ledger).
        settings: courtdoc settings; the ledger keys on their fingerprint.
        workers: local worker processes (default: CPU count).
        dask_address: run the work on this Dask scheduler (default: $COURTDOC_DASK_ADDRESS).
        retry_failed: read again the inputs that failed before with the same content.
        clear_failed: take the inputs failing now off the reports (recorded as cleared) until they change.
        settle_seconds: inputs modified more recently wait for a later run (listed with the time
            they become eligible); 0 for a manual run right after copying.
        low_confidence: pages below this confidence are listed for checking.
        limits: per-page and per-document time limits and the memory cap of a worker.
        review: write review.html and page pictures into each document folder (the report
            links them and shows the pages to check).
    """
    logger = get_run_logger()
    settings = settings.with_(review=review)
    inbox_path, out_path = Path(inbox), Path(out)
    check_folders(inbox_path, out_path)
    out_path.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(out_path)
    title = f"courtdoc ingest of {inbox_path}"
    try:
        with ledger.locked(wait=False):
            remove_stale(out_path)
            if clear_failed:
                for entry in ledger.clear():
                    logger.info("cleared %s (%s)", entry.source, entry.reason)
            plan = plan_ingest(
                inbox_path,
                out_path,
                ledger.entries(),
                settings,
                settle_seconds=settle_seconds,
                retry_failed=retry_failed,
            )
            for left in plan.left:
                logger.info("%s %s: %s", left.status, left.path, left.reason)
            logger.info("%d new documents in %s, %d left alone", len(plan.jobs), inbox_path, len(plan.left))
            if plan.jobs:
                rename_run(f"ingest {inbox_path.name}: " + ", ".join(j.doc for j in plan.jobs))
            try:
                done = run_jobs(
                    plan.jobs, out_path, settings, ledger, workers=workers, dask_address=dask_address, limits=limits
                )
            except Exception as exc:
                publish(title, plan.left, low_confidence, stopped=f"{type(exc).__name__}: {exc}")
                raise
    except Busy as exc:
        logger.warning("nothing done this time: %s", exc)
        return {"done": 0, "failed": 0, "skipped": 0, "waiting": 0, "busy": True}
    outcomes = done + plan.left
    publish(title, outcomes, low_confidence)
    return finish(outcomes)


def check_folders(inbox: Path, out: Path) -> None:
    if not inbox.is_dir():
        raise NotADirectoryError(f"inbox {inbox} is not a folder")
    if out.resolve().is_relative_to(inbox.resolve()):
        raise ValueError(f"out {out} is inside inbox {inbox}: its articles would be ingested as inputs")


def rename_run(name: str, limit: int = 120) -> None:
    """Let the run list in the UI say which issues a run works on."""
    from prefect.client.orchestration import get_client

    run_id = flow_run.get_id()
    if not run_id:
        return
    with get_client(sync_client=True) as client:
        client.update_flow_run(run_id, name=name if len(name) <= limit else name[: limit - 1] + "…")
