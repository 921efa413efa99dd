"""Born-digital PDFs: the text layer as positioned lines, via pdfplumber.

One pass over each page's characters: fake-bold copies removed
geometrically, glyphs grouped into lines. Ruling lines and boxes go to
`PageText.rules`, photo areas to `PageText.figures`. A page whose text layer is
unusable (unmapped glyphs, private-use code points, or no text on an inked
page) is handed to OCR instead; if OCR cannot run, the page comes back empty
with a warning so garbage never reaches an article.

A page is read in the direction its text runs: a page rotated by /Rotate, or
drawn turned, comes out upright. What a viewer tolerates is tolerated with a
page warning (a MediaBox that is no rectangle, a /Rotate that is no multiple of
90); every other failure of pdfminer on the file's content refuses the file
with the page and the reason (`malformed.reading`), and `pdf_bounds` keeps
hostile files from hanging pdfminer or exhausting memory.

pdfplumber is not thread-safe: an open PDF (`open_pdf`) belongs to one thread;
parallel readers are processes, each opening the file once.
"""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber.page import Page, fix_fontname_bytes

from ..errors import CorruptInput, EmptyInput, EncryptedPdf, OcrUnavailable, UnreadableInput
from ..model import RULE_THICKNESS, BBox, Line, PageText
from ..rules.markers import ends_with_photo_credit
from ..rules.punctuation import ends_sentence
from ..settings import Settings
from ..shapes import read_shapes
from .glyphs import Glyph, bad_glyph_share, base_font, build_lines, dedupe_glyphs
from .malformed import reading
from .pdf_bounds import BoundedReads, iter_page_objects

# A page whose text layer has more of these is OCRed instead of read.
MAX_BAD_SHARE = 0.05
# Share of an em below the baseline in the em box every upright glyph is given (the ideographic
# em box of CJK faces: 0.88 above the baseline, 0.12 below).
EM_DESCENT = 0.12
# Ink areas (images, filled shapes) covering this share of a page with no text
# make it a scanned page.
SCAN_INK_SHARE = 0.25
# A filled shape at least this big (pt) with no text on it is a photo placeholder.
MIN_FIGURE_SIDE = 40.0
# A chart's axis: a straight line (a rule, or a side of a frame) with at least MIN_TICKS short rules
# standing across it. Ticks are a few points long; the shortest rule a page's layout draws (a column
# rule, a box's side) spans lines of text, longer than TICK_LENGTH.
MIN_TICKS = 3
TICK_LENGTH = 8.0
"""pt: the longest a tick mark is (ticks are drawn 2-6 pt long)."""
TICK_SLACK = 1.0
"""pt: a tick's end stands this close to its axis (coordinates round; a stroke's width)."""
LABEL_GAP = 0.6
"""x the line's size: a line standing this close to a chart (a tick label beside its tick, an axis
title under its labels) is the chart's text; a caption or the body stands an em or more away."""
CAPTION_BAND = 3.0
"""x the line's size: a caption printed over a photo stands on a band across the picture's foot, its
lines within about two lines of that foot; text higher up on a picture is part of it (labels, signs)."""
# What a viewer shows for a page without a usable MediaBox.
US_LETTER = (0.0, 0.0, 612.0, 792.0)
# PDF's own limit on a page side (ISO 32000-1, Annex C: 14,400 units, 200 in);
# a bigger box is no page size but a number written to break readers.
MAX_PAGE_SIDE = 14_400.0
_PASSWORD_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")


@contextmanager
def _open(path: Path, settings: Settings) -> Iterator[Any]:
    path = Path(path)
    try:
        fh = path.open("rb")
        head = fh.read(1024)
    except OSError as e:
        raise UnreadableInput(path, f"cannot read: {e.strerror or e}") from e
    try:
        if not head:
            raise EmptyInput(path, "empty file (0 bytes)")
        if b"%PDF-" not in head:
            raise CorruptInput(path, "not a PDF (no %PDF- header)")
        reads = BoundedReads(fh)
        # Each step that runs pdfminer has its own `reading`, none held across a yield: the
        # caller's code between pages must print and fail as usual.
        with reading(path) as messages:
            pdf = _open_pdf(reads, path, settings)
        reads.notes += messages  # told with the first page read
        try:
            yield pdf
        finally:
            pdf.flush_cache()  # not close(): that builds pdfplumber's own Page for every page first
    finally:
        fh.close()


def _open_pdf(reads: BoundedReads, path: Path, settings: Settings) -> Any:
    """The opened PDF; a password is only used where the file needs one."""
    try:
        return pdfplumber.open(reads, password=settings.password)
    except Exception as e:  # noqa: BLE001 - anything but a password problem is the caller's to classify
        if not _password_problem(e):
            raise
        if settings.password:
            try:
                # An owner password restricts printing or copying, not reading: such a file
                # opens with no password, and the one given was meant for another file.
                return pdfplumber.open(reads, password="")
            except Exception:  # noqa: BLE001
                pass
        why = "wrong password" if settings.password else "encrypted PDF, no password given"
        raise EncryptedPdf(path, why) from e


def _password_problem(e: BaseException) -> bool:
    cause = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    return type(cause).__name__ in _PASSWORD_ERRORS


def _pages(pdf: Any, path: Path) -> list[tuple[object, dict[str, Any]]]:
    with reading(path):
        pages = list(iter_page_objects(pdf.doc))
    if not pages:
        raise EmptyInput(path, "PDF has no pages")
    return pages


def pdf_page_count(path: Path, settings: Settings) -> int:
    with _open(path, settings) as pdf:
        return len(_pages(pdf, path))


@contextmanager
def open_pdf(path: Path, settings: Settings) -> Iterator[PdfPages]:
    """The document opened once, its pages read by number: a worker reading many pages
    of one file must not reopen it (and walk its page tree) for each."""
    with _open(path, settings) as pdf:
        yield PdfPages(pdf, path, _pages(pdf, path), settings)


class PdfPages:
    def __init__(self, pdf: Any, path: Path, pages: list[tuple[object, dict[str, Any]]], settings: Settings) -> None:
        self.pdf = pdf
        self.path = path
        self.pages = pages
        self.settings = settings

    def __len__(self) -> int:
        return len(self.pages)

    def read(self, n: int) -> PageText:
        """Page `n` (1-based) as positioned lines; its parsed objects are dropped afterwards."""
        if not 1 <= n <= len(self.pages):
            raise ValueError(f"{self.path}: page {n} out of range 1..{len(self.pages)}")
        return _read_page(self.pdf, self.pages[n - 1], n, self.path, self.settings)


def _read_page(
    pdf: Any, page_ref: tuple[object, dict[str, Any]], n: int, path: Path, settings: Settings
) -> PageText:
    objid, attrs = page_ref
    with reading(path, n) as messages, _collector_paused():
        warnings = _tolerated(attrs, n)
        page = Page(pdf, PDFPage(pdf.doc, objid, attrs, None), page_number=n)
        try:
            text = _page_text(page, n, path, settings)
        finally:
            page.close()
    notes = [*pdf.stream.notes, *messages]
    pdf.stream.notes.clear()
    text.warnings[:0] = warnings + [f"page {n}: {m}" + (f" ({k}x)" if k > 1 else "") for m, k in Counter(notes).items()]
    return text


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a page is parsed.

    pdfminer and pdfplumber make several objects per glyph and keep them until
    the page is done; the collector, run every few hundred allocations over the
    growing heap, made a page of 200k characters cost a quarter more than its
    size. Its cycles are collected as usual once the page is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _tolerated(attrs: dict[str, Any], n: int) -> list[str]:
    """Repair in place what a viewer repairs in a page's boxes and rotation; a warning for each."""
    warnings = []
    media, problem = _box(attrs.get("MediaBox"))
    if media is None:
        media = US_LETTER
        warnings.append(f"page {n}: MediaBox {problem}; US Letter assumed")
    crop = media
    if "CropBox" in attrs:
        box, problem = _box(attrs["CropBox"])
        if box is None:
            warnings.append(f"page {n}: CropBox {problem}; ignored")
        else:
            crop = box
    rotate = resolve1(attrs.get("Rotate", 0))
    if not isinstance(rotate, int) or isinstance(rotate, bool) or rotate % 90:
        warnings.append(f"page {n}: /Rotate {_shown(rotate)} is not a multiple of 90; ignored")
        rotate = 0
    attrs.update(MediaBox=list(media), CropBox=list(crop), Rotate=rotate % 360)
    return warnings


def _box(value: Any) -> tuple[tuple[float, float, float, float] | None, str]:
    """(the rectangle, "") or (None, what is wrong with it)."""
    if value is None:
        return None, "is missing"
    raw = resolve1(value)
    nums = [resolve1(v) for v in raw] if isinstance(raw, list) else []
    if len(nums) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in nums):
        return None, "is not 4 numbers"
    x0, x1 = sorted((float(nums[0]), float(nums[2])))
    y0, y1 = sorted((float(nums[1]), float(nums[3])))
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or max(x1 - x0, y1 - y0) > MAX_PAGE_SIDE:
        return None, f"is larger than a PDF page can be ({MAX_PAGE_SIDE:,.0f} pt a side)"
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        return None, "is empty"
    return (x0, y0, x1, y1), ""


def _shown(value: Any) -> str:
    text = f"/{value.name}" if isinstance(value, PSLiteral) else str(value)
    return " ".join(text.split())[:40]


def _page_text(page: Any, n: int, path: Path, settings: Settings) -> PageText:
    width, height = float(page.width), float(page.height)
    chars, drawn = _drawn(page)
    quarters = [_quarter(c.matrix) for c in chars]
    quarter = _reading_turn(chars, quarters)
    turn = _turner(quarter, width, height)
    if quarter % 2:
        width, height = height, width
    # pdfplumber's page coordinates: from the top left of the MediaBox.
    left, top_edge = float(page.mediabox[0]), float(page.mediabox[1])
    page_height = float(page.height)
    fonts: dict[Any, str] = {}  # pdfminer's font name -> its base name, worked out once a font
    glyphs: list[Glyph] = []
    aside = 0
    for c, q in zip(chars, quarters):
        t = c.get_text()
        if not t:
            continue
        if q != quarter:
            aside += 1  # set at another angle than the page's text: not part of its line stream
            continue
        bx0, by0, bx1, by1 = _em_box(c)
        x0, top, x1, bottom = turn((bx0 + left, page_height - by1 + top_edge, bx1 + left, page_height - by0 + top_edge))
        # pdfminer measures a horizontal font's size as its glyph box's height on the page.
        size = c.size if quarter % 2 == 0 else c.x1 - c.x0
        font = fonts.get(c.fontname)
        if font is None:
            font = fonts[c.fontname] = _font_name(c.fontname)
        glyphs.append((t, x0, top, x1, bottom, size, font))
    rules, boxes, fills = (list(map(turn, shapes)) for shapes in _shapes(drawn))
    images = [turn(b) for b in _image_boxes(drawn)]
    figures, tinted = _figures(images, fills, glyphs)
    boxes += tinted
    warnings: list[str] = []
    if quarter:
        warnings.append(f"page {n}: text turned {(4 - quarter) % 4 * 90}° clockwise on the page; read upright")
    if aside:
        warnings.append(f"page {n}: {aside} characters set at another angle left out")

    bad, count = bad_glyph_share(g[0] for g in glyphs if not g[0].isspace())
    reason = None
    if count == 0 and _ink_share([*images, *fills], width, height) >= SCAN_INK_SHARE:
        reason = "no text layer on an inked page"
    elif count and bad > MAX_BAD_SHARE:
        reason = f"text layer unusable ({bad:.0%} unmapped or private-use glyphs)"
    if reason:
        return _ocr_page(path, n, settings, reason, width, height, warnings)

    glyphs, bolded = dedupe_glyphs(glyphs) if settings.dedupe else (glyphs, set())
    # A frame's side parts what is inside from what is outside as a column rule does: two
    # headlines set close on either side of it are two lines, however narrow the blank.
    vertical = [r for r in read_shapes(rules + boxes).separators() if r[3] - r[1] > r[2] - r[0]]
    lines = build_lines(glyphs, bolded, vertical)
    charts = _charts(rules, boxes)
    # A picture as big as a scan's share of the page is the page's background (or its scan, under a
    # searchable PDF's text): the text over it is the page's.
    pictures = [f for f in figures if _area(f) < SCAN_INK_SHARE * width * height]
    lines, inside, charts = _figure_text(lines, charts, pictures)
    if inside:
        warnings.append(f"page {n}: {inside} lines of text inside charts or pictures (axis labels, legends) left out")
    return PageText(
        number=n,
        lines=lines,
        method="text-layer",
        width=width,
        height=height,
        rules=rules + boxes,
        figures=figures + charts,
        warnings=warnings,
    )


def _charts(rules: list[BBox], boxes: list[BBox]) -> list[BBox]:
    """The areas of the page's charts: each axis with its ticks (a frame whose sides carry ticks is
    the plot's box), axes that touch or overlap taken together."""
    short = [max(r[2] - r[0], r[3] - r[1]) <= TICK_LENGTH for r in rules]
    sides = [(r, r) for r, tick in zip(rules, short) if not tick]  # (an axis, what it bounds)
    for box in boxes:
        x0, top, x1, bottom = box
        sides += [((x0, top, x1, top), box), ((x0, bottom, x1, bottom), box), ((x0, top, x0, bottom), box), ((x1, top, x1, bottom), box)]
    # Ticks by where their ends stand across their axis (y of a vertical tick, x of a horizontal one),
    # so each axis looks only at the ticks that may stand on it: a page may draw thousands of shapes.
    ends: dict[tuple[bool, int], list[BBox]] = {}
    for t, tick in zip(rules, short):
        if tick:
            upright = t[3] - t[1] > t[2] - t[0]
            for v in (t[1], t[3]) if upright else (t[0], t[2]):
                ends.setdefault((upright, int(v // TICK_LENGTH)), []).append(t)
    areas: list[BBox] = []
    for axis, bounded in sides:
        horizontal = axis[2] - axis[0] >= axis[3] - axis[1]
        at = (axis[1] + axis[3]) / 2 if horizontal else (axis[0] + axis[2]) / 2
        near = {t for k in range(int((at - TICK_SLACK) // TICK_LENGTH), int((at + TICK_SLACK) // TICK_LENGTH) + 1) for t in ends.get((horizontal, k), ())}
        on = [t for t in near if _stands_on(t, axis, horizontal)]
        if len(on) >= MIN_TICKS:
            areas.append(_union([bounded, *on]))
    merged: list[BBox] = []
    for a in areas:
        # an axis touching charts taken so far joins them all (a frame's four sides are one chart)
        touching = [m for m in merged if a[0] <= m[2] and m[0] <= a[2] and a[1] <= m[3] and m[1] <= a[3]]
        merged = [m for m in merged if m not in touching] + [_union([a, *touching])]
    return merged


def _stands_on(tick: BBox, axis: BBox, horizontal: bool) -> bool:
    """A short rule set across the axis with an end on it, within the axis's length."""
    x0, top, x1, bottom = tick
    if horizontal:  # a vertical tick on a horizontal axis
        y = (axis[1] + axis[3]) / 2
        return axis[0] - TICK_SLACK <= x0 <= axis[2] + TICK_SLACK and min(abs(top - y), abs(bottom - y)) <= TICK_SLACK
    x = (axis[0] + axis[2]) / 2
    return axis[1] - TICK_SLACK <= top <= axis[3] + TICK_SLACK and min(abs(x0 - x), abs(x1 - x)) <= TICK_SLACK


def _figure_text(lines: list[Line], charts: list[BBox], pictures: list[BBox]) -> tuple[list[Line], int, list[BBox]]:
    """(the lines outside every chart and picture, how many were inside, each chart with its text).

    Text inside a chart or drawn over a picture (axis numbers, legends, labels) is part of the
    figure, not of any article's body or caption; it is left out with a page warning. A chart's tick
    labels and axis titles stand just outside its axes: a line no wider than the chart standing
    within LABEL_GAP of it, beside or under what was taken so far, is taken too. A picture's caption
    stands as close under it, so of a picture only what lies on it is taken.
    """
    inside = {k for k, ln in enumerate(lines) if ln.bbox is not None and any(_within(ln.bbox, p, 0.0) for p in pictures)}
    inside -= {k for p in pictures for k in _printed_caption(lines, inside, p)}
    grown = list(charts)
    changed = True
    while changed:
        changed = False
        for k, ln in enumerate(lines):
            if k in inside or ln.bbox is None:
                continue
            for a, area in enumerate(grown):
                if _in_or_beside(ln.bbox, area, LABEL_GAP * (ln.size or 0.0), charts[a]):
                    inside.add(k)
                    grown[a] = _union([area, ln.bbox])
                    changed = True
                    break
    return [ln for k, ln in enumerate(lines) if k not in inside], len(inside), grown


def _printed_caption(lines: list[Line], inside: set[int], picture: BBox) -> list[int]:
    """The lines of a caption printed over the picture's foot (white on a dark band across it): those
    standing on its foot band, the lowest closing as a caption does, with a sentence or a credit. They
    are the page's text, the picture's caption; what else is printed on a picture is part of it."""
    foot = [
        k
        for k in inside
        if _within(lines[k].bbox, picture, 0.0) and picture[3] - lines[k].bbox[1] <= CAPTION_BAND * (lines[k].size or 0.0)  # type: ignore[index]
    ]
    if not foot:
        return []
    lowest = max(foot, key=lambda k: lines[k].bbox[3])  # type: ignore[index]
    text = lines[lowest].text
    return foot if ends_sentence(text) or ends_with_photo_credit(text) else []


def _in_or_beside(b: BBox, area: BBox, gap: float, core: BBox) -> bool:
    """The box lies inside the area, or beside it within `gap` (over or under it no wider than the chart)."""
    if _within(b, area, gap):
        return True
    x0, top, x1, bottom = area
    within_x = b[0] >= x0 - gap and b[2] <= x1 + gap and b[2] - b[0] <= core[2] - core[0]
    within_y = b[1] >= top - gap and b[3] <= bottom + gap
    above_or_below = within_x and (0 <= top - b[3] <= gap or 0 <= b[1] - bottom <= gap)
    left_or_right = within_y and (0 <= x0 - b[2] <= gap or 0 <= b[0] - x1 <= gap)
    return above_or_below or left_or_right


def _within(b: BBox, area: BBox, slack: float) -> bool:
    return area[0] - slack <= b[0] and b[2] <= area[2] + slack and area[1] - slack <= b[1] and b[3] <= area[3] + slack


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _area(b: BBox) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


def _em_box(c: LTChar) -> tuple[float, float, float, float]:
    """The glyph's box (x0, y0, x1, y1) with its extent across the baseline made an em box on it.

    pdfminer hangs a glyph's box from the descent its font declares, and faces declare different
    ones: digits and quotes a CJK face lacks, taken from a Latin fallback face, would stand a point
    lower than the Han characters of their line. Every glyph set at a quarter turn gets the same em
    box on its baseline (the matrix's origin) instead, whichever way its up points.
    """
    a, b, up_x, up_y, e, f = c.matrix
    x0, y0, x1, y1 = c.x0, c.y0, c.x1, c.y1
    if not (b or up_x) and up_y:  # upright or upside down: the baseline runs along x
        h = y1 - y0
        y0 = f - EM_DESCENT * h if up_y > 0 else f - (1 - EM_DESCENT) * h
        return x0, y0, x1, y0 + h
    if not (a or up_y) and up_x:  # turned a quarter: the baseline runs along y
        w = x1 - x0
        x0 = e - EM_DESCENT * w if up_x > 0 else e - (1 - EM_DESCENT) * w
        return x0, y0, x0 + w, y1
    return x0, y0, x1, y1


def _quarter(matrix: tuple[float, ...]) -> int:
    """The direction a glyph's baseline runs, in quarter turns counter-clockwise (0-3) on the displayed page."""
    a, b = matrix[0], matrix[1]
    return round(math.degrees(math.atan2(b, a)) / 90) % 4


def _reading_turn(chars: list[LTChar], quarters: list[int]) -> int:
    """The quarter turn most of the page's text is set at: a rotated page, or a page drawn turned."""
    counts = Counter(q for c, q in zip(chars, quarters) if c.get_text() and not c.get_text().isspace())
    return counts.most_common(1)[0][0] if counts else 0


def _drawn(page: Any) -> tuple[list[LTChar], dict[str, list[dict[str, Any]]]]:
    """(the page's characters as pdfminer made them, its other objects as pdfplumber's dicts by kind).

    pdfplumber's `page.chars` turns every character into a dict of some twenty
    resolved attributes, of which a glyph needs five: on a dense page that was
    half the time of reading it. Characters are read from pdfminer's objects;
    the few shapes and images still go through pdfplumber, coordinates and all.
    """
    chars: list[LTChar] = []
    drawn: dict[str, list[dict[str, Any]]] = {}

    def walk(objs: Iterable[LTItem]) -> None:
        for obj in objs:
            if isinstance(obj, LTChar):
                chars.append(obj)
            elif isinstance(obj, LTContainer):  # a form XObject: what it draws, not itself
                walk(obj)
            else:
                d = page.process_object(obj)
                drawn.setdefault(d["object_type"], []).append(d)

    walk(page.layout)
    return chars, drawn


def _font_name(name: Any) -> str:
    """A glyph's font as lines carry it: pdfplumber's decoding of byte names, then the base name."""
    return base_font(fix_fontname_bytes(name) if isinstance(name, bytes) else name)


def _turner(quarter: int, width: float, height: float) -> Any:
    """A box on the displayed page -> the same box on the page turned so that `quarter` text reads upright."""

    def turn(b: BBox) -> BBox:
        x0, top, x1, bottom = b
        if quarter == 1:  # text runs up the page: its lines stack to the right
            return (height - bottom, x0, height - top, x1)
        if quarter == 2:
            return (width - x1, height - bottom, width - x0, height - top)
        if quarter == 3:  # text runs down the page: its lines stack to the left
            return (top, width - x1, bottom, width - x0)
        return b

    return turn


def _shapes(drawn: dict[str, list[dict[str, Any]]]) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """(thin rules, stroked boxes, filled areas) from the page's vector graphics."""
    rules: list[BBox] = []
    boxes: list[BBox] = []
    fills: list[BBox] = []
    for obj in (*drawn.get("line", ()), *drawn.get("rect", ()), *drawn.get("curve", ())):
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


def _figures(images: list[BBox], fills: list[BBox], glyphs: list[Glyph]) -> tuple[list[BBox], list[BBox]]:
    """(photo areas, tinted boxes): images and big text-free filled shapes; filled shapes with text."""
    out: list[BBox] = []
    tinted: list[BBox] = []
    for bbox in images:
        if min(bbox[2] - bbox[0], bbox[3] - bbox[1]) >= MIN_FIGURE_SIDE:
            out.append(bbox)
    for x0, top, x1, bottom in fills:
        # A tinted box behind text (a pull quote, a column label) is a box, not a photo.
        if any(x0 <= g[1] and g[3] <= x1 and top <= g[2] and g[4] <= bottom for g in glyphs):
            tinted.append((x0, top, x1, bottom))
        elif min(x1 - x0, bottom - top) >= MIN_FIGURE_SIDE:
            out.append((x0, top, x1, bottom))
    return out, tinted


def _image_boxes(drawn: dict[str, list[dict[str, Any]]]) -> list[BBox]:
    return [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in drawn.get("image", ())]


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
