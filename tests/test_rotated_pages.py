"""Rotated pages read upright: a generated broadsheet page with /Rotate 90, 180 and 270 gives the articles
of the page as generated, and text drawn turned on an unrotated page reads the same way."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hostile import ARTICLE, text_pdf

from bench.generate import generate
from courtdoc.pipeline import process


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 1, 1, rmrb=False, forms=("text.pdf",), workers=1)
    return next(p / "text.pdf" for p in sorted(out.iterdir()) if (p / "text.pdf").exists())


def _rotated(source: Path, out: Path, degrees: int) -> Path:
    pdf = pdfium.PdfDocument(str(source))
    try:
        for p in pdf:
            p.set_rotation(degrees)
        pdf.save(str(out))
    finally:
        pdf.close()
    return out


def _articles(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return process(path).to_manifest()["articles"]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_broadsheet_page_gives_the_same_articles(page: Path, tmp_path: Path, degrees: int) -> None:
    plain = _articles(page)
    assert len(plain) >= 4
    doc = process(_rotated(page, tmp_path / f"r{degrees}.pdf", degrees))
    assert doc.to_manifest()["articles"] == plain
    assert any(f"turned {degrees}° clockwise" in w for w in doc.pages[0].warnings)


def test_text_drawn_turned_reads_upright(tmp_path: Path) -> None:
    # /Rotate 90 with the content drawn turned back displays upright: nothing to turn.
    upright = process(text_pdf(tmp_path / "upright.pdf", rotate=True))
    assert not any("turned" in w for w in upright.pages[0].warnings)
    # Turning that page once more in the viewer leaves its text drawn turned on the page.
    turned = process(_rotated(tmp_path / "upright.pdf", tmp_path / "turned.pdf", 180))
    plain = process(text_pdf(tmp_path / "plain.pdf"))
    assert turned.to_manifest()["articles"] == plain.to_manifest()["articles"]
    assert ARTICLE[1][:10] in turned.articles[0].blocks[0].text
