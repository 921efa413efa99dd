"""`courtdoc clean`, `review`, `eval` and `ledger`.

Exit codes are `errors.ExitCode` (see `EXIT_CODES_HELP`). Each input that
fails gets one stderr line, `courtdoc: error: <file>: <reason>`, and the batch
goes on; only an environment problem (output not writable, OCR models
missing) stops it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import unicodedata
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import ExitCode, OcrUnavailable
from .inputs import discover
from .output import remove_stale, unique_ids
from .runner import Hooks, Job, Limits, Outcome, OutputFailed, make_job, run
from .selfcheck import is_flagged
from .settings import Settings

DEFAULT_LIMITS = Limits()

EXIT_CODES_HELP = (
    "Exit codes: "
    f"{ExitCode.ok} every input processed; "
    f"{ExitCode.input_failed} some inputs were refused or failed (one stderr line each), the others processed; "
    f"{ExitCode.bad_args} usage error; "
    f"{ExitCode.no_input} nothing to process (no argument matched an input); "
    f"{ExitCode.output_error} the --out folder cannot be created or written; "
    f"{ExitCode.other_error} an unexpected error (a bug, or the OCR models are missing); "
    f"{ExitCode.ctrl_c} interrupted. "
    "Output folders are written atomically: a document's folder is complete or absent."
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn court newspaper pages (PDFs, scans, photos, extracted text) into clean articles.",
)
err = Console(stderr=True)
out = Console()


@dataclass(slots=True)
class Batch:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "failed")

    def exit_code(self) -> ExitCode:
        if any(o.internal for o in self.outcomes):
            return ExitCode.other_error
        return ExitCode.input_failed if self.failed else ExitCode.ok


@app.command(epilog=EXIT_CODES_HELP)
def clean(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes for page extraction/OCR.")] = 1,
    t2s: Annotated[bool, typer.Option("--t2s/--no-t2s", help="Traditional -> simplified characters.")] = True,
    fullwidth: Annotated[
        bool, typer.Option("--fullwidth/--no-fullwidth", help="Half-width punctuation in Chinese text -> full-width.")
    ] = True,
    dedupe: Annotated[bool, typer.Option("--dedupe/--no-dedupe", help="Remove duplicated fake-bold text.")] = True,
    dpi: Annotated[int, typer.Option(min=72, max=1200, help="Rendering resolution for scanned PDF pages.")] = 300,
    ocr_models: Annotated[
        Optional[Path], typer.Option(help="Folder of PaddleOCR model dirs to use instead of the bundled ones.")
    ] = None,
    max_pixels: Annotated[int, typer.Option(min=1, help="Refuse images with more pixels than this.")] = 250_000_000,
    password: Annotated[Optional[str], typer.Option(help="Password for encrypted PDFs.")] = None,
    page_timeout: Annotated[
        float, typer.Option(min=0, help="Refuse a document when one page takes longer (seconds; 0: no limit).")
    ] = DEFAULT_LIMITS.page_seconds or 0,
    doc_timeout: Annotated[
        float, typer.Option(min=0, help="Refuse a document that takes longer in all (seconds; 0: no limit).")
    ] = DEFAULT_LIMITS.document_seconds or 0,
    max_memory: Annotated[
        int, typer.Option(min=0, help="Refuse a document when a worker needs more memory (MB; 0: no limit).")
    ] = DEFAULT_LIMITS.memory_mb or 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    review: Annotated[
        bool, typer.Option("--review", help="Also write review.html and page pictures (~0.5 s, 0.25 MB a page).")
    ] = False,
    debug_layout: Annotated[
        bool, typer.Option("--debug-layout", help="Also write layout-debug.json: regions and ownership decisions per page.")
    ] = False,
) -> None:
    """Clean INPUTS into OUT/<doc-id>/manifest.json and articles/*.txt."""
    settings = Settings(
        t2s=t2s,
        fullwidth_punct=fullwidth,
        dedupe=dedupe,
        dpi=dpi,
        ocr_models=ocr_models,
        max_pixels=max_pixels,
        password=password,
        review=review,
        debug_layout=debug_layout,
    )
    limits = Limits(page_seconds=page_timeout or None, document_seconds=doc_timeout or None, memory_mb=max_memory or None)
    try:
        prepare_output(out_dir)
    except OSError as exc:
        _error(f"{shown(out_dir)}: cannot write output folder: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.output_error) from None

    found = discover(inputs, exclude=out_dir)
    batch = Batch()
    for error in found.missing + found.errors:
        _report_failure(batch, Outcome(error.path, "-", "failed", reason=error.reason))
    if not found.documents:
        if not found.missing and not found.errors:
            _error("no inputs to process")
        raise typer.Exit(ExitCode.input_failed if found.errors else ExitCode.no_input)

    try:
        run_batch(found.documents, out_dir, settings, workers, batch, show_progress=not quiet, limits=limits)
    except KeyboardInterrupt:
        _error("interrupted; finished documents are complete, nothing half-written")
        raise typer.Exit(ExitCode.ctrl_c) from None
    except OutputFailed as exc:
        _error(f"{shown(out_dir)}: cannot write output: {exc}; stopping")
        raise typer.Exit(ExitCode.output_error) from None
    except OcrUnavailable as exc:
        _error(f"OCR is unavailable: {one_line(str(exc))}; stopping")
        raise typer.Exit(ExitCode.other_error) from None
    if not quiet:
        out.print(summary_table(batch))
    raise typer.Exit(batch.exit_code())


@app.command("review")
def review_cmd(
    folder: Annotated[Path, typer.Argument(help="A document folder courtdoc wrote: OUT/<doc-id>.")],
    open_page: Annotated[bool, typer.Option("--open/--no-open", help="Open it in a browser if there is a display.")] = True,
) -> None:
    """Open a document's review page: its pages with numbered article outlines beside the articles' text.

    Prints the page's path; on a machine without a display, that is all it does.
    """
    from .review import REVIEW_HTML

    page = folder / REVIEW_HTML
    if not page.is_file():
        _error(f"{shown(folder)}: no {REVIEW_HTML}; write one with `courtdoc clean SOURCE --out OUT --review`")
        raise typer.Exit(ExitCode.no_input)
    out.print(shown(page.resolve()), highlight=False, markup=False, soft_wrap=True)
    if open_page and _has_display():
        webbrowser.open(page.resolve().as_uri())


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold manifest, or a folder of them.")],
    result: Annotated[Path, typer.Argument(help="courtdoc output folder (or one manifest.json).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the full report as JSON.")] = None,
) -> None:
    """Score courtdoc output against gold manifests."""
    import json

    from .evaluate import eval_main

    report, text = eval_main(gold, result)
    out.print(text, highlight=False, markup=False)
    if json_out:
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@app.command("ledger")
def ledger_cmd(
    out_dir: Annotated[Path, typer.Argument(help="An output folder the Prefect flows write to.")],
    clear: Annotated[
        Optional[list[str]], typer.Option("--clear", help="Take this failing input (its path as listed) off the reports.")
    ] = None,
    clear_all: Annotated[bool, typer.Option("--clear-all", help="Take every failing input off the reports.")] = False,
) -> None:
    """List the inputs that are still failing in OUT's ledger, or clear them (until their content changes)."""
    from .ledger import Ledger, failing

    ledger = Ledger(out_dir)
    if clear or clear_all:
        wanted = set(clear or [])
        with ledger.locked(wait=True):
            cleared = ledger.clear(lambda entry: clear_all or entry.source in wanted)
        for entry in cleared:
            out.print(f"cleared {shown(Path(entry.source))}", highlight=False, markup=False)
        unknown = wanted - {e.source for e in cleared}
        for source in sorted(unknown):
            _error(f"{shown(Path(source))}: not failing in {shown(ledger.path)}")
        raise typer.Exit(ExitCode.input_failed if unknown else ExitCode.ok)
    records = sorted(failing(ledger.entries()).values(), key=lambda r: r.since)
    table = Table(title=f"still failing in {shown(out_dir)}")
    for column in ("input", "reason", "since", "attempts"):
        table.add_column(column)
    for r in records:
        table.add_row(Text(shown(Path(r.entry.source))), Text(r.entry.reason or ""), r.since, str(r.attempts))
    out.print(table if records else "nothing failing", highlight=False)


@app.callback(invoke_without_command=True)
def _version(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"courtdoc {__version__}")
        raise typer.Exit()


def prepare_output(out_dir: Path) -> None:
    """Create --out, prove it writable, and clear what killed runs left in it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    os.rmdir(tempfile.mkdtemp(prefix=".courtdoc-probe.", dir=out_dir))
    remove_stale(out_dir)


def run_batch(
    documents: list[Path],
    out_dir: Path,
    settings: Settings,
    workers: int,
    batch: Batch,
    show_progress: bool,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    names = unique_ids(documents, out_dir)
    jobs = []
    for path in documents:
        made = make_job(path, names[path])
        if isinstance(made, Job):
            jobs.append(made)
        else:
            _report_failure(batch, made)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress or not err.is_terminal,
        transient=True,
    )
    with progress:
        bar = progress.add_task("pages", total=0)
        hooks = Hooks(
            inspected=lambda job, pages: progress.update(bar, total=(progress.tasks[0].total or 0) + pages),
            page_done=lambda job, number: progress.advance(bar),
        )
        for outcome in run(jobs, out_dir, settings, workers=workers, limits=limits, hooks=hooks):
            if outcome.status == "failed":
                _report_failure(batch, outcome)
            else:
                batch.outcomes.append(outcome)
    # Documents finish in any order; the summary lists them as the arguments named them.
    order = {path: i for i, path in enumerate(documents)}
    batch.outcomes.sort(key=lambda o: order.get(o.path, -1))


def _report_failure(batch: Batch, outcome: Outcome) -> None:
    """One line naming the input; a bug in courtdoc also gets its traceback, for the report."""
    _error(f"{shown(outcome.path)}: {one_line(outcome.reason or '')}")
    if outcome.traceback:
        err.print(outcome.traceback.rstrip(), highlight=False, markup=False, soft_wrap=True)
    batch.outcomes.append(outcome)


def _error(message: str) -> None:
    err.print(f"courtdoc: error: {message}", highlight=False, markup=False, soft_wrap=True)


def shown(path: Path) -> str:
    """A path as one printable line: undecodable bytes as \\xNN, control characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def summary_table(batch: Batch) -> Table:
    table = Table(title="courtdoc clean")
    for column in ("file", "kind", "pages", "articles", "flagged", "warnings", "result"):
        table.add_column(column, justify="right" if column in ("pages", "articles", "flagged", "warnings") else "left")
    for o in batch.outcomes:
        # Text cells, not markup: a file named "[red]x.pdf" must print as it is.
        failed = o.status == "failed"
        result = Text(f"failed: {one_line(o.reason or '')}", style="red") if failed else Text(shown(o.folder or o.path))
        flagged = sum(is_flagged(a.confidence) for a in o.articles)
        table.add_row(
            Text(shown(o.path)),
            o.kind or "-",
            str(len(o.pages)),
            str(len(o.articles)),
            str(flagged),
            str(o.warnings),
            result,
        )
    return table


def main() -> None:
    # click's standalone mode already maps usage errors to exit code 2 (ExitCode.bad_args).
    app(prog_name="courtdoc")
