"""`courtdoc clean` as a user runs it: a fresh process, real inputs, exit codes, output files."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import error_lines, run_cli, text_pdf, tree

from courtdoc.cli import EXIT_CODES_HELP, Batch, shown
from courtdoc.output import unique_ids
from courtdoc.runner import Outcome
from courtdoc.selfcheck import FLAGGED_BELOW
from courtdoc.errors import ExitCode


@pytest.fixture(scope="module")
def samples(repo_dir: Path) -> list[Path]:
    files = sorted((repo_dir / "samples").glob("*.txt"))
    assert len(files) >= 5
    return files


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory, repo_dir: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("run") / "out"
    return run_cli("clean", "samples/*.txt", "--out", out, cwd=repo_dir), out


def test_clean_samples_writes_every_document(first_run: tuple[subprocess.CompletedProcess[str], Path], samples: list[Path]) -> None:
    result, out = first_run
    assert result.returncode == ExitCode.ok, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem for p in samples)
    for folder in out.iterdir():
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["source"]["kind"] == "text"
        assert manifest["source"]["path"] == f"samples/{folder.name}.txt"
        assert manifest["articles"], folder.name
        files = sorted(p.relative_to(folder).as_posix() for p in (folder / "articles").iterdir())
        assert files == sorted(a["file"] for a in manifest["articles"])
        for article in manifest["articles"]:
            text = (folder / article["file"]).read_text(encoding="utf-8")
            assert text.startswith(article["kicker"] or article["title"])
            assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.slow
def test_the_readme_command_reads_text_a_pdf_page_and_a_scan(tmp_path: Path, repo_dir: Path) -> None:
    """`courtdoc clean samples/ --out out/` as printed: the scan is the bench generator's scan of the PDF page."""
    result = run_cli("clean", "samples/", "--out", tmp_path / "out", cwd=repo_dir)
    assert result.returncode == ExitCode.ok, result.stderr
    manifests = {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").glob("*/manifest.json")}
    assert {m["source"]["kind"] for m in manifests.values()} == {"text", "pdf-text", "image"}
    pdf, scan = manifests["court-page"], manifests["court-page-scan"]
    assert [p["method"] for p in pdf["pages"]] == ["text-layer"] and [p["method"] for p in scan["pages"]] == ["ocr"]
    assert len(pdf["articles"]) == 6 and scan["articles"]
    # OCR reads the same page: every byline of the text layer is found on the scan.
    bylines = {a["byline"] for a in pdf["articles"] if a["byline"]}
    assert bylines and bylines <= {a["byline"] for a in scan["articles"]}


def test_summary_table_and_no_progress_bar_off_a_terminal(
    first_run: tuple[subprocess.CompletedProcess[str], Path], samples: list[Path]
) -> None:
    result, out = first_run
    header = next(line for line in result.stdout.splitlines() if "file" in line and "kind" in line)
    for column in ("file", "kind", "pages", "articles", "flagged", "warnings"):
        assert column in header
    for sample in samples:
        manifest = json.loads((out / sample.stem / "manifest.json").read_text(encoding="utf-8"))
        row = next(line for line in result.stdout.splitlines() if sample.name in line)
        cells = [c.strip() for c in row.split("│")[1:-1]]
        flagged = sum(a["confidence"] < FLAGGED_BELOW for a in manifest["articles"])
        warnings = sum(len(p["warnings"]) for p in manifest["pages"])
        assert cells[1:6] == ["text", str(len(manifest["pages"])), str(len(manifest["articles"])), str(flagged), str(warnings)]
    assert result.stderr == ""  # no progress bar, no errors


def test_rerun_is_byte_identical(first_run: tuple[subprocess.CompletedProcess[str], Path], repo_dir: Path) -> None:
    _, out = first_run
    before = tree(out)
    again = run_cli("clean", "samples/*.txt", "--out", out, "--quiet", cwd=repo_dir)
    assert again.returncode == ExitCode.ok, again.stderr
    assert again.stdout == ""
    assert tree(out) == before


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path, repo_dir: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for sample in sorted((repo_dir / "samples").glob("*.txt"))[:2]:
        shutil.copy(sample, inputs)
    text_pdf(inputs / "three-pages.pdf", pages=3)
    text_pdf(inputs / "two-pages.pdf", pages=2)
    one = run_cli("clean", inputs, "--out", tmp_path / "one", "--workers", "1", "-q")
    two = run_cli("clean", inputs, "--out", tmp_path / "two", "--workers", "2", "-q")
    assert one.returncode == two.returncode == ExitCode.ok, one.stderr + two.stderr
    assert len(list((tmp_path / "one").iterdir())) == 4
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    pdf = json.loads((tmp_path / "two" / "three-pages" / "manifest.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in pdf["pages"]] == [1, 2, 3]


def test_globs(tmp_path: Path, repo_dir: Path) -> None:
    result = run_cli("clean", "samples/00[13]_*.txt", "--out", tmp_path, "-q", cwd=repo_dir)
    assert result.returncode == ExitCode.ok, result.stderr
    assert sorted(p.name[:3] for p in tmp_path.iterdir()) == ["001", "003"]


@pytest.mark.parametrize(
    "args",
    [["samples", "--out", "OUT", "--no-such-option"], ["samples", "--out", "OUT", "--workers", "0"],
     ["samples", "--out", "OUT", "--dpi", "lots"], ["samples"], ["--out", "OUT"]],
)
def test_usage_errors_exit_2(tmp_path: Path, repo_dir: Path, args: list[str]) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = run_cli("clean", *args, cwd=repo_dir)
    assert result.returncode == ExitCode.bad_args
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_nothing_matched_exits_4(tmp_path: Path) -> None:
    result = run_cli("clean", tmp_path / "nope.pdf", tmp_path / "*.txt", "--out", tmp_path / "out")
    assert result.returncode == ExitCode.no_input
    assert error_lines(result.stderr) == [
        f"courtdoc: error: {tmp_path / 'nope.pdf'}: no such file or directory",
        f"courtdoc: error: {tmp_path / '*.txt'}: no file matches this pattern",
    ]
    assert list((tmp_path / "out").iterdir()) == []


def test_some_arguments_matching_nothing_is_a_failed_input(tmp_path: Path, repo_dir: Path) -> None:
    result = run_cli("clean", "samples/000_*.txt", "missing.txt", "--out", tmp_path, "-q", cwd=repo_dir)
    assert result.returncode == ExitCode.input_failed
    assert error_lines(result.stderr) == ["courtdoc: error: missing.txt: no such file or directory"]
    assert [p.name[:3] for p in tmp_path.iterdir()] == ["000"]


def test_unwritable_out_exits_5(tmp_path: Path, repo_dir: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for out in (blocker, blocker / "sub"):
        result = run_cli("clean", "samples", "--out", out, cwd=repo_dir)
        assert result.returncode == ExitCode.output_error
        [line] = error_lines(result.stderr)
        assert line.startswith(f"courtdoc: error: {out}: cannot write output folder")
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_exits_5(tmp_path: Path, repo_dir: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir(mode=0o555)
    result = run_cli("clean", "samples", "--out", out, cwd=repo_dir)
    assert result.returncode == ExitCode.output_error


def test_progress_bar_on_a_terminal(tmp_path: Path, repo_dir: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", "samples/00[12]_*.txt", "--out",
         str(tmp_path)],
        cwd=repo_dir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=120) == ExitCode.ok
    assert b"pages" in seen and b"/" in seen  # "pages ━━━━ 3/5 0:00:01"


def test_help_documents_exit_codes() -> None:
    result = run_cli("clean", "--help")
    assert result.returncode == 0
    flat = " ".join(result.stdout.split())
    for code in ExitCode:
        if code != ExitCode.ctrl_c:
            assert f"{code.value} " in flat
    assert "Exit codes" in flat and "--password" in flat and "--max-pixels" in flat
    assert EXIT_CODES_HELP.startswith("Exit codes: 0 every input processed")


def test_same_names_in_different_folders_get_different_folders(tmp_path: Path, samples: list[Path]) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        shutil.copy(samples[0], tmp_path / sub / "issue.txt")
    shutil.copy(samples[1], tmp_path / "x" / "issue.md")
    result = run_cli("clean", tmp_path / "x", tmp_path / "y", "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok, result.stderr
    folders = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(folders) == 3 and all(f.startswith("issue-") for f in folders)


def test_unique_ids_never_collide() -> None:
    paths = [Path("x/a.pdf"), Path("y/a.pdf"), Path("a.txt"), Path("a-pdf.txt"), Path("b.pdf")]
    ids = unique_ids(paths)
    assert len(set(ids.values())) == len(paths)
    assert ids[Path("b.pdf")] == "b" and ids[Path("a.txt")] == "a-txt"
    assert unique_ids(paths) == ids  # deterministic


def test_output_inside_the_input_folder_is_not_read_back(tmp_path: Path, samples: list[Path]) -> None:
    shutil.copy(samples[0], tmp_path / "page.txt")
    for _ in range(2):
        result = run_cli("clean", tmp_path, "--out", tmp_path / "out", "-q")
        assert result.returncode == ExitCode.ok, result.stderr
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["page"]


def test_names_shown_on_one_line() -> None:
    assert shown(Path("a\nb.txt")) == "a\\nb.txt"
    assert shown(Path(os.fsdecode(b"bad-\xff.txt"))) == "bad-\\xff.txt"
    assert shown(Path("法院 专刊.pdf")) == "法院 专刊.pdf"


def test_exit_code_of_a_batch() -> None:
    done = Outcome(Path("a"), "a", "done")
    assert Batch([done]).exit_code() == ExitCode.ok
    assert Batch([done, Outcome(Path("b"), "b", "failed", reason="x")]).exit_code() == ExitCode.input_failed
    assert Batch([Outcome(Path("b"), "b", "failed", reason="x", internal=True)]).exit_code() == ExitCode.other_error


def test_ledger_lists_and_clears_failing_inputs(tmp_path: Path) -> None:
    from courtdoc.ledger import Entry, Ledger

    ledger = Ledger(tmp_path)
    ledger.record(Entry("a" * 64, "s", "bad", "inbox/bad.pdf", "failed", "2026-01-02T03:04:05+00:00", reason="truncated PDF"))
    ledger.record(Entry("b" * 64, "s", "good", "inbox/good.pdf", "done", "2026-01-02T03:04:06+00:00"))
    listed = run_cli("ledger", tmp_path)
    assert listed.returncode == ExitCode.ok, listed.stderr
    assert "inbox/bad.pdf" in listed.stdout and "truncated PDF" in listed.stdout and "good.pdf" not in listed.stdout
    cleared = run_cli("ledger", tmp_path, "--clear", "inbox/bad.pdf", "--clear", "inbox/other.pdf")
    assert cleared.returncode == ExitCode.input_failed
    assert cleared.stdout.strip() == "cleared inbox/bad.pdf"
    assert error_lines(cleared.stderr) == [f"courtdoc: error: inbox/other.pdf: not failing in {ledger.path}"]
    assert [e.status for e in ledger.entries()] == ["failed", "done", "cleared"]
    assert "nothing failing" in run_cli("ledger", tmp_path).stdout
