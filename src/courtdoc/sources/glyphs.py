"""Character-level work on a PDF text layer: fake-bold removal and line building.

A glyph is a plain tuple (text, x0, top, x1, bottom, size, font) so a page of
thousands of characters costs one small tuple each, not an object.

Fake bold draws the same glyph 2 or 4 times, offset by a fraction of a point
(up to ~2.5 pt), sometimes under another font name. A genuine repeat
(`2011 年年度报告`) is offset by a whole advance. So a copy is a glyph with the
same text and size whose origin lies within a fraction of its own width of a
glyph already kept; fonts are not compared.
"""

from __future__ import annotations

import ast
import statistics
import unicodedata
from collections.abc import Iterable, Sequence

from ..model import BBox, Line
from ..rules.cjk import is_cjk
from ..rules.punctuation import CLOSERS, MARK_INK, MARKS, OPENERS

Glyph = tuple[str, float, float, float, float, float, str]
TEXT, X0, TOP, X1, BOTTOM, SIZE, FONT = range(7)

FAKE_BOLD = ";fake-bold"
"""Appended to the face of glyphs drawn more than once (fake bold): they read as bold."""

# Every geometric threshold of line building, named (as pdfplumber's DEFAULT_* tolerances are), with
# the reason for its value. Distances are in ems of the type at hand, so one value serves a 9 pt body
# and a 40 pt headline; only values tied to how PDFs are drawn are in points.

# --- fake-bold copies ----------------------------------------------------------------------
MAX_COPY_OFFSET = 2.6
"""pt: the largest offset a fake-bold copy is drawn at (observed up to ~2.5 pt)."""
MAX_COPY_SHARE = 0.6
"""x the glyph's width: a copy lies closer than this to its original (a real repeat sits one full width away)."""
COPY_SIZE = 0.15
"""x size: a copy is drawn at its original's size, give or take PDF rounding and a copy in another face."""
MIN_GLYPH_WIDTH = 0.1
"""pt: a glyph drawn with no width still has this much, so a copy exactly on it is found."""
_CELL = 3.0
"""pt: grid cell for the neighbour lookup, >= MAX_COPY_OFFSET so a copy lies in a neighbouring cell."""

# --- rows: which glyphs stand on one printed row -------------------------------------------
ROW_REACH = 1.0
"""x size: a row whose middle lies this far above a glyph's top can take no more glyphs (rows are
visited top down, so it is closed for good)."""
ROW_MIDDLE = 0.35
"""x the smaller size: glyphs of one row have their middles this close (a fallback face's digits and
quotes sit a little off their Han line; the next line of a column is a whole pitch away)."""
ROW_SIZE = 0.2
"""x the bigger size: glyphs this close in size are one row's type; a bigger step is another line set
beside it (a small headline's lines next to a big one), unless the glyph stands beside the row's own run."""
SCRIPT_SIZE = 0.8
"""x the row's size: a glyph this much smaller is a sub- or superscript candidate (scripts are set at
about 0.6-0.7 of their line's size)."""
SCRIPT_SHIFT = 0.5
"""x the row's size: a sub- or superscript's middle lies within half an em of its line's (scripts are
raised or lowered by about a third of an em)."""
RUN_REACH = 0.3
"""x the row's size: a glyph stands beside a run of the row when it starts this close to the run's ends
(set solid, or after a word space)."""
RUN_JOIN = 1.0
"""x the row's size: a glyph within an em of a run widens it; further out it starts a run of its own
(rows run across every column of a page, one run to a column)."""

# --- lines: where a row parts (`_breaks`) --------------------------------------------------
LINE_GAP = 0.5
"""x the smaller size: a blank of over half an em parts two lines: a word space (a quarter to a third
of an em), justification stretch and the CJK-Latin autospace stay under it; the gutter between columns,
however narrow a paper sets it (many narrow columns of small type leave 0.7 em), does not. A blank this
wide beside a Han character is a word space too (HAN_SPACE): a run-in head set an ideographic space
before its text, the blank between a headline's phrases; the layout joins the fragments of one printed
row again where no gutter lies between (`layout.columns.merge_rows`), with the space they were read
with."""
SPACED_GAP = 0.8
"""x the smaller size: a blank holding a space glyph the source set parts two lines only when wider than
most of an em: the source wrote a word space there (朱 柚, a name spaced out with a half-em space),
which justification may stretch; a gutter holds no glyph."""
SIZE_JUMP = 1.2
"""x the smaller size: type this much bigger is another tier (a headline beside a body line, or two
headlines side by side set 18 and 22 pt, more than one step of the size series apart: 10.5, 12, 14,
16, 18, 22), so a blank over SET_CLOSE between them parts two lines; closer sizes (PDF rounding, a
fallback face's marks, a deck a step over the body) part only at LINE_GAP."""
SET_CLOSE = 0.2
"""x the smaller size: a blank up to a fifth of an em is letter spacing or kerning and never parts a line,
so a superscript set against its base stays on it; a wider blank parts two tiers of type, or two
lines where a vertical rule runs through it."""
RULE_SLACK = 0.5
"""pt: a vertical rule whose middle stands this close outside a blank still runs through it (PDF
coordinates round; a rule drawn on a glyph's edge)."""

# --- word spaces inside a line (`_line`) ---------------------------------------------------
AUTOSPACE = 0.25
"""x size: CJK-Latin autospacing: typesetters (Typst, InDesign, Word) set a quarter em between a Han
character and a letter or digit (收入 6930 printed as 收入6930). That blank is no word space."""
HAN_SPACE = 0.5
"""x size: beside a Han character, a blank this much over the line's usual one is a word space
(justified CJK has none, so only a deliberate blank, half an em or more, counts)."""
FACE_SPACE = 0.25
"""x size: where the typeface changes beside a Han character, a quarter em over the usual blank is a
word space all the same (a Hei dateline before Song body: `赤峰讯 6月…`)."""
WORD_SPACE = 0.18
"""x size: between letters or digits, a blank this much over the line's justification stretch is a
word space (a Latin word space is a quarter to a third of an em; kerning and stretch stay under)."""


def dedupe_glyphs(glyphs: Iterable[Glyph]) -> tuple[list[Glyph], set[int]]:
    """Glyphs with overprinted copies removed, plus the indexes (into the result) that had copies.

    The first drawing is kept; later copies within the tolerance are dropped.
    """
    kept: list[Glyph] = []
    bolded: set[int] = set()
    grid: dict[tuple[str, int, int], list[int]] = {}
    for g in glyphs:
        text, x0, top = g[TEXT], g[X0], g[TOP]
        tol = min(MAX_COPY_OFFSET, MAX_COPY_SHARE * max(g[X1] - x0, MIN_GLYPH_WIDTH))
        copy_of = -1
        # Only the cells the tolerance window reaches: one to four of the 3x3 around the glyph.
        for ix in range(int((x0 - tol) // _CELL), int((x0 + tol) // _CELL) + 1):
            for iy in range(int((top - tol) // _CELL), int((top + tol) // _CELL) + 1):
                for k in grid.get((text, ix, iy), ()):
                    o = kept[k]
                    if (
                        abs(o[X0] - x0) <= tol
                        and abs(o[TOP] - top) <= tol
                        and abs(o[SIZE] - g[SIZE]) <= COPY_SIZE * g[SIZE]
                    ):
                        copy_of = k
                        break
                if copy_of >= 0:
                    break
            if copy_of >= 0:
                break
        if copy_of >= 0:
            bolded.add(copy_of)
            continue
        grid.setdefault((text, int(x0 // _CELL), int(top // _CELL)), []).append(len(kept))
        kept.append(g)
    return kept, bolded


def build_lines(
    glyphs: Sequence[Glyph], bolded: set[int], vertical_rules: Sequence[BBox] = ()
) -> list[Line]:
    """Glyphs -> printed lines, top to bottom, left to right.

    A row is glyphs sharing a vertical middle; a row splits into lines at a
    horizontal gap wider than most of an em, at a jump in size, or where a
    vertical rule runs through the gap (column rules).
    """
    order = sorted(range(len(glyphs)), key=lambda i: (glyphs[i][TOP], glyphs[i][X0]))
    rows: list[list[int]] = []
    row_mid: list[float] = []
    row_size: list[float] = []
    row_spans: list[list[list[float]]] = []  # each row's runs of glyphs, [x0, x1, middle], apart at wide blanks
    active: list[int] = []  # rows that can still take glyphs
    for i in order:
        g = glyphs[i]
        mid = (g[TOP] + g[BOTTOM]) / 2
        size = g[SIZE]
        active = [r for r in active if row_mid[r] >= g[TOP] - ROW_REACH * size]  # a row entirely above the glyph is closed
        # Rows run across the page: of the rows the glyph fits, the one whose glyphs it stands beside,
        # then the nearest. A glyph from a fallback face (Latin digits and quotes in a CJK line) sits a
        # little lower than its line and may fit a row of another column set a little lower still.
        # A row opened by a raised superscript (met before its line) is the last choice: the glyphs
        # after the script belong to the script's line, not to the script.
        fits = [r for r in active if _joins_row(g, mid, row_mid[r], row_size[r], row_spans[r])]
        best = min(
            fits,
            key=lambda r: (
                row_size[r] < SCRIPT_SIZE * size,
                _touched(g, row_spans[r], row_size[r]) is None,
                abs(row_mid[r] - mid),
            ),
            default=-1,
        )
        if best < 0:
            best = len(rows)
            rows.append([])
            row_mid.append(mid)
            row_size.append(size)
            row_spans.append([])
            active.append(best)
        rows[best].append(i)
        _widen(row_spans[best], g, row_size[best])
    _scripts_to_their_lines(glyphs, rows, row_mid, row_size, row_spans)
    lines: list[Line] = []
    for row in rows:
        # By each glyph's middle: a full-width mark kerned back over a half-width one before it (`,“`
        # set in a cell and a half) starts left of it, its blank half over it, but stands after it.
        row.sort(key=lambda i: glyphs[i][X0] + glyphs[i][X1])
        part: list[int] = []
        last = -1  # the previous glyph with ink
        spaced = False  # a space glyph stands since it
        for i in row:
            if glyphs[i][TEXT].isspace():
                spaced = last >= 0
            else:
                if last >= 0 and _breaks(glyphs[last], glyphs[i], vertical_rules, spaced):
                    _emit(lines, glyphs, part, bolded)
                    part = []
                last, spaced = i, False
            part.append(i)
        _emit(lines, glyphs, part, bolded)
    lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))  # type: ignore[index]
    return lines


def _joins_row(g: Glyph, mid: float, row_mid: float, row_size: float, spans: list[list[float]]) -> bool:
    """Whether a glyph belongs to a row: same middle and size, or a smaller glyph touching the row's glyphs.

    Type of another size on the same middle a column away is another line (a
    small headline's lines beside a big one); it is joined to this row later,
    if at all, where no gutter lies between (layout's merge_rows).
    """
    size = g[SIZE]
    # Beside a run of the row, the glyph is measured against that run's middle: the row's own
    # middle is that of its first glyph, which may stand in another column, set a little higher.
    touched = _touched(g, spans, row_size)
    touching = touched is not None
    ref = row_mid if touched is None else touched[2]
    if abs(ref - mid) <= ROW_MIDDLE * min(size, row_size):
        return touching or abs(size - row_size) <= ROW_SIZE * max(size, row_size)
    # a sub- or superscript: smaller than the row, inside its band, beside its glyphs
    return size < SCRIPT_SIZE * row_size and abs(ref - mid) <= SCRIPT_SHIFT * row_size and touching


def _scripts_to_their_lines(
    glyphs: Sequence[Glyph], rows: list[list[int]], row_mid: list[float], row_size: list[float], row_spans: list[list[list[float]]]
) -> None:
    """Rows of sub- or superscripts go into the line they are set against.

    Rows are met top down, so a superscript, standing higher than its line, opens a row of its own
    before any glyph of its line is met; a glyph only joins a row met before it. Such a row (every
    glyph script-sized to a row beside it, in that row's band, touching its glyphs) goes into that row.
    """
    for r, row in enumerate(rows):
        hosts = [
            q
            for q, other in enumerate(rows)
            if q != r
            and other
            and all(
                glyphs[i][SIZE] < SCRIPT_SIZE * row_size[q]
                and _joins_row(glyphs[i], (glyphs[i][TOP] + glyphs[i][BOTTOM]) / 2, row_mid[q], row_size[q], row_spans[q])
                for i in row
            )
        ]
        if row and hosts:
            host = min(hosts, key=lambda q: abs(row_mid[q] - row_mid[r]))
            rows[host].extend(row)
            for i in row:
                _widen(row_spans[host], glyphs[i], row_size[host])
            row.clear()


def _touched(g: Glyph, spans: list[list[float]], row_size: float) -> list[float] | None:
    """The run of the row the glyph stands beside, if any."""
    return next((span for span in spans if span[0] - RUN_REACH * row_size <= g[X0] <= span[1] + RUN_REACH * row_size), None)


def _widen(spans: list[list[float]], g: Glyph, row_size: float) -> None:
    """Add a glyph to the run it is within an em of, or start a run (rows span every column of a page)."""
    for span in spans:
        if span[0] - RUN_JOIN * row_size <= g[X1] and g[X0] <= span[1] + RUN_JOIN * row_size:
            span[0], span[1] = min(span[0], g[X0]), max(span[1], g[X1])
            return
    spans.append([g[X0], g[X1], (g[TOP] + g[BOTTOM]) / 2])


def _emit(lines: list[Line], glyphs: Sequence[Glyph], part: list[int], bolded: set[int]) -> None:
    line = _line([glyphs[i] for i in part], [i in bolded for i in part])
    if line is not None:
        lines.append(line)


def _breaks(a: Glyph, b: Glyph, vertical_rules: Sequence[BBox], spaced: bool = False) -> bool:
    gap = b[X0] - a[X1]
    small, big = sorted((a[SIZE], b[SIZE]))
    wide = (SPACED_GAP if spaced else LINE_GAP) * small
    # An opening mark in another face over a blank of half an em parts two lines too: the next
    # column's bold heading whose opening quote, hung into the gutter, brings it within LINE_GAP of
    # the body line beside it (the quote inks only the right half of its cell).
    hung = a[FONT] != b[FONT] and b[TEXT] in OPENERS and gap > HAN_SPACE * small
    if gap > wide or (big > SIZE_JUMP * small and gap > SET_CLOSE * small) or hung:
        return True
    # A rule runs between two columns' inks: the blank half of a mark hung into the gutter (a
    # headline opening with 「 beside the one ending its row left of the rule) takes up the blank
    # that would otherwise part them.
    lo, hi = _inked_right(a), _inked_left(b)
    if hi - lo > SET_CLOSE * small:
        top, bottom = min(a[TOP], b[TOP]), max(a[BOTTOM], b[BOTTOM])
        for x0, t, x1, btm in vertical_rules:
            if lo - RULE_SLACK <= (x0 + x1) / 2 <= hi + RULE_SLACK and t <= bottom and btm >= top:
                return True
    return False


def _inked_left(g: Glyph) -> float:
    return g[X0] + (MARK_INK * g[SIZE] if g[TEXT] in OPENERS and not g[TEXT].isascii() else 0.0)


def _inked_right(g: Glyph) -> float:
    return g[X1] - (MARK_INK * g[SIZE] if g[TEXT] in MARKS + CLOSERS and not g[TEXT].isascii() else 0.0)


def _line(glyphs: list[Glyph], bolded: list[bool]) -> Line | None:
    # Space glyphs only say "a word ends here"; their boxes are not ink.
    chars: list[Glyph] = []
    spaced: list[bool] = []  # a space glyph stood before chars[k]
    faces: list[str] = []  # each char's face as a line states it
    pending = False
    for g, heavy in zip(glyphs, bolded):
        if g[TEXT].isspace():
            pending = bool(chars)
            continue
        chars.append(g)
        spaced.append(pending)
        faces.append(g[FONT] + FAKE_BOLD if heavy else g[FONT])
        pending = False
    if not chars:
        return None
    size = statistics.median(c[SIZE] for c in chars)
    gaps = [chars[k][X0] - chars[k - 1][X1] for k in range(1, len(chars))]
    # Letter-spaced headlines have uniformly wide gaps: only a gap clearly wider
    # than the line's usual one is a word space.
    usual = max(0.0, statistics.median(gaps)) if gaps else 0.0
    # A justified line stretches some blanks between characters; a blank between two Han characters,
    # where no word space stands, shows how far. Between letters or digits (5G, 1.78) a blank is a word
    # space only past that stretch.
    stretched = [gap for k, gap in enumerate(gaps) if gap > 0 and is_cjk(chars[k][TEXT][-1]) and is_cjk(chars[k + 1][TEXT][0])]
    stretch = max(usual, statistics.median(stretched)) if stretched else usual
    parts = [chars[0][TEXT]]
    xs = [chars[0][X0]] * len(chars[0][TEXT])
    runs = [(0, faces[0])]
    at = len(chars[0][TEXT])  # where the next char starts in the line's text
    for k in range(1, len(chars)):
        a, b = chars[k - 1], chars[k]
        extra = gaps[k - 1] - usual
        if is_cjk(a[TEXT][-1]) != is_cjk(b[TEXT][0]):
            extra -= AUTOSPACE * size
        if is_cjk(a[TEXT][-1]) or is_cjk(b[TEXT][0]):
            # Justified CJK has no word spaces; a wide blank where the typeface changes
            # is one all the same (a Hei dateline before Song body: `赤峰讯 6月…`).
            # A space the source set beside a Han character, with the blank of one, is a word space
            # (本报记者 向子丰 胡笑源, □ 李 非 黄 婧): justification spreads Han text without space
            # glyphs, and a name spaced out to three cells has every blank as wide as the usual.
            spaced_han = spaced[k] and gaps[k - 1] >= WORD_SPACE * size
            if extra >= HAN_SPACE * size or (a[FONT] != b[FONT] and extra >= FACE_SPACE * size) or spaced_han:
                parts.append(" ")
                xs.append(a[X1])
                at += 1
        elif spaced[k] or gaps[k - 1] - stretch > WORD_SPACE * size:
            parts.append(" ")
            xs.append(a[X1])
            at += 1
        if faces[k] != runs[-1][1]:
            runs.append((at, faces[k]))
        parts.append(b[TEXT])
        xs.extend([b[X0]] * len(b[TEXT]))
        at += len(b[TEXT])
    fonts: dict[str, int] = {}
    for c in chars:
        fonts[c[FONT]] = fonts.get(c[FONT], 0) + 1
    font = max(fonts, key=fonts.__getitem__)
    if any(bolded):
        font += FAKE_BOLD
    bbox = (
        min(c[X0] for c in chars),
        min(c[TOP] for c in chars),
        max(c[X1] for c in chars),
        max(c[BOTTOM] for c in chars),
    )
    faced = tuple(runs) if len(runs) > 1 else ()
    return Line(text="".join(parts), bbox=bbox, size=round(size, 2), font=font, confidence=1.0, faces=faced, xs=tuple(xs))


def base_font(name: str) -> str:
    """The font name without its subset tag (ABCDEF+SimSun -> SimSun), GBK byte names decoded."""
    if name.startswith(("b'", 'b"')):
        # pdfminer gives undecodable names as the repr of their bytes.
        try:
            name = ast.literal_eval(name).decode("gbk")
        except (ValueError, SyntaxError, UnicodeDecodeError):
            pass
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        return name[7:]
    return name


def bad_glyph_share(texts: Iterable[str]) -> tuple[float, int]:
    """Share of glyphs that cannot be real text: unmapped (cid:N), private use, U+FFFD, controls."""
    n = bad = 0
    for t in texts:
        n += 1
        if len(t) > 1 and t.startswith("(cid:"):
            bad += 1
            continue
        ch = t[0]
        o = ord(ch)
        if o == 0xFFFD or 0xE000 <= o <= 0xF8FF or o >= 0xF0000 or unicodedata.category(ch) == "Cc":
            bad += 1
    return (bad / n if n else 0.0), n
