"""The text rules, each with the examples it exists for, in simplified and traditional characters."""

from __future__ import annotations

import pytest

from courtdoc.model import Line
from courtdoc.repair.normalize import to_simplified
from courtdoc.rules.chinese import is_personal_name
from courtdoc.rules.furniture import furniture_kind, is_contents_page, is_furniture_anywhere, jumps_on, parse_issue, trailing_jump
from courtdoc.rules.headings import (
    contains_phrase_pair,
    is_column_label,
    is_editors_note,
    is_phrase_pair,
    is_speaker_line,
    repeats_text,
)
from courtdoc.rules.markers import (
    byline_words,
    closing_byline,
    dateline_across,
    ends_with_photo_credit,
    find_credit,
    is_attribution_line,
    is_bare_name,
    is_bare_role,
    is_byline,
    is_photo_credit,
    split_attribution,
    split_dateline,
    split_opening_byline,
    split_photo_credit,
)
from courtdoc.rules.punctuation import ends_sentence, ends_unit, split_end_mark

# --- punctuation ----------------------------------------------------------------------


def test_ends_sentence_sees_through_closing_quotes() -> None:
    assert ends_sentence("让公正和效率“显而易见”。")
    assert ends_sentence("形成上下联动、共同争先的良好局面。”")
    assert ends_sentence("太感谢了!”")
    assert not ends_sentence("制定工作方")
    assert not ends_sentence("发布工作动态，")
    assert not ends_sentence("《审判")
    assert not ends_sentence("主要做法如下：")


def test_ends_unit_also_closes_at_list_ends_and_brackets() -> None:
    assert ends_unit("主要做法如下：") and ends_unit("一是强化组织领导；")
    assert ends_unit("“枫桥经验”") and ends_unit("（张丽）")
    assert not ends_unit("发布工作动态，") and not ends_unit("制定工作方")


# --- furniture ------------------------------------------------------------------------


def test_masthead_lines_fill_the_issue() -> None:
    issue = parse_issue(
        ["法院专刊", "内蒙古自治区高级人民法院", "邮箱: nmgfyzk@126.com 电话: (0471) 4687539、6986512", "2024年3月22日 星期五 7版"]
    )
    assert (issue.paper, issue.publisher, issue.date, issue.page_label) == (
        "法院专刊",
        "内蒙古自治区高级人民法院",
        "2024-03-22",
        "7版",
    )
    assert parse_issue(["2025年06月27日 05版"]).date == "2025-06-27"
    assert parse_issue(["2025年06月27日 05版"]).page_label == "05版"
    assert parse_issue(["第3版 本版编辑：张三"]).page_label == "第3版"
    assert parse_issue(["法院專刊"]).paper == "法院專刊"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("邮箱: nmgfyzk@126.com 电话: (0471) 4687539、6986512", "contact"),
        ("郵箱: nmgfyzk@126.com 電話: (0471) 4687539", "contact"),
        ("2024年3月22日 星期五 7版", "date"),
        ("2025年06月27日 05版", "date"),
        ("责任编辑：王五", "editor"),
        ("責任編輯：王五", "editor"),
        ("本版编辑：张三", "editor"),
        ("版式设计：李四", "editor"),
        ("《人民日报》（2025年10月20日 第 01 版）", "edition"),
        ("- 3 -", "page-number"),
        ("第 7 版", "page-number"),
        ("法院专刊", "paper"),
        ("人民日报", "paper"),
        ("2023年，额尔古纳市法院共受理各类案件", None),
        ("6月25日,赤峰市中级人民法院召开征求意见座谈会。", None),
        ("编辑部门的同志们认为", None),
        ("喜报", None),
        ("（下转第2版）", "jump"),
        ("(下转第5版)", "jump"),
        ("转第二版", "jump"),
        ("（上接第一版）", "jump"),
        ("（上接第1版）", "jump"),
        ("接上版", "jump"),
        ("（續前版）", "jump"),
        ("（下轉第3版）", "jump"),
        ("【转A3版】", "jump"),
        ("下转第2版，详见本报评论", None),
        ("转第二版后，他又", None),
    ],
)
def test_furniture_kinds(line: str, kind: str | None) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("依法严惩涉案人员。（下转第2版）", "依法严惩涉案人员。"),
        ("他说：“一定办好。”(下转第5版)", "他说：“一定办好。”"),
        ("案件已审结。 【转A3版】", "案件已审结。 "),
        ("此案依法審結。（下轉第3版）", "此案依法審結。"),
        ("（下转第2版）", None),  # the jump alone on its line: furniture_kind's
        ("此前该案曾在第二版（转第3版）报道", None),  # no line's end
        ("有关报道（转第3版）", None),  # inside a sentence: a reference, prose
        ("依法严惩涉案人员。（附判决书）", None),  # a bracket after a sentence that is no jump
    ],
)
def test_trailing_jump_is_split_off_the_last_sentence(line: str, text: str | None) -> None:
    at = trailing_jump(line)
    assert (None if at is None else line[:at]) == text
    if at is not None:
        assert furniture_kind(line[at:]) == "jump" and jumps_on(line[at:])


def test_furniture_anywhere_is_editor_and_edition_lines_only() -> None:
    assert is_furniture_anywhere("責任編輯：王五")
    assert not is_furniture_anywhere("12")  # a page number only by where it stands (layout.bands)
    assert not is_furniture_anywhere("法院专刊")  # a paper's name is furniture only in the masthead
    assert not is_furniture_anywhere("邮箱: a@b.cn")  # so is a contact line


@pytest.mark.parametrize(
    ("line", "on"),
    [("（下转第2版）", True), ("转第二版", True), ("(轉下版)", True), ("（上接第一版）", False), ("接上版", False), ("（紧接第1版）", False)],
)
def test_jump_lines_are_furniture_anywhere_and_say_which_way(line: str, on: bool) -> None:
    assert is_furniture_anywhere(line)
    assert jumps_on(line) == on


def test_contents_page_is_entries_numbered_one_after_another() -> None:
    entries = [Line(f"{n}. 第{n}篇文章的标题") for n in range(1, 11)]
    assert is_contents_page(entries)
    assert not is_contents_page([Line(f"{n}. 标题") for n in (1, 5, 2, 9, 3, 7, 4, 8, 6, 10)])
    assert not is_contents_page([Line("一段正文。")] * 10)


# --- markers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "本报通讯员●周雪莹",
        "本报记者●肖玥 通讯员●张树清",
        "本报记者 王丽",
        "本報記者 王麗",
        "本報通訊員●周雪瑩",
        "新华社记者 张三 李四",
        "本报驻新疆记者 韩立群",
        "人民日报记者 王某、李某",
        "记者：王丽",
        "文/图 张三",
        "作者：李明",
        "本报记者 朱 柚",  # a two-character name spaced out to three cells
        "记者李欣怡、陈一鸣、肖新新、曹",  # a list of names wrapped at the line's end
        "记者 玛丽娜·拉古什",
        "本报通讯员 鄂尔多斯市中级人民法院",  # an organisation where the name would stand
        "本台记者 李明",
        "法治日报社记者 王丽",
        "□本报记者 向子丰 胡笑源",  # 法治日报 marks each line of a byline set at the body's head
        "□ 陈银健",  # names after the mark: a byline by its typography
        "□ 中共中央党史和文献研究院",  # an institution signing after it
        "☐本报记者向子丰胡笑源",  # as a scan reads it: □ as a ballot box, the names run together
    ],
)
def test_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "记者调查发现，该院",
        "近日，本报记者走访了该院。",
        "记者从国家移民管理局获",  # a body line wrapped before its first mark: a clause, no name
        "记者在贾同学与实习单位签订的实习协议中发现",
        "记者了解到",
        "记者以学员身份联系一家培训机构",
        "新闻发布会现场。",
        "接受本报记者采访",  # a clause ending in 本报 before the role: no masthead
        "他接受本台记者 专访",
    ],
)
def test_not_bylines(line: str) -> None:
    assert not is_byline(line)


def test_bare_roles() -> None:
    assert is_bare_role("本报记者") and is_bare_role("本报通讯员●") and is_bare_role("記者：")
    assert not is_bare_role("本报记者 王丽") and not is_bare_role("记者调查发现")


def test_bare_names() -> None:
    assert is_bare_name("陈银健") and is_bare_name("朱 柚") and is_bare_name("张成虎 高睿凯")
    assert is_bare_name("玛丽娜·拉古什") and is_bare_name("陳銀健")
    assert not is_bare_name("中国的") and not is_bare_name("新闻发布会现场。")
    assert is_bare_name("□陈蔚文") and is_bare_name("□ 李 非 黄 婧")  # the mark before a byline line
    assert byline_words("□ 本报记者 徐 馨") == "本报记者 徐 馨" and byline_words("陈蔚文") == "陈蔚文"


def test_personal_names_by_their_form() -> None:
    # A surname first, one or two given characters; or transliterated with the middle dot.
    assert is_personal_name("任仲平") and is_personal_name("王 观") and is_personal_name("張成虎 高睿凱")
    assert is_personal_name("李 非 黄 婧") and is_personal_name("玛丽娜·拉古什")
    # Labels and short headings as short as a name, and longer runs of characters, are no one's name.
    assert not any(is_personal_name(t) for t in ("亮点", "纵横", "遇见", "为何著书", "国际论坛", "侧记", "记者手记"))


def test_photo_credits() -> None:
    assert is_photo_credit("张卓 摄") and is_photo_credit("齐翰文 摄") and is_photo_credit("本报记者 王丽 摄")
    assert is_photo_credit("陳思遠 攝")
    assert is_photo_credit("资料图片") and is_photo_credit("赤峰市中级人民法院供图")
    assert not is_photo_credit("资料图片显示，该院去年审结案件")
    assert not is_photo_credit("拍摄") and not is_photo_credit("新闻发布会现场。 陈思远 摄")
    assert split_photo_credit("实训基地启动仪式。 张三 摄") == ("实训基地启动仪式。", "张三 摄")
    assert split_photo_credit("新闻发布会现场。 陳思遠 攝") == ("新闻发布会现场。", "陳思遠 攝")


def test_credit_closing_or_inside_a_text() -> None:
    # One decision behind all three questions: alone, closing a caption, anywhere in a text.
    assert ends_with_photo_credit("张卓 摄") and ends_with_photo_credit("现场。 张卓 摄")
    assert split_photo_credit("张卓 摄") == ("张卓 摄", None)  # nothing before it to split off
    assert not ends_with_photo_credit("他去拍摄现场。")
    assert find_credit("李志伟 摄本报华盛顿10月19") == (0, 5)  # set with its blank: anywhere
    assert find_credit("庭审现场。法院供图") == (5, 9)  # closing the text, no blank needed
    assert find_credit("袁泉摄影展开幕。") is None and find_credit("他去拍摄现场，收集证据。") is None


def test_attributions() -> None:
    assert is_attribution_line("(自治区高级人民法院供稿)") and is_attribution_line("（张丽）")
    assert is_attribution_line("（赤峰市中級人民法院供稿）")
    assert split_attribution("…共同争先的良好局面。”(张丽)") == ("…共同争先的良好局面。”", "(张丽)")
    assert split_attribution("（赤峰市中级人民法院供稿）") == ("", "（赤峰市中级人民法院供稿）")  # right-aligned, alone
    assert split_attribution("黄尹旭补充说。（刘张烨参与采写）") == ("黄尹旭补充说。", "（刘张烨参与采写）")
    assert split_attribution("两大奇迹新篇章。(作者单位：厦门大学)") == ("两大奇迹新篇章。", "(作者单位：厦门大学)")
    assert split_attribution("（作者系中国人民大学教授）") == ("", "（作者系中国人民大学教授）")
    assert split_attribution("及时将典型案(事)例予以宣传") == ("及时将典型案(事)例予以宣传", None)
    assert split_attribution("出台《办法》(试行)") == ("出台《办法》(试行)", None)


def test_a_reporter_named_with_a_role_closing_the_article_is_its_byline() -> None:
    # 都市报 sign an article at its end: (本报记者 张三) after the last sentence, no byline under the headline
    assert split_attribution("过上了幸福的生活。”（本报记者黄培昭）") == ("过上了幸福的生活。”", "（本报记者黄培昭）")
    assert closing_byline("（本报记者黄培昭）") == "本报记者黄培昭"
    assert closing_byline("（记者 张三）") == "记者 张三"  # a role and a name, not two bare names
    assert closing_byline("（本报记者 宋静思 梁 楠）") == "本报记者 宋静思 梁 楠"
    assert closing_byline("（通讯员 李四）") == "通讯员 李四"
    assert split_attribution("取得决定性进展。（新华社记者）") == ("取得决定性进展。", "（新华社记者）")
    assert closing_byline("（新华社记者）") == "新华社记者"  # the role alone: an agency's story
    # a bare name or a credit there is the attribution
    assert closing_byline("（张丽）") is None and closing_byline("（赤峰市中级人民法院供稿）") is None
    assert closing_byline("（本报记者靳博参与采写）") is None and is_attribution_line("（本报记者靳博参与采写）")
    assert closing_byline(None) is None
    # a clause after the role is no byline, and no attribution either
    assert split_attribution("他说。（记者从国家移民管理局获悉）") == ("他说。（记者从国家移民管理局获悉）", None)


def test_a_dateline_cut_between_two_lines() -> None:
    assert dateline_across("本报北京10月19", "日电 记者从国家移民")  # wrapped in a narrow column
    assert dateline_across("本报华盛顿10月19日", "电 国际货币基金组织")
    # whole on the first line, or on neither, it is not cut between them
    assert not dateline_across("本报北京10月19日电 记者从", "国家移民管理局获悉")
    assert not dateline_across("他说，10月19", "日到期的债券")


def test_an_article_end_mark_follows_its_last_sentence() -> None:
    assert split_end_mark("推动科技与金融双向促进的重要支撑。■") == ("推动科技与金融双向促进的重要支撑。", "■")
    assert split_end_mark("走深走实。（包头市中级人民法院供稿）■") == ("走深走实。（包头市中级人民法院供稿）", "■")
    assert split_end_mark("他说：“好。”◆") == ("他说：“好。”", "◆")
    assert split_end_mark("会议圆满结束。（完）") == ("会议圆满结束。", "（完）")
    assert split_end_mark("■") == ("", "■")  # wrapped onto a line of its own
    # a hollow square inside text stands for an illegible character; a mark opening a line leads a byline
    assert split_end_mark("被告人张□□") == ("被告人张□□", None)
    assert split_end_mark("■本报记者 张三") == ("■本报记者 张三", None)
    # the mark ends the article, so it ends its sentence; an attribution before it still closes
    assert ends_sentence("共同筹措队员参赛所需费用。■") and not ends_sentence("共同筹措队员■")
    assert split_attribution("走深走实。（包头市中级人民法院供稿）■") == ("走深走实。", "（包头市中级人民法院供稿）")
    assert is_attribution_line("（包头市中级人民法院供稿）■")


@pytest.mark.parametrize(
    ("text", "dateline", "byline", "rest"),
    [
        ("赤峰讯 6月25日,赤峰市中级人民法院", "赤峰讯", None, "6月25日,赤峰市中级人民法院"),
        ("赤峰讯“公正与效率”是司法", "赤峰讯", None, "“公正与效率”是司法"),
        ("鹿鸣讯　“谢谢谢谢，真是太感谢", "鹿鸣讯", None, "“谢谢谢谢，真是太感谢"),
        ("本报讯(记者 金丽)“非常感谢您", "本报讯", "记者 金丽", "“非常感谢您"),
        ("本報訊(記者 金麗)“非常感謝您", "本報訊", "記者 金麗", "“非常感謝您"),
        ("本报北京3月10日电 （记者 张三）今天", "本报北京3月10日电", "记者 张三", "今天"),
        ("新华社北京10月1日电 国庆假期", "新华社北京10月1日电", None, "国庆假期"),
        ("【本报讯】近日，该院", "本报讯", None, "近日，该院"),
        ("【呼伦贝尔讯】6月20日,呼伦贝尔市", "呼伦贝尔讯", None, "6月20日,呼伦贝尔市"),
        ("【新华社北京10月19日电】全国人大", "新华社北京10月19日电", None, "全国人大"),
        ("【法治日报讯 记者 张三】近日", "法治日报讯", "记者 张三", "近日"),
        ("【本报讯】（记者 张三）近日", "本报讯", "记者 张三", "近日"),
        ("党建资讯平台建设取得成效", None, None, "党建资讯平台建设取得成效"),
        ("喜讯传来，全院振奋", None, None, "喜讯传来，全院振奋"),
        ("截至10月1日电费缴纳", None, None, "截至10月1日电费缴纳"),
        ("【典型案例】张某诉李某", None, None, "【典型案例】张某诉李某"),
    ],
)
def test_dateline_split(text: str, dateline: str | None, byline: str | None, rest: str) -> None:
    assert split_dateline(text) == (dateline, byline, rest)


@pytest.mark.parametrize(
    "text, byline, rest",
    [
        # after a dateline set alone on its line, or with none: the reporter is the byline all the same
        ("（人民网记者李唯一）10月19日，第十届", "人民网记者李唯一", "10月19日，第十届"),
        ("(記者 張三)10月18日", "記者 張三", "10月18日"),
        ("（本报记者 王丽 通讯员 李四）近日", "本报记者 王丽 通讯员 李四", "近日"),
        # a bracket of other words opening a paragraph is text
        ("（一）坚持党的领导", None, "（一）坚持党的领导"),
        ("（作者为塞尔维亚国民议会副议长）", None, "（作者为塞尔维亚国民议会副议长）"),
        ("（张丽）", None, "（张丽）"),
        ("10月19日（记者 张三）", None, "10月19日（记者 张三）"),
    ],
)
def test_opening_byline_split(text: str, byline: str | None, rest: str) -> None:
    assert split_opening_byline(text) == (byline, rest)


# --- headings -------------------------------------------------------------------------


def test_phrase_pairs() -> None:
    assert is_phrase_pair("领航定向　驾驭发展全局") and is_phrase_pair("锚定目标再出发 凝心聚力开新局")
    assert not is_phrase_pair("领航定向，驾驭发展全局") and not is_phrase_pair("第一 二")
    assert contains_phrase_pair("“走农户 进牧户”") and not contains_phrase_pair("习惯安全")


def test_speakers_and_column_labels() -> None:
    assert is_speaker_line("——最高人民法院党组书记、院长张军")
    assert is_speaker_line("——最高人民法院黨組書記、院長張軍")
    assert not is_speaker_line("——呼伦贝尔市额尔古纳市人民法院2023年工作回眸")
    assert is_column_label("学习宣传贯彻党的二十大精神") and is_column_label("學習宣傳貫徹黨的二十大精神")
    assert not is_column_label("习惯安全 人人消防")
    # a series' name labels a column; one instalment of it is that article's kicker
    assert is_column_label("“新时代枫桥经验”系列报道") and not is_column_label("“新时代枫桥经验”系列报道之四")


def test_editors_notes_that_stand_before_a_body() -> None:
    assert is_editors_note("编者按：言出必践，是中国共产党执政的鲜明风格。") and is_editors_note("【编者按】今起，本报开设专栏")
    assert is_editors_note("今起，本报开设专栏。——编者") and is_editors_note("編者按：言出必踐") and is_editors_note("—— 编 者")
    # An afterword follows its body; an editor's footnote and the masthead's editor are no such note.
    assert not is_editors_note("编后：这起案件告诉我们") and not is_editors_note("编者注：文中数据截至6月")
    assert not is_editors_note("责任编辑：张三") and not is_editors_note("他是这本书的编者。")


def test_every_rule_reads_traditional_as_simplified() -> None:
    # The shadow used for matching is OpenCC's t2s, character for character.
    assert to_simplified("本報記者 王麗") == "本报记者 王丽"


@pytest.mark.parametrize(
    ("quote", "text", "repeats"),
    [
        ("创新中国动能澎湃，为中国式现代化建设提供了坚实支撑。", "全社会共同努力。创新中国动能澎湃，为中国式现代化建设提供了坚实支撑。", True),
        ("“创新中国动能澎湃为中国式现代化建设提供了坚实支撑”", "创新中国动能澎湃，为中国式\n现代化建设提供了坚实支撑。", True),
        ("創新中國動能澎湃", "创新中国动能澎湃，为中国式现代化建设提供了坚实支撑。", True),
        ("守护好前人留给我们的宝贵财富", "清晨5点，山西平遥古城尚未完全苏醒。", False),
        ("依法治国", "坚持依法治国，建设法治中国。", False),  # too short to tell a quote from a headline's words
    ],
)
def test_a_pull_quote_repeats_the_words_of_its_text(quote: str, text: str, repeats: bool) -> None:
    assert repeats_text(quote, text) == repeats


def test_a_line_that_opens_a_bracket_without_closing_it_leaves_it_open() -> None:
    from courtdoc.rules.punctuation import leaves_bracket_open

    assert leaves_bracket_open("（赤峰市中级人民法院供") and leaves_bracket_open("(呼伦贝尔市中院供")
    assert not leaves_bracket_open("（赤峰市中级人民法院供稿）") and not leaves_bracket_open("稿）")
    assert not leaves_bracket_open("依照《中华人民共和国民法典》第一千一百六十五条")


def test_section_numbers() -> None:
    from courtdoc.rules.headings import is_section_number

    assert all(is_section_number(t) for t in ("（一）", "二、", "3.", "(十二)"))
    assert not any(is_section_number(t) for t in ("（一）坚持站位全局", "一项改革带来就医新变化", "2024"))
