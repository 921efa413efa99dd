"""The operators' view of a run: what each document became, as Prefect artifacts.

`markdown_report` and `article_table` turn a run's outcomes (courtdoc's
`runner.Outcome`: done, failed, skipped or waiting) into the text of its
artifacts, `publish` creates them, `Progress` keeps a progress artifact
current on long runs, and `finish` gives the run its final state: Failed while
any input is still failing, so a bad file never goes quiet.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prefect.states import Completed, Failed, State

from courtdoc.review import LOW_CONFIDENCE, REVIEW_HTML, page_anchor, thumbnail_uri
from courtdoc.runner import Outcome
from courtdoc.selfcheck import is_flagged

REPORT_KEY = "courtdoc-report"
ARTICLES_KEY = "courtdoc-articles"
THUMBNAILS = 20  # pages to check shown as pictures (~40 kB each); the rest link to their review page


def markdown_report(
    title: str, outcomes: list[Outcome], low_confidence: float = LOW_CONFIDENCE, stopped: str | None = None
) -> str:
    done = [o for o in outcomes if o.status == "done"]
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    waiting = [o for o in outcomes if o.status == "waiting"]
    pages = sum(len(o.pages) for o in done)
    articles = sum(len(o.articles) for o in done)
    warnings = [(o, p, w) for o in done for p in o.pages for w in p.warnings]
    flagged = [(o, a) for o in done for a in o.articles if is_flagged(a.confidence)]
    lines = [f"# {title}", ""]
    if stopped:
        lines += [f"**The run stopped: {_cell(stopped)}**", ""]
    lines += [
        f"**{len(done)}** documents written, **{pages}** pages, **{articles}** articles "
        f"(**{len(flagged)}** flagged by the self-check), "
        f"**{len(warnings)}** warnings, **{len(failed)}** still failing, **{len(waiting)}** waiting, "
        f"**{len(skipped)}** skipped.",
        "",
    ]
    if failed:
        lines += [
            "## Still failing",
            "",
            "Each stays here, and the run Failed, until the file changes, an operator clears it "
            "(`courtdoc ledger OUT --clear FILE`, or the flow parameter `clear_failed`), or a run with "
            "`retry_failed` reads it.",
            "",
            "| source | reason | since | attempts |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(str(o.path))} | {_cell(o.reason or '')} | {o.since or '-'} | {o.attempts or '-'} |"
            for o in failed
        ]
        lines.append("")
    if done:
        lines += ["## Documents", "", "| document | source | kind | pages | articles | output |", "|---|---|---|---|---|---|"]
        for o in done:
            lines.append(
                f"| {_cell(o.doc)} | {_cell(str(o.path))} | {o.kind} | {len(o.pages)} | {len(o.articles)} "
                f"| [manifest.json]({_link(o, 'manifest.json')})"
                + (f" · [review]({_link(o, REVIEW_HTML)})" if _has_review(o) else "")
                + " |"
            )
        lines.append("")
    low = [(o, p) for o in done for p in o.pages if p.confidence < low_confidence or p.warnings]
    if low:
        lines += [
            f"## Pages to check (confidence below {low_confidence:g} or with warnings)",
            "",
            "| document | page | method | confidence | warnings | articles | picture |",
            "|---|---|---|---|---|---|---|",
        ]
        for i, (o, p) in enumerate(low):
            links = ", ".join(f"[{a.id}]({_link(o, a.file)})" for a in o.articles if a.page == p.number)
            lines.append(
                f"| [{_cell(o.doc)}]({_link(o, 'manifest.json')}) | {p.number} | {p.method} | {p.confidence:.2f} "
                f"| {_cell('; '.join(p.warnings))} | {links or '-'} | {_picture(o, p.number, i < THUMBNAILS)} |"
            )
        lines.append("")
    if flagged:
        lines += ["## Flagged articles (the self-check doubts them; reasons in the page warnings)", "",
                  "| document | article | title | confidence |", "|---|---|---|---|"]
        lines += [f"| {_cell(o.doc)} | [{a.id}]({_link(o, a.file)}) | {_cell(a.title)} | {a.confidence:.2f} |" for o, a in flagged]
        lines.append("")
    if waiting:
        lines += ["## Waiting to settle", "", "| source | why |", "|---|---|"]
        lines += [f"| {_cell(str(o.path))} | {_cell(o.reason or '')} |" for o in waiting]
        lines.append("")
    if skipped:
        lines += ["## Skipped", "", "| source | why |", "|---|---|"]
        lines += [f"| {_cell(str(o.path))} | {_cell(o.reason or '')} |" for o in skipped]
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


def publish(
    title: str, outcomes: list[Outcome], low_confidence: float = LOW_CONFIDENCE, stopped: str | None = None
) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        markdown=markdown_report(title, outcomes, low_confidence, stopped),
        key=REPORT_KEY,
        description=f"{title}: documents, pages, articles, warnings",
    )
    rows = article_table(outcomes)
    if rows:
        create_table_artifact(table=rows, key=ARTICLES_KEY, description=f"{title}: articles")


class Progress:
    """A progress artifact for the pages of a run (the total grows as documents are opened),
    updated at most every `every` seconds."""

    def __init__(self, description: str, every: float = 2.0) -> None:
        from prefect.artifacts import create_progress_artifact

        self.total = 0
        self.done = 0
        self.every = every
        self._last = time.monotonic()
        self._id = create_progress_artifact(progress=0.0, description=description)

    def add(self, pages: int) -> None:
        self.total += pages

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

        share = 100.0 * self.done / self.total if self.total else 100.0
        update_progress_artifact(self._id, progress=round(share, 1))


def _has_review(o: Outcome) -> bool:
    return o.folder is not None and (o.folder / REVIEW_HTML).is_file()


def _picture(o: Outcome, page: int, thumbnail: bool) -> str:
    """The page's picture, linked to its place in the review page; its link alone past the thumbnail cap."""
    if not _has_review(o):
        return "-"
    target = f"{_link(o, REVIEW_HTML)}#{page_anchor(page)}"
    uri = thumbnail_uri(o.folder, page) if thumbnail and o.folder else None
    return f"[![page {page}]({uri})]({target})" if uri else f"[review]({target})"


def _link(o: Outcome, name: str) -> str:
    return Path(o.folder, name).as_uri() if o.folder else name


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class StillFailing(Exception):
    """Some inputs of the run failed, now or before and unchanged since; the others were written."""

    def __init__(self, message: str, summary: dict[str, Any]) -> None:
        super().__init__(message)
        self.summary = summary

    def __reduce__(self) -> tuple[type[StillFailing], tuple[str, dict[str, Any]]]:
        return (type(self), (str(self), self.summary))


def finish(outcomes: list[Outcome]) -> State[Any]:
    """The run's final state: Failed while any input is still failing (an expected failure: a
    state, not a raised exception, so no traceback; the report says why), else Completed."""
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("done", "failed", "skipped", "waiting")}
    summary = {**counts, "documents": {str(o.path): str(o.folder) for o in outcomes if o.status == "done"}}
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        message = f"{len(failed)} inputs still failing: " + "; ".join(f"{o.path}: {o.reason}" for o in failed)
        return Failed(message=message, data=StillFailing(message, summary))
    return Completed(message=f"{counts['done']} documents written", data=summary)
