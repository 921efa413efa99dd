"""Roles along the reading order: header clusters, bylines, captions, headings, paragraphs.

The walk goes over the lines leaf by leaf (XY-cut's runs); each header cluster
opens a region, and `assembly` decides which region each later leaf and block
belongs to.
"""

from __future__ import annotations

from ..model import BBox, Block, Line, Role
from ..rules.furniture import is_furniture_anywhere
from ..rules.markers import is_byline, is_photo_credit
from .assembly import HEADER_ROLES, leaf_region, settle_regions
from .boxes import union
from .columns import line_box, line_size
from .headers import beside_another_headline, credit_headers, header_blocks, header_rows, header_tiers, is_header_small, stacked, starts_header, subtitle_line
from .paragraphs import column_edges, continues_heading, heading_end, is_heading, opens_paragraph, paragraph_breaks, runs_into_paragraph, sentence_pieces, wraps_on
from .params import PARAMS as P
from .quotes import pull_quotes
from .shapes import ruled_across
from .typeset import PageCtx, caption_like, is_bold, on_bar, run_end, sets_caption

# Region ids are page * REGIONS_PER_PAGE + k: unique across a document and in page order.
REGIONS_PER_PAGE = 1000


def roles(leaves: list[list[Line]], ctx: PageCtx) -> list[Block]:
    """Blocks along the reading order; each header cluster opens a region.

    A leaf without a header belongs to the article read last, unless it
    starts above that article's headline: then it is a column of an earlier
    article (its body runs down beside the later one) and joins the article
    whose header stands nearest above it. Blocks are regrouped so each
    article's blocks are contiguous.
    """
    edges = column_edges(leaves, ctx.body)
    read, quotes = pull_quotes([(ln, k) for k, leaf in enumerate(leaves) for ln in leaf], edges, ctx)
    stream, tiers = header_tiers(read, edges, ctx)
    blocks: list[Block] = []
    headers: dict[int, BBox] = {}
    region: int | None = None
    next_region = ctx.number * REGIONS_PER_PAGE
    in_header = False
    doubts: tuple[str, ...] = ()  # close calls behind the current column's owner
    wrapped: list[Block] = []  # headings whose last line runs to its column's edge: their rest may be read later
    i = 0
    while i < len(stream):
        ln, leaf = stream[i]
        if i == 0 or stream[i - 1][1] != leaf:
            decision = leaf_region(leaves[leaf], headers, region, blocks, ctx)
            doubts = ()
            if decision is not None:
                ctx.decisions.append(decision)
                region = decision.region
                doubts = (decision.why,) if decision.close else ()
        tier = tiers[i]
        if is_photo_credit(ln.text):
            # A photo credit says what it is however it is set (bold, big, alone under a rule).
            blocks.append(Block("caption", [ln], ctx.number, region, ln.bbox))
            i += 1
            continue
        if starts_header(stream, tiers, i):
            j = i + 1
            # Each line must stand under some line of the header so far: a headline row broken
            # at wide spaces leaves its last fragment beside, not above, the next row.
            while (
                j < len(stream)
                and any(stacked(s[0], stream[j][0], ctx) for s in stream[i:j])
                and (tiers[j] in ("head", "deck") or subtitle_line(stream[j - 1][0], stream[j][0], ctx))
                and not is_photo_credit(stream[j][0].text)
                and not on_bar(stream[j][0], ctx)
                and not beside_another_headline([s[0] for s in stream[i:j]], stream[j][0])
            ):
                j += 1
            cluster = header_rows([s[0] for s in stream[i:j]])
            region = next_region
            next_region += 1
            headers[region] = union(cluster)
            blocks.extend(header_blocks(cluster, ctx, region))
            in_header = True
            i = j
            continue
        if in_header and is_header_small(ln, ctx):
            role: Role = "furniture" if is_furniture_anywhere(ln.text) else "byline"
            blocks.append(Block(role, [ln], ctx.number, region, ln.bbox, doubts))
            i += 1
            continue
        in_header = False
        if is_furniture_anywhere(ln.text):
            blocks.append(Block("furniture", [ln], ctx.number, region, ln.bbox))
            i += 1
            continue
        if opens_caption(stream, i, edges, ctx):
            # A byline set at the body's head right under a photo's caption goes on with the body.
            j = run_end(
                stream,
                i,
                lambda c: caption_like(c, ctx) and not is_furniture_anywhere(c.text) and (is_photo_credit(c.text) or not is_byline(c.text)),
            )
            group = [s[0] for s in stream[i:j]]
            blocks.append(Block("caption", group, ctx.number, region, union(group), doubts))
            i = j
            continue
        if tier == "deck" or (tier == "body" and is_bold(ln, ctx.body_font)):
            # A section heading, possibly wrapped over two or three bold lines;
            # an indented bold line running on into the paragraph is a bold lead-in.
            j = heading_end(stream, i, edges, ctx.pitch - ctx.body)
            if not (tier == "body" and runs_into_paragraph(stream, i, j, edges, ctx)) and not sentence_pieces(stream, i, j, edges):
                group = [s[0] for s in stream[i:j]]
                head = next((h for h in wrapped if continues_heading(h.lines[-1], group[0])), None)
                if head is None:
                    head = Block("heading", group, ctx.number, region, union(group), doubts)
                    blocks.append(head)
                else:  # the rest of a heading wrapped over a band or column break
                    wrapped.remove(head)
                    head.lines.extend(group)
                    head.bbox = union(head.lines)
                if wraps_on(group[-1], edges[stream[j - 1][1]], apart=True):  # what stands under it is not read yet
                    wrapped.append(head)
                i = j
                continue
        j = i + 1
        # a photo credit ends the paragraph before it, whatever column it stands in, and so does the
        # next header (a kicker at body size atop the next column, over its headline)
        while (
            j < len(stream)
            and not paragraph_breaks(stream, j, edges, ctx)
            and not is_photo_credit(stream[j][0].text)
            and not starts_header(stream, tiers, j)
            and not opens_caption(stream, j, edges, ctx)
        ):
            nleaf = stream[j][1]
            if nleaf != stream[j - 1][1]:
                if ruled_across(line_box(stream[j - 1][0]), line_box(stream[j][0]), ctx.separators()):
                    # The next column stands below a rule or blank band: whose text it is, and
                    # whether the paragraph runs on into it, is decided over whole blocks.
                    break
                probe = leaf_region(leaves[nleaf], headers, region, blocks, ctx)
                if probe is not None and probe.region != region:
                    break  # the next column is another article's
            j += 1
        group = [s[0] for s in stream[i:j]]
        around = (stream[i - 1][0] if i else None, stream[j][0] if j < len(stream) else None)
        role = "heading" if is_heading(group, edges[leaf], around, ctx) else "paragraph"
        opens = opens_paragraph(ln, edges[leaf])
        blocks.append(Block(role, group, ctx.number, region, union(group), doubts, opens_paragraph=opens))
        i = j
    credit_headers(blocks)
    settle_regions(blocks, headers, ctx)
    # Articles in the order their headlines were read, text before any
    # headline first; within an article its header leads, even when a column
    # of its body stands left of a headline set in the middle of the page.
    regrouped = sorted(blocks, key=lambda bl: (-1 if bl.region is None else bl.region, bl.role not in HEADER_ROLES))
    return regrouped + quotes


def opens_caption(stream: list[tuple[Line, int]], i: int, edges: list[tuple[float, float]], ctx: PageCtx) -> bool:
    """Line `i` opens a photo's caption (`sets_caption`) unless it runs on into the paragraph under it.
    No paragraph runs on into it: a caption set in the column beside its photo stands where the
    paragraph ending the column before would go on."""
    return sets_caption(stream[i][0], ctx) and not runs_into_paragraph(stream, i, i + 1, edges, ctx)
