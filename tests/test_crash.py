"""Crash safety: `courtdoc clean` killed with SIGKILL at random moments, then rerun.

After every kill, each folder in --out without a leading dot must be a
complete document, byte-identical to the one an uninterrupted run writes;
anything else must be a dot-named temporary folder. A final rerun must leave
exactly the uninterrupted run's output.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import run_cli, text_pdf, tree

from courtdoc.errors import ExitCode

KILLS = 20
TEMP = re.compile(r"^\..+\.\d+(?:-\d+)?\.(tmp|old)[A-Za-z0-9_]*$")  # .<id>.<pid>[-<start time>].tmp…


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, repo_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "in"
    folder.mkdir()
    for sample in sorted((repo_dir / "samples").glob("*.txt"))[:3]:
        shutil.copy(sample, folder)
    for n in range(3):
        text_pdf(folder / f"pdf-{n}.pdf", pages=2)
    return folder


def _start(inputs: Path, out: Path, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", str(inputs), "--out", str(out),
         "-q", "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its pool workers share the group, so the kill takes them too
    )


def _check_only_complete_documents(out: Path, reference: dict[str, dict[str, bytes]], note: str) -> int:
    complete = 0
    for entry in out.iterdir() if out.exists() else ():
        if entry.name.startswith("."):
            assert TEMP.match(entry.name), f"{note}: stray {entry.name}"
            continue
        assert entry.name in reference, f"{note}: unexpected {entry.name}"
        assert tree(entry) == reference[entry.name], f"{note}: {entry.name} is not complete"
        complete += 1
    return complete


def _kill_after_writes(proc: subprocess.Popen[bytes], out: Path, writes: int, jitter: float) -> int:
    """SIGKILL `proc` once it has begun `writes` document folders (plus `jitter` seconds).

    A run's temporary folders carry its pid (and start time), so the ones it begins are told apart
    from what earlier runs left. Returns how many it had begun when killed: waiting
    for events instead of guessing times lands kills before, during and after the
    writing on any machine, however loaded.
    """
    begun: set[str] = set()
    while proc.poll() is None and len(begun) < writes:
        if out.exists():
            begun.update(n for n in os.listdir(out) if n.startswith(".") and f".{proc.pid}-" in n and ".tmp" in n)
        time.sleep(0.002)
    time.sleep(jitter)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return len(begun)


@pytest.mark.slow
def test_kill_9_at_random_moments_then_rerun(batch: Path, tmp_path: Path) -> None:
    ref_out = tmp_path / "reference"
    ref = run_cli("clean", batch, "--out", ref_out, "-q")
    assert ref.returncode == ExitCode.ok, ref.stderr
    reference = {p.name: tree(p) for p in ref_out.iterdir()}
    assert len(reference) == 6

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "out"
    stages = set()
    for kill in range(KILLS):
        note = f"seed {seed}, kill {kill + 1}"
        proc = _start(batch, out, workers=1 + kill % 2)
        stages.add(_kill_after_writes(proc, out, rng.randrange(len(reference) + 1), rng.uniform(0, 0.02)))
        _check_only_complete_documents(out, reference, note)

    final = run_cli("clean", batch, "--out", out, "-q")
    assert final.returncode == ExitCode.ok, final.stderr
    assert {p.name: tree(p) for p in out.iterdir()} == reference, f"seed {seed}"
    # The kills must have landed at different stages of the writing, not all before or after it.
    assert len(stages) > 1, (seed, stages)


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_leaves_complete_documents_and_no_temporary_folders(batch: Path, tmp_path: Path, workers: int) -> None:
    out = tmp_path / "out"
    proc = _start(batch, out, workers)
    deadline = time.monotonic() + 300
    while not (out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir())):
        assert proc.poll() is None and time.monotonic() < deadline, "no document was written"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=120)
    assert code in (ExitCode.ctrl_c, ExitCode.ok)  # ok: the batch finished before the signal arrived
    assert all(not p.name.startswith(".") for p in out.iterdir())
    reference = run_cli("clean", batch, "--out", tmp_path / "reference", "-q")
    assert reference.returncode == ExitCode.ok
    expected = {p.name: tree(p) for p in (tmp_path / "reference").iterdir()}
    assert _check_only_complete_documents(out, expected, "after ctrl-c") >= 1
