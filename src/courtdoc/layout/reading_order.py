"""Reading order of a page by recursive XY-cut over line boxes.

A Chinese paper is read article rectangle by article rectangle, each column
left to right, top to bottom. Whitespace and rules show the rectangles: a
rule across a box parts the articles above it from those below, so it is cut
first; then a vertical channel that runs the full height of a box separates
side-by-side articles or columns; when none exists (a headline spans
the columns) the box is cut across at gaps clearly taller than the line
spacing, and each band is cut again. Figures take part as items so captions
stay beside their photo.

Whitespace alone can part articles too: a blank band across the box with a
headline opening the band under it is cut before the channels (articles
stacked on one column grid, whose gutters run on from one article into the
next); a blank band with no headline under it (the gap under a photo), or
one a frame or column rule runs down through, is within an article or beside
one, and the channels are cut first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model import BBox
from .params import PARAMS as P

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Cuts:
    """What the XY-cut measures a box's parts by, in page points."""

    min_vgap: float
    """The narrowest channel between columns."""
    min_hgap: float
    """The narrowest blank band between stacked blocks."""
    line_gap: float
    """The usual whitespace between consecutive lines of a column: when no channel of the
    normal width exists, the box is cut across at any gap clearly wider than it (a headline
    set close above its columns) rather than read row by row across columns."""
    lead: float
    """How far under a band's top its headline may stand and still open it (a kicker above it)."""


def xy_order(
    items: Sequence[tuple[BBox, T]],
    rules: Sequence[BBox],
    cuts: Cuts,
    display: Callable[[T], bool],
    figure: Callable[[T], bool],
) -> tuple[list[list[T]], list[BBox]]:
    """Items grouped into leaves (runs read top to bottom), leaves in reading order; and the
    blank bands cut because a headline opens the band under them, each as a line across its box
    at the blank's middle: they part articles as a rule would.

    `display` says which items are headline type, `figure` which are photos.
    """
    out: list[list[T]] = []
    blanks: list[BBox] = []
    _cut(list(items), rules, cuts, (display, figure), out, blanks)
    return out, blanks


def _cut(
    items: list[tuple[BBox, T]],
    rules: Sequence[BBox],
    cuts: Cuts,
    kinds: tuple[Callable[[T], bool], Callable[[T], bool]],
    out: list[list[T]],
    blanks: list[BBox],
) -> None:
    if len(items) > 1:
        for parts in _attempts(items, rules, cuts, kinds, blanks):
            if len(parts) > 1:
                for part in parts:
                    _cut(part, rules, cuts, kinds, out, blanks)
                return
    items.sort(key=lambda it: (it[0][1], it[0][0]))
    out.append([payload for _, payload in items])


def _attempts(
    items: list[tuple[BBox, T]],
    rules: Sequence[BBox],
    cuts: Cuts,
    kinds: tuple[Callable[[T], bool], Callable[[T], bool]],
    blanks: list[BBox],
) -> Iterator[list[list[tuple[BBox, T]]]]:
    """The ways to cut a box, in the order they are tried; the first that parts it is taken.

    A rule across the box parts what lies above it from what lies below before any channel
    does: an article's columns continue under a gutter that runs on past the rule. So does a
    blank band with a headline under it; one without is cut after the channels. A header set
    close above its columns is cut off where they begin before the box is cut across at a gap
    only a little over the leading: the gap under a photo in one of those columns is no band.
    A photo set across some columns in the middle of the text is read past, column by column,
    before the box is cut across at it.
    """
    display, figure = kinds
    # The longest rules first: an upright rule down the whole box parts two articles side by side,
    # and the rules under their headlines stop at it, so they are cut later, inside each.
    reach = {axis: _rule_reach(items, rules, axis) for axis in (1, 0)}
    for axis in sorted(reach, key=lambda a: -reach[a]):
        if reach[axis] >= P.cut_rule_span:
            yield _split(items, rules, axis, math.inf, reach[axis] - P.same_reach)
    yield _split(items, rules, 1, math.inf)
    x0, x1 = min(b[0] for b, _ in items), max(b[2] for b, _ in items)
    upright = [r for r in rules if r[3] - r[1] > r[2] - r[0] and x0 <= (r[0] + r[2]) / 2 <= x1]
    headed = _headed_bands(_split(items, rules, 1, cuts.min_hgap), upright, display, cuts.lead)
    for above, below in zip(headed, headed[1:]):
        foot, top = max(b[3] for b, _ in above), min(b[1] for b, _ in below)
        # Where the page rules its bands, the rule parts them as far as it runs: a blank band across
        # the whole box would cut an L-shaped article's last column the rule stops short of.
        if not any(r[3] - r[1] < r[2] - r[0] and foot - P.edge_slack <= (r[1] + r[3]) / 2 <= top + P.edge_slack and r[0] < x1 and r[2] > x0 for r in rules):
            blanks.append((x0, (foot + top) / 2, x1, (foot + top) / 2))
    yield headed
    yield _headless_joined(_split(items, rules, 0, cuts.min_vgap), rules, cuts.min_vgap, display, figure)
    yield _through_figure(_split(items, rules, 1, cuts.line_gap), rules, cuts.min_vgap, display, figure)
    yield _split(items, rules, 1, cuts.min_hgap)
    yield _columns_below(items, rules, cuts.min_vgap)
    yield _split(items, rules, 1, cuts.line_gap)


def _headed_bands(
    bands: list[list[tuple[BBox, T]]], upright: Sequence[BBox], display: Callable[[T], bool], lead: float
) -> list[list[tuple[BBox, T]]]:
    """Stacked bands merged back into the one above unless a headline opens them and none of the
    `upright` rules runs down through the blank between (a frame or column rule there sets the
    articles side by side)."""
    out = [bands[0]]
    for band in bands[1:]:
        top = min(b[1] for b, _ in band)
        above = max(b[3] for b, _ in out[-1])
        headed = any(display(payload) and b[1] <= top + lead for b, payload in band)
        if headed and not any(r[1] <= above and r[3] >= top for r in upright):
            out.append(band)
        else:
            out[-1] = out[-1] + band
    return out


def _headless_joined(
    parts: list[list[tuple[BBox, T]]],
    rules: Sequence[BBox],
    min_vgap: float,
    display: Callable[[T], bool],
    figure: Callable[[T], bool],
) -> list[list[tuple[BBox, T]]]:
    """Side-by-side `parts` with each run of text that holds no headline joined to the part beside it
    whose columns, under its headline, begin on the row this text begins on: an article's columns
    start together under its header, and a headline set centred over some of them leaves a column
    beside it that a channel parts from the headline (read before that headline, it would go to the
    article on its other side). Not where the parts on both sides begin on that row, or a rule runs
    down between."""
    parts = [list(part) for part in parts]
    k = 0
    while k < len(parts):
        part = parts[k]
        if any(display(payload) or figure(payload) for _, payload in part):
            k += 1
            continue
        first = min((it[0] for it in part), key=lambda b: b[1])
        level = [
            n
            for n in (k - 1, k + 1)
            if 0 <= n < len(parts) and _columns_begin_on(parts[n], first, rules, min_vgap, display) and not _ruled_apart(part, parts[n], rules)
        ]
        if len(level) != 1:
            k += 1
            continue
        n = level[0]
        parts[min(k, n)] = parts[min(k, n)] + parts[max(k, n)]
        del parts[max(k, n)]
        k = 0
    return parts


def _columns_begin_on(
    part: list[tuple[BBox, T]], line: BBox, rules: Sequence[BBox], min_vgap: float, display: Callable[[T], bool]
) -> bool:
    """The part has a headline over columns whose first row is the printed row of `line` (their middles
    as close as fragments of one row)."""
    if not any(display(payload) for _, payload in part):
        return False
    header = _columns_below(part, rules, min_vgap)
    if not header:
        return False
    mid = (line[1] + line[3]) / 2
    first_row = _split(header[1], rules, 1, 0.0)[0]
    return any(abs((b[1] + b[3]) / 2 - mid) <= P.row_mid * (line[3] - line[1]) for b, _ in first_row)


def _ruled_apart(a: list[tuple[BBox, T]], b: list[tuple[BBox, T]], rules: Sequence[BBox]) -> bool:
    """A rule runs down the channel between two side-by-side parts, along most of `a`'s height."""
    lo = min(max(it[0][2] for it in a), max(it[0][2] for it in b))
    hi = max(min(it[0][0] for it in a), min(it[0][0] for it in b))
    top, bottom = min(it[0][1] for it in a), max(it[0][3] for it in a)
    return any(
        r[3] - r[1] > r[2] - r[0]
        and lo - P.edge_slack <= (r[0] + r[2]) / 2 <= hi + P.edge_slack
        and min(r[3], bottom) - max(r[1], top) >= P.overlap * (bottom - top)
        for r in rules
    )


def _through_figure(
    bands: list[list[tuple[BBox, T]]],
    rules: Sequence[BBox],
    min_vgap: float,
    display: Callable[[T], bool],
    figure: Callable[[T], bool],
) -> list[list[tuple[BBox, T]]]:
    """The box's stacked `bands` regrouped so each column reads down past a photo set across the
    columns: the photo's band (with its caption) first, then each column above the photo followed
    by the same column below it (a column run short above the photo by itself); a header over the
    columns above, first of all. Only where the photos span most of the box, the text below them
    stands in columns of the text above and no headline opens it (that is the next article's);
    else no parts.
    """
    x0, x1 = min(b[0][0] for band in bands for b in band), max(b[0][2] for band in bands for b in band)
    parted: list[list[tuple[BBox, T]]] = []
    for band in bands:
        # The columns are those of the band right above the photo: a header higher up spans them.
        parted += _photo_band_apart(band, x1 - x0, parted[-1] if parted else [], rules, min_vgap, (display, figure))
    bands = parted
    for k in range(1, len(bands) - 1):
        if not _photos_across(bands[k], x1 - x0, figure):
            continue
        above = [it for band in bands[:k] for it in band]
        below = [it for band in bands[k + 1 :] for it in band]
        if any(display(payload) for _, payload in below):
            return []
        # The article's header may stand over the columns in the same box: it is read first.
        header = _columns_below(above, rules, min_vgap) if any(display(payload) for _, payload in above) else []
        if header:
            head, above = header
            if any(display(payload) for _, payload in above):
                return []
        upper, lower = _split(above, rules, 0, min_vgap), _split(below, rules, 0, min_vgap)
        # Each column under the photo goes on from the column above it; a column whose text ends
        # above the photo (the last one, run short) is read by itself, in its place.
        partner = [next((low for low in lower if _same_column(up, low)), []) for up in upper]
        if len(upper) < 2 or sorted(id(low) for low in partner if low) != sorted(id(low) for low in lower):
            return []
        return header[:1] + [bands[k]] + [up + low for up, low in zip(upper, partner)]
    return []


def _photo_band_apart(
    band: list[tuple[BBox, T]],
    width: float,
    above: list[tuple[BBox, T]],
    rules: Sequence[BBox],
    min_vgap: float,
    kinds: tuple[Callable[[T], bool], Callable[[T], bool]],
) -> list[list[tuple[BBox, T]]]:
    """A band holding a photo set across most of `width` and text close over or under it, parted into
    the columns over the photo, the photo with its caption and the columns under them: a caption set close under the photo and
    the columns close under the caption leave no gap of a line's leading to cut at. Not where the
    columns found begin above the photo (a column running down beside it holds the band together
    from the text above the photo on): that is no cut under the photo. Where only one column goes on
    under the photo, it begins at the first row under the photo standing in a column of the text
    `above` (a caption is set under the photo, not in a column: centred, flush right, over a gutter)."""
    display, figure = kinds
    if not _photos_across(band, width, figure):
        return [band]
    top = min(b[1] for b, payload in band if figure(payload))
    over = [it for it in band if it[0][3] <= top]
    rest = [it for it in band if it[0][3] > top]
    if over and not any(display(payload) for _, payload in over) and all(b[1] >= top - P.edge_slack for b, _ in rest):
        # Columns end close over the photo, none running down beside it: no line of theirs is part
        # of the picture, however little the blank (less than a leading, on a page that spaces its
        # paragraphs). A headline over the photo heads the columns under it, as `_columns_below` reads.
        return [over, *_photo_band_apart(rest, width, over, rules, min_vgap, kinds)]
    parts = _columns_below(band, rules, min_vgap) or _column_under_photo(band, above, rules, min_vgap, figure)
    if not parts or min(b[1] for b, _ in parts[1]) < top:
        return [band]
    return parts


def _column_under_photo(
    band: list[tuple[BBox, T]], above: list[tuple[BBox, T]], rules: Sequence[BBox], min_vgap: float, figure: Callable[[T], bool]
) -> list[list[tuple[BBox, T]]]:
    """(photo with its caption, text under them) cut at the first row under the band's photos from
    which every line stands within one column of `above`; no parts if there is none or no text above."""
    if not above:
        return []
    parts = _split(above, rules, 0, min_vgap)
    if len(parts) < 2:  # a header spans the columns: they begin under it
        parts = _split((_columns_below(above, rules, min_vgap) or [[], above])[1], rules, 0, min_vgap)
    columns = [(min(b[0] for b, _ in col), max(b[2] for b, _ in col)) for col in parts]
    foot = max(b[3] for b, payload in band if figure(payload))
    rows = _split(band, rules, 1, 0.0)

    def in_column(b: BBox) -> bool:
        return any(c0 - P.within_slack <= b[0] and b[2] <= c1 + P.within_slack for c0, c1 in columns)

    for k, row in enumerate(rows):
        if min(b[1] for b, _ in row) >= foot and all(in_column(b) for r in rows[k:] for b, _ in r):
            return [[it for r in rows[:k] for it in r], [it for r in rows[k:] for it in r]] if k else []
    return []


def _photos_across(band: list[tuple[BBox, T]], width: float, figure: Callable[[T], bool]) -> bool:
    """The band's photos, together, span most of `width` (one photo across the columns, or two or
    more set side by side over them)."""
    photos = [b for b, payload in band if figure(payload)]
    return bool(photos) and max(b[2] for b in photos) - min(b[0] for b in photos) >= P.overlap * width


def _same_column(a: list[tuple[BBox, T]], b: list[tuple[BBox, T]]) -> bool:
    """Whether two runs of items stand in one column: the narrower stands mostly within the wider
    (a column's end under a photo may be its short last line)."""
    a0, a1 = min(it[0][0] for it in a), max(it[0][2] for it in a)
    b0, b1 = min(it[0][0] for it in b), max(it[0][2] for it in b)
    return min(a1, b1) - max(a0, b0) >= P.overlap * min(a1 - a0, b1 - b0)


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


def _run_past(rule: BBox, items: list[tuple[BBox, T]]) -> bool:
    """A column runs on past the flat rule's end: beyond it, a line stands right over the rule's
    level and the next line of its column right under it, no further apart than a line is tall (a
    band rule stopping short of an L-shaped article's last column, a headline's rule beside a
    neighbour's column). Such a rule parts what stands over it from what stands under it only
    where it runs; it is no cut across the whole box."""
    y = (rule[1] + rule[3]) / 2
    beyond = [b for b, _ in items if b[0] >= rule[2] - P.edge_slack or b[2] <= rule[0] + P.edge_slack]
    over = [b for b in beyond if y - (b[3] - b[1]) <= b[3] <= y + P.edge_slack]
    under = [b for b in beyond if y - P.edge_slack <= b[1] <= y + (b[3] - b[1])]
    return any(min(a[2], b[2]) > max(a[0], b[0]) and b[1] - a[3] <= b[3] - b[1] for a in over for b in under)


def _rule_reach(items: list[tuple[BBox, T]], rules: Sequence[BBox], axis: int) -> float:
    """The largest share of the box's extent one rule across `axis` runs over (0: upright rules, down
    its height; 1: flat ones, along its width)."""
    other_lo, other_hi = 1 - axis, 3 - axis
    span_lo = min(it[0][other_lo] for it in items)
    span_hi = max(it[0][other_hi] for it in items)
    extent = max(span_hi - span_lo, P.edge_slack)
    return max(
        (
            (min(r[other_hi], span_hi) - max(r[other_lo], span_lo)) / extent
            for r in rules
            if (r[axis + 2] - r[axis]) < (r[other_hi] - r[other_lo])
        ),
        default=0.0,
    )


def _split(
    items: list[tuple[BBox, T]], rules: Sequence[BBox], axis: int, min_gap: float, span: float = P.cut_rule_span
) -> list[list[tuple[BBox, T]]]:
    """Items split at every empty channel across `axis` (0: vertical channels, 1: horizontal), and at
    every rule there running over `span` of the box's extent."""
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
        and min(r[other_hi], span_hi) - max(r[other_lo], span_lo) >= span * (span_hi - span_lo)
        and not (axis == 1 and _run_past(r, items))
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
