"""Positioned lines (PDF text layer or OCR) -> role-tagged blocks in reading order.

Works in page points with tolerances, so slightly skewed OCR boxes behave
like text-layer boxes. The steps:

1. body size and line pitch from the page's statistics (`columns`);
2. fragments of one printed row joined unless a gutter lies between them;
3. furniture set aside: top/bottom bands (running head, page number, editor
   line), a masthead above a full-width rule, edition lines, a table of contents;
4. boxed text set aside as notes (pull quote, column label);
5. reading order by XY-cut (`reading_order`);
6. roles along that order: a header cluster (kicker / title / subtitle by
   size, then byline) opens an article rectangle (`Block.region`); body lines
   form one block per paragraph (first-line indent, short last line);
   bigger, bold or centred single lines between paragraphs are headings;
   small lines by a photo are captions, moved to the article nearest the photo.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import RULE_THICKNESS, BBox, Block, Line, PageText, Role
from ..repair.furniture import split_dateline
from .columns import HEAD, MAX_BODY_SIZE, body_metrics, line_box, line_size, merge_rows
from .reading_order import xy_order
from .roles import ends_sentence, is_byline_text, is_contents_page, is_furniture_text, is_page_number

DECK = 1.08  # kicker, subtitle or section heading: bigger than body, smaller than a headline
SMALL = 0.88  # captions, bylines, small print
MAST = 0.15  # a masthead rule lies within this share of the page height from the top
MARGIN = 0.07  # share of the page height that is running head / foot band
INDENT = (1.2, 4.5)  # a first-line indent, in body sizes: wider is a centred or set-off line
LABEL = (150.0, 30.0)  # pt: the largest column label (栏目) box, width and height
_BOLD = ("bold", "heavy", "black", "hei", "黑", "fake-bold")
_MARKS = "，、。；：！？,;:!?"
_PUNCTUATED = re.compile(rf"[{_MARKS}（）()]")
_PROSE = re.compile(r"[，。；,;]")
_HEADING_PAIR = re.compile(rf"[^\s{_MARKS}]+(?:[ 　]+[^\s{_MARKS}]+)+")


@dataclass(slots=True)
class _Ctx:
    number: int
    body: float
    pitch: float
    body_font: str
    figures: list[BBox]
    rules: list[BBox]  # thin rules, and the four sides of every frame
    boxes: list[BBox]  # frames drawn round text (a boxed article, a pull quote)


def geometry_blocks(page: PageText) -> list[Block]:
    lines = [ln for ln in page.lines if ln.bbox is not None and ln.text.strip()]
    if not lines:
        return []
    body, pitch = body_metrics(_body_candidates(lines))
    thin, boxes = _split_shapes(page.rules)
    rules = thin + [side for box in boxes for side in _sides(box)]
    lines = merge_rows(lines, body, pitch, rules)
    if is_contents_page(lines):
        return [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in lines]
    width = page.width or max(line_box(ln)[2] for ln in lines)
    height = page.height or max(line_box(ln)[3] for ln in lines)
    ctx = _Ctx(page.number, body, pitch, _body_font(lines, body), list(page.figures), rules, boxes)

    head, foot, rest = _furniture(lines, thin, width, height, body)
    notes, rest = _boxed_notes(rest, width, height, ctx)
    items: list[tuple[BBox, Line | None]] = [(line_box(ln), ln) for ln in rest]
    items += [(f, None) for f in page.figures]
    leading = max(pitch - body, 0.0)
    leaves = xy_order(items, rules, 0.6 * body, leading + 0.6 * body, leading + 0.3 * body)
    ordered = [[ln for ln in leaf if ln is not None] for leaf in leaves]
    blocks = _roles([leaf for leaf in ordered if leaf], ctx)
    return (
        [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in head]
        + _attach_captions(blocks, ctx)
        + notes
        + [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in foot]
    )


def _body_candidates(lines: list[Line]) -> list[Line]:
    """The lines to measure the body type on.

    Page numbers and edition lines are small print that on a near-empty page
    (a headline over one line of text) would pass for the body; they count
    only where nothing but display type is left (a page of headline-size names).
    """
    text = [ln for ln in lines if not is_furniture_text(ln.text)]
    if any(line_size(ln) <= MAX_BODY_SIZE for ln in text):
        return text
    return [ln for ln in lines if not is_page_number(ln.text)] or lines


def _set_as_headline(ln: Line, ctx: _Ctx) -> bool:
    """Bold; or, where the typeface is unknown (OCR), bigger than the body."""
    return _is_bold(ln, ctx.body_font) or (ln.font is None and _tier(ln, ctx.body) == "deck")


def _split_shapes(shapes: Sequence[BBox]) -> tuple[list[BBox], list[BBox]]:
    """(rules, frames): a shape thicker than a rule both ways is a frame round something, and
    so are four rules meeting at their ends (how a scan's frame is found); those four are
    then no rules of their own (a frame's top side under a masthead is no masthead rule)."""
    thin = [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) <= RULE_THICKNESS]
    found = _frames(thin)
    rules = [r for r in thin if not any(_on_side(r, f) for f in found)]
    return rules, [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) > RULE_THICKNESS] + found


def _on_side(rule: BBox, frame: BBox, slack: float = 4.0) -> bool:
    return any(all(abs(a - b) <= slack for a, b in zip(rule, side)) for side in _sides(frame))


def _frames(rules: Sequence[BBox], slack: float = 4.0) -> list[BBox]:
    """Rectangles whose four sides are all among `rules`."""
    flat = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    upright = [r for r in rules if r[3] - r[1] >= r[2] - r[0]]

    def side(x: float, top: float, bottom: float) -> bool:
        return any(
            abs((r[0] + r[2]) / 2 - x) <= slack and r[1] <= top + slack and r[3] >= bottom - slack for r in upright
        )

    found: list[BBox] = []
    for a in flat:
        for b in flat:
            top, bottom = (a[1] + a[3]) / 2, (b[1] + b[3]) / 2
            if bottom - top <= slack or abs(a[0] - b[0]) > slack or abs(a[2] - b[2]) > slack:
                continue
            x0, x1 = min(a[0], b[0]), max(a[2], b[2])
            # A small black label (white type on a fill) shows a scan's rule finder only its
            # top and bottom edges: its sides are too short to be rules.
            label = bottom - top <= LABEL[1] and x1 - x0 <= LABEL[0]
            if label or (side(x0, top, bottom) and side(x1, top, bottom)):
                found.append((x0, top, x1, bottom))
    return found


def _sides(box: BBox) -> list[BBox]:
    """A frame's four sides: each separates what is inside from what is outside, as a rule does."""
    x0, t, x1, b = box
    return [(x0, t, x1, t), (x0, b, x1, b), (x0, t, x0, b), (x1, t, x1, b)]


def _body_font(lines: Sequence[Line], body: float) -> str:
    count: dict[str, int] = {}
    for ln in lines:
        if ln.font and abs(line_size(ln) - body) <= 0.12 * body:
            count[ln.font] = count.get(ln.font, 0) + len(ln.text)
    return max(count, key=count.__getitem__) if count else ""


def _is_bold(ln: Line, body_font: str) -> bool:
    # A source that sees the strokes (OCR) says so itself; a PDF names its fonts.
    if ln.bold is not None:
        return ln.bold
    font = ln.font
    if not font or font == body_font:
        return False
    f = font.lower()
    return any(k in f for k in _BOLD) and not any(k in body_font.lower() for k in _BOLD)


def _furniture(
    lines: list[Line], rules: Sequence[BBox], width: float, height: float, body: float
) -> tuple[list[Line], list[Line], list[Line]]:
    """(head furniture, foot furniture, the rest)."""
    # A masthead sits above a rule running most of the page width near the
    # top; an article header above its own rule has a byline or edition line.
    mast = max(
        (r[3] for r in rules if r[2] - r[0] >= 0.7 * width and r[3] - r[1] <= 3 and r[1] < MAST * height),
        default=0.0,
    )
    if any(
        line_box(ln)[3] <= mast + 1 and (is_byline_text(ln.text) or is_furniture_text(ln.text)) for ln in lines
    ):
        mast = 0.0
    head: list[Line] = []
    foot: list[Line] = []
    rest: list[Line] = []
    for ln in lines:
        b = line_box(ln)
        small = line_size(ln) < SMALL * body
        if b[3] <= mast + 1 or (b[3] <= MARGIN * height and small) or (
            b[1] <= MARGIN * height and is_page_number(ln.text)
        ):
            head.append(ln)
        elif b[1] >= (1 - MARGIN) * height and (small or is_page_number(ln.text)):
            foot.append(ln)
        else:
            rest.append(ln)
    return head, foot, rest


def _boxed_notes(lines: list[Line], width: float, height: float, ctx: _Ctx) -> tuple[list[Block], list[Line]]:
    """Text inside a small box with no headline in it: a pull quote, or a column label when one short line."""
    body = ctx.body
    boxes = [
        r
        for r in ctx.boxes
        if r[2] - r[0] > 2 * body and r[3] - r[1] > body and (r[2] - r[0]) * (r[3] - r[1]) < 0.25 * width * height
    ]
    if not boxes:
        return [], lines
    inside: dict[int, list[Line]] = {}
    rest: list[Line] = []
    for ln in lines:
        b = line_box(ln)
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        k = next((i for i, r in enumerate(boxes) if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]), -1)
        if k < 0:
            rest.append(ln)
        else:
            inside.setdefault(k, []).append(ln)
    notes: list[Block] = []
    for k, group in inside.items():
        # A boxed article has a headline (a small one: bold and a little bigger than the body)
        # and body text; a pull quote may be set as big as a headline, but under it stands
        # only its `——speaker` line.
        if any(
            line_size(ln) >= HEAD * body or (_tier(ln, body) == "deck" and _set_as_headline(ln, ctx))
            for ln in group
        ) and any(
            _tier(ln, body) == "body" and not ln.text.lstrip().startswith("——") for ln in group
        ):
            rest.extend(group)
            continue
        group.sort(key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
        role: Role = "column-label" if len(group) == 1 and len(group[0].text) <= 24 else "pull-quote"
        notes.append(Block(role, group, ctx.number, bbox=boxes[k]))
    rest.sort(key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
    return notes, rest


def _tier(ln: Line, body: float) -> str:
    s = line_size(ln)
    if s >= HEAD * body:
        return "head"
    if s >= DECK * body:
        return "deck"
    if s < SMALL * body:
        return "small"
    return "body"


def _roles(leaves: list[list[Line]], ctx: _Ctx) -> list[Block]:
    """Blocks along the reading order; each header cluster opens a region.

    A leaf without a header belongs to the article read last, unless it
    starts above that article's headline: then it is a column of an earlier
    article (its body runs down beside the later one) and joins the article
    whose header stands nearest above it. Blocks are regrouped so each
    article's blocks are contiguous.
    """
    stream, tiers = _header_tiers([(ln, k) for k, leaf in enumerate(leaves) for ln in leaf], ctx)
    edges = _column_edges(leaves, ctx.body)
    blocks: list[Block] = []
    headers: dict[int, BBox] = {}
    runs_on: set[int] = set()  # paragraphs that open a leaf without an indent
    region: int | None = None
    next_region = ctx.number * 1000
    in_header = False
    i = 0
    while i < len(stream):
        ln, leaf = stream[i]
        if i == 0 or stream[i - 1][1] != leaf:
            region = _leaf_region(leaves[leaf], headers, region, blocks, ctx)
        tier = tiers[i]
        if tier == "head" or (tier == "deck" and _opens_header(stream, tiers, i)):
            j = i + 1
            # Each line must stand under some line of the header so far: a headline row broken
            # at wide spaces leaves its last fragment beside, not above, the next row.
            while (
                j < len(stream)
                and any(_stacked(s[0], stream[j][0], ctx) for s in stream[i:j])
                and (tiers[j] in ("head", "deck") or _subtitle_line(stream[j - 1][0], stream[j][0], ctx))
            ):
                j += 1
            cluster = sorted((s[0] for s in stream[i:j]), key=lambda c: line_box(c)[1])
            region = next_region
            next_region += 1
            headers[region] = _union(cluster)
            blocks.extend(_header_blocks(cluster, ctx, region))
            in_header = True
            i = j
            continue
        if in_header and _is_header_small(ln, ctx):
            role: Role = "furniture" if is_furniture_text(ln.text) else "byline"
            blocks.append(Block(role, [ln], ctx.number, region, ln.bbox))
            i += 1
            continue
        in_header = False
        if is_furniture_text(ln.text):
            blocks.append(Block("furniture", [ln], ctx.number, region, ln.bbox))
            i += 1
            continue
        if _caption_like(ln, ctx) and _near_figure(ln, ctx):
            j = _run(stream, i, lambda c: _caption_like(c, ctx) and not is_furniture_text(c.text))
            group = [s[0] for s in stream[i:j]]
            blocks.append(Block("caption", group, ctx.number, region, _union(group)))
            i = j
            continue
        if tier == "deck" or (tier == "body" and _is_bold(ln, ctx.body_font)):
            # A section heading, possibly wrapped over two or three bold lines;
            # an indented bold line running on into the paragraph is a bold lead-in.
            j = _run(stream, i, lambda c: c.font == ln.font and abs(line_size(c) - line_size(ln)) < 0.5, limit=3)
            if not (tier == "body" and _runs_into_paragraph(stream, i, j, edges, ctx)):
                group = [s[0] for s in stream[i:j]]
                blocks.append(Block("heading", group, ctx.number, region, _union(group)))
                i = j
                continue
        j = i + 1
        while j < len(stream) and not _paragraph_breaks(stream[j - 1], stream[j], edges, ctx):
            nleaf = stream[j][1]
            if nleaf != stream[j - 1][1] and _leaf_region(leaves[nleaf], headers, region, blocks, ctx) != region:
                break  # the next column is another article's
            j += 1
        group = [s[0] for s in stream[i:j]]
        around = (stream[i - 1][0] if i else None, stream[j][0] if j < len(stream) else None)
        role = "heading" if _is_heading(group, edges[leaf], around, ctx) else "paragraph"
        blocks.append(Block(role, group, ctx.number, region, _union(group)))
        if role == "paragraph" and (i == 0 or stream[i - 1][1] != leaf):
            indent = line_box(group[0])[0] - edges[leaf][0]
            if indent < INDENT[0] * line_size(group[0]):
                runs_on.add(id(blocks[-1]))
        i = j
    _credit_headers(blocks)
    _settle_regions(blocks, headers, ctx)
    # Articles in the order their headlines were read, text before any
    # headline first; within an article its header leads, even when a column
    # of its body stands left of a headline set in the middle of the page.
    regrouped = sorted(blocks, key=lambda bl: (-1 if bl.region is None else bl.region, bl.role not in _HEADER_ROLES))
    return _rejoin(regrouped, blocks, runs_on)


_HEADER_ROLES = ("kicker", "title", "subtitle", "byline")


def _credit_headers(blocks: list[Block]) -> None:
    """A credit line set in display type (版式设计：…) with nothing under it is furniture, not an article."""
    for bl in blocks:
        if bl.role != "title" or not is_furniture_text("".join(ln.text for ln in bl.lines)):
            continue
        if all(b is bl or b.region != bl.region for b in blocks):
            bl.role, bl.region = "furniture", None


def _settle_regions(blocks: list[Block], headers: dict[int, BBox], ctx: _Ctx) -> None:
    """Each body block in the article whose headline it can belong to.

    A block stays with the article it was read in unless a rule closes that
    article off from it (or none was open yet); then it goes to the nearest
    headline standing above or beside it that no rule separates from it.
    Text above every headline keeps no region: it runs on from the previous page.
    """
    placed = [bl for bl in blocks if bl.bbox is not None and bl.role != "furniture"]
    for bl in sorted(placed, key=lambda b: b.bbox[1]):  # type: ignore[index]
        box = bl.bbox
        assert box is not None
        if bl.role in _HEADER_ROLES:
            continue
        if bl.region is not None and not _ruled_off(headers[bl.region], box, ctx.rules):
            continue
        above = _flows_from(bl, placed, ctx)
        if above is not None and above.region is not None:
            bl.region = above.region
            continue
        open_to = [r for r, h in headers.items() if h[1] - ctx.pitch <= box[1] and not _ruled_off(h, box, ctx.rules)]
        if open_to:
            bl.region = min(open_to, key=lambda r: _distance(headers[r], box))


def _flows_from(bl: Block, placed: list[Block], ctx: _Ctx) -> Block | None:
    """The block right above in the same column when no rule lies between them: text runs on."""
    box = bl.bbox
    assert box is not None
    width = box[2] - box[0]
    best: Block | None = None
    for other in placed:
        o = other.bbox
        assert o is not None
        if other is bl or o[3] > box[1] + ctx.pitch or min(o[2], box[2]) - max(o[0], box[0]) < 0.5 * min(width, o[2] - o[0]):
            continue
        if best is None or o[3] > best.bbox[3]:  # type: ignore[index]
            best = other
    if best is None or best.bbox is None:
        return None
    top, bottom = best.bbox[3], box[1]
    for r in ctx.rules:
        if r[3] - r[1] < r[2] - r[0] and top - 1 <= (r[1] + r[3]) / 2 <= bottom + 1:
            if min(r[2], box[2]) - max(r[0], box[0]) >= 0.5 * width:
                return None
    return best


def _ruled_off(head: BBox, box: BBox, rules: Sequence[BBox]) -> bool:
    """A rule runs between a headline and a block: across above the block, or down between them."""
    for r in rules:
        if r[3] - r[1] < r[2] - r[0]:  # horizontal
            y = (r[1] + r[3]) / 2
            if head[3] - 1 <= y <= box[1] + 1 and min(r[2], box[2]) - max(r[0], box[0]) >= 0.5 * (box[2] - box[0]):
                return True
        else:
            x = (r[0] + r[2]) / 2
            between = head[2] - 1 <= x <= box[0] + 1 or box[2] - 1 <= x <= head[0] + 1
            if between and min(r[3], box[3]) - max(r[1], box[1]) >= 0.5 * (box[3] - box[1]):
                return True
    return False


def _rejoin(regrouped: list[Block], original: list[Block], runs_on: set[int]) -> list[Block]:
    """Paragraphs split by the regrouping (a column read after another article) joined again.

    A paragraph that opens a column without a first-line indent continues the
    paragraph before it in its article when that one ends mid-sentence.
    """
    position = {id(bl): k for k, bl in enumerate(original)}
    out: list[Block] = []
    for bl in regrouped:
        prev = out[-1] if out else None
        if (
            prev is not None
            and id(bl) in runs_on
            and prev.role == "paragraph"
            and prev.region == bl.region
            and position[id(bl)] != position[id(prev)] + 1
            and not ends_sentence(prev.lines[-1].text)
        ):
            out[-1] = Block("paragraph", prev.lines + bl.lines, prev.page, prev.region, _merge(prev.bbox, bl.bbox))  # type: ignore[arg-type]
            position[id(out[-1])] = position[id(bl)]
            continue
        out.append(bl)
    return out


def _run(stream: list[tuple[Line, int]], i: int, same, limit: int = 10_000) -> int:  # type: ignore[no-untyped-def]
    """End of the run of lines from `i` on that satisfy `same`, each close below the last."""
    j = i + 1
    while (
        j < len(stream)
        and j - i < limit
        and same(stream[j][0])
        and 0 <= line_box(stream[j][0])[1] - line_box(stream[j - 1][0])[3] < 2 * line_size(stream[j][0])
    ):
        j += 1
    return j


def _leaf_region(
    leaf: list[Line], headers: dict[int, BBox], current: int | None, blocks: list[Block], ctx: _Ctx
) -> int | None:
    if current is None or not leaf:
        return current
    top = min(line_box(ln)[1] for ln in leaf)
    x0, x1 = min(line_box(ln)[0] for ln in leaf), max(line_box(ln)[2] for ln in leaf)
    box = _union(leaf)
    framed = _framed_with(box, headers, ctx)
    if framed is not None:
        return framed
    head = headers[current]
    if top < head[1] - ctx.pitch:
        # The leaf starts above the current headline: a column of an earlier
        # article; prefer a header over the leaf's columns, then the nearest one above.
        above = [r for r, h in headers.items() if h[3] <= top + ctx.pitch]
        if above:
            return max(above, key=lambda r: (min(x1, headers[r][2]) > max(x0, headers[r][0]), headers[r][3]))
        return current
    if min(x1, head[2]) > max(x0, head[0]) - 3 * ctx.pitch and not _ruled_off(head, box, ctx.rules):
        return current
    # Beside the current article, not under its header: the text runs on from
    # the block right above it unless a rule closes that article off.
    above_blocks = [
        bl for bl in blocks if bl.bbox and bl.bbox[3] <= top + ctx.pitch and min(x1, bl.bbox[2]) > max(x0, bl.bbox[0])
    ]
    if not above_blocks:
        return current
    prev = max(above_blocks, key=lambda bl: bl.bbox[3])  # type: ignore[index]
    assert prev.bbox is not None
    closed = any(
        prev.bbox[3] - 1 <= (r[1] + r[3]) / 2 <= top + 1 and min(x1, r[2]) - max(x0, r[0]) >= 0.5 * (x1 - x0)
        for r in ctx.rules
        if r[3] - r[1] < r[2] - r[0]
    )
    return current if closed else prev.region


def _framed_with(box: BBox, headers: dict[int, BBox], ctx: _Ctx) -> int | None:
    """The article whose headline stands in the same frame as `box` (a boxed article's columns)."""
    for frame in ctx.boxes:
        if _within(box, frame):
            inside = [r for r, h in headers.items() if _within(h, frame)]
            if len(inside) == 1:
                return inside[0]
    return None


def _within(inner: BBox, outer: BBox, slack: float = 2.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _subtitle_line(above: Line, ln: Line, ctx: _Ctx) -> bool:
    """A `——` subtitle set at body size in a face of its own, or its next line, under a headline."""
    if ln.font == ctx.body_font:
        return False
    if ln.text.lstrip().startswith("——"):
        return True
    return above.font == ln.font and above.text.lstrip().startswith("——") and not ends_sentence(above.text)


def _caption_like(ln: Line, ctx: _Ctx) -> bool:
    """Small print, or body-size print in a face other than the body's (captions are set in 楷体)."""
    tier = _tier(ln, ctx.body)
    return tier == "small" or (tier == "body" and bool(ln.font) and ln.font != ctx.body_font)


def _opens_header(stream: list[tuple[Line, int]], tiers: list[str], i: int) -> bool:
    """A deck-size line opens a header only when a headline follows right under it (a kicker)."""
    j = i
    while j < len(tiers) and tiers[j] == "deck":
        j += 1
    return j < len(tiers) and tiers[j] == "head" and _stacked(stream[j - 1][0], stream[j][0], None)


def _stacked(a: Line, b: Line, ctx: _Ctx | None) -> bool:
    """Whether `b` belongs to the same header as `a`: close below it and overlapping it,
    or (a byline moved behind its headline) short and near."""
    ba, bb = line_box(a), line_box(b)
    gap = bb[1] - ba[3]
    size = max(line_size(a), line_size(b))
    if -size <= gap <= 2 * size and min(ba[2], bb[2]) > max(ba[0], bb[0]):
        return True
    if abs((ba[1] + ba[3]) - (bb[1] + bb[3])) < 0.5 * size and max(bb[0] - ba[2], ba[0] - bb[2]) <= 3 * size:
        return True  # the other half of a headline split at a wide space
    return (
        ctx is not None
        and _tier(b, ctx.body) != "head"
        and _short(b)
        and 0 <= gap <= 2.5 * ctx.pitch
        and max(bb[0] - ba[2], ba[0] - bb[2]) <= 12 * ctx.body
    )


def _header_tiers(stream: list[tuple[Line, int]], ctx: _Ctx) -> tuple[list[tuple[Line, int]], list[str]]:
    """Size tiers along the stream, corrected by what stands around a headline.

    A small article's headline may be only a little bigger than the body: a
    bold deck-size line right under a horizontal rule opens an article. A
    short line right above a headline is its kicker. A byline that XY-cut
    read before its headline (set flush left under a centred title) moves
    behind it.
    """
    tiers = [_tier(ln, ctx.body) for ln, _ in stream]
    flat = [r for r in ctx.rules if r[3] - r[1] < r[2] - r[0]]
    for i, (ln, _) in enumerate(stream):
        if (
            tiers[i] in ("deck", "body")
            and _set_as_headline(ln, ctx)
            and ln.text.rstrip()[-1:] not in "。！？；;：:，,"
            and _under_rule(ln, flat, ctx)
        ):
            tiers[i] = "head"
    for i in range(len(stream) - 1):
        ln, nxt = stream[i][0], stream[i + 1][0]
        gap = line_box(nxt)[1] - line_box(ln)[3]
        if tiers[i] in ("body", "small") and tiers[i + 1] == "head" and _short(ln) and 0 <= gap <= line_size(ln):
            tiers[i] = "deck"
    order = list(range(len(stream)))
    for i, (ln, _) in enumerate(stream):
        if tiers[i] == "head" or not _short(ln) or is_furniture_text(ln.text):
            continue
        if tiers[i] == "body" and not is_byline_text(ln.text):
            continue
        if i > 0 and _stacked(stream[i - 1][0], ln, None) and (tiers[i - 1] in ("head", "deck") or _short(stream[i - 1][0])):
            continue  # right under its own headline or subtitle already
        b = line_box(ln)
        for h in range(i + 1, len(stream)):
            hb = line_box(stream[h][0])
            if (
                tiers[h] == "head"
                and 0 <= b[1] - hb[3] <= 2.5 * ctx.pitch
                and max(hb[0] - b[2], b[0] - hb[2]) <= 12 * ctx.body
            ):
                end = h
                while end + 1 < len(stream) and tiers[end + 1] in ("head", "deck"):
                    end += 1
                order.remove(i)
                order.insert(order.index(end) + 1, i)
                break
    moved = [(stream[k][0], stream[k][1]) for k in order]
    return moved, [tiers[k] for k in order]


def _short(ln: Line) -> bool:
    text = ln.text.strip()
    return len(text) <= 16 and not ends_sentence(text)


def _under_rule(ln: Line, flat: Sequence[BBox], ctx: _Ctx) -> bool:
    b = line_box(ln)
    return any(
        0 <= b[1] - r[3] <= 3 * ctx.pitch and min(b[2], r[2]) - max(b[0], r[0]) >= 0.5 * (b[2] - b[0]) for r in flat
    )


def _runs_into_paragraph(
    stream: list[tuple[Line, int]], i: int, j: int, edges: list[tuple[float, float]], ctx: _Ctx
) -> bool:
    """A bold first line set with a paragraph indent and followed by an unindented body line."""
    ln, leaf = stream[i]
    size = line_size(ln)
    if not _first_line_indent(ln, edges[leaf][0], size) or j >= len(stream):
        return False
    nxt, nleaf = stream[j]
    return _tier(nxt, ctx.body) == "body" and line_box(nxt)[0] - edges[nleaf][0] < INDENT[0] * size


def _header_blocks(cluster: list[Line], ctx: _Ctx, region: int) -> list[Block]:
    """Kicker above the biggest lines (the title), subtitle or byline below them."""
    # Headlines are set bold: a bold line beats a regular one up to 15 % bigger
    # (a byline in 楷体 may outsize a small article's headline).
    biggest = max(cluster, key=lambda ln: line_size(ln) * (1.15 if _is_bold(ln, ctx.body_font) else 1.0))

    def headline(ln: Line) -> bool:
        # OCR sizes come from ink heights: a line of the same headline may measure 10 % off
        slack = 0.5 if biggest.font else 0.12 * line_size(biggest)
        return abs(line_size(ln) - line_size(biggest)) <= slack and ln.font == biggest.font

    first = next(k for k, ln in enumerate(cluster) if headline(ln))
    last = max(k for k, ln in enumerate(cluster) if headline(ln))
    # A line that opens a quote the next one closes is the same headline, whatever OCR measured.
    while first > 0 and _open_quote(cluster[first - 1].text):
        first -= 1
    while last + 1 < len(cluster) and _open_quote(cluster[last].text):
        last += 1
    out: list[Block] = []
    for k, ln in enumerate(cluster):
        if first <= k <= last:
            role: Role = "title"
        elif k < first:  # bylines read before their headline were moved behind it (_header_tiers)
            role = "kicker"  # 记者手记 reads like a byline but labels the piece
        elif is_byline_text(ln.text) and not ln.text.lstrip().startswith(("—", "-")):
            role = "byline"
        elif (
            ln.text.lstrip().startswith(("—", "-"))
            or line_size(ln) >= HEAD * ctx.body
            or len(ln.text.strip()) > 12
            or (out and out[-1].role == "subtitle" and out[-1].lines[-1].font == ln.font)
        ):
            role = "subtitle"
        else:
            role = "byline"  # a short name under the headline
        if out and out[-1].role == role and role != "byline":
            out[-1].lines.append(ln)
            out[-1].bbox = _union(out[-1].lines)
        else:
            out.append(Block(role, [ln], ctx.number, region, ln.bbox))
    return out


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”")


def _is_header_small(ln: Line, ctx: _Ctx) -> bool:
    """Bylines and edition lines between a headline and the body: small or short and unindented-centred."""
    tier = _tier(ln, ctx.body)
    if tier == "small" and not _near_figure(ln, ctx):
        return True
    # A dateline opening the body (本报南平10月19日电 （记者刘晓宇）10月18日，…) names a reporter
    # too, but runs on as prose.
    text = ln.text
    return (
        tier == "body"
        and is_byline_text(text)
        and not ends_sentence(text)
        and not _PROSE.search(text)
        and split_dateline(text)[0] is None
    )


def _column_edges(leaves: list[list[Line]], body: float) -> list[tuple[float, float]]:
    """Left and right edge of the column each leaf stands in.

    XY-cut cuts a column at paragraph gaps and headings, so a leaf's column
    is every leaf of about the same horizontal span (overlapping by half the
    wider of the two); its edges come from all their body lines.
    """
    spans = [(min(line_box(ln)[0] for ln in leaf), max(line_box(ln)[2] for ln in leaf)) for leaf in leaves]
    headed = [any(_tier(ln, body) == "head" for ln in leaf) for leaf in leaves]
    edges: list[tuple[float, float]] = []
    for k, (x0, x1) in enumerate(spans):
        same = [
            m
            for m, (a0, a1) in enumerate(spans)
            if (m == k or not headed[m]) and min(x1, a1) - max(x0, a0) >= 0.5 * max(x1 - x0, a1 - a0)
        ]
        lines = [ln for m in same for ln in leaves[m] if abs(line_size(ln) - body) <= 0.12 * body]
        lines = lines or [ln for m in same for ln in leaves[m]]
        # Percentiles, not extremes: first lines are indented, a stray line may stick out.
        lefts = sorted(line_box(ln)[0] for ln in lines)
        rights = sorted(line_box(ln)[2] for ln in lines)
        edges.append((lefts[int(0.2 * (len(lefts) - 1))], rights[int(0.8 * (len(rights) - 1))]))
    return edges


def _paragraph_breaks(prev: tuple[Line, int], cur: tuple[Line, int], edges: list[tuple[float, float]], ctx: _Ctx) -> bool:
    a, b = prev[0], cur[0]
    if _tier(b, ctx.body) != "body" or _tier(a, ctx.body) != "body":
        return True
    if is_furniture_text(b.text):
        return True
    size = line_size(b)
    left, right = edges[cur[1]]
    if _first_line_indent(b, left, size):
        return True
    if line_box(b)[0] - left > INDENT[1] * size:
        return True  # centred or set-off line
    pleft, pright = edges[prev[1]]
    if line_box(a)[2] < pright - 1.8 * line_size(a):
        return True  # the previous line is a short last line
    same_column = prev[1] == cur[1] or edges[prev[1]] == edges[cur[1]]
    return same_column and line_box(b)[1] - line_box(a)[3] > 1.5 * ctx.pitch


def _first_line_indent(ln: Line, left: float, size: float) -> bool:
    """Set in from the column's left edge as a paragraph's first line (two cells, give or take)."""
    return INDENT[0] * size <= line_box(ln)[0] - left <= INDENT[1] * size


def _is_heading(group: list[Line], edge: tuple[float, float], around: tuple[Line | None, Line | None], ctx: _Ctx) -> bool:
    """A section heading between paragraphs: one bold or centred line without closing punctuation.

    Text alone (a short unpunctuated line) is not enough: list items and
    dated entries look the same. In the body face it takes a phrase without
    any punctuation standing between a finished sentence (or a heading) and
    an indented paragraph of full lines.
    """
    if len(group) != 1:
        return False
    ln = group[0]
    text = ln.text.strip()
    if ends_sentence(text) or text.endswith(("，", "、", ",")):
        return False
    if _is_bold(ln, ctx.body_font) and len(text) <= 30:
        return True
    # Two phrases set apart by a blank, with no punctuation at all (领航定向　驾驭发展全局):
    # the parallel heading of a paper that sets headings in the body face.
    if len(text) <= 30 and _HEADING_PAIR.fullmatch(text):
        return True
    b, size = line_box(ln), line_size(ln)
    before, after = around
    if (
        before is not None
        and after is not None
        and (ends_sentence(before.text) or _tier(before, ctx.body) != "body")
        and 6 <= len(text) <= 30
        and not _PUNCTUATED.search(text)
        and _first_line_indent(after, edge[0], size)
        and line_box(after)[2] >= edge[1] - size
    ):
        return True
    lgap, rgap = b[0] - edge[0], edge[1] - b[2]
    return lgap > 2.5 * size and rgap > 2.5 * size and abs(lgap - rgap) < 1.5 * size


def _near_figure(ln: Line, ctx: _Ctx) -> bool:
    b = line_box(ln)
    for f in ctx.figures:
        overlap = min(b[2], f[2]) - max(b[0], f[0])
        if overlap > 0 and (-ctx.pitch <= b[1] - f[3] <= 2.5 * ctx.pitch or -ctx.pitch <= f[1] - b[3] <= 2.5 * ctx.pitch):
            return True
    return ln.text.rstrip().endswith("摄")


def _attach_captions(blocks: list[Block], ctx: _Ctx) -> list[Block]:
    """Each caption moves to the end of the article rectangle nearest to it."""
    spans: dict[int, BBox] = {}
    for bl in blocks:
        if bl.region is not None and bl.role != "caption" and bl.bbox:
            spans[bl.region] = _merge(spans[bl.region], bl.bbox) if bl.region in spans else bl.bbox
    if not spans:
        return blocks
    out = [bl for bl in blocks if bl.role != "caption"]
    for cap in (bl for bl in blocks if bl.role == "caption"):
        assert cap.bbox is not None
        cap.region = min(spans, key=lambda r: _distance(spans[r], cap.bbox))  # type: ignore[arg-type]
        at = max(k for k, bl in enumerate(out) if bl.region == cap.region)
        out.insert(at + 1, cap)
    return out


def _distance(a: BBox, b: BBox) -> float:
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return dx + dy


def _merge(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _union(lines: Sequence[Line]) -> BBox:
    boxes = [line_box(ln) for ln in lines]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
