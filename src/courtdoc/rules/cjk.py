"""Which characters are set solid, with no word spaces between them: the one answer for the line
builders (a PDF's glyphs, OCR's reads) and for joining wrapped lines."""

from __future__ import annotations

# The marks Chinese type sets full-width, whose code points lie outside the CJK blocks.
_MARKS = "“”‘’…—·●"


def is_cjk(ch: str) -> bool:
    """The (first) character is CJK: Han ideographs of every block, kana, CJK symbols and marks,
    enclosed and compatibility forms (㈠, ㎡), full-width forms, and the marks in `_MARKS`."""
    if not ch:
        return False
    o = ord(ch[0])
    return (
        0x3000 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or ch[0] in _MARKS
    )
