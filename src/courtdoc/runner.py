"""Running a batch: every document read, laid out and written, each in worker processes with limits.

The one executor the CLI and the Prefect flows share (OCRmyPDF's model). A
document is three kinds of task: *inspect* (open it, count its pages), one
*page* task per page (text layer or OCR: the expensive, parallel part) and
*assemble* (layout, repair, segmentation). Tasks run in worker processes (or
on a Dask cluster, given a client); this process only schedules them, watches
their limits and writes each document atomically as soon as it is assembled,
so a later input can never cost an earlier one its output.

A worker keeps the last document it opened, so a PDF is opened once per
worker, not once per page (opening a long PDF builds every page object).

Limits (`Limits`) are watched from here: a task that runs past the page
limit, a document past its own, or a worker whose memory passes the cap is
killed, the document refused by name with the reason, and the batch goes on
with a fresh worker. Workers ignore SIGINT: Ctrl-C stops this process, which
kills them, so an interrupted run prints no worker tracebacks.

Failures are classified once, in `classify`: a fault of the input (its one
line is all an operator needs), an environment problem that stops the run
(OCR models missing), or a bug in courtdoc, which keeps its traceback.
"""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Literal, Protocol

from .errors import InputError, OcrUnavailable
from .inputs import check_input
from .model import Document, PageText
from .output import write_document
from .pipeline import OpenInput, assemble, extra_files, file_sha256, input_kind, open_input
from .settings import Settings

# How often the scheduler looks at running tasks' clocks and memory between results.
POLL_SECONDS = 0.1
# How often a worker checks that the process that started it is still there.
ORPHAN_CHECK_SECONDS = 1.0
MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost before it is refused (None: no limit)."""

    # OCR reads an A3 broadsheet page at 300 dpi in 30-60 s on two cores, and took over 300 s on
    # two cores shared with a load of 16; 15 minutes, so only a page that will never finish (a PDF
    # whose objects refer to themselves) hits it.
    page_seconds: float | None = 900.0
    # A 24-page broadsheet issue, every page scanned, at 60 s a page is 24 minutes; the limit
    # leaves room for a loaded machine (about 7 times that).
    document_seconds: float | None = 10800.0
    # OCR peaks at 2.2 GB RSS on an A3 page at 300 dpi (bench/RESULTS.md); about twice that per worker.
    memory_mb: int | None = 4096


@dataclass(frozen=True, slots=True)
class Job:
    """One document to process: its input, its output folder name and its content hash."""

    path: Path
    doc: str
    sha256: str
    stat: str = ""  # the size/mtime signature the sha256 was computed for (the ledger's shortcut)


@dataclass(frozen=True, slots=True)
class PageRow:
    number: int
    method: str
    confidence: float
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    page: int
    title: str
    byline: str | None
    characters: int
    confidence: float
    file: str


Status = Literal["done", "failed", "skipped", "waiting"]


@dataclass(slots=True)
class Outcome:
    """What a run knows about one input: written, failed (and why), or left alone (and why)."""

    path: Path
    doc: str
    status: Status
    reason: str | None = None
    kind: str | None = None
    folder: Path | None = None  # absolute output folder
    pages: list[PageRow] = field(default_factory=list)
    articles: list[ArticleRow] = field(default_factory=list)
    internal: bool = False  # the failure is a bug in courtdoc, not a fault of the input
    traceback: str | None = None  # kept for internal failures only
    since: str | None = None  # still failing: when it first failed (ISO, UTC)
    attempts: int = 0  # still failing: how many runs tried it

    @property
    def warnings(self) -> int:
        return sum(len(p.warnings) for p in self.pages)


def summarize(job: Job, doc: Document, folder: Path) -> Outcome:
    """What operators need from a written document, small enough to keep for a whole batch."""
    return Outcome(
        path=job.path,
        doc=job.doc,
        status="done",
        kind=doc.source.kind,
        folder=folder.resolve(),
        pages=[PageRow(p.number, p.method, p.confidence, tuple(p.warnings)) for p in doc.pages],
        articles=[
            ArticleRow(
                id=a.id,
                page=a.page,
                title=a.title,
                byline=a.byline,
                characters=sum(len(b.text) for b in a.blocks),
                confidence=a.confidence,
                file=a.file,
            )
            for a in doc.articles
        ],
    )


@dataclass(frozen=True, slots=True)
class Failure:
    reason: str
    kind: Literal["input", "environment", "internal"] = "input"
    traceback: str | None = None


class OutputFailed(Exception):
    """Writing to the output folder failed (disk full, permissions): every later document would fail too."""


def classify(exc: BaseException, path: Path) -> Failure:
    """The one reading of an error raised while working on the input at `path`."""
    if isinstance(exc, OcrUnavailable):
        return Failure(str(exc), "environment")
    if isinstance(exc, InputError):
        # A page file of a folder input: say which one.
        inside = path in exc.path.parents
        return Failure(f"{exc.path.relative_to(path)}: {exc.reason}" if inside else exc.reason)
    if isinstance(exc, MemoryError):
        return Failure("ran out of memory while reading this input")
    if isinstance(exc, OSError):
        return Failure(f"cannot read: {(exc.strerror or str(exc)).lower()}")
    tb = "".join(traceback.format_exception(exc))
    return Failure(f"internal error: {type(exc).__name__}: {exc}", "internal", tb)


# --- tasks, as run in a worker --------------------------------------------------------------

Step = Literal["inspect", "page", "assemble"]


@dataclass(frozen=True, slots=True, eq=False)
class Task:
    index: int  # the job's place in the batch: earlier documents first
    step: Step
    path: Path
    sha256: str
    settings: Settings
    number: int = 0  # the page, for page tasks
    pages: tuple[PageText, ...] = ()  # for assemble

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.index, ("inspect", "page", "assemble").index(self.step), self.number)

    def where(self) -> str:
        return {"inspect": "while opening it", "page": f"at page {self.number}", "assemble": "laying out its pages"}[
            self.step
        ]


Result = tuple[bool, Any]  # (True, value) or (False, Failure)


class _Opened:
    """The last input this worker opened, kept for its next pages (one per worker: tasks come in order)."""

    def __init__(self) -> None:
        self.key: tuple[Path, str, Settings] | None = None
        self.stack = ExitStack()
        self.input: OpenInput | None = None

    def get(self, task: Task) -> OpenInput:
        key = (task.path, task.sha256, task.settings)
        if key != self.key or self.input is None:
            self.close()
            self.input = self.stack.enter_context(open_input(task.path, task.settings))
            self.key = key
        return self.input

    def close(self) -> None:
        self.key, self.input = None, None
        self.stack.close()


_THREAD = threading.local()  # a Dask worker may run tasks on several threads


def perform(task: Task) -> Result:
    """Run one task; never raises, so what reaches the scheduler is a value or a classified failure."""
    opened: _Opened = _THREAD.__dict__.setdefault("opened", _Opened())
    try:
        if task.step == "inspect":
            return True, len(opened.get(task))
        if task.step == "page":
            return True, opened.get(task).read(task.number)
        opened.close()
        pages = list(task.pages)
        document = assemble(task.path, pages, task.settings, task.sha256)
        # Review pictures and the like are made here, beside the pages, not in the scheduler.
        return True, (document, extra_files(document, pages, task.path, task.settings))
    except Exception as exc:  # noqa: BLE001 - every error is classified here, once
        opened.close()
        return False, classify(exc, task.path)


# What a worker sends once it has started and imported the pipeline: a task's time limit counts
# from then, not from the spawn (starting an interpreter and importing the pipeline takes seconds
# on a loaded machine, which a page limit of a few seconds must not charge to the page).
_READY = "ready"


def _worker_main(conn: Connection, parent: int, workers: int) -> None:
    # Ctrl-C is the scheduler's to handle: it kills the workers, which must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Workers share the cores: each OCR engine gets its share of threads, not all of them.
    from .sources.ocr import share_cores

    share_cores(workers)
    # A scheduler killed outright (kill -9, the OOM killer) cannot kill its workers; one stuck
    # on an endless page would run for ever, so each leaves on its own once its parent is gone.
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="courtdoc-orphan-watch").start()
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(perform(task))


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


# --- executors --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Running:
    task: Task
    started: float  # time.monotonic()
    rss_mb: float | None  # None where the executor cannot tell


class Executor(Protocol):
    def idle(self) -> int:
        """How many more tasks can start now."""

    def start(self, task: Task) -> None: ...

    def finished(self, timeout: float) -> list[tuple[Task, Result]]:
        """Tasks that finished (or whose worker died) within `timeout` seconds."""

    def running(self) -> list[Running]: ...

    def stop(self, task: Task) -> None:
        """Abandon a running task (its worker is killed where the executor can)."""

    def close(self) -> None: ...


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    ready: bool = False  # it has sent _READY: its task's time counts


class ProcessExecutor:
    """Worker processes of our own, so a task past its limits can be killed and replaced."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.context = multiprocessing.get_context("spawn")  # the flows call this from threaded processes
        self.pool: list[_Worker] = []

    def idle(self) -> int:
        return self.workers - sum(1 for w in self.pool if w.task is not None)

    def start(self, task: Task) -> None:
        worker = next((w for w in self.pool if w.task is None), None) or self._spawn()
        worker.conn.send(task)
        worker.task, worker.started = task, time.monotonic()

    def _spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(theirs, os.getpid(), self.workers), daemon=True, name="courtdoc-worker"
        )
        # A Ctrl-C that arrives while the child starts would print its traceback: it starts ignoring SIGINT.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            process.start()
        finally:
            signal.signal(signal.SIGINT, previous)
        theirs.close()
        worker = _Worker(process, ours)
        self.pool.append(worker)
        return worker

    def finished(self, timeout: float) -> list[tuple[Task, Result]]:
        busy = [w for w in self.pool if w.task is not None]
        if not busy:
            return []
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        done = []
        for worker in busy:
            if worker.conn not in ready and worker.process.sentinel not in ready:
                continue
            task = worker.task
            assert task is not None
            try:
                message: Result | str = worker.conn.recv()
            except (EOFError, OSError):
                message = (False, Failure(f"a worker process died ({_death(worker.process)}) {task.where()}"))
                self._discard(worker)
            else:
                if isinstance(message, str):  # _READY: the task's time starts now
                    worker.ready, worker.started = True, time.monotonic()
                    continue
                worker.task = None
            done.append((task, message))
        return done

    def running(self) -> list[Running]:
        now = time.monotonic()
        return [Running(w.task, w.started if w.ready else now, _rss_mb(w.process.pid)) for w in self.pool if w.task is not None]

    def stop(self, task: Task) -> None:
        for worker in [w for w in self.pool if w.task is task]:
            self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.pool.remove(worker)

    def close(self) -> None:
        for worker in list(self.pool):
            self._discard(worker)


def _death(process: Any) -> str:
    process.join(timeout=1)
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return f"{name}: out of memory?" if name == "SIGKILL" else name
    return f"exit code {code}"


def _rss_mb(pid: int | None) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB
    except (OSError, ValueError, IndexError):
        return None


class DaskExecutor:
    """Tasks on an existing Dask cluster. `perform` is in the installed package, so Dask workers
    need courtdoc installed, not the flows' folder. Time limits are kept (an abandoned task is
    cancelled, though a thread already running it finishes on its own); memory is the Dask
    workers' own --memory-limit."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.slots = max(1, sum(client.nthreads().values()))
        self.futures: dict[Any, tuple[Task, float]] = {}

    def idle(self) -> int:
        return self.slots - len(self.futures)

    def start(self, task: Task) -> None:
        future = self.client.submit(perform, task, pure=False)
        self.futures[future] = (task, time.monotonic())

    def finished(self, timeout: float) -> list[tuple[Task, Result]]:
        from distributed import wait as dask_wait

        if not self.futures:
            return []
        try:
            dask_wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        done = []
        for future in [f for f in self.futures if f.done()]:
            task, _ = self.futures.pop(future)
            try:
                result: Result = future.result()
            except Exception as exc:  # noqa: BLE001 - the cluster's own errors (a worker lost, KilledWorker)
                result = (False, Failure(f"the Dask cluster failed {task.where()}: {type(exc).__name__}: {exc}"))
            done.append((task, result))
        return done

    def running(self) -> list[Running]:
        return [Running(task, started, None) for task, started in self.futures.values()]

    def stop(self, task: Task) -> None:
        for future in [f for f, (t, _) in self.futures.items() if t is task]:
            future.cancel()
            del self.futures[future]

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.futures.clear()


# --- the scheduler ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    job: Job
    pages: int = 0
    read: dict[int, PageText] = field(default_factory=dict)
    started: float | None = None
    over: bool = False  # failed or written: its remaining tasks are dropped


@dataclass(slots=True)
class Hooks:
    """Progress callbacks (a progress bar, a Prefect progress artifact)."""

    inspected: Callable[[Job, int], None] = lambda job, pages: None
    page_done: Callable[[Job, int], None] = lambda job, number: None


def run(
    jobs: list[Job],
    out: Path,
    settings: Settings,
    *,
    workers: int = 1,
    limits: Limits = Limits(),
    client: Any = None,
    hooks: Hooks = Hooks(),
) -> Iterator[Outcome]:
    """Process `jobs` into `out`, yielding each document's outcome as it is written or refused.

    Raises OcrUnavailable (OCR cannot run at all) and OutputFailed (`out` is not writable):
    every later document would fail the same way.
    """
    executor: Executor = DaskExecutor(client) if client is not None else ProcessExecutor(workers)
    try:
        yield from _Scheduler(jobs, out, settings, limits, executor, hooks).run()
    finally:
        executor.close()


class _Scheduler:
    def __init__(
        self, jobs: list[Job], out: Path, settings: Settings, limits: Limits, executor: Executor, hooks: Hooks
    ) -> None:
        self.docs = [_Doc(job) for job in jobs]
        self.out = out
        self.settings = settings
        self.limits = limits
        self.executor = executor
        self.hooks = hooks
        self.queue: list[tuple[tuple[int, int, int], int, Task]] = []
        self.tie = itertools.count()
        self.open = len(jobs)

    def run(self) -> Iterator[Outcome]:
        for index, doc in enumerate(self.docs):
            self._queue(Task(index, "inspect", doc.job.path, doc.job.sha256, self.settings))
        while self.open:
            self._dispatch()
            for task, (ok, value) in self.executor.finished(POLL_SECONDS):
                yield from self._finished(task, ok, value)
            yield from self._enforce_limits()

    def _queue(self, task: Task) -> None:
        heapq.heappush(self.queue, (task.order, next(self.tie), task))

    def _dispatch(self) -> None:
        while self.queue and self.executor.idle() > 0:
            _, _, task = heapq.heappop(self.queue)
            doc = self.docs[task.index]
            if doc.over:
                continue
            if doc.started is None:
                doc.started = time.monotonic()
            self.executor.start(task)

    def _finished(self, task: Task, ok: bool, value: Any) -> Iterator[Outcome]:
        doc = self.docs[task.index]
        if doc.over:
            return
        if not ok:
            yield self._fail(doc, value)
        elif task.step == "inspect":
            if value == 0:
                yield self._fail(doc, Failure("no pages"))
                return
            doc.pages = value
            self.hooks.inspected(doc.job, value)
            for number in range(1, value + 1):
                self._queue(Task(task.index, "page", doc.job.path, doc.job.sha256, self.settings, number))
        elif task.step == "page":
            doc.read[task.number] = value
            self.hooks.page_done(doc.job, task.number)
            if len(doc.read) == doc.pages:
                pages = tuple(doc.read[n] for n in range(1, doc.pages + 1))
                doc.read = {}
                self._queue(Task(task.index, "assemble", doc.job.path, doc.job.sha256, self.settings, pages=pages))
        else:
            yield self._write(doc, value)

    def _write(self, doc: _Doc, assembled: tuple[Document, list[tuple[str, bytes]]]) -> Outcome:
        document, extra = assembled
        try:
            folder = write_document(document, self.out, doc.job.doc, extra)
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from exc
        self._close(doc)
        return summarize(doc.job, document, folder)

    def _fail(self, doc: _Doc, failure: Failure) -> Outcome:
        if failure.kind == "environment":
            raise OcrUnavailable(failure.reason)
        self._close(doc)
        for running in self.executor.running():
            if self.docs[running.task.index] is doc:
                self.executor.stop(running.task)
        return Outcome(
            doc.job.path,
            doc.job.doc,
            "failed",
            reason=failure.reason,
            kind=_kind(doc.job.path),
            internal=failure.kind == "internal",
            traceback=failure.traceback,
        )

    def _close(self, doc: _Doc) -> None:
        doc.over = True
        doc.read = {}
        self.open -= 1

    def _enforce_limits(self) -> Iterator[Outcome]:
        limits, now = self.limits, time.monotonic()
        for running in self.executor.running():
            task, doc = running.task, self.docs[running.task.index]
            if doc.over:
                continue
            reason = None
            if limits.memory_mb is not None and running.rss_mb is not None and running.rss_mb > limits.memory_mb:
                reason = f"needed more than {limits.memory_mb} MB {task.where()}"
            elif limits.page_seconds is not None and task.step != "assemble" and now - running.started > limits.page_seconds:
                reason = f"took longer than {limits.page_seconds:g} s {task.where()}"
            elif (
                limits.document_seconds is not None
                and doc.started is not None
                and now - doc.started > limits.document_seconds
            ):
                reason = f"took longer than {limits.document_seconds:g} s in all (stopped {task.where()})"
            if reason:
                yield self._fail(doc, Failure(reason))


def _kind(path: Path) -> str | None:
    try:
        return input_kind(path)
    except InputError:
        return None


# --- naming the batch -------------------------------------------------------------------------


def make_job(path: Path, name: str, stat: str = "", sha256: str | None = None) -> Job | Outcome:
    """The job for an input, or its failed outcome when it cannot even be read (a FIFO, a dangling link)."""
    try:
        check_input(path)
        return Job(path, name, sha256 or file_sha256(path), stat)
    except (InputError, OSError) as exc:
        return Outcome(path, name, "failed", reason=classify(exc, path).reason, kind=_kind(path))
