"""Text input: encodings detected (never mis-decoded silently), Markdown hints, bad input refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from courtdoc.errors import CorruptInput, EmptyInput
from courtdoc.pipeline import process
from courtdoc.sources.text import decode_text, parse_line, read_text_pages

SEED = "002_b0665593f832c07b.txt"


@pytest.fixture(scope="module")
def seed_text(shared_dir: Path) -> str:
    return (shared_dir / "seeds" / SEED).read_text(encoding="utf-8")


ENCODINGS = [
    ("utf-8-bom", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf-16-le-bom", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    ("utf-16-be-bom", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("utf-16-le", lambda t: t.encode("utf-16-le")),
    ("utf-16-be", lambda t: t.encode("utf-16-be")),
    ("gbk", lambda t: t.encode("gbk")),
    ("gb18030", lambda t: t.encode("gb18030")),
    ("utf-32-bom", lambda t: t.encode("utf-32")),
]


@pytest.mark.parametrize(("name", "encode"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_supported_encoding_decodes_to_the_same_text(seed_text: str, tmp_path: Path, name: str, encode) -> None:
    path = tmp_path / f"seed-{name}.txt"
    path.write_bytes(encode(seed_text))
    assert decode_text(path.read_bytes(), path) == seed_text
    lines = [ln.text for ln in read_text_pages(path)[0].lines]
    assert "2025年06月27日 05版" in lines
    assert "仲夏时节话法治 开门纳谏听民声" in lines


def test_gbk_input_gives_the_same_articles_as_utf8(shared_dir: Path, seed_text: str, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_text.encode("gbk"))
    want = process(shared_dir / "seeds" / SEED).to_manifest()
    got = process(gbk).to_manifest()
    assert got["articles"] == want["articles"]
    assert got["issue"] == want["issue"] and got["notes"] == want["notes"]


def test_gbk_bytes_are_not_taken_for_latin1_or_utf8(tmp_path: Path) -> None:
    text = "法院专刊 审执结3226件，结案率97.79%。"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    assert decode_text(path.read_bytes(), path) == text


def test_zero_byte_file_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInput):
        read_text_pages(path)


def test_whitespace_only_file_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(EmptyInput):
        read_text_pages(path)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(128, 256)) * 20,
        b"%PDF-1.7\n" + bytes([0x80, 0x81, 0xFF, 0xFE, 0x00, 0x01]) * 300,
    ],
    ids=["png", "high-bytes", "pdf-ish"],
)
def test_binary_is_refused_with_a_reason(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(data)
    with pytest.raises(CorruptInput) as err:
        read_text_pages(path)
    assert err.value.reason.startswith("not text")


def test_markdown_headings_and_bold_become_hints_with_markup_stripped() -> None:
    assert parse_line("## 仲夏时节话法治 开门纳谏听民声") == parse_line("## 仲夏时节话法治 开门纳谏听民声 ##")
    heading = parse_line("### 锤炼政治品格 夯实思想基础")
    assert (heading.text, heading.markup) == ("锤炼政治品格 夯实思想基础", "h3")
    bold = parse_line("**赤峰讯** 6月25日,赤峰市中级人民法院召开征求意见座谈会")
    assert (bold.text, bold.markup) == ("赤峰讯 6月25日,赤峰市中级人民法院召开征求意见座谈会", "bold")
    plain = parse_line("#话题# 不是标题")
    assert (plain.text, plain.markup) == ("#话题# 不是标题", None)


def test_blank_lines_kept_and_trailing_hard_breaks_stripped(shared_dir: Path) -> None:
    page = read_text_pages(shared_dir / "seeds" / "003_a82065695fc53cde.txt")[0]
    texts = [ln.text for ln in page.lines]
    assert texts[:2] == ["", ""]
    assert "立足司法职能 深化诉源治理" in texts  # printed with a Markdown hard break ("  ")
    assert page.lines[texts.index("谋篇定方向 蓄力开新局")].markup == "h1"
    assert all(ln.bbox is None for ln in page.lines)


def test_form_feed_starts_a_new_page(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text("第一版标题\n正文。\f第二版标题\n正文。\n", encoding="utf-8")
    pages = read_text_pages(path)
    assert [p.number for p in pages] == [1, 2]
    assert pages[1].lines[0].text == "第二版标题"


def test_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("标题\r\n\r\n正文第一行，\r\n第二行。\r\n".encode())
    assert [ln.text for ln in read_text_pages(path)[0].lines] == ["标题", "", "正文第一行，", "第二行。", ""]


def test_big5_traditional_text_is_read_as_big5(seed_text: str, tmp_path: Path) -> None:
    import opencc

    s2t = opencc.OpenCC("s2t")
    trad = "\n".join(t for t in map(s2t.convert, seed_text.split("\n")) if _encodes(t, "big5"))
    assert len(trad) > 1000
    path = tmp_path / "big5.txt"
    path.write_bytes(trad.encode("big5"))
    assert decode_text(path.read_bytes(), path) == trad


def test_other_legacy_encodings_are_refused_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes(("東京都の裁判所は、これを認めた。\n" * 20).encode("shift_jis"))
    with pytest.raises(CorruptInput) as err:
        read_text_pages(path)
    assert "unlikely characters" in err.value.reason or "no UTF-8" in err.value.reason


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_markdown_image_references_carry_no_text() -> None:
    assert parse_line("![](images/0f3c2a.jpg)").text == ""
    assert parse_line("  ![图1](images/a.png)  ").text == ""
    assert parse_line("见图![](x.png)说明").text == "见图![](x.png)说明"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_every_seed_in_utf16_without_bom_is_read(shared_dir: Path, encoding: str) -> None:
    # Four of the five seeds once failed here: 一 (U+4E00) and 开 (U+5F00) put NULs where ASCII would.
    for seed in sorted((shared_dir / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        assert decode_text(text.encode(encoding), seed) == text, seed.name


def test_han_only_utf16_without_newlines_is_read(tmp_path: Path) -> None:
    text = "一开工就开展一系列工作" * 20
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_text(text.encode(encoding), tmp_path / "x.txt") == text


def test_ascii_stays_ascii_though_its_byte_pairs_read_as_han_in_utf16(tmp_path: Path) -> None:
    assert decode_text(b"Bush hid the facts", tmp_path / "x.txt") == "Bush hid the facts"
