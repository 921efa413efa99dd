"""Line-wrap repair: CJK-aware joining and paragraph-end evidence.

Text extracted from a newspaper column arrives one printed line at a time.
Whether two lines belong to one paragraph is decided from the shape of the
column, measured in display width (a Han character or full-width mark is one
cell, a half-width digit or Latin letter half a cell): a paragraph ends on a
line that ends a sentence and is clearly shorter than the column's full line,
or before a line that starts one level in (the stripped first-line indent).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..rules.punctuation import ends_sentence

# Display units (half cells) by which a line must fall short of the column to count as short.
SHORT_MARGIN = 5
# A line this close to the column's measure is full.
FULL_SLACK = 2
# A stripped two-cell first-line indent leaves the line this much narrower (with justification slack).
INDENT_RANGE = (3, 9)

_LATIN = re.compile(r"[A-Za-z0-9]")
_DIGIT = re.compile(r"[0-9]")
_HYPHENATED = re.compile(r"[A-Za-z]-$")


def char_width(ch: str) -> int:
    """Width in half cells. Ambiguous marks (“”…—●) are full-width in Chinese typesetting."""
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text.strip())


def join_lines(lines: Sequence[str]) -> str:
    """One paragraph from its printed lines: nothing between CJK, one space between Latin words.

    A number the line broke (`202` / `4年`) is one number again: two digits never get a space,
    nor does a letter standing alone in Chinese text and the number after it (广义货币（M / 2 /
    ）: M2, as G7 or F1 are set; a word, `Mate` / `60`, keeps its space).
    Each join looks only at the line before (a paragraph can be a page of lines).
    """
    parts: list[str] = []
    tail = ""  # the paragraph's last two characters so far
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not parts:
            joint = ""
        # A word hyphenated at the line's end: the hyphen and a letter before it on that line (a
        # hyphen alone on its line after a letter is a dash of its own).
        elif _HYPHENATED.search(parts[-1]) and line[0].islower():
            parts[-1] = parts[-1][:-1]
            tail, joint = tail[:1], ""
        elif _LATIN.match(tail[-1]) and _LATIN.match(line[0]) and not _one_symbol(tail, line[0]):
            joint = " "
        else:
            joint = ""
        parts += [joint, line]
        tail = (tail + joint + line)[-2:]
    return "".join(parts)


def _one_symbol(tail: str, head: str) -> bool:
    """The end of a line and the start of the next are one number, or one letter-and-index symbol."""
    if not _DIGIT.match(head):
        return False
    return bool(_DIGIT.match(tail[-1])) or (len(tail) == 2 and char_width(tail[0]) == 2)


@dataclass(frozen=True, slots=True)
class Column:
    """The measure of a document's text column; `full` is None when lines are unwrapped paragraphs.

    `indented` says that paragraph first lines come out narrower than the
    column (their printed indent stripped by the extractor).
    """

    full: float | None
    indented: bool = False

    def is_short(self, width: int) -> bool:
        return self.full is None or width <= self.full - SHORT_MARGIN

    def is_full(self, width: int) -> bool:
        return self.full is not None and width >= self.full - FULL_SLACK

    def is_indented_start(self, width: int) -> bool:
        return self.indented and self._in_indent_range(width)

    def _in_indent_range(self, width: int) -> bool:
        lo, hi = INDENT_RANGE
        return self.full is not None and self.full - hi <= width <= self.full - lo

    def with_indent_evidence(self, lines: Sequence[str]) -> Column:
        """Set `indented` when lines that surely open paragraphs are narrow.

        Sure openers: prose lines (with clause punctuation) that go on, right
        after a line ending a sentence well short of the column.
        """
        if self.full is None:
            return self
        starts = [
            display_width(b)
            for a, b in zip(lines, lines[1:])
            if ends_sentence(a)
            and display_width(a) <= self.full - 2 * SHORT_MARGIN
            and not ends_sentence(b)
            and any(c in "，、；：,;:" for c in b)
        ]
        narrow = sum(1 for w in starts if self._in_indent_range(w))
        return replace(self, indented=len(starts) >= 3 and narrow >= 0.6 * len(starts))


def measure_column(widths: Sequence[int]) -> Column:
    """Find the full line width when most body lines share it (wrapped text), else None.

    Lines that were whole paragraphs (already unwrapped text) have widths all
    over the place and many far beyond any column; there every sentence end
    ends a paragraph.
    """
    body = sorted(w for w in widths if w >= 12)
    if len(body) < 8:
        return Column(None)
    med = statistics.median(body)
    near = [w for w in body if med - 6 <= w <= med + 4]
    beyond = [w for w in body if w > med + 8]
    if len(near) < 0.6 * len(body) or len(beyond) > 0.1 * len(body):
        return Column(None)
    near.sort()
    return Column(float(near[int(0.8 * (len(near) - 1))]))


def blank_lines_meaningful(ends: Sequence[bool], blank_after: Sequence[bool]) -> bool:
    """Blank lines mark paragraphs only where a document uses them for that.

    `ends[i]` says line i ends a sentence, `blank_after[i]` that a blank line
    follows it. Blank lines after (nearly) every line, or after lines in the
    middle of sentences, carry no paragraph information.
    """
    n = len(ends)
    blanks = [i for i in range(n - 1) if blank_after[i]]
    if n < 4 or not blanks or len(blanks) > 0.6 * (n - 1):
        return False
    closed = sum(1 for i in blanks if ends[i])
    return closed >= 0.9 * len(blanks)


def paragraph_ends(
    prev: str,
    nxt: str,
    column: Column,
    blank_between: bool = False,
    blanks_meaningful: bool = False,
    prev_is_first: bool = False,
    after: str | None = None,
) -> bool:
    """Does the paragraph end after `prev`, given the body line `nxt` that follows it (and `after` that)?

    A paragraph's first line is narrower by its (stripped) indent, so it is
    short only when it falls short of that narrower measure; and a narrow
    `nxt` opens a paragraph when it goes on, or when it ends a sentence but
    the line after it is full (a last line would be followed by a narrow one).
    """
    if not ends_sentence(prev):
        return False
    indent = INDENT_RANGE[0] + 1 if prev_is_first else 0
    if column.is_short(display_width(prev) + indent):
        return True
    if blanks_meaningful and blank_between:
        return True
    if not column.is_indented_start(display_width(nxt)):
        return False
    return not ends_sentence(nxt) or (after is not None and column.is_full(display_width(after)))
