"""Box arithmetic in page points: unions, distances, containment."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import BBox, Line
from .columns import line_box
from .params import PARAMS as P


def union(lines: Sequence[Line]) -> BBox:
    boxes = [line_box(ln) for ln in lines]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def merge(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def distance(a: BBox, b: BBox) -> float:
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return dx + dy


def within(inner: BBox, outer: BBox, slack: float = P.within_slack) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def middle_in(box: BBox, area: BBox) -> bool:
    """The box's middle lies inside `area`: how a line or block is said to stand in a frame."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def frames_holding(box: BBox, frames: Sequence[BBox]) -> set[int]:
    """Indices of the frames `box` stands in (`middle_in`)."""
    return {i for i, f in enumerate(frames) if middle_in(box, f)}


def overlaps(a: BBox, b: BBox) -> bool:
    """The two boxes share some area."""
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def right_under(upper: BBox, lower: BBox, reach: float) -> bool:
    """`lower` starts at most `reach` under the foot of `upper`, overlapping it across: the next line
    down the same stretch of a column."""
    return 0 <= lower[1] - upper[3] <= reach and min(upper[2], lower[2]) > max(upper[0], lower[0])
