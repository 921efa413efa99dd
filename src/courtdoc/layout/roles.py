"""What a single line says about its role, from its text and its place on the page.

Geometry decides most roles (size, position, boxes); these are the textual
signs that geometry alone cannot give: a page number, an editor line, an
edition line naming the paper and date, a byline, a table of contents entry.
"""

from __future__ import annotations

import re

from ..model import Line

_PAGE_NUMBER = re.compile(r"^\s*(第\s*\d+\s*[页版]|[-—–]?\s*\d{1,3}\s*[-—–]?|page\s*\d+)\s*$", re.I)
_EDITOR = re.compile(r"^\s*(本版)?(责任编辑|责编|版式设计|美术编辑|美编|校对|版式|组版|编辑|数据来源|制图)\s*[：:]")
# 《人民日报》（2025年10月20日 第 01 版）: the paper, the date and the page it ran on.
_EDITION = re.compile(r"^\s*《[^》]{2,12}》\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,12}[版页]\s*[）)]?\s*$")
_BYLINE = re.compile(r"(本报记者|本报通讯员|通讯员|记者|特约撰稿|作者|^\s*[文图]\s*[/／|])")
_TOC_ENTRY = re.compile(r"^\s*(\d{1,3})\s*[.、．]\s*\S")
SENTENCE_END = "。！？!?…；;：:”’」』）)》"


def is_furniture_text(text: str) -> bool:
    """Page numbers, editor lines and edition lines: furniture wherever they stand."""
    return bool(_PAGE_NUMBER.match(text) or _EDITOR.match(text) or _EDITION.match(text))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def is_byline_text(text: str) -> bool:
    return len(text) <= 40 and bool(_BYLINE.search(text))


def toc_numbers(lines: list[Line]) -> list[int | None]:
    """The entry number of each line that starts a numbered list entry, else None."""
    out: list[int | None] = []
    for ln in lines:
        m = _TOC_ENTRY.match(ln.text)
        out.append(int(m.group(1)) if m else None)
    return out


def is_contents_page(lines: list[Line]) -> bool:
    """A table of contents: most lines are list entries numbered one after another."""
    numbered = toc_numbers(lines)
    nums = [n for n in numbered if n is not None]
    # A contents page, or its last page: every line but a page number is an entry.
    whole = len(nums) >= 2 and all(n is not None or _PAGE_NUMBER.match(ln.text) for n, ln in zip(numbered, lines))
    if not whole and (len(nums) < 8 or len(nums) < 0.6 * len(lines)):
        return False
    steps = sum(1 for a, b in zip(nums, nums[1:]) if b == a + 1)
    return steps >= 0.8 * (len(nums) - 1)


def ends_sentence(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in SENTENCE_END
