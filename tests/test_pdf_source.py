"""PDF text layer: errors, fake-bold removal on real files, lines and spaces."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from hostile import FONT_FILE

from courtdoc.errors import CorruptInput, EmptyInput, EncryptedPdf
from courtdoc.settings import Settings
from courtdoc.sources.glyphs import bad_glyph_share
from courtdoc.pipeline import extract_page, iter_pages
from courtdoc.sources.pdf import pdf_page_count

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _rows(page) -> list[str]:
    """The page's printed rows (fragments on one baseline joined), spaces removed."""
    rows: dict[int, list] = {}
    for ln in page.lines:
        rows.setdefault(round((ln.bbox[1] + ln.bbox[3]) / 4), []).append(ln)
    return ["".join(ln.text for ln in sorted(r, key=lambda ln: ln.bbox[0])).replace(" ", "") for r in rows.values()]


@pytest.fixture(scope="module")
def expected(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "realworld/pdfplumber-tests/expected.json").read_text())


@pytest.mark.parametrize("case", range(3))
def test_fake_bold_lines_found_once_undoubled(expected: dict, shared_dir: Path, case: int) -> None:
    c = expected["cases"][case]
    page = extract_page(shared_dir / "realworld/pdfplumber-tests" / c["file"], c["page"], Settings())
    rows = _rows(page)
    text = "".join(rows)
    for want in c["lines"]:
        want = want.replace(" ", "")
        assert sum(want in r for r in rows) == 1, (want, rows[:12])
        assert text.count(want) == 1


def test_real_repeat_kept_and_title_not_doubled(shared_dir: Path) -> None:
    page = extract_page(shared_dir / "realworld/pdfplumber-tests/issue-842-example.pdf", 1, Settings())
    texts = [ln.text.replace(" ", "") for ln in page.lines]
    assert "2011年年度报告" in texts
    assert "安徽安利合成革股份有限公司" in texts
    assert not any("安安" in t or "AANN" in t for t in texts)
    # The GBK-encoded font name is decoded and the overprint recorded as bold.
    title = next(ln for ln in page.lines if ln.text == "安徽安利合成革股份有限公司")
    assert title.font == "黑体;fake-bold" and title.size == pytest.approx(26.04, abs=0.01)


def test_dedupe_off_keeps_copies(shared_dir: Path) -> None:
    page = extract_page(
        shared_dir / "realworld/pdfplumber-tests/issue-842-example.pdf", 1, Settings(dedupe=False)
    )
    assert any("安安" in ln.text for ln in page.lines)


def _fixture(path: Path, draw, **kw) -> Path:
    c = canvas.Canvas(str(path), pagesize=(400, 300), **kw)
    draw(c)
    c.save()
    return path


def test_latin_spaces_and_no_spaces_between_han(tmp_path: Path) -> None:
    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(20, 250, "法院专刊")
        c.drawString(90, 250, "2025年6月")  # CJK next to digits: no word space
        c.setFont("Helvetica", 12)
        c.drawString(20, 220, "Court news of Inner Mongolia")
        c.setFont("STSong-Light", 12)
        for k, ch in enumerate("仲夏时节"):  # letter-spaced headline: uniform gaps, no spaces
            c.drawString(20 + k * 18, 190, ch)

    page = extract_page(_fixture(tmp_path / "a.pdf", draw), 1, Settings())
    texts = [ln.text for ln in page.lines]
    assert "Court news of Inner Mongolia" in texts
    assert "仲夏时节" in texts
    assert any(t.startswith("法院专刊") for t in texts)
    assert page.method == "text-layer" and page.width == 400


def test_a_blank_where_the_typeface_changes_is_a_space(tmp_path: Path) -> None:
    pdfmetrics.registerFont(TTFont("UMing", str(FONT_FILE), subfontIndex=0))

    def draw(c):
        c.setFont("UMing", 10)  # a dateline in a face of its own, as papers set it in Hei
        c.drawString(20, 250, "赤峰讯")
        c.setFont("STSong-Light", 10)
        c.drawString(20 + 30 + 4, 250, "赤峰市中级人民法院召开座谈会")  # a blank of 0.4 em
        c.drawString(20, 230, "赤峰讯")
        c.drawString(20 + 30 + 4, 230, "赤峰市中级人民法院召开座谈会")  # same blank, same face: no space

    page = extract_page(_fixture(tmp_path / "d.pdf", draw), 1, Settings())
    assert [ln.text for ln in page.lines] == ["赤峰讯 赤峰市中级人民法院召开座谈会", "赤峰讯赤峰市中级人民法院召开座谈会"]


def test_small_headline_lines_beside_a_big_one_stay_apart(tmp_path: Path) -> None:
    def draw(c):
        c.setFont("STSong-Light", 29)  # a big headline in the left columns
        c.drawString(20, 230, "一片叶子富了百姓")
        c.setFont("STSong-Light", 11.5)  # a narrow article's headline in the right column, 14.4 pt leading
        c.drawString(270, 242, "话精神推动新时代新征")
        c.drawString(270, 227.6, "女事业高质量发展")

    page = extract_page(_fixture(tmp_path / "e.pdf", draw), 1, Settings())
    assert sorted(ln.text for ln in page.lines) == sorted(["一片叶子富了百姓", "话精神推动新时代新征", "女事业高质量发展"])


def test_fake_bold_drawn_in_another_font_collapses(tmp_path: Path) -> None:
    def draw(c):
        c.setFont("STSong-Light", 20)
        c.drawString(20, 250, "看看谢谢年年")
        c.setFont("STSong-Light", 20.0)
        c.drawString(20.6, 250.4, "看看谢谢年年")  # the fake-bold copy
        c.setFont("Helvetica", 12)
        c.drawString(20, 200, "2011")
        c.drawString(20.5, 200, "2011")

    page = extract_page(_fixture(tmp_path / "b.pdf", draw), 1, Settings())
    texts = [ln.text for ln in page.lines]
    assert texts == ["看看谢谢年年", "2011"]


def test_streams_pages_and_counts(tmp_path: Path) -> None:
    def draw(c):
        for k in range(3):
            c.setFont("STSong-Light", 12)
            c.drawString(20, 250, f"第{k + 1}面的正文")
            c.showPage()

    path = _fixture(tmp_path / "c.pdf", draw)
    assert pdf_page_count(path, Settings()) == 3
    pages = list(iter_pages(path, Settings()))
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[2].lines[0].text == "第3面的正文"


def test_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInput):
        pdf_page_count(empty, Settings())
    text = tmp_path / "text.pdf"
    text.write_text("this is not a pdf\n")
    with pytest.raises(CorruptInput, match="not a PDF"):
        pdf_page_count(text, Settings())
    good = _fixture(tmp_path / "g.pdf", lambda c: c.drawString(20, 20, "hello"))
    data = good.read_bytes()
    trunc = tmp_path / "trunc.pdf"
    trunc.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptInput):
        list(iter_pages(trunc, Settings()))
    nopages = tmp_path / "nopages.pdf"
    nopages.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises(EmptyInput, match="no pages"):
        pdf_page_count(nopages, Settings())


def test_encrypted(tmp_path: Path) -> None:
    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    path = _fixture(tmp_path / "e.pdf", lambda c: c.drawString(20, 20, "hello"), encrypt=enc)
    with pytest.raises(EncryptedPdf, match="no password"):
        pdf_page_count(path, Settings())
    with pytest.raises(EncryptedPdf, match="wrong password"):
        pdf_page_count(path, Settings(password="nope"))
    assert extract_page(path, 1, Settings(password="secret")).lines[0].text == "hello"


def test_unusable_glyphs_are_measured() -> None:
    assert bad_glyph_share(["(cid:12)", "(cid:7)", "法", "院"]) == (0.5, 4)
    assert bad_glyph_share(["\ue001", "\ufffd", "a", "b", "c"])[0] == pytest.approx(0.4)
    assert bad_glyph_share(["法", "院", "专", "刊"]) == (0.0, 4)


@pytest.mark.slow
def test_image_only_page_goes_to_ocr(shared_dir: Path) -> None:
    page = extract_page(shared_dir / "realworld/mineru/small_ocr.pdf", 1, Settings())
    assert page.method == "ocr"
    assert any("no text layer" in w for w in page.warnings)


def test_digits_from_a_latin_face_share_the_em_box_of_their_han_line(tmp_path: Path) -> None:
    # Faces declare different descents, so the boxes pdfminer hangs from them stand at different
    # heights on one baseline; every glyph gets the same em box on its baseline instead.
    def draw(c):
        c.setFont("STSong-Light", 10)
        c.drawString(20, 250, "原保险保费收入")
        c.setFont("Helvetica", 10)
        c.drawString(92.5, 250, "6930")
        c.setFont("STSong-Light", 10)
        c.drawString(115, 250, "亿元")

    (line,) = extract_page(_fixture(tmp_path / "e.pdf", draw), 1, Settings()).lines
    assert line.text == "原保险保费收入6930亿元"
    assert line.bbox[3] - line.bbox[1] == pytest.approx(10, abs=0.01)


def test_the_pdf_source_loads_no_layout() -> None:
    # Sources come before the layout: what a PDF's line building asks of the page's shapes lives
    # in `courtdoc.shapes`, under both, so reading a PDF loads no layout module.
    code = "import sys, courtdoc.sources.pdf; print([m for m in sys.modules if m.startswith('courtdoc.layout')])"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "[]"


def test_a_charts_text_is_left_out_of_the_text(shared_dir: Path) -> None:
    # Page 11 of the French book: a plot framed by axes with tick marks, its tick labels and axis
    # titles set as text just outside the frame, curve labels inside it, the caption an em below.
    # Axis numbers are no article text: they were read as paragraphs and run onto the caption.
    from courtdoc.layout import page_blocks

    page = extract_page(shared_dir / "realworld/pdfplumber-tests/issue-71-duplicate-chars-2.pdf", 11, Settings())
    texts = [ln.text for ln in page.lines]
    assert not {"6,8", "7,7", "Normal", "PaCO2", "pH sanguin artériel", "[H+] sanguin artériel, mmol/L"} & set(texts)
    assert "Figure 4. Intervalle de confiance de la compensation" in texts and "3. Trou anionique" in texts
    assert any("inside charts or pictures" in w for w in page.warnings)
    # the chart is a figure of the page, and its caption the caption's text alone
    assert any(f[0] < 240 and f[2] > 460 and f[1] < 130 and f[3] > 330 for f in page.figures)
    captions = [" ".join(ln.text for ln in b.lines) for b in page_blocks(page) if b.role == "caption"]
    assert captions == ["Figure 4. Intervalle de confiance de la compensation respiratoire au cours d’une acidose métabolique"]


@pytest.mark.parametrize("ticks", [0, 5])
def test_a_frame_is_a_chart_only_with_ticks_on_its_sides(tmp_path: Path, ticks: int) -> None:
    # A boxed note keeps its text; the same frame with tick marks standing on its bottom side is a
    # plot, and its labels go with it.
    path = tmp_path / "frame.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 400))
    c.setFont("STSong-Light", 10)
    c.drawString(40, 360, "法院审判工作取得新的进展法院审判工作")
    c.rect(100, 150, 200, 150)
    for k in range(ticks):
        x = 100 + 40 * (k + 0.5)
        c.line(x, 150, x, 146)
        c.drawString(x - 5, 136, f"{k}0")
    c.drawString(120, 250, "案件数量")
    c.drawString(40, 100, "图为近五年案件数量变化")
    c.save()
    texts = [ln.text for ln in extract_page(path, 1, Settings()).lines]
    assert "法院审判工作取得新的进展法院审判工作" in texts and "图为近五年案件数量变化" in texts
    assert ("案件数量" in texts) == (ticks == 0) and "10" not in texts
