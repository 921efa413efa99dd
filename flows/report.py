"""The operators' view of a run: what each document became, as Prefect artifacts.

`Outcome` is what a run knows about one input (done, failed or skipped, with
its pages and articles); `markdown_report` and `article_table` turn a run's
outcomes into the text of its artifacts, `publish` creates them, and
`Progress` keeps a progress artifact current on long runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from courtdoc.model import Document
from courtdoc.selfcheck import is_flagged

REPORT_KEY = "courtdoc-report"
ARTICLES_KEY = "courtdoc-articles"
LOW_CONFIDENCE = 0.8

Status = Literal["done", "failed", "skipped"]


@dataclass(frozen=True, slots=True)
class PageRow:
    number: int
    method: str
    confidence: float
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    page: int
    title: str
    byline: str | None
    characters: int
    confidence: float
    file: str


@dataclass(slots=True)
class Outcome:
    source: str
    doc: str
    status: Status
    reason: str | None = None  # why it failed or was skipped
    kind: str | None = None
    folder: str | None = None  # absolute output folder
    pages: list[PageRow] = field(default_factory=list)
    articles: list[ArticleRow] = field(default_factory=list)


def summarize(source: str, doc_name: str, doc: Document, folder: Path) -> Outcome:
    """What operators need from a written document, small enough to ship between processes."""
    return Outcome(
        source=source,
        doc=doc_name,
        status="done",
        kind=doc.source.kind,
        folder=str(folder.resolve()),
        pages=[PageRow(p.number, p.method, p.confidence, tuple(p.warnings)) for p in doc.pages],
        articles=[
            ArticleRow(
                id=a.id,
                page=a.page,
                title=a.title,
                byline=a.byline,
                characters=sum(len(b.text) for b in a.blocks),
                confidence=a.confidence,
                file=a.file,
            )
            for a in doc.articles
        ],
    )


def markdown_report(title: str, outcomes: list[Outcome], low_confidence: float = LOW_CONFIDENCE) -> str:
    done = [o for o in outcomes if o.status == "done"]
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    pages = sum(len(o.pages) for o in done)
    articles = sum(len(o.articles) for o in done)
    warnings = [(o, p, w) for o in done for p in o.pages for w in p.warnings]
    flagged = [(o, a) for o in done for a in o.articles if is_flagged(a.confidence)]
    lines = [
        f"# {title}",
        "",
        f"**{len(done)}** documents written, **{pages}** pages, **{articles}** articles "
        f"(**{len(flagged)}** flagged by the self-check), "
        f"**{len(warnings)}** warnings, **{len(failed)}** failed, **{len(skipped)}** skipped.",
        "",
    ]
    if done:
        lines += ["## Documents", "", "| document | source | kind | pages | articles | output |", "|---|---|---|---|---|---|"]
        for o in done:
            lines.append(
                f"| {_cell(o.doc)} | {_cell(o.source)} | {o.kind} | {len(o.pages)} | {len(o.articles)} "
                f"| [manifest.json]({_link(o, 'manifest.json')}) |"
            )
        lines.append("")
    if failed:
        lines += ["## Failed", "", "| source | reason |", "|---|---|"]
        lines += [f"| {_cell(o.source)} | {_cell(o.reason or '')} |" for o in failed]
        lines.append("")
    low = [(o, p) for o in done for p in o.pages if p.confidence < low_confidence or p.warnings]
    if low:
        lines += [
            f"## Pages to check (confidence below {low_confidence:g} or with warnings)",
            "",
            "| document | page | method | confidence | warnings | articles |",
            "|---|---|---|---|---|---|",
        ]
        for o, p in low:
            links = ", ".join(f"[{a.id}]({_link(o, a.file)})" for a in o.articles if a.page == p.number)
            lines.append(
                f"| [{_cell(o.doc)}]({_link(o, 'manifest.json')}) | {p.number} | {p.method} | {p.confidence:.2f} "
                f"| {_cell('; '.join(p.warnings))} | {links or '-'} |"
            )
        lines.append("")
    if flagged:
        lines += ["## Flagged articles (the self-check doubts them; reasons in the page warnings)", "",
                  "| document | article | title | confidence |", "|---|---|---|---|"]
        lines += [f"| {_cell(o.doc)} | [{a.id}]({_link(o, a.file)}) | {_cell(a.title)} | {a.confidence:.2f} |" for o, a in flagged]
        lines.append("")
    if skipped:
        lines += ["## Skipped", "", "| source | why |", "|---|---|"]
        lines += [f"| {_cell(o.source)} | {_cell(o.reason or '')} |" for o in skipped]
        lines.append("")
    return "\n".join(lines)


def article_table(outcomes: list[Outcome]) -> list[dict[str, object]]:
    return [
        {
            "document": o.doc,
            "page": a.page,
            "article": a.id,
            "title": a.title,
            "byline": a.byline or "",
            "characters": a.characters,
            "confidence": round(a.confidence, 4),
        }
        for o in outcomes
        if o.status == "done"
        for a in o.articles
    ]


def publish(title: str, outcomes: list[Outcome], low_confidence: float = LOW_CONFIDENCE) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        markdown=markdown_report(title, outcomes, low_confidence),
        key=REPORT_KEY,
        description=f"{title}: documents, pages, articles, warnings",
    )
    rows = article_table(outcomes)
    if rows:
        create_table_artifact(table=rows, key=ARTICLES_KEY, description=f"{title}: articles")


class Progress:
    """A progress artifact for the pages of a run, updated at most every `every` seconds."""

    def __init__(self, total: int, description: str, every: float = 2.0) -> None:
        from prefect.artifacts import create_progress_artifact

        self.total = max(total, 1)
        self.done = 0
        self.every = every
        self._last = time.monotonic()
        self._id = create_progress_artifact(progress=0.0, description=description)

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.done >= self.total or now - self._last >= self.every:
            self._last = now
            self._update()

    def finish(self) -> None:
        self.done = self.total
        self._update()

    def _update(self) -> None:
        from prefect.artifacts import update_progress_artifact

        update_progress_artifact(self._id, progress=round(100.0 * self.done / self.total, 1))


def _link(o: Outcome, name: str) -> str:
    return Path(o.folder or "", name).as_uri() if o.folder else name


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class DocumentsFailed(Exception):
    """Some documents of the run failed; the others were written."""


def finish(outcomes: list[Outcome]) -> dict[str, Any]:
    """The run's summary; raises DocumentsFailed (after the report is out) when any document failed."""
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("done", "failed", "skipped")}
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise DocumentsFailed(
            f"{len(failed)} of {len(failed) + counts['done']} documents failed: "
            + "; ".join(f"{o.source}: {o.reason}" for o in failed)
        )
    return {**counts, "documents": {o.source: o.folder for o in outcomes if o.status == "done"}}
