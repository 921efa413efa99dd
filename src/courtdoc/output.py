"""Writing a Document to OUT/<doc-id>/: manifest.json and articles/*.txt.

A document folder appears complete or not at all: everything is written into a
hidden temporary sibling (`.<id>.<run>.tmp`), flushed, then renamed into
place. Temporary and superseded folders start with a dot, so nothing that
lists OUT for documents mistakes them for output, and `remove_stale` clears
the ones a killed run left behind. A run is its process id and that process's
start time, so a temporary folder of a dead run is known as such even where
its process id lives again (PID 1 in every container). Files contain no
timestamps, so a rerun on the same input and settings is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .model import Article, Document

MAX_ID_LEN = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_TEMP = re.compile(r"^\..+\.(\d+)(?:-(\d+))?\.(tmp|old)[A-Za-z0-9_]*$")
_HASH_LENGTHS = (8, 16, 64)
# proc(5): starttime is field 22 of /proc/PID/stat, the 20th after the ")" that ends field 2.
_STARTTIME_FIELD = 19


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


def unique_ids(documents: list[Path], out_dir: Path | None = None) -> dict[Path, str]:
    """A distinct folder name for each input, that no other input's output holds in `out_dir`.

    An input keeps its doc_id when no other input of the batch has it; the
    others get the extension added (`a.pdf` and `a.txt`: a-pdf, a-txt), or else
    a hash of the whole path. Every candidate is checked against the names
    already given and against folders in `out_dir` that hold another input's
    output, so a crafted name (`a-md-fecccc97.txt`) cannot take another
    input's folder: the hash grows instead.
    """
    plain = {path: doc_id(path) for path in documents}
    counts = Counter(plain.values())
    names: dict[Path, str] = {}
    for path in documents:
        if counts[plain[path]] == 1 and _claimable(out_dir, plain[path], path):
            names[path] = plain[path]
    used = set(names.values())
    for path in documents:
        if path in names:
            continue
        digest = hashlib.sha256(os.fsencode(path)).hexdigest()
        ext = path.suffix.lstrip(".").lower() or "dir"
        candidates = [f"{plain[path]}-{ext}", *(f"{plain[path]}-{digest[:k]}" for k in _HASH_LENGTHS)]
        name = next(c for c in candidates if c not in used and _claimable(out_dir, c, path))
        names[path] = name
        used.add(name)
    return {path: names[path] for path in documents}


def _claimable(out_dir: Path | None, name: str, path: Path) -> bool:
    """May `path`'s output go to out_dir/name: nothing there yet, or that input's own earlier output?"""
    if out_dir is None or not (out_dir / name).exists():
        return True
    try:
        source = json.loads((out_dir / name / "manifest.json").read_bytes())["source"]["path"]
    except (OSError, ValueError, KeyError, TypeError):
        return False  # not courtdoc output, or damaged: never overwritten
    return source == path.as_posix()


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


def write_document(doc: Document, out_dir: Path, name: str, extra: Iterable[tuple[str, bytes]] = ()) -> Path:
    """Write `doc` to out_dir/name atomically and return that folder.

    `extra` adds (relative name, content) files, such as the review pages, under the same atomic write.
    """
    if name != Path(name).name or name.startswith(".") or not name:
        raise ValueError(f"unsafe document id {name!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / name
    tmp = _temp_sibling(out_dir, f".{name}.{_run()}.tmp")
    tmp.mkdir()  # mode from the umask like any folder (mkdtemp's 0700 would survive the rename)
    try:
        _write_file(tmp / "manifest.json", manifest_bytes(doc))
        (tmp / "articles").mkdir()
        for article in doc.articles:
            _write_file(tmp / article.file, article_text(article).encode("utf-8"))
        _fsync_dir(tmp / "articles")
        folders = set()
        for rel, data in extra:
            if Path(rel).is_absolute() or ".." in Path(rel).parts:
                raise ValueError(f"unsafe file name {rel!r}")
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            _write_file(tmp / rel, data)
            folders.add((tmp / rel).parent)
        for folder in folders:
            _fsync_dir(folder)
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
        if m and entry.is_dir() and not _run_alive(int(m.group(1)), m.group(2)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _replace_dir(new: Path, final: Path) -> None:
    # rename() cannot replace a non-empty directory: move the old one aside first.
    # A crash between the two renames leaves no final folder (the rerun rewrites it),
    # never a mixed one.
    if final.exists():
        old = _temp_sibling(final.parent, f".{final.name}.{_run()}.old")
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


def _run() -> str:
    """This process as a run: `pid-starttime` where the system tells the start time, else the pid."""
    pid = os.getpid()
    start = _start_time(pid)
    return f"{pid}-{start}" if start else str(pid)


def _run_alive(pid: int, start: str | None) -> bool:
    if start is None:  # a name without the start time: all there is to go by is the pid
        return _pid_alive(pid)
    return _start_time(pid) == start


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux /proc), None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # after the command name, which may hold spaces
    return fields[_STARTTIME_FIELD] if len(fields) > _STARTTIME_FIELD else None


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
