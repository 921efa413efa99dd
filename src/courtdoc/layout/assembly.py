"""Article ownership: which headline each column, block and caption belongs to.

Each headline cluster opens a region (`Block.region`, an article rectangle).
A column read after a headline belongs to it while it stands under the
headline's span and no rule closes it off; a column starting above the
current headline is an earlier article's; a column beside it runs on from the
block right above it. After the walk, a block a rule cuts off from its
headline goes to the headline it runs on from, else the nearest open one; a
caption goes to the nearest article rectangle.
"""

from __future__ import annotations

import math

from ..model import BBox, Block, Line
from ..rules.markers import is_photo_credit
from ..rules.punctuation import ends_unit
from .boxes import distance, merge, union, within
from .columns import line_box, line_size
from .params import PARAMS as P
from .shapes import ruled_across, ruled_off, underlines
from .typeset import Decision, PageCtx, first_line_indent, size_tier

HEADER_ROLES = ("kicker", "title", "subtitle", "byline")


def leaf_region(
    leaf: list[Line], headers: dict[int, BBox], current: int | None, blocks: list[Block], ctx: PageCtx
) -> Decision | None:
    """Which region a column (XY-cut leaf) read after the region `current` belongs to, and why.

    A probe: the caller records the decision it acts on (`ctx.decisions`).
    """
    if current is None or not leaf:
        return None
    top = min(line_box(ln)[1] for ln in leaf)
    x0, x1 = min(line_box(ln)[0] for ln in leaf), max(line_box(ln)[2] for ln in leaf)
    box = union(leaf)

    def owner(region: int | None, why: str, close: bool = False) -> Decision:
        return Decision("column", box, region, why, close)

    framed = _framed_with(box, headers, ctx)
    if framed is not None:
        return owner(framed, "inside the frame of its headline")
    if any(size_tier(ln, ctx.body) == "head" and line_box(ln)[1] <= top + P.band_lead * ctx.pitch and not is_photo_credit(ln.text) for ln in leaf):
        # Its headline (a kicker may stand over it) opens the column: no text runs on into it. A photo
        # credit is a caption however big it is set (资料图片 printed on its photo reads as display type).
        return owner(None, "opens with a headline: the article it opens")
    head = headers[current]
    if top < head[1] - ctx.pitch:
        # The leaf starts above the current headline: a column of an earlier
        # article; prefer a header over the leaf's columns, then the nearest one above.
        above = [r for r, h in headers.items() if h[3] <= top + ctx.pitch]
        if not above:
            return owner(current, "above every headline: runs on from the article read last", close=True)
        over = [r for r in above if min(x1, headers[r][2]) > max(x0, headers[r][0])]
        if over:
            return owner(max(over, key=lambda r: headers[r][3]), "starts above the headline read last: under an earlier one")
        # A column opening mid-sentence goes on with an article whose text was left open (an
        # L-shaped article's last column beside the next band, its band rule stopping short of it).
        first = min(leaf, key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
        if not first_line_indent(first, x0, line_size(first)):
            open_ = [r for r in above if _left_open(r, blocks)]
            if len(open_) == 1:
                return owner(open_[0], "starts above the headline read last, under none: goes on with the one article left open")
        return owner(
            max(above, key=lambda r: headers[r][3]),
            "starts above the headline read last, under none: the nearest headline above",
            close=True,
        )
    # A column beside the headline that starts level with it is no column of that headline, whose
    # text starts under it: it is an earlier article running on (an L-shaped article's last column).
    level = min(x1, head[2]) <= max(x0, head[0]) and top < head[3]
    if (
        not level
        and min(x1, head[2]) > max(x0, head[0]) - P.header_reach * ctx.pitch
        and not ruled_off(head, box, _parting(head, ctx))
    ):
        return owner(current, "under the span of the headline read last")
    # Beside the current article, not under its header: the text runs on from
    # the block right above it unless a rule closes that article off.
    prev = _block_above(box, blocks, ctx)
    photo = _photo_under(head, box, ctx)
    if photo is not None and (prev is None or _foot(prev, box)[3] <= photo[1]):
        # A photo set under the headline read last, over this column and under the text above it:
        # the column goes on under the photo, in the photo's article.
        return owner(current, "under a photo set under the headline read last")
    if prev is None:
        return owner(current, "beside the headline read last, nothing above it: goes on with it", close=True)
    closed = ruled_across(_foot(prev, box), box, _separators_under(prev, ctx))
    if closed:
        return owner(current, "beside the headline read last, ruled off from the text above it")
    return owner(prev.region, "beside the headline read last: runs on from the block right above it")


def _left_open(region: int, blocks: list[Block]) -> bool:
    """The region's text so far ends in the middle of a sentence (its last paragraph left open)."""
    last = next((b for b in reversed(blocks) if b.region == region and b.role not in HEADER_ROLES and b.role != "caption"), None)
    return last is not None and last.role == "paragraph" and not ends_unit(last.lines[-1].text)


def separators_under(above: str, ctx: PageCtx) -> list[BBox]:
    """What parts the text under `above` (the last line of its column over it) from it: a rule or
    frame side always; a blank band (cut because a headline opens the band under it) only where
    `above` stops where a reader would pause (a sentence end, a closing mark: an attribution in
    brackets). Text going on with a sentence left open crosses the band (an L-shaped article's last
    column running on beside the next headline), and so does an editor's note signed ——编者, which
    stands before the body it introduces. The one decision both ownership and the headline-or-section
    call ask: a bold line over a byline topping such a column is a section heading of the article
    it runs on from, never a headline of its own."""
    return ctx.separators() if ends_unit(above) else ctx.rules


def _parting(head: BBox, ctx: PageCtx) -> list[BBox]:
    """What may part the headline `head` from a column: the page's separators less its own rule."""
    return [r for r in ctx.separators() if not underlines(head, r, ctx.pitch)]


def _separators_under(above: Block, ctx: PageCtx) -> list[BBox]:
    return separators_under(above.lines[-1].text, ctx)


def _framed_with(box: BBox, headers: dict[int, BBox], ctx: PageCtx) -> int | None:
    """The article whose headline stands in the same frame as `box` (a boxed article's columns)."""
    for frame in ctx.boxes:
        if within(box, frame):
            inside = [r for r, h in headers.items() if within(h, frame)]
            if len(inside) == 1:
                return inside[0]
    return None


def settle_regions(blocks: list[Block], headers: dict[int, BBox], ctx: PageCtx) -> None:
    """Each body block in the article whose headline it can belong to.

    A block stays with the article it was read in unless a rule closes that
    article off from it (or none was open yet); then it goes to the nearest
    headline standing above or beside it that no rule separates from it.
    Text above every headline keeps no region: it runs on from the previous page.
    """
    placed = [bl for bl in blocks if bl.bbox is not None and bl.role != "furniture"]
    columns = [d.bbox for d in ctx.decisions if d.what == "column"]
    for bl in sorted(placed, key=lambda b: b.bbox[1]):  # type: ignore[index]
        box = bl.bbox
        assert box is not None
        if bl.role in HEADER_ROLES:
            continue
        if bl.region is not None and not ruled_off(headers[bl.region], box, _parting(headers[bl.region], ctx)):
            continue
        above = _flows_from(bl, _read_in(box, columns), placed, ctx)
        if above is not None and above.region is not None:
            _settle(bl, above.region, "ruled off from its headline: runs on from the block above", ctx)
            continue
        open_to = sorted(
            (distance(h, box), r) for r, h in headers.items() if h[1] - ctx.pitch <= box[1] and not ruled_off(h, box, _parting(h, ctx))
        )
        if not open_to:
            if bl.region is None and headers:
                _settle(bl, None, "no headline can own it", ctx, close=True)
            continue
        # Two open headlines about as near: the choice is a close call.
        close = len(open_to) > 1 and open_to[1][0] - open_to[0][0] <= P.owner_margin * ctx.pitch
        _settle(bl, open_to[0][1], "ruled off from its headline: the nearest open headline", ctx, close=close)


def _settle(bl: Block, region: int | None, why: str, ctx: PageCtx, close: bool = False) -> None:
    assert bl.bbox is not None
    bl.region = region
    ctx.decisions.append(Decision("block", bl.bbox, region, why, close))
    if close:
        bl.doubts += (why,)


def _read_in(box: BBox, columns: list[BBox]) -> BBox:
    """The block's box widened to the column (XY-cut leaf) it was read in: a section heading
    narrower than its column stands under the column's last line wherever across the column that is
    set (an editor's sign-off set flush right)."""
    col = next((col for col in columns if within(box, col)), box)
    return (col[0], box[1], col[2], box[3])


def _flows_from(bl: Block, column: BBox, placed: list[Block], ctx: PageCtx) -> Block | None:
    """The block right above in the block's column when no rule lies between them: text runs on."""
    best = _block_above(column, [other for other in placed if other is not bl], ctx)
    if best is None or ruled_across(_foot(best, column), column, _separators_under(best, ctx)):
        return None
    return best


def _photo_under(head: BBox, box: BBox, ctx: PageCtx) -> BBox | None:
    """A photo standing right under the headline (within three lines of its foot, under part of it) and
    right over the column `box` (its caption between), no rule parting it from either."""
    reach = P.under_rule * ctx.pitch
    for f in ctx.figures:
        under_head = 0 <= f[1] - head[3] <= reach and min(f[2], head[2]) > max(f[0], head[0])
        over_column = 0 <= box[1] - f[3] <= reach and in_one_column(f, box)
        if under_head and over_column and not ruled_across(head, f, ctx.separators()) and not ruled_across(f, box, ctx.separators()):
            return f
    return None


def _block_above(box: BBox, blocks: list[Block], ctx: PageCtx) -> Block | None:
    """The block whose lines stand lowest over `box`'s column above it; of level ones the one read
    last. Measured by lines, not by a block's rectangle: a paragraph that runs on from the next
    column over is as low there as its lines are."""
    best: tuple[float, int, Block] | None = None
    for k, bl in enumerate(blocks):
        if bl.bbox is None:
            continue
        foot = _foot(bl, box)
        if foot[3] <= box[1] + ctx.pitch and (best is None or (foot[3], k) >= best[:2]):
            best = (foot[3], k, bl)
    return None if best is None else best[2]


def _foot(bl: Block, box: BBox) -> BBox:
    """The lowest of `bl`'s lines over `box`'s column (an empty box far below the page if none)."""
    over = [b for b in (line_box(ln) for ln in bl.lines) if in_one_column(b, box)]
    return max(over, key=lambda b: b[3]) if over else (box[0], math.inf, box[2], math.inf)


def in_one_column(a: BBox, b: BBox) -> bool:
    """Two boxes over each other by at least half the narrower one's width."""
    return min(a[2], b[2]) - max(a[0], b[0]) >= P.overlap * min(a[2] - a[0], b[2] - b[0])


def attach_captions(blocks: list[Block], ctx: PageCtx) -> list[Block]:
    """Each caption moves to the end of the article rectangle nearest to it (furniture read with an
    article, an editor's line at the page foot, is no part of its rectangle)."""
    spans: dict[int, BBox] = {}
    for bl in blocks:
        if bl.region is not None and bl.role not in ("caption", "furniture") and bl.bbox:
            spans[bl.region] = merge(spans[bl.region], bl.bbox) if bl.region in spans else bl.bbox
    if not spans:
        return blocks
    out = [bl for bl in blocks if bl.role != "caption"]
    for cap in (bl for bl in blocks if bl.role == "caption"):
        assert cap.bbox is not None
        near = sorted((distance(spans[r], cap.bbox), r) for r in spans)  # type: ignore[arg-type]
        cap.region = near[0][1]
        close = len(near) > 1 and near[1][0] - near[0][0] <= P.owner_margin * ctx.pitch
        why = "the nearest article rectangle" + (", another about as near" if close else "")
        ctx.decisions.append(Decision("caption", cap.bbox, cap.region, why, close))
        if close:
            cap.doubts += (why,)
        at = max(k for k, bl in enumerate(out) if bl.region == cap.region)
        out.insert(at + 1, cap)
    return out

