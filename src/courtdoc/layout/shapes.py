"""Rules and frames: the lines a page draws to separate articles and box notes.

Every source hands the layout the shapes it found as they are (`PageText.rules`): a text PDF its
drawn rules and boxes, a scan the thin runs of ink its rule finder saw, a frame among them as four
rules. `page_shapes` reads them once, the same way for every source, into rules and frames, and
`Shapes.separators` is the one answer to "what parts text", used to build a PDF's lines and to
lay out every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import RULE_THICKNESS, BBox, Line
from .boxes import within
from .columns import line_box
from .params import PARAMS as P
from .typeset import PageCtx


@dataclass(frozen=True, slots=True)
class Shapes:
    """A page's shapes as the layout reads them, whatever source found them."""

    rules: list[BBox]  # thin rules, none of them a frame's side or a photo's keyline
    frames: list[BBox]  # frames round text: drawn as one box, or found as four rules meeting

    def separators(self) -> list[BBox]:
        """What parts text: every rule, and each frame's four sides."""
        return self.rules + [side for frame in self.frames for side in sides(frame)]


def page_shapes(shapes: Sequence[BBox], figures: Sequence[BBox] = (), lines: Sequence[Line] = ()) -> Shapes:
    """The page's rules and frames (`split_shapes`), less the keylines of its photos (`without_keylines`).

    A source building its lines knows no lines yet: it passes no figures, and a keyline, round a
    photo with no text inside, parts no text from other text anyway."""
    rules, frames = without_keylines(*split_shapes(shapes), figures, lines)
    return Shapes(rules, frames)


def split_shapes(shapes: Sequence[BBox]) -> tuple[list[BBox], list[BBox]]:
    """(rules, frames): a shape thicker than a rule both ways is a frame round something, and
    so are four rules meeting at their ends (how a scan's frame is found); those four are
    then no rules of their own (a frame's top side under a masthead is no masthead rule)."""
    thin = [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) <= RULE_THICKNESS]
    found = _frames(thin)
    rules = [r for r in thin if not any(_on_side(r, f) for f in found)]
    return rules, [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) > RULE_THICKNESS] + found


def _on_side(rule: BBox, frame: BBox, slack: float = P.frame_slack) -> bool:
    return any(all(abs(a - b) <= slack for a, b in zip(rule, side)) for side in sides(frame))


def _frames(rules: Sequence[BBox], slack: float = P.frame_slack) -> list[BBox]:
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
            label = bottom - top <= P.label_box[1] and x1 - x0 <= P.label_box[0]
            if label or (side(x0, top, bottom) and side(x1, top, bottom)):
                found.append((x0, top, x1, bottom))
    return found


def without_keylines(
    rules: Sequence[BBox], frames: Sequence[BBox], figures: Sequence[BBox], lines: Sequence[Line]
) -> tuple[list[BBox], list[BBox]]:
    """(rules, frames) less a photo's keyline: a frame round a photo with no text inside is the
    photo's edge, and a rule along a photo's edge is too; neither separates the headline above
    the photo from the body under it."""

    def holds_text(box: BBox) -> bool:
        return any(box[0] <= (b[0] + b[2]) / 2 <= box[2] and box[1] <= (b[1] + b[3]) / 2 <= box[3] for b in map(line_box, lines))

    keylines = [f for f in frames if any(within(fig, f, P.frame_slack) for fig in figures) and not holds_text(f)]
    edges = [side for f in [*keylines, *figures] for side in sides(f)]
    kept_rules = [r for r in rules if not any(_along(r, e) for e in edges)]
    return kept_rules, [f for f in frames if f not in keylines]


def _along(rule: BBox, edge: BBox) -> bool:
    """The rule runs on the edge, within a frame's slack, and no longer than it."""
    s = P.frame_slack
    return (
        rule[0] >= edge[0] - s
        and rule[2] <= edge[2] + s
        and rule[1] >= edge[1] - s
        and rule[3] <= edge[3] + s
    )


def sides(box: BBox) -> list[BBox]:
    """A frame's four sides: each separates what is inside from what is outside, as a rule does."""
    x0, t, x1, b = box
    return [(x0, t, x1, t), (x0, b, x1, b), (x0, t, x0, b), (x1, t, x1, b)]


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
    """A rule runs between a headline and a block: across above the block, or down between them."""
    if ruled_across(head, box, rules):
        return True
    s = P.rule_slack
    for r in rules:
        if r[3] - r[1] >= r[2] - r[0]:  # upright
            x = (r[0] + r[2]) / 2
            between = head[2] - s <= x <= box[0] + s or box[2] - s <= x <= head[0] + s
            if between and min(r[3], box[3]) - max(r[1], box[1]) >= P.overlap * (box[3] - box[1]):
                return True
    return False


def under_rule(ln: Line, flat: Sequence[BBox], ctx: PageCtx) -> bool:
    b = line_box(ln)
    return any(
        0 <= b[1] - r[3] <= P.under_rule * ctx.pitch and min(b[2], r[2]) - max(b[0], r[0]) >= P.overlap * (b[2] - b[0])
        for r in flat
    )
