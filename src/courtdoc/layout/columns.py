"""Page statistics and column structure from line boxes.

The body size is the size most of the page's text is set in; the line pitch
the usual distance between consecutive body lines. A gap inside a printed row
is a column gutter when the lines around it leave the same x-range empty;
otherwise it is a deliberate space inside one line (领航定向　驾驭发展…) and the
fragments are one line.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..model import BBox, Line
from ..repair.wraps import display_width
from ..rules.markers import is_bare_role, is_byline
from ..rules.punctuation import CLOSERS, FULL_WIDTH_MARKS, HANGING, MARKS, OPENERS
from .params import PARAMS as P


def body_metrics(lines: Sequence[Line]) -> tuple[float, float]:
    """(body size, line pitch) weighted by how much text each size carries."""
    weight: Counter[float] = Counter()
    for ln in lines:
        weight[round(line_size(ln) / P.size_bin) * P.size_bin] += len(ln.text)
    # Body type is never display size: on a page that is mostly headline
    # (a short item under a big title) the small print is still the body.
    text_sizes = Counter({s: w for s, w in weight.items() if s <= P.max_body_size}) or weight
    body = text_sizes.most_common(1)[0][0] if text_sizes else P.default_body
    steps: list[float] = []
    body_lines = sorted(
        (ln for ln in lines if abs(line_size(ln) - body) <= P.same_size * body), key=lambda ln: (line_box(ln)[0], line_box(ln)[1])
    )
    for a, b in zip(body_lines, body_lines[1:]):
        ba, bb = line_box(a), line_box(b)
        d = bb[1] - ba[1]
        if abs(bb[0] - ba[0]) < P.pitch_same_column * body and P.pitch_step[0] * body < d < P.pitch_step[1] * body:
            steps.append(d)
    pitch = statistics.median(steps) if steps else P.default_pitch * body
    return body, pitch


def split_at_gutters(lines: Sequence[Line], pitch: float, figures: Sequence[BBox] = ()) -> list[Line]:
    """Lines a source joined across a column gutter, split apart again.

    A source joins glyphs closer than most of an em; a column line ending in
    punctuation set half-width or hung into the gutter brings the next
    column's first glyph that close. The source marks the blank with a space;
    where the lines around end just left of that blank and start just right
    of it (and few run across), the blank is a gutter and the line two lines.
    Punctuation hung into the gutter from both sides (交易。“量变) may leave no
    blank to mark: then the line parts between the two characters where the
    lines around say the gutter is. A photo set across the line's columns lengthens the reach of
    the lines around by its height, as in `merge_rows`.
    """
    by_top = sorted(lines, key=lambda ln: line_box(ln)[1])
    tops = [line_box(ln)[1] for ln in by_top]
    out: list[Line] = []
    for ln in lines:
        b = line_box(ln)
        out.extend(_split_line(ln, by_top, tops, _past_photos(b, b[0], b[2], P.gutter_window * pitch, figures)))
    return out


def _split_line(ln: Line, by_top: list[Line], tops: list[float], window: tuple[float, float]) -> list[Line]:
    b, size = line_box(ln), line_size(ln)
    near_lines = [
        o
        for o in by_top[bisect.bisect_left(tops, b[1] - window[0]) : bisect.bisect_right(tops, b[1] + window[1])]
        if o is not ln and abs(line_size(o) - size) <= P.row_size * size
    ]
    near = [line_box(o) for o in near_lines]
    reach = P.gutter_reach * size
    cell = size / 2  # display width counts half cells: a Han character is two
    for k, gap in _partings(ln, near, reach, cell):
        # Where the text left of the parting ends and the text right of it starts, set solid; the
        # gutter's edges lie about there (justification spreads a line, punctuation set half-width
        # or hung into the gutter narrows it). Marks set half-width (“最大”，) each move the
        # left text's end, or the right text's start, by half a cell.
        left, right = ln.text[:k], ln.text[k + gap :]
        xs = ln.positions()
        lo, hi = (xs[k], xs[k + gap]) if xs else (b[0] + display_width(left) * cell, b[2] - display_width(right) * cell)
        near_lo, near_hi = lo - _marks(left) * cell, hi + _marks(right) * cell
        span = (min(near_lo, hi) - P.gutter_span * reach, max(lo, near_hi) + P.gutter_span * reach)
        ends = [o[2] for o in near if o[0] < span[0] and span[0] <= o[2] <= span[1]]
        starts = [o[0] for o in near if o[2] > span[1] and span[0] <= o[0] <= span[1]]
        if not ends or not starts:
            continue
        left_end, right_start = statistics.median(ends), statistics.median(starts)
        if xs and not (xs[k - 1] <= left_end + P.gutter_overrun * size and hi >= right_start - (1 + P.gutter_overrun) * size):
            # The glyphs stand where the source drew them: a column's last glyph starts by its edge (a
            # mark hung into the gutter starts there), the next column's first at most a hung opener
            # before its edge; text set solid across the gutter (a deck over the columns) is one line.
            continue
        crossing = sum(1 for o in near if o[0] < left_end - reach and o[2] > right_start + reach)
        votes = len(ends) + len(starts)
        # The gutter lies inside the line: a line's own column edge is no gutter to split it at.
        inside = b[0] + reach < left_end < right_start < b[2] - reach
        # With no blank marked, nothing but the lines around says a gutter is there: each side testifies
        # in full, in the line's own face (columns hang marks into their gutters; a kicker in another
        # face set solid over two columns has their gutter under the blank half of its quote mark).
        testified = votes >= P.gutter_votes if gap else min(len(ends), len(starts)) >= P.gutter_votes and _set_alike(ln, near_lines)
        # Each line running across stands for one line on each side, so it outweighs two votes.
        if inside and testified and votes > 2 * crossing:
            left = line_part(ln, 0, k, (b[0], b[1], left_end, b[3]))
            right = line_part(ln, k + gap, len(ln.text), (right_start, b[1], b[2], b[3]))
            return [*_split_line(left, by_top, tops, window), *_split_line(right, by_top, tops, window)]
    return [ln]


def _set_alike(ln: Line, near: Sequence[Line]) -> bool:
    """Most of the lines around are set in the line's face (OCR names none: all alike)."""
    return 2 * sum(o.font == ln.font for o in near) > len(near)


def line_part(ln: Line, start: int, end: int, bbox: BBox) -> Line:
    """`ln.text[start:end]`, blanks at its ends dropped, as a line of its own in the face most of its
    characters are set in: a bold heading the source ran on after a column's body text keeps its face."""
    text = ln.text[start:end]
    start += len(text) - len(text.lstrip())
    end = start + len(text.strip())
    runs = [(max(at, start), face) for (at, face), (nxt, _) in zip(ln.faces, [*ln.faces[1:], (len(ln.text), "")]) if at < end and nxt > start]
    font = ln.font
    if runs:
        counts = Counter[str]()
        for (at, face), (nxt, _) in zip(runs, [*runs[1:], (end, "")]):
            counts[face] += sum(not ch.isspace() for ch in ln.text[at:nxt])
        font = counts.most_common(1)[0][0]
    faces = tuple((at - start, face) for at, face in runs) if len(runs) > 1 else ()
    xs = ln.positions()
    return Line(ln.text[start:end], bbox, ln.size, font, ln.confidence, ln.markup, ln.bold, faces, xs[start:end] if xs else ())


def _inked(ch: str, size: float) -> float:
    """How far from its start a character inks: a cell, or for a mark the part of it a mark inks."""
    if ch in MARKS + CLOSERS:
        return (P.mark_ink if not ch.isascii() else P.ascii_mark_ink) * size
    return size


def _marks(text: str) -> int:
    """Full-width punctuation marks in a text: a typesetter may set each in half its cell."""
    return sum(1 for ch in text if ch in FULL_WIDTH_MARKS)


def _partings(ln: Line, near: Sequence[BBox], reach: float, cell: float) -> list[tuple[int, int]]:
    """Where a line may part at a gutter, as (index, characters dropped): at each blank the source
    marked; else between a mark hung out of one column and the next character, or a character and
    a mark hung into the next column (。“, ，“, 。量, 交“), where the text set solid from the line's
    left edge reaches within two cells of where a line around ends (a column edge inside it), nearest
    first. Only hanging marks bring two columns' glyphs close enough to join unmarked: text set
    solid across a gutter (an editor's line under the columns) stays whole."""
    text, b = ln.text, line_box(ln)
    xs = ln.positions()
    if is_byline(text):
        # One role and its names, set by the byline's own design (centred over the columns, its
        # word spaces wherever the gutters fall): no column's line reads so.
        return []
    if " " in text.strip():
        # Where the glyphs stand as the source drew them, a word space (本报记者 张成虎 高睿凯) is no
        # gutter: the blank from the ink before it to the next glyph is narrower than any gutter (a
        # mark hung into a gutter inks only part of its cell, so the blank after it is the gutter's).
        return [
            (k, 1)
            for k, ch in enumerate(text)
            if ch == " " and text[:k].strip() and not (xs and xs[k + 1] - xs[k - 1] - _inked(text[k - 1], line_size(ln)) < P.min_gutter * line_size(ln))
        ]
    edges = [o[2] for o in near if b[0] + reach < o[2] < b[2] - reach]
    if not edges:
        return []
    # Where each parting stands: from the glyphs where the source gave them, else counted as if set solid.
    found = []
    for k in range(1, len(text)):
        # Where the glyphs stand as the source drew them, any full-width mark may be the one hung (a
        # colon, as Typst hangs it): `_split_line` checks it starts by the column's edge.
        hung = text[k - 1] in HANGING or (xs and text[k - 1] in FULL_WIDTH_MARKS)
        if not hung and text[k] not in OPENERS:
            continue
        lo = xs[k] if xs else b[0] + display_width(text[:k]) * cell
        miss = min(abs(lo - e) for e in edges)
        if miss <= P.gutter_span * reach:
            found.append((miss, k))
    return [(k, 0) for _, k in sorted(found)]


def printed_rows(lines: Sequence[Line]) -> list[list[Line]]:
    """The fragments of each printed row, rows top to bottom, each row left to right.

    A fragment stands in the row of the row's topmost fragment when their middles lie within
    `row_mid` of its size and their sizes agree within `row_size`: one row is set in one size on one
    baseline, and a row's middle is its first fragment's, so a row never drifts down fragment by
    fragment into the next. Which fragments of a row are one line is for the caller to say.
    """
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda c: (line_box(c)[1], line_box(c)[0])):
        home = _row_of(rows, ln)
        if home is None:
            rows.append([ln])
        else:
            home.append(ln)
    for row in rows:
        row.sort(key=lambda c: line_box(c)[0])
    return rows


def _row_of(rows: list[list[Line]], ln: Line) -> list[Line] | None:
    """The row the fragment is printed in, among those begun within its size above it: a row of
    another size may have begun between that row's first fragment and this one (the next column's
    line a hair higher, a run-in head measured smaller than its text)."""
    b, size = line_box(ln), line_size(ln)
    for row in reversed(rows):
        first = line_box(row[0])
        if b[1] - first[1] > size:
            return None
        same_size = abs(line_size(row[0]) - size) <= P.row_size * size
        if same_size and abs((first[1] + first[3]) - (b[1] + b[3])) / 2 <= P.row_mid * size:
            return row
    return None


def one_size(a: Line, b: Line) -> bool:
    """Whether two fragments are set in one size: a PDF gives sizes exactly (one size differs only by
    rounding), OCR measures ink heights (one size varies by `ocr_headline_size`)."""
    if a.font is not None and b.font is not None:
        return abs(line_size(a) - line_size(b)) <= P.same_font_size
    return abs(line_size(a) - line_size(b)) <= P.ocr_headline_size * max(line_size(a), line_size(b))


def merge_rows(
    lines: Sequence[Line], body: float, pitch: float, rules: Sequence[BBox], figures: Sequence[BBox] = ()
) -> list[Line]:
    """Fragments of one printed row (`printed_rows`) joined unless a gutter or a vertical rule lies between them.

    Over the whole page a row's blanks are mostly gutters: two neighbours are one line only when the
    blank is narrow enough for a wide space (`row_gap`), they share a face (or one is a run-in head),
    and neither a rule nor the column text around says a gutter or another headline's edge is there.
    Display fragments set in two sizes are two headlines side by side (a headline's phrases share one).
    A photo set across the gap takes the columns' room, not their place: the lines around a row of
    column text reach past it by its height (two lines under a photo set into the columns have their
    columns above it). A display row over a photo keeps its reach: whether its blank is a gutter is
    the columns' word right under it, as where it stands over them.
    """
    by_top = sorted(lines, key=lambda ln: line_box(ln)[1])
    tops = [line_box(ln)[1] for ln in by_top]
    vertical = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    flat = [r for r in rules if r[3] - r[1] <= r[2] - r[0]]
    out: list[Line] = []
    window = P.gutter_window * pitch
    for row in printed_rows(lines):
        cur = row[0]
        for nxt in row[1:]:
            a, b = line_box(cur), line_box(nxt)
            lo, hi = a[2], b[0]
            # One printed line keeps its typeface, but for a run-in head (a bold dateline or lead-in
            # opening a paragraph), which leaves the line in its text's face however long it is;
            # a caption or credit beside body text is set in a face of its own.
            run_in = cur.font != nxt.font and _runs_in(cur, nxt)
            display = line_size(cur) >= P.head * body
            if (
                hi - lo <= P.row_gap * line_size(cur)
                and (cur.font == nxt.font or run_in)
                and not _ruled_between(lo, hi, a, vertical)
                and not (
                    _gutter(lo, hi, a, by_top, tops, _past_photos(a, lo, hi, window, () if display else figures), body, row, (cur, nxt), () if display else flat)
                    and not (
                        display
                        and (_runs_on_under(lo, hi, a, by_top, tops, body, pitch) or _one_headline(cur, nxt, by_top, tops, body, pitch))
                    )
                    and not _names_its_role(cur, nxt)
                )
                and not (
                    display
                    and (
                        not one_size(cur, nxt)
                        or block_edge_between(lo, hi, a, _near(by_top, tops, a, P.display_lead * line_size(cur), row), line_size(cur))
                    )
                )
            ):
                cur = replace(join_fragments(cur, nxt), font=nxt.font) if run_in else join_fragments(cur, nxt)
            else:
                out.append(cur)
                cur = nxt
        out.append(cur)
    out.sort(key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
    return out


def _past_photos(box: BBox, lo: float, hi: float, window: float, figures: Sequence[BBox]) -> tuple[float, float]:
    """How far above and below the row at `box` the lines around reach: `window`, lengthened upward
    by the height of each photo set across most of [lo, hi] (a gap, or a line's extent) above it
    within reach. Only upward: the lines under a photo set into the columns go on from the columns
    above it, while a line over a photo may be a header's (a byline over the columns under a photo
    set under the headline), which the columns under the photo say nothing about."""
    above = window
    for f in sorted(figures, key=lambda f: -f[3]):
        if min(f[2], hi) - max(f[0], lo) >= P.overlap * (hi - lo) and box[1] - above <= f[3] <= box[1]:
            above += f[3] - f[1]
    return above, window


def _runs_in(head: Line, rest: Line) -> bool:
    """A short run in another face, a blank or two before the rest of its row: 鹿鸣讯　“谢谢…"""
    size = line_size(rest)
    return (
        len(head.text.strip()) <= P.run_in_chars
        and abs(line_size(head) - size) <= P.row_size * size
        and line_box(rest)[0] - line_box(head)[2] <= P.run_in_gap * size
    )


def _ruled_between(lo: float, hi: float, box: BBox, vertical: Sequence[BBox]) -> bool:
    """An upright rule (a column rule, a frame's side) runs down through the gap [lo, hi] in a row."""
    return any(
        lo - P.edge_slack <= (r[0] + r[2]) / 2 <= hi + P.edge_slack and r[1] <= box[3] and r[3] >= box[1] for r in vertical
    )


def _ruled_from(other: BBox, box: BBox, lo: float, hi: float, flat: Sequence[BBox]) -> bool:
    """A flat rule across the gap [lo, hi] runs between the line at `other` and the row at `box`."""
    top, bottom = (other[3], box[1]) if other[3] <= box[1] else (box[3], other[1])
    s = P.rule_slack
    return any(r[0] <= lo + s and r[2] >= hi - s and top - s <= (r[1] + r[3]) / 2 <= bottom + s for r in flat)


def _gutter(
    lo: float,
    hi: float,
    box: BBox,
    by_top: list[Line],
    tops: list[float],
    window: tuple[float, float],
    body: float,
    row: list[Line],
    pair: tuple[Line, Line],
    flat: Sequence[BBox],
) -> bool:
    """Whether the gap [lo, hi] between the two fragments `pair` of a row is a column gutter.

    A gutter has column text hugging it on both sides (lines ending at its
    left edge, starting at its right) far more often than lines running
    across it; a wide space inside a line (领航定向　驾驭…) has text running
    across it above and below. Only column text says anything: lines bigger
    than the fragments' type (headlines) span columns by design, print smaller
    than both fragments and the body (an editor's line at the page's foot) is
    set where its own design puts it; the row may hold such print too, so its
    size is the fragments'. A line running across beyond a flat rule `flat` across the gap says
    nothing of the row's columns: the rule parts a block set to its own measure (a framed note, a
    lead across the page) from the columns under it; the page's column grid runs on past rules, so
    lines hugging the gap there still testify. (A display row's own rule under it parts nothing:
    merge_rows passes no rules for display rows.)
    Display lines are no column text either: headline-size names set in a
    table (一版责编：杨 旭 张帅祯 张宇杰) line up without any gutter. A line
    running across in a face of its own (a byline or a photo credit centred
    over the columns) is set by its own design, not the text's: only a line in
    the fragments' face says the text runs across.
    Columns of a line or two (under a photo, at an article's foot) hold too
    few lines to outvote chance; there the lines around share the fragments'
    own edges exactly, as justified column lines do, on both sides. Where one
    of the two columns shows no edge at the gap at all (its only other line
    is indented, or is a paragraph's short last line), the other column's
    edge says it alone: enough lines end, or start, exactly where its
    fragment does, and a line of the fragment's column never reaches past
    its column's edge.
    """
    crossing = left = right = 0
    flush_left = flush_right = 0
    size = max(map(line_size, pair))
    # Column text as small as the smaller fragment, or as the body under a display row, testifies.
    least = min(*map(line_size, pair), body) / P.gutter_size
    for ln in by_top[bisect.bisect_left(tops, box[1] - window[0]) : bisect.bisect_right(tops, box[1] + window[1])]:
        if not least <= line_size(ln) <= min(P.gutter_size * size, P.head * body) or any(ln is r for r in row):
            continue
        b = line_box(ln)
        if b[0] < lo + P.edge_slack and b[2] > hi - P.edge_slack:
            crossing += any(ln.font == f.font for f in pair) and not _ruled_from(b, box, lo, hi, flat)
        elif b[0] < lo + P.edge_slack and lo - P.gutter_reach * body <= b[2] <= hi:
            left += 1  # ends in the gap: the column on its left
            flush_left += abs(b[2] - lo) <= P.edge_slack
        elif b[2] > hi - P.edge_slack and lo <= b[0] <= hi + P.gutter_reach * body:
            right += 1  # starts in the gap: the column on its right
            flush_right += abs(b[0] - hi) <= P.edge_slack
    # Both sides testify, or one column's edge alone, together more often than lines cross the gap
    # (twice: each crossing line stands for one line on each side).
    both = left >= 1 and right >= 1 and (left + right >= P.gutter_votes or (flush_left and flush_right))
    one = max(flush_left, flush_right) >= P.gutter_flush_votes
    return (both or one) and left + right > 2 * crossing


def _names_its_role(left: Line, right: Line) -> bool:
    """A role set alone before a gap, the names after it (本报记者　洪秋婷 李 刚): one byline
    centred over the columns with its blank over a gutter, never two columns' lines."""
    return is_bare_role(left.text) and is_byline(f"{left.text} {right.text}")


def _runs_on_under(lo: float, hi: float, box: BBox, by_top: list[Line], tops: list[float], body: float, pitch: float) -> bool:
    """Whether the column starting under the right part of a display row goes on with text from
    before: its first line, right under the row, is body text set flush with its column.

    A headline spanning several columns stands over their gutters, so body lines hugging the blank
    between its two phrases (落实“六个行动”　推进“四项工程”) say nothing: the column under the
    second phrase runs on. Two headlines side by side each open an article there: a first line
    indented or led by a dateline, a heading short of the column's width, or a byline or subtitle under
    the headline.
    """
    # The column's first line stands within three lines under the row (a subtitle and a byline may
    # stand between); its edges are read off its first few lines, however far down they start.
    under = by_top[bisect.bisect_left(tops, box[3]) :]
    column = [ln for ln in under if lo <= line_box(ln)[0] <= hi + P.indent[1] * body]
    if not column or line_box(column[0])[1] - box[3] > P.under_rule * pitch:
        return False
    column = [ln for ln in column if line_box(ln)[1] - line_box(column[0])[1] <= P.under_rule * pitch]
    if len(column) < 2:
        return False
    first = column[0]
    left, right = min(line_box(ln)[0] for ln in column), max(line_box(ln)[2] for ln in column)
    size = line_size(first)
    return (
        abs(size - body) <= P.same_size * body
        and line_box(first)[0] - left < P.indent[0] * size
        and right - line_box(first)[2] < P.short_last_line * size
    )


def _one_headline(left: Line, right: Line, by_top: list[Line], tops: list[float], body: float, pitch: float) -> bool:
    """Whether two display fragments of a row are one headline's phrases, not two headlines side by side.

    A headline is set over the columns of its own article: flush with the left edge of the first, or
    centred over them. One headline's phrases (谋篇定方向　蓄力开新局, centred over four columns) are
    set so as a whole, neither alone; two headlines side by side are each set so, the right one flush
    with a column's edge or each centred over columns the other does not reach into. The columns are
    read off the body lines under the row; where they say neither, so does this.
    """
    a, b = line_box(left), line_box(right)
    start, stop = bisect.bisect_left(tops, a[3]), bisect.bisect_right(tops, a[3] + P.gutter_window * pitch)
    below = [line_box(ln) for ln in by_top[start:stop] if abs(line_size(ln) - body) <= P.same_size * body]
    slack = P.centred_slack[0] if left.font is not None else P.centred_slack[1] * body
    # A column's edge is where its lines start (or end) and none of its lines runs past: an indented
    # first line's start, or a paragraph's short last line's end, is none.
    lefts = {x for x in (o[0] for o in below) if not any(o[0] < x - slack < o[2] for o in below)}
    rights = {x for x in (o[2] for o in below) if not any(o[0] < x + slack < o[2] for o in below)}

    def set_over(f: BBox, other: BBox | None) -> bool:
        """Centred over a run of columns (the other fragment outside it), or flush with its left edge."""
        return any(
            lft <= f[0] + slack
            and rgt >= f[2] - slack
            and (abs(lft + rgt - f[0] - f[2]) <= 2 * slack or (other is None and abs(lft - f[0]) <= slack))
            and (other is None or other[2] <= lft or other[0] >= rgt)
            for lft in lefts
            for rgt in rights
        )

    whole = (a[0], a[1], b[2], b[3])
    apart = any(abs(x - b[0]) <= slack for x in lefts) or (set_over(a, b) and set_over(b, a))
    return set_over(whole, None) and not apart


def _near(by_top: list[Line], tops: list[float], box: BBox, reach: float, row: list[Line]) -> list[Line]:
    """Lines whose tops lie within `reach` of the box's top, the row's own fragments left out."""
    window = by_top[bisect.bisect_left(tops, box[1] - reach) : bisect.bisect_right(tops, box[1] + reach)]
    return [ln for ln in window if not any(ln is r for r in row)]


def block_edge_between(lo: float, hi: float, box: BBox, others: Sequence[Line], size: float) -> bool:
    """Whether a display line of the fragments' type in the line above or below ends or starts inside the gap.

    Two headlines set side by side (each centred over its own columns) leave their
    wrapped lines ending and starting inside the blank between them; one headline's
    two phrases (锚定目标再出发　凝心聚力开新局) have no line of their type beside them.
    Body text says nothing: a paragraph's last line ends anywhere.
    """
    reach = P.display_lead * size
    for ln in others:
        b = line_box(ln)
        if abs(line_size(ln) - size) > P.row_size * size or abs(b[1] - box[1]) > reach:
            continue
        if lo + P.edge_slack < b[2] < hi - P.edge_slack or lo + P.edge_slack < b[0] < hi - P.edge_slack:
            return True
    return False


def join_fragments(a: Line, b: Line) -> Line:
    """Two fragments of one printed row, left and right, as one line with the blank between them kept."""
    ba, bb = line_box(a), line_box(b)
    return Line(
        text=f"{a.text} {b.text}",
        bbox=(min(ba[0], bb[0]), min(ba[1], bb[1]), max(ba[2], bb[2]), max(ba[3], bb[3])),
        size=a.size,
        font=a.font if len(a.text) >= len(b.text) else b.font,
        confidence=min(a.confidence, b.confidence),
        markup=a.markup,
        xs=(*xa, ba[2], *xb) if (xa := a.positions()) and (xb := b.positions()) else (),
    )


def line_box(ln: Line) -> BBox:
    """The box of a line known to have one."""
    assert ln.bbox is not None
    return ln.bbox


def ink_box(ln: Line) -> BBox:
    """A line's box less the blank halves of the full-width marks at its ends: an opening quote
    inks the right half of its cell, a closing mark the left, so marks hung into a gutter reach
    only half a cell into it (an ASCII comma or stop, a quarter)."""
    x0, top, x1, bottom = line_box(ln)
    text, cell = ln.text.strip(), P.mark_ink * line_size(ln)
    if text and text[0] in OPENERS and not text[0].isascii():
        x0 += cell
    if text and text[-1] in MARKS + CLOSERS:
        x1 -= _inked(text[-1], line_size(ln))  # a mark's blank part is as wide as its ink
    return (x0, top, max(x0, x1), bottom)


def line_size(ln: Line) -> float:
    """Font size, or for OCR lines without one the box height."""
    if ln.size:
        return ln.size
    b = line_box(ln)
    return b[3] - b[1]

