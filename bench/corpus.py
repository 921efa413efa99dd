"""Real article text for the benchmark pages.

Two sources, both written by people outside this project:
- the seed golds (`shared/golden/seeds/*.gold.json`): court-paper articles with
  every field filled by hand;
- the 99 articles of `shared/realworld/rmrb/rmrb_20251020.pdf`, a single-column
  re-typesetting of one day of 人民日报. Each article there is a 28 pt title
  (wrapped), an optional 10 pt byline, the line `《人民日报》（2025年10月20日 第 NN
  版）`, then 12 pt body lines whose first-line indent marks a paragraph start.

The PDF is read once with pdfplumber and cached as JSON under `bench/work/`,
keyed by the file's sha256, because reading 228 pages takes half a minute.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

MARKER = re.compile(r"^《人民日报》（(\d{4})年(\d{1,2})月(\d{1,2})日\s*第\s*(\d+)\s*版）$")
# A dateline opening the first paragraph, e.g. `新华社北京10月19日电 ` or
# `本报南平10月19日电 （记者刘晓宇）`; the parenthesised reporter becomes the byline,
# as in the seed golds (`本报讯(记者 金丽)` -> dateline 本报讯, byline 记者 金丽), whoever
# the reporter writes for (`（人民网记者李唯一）`: the byline, not the body's first words).
DATELINE = re.compile(r"^((?:新华社|本报|人民网|央视网|中新社)[^，。“”（）\s]{0,16}?电)\s*(?:（([^（）\s]{0,6}?记者[^）]{1,20})）)?\s*")
TRAILING_LABEL = re.compile(r"^(.+?)（([^（）]{2,24})）$")
SENTENCE_END = "。！？…"
CACHE_VERSION = 3


@dataclass(slots=True)
class CorpusArticle:
    """One article's printable fields; `blocks` are (type, text) pairs."""

    source: str
    title: str
    blocks: list[tuple[str, str]]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    attribution: str | None = None
    captions: list[str] = field(default_factory=list)
    label: str | None = None  # column label printed above the headline (a note)

    @property
    def body_chars(self) -> int:
        return sum(len(t) for _, t in self.blocks)

    @staticmethod
    def from_dict(d: dict) -> CorpusArticle:
        d = dict(d)
        d["blocks"] = [(b[0], b[1]) for b in d["blocks"]]
        return CorpusArticle(**d)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def seed_articles(shared: Path) -> list[CorpusArticle]:
    """Articles of the hand-made seed golds, with their notes as extra material."""
    out = []
    for path in sorted((shared / "golden" / "seeds").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        labels = [n["text"] for n in gold.get("notes", []) if n.get("type") == "column-label"]
        for i, a in enumerate(gold["articles"]):
            out.append(
                CorpusArticle(
                    source=f"seed:{path.name}#{a['id']}",
                    title=a["title"],
                    blocks=[(b["type"], b["text"]) for b in a["blocks"]],
                    kicker=a.get("kicker"),
                    subtitle=a.get("subtitle"),
                    byline=a.get("byline"),
                    dateline=a.get("dateline"),
                    attribution=a.get("attribution"),
                    captions=list(a.get("captions") or []),
                    label=labels[0] if labels and i == 0 else None,
                )
            )
    return out


def seed_quotes(shared: Path) -> list[tuple[str, str | None]]:
    """Pull quotes (text, source) printed on the seed pages."""
    quotes = []
    for path in sorted((shared / "golden" / "seeds").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        quotes += [(n["text"], n.get("source")) for n in gold.get("notes", []) if n.get("type") == "pull-quote"]
    return quotes


def _rmrb_lines(pdf_path: Path) -> list[tuple[float, float, str]]:
    """(x0, size, text) of every printed line, page footers dropped."""
    import pdfplumber

    lines = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for ln in page.extract_text_lines():
                size = round(ln["chars"][0]["size"], 1)
                if size < 9.5:  # `第 N 页` footer
                    continue
                lines.append((ln["x0"], size, ln["text"]))
    return lines


def _is_heading(text: str) -> bool:
    return len(text) <= 26 and text[-1] not in "。！？…”：；，、）)" and not text.endswith("——")


def _rmrb_article(title_lines: list[str], rest: list[tuple[float, float, str]], edition: str) -> CorpusArticle | None:
    byline = None
    body: list[tuple[float, float, str]] = []
    seen_marker = False
    for x0, size, text in rest:
        if not seen_marker:
            if MARKER.match(text):
                seen_marker = True
            elif size <= 10.5:
                byline = text
            continue
        body.append((x0, size, text))
    paras: list[tuple[str, str]] = []
    captions: list[str] = []
    attribution = None
    for x0, size, text in body:
        if attribution:  # a closing credit is only one when nothing follows it
            paras.append(("heading", attribution))
            attribution = None
        if size >= 13:  # 14 pt lines: section numbers, photo credits, closing credits
            if text.endswith("摄"):
                captions.append(text)
            elif text.startswith("（") and text.endswith("）") and not re.fullmatch(r"（[一二三四五六七八九十]+）", text):
                attribution = text
            elif text not in ("…………",) and not text.startswith(("本版数据来源", "版式设计")):
                paras.append(("heading", text))
            continue
        if x0 > 45 or not paras or paras[-1][0] != "paragraph":
            paras.append(("paragraph", text))
        else:
            paras[-1] = ("paragraph", paras[-1][1] + text)
    blocks = [("heading", t) if k == "paragraph" and _is_heading(t) and i > 0 else (k, t) for i, (k, t) in enumerate(paras)]
    blocks = [(k, t.strip()) for k, t in blocks if t.strip()]
    if not blocks:
        return None
    dateline = None
    kind, first = blocks[0]
    m = DATELINE.match(first)
    if m and kind == "paragraph" and len(first) > m.end() + 10:
        dateline = m.group(1)
        if m.group(2) and not byline:
            byline = m.group(2)
        blocks[0] = ("paragraph", first[m.end() :])
    title = "".join(title_lines).strip()
    kicker = None
    m = TRAILING_LABEL.match(title)
    if m:
        title, kicker = m.group(1), m.group(2)
    return CorpusArticle(
        source=f"rmrb:{edition}:{title}",
        title=title,
        blocks=blocks,
        kicker=kicker,
        byline=byline.replace("\u3000", " ") if byline else None,
        dateline=dateline,
        attribution=attribution,
        captions=captions,
    )


def rmrb_articles(pdf_path: Path) -> list[CorpusArticle]:
    """The articles of the rmrb PDF, in print order (editor-list entries skipped)."""
    lines = _rmrb_lines(pdf_path)
    # Each article starts at a run of 28 pt title lines that is followed, within a
    # few lines, by its 《人民日报》 marker; the table of contents (11 pt) is skipped.
    starts = [i for i, (_, s, _) in enumerate(lines) if s >= 20 and (i == 0 or lines[i - 1][1] < 20)]
    articles = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        j = i
        while j < end and lines[j][1] >= 20:
            j += 1
        title_lines = [t for _, _, t in lines[i:j]]
        chunk = lines[j:end]
        marker = next((t for _, _, t in chunk[:4] if t.startswith("《人民日报》")), None)
        if marker is None:
            continue
        edition = re.sub(r"\D", "", marker.split("第")[-1]) or "?"
        art = _rmrb_article(title_lines, chunk, edition)
        headings = sum(k == "heading" for k, _ in art.blocks) if art else 0
        # Poems (every line a "heading") and one-line notices make poor articles.
        if art and art.body_chars >= 150 and headings * 2 <= len(art.blocks) and "责编：" not in art.title:
            articles.append(art)
    return articles


def load_corpus(shared: Path, cache_dir: Path, *, with_rmrb: bool = True) -> list[CorpusArticle]:
    """Seed articles, then (unless `with_rmrb` is False) the unique rmrb articles."""
    arts = seed_articles(shared)
    if not with_rmrb:
        return arts
    pdf = shared / "realworld" / "rmrb" / "rmrb_20251020.pdf"
    digest = sha256(pdf)
    cache = cache_dir / f"rmrb-{digest[:16]}-v{CACHE_VERSION}.json"
    if cache.exists():
        rm = [CorpusArticle.from_dict(d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        rm = rmrb_articles(pdf)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(a) for a in rm], ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(cache)
    seen = set()
    for a in rm:
        key = (a.title, a.blocks[0][1][:40])
        if key not in seen:
            seen.add(key)
            arts.append(a)
    return arts
