"""Character normalisation of output strings: traditional -> simplified, and
half-width punctuation inside Chinese text -> full-width.

t2s uses OpenCC's `t2s` configuration (character mapping with its phrase
table for one-to-many characters; no regional vocabulary rewriting as in
tw2sp). Punctuation changes only where a Chinese character is beside it, so
`97.79%`, `12368`, `nmgfyzk@126.com`, `1,000` and `(0471)` stay as printed:
parentheses turn full-width only when what they enclose contains CJK.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..settings import Settings
from .wraps import is_cjk

_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PAREN = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def fullwidth_punct(text: str) -> str:
    """Half-width , ; : ? ! beside CJK become full-width; the spaces after them go (the mark carries its own)."""
    text = _PAREN.sub(_paren, text)
    out: list[str] = []
    converted = False
    for i, ch in enumerate(text):
        if converted and ch == " ":
            continue
        converted = ch in _FULLWIDTH and _in_chinese(text, i)
        out.append(_FULLWIDTH[ch] if converted else ch)
    return "".join(out)


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
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _in_chinese(text: str, i: int) -> bool:
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if left.isdigit() and right.isdigit():  # 1,000 and 10:30 stay
        return False
    return is_cjk(left) or is_cjk(right)
