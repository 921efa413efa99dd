"""The conventions the fazhi style brought in (it was the sealed style until 2026-12-02; it is an own style
now, so its conventions may be read): traditional script with corner quotes, numbered section headings,
bold lead-ins, rules in every gutter inside an article, and courtdoc run with the script its gold keeps.

Fast checks of the text edits (script, heading numbers, lead-ins; every other style's corpus untouched),
then two typeset pages of fazhi read back with pdfplumber: they print their gold, the gold is in
traditional characters as printed, headings are numbered, every gutter inside an article is ruled and
the bold lead-ins are what the style chose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from bench.broadsheet import house_article, lead_in, traditional
from bench.corpus import CorpusArticle, seed_articles
from bench.generate import SHARED, generate_styles, style_page_names
from bench.peers import converts_to_simplified
from bench.styles import STYLES, HouseStyle, dateline_as_printed, own_typst_styles
from bench.verify import DEDUPE, squash, verify_page

FAZHI = STYLES["fazhi"]
SEED = 3


def test_fazhi_is_set_by_typst_only():
    assert FAZHI.generator == "typst" and FAZHI.script == "traditional"
    assert not [n for n, _ in style_page_names([FAZHI.name], 1, classic_pages=2) if ".classic" in n]


def test_other_styles_print_the_corpus_as_it_is():
    """Every other own style (the sealed one may combine any own style's conventions: bench/sealed_style.py)."""
    arts = seed_articles(SHARED)
    for style in [STYLES["classic"], *own_typst_styles()]:
        if style is not FAZHI:
            assert all(house_article(style, a) is a for a in arts), style.name


def test_traditional_script_with_corner_quotes():
    assert traditional("本报讯 记者 张三 摄：“依法‘办案’”") == "本報訊 記者 張三 攝：「依法『辦案』」"


def test_courtdoc_keeps_the_script_its_gold_prints():
    """The bench runs courtdoc with t2s off on fazhi's pages only (their gold is traditional)."""
    assert not converts_to_simplified("fazhi-p001")
    assert all(converts_to_simplified(f"{s}-p001") for s in STYLES if s != "fazhi")
    assert all(converts_to_simplified(n) for n in ("renmin-p001", "fayuan.classic-p002", "classic-p003", "rmrb", "fakebold-1"))


def _article(headings: list[str]) -> CorpusArticle:
    blocks = [("paragraph", "开头一段。")] + [b for h in headings for b in (("heading", h), ("paragraph", "正文内容。"))]
    return CorpusArticle(source="test", title="标题", blocks=blocks, byline="本报记者 张三", captions=["张三 摄"])


def test_headings_numbered_unless_they_carry_a_number():
    numbered = house_article(FAZHI, _article(["坚持服务大局", "深化诉源治理"]))
    assert [t for k, t in numbered.blocks if k == "heading"] == ["一、堅持服務大局", "二、深化訴源治理"]
    assert numbered.byline == "本報記者 張三" and numbered.captions == ["張三 攝"] and numbered.title == "標題"
    own = house_article(FAZHI, _article(["（一）坚持服务大局", "深化诉源治理"]))
    assert [t for k, t in own.blocks if k == "heading"] == ["（一）堅持服務大局", "深化訴源治理"]


def test_lead_in_is_a_short_opening_sentence_chosen_by_the_text():
    text = "坚持司法为民。全市法院今年共受理各类案件三千余件，同比下降百分之五。"
    always, never = (HouseStyle(name="t", generator="typst", description="", lead_in_rate=r) for r in (1.0, 0.0))
    assert text[: lead_in(always, text)] == "坚持司法为民。"
    assert lead_in(never, text) == 0
    assert lead_in(always, "一句话说完了。") == 0  # nothing after it: no lead-in
    assert lead_in(always, "这一句很长很长很长很长很长很长很长很长很长很长很长很长很长很长才结束。后面还有更多的文字内容。") == 0
    chosen = [lead_in(FAZHI, f"第{i}条规定明确。后面是这一段落的其余文字内容。") > 0 for i in range(200)]
    assert 0.2 < sum(chosen) / len(chosen) < 0.5 and chosen == [lead_in(FAZHI, f"第{i}条规定明确。后面是这一段落的其余文字内容。") > 0 for i in range(200)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("fazhi")
    generate_styles(out, [FAZHI.name], 2, SEED, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def _strings(gold: dict) -> list[str]:
    out = list(gold["furniture"]) + [n["text"] for n in gold["notes"]] + [gold["issue"]["paper"]]
    for a in gold["articles"]:
        out += [a[f] for f in ("kicker", "title", "subtitle", "byline", "dateline", "attribution") if a[f]]
        out += [b["text"] for b in a["blocks"]] + a["captions"]
    return out


@pytest.mark.slow
def test_fazhi_pages_print_their_gold_in_traditional_characters(pages):
    headings = 0
    for page in pages:
        assert verify_page(page) == [], page.name
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        assert gold["source"]["style"] == FAZHI.name
        strings = _strings(gold)
        assert all(traditional(s) == s and "“" not in s for s in strings)
        assert any(s.startswith("責任編輯") for s in gold["furniture"])
        for a in gold["articles"]:
            heads = [b["text"] for b in a["blocks"] if b["type"] == "heading"]
            headings += len(heads)
            # Numbered in order, or every heading as the corpus printed it (one carries a number of its own).
            assert all(h.startswith(f"{n}、") for h, n in zip(heads, "一二三四五六七八九十")) or any(h[0] in "（(一二三四五六七八九十—" for h in heads)
    assert headings


@pytest.mark.slow
def test_every_gutter_inside_an_article_is_ruled(pages):
    ruled = 0
    for page in pages:
        layout = json.loads((page / "layout.json").read_text(encoding="utf-8"))
        with pdfplumber.open(page / "text.pdf") as pdf:
            lines = [ln for ln in pdf.pages[0].lines if abs(ln["x0"] - ln["x1"]) < 0.1]
        for r in layout["articles"]:
            boxes = sorted((b for b in r["flow"] if abs(b[1] - r["flow"][0][1]) < 1), key=lambda b: b[0])
            for left, right in zip(boxes, boxes[1:]):
                mid = (left[2] + right[0]) / 2
                assert any(abs(ln["x0"] - mid) < 1 and ln["top"] <= left[1] + 1 and ln["bottom"] >= min(left[3], right[3]) - 1 for ln in lines), (page.name, r["id"])
                ruled += 1
    assert ruled


@pytest.mark.slow
def test_bold_in_the_body_is_dateline_headings_and_lead_ins(pages):
    """The bold Hei inside the body boxes is exactly the datelines, the headings and the lead-ins the style chose."""
    leads = 0
    for page in pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        regions = {r["id"]: r for r in json.loads((page / "layout.json").read_text(encoding="utf-8"))["articles"]}
        with pdfplumber.open(page / "text.pdf") as pdf:
            chars = [c for c in pdf.pages[0].dedupe_chars(**DEDUPE).chars if "Bold" in c["fontname"] and c["text"].strip()]
        for a in gold["articles"]:
            flow = regions[a["id"]]["flow"]
            bold = [c for c in chars if any(x0 - 4 <= (c["x0"] + c["x1"]) / 2 <= x1 + 4 and top - 1 <= c["top"] and c["bottom"] <= bottom + 1 for x0, top, x1, bottom in flow)]
            paragraphs = [b["text"] for b in a["blocks"] if b["type"] == "paragraph"]
            chosen = [p[: lead_in(FAZHI, p)] for i, p in enumerate(paragraphs) if not (i == 0 and a["blocks"][0]["type"] == "paragraph" and a["dateline"])]
            leads += sum(1 for c in chosen if c)
            want = (dateline_as_printed(FAZHI, a["dateline"], None) if a["dateline"] else "") + "".join(b["text"] for b in a["blocks"] if b["type"] == "heading") + "".join(chosen)
            assert len(bold) == len(squash(want)), (page.name, a["id"])
    assert leads
