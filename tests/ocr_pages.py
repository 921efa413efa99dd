"""Generated page images for the OCR, image and raster tests: real CJK type, known text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FONT_SC = 2  # index of Noto Serif CJK SC in the collection


def seed_lines(shared: Path, count: int = 8, width: int = 22) -> list[str]:
    """Body text of the first seed article, re-wrapped to `width` characters a line."""
    text = (shared / "seeds" / "000_dc487b75dec15628.txt").read_text(encoding="utf-8")
    body = "".join(ln.strip() for ln in text.splitlines()[6:] if ln.strip())
    return [body[i : i + width] for i in range(0, width * count, width)]


def text_image(lines: list[str], px: int = 42, margin: int = 60, leading: float = 1.7) -> Image.Image:
    """White page with `lines` set in `px`-pixel type (42 px = 10 pt at 300 dpi)."""
    font = ImageFont.truetype(str(FONT), px, index=FONT_SC)
    width = max(int(font.getlength(ln)) for ln in lines) + 2 * margin
    height = int(len(lines) * px * leading) + 2 * margin
    im = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(im)
    for i, ln in enumerate(lines):
        draw.text((margin, margin + i * px * leading), ln, font=font, fill=0)
    return im


def as_array(im: Image.Image) -> np.ndarray:
    return np.asarray(im.convert("L"))
