"""Draw a composed page as a text PDF with embedded fonts (reportlab)."""

from __future__ import annotations

from pathlib import Path

from contextlib import contextmanager

import numpy as np
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas

from bench.compose import PageLayout, Photo


def photo_image(photo: Photo) -> Image.Image:
    """A grey photo-like image: smooth blobs, a horizon and grain, from the photo's seed."""
    rng = np.random.default_rng(photo.seed)
    x0, top, x1, bottom = photo.bbox
    w, h = max(8, int((x1 - x0) * 1.5)), max(8, int((bottom - top) * 1.5))
    coarse = rng.uniform(60, 220, size=(6, 8)).astype(np.float32)
    img = np.array(Image.fromarray(coarse).resize((w, h), Image.BICUBIC), dtype=np.float32)
    horizon = int(h * rng.uniform(0.3, 0.7))
    img[horizon:] *= rng.uniform(0.55, 0.85)
    img += rng.normal(0, 14, size=img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "L")


def _private_use_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap sending every non-ASCII glyph to a private-use code point."""
    return _real_cmap(fontname, [v if v < 128 else 0xE000 + v % 0x1900 for v in subset])


_real_cmap = ttfonts.makeToUnicodeCMap


@contextmanager
def private_use_text():
    """While active, reportlab writes ToUnicode maps into the private-use area."""
    ttfonts.makeToUnicodeCMap = _private_use_cmap
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = _real_cmap


def render_pdf(lay: PageLayout, path: Path, title: str) -> None:
    H = lay.height
    c = canvas.Canvas(str(path), pagesize=(lay.width, H), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setCreator("courtdoc bench generator")
    for photo in lay.photos:
        x0, top, x1, bottom = photo.bbox
        c.drawImage(ImageReader(photo_image(photo)), x0, H - bottom, x1 - x0, bottom - top)
    for (x0, top, x1, bottom), grey in lay.fills:
        c.setFillGray(grey)
        c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
    c.setStrokeGray(0)
    for (x0, top, x1, bottom), lw in lay.boxes:
        c.setLineWidth(lw)
        c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
    for x0, y0, x1, y1, lw in lay.rules:
        c.setLineWidth(lw)
        c.line(x0, H - y0, x1, H - y1)
    for run in lay.runs:
        c.setFillGray(run.fill)
        # Fake bold as exporters write it: the whole run drawn again, shifted.
        for dx, dy in run.copies:
            t = c.beginText()
            t.setFont(run.font, run.size)
            t.setCharSpace(run.char_space)
            t.setTextOrigin(run.x + dx, H - run.baseline - dy)
            t.textOut(run.text)
            c.drawText(t)
    c.showPage()
    c.save()
