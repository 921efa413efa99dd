"""After assembly: checks that catch wrong articles, so confidence says which ones to look at.

Layout and segmentation decide; this stage judges the outcome, article by
article, against what a correct article looks like: a headline over a body
of some length, a title that reads like a headline (not a credit, byline,
dateline or caption), captions beside a photo, a region filled with its own
text, every line of the page taken by something, OCR that read its lines
with confidence, and no close call in the layout (`Block.doubts`).

Each check that fails is a `Finding` with a named confidence: the share of
articles with that finding that came out right on the benchmark's
development pages. An article's confidence is the lowest of its findings'
(1.0 with none), so it reads as the chance that the article is right; each
finding also adds a page warning naming the article and the reason. Every
finding's confidence is below `FLAGGED_BELOW`, the line under which an
article counts as flagged (the scorer's flag recall and precision use the
same line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Article, BBox, Block, Line, PageInfo, PageText
from .rules.furniture import furniture_kind
from .rules.headings import is_column_label
from .rules.markers import (
    find_credit,
    has_dateline,
    is_attribution_line,
    is_byline,
    is_photo_credit,
    split_attribution,
    split_dateline,
    split_photo_credit,
)
from .rules.punctuation import CLOSERS, LIST_END, ends_sentence, unbalanced

FLAGGED_BELOW = 0.8
"""An article whose confidence is below this is flagged: check it. Every finding's confidence is under it."""

# Confidence after each finding: the share of articles with that finding that came out right, measured on
# the development pages (generated seeds 1-2 in the classic style, Typst house styles seed 1, two scans;
# (right + 1) / (n + 2), rounded), so that a confidence reads as the chance the article is right. Findings
# not yet seen there keep a prior that only flags; the held-out pages (seeds 4-5, house styles seed 2)
# gave the same rates (bench/RESULTS.md, README).
EMPTY_BODY = 0.1  # a headline with no body (0 of 8 right): its body went to a neighbour, or it is no headline
SHORT_BODY = 0.2  # a body of a line or less (1 of 8 right): a fragment split off its article
UNTITLED = 0.5  # text with no headline (not seen): a run-on the layout could not give to its article
TITLE_NOT_HEADLINE = 0.1  # the title reads like a credit, byline, dateline or caption (0 of 6 right)
FIELD_MISREAD = 0.1  # a kicker, subtitle, byline or caption reads like another item (0 of 9 right)
ITEM_IN_BODY = 0.2  # a byline as a paragraph, a photo credit inside one (1 of 9 right): a field left in the body
CUT_END = 0.1  # the body stops mid-sentence (3 of 66 right): its end went elsewhere or was lost
CAPTION_NO_PHOTO = 0.5  # a caption with no photo beside it (not seen): body or credit text taken for a caption
PHOTO_CAPTION = 0.1  # a photo's caption given to another article, or none at all (0 of 16 right)
REGION_EMPTY = 0.1  # far less text than the article's rectangle holds (0 of 9 right): part of it went elsewhere
REGION_OVERFULL = 0.5  # far more text than the rectangle holds (1 of 2 right): text from elsewhere, or doubled
LOST_TEXT = 0.5  # page text next to the article that nothing took (4 of 5 right on house styles seed 1 after
# the layout fixes; too few to calibrate, so the prior stays): likely its own
LAYOUT_DOUBT = 0.66  # a layout decision about one of its blocks was a close call (21 of 32 right, house styles seed 1)
SCRAMBLED = 0.05  # its lines run across two columns or hop between them (0 of 78 right): text out of order
LOW_OCR = 0.7  # OCR read many body lines with low confidence (not seen): a misread character or more
HEADLINE_MISREAD = 0.15  # OCR unsure of a headline line, or its quotes do not pair (0 of 5 right): title wrong

# Thresholds of the checks.
SHORT_BODY_CHARS = 20
"""Characters: the shortest 简讯 body runs past one line of a wide column; shorter is a fragment."""
TITLE_CAPTION_CHARS = 40
"""Characters: a headline ending in 。 that is this long is a caption sentence (short ones are slogans)."""
PHOTO_NEAR = 3.0
"""Body sizes: a caption stands within about a line's pitch of its photo; 3 allows a credit line between."""
LEADING = 1.6
"""Line pitch over type size of body text (newspapers set 1.4-1.8): a character's share of area is size² × this."""
FILL_RANGE = (0.35, 1.6)
"""Text area over free region area: below, the rectangle is mostly empty of the article's own text (its
body went elsewhere); above, it holds more than fits. Wide because LEADING and short last lines vary."""
WIDE_LINE = 1.6
"""Body line width over the page's median body line: wider is two columns' lines read as one row (a line
set across two columns and their gutter is 2 widths and more; a wider lead column stays under 1.6)."""
WIDE_SHARE = 0.2
"""Share of an article's body lines that may be that wide before its rows count as merged across columns."""
HOPS_PER_COLUMN = 2
"""A body's lines move to another column about once per column it fills; this many hops per column and
more mean lines of two columns alternate (a heading or a photo beside the text adds one hop, not many)."""
LOST_CHARS = 4
"""Characters: a page line nobody took is reported when it has at least this many (not a stray mark)."""
LOW_LINE_CONFIDENCE = 0.9
"""OCR recognition score under which a line likely holds a misread character (PaddleOCR scores clean
body lines at 0.95-1.0 and its misreads at 0.85-0.95 on the benchmark's scans)."""
LOW_LINE_SHARE = 0.1
"""Share of an article's lines read with low confidence before the article counts as doubtful."""

_BODY_ROLES = ("paragraph", "heading")
_HEADLINE_ROLES = ("kicker", "title", "subtitle")
# A list lead-in or item, a closing note, and a quotation that closes the paragraph end a body as a sentence does.
_CLOSED = LIST_END + CLOSERS
_HAN_OR_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed check: which article (None for the page), why, and the confidence it leaves."""

    page: int
    article: str | None
    reason: str
    detail: str
    confidence: float

    @property
    def warning(self) -> str:
        who = f"{self.article}: " if self.article else ""
        return f"{who}{self.reason} ({self.detail})"


def check(
    articles: Sequence[Article],
    sources: dict[str, list[Block]],
    blocks: Sequence[Block],
    pages: Sequence[PageText],
) -> list[Finding]:
    """Every finding about the assembled articles, in article order, page findings last."""
    by_page = {p.number: p for p in pages}
    blocks_on: dict[int, list[Block]] = {}
    for b in blocks:
        blocks_on.setdefault(b.page, []).append(b)
    findings: list[Finding] = []
    for art in articles:
        own = sources.get(art.id, [])
        mine = {id(b) for b in own}
        # The other blocks of the pages the article runs over: its neighbours, and the page's column width.
        others = [b for n in sorted({art.page, *(b.page for b in own)}) for b in blocks_on.get(n, []) if id(b) not in mine]
        findings += _article_findings(art, own, others, by_page.get(art.page))
    for page in pages:
        on_page = blocks_on.get(page.number, [])
        findings += _photo_findings(page, on_page, articles, sources)
        findings += _lost_text(page, on_page, articles)
    return findings


def apply(articles: Sequence[Article], pages: Sequence[PageInfo], findings: Sequence[Finding]) -> None:
    """Confidence: the lowest of the article's findings (1.0 with none); each finding also a page warning."""
    lowest: dict[str, float] = {}
    for f in findings:
        if f.article is not None:
            lowest[f.article] = min(lowest.get(f.article, 1.0), f.confidence)
    for art in articles:
        art.confidence = lowest.get(art.id, 1.0)
    by_number = {p.number: p for p in pages}
    for f in findings:
        if f.page in by_number:
            by_number[f.page].warnings.append(f.warning)


def is_flagged(confidence: float) -> bool:
    return confidence < FLAGGED_BELOW


# ---------------------------------------------------------------- article checks


_Found = list[tuple[str, str, float]]  # (reason, detail, confidence) of one article's findings


def _article_findings(art: Article, own: list[Block], others: list[Block], page: PageText | None) -> list[Finding]:
    found = _text_findings(art) + _geometry_findings(art, own, others, page) + _source_findings(art, own)
    return [Finding(art.page, art.id, reason, detail, confidence) for reason, detail, confidence in found]


def _text_findings(art: Article) -> _Found:
    """What the article's own strings say: a body that is missing, short or cut; fields that read as other items."""
    out: _Found = []
    body = sum(len(_ink(b.text)) for b in art.blocks)
    if not art.title:
        out.append(("untitled", "text with no headline over it", UNTITLED))
    elif body == 0:
        out.append(("empty body", "a headline with no body text", EMPTY_BODY))
    elif body < SHORT_BODY_CHARS:
        out.append(("short body", f"{body} characters under the headline", SHORT_BODY))
    what = art.title and _reads_like_no_headline(art.title)
    if what:
        out.append(("title not a headline", f"title reads like {what}", TITLE_NOT_HEADLINE))
    elif art.title and unbalanced(art.title):
        out.append(("headline misread", f"quotes or brackets do not pair in {art.title[:16]!r}", HEADLINE_MISREAD))
    for name, value in (("kicker", art.kicker), ("subtitle", art.subtitle)):
        # A byline-like kicker is printed (记者手记): only credits, datelines and labels are misreads.
        what = value and (_reads_like_credit_or_dateline(value) or ("a column label" if is_column_label(value) else None))
        if what:
            out.append((f"{name} misread", f"{value[:16]!r} reads like {what}", FIELD_MISREAD))  # type: ignore[index]
    if art.byline and (split_photo_credit(art.byline)[1] or has_dateline(art.byline) or find_credit(art.byline)):
        out.append(("byline not a byline", f"{art.byline[:16]!r} holds a photo credit or dateline", FIELD_MISREAD))
    merged = [c for c in art.captions if _runs_on(c) or has_dateline(c)]
    if merged:
        out.append(("caption runs on", f"{merged[0][:16]!r} goes on past its credit", FIELD_MISREAD))
    stray = [b.text for b in art.blocks if _stray_item(b.text)]
    if stray:
        out.append(("item in body", f"a byline or photo credit in {stray[0][:16]!r}", ITEM_IN_BODY))
    last = next((b.text for b in reversed(art.blocks) if b.type == "paragraph"), None)
    if last and not _ends(last):
        out.append(("body cut", f"ends mid-sentence: {last[-8:]!r}", CUT_END))
    return out


def _geometry_findings(art: Article, own: list[Block], others: list[Block], page: PageText | None) -> _Found:
    """Where its blocks lie: captions away from photos, a rectangle it does not fill, lines out of order."""
    out: _Found = []
    if page is not None:
        lonely = [b for b in own if b.role == "caption" and b.bbox and not _photo_near(b.bbox, page.figures, b)]
        if lonely:
            out.append(("caption without photo", f"no photo near {_ink(_text(lonely[0]))[:12]!r}", CAPTION_NO_PHOTO))
    fill = _fill(art, own, others, page)
    if fill is not None and fill < FILL_RANGE[0]:
        out.append(("region mostly empty", f"text fills {fill:.0%} of the article's rectangle", REGION_EMPTY))
    elif fill is not None and fill > FILL_RANGE[1]:
        out.append(("region overfull", f"text needs {fill:.0%} of the article's rectangle", REGION_OVERFULL))
    scrambled = _scrambled(own, others)
    if scrambled:
        out.append(("text out of order", scrambled, SCRAMBLED))
    return out


def _source_findings(art: Article, own: list[Block]) -> _Found:
    """What the layout and the OCR said about its blocks: close calls, and lines read with low scores."""
    out: _Found = []
    doubts = list(dict.fromkeys(d for b in own for d in b.doubts))
    if doubts:
        out.append(("layout doubt", "; ".join(doubts), LAYOUT_DOUBT))
    head = [ln for b in own if b.role in _HEADLINE_ROLES for ln in b.lines if ln.text.strip()]
    unsure = [ln for ln in head if ln.confidence < LOW_LINE_CONFIDENCE]
    if unsure:
        out.append(("headline misread", f"OCR scored {_ink(unsure[0].text)[:12]!r} {unsure[0].confidence:.2f}", HEADLINE_MISREAD))
    lines = [ln for b in own if b.role in _BODY_ROLES for ln in b.lines if ln.text.strip()]
    low = [ln for ln in lines if ln.confidence < LOW_LINE_CONFIDENCE]
    if lines and len(low) > LOW_LINE_SHARE * len(lines):
        out.append(("low OCR confidence", f"{len(low)} of {len(lines)} lines under {LOW_LINE_CONFIDENCE:g}", LOW_OCR))
    return out


def _scrambled(own: list[Block], others: list[Block]) -> str | None:
    """Why the body's lines are out of reading order, judged on each page against its body line width."""
    for page in sorted({b.page for b in own}):
        lines = [ln for b in own if b.page == page and b.role in _BODY_ROLES for ln in b.lines if ln.bbox]
        column = _median([ln.bbox[2] - ln.bbox[0] for b in own + others if b.page == page and b.role == "paragraph"
                          for ln in b.lines if ln.bbox])  # type: ignore[index]
        if not lines or column <= 0:
            continue
        wide = sum(ln.bbox[2] - ln.bbox[0] > WIDE_LINE * column for ln in lines)  # type: ignore[index]
        if wide > WIDE_SHARE * len(lines):
            return f"{wide} of {len(lines)} lines run across two columns"
        lefts = [ln.bbox[0] for ln in lines]  # type: ignore[index]
        hops = sum(abs(a - b) > column / 2 for a, b in zip(lefts, lefts[1:]))
        columns = len({round(x / (column / 2)) for x in lefts})
        if hops > HOPS_PER_COLUMN * columns:
            return f"lines hop between columns {hops} times"
    return None


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def _reads_like_no_headline(title: str) -> str | None:
    """What the title reads like when it is not a headline: the recognisers of the rules package decide."""
    if is_byline(title):
        return "a byline"
    if len(_ink(title)) >= TITLE_CAPTION_CHARS and ends_sentence(title) and title.rstrip()[-1] in "。.":
        return "a caption"
    return _reads_like_credit_or_dateline(title)


def _reads_like_credit_or_dateline(text: str) -> str | None:
    if is_photo_credit(text) or split_photo_credit(text)[1] or find_credit(text):
        return "a photo credit"
    if split_dateline(text)[0]:
        return "a dateline"
    if is_attribution_line(text):
        return "an attribution"
    if furniture_kind(text):
        return "page furniture"
    return None


def _stray_item(text: str) -> bool:
    """A byline alone as a paragraph, or a photo credit anywhere in one."""
    return is_byline(text) or find_credit(text) is not None


def _runs_on(caption: str) -> bool:
    """A caption with text after its credit."""
    span = find_credit(caption)
    return span is not None and bool(_ink(caption[span[1] :]))


def _ends(text: str) -> bool:
    """Prose that closes: a finished sentence, a list item (；) or lead-in (：), a closing quotation, a
    credit after it, or a parenthesised note after it ((新华社记者 魏玉坤、王雨萧), (本报记者王珂采访整理))."""
    if ends_sentence(text) or text.rstrip()[-1:] in _CLOSED:
        return True
    return split_attribution(text)[1] is not None or split_photo_credit(text)[1] is not None


def _photo_near(box: BBox, figures: Sequence[BBox], block: Block) -> bool:
    reach = PHOTO_NEAR * _size(block.lines)
    return any(_gap(box, f) <= reach for f in figures)


def _fill(art: Article, own: list[Block], others: list[Block], page: PageText | None) -> float | None:
    """Area the article's text needs over the free area of its rectangle; None without geometry.

    The free area leaves out photos and other articles' blocks inside the
    rectangle (an L-shaped article's rectangle covers its neighbour).
    """
    # Only the first page's blocks: an article that runs on to the next page has a rectangle on each.
    own = [b for b in own if b.page == art.page and b.bbox is not None]
    body = [b for b in own if b.role in _BODY_ROLES]
    box = _union([b.bbox for b in own if b.bbox])
    if box is None or not body:
        return None
    size = _size([ln for b in body for ln in b.lines])
    need = sum(len(_ink(ln.text)) for b in body for ln in b.lines) * size * size * LEADING
    need += sum(_area(b.bbox) for b in own if b.role not in _BODY_ROLES and b.bbox)
    taken = sum(_area(_clip(b.bbox, box)) for b in others if b.bbox and b.page == art.page)
    taken += sum(_area(_clip(f, box)) for f in (page.figures if page else []))
    free = _area(box) - taken
    return need / free if free > 0 else None


# ---------------------------------------------------------------- page checks


def _photo_findings(
    page: PageText, blocks: list[Block], articles: Sequence[Article], sources: dict[str, list[Block]]
) -> list[Finding]:
    """Each photo belongs to the headline nearest above it: its captions should be that article's.

    A second opinion on caption ownership, from the headlines alone: a caption
    given to another article, or a photo left with no caption at all (papers
    caption or credit every photo), means one of the two articles is wrong.
    """
    owner_of = {id(b): a for a in articles for b in sources.get(a.id, [])}
    titles = [(b, owner_of[id(b)]) for b in blocks if b.role == "title" and b.bbox and id(b) in owner_of]
    captions = [b for b in blocks if b.role == "caption" and b.bbox]
    out: list[Finding] = []
    for fig in page.figures:
        owner = _headline_over(fig, titles)
        near = [b for b in captions if _gap(b.bbox, fig) <= PHOTO_NEAR * _size(b.lines)]  # type: ignore[arg-type]
        if owner is None:
            continue
        if not near:
            out.append(Finding(page.number, owner.id, "photo without caption", "no caption or credit by its photo", PHOTO_CAPTION))
        for cap in near:
            other = owner_of.get(id(cap))
            if other is not None and other is not owner:
                detail = f"the caption of a photo under {owner.id}'s headline"
                out.append(Finding(page.number, other.id, "caption of another article", detail, PHOTO_CAPTION))
                detail = f"its photo's caption went to {other.id}"
                out.append(Finding(page.number, owner.id, "caption of another article", detail, PHOTO_CAPTION))
    return out


def _headline_over(fig: BBox, titles: list[tuple[Block, Article]]) -> Article | None:
    """The article whose headline stands nearest above the photo, across part of its width."""
    above = [
        (fig[1] - b.bbox[3], art)  # type: ignore[index]
        for b, art in titles
        if b.bbox[3] <= fig[1] + PHOTO_NEAR * _size(b.lines) and b.bbox[0] < fig[2] and fig[0] < b.bbox[2]  # type: ignore[index]
    ]
    return min(above, key=lambda t: t[0])[1] if above else None


def _lost_text(page: PageText, blocks: list[Block], articles: Sequence[Article]) -> list[Finding]:
    """Page lines whose text no block took, each charged to the nearest article on the page."""
    taken = "".join(_ink(ln.text) for b in blocks for ln in b.lines)
    lost = [ln for ln in page.lines if len(_ink(ln.text)) >= LOST_CHARS and not _taken(_ink(ln.text), taken)]
    on_page = [a for a in articles if a.page == page.number]
    out: list[Finding] = []
    for ln in lost:
        near = _nearest(ln, on_page)
        detail = f"{_ink(ln.text)[:16]!r} taken by no article, furniture or note"
        out.append(Finding(page.number, near.id if near else None, "lost text", detail, LOST_TEXT))
    return out


def _taken(ink: str, taken: str) -> bool:
    """The line's text is in what the blocks took, whole or in two pieces: a line the source ran
    across a column gutter is split there by the layout, each piece going on in its own column."""
    return ink in taken or any(ink[:k] in taken and ink[k:] in taken for k in range(1, len(ink)))


def _nearest(ln: Line, articles: Sequence[Article]) -> Article | None:
    boxed = [a for a in articles if a.bbox is not None]
    if ln.bbox is None or not boxed:
        return None
    return min(boxed, key=lambda a: _gap(ln.bbox, a.bbox))  # type: ignore[arg-type]


# ---------------------------------------------------------------- small helpers


def _ink(text: str) -> str:
    return "".join(_HAN_OR_WORD.findall(text))


def _text(block: Block) -> str:
    return "".join(ln.text for ln in block.lines)


def _size(lines: Sequence[Line]) -> float:
    """The median type size of lines (box height where a source gives no size)."""
    sizes = sorted(ln.size or (ln.bbox[3] - ln.bbox[1]) for ln in lines if ln.size or ln.bbox)
    return sizes[len(sizes) // 2] if sizes else 0.0


def _area(b: BBox | None) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1]) if b else 0.0


def _union(boxes: Sequence[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _clip(b: BBox, to: BBox) -> BBox | None:
    c = (max(b[0], to[0]), max(b[1], to[1]), min(b[2], to[2]), min(b[3], to[3]))
    return c if c[0] < c[2] and c[1] < c[3] else None


def _gap(a: BBox, b: BBox) -> float:
    """Distance between two boxes (0 when they touch or overlap)."""
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return max(dx, dy)
