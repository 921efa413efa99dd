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

Every pass is linear in the characters of the text: a doubled run is looked for
only where its doubled mark is, and no further back than MAX_DOUBLED_RUN (a
back-reference regex tried every start and every length: quadratic on a dense
page, and a page of Chinese has no spaces to cut it short).
"""

from __future__ import annotations

import re

_MARKS = "。！？!?，,；;：:、"  # not …: a doubled … is the ordinary ellipsis
# X X p p: a doubled run with its doubled closing mark (stream order); found from its p p.
_DOUBLED_MARK = re.compile(rf"(?<=\S)([{re.escape(_MARKS)}])\1")
_MIN_DOUBLED_RUN = 2
# The longest run X looked for before a doubled mark: a fake-bold run is a headline,
# a caption or a bold lead-in, never more than a long sentence.
MAX_DOUBLED_RUN = 200
_RUN_TAIL = re.compile(r"\S*$")
# A whitespace-delimited token that is exactly X X, X at least four characters with some CJK (a bold caption without
# a mark; not a digit string like 12341234).
_MIN_DOUBLED_TOKEN = 4
_TOKEN = re.compile(rf"\S{{{2 * _MIN_DOUBLED_TOKEN},}}")
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
    text = _undouble_marked(text)
    text = _TOKEN.sub(_undouble_token, text)
    return _PAIRED_RUN.sub(_unpair, text)


def split_captions(text: str) -> list[str]:
    """Two captions printed side by side on one line: split after a sentence end followed by a space."""
    return [part for part in _CAPTION_SPLIT.split(text.strip()) if part]


def _undouble_marked(text: str) -> str:
    """X X p p -> X p, X the longest run (up to MAX_DOUBLED_RUN) that ends doubled at the mark."""
    out: list[str] = []
    done = 0
    for m in _DOUBLED_MARK.finditer(text):
        p = m.start()
        window = text[max(done, p - 2 * MAX_DOUBLED_RUN) : p]
        run = len(window) - _RUN_TAIL.search(window).start()  # type: ignore[union-attr]
        for size in range(run // 2, _MIN_DOUBLED_RUN - 1, -1):
            if text[p - 1] == text[p - 1 - size] and text[p - 2 * size : p - size] == text[p - size : p]:
                out += (text[done : p - size], m.group(1))
                done = m.end()
                break
    out.append(text[done:])
    return "".join(out)


def _undouble_token(m: re.Match[str]) -> str:
    token = m.group(0)
    half = token[: len(token) // 2]
    if len(token) % 2 or token[len(half) :] != half or half.isascii() or len(set(half)) == 1:
        return token
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
