"""The Typst page source: every house style prints exactly its gold, in all four forms.

One page per Typst style from the seed articles (no rmrb extraction); the text
checks read the PDF with pdfplumber (bench.verify), never with courtdoc.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from bench.generate import FORMS, generate_styles
from bench.styles import STYLES, sealed_style
from bench.verify import DEDUPE, squash, verify_page

TYPST_STYLES = sorted(n for n, s in STYLES.items() if s.generator == "typst")
SEED = 3
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("styled")
    generate_styles(out, TYPST_STYLES[:1], 1, SEED, rmrb=False, forms=FORMS)
    generate_styles(out, TYPST_STYLES[1:], 1, SEED, rmrb=False, forms=("text.pdf",))
    return {s: out / f"{s}-p001" for s in TYPST_STYLES}


def _layout(page: Path) -> dict:
    return json.loads((page / "layout.json").read_text(encoding="utf-8"))


def _gold(page: Path) -> dict:
    return json.loads((page / "gold.json").read_text(encoding="utf-8"))


def test_every_style_prints_its_gold(pages):
    for style, page in pages.items():
        assert verify_page(page) == [], style
        gold = _gold(page)
        assert len(gold["articles"]) >= 2 and gold["source"]["style"] == style
        assert any("责任编辑" in f for f in gold["furniture"])


def test_gold_fields_are_what_the_page_prints(pages):
    """Each gold field is in the text printed where it belongs; dateline forms follow the style."""
    for style, page in pages.items():
        regions = {r["id"]: r for r in _layout(page)["articles"]}
        for a in _gold(page)["articles"]:
            printed = regions[a["id"]]["printed"]
            head, body = squash(printed["headline"]), squash(printed["body"])
            assert squash(a["title"]) in head
            for f in ("kicker", "subtitle"):
                assert a[f] is None or squash(a[f]) in head
            assert a["byline"] is None or squash(a["byline"]) in head + body
            assert squash("".join(b["text"] for b in a["blocks"])) in body
            assert squash("".join(a["captions"])) == squash(printed["photo"])
            if a["dateline"]:
                lead = "【" + a["dateline"] + "】" if STYLES[style].dateline_form == "bracket" else a["dateline"]
                assert body.startswith(squash(lead)), (style, a["id"])


def test_verify_catches_a_wrong_gold(pages, tmp_path):
    page = pages[TYPST_STYLES[0]]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "text.pdf").write_bytes((page / "text.pdf").read_bytes())
    layout = _layout(page)
    layout["articles"][0]["printed"]["body"] = layout["articles"][0]["printed"]["body"][:-2]
    (bad / "layout.json").write_text(json.dumps(layout, ensure_ascii=False), encoding="utf-8")
    (bad / "gold.json").write_text((page / "gold.json").read_text(encoding="utf-8"), encoding="utf-8")
    problems = verify_page(bad)
    assert len(problems) == 1 and "p01-a01 body" in problems[0]


def test_same_seed_same_page(pages, tmp_path):
    style = TYPST_STYLES[-1]
    generate_styles(tmp_path, [style], 1, SEED, rmrb=False, forms=("text.pdf",))
    again = tmp_path / f"{style}-p001"
    assert (again / "gold.json").read_bytes() == (pages[style] / "gold.json").read_bytes()
    with pdfplumber.open(again / "text.pdf") as a, pdfplumber.open(pages[style] / "text.pdf") as b:
        assert a.pages[0].extract_text() == b.pages[0].extract_text()


def test_fake_bold_drawn_twice_with_a_small_offset(pages):
    offsets = []
    for style, page in pages.items():
        with pdfplumber.open(page / "text.pdf") as pdf:
            chars = pdf.pages[0].chars
            copies = len(chars) - len(pdf.pages[0].dedupe_chars(**DEDUPE).chars)
        # Fake-bold styles draw every headline twice; real-bold ones only some captions.
        assert copies > 20 or not STYLES[style].fake_bold, style
        by_glyph: dict[tuple, list] = {}
        for c in chars:
            by_glyph.setdefault((c["text"], round(c["size"], 1)), []).append(c)
        offsets += [
            abs(a["x0"] - b["x0"])
            for group in by_glyph.values()
            for a, b in zip(group, group[1:])
            if abs(a["top"] - b["top"]) < 1.0 and 0.2 < abs(a["x0"] - b["x0"]) < 1.3
        ]
    assert len(offsets) > 20


def test_other_forms(pages):
    page = pages[TYPST_STYLES[0]]
    gold = _gold(page)
    with pdfplumber.open(page / "garbage.pdf") as pdf:
        text = pdf.pages[0].extract_text()
        assert len(pdf.pages[0].chars) > 1000
    assert squash(gold["articles"][0]["title"]) not in squash(text)
    assert "(cid:" in text
    with pdfplumber.open(page / "scan.pdf") as pdf:
        assert len(pdf.pages[0].images) == 1 and not pdf.pages[0].chars
    assert json.loads((page / "scan.json").read_text())["dpi"] == 300


def test_sealed_style_is_drawn_and_named():
    name = sealed_style()
    assert name == sealed_style() and STYLES[name].generator == "typst"
    assert f"**{name}**" in (REPO / "bench" / "README.md").read_text(encoding="utf-8")
