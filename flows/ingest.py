"""The scheduled flow: clean every new input that has arrived in an inbox folder.

Each input (PDF, image, text file, or a folder of page images that make up one
issue) is processed once per content and settings, as recorded in the ledger
under OUT; inputs are only read, outputs are written atomically. A bad input
fails its own tasks, is listed in the run's report and recorded, and the others
complete; the run then ends Failed so the operator sees it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from courtdoc.output import remove_stale
from courtdoc.settings import Settings

from flows.inbox import plan_ingest
from flows.ledger import Busy, Ledger
from flows.report import LOW_CONFIDENCE, finish, publish
from flows.tasks import make_task_runner, run_jobs


@flow(name="courtdoc-ingest", flow_run_name="ingest {inbox}")
def ingest(
    inbox: str,
    out: str,
    settings: Settings = Settings(),
    workers: int | None = None,
    dask_address: str | None = None,
    retry_failed: bool = False,
    settle_seconds: float = 0.0,
    low_confidence: float = LOW_CONFIDENCE,
    review: bool = True,
) -> dict[str, Any]:
    """Clean the new inputs in `inbox` into `out`.

    Args:
        inbox: folder that receives PDFs, page images, text files, or folders of page images.
        out: output folder (one sub-folder per document, plus the ledger).
        settings: courtdoc settings; the ledger keys on their fingerprint.
        workers: local processes for page extraction (default: CPU count).
        dask_address: run page tasks on this Dask scheduler (default: $COURTDOC_DASK_ADDRESS).
        retry_failed: process again inputs that failed before with the same content.
        settle_seconds: leave inputs modified more recently than this for the next run.
        low_confidence: pages below this confidence are listed for checking.
        review: write review.html and page pictures into each document folder (the report shows the pages to check).
    """
    logger = get_run_logger()
    inbox_path, out_path = Path(inbox), Path(out)
    check_folders(inbox_path, out_path)
    out_path.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(out_path)
    try:
        with ledger.locked(wait=False):
            remove_stale(out_path)
            plan = plan_ingest(
                inbox_path,
                out_path,
                ledger.entries(),
                settings,
                settle_seconds=settle_seconds,
                retry_failed=retry_failed,
            )
            for skipped in plan.skipped:
                logger.info("skipped %s: %s", skipped.source, skipped.reason)
            logger.info("%d new documents in %s, %d skipped", len(plan.jobs), inbox_path, len(plan.skipped))
            if plan.jobs:
                rename_run(f"ingest {inbox_path.name}: " + ", ".join(j.doc for j in plan.jobs))
            runner = make_task_runner(dask_address, workers)
            done = run_jobs(plan.jobs, out_path, settings, runner, ledger, review) if plan.jobs else []
    except Busy as exc:
        logger.warning("nothing done this time: %s", exc)
        return {"done": 0, "failed": 0, "skipped": 0, "busy": True}
    outcomes = done + plan.skipped
    publish(f"courtdoc ingest of {inbox_path}", outcomes, low_confidence)
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
