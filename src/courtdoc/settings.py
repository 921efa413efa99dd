"""Run settings shared by the CLI, the pipeline and the Prefect flows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    # Repair switches (all on by default; each can be turned off from the CLI).
    t2s: bool = True  # traditional -> simplified characters (OpenCC t2s)
    fullwidth_punct: bool = True  # half-width punctuation inside Chinese text -> full-width
    dedupe: bool = True  # remove duplicated fake-bold text
    # Rasterising and OCR.
    dpi: int = 300
    ocr_models: Path | None = None  # a folder with PaddleOCR det/rec model dirs
    max_pixels: int = 250_000_000  # decompression-bomb cap, checked before decoding
    # PDF.
    password: str | None = None
    # Extra files beside the manifest; they change nothing in it, so they stay out of the fingerprint.
    review: bool = False  # review.html and a picture of each page with its articles outlined
    debug_layout: bool = False  # layout-debug.json: the layout's regions and ownership decisions per page

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def fingerprint(self) -> str:
        """A short stable key of everything that changes the output (not the password)."""
        data = asdict(self)
        data.pop("password")
        data.pop("review")
        data.pop("debug_layout")
        data["ocr_models"] = str(self.ocr_models) if self.ocr_models else None
        blob = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
