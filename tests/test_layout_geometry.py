"""Geometry layout on a generated two-article broadsheet page and on the real rmrb PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from bench.corpus import rmrb_articles
from courtdoc.layout import page_blocks
from courtdoc.layout.columns import line_box, merge_rows, printed_rows, split_at_gutters
from courtdoc.layout.headers import header_rows
from courtdoc.layout.quotes import pull_quotes
from courtdoc.layout.shapes import page_shapes
from courtdoc.layout.typeset import PageCtx
from courtdoc.shapes import Shapes
from courtdoc.model import Line, PageText
from courtdoc.rules.punctuation import ends_unit
from courtdoc.pipeline import extract_page, iter_pages, process
from courtdoc.settings import Settings

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
H = 800
BODY = 10
PITCH = 15


def _column(c, x: float, y: float, width: int, paragraphs: list[str]) -> float:
    """Typeset paragraphs into a column `width` characters wide, first lines indented two."""
    for text in paragraphs:
        line, cap = "", width - 2
        indent = True
        for ch in text:
            line += ch
            if len(line) == cap:
                c.drawString(x + (2 * BODY if indent else 0), H - y, line)
                y += PITCH
                line, cap, indent = "", width, False
        if line:
            c.drawString(x + (2 * BODY if indent else 0), H - y, line)
            y += PITCH
    return y


A1 = "赤峰市中级人民法院召开征求意见座谈会，邀请代表委员和群众代表对法院工作提出意见建议。"
A2 = "会上，与会人员围绕审判执行、司法公开、诉讼服务等方面畅所欲言，提出了许多中肯的意见和建议，法院将认真研究吸纳。"
A3 = "院长表示，将把这次座谈会的意见建议转化为改进工作的具体举措。"
B1 = "近日，某区人民法院审结一起民间借贷纠纷案件，依法保护了当事人的合法权益。"
B2 = "法官提醒，出借资金应保留好转账凭证，避免发生纠纷时举证不能。"


@pytest.fixture(scope="module")
def broadsheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 36)
    c.drawString(220, H - 60, "法院专刊")
    c.line(20, H - 80, 580, H - 80)
    # Article A: headline across two columns of 12 characters.
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 120, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    y = _column(c, 30, 150, 12, [A1, A2])
    # The second paragraph runs on into the second column.
    c.line(295, H - 100, 295, H - 500)
    _column(c, 160, 150, 12, [A3])
    # Article B beside it, one column.
    c.setFont("STSong-Light", 20)
    c.drawString(310, H - 120, "借款留凭证")
    c.setFont("STSong-Light", BODY)
    _column(c, 310, 150, 20, [B1, B2])
    c.setFont("STSong-Light", 8)
    c.drawString(30, H - 780, "责任编辑：王丽")
    c.save()
    return path


def test_broadsheet_roles_order_and_regions(broadsheet: Path) -> None:
    blocks = page_blocks(extract_page(broadsheet, 1, Settings()))
    roles = [(b.role, "".join(ln.text for ln in b.lines)) for b in blocks]
    assert roles[0] == ("furniture", "法院专刊")
    assert roles[-1] == ("furniture", "责任编辑：王丽")
    body = [r for r in roles if r[0] != "furniture"]
    assert [r[0] for r in body] == ["title", "paragraph", "paragraph", "paragraph", "title", "paragraph", "paragraph"]
    assert [r[1] for r in body if r[0] == "paragraph"] == [A1, A2, A3, B1, B2]
    assert body[0][1] == "仲夏时节话法治" and body[4][1] == "借款留凭证"
    regions = [b.region for b in blocks if b.role != "furniture"]
    assert regions[0] == regions[3] != regions[4] == regions[6]


@pytest.mark.slow
def test_rmrb_titles_and_paragraph_ends(shared_dir: Path) -> None:
    path = shared_dir / "realworld/rmrb/rmrb_20251020.pdf"
    titles: list[str] = []
    paragraphs = cut = 0
    for page in iter_pages(path, Settings()):
        blocks = page_blocks(page)
        titles += ["".join(ln.text for ln in b.lines).replace(" ", "") for b in blocks if b.role == "title"]
        # The last paragraph of a page may run on to the next page.
        body = [b for b in blocks if b.role == "paragraph"][:-1]
        paragraphs += len(body)
        # A paragraph cut mid-sentence ends in a full-width line without closing punctuation
        # (unpunctuated short lines are list items and run-in heads, printed that way).
        right = max((ln.bbox[2] for b in body for ln in b.lines), default=0.0)
        cut += sum(1 for b in body if not ends_unit(b.lines[-1].text) and b.lines[-1].bbox[2] > right - 30)
    contents = _rmrb_contents(path)
    assert len(contents) == 99
    missing = [t for t in contents if t not in titles]
    assert len(missing) <= 2, missing
    assert len(titles) <= len(contents) + 8
    assert paragraphs > 1000 and cut / paragraphs < 0.01


def _rmrb_contents(path: Path) -> list[str]:
    """The rmrb PDF's own table of contents (pages 1-4), which comes out as furniture, one entry a line."""
    return [
        ln.text.split(".", 1)[1].replace(" ", "")
        for n in range(1, 5)
        for b in page_blocks(extract_page(path, n, Settings()))
        for ln in b.lines
        if b.role == "furniture" and ln.text[:1].isdigit()
    ]


@pytest.mark.slow
def test_rmrb_articles_are_its_table_of_contents(shared_dir: Path) -> None:
    path = shared_dir / "realworld/rmrb/rmrb_20251020.pdf"
    doc = process(path)
    # One article per entry, in order: the editor list set as a table of headline-size names
    # stays one title, and an advertisement's slogan under its headline stays in it.
    assert [a.title.replace(" ", "") for a in doc.articles] == _rmrb_contents(path)
    paragraphs = [b.text for a in doc.articles for b in a.blocks if b.type == "paragraph"]
    # A paragraph printed without a closing mark (a thesis line, a list item) is no cut: the page
    # read on its own by its printed indents (the benchmark's gold reader) ends a paragraph there too.
    printed = {t.replace(" ", "") for a in rmrb_articles(path) for _, t in a.blocks}
    cut = [p for p in paragraphs if not ends_unit(p) and p[-1] not in "：；" and p.replace(" ", "") not in printed]
    assert len(paragraphs) > 1000 and len(cut) / len(paragraphs) < 0.01, cut
    # A sentence running over a page end is one paragraph, though its first part has no comma.
    assert any("基本医疗保险跨省异地就医直接结算工作的通知》发布" in p for p in paragraphs)
    # Sub-heads set in the body face, indented like a paragraph, between finished sentences.
    headings = [b.text for a in doc.articles for b in a.blocks if b.type == "heading"]
    assert "“两山白茶贷”助力茶产业绿色环保发展" in headings
    assert "继续发挥结构性货币政策工具牵引带动作用" in headings
    # A dateline naming the reporter opens the body; it is no byline line of the header.
    art = next(a for a in doc.articles if a.title.startswith("朱子学与全球文明对话大会"))
    assert (art.dateline, art.byline) == ("本报南平10月19日电", "记者刘晓宇")
    assert art.blocks[0].text.startswith("10月18日，由中国社会科学院")
    ad = next(a for a in doc.articles if a.title.startswith("五粮液荣获"))
    assert ad.byline is None and [b.text for b in ad.blocks] == ["中国的 世界的 五粮液"]


C1 = "自治区高级人民法院召开全区法院工作会议，总结过去一年工作，部署今年重点任务，要求各级法院坚持公正与效率主题。"
C2 = "会议要求，要聚焦主责主业，持续提升审判质效，切实做好矛盾纠纷源头预防和实质化解，让群众感受到公平正义。"
C3 = "会议强调，要加强队伍建设，锻造忠诚干净担当的法院铁军，为自治区高质量发展提供有力司法服务和保障。"
D1 = "近日，某基层法院巡回审判车开进牧区，就地审理一起草场纠纷案件，吸引周边牧民旁听。"
D2 = "法官当庭释法说理，双方当事人握手言和。"


@pytest.fixture(scope="module")
def beside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Article A over three columns whose third column runs down beside article B (cols 1-2), rules between."""
    path = tmp_path_factory.mktemp("pdf") / "beside.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 22)
    c.drawString(150, H - 60, "全区法院工作会议召开")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 100, 16, [C1])
    _column(c, 210, 100, 16, [C2])
    _column(c, 390, 100, 16, [C3 + C3])  # runs far down the third column
    c.line(25, H - 190, 375, H - 190)  # closes A off over columns 1-2 only
    c.line(380, H - 195, 380, H - 400)  # B is fenced off from column 3
    c.setFont("STSong-Light", 18)
    c.drawString(60, H - 220, "巡回审判进牧区")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 250, 16, [D1])
    _column(c, 210, 250, 16, [D2])
    c.save()
    return path


def test_column_running_beside_a_later_article_stays_with_its_own(beside: Path) -> None:
    blocks = page_blocks(extract_page(beside, 1, Settings()))
    by_region: dict[int | None, list[str]] = {}
    for b in blocks:
        by_region.setdefault(b.region, []).append("".join(ln.text for ln in b.lines))
    a = next(texts for texts in by_region.values() if texts[0] == "全区法院工作会议召开")
    b = next(texts for texts in by_region.values() if texts[0] == "巡回审判进牧区")
    assert a[1:] == [C1, C2, C3 + C3]
    assert b[1:] == [D1, D2]


def test_boxed_quote_set_as_big_as_a_headline_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "quote.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.rect(40, H - 150, 520, 60)  # the box, under the masthead
    c.setFont("STSong-Light", 13)  # 1.3 x body: headline size, but no body text under it
    c.drawString(60, H - 115, "持续抓好全国两会精神贯彻落实奋力推进审判工作现代化")
    c.setFont("STSong-Light", BODY)
    c.drawString(380, H - 138, "——最高人民法院党组书记、院长张军")
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 200, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 30, 230, 30, [A1, A2])
    c.save()

    blocks = page_blocks(extract_page(path, 1, Settings()))
    notes = [b for b in blocks if b.role == "pull-quote"]
    assert [[ln.text for ln in b.lines] for b in notes] == [
        ["持续抓好全国两会精神贯彻落实奋力推进审判工作现代化", "——最高人民法院党组书记、院长张军"]
    ]
    assert [b.role for b in blocks if b.role != "pull-quote"] == ["title", "paragraph", "paragraph"]


def test_gutter_found_when_small_print_elsewhere_shares_the_row(tmp_path: Path) -> None:
    path = tmp_path / "credit.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 9)
    for k in range(8):  # photo credits in a column on the left, on the rows of the body lines, a little higher
        c.drawString(30, H - (100 + k * PITCH) + 1.5, f"记者{'张李王赵刘陈杨黄'[k]}三 摄")
    c.setFont("STSong-Light", 20)
    c.drawString(100, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    _column(c, 100, 100, 12, [A1, A2])  # two columns of one article, a 12 pt gutter, no rule
    _column(c, 232, 100, 12, [B1, B2])
    c.save()

    blocks = page_blocks(extract_page(path, 1, Settings()))
    paragraphs = ["".join(ln.text for ln in b.lines) for b in blocks if b.role == "paragraph"]
    assert A1 in paragraphs and B1 in paragraphs


def test_parallel_heading_in_the_body_face_is_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "heading.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, H))
    c.setFont("STSong-Light", 20)
    c.drawString(30, H - 60, "仲夏时节话法治")
    c.setFont("STSong-Light", BODY)
    y = _column(c, 30, 100, 30, [A1])
    c.drawString(30 + 2 * BODY, H - y, "领航定向")  # 人民日报 sets its section heads like this: body face, a blank
    c.drawString(30 + 8 * BODY, H - y, "驾驭发展全局创造新的历史伟业")
    _column(c, 30, y + PITCH, 30, [A2, "2025年2月，听取工作汇报"])
    c.save()

    blocks = page_blocks(extract_page(path, 1, Settings()))
    roles = [(b.role, "".join(ln.text for ln in b.lines)) for b in blocks]
    assert ("heading", "领航定向 驾驭发展全局创造新的历史伟业") in roles
    assert ("paragraph", "2025年2月，听取工作汇报") in roles  # punctuated: a one-line paragraph, not a head


def _ocr_line(text: str, x: float, top: float, size: float = BODY) -> Line:
    return Line(text=text, bbox=(x, top, x + size * len(text), top + size), size=size, font=None, confidence=0.99)


def _frame(x0: float, top: float, x1: float, bottom: float) -> list[tuple[float, float, float, float]]:
    """A frame as a scan's rule finder sees it: four separate rules."""
    return [(x0, top, x1, top + 1), (x0, bottom - 1, x1, bottom), (x0, top, x0 + 1, bottom), (x1 - 1, top, x1, bottom)]


def test_scanned_frames_quote_label_and_boxed_article() -> None:
    body = [t[k : k + 15] for t in (A1, A2) for k in range(0, len(t), 15)]
    short = [t[k : k + 15] for t in (B1, B2) for k in range(0, len(t), 15)]
    lines = [
        _ocr_line("法院专刊", 250, 20, 30),
        _ocr_line("持续抓好全国两会精神贯彻落实", 60, 80, 13),  # pull quote in a frame under the masthead
        _ocr_line("——最高人民法院院长", 360, 100),
        _ocr_line("多味斋", 32, 132, 12),  # white on a black label: only its top and bottom edges are found
        _ocr_line("仲夏时节话法治", 40, 160, 24),
        *[_ocr_line(t, 30, 200 + 15 * k) for k, t in enumerate(body)],
        _ocr_line("借款留凭证", 340, 160, 12.5),  # a framed short item: its headline only a little bigger
        *[_ocr_line(t, 330, 185 + 15 * k) for k, t in enumerate(short)],
    ]
    rules = [(20, 60, 580, 61), *_frame(50, 72, 560, 118), (30, 128, 70, 129), (30, 146, 70, 147)]
    rules += _frame(322, 150, 485, 190 + 15 * len(short))
    page = PageText(number=1, lines=lines, method="ocr", width=600, height=H, rules=rules)

    blocks = page_blocks(page)
    roles = {(b.role, b.lines[0].text) for b in blocks}
    assert ("pull-quote", "持续抓好全国两会精神贯彻落实") in roles
    assert ("column-label", "多味斋") in roles
    assert ("title", "仲夏时节话法治") in roles and ("title", "借款留凭证") in roles


def test_scanned_headline_lines_measured_apart_stay_one_title() -> None:
    body = [A1[k : k + 15] for k in range(0, len(A1), 15)]
    lines = [
        _ocr_line("“内外贸同样重要，两条腿走路更", 30, 100, 11.9),  # OCR measured the two lines 30 % apart
        _ocr_line("稳妥”", 90, 114, 15.5),
        *[_ocr_line(t, 30, 140 + 15 * k) for k, t in enumerate(body)],
    ]
    blocks = page_blocks(PageText(number=1, lines=lines, method="ocr", width=600, height=H))
    assert [(b.role, [ln.text for ln in b.lines]) for b in blocks][0] == ("title", ["“内外贸同样重要，两条腿走路更", "稳妥”"])


def _set(text: str, x: float, top: float, font: str = "Song", size: float = BODY) -> Line:
    return Line(text=text, bbox=(x, top, x + size * len(text), top + size), size=size, font=font)


def test_two_line_columns_under_a_photo_stay_apart_at_their_gutter() -> None:
    # Two columns of two lines each under a photo set over both: too few lines to outvote chance,
    # but the lines around share the fragments' own edges exactly, as justified columns do; the
    # byline over the photo runs across the gutter in a face of its own, the editor's line at the
    # page's foot in smaller print: neither says anything.
    lines = [
        _set("张成虎 高睿凯", 120, 40, font="Kai", size=11),
        _set("版式设计：金丽", 110, 300, size=8),
        _set("科技是国家强盛之基", 50, 200),  # 50 .. 140, indented
        _set("金融是推动科技与金融", 152, 200),  # 152 .. 252: the gutter is 140 .. 152
        _set("是国家重要的核心竞争", 40, 215),
        _set("进的重要支撑。", 152, 215),
    ]
    rows = sorted(ln.text for ln in merge_rows(lines, BODY, PITCH, []))
    assert rows == sorted(ln.text for ln in lines)


def test_line_joined_across_a_gutter_after_marks_set_half_width_is_split_at_it() -> None:
    # Two columns 15 cells wide, a cell apart. On one row the left line sets eight marks in half a
    # cell each (19 characters in 15 cells) and ends in a comma, so the source joined it with the
    # right line, a short one justified across its column: counted at a cell a character, the
    # left text would end far inside the right column.
    left, right = "个个“第一”“最多”“最大”“最好”，", "提升发展质量和优化产业"
    lines = []
    for row in range(6):
        top = 100 + row * PITCH
        if row == 3:
            lines.append(Line(f"{left} {right}", (30, top, 340, top + BODY), BODY, "Song"))
        else:
            lines.append(Line(A1[:15], (30, top, 180, top + BODY), BODY, "Song"))
            lines.append(Line(A2[:15], (190, top, 340, top + BODY), BODY, "Song"))
    parts = [ln for ln in split_at_gutters(lines, PITCH) if ln.bbox[1] == 100 + 3 * PITCH]
    assert [(ln.text, ln.bbox[2] if ln.text == left else ln.bbox[0]) for ln in parts] == [(left, 180), (right, 190)]


def test_byline_centred_with_its_blank_over_a_gutter_stays_one_line() -> None:
    # The role and the names stand on either side of the gutter of the columns under them, each
    # edge exactly on a column's: a role alone is never a line of its own.
    lines = [_set("本报记者", 96, 40, font="Kai", size=11), _set("洪秋婷 李 刚", 152, 40, font="Kai", size=11)]
    for k in range(6):
        lines += [_set(A1[:10], 40, 70 + k * PITCH), _set(A2[:10], 152, 70 + k * PITCH)]
    rows = [ln.text for ln in merge_rows(lines, BODY, PITCH, []) if ln.bbox[1] == 40]
    assert rows == ["本报记者 洪秋婷 李 刚"]


def test_a_scanned_byline_measured_at_a_decks_size_stays_its_headlines_byline() -> None:
    # OCR names no face and sizes type by its ink: an 11.5 pt Kai byline over a 10.5 pt body measures
    # a deck's size, as a small headline's would, and stands under the rule under the headline as a
    # small headline opening an article does; a line of names under a headline is its byline.
    title = Line("构建同科技创新相适应的科技金融体制", (120, 240, 480, 268), 29.0, None, bold=True)
    byline = Line("张成虎 高睿凯", (262, 276, 336, 287), 11.8, None, bold=False)
    body = [Line(t, (40 + 150 * c, 300 + k * PITCH, 180 + 150 * c, 300 + k * PITCH + BODY), BODY, None, bold=False)
            for c, t in enumerate((A1, A2, A1)) for k in range(8)]
    page = PageText(number=1, lines=[title, byline, *body], method="ocr", width=600, height=H, rules=[(40.0, 272.0, 560.0, 272.5)])
    roles = {b.role: [ln.text for ln in b.lines] for b in page_blocks(page) if b.role in ("title", "byline")}
    assert roles == {"title": [title.text], "byline": [byline.text]}


def test_only_captions_stand_between_a_caption_and_its_photo() -> None:
    # Under a photo: its caption, then the column's byline at the body's head, wrapped (□ 中共中央党史和文献
    # 研究 | 院); OCR measures the one-character rest as small print, as a caption's, near the photo.
    from courtdoc.layout.typeset import near_figure

    photo = (36.0, 477.0, 288.0, 596.0)
    caption = Line("资料图片", (43, 581, 76, 592), 8.0, None)
    byline = Line("□中共中央党史和文献研究", (37, 602, 152, 611), 9.3, None)
    rest = Line("院", (37, 619, 45, 627), 8.0, None)
    ctx = PageCtx(1, BODY, PITCH, "", [photo], [], [])
    ctx.printed = [caption, byline, rest]
    assert near_figure(caption, ctx) and not near_figure(rest, ctx)
    ctx.printed = [caption, rest]  # with nothing of the column's between, a short line there may be a caption
    assert near_figure(rest, ctx)


def test_a_byline_centred_over_a_gutter_is_never_parted_at_its_word_spaces() -> None:
    # OCR gives no glyph positions: a word space of a byline centred over two columns may fall
    # right over their gutter, with the columns' lines hugging it; a role and its names stay one.
    text = "本报记者 屈信明 刘新吾 张云河"
    lines = [Line(text, (110, 40, 280, 51), 10.3, None)]
    for k in range(6):
        top = 70 + k * PITCH
        lines += [Line(A1[:12], (40, top, 165, top + BODY), BODY, None), Line(A2[:12], (175, top, 300, top + BODY), BODY, None)]
    assert [ln.text for ln in split_at_gutters(lines, PITCH) if ln.bbox[1] == 40] == [text]
    # A column's line joined with the next one's at the same gutter is still parted.
    joined = Line(f"{A1[:12]} {A2[:12]}", (40, 160, 300, 170), BODY, None)
    assert len([ln for ln in split_at_gutters([*lines, joined], PITCH) if ln.bbox[1] == 160]) == 2


def test_text_run_across_beyond_a_rule_does_not_outvote_the_gutter_under_it() -> None:
    # A framed note set across the page over two short columns (OCR: no faces): its lines run across
    # the gutter, but a rule parts them from the columns, whose own lines say the gutter is there.
    rule = (30.0, 94.0, 320.0, 95.0)
    note = [Line(A1[:28], (32, 40 + k * PITCH, 318, 50 + k * PITCH), BODY, None) for k in range(4)]
    cols = []
    for k in range(3):
        top = 100 + k * PITCH
        cols += [Line(A1[:12], (30, top, 150, top + BODY), BODY, None), Line(A2[:12], (165, top, 285, top + BODY), BODY, None)]
    rows = [ln.text for ln in merge_rows([*note, *cols], BODY, PITCH, [rule]) if ln.bbox[1] == 100]
    assert rows == [A1[:12], A2[:12]]
    # Without the rule the note's lines say the text runs across: the row is one line.
    assert len([ln for ln in merge_rows([*note, *cols], BODY, PITCH, []) if ln.bbox[1] == 100]) == 1


def test_a_frame_hung_from_a_longer_rule_is_a_frame_and_ruled_columns_are_not() -> None:
    # A pull quote's box set against the page's rule: its top is that rule, its bottom and sides its own.
    page_rule, bottom = (36.0, 45.5, 806.0, 46.5), (60.0, 116.0, 782.0, 117.0)
    sides = [(59.5, 46.0, 60.5, 116.5), (781.5, 46.0, 782.5, 116.5)]
    assert page_shapes([page_rule, bottom, *sides]) == Shapes([page_rule], [(60.0, 46.0, 782.0, 116.5)])
    # Two column rules between two rules that both run on past them rule columns: no frame.
    under = (36.0, 400.5, 806.0, 401.5)
    column_rules = [(300.0, 120.0, 300.5, 401.0), (550.0, 120.0, 550.5, 401.0)]
    top = (36.0, 119.5, 806.0, 120.5)
    assert page_shapes([top, under, *column_rules]).frames == []


def test_one_model_of_a_printed_row_for_the_page_and_its_headers() -> None:
    # A headline's phrases over the gutters, the second a little lower, the third lower again: a
    # fragment within a third of a size of the row's first stands in its row, one drifting past it by
    # way of the second does not, for the header and for the page alike (there the body runs on
    # under the headline, so its blanks are no gutters).
    lines = [_set("锚定目标", 40, 40, size=20), _set("再出发", 152, 44, size=20), _set("开新局", 264, 48, size=20)]
    for k in range(6):
        lines += [_set(A1[:10], 40, 70 + k * PITCH), _set(A2[:10], 152, 70 + k * PITCH), _set(A1[:10], 264, 70 + k * PITCH)]
    assert [[ln.text for ln in row] for row in printed_rows(lines[:3])] == [["锚定目标", "再出发"], ["开新局"]]
    assert [ln.text for ln in header_rows(lines[:3])] == ["锚定目标 再出发", "开新局"]
    assert [ln.text for ln in merge_rows(lines, BODY, PITCH, []) if ln.size == 20] == ["锚定目标 再出发", "开新局"]


def test_a_row_begun_between_a_rows_fragments_in_another_size_parts_nothing() -> None:
    # A run-in head OCR measured small (赤峰讯) and its line's next piece a hair lower, the next column's
    # line, a size bigger, a hair higher than that piece: the row of the next column begins between them
    # in reading by tops, and the head's row is still the piece's.
    head, piece = _set("赤峰讯", 56, 280.8, size=8.8), _set("6月25", 102, 281.3, size=8.8)
    other = _set("院领导班子成员", 152, 280.9, size=10.0)
    rows = [[ln.text for ln in row] for row in printed_rows([head, other, piece])]
    assert rows == [["赤峰讯", "6月25"], ["院领导班子成员"]]


def test_a_frame_drawn_as_a_box_or_found_as_four_rules_parts_text_the_same() -> None:
    # A text PDF draws the frame as one box; a scan's rule finder sees its four sides as rules.
    # Either way the layout, and the PDF's line building, get one frame and the same separators.
    column_rule = (400.0, 50.0, 400.5, 500.0)
    box = (100.0, 100.0, 300.0, 200.0)
    four = [(100.0, 99.5, 300.0, 100.5), (100.0, 199.5, 300.0, 200.5), (99.5, 100.0, 100.5, 200.0), (299.5, 100.0, 300.5, 200.0)]
    drawn, scanned = page_shapes([box, column_rule]), page_shapes([*four, column_rule])
    assert drawn == scanned == Shapes([column_rule], [box])
    assert drawn.separators() == [column_rule, (100, 100, 300, 100), (100, 200, 300, 200), (100, 100, 100, 200), (300, 100, 300, 200)]
    # Round a photo with no text inside, the frame is the photo's keyline and parts nothing.
    assert page_shapes([box, column_rule], [(105.0, 105.0, 295.0, 195.0)]).separators() == [column_rule]


def _paragraphs_set(texts: list[str], x: float, top: float, cells: int = 15) -> tuple[list[Line], float]:
    """Paragraphs set in a column `cells` wide: a two-cell first-line indent, lines wrapped at the edge."""
    lines: list[Line] = []
    for text in texts:
        first, k = True, 0
        while k < len(text):
            n = cells - 2 if first else cells
            lines.append(_set(text[k : k + n], x + (2 * BODY if first else 0), top))
            k, first, top = k + n, False, top + PITCH
    return lines, top


def _body_texts(page: PageText) -> list[tuple[str, str]]:
    from courtdoc.segment import segment

    (art,) = segment(page_blocks(page), Settings()).articles
    return [(b.type, b.text) for b in art.blocks]


def test_an_indented_paragraph_after_one_printed_without_closing_punctuation_stays_apart() -> None:
    # A paragraph that ends without a closing mark (a thesis line, a list of phrases) reads as a
    # sentence cut short; the next line's printed indent says a new paragraph opens all the same.
    thesis = "更好统筹高质量发展和高水平安全具有深刻的理论逻辑、历史逻辑、实践逻辑"
    body, _ = _paragraphs_set([A1, thesis, A2], 40, 100)
    page = PageText(number=1, lines=[_set("仲夏时节话法治", 40, 50, font="Hei", size=20), *body], method="pdf", width=600, height=H)
    assert [t for _, t in _body_texts(page)] == [A1, thesis, A2]


def test_stacked_headings_stay_apart_and_a_wrapped_heading_stays_one() -> None:
    # Two headings in the heading face, each set centred on a line of its own, are two headings; a
    # heading too long for the column runs to its edge and wraps, and is one.
    x = 40
    first, top = _paragraphs_set([A1], x, 100)
    # Set apart by more than the body's leading, the short one is a column (XY-cut leaf) of its own,
    # narrower than half the column.
    heads = [_set("为何著书——", x + 4.5 * BODY, top + 5, font="Hei"), _set("两山白茶贷助力绿色发展", x + 2 * BODY, top + 28, font="Hei")]
    second, top = _paragraphs_set([A2], x, top + 2 * PITCH + 20)
    wrapped = [_set("推进审执工作以能动司法服务全市", x, top + 5, font="Hei"), _set("高质量发展", x + 5 * BODY, top + 5 + PITCH, font="Hei")]
    third, _ = _paragraphs_set([A3], x, top + 2 * PITCH + 10)
    title = _set("仲夏时节话法治", x, 50, font="Hei", size=20)
    page = PageText(number=1, lines=[title, *first, *heads, *second, *wrapped, *third], method="pdf", width=600, height=H)
    assert _body_texts(page) == [
        ("paragraph", A1),
        ("heading", "为何著书——"),
        ("heading", "两山白茶贷助力绿色发展"),
        ("paragraph", A2),
        ("heading", "推进审执工作以能动司法服务全市高质量发展"),
        ("paragraph", A3),
    ]


def test_a_paragraph_never_runs_on_into_a_bold_line() -> None:
    # The paragraph's last line is full and the bold line under it is set flush left at the body's
    # leading: only the change of face says the paragraph ended.
    full = A1[:27] + "。"  # two lines: the indented first and one full line
    x = 40
    first, top = _paragraphs_set([full], x, 100)
    head = _set("老盛的“舍得”——", x, top, font="Hei")
    second, _ = _paragraphs_set([A2], x, top + PITCH)
    title = _set("仲夏时节话法治", x, 50, font="Hei", size=20)
    page = PageText(number=1, lines=[title, *first, head, *second], method="pdf", width=600, height=H)
    assert _body_texts(page) == [("paragraph", full), ("heading", "老盛的“舍得”——"), ("paragraph", A2)]


def test_a_bold_phrase_starting_a_line_inside_a_sentence_stays_in_its_paragraph() -> None:
    x = 40
    lines, top = _paragraphs_set([A2], x, 100)
    lines[1] = _set(lines[1].text, x, lines[1].bbox[1], font="Hei")  # the sentence goes on in bold
    title = _set("仲夏时节话法治", x, 50, font="Hei", size=20)
    page = PageText(number=1, lines=[title, *lines], method="pdf", width=600, height=H)
    assert _body_texts(page) == [("paragraph", A2)]


def test_a_paragraph_jumping_over_a_photo_set_into_its_column_stays_one() -> None:
    # A photo halfway down the column: the paragraph's first line stands above it, the rest under it
    # (the line above has no comma to show the text is cut). The photo, not a paragraph end, fills
    # the blank; the paragraph after, with its indent, still opens one.
    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    first, top = _paragraphs_set([A1], 40, 100)
    jumped = "作为医疗保障领域改革中的重要一环，过去七年国家组织药品集采已开展十批，累计成功采购药品。"
    above = _set(jumped[:13], 40 + 2 * BODY, top)
    photo = (40.0, top + PITCH, 190.0, top + PITCH + 80)
    rest = [_set(jumped[13 + k : 13 + k + 15], 40, photo[3] + 10 + n * PITCH) for n, k in enumerate(range(0, len(jumped) - 13, 15))]
    last, _ = _paragraphs_set([A2], 40, rest[-1].bbox[1] + PITCH)
    page = PageText(number=1, lines=[title, *first, above, *rest, *last], method="pdf", width=600, height=H, figures=[photo])
    assert [t for _, t in _body_texts(page)] == [A1, jumped, A2]


def test_a_short_column_beside_a_full_one_stays_apart_across_a_narrow_gutter() -> None:
    # A gutter a little over a cell wide. One column runs down flush with its right edge; the other
    # holds two lines only (under a photo, or the last of an article): an indented first line and a
    # paragraph's short last line, so neither shows where its column starts, and the last line
    # stands on the row of a full line of the first column. The full column's edge says the gutter is
    # there, either way round.
    full = [(A1 + A2)[k : k + 15] for k in range(0, 90, 15)]
    short = [A3[:13], "得这挺好。”"]
    rows = [100 + k * PITCH for k in range(6)]
    left = [_set(t, 40, top) for t, top in zip(full, rows)]
    right = [_set(short[0], 202 + 2 * BODY, rows[4]), _set(short[1], 202, rows[5])]
    texts = {ln.text for ln in merge_rows(left + right, BODY, PITCH, [])}
    assert {full[5], short[1]} <= texts
    # Mirrored: the short column on the left (a full line, then its short last line), the full one
    # on its right starting flush at the gutter.
    left = [_set(B1[:15], 40, rows[0]), _set("我开火车。”", 40, rows[1])]
    right = [_set(t, 202, top) for t, top in zip(full, rows)]
    texts = {ln.text for ln in merge_rows(left + right, BODY, PITCH, [])}
    assert {B1[:15], full[0]} <= texts


def test_a_fake_bold_caption_under_its_photo_is_no_headline() -> None:
    # Two caption lines in a fake-bold 楷体, a little smaller than the body, centred under a photo
    # set into the second column, its credit on a line of its own: as heavy as a small headline with
    # a name under it, but set at its photo. The column runs on under the credit.
    kai = "UKaiCN;fake-bold"
    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    first, _ = _paragraphs_set([A1, A2], 40, 100)
    photo = (202.0, 100.0, 322.0, 180.0)
    captions = [_set("实训基地启动仪式。", 221.5, 183, font=kai, size=9), _set("同台竞技增强本领。", 221.5, 194, font=kai, size=9)]
    credit = _set("周雪莹摄", 286, 205, font=kai, size=9)
    second, _ = _paragraphs_set([A3, B1], 202, 225)
    page = PageText(number=1, lines=[title, *first, *captions, credit, *second], method="pdf", width=600, height=H, figures=[photo])
    from courtdoc.segment import segment

    (art,) = segment(page_blocks(page), Settings()).articles
    assert art.title == "仲夏时节话法治"
    assert art.captions == ["实训基地启动仪式。", "同台竞技增强本领。", "周雪莹摄"]
    assert [b.text for b in art.blocks] == [A1, A2, A3, B1]


def test_a_heading_wrapped_over_a_band_break_stays_one() -> None:
    # The second column's heading wraps: its full first line stands at the foot of the band a rule
    # closes over the first column, its rest, centred, under the rule's height, where the next
    # article opens in the first column. Read band by band, the rest comes after that article's
    # headline; it is still the rest of the same heading.
    from courtdoc.segment import segment

    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    first, _ = _paragraphs_set([A1, A2], 40, 100)
    second, top = _paragraphs_set([A3, B2], 202, 100)
    wrapped = [_set("推进审执工作以能动司法服务全市", 202, top + 5, font="Hei"), _set("高质量发展", 202 + 5 * BODY, top + 5 + 27, font="Hei")]
    rule = (35.0, top + 22, 195.0, top + 22.5)
    third, _ = _paragraphs_set([B1], 202, top + 5 + 27 + PITCH)
    other = _set("借款留凭证", 40, top + 30, font="Hei", size=20)
    below, _ = _paragraphs_set([B1[::-1] + "。"], 40, top + 60)
    page = PageText(number=1, lines=[title, *first, *second, *wrapped, *third, other, *below], method="pdf", width=600, height=H, rules=[rule])
    arts = segment(page_blocks(page), Settings()).articles
    assert [a.title for a in arts] == ["仲夏时节话法治", "借款留凭证"]
    assert [(b.type, b.text) for b in arts[0].blocks][-3:] == [("paragraph", B2), ("heading", "推进审执工作以能动司法服务全市高质量发展"), ("paragraph", B1)]


def test_a_centred_heading_over_a_wrapped_one_stays_apart() -> None:
    # A heading centred with a cell and a half on each side (within the short-last-line reach of the
    # edge) stacked right over a heading that wraps: the first did not wrap, or the next heading's
    # first character would have fitted beside it.
    from courtdoc.segment import segment

    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    first, top = _paragraphs_set([A1], 40, 100)
    heads = [
        _set("牢记国之大者坚守为民初心", 40 + 1.5 * BODY, top + 5, font="Hei"),
        _set("把两件大事作为重要政治任务抓紧", 40, top + 5 + PITCH + 3, font="Hei"),
        _set("抓实抓好", 40 + 5.5 * BODY, top + 5 + 2 * PITCH + 3, font="Hei"),
    ]
    second, _ = _paragraphs_set([A2], 40, top + 5 + 3 * PITCH + 8)
    page = PageText(number=1, lines=[title, *first, *heads, *second], method="pdf", width=600, height=H)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [(b.type, b.text) for b in art.blocks] == [
        ("paragraph", A1),
        ("heading", "牢记国之大者坚守为民初心"),
        ("heading", "把两件大事作为重要政治任务抓紧抓实抓好"),
        ("paragraph", A2),
    ]
    # Broken phrase by phrase, each line centred, at the heading's own leading (closer than the
    # body's): one heading.
    heads = [_set("把握公正根本要求守正创新", 40 + 1.5 * BODY, top + 5, font="Hei"), _set("用心用情办理案件服务群众", 40 + 1.5 * BODY, top + 5 + 12, font="Hei")]
    second, _ = _paragraphs_set([A2], 40, top + 5 + 12 + PITCH + 3)
    page = PageText(number=1, lines=[title, *first, *heads, *second], method="pdf", width=600, height=H)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [(b.type, b.text) for b in art.blocks] == [("paragraph", A1), ("heading", "把握公正根本要求守正创新用心用情办理案件服务群众"), ("paragraph", A2)]


def test_a_section_heading_and_its_own_byline_under_it_stay_apart() -> None:
    # A section heading centred in its column, its own byline centred under it in the same face, a
    # little further right and further down than a heading's own leading: each line, narrower than
    # half the column, is a column (XY-cut leaf) of its own, so the byline's end is the edge the
    # heading seems to run to. The byline is the section's, never the heading's second line.
    from courtdoc.segment import segment

    cells, size = 18, BODY + 0.5
    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    first, top = _paragraphs_set([A1], 40, 100, cells)
    head = _set("战略科技持续壮大", 40 + 4.5 * BODY, top + 8, font="Hei", size=size)
    byline = _set("本报记者 刘诗瑶", 40 + 5 * BODY, top + 8 + PITCH + 8, font="Hei", size=size)
    second, _ = _paragraphs_set([A2], 40, top + 8 + 2 * PITCH + 16, cells)
    page = PageText(number=1, lines=[title, *first, head, byline, *second], method="pdf", width=600, height=H)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [(b.type, b.text) for b in art.blocks] == [
        ("paragraph", A1),
        ("heading", "战略科技持续壮大"),
        ("heading", "本报记者 刘诗瑶"),
        ("paragraph", A2),
    ]
    assert art.byline is None


def test_a_number_set_as_a_line_of_its_own_inside_a_column_stays_in_its_sentence() -> None:
    # rmrb's re-typesetting draws a subscript as a line of its own, bigger than the body, at the
    # column's edge, and indents the text after it (广义货币（M | 2 | ）余额…); a page number in the
    # foot margin is the page's furniture.
    x = 40
    first, top = _paragraphs_set([A1], x, 100)
    opening = _set("截至9月末，广义货币（M", x + 2 * BODY, top)
    sub = _set("2", x, top + PITCH + 5, size=1.2 * BODY)
    rest = _set("）余额335.38万亿元。", x + 2 * BODY, top + 3 * PITCH)
    folio = _set("3", 300, H - 30)
    title = _set("仲夏时节话法治", x, 50, font="Hei", size=20)
    page = PageText(number=1, lines=[title, *first, opening, sub, rest, folio], method="pdf", width=600, height=H)
    assert _body_texts(page) == [("paragraph", A1), ("paragraph", "截至9月末，广义货币（M2）余额335.38万亿元。")]
    from courtdoc.segment import segment

    assert segment(page_blocks(page), Settings()).furniture == ["3"]


def test_a_headline_repeating_its_own_first_column_read_ahead_of_it_is_no_pull_quote() -> None:
    # An L-shaped article's headline set off-centre right of its first column, which XY-cut reads
    # before the headline: that column starts under the headline, so its words are not read before
    # it. The same words in a column left of a line of headline type that starts above it (a quote
    # set at the top of the next column of its article) make that line a pull quote.
    ctx = PageCtx(number=1, body=BODY, pitch=14, body_font="Song", figures=[], rules=[], boxes=[])
    said = "流动的艺术，联动的长三角。活动汇聚上海"
    head = Line("流动的艺术，联动的长三角", (172, 660, 412, 680), size=20, font="Song")
    first = Line("铁路系统力量，通过专列的形式", (42, 690, 152, 700), size=BODY, font="Song")
    under = Line(said, (42, 704, 152, 714), size=BODY, font="Song")
    kept, quotes = pull_quotes([(first, 0), (under, 0), (head, 1)], [(42, 160), (172, 420)], ctx)
    assert quotes == [] and [ln.text for ln, _ in kept] == [first.text, said, head.text]
    higher = Line("铁路系统力量，通过专列的形式", (42, 600, 152, 610), size=BODY, font="Song")
    kept, quotes = pull_quotes([(higher, 0), (under, 0), (head, 1)], [(42, 160), (172, 420)], ctx)
    assert [[ln.text for ln in q.lines] for q in quotes] == [[head.text]] and [ln.text for ln, _ in kept] == [higher.text, said]


def _flow(texts: list[str], columns: list[tuple[float, float]], cells: int = 15) -> list[Line]:
    """Paragraphs flowed down columns given as (left, top), as many lines in each, two-cell indents."""
    pieces: list[tuple[str, bool]] = []
    for text in texts:
        k, first = 0, True
        while k < len(text):
            n = cells - 2 if first else cells
            pieces.append((text[k : k + n], first))
            k, first = k + n, False
    rows = -(-len(pieces) // len(columns))
    lines = []
    for i, (piece, first) in enumerate(pieces):
        x, top = columns[i // rows]
        lines.append(_set(piece, x + (2 * BODY if first else 0), top + (i % rows) * PITCH))
    return lines


def _article(page: PageText):  # type: ignore[no-untyped-def]
    from courtdoc.segment import segment

    (art,) = segment(page_blocks(page), Settings()).articles
    return art


def test_a_kicker_in_its_own_face_set_solid_over_a_gutter_stays_whole() -> None:
    # Columns 13 cells wide, a gutter of 1.2 cells. A kicker centred over both, set solid in Hei a
    # little bigger than the body, has its closing quote's blank half over the gutter: the columns
    # hang marks into their gutter, but that says nothing about a line set in another face.
    kicker = "“十四五”的文化印记"
    size = 10.7
    x0 = 170 + 3 - 5 * size  # the text after ” starts just past the left column's edge (170)
    lines = []
    for row in range(6):
        top = 100 + row * PITCH
        lines += [Line(A1[:13], (40, top, 170, top + BODY), BODY, "Song"), Line(A2[:13], (182, top, 312, top + BODY), BODY, "Song")]
    whole = Line(kicker, (x0, 60, x0 + 10 * size, 60 + size), size, "Hei")
    assert [ln.text for ln in split_at_gutters([whole, *lines], PITCH) if ln.bbox[1] == 60] == [kicker]
    # The same text in the columns' own face, hung there: two columns' lines the source joined.
    joined = Line(kicker, whole.bbox, size, "Song")
    assert [ln.text for ln in split_at_gutters([joined, *lines], PITCH) if ln.bbox[1] == 60] == ["“十四五”", "的文化印记"]


def test_captions_beside_their_photo_at_its_foot_are_its_captions() -> None:
    # A photo over the first column; its captions stand in the second, in Kai, ending level with the
    # picture's foot, over that column's text. The paragraph ending the first column mid-sentence
    # goes on under them, not into them; the third column runs from the top.
    captions = ["实训基地启动仪式。", "同台竞技增强本领。"]
    title = _set("仲夏时节话法治", 40, 40, font="Hei", size=20)
    photo = (40.0, 80.0, 190.0, 180.0)
    caps = [_set(captions[0], 200, 150, font="Kai"), _set(captions[1], 200, 150 + PITCH, font="Kai")]
    body = _flow([A1, A2, A3, A1, A2], [(40, 190), (200, 190), (360, 80)])
    page = PageText(number=1, lines=[title, *caps, *body], method="pdf", width=600, height=H, figures=[photo])
    art = _article(page)
    assert [b.text for b in art.blocks] == [A1, A2, A3, A1, A2]
    assert "".join(art.captions) == "".join(captions)


def test_a_bold_line_topping_a_column_level_with_the_next_columns_first_line_is_a_heading() -> None:
    # A box's foot (a logo beside the headline) right over the first column: the bold line under it
    # stands level with the first body line of the column beside it, under the article's headline,
    # so it is a section heading of that article, not the headline of one of its own.
    title = _set("仲夏时节话法治", 220, 40, font="Hei", size=20)
    box_foot = (40.0, 84.0, 190.0, 84.5)
    heading = _set("一、发展亮点", 40, 100, font="Hei")
    body = _flow([A1, A2, A3], [(40, 100 + PITCH), (200, 100), (360, 100)])
    page = PageText(number=1, lines=[title, heading, *body], method="pdf", width=600, height=H, rules=[box_foot])
    art = _article(page)
    assert art.title == "仲夏时节话法治"
    assert [(b.type, b.text) for b in art.blocks] == [("heading", "一、发展亮点"), ("paragraph", A1), ("paragraph", A2), ("paragraph", A3)]


def test_a_bracketed_attribution_wrapped_in_a_narrow_column_is_one_attribution() -> None:
    # A one-column article: its attribution, set flush right on a line of its own, is a cell too long
    # for the column and wraps; its rest stands flush right under it. The open bracket says it goes on.
    body = _flow([A1, A3], [(40, 100)], cells=12)
    end = line_box(body[-1])[3] + PITCH - BODY
    credit = [_set("（赤峰市中级人民法院供", 50, end, font="Kai"), _set("稿）", 160 - 2 * BODY, end + PITCH, font="Kai")]
    title = _set("仲夏时节话法治", 40, 50, font="Hei", size=20)
    page = PageText(number=1, lines=[title, *body, *credit], method="pdf", width=600, height=H)
    art = _article(page)
    assert [b.text for b in art.blocks] == [A1, A3]
    assert art.attribution == "（赤峰市中级人民法院供稿）"


def test_a_line_joined_across_a_gutter_parts_where_its_glyphs_stand() -> None:
    # A row of a Typst page (10.5 pt, columns 443-560 and 571-693): the left column's line sets its
    # marks in half a cell (”， “ 、) and hangs its last 、 into the gutter, so the source joined it
    # with the right column's line. Counted at a cell a character, the text runs past the gutter
    # early and parts after 规范、; the glyphs' own positions say it parts after 精减、.
    text = "计划”，紧扣“规范、精减、短13.7天，清积率100%，"
    xs = (443.2, 453.8, 464.2, 469.5, 477.1, 487.6, 495.2, 505.7, 516.2, 526.7, 534.3, 544.8, 555.3, 571.0, 583.4, 588.3,
          594.2, 597.6, 605.3, 615.8, 623.3, 633.8, 644.3, 656.7, 661.6, 667.5, 673.3, 683.0)  # fmt: skip
    size, pitch = 10.5, 16.3
    joined = Line(text, (443.2, 959.2, 693.5, 969.7), size, "Serif", xs=xs)
    lines = [joined]
    for row in (-4, -3, -2, -1, 1, 2, 3):
        top = 959.2 + row * pitch
        lines += [Line(A1[:11], (443.2, top, 560.5, top + size), size, "Serif"), Line(A2[:11], (571.0, top, 693.5, top + size), size, "Serif")]
    parts = [ln.text for ln in split_at_gutters(lines, pitch) if ln.bbox[1] == 959.2]
    assert parts == ["计划”，紧扣“规范、精减、", "短13.7天，清积率100%，"]



def test_a_section_heading_beside_a_photo_stays_a_heading() -> None:
    # A photo over the first column; in the column beside it the text runs from the top, and a
    # section heading in Hei stands beside the picture, level with its lower half, the column's text
    # going on under it past the foot: it heads that text, it is no caption.
    title = _set("仲夏时节话法治", 40, 40, font="Hei", size=20)
    above = _flow([A1], [(200, 80)])
    heading = _set("立足发展定位服务保障高质量发展", 200, line_box(above[-1])[3] + PITCH - BODY, font="Hei")
    under = _flow([A2, A3], [(200, line_box(heading)[3] + PITCH - BODY)])
    photo = (40.0, 80.0, 190.0, line_box(heading)[3] + PITCH)
    page = PageText(number=1, lines=[title, *above, heading, *under], method="pdf", width=600, height=H, figures=[photo])
    art = _article(page)
    assert art.captions == []
    assert [(b.type, b.text) for b in art.blocks] == [("paragraph", A1), ("heading", heading.text), ("paragraph", A2), ("paragraph", A3)]


def test_a_run_in_dateline_wrapped_in_a_narrow_column_opens_the_body() -> None:
    # A one-column commentary, ten cells wide, its body in Kai, a rule under its headline, beside an
    # article in the page's body face: the bold run-in dateline fills the indented first line and
    # wraps (本报北京10月19 | 日电), the Kai text running on after it. The first line is a short bold
    # line under the headline's rule over a line in a face not the body's, but no byline and no
    # headline: it opens the body.
    from courtdoc.segment import segment

    title = _set("出入境人员增长", 40, 50, font="Hei", size=14)
    rules = [(40.0, 70.0, 140.0, 70.5), (170.0, 20.0, 170.5, 500.0)]
    dateline = [Line("本报北京10月19", (60, 76, 140, 76 + BODY), BODY, "Hei"), Line("日电", (40, 76 + PITCH, 60, 76 + PITCH + BODY), BODY, "Hei")]
    rest = "记者从国家移民管理局获悉：三季度，全国移民管理机构累计查验出入境人员1.78亿人次。"
    lines = [Line(rest[:7], (72, 76 + PITCH, 140, 76 + PITCH + BODY), BODY, "Kai")]
    top = 76 + 2 * PITCH
    for k in range(7, len(rest), 10):
        lines.append(_set(rest[k : k + 10], 40, top, font="Kai"))
        top += PITCH
    other, _ = _paragraphs_set([A1, A2, A3, A1, A2, A3], 200, 50)
    page = PageText(number=1, lines=[title, _set("仲夏时节话法治", 200, 20, font="Hei", size=20), *dateline, *lines, *other], method="pdf", width=600, height=H, rules=rules)
    art = segment(page_blocks(page), Settings()).articles[0]
    assert (art.title, art.byline, art.dateline) == ("出入境人员增长", None, "本报北京10月19日电")
    assert [b.text for b in art.blocks] == [rest]


def test_a_framed_lead_under_the_headline_opens_the_body() -> None:
    # A 导语 deck: the lead paragraph set in a thin frame across both columns right under the headline
    # and its byline, in Kai a little bigger than the body, its first line indented. It is the
    # article's first paragraph, not a pull quote; so is a framed lead that opens with a dateline.
    from courtdoc.segment import segment

    lead = "融合了现代演艺形式和传统文化特色的英歌和醒狮表演，为艺术节国际演艺大会拉开帷幕，吸引了众多观众驻足观看。"
    for opening, dated in (("10月18日，", None), ("本报上海10月18日电 ", "本报上海10月18日电")):
        text = opening + lead
        size = BODY + 0.5
        per_line = int(300 // size)
        rows = [text[: per_line - 2]] + [text[k : k + per_line] for k in range(per_line - 2, len(text), per_line)]
        deck = [_set(rows[0], 41 + 2 * size, 90, font="Kai", size=size)]
        deck += [_set(r, 41, 90 + k * PITCH, font="Kai", size=size) for k, r in enumerate(rows[1:], 1)]
        foot = 90 + len(rows) * PITCH
        title = _set("在上海能看到演艺的未来", 40, 40, font="Hei", size=20)
        byline = _set("本报记者 朱柚", 40, 66, font="Kai")
        body = _flow([A1, A2, A3], [(40, foot + 8), (200, foot + 8)])
        # a photo beside the frame, its foot level with the lead's last line: a frame boxes one item, so
        # the lead's lines are no caption of it
        photo = (372.0, 30.0, 560.0, foot)
        page = PageText(number=1, lines=[title, byline, *deck, *body], method="pdf", width=600, height=H, rules=_frame(36, 84, 352, foot), figures=[photo])
        out = segment(page_blocks(page), Settings())
        (art,) = out.articles
        assert out.notes == [] and art.dateline == dated and art.captions == []
        assert [b.text for b in art.blocks] == [lead if dated else text, A1, A2, A3]


def test_articles_side_by_side_each_with_a_rule_under_its_headline_keep_their_bodies() -> None:
    # Two articles parted by an upright rule down the band; each headline has a rule of its own right
    # under it and no byline. The wider article's rule runs over most of the band, but it stops at the
    # upright rule, which runs the band's whole height: the band is cut there first, and neither rule
    # parts a headline from the body under it.
    from courtdoc.segment import segment

    left_title = _set("仲夏时节话法治", 40, 40, font="Hei", size=20)
    right_title = _set("借款留凭证", 330, 40, font="Hei", size=14)
    rules = [(40.0, 64.0, 300.0, 64.5), (330.0, 58.0, 460.0, 58.5), (315.0, 36.0, 315.5, 300.0)]
    left = _flow([A1, A2, A3], [(40, 76), (175, 76)], cells=12)
    right = _flow([B1, B2], [(330, 70)], cells=13)
    page = PageText(number=1, lines=[left_title, right_title, *left, *right], method="pdf", width=600, height=H, rules=rules)
    articles = {a.title: [b.text for b in a.blocks] for a in segment(page_blocks(page), Settings()).articles}
    assert articles == {"仲夏时节话法治": [A1, A2, A3], "借款留凭证": [B1, B2]}


def test_a_column_of_kai_commentary_beside_a_photo_is_no_caption() -> None:
    # A one-column commentary set in Kai from under its headline's rule down past the photo at the
    # top of the article beside it: its first lines stand beside the picture in a face of their own,
    # but the Kai text runs on past the photo's foot. Captions stop there.
    from courtdoc.segment import segment

    comment = [A1, A2, A3]
    title = _set("推进法治建设", 40, 40, font="Hei", size=14)
    column, _ = _paragraphs_set(comment, 40, 66, cells=10)
    column = [Line(ln.text, ln.bbox, ln.size, "Kai") for ln in column]
    other_title = _set("仲夏时节话法治", 160, 40, font="Hei", size=20)
    photo = (160.0, 66.0, 300.0, 120.0)
    other = _flow([B1, B2, A2, A1, B2], [(160, 130), (310, 66)], cells=13)
    rules = [(40.0, 60.0, 140.0, 60.5), (150.0, 36.0, 150.5, 400.0)]
    page = PageText(number=1, lines=[title, *column, other_title, *other], method="pdf", width=600, height=H, rules=rules, figures=[photo])
    articles = {a.title: a for a in segment(page_blocks(page), Settings()).articles}
    commentary = articles["推进法治建设"]
    assert [b.text for b in commentary.blocks] == comment and commentary.captions == []


def test_a_deck_set_solid_across_the_gutter_of_the_columns_under_it_stays_one_line() -> None:
    # A framed lead runs across two columns of a commentary, all set in Kai; one of its commas stands most of a cell past the left
    # column's edge, about where a comma hung from a column line would. Where the glyphs
    # stand the deck's text runs on through the gutter: it is no two columns' lines.
    text = "报名时说先学习后付款其实根本挣不到钱课没上几节，想退课时却背上了债务"
    size = 10.0
    xs = tuple(40 + k * size for k in range(len(text)))
    deck = Line(text, (40, 60, 40 + len(text) * size, 60 + size), size, "Kai", xs=xs)
    comma = text.index("，")
    left_edge = xs[comma] - 0.8 * size  # the left column ends there, the right starts a gutter on
    lines = [deck]
    for row in range(1, 7):
        top = 60 + row * PITCH
        lines += [
            Line(A1[:12], (left_edge - 12 * size, top, left_edge, top + size), size, "Kai"),
            Line(A2[:12], (left_edge + size, top, left_edge + 13 * size, top + size), size, "Kai"),
        ]
    assert [ln.text for ln in split_at_gutters(lines, PITCH) if ln.bbox[1] == 60] == [text]


def test_a_section_heading_wrapped_atop_the_second_column_under_a_subtitle_stays_a_heading() -> None:
    # A two-column article: headline over a rule of its own, a ——subtitle over both columns, the first column opening with
    # its indented first paragraph, the second with a bold section heading wrapped from its full first line.
    # Level with the first column's opening line under the subtitle, the heading is a section's, and
    # its second line is what its first is.
    from courtdoc.segment import segment

    title = _set("书写司法为民新篇章", 40, 40, font="Hei", size=20)
    subtitle = _set("——自治区高级人民法院工作侧记", 40, 66, font="Hei", size=10.5)
    rules = [(40.0, 36.0, 320.0, 36.5), (40.0, 63.0, 320.0, 63.5)]  # the band's rule, the headline's own
    top = 66 + PITCH + 4
    first, _ = _paragraphs_set([A1, A2], 40, top, cells=13)
    heading = [_set("立足发展定位服务保障高质量", 185, top, font="Hei"), _set("发展大局", 185, top + PITCH, font="Hei")]
    second, _ = _paragraphs_set([A3], 185, top + 2 * PITCH, cells=13)
    page = PageText(number=1, lines=[title, subtitle, *first, *heading, *second], method="pdf", width=600, height=H, rules=rules)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert art.subtitle == "——自治区高级人民法院工作侧记"
    assert [(b.type, b.text) for b in art.blocks] == [("paragraph", A1), ("paragraph", A2), ("heading", "立足发展定位服务保障高质量发展大局"), ("paragraph", A3)]


def test_a_one_line_framed_lead_closed_by_a_stop_under_the_headline_opens_the_body() -> None:
    # One sentence in Kai, centred in a frame right under the headline: not indented, but closed as a
    # paragraph ends, and standing before all of the body (a pull quote repeats the text it stands in).
    from courtdoc.segment import segment

    lead = "习近平总书记强调，“充分发挥新型举国体制优势”。"
    title = _set("创新答卷彰显新型举国体制优势", 40, 40, font="Hei", size=20)
    deck = _set(lead, 90, 72, font="Kai")
    body = _flow([A1, A2, A3], [(40, 98), (200, 98)])
    page = PageText(number=1, lines=[title, deck, *body], method="pdf", width=600, height=H, rules=_frame(36, 68, 352, 86))
    out = segment(page_blocks(page), Settings())
    (art,) = out.articles
    assert out.notes == [] and [b.text for b in art.blocks] == [lead, A1, A2, A3]
    # A 栏目 label boxed there is a name, no paragraph: it is no part of the body.
    label = _set("金台随感", 150, 72, font="Kai")
    page = PageText(number=1, lines=[title, label, *body], method="pdf", width=600, height=H, rules=_frame(140, 68, 200, 86))
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [b.text for b in art.blocks] == [A1, A2, A3]


def test_a_section_heading_with_its_byline_atop_a_column_level_with_the_text_beside_opens_no_article() -> None:
    # Three columns under one headline; the third opens with a bold section heading over its own
    # byline, level with the text topping the second column, which goes on from the first: a
    # section of the article, not a small article of its own.
    from courtdoc.segment import segment

    title = _set("创新答卷彰显新型举国体制优势", 40, 40, font="Hei", size=20)
    top = 76
    first = _flow([A1, A2], [(40, top), (200, top)], cells=15)
    heading = _set("企业创新显著提升", 360, top, font="Hei")
    byline = _set("本报记者 谷业凯", 360, top + PITCH, font="Kai", size=9)
    rest, _ = _paragraphs_set([B1, B2], 360, top + 2 * PITCH)
    page = PageText(number=1, lines=[title, *first, heading, byline, *rest], method="pdf", width=600, height=H)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert art.title == "创新答卷彰显新型举国体制优势"
    texts = [b.text for b in art.blocks]
    assert texts[:2] == [A1, A2] and "企业创新显著提升" in texts and texts[-2:] == [B1, B2]


def test_columns_set_close_over_a_photo_across_them_read_down_past_it() -> None:
    # Two columns end less than a leading and a third over a photo set across them (a page that
    # spaces its paragraphs leaves no more), and go on under it. Each column still reads down past
    # the photo: no line of a column is part of the picture.
    from courtdoc.segment import segment

    title = _set("仲夏时节话法治的新篇章", 40, 40, font="Hei", size=20)
    text = (A1 + A2 + A3 + B1 + B2)[: 15 + 9 * 17]
    rows = [text[:15]] + [text[k : k + 17] for k in range(15, len(text), 17)]
    place = [(40 + 2 * BODY, 80), (40, 95), (40, 110), (40, 212), (40, 227)]
    place += [(x + 190, y) for x, y in place[1:]] + [(230, 242)]
    lines = [title] + [_set(row, x, y) for row, (x, y) in zip(rows, place)]
    photo = (40.0, 127.0, 400.0, 200.0)  # 7 pt under the columns' last lines: the leading is 5
    page = PageText(number=1, lines=lines, method="pdf", width=600, height=H, figures=[photo])
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [b.text for b in art.blocks] == [text]


def test_a_paragraphs_short_last_line_read_alone_atop_a_column_ends_it() -> None:
    # Paragraphs set without an indent, a little space between them: one ends in a short line atop
    # the second column, the space under it cutting that line off as a piece of its own. Measured
    # against its column, not against itself, it is short: the paragraph ends there.
    from courtdoc.segment import segment

    title = _set("仲夏时节话法治", 40, 40, font="Hei", size=20)
    head = A1 + "院长表示，将把座谈会的意见转化为新举措。"  # the last of its five lines holds a few characters
    first = [head[k : k + 15] for k in range(0, len(head), 15)]
    second = [A2[k : k + 15] for k in range(0, len(A2), 15)]
    lines = [title] + [_set(row, 40, 80 + k * PITCH) for k, row in enumerate(first[:-1])]
    lines.append(_set(first[-1], 200, 80))
    lines += [_set(row, 200, 80 + PITCH + 8 + k * PITCH) for k, row in enumerate(second)]
    page = PageText(number=1, lines=lines, method="pdf", width=600, height=H)
    (art,) = segment(page_blocks(page), Settings()).articles
    assert [b.text for b in art.blocks] == [head, A2]


def test_a_rule_a_column_runs_on_past_cuts_only_where_it_runs() -> None:
    # An L-shaped article's column runs down the right of the page past the band rule, which stops
    # short of it, and past the rule under the next headline beside it. Neither rule cuts across the
    # column: the headline keeps its subtitle and byline, under its own rule, and its body.
    from courtdoc.segment import segment

    right_title = _set("开放的中国带来机遇", 335, 40, font="Hei", size=14)
    right, _ = _paragraphs_set([B1, B2, A3, B1, B2, A3, B1, B2, A3], 335, 70, cells=13)
    top_title = _set("探索集成电路国产化路径", 40, 40, font="Hei", size=16)
    top = _flow([A3, B1], [(40, 70), (175, 70)], cells=12)
    title = _set("谋篇定方向蓄力开新局", 40, 210, font="Hei", size=20)
    subtitle = _set("——包头市中级人民法院召开院长会议", 40, 238, font="Hei", size=12)
    byline = _set("本报记者 肖玥", 40, 256, font="Kai", size=10.5)
    body = _flow([A1, A2], [(40, 276), (175, 276)], cells=12)
    rules = [(40.0, 200.0, 320.0, 200.5), (40.0, 234.0, 320.0, 234.5), (327.0, 205.0, 327.5, 420.0)]
    lines = [right_title, *right, top_title, *top, title, subtitle, byline, *body]
    page = PageText(number=1, lines=lines, method="pdf", width=600, height=H, rules=rules)
    articles = {a.title: a for a in segment(page_blocks(page), Settings()).articles}
    art = articles["谋篇定方向蓄力开新局"]
    assert (art.subtitle, art.byline) == ("——包头市中级人民法院召开院长会议", "本报记者 肖玥")
    assert [b.text for b in art.blocks] == [A1, A2]
    assert [b.text for b in articles["开放的中国带来机遇"].blocks] == [B1, B2, A3] * 3


def test_two_caption_lines_beside_a_photo_ending_at_its_foot_are_its_captions() -> None:
    # Two short Kai captions stacked in the column beside a photo, the second ending level with the
    # photo's foot and the first already within a line of it: both are captions, the stack stops there.
    from courtdoc.segment import segment

    title = _set("砥砺耕耘结硕果", 40, 40, font="Hei", size=20)
    photo = (40.0, 70.0, 190.0, 160.0)
    captions = [_set("实训基地启动仪式。", 200, 139, font="Kai", size=9), _set("同台竞技增强本领。", 200, 151, font="Kai", size=9)]
    body = _flow([A1, A2, A3], [(40, 176), (200, 176)])
    page = PageText(number=1, lines=[title, *captions, *body], method="pdf", width=600, height=H, figures=[photo])
    (art,) = segment(page_blocks(page), Settings()).articles
    assert art.captions == ["实训基地启动仪式。", "同台竞技增强本领。"] and [b.text for b in art.blocks] == [A1, A2, A3]


def _headline_row(phrases: list[tuple[str, float]]) -> list[str]:
    """Four columns of ten 10 pt cells, 10 pt apart, the third opening a paragraph (indented) right
    under a row of 24 pt headline fragments (text, left edge): the row's lines after merge_rows."""
    body, pitch = 10.0, 15.0
    lines = [Line(t, (x, 60.0, x + 24 * len(t), 84.0), 24.0, "Hei-Bold") for t, x in phrases]
    for col, x in enumerate((30.0, 140.0, 250.0, 360.0)):
        for n in range(8):
            indent = 20.0 if col == 2 and n == 0 else 0.0
            text = "近年来我国科技创新成果"[: 10 - int(indent // body)]
            lines.append(Line(text, (x + indent, 120 + pitch * n, x + 100, 130 + pitch * n), body, "Song"))
    return [ln.text for ln in merge_rows(lines, body, pitch, []) if ln.size == 24.0]


def test_a_headlines_phrases_centred_together_over_the_columns_are_one_headline() -> None:
    # 谋篇定方向　蓄力开新局 centred over four columns: its blank stands over a gutter and the column
    # under the second phrase opens a paragraph, yet neither phrase is set over columns of its own.
    assert _headline_row([("谋篇定方向", 113.0), ("蓄力开新局", 257.0)]) == ["谋篇定方向 蓄力开新局"]


def test_two_headlines_each_centred_over_its_own_columns_stay_two() -> None:
    assert _headline_row([("创新答卷彰显优势", 39.0), ("落实六个行动推进", 259.0)]) == ["创新答卷彰显优势", "落实六个行动推进"]
    # the right one flush with its first column's edge, as flush-left papers set them
    assert _headline_row([("创新答卷彰显优势", 30.0), ("落实六个行动推进", 250.0)]) == ["创新答卷彰显优势", "落实六个行动推进"]


def test_a_hung_ascii_comma_narrows_the_gutter_by_a_quarter_cell() -> None:
    # 发力, set with an ASCII comma hung past the column's edge (110): its box reaches 114.5, its ink
    # a quarter cell less; a full-width comma inks half its cell.
    from courtdoc.layout.columns import ink_box

    assert ink_box(Line("促进经济发力,", (20.0, 0.0, 114.5, 9.0), 9.0, "Song"))[2] == 114.5 - 0.25 * 9.0
    assert ink_box(Line("促进经济发力，", (20.0, 0.0, 119.0, 9.0), 9.0, "Song"))[2] == 119.0 - 0.5 * 9.0


def test_a_column_under_a_photo_set_under_a_headline_is_that_headlines() -> None:
    # A page parted by white space alone: an article's columns (30-290) above; under them a headline
    # centred over the page, a photo under it over the left columns only, and a column under the
    # photo. The text right over that column (past the photo) is the upper article's, but the column
    # stands under a photo set under the lower headline: it is the lower article's.
    lines = [Line("科技创新成果丰硕", (30, 30, 190, 50), 20.0, "Hei")]
    upper = A1 + A2  # its last line here left open mid-sentence (the article goes on elsewhere)
    lines += [Line(upper[k * 14 : k * 14 + 14], (30, 60 + 15 * k, 170, 70 + 15 * k), 10.0, "Song") for k in range(6)]
    lines += [Line("莫让实习生权益保护成死角", (240, 170, 480, 190), 20.0, "Hei")]
    photo = (30.0, 200.0, 290.0, 300.0)
    lines += [Line(B1[k * 14 : k * 14 + 14], (30, 310 + 15 * k, 170, 320 + 15 * k), 10.0, "Song") for k in range(3)]
    lines += [Line(B2[k * 14 : k * 14 + 14], (300, 200 + 15 * k, 440, 210 + 15 * k), 10.0, "Song") for k in range(3)]
    blocks = page_blocks(PageText(1, lines, "text-layer", 500, 500, figures=[photo]))
    title = next(b for b in blocks if b.role == "title" and "实习生" in b.lines[0].text)
    under = next(b for b in blocks if b.role == "paragraph" and b.lines[0].text == B1[:14])
    assert under.region == title.region
