"""Page images to positioned lines: one image, a multi-page TIFF, or a folder of pages.

A folder is one issue: its files, in natural name order (p2 before p10), are
its pages, and a TIFF inside contributes all its frames. Every image's
dimensions are read from its header and checked against the pixel cap
before any pixel is decoded, so a decompression bomb is refused cheaply.
Decoding is OpenCV's (PNG, JPEG incl. CMYK, TIFF incl. multi-page, 8/16 bit).
"""

from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from ..errors import CorruptInput, EmptyInput, ImageTooLarge, UnreadableInput
from ..model import PageText
from ..settings import Settings

DECODE_FLAGS = cv2.IMREAD_GRAYSCALE | cv2.IMREAD_ANYDEPTH
# Fewer pixels a side hold no line of text OCR can read (and its scaling steps need some).
MIN_SIDE = 16
MIN_HEADER_DPI = 100  # below this a header dpi is a placeholder (72, 1), not a scan resolution
MAX_HEADER_DPI = 1200


def image_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    files = sorted(
        (p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")),
        key=lambda p: _natural(p.name),
    )
    if not files:
        raise EmptyInput(path, "folder has no page images")
    return files


def _natural(name: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", name) if part]


def header(path: Path, settings: Settings, frame: int = 0) -> tuple[int, float]:
    """(frames in the file, dpi of `frame`) from the header, after the pixel-cap check."""
    if path.is_file() and path.stat().st_size == 0:
        raise EmptyInput(path, "empty file")
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # our own cap below replaces PIL's warning threshold
    try:
        with Image.open(path) as im:
            frames = int(getattr(im, "n_frames", 1))
            if frame:
                im.seek(frame)
            w, h = im.size
            dpi_x = float((im.info.get("dpi") or (0, 0))[0] or 0)
    except FileNotFoundError as e:
        raise UnreadableInput(path, "no such file") from e
    except PermissionError as e:
        raise UnreadableInput(path, "permission denied") from e
    except (UnidentifiedImageError, EOFError, SyntaxError, ValueError) as e:
        raise CorruptInput(path, f"not a readable image ({type(e).__name__})") from e
    except OSError as e:
        raise CorruptInput(path, f"damaged image ({e})") from e
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if w * h > settings.max_pixels:
        raise ImageTooLarge(path, f"{w}x{h} pixels is over the {settings.max_pixels:,}-pixel cap")
    if min(w, h) < MIN_SIDE:
        raise CorruptInput(path, f"{w}x{h} pixels is too small to hold a line of text")
    dpi = dpi_x if MIN_HEADER_DPI <= dpi_x <= MAX_HEADER_DPI else float(settings.dpi)
    return frames, dpi


def _pages(path: Path, settings: Settings) -> list[tuple[Path, int]]:
    """(file, frame) of every page, in order."""
    out: list[tuple[Path, int]] = []
    for f in image_files(path):
        frames, _ = header(f, settings)
        out.extend((f, i) for i in range(frames))
    return out


def image_page_count(path: Path, settings: Settings) -> int:
    return len(_pages(path, settings))


def load_page(file: Path, frame: int, settings: Settings) -> tuple[np.ndarray, float]:
    """(decoded pixels of one page, its dpi); the header is checked first."""
    frames, dpi = header(file, settings, frame)
    if frames > 1:
        ok, mats = cv2.imreadmulti(str(file), start=frame, count=1, flags=DECODE_FLAGS)
        pixels = mats[0] if ok and mats else None
    else:
        pixels = cv2.imdecode(np.fromfile(file, dtype=np.uint8), DECODE_FLAGS)
    if pixels is None or pixels.size == 0:
        raise CorruptInput(file, "image does not decode")
    return pixels, dpi


def _page(path: Path, n: int, settings: Settings) -> tuple[Path, int]:
    """(file, frame) of page `n` (1-based) of an image input."""
    pages = _pages(path, settings)
    if not 1 <= n <= len(pages):
        raise CorruptInput(path, f"page {n} out of range (1-{len(pages)})")
    return pages[n - 1]


def page_pixels(path: Path, n: int, settings: Settings) -> tuple[np.ndarray, float]:
    """(decoded pixels of page `n` (1-based) of an image input, its dpi)."""
    return load_page(*_page(path, n, settings), settings)


def extract_image_page(path: Path, n: int, settings: Settings) -> PageText:
    """Page `n` (1-based) of an image input, OCRed."""
    return _ocr(*_page(path, n, settings), n, settings)


def _ocr(file: Path, frame: int, n: int, settings: Settings) -> PageText:
    from .malformed import reading
    from .ocr import ocr_page_image

    with reading(file, n):
        pixels, dpi = load_page(file, frame, settings)
        return ocr_page_image(pixels, n, dpi, settings)
