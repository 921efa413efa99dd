"""Review pages: page pictures with the articles drawn where they are, and review.html beside them.

On a generated broadsheet page (text PDF) and on a small skewed scan read by
OCR, whose boxes are points on the deskewed image: the outlines must land on
the articles' ink. The page is also opened in headless Chromium, as a person
would see it.
"""

from __future__ import annotations

import html
import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hostile import run_cli
from ocr_pages import FONT, FONT_SC, seed_lines
from PIL import Image, ImageDraw, ImageFont

from bench.generate import generate
from courtdoc.errors import ExitCode
from courtdoc.model import Document
from courtdoc.output import write_document
from courtdoc.pipeline import assemble, file_sha256, iter_pages
from courtdoc.review import (
    PICTURE_WIDTH,
    REVIEW_HTML,
    WARNING,
    article_colour,
    picture_file,
    review_files,
    shaded_regions,
    thumbnail_uri,
)
from courtdoc.runner import Job, summarize
from courtdoc.settings import Settings

SATURATED = 60  # max-min channel spread: the page is gray, so a pixel this colourful is drawn by review
PRINT = 128  # gray level below which a picture pixel is print
SCAN_SIZE = (1500, 1200)  # px at 300 dpi: wider than PICTURE_WIDTH, so the picture is a downscaled page


def _write(source: Path, out: Path, doc_changes: dict | None = None) -> tuple[Document, Path]:
    settings = Settings()
    pages = list(iter_pages(source, settings))
    doc = assemble(source, pages, settings, file_sha256(source))
    if doc_changes:
        doc.articles = [replace(a, **doc_changes.get(a.id, {})) for a in doc.articles]
    return doc, write_document(doc, out, source.stem, review_files(doc, pages, source, settings))


def _picture(folder: Path, page: int = 1) -> np.ndarray:
    with Image.open(folder / picture_file(page)) as im:
        return np.asarray(im.convert("RGB")).astype(int)


def _drawn(rgb: np.ndarray) -> np.ndarray:
    return rgb.max(axis=2) - rgb.min(axis=2) > SATURATED


def _near(pixel: np.ndarray, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return int(np.abs(pixel - np.array(colour)).max()) <= tolerance


@pytest.fixture(scope="module")
def broadsheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 1, 1, rmrb=False, forms=("text.pdf",), workers=1)
    return out / "p001" / "text.pdf"


@pytest.fixture(scope="module")
def reviewed(broadsheet: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    # Article 2 made unsure, as the self-check would: it must be drawn and listed as one to check.
    return _write(broadsheet, tmp_path_factory.mktemp("out"), {"p01-a02": {"confidence": 0.4}})


def test_text_pdf_page_picture_outlines_every_article(reviewed: tuple[Document, Path]) -> None:
    doc, folder = reviewed
    rgb = _picture(folder)
    page = doc.pages[0]
    assert abs(rgb.shape[1] - PICTURE_WIDTH) <= 1
    assert abs(rgb.shape[0] / rgb.shape[1] - page.height / page.width) < 0.01
    scale = rgb.shape[1] / page.width
    assert len(doc.articles) == 6
    for number, article in enumerate(doc.articles, start=1):
        x0, top, x1, bottom = (round(v * scale) for v in article.bbox)
        colour = article_colour(number, article, 0.8)
        # The middle of the box's left and bottom edges carry the article's colour.
        assert _near(rgb[(top + bottom) // 2, x0 + 1], colour), article.id
        assert _near(rgb[bottom - 1, (x0 + x1) // 2], colour), article.id
        # Inside the box is the page's print, in gray.
        inside = rgb[top + 10 : bottom - 10, x0 + 10 : x1 - 10]
        assert (inside.max(axis=2) < PRINT).mean() > 0.05, article.id
    assert article_colour(2, doc.articles[1], 0.8) == WARNING


def test_notes_are_shaded(broadsheet: Path, reviewed: tuple[Document, Path]) -> None:
    doc, folder = reviewed
    rgb = _picture(folder)
    page = next(iter_pages(broadsheet, Settings()))
    scale = rgb.shape[1] / page.width
    notes = [box for kind, box in shaded_regions(page) if kind == "note"]
    assert notes and doc.notes
    x0, top, x1, bottom = (round(v * scale) for v in notes[0])
    paper = rgb[top:bottom, x0:x1][rgb[top:bottom, x0:x1].min(axis=2) > PRINT]
    red, green, blue = paper.mean(axis=0)
    assert red > blue + 20 and green > blue + 10  # yellow over the white paper


def test_review_html_has_every_article_and_the_warning(reviewed: tuple[Document, Path]) -> None:
    doc, folder = reviewed
    text = (folder / REVIEW_HTML).read_text(encoding="utf-8")
    for article in doc.articles:
        assert f'id="{article.id}"' in text
        assert html.escape(article.title) in text
        assert html.escape(article.blocks[0].text) in text
    assert 'src="review/p01.png"' in text and "http" not in text  # nothing from the network
    assert "p01-a02 (page 1): confidence 0.40" in text
    assert text.count('class="article low"') == 1


def test_review_files_are_byte_identical_on_rerun(broadsheet: Path, reviewed: tuple[Document, Path], tmp_path: Path) -> None:
    _, folder = reviewed
    _, again = _write(broadsheet, tmp_path, {"p01-a02": {"confidence": 0.4}})
    for name in (REVIEW_HTML, picture_file(1), "manifest.json"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def test_thumbnail_for_the_report(reviewed: tuple[Document, Path]) -> None:
    _, folder = reviewed
    uri = thumbnail_uri(folder, 1)
    assert uri and uri.startswith("data:image/png;base64,")
    import base64

    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as im:
        assert im.width == 320 and _drawn(np.asarray(im.convert("RGB")).astype(int)).any()
    assert thumbnail_uri(folder, 2) is None


def test_report_shows_pictures_of_the_pages_to_check(reviewed: tuple[Document, Path]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # flows/ is a folder of the repository
    from flows.report import markdown_report

    doc, folder = reviewed
    outcome = summarize(Job(Path("in/p001.pdf"), folder.name, doc.source.sha256), doc, folder)
    report = markdown_report("ingest", [outcome], low_confidence=1.01)  # every page to check
    review = (folder / REVIEW_HTML).resolve().as_uri()
    assert f"[review]({review})" in report
    row = next(line for line in report.splitlines() if "p01-a01" in line)
    assert f"[![page 1](data:image/png;base64," in row and row.endswith(f"]({review}#p01) |")


def test_failed_review_leaves_no_folder(broadsheet: Path, tmp_path: Path) -> None:
    settings = Settings()
    pages = list(iter_pages(broadsheet, settings))
    doc = assemble(broadsheet, pages, settings, file_sha256(broadsheet))

    def broken():
        yield from review_files(doc, pages, broadsheet, settings)
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_document(doc, tmp_path, "doc", broken())
    assert list(tmp_path.iterdir()) == []


def _scan(path: Path, angle: float, shared: Path) -> tuple[int, int, int, int]:
    """A one-article page (headline, body) at 300 dpi turned by `angle`°, as an image or an image-only
    PDF (by `path`'s suffix); the ink box before turning."""
    title = ImageFont.truetype(str(FONT), 84, index=FONT_SC)
    body = ImageFont.truetype(str(FONT), 42, index=FONT_SC)
    lines = seed_lines(shared, count=5, width=18)
    # Off the centre the page is turned about, so an undone turn would move the print a lot.
    im = Image.new("L", SCAN_SIZE, 255)
    draw = ImageDraw.Draw(im)
    draw.text((100, 80), "开门纳谏听民声", font=title, fill=0)
    for i, line in enumerate(lines):
        draw.text((100 + (84 if i == 0 else 0), 270 + i * 72), line, font=body, fill=0)
    ys, xs = np.nonzero(np.asarray(im) < PRINT)
    turned = im.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if path.suffix == ".pdf":
        turned.save(path, resolution=300)
    else:
        turned.save(path, dpi=(300, 300))
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


@pytest.mark.slow
@pytest.mark.parametrize("name", ["scan.png", "scan.pdf"])
def test_scan_outline_lands_on_the_article_ink(tmp_path: Path, shared_dir: Path, name: str) -> None:
    """OCR boxes are points on the deskewed page: the outline is drawn there, around the ink."""
    ink = _scan(tmp_path / name, 2.0, shared_dir)
    doc, folder = _write(tmp_path / name, tmp_path / "out")
    assert doc.pages[0].method == "ocr" and any("deskewed" in w for w in doc.pages[0].warnings)
    assert [a.title for a in doc.articles] == ["开门纳谏听民声"]
    rgb = _picture(folder)
    drawn = _drawn(rgb)
    rows, cols = drawn.sum(axis=1), drawn.sum(axis=0)
    edge_rows = np.nonzero(rows >= rows.max() / 2)[0]
    edge_cols = np.nonzero(cols >= cols.max() / 2)[0]
    outline = (edge_cols.min(), edge_rows.min(), edge_cols.max(), edge_rows.max())
    # The print in the picture stands where it stood before the page was turned, and the
    # outline hugs it: each edge within an eighth of a body line (42 px).
    ys, xs = np.nonzero((rgb.max(axis=2) < PRINT) & ~drawn)
    printed = (xs.min(), ys.min(), xs.max(), ys.max())
    scale = rgb.shape[1] / SCAN_SIZE[0]  # the picture is the page downscaled to PICTURE_WIDTH
    for got, seen, want in zip(outline, printed, (v * scale for v in ink), strict=True):
        assert abs(seen - want) <= 5 and abs(got - want) <= 5, (outline, printed, ink)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed (deploy/setup.sh --dev)")
def test_review_page_in_headless_chromium(reviewed: tuple[Document, Path], tmp_path: Path) -> None:
    doc, folder = reviewed
    url = (folder / REVIEW_HTML).resolve().as_uri()
    browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000"]
    dom = subprocess.run([*browser, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True).stdout
    for article in doc.articles:
        assert html.escape(article.title) in dom
    shot = tmp_path / "shot.png"
    subprocess.run([*browser, f"--screenshot={shot}", url], capture_output=True, timeout=120, check=True)
    rgb = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    # The picture fills the left three fifths under the header: print and outlines, not a blank box.
    figure = rgb[200:, 40:800]
    assert figure.std() > 40
    assert _drawn(figure).mean() > 0.005
    assert (figure.max(axis=2) < PRINT).mean() > 0.05


def test_clean_review_option_and_review_command(repo_dir: Path, tmp_path: Path) -> None:
    sample = sorted((repo_dir / "samples").glob("*.txt"))[0]
    out = tmp_path / "out"
    assert run_cli("clean", sample, "--out", out, "--quiet").returncode == ExitCode.ok
    folder = out / sample.stem
    assert not (folder / REVIEW_HTML).exists()  # off unless asked: it costs on large batches
    missing = run_cli("review", folder, "--no-open")
    assert missing.returncode == ExitCode.no_input and "--review" in missing.stderr
    assert run_cli("clean", sample, "--out", out, "--quiet", "--review").returncode == ExitCode.ok
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    text = (folder / REVIEW_HTML).read_text(encoding="utf-8")
    assert all(html.escape(a["title"]) in text for a in manifest["articles"])
    assert not (folder / "review").exists()  # text input: no page to picture
    shown = run_cli("review", folder, "--no-open")
    assert shown.returncode == ExitCode.ok and shown.stdout.strip() == str((folder / REVIEW_HTML).resolve())
