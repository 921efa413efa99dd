"""The conventions the zhengfa style brought in (it was the sealed style until 2026-12-02, when its file was
opened during layout work; it is an own style now, so its conventions may be read): bylines line by line at
the head of the body, captions white on a band over the picture, headings on black bars, narrow gutters.

Every other style leaves them off; then two typeset pages of zhengfa read back with pdfplumber: they
print their gold, each byline stands line by line (a `□` a role) at the head of the body and not under
the headline, captions stand white on a dark band over the picture's foot, section headings are white
on black bars across their column, and the gutters are 7-9 pt wide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

from bench.generate import generate_styles, style_page_names
from bench.peers import converts_to_simplified
from bench.styles import STYLES, HouseStyle, own_typst_styles
from bench.verify import DEDUPE, squash, text_in, verify_page

ZHENGFA = STYLES["zhengfa"]
SEED = 3
# A role a byline line starts with, at the byline's start or after a space.
ROLE = re.compile(r"(?:^|\s)(?:本报)?(?:特约)?(?:通讯员|记者|实习生)")


def test_zhengfa_is_an_own_style_set_by_typst_only():
    assert ZHENGFA.generator == "typst" and ZHENGFA in own_typst_styles()
    # Typst only: no classic-generator pages of it.
    assert not [n for n, _ in style_page_names([ZHENGFA.name], 1, classic_pages=2) if ".classic" in n]
    assert converts_to_simplified(f"{ZHENGFA.name}-p001")


def test_its_own_conventions_are_off_in_every_other_style():
    default = HouseStyle(name="t", generator="typst", description="")
    assert ZHENGFA.byline_lines and ZHENGFA.caption_over and ZHENGFA.heading_form == "bar"
    assert max(ZHENGFA.gutter) < min(default.gutter)
    for style in STYLES.values():
        if style is not ZHENGFA:
            assert not style.byline_lines and not style.caption_over, style.name
            assert style.heading_form != "bar" and min(style.gutter) > max(ZHENGFA.gutter), style.name


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("zhengfa")
    generate_styles(out, [ZHENGFA.name], 2, SEED, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def _read(page: Path) -> tuple[dict, dict]:
    gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
    regions = {r["id"]: r for r in json.loads((page / "layout.json").read_text(encoding="utf-8"))["articles"]}
    return gold, regions


def _white(obj: dict) -> bool:
    colour = obj["non_stroking_color"]
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    return all(v is not None and v > 0.99 for v in values)


def _grey(obj: dict) -> float | None:
    colour = obj["non_stroking_color"]
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    return float(values[0]) if len(values) == 1 and values[0] is not None else None


def _inside(c: dict, box, pad: float = 1.0) -> bool:
    cx = (c["x0"] + c["x1"]) / 2
    return box[0] - pad <= cx <= box[2] + pad and box[1] - pad <= c["top"] and c["bottom"] <= box[3] + pad


@pytest.mark.slow
def test_zhengfa_pages_print_their_gold(pages):
    for page in pages:
        assert verify_page(page) == [], page.name
        gold, _ = _read(page)
        assert gold["source"]["style"] == ZHENGFA.name
        assert all("□" not in (a["byline"] or "") for a in gold["articles"])


@pytest.mark.slow
def test_byline_stands_line_by_line_at_the_head_of_the_body(pages):
    """Under the headline no byline; the body's first box starts with it, a `□` line a role, flush left in Kai."""
    found = split = 0
    for page in pages:
        gold, regions = _read(page)
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            for a in (a for a in gold["articles"] if a["byline"]):
                r = regions[a["id"]]
                assert squash(a["byline"]) not in text_in(pg, r["headline"]), a["id"]
                first = r["flow"][0]
                box = [c for c in pg.chars if _inside(c, first, 4) and c["text"].strip()]
                marks = sorted((c for c in box if c["text"] == "□"), key=lambda c: c["top"])
                roles = max(1, len(ROLE.findall(a["byline"])))
                assert len(marks) == roles, (a["id"], a["byline"])
                assert all(abs(m["x0"] - first[0]) < 1.5 for m in marks)
                # The lines, read top down, are the byline; the body's text (in another face) comes after them.
                body_top = min(c["top"] for c in box if "Ming" in c["fontname"] or "Bold" in c["fontname"])
                lines = [c for c in box if c["bottom"] <= body_top + 0.5]
                # In drawing order: a `●` from a fallback face stands a little higher than its line.
                text = "".join(c["text"] for c in lines)
                assert text.replace("□", "") == squash(a["byline"]), (a["id"], text)
                assert all("Kai" in c["fontname"] for c in lines if c["text"] not in "□●"), a["id"]
                found += 1
                split += roles > 1
    assert found and split


@pytest.mark.slow
def test_captions_stand_white_on_a_band_over_the_picture(pages):
    found = 0
    for page in pages:
        gold, regions = _read(page)
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            bands = [r for r in pg.rects if r["fill"] and _grey(r) is not None and 0.05 < _grey(r) < 0.5]
            for a in (a for a in gold["articles"] if a["captions"]):
                box = regions[a["id"]]["photo"]
                pictures = [i for i in pg.images if _inside(i, box)]
                assert len(pictures) == 1, a["id"]  # one picture, no group of two
                pic = pictures[0]
                caps = [c for c in pg.chars if _inside(c, box) and c["text"].strip()]
                assert squash("".join(c["text"] for c in caps)) == squash("".join(a["captions"])), a["id"]
                assert all(_white(c) and _inside(c, (pic["x0"], pic["top"], pic["x1"], pic["bottom"]), 0.5) for c in caps), a["id"]
                band = [b for b in bands if abs(b["x0"] - pic["x0"]) < 1 and abs(b["x1"] - pic["x1"]) < 1 and abs(b["bottom"] - pic["bottom"]) < 1]
                assert len(band) == 1 and all(band[0]["top"] <= c["top"] for c in caps), a["id"]
                # The picture shows above the band.
                assert band[0]["top"] - pic["top"] >= 29, a["id"]
                found += 1
    assert found


@pytest.mark.slow
def test_headings_stand_white_on_black_bars_across_the_column(pages):
    found = 0
    for page in pages:
        gold, regions = _read(page)
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            bars = [r for r in pg.rects if r["fill"] and _grey(r) == 0.0]
            for a in gold["articles"]:
                flow = regions[a["id"]]["flow"]
                white = [c for c in pg.chars if _white(c) and c["text"].strip() and any(_inside(c, b, 4) for b in flow)]
                heads = [b["text"] for b in a["blocks"] if b["type"] == "heading"]
                assert squash("".join(c["text"] for c in white)) == squash("".join(heads)), a["id"]
                assert all("Bold" in c["fontname"] for c in white), a["id"]
                for c in white:
                    column = next(b for b in flow if _inside(c, b, 4))
                    bar = [r for r in bars if r["x0"] - 0.5 <= c["x0"] and c["x1"] <= r["x1"] + 0.5 and r["top"] <= c["top"] and c["bottom"] <= r["bottom"]]
                    assert bar and abs(bar[0]["x0"] - column[0]) < 1 and abs(bar[0]["x1"] - column[2]) < 1, (a["id"], c["text"])
                found += len(heads)
    assert found


@pytest.mark.slow
def test_narrow_gutters_between_many_columns(pages):
    gaps = []
    for page in pages:
        _, regions = _read(page)
        for r in regions.values():
            boxes = sorted((b for b in r["flow"] if abs(b[1] - r["flow"][0][1]) < 1), key=lambda b: b[0])
            gaps += [right[0] - left[2] for left, right in zip(boxes, boxes[1:])]
        widths = {round(b[2] - b[0]) for r in regions.values() for b in r["flow"]}
        gold, _ = _read(page)
        # Six or seven columns across the measure: a column a sixth of the page wide at most.
        assert max(widths) < gold["pages"][0]["width"] / 6, (page.name, widths)
    assert gaps and all(min(ZHENGFA.gutter) - 0.1 <= g <= max(ZHENGFA.gutter) + 0.1 for g in gaps), gaps
