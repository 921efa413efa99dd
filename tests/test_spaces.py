"""Spaces courtdoc writes: never inside a number a line broke, as the whitespace-aware score sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courtdoc.layout.columns import merge_rows
from courtdoc.evaluate import space_errors
from courtdoc.pipeline import process
from courtdoc.repair.wraps import join_lines

DIGIT_SPACE_DIGIT = re.compile(r"\d\s+\d")


def test_number_broken_across_lines_is_one_number() -> None:
    assert join_lines(["会议于202", "4年召开，增长2", "5%。"]) == "会议于2024年召开，增长25%。"
    assert join_lines(["访问 Hong", "Kong 的第1", "0次"]) == "访问 Hong Kong 的第10次"


@pytest.mark.slow
def test_rmrb_output_has_no_space_between_digits(shared_dir: Path) -> None:
    doc = process(shared_dir / "realworld/rmrb/rmrb_20251020.pdf")
    texts = [
        t
        for a in doc.articles
        for t in [a.title, a.kicker, a.subtitle, a.byline, a.dateline, a.attribution, *a.captions, *(b.text for b in a.blocks)]
        if t
    ]
    assert len(texts) > 1000
    spaced = [m.group(0) for t in texts for m in DIGIT_SPACE_DIGIT.finditer(t)]
    assert spaced == []
    # The scorer charges such a space as spurious.
    assert space_errors("2024年", "202 4年") == (5, 1, 0)



def _glyphs(text: str, advance: float, blanks: dict[int, float]) -> list[tuple]:
    """A line set glyph by glyph at `advance` per character (half for letters and digits), with
    `blanks[k]` points of blank after character k."""
    out, x = [], 40.0
    for k, ch in enumerate(text):
        w = advance / 2 if ch.isascii() else advance
        out.append((ch, x, 100.0, x + w, 100.0 + advance, advance, "Song"))
        x += w + blanks.get(k, 0.0)
    return out


def test_justification_stretch_between_letters_or_digits_is_no_word_space() -> None:
    from courtdoc.sources.glyphs import build_lines

    # The justification spreads a line's slack over some blanks, between Han characters and inside a
    # number (1.78) or a code (5G) alike; only a blank wider than that stretch is a word space (Hong Kong).
    text = "国内率先量产5G高端基板人员1.78亿人次HongKong"
    stretch = {k: 2.0 for k in (1, 6, 13, 14, 15, 18)}
    (line,) = build_lines(_glyphs(text, 10, stretch | {text.index("Kong") - 1: 2.0 + 3.0}), set())
    assert line.text == "国内率先量产5G高端基板人员1.78亿人次Hong Kong"


def test_quarter_em_between_han_and_digits_set_in_another_face_is_no_space() -> None:
    from courtdoc.sources.glyphs import build_lines

    # Typst, like InDesign, sets a quarter em between a Han character and a digit, and takes the
    # digits from its Latin face: 收入6930 as printed. A dateline's wide blank stays a space.
    line = [g if g[0].isascii() else (*g[:6], "Kai") for g in _glyphs("保费收入6930亿元", 10, {3: 2.5, 7: 2.5})]
    dated = [(*g[:6], "Hei") if k < 3 else g for k, g in enumerate(_glyphs("赤峰讯6月25日", 10, {2: 6.0}))]
    assert [ln.text for ln in build_lines(line, set())] == ["保费收入6930亿元"]
    # over half an em: parted at the source like a gutter, joined again by the layout with its blank
    assert [ln.text for ln in merge_rows(build_lines(dated, set()), 10.0, 15.0, [])] == ["赤峰讯 6月25日"]


def test_digits_set_lower_in_a_fallback_face_stay_in_their_line() -> None:
    from courtdoc.sources.glyphs import build_lines

    # A CJK face without Latin glyphs: the digits and quotes come from a fallback face whose box
    # sits lower. The next column's lines are set a little lower still, and the first column's
    # row starts in a third column set a little higher: each glyph goes with the line it stands in.
    def column(text: str, x: float, top: float) -> list[tuple]:
        return [(ch, x0 + x - 40, top + (1.2 if ch.isascii() else 0), x1 + x - 40, bottom + top - 100 + (1.2 if ch.isascii() else 0), size, "Latin" if ch.isascii() else "Kai")
                for ch, x0, _, x1, bottom, size, _ in _glyphs(text, 9.5, {})]

    glyphs = column("赔付支出超过万亿元", 440, 97.4) + column("作用。2024年，中国人", 40, 100) + column("积极服务实体经济", 240, 101.2)
    assert [ln.text for ln in build_lines(glyphs, set())] == ["赔付支出超过万亿元", "作用。2024年，中国人", "积极服务实体经济"]
