"""Generate benchmark pages: `python -m bench.generate --out DIR --pages N --seed S`.

Each page gets a folder `DIR/pNNN/` with
- `gold.json`   exact ground truth in the manifest format (bboxes in PDF points, top-left origin)
- `text.pdf`    born-digital page, fonts embedded, fake-bold headlines and captions
- `scan.jpg`    the page rendered at 300 dpi, rotated, toned, blurred, noised, JPEG q50-75
- `scan.pdf`    an image-only PDF of `scan.jpg`, page size of the original
- `garbage.pdf` right ink, unusable text: ToUnicode maps removed (`(cid:N)`) or mapping
                every CJK glyph to a private-use code point (`layout.json` says which)
- `scan.json`   the scan's degradation (dpi, rotation_deg, blur, noise, jpeg_quality, size in px)
- `layout.json` per article the column boxes its body flows through, in reading order

`--quick` makes 2 pages with text.pdf, gold.json and scan.jpg only, from the seed articles alone
(no rmrb extraction), for CI. Everything is a function of the seed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.compose import PageComposer
from bench.corpus import CorpusArticle, load_corpus, seed_quotes
from bench.fonts import register
from bench.degrade import scan_page, strip_tounicode
from bench.render import private_use_text, render_pdf
from bench.styles import house_style

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
WORK = REPO / "bench" / "work"
PAGE_SIZES = [(842.0, 1191.0), (842.0, 1191.0), (864.0, 1224.0)]
FORMS = ("text.pdf", "scan.jpg", "scan.pdf", "garbage.pdf")


def corpus_quotes(arts: list[CorpusArticle]) -> list[tuple[str, str | None]]:
    """Quoted sayings from the corpus paragraphs, usable as pull quotes."""
    out = []
    for a in arts:
        for kind, text in a.blocks:
            if kind != "paragraph":
                continue
            for m in re.finditer(r"(?:强调|指出|表示)：“([^“”]{24,70}[。！])”", text):
                out.append((m.group(1), None))
    return out


def hei_charset(arts: list[CorpusArticle], quotes: list[tuple[str, str | None]]) -> str:
    """Every character any page may set in Hei: headlines, headings, datelines, furniture."""
    from bench import compose

    # 【】: the bracket dateline form of the house styles
    parts = list(compose.PAPERS) + list(compose.PUBLISHERS) + ["星期一二三四五六日年月版０１２３４５６７８９【】"]
    for a in arts:
        parts += [a.title, a.kicker or "", a.subtitle or "", a.dateline or "", a.label or ""]
        parts += [t for k, t in a.blocks if k == "heading"]
    return "".join(sorted(set("".join(parts))))


def body_charset(arts: list[CorpusArticle], quotes: list[tuple[str, str | None]]) -> str:
    """Every character a body face may set: all article text, plus furniture."""
    from bench import compose

    # （）: a byline in the dateline's bracket; 摄 资料图片: photo credits
    parts = list(compose.CONTACTS) + list(compose.EDITORS) + [q for q, _ in quotes] + ["责任编辑：版式设计　（）摄资料图片"]
    for a in arts:
        parts += [a.title, a.byline or "", a.attribution or "", a.dateline or ""] + [t for _, t in a.blocks]
    return "".join(sorted(set("".join(parts))))


def _page_rng(seed: int, page: int) -> random.Random:
    return random.Random(f"courtdoc-bench:{seed}:{page}")


def page_source(name: str) -> tuple[str, str]:
    """(house style, generator) of a page folder: `<style>-pNNN` is set by the style's own
    generator, `<style>.<generator>-pNNN` by the other one (`renmin.classic-p001`)."""
    style, _, generator = name.rsplit("-p", 1)[0].partition(".")
    return style, generator or house_style(style).generator


def make_page(job: tuple) -> dict:
    out_dir, page, seed, forms, arts, quotes, charsets, name = job
    style, generator = page_source(name) if name is not None else ("classic", "classic")
    if generator == "typst":
        return make_styled_page(job)
    faces = register(*charsets, WORK / "fonts")
    # The classic style's pages keep their draw; a house style's classic pages have their own.
    rng = _page_rng(seed, page) if style == "classic" else _page_rng(seed, f"{style}.classic:{page}")
    width, height = rng.choice(PAGE_SIZES)
    # Each page draws its articles from a page-seeded order so pages are independent.
    order = list(range(len(arts)))
    rng.shuffle(order)
    composer = PageComposer(rng, faces, [arts[i] for i in order], quotes, None if style == "classic" else house_style(style))
    lay = composer.compose(page, width, height)
    d = Path(out_dir) / (name or f"p{page:03d}")
    d.mkdir(parents=True, exist_ok=True)
    lay.gold["source"] = {"seed": seed, "page": page} | ({"style": style, "generator": "classic"} if name else {})
    (d / "gold.json").write_text(json.dumps(lay.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    layout = {"page": page, "width": width, "height": height, "articles": lay.regions}
    render_pdf(lay, d / "text.pdf", f"courtdoc bench page {page}")
    scan: dict = {}
    if "scan.jpg" in forms:
        scan = scan_page(d / "text.pdf", d, random.Random(f"scan:{seed}:{page}"), with_pdf="scan.pdf" in forms)
    if "garbage.pdf" in forms:
        # Two kinds of broken text layer seen in the wild: no ToUnicode at all, and a
        # ToUnicode that maps every CJK glyph into the private-use area.
        layout["garbage"] = ("no-tounicode", "private-use")[page % 2]
        if layout["garbage"] == "no-tounicode":
            strip_tounicode(d / "text.pdf", d / "garbage.pdf")
        else:
            with private_use_text():
                render_pdf(lay, d / "garbage.pdf", f"courtdoc bench page {page}")
    (d / "layout.json").write_text(json.dumps(layout, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"page": page, "dir": str(d), "articles": len(lay.gold["articles"]), **scan}


def make_styled_page(job: tuple) -> dict:
    """One page of a house style typeset by Typst (bench.broadsheet), in the same forms and folder layout."""
    from bench.broadsheet import compose_page

    out_dir, page, seed, forms, arts, quotes, _, name = job
    style = house_style(page_source(name)[0])
    pdf, gold, layout = compose_page(_page_rng(seed, f"{style.name}:{page}"), style, arts, quotes, page)  # type: ignore[arg-type]
    d = Path(out_dir) / name
    d.mkdir(parents=True, exist_ok=True)
    gold["source"] = {"seed": seed, "page": page, "style": style.name, "generator": style.generator}
    (d / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (d / "text.pdf").write_bytes(pdf)
    scan: dict = {}
    if "scan.jpg" in forms:
        scan = scan_page(d / "text.pdf", d, random.Random(f"scan:{seed}:{name}"), with_pdf="scan.pdf" in forms)
    if "garbage.pdf" in forms:
        # Typst writes one Type0 font per face with an uncompressed /ToUnicode key;
        # without it a reader sees glyph ids only.
        layout["garbage"] = "no-tounicode"
        strip_tounicode(d / "text.pdf", d / "garbage.pdf")
    (d / "layout.json").write_text(json.dumps(layout, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"page": page, "dir": str(d), "articles": len(gold["articles"]), **scan}


def style_page_names(styles: list[str], pages_per_style: int, classic_pages: int = 0) -> list[tuple[str, int]]:
    """(folder name, page number) of every page: `<style>-pNNN`, styles in the given order, then
    `classic_pages` of every Typst style the classic generator can set (`<style>.classic-pNNN`)."""
    own = [(f"{s}-p{n:03d}", n) for s in styles for n in range(1, pages_per_style + 1)]
    other = [
        (f"{s}.classic-p{n:03d}", n) for s in styles if house_style(s).generator == "typst" and house_style(s).classic_set for n in range(1, classic_pages + 1)
    ]
    return own + other


def generate_styles(
    out: Path,
    styles: list[str],
    pages_per_style: int,
    seed: int,
    *,
    rmrb: bool = True,
    forms: tuple[str, ...] = FORMS,
    workers: int = 1,
    classic_pages: int = 0,
) -> list[dict]:
    """`pages_per_style` pages of every style under `out/<style>-pNNN/` (classic: bench.compose, others: Typst),
    and `classic_pages` of every Typst style set by bench.compose (`<style>.classic-pNNN/`, text.pdf only:
    they compare the generators on the same conventions, and OCR work stays on the styles' own pages)."""
    arts = load_corpus(SHARED, WORK, with_rmrb=rmrb)
    quotes = seed_quotes(SHARED) + corpus_quotes(arts)
    charsets = (hei_charset(arts, quotes), body_charset(arts, quotes))
    if "classic" in styles or classic_pages:
        register(*charsets, WORK / "fonts")
    jobs = [
        (str(out), n, seed, forms if "." not in name else ("text.pdf",), arts, quotes, charsets, name)
        for name, n in style_page_names(styles, pages_per_style, classic_pages)
    ]
    return _make_pages(jobs, workers)


def generate(
    out: Path,
    pages: int,
    seed: int,
    *,
    rmrb: bool = True,
    forms: tuple[str, ...] = FORMS,
    workers: int = 1,
    first: int = 1,
) -> list[dict]:
    """Write pages `first`..`first+pages-1` under `out`; `rmrb` False uses the seed articles only."""
    arts = load_corpus(SHARED, WORK, with_rmrb=rmrb)
    quotes = seed_quotes(SHARED) + corpus_quotes(arts)
    charsets = (hei_charset(arts, quotes), body_charset(arts, quotes))
    register(*charsets, WORK / "fonts")  # build the font cache once, before workers start
    jobs = [(str(out), p, seed, forms, arts, quotes, charsets, None) for p in range(first, first + pages)]
    return _make_pages(jobs, workers)


def _make_pages(jobs: list[tuple], workers: int) -> list[dict]:
    if workers <= 1:
        return [make_page(j) for j in jobs]
    # Spawned, not forked: a process that already ran Typst holds its compiler's threads, and a
    # forked child inheriting them waits for ever on its first compile.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
        return list(ex.map(make_page, jobs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WORK / "pages")
    ap.add_argument("--pages", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="2 pages, text.pdf + gold + scan.jpg, seed articles only")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    pages = 2 if args.quick and args.pages == 24 else args.pages
    t = time.perf_counter()
    forms = ("text.pdf", "scan.jpg") if args.quick else FORMS
    rows = generate(args.out, pages, args.seed, rmrb=not args.quick, forms=forms, workers=args.workers)
    n_art = sum(r["articles"] for r in rows)
    print(f"{len(rows)} pages, {n_art} articles -> {args.out} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
