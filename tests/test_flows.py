"""The Prefect flows on real inputs: samples/, a broken PDF, a Dask cluster.

The flow tests share one `prefect_test_harness` (a temporary SQLite server),
because starting one takes tens of seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `flows` is a folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from courtdoc.ledger import LEDGER_NAME, Busy, Entry, Ledger, failing  # noqa: E402
from courtdoc.runner import ArticleRow, Limits, Outcome, PageRow  # noqa: E402
from courtdoc.settings import Settings  # noqa: E402
from flows.inbox import plan_ingest  # noqa: E402
from flows.report import article_table, markdown_report  # noqa: E402

SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.is_file() and p.suffix == ".txt")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (dot-files aside) by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_inbox(tmp_path: Path, samples: list[Path]) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for s in samples:
        shutil.copy2(s, inbox / s.name)
    return inbox


# --- Prefect-free parts -------------------------------------------------------------------


def test_ledger_survives_a_torn_line_and_keeps_the_latest_entry(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    base = dict(sha256="a" * 64, settings="s1", doc="d", source="in/d.txt", finished="t")
    ledger.record(Entry(**base, status="failed", reason="truncated PDF"))
    with open(ledger.path, "ab") as fh:
        fh.write(b'{"sha256": "torn')  # a crash in the middle of an append
    ledger.record(Entry(**base, status="done", pages=2, articles=5))
    lines = ledger.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[1] == '{"sha256": "torn'
    entries = ledger.entries()
    assert [e.status for e in entries] == ["failed", "done"]
    assert ledger.latest()[("a" * 64, "s1")].articles == 5


def test_ledger_lock_refuses_a_second_run(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    with ledger.locked(wait=False):
        # flock locks belong to the open file description: a second open in this process conflicts too
        with pytest.raises(Busy):
            with Ledger(tmp_path).locked(wait=False):
                pass
    with Ledger(tmp_path).locked(wait=False):
        pass


def test_plan_skips_done_duplicate_settling_and_failed_inputs(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path, SAMPLES[:3])
    shutil.copy2(SAMPLES[0], inbox / "copy-of-first.txt")
    out = tmp_path / "out"
    settings = Settings()
    first = plan_ingest(inbox, out, [], settings)
    assert [j.path.name for j in first.jobs] == sorted(p.name for p in [*SAMPLES[:3]]) and len(first.left) == 1
    assert "same content as" in (first.left[0].reason or "")

    done, failed = first.jobs[0], first.jobs[1]
    (out / done.doc).mkdir(parents=True)
    (out / done.doc / "manifest.json").write_text("{}")
    fp = settings.fingerprint()
    entries = [
        Entry(done.sha256, fp, done.doc, str(done.path), "done", "t1", stat=done.stat),
        Entry(failed.sha256, fp, failed.doc, str(failed.path), "failed", "t2", reason="bad"),
        Entry(failed.sha256, fp, failed.doc, str(failed.path), "failed", "t3", reason="bad"),
    ]
    (inbox / SAMPLES[2].name).touch()  # just modified: still being copied in, say
    now = time.time()
    again = plan_ingest(inbox, out, entries, settings, settle_seconds=60, now=now)
    left = {o.path.name: o for o in again.left}
    assert left[done.path.name].status == "skipped"
    assert (left[done.path.name].reason or "").startswith(f"already done as {done.doc}")
    still = left[failed.path.name]
    assert (still.status, still.reason, still.since, still.attempts) == ("failed", "bad", "t2", 2)
    waiting = left[SAMPLES[2].name]
    eligible = datetime.fromtimestamp((inbox / SAMPLES[2].name).stat().st_mtime + 60, timezone.utc)
    assert waiting.status == "waiting" and f"eligible from {eligible.isoformat(timespec='seconds')}" in (waiting.reason or "")
    assert left["copy-of-first.txt"].reason == f"same content as {done.path}"
    assert again.jobs == []
    # A manual run right after copying takes it at once.
    assert SAMPLES[2].name in [j.path.name for j in plan_ingest(inbox, out, entries, settings, settle_seconds=0).jobs]

    # Other settings are other work; retry_failed brings failures back.
    assert len(plan_ingest(inbox, out, entries, settings.with_(t2s=False)).jobs) == 3
    assert [j.path for j in plan_ingest(inbox, out, entries, settings, retry_failed=True).jobs] == [
        failed.path,
        inbox / SAMPLES[2].name,
    ]
    # Cleared by an operator: skipped, saying so, until the content changes.
    cleared = entries + [Entry(failed.sha256, fp, failed.doc, str(failed.path), "cleared", "t4", reason="bad")]
    (left_alone,) = [o for o in plan_ingest(inbox, out, cleared, settings).left if o.path == failed.path]
    assert left_alone.status == "skipped" and "cleared by an operator on t4" in (left_alone.reason or "")
    # An output folder deleted by hand is written again.
    shutil.rmtree(out / done.doc)
    assert done.path in [j.path for j in plan_ingest(inbox, out, entries, settings).jobs]


def test_plan_gives_a_new_folder_name_when_the_ledger_has_the_name_for_another_input(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path, SAMPLES[:1])
    name = SAMPLES[0].stem
    entries = [Entry("f" * 64, Settings().fingerprint(), name, "elsewhere/" + SAMPLES[0].name, "done", "t")]
    (job,) = plan_ingest(inbox, tmp_path / "out", entries, Settings()).jobs
    assert job.doc.startswith(name + "-") and job.doc != name


def test_failures_are_counted_until_a_success_or_a_clearing(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    a = dict(sha256="a" * 64, settings="s", doc="a", source="in/a.pdf")
    b = dict(sha256="b" * 64, settings="s", doc="b", source="in/b.pdf")
    ledger.record(Entry(**a, status="failed", finished="t1", reason="truncated PDF"))
    ledger.record(Entry(**b, status="failed", finished="t1", reason="not a PDF"))
    ledger.record(Entry(**a, status="failed", finished="t2", reason="truncated PDF"))
    record = failing(ledger.entries())[("a" * 64, "s")]
    assert (record.since, record.attempts, record.entry.reason) == ("t1", 2, "truncated PDF")
    assert [e.source for e in ledger.clear(lambda e: e.source == "in/b.pdf")] == ["in/b.pdf"]
    assert set(failing(ledger.entries())) == {("a" * 64, "s")}
    ledger.record(Entry(**a, status="done", finished="t3"))
    ledger.record(Entry(**a, status="failed", finished="t4", reason="truncated PDF"))
    record = failing(ledger.entries())[("a" * 64, "s")]
    assert (record.since, record.attempts) == ("t4", 1)  # a new run of failures after a success
    assert [e.status for e in ledger.entries()].count("failed") == 4  # clearing erases nothing


def test_markdown_report_lists_documents_failures_and_pages_to_check(tmp_path: Path) -> None:
    good = Outcome(
        Path("in/a.pdf"),
        "a",
        "done",
        kind="pdf-scan",
        folder=tmp_path / "out" / "a",
        pages=[PageRow(1, "ocr", 0.97), PageRow(2, "ocr", 0.61, ("skew 4.2°",))],
        articles=[
            ArticleRow("p01-a01", 1, "标题一", "本报记者 张三", 812, 0.97, "articles/p01-a01.txt"),
            ArticleRow("p02-a01", 2, "标题|二", None, 95, 0.61, "articles/p02-a01.txt"),
        ],
    )
    bad = Outcome(Path("in/b.pdf"), "b", "failed", reason="truncated PDF", since="t1", attempts=3)
    skipped = Outcome(Path("in/c.txt"), "c", "skipped", reason="already done as c on t")
    waiting = Outcome(Path("in/d.txt"), "d", "waiting", reason="modified 5 s ago; eligible from t9")
    md = markdown_report("ingest", [good, bad, skipped, waiting])
    assert (
        "**1** documents written, **2** pages, **2** articles (**1** flagged by the self-check), "
        "**1** warnings, **1** still failing, "
        "**1** waiting, **1** skipped" in md
    )
    assert "## Still failing" in md and "| in/b.pdf | truncated PDF | t1 | 3 |" in md
    assert "| in/c.txt | already done as c on t |" in md
    assert "## Waiting to settle" in md and "| in/d.txt | modified 5 s ago; eligible from t9 |" in md
    flagged = next(line for line in md.splitlines() if line.startswith("| a | [p02-a01]"))
    assert "标题\\|二" in flagged and "0.61" in flagged
    page_row = next(line for line in md.splitlines() if line.startswith("| [a](") and "| 2 |" in line)
    assert "0.61" in page_row and "skew 4.2°" in page_row
    assert f"[p02-a01]({(tmp_path / 'out' / 'a' / 'articles' / 'p02-a01.txt').as_uri()})" in page_row
    assert "p01-a01" not in page_row
    rows = article_table([good, bad])
    assert [r["title"] for r in rows] == ["标题一", "标题|二"]
    assert rows[0] == {
        "document": "a",
        "page": 1,
        "article": "p01-a01",
        "title": "标题一",
        "byline": "本报记者 张三",
        "characters": 812,
        "confidence": 0.97,
    }


# --- flows under a temporary Prefect server ------------------------------------------------


@pytest.fixture(scope="session")
def harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    os.environ.pop("COURTDOC_DASK_ADDRESS", None)
    with prefect_test_harness(server_startup_timeout=180):
        yield


def artifacts_of(state: object) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    run_id = state.state_details.flow_run_id  # type: ignore[attr-defined]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    return {a.type: a.data for a in found}


@pytest.mark.slow
def test_ingest_writes_what_the_cli_writes_and_redoes_nothing(harness: None, tmp_path: Path) -> None:
    from flows.ingest import ingest

    inbox = make_inbox(tmp_path, SAMPLES)
    before = snapshot(inbox)
    cli_out, flow_out = tmp_path / "cli", tmp_path / "flow"
    cli = subprocess.run(
        [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", str(inbox), "--out", str(cli_out), "-q", "--review"],
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 0, cli.stderr

    state = ingest(inbox=str(inbox), out=str(flow_out), workers=2, return_state=True)
    assert state.is_completed(), state.message
    summary = state.result()
    assert summary["done"] == len(SAMPLES) and summary["failed"] == 0
    assert tree(flow_out) == tree(cli_out)
    assert len(tree(flow_out)) > 2 * len(SAMPLES)  # manifests and article files
    assert snapshot(inbox) == before  # inputs are never modified, moved or deleted

    arts = artifacts_of(state)
    report = str(arts["markdown"])
    assert f"**{len(SAMPLES)}** documents written" in report
    manifests = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(flow_out.glob("*/manifest.json"))]
    table = arts["table"]
    rows = json.loads(table) if isinstance(table, str) else table
    assert len(rows) == sum(len(m["articles"]) for m in manifests)
    assert float(arts["progress"]) == 100.0  # type: ignore[arg-type]

    ledger_before = (flow_out / LEDGER_NAME).read_bytes()
    outputs_before = snapshot(flow_out)
    again = ingest(inbox=str(inbox), out=str(flow_out), workers=2, return_state=True)
    assert again.is_completed()
    assert again.result()["done"] == 0 and again.result()["skipped"] == len(SAMPLES)
    assert (flow_out / LEDGER_NAME).read_bytes() == ledger_before
    assert snapshot(flow_out) == outputs_before
    assert "already done as" in str(artifacts_of(again)["markdown"])


@pytest.mark.slow
def test_a_broken_document_fails_alone_and_stays_failing_until_cleared(
    harness: None, tmp_path: Path
) -> None:
    import logging

    from flows.clean import clean
    from flows.ingest import ingest
    from flows.report import StillFailing

    inbox = make_inbox(tmp_path, SAMPLES[:2])
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")  # truncated
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    out = tmp_path / "out"

    records: list[logging.LogRecord] = []
    catch = logging.Handler()
    catch.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("prefect.flow_runs").addHandler(catch)
    try:
        state = ingest(inbox=str(inbox), out=str(out), workers=2, return_state=True)
    finally:
        logging.getLogger("prefect.flow_runs").removeHandler(catch)
    assert state.is_failed()
    assert (state.message or "").startswith("2 inputs still failing")
    assert sorted(p.parent.name for p in out.glob("*/manifest.json")) == sorted(s.stem for s in SAMPLES[:2])
    failed = {Path(e.source).name: e.reason for e in Ledger(out).entries() if e.status == "failed"}
    assert set(failed) == {"broken.pdf", "binary.txt"} and all(failed.values())
    report = str(artifacts_of(state)["markdown"])
    assert "## Still failing" in report and "broken.pdf" in report and "binary.txt" in report
    # An expected failure is one line: no traceback in the run's log.
    errors = [r for r in records if r.levelno >= logging.ERROR]
    assert len(errors) == 2 and not any(r.exc_info for r in records)
    assert any("broken.pdf failed: damaged PDF" in r.getMessage() for r in errors)

    # The next run (and a retry of it) does not redo them, but says again that they fail, and fails.
    again = ingest(inbox=str(inbox), out=str(out), workers=1, return_state=True)
    assert again.is_failed()
    with pytest.raises(StillFailing) as raised:
        again.result()
    assert raised.value.summary == {"done": 0, "failed": 2, "skipped": 2, "waiting": 0, "documents": {}}
    report = str(artifacts_of(again)["markdown"])
    row = next(line for line in report.splitlines() if "broken.pdf" in line)
    assert "damaged PDF" in row and row.endswith("| 1 |")  # since the first run, one attempt

    # Retried explicitly, a failure counts one more attempt; cleared, it leaves the report and the run is green.
    retried = ingest(inbox=str(inbox), out=str(out), workers=1, retry_failed=True, return_state=True)
    assert retried.is_failed() and "| 2 |" in str(artifacts_of(retried)["markdown"])
    cleared = ingest(inbox=str(inbox), out=str(out), workers=1, clear_failed=True, return_state=True)
    assert cleared.is_completed(), cleared.message
    assert "cleared by an operator" in str(artifacts_of(cleared)["markdown"])

    # The manual clean deployment's flow always processes, and records what it did.
    forced = clean(path=str(inbox / SAMPLES[0].name), out=str(tmp_path / "manual"), workers=1, return_state=True)
    assert forced.is_completed()
    assert tree(tmp_path / "manual") == {k: v for k, v in tree(out).items() if k.startswith(SAMPLES[0].stem + "/")}
    assert [e.status for e in Ledger(tmp_path / "manual").entries()] == ["done"]


@pytest.fixture()
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """`dask scheduler` and two `dask worker --nthreads 1` processes from the venv, as deploy/README starts them.

    They run outside the repository with only courtdoc's package on their path: the flows'
    folder is not needed on a Dask worker."""
    import courtdoc

    dask = Path(sys.executable).with_name("dask")
    env = {**os.environ, "PYTHONPATH": str(Path(courtdoc.__file__).parents[1])}
    where = tmp_path / "cluster"
    where.mkdir()
    info = where / "scheduler.json"
    common = {"cwd": where, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen([str(dask), "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)], **common)  # type: ignore[call-overload]
    ]
    try:
        deadline = time.monotonic() + 120
        while not info.is_file():
            assert time.monotonic() < deadline and procs[0].poll() is None, "the Dask scheduler did not start"
            time.sleep(0.2)
        worker = [str(dask), "worker", "--nthreads", "1", "--no-dashboard", "--scheduler-file", str(info)]
        procs += [subprocess.Popen(worker, **common) for _ in range(2)]  # type: ignore[call-overload]
        from distributed import Client

        address = json.loads(info.read_text())["address"]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)


@pytest.mark.slow
def test_ingest_on_dask_scheduler_and_worker_processes_writes_what_a_local_run_writes(
    harness: None, tmp_path: Path, dask_cluster: str
) -> None:
    from flows.ingest import ingest

    inbox = make_inbox(tmp_path, SAMPLES)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    local = ingest(inbox=str(inbox), out=str(tmp_path / "local"), workers=1, return_state=True)
    on_dask = ingest(inbox=str(inbox), out=str(tmp_path / "dask"), dask_address=dask_cluster, return_state=True)
    assert local.is_failed() and on_dask.is_failed()  # broken.pdf, on both
    assert on_dask.message == local.message.replace(str(tmp_path / "local"), str(tmp_path / "dask"))  # type: ignore[union-attr]
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
    assert len(tree(tmp_path / "dask")) > 2 * len(SAMPLES)
    assert "broken.pdf" in str(artifacts_of(on_dask)["markdown"])


@pytest.mark.slow
def test_an_unreachable_dask_scheduler_fails_the_run_with_a_report(
    harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.batch
    from flows.ingest import ingest

    monkeypatch.setattr(flows.batch, "DASK_CONNECT_SECONDS", 2)
    inbox = make_inbox(tmp_path, SAMPLES[:1])
    state = ingest(inbox=str(inbox), out=str(tmp_path / "out"), dask_address="tcp://127.0.0.1:9", return_state=True)
    assert state.is_failed() and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in (state.message or "")
    assert "The run stopped: DaskUnreachable: cannot reach the Dask scheduler" in str(artifacts_of(state)["markdown"])


@pytest.mark.slow
def test_entrypoint_runs_under_an_ephemeral_server(tmp_path: Path) -> None:
    """The deployment's entrypoint called as a function, with no server configured at all."""
    inbox = make_inbox(tmp_path, SAMPLES[:1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "COURTDOC_DASK_ADDRESS"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    # No start-up timeout here: the checkout's prefect.toml gives the temporary server 180 s (Prefect's 20 s is
    # short for a busy 2-core machine).
    code = f"from flows.ingest import ingest; print(ingest(inbox={str(inbox)!r}, out={str(tmp_path / 'out')!r}, workers=1))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'done': 1" in done.stdout
    assert (tmp_path / "out" / SAMPLES[0].stem / "manifest.json").is_file()


def test_flow_parameters_take_settings_as_json() -> None:
    """Deployments pass parameters as JSON: a partial settings object becomes Settings."""
    from flows.clean import clean
    from flows.ingest import ingest

    params = ingest.validate_parameters({"inbox": "in", "out": "out", "settings": {"dpi": 400, "t2s": False}})
    assert params["settings"] == Settings(dpi=400, t2s=False)
    params = ingest.validate_parameters({"inbox": "in", "out": "out", "limits": {"page_seconds": 1800, "memory_mb": None}})
    assert params["limits"] == Limits(page_seconds=1800, memory_mb=None)
    params = clean.validate_parameters({"path": "a.pdf", "out": "out", "settings": {"ocr_models": "/models"}})
    assert params["settings"] == Settings(ocr_models=Path("/models"))
