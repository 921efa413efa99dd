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
TEMP = re.compile(r"^\..+\.\d+\.(tmp|old)[A-Za-z0-9_]*$")


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
    for entry in out.iterdir():
        if entry.name.startswith("."):
            assert TEMP.match(entry.name), f"{note}: stray {entry.name}"
            continue
        assert entry.name in reference, f"{note}: unexpected {entry.name}"
        assert tree(entry) == reference[entry.name], f"{note}: {entry.name} is not complete"
        complete += 1
    return complete


@pytest.mark.slow
def test_kill_9_at_random_moments_then_rerun(batch: Path, tmp_path: Path) -> None:
    ref_out = tmp_path / "reference"
    started = time.monotonic()
    ref = run_cli("clean", batch, "--out", ref_out, "-q")
    duration = time.monotonic() - started
    assert ref.returncode == ExitCode.ok, ref.stderr
    reference = {p.name: tree(p) for p in ref_out.iterdir()}
    assert len(reference) == 6

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "out"
    seen_partial_states = set()
    for kill in range(KILLS):
        note = f"seed {seed}, kill {kill + 1}"
        proc = _start(batch, out, workers=1 + kill % 2)
        time.sleep(rng.uniform(0.2, 1.1) * duration)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        seen_partial_states.add(_check_only_complete_documents(out, reference, note))

    final = run_cli("clean", batch, "--out", out, "-q")
    assert final.returncode == ExitCode.ok, final.stderr
    assert {p.name: tree(p) for p in out.iterdir()} == reference, f"seed {seed}"
    # The kills must have landed at different stages, not all before or after the writing.
    assert len(seen_partial_states) > 1, (seed, seen_partial_states)
