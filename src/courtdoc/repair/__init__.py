"""Text repair shared by every source: wrap joining, fake-bold removal, normalisation."""

from __future__ import annotations

from ..settings import Settings
from .dedupe import dedupe
from .normalize import normalize


def clean_text(text: str, settings: Settings) -> str:
    """A field's final text: normalised, then undoubled.

    Normalising first gives dedupe one width per mark, so `::；；` (an exporter
    mixing widths) is seen as the doubled run it is, and cleaning clean text
    changes nothing.
    """
    text = normalize(text, settings)
    if settings.dedupe:
        text = dedupe(text)
    return text.strip()
