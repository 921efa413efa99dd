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

Glyph = tuple[str, float, float, float, float, float, str]
TEXT, X0, TOP, X1, BOTTOM, SIZE, FONT = range(7)

# Largest offset a fake-bold copy is drawn at, and the share of the glyph's
# width it may not exceed (a real repeat sits one full width away).
MAX_COPY_OFFSET = 2.6
MAX_COPY_SHARE = 0.6
_CELL = 3.0  # grid cell for the neighbour lookup, >= MAX_COPY_OFFSET
# CJK-Latin autospacing: typesetters (Typst, InDesign, Word) set a quarter em between a Han character
# and a letter or digit (收入 6930 printed as 收入6930). That blank, in ems, is no word space.
AUTOSPACE = 0.25


def dedupe_glyphs(glyphs: Iterable[Glyph]) -> tuple[list[Glyph], set[int]]:
    """Glyphs with overprinted copies removed, plus the indexes (into the result) that had copies.

    The first drawing is kept; later copies within the tolerance are dropped.
    """
    kept: list[Glyph] = []
    bolded: set[int] = set()
    grid: dict[tuple[str, int, int], list[int]] = {}
    for g in glyphs:
        text, x0, top = g[TEXT], g[X0], g[TOP]
        tol = min(MAX_COPY_OFFSET, MAX_COPY_SHARE * max(g[X1] - x0, 0.1))
        copy_of = -1
        # Only the cells the tolerance window reaches: one to four of the 3x3 around the glyph.
        for ix in range(int((x0 - tol) // _CELL), int((x0 + tol) // _CELL) + 1):
            for iy in range(int((top - tol) // _CELL), int((top + tol) // _CELL) + 1):
                for k in grid.get((text, ix, iy), ()):
                    o = kept[k]
                    if (
                        abs(o[X0] - x0) <= tol
                        and abs(o[TOP] - top) <= tol
                        and abs(o[SIZE] - g[SIZE]) <= 0.15 * g[SIZE]
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


def is_han(ch: str) -> bool:
    """CJK ideographs and CJK/full-width punctuation: text set without word spaces."""
    o = ord(ch[0])
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x2FA1F
        or 0xF900 <= o <= 0xFAFF
        or o in (0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x2022, 0x25CF)
    )


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
        active = [r for r in active if row_mid[r] >= g[TOP] - size]  # a row entirely above the glyph is closed
        # Rows run across the page: of the rows the glyph fits, the one whose glyphs it stands beside,
        # then the nearest. A glyph from a fallback face (Latin digits and quotes in a CJK line) sits a
        # little lower than its line and may fit a row of another column set a little lower still.
        fits = [r for r in active if _joins_row(g, mid, row_mid[r], row_size[r], row_spans[r])]
        best = min(fits, key=lambda r: (_touched(g, row_spans[r], row_size[r]) is None, abs(row_mid[r] - mid)), default=-1)
        if best < 0:
            best = len(rows)
            rows.append([])
            row_mid.append(mid)
            row_size.append(size)
            row_spans.append([])
            active.append(best)
        rows[best].append(i)
        _widen(row_spans[best], g, row_size[best])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda i: glyphs[i][X0])
        part: list[int] = []
        last = -1  # the previous glyph with ink
        for i in row:
            if not glyphs[i][TEXT].isspace():
                if last >= 0 and _breaks(glyphs[last], glyphs[i], vertical_rules):
                    _emit(lines, glyphs, part, bolded)
                    part = []
                last = i
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
    if abs(ref - mid) <= 0.35 * min(size, row_size):
        return touching or abs(size - row_size) <= 0.2 * max(size, row_size)
    # a sub- or superscript: smaller than the row, inside its band, beside its glyphs
    return size < 0.8 * row_size and abs(ref - mid) <= 0.5 * row_size and touching


def _touched(g: Glyph, spans: list[list[float]], row_size: float) -> list[float] | None:
    """The run of the row the glyph stands beside, if any."""
    return next((span for span in spans if span[0] - 0.3 * row_size <= g[X0] <= span[1] + 0.3 * row_size), None)


def _widen(spans: list[list[float]], g: Glyph, row_size: float) -> None:
    """Add a glyph to the run it is within an em of, or start a run (rows span every column of a page)."""
    for span in spans:
        if span[0] - row_size <= g[X1] and g[X0] <= span[1] + row_size:
            span[0], span[1] = min(span[0], g[X0]), max(span[1], g[X1])
            return
    spans.append([g[X0], g[X1], (g[TOP] + g[BOTTOM]) / 2])


def _emit(lines: list[Line], glyphs: Sequence[Glyph], part: list[int], bolded: set[int]) -> None:
    line = _line([glyphs[i] for i in part], any(i in bolded for i in part))
    if line is not None:
        lines.append(line)


def _breaks(a: Glyph, b: Glyph, vertical_rules: Sequence[BBox]) -> bool:
    gap = b[X0] - a[X1]
    small, big = sorted((a[SIZE], b[SIZE]))
    if gap > 0.8 * small or (big > 1.25 * small and gap > 0.2 * small):
        return True
    if gap > 0.2 * small:
        top, bottom = min(a[TOP], b[TOP]), max(a[BOTTOM], b[BOTTOM])
        for x0, t, x1, btm in vertical_rules:
            if a[X1] - 0.5 <= (x0 + x1) / 2 <= b[X0] + 0.5 and t <= bottom and btm >= top:
                return True
    return False


def _line(glyphs: list[Glyph], bold: bool) -> Line | None:
    # Space glyphs only say "a word ends here"; their boxes are not ink.
    chars: list[Glyph] = []
    spaced: list[bool] = []  # a space glyph stood before chars[k]
    pending = False
    for g in glyphs:
        if g[TEXT].isspace():
            pending = bool(chars)
            continue
        chars.append(g)
        spaced.append(pending)
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
    stretched = [gap for k, gap in enumerate(gaps) if gap > 0 and is_han(chars[k][TEXT][-1]) and is_han(chars[k + 1][TEXT][0])]
    stretch = max(usual, statistics.median(stretched)) if stretched else usual
    parts = [chars[0][TEXT]]
    for k in range(1, len(chars)):
        a, b = chars[k - 1], chars[k]
        extra = gaps[k - 1] - usual
        if is_han(a[TEXT][-1]) != is_han(b[TEXT][0]):
            extra -= AUTOSPACE * size
        if is_han(a[TEXT][-1]) or is_han(b[TEXT][0]):
            # Justified CJK has no word spaces; a wide blank where the typeface changes
            # is one all the same (a Hei dateline before Song body: `赤峰讯 6月…`).
            if extra >= 0.5 * size or (a[FONT] != b[FONT] and extra >= 0.25 * size):
                parts.append(" ")
        elif spaced[k] or gaps[k - 1] - stretch > 0.18 * size:
            parts.append(" ")
        parts.append(b[TEXT])
    fonts: dict[str, int] = {}
    for c in chars:
        fonts[c[FONT]] = fonts.get(c[FONT], 0) + 1
    font = max(fonts, key=fonts.__getitem__)
    if bold:
        font += ";fake-bold"
    bbox = (
        min(c[X0] for c in chars),
        min(c[TOP] for c in chars),
        max(c[X1] for c in chars),
        max(c[BOTTOM] for c in chars),
    )
    return Line(text="".join(parts), bbox=bbox, size=round(size, 2), font=font, confidence=1.0)


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
