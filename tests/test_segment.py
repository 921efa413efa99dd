"""Segmentation of role-tagged blocks into articles, notes, furniture and issue (all paths)."""

from __future__ import annotations

from courtdoc.model import Block, Line
from courtdoc.segment import segment
from courtdoc.settings import Settings

ON = Settings()


def blk(role, *lines: str, page: int = 1, region: int | None = None, bbox=None, conf: float = 1.0) -> Block:
    return Block(role=role, lines=[Line(t, confidence=conf) for t in lines], page=page, region=region, bbox=bbox)


def test_headline_led_grouping_with_every_field() -> None:
    blocks = [
        blk("furniture", "法院专刊"),
        blk("furniture", "2025年06月27日 05版"),
        blk("kicker", "践行为民宗旨"),
        blk("title", "仲夏时节话法治", "开门纳谏听民声"),
        blk("subtitle", "——赤峰市中院召开征求意见座谈会"),
        blk("byline", "本报通讯员●周雪莹"),
        blk("paragraph", "赤峰讯 6月25日,赤峰市中级人民法院召开", "征求意见座谈会。"),
        blk("heading", "筑牢政治忠诚 扛牢政治担当"),
        blk("paragraph", "会议要求,一要在凝心铸魂上下功夫。(赤峰市中级人民法院供稿)"),
        blk("caption", "实训基地启动仪式实训基地启动仪式。。 同台竞技增强本领同台竞技增强本领。。"),
        blk("title", "习惯安全 人人消防"),
        blk("paragraph", "鄂尔多斯市消防救援支队开展系列宣传。"),
        blk("caption", "张卓 摄"),
    ]
    out = segment(blocks, ON)
    assert out.furniture == ["法院专刊", "2025年06月27日 05版"]
    assert (out.issue.paper, out.issue.date, out.issue.page_label) == ("法院专刊", "2025-06-27", "05版")
    a, b = out.articles
    assert (a.id, a.kicker, a.title, a.subtitle, a.byline) == (
        "p01-a01",
        "践行为民宗旨",
        "仲夏时节话法治开门纳谏听民声",
        "——赤峰市中院召开征求意见座谈会",
        "本报通讯员●周雪莹",
    )
    assert a.dateline == "赤峰讯"
    assert [(x.type, x.text) for x in a.blocks] == [
        ("paragraph", "6月25日，赤峰市中级人民法院召开征求意见座谈会。"),
        ("heading", "筑牢政治忠诚 扛牢政治担当"),
        ("paragraph", "会议要求，一要在凝心铸魂上下功夫。"),
    ]
    assert a.attribution == "（赤峰市中级人民法院供稿）"
    assert a.captions == ["实训基地启动仪式。", "同台竞技增强本领。"]
    assert (b.id, b.title, b.captions, b.dateline) == ("p01-a02", "习惯安全 人人消防", ["张卓 摄"], None)


def test_paren_byline_after_dateline_goes_to_byline() -> None:
    out = segment([blk("title", "一封感谢信"), blk("paragraph", "本报讯(记者 金丽)“非常感谢您的支持！”")], ON)
    art = out.articles[0]
    assert (art.dateline, art.byline, art.blocks[0].text) == ("本报讯", "记者 金丽", "“非常感谢您的支持！”")


def test_an_article_signed_at_its_end_by_its_reporter_has_that_byline() -> None:
    out = segment(
        [
            blk("title", "一条铁路"),
            blk("paragraph", "这条铁路带给我们希望，", "它把我们紧紧联系在了一起。（本报记者 黄培昭）"),
            blk("title", "一封感谢信"),
            blk("byline", "本报记者 王丽"),
            blk("paragraph", "当事人送来感谢信。（记者 张三）"),
            blk("title", "多元解纷"),
            blk("paragraph", "推动多元解纷工作走深走实。（张丽）"),
        ],
        ON,
    )
    a, b, c = out.articles
    assert (a.byline, a.attribution, a.blocks[-1].text) == ("本报记者 黄培昭", None, "这条铁路带给我们希望，它把我们紧紧联系在了一起。")
    # under its headline the article names its reporter already: the bracket at its end is a credit
    assert (b.byline, b.attribution) == ("本报记者 王丽", "（记者 张三）")
    assert (c.byline, c.attribution) == (None, "（张丽）")


def test_an_attribution_set_apart_on_the_last_line_is_the_attribution_whatever_its_role() -> None:
    # Set flush right on a line of its own, OCR's layout may read it as a heading: no section starts there.
    out = segment([blk("title", "多元解纷"), blk("paragraph", "推动多元解纷工作走深走实。"), blk("heading", "（张丽）")], ON)
    [a] = out.articles
    assert (a.attribution, [b.text for b in a.blocks]) == ("（张丽）", ["推动多元解纷工作走深走实。"])
    # A section heading that closes a body is no attribution.
    [b] = segment([blk("title", "多元解纷"), blk("paragraph", "推动多元解纷工作走深走实。"), blk("heading", "下一步工作")], ON).articles
    assert (b.attribution, b.blocks[-1].text) == (None, "下一步工作")


def test_an_end_mark_closing_the_body_is_page_furniture() -> None:
    out = segment(
        [
            blk("furniture", "法院专刊"),
            blk("title", "科技金融"),
            blk("paragraph", "科技金融是推动科技与金融", "双向促进的重要支撑。■"),
            blk("title", "多元解纷"),
            blk("paragraph", "推动多元解纷工作走深走实。（包头市中级人民法院供稿）■"),
            blk("title", "法官进社区"),
            blk("paragraph", "居民纷纷点赞。"),
            blk("attribution", "（赤峰市中级人民法院供稿）■"),
        ],
        ON,
    )
    a, b, c = out.articles
    assert [x.text for x in a.blocks] == ["科技金融是推动科技与金融双向促进的重要支撑。"]
    assert ([x.text for x in b.blocks], b.attribution) == (["推动多元解纷工作走深走实。"], "（包头市中级人民法院供稿）")
    assert c.attribution == "（赤峰市中级人民法院供稿）"
    assert out.furniture == ["法院专刊", "■", "■", "■"]


def test_dateline_only_from_the_first_paragraph() -> None:
    out = segment(
        [blk("title", "标题"), blk("paragraph", "第一段。"), blk("paragraph", "包头讯 不是电头的位置。")], ON
    )
    art = out.articles[0]
    assert art.dateline is None
    assert art.blocks[1].text == "包头讯 不是电头的位置。"


def test_regions_never_share_an_article() -> None:
    blocks = [
        blk("title", "甲文标题", region=1, bbox=(10, 10, 100, 20)),
        blk("paragraph", "甲文正文。", region=1, bbox=(10, 25, 100, 80)),
        blk("paragraph", "乙文没有标题的正文。", region=2, bbox=(110, 25, 200, 80)),
        blk("paragraph", "甲文续。", region=1, bbox=(10, 85, 100, 90)),
    ]
    out = segment(blocks, ON)
    assert [a.title for a in out.articles] == ["甲文标题", ""]
    assert [b.text for b in out.articles[0].blocks] == ["甲文正文。", "甲文续。"]
    assert out.articles[0].bbox == (10, 10, 100, 90)
    assert out.sources[out.articles[1].id] == [blocks[2]]


def test_a_region_with_two_headlines_gives_two_articles() -> None:
    blocks = [
        blk("title", "甲", region=1),
        blk("paragraph", "甲文。", region=1),
        blk("title", "乙", region=1),
        blk("paragraph", "乙文。", region=1),
    ]
    assert [(a.title, a.blocks[0].text) for a in segment(blocks, ON).articles] == [("甲", "甲文。"), ("乙", "乙文。")]


def test_article_ids_are_numbered_per_page() -> None:
    blocks = [
        blk("title", "一版甲", page=1),
        blk("paragraph", "正文。", page=1),
        blk("title", "一版乙", page=1),
        blk("paragraph", "正文。", page=1),
        blk("title", "二版甲", page=2),
        blk("paragraph", "正文。", page=2),
    ]
    assert [(a.id, a.page) for a in segment(blocks, ON).articles] == [
        ("p01-a01", 1),
        ("p01-a02", 1),
        ("p02-a01", 2),
    ]


def test_notes_pull_quote_with_source_and_column_label() -> None:
    blocks = [
        blk("pull-quote", "持续抓好全国两会精神贯彻落实", "奋力推进审判工作现代化", "——最高人民法院党组书记、院长张军"),
        blk("column-label", "学习宣传贯彻党的二十大精神"),
        blk("title", "习惯安全 人人消防"),
        blk("paragraph", "正文。"),
    ]
    out = segment(blocks, ON)
    assert [(n.type, n.text, n.source) for n in out.notes] == [
        ("pull-quote", "持续抓好全国两会精神贯彻落实奋力推进审判工作现代化", "——最高人民法院党组书记、院长张军"),
        ("column-label", "学习宣传贯彻党的二十大精神", None),
    ]
    assert [a.title for a in out.articles] == ["习惯安全 人人消防"]


def test_caption_keeps_its_photo_credit_and_trailing_credit_moves_to_captions() -> None:
    out = segment(
        [
            blk("title", "开展专项集中行动"),
            blk("paragraph", "对小标的案件进行集中执行。 齐翰文 摄"),
            blk("caption", "执行现场。 张三 摄"),
        ],
        ON,
    )
    art = out.articles[0]
    assert art.blocks[0].text == "对小标的案件进行集中执行。"
    assert art.captions == ["执行现场。 张三 摄", "齐翰文 摄"]


def test_photo_credit_on_a_line_of_its_own_is_a_caption_of_its_own() -> None:
    caption = Block("caption", [Line("新闻发布会现场"), Line("陈思远 摄")], page=1)
    art = segment([blk("title", "开展专项集中行动"), blk("paragraph", "近日，该院召开新闻发布会。"), caption], ON).articles[0]
    assert art.captions == ["新闻发布会现场", "陈思远 摄"]


def test_switches_turn_repairs_off() -> None:
    blocks = [blk("title", "審判"), blk("paragraph", "實訓基地實訓基地。。 審執結3226件,同比上升。")]
    off = segment(blocks, Settings(t2s=False, fullwidth_punct=False, dedupe=False)).articles[0]
    assert off.title == "審判"
    assert off.blocks[0].text == "實訓基地實訓基地。。 審執結3226件,同比上升。"
    on = segment(blocks, ON).articles[0]
    assert on.title == "审判"
    assert on.blocks[0].text == "实训基地。 审执结3226件，同比上升。"


def test_each_article_keeps_its_source_blocks_for_the_self_check() -> None:
    blocks = [blk("title", "标题"), blk("paragraph", "模糊的一行。", conf=0.62)]
    out = segment(blocks, ON)
    assert out.sources == {out.articles[0].id: blocks}


def test_empty_input_gives_empty_result() -> None:
    out = segment([], ON)
    assert (out.articles, out.notes, out.furniture) == ([], [], [])
    assert out.issue.date is None


def test_text_running_on_to_the_next_page_continues_the_article() -> None:
    blocks = [
        blk("title", "确保基本实现社会主义现代化取得决定性进展", page=5, region=5000),
        blk("paragraph", "2021年，“十四五”开局之年，在带领中国人民向着第一个百年", page=5, region=5000),
        blk("furniture", "第5页", page=5),
        blk("paragraph", "奋斗目标奋力冲刺的同时，总书记的目光已投向远方。", page=6),
        blk("paragraph", "五年间，一幅画卷徐徐铺展。", page=6),
        blk("title", "下一篇", page=7),
        blk("paragraph", "正文。", page=7),
    ]
    out = segment(blocks, ON)
    first, second = out.articles
    assert (first.id, first.page, second.id) == ("p05-a01", 5, "p07-a01")
    assert [b.text for b in first.blocks] == [
        "2021年，“十四五”开局之年，在带领中国人民向着第一个百年奋斗目标奋力冲刺的同时，总书记的目光已投向远方。",
        "五年间，一幅画卷徐徐铺展。",
    ]
    assert out.furniture == ["第5页"]


def test_a_boxed_untitled_item_on_the_next_page_is_its_own_article() -> None:
    blocks = [
        blk("title", "甲", page=1, region=1),
        blk("paragraph", "甲文说完了。", page=1, region=1),
        blk("paragraph", "乙是一条没有标题的简讯。", page=2, region=7),
    ]
    assert [(a.id, a.title) for a in segment(blocks, ON).articles] == [("p01-a01", "甲"), ("p02-a01", "")]


def test_only_prose_cut_mid_sentence_is_joined() -> None:
    blocks = [
        blk("title", "标题"),
        blk("paragraph", "第一段说完了。"),
        blk("paragraph", "领航定向 驾驭发展全局"),  # a heading-like line the layout left as a paragraph
        blk("paragraph", "一张是国家水网："),
        blk("paragraph", "覆盖率预计达到80.3%。"),
    ]
    texts = [b.text for b in segment(blocks, ON).articles[0].blocks]
    assert texts == ["第一段说完了。", "领航定向 驾驭发展全局", "一张是国家水网：", "覆盖率预计达到80.3%。"]


def test_a_bare_name_under_the_headline_is_the_byline() -> None:
    # As OCR gives them: the byline's type measured at body size, no typeface to tell it apart.
    blocks = [
        blk("title", "“车担卜页飞上天”", region=1),
        blk("paragraph", "陈银健", region=1),
        blk("paragraph", "表姐打来视频电话，说为我预订了车担卜页。", region=1),
        blk("title", "谱写全球妇女事业发展新篇章", region=2),
        blk("heading", "玛丽娜·拉古什", region=2),  # centred, so the layout called it a heading
        blk("paragraph", "在北京举行的全球妇女峰会，谱写了新篇章。", region=2),
        blk("title", "思政课", region=3),
        blk("paragraph", "李 非 黄 婧", region=3),
        blk("paragraph", "正文。", region=3),
        blk("heading", "王 刚", region=3),  # a name further down is no byline
        blk("title", "编者按", region=4),
        blk("paragraph", "对！", region=4),  # a short first paragraph that is no name
    ]
    arts = segment(blocks, ON).articles
    assert [a.byline for a in arts] == ["陈银健", "玛丽娜·拉古什", "李 非 黄 婧", None]
    assert [b.text for b in arts[0].blocks] == ["表姐打来视频电话，说为我预订了车担卜页。"]
    assert [b.text for b in arts[2].blocks] == ["正文。", "王 刚"]
    assert [b.text for b in arts[3].blocks] == ["对！"]


def test_byline_lines_marked_at_the_head_of_the_body_are_the_byline() -> None:
    # 法治日报 sets the byline at the head of the body, one role to a line, each after a □: the
    # byline holds the names without the marks, roles parted by a space.
    blocks = [
        blk("title", "莫让实习生权益保护成“死角”", region=1),
        blk("paragraph", "□本报记者 向子丰 胡笑源", region=1),
        blk("paragraph", "□通讯员 李四", region=1),
        blk("paragraph", "就业实习是衔接学校教育与职场生活的重要环节。", region=1),
        blk("title", "阿克陶的杨树", region=2),
        blk("paragraph", "□ 陈蔚文", region=2),
        blk("paragraph", "杨树遍布新疆大地。", region=2),
    ]
    a, b = segment(blocks, ON).articles
    assert a.byline == "本报记者 向子丰 胡笑源 通讯员 李四"
    assert [x.text for x in a.blocks] == ["就业实习是衔接学校教育与职场生活的重要环节。"]
    assert (b.byline, [x.text for x in b.blocks]) == ("陈蔚文", ["杨树遍布新疆大地。"])


def test_text_path_caption_and_running_head_inside_a_paragraph(tmp_path) -> None:
    from courtdoc.pipeline import process

    path = tmp_path / "interrupted.txt"
    path.write_text(
        "\n".join(
            [
                "习惯安全 人人消防",
                "鄂尔多斯市消防救援支队立足实际，准确把握不同",
                "实训基地启动仪式实训基地启动仪式。。",
                "2024年3月22日 星期五 7版",
                "场所、不同区域火灾防范特点，开展系列宣传。",
                "张卓 摄",
            ]
        ),
        encoding="utf-8",
    )
    doc = process(path)
    (art,) = doc.articles
    assert art.title == "习惯安全 人人消防"
    assert [b.text for b in art.blocks] == ["鄂尔多斯市消防救援支队立足实际，准确把握不同场所、不同区域火灾防范特点，开展系列宣传。"]
    assert art.captions == ["实训基地启动仪式。", "张卓 摄"]
    assert doc.furniture == ["2024年3月22日 星期五 7版"]
    assert doc.issue.date == "2024-03-22"


def _indented_article(tmp_path, lines: list[str]):  # type: ignore[no-untyped-def]
    """The one article of a plain-text page: a title, an opening paragraph, then `lines`."""
    from courtdoc.pipeline import process

    path = tmp_path / "indented.txt"
    opening = ["服务保障高质量发展", "\u3000\u3000自治区高院牢牢把握党中央赋予内蒙古的战略定位，", "服务保障自治区走好高质量发展新路子。"]
    path.write_text("\n".join([*opening, *lines]), encoding="utf-8")
    (art,) = process(path).articles
    return art


OPENING = "自治区高院牢牢把握党中央赋予内蒙古的战略定位，服务保障自治区走好高质量发展新路子。"


def test_text_path_printed_indents_mark_paragraphs(tmp_path) -> None:
    art = _indented_article(
        tmp_path,
        [
            "\u3000\u3000一是抓好科学管理",  # a run-in item without a closing mark
            "\u3000\u3000二是树立问题意识，切实提升审判质效。全面检视审判",
            "执行质效指标，开展深度数据“体检”。",
            "\u3000\u3000三是突出效果导向。",
        ],
    )
    assert art.title == "服务保障高质量发展"
    assert [b.text for b in art.blocks] == [
        OPENING,
        "一是抓好科学管理",
        "二是树立问题意识，切实提升审判质效。全面检视审判执行质效指标，开展深度数据“体检”。",
        "三是突出效果导向。",
    ]


def test_text_path_printed_indent_keeps_a_paragraph_without_closing_mark_apart(tmp_path) -> None:
    # Text alone takes 坚持依法、公正、高效 for a sentence cut short; the printed indent of the
    # next line says a paragraph opens there, and segmentation keeps the source's break.
    art = _indented_article(
        tmp_path,
        ["\u3000\u3000坚持依法、公正、高效，服务保障大局", "\u3000\u3000二是树立问题意识，切实提升审判质效。", "\u3000\u3000三是突出效果导向。"],
    )
    assert [b.text for b in art.blocks] == [
        OPENING,
        "坚持依法、公正、高效，服务保障大局",
        "二是树立问题意识，切实提升审判质效。",
        "三是突出效果导向。",
    ]


def test_an_unfinished_paragraph_goes_on_past_an_interruption_unless_the_next_opens_one() -> None:
    blocks = [
        blk("title", "标题"),
        blk("paragraph", "法院将认真研究吸纳，"),
        blk("caption", "座谈会现场。"),
        blk("paragraph", "转化为具体举措，坚持依法、公正、高效"),  # cut by the caption: runs on
        Block("paragraph", [Line("会上，与会人员畅所欲言。")], opens_paragraph=True),  # set in: a paragraph of its own
    ]
    texts = [b.text for b in segment(blocks, ON).articles[0].blocks]
    assert texts == ["法院将认真研究吸纳，转化为具体举措，坚持依法、公正、高效", "会上，与会人员畅所欲言。"]


def test_an_editors_note_ends_at_its_signature() -> None:
    # The signature carries no closing mark, so the note reads like a sentence cut at a column end.
    blocks = [
        blk("title", "标题"),
        blk("paragraph", "本版今日刊发一组来稿，以飨读者。——编者"),
        blk("paragraph", "今年以来，该院坚持能动司法。"),
    ]
    texts = [b.text for b in segment(blocks, ON).articles[0].blocks]
    assert texts == ["本版今日刊发一组来稿，以飨读者。——编者", "今年以来，该院坚持能动司法。"]


def test_a_paragraph_cut_after_its_indented_first_line_goes_on_past_the_column_end() -> None:
    # Cut before any comma, its text alone reads like a heading-like line; its printed indent says
    # it is a paragraph, and the flush text after the column end runs on from it.
    blocks = [
        blk("title", "标题"),
        Block("paragraph", [Line("该院始终将执行")], opens_paragraph=True),
        blk("paragraph", "工作当做“一把手”工程抓，亲力亲为。"),
        blk("paragraph", "领航定向 驾驭发展全局"),  # no indent, no comma: a heading-like line, left apart
        blk("paragraph", "覆盖率预计达到80.3%。"),
    ]
    texts = [b.text for b in segment(blocks, ON).articles[0].blocks]
    assert texts == ["该院始终将执行工作当做“一把手”工程抓，亲力亲为。", "领航定向 驾驭发展全局", "覆盖率预计达到80.3%。"]
