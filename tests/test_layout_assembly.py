"""Article assembly on generated PDF pages: one page per mechanism the layout must get right.

Each page is drawn with reportlab the way papers set the trap: a bold dateline
run in before the first paragraph's text, a photo in a keyline frame between a
headline and its body beside another article, a photo credit on its own line,
a headline whose two phrases stand apart over a column gutter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import _font_name, run_cli
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from test_layout_geometry import A1, A2, A3, B1, B2, BODY, H, PITCH, _column

from courtdoc.layout import page_blocks
from courtdoc.layout.assembly import leaf_region
from courtdoc.layout.headers import _kicker_wraps_into, header_tiers
from courtdoc.layout.typeset import PageCtx
from courtdoc.model import Line, PageText
from courtdoc.pipeline import process
from courtdoc.segment import segment
from courtdoc.settings import Settings


def _fake_bold(c: canvas.Canvas, x: float, y: float, text: str) -> None:
    for dx in (0, 0.4):  # drawn twice, a hair apart: how papers embolden a face without a bold cut
        c.drawString(x + dx, H - y, text)


def _articles(path: Path) -> list[dict]:
    return process(path).to_manifest()["articles"]


def test_bold_dateline_run_in_before_the_first_line_is_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "runin.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _fake_bold(c, 30 + 2 * BODY, 100, "鹿鸣讯")  # an ideographic space between it and the text
    c.drawString(30 + 6 * BODY, H - 100, "“谢谢谢谢，真是太感谢了，法官们耐心")
    _column(c, 30, 100 + PITCH, 30, [A2])
    c.save()

    [article] = _articles(path)
    assert article["dateline"] == "鹿鸣讯"
    assert article["blocks"][0]["text"].startswith("“谢谢谢谢，真是太感谢了，法官们耐心")
    assert all(b["type"] == "paragraph" for b in article["blocks"])


def _photo_page(path: Path) -> None:
    """A photo in a keyline frame between a headline and its body; the neighbour's headline beside the photo's foot."""
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.drawString(330, H - 275, "借款留凭证")  # the neighbour's headline, level with the photo's foot
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 30, H - 260, 250, 170)
    c.rect(30, H - 260, 250, 170, stroke=1, fill=0)  # the photo's keyline
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 280, 12, [A1, A2])
    _column(c, 160, 280, 12, [A3])
    _column(c, 330, 90, 24, [A3])
    _column(c, 330, 300, 24, [B1, B2])
    c.save()


def test_body_under_a_framed_photo_stays_with_the_headline_above_the_photo(tmp_path: Path) -> None:
    path = tmp_path / "photo.pdf"
    _photo_page(path)
    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert A1 in articles["仲夏时节话法治"] and A3 in articles["仲夏时节话法治"]
    assert articles["借款留凭证"] == [B1, B2]


def test_photo_credit_on_its_own_line_is_a_caption_entry_never_a_title(tmp_path: Path) -> None:
    path = tmp_path / "credit.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 30, H - 260, 250, 170)
    c.setFont("STSong-Light", 8)
    c.drawString(30, H - 275, "新闻发布会现场。")
    c.setFont("STSong-Light", 12)
    _fake_bold(c, 230, 292, "陈思远 摄")  # right-aligned, bold, bigger than the body
    c.line(30, H - 300, 280, H - 300)
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 320, 25, [A1, A2])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "仲夏时节话法治"
    assert [c.replace(" ", "") for c in article["captions"]] == ["新闻发布会现场。", "陈思远摄"]
    assert [b["text"] for b in article["blocks"]] == [A1, A2]


def test_headline_phrases_apart_over_a_gutter_keep_their_blank(tmp_path: Path) -> None:
    path = tmp_path / "phrases.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 22)
    _fake_bold(c, 30, 60, "锚定目标再出发")
    _fake_bold(c, 30 + 22 * 9, 60, "凝心聚力开新局")  # two cells apart, the gap over the gutter below
    c.setFont("STSong-Light", 14)
    c.drawString(60, H - 82, "——全市法院扎实推进审判执行工作高质量发展")  # across both columns
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 110, 17, [A1, A2])
    _column(c, 220, 110, 17, [A3, B1, B2])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "锚定目标再出发 凝心聚力开新局"
    assert article["subtitle"] == "——全市法院扎实推进审判执行工作高质量发展"
    assert [b["text"] for b in article["blocks"]] == [A1, A2, A3, B1, B2]


def test_debug_layout_dump_names_the_decision_behind_each_block(tmp_path: Path) -> None:
    path = tmp_path / "photo.pdf"
    _photo_page(path)
    out = tmp_path / "out"
    result = run_cli("clean", path, "--out", out, "--debug-layout", "--quiet")
    assert result.returncode == 0, result.stderr
    [folder] = [p for p in out.iterdir() if not p.name.startswith(".")]
    dump = json.loads((folder / "layout-debug.json").read_text(encoding="utf-8"))
    [page] = dump["pages"]
    titles = {r["title"]: r["region"] for r in page["regions"]}
    assert set(titles) == {"仲夏时节话法治", "借款留凭证"}
    owned = {b["text"].split(" / ")[0][:8]: b["region"] for b in page["blocks"] if b["role"] == "paragraph"}
    assert owned[A1[:8]] == titles["仲夏时节话法治"] and owned[B1[:8]] == titles["借款留凭证"]
    assert page["figures"] and all({"what", "bbox", "region", "why", "close"} <= set(d) for d in page["decisions"])
    assert any(d["what"] == "column" and d["region"] == titles["仲夏时节话法治"] for d in page["decisions"])
    # Without the flag nothing but the manifest and the articles is written.
    plain = tmp_path / "plain"
    assert run_cli("clean", path, "--out", plain, "--quiet").returncode == 0
    assert not list(plain.glob("*/layout-debug.json"))


def test_header_set_close_above_its_columns_is_read_before_them_column_by_column(tmp_path: Path) -> None:
    path = tmp_path / "close.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(120, H - 60, "仲夏时节话法治")  # centred over both columns: no channel runs through it
    c.setFont("STSong-Light", 9)
    c.drawString(160, H - 76, "本报记者 王丽")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 88, 17, [A1, A2])  # closer under the byline than the body's own line spacing
    _column(c, 220, 88, 17, [A3, B1, B2])
    c.save()

    [article] = _articles(path)
    assert article["byline"].replace(" ", "") == "本报记者王丽"
    assert [b["text"] for b in article["blocks"]] == [A1, A2, A3, B1, B2]


def test_line_a_source_joined_across_a_gutter_is_split_at_it() -> None:
    # Each column line as a text layer gives it; one line ends in a comma hung into the gutter, so the
    # source joined it with the next column's line and marked the blank with a space.
    left = [(A1 + A2)[k : k + 15] for k in range(0, 90, 15)]
    left[1] = f"{left[1][:14]} {left[1][14:]}"  # a blank near the column's edge: no gutter inside this line
    right = [(A2 + A3)[k : k + 15] for k in range(0, 90, 15)]
    lines = []
    for row, (a, b) in enumerate(zip(left, right)):
        top = 100 + row * PITCH
        if row == 3:
            lines.append(Line(f"{a} {b}", (30, top, 340, top + BODY), BODY, "Song"))
        else:
            lines.append(Line(a, (30, top, 180, top + BODY), BODY, "Song"))
            lines.append(Line(b, (190, top, 340, top + BODY), BODY, "Song"))  # a gutter of one cell
    blocks = page_blocks(PageText(1, [Line("仲夏时节话法治", (30, 60, 170, 80), 20, "Hei"), *lines], "text-layer", 600, H))
    text = "".join(ln.text for b in blocks if b.role == "paragraph" for ln in b.lines)
    assert text == "".join(left) + "".join(right)


def test_line_a_source_joined_across_a_gutter_without_a_blank_is_split_where_the_columns_part() -> None:
    # The left column's line ends in a stop hung into the gutter, the right one's opens with a quote
    # hung into it from the other side: the source saw no blank between them to mark.
    left = [(A1 + A2)[k : k + 15] for k in range(0, 90, 15)]
    right = [(A2 + A3)[k : k + 15] for k in range(0, 90, 15)]
    left[3], right[3] = left[3][:14] + "。", "“" + right[3][1:]
    lines = []
    for row, (a, b) in enumerate(zip(left, right)):
        top = 100 + row * PITCH
        if row == 3:
            lines.append(Line(a + b, (30, top, 340, top + BODY), BODY, "Song"))
        else:
            lines.append(Line(a, (30, top, 180, top + BODY), BODY, "Song"))
            lines.append(Line(b, (190, top, 340, top + BODY), BODY, "Song"))
    # Under the columns, a line set solid across the gutter: no blank there to part it at.
    credits = Line("责任编辑：李安琪版式设计：张帅祯", (130, 200, 290, 200 + BODY), BODY, "Song")  # ： at the gutter
    blocks = page_blocks(PageText(1, [Line("仲夏时节话法治", (30, 60, 170, 80), 20, "Hei"), *lines, credits], "text-layer", 600, H))
    text = "".join(ln.text for b in blocks if b.role == "paragraph" for ln in b.lines)
    assert text == "".join(left) + "".join(right)
    assert [ln.text for b in blocks for ln in b.lines if "李安琪" in ln.text] == [credits.text]


def test_headline_set_close_beside_a_frame_is_its_own_line(tmp_path: Path) -> None:
    # Two headlines on one baseline with less than an em between them, a boxed article's frame
    # side running down that blank: the frame parts them as a column rule would.
    path = tmp_path / "frame.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.rect(30, H - 300, 272, 260, stroke=1, fill=0)
    c.setFont("STSong-Light", 20)
    c.drawString(50, H - 70, "守护好前人留给我们的财富")  # ends at 290, the frame side at 302
    c.drawString(306, H - 70, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 40, 100, 24, [A1, A2])
    _column(c, 306, 100, 24, [B1, B2])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"守护好前人留给我们的财富": [A1, A2], "借款留凭证": [B1, B2]}


def _phrases_over_a_gutter(path: Path, second_column: list[str], indented: bool) -> None:
    """A flush-left headline whose second phrase stands a cell and a half on, the blank over the
    gutter (200 .. 220), nothing under the headline across it: the lines hugging the gutter say
    "two columns" either way. The first column holds A1 and A2's first half."""
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 22)
    _fake_bold(c, 50, 60, "落实六个行动")  # 50 .. 182
    _fake_bold(c, 215, 60, "推进四项工程")
    c.setFont("STSong-Light", BODY)
    for k, text in enumerate([A1[:15], A1[15:32], A1[32:], A2[:15], A2[15:32]]):
        c.drawString(30 + (2 * BODY if k in (0, 3) else 0), H - (100 + k * PITCH), text)
    for k, text in enumerate(second_column):
        c.drawString(220 + (2 * BODY if indented and k == 0 else 0), H - (100 + k * PITCH), text)
    c.save()


def test_headline_phrases_apart_over_a_gutter_with_the_text_running_on_under_the_second_are_one_headline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "phrases-run-on.pdf"
    _phrases_over_a_gutter(path, [A2[32:49], A2[49:]], indented=False)  # A2 goes on, flush, at the top of the next column

    [article] = _articles(path)
    assert article["title"] == "落实六个行动 推进四项工程"
    assert [b["text"] for b in article["blocks"]] == [A1, A2]


def test_headlines_side_by_side_over_a_gutter_whose_second_column_opens_a_paragraph_stay_two(tmp_path: Path) -> None:
    path = tmp_path / "phrases-two.pdf"
    _phrases_over_a_gutter(path, [B1[:15], B1[15:32], B1[32:]], indented=True)  # an indented first line: an article opens

    assert [a["title"] for a in _articles(path)] == ["落实六个行动", "推进四项工程"]


def test_headlines_side_by_side_with_no_rule_between_stay_two(tmp_path: Path) -> None:
    # The left headline wraps over a photo; the right one starts a row lower, level with its second
    # line and under three cells from it. The left's first line ends inside that blank: two
    # headlines, not one headline's two phrases.
    path = tmp_path / "pair.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(40, H - 60, "要把全面深化改革作为推进")  # 40 .. 280
    c.drawString(70, H - 86, "式现代化的根本动力")  # 70 .. 250
    c.drawString(300, H - 86, "让科普追上科创")  # 300 .. 440
    # a photo under the left headline: no column text there to show the gutter
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 40, H - 270, 240, 170)
    c.setFont("STSong-Light", BODY)
    _column(c, 40, 290, 24, [A1, A2])
    _column(c, 300, 120, 24, [B1, B2])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"要把全面深化改革作为推进式现代化的根本动力": [A1, A2], "让科普追上科创": [B1, B2]}


def test_comma_hung_into_a_narrow_gutter_leaves_the_columns_apart(tmp_path: Path) -> None:
    # A gutter of 1.2 cells; a comma hung past the left column's edge fills its box to within a
    # fifth of a cell of the right column, but inks only the left half of that cell.
    left = ["赤峰市中级人民法院召开征", "求意见座谈会邀请代表委员，", "和群众代表对法院工作提出", "意见建议。"]
    path = tmp_path / "hung.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 70, "仲夏时节话")
    c.drawString(162, H - 40, "借款留凭证")  # a row higher: the headlines' own join is not at stake
    c.setFont("STSong-Light", BODY)
    for row, text in enumerate(left):
        c.drawString(30, H - 100 - row * PITCH, text)
    _column(c, 162, 130, 12, [B1, B2])  # starts under the comma's row: nothing for the source to join it to
    c.save()

    articles = {a["title"]: "".join(b["text"] for b in a["blocks"]) for a in _articles(path)}
    assert articles == {"仲夏时节话": "".join(left), "借款留凭证": B1 + B2}


def test_opening_quote_hung_into_a_narrow_gutter_leaves_the_columns_apart(tmp_path: Path) -> None:
    # A photo left of a gutter of one cell; an opening quote hung half a cell into it from the
    # right column's edge inks only the right half of its cell.
    right = ["近日，某区人民法院审结一", "起民间借贷纠纷案件，依法", "“借款要留凭证”，法官提醒", "出借资金应保留转账凭证。"]
    path = tmp_path / "opener.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 50, "仲夏时节话")
    c.drawString(30, H - 76, "法治新风")
    c.drawString(160, H - 64, "借款留凭证")  # level with neither line: no cut across runs between them
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 30, H - 250, 120, 160)  # 30 .. 150
    c.setFont("STSong-Light", BODY)
    for row, text in enumerate(right):
        c.drawString(160 - (BODY / 2 if text.startswith("“") else 0), H - 100 - row * PITCH, text)
    _column(c, 30, 270, 12, [A1, A2])
    c.save()

    articles = {a["title"]: "".join(b["text"] for b in a["blocks"]) for a in _articles(path)}
    assert articles == {"仲夏时节话法治新风": A1 + A2, "借款留凭证": "".join(right)}


def test_masthead_with_its_edition_line_above_the_rule_is_furniture(tmp_path: Path) -> None:
    # A running head: the paper's name, its date and its page number above a rule across the page.
    # The page number is furniture; it says the band is a masthead, not an article header.
    path = tmp_path / "mast.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 15)
    c.drawString(270, H - 40, "法院专刊")
    c.setFont("STSong-Light", BODY)
    c.drawString(30, H - 40, "2024年6月11日星期二")
    c.drawString(540, H - 40, "第1版")
    c.line(30, H - 48, 570, H - 48)
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 90, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 120, 24, [A1, A2])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1, A2]}


def test_column_label_boxed_inside_a_boxed_article_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "label.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.rect(30, H - 300, 280, 260, stroke=1, fill=0)  # the boxed article
    c.rect(56, H - 67, 56, 19, stroke=1, fill=0)  # its standing column label, boxed on its own
    c.setFont("STSong-Light", 11)
    c.drawString(62, H - 62, "国际论坛")
    c.setFont("STSong-Light", 20)
    c.drawString(40, H - 95, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 40, 125, 24, [A1, A2])
    c.save()

    manifest = process(path).to_manifest()
    [article] = manifest["articles"]
    assert (article["kicker"], article["title"], [b["text"] for b in article["blocks"]]) == (None, "仲夏时节话法治", [A1, A2])
    assert [(n["type"], n["text"]) for n in manifest["notes"]] == [("column-label", "国际论坛")]


def test_articles_stacked_on_one_column_grid_with_only_whitespace_between_keep_their_columns(tmp_path: Path) -> None:
    # Two articles one above the other, each a headline centred over three columns of one grid and
    # nothing but a blank band between them: the gutters run down the whole page, through both.
    path = tmp_path / "stacked.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    y = 60
    for title, paragraphs in (("仲夏时节话法治", [A1, A2, A3]), ("借款留凭证", [B1, B2, A3])):
        c.setFont("STSong-Light", 20)
        c.drawString(300 - 10 * len(title), H - y, title)
        c.setFont("STSong-Light", BODY)
        bottom = max(_column(c, 30 + 190 * k, y + 30, 17, [text]) for k, text in enumerate(paragraphs))
        y = bottom + 40  # a blank band two lines tall, no rule
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1, A2, A3], "借款留凭证": [B1, B2, A3]}


def test_blank_band_a_column_rule_runs_down_through_parts_no_articles(tmp_path: Path) -> None:
    # Left, an article ends and the next one's headline opens under a blank band; right, beyond a
    # column rule, an article's headline stands above that band and its body below it: the rule
    # runs down through the blank, so the band is no boundary across the page.
    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [A1])
    c.line(400, H - 170, 400, H - 420)
    c.setFont("STSong-Light", 20)
    c.drawString(410, H - 190, "借款留凭证")  # level with the left article's last lines
    c.drawString(30, H - 222, "守护好前人留给我们的财富")  # under the blank band, as is the right-hand body
    c.setFont("STSong-Light", BODY)
    _column(c, 410, 215, 16, [B1, B2])
    _column(c, 30, 250, 35, [A2, A3])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1], "借款留凭证": [B1, B2], "守护好前人留给我们的财富": [A2, A3]}


def _photo_with_credit(c: canvas.Canvas) -> None:
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.drawImage(ImageReader(Image.new("L", (120, 80), 128)), 30, H - 170, 120, 80)
    c.setFont("STSong-Light", 8)
    c.drawString(74, H - 182, "陈思远 摄")  # centred under the photo


def test_run_in_dateline_as_long_as_the_rest_of_its_line_opens_the_body_under_a_photo(tmp_path: Path) -> None:
    # A narrow column under a photo and its credit: the bold dateline fills more of the first line
    # than its text does; the line is the body's first line all the same, not a caption.
    path = tmp_path / "runin-photo.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    _photo_with_credit(c)
    c.setFont("STSong-Light", BODY)
    _fake_bold(c, 30 + 2 * BODY, 200, "鄂尔多斯讯")  # an ideographic space between it and the text
    c.drawString(30 + 8 * BODY, H - 200, "近年来，")
    for k in range(0, len(A2), 12):  # the paragraph runs on under its first line, unindented
        c.drawString(30, H - 200 - PITCH * (1 + k // 12), A2[k : k + 12])
    c.save()

    [article] = _articles(path)
    assert (article["dateline"], [c.replace(" ", "") for c in article["captions"]]) == ("鄂尔多斯讯", ["陈思远摄"])
    assert article["blocks"][0]["text"].startswith("近年来，会上，与会人员")


def _wrapped_run_in(c: canvas.Canvas, y: float) -> None:
    """A bold dateline too long for the first line of a narrow column: it runs on into the second."""
    c.setFont("STSong-Light", BODY)
    _fake_bold(c, 30 + 2 * BODY, y, "本报华盛顿10月19日")  # the whole first line, indented
    _fake_bold(c, 30, y + PITCH, "电")
    c.drawString(30 + 2 * BODY, H - y - PITCH, "国际货币基金组织和")
    _column(c, 30, y + 2 * PITCH, 12, [A2])


def test_run_in_dateline_wrapped_over_the_first_line_is_no_caption(tmp_path: Path) -> None:
    path = tmp_path / "wrapped-photo.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    _photo_with_credit(c)
    _wrapped_run_in(c, 200)
    c.save()

    [article] = _articles(path)
    assert (article["dateline"], [c.replace(" ", "") for c in article["captions"]]) == ("本报华盛顿10月19日电", ["陈思远摄"])
    assert article["blocks"][0]["text"].startswith("国际货币基金组织和")


def test_run_in_dateline_wrapped_over_the_first_line_is_no_headline(tmp_path: Path) -> None:
    # Under a rule a bold line may be a small article's headline; indented, with the body running
    # on unindented under it, it is a paragraph's first line.
    path = tmp_path / "wrapped-rule.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.line(30, H - 25, 300, H - 25)
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 48, "仲夏时节话法治")
    _wrapped_run_in(c, 72)  # within three lines under the rule
    c.save()

    [article] = _articles(path)
    assert (article["title"], article["byline"], article["dateline"]) == ("仲夏时节话法治", None, "本报华盛顿10月19日电")
    assert article["blocks"][0]["text"].startswith("国际货币基金组织和")


def test_column_under_a_photo_below_a_close_header_is_read_before_the_next_column(tmp_path: Path) -> None:
    # A header set close above two columns; the first holds a photo, its credit, then text after a
    # gap a little over the leading. That gap is no band across the box: the columns are.
    path = tmp_path / "photo-column.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治新风")
    c.setFont("STSong-Light", 9)
    c.drawString(30, H - 75, "本报记者 王丽")
    c.drawImage(ImageReader(Image.new("L", (120, 80), 128)), 30, H - 160, 160, 78)  # 82 .. 160
    c.setFont("STSong-Light", 8)
    c.drawString(90, H - 168, "陈思远 摄")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 187, 16, [A1])  # ten points under the credit
    _column(c, 210, 92, 16, [B1, B2])
    c.save()

    [article] = _articles(path)
    assert [b["text"] for b in article["blocks"]] == [A1, B1, B2]


def test_dash_subtitle_set_flush_right_past_the_headline_is_its_subtitle(tmp_path: Path) -> None:
    path = tmp_path / "flush-right.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 24)
    c.drawString(60, H - 60, "仲夏时节话法治")  # 60 .. 228
    c.setFont("STSong-Light", 13)
    c.drawString(236, H - 78, "——全市法院工作侧记")  # starts past the headline's end, a row down
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 100, 17, [A1, A2])
    _column(c, 220, 100, 17, [A3, B1])
    c.save()

    [article] = _articles(path)
    assert (article["title"], article["subtitle"]) == ("仲夏时节话法治", "——全市法院工作侧记")
    assert [b["text"] for b in article["blocks"]] == [A1, A2, A3, B1]


def test_byline_centred_over_a_gutter_below_the_header_is_the_byline(tmp_path: Path) -> None:
    # A blank wider than the leading under the headline, then the byline centred across the second
    # gutter: the first column is read before it.
    path = tmp_path / "byline-gutter.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(100, H - 60, "仲夏时节话法治开门纳谏听民声")  # 100 .. 380, over the first gutter
    c.setFont("STSong-Light", 9)
    c.drawString(350, H - 84, "本报通讯员 周雪莹")  # 350 .. 431, over the second gutter
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 100, 17, [A1, A2])
    _column(c, 220, 100, 17, [A3, B1])
    _column(c, 410, 100, 17, [B2, A1])
    c.save()

    [article] = _articles(path)
    assert article["byline"].replace(" ", "") == "本报通讯员周雪莹"
    assert [b["text"] for b in article["blocks"]] == [A1, A2, A3, B1, B2, A1]


def test_bold_heading_under_a_photo_credit_is_no_caption(tmp_path: Path) -> None:
    # The credit closes the photo's caption: a bold heading opening the body under it is the body's.
    path = tmp_path / "credit-heading.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    _photo_with_credit(c)
    c.setFont("STSong-Light", 9)
    c.drawString(30, H - 78, "本报记者 王丽")
    c.setFont("STSong-Light", BODY)
    _fake_bold(c, 30, 195, "亮点")
    _column(c, 30, 212, 12, [A2])
    c.save()

    [article] = _articles(path)
    assert [c.replace(" ", "") for c in article["captions"]] == ["陈思远摄"]
    assert [(b["type"], b["text"]) for b in article["blocks"]] == [("heading", "亮点"), ("paragraph", A2)]


def test_editor_line_read_with_an_article_does_not_widen_it_to_take_a_caption(tmp_path: Path) -> None:
    # The editor's line at the foot of the page is read last, with the right-hand article; it is
    # furniture, no part of that article's rectangle, so the caption under the left article's
    # photo stays the left article's.
    path = tmp_path / "editor.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治新风尚")  # 30 .. 230, over the photo
    c.drawString(360, H - 60, "借款留凭证")
    c.drawImage(ImageReader(Image.new("L", (120, 80), 128)), 160, H - 170, 120, 80)  # 160 .. 280
    c.setFont("STSong-Light", 8)
    c.drawString(200, H - 180, "资料图片")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 95, 12, [A1])
    _column(c, 360, 95, 20, [B1, B2, A3, A2])
    c.line(20, H - 680, 580, H - 680)  # the foot of the page ruled off: the editor's line is read last
    c.setFont("STSong-Light", 9)
    c.drawString(30, H - 700, "责任编辑：王鑫")
    c.save()

    articles = {a["title"]: a["captions"] for a in _articles(path)}
    assert articles == {"仲夏时节话法治新风尚": ["资料图片"], "借款留凭证": []}


def test_centred_small_headline_under_a_rule_over_a_flush_run_in_line_opens_an_article(tmp_path: Path) -> None:
    # A small article under a rule: its bold headline at deck size, centred in the column, then the
    # body opening flush left with a bold run-in dateline. The headline does not reach the column's
    # right edge, so it is no paragraph's first line running on.
    path = tmp_path / "small.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [B1, B2])
    c.line(30, H - 160, 200, H - 160)
    c.setFont("STSong-Light", 11.5)
    _fake_bold(c, 75, 180, "仲夏时节话法治")  # centred: 75 .. 155 in a column 30 .. 200
    c.setFont("STSong-Light", BODY)
    _fake_bold(c, 30, 194, "鹿鸣讯")  # set close under the headline, as the body's own lines are
    c.drawString(30 + 4 * BODY, H - 194, "“谢谢谢谢，真是太感谢")
    _column(c, 30, 194 + PITCH, 17, [A2])
    c.save()

    articles = {a["title"]: a["dateline"] for a in _articles(path)}
    assert articles == {"借款留凭证": None, "仲夏时节话法治": "鹿鸣讯"}



def test_byline_read_right_after_a_flush_right_subtitle_stays_behind_it() -> None:
    """Stream order headline, —— subtitle set flush right, byline centred to the left under it (no
    overlap with the subtitle): the byline already follows its header and is not moved there again
    (the layout used to fail on such a page with "N is not in list")."""

    def line(text: str, x: float, top: float, size: float) -> Line:
        return Line(text=text, bbox=(x, top, x + size * len(text), top + size), size=size, font=None, confidence=0.99)

    stream = [
        (line("砥砺耕耘结硕果 奋楫笃行谱新篇", 235, 845, 25.5), 0),
        (line("——某市人民法院2023年工作回眸", 502, 873, 12.8), 0),
        (line("本报通讯员●周雪莹", 376, 896, 10.5), 0),
        *[(line("二〇二三年，某市法院坚持公正司法，审结", 55, 914 + k * 15, 9.5), 0) for k in range(6)],
    ]
    ctx = PageCtx(1, 9.5, 15.0, "", [], [], [])
    moved, tiers = header_tiers(stream, [(55.0, 700.0)], ctx)
    assert [ln.text for ln, _ in moved] == [ln.text for ln, _ in stream]
    assert tiers[:3] == ["head", "head", "deck"]


def _article_running_on_past_a_band(c: canvas.Canvas) -> tuple[str, float]:
    """An article over three columns whose last column runs on mid-sentence past a blank band two
    lines tall (no rule): its last paragraph, and where the band ends (the next headline's line)."""
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    bottom = max(_column(c, 30 + 190 * k, 90, 17, [text]) for k, text in enumerate([A1, A2]))
    run_on = A3 + A2  # four lines in the last column above the band (the first indented), two below
    rows = [run_on[:15]] + [run_on[k : k + 17] for k in range(15, len(run_on), 17)]
    c.drawString(410 + 2 * BODY, H - 90, rows[0])
    for k, row in enumerate(rows[1:4], start=1):
        c.drawString(410, H - (90 + k * PITCH), row)
    headline_y = bottom + 40
    for k, row in enumerate(rows[4:]):
        c.drawString(410, H - (headline_y + k * PITCH), row)
    return run_on, headline_y


def test_l_shaped_article_runs_on_down_the_last_column_beside_the_next_headline(tmp_path: Path) -> None:
    # An article over three columns whose last column runs on under a blank band, level with the
    # next article's headline set over the first two: mid-sentence, flush, that text is the first
    # article's, however near the headline's span it stands.
    path = tmp_path / "ell.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    run_on, headline_y = _article_running_on_past_a_band(c)
    c.setFont("STSong-Light", 20)
    c.drawString(90, H - headline_y, "守护好前人留给我们的财富")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, headline_y + 30, 17, [B1])
    _column(c, 220, headline_y + 30, 17, [B2])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1, A2, run_on], "守护好前人留给我们的财富": [B1, B2]}


@pytest.mark.parametrize("size", [12.7, BODY])
def test_narrow_headline_little_bigger_than_the_body_over_a_byline_opens_an_article(tmp_path: Path, size: float) -> None:
    # A one-column article beside a wider one: its bold headline, wrapped over two lines, is only a
    # little bigger than the body, or no bigger, and has no rule over it; the byline under it, with
    # nothing of its column right above it, says it is a headline.
    path = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(110, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [A1])
    _column(c, 220, 90, 17, [A2])
    c.setFont("STSong-Light", size)
    _fake_bold(c, 420, 50, "“这条铁路带给我们的")
    _fake_bold(c, 440, 66, "是希望和未来”")
    c.setFont("STSong-Light", 11)
    c.drawString(450, H - 84, "本报记者 黄培昭")
    c.setFont("STSong-Light", BODY)
    _column(c, 410, 105, 17, [B1, B2])
    c.save()

    articles = {a["title"]: (a["byline"] and "".join(a["byline"].split()), [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [A1, A2]),
        "“这条铁路带给我们的是希望和未来”": ("本报记者黄培昭", [B1, B2]),
    }


def test_bold_section_heading_carrying_its_own_byline_under_a_paragraph_stays_in_the_article(tmp_path: Path) -> None:
    # A bold line over a byline, but right under a paragraph of its column: a section heading.
    path = tmp_path / "section.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(110, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    y = _column(c, 30, 90, 17, [A1, A2])
    c.setFont("STSong-Light", 11)  # a deck-size bold line over a byline: as a small headline is set
    _fake_bold(c, 60, y + 6, "战略科技持续壮大")
    c.drawString(70, H - (y + 6 + PITCH), "本报记者 刘诗瑶")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, y + 6 + 2 * PITCH, 17, [A3])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "仲夏时节话法治"
    assert [b["text"] for b in article["blocks"]][:3] == [A1, A2, "战略科技持续壮大"]
    assert A3 in [b["text"] for b in article["blocks"]]


def test_column_runs_on_from_the_paragraph_lowest_in_it_not_from_one_that_runs_on_from_the_next_column(
    tmp_path: Path,
) -> None:
    # The second column's paragraph ends at the top of the third, under which a new paragraph goes
    # down the third column and on past a blank band, level with the next headline. The paragraph
    # from the second column reaches lower on the page, but not in the third column.
    path = tmp_path / "foot.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [B2])
    wide, run_on = A2 + B1, A3 + A1
    wide_rows = [wide[:15]] + [wide[k : k + 17] for k in range(15, len(wide), 17)]
    run_rows = [run_on[:15]] + [run_on[k : k + 17] for k in range(15, len(run_on), 17)]
    c.drawString(220 + 2 * BODY, H - 90, wide_rows[0])
    for k, row in enumerate(wide_rows[1:5], start=1):
        c.drawString(220, H - (90 + k * PITCH), row)
    c.drawString(410, H - 90, wide_rows[5])
    c.drawString(410 + 2 * BODY, H - (90 + PITCH), run_rows[0])
    for k, row in enumerate(run_rows[1:3], start=2):
        c.drawString(410, H - (90 + k * PITCH), row)
    headline_y = 90 + 5 * PITCH + 40  # a blank band two lines tall under the second column, no rule
    for k, row in enumerate(run_rows[3:]):
        c.drawString(410, H - (headline_y + k * PITCH), row)
    c.setFont("STSong-Light", 20)
    c.drawString(90, H - headline_y, "守护好前人留给我们的财富")
    c.setFont("STSong-Light", BODY)
    lower = ("审理中，法官多次组织双方调解，最终促成当事人达成和解协议。", "本案的审结，为类似纠纷的化解提供了有益参考。")
    _column(c, 30, headline_y + 30, 17, [lower[0]])
    _column(c, 220, headline_y + 30, 17, [lower[1]])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [B2, wide, run_on], "守护好前人留给我们的财富": list(lower)}


def test_paragraph_left_open_above_a_blank_band_does_not_run_into_a_column_beside_the_next_headline(
    tmp_path: Path,
) -> None:
    # The first article's last column runs on past a blank band; the next headline is set over the
    # middle column only, and the column left of it, read first, opens with a section number. The
    # open sentence goes on in the last column, not in that column of the next article.
    path = tmp_path / "open.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    run_on, headline_y = _article_running_on_past_a_band(c)
    c.setFont("STSong-Light", 20)
    c.drawString(255, H - headline_y, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    c.drawString(100, H - (headline_y + 15), "（一）")
    _column(c, 30, headline_y + 35, 17, [B1])
    _column(c, 220, headline_y + 30, 17, [B2])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1, A2, run_on], "借款留凭证": ["（一）", B1, B2]}


@pytest.mark.parametrize(
    ("photos", "caption", "headline", "span"), [(1, False, 230, 360), (1, True, 230, 360), (2, True, 230, 360), (1, False, 30, 360), (1, False, 230, 550)]
)
def test_each_column_reads_down_past_a_photo_set_across_the_columns_in_the_middle_of_the_text(
    tmp_path: Path, photos: int, caption: bool, headline: float, span: float
) -> None:
    # A photo across the first two of three columns, or two photos side by side there, halfway down
    # the text: the first column goes on under the photo before the second column begins above it.
    # A caption set close under the photo, with the columns close under it, leaves no blank to cut
    # the photo's band off at; under two photos it also runs across the channel between them. A
    # headline set flush left over the first gutter stands over the columns: it is read first. A
    # photo across all three columns leaves the last one, run short above it, to be read by itself.
    path = tmp_path / "jump.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(headline, H - 60, "仲夏时节话法治的新篇章")
    width = (span - 10 * (photos - 1)) / photos
    for k in range(photos):
        c.drawImage(ImageReader(Image.new("L", (200, 60), 128)), 30 + k * (width + 10), H - 235, width, 100)
    c.setFont("STSong-Light", BODY)
    text = A1 + A2 + A3 + B1 + B2
    rows = [text[:15]] + [text[k : k + 17] for k in range(15, len(text), 17)]
    place = [(30, 90), (30, 105), (30, 120), (30, 255), (30, 270)]
    place += [(x + 190, y) for x, y in place] + [(410, 90 + PITCH * k) for k in range(len(rows) - 10)]
    c.drawString(30 + 2 * BODY, H - 90, rows[0])
    for row, (x, y) in zip(rows[1:], place[1:]):
        c.drawString(x, H - y, row)
    if caption:
        c.setFont("STSong-Light", 8)
        c.drawString(190, H - 243, "资料图片")
    c.save()

    [article] = _articles(path)
    assert [b["text"] for b in article["blocks"]] == [text]
    assert article["captions"] == (["资料图片"] if caption else [])


def test_one_column_running_on_under_a_photo_close_under_its_caption_is_read_before_the_next_column(
    tmp_path: Path,
) -> None:
    # A photo across both columns halfway down; only the first column goes on under it, close under
    # a caption set flush right over the gutter, close under the photo: no gap of a line's leading
    # parts the caption from the text, and no columns side by side stand under it. The first column
    # reads on under the photo before the second begins above it.
    path = tmp_path / "one-under.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(140, H - 60, "仲夏时节话法治")
    c.drawImage(ImageReader(Image.new("L", (200, 60), 128)), 30, H - 235, 360, 100)
    c.setFont("STSong-Light", BODY)
    text = A1 + A2 + A3
    rows = [text[:15]] + [text[k : k + 17] for k in range(15, len(text), 17)]
    place = [(30, 90), (30, 105), (30, 120), (30, 255), (30, 270), (220, 90), (220, 105), (220, 120)]
    assert len(rows) == len(place)
    c.drawString(30 + 2 * BODY, H - 90, rows[0])
    for row, (x, y) in zip(rows[1:], place[1:]):
        c.drawString(x, H - y, row)
    c.setFont("STSong-Light", 8)
    c.drawString(190, H - 243, "资料图片")
    c.save()

    [article] = _articles(path)
    assert [b["text"] for b in article["blocks"]] == [text]
    assert article["captions"] == ["资料图片"]


def test_headlines_side_by_side_in_sizes_a_step_apart_a_quote_hung_between_are_two_articles(tmp_path: Path) -> None:
    # Two headlines on one row, set 18 and 22 pt, the second opening with a quote hung into the few
    # points between them: more than one step of the size series apart, they are two lines, two
    # headlines over their own columns, never one headline taking both articles.
    path = tmp_path / "two-sizes.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 18)
    c.drawString(30, H - 60, "探索集成电路国产化")
    c.setFont("STSong-Light", 22)
    c.drawString(30 + 9 * 18 + 4, H - 60, "“内外贸同样重要”")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 15, [A1])
    _column(c, 210, 90, 17, [B1])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"探索集成电路国产化": [A1], "“内外贸同样重要”": [B1]}


def test_heading_in_a_face_of_its_own_its_quote_hung_into_the_gutter_wraps_into_its_short_rest(tmp_path: Path) -> None:
    # A bold heading in a face of its own tops the second column, its opening quote hung into the
    # gutter, closer to the first column's line than a gutter's blank: a change of face there parts the
    # two lines, so the heading keeps its face. It runs to the column's edge and wraps into a short
    # rest set centred (保发展), which reads like a name but is set in the heading's face: no byline.
    path = tmp_path / "hung-heading.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(140, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [A1, A2])
    c.setFont(_font_name(), BODY)
    _fake_bold(c, 207, 90, "“两山白茶贷”助力乡村茶产业绿色环")
    _fake_bold(c, 290, 90 + PITCH, "保发展")
    c.setFont("STSong-Light", BODY)
    _column(c, 220, 90 + 2 * PITCH, 17, [B1, B2, A3])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "仲夏时节话法治" and article["byline"] is None
    assert [b["text"] for b in article["blocks"]] == [A1, A2, "“两山白茶贷”助力乡村茶产业绿色环保发展", B1, B2, A3]


def test_kicker_over_the_next_headline_is_no_run_on_of_a_paragraph_left_open_beside_it(tmp_path: Path) -> None:
    # The first article's last column ends on a colon; the next article, beside it, opens with a
    # kicker at body size right over its headline, read next. A column that opens with a headline is
    # the article it opens: the open paragraph does not run on into its kicker.
    path = tmp_path / "kicker-beside.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(100, H - 60, "仲夏时节话法治")
    c.drawString(455, H - 76, "借款凭证")
    c.setFont("STSong-Light", 10.4)
    c.drawString(484, H - 51, "建议")  # level with the first headline's top, at the body's size
    c.setFont("STSong-Light", BODY)
    open_end = A3[:-1] + "如下："  # its last line full: the paragraph runs on
    _column(c, 30, 90, 17, [A1, A2])
    _column(c, 220, 90, 17, [B2, open_end])
    _column(c, 410, 115, 17, [B1, A3])  # under a blank (a photo's place): the header is a column of its own
    c.save()

    articles = {a["title"]: (a["kicker"], [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {"仲夏时节话法治": (None, [A1, A2, B2, open_end]), "借款凭证": ("建议", [B1, A3])}


def test_bold_dateline_alone_on_its_line_measured_as_a_deck_opens_the_body() -> None:
    """OCR sizes a line by its ink: a bold 【…电】 dateline filling the first line of the body measures
    like a deck under the headline. It is the body's opening, never the subtitle or a heading."""
    x0, x1 = 30.0, 30.0 + 15 * BODY
    head = Line("仲夏时节话法治", (x0 + 10, 60, x0 + 150, 84), 24.0, None, 0.99, bold=True)
    dateline = Line("【本报北京10月19日电】", (x0 + 2 * BODY + 5, 96, x1, 109), 13.0, None, 0.99, bold=True)
    lines = [
        Line(text, (x0, 111 + k * PITCH, x1 if k < 3 else x0 + 8 * BODY, 111 + k * PITCH + BODY), BODY, None, 0.99, bold=False)
        for k, text in enumerate(["（人民网记者李唯一）10月19日，第", "十届世界妈祖文化论坛新闻发布会", "在人民网初心报告厅举行。记者从", "发布会上获悉。"])
    ]
    blocks = page_blocks(PageText(1, [head, dateline, *lines], "ocr", 600, H))
    assert blocks[0].role == "title" and {b.role for b in blocks[1:]} == {"paragraph"}
    [article] = segment(blocks, Settings()).articles
    assert (article.dateline, article.byline) == ("本报北京10月19日电", "人民网记者李唯一")
    assert article.blocks[0].text.startswith("10月19日，第十届")


def test_a_line_level_with_a_headline_across_a_column_rule_is_no_half_of_it() -> None:
    # A scan's stream can put a headline set beside the page's lead headline right before it, on
    # the same row, a column rule running down between them: however close, it is no phrase of
    # the lead headline split at a wide space.
    from courtdoc.layout.headers import stacked

    def line(text: str, x: float) -> Line:
        return Line(text=text, bbox=(x, 103.0, x + 25.0 * len(text), 128.0), size=25.0, font=None, confidence=0.99)

    lead, beside = line("新时代新征程推动民政事业", 357.8), line("三季度出入境", 713.8)  # 56 pt apart
    ctx = PageCtx(1, 9.5, 15.0, "", [], [(700.1, 102.5, 700.6, 605.5)], [])
    assert not stacked(beside, lead, ctx) and not stacked(lead, beside, ctx)
    assert stacked(beside, lead, PageCtx(1, 9.5, 15.0, "", [], [], []))


def _article_over_three_then_headline_over_two(path: Path) -> tuple[canvas.Canvas, float]:
    """A page with an article over three columns and, under it, a headline over the first two columns
    and their text, the third column's foot left free; returns the canvas and the first article's
    bottom."""
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    bottom = max(_column(c, 30 + 190 * k, 90, 17, [text]) for k, text in enumerate([A1, A2, A3]))
    c.setFont("STSong-Light", 20)
    c.drawString(60, H - (bottom + 40), "守护好前人留给我们的财富")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, bottom + 70, 17, [B1])
    _column(c, 220, bottom + 70, 17, [B2])
    return c, bottom


def test_bold_lines_at_body_size_over_a_body_opening_with_a_dateline_are_a_narrow_articles_headline(
    tmp_path: Path,
) -> None:
    # Under an article over three columns, the next band holds a headline over the first two and, in
    # the last, a narrow article whose bold headline is set at body size, with no byline and no rule
    # over it. A dateline opens an article's body, never a section's: the bold lines right over it
    # are that article's headline, not a section heading of the article beside it.
    path = tmp_path / "narrow-dateline.pdf"
    c, bottom = _article_over_three_then_headline_over_two(path)
    _fake_bold(c, 440, bottom + 25, "把握公正根本要求")
    _fake_bold(c, 440, bottom + 25 + PITCH, "用心用情办理案件")
    body = "【赤峰讯】" + A1
    _column(c, 410, bottom + 25 + 2 * PITCH + 5, 17, [body])
    c.save()

    articles = {a["title"]: (a["dateline"], [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [A1, A2, A3]),
        "守护好前人留给我们的财富": (None, [B1, B2]),
        "把握公正根本要求用心用情办理案件": ("赤峰讯", [A1]),
    }


def test_narrow_headline_under_a_column_whose_text_goes_on_in_the_next_column_opens_an_article(tmp_path: Path) -> None:
    # One paragraph runs down three columns of one length; the middle one stops mid-sentence, level
    # with the third's foot, and goes on at its top. Under the blank band a headline stands over the first column and, over the
    # second, a narrow article's bold lines over a dateline. The open sentence goes on in the next
    # column, not down across the band: the band parts the bold lines from it, a headline.
    path = tmp_path / "next-column.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    text = A1 + A2 + A3 + B2 + B1
    rows = [text[:15]] + [text[k : k + 17] for k in range(15, len(text), 17)]
    per = -(-len(rows) // 3)
    c.drawString(30 + 2 * BODY, H - 90, rows[0])
    for k, row in enumerate(rows[1:], start=1):
        c.drawString(30 + 190 * (k // per), H - (90 + (k % per) * PITCH), row)
    bottom = 90 + per * PITCH
    c.setFont("STSong-Light", 20)
    c.drawString(40, H - (bottom + 40), "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, bottom + 70, 17, [B1])
    _fake_bold(c, 250, bottom + 25, "把握公正根本要求")
    _fake_bold(c, 250, bottom + 25 + PITCH, "用心用情办理案件")
    _column(c, 220, bottom + 25 + 2 * PITCH + 5, 17, ["【赤峰讯】" + A1])
    c.save()

    articles = {a["title"]: (a["dateline"], [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [text]),
        "借款留凭证": (None, [B1]),
        "把握公正根本要求用心用情办理案件": ("赤峰讯", [A1]),
    }


def test_column_beside_a_headline_centred_over_its_columns_begins_with_them_and_is_theirs(tmp_path: Path) -> None:
    # A one-column article beside one over four narrow columns, whose headline, centred over them,
    # starts right of the first one's gutter: a channel parts that column from the headline, and its
    # top stands beside the other article's header. It begins on the row its neighbours to the right
    # begin on, under their headline, lower than the column under the narrow headline: it is theirs.
    path = tmp_path / "centred.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 14)
    _fake_bold(c, 47, 50, "委内瑞拉")
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "守护好前人留下的财富")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 80, 9, [A1])
    for k, text in enumerate([A2, A3, B1, B2], start=1):
        _column(c, 30 + 102 * k, 100, 9, [text])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"委内瑞拉": [A1], "守护好前人留下的财富": [A2, A3, B1, B2]}


def test_two_lines_under_a_tall_photo_set_into_the_columns_stay_in_their_columns(tmp_path: Path) -> None:
    # A photo taller than the lines around a row reach, across the first two of three columns; under
    # it and its credit, two lines a column: a section heading over an indented line, and two flush
    # lines. Neither column there shows its edge at the gutter, but the columns above the photo do:
    # each row under it stays two lines, and each column reads down past the photo before the next.
    path = tmp_path / "tall.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治的新篇章")
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 30, H - 330, 360, 165)
    c.setFont("STSong-Light", 8)
    c.drawString(320, H - 339, "李志伟 摄")
    c.setFont("STSong-Light", BODY)
    opening = (A1 + A2)[:82] + "。"  # five full rows above the photo, the first indented
    pool = B1 + B2 + A3 + A1 + A2 + B1 + B2 + A3 + A1 + A2 + B1 + B2
    going_on = pool[: pool.rindex("。", 0, 15 + 17 * 25) + 1]  # down the last column as far as the rows under the photo
    rows = [opening[:15]] + [opening[k : k + 17] for k in range(15, 83, 17)]
    rows += [going_on[:15]] + [going_on[k : k + 17] for k in range(15, len(going_on), 17)]
    above = [90 + PITCH * k for k in range(5)]
    place = [(30 + 2 * BODY * (y == above[0]), y) for y in above] + [(50, 365)] + [(220, y) for y in above] + [(220, 350), (220, 365)]
    place += [(410, 90 + PITCH * k) for k in range(len(rows) - len(place))]
    for row, (x, y) in zip(rows, place):
        c.drawString(x, H - y, row)
    _fake_bold(c, 30, 350, "推动技术迭代")
    c.save()

    [article] = _articles(path)
    assert [b["text"] for b in article["blocks"]] == [opening, "推动技术迭代", going_on]


def test_column_that_ends_under_a_photo_in_a_short_last_line_reads_on_past_the_photo(tmp_path: Path) -> None:
    # A photo across the last two of three columns, halfway down; the first column runs the full
    # height. Under the photo the last column holds only its paragraph's short last line, far
    # narrower than the column: it is still that column's end, read after its text above the photo.
    path = tmp_path / "short-end.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治的新篇章")
    c.drawImage(ImageReader(Image.new("L", (200, 60), 128)), 220, H - 205, 360, 90)
    c.setFont("STSong-Light", BODY)
    text = A1 + A2 + A3 + B1 + B2 + A1 + A2
    rows = [text[:15]] + [text[k : k + 17] for k in range(15, len(text), 17)]
    place = [(30, 90 + PITCH * k) for k in range(11)] + [(220, 90), (220, 105), (220, 225), (220, 240)]
    place += [(410, 90), (410, 105), (410, 225)]
    assert len(rows) == len(place) and len(rows[-1]) < 17 // 2
    c.drawString(30 + 2 * BODY, H - 90, rows[0])
    for row, (x, y) in zip(rows[1:], place[1:]):
        c.drawString(x, H - y, row)
    c.save()

    [article] = _articles(path)
    assert [b["text"] for b in article["blocks"]] == [text]


def test_bold_deck_lines_right_under_a_blank_band_open_a_narrow_article_beside_the_next_headline(
    tmp_path: Path,
) -> None:
    # Articles parted by whitespace alone: under an article over three columns, a blank band, then
    # a headline over the first two and, over the last, a narrow article's headline set bold only a
    # little bigger than the body, with a kicker over it and no byline. Right under the blank band
    # (a rule's place on such a page) it opens an article, as it would right under a rule.
    path = tmp_path / "narrow-blank.pdf"
    c, bottom = _article_over_three_then_headline_over_two(path)
    c.drawString(420, H - (bottom + 20), "国际人士看中国")
    c.setFont("STSong-Light", 12)
    _fake_bold(c, 420, bottom + 36, "开放的中国带来")
    _fake_bold(c, 420, bottom + 52, "巨大机遇")
    c.setFont("STSong-Light", BODY)
    _column(c, 410, bottom + 72, 17, [A1])
    c.save()

    articles = {a["title"]: (a["kicker"], [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [A1, A2, A3]),
        "守护好前人留给我们的财富": (None, [B1, B2]),
        "开放的中国带来巨大机遇": ("国际人士看中国", [A1]),
    }


def test_bold_lines_over_a_byline_led_by_an_editors_sign_off_are_no_headline(tmp_path: Path) -> None:
    # An editor's note closes with its sign-off (——编者) at the top of the second column, under the
    # article's photo; a bold section heading and its byline follow. Nothing of that column stands
    # above the sign-off, but a line led by a dash follows what it belongs to and opens no headline,
    # and the heading under it goes on from it.
    path = tmp_path / "sign-off.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(100, H - 60, "仲夏时节话法治")
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 30, H - 200, 360, 120)
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 230, 17, [A1, A2])
    _fake_bold(c, 220, 230, "——编者")
    _fake_bold(c, 220, 230 + PITCH, "战略科技持续壮大")
    _fake_bold(c, 220, 230 + 2 * PITCH, "本报记者 刘诗瑶")
    _column(c, 220, 230 + 3 * PITCH, 17, [B1, B2])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "仲夏时节话法治"
    assert [b["text"] for b in article["blocks"]][:2] == [A1, A2]
    assert [b["text"] for b in article["blocks"]][-2:] == [B1, B2]


def test_section_heading_with_its_byline_under_an_editors_note_across_a_blank_band_stays_in_the_article(
    tmp_path: Path,
) -> None:
    # An article over three columns whose last column ends in an editor's note signed ——编者; under a
    # blank band the next headline stands over the first two columns, and the last column goes on
    # with a bold section heading and its own byline. The note stands before the body it introduces:
    # the band that headline opens is none over that column, so the heading is the first article's
    # section, not a narrow article's headline (which would leave the first ending in its note).
    path = tmp_path / "note-band.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(230, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 17, [A1])
    _column(c, 220, 90, 17, [A3])
    y = _column(c, 410, 90, 17, [A2])
    _fake_bold(c, 520, y, "——编者")
    bottom = y + PITCH
    c.setFont("STSong-Light", 20)
    c.drawString(60, H - (bottom + 40), "守护好前人留给我们的财富")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, bottom + 70, 17, [B1])
    _column(c, 220, bottom + 70, 17, [B2])
    _fake_bold(c, 410, bottom + 25, "战略科技持续壮大")
    _fake_bold(c, 410, bottom + 25 + PITCH, "本报记者 刘诗瑶")
    _column(c, 410, bottom + 25 + 2 * PITCH, 17, [A1])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert set(articles) == {"仲夏时节话法治", "守护好前人留给我们的财富"}
    first = articles["仲夏时节话法治"]
    assert first[:3] == [A1, A3, A2]
    assert "战略科技持续壮大" in first and first[-1] == A1
    assert articles["守护好前人留给我们的财富"] == [B1, B2]


def test_sections_bold_byline_at_the_top_of_a_column_under_a_rule_opens_no_article(tmp_path: Path) -> None:
    # A section heading ends the second column; its byline, set bold like it, tops the third, which
    # stands under the band's rule beside the headline. A bold line right under a rule opens an
    # article, but a line that names a reporter is a byline wherever it stands, never a headline.
    path = tmp_path / "section-byline.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.line(30, H - 40, 580, H - 40)
    c.setFont("STSong-Light", 20)
    c.drawString(60, H - 70, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 100, 17, [A1])
    y = _column(c, 220, 100, 17, [A2])
    _fake_bold(c, 240, y, "战略科技持续壮大")
    _fake_bold(c, 410, 90, "本报记者 刘诗瑶")
    _column(c, 410, 90 + PITCH, 17, [B1])
    c.save()

    [article] = _articles(path)
    assert article["title"] == "仲夏时节话法治"
    assert [b["text"] for b in article["blocks"]][:3] == [A1, A2, "战略科技持续壮大"]
    assert [b["text"] for b in article["blocks"]][-1] == B1


def test_headlines_side_by_side_in_two_sizes_are_two_headlines(tmp_path: Path) -> None:
    # Two headlines on one row, each wrapped over two lines centred under the first, two and a half
    # cells apart with no rule between and no line of theirs ending in the blank; a tall photo under
    # the second keeps its column out of reach, so no gutter shows under the blank. A headline's two
    # phrases stand that close too, but they share one size; these are set a point apart.
    path = tmp_path / "two-sizes.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 18)
    _fake_bold(c, 30, 60, "要把全面深化改革作为")
    _fake_bold(c, 30 + 18 * 3, 82, "根本动力")
    c.setFont("STSong-Light", 17)
    _fake_bold(c, 255, 60, "新时代新征程推动")
    _fake_bold(c, 255 + 17 * 2, 82, "根本遵循")
    c.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 220, H - 270, 170, 170)
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 110, 17, [A1, A2, A3, B2])
    _column(c, 220, 290, 17, [B1])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"要把全面深化改革作为根本动力": [A1, A2, A3, B2], "新时代新征程推动根本遵循": [B1]}



def test_column_running_down_beside_a_photo_across_the_others_does_not_hold_their_text_together() -> None:
    # Reading order over line boxes (a jumped article of seed 5, shenpan-p002): a headline over the
    # last gutter; a photo across the first four of five columns, halfway down, its credit close
    # under it; the fifth column, not jumped, begins a row lower and runs down beside the photo to
    # its foot, so no blank crosses the box above the photo. The columns found under the header's
    # first row begin above the photo: that is no cut under the photo. Each jumped column reads
    # down past the photo before the next begins; the fifth is read last.
    from courtdoc.layout.reading_order import Cuts, xy_order

    lefts = [36.0, 166.0, 296.0, 426.0]
    items: list[tuple[tuple[float, float, float, float], str]] = [((158.0, 98.0, 554.0, 127.0), "title")]
    for k, x in enumerate(lefts):
        items += [((x, y, x + 120, y + 9.5), f"c{k}-{y:.0f}") for y in (136.0, 151.0, 165.0, 180.0, 195.0, 210.0, 224.0)]
        items += [((x, y, x + 120, y + 9.5), f"c{k}-{y:.0f}") for y in (361.0, 376.0)]
    items += [((556.0, 151.0 + 14.7 * k, 676.0, 160.5 + 14.7 * k), f"c4-{k}") for k in range(13)]
    items += [((36.0, 247.0, 546.0, 340.0), "photo"), ((272.0, 343.0, 311.0, 352.0), "credit")]
    cuts = Cuts(min_vgap=5.7, min_hgap=10.9, line_gap=8.1, lead=29.5)
    leaves, _ = xy_order(items, [], cuts, lambda p: p == "title", lambda p: p == "photo")
    order = [p for leaf in leaves for p in leaf]
    for k in range(4):
        column = [p for p in order if p.startswith(f"c{k}-")]
        assert column == [f"c{k}-{y}" for y in (136, 151, 165, 180, 195, 210, 224, 361, 376)]
        assert order.index(column[-1]) < order.index(f"c{k + 1}-" + ("136" if k < 3 else "0"))


def test_line_a_source_joined_across_a_gutter_under_a_tall_photo_is_split_at_it() -> None:
    # Under a photo set across two columns, taller than the lines around a line reach, the source
    # joined a column's line with the next column's across the gutter (seed 5, shenpan-p002). The
    # only other line under the photo in the second column is indented: the columns above the photo
    # say where the gutter is.
    from courtdoc.layout.columns import split_at_gutters

    def line(text: str, x0: float, top: float, x1: float) -> Line:
        return Line(text, (x0, top, x1, top + 9.5), 9.5, "Serif", 1.0)

    above = [line("映，在一些学生自主寻找的非", 36.0, 814.0 + 14.7 * k, 155.4) for k in range(7)]
    above += [line("以补偿一天实习薪资作为解", 166.1, 814.0 + 14.7 * k, 285.5) for k in range(7)]
    under = [
        line("实践教学实习中，由于缺乏对", 36.0, 1042.7, 155.4),
        line("“我曾在一家业内知名度", 181.0, 1042.7, 285.5),
        line("实习生劳动权益的明确规范， 很高的会计师事务所实习。”", 36.0, 1057.4, 289.9),
    ]
    photo = (36.0, 925.7, 285.5, 1021.4)
    split = [ln.text for ln in split_at_gutters(above + under, 14.7, [photo]) if ln.bbox[1] == 1057.4]
    assert split == ["实习生劳动权益的明确规范，", "很高的会计师事务所实习。”"]


def test_byline_over_a_photo_is_not_split_at_the_gutter_of_the_columns_under_the_photo() -> None:
    # A byline set under its headline, over a photo across two columns, its blank over their gutter
    # (seed 1, fayuan set by the classic generator): the columns under the photo say nothing about a
    # line over it, however near the photo brings them.
    from courtdoc.layout.columns import split_at_gutters

    def line(text: str, x0: float, top: float, x1: float) -> Line:
        return Line(text, (x0, top, x1, top + 10.5), 10.5, "Serif", 1.0)

    byline = line("本报记者 屈信明 刘新吾 张云河", 602.2, 443.2, 754.4)
    columns = [line("征程的目标任务，要把全面深", x, 620.0 + 15.0 * k, x + 115.0) for x in (556.0, 685.0) for k in range(8)]
    photo = (556.0, 470.0, 800.0, 600.0)
    assert [ln.text for ln in split_at_gutters([byline, *columns], 15.0, [photo]) if ln.bbox[1] == 443.2] == [byline.text]


def test_a_kicker_wrapped_onto_two_lines_is_one_kicker(tmp_path: Path) -> None:
    # A narrow article's kicker, at body size in a face of its own, fills its column and wraps: its
    # first line is as wide as the body's lines, only its rest is short over the headline.
    path = tmp_path / "kicker-wrap.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 90, 24, [A1, A2])
    c.setFont(_font_name(), BODY)
    c.drawString(330, H - 60, "中国道路中国梦·青春为中国")
    c.drawString(330 + 3 * BODY, H - 77, "式现代化挺膺担当")
    c.setFont("STSong-Light", 17)
    c.drawString(335, H - 100, "要学对不对也学美不美")
    c.setFont("STSong-Light", BODY)
    _column(c, 330, 130, 13, [B1, B2])
    c.save()

    articles = {a["title"]: (a["kicker"], [b["text"] for b in a["blocks"]]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [A1, A2]),
        "要学对不对也学美不美": ("中国道路中国梦·青春为中国式现代化挺膺担当", [B1, B2]),
    }


def test_a_paragraph_cut_after_its_first_line_runs_on_under_the_band_beside_the_next_article(tmp_path: Path) -> None:
    # An L-shaped article: its second column ends on the indented first line of a paragraph, cut
    # before any comma, and goes on under a blank band beside the next article's headline.
    path = tmp_path / "cut-first-line.pdf"
    opening, rest = "该院始终将执行工作当做", "“一把手”工程抓，党组书记、院长靠前指挥，亲力亲为；配齐配强执行力量。"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.drawString(30, H - 300, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 100, 13, [A1])
    _column(c, 180, 100, 13, [A3, opening])  # the indented line fills the column: the paragraph is cut
    _column(c, 30, 330, 13, [B1, B2])
    for k in range(0, len(rest), 13):
        c.drawString(180, H - (290 + k // 13 * PITCH), rest[k : k + 13])
    c.save()

    articles = {a["title"]: [b["text"] for b in a["blocks"]] for a in _articles(path)}
    assert articles == {"仲夏时节话法治": [A1, A3, opening + rest], "借款留凭证": [B1, B2]}


def test_a_kicker_atop_the_next_frame_is_no_run_on_of_the_attribution_read_before_it(tmp_path: Path) -> None:
    # Two framed articles side by side; the right one's kicker, at body size in a face of its own,
    # stands higher than the left one's headline, and its headline is set only a step over the body.
    # The left article ends on its attribution, read right before the kicker: the paragraph stops
    # where the next header starts, so the kicker stays over its headline.
    path = tmp_path / "kicker-next-frame.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.rect(25, H - 330, 300, 310, stroke=1, fill=0)
    c.rect(335, H - 330, 240, 310, stroke=1, fill=0)
    c.setFont("STSong-Light", 20)
    c.drawString(35, H - 80, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 35, 120, 14, [A1])
    y = _column(c, 185, 120, 14, [A3])
    c.drawRightString(325, H - y, "（赤峰市中院供稿）")
    c.setFont(_font_name(), BODY)
    c.drawString(345, H - 40, "第一现场")
    c.setFont("STSong-Light", 1.24 * BODY)
    _fake_bold(c, 345, 56, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 345, 90, 21, [B1, B2])
    c.save()

    articles = {a["title"]: (a["kicker"], [b["text"] for b in a["blocks"]], a["attribution"]) for a in _articles(path)}
    assert articles == {
        "仲夏时节话法治": (None, [A1, A3], "（赤峰市中院供稿）"),
        "借款留凭证": ("第一现场", [B1, B2], None),
    }


def test_a_kicker_wraps_only_from_a_line_in_its_named_face() -> None:
    # A wrapped kicker is told by its face, which OCR does not name: there two lines with no face
    # named are no evidence of one (a scan's Kai body lines over a dateline read as a deck ran into
    # it as a kicker, then a byline).
    ctx = PageCtx(number=1, body=BODY, pitch=PITCH, body_font="", figures=[], rules=[], boxes=[])
    full, rest = Line("锡林郭勒盟中级人民法院突出党", (30, 100, 170, 110), size=BODY), Line("建引领", (30, 113, 60, 123), size=BODY)
    assert not _kicker_wraps_into(full, rest, ctx)
    named = PageCtx(number=1, body=BODY, pitch=PITCH, body_font="Song", figures=[], rules=[], boxes=[])
    kai = [Line(ln.text, ln.bbox, size=BODY, font="Kai") for ln in (full, rest)]
    assert _kicker_wraps_into(kai[0], kai[1], named)


COLUMN, GUTTER = 14 * BODY, 12.0  # the columns of the OCR article under a short centred headline


def _ocr_article_under_a_short_centred_headline(byline: Line) -> list[Line]:
    """An OCR page: a short bold headline centred over four ruled columns of body text, and `byline`
    under the headline's foot; every line unnamed in face, as OCR gives them."""
    x0, width, gutter = 30.0, COLUMN, GUTTER
    middle = x0 + (4 * width + 3 * gutter) / 2
    head = Line("西班牙人观察", (middle - 3 * 24, 60, middle + 3 * 24, 84), 24.0, None, 0.99, bold=True)
    text = "不久前，西班牙商业顾问推出专著。该书根据其在中国工作与生活的观察，以亲历者的视角分析发展的路径。"
    columns = []
    for c in range(4):
        left = x0 + c * (width + gutter)
        rows = [text[k : k + 14] for k in range(c, len(text), 14)][:4]
        columns += [Line(row, (left, 110 + k * PITCH, left + BODY * len(row), 110 + k * PITCH + BODY), BODY, None, 0.99, bold=False) for k, row in enumerate(rows)]
    return [head, byline, *columns]


def _ocr_articles(lines: list[Line], top_rule: bool = False) -> list:
    rules = [(30.0 + c * (COLUMN + GUTTER) - 6, 108.0, 30.0 + c * (COLUMN + GUTTER) - 5.5, 200.0) for c in (1, 2, 3)]
    if top_rule:  # the rule under the masthead, over the page's first row of headlines
        rules.append((30.0, 52.0, 30.0 + 4 * COLUMN + 3 * GUTTER, 53.0))
    return segment(page_blocks(PageText(1, lines, "ocr", 700, H, rules=rules)), Settings()).articles


def test_a_bare_name_measured_a_size_over_the_body_far_right_of_a_short_headline_is_its_byline() -> None:
    """OCR names no face, but measures a Kai byline at Kai's em: a bare name set a size over the body,
    flush right at the edge of an article four columns wide under a short centred headline, is the
    headline's byline (read last, in the outer column, it went into that column's text as a heading)."""
    right = 30.0 + 4 * (COLUMN + GUTTER) - GUTTER  # 123 pt right of the headline's end
    name = Line("胡里奥·塞瓦略斯", (right - 8 * 11, 87, right, 98), 11.2, None, 0.97, bold=False)
    [article] = _ocr_articles(_ocr_article_under_a_short_centred_headline(name))
    assert (article.title, article.byline) == ("西班牙人观察", "胡里奥·塞瓦略斯")
    assert "胡里奥·塞瓦略斯" not in "".join(b.text for b in article.blocks)


def test_a_bare_name_measured_heavy_atop_the_column_left_of_the_headline_is_its_byline() -> None:
    """A commentary's headline set over its last three columns, its signature atop the first, level
    with the headline's foot. OCR measures the strokes only: a Kai name at body size may read as heavy
    as bold. It is a name in a face of its own, so the headline's byline, not a headline of its own
    opening an article of the first column."""
    left = 30.0 + COLUMN + GUTTER
    _, _, *columns = _ocr_article_under_a_short_centred_headline(Line("", None))
    head = Line("引领未来中国做对了什么", (left, 60, left + 11 * 24, 84), 24.0, None, 0.99, bold=True)
    name = Line("任仲平", (30.0, 87, 30.0 + 3 * BODY, 87 + BODY), BODY, None, 0.99, bold=True)
    [article] = _ocr_articles([head, name, *columns], top_rule=True)
    assert (article.title, article.byline) == (head.text, "任仲平")
    assert "".join(b.text for b in article.blocks).startswith("不久前")


def test_a_dateline_run_in_at_the_first_line_measured_small_opens_the_body() -> None:
    """A bold dateline run in at the start of the first paragraph (赤峰讯　“公正与…): OCR reads the row's
    pieces and may measure the bold head, and with it the row, small, and the row is a phrase, a blank and
    a phrase. It is no byline and no section heading: it opens the body, and the dateline is the field."""
    head = Line("把握公正根本要求", (30.0, 60, 30.0 + 8 * 24, 84), 24.0, None, 0.99, bold=True)
    first = Line("赤峰讯 “公正与", (30.0 + 2 * BODY, 96, 30.0 + 9 * BODY, 96 + 0.85 * BODY), 0.85 * BODY, None, 0.99, bold=None)
    rows = ["效率”是司法获得公信力的核心所在，赤峰", "市中级人民法院牢牢把握“公正”这一根本", "要求，用心用情办理每一起案件。"]
    body = [Line(r, (30.0, 110 + k * PITCH, 30.0 + BODY * len(r), 110 + k * PITCH + BODY), BODY, None, 0.99, bold=False) for k, r in enumerate(rows)]
    [article] = segment(page_blocks(PageText(1, [head, first, *body], "ocr", 700, H)), Settings()).articles
    assert (article.dateline, article.byline) == ("赤峰讯", None)
    assert article.blocks[0].type == "paragraph" and article.blocks[0].text.startswith("“公正与效率”是司法")


@pytest.mark.parametrize(("words", "byline"), [("裴 桐", "裴 桐"), ("纵横", None)])
def test_a_name_at_body_size_centred_under_a_headline_is_its_byline(words: str, byline: str | None) -> None:
    """OCR may measure a Kai byline neither heavier nor bigger than the body: one person's name by its
    form under the headline is its byline all the same; a label as short is no name."""
    right = 30.0 + 2 * (COLUMN + GUTTER) + 3 * 24
    name = Line(words, (right - 4 * BODY, 87, right - BODY, 87 + BODY), BODY, None, 0.99, bold=False)
    [article] = _ocr_articles(_ocr_article_under_a_short_centred_headline(name))
    assert article.byline == byline


def test_a_role_alone_right_under_a_headline_measured_at_body_size_is_its_byline() -> None:
    """An agency's piece signs with its role alone (新华社记者), set a size over the body: OCR may
    measure it at the body's size, and it still stands under the header, never in the body."""
    right = 30.0 + 2 * (COLUMN + GUTTER) + 3 * 24
    role = Line("新华社记者", (right - 5 * 10.5, 87, right, 97.5), 10.5, None, 0.99, bold=False)
    [article] = _ocr_articles(_ocr_article_under_a_short_centred_headline(role))
    assert article.byline == "新华社记者"
    assert not "".join(b.text for b in article.blocks).startswith("新华社记者")


def test_an_institution_alone_over_one_column_under_the_headline_is_its_byline_at_body_size() -> None:
    """A byline naming an institution (no role word to read it by), centred over one column under the
    headline, measured by OCR at the body's size: nothing under the headline stands level with it, and
    the columns beside it start right under it, so it is the header's, not the opening of its column."""
    left = 30.0 + 2 * (COLUMN + GUTTER)
    byline = Line("中共中央党史和文献研究院", (left, 87, left + 12 * BODY, 97), 10.0, None, 0.99, bold=False)
    _, _, *columns = _ocr_article_under_a_short_centred_headline(byline)
    head = Line("新时代新征程推动民政事业高质量发展的根本遵循", (40, 60, 40 + 21 * 24, 84), 24.0, None, 0.99, bold=True)
    [article] = _ocr_articles([head, byline, *columns])
    assert (article.title, article.byline) == (head.text, "中共中央党史和文献研究院")
    assert "研究院" not in "".join(b.text for b in article.blocks)


def test_an_institution_centred_across_two_columns_under_a_two_line_headline_is_its_byline() -> None:
    """The same byline centred across the gutter of the two columns under a headline of two lines: the
    headline's second line is no text under the headline, and the columns under the byline start right
    under it."""
    _, _, *columns = _ocr_article_under_a_short_centred_headline(Line("", None))
    width = 2 * COLUMN + GUTTER
    heads = [Line(t, (30.0 + (width - 24 * len(t)) / 2, top, 30.0 + (width + 24 * len(t)) / 2, top + 24), 24.0, None, 0.99, bold=True)
             for t, top in (("新时代新征程推动民政事业", 36), ("高质量发展的根本遵循", 62))]
    byline = Line("中共中央党史和文献研究院", (30.0 + width / 2 - 6 * BODY, 92, 30.0 + width / 2 + 6 * BODY, 102), 10.0, None, 0.99, bold=False)
    [article] = _ocr_articles([*heads, byline, *columns[:8]])
    assert (article.title, article.byline) == ("新时代新征程推动民政事业高质量发展的根本遵循", "中共中央党史和文献研究院")


def test_a_bylines_one_character_rest_measured_small_wraps_on_in_its_line() -> None:
    """A byline wrapped in a narrow column (□ 中共中央党史和文献研究 | 院): OCR measures the rest, one glyph,
    by that glyph's own ink, a size under the body. One character says nothing of the type's size: the
    rest goes on in its line, and the byline is whole."""
    head = Line("新时代新征程推动民政事业", (30.0, 60, 30.0 + 12 * 24, 84), 24.0, None, 0.99, bold=True)
    first = Line("□中共中央党史和文献研究", (30.0, 96, 30.0 + 12 * BODY, 96 + BODY), BODY, None, 0.99, bold=False)
    rest = Line("院", (30.0, 96 + PITCH, 30.0 + 0.8 * BODY, 96 + PITCH + 0.8 * BODY), 0.8 * BODY, None, 0.99, bold=False)
    rows = ["民政工作关系民生、连着民", "心。党的十八大以来，党中", "央高度谋划推进民政事业。"]  # a column as narrow as the byline's line
    body = [Line(r, (30.0, 96 + (k + 2) * PITCH, 30.0 + BODY * len(r), 96 + (k + 2) * PITCH + BODY), BODY, None, 0.99, bold=False) for k, r in enumerate(rows)]
    [article] = segment(page_blocks(PageText(1, [head, first, rest, *body], "ocr", 700, H)), Settings()).articles
    assert article.byline == "中共中央党史和文献研究院"
    assert article.blocks[0].text.startswith("民政工作关系民生")


def test_a_credit_printed_big_on_its_photo_opens_no_article() -> None:
    """A column under a photo, headed by the photo's credit (资料图片) printed on the picture, which OCR
    measures as display type: a credit is a caption however it is set, so the column is the headline's
    over the photo, not the opening of an article of its own (which left the byline under the photo
    with no article, given to the page's first)."""
    ctx = PageCtx(number=1, body=BODY, pitch=PITCH, body_font="", figures=[(30.0, 72.0, 330.0, 160.0)], rules=[], boxes=[])
    headline = (30.0, 40.0, 222.0, 64.0)
    credit = Line("资料图片", (34.0, 146, 34.0 + 4 * 14, 160), 14.0, None, 0.99, bold=True)
    column = [credit, Line("□李嘉岳", (30.0, 166, 30.0 + 4 * BODY, 166 + BODY), BODY, None, 0.99, bold=False)]
    column += [Line("国家队，也能省里办？前不久印发", (30.0, 166 + k * PITCH, 30.0 + 14 * BODY, 166 + k * PITCH + BODY), BODY, None, 0.99) for k in (1, 2)]
    decision = leaf_region(column, {1000: headline}, 1000, [], ctx)
    assert decision is not None and decision.region == 1000, decision


def test_a_caption_printed_on_a_band_across_the_photos_foot_is_its_caption(tmp_path: Path) -> None:
    # White text on a dark band across the picture's foot: the photo's caption, not text of the
    # picture left out, nor a note boxed on its own; a label higher up on the picture stays its own.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = tmp_path / "overprint.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.drawImage(ImageReader(Image.new("L", (300, 150), 128)), 30, H - 230, 300, 150)
    c.setFillGray(0.2)
    c.rect(30, H - 230, 300, 18, stroke=0, fill=1)
    c.setFillGray(1.0)
    c.setFont("HeiseiKakuGo-W5", BODY)
    c.drawString(34, H - 225, "法官在法庭上宣判。")
    c.drawString(34, H - 100, "图①")  # a label on the picture
    c.setFillGray(0.0)
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 250, 30, [A1, A2])
    c.save()

    [article] = _articles(path)
    assert article["captions"] == ["法官在法庭上宣判。"]
    assert [b["text"] for b in article["blocks"]] == [A1, A2]
