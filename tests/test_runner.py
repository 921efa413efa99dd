"""The runner's isolation: a slow, a memory-hungry or a crashing input is refused by name, the batch goes on.

Every test runs `courtdoc clean` in a fresh process, on real inputs: the
samples and pages so dense (hundreds of thousands of characters) that
reading one takes far longer than the limits the tests set.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import dense_pdf, error_lines, run_cli

from courtdoc.errors import ExitCode
from courtdoc.runner import Failure, ProcessExecutor, Task, classify
from courtdoc.settings import Settings

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))[:3]


# Characters on a slow page: reading it takes 15 s or more, where the tests' limits are a few seconds.
SLOW_PAGE_CHARS = 400_000


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("slow")
    return [dense_pdf(folder / "dense-1.pdf", SLOW_PAGE_CHARS), dense_pdf(folder / "dense-2.pdf", SLOW_PAGE_CHARS)]


def _cli(*args: object) -> list[str]:
    return [sys.executable, "-c", "from courtdoc.cli import main; main()", *map(str, args)]


def test_slow_pdfs_are_refused_by_name_and_the_batch_goes_on(tmp_path: Path, slow: list[Path]) -> None:
    out = tmp_path / "out"
    result = run_cli("clean", slow[0], *SAMPLES, slow[1], "--out", out, "--workers", "2", "--page-timeout", "3")
    assert result.returncode == ExitCode.input_failed, result.stderr
    assert sorted(error_lines(result.stderr)) == sorted(
        f"courtdoc: error: {p}: took longer than 3 s at page 1" for p in slow
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(s.stem for s in SAMPLES)
    assert "Traceback" not in result.stderr


def test_a_task_is_timed_from_when_its_worker_is_ready() -> None:
    """Starting a worker (an interpreter, then the pipeline's imports) is not the task's time: until
    the worker has said it is ready, the executor reports its task as starting now."""
    executor = ProcessExecutor(1)
    task = Task(0, "inspect", SAMPLES[0], "", Settings())
    try:
        executor.start(task)
        time.sleep(0.5)  # the worker is up by now, but its word has not been read
        assert time.monotonic() - executor.running()[0].started < 0.1
        done: list = []
        deadline = time.monotonic() + 60
        while not done and time.monotonic() < deadline:
            done = executor.finished(0.1)
        assert done == [(task, (True, 1))]
    finally:
        executor.close()


def test_documents_are_written_as_each_finishes(tmp_path: Path, slow: list[Path]) -> None:
    """The good inputs after a slow one are on disk while it still runs: nothing waits for the batch."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _cli("clean", slow[0], *SAMPLES, "--out", out, "--workers", "2", "--page-timeout", "120", "-q"),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 100
        while not all((out / s.stem / "manifest.json").is_file() for s in SAMPLES):
            assert time.monotonic() < deadline, "the good documents were not written"
            time.sleep(0.1)
        assert proc.poll() is None  # the slow PDF is still being read
        worker = _worker_of(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    # Killed outright, the runner cannot stop its workers: the one stuck on the PDF leaves by itself.
    deadline = time.monotonic() + 30
    while Path(f"/proc/{worker}").exists() and b"spawn_main" in _cmdline(worker):
        assert time.monotonic() < deadline, "a worker outlived the run that started it"
        time.sleep(0.2)


def test_a_document_past_the_memory_cap_is_refused(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    big = tmp_path / "huge-scan.png"
    Image.fromarray(np.full((12_000, 12_000), 255, dtype=np.uint8)).save(big)  # 144 MB of pixels, once decoded
    out = tmp_path / "out"
    result = run_cli("clean", big, SAMPLES[0], "--out", out, "--max-memory", "120")
    assert result.returncode == ExitCode.input_failed, result.stderr
    (line,) = error_lines(result.stderr)
    assert line.startswith(f"courtdoc: error: {big}: needed more than 120 MB ")
    assert [p.name for p in out.iterdir()] == [SAMPLES[0].stem]


def test_a_killed_worker_fails_only_its_own_document(tmp_path: Path, slow: list[Path]) -> None:
    """A worker that dies (a segfault in a native library, the OOM killer) costs its document, nothing else."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _cli("clean", slow[0], *SAMPLES, "--out", out, "--workers", "1", "--page-timeout", "0", "-q"),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        worker = _worker_of(proc.pid)
        time.sleep(1.0)  # it is reading the slow PDF, the first task of the batch
        os.kill(worker, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == ExitCode.input_failed, stderr
    (line,) = error_lines(stderr)
    assert line.startswith(f"courtdoc: error: {slow[0]}: a worker process died (SIGKILL: out of memory?) ")
    assert sorted(p.name for p in out.iterdir()) == sorted(s.stem for s in SAMPLES)


def test_ctrl_c_with_workers_exits_130_without_tracebacks(tmp_path: Path, slow: list[Path]) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _cli("clean", slow[0], *SAMPLES, "--out", out, "--workers", "2", "--page-timeout", "0", "-q"),
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As from a terminal: a shell starts a background job (`pytest ... &` in a script) with
        # SIGINT ignored, the run inherits that and rightly goes on through Ctrl-C to exit 0.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        # Generous, for two cores shared with other work: a wait that runs out fails with its
        # own message, not as a wrong exit.
        deadline = time.monotonic() + 300
        while not all((out / s.stem).is_dir() for s in SAMPLES):
            assert proc.poll() is None and time.monotonic() < deadline, "the samples were not written"
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before Ctrl-C"
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == ExitCode.ctrl_c, stderr
    assert stderr.strip().splitlines() == [
        "courtdoc: error: interrupted; finished documents are complete, nothing half-written"
    ]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_failures_are_classified_once() -> None:
    from courtdoc.errors import CorruptInput, OcrUnavailable

    assert classify(CorruptInput("a.pdf", "truncated PDF"), Path("a.pdf")) == Failure("truncated PDF")
    assert classify(CorruptInput("issue/p2.png", "image does not decode"), Path("issue")).reason == (
        "p2.png: image does not decode"
    )
    assert classify(PermissionError(13, "Permission denied"), Path("a.pdf")) == Failure("cannot read: permission denied")
    assert classify(OcrUnavailable("no models"), Path("a.png")).kind == "environment"
    try:
        {}["missing"]
    except KeyError as exc:
        bug = classify(exc, Path("a.pdf"))
    assert bug.kind == "internal" and bug.reason == "internal error: KeyError: 'missing'"
    assert bug.traceback and "Traceback" in bug.traceback and "test_runner.py" in bug.traceback


def _worker_of(pid: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            children = []
        for child in children:
            if b"spawn_main" in _cmdline(child):
                return child
        time.sleep(0.05)
    raise AssertionError("no worker process started")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_workers_share_the_cores_unless_the_operator_set_the_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    from courtdoc.sources.ocr import THREADS_ENV, ocr_threads, share_cores

    cores = len(os.sched_getaffinity(0))
    monkeypatch.delenv(THREADS_ENV, raising=False)
    share_cores(2)
    assert ocr_threads() == max(1, cores // 2)
    monkeypatch.setenv(THREADS_ENV, "3")
    share_cores(2)
    assert ocr_threads() == 3
