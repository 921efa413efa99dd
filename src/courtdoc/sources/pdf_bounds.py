"""Bounds pdfminer lacks, so that one hostile PDF cannot hang a run or exhaust its memory.

- An object whose body is a reference to itself (`6 0 obj 6 0 R endobj`, or a
  loop of such objects) makes pdfminer's `resolve1` loop for ever: here
  `PDFDocument.getobj` follows such chains itself and raises `ReferenceLoop`.
- `iter_page_objects` walks the page tree without recursion and no deeper
  than MAX_TREE_DEPTH (pdfminer's own walk recurses once per level).
- A Flate or LZW stream is inflated whole (`zlib.decompress`, `lzwdecode`), so a
  few hundred KiB can inflate to gigabytes: inflation stops at MAX_INFLATED with
  `StreamTooLarge`.
- A stream whose /Length is negative or runs past the end of the file makes
  pdfminer ask the file for that many bytes (ValueError, MemoryError): files
  are read through `BoundedReads`, which reads such a stream up to its
  `endstream` keyword, as viewers do, and notes that it did.

The reference, Flate and LZW bounds are installed on pdfminer when this module is
imported (pdfplumber creates the document, so an instance cannot be
wrapped before pdfminer first resolves); they only change what pdfminer does on
files that would otherwise hang it or fail.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import IO, Any

from pdfminer import pdftypes
from pdfminer.lzw import CorruptDataError, LZWDecoder
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFException, PDFObjRef, dict_value, list_value
from pdfminer.psparser import LIT, PSBaseParser

# The largest stream pdfminer is allowed to inflate. The biggest streams it must
# inflate on real pages are an embedded CJK font without a ToUnicode map (10-20 MB)
# and the content of a dense broadsheet page (a few MB).
MAX_INFLATED = 64 << 20
_INFLATE_STEP = 1 << 20
# Real page trees are a few levels deep (a balanced tree of 10^6 pages with 10 kids
# per node is 6); a deeper one is built to break readers.
MAX_TREE_DEPTH = 64
# pdfminer's parser never reads more than its buffer in one call, except a stream's body.
_PARSER_READ = PSBaseParser.BUFSIZ
_ENDSTREAM = b"endstream"


class ReferenceLoop(PDFException):
    """An object is a reference that leads back to itself."""


class StreamTooLarge(PDFException):
    """A compressed stream inflates past MAX_INFLATED."""


class PageTreeTooDeep(PDFException):
    """The page tree nests deeper than MAX_TREE_DEPTH."""


class BoundedReads:
    """A binary file whose reads past its end, or of a negative length, stop at the next `endstream`."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        fh.seek(0, 2)
        self._size = fh.tell()
        fh.seek(0)
        self.notes: list[str] = []
        self._body_end = 0  # where the last stream read up to its endstream ended

    def read(self, n: int = -1) -> bytes:
        here = self._fh.tell()
        if n == -1 or 0 <= n <= max(_PARSER_READ, self._size - here):
            return self._fh.read(n)
        # A stream /Length that cannot be right: its body ends where its endstream keyword is.
        rest = self._fh.read()
        end = rest.find(_ENDSTREAM)
        body = rest[: end if end >= 0 else len(rest)].rstrip(b"\r\n")
        self.notes.append(f"a stream /Length of {n} is wrong; read up to its endstream")
        self._body_end = here + len(body)
        self._fh.seek(self._body_end)
        return body

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0 and offset > self._size and self._body_end:
            # pdfminer skips the stream by its /Length: past the end, it skips to the end of the body read.
            offset = self._body_end
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()


def bounded_decompress(data: bytes) -> bytes:
    """zlib.decompress that stops at MAX_INFLATED instead of inflating a bomb."""
    inflater = zlib.decompressobj()
    out = bytearray()
    while not inflater.eof:
        # Never flush(): once the input is used up, zlib may still hold output it has not given.
        chunk = inflater.decompress(data, _INFLATE_STEP)
        out += chunk
        _check_inflated(out)
        data = inflater.unconsumed_tail
        if not chunk and not data:
            break
    if not inflater.eof:
        raise zlib.error("incomplete or truncated stream")  # pdfminer then salvages what inflated
    return bytes(out)


def bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's `lzwdecode` that stops at MAX_INFLATED.

    Its decoder's own loop (`LZWDecoder.run`) also copies the whole code table
    for a debug message at every code; this one drives the decoder without it.
    """
    decoder = LZWDecoder(BytesIO(data))
    out = bytearray()
    while True:
        try:
            code = decoder.readbits(decoder.nbits)
            out += decoder.feed(code)
        except (EOFError, CorruptDataError):
            break  # as pdfminer: what decoded up to the end or the damage is the stream
        _check_inflated(out)
    return bytes(out)


def _check_inflated(out: bytearray) -> None:
    if len(out) > MAX_INFLATED:
        raise StreamTooLarge(f"a compressed stream inflates to more than {MAX_INFLATED >> 20} MB")


class _Zlib:
    """The `zlib` pdfminer's stream decoder sees: decompress bounded, the rest as is."""

    decompress = staticmethod(bounded_decompress)
    decompressobj = staticmethod(zlib.decompressobj)
    error = zlib.error


_getobj = PDFDocument.getobj


def _getobj_through_chains(self: PDFDocument, objid: int) -> object:
    obj = _getobj(self, objid)
    seen = {objid}
    while isinstance(obj, PDFObjRef):
        if obj.objid in seen:
            raise ReferenceLoop(f"object {objid} is a reference that leads back to itself")
        seen.add(obj.objid)
        obj = _getobj(self, obj.objid)
    return obj


_LITERAL_PAGES = LIT("Pages")
_LITERAL_PAGE = LIT("Page")


def iter_page_objects(doc: PDFDocument) -> Iterator[tuple[object, dict[str, Any]]]:
    """(id, attributes with inherited ones) of the document's pages in order.

    The page tree is walked with a stack, each node once. The attributes are
    not checked: the caller does, before pdfminer's PDFPage reads them.
    """
    if "Pages" not in doc.catalog:
        # pdfminer's scan of every object for /Page dicts
        yield from ((page.pageid, page.attrs) for page in PDFPage.create_pages(doc))
        return
    stack: list[tuple[Any, dict[str, Any], int]] = [(doc.catalog["Pages"], {}, 0)]
    seen: set[int] = set()
    while stack:
        node, inherited, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise PageTreeTooDeep(f"the page tree nests more than {MAX_TREE_DEPTH} levels deep")
        objid = node.objid if isinstance(node, PDFObjRef) else id(node)
        if objid in seen:
            continue
        seen.add(objid)
        attrs = dict(dict_value(node))
        for key, value in inherited.items():
            attrs.setdefault(key, value)
        kind = attrs.get("Type") or attrs.get("type")
        if kind is _LITERAL_PAGES and "Kids" in attrs:
            passed = {k: v for k, v in attrs.items() if k in PDFPage.INHERITABLE_ATTRS}
            stack.extend((kid, passed, depth + 1) for kid in reversed(list_value(attrs["Kids"])))
        elif kind is _LITERAL_PAGE:
            yield objid, attrs


PDFDocument.getobj = _getobj_through_chains  # type: ignore[method-assign]
pdftypes.zlib = _Zlib  # type: ignore[attr-defined]
pdftypes.lzwdecode = bounded_lzwdecode
