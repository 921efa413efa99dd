"""The Debian CJK fonts the pages are set in, registered with reportlab.

reportlab embeds TrueType outlines only, and Noto Sans CJK (the Hei face) ships
as CFF. So the Hei faces are subset to the characters a run needs and their
cubic outlines converted to quadratic TrueType with fontTools, cached under
`bench/work/fonts/` keyed by the source font and the character set; Noto Serif
CJK SC (a second body face) the same way. AR PL UMing
(Ming/Song, body) and AR PL UKai (Kai, bylines and captions) are TrueType
already and are embedded as they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
NOTO_SANS_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
NOTO_SANS_REGULAR = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_SERIF_REGULAR = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
# Face order inside the Noto .ttc files: JP, KR, SC, TC, HK, then the Mono faces.
NOTO_SC_INDEX = 2
ASCII = "".join(chr(c) for c in range(32, 127))


@dataclass(frozen=True, slots=True)
class Faces:
    """reportlab font names for the roles a page uses."""

    song: str  # AR PL UMing, body
    serif: str  # Noto Serif CJK SC, the other body face
    kai: str
    hei: str  # bold, headlines
    hei_light: str  # regular, kickers and subtitles


def _convert_cff_subset(src: Path, index: int, chars: str, dest: Path) -> None:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.ttLib import newTable

    font = FTFont(str(src), fontNumber=index)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted({ord(c) for c in chars}))
    sub.subset(font)
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    # Each subset gets a PostScript name of its own: reportlab keys embedded fonts by it, so two
    # subsets of one face in one process (seed-only pages, then 人民日报 pages) would share one.
    unique = dest.stem.replace("_", "-")
    for rec in font["name"].names:
        if rec.nameID in (4, 6):
            rec.string = unique
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(dest)


def truetype_subset(src: Path, index: int, chars: str, cache_dir: Path) -> Path:
    """A TrueType file holding `chars` of the CFF face `src`/`index` (cached)."""
    charset = "".join(sorted(set(chars) | set(ASCII)))
    stat = src.stat()
    key = hashlib.sha256(f"{src}|{stat.st_size}|{index}|{charset}|ps-name".encode()).hexdigest()[:16]
    dest = cache_dir / f"{src.stem}-{index}-{key}.ttf"
    if not dest.exists():
        _convert_cff_subset(src, index, charset, dest)
    return dest


def _register(name: str, path: Path, index: int = 0) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return name


def register(hei_chars: str, body_chars: str, cache_dir: Path) -> Faces:
    """Register the faces; `hei_chars` are all characters set in Hei, `body_chars` in body text.

    The Hei names carry the subset's cache key, so a different character set in
    the same process gets its own font rather than a stale one.
    """
    bold = truetype_subset(NOTO_SANS_BOLD, NOTO_SC_INDEX, hei_chars, cache_dir)
    light = truetype_subset(NOTO_SANS_REGULAR, NOTO_SC_INDEX, hei_chars, cache_dir)
    serif = truetype_subset(NOTO_SERIF_REGULAR, NOTO_SC_INDEX, body_chars, cache_dir)
    return Faces(
        song=_register("UMingCN", UMING),
        serif=_register("NotoSerifSC-" + serif.stem.rsplit("-", 1)[-1], serif),
        kai=_register("UKaiCN", UKAI),
        hei=_register("NotoSansSCBold-" + bold.stem.rsplit("-", 1)[-1], bold),
        hei_light=_register("NotoSansSC-" + light.stem.rsplit("-", 1)[-1], light),
    )

