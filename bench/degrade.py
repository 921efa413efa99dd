"""The degraded forms of a page: a 300-dpi scan, its image-only PDF, and a
PDF whose ink is right but whose text layer is garbage."""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np

DPI = 300


def render_gray(pdf: Path, dpi: int = DPI) -> np.ndarray:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[0].render(scale=dpi / 72, grayscale=True)
        img = np.array(bitmap.to_pil().convert("L"))
    finally:
        doc.close()
    return img


def degrade(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, dict]:
    """Rotate, tone, blur and noise a clean grey page as a flatbed scan would."""
    h, w = img.shape
    angle = rng.uniform(0.2, 1.5) * rng.choice([-1, 1])
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    paper = rng.uniform(228, 246)
    rotated = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    sigma = rng.uniform(0.5, 1.1)
    blurred = cv2.GaussianBlur(rotated, (0, 0), sigma)
    nprng = np.random.default_rng(rng.randrange(1 << 31))
    # Ink stays dark, white paper becomes the paper tone; a slow shading across the page.
    toned = blurred.astype(np.float32) * (paper / 255.0)
    shade = np.linspace(rng.uniform(-10, 0), rng.uniform(0, 8), w, dtype=np.float32)[None, :]
    noise_sigma = rng.uniform(4, 10)
    toned += shade + nprng.normal(0, noise_sigma, size=(h, w)).astype(np.float32)
    grey = np.clip(toned, 0, 255).astype(np.uint8)
    tint = np.array([rng.uniform(0.9, 0.97), rng.uniform(0.96, 1.0), 1.0], dtype=np.float32)  # B, G, R: yellowish
    colour = np.clip(grey[:, :, None].astype(np.float32) * tint[None, None, :], 0, 255).astype(np.uint8)
    params = {
        "dpi": DPI,
        "rotation_deg": round(angle, 3),
        "blur_sigma": round(sigma, 3),
        "noise_sigma": round(noise_sigma, 2),
        "paper": round(paper, 1),
    }
    return colour, params


def scan_page(text_pdf: Path, out_dir: Path, rng: random.Random, *, with_pdf: bool = True) -> dict:
    """Write `scan.jpg` (+ `scan.pdf`) and `scan.json` with the degradation parameters."""
    img, params = degrade(render_gray(text_pdf), rng)
    quality = rng.randint(50, 75)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    jpg = out_dir / "scan.jpg"
    jpg.write_bytes(buf.tobytes())
    params.update(jpeg_quality=quality, width_px=img.shape[1], height_px=img.shape[0])
    (out_dir / "scan.json").write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    if with_pdf:
        image_pdf(jpg, text_pdf, out_dir / "scan.pdf")
    return params


def page_size(pdf: Path) -> tuple[float, float]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[0].get_size()
    finally:
        doc.close()


def image_pdf(jpg: Path, like_pdf: Path, dest: Path) -> None:
    """An image-only PDF of `jpg` at the page size of `like_pdf` (the JPEG is embedded as is)."""
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    # Embed the JPEG bytes as they are, not ASCII85-inflated by a quarter.
    rl_config.useA85 = 0
    w, h = page_size(like_pdf)
    c = canvas.Canvas(str(dest), pagesize=(w, h), invariant=1)
    c.drawImage(str(jpg), 0, 0, w, h)
    c.showPage()
    c.save()


def strip_tounicode(text_pdf: Path, dest: Path) -> None:
    """The text PDF with every /ToUnicode entry renamed, so no reader can map its codes.

    reportlab writes each font subset as a simple TrueType font whose codes are
    0-255 per subset; without ToUnicode a reader falls back to standard encodings
    (ASCII stays readable, CJK turns into `(cid:N)` or Latin junk). Renaming the key
    keeps every byte offset, so the xref table stays valid and the ink is unchanged.
    """
    data = text_pdf.read_bytes()
    if b"/ToUnicode" not in data:
        raise RuntimeError(f"{text_pdf}: no /ToUnicode to strip (compressed object streams?)")
    dest.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
