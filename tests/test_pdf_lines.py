"""Where a PDF's rows part into lines (`glyphs._breaks`), on generated pages, at the named thresholds."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from courtdoc.layout.columns import split_at_gutters
from courtdoc.pipeline import extract_page
from courtdoc.settings import Settings
from courtdoc.sources.glyphs import LINE_GAP, SET_CLOSE, SIZE_JUMP

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
SIZE = 10.0  # body type; STSong-Light sets Han characters one em wide


def _lines(path: Path, draw) -> list[str]:
    c = canvas.Canvas(str(path), pagesize=(400, 300))
    draw(c)
    c.save()
    page = extract_page(path, 1, Settings())
    return [ln.text for ln in sorted(page.lines, key=lambda ln: (round(ln.bbox[1]), ln.bbox[0]))]


def _pair(c, y: float, left: str, right: str, blank: float, right_size: float = SIZE) -> None:
    """`left` then `right`, `blank` ems of the smaller type between them."""
    c.setFont("STSong-Light", SIZE)
    c.drawString(20, y, left)
    c.setFont("STSong-Light", right_size)
    c.drawString(20 + len(left) * SIZE + blank * min(SIZE, right_size), y, right)


def test_a_blank_of_over_half_an_em_parts_two_lines(tmp_path: Path) -> None:
    def draw(c):
        _pair(c, 250, "法院专刊", "审判动态", LINE_GAP - 0.2)  # justification stretch: one line
        _pair(c, 200, "法院专刊", "审判动态", LINE_GAP + 0.2)  # a narrow gutter (0.7 em): two lines

    assert _lines(tmp_path / "gap.pdf", draw) == ["法院专刊审判动态", "法院专刊", "审判动态"]


def test_space_glyphs_between_han_characters_are_word_spaces(tmp_path: Path) -> None:
    # A byline as 法治日报 sets it: a name spaced out to three cells and the role apart from the names
    # by space glyphs of a quarter em, every blank as wide as the others (no wider than the usual).
    def draw(c):
        c.setFont("STSong-Light", SIZE)
        c.drawString(20, 250, "□ 李 非 黄 婧")
        c.drawString(20, 200, "本报记者 向子丰 胡笑源")

    assert _lines(tmp_path / "spaces.pdf", draw) == ["□ 李 非 黄 婧", "本报记者 向子丰 胡笑源"]


def test_columns_of_small_type_set_close_stay_apart(tmp_path: Path) -> None:
    # Many narrow columns of 9 pt type, 7 pt apart (0.78 em), as a provincial daily's 政法 page sets
    # them: the source reads each row as two lines. On one row the left column's colon hangs into the
    # gutter (Typst hangs ： and ； as it hangs stops), its cell reaching past the right column's edge:
    # the source reads one line there, and the layout parts it where the columns around say.
    size, gutter = 9.0, 7.0
    path = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(path), pagesize=(300, 300))
    c.setFont("STSong-Light", size)
    right = 20 + 10 * size + gutter
    for row in range(9):
        y = 260 - row * 14
        c.drawString(20, y, "科技现代化作支撑指出：" if row == 4 else "统筹发展和安全的关系")
        c.drawString(right, y, "是世界各国面临的共同")
    c.save()
    page = extract_page(path, 1, Settings())
    rest = [ln.text for ln in page.lines if "：" not in ln.text]
    assert len(rest) == 16 and set(rest) == {"统筹发展和安全的关系", "是世界各国面临的共同"}
    joined = next(ln for ln in page.lines if "：" in ln.text)
    parts = [ln.text for ln in split_at_gutters(page.lines, 14.0) if ln.bbox[1] == joined.bbox[1]]
    assert parts == ["科技现代化作支撑指出：", "是世界各国面临的共同"]


def test_a_step_in_size_parts_lines_at_a_narrow_blank(tmp_path: Path) -> None:
    def draw(c):
        _pair(c, 250, "法院专刊", "审判", SET_CLOSE + 0.1, SIZE * (SIZE_JUMP + 0.2))  # a headline beside
        _pair(c, 150, "法院专刊", "审判", SET_CLOSE + 0.1, SIZE * (SIZE_JUMP - 0.15))  # a deck a step up

    lines = _lines(tmp_path / "jump.pdf", draw)
    assert sorted(lines[:2]) == sorted(["法院专刊", "审判"])
    assert lines[2].replace(" ", "") == "法院专刊审判"



def test_sub_and_superscripts_stay_in_their_line(tmp_path: Path) -> None:
    # M₂ and m² set as typesetters do: two thirds of the size, lowered or raised a third of an em,
    # right against their base.
    def draw(c):
        c.setFont("STSong-Light", SIZE)
        c.drawString(20, 250, "广义货币（M")
        x = 20 + 5 * SIZE + pdfmetrics.stringWidth("M", "STSong-Light", SIZE)
        c.setFont("STSong-Light", SIZE * 0.65)
        c.drawString(x, 250 - SIZE / 3, "2")
        c.setFont("STSong-Light", SIZE)
        c.drawString(x + pdfmetrics.stringWidth("2", "STSong-Light", SIZE * 0.65), 250, "）余额增长")
        c.drawString(20, 200, "面积120m")
        x = 20 + pdfmetrics.stringWidth("面积120m", "STSong-Light", SIZE)
        c.setFont("STSong-Light", SIZE * 0.65)
        c.drawString(x, 200 + SIZE / 3, "2")
        c.setFont("STSong-Light", SIZE)
        c.drawString(20, 150, "面积120m")  # a superscript inside the line
        c.setFont("STSong-Light", SIZE * 0.65)
        c.drawString(x, 150 + SIZE / 3, "2")
        c.setFont("STSong-Light", SIZE)
        c.drawString(x + pdfmetrics.stringWidth("2", "STSong-Light", SIZE * 0.65), 150, "的房屋")

    assert _lines(tmp_path / "scripts.pdf", draw) == ["广义货币（M2）余额增长", "面积120m2", "面积120m2的房屋"]


def test_a_heading_run_on_across_a_gutter_keeps_its_face(tmp_path: Path) -> None:
    # Two columns of body type; on one row the left column's comma hangs into the gutter and a Hei
    # section heading opens the right column under half an em from it: the source reads one line, the
    # layout splits it at the gutter, and the heading's part is in the heading's face, not in the
    # face most of the joined line was set in.
    path = tmp_path / "faces.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path), pagesize=(300, 300))
    for row in range(9):
        y = 260 - row * 14
        c.setFont("STSong-Light", SIZE)
        if row == 4:
            c.drawString(20, y, "法院审判工作取得新的进展，")  # 13 cells: the comma hangs past 140
            c.setFont("HeiseiKakuGo-W5", SIZE)
            c.drawString(154, y, "司法公正")
            continue
        c.drawString(20, y, "法院审判工作取得新的进展")
        c.drawString(160, y, "法官依法审理案件公正")
    c.save()
    page = extract_page(path, 1, Settings())
    joined = next(ln for ln in page.lines if "司法公正" in ln.text)
    body, heading = joined.font, joined.faces[-1][1]
    assert "Song" in body and "Kaku" in heading  # the joined line is in the face most of it is set in
    pitch = 14.0
    parts = [ln for ln in split_at_gutters(page.lines, pitch) if ln.bbox[1] == joined.bbox[1]]
    assert [(ln.text, ln.font) for ln in parts] == [("法院审判工作取得新的进展，", body), ("司法公正", heading)]


def test_an_ascii_comma_hung_into_a_gutter_parts_the_line(tmp_path: Path) -> None:
    # Text set with ASCII commas: a comma ending the left column hangs into a gutter of 0.7 em, and the
    # right column's first character stands so close that the source marks no blank between them;
    # the layout parts the line there as it does at a hung full-width comma (发力,专家 -> 发力, | 专家).
    path = tmp_path / "comma.pdf"
    c = canvas.Canvas(str(path), pagesize=(300, 300))
    c.setFont("STSong-Light", SIZE)
    for row in range(9):
        y = 260 - row * 14
        c.drawString(20, y, "法院审判工作取得新的进展," if row == 4 else "法院审判工作取得新的进展")
        c.drawString(147, y, "专家法院机制邀请代表委员")
    c.save()
    page = extract_page(path, 1, Settings())
    joined = next(ln for ln in page.lines if "," in ln.text)
    assert joined.text == "法院审判工作取得新的进展,专家法院机制邀请代表委员"  # no blank marked
    parts = [ln.text for ln in split_at_gutters(page.lines, 14.0) if ln.bbox[1] == joined.bbox[1]]
    assert parts == ["法院审判工作取得新的进展,", "专家法院机制邀请代表委员"]


def test_a_rule_through_the_blank_half_of_a_hung_quote_parts_two_headlines(tmp_path: Path) -> None:
    # Two headlines side by side, a ruled gutter between their columns: the right one opens with 「,
    # hung so far into the gutter that its cell nearly touches the left one's last character (closer
    # than SET_CLOSE). The rule runs through the quote's blank half: two lines, not one.
    big = 16.0
    gap = 0.1 * big  # the cells' blank, under SET_CLOSE
    left = "把保障居民安居乐业作"
    x1 = 20 + len(left) * big

    def draw(c):
        c.setFont("STSong-Light", big)
        c.drawString(20, 250, left)
        c.drawString(x1 + gap, 250, "「为全球读者展现")
        c.drawString(20, 200, left)
        c.drawString(x1 + gap, 200, "「为全球读者展现")
        c.setLineWidth(0.5)
        rule = x1 + gap + 0.3 * big  # inside the quote's blank half
        c.line(rule, 240, rule, 275)

    lines = _lines(tmp_path / "hung.pdf", draw)
    assert lines == [left, "「为全球读者展现", left + "「为全球读者展现"]


def test_a_mark_kerned_back_over_the_one_before_it_stays_after_it(tmp_path: Path) -> None:
    # `调,“六`: an ASCII comma in a third of a cell, then an opening quote kerned back half a point
    # over it (its ink is its cell's right half). By their left edges the quote comes first; by
    # their middles, as printed, the comma does.
    def draw(c):
        c.setFont("STSong-Light", SIZE)
        c.drawString(20, 250, "会议强调")
        comma = 20 + 4 * SIZE
        c.drawString(comma, 250, ",")
        c.drawString(comma - 0.5, 250, "“六个行动”")

    assert _lines(tmp_path / "kern.pdf", draw) == ["会议强调,“六个行动”"]


def test_three_columns_a_source_joined_across_two_gutters_part_at_both(tmp_path: Path) -> None:
    # Three columns of 9 pt type 8 and 7 pt apart; on one row the first column's 、 and the second's 。
    # hang into their gutters, so the source reads the row as one line: the layout parts it at both
    # gutters, the narrower first (its edges nearer the lines around), then each part on its own.
    size = 9.0
    path = tmp_path / "three.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 300))
    c.setFont("STSong-Light", size)
    xs = [20, 20 + 10 * size + 8, 20 + 20 * size + 15]
    for row in range(9):
        y = 260 - row * 14
        texts = ["着力构建导学促学研学、", "品牌各具特色的党支部。", "林郭勒盟中院党组书记"] if row == 4 else ["统筹发展和安全的关系"] * 3
        for x, text in zip(xs, texts):
            c.drawString(x, y, text)
    c.save()
    page = extract_page(path, 1, Settings())
    joined = next(ln for ln in page.lines if "品牌" in ln.text)
    assert "林郭勒" in joined.text  # the source joined all three
    parts = [ln.text for ln in split_at_gutters(page.lines, 14.0) if ln.bbox[1] == joined.bbox[1]]
    assert parts == ["着力构建导学促学研学、", "品牌各具特色的党支部。", "林郭勒盟中院党组书记"]
