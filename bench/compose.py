"""Compose one broadsheet page from corpus articles, with its exact gold.

A page is a head (masthead band or running head), an optional pull-quote box,
then horizontal bands of article rectangles side by side, each article a
headline block spanning its columns over body text that flows down its columns.
An article may continue down the page's last column through the next band (an
L-shaped article). Articles are cut at a sentence end when they do not fit:
the gold holds exactly what is printed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from bench.corpus import SENTENCE_END, CorpusArticle
from bench.fonts import Faces
from bench.styles import CREDIT, HouseStyle, byline_in_dateline, dateline_as_printed, photo_captions, subtitle_as_printed
from bench.typeset import ASCENT, Glyph, Run, break_lines, char_width, glyphs, place_line

BBox = tuple[float, float, float, float]

PAPERS = ["法院专刊", "法院专刊", "司法周刊", "法治专刊", "审判之窗"]
PUBLISHERS = [
    "内蒙古自治区高级人民法院",
    "内蒙古自治区高级人民法院主办",
    "赤峰市中级人民法院",
    "呼伦贝尔市中级人民法院",
    "包头市中级人民法院",
]
CONTACTS = [
    "邮箱: nmgfyzk@126.com 电话: (0471) 4687539、6986512",
    "邮箱：fyzk2024@163.com 电话：(0476) 8336201",
    "投稿邮箱：sfzk@126.com",
]
EDITORS = ["王 鑫", "金丽", "张帅祯", "殷新宇", "祁嘉润", "郭雪岩", "韩晓明", "李安琪", "白之羽", "肖玥"]
WEEKDAYS = "一二三四五六日"
WIDE_DATELINE_GAP_EM = 1.0  # the "gap" dateline form: a blank as wide as a character, no character printed
# A photo set halfway down a house style's body (one column, or all but one for the text to jump
# around) stands this share of the way down the room under the headline, snapped to the lines.
MID_PHOTO_AT = (0.3, 0.5)
DOUBLE_RULE_GAP = 2.5  # between the heavy and the light rule of a double rule, as the masthead's


@dataclass(slots=True)
class Photo:
    bbox: BBox
    seed: int


@dataclass(slots=True)
class PageLayout:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # x0, y0, x1, y1, width
    boxes: list[tuple[BBox, float]] = field(default_factory=list)  # stroked rectangles
    fills: list[tuple[BBox, float]] = field(default_factory=list)  # filled rectangles, grey level
    photos: list[Photo] = field(default_factory=list)
    gold: dict = field(default_factory=dict)
    # Per article: the column boxes its body flows through, in order (for tests and
    # for layout work that wants to know the true columns).
    regions: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Style:
    """Per-page typographic choices."""

    ncols: int
    body_font: str
    gutter: float
    body_size: float
    leading: float
    margin_x: float
    bold_copies: int  # 2 or 4 drawings for fake bold
    bold_offset: float  # 0.2-2.5 pt
    bold_headlines: bool
    split_stop: bool  # trailing 。 drawn as its own run in another font


def union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def sentence_cut(text: str) -> int:
    """Index of the last character that ends a sentence (a closing quote after 。！？ counts), or -1."""
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c in SENTENCE_END or (c in "”’）" and i > 0 and text[i - 1] in SENTENCE_END):
            return i
    return -1


def _shrink(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The blocks less the last sentence of the last paragraph (or less the last block)."""
    kind, text = blocks[-1]
    if kind == "paragraph":
        cut = sentence_cut(text[:-1])
        if cut + 1 >= 8:
            return blocks[:-1] + [(kind, text[: cut + 1])]
    return blocks[:-1]


def _drop_trailing_headings(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while blocks and blocks[-1][0] == "heading":
        blocks = blocks[:-1]
    return blocks


def byline_names(byline: str | None) -> list[str]:
    """Personal names in a byline such as `本报记者 李心萍 郑智文` or `本报通讯员●周雪莹` (or `本報記者 …`)."""
    if not byline:
        return []
    rest = re.sub(r"(本[报報]|新[华華]社|人民[网網])?([记記]者|通[讯訊][员員])[●\s]*", " ", byline)
    return [n for n in rest.split() if 2 <= len(n) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in n)]


def _width(text: str, font: str, size: float) -> float:
    return sum(char_width(c, font, size) for c in text)


def split_columns(rng: random.Random, n: int) -> list[int]:
    """Split n columns into 1-3 article widths (at most one single column on wide pages)."""
    while True:
        parts = []
        left = n
        while left > 0:
            w = rng.randint(1, left) if left > 1 else 1
            parts.append(w)
            left -= w
        if len(parts) <= 3 and (parts.count(1) <= 1 or n <= 4):
            return parts


def pick_article(rng: random.Random, corpus: list[CorpusArticle], used: set[int], capacity: int) -> CorpusArticle:
    """An unused article with at least 80 % of `capacity` characters (else one of the longest); marks it used."""
    free = [i for i in range(len(corpus)) if i not in used]
    if not free:
        used.clear()
        free = list(range(len(corpus)))
    fitting = [i for i in free if corpus[i].body_chars >= 0.8 * capacity]
    pool = fitting if fitting else sorted(free, key=lambda i: -corpus[i].body_chars)[:3]
    i = rng.choice(pool)
    used.add(i)
    return corpus[i]


class PageComposer:
    """The classic page: every choice drawn per page, or, given a house style, its conventions.

    Without a house style the page is the classic style itself (each convention drawn at
    random, page by page); with one, the same typesetter prints that style's datelines,
    bylines, subtitles, captions, attributions, separation and furniture, so every house
    style also exists in this generator. Random draws are made the same either way, so a
    house style changes only what it decides.
    """

    def __init__(self, rng: random.Random, faces: Faces, corpus: list[CorpusArticle], quotes: list[tuple[str, str | None]], house: HouseStyle | None = None):
        self.rng = rng
        self.f = faces
        self.corpus = corpus
        self.quotes = quotes
        self.h = house
        self.used: set[int] = set()
        # Photographers for photo credits: the reporters named in the corpus bylines.
        self.photographers = sorted({n for a in corpus for n in byline_names(a.byline)})

    # ---------- small drawing helpers ----------

    def _copies(self, st: Style, bold: bool, small: bool = False) -> list[tuple[float, float]]:
        if not bold:
            return [(0.0, 0.0)]
        d = st.bold_offset if not small else min(st.bold_offset, 0.2 + self.rng.random() * 0.6)
        if st.bold_copies == 2:
            return [(0.0, 0.0), (d, 0.0)]
        return [(0.0, 0.0), (d, 0.0), (0.0, d * 0.5), (d, d * 0.5)]

    def _text_lines(
        self,
        lay: PageLayout,
        st: Style,
        text: str,
        font: str,
        size: float,
        x0: float,
        width: float,
        top: float,
        *,
        align: str = "center",
        bold: bool = False,
        leading: float = 1.3,
        small: bool = False,
    ) -> tuple[float, list[BBox]]:
        """Set `text` in unjustified lines; returns the new top and the runs' bboxes."""
        lines = break_lines(glyphs(text, font, size), width)
        bbs = []
        y = top
        copies = self._copies(st, bold, small)
        for line in lines:
            baseline = y + ASCENT * size
            runs = place_line(line, x0, baseline, width, justify=False, align=align)
            for r in runs:
                r.copies = copies
            if st.split_stop and bold and runs and runs[-1].text.endswith("。") and len(runs[-1].text) > 1:
                last = runs[-1]
                last.text = last.text[:-1]
                x = last.x + _width(last.text, last.font, last.size)
                runs.append(Run("。", x, baseline, self.f.song, size, 0.0, copies))
            lay.runs.extend(runs)
            bbs.extend(r.bbox for r in runs)
            y += size * leading
        return y, bbs

    # ---------- page furniture ----------

    def _head(self, lay: PageLayout, st: Style, page_no: int) -> tuple[float, list[str], dict]:
        rng = self.rng
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        label = f"{page_no:02d}版" if rng.random() < 0.5 else f"{page_no}版"
        paper = rng.choice(PAPERS)
        date_cn = f"{day.year}年{day.month:02d}月{day.day:02d}日" if rng.random() < 0.5 else f"{day.year}年{day.month}月{day.day}日"
        week = f"星期{WEEKDAYS[day.weekday()]}"
        W = lay.width
        mx = st.margin_x
        furniture: list[str] = []
        issue = {"paper": paper, "publisher": None, "date": day.isoformat(), "page_label": label}
        top = 30.0
        band = rng.random() < 0.5
        if self.h:
            band = self.h.masthead == "band"
        if band:
            publisher = rng.choice(PUBLISHERS)
            contact = rng.choice(CONTACTS)
            name_size = rng.uniform(40, 52)
            y, _ = self._text_lines(lay, st, paper, self.f.hei, name_size, mx, W, top, align="left", bold=True)
            y, _ = self._text_lines(lay, st, publisher, self.f.hei_light, 12, mx, W, y + 2, align="left")
            dateline = f"{date_cn} {week} {label}"
            self._text_lines(lay, st, contact, self.f.song, 9.5, mx, W - 2 * mx, top + 18, align="right")
            self._text_lines(lay, st, dateline, self.f.hei_light, 12, mx, W - 2 * mx, top + 40, align="right")
            bottom = max(y, top + 64) + 6
            lay.rules.append((mx, bottom, W - mx, bottom, 2.2))
            lay.rules.append((mx, bottom + 3.5, W - mx, bottom + 3.5, 0.6))
            furniture += [paper, publisher, contact, dateline]
            issue["publisher"] = publisher
            return bottom + 14, furniture, issue
        left = f"{date_cn} {week}"
        self._text_lines(lay, st, left, self.f.song, 10.5, mx, W - 2 * mx, top, align="left")
        self._text_lines(lay, st, paper, self.f.hei, 14, mx, W - 2 * mx, top - 2, align="center", bold=st.bold_headlines)
        self._text_lines(lay, st, label, self.f.hei, 14, mx, W - 2 * mx, top - 2, align="right")
        lay.rules.append((mx, top + 20, W - mx, top + 20, 1.2))
        furniture += [left, paper, label]
        return top + 32, furniture, issue

    def _foot(self, lay: PageLayout, st: Style) -> tuple[float, str]:
        rng = self.rng
        text = f"责任编辑：{rng.choice(EDITORS)}"
        if rng.random() < 0.5:
            text += f"　版式设计：{rng.choice(EDITORS)}"
        y = lay.height - 34
        lay.rules.append((st.margin_x, y - 6, lay.width - st.margin_x, y - 6, 0.6))
        self._text_lines(lay, st, text, self.f.song, 9, st.margin_x, lay.width - 2 * st.margin_x, y, align="left")
        return y - 14, text

    def _pull_quote(self, lay: PageLayout, st: Style, top: float) -> tuple[float, dict]:
        text, source = self.rng.choice(self.quotes)
        W = lay.width
        mx = st.margin_x
        inner = W - 2 * mx - 60
        y = top + 12
        size = self.rng.choice([12.0, 13.0, 14.0])
        y, _ = self._text_lines(lay, st, text, self.f.kai, size, mx + 30, inner, y, align="left", leading=1.45)
        if source:
            y, _ = self._text_lines(lay, st, source, self.f.song, 10.5, mx + 30, inner, y + 2, align="right")
        box = (mx + 12, top, W - mx - 12, y + 8)
        lay.boxes.append((box, 1.0))
        return box[3] + 14, {"type": "pull-quote", "text": text, "source": source}

    def _rule(self, lay: PageLayout, rule: tuple[float, float, float, float, float]) -> None:
        """A rule between articles as the house separates them: none where whitespace does, a
        horizontal one doubled where the style doubles them."""
        sep = self.h.separator if self.h else "rule"
        if sep == "space":
            return
        lay.rules.append(rule)
        x0, y0, x1, y1, _ = rule
        if sep == "double" and y0 == y1:
            lay.rules[-1] = (x0, y0 - DOUBLE_RULE_GAP / 2, x1, y1 - DOUBLE_RULE_GAP / 2, 1.2)
            lay.rules.append((x0, y0 + DOUBLE_RULE_GAP / 2, x1, y1 + DOUBLE_RULE_GAP / 2, 0.5))

    # ---------- bands and slots ----------

    def _slots(self, n: int) -> list[int]:
        return split_columns(self.rng, n)

    def _pick(self, capacity: int) -> CorpusArticle:
        return pick_article(self.rng, self.corpus, self.used, capacity)

    def compose(self, page_no: int, width: float, height: float) -> PageLayout:
        """Page `page_no` of the paper (its 版 label); the PDF itself is a one-page document."""
        rng = self.rng
        h = self.h
        st = Style(
            ncols=rng.choice(list(h.ncols) if h else [4, 5, 5, 6]),
            body_font=rng.choice([self.f.song, self.f.serif]),
            gutter=rng.uniform(10, 14),
            body_size=rng.choice(list(h.body_size) if h else [9.5, 10.0, 10.0, 10.5]),
            leading=rng.uniform(1.45, 1.65),
            margin_x=rng.uniform(34, 46),
            bold_copies=rng.choice([2, 4]),
            bold_offset=round(rng.uniform(0.2, 2.5), 2),
            bold_headlines=rng.random() < 0.7,
            split_stop=rng.random() < 0.5,
        )
        if h:
            st.body_font = self.f.song if h.body_font.startswith("AR PL") else self.f.serif
            st.leading = 1 + h.leading_em  # Typst's leading is the gap between lines
            st.bold_headlines = h.fake_bold
        lay = PageLayout(width, height)
        top, furniture, issue = self._head(lay, st, page_no)
        notes: list[dict] = []
        if self.quotes and rng.random() < (self.h.pull_quote_rate if self.h else 0.45):
            top, note = self._pull_quote(lay, st, top)
            notes.append(note)
        bottom, editor = self._foot(lay, st)
        furniture.append(editor)

        n = st.ncols
        colw = (width - 2 * st.margin_x - (n - 1) * st.gutter) / n
        colx = [st.margin_x + c * (colw + st.gutter) for c in range(n)]
        total = bottom - top
        nb = max(1, min(rng.choice([2, 3, 3, 4]), int(total // 220)))
        weights = [rng.uniform(0.7, 1.3) for _ in range(nb)]
        heights = [total * w / sum(weights) for w in weights]

        articles: list[dict] = []
        y = top
        ext: tuple[dict, list[tuple[float, float, float, float]]] | None = None  # L-shaped continuation
        for b, h in enumerate(heights):
            band_top, band_bottom = y, y + h
            cols = n if ext is None else n - 1
            if ext is not None:
                frame, boxes = ext
                boxes.append((colx[n - 1], band_top, colx[n - 1] + colw, band_bottom - 6))
                gx = colx[n - 1] - st.gutter / 2
                self._rule(lay, (gx, band_top - 4, gx, band_bottom - 4, 0.5))
            parts = self._slots(cols)
            slot_frames = []
            c = 0
            for s_i, k in enumerate(parts):
                x0, x1 = colx[c], colx[c + k - 1] + colw
                # A narrow slot in a tall band may hold two articles stacked.
                stack = k <= 2 and h > 420 and s_i < len(parts) - 1 and rng.random() < 0.4
                cuts = [band_top, band_top + h * rng.uniform(0.4, 0.6), band_bottom] if stack else [band_top, band_bottom]
                for t0, t1 in zip(cuts, cuts[1:]):
                    boxes = [(colx[j], t0, colx[j] + colw, t1 - 6) for j in range(c, c + k)]
                    slot_frames.append({"x0": x0, "x1": x1, "top": t0, "band": b, "cols": boxes})
                    if t1 < band_bottom:
                        self._rule(lay, (x0, t1 - 3, x1, t1 - 3, 0.6))
                if c > 0:
                    gx = x0 - st.gutter / 2
                    self._rule(lay, (gx, band_top, gx, band_bottom - 8, 0.5))
                c += k
            # The previous band's L-article is set once its continuation box is known.
            if ext is not None:
                articles.append(ext[0])
                ext = None
            last = b == len(heights) - 1
            make_l = not last and parts[-1] >= 2 and cols == n and rng.random() < (self.h.l_rate if self.h else 0.35)
            for s_i, fr in enumerate(slot_frames):
                fr["ext"] = []
                if make_l and s_i == len(slot_frames) - 1:
                    ext = (fr, fr["ext"])
                else:
                    articles.append(fr)
            if b < len(heights) - 1:
                right = colx[n - 2] + colw if ext is not None else width - st.margin_x
                self._rule(lay, (st.margin_x, band_bottom - 3, right, band_bottom - 3, 0.8))
            y = band_bottom + 4
        if ext is not None:
            articles.append(ext[0])
        # Reading order: by band, left to right, stacked ones top down (an L-article
        # belongs to its headline band).
        articles.sort(key=lambda fr: (fr["band"], fr["x0"], fr["top"]))
        gold_articles = []
        for fr in articles:
            a = self._article(lay, st, fr, notes)
            if a is not None:
                a["id"] = f"p01-a{len(gold_articles) + 1:02d}"
                parts = {key: a.pop(key) for key in ("headline", "photo", "flow")}
                printed = a.pop("printed")
                lay.regions.append({"id": a["id"], "bbox": a["bbox"], **parts} | ({"printed": printed} if printed else {}))
                gold_articles.append(a)
        lay.gold = {
            "schema": "courtdoc.manifest/1",
            "issue": issue,
            "pages": [{"number": 1, "width": width, "height": height}],
            "articles": [{"id": a.pop("id"), "page": 1, **a} for a in gold_articles],
            "furniture": furniture,
            "notes": notes,
        }
        return lay

    # ---------- one article ----------

    def _headline(self, lay: PageLayout, st: Style, art: CorpusArticle, x0: float, w: float, top: float, k: int, notes: list[dict]) -> tuple[float, list[BBox], dict]:
        rng, h = self.rng, self.h
        bbs: list[BBox] = []
        y = top + 4
        fields: dict = {"kicker": None, "subtitle": None, "byline": None}
        label, kicker = art.label, art.kicker
        # A short 栏目 name (编辑手记, 人民时评) is printed either as a kicker or in a label box.
        if not label and kicker and len(kicker) <= 10 and rng.random() < (h.label_rate if h else 0.35):
            label, kicker = kicker, None
        if h and kicker and rng.random() > h.kicker_rate + 0.3:
            kicker = None
        if label and rng.random() < (h.label_rate + 0.3 if h else 0.8):
            size = 11.0
            tw = _width(label, self.f.hei, size)
            lay.fills.append(((x0, y, x0 + tw + 12, y + size + 8), 0.0))
            lay.runs.append(Run(label, x0 + 6, y + 4 + ASCENT * size, self.f.hei, size, fill=1.0))
            notes.append({"type": "column-label", "text": label, "source": None})
            y += size + 16
        base = {1: rng.uniform(16, 19), 2: rng.uniform(20, 25)}.get(k, rng.uniform(24, 32))
        inner = w - 8
        align = "center" if rng.random() < 0.75 else "left"  # the kicker stands as the title does
        if h:
            align = h.headline_align
        title_align = align
        if kicker:
            ks = max(10.5, round(base * 0.55, 1))
            y, b = self._text_lines(lay, st, kicker, self.f.hei_light, ks, x0 + 4, inner, y, align=align)
            bbs += b
            fields["kicker"] = kicker
            y += 2
        size = base
        while _width(art.title, self.f.hei, size) > inner and size > base * 0.72:
            size -= 0.5
        title_lines = [art.title]
        if _width(art.title, self.f.hei, size) > inner:
            if " " in art.title:
                title_lines = art.title.split(" ", 1)
            else:
                title_lines = [art.title]
        for t in title_lines:
            y, b = self._text_lines(lay, st, t, self.f.hei, size, x0 + 4, inner, y, align=align, bold=st.bold_headlines, leading=1.25)
            bbs += b
        subtitle = subtitle_as_printed(h, art.subtitle) if h else art.subtitle
        if subtitle:
            ss = max(10.5, round(size * 0.55, 1))
            align = "right" if subtitle.startswith("——") and rng.random() < 0.6 else "center"
            if h:
                align = "right" if subtitle.startswith("——") and title_align == "center" else title_align
            y, b = self._text_lines(lay, st, subtitle, self.f.hei_light, ss, x0 + 4, inner, y + 2, align=align)
            bbs += b
            fields["subtitle"] = subtitle
        fields["byline_in_body"] = bool(h and byline_in_dateline(h, art.dateline, art.byline))
        if art.byline and not fields["byline_in_body"]:
            align = rng.choice(["center", "left"])
            if h:
                align = h.byline_align if title_align == "center" else "left"
            y, b = self._text_lines(lay, st, art.byline, self.f.kai, st.body_size + 1, x0 + 4, inner, y + 3, align=align)
            bbs += b
        fields["byline"] = art.byline
        return y + 6, bbs, fields

    def _photo(self, lay: PageLayout, st: Style, x0: float, w: float, top: float, captions: list[str]) -> tuple[float, list[BBox]]:
        h = w * self.rng.uniform(0.5, 0.72)
        box = (x0, top, x0 + w, top + h)
        lay.photos.append(Photo(box, self.rng.randrange(1 << 30)))
        bbs = [box]
        y = top + h + 4
        for cap in captions:
            # A credit on a line of its own stands right, as the style sets it.
            own = bool(self.h and self.h.credit_own_line and CREDIT.match(cap) and cap == captions[-1] and len(captions) > 1)
            y, b = self._text_lines(lay, st, cap, self.f.kai, 9.0, x0, w, y, align="right" if own else "center", bold=self.rng.random() < 0.6, small=True, leading=1.35)
            bbs += b
        return y + 8, bbs

    def _article(self, lay: PageLayout, st: Style, fr: dict, notes: list[dict]) -> dict | None:
        rng = self.rng
        boxes = fr["cols"]
        x0, x1, top = fr["x0"], fr["x1"], fr["top"]
        k = len(boxes)
        line_h = st.body_size * st.leading
        colw = boxes[0][2] - boxes[0][0]
        per_line = max(1, int(colw / st.body_size))
        all_boxes = boxes + fr["ext"]
        capacity = int(sum((b[3] - b[1] - (70 if i < k else 0)) / line_h for i, b in enumerate(all_boxes)) * per_line)
        art = self._pick(capacity)
        # Draw into a scratch layout: an article whose body does not fit leaves no ink.
        page, lay = lay, PageLayout(lay.width, lay.height)
        own_notes: list[dict] = []
        y, bbs, fields = self._headline(lay, st, art, x0, x1 - x0, top, k, own_notes)

        captions: list[str] = []
        photo_cols = 0
        cap_src = list(art.captions[:2])
        if not cap_src and self.photographers and rng.random() < (0.45 if k >= 2 else 0.2):
            names = byline_names(art.byline) or self.photographers
            cap_src = [f"{rng.choice(names)} 摄"]
        head_box = union(bbs)
        photo_box = None
        photo_cols = min(k, rng.choice([1, 2, 2, 3]))
        mid = False  # the photo halfway down its columns, the text above and below it
        h = self.h
        if h:
            wanted = rng.random() < h.photo_rate and (k >= 2 or h.photo_place == "inside")
            cap_src = photo_captions(rng, h, list(art.captions), byline_names(art.byline) or self.photographers) if wanted else []
            if k >= 3 and rng.random() < h.jump_rate:
                photo_cols, mid = rng.randint(2, k - 1), True
            elif h.photo_place == "inside":
                photo_cols, mid = 1, True
            else:
                photo_cols = min(k, max(2, photo_cols))
        photo_h = (colw * photo_cols) * 0.72 + 20 * len(cap_src)
        # Each column's boxes, top down: one under the headline, or two around a photo set in it.
        col_boxes = [[(b[0], y, b[2], b[3])] for b in boxes]
        if cap_src and (boxes[0][3] - y) > photo_h + 8 * line_h:
            px0 = boxes[0][0] if rng.random() < 0.6 else boxes[k - photo_cols][0]
            first = 0 if px0 == boxes[0][0] else k - photo_cols
            pw = boxes[first + photo_cols - 1][2] - px0
            py = y
            if mid:
                py += round(rng.uniform(*MID_PHOTO_AT) * (boxes[0][3] - y - photo_h) / line_h) * line_h
            pbottom, pb = self._photo(lay, st, px0, pw, py, cap_src)
            bbs += pb
            photo_box = union(pb)
            captions = cap_src
            for j in range(first, first + photo_cols):
                b = boxes[j]
                col_boxes[j] = ([(b[0], y, b[2], py - 4)] if mid else []) + [(b[0], pbottom, b[2], b[3])]
        flow_boxes = [b for column in col_boxes for b in column] + list(fr["ext"])
        flow_boxes = [b for b in flow_boxes if b[3] - b[1] >= line_h * 2]
        in_bracket = art.byline if fields["byline_in_body"] else None
        blocks, attribution, dateline, body_bbs = self._body(lay, st, art, flow_boxes, in_bracket)
        if not blocks:
            return None
        if in_bracket and not dateline:
            fields["byline"] = None  # its bracket went with the dateline (the body opens with a heading)
        bbs += body_bbs
        bbox = union(bbs)
        # A boxed short item, as papers set 短讯; only a rectangle is framed (an L-shaped
        # article's frame would also take in the neighbour under its extension).
        frame_rate = 0.12
        if self.h:
            frame_rate = self.h.frame_rate if self.h.separator == "frame" else self.h.frame_rate * 0.5
        if k <= 2 and rng.random() < frame_rate and not fr["ext"]:
            page.boxes.append(((x0 - 4, top - 1, x1 + 4, bbox[3] + 5), 0.8))
        page.runs += lay.runs
        page.fills += lay.fills
        page.photos += lay.photos
        notes += own_notes
        return {
            "kicker": fields["kicker"],
            "title": art.title,
            "subtitle": fields["subtitle"],
            "byline": fields["byline"],
            "dateline": dateline,
            "blocks": [{"type": t, "text": x} for t, x in blocks],
            "attribution": attribution,
            "captions": captions,
            "bbox": [round(v, 2) for v in bbox],
            "flow": [[round(v, 2) for v in b] for b in flow_boxes],
            "headline": [round(v, 2) for v in head_box],
            "photo": [round(v, 2) for v in photo_box] if photo_box else None,
            # A house style may print fields otherwise than the gold holds them (a bracketed dateline, the
            # byline in it): what it printed, for bench.verify. The classic style prints the fields as they are.
            "printed": None
            if self.h is None
            else {
                "headline": "".join(x for x in (fields["kicker"], art.title, fields["subtitle"], None if in_bracket else fields["byline"]) if x),
                "body": (dateline_as_printed(self.h, dateline, in_bracket) if dateline else "") + "".join(t for _, t in blocks) + (attribution or ""),
                "photo": "".join(captions),
            },
        }

    # ---------- body flow ----------

    def _lead(self, st: Style, dateline: str, byline: str | None) -> list[Glyph]:
        """The run-in dateline in Hei; in a house style also the reporter in its bracket and the gap it prints."""
        size = st.body_size
        if self.h is None:
            head = glyphs(dateline, self.f.hei, size)
            head[-1].gap_after = size * 0.5
            return head
        head = glyphs(dateline_as_printed(self.h, dateline, None), self.f.hei, size)
        if byline:
            head += glyphs(f"（{byline}）", st.body_font, size)
        if self.h.dateline_form == "runin":
            head += glyphs("\u3000", st.body_font, size)
        elif self.h.dateline_form == "gap":
            head[-1].gap_after = size * WIDE_DATELINE_GAP_EM
        return head

    def _items(self, st: Style, art: CorpusArticle, blocks: list[tuple[str, str]], dateline: str | None, attribution: str | None, inline_attr: bool, byline: str | None) -> list[tuple[str, list[Glyph]]]:
        size = st.body_size
        items: list[tuple[str, list[Glyph]]] = []
        for i, (kind, text) in enumerate(blocks):
            if kind == "heading":
                items.append(("heading", glyphs(text, self.f.hei, size + 0.5)))
                continue
            gl = glyphs(text, st.body_font, size)
            if i == 0 and dateline:
                gl = self._lead(st, dateline, byline) + gl
            if inline_attr and attribution and i == len(blocks) - 1:
                gl = gl + glyphs(attribution, st.body_font, size)
            items.append(("paragraph", gl))
        if attribution and not inline_attr:
            items.append(("attribution", glyphs(attribution, st.body_font, size)))
        return items

    def _body(self, lay: PageLayout, st: Style, art: CorpusArticle, boxes: list[BBox], byline: str | None) -> tuple[list[tuple[str, str]], str | None, str | None, list[BBox]]:
        """Set the body into `boxes`; cut at a sentence end when it does not fit. `byline` is printed in the dateline's bracket."""
        rng = self.rng
        blocks = list(art.blocks)
        dateline = art.dateline
        attribution = art.attribution
        inline_attr = rng.random() < 0.5
        if self.h:
            inline_attr = not self.h.attribution_own_line
        inline_attr = inline_attr and bool(blocks) and blocks[-1][0] == "paragraph"
        for _ in range(12):
            items = self._items(st, art, blocks, dateline, attribution, inline_attr, byline)
            _, overflow = self._flow(st, items, boxes, dry=True)
            if overflow is None:
                break
            i, printed_chars = overflow  # item i only partly printed
            keep = blocks[:i] if i < len(blocks) else blocks
            if i < len(blocks) and blocks[i][0] == "paragraph":
                prefix = len(self._lead(st, dateline, byline)) if (i == 0 and dateline) else 0
                text = blocks[i][1][: max(0, printed_chars - prefix)]
                cut = sentence_cut(text)
                if cut >= 0 and cut + 1 >= 8:
                    keep = blocks[:i] + [("paragraph", text[: cut + 1])]
            keep = _drop_trailing_headings(keep)
            if keep == blocks:  # only the attribution overflowed: give up one more sentence
                keep = _drop_trailing_headings(_shrink(blocks))
            blocks = keep
            if not blocks:
                return [], None, None, []
        else:
            return [], None, None, []
        if blocks[0][0] != "paragraph":
            dateline = None  # a dateline is printed only at the start of a first paragraph
        items = self._items(st, art, blocks, dateline, attribution, inline_attr, byline)
        runs, _ = self._flow(st, items, boxes, dry=False)
        lay.runs.extend(runs)
        return blocks, attribution, dateline, [r.bbox for r in runs]

    def _flow(self, st: Style, items: list[tuple[str, list[Glyph]]], boxes: list[BBox], *, dry: bool) -> tuple[list[Run], tuple[int, int] | None]:
        """Place items line by line through the boxes.

        Returns the runs and, when space runs out, (index of the item cut, number
        of its glyphs that were printed).
        """
        size = st.body_size
        line_h = size * st.leading
        runs: list[Run] = []
        bi = 0
        y = boxes[0][1] if boxes else 0.0
        for idx, (kind, gl) in enumerate(items):
            x0, _, x1, _ = boxes[bi] if bi < len(boxes) else (0, 0, 0, 0)
            width = x1 - x0
            if kind == "heading":
                lines = break_lines(gl, width)
                y += line_h * 0.3
            elif kind == "attribution":
                lines = break_lines(gl, width)
            else:
                lines = break_lines(gl, width, indent=2 * size)
            printed = 0
            for li, line in enumerate(lines):
                while bi < len(boxes) and y + line_h > boxes[bi][3] + 0.01:
                    bi += 1
                    if bi < len(boxes):
                        y = boxes[bi][1]
                if bi >= len(boxes) or (kind == "heading" and li == 0 and y + 2 * line_h > boxes[bi][3] and bi == len(boxes) - 1):
                    return runs, (idx, printed)
                bx0 = boxes[bi][0]
                baseline = y + ASCENT * size + (line_h - size) / 2
                if kind == "heading":
                    placed = place_line(line, bx0, baseline, width, justify=False, align="center")
                    for r in placed:
                        r.copies = self._copies(st, st.bold_headlines, small=True)
                elif kind == "attribution":
                    placed = place_line(line, bx0, baseline, width, justify=False, align="right")
                else:
                    indent = 2 * size if li == 0 else 0.0
                    placed = place_line(line, bx0 + indent, baseline, width - indent, justify=li < len(lines) - 1)
                if not dry:
                    runs.extend(placed)
                printed += len(line)
                y += line_h
            if kind == "heading":
                y += line_h * 0.2
        return runs, None
