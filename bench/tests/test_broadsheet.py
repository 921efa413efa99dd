"""The Typst page source: every house style prints exactly its gold, in all four forms.

One page per Typst style from the seed articles (no rmrb extraction); the text
checks read the PDF with pdfplumber (bench.verify), never with courtdoc.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest

from bench.broadsheet import BYLINE_MARK, LABEL_GAP, in_script
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


def _without_body_quotes(body: str, gold: dict) -> str:
    """A printed body without the pull quotes set inside it: each repeats a sentence printed before it."""
    for note in gold["notes"]:
        q = squash(note["text"])
        if note["type"] == "pull-quote" and body.count(q) == 2:
            i = body.rindex(q)
            body = body[:i] + body[i + len(q) :]
    return body


def test_gold_fields_are_what_the_page_prints(pages):
    """Each gold field is in the text printed where it belongs; dateline forms follow the style."""
    for style, page in pages.items():
        regions = {r["id"]: r for r in _layout(page)["articles"]}
        gold = _gold(page)
        for a in gold["articles"]:
            printed = regions[a["id"]]["printed"]
            head, body = squash(printed["headline"]), _without_body_quotes(squash(printed["body"]), gold)
            assert squash(a["title"]) in head
            for f in ("kicker", "subtitle"):
                assert a[f] is None or squash(a[f]) in head
            # A byline set line by line prints a mark before each line (not part of the gold byline).
            assert a["byline"] is None or squash(a["byline"]) in head + body.replace(BYLINE_MARK, "")
            assert squash("".join(b["text"] for b in a["blocks"])) in body
            assert squash("".join(a["captions"])) == squash(printed["photo"])
            if a["dateline"]:
                lead = "【" + a["dateline"] + "】" if STYLES[style].dateline_form == "bracket" else a["dateline"]
                # After the byline where the style sets it at the head of the body.
                opening = body.replace(BYLINE_MARK, "").removeprefix(squash(a["byline"] or ""))
                assert opening.startswith(squash(lead)), (style, a["id"])


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


def _grey(colour) -> float | None:
    """A fill colour's grey level (pdfplumber gives a number or a tuple of one), None for a colour."""
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    return float(values[0]) if len(values) == 1 and values[0] is not None else None


@pytest.fixture(scope="module")
def jiancha(tmp_path_factory) -> list[Path]:
    """Pages of the jiancha style with each of its own conventions drawn wherever an article can take it."""
    out = tmp_path_factory.mktemp("jiancha")
    every = dataclasses.replace(STYLES["jiancha"], shade_rate=1.0, body_quote_rate=1.0, jump_line_rate=1.0, label_rate=1.0, photo_rate=1.0, continued_rate=0.5)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(STYLES, "jiancha", every)
        generate_styles(out, ["jiancha"], 2, SEED, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def test_jiancha_conventions(jiancha):
    """Its own conventions, read from the PDF: short items on a tinted ground, 栏目 logos stacked beside the
    headline, captions beside the photo, pull quotes set large inside the body, `（下转第N版）` and `（上接第N版）` lines."""
    seen = {"shaded": 0, "logo": 0, "beside": 0, "quote": 0, "jump": 0, "continued": 0}
    for page in jiancha:
        assert verify_page(page) == []
        gold, regions = _gold(page), {r["id"]: r for r in _layout(page)["articles"]}
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            chars, images = pg.chars, pg.images
            tinted = [r for r in pg.rects if r["fill"] and _grey(r["non_stroking_color"]) is not None and 0.05 < _grey(r["non_stroking_color"]) < 0.95]
        boxes = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in tinted]
        # A shaded item: its tinted ground is the article's box; the other tinted boxes are logos.
        shaded = [b for b in boxes if any(all(abs(u - v) < 1 for u, v in zip(a["bbox"], b)) for a in gold["articles"])]
        logos = [b for b in boxes if b not in shaded]
        seen["shaded"] += len(shaded)
        # A logo: the label's characters stacked over more than one line, left of a headline and level with it.
        labels = []
        for b in logos:
            own = [c for c in chars if b[0] <= c["x0"] and c["x1"] <= b[2] and b[1] <= c["top"] and c["bottom"] <= b[3]]
            labels.append("".join(c["text"] for c in own))
            assert len({round(c["top"]) for c in own}) >= 2, labels[-1]
            assert any(abs(r["headline"][0] - b[2] - LABEL_GAP) < 1 and r["headline"][1] <= b[1] + 1 for r in regions.values()), labels[-1]
        assert sorted(labels) == sorted(n["text"] for n in gold["notes"] if n["type"] == "column-label")
        seen["logo"] += len(labels)
        for a in gold["articles"]:
            r = regions[a["id"]]
            body = squash(r["printed"]["body"])
            # Captions beside the photo: right of the picture, ending level with its foot.
            if r["photo"]:
                pic = next(i for i in images if r["photo"][0] - 1 <= i["x0"] and i["x1"] <= r["photo"][2] + 1 and r["photo"][1] - 1 <= i["top"] <= r["photo"][3])
                caps = [c for c in chars if pic["x1"] < c["x0"] <= r["photo"][2] and r["photo"][1] <= c["top"] <= r["photo"][3] + 1]
                assert squash("".join(c["text"] for c in caps)) == squash("".join(a["captions"])), a["id"]
                assert abs(max(c["bottom"] for c in caps) - pic["bottom"]) < 3, a["id"]
                seen["beside"] += 1
            # A continued article ends with its jump line (furniture, not body) and signs off elsewhere.
            jump = re.search(r"（下转第(\d+)版）$", body)
            if jump:
                assert jump.group() in gold["furniture"] and int(jump.group(1)) > gold["source"]["page"] and a["attribution"] is None
                seen["jump"] += 1
            # A continued article: under its title alone, a line naming the page it began on, then its text.
            continued = re.match(r"（上接第(\d+)版）", body)
            if continued:
                assert continued.group() in gold["furniture"] and int(continued.group(1)) < gold["source"]["page"]
                assert a["dateline"] is a["byline"] is a["kicker"] is None and a["blocks"][0]["type"] == "paragraph"
                assert body[continued.end() :].startswith(squash(a["blocks"][0]["text"])), a["id"]
                seen["continued"] += 1
        # A pull quote: a sentence of a body printed a second time, larger, in the same body; the gold has it once.
        for note in (n for n in gold["notes"] if n["type"] == "pull-quote"):
            q = squash(note["text"])
            owner = [a for a in gold["articles"] if squash(regions[a["id"]]["printed"]["body"]).count(q) == 2]
            if not owner:
                continue  # the page's quote under the masthead
            assert squash("".join(b["text"] for b in owner[0]["blocks"])).count(q) == 1
            flow = regions[owner[0]["id"]]["flow"]
            # Characters by their centre, as bench.verify reads a box (a line-end `。` may hang past the column).
            inside = [c for c in chars if any(b[0] <= (c["x0"] + c["x1"]) / 2 <= b[2] and b[1] - 1 <= c["top"] <= b[3] for b in flow)]
            size = Counter(round(c["size"], 1) for c in inside).most_common(1)[0][0]
            assert squash("".join(c["text"] for c in inside if c["size"] > size + 1)) == q, note
            seen["quote"] += 1
    assert all(seen.values()), seen
