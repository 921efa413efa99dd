"""Input discovery and the source-independent checks every input gets first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from courtdoc.errors import EmptyInput, UnreadableInput, UnsupportedInput
from courtdoc.inputs import check_input, discover, is_page_folder


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_files_folders_and_globs_in_argument_order(tmp_path: Path) -> None:
    a = _touch(tmp_path / "in" / "b.txt")
    b = _touch(tmp_path / "in" / "sub" / "a.pdf")
    _touch(tmp_path / "in" / "notes.docx")  # not an input type: ignored inside folders
    _touch(tmp_path / "in" / ".hidden.txt")
    c = _touch(tmp_path / "other" / "c.md")
    found = discover([str(tmp_path / "other" / "*.md"), str(tmp_path / "in")])
    assert found.documents == [c, a, b]
    assert not found.errors and not found.missing


def test_each_document_once(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.txt")
    (tmp_path / "link.txt").symlink_to(a)
    found = discover([str(a), str(tmp_path), str(tmp_path / "*.txt")])
    assert found.documents == [a]


def test_folder_of_page_images_is_one_document(tmp_path: Path) -> None:
    issue = tmp_path / "2025-06-27"
    for n in (1, 2, 3):
        _touch(issue / f"page-{n}.png")
    assert is_page_folder(issue)
    assert discover([str(tmp_path)]).documents == [issue]
    _touch(issue / "readme.txt")
    assert not is_page_folder(issue)


def test_missing_arguments_and_empty_folders_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _touch(tmp_path / "empty" / "notes.docx")
    found = discover([str(tmp_path / "nope.pdf"), str(tmp_path / "*.nothing"), str(tmp_path / "empty")])
    assert found.documents == []
    reasons = {e.path.name: e.reason for e in found.missing}
    assert reasons == {
        "nope.pdf": "no such file or directory",
        "*.nothing": "no file matches this pattern",
        "empty": "folder has no inputs (PDF, image or text files)",
    }


def test_output_folder_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    a = _touch(tmp_path / "a.txt")
    _touch(tmp_path / "out" / "a" / "articles" / "p01-a01.txt")
    assert discover([str(tmp_path)], exclude=tmp_path / "out").documents == [a]


def test_folder_link_loops_end(tmp_path: Path) -> None:
    a = _touch(tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "again").symlink_to(tmp_path / "in")
    (tmp_path / "in" / "up").symlink_to(tmp_path)
    assert discover([str(tmp_path / "in")]).documents == [a]


def test_links_to_nowhere_and_loops_are_documents_that_check_refuses(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.pdf").symlink_to(tmp_path / "loop.pdf")
    found = discover([str(tmp_path)])
    assert [p.name for p in found.documents] == ["gone.txt", "loop.pdf"]
    with pytest.raises(UnreadableInput, match="dangling symbolic link"):
        check_input(tmp_path / "gone.txt")
    with pytest.raises(UnreadableInput, match="symbolic link loop"):
        check_input(tmp_path / "loop.pdf")


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert discover([str(tmp_path)]).documents == [fifo]
    with pytest.raises(UnsupportedInput, match="not a regular file"):
        check_input(fifo)


def test_zero_byte_files_are_empty(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.txt", "c.png"):
        with pytest.raises(EmptyInput, match=r"empty file \(0 bytes\)"):
            check_input(_touch(tmp_path / name, b""))


def test_empty_page_in_a_page_folder_is_named(tmp_path: Path) -> None:
    _touch(tmp_path / "issue" / "1.png")
    bad = _touch(tmp_path / "issue" / "2.png", b"")
    with pytest.raises(EmptyInput) as info:
        check_input(tmp_path / "issue")
    assert info.value.path == bad


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    locked = _touch(tmp_path / "locked.txt")
    locked.chmod(0)
    try:
        with pytest.raises(UnreadableInput, match="permission denied"):
            check_input(locked)
    finally:
        locked.chmod(0o644)


def test_good_file_passes(tmp_path: Path) -> None:
    check_input(_touch(tmp_path / "a.txt", "法院".encode()))


def test_output_folder_matched_by_a_glob_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "page.txt").write_text("正文\n", encoding="utf-8")
    out = tmp_path / "g" / "out"
    (out / "page" / "articles").mkdir(parents=True)
    (out / "page" / "articles" / "a1.txt").write_text("正文\n", encoding="utf-8")
    found = discover([str(tmp_path / "g" / "**")], exclude=out)
    assert found.documents == [tmp_path / "g" / "page.txt"]
