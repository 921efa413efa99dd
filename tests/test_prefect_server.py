"""A real Prefect server, a process worker and the deployments from prefect.yaml.

Starts `prefect server start` on 127.0.0.1 (SQLite in a temporary PREFECT_HOME,
a free port) with deploy/server.sh, creates the work pool and deploys with
deploy/deploy.sh (`prefect deploy --all`), starts a process worker with
deploy/worker.sh, runs the scheduled deployment with
`prefect deployment run`, waits for it and reads its artifacts back through
the API. Every process it starts is stopped at the end, whatever happens.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PREFECT = [sys.executable, "-m", "prefect"]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process started in its own session, and everything it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # children that outlived their parent
    except ProcessLookupError:
        pass


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"prefect server not healthy after {timeout} s:\n{log.read_text()[-3000:]}")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[dict[str, str]]:
    port = _free_port()
    home = tmp_path / "prefect-home"
    home.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "COURTDOC_SERVER_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        # The test triggers the run itself; the 30-minute cron must not add another.
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
    }
    env.pop("COURTDOC_DASK_ADDRESS", None)
    log = tmp_path / "server.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [str(REPO / "deploy" / "server.sh")],
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_healthy(env["PREFECT_API_URL"], proc, log)
        yield env
    finally:
        _stop(proc)


def _run(args: list[str], env: dict[str, str], timeout: float = 300, ok: bool = True) -> str:
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0 or not ok, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


def test_scheduled_deployment_runs_on_a_worker(server: dict[str, str], tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for sample in sorted((REPO / "samples").glob("*.txt")):  # text only: no OCR here
        shutil.copy2(sample, inbox)  # copy2 keeps mtimes: older than settle_seconds
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")  # truncated
    old = time.time() - 3600
    os.utime(inbox / "broken.pdf", (old, old))
    env = {**server, "COURTDOC_HOME": str(REPO), "COURTDOC_INBOX": str(inbox), "COURTDOC_OUT": str(out)}

    deployed = _run([str(REPO / "deploy" / "deploy.sh")], env)
    assert "courtdoc-ingest/inbox" in deployed and "courtdoc-clean/manual" in deployed

    worker_log = tmp_path / "worker.log"
    with open(worker_log, "wb") as fh:
        worker = subprocess.Popen(
            [str(REPO / "deploy" / "worker.sh"), "--limit", "1"],
            env=env,
            cwd=tmp_path,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # Two runs: the second has nothing new, and still says broken.pdf fails, and fails.
        for _ in range(2):
            ran = _run(
                [*PREFECT, "deployment", "run", "courtdoc-ingest/inbox", "--watch", "--watch-timeout", "480"],
                env,
                timeout=600,
                ok=False,
            )
            assert "finished in state 'Failed'" in ran, ran + worker_log.read_text()[-3000:]
    finally:
        _stop(worker)
    # A bad input is one log line. Prefect's engine logs the traceback of every Failed run once
    # ("Engine execution exited with unexpected exception": StillFailing, from Prefect's frames only).
    log = worker_log.read_text()
    assert log.count("Traceback") == log.count("Engine execution exited with unexpected exception") == 2
    # No frame of courtdoc's own code (the venv may live inside the checkout: its frames are Prefect's).
    assert not [d for d in ("src", "flows") if f'File "{REPO / d}' in log], log[-3000:]
    assert "StillFailing: 1 inputs still failing" in log

    inputs = sorted(p.name for p in inbox.iterdir() if p.suffix == ".txt")
    written = sorted(p.parent.name for p in out.glob("*/manifest.json"))
    assert written == sorted(Path(n).stem for n in inputs)

    code = f"""
import json
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, DeploymentFilter, DeploymentFilterName
from prefect.client.schemas.sorting import FlowRunSort
with get_client(sync_client=True) as c:
    dep = c.read_deployment_by_name("courtdoc-ingest/inbox")
    sched = [s.schedule for s in dep.schedules]
    runs = c.read_flow_runs(deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["inbox"])))
    arts = c.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[r.id for r in runs])))
    print(json.dumps({{
        "cron": [getattr(s, "cron", None) for s in sched],
        "timezone": [getattr(s, "timezone", None) for s in sched],
        "runs": [[r.name, r.state_type.value, r.state.message] for r in runs],
        "artifacts": [[a.key, a.type, a.data] for a in arts],
    }}, default=str))
"""
    api = json.loads(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert api["cron"] == ["*/30 * * * *"] and api["timezone"] == ["Asia/Shanghai"]
    assert sorted(state for _, state, _ in api["runs"]) == ["FAILED", "FAILED"]
    assert all(message.startswith("1 inputs still failing: ") and "broken.pdf" in message for _, _, message in api["runs"])
    assert any(Path(inputs[0]).stem in name for name, _, _ in api["runs"])  # the first run is named after its issues
    reports = [d for _, t, d in api["artifacts"] if t == "markdown"]
    second = next(r for r in reports if "**0** documents written" in r)
    assert "## Still failing" in second and "broken.pdf" in second
    by_type = {t: (k, d) for k, t, d in api["artifacts"] if t != "markdown" or "**0** documents" not in d}
    key, report = by_type["markdown"]
    assert key == "courtdoc-report"
    assert f"**{len(inputs)}** documents written" in report and "broken.pdf" in report
    for name in inputs:
        assert f"| {Path(name).stem} |" in report
        assert (out / Path(name).stem / "manifest.json").as_uri() in report
    key, table = by_type["table"]
    rows = json.loads(table) if isinstance(table, str) else table
    manifests = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*/manifest.json"))]
    assert len(rows) == sum(len(m["articles"]) for m in manifests)
    titles = {a["title"] for m in manifests for a in m["articles"]}
    assert {r["title"] for r in rows} == titles
    assert by_type["progress"][1] == 100.0 or float(by_type["progress"][1]) == 100.0
