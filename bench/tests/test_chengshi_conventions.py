"""The conventions the chengshi style brought in (development material, like jiancha): bylines at the
article's end in brackets, a `■` closing the other articles, a rule under every title, commentary set in
Kai, `“…”系列报道之N` series kickers, lead paragraphs set as a framed Kai deck across the columns, and
seven narrow columns.

Two pages with every convention drawn wherever an article can take it, read back from the PDF with
pdfplumber (never with courtdoc): they print their gold (bench.verify), and each convention is where the
style puts it and in the gold as bench/README.md says.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from bench.broadsheet import DECK_GROW, HEADLINE_RULE, MARGIN_X
from bench.generate import generate_styles, style_page_names
from bench.styles import STYLES, dateline_as_printed, own_typst_styles
from bench.verify import DEDUPE, squash, text_in, verify_page

CHENGSHI = STYLES["chengshi"]
SEED = 3
SERIES = re.compile(r"^“[^”]+”系列报道之[二三四五六七八]$")


def test_chengshi_is_set_by_typst_only():
    assert CHENGSHI.generator == "typst" and not CHENGSHI.classic_set
    assert not [n for n, _ in style_page_names([CHENGSHI.name], 1, classic_pages=2) if ".classic" in n]


def test_other_styles_leave_its_conventions_off():
    """Every other own style (the sealed one may combine any own style's conventions: bench/sealed_style.py)."""
    for style in own_typst_styles():
        if style is not CHENGSHI:
            off = (style.byline_end_rate, style.end_mark, style.headline_rule, style.commentary_rate, style.series_rate, style.deck_rate)
            assert off == (0.0, "", False, 0.0, 0.0, 0.0), style.name


@pytest.fixture(scope="module")
def chengshi(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("chengshi")
    every = dataclasses.replace(CHENGSHI, byline_end_rate=0.6, commentary_rate=0.5, series_rate=0.5, deck_rate=0.7)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(STYLES, "chengshi", every)
        generate_styles(out, ["chengshi"], 2, SEED, rmrb=False, forms=("text.pdf",))
    return sorted(out.iterdir())


def _family(fontname: str) -> str:
    """A PDF font name without its subset prefix (`ABCDEF+NotoSerifCJKsc-Regular`)."""
    return fontname.split("+", 1)[-1]


def test_chengshi_conventions(chengshi):
    seen = Counter()
    for page in chengshi:
        assert verify_page(page) == []
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        layout = json.loads((page / "layout.json").read_text(encoding="utf-8"))
        regions = {r["id"]: r for r in layout["articles"]}
        with pdfplumber.open(page / "text.pdf") as pdf:
            pg = pdf.pages[0].dedupe_chars(**DEDUPE)
            chars, lines, rects = pg.chars, pg.lines, pg.rects
            column_widths = []
            marks = 0
            for a in gold["articles"]:
                r = regions[a["id"]]
                head, flow = r["headline"], r["flow"]
                # A rule under the title, across the headline block: the title's glyphs stand over it.
                rule = next(ln for ln in lines if abs(ln["linewidth"] - HEADLINE_RULE) < 0.05 and head[1] < ln["top"] < head[3] and abs(ln["x0"] - head[0]) < 1)
                in_head = [c for c in chars if head[0] <= c["x0"] and c["x1"] <= head[2] + 1 and head[1] <= c["top"] and c["bottom"] <= head[3]]
                title_size = max(c["size"] for c in in_head)
                assert all(c["bottom"] <= rule["top"] + 1 for c in in_head if c["size"] > title_size - 0.5), a["id"]
                seen["rule"] += 1
                # A series instalment: its label is the kicker, printed first in the headline block.
                if a["kicker"] and SERIES.match(a["kicker"]):
                    assert text_in(pg, head).startswith(squash(a["kicker"])), a["id"]
                    seen["series"] += 1
                # A deck: the lead paragraph (dateline run in) framed across all the columns, in Kai, a little larger.
                if len(flow) > 1 and flow[0][2] - flow[0][0] > 1.5 * (flow[1][2] - flow[1][0]):
                    deck = flow[0]
                    lead = dateline_as_printed(CHENGSHI, a["dateline"], None) if a["dateline"] else ""
                    assert text_in(pg, deck) == squash(lead + a["blocks"][0]["text"]), a["id"]
                    assert any(all(abs(u - v) < 1 for u, v in zip((f["x0"], f["top"], f["x1"], f["bottom"]), deck)) for f in rects), a["id"]
                    own = [c for c in chars if deck[0] <= c["x0"] and c["x1"] <= deck[2] and deck[1] <= c["top"] and c["bottom"] <= deck[3]]
                    (font, size), _ = Counter((_family(c["fontname"]), round(c["size"], 1)) for c in own).most_common(1)[0]
                    assert "Kai" in font and size == round(layout_body_size(chars, flow[1:]) + DECK_GROW, 1), (a["id"], font, size)
                    flow = flow[1:]
                    seen["deck"] += 1
                column_widths += [b[2] - b[0] for b in flow]
                # Commentary: the body's characters in Kai instead of the body face.
                body_fonts = Counter(_family(c["fontname"]) for c in chars if any(b[0] <= (c["x0"] + c["x1"]) / 2 <= b[2] and b[1] <= c["top"] <= b[3] for b in flow))
                seen["commentary" if "Kai" in body_fonts.most_common(1)[0][0] else "body face"] += 1
                # How the article closes: its byline in brackets (not under the headline, no attribution), or the end mark.
                last = "".join(text_in(pg, (b[0], b[1] - 1, b[2], b[3] + 1)) for b in flow)
                assert all("■" not in b["text"] for b in a["blocks"])
                if a["byline"] and squash(a["byline"]) not in squash(r["printed"]["headline"]):
                    assert last.endswith(squash(f"（{a['byline']}）")) and a["attribution"] is None, a["id"]
                    assert re.search(r"记者|通讯员|实习生", a["byline"]), a["byline"]
                    seen["byline end"] += 1
                else:
                    assert last.endswith("■"), a["id"]
                    marks += 1
            assert gold["furniture"].count("■") == marks
            seen["mark"] += marks
            # Seven columns: no body column wider than a seventh of the measure less six of the narrowest gutters.
            assert max(column_widths) <= (pg.width - 2 * MARGIN_X - 6 * CHENGSHI.gutter[0]) / 7 + 0.5
    assert all(seen[k] for k in ("rule", "series", "deck", "commentary", "body face", "byline end", "mark")), seen


def layout_body_size(chars: list[dict], flow: list[list[float]]) -> float:
    """The most common glyph size in the body's column boxes."""
    inside = [c for c in chars if any(b[0] <= (c["x0"] + c["x1"]) / 2 <= b[2] and b[1] <= c["top"] <= b[3] for b in flow)]
    return Counter(round(c["size"], 1) for c in inside).most_common(1)[0][0]
