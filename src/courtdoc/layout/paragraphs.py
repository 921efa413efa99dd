"""Paragraphs and section headings inside a column: where one paragraph ends and the next begins.

A paragraph breaks at a first-line indent, after a short last line, at a gap
taller than the line pitch, or where the type changes; a single bold,
centred or parallel-phrase line between paragraphs is a section heading.
"""

from __future__ import annotations

from ..model import Line
from ..rules.furniture import is_furniture_anywhere, is_page_number
from ..rules.headings import is_phrase_pair, is_unpunctuated
from ..rules.markers import dateline_across, is_byline, opens_with_dateline
from ..rules.punctuation import breaks_off, ends_unit, is_prose, leaves_bracket_open
from .columns import line_box, line_size
from .params import PARAMS as P
from .typeset import PageCtx, caption_like, first_line_indent, is_bold, run_end, size_tier


def column_edges(leaves: list[list[Line]], body: float) -> list[tuple[float, float]]:
    """Left and right edge of the column each leaf stands in.

    XY-cut cuts a column at paragraph gaps and headings, so a leaf's column
    is every leaf of about the same horizontal span (overlapping by half the
    wider of the two); its edges come from all their body lines.
    """
    spans = [(min(line_box(ln)[0] for ln in leaf), max(line_box(ln)[2] for ln in leaf)) for leaf in leaves]
    headed = [any(size_tier(ln, body) == "head" for ln in leaf) for leaf in leaves]
    edges: list[tuple[float, float]] = []
    for k, (x0, x1) in enumerate(spans):
        same = [
            m
            for m, (a0, a1) in enumerate(spans)
            if (m == k or not headed[m]) and min(x1, a1) - max(x0, a0) >= P.overlap * max(x1 - x0, a1 - a0)
        ]
        if len(leaves[k]) == 1 and not headed[k]:
            # A line read alone (a paragraph's short last line atop a column, cut off by the gap under
            # it) says nothing of its column's edges: the narrowest column of lines it stands in does.
            around = [
                m
                for m, (a0, a1) in enumerate(spans)
                if not headed[m] and len(leaves[m]) > 1 and a0 - P.edge_slack <= x0 and x1 <= a1 + P.edge_slack
            ]
            if around:
                same.append(min(around, key=lambda m: spans[m][1] - spans[m][0]))
        lines = [ln for m in same for ln in leaves[m] if abs(line_size(ln) - body) <= P.same_size * body]
        lines = lines or [ln for m in same for ln in leaves[m]]
        lefts = sorted(line_box(ln)[0] for ln in lines)
        rights = sorted(line_box(ln)[2] for ln in lines)
        lo, hi = P.edge_percentiles
        edges.append((lefts[int(lo * (len(lefts) - 1))], rights[int(hi * (len(rights) - 1))]))
    return edges


def paragraph_breaks(stream: list[tuple[Line, int]], j: int, edges: list[tuple[float, float]], ctx: PageCtx) -> bool:
    """Whether a paragraph breaks between `stream[j - 1]` and `stream[j]`."""
    prev, cur = stream[j - 1], stream[j]
    a, b = prev[0], cur[0]
    if sets_number_apart(a, b, edges[prev[1]]):
        return False
    if j >= 2 and sets_number_apart(stream[j - 2][0], a, edges[stream[j - 2][1]]):
        return False  # a subscript stands inside a word: the text after it goes on, however it is set
    if (size_tier(b, ctx.body) != "body" and _sized(b)) or size_tier(a, ctx.body) != "body":
        return True
    if is_furniture_anywhere(b.text):
        return True
    if is_bold(b, ctx.body_font) and not is_bold(a, ctx.body_font) and ends_unit(a.text):
        # After a finished sentence, a bold line opens a heading or a bold lead-in; after text
        # that goes on, it is a bold phrase inside the paragraph that happens to start a line.
        return True
    size = line_size(b)
    left, right = edges[cur[1]]
    if opens_paragraph(b, edges[cur[1]]):
        return True
    if line_box(b)[0] - left > P.indent[1] * size and not leaves_bracket_open(a.text):
        return True  # centred or set-off line, unless it closes the bracket the line before left open
    pleft, pright = edges[prev[1]]
    if line_box(a)[2] < pright - P.short_last_line * line_size(a):
        return True  # the previous line is a short last line
    same_column = prev[1] == cur[1] or edges[prev[1]] == edges[cur[1]]
    return same_column and line_box(b)[1] - line_box(a)[3] > P.paragraph_gap * ctx.pitch and not photo_between(a, b, ctx)


def _sized(ln: Line) -> bool:
    """The line's size is the type's: a source names it, or OCR measured it over more glyphs than a
    wrapped line's short rest holds (`LayoutParams.glyphs_to_size`)."""
    return ln.font is not None or len("".join(ln.text.split())) > P.glyphs_to_size


def sets_number_apart(a: Line, b: Line, edge: tuple[float, float]) -> bool:
    """A bare number read inside the column of text that stops on a letter or character is a piece
    of that sentence, whatever its size and indent: a subscript or an exponent a typesetter drew as a
    line of its own (广义货币（M | 2 | ）余额…). XY-cut reads so narrow a line as a column of its
    own, so it is placed by the text's column edges. After a number (a chart's axis, one tick a
    line) or a mark it stays apart. A page number stands in the margins, which `bands` took off."""
    box, text = line_box(b), a.text.rstrip()
    inside = edge[0] - P.edge_slack <= box[0] and box[2] <= edge[1] + P.edge_slack
    return inside and is_page_number(b.text) and text[-1:].isalpha()


def sentence_pieces(stream: list[tuple[Line, int]], i: int, j: int, edges: list[tuple[float, float]]) -> bool:
    """The lines `stream[i:j]`, set like a heading (bigger or bolder than the body), are pieces of a
    sentence rather than a heading: a bare number read among or right after them goes on from their
    text (a subscript drawn as a line of its own: 与M | 2), or they carry running prose's marks and
    nothing is read after them on the page (a heading stands over the text it heads; a sentence runs
    on over the page break). A re-typesetting that sets the text around each subscript in bigger type
    leaves such pieces anywhere, a page's foot included (娄飞鹏分析认为，今年以来M | page break | 1).
    Unpunctuated lines last on a page (a signature, a credit) are left to the heading rules."""
    if j >= len(stream):
        return any(is_prose(ln.text) for ln, _ in stream[i:j])
    return any(sets_number_apart(stream[k - 1][0], stream[k][0], edges[stream[k - 1][1]]) for k in range(i + 1, j + 1))


def photo_between(a: Line, b: Line, ctx: PageCtx) -> bool:
    """A photo set into the column between two lines, one under the other: the text jumps over it,
    so the blank it fills says nothing about where a paragraph ends (indents and short lines still do)."""
    above, below = line_box(a), line_box(b)
    return any(
        min(above[2], below[2], f[2]) > max(above[0], below[0], f[0])
        and above[3] - P.edge_slack <= f[1]
        and f[3] <= below[1] + P.edge_slack
        for f in ctx.figures
    )


def heading_end(stream: list[tuple[Line, int]], i: int, edges: list[tuple[float, float]], leading: float) -> int:
    """End of the section heading whose first line is `stream[i]`: the lines below in its face, while
    the line above runs to the column's right edge. A heading wraps like a paragraph: a line that
    stops short of the edge (set centred) ends it, and the next line in the same face is a heading
    of its own (two headings stacked), as short last lines end paragraphs. `leading` is the body's:
    a heading's own lines stand no further apart."""
    ln = stream[i][0]
    j = run_end(stream, i, lambda c: may_wrap_into(ln, c), limit=P.heading_lines)
    for k in range(i, j - 1):
        line, leaf = stream[k]
        # A centred line alone in its XY-cut leaf is its own column: the line under it, in the same
        # column, shows the column's edge.
        apart = line_box(stream[k + 1][0])[1] - line_box(line)[3] > leading
        if not wraps_on(line, (edges[leaf][0], max(edges[leaf][1], edges[stream[k + 1][1]][1])), apart):
            return k + 1
    return j


def may_wrap_into(heading: Line, ln: Line) -> bool:
    """Whether `ln` may be the next line of a heading whose line is `heading`: the same face and size,
    and no byline. A byline set under a section heading in its face (战略科技持续壮大 / 本报记者
    刘诗瑶) is the section's own byline, a whole item of its own: the heading never wraps into it,
    whether it is read right under the heading or after a cut between them."""
    return heading.font == ln.font and abs(line_size(ln) - line_size(heading)) < P.same_font_size and not is_byline(ln.text)


def wraps_on(ln: Line, edge: tuple[float, float], apart: bool) -> bool:
    """A heading line that runs to its column's right edge goes on in the line under it; one that stops
    short of the edge ends its heading, and so does one centred with room on both sides for more than
    the next character (a line wraps only when that character no longer fits) and set `apart` from the
    line under it (a headline broken phrase by phrase, each line centred, keeps its lines close)."""
    b, size = line_box(ln), line_size(ln)
    left, right = b[0] - edge[0], edge[1] - b[2]
    centred = min(left, right) > P.wrap_room * size and abs(left - right) < P.centred[1] * size
    return right <= P.short_last_line * size and not (centred and apart)


def continues_heading(last: Line, first: Line) -> bool:
    """Whether `first`, opening a heading read later (the next XY-cut band: a rule or blank cut the
    page between them), is the rest of the heading whose last line, running to its column's edge,
    is `last`: the same face and size, right under it, within its width (a wrapped heading's rest is
    no wider than its full first line, and stands in its column), no closing punctuation between."""
    a, b = line_box(last), line_box(first)
    return (
        may_wrap_into(last, first)
        and 0 <= b[1] - a[3] < P.run_gap * line_size(first)
        and a[0] - P.edge_slack <= b[0]
        and b[2] <= a[2] + P.edge_slack
        and not ends_unit(last.text)
    )


def opens_paragraph(ln: Line, edge: tuple[float, float]) -> bool:
    """A line set in by a first-line indent opens a paragraph, whatever stands before it (a column
    end, a caption): the evidence `segment` weighs against text that stops mid-sentence. The one
    decision of the layout about a paragraph's opening: where a paragraph breaks, whether a bold line
    runs into the paragraph it opens and what stands after a heading all ask it."""
    return first_line_indent(ln, edge[0], line_size(ln))


def cut_in_dateline(stream: list[tuple[Line, int]], i: int) -> bool:
    """The line ends inside a dateline the next line of its column completes: a run-in dateline
    wrapped in a narrow column (本报北京10月19 | 日电 记者从…)."""
    nxt = stream[i + 1] if i + 1 < len(stream) else None
    return nxt is not None and nxt[1] == stream[i][1] and dateline_across(stream[i][0].text, nxt[0].text)


def opens_dateline(stream: list[tuple[Line, int]], i: int) -> bool:
    """The line opens with a dateline, whole or completed by the next line."""
    return opens_with_dateline(stream[i][0].text) or cut_in_dateline(stream, i)


def runs_into_paragraph(
    stream: list[tuple[Line, int]], i: int, j: int, edges: list[tuple[float, float]], ctx: PageCtx
) -> bool:
    """A bold first line set with a paragraph indent, running to the column's right edge (a line
    centred in the column, a small headline, leaves a margin there), and followed by an unindented
    body line (in the body's face: a caption's next line is in the caption's); or, however it is set,
    a line that opens with a dateline, whole or cut inside it (the next line completes it): a dateline
    opens the body, run in bold or alone on its line."""
    if opens_dateline(stream, i):
        return True
    ln, leaf = stream[i]
    size = line_size(ln)
    if not opens_paragraph(ln, edges[leaf]) or j >= len(stream):
        return False
    if line_box(ln)[2] < edges[leaf][1] - P.short_last_line * size:
        return False
    nxt, nleaf = stream[j]
    return (
        size_tier(nxt, ctx.body) == "body"
        and not caption_like(nxt, ctx)
        and line_box(nxt)[0] - edges[nleaf][0] < P.indent[0] * size
    )


def is_heading(group: list[Line], edge: tuple[float, float], around: tuple[Line | None, Line | None], ctx: PageCtx) -> bool:
    """A section heading between paragraphs: one bold or centred line without closing punctuation.

    Text alone (a short unpunctuated line) is not enough: list items and
    dated entries look the same. In the body face it takes a phrase without
    any punctuation standing between a finished sentence (or a heading) and
    an indented paragraph of full lines.
    """
    if len(group) != 1:
        return False
    ln = group[0]
    text = ln.text.strip()
    if ends_unit(text) or breaks_off(text) or opens_with_dateline(text):
        return False  # a dateline opens the body's first paragraph, however it is set
    shortest, longest = P.heading_chars
    if is_bold(ln, ctx.body_font) and len(text) <= longest:
        return True
    # Two phrases set apart by a blank, with no punctuation at all (领航定向　驾驭发展全局):
    # the parallel heading of a paper that sets headings in the body face.
    if len(text) <= longest and is_phrase_pair(text):
        return True
    b, size = line_box(ln), line_size(ln)
    before, after = around
    if (
        before is not None
        and after is not None
        and (ends_unit(before.text) or size_tier(before, ctx.body) != "body")
        and shortest <= len(text) <= longest
        and is_unpunctuated(text)
        and opens_paragraph(after, edge)
        and line_box(after)[2] >= edge[1] - size
    ):
        return True
    lgap, rgap = b[0] - edge[0], edge[1] - b[2]
    margin, balance = P.centred
    return lgap > margin * size and rgap > margin * size and abs(lgap - rgap) < balance * size
