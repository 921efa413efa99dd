"""Hostile and awkward inputs through `courtdoc clean`.

One batch mixes every kind of bad input with good ones: each bad input must be
refused by name in exactly one stderr line with its reason, leave nothing in
--out, and not stop the others; the run exits with ExitCode.input_failed.
Awkward but valid inputs (other encodings, rotated pages, crop boxes, many
pages) must be processed like their plain twins.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hostile import (
    ARTICLE,
    binary_bytes,
    bomb_png,
    error_lines,
    no_pages_pdf,
    run_cli,
    text_pdf,
)

from courtdoc.errors import ExitCode

# name -> the reason its stderr line must give (a regex, case-insensitive).
BAD: dict[str, str] = {
    "empty.pdf": r"empty",
    "empty.txt": r"empty",
    "empty.png": r"empty",
    "truncated.pdf": r"damaged|truncated|corrupt",
    "garbage.pdf": r"damaged|truncated|corrupt",
    "encrypted.pdf": r"encrypted|password",
    "text-not-pdf.pdf": r"not a PDF",
    "text-not-png.png": r"not an image|not a readable image|not a PNG|cannot (be )?(decode|read)|unrecogni[sz]ed|damaged|corrupt",
    "bomb.png": r"pixels|too large|bomb",
    "binary.txt": r"binary|decod|encoding|not (a )?text",
    "no-pages.pdf": r"no pages",
    "dangling.txt": r"dangling symbolic link",
    "loop.pdf": r"symbolic link loop",
    "fifo.txt": r"not a regular file",
    "report.docx": r"unsupported file type '\.docx'",
    "no-inputs": r"folder has no inputs",
    "missing.pdf": r"no such file or directory",
}


def make_bad(folder: Path, repo_samples: Path) -> dict[str, Path]:
    folder.mkdir()
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        made[name] = folder / name
        made[name].write_bytes(data)

    for name in ("empty.pdf", "empty.txt", "empty.png"):
        put(name, b"")
    good_pdf = text_pdf(folder / "tmp.pdf", pages=3).read_bytes()
    (folder / "tmp.pdf").unlink()
    put("truncated.pdf", good_pdf[: len(good_pdf) // 3])
    put("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40)
    made["encrypted.pdf"] = text_pdf(folder / "encrypted.pdf", user_password="s3cret")
    put("text-not-pdf.pdf", "这不是PDF文件，只是一段文字。\n".encode() * 20)
    put("text-not-png.png", b"this is not an image\n" * 50)
    made["bomb.png"] = bomb_png(folder / "bomb.png")
    put("binary.txt", binary_bytes())
    made["no-pages.pdf"] = no_pages_pdf(folder / "no-pages.pdf")
    made["dangling.txt"] = folder / "dangling.txt"
    made["dangling.txt"].symlink_to(folder / "gone.txt")
    made["loop.pdf"] = folder / "loop.pdf"
    made["loop.pdf"].symlink_to(folder / "loop.pdf")
    made["fifo.txt"] = folder / "fifo.txt"
    os.mkfifo(made["fifo.txt"])
    put("report.docx", b"PK\x03\x04 not really")
    made["no-inputs"] = folder / "no-inputs"
    made["no-inputs"].mkdir()
    (made["no-inputs"] / "readme.log").write_text("nothing to see")
    made["missing.pdf"] = folder / "missing.pdf"
    return made


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, repo_dir: Path):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("hostile")
    bad = make_bad(base / "bad", repo_dir / "samples")
    good = base / "good"
    good.mkdir()
    shutil.copy(sorted((repo_dir / "samples").glob("*.txt"))[0], good / "seed.txt")
    text_pdf(good / "born-digital.pdf", pages=2)
    out = base / "out"
    # Each bad input is named on its own (the way a user passes a list), the good folder whole.
    args = [str(bad[name]) for name in BAD] + [str(good)]
    result = run_cli("clean", *args, "--out", out, "--max-pixels", "250000000", timeout=600)
    return result, bad, out


def test_batch_exit_code_says_some_inputs_failed(hostile_run) -> None:  # type: ignore[no-untyped-def]
    result, _, _ = hostile_run
    assert result.returncode == ExitCode.input_failed, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_refused_by_name_in_one_line(hostile_run, name: str) -> None:  # type: ignore[no-untyped-def]
    result, bad, _ = hostile_run
    lines = [line for line in error_lines(result.stderr) if f"{bad[name]}:" in line]
    assert len(lines) == 1, result.stderr
    reason = lines[0].split(f"{bad[name]}: ", 1)[1]
    assert re.search(BAD[name], reason, re.I), lines[0]
    assert "internal error" not in reason


def test_every_error_line_is_about_one_bad_input(hostile_run) -> None:  # type: ignore[no-untyped-def]
    result, bad, _ = hostile_run
    lines = error_lines(result.stderr)
    assert len(lines) == len(BAD)
    assert all(line.startswith("courtdoc: error: ") for line in result.stderr.splitlines()), result.stderr


def test_good_inputs_processed_and_nothing_written_for_bad_ones(hostile_run) -> None:  # type: ignore[no-untyped-def]
    result, _, out = hostile_run
    assert sorted(p.name for p in out.iterdir()) == ["born-digital", "seed"]  # no temp, no partial folder
    pdf = json.loads((out / "born-digital" / "manifest.json").read_text(encoding="utf-8"))
    assert pdf["source"]["kind"] == "pdf-text" and len(pdf["pages"]) == 2
    assert ARTICLE[2][:10] in _all_text(pdf)
    table = result.stdout
    assert "seed.txt" in table and "born-digital.pdf" in table and "failed" in table


def test_encrypted_pdf_with_the_password(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "locked.pdf", user_password="s3cret")
    wrong = run_cli("clean", pdf, "--out", tmp_path / "out", "--password", "nope", "-q")
    assert wrong.returncode == ExitCode.input_failed
    [line] = error_lines(wrong.stderr)
    assert line.startswith(f"courtdoc: error: {pdf}: ") and re.search("password", line, re.I)
    right = run_cli("clean", pdf, "--out", tmp_path / "out", "--password", "s3cret", "-q")
    assert right.returncode == ExitCode.ok, right.stderr
    assert ARTICLE[1][:12] in _all_text(_manifest(tmp_path / "out" / "locked"))


def test_pdf_with_only_an_owner_password_needs_none(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "restricted.pdf", owner_password="owner")
    result = run_cli("clean", pdf, "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok, result.stderr
    assert ARTICLE[1][:12] in _all_text(_manifest(tmp_path / "out" / "restricted"))


def test_image_cap_is_configurable(tmp_path: Path) -> None:
    from hostile import text_image

    text_image().save(tmp_path / "page.png")
    result = run_cli("clean", tmp_path / "page.png", "--out", tmp_path / "out", "--max-pixels", "1000", "-q")
    assert result.returncode == ExitCode.input_failed
    [line] = error_lines(result.stderr)
    assert f"{tmp_path / 'page.png'}:" in line and re.search(BAD["bomb.png"], line, re.I)
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_in_a_batch(tmp_path: Path, repo_dir: Path) -> None:
    locked = tmp_path / "locked.txt"
    shutil.copy(sorted((repo_dir / "samples").glob("*.txt"))[0], locked)
    locked.chmod(0)
    try:
        result = run_cli("clean", tmp_path, "--out", tmp_path / "out", "-q")
    finally:
        locked.chmod(0o644)
    assert result.returncode == ExitCode.input_failed
    assert error_lines(result.stderr) == [f"courtdoc: error: {locked}: permission denied"]


# --- awkward but valid ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("gb18030", lambda s: s.encode("gb18030")),
        ("gbk", lambda s: s.encode("gbk", "replace")),
        ("utf8-bom", lambda s: s.encode("utf-8-sig")),
        ("utf16-le", lambda s: s.encode("utf-16")),
        ("utf16-be", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
        ("crlf", lambda s: s.replace("\n", "\r\n").encode()),
    ],
)
def test_text_encodings_give_the_same_articles(tmp_path: Path, repo_dir: Path, name: str, encode) -> None:  # type: ignore[no-untyped-def]
    seed = sorted((repo_dir / "samples").glob("*.txt"))[1]
    text = seed.read_text(encoding="utf-8")
    if name == "gbk":  # GBK lacks a few characters GB18030 has: compare with the same text
        text = text.encode("gbk", "replace").decode("gbk")
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8", newline="\n")
    (tmp_path / f"{name}.txt").write_bytes(encode(text))
    result = run_cli("clean", tmp_path, "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok, result.stderr
    plain, other = _manifest(tmp_path / "out" / "plain"), _manifest(tmp_path / "out" / name)
    assert other["articles"] and other["articles"] == plain["articles"]
    assert other["furniture"] == plain["furniture"] and other["issue"] == plain["issue"]


def test_rotated_and_cropped_pages_read_like_plain_ones(tmp_path: Path) -> None:
    text_pdf(tmp_path / "plain.pdf")
    text_pdf(tmp_path / "rotated.pdf", rotate=True)
    text_pdf(tmp_path / "cropped.pdf", crop=(20, 300, 580, 830))
    result = run_cli("clean", tmp_path, "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok, result.stderr
    plain = _manifest(tmp_path / "out" / "plain")
    body = _compact("".join(ARTICLE[1:]))
    assert body in _compact(_all_text(plain))
    for name in ("rotated", "cropped"):
        other = _manifest(tmp_path / "out" / name)
        assert body in _compact(_all_text(other)), name
        assert [_fields(a) for a in other["articles"]] == [_fields(a) for a in plain["articles"]], name


@pytest.mark.slow
def test_500_page_pdf_in_bounded_memory(tmp_path: Path) -> None:
    small = text_pdf(tmp_path / "small.pdf", pages=50)
    big = text_pdf(tmp_path / "big.pdf", pages=500)
    rss_small = _peak_rss_mib(small, tmp_path / "out-small")
    rss_big = _peak_rss_mib(big, tmp_path / "out-big")
    manifest = _manifest(tmp_path / "out-big" / "big")
    assert len(manifest["pages"]) == 500
    assert f"（第500页）" in _all_text(manifest)
    # Ten times the pages may not cost ten times the memory: pages are streamed and dropped.
    assert rss_big - rss_small < 60, (rss_small, rss_big)  # measured: 85 -> 87 MiB


def _peak_rss_mib(pdf: Path, out: Path) -> float:
    code = (
        "import resource, sys\n"
        "from courtdoc.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit as e:\n"
        "    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
        "    print('PEAK', peak, file=sys.stderr)\n"
        "    raise\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "clean", str(pdf), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == ExitCode.ok, result.stderr
    peak = re.search(r"PEAK (\d+)", result.stderr)
    assert peak
    return int(peak.group(1)) / 1024


def _manifest(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _fields(article: dict) -> tuple:  # type: ignore[type-arg]
    return tuple(article[k] for k in ("kicker", "title", "subtitle", "byline", "dateline", "blocks", "attribution"))


def _all_text(manifest: dict) -> str:  # type: ignore[type-arg]
    parts: list[str] = []
    for a in manifest["articles"]:
        parts += [a[k] or "" for k in ("kicker", "title", "subtitle", "byline", "dateline")]
        parts += [b["text"] for b in a["blocks"]]
    return "\n".join(parts)


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


# --- paths ---------------------------------------------------------------------------

ODD_NAMES = [
    "法院专刊 2025年6月27日 第5版.txt",
    "审" * 83 + "ab.txt",  # 255 bytes, the longest name the file system allows
    "line\nbreak.txt",
    "-looks-like-an-option.txt",
    "[red]markup[bold].txt",
    "\u202eevil\u202c.txt",  # right-to-left override
    "emoji-⚖️.txt",
    "dots..txt",
    "CON.txt",
]


def test_odd_names_stay_inside_out(tmp_path: Path) -> None:
    page = "\n".join([ARTICLE[0], "", *ARTICLE[1:]]) + "\n"
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    names = [*ODD_NAMES, os.fsdecode(b"latin1-\xe9t\xe9.txt")]  # not UTF-8: undecodable bytes
    for name in names:
        (inputs / name).write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    # A folder, a path through "..", and an absolute path.
    args = [inputs, inputs / "sub" / ".." / "CON.txt", (inputs / names[0]).resolve()]
    result = run_cli("clean", *args, "--out", out, "-q", cwd=tmp_path)
    assert result.returncode == ExitCode.ok, result.stderr
    folders = list(out.iterdir())
    assert len(folders) == len(names)  # one each: the "..", absolute and folder paths name files already seen
    for folder in folders:
        assert folder.parent == out and folder.name.isascii() and not folder.name.startswith(".")
        assert len(folder.name) <= 80 and "/" not in folder.name and "\n" not in folder.name
        manifest = json.loads((folder / "manifest.json").read_bytes())
        assert Path(manifest["source"]["path"]).name in names
        assert manifest["articles"]
    assert {p.resolve().parent for p in out.rglob("*") if p.is_dir() and p.name != "articles"} == {out.resolve()}


@pytest.mark.slow
def test_awkward_images_are_read(tmp_path: Path) -> None:
    from hostile import text_image
    from PIL import Image

    page1 = text_image([ARTICLE[0], "第一页"])
    page2 = text_image(["执行难问题座谈会", "第二页"])
    page1.save(tmp_path / "two-pages.tif", save_all=True, append_images=[page2], compression="tiff_lzw")
    page1.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=95)
    page1.convert("CMYK").save(tmp_path / "cmyk.tif")
    grey16 = Image.fromarray((__import__("numpy").asarray(page1.convert("L"), dtype="uint16") * 257))
    assert grey16.mode in ("I;16", "I")
    grey16.save(tmp_path / "grey16.png")
    page1.convert("P").save(tmp_path / "palette.png")
    page1.convert("RGBA").save(tmp_path / "rgba.webp")
    result = run_cli("clean", *sorted(tmp_path.glob("*.*")), "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok, result.stderr
    for name in ("cmyk-jpg", "cmyk-tif", "grey16", "palette", "rgba", "two-pages"):
        manifest = _manifest(tmp_path / "out" / name)
        assert manifest["source"]["kind"] == "image"
        assert _compact("赤峰中院召开") in _compact(_all_text(manifest)), name
    tiff = _manifest(tmp_path / "out" / "two-pages")
    assert [p["number"] for p in tiff["pages"]] == [1, 2]
    assert "执行难问题" in _all_text(tiff)
