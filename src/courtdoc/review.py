"""Page pictures and a review page: what courtdoc found, drawn on the page it found it on.

For each page with geometry, a PNG of the page in the manifest's own
coordinate frame (the rendered PDF page for a text layer; for an OCR page the
deskewed scan, because OCR boxes are points on the deskewed image) with every
article's box outlined and numbered in reading order, its title at the box,
furniture and notes shaded, and articles below `LOW_CONFIDENCE` in the warning
colour. `review.html` puts each picture beside its articles' text, with the
warnings on top; it loads nothing but the pictures in its own folder, so a
document folder can be copied anywhere and opened offline.

The pictures need the source (to render or decode the page again) and the
page lines (the layout's furniture and note blocks: the manifest keeps their
text, not where they were), so they are made when the document is written.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .errors import InputError
from .layout import page_blocks
from .model import Article, BBox, Document, PageInfo, PageText
from .pipeline import input_kind
from .selfcheck import FLAGGED_BELOW
from .settings import Settings
from .sources import preprocess

REVIEW_HTML = "review.html"
PICTURES = "review"
# px: the width OCR measures the skew at, so an OCR page's picture is turned by the
# angle OCR turned it by; ~100 dpi on an A3 page, where 9-pt body type stays readable.
PICTURE_WIDTH = preprocess.SKEW_WIDTH
THUMB_WIDTH = 320  # px: a page in a report table, wide enough to tell the article boxes apart
# One threshold: an article the self-check flags is one to check, drawn in the warning colour, listed on top.
LOW_CONFIDENCE = FLAGGED_BELOW

LINE_PX = 3  # outline width: visible at thumbnail size, thinner than a gutter at picture size
LABEL_PX = 18  # label type size: about a headline's size at PICTURE_WIDTH
LABEL_FONT = "NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk; found in the system font folders
LABEL_FONT_FACE = 2  # Simplified Chinese face of that collection (JP, KR, SC, TC, HK)
TITLE_CHARS = 12  # title characters in a label: enough to recognise it, short enough for a column
# Colours in a picture: the gray levels of the print plus the outline and shade colours.
# A palette PNG is a quarter of an RGB one (0.22 against 0.93 MB for an A3 page) and faster.
PALETTE = 64
SHADE_ALPHA = 80  # of 255: shading that leaves the print under it legible

# Colours cycle through articles of a page; none of them reads as a warning.
COLOURS = ((31, 119, 180), (44, 160, 44), (148, 103, 189), (23, 150, 170))
WARNING = (214, 39, 40)
SHADES = {"furniture": (120, 120, 120), "note": (240, 190, 0)}
SHADED_ROLES = {"furniture": "furniture", "pull-quote": "note", "column-label": "note"}

Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Picture:
    file: str  # relative to the document folder
    width: int
    height: int


def page_anchor(page: int) -> str:
    """The page's section in review.html (`review.html#p03`) and its picture's name."""
    return f"p{page:02d}"


def picture_file(page: int) -> str:
    return f"{PICTURES}/{page_anchor(page)}.png"


def review_files(
    doc: Document,
    pages: Sequence[PageText],
    source: Path,
    settings: Settings,
    low_confidence: float = LOW_CONFIDENCE,
) -> Iterator[tuple[str, bytes]]:
    """(relative name, content) of each page picture, then of review.html; one page in memory at a time."""
    lines = {p.number: p for p in pages}
    pictures: dict[int, Picture] = {}
    missing: dict[int, str] = {}
    for info in doc.pages:
        page = lines.get(info.number)
        if page is None or not info.width or not any(ln.bbox for ln in page.lines):
            continue
        try:
            gray = page_image(source, info, settings)
        except (InputError, OSError) as exc:  # the articles stand without their picture
            missing[info.number] = str(getattr(exc, "reason", exc))
            continue
        articles = [a for a in doc.articles if a.page == info.number]
        image = draw_page(gray, info.width, articles, shaded_regions(page), low_confidence)
        pictures[info.number] = Picture(picture_file(info.number), image.width, image.height)
        yield pictures[info.number].file, png_bytes(image)
    yield REVIEW_HTML, review_html(doc, pictures, missing, low_confidence).encode("utf-8")


def page_image(source: Path, page: PageInfo, settings: Settings) -> np.ndarray:
    """The page as 8-bit gray pixels about PICTURE_WIDTH wide, in the frame its boxes are in."""
    if input_kind(source) == "pdf":
        from .sources.raster import render_pdf_page

        dpi = PICTURE_WIDTH * 72 / (page.width or PICTURE_WIDTH)
        gray, _ = render_pdf_page(source, page.number, settings.with_(dpi=dpi))
    else:
        from .sources.image import page_pixels

        pixels, _ = page_pixels(source, page.number, settings)
        gray = downscaled(preprocess.to_gray(pixels), PICTURE_WIDTH)
    if page.method == "ocr":
        # Deskewing turns about the centre on a canvas of the same size, so turning the
        # downscaled page is the downscaled deskewed page OCR read.
        gray, _ = preprocess.clean_page(gray)
    return gray


def downscaled(gray: np.ndarray, width: int) -> np.ndarray:
    h, w = gray.shape
    if w <= width:
        return gray
    return cv2.resize(gray, (width, max(1, round(h * width / w))), interpolation=cv2.INTER_AREA)


def shaded_regions(page: PageText) -> list[tuple[str, BBox]]:
    """(furniture or note, box) of the layout's blocks that are neither article nor body."""
    return [(SHADED_ROLES[b.role], b.bbox) for b in page_blocks(page) if b.role in SHADED_ROLES and b.bbox]


def article_colour(number: int, article: Article, low_confidence: float) -> Colour:
    """The colour of the `number`th article of its page (1-based), in the picture and the page alike."""
    if article.confidence < low_confidence:
        return WARNING
    return COLOURS[(number - 1) % len(COLOURS)]


def draw_page(
    gray: np.ndarray,
    page_width: float,
    articles: Sequence[Article],
    shaded: Sequence[tuple[str, BBox]],
    low_confidence: float,
) -> Image.Image:
    """The page picture: shading under, numbered article outlines with their titles over it."""
    scale = gray.shape[1] / page_width

    def px(box: BBox) -> tuple[int, int, int, int]:
        return (round(box[0] * scale), round(box[1] * scale), round(box[2] * scale), round(box[3] * scale))

    image = Image.fromarray(gray).convert("RGBA")
    shade = Image.new("RGBA", image.size, (0, 0, 0, 0))
    shade_draw = ImageDraw.Draw(shade)
    for kind, box in shaded:
        shade_draw.rectangle(px(box), fill=(*SHADES[kind], SHADE_ALPHA))
    image = Image.alpha_composite(image, shade).convert("RGB")
    draw = ImageDraw.Draw(image)
    font, has_cjk = _label_font()
    for number, article in enumerate(articles, start=1):
        if article.bbox is None:
            continue
        colour = article_colour(number, article, low_confidence)
        x0, top, x1, bottom = px(article.bbox)
        draw.rectangle((x0, top, x1, bottom), outline=colour, width=LINE_PX)
        label = f"{number} {_short(article.title)}" if has_cjk else str(number)
        left, upper, right, lower = draw.textbbox((0, 0), label, font=font)
        w, h = right - left + 2 * LINE_PX, lower - upper + 2 * LINE_PX
        # Above the box where the page has room, so the printed headline stays visible under it.
        y = top - h if top >= h else top
        x = max(0, min(x0, image.width - w))  # a box at the right edge keeps its whole label
        draw.rectangle((x, y, x + w, y + h), fill=colour)
        draw.text((x + LINE_PX - left, y + LINE_PX - upper), label, font=font, fill=(255, 255, 255))
    return image


@cache
def _label_font() -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """The label font, and whether it has Chinese; without a CJK font labels show numbers only."""
    try:
        return ImageFont.truetype(LABEL_FONT, LABEL_PX, index=LABEL_FONT_FACE), True
    except OSError:
        return ImageFont.load_default(LABEL_PX), False


def _short(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS] + "…"


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.quantize(PALETTE, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
    return buf.getvalue()


def thumbnail_uri(folder: Path, page: int, width: int = THUMB_WIDTH) -> str | None:
    """A page picture of a written document as a small PNG data URI; None if it has none."""
    try:
        with Image.open(folder / picture_file(page)) as im:
            small = im.convert("RGB")  # a palette image would be shrunk by dropping pixels, not averaging
        small.thumbnail((width, width * 4))  # the width decides: no page is four times as tall as wide
        return "data:image/png;base64," + base64.b64encode(png_bytes(small)).decode("ascii")
    except OSError:
        return None


# --- review.html ----------------------------------------------------------------

_STYLE = """
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Noto Serif CJK SC",sans-serif;color:#222;background:#eee}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #bbb}
h1{font-size:20px;margin:0 0 4px}
.facts{margin:0;color:#555}
.warnings{margin:8px 0 0;padding-left:20px;color:#a61b1b}
.legend span{display:inline-block;padding:0 6px;margin-right:8px}
section.page{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px 20px}
figure{margin:0;position:sticky;top:0;align-self:start}
figure img{display:block;width:100%;height:auto;background:#fff;border:1px solid #999}
figcaption{color:#555;font-size:13px}
.articles h2{font-size:17px;margin:0 0 8px}
article{background:#fff;border-left:6px solid var(--c);padding:8px 12px;margin:0 0 10px}
article.low{background:#fff0ef}
article h3{font-size:17px;margin:0}
.num{display:inline-block;min-width:1.6em;margin-right:6px;text-align:center;color:#fff;background:var(--c)}
.meta{color:#555;font-size:13px;margin:2px 0 6px}
article p{margin:0 0 6px}
article p.heading{font-weight:bold}
"""


def review_html(
    doc: Document, pictures: dict[int, Picture], missing: dict[int, str], low_confidence: float
) -> str:
    e = html.escape
    facts = [doc.source.kind, _count(len(doc.pages), "page"), _count(len(doc.articles), "article")]
    facts += [v for v in (doc.issue.paper, doc.issue.date, doc.issue.page_label) if v]
    warnings = [w for p in doc.pages for w in p.warnings]
    warnings += [f"page {n}: no picture ({why})" for n, why in missing.items()]
    warnings += [
        f"{a.id} (page {a.page}): confidence {a.confidence:.2f}, below {low_confidence:g}: check it on its page"
        for a in doc.articles
        if a.confidence < low_confidence
    ]
    out = [
        '<!doctype html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">',
        f"<title>courtdoc review: {e(Path(doc.source.path).name)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>",
        f"<header>\n<h1>{e(Path(doc.source.path).name)}</h1>\n<p class=\"facts\">{e(' · '.join(facts))}</p>",
        '<p class="legend">outlines: articles in reading order'
        f' <span style="background:rgb{WARNING};color:#fff">confidence below {low_confidence:g}</span>'
        f' <span style="background:rgba{(*SHADES["furniture"], SHADE_ALPHA / 255)}">furniture</span>'
        f' <span style="background:rgba{(*SHADES["note"], SHADE_ALPHA / 255)}">notes</span></p>',
    ]
    if warnings:
        out.append('<ul class="warnings">' + "".join(f"<li>{e(w)}</li>" for w in warnings) + "</ul>")
    out.append("</header>")
    for page in doc.pages:
        out.append(_page_section(page, [a for a in doc.articles if a.page == page.number], pictures.get(page.number), low_confidence))
    if doc.furniture or doc.notes:
        out.append('<section class="page"><div class="articles"><h2>Furniture and notes</h2>')
        out += [f'<p class="meta">furniture: {e(f)}</p>' for f in doc.furniture]
        out += [f'<p class="meta">{e(n.type)}: {e(n.text)} {e(n.source or "")}</p>' for n in doc.notes]
        out.append("</div></section>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _page_section(page: PageInfo, articles: list[Article], picture: Picture | None, low_confidence: float) -> str:
    e = html.escape
    caption = f"page {page.number} · {page.method} · confidence {page.confidence:.2f}"
    out = [f'<section class="page" id="{page_anchor(page.number)}">']
    if picture:
        out.append(
            f'<figure><img src="{e(picture.file)}" width="{picture.width}" height="{picture.height}" '
            f'alt="page {page.number} with numbered article outlines"><figcaption>{e(caption)}</figcaption></figure>'
        )
    out.append(f'<div class="articles"><h2>{e(caption)}</h2>')
    for number, a in enumerate(articles, start=1):
        colour = article_colour(number, a, low_confidence)
        low = " low" if a.confidence < low_confidence else ""
        meta = [f"{a.id}", f"confidence {a.confidence:.2f}", f"{sum(len(b.text) for b in a.blocks)} characters"]
        meta += [f"{name}: {v}" for name, v in (("kicker", a.kicker), ("subtitle", a.subtitle), ("byline", a.byline), ("dateline", a.dateline)) if v]
        out.append(f'<article id="{e(a.id)}" class="article{low}" style="--c:rgb{colour}">')
        out.append(f'<h3><span class="num">{number}</span>{e(a.title)}</h3>\n<p class="meta">{e(" · ".join(meta))}</p>')
        out += [f'<p class="{b.type}">{e(b.text)}</p>' for b in a.blocks]
        if a.attribution:
            out.append(f"<p>{e(a.attribution)}</p>")
        out += [f'<p class="meta">图：{e(c)}</p>' for c in a.captions]
        out.append("</article>")
    out.append("</div></section>")
    return "\n".join(out)
