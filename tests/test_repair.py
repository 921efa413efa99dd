"""Repair functions shared by every path: wraps, dedupe, normalisation."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from courtdoc.repair.dedupe import dedupe, is_fake_bold, split_captions
from courtdoc.repair.normalize import fullwidth_punct, normalize, to_simplified
from courtdoc.repair.wraps import (
    Column,
    blank_lines_meaningful,
    display_width,
    join_lines,
    measure_column,
    paragraph_ends,
)
from courtdoc.rules.punctuation import ends_sentence
from courtdoc.settings import Settings

SEED0 = "000_dc487b75dec15628.txt"


def _seed_lines(shared_dir: Path, name: str) -> list[str]:
    return (shared_dir / "seeds" / name).read_text(encoding="utf-8").split("\n")


# --- wraps ----------------------------------------------------------------------------


def test_display_width_counts_half_width_digits_and_latin_as_half() -> None:
    assert display_width("审执结") == 6
    assert display_width("3226件") == 6
    assert display_width("97.79%，") == 8
    assert display_width("“五大任务”") == 12


def test_mixed_width_line_is_full_in_the_seed_column(shared_dir: Path) -> None:
    lines = [t.strip() for t in _seed_lines(shared_dir, SEED0) if t.strip()]
    column = measure_column([display_width(t) for t in lines if "，" in t or "。" in t])
    assert column.full is not None and 36 <= column.full <= 44
    mixed = "3299件，审执结3226件，综合结案率为97.79%，"
    assert mixed in lines
    assert len(mixed) > column.full / 2 + 4  # by characters it would look far too long ...
    assert not column.is_short(display_width(mixed))  # ... by display width it is a full line
    # and a sentence ending on such a full line does not end the paragraph
    assert not paragraph_ends(mixed[:-1] + "。", "法官人均结案215件，平均审理天数27.7天，同", column)
    assert paragraph_ends("持续向好，服务发展更加有力。", "2023年，额尔古纳市法院共受理各类案件", column)


def test_stripped_first_line_indent_marks_a_paragraph_after_a_full_line() -> None:
    column = Column(40.0, indented=True)
    full_end = "式裁判文书，让公正和效率“显而易见”。"  # 38 cells: full, yet the paragraph ends
    assert not column.is_short(display_width(full_end))
    assert paragraph_ends(full_end, "同频共振，推动构建基层社会治理新格", column)  # 34 cells: indented start
    assert not paragraph_ends(full_end, "院联动，与额尔古纳市自然资源局、税务局联", column)
    # a narrow line that itself ends a sentence opens a paragraph only if a full line follows it
    opener = "围绕“最高效率”，深化联动严抓共管。"
    assert paragraph_ends(full_end, opener, column, after="赤峰市两级法院普遍建立快审快执团队，深化")
    assert not paragraph_ends(full_end, opener, column, after="围绕“最亮形象”，优化队伍提升素质")
    # without evidence that this column narrows first lines, a narrow line is no paragraph start
    assert not paragraph_ends(full_end, "同频共振，推动构建基层社会治理新格", Column(40.0))


def test_indent_evidence_is_read_from_the_seed(shared_dir: Path) -> None:
    lines = [t.strip() for t in _seed_lines(shared_dir, SEED0) if t.strip()]
    column = measure_column([display_width(t) for t in lines if "，" in t or "。" in t])
    assert column.with_indent_evidence(lines).indented


def test_unwrapped_text_has_no_column_and_every_sentence_end_ends_a_paragraph(shared_dir: Path) -> None:
    lines = [t.strip() for t in _seed_lines(shared_dir, "002_b0665593f832c07b.txt") if t.strip()]
    column = measure_column([display_width(t) for t in lines if "," in t])
    assert column.full is None
    assert paragraph_ends("会议要求,一要在凝心铸魂上下功夫。", "下一行", column)
    assert not paragraph_ends("与会的法院领导及部", "门负责人认真聆听发言", column)


def test_join_lines_is_cjk_aware() -> None:
    assert join_lines(["围绕优化法治化营商环境,深入开展专", "项行动,推出硬核举措"]) == (
        "围绕优化法治化营商环境,深入开展专项行动,推出硬核举措"
    )
    assert join_lines(["2023年，额尔古纳市法院共受理各类案件", "3299件，审执结3226件，"]) == (
        "2023年，额尔古纳市法院共受理各类案件3299件，审执结3226件，"
    )
    assert join_lines(["the court's judg-", "ment was final"]) == "the court's judgment was final"
    assert join_lines(["contact nmgfyzk@126.com or", "call 12368"]) == "contact nmgfyzk@126.com or call 12368"
    assert join_lines(["深入开展“走农户 进牧户 访商户”推进", "市域社会治理"]) == "深入开展“走农户 进牧户 访商户”推进市域社会治理"
    # a letter alone in Chinese text and the number the line broke off after it are one symbol; a word keeps its space
    assert join_lines(["广义货币（M", "2", "）余额"]) == "广义货币（M2）余额"
    assert join_lines(["发布华为Mate", "60手机"]) == "发布华为Mate 60手机"


def test_blank_lines_are_evidence_only_where_used_consistently(shared_dir: Path) -> None:
    def flags(lines: list[str]) -> tuple[list[bool], list[bool]]:
        items = [(n, t.strip()) for n, t in enumerate(lines) if t.strip()]
        ends = [ends_sentence(t) for _, t in items]
        blank_after = [k + 1 < len(items) and items[k + 1][0] > n + 1 for k, (n, _) in enumerate(items)]
        return ends, blank_after

    for seed in (SEED0, "001_2ad9ec113a39b423.txt", "004_342218e65a55f33e.txt"):
        assert not blank_lines_meaningful(*flags(_seed_lines(shared_dir, seed)))
    consistent = ["第一段第一行，", "第一段结束。", "", "第二段第一行，", "第二段还有一行，", "第二段结束。", "", "第三段。"]
    assert blank_lines_meaningful(*flags(consistent))


# --- dedupe ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doubled", "clean"),
    [
        ("实训基地启动仪式实训基地启动仪式。。", "实训基地启动仪式。"),
        ("优化营商环境专题会议优化营商环境专题会议。。", "优化营商环境专题会议。"),
        ("实实训训基基地地", "实训基地"),
        ("实训基地启动仪式实训基地启动仪式", "实训基地启动仪式"),
        ("甲乙丙丁甲乙丙丁甲乙丙丁甲乙丙丁", "甲乙丙丁"),  # drawn four times
        ("赤赤峰峰讯讯 6月25日，赤峰市中级人民法院", "赤峰讯 6月25日，赤峰市中级人民法院"),
        ("抓抓实实审审判判管管理理，，严把案件质量关口。", "抓实审判管理，严把案件质量关口。"),
    ],
)
def test_fake_bold_is_undone(doubled: str, clean: str) -> None:
    assert is_fake_bold(doubled)
    assert dedupe(doubled) == clean
    assert dedupe(clean) == clean


@pytest.mark.parametrize(
    "legit",
    [
        "谢谢",
        "他常常说谢谢，请看看。",
        "2011年年度报告",
        "高高兴兴",
        "认认真真、清清楚楚",
        "他天天高高兴兴地上学",
        "大家说说笑笑打打闹闹地走了",
        "加油！加油！",
        "哈哈哈哈哈哈",
        "好的好的……",
        "12341234",
        "讨论讨论",
        "一次又一次",
        "重要的事情说三遍：重要的事情说三遍。",
    ],
)
def test_legitimate_repeats_stay(legit: str) -> None:
    assert not is_fake_bold(legit)
    assert dedupe(legit) == legit


def test_two_captions_on_one_line_are_split() -> None:
    line = "实训基地启动仪式实训基地启动仪式。。 同台竞技增强本领同台竞技增强本领。。"
    assert split_captions(dedupe(line)) == ["实训基地启动仪式。", "同台竞技增强本领。"]
    assert split_captions("鄂尔多斯市消防救援支队开展宣传。") == ["鄂尔多斯市消防救援支队开展宣传。"]


def test_seed_bodies_survive_dedupe_unchanged(shared_dir: Path) -> None:
    for gold_path in sorted((shared_dir / "golden" / "seeds").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for article in gold["articles"]:
            for block in article["blocks"]:
                assert dedupe(block["text"]) == block["text"], (gold_path.name, block["text"][:30])


# --- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("6月25日,赤峰市中级人民法院", "6月25日，赤峰市中级人民法院"),
        ("(赤峰市中级人民法院供稿)", "（赤峰市中级人民法院供稿）"),
        ("如何发挥党建引领优势为业务赋能?锡林郭勒", "如何发挥党建引领优势为业务赋能？锡林郭勒"),
        ("注意安全,出发!”随着", "注意安全，出发！”随着"),
        ("会议要求;一是", "会议要求；一是"),
        ("提高到100%,推行", "提高到100%，推行"),
        ("综合结案率为97.79%，", "综合结案率为97.79%，"),
        ("拨打12368热线", "拨打12368热线"),
        ("邮箱: nmgfyzk@126.com 电话: (0471) 4687539", "邮箱: nmgfyzk@126.com 电话: (0471) 4687539"),
        ("设计(2019—2023)》", "设计(2019—2023)》"),
        ("共计1,000元", "共计1,000元"),
        ("Hello, world!", "Hello, world!"),
        # Nested: the inner pair turns full-width, then the pair around it (found by
        # test_repair_is_idempotent as ['(', '(“', ')', ')']).
        ("((“))", "（（“））"),
        ("(见(附件)说明)", "（见（附件）说明）"),
        ("((a) b)", "((a) b)"),
    ],
)
def test_fullwidth_punctuation_only_in_chinese_context(raw: str, want: str) -> None:
    assert fullwidth_punct(raw) == want


def test_seed_paragraphs_survive_a_round_trip_through_traditional(shared_dir: Path) -> None:
    s2t = opencc.OpenCC("s2t")
    gold = json.loads((shared_dir / "golden" / "seeds" / "000_dc487b75dec15628.gold.json").read_text(encoding="utf-8"))
    paragraphs = [b["text"] for a in gold["articles"] for b in a["blocks"]]
    for text in paragraphs:
        trad = s2t.convert(text)
        assert trad != text or len(text) < 10
        assert to_simplified(trad) == text


def test_t2s_converts_characters_without_rewriting_vocabulary() -> None:
    assert to_simplified("內蒙古自治區高級人民法院審執結") == "内蒙古自治区高级人民法院审执结"
    assert to_simplified("軟體") == "软体"  # characters only: not the mainland word 软件


def test_each_normalisation_can_be_switched_off() -> None:
    raw = "審執結3226件,同比上升"
    assert normalize(raw, Settings()) == "审执结3226件，同比上升"
    assert normalize(raw, Settings(t2s=False)) == "審執結3226件，同比上升"
    assert normalize(raw, Settings(fullwidth_punct=False)) == "审执结3226件,同比上升"
    assert normalize(raw, Settings(t2s=False, fullwidth_punct=False)) == raw


def test_t2s_reaches_a_fixed_point() -> None:
    # OpenCC maps 薴 to 苧, which it maps again to 苎: cleaned text must not change when cleaned again.
    assert to_simplified("薴") == to_simplified(to_simplified("薴")) == "苎"
