"""Generators for the hostile and awkward inputs of the reliability tests.

Everything is made on the fly in a test's tmp_path: real PDFs typeset with
reportlab and an embedded CJK TrueType font, real PNG/TIFF/JPEG files from
Pillow, and hand-written bytes for the broken ones (a PDF without pages, a
PNG whose header declares billions of pixels).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

FONT_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
IMAGE_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

ARTICLE = [
    "赤峰中院召开征求意见座谈会",
    "6月25日，赤峰市中级人民法院召开征求意见座谈会，听取人大代表、",
    "政协委员对法院工作的意见和建议。会议通报了今年以来审判执行工作",
    "情况，与会代表围绕诉源治理、执行难等问题提出了意见建议。",
]


def _font_name() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "UMing"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(FONT_FILE), subfontIndex=0))
    return name


def text_pdf(
    path: Path,
    pages: int = 1,
    lines: list[str] | None = None,
    rotate: bool = False,
    crop: tuple[float, float, float, float] | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """A born-digital PDF: `pages` A4 pages, each with `lines` (page number appended to the first)."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = pdfencrypt.StandardEncryption(
            user_password or "", ownerPassword=owner_password or "owner-secret", strength=128
        )
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    font = _font_name()
    body = lines or ARTICLE
    width, height = A4
    for n in range(1, pages + 1):
        top = height - 80
        if rotate:
            # Stored portrait with /Rotate 90 and the content drawn turned the other way,
            # as scanners and imposition tools write landscape pages: it displays upright.
            c.setPageRotation(90)
            c.translate(width, 0)
            c.rotate(90)
            top = width - 80
        if crop:
            c.setCropBox(crop)
        c.setFont(font, 20)
        c.drawString(72, top, f"{body[0]}（第{n}页）")
        c.setFont(font, 11)
        for i, line in enumerate(body[1:]):
            c.drawString(72, top - 40 - 16 * i, line)
        c.showPage()
    c.save()
    return path


def no_pages_pdf(path: Path) -> Path:
    """A syntactically valid PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(path: Path, width: int = 20_000, height: int = 20_000) -> Path:
    """A 1-bit grey PNG that declares width*height pixels and holds them in a few KiB of zlib."""
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + packed bits
    comp = zlib.compressobj(9)
    idat = bytearray()
    for _ in range(height):
        idat += comp.compress(row)
    idat += comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", bytes(idat)) + _chunk(b"IEND", b""))
    return path


def text_image(lines: list[str] | None = None, size: tuple[int, int] = (900, 260)):  # -> PIL.Image.Image
    """An RGB page photo with printed Chinese lines, big enough for OCR."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(IMAGE_FONT), 36)
    for i, line in enumerate(lines or ARTICLE[:3]):
        draw.text((30, 30 + 70 * i), line[:22], fill="black", font=font)
    return img


def binary_bytes() -> bytes:
    """Bytes no text codec should accept: an ELF header, NULs and every byte value."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8


def run_cli(*args: object, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`courtdoc ARGS...` in a fresh interpreter, as a user runs it (no terminal attached)."""
    env = {**os.environ, "COLUMNS": "250", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", "from courtdoc.cli import main; main()", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("courtdoc: error: ")]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}



# --- hand-made malformed PDFs ------------------------------------------------------------
# Each is a small, well-formed file (a correct xref) with one thing wrong inside, so
# the failure tested is the one named, not a damaged file in general.

HELLO = b"BT /F1 24 Tf 72 700 Td (Hello court) Tj ET"


def raw_pdf(path: Path, objects: dict[int, bytes], root: int = 1) -> Path:
    """A PDF of the given `N 0 obj` bodies with an exact xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, extra: bytes = b"", length: bytes | None = None) -> bytes:
    declared = length if length is not None else b"%d" % len(data)
    return b"<< /Length " + declared + b" " + extra + b">>\nstream\n" + data + b"\nendstream"


def one_page_pdf(path: Path, page: bytes = b"", content: bytes | None = None, **objects: bytes) -> Path:
    """Catalog, one page (its dict extended by `page`), a Helvetica font and a content stream.

    Defaults make a good page that reads "Hello court"; `page` entries given twice
    (a second /MediaBox) override the default as pdfminer reads the last one.
    """
    body = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R " + page + b">>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: stream(HELLO if content is None else content),
    }
    for key, value in objects.items():  # obj6=b"6 0 R": extra numbered objects
        body[int(key.removeprefix("obj"))] = value
    return raw_pdf(path, body)


def deep_tree_pdf(path: Path, depth: int = 5000) -> Path:
    """A page tree of `depth` nested /Pages nodes over one page."""
    body = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    body[5] = stream(HELLO)
    for level in range(depth):
        num = 10 + level
        parent = b"/Parent %d 0 R " % (num - 1) if level else b""
        body[num] = b"<< /Type /Pages " + parent + b"/Kids [%d 0 R] /Count 1 >>" % (num + 1)
    leaf = 10 + depth
    body[leaf] = (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] " % (leaf - 1)
        + b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    )
    return raw_pdf(path, body)


def flate_bomb_pdf(path: Path, inflated_mib: int = 1024) -> Path:
    """A page whose content stream is a few hundred KiB of zlib that inflates to `inflated_mib` MiB."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(inflated_mib)) + comp.flush()
    return one_page_pdf(path, content=b"", obj5=stream(data, b"/Filter /FlateDecode "))


def lzw_bomb_pdf(path: Path, inflated_mib: int = 1024) -> Path:
    """A page whose content stream is under a MiB of LZW codes that inflate to `inflated_mib` MiB.

    Each code after a clear names the string one space longer than the code before
    (the "string plus its own first byte" case of LZW), so a table's ~3,700 codes
    give ~7 MB of spaces.
    """
    last = 4000  # the code before the next clear: under LZW's 12-bit limit of 4095
    cycle = [CLEAR, ord(" "), *range(FIRST_CODE, last + 1)]
    per_cycle = (last - FIRST_CODE + 2) * (last - FIRST_CODE + 3) // 2
    codes = cycle * -(-(inflated_mib << 20) // per_cycle) + [EOD]
    return one_page_pdf(path, content=b"", obj5=stream(lzw_pack(codes), b"/Filter /LZWDecode "))


def lzw_pdf(path: Path, content: bytes = HELLO) -> Path:
    """A good page whose content stream is LZW-compressed."""
    return one_page_pdf(path, content=b"", obj5=stream(lzw_pack(lzw_codes(content)), b"/Filter /LZWDecode "))


CLEAR, EOD, FIRST_CODE = 256, 257, 258
_LZW_TABLE_FULL = 4000  # entries after which the encoder clears, under the 12-bit limit


def lzw_codes(data: bytes) -> list[int]:
    """PDF LZW codes for `data` (plain LZW with clear codes)."""
    codes = [CLEAR]
    table = {bytes([b]): b for b in range(256)}
    word = b""
    for b in data:
        longer = word + bytes([b])
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        table[longer] = FIRST_CODE + len(table) - 256
        word = bytes([b])
        if len(table) >= _LZW_TABLE_FULL:
            codes.append(CLEAR)
            table = {bytes([c]): c for c in range(256)}
    if word:
        codes.append(table[word])
    return codes + [EOD]


def lzw_pack(codes: list[int]) -> bytes:
    """The codes packed high bit first, each as wide as PDF's LZWDecode (EarlyChange 1) reads it."""
    bits = width = 9
    size, fresh = FIRST_CODE, True  # the decoder's table size; no entry is added for a clear's first code
    out = bytearray()
    acc, n = 0, 0  # bits not yet written out
    for code in codes:
        acc, n = (acc << width) | code, n + width
        while n >= 8:
            n -= 8
            out.append(acc >> n)
            acc &= (1 << n) - 1
        if code == CLEAR:
            size, fresh, width = FIRST_CODE, True, bits
            continue
        if fresh:
            fresh = False
        else:
            size += 1
        width = 9 if size < 511 else 10 if size < 1023 else 11 if size < 2047 else 12
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def malformed_pdfs(folder: Path) -> dict[str, Path]:
    """The malformed PDFs of the hostile-input probe, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = {
        "self-contents": dict(page=b"", obj5=b"5 0 R"),
        "self-mediabox": dict(page=b"/MediaBox 6 0 R", obj6=b"6 0 R"),
        "ref-cycle": dict(page=b"/MediaBox 6 0 R", obj6=b"7 0 R", obj7=b"6 0 R"),
        "array-cycle": dict(page=b"/Annots 6 0 R", obj6=b"[6 0 R]"),
        "rotate-name": dict(page=b"/Rotate /Ninety"),
        "rotate-odd": dict(page=b"/Rotate 45"),
        "mediabox-names": dict(page=b"/MediaBox [/a /b /c /d]"),
        "mediabox-2": dict(page=b"/MediaBox [0 0]"),
        "mediabox-1e30": dict(page=b"/MediaBox [0 0 1e30 1e30]"),
        "mediabox-huge": dict(page=b"/MediaBox [0 0 1" + b"0" * 30 + b" 792]"),
        "mediabox-empty": dict(page=b"/MediaBox [0 0 0 0]"),
        "length-huge": dict(obj5=stream(HELLO, length=b"1000000000000")),
        "length-negative": dict(obj5=stream(HELLO, length=b"-5")),
        "contents-not-stream": dict(obj5=b"(just a string)"),
        "font-missing": dict(obj4=b"null"),
    }
    made = {name: one_page_pdf(folder / f"{name}.pdf", **kw) for name, kw in cases.items()}  # type: ignore[arg-type]
    made["deep-tree"] = deep_tree_pdf(folder / "deep-tree.pdf")
    return made


def tiny_png(path: Path, size: tuple[int, int] = (1, 1)) -> Path:
    from PIL import Image

    Image.new("L", size, 255).save(path)
    return path


def dense_pdf(path: Path, chars: int, per_line: int = 150) -> Path:
    """One page holding `chars` characters of seed-like Chinese in lines of `per_line`, as dense as a listing."""
    from reportlab.pdfgen import canvas

    source = "".join(ARTICLE[1:])
    text = (source * (chars // len(source) + 1))[:chars]
    lines = [text[i : i + per_line] for i in range(0, len(text), per_line)]
    size, leading, margin = 4.0, 5.0, 36.0
    c = canvas.Canvas(str(path), pagesize=(per_line * size + 2 * margin, len(lines) * leading + 2 * margin), invariant=1)
    c.setFont(_font_name(), size)
    top = len(lines) * leading + margin
    for i, line in enumerate(lines):
        c.drawString(margin, top - i * leading, line)
    c.showPage()
    c.save()
    return path
