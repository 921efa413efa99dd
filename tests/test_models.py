"""The model dirs assembled from the wheel: what PaddleOCR reads from them, and when they are rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from courtdoc.settings import Settings
from courtdoc.sources import models
from courtdoc.sources.ocr import Engine


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COURTDOC_CACHE", str(tmp_path))
    return tmp_path / "models"


def test_the_recogniser_gets_the_models_characters(cache: Path) -> None:
    """Written as one string, the characters reach paddlex's decoder as the model's own list."""
    m = models.resolve_models(Settings())
    decoder = Engine(m).rec.paddlex_predictor.post_op
    # paddlex puts CTC's blank first and a space last.
    assert decoder.character[1:-1] == models.onnx_characters(m.rec.path / "inference.onnx")
    assert len(decoder.character) > 18_000


def test_a_dir_of_an_older_layout_is_assembled_again(cache: Path) -> None:
    m = models.resolve_models(Settings())
    rec_yml, det_yml = m.rec.path / "inference.yml", m.det.path / "inference.yml"
    written = rec_yml.read_text(encoding="utf-8")
    # The layout before: the characters as a list (18,708 YAML nodes for paddlex to parse).
    config = yaml.safe_load(written)
    config["PostProcess"]["character_dict"] = list(config["PostProcess"]["character_dict"])
    rec_yml.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # A detector dir whose post-processing differs from what this version writes.
    det = yaml.safe_load(det_yml.read_text(encoding="utf-8"))
    det["PostProcess"]["box_thresh"] = 0.5
    det_yml.write_text(yaml.safe_dump(det), encoding="utf-8")

    again = models.resolve_models(Settings())
    assert again == m
    assert rec_yml.read_text(encoding="utf-8") == written
    assert yaml.safe_load(det_yml.read_text(encoding="utf-8"))["PostProcess"]["box_thresh"] == 0.6
    # A current dir is kept as it is.
    stamp = rec_yml.stat().st_mtime_ns
    models.resolve_models(Settings())
    assert rec_yml.stat().st_mtime_ns == stamp
