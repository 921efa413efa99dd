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

Fitting: an article's text is cut at a sentence end to an estimated capacity;
the body box is as tall as Typst measures the text to need over its columns;
when the page still overflows (a second page) every article loses 10 % and the
page is set again.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.compose import CONTACTS, EDITORS, PAPERS, PUBLISHERS, WEEKDAYS, Photo, byline_names, sentence_cut
from bench.corpus import CorpusArticle
from bench.styles import HouseStyle

FONT_PATHS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/arphic"]
HEI = "Noto Sans CJK SC"
KAI = "AR PL UKai CN"
PAGE_SIZES = [(842.0, 1191.0), (842.0, 1191.0), (864.0, 1224.0)]
MARGIN_TOP = 28.0
MARGIN_BOTTOM = 30.0
# Room kept for the head and foot when estimating how much text a band holds.
HEAD_ROOM = {"band": 120.0, "running": 60.0}
FOOT_ROOM = 40.0
PICK_SPARE = 1.6
# Typesetting passes: a few to fill the bands, the rest to undo an overflow.
FILL_TRIES = 4
FIT_TRIES = 14
SHRINK = 0.85
DROP_BAND_AFTER = 3  # consecutive overflows before the last band is dropped
# Kept free above the foot so that the last fill pass does not push the page over.
FILL_RESERVE = 24.0
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


PRELUDE = r"""
#let HEI = "Noto Sans CJK SC"
#let KAI = "AR PL UKai CN"
// Marks where things end up; `imark` inside a line of text, `mark` as a block of its own
// (a lone inline mark would hang on whatever paragraph Typst attaches it to).
#let imark(id, kind) = context [#metadata((id: id, kind: kind, x: here().position().x.pt(), y: here().position().y.pt(), page: here().page())) <pos>]
#let mark(id, kind) = block(height: 0pt, spacing: 0pt, imark(id, kind))
// Fake bold as exporters write it: the same text drawn twice, the copy shifted.
#let fb(dx, dy, body) = block(width: 100%, spacing: 0pt, { set par(first-line-indent: 0pt, justify: false); place(top + left, dx: dx, dy: dy, block(width: 100%, body)); body })
#let bold-or-fake(fake, dx, dy, body) = if fake { fb(dx, dy, body) } else { block(width: 100%, spacing: 0pt, body) }
#let nopar(body) = { set par(first-line-indent: 0pt, justify: false); body }
"""


@dataclass(slots=True)
class Slot:
    """One article's place on the page: its columns in a band."""

    id: str
    cols: int
    width: float
    capacity: int  # body characters it should hold
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


@dataclass(slots=True)
class PagePlan:
    width: float
    height: float
    ncols: int
    gutter: float
    body_size: float
    bold_dx: float
    bold_copies_dy: float
    head: str
    foot: str
    furniture: list[str]
    issue: dict
    notes: list[dict]
    bands: list[list[Piece]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # share of the page height each band aims at
    photo_seeds: dict[str, int] = field(default_factory=dict)
    photo_widths: dict[str, float] = field(default_factory=dict)


class BroadsheetComposer:
    def __init__(self, rng: random.Random, style: HouseStyle, corpus: list[CorpusArticle], quotes: list[tuple[str, str | None]]):
        self.rng = rng
        self.st = style
        self.corpus = corpus
        self.quotes = quotes
        self.used: set[int] = set()
        self.photographers = sorted({n for a in corpus for n in byline_names(a.byline)})

    # ---------------------------------------------------------------- plan

    def plan(self, page_no: int) -> PagePlan:
        rng, st = self.rng, self.st
        width, height = rng.choice(PAGE_SIZES)
        plan = PagePlan(
            width=width,
            height=height,
            ncols=rng.choice(st.ncols),
            gutter=round(rng.uniform(10, 14), 1),
            body_size=rng.choice(st.body_size),
            bold_dx=round(rng.uniform(0.3, 1.2), 2),
            bold_copies_dy=round(rng.uniform(0.0, 0.5), 2),
            head="",
            foot="",
            furniture=[],
            issue={},
            notes=[],
        )
        self._head(plan, page_no)
        self._foot(plan)
        margin_x = 36.0
        body_w = width - 2 * margin_x
        colw = (body_w - (plan.ncols - 1) * plan.gutter) / plan.ncols
        avail = height - MARGIN_TOP - MARGIN_BOTTOM - HEAD_ROOM[st.masthead] - FOOT_ROOM - (90 if plan.notes else 0)
        nb = rng.choice([2, 3, 3, 4])
        weights = [rng.uniform(0.75, 1.25) for _ in range(nb)]
        plan.weights = weights
        line_h = plan.body_size * (1 + st.leading_em)
        per_line = int(colw // plan.body_size)
        n = 0
        for w in weights:
            band_h = avail * w / sum(weights) - 24
            band = []
            for cols in self._split(plan.ncols):
                n += 1
                narrow = cols == 1 and rng.random() < st.narrow_rate
                head_h = 120 if narrow else 70
                lines = max(4, int((band_h - head_h) / line_h))
                slot = Slot(f"p01-a{n:02d}", cols, colw * cols + plan.gutter * (cols - 1), int(lines * cols * per_line * 0.9), narrow)
                band.append(self._piece(plan, slot, line_h, per_line))
            plan.bands.append(band)
        return plan

    def _split(self, n: int) -> list[int]:
        rng = self.rng
        while True:
            parts, left = [], n
            while left > 0:
                w = rng.randint(1, left) if left > 1 else 1
                parts.append(w)
                left -= w
            if len(parts) <= 3 and parts.count(1) <= 1:
                return parts

    def _pick(self, capacity: int) -> CorpusArticle:
        free = [i for i in range(len(self.corpus)) if i not in self.used] or list(range(len(self.corpus)))
        fitting = [i for i in free if self.corpus[i].body_chars >= 0.8 * capacity]
        pool = fitting or sorted(free, key=lambda i: -self.corpus[i].body_chars)[:3]
        i = self.rng.choice(pool)
        self.used.add(i)
        return self.corpus[i]

    def _piece(self, plan: PagePlan, slot: Slot, line_h: float, per_line: int) -> Piece:
        rng, st = self.rng, self.st
        # Articles with text to spare, so that the fill passes can lengthen them.
        art = self._pick(int(slot.capacity * PICK_SPARE))
        label, kicker = art.label, art.kicker
        if not label and kicker and len(kicker) <= 10 and rng.random() < st.label_rate:
            label, kicker = kicker, None
        if label and rng.random() > st.label_rate + 0.3:
            label = None
        if kicker and rng.random() > st.kicker_rate + 0.3:
            kicker = None
        subtitle = art.subtitle
        if subtitle:
            bare = subtitle.lstrip("—")
            subtitle = "——" + bare if st.subtitle_dash else bare
        dateline, byline = art.dateline, art.byline
        byline_in_body = bool(st.byline_in_bracket and dateline and byline and byline.startswith("记者"))
        # A photo, with the corpus captions or a photographer's credit.
        captions: list[str] = []
        caption_lines: list[str] = []
        photo_cols = 0
        if slot.cols >= (1 if st.photo_place == "inside" else 2) and rng.random() < st.photo_rate:
            names = byline_names(byline) or self.photographers
            credit = f"{rng.choice(names)} 摄" if names and rng.random() < 0.7 else None
            caps = list(art.captions[:2]) or ([] if credit else ["资料图片"])
            if caps and any(c.endswith("摄") for c in caps):
                credit = None
            if credit and caps and not st.credit_own_line:
                caption_lines = caps[:-1] + [caps[-1] + "　" + credit]
            else:
                caption_lines = caps + ([credit] if credit else [])
            captions = list(caption_lines)
            photo_cols = 1 if st.photo_place == "inside" else min(slot.cols, rng.choice([2, 2, 3]))
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
            photo_h = slot.width * photo_cols / slot.cols * 0.65 + 14 * len(caption_lines)
            capacity -= int(photo_h / line_h * per_line * (photo_cols if st.photo_place == "between" else 1))
        blocks = fit_blocks(list(art.blocks), max(60, capacity))
        attribution = art.attribution
        framed = st.separator == "frame" and slot.cols <= 2 and rng.random() < st.frame_rate
        framed = framed or (st.separator != "frame" and slot.cols <= 2 and rng.random() < st.frame_rate * 0.5)
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
        )

    def _head(self, plan: PagePlan, page_no: int) -> None:
        rng, st = self.rng, self.st
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        label = f"{page_no:02d}版" if rng.random() < 0.5 else f"第{page_no}版"
        paper = rng.choice(PAPERS)
        date_cn = f"{day.year}年{day.month}月{day.day}日"
        week = f"星期{WEEKDAYS[day.weekday()]}"
        plan.issue = {"paper": paper, "publisher": None, "date": day.isoformat(), "page_label": label}
        if st.masthead == "band":
            publisher = rng.choice(PUBLISHERS)
            contact = rng.choice(CONTACTS)
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
        plan.furniture.append(text)
        notice = ""
        if rng.random() < self.st.notice_rate:
            name, value = rng.choice(NOTICES)
            body = rng.choice(NOTICE_TEXT)
            line = f"{name}：{value}"
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
            f"#set page(width: {plan.width}pt, height: {plan.height}pt, margin: (x: 36pt, top: {MARGIN_TOP}pt, bottom: {MARGIN_BOTTOM}pt))",
            # CJK glyphs fill the em box: measure lines from ascender to descender, not from cap height to baseline.
            f"#set text(font: {lit(st.body_font)}, size: {plan.body_size}pt, lang: \"zh\", region: \"cn\", top-edge: \"ascender\", bottom-edge: \"descender\")",
            f"#set par(justify: true, leading: {st.leading_em}em, spacing: {st.leading_em}em, first-line-indent: (amount: 2em, all: true))",
            "#set block(spacing: 0pt)",
            PRELUDE,
            plan.head,
            "#v(10pt)",
            '#mark("page", "bandstop")',
        ]
        for b, band in enumerate(plan.bands):
            if b:
                out.append(self._band_separator())
            # Each gutter is two half columns, so a rule between articles stands in its middle.
            half = plan.gutter / 2
            widths = f", {half}pt, {half}pt, ".join(f"{p.width}pt" for p in band)
            cells = ",\n[], [],\n".join(f"[{self._article(plan, p, slack.get(p.id, 0))}]" for p in band)
            vlines = ""
            if st.separator in ("rule", "double", "frame"):
                vlines = "".join(f"grid.vline(x: {3 * i - 1}, stroke: 0.5pt),\n" for i in range(1, len(band)))
            out.append(f"#grid(columns: ({widths},), align: top,\n{vlines}{cells})")
        out.append('#mark("page", "bandsend")')
        out.append("#v(1fr)")
        out.append('#mark("page", "foottop")')
        out.append(plan.foot)
        out.append('#mark("page", "pageend")')
        return "\n".join(out) + "\n"

    def _band_separator(self) -> str:
        sep = self.st.separator
        if sep == "double":
            return "#v(7pt)\n#line(length: 100%, stroke: 1.2pt)\n#v(2pt)\n#line(length: 100%, stroke: 0.5pt)\n#v(9pt)"
        if sep == "space":
            return "#v(22pt)"
        return "#v(7pt)\n#line(length: 100%, stroke: 0.6pt)\n#v(9pt)"

    def _article(self, plan: PagePlan, p: Piece, slack: int) -> str:
        st = self.st
        g = plan.gutter
        bs = plan.body_size
        line_h = bs * (1 + st.leading_em)
        inner = p.width - (12 if p.framed else 0)
        colw = (inner - (p.cols - 1) * g) / p.cols
        align = st.headline_align
        parts = [f"mark({lit(p.id)}, \"start\")"]
        if p.label:
            parts.append(
                f"box(fill: black, inset: (x: 6pt, y: 4pt), text(font: HEI, size: 11pt, fill: white, {lit(p.label)}))\nv(6pt)"
            )
        parts.append(f"mark({lit(p.id)}, \"headtop\")")
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
        if p.subtitle:
            sub_align = "right" if p.subtitle.startswith("——") and align == "center" else align
            parts.append(f"nopar(align({sub_align}, text(font: HEI, size: {max(10.5, round(p.title_size * 0.5, 1))}pt, {lit(p.subtitle)})))\nv(3pt)")
        if p.byline and not p.byline_in_body:
            parts.append(f"nopar(align({st.byline_align if align == 'center' else 'left'}, text(font: KAI, size: {bs + 1}pt, {lit(p.byline)})))")
        parts.append(f"mark({lit(p.id)}, \"headend\")\nv(6pt)")
        if p.photo_cols and st.photo_place == "between":
            pw = colw * p.photo_cols + g * (p.photo_cols - 1)
            parts.append(self._photo(plan, p, pw, left=self.rng.random() < 0.6 or p.photo_cols == p.cols, inner=inner))
            parts.append("v(6pt)")
        body = self._body(plan, p, colw)
        parts.append(
            "context {\n"
            f"  let body = [{body}]\n"
            f"  let lh = {line_h}pt\n"
            f"  let h = measure(block(width: {colw}pt, body)).height\n"
            f"  let ch = (calc.ceil(h / lh / {p.cols}) + {1 + slack}) * lh\n"
            f"  mark({lit(p.id)}, \"bodytop\")\n"
            f"  [#metadata((id: {lit(p.id)}, kind: \"bodyh\", h: ch.pt(), colw: {colw}, gutter: {g})) <pos>]\n"
            f"  block(height: ch, width: {inner}pt, columns({p.cols}, gutter: {g}pt, body))\n"
            "}"
        )
        parts.append(f"mark({lit(p.id)}, \"end\")")
        inside = "{\n" + "\n".join(parts) + "\n}"
        if p.framed:
            return f"#block(width: 100%, stroke: 0.8pt, inset: 6pt, {inside})"
        return f"#block(width: 100%, {inside})"

    def _photo(self, plan: PagePlan, p: Piece, pw: float, *, left: bool, inner: float) -> str:
        ph = round(pw * self.rng.uniform(0.5, 0.7), 1)
        seed = self.rng.randrange(1 << 30)
        plan.photo_seeds[p.id] = seed
        plan.photo_widths[p.id] = pw
        caps = []
        for line in p.caption_lines:
            is_credit = line.endswith(" 摄") and self.st.credit_own_line and line == p.caption_lines[-1] and len(p.caption_lines) > 1
            cap_align = "right" if is_credit else "center"
            txt = f"text(font: KAI, size: 9pt, {lit(line)})"
            caps.append(f"bold-or-fake({str(p.fake_caption).lower()}, {min(plan.bold_dx, 0.6)}pt, 0pt, nopar(align({cap_align}, {txt})))")
        caps_markup = "\nv(2pt)\n".join(caps)
        dx = 0 if left else inner - pw
        return (
            f"pad(left: {dx}pt, block(width: {pw}pt, {{\n"
            f"mark({lit(p.id)}, \"phototop\")\n"
            f"image(\"photo-{p.id}.png\", width: {pw}pt, height: {ph}pt, fit: \"stretch\")\nv(3pt)\n{caps_markup}\n"
            f"mark({lit(p.id)}, \"photoend\")\n}}))"
        )

    def _body(self, plan: PagePlan, p: Piece, colw: float) -> str:
        st = self.st
        out = []
        for i, (kind, text) in enumerate(p.blocks):
            if kind == "heading":
                out.append(f"#block(above: 0.6em, below: 0.5em, nopar(align(center, text(font: HEI, weight: \"bold\", {lit(text)}))))")
                continue
            lead = ""
            if i == 0 and p.dateline:
                lead = dateline_markup(st, p.dateline, p.byline if p.byline_in_body else None)
            tail = ""
            if i == len(p.blocks) - 1 and p.attribution and not st.attribution_own_line:
                tail = f"#{lit(p.attribution)}"
            if i == len(p.blocks) - 1 and not (p.attribution and st.attribution_own_line):
                tail += f"#imark({lit(p.id)}, \"bodyend\")"
            out.append(f"#par[{lead}#{lit(text)}{tail}]")
            if i == 0 and p.photo_cols and st.photo_place == "inside":
                # A one-column photo floats to the top of the column the text has reached.
                out.append("#place(top, float: true, clearance: 8pt, " + self._photo(plan, p, colw, left=True, inner=colw) + ")")
        if p.attribution and st.attribution_own_line:
            out.append(f"#nopar(align(right, [#{lit(p.attribution)}#imark({lit(p.id)}, \"bodyend\")]))")
        return "\n".join(out)


def dateline_markup(st: HouseStyle, dateline: str, byline: str | None) -> str:
    """The run-in dateline as the style prints it, with the reporter in its bracket when the style says so."""
    shown = dateline.strip("【】")
    hei = f"#text(font: HEI, weight: \"bold\", {lit(shown)})"
    if st.dateline_form == "bracket":
        hei = f"#text(font: HEI, weight: \"bold\", {lit('【' + shown + '】')})"
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
    """Compile the page; returns the PDF and the marks, by article id and kind."""
    import typst

    from bench.render import photo_image

    for pid, seed in plan.photo_seeds.items():
        photo_image(Photo((0.0, 0.0, 200.0, 140.0), seed)).save(workdir / f"photo-{pid}.png")
    (workdir / "page.typ").write_text(src, encoding="utf-8")
    pdf = typst.compile(str(workdir / "page.typ"), root=str(workdir), font_paths=FONT_PATHS, ignore_system_fonts=True)
    found = json.loads(typst.query(str(workdir / "page.typ"), "<pos>", field="value", root=str(workdir), font_paths=FONT_PATHS, ignore_system_fonts=True))
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
            last_x = top["x"] + (p.cols - 1) * (h["colw"] + h["gutter"])
            if end["y"] > top["y"] + h["h"] + 0.5 or end["x"] > last_x + h["colw"] + 0.5 or end["page"] != top["page"]:
                short.append(p.id)
    return page_over, short


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
    for band, w in zip(plan.bands, plan.weights):
        tops = [marks[p.id]["start"]["y"] for p in band]
        ends = [marks[p.id]["end"]["y"] for p in band]
        target = max(ends) - min(tops) + free * w / total
        for p, top, end in zip(band, tops, ends):
            body_h = marks[p.id]["bodyh"]["h"]
            delta = target - (end - top)
            line_h = plan.body_size * 1.6
            whole = sum(len(t) for _, t in p.art.blocks)
            if abs(delta) < 1.5 * line_h or (delta > 0 and p.capacity >= whole):
                continue
            out[p.id] = min(2.0, max(0.6, (body_h + delta) / max(body_h, line_h)))
    return out


def regions(plan: PagePlan, marks: dict[str, dict[str, dict]], style: HouseStyle) -> list[dict]:
    """Per article: bbox, headline box, photo box, the column boxes its body fills, and what each prints."""
    out = []
    for band in plan.bands:
        for p in band:
            k = marks[p.id]
            start, top, h = k["start"], k["bodytop"], k["bodyh"]
            colw, g = h["colw"], h["gutter"]
            bottom = top["y"] + h["h"]
            x0 = start["x"]
            head = [x0, k["headtop"]["y"], x0 + p.width, k["headend"]["y"]]
            photo = None
            flow = [[top["x"] + i * (colw + g), top["y"], top["x"] + i * (colw + g) + colw, bottom] for i in range(p.cols)]
            if "phototop" in k:
                pt, pe = k["phototop"], k["photoend"]
                photo = [pt["x"], pt["y"], pt["x"] + plan.photo_widths[p.id], pe["y"]]
                if style.photo_place == "inside":
                    j = round((pt["x"] - top["x"]) / (colw + g))
                    flow[j][1] = pe["y"] + 1
            pad = 6.0 if p.framed else 0.0
            bbox = [x0 - pad, start["y"] - pad, x0 + p.width - pad, max(bottom, k["end"]["y"]) + pad]
            printed_head = "".join(x for x in (p.kicker, "".join(p.title_lines), p.subtitle, None if p.byline_in_body else p.byline) if x)
            out.append(
                {
                    "id": p.id,
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
    lead = ""
    if p.dateline:
        shown = p.dateline.strip("【】")
        lead = ("【" + shown + "】" if style.dateline_form == "bracket" else shown) + (f"（{p.byline}）" if p.byline_in_body else "")
    return lead + "".join(t for _, t in p.blocks) + (p.attribution or "")


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


def compose_page(rng: random.Random, style: HouseStyle, corpus: list[CorpusArticle], quotes: list[tuple[str, str | None]], page_no: int) -> tuple[bytes, dict, dict]:
    """Typeset one page; returns (text.pdf bytes, gold, layout)."""
    composer = BroadsheetComposer(rng, style, corpus, quotes)
    plan = composer.plan(page_no)
    slack: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="courtdoc-bench-typst-") as tmp:
        overflows = 0
        for attempt in range(FIT_TRIES):
            src = composer.source(plan, slack)
            pdf, marks = typeset(src, plan, Path(tmp))
            page_over, short = overflowing(plan, marks)
            if page_over:
                overflows += 1
                if overflows >= DROP_BAND_AFTER and len(plan.bands) > 1:
                    # Headlines and photos alone do not fit: the last band goes.
                    plan.bands.pop()
                    plan.weights.pop()
                    overflows = 0
                else:
                    scale(plan, {p.id: SHRINK for band in plan.bands for p in band})
                continue
            if short:
                for pid in short:
                    slack[pid] = slack.get(pid, 0) + 1
                continue
            factors = fill_factors(plan, marks) if attempt < FILL_TRIES else {}
            if not factors:
                break
            scale(plan, factors)
        else:
            raise RuntimeError(f"page {page_no} ({style.name}): does not fit after {FIT_TRIES} tries")
    pieces = [p for band in plan.bands for p in band]
    regs = regions(plan, marks, style)
    gold = {
        "schema": "courtdoc.manifest/1",
        "issue": plan.issue,
        "pages": [{"number": 1, "width": plan.width, "height": plan.height}],
        "articles": [gold_article(p, r) for p, r in zip(pieces, regs)],
        "furniture": plan.furniture,
        "notes": plan.notes,
    }
    layout = {"page": page_no, "width": plan.width, "height": plan.height, "style": style.name, "articles": regs}
    return pdf, gold, layout
