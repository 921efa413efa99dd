"""Page -> blocks in reading order, each with a role.

Pages with geometry (PDF text layers, OCR) go through `geometry`; pages of
plain text, whose lines have no boxes, through `text`.
"""

from __future__ import annotations

from ..model import Block, PageText


def page_blocks(page: PageText) -> list[Block]:
    if any(line.bbox is not None for line in page.lines):
        from .positioned import geometry_blocks

        return geometry_blocks(page)
    from .text import text_blocks

    return text_blocks(page)
