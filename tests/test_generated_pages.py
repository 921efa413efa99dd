"""End to end on the benchmark's generated broadsheet pages: text PDF in, articles with every field out.

The two quick pages (seed 1, seed articles only) hold the traps a real 法院专刊
page has: a boxed pull quote as big as a headline, Hei datelines set against
Song body, narrow articles whose bold headline is only a little bigger than the
body with a `——` subtitle at body size, Kai captions of two photos stacked,
right-aligned (供稿) credits, fake-bold headlines and captions.
"""

from __future__ import annotations

import json
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
