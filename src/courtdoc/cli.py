"""`courtdoc clean` and `courtdoc eval`.

Exit codes are `errors.ExitCode` (see `EXIT_CODES_HELP`). Each input that
fails gets one stderr line, `courtdoc: error: <file>: <reason>`, and the batch
goes on; only an environment problem (output not writable, OCR models
missing) stops it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import ExitCode, InputError, OcrUnavailable
from .inputs import check_input, discover
from .model import Document, PageText
from .output import doc_id, remove_stale, write_document
from .pipeline import InputInfo, assemble, extract_page, file_sha256, inspect, iter_pages
from .settings import Settings

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
class Outcome:
    path: Path
    kind: str = "-"
    pages: int = 0
    articles: int = 0
    warnings: int = 0
    folder: Path | None = None
    error: str | None = None
    internal: bool = False  # the error is a bug in courtdoc, not a fault of the input


@dataclass(slots=True)
class Batch:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.error)

    def exit_code(self) -> ExitCode:
        if any(o.internal for o in self.outcomes):
            return ExitCode.other_error
        return ExitCode.input_failed if self.failed else ExitCode.ok


class OutputFailed(Exception):
    """Writing to --out failed (disk full, permissions): every later document would fail too."""


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
        prepare_output(out_dir)
    except OSError as exc:
        _error(f"{shown(out_dir)}: cannot write output folder: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.output_error) from None

    found = discover(inputs, exclude=out_dir)
    batch = Batch()
    for error in found.missing + found.errors:
        _report_failure(batch, Outcome(error.path, error=error.reason))
    if not found.documents:
        if not found.missing and not found.errors:
            _error("no inputs to process")
        raise typer.Exit(ExitCode.input_failed if found.errors else ExitCode.no_input)

    try:
        run_batch(found.documents, out_dir, settings, workers, batch, show_progress=not quiet)
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


def prepare_output(out_dir: Path) -> None:
    """Create --out, prove it writable, and clear what killed runs left in it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    os.rmdir(tempfile.mkdtemp(prefix=".courtdoc-probe.", dir=out_dir))
    remove_stale(out_dir)


def run_batch(
    documents: list[Path], out_dir: Path, settings: Settings, workers: int, batch: Batch, show_progress: bool
) -> None:
    names = unique_ids(documents)
    infos: list[InputInfo] = []
    for path in documents:
        try:
            check_input(path)
            infos.append(inspect(path, settings))
        except Exception as exc:  # noqa: BLE001 - classified below; one bad input must not stop the batch
            _report_failure(batch, failure(path, exc))
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress or not err.is_terminal,
        transient=True,
    )
    with progress, closing(_extract_all(infos, settings, workers)) as documents:
        task = progress.add_task("pages", total=sum(i.pages for i in infos))
        for info, pages in documents:
            outcome = Outcome(info.path, kind=info.kind, pages=info.pages)
            try:
                page_list = []
                for page in pages:
                    page_list.append(page)
                    progress.advance(task)
                doc = assemble(info.path, page_list, settings, file_sha256(info.path))
            except Exception as exc:  # noqa: BLE001 - classified below
                _report_failure(batch, failure(info.path, exc))
                continue
            try:
                outcome.folder = write_document(doc, out_dir, names[info.path])
            except OSError as exc:
                raise OutputFailed(exc.strerror or str(exc)) from exc
            _fill(outcome, doc)
            batch.outcomes.append(outcome)


def failure(path: Path, exc: Exception) -> Outcome:
    """The outcome of an input whose reading raised `exc`; re-raises what must stop the run."""
    if isinstance(exc, OcrUnavailable):
        raise exc
    if isinstance(exc, InputError):
        return Outcome(exc.path, error=exc.reason)
    if isinstance(exc, BrokenProcessPool):
        return Outcome(path, error="a worker process died (crash or out of memory) while reading this input")
    if isinstance(exc, OSError):
        return Outcome(path, error=f"cannot read: {(exc.strerror or str(exc)).lower()}")
    return Outcome(path, error=f"internal error: {type(exc).__name__}: {exc}", internal=True)


def _extract_all(
    infos: list[InputInfo], settings: Settings, workers: int
) -> Iterator[tuple[InputInfo, Iterator[PageText]]]:
    """Each document with an iterator over its pages, in input order.

    With one worker pages are streamed in this process; with more, every page
    of every document is queued on a process pool (pdfplumber and PDFium are
    not thread-safe) and each document's pages are collected in order. A
    worker that dies (a crash in a native library, the OOM killer) breaks the
    pool; the documents after the one being collected go to a fresh pool.
    """
    if workers == 1:
        for info in infos:
            yield info, iter_pages(info.path, settings)
        return
    pending = list(infos)
    while pending:
        pool = _pool(workers)
        try:
            queued = [
                (info, [pool.submit(extract_page, info.path, n, settings) for n in range(1, info.pages + 1)])
                for info in pending
            ]
            pending = []
            for i, (info, page_futures) in enumerate(queued):
                yield info, _results(info, page_futures, settings)
                if any(_broke(f) for f in page_futures):
                    pending = [later for later, _ in queued[i + 1 :]]
                    break
        except BaseException:  # Ctrl-C, or the caller stopped: drop the queued pages, do not wait for them
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()


def _pool(workers: int) -> ProcessPoolExecutor:
    from .sources.ocr import share_cores

    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=share_cores, initargs=(workers,)
    )


def _results(info: InputInfo, futures: list[Future[PageText]], settings: Settings) -> Iterator[PageText]:
    for n, future in enumerate(futures, start=1):
        try:
            yield future.result()
        except BrokenProcessPool:
            # The page that killed a worker may belong to another document running beside this
            # one: read the rest of this document alone, so only an input that crashes by
            # itself is blamed (its BrokenProcessPool then reaches the caller).
            with _pool(1) as alone:
                for m in range(n, len(futures) + 1):
                    yield alone.submit(extract_page, info.path, m, settings).result()
            return


def _broke(future: Future[PageText]) -> bool:
    return future.done() and not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def unique_ids(documents: list[Path]) -> dict[Path, str]:
    """A distinct folder name for each input.

    Inputs whose doc_id collide (`a.pdf` and `a.txt`, or `x/a.pdf` and
    `y/a.pdf`) get the extension added, and where that still collides a hash
    of the whole path, so no input ever overwrites another's output.
    """
    ids = {path: doc_id(path) for path in documents}
    counts = _counts(ids.values())
    named = {
        path: (f"{name}-{path.suffix.lstrip('.').lower() or 'dir'}" if counts[name] > 1 else name)
        for path, name in ids.items()
    }
    counts = _counts(named.values())
    return {
        path: (f"{name}-{hashlib.sha256(os.fsencode(path)).hexdigest()[:8]}" if counts[name] > 1 else name)
        for path, name in named.items()
    }


def _counts(names: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _fill(outcome: Outcome, doc: Document) -> None:
    outcome.kind = doc.source.kind
    outcome.pages = len(doc.pages)
    outcome.articles = len(doc.articles)
    outcome.warnings = sum(len(p.warnings) for p in doc.pages)


def _report_failure(batch: Batch, outcome: Outcome) -> None:
    _error(f"{shown(outcome.path)}: {one_line(outcome.error or '')}")
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
    for column in ("file", "kind", "pages", "articles", "warnings", "result"):
        table.add_column(column, justify="right" if column in ("pages", "articles", "warnings") else "left")
    for o in batch.outcomes:
        # Text cells, not markup: a file named "[red]x.pdf" must print as it is.
        result = Text(f"failed: {one_line(o.error)}", style="red") if o.error else Text(shown(o.folder or o.path))
        table.add_row(Text(shown(o.path)), o.kind, str(o.pages), str(o.articles), str(o.warnings), result)
    return table


def main() -> None:
    # click's standalone mode already maps usage errors to exit code 2 (ExitCode.bad_args).
    app(prog_name="courtdoc")
