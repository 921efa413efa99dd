"""OCR of page images: PaddleOCR text detection and recognition, offline.

The detector runs once over the page reduced to DETECT_DPI (the resolution
its training type has; a full-resolution pass costs six times as much and
breaks display type up), and again only over the row of display type it
half saw (`second_look`); a display line runs on over the glyphs and quote
marks its box left out, and a display row it only doubted is read where it
reads surely (`doubted_rows`). Its boxes are fitted to the full-resolution ink,
cut apart where the detector ran them across a column gutter, rid of a
neighbouring column's sliver, and each line is recognised whole from the
cleaned page, in batches of similar width; where the print has a wide space
the recogniser drops, the space goes back in at the character the
recogniser placed at that gap. Lines come out in page points with a top-left origin, like
text-layer lines, so the same geometric layout reads OCR pages and
born-digital pages; their `bold` comes from the stroke width, and a run-in
head (a bold dateline a thin space before its text) is a fragment of its own
(`run_in_parts`), as a PDF has it in another font, measured at its text's
size (`heads_at_text_size`). A page set
vertically is read column by column instead (see `read_vertical`).

The engine loads once per process and is reused for every page.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ..errors import OcrUnavailable
from ..model import Line, PageText
from ..settings import Settings
from . import preprocess
from ..rules.chinese import printed_traditional, traditional_twins
from ..rules.cjk import is_cjk as is_han
from .models import ModelDir, OcrModels, resolve_models

DETECT_DPI = 120  # the detector's view of the page: 10 pt body type ~17 px high, a 60 pt headline ~100 px
DETECT_BOX = 0.6  # a box's mean text probability for a line: PaddleOCR's own box_thresh for these models
# Its pixel threshold: a box drawn at all, however unsure. Over heavy display type the detector's
# map is weak and depends on what else the image holds: the same 120-dpi pixels of the sample
# scan's 同频共振“深融合” score 0.31-0.78 as the crop around them changes, 0.9 in a band holding
# their row alone.
UNSURE_BOX = 0.3
LOOK_SIZE = 1.5  # x the page's median line height: an unsure box this high is display type, worth a second look
LOOK_ASPECT = 2.0  # and this many times as wide as high: a row of two characters or more, not a blotch of a photo
LOOK_MARGIN = 0.5  # x the unsure box's height, above and below: the band holds its row and no half of a neighbour
TILE = 2048  # px: the detector's largest input side (an A3 page at DETECT_DPI is one tile)
OVERLAP = 256  # px: taller than a 60 pt headline at 300 dpi, so each line is whole in some tile
THREADS_ENV = "COURTDOC_OCR_THREADS"  # set by a parent that runs several workers on the same cores
REC_HEIGHT = 48  # px: the recogniser's input height (PP-OCR rec_image_shape)
# Of a line's fitted height, added above and below its crop for the recogniser where the page is
# blank there. It learned from detector boxes, which stand about this far out from the ink; a crop
# cut tighter shows it type bigger than it learned, as a wider input: a fifth more time for the
# same text (0.3 begins to misread characters).
REC_MARGIN = 0.15
REC_MIN_WIDTH = 320  # px: it pads narrower crops to this width
# px of padded input per call: 4 twenty-character lines, 12 short words. Memory, not speed, sets it:
# the recogniser's arena keeps its largest call's memory for the worker's life, beside the
# detector's next page (8 lines a call peaked a worker reading broadsheet scans at 1.36 GB, 4 at
# 1.14 GB, in the same CPU time and with the same text).
REC_WIDTH = 4 * 960
LOW_CONFIDENCE = 0.8
# A line this short read below this score is ink that is no text: a character the detector half
# found (一 read at 0.46 from the stroke of a bigger glyph), a speck, a rule's end. A longer line
# read as unsure is still mostly its text; two characters carry no content a field could lose.
NOISE_CHARS = 2
NOISE_SCORE = 0.5
BOLD_STROKE = 1.4  # stroke/size this many times the page's median is heavy type: body Song/Kai 0.85-1.15, Hei regular ~1.25, bold >= 1.5
PUNCT_BLANK = 0.5  # em: the blank half of a full-width punctuation mark
VERTICAL_ASPECT = 2.0  # a box this many times taller than wide is a vertical line (a horizontal one never is)
VERTICAL_SHARE = 0.5  # of the page's text area in such boxes: the page is set vertically
VERTICAL_CONFIDENCE = 0.4  # at most, for a vertical page's lines: read in order, but not laid out
SAME_BASELINE = 0.2  # x the line's height: two fragments' feet this close stand on one baseline
NEXT_LINE = 1.5  # x the line's height: the next line of its paragraph starts within this blank under it
DASHES = "—-─－–"  # what the recogniser reads a dash as
BAR_READINGS = DASHES + "一"  # and what it may read a flat bar of two dashes as
INK_EM = 0.93  # the main ink band of CJK type is ~0.93 em: its height / this ~ the type size
# em: two Chinese characters the recogniser places this much further apart than the line's usual
# pitch have a space between them. Word spaces (0.5-0.55 em in Kai bylines) stand 0.49-0.76 em out
# on the bench's scans, a letter-spaced body line's widest glyph gaps at most 0.28.
WORD_PITCH = 0.4
# Of that widening, the blank itself spans at least this share: where the recogniser dropped a mark
# (基础。今年 read 基础今年) the pitch widens as much, but the mark's ink parts the blank.
WORD_HOLDS = 0.8
# Kai against Song, from the ink: stroke width over type size, divided by the share of the ink in
# long uprights (Song's are long and straight, Kai's brush strokes lean and curve). Against the
# page's body lines, Song body reads 0.86-1.20 (5th-95th percentile) and Kai 1.3-2.9 on the bench's
# scans; one line is too short a sample (1.3 % of Song lines pass), so a block decides as a whole.
KAI_WEIGHT = 1.3
# Hei's strokes are heavy too, but even and straight: its box is this much denser than the body's
# or more (Hei regular 1.22-3.7 x, Kai 0.84-1.8 x with Kai's median at 0.96).
KAI_DENSITY = 1.2
SAME_SET = 0.15  # x the taller core: lines this close in height are set in one size
BLOCK_LEAD = 1.0  # x core height: the next line of a block starts within this blank under the last
ROW_GAP = 3.0  # x core height: pieces of one row (a byline's names the detector boxed apart) stand this close
# Kai's main ink band is shorter in its em than Song's (about 0.88 of the size against 0.96):
# measured as Song, an 11 pt Kai byline reads at a 10 pt body's size.
KAI_INK_EM = INK_EM * 0.88 / 0.96
# Only the size is corrected: the face is not named on the line (as a PDF's font name would), for
# OCR's sizes are too noisy for the rules that read a face at body size as a caption's: an 11 pt
# Kai byline over its photo measures 10.7 against a 10 pt body and became the photo's caption
# (seeds 3/4 captions 0.931 -> 0.914, held-out 0.966 -> 0.931 when named; unchanged when not).


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised line in pixels of the image it was read from."""

    text: str
    box: tuple[int, int, int, int]  # x0, top, x1, bottom
    score: float
    core: int = 0  # height of the main band of ink (px): the type size without punctuation tails
    stroke: float = 0.0  # mean stroke width (px), for bold against the page's body type
    upright: float = 0.0  # share of its ink in long vertical strokes, for Kai against Song (`kai_blocks`)
    density: float = 0.0  # share of its box that is ink, for Kai against Hei


@dataclass(frozen=True, slots=True)
class Reading:
    """The recogniser's reading of one crop."""

    text: str
    score: float
    centres: tuple[float, ...] = ()  # x of each character's middle, in the crop's pixels


class Engine:
    """A PaddleOCR detector and recogniser, loaded from local model dirs."""

    def __init__(self, models: OcrModels) -> None:
        _offline_environment()
        try:
            from paddleocr import TextDetection, TextRecognition

            self.det = TextDetection(
                model_name=models.det.name,
                model_dir=str(models.det.path),
                limit_side_len=TILE,
                limit_type="max",
                # One call a page: an arena would hold its feature maps beside the recogniser's.
                **_runtime(models.det, arena=False),
            )
            self.rec = TextRecognition(
                # Many calls a page: the arena saves allocating (and the system time of it) each one.
                model_name=models.rec.name, model_dir=str(models.rec.path), **_runtime(models.rec, arena=True)
            )
        except OcrUnavailable:
            raise
        except Exception as e:  # paddlex raises bare RuntimeError/ValueError/ImportError alike
            raise OcrUnavailable(
                f"cannot load OCR models ({models.det.path}, {models.rec.path}): {type(e).__name__}: {e}"
            ) from e
        self.models = models

    def detect(self, image: np.ndarray) -> list[tuple[np.ndarray, float]]:
        """Text-line quadrilaterals (4x2 float arrays) in one tile, each with its box score,
        down to UNSURE_BOX."""
        (res,) = self.det.predict(image, box_thresh=UNSURE_BOX)
        return [(np.asarray(p, dtype=np.float32), float(s)) for p, s in zip(res["dt_polys"], res["dt_scores"], strict=True)]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[Reading]:
        """Readings of `crops`, in batches of similar width, each within REC_WIDTH of input."""
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / crops[i].shape[0])
        out: list[Reading] = [Reading("", 0.0)] * len(crops)
        for batch in width_batches([_rec_width(crops[i]) for i in order]):
            picked = [order[k] for k in batch]
            # A batch in ascending width ratio, as paddlex sorts it to scale each crop's
            # decoding columns (`return_word_box`).
            results = self.rec.predict([crops[i] for i in picked], batch_size=len(picked), return_word_box=True)
            for i, r in zip(picked, results, strict=True):
                text, (columns, _, cols, _) = r["rec_text"]
                # `columns`: the crop's width in the recogniser's output columns.
                step = crops[i].shape[1] / columns
                centres = tuple((c + 0.5) * step for word in cols for c in word)
                out[i] = Reading(str(text), float(r["rec_score"]), centres)
        return out


def _rec_width(crop: np.ndarray) -> float:
    """Width of the crop as the recogniser's input: REC_HEIGHT high, at least REC_MIN_WIDTH wide."""
    return max(REC_MIN_WIDTH, REC_HEIGHT * crop.shape[1] / max(1, crop.shape[0]))


def width_batches(widths: Sequence[float]) -> list[list[int]]:
    """Consecutive runs of `widths` (sorted ascending) whose padded size, count x the widest,
    stays within REC_WIDTH: short words go many to a call, long lines few, so memory stays
    flat and no call pads a short crop to a long one's width."""
    batches: list[list[int]] = []
    for k, w in enumerate(widths):
        if batches and (len(batches[-1]) + 1) * w <= REC_WIDTH:
            batches[-1].append(k)
        else:
            batches.append([k])
    return batches


def _offline_environment() -> None:
    # Never ask a model hub anything: every model comes from a local dir.
    os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")


def ocr_threads() -> int:
    """Threads for the engine: the worker's share of the cores this process may run on."""
    given = os.environ.get(THREADS_ENV, "")
    return int(given) if given.isdigit() and int(given) > 0 else len(os.sched_getaffinity(0))


def share_cores(workers: int) -> None:
    """In one of `workers` pool processes on the same cores: the engine's threads are this
    worker's share, so the workers do not fight over the cores (set before the engine loads).
    A count the operator set in THREADS_ENV stands."""
    os.environ.setdefault(THREADS_ENV, str(max(1, len(os.sched_getaffinity(0)) // workers)))


def _runtime(model: ModelDir, arena: bool) -> dict[str, Any]:
    threads = ocr_threads()
    if model.engine == "onnxruntime":
        # paddlex's `cpu_threads` only reaches Paddle Inference; onnxruntime takes its own config.
        return {
            "engine": "onnxruntime",
            "engine_config": {"intra_op_num_threads": threads, "inter_op_num_threads": 1, "enable_cpu_mem_arena": arena},
        }
    return {"cpu_threads": threads}


_ENGINES: dict[OcrModels, Engine] = {}
_LOCK = threading.Lock()


def get_engine(settings: Settings) -> Engine:
    """The process's engine for the configured models, loaded on first use."""
    models = resolve_models(settings)
    with _LOCK:
        engine = _ENGINES.get(models)
        if engine is None:
            engine = _ENGINES[models] = Engine(models)
        return engine


# --- reading an image -------------------------------------------------------


def tiles(height: int, width: int, size: int = TILE, overlap: int = OVERLAP) -> list[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) windows of at most `size` px covering the image, overlapping by `overlap`."""

    def spans(n: int) -> list[tuple[int, int]]:
        if n <= size:
            return [(0, n)]
        k = -(-(n - overlap) // (size - overlap))
        step = (n - overlap) / k
        return [(round(i * step), min(n, round(i * step + step + overlap))) for i in range(k)]

    return [(x0, y0, x1, y1) for y0, y1 in spans(height) for x0, x1 in spans(width)]


def detect_lines(engine: Engine, image: np.ndarray) -> list[np.ndarray]:
    """All line quads of the image, tile by tile, with seam-cut pieces merged."""
    return _detect_tiles(engine, image)[0]


def _detect_tiles(engine: Engine, image: np.ndarray) -> tuple[list[np.ndarray], list[tuple[float, float, float, float]]]:
    """(the line quads of the image, seam-cut pieces merged; the boxes the detector drew
    under DETECT_BOX), tile by tile."""
    h, w = image.shape[:2]
    found: list[tuple[int, np.ndarray]] = []
    unsure: list[tuple[float, float, float, float]] = []
    for i, (x0, y0, x1, y1) in enumerate(tiles(h, w)):
        for quad, score in engine.detect(np.ascontiguousarray(image[y0:y1, x0:x1])):
            quad = quad + np.array([x0, y0], dtype=np.float32)
            if score >= DETECT_BOX:
                found.append((i, quad))
            else:
                unsure.append(_rect(quad))
    return merge_tile_boxes(found), unsure


def detect_page(engine: Engine, gray: np.ndarray, dpi: float) -> tuple[list[np.ndarray], list[tuple[float, float, float, float]]]:
    """(line quads, the boxes the detector doubted) of the whole page in its own pixels, from one
    pass at DETECT_DPI.

    The detector needs type a dozen to a few dozen pixels high, not the
    scan's full resolution: at DETECT_DPI body type and headlines are both
    whole to it, and the page is a sixth of the pixels a 300-dpi pass costs.
    Recognition still reads the crops from the full-resolution page.
    """
    scale = min(1.0, DETECT_DPI / dpi, TILE / max(gray.shape))
    small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    found, unsure = _detect_tiles(engine, image)
    quads = second_look(engine, image, found, unsure)
    return [q / scale for q in quads], [(r[0] / scale, r[1] / scale, r[2] / scale, r[3] / scale) for r in unsure]


def second_look(
    engine: Engine, image: np.ndarray, quads: Sequence[np.ndarray], unsure: Sequence[tuple[float, float, float, float]]
) -> list[np.ndarray]:
    """`quads` with the display type the detector half saw: each unsure box of a row of big
    type that no line covers is detected again in a band of the page holding its row alone,
    and the lines found there across it replace the lines they cover (a headline's phrase
    found on the first look). A page without such a box costs nothing more."""
    out = list(quads)
    heights = [_rect(q)[3] - _rect(q)[1] for q in quads]
    if not heights:
        return out
    body = float(np.median(heights))
    for box in sorted(unsure, key=lambda r: r[1]):
        h = box[3] - box[1]
        if h < LOOK_SIZE * body or box[2] - box[0] < LOOK_ASPECT * h or any(_inside(box, _rect(q)) for q in out):
            continue
        y0 = max(0, int(box[1] - LOOK_MARGIN * h))
        band = np.ascontiguousarray(image[y0 : int(np.ceil(box[3] + LOOK_MARGIN * h))])
        for quad in detect_lines(engine, band):
            quad = quad + np.array([0, y0], dtype=np.float32)
            rect = _rect(quad)
            if _inside(box, rect):
                out = [q for q in out if not _inside(_rect(q), rect)] + [quad]
    return out


def _inside(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Most of box `a` lies within box `b`."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return w > 0 and h > 0 and w * h >= 0.5 * area


def _root(parent: list[int], i: int) -> int:
    """The representative of `i`'s set in a union-find forest (halving the path on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_tile_boxes(found: Sequence[tuple[int, np.ndarray]]) -> list[np.ndarray]:
    """Quads from different tiles that are the same line (or pieces of it) become one.

    Two boxes from different tiles are one line when they share most of their
    height and overlap horizontally: a duplicate from the overlap band, a
    piece cut by a vertical seam, or a line's top cut by a horizontal seam.
    Boxes from the same tile are the detector's own decision and stay apart.
    """
    n = len(found)
    rects = [_rect(q) for _, q in found]
    parent = list(range(n))

    order = sorted(range(n), key=lambda i: rects[i][0])
    for a_pos, a in enumerate(order):
        ax0, at, ax1, ab = rects[a]
        for b in order[a_pos + 1 :]:
            bx0, bt, bx1, bb = rects[b]
            if bx0 > ax1:
                break
            if found[a][0] == found[b][0]:
                continue
            shared = min(ab, bb) - max(at, bt)
            if shared > 0.6 * min(ab - at, bb - bt):
                parent[_root(parent, a)] = _root(parent, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(_root(parent, i), []).append(i)
    out: list[np.ndarray] = []
    for members in groups.values():
        if len(members) == 1:
            out.append(found[members[0]][1])
        else:
            x0 = min(rects[i][0] for i in members)
            t = min(rects[i][1] for i in members)
            x1 = max(rects[i][2] for i in members)
            b = max(rects[i][3] for i in members)
            out.append(_quad((int(x0), int(t), int(np.ceil(x1)), int(np.ceil(b)))))
    return out


def _rect(quad: np.ndarray) -> tuple[float, float, float, float]:
    return float(quad[:, 0].min()), float(quad[:, 1].min()), float(quad[:, 0].max()), float(quad[:, 1].max())


def crop_quad(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The line's pixels straightened to a horizontal BGR strip (PaddleOCR's rotate-crop).

    A grayscale page is converted crop by crop: no colour copy of the whole page."""
    tl, tr, br, bl = _ordered(quad)
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    w, h = max(w, 1), max(h, 1)
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(np.array([tl, tr, br, bl], dtype=np.float32), dst)
    crop = cv2.warpPerspective(image, m, (w, h), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if h >= 1.5 * w:  # a vertical line of text: read it top to bottom
        crop = np.rot90(crop)
    crop = np.ascontiguousarray(crop)
    return cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) if crop.ndim == 2 else crop


def _ordered(quad: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    pts = quad[np.argsort(quad[:, 0])]
    left = pts[:2][np.argsort(pts[:2, 1])]
    right = pts[2:][np.argsort(pts[2:, 1])]
    return left[0], right[0], right[1], left[1]


def read_image(
    engine: Engine, gray: np.ndarray, dpi: float, found: Sequence[np.ndarray], doubted: Sequence[tuple[float, float, float, float]] = ()
) -> list[OcrLine]:
    """Recognise every line the detector `found` on a cleaned grayscale page, and the rows of display
    type it only `doubted` (`doubted_rows`), where they read surely.

    Each detected box is cut at column gutters (separate lines) and read
    whole; its wide spaces are put back from the ink afterwards (`with_spaces`).
    """
    ink = preprocess.text_ink(gray, dpi)
    boxes: list[tuple[int, int, int, int]] = []
    quads: list[np.ndarray] = []  # what is recognised: the detector's own quad where the box is it
    unsure: list[bool] = []  # the box is a row the detector doubted
    rects = [_int_rect(q) for q in found]
    display = LOOK_SIZE * float(np.median([r[3] - r[1] for r in rects])) if rects else 0.0
    rows = doubted_rows(ink, doubted, rects, display)
    for k, quad in enumerate([*found, *(_quad(r) for r in rows)]):
        rect = _int_rect(quad)
        fitted = preprocess.fit_rows(ink, rect)
        if rect[3] - rect[1] >= display:  # the detector may have seen a heavy headline's phrase in fragments
            grown = preprocess.run_on(ink, fitted, rects[:k] + rects[k + 1 :])
            if grown[::2] != fitted[::2]:
                rect = (grown[0], rect[1], grown[2], rect[3])
                quad = _quad(rect)
        for piece in preprocess.split_at_gutters(ink, rect, fitted[3] - fitted[1]):
            box = preprocess.trim_slivers(ink, preprocess.fit_rows(ink, piece))
            boxes.append(box)
            unsure.append(k >= len(found))
            margin = int(REC_MARGIN * (box[3] - box[1]))
            quads.append(quad if box == rect else _quad(preprocess.into_blank(ink, box, margin)))
    readings = engine.recognize([crop_quad(gray, q) for q in quads])
    out = []
    led = [
        (box, with_lead_dash(ink, box, r))
        for box, r, doubt in zip(boxes, readings, unsure, strict=True)
        if not doubt or r.score >= LOW_CONFIDENCE
    ]
    for box, reading in (part for line in led for part in run_in_parts(ink, *line)):
        gaps = [(a - box[0], z - box[0]) for a, z in preprocess.spaces(ink, box)]
        text = with_spaces(reading, gaps, preprocess.core_height(ink, box)).strip()
        if text:
            tight = preprocess.tighten(ink, box)
            glyphs, own = preprocess.type_ink(ink, tight)
            core = preprocess.core_height(glyphs, own)
            stroke = preprocess.stroke_width(glyphs, own)
            upright = preprocess.upright_share(glyphs, own, core)
            out.append(OcrLine(text, tight, reading.score, core, stroke, upright, preprocess.ink_share(glyphs, own)))
    return out


def doubted_rows(
    ink: np.ndarray, doubted: Sequence[tuple[float, float, float, float]], found: Sequence[tuple[int, int, int, int]], display: float
) -> list[preprocess.PxBox]:
    """Rows of display type the detector saw only as doubtful pieces, where it found no line: a
    heavy headline whose fake-bold strokes run together into a blot it scores under DETECT_BOX
    (0.31-0.38 along 砥砺耕耘结硕果), piece by piece and lower than its type. The pieces along one
    row are joined, fitted to the row's ink; a row as high as display type (`LOOK_SIZE`) and a
    few characters wide runs on over its glyphs (`preprocess.run_on`). A photo's doubtful pieces
    fit no row of ink, and the reading must be sure (LOW_CONFIDENCE) to stand."""
    rows: list[list[float]] = []
    for r in sorted(doubted, key=lambda r: r[0]):
        for row in rows:
            h = min(r[3] - r[1], row[3] - row[1])
            if min(r[3], row[3]) - max(r[1], row[1]) > h / 2 and r[0] - row[2] <= h:
                row[:] = [min(row[0], r[0]), min(row[1], r[1]), max(row[2], r[2]), max(row[3], r[3])]
                break
        else:
            rows.append(list(r))
    out: list[preprocess.PxBox] = []
    for row in rows:
        box = (int(row[0]), int(row[1]), int(np.ceil(row[2])), int(np.ceil(row[3])))
        if box[2] - box[0] < LOOK_ASPECT * (box[3] - box[1]) or any(_inside(box, f) or _inside(f, box) for f in found):
            continue
        h = (box[3] - box[1]) // 2
        taller = (box[0], max(0, box[1] - h), box[2], box[3] + h)  # its type stands taller than the pieces
        fitted = preprocess.fit_rows(ink, taller)
        if fitted != taller and fitted[3] - fitted[1] >= display:  # fit_rows keeps a box it fits no band of
            out.append(preprocess.run_on(ink, fitted, found))
    return out


def with_lead_dash(ink: np.ndarray, box: preprocess.PxBox, reading: Reading) -> Reading:
    """The line's reading with the dash that opens it, where the detector's box or the recogniser
    left it out: a ——subtitle's or ——speaker's flat bar reads as nothing, and without it the line
    is body text to the layout. One em dash per em of the bar, as the text layer has them, placed
    before the box (a negative centre). The box stays the detector's: where a headline beside it
    ends is the layout's to read from the text's ink, and a box run out over the blank in front
    moved the line into its neighbour. A bar the recogniser read as 一 (a pair of dashes is twice its
    width, and flatter than any stroke of a character) is the dashes."""
    bar = preprocess.leading_bar(ink, box)
    if bar is None or reading.text.lstrip()[:1] in DASHES:
        return reading
    # The characters the recogniser placed on the bar: none, or what it read the bar as.
    on_bar = sum(1 for c in reading.centres if c < bar[1] - box[0])
    if set(reading.text[:on_bar]) - set(BAR_READINGS):
        return reading
    em = preprocess.core_height(ink, box) / INK_EM
    dash = "—" * max(1, round((bar[1] - bar[0]) / em))
    rest = reading.text[on_bar:]
    return Reading(dash + rest, reading.score, ((bar[0] + bar[1]) / 2 - box[0],) * len(dash) + reading.centres[on_bar:])


def run_in_parts(ink: np.ndarray, box: preprocess.PxBox, reading: Reading) -> list[tuple[preprocess.PxBox, Reading]]:
    """The line as its run-in head and the rest, two fragments each with its own face, where
    it opens with one (`preprocess.run_in_blank`); else the line whole. The reading is cut at
    the character the recogniser placed at the blank, as the PDF path has the two fragments."""
    blank = preprocess.run_in_blank(ink, box)
    if blank is None:
        return [(box, reading)]
    k = bisect(reading.centres, (blank[0] + blank[1]) / 2 - box[0])
    if not 0 < k < len(reading.text) or _mark_blank(reading.text[k - 1 : k + 1]):
        return [(box, reading)]
    shift = blank[1] - box[0]
    head = Reading(reading.text[:k], reading.score, reading.centres[:k])
    rest = Reading(reading.text[k:], reading.score, tuple(c - shift for c in reading.centres[k:]))
    return [((box[0], box[1], blank[0], box[3]), head), ((blank[1], box[1], box[2], box[3]), rest)]


def with_spaces(reading: Reading, gaps: Sequence[tuple[int, int]], core: int) -> str:
    """The reading with its spaces beside Chinese characters taken from the ink: one at each
    blank (x0, x1 in the crop) between two characters that is wide (SPACE_EM core heights) or
    that the recogniser's pitch widens too (WORD_PITCH), and no other.

    The recogniser reads a wide printed space (`赤峰讯　6月`, `本报记者 金丽`) as
    nothing, and the narrow blank a typesetter puts between Chinese and digits
    (`达到 80.3%`) now and then as a space; so beside a Chinese character only
    the ink says where a space is, as the glyph gaps do on a PDF. A narrower
    blank (a Kai word space) is a space only where the characters on either side
    stand further apart than the line's others: side bearings widen a blank, not
    the pitch. A blank beside punctuation is the mark's own blank half, not a
    space. Between Latin words the recogniser's spaces stand.
    """
    read = reading.text
    kept = [k for k, c in enumerate(read) if not (c.isspace() and any(map(is_han, read[max(0, k - 1) : k] + read[k + 1 : k + 2])))]
    text = "".join(read[k] for k in kept)
    centres = [reading.centres[k] for k in kept]
    pitches = [centres[k] - centres[k - 1] for k in range(1, len(text)) if is_han(text[k - 1]) and is_han(text[k])]
    usual = float(np.median(pitches)) if pitches else 0.0
    em = core / INK_EM
    for a, z in sorted(gaps, reverse=True):  # right to left: earlier positions stay valid
        k = bisect(centres, (a + z) / 2)
        if not 0 < k < len(text) or any(_punct(c) or c.isspace() for c in text[k - 1 : k + 1]):
            continue
        wide = z - a >= preprocess.SPACE_EM * core
        wider = centres[k] - centres[k - 1] - usual
        if wide or (is_han(text[k - 1]) and is_han(text[k]) and wider >= WORD_PITCH * em and z - a >= WORD_HOLDS * wider):
            text = text[:k] + " " + text[k:]
    return text


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _mark_blank(pair: str) -> bool:
    """A blank beside a full-width mark of these two characters is the mark's own blank half,
    never a run-in head's end."""
    return any(map(_punct, pair))


def _int_rect(quad: np.ndarray) -> tuple[int, int, int, int]:
    x0, t, x1, b = _rect(quad)
    return int(x0), int(t), int(np.ceil(x1)), int(np.ceil(b))


def _quad(box: tuple[int, int, int, int]) -> np.ndarray:
    x0, t, x1, b = box
    return np.array([[x0, t], [x1, t], [x1, b], [x0, b]], dtype=np.float32)


# --- line repair --------------------------------------------------------------

_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fix_widths(text: str) -> str:
    """Full-width digits and Latin letters (a recogniser's confusion) -> ASCII.

    Punctuation is left alone: its width is the shared normaliser's business.
    """
    return _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


# A dot between two Chinese characters: the recogniser reads the middle dot of a transliterated name
# (玛丽娜·拉古什) as a period; a period or decimal point never stands there.
_DOT_IN_HAN = re.compile(r"(?<=[\u3400-\u9fff])[.．•∙・](?=[\u3400-\u9fff])")


def fix_name_dots(text: str) -> str:
    """A dot read between two Chinese characters -> the middle dot `·` of a foreign name."""
    return _DOT_IN_HAN.sub("·", text)


def drop_repeated_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """One printed line read from two boxes is kept once, in its more confident reading.

    The detector may box a line alone and again together with the next
    column's line; cut at the gutter, both boxes hold the same line. Two
    printed lines never share half the box of either.
    """
    kept: list[OcrLine] = []
    for ln in sorted(lines, key=lambda ln: -ln.score):
        if not any(_inside(ln.box, k.box) or _inside(k.box, ln.box) for k in kept):
            kept.append(ln)
    return sorted(kept, key=lambda ln: (ln.box[1], ln.box[0]))


def join_split_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """A line the detector cut in two (at a wide space, a bold run) becomes one again.

    Two boxes are one line when they sit on the same baseline with the same
    height and the gap between them is under one character; a wider gap is a
    column gutter and stays.
    """
    by_mid = sorted(lines, key=lambda ln: ln.box[1] + ln.box[3])
    parent = list(range(len(by_mid)))

    for i, a in enumerate(by_mid):
        h = a.box[3] - a.box[1]
        for j in range(i + 1, len(by_mid)):
            b = by_mid[j]
            if (b.box[1] + b.box[3]) - (a.box[1] + a.box[3]) > 0.4 * h:
                break
            if _same_line(a, b) or _same_line(b, a):
                parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[OcrLine]] = {}
    for i, ln in enumerate(by_mid):
        groups.setdefault(_root(parent, i), []).append(ln)
    out = []
    for members in groups.values():
        members.sort(key=lambda ln: ln.box[0])
        joined = members[0]
        for ln in members[1:]:
            joined = _joined(joined, ln)
        out.append(joined)
    return sorted(out, key=lambda ln: (ln.box[1], ln.box[0]))


def _same_line(a: OcrLine, b: OcrLine) -> bool:
    ah, bh = a.box[3] - a.box[1], b.box[3] - b.box[1]
    if abs(ah - bh) > 0.2 * max(ah, bh):
        return False
    if abs(a.box[3] - b.box[3]) > 0.2 * max(ah, bh) or abs(a.box[1] - b.box[1]) > 0.2 * max(ah, bh):
        return False
    gap = b.box[0] - a.box[2]
    # Narrower than a gutter split_at_gutters would cut; a full-width mark's blank half
    # (，。、 sit in one half of their em) widens the gap without being a gutter.
    blank_half = PUNCT_BLANK * bh if a.text and _punct(a.text[-1]) else 0.0
    # A run-in head the detector boxed apart stays apart, as `run_in_parts` parts one it did not.
    core = a.core or ah
    head = not _mark_blank(a.text[-1:] + b.text[:1]) and preprocess.runs_in(
        (a.stroke, a.box[2] - a.box[0]), (b.stroke, b.box[2] - b.box[0]), gap, core
    )
    return -0.5 * bh < gap < 0.45 * bh + blank_half and not head


def _joined(a: OcrLine, b: OcrLine) -> OcrLine:
    sep = " " if a.text[-1:].isascii() and b.text[:1].isascii() and a.text[-1:].isalnum() else ""
    box = (min(a.box[0], b.box[0]), min(a.box[1], b.box[1]), max(a.box[2], b.box[2]), max(a.box[3], b.box[3]))
    n = max(1, len(a.text) + len(b.text))
    pairs = ((a.score, b.score), (a.stroke, b.stroke), (a.upright, b.upright), (a.density, b.density))
    score, stroke, upright, density = ((x * len(a.text) + y * len(b.text)) / n for x, y in pairs)
    return OcrLine(a.text + sep + b.text, box, score, max(a.core, b.core), stroke, upright, density)


def heads_at_text_size(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """The lines, each run-in head measured at its text's size.

    A run-in head (a bold dateline, a lead-in) is set in the size of the text it opens, but its
    heavier face stands taller (Hei's ink band is about a tenth of an em taller than Kai's): a
    bold 锡林郭勒讯 over a Kai body measured a size step over it, a deck line under the headline,
    and became a byline. A head is the heavier fragment before another on its baseline
    (`preprocess.runs_in`) with its paragraph's next line running on under the blank between the
    two: a gutter is blank below too, and a heading beside the next column keeps its size."""
    by_foot = sorted(lines, key=lambda ln: ln.box[3])
    feet = [ln.box[3] for ln in by_foot]

    def near(lo: float, hi: float) -> list[OcrLine]:  # the lines whose feet lie between lo and hi
        return by_foot[bisect(feet, lo - 1) : bisect(feet, hi)]

    out = list(lines)
    for i, a in enumerate(lines):
        h = a.box[3] - a.box[1]
        rest = [
            b
            for b in near(a.box[3] - SAME_BASELINE * h, a.box[3] + SAME_BASELINE * h)
            if b.box[0] >= a.box[2]
            and preprocess.runs_in((a.stroke, a.box[2] - a.box[0]), (b.stroke, b.box[2] - b.box[0]), b.box[0] - a.box[2], a.core or h)
        ]
        if not rest:
            continue
        b = min(rest, key=lambda ln: ln.box[0])
        if any(
            0 <= c.box[1] - a.box[3] <= NEXT_LINE * h and c.box[0] <= a.box[0] + h and c.box[2] >= b.box[0]
            for c in near(a.box[3], a.box[3] + (NEXT_LINE + 2) * h)
        ):
            out[i] = replace(a, core=b.core)
    return out


# --- vertical pages -------------------------------------------------------------


def is_vertical(quads: Sequence[np.ndarray]) -> bool:
    """Most of the page's text stands in boxes much taller than wide: columns set vertically."""
    rects = [_rect(q) for q in quads]
    areas = [(r[2] - r[0]) * (r[3] - r[1]) for r in rects]
    tall = sum(a for a, r in zip(areas, rects, strict=True) if r[3] - r[1] >= VERTICAL_ASPECT * (r[2] - r[0]))
    return sum(areas) > 0 and tall >= VERTICAL_SHARE * sum(areas)


def read_vertical(engine: Engine, gray: np.ndarray, dpi: float, found: Sequence[np.ndarray]) -> list[OcrLine]:
    """The vertical lines of a page in reading order: bands top to bottom, in each band the
    columns right to left, each column read top to bottom with its characters stood upright
    side by side (the recogniser reads horizontal lines only)."""
    ink = preprocess.text_ink(gray, dpi)
    boxes = [preprocess.tighten(ink, _int_rect(q)) for q in found]
    boxes = [b for b in boxes if b[3] - b[1] >= VERTICAL_ASPECT * (b[2] - b[0])]
    readings = engine.recognize([preprocess.upright_strip(gray, ink, b) for b in boxes])
    lines = [OcrLine(r.text.strip(), b, r.score, b[2] - b[0]) for b, r in zip(boxes, readings, strict=True) if r.text.strip()]
    return sorted(lines, key=lambda ln: (_band(ln, lines), -ln.box[2]))


def _band(line: OcrLine, lines: Sequence[OcrLine]) -> int:
    """Top of the highest line whose rows overlap this one's: columns side by side share a band."""
    return min(o.box[1] for o in lines if o.box[1] < line.box[3] and line.box[1] < o.box[3])


def vertical_page(lines: Sequence[OcrLine], number: int, shape: tuple[int, ...], dpi: float) -> PageText:
    """A vertical page as lines in reading order without positions: the geometric layout
    knows horizontal pages only, so the plain-text layout takes the lines as they come,
    and every line is flagged unsure (articles, titles and fields are not laid out)."""
    k = 72.0 / dpi
    out = [Line(text=fix_widths(ln.text), confidence=round(min(ln.score, VERTICAL_CONFIDENCE), 4)) for ln in lines]
    return PageText(
        number=number,
        lines=out,
        method="ocr-vertical",
        width=round(shape[1] * k, 2),
        height=round(shape[0] * k, 2),
        confidence=round(min((ln.confidence for ln in out), default=0.0), 4),
        warnings=[
            f"page {number}: text set vertically: {len(out)} columns read right to left, "
            "top to bottom; articles and their fields are not laid out"
        ],
    )


# --- page assembly ------------------------------------------------------------


def ocr_page_image(image: np.ndarray, number: int, dpi: float, settings: Settings) -> PageText:
    """A decoded page image (any depth/channels) as positioned lines in page points."""
    engine = get_engine(settings)
    gray = preprocess.to_gray(image)
    paper = preprocess.paper_map(gray)  # the tints the clean-up whitens show on the paper as scanned
    gray, angle = preprocess.clean_page(gray)
    found, doubted = detect_page(engine, gray, dpi)
    if is_vertical(found):
        return vertical_page(read_vertical(engine, gray, dpi, found), number, gray.shape, dpi)
    lines = heads_at_text_size(join_split_lines(drop_repeated_lines(read_image(engine, gray, dpi, found, doubted))))
    boxes = [ln.box for ln in lines]
    rules = preprocess.detect_rules(gray, boxes, dpi) + preprocess.detect_fills(gray, boxes, dpi)
    figures = preprocess.detect_figures(gray, boxes, rules, dpi)
    tints = preprocess.detect_tints(paper, angle, gray.shape, boxes, figures, dpi)
    rules = outside_figures(rules, figures) + tints + preprocess.detect_label_tints(gray, boxes, figures, tints)
    lines = [clear_of_rules(ln, rules) for ln in lines if not _noise(ln, figures)]
    return page_text(lines, number, gray.shape[1], gray.shape[0], dpi, rules, figures, angle)


def outside_figures(rules: Sequence[preprocess.PxBox], figures: Sequence[preprocess.PxBox]) -> list[preprocess.PxBox]:
    """The rules that are print: a run of ink inside a photo is its texture (a halftone's streaks,
    a building's edge), and as a separator it would part a headline from its column."""
    return [r for r in rules if not any(_inside(r, f) for f in figures)]


def clear_of_rules(line: OcrLine, rules: Sequence[preprocess.PxBox]) -> OcrLine:
    """The line's box without a column rule the detector took in at its edge: a headline set close to
    the rule beside it is boxed with the rule's stretch alongside, and would then stand across the rule
    it is ruled off by. A rule running past the line's top and bottom within a character of an edge
    (no glyph fits between) is the rule's, not the line's."""
    x0, t, x1, b = line.box
    reach = line.core or b - t
    for r in rules:
        if r[3] - r[1] < r[2] - r[0] or r[1] > t or r[3] < b:
            continue  # flat, or not running past the line
        if x0 <= r[0] and r[2] <= x0 + reach:
            x0 = r[2]
        elif x1 - reach <= r[0] and r[2] <= x1:
            x1 = r[0]
    return line if (x0, x1) == (line.box[0], line.box[2]) else replace(line, box=(x0, t, x1, b))


def _noise(line: OcrLine, figures: Sequence[tuple[int, int, int, int]]) -> bool:
    """Ink read as text that is none: a short line read at a guess's score; unsure text found
    inside a photo is texture, not print, where sure text (a banner) stays."""
    if len(line.text) <= NOISE_CHARS and line.score < NOISE_SCORE:
        return True
    if line.score >= 0.85:
        return False
    x0, t, x1, b = line.box
    cx, cy = (x0 + x1) / 2, (t + b) / 2
    return any(f[0] <= cx <= f[2] and f[1] <= cy <= f[3] for f in figures)


def set_alike(lines: Sequence[OcrLine]) -> list[list[int]]:
    """The lines (by index) in runs set alike, each of one size: the pieces of one row, and the
    lines of one block, each close under the last and no wider than it (a paragraph's lines run
    full until its last; a byline over its text is narrower than the text under it)."""
    parent = list(range(len(lines)))

    order = sorted(range(len(lines)), key=lambda i: lines[i].box[1])
    for n, i in enumerate(order):
        a = lines[i]
        h = a.core or a.box[3] - a.box[1]
        for j in order[n + 1 :]:
            b = lines[j]
            if b.box[1] - a.box[3] > BLOCK_LEAD * h:
                break
            bh = b.core or b.box[3] - b.box[1]
            if abs(h - bh) > SAME_SET * max(h, bh):
                continue
            row = abs(a.box[3] - b.box[3]) <= SAME_BASELINE * h and max(a.box[0], b.box[0]) - min(a.box[2], b.box[2]) <= ROW_GAP * h
            below = (
                0 <= b.box[1] - a.box[3]
                and min(a.box[2], b.box[2]) > max(a.box[0], b.box[0])
                and a.box[2] - a.box[0] >= b.box[2] - b.box[0] - h
            )
            if row or below:
                parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(_root(parent, i), []).append(i)
    return list(groups.values())


def kai_blocks(lines: Sequence[OcrLine]) -> list[bool]:
    """Per line, whether its block (`set_alike`) is set in Kai against a page set in Song: the
    block's pooled stroke weight over its uprights' share, KAI_WEIGHT times the body lines'."""

    def pooled(group: Sequence[OcrLine]) -> tuple[float, float]:  # (weight over uprights, density)
        chars = [max(1, len(ln.text)) for ln in group]
        weight = sum(ln.stroke / (ln.core or ln.box[3] - ln.box[1] or 1) * n for ln, n in zip(group, chars, strict=True))
        upright = sum(ln.upright * n for ln, n in zip(group, chars, strict=True))
        density = sum(ln.density * n for ln, n in zip(group, chars, strict=True)) / sum(chars)
        return (weight / upright if upright else 0.0), density

    if not lines:
        return []
    heights = [ln.core or ln.box[3] - ln.box[1] for ln in lines]
    body = float(np.median(heights))
    body_ratio, body_density = np.median([pooled([ln]) for ln, h in zip(lines, heights, strict=True) if abs(h - body) <= SAME_SET * body], axis=0)
    kai = [False] * len(lines)
    for group in set_alike(lines):
        ratio, density = pooled([lines[i] for i in group])
        if body_ratio and ratio >= KAI_WEIGHT * body_ratio and density < KAI_DENSITY * body_density:
            for i in group:
                kai[i] = True
    return kai


def page_text(
    lines: Sequence[OcrLine],
    number: int,
    width_px: int,
    height_px: int,
    dpi: float,
    rules: Sequence[tuple[int, int, int, int]],
    figures: Sequence[tuple[int, int, int, int]],
    angle: float,
) -> PageText:
    k = 72.0 / dpi

    def pt(box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        return (round(box[0] * k, 2), round(box[1] * k, 2), round(box[2] * k, 2), round(box[3] * k, 2))

    out: list[Line] = []
    warnings: list[str] = []
    weights = [ln.stroke / (ln.core or ln.box[3] - ln.box[1] or 1) for ln in lines]
    body_weight = float(np.median(weights)) if weights else 0.0
    texts = [fix_name_dots(fix_widths(ln.text)) for ln in lines]
    # The recogniser, trained mostly on simplified text, reads a traditional glyph a stroke away from
    # its simplified twin as the twin (黃 read 黄, 內 read 内, 強 read 强): on a page printed in
    # traditional characters such a character is the traditional one.
    if printed_traditional(texts):
        texts = [traditional_twins(t) for t in texts]
    for ln, text, weight, kai in zip(lines, texts, weights, kai_blocks(lines), strict=True):
        bbox = pt(ln.box)
        height = (ln.core or ln.box[3] - ln.box[1]) * k
        width = bbox[2] - bbox[0]
        bold = bool(weight >= BOLD_STROKE * body_weight) if body_weight else None
        kai = kai and not bold
        size = (min(height, width) if height > 1.5 * width else height) / (KAI_INK_EM if kai else INK_EM)
        out.append(Line(text=text, bbox=bbox, size=round(size, 2), font=None, confidence=round(ln.score, 4), bold=bold))
        if ln.score < LOW_CONFIDENCE:
            warnings.append(
                f"page {number}: low-confidence line ({ln.score:.2f}) at ({bbox[0]:.0f},{bbox[1]:.0f}): {_excerpt(text)}"
            )
    chars = sum(len(ln.text) for ln in out)
    confidence = sum(ln.confidence * len(ln.text) for ln in out) / chars if chars else 0.0
    if angle:
        warnings.insert(0, f"page {number}: deskewed by {angle:.2f}°")
    return PageText(
        number=number,
        lines=out,
        method="ocr",
        width=round(width_px * k, 2),
        height=round(height_px * k, 2),
        rules=[pt(r) for r in rules],
        figures=[pt(f) for f in figures],
        confidence=round(confidence, 4),
        warnings=warnings,
    )


def _excerpt(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"


def ocr_pdf_page(path: Path, n: int, settings: Settings) -> PageText:
    """Page `n` (1-based) of a PDF rendered and OCRed: for pages without a usable text layer."""
    from .raster import render_pdf_page

    image, dpi = render_pdf_page(path, n, settings)
    return ocr_page_image(image, n, dpi, settings)
