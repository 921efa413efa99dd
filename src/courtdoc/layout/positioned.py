"""Positioned lines (PDF text layer or OCR) -> role-tagged blocks in reading order.

Works in page points with tolerances (`params`), so slightly skewed OCR boxes
behave like text-layer boxes. The stages, one module each:

1. body size and line pitch from the page's statistics; fragments of one
   printed row joined unless a gutter lies between them (`columns`);
2. rules and frames told apart (`shapes`);
3. furniture set aside: top/bottom bands, a masthead above a full-width rule,
   furniture lines, a table of contents; boxed text set aside as notes (`bands`);
4. reading order by XY-cut (`reading_order`);
5. roles along that order (`roles`): header clusters (`headers`), paragraphs and
   section headings (`paragraphs`), captions;
6. ownership: each column, block and caption given to the headline that owns
   it (`assembly`).
"""

from __future__ import annotations

from ..model import BBox, Block, Line, PageText
from ..rules.furniture import is_contents_page
from ..rules.markers import is_photo_credit
from ..shapes import Shapes
from .assembly import attach_captions
from .bands import bar_headings, body_candidates, boxed_notes, page_bands, split_jumps
from .columns import body_metrics, ink_box, line_box, merge_rows, split_at_gutters
from .params import PARAMS as P
from .reading_order import Cuts, xy_order
from .roles import roles
from .shapes import page_shapes
from .typeset import PageCtx, measure_body_font, size_tier


def geometry_blocks(page: PageText) -> list[Block]:
    return page_layout(page)[0]


def page_layout(page: PageText) -> tuple[list[Block], PageCtx | None]:
    """The page's blocks, and the measures, shapes and ownership decisions they came from."""
    lines = [ln for ln in page.lines if ln.bbox is not None and ln.text.strip()]
    if not lines:
        return [], None
    body, pitch = body_metrics(body_candidates(lines))
    shapes = page_shapes(page.rules, page.figures, lines)
    rules = shapes.separators()
    lines = split_jumps(merge_rows(split_at_gutters(lines, pitch, page.figures), body, pitch, rules, page.figures))
    ctx = PageCtx(page.number, body, pitch, measure_body_font(lines, body), list(page.figures), rules, shapes.frames)
    ctx.credits = [line_box(ln) for ln in lines if is_photo_credit(ln.text)]
    if is_contents_page(lines):
        return [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in lines], ctx
    width = page.width or max(line_box(ln)[2] for ln in lines)
    height = page.height or max(line_box(ln)[3] for ln in lines)
    ctx.bars = bar_headings(lines, width, height, ctx)
    if ctx.bars:  # a heading's bar is no frame: its sides part nothing
        shapes = Shapes(shapes.rules, [f for f in shapes.frames if f not in ctx.bars])
        ctx.rules, ctx.boxes = shapes.separators(), shapes.frames

    head, foot, rest = page_bands(lines, shapes.rules, width, height, body)
    notes, rest = boxed_notes(rest, width, height, ctx)
    ctx.printed = list(rest)
    items: list[tuple[BBox, Line | None]] = [(ink_box(ln), ln) for ln in rest]
    items += [(f, None) for f in page.figures]
    leading = max(pitch - body, 0)
    cuts = Cuts(P.min_gutter * body, leading + P.band_gap * body, leading + P.line_gap * body, P.band_lead * pitch)
    leaves, ctx.blanks = xy_order(
        items, ctx.rules, cuts, lambda ln: ln is not None and size_tier(ln, body) == "head", lambda ln: ln is None
    )
    ordered = [[ln for ln in leaf if ln is not None] for leaf in leaves]
    blocks = roles([leaf for leaf in ordered if leaf], ctx)
    blocks = (
        [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in head]
        + attach_captions(blocks, ctx)
        + notes
        + [Block("furniture", [ln], page.number, bbox=ln.bbox) for ln in foot]
    )
    return blocks, ctx
