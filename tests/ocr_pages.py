"""Generated page images for the OCR, image and raster tests: real CJK type, known text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FONT_SC = 2  # index of Noto Serif CJK SC in the collection
BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")  # Hei bold, same SC index


def seed_lines(shared: Path, count: int = 8, width: int = 22) -> list[str]:
    """Body text of the first seed article, re-wrapped to `width` characters a line."""
    text = (shared / "seeds" / "000_dc487b75dec15628.txt").read_text(encoding="utf-8")
    body = "".join(ln.strip() for ln in text.splitlines()[6:] if ln.strip())
    return [body[i : i + width] for i in range(0, width * count, width)]


def text_image(
    lines: list[str], px: int = 42, margin: int = 60, leading: float = 1.7, bold: frozenset[int] = frozenset()
) -> Image.Image:
    """White page with `lines` set in `px`-pixel type (42 px = 10 pt at 300 dpi); the lines
    numbered in `bold` in bold Hei, the others in Song."""
    fonts = [ImageFont.truetype(str(BOLD if i in bold else FONT), px, index=FONT_SC) for i in range(len(lines))]
    width = max(int(f.getlength(ln)) for f, ln in zip(fonts, lines, strict=True)) + 2 * margin
    height = int(len(lines) * px * leading) + 2 * margin
    im = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(im)
    for i, (f, ln) in enumerate(zip(fonts, lines, strict=True)):
        draw.text((margin, margin + i * px * leading), ln, font=f, fill=0)
    return im


def as_array(im: Image.Image) -> np.ndarray:
    return np.asarray(im.convert("L"))


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # AR PL UMing: traditional glyphs, TrueType


def vertical_page(columns: list[str], pt: float = 14, gap: float = 0.8, margin: float = 36) -> np.ndarray:
    """A page set vertically, as old papers are: `columns` right to left, each read top to
    bottom, typeset by reportlab in AR PL UMing and rendered at 300 dpi (grayscale)."""
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("UMing", str(UMING), subfontIndex=0))
    pitch = pt * (1 + gap)
    width = 2 * margin + len(columns) * pitch
    height = 2 * margin + max(len(c) for c in columns) * pt
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(width, height))
    pdf.setFont("UMing", pt)
    for i, column in enumerate(columns):
        x = width - margin - (i + 1) * pitch + gap * pt / 2
        for j, ch in enumerate(column):
            pdf.drawString(x, height - margin - (j + 1) * pt + 0.12 * pt, ch)
    pdf.save()
    page = pdfium.PdfDocument(buf.getvalue())[0]
    return np.asarray(page.render(scale=300 / 72, grayscale=True).to_pil().convert("L"))


def run_in_line(head: str, text: str, blank: float, px: int = 42, margin: int = 30) -> Image.Image:
    """One line opening with `head` in bold Hei, then a blank of `blank` em, then `text` in Song:
    a run-in dateline as papers set it (锡林郭勒讯 锡林郭勒盟…)."""
    bold, song = (ImageFont.truetype(str(f), px, index=FONT_SC) for f in (BOLD, FONT))
    start = margin + int(bold.getlength(head) + blank * px)
    im = Image.new("L", (start + int(song.getlength(text)) + margin, px + 2 * margin), 255)
    draw = ImageDraw.Draw(im)
    draw.text((margin, margin), head, font=bold, fill=0)
    draw.text((start, margin), text, font=song, fill=0)
    return im


def label_and_headline(label: str, headline: str, px: int = 42, head_px: int = 110) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A page with a reversed label (`label` in white Hei on a black fill, as a column's name is
    set) over a fake-bold headline (`headline` in bold Hei drawn thickened until its glyphs run
    together into blobs, as on the README's sample scan), and the text boxes of both lines."""
    bold = ImageFont.truetype(str(BOLD), px, index=FONT_SC)
    heavy = ImageFont.truetype(str(BOLD), head_px, index=FONT_SC)
    pad = px // 2
    fill = (60, 60, 60 + int(bold.getlength(label)) + 2 * pad, 60 + px + 2 * pad)
    head_top = fill[3] + px
    im = Image.new("L", (2 * 60 + int(heavy.getlength(headline)) + 20, head_top + 2 * head_px), 255)
    draw = ImageDraw.Draw(im)
    draw.rectangle((fill[0], fill[1], fill[2] - 1, fill[3] - 1), fill=0)
    draw.text((fill[0] + pad, fill[1] + pad), label, font=bold, fill=255)
    draw.text((60, head_top), headline, font=heavy, fill=0, stroke_width=head_px // 16, stroke_fill=0)
    head = (60, head_top, 60 + int(heavy.getlength(headline)), head_top + head_px + head_px // 6)
    return im, [(fill[0] + pad // 2, fill[1] + pad // 2, fill[2] - pad // 2, fill[3] - pad // 2), head]
