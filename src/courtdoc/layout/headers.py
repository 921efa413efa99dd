"""Headline clusters: kicker, title, subtitle and byline, found by size, stacking and rules.

A header is a run of display lines stacked under one another (a headline
broken at a wide space keeps its halves side by side); the biggest bold lines
are the title, a line above them the kicker, lines below the subtitle or the
byline. Bylines read before their headline move behind it.
"""

from __future__ import annotations

from ..model import BBox, Block, Line, Role
from ..rules.chinese import is_personal_name
from ..rules.furniture import is_furniture_anywhere
from ..rules.headings import is_dash_led, is_section_number
from ..rules.markers import byline_words, is_bare_name, is_bare_role, is_byline, opens_with_dateline
from ..rules.punctuation import breaks_off, ends_sentence, ends_unit, is_prose, opens_quote
from .assembly import in_one_column, separators_under
from .boxes import overlaps, right_under, union
from .columns import block_edge_between, ink_box, join_fragments, line_box, line_size, one_size, printed_rows
from .paragraphs import opens_dateline, runs_into_paragraph
from .params import PARAMS as P
from .shapes import ruled_across, ruled_off, under_rule
from .typeset import PageCtx, first_line_indent, is_bold, near_figure, on_bar, set_as_headline, short, size_tier


def header_tiers(
    stream: list[tuple[Line, int]], edges: list[tuple[float, float]], ctx: PageCtx
) -> tuple[list[tuple[Line, int]], list[str]]:
    """Size tiers along the stream, corrected by what stands around a headline.

    A small article's headline may be only a little bigger than the body: a bold
    deck-size line right under a horizontal rule (or a blank band) opens an article,
    unless it runs into the paragraph under it (a run-in dateline filling the first
    line) or names a reporter (a section's bold byline at the top of a column). Bold
    lines, at body size or a little bigger, stacked over what opens an article (a
    byline, or a body led by a dateline) are its headline where they open their
    stretch of the page, and not level with the text topping the next column over (a
    section heading with its own byline atop a column); a line led by a dash opens none. A short line right above
    a headline is its kicker, with the lines of its face over it that it wraps from. A byline that XY-cut read before its headline (set
    flush left under a centred title), or after other text, moves behind it.
    """
    # A dateline opens the body and is set at body size, even alone on its line in bold
    # (【本报北京10月19日电】), where OCR, sizing by ink height, measures its brackets as a deck, or
    # wrapped in a narrow column, run in (本报北京10月19 | 日电 记者从…): its first line is no byline.
    dated = [opens_dateline(stream, i) for i in range(len(stream))]
    tiers = ["body" if dated[i] or on_bar(ln, ctx) else size_tier(ln, ctx.body) for i, (ln, _) in enumerate(stream)]
    lines = [ln for ln, _ in stream]
    for i, (ln, leaf) in enumerate(stream):
        if i > 0 and not dated[i] and _wraps_from(stream[i - 1], (ln, leaf), ctx):
            # The rest of a bold line wrapped in its column is what its first line is: a headline's
            # second line, or a section heading's (whose rest stands under a rule as its first did).
            if tiers[i - 1] == "head":
                tiers[i] = "head"
            continue
        if (
            tiers[i] in ("deck", "body")
            and set_as_headline(ln, ctx)
            and not (ends_sentence(ln.text) or breaks_off(ln.text) or names_reporter(ln, ctx) or is_section_number(ln.text))
            # The rest of a section heading wrapped over the band a neighbour's headline opens goes on
            # from its first line, left open over it: the band is no rule over it.
            and under_rule(ln, _parting_over(ln, edges[leaf], lines, ctx), ctx)
            and not runs_into_paragraph(stream, i, i + 1, edges, ctx)
            and not _level_with_openings(ln, edges[leaf], lines, ctx)
        ):
            tiers[i] = "head"
    for i, (ln, _) in enumerate(stream):
        # A line led by a dash (——编者, a ——subtitle) follows what it belongs to: it opens no headline.
        if (
            tiers[i] not in ("deck", "body")
            or dated[i]
            or not set_as_headline(ln, ctx)
            or names_reporter(ln, ctx)
            or is_dash_led(ln.text)
            or is_section_number(ln.text)
        ):
            continue
        opening = _opening_under(stream, i, ctx)
        column = edges[stream[i][1]]
        if opening is not None and not _text_right_above(ln, column, lines, ctx) and not _level_with_openings(ln, column, lines, ctx):
            tiers[i:opening] = ["head"] * (opening - i)
    # Bottom up, so a kicker wrapped onto several lines is found from its last line up.
    for i in reversed(range(len(stream) - 1)):
        ln, nxt = stream[i][0], stream[i + 1][0]
        gap = line_box(nxt)[1] - line_box(ln)[3]
        if tiers[i] in ("body", "small") and 0 <= gap <= line_size(ln) and (
            (tiers[i + 1] == "head" and short(ln)) or (tiers[i + 1] == "deck" and _kicker_wraps_into(ln, nxt, ctx))
        ):
            tiers[i] = "deck"
    alone = [tiers[i] == "body" and _alone_over_columns(ln, lines, ctx) for i, (ln, _) in enumerate(stream)]
    order = list(range(len(stream)))
    for i, (ln, _) in enumerate(stream):
        if alone[i]:
            tiers[i] = "deck"  # set as a header line is, a size over the body, where OCR measured less
        if tiers[i] == "head" or not short(ln) or is_furniture_anywhere(ln.text):
            continue
        if tiers[i] == "body" and not names_reporter(ln, ctx):
            continue
        if i > 0 and stacked(stream[i - 1][0], ln, None) and (tiers[i - 1] in ("head", "deck") or short(stream[i - 1][0])):
            continue  # right under its own headline or subtitle already
        b = line_box(ln)
        # A byline read after other text (centred under a header, across the gutter of the columns
        # below) moves back behind its headline too.
        behind = range(i - 1, -1, -1) if names_reporter(ln, ctx) or alone[i] else range(0)
        for h in [*range(i + 1, len(stream)), *behind]:
            hb = line_box(stream[h][0])
            if tiers[h] == "head" and 0 <= b[1] - hb[3] <= P.byline_reach[0] * ctx.pitch and byline_reaches(stream[h][0], ln, ctx):
                end = h
                while end + 1 < len(stream) and tiers[end + 1] in ("head", "deck") and stacked(stream[end][0], stream[end + 1][0], ctx):
                    end += 1
                if h < i <= end:
                    break  # a deck-size byline inside its own headline's run: already behind it
                order.remove(i)
                order.insert(order.index(end) + 1, i)
                break
    moved = [(stream[k][0], stream[k][1]) for k in order]
    return moved, [tiers[k] for k in order]


def byline_reaches(headline: Line, ln: Line, ctx: PageCtx) -> bool:
    """A short line under a headline's foot reaches it sideways, with no upright rule running down
    between them, when it stands near it or, naming a reporter, with open space alone between them:
    a byline set flush with the edge of an article several columns wide under a short centred
    headline stands as far from the headline as the article is wide, nothing printed across the
    strip between. Measured on the inked boxes: a headline opening with a quote mark hangs its
    blank half-cell over the gutter rule left of its column."""
    if ruled_off(ink_box(headline), ink_box(ln), [r for r in ctx.separators() if r[3] - r[1] >= r[2] - r[0]]):
        return False
    head, b = line_box(headline), line_box(ln)
    if max(head[0] - b[2], b[0] - head[2]) <= P.byline_reach[1] * ctx.body:
        return True
    lo, hi = (head[2], b[0]) if b[0] >= head[2] else (b[2], head[0])
    strip = (lo, head[1], hi, b[3])
    return names_reporter(ln, ctx) and not any(overlaps(line_box(o), strip) for o in ctx.printed)


def _alone_over_columns(ln: Line, lines: list[Line], ctx: PageCtx) -> bool:
    """A short line, no sentence, alone in the band between a headline's foot and the tops of the
    columns under it: nothing under the headline stands level with it or higher, and the columns
    beside or under it start right under it. It is the header's (a byline by an institution's name,
    中共中央党史和文献研究院, centred over one column or across two), however close to the body's size OCR
    measured it; a column's first line stands level with the other columns' first lines."""
    if not short(ln) or is_prose(ln.text) or opens_with_dateline(ln.text):
        return False
    b = line_box(ln)
    over = [h for h in lines if size_tier(h, ctx.body) == "head" and 0 <= b[1] - line_box(h)[3] <= P.byline_reach[0] * ctx.pitch]
    for h in over:
        hb = line_box(h)
        if min(hb[2], b[2]) <= max(hb[0], b[0]):
            continue
        # What stands under the headline, its own lines (a headline of two) aside.
        under = [
            line_box(o)
            for o in lines
            if o is not ln and size_tier(o, ctx.body) != "head" and line_box(o)[1] >= hb[3] and min(hb[2], line_box(o)[2]) > max(hb[0], line_box(o)[0])
        ]
        if any(o[1] < b[3] for o in under):
            return False
        tops = [o for o in under if o[1] - b[3] <= ctx.pitch]
        beside = {round(o[0]) for o in tops if o[2] <= b[0] or o[0] >= b[2]}
        # Columns under it count where it stands across their gutter: a column's own first line stands in it.
        beneath = {round(o[0]) for o in tops if o[2] > b[0] and o[0] < b[2]}
        return len(beside | (beneath if len(beneath) >= P.alone_columns else set())) >= P.alone_columns
    return False


def names_reporter(ln: Line, ctx: PageCtx) -> bool:
    """A byline by its words (本报记者 王晶), or a bare name (陶多多) set in a face of its own, neither
    the body's nor a bold one: a wrapped heading's short rest (保发展) reads like a name too. OCR names
    no face, and its measures of one are estimates a short line defeats (a Kai name's brush strokes read
    as heavy as bold, or as light as the body's Song): there the words decide, one person's name by their
    form (a surname first, `rules.chinese.is_personal_name`), where a label or section heading as short
    (亮点, 纵横) is no name."""
    if is_byline(ln.text):
        return True
    if not is_bare_name(ln.text):
        return False
    if ln.font is None:
        return ln.bbox is not None and is_personal_name(byline_words(ln.text))
    return ln.font != ctx.body_font and not is_bold(ln, ctx.body_font)


def _kicker_wraps_into(ln: Line, kicker: Line, ctx: PageCtx) -> bool:
    """A full line right over a kicker, in the kicker's own face and size (not the body's) and left open,
    is the kicker's first line: a kicker longer than its column wraps, its short rest set over the headline.

    Only where the source names the faces (a text layer): OCR names none, and two unnamed faces are
    no evidence of one — a scan's Kai body lines over a dateline read as a deck ran into it."""
    return (
        ln.font is not None
        and ln.font != ctx.body_font
        and ln.font == kicker.font
        and one_size(ln, kicker)
        and not ends_sentence(ln.text)
    )


def _opening_under(stream: list[tuple[Line, int]], i: int, ctx: PageCtx) -> int | None:
    """Where what opens an article stands under the lines set like line `i` stacked from it down:
    its byline, or the first line of its body led by a dateline; None if neither.

    A byline names a reporter (本报记者 黄培昭) or, in a face of its own (neither the body's nor the
    bold lines'), is a bare name (陶多多): a wrapped heading's short rest (保发展) reads like a name.
    A dateline (【赤峰讯】, 本报北京10月19日电) opens an article's body, never a section's: the bold
    lines right over it are the article's headline, set as small as a narrow article's may be."""
    first = stream[i][0]
    j = i + 1
    while j < len(stream) and stacked(stream[j - 1][0], stream[j][0], None):
        ln = stream[j][0]
        if is_byline(ln.text) or (is_bare_name(ln.text) and ln.font not in (ctx.body_font, first.font)) or opens_with_dateline(ln.text):
            return j
        if ln.font != first.font or abs(line_size(ln) - line_size(first)) > P.same_font_size:
            return None
        j += 1
    return None


def _wraps_from(above: tuple[Line, int], below: tuple[Line, int], ctx: PageCtx) -> bool:
    """`below` goes on from `above`, read before it in the same column: set in one bold face and size, next down."""
    (a, leaf_a), (b, leaf_b) = above, below
    return (
        leaf_a == leaf_b
        and a.font == b.font
        and one_size(a, b)
        and is_bold(b, ctx.body_font)
        and right_under(line_box(a), line_box(b), ctx.pitch)
    )


def _over_in_column(ln: Line, top: float, column: tuple[float, float], lines: list[Line]) -> Line | None:
    """The lowest line of the line's column ending above `top` (set anywhere across the column: an
    editor's sign-off set flush right is the column's last line over a heading set flush left)."""
    b = line_box(ln)
    col = (column[0], b[1], column[1], b[3])
    over = [o for o in lines if o is not ln and line_box(o)[3] <= top and in_one_column(line_box(o), col)]
    return max(over, key=lambda o: line_box(o)[3]) if over else None


def _parting_over(ln: Line, column: tuple[float, float], lines: list[Line], ctx: PageCtx) -> list[BBox]:
    """The flat rules and bands over `ln` that part it from the text of its column above them
    (`separators_under` that text's last line): a blank band a headline opens parts articles as a
    rule does on a page set with whitespace alone, but not from a column whose text goes on across
    it (the band another headline opens beside that column is none over it). With no text above,
    every one counts. A rule with a headline under it standing over part of the line's column, between
    the rule and the line, opened that headline's band, not the line's: under a short headline
    centred over an article's columns, open space lies between the rule and its outer columns' tops."""
    b = line_box(ln)
    out = []
    for r in ctx.separators():
        if r[3] - r[1] >= r[2] - r[0] or r[3] > b[1] or _headline_between(r, b, column, lines, ctx):
            continue
        over = _over_in_column(ln, r[1], column, lines)
        if over is None or r in separators_under(over.text, ctx) or _goes_on_beside(over, lines, ctx):
            out.append(r)
    return out


def _level_with_openings(ln: Line, column: tuple[float, float], lines: list[Line], ctx: PageCtx) -> bool:
    """The line tops its column level with the first line of the next column over, set in the body's
    face or opening a paragraph (a bold lead-in indented over the body line under it): the first row
    of one article's columns, the line a section heading over its first column. A headline stands
    over its own body, the columns beside a brief's small headline open with theirs, and an L-shaped
    article's column beside a headline runs down past it from above."""
    b = line_box(ln)
    level = [
        c
        for c in lines
        if c is not ln and abs(line_box(c)[1] - b[1]) <= P.row_mid * ctx.body and not in_one_column(line_box(c), (column[0], b[1], column[1], b[3]))
    ]
    right = [c for c in level if line_box(c)[0] >= column[1] - P.edge_slack]
    left = [c for c in level if line_box(c)[2] <= column[0] + P.edge_slack]
    beside = [min(right, key=lambda c: line_box(c)[0])] if right else []
    beside += [max(left, key=lambda c: line_box(c)[2])] if left else []

    def body_text(c: Line) -> bool:
        # A column's text, in whatever face its article is set (a commentary in 楷体 may outweigh the
        # page's 宋体): a regular line over more of its face.
        under = [u for u in lines if right_under(line_box(c), line_box(u), ctx.pitch)]
        if not is_bold(c, ctx.body_font) and any(u.font == c.font for u in under):
            return True
        return c.font == ctx.body_font or any(u.font == ctx.body_font and first_line_indent(c, line_box(u)[0], line_size(c)) for u in under)

    def runs_on(c: Line) -> bool:
        """`c` goes on from the text over it in its column: in its face and size, right over it, or across a band
        with its sentence left open (an L-shaped article's column running down past the headline),
        nothing parting them (a deck, a subtitle or a frame's foot over it starts nothing)."""
        cb = line_box(c)
        over = _over_in_column(c, cb[1], (cb[0], cb[2]), lines)
        if over is None or over.font != c.font or not one_size(over, c):
            return False
        ob = line_box(over)
        return (right_under(ob, cb, ctx.pitch) or not ends_unit(over.text)) and not ruled_across(ob, cb, separators_under(over.text, ctx))

    return any(size_tier(c, ctx.body) == "body" and body_text(c) and not runs_on(c) for c in beside)


def _headline_between(rule: BBox, box: BBox, column: tuple[float, float], lines: list[Line], ctx: PageCtx) -> bool:
    def between(o: BBox) -> bool:
        return rule[3] <= o[1] and o[3] <= box[1] and min(o[2], column[1]) > max(o[0], column[0])

    return any(size_tier(o, ctx.body) == "head" and between(line_box(o)) for o in lines)


def _goes_on_beside(over: Line, lines: list[Line], ctx: PageCtx) -> bool:
    """Text left open at a column's foot goes on in the next column over where one stands level with
    it a gutter away (the reader goes up to its top), not down across a band: only the last column
    of an article (an L-shaped article's, or the one an editor's note ends) runs on under the band."""
    o = line_box(over)
    reach = P.gutter_span * P.gutter_reach * ctx.body
    return any(
        0 <= line_box(c)[0] - o[2] <= reach and line_box(c)[1] < o[3] and line_box(c)[3] > o[1] for c in lines if c is not over
    )


def _text_right_above(ln: Line, column: tuple[float, float], lines: list[Line], ctx: PageCtx) -> bool:
    """Text of the line's column stands right above it, with no rule or blank band between.

    Bold lines over a byline are a small article's headline (no bigger than the body, with no rule
    over it) where they open their stretch of the page: under a rule, a blank band, or open space.
    A section heading carrying its own byline (战略科技持续壮大 / 本报记者 刘诗瑶) goes on from
    the paragraph above it in its column."""
    b = line_box(ln)
    over = _over_in_column(ln, b[1], column, lines)
    if over is None:
        return False
    o = line_box(over)
    return b[1] - o[3] <= P.under_rule * ctx.pitch and not ruled_across(o, b, _parting_over(ln, column, lines, ctx))


def starts_header(stream: list[tuple[Line, int]], tiers: list[str], i: int) -> bool:
    """Line `i` opens a header cluster: a headline line, or a kicker over one. No paragraph runs on into it."""
    return tiers[i] == "head" or (tiers[i] == "deck" and opens_header(stream, tiers, i))


def opens_header(stream: list[tuple[Line, int]], tiers: list[str], i: int) -> bool:
    """A deck-size line opens a header only when a headline follows right under it (a kicker)."""
    j = i
    while j < len(tiers) and tiers[j] == "deck":
        j += 1
    return j < len(tiers) and tiers[j] == "head" and stacked(stream[j - 1][0], stream[j][0], None)


def stacked(a: Line, b: Line, ctx: PageCtx | None) -> bool:
    """Whether `b` belongs to the same header as `a`: close below it and overlapping it, or
    (a byline moved behind its headline, a —— subtitle set flush right past its end) near with
    no rule running down between them."""
    ba, bb = line_box(a), line_box(b)
    gap = bb[1] - ba[3]
    size = max(line_size(a), line_size(b))
    if P.stack_gap[0] * size <= gap <= P.stack_gap[1] * size and min(ba[2], bb[2]) > max(ba[0], bb[0]):
        return True
    # Beside it, as the lines below are, it is of the header only with no rule running down between.
    if ctx is not None and ruled_off(ba, bb, [r for r in ctx.separators() if r[3] - r[1] >= r[2] - r[0]]):
        return False
    if (
        abs((ba[1] + ba[3]) - (bb[1] + bb[3])) < P.split_headline_mid * size
        and max(bb[0] - ba[2], ba[0] - bb[2]) <= P.split_headline_gap * size
        and one_size(a, b)
    ):
        return True  # the other half of a headline split at a wide space, set in its size
    return (
        ctx is not None
        and ((size_tier(b, ctx.body) != "head" and short(b)) or is_dash_led(b.text))
        and 0 <= gap <= P.byline_reach[0] * ctx.pitch
        and byline_reaches(a, b, ctx)
    )


def beside_another_headline(header: list[Line], ln: Line) -> bool:
    """A line level with a line of the header, where a header line of its type ends or starts in
    the blank between them: the next headline, set beside this one, not this one's other half."""
    b, size = line_box(ln), line_size(ln)
    for c in header:
        cb = line_box(c)
        if abs((cb[1] + cb[3]) - (b[1] + b[3])) / 2 > P.row_mid * size:
            continue
        lo, hi = (cb[2], b[0]) if cb[2] <= b[0] else (b[2], cb[0])
        if lo < hi and block_edge_between(lo, hi, b, [o for o in header if o is not c], size):
            return True
    return False


def header_rows(lines: list[Line]) -> list[Line]:
    """A header's lines top to bottom, every fragment of one printed row (`printed_rows`) joined left
    to right with its blank kept: 锚定目标再出发 凝心聚力开新局.

    Unlike `merge_rows` over the whole page, no blank here can be a gutter or the edge of another
    headline: the cluster took in only lines stacked under its own (a fragment beside it within
    `split_headline_gap`) and left out any line beside another headline, so the phrases of a headline
    set apart over the columns' gutters, which `merge_rows` had to leave apart, are one line here.
    """
    out: list[Line] = []
    for row in printed_rows(lines):
        joined = row[0]
        for nxt in row[1:]:
            joined = join_fragments(joined, nxt)
        out.append(joined)
    return out


def header_blocks(cluster: list[Line], ctx: PageCtx, region: int) -> list[Block]:
    """Kicker above the biggest lines (the title), subtitle or byline below them."""
    # Headlines are set bold: a bold line beats a somewhat bigger regular one.
    biggest = max(cluster, key=lambda ln: line_size(ln) * (P.bold_bonus if is_bold(ln, ctx.body_font) else 1.0))

    def headline(ln: Line) -> bool:
        # OCR sizes come from ink heights: a line of the same headline may measure 10 % off
        slack = P.same_font_size if biggest.font else P.ocr_headline_size * line_size(biggest)
        return abs(line_size(ln) - line_size(biggest)) <= slack and ln.font == biggest.font

    first = next(k for k, ln in enumerate(cluster) if headline(ln))
    last = max(k for k, ln in enumerate(cluster) if headline(ln))
    # A line that opens a quote the next one closes is the same headline, whatever OCR measured.
    while first > 0 and opens_quote(cluster[first - 1].text):
        first -= 1
    while last + 1 < len(cluster) and opens_quote(cluster[last].text):
        last += 1
    out: list[Block] = []
    for k, ln in enumerate(cluster):
        if first <= k <= last:
            role: Role = "title"
        elif k < first:  # bylines read before their headline were moved behind it (header_tiers)
            role = "kicker"  # 记者手记 reads like a byline but labels the piece
        elif is_byline(ln.text) and not is_dash_led(ln.text):
            role = "byline"
        elif (
            is_dash_led(ln.text)
            or line_size(ln) >= P.head * ctx.body
            or len(ln.text.strip()) > P.subtitle_chars
            or (out and out[-1].role == "subtitle" and out[-1].lines[-1].font == ln.font)
        ):
            role = "subtitle"
        else:
            role = "byline"  # a short name under the headline
        if out and out[-1].role == role and role != "byline":
            out[-1].lines.append(ln)
            out[-1].bbox = union(out[-1].lines)
        else:
            out.append(Block(role, [ln], ctx.number, region, ln.bbox))
    return out


def is_header_small(ln: Line, ctx: PageCtx) -> bool:
    """Bylines and edition lines between a headline and the body: small or short and unindented-centred."""
    # A dateline opening the body (本报南平10月19日电 （记者刘晓宇）10月18日，…) names a reporter
    # too, but runs on as prose; run in bold, OCR may measure it and the first line's piece after it small.
    text = ln.text
    if opens_with_dateline(text):
        return False
    t = size_tier(ln, ctx.body)
    if t == "small" and not near_figure(ln, ctx):
        return True
    # A role alone (新华社记者) is the byline of an agency's piece, where it stands right under a header,
    # and so is a name in a face of its own.
    return t == "body" and (names_reporter(ln, ctx) or is_bare_role(text)) and not ends_unit(text) and not is_prose(text)


def subtitle_line(above: Line, ln: Line, ctx: PageCtx) -> bool:
    """A `——` subtitle set at body size in a face of its own, or its next line, under a headline."""
    if ln.font == ctx.body_font:
        return False
    if is_dash_led(ln.text):
        return True
    return above.font == ln.font and is_dash_led(above.text) and not ends_unit(above.text)


def credit_headers(blocks: list[Block]) -> None:
    """A credit line set in display type (版式设计：…) with nothing under it is furniture, not an article."""
    for bl in blocks:
        if bl.role != "title" or not is_furniture_anywhere("".join(ln.text for ln in bl.lines)):
            continue
        if all(b is bl or b.region != bl.region for b in blocks):
            bl.role, bl.region = "furniture", None
