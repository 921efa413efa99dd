"""Malformed PDFs: refused by name with what is wrong, or read as a viewer reads them with a warning.

Every file is hand-made by `hostile` with one thing wrong inside a correct
xref, so each test is about the fault it names.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import (
    deep_tree_pdf,
    error_lines,
    flate_bomb_pdf,
    lzw_bomb_pdf,
    lzw_pdf,
    malformed_pdfs,
    one_page_pdf,
    run_cli,
)

from courtdoc.errors import CorruptInput, ExitCode
from courtdoc.settings import Settings
from courtdoc.pipeline import iter_pages
from courtdoc.sources.pdf import pdf_page_count

# name -> the reason the refusal gives
# MB a worker may reach reading a bomb: its libraries and the 64 MB inflate cap, far under the
# 651 MB (Flate) and 620 MB (LZW, a quarter the size) it reached uncapped.
BOMB_MEMORY_MB = 400

REFUSED = {
    "self-contents": r"^page 1: object 5 is a reference that leads back to itself$",
    "self-mediabox": r"^page 1: object 6 is a reference that leads back to itself$",
    "ref-cycle": r"^page 1: object [67] is a reference that leads back to itself$",
    "deep-tree": r"page tree nests more than \d+ levels deep",
}
# name -> the page warning that says what was tolerated
TOLERATED = {
    "rotate-name": r"/Rotate /Ninety is not a multiple of 90; ignored",
    "rotate-odd": r"/Rotate 45 is not a multiple of 90; ignored",
    "mediabox-names": r"MediaBox is not 4 numbers; US Letter assumed",
    "mediabox-2": r"MediaBox is not 4 numbers; US Letter assumed",
    "mediabox-1e30": r"MediaBox is not 4 numbers; US Letter assumed",
    "mediabox-huge": r"MediaBox is larger than a PDF page can be",
    "mediabox-empty": r"MediaBox is empty; US Letter assumed",
    "length-huge": r"stream /Length of 1000000000000 is wrong; read up to its endstream",
    "length-negative": r"stream /Length of -5 is wrong; read up to its endstream",
}


@pytest.fixture(scope="module")
def malformed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return malformed_pdfs(tmp_path_factory.mktemp("malformed"))


def _read(path: Path) -> list:  # type: ignore[type-arg]
    pdf_page_count(path, Settings())
    return list(iter_pages(path, Settings()))


def test_self_reference_of_a_few_hundred_bytes_is_refused_not_followed_for_ever(tmp_path: Path) -> None:
    path = one_page_pdf(tmp_path / "self.pdf", obj5=b"5 0 R")
    assert path.stat().st_size < 700
    # In a fresh interpreter with a time limit: before the bound, this never returned.
    code = (
        "import sys; from pathlib import Path; from courtdoc.settings import Settings\n"
        "from courtdoc.pipeline import iter_pages\n"
        "try:\n    list(iter_pages(Path(sys.argv[1]), Settings()))\n"
        "except Exception as e:\n    print(type(e).__name__, e.reason)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "CorruptInput page 1: object 5 is a reference that leads back to itself"


@pytest.mark.parametrize("name", list(REFUSED))
def test_loops_and_deep_trees_are_refused_with_the_reason(malformed: dict[str, Path], name: str) -> None:
    with pytest.raises(CorruptInput) as refused:
        _read(malformed[name])
    assert re.search(REFUSED[name], refused.value.reason), refused.value.reason


@pytest.mark.parametrize("name", list(TOLERATED))
def test_what_a_viewer_tolerates_is_read_with_a_warning(malformed: dict[str, Path], name: str) -> None:
    [page] = _read(malformed[name])
    assert [line.text for line in page.lines] == ["Hello court"]
    assert any(re.search(TOLERATED[name], w) for w in page.warnings), page.warnings
    assert all(w.startswith("page 1: ") for w in page.warnings)


def test_a_page_tree_of_ordinary_depth_is_read(tmp_path: Path) -> None:
    [page] = _read(deep_tree_pdf(tmp_path / "deep.pdf", depth=30))
    assert [line.text for line in page.lines] == ["Hello court"]


@pytest.mark.parametrize("make", [flate_bomb_pdf, lzw_bomb_pdf], ids=["flate", "lzw"])
def test_compression_bomb_is_refused_in_bounded_memory(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    bomb = make(tmp_path / "bomb.pdf", inflated_mib=1024)
    assert bomb.stat().st_size < 2 << 20
    # The page is read in a worker whose memory the runner watches: had the stream been inflated,
    # the refusal would say so.
    result = run_cli("clean", bomb, "--out", tmp_path / "out", "-q", "--max-memory", str(BOMB_MEMORY_MB))
    assert result.returncode == ExitCode.input_failed
    (line,) = error_lines(result.stderr)
    assert line.startswith(f"courtdoc: error: {bomb}: page 1: a compressed stream inflates to more than"), line


def test_lzw_page_under_the_cap_is_read(tmp_path: Path) -> None:
    [page] = _read(lzw_pdf(tmp_path / "lzw.pdf"))
    assert [line.text for line in page.lines] == ["Hello court"]


def test_library_messages_become_page_warnings_not_stderr(malformed: dict[str, Path], tmp_path: Path) -> None:
    inputs = [malformed[name] for name in ("contents-not-stream", "font-missing", "mediabox-2")]
    result = run_cli("clean", *inputs, "--out", tmp_path / "out", "-q")
    assert result.returncode == ExitCode.ok
    assert result.stderr == ""


def test_owner_restricted_pdf_opens_whatever_password_is_given(tmp_path: Path) -> None:
    from hostile import ARTICLE, text_pdf

    from courtdoc.sources.raster import render_pdf_page

    pdf = text_pdf(tmp_path / "restricted.pdf", owner_password="owner")
    settings = Settings(password="some-other-secret", dpi=72)
    pages = list(iter_pages(pdf, settings))
    assert ARTICLE[1][:12] in "".join(line.text for line in pages[0].lines)
    pixels, _ = render_pdf_page(pdf, 1, settings)  # the OCR path opens it with PDFium
    assert pixels.min() < 128  # printed text, not a blank page
