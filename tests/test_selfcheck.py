"""The self-check: wrong-looking articles lose confidence and get a page warning naming them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from courtdoc import selfcheck
from courtdoc.evaluate import eval_main, score_flags
from courtdoc.model import Block, Line, PageInfo, PageText
from courtdoc.pipeline import assemble, process
from courtdoc.rules.markers import find_credit, has_dateline
from courtdoc.rules.punctuation import unbalanced
from courtdoc.segment import segment
from courtdoc.selfcheck import FLAGGED_BELOW, apply, check, is_flagged
from courtdoc.settings import Settings


def blk(role, text: str, top: float, *, conf: float = 1.0, doubts: tuple[str, ...] = (), size: float = 10.0) -> Block:
    box = (50.0, top, 250.0, top + size * 1.2)
    return Block(role, [Line(text, bbox=box, size=size, confidence=conf)], 1, region=1, bbox=box, doubts=doubts)


BODY = "法院在审理中查明，被告人多次实施盗窃，数额较大，依法应当追究刑事责任。"


def _checked(blocks: list[Block], figures: list | None = None, method: str = "text-layer") -> tuple[list, PageInfo]:
    lines = [ln for b in blocks for ln in b.lines]
    page = PageText(1, lines, method, 300.0, 400.0, figures=figures or [])
    seg = segment(blocks, Settings())
    info = PageInfo(1, "text-layer")
    apply(seg.articles, [info], check(seg.articles, seg.sources, blocks, [page]))
    return seg.articles, info


def test_a_plain_article_keeps_full_confidence() -> None:
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40)])
    assert arts[0].confidence == 1.0 and info.warnings == []


@pytest.mark.parametrize(
    ("blocks", "reason", "confidence"),
    [
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20)], "empty body", selfcheck.EMPTY_BODY),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", "被告人认罪。", 40)], "short body", selfcheck.SHORT_BODY),
        ([blk("title", "张卓 摄", 10, size=20), blk("paragraph", BODY, 40)], "title not a headline", selfcheck.TITLE_NOT_HEADLINE),
        ([blk("title", "（一）", 10, size=20), blk("paragraph", BODY, 40)], "title not a headline", selfcheck.TITLE_NOT_HEADLINE),
        ([blk("title", "——访全国人大代表张成虎", 10, size=20), blk("paragraph", BODY, 40)], "title not a headline",
         selfcheck.TITLE_NOT_HEADLINE),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("caption", "审判现场。", 80)],
         "caption without photo", selfcheck.CAPTION_NO_PHOTO),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY + "被告人", 40)], "body cut", selfcheck.CUT_END),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("byline", "本报华盛顿10月19日", 30), blk("paragraph", "电（记者李志伟）" + BODY, 40)],
         "dateline cut", selfcheck.DATELINE_CUT),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("caption", "审判现场。", 80),
          blk("caption", "本报记者 王丹 摄", 95)], "caption too many", selfcheck.EXTRA_CAPTION),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY + "张卓 摄" + BODY, 40)], "item in body", selfcheck.ITEM_IN_BODY),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20, conf=0.8), blk("paragraph", BODY, 40)],
         "headline misread", selfcheck.HEADLINE_MISREAD),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40, conf=0.6)], "low OCR confidence", selfcheck.LOW_OCR),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("byline", "赤峰讯 6月20", 30), blk("paragraph", BODY, 40)],
         "byline not a byline", selfcheck.FIELD_MISREAD),
        ([blk("title", "创新答卷彰显新型举国体制优势", 10, size=20), blk("subtitle", "习近平总书记强调，“充分发挥新型举国体制优势”。", 30),
          blk("paragraph", BODY, 40)], "subtitle misread", selfcheck.FIELD_MISREAD),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("caption", "李志伟 摄本报华盛顿10月19", 80)],
         "caption runs on", selfcheck.FIELD_MISREAD),
        ([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("heading", "中国不是难解的谜团，而", 60),
          blk("title", "优化法治化营商环境", 100, size=20), blk("paragraph", BODY, 130)], "body ends in a heading", selfcheck.ENDS_IN_HEADING),
    ],
)
def test_each_finding_caps_confidence_and_warns(blocks: list[Block], reason: str, confidence: float) -> None:
    figures = [] if reason == "caption without photo" else [(50.0, 60.0, 250.0, 79.0)]
    arts, info = _checked(blocks, figures)
    assert any(w.startswith(f"{arts[0].id}: {reason} (") for w in info.warnings), info.warnings
    assert arts[0].confidence <= confidence < FLAGGED_BELOW
    assert is_flagged(arts[0].confidence)


@pytest.mark.parametrize(("jump", "cut"), [("（下转第2版）", False), ("（上接第1版）", True)])
def test_a_body_cut_by_a_jump_line_is_no_body_cut(jump: str, cut: bool) -> None:
    """An article going on on another page stops mid-sentence as printed; a line naming the page it came
    from says nothing about its end."""
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY + "被告人", 40), blk("furniture", jump, 60)]
    arts, info = _checked(blocks)
    assert any(w.startswith(f"{arts[0].id}: body cut (") for w in info.warnings) == cut, info.warnings


NOTE = "本报今起开设专栏，记录各地法院落实司法为民的生动实践，展现人民群众的获得感。"


def test_an_editors_note_before_its_body_keeps_full_confidence() -> None:
    note = blk("paragraph", "编者按：" + NOTE, 40)
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), note, blk("paragraph", BODY, 60)])
    assert arts[0].confidence == 1.0 and info.warnings == []


def test_a_note_printed_as_an_article_of_its_own_keeps_full_confidence() -> None:
    blocks = [blk("title", "回望十四五", 10, size=20), blk("paragraph", NOTE, 40), blk("heading", "——编 者", 60),
              blk("title", "依法惩治盗窃犯罪", 100, size=20), blk("paragraph", BODY, 130)]
    arts, info = _checked(blocks)
    assert [a.confidence for a in arts] == [1.0, 1.0] and info.warnings == []


def test_a_body_cut_after_its_editors_note_is_flagged_with_the_heading_that_took_the_rest() -> None:
    # The rest of the body, under its section heading set at the body's size, became an article of its own.
    blocks = [blk("title", "回望十四五", 10, size=20), blk("paragraph", NOTE, 40), blk("heading", "——编 者", 60),
              blk("title", "依法惩治盗窃犯罪", 100), blk("paragraph", BODY, 130)]
    arts, info = _checked(blocks)
    assert [a.title for a in arts] == ["回望十四五", "依法惩治盗窃犯罪"]
    assert f"{arts[0].id}: body ends in an editor's note (" in " ".join(info.warnings)
    assert f"{arts[1].id}: headline at body size (" in " ".join(info.warnings)
    assert arts[0].confidence == selfcheck.NOTE_ENDS_BODY and arts[1].confidence == selfcheck.HEADLINE_AT_BODY_SIZE


def test_a_caption_under_a_blank_the_photo_detector_missed_has_its_photo() -> None:
    # A scan's photo detector finds no photo, but the caption stands under a blank taller than any gap of text.
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("caption", "审判现场。", 160)]
    arts, info = _checked(blocks)
    assert not any("caption without photo" in w for w in info.warnings), info.warnings
    # Set right under the text, the same caption has no photo.
    arts, info = _checked(blocks[:2] + [blk("caption", "审判现场。", 55)])
    assert f"{arts[0].id}: caption without photo (" in " ".join(info.warnings)


def _paragraph_ending(last: str, right: float) -> Block:
    """A paragraph of two lines whose second, `last`, reaches to `right` (the first fills the column to 250)."""
    lines = [Line(BODY[:20], bbox=(50.0, 40.0, 250.0, 52.0), size=10.0), Line(last, bbox=(50.0, 54.0, right, 66.0), size=10.0)]
    return Block("paragraph", lines, 1, region=1, bbox=(50.0, 40.0, 250.0, 66.0))


@pytest.mark.parametrize(("right", "method", "cut"), [(120.0, "ocr", False), (250.0, "ocr", True), (120.0, "text-layer", True)])
def test_a_body_cut_on_a_scan_is_told_from_a_stop_ocr_lost(right: float, method: str, cut: bool) -> None:
    # A paragraph that ends short of its column ended there: on a scan, OCR lost its stop; a text layer loses none.
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), _paragraph_ending("依法应当追究刑事责任", right)], method=method)
    assert any("body cut" in w for w in info.warnings) is cut, info.warnings


@pytest.mark.parametrize(("size", "method", "flagged"), [(11.0, "ocr", True), (11.0, "text-layer", False), (10.0, "text-layer", True)])
def test_a_headline_at_the_body_size_is_a_section_heading(size: float, method: str, flagged: bool) -> None:
    # OCR measures sizes from ink heights, which vary more than a PDF's rounding.
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=size), blk("paragraph", BODY, 40), blk("paragraph", BODY, 60)], method=method)
    assert any(w.startswith(f"{arts[0].id}: headline at body size (") for w in info.warnings) is flagged, info.warnings


def test_a_byline_ocr_is_unsure_of_is_flagged() -> None:
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("byline", "记者元玉昆", 30, conf=0.91), blk("paragraph", BODY, 40)]
    arts, info = _checked(blocks, method="ocr")
    assert f"{arts[0].id}: item misread (" in " ".join(info.warnings) and arts[0].confidence <= selfcheck.ITEM_MISREAD


def test_a_closing_line_under_which_the_page_ends_is_no_cut_heading() -> None:
    # A reader's place and name set apart under a letter: nothing of the page stands under it.
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("heading", "江苏南京市 刘国华", 60)])
    assert not any("body ends in a heading" in w for w in info.warnings), info.warnings


def _column_block(rows: list[tuple[str, float, float, float]]) -> Block:
    """A paragraph of (text, left, right, top) lines set at size 10."""
    lines = [Line(t, bbox=(x0, y, x1, y + 10.0), size=10.0) for t, x0, x1, y in rows]
    return Block("paragraph", lines, 1, region=1, bbox=(min(r[1] for r in rows), rows[0][3], max(r[2] for r in rows), rows[-1][3] + 10.0))


def test_a_column_read_down_past_its_photo_is_in_order_when_a_paragraph_ends_short_under_it() -> None:
    # Left column: two lines over the photo, a paragraph's short last line under it, then the next paragraph
    # indented; the right column runs down beside the photo. Read column by column, which is right.
    left = [_column_block([("法院在审理中查明被告人多次", 50.0, 150.0, 40.0), ("实施盗窃数额较大依法应当", 50.0, 150.0, 55.0),
                           ("追究。", 50.0, 70.0, 140.0)]),
            _column_block([("本案经审理后依法作出判决", 70.0, 150.0, 155.0), ("被告人当庭表示认罪服判", 50.0, 150.0, 170.0)])]
    right = _column_block([(BODY[i : i + 10], 170.0, 270.0, 40.0 + 15.0 * k) for k, i in enumerate(range(0, 100, 10))])
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), *left, right], figures=[(50.0, 70.0, 150.0, 130.0)])
    assert not any("read across a photo" in w for w in info.warnings), info.warnings


@pytest.mark.parametrize(("second", "lost"), [("本报记者 何宇澈 赵景锋", True), ("——最高人民法院党组书记、院长张军", False)])
def test_an_article_read_as_a_pull_quote_is_lost_text(second: str, lost: bool) -> None:
    # A quotation printed apart carries no byline (its speaker's line is no byline); an article does.
    quote = Block("pull-quote", [Line(t, bbox=(50.0, y, 250.0, y + 12.0), size=10.0) for t, y in (("“扎实推进系统治理”", 80.0), (second, 95.0))],
                  1, region=1, bbox=(50.0, 80.0, 250.0, 107.0))
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), quote])
    assert any(w.startswith("lost text (") and "pull quote" in w for w in info.warnings) is lost, info.warnings


@pytest.mark.parametrize(("before", "stray"), [("包头市中级人民法", True), (BODY, False), (None, False)])
def test_a_byline_under_a_heading_is_a_sections_only_where_a_section_can_start(before: str | None, stray: bool) -> None:
    # A subtitle that lost its dash, broken over two lines, reads as a fragment and a heading: the byline
    # under it is the article's, left in the body. A section heading opens the body or follows a finished paragraph.
    opening = [blk("paragraph", before, 40)] if before else []
    blocks = [blk("title", "谋篇定方向 蓄力开新局", 10, size=20), *opening, blk("heading", "院召开全市法院院长会议", 60),
              blk("paragraph", "本报记者●肖玥 通讯员●张树清", 75), blk("paragraph", BODY, 90)]
    arts, info = _checked(blocks)
    assert any(w.startswith(f"{arts[0].id}: item in body") for w in info.warnings) is stray, info.warnings


@pytest.mark.parametrize(("title", "quoted"), [("依法应当追究刑事责任。", True), ("依法惩治盗窃犯罪", False)])
def test_a_title_repeating_another_articles_text_is_a_pull_quote(title: str, quoted: bool) -> None:
    # A pull quote set in display type between rules, taken for a headline, repeats its article's words;
    # a headline says what its own article does.
    blocks = [blk("title", "法院审结一起盗窃案", 10, size=20), blk("paragraph", BODY, 40), blk("title", title, 100, size=14),
              blk("paragraph", "本院依法公开开庭审理了此案，判决已经发生法律效力。", 130)]
    arts, info = _checked(blocks)
    assert (arts[1].confidence == selfcheck.TITLE_QUOTED) is quoted, info.warnings
    assert any(w.startswith(f"{arts[1].id}: title quoted") for w in info.warnings) is quoted
    # The article it repeats lost the text under its quote to it.
    assert (arts[0].confidence == selfcheck.TITLE_QUOTED) is quoted


def test_a_close_call_alone_is_reported_but_not_flagged() -> None:
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40, doubts=("two plausible owners",))]
    arts, info = _checked(blocks)
    assert info.warnings == [f"{arts[0].id}: layout doubt (two plausible owners)"]
    assert arts[0].confidence == selfcheck.LAYOUT_DOUBT and not is_flagged(arts[0].confidence)


def _column(x0: float, top: float, texts: list[str], *, indent: bool = True, width: float = 100.0) -> Block:
    """A paragraph set in a column at x0, 10 pt on a 16 pt pitch; the first line two cells in when `indent`."""
    lines = [Line(t, bbox=(x0 + (20.0 if indent and i == 0 else 0.0), top + 16 * i, x0 + width, top + 16 * i + 10), size=10.0)
             for i, t in enumerate(texts)]
    return Block("paragraph", lines, 1, region=1, bbox=(x0, top, x0 + width, top + 16 * len(texts) - 6))


ROWS = ["法院在审理中查明被告人", "多次实施盗窃数额较大依", "法应当追究刑事责任。"]


def _page_of(article: list[Block], neighbours: list[Block]) -> tuple[list, PageInfo]:
    blocks = article + neighbours
    page = PageText(1, [ln for b in blocks for ln in b.lines], "text-layer", 600.0, 800.0)
    seg = segment(article, Settings())
    info = PageInfo(1, "text-layer")
    apply(seg.articles, [info], check(seg.articles, seg.sources, blocks, [page]))
    return seg.articles, info


# A neighbouring article's indented paragraphs in 100-pt columns: what the page's paragraphs look like.
NEIGHBOURS = [_column(300.0, 100.0 + 60 * k, ROWS) for k in range(4)]


@pytest.mark.parametrize("indent", [True, False])
def test_a_body_opening_flush_on_an_indented_page_opens_mid_paragraph(indent: bool) -> None:
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), _column(50.0, 100.0, ROWS, indent=indent)]
    arts, info = _page_of(article, NEIGHBOURS)
    opens_mid = any(w.startswith(f"{arts[0].id}: body opens mid-paragraph (") for w in info.warnings)
    assert opens_mid == (not indent)
    assert arts[0].confidence == (1.0 if indent else selfcheck.OPENS_MID_PARAGRAPH)


@pytest.mark.parametrize(("closed", "short"), [(True, True), (False, True), (True, False)])
def test_a_paragraph_opening_flush_after_one_that_closed_goes_on_from_elsewhere(closed: bool, short: bool) -> None:
    """Down the body: a paragraph, then one opening flush at the next column's top. After a finished sentence on a
    short line that is another text's run-on; after a sentence left open, or one ending with a full line at the
    column's foot, it may be the same paragraph going on."""
    first = _column(50.0, 100.0, [*ROWS[:2], ROWS[2] if closed else "法应当追究刑事"])
    if short:
        first.lines[-1] = replace(first.lines[-1], bbox=(50.0, 132.0, 120.0, 142.0))
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), first, _column(160.0, 100.0, ROWS, indent=False)]
    arts, info = _page_of(article, NEIGHBOURS)
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: body opens mid-paragraph (")]
    assert bool(found) == (closed and short), info.warnings
    if closed and short:
        assert arts[0].confidence == selfcheck.OPENS_MID_PARAGRAPH


def test_a_page_set_flush_never_opens_mid_paragraph() -> None:
    flush = [_column(300.0, 100.0 + 60 * k, ROWS, indent=False) for k in range(4)]
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), _column(50.0, 100.0, ROWS, indent=False)]
    arts, info = _page_of(article, flush)
    assert arts[0].confidence == 1.0 and info.warnings == []


def test_a_body_line_run_across_a_gutter_is_found() -> None:
    body = _column(50.0, 100.0, ROWS)
    # The source ran the third row over the gutter: this column's line and the next column's, as one line.
    body.lines[2] = Line("法应当追究刑事责任。 另一栏的文字在这里", bbox=(50.0, 132.0, 260.0, 142.0), size=10.0)
    arts, info = _page_of([blk("title", "依法惩治盗窃犯罪", 60, size=20), body], NEIGHBOURS)
    assert any(w.startswith(f"{arts[0].id}: line across columns (") for w in info.warnings), info.warnings
    assert arts[0].confidence == selfcheck.ACROSS_COLUMNS


def test_a_lead_paragraph_set_across_two_columns_is_no_finding() -> None:
    lead = _column(50.0, 100.0, ROWS, width=210.0)
    arts, info = _page_of([blk("title", "依法惩治盗窃犯罪", 60, size=20), lead, _column(50.0, 160.0, ROWS)], NEIGHBOURS)
    assert arts[0].confidence == 1.0 and info.warnings == []


def test_a_short_body_whose_every_row_runs_over_a_gutter_is_found() -> None:
    """Two columns of two lines under a photo, each row read as one line: all the block's lines are that wide,
    as a lead's are, but a gutter's blank stands inside them."""
    rows = _column(50.0, 100.0, ["科技是国家强盛之基，金融 金融是推动科技与金融双向促", "是国家重要的核心竞争力，科技 进的重要支撑。"], width=210.0)
    arts, info = _page_of([blk("title", "构建科技金融体制", 60, size=20), rows], NEIGHBOURS)
    assert any(w.startswith(f"{arts[0].id}: line across columns (") for w in info.warnings), info.warnings
    assert arts[0].confidence == selfcheck.ACROSS_COLUMNS


@pytest.mark.parametrize("between", ["nothing", "headline", "photo"])
def test_a_body_going_on_past_a_gap_down_its_column(between: str) -> None:
    """Down one column: the article's paragraph, 20 lines of white space (or another headline), then more text."""
    upper, lower = _column(50.0, 100.0, ROWS), _column(50.0, 460.0, ROWS)
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), upper, lower]
    other = [Block("title", [Line("守护一方平安", bbox=(50.0, 300.0, 170.0, 320.0), size=20.0)], 1, region=2, bbox=(50.0, 300.0, 170.0, 320.0))]
    figures = [(50.0, 160.0, 150.0, 440.0)] if between == "photo" else []
    page = PageText(1, [ln for b in article + NEIGHBOURS for ln in b.lines], "text-layer", 600.0, 800.0, figures=figures)
    seg = segment(article, Settings())
    blocks = article + NEIGHBOURS + (other if between == "headline" else [])
    findings = [f for f in check(seg.articles, seg.sources, blocks, [page]) if f.reason == "body jumps a gap"]
    assert [(f.article, f.confidence) for f in findings] == ([] if between == "photo" else [("p01-a01", selfcheck.JUMPS_GAP)])
    if between == "headline":
        assert "守护一方平安" in findings[0].detail


@pytest.mark.parametrize("order", ["down each column", "row by row"])
def test_a_body_read_across_a_photo_inside_its_columns(order: str) -> None:
    """Three columns; a photo across the first two, the third running down beside it. Each column the photo
    interrupts goes on under it; read row by row, the text under the photo comes after the next column's top."""
    over = [_column(50.0 + 110 * k, 100.0, ROWS) for k in range(2)]
    under = [_column(50.0 + 110 * k, 280.0, ROWS) for k in range(2)]
    beside = _column(270.0, 100.0, ROWS * 4)
    body = [over[0], under[0], over[1], under[1]] if order == "down each column" else [*over, *under]
    caption = Block("caption", [Line("审判现场。王丹 摄", bbox=(50.0, 263.0, 160.0, 272.0), size=9.0)], 1, region=1, bbox=(50.0, 263.0, 160.0, 272.0))
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), *body, beside, caption]
    page = PageText(1, [ln for b in article for ln in b.lines], "text-layer", 600.0, 800.0, figures=[(50.0, 160.0, 260.0, 260.0)])
    seg = segment(article, Settings())
    info = PageInfo(1, "text-layer")
    apply(seg.articles, [info], check(seg.articles, seg.sources, article, [page]))
    found = [w for w in info.warnings if w.startswith(f"{seg.articles[0].id}: read across a photo (")]
    assert len(found) == (order == "row by row"), info.warnings
    assert seg.articles[0].confidence == (1.0 if order == "down each column" else selfcheck.ACROSS_PHOTO)
    # The same photo across all the columns, nothing beside it: two sets of columns, read either way.
    article.remove(beside)
    seg = segment(article, Settings())
    page.figures = [(50.0, 160.0, 370.0, 260.0)]
    assert not [f for f in check(seg.articles, seg.sources, article, [page]) if f.reason == "read across a photo"]


@pytest.mark.parametrize("outside", [False, True])
def test_a_body_block_across_a_frame_side_from_its_headline(outside: bool) -> None:
    """A framed item: its headline and a paragraph inside the frame; a paragraph under the frame, outside it, is
    a neighbour's text the body took."""
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), blk("paragraph", BODY, 100), blk("paragraph", BODY, 135 if outside else 115)]
    page = PageText(1, [ln for b in article for ln in b.lines], "text-layer", 300.0, 400.0, rules=[(40.0, 50.0, 260.0, 130.0)])
    seg = segment(article, Settings())
    info = PageInfo(1, "text-layer")
    apply(seg.articles, [info], check(seg.articles, seg.sources, article, [page]))
    found = [w for w in info.warnings if w.startswith(f"{seg.articles[0].id}: body crosses a frame (")]
    assert len(found) == outside, info.warnings
    assert seg.articles[0].confidence == (selfcheck.CROSSES_FRAME if outside else 1.0)


@pytest.mark.parametrize("lead", [True, False])
def test_a_framed_lead_over_the_body_is_no_body_across_a_frame(lead: bool) -> None:
    """The opening paragraph framed on its own under the headline (a 导语 deck), the body under the frame: the
    article's own text. A framed paragraph under the body's opening is a neighbour's item the body took."""
    framed = 100 if lead else 135
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), blk("paragraph", BODY, 100), blk("paragraph", BODY, 135)]
    page = PageText(1, [ln for b in article for ln in b.lines], "text-layer", 300.0, 400.0, rules=[(40.0, framed - 5.0, 260.0, framed + 25.0)])
    seg = segment(article, Settings())
    found = [f for f in check(seg.articles, seg.sources, article, [page]) if f.reason == "body crosses a frame"]
    assert len(found) == (not lead)


@pytest.mark.parametrize(
    ("opening", "run_in"),
    [("锡林郭勒讯锡林郭勒盟中级人民法院突出党建引领。", "锡林郭勒讯"), ("锡林郭勒讯　锡林郭勒盟中级人民法院突出党建引领。", None),
     ("通讯员在现场看到，法院突出党建引领。", None)],
)
def test_a_dateline_run_into_the_body_is_found(opening: str, run_in: str | None) -> None:
    """A source that lost the gap after a run-in dateline leaves it at the body's start; with its gap the
    dateline is split off, and prose that merely holds 讯 is no dateline."""
    arts, info = _checked([blk("title", "党建引领双推进", 10, size=20), blk("paragraph", opening + BODY, 40)])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: dateline in body (")]
    assert len(found) == (run_in is not None), info.warnings
    if run_in:
        assert repr(run_in) in found[0] and arts[0].confidence == selfcheck.DATELINE_IN_BODY
    else:
        assert arts[0].confidence == 1.0


def test_a_dateline_left_in_a_block_of_its_own_is_found() -> None:
    """A dateline line the layout took for a heading (with the body's first character: a scan's OCR line) stays
    in the body; the dateline field is empty."""
    blocks = [blk("title", "铁凝出席研讨班开班式", 10, size=20), blk("heading", "新华社北京10月19日电 全", 40),
              blk("paragraph", "国人大常委会副委员长出席开班式并致辞。" + BODY, 56)]
    arts, info = _checked(blocks)
    assert arts[0].dateline is None
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: dateline in body (")]
    assert len(found) == 1 and "'新华社北京10月19日电'" in found[0], info.warnings
    assert arts[0].confidence == selfcheck.DATELINE_IN_BODY


@pytest.mark.parametrize(("left", "askew"), [(50.0, False), (190.0, False), (330.0, True), (100.0, True)])
def test_a_headline_neither_flush_nor_centred_over_its_body(left: float, askew: bool) -> None:
    """A six-character headline over a body of two columns (50-450): flush left and centred are how papers set it;
    standing off both, flush right too, a phrase of it is missing (the sample scan's OCR read one of two; a scan's
    OCR that missed a centred headline's opening leaves the rest flush right)."""
    title = Block("title", [Line("党建引领双推", bbox=(left, 60.0, left + 120, 80.0), size=20.0)], 1, region=1, bbox=(left, 60.0, left + 120, 80.0))
    article = [title, _column(50.0, 100.0, ROWS, width=190.0), _column(260.0, 100.0, ROWS, width=190.0)]
    arts, info = _page_of(article, [])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: headline askew (")]
    assert len(found) == askew, info.warnings
    assert arts[0].confidence == (selfcheck.HEADLINE_ASKEW if askew else 1.0)


@pytest.mark.parametrize("logo", [True, False])
def test_a_headline_centred_beside_a_logo_is_measured_in_the_space_the_logo_leaves(logo: bool) -> None:
    """A 栏目 logo boxed level with the headline's top, flush left over the body (50-450, the logo 50-84): the
    headline is centred in 84-450 (207-327), off the body's centre. Without the logo it stands askew."""
    title = Block("title", [Line("党建引领双推", bbox=(207.0, 60.0, 327.0, 80.0), size=20.0)], 1, region=1, bbox=(207.0, 60.0, 327.0, 80.0))
    label = Block("column-label", [Line("科技", bbox=(54.0, 60.0, 78.0, 72.0), size=12.0), Line("视点", bbox=(54.0, 76.0, 78.0, 88.0), size=12.0)], 1, bbox=(50.0, 56.0, 84.0, 92.0))
    article = [title, _column(50.0, 100.0, ROWS, width=190.0), _column(260.0, 100.0, ROWS, width=190.0)]
    arts, info = _page_of(article, [label] if logo else [])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: headline askew (")]
    assert len(found) == (not logo), info.warnings
    assert arts[0].confidence == (1.0 if logo else selfcheck.HEADLINE_ASKEW)


@pytest.mark.parametrize("under", [False, True])
def test_a_byline_under_the_body_is_found(under: bool) -> None:
    """A byline stands between the headline and the body; one under the body's text is a section's byline."""
    byline = blk("byline", "本报记者 刘诗瑶", 64 if under else 36, size=9)
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), byline, blk("paragraph", BODY, 50), blk("paragraph", BODY, 76)])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: byline under body (")]
    assert len(found) == under, info.warnings
    assert arts[0].confidence == (selfcheck.BYLINE_UNDER_BODY if under else 1.0), info.warnings


@pytest.mark.parametrize(
    ("before", "face", "cut"),
    [("非遗", "UKaiCN", True), ("非遗。", "UKaiCN", False), ("非遗", "NotoSerifCJKsc-Regular", False)],
)
def test_a_heading_in_another_face_cutting_a_sentence(before: str, face: str, cut: bool) -> None:
    """A byline set beside the body, read into it: a paragraph stops mid-sentence, a line in the byline's face
    follows, the sentence goes on after it. A section heading follows a finished sentence; a line in the
    paragraph's own face is the paragraph's."""
    def face_block(role: str, texts: list[str], top: float, font: str) -> Block:
        lines = [Line(t, bbox=(50.0, top + 14 * i, 250.0, top + 14 * i + 12), size=10.0, font=font) for i, t in enumerate(texts)]
        return Block(role, lines, 1, region=1, bbox=(50.0, top, 250.0, top + 14 * len(texts) - 2))

    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), face_block("paragraph", [BODY, "古镇巡游嘉年华一景一艺" + before], 40, "NotoSerifCJKsc-Regular"),
              face_block("heading", ["曹玲娟"], 68, face), face_block("paragraph", ["代表性传承人带领展演。"], 82, "NotoSerifCJKsc-Regular")]
    arts, info = _checked(blocks)
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: heading mid-sentence (")]
    assert len(found) == cut, info.warnings
    assert arts[0].confidence == (selfcheck.HEADING_MID_SENTENCE if cut else 1.0), info.warnings
    # A one-line paragraph before a heading's last line is the heading's own first line.
    one_line = [blocks[0], face_block("paragraph", ["牢记“国之大者”把“两件大事”作为重要政治任"], 40, "NotoSerifCJKsc-Regular"),
                face_block("heading", ["务"], 54, face), face_block("paragraph", ["代表性传承人带领展演。"], 68, "NotoSerifCJKsc-Regular")]
    arts, info = _checked(one_line)
    assert not [w for w in info.warnings if w.startswith(f"{arts[0].id}: heading mid-sentence (")], info.warnings


@pytest.mark.parametrize(("later", "second"), [("【赤峰讯】“公正与效率”是司法获得公信力的核心所在。", True), ("“公正与效率”是司法获得公信力的核心所在。", False)])
def test_a_later_paragraph_opening_with_a_dateline_is_another_article(later: str, second: bool) -> None:
    """A dateline opens an article: one at a later paragraph's start is the opening of an article whose
    headline the layout missed, run into this body."""
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("paragraph", later, 56)])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: second dateline (")]
    assert len(found) == second, info.warnings
    assert arts[0].confidence == (selfcheck.SECOND_DATELINE if second else 1.0), info.warnings


@pytest.mark.parametrize(
    ("byline", "garbled"),
    [("本报通讯员 折鑫 ●", True), ("程 龙 潘俊强 本报记者 徐 馨", True), ("本报记者 徐 馨 通讯员 程龙", False), ("张成虎 高睿凯", False)],
)
def test_a_byline_that_is_not_one_byline(byline: str, garbled: bool) -> None:
    """A byline ends with a name; names before a role and names are the end of another article's byline."""
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("byline", byline, 34, size=9), blk("paragraph", BODY, 48)])
    assert arts[0].byline is not None
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: byline misread (")]
    assert len(found) == garbled, info.warnings
    assert arts[0].confidence == (selfcheck.FIELD_MISREAD if garbled else 1.0), info.warnings


@pytest.mark.parametrize(("left", "aside"), [(110.0, False), (50.0, False), (20.0, True)])
def test_a_kicker_beside_its_headline_is_misread(left: float, aside: bool) -> None:
    """A kicker stands over its centred headline, or flush left over the body (50); a line whose middle is
    beside the headline and that stands off the body's side is a column label or another item."""
    box = (left, 2.0, left + 40.0, 11.0)
    kicker = Block("kicker", [Line("民生故事", bbox=box, size=9.0)], 1, region=1, bbox=box)
    title = Block("title", [Line("依法惩治盗窃", bbox=(100.0, 14.0, 220.0, 34.0), size=20.0)], 1, region=1, bbox=(100.0, 14.0, 220.0, 34.0))
    arts, info = _checked([kicker, title, blk("paragraph", BODY, 40)])
    assert arts[0].kicker == "民生故事"
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: kicker misread (")]
    assert len(found) == aside, info.warnings
    assert arts[0].confidence == (selfcheck.FIELD_MISREAD if aside else 1.0), info.warnings


def test_a_line_on_another_headline_is_that_headlines_kicker() -> None:
    """The last line of one article's body stands on the next article's headline, as close as a kicker."""
    first = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), blk("paragraph", "国际人士看中国成就", 60)]
    second = [Block("title", [Line("守护一方平安", bbox=(50.0, 75.0, 250.0, 95.0), size=20.0)], 1, region=2, bbox=(50.0, 75.0, 250.0, 95.0)),
              blk("paragraph", BODY, 100)]
    page = PageText(1, [ln for b in first + second for ln in b.lines], "text-layer", 300.0, 400.0)
    seg = segment(first + second, Settings())
    found = [(f.article, f.reason) for f in check(seg.articles, seg.sources, first + second, [page]) if f.reason.startswith("headline part")]
    assert found == [("p01-a02", "headline part in another body")]


@pytest.mark.parametrize(
    ("second", "joined"),
    [(("亮点", 10.0, "NotoSansCJKsc-Bold"), True), (("新闻发布会现场。", 9.0, "UKaiCN;fake-bold"), False)],
)
def test_a_caption_joining_lines_of_two_faces(second: tuple[str, float, str], joined: bool) -> None:
    """资料图片 in the caption face, and under it a highlight box's heading in bold sans: two items, one caption."""
    text, size, font = second
    caption = Block("caption", [Line("资料图片", bbox=(50.0, 80.0, 90.0, 89.0), size=9.0, font="UKaiCN"),
                                Line(text, bbox=(50.0, 95.0, 90.0, 95.0 + size), size=size, font=font)], 1, region=1,
                    bbox=(50.0, 80.0, 90.0, 95.0 + size))
    arts, info = _checked([blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), caption],
                          [(50.0, 60.0, 250.0, 79.0)])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: caption joins two faces (")]
    assert bool(found) == joined
    assert arts[0].confidence == (selfcheck.CAPTION_TWO_FACES if joined else 1.0)


@pytest.mark.parametrize(("second", "joined"), [(("亮点", 10.0, "NotoSansCJKsc-Bold"), True), (("通讯员 李明", 11.0, "UKaiCN"), False)])
def test_a_byline_in_blocks_of_two_faces(second: tuple[str, float, str], joined: bool) -> None:
    """A byline centred under the headline, and under it, in a block of its own, the first section's heading in
    bold sans: read into the byline. A second name line in the byline's face is the byline's."""
    text, size, font = second
    def line_block(role: str, line: str, top: float, line_size: float, face: str) -> Block:
        box = (100.0, top, 100.0 + line_size * len(line), top + line_size)
        return Block(role, [Line(line, bbox=box, size=line_size, font=face)], 1, region=1, bbox=box)

    blocks = [blk("title", "一户家庭开启智能新生活", 10, size=20), line_block("byline", "本报记者 王崟欣", 34, 11.0, "UKaiCN"),
              line_block("byline", text, 48, size, font), blk("paragraph", BODY, 64)]
    arts, info = _checked(blocks)
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: byline joins two faces (")]
    assert bool(found) == joined, info.warnings
    assert arts[0].confidence == (selfcheck.BYLINE_TWO_FACES if joined else 1.0), info.warnings


def test_text_no_block_took_is_charged_to_the_nearest_article() -> None:
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40)]
    lost = Line("这一行没有被任何文章收录", bbox=(50.0, 70.0, 250.0, 82.0), size=10.0)
    page = PageText(1, [ln for b in blocks for ln in b.lines] + [lost], "text-layer", 300.0, 400.0)
    seg = segment(blocks, Settings())
    findings = check(seg.articles, seg.sources, blocks, [page])
    assert [(f.article, f.reason) for f in findings] == [("p01-a01", "lost text")]


def test_a_source_line_the_layout_split_at_a_gutter_is_not_lost() -> None:
    # The PDF source ran one row across a gutter; the layout gave each half to its own column's block,
    # where each half is set: what the page holds there is taken, whatever the text of the source line.
    left, right = _column(50.0, 100.0, ROWS), _column(160.0, 100.0, ROWS)
    joined = Line(ROWS[1] + ROWS[1], bbox=(50.0, 116.0, 260.0, 126.0), size=10.0)
    blocks = [blk("title", "法官进社区", 60, size=20), left, right]
    page = PageText(1, [ln for b in blocks for ln in b.lines if ln.bbox != left.lines[1].bbox] + [joined], "text-layer", 600.0, 800.0)
    seg = segment(blocks, Settings())
    assert not [f for f in check(seg.articles, seg.sources, blocks, [page]) if f.reason == "lost text"]
    # Half the row taken (the right column's block lost): the line is lost, charged to the article.
    lost = [f for f in check(seg.articles, seg.sources, blocks[:2], [page]) if f.reason == "lost text"]
    assert ("p01-a01", ROWS[1] + ROWS[1][:5]) in {(f.article, f.detail[1:17]) for f in lost}


def test_a_photo_captioned_by_another_article_flags_both() -> None:
    """Two articles side by side; the photo under the right one's headline, its caption given to the left one."""

    def at(role: str, text: str, x0: float, top: float, size: float = 10.0) -> Block:
        box = (x0, top, x0 + 100.0, top + size * 1.2)
        return Block(role, [Line(text, bbox=box, size=size)], 1, region=int(x0), bbox=box)

    blocks = [
        at("title", "依法惩治盗窃犯罪", 0, 10, 20), at("paragraph", BODY, 0, 40), at("caption", "王丹 摄", 0, 135),
        at("title", "守护一方平安", 120, 10, 20), at("paragraph", BODY, 120, 40),
    ]
    page = PageText(1, [ln for b in blocks for ln in b.lines], "text-layer", 300.0, 400.0, figures=[(110.0, 60.0, 220.0, 130.0)])
    seg = segment(blocks, Settings())
    found = {(f.article, f.reason) for f in check(seg.articles, seg.sources, blocks, [page]) if "caption" in f.reason}
    assert found == {("p01-a01", "caption of another article"), ("p01-a02", "caption of another article")}
    page.figures = [(120.0, 60.0, 220.0, 130.0)]
    blocks.pop(2)
    found = {(f.article, f.reason) for f in check(seg.articles, seg.sources, blocks, [page])}
    assert ("p01-a02", "photo without caption") in found


def test_a_photo_beside_a_lower_headline_has_no_second_opinion() -> None:
    """A wide headline on top; under it, centred over the right-hand columns, another article's headline, and
    in the left column a photo captioned by that second article: under which headline the photo stands is the
    layout's call, so neither article is flagged for it."""

    def at(role: str, text: str, box: tuple[float, float, float, float], region: int) -> Block:
        return Block(role, [Line(text, bbox=box, size=box[3] - box[1])], 1, region=region, bbox=box)

    blocks = [
        at("title", "依法惩治盗窃犯罪", (0.0, 10.0, 300.0, 30.0), 1), at("paragraph", BODY, (0.0, 40.0, 300.0, 52.0), 1),
        at("title", "守护一方平安", (150.0, 150.0, 300.0, 170.0), 2), at("paragraph", BODY, (150.0, 180.0, 300.0, 192.0), 2),
        at("caption", "王丹 摄", (0.0, 252.0, 100.0, 262.0), 2),
    ]
    page = PageText(1, [ln for b in blocks for ln in b.lines], "text-layer", 300.0, 400.0, figures=[(0.0, 180.0, 100.0, 250.0)])
    seg = segment(blocks, Settings())
    assert [a.title for a in seg.articles] == ["依法惩治盗窃犯罪", "守护一方平安"]
    assert not [f for f in check(seg.articles, seg.sources, blocks, [page]) if "caption" in f.reason]


def _column_lines(lefts: list[float], width: float = 100.0) -> list[Line]:
    return [Line("法院在审理中查明被告人多次", bbox=(x, 40.0 + 12 * i, x + width, 50.0 + 12 * i), size=10.0) for i, x in enumerate(lefts)]


@pytest.mark.parametrize(
    ("lefts", "width", "reason"),
    [
        ([0.0] * 6 + [110.0] * 6, 100.0, None),  # down one column, then the next
        ([0.0, 110.0] * 6, 100.0, "text out of order"),  # lines of two columns alternate
    ],
)
def test_lines_out_of_reading_order_are_found(lefts: list[float], width: float, reason: str | None) -> None:
    body = Block("paragraph", _column_lines(lefts, width), 1, bbox=(0.0, 40.0, 210.0, 190.0))
    neighbour = Block("paragraph", _column_lines([300.0] * 24), 1, bbox=(300.0, 40.0, 400.0, 330.0))
    title = blk("title", "依法惩治盗窃犯罪", 10, size=20)
    page = PageText(1, title.lines + body.lines + neighbour.lines, "text-layer", 500.0, 400.0)
    seg = segment([title, body], Settings())
    reasons = {f.reason for f in check(seg.articles, seg.sources, [title, body, neighbour], [page])}
    assert reasons & {"text out of order"} == ({reason} if reason else set())


@pytest.mark.parametrize(
    ("lefts", "across"),
    [
        ([0.0] * 6 + [110.0] * 6, False),  # down one column, then the next
        ([0.0] * 5 + [110.0, 0.0] + [110.0] * 5, True),  # the next column's first line read in the row before this one's last
    ],
)
def test_a_body_read_row_by_row_across_two_columns(lefts: list[float], across: bool) -> None:
    """Reading steps back left to a column only at a lower stack's top, never to the next row."""
    body = Block("paragraph", _column_lines(lefts), 1, bbox=(0.0, 40.0, 210.0, 190.0))
    neighbour = Block("paragraph", _column_lines([300.0] * 24), 1, bbox=(300.0, 40.0, 400.0, 330.0))
    title = blk("title", "依法惩治盗窃犯罪", 10, size=20)
    page = PageText(1, title.lines + body.lines + neighbour.lines, "text-layer", 500.0, 400.0)
    seg = segment([title, body], Settings())
    found = [f for f in check(seg.articles, seg.sources, [title, body, neighbour], [page]) if f.reason == "read across rows"]
    assert len(found) == across and all(f.confidence == selfcheck.READ_ACROSS_ROWS for f in found)


def test_a_name_set_flush_right_then_the_next_column_is_no_row_by_row_read() -> None:
    """A short line standing apart at a column's right (a name, a label) is followed by the left column's next row
    in right articles; only a full line's step back left is two columns read row by row."""
    lines = _column_lines([0.0] * 5)
    name = Line("拉古什", bbox=(170.0, 100.0, 200.0, 110.0), size=10.0)
    lines = lines[:4] + [name] + [Line(lines[4].text, bbox=(0.0, 112.0, 100.0, 122.0), size=10.0)]
    body = Block("paragraph", lines, 1, bbox=(0.0, 40.0, 210.0, 122.0))
    neighbour = Block("paragraph", _column_lines([300.0] * 24), 1, bbox=(300.0, 40.0, 400.0, 330.0))
    title = blk("title", "依法惩治盗窃犯罪", 10, size=20)
    page = PageText(1, title.lines + body.lines + neighbour.lines, "text-layer", 500.0, 400.0)
    seg = segment([title, body], Settings())
    assert not [f for f in check(seg.articles, seg.sources, [title, body, neighbour], [page]) if f.reason == "read across rows"]


@pytest.mark.parametrize(("gap", "parted"), [(0.0, True), (32.0, False)])
def test_a_body_whose_column_runs_on_into_another_article(gap: float, parted: bool) -> None:
    """Another article's text a line under the body's last line, in its column, is one run of text parted in two;
    under white space of two lines and more it is a text of its own."""
    article = [blk("title", "依法惩治盗窃犯罪", 60, size=20), _column(50.0, 100.0, ROWS)]
    run_on = _column(50.0, 100.0 + 16 * len(ROWS) + gap, ROWS, indent=False)
    arts, info = _page_of(article, [run_on, *NEIGHBOURS])
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: body parted from its column (")]
    assert len(found) == parted, info.warnings
    assert arts[0].confidence == (selfcheck.ABUTS_OTHER_BODY if parted else 1.0), info.warnings


@pytest.mark.parametrize(("under_heading", "stray"), [(True, False), (False, True)])
def test_a_byline_in_the_body_is_stray_unless_it_heads_a_section(under_heading: bool, stray: bool) -> None:
    """A long feature prints a byline under each section's heading; a byline elsewhere in the body is the
    article's own, left in its text."""
    section = [blk("heading", "战略科技持续壮大", 60, size=12)] if under_heading else []
    blocks = [blk("title", "依法惩治盗窃犯罪", 10, size=20), blk("paragraph", BODY, 40), *section,
              blk("paragraph", "本报记者 刘诗瑶", 76), blk("paragraph", BODY, 90)]
    arts, info = _checked(blocks)
    found = [w for w in info.warnings if w.startswith(f"{arts[0].id}: item in body (")]
    assert len(found) == stray, info.warnings


def test_seeds_come_out_unflagged(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    docs = [process(p) for p in seeds]
    assert sum(len(d.articles) for d in docs) >= 10
    assert [a.id for d in docs for a in d.articles if is_flagged(a.confidence)] == []


def test_flag_score_counts_wrong_and_flagged_articles() -> None:
    gold = {"articles": [{"title": "甲", "blocks": [{"type": "paragraph", "text": BODY}]}]}
    right = {"title": "甲", "blocks": [{"type": "paragraph", "text": BODY}], "confidence": 1.0}
    stray = {"title": "乙", "blocks": [{"type": "paragraph", "text": "另一篇完全不同的文字内容。"}], "confidence": 0.5}
    score = score_flags(gold, {"articles": [right, stray], "pages": []})
    assert (score.wrong, score.wrong_flagged, score.flagged, score.flagged_wrong) == (1, 1, 1, 1)
    wrong_title = dict(right, title="丙")
    score = score_flags(gold, {"articles": [wrong_title], "pages": []})
    assert (score.wrong, score.wrong_flagged, score.reasons) == (1, 0, {"title": 1})


def test_eval_reports_flagging(tmp_path: Path) -> None:
    gold = {"articles": [{"title": "甲", "blocks": [{"type": "paragraph", "text": BODY}]}]}
    pred = {"articles": [{"title": "丙", "blocks": [{"type": "paragraph", "text": BODY}], "confidence": 0.1}], "pages": []}
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    report, table = eval_main(tmp_path / "gold.json", tmp_path / "manifest.json")
    assert report["flags"]["flag_recall"] == 1.0 and report["flags"]["flag_precision"] == 1.0
    assert "1/1 wrong articles flagged" in table


# 人民日报's 99 articles have the right titles (its table of contents); 14 are pages holding only 广告
# or an editor list, which the self-check rightly calls headlines with no body or titles that read as page
# furniture; 3 photo pages keep their 新华社记者 … 摄 line in the body, an advertisement's body is a line,
# and a poem ends without a stop and fills little of its rectangle. More is false alarm.
RMRB_FLAGGED_AT_MOST = 19


def test_rmrb_is_not_flagged_en_masse(shared_dir: Path) -> None:
    doc = process(shared_dir / "realworld/rmrb/rmrb_20251020.pdf")
    assert len(doc.articles) == 99
    assert sum(is_flagged(a.confidence) for a in doc.articles) <= RMRB_FLAGGED_AT_MOST


def test_assemble_writes_confidence_and_warnings_into_the_manifest() -> None:
    """A page of text with no headline: one untitled article, flagged in the manifest."""
    doc = assemble(Path("page.txt"), [PageText(1, [Line(BODY)])], Settings(), "0")
    manifest = json.loads(json.dumps(doc.to_manifest()))
    art = manifest["articles"][0]
    assert art["confidence"] == selfcheck.UNTITLED
    assert manifest["pages"][0]["warnings"] == [f"{art['id']}: untitled (text with no headline over it)"]


@pytest.mark.parametrize(
    ("text", "credit", "dateline", "odd"),
    [
        ("李志伟 摄本报华盛顿10月19", True, False, False),
        ("袁泉摄本报北京10月19日电", False, True, False),
        ("新闻发布会现场。 陈思远 摄", True, False, False),
        ("他去拍摄现场，收集证据。", False, False, False),
        ("“扎实推进山水林田湖草沙一体化保护和系统治理", False, False, True),
        ("《让科普“追”上科创》", False, False, False),
    ],
)
def test_recognisers_the_checks_use(text: str, credit: bool, dateline: bool, odd: bool) -> None:
    assert (find_credit(text) is not None, has_dateline(text), unbalanced(text)) == (credit, dateline, odd)
