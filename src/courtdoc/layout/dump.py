"""The middle of the pipeline made visible: a page's regions and ownership decisions as JSON.

`courtdoc clean --debug-layout` writes this next to the manifest, so a wrong
article can be traced to the decision that made it: which headline opened
which region, which column or block each region was given and why, and
which of those were close calls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from ..model import BBox, Block, PageText
from .positioned import page_layout


def page_dump(page: PageText) -> dict[str, Any]:
    if not any(line.bbox is not None for line in page.lines):
        from .text import text_blocks

        return {"page": page.number, "method": page.method, "blocks": [_block(b) for b in text_blocks(page)]}
    blocks, ctx = page_layout(page)
    out: dict[str, Any] = {"page": page.number, "method": page.method}
    if ctx is not None:
        out |= {
            "body_size": round(ctx.body, 2),
            "line_pitch": round(ctx.pitch, 2),
            "body_font": ctx.body_font,
            "rules": [_box(r) for r in ctx.rules],
            "blanks": [_box(r) for r in ctx.blanks],
            "frames": [_box(b) for b in ctx.boxes],
            "figures": [_box(f) for f in ctx.figures],
        }
    out["regions"] = _regions(blocks)
    out["blocks"] = [_block(b) for b in blocks]
    out["decisions"] = [asdict(d) | {"bbox": _box(d.bbox)} for d in (ctx.decisions if ctx else [])]
    return out


def layout_json(pages: Sequence[PageText]) -> bytes:
    """Every page's dump, one JSON document."""
    data = {"schema": "courtdoc.layout-debug/1", "pages": [page_dump(p) for p in pages]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _regions(blocks: list[Block]) -> list[dict[str, Any]]:
    """Each region (an article rectangle opened by a headline) with its headline and what it owns."""
    regions: dict[int, dict[str, Any]] = {}
    for b in blocks:
        if b.region is None:
            continue
        r = regions.setdefault(b.region, {"region": b.region, "title": None, "roles": {}})
        if b.role == "title" and r["title"] is None:
            r["title"] = _text(b)
        r["roles"][b.role] = r["roles"].get(b.role, 0) + 1
    return list(regions.values())


def _block(b: Block) -> dict[str, Any]:
    return {
        "role": b.role,
        "region": b.region,
        "bbox": _box(b.bbox) if b.bbox else None,
        "text": _text(b),
        "doubts": list(b.doubts),
    }


def _text(b: Block) -> str:
    return " / ".join(ln.text for ln in b.lines)


def _box(b: BBox) -> list[float]:
    return [round(v, 1) for v in b]
