"""The data that flows through courtdoc, from source lines to the manifest.

Every source (PDF text layer, OCR, plain text) produces `PageText`: positioned
lines. Layout turns a page into `Block`s in reading order, each with a role.
Segmentation groups blocks into `Article`s. A `Document` is what the manifest
serialises. Everything here is plain data: no I/O, no behaviour beyond
(de)serialisation, so pages can cross process boundaries (CLI workers, Prefect
tasks) by pickling or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "courtdoc.manifest/1"

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in page points (PDF) or page pixels mapped to points (OCR)."""

RULE_THICKNESS = 3.0
"""pt: a shape at most this thick one way is a rule; thicker both ways, a frame or a fill."""

SourceKind = Literal["pdf-text", "pdf-scan", "image", "text"]
PageMethod = Literal["text-layer", "ocr", "ocr-vertical", "text"]

# Roles a layout stage may give a block. Segmentation turns them into article fields.
Role = Literal[
    "kicker",  # 引题, above a headline
    "title",  # the headline
    "subtitle",  # 副题, below the headline (keeps a printed leading ——)
    "byline",  # 本报通讯员●周雪莹
    "paragraph",  # the lines of exactly one body paragraph
    "heading",  # a section heading inside an article
    "attribution",  # （赤峰市中级人民法院供稿） standing on its own line
    "caption",  # photo caption or photo credit (张卓 摄)
    "furniture",  # masthead, running head, contact line, page number, editor line
    "pull-quote",  # boxed quotation: goes to notes
    "column-label",  # 学习宣传贯彻党的二十大精神: goes to notes
]


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line as a source saw it.

    `bbox` is None for text input. `size` is the font size in points (PDF) or
    the box height mapped to points (OCR); None for text input. `markup` carries
    the hints plain text can give: "h1".."h6" for Markdown headings, "bold" for
    a line wrapped in ``**``; it is a hint, never the truth. `bold` says the
    strokes are heavy (Hei, bold, fake bold) where a source can tell without a
    font name: OCR measures it on the image; None means unknown, and the PDF
    path leaves the decision to `font`. `faces` says where the typeface changes along `text`, as
    (index of a run's first character, its font) for each run, from a source that sees every glyph's
    face (the PDF text layer); empty means `font` throughout. A line a source joined across a
    gutter is two lines' text, each part in its own face (a bold heading run on after body text).
    `xs` says where each character of `text` starts (its glyph box's left edge; a blank the source
    marked starts where the text before it ends), from a source that sees every glyph; empty means
    unknown (OCR, text input). `positions()` gives them only while they still match `text`.
    """

    text: str
    bbox: BBox | None = None
    size: float | None = None
    font: str | None = None
    confidence: float = 1.0
    markup: str | None = None
    bold: bool | None = None
    faces: tuple[tuple[int, str], ...] = ()
    xs: tuple[float, ...] = ()

    def positions(self) -> tuple[float, ...] | None:
        """Where each character starts, when the source said so for this very text."""
        return self.xs if self.xs and len(self.xs) == len(self.text) else None


@dataclass(slots=True)
class PageText:
    """A page as positioned lines, the one intermediate every source produces.

    For text input, `lines` keeps blank lines as `Line("")` because whether a
    blank line means anything depends on the document. `rules` are ruling lines
    and boxes, `figures` photo areas, both in the same coordinates as bboxes.
    """

    number: int
    lines: list[Line]
    method: PageMethod = "text"
    width: float | None = None
    height: float | None = None
    rules: list[BBox] = field(default_factory=list)
    figures: list[BBox] = field(default_factory=list)
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    """A run of lines with one role, in reading order.

    `region` is an article rectangle id when the layout knows it from geometry
    (blocks with different regions never share an article); None when only
    text heuristics are available. `doubts` are the reasons a layout decision
    about this block was a close call (two plausible owners, an unowned region,
    a reading order decided by a hair); the self-check turns them into lower
    article confidence and page warnings. `opens_paragraph` says the source saw
    the block's first line open a paragraph (a printed first-line indent), so a
    paragraph left unfinished before it never runs on into it.
    """

    role: Role
    lines: list[Line]
    page: int = 1
    region: int | None = None
    bbox: BBox | None = None
    doubts: tuple[str, ...] = ()
    opens_paragraph: bool = False

    @property
    def confidence(self) -> float:
        return min((ln.confidence for ln in self.lines), default=1.0)


@dataclass(slots=True)
class TextBlock:
    """One block of an article body in the manifest: a whole paragraph or a heading."""

    type: Literal["paragraph", "heading"]
    text: str


@dataclass(slots=True)
class Article:
    id: str
    page: int
    title: str
    blocks: list[TextBlock]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    attribution: str | None = None
    captions: list[str] = field(default_factory=list)
    confidence: float = 1.0
    bbox: BBox | None = None

    @property
    def file(self) -> str:
        return f"articles/{self.id}.txt"


@dataclass(slots=True)
class Note:
    type: str
    text: str
    source: str | None = None


@dataclass(slots=True)
class Issue:
    paper: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    page_label: str | None = None


@dataclass(slots=True)
class Source:
    path: str
    sha256: str
    kind: SourceKind


@dataclass(slots=True)
class PageInfo:
    number: int
    method: PageMethod
    width: float | None = None
    height: float | None = None
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    source: Source
    issue: Issue
    pages: list[PageInfo]
    articles: list[Article]
    furniture: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def to_manifest(self) -> dict[str, Any]:
        """The manifest as a JSON-ready dict, keys in the order of the contract."""
        return {
            "schema": SCHEMA,
            "source": asdict(self.source),
            "issue": asdict(self.issue),
            "pages": [_page_json(p) for p in self.pages],
            "articles": [_article_json(a) for a in self.articles],
            "furniture": list(self.furniture),
            "notes": [_note_json(n) for n in self.notes],
        }

    @classmethod
    def from_manifest(cls, data: dict[str, Any]) -> Document:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} manifest: schema={data.get('schema')!r}")
        return cls(
            source=Source(**data["source"]),
            issue=Issue(**data["issue"]),
            pages=[PageInfo(**p) for p in data["pages"]],
            articles=[_article_from_json(a) for a in data["articles"]],
            furniture=list(data.get("furniture", [])),
            notes=[Note(**n) for n in data.get("notes", [])],
        )


def _page_json(p: PageInfo) -> dict[str, Any]:
    return {
        "number": p.number,
        "method": p.method,
        "width": p.width,
        "height": p.height,
        "confidence": round(p.confidence, 4),
        "warnings": list(p.warnings),
    }


def _article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "page": a.page,
        "kicker": a.kicker,
        "title": a.title,
        "subtitle": a.subtitle,
        "byline": a.byline,
        "dateline": a.dateline,
        "blocks": [{"type": b.type, "text": b.text} for b in a.blocks],
        "attribution": a.attribution,
        "captions": list(a.captions),
        "confidence": round(a.confidence, 4),
        "bbox": [round(v, 2) for v in a.bbox] if a.bbox else None,
        "file": a.file,
    }


def _article_from_json(d: dict[str, Any]) -> Article:
    return Article(
        id=d["id"],
        page=d["page"],
        title=d["title"],
        blocks=[TextBlock(type=b["type"], text=b["text"]) for b in d["blocks"]],
        kicker=d.get("kicker"),
        subtitle=d.get("subtitle"),
        byline=d.get("byline"),
        dateline=d.get("dateline"),
        attribution=d.get("attribution"),
        captions=list(d.get("captions") or []),
        confidence=d.get("confidence", 1.0),
        bbox=tuple(d["bbox"]) if d.get("bbox") else None,  # type: ignore[arg-type]
    )


def _note_json(n: Note) -> dict[str, Any]:
    out: dict[str, Any] = {"type": n.type, "text": n.text}
    if n.source is not None:
        out["source"] = n.source
    return out
