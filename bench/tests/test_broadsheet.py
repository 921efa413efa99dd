"""The Typst page source: every house style prints exactly its gold, in all four forms.

One page per Typst style from the seed articles (no rmrb extraction); the text
checks read the PDF with pdfplumber (bench.verify), never with courtdoc.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest

from bench.broadsheet import in_script
from bench.generate import FORMS, generate_styles
from bench.styles import STYLES, sealed_style
from bench.verify import DEDUPE, squash, text_in, verify_page

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
        assert any(in_script(STYLES[style], "责任编辑") in f for f in gold["furniture"])


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


def test_sealed_style_is_named():
    name = sealed_style()
    assert STYLES[name].generator == "typst"
    assert f"sealed style is **{name}**" in (REPO / "bench" / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shaped(tmp_path_factory) -> list[Path]:
    """Pages of the styles that draw L-shaped and jumped articles, from the seed articles."""
    out = tmp_path_factory.mktemp("shaped")
    generate_styles(out, ["renmin", "shenpan"], 3, 1, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def _shaped_articles(pages: list[Path], shape: str) -> Iterator[tuple[Path, Callable[[list[float]], str], dict, dict]]:
    """(page, the text a box prints, gold article, layout region) of every article of `shape`; each page verified."""
    for page in pages:
        regions = [r for r in _layout(page)["articles"] if r["shape"] == shape]
        if not regions:
            continue
        assert verify_page(page) == []
        gold = {a["id"]: a for a in _gold(page)["articles"]}
        with pdfplumber.open(page / "text.pdf") as pdf:
            deduped = pdf.pages[0].dedupe_chars(**DEDUPE)

            def box_text(box: list[float]) -> str:
                return text_in(deduped, (box[0], box[1] - 1, box[2], box[3] + 1))

            for r in regions:
                yield page, box_text, gold[r["id"]], r


def test_l_shaped_article_runs_on_beside_the_next_band(shaped):
    """An L's body fills its columns under its headline, then the page's last column under its neighbour."""
    found = 0
    for page, box_text, gold, region in _shaped_articles(shaped, "l"):
        found += 1
        *own, ext = region["flow"]
        head = region["headline"]
        # Its own columns stand under its headline, side by side, equally tall.
        assert len(own) >= 2 and all(head[0] - 1 <= b[0] and b[2] <= head[2] + 1 and b[1] >= head[3] for b in own)
        assert len({round(b[1]) for b in own}) == 1 and len({round(b[3]) for b in own}) == 1
        # The last box is the last column again, below another article's headline and body.
        assert abs(ext[0] - own[-1][0]) < 1 and ext[1] > own[-1][3]
        neighbours = [r for r in _layout(page)["articles"] if r["headline"][1] > own[-1][3] and r["headline"][3] < ext[3]]
        assert neighbours and all(r["bbox"][2] < ext[0] for r in neighbours)
        # The text really is in both blocks: it starts under the headline and ends beside the next band.
        body = squash(region["printed"]["body"])
        first, last = box_text(own[0]), box_text(ext)
        assert len(first) > 20 and len(last) > 20 and body.startswith(first) and body.endswith(last)
        assert squash(gold["blocks"][-1]["text"])[-10:] in body[-len(last) - 40 :]
    assert found


def test_jumped_article_reads_above_then_below_its_photo(shaped):
    """A photo halfway down all columns but one: each of those columns has text above and below it."""
    found = 0
    for page, box_text, gold, region in _shaped_articles(shaped, "jump"):
        found += 1
        photo = region["photo"]
        under = [b for b in region["flow"] if photo[0] - 1 <= b[0] and b[2] <= photo[2] + 1]
        beside = [b for b in region["flow"] if b not in under]
        assert beside and len(under) >= 4 and len(under) % 2 == 0
        body = squash(region["printed"]["body"])
        texts = [box_text(b) for b in region["flow"]]
        assert "".join(texts) == body
        for above, below in zip(under[::2], under[1::2]):
            # Reading order: straight down the column, over the photo.
            assert above[3] <= photo[1] + 1 and below[1] >= photo[3] - 1 and abs(above[0] - below[0]) < 1
            i = region["flow"].index(above)
            assert region["flow"][i + 1] == below
        # Text above and below the photo, and gold captions from the photo box only.
        assert box_text(under[0]) and box_text(under[-1])
        assert squash("".join(gold["captions"])) == squash(region["printed"]["photo"])
    assert found


def test_classic_generator_prints_every_house_style(tmp_path):
    """bench.compose sets each Typst style's conventions too: its pages print their gold, datelines in the
    style's form, subtitles with or without ——, credits where the style puts them, and no rules in a
    whitespace style; the classic style's own pages keep their draw."""
    generate_styles(tmp_path, ["classic", *TYPST_STYLES], 0, SEED, rmrb=False, forms=("text.pdf",), classic_pages=1)
    for style in (s for s in TYPST_STYLES if STYLES[s].classic_set):
        page = tmp_path / f"{style}.classic-p001"
        st = STYLES[style]
        gold, regions = _gold(page), {r["id"]: r for r in _layout(page)["articles"]}
        assert verify_page(page) == [], style
        assert gold["source"] == {"seed": SEED, "page": 1, "style": style, "generator": "classic"}
        for a in gold["articles"]:
            printed = regions[a["id"]]["printed"]
            head, body = squash(printed["headline"]), squash(printed["body"])
            assert squash(a["title"]) in head and squash("".join(b["text"] for b in a["blocks"])) in body
            assert a["byline"] is None or squash(a["byline"]) in head + body
            assert squash("".join(a["captions"])) == squash(printed["photo"])
            if a["dateline"]:
                lead = "【" + a["dateline"] + "】" if st.dateline_form == "bracket" else a["dateline"]
                assert body.startswith(squash(lead)), (style, a["id"])
            if a["subtitle"]:
                assert a["subtitle"].startswith("——") == st.subtitle_dash, (style, a["subtitle"])
            credits = [c for c in a["captions"] if c.endswith(" 摄")]
            assert all((c == a["captions"][-1]) for c in credits) or not st.credit_own_line
        top = min(a["bbox"][1] for a in gold["articles"])
        bottom = max(a["bbox"][3] for a in gold["articles"])
        with pdfplumber.open(page / "text.pdf") as pdf:
            between = [ln for ln in pdf.pages[0].lines if top < ln["top"] < bottom]
        # The masthead's and the foot's rules stay; whitespace alone separates the articles.
        assert (not between) == (st.separator == "space"), style
    assert not any(tmp_path.glob("classic.*"))
