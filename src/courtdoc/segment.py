"""Blocks with roles -> articles with fields, notes, furniture and issue metadata.

Shared by every path. When geometry knows article rectangles (`Block.region`),
blocks of different regions never share an article; otherwise grouping is
headline-led: a title (with the kicker before it) opens an article and the
blocks after it belong to it until the next one. Text that goes on at the top
of the next page without a headline continues the open article, and a
paragraph cut mid-sentence (page end, column end, an interrupting caption)
is joined with the paragraph that continues it, unless the source saw the
next one open a paragraph (`Block.opens_paragraph`): this is the one place
that decides whether a paragraph goes on past a block boundary. Field work happens here for
all paths alike: wrap joining of each block, fake-bold removal, the dateline
split off the first paragraph (赤峰讯, 本报讯(记者 金丽)), the attribution split
off the end ((…供稿), (张丽); a reporter named with a role there, (本报记者 张三),
is the byline of an article that printed none under its headline), the end mark
(■) that closed the body moved to the page's furniture, photo credits kept with
their captions, and normalisation of every output string.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Article, BBox, Block, Issue, Note, TextBlock
from .repair import clean_text
from .repair.dedupe import split_captions
from .repair.normalize import normalize
from .repair.wraps import join_lines
from .rules.furniture import parse_issue
from .rules.headings import ends_with_editors_signature
from .rules.markers import (
    closing_byline,
    ends_with_photo_credit,
    byline_words,
    is_attribution_line,
    is_bare_name,
    is_byline,
    is_photo_credit,
    split_attribution,
    split_dateline,
    split_opening_byline,
    split_photo_credit,
)
from .rules.punctuation import LIST_END, continues, ends_sentence, is_prose, split_end_mark
from .settings import Settings


@dataclass(slots=True)
class Segmented:
    articles: list[Article]
    notes: list[Note]
    furniture: list[str]
    issue: Issue
    sources: dict[str, list[Block]] = field(default_factory=dict)  # article id -> its blocks, for the self-check


@dataclass(slots=True)
class _Draft:
    page: int  # where the article starts (its id's page)
    region: int | None  # the article rectangle of its latest block
    at_page: int = 0  # the page of its latest block: articles may run on to the next page
    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    attribution: str | None = None
    blocks: list[TextBlock] = field(default_factory=list)
    indented: bool = False  # its last paragraph opened with a printed first-line indent
    captions: list[str] = field(default_factory=list)
    sources: list[Block] = field(default_factory=list)

    def has_content(self) -> bool:
        return bool(self.title or self.blocks or self.byline or self.captions or self.attribution)


def segment(blocks: list[Block], settings: Settings) -> Segmented:
    grouper = _Grouper(settings)
    for block in blocks:
        grouper.add(block)
    return grouper.result()


class _Grouper:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.drafts: list[_Draft] = []
        self.draft: _Draft | None = None
        self.notes: list[Note] = []
        self.furniture: list[str] = []

    def clean(self, text: str) -> str:
        return clean_text(text, self.settings)

    def add(self, block: Block) -> None:
        text = join_lines([ln.text for ln in block.lines])
        role = block.role
        if role == "furniture":
            self.furniture.extend(ln.text.strip() for ln in block.lines if ln.text.strip())
        elif role == "pull-quote":
            self.notes.append(self._pull_quote(block))
        elif role == "column-label":
            self.notes.append(Note(type="column-label", text=self.clean(text)))
        else:
            self._article_block(block, role, text)

    def _article_block(self, block: Block, role: str, text: str) -> None:
        draft = self._draft_for(block)
        draft.sources.append(block)
        value = self.clean(text)
        if not value:
            return
        if role == "kicker":
            draft.kicker = _joined(draft.kicker, value)
        elif role == "title":
            draft.title = _joined(draft.title, value)
        elif role == "subtitle":
            draft.subtitle = _joined(draft.subtitle, value)
        elif role == "byline" or (role in ("paragraph", "heading") and _name_under_header(draft, block, value)):
            draft.byline = _joined(draft.byline, byline_words(value), " ")
        elif role == "attribution":
            draft.attribution = value
        elif role == "caption":
            # A caption line that closes its sentence ends that caption (captions of two photos stacked).
            draft.captions.extend(_captions([self.clean(run) for run in _sentence_lines([ln.text for ln in block.lines])]))
        elif role == "heading":
            draft.blocks.append(TextBlock("heading", value))
        else:
            self._paragraph(draft, value, block.opens_paragraph)

    def _paragraph(self, draft: _Draft, text: str, opens: bool) -> None:
        if (not opens or continues(text)) and _cut(draft):
            # A paragraph cut by a page or column end, a caption or furniture goes on here, unless the
            # source saw this text open a paragraph of its own (a printed first-line indent): text
            # alone cannot tell a cut sentence from a paragraph printed without closing punctuation.
            # Text opening with a closing bracket or a clause mark opens no paragraph, whatever its
            # indent: no line opens so.
            draft.blocks[-1] = TextBlock("paragraph", join_lines([draft.blocks[-1].text, text]))
            return
        opening = not any(b.type == "paragraph" for b in draft.blocks)
        if opening and draft.dateline is None:
            dateline, byline, rest = split_dateline(text)
            if dateline:
                draft.dateline = dateline
                if byline and draft.byline is None:
                    draft.byline = byline.strip()
                text = rest
        if opening and draft.byline is None:
            # the reporter in brackets after a dateline set alone on its line, or with none
            draft.byline, text = split_opening_byline(text)
        if text:
            draft.blocks.append(TextBlock("paragraph", text))
            draft.indented = opens

    def _draft_for(self, block: Block) -> _Draft:
        """The draft a block belongs to: its region's, the open one, or a new one."""
        d = self._region_draft(block) or self.draft
        if d is None or self._starts_new(d, block):
            d = _Draft(page=block.page, region=block.region)
            self.drafts.append(d)
        d.at_page = block.page
        if block.region is not None:
            d.region = block.region
        self.draft = d
        return d

    def _region_draft(self, block: Block) -> _Draft | None:
        """The latest draft of the block's article rectangle, so a region interrupted in reading order resumes."""
        if block.region is None:
            return None
        return next((d for d in reversed(self.drafts) if (d.at_page, d.region) == (block.page, block.region)), None)

    @staticmethod
    def _starts_new(d: _Draft, block: Block) -> bool:
        """A headline opens a new article; so do another rectangle, and a page that does not go on with the text."""
        if block.role in ("kicker", "title"):
            return d.title is not None or bool(d.blocks) or (block.role == "kicker" and d.kicker is not None)
        if block.page != d.at_page:
            # Untitled text at the top of the next page goes on with the open article, unless the layout
            # boxed it as an article of its own while the open one had finished its last sentence.
            goes_on = block.role in ("paragraph", "heading") and (block.region is None or _cut(d))
            return block.page != d.at_page + 1 or not goes_on
        return block.region is not None and d.region not in (None, block.region)

    def _pull_quote(self, block: Block) -> Note:
        lines = [ln.text for ln in block.lines if ln.text.strip()]
        source = None
        if len(lines) > 1 and lines[-1].strip().startswith("——"):
            source = self.clean(lines.pop())
        return Note(type="pull-quote", text=self.clean(join_lines(lines)), source=source)

    def result(self) -> Segmented:
        articles: list[Article] = []
        sources: dict[str, list[Block]] = {}
        per_page: dict[int, int] = {}
        for d in self.drafts:
            if not d.has_content():
                continue
            per_page[d.page] = per_page.get(d.page, 0) + 1
            article, end_mark = _finish(d, f"p{d.page:02d}-a{per_page[d.page]:02d}")
            articles.append(article)
            sources[article.id] = d.sources
            if end_mark:
                self.furniture.append(end_mark)
        furniture = [normalize(f, self.settings) for f in self.furniture]
        return Segmented(articles, self.notes, furniture, parse_issue(furniture), sources)


def _finish(d: _Draft, article_id: str) -> tuple[Article, str | None]:
    """The article, and the end mark (■) that closed its body: page furniture, not text."""
    blocks = list(d.blocks)
    captions = list(d.captions)
    closing = d.attribution
    if closing is None and blocks and blocks[-1].type == "heading" and is_attribution_line(blocks[-1].text):
        # An attribution set apart on the body's last line (flush right, in a face of its own) reads as a
        # heading, but no section starts there: it is the attribution.
        closing = blocks.pop().text
    # The end mark closes what the article ends with: an attribution on a line of its own, or the last paragraph.
    attribution, end_mark = split_end_mark(closing) if closing else (None, None)
    if blocks and blocks[-1].type == "paragraph":
        body, mark = split_end_mark(blocks[-1].text)
        end_mark = end_mark or mark
        body, credit = split_photo_credit(body)
        if credit:
            captions.append(credit)
        if attribution is None:
            body, attribution = split_attribution(body)
        blocks[-1] = TextBlock("paragraph", body)
    byline = d.byline
    if byline is None and (signed := closing_byline(attribution)):
        # the article signed at its end by its reporter, in brackets: its byline
        byline, attribution = signed, None
    blocks = [b for b in blocks if b.text]
    article = Article(
        id=article_id,
        page=d.page,
        title=d.title or "",
        blocks=blocks,
        kicker=d.kicker,
        subtitle=d.subtitle,
        byline=byline,
        dateline=d.dateline,
        attribution=attribution,
        captions=captions,
        bbox=_union([b.bbox for b in d.sources if b.bbox is not None]),
    )
    return article, end_mark


BYLINE_LINES = 2
"""A byline line at the body's head wraps once at most (□ 中共中央党史和文献研究 | 院 in a narrow column)."""


def _name_under_header(d: _Draft, block: Block, text: str) -> bool:
    """A bare name on its own line between the headline and the body is the byline; so is a line
    naming reporters by their role, one to a line, at the head of the body (□本报记者 张三 / □通讯员 李四).

    OCR knows no typeface and measures the byline's type at body size, so the
    layout takes it for the first paragraph (or, centred, a heading); what it
    says tells it apart.
    """
    if d.title is None or d.blocks:
        return False
    if is_byline(text):
        return len(block.lines) <= BYLINE_LINES
    return len(block.lines) == 1 and d.byline is None and is_bare_name(text)


def _cut(d: _Draft) -> bool:
    """The draft's body ends on a paragraph that stops mid-sentence."""
    return bool(d.blocks) and d.blocks[-1].type == "paragraph" and _unfinished(d.blocks[-1].text, d.indented)


def _unfinished(text: str, indented: bool) -> bool:
    """Prose that stops mid-sentence (not a heading-like line, not a list item closing with ：or ；, not an
    editor's note closed by its signature, which carries no closing mark).

    Prose shows inner punctuation: a comma, or a finished sentence before the cut one. A paragraph
    set in by a printed first-line indent is prose by its print, even cut after its first few words
    (a paragraph's opening line at a column's foot, before any comma).
    """
    if ends_sentence(text) or text[-1] in LIST_END or not (indented or is_prose(text) or "、" in text):
        return False
    return split_attribution(text)[1] is None and not ends_with_photo_credit(text) and not ends_with_editors_signature(text)


def _captions(texts: list[str]) -> list[str]:
    """Side-by-side captions split apart. A photo credit closing a caption's line stays in it, as
    printed (执行现场。 张三 摄); one on a line of its own (`_sentence_lines`) is an entry of its own."""
    out: list[str] = []
    for text in texts:
        parts: list[str] = []
        for part in split_captions(text):
            if parts and is_photo_credit(part):
                parts[-1] = f"{parts[-1]} {part}"
            else:
                parts.append(part)
        out += parts
    return out


def _sentence_lines(lines: list[str]) -> list[str]:
    """Lines joined into runs that each end at a line closing a sentence; a photo credit's line is a run of its own."""
    runs: list[list[str]] = [[]]
    for ln in lines:
        if is_photo_credit(ln):
            runs += [[ln], []]
            continue
        runs[-1].append(ln)
        if ends_sentence(ln.strip()):
            runs.append([])
    return [join_lines(r) for r in runs if r]


def _joined(old: str | None, new: str, sep: str = "") -> str:
    return new if old is None else f"{old}{sep}{new}"


def _union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
