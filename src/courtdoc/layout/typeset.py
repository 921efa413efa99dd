"""How a line is set, against the page's body type: size tier, bold face, indent, caption face.

`PageCtx` carries what the page's statistics say (body size, line pitch, the
body's typeface) and the shapes drawn on it; everything here judges one line
against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import BBox, Line
from ..rules.markers import ends_with_photo_credit, is_byline
from ..rules.punctuation import ends_unit
from .boxes import frames_holding, middle_in, overlaps, right_under, within
from .columns import line_box, line_size
from .params import PARAMS as P

# Typeface names that say heavy strokes (fake bold is marked by the PDF source).
BOLD_FACES = ("bold", "heavy", "black", "hei", "黑", "fake-bold")


@dataclass(slots=True)
class PageCtx:
    number: int
    body: float
    pitch: float
    body_font: str
    figures: list[BBox]
    rules: list[BBox]  # thin rules, and the four sides of every frame
    boxes: list[BBox]  # frames drawn round text (a boxed article, a pull quote)
    # Blank bands across a box with a headline opening the band under them (reading_order):
    # on a page separated by whitespace alone they part articles where others draw a rule.
    blanks: list[BBox] = field(default_factory=list)
    # Photo credits on lines of their own (张卓 摄): each closes its photo's caption.
    credits: list[BBox] = field(default_factory=list)
    # Every line the layout reads (no furniture band): where open space lies between two, what stands beside a photo.
    printed: list[Line] = field(default_factory=list)
    # Section headings set on bars across their columns (`bands.bar_headings`): headings whatever
    # their setting, never a headline, byline or caption.
    bars: list[BBox] = field(default_factory=list)
    # Every ownership decision, in the order made, for the layout dump: what, its box, the region, why.
    decisions: list[Decision] = field(default_factory=list)

    def separators(self) -> list[BBox]:
        """What parts one article from another: rules, frame sides and the blank bands."""
        return self.rules + self.blanks


@dataclass(frozen=True, slots=True)
class Decision:
    """One ownership decision: which region (headline) a column, block or caption went to, and why.

    `close` marks a close call (several plausible owners, or one chosen by a
    rule of thumb): the blocks it placed carry `why` in `Block.doubts`.
    """

    what: str  # "column", "block", "caption" or "pull-quote"
    bbox: BBox
    region: int | None
    why: str
    close: bool = False


def size_tier(ln: Line, body: float) -> str:
    s = line_size(ln)
    if s >= P.head * body:
        return "head"
    if s >= P.deck * body:
        return "deck"
    if s < P.small * body:
        return "small"
    return "body"


def measure_body_font(lines: Sequence[Line], body: float) -> str:
    count: dict[str, int] = {}
    for ln in lines:
        if ln.font and abs(line_size(ln) - body) <= P.same_size * body:
            count[ln.font] = count.get(ln.font, 0) + len(ln.text)
    return max(count, key=count.__getitem__) if count else ""


def is_bold(ln: Line, body_font: str) -> bool:
    """Heavier than the body: as the source measured the strokes (OCR), else by typeface name."""
    if ln.bold is not None:
        return ln.bold
    font = ln.font
    if not font or font == body_font:
        return False
    f = font.lower()
    return any(k in f for k in BOLD_FACES) and not any(k in body_font.lower() for k in BOLD_FACES)


def on_bar(ln: Line, ctx: PageCtx) -> bool:
    """The line is a section heading set on a bar across its column (by its middle)."""
    return any(middle_in(line_box(ln), bar) for bar in ctx.bars)


def set_as_headline(ln: Line, ctx: PageCtx) -> bool:
    """Bold; or, where the typeface is unknown (OCR), bigger than the body; and not set as a caption
    (a fake-bold 楷体 caption is as heavy as a small headline, but stands at its photo), nor on a
    section heading's bar."""
    heavy = is_bold(ln, ctx.body_font) or (ln.font is None and size_tier(ln, ctx.body) == "deck")
    return heavy and not sets_caption(ln, ctx) and not on_bar(ln, ctx)


def caption_like(ln: Line, ctx: PageCtx) -> bool:
    """Small print, or body-size print in a face other than the body's (captions are set in 楷体)."""
    t = size_tier(ln, ctx.body)
    return t == "small" or (t == "body" and bool(ln.font) and ln.font != ctx.body_font)


def sets_caption(ln: Line, ctx: PageCtx) -> bool:
    """The one decision of caption against headline by how a line is set: a caption stands at its photo
    (`near_figure`), no bigger than the body, in small print or a face of its own (`caption_like`).
    A headline is display type, or, set at body size in a small article, stands where its article
    opens: under a rule or over its byline, never at a photo's edge. Weight says nothing: captions
    are set in a fake-bold 楷体 as often as headlines in a bold 黑体. A byline by its words (□ 陈银健,
    本报记者 王丽) set at the body's head under a photo is no caption: a credit says 摄."""
    return caption_like(ln, ctx) and near_figure(ln, ctx) and not on_bar(ln, ctx) and not is_byline(ln.text)


def short(ln: Line) -> bool:
    text = ln.text.strip()
    return len(text) <= P.short_chars and not ends_unit(text)


def first_line_indent(ln: Line, left: float, size: float) -> bool:
    """Set in from the column's left edge as a paragraph's first line (two cells, give or take)."""
    return P.indent[0] * size <= line_box(ln)[0] - left <= P.indent[1] * size


def _framed_apart(line: BBox, photo: BBox, frames: list[BBox]) -> bool:
    """The line stands in a frame the photo is not in (by their middles): a frame boxes one item, so a
    line framed with an article's lead is no caption of a photo outside the frame. A caption outside a
    frame round its photo or chart (a plot's axes) is not parted from it."""
    return bool(frames_holding(line, frames) - frames_holding(photo, frames))


def near_figure(ln: Line, ctx: PageCtx) -> bool:
    """Close above or below a photo, printed on it (a caption on a band across its foot), or beside
    it at its foot (captions set in the column beside a photo end level with it), and not under the
    credit that closes that photo's caption: one under the photo over the line, or one beside the
    photo at its foot. Over or under it, only captions stand between a caption and its photo: a
    short line under a line of the column's own (the rest of a byline wrapped at the body's head
    under a photo) goes on from that line."""
    b = line_box(ln)
    near, far = (k * ctx.pitch for k in P.caption_reach)

    def closes(c: BBox, f: BBox) -> bool:
        under = f[3] - near <= c[1] and c[3] <= b[1] + P.edge_slack and min(c[2], f[2]) > max(c[0], f[0])
        beside = abs(c[3] - f[3]) <= near and 0 <= max(c[0] - f[2], f[0] - c[2]) <= far
        return c != b and (under or beside)

    for f in ctx.figures:
        if any(closes(c, f) for c in ctx.credits) or _framed_apart(b, f, ctx.boxes):
            continue
        over_under = (
            min(b[2], f[2]) > max(b[0], f[0])
            and any(-near <= gap <= far for gap in (b[1] - f[3], f[1] - b[3]))
            and not any(_between(line_box(o), b, f) and not caption_like(o, ctx) for o in ctx.printed if o is not ln)
        )
        if over_under or within(b, f) or _caption_beside(ln, f, ctx):
            return True
    return ends_with_photo_credit(ln.text)


def _between(o: BBox, b: BBox, photo: BBox) -> bool:
    """Box `o` stands between the line at `b` and the photo, across the line's extent."""
    across = min(o[2], b[2]) > max(o[0], b[0])
    under = photo[3] - P.edge_slack <= o[1] and o[3] <= b[1] + P.edge_slack
    over = b[3] - P.edge_slack <= o[1] and o[3] <= photo[1] + P.edge_slack
    return across and (under or over)


def _caption_beside(ln: Line, photo: BBox, ctx: PageCtx) -> bool:
    """The line stands in the column beside the photo, a gutter or so away, within its height and
    alone there (nothing over it beside the picture: a section heading of that column has its
    column's text over it), and the caption-like lines stacked under it end level with the
    picture's foot, as captions set beside a photo do: they stop there."""
    b = line_box(ln)
    near, far = (k * ctx.pitch for k in P.caption_reach)
    if not (0 <= max(b[0] - photo[2], photo[0] - b[2]) <= far and photo[1] - near <= b[1] and b[3] <= photo[3] + near):
        return False
    if any(overlaps(line_box(o), (b[0], photo[1], b[2], b[1])) for o in ctx.printed):
        return False
    def next_down(cur: Line) -> Line | None:
        under = [o for o in ctx.printed if right_under(line_box(cur), line_box(o), near)]
        return min(under, key=lambda o: line_box(o)[1]) if under else None

    cur, nxt = ln, next_down(ln)
    while nxt is not None and caption_like(nxt, ctx) and line_box(nxt)[3] <= photo[3] + near:
        cur, nxt = nxt, next_down(nxt)
    # They end level with the foot and stop there: a column of text set in a face of its own
    # (commentary in 楷体) runs on past it.
    return abs(line_box(cur)[3] - photo[3]) <= near and (nxt is None or not caption_like(nxt, ctx))


def run_end(stream: list[tuple[Line, int]], i: int, same, limit: int = 10_000) -> int:  # type: ignore[no-untyped-def]
    """End of the run of lines from `i` on that satisfy `same`, each close below the last."""
    j = i + 1
    while (
        j < len(stream)
        and j - i < limit
        and same(stream[j][0])
        and 0 <= line_box(stream[j][0])[1] - line_box(stream[j - 1][0])[3] < P.run_gap * line_size(stream[j][0])
    ):
        j += 1
    return j
