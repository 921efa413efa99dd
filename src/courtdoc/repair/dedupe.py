"""Text-level removal of fake-bold duplication (for OCR and already-extracted text).

A bold run printed by drawing every glyph twice comes out of stream-order
extraction as `XX` followed by its doubled final mark (`实训基地启动仪式实训基地启动仪式。。`),
and out of x-sorted extraction as every character doubled (`实实训训基基地地`).
Only those signatures are repaired, so that real repeats survive: reduplicated
words (谢谢, 常常, 高高兴兴, 他天天高高兴兴地), `2011年年度报告`, or a phrase said
twice for emphasis (`加油！加油！`), none of which doubles its closing mark or
fills a whole token with doubled characters. A token made only of reduplicated
words (`天天高高兴兴` standing alone) reads exactly like x-sorted fake bold and is
collapsed: text alone cannot tell them apart.
"""

from __future__ import annotations

import re

_MARKS = "。！？!?，,；;：:、"  # not …: a doubled … is the ordinary ellipsis
# X X p p: a doubled run with its doubled closing mark (stream order).
_DOUBLED_WITH_MARK = re.compile(rf"(\S{{2,}}?)\1([{re.escape(_MARKS)}])\2")
# A whitespace-delimited token that is exactly X X, X at least four characters with some CJK (a bold caption without
# a mark; not a digit string like 12341234).
_DOUBLED_TOKEN = re.compile(r"(?<!\S)(\S{4,}?)\1(?!\S)")
# Three or more characters in a row each drawn twice (x-sorted order).
_PAIRED_RUN = re.compile(r"((\S)\2){3,}")
_LONG_PAIRED_RUN = 5
_CAPTION_SPLIT = re.compile(r"(?<=[。！？!?])\s+(?=\S)")


def is_fake_bold(text: str) -> bool:
    """Does the line carry a duplication signature?"""
    return dedupe(text) != text


def dedupe(text: str) -> str:
    """Undo fake bold; repeated until nothing changes, since some PDFs draw a glyph four times."""
    while True:
        once = _dedupe_once(text)
        if once == text:
            return text
        text = once


def _dedupe_once(text: str) -> str:
    text = _DOUBLED_WITH_MARK.sub(r"\1\2", text)
    text = _DOUBLED_TOKEN.sub(_undouble_token, text)
    return _PAIRED_RUN.sub(_unpair, text)


def split_captions(text: str) -> list[str]:
    """Two captions printed side by side on one line: split after a sentence end followed by a space."""
    return [part for part in _CAPTION_SPLIT.split(text.strip()) if part]


def _undouble_token(m: re.Match[str]) -> str:
    half = m.group(1)
    if half.isascii() or len(set(half)) == 1:
        return m.group(0)
    return half


def _unpair(m: re.Match[str]) -> str:
    """Collapse a run of doubled characters only where it looks like a bold run, not like reduplicated words.

    Bold runs are whole tokens (a headline, a caption, `赤赤峰峰讯讯 6月…`), or carry
    their doubled marks (`抓抓实实，，`), or are long; three or four doubled
    characters inside a sentence (他天天高高兴兴地, 说说笑笑打打闹闹) are words.
    """
    run, text = m.group(0), m.string
    if len(set(run)) == 1:  # 哈哈哈哈哈哈 is laughter, not a doubled glyph
        return run
    whole = (m.start() == 0 or text[m.start() - 1].isspace()) and (m.end() == len(text) or text[m.end()].isspace())
    marked = any(c in _MARKS for c in run[::2])
    if whole or marked or len(run) >= 2 * _LONG_PAIRED_RUN:
        return run[::2]
    return run
