"""Image inputs: formats OpenCV must decode, the pixel cap, multi-page TIFF, page folders."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from ocr_pages import as_array, text_image
from PIL import Image

from courtdoc.errors import CorruptInput, EmptyInput, ImageTooLarge
from courtdoc.pipeline import iter_pages
from courtdoc.settings import Settings
from courtdoc.sources.image import extract_image_page, image_files, image_page_count, load_page


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return text_image(["赤峰市中级人民法院", "召开全市法院工作会议"])


def png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG whose header claims `width` x `height` and whose pixels are missing."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))


def test_pixel_cap_is_checked_before_decoding(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    png_header_only(bomb, 100_000, 100_000)  # 10 Gpx claimed, 45 bytes on disk
    with pytest.raises(ImageTooLarge, match="100000x100000 pixels"):
        image_page_count(bomb, Settings())
    with pytest.raises(ImageTooLarge):
        extract_image_page(bomb, 1, Settings())


def test_pixel_cap_setting(tmp_path: Path, page: Image.Image) -> None:
    f = tmp_path / "p.png"
    page.save(f)
    assert image_page_count(f, Settings()) == 1
    with pytest.raises(ImageTooLarge):
        load_page(f, 0, Settings(max_pixels=1000))


def test_not_an_image(tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(CorruptInput):
        image_page_count(fake, Settings())
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInput):
        image_page_count(empty, Settings())


def test_truncated_image(tmp_path: Path, page: Image.Image) -> None:
    f = tmp_path / "cut.png"
    page.save(f)
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptInput):
        load_page(f, 0, Settings())


def test_cmyk_and_16_bit_decode(tmp_path: Path, page: Image.Image) -> None:
    gray = as_array(page).astype(np.int16)
    page.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=95)
    page.convert("CMYK").save(tmp_path / "cmyk.tif")
    cv2.imwrite(str(tmp_path / "deep.png"), gray.astype(np.uint16) * 257)
    for name in ("cmyk.jpg", "cmyk.tif", "deep.png"):
        pixels, dpi = load_page(tmp_path / name, 0, Settings())
        assert pixels.shape == gray.shape, name
        # The same page, not an inverted or black one.
        assert np.abs(pixels.astype(np.float64) / (257 if pixels.dtype == np.uint16 else 1) - gray).mean() < 4, name
        assert dpi == 300


def test_header_dpi_is_used(tmp_path: Path, page: Image.Image) -> None:
    page.save(tmp_path / "a.png", dpi=(200, 200))
    page.save(tmp_path / "b.png", dpi=(72, 72))  # a placeholder, not a scan resolution
    assert load_page(tmp_path / "a.png", 0, Settings())[1] == pytest.approx(200, abs=1)
    assert load_page(tmp_path / "b.png", 0, Settings(dpi=400))[1] == 400


def test_folder_pages_in_natural_order(tmp_path: Path, page: Image.Image) -> None:
    for name in ("p10.png", "p2.png", "p1.png"):
        page.save(tmp_path / name)
    assert [p.name for p in image_files(tmp_path)] == ["p1.png", "p2.png", "p10.png"]
    assert image_page_count(tmp_path, Settings()) == 3


@pytest.mark.slow
def test_multipage_tiff_pages_are_read(tmp_path: Path) -> None:
    one = text_image(["第一版要闻"])
    two = text_image(["第二版法治"])
    f = tmp_path / "issue.tif"
    one.save(f, save_all=True, append_images=[two], dpi=(300, 300), compression="tiff_lzw")
    assert image_page_count(f, Settings()) == 2
    pages = list(iter_pages(f, Settings()))
    assert [p.number for p in pages] == [1, 2]
    assert [[ln.text for ln in p.lines] for p in pages] == [["第一版要闻"], ["第二版法治"]]
    assert extract_image_page(f, 2, Settings()).lines[0].text == "第二版法治"
    with pytest.raises(CorruptInput, match="out of range"):
        extract_image_page(f, 3, Settings())
