"""The generator parameters only the sealed style turns on. Layout work does not open this file:
like bench/sealed_style.py it names the sealed style's conventions.

Every other style leaves them off; headings are numbered as the style prints them; then two typeset
pages of the sealed style read back with pdfplumber: they print their gold, every headline block
stands between a heavy rule over it and a thin rule under it (the byline under that), editor's notes
stand between the headline and the body with a bold label and Kai text between two rules, and the
section headings are numbered and centred in their column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from bench.broadsheet import EDITOR_NOTE_LABEL, EDITOR_NOTE_RULE, HEADLINE_RULES, house_article
from bench.corpus import CorpusArticle
from bench.generate import generate_styles, style_page_names
from bench.peers import converts_to_simplified
from bench.sealed_style import SEALED
from bench.styles import STYLES, HouseStyle, drawn_styles, sealed_style
from bench.verify import DEDUPE, squash, verify_page

SEALED_STYLE = STYLES[sealed_style()]
SEED = 3
NUMBERS = "一二三四五六七八九十"


def test_sealed_style_is_the_one_its_file_defines():
    assert SEALED_STYLE == HouseStyle(**SEALED) and SEALED_STYLE.generator == "typst"
    # Typst only: no classic-generator pages of it.
    assert not [n for n, _ in style_page_names([SEALED_STYLE.name], 1, classic_pages=2) if ".classic" in n]
    assert converts_to_simplified(f"{SEALED_STYLE.name}-p001")


def test_its_own_conventions_are_off_in_every_other_style():
    assert SEALED_STYLE.headline_rules and SEALED_STYLE.editor_note_rate > 0 and SEALED_STYLE.heading_form == "numbered-centre"
    others = [s for s in STYLES.values() if s is not SEALED_STYLE] + drawn_styles(SEED, 20)
    for style in others:
        assert not style.headline_rules and style.editor_note_rate == 0, style.name
        assert style.heading_form != "numbered-centre", style.name


def _article(headings: list[str]) -> CorpusArticle:
    blocks = [("paragraph", "开头一段。")] + [b for h in headings for b in (("heading", h), ("paragraph", "正文内容。"))]
    return CorpusArticle(source="test", title="标题", blocks=blocks, byline="本报记者 张三")


def test_headings_numbered_unless_they_carry_a_number():
    numbered = house_article(SEALED_STYLE, _article(["坚持服务大局", "深化诉源治理"]))
    assert [t for k, t in numbered.blocks if k == "heading"] == ["一、坚持服务大局", "二、深化诉源治理"]
    own = house_article(SEALED_STYLE, _article(["（一）坚持服务大局", "深化诉源治理"]))
    assert [t for k, t in own.blocks if k == "heading"] == ["（一）坚持服务大局", "深化诉源治理"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("sealed")
    generate_styles(out, [SEALED_STYLE.name], 2, SEED, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def _read(page: Path) -> tuple[dict, dict]:
    gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
    regions = {r["id"]: r for r in json.loads((page / "layout.json").read_text(encoding="utf-8"))["articles"]}
    return gold, regions


def _rules(pg, width: float) -> list[dict]:
    """Horizontal rules of about `width` pt stroke (Typst's `line`: a pdfplumber line, or a thin rect)."""
    out = [ln for ln in pg.lines if abs(ln["top"] - ln["bottom"]) < 0.1 and abs(ln["linewidth"] - width) < 0.05]
    return out + [r for r in pg.rects if abs((r["bottom"] - r["top"]) - width) < 0.05 and r["x1"] - r["x0"] > 20]


def _chars_in(pg, box, pad: float = 0.5) -> list[dict]:
    x0, top, x1, bottom = box
    return [c for c in pg.chars if c["text"].strip() and x0 - pad <= (c["x0"] + c["x1"]) / 2 <= x1 + pad and top - pad <= c["top"] and c["bottom"] <= bottom + pad]


@pytest.mark.slow
def test_sealed_pages_print_their_gold(pages):
    notes = 0
    for page in pages:
        assert verify_page(page) == [], page.name
        gold, _ = _read(page)
        assert gold["source"]["style"] == SEALED_STYLE.name
        for note in (n for n in gold["notes"] if n["type"] == "editor-note"):
            assert note["text"].startswith(EDITOR_NOTE_LABEL) and note["source"] is None
            # The note is no part of any article.
            text = note["text"].removeprefix(EDITOR_NOTE_LABEL)
            assert not any(text in b["text"] for a in gold["articles"] for b in a["blocks"])
            notes += 1
    assert notes


@pytest.mark.slow
def test_headline_block_stands_between_a_heavy_rule_and_a_thin_one(pages):
    """Over the kicker (or title) a heavy rule across the headline; under the title and 副题 a thin one, the byline under it."""
    heavy, thin = HEADLINE_RULES
    found = 0
    for page in pages:
        gold, regions = _read(page)
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            overs, unders = _rules(pg, heavy), _rules(pg, thin)
            for a in gold["articles"]:
                head = regions[a["id"]]["headline"]
                chars = _chars_in(pg, head)
                heads = [c for c in chars if "Bold" in c["fontname"] or c["size"] > 12]  # kicker, title, 副题
                assert heads, a["id"]
                top = min(c["top"] for c in heads)
                bottom = max(c["bottom"] for c in heads)
                left, right = min(c["x0"] for c in heads), max(c["x1"] for c in heads)

                def across(rule: dict) -> bool:
                    return rule["x0"] <= left + 0.5 and rule["x1"] >= right - 0.5 and abs(rule["x0"] - head[0]) < 1.0

                over = [r for r in overs if across(r) and head[1] - 1 <= r["top"] <= top]
                under = [r for r in unders if across(r) and bottom <= r["top"] <= head[3] + 1]
                assert len(over) == 1 and len(under) == 1, (page.name, a["id"])
                # The byline (under the headline, not in the dateline's bracket) stands under the thin rule.
                byline = [c for c in chars if "Kai" in c["fontname"]]
                if byline:
                    assert min(c["top"] for c in byline) >= under[0]["bottom"], (page.name, a["id"])
                found += 1
    assert found


@pytest.mark.slow
def test_editor_notes_stand_between_headline_and_body(pages):
    """Each editor's note, in article order, is the text between an article's headline and its photo or body:
    the label in bold Hei, the rest in Kai, a thin rule over and under it across the article's columns."""
    found = 0
    for page in pages:
        gold, regions = _read(page)
        want = [n["text"] for n in gold["notes"] if n["type"] == "editor-note"]
        got = []
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            rules = _rules(pg, EDITOR_NOTE_RULE)
            for a in gold["articles"]:
                r = regions[a["id"]]
                below = min([b[1] for b in r["flow"]] + ([r["photo"][1]] if r["photo"] else []))
                between = (r["bbox"][0], r["headline"][3] + 0.5, r["bbox"][2], below - 0.5)
                chars = _chars_in(pg, between, pad=0)
                if not chars:
                    continue
                text = squash("".join(c["text"] for c in chars))
                got.append(text)
                label = len(squash(EDITOR_NOTE_LABEL))
                assert all("Bold" in c["fontname"] for c in chars[:label]), a["id"]
                assert all("Kai" in c["fontname"] for c in chars[label:]), a["id"]
                top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
                width = r["flow"][-1][2] - r["flow"][0][0]
                over = [x for x in rules if x["bottom"] <= top and top - x["top"] < 12 and x["x1"] - x["x0"] >= width - 1]
                under = [x for x in rules if x["top"] >= bottom and x["top"] - bottom < 12 and x["x1"] - x["x0"] >= width - 1]
                assert over and under, (page.name, a["id"])
                found += 1
        assert got == [squash(t) for t in want], page.name
    assert found


@pytest.mark.slow
def test_headings_numbered_and_centred_in_their_column(pages):
    found = 0
    for page in pages:
        gold, regions = _read(page)
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            for a in gold["articles"]:
                heads = [b["text"] for b in a["blocks"] if b["type"] == "heading"]
                if not heads:
                    continue
                # Numbered in order, or every heading as the corpus printed it (one carries a number of its own).
                assert all(h.startswith(f"{n}、") for h, n in zip(heads, NUMBERS)) or any(h[0] in "（(一二三四五六七八九十—" for h in heads)
                # A line of a column that is all bold is a heading's line: centred in the column.
                lines = 0
                for box in regions[a["id"]]["flow"]:
                    rows: dict[int, list[dict]] = {}
                    for c in _chars_in(pg, box, pad=4):
                        rows.setdefault(round(c["top"]), []).append(c)
                    for row in rows.values():
                        if all("Bold" in c["fontname"] for c in row):
                            left, right = min(c["x0"] for c in row), max(c["x1"] for c in row)
                            # Within 4 pt: a quotation mark is set half width in a full-width glyph box.
                            assert abs((left + right) / 2 - (box[0] + box[2]) / 2) < 4.0, (page.name, a["id"], "".join(c["text"] for c in row))
                            lines += 1
                assert lines >= len(heads), (page.name, a["id"])
                found += len(heads)
    assert found
