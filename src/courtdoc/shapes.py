"""Rules and frames: the lines a page draws to separate articles and box notes.

Every source hands on the shapes it found as they are (`PageText.rules`): a text PDF its drawn
rules and boxes, a scan the thin runs of ink its rule finder saw, a frame among them as four
rules. `read_shapes` reads them the same way for every source into rules and frames, and
`Shapes.separators` is the one answer to "what parts text". It sits beside `model`, under both
the sources and the layout: a PDF's line building asks it before any layout exists, and the
layout (`layout.shapes`) builds on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import RULE_THICKNESS, BBox

FRAME_SLACK = 4.0
"""pt: the four sides of one frame, drawn as separate rules, meet within this distance."""
LABEL_BOX = (150.0, 30.0)
"""pt: the largest black column label (栏目), width and height; a scan shows only its top and bottom."""


@dataclass(frozen=True, slots=True)
class Shapes:
    """A page's shapes as the layout reads them, whatever source found them."""

    rules: list[BBox]  # thin rules, none of them a frame's side or a photo's keyline
    frames: list[BBox]  # frames round text: drawn as one box, or found as four rules meeting

    def separators(self) -> list[BBox]:
        """What parts text: every rule, and each frame's four sides."""
        return self.rules + [side for frame in self.frames for side in sides(frame)]


def read_shapes(shapes: Sequence[BBox]) -> Shapes:
    """The shapes as rules and frames (`split_shapes`), nothing else known of the page."""
    return Shapes(*split_shapes(shapes))


def split_shapes(shapes: Sequence[BBox]) -> tuple[list[BBox], list[BBox]]:
    """(rules, frames): a shape thicker than a rule both ways is a frame round something, and
    so are four rules meeting at their ends (how a scan's frame is found); those four are
    then no rules of their own (a frame's top side under a masthead is no masthead rule)."""
    thin = [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) <= RULE_THICKNESS]
    found = _frames(thin)
    rules = [r for r in thin if not any(_on_side(r, f) for f in found)]
    return rules, [r for r in shapes if min(r[2] - r[0], r[3] - r[1]) > RULE_THICKNESS] + found


def _on_side(rule: BBox, frame: BBox, slack: float = FRAME_SLACK) -> bool:
    return any(all(abs(a - b) <= slack for a, b in zip(rule, side)) for side in sides(frame))


def _frames(rules: Sequence[BBox], slack: float = FRAME_SLACK) -> list[BBox]:
    """Rectangles whose four sides are all among `rules`."""
    flat = [r for r in rules if r[2] - r[0] > r[3] - r[1]]
    upright = [r for r in rules if r[3] - r[1] >= r[2] - r[0]]

    def side(x: float, top: float, bottom: float) -> bool:
        return any(
            abs((r[0] + r[2]) / 2 - x) <= slack and r[1] <= top + slack and r[3] >= bottom - slack for r in upright
        )

    def covers(r: BBox, x0: float, x1: float) -> bool:
        return r[0] <= x0 + slack and r[2] >= x1 - slack

    found: list[BBox] = []
    for a in flat:
        for b in flat:
            top, bottom = (a[1] + a[3]) / 2, (b[1] + b[3]) / 2
            if bottom - top <= slack:
                continue
            same = abs(a[0] - b[0]) <= slack and abs(a[2] - b[2]) <= slack
            # The frame's width is one edge's, which its sides end at (corners); the other edge may
            # be a longer rule the frame is set against (a pull quote's box hung from the page's
            # rule). Two uprights between rules that both run on past them are column rules.
            spans = [(min(a[0], b[0]), max(a[2], b[2]))] if same else [(a[0], a[2]), (b[0], b[2])]
            for x0, x1 in spans:
                # A small black label (white type on a fill) shows a scan's rule finder only its
                # top and bottom edges: its sides are too short to be rules.
                label = same and bottom - top <= LABEL_BOX[1] and x1 - x0 <= LABEL_BOX[0]
                if label or (covers(a, x0, x1) and covers(b, x0, x1) and side(x0, top, bottom) and side(x1, top, bottom)):
                    found.append((x0, top, x1, bottom))
                    break
    return found


def sides(box: BBox) -> list[BBox]:
    """A frame's four sides: each separates what is inside from what is outside, as a rule does."""
    x0, t, x1, b = box
    return [(x0, t, x1, t), (x0, b, x1, b), (x0, t, x0, b), (x1, t, x1, b)]
