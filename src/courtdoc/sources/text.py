"""Already-extracted text (.txt) and Markdown (.md) as pages of lines without boxes.

Encodings are detected, never guessed silently: a byte-order mark decides
(UTF-8, UTF-16, UTF-32); then strict UTF-8 for text without NUL bytes; then
BOM-less UTF-16, little- or big-endian, where it reads as plausible text
(common Han characters, CJK punctuation, ASCII: the byte pattern of ASCII
cannot be relied on, as 一 U+4E00 and 开 U+5F00 put NULs where ASCII would);
then GB18030 (a superset of GBK and GB2312) or Big5, whichever reads as
plausible Chinese. Text that decodes under none of them,
or only to control characters or unlikely ones, is refused as not text.
Markdown headings and bold become `Line.markup` hints with the markup
stripped, in .txt as in .md; a form feed starts a new page.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import CorruptInput, EmptyInput, UnreadableInput
from ..model import Line, PageText

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_ALLOWED_CONTROLS = set("\n\r\t\f")
_PLAUSIBLE = 0.9
_UTF16_SAMPLE = 1 << 16  # bytes; even, so the sample cuts between code units


def read_text_pages(path: Path) -> list[PageText]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise EmptyInput(path, "empty file (0 bytes)")
    text = decode_text(data, path)
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    return [
        PageText(number=n, lines=[parse_line(raw) for raw in page.split("\n")], method="text")
        for n, page in enumerate(pages, 1)
    ]


def decode_text(data: bytes, path: Path) -> str:
    """The text of `data` in its detected encoding; CorruptInput when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, encoding, path), path)
    if b"\x00" not in data:
        # First, so that ASCII, whose byte pairs read as Han characters in UTF-16, stays ASCII.
        try:
            return _checked(data.decode("utf-8"), path)
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_decode(data, utf16, path), path)
    if b"\x00" in data:
        raise CorruptInput(path, "not text: contains NUL bytes")
    return _checked(_legacy_chinese(data, path), path)


def parse_line(raw: str) -> Line:
    """One source line; Markdown markup becomes a hint. Leading indentation is kept as evidence.

    Extracted .txt often carries Markdown too (`# 法院专刊`, `**赤峰讯**`), so it is
    read the same way: `#` followed by a space, or a `**` pair, is not Chinese prose.
    """
    text = raw.rstrip()
    if not text.strip() or _IMAGE.match(text):  # a Markdown image reference carries no text
        return Line("")
    heading = _HEADING.match(text)
    if heading:
        return Line(_strip_bold(heading.group(2)), markup=f"h{len(heading.group(1))}")
    if _BOLD.search(text):
        return Line(_strip_bold(text), markup="bold")
    return Line(text)


def _strip_bold(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CorruptInput(path, f"not text: invalid {encoding} at byte {exc.start}") from exc


def _legacy_chinese(data: bytes, path: Path) -> str:
    """GB18030 (GBK, GB2312) or Big5: the decoding that reads as ordinary Chinese, or none.

    GB18030 maps almost any byte pair to some character, so a successful
    decode proves little: Big5 or Shift-JIS bytes come out as rare characters
    and kana. The decoding must be plausible Chinese to be accepted.
    """
    decoded = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((_plausibility(text), encoding, text))
    if not decoded:
        raise CorruptInput(path, "not text: no UTF-8, UTF-16, GB18030 or Big5 decoding")
    score, encoding, text = max(decoded)
    if score < _PLAUSIBLE:
        raise CorruptInput(path, f"not text: decodes as {encoding} only to unlikely characters ({score:.0%} plausible)")
    return text


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are common Han characters or CJK punctuation."""
    chars = [c for c in text if not c.isascii() and not c.isspace()]
    if not chars:
        return 1.0
    return sum(1 for c in chars if _common_cjk(c)) / len(chars)


def _common_cjk(ch: str) -> bool:
    if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·●■□◆◇":
        return True
    for encoding in ("gb2312", "big5"):
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        return "\u4e00" <= ch <= "\u9fff"
    return False


def _utf16_without_bom(data: bytes) -> str | None:
    """The byte order in which `data` reads as plausible text, if either does.

    Other bytes read as UTF-16 scatter over the whole of Unicode (GBK pairs land in
    Hangul, surrogates and private use); real text stays in a few thousand common
    characters, whichever script it mixes in.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE]
    scores = []
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, "replace")
        plausible = sum(1 for c in text if c.isspace() or " " <= c <= "~" or _common_cjk(c))
        scores.append((plausible / len(text), encoding))
    score, encoding = max(scores)
    return encoding if score >= _PLAUSIBLE else None


def _checked(text: str, path: Path) -> str:
    """Refuse decodings that produce control or private-use characters: binary, or the wrong codec."""
    text = text.lstrip("\ufeff")
    bad = sum(1 for c in text if _is_suspicious(c))
    if bad > max(2, len(text) // 1000):
        raise CorruptInput(path, f"not text: {bad} control or unassigned characters")
    if not text.strip():
        raise EmptyInput(path, "no text (only whitespace)")
    return text


def _is_suspicious(ch: str) -> bool:
    if ch in _ALLOWED_CONTROLS:
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cn", "Co", "Cs")
