"""OpenCV page clean-up: deskew, paper tone, speckle, rules and photos."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps
from ocr_pages import as_array, run_in_line, seed_lines, text_image

from courtdoc.sources import ocr, preprocess


@pytest.fixture(scope="module")
def page(shared_dir: Path) -> np.ndarray:
    return as_array(text_image(seed_lines(shared_dir, count=14), px=36))


@pytest.mark.parametrize("angle", [1.0, -1.0, 2.5])
def test_deskew_recovers_rotation(page: np.ndarray, angle: float) -> None:
    skewed = preprocess.rotate(page, angle)
    assert preprocess.estimate_skew(skewed) == pytest.approx(-angle, abs=0.1)
    assert preprocess.estimate_skew(page) == pytest.approx(0.0, abs=0.1)


def test_clean_page_straightens(page: np.ndarray) -> None:
    cleaned, angle = preprocess.clean_page(preprocess.rotate(page, 1.0))
    assert angle == pytest.approx(-1.0, abs=0.1)
    # Straight again: the text rows separate as cleanly as on the original.
    def row_gaps(img: np.ndarray) -> int:
        return int(((img < 128).sum(axis=1) == 0).sum())

    assert row_gaps(cleaned) >= 0.9 * row_gaps(page)


def test_paper_tone_and_shading_removed(page: np.ndarray) -> None:
    h, w = page.shape
    shade = np.linspace(150, 230, w, dtype=np.float32)[None, :]  # yellowed paper, darker at the left
    toned = (page.astype(np.float32) / 255 * shade).astype(np.uint8)
    out = preprocess.normalize_background(toned)
    paper = page > 250
    assert out[paper].mean() > 240 and np.percentile(out[paper], 5) > 220
    assert out[page < 60].mean() < 110  # ink stays ink


def test_speckle_removed_clean_page_untouched(page: np.ndarray) -> None:
    assert preprocess.denoise(page) is page
    rng = np.random.default_rng(0)
    noisy = page.copy()
    dots = rng.random(page.shape) < 0.02
    noisy[dots] = 0
    out = preprocess.denoise(noisy)
    assert ((out < 128) & (page > 250)).sum() < 0.1 * dots.sum()


def test_rules_and_photo_found_text_ignored() -> None:
    img = np.full((1200, 1600), 255, np.uint8)
    cv2.line(img, (100, 200), (1500, 200), 0, 3)  # a column-wide rule
    cv2.line(img, (800, 250), (800, 1100), 0, 2)  # a column rule
    rng = np.random.default_rng(1)
    img[300:700, 900:1400] = rng.integers(0, 200, (400, 500), dtype=np.uint8)  # a halftone photo
    img[800:840, 100:700] = 0  # a solid bar inside a text line box: text, not a rule
    text = [(90, 790, 710, 850)]
    rules = preprocess.detect_rules(img, text, dpi=300)
    assert any(r[1] <= 200 <= r[3] and r[2] - r[0] > 1300 for r in rules)
    assert any(r[0] <= 800 <= r[2] and r[3] - r[1] > 800 for r in rules)
    assert not any(r[1] >= 790 and r[3] <= 850 for r in rules)
    figures = preprocess.detect_figures(img, text, rules, dpi=300)
    assert len(figures) == 1
    x0, t, x1, b = figures[0]
    assert abs(x0 - 900) < 20 and abs(t - 300) < 20 and abs(x1 - 1400) < 20 and abs(b - 700) < 20


def test_a_short_frame_round_one_line_is_found_by_its_sides_meeting_rules() -> None:
    img = np.full((1200, 1600), 255, np.uint8)
    cv2.line(img, (100, 100), (1500, 100), 0, 3)  # the page's rule, the box's top
    cv2.line(img, (200, 230), (1300, 230), 0, 3)  # the box's bottom
    cv2.line(img, (200, 100), (200, 230), 0, 3)  # its sides: 130 px, under half an inch
    cv2.line(img, (1300, 100), (1300, 230), 0, 3)
    cv2.line(img, (700, 400), (700, 530), 0, 3)  # a stroke as short, meeting no rule
    cv2.line(img, (900, 300), (900, 1100), 0, 3)  # a long column rule: found once
    rules = preprocess.detect_rules(img, [], dpi=300)
    upright = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    assert sorted(round((r[0] + r[2]) / 2) for r in upright) == [200, 900, 1300]
    # A column rule a few pixels from a photo, its grey edge left beside the run found, is no part of it.
    img[600:900, 909:1300] = np.random.default_rng(2).integers(0, 200, (300, 391), dtype=np.uint8)
    for y in range(300, 1100, 160):  # the rule's grey edge, on and off along a rule not quite upright
        img[y : y + 120, 897] = 150
        img[y + 80 : y + 200, 903] = 150
    rules = preprocess.detect_rules(img, [], dpi=300)
    (figure,) = preprocess.detect_figures(img, [], rules, dpi=300)
    assert figure[0] >= 905


def test_a_column_rule_a_headline_box_took_in_is_found_whole_and_left_out_of_the_box() -> None:
    img = np.full((1200, 1600), 255, np.uint8)
    cv2.line(img, (800, 100), (800, 1100), 0, 3)  # a column rule from the top band down
    img[150:210, 830:1300:40] = 0  # a headline's strokes right of it, set close to the rule
    # The detector boxed the headline with the rule's stretch beside it, and erasing the box
    # leaves the rule starting under it.
    box = (795, 140, 1310, 220)
    rules = preprocess.detect_rules(img, [box], dpi=300)
    (rule,) = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    assert rule[1] <= 102 and rule[3] >= 1098
    line = ocr.OcrLine("谱写全球妇女事业", box, 0.99, core=60)
    assert ocr.clear_of_rules(line, rules).box == (rule[2], 140, 1310, 220)
    # A rule a character or more inside the box, or one ending beside the line, is left as it is.
    wide = ocr.OcrLine("旁边一栏的文字谱写", (700, 140, 1310, 220), 0.99, core=60)
    assert ocr.clear_of_rules(wide, rules) == wide
    assert ocr.clear_of_rules(line, [(rule[0], 180, rule[2], 1100)]) == line


def test_type_set_white_on_a_bar_is_measured_by_its_glyphs_not_the_bar() -> None:
    """A section heading set white on a black bar across its column: its size and strokes are the
    glyphs', as black type of that size measures, not the bar's height (which read as a headline's).
    The box runs past the bar's end onto paper, which is no part of the type."""
    px = 42
    black = text_image(["亮点"], px=px, margin=30, bold=frozenset({0}))
    page = as_array(black).copy()
    ink = (page < preprocess.INK).astype(np.uint8)
    box = preprocess.tighten(ink, (0, 0, page.shape[1], page.shape[0]))
    bar = Image.new("L", (page.shape[1] + 200, page.shape[0]), 255)
    bar.paste(0, (10, 10, page.shape[1] + 150, page.shape[0] - 10))  # the bar, ending short of the paper's edge
    bar.paste(ImageOps.invert(black).crop((30, 20, page.shape[1] - 10, page.shape[0] - 20)), (30, 20))
    white = (as_array(bar) < preprocess.INK).astype(np.uint8)
    bar_box = (box[0] - 8, 12, page.shape[1] + 190, page.shape[0] - 12)  # over the bar and past its end
    glyphs, own = preprocess.type_ink(white, bar_box)
    assert glyphs is not white
    core = preprocess.core_height(ink, box)
    assert abs(preprocess.core_height(glyphs, own) - core) <= 2
    assert abs(preprocess.stroke_width(glyphs, own) - preprocess.stroke_width(ink, box)) <= 1.5
    # Black type is measured on the page's ink as it stands.
    same, same_box = preprocess.type_ink(ink, box)
    assert same is ink and same_box == box


def test_a_tinted_box_round_an_article_is_found_on_the_paper_as_scanned() -> None:
    """A light grey ground under an article (a PDF's filled box) is a frame round it; the clean-up
    whitens it with the paper, so it is found on the paper's tone before: a rectangle a grey step darker
    than the page's paper, holding text. Light falling off across the page, a photo's dark ground and
    an empty grey patch are no tinted box."""
    rng = np.random.default_rng(3)
    h, w = 3000, 2400
    page = np.tile(np.linspace(248, 236, w), (h, 1))  # light falling off across the page
    page[800:2000, 600:1500] = 222  # the tint
    page[2300:2700, 300:900] = 226  # a grey patch holding no text
    page[300:900, 1700:2200] = rng.integers(0, 200, (600, 500))  # a photo
    text = [(640 + 60 * k, 900 + 70 * r, 680 + 60 * k, 940 + 70 * r) for r in range(14) for k in range(13)]
    text += [(1700 + 40 * k, 1200, 1730 + 40 * k, 1240) for k in range(10)]  # text on the paper
    for x0, t, x1, b in text:
        page[t:b, x0:x1:6] = 30  # strokes of the text
    gray = page.astype(np.uint8)
    photo = (1700, 300, 2200, 900)
    tints = preprocess.detect_tints(preprocess.paper_map(gray), 0.0, gray.shape, text, [photo], dpi=300)
    assert len(tints) == 1
    assert all(abs(a - b) <= 2 * preprocess.PAPER_SCALE for a, b in zip(tints[0], (600, 800, 1500, 2000), strict=True))
    # On a page scanned askew it is found where the deskewed page has it: turned as the page is.
    askew = preprocess.rotate(gray, 1.0, border=240)
    (box,) = preprocess.detect_tints(preprocess.paper_map(askew), -1.0, askew.shape, text, [photo], dpi=300)
    assert all(abs(a - b) <= 3 * preprocess.PAPER_SCALE for a, b in zip(box, (600, 800, 1500, 2000), strict=True))


def test_a_label_on_a_small_grey_ground_is_boxed_as_its_ground_is() -> None:
    """A 栏目 label set on a small grey ground beside a headline: narrower than the paper's reach, the
    clean-up leaves it grey, and its box is the ground's (a PDF's filled rectangle). Lines on white paper,
    and lines by a photo, are on no label's ground."""
    page = np.full((1000, 1400), 252, np.uint8)
    page[100:190, 100:260] = 228  # the label's ground, two characters' lines
    label = [(120, 115, 240, 145), (120, 150, 240, 175)]
    plain = [(400, 115, 900, 145)]
    by_photo = [(1000, 520, 1300, 550)]
    page[400:510, 950:1350] = np.random.default_rng(4).integers(0, 200, (110, 400))  # the photo
    for x0, t, x1, b in label + plain + by_photo:
        page[t:b, x0:x1:7] = 20
    boxes = preprocess.detect_label_tints(page, label + plain + by_photo, [(950, 400, 1350, 510)], [])
    assert len(boxes) == 1
    assert all(abs(a - b) <= 3 for a, b in zip(boxes[0], (100, 100, 260, 190), strict=True))
    # Lines on a larger tint already found are that tint's.
    assert preprocess.detect_label_tints(page, label, [], [(90, 90, 270, 200)]) == []


def test_gutter_splits_joined_columns_not_punctuation(shared_dir: Path) -> None:
    lines = seed_lines(shared_dir, count=6, width=10)
    left = as_array(text_image(lines, px=40, margin=20))
    right = as_array(text_image(lines[::-1], px=40, margin=20))
    gutter = np.full((left.shape[0], 30), 255, np.uint8)  # under an em: detectors join across it
    page = np.hstack([left[:, :-20], gutter, right[:, 20:]])
    ink = preprocess.text_ink(page, 300)
    h, w = page.shape
    row = (ink.sum(axis=1) > 0).nonzero()[0]
    t = int(row[0])
    b = t + int(np.argmax(ink[t:].sum(axis=1) == 0))  # the first printed line
    pieces = preprocess.split_at_gutters(ink, (0, t, w, b))
    assert len(pieces) == 2
    assert pieces[0][2] <= left.shape[1] - 20 + 5 and pieces[1][0] >= left.shape[1] - 20 + 25
    # One column alone: its commas and quote marks leave gaps too, but they are no gutter.
    ink_one = preprocess.text_ink(left, 300)
    for k in range(len(lines)):
        top = 20 + int(k * 40 * 1.7)
        assert len(preprocess.split_at_gutters(ink_one, (0, top, left.shape[1], top + 45))) == 1


def test_gutter_found_under_a_headline_that_spans_the_columns(shared_dir: Path) -> None:
    lines = seed_lines(shared_dir, count=3, width=10)
    left = as_array(text_image(lines, px=40, margin=20))
    right = as_array(text_image(lines[::-1], px=40, margin=20))
    gutter = np.full((left.shape[0], 30), 255, np.uint8)
    columns = np.hstack([left[:, :-20], gutter, right[:, 20:]])
    headline = as_array(text_image(["南京浦口经济开发区探索集成电路国产化路径"], px=40, margin=20))
    width = max(columns.shape[1], headline.shape[1])
    pad = lambda a: np.hstack([a, np.full((a.shape[0], width - a.shape[1]), 255, np.uint8)])  # noqa: E731
    page = np.vstack([pad(headline)[:-10], pad(columns)])  # the headline right above two lines
    ink = preprocess.text_ink(page, 300)
    rows = ink.sum(axis=1) > 0
    starts = [i for i in range(1, len(rows)) if rows[i] and not rows[i - 1]]
    # The second body line: one line and the headline above it, one line below.
    t = starts[2]
    b = t + int(np.argmax(ink[t:].sum(axis=1) == 0))
    assert len(preprocess.split_at_gutters(ink, (0, t, columns.shape[1], b))) == 2


def test_tighten_leaves_out_a_sliver_of_the_next_column() -> None:
    ink = np.zeros((60, 400), np.uint8)
    ink[10:50, 20:300] = 1  # the line's own glyphs
    ink[10:50, 340:344] = 1  # the edge of the next column's first glyph, a gutter away
    assert preprocess.tighten(ink, (0, 5, 400, 55)) == (20, 10, 300, 50)
    ink[10:50, 340:380] = 1  # a whole glyph after a wide blank is the line's own
    assert preprocess.tighten(ink, (0, 5, 400, 55)) == (20, 10, 380, 50)


def test_trim_cuts_a_clipped_sliver_keeps_a_trailing_full_stop() -> None:
    ink = np.zeros((60, 400), np.uint8)
    ink[10:50, 40:300] = 1  # the line's own glyphs
    ink[10:50, 0:6] = 1  # the previous column's last glyph, cut by the box edge
    left, top, right, bottom = preprocess.trim_slivers(ink, (0, 5, 400, 55))
    assert 6 <= left < 40 and (top, right, bottom) == (5, 400, 55)
    ink[0:60, 0:6] = 0
    ink[38:50, 330:340] = 1  # a 。 half an em after the last glyph, clear of the edge
    assert preprocess.trim_slivers(ink, (0, 5, 400, 55)) == (0, 5, 400, 55)


def test_fit_rows_moves_a_short_box_to_the_line_not_two_lines() -> None:
    ink = np.zeros((200, 400), np.uint8)
    ink[50:90, 20:380] = 1  # one line, 40 px of ink
    top, bottom = preprocess.fit_rows(ink, (0, 55, 400, 85))[1::2]
    assert top < 50 and bottom > 90 and bottom - top < 50
    ink[85:125, 200:380] = 1  # the next column's line on another baseline, touching
    assert preprocess.fit_rows(ink, (0, 55, 400, 85)) == (0, 55, 400, 85)


def test_upright_strip_one_cell_per_character_pieces_kept_together() -> None:
    gray = np.full((200, 60), 255, np.uint8)
    gray[10:50, 10:50] = 0  # a character
    gray[62:70, 10:50] = 0  # 二: two strokes with a blank between, one character
    gray[90:98, 10:50] = 0
    gray[120:160, 10:50] = 0  # a character
    ink = (gray < preprocess.INK).astype(np.uint8)
    strip = preprocess.upright_strip(gray, ink, (10, 10, 50, 160))
    side = strip.shape[0]
    assert strip.shape[1] == 3 * side and side >= 40
    # The two strokes share the middle cell, in their own order.
    middle = strip[:, side : 2 * side, 0] < preprocess.INK
    assert len(preprocess._runs(middle.any(axis=1), min_len=1)) == 2


def test_recognition_margin_grows_into_blank_rows_only() -> None:
    ink = np.zeros((100, 400), np.uint8)
    ink[50:60, 20:300] = 1  # the line
    assert preprocess.into_blank(ink, (20, 50, 300, 60), 6) == (20, 44, 300, 66)
    ink[45:47, 100:200] = 1  # the foot of the line above, 3 rows up
    ink[62:70, 20:40] = 1  # the top of a glyph below, 2 rows down
    assert preprocess.into_blank(ink, (20, 50, 300, 60), 6) == (20, 47, 300, 62)
    assert preprocess.into_blank(ink, (20, 2, 300, 60), 6) == (20, 0, 300, 62)  # the page's edge


def _line_ink(im: np.ndarray) -> tuple[np.ndarray, preprocess.PxBox]:
    ink = (im < preprocess.INK).astype(np.uint8)
    return ink, preprocess.tighten(ink, (0, 0, ink.shape[1], ink.shape[0]))


@pytest.mark.parametrize("blank", [0.5, 0.7])
def test_run_in_head_found_at_its_blank(blank: float) -> None:
    im = run_in_line("锡林郭勒讯", "锡林郭勒盟中级人民法院突出党建引领", blank)
    ink, box = _line_ink(as_array(im))
    found = preprocess.run_in_blank(ink, box)
    assert found is not None
    a, z = found
    # The blank between the head's last glyph and the text's first, about as wide as set.
    assert 30 + 5 * 42 - 10 <= a < z <= 30 + int((5 + blank) * 42) + 10
    assert z - a >= preprocess.RUN_IN_BLANK * 42


def test_no_run_in_head_without_a_face_change_or_a_blank() -> None:
    # A wide space between two runs of one face; a bold head set solid against its text.
    cases = [("", "锡林郭勒盟中级人民法院　突出党建引领", 0.0), ("本报讯", "锡林郭勒盟中级人民法院突出", 0.1)]
    for head, text, blank in cases:
        ink, box = _line_ink(as_array(run_in_line(head, text, blank)))
        assert preprocess.run_in_blank(ink, box) is None, head


def test_a_rule_beside_a_photo_is_no_part_of_it() -> None:
    img = np.full((1200, 1600), 255, np.uint8)
    rng = np.random.default_rng(2)
    img[500:900, 900:1400] = rng.integers(0, 200, (400, 500), dtype=np.uint8)  # a halftone photo
    img[100:900, 892:896] = 0  # a column rule running down beside it from a headline above
    (figure,) = preprocess.detect_figures(img, [], [], dpi=300)
    assert abs(figure[1] - 500) < 20 and abs(figure[3] - 900) < 20 and figure[0] >= 880


def test_a_headline_row_runs_on_over_the_glyphs_its_box_left_out() -> None:
    """The detector saw a heavy headline's first phrase only in fragments: its box starts at the
    sixth character. The row goes on over the five, and no further than the line's own glyphs."""
    px = 100
    im = as_array(text_image(["新时代新征程推动民政事业"], px=px, margin=40, bold=frozenset({0})))
    ink = (im < preprocess.INK).astype(np.uint8)
    whole = preprocess.tighten(ink, (0, 0, ink.shape[1], ink.shape[0]))
    x0, t, x1, b = preprocess.fit_rows(ink, whole)
    seen = (x0 + 5 * px, t, x1, b)
    grown = preprocess.run_on(ink, seen, [])
    assert abs(grown[0] - x0) <= 2 and grown[1:] == seen[1:]
    # Another line the detector found there keeps its glyphs.
    assert preprocess.run_on(ink, seen, [(x0, t, x0 + 3 * px, b)])[0] == pytest.approx(x0 + 3 * px, abs=px // 4)
    # A neighbour a gutter away (a body em: 0.4 of this type) is not the line's, nor is a glyph of
    # small print at its side, nor a photo whose ink runs on above and below the line.
    for part in (
        np.s_[t + px // 3 : t + px // 2, x0 - 90 : x0 - 40],
        np.s_[t + 35 : t + 75, x0 - 50 : x0 - 10],
        np.s_[max(0, t - 30) : b + 30, 0 : x0 - 5],
    ):
        beside = np.hstack([np.zeros((ink.shape[0], 100), np.uint8), ink])
        part = (part[0], slice(part[1].start + 100, part[1].stop + 100))
        beside[part] = 1
        got = preprocess.run_on(beside, (seen[0] + 100, t, seen[2] + 100, b), [])
        assert abs(got[0] - (x0 + 100)) <= 2


def test_a_headline_row_takes_the_closing_quote_its_box_left_out() -> None:
    px = 100
    im = as_array(text_image(["“守护好前人留给我们的宝贵财富”"], px=px, margin=40, bold=frozenset({0})))
    ink = (im < preprocess.INK).astype(np.uint8)
    x0, t, x1, b = preprocess.fit_rows(ink, preprocess.tighten(ink, (0, 0, ink.shape[1], ink.shape[0])))
    quote = preprocess._runs(ink[t:b, : x1].any(axis=0), min_len=1)[-2][0]  # the mark's first stroke
    seen = (x0 + px, t, quote - 5, b)  # the opening mark's cell and the closing mark left out
    assert abs(preprocess.run_on(ink, seen, [])[0] - x0) <= 2
    assert abs(preprocess.run_on(ink, seen, [])[2] - x1) <= 2
    # A line over it reaching into its band by a margin does not stop it.
    assert preprocess.run_on(ink, seen, [(0, t - px, x1, t + px // 5)])[2] == preprocess.run_on(ink, seen, [])[2]
