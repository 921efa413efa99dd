"""Page furniture from its words: what is printed round the articles, never part of one.

Editor lines, edition lines (《人民日报》（2025年10月20日 第 01 版）) and jump lines
(（下转第2版） under an article cut here, （上接第一版） under the title of one continued
from another page) are furniture wherever they stand (`is_furniture_anywhere`); a jump printed at the end of
the last sentence's line is split off it (`trailing_jump`). A page number is furniture only where
a page prints one, in the head or foot margin or over the masthead rule
(`layout.bands.page_bands` decides that by place): inside a column a bare number is
text (a subscript set as a line of its own, 广义货币（M | 2 | ）, a figure's or a
table's numbers). Contact lines,
masthead date / 版 lines and paper names are furniture in the masthead or the
page bands; a publisher line looks like any institution's name, so it counts
only beside other furniture (`is_publisher`). `parse_issue` reads the paper,
publisher, date and page label off the furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Issue, Line
from .chinese import HAN, shadow
from .punctuation import ends_sentence

_PAGE_NUMBER = re.compile(r"^\s*(第\s*\d+\s*[页版]|[-—–]?\s*\d{1,3}\s*[-—–]?|page\s*\d+)\s*$", re.I)
_EDITOR = re.compile(r"^\s*(本版)?(责任编辑|编辑|责编|美术编辑|美编|版式设计|版式|校对|组版|主编|数据来源|制图)\s*[：:]")
# 《人民日报》（2025年10月20日 第 01 版）: the paper, the date and the page it ran on.
_EDITION = re.compile(r"^\s*《[^》]{2,12}》\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,12}[版页]\s*[）)]?\s*$")
_CONTACT = re.compile(r"(邮箱|电子邮件|e-?mail|电话|传真|热线|地址|邮编|网址|投稿)\s*[:：]", re.IGNORECASE)
# A jump line names the page an article goes on to or comes from: （下转第2版）, 转A3版, （上接第一版）,
# 接上版, 续前版. Alone on its line: inside a sentence 转第二版 is prose.
_PAGE_NAME = r"(?:第\s*)?(?:[A-Za-z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*[版页]"
_JUMP = re.compile(
    rf"^[(（〔【\[]?\s*(?:[上下紧]?\s*(?P<to>[转接续])\s*{_PAGE_NAME}|(?P<way>[接续转])\s*[上下前后次]\s*版)\s*[)）〕】\]]?$"
)
_JUMP_OPENERS = "(（〔【["
_JUMP_CLOSERS = ")）〕】]"
_PAPER = re.compile(rf"^[{HAN}]{{2,10}}(日报|晚报|晨报|时报|商报|法制报|专刊|周刊|特刊|副刊|导报|报)$")
_PUBLISHER = re.compile(
    rf"^[{HAN}]{{2,24}}(法院|检察院|委员会|人民政府|政府|厅|局|协会|研究会|报社|杂志社|出版社)(主办|主管)?$"
)
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_PAGE_LABEL = re.compile(rf"(第\s*)?([0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*版(?![{HAN}])")
_PAGE_HEAD = re.compile(r"^(第\s*)?[0-9]{1,2}\s*版(\s|$)")  # a running head starting with its page: 第3版 要闻
_WEEKDAY = re.compile(r"(星期|周|礼拜)[一二三四五六日天]")
_DATE_LINE_PUNCT = "，。；：！？、,;:!?"
# What a date line may carry besides its date and 版 label (a section name: 要闻, 法治).
_DATE_LINE_REST = 8
_TOC_ENTRY = re.compile(r"^\s*(\d{1,3})\s*[.、．]\s*\S")
# A contents page: this many numbered entries at least, this share of its lines, counting up.
TOC_MIN_ENTRIES = 8
TOC_MIN_SHARE = 0.6
TOC_MIN_STEPS = 0.8

FURNITURE_ANYWHERE = ("editor", "edition", "jump")


def furniture_kind(text: str) -> str | None:
    """'page-number', 'contact', 'editor', 'edition', 'jump', 'date' or 'paper' for a furniture line, else None."""
    t = shadow(text.strip())
    if _PAGE_NUMBER.match(t):
        return "page-number"
    if _CONTACT.search(t):
        return "contact"
    if _EDITOR.match(t):
        return "editor"
    if _EDITION.match(t):
        return "edition"
    if _JUMP.match(t):
        return "jump"
    if _is_date_line(t) or _PAGE_HEAD.match(t):
        return "date"
    if _PAPER.match(t):
        return "paper"
    return None


def is_furniture_anywhere(text: str) -> bool:
    """Editor lines, edition lines and jump lines: furniture wherever they stand."""
    return furniture_kind(text) in FURNITURE_ANYWHERE


def trailing_jump(text: str) -> int | None:
    """Where a jump line printed at the end of an article's last line begins (……依法办理。（下转第2版））:
    a bracketed jump after a sentence's end, so a bracket closing a clause inside a sentence stays prose.
    None where the line holds no such jump or is nothing but one (`furniture_kind` knows that line)."""
    opening = max(text.rfind(ch) for ch in _JUMP_OPENERS)
    if opening <= 0 or not ends_sentence(text[:opening]):
        return None
    tail = shadow(text[opening:].strip())
    return opening if tail[-1:] in _JUMP_CLOSERS and _JUMP.match(tail) else None


def jumps_on(text: str) -> bool:
    """A jump line sending the reader on to another page (（下转第2版）, 转下版): the article above it is
    cut there, so its text stops mid-sentence and it signs off on that page."""
    m = _JUMP.match(shadow(text.strip()))
    return m is not None and (m.group("to") or m.group("way")) == "转"


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def is_publisher(text: str) -> bool:
    return bool(_PUBLISHER.match(shadow(text.strip())))


def _is_date_line(t: str) -> bool:
    """A masthead date line: a date and/or a 版 label and little else."""
    date, label = _DATE.search(t), _PAGE_LABEL.search(t)
    if not (date or label) or any(p in t for p in _DATE_LINE_PUNCT):
        return False
    rest = _WEEKDAY.sub("", _PAGE_LABEL.sub("", _DATE.sub("", t)))
    rest = re.sub(r"[\s|｜/·]", "", rest)
    return len(rest) <= _DATE_LINE_REST


def parse_issue(furniture: Iterable[str]) -> Issue:
    issue = Issue()
    for raw in furniture:
        t = shadow(raw.strip())
        if issue.paper is None and _PAPER.match(t):
            issue.paper = raw.strip()
        elif issue.publisher is None and is_publisher(t):
            issue.publisher = raw.strip()
        if _is_date_line(t) or _PAGE_HEAD.match(t):
            date = _DATE.search(t)
            if date and issue.date is None:
                y, m, d = (int(g) for g in date.groups())
                issue.date = f"{y:04d}-{m:02d}-{d:02d}"
            label = _PAGE_LABEL.search(_DATE.sub("", t))
            if label and issue.page_label is None:
                issue.page_label = re.sub(r"\s", "", label.group(0))
    return issue


def toc_numbers(lines: Sequence[Line]) -> list[int | None]:
    """The entry number of each line that starts a numbered list entry, else None."""
    out: list[int | None] = []
    for ln in lines:
        m = _TOC_ENTRY.match(ln.text)
        out.append(int(m.group(1)) if m else None)
    return out


def is_contents_page(lines: Sequence[Line]) -> bool:
    """A table of contents: most lines are list entries numbered one after another."""
    numbered = toc_numbers(lines)
    nums = [n for n in numbered if n is not None]
    # A contents page, or its last page: every line but a page number is an entry.
    whole = len(nums) >= 2 and all(n is not None or _PAGE_NUMBER.match(ln.text) for n, ln in zip(numbered, lines))
    if not whole and (len(nums) < TOC_MIN_ENTRIES or len(nums) < TOC_MIN_SHARE * len(lines)):
        return False
    steps = sum(1 for a, b in zip(nums, nums[1:]) if b == a + 1)
    return steps >= TOC_MIN_STEPS * (len(nums) - 1)
