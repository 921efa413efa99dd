"""The benchmark's Cost section says whether courtdoc's OCR worker stays within its memory target."""

from bench.run import OCR_WORKER_PEAK_MB, _worker_peak


def _cost(form: str, peak_mb: float | None) -> dict[str, dict[str, object]]:
    return {f"courtdoc|{form}": {"peak_mb": peak_mb}}


def test_the_largest_ocr_worker_peak_is_judged_against_the_target() -> None:
    cost = {**_cost("scan-image", 1100.0), **_cost("scan-pdf", OCR_WORKER_PEAK_MB + 30.0), **_cost("text-pdf", 5000.0)}
    (_, line) = _worker_peak(cost)
    assert f"**{OCR_WORKER_PEAK_MB + 30:.0f} MB** (scan PDF" in line  # a text-PDF run is no OCR worker
    assert "**over**" in line


def test_a_peak_within_the_target_says_so() -> None:
    (_, line) = _worker_peak(_cost("garbage-pdf", OCR_WORKER_PEAK_MB - 1.0))
    assert "within the target" in line


def test_no_ocr_run_no_line() -> None:
    assert _worker_peak({**_cost("text-pdf", 100.0), **_cost("scan-image", None)}) == []
