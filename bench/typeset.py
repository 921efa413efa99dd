"""CJK line setting: break text into justified lines and place them as runs.

Coordinates are PDF points with a top-left origin (pdfplumber's convention),
so gold bboxes come straight from here; the renderer flips y for reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

# Characters a line may not start with / end with (kinsoku shori).
NO_START = set("，。、；：？！）》」』〉】”’…—·%．,.;:?!)]}")
NO_END = set("（《「『〈【“‘([{")
# Runs kept on one line when they fit: Latin words and numbers.
WORDISH = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%-+/:@_")
ASCENT = 0.88  # of the font size, from the baseline up, as pdfplumber reports CJK faces
DESCENT = 0.12


@lru_cache(maxsize=200_000)
def char_width(ch: str, font: str, size: float) -> float:
    return stringWidth(ch, font, size)


@dataclass(slots=True)
class Glyph:
    ch: str
    font: str
    size: float
    gap_after: float = 0.0  # extra space after this glyph (e.g. after a dateline)

    @property
    def width(self) -> float:
        return char_width(self.ch, self.font, self.size) + self.gap_after


@dataclass(slots=True)
class Run:
    """Text drawn with one font at one place; `copies` > 1 is fake bold."""

    text: str
    x: float
    baseline: float  # distance from the page top
    font: str
    size: float
    char_space: float = 0.0
    copies: list[tuple[float, float]] = field(default_factory=lambda: [(0.0, 0.0)])
    fill: float = 0.0  # grey level, 0 black, 1 white

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        w = sum(char_width(c, self.font, self.size) for c in self.text) + self.char_space * len(self.text)
        dx = max(d[0] for d in self.copies)
        return (self.x, self.baseline - ASCENT * self.size, self.x + w + dx, self.baseline + DESCENT * self.size)


def glyphs(text: str, font: str, size: float) -> list[Glyph]:
    return [Glyph(c, font, size) for c in text]


def _break_index(line: list[Glyph], nxt: Glyph | None) -> int:
    """Where to end a full line so that kinsoku and word rules hold (an index into line)."""
    cut = len(line)
    # Pull a forbidden line-start (and the glyph before it) down together.
    if nxt is not None and nxt.ch in NO_START and cut > 2:
        cut -= 1
    while cut > 1 and line[cut - 1].ch in NO_END:
        cut -= 1
    # Do not split a Latin word or number that would fit on the next line.
    if nxt is not None and nxt.ch in WORDISH:
        k = cut
        while k > 0 and line[k - 1].ch in WORDISH:
            k -= 1
        if 0 < k < cut and cut - k < 12:
            cut = k
    return max(cut, 1)


def break_lines(items: list[Glyph], width: float, indent: float = 0.0) -> list[list[Glyph]]:
    """Greedy line breaking of one paragraph; the first line starts at `indent`."""
    lines: list[list[Glyph]] = []
    i = 0
    while i < len(items):
        avail = width - (indent if not lines else 0.0)
        used = 0.0
        j = i
        while j < len(items) and used + char_width(items[j].ch, items[j].font, items[j].size) <= avail + 0.01:
            used += items[j].width
            j += 1
        if j == len(items):
            lines.append(items[i:j])
            break
        cut = _break_index(items[i:j], items[j])
        lines.append(items[i : i + cut])
        i += cut
    return lines


def place_line(
    line: list[Glyph], x0: float, baseline: float, width: float, *, justify: bool, align: str = "left"
) -> list[Run]:
    """Runs for one line; `justify` spreads the slack evenly between glyphs."""
    natural = sum(g.width for g in line)
    char_space = 0.0
    x = x0
    if justify and len(line) > 1:
        char_space = max(0.0, (width - natural) / (len(line) - 1))
    elif align == "center":
        x = x0 + (width - natural) / 2
    elif align == "right":
        x = x0 + width - natural
    runs: list[Run] = []
    prev_gap = False
    for g in line:
        if runs and runs[-1].font == g.font and runs[-1].size == g.size and not prev_gap:
            runs[-1].text += g.ch
        else:
            runs.append(Run(g.ch, x, baseline, g.font, g.size, char_space))
        prev_gap = g.gap_after > 0
        x += g.width + char_space
    return runs
