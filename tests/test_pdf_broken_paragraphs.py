"""Paragraphs a PDF breaks off before a closing bracket go on (rmrb, whose re-typesetting sets each
subscript as a line of its own: 广义货币（M | 2 | ）余额…, the text after it indented)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from courtdoc.pipeline import process
from courtdoc.rules.punctuation import continues


def test_no_paragraph_opens_with_a_closing_bracket(shared_dir: Path, tmp_path: Path) -> None:
    src = pdfium.PdfDocument(str(shared_dir / "realworld/rmrb/rmrb_20251020.pdf"))
    page = pdfium.PdfDocument.new()
    page.import_pages(src, [155])  # page 156: the money supply M2, M1, M0
    page.save(str(tmp_path / "p156.pdf"))
    paragraphs = [b.text for a in process(tmp_path / "p156.pdf").articles for b in a.blocks if b.type == "paragraph"]
    assert [p for p in paragraphs if continues(p)] == []
    # the subscript, a line of its own, is read back into its sentence (not taken for a page number)
    assert any("广义货币（M2）余额335.38万亿元" in p and "流通中货币（M0）余额" in p for p in paragraphs)


def test_what_opens_no_line() -> None:
    assert continues("）余额335.38万亿元") and continues("，同比增长") and continues(" 。")
    assert not continues("“十四五”时期") and not continues("（一）") and not continues("") and not continues("”")


def test_pieces_around_a_subscript_set_in_bigger_type_are_no_headings(shared_dir: Path, tmp_path: Path) -> None:
    # The re-typesetting sets the text around some subscripts at 14 pt over a 12 pt body:
    # 娄飞鹏分析认为，今年以来M at page 156's foot, then 1 | 与M | 2 | 剪刀差… on page 157. A heading
    # stands over text it heads; a piece a subscript goes on from, or prose cut by the page's foot,
    # is a piece of a sentence.
    src = pdfium.PdfDocument(str(shared_dir / "realworld/rmrb/rmrb_20251020.pdf"))
    pages = pdfium.PdfDocument.new()
    pages.import_pages(src, [155, 156])
    pages.save(str(tmp_path / "p156-157.pdf"))
    blocks = [b for a in process(tmp_path / "p156-157.pdf").articles for b in a.blocks]
    assert [b.text for b in blocks if "M" in b.text and b.type != "paragraph"] == []
    # and the text after a subscript goes on, though set indented as a paragraph's opening
    assert any(b.text.startswith("娄飞鹏分析认为，今年以来M") and "与M2剪刀差明显收窄" in b.text for b in blocks)
