"""Character normalisation of output strings: traditional -> simplified, and
half-width punctuation inside Chinese text -> full-width.

t2s uses OpenCC's `t2s` configuration (character mapping with its phrase
table for one-to-many characters; no regional vocabulary rewriting as in
tw2sp). Punctuation changes only where a Chinese character is beside it, so
`97.79%`, `12368`, `nmgfyzk@126.com`, `1,000`, `邮箱: x@y` and `(0471)` stay as printed:
parentheses turn full-width only when what they enclose contains CJK.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..settings import Settings
from ..rules.cjk import is_cjk

_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_MARKS = set(_FULLWIDTH) | set(_FULLWIDTH.values())
_PAREN = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


# OpenCC's table maps a few characters to a form it would map again (薴 -> 苧 -> 苎), so one
# pass is not idempotent; chains in the table are at most this long.
T2S_MAX_PASSES = 4


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """t2s until the text stops changing, so cleaning cleaned text changes nothing."""
    for _ in range(T2S_MAX_PASSES):
        converted = _t2s().convert(text)
        if converted == text:
            break
        text = converted
    return text


def fullwidth_punct(text: str) -> str:
    """Half-width , ; : ? ! in Chinese context become full-width; the length never changes."""
    # Inside out: a pair that turns full-width gives the pair around it Chinese content, so
    # ((“)) needs a second pass; each pass turns at least one pair or stops.
    while (turned := _PAREN.sub(_paren, text)) != text:
        text = turned
    return "".join(_FULLWIDTH[ch] if ch in _FULLWIDTH and _in_chinese(text, i) else ch for i, ch in enumerate(text))


def normalize(text: str, settings: Settings) -> str:
    if settings.t2s:
        text = to_simplified(text)
    if settings.fullwidth_punct:
        text = fullwidth_punct(text)
    return text


def _paren(m: re.Match[str]) -> str:
    inner = m.group(1)
    if any(is_cjk(c) and c not in "—…" for c in inner):
        return f"（{inner}）"
    return m.group(0)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character that is neither a space nor a convertible mark (in either width)."""
    j = i + step
    while 0 <= j < len(text) and (text[j] == " " or text[j] in _MARKS):
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _in_chinese(text: str, i: int) -> bool:
    """A mark is Chinese punctuation when CJK follows it, or precedes it without ASCII after a space.

    `邮箱: nmgfyzk@126.com` and `电话: (0471)` keep their ASCII colon (a label
    before Latin/number content); `100%,推行` and `6月25日,赤峰` convert.
    """
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if left.isdigit() and right.isdigit():  # 1,000 and 10:30 stay
        return False
    if is_cjk(right):
        return True
    spaced = text[i + 1 : i + 2] == " "
    return is_cjk(left) and not (right.isascii() and right and spaced)
