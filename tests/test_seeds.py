"""End to end on the seeds: courtdoc.pipeline.process against the seed golds.

Golds keep punctuation as printed; courtdoc writes full-width punctuation in
Chinese text, so comparisons go through `courtdoc.evaluate.norm` (NFKC,
whitespace removed). Beyond the seeds as given, the same golds are re-typeset
as wrapped newspaper columns (with and without blank lines, as traditional
characters, in GBK) to check that the rules follow the text's structure, not
the seeds' particular line breaks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest

from courtdoc.evaluate import norm, score_manifest, summarize
from courtdoc.pipeline import process
from courtdoc.repair.wraps import char_width

SEEDS = [
    "000_dc487b75dec15628",
    "001_2ad9ec113a39b423",
    "002_b0665593f832c07b",
    "003_a82065695fc53cde",
    "004_342218e65a55f33e",
]
NO_LINE_START = "，。、；：？！”’）》…,.;:?!)"


def _gold(shared_dir: Path, stem: str) -> dict[str, Any]:
    return json.loads((shared_dir / "golden" / "seeds" / f"{stem}.gold.json").read_text(encoding="utf-8"))


def _assert_meets_the_bar(gold: dict[str, Any], manifest: dict[str, Any], name: str) -> None:
    score = score_manifest(gold, manifest, name)
    s = summarize([score])
    report = json.dumps(s, ensure_ascii=False)
    assert s["f1"] == 1.0, report
    assert s["title_accuracy"] == 1.0, report
    assert s["break_f1"] >= 0.97, report
    assert s["cer"] <= 0.002, report
    assert s["doubled"] == 0 and s["leaks"] == 0, report
    assert all(v == 1.0 for v in s["field_accuracy"].values()), report


@pytest.fixture(scope="module")
def manifests(shared_dir: Path) -> dict[str, dict[str, Any]]:
    return {stem: process(shared_dir / "seeds" / f"{stem}.txt").to_manifest() for stem in SEEDS}


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_meets_the_bar(shared_dir: Path, manifests: dict[str, dict[str, Any]], stem: str) -> None:
    _assert_meets_the_bar(_gold(shared_dir, stem), manifests[stem], stem)


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_fields_blocks_notes_furniture_and_issue_exact(
    shared_dir: Path, manifests: dict[str, dict[str, Any]], stem: str
) -> None:
    gold, got = _gold(shared_dir, stem), manifests[stem]
    assert got["issue"] == gold["issue"]
    assert [norm(f) for f in got["furniture"]] == [norm(f) for f in gold["furniture"]]
    assert [(n["type"], norm(n["text"]), norm(n.get("source"))) for n in got["notes"]] == [
        (n["type"], norm(n["text"]), norm(n.get("source"))) for n in gold["notes"]
    ]
    assert len(got["articles"]) == len(gold["articles"])
    for g, p in zip(gold["articles"], got["articles"]):
        assert p["id"] == f"p01-{g['id']}"
        for key in ("kicker", "title", "subtitle", "byline", "dateline", "attribution"):
            assert (p[key] is None) == (g[key] is None) and norm(p[key]) == norm(g[key]), (g["id"], key)
        assert [(b["type"], norm(b["text"])) for b in p["blocks"]] == [
            (b["type"], norm(b["text"])) for b in g["blocks"]
        ]
        assert sorted(map(norm, p["captions"])) == sorted(map(norm, g["captions"]))


def test_column_break_inside_a_sentence_is_joined(manifests: dict[str, dict[str, Any]]) -> None:
    text = "".join(b["text"] for a in manifests["001_2ad9ec113a39b423"]["articles"] for b in a["blocks"])
    assert "深入开展专项行动" in text


def test_no_markup_or_stray_whitespace_in_output(manifests: dict[str, dict[str, Any]]) -> None:
    for manifest in manifests.values():
        for art in manifest["articles"]:
            for b in art["blocks"]:
                assert "#" not in b["text"] and "**" not in b["text"]
                assert "\n" not in b["text"] and b["text"] == b["text"].strip()


def test_traditional_seed_comes_back_simplified(shared_dir: Path, tmp_path: Path) -> None:
    stem = SEEDS[2]
    trad = opencc.OpenCC("s2t").convert((shared_dir / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"))
    path = tmp_path / f"{stem}.txt"
    path.write_text(trad, encoding="utf-8")
    manifest = process(path).to_manifest()
    _assert_meets_the_bar(_gold(shared_dir, stem), manifest, "traditional")
    assert manifest["issue"] == _gold(shared_dir, stem)["issue"]


# --- the golds re-typeset as wrapped columns ----------------------------------------------


def _wrap(text: str, cells: int, indent: int) -> list[str]:
    """Greedy column wrap in display cells, the first line `indent` cells narrower; marks never start a line."""
    lines, line, width, limit = [], "", 0, cells - indent
    for ch in text:
        w = char_width(ch)
        if line and width + w > limit and ch not in NO_LINE_START:
            lines.append(line)
            line, width, limit = "", 0, cells
        line += ch
        width += w
    return [*lines, line] if line else lines


def _typeset(gold: dict[str, Any], cells: int, blank: str) -> str:
    """A gold page as extracted column text: one printed line per source line, indents stripped."""
    out: list[str] = []
    out += gold["furniture"]
    for note in gold["notes"]:
        out += [note["text"]] + ([note["source"]] if note.get("source") else [])
    for art in gold["articles"]:
        out += [art[k] for k in ("kicker", "title", "subtitle", "byline") if art[k] and k != "byline"]
        if art["byline"] and not (art["dateline"] and art["id"] == "a01" and "记者" in art["byline"]):
            out.append(art["byline"])
        paragraphs = [b for b in art["blocks"]]
        first = next(i for i, b in enumerate(paragraphs) if b["type"] == "paragraph")
        for i, b in enumerate(paragraphs):
            text = b["text"]
            if i == first and art["dateline"]:
                lead = art["dateline"]
                if art["byline"] and "记者" in art["byline"] and art["id"] == "a01":
                    lead += f"({art['byline']})"
                text = f"{lead} {text}"
            if i == len(paragraphs) - 1 and art["attribution"]:
                text += art["attribution"]
            out += [text] if b["type"] == "heading" else _wrap(text, cells, indent=4)
        out += [_fake_bold(c) for c in art["captions"]]
    return blank.join(out) + "\n"


def _fake_bold(caption: str) -> str:
    """A bold caption as stream-order extraction gives it (text doubled, then its mark); credits stay plain."""
    if caption[-1] not in "。！？":
        return caption
    return caption[:-1] * 2 + caption[-1] * 2


@pytest.mark.parametrize("cells", [40, 48])
@pytest.mark.parametrize("blank", ["\n", "\n\n"], ids=["no-blank-lines", "blank-after-every-line"])
@pytest.mark.parametrize("stem", SEEDS)
def test_rewrapped_gold_is_rebuilt(shared_dir: Path, tmp_path: Path, stem: str, cells: int, blank: str) -> None:
    gold = _gold(shared_dir, stem)
    path = tmp_path / f"{stem}-{cells}.txt"
    path.write_text(_typeset(gold, cells, blank), encoding="utf-8")
    _assert_meets_the_bar(gold, process(path).to_manifest(), path.name)


def test_rewrapped_gbk_with_consistent_blank_paragraph_lines(shared_dir: Path, tmp_path: Path) -> None:
    stem = SEEDS[4]
    gold = _gold(shared_dir, stem)
    text = _typeset(gold, 40, "\n")
    # a blank line after each paragraph's last line only: blank lines mean paragraph ends here
    lines = text.split("\n")
    spaced = [ln + ("\n" if ln.endswith(("。", "”", ")", "）")) else "") for ln in lines]
    path = tmp_path / f"{stem}-gbk.txt"
    path.write_bytes("\n".join(spaced).encode("gbk"))
    _assert_meets_the_bar(gold, process(path).to_manifest(), path.name)
