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
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `flows` is a folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from courtdoc.errors import CorruptInput, OcrUnavailable  # noqa: E402
from courtdoc.output import write_document  # noqa: E402
from courtdoc.pipeline import process  # noqa: E402
from courtdoc.settings import Settings  # noqa: E402
from flows.inbox import plan_ingest  # noqa: E402
from flows.ledger import LEDGER_NAME, Busy, Entry, Ledger  # noqa: E402
from flows.report import ArticleRow, Outcome, PageRow, article_table, markdown_report  # noqa: E402
from flows.tasks import Job, page_cache_key, retry_transient  # noqa: E402

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
    assert [j.path.name for j in first.jobs] == sorted(p.name for p in [*SAMPLES[:3]]) and len(first.skipped) == 1
    assert "same content as" in (first.skipped[0].reason or "")

    done, failed = first.jobs[0], first.jobs[1]
    (out / done.doc).mkdir(parents=True)
    (out / done.doc / "manifest.json").write_text("{}")
    fp = settings.fingerprint()
    entries = [
        Entry(done.sha256, fp, done.doc, str(done.path), "done", "t1", stat=done.stat),
        Entry(failed.sha256, fp, failed.doc, str(failed.path), "failed", "t2", reason="bad"),
    ]
    (inbox / SAMPLES[2].name).touch()  # just modified: still being copied in, say
    again = plan_ingest(inbox, out, entries, settings, settle_seconds=60)
    reasons = {Path(o.source).name: o.reason or "" for o in again.skipped}
    assert reasons[done.path.name].startswith(f"already done as {done.doc}")
    assert reasons[failed.path.name].startswith("failed on t2 (bad)")
    assert "waits until it is 60 s old" in reasons[SAMPLES[2].name]
    assert reasons["copy-of-first.txt"] == f"same content as {done.path}"
    assert again.jobs == []

    # Other settings are other work; retry_failed brings failures back.
    assert len(plan_ingest(inbox, out, entries, settings.with_(t2s=False)).jobs) == 3
    assert [j.path for j in plan_ingest(inbox, out, entries, settings, retry_failed=True).jobs] == [
        failed.path,
        inbox / SAMPLES[2].name,
    ]
    # An output folder deleted by hand is written again.
    shutil.rmtree(out / done.doc)
    assert done.path in [j.path for j in plan_ingest(inbox, out, entries, settings).jobs]


def test_plan_gives_a_new_folder_name_when_the_ledger_has_the_name_for_another_input(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path, SAMPLES[:1])
    name = SAMPLES[0].stem
    entries = [Entry("f" * 64, Settings().fingerprint(), name, "elsewhere/" + SAMPLES[0].name, "done", "t")]
    (job,) = plan_ingest(inbox, tmp_path / "out", entries, Settings()).jobs
    assert job.doc.startswith(name + "-") and job.doc != name


def test_page_cache_key_is_content_not_path(tmp_path: Path) -> None:
    params = dict(path=Path("a.pdf"), number=3, doc="a", sha256="c" * 64, settings=Settings())
    key = page_cache_key(None, params)  # type: ignore[arg-type]
    assert key == page_cache_key(None, {**params, "path": Path("elsewhere/b.pdf"), "doc": "b"})  # type: ignore[arg-type]
    assert key != page_cache_key(None, {**params, "sha256": "d" * 64})  # type: ignore[arg-type]
    assert key != page_cache_key(None, {**params, "number": 4})  # type: ignore[arg-type]
    assert key != page_cache_key(None, {**params, "settings": Settings(dpi=200)})  # type: ignore[arg-type]


def test_retries_are_for_transient_errors_only() -> None:
    from prefect.states import Failed

    assert not retry_transient(None, None, Failed(data=CorruptInput("x.pdf", "truncated PDF")))
    assert not retry_transient(None, None, Failed(data=OcrUnavailable("no models")))
    assert retry_transient(None, None, Failed(data=OSError(5, "Input/output error")))
    assert retry_transient(None, None, Failed(data=MemoryError()))


def test_markdown_report_lists_documents_failures_and_pages_to_check(tmp_path: Path) -> None:
    good = Outcome(
        "in/a.pdf",
        "a",
        "done",
        kind="pdf-scan",
        folder=str(tmp_path / "out" / "a"),
        pages=[PageRow(1, "ocr", 0.97), PageRow(2, "ocr", 0.61, ("skew 4.2°",))],
        articles=[
            ArticleRow("p01-a01", 1, "标题一", "本报记者 张三", 812, 0.97, "articles/p01-a01.txt"),
            ArticleRow("p02-a01", 2, "标题|二", None, 95, 0.61, "articles/p02-a01.txt"),
        ],
    )
    bad = Outcome("in/b.pdf", "b", "failed", reason="truncated PDF")
    skipped = Outcome("in/c.txt", "c", "skipped", reason="already done as c on t")
    md = markdown_report("ingest", [good, bad, skipped])
    assert "**1** documents written, **2** pages, **2** articles (**1** flagged by the self-check), **1** warnings, **1** failed, **1** skipped" in md
    flagged = next(line for line in md.splitlines() if line.startswith("| a | [p02-a01]"))
    assert "标题\\|二" in flagged and "0.61" in flagged
    assert "| in/b.pdf | truncated PDF |" in md and "| in/c.txt | already done as c on t |" in md
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
        [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", str(inbox), "--out", str(cli_out), "-q"],
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
def test_a_broken_document_fails_alone_and_is_not_retried(harness: None, tmp_path: Path) -> None:
    from flows.clean import clean
    from flows.ingest import ingest

    inbox = make_inbox(tmp_path, SAMPLES[:2])
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")  # truncated
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    out = tmp_path / "out"

    state = ingest(inbox=str(inbox), out=str(out), workers=2, return_state=True)
    assert state.is_failed()
    assert "2 of 4 documents failed" in (state.message or "")
    assert sorted(p.parent.name for p in out.glob("*/manifest.json")) == sorted(s.stem for s in SAMPLES[:2])
    failed = {Path(e.source).name: e.reason for e in Ledger(out).entries() if e.status == "failed"}
    assert set(failed) == {"broken.pdf", "binary.txt"} and all(failed.values())
    report = str(artifacts_of(state)["markdown"])
    assert "## Failed" in report and "broken.pdf" in report and "binary.txt" in report

    again = ingest(inbox=str(inbox), out=str(out), workers=1, return_state=True)
    assert again.is_completed()
    assert again.result() == {"done": 0, "failed": 0, "skipped": 4, "documents": {}}

    # The manual clean deployment's flow always processes, and records what it did.
    forced = clean(path=str(inbox / SAMPLES[0].name), out=str(tmp_path / "manual"), workers=1, return_state=True)
    assert forced.is_completed()
    assert tree(tmp_path / "manual") == {k: v for k, v in tree(out).items() if k.startswith(SAMPLES[0].stem + "/")}
    assert [e.status for e in Ledger(tmp_path / "manual").entries()] == ["done"]


@pytest.mark.slow
def test_dask_cluster_gives_byte_identical_output(harness: None, tmp_path: Path) -> None:
    from distributed import LocalCluster

    from flows.ingest import ingest

    inbox = make_inbox(tmp_path, SAMPLES)
    sequential = tmp_path / "sequential"
    for path in sorted(inbox.iterdir()):
        write_document(process(path, Settings()), sequential, path.stem)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        state = ingest(inbox=str(inbox), out=str(tmp_path / "dask"), dask_address=cluster.scheduler_address, return_state=True)
    assert state.is_completed(), state.message
    assert tree(tmp_path / "dask") == tree(sequential)


@pytest.mark.slow
def test_entrypoint_runs_under_an_ephemeral_server(tmp_path: Path) -> None:
    """The deployment's entrypoint called as a function, with no server configured at all."""
    inbox = make_inbox(tmp_path, SAMPLES[:1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "COURTDOC_DASK_ADDRESS"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"  # the default 20 s is short for a busy CI box
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
    params = clean.validate_parameters({"path": "a.pdf", "out": "out", "settings": {"ocr_models": "/models"}})
    assert params["settings"] == Settings(ocr_models=Path("/models"))
