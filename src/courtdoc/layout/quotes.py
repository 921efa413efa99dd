"""Pull quotes set inside an article's body: a sentence of the body printed a second time, large.

Type as big as a headline, read in the middle of an article's columns, would open an article of
its own and take the text under it. What tells it from a headline is its words: a pull quote
repeats text of the article it stands in, read before it, and a headline does not repeat the
article read before it (one that quotes its own body, “守护好前人留给我们的宝贵财富”, repeats
what comes after it). So a run of headline-size lines whose words the text read since the last
headline already holds (`rules.headings.repeats_text`) is a pull quote: a `pull-quote` note of the
page. Only text printed before it counts (`_printed_before`): above it, or left of it in a column
that starts above it. This stage reads the columns in their order before any headline is known, and
where an L-shaped article's first column is read ahead of its own off-centre headline, that
headline repeating a sentence of the column (which starts under it) is no quote. The text under a
quote goes on with the article it stands in, and the rules drawn over and under it within its
column, its ornament, part nothing. A framed pull quote is `bands.boxed_notes`'.
"""

from __future__ import annotations

from ..model import BBox, Block, Line
from ..rules.headings import repeats_text
from .boxes import union
from .columns import line_box, one_size
from .headers import stacked
from .params import PARAMS as P
from .typeset import Decision, PageCtx, size_tier

WHY = "repeats the text of the article it stands in: a pull quote"


def pull_quotes(
    stream: list[tuple[Line, int]], edges: list[tuple[float, float]], ctx: PageCtx
) -> tuple[list[tuple[Line, int]], list[Block]]:
    """The stream without the pull quotes read along it, and the quotes as note blocks.

    Runs before the headers are found (`headers.header_tiers`), so that they are found on the page
    as it reads without the quotes: the quotes' rules (and blank bands) leave `ctx`'s separators."""
    kept: list[tuple[Line, int]] = []
    notes: list[Block] = []
    read: list[tuple[Line, int]] = []  # the lines read since the last headline, with their leaves
    tops: dict[int, float] = {}  # where each leaf (a column's piece) starts
    for ln, leaf in stream:
        top = line_box(ln)[1]
        tops[leaf] = min(tops.get(leaf, top), top)
    i = 0
    while i < len(stream):
        ln, leaf = stream[i]
        if size_tier(ln, ctx.body) != "head":
            kept.append(stream[i])
            read.append(stream[i])
            i += 1
            continue
        j = i + 1
        # Its lines one under another in one size (XY-cut may read them as leaves of their own).
        while (
            j < len(stream)
            and size_tier(stream[j][0], ctx.body) == "head"
            and one_size(stream[j - 1][0], stream[j][0])
            and stacked(stream[j - 1][0], stream[j][0], None)
        ):
            j += 1
        group = [s[0] for s in stream[i:j]]
        box = union(group)
        before = "".join(r.text for r, k in read if _printed_before(line_box(r), tops[k], box))
        if repeats_text("".join(g.text for g in group), before):
            notes.append(Block("pull-quote", group, ctx.number, bbox=box))
            ctx.decisions.append(Decision("pull-quote", box, None, WHY))
            _unrule(box, edges[leaf], ctx)
        else:
            kept += stream[i:j]
            read = []
        i = j
    return kept, notes


def _printed_before(line: BBox, column_top: float, quote: BBox) -> bool:
    """The line stands above the quote, or left of it in a column that starts above it: read before it."""
    return line[3] <= quote[1] or (line[2] <= quote[0] and column_top < quote[1])


def _unrule(box: BBox, column: tuple[float, float], ctx: PageCtx) -> None:
    """Drop the rules and blank bands right over and under a pull quote that stay within its column."""

    def ornament(r: BBox) -> bool:
        across = r[3] - r[1] <= r[2] - r[0]
        within = column[0] - P.quote_rule_slack * ctx.body <= r[0] and r[2] <= column[1] + P.quote_rule_slack * ctx.body
        reach = P.quote_rule_reach * ctx.pitch
        near = box[1] - reach <= r[3] <= box[1] or box[3] <= r[1] <= box[3] + reach
        return across and within and near

    ctx.rules = [r for r in ctx.rules if not ornament(r)]
    ctx.blanks = [r for r in ctx.blanks if not ornament(r)]
