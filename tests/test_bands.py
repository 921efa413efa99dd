"""What stands round the articles (`layout.bands`): a 栏目 logo stacked over several lines in a box beside or
over its headline is a column label; a jump line printed at the end of an article's last line is furniture."""

from __future__ import annotations

from courtdoc.layout import page_blocks
from courtdoc.model import Line, PageText

BODY = 10
PITCH = 15
TEXT = (
    "近年来，我国科技创新成果丰硕，创新驱动发展战略深入实施，关键核心技术攻关取得新突破，"
    "一批重大科技基础设施建成投用，为高质量发展注入强劲动能。各地检察机关立足职能，"
    "依法保护知识产权，服务保障科技自立自强，办理了一批有影响的案件。"
)


def _set(text: str, x: float, top: float, size: float = BODY, font: str = "Song") -> Line:
    return Line(text=text, bbox=(x, top, x + size * len(text), top + size), size=size, font=font)


def _frame(x0: float, top: float, x1: float, bottom: float) -> list[tuple[float, float, float, float]]:
    return [(x0, top, x1, top + 1), (x0, bottom - 1, x1, bottom), (x0, top, x0 + 1, bottom), (x1 - 1, top, x1, bottom)]


def _column(x: float, top: float, chars: int) -> list[Line]:
    return [_set(TEXT[k : k + chars], x, top + PITCH * n) for n, k in enumerate(range(0, len(TEXT), chars))]


def _notes(lines: list[Line], rules: list[tuple[float, float, float, float]]) -> list[tuple[str, list[str]]]:
    page = PageText(number=1, lines=lines, method="pdf", width=600, height=800, rules=rules)
    return [(b.role, [ln.text for ln in b.lines]) for b in page_blocks(page) if b.role in ("column-label", "pull-quote")]


def test_logo_stacked_beside_its_headline_is_a_column_label() -> None:
    # 科技视点 two to a line in a box level with the headline's top; the headline centred right of it.
    logo = [_set("科技", 34, 104, 12, "Hei-Bold"), _set("视点", 34, 120, 12, "Hei-Bold")]
    head = _set("创新答卷彰显新型举国体制优势", 120, 104, 24, "Hei-Bold")
    lines = [*logo, head, *_column(30, 160, 28)]
    assert _notes(lines, _frame(30, 100, 62, 138)) == [("column-label", ["科技", "视点"])]


def test_logo_stacked_over_its_headline_is_a_column_label() -> None:
    logo = [_set("检察", 34, 104, 12, "Hei-Bold"), _set("视点", 34, 120, 12, "Hei-Bold")]
    head = _set("创新答卷彰显新型举国体制优势", 30, 150, 24, "Hei-Bold")
    lines = [*logo, head, *_column(30, 190, 28)]
    assert _notes(lines, _frame(30, 100, 62, 138)) == [("column-label", ["检察", "视点"])]


def test_short_boxed_lines_away_from_any_headline_stay_a_pull_quote() -> None:
    head = _set("创新答卷彰显新型举国体制优势", 30, 104, 24, "Hei-Bold")
    quote = [_set("创新中国", 334, 404, 12, "Kai"), _set("动能澎湃", 334, 420, 12, "Kai")]
    lines = [head, *_column(30, 150, 28), *quote]
    assert _notes(lines, _frame(330, 400, 384, 438)) == [("pull-quote", ["创新中国", "动能澎湃"])]


def test_jump_at_the_end_of_the_last_line_is_furniture_split_off_it() -> None:
    head = _set("创新答卷彰显新型举国体制优势", 30, 104, 24, "Hei-Bold")
    body = _column(30, 150, 28)[:-1]
    ending = "依法严惩了涉案人员。"
    last = _set(ending + "（下转第2版）", 30, 150 + PITCH * len(body))
    page = PageText(number=1, lines=[head, *body, last], method="pdf", width=600, height=800)
    blocks = page_blocks(page)
    assert [(b.role, [ln.text for ln in b.lines]) for b in blocks if b.role == "furniture"] == [("furniture", ["（下转第2版）"])]
    paragraphs = [b for b in blocks if b.role == "paragraph"]
    assert paragraphs[-1].lines[-1].text == ending
    assert not any("下转" in ln.text for b in paragraphs for ln in b.lines)


def test_a_full_width_headline_over_its_own_rule_under_the_masthead_is_no_masthead() -> None:
    # Running head, its rule, then an article's headline across the page with a rule under it: the
    # masthead ends at the first rule; the headline's rule closes no masthead (its headline stands
    # between the two). A double rule under the masthead, nothing between, is one.
    from courtdoc.layout.bands import page_bands
    from courtdoc.model import Line

    width, height = 842.0, 1191.0
    running = Line("2025年1月21日 星期二", (36, 30, 140, 39), 9, "Song")
    title = Line("推进中华民族共同体建设", (36, 56, 336, 83), 27, "Hei")
    body = Line("2025年9月，新疆维吾尔自治区", (36, 100, 186, 110), 10, "Song")
    rules = [(36.0, 44.0, 806.0, 44.5), (36.0, 46.0, 806.0, 46.5), (36.0, 88.0, 806.0, 88.8)]
    head, _, rest = page_bands([running, title, body], rules, width, height, 10.0)
    assert [ln.text for ln in head] == [running.text]
    assert [ln.text for ln in rest] == [title.text, body.text]


def test_a_heading_on_a_bar_across_its_column_is_the_columns_heading() -> None:
    # Two section headings set on bars (a frame as wide as the column, the words inside it), one over
    # the other, between the byline and the body: the column's headings, not notes, and their bars
    # part the column from nothing. A 栏目 label boxed over the headline stays a label.
    label = _set("民生故事", 34, 64, 12, "Hei-Bold")
    head = _set("一项改革带来就医新变化", 30, 90, 24, "Hei-Bold")
    byline = _set("本报记者 田先进", 30, 122, BODY, "Kai")
    bars = [_set("亮点", 34, 142, BODY, "Hei-Bold"), _set("跨省住院直接结算率达到九成", 34, 162, BODY, "Hei-Bold")]
    body = _column(30, 182, 28)
    frames = [*_frame(30, 60, 90, 80), *_frame(30, 139, 310, 155), *_frame(30, 159, 310, 175)]
    page = PageText(number=1, lines=[label, head, byline, *bars, *body], method="pdf", width=600, height=800, rules=frames)
    roles = [(b.role, [ln.text for ln in b.lines]) for b in page_blocks(page)]
    assert ("column-label", ["民生故事"]) in roles
    assert [r for r, lines in roles if lines[0] in ("亮点", "跨省住院直接结算率达到九成")] == ["heading", "heading"]
    assert [r for r, _ in roles].count("title") == 1


def test_a_heading_bar_under_a_photo_is_no_caption_and_a_marked_byline_no_caption_either() -> None:
    # A photo between the headline and the body; under it the byline set at the body's head (□ and
    # the name, in Kai at body size) and a heading on a bar: neither is the photo's caption.
    head = _set("一项改革带来就医新变化", 30, 60, 24, "Hei-Bold")
    photo = (30.0, 95.0, 310.0, 200.0)
    byline = _set("□ 田先进", 30, 206, BODY, "Kai")
    bar = _set("跨省住院直接结算率达到九成", 34, 224, BODY, "Hei-Bold")
    body = _column(30, 244, 28)
    page = PageText(
        number=1, lines=[head, byline, bar, *body], method="pdf", width=600, height=800, rules=_frame(30, 221, 310, 237), figures=[photo]
    )
    roles = {ln.text: b.role for b in page_blocks(page) for ln in b.lines}
    assert (roles["□ 田先进"], roles["跨省住院直接结算率达到九成"]) == ("byline", "heading")
