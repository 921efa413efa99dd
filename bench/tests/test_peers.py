"""The bench's tool runners and its quick mode, on real fake-bold PDFs and a generated page.

Correctness only: nothing here asserts a speed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run
from bench.peers import TOOLS, run_worker
from bench.styles import STYLES
from courtdoc.evaluate import doubled_runs, norm

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FAKEBOLD = SHARED / "realworld" / "pdfplumber-tests"


def test_worker_records_a_failure_and_goes_on(tmp_path):
    items = [("missing", tmp_path / "nope.pdf"), ("real", FAKEBOLD / "issue-842-example.pdf")]
    run_worker(TOOLS["pdftotext"], tmp_path / "out", items)
    records = [json.loads(x) for x in (tmp_path / "out" / "timings.jsonl").read_text().splitlines()]
    assert [r["name"] for r in records] == ["missing", "real"]
    assert "pdftotext exit" in records[0]["error"] and "error" not in records[1]
    assert "安徽安利合成革股份有限公司" in (tmp_path / "out" / "real.txt").read_text()
    usage = json.loads((tmp_path / "out" / "rusage.json").read_text())
    assert usage["binary_kb"] > 0 and usage["self_kb"] > 0


def test_courtdoc_worker_times_its_two_stages(tmp_path):
    run_worker(TOOLS["courtdoc"], tmp_path / "out", [("real", FAKEBOLD / "issue-842-example.pdf")])
    (record,) = [json.loads(x) for x in (tmp_path / "out" / "timings.jsonl").read_text().splitlines()]
    assert "error" not in record
    assert 0 < record["read_s"] and 0 < record["layout_s"] and record["read_s"] + record["layout_s"] <= record["seconds"]
    assert (tmp_path / "out" / "real" / "manifest.json").exists()


def test_peers_show_the_fake_bold_the_scorer_must_see(tmp_path):
    page = run.single_page(FAKEBOLD / "issue-842-example.pdf", 1, tmp_path)
    items = [("p", page)]
    for tool in ("pdfplumber", "pdfplumber-dedupe"):
        run_worker(TOOLS[tool], tmp_path / tool, items)
    raw = (tmp_path / "pdfplumber" / "p.txt").read_text()
    dedupe = (tmp_path / "pdfplumber-dedupe" / "p.txt").read_text()
    assert "安安安安徽徽徽徽" in raw  # drawn four times, every glyph kept
    assert "安安徽徽" in dedupe and "安安安安" not in dedupe  # the default tolerance halves it
    gold = "安徽安利合成革股份有限公司2011年年度报告"
    lines = [norm(line) for line in raw.splitlines()]
    assert doubled_runs(lines, gold) == sum(1 for line in lines if line)  # every line drawn 4x
    assert doubled_runs(["安徽安利合成革股份有限公司", "2011年年度报告"], gold) == 0
    assert doubled_runs(["把握公正根本要求", "把握公正根本要求用心用情", "用心用情"], "") == 3


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("bench")
    results = work / "RESULTS.md"
    argv = ["--quick", "--pages", "1", "--tools", "courtdoc,pdftotext,pdfplumber", "--work", str(work), "--results", str(results)]
    assert run.main(argv) == 0
    return results, json.loads((work / "results.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_quick_run_scores_courtdoc_and_peers_on_a_generated_page(quick_run):
    results, data = quick_run
    scores = data["scores"]
    ours, plumber = scores["text"]["courtdoc|text-pdf"], scores["text"]["pdfplumber|text-pdf"]
    # --pages counts per style: one page of each house style, and (quick) one of each Typst style the classic
    # generator can set too
    n = len(STYLES) + sum(s.generator == "typst" and s.classic_set for s in STYLES.values())
    assert ours["failed"] == 0 and ours["pages"] == n
    # the generated pages print fake-bold headlines: bare pdfplumber keeps them doubled, courtdoc must not
    # (on the styles layout work may look at; the sealed style's figure is only reported)
    by_source = scores["styles"]["text-pdf"]
    assert plumber["page_doubled"] > 0
    assert all(v["page_doubled"] == 0 for k, v in by_source.items() if run.source_parts(k)[0] != run.sealed_style())
    assert ours["found_cer"] < plumber["found_cer"]
    art = scores["articles"]["text-pdf"]
    assert art["gold_articles"] > 0 and art["pred_articles"] > 0
    assert scores["cost"]["courtdoc|text-pdf"]["peak_mb"] > 0
    text = results.read_text(encoding="utf-8")
    assert "python -m bench.run --quick --pages 1" in text
    assert f"| courtdoc | text PDF | {n} | 0 |" in text
    assert "| text PDF | own styles set by the classic generator |" in text
    assert "| pdfplumber | scan image | – | – | cannot read images |" in text


@pytest.mark.slow
def test_quick_run_checks_the_real_fake_bold_lines(quick_run):
    _, data = quick_run
    fakebold = data["real"]["fakebold"]
    assert fakebold["pdftotext"]["issue-842-example.pdf"] == {"ok": 6, "total": 6, "error": None}
    assert fakebold["pdfplumber"]["issue-842-example.pdf"]["ok"] == 0  # every line drawn 4x
    assert fakebold["courtdoc"]["issue-842-example.pdf"]["total"] == 6


def test_plan_gives_ocr_work_to_the_first_pages_and_peers_their_scan_images(tmp_path):
    pages = []
    for name, files in (("renmin-p001", FILES), ("renmin-p002", FILES), ("renmin.classic-p001", ("text.pdf",))):
        d = tmp_path / name
        d.mkdir()
        for f in files:
            (d / f).write_bytes(b"")
        pages.append(d)
    jobs = {(j.tool, j.form): j.pages for j in run.plan(pages, 1, ("courtdoc", "pdftotext", "tesseract"), tmp_path)}
    assert jobs[("courtdoc", "text-pdf")] == ["renmin-p001", "renmin-p002", "renmin.classic-p001"]
    assert jobs[("courtdoc", "scan-pdf")] == jobs[("courtdoc", "garbage-pdf")] == ["renmin-p001"]
    assert jobs[("pdftotext", "garbage-pdf")] == ["renmin-p001", "renmin-p002"]
    assert [k for k in jobs if k[0] == "tesseract"] == [("tesseract", "scan-image")] and jobs[("tesseract", "scan-image")] == ["renmin-p001"]
    every = {(j.tool, j.form) for j in run.plan(pages, 1, ("tesseract",), tmp_path, run.FORMS)}
    assert every == {("tesseract", f) for f in run.FORMS}
    assert run.style_group("renmin") == "own" and run.style_group("renmin.classic") == "own.classic"
    assert run.style_group("classic") == "classic" and run.style_group(f"{run.sealed_style()}.classic") == "sealed.classic"


FILES = ("text.pdf", "garbage.pdf", "scan.pdf", "scan.jpg")


def test_report_quotes_the_last_fuzzing_run(tmp_path):
    assert "No fuzzing run on record" in "\n".join(run.fuzz_section(run.REPO / "bench" / "no-such-fuzz.json"))
    counts = {"inputs": 500, "written": 212, "refused": 288, "hangs": 0, "internal_errors": 0, "crashes": 0, "partial_writes": 0, "with_problems": 0}
    report = {"seeds": ["a.pdf", "b.png"], "seconds": 600.0, "counts": counts, "env": {"date": "2026-12-01 21:00 UTC", "commit": "abc1234"},
              "dense_page": {"seconds_20k": 2.0, "seconds_200k": 8.5, "ratio": 4.25}}
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    text = "\n".join(run.fuzz_section(path))
    assert "| 500 | 212 | 288 | 0 | 0 | 0 | 0 | 0 |" in text
    assert "commit abc1234, 10.0 min; seeds: a.pdf, b.png" in text
    assert "**4.2×** for ten times the characters" in text


def test_report_carries_the_sections_measured_apart(tmp_path):
    (tmp_path / "b-ocr.md").write_text("## OCR profile\n\n| page | ratio |\n", encoding="utf-8")
    (tmp_path / "a-dense.md").write_text("## Dense pages\n\nratio 4.1\n\n", encoding="utf-8")
    assert run.measured_sections(tmp_path) == ["", "## Dense pages", "", "ratio 4.1", "", "## OCR profile", "", "| page | ratio |"]
