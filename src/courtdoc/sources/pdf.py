"""Born-digital PDFs: the text layer as positioned lines, via pdfplumber.

One pass over each page's characters: fake-bold copies removed
geometrically, glyphs grouped into lines. Ruling lines and boxes go to
`PageText.rules`, photo areas to `PageText.figures`. A page whose text layer is
unusable (unmapped glyphs, private-use code points, or no text on an inked
page) is handed to OCR instead; if OCR cannot run, the page comes back empty
with a warning so garbage never reaches an article.

pdfplumber is not thread-safe: an open PDF (`open_pdf`) belongs to one thread;
parallel readers are processes, each opening the file once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import CorruptInput, EmptyInput, EncryptedPdf, OcrUnavailable, UnreadableInput
from ..layout.shapes import sides
from ..model import RULE_THICKNESS, BBox, PageText
from ..settings import Settings
from .glyphs import FONT, Glyph, bad_glyph_share, base_font, build_lines, dedupe_glyphs

# A page whose text layer has more of these is OCRed instead of read.
MAX_BAD_SHARE = 0.05
# Ink areas (images, filled shapes) covering this share of a page with no text
# make it a scanned page.
SCAN_INK_SHARE = 0.25
# A filled shape at least this big (pt) with no text on it is a photo placeholder.
MIN_FIGURE_SIDE = 40.0

_PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException)


@contextmanager
def _open(path: Path, settings: Settings) -> Iterator[Any]:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as e:
        raise UnreadableInput(path, f"cannot read: {e.strerror or e}") from e
    if not head:
        raise EmptyInput(path, "empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise CorruptInput(path, "not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(path, password=settings.password)
    except _PDF_ERRORS as e:
        raise _input_error(path, e, settings) from e
    try:
        yield pdf
    except _PDF_ERRORS as e:
        raise _input_error(path, e, settings) from e
    finally:
        pdf.close()


def _input_error(path: Path, e: Exception, settings: Settings) -> Exception:
    cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
        why = "wrong password" if settings.password else "encrypted PDF, no password given"
        return EncryptedPdf(path, why)
    return CorruptInput(path, f"damaged or truncated PDF ({name}: {str(cause)[:80] or 'no detail'})")


def _pages(pdf: Any, path: Path) -> list[Any]:
    pages = pdf.pages
    if not pages:
        raise EmptyInput(path, "PDF has no pages")
    return pages


def pdf_page_count(path: Path, settings: Settings) -> int:
    with _open(path, settings) as pdf:
        return len(_pages(pdf, path))


@contextmanager
def open_pdf(path: Path, settings: Settings) -> Iterator[PdfPages]:
    """The document opened once, its pages read by number: opening a long PDF builds every
    page object, so a worker reading many pages of one file must not reopen it for each."""
    with _open(path, settings) as pdf:
        yield PdfPages(path, _pages(pdf, path), settings)


class PdfPages:
    def __init__(self, path: Path, pages: list[Any], settings: Settings) -> None:
        self.path = path
        self.pages = pages
        self.settings = settings

    def __len__(self) -> int:
        return len(self.pages)

    def read(self, n: int) -> PageText:
        """Page `n` (1-based) as positioned lines; its parsed objects are dropped afterwards."""
        if not 1 <= n <= len(self.pages):
            raise ValueError(f"{self.path}: page {n} out of range 1..{len(self.pages)}")
        page = self.pages[n - 1]
        try:
            return _page_text(page, n, self.path, self.settings)
        except _PDF_ERRORS as e:
            raise _input_error(self.path, e, self.settings) from e
        finally:
            page.close()


def extract_pdf_page(path: Path, n: int, settings: Settings) -> PageText:
    """Page `n` (1-based) as positioned lines."""
    with open_pdf(path, settings) as pdf:
        return pdf.read(n)


def iter_pdf_pages(path: Path, settings: Settings) -> Iterator[PageText]:
    """Every page in order; each page's parsed objects are dropped before the next."""
    with open_pdf(path, settings) as pdf:
        for n in range(1, len(pdf) + 1):
            yield pdf.read(n)


def _page_text(page: Any, n: int, path: Path, settings: Settings) -> PageText:
    width, height = float(page.width), float(page.height)
    glyphs: list[Glyph] = []
    skipped = 0
    for c in page.chars:
        t = c["text"]
        if not t:
            continue
        if not c.get("upright", True):
            skipped += 1  # rotated text: not part of the horizontal line stream
            continue
        glyphs.append((t, c["x0"], c["top"], c["x1"], c["bottom"], c["size"], c["fontname"]))
    rules, boxes, fills = _shapes(page)
    figures, tinted = _figures(page, fills, glyphs)
    boxes += tinted
    warnings: list[str] = []
    if skipped:
        warnings.append(f"page {n}: {skipped} rotated characters left out")

    bad, count = bad_glyph_share(g[0] for g in glyphs if not g[0].isspace())
    reason = None
    if count == 0 and _ink_share([*_image_boxes(page), *fills], width, height) >= SCAN_INK_SHARE:
        reason = "no text layer on an inked page"
    elif count and bad > MAX_BAD_SHARE:
        reason = f"text layer unusable ({bad:.0%} unmapped or private-use glyphs)"
    if reason:
        return _ocr_page(path, n, settings, reason, width, height, warnings)

    if settings.dedupe:
        glyphs, bolded = dedupe_glyphs(glyphs)
    else:
        bolded = set()
    glyphs = [g[:FONT] + (base_font(g[FONT]),) for g in glyphs]  # type: ignore[misc]
    # A frame's side parts what is inside from what is outside as a column rule does: two
    # headlines set close on either side of it are two lines, however narrow the blank.
    edges = rules + [side for box in boxes for side in sides(box)]
    vertical = [r for r in edges if r[3] - r[1] > r[2] - r[0]]
    lines = build_lines(glyphs, bolded, vertical)
    return PageText(
        number=n,
        lines=lines,
        method="text-layer",
        width=width,
        height=height,
        rules=rules + boxes,
        figures=figures,
        warnings=warnings,
    )


def _shapes(page: Any) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """(thin rules, stroked boxes, filled areas) from the page's vector graphics."""
    rules: list[BBox] = []
    boxes: list[BBox] = []
    fills: list[BBox] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        bbox = (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
        if min(w, h) <= RULE_THICKNESS:
            if max(w, h) > RULE_THICKNESS:
                rules.append(bbox)
        elif obj.get("fill") and not obj.get("stroke"):
            if not _white(obj.get("non_stroking_color")):
                fills.append(bbox)
        else:
            boxes.append(bbox)
    return rules, boxes, fills


def _white(color: Any) -> bool:
    """A white fill (page backgrounds, knock-outs) is no ink."""
    if isinstance(color, (int, float)):
        return color >= 0.99
    if isinstance(color, (tuple, list)) and color and all(isinstance(v, (int, float)) for v in color):
        if len(color) == 4:  # CMYK
            return all(v <= 0.01 for v in color)
        return all(v >= 0.99 for v in color)
    return False


def _figures(page: Any, fills: list[BBox], glyphs: list[Glyph]) -> tuple[list[BBox], list[BBox]]:
    """(photo areas, tinted boxes): images and big text-free filled shapes; filled shapes with text."""
    out: list[BBox] = []
    tinted: list[BBox] = []
    for bbox in _image_boxes(page):
        if min(bbox[2] - bbox[0], bbox[3] - bbox[1]) >= MIN_FIGURE_SIDE:
            out.append(bbox)
    for x0, top, x1, bottom in fills:
        # A tinted box behind text (a pull quote, a column label) is a box, not a photo.
        if any(x0 <= g[1] and g[3] <= x1 and top <= g[2] and g[4] <= bottom for g in glyphs):
            tinted.append((x0, top, x1, bottom))
        elif min(x1 - x0, bottom - top) >= MIN_FIGURE_SIDE:
            out.append((x0, top, x1, bottom))
    return out, tinted


def _image_boxes(page: Any) -> list[BBox]:
    return [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in page.images]


def _ink_share(figures: list[BBox], width: float, height: float) -> float:
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in figures)
    return min(1.0, area / (width * height)) if width and height else 0.0


def _ocr_page(
    path: Path, n: int, settings: Settings, reason: str, width: float, height: float, warnings: list[str]
) -> PageText:
    try:
        from .ocr import ocr_pdf_page

        page = ocr_pdf_page(path, n, settings)
    except (ImportError, OcrUnavailable) as e:
        warnings.append(f"page {n}: {reason}; OCR unavailable ({e}), page skipped")
        return PageText(number=n, lines=[], method="ocr", width=width, height=height, confidence=0.0, warnings=warnings)
    page.warnings[:0] = [*warnings, f"page {n}: {reason}; OCRed"]
    page.method = "ocr"
    return page
