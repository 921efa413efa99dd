"""Rendering PDF pages for OCR with pypdfium2."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from courtdoc.errors import CorruptInput, ImageTooLarge
from courtdoc.settings import Settings
from courtdoc.sources.raster import render_pdf_page


def test_strip_tiled_scan_renders_whole(shared_dir: Path) -> None:
    pdf = shared_dir / "realworld" / "mineru" / "small_ocr.pdf"
    pixels, dpi = render_pdf_page(pdf, 1, Settings())
    # 62 strips of 1634 px across 1225.5 pt: the scan's own 96 dpi, not an upscaled 300.
    assert dpi == 96
    assert pixels.shape == (2400, 1634) and pixels.dtype == np.uint8
    # Ink all the way down the text block: no strip left blank.
    rows = (pixels < 128).sum(axis=1)
    body = rows[330:2000]
    bands = np.split(body[: len(body) // 40 * 40], len(body) // 40)
    assert all(band.sum() > 0 for band in bands)


def test_vector_page_renders_at_requested_dpi(tmp_path: Path) -> None:
    f = tmp_path / "v.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.line(72, 72, 500, 72)
    c.save()
    pixels, dpi = render_pdf_page(f, 1, Settings(dpi=150))
    assert dpi == 150
    assert np.allclose(pixels.shape, (A4[1] * 150 / 72, A4[0] * 150 / 72), atol=1)
    assert (pixels < 128).any()


def test_page_over_pixel_cap(tmp_path: Path) -> None:
    f = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(f), pagesize=(14000, 14000))  # 194 in square
    c.line(72, 72, 500, 72)
    c.save()
    with pytest.raises(ImageTooLarge):
        render_pdf_page(f, 1, Settings())


def test_bad_pdf_and_page(tmp_path: Path, shared_dir: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(CorruptInput):
        render_pdf_page(bad, 1, Settings())
    with pytest.raises(CorruptInput, match="out of range"):
        render_pdf_page(shared_dir / "realworld" / "mineru" / "small_ocr.pdf", 9, Settings())
