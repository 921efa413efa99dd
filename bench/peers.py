"""The tools a user would otherwise pick, and courtdoc, run the same way for the bench.

Each tool turns one input file into text. ``run_worker`` runs one tool over a
list of files in a process of its own (``python -m bench.peers TOOL OUTDIR
NAME=PATH ...``), writing ``OUTDIR/NAME.txt`` per file, one JSON line per file
to ``OUTDIR/timings.jsonl`` (seconds, or the error) and ``OUTDIR/rusage.json``
(peak RSS of the worker and of the binaries it ran), so the runner can read
speed and memory of each tool from one process per tool and input form.

Peers do not segment articles; what they give is page text in their own
reading order. courtdoc writes its document folder under ``OUTDIR/NAME/`` and
its page text is its articles and notes in manifest order.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.styles import house_style

OCR_DPI = 300
_BINARY_PEAK_KB = 0
_STAGES: dict[str, dict[str, float]] = {}  # courtdoc's stage timings per file, added to its timings record


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    run: Callable[[Path, Path, str], str]  # (input, outdir, name) -> page text
    binary: bool  # the work happens in binaries (peak RSS = the largest binary's)
    reads_images: bool
    reads_pdfs: bool = True


def _capture(cmd: list[str]) -> str:
    """stdout of a binary; its own peak RSS (via /usr/bin/time) is kept in _BINARY_PEAK_KB.

    The kernel's RUSAGE_CHILDREN would charge each binary with the RSS of the
    Python worker it was forked from, so the binary's peak is read from time(1).
    """
    global _BINARY_PEAK_KB
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], capture_output=True, check=False)
        peak = rss.read().strip().splitlines()
    if peak and peak[-1].isdigit():
        _BINARY_PEAK_KB = max(_BINARY_PEAK_KB, int(peak[-1]))
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[:200]}")
    return done.stdout.decode("utf-8", errors="replace")


def pdftotext(path: Path, layout: bool) -> str:
    return _capture(["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(path), "-"])


def pdfplumber_text(path: Path, dedupe: bool) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [(p.dedupe_chars() if dedupe else p).extract_text() for p in pdf.pages]
    return "\n\f".join(pages)


def tesseract(path: Path) -> str:
    """tesseract chi_sim as a user runs it: PDFs rendered at 300 dpi by pdftoppm first."""
    if path.suffix.lower() != ".pdf":
        return _capture(["tesseract", str(path), "stdout", "-l", "chi_sim"])
    with tempfile.TemporaryDirectory() as tmp:
        _capture(["pdftoppm", "-r", str(OCR_DPI), "-png", str(path), f"{tmp}/p"])
        return "\n\f".join(
            _capture(["tesseract", str(png), "stdout", "-l", "chi_sim"]) for png in sorted(Path(tmp).glob("p*.png"))
        )


def paddle_raw(path: Path) -> str:
    """PaddleOCR with courtdoc's models and nothing of courtdoc's own: lines top-to-bottom, left-to-right.

    Detection runs at full resolution (the engine's tiles, as PaddleOCR's own
    pipeline does not shrink a large page), then each line is recognised; no
    clean-up, deskew, gutter splitting or layout.
    """
    import cv2
    import numpy as np

    from courtdoc.settings import Settings
    from courtdoc.sources import ocr

    engine = ocr.get_engine(Settings())
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        images = [np.asarray(page.render(scale=OCR_DPI / 72).to_pil().convert("RGB"))[:, :, ::-1] for page in pdf]
    else:
        images = [cv2.imread(str(path), cv2.IMREAD_COLOR)]
    pages = []
    for image in images:
        bgr = np.ascontiguousarray(image)
        quads = ocr.detect_lines(engine, bgr)
        texts = engine.recognize([ocr.crop_quad(bgr, q) for q in quads])
        lines = sorted(
            ((float(q[:, 1].min()), float(q[:, 0].min()), r.text) for q, r in zip(quads, texts, strict=True)),
        )
        pages.append("\n".join(text for _, _, text in lines if text.strip()))
    return "\n\f".join(pages)


def converts_to_simplified(name: str) -> bool:
    """Whether courtdoc converts a page's text to simplified characters (its default, `t2s`): not on the pages
    of a house style printed in traditional characters, whose gold is the text as printed; their readers keep
    the script (`--no-t2s`), as a simplified paper's readers get simplified."""
    try:
        style = house_style(name.rsplit("-p", 1)[0].partition(".")[0])
    except KeyError:  # not a benchmark page (a real file)
        return True
    return style.script == "simplified"


def courtdoc_run(path: Path, outdir: Path, name: str) -> str:
    """`pipeline.process` in its two stages, each timed: reading the pages (text layer or OCR),
    then layout, segmentation and repair."""
    from courtdoc.evaluate import page_text
    from courtdoc.output import write_document
    from courtdoc.pipeline import assemble, file_sha256, iter_pages
    from courtdoc.settings import Settings

    settings = Settings(t2s=converts_to_simplified(name))
    sha = file_sha256(path)
    start = time.perf_counter()
    pages = list(iter_pages(path, settings))
    read = time.perf_counter()
    doc = assemble(path, pages, settings, sha)
    _STAGES[name] = {"read_s": round(read - start, 4), "layout_s": round(time.perf_counter() - read, 4)}
    write_document(doc, outdir, name)
    return page_text(doc.to_manifest())


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool("courtdoc", courtdoc_run, binary=False, reads_images=True),
        Tool("pdftotext", lambda p, o, n: pdftotext(p, layout=False), binary=True, reads_images=False),
        Tool("pdftotext-layout", lambda p, o, n: pdftotext(p, layout=True), binary=True, reads_images=False),
        Tool("pdfplumber", lambda p, o, n: pdfplumber_text(p, dedupe=False), binary=False, reads_images=False),
        Tool("pdfplumber-dedupe", lambda p, o, n: pdfplumber_text(p, dedupe=True), binary=False, reads_images=False),
        Tool("tesseract", lambda p, o, n: tesseract(p), binary=True, reads_images=True),
        Tool("paddleocr-raw", lambda p, o, n: paddle_raw(p), binary=False, reads_images=True),
    )
}


def run_worker(tool: Tool, outdir: Path, items: list[tuple[str, Path]]) -> None:
    """Run `tool` on every item; a failure is recorded for that file and the rest go on."""
    outdir.mkdir(parents=True, exist_ok=True)
    with open(outdir / "timings.jsonl", "w", encoding="utf-8") as log:
        for name, path in items:
            start = time.perf_counter()
            record: dict[str, object] = {"name": name, "path": str(path)}
            try:
                text = tool.run(path, outdir, name)
                (outdir / f"{name}.txt").write_text(text, encoding="utf-8")
            except Exception as exc:  # one failing page must not stop the bench
                record["error"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ''}"
                traceback.print_exc(file=sys.stderr)
            record["seconds"] = round(time.perf_counter() - start, 4)
            record.update(_STAGES.pop(name, {}))
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
            log.flush()
    usage = {
        "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "binary_kb": _BINARY_PEAK_KB,
    }
    (outdir / "rusage.json").write_text(json.dumps(usage) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in TOOLS:
        print(f"usage: python -m bench.peers {{{'|'.join(TOOLS)}}} OUTDIR NAME=PATH ...", file=sys.stderr)
        return 2
    items = [(item.split("=", 1)[0], Path(item.split("=", 1)[1])) for item in args[2:]]
    run_worker(TOOLS[args[0]], Path(args[1]), items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
