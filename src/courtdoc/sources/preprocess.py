"""OpenCV clean-up of a page image before OCR, and the page's non-text marks.

All functions take and return 8-bit grayscale pixel arrays and pixel boxes
(x0, top, x1, bottom). Deskewing rotates about the page centre on a canvas of
the same size, so the deskewed image is the page's coordinate frame: OCR
boxes found on it need only a scale to become page points.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

PxBox = tuple[int, int, int, int]

MIN_SKEW = 0.1  # degrees: below this a rotation costs more sharpness than it gains
MAX_SKEW = 5.0  # degrees searched either way; more than that is a rotated photo, not a skewed scan
SKEW_WIDTH = 1200  # px: the projection profile is measured on a page this wide
SKEW_STRIPS = 2  # columns of a newspaper have their own baselines: score strips separately
INK = 160  # gray level below which a pixel is ink (after background normalisation)
RULE_LENGTH = 0.5  # inch: a thin run this long outside the text is a rule (a glyph's stroke never is)
RULE_THICK = 0.04  # inch: at most this thick (3 pt: a heavy rule; a photo's edge or a fill is more)
# inch: a frame round one line of small type (a pull quote, a label) is this high at least; a
# run this short is a frame's side only where both its ends meet rules (a stroke of a glyph the
# detector left out of its box meets none).
FRAME_SIDE = 0.15
SIDE_TOUCH = 0.02  # inch: a side's end and the rule it meets, drawn as separate strokes, lie this close
# Of a figure's width (height): a row (column) at its edge with less of the patch than this is a
# rule or stray strokes the closing joined on (a column rule beside a headline over a photo: 0.01),
# not the photo, whose rows are its own ink end to end.
FIGURE_EDGE = 0.1
# A blank this many core heights wide inside a line is a printed space: wider than any glyph gap of
# letter-spaced body type (up to 0.63) by a fifth of an em; a word space of a Kai byline (0.85-0.88 on
# the bench's scans) the recogniser's pitch may not show (its centres crowd a short line's).
SPACE_EM = 0.8
# A blank this many core heights wide may be a narrower space: a word space in Kai (本报记者 向子丰
# 胡笑源, 0.54-0.56 on the bench's scans), which letter-spaced body type matches by its glyphs'
# side bearings alone (up to 0.63 on the same scans); the recogniser's pitch tells them apart (ocr.WORD_PITCH).
WORD_BLANK = 0.45
# A blank this many core heights wide is wider than any between two characters of one face (side
# bearings, a half-width digit's cell: up to ~0.35) and narrower than a run-in head's space (a thin
# or half-em space plus bearings: 0.6-0.75 on the sample scan's 锡林郭勒讯 heads).
UPRIGHT_RUN = 0.3  # x core height: a vertical run this long is an upright stroke, not a dot or a hook
RUN_IN_BLANK = 0.4
# A leading run with strokes this many times as thick as the rest of its line is set in another,
# heavier face (bold or Hei against Song/Kai: 1.5-2.5 on scans); Song against Kai, or a digit
# against Han, differ by a fifth at most.
RUN_IN_WEIGHT = 1.4
RUN_IN_SPAN = 2.0  # core heights of ink on either side at least: one glyph's strokes say little of its face (王 against 观)
CORE_SHARE = 0.1  # rows with less ink than this share of the fullest row are tails, not type
# Of a line box's top and bottom rows inked: type set white on a dark fill (a section heading on a
# bar, a label), whose box the fill runs through edge to edge (0.95-1.0 on the bench's scans), where
# black type leaves gaps between its glyphs in every row (at most 0.19, fake-bold headlines included).
REVERSED_EDGE = 0.8
# The paper's tone is estimated on the page reduced by this factor (averaging 8x8 pixels turns a
# halftone screen into its grey), as the brightest cell within PAPER_REACH cells (text and its
# leading never fill 120 px of a 300-dpi page: the paper shows between the lines).
PAPER_SCALE = 8
PAPER_REACH = 15
PAPER_SMOOTH = 9  # cells: the median smoothing the estimate, so a stray bright speck is no paper
# A tinted box (a light grey ground under an article or a note) is paper this many grey levels
# darker than the page's paper, with straight edges: the bench's scans print tints 15-25 levels
# under their paper, whose light varies by less than 8 across a box's width.
TINT_STEP = 8
TINT_SQUARE = 0.9  # of its bounding box the tint covers: a printed box is a rectangle, uneven light is no shape
TINT_SIDE = 0.5  # inch: a box round a paragraph at least (a label's dark fill is `detect_fills`'s)
TINT_FIGURE = 0.5  # of a tint's area at most covered by photos: a photo's own dark ground is no tint
# A label's tint (a few characters on a small grey ground beside a headline) is narrower than the
# paper's reach, so the clean-up leaves it grey: the paper round such a line, within this share of its
# height, is a grey step under the page's paper (labels on the bench's scans: 227-235 against 250-253).
LABEL_RING = 0.3
LABEL_REACH = 1.0  # of the line's height: a label's ground stands out past its type at most this far
LABEL_PAPER = 0.5  # of the ring at least paper (not ink): type set white on a fill has its own finder
NOISE_PX = 2  # ink pixels in a pixel column that are noise, not print
LINE_MARGIN = 0.1  # of the ink height, kept above and below a line: the recogniser's crops have such a margin
CELL_FIT = 1.1  # of a vertical line's width: ink pieces within this height are one character
FIT_SLACK = 1.5  # an ink band this many times the detector box's height is more than one line
SPECK_AREA = 3  # px: a dot this small is dust or scanner noise, not print
SPECKLE_MIN = 200  # specks on a page before it counts as speckled
SPECKLE_SHARE = 0.3  # share of the page's ink marks that are specks on a speckled page
# A reversed label (white type on a black fill: 金台视线, a column's name) is one blob of ink with
# its type cut out of it. Density and shape alone do not tell it from type: a fake-bold headline
# smears into blobs as dense (0.5-0.8 of their box), and a heavy glyph's stroke block is a solid
# rectangle too. Only a fill has both straight edges all round and type-sized white strokes inside.
FILL_DENSITY = (0.7, 0.95)  # of its box inked: 0.86-0.90 on the bench's scans; solid ink with nothing cut out is a bar
FILL_ASPECT = 1.5  # wider than high by half: two characters in their fill (遇见: 1.8)
FILL_SLACK = 0.1  # of the fill's height: a text box fitted to its ink may stand out this far
FILL_HEIGHT = 0.08  # inch: higher than 6 pt, a hairline's or a bold stroke's run is no fill
# Its outline's area over the least rectangle round it (any skew): 0.988-0.999 for labels on the
# bench's scans, at most 0.94 for the sample scan's fake-bold blobs, whose outline follows glyphs.
FILL_STRAIGHT = 0.97
# Its white type: the holes in it (specks aside) stand at least this share of its height together
# (0.43-0.52 on the bench's labels; a heavy glyph's stroke block has slots 0.1-0.36 of its height),
# run along at least this share of its width (0.6-0.88), and are two pieces or more (a label names
# a column in two characters or more; a stroke block has one slot or two).
FILL_TYPE_HEIGHT = 0.4
FILL_TYPE_SPAN = 0.5
FILL_TYPE_PIECES = 2
# A dash leading a line (the ——subtitle, the ——speaker: a pair of em dashes, ~2 core heights on
# the bench's scans) is a flat bar of ink no higher than this share of the line's core, and longer
# than any one glyph's stroke (一 is ~0.9 core heights: a character, read as such).
BAR_HEIGHT = 0.2
BAR_LENGTH = 1.5
BAR_REACH = 3.0  # core heights left of the box looked at for it: a pair of dashes and its blank
BAR_GAP = 0.5  # core heights: most blank between the bar and the box's text
BAR_JOIN = 0.05  # core heights: the blank between ——'s two dashes, where they do not touch
# A display line's row goes on over ink the detector left out of its box (the first phrase of a
# heavy headline it saw only in fragments): pieces of ink at most ROW_GAP core heights apart
# (display type is set solid, about a tenth of an em between glyphs, where a gutter is a body
# em: 0.4 core heights or more of type 2.5 times the body's), each standing ROW_SPAN of the
# line's core height (a glyph of its size, not a neighbour's small print), with its strokes inside
# the line's band (a photo's ink runs on out of it). A smaller piece wholly in the upper
# or lower MARK_BAND of the row is a punctuation mark (the quotes round a headline, its 。): the row
# ends with its strokes, as small print beside the line stands across the middle.
ROW_GAP = 0.3
ROW_SPAN = 0.6
MARK_BAND = 0.45


def to_gray(image: np.ndarray) -> np.ndarray:
    """8-bit single-channel view of any decoded image (gray, BGR, BGRA; 8 or 16 bit)."""
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    if image.shape[2] == 1:
        return image[:, :, 0]
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def estimate_skew(gray: np.ndarray) -> float:
    """The angle (degrees, OpenCV sense) that makes the text lines horizontal.

    Projection profiles: rotated by the right angle, the rows of each column
    strip alternate sharply between ink and paper, so the sum of squared row
    differences peaks. Coarse search, then a fine one around the best.
    """
    h, w = gray.shape
    scale = min(1.0, SKEW_WIDTH / w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small < INK)
    if len(xs) == 0:
        return 0.0
    weight = (255 - small[ys, xs]).astype(np.float64)
    sh, sw = small.shape
    xc, yc = xs - sw / 2, ys - sh / 2
    strip = np.minimum(xs * SKEW_STRIPS // sw, SKEW_STRIPS - 1)
    diag = int(np.hypot(sh, sw)) + 2

    def score(angle: float) -> float:
        # Row each ink pixel lands on once the page is turned by `angle`
        # (cv2.getRotationMatrix2D's sense); exact, no interpolation blur.
        t = np.deg2rad(angle)
        rows = np.floor(-np.sin(t) * xc + np.cos(t) * yc + diag / 2).astype(np.int64)
        profile = np.bincount(strip * diag + rows, weights=weight, minlength=SKEW_STRIPS * diag)
        return float(np.square(profile).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    best = max(fine, key=score)
    return round(float(best), 2) + 0.0


def rotate(image: np.ndarray, angle: float, border: int = 255) -> np.ndarray:
    """`image` rotated by `angle` degrees about its centre, same canvas size."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )


def normalize_background(gray: np.ndarray) -> np.ndarray:
    """Paper tone, yellowing and uneven lighting divided out: paper becomes white.

    The background is the local maximum (ink removed) of a reduced copy,
    smoothed and scaled back; dividing by it keeps ink contrast everywhere.
    """
    h, w = gray.shape
    bg = cv2.resize(paper_map(gray), (w, h), interpolation=cv2.INTER_LINEAR)
    out = cv2.divide(gray, np.maximum(bg, 1), scale=255)
    return out


def paper_map(gray: np.ndarray) -> np.ndarray:
    """The paper's tone across the page, at 1/PAPER_SCALE of its size: the brightest of a reduced
    copy's cells near each (ink removed), smoothed."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // PAPER_SCALE), max(1, h // PAPER_SCALE)), interpolation=cv2.INTER_AREA)
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (PAPER_REACH, PAPER_REACH)))
    return cv2.medianBlur(bg, PAPER_SMOOTH)


def detect_tints(
    paper: np.ndarray, angle: float, shape: tuple[int, int], text_boxes: Sequence[PxBox], figures: Sequence[PxBox], dpi: float
) -> list[PxBox]:
    """Tinted boxes: rectangles of paper a grey step darker than the page's, holding text. A PDF draws
    such a box as a filled rectangle the layout reads as a frame round an article or a note; on a scan
    the clean-up whitens it with the rest of the paper, so it is found on the paper's tone before
    (`paper_map` of the page as scanned, turned by the deskew `angle`; `shape` is the deskewed page's)."""
    level = float(np.median(paper))
    if angle:
        paper = rotate(paper, angle, border=int(level))
    tinted = (paper < level - TINT_STEP).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(tinted, connectivity=4)
    rows, cols = paper.shape
    sx, sy = shape[1] / cols, shape[0] / rows
    side = TINT_SIDE * dpi
    out: list[PxBox] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if x == 0 or y == 0 or x + w >= cols or y + h >= rows or area < TINT_SQUARE * w * h:
            continue  # at the page's edge (light falling off), or no rectangle
        # The paper's brightest cell within reach stands in for each: the tint shows shrunk by half the reach.
        r = PAPER_REACH // 2
        box = (int((x - r) * sx), int((y - r) * sy), int((x + w + r) * sx), int((y + h + r) * sy))
        if box[2] - box[0] < side or box[3] - box[1] < side:
            continue
        photos = sum(max(0, min(box[2], f[2]) - max(box[0], f[0])) * max(0, min(box[3], f[3]) - max(box[1], f[1])) for f in figures)
        holds_text = any(_holds_middle(box, b) for b in text_boxes)
        if holds_text and photos <= TINT_FIGURE * (box[2] - box[0]) * (box[3] - box[1]):
            out.append(box)
    return out


def denoise(gray: np.ndarray) -> np.ndarray:
    """Speckle (isolated dots of a few pixels) whitened, when a page has lots of it.

    Only specks go; strokes, punctuation and photo grain are untouched, and a
    clean page, whose few tiny marks may be decimal points, is left as it is.
    """
    ink = (gray < INK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tiny = stats[1:, cv2.CC_STAT_AREA] <= SPECK_AREA
    if n <= 1 or tiny.sum() < SPECKLE_MIN or tiny.mean() < SPECKLE_SHARE:
        return gray
    specks = np.zeros(n, dtype=bool)
    specks[1:] = tiny
    out = gray.copy()
    out[specks[labels]] = 255
    return out


def clean_page(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """(deskewed, normalised, denoised image; the rotation applied in degrees)."""
    angle = estimate_skew(gray)
    if abs(angle) >= MIN_SKEW:
        gray = rotate(gray, angle)
    else:
        angle = 0.0
    return denoise(normalize_background(gray)), angle


def _without_text(gray: np.ndarray, text_boxes: Sequence[PxBox], pad: int) -> np.ndarray:
    ink = (gray < INK).astype(np.uint8)
    h, w = ink.shape
    for x0, t, x1, b in text_boxes:
        ink[max(0, t - pad) : min(h, b + pad), max(0, x0 - pad) : min(w, x1 + pad)] = 0
    return ink


def detect_rules(gray: np.ndarray, text_boxes: Sequence[PxBox], dpi: float) -> list[PxBox]:
    """Printed rules and box edges: long thin runs of ink outside the text lines, and the short
    sides of a frame round a line or two (a pull quote's box), which join two of the long ones."""
    ink = _without_text(gray, text_boxes, pad=0)
    whole = (gray < INK).astype(np.uint8)
    length = max(20, int(dpi * RULE_LENGTH))
    flat = _whole_runs(ink, whole, (length, 1), dpi)
    upright = _whole_runs(ink, whole, (1, length), dpi)
    touch = max(1, int(dpi * SIDE_TOUCH))

    def meets(x: int, y: int) -> bool:  # a flat rule runs through (x, y)
        return any(r[0] - touch <= x <= r[2] + touch and r[1] - touch <= y <= r[3] + touch for r in flat)

    def long(r: PxBox) -> bool:  # the run is one of the long uprights, found again
        return any(min(r[2], u[2]) > max(r[0], u[0]) and min(r[3], u[3]) > max(r[1], u[1]) for u in upright)

    short = [
        r for r in _thin_runs(ink, (1, max(2, int(dpi * FRAME_SIDE))), dpi)
        if not long(r) and meets((r[0] + r[2]) // 2, r[1]) and meets((r[0] + r[2]) // 2, r[3] - 1)
    ]
    return flat + upright + short


def detect_label_tints(gray: np.ndarray, text_boxes: Sequence[PxBox], figures: Sequence[PxBox], tints: Sequence[PxBox]) -> list[PxBox]:
    """Small tinted grounds round a line or a few (a 栏目 label: 纵横, 记者手记), on the cleaned page: the
    paper round the line is a grey step under the page's, and the ground runs out from the type until
    the paper turns white again. Lines on a larger tint (`detect_tints`) or by a photo are left alone.
    Stacked lines on one ground make one box."""
    paper = gray[::PAPER_SCALE, ::PAPER_SCALE]
    level = float(np.median(paper[paper >= INK]))
    grey = level - TINT_STEP
    h, w = gray.shape

    def tinted(region: np.ndarray) -> bool:
        light = region[region >= INK]
        return light.size > 0 and light.size >= LABEL_PAPER * region.size and float(np.median(light)) < grey

    found: list[PxBox] = []
    for box in text_boxes:
        x0, t, x1, b = box
        height = b - t
        m = max(2, int(LABEL_RING * height))
        near = (max(0, x0 - m), max(0, t - m), min(w, x1 + m), min(h, b + m))
        if any(_overlaps(near, f) for f in figures) or any(_holds_middle(f, box) for f in tints):
            continue
        around = np.ones((near[3] - near[1], near[2] - near[0]), bool)
        around[t - near[1] : b - near[1], x0 - near[0] : x1 - near[0]] = False  # the line itself
        if not tinted(gray[near[1] : near[3], near[0] : near[2]][around]):
            continue
        reach = int(LABEL_REACH * height)
        x0, t, x1, b = near
        while t > max(0, box[1] - reach) and tinted(gray[t - 1 : t, x0:x1]):
            t -= 1
        while b < min(h, box[3] + reach) and tinted(gray[b : b + 1, x0:x1]):
            b += 1
        while x0 > max(0, box[0] - reach) and tinted(gray[t:b, x0 - 1 : x0]):
            x0 -= 1
        while x1 < min(w, box[2] + reach) and tinted(gray[t:b, x1 : x1 + 1]):
            x1 += 1
        found.append((x0, t, x1, b))
    return _merged(found)


def _overlaps(a: PxBox, b: PxBox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _holds_middle(outer: PxBox, box: PxBox) -> bool:
    return outer[0] <= (box[0] + box[2]) / 2 <= outer[2] and outer[1] <= (box[1] + box[3]) / 2 <= outer[3]


def _merged(boxes: list[PxBox]) -> list[PxBox]:
    """Overlapping boxes as their unions, until none overlap."""
    out: list[PxBox] = []
    for box in boxes:
        while (hit := next((o for o in out if _overlaps(o, box)), None)) is not None:
            out.remove(hit)
            box = (min(box[0], hit[0]), min(box[1], hit[1]), max(box[2], hit[2]), max(box[3], hit[3]))
        out.append(box)
    return out


def _thin_runs(ink: np.ndarray, kernel: tuple[int, int], dpi: float) -> list[PxBox]:
    """Boxes of the runs of ink at least `kernel` long (wide, high) and no thicker than a rule."""
    return [box for box, thin in _runs_of(ink, kernel, dpi)[1] if thin]


def _runs_of(ink: np.ndarray, kernel: tuple[int, int], dpi: float) -> tuple[np.ndarray, list[tuple[PxBox, bool]]]:
    """The runs of ink at least `kernel` long: their label image, and each run's box and whether it is
    no thicker than a rule (label i + 1 is run i)."""
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    thick = max(2, int(dpi * RULE_THICK))
    out: list[tuple[PxBox, bool]] = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        out.append(((x, y, x + w, y + h), min(w, h) <= thick))
    return labels, out


def _whole_runs(ink: np.ndarray, whole: np.ndarray, kernel: tuple[int, int], dpi: float) -> list[PxBox]:
    """The rules found in `ink` (the text erased), each at its whole length: a detector box may take in
    the end of a column rule beside its line (a headline set close to the rule), and erasing the box cuts
    the rule short there; the run it is part of in the page's `whole` ink, still no thicker than a rule,
    goes on through the box. A glyph's stroke is never a rule's length, so a run joins only a rule it continues."""
    found = _thin_runs(ink, kernel, dpi)
    if not found:
        return found
    labels, runs = _runs_of(whole, kernel, dpi)
    out: list[PxBox] = []
    for r in found:
        inside = labels[r[1] : r[3], r[0] : r[2]]
        k = int(inside.max())
        box = runs[k - 1][0] if k and runs[k - 1][1] else r
        if box not in out:
            out.append(box)
    return out


def detect_fills(gray: np.ndarray, text_boxes: Sequence[PxBox], dpi: float) -> list[PxBox]:
    """Solid fills with a line of text on them: reversed labels. A PDF draws such a fill as a
    filled box the layout reads as a frame; on a scan its text box covers it, so the rule finder,
    which looks outside the text, never sees it."""
    ink = (gray < INK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out: list[PxBox] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if h < FILL_HEIGHT * dpi or w < FILL_ASPECT * h or not FILL_DENSITY[0] <= area / (w * h) <= FILL_DENSITY[1]:
            continue
        # The text lies wholly on the fill (its box fitted to the ink is the fill's at most):
        # a blob of a headline's glyphs is part of a longer line.
        slack = FILL_SLACK * h
        on_it = any(b[0] >= x - slack and b[1] >= y - slack and b[2] <= x + w + slack and b[3] <= y + h + slack for b in text_boxes)
        if on_it and _is_fill((labels[y : y + h, x : x + w] == i).astype(np.uint8)):
            out.append((x, y, x + w, y + h))
    return out


def _is_fill(blob: np.ndarray) -> bool:
    """A blob of ink is a fill with type cut out of it: straight edges all round and tall white
    strokes along it (see FILL_STRAIGHT, FILL_TYPE_*)."""
    contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outline = max(contours, key=cv2.contourArea)
    _, (rw, rh), _ = cv2.minAreaRect(outline)
    if cv2.contourArea(outline) < FILL_STRAIGHT * rw * rh:
        return False
    inside = np.zeros_like(blob)
    cv2.drawContours(inside, [outline], -1, 1, thickness=-1)
    n, _, stats, _ = cv2.connectedComponentsWithStats(inside & (1 - blob), connectivity=8)
    white = stats[1:n][stats[1:n, cv2.CC_STAT_AREA] > SPECK_AREA]
    if len(white) < FILL_TYPE_PIECES:
        return False
    h, w = blob.shape
    tall = (white[:, 1] + white[:, 3]).max() - white[:, 1].min()
    wide = (white[:, 0] + white[:, 2]).max() - white[:, 0].min()
    return bool(tall >= FILL_TYPE_HEIGHT * h and wide >= FILL_TYPE_SPAN * w)


def detect_figures(
    gray: np.ndarray, text_boxes: Sequence[PxBox], rules: Sequence[PxBox], dpi: float
) -> list[PxBox]:
    """Photo and drawing areas: large dense patches of ink that are neither text nor rules."""
    pad = max(2, int(dpi / 100))
    ink = _without_text(gray, text_boxes, pad=pad)
    # A rule's grey edge pixels lie beside the run found: left, a column rule a photo's width
    # from the photo closes onto it and parts no columns.
    for x0, t, x1, b in rules:
        ink[max(0, t - pad) : b + pad, max(0, x0 - pad) : x1 + pad] = 0
    f = 4
    h, w = ink.shape
    small = cv2.resize(ink.astype(np.float32), (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    mask = (small > 0.15).astype(np.uint8)
    k = max(3, int(dpi / 10 / f))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    side = dpi * 0.55 / f  # ~40 pt, the PDF path's smallest figure
    out: list[PxBox] = []
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if bw < side or bh < side:
            continue
        density = float(small[y : y + bh, x : x + bw].mean())
        if density >= 0.25:
            # A patch is a photo as found; only then is its box rid of what the closing joined on.
            x, y, bw, bh = _trim_edges(labels[y : y + bh, x : x + bw] == i, x, y)
            out.append((x * f, y * f, min(w, (x + bw) * f), min(h, (y + bh) * f)))
    return out


def _trim_edges(part: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    """(x, y, w, h) of a figure's patch less the thin ink the closing joined to its edges: a rule
    or a line's stray strokes, which fill a sliver of each row or column they run along."""
    rows = np.flatnonzero(part.mean(axis=1) >= FIGURE_EDGE)
    cols = np.flatnonzero(part.mean(axis=0) >= FIGURE_EDGE)
    if len(rows) == 0 or len(cols) == 0:
        return x, y, 0, 0
    return x + int(cols[0]), y + int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)


def text_ink(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Ink mask (uint8 0/1) without long vertical runs: column rules are gutters too."""
    ink = (gray < INK).astype(np.uint8)
    length = max(20, int(dpi * 0.5))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return cv2.subtract(ink, rules)


def split_at_gutters(ink: np.ndarray, box: PxBox, height: int = 0) -> list[PxBox]:
    """`box` cut where a column gutter runs through it.

    A detector joins the lines of neighbouring columns when the gutter is
    about an em wide. A gutter is a run of blank pixel columns inside the box,
    wider than half the line height, that is also blank in the lines just
    above or just below while those lines have ink on both sides of it. A gap
    after a comma or in a spaced headline does not line up like that.
    `height`, when larger than the box, is the line's own (a detector box may
    be shorter than the type it found).
    """
    x0, t, x1, b = box
    h = max(b - t, height)
    if x1 - x0 < 3 * h:
        return [box]
    reach = 5 * h
    # A stray pixel of scanner noise does not fill a gutter.
    own = ink[t:b, x0:x1].sum(axis=0) > NOISE_PX
    inked = np.flatnonzero(own)
    if len(inked) == 0:
        return [box]
    windows = [ink[max(0, t - reach) : t, x0:x1], ink[b : b + reach, x0:x1]]
    cuts: list[tuple[int, int]] = []
    for a, z in _runs(~own, min_len=max(2, h // 2)):
        if a <= inked[0] or z > inked[-1]:
            continue  # the line's own margins
        if _gutter_in(windows, a, z, h):
            cuts.append((a, z))
    out: list[PxBox] = []
    start = 0
    for a, z in cuts:
        out.append((x0 + start, t, x0 + a, b))
        start = z
    out.append((x0 + start, t, x1, b))
    return out


def spaces(ink: np.ndarray, box: PxBox) -> list[tuple[int, int]]:
    """(x0, x1) of the blanks about half an em wide or wider between the ink of `box`: where a
    space the recogniser drops may be."""
    x0, t, x1, b = box
    h = core_height(ink, box)
    # Any ink closes a space: a faint thin stroke (一) in the gap must not be cut away.
    own = ink[t:b, x0:x1].any(axis=0)
    inked = np.flatnonzero(own)
    if len(inked) == 0:
        return []
    return [(x0 + a, x0 + z) for a, z in _runs(~own, min_len=max(3, int(WORD_BLANK * h))) if a > inked[0] and z <= inked[-1]]


def _gutter_in(windows: Sequence[np.ndarray], a: int, z: int, h: int) -> bool:
    """Columns a..z blank, in a shared run, in at least two lines of the windows that have ink on
    both sides, and in more such lines than run across them (a headline over the columns may)."""
    blank: list[np.ndarray] = []
    crossing = 0
    for window in windows:
        both = (window[:, :a].sum(axis=1) > NOISE_PX) & (window[:, z:].sum(axis=1) > NOISE_PX)
        for s, e in _runs(both, min_len=max(2, h // 3)):
            cols = window[s:e, a:z].sum(axis=0) > NOISE_PX
            # Glyph side bearings differ line to line: half a line height of blank is enough.
            if _runs(~cols, min_len=max(2, h // 2)):
                blank.append(~cols)
            else:
                crossing += 1
    if len(blank) < 2 or len(blank) <= crossing:
        return False
    return bool(_runs(np.logical_and.reduce(blank), min_len=max(2, h // 2)))


def _runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """(start, end) of the True runs at least `min_len` long."""
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2]) if e - s >= min_len]


def _own_runs(region: np.ndarray, clipped: bool = False) -> list[tuple[int, int]]:
    """Inked column runs of a line's box, less a sliver of the neighbouring column's glyph at
    either end: a gutter away from the line, left in it closes the gap to that column's line
    (the two are joined as one) and the recogniser reads it as a stray character. With
    `clipped`, only a sliver the box edge cuts counts: a trailing 。 stands clear of the edge."""
    runs = _runs(region.any(axis=0), min_len=1)
    h, w = region.shape

    def sliver(run: tuple[int, int], gap: int, edge: bool) -> bool:
        return run[1] - run[0] < 0.3 * h and gap >= 0.5 * h and (edge or not clipped)

    while len(runs) > 1 and sliver(runs[-1], runs[-1][0] - runs[-2][1], runs[-1][1] >= w - 1):
        runs.pop()
    while len(runs) > 1 and sliver(runs[0], runs[1][0] - runs[0][1], runs[0][0] <= 0):
        runs.pop(0)
    return runs


def tighten(ink: np.ndarray, box: PxBox) -> PxBox:
    """`box` shrunk to the ink inside it: detector boxes carry a margin that hides gutters and indents."""
    x0, t, x1, b = box
    region = ink[t:b, x0:x1]
    runs = _own_runs(region)
    if not runs:
        return box
    left, right = runs[0][0], runs[-1][1]
    rows = np.flatnonzero(region[:, left:right].any(axis=1))
    return (x0 + left, t + int(rows[0]), x0 + right, t + int(rows[-1]) + 1)


def type_ink(ink: np.ndarray, box: PxBox) -> tuple[np.ndarray, PxBox]:
    """The ink of the line's type and its box in that array: the page's ink, or, for type set white on a
    dark fill, the box's own ink turned over, so that its size, strokes and face are measured on the
    glyphs and not on the fill (whose height would read as a headline's). The type is the white the
    fill holds: white reaching the box's edge is the paper past the fill's end."""
    x0, t, x1, b = box
    region = ink[t:b, x0:x1]
    if region.size == 0 or min(region[0].mean(), region[-1].mean()) < REVERSED_EDGE:
        return ink, box
    n, labels, stats, _ = cv2.connectedComponentsWithStats((1 - region).astype(np.uint8), connectivity=8)
    h, w = region.shape
    left, top, right, bottom = stats[:, 0], stats[:, 1], stats[:, 0] + stats[:, 2], stats[:, 1] + stats[:, 3]
    held = (left > 0) & (top > 0) & (right < w) & (bottom < h)
    held[0] = False  # the fill itself
    glyphs = held[labels].astype(ink.dtype)
    return glyphs, tighten(glyphs, (0, 0, w, h))


def into_blank(ink: np.ndarray, box: PxBox, pad: int) -> PxBox:
    """`box` grown by up to `pad` rows above and below, as far as those rows are blank: a margin
    that never takes in a neighbour's ink (the foot of a headline over a box cut from its edge)."""
    x0, t, x1, b = box
    above = ink[max(0, t - pad) : t, x0:x1].sum(axis=1)[::-1] > NOISE_PX  # nearest row first
    below = ink[b : b + pad, x0:x1].sum(axis=1) > NOISE_PX
    return x0, t - _blank_rows(above), x1, b + _blank_rows(below)


def _blank_rows(inked: np.ndarray) -> int:
    """How many rows from the first are blank."""
    return int(np.argmax(inked)) if inked.any() else len(inked)


def fit_rows(ink: np.ndarray, box: PxBox) -> PxBox:
    """`box` with its top and bottom moved to the band of ink rows through its middle, plus
    LINE_MARGIN: a detector working on a reduced page places them a few pixels off, and the
    gutter and space tests measure everything in line heights. A band much taller than the
    box is two lines merged (a box across a gutter between columns set on different
    baselines): the box is kept, for the gutter cut to part them."""
    x0, t, x1, b = box
    h = b - t
    lo, hi = max(0, t - h // 2), min(ink.shape[0], b + h // 2)
    rows = ink[lo:hi, x0:x1].sum(axis=1) > NOISE_PX
    mid = (t + b) // 2 - lo
    band = [(a, z) for a, z in _runs(rows, min_len=1) if a <= mid < z]
    if not band:
        return box
    a, z = band[0]
    if z - a > FIT_SLACK * h:
        return box
    pad = int(LINE_MARGIN * (z - a))
    return (x0, max(0, lo + a - pad), x1, min(ink.shape[0], lo + z + pad))


def run_on(ink: np.ndarray, box: PxBox, others: Sequence[PxBox]) -> PxBox:
    """`box` (fitted to its rows) grown left and right over the glyphs of its own row the detector
    left out (see ROW_GAP), up to the next gap, a box in `others`, or ink that is no glyph of it."""
    x0, t, x1, b = box
    core = core_height(ink, box)
    band = ink[t:b].sum(axis=0) > NOISE_PX
    # The line's glyphs stand clear of its band's first and last rows (its margin): ink there runs on
    # out of the band.
    crossing = (ink[t] | ink[b - 1]).astype(bool)
    gap = max(1, int(ROW_GAP * core))
    taken = np.zeros(ink.shape[1], dtype=bool)
    for o in others:  # a box of the lines above or below may reach into the band by its margin
        if min(o[3], b) - max(o[1], t) > (b - t) / 2:
            taken[max(0, o[0]) : max(0, o[2])] = True

    def piece(a: int, z: int) -> str:
        """"glyph", "mark" or "" (none of the line's) for the ink in columns a..z."""
        if taken[a:z].any() or crossing[a:z].any():
            return ""
        rows = np.flatnonzero(ink[t:b, a:z].any(axis=1))
        if rows[-1] - rows[0] + 1 >= ROW_SPAN * core:
            return "glyph"
        return "mark" if rows[-1] < MARK_BAND * (b - t) or rows[0] >= (1 - MARK_BAND) * (b - t) else ""

    def reach(start: int, step: int) -> int:
        edge, x, wanted = start, start, ("glyph", "mark")
        while 0 <= x + step < ink.shape[1] and abs(x + step - edge) <= gap:
            x += step
            if band[x]:
                a = x
                while 0 <= x + step < ink.shape[1] and band[x + step]:
                    x += step
                kind = piece(min(a, x), max(a, x) + 1)
                if kind not in wanted:
                    break
                edge = x
                if kind == "mark":  # the strokes of a quote mark, and nothing after them
                    wanted = ("mark",)
        return edge

    return (reach(x0, -1), t, reach(x1 - 1, 1) + 1, b)


def trim_slivers(ink: np.ndarray, box: PxBox) -> PxBox:
    """`box` without a neighbouring column's sliver at either end, cut mid-gap so the line keeps
    the margin the recogniser expects."""
    x0, t, x1, b = box
    region = ink[t:b, x0:x1]
    runs = _own_runs(region, clipped=True)
    full = _runs(region.any(axis=0), min_len=1)
    if runs == full:
        return box
    left = x0 if runs[0] == full[0] else x0 + (runs[0][0] + max(z for _, z in full if z <= runs[0][0])) // 2
    right = x1 if runs[-1] == full[-1] else x0 + (runs[-1][1] + min(a for a, _ in full if a >= runs[-1][1])) // 2
    return (left, t, right, b)


def stroke_width(ink: np.ndarray, box: PxBox) -> float:
    """Mean stroke width (px) of the ink in `box`: twice the distance transform along the
    strokes' centre lines (its local maxima). Hei and bold type have strokes about half as
    thick again as Song or Kai of the same size; the recogniser cannot say so."""
    total, count = _ridges(ink, box)
    return 2.0 * float(total.sum()) / max(1, int(count.sum()))


def ink_share(ink: np.ndarray, box: PxBox) -> float:
    """Share of `box` that is ink: Hei's even, heavy strokes fill half as much again as Song or Kai."""
    x0, t, x1, b = box
    return float(np.count_nonzero(ink[t:b, x0:x1])) / max(1, (x1 - x0) * (b - t))


def upright_share(ink: np.ndarray, box: PxBox, core: int) -> float:
    """Share of the ink in `box` that lies in long vertical strokes (runs down a pixel column at
    least UPRIGHT_RUN of the type's `core` height). Song sets long straight uprights; Kai's
    brush strokes lean and curve, so at a like stroke width a Kai line has far less of its ink
    in them (`sources.ocr.kai_blocks`)."""
    x0, t, x1, b = box
    m = ink[t:b, x0:x1].T > 0
    total = int(m.sum())
    if not total:
        return 0.0
    edges = np.diff(np.pad(m.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    lengths = np.flatnonzero(edges.ravel() == -1) - np.flatnonzero(edges.ravel() == 1)
    return float(lengths[lengths >= UPRIGHT_RUN * core].sum()) / total


def _ridges(ink: np.ndarray, box: PxBox) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel column of `box`: the sum of the distance transform on the strokes' centre
    lines, and how many centre-line pixels there are (a stroke width for any span of columns)."""
    x0, t, x1, b = box
    region = np.ascontiguousarray(ink[t:b, x0:x1], dtype=np.uint8)
    dist = cv2.distanceTransform(region, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    ridge = (dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)))
    return np.where(ridge, dist, 0.0).sum(axis=0), ridge.sum(axis=0)


def runs_in(head: tuple[float, float], rest: tuple[float, float], blank: float, core: float) -> bool:
    """Whether a run (stroke width, width in px), a `blank` (px) before the rest of its line,
    is a run-in head (a bold dateline, a lead-in) set before its text: a typeset space, and a
    heavier face on its left than on its right, each side long enough to tell its face. Bold
    type inside a line (emphasis) has no space before or after it; a wide blank between two
    runs of one face is a space, not a new run."""
    return (
        blank >= RUN_IN_BLANK * core
        and min(head[1], rest[1]) >= RUN_IN_SPAN * core
        and head[0] >= RUN_IN_WEIGHT * rest[0] > 0
    )


def run_in_blank(ink: np.ndarray, box: PxBox) -> tuple[int, int] | None:
    """(x0, x1) of the blank after the line's run-in head (see `runs_in`), if it opens with one.

    The recogniser reads a head and its text as one run of characters and drops the thin space
    between them: on a PDF the head is a fragment in another font, here only the strokes and the
    blank say so. Of the blanks with at least a character of ink on either side, the one whose
    left is heaviest against its right: at the head's end the two sides are each one face.
    """
    x0, t, x1, b = box
    core = core_height(ink, box)
    own = ink[t:b, x0:x1].any(axis=0)
    inked = np.flatnonzero(own)
    if len(inked) == 0:
        return None
    total, count = (np.concatenate(([0.0], np.cumsum(v))) for v in _ridges(ink, box))

    def stroke(a: int, z: int) -> float:
        return 2.0 * (total[z] - total[a]) / max(1.0, count[z] - count[a])

    best: tuple[float, int, int] | None = None
    for a, z in _runs(~own, min_len=max(2, int(RUN_IN_BLANK * core))):
        head, rest = stroke(0, a), stroke(z, len(own))
        if runs_in((head, a - inked[0]), (rest, inked[-1] + 1 - z), z - a, core) and (best is None or head / rest > best[0]):
            best = (head / rest, a, z)
    return None if best is None else (x0 + best[1], x0 + best[2])


def leading_bar(ink: np.ndarray, box: PxBox) -> tuple[int, int] | None:
    """(x0, x1) of a flat bar of ink opening the line (a leading dash), within the box or just
    left of it: a detector often leaves a thin dash out of the box it draws round the text."""
    x0, t, x1, b = box
    h = core_height(ink, box)
    if h <= 0:
        return None
    lo = max(0, x0 - int(BAR_REACH * h))
    runs = _runs(ink[t:b, lo:x1].any(axis=0), min_len=1)
    merged: list[tuple[int, int]] = []
    for a, z in runs:
        if merged and a - merged[-1][1] <= BAR_JOIN * h:
            merged[-1] = (merged[-1][0], z)
        else:
            merged.append((a, z))
    for k, (a, z) in enumerate(merged):
        if lo + z < x0 - BAR_GAP * h:
            continue  # ink well left of the box: a neighbouring column's
        rows = np.flatnonzero(ink[t:b, lo + a : lo + z].any(axis=1))
        opens = k == 0 or a - merged[k - 1][1] >= h  # a dash inside a line of the neighbour is no opener
        if opens and z - a >= BAR_LENGTH * h and rows[-1] - rows[0] + 1 <= BAR_HEIGHT * h:
            return lo + a, lo + z
        return None
    return None


def core_height(ink: np.ndarray, box: PxBox) -> int:
    """Height of the line's main band of ink, leaving out the thin tails of quote
    marks, commas and brackets that make a line's ink box taller than its type."""
    x0, t, x1, b = box
    rows = ink[t:b, x0:x1].sum(axis=1)
    if not rows.any():
        return b - t
    band = np.flatnonzero(rows >= CORE_SHARE * rows.max())
    return int(band[-1] - band[0] + 1)


def upright_strip(gray: np.ndarray, ink: np.ndarray, box: PxBox) -> np.ndarray:
    """A vertical line's characters, each in a square cell as wide as the line, set left to
    right into one horizontal BGR strip. Cells are cut at blank rows; pieces of one character
    (the strokes of 二, 三) are put back together while they fit in one cell."""
    x0, t, x1, b = box
    width = x1 - x0
    rows = ink[t:b, x0:x1].any(axis=1)
    cells: list[tuple[int, int]] = []
    for a, z in _runs(rows, min_len=1):
        if cells and z - cells[-1][0] <= CELL_FIT * width:
            cells[-1] = (cells[-1][0], z)
        else:
            cells.append((a, z))
    pad = max(2, width // 8)
    side = width + 2 * pad
    strip = np.full((side, side * max(1, len(cells))), 255, np.uint8)
    for i, (a, z) in enumerate(cells):
        glyph = gray[t + a : t + z, x0:x1]
        top = pad + (width - (z - a)) // 2 if z - a < width else pad
        glyph = glyph[: side - top]
        strip[top : top + glyph.shape[0], i * side + pad : i * side + pad + width] = glyph
    return cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR)
