"""Check that a generated page prints exactly its gold, reading the PDF with pdfplumber only.

`python -m bench.verify DIR...` checks page folders (or folders of them) and
prints one line per mismatch; exit status 1 when any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pdfplumber

# Fake-bold copies are offset by at most 2.5 pt across and 1.25 pt down; their sizes
# differ in the last float digits (the text matrix moved), so size is not compared.
DEDUPE = dict(tolerance=3, extra_attrs=("fontname",))
# Typst lets punctuation it sets half width overhang the measure (a line-end `，`, a
# line-start `“`), so its centre may lie just outside the box; gutters are 7 pt or
# more and a neighbour's glyph centres stand half a glyph (4.5 pt at least) inside its
# column, so 4 pt either side never reaches them.
PAD_X = 4.0


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(article: dict) -> str:
    """What an article's column boxes print, in order: dateline, blocks, attribution."""
    return squash((article["dateline"] or "") + "".join(b["text"] for b in article["blocks"]) + (article["attribution"] or ""))


def text_in(page, box) -> str:
    """The text of the characters whose centre lies in `box` (a glyph hanging into a
    neighbour's box, like opening punctuation an engine pulls into the margin, stays home),
    in the order the PDF draws them: Typst sets `，“` as two half-width glyphs that
    overlap, so sorting a line by x would swap them."""
    x0, top, x1, bottom = box
    x0, x1 = x0 - PAD_X, x1 + PAD_X

    def inside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom

    return squash(page.filter(inside).extract_text(use_text_flow=True))


def verify_page(page_dir: Path) -> list[str]:
    """Mismatches between `gold.json` and what `text.pdf` prints (empty when exact)."""
    gold = json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))
    layout = json.loads((page_dir / "layout.json").read_text(encoding="utf-8"))
    regions = {r["id"]: r for r in layout["articles"]}
    problems = []
    with pdfplumber.open(page_dir / "text.pdf") as pdf:
        page = pdf.pages[0].dedupe_chars(**DEDUPE)
        whole = squash(page.extract_text())
        # A note set over several lines beside other text (a 栏目 logo beside its headline, a pull
        # quote in one column of a body) is interleaved with it line by line; in drawing order it is whole.
        drawn = squash(page.extract_text(use_text_flow=True))
        for a in gold["articles"]:
            region = regions[a["id"]]
            # A page source whose print differs from the fields (a byline set in the dateline's
            # bracket, a bracketed dateline) says what it printed; the gold fields are in it.
            shown = region.get("printed", {})
            head = text_in(page, region["headline"])
            printed = squash(shown.get("headline") or "".join(a[f] for f in ("kicker", "title", "subtitle", "byline") if a[f]))
            if head != printed:
                problems.append(f"{page_dir.name} {a['id']} headline: {head!r} != {printed!r}")
            if a["captions"] and region["photo"] is None:
                problems.append(f"{page_dir.name} {a['id']} captions but no photo box")
            elif a["captions"]:
                photo = text_in(page, region["photo"])
                if photo != squash("".join(a["captions"])):
                    problems.append(f"{page_dir.name} {a['id']} captions: {photo!r}")
            body = "".join(text_in(page, (x0, top - 1, x1, bottom + 1)) for x0, top, x1, bottom in region["flow"])
            want = squash(shown["body"]) if "body" in shown else body_text(a)
            if body != want:
                i = next((k for k, (p, q) in enumerate(zip(body, want)) if p != q), min(len(body), len(want)))
                problems.append(f"{page_dir.name} {a['id']} body differs at {i}: {body[i:i + 20]!r} != {want[i:i + 20]!r}")
        for text in gold["furniture"] + [n["text"] for n in gold["notes"]]:
            if squash(text) not in whole and squash(text) not in drawn:
                problems.append(f"{page_dir.name} not printed: {text!r}")
    return problems


def page_dirs(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        out += [p] if (p / "gold.json").exists() else sorted(d for d in p.iterdir() if (d / "gold.json").exists())
    return out


def main(argv: list[str] | None = None) -> int:
    dirs = page_dirs([Path(a) for a in (argv if argv is not None else sys.argv[1:])])
    problems = [p for d in dirs for p in verify_page(d)]
    for p in problems:
        print(p)
    n = sum(len(json.loads((d / "gold.json").read_text(encoding="utf-8"))["articles"]) for d in dirs)
    print(f"{len(dirs)} pages, {n} articles, {len(problems)} mismatches", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
