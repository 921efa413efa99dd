"""Blocks and roles for pages of plain text, where lines have no boxes.

Only the text itself is evidence: line widths against the column (see
`repair.wraps`), sentence ends, the markers papers print (讯, 供稿, 摄, ●,
本报记者, ——), title-like short lines without clause punctuation, and
Markdown markup as a hint. A run of title-like lines starts a new article
when the previous article was closed (attribution, photo credit), when a
byline or a dateline follows it, or when no article is open yet; otherwise
its lines are section headings of the current article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, Line, PageText, Role
from ..repair.dedupe import is_fake_bold
from ..repair.wraps import Column, blank_lines_meaningful, display_width, measure_column, paragraph_ends
from ..rules.furniture import furniture_kind, is_publisher
from ..rules.headings import contains_phrase_pair, is_column_label, is_dash_led, is_speaker_line
from ..rules.markers import (
    ends_with_photo_credit,
    is_attribution_line,
    is_byline,
    is_photo_credit,
    opens_with_dateline,
    split_attribution,
)
from ..rules.punctuation import ends_sentence, has_clause_marks
from .params import PARAMS as P

_INDENT = re.compile(r"^(\u3000|\s{2,})")


@dataclass(slots=True)
class _Item:
    line: Line
    text: str
    blank_before: bool
    indented: bool
    kind: str = "body"


def text_blocks(page: PageText) -> list[Block]:
    items = _items(page.lines)
    column = measure_column([display_width(i.text) for i in items if has_clause_marks(i.text)])
    column = column.with_indent_evidence([i.text for i in items])
    for item in items:
        item.kind = _kind(item, column)
    _mark_headlines_before_bylines(items)
    _mark_masthead(items)
    blanks = blank_lines_meaningful(
        [ends_sentence(i.text) for i in items], [i + 1 < len(items) and items[i + 1].blank_before for i in range(len(items))]
    )
    indents = _indents_meaningful(items)
    builder = _Builder(page.number, column, blanks, indents)
    for n, item in enumerate(items):
        builder.feed(item, items[n + 1] if n + 1 < len(items) else None)
    return builder.finish()


def _items(lines: list[Line]) -> list[_Item]:
    out: list[_Item] = []
    blank = False
    for line in lines:
        text = line.text.strip()
        if not text:
            blank = True
            continue
        out.append(_Item(line, text, blank, bool(_INDENT.match(line.text))))
        blank = False
    return out


def _kind(item: _Item, column: Column) -> str:
    t = item.text
    fk = furniture_kind(t)
    if fk in ("contact", "date", "editor", "edition", "jump"):
        return "furniture"
    if is_speaker_line(t):
        return "speaker"
    if is_byline(t):
        return "byline"
    if is_photo_credit(t):
        return "credit"
    if is_attribution_line(t):
        return "attribution"
    if is_dash_led(t):
        return "dash"
    if is_fake_bold(t) or ends_with_photo_credit(t):
        return "caption"
    if not opens_with_dateline(t) and _is_headline(item, column):
        return "paper" if fk == "paper" else "headline"
    return "body"


def _is_headline(item: _Item, column: Column) -> bool:
    t = item.text
    if item.line.markup and item.line.markup.startswith("h"):
        return len(t) <= P.markdown_headline_chars
    if len(t) > P.headline_chars or has_clause_marks(t):
        return False
    if column.full is None or item.line.markup == "bold":
        return True
    # Wrapped text: a short line, or one wider than any body line (a headline across columns); a line of
    # parallel phrases (谋篇定方向 蓄力开新局) unless it fills the column like any body line.
    width = display_width(t)
    if width <= column.full - P.headline_margin or width > column.full + P.overfull:
        return True
    return contains_phrase_pair(t) and width < column.full - P.full_slack


def _mark_headlines_before_bylines(items: list[_Item]) -> None:
    """A line without clause punctuation right above a byline, a —— subtitle or a dateline is a headline."""
    for item, nxt in zip(items, items[1:]):
        opens_article = nxt.kind in ("byline", "dash") or (nxt.kind == "body" and opens_with_dateline(nxt.text))
        if (
            item.kind == "body"
            and opens_article
            and len(item.text) <= P.headline_chars
            and not has_clause_marks(item.text)
        ):
            item.kind = "headline"


def _mark_masthead(items: list[_Item]) -> None:
    """Paper names and publisher lines are furniture only in the masthead cluster."""
    anchors = [n for n, i in enumerate(items) if i.kind == "furniture"]
    for n, item in enumerate(items):
        near = any(abs(n - a) <= P.masthead_reach for a in anchors)
        if item.kind == "paper":
            item.kind = "furniture" if near or n == 0 else "headline"
        elif item.kind == "headline" and near and is_publisher(item.text):
            item.kind = "furniture"


def _indents_meaningful(items: list[_Item]) -> bool:
    """Printed first-line indents survive in some extractions; they count only if used for some lines."""
    indented = sum(i.indented for i in items)
    return 3 <= indented <= 0.8 * len(items)


@dataclass
class _Builder:
    page: int
    column: Column
    blanks: bool
    indents: bool
    blocks: list[Block] = field(default_factory=list)
    para: list[_Item] = field(default_factory=list)
    heads: list[_Item] = field(default_factory=list)
    article_open: bool = False
    closed: bool = False

    def feed(self, item: _Item, nxt: _Item | None) -> None:
        kind = item.kind
        if self.para and not self._para_closed() and kind in ("caption", "furniture"):
            # a caption or a running head printed inside a paragraph: the paragraph goes on after it
            self._emit(kind, [item])
            return
        if self.para and kind in ("body", "headline") and self._continues(item, nxt):
            self.para.append(item)
            return
        if kind == "headline" or (kind == "dash" and self.heads):
            self._flush_para()
            self.heads.append(item)
            return
        if kind == "speaker":
            self._pull_quote(item)
            return
        self._flush_para()
        self._resolve_heads(item)
        if kind == "furniture":
            self._emit("furniture", [item])
        elif kind == "byline":
            self._emit("byline", [item])
        elif kind == "credit":
            self._emit("caption", [item])
            self.closed = True
        elif kind == "attribution":
            self._emit("attribution", [item])
            self.closed = True
        elif kind == "caption":
            self._emit("caption", [item])
        else:
            self.para = [item]

    def finish(self) -> list[Block]:
        self._flush_para()
        self._resolve_heads(None)
        return self.blocks

    def _continues(self, item: _Item, nxt: _Item | None) -> bool:
        prev = self.para[-1]
        if item.line.markup and item.line.markup.startswith("h"):
            return False
        if self.indents and item.indented:  # a printed first-line indent is the surest paragraph start
            return False
        if not self._para_closed():
            return True
        if item.kind != "body" or not ends_sentence(prev.text):
            return False
        first = len(self.para) == 1
        after = nxt.text if nxt is not None and nxt.kind == "body" else None
        return not paragraph_ends(prev.text, item.text, self.column, item.blank_before, self.blanks, first, after)

    def _para_closed(self) -> bool:
        """The paragraph so far ends a sentence, or closes with an attribution or a photo credit."""
        last = self.para[-1].text
        if ends_sentence(last):
            return True
        tail = "".join(i.text for i in self.para[-P.credit_lines :])
        return bool(split_attribution(tail)[1]) or ends_with_photo_credit(tail)

    def _flush_para(self) -> None:
        if not self.para:
            return
        if not ends_sentence(self.para[-1].text) and self._para_closed():
            self.closed = True
        self._emit("paragraph", self.para, opens=self.indents and self.para[0].indented)
        self.para = []

    def _pull_quote(self, speaker: _Item) -> None:
        """The lines before a `——speaker` line outside any article are a pull quote."""
        if self.heads:
            quote, self.heads = self.heads, []
        elif self.para and not self.article_open:
            quote, self.para = self.para, []
        else:
            self._flush_para()
            self._resolve_heads(speaker)
            self._emit("paragraph", [speaker])
            return
        self._emit("pull-quote", [*quote, speaker])

    def _resolve_heads(self, nxt: _Item | None) -> None:
        if not self.heads:
            return
        heads, self.heads = self.heads, []
        if self._starts_article(nxt):
            for role, item in headline_roles(heads):
                self._emit(role, [item])
            self.article_open, self.closed = True, False
        else:
            for item in heads:
                self._emit("heading", [item])

    def _starts_article(self, nxt: _Item | None) -> bool:
        if self.closed or not self.article_open:
            return True
        if nxt is None:
            return False
        return nxt.kind == "byline" or (nxt.kind == "body" and opens_with_dateline(nxt.text))

    def _emit(self, role: Role, items: list[_Item], opens: bool = False) -> None:
        self.blocks.append(Block(role=role, lines=[i.line for i in items], page=self.page, opens_paragraph=opens))


def headline_roles(heads: list[_Item]) -> list[tuple[Role, _Item]]:
    """Kicker / column label, title and subtitle among the lines of one headline."""
    names = [i for i in heads if not is_dash_led(i.text)]
    if not names:
        return [("title", heads[0]), *(("subtitle", i) for i in heads[1:])]
    title = _pick_title(names)
    roles: list[tuple[Role, _Item]] = []
    seen_title = False
    for item in heads:
        if item is title:
            roles.append(("title", item))
            seen_title = True
        elif seen_title:
            roles.append(("subtitle", item))
        else:
            roles.append(("column-label" if is_column_label(item.text) else "kicker", item))
    return roles


def _pick_title(names: list[_Item]) -> _Item:
    """The most prominent line: the highest Markdown level, else the one line of parallel phrases, else the
    first that is not a standing column label."""
    levels = [int(i.line.markup[1]) if i.line.markup and i.line.markup.startswith("h") else 9 for i in names]
    if len(set(levels)) > 1:
        return names[levels.index(min(levels))]
    parallel = [i for i in names if contains_phrase_pair(i.text)]
    if len(parallel) == 1:
        return parallel[0]
    return next((i for i in names if not is_column_label(i.text)), names[0])
