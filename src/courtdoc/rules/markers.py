"""The items a paper prints round an article's body, recognised from their words.

A byline names the reporters (本报记者 王丽, 本报通讯员●周雪莹, 文/图 张三);
a dateline opens the first paragraph (赤峰讯, 本报讯, 本报北京3月10日电,
【本报讯】), sometimes with the reporter in brackets; an attribution closes the
article in brackets ((…供稿), (张丽)); a photo credit names the photographer
(张卓 摄). Each is matched on the simplified shadow, so 本報記者 is a byline too.
"""

from __future__ import annotations

import re

from .chinese import HAN, NAME, NAME_TOKEN, PARTICLES, shadow
from .punctuation import END_MARK, is_prose

# Longer than any byline: a line this long is prose that happens to name a reporter.
MAX_BYLINE_CHARS = 40

# Who writes for whom: the paper speaking of itself (本报, 本刊, 本台), or a masthead by name (新华社,
# 人民日报, 法治日报社 …); then a post (驻新疆), a rank (特约, 见习). 本报 opens a byline: nothing
# stands before it, and a run ending in it is a clause (接受本报记者采访), never a masthead's name.
_MASTHEAD_PREFIX = rf"(?:本[报刊社台网]|[{HAN}]{{1,8}}(?<!本)[社报台网])?(?:驻[{HAN}]{{1,6}})?(?:特约|见习|首席)?"
_ROLE = rf"{_MASTHEAD_PREFIX}(?:记者|通讯员|评论员|撰稿人|实习生|特约撰稿)"
# A mark set before each line of a byline (□ 本报记者 张三, as 法治日报 prints them): the byline's
# typography, like the brackets round a dateline, not its words. A recogniser reads □ as a ballot
# box (☐) or a rounded square (▢) as often as not.
_BYLINE_MARK = "[□■◇◆☐▢]"
_BYLINE_HEAD = re.compile(
    rf"^{_BYLINE_MARK}?\s*(?:{_ROLE}\s*[●·•:：]?\s*(?=[{HAN}·])"
    rf"|(?:作者|撰文|文|图|文图|图文|文/图|图/文)\s*[:：/／|｜●·]\s*(?=[{HAN}·]))"
)
_BARE_ROLE = re.compile(rf"^{_BYLINE_MARK}?\s*{_ROLE}\s*[●·•:：]?$")
# What may follow a name in a byline: another name or credit, a blank or a list mark between them.
_BYLINE_PARTS = re.compile(rf"{_ROLE}\s*[●·•:：]?|[\s●·•、，,/／|｜]+")
# What a clause opens with after 记者 (记者从…获悉, 记者在…发现, 记者近日走访): a preposition, an
# adverb of time or a verb of reporting; after a byline's role comes a name (or an organisation).
_LEADING_MARK = re.compile(rf"^{_BYLINE_MARK}\s*")
# An organisation signing as a byline after the mark (□ 中共中央党史和文献研究院): a name ending in
# what an institution is called.
_ORGANISATION = re.compile(rf"^{_BYLINE_MARK}\s*[{HAN}·]{{2,24}}(?:院|局|会|部|委|厅|所|室|中心|办公室|大学|学校|社|馆|队|组)$")
_CLAUSE_OPENERS = "从在对向以于就也还都将已曾正再又随跟与同把被让给为据经近日今昨走来获发看注采调"
# A personal name is at most four characters (欧阳晓娟): a longer run right after the role is an
# organisation (本报通讯员 鄂尔多斯市中级人民法院) unless a clause opens it.
_NAME_CHARS = 4
# Linear patterns (no nested optional repetition): they run on every line and paragraph.
# 张三 摄, or where no photographer is named, the photo's source: 资料图片 (a file photo), 法院供图.
_CREDIT_CORE = (
    rf"(?:(?:(?:本报记者|记者|通讯员)\s*)?{NAME}(?:\s+{NAME})*\s*摄(?:影)?"
    rf"|资料(?:图片|照片)|[{HAN}]{{2,12}}供图)"
)
_CREDIT = re.compile(rf"^{_CREDIT_CORE}$")
_TRAILING_CREDIT = re.compile(rf"(?:(?<=[\s。！？!?”])|^)[(（]?{_CREDIT_CORE}[)）]?$")
# A credit set with its blank before 摄, which prose never has (他去拍摄现场), wherever it stands.
_CREDIT_SET = re.compile(rf"{NAME}(?:\s+{NAME})*\s+摄(?:影)?")

# What an article closes with in brackets: a credit ((…供稿), (…参与采写), (作者单位：…)), a bare name
# ((张丽)), or a reporter named with a role ((本报记者 张三), checked by is_byline). The first alternative
# that matches names it: (本报记者靳博参与采写) is a credit, (记者 张三) a role and a name, not two names.
_ATTRIBUTION = (
    rf"[(（](?:[^()（）]{{2,30}}供稿|[^()（）]{{2,20}}参与采写|作者(?:单位[:：]|系)[^()（）]{{2,30}}"
    rf"|(?P<role>{_ROLE}[^()（）]{{0,30}})|{NAME}(?:\s+{NAME})*)[)）]"
)
# The article's end mark may follow it (（…供稿）■).
_ATTRIBUTION_LINE = re.compile(rf"^{_ATTRIBUTION}\s*(?:{END_MARK})?$")
# After the last sentence, or alone: a credit right-aligned on its own line is a paragraph of its own.
_TRAILING_ATTRIBUTION = re.compile(rf"(?:(?<=[。！？!?”’…])|^)\s*(?P<a>{_ATTRIBUTION})\s*(?:{END_MARK})?$")

# Set bare, or in lenticular brackets that are typography, not part of it: 【本报讯】, or with the
# reporter inside, 【法治日报讯 记者 张三】 (the byline, as in 本报讯（记者 张三）).
_DATELINE_CORE = (
    rf"(?P<d>本报讯(?=[\s“\"‘(（0-9{HAN}])|[{HAN}]{{2,8}}讯(?=[\s“\"‘(（0-9])"
    rf"|(?:本报|本刊|新华社|中新社|[{HAN}]{{2,8}}(?:社|报|台|网))[{HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电)"
    rf"|【(?P<bd>[^【】\s]{{1,24}}(?:讯|电|报道))(?:\s*(?P<bb>[^【】]{{1,16}}))?】"
)
_DATELINE = re.compile(rf"^(?:{_DATELINE_CORE})(?:\s*[(（](?P<b>[^()（）]{{2,20}})[)）])?")
# The reporter in brackets opening the body where no dateline stands before it on the line: (记者 张三)
# after a dateline set on a line of its own, or with no dateline at all.
_OPENING_BYLINE = re.compile(r"^\s*[(（]([^()（）]{2,30})[)）]")
_DATELINE_ANYWHERE = re.compile(_DATELINE_CORE)


def is_byline(text: str) -> bool:
    """A role (本报记者, 通讯员, 文/图) followed by names, or names after a byline's mark (□ 陈蔚文):
    each name ends at the line's end, a blank,
    a list mark or the next role (本报记者●肖玥 通讯员●张树清). A role word followed by a clause
    (记者从国家移民管理局获悉, 记者了解到) is body text: the clause runs on past a name's length
    from a preposition, an adverb or a verb, or carries a grammar word no name is written with."""
    t = shadow(text.strip())
    marked = _LEADING_MARK.match(t) is not None
    if marked and (is_bare_name(t) or _ORGANISATION.match(t)):
        return True  # names after a byline's mark (□ 陈蔚文): a byline by its typography
    head = _BYLINE_HEAD.match(t)
    if len(t) > MAX_BYLINE_CHARS or head is None or is_prose(t):
        return False
    names = [n for n in _BYLINE_PARTS.split(t[head.end() :]) if n]
    if not names or any(c in PARTICLES for n in names for c in n):
        return False
    # After a byline's mark no clause opens (a scan may run the names together: □本报记者向子丰胡笑源).
    return marked or len(names[0]) <= _NAME_CHARS or names[0][0] not in _CLAUSE_OPENERS


def is_bare_role(text: str) -> bool:
    """A role with no name after it (本报记者, 通讯员●): a byline's first half, never a line alone."""
    t = shadow(text.strip())
    return bool(_BARE_ROLE.match(t))


def is_bare_name(text: str) -> bool:
    """Personal names and nothing else (陈银健, 朱 柚, 张成虎 高睿凯, 玛丽娜·拉古什): a byline
    printed without 本报记者, which no body paragraph ever is."""
    names = _LEADING_MARK.sub("", shadow(text.strip())).split()
    if len(names) % 2 == 0 and all(len(t) == 1 for t in names):
        # two-character names spaced out to three cells: 朱 柚, 李 非 黄 婧
        names = [a + b for a, b in zip(names[::2], names[1::2])]
    return 1 <= len(names) <= 4 and all(NAME_TOKEN.match(n) and not any(c in PARTICLES for c in n) for n in names)


def byline_words(text: str) -> str:
    """A byline line as the byline field holds it: without the mark set before it (□ 陈蔚文 -> 陈蔚文)."""
    return _LEADING_MARK.sub("", text.strip())


def is_photo_credit(text: str) -> bool:
    """The text is a credit and nothing else (张卓 摄, 资料图片, 法院供图)."""
    return bool(_CREDIT.match(shadow(text.strip())))


def _closing_credit(text: str) -> int | None:
    """Where a credit closing the text starts: the one decision of "this text ends with a credit"."""
    m = _TRAILING_CREDIT.search(shadow(text))
    return m.start() if m else None


def ends_with_photo_credit(text: str) -> bool:
    """A credit closes the text (张三 摄), on its own or after a caption."""
    return _closing_credit(text) is not None


def split_photo_credit(text: str) -> tuple[str, str | None]:
    """('caption text', 'credit') when a caption line ends with a photo credit."""
    start = _closing_credit(text)
    if not start:
        return text, None
    return text[:start].rstrip(), text[start:].strip()


def find_credit(text: str) -> tuple[int, int] | None:
    """Where a photo credit stands in a text, wherever that is: set with its blank before 摄 (王丹 摄)
    anywhere, or closing the text; a caption that runs on past its credit, or a body paragraph or
    byline that took one in, holds two items the layout took for one."""
    m = _CREDIT_SET.search(shadow(text))
    if m:
        return m.span()
    start = _closing_credit(text)
    return None if start is None else (start, len(text))


def _signed(m: re.Match[str] | None) -> bool:
    """A closing bracket matched, and if it names a role, names reporters by it, or the role alone
    ((新华社记者): an agency's story), not a clause (记者从…获悉)."""
    return m is not None and (m.group("role") is None or is_byline(m.group("role")) or is_bare_role(m.group("role")))


def is_attribution_line(text: str) -> bool:
    return _signed(_ATTRIBUTION_LINE.match(shadow(text.strip())))


def split_attribution(text: str) -> tuple[str, str | None]:
    """(body, '(供稿)') when a paragraph closes with a parenthesised credit after its last sentence. An
    article's end mark after it goes with it: whoever keeps the mark splits it off first (split_end_mark)."""
    text = text.rstrip()
    m = _TRAILING_ATTRIBUTION.search(shadow(text))
    if not _signed(m):
        return text, None
    return text[: m.start()].rstrip(), text[m.start("a") : m.end("a")]


def closing_byline(attribution: str | None) -> str | None:
    """The byline a closing bracket prints: a reporter named with a role ((本报记者 张三), (记者亓玉昆)),
    or the role alone ((新华社记者)), how a paper signs an article that prints no byline under its headline. A bare name or a credit
    ((张丽), (…供稿), (…参与采写)) closing an article is its attribution."""
    m = _ATTRIBUTION_LINE.match(shadow(attribution.strip())) if attribution else None
    if not _signed(m) or m.group("role") is None:
        return None
    return attribution.strip()[m.start("role") : m.end("role")].strip()


def split_dateline(text: str) -> tuple[str | None, str | None, str]:
    """(dateline, byline in parentheses, rest) from the start of an article's first paragraph."""
    m = _DATELINE.match(shadow(text))
    if not m:
        return None, None, text
    proper = "d" if m.group("d") else "bd"
    named = next((g for g in ("b", "bb") if m.group(g)), None)
    byline = text[m.start(named) : m.end(named)] if named else None
    return text[m.start(proper) : m.end(proper)], byline, text[m.end() :].lstrip()


def split_opening_byline(text: str) -> tuple[str | None, str]:
    """(byline, rest) where the body opens with its reporter in brackets, no dateline before it on the
    line ((人民网记者李唯一)10月19日，…): the byline, as in 本报讯(记者 金丽). Only a byline's words
    make it one: a bracket opening a paragraph ((一), (作者为…)) is text."""
    m = _OPENING_BYLINE.match(text)
    if not m or not is_byline(m.group(1)):
        return None, text
    return m.group(1).strip(), text[m.end() :].lstrip()


def opens_with_dateline(text: str) -> bool:
    return split_dateline(text)[0] is not None


def dateline_across(first: str, second: str) -> bool:
    """A dateline that only two texts make together, cut between them: a run-in dateline wrapped in a
    narrow column (本报北京10月19 | 日电 记者从…), or one parted between a byline and the body."""
    dateline = split_dateline(first.strip() + second.lstrip())[0]
    return dateline is not None and len(dateline) > len(first.strip())


def has_dateline(text: str) -> bool:
    """A dateline anywhere in the text: one that ran into a caption or byline (袁泉摄本报北京10月19日电)."""
    return bool(_DATELINE_ANYWHERE.search(shadow(text)))
