"""The benchmark generator: determinism, gold really printed, fake bold, garbage text, scans.

One page is generated from the seed articles (no rmrb extraction) with all four
forms; text checks use pdfplumber directly, never courtdoc's own extractor.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest

from bench.corpus import rmrb_articles
from bench.degrade import render_gray
from bench.generate import FORMS, generate, main
from bench.verify import DEDUPE, body_text, squash, verify_page

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = 5


@pytest.fixture(scope="module")
def page_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    generate(out, 1, SEED, rmrb=False, forms=FORMS)
    return out / "p001"


@pytest.fixture(scope="module")
def gold(page_dir) -> dict:
    return json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))


def test_all_forms_written(page_dir, gold):
    for name in (*FORMS, "gold.json", "scan.json", "layout.json"):
        assert (page_dir / name).stat().st_size > 1000 or name.endswith(".json"), name
    assert gold["schema"] == "courtdoc.manifest/1"
    assert len(gold["articles"]) >= 3
    assert gold["issue"]["date"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["issue"]["date"])
    assert any("责任编辑" in f for f in gold["furniture"])
    for a in gold["articles"]:
        assert a["title"] and a["blocks"]
        x0, top, x1, bottom = a["bbox"]
        assert 0 <= x0 < x1 <= gold["pages"][0]["width"] and 0 <= top < bottom <= gold["pages"][0]["height"]


def test_same_seed_same_page(page_dir, tmp_path):
    # Through the CLI: --quick uses the seed articles too, and writes text.pdf + scan.jpg.
    assert main(["--out", str(tmp_path), "--quick", "--pages", "1", "--seed", str(SEED)]) == 0
    again = tmp_path / "p001"
    assert sorted(p.name for p in again.iterdir()) == ["gold.json", "layout.json", "scan.jpg", "scan.json", "text.pdf"]
    assert (again / "gold.json").read_bytes() == (page_dir / "gold.json").read_bytes()
    with pdfplumber.open(page_dir / "text.pdf") as a, pdfplumber.open(again / "text.pdf") as b:
        assert a.pages[0].extract_text() == b.pages[0].extract_text()


def test_other_seed_other_page(page_dir, tmp_path):
    generate(tmp_path, 1, SEED + 1, rmrb=False, forms=("text.pdf",))
    other = json.loads((tmp_path / "p001" / "gold.json").read_text(encoding="utf-8"))
    mine = json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))
    assert [a["bbox"] for a in other["articles"]] != [a["bbox"] for a in mine["articles"]]


def test_gold_text_is_printed(page_dir, gold):
    """Headline box, photo box and column boxes read exactly their gold fields, in order."""
    assert verify_page(page_dir) == []
    assert all(body_text(a) for a in gold["articles"])


def test_verify_catches_a_wrong_gold(page_dir, tmp_path):
    bad = tmp_path / "p001"
    bad.mkdir()
    for name in ("text.pdf", "layout.json"):
        (bad / name).write_bytes((page_dir / name).read_bytes())
    gold = json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))
    text = gold["articles"][0]["blocks"][-1]["text"]
    gold["articles"][0]["blocks"][-1]["text"] = text[:-3] + text[-1]
    gold["articles"][1]["title"] += "之"
    (bad / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    problems = verify_page(bad)
    assert len(problems) == 2 and "p01-a01 body" in problems[0] and "p01-a02 headline" in problems[1]


def test_fake_bold_is_in_the_pdf(page_dir):
    with pdfplumber.open(page_dir / "text.pdf") as pdf:
        page = pdf.pages[0]
        raw = page.chars
        deduped = page.dedupe_chars(**DEDUPE).chars
    doubled = len(raw) - len(deduped)
    assert doubled > 20
    # The copies are real exporter-style duplicates: same glyph, offset 0.2-2.5 pt.
    by_glyph: dict[tuple, list] = {}
    for c in raw:
        by_glyph.setdefault((c["text"], round(c["size"], 1)), []).append(c)
    offsets = [
        abs(a["x0"] - b["x0"])
        for group in by_glyph.values()
        for a, b in zip(group, group[1:])
        if abs(a["top"] - b["top"]) < 1.5 and 0.15 < abs(a["x0"] - b["x0"]) < 2.6
    ]
    assert offsets


@pytest.fixture(scope="module")
def garbage_dirs(page_dir) -> list[Path]:
    """Page 1 (ToUnicode stripped) and a page 2 made with the other kind of garbage."""
    generate(page_dir.parent, 1, SEED, rmrb=False, forms=("text.pdf", "garbage.pdf"), first=2)
    return [page_dir, page_dir.parent / "p002"]


def test_garbage_pdf_has_unusable_text(garbage_dirs):
    kinds = set()
    for d in garbage_dirs:
        kinds.add(json.loads((d / "layout.json").read_text(encoding="utf-8"))["garbage"])
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        with pdfplumber.open(d / "garbage.pdf") as pdf:
            text = pdf.pages[0].extract_text()
            n_chars = len(pdf.pages[0].chars)
        cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert n_chars > 1000  # the glyphs are all there ...
        assert cjk < 0.02 * n_chars  # ... but do not read as Chinese
        assert "(cid:" in text or sum("\ue000" <= ch <= "\uf8ff" for ch in text) > 0.5 * n_chars
        assert squash(gold["articles"][0]["title"]) not in squash(text)
        # Same ink as the text PDF.
        a = render_gray(d / "text.pdf", dpi=40)
        b = render_gray(d / "garbage.pdf", dpi=40)
        assert np.abs(a.astype(int) - b.astype(int)).mean() < 0.5
    assert kinds == {"no-tounicode", "private-use"}


def test_scan_size_and_rotation(page_dir, gold):
    params = json.loads((page_dir / "scan.json").read_text())
    img = cv2.imread(str(page_dir / "scan.jpg"), cv2.IMREAD_GRAYSCALE)
    w_pt, h_pt = gold["pages"][0]["width"], gold["pages"][0]["height"]
    # pdfium rounds the bitmap size up.
    assert abs(img.shape[0] - h_pt * 300 / 72) <= 1 and abs(img.shape[1] - w_pt * 300 / 72) <= 1
    assert 0.2 <= abs(params["rotation_deg"]) <= 1.5 and 50 <= params["jpeg_quality"] <= 75
    # The scan matches the clean page rotated by the recorded angle better than unrotated
    # or rotated the other way.
    small = cv2.resize(img, (img.shape[1] // 4, img.shape[0] // 4), interpolation=cv2.INTER_AREA).astype(np.float32)
    clean = render_gray(page_dir / "text.pdf", dpi=75).astype(np.float32)
    clean = cv2.resize(clean, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    h, w = clean.shape

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rot = cv2.warpAffine(clean, m, (w, h), borderValue=255)
        return float(np.corrcoef(rot.ravel(), small.ravel())[0, 1])

    angle = params["rotation_deg"]
    assert score(angle) > score(0.0) + 0.02
    assert score(angle) > score(-angle) + 0.02
    # Degraded: paper tone, not pure white.
    assert 200 < np.median(img) < 250


def test_scan_pdf_is_image_only(page_dir, gold):
    with pdfplumber.open(page_dir / "scan.pdf") as pdf:
        page = pdf.pages[0]
        assert not page.chars
        assert len(page.images) == 1
        assert (page.width, page.height) == (gold["pages"][0]["width"], gold["pages"][0]["height"])


@pytest.mark.slow
def test_rmrb_extraction(shared_dir=SHARED):
    arts = rmrb_articles(shared_dir / "realworld" / "rmrb" / "rmrb_20251020.pdf")
    titles = [a.title for a in arts]
    assert len(arts) >= 70
    assert "“理解与信任才是基础”" in titles
    one = arts[titles.index("“理解与信任才是基础”")]
    assert one.byline == "本报记者 刘 赫"
    assert one.blocks[0] == ("paragraph", one.blocks[0][1]) and one.blocks[0][1].startswith("不久前，德国汽车经济学专家")
    # Paragraph starts come from the first-line indent, so wrapped lines are joined.
    assert all("\n" not in t for _, t in one.blocks) and len(one.blocks) >= 5
    dated = [a for a in arts if a.dateline]
    assert any(a.dateline == "本报南平10月19日电" and a.byline == "记者刘晓宇" for a in dated)
    assert any(a.kicker == "国际论坛" for a in arts)


def test_a_bracketed_reporter_after_the_dateline_is_the_byline_whoever_they_write_for():
    # The seed golds' convention (本报讯(记者 金丽) -> byline 记者 金丽) holds for another masthead's
    # reporter too: 人民网记者 is a byline, not the body's first words.
    from bench.corpus import _rmrb_article

    lines = [(40.0, 12.0, "本报北京10月19日电　（人民网记者李唯一）10月19日，第十届世界妈祖文化论坛新闻发布会在北京举行。")]
    art = _rmrb_article(["第十届世界妈祖文化论坛将在福建莆田举行"], [(40.0, 12.0, "《人民日报》（2025年10月20日 第 4 版）"), *lines], "4")
    assert (art.dateline, art.byline) == ("本报北京10月19日电", "人民网记者李唯一")
    assert art.blocks[0][1].startswith("10月19日，第十届")
