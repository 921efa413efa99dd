"""One answer to "is this character set solid, without word spaces", for line building and wrap joining."""

from __future__ import annotations

from courtdoc.repair.wraps import join_lines
from courtdoc.rules.cjk import is_cjk
from courtdoc.sources.glyphs import build_lines


def test_cjk_blocks_forms_and_marks() -> None:
    solid = "中㐀𠀀𰀀かカ㈠㎡，（￥“”‘’…—·●"  # Han (basic, ext A, B, G), kana, enclosed, compatibility, full-width, marks
    spaced = "aZ9,(•é"
    assert all(map(is_cjk, solid)), [c for c in solid if not is_cjk(c)]
    assert not any(map(is_cjk, spaced)), [c for c in spaced if is_cjk(c)]
    assert not is_cjk("")


def test_line_building_and_wrap_joining_agree_on_a_compatibility_form() -> None:
    # ㎡ is a CJK character: the quarter em a typesetter sets between it and the digits before it
    # is the CJK-Latin autospace, no word space; and a wrap after it joins with no space.
    def glyph(ch: str, x: float) -> tuple:
        return (ch, x, 100.0, x + (5.0 if ch.isascii() else 10.0), 110.0, 10.0, "Song")

    glyphs = [glyph("面", 0), glyph("积", 10), glyph("5", 22.5), glyph("0", 27.5), glyph("㎡", 35), glyph("的", 45)]
    (line,) = build_lines(glyphs, set())
    assert line.text == "面积50㎡的"
    assert join_lines(["面积约五十㎡", "的房屋"]) == "面积约五十㎡的房屋"
