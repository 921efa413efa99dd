"""What stands round the articles: the running head and foot bands, the masthead, boxed notes.

Head and foot furniture is found by place (above a masthead rule, small print
in the top or bottom band, page numbers there); a jump line printed at the end of
an article's last line is split off it; text inside a small frame without a
headline is a note (pull quote, column label), unless it is an article's framed lead.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import RULE_THICKNESS, BBox, Block, Line, Role
from ..repair.wraps import display_width
from ..rules.furniture import is_furniture_anywhere, is_page_number, trailing_jump
from ..rules.headings import is_dash_led
from ..rules.markers import is_byline, opens_with_dateline
from ..rules.punctuation import ends_sentence, ends_unit
from .boxes import middle_in
from .columns import line_box, line_part, line_size
from .params import PARAMS as P
from .typeset import PageCtx, first_line_indent, set_as_headline, short, size_tier


def body_candidates(lines: list[Line]) -> list[Line]:
    """The lines to measure the body type on.

    Page numbers and edition lines are small print that on a near-empty page
    (a headline over one line of text) would pass for the body; they count
    only where nothing but display type is left (a page of headline-size names).
    """
    text = [ln for ln in lines if not (is_furniture_anywhere(ln.text) or is_page_number(ln.text))]
    if any(line_size(ln) <= P.max_body_size for ln in text):
        return text
    return [ln for ln in lines if not is_page_number(ln.text)] or lines


def page_bands(
    lines: list[Line], rules: Sequence[BBox], width: float, height: float, body: float
) -> tuple[list[Line], list[Line], list[Line]]:
    """(head furniture, foot furniture, the rest)."""
    # A masthead sits above a rule running most of the page width near the
    # top; an article header above its own rule has a byline or edition line.
    mast = _masthead_foot(lines, [r for r in rules if r[2] - r[0] >= P.masthead_rule_width * width and r[3] - r[1] <= RULE_THICKNESS and r[1] < P.masthead_band * height])
    # A page number is the masthead's own (法院专刊 … 第1版); an editor credit is not.
    if any(
        line_box(ln)[3] <= mast + P.rule_slack
        and (is_byline(ln.text) or is_furniture_anywhere(ln.text))
        for ln in lines
    ):
        mast = 0.0
    head: list[Line] = []
    foot: list[Line] = []
    rest: list[Line] = []
    band = P.margin_band * height
    for ln in lines:
        b = line_box(ln)
        small = line_size(ln) < P.small * body
        if b[3] <= mast + P.rule_slack or (b[3] <= band and small) or (b[1] <= band and is_page_number(ln.text)):
            head.append(ln)
        elif b[1] >= height - band and (small or is_page_number(ln.text)):
            foot.append(ln)
        else:
            rest.append(ln)
    return head, foot, rest


def _masthead_foot(lines: list[Line], rules: list[BBox]) -> float:
    """The foot of the rule closing the masthead: the first long rule with text over it (a border over
    the paper's name has none), and the rules right under it with no text between (a double rule).
    A full-width headline's own rule further down closes no masthead: its headline stands between."""
    foot = 0.0
    for r in sorted(rules, key=lambda r: r[1]):
        between = [ln for ln in lines if foot - P.rule_slack <= (line_box(ln)[1] + line_box(ln)[3]) / 2 <= r[1]]
        if foot and between:
            break
        if foot or between:
            foot = r[3]
    return foot


def split_jumps(lines: list[Line]) -> list[Line]:
    """A jump line printed at the end of an article's last line (……。（下转第2版）, `rules.furniture.trailing_jump`)
    as a line of its own, set at the line's right end: it is furniture wherever it stands, the sentence
    before it the body's."""
    out: list[Line] = []
    for ln in lines:
        at = trailing_jump(ln.text)
        if at is None:
            out.append(ln)
            continue
        b = line_box(ln)
        # Display width counts half cells; the jump is set solid at the line's end.
        start = max(b[0], b[2] - display_width(ln.text[at:]) * line_size(ln) / 2)
        out += [line_part(ln, 0, at, (b[0], b[1], start, b[3])), line_part(ln, at, len(ln.text), (start, b[1], b[2], b[3]))]
    return out


def note_frames(ctx: PageCtx, width: float, height: float) -> list[BBox]:
    """The frames small enough to hold a note, a bar heading or a boxed lead (bigger ones hold articles)."""
    body = ctx.body
    return [
        r
        for r in ctx.boxes
        if r[2] - r[0] > P.note_box_min[0] * body
        and r[3] - r[1] > P.note_box_min[1] * body
        and (r[2] - r[0]) * (r[3] - r[1]) < P.note_box_area * width * height
    ]


def _framed(lines: list[Line], boxes: list[BBox]) -> tuple[dict[int, list[Line]], list[Line]]:
    """(the lines in each box by the box's index, the lines in none): a line is in the innermost box
    round its middle (a column label boxed inside a boxed article is the label's)."""
    inside: dict[int, list[Line]] = {}
    rest: list[Line] = []
    for ln in lines:
        around = [i for i, r in enumerate(boxes) if middle_in(line_box(ln), r)]
        k = min(around, key=lambda i: (boxes[i][2] - boxes[i][0]) * (boxes[i][3] - boxes[i][1]), default=-1)
        if k < 0:
            rest.append(ln)
        else:
            inside.setdefault(k, []).append(ln)
    return inside, rest


def boxed_notes(lines: list[Line], width: float, height: float, ctx: PageCtx) -> tuple[list[Block], list[Line]]:
    """Text inside a small box with no headline in it: a pull quote, or a column label (`_is_label`)."""
    body = ctx.body
    boxes = note_frames(ctx, width, height)
    if not boxes:
        return [], lines
    inside, rest = _framed(lines, boxes)
    notes: list[Block] = []
    for k, group in inside.items():
        # A boxed article has a headline (a small one: bold and a little bigger than the body)
        # and body text; a pull quote may be set as big as a headline, but under it stands
        # only its `——speaker` line.
        if any(
            line_size(ln) >= P.head * body or (size_tier(ln, body) == "deck" and set_as_headline(ln, ctx))
            for ln in group
        ) and any(
            size_tier(ln, body) == "body" and not is_dash_led(ln.text) for ln in group
        ):
            rest.extend(group)
            continue
        group.sort(key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
        if _article_lead(group, boxes[k], lines, ctx):
            rest.extend(group)
            continue
        role: Role = "column-label" if _is_label(group, boxes[k], lines, body) else "pull-quote"
        notes.append(Block(role, group, ctx.number, bbox=boxes[k]))
    rest.sort(key=lambda ln: (line_box(ln)[1], line_box(ln)[0]))
    return notes, rest


def bar_headings(lines: list[Line], width: float, height: float, ctx: PageCtx) -> list[BBox]:
    """The small frames that hold a section heading set on a bar (white on black, or on a tint) across
    a column: part of the column's text, so neither a note nor a frame parting the column.

    A bar heading stands in its column's text, across it: what follows right under it is body text
    of a column no wider than the bar (or another bar, stacked, over body text; at a column's foot,
    the column's text over it, its section going on atop the next column); its words name a
    section, so they close no sentence. A 栏目 label stands over a headline or, a few characters
    wide, beside one; a pull quote is a sentence."""
    boxes = note_frames(ctx, width, height)
    inside, _ = _framed(lines, boxes)
    owner = {id(ln): k for k, group in inside.items() for ln in group}
    bars: set[int] = set()
    for k in sorted(inside, key=lambda k: -boxes[k][1]):  # bottom up: a bar stacked over a bar asks the lower one
        box = boxes[k]
        group = inside[k]
        if len(group) > P.bar_lines or ends_sentence(group[-1].text) or any(size_tier(ln, ctx.body) == "head" for ln in group):
            continue
        under = [
            ln
            for ln in lines
            if owner.get(id(ln)) != k
            and 0 <= line_box(ln)[1] - box[3] <= ctx.pitch
            and min(line_box(ln)[2], box[2]) > max(line_box(ln)[0], box[0])
        ]
        nxt = min(under, key=lambda ln: line_box(ln)[1], default=None)
        if nxt is not None and not _across(nxt, box):
            continue  # what stands under it runs wider: a headline under a label, a deck
        if nxt is None:
            # At a column's foot (its section goes on atop the next column): the column's text over it.
            over = [ln for ln in lines if owner.get(id(ln)) != k and 0 <= box[1] - line_box(ln)[3] <= ctx.pitch and _across(ln, box)]
            nxt = max(over, key=lambda ln: line_box(ln)[3], default=None)
            if nxt is None or id(nxt) in owner:
                continue
        if id(nxt) in owner:
            if owner[id(nxt)] in bars:
                bars.add(k)
        elif size_tier(nxt, ctx.body) == "body" and box[2] - box[0] >= P.overlap * (line_box(nxt)[2] - line_box(nxt)[0]):
            bars.add(k)
    return [boxes[k] for k in sorted(bars)]


def _across(ln: Line, box: BBox) -> bool:
    """Most of the line stands within the box's width (a column line over or under a bar across it)."""
    b = line_box(ln)
    return min(b[2], box[2]) - max(b[0], box[0]) >= P.overlap * (b[2] - b[0])


def _article_lead(group: list[Line], box: BBox, lines: list[Line], ctx: PageCtx) -> bool:
    """A framed lead paragraph (导语, set as a deck across an article's columns), lines top to bottom: the
    article's own text, not a note. It opens with a dateline, which opens an article's body and no
    quote; or it stands right under a headline, with at most the short lines of a byline between,
    a paragraph: indented as one opens, or closed as one ends (a one-line lead, 习近平总书记强调，“…”。,
    centred in its frame; a 栏目 label boxed there is a name). A pull quote repeats a sentence of the
    body, so it stands in or beside the text it repeats, never before all of it."""
    first = group[0]
    size = line_size(first)
    row = [ln for ln in group if abs(line_box(ln)[1] - line_box(first)[1]) <= P.row_mid * size]
    if opens_with_dateline(" ".join(ln.text.strip() for ln in sorted(row, key=lambda ln: line_box(ln)[0]))):
        return True
    if not (first_line_indent(first, min(line_box(ln)[0] for ln in group), size) or ends_unit(group[-1].text)):
        return False
    above = [
        ln
        for ln in lines
        if ln not in group and line_box(ln)[3] <= box[1] and line_box(ln)[0] < box[2] and line_box(ln)[2] > box[0]
    ]
    for ln in sorted(above, key=lambda ln: -line_box(ln)[3]):
        if box[1] - line_box(ln)[3] > P.deck_reach * ctx.pitch:
            return False
        if size_tier(ln, ctx.body) == "head":
            return True
        if not short(ln):
            return False  # text of another article stands between
    return False


def _is_label(group: list[Line], box: BBox, lines: list[Line], body: float) -> bool:
    """One short line; or a few characters over several lines (a 栏目 logo, its name stacked two to a
    line) set beside or over a headline: a pull quote is a sentence, set in a column's text."""
    chars = sum(len("".join(ln.text.split())) for ln in group)
    if len(group) == 1:
        return chars <= P.label_chars
    reach = P.logo_reach * body
    return chars <= P.logo_chars and any(
        size_tier(ln, body) == "head" and _beside_or_over(box, line_box(ln), reach) for ln in lines if ln not in group
    )


def _beside_or_over(box: BBox, head: BBox, reach: float) -> bool:
    """Level with the headline line, or over it (across its width) within reach of its top."""
    level = box[1] < head[3] and head[1] < box[3]
    over = box[0] < head[2] and head[0] < box[2] and 0 <= head[1] - box[3] <= reach
    return level or over
