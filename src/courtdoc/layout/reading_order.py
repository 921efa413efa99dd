"""Reading order of a page by recursive XY-cut over line boxes.

A Chinese paper is read article rectangle by article rectangle, each column
left to right, top to bottom. Whitespace and rules show the rectangles: a
rule across a box parts the articles above it from those below, so it is cut
first; then a vertical channel that runs the full height of a box separates
side-by-side articles or columns; when none exists (a headline spans
the columns) the box is cut across at gaps clearly taller than the line
spacing, and each band is cut again. Figures take part as items so captions
stay beside their photo.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

from ..model import BBox
from .params import PARAMS as P

T = TypeVar("T")


def xy_order(
    items: Sequence[tuple[BBox, T]],
    rules: Sequence[BBox],
    min_vgap: float,
    min_hgap: float,
    line_gap: float,
) -> list[list[T]]:
    """Items grouped into leaves (runs read top to bottom), leaves in reading order.

    `line_gap` is the usual whitespace between consecutive lines of a
    column: when no channel of the normal width exists, the box is cut
    across at any gap clearly wider than it (a headline set close above its
    columns) rather than read row by row across columns.
    """
    out: list[list[T]] = []
    _cut(list(items), rules, (min_vgap, min_hgap, line_gap), out)
    return out


def _cut(items: list[tuple[BBox, T]], rules: Sequence[BBox], gaps: tuple[float, float, float], out: list[list[T]]) -> None:
    min_vgap, min_hgap, line_gap = gaps
    if len(items) > 1:
        # A rule across the box parts what lies above it from what lies below before any
        # channel does: an article's columns continue under a gutter that runs on past the rule.
        for axis, gap in ((1, math.inf), (0, min_vgap), (1, min_hgap), (1, line_gap)):
            parts = _split(items, rules, axis, gap)
            if len(parts) > 1:
                for part in parts:
                    _cut(part, rules, gaps, out)
                return
        parts = _columns_below(items, rules, min_vgap)
        if parts:
            for part in parts:
                _cut(part, rules, gaps, out)
            return
    items.sort(key=lambda it: (it[0][1], it[0][0]))
    out.append([payload for _, payload in items])


def _columns_below(items: list[tuple[BBox, T]], rules: Sequence[BBox], min_vgap: float) -> list[list[tuple[BBox, T]]]:
    """(above, below) cut across where the columns begin: above the first row of several items
    side by side under which everything stands in columns.

    A headline set closer above its columns than the columns' own line
    spacing leaves no gap wide enough to cut at, and no channel runs through
    the headline; read row by row, the columns would interleave. A row of one
    item (a headline's second line, a byline narrower than the columns) stays
    with the header above it.
    """
    rows = _split(items, rules, 1, 0.0)
    for k in range(1, len(rows)):
        if len(rows[k]) < 2:
            continue
        below = [it for row in rows[k:] for it in row]
        if len(_split(below, rules, 0, min_vgap)) > 1:
            return [[it for row in rows[:k] for it in row], below]
    return []


def _split(
    items: list[tuple[BBox, T]], rules: Sequence[BBox], axis: int, min_gap: float
) -> list[list[tuple[BBox, T]]]:
    """Items split at every empty channel across `axis` (0: vertical channels, 1: horizontal)."""
    lo, hi = axis, axis + 2  # x0/x1 or top/bottom
    other_lo, other_hi = 1 - axis, 3 - axis
    span_lo = min(it[0][other_lo] for it in items)
    span_hi = max(it[0][other_hi] for it in items)
    ordered = sorted(items, key=lambda it: it[0][lo])
    # Rules that run most of the box's extent the other way: a rule in a
    # channel separates even when the whitespace beside it is narrow.
    crossing = [
        (r[lo] + r[hi]) / 2
        for r in rules
        if (r[hi] - r[lo]) < (r[other_hi] - r[other_lo])
        and min(r[other_hi], span_hi) - max(r[other_lo], span_lo) >= P.cut_rule_span * (span_hi - span_lo)
    ]
    parts: list[list[tuple[BBox, T]]] = [[ordered[0]]]
    reach = ordered[0][0][hi]
    for it in ordered[1:]:
        start = it[0][lo]
        gap = start - reach
        ruled = gap > -P.edge_slack and any(reach - P.edge_slack <= c <= start + P.edge_slack for c in crossing)
        if gap >= min_gap or ruled:
            parts.append([it])
        else:
            parts[-1].append(it)
        reach = max(reach, it[0][hi])
    return parts
