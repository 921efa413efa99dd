"""`courtdoc clean` and `courtdoc eval`.

Exit codes are `errors.ExitCode`: 0 all inputs done, 3 some inputs failed
(each named on stderr, the others processed), 2 usage error, 4 nothing to
process, 5 output folder not writable, 1 unexpected error, 130 interrupted.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import ExitCode, InputError
from .inputs import discover
from .model import Document, PageText
from .output import doc_id, remove_stale, write_document
from .pipeline import InputInfo, assemble, extract_page, file_sha256, inspect, iter_pages
from .settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn court newspaper pages (PDFs, scans, photos, extracted text) into clean articles.",
)
err = Console(stderr=True)
out = Console()


@dataclass(slots=True)
class Outcome:
    path: Path
    kind: str = "-"
    pages: int = 0
    articles: int = 0
    warnings: int = 0
    folder: Path | None = None
    error: str | None = None


@dataclass(slots=True)
class Batch:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.error)


@app.command()
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
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
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale(out_dir)
    except OSError as exc:
        err.print(f"courtdoc: error: {out_dir}: cannot write output folder: {exc.strerror or exc}", highlight=False)
        raise typer.Exit(ExitCode.output_error) from None

    found = discover(inputs)
    batch = Batch()
    for error in found.errors:
        _report_failure(batch, Outcome(error.path, error=error.reason))
    if not found.documents:
        if not found.errors:
            err.print("courtdoc: error: no inputs to process", highlight=False)
        raise typer.Exit(ExitCode.no_input if not found.documents else ExitCode.input_failed)

    try:
        run_batch(found.documents, out_dir, settings, workers, batch, show_progress=not quiet)
    except KeyboardInterrupt:
        err.print("courtdoc: interrupted; finished documents are complete, nothing half-written", highlight=False)
        raise typer.Exit(ExitCode.ctrl_c) from None
    if not quiet:
        out.print(summary_table(batch))
    raise typer.Exit(ExitCode.input_failed if batch.failed else ExitCode.ok)


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


@app.callback(invoke_without_command=True)
def _version(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"courtdoc {__version__}")
        raise typer.Exit()


def run_batch(
    documents: list[Path], out_dir: Path, settings: Settings, workers: int, batch: Batch, show_progress: bool
) -> None:
    names = unique_ids(documents)
    infos: list[InputInfo] = []
    for path in documents:
        try:
            infos.append(inspect(path, settings))
        except InputError as exc:
            _report_failure(batch, Outcome(path, error=exc.reason))
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
        task = progress.add_task("pages", total=sum(i.pages for i in infos))
        for info, pages in _extract_all(infos, settings, workers):
            outcome = Outcome(info.path, kind=info.kind, pages=info.pages)
            try:
                page_list = []
                for page in pages:
                    page_list.append(page)
                    progress.advance(task)
                doc = assemble(info.path, page_list, settings, file_sha256(info.path))
                outcome.folder = write_document(doc, out_dir, names[info.path])
                _fill(outcome, doc)
            except InputError as exc:
                outcome.error = exc.reason
            except Exception as exc:  # one broken document must not stop the batch
                outcome.error = f"internal error: {type(exc).__name__}: {exc}"
            if outcome.error:
                _report_failure(batch, outcome)
            else:
                batch.outcomes.append(outcome)


def _extract_all(
    infos: list[InputInfo], settings: Settings, workers: int
) -> Iterator[tuple[InputInfo, Iterator[PageText]]]:
    """Each document with an iterator over its pages, in input order.

    With one worker pages are streamed in this process; with more, every page
    of every document is queued on a process pool (pdfplumber and PDFium are
    not thread-safe) and each document's pages are collected in order.
    """
    if workers == 1:
        for info in infos:
            yield info, iter_pages(info.path, settings)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [
            (info, [pool.submit(extract_page, info.path, n, settings) for n in range(1, info.pages + 1)])
            for info in infos
        ]
        for info, page_futures in futures:
            yield info, _results(page_futures)


def _results(futures: list[Future[PageText]]) -> Iterator[PageText]:
    for future in futures:
        yield future.result()


def unique_ids(documents: list[Path]) -> dict[Path, str]:
    """doc_id for each input; inputs that would share a folder get the extension added."""
    ids = {path: doc_id(path) for path in documents}
    counts: dict[str, int] = {}
    for name in ids.values():
        counts[name] = counts.get(name, 0) + 1
    return {
        path: (f"{name}-{path.suffix.lstrip('.').lower() or 'dir'}" if counts[name] > 1 else name)
        for path, name in ids.items()
    }


def _fill(outcome: Outcome, doc: Document) -> None:
    outcome.kind = doc.source.kind
    outcome.pages = len(doc.pages)
    outcome.articles = len(doc.articles)
    outcome.warnings = sum(len(p.warnings) for p in doc.pages)


def _report_failure(batch: Batch, outcome: Outcome) -> None:
    err.print(f"courtdoc: error: {outcome.path}: {outcome.error}", highlight=False, markup=False, soft_wrap=True)
    batch.outcomes.append(outcome)


def summary_table(batch: Batch) -> Table:
    table = Table(title="courtdoc clean")
    for column in ("file", "kind", "pages", "articles", "warnings", "result"):
        table.add_column(column, justify="right" if column in ("pages", "articles", "warnings") else "left")
    for o in batch.outcomes:
        result = f"[red]failed: {o.error}[/red]" if o.error else str(o.folder)
        table.add_row(str(o.path), o.kind, str(o.pages), str(o.articles), str(o.warnings), result)
    return table


def main() -> None:
    # click's standalone mode already maps usage errors to exit code 2 (ExitCode.bad_args).
    app(prog_name="courtdoc")
