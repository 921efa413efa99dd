"""PDF pages to pixels with PDFium (pypdfium2), for OCR.

PDFium composes everything drawn on the page, so a scan stored as dozens of
image strips renders as one whole page. A page rendered above the resolution
of its own scan gains nothing but pixels, so image-only pages render at the
scan's native resolution when that is below the requested dpi. PDFium is not
thread-safe: callers parallelise with processes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptInput, EncryptedPdf, ImageTooLarge, UnreadableInput
from ..settings import Settings

MIN_DPI = 72.0


def render_pdf_page(path: Path, n: int, settings: Settings) -> tuple[np.ndarray, float]:
    """(grayscale pixels of page `n` (1-based), the dpi it was rendered at)."""
    pdf = _open(path, settings)
    try:
        if not 1 <= n <= len(pdf):
            raise CorruptInput(path, f"page {n} out of range (1-{len(pdf)})")
        page = pdf[n - 1]
        try:
            width, height = page.get_size()
            dpi = render_dpi(page, settings.dpi)
            if width * height * (dpi / 72) ** 2 > settings.max_pixels:
                raise ImageTooLarge(
                    path,
                    f"page {n} is {width / 72:.0f}x{height / 72:.0f} in: over the "
                    f"{settings.max_pixels:,}-pixel cap at {dpi:.0f} dpi",
                )
            bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
            try:
                pixels = np.array(bitmap.to_numpy(), copy=True)
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        pdf.close()
    if pixels.ndim == 3:
        pixels = pixels[:, :, 0]
    return pixels, dpi


def render_dpi(page: pdfium.PdfPage, wanted: float) -> float:
    """`wanted`, or less on a page made only of images scanned at a lower resolution."""
    native = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH]):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return float(wanted)  # vector text or drawings: sharp at any dpi
        left, _, right, _ = obj.get_bounds()
        px_w, _ = obj.get_px_size()
        if right > left:
            native = max(native, px_w / ((right - left) / 72))
    if native <= 0:
        return float(wanted)
    return float(min(wanted, max(MIN_DPI, round(native))))


def _open(path: Path, settings: Settings) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=settings.password)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg and settings.password:
            # An owner password restricts printing or copying, not reading: such a file opens
            # with none, and the one given was meant for another file.
            try:
                return pdfium.PdfDocument(str(path))
            except pdfium.PdfiumError:
                pass
        if "password" in msg:
            raise EncryptedPdf(path, "encrypted PDF: wrong or missing password") from e
        if "file" in msg and "not found" in msg:
            raise UnreadableInput(path, "cannot open file") from e
        raise CorruptInput(path, f"damaged PDF ({e})") from e
    except OSError as e:
        raise UnreadableInput(path, f"cannot read: {e.strerror or e}") from e
