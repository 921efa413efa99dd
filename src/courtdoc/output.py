"""Writing a Document to OUT/<doc-id>/: manifest.json and articles/*.txt.

A document folder appears complete or not at all: everything is written into a
hidden temporary sibling (`.<id>.<pid>.tmp`), flushed, then renamed into
place. Temporary and superseded folders start with a dot, so nothing that
lists OUT for documents mistakes them for output, and `remove_stale` clears
the ones a killed run left behind. Files contain no timestamps, so a rerun
on the same input and settings is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from .model import Article, Document

MAX_ID_LEN = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_TEMP = re.compile(r"^\..+\.(\d+)\.(tmp|old)[A-Za-z0-9_]*$")


def doc_id(path: Path) -> str:
    """An ASCII-safe, deterministic folder name from the input's file name.

    Names that lose characters on the way (Chinese, spaces, very long) get a
    hash of the original name so two such inputs never share a folder. The
    result has no path separator and never starts with a dot, so it cannot
    escape OUT or hide as a temporary folder.
    """
    name = path.name
    stem = name if _is_dir(path) else Path(name).stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", ascii_stem).strip("-._")
    if slug != stem or len(slug) > MAX_ID_LEN:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        slug = f"{slug[: MAX_ID_LEN - 11]}-{digest}" if slug else digest
    return slug


def manifest_bytes(doc: Document) -> bytes:
    # A file name with undecodable bytes reaches source.path as lone surrogates, which
    # UTF-8 cannot encode; backslashreplace writes them as JSON's own \udcXX escapes,
    # so the manifest stays valid UTF-8 JSON and reads back to the same string.
    return (json.dumps(doc.to_manifest(), ensure_ascii=False, indent=2) + "\n").encode("utf-8", "backslashreplace")


def article_text(article: Article) -> str:
    """The article for people: head lines, a blank line, then the body, credit and captions."""
    head = [s for s in (article.kicker, article.title, article.subtitle, article.byline) if s]
    body: list[str] = []
    for i, block in enumerate(article.blocks):
        text = block.text
        if i == 0 and article.dateline and block.type == "paragraph":
            text = f"{article.dateline}　{text}"
        body.append(text)
    if article.dateline and not (article.blocks and article.blocks[0].type == "paragraph"):
        body.insert(0, article.dateline)
    if article.attribution:
        body.append(article.attribution)
    body.extend(f"图：{c}" for c in article.captions)
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def write_document(doc: Document, out_dir: Path, name: str, extra: Mapping[str, bytes] | None = None) -> Path:
    """Write `doc` (and `extra` files, by name, beside the manifest) to out_dir/name atomically; return that folder."""
    if name != Path(name).name or name.startswith(".") or not name:
        raise ValueError(f"unsafe document id {name!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / name
    tmp = _temp_sibling(out_dir, f".{name}.{os.getpid()}.tmp")
    tmp.mkdir()  # mode from the umask like any folder (mkdtemp's 0700 would survive the rename)
    try:
        _write_file(tmp / "manifest.json", manifest_bytes(doc))
        for extra_name, data in (extra or {}).items():
            _write_file(tmp / extra_name, data)
        (tmp / "articles").mkdir()
        for article in doc.articles:
            _write_file(tmp / article.file, article_text(article).encode("utf-8"))
        _fsync_dir(tmp / "articles")
        _fsync_dir(tmp)
        _replace_dir(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(out_dir)
    return final


def remove_stale(out_dir: Path) -> list[Path]:
    """Delete temporary folders left by runs whose process is gone."""
    removed = []
    if not out_dir.is_dir():
        return removed
    for entry in out_dir.iterdir():
        m = _TEMP.match(entry.name)
        if m and entry.is_dir() and not _pid_alive(int(m.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _replace_dir(new: Path, final: Path) -> None:
    # rename() cannot replace a non-empty directory: move the old one aside first.
    # A crash between the two renames leaves no final folder (the rerun rewrites it),
    # never a mixed one.
    if final.exists():
        old = _temp_sibling(final.parent, f".{final.name}.{os.getpid()}.old")
        final.rename(old)
        new.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(final)


def _temp_sibling(folder: Path, prefix: str) -> Path:
    """A name in `folder` that nothing uses yet (only this process writes names with its pid)."""
    while True:
        path = folder / f"{prefix}{secrets.token_hex(4)}"
        if not path.exists():
            return path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system is no folder
        return False


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
