"""Punctuation classes, and the one test of whether a text has finished its sentence."""

from __future__ import annotations

import re

SENTENCE_END = "。！？!?…"
# Closing marks that may follow a sentence end: 。” still ends the sentence.
CLOSERS = "”’」』）)》〉】\"'"
# Opening marks: a full-width one inks the right half of its cell (as a closing one the left).
OPENERS = "“‘「『（《〈【"
# The share of its cell a full-width mark inks: a comma, stop or closing mark the left half, an opening
# mark the right half; the other half is blank, and a typesetter hangs it into a gutter.
MARK_INK = 0.5
# A list lead-in (…如下：) or a list item (一是…；) ends its line without ending a sentence.
LIST_END = "；;：:"
# Marks a clause breaks off at, the sentence going on in the next line.
COMMAS = "，、,"
# Marks of running prose that no headline and no list of names carries (those carry 、 and ：,
# as in 记者：王丽、李四).
PROSE_MARKS = "，。；,;！？!?"
# Marks no headline carries: prose marks and a colon (a list lead-in is prose too).
CLAUSE_MARKS = PROSE_MARKS + "：:"
# Every mark a heading or a headline phrase never carries.
MARKS = "，、。；：！？,;:!?"
# Marks a typesetter hangs past a column's right edge (hanging punctuation): stops, commas and the
# closing marks; opening marks hang past the left edge. A colon or semicolon is hung by some
# typesetters only (Typst): where the glyphs' places are known they show it (`layout.columns`). Text set
# with ASCII commas (`发力,专家`) hangs them as it would full-width ones.
HANGING = "。，、．," + CLOSERS
# Full-width marks a typesetter may set in half a cell (two in a row, or at a line's end).
FULL_WIDTH_MARKS = "".join(ch for ch in MARKS + OPENERS + CLOSERS if not ch.isascii())
# Marks no line may open with (行首禁则, GB/T 15834, CLREQ): closing brackets, clause and sentence
# marks. Closing quotes are left out: careless text opens a quotation with ” often enough.
NEVER_OPENS = "）)》〉】」』，、。；：！？"


# The mark a paper closes an article with (终止符): a square or diamond, solid or hollow, or （完）, after
# the last sentence or the closing bracket of an attribution. It ends the article; it is no text of it.
# Only after a sentence end or a closing mark: a hollow square inside text stands for an illegible
# character (张□□), and a mark opening a line leads a byline or a heading.
END_MARK = r"[■□◆◇]|[(（]完[)）]"
_END_MARK = re.compile(rf"(?:(?<=[{SENTENCE_END}{re.escape(CLOSERS)}])|^)\s*({END_MARK})\s*$")


def split_end_mark(text: str) -> tuple[str, str | None]:
    """('text', '■') where the text closes with an article's end mark."""
    m = _END_MARK.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), m.group(1)


def ends_sentence(text: str) -> bool:
    """The text stops at a sentence end, possibly followed by closing quotes or brackets, or by the
    mark that closes an article."""
    core = split_end_mark(text)[0].rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def ends_unit(text: str) -> bool:
    """The text stops where a reader would pause for good: a sentence end, a list lead-in or item,
    or a closing mark (a quoted or bracketed phrase set on its own)."""
    t = text.rstrip()
    return bool(t) and (ends_sentence(t) or t[-1] in LIST_END or t[-1] in CLOSERS)


def is_prose(text: str) -> bool:
    return any(c in PROSE_MARKS for c in text)


def has_clause_marks(text: str) -> bool:
    """A clause mark anywhere, or an enumeration comma left hanging at the end (the line runs on)."""
    return any(c in CLAUSE_MARKS for c in text) or text.rstrip().endswith("、")


def breaks_off(text: str) -> bool:
    """The text stops inside a clause or at a list mark: a comma, 、, ； or ： (it goes on)."""
    t = text.rstrip()
    return bool(t) and t[-1] in COMMAS + LIST_END


def opens_quote(text: str) -> bool:
    """More quotes opened than closed: the quotation goes on in the next line."""
    return text.count("“") > text.count("”")


_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "『』", "【】")


def unbalanced(text: str) -> bool:
    """A quote, title mark or bracket opened and not closed (or closed and not opened): a headline
    or caption cut short, or run into the next item."""
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)


def continues(text: str) -> bool:
    """The text opens with a mark no line opens with: it goes on from the text before it, however
    it is set (a line the source broke off before a closing bracket, as at a subscript)."""
    t = text.lstrip()
    return bool(t) and t[0] in NEVER_OPENS


# Bracket pairs a credit, a note or an aside is set in: a line that opens one and stops goes on with the
# rest of it (a bracketed attribution wrapped in a narrow column, its rest set flush right).
BRACKETS = ("（）", "()", "【】", "〔〕", "[]")


def leaves_bracket_open(text: str) -> bool:
    """The text opens a bracket it does not close."""
    return any(text.count(o) > text.count(c) for o, c in BRACKETS)
