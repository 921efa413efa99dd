"""The printed items around article bodies: furniture, notes and article markers.

Recognisers here look at one line's text. Furniture (masthead name,
publisher, contact and date/版 lines, editor lines) is removed from articles
and fills `Issue`; pull-quote sources and column labels become notes; bylines,
datelines, attributions and photo credits become article fields. They match
how Chinese papers print these items, never any particular page, in
simplified or traditional characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Issue
from .normalize import to_simplified

_HAN = r"\u4e00-\u9fff"
_NAME = rf"[{_HAN}·]{{2,4}}"
_PUNCT = "，。；：！？、,;:!?"
_NAME_TOKEN = re.compile(rf"^([{_HAN}]{{2,4}}|[{_HAN}]{{2,6}}·[{_HAN}]{{2,8}})$")
_PARTICLES = "的了是们么吗呢吧"  # grammar words no name is written with (中国的 世界的 五粮液)

_PAPER = re.compile(rf"^[{_HAN}]{{2,10}}(日报|晚报|晨报|时报|商报|法制报|专刊|周刊|特刊|副刊|导报|报)$")
_PUBLISHER = re.compile(
    rf"^[{_HAN}]{{2,24}}(法院|检察院|委员会|人民政府|政府|厅|局|协会|研究会|报社|杂志社|出版社)(主办|主管)?$"
)
_CONTACT = re.compile(r"(邮箱|电子邮件|e-?mail|电话|传真|热线|地址|邮编|网址|投稿)\s*[:：]", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_PAGE_LABEL = re.compile(rf"(第\s*)?([0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*版(?![{_HAN}])")
_PAGE_HEAD = re.compile(r"^(第\s*)?[0-9]{1,2}\s*版(\s|$)")  # a running head starting with its page: 第3版 要闻
_WEEKDAY = re.compile(r"(星期|周|礼拜)[一二三四五六日天]")
_EDITOR = re.compile(r"^(责任编辑|本版编辑|编辑|责编|美编|版式设计|校对|组版|主编)\s*[:：]")

_BYLINE = re.compile(
    rf"^[□■◇◆]?\s*(本报|本刊)?(特约|见习|首席)?(记者|通讯员|评论员|撰稿人|实习生)\s*[●·•]?\s*[{_HAN}·]"
)
# Linear patterns (no nested optional repetition): they run on every line and paragraph.
_CREDIT_CORE = rf"(?:(?:本报记者|记者|通讯员)\s*)?{_NAME}(?:\s+{_NAME})*\s*摄(?:影)?"
_CREDIT = re.compile(rf"^{_CREDIT_CORE}$")
# A credit set with its blank before 摄, which prose never has (他去拍摄现场), wherever it stands.
_CREDIT_SET = re.compile(rf"{_NAME}(?:\s+{_NAME})*\s+摄(?:影)?")
_TRAILING_CREDIT = re.compile(rf"(?:(?<=[\s。！？!?”])|^)[(（]?{_CREDIT_CORE}[)）]?$")
_ATTRIBUTION = (
    rf"[(（]([^()（）]{{2,30}}供稿|[^()（）]{{2,20}}参与采写|作者(单位[:：]|系)[^()（）]{{2,30}}"
    rf"|{_NAME}(\s+{_NAME})*|(记者|通讯员)\s*{_NAME})[)）]"
)
_ATTRIBUTION_LINE = re.compile(rf"^{_ATTRIBUTION}$")
# After the last sentence, or alone: a credit right-aligned on its own line is a paragraph of its own.
_TRAILING_ATTRIBUTION = re.compile(rf"(?:(?<=[。！？!?”’…])|^)\s*({_ATTRIBUTION})$")
_DATELINE_CORE = (
    rf"(?P<d>本报讯(?=[\s“\"‘(（0-9{_HAN}])|[{_HAN}]{{2,8}}讯(?=[\s“\"‘(（0-9])"
    rf"|(本报|新华社|中新社)[{_HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电)"
)
_DATELINE = re.compile(rf"^{_DATELINE_CORE}(?:\s*[(（](?P<b>[^()（）]{{2,20}})[)）])?")
_DATELINE_ANYWHERE = re.compile(_DATELINE_CORE)
_SPEAKER = re.compile(
    rf"^——.*(书记|院长|主席|部长|庭长|检察长|主任|局长|省长|市长|县长|总理|会长|理事长|法官|教授|专家)"
    rf"[{_HAN}·]{{0,4}}$|^——(摘自|引自|选自)"
)
_COLUMN_LABEL = re.compile(r"(学习宣传贯彻|学习贯彻|专栏|系列报道|进行时|巡礼|大家谈|主题教育)")


def furniture_kind(text: str) -> str | None:
    """'paper', 'contact', 'date', 'editor' for a furniture line, else None.

    Publisher lines look like any institution name, so they count as
    furniture only beside other furniture: see `is_publisher`.
    """
    t = _shadow(text.strip())
    if _CONTACT.search(t):
        return "contact"
    if _EDITOR.match(t):
        return "editor"
    if _is_date_line(t) or _PAGE_HEAD.match(t):
        return "date"
    if _PAPER.match(t):
        return "paper"
    return None


def is_publisher(text: str) -> bool:
    return bool(_PUBLISHER.match(_shadow(text.strip())))


def _is_date_line(t: str) -> bool:
    """A masthead date line: a date and/or a 版 label and little else."""
    date, label = _DATE.search(t), _PAGE_LABEL.search(t)
    if not (date or label) or any(p in t for p in _PUNCT):
        return False
    rest = _WEEKDAY.sub("", _PAGE_LABEL.sub("", _DATE.sub("", t)))
    rest = re.sub(r"[\s|｜/·]", "", rest)
    return len(rest) <= 8


def parse_issue(furniture: Iterable[str]) -> Issue:
    issue = Issue()
    for raw in furniture:
        t = _shadow(raw.strip())
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


def is_byline(text: str) -> bool:
    t = _shadow(text.strip())
    return len(t) <= 40 and bool(_BYLINE.match(t)) and not any(p in t for p in "，。；！？")


def is_bare_name(text: str) -> bool:
    """Personal names and nothing else (陈银健, 朱 柚, 张成虎 高睿凯, 玛丽娜·拉古什): a byline
    printed without 本报记者, which no body paragraph ever is."""
    names = _shadow(text.strip()).split()
    if len(names) % 2 == 0 and all(len(t) == 1 for t in names):
        # two-character names spaced out to three cells: 朱 柚, 李 非 黄 婧
        names = [a + b for a, b in zip(names[::2], names[1::2])]
    return 1 <= len(names) <= 4 and all(_NAME_TOKEN.match(n) and not any(c in _PARTICLES for c in n) for n in names)


def is_photo_credit(text: str) -> bool:
    return bool(_CREDIT.match(_shadow(text.strip())))


def find_credit(text: str) -> tuple[int, int] | None:
    """Where a photo credit (王丹 摄) stands in a text, wherever that is: a caption that runs on past
    its credit, or a body paragraph that took one in, holds two items the layout took for one."""
    m = _CREDIT_SET.search(_shadow(text))
    return m.span() if m else None


def split_photo_credit(text: str) -> tuple[str, str | None]:
    """('caption text', 'credit') when a caption line ends with a photo credit."""
    m = _TRAILING_CREDIT.search(_shadow(text))
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()].rstrip(), text[m.start() :].strip()


def is_attribution_line(text: str) -> bool:
    return bool(_ATTRIBUTION_LINE.match(_shadow(text.strip())))


def split_attribution(text: str) -> tuple[str, str | None]:
    """(body, '(供稿)') when a paragraph closes with a parenthesised credit after its last sentence."""
    text = text.rstrip()
    m = _TRAILING_ATTRIBUTION.search(_shadow(text))
    if not m:
        return text, None
    return text[: m.start()].rstrip(), text[m.start(1) : m.end(1)]


def split_dateline(text: str) -> tuple[str | None, str | None, str]:
    """(dateline, byline in parentheses, rest) from the start of an article's first paragraph."""
    m = _DATELINE.match(_shadow(text))
    if not m:
        return None, None, text
    byline = text[m.start("b") : m.end("b")] if m.group("b") else None
    return text[m.start("d") : m.end("d")], byline, text[m.end() :].lstrip()


_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "『』", "【】")


def unbalanced(text: str) -> bool:
    """A quote, title mark or bracket opened and not closed (or closed and not opened): a headline
    or caption cut short, or run into the next item."""
    return any(text.count(a) != text.count(b) for a, b in _PAIRS)


def has_dateline(text: str) -> bool:
    """A dateline anywhere in the text: one that ran into a caption or byline (袁泉摄本报北京10月19日电)."""
    return bool(_DATELINE_ANYWHERE.search(_shadow(text)))


def is_speaker_line(text: str) -> bool:
    """The `——name, office` line under a pull quote (not a `——` subtitle)."""
    return bool(_SPEAKER.match(_shadow(text.strip())))


def is_column_label(text: str) -> bool:
    return bool(_COLUMN_LABEL.search(_shadow(text)))


def _shadow(text: str) -> str:
    """The text in simplified characters for matching, so traditional pages are recognised too.

    Matches on the shadow slice the original: t2s maps character for
    character, and where it would not, the original is matched instead.
    """
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text
