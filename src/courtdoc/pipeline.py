"""Source path -> Document: the one entry point the CLI and the Prefect flows call.

The work is split so that callers can parallelise the expensive part:
`inspect` says what an input is and how many pages it has, `extract_page`
turns one page into positioned lines (text layer, OCR or plain text), and
`assemble` runs layout, repair and segmentation over all pages of a
document. `process` does all three in one process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import UnsupportedInput
from .layout import page_blocks
from .model import Document, PageInfo, PageText, Source, SourceKind
from .segment import segment
from .settings import Settings

InputKind = Literal["pdf", "image", "image-folder", "text"]

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


@dataclass(frozen=True, slots=True)
class InputInfo:
    path: Path
    kind: InputKind
    pages: int


def input_kind(path: Path) -> InputKind:
    """The kind of input by name; content checks happen when the source opens it."""
    if path.is_dir():
        return "image-folder"
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise UnsupportedInput(path, f"unsupported file type {suffix or '(no extension)'!r}")


def inspect(path: Path, settings: Settings) -> InputInfo:
    """Open the input far enough to validate it and count its pages."""
    kind = input_kind(path)
    if kind == "pdf":
        from .sources.pdf import pdf_page_count

        return InputInfo(path, kind, pdf_page_count(path, settings))
    if kind in ("image", "image-folder"):
        from .sources.image import image_page_count

        return InputInfo(path, kind, image_page_count(path, settings))
    from .sources.text import read_text_pages

    return InputInfo(path, kind, len(read_text_pages(path)))


def extract_page(path: Path, number: int, settings: Settings) -> PageText:
    """Page `number` (1-based) of the input as positioned lines."""
    kind = input_kind(path)
    if kind == "pdf":
        from .sources.pdf import extract_pdf_page

        return extract_pdf_page(path, number, settings)
    if kind in ("image", "image-folder"):
        from .sources.image import extract_image_page

        return extract_image_page(path, number, settings)
    from .sources.text import read_text_pages

    return read_text_pages(path)[number - 1]


def iter_pages(path: Path, settings: Settings) -> Iterator[PageText]:
    """All pages in order, streamed so a long PDF is never held whole."""
    kind = input_kind(path)
    if kind == "pdf":
        from .sources.pdf import iter_pdf_pages

        yield from iter_pdf_pages(path, settings)
    elif kind in ("image", "image-folder"):
        from .sources.image import iter_image_pages

        yield from iter_image_pages(path, settings)
    else:
        from .sources.text import read_text_pages

        yield from read_text_pages(path)


def source_kind(kind: InputKind, pages: list[PageText]) -> SourceKind:
    if kind == "pdf":
        ocred = pages and all(p.method.startswith("ocr") for p in pages)
        return "pdf-scan" if ocred else "pdf-text"
    if kind in ("image", "image-folder"):
        return "image"
    return "text"


def assemble(path: Path, pages: list[PageText], settings: Settings, sha256: str) -> Document:
    """Layout, repair and segmentation over a document's pages."""
    blocks = [block for page in pages for block in page_blocks(page)]
    result = segment(blocks, settings)
    return Document(
        source=Source(path=path.as_posix(), sha256=sha256, kind=source_kind(input_kind(path), pages)),
        issue=result.issue,
        pages=[
            PageInfo(
                number=p.number,
                method=p.method,
                width=p.width,
                height=p.height,
                confidence=p.confidence,
                warnings=list(p.warnings),
            )
            for p in pages
        ],
        articles=result.articles,
        furniture=result.furniture,
        notes=result.notes,
    )


def process(path: Path, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    sha = file_sha256(path)
    pages = list(iter_pages(path, settings))
    return assemble(path, pages, settings, sha)


def file_sha256(path: Path) -> str:
    """sha256 of a file, or of a folder's files (names and contents, sorted)."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if path.is_dir():
            h.update(f.relative_to(path).as_posix().encode() + b"\0")
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()
