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
