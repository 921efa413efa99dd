from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from courtdoc import output
from courtdoc.model import SCHEMA, Article, Document, Issue, Note, PageInfo, Source, TextBlock
from courtdoc.output import article_text, doc_id, remove_stale, write_document


def sample_document() -> Document:
    return Document(
        source=Source(path="in/2025-06-27-05.txt", sha256="ab" * 32, kind="text"),
        issue=Issue(paper="法院专刊", publisher="内蒙古自治区高级人民法院", date="2025-06-27", page_label="05版"),
        pages=[PageInfo(number=1, method="text")],
        articles=[
            Article(
                id="p01-a01",
                page=1,
                kicker=None,
                title="仲夏时节话法治 开门纳谏听民声",
                subtitle="——赤峰中院召开征求意见座谈会",
                byline="本报通讯员●周雪莹",
                dateline="赤峰讯",
                blocks=[
                    TextBlock("paragraph", "6月25日，赤峰市中级人民法院召开征求意见座谈会。"),
                    TextBlock("heading", "筑牢政治忠诚 扛牢政治担当"),
                    TextBlock("paragraph", "会议强调，要坚持公正司法。"),
                ],
                attribution="（赤峰市中级人民法院供稿）",
                captions=["实训基地启动仪式。", "张卓 摄"],
            )
        ],
        furniture=["法院专刊", "邮箱: nmgfyzk@126.com"],
        notes=[Note("pull-quote", "持续抓好全国两会精神贯彻落实", "——张军")],
    )


def test_manifest_follows_the_contract(tmp_path: Path) -> None:
    folder = write_document(sample_document(), tmp_path, "2025-06-27-05")
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert list(data) == ["schema", "source", "issue", "pages", "articles", "furniture", "notes"]
    article = data["articles"][0]
    assert article["file"] == "articles/p01-a01.txt"
    assert article["blocks"][1] == {"type": "heading", "text": "筑牢政治忠诚 扛牢政治担当"}
    assert data["notes"][0]["source"] == "——张军"
    assert Document.from_manifest(data).to_manifest() == data


def test_article_file_layout() -> None:
    text = article_text(sample_document().articles[0])
    assert text == (
        "仲夏时节话法治 开门纳谏听民声\n——赤峰中院召开征求意见座谈会\n本报通讯员●周雪莹\n\n"
        "赤峰讯　6月25日，赤峰市中级人民法院召开征求意见座谈会。\n\n"
        "筑牢政治忠诚 扛牢政治担当\n\n会议强调，要坚持公正司法。\n\n"
        "（赤峰市中级人民法院供稿）\n\n图：实训基地启动仪式。\n\n图：张卓 摄\n"
    )


def test_rewrite_is_byte_identical(tmp_path: Path) -> None:
    first = write_document(sample_document(), tmp_path, "doc")
    before = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    second = write_document(sample_document(), tmp_path, "doc")
    after = {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()}
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]


def test_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = output._write_file

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(output, "_write_file", failing)
    with pytest.raises(OSError):
        write_document(sample_document(), tmp_path, "doc")
    assert list(tmp_path.iterdir()) == []


def test_failed_rewrite_keeps_previous_complete_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_document(sample_document(), tmp_path, "doc")
    before = (folder / "manifest.json").read_bytes()

    def failing(path: Path, data: bytes) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(output, "_write_file", failing)
    with pytest.raises(OSError):
        write_document(sample_document(), tmp_path, "doc")
    assert (folder / "manifest.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]


def test_stale_temp_folders_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / ".doc.999999999.tmpabc"
    dead.mkdir()
    (dead / "manifest.json").write_text("{}")
    keep = tmp_path / "doc"
    keep.mkdir()
    assert remove_stale(tmp_path) == [dead]
    assert [p.name for p in tmp_path.iterdir()] == ["doc"]


@pytest.mark.parametrize(
    "name",
    ["../evil.pdf", "/etc/passwd", ".hidden.pdf", "法院专刊 2025-06-27.pdf", "x" * 300 + ".txt", "..", "a/b/../../c.md"],
)
def test_doc_id_is_ascii_safe_and_cannot_escape(tmp_path: Path, name: str) -> None:
    ident = doc_id(Path(name))
    assert ident and ident.isascii() and "/" not in ident and not ident.startswith(".")
    assert len(ident) <= output.MAX_ID_LEN
    assert (tmp_path / ident).resolve().parent == tmp_path.resolve()


def test_doc_id_keeps_plain_names_and_separates_lossy_ones() -> None:
    assert doc_id(Path("in/2025-06-27-05.pdf")) == "2025-06-27-05"
    assert doc_id(Path("法院专刊一.pdf")) != doc_id(Path("法院专刊二.pdf"))
    assert doc_id(Path("法院专刊一.pdf")) == doc_id(Path("other/法院专刊一.pdf"))


def test_unsafe_names_are_refused(tmp_path: Path) -> None:
    for bad in ("../x", ".x", "a/b", ""):
        with pytest.raises(ValueError):
            write_document(sample_document(), tmp_path, bad)


def test_document_folders_get_ordinary_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        folder = write_document(sample_document(), tmp_path, "doc")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "manifest.json").stat().st_mode) == 0o644


def test_temp_folder_of_a_dead_run_is_removed_though_its_pid_lives(tmp_path: Path) -> None:
    # PID 1 in a container, or this very pid reused: alive, but started at another time than the run.
    for pid in (1, os.getpid()):
        (tmp_path / f".doc.{pid}-1.tmpabc").mkdir()
    live = tmp_path / f".doc.{output._run()}.tmpdef"
    live.mkdir()
    remove_stale(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [live.name]


def test_crafted_names_cannot_take_another_inputs_folder() -> None:
    paths = [Path(n) for n in ("a.md", "a.txt", "a-md.txt", "a-md-fecccc97.txt", "a-txt.txt")]
    ids = output.unique_ids(paths)
    assert len(set(ids.values())) == len(paths)
    assert ids[Path("a-md.txt")] == "a-md" and ids[Path("a-md-fecccc97.txt")] == "a-md-fecccc97"
    # Every name given, as an input of its own: each still gets a folder of its own.
    crafted = list(dict.fromkeys([*paths, *(Path(f"{name}.txt") for name in ids.values())]))
    assert len(crafted) > len(paths)
    assert len(set(output.unique_ids(crafted).values())) == len(crafted)


def test_ids_never_take_a_folder_holding_another_inputs_output(tmp_path: Path) -> None:
    doc = sample_document()
    write_document(doc, tmp_path, "a")  # the output of sample_document's own source
    assert output.unique_ids([Path("elsewhere/a.txt")], tmp_path) != {Path("elsewhere/a.txt"): "a"}
    own = Path(doc.source.path)
    write_document(doc, tmp_path, doc_id(own))
    assert output.unique_ids([own], tmp_path) == {own: doc_id(own)}  # a rerun rewrites its own folder
    (tmp_path / "b").mkdir()  # not courtdoc's: never overwritten
    assert output.unique_ids([Path("b.txt")], tmp_path)[Path("b.txt")].startswith("b-")
