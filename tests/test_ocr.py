"""The OCR engine on real models from the installed wheel, offline, on generated and real pages."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from ocr_pages import FONT, FONT_SC, as_array, label_and_headline, run_in_line, seed_lines, text_image, vertical_page
from PIL import Image, ImageDraw, ImageFont

from courtdoc.errors import OcrUnavailable
from courtdoc.evaluate import edit_distance, norm
from courtdoc.settings import Settings
from courtdoc.sources import models, preprocess
from courtdoc.sources.ocr import (
    REC_WIDTH,
    OcrLine,
    Reading,
    doubted_rows,
    drop_repeated_lines,
    fix_name_dots,
    fix_widths,
    heads_at_text_size,
    kai_blocks,
    join_split_lines,
    merge_tile_boxes,
    ocr_page_image,
    ocr_pdf_page,
    outside_figures,
    page_text,
    second_look,
    tiles,
    width_batches,
    with_lead_dash,
    with_spaces,
)


@pytest.fixture(scope="module", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Models assembled into a fresh cache, as on a new machine."""
    cache = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("COURTDOC_CACHE", str(cache))
    yield cache
    mp.undo()


def cer(gold: str, pred: str) -> float:
    g, p = norm(gold), norm(pred)
    return edit_distance(g, p) / max(1, len(g))


@pytest.mark.slow
def test_generated_page_reads_back(shared_dir: Path) -> None:
    lines = [*seed_lines(shared_dir), "把握公正根本要求\u3000用心用情办理案件"]
    page = ocr_page_image(as_array(text_image(lines)), 1, 300, Settings())
    got = "".join(ln.text for ln in page.lines)
    # The ideographic space the recogniser cannot see is kept from the gap.
    assert page.lines[-1].text == "把握公正根本要求 用心用情办理案件"
    assert cer("".join(lines), got) < 0.02, got
    assert "额尔古纳市法院共受理各类案件3299件" in got and "97.79%" in got
    assert len(page.lines) == len(lines)
    # One line per printed line, top to bottom, in points, sized like 10 pt type.
    tops = [ln.bbox[1] for ln in page.lines]
    assert tops == sorted(tops)
    assert all(8.5 <= ln.size <= 12.5 for ln in page.lines), [ln.size for ln in page.lines]
    assert page.method == "ocr" and page.width and abs(page.width - page.lines[0].bbox[2]) < 40
    assert page.confidence > 0.95


def test_models_assembled_and_pinned(model_cache: Path) -> None:
    m = models.resolve_models(Settings())
    assert m.det.path == model_cache / "models" / "PP-OCRv6_small_det"
    assert models.file_sha256(m.rec.path / "inference.onnx") == models.DEFAULT_REC.sha256
    yml = (m.rec.path / "inference.yml").read_text(encoding="utf-8")
    assert "model_name: PP-OCRv6_small_rec" in yml and "character_dict" in yml
    # The folder form (--ocr-models) finds the same dirs by their inference.yml.
    found = models.find_models(model_cache / "models")
    assert (found.det.name, found.rec.name) == ("PP-OCRv6_small_det", "PP-OCRv6_small_rec")


def test_tampered_model_file_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "pkg"
    src.mkdir()
    (src / models.DEFAULT_DET.file).write_bytes(b"not the model")
    with pytest.raises(OcrUnavailable, match="sha256"):
        models.assemble(models.DEFAULT_DET, src, tmp_path / "cache")


def test_ocr_models_folder_without_models(tmp_path: Path) -> None:
    with pytest.raises(OcrUnavailable, match="no text det or rec"):
        ocr_page_image(np.full((50, 50), 255, np.uint8), 1, 300, Settings(ocr_models=tmp_path))


def test_other_model_dirs_are_used(tmp_path: Path, model_cache: Path) -> None:
    m = models.resolve_models(Settings())
    for d in (m.det.path, m.rec.path):
        shutil.copytree(d, tmp_path / d.name)
    page = ocr_page_image(as_array(text_image(["人民法院"])), 1, 300, Settings(ocr_models=tmp_path))
    assert [ln.text for ln in page.lines] == ["人民法院"]


def test_recognition_batches_bounded_by_padded_width() -> None:
    widths = [320.0] * 30 + [900.0] * 10 + [3000.0] * 3
    batches = width_batches(widths)
    assert sorted(k for b in batches for k in b) == list(range(len(widths)))
    assert all(len(b) * max(widths[k] for k in b) <= REC_WIDTH or len(b) == 1 for b in batches)
    assert len(batches[0]) == REC_WIDTH // 320  # short words go many to a call


def test_tiles_cover_and_overlap() -> None:
    spans = tiles(5906, 4134, size=2048, overlap=256)
    assert len(spans) == 4 * 3
    assert all(x1 - x0 <= 2048 and y1 - y0 <= 2048 for x0, y0, x1, y1 in spans)
    assert max(x1 for *_, x1, _ in spans) == 4134 and max(y1 for *_, y1 in spans) == 5906
    assert tiles(1000, 800) == [(0, 0, 800, 1000)]


def quad(x0: float, t: float, x1: float, b: float) -> np.ndarray:
    return np.array([[x0, t], [x1, t], [x1, b], [x0, b]], dtype=np.float32)


def test_seam_pieces_merge_but_neighbours_stay() -> None:
    found = [
        (0, quad(100, 500, 2048, 540)),  # a line cut by the vertical seam...
        (1, quad(1800, 501, 3000, 541)),  # ...and its other half from the next tile
        (0, quad(100, 560, 2048, 600)),  # the next line, cut the same way
        (1, quad(1800, 561, 3000, 601)),
        (0, quad(100, 600, 900, 640)),  # two lines in one tile touching: the detector's call
        (0, quad(950, 600, 1500, 640)),
    ]
    rects = sorted((tuple(map(int, q.min(0))) + tuple(map(int, q.max(0)))) for q in merge_tile_boxes(found))
    assert rects == [(100, 500, 3000, 541), (100, 560, 3000, 601), (100, 600, 900, 640), (950, 600, 1500, 640)]


def test_split_lines_join_gutters_stay() -> None:
    lines = [
        OcrLine("人民法院", (100, 100, 260, 140), 0.99),
        OcrLine("召开会议", (275, 101, 435, 141), 0.97),  # gap 15 px < 0.6 line height
        OcrLine("另一栏", (520, 100, 640, 140), 0.99),  # gap 85 px: a gutter
    ]
    out = join_split_lines(lines)
    assert [ln.text for ln in out] == ["人民法院召开会议", "另一栏"]
    assert out[0].box == (100, 100, 435, 141)


def test_a_run_in_head_boxed_apart_stays_apart() -> None:
    # The detector boxed a bold head apart from its text, a 0.42-em blank between: one line's
    # pieces, but in two faces, as on a PDF, for layout to join (with the blank) as a run-in.
    head = OcrLine("锡林郭勒讯", (100, 100, 300, 140), 0.99, 38, 6.4)
    rest = OcrLine("锡林郭勒盟中级人民法", (316, 100, 716, 140), 0.99, 38, 2.9)
    assert [ln.text for ln in join_split_lines([head, rest])] == ["锡林郭勒讯", "锡林郭勒盟中级人民法"]
    # The same blank inside one face is a line the detector cut: joined.
    assert [ln.text for ln in join_split_lines([replace(head, stroke=2.9), rest])] == ["锡林郭勒讯锡林郭勒盟中级人民法"]


def test_a_run_in_head_measures_at_its_texts_size_a_heading_beside_a_gutter_at_its_own() -> None:
    # A bold Hei head stands taller than the Kai text it opens (core 42 px against 37): set in one
    # size, which is the text's. Its paragraph's next line runs on under the blank between them.
    head = OcrLine("锡林郭勒讯", (100, 98, 300, 140), 0.99, 42, 6.4)
    rest = OcrLine("锡林郭勒盟中级人", (364, 102, 680, 140), 0.99, 37, 2.9)
    below = OcrLine("勒盟中级人民法院突出党建引领", (80, 165, 680, 205), 0.99, 37, 2.9)
    assert [ln.core for ln in heads_at_text_size([head, rest, below])] == [37, 37, 37]
    # Across a gutter (blank below it too) a bold heading beside the next column keeps its size.
    short = replace(below, text="勒盟中级人民法", box=(80, 165, 300, 205))
    other = replace(below, text="院突出党建引领", box=(364, 165, 680, 205))
    assert [ln.core for ln in heads_at_text_size([head, rest, short, other])] == [42, 37, 37, 37]


def test_a_display_row_the_detector_only_doubted_is_read_a_photos_doubts_are_not() -> None:
    px = 100
    im = as_array(text_image(["砥砺耕耘结硕果奋楫笃行谱新篇"], px=px, margin=40, bold=frozenset({0})))
    page = np.full((im.shape[0] + 400, im.shape[1]), 255, np.uint8)
    page[: im.shape[0]] = im
    page[im.shape[0] + 50 : im.shape[0] + 350, 100:600] = 90  # a photo under it
    ink = preprocess.text_ink(page, 300)
    x0, t, x1, b = preprocess.tighten(ink, (0, 0, ink.shape[1], im.shape[0]))
    body = [(x0, b + 500, x0 + 400, b + 540)]  # lines found elsewhere, 40 px high: display is 60
    # The detector's doubts: three pieces along the row, lower than its type, none at its ends.
    pieces = [(x0 + 120.0, t + 20.0, x0 + 300.0, b - 20.0), (x0 + 290.0, t + 15.0, x0 + 520.0, b - 25.0), (x0 + 510.0, t + 20.0, x0 + 700.0, b - 20.0)]
    photo = [(150.0, im.shape[0] + 100.0, 350.0, im.shape[0] + 140.0), (340.0, im.shape[0] + 100.0, 560.0, im.shape[0] + 140.0)]
    rows = doubted_rows(ink, pieces + photo, body, 60)
    assert len(rows) == 1
    assert abs(rows[0][0] - x0) <= 2 and abs(rows[0][2] - x1) <= 2 and rows[0][1] <= t and rows[0][3] >= b
    # Where the detector found the line, its doubts there add nothing.
    assert doubted_rows(ink, pieces, [*body, (x0, t, x1, b)], 60) == []


class BandDetector:
    """A detector that finds `lines` (x0, top, x1, bottom on the page) in a band of the page
    from row `top`, and records the bands' heights."""

    def __init__(self, lines: list[tuple[int, int, int, int]], top: int) -> None:
        self.lines, self.top, self.bands = lines, top, []

    def detect(self, image: np.ndarray) -> list[tuple[np.ndarray, float]]:
        self.bands.append(image.shape[0])
        return [(_quad(x0, top - self.top, x1, b - self.top), 0.9) for x0, top, x1, b in self.lines]


def _quad(x0: float, top: float, x1: float, bottom: float) -> np.ndarray:
    return np.array([[x0, top], [x1, top], [x1, bottom], [x0, bottom]], np.float32)


def _rects(quads: list[np.ndarray]) -> list[tuple[int, ...]]:
    return sorted(tuple(int(v) for v in (*q.min(0), *q.max(0))) for q in quads)


def test_half_seen_display_type_is_looked_at_again_in_its_row() -> None:
    # As on the sample scan at 120 dpi: the headline's first phrase found, its second drawn at
    # 0.43 in pieces; body lines 17 px high below.
    body = [_quad(60, 400 + 30 * k, 560, 417 + 30 * k) for k in range(5)]
    phrase = _quad(260, 330, 660, 380)
    image = np.full((600, 1400, 3), 255, np.uint8)
    # The whole headline, seen in a band from half the unsure box's height above it.
    engine = BandDetector([(260, 325, 1120, 382)], 335 - 22)
    found = second_look(engine, image, [*body, phrase], [(700, 335, 810, 379)])
    assert engine.bands == [88]  # one look, at the row alone
    assert _rects(found) == _rects([*body, _quad(260, 325, 1120, 382)])
    # Body-size pieces, and pieces a line already covers, ask for nothing.
    engine.bands = []
    assert _rects(second_look(engine, image, [*body, phrase], [(100, 460, 200, 477), (300, 332, 500, 378)])) == _rects([*body, phrase])
    assert engine.bands == []


def test_short_lines_read_at_a_guess_are_dropped() -> None:
    from courtdoc.sources.ocr import _noise

    assert _noise(OcrLine("一", (0, 0, 40, 40), 0.46), [])
    assert not _noise(OcrLine("一", (0, 0, 40, 40), 0.9), [])
    assert not _noise(OcrLine("模糊的一行字", (0, 0, 240, 40), 0.46), [])


def test_a_line_read_from_two_boxes_is_kept_once() -> None:
    # Boxes as on the benchmark's garbage-layer page p002 (300 dpi): the half-scale pass boxed
    # the line alone; the full-resolution box ran on into the next column and was cut at the gutter.
    lines = [
        OcrLine("和卜页是不少菜肴的“百搭”，“菜不", (966, 2377, 1723, 2418), 0.97),
        OcrLine("和卜页是不少莱肴的“百搭”，“菜不", (955, 2372, 1732, 2422), 0.91),
        OcrLine("右栏同一行的文字", (1788, 2378, 2546, 2418), 0.99),
        OcrLine("下一行", (966, 2430, 1200, 2471), 0.99),
    ]
    out = drop_repeated_lines(lines)
    assert [ln.text for ln in out] == ["和卜页是不少菜肴的“百搭”，“菜不", "右栏同一行的文字", "下一行"]


def test_wide_blanks_become_spaces_at_the_character_read_there() -> None:
    # Character middles as the recogniser places them, 40 px apart in 40 px type; a blank at 150-200 px.
    core = 40
    names = Reading("本报记者金丽", 0.99, (20.0, 60.0, 100.0, 140.0, 220.0, 260.0))
    assert with_spaces(names, [(150, 200)], core) == "本报记者 金丽"
    # A blank beside a full-width mark is the mark's own blank half.
    quote = Reading("关切，“五大", 0.99, (20.0, 60.0, 100.0, 200.0, 240.0, 280.0))
    assert with_spaces(quote, [(120, 180)], core) == "关切，“五大"
    # Blanks before the first or after the last character are margins; two blanks, two spaces.
    assert with_spaces(names, [(0, 10), (150, 200), (270, 300)], core) == "本报记者 金丽"
    assert with_spaces(names, [(35, 75), (150, 200)], core) == "本 报记者 金丽"
    # Beside Chinese the ink decides: a space the recogniser read in a narrow blank goes, a
    # space between Latin words stays.
    digits = Reading("达到 80.3%", 0.99, (20.0, 60.0, 90.0, 110.0, 125.0, 135.0, 145.0, 160.0))
    assert with_spaces(digits, [], core) == "达到80.3%"
    latin = Reading("Court News", 0.99, tuple(10.0 * k for k in range(10)))
    assert with_spaces(latin, [], core) == "Court News"


def test_a_narrow_blank_is_a_space_where_the_pitch_widens_too() -> None:
    core = 40  # 43 px to the em
    # A Kai word space (about half an em): a blank of 0.6 core heights, the characters either
    # side of it read 24 px further apart than the line's 40 px pitch.
    names = Reading("本报记者金丽", 0.99, (20.0, 60.0, 100.0, 140.0, 204.0, 244.0))
    assert with_spaces(names, [(155, 179)], core) == "本报记者 金丽"
    # As wide a blank between letter-spaced characters on the line's own pitch is their side bearings.
    body = Reading("二十国集团", 0.99, (20.0, 70.0, 120.0, 170.0, 220.0))
    assert with_spaces(body, [(33, 57)], core) == "二十国集团"
    # A mark the recogniser dropped (基础。今年) widens the pitch by its cell, but its dot parts
    # the blank in two.
    dropped = Reading("基础今年", 0.99, (20.0, 60.0, 143.0, 183.0))
    assert with_spaces(dropped, [(105, 124)], core) == "基础今年"


def test_a_dot_read_inside_a_foreign_name_is_its_middle_dot() -> None:
    assert fix_name_dots("玛丽娜.拉古什") == "玛丽娜·拉古什"
    assert fix_name_dots("约翰．史密斯 摄") == "约翰·史密斯 摄"
    # Beside a digit or a Latin letter a dot is a point.
    assert fix_name_dots("达到80.3%，第1.2条，www.court.gov.cn") == "达到80.3%，第1.2条，www.court.gov.cn"


def test_runs_of_ink_inside_a_photo_are_no_rules() -> None:
    photo = (2900, 620, 3450, 960)
    column_rule = (2915, 420, 2918, 2520)  # down beside the photo, from the headline above it
    streaks = [(3075, 810, 3078, 960), (3050, 640, 3210, 642)]  # the photo's own texture
    frame_side = (2900, 615, 3450, 619)  # its keyline: the layout's to read
    assert outside_figures([column_rule, *streaks, frame_side], [photo]) == [column_rule, frame_side]


def test_fullwidth_alnum_to_ascii() -> None:
    assert fix_widths("２０２３年ＡＢ案，第１号") == "2023年AB案，第1号"


def test_low_confidence_lines_are_flagged() -> None:
    from courtdoc.sources.ocr import page_text

    lines = [OcrLine("清楚的一行", (0, 0, 200, 40), 0.99), OcrLine("模糊不清", (0, 60, 200, 100), 0.5)]
    page = page_text(lines, 3, 2480, 3508, 300, [], [], 0.0)
    assert [w for w in page.warnings if "low-confidence" in w] == [
        "page 3: low-confidence line (0.50) at (0,14): 模糊不清"
    ]
    assert page.confidence == pytest.approx((0.99 * 5 + 0.5 * 4) / 9, abs=1e-3)
    assert page.width == pytest.approx(2480 * 72 / 300)


def test_bold_lines_told_from_the_strokes(shared_dir: Path) -> None:
    lines = [*seed_lines(shared_dir, count=4, width=14), "依法保障群众合法权益", *seed_lines(shared_dir, count=6, width=14)[4:]]
    page = ocr_page_image(as_array(text_image(lines, bold=frozenset({4}))), 1, 300, Settings())
    assert [ln.text for ln in page.lines if ln.bold] == ["依法保障群众合法权益"]
    assert all(ln.bold is False for ln in page.lines if ln.text != "依法保障群众合法权益")


@pytest.mark.slow
def test_run_in_head_read_as_a_bold_fragment_of_its_own(shared_dir: Path) -> None:
    body = as_array(text_image(seed_lines(shared_dir, count=4, width=14)))
    line = as_array(run_in_line("锡林郭勒讯", "锡林郭勒盟中级人民法院突出党建", 0.6, margin=60))
    width = max(body.shape[1], line.shape[1])
    page = np.vstack([np.pad(im, ((0, 0), (0, width - im.shape[1])), constant_values=255) for im in (body, line)])
    lines = ocr_page_image(page, 1, 300, Settings()).lines
    head, rest = lines[-2:]
    assert (head.text, head.bold) == ("锡林郭勒讯", True)
    assert (rest.text, rest.bold) == ("锡林郭勒盟中级人民法院突出党建", False)
    assert head.bbox[2] < rest.bbox[0] and abs(head.bbox[1] - rest.bbox[1]) < 2


@pytest.mark.slow
def test_sample_scan_has_the_datelines_and_headline_of_its_pdf(repo_dir: Path) -> None:
    from courtdoc.pipeline import process

    pdf_doc, scan_doc = (process(repo_dir / "samples" / name).to_manifest() for name in ("court-page.pdf", "court-page-scan.jpg"))
    pdf, scan = pdf_doc["articles"], scan_doc["articles"]
    # Its datelines are bold heads a thin space before their text; its first headline's second
    # phrase is heavy type the detector half sees on the whole page.
    assert sorted(filter(None, (a["dateline"] for a in scan))) == sorted(filter(None, (a["dateline"] for a in pdf)))
    assert norm(pdf[0]["title"]) in {norm(a["title"]) for a in scan}
    # Its fake-bold headlines smear into blobs of ink: still headlines (each article keeps its
    # subtitle under its title), never notes.
    assert [a["subtitle"] for a in scan] == [a["subtitle"] for a in pdf]
    assert [n["type"] for n in scan_doc["notes"]] == [n["type"] for n in pdf_doc["notes"]]


def test_vertical_page_read_right_to_left_and_flagged(shared_dir: Path) -> None:
    import opencc

    columns = [opencc.OpenCC("s2t").convert(c) for c in seed_lines(shared_dir, count=6, width=16)]
    page = ocr_page_image(vertical_page(columns), 1, 300, Settings())
    assert page.method == "ocr-vertical" and "vertically" in page.warnings[0]
    # One line per column, in reading order (right to left), each read top to bottom.
    assert len(page.lines) == len(columns)
    for column, line in zip(columns, page.lines, strict=True):
        assert cer(column, line.text) < 0.15, (column, line.text)
    # Read, but not laid out: nothing from this page may look sure.
    assert page.confidence < 0.5 and all(ln.confidence < 0.5 and ln.bbox is None for ln in page.lines)


def test_horizontal_page_is_not_vertical(shared_dir: Path) -> None:
    page = ocr_page_image(as_array(text_image(seed_lines(shared_dir, count=3))), 1, 300, Settings())
    assert page.method == "ocr" and len(page.lines) == 3


@pytest.mark.slow
def test_small_ocr_pdf_page_one(shared_dir: Path) -> None:
    page = ocr_pdf_page(shared_dir / "realworld" / "mineru" / "small_ocr.pdf", 1, Settings())
    text = "".join(ln.text for ln in page.lines)
    for phrase in ("商品和货币", "为有用物的量找到社会尺度", "物的有用性使物成为使用价值", "交换价值首先表现为量的关系"):
        assert phrase in text
    assert page.width == pytest.approx(1225.5, abs=1) and page.height == pytest.approx(1800, abs=1)
    body = [ln for ln in page.lines if ln.bbox[2] - ln.bbox[0] > 800]
    assert len(body) >= 20  # whole printed lines, not fragments
    assert page.rules  # the rule under the running head


def test_a_leading_dash_the_detector_or_recogniser_left_out_goes_back() -> None:
    text = "呼伦贝尔市额尔古纳市人民法院"
    px, margin = 42, 60
    ink = preprocess.text_ink(as_array(text_image(["——" + text], px=px, margin=margin)), 300)
    font = ImageFont.truetype(str(FONT), px, index=FONT_SC)
    start = margin + int(font.getlength("——"))  # the detector's box begins at the first character
    box = (start, margin, margin + int(font.getlength("——" + text)), margin + px)
    centres = tuple(px * (k + 0.5) for k in range(len(text)))
    reading = with_lead_dash(ink, box, Reading(text, 0.99, centres))
    assert reading.text == "——" + text
    assert reading.centres[2:] == centres and reading.centres[0] < 0  # the dash before the box
    # A dash the recogniser read stays one; a line opening with 一 opens with no dash.
    assert with_lead_dash(ink, box, Reading("——" + text, 0.99, centres)).text == "——" + text
    # The bar inside the box, read as 一 (twice its width, flatter than its stroke): the dashes.
    whole = (margin, margin, box[2], box[3])
    bar_read = Reading("一" + text, 0.99, (px * 0.9, *(c + start - margin for c in centres)))
    assert with_lead_dash(ink, whole, bar_read).text == "——" + text
    plain = preprocess.text_ink(as_array(text_image(["一项改革带来就医新变化"], px=px, margin=margin)), 300)
    assert preprocess.leading_bar(plain, (margin, margin, margin + 11 * px, margin + px)) is None


def test_reversed_label_is_a_fill_and_a_fake_bold_headline_is_not() -> None:
    im, (label, headline) = label_and_headline("金台视线", "同频共振深融合")
    gray = as_array(im)
    # Both are one dense blob of ink with a line of text on it (the headline's glyphs run
    # together, 0.8 of its box inked); only the label has straight edges and white type.
    (fill,) = preprocess.detect_fills(gray, [label, headline], dpi=300)
    assert fill[0] <= label[0] and fill[2] >= label[2] and fill[1] <= label[1] and fill[3] >= label[3]
    # Ink nobody read as text is no label.
    assert preprocess.detect_fills(gray, [headline], dpi=300) == []


KAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
HEI = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def measured_lines(rows: list[tuple[str, Path, int]], px: int = 42, margin: int = 60) -> tuple[np.ndarray, list[OcrLine]]:
    """A page of `rows` (text, font file, index in the collection) set one under another at
    `px`, 1.7 lines apart, and each row measured from its ink as `read_image` measures it."""
    fonts = [ImageFont.truetype(str(f), px, index=i) for _, f, i in rows]
    width = max(int(f.getlength(t)) for f, (t, _, _) in zip(fonts, rows, strict=True)) + 2 * margin
    im = Image.new("L", (width, int(len(rows) * 1.7 * px) + 2 * margin), 255)
    draw = ImageDraw.Draw(im)
    for k, (font, (text, _, _)) in enumerate(zip(fonts, rows, strict=True)):
        draw.text((margin, margin + int(k * 1.7 * px)), text, font=font, fill=0)
    ink = preprocess.text_ink(as_array(im), 300)
    lines = []
    for k, (font, (text, _, _)) in enumerate(zip(fonts, rows, strict=True)):
        top = margin + int(k * 1.7 * px)
        box = preprocess.tighten(ink, (margin, top, margin + int(font.getlength(text)), top + int(1.4 * px)))
        core = preprocess.core_height(ink, box)
        stroke, upright = preprocess.stroke_width(ink, box), preprocess.upright_share(ink, box, core)
        lines.append(OcrLine(text, box, 0.99, core, stroke, upright, preprocess.ink_share(ink, box)))
    return ink, lines


def test_a_kai_byline_is_told_from_song_and_hei_by_its_block_and_measured_at_its_size_as_song_is(shared_dir: Path) -> None:
    body = seed_lines(shared_dir, count=12)
    song, kai, hei = (FONT, FONT_SC), (KAI, 0), (HEI, FONT_SC)
    # Each over a wider line, as a byline stands over its text: a block's lines are no wider than
    # the one above them, so each of the three is a block of its own.
    rows = [("本报记者 向子丰 胡笑源", *kai), ("人民法院诉讼服务热线提供查询服务", *hei)] + [(t, *song) for t in body]
    ink, lines = measured_lines(rows)
    assert kai_blocks(lines) == [f == KAI for _, f, _ in rows]
    page = page_text(lines, 1, ink.shape[1], ink.shape[0], 300, [], [], 0.0)
    byline = page.lines[0]
    # Set at the body's size, Kai's smaller ink measures at it too once read as Kai: as Song it
    # measured a tenth smaller.
    assert byline.size == pytest.approx(page.lines[2].size, rel=0.04)


def test_a_simplified_twin_the_recogniser_reads_on_a_traditional_page_is_put_back_in_its_script() -> None:
    """The recogniser reads 黃, 內, 強 as their simplified twins (a stroke apart); on a page printed
    in traditional characters each is the traditional one, but Hong Kong's own forms (户, 脱) stay,
    and a simplified page is left as read."""
    traditional = ["總書記習近平强調，國內經濟發展穩中向好", "國内國際雙循環，內外貿一體化發展", "李非黄婧", "住户脱貧", "會議聽取了工作報告，討論通過了決議，對進一步貫徹落實作出部署"]
    lines = [OcrLine(text, (100, 100 + 60 * k, 100 + 40 * len(text), 140 + 60 * k), 0.99) for k, text in enumerate(traditional)]
    page = page_text(lines, 1, 2480, 3508, 300, [], [], 0.0)
    assert [ln.text for ln in page.lines] == ["總書記習近平強調，國內經濟發展穩中向好", "國內國際雙循環，內外貿一體化發展", "李非黃婧", "住户脱貧", traditional[-1]]
    simplified = [replace(ln, text=to) for ln, to in zip(lines, ["总书记习近平强调，国内经济发展稳中向好", "国内国际双循环，内外贸一体化发展", "李非黄婧", "住户脱贫", "会议听取了工作报告"], strict=True)]
    assert [ln.text for ln in page_text(simplified, 1, 2480, 3508, 300, [], [], 0.0).lines] == [ln.text for ln in simplified]
