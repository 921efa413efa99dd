"""Source path -> Document: the one entry point the CLI and the Prefect flows call.

The work is split so that callers can parallelise the expensive part:
`inspect` says what an input is and how many pages it has, `extract_page`
turns one page into positioned lines (text layer, OCR or plain text), and
`assemble` runs layout, repair and segmentation over all pages of a
document. `open_input` keeps an input open for a reader of many of its pages.
`process` does all of it in one process; `runner` spreads it over workers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from .errors import UnsupportedInput
from .layout import page_blocks
from .layout.dump import layout_json
from .model import Document, PageInfo, PageText, Source, SourceKind
from .segment import segment
from .selfcheck import apply, check
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


class OpenInput(Protocol):
    """An input opened once, read page by page (a worker reading many pages of one file)."""

    def __len__(self) -> int: ...

    def read(self, n: int) -> PageText: ...


@dataclass(frozen=True, slots=True)
class _PageList:
    """Pages already in memory (text) or read one file at a time (images)."""

    count: int
    page: Callable[[int], PageText]

    def __len__(self) -> int:
        return self.count

    def read(self, n: int) -> PageText:
        return self.page(n)


@contextmanager
def open_input(path: Path, settings: Settings) -> Iterator[OpenInput]:
    """The input opened far enough to count its pages, then read by page number (1-based)."""
    kind = input_kind(path)
    if kind == "pdf":
        from .sources.pdf import open_pdf

        with open_pdf(path, settings) as pdf:
            yield pdf
    elif kind in ("image", "image-folder"):
        from .sources.image import extract_image_page, image_page_count

        yield _PageList(image_page_count(path, settings), lambda n: extract_image_page(path, n, settings))
    else:
        from .sources.text import read_text_pages

        pages = read_text_pages(path)
        yield _PageList(len(pages), lambda n: pages[n - 1])


def inspect(path: Path, settings: Settings) -> InputInfo:
    """Open the input far enough to validate it and count its pages."""
    with open_input(path, settings) as opened:
        return InputInfo(path, input_kind(path), len(opened))


def extract_page(path: Path, number: int, settings: Settings) -> PageText:
    """Page `number` (1-based) of the input as positioned lines."""
    with open_input(path, settings) as opened:
        return opened.read(number)


def iter_pages(path: Path, settings: Settings) -> Iterator[PageText]:
    """All pages in order, streamed so a long PDF is never held whole."""
    with open_input(path, settings) as opened:
        for n in range(1, len(opened) + 1):
            yield opened.read(n)


def source_kind(kind: InputKind, pages: list[PageText]) -> SourceKind:
    if kind == "pdf":
        ocred = pages and all(p.method.startswith("ocr") for p in pages)
        return "pdf-scan" if ocred else "pdf-text"
    if kind in ("image", "image-folder"):
        return "image"
    return "text"


def assemble(path: Path, pages: list[PageText], settings: Settings, sha256: str) -> Document:
    """Layout, repair and segmentation over a document's pages, then the self-check of the articles."""
    blocks = [block for page in pages for block in page_blocks(page)]
    result = segment(blocks, settings)
    doc = Document(
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
    apply(doc.articles, doc.pages, check(doc.articles, result.sources, blocks, pages))
    return doc


LAYOUT_DEBUG = "layout-debug.json"


def extra_files(document: Document, pages: list[PageText], path: Path, settings: Settings) -> list[tuple[str, bytes]]:
    """The files the settings ask for beside the manifest, as (relative name, content)."""
    files: list[tuple[str, bytes]] = []
    if settings.debug_layout:
        files.append((LAYOUT_DEBUG, layout_json(pages)))
    if settings.review:
        from .review import review_files  # OpenCV and Pillow load only when review pages are asked for

        files += review_files(document, pages, path, settings)
    return files


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
