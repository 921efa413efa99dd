"""The second page source: broadsheet pages typeset by Typst, in a house style.

bench.compose places every glyph itself, so its pages share courtdoc's own idea
of line breaking, justification and character geometry. Here Python only
decides what goes on the page (articles, column splits, photos, furniture, the
house style's conventions) and writes Typst markup; Typst breaks the lines
(Chinese kinsoku, CJK/Latin spacing, justification), sets the columns and embeds
the fonts, so the text layer's geometry is a real engine's.

Where things ended up is read back from Typst itself: the markup drops
`metadata` marks (`<pos>`) at the corners of every headline, photo and body, and
`typst.query` returns their positions. Those give `layout.json` (the column
boxes each body flows through) for bench.verify, which checks that the PDF
prints exactly the gold.

Fitting: an article's text is cut at a sentence end to a share of its estimated
room; the body box is as tall as Typst measures the text to need over its
columns. The page is then set again while articles grow until each band reaches
its share of the page; a pass that overshoots (a second page) falls back to the
last page that fitted. A first plan that does not fit at all loses 15 % of every
article per pass, and after three such passes its last band.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import random
import re
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from bench.compose import CONTACTS, EDITORS, PAPERS, PUBLISHERS, WEEKDAYS, Photo, byline_names, pick_article, sentence_cut, split_columns
from bench.corpus import CorpusArticle
from bench.styles import CREDIT, HouseStyle, byline_in_dateline, dateline_as_printed, photo_captions, subtitle_as_printed

FONT_PATHS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/arphic"]
PAGE_SIZES = [(842.0, 1191.0), (842.0, 1191.0), (864.0, 1224.0)]
MARGIN_TOP = 28.0
MARGIN_X = 36.0
MARGIN_BOTTOM = 30.0
# Room kept for the head and foot when estimating how much text a band holds.
HEAD_ROOM = {"band": 120.0, "running": 60.0}
FOOT_ROOM = 40.0
NOTE_ROOM = 90.0  # a pull quote or notice box
SEPARATOR_ROOM = 24.0  # rules and space between two bands
HEADLINE_ROOM = {False: 70.0, True: 120.0}  # a headline block; a narrow article's wraps over 3-4 lines
PICK_SPARE = 1.6  # articles picked with this much more text than the first estimate, to grow into
CAPTION_LINE = 13.0  # a 9 pt Kai caption line with its leading; a long caption may take two
FLOAT_CLEARANCE = 8.0  # between a floated photo's caption and the text under it
GROUP_GAP = 6.0  # between the two photos of a group
COLUMN_RULE = 0.4  # stroke of a rule between an article's columns: thinner than the 0.5 pt rules between articles
# Typesetting passes: up to FILL_TRIES that lengthen articles to fill their bands, the
# rest to undo an overflow. Articles start short (a share of the estimated room) because
# growing converges in a few passes and shrinking everything overshoots.
FILL_TRIES = 5
FIT_TRIES = 16
START_FILL = 0.6
# A photo no taller than this share of its band's height leaves room for its article's text.
PHOTO_BAND_SHARE = 0.4
SHRINK = 0.85
DROP_BAND_AFTER = 3  # consecutive overflows before the last band is dropped
# Kept free above the foot so that the last fill pass does not push the page over.
FILL_RESERVE = 24.0
# A fill step that overshot is halved until it is smaller than this: a line or two of a column.
MIN_FILL_STEP = 0.05
# An L-shaped article leaves the next band all columns but one: at least this many, so the band
# still holds two articles side by side.
MIN_COLS_BESIDE_L = 3
MIN_L_LINES = 3  # an L-shaped article's columns in its own band hold at least this many lines
JUMP_GAP = 8.0  # between a jumped-over photo (with its captions) and the text above and below it
MIN_JUMP_PHOTO = 40.0  # a jumped-over photo is never flatter than this, however short its text
# Lines added to a jumped body's first estimate (rounded down, so short by under a line a column,
# and a box's last line may end early where its text is moved back from a kinsoku break).
JUMP_FIT_TRIES = 6
# A 栏目 logo beside the headline: its characters stacked this many to a line (more for a long label);
# a label longer than LABEL_BESIDE_MAX would stand taller than a headline, so it is not printed.
LABEL_BESIDE_PER_LINE = {6: 2, 9: 3, 16: 4}
LABEL_BESIDE_MAX = 16
LABEL_GAP = 8.0  # between a 栏目 logo and the headline beside it
SHADE = "luma(90%)"  # the tinted ground of a shaded item and of a 栏目 logo: light enough for black text
BOX_INSET = 6.0  # a framed or shaded item's text stands this far inside its edge
# Captions set over a picture's foot: white on this ground, dark enough for white Kai to read in a scan;
# the picture is at least CAPTION_OVER_CLEAR taller than the band, so some of it shows above the captions.
CAPTION_BAND = "luma(20%)"
CAPTION_OVER_CLEAR = 30.0
HEADING_BAR = "black"  # the bar a heading is set on, in white ("bar" headings)
# Rules over and under a headline block (`headline_rules`): the one over heavier.
HEADLINE_RULES = (1.5, 0.5)
# An editor's note (`editor_note_rate`): its label, the rules over and under it, and what it may say.
EDITOR_NOTE_LABEL = "编者按："
EDITOR_NOTE_RULE = 0.5
EDITOR_NOTES = [
    "为深入学习贯彻习近平法治思想，展示全省政法队伍践行司法为民宗旨的生动实践，本报今起开设专栏，集中报道各地的经验做法，敬请关注。",
    "矛盾纠纷化解在基层、解决在萌芽，是新时代“枫桥经验”的精髓。近年来，各地法院主动融入基层社会治理，把非诉讼纠纷解决机制挺在前面。本版今日刊发一组报道，展示其中的探索与成效。",
    "营商环境是发展的生命线，法治是最好的营商环境。本报记者近日深入基层法院、检察院，记录政法机关依法平等保护各类市场主体、服务高质量发展的点滴变化，今起陆续刊发，以飨读者。",
    "未成年人是国家的未来、民族的希望。如何用法治护航未成年人健康成长，是社会各界共同关心的话题。本期我们走进基层法庭，听法官讲述他们办理涉未成年人案件的故事。",
    "执行难，难在哪里？怎样让胜诉当事人的合法权益及时兑现？本报今日起推出系列报道，聚焦各地法院破解执行难题的新招实招，敬请读者关注。",
    "平安是老百姓解决温饱后的第一需求。今年以来，全省政法机关扎实开展平安建设，群众安全感和满意度持续提升。本版特刊发此文，以期为各地提供借鉴。",
]
# A byline naming its writer's role (`本报记者 张三`, `通讯员 李四`): one a paper may print in brackets at the
# article's end; a bare name there (`（张丽）`) reads as an attribution, so such bylines stay under the headline.
ROLE_BYLINE = re.compile(r"记者|記者|通讯员|通訊員|实习生|實習生")
BYLINE_MARK = "□"  # before each line of a byline set at the head of the body
# Where a byline set line by line breaks: before each role (`本报记者`, `通讯员`, …) after the first.
BYLINE_ROLE = re.compile(r"\s+(?=(?:本报|本報)?(?:特约|特約)?(?:通讯员|通訊員|记者|記者|实习生|實習生))")
# A sentence an article repeats large as a pull quote inside its body: long enough to read as a
# statement, short enough for three lines of one column; it starts a sentence and holds no quotation marks.
BODY_QUOTE = re.compile(r"(?:^|(?<=[。！？]))[^。！？；“”「」‘’『』（）]{14,36}[。！？]")
BODY_QUOTE_SCALE = 1.35  # its size over the body's
# A deck: the lead paragraph in Kai this much larger than the body, in a frame of this stroke, its text this far inside.
DECK_GROW = 0.5
DECK_FRAME = 0.6
DECK_INSET = 5.0
HEADLINE_RULE = 0.8  # stroke of the rule under a title: heavier than the 0.5-0.6 pt rules between articles
# Series an article may be an instalment of (`“…”系列报道之三`, its 引题), and how far a series has run.
SERIES = ["优化法治化营商环境", "新时代枫桥经验", "司法为民在基层", "守护未成年人", "检察护企在行动"]
SERIES_PARTS = "二三四五六七八"
NOTICES = [
    ("诉讼服务热线", "12368"),
    ("本报投稿邮箱", "fyzk2024@163.com"),
    ("执行举报电话", "(0471) 4687539"),
]
NOTICE_TEXT = [
    "欢迎广大读者投稿，来稿请注明作者单位及联系方式。",
    "人民法院诉讼服务热线提供查询、咨询、预约、投诉等服务。",
    "本刊长期征集法治故事、典型案例和司法为民新闻线索。",
]


def lit(text: str) -> str:
    """A Typst string literal: markup rules (smart quotes, `--`, `*`) never touch it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


# Closing punctuation, never at the start of a line (Typst's own line breaking knows; these lines are cut by hand).
NO_START = "，。、；：？！”’）》」』…—·"
PRELUDE = r"""
// Marks where things end up; `imark` inside a line of text, `mark` as a block of its own
// (a lone inline mark would hang on whatever paragraph Typst attaches it to).
#let imark(id, kind) = context [#metadata((id: id, kind: kind, x: here().position().x.pt(), y: here().position().y.pt(), page: here().page())) <pos>]
#let mark(id, kind) = block(height: 0pt, spacing: 0pt, imark(id, kind))
// Fake bold as exporters write it: the same text drawn twice, the copy shifted.
#let fb(dx, dy, body) = block(width: 100%, spacing: 0pt, { set par(first-line-indent: 0pt, justify: false); place(top + left, dx: dx, dy: dy, block(width: 100%, body)); body })
#let bold-or-fake(fake, dx, dy, body) = if fake { fb(dx, dy, body) } else { block(width: 100%, spacing: 0pt, body) }
#let nopar(body) = { set par(first-line-indent: 0pt, justify: false); body }
// A body is a list of items: paragraphs (kind "p": lead, text, tail, indent) and blocks set whole (kind "b").
#let show-p(it, cut: none) = {
  let t = if cut == none { it.text } else { it.text.clusters().slice(0, cut).join() }
  let end = if cut == none { it.tail } else { linebreak(justify: true) }
  par(first-line-indent: if it.indent { (amount: 2em, all: true) } else { 0pt }, it.lead + t + end)
}
#let show-item(it) = if it.kind == "p" { show-p(it) } else { it.body }
// Linked text frames, which Typst lacks: the items are set box after box (all `w` wide, of the given
// heights); a paragraph a box cannot hold whole is cut after the longest prefix that fits, so the
// box's last line is a full justified line, moved back so that no line starts with closing
// punctuation, ends with an opening one, or splits a number or Latin word. The last box takes
// whatever is left (a body that runs past it is seen by its end mark and given more room).
#let NO-START = "@NO_START@"
#let NO-END = "“‘（《「『"
#let glued(a, b) = a.match(regex("[0-9A-Za-z.%]")) != none and b.match(regex("[0-9A-Za-z.%]")) != none
#let flow-fill(items, heights, w) = {
  let fits(c, h) = measure(block(width: w, c)).height <= h + 0.5pt
  let out = ()
  let rest = items
  for (bi, h) in heights.enumerate() {
    let acc = []
    while rest.len() > 0 {
      let it = rest.first()
      if bi == heights.len() - 1 or fits(acc + show-item(it), h) {
        acc = acc + show-item(it)
        rest = rest.slice(1)
        continue
      }
      if it.kind == "p" {
        let cl = it.text.clusters()
        let (lo, hi) = (0, cl.len())
        while hi - lo > 1 {
          let mid = calc.quo(lo + hi, 2)
          if fits(acc + show-p(it, cut: mid), h) { lo = mid } else { hi = mid }
        }
        while lo > 0 and (NO-START.contains(cl.at(lo)) or NO-END.contains(cl.at(lo - 1)) or glued(cl.at(lo - 1), cl.at(lo))) { lo -= 1 }
        if lo > 0 {
          acc = acc + show-p(it, cut: lo)
          rest.at(0) = (..it, lead: [], text: cl.slice(lo).join(), indent: false)
        }
      }
      break
    }
    out.push(acc)
  }
  out
}
// Boxes at (x, y) of a body `ch` high, each filled with its share of the items.
#let boxes-at(id, boxes, filled, w) = {
  [#metadata((id: id, kind: "boxes", boxes: boxes.map(b => (b.x.pt(), b.y.pt(), b.h.pt())))) <pos>]
  for (b, c) in boxes.zip(filled) { place(top + left, dx: b.x, dy: b.y, block(width: w, height: b.h, c)) }
}
""".replace("@NO_START@", NO_START)


@dataclass(slots=True)
class Slot:
    """One article's place on the page: its columns in a band."""

    id: str
    cols: int
    width: float
    capacity: int  # body characters it should hold
    band_h: float  # the height its band aims at
    narrow: bool = False


@dataclass(slots=True)
class Piece:
    """What one article prints, as decided before typesetting."""

    id: str
    art: CorpusArticle
    cols: int
    width: float
    blocks: list[tuple[str, str]]
    kicker: str | None
    subtitle: str | None
    byline: str | None
    byline_in_body: bool
    dateline: str | None
    attribution: str | None
    captions: list[str]
    caption_lines: list[str]  # as printed: a credit on the caption's line is one line
    photo_cols: int
    label: str | None
    framed: bool
    title_size: float
    title_lines: list[str]
    fake_caption: bool
    capacity: int  # body characters aimed at; grown or shrunk until the band is full
    photo_seed: int = 0
    photo_ratio: float = 0.6  # height over width
    photo_left: bool = True  # a photo narrower than the article stands left (else right)
    photo_inside: bool = False  # floated into the text (one column), else between headline and body
    photo_max_h: float = 200.0  # a photo takes at most this share of its band (PHOTO_BAND_SHARE)
    # "plain": a rectangle; "jump": a photo across all columns but one, halfway down, the text
    # jumping over it; "l": the body runs on down the page's last column through the next band.
    shape: str = "plain"
    photo_at: float = 0.4  # a jumped-over photo's top, as a share of the body's height
    l_height: float = 0.0  # an L-shaped article's columns in its own band, as tall as its neighbours'
    shaded: bool = False  # set on a tinted ground (like a frame, it keeps its text BOX_INSET inside)
    body_quote: bool = False  # repeats a sentence large inside its body (see `body_quote`)
    jump_to: int = 0  # the page it continues on (`（下转第N版）` under its text); 0: it ends here
    continued_from: int = 0  # the page it began on (`（上接第N版）` over its text); 0: it begins here
    byline_end: bool = False  # its byline printed in brackets after the last paragraph, not under the headline
    end_mark: bool = False  # its last paragraph closed by the style's end mark (furniture)
    commentary: bool = False  # its body set in the Kai face
    deck: bool = False  # its lead paragraph set as a deck across its columns (see `has_deck`)
    editor_note: str = ""  # an editor's note under its headline (without EDITOR_NOTE_LABEL); "": none

    @property
    def boxed(self) -> bool:
        return self.framed or self.shaded


@dataclass(slots=True)
class PagePlan:
    width: float
    height: float
    ncols: int
    gutter: float
    body_size: float
    bold_dx: float
    bold_copies_dy: float
    line_h: float  # body line pitch
    head: str
    foot: str
    furniture: list[str]
    issue: dict
    notes: list[dict]
    bands: list[list[Piece]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # share of the page height each band aims at
    photo_seeds: dict[str, int] = field(default_factory=dict)
    photo_widths: dict[str, float] = field(default_factory=dict)


# Corner quotes, as papers in traditional characters print quotations.
CORNER_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
# A section heading that already carries a number or a dash of its own (`（一）`, `二、`, `——编 者`).
NUMBERED = re.compile(r"^(?:[（(]?[一二三四五六七八九十0-9０-９]+[）)、.．]|——|[一二三四五六七八九十]是)")
HEADING_NUMBERS = "一二三四五六七八九十"
# A lead-in set in bold: a paragraph's opening sentence of this many characters, with text after it.
LEAD_IN = re.compile(r"^[^。：！？；“”「」]{5,29}[。：]")
MIN_AFTER_LEAD_IN = 10


@functools.lru_cache(maxsize=None)
def _s2hk() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


@functools.lru_cache(maxsize=1 << 16)
def traditional(text: str) -> str:
    """`text` as a Hong Kong paper prints it: traditional characters (OpenCC s2hk), corner quotes."""
    return _s2hk().convert(text).translate(CORNER_QUOTES)


def in_script(style: HouseStyle, text: str) -> str:
    """A printed string in the style's script."""
    return traditional(text) if style.script == "traditional" else text


def house_article(style: HouseStyle, art: CorpusArticle) -> CorpusArticle:
    """The article as the style prints its text: in its script, its section headings numbered where it numbers them."""
    blocks = list(art.blocks)
    headings = [t for k, t in blocks if k == "heading"]
    if style.heading_form in ("numbered", "numbered-centre") and 0 < len(headings) <= len(HEADING_NUMBERS) and not any(NUMBERED.match(t) for t in headings):
        numbers = iter(HEADING_NUMBERS)
        blocks = [(k, f"{next(numbers)}、{t}" if k == "heading" else t) for k, t in blocks]
    if style.script == "simplified":
        return art if blocks == art.blocks else dataclasses.replace(art, blocks=blocks)
    t = traditional

    def opt(text: str | None) -> str | None:
        return t(text) if text else text

    return dataclasses.replace(
        art,
        title=t(art.title),
        blocks=[(k, t(x)) for k, x in blocks],
        kicker=opt(art.kicker),
        subtitle=opt(art.subtitle),
        byline=opt(art.byline),
        dateline=opt(art.dateline),
        attribution=opt(art.attribution),
        captions=[t(c) for c in art.captions],
        label=opt(art.label),
    )


def lead_in(style: HouseStyle, text: str) -> int:
    """How many characters of a paragraph's opening the style sets in bold (0: none).

    Drawn from the paragraph's own text, not the page's random stream, so every
    typesetting pass of a page bolds the same paragraphs."""
    m = LEAD_IN.match(text)
    if not m or len(text) - m.end() < MIN_AFTER_LEAD_IN:
        return 0
    return m.end() if zlib.crc32(text.encode("utf-8")) % 1000 < style.lead_in_rate * 1000 else 0


class BroadsheetComposer:
    def __init__(self, rng: random.Random, style: HouseStyle, corpus: list[CorpusArticle], quotes: list[tuple[str, str | None]]):
        self.rng = rng
        self.st = style
        self.corpus = [house_article(style, a) for a in corpus]
        self.quotes = [(in_script(style, q), in_script(style, s) if s else s) for q, s in quotes]
        self.used: set[int] = set()
        self.photographers = sorted({n for a in corpus for n in byline_names(a.byline)})
        self.page_no = 1

    # ---------------------------------------------------------------- plan

    def plan(self, page_no: int) -> PagePlan:
        rng, st = self.rng, self.st
        self.page_no = page_no
        width, height = rng.choice(PAGE_SIZES)
        plan = PagePlan(
            width=width,
            height=height,
            ncols=rng.choice(st.ncols),
            gutter=round(rng.uniform(*st.gutter), 1),
            body_size=rng.choice(st.body_size),
            bold_dx=round(rng.uniform(0.3, 1.2), 2),
            bold_copies_dy=round(rng.uniform(0.0, 0.5), 2),
            line_h=0.0,
            head="",
            foot="",
            furniture=[],
            issue={},
            notes=[],
        )
        self._head(plan, page_no)
        self._foot(plan)
        body_w = width - 2 * MARGIN_X
        colw = (body_w - (plan.ncols - 1) * plan.gutter) / plan.ncols
        avail = height - MARGIN_TOP - MARGIN_BOTTOM - HEAD_ROOM[st.masthead] - FOOT_ROOM - (NOTE_ROOM if plan.notes else 0)
        nb = rng.choice([2, 3, 3])
        weights = [rng.uniform(0.75, 1.25) for _ in range(nb)]
        plan.weights = weights
        line_h = plan.line_h = plan.body_size * (1 + st.leading_em)
        per_line = int(colw // plan.body_size)
        n = 0
        band_hs = [avail * w / sum(weights) - SEPARATOR_ROOM for w in weights]
        extended = False  # the band above has an L-shaped article in the last column
        for b, band_h in enumerate(band_hs):
            band = []
            parts = split_columns(rng, plan.ncols - (1 if extended else 0))
            make_l = b < nb - 1 and len(parts) >= 2 and parts[-1] >= 2 and plan.ncols - 1 >= MIN_COLS_BESIDE_L and rng.random() < st.l_rate
            for i, cols in enumerate(parts):
                n += 1
                narrow = cols == 1 and rng.random() < st.narrow_rate
                lines = max(4, int((band_h - HEADLINE_ROOM[narrow]) / line_h))
                shape = "l" if make_l and i == len(parts) - 1 else "plain"
                capacity = int(lines * cols * per_line * START_FILL)
                if shape == "l":
                    capacity += int(band_hs[b + 1] / line_h * per_line * START_FILL)
                slot = Slot(f"p01-a{n:02d}", cols, colw * cols + plan.gutter * (cols - 1), capacity, band_h, narrow)
                # One photo a band at most: a page is mostly text.
                piece = self._piece(plan, slot, line_h, per_line, photo_ok=not any(p.photo_cols for p in band), shape=shape)
                piece.l_height = max(MIN_L_LINES, int(lines * START_FILL)) * line_h
                band.append(piece)
            plan.bands.append(band)
            extended = make_l
        return plan

    def _piece(self, plan: PagePlan, slot: Slot, line_h: float, per_line: int, *, photo_ok: bool, shape: str) -> Piece:
        rng, st = self.rng, self.st
        # Articles with text to spare, so that the fill passes can lengthen them.
        art = pick_article(rng, self.corpus, self.used, int(slot.capacity * PICK_SPARE))
        continued_from = 0
        rest = continuation(art) if st.continued_rate and self.page_no > 1 else None
        if rest and rng.random() < st.continued_rate:
            art, continued_from = rest, rng.randint(1, self.page_no - 1)
        label, kicker = art.label, art.kicker
        if not label and kicker and len(kicker) <= 10 and rng.random() < st.label_rate:
            label, kicker = kicker, None
        if label and rng.random() > st.label_rate + 0.3:
            label = None
        if kicker and rng.random() > st.kicker_rate + 0.3:
            kicker = None
        if st.label_beside and label and len(label) > LABEL_BESIDE_MAX:
            label = None
        if st.series_rate and not continued_from and rng.random() < st.series_rate:
            kicker = in_script(st, f"“{rng.choice(SERIES)}”系列报道之{rng.choice(SERIES_PARTS)}")
        subtitle = subtitle_as_printed(st, art.subtitle)
        dateline, byline = art.dateline, art.byline
        byline_in_body = byline_in_dateline(st, dateline, byline)
        # A photo, with the corpus captions or a photographer's credit.
        captions: list[str] = []
        caption_lines: list[str] = []
        photo_cols = 0
        if shape == "plain" and photo_ok and slot.cols >= 3 and rng.random() < st.jump_rate:
            shape = "jump"
        place = "jump" if shape == "jump" else ("inside" if st.photo_place == "inside" else "between")
        # An L-shaped article's text runs through two bands; a photo inside it would float in either.
        photo_ok = photo_ok and not (shape == "l" and place == "inside")
        if shape == "jump" or (photo_ok and slot.cols >= (1 if place == "inside" else 2) and rng.random() < st.photo_rate):
            caption_lines = [in_script(st, c) for c in photo_captions(rng, st, list(art.captions), byline_names(byline) or self.photographers)]
            captions = list(caption_lines)
            if place == "jump":
                photo_cols = rng.randint(2, slot.cols - 1)
            else:
                photo_cols = 1 if place == "inside" else min(slot.cols, rng.choice([2, 2, 3]))
                if st.caption_beside and place == "between":
                    photo_cols = min(photo_cols, slot.cols - 1)  # the last column holds the captions
        # Headline: size by width; a narrow article wraps its title over 3-4 lines.
        if slot.narrow:
            size = round(rng.uniform(17, 21), 1)
        else:
            size = {1: rng.uniform(15, 18), 2: rng.uniform(18, 23)}.get(slot.cols, rng.uniform(23, 30))
            while len(art.title) * size > slot.width * 1.9 and size > 14:
                size -= 1
        size = round(size, 1)
        title_lines = [art.title]
        if " " in art.title and len(art.title) * size > slot.width * 0.95:
            title_lines = art.title.split(" ", 1)
        # Body: cut at a sentence end to the capacity left after the photo.
        capacity = slot.capacity
        if photo_cols:
            photo_h = min(slot.width * photo_cols / slot.cols * 0.65, slot.band_h * PHOTO_BAND_SHARE) + 14 * len(caption_lines)
            capacity -= int(photo_h / line_h * per_line * photo_cols)
        blocks = fit_blocks(list(art.blocks), max(60, capacity))
        attribution = art.attribution
        framed = st.separator == "frame" and slot.cols <= 2 and rng.random() < st.frame_rate
        framed = framed or (st.separator != "frame" and slot.cols <= 2 and rng.random() < st.frame_rate * 0.5)
        framed = framed and shape != "l"  # a frame round an L would take in the neighbour under it
        # Drawn only where the style uses them, so other styles' pages keep their random stream.
        shaded = bool(st.shade_rate) and not framed and shape != "l" and slot.cols <= 2 and rng.random() < st.shade_rate
        body_quote = bool(st.body_quote_rate) and rng.random() < st.body_quote_rate
        jump_to = self.page_no + rng.randint(1, 7) if st.jump_line_rate and rng.random() < st.jump_line_rate else 0
        if jump_to:
            attribution = None  # it signs off where the article ends, on the other page
        byline_end = bool(st.byline_end_rate) and bool(byline and ROLE_BYLINE.search(byline)) and not byline_in_body and not jump_to and rng.random() < st.byline_end_rate
        if byline_end:
            attribution = None  # the byline closes the article
        commentary = bool(st.commentary_rate) and shape == "plain" and not photo_cols and rng.random() < st.commentary_rate
        # A photo floated into the text hangs on the lead paragraph, so an article with one keeps its lead in the columns.
        # A byline set at the head of the body stands over the lead paragraph, so an article with one sets no deck.
        lines_at_head = st.byline_lines and bool(byline) and not byline_in_body
        deck = bool(st.deck_rate) and shape == "plain" and slot.cols >= 2 and not (photo_cols and place == "inside") and not lines_at_head and rng.random() < st.deck_rate
        # Drawn only where the style prints editor's notes, so other styles' pages keep their random stream.
        editor_note = ""
        if st.editor_note_rate and shape == "plain" and slot.cols >= 2 and not continued_from and rng.random() < st.editor_note_rate:
            editor_note = in_script(st, rng.choice(EDITOR_NOTES))
        return Piece(
            id=slot.id,
            art=art,
            cols=slot.cols,
            width=slot.width,
            blocks=blocks,
            kicker=kicker,
            subtitle=subtitle,
            byline=byline,
            byline_in_body=byline_in_body,
            dateline=dateline if blocks and blocks[0][0] == "paragraph" else None,
            attribution=attribution,
            captions=captions,
            caption_lines=caption_lines,
            photo_cols=photo_cols,
            label=label,
            framed=framed,
            title_size=size,
            title_lines=title_lines,
            fake_caption=rng.random() < 0.6,
            capacity=max(60, capacity),
            photo_seed=rng.randrange(1 << 30),
            photo_ratio=rng.uniform(0.5, 0.7),
            photo_left=rng.random() < 0.6,
            photo_inside=bool(photo_cols) and place == "inside",
            photo_max_h=slot.band_h * PHOTO_BAND_SHARE,
            shape=shape,
            photo_at=rng.uniform(0.3, 0.5),
            shaded=shaded,
            body_quote=body_quote,
            jump_to=jump_to,
            continued_from=continued_from,
            byline_end=byline_end,
            end_mark=bool(st.end_mark) and not byline_end and not jump_to,
            commentary=commentary,
            deck=deck,
            editor_note=editor_note,
        )

    def _head(self, plan: PagePlan, page_no: int) -> None:
        rng, st = self.rng, self.st
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        label = f"{page_no:02d}版" if rng.random() < 0.5 else f"第{page_no}版"
        paper = in_script(st, rng.choice(PAPERS))
        date_cn = f"{day.year}年{day.month}月{day.day}日"
        week = in_script(st, f"星期{WEEKDAYS[day.weekday()]}")
        plan.issue = {"paper": paper, "publisher": None, "date": day.isoformat(), "page_label": label}
        if st.masthead == "band":
            publisher = in_script(st, rng.choice(PUBLISHERS))
            contact = in_script(st, rng.choice(CONTACTS))
            right = f"{date_cn} {week} {label}"
            plan.issue["publisher"] = publisher
            plan.furniture += [paper, publisher, contact, right]
            size = rng.choice([40, 44, 48])
            plan.head = (
                "#grid(columns: (1fr, auto), align: (left + top, right + top),\n"
                f"  [#bold-or-fake(true, {plan.bold_dx}pt, 0pt, text(font: HEI, size: {size}pt, weight: \"bold\", {lit(paper)}))"
                f" #v(2pt) #text(font: HEI, size: 12pt, {lit(publisher)})],\n"
                f"  [#text(size: 9pt, {lit(contact)}) \\ #text(font: HEI, size: 12pt, {lit(right)})])\n"
                "#v(4pt)\n#line(length: 100%, stroke: 2.2pt)\n#v(2.5pt)\n#line(length: 100%, stroke: 0.6pt)\n"
            )
        else:
            left = f"{date_cn} {week}"
            plan.furniture += [left, paper, label]
            plan.head = (
                "#grid(columns: (1fr, 1fr, 1fr), align: (left + bottom, center + bottom, right + bottom),\n"
                f"  text(size: 10.5pt, {lit(left)}), text(font: HEI, size: 15pt, weight: \"bold\", {lit(paper)}), text(font: HEI, size: 14pt, {lit(label)}))\n"
                "#v(3pt)\n#line(length: 100%, stroke: 1.2pt)\n"
            )
        if self.quotes and rng.random() < st.pull_quote_rate:
            text, source = rng.choice(self.quotes)
            src = f"; align(right, text(size: 10.5pt, {lit(source)}))" if source else ""
            plan.head += (
                f"#pad(x: 24pt, block(width: 100%, stroke: 1pt, inset: (x: 18pt, y: 9pt), "
                f"{{set par(first-line-indent: 0pt, justify: true); text(font: KAI, size: 13pt, {lit(text)}){src}}}))\n"
            )
            plan.notes.append({"type": "pull-quote", "text": text, "source": source})

    def _foot(self, plan: PagePlan) -> None:
        rng = self.rng
        text = f"责任编辑：{rng.choice(EDITORS)}"
        if rng.random() < 0.5:
            text += f"　版式设计：{rng.choice(EDITORS)}"
        text = in_script(self.st, text)
        plan.furniture.append(text)
        notice = ""
        if rng.random() < self.st.notice_rate:
            name, value = rng.choice(NOTICES)
            body = in_script(self.st, rng.choice(NOTICE_TEXT))
            line = in_script(self.st, f"{name}：{value}")
            plan.notes.append({"type": "notice", "text": body + line, "source": None})
            notice = (
                f"#align(right, block(width: 220pt, stroke: 0.8pt, inset: 6pt, {{set par(first-line-indent: 0pt); "
                f"text(font: HEI, size: 9.5pt, {lit(body)}) ; linebreak(); text(font: HEI, size: 10pt, weight: \"bold\", {lit(line)})}}))\n"
            )
        plan.foot = notice + f"#v(4pt)\n#line(length: 100%, stroke: 0.6pt)\n#v(3pt)\n#text(size: 9pt, {lit(text)})\n"

    # ---------------------------------------------------------------- markup

    def source(self, plan: PagePlan, slack: dict[str, int]) -> str:
        st = self.st
        out = [
            f"#set page(width: {plan.width}pt, height: {plan.height}pt, margin: (x: {MARGIN_X}pt, top: {MARGIN_TOP}pt, bottom: {MARGIN_BOTTOM}pt))",
            # CJK glyphs fill the em box: measure lines from ascender to descender, not from cap height to baseline.
            f"#set text(font: {lit(st.body_font)}, size: {plan.body_size}pt, lang: \"zh\", region: {lit(st.region)}, top-edge: \"ascender\", bottom-edge: \"descender\")",
            f"#set par(justify: true, leading: {st.leading_em}em, spacing: {st.leading_em}em, first-line-indent: (amount: 2em, all: true))",
            "#set block(spacing: 0pt)",
            f"\n#let HEI = {lit(st.hei_font)}\n#let KAI = {lit(st.kai_font)}" + PRELUDE,
            plan.head,
            "#v(10pt)",
            '#mark("page", "bandstop")',
        ]
        colw = (plan.width - 2 * MARGIN_X - (plan.ncols - 1) * plan.gutter) / plan.ncols
        for b, band in enumerate(plan.bands):
            l_piece = extension_of(plan, b)
            if b:
                # Under an L-shaped article the rules stop short of the last column.
                out.append(self._band_separator(colw + plan.gutter / 2 if l_piece else 0.0))
            # Each gutter is two half columns, so a rule between articles stands in its middle.
            half = plan.gutter / 2
            widths = f", {half}pt, {half}pt, ".join([f"{p.width}pt" for p in band] + ([f"{colw}pt"] if l_piece else []))
            cells = ",\n[], [],\n".join(
                [f"[{self._article(plan, p, slack.get(p.id, 0))}]" for p in band]
                + ([f"[{self._extension(plan, l_piece, colw, slack.get(l_piece.id, 0))}]"] if l_piece else [])
            )
            vlines = ""
            if st.separator in ("rule", "double", "frame"):
                vlines = "".join(f"grid.vline(x: {3 * i - 1}, stroke: 0.5pt),\n" for i in range(1, len(band) + (1 if l_piece else 0)))
            out.append(f"#grid(columns: ({widths},), align: top,\n{vlines}{cells})")
        out.append('#mark("page", "bandsend")')
        out.append("#v(1fr)")
        out.append('#mark("page", "foottop")')
        out.append(plan.foot)
        out.append('#mark("page", "pageend")')
        return "\n".join(out) + "\n"

    def _band_separator(self, short: float) -> str:
        """Rules (or space) between two bands, `short` points shy of the right edge."""
        sep = self.st.separator
        length = f"100% - {short}pt"
        if sep == "double":
            return f"#v(7pt)\n#line(length: {length}, stroke: 1.2pt)\n#v(2pt)\n#line(length: {length}, stroke: 0.5pt)\n#v(9pt)"
        if sep == "space":
            return "#v(22pt)"
        return f"#v(7pt)\n#line(length: {length}, stroke: 0.6pt)\n#v(9pt)"

    def _article(self, plan: PagePlan, p: Piece, slack: int) -> str:
        st = self.st
        g = plan.gutter
        bs = plan.body_size
        inner = p.width - (2 * BOX_INSET if p.boxed else 0)
        colw = (inner - (p.cols - 1) * g) / p.cols
        align = st.headline_align
        parts = [f"mark({lit(p.id)}, \"start\")"]
        beside = bool(p.label) and st.label_beside
        if p.label and not beside:
            parts.append(
                f"box(fill: black, inset: (x: 6pt, y: 4pt), text(font: HEI, size: 11pt, fill: white, {lit(p.label)}))\nv(6pt)"
            )
        head_from = len(parts)
        parts.append(f"mark({lit(p.id)}, \"headtop\")")
        if st.headline_rules:
            parts.append(f"line(length: 100%, stroke: {HEADLINE_RULES[0]}pt)\nv(5pt)")
        if p.kicker:
            parts.append(f"align({align}, text(font: HEI, size: {max(10.5, round(p.title_size * 0.55, 1))}pt, {lit(p.kicker)}))\nv(3pt)")
        weight = "\"regular\"" if st.fake_bold else "\"bold\""
        gap = f"h({st.phrase_gap_em}em)"
        for t in p.title_lines:
            if " " in t:  # a two-phrase headline: the wide space is printed as a gap
                a, rest = t.split(" ", 1)
                content = f"text(font: HEI, size: {p.title_size}pt, weight: {weight}, {lit(a)}) + {gap} + text(font: HEI, size: {p.title_size}pt, weight: {weight}, {lit(rest)})"
            else:
                content = f"text(font: HEI, size: {p.title_size}pt, weight: {weight}, {lit(t)})"
            parts.append(f"bold-or-fake({str(st.fake_bold).lower()}, {plan.bold_dx}pt, {plan.bold_copies_dy}pt, nopar(align({align}, par(leading: 0.3em, {content}))))\nv(3pt)")
        if st.headline_rule:
            parts.append(f"line(length: 100%, stroke: {HEADLINE_RULE}pt)\nv(4pt)")
        if p.subtitle:
            sub_align = "right" if p.subtitle.startswith("——") and align == "center" else align
            parts.append(f"nopar(align({sub_align}, text(font: HEI, size: {max(10.5, round(p.title_size * 0.5, 1))}pt, {lit(p.subtitle)})))\nv(3pt)")
        if st.headline_rules:
            parts.append(f"v(1pt)\nline(length: 100%, stroke: {HEADLINE_RULES[1]}pt)\nv(4pt)")
        if p.byline and not p.byline_in_body and not st.byline_lines and not p.byline_end:
            parts.append(f"nopar(align({st.byline_align if align == 'center' else 'left'}, text(font: KAI, size: {bs + 1}pt, {lit(p.byline)})))")
        parts.append(f"mark({lit(p.id)}, \"headend\")")
        if beside:
            # The headline block stands right of the logo; its marks (and so its box) start there.
            head = "{\n" + "\n".join(parts[head_from:]) + "\n}"
            parts[head_from:] = [f"grid(columns: (auto, 1fr), column-gutter: {LABEL_GAP}pt, {label_logo(p.label)}, {head})"]
        parts.append("v(6pt)")
        if p.editor_note:
            parts.append(self._editor_note(plan, p))
        if has_deck(p):
            parts.append(self._deck(plan, p))
        if p.photo_cols and not p.photo_inside and p.shape != "jump":
            pw = colw * p.photo_cols + g * (p.photo_cols - 1)
            side = colw + g if st.caption_beside else 0.0
            parts.append(self._photo(plan, p, pw, left=p.photo_left or p.photo_cols + (1 if side else 0) == p.cols, inner=inner, beside=side))
            parts.append("v(6pt)")
        parts.append(self._body_block(plan, p, colw, inner, slack))
        parts.append(f"mark({lit(p.id)}, \"end\")")
        if p.commentary:
            # The body's face: the headline, dateline, headings and captions name their own.
            parts.insert(0, "set text(font: KAI)")
        inside = "{\n" + "\n".join(parts) + "\n}"
        if p.shaded:
            return f"#block(width: 100%, fill: {SHADE}, inset: {BOX_INSET}pt, {inside})"
        if p.framed:
            return f"#block(width: 100%, stroke: 0.8pt, inset: {BOX_INSET}pt, {inside})"
        return f"#block(width: 100%, {inside})"

    def _deck(self, plan: PagePlan, p: Piece) -> str:
        """The lead paragraph, its dateline run in, framed in Kai across the article's columns."""
        lead = dateline_markup(self.st, p.dateline, p.byline if p.byline_in_body else None) if p.dateline else ""
        item = f"(kind: \"p\", lead: [{lead}], text: {lit(p.blocks[0][1])}, tail: [], indent: true)"
        return (
            f"mark({lit(p.id)}, \"decktop\")\n"
            f"block(width: 100%, stroke: {DECK_FRAME}pt, inset: {DECK_INSET}pt, {{ set text(font: KAI, size: {plan.body_size + DECK_GROW}pt); show-p({item}) }})\n"
            f"mark({lit(p.id)}, \"deckend\")\nv(6pt)"
        )

    def _editor_note(self, plan: PagePlan, p: Piece) -> str:
        """The editor's note across the article's columns: its label in bold Hei, its text in Kai, a rule over and under."""
        label = in_script(self.st, EDITOR_NOTE_LABEL)
        rule = f"{EDITOR_NOTE_RULE}pt"
        return (
            f"block(width: 100%, inset: (x: 2pt, y: 5pt), stroke: (top: {rule}, bottom: {rule}), "
            f"{{ set par(first-line-indent: 0pt, justify: true); text(font: HEI, weight: \"bold\", {lit(label)}) + text(font: KAI, {lit(p.editor_note)}) }})\nv(6pt)"
        )

    def _body_block(self, plan: PagePlan, p: Piece, colw: float, inner: float, slack: int) -> str:
        """The body under the headline: `ch` high, its text in columns, boxes or the L's columns."""
        g = plan.gutter
        pid = lit(p.id)
        head = (
            "context {\n"
            f"  let items = ({', '.join(self._items(plan, p, colw))},)\n"
            "  let body = items.map(show-item).join()\n"
            f"  let lh = {plan.body_size * (1 + self.st.leading_em)}pt\n"
            f"  let colw = {colw}pt\n"
            f"  let h = measure(block(width: colw, body)).height\n"
        )
        dims = f"  mark({pid}, \"bodytop\")\n  [#metadata((id: {pid}, kind: \"bodyh\", h: ch.pt(), colw: {colw}, gutter: {g})) <pos>]\n"
        if p.shape == "jump":
            # The photo stands over columns first..first+photo_cols-1, `photo_at` down the body; each
            # of those columns is two boxes, above and below it, read column by column.
            first = 0 if p.photo_left else p.cols - p.photo_cols
            pw = colw * p.photo_cols + g * (p.photo_cols - 1)
            photo = self._photo(plan, p, pw, left=True, inner=pw, height="ih")
            r, k, pc = p.photo_at, p.cols, p.photo_cols
            return head + (
                f"  let photo(ih) = {photo}\n"
                f"  let caps = measure(photo(0pt)).height + {2 * JUMP_GAP}pt\n"
                # The room P = picture + captions a photo takes may not exceed what leaves two lines of
                # text under it: P <= (1 - r) ch - 2 lh with ch = (h + pc P) / k, solved for P.
                f"  let most = ({1 - r:.3f} * h / {k} - 2 * lh) / {1 - (1 - r) * pc / k:.3f}\n"
                f"  let ih = calc.max({MIN_JUMP_PHOTO}pt, calc.min({round(min(pw * p.photo_ratio, p.photo_max_h), 1)}pt, most - caps))\n"
                "  let photo = photo(ih)\n"
                "  let ph = ih + caps\n"
                "  let geometry(ch) = {\n"
                f"    let a = calc.max(2, calc.round(ch * {r:.3f} / lh)) * lh\n"
                # At least two lines under the photo, or the text would not jump.
                "    let ch = calc.max(ch, a + ph + 2 * lh)\n"
                "    let boxes = ()\n"
                f"    for j in range({p.cols}) {{\n"
                f"      let x = j * (colw + {g}pt)\n"
                f"      if j >= {first} and j < {first + p.photo_cols} {{ boxes.push((x: x, y: 0pt, h: a)); boxes.push((x: x, y: a + ph, h: ch - a - ph)) }}\n"
                "      else { boxes.push((x: x, y: 0pt, h: ch)) }\n"
                "    }\n"
                "    (ch, a, boxes)\n"
                "  }\n"
                # The lowest body that holds the text, so the last box (under the photo) is not left empty.
                f"  let ch = calc.floor((h + {pc} * ph) / lh / {k}) * lh\n"
                "  let (ch, a, boxes) = geometry(ch)\n"
                "  let filled = flow-fill(items, boxes.map(b => b.h), colw)\n"
                f"  for _ in range({JUMP_FIT_TRIES}) {{\n"
                "    if measure(block(width: colw, filled.last())).height <= boxes.last().h + 0.5pt { break }\n"
                "    (ch, a, boxes) = geometry(ch + lh)\n"
                "    filled = flow-fill(items, boxes.map(b => b.h), colw)\n"
                "  }\n"
                f"  if {slack} > 0 {{ (ch, a, boxes) = geometry(ch + {slack} * lh); filled = flow-fill(items, boxes.map(b => b.h), colw) }}\n"
                + dims
                + f"  block(height: ch, width: {inner}pt, {{ {self._column_rules(p, colw, g, photo_from=first)}boxes-at({pid}, boxes, filled, colw); "
                f"place(top + left, dx: {first} * (colw + {g}pt), dy: a + {JUMP_GAP}pt, photo) }})\n"
                "}"
            )
        if p.shape == "l":
            # The columns in this band are as tall as the neighbours'; the rest goes on in the next band.
            return head + (
                f"  let ch = {p.l_height}pt\n"
                f"  let boxes = range({p.cols}).map(j => (x: j * (colw + {g}pt), y: 0pt, h: ch))\n"
                + dims
                + f"  block(height: ch, width: {inner}pt, {ruled(self._column_rules(p, colw, g), f'boxes-at({pid}, boxes, flow-fill(items, boxes.map(b => b.h) + (ch,), colw).slice(0, {p.cols}), colw)')})\n"
                "}"
            )
        return head + (
            # A floating photo takes no room in `measure`: its height is added by hand.
            f"  let ch = (calc.ceil((h + {self._float_height(p, colw)}pt) / lh / {p.cols}) + {1 + slack}) * lh\n"
            + dims
            + f"  block(height: ch, width: {inner}pt, {ruled(self._column_rules(p, colw, g), f'columns({p.cols}, gutter: {g}pt, body)')})\n"
            "}"
        )

    def _column_rules(self, p: Piece, colw: float, g: float, photo_from: int | None = None) -> str:
        """Typst statements drawing a rule down the middle of every gutter between the body's columns (`ch`
        high), as the style sets them; a jumped-over photo (`photo_from`: its first column) interrupts the
        rules it spans between `a` and `a + ph`. Empty when the style rules no columns."""
        if not self.st.column_rules:
            return ""
        out = []
        for j in range(1, p.cols):
            x = round(j * (colw + g) - g / 2, 2)
            spans = photo_from is not None and photo_from < j < photo_from + p.photo_cols
            for top, bottom in (("0pt", "a"), ("a + ph", "ch")) if spans else (("0pt", "ch"),):
                out.append(f"place(top + left, line(start: ({x}pt, {top}), end: ({x}pt, {bottom}), stroke: {COLUMN_RULE}pt)); ")
        return "".join(out)

    def _extension(self, plan: PagePlan, p: Piece, colw: float, slack: int) -> str:
        """An L-shaped article's last column in the next band: what its own columns could not hold."""
        pid = lit(p.id)
        return (
            "#{\n"
            f"mark({pid}, \"exttop\")\n"
            "context {\n"
            f"  let items = ({', '.join(self._items(plan, p, colw))},)\n"
            f"  let lh = {plan.body_size * (1 + self.st.leading_em)}pt\n"
            f"  let ch = {p.l_height}pt\n"
            f"  let rest = flow-fill(items, range({p.cols + 1}).map(j => ch), {colw}pt).last()\n"
            f"  let eh = (calc.ceil(measure(block(width: {colw}pt, rest)).height / lh) + {slack}) * lh\n"
            f"  [#metadata((id: {pid}, kind: \"exth\", h: eh.pt())) <pos>]\n"
            f"  block(height: eh, width: {colw}pt, rest)\n"
            "}\n"
            f"mark({pid}, \"extend\")\n"
            "}"
        )

    def _float_height(self, p: Piece, colw: float) -> float:
        """The room a one-column photo floated into the text takes: image, captions, clearance."""
        if not p.photo_inside:
            return 0.0
        return round(min(colw * p.photo_ratio, p.photo_max_h) + 3 + CAPTION_LINE * len(p.caption_lines) * 2 + FLOAT_CLEARANCE, 1)

    def _photo(self, plan: PagePlan, p: Piece, pw: float, *, left: bool, inner: float, height: str | None = None, beside: float = 0.0) -> str:
        """The photo block with its captions; `height` (a Typst length expression) overrides the picture's height;
        `beside` > 0: the captions stand in a column that wide (gutter included) right of the picture, at its foot."""
        ph = height or f"{round(min(pw * p.photo_ratio, p.photo_max_h), 1)}pt"
        plan.photo_seeds[p.id] = p.photo_seed
        plan.photo_widths[p.id] = pw + beside
        # Captions over the picture: a photo between headline and body (a jumped-over one is sized to the text).
        over = self.st.caption_over and height is None and not beside and not p.photo_inside
        caps = [self._caption(plan, p, line, "left" if beside or over else "center", white=over) for line in p.caption_lines]
        dx = 0 if left else inner - pw - beside
        pictures = [line for line in p.caption_lines if not CREDIT.match(line)]
        if beside:
            gap = plan.gutter
            caps_markup = "\nv(2pt)\n".join(caps)
            body = (
                f"grid(columns: ({pw}pt, {beside - gap}pt), column-gutter: {gap}pt, align: (top, bottom),\n"
                f"image(\"photo-{p.id}.png\", width: {pw}pt, height: {ph}, fit: \"stretch\"), {{\n{caps_markup}\n}})"
            )
            pw += beside
        elif over:
            # The band stands on the picture's foot; the picture grows when the band would reach its top.
            caps_markup = "\nv(2pt)\n".join(caps)
            body = (
                "context {\n"
                f"let band = block(width: {pw}pt, fill: {CAPTION_BAND}, inset: (x: 5pt, y: 4pt), {{\n{caps_markup}\n}})\n"
                f"let ih = calc.max({ph}, measure(band).height + {CAPTION_OVER_CLEAR}pt)\n"
                f"block(width: {pw}pt, height: ih, {{ image(\"photo-{p.id}.png\", width: {pw}pt, height: ih, fit: \"stretch\"); place(bottom + left, band) }})\n"
                "}"
            )
        elif not p.photo_inside and len(pictures) >= 2:
            # A group: two photos side by side, each over its own caption; the credit under both.
            plan.photo_seeds[p.id + "b"] = p.photo_seed + 1
            half = f"image(\"photo-{{}}.png\", width: 100%, height: {ph}, fit: \"stretch\")"
            first, second = (f"[#{half.format(pid)} #v(3pt) #{cap}]" for pid, cap in ((p.id, caps[0]), (p.id + "b", caps[1])))
            rest = "\nv(2pt)\n".join(caps[2:])
            body = f"grid(columns: (1fr, 1fr), column-gutter: {GROUP_GAP}pt, {first}, {second})\nv(2pt)\n{rest}"
        else:
            caps_markup = "\nv(2pt)\n".join(caps)
            body = f"image(\"photo-{p.id}.png\", width: {pw}pt, height: {ph}, fit: \"stretch\")\nv(3pt)\n{caps_markup}"
        return (
            f"pad(left: {dx}pt, block(width: {pw}pt, {{\n"
            f"mark({lit(p.id)}, \"phototop\")\n{body}\n"
            f"mark({lit(p.id)}, \"photoend\")\n}}))"
        )

    def _caption(self, plan: PagePlan, p: Piece, line: str, align: str = "center", white: bool = False) -> str:
        """One caption line in Kai, centred (or as `align` says; in white over a picture); a credit on a line of its own stands right."""
        is_credit = bool(CREDIT.match(line)) and self.st.credit_own_line and line == p.caption_lines[-1] and len(p.caption_lines) > 1
        txt = f"text(font: KAI, size: 9pt, {'fill: white, ' if white else ''}{lit(line)})"
        return f"bold-or-fake({str(p.fake_caption).lower()}, {min(plan.bold_dx, 0.6)}pt, 0pt, nopar(align({'right' if is_credit else align}, {txt})))"

    def _items(self, plan: PagePlan, p: Piece, colw: float) -> list[str]:
        """The body as Typst items (see `flow-fill` in PRELUDE): paragraphs and blocks set whole."""
        st = self.st
        out = []
        quote = body_quote(p)
        if p.continued_from:
            out.append(f"(kind: \"b\", body: nopar(text(font: HEI, {lit(continued_line(p))})))")
        if lines := byline_lines(st, p):
            # The mark in Hei: the Kai face has no `□`.
            stacked = ", ".join(f"text(font: HEI, {lit(BYLINE_MARK)}) + text(font: KAI, {lit(' ' + line)})" for line in lines)
            out.append(f"(kind: \"b\", body: block(below: 0.5em, nopar(stack(dir: ttb, spacing: 0.4em, {stacked}))))")
        for i, (kind, text) in enumerate(p.blocks):
            if i == 0 and has_deck(p):
                continue  # set over the columns
            if kind == "heading" and st.heading_form == "bar":
                out.append(
                    f"(kind: \"b\", body: block(width: 100%, above: 0.6em, below: 0.5em, fill: {HEADING_BAR}, inset: (x: 4pt, y: 2.5pt), "
                    f"nopar(text(font: HEI, weight: \"bold\", fill: white, {lit(text)}))))"
                )
            elif kind == "heading" and st.heading_form == "numbered-centre":
                # Across the column, so that it stands centred in it.
                out.append(f"(kind: \"b\", body: block(width: 100%, above: 0.6em, below: 0.5em, nopar(align(center, text(font: HEI, weight: \"bold\", {lit(text)})))))")
            elif kind == "heading":
                # (A block as wide as its text: "centre" headings stand flush left on the page as set so far.)
                align = "center" if st.heading_form == "centre" else "left"
                out.append(f"(kind: \"b\", body: block(above: 0.6em, below: 0.5em, nopar(align({align}, text(font: HEI, weight: \"bold\", {lit(text)})))))")
            else:
                lead = ""
                if i == 0 and p.dateline:
                    lead = dateline_markup(st, p.dateline, p.byline if p.byline_in_body else None)
                elif k := lead_in(st, text):
                    lead, text = f"#text(font: HEI, weight: \"bold\", {lit(text[:k])})", text[k:]
                tail = ""
                if i == len(p.blocks) - 1 and p.attribution and not st.attribution_own_line:
                    tail = f"#{lit(p.attribution)}"
                if i == len(p.blocks) - 1 and not (p.attribution and st.attribution_own_line) and (closing := closing_text(st, p)):
                    tail += f"#{lit(closing)}"
                if i == len(p.blocks) - 1 and not (p.attribution and st.attribution_own_line) and not p.jump_to:
                    tail += f"#imark({lit(p.id)}, \"bodyend\")"
                out.append(f"(kind: \"p\", lead: [{lead}], text: {lit(text)}, tail: [{tail}], indent: true)")
            if quote and quote[0] == i:
                out.append(
                    f"(kind: \"b\", body: block(breakable: false, width: 100%, above: 0.8em, below: 0.8em, inset: (y: 5pt), "
                    f"stroke: (top: 1.2pt, bottom: 0.6pt), nopar(align(center, text(font: KAI, size: {round(plan.body_size * BODY_QUOTE_SCALE, 1)}pt, {lit(quote[1])})))))"
                )
            if i == 0 and p.photo_inside:
                # A one-column photo floats to the top of the column the text has reached.
                photo = self._photo(plan, p, colw, left=True, inner=colw)
                out.append(f"(kind: \"b\", body: place(top, float: true, clearance: {FLOAT_CLEARANCE}pt, {photo}))")
        if p.attribution and st.attribution_own_line:
            out.append(f"(kind: \"b\", body: nopar(align(right, [#{lit(p.attribution + closing_text(st, p))}#imark({lit(p.id)}, \"bodyend\")])))")
        if p.jump_to:
            out.append(f"(kind: \"b\", body: nopar(align(right, [#text(font: HEI, {lit(jump_line(p))})#imark({lit(p.id)}, \"bodyend\")])))")
        return out


def label_logo(label: str) -> str:
    """A 栏目 label as a logo: its characters stacked a few to a line in bold Hei, on a tinted ground."""
    per_line = next(n for most, n in sorted(LABEL_BESIDE_PER_LINE.items()) if len(label) <= most)
    lines: list[str] = []
    for i in range(0, len(label), per_line):
        chunk = label[i : i + per_line]
        # Kinsoku, as for any line: closing punctuation stays on the line before.
        while lines and chunk and chunk[0] in NO_START:
            lines[-1], chunk = lines[-1] + chunk[0], chunk[1:]
        if chunk:
            lines.append(chunk)
    stacked = ", ".join(f"text(font: HEI, size: 12pt, weight: \"bold\", {lit(t)})" for t in lines)
    return f"box(fill: {SHADE}, inset: 5pt, stack(dir: ttb, spacing: 3pt, {stacked}))"


def body_quote(p: Piece) -> tuple[int, str] | None:
    """(the block it follows, the sentence) of a pull quote set inside the body: a sentence of the middle
    paragraph, repeated right after it. Read from the printed blocks, so every pass agrees with its text."""
    if not p.body_quote:
        return None
    paras = [i for i, (kind, _) in enumerate(p.blocks) if kind == "paragraph"]
    if len(paras) < 3:
        return None
    i = paras[len(paras) // 2]
    m = BODY_QUOTE.search(p.blocks[i][1])
    return (i, m.group()) if m else None


def continuation(art: CorpusArticle) -> CorpusArticle | None:
    """The part of an article printed on the page it is continued on: the title alone over the text from a
    paragraph in its first half on (no dateline, byline, kicker or label: those stand where it began).
    None for an article of fewer than three paragraphs: too short to be split over two pages."""
    paras = [i for i, (kind, _) in enumerate(art.blocks) if kind == "paragraph" and i > 0]
    if len(paras) < 2:
        return None
    first = paras[(len(paras) - 1) // 2]
    return dataclasses.replace(art, blocks=list(art.blocks[first:]), dateline=None, byline=None, kicker=None, label=None, subtitle=None)


def byline_lines(style: HouseStyle, p: Piece) -> list[str]:
    """The lines of a byline the style sets at the head of the body, one a role, each printed after
    BYLINE_MARK (none where it sets the byline under the headline, in the dateline's bracket or at the end)."""
    if not (style.byline_lines and p.byline and not p.byline_in_body and not p.byline_end):
        return []
    return [part for part in BYLINE_ROLE.split(p.byline.strip()) if part]


def continued_line(p: Piece) -> str:
    """The line over an article that began on another page."""
    return f"（上接第{p.continued_from}版）"


def has_deck(p: Piece) -> bool:
    """Whether the article sets its lead paragraph as a deck: only while the text, as cut, goes on after it."""
    return p.deck and len(p.blocks) >= 2 and p.blocks[0][0] == "paragraph"


def closing_text(style: HouseStyle, p: Piece) -> str:
    """What the article prints after its last paragraph and attribution: its byline in brackets, or the
    style's end mark (empty for neither)."""
    if p.byline_end:
        return f"（{p.byline}）"
    return style.end_mark if p.end_mark else ""


def jump_line(p: Piece) -> str:
    """The line under an article that goes on on another page."""
    return f"（下转第{p.jump_to}版）"


def ruled(rules: str, content: str) -> str:
    """A body block's content with the column rules drawn under it (the content alone when there are none)."""
    return f"{{ {rules}{content} }}" if rules else content


def extension_of(plan: PagePlan, b: int) -> Piece | None:
    """The L-shaped article of the band above band `b`, whose last column runs on through `b`."""
    return next((p for p in plan.bands[b - 1] if p.shape == "l"), None) if b else None


def dateline_markup(st: HouseStyle, dateline: str, byline: str | None) -> str:
    """The run-in dateline as the style prints it, with the reporter in its bracket when the style says so."""
    hei = f"#text(font: HEI, weight: \"bold\", {lit(dateline_as_printed(st, dateline, None))})"
    bracket = f"#{lit('（' + byline + '）')}" if byline else ""
    sep = {"runin": "#\"\u3000\"", "gap": "#h(1em)", "bracket": ""}[st.dateline_form]
    return hei + bracket + sep


def fit_blocks(blocks: list[tuple[str, str]], capacity: int) -> list[tuple[str, str]]:
    """The blocks cut at a sentence end to about `capacity` characters (at least one paragraph)."""
    out: list[tuple[str, str]] = []
    used = 0
    for kind, text in blocks:
        cost = len(text) + (8 if kind == "heading" else 4)
        if used + cost <= capacity:
            out.append((kind, text))
            used += cost
            continue
        if kind == "paragraph":
            room = capacity - used
            cut = sentence_cut(text[:room]) if room > 8 else -1
            if cut + 1 >= 8:
                out.append((kind, text[: cut + 1]))
        break
    while out and out[-1][0] == "heading":
        out.pop()
    if not out:
        first = next((t for k, t in blocks if k == "paragraph"), blocks[0][1])
        cut = sentence_cut(first[:capacity])
        out = [("paragraph", first[: cut + 1] if cut + 1 >= 8 else first)]
    return out


# ---------------------------------------------------------------- one page


def typeset(src: str, plan: PagePlan, workdir: Path) -> tuple[bytes, dict[str, dict[str, dict]]]:
    """Compile the page; returns the PDF and the marks, by article id and kind.

    One `typst.Compiler` per pass: its query reuses the compiled document (half
    the cost of `typst.compile` + `typst.query`), but a compiler kept across passes
    may miss a rewrite of the source within the file system's time resolution.
    """
    import typst

    from bench.render import photo_image

    for pid, seed in plan.photo_seeds.items():
        path = workdir / f"photo-{pid}.png"
        if not path.exists():
            photo_image(Photo((0.0, 0.0, 200.0, 140.0), seed)).save(path)
    (workdir / "page.typ").write_text(src, encoding="utf-8")
    compiler = typst.Compiler(str(workdir / "page.typ"), root=str(workdir), font_paths=FONT_PATHS, ignore_system_fonts=True)
    pdf = compiler.compile()
    found = json.loads(compiler.query("<pos>", field="value"))
    marks: dict[str, dict[str, dict]] = {}
    for m in found:
        marks.setdefault(m["id"], {})[m["kind"]] = m
    return pdf, marks


def overflowing(plan: PagePlan, marks: dict[str, dict[str, dict]]) -> tuple[bool, list[str]]:
    """(page overflowed, ids whose body ran past its box)."""
    page_over = any(m.get("page", 1) > 1 for kinds in marks.values() for m in kinds.values()) or marks["page"]["pageend"]["y"] > plan.height - MARGIN_BOTTOM + 0.5
    short = []
    for band in plan.bands:
        for p in band:
            k = marks[p.id]
            top, h, end = k["bodytop"], k["bodyh"], k["bodyend"]
            if p.shape != "plain":
                # Boxes before the last never overflow (flow-fill moves on); the last one may.
                if end["y"] > flow_of(p, k)[-1][3] + 0.5 or end["page"] != top["page"]:
                    short.append(p.id)
                continue
            last_x = top["x"] + (p.cols - 1) * (h["colw"] + h["gutter"])
            photo_out = "photoend" in k and k["photoend"]["y"] > top["y"] + h["h"] + 0.5 and p.photo_inside
            if photo_out or end["y"] > top["y"] + h["h"] + 0.5 or end["x"] > last_x + h["colw"] + 0.5 or end["page"] != top["page"]:
                short.append(p.id)
    return page_over, short


def flow_of(p: Piece, k: dict[str, dict]) -> list[list[float]]:
    """The boxes an article's body fills, in reading order (an L's last one in the next band)."""
    top, h = k["bodytop"], k["bodyh"]
    colw, g = h["colw"], h["gutter"]
    if "boxes" in k:
        flow = [[top["x"] + x, top["y"] + y, top["x"] + x + colw, top["y"] + y + bh] for x, y, bh in k["boxes"]["boxes"]]
    else:
        flow = [[top["x"] + i * (colw + g), top["y"], top["x"] + i * (colw + g) + colw, top["y"] + h["h"]] for i in range(p.cols)]
        if p.photo_inside and "phototop" in k:
            j = round((k["phototop"]["x"] - top["x"]) / (colw + g))
            flow[j][1] = k["photoend"]["y"] + 1
    if "decktop" in k:
        deck = k["decktop"]
        flow.insert(0, [deck["x"], deck["y"], deck["x"] + p.cols * colw + (p.cols - 1) * g, k["deckend"]["y"]])
    if "exttop" in k:
        ext = k["exttop"]
        flow.append([ext["x"], ext["y"], ext["x"] + colw, ext["y"] + k["exth"]["h"]])
    return flow


def update_l_heights(plan: PagePlan, marks: dict[str, dict[str, dict]]) -> bool:
    """An L-shaped article's columns end where its neighbours' bodies end; True when one moved."""
    moved = False
    for band in plan.bands:
        for p in band:
            if p.shape != "l":
                continue
            others = max(marks[q.id]["end"]["y"] for q in band if q is not p)
            lines = max(MIN_L_LINES, int((others - marks[p.id]["bodytop"]["y"]) / plan.line_h))
            if abs(lines * plan.line_h - p.l_height) > 0.5:
                p.l_height, moved = lines * plan.line_h, True
    return moved


def scale(plan: PagePlan, factors: dict[str, float]) -> None:
    """Articles aim at `factor` times their capacity, cut again from their full text."""
    for band in plan.bands:
        for p in band:
            if p.id not in factors:
                continue
            p.capacity = max(60, int(p.capacity * factors[p.id]))
            p.blocks = fit_blocks(list(p.art.blocks), p.capacity)
            p.dateline = p.art.dateline if p.blocks[0][0] == "paragraph" else None


def fill_factors(plan: PagePlan, marks: dict[str, dict[str, dict]]) -> dict[str, float]:
    """How much more (or less) text each article wants so that its band reaches its share of the page.

    The room left above the foot is shared out over the bands by their weights;
    within a band every article aims at the band's height, so columns end level
    as an editor cuts them. Articles already printing all their text are left as they are.
    """
    page = marks["page"]
    free = page["foottop"]["y"] - page["bandsend"]["y"] - FILL_RESERVE
    total = sum(plan.weights)
    out = {}
    for b, (band, w) in enumerate(zip(plan.bands, plan.weights)):
        ext = extension_of(plan, b)
        tops = [marks[p.id]["start"]["y"] for p in band] + ([marks[ext.id]["exttop"]["y"]] if ext else [])
        ends = [marks[p.id]["end"]["y"] for p in band] + ([marks[ext.id]["extend"]["y"]] if ext else [])
        target = max(ends) - min(tops) + free * w / total
        for p, top, end in zip(band, tops, ends):
            if p.shape != "l":  # an L-shaped article grows by its last column, in the next band
                factor = _fill_factor(plan, p, marks[p.id]["bodyh"]["h"], target - (end - top))
                if factor:
                    out[p.id] = factor
        if ext:
            k = marks[ext.id]
            factor = _fill_factor(plan, ext, ext.cols * k["bodyh"]["h"] + k["exth"]["h"], target - (ends[-1] - tops[-1]))
            if factor:
                out[ext.id] = factor
    return out


def _fill_factor(plan: PagePlan, p: Piece, text_h: float, delta: float) -> float | None:
    """The capacity factor that lengthens (or shortens) a body `text_h` high by `delta`; None when near enough."""
    whole = sum(len(t) for _, t in p.art.blocks)
    if abs(delta) < 1.5 * plan.line_h or (delta > 0 and p.capacity >= whole):
        return None
    return min(2.0, max(0.6, (text_h + delta) / max(text_h, plan.line_h)))


def regions(plan: PagePlan, marks: dict[str, dict[str, dict]], style: HouseStyle) -> list[dict]:
    """Per article: bbox, headline box, photo box, the column boxes its body fills, and what each prints."""
    out = []
    for band in plan.bands:
        for p in band:
            k = marks[p.id]
            start = k["start"]
            x0 = start["x"]
            # The headline's own left edge: right of a 栏目 logo standing beside it, else the article's.
            head = [k["headtop"]["x"], k["headtop"]["y"], x0 + p.width, k["headend"]["y"]]
            photo = None
            flow = flow_of(p, k)
            if "phototop" in k:
                pt, pe = k["phototop"], k["photoend"]
                photo = [pt["x"], pt["y"], pt["x"] + plan.photo_widths[p.id], pe["y"]]
            pad = BOX_INSET if p.boxed else 0.0
            bbox = [x0 - pad, start["y"] - pad, x0 + p.width - pad, max([b[3] for b in flow] + [k["end"]["y"]]) + pad]
            printed_head = "".join(x for x in (p.kicker, "".join(p.title_lines), p.subtitle, None if p.byline_in_body or style.byline_lines or p.byline_end else p.byline) if x)
            out.append(
                {
                    "id": p.id,
                    "shape": p.shape,
                    "bbox": [round(v, 2) for v in bbox],
                    "headline": [round(v, 2) for v in head],
                    "photo": [round(v, 2) for v in photo] if photo else None,
                    "flow": [[round(v, 2) for v in b] for b in flow],
                    "printed": {"headline": printed_head, "body": printed_body(p, style), "photo": "".join(p.caption_lines)},
                }
            )
    return out


def printed_body(p: Piece, style: HouseStyle) -> str:
    """What the body columns print, in order (the dateline in its printed form)."""
    lead = dateline_as_printed(style, p.dateline, p.byline if p.byline_in_body else None) if p.dateline else ""
    quote = body_quote(p)
    blocks = "".join(t + (quote[1] if quote and quote[0] == i else "") for i, (_, t) in enumerate(p.blocks))
    return (
        (continued_line(p) if p.continued_from else "")
        + "".join(BYLINE_MARK + line for line in byline_lines(style, p))
        + lead
        + blocks
        + (p.attribution or "")
        + closing_text(style, p)
        + (jump_line(p) if p.jump_to else "")
    )


def gold_article(p: Piece, region: dict) -> dict:
    return {
        "id": p.id,
        "page": 1,
        "kicker": p.kicker,
        "title": p.art.title,
        "subtitle": p.subtitle,
        "byline": p.byline,
        "dateline": p.dateline.strip("【】") if p.dateline else None,
        "blocks": [{"type": t, "text": x} for t, x in p.blocks],
        "attribution": p.attribution,
        "captions": list(p.captions),
        "bbox": region["bbox"],
    }


def page_notes(style: HouseStyle, pieces: list[Piece]) -> list[dict]:
    """Notes the articles print: a 栏目 logo beside a headline, an editor's note under one, a pull quote inside a
    body, in article order.
    (A label in a black box above a headline is not a note: those styles' gold has always left it out.)"""
    out = []
    for p in pieces:
        if p.label and style.label_beside:
            out.append({"type": "column-label", "text": p.label, "source": None})
        if p.editor_note:
            out.append({"type": "editor-note", "text": in_script(style, EDITOR_NOTE_LABEL) + p.editor_note, "source": None})
        if quote := body_quote(p):
            out.append({"type": "pull-quote", "text": quote[1], "source": None})
    return out


def compose_page(rng: random.Random, style: HouseStyle, corpus: list[CorpusArticle], quotes: list[tuple[str, str | None]], page_no: int) -> tuple[bytes, dict, dict]:
    """Typeset one page; returns (text.pdf bytes, gold, layout)."""
    composer = BroadsheetComposer(rng, style, corpus, quotes)
    plan = composer.plan(page_no)
    slack: dict[str, int] = {}
    # The last page that fitted: its PDF, marks and what each article printed.
    good: tuple[bytes, dict, list[tuple[int, list[tuple[str, str]], str | None, float]]] | None = None

    def restore() -> tuple[bytes, dict]:
        assert good is not None
        for p, (capacity, blocks, dateline, l_height) in zip((p for band in plan.bands for p in band), good[2]):
            p.capacity, p.blocks, p.dateline, p.l_height = capacity, blocks, dateline, l_height
        return good[0], good[1]

    factors: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="courtdoc-bench-typst-") as tmp:
        overflows = 0
        fills = 0
        for _ in range(FIT_TRIES):
            src = composer.source(plan, slack)
            pdf, marks = typeset(src, plan, Path(tmp))
            page_over, short = overflowing(plan, marks)
            if page_over and good is not None:
                # The last fill pass overshot: back to the page that fitted, then half the step.
                pdf, marks = restore()
                factors = {pid: 1 + (f - 1) / 2 for pid, f in factors.items() if abs(f - 1) / 2 >= MIN_FILL_STEP}
                if not factors:
                    break
                scale(plan, factors)
                continue
            if page_over:
                overflows += 1
                if overflows >= DROP_BAND_AFTER and len(plan.bands) > 1:
                    # Headlines and photos alone do not fit: the last band goes.
                    plan.bands.pop()
                    plan.weights.pop()
                    for p in plan.bands[-1]:
                        p.shape = "plain" if p.shape == "l" else p.shape
                    overflows = 0
                else:
                    scale(plan, {p.id: SHRINK for band in plan.bands for p in band})
                continue
            if short:
                for pid in short:
                    slack[pid] = slack.get(pid, 0) + 1
                continue
            good = (pdf, marks, [(p.capacity, list(p.blocks), p.dateline, p.l_height) for band in plan.bands for p in band])
            factors = fill_factors(plan, marks) if fills < FILL_TRIES else {}
            fills += 1
            moved = update_l_heights(plan, marks) if fills <= FILL_TRIES else False
            if not factors and not moved:
                break
            scale(plan, factors)
        else:
            if good is None:
                raise RuntimeError(f"page {page_no} ({style.name}): does not fit after {FIT_TRIES} tries")
            pdf, marks = restore()
    pieces = [p for band in plan.bands for p in band]
    regs = regions(plan, marks, style)
    gold = {
        "schema": "courtdoc.manifest/1",
        "issue": plan.issue,
        "pages": [{"number": 1, "width": plan.width, "height": plan.height}],
        "articles": [gold_article(p, r) for p, r in zip(pieces, regs)],
        "furniture": plan.furniture
        + [continued_line(p) for p in pieces if p.continued_from]
        + [jump_line(p) for p in pieces if p.jump_to]
        + [style.end_mark for p in pieces if p.end_mark],
        "notes": plan.notes + page_notes(style, pieces),
    }
    layout = {"page": page_no, "width": plan.width, "height": plan.height, "style": style.name, "articles": regs}
    return pdf, gold, layout
