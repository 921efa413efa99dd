"""End to end on the benchmark's generated broadsheet pages: text PDF in, articles with every field out.

The two quick pages (seed 1, seed articles only) hold the traps a real 法院专刊
page has: a boxed pull quote as big as a headline, Hei datelines set against
Song body, narrow articles whose bold headline is only a little bigger than the
body with a `——` subtitle at body size, Kai captions of two photos stacked,
right-aligned (供稿) credits, fake-bold headlines and captions.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from bench.generate import generate
from courtdoc.evaluate import score_manifest, summarize
from courtdoc.pipeline import process


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 2, 1, rmrb=False, forms=("text.pdf",), workers=1)
    return sorted(p for p in out.iterdir() if (p / "gold.json").exists())


def _scores(pages: list[Path]) -> dict:
    scores = []
    for page in pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        pred = process(page / "text.pdf").to_manifest()
        scores.append(score_manifest(gold, pred, page.name))
        assert [n["type"] for n in pred["notes"]] == [n["type"] for n in gold["notes"]], page.name
    return summarize(scores)


def test_text_pdf_pages_come_out_as_the_gold_articles(pages: list[Path]) -> None:
    total = _scores(pages)
    assert total["gold_articles"] == 11
    assert total["f1"] == 1.0 and total["title_accuracy"] == 1.0
    assert total["cer"] == 0.0 and total["break_f1"] == 1.0
    assert total["doubled"] == 0 and total["leaks"] == 0
    assert total["field_accuracy"] == {f: 1.0 for f in total["field_accuracy"]}


@pytest.mark.slow
@pytest.mark.parametrize("number", [10, 13, 14, 18, 20])
def test_broadsheet_page_with_continued_columns(tmp_path: Path, number: int) -> None:
    """Benchmark pages (seed 1, 人民日报 text too) where an article runs on down a column beside
    the next one, a frame or a photo credit sits beside a gutter: every article whole."""
    generate(tmp_path, 1, 1, forms=("text.pdf",), first=number)
    total = _scores([p for p in tmp_path.iterdir() if (p / "gold.json").exists()])
    assert total["f1"] == 1.0 and total["title_accuracy"] == 1.0
    assert total["cer"] < 0.002 and total["doubled"] == 0 and total["leaks"] == 0


@pytest.fixture(scope="module")
def jiancha_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two jiancha pages with every article that can take one cut by a jump line (and, on the second
    page, articles continued from the first) and every pull quote the style can set inside a body."""
    import dataclasses

    from bench.generate import generate_styles
    from bench.styles import STYLES

    out = tmp_path_factory.mktemp("jiancha")
    every = dataclasses.replace(STYLES["jiancha"], jump_line_rate=1.0, continued_rate=0.5, body_quote_rate=1.0)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(STYLES, "jiancha", every)
        generate_styles(out, ["jiancha"], 2, 1, rmrb=False, forms=("text.pdf",))
    return sorted(p for p in out.iterdir() if (p / "gold.json").exists())


def test_jump_lines_are_page_furniture(jiancha_pages: list[Path]) -> None:
    """（下转第N版） under a cut article and （上接第N版） under a continued one's title go to the page's
    furniture, never into an article."""
    jumps = 0
    for page in jiancha_pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        pred = process(page / "text.pdf").to_manifest()
        lines = [f for f in gold["furniture"] if "转第" in f or "接第" in f]
        jumps += len(lines)
        assert sorted(f for f in pred["furniture"] if f in lines) == sorted(lines), page.name
        text = json.dumps(pred["articles"], ensure_ascii=False)
        assert not any(f in text for f in lines), page.name
    assert jumps >= 2


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_pull_quotes_inside_a_body_are_notes_and_the_text_under_them_stays_with_their_article(jiancha_pages: list[Path]) -> None:
    """A sentence of the body repeated large between two rules in its column: a pull-quote note, not the
    headline of an article taking the text under it."""
    quotes = 0
    for page in jiancha_pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        pred = process(page / "text.pdf").to_manifest()
        bodies = ["".join(b["text"] for b in a["blocks"]) for a in gold["articles"]]
        inside = [nfkc(n["text"]) for n in gold["notes"] if n["type"] == "pull-quote" and any(n["text"] in b for b in bodies)]
        quotes += len(inside)
        assert all(q in [nfkc(n["text"]) for n in pred["notes"] if n["type"] == "pull-quote"] for q in inside), page.name
        assert not any(nfkc(a["title"]) in inside for a in pred["articles"]), page.name
        score = score_manifest(gold, pred, page.name)
        assert score.f1 == 1.0 and score.titles_right == score.gold_articles, page.name
    assert quotes >= 2


@pytest.fixture(scope="module")
def fazhi_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two fazhi pages (seed 3): every gutter inside an article ruled, short headlines centred over
    four columns with the byline flush right at the article's edge, numbered headings at body size
    in bold Hei atop a column, traditional characters."""
    from bench.generate import generate_styles

    out = tmp_path_factory.mktemp("fazhi")
    generate_styles(out, ["fazhi"], 2, 3, rmrb=False, forms=("text.pdf",))
    return sorted(p for p in out.iterdir() if (p / "gold.json").exists())


def test_ruled_gutters_and_centred_headlines_keep_every_article_whole(fazhi_pages: list[Path]) -> None:
    """A column rule starting under the headline parts no column from it, a byline set flush right
    far from a short centred headline is its byline, and a numbered heading level with the columns
    beside it is a heading, not a headline."""
    from courtdoc.settings import Settings

    scores = []
    for page in fazhi_pages:
        gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
        pred = process(page / "text.pdf", Settings(t2s=False)).to_manifest()
        scores.append(score_manifest(gold, pred, page.name))
    total = summarize(scores)
    assert total["gold_articles"] >= 12
    assert total["f1"] == 1.0 and total["title_accuracy"] == 1.0 and total["cer"] == 0.0
    assert total["field_accuracy"]["byline"] == 1.0


@pytest.fixture(scope="module")
def zhengfa_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One zhengfa page (seed 3): seven columns of 9.5 pt type 7-9 pt apart, headings on black bars,
    bylines set at the body's head one role to a line after a □, an L-shaped article whose last
    column runs on beside the next band."""
    from bench.generate import generate_styles

    out = tmp_path_factory.mktemp("zhengfa")
    generate_styles(out, ["zhengfa"], 1, 3, rmrb=False, forms=("text.pdf",))
    return next(p for p in out.iterdir() if (p / "gold.json").exists())


def test_narrow_gutters_bar_headings_and_marked_bylines_keep_every_article_whole(zhengfa_page: Path) -> None:
    """Columns under an em apart are read apart (a mark hung into the gutter too), a heading on a bar
    is the column's heading (not a note, not a headline, not a caption), a byline after a □ is the
    byline, and a column opening mid-sentence beside the next band goes on with the article left open."""
    from courtdoc.settings import Settings

    gold = json.loads((zhengfa_page / "gold.json").read_text(encoding="utf-8"))
    pred = process(zhengfa_page / "text.pdf", Settings(t2s=False)).to_manifest()
    total = summarize([score_manifest(gold, pred, zhengfa_page.name)])
    assert total["gold_articles"] >= 7
    assert total["f1"] == 1.0 and total["title_accuracy"] == 1.0 and total["cer"] < 0.005
    assert total["field_accuracy"]["byline"] == 1.0
    gold_headings = {b["text"].replace(" ", "") for a in gold["articles"] for b in a["blocks"] if b["type"] == "heading"}
    headings = {b["text"].replace(" ", "") for a in pred["articles"] for b in a["blocks"] if b["type"] == "heading"}
    assert gold_headings and gold_headings <= headings  # every heading on its bar, one at a column's foot too
