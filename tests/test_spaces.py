"""Spaces courtdoc writes: never inside a number a line broke, as the whitespace-aware score sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courtdoc.evaluate import space_errors
from courtdoc.pipeline import process
from courtdoc.repair.wraps import join_lines

DIGIT_SPACE_DIGIT = re.compile(r"\d\s+\d")


def test_number_broken_across_lines_is_one_number() -> None:
    assert join_lines(["会议于202", "4年召开，增长2", "5%。"]) == "会议于2024年召开，增长25%。"
    assert join_lines(["访问 Hong", "Kong 的第1", "0次"]) == "访问 Hong Kong 的第10次"


@pytest.mark.slow
def test_rmrb_output_has_no_space_between_digits(shared_dir: Path) -> None:
    doc = process(shared_dir / "realworld/rmrb/rmrb_20251020.pdf")
    texts = [
        t
        for a in doc.articles
        for t in [a.title, a.kicker, a.subtitle, a.byline, a.dateline, a.attribution, *a.captions, *(b.text for b in a.blocks)]
        if t
    ]
    assert len(texts) > 1000
    spaced = [m.group(0) for t in texts for m in DIGIT_SPACE_DIGIT.finditer(t)]
    assert spaced == []
    # The scorer charges such a space as spurious.
    assert space_errors("2024年", "202 4年") == (5, 1, 0)
