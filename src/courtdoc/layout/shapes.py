"""The layout's reading of a page's rules and frames (`courtdoc.shapes`): less a photo's keyline,
and where rules stand between headlines, blocks and lines.

`page_shapes` is the one reading for laying out a page: the shapes as rules and frames, less the
keylines of its photos, which part no text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import BBox, Line
from ..shapes import FRAME_SLACK, Shapes, split_shapes, sides
from .boxes import middle_in, within
from .columns import line_box
from .params import PARAMS as P
from .typeset import PageCtx


def page_shapes(shapes: Sequence[BBox], figures: Sequence[BBox] = (), lines: Sequence[Line] = ()) -> Shapes:
    """The page's rules and frames (`split_shapes`), less the keylines of its photos (`without_keylines`)."""
    rules, frames = without_keylines(*split_shapes(shapes), figures, lines)
    return Shapes(rules, frames)


def without_keylines(
    rules: Sequence[BBox], frames: Sequence[BBox], figures: Sequence[BBox], lines: Sequence[Line]
) -> tuple[list[BBox], list[BBox]]:
    """(rules, frames) less a photo's keyline: a frame round a photo with no text inside is the
    photo's edge, and a rule along a photo's edge is too; neither separates the headline above
    the photo from the body under it. A frame printed on a photo is part of it too."""

    def holds_text(box: BBox) -> bool:
        return any(middle_in(line_box(ln), box) for ln in lines)

    keylines = [f for f in frames if any(within(fig, f, FRAME_SLACK) for fig in figures) and not holds_text(f)]
    # A band printed on a photo (the dark strip a caption is set on, across its foot) is the photo's.
    printed = [f for f in frames if any(within(f, fig, FRAME_SLACK) for fig in figures)]
    edges = [side for f in [*keylines, *figures] for side in sides(f)]
    kept_rules = [r for r in rules if not any(_along(r, e) for e in edges)]
    return kept_rules, [f for f in frames if f not in keylines and f not in printed]


def _along(rule: BBox, edge: BBox) -> bool:
    """The rule runs on the edge, within a frame's slack, and no longer than it."""
    s = FRAME_SLACK
    return (
        rule[0] >= edge[0] - s
        and rule[2] <= edge[2] + s
        and rule[1] >= edge[1] - s
        and rule[3] <= edge[3] + s
    )


def ruled_across(above: BBox, box: BBox, rules: Sequence[BBox]) -> bool:
    """A rule (or blank band) runs across `box` between the foot of `above` and the top of `box`."""
    s = P.rule_slack
    return any(
        r[3] - r[1] < r[2] - r[0]
        and above[3] - s <= (r[1] + r[3]) / 2 <= box[1] + s
        and min(r[2], box[2]) - max(r[0], box[0]) >= P.overlap * (box[2] - box[0])
        for r in rules
    )


def ruled_off(head: BBox, box: BBox, rules: Sequence[BBox]) -> bool:
    """A rule runs between a headline and a block: across above the block, or down between them
    from the headline's level. An upright rule that starts under the headline's foot rules the
    gutters of the article under it (as many papers rule every column), and parts no column of that
    article from its headline, however narrow the headline stands over them."""
    if ruled_across(head, box, rules):
        return True
    s = P.rule_slack
    for r in rules:
        if r[3] - r[1] >= r[2] - r[0] and r[1] <= head[3] + s:  # upright, rising to the headline
            x = (r[0] + r[2]) / 2
            between = head[2] - s <= x <= box[0] + s or box[2] - s <= x <= head[0] + s
            if between and min(r[3], box[3]) - max(r[1], box[1]) >= P.overlap * (box[3] - box[1]):
                return True
    return False


def underlines(head: BBox, rule: BBox, pitch: float) -> bool:
    """`rule` is the headline's own rule: flat, right under its foot and under most of its width (papers
    that rule under every headline). It sets the header off from the body it heads, so it parts the
    headline from none of its columns."""
    mid = (rule[1] + rule[3]) / 2
    return (
        rule[3] - rule[1] < rule[2] - rule[0]
        and head[3] - P.rule_slack <= mid <= head[3] + P.headline_rule * pitch
        and min(rule[2], head[2]) - max(rule[0], head[0]) >= P.overlap * (head[2] - head[0])
    )


def under_rule(ln: Line, flat: Sequence[BBox], ctx: PageCtx) -> bool:
    b = line_box(ln)
    return any(
        0 <= b[1] - r[3] <= P.under_rule * ctx.pitch and min(b[2], r[2]) - max(b[0], r[0]) >= P.overlap * (b[2] - b[0])
        for r in flat
    )
