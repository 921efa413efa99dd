"""House styles: the conventions on which real Chinese papers differ, one coherent set per style.

A style fixes the choices a paper's designers make once (how a dateline is set,
where photos go, how articles are separated, which furniture appears); the page
generator then draws everything else (articles, sizes, column splits) per page
from the seed. Styles exist so the benchmark can hold one of them out: courtdoc is
developed against the others and scored on the SEALED style, which nobody looks
at while working on layout.

The sealed style's values live in bench/sealed_style.py, which layout work never
opens: it was written by a helper who did not work on layout, after the styles sealed
before it (fayuan, drawn with seed 20261201, then fazhi and zhengfa, each sealed until
2026-12-02) had their conventions read; all three are own styles now. `sealed_style()`
names it; bench/README.md and RESULTS.md show only its name and summary rows.
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass

from bench.sealed_style import SEALED

# A byline a dateline's bracket may hold: 记者, or another masthead's 记者 (人民网记者), never 本报记者.
REPORTER_IN_BRACKET = re.compile(r"^(?!本报)[^\s●]{0,6}?记者")


@dataclass(frozen=True, slots=True)
class HouseStyle:
    name: str
    generator: str  # "typst" (bench.broadsheet) or "classic" (bench.compose)
    description: str
    ncols: tuple[int, ...] = (5, 6)
    body_font: str = "Noto Serif CJK SC"
    hei_font: str = "Noto Sans CJK SC"  # headlines, datelines, headings, furniture
    kai_font: str = "AR PL UKai CN"  # bylines, captions, pull quotes
    region: str = "cn"  # the text's region, for the engine's punctuation and line breaking
    # "simplified": the corpus as it is | "traditional": every printed string in traditional
    # characters (OpenCC s2hk) with corner quotes, as Hong Kong and Taiwan papers print
    script: str = "simplified"
    # Whether bench.compose can set the style too (the classic generator has no traditional faces
    # and no column rules)
    classic_set: bool = True
    body_size: tuple[float, ...] = (9.5, 10.0)
    gutter: tuple[float, float] = (10.0, 14.0)  # the gap between columns, drawn per page from this range (pt)
    leading_em: float = 0.55  # Typst's leading: the gap between lines, in em
    # Headlines
    headline_align: str = "center"  # "center" | "left"
    fake_bold: bool = True  # headlines drawn twice with an offset (else a real bold face)
    phrase_gap_em: float = 1.5  # the wide space between a two-phrase headline's halves
    kicker_rate: float = 0.5
    subtitle_dash: bool = True  # 副题 set with a leading ——
    narrow_rate: float = 0.0  # share of bands holding a one-column article with a 3-4 line headline
    # Body
    column_rules: bool = False  # a thin rule in every gutter between an article's columns
    # "centre": section headings centred in bold Hei | "numbered": numbered `一、…` and set flush
    # left in bold Hei (an article's headings that carry no number or dash of their own) | "bar": flush
    # left in bold white Hei on a black bar across the column | "numbered-centre": numbered as "numbered" and
    # centred across the column (a block as wide as the column)
    heading_form: str = "centre"
    lead_in_rate: float = 0.0  # share of paragraphs whose short opening sentence is set in bold Hei
    # Datelines and bylines
    dateline_form: str = "runin"  # "runin": bold Hei + 　 | "gap": bold Hei + 1 em | "bracket": 【本报讯】
    byline_in_bracket: bool = False  # 本报讯（记者 张三）: a 记者 byline printed in the dateline's bracket
    byline_align: str = "center"
    # The byline set at the head of the body (not under the headline), one line per role (`本报记者 …`,
    # `通讯员 …`), each after a `□`; the gold byline is the byline proper, without the `□`
    byline_lines: bool = False
    # Photos
    photo_rate: float = 0.45
    photo_place: str = "between"  # "between": spanning the columns under the headline | "inside": one column in the text
    # Share of photos on articles of 3+ columns set across all columns but one, halfway down the
    # body: the text runs down the free column and jumps over the photo in the others.
    jump_rate: float = 0.0
    credit_own_line: bool = True  # `XX 摄` right-aligned under the caption, else on the caption's line
    # A photo's captions set over the picture's foot, white on a dark band, instead of under it (photos
    # between headline and body; one picture, no group of two)
    caption_over: bool = False
    # Separation between articles
    separator: str = "rule"  # "rule" | "double" | "space" | "frame"
    frame_rate: float = 0.15  # short items framed
    # Share of bands (not the last) whose right-hand article is L-shaped: its body fills its
    # columns and runs on down the page's last column beside the next band's articles.
    l_rate: float = 0.0
    # Furniture
    masthead: str = "band"  # "band": paper name band | "running": running head line
    pull_quote_rate: float = 0.4
    label_rate: float = 0.4  # 栏目 label in a black box over the headline
    notice_rate: float = 0.5  # a small framed notice at the foot
    # Attribution
    attribution_own_line: bool = True  # right-aligned on its own line, else at the end of the last paragraph
    # Conventions the jiancha style brought in (every other style leaves them off, so its pages are unchanged)
    shade_rate: float = 0.0  # share of short items (1-2 columns) set on a tinted ground, without a frame
    # The 栏目 label as a logo: its characters stacked in a tinted box beside the headline (a
    # `column-label` note), instead of a black box above it
    label_beside: bool = False
    # A photo under the headline leaves the article's last column free for its captions, set beside it
    caption_beside: bool = False
    # Share of articles of 3+ paragraphs that repeat one of their sentences large between two rules
    # inside the body, after the middle paragraph (a `pull-quote` note: the gold body has it once)
    body_quote_rate: float = 0.0
    # Share of articles that continue on another page: cut, with a right-aligned `（下转第N版）` line
    # (furniture) where the attribution would stand
    jump_line_rate: float = 0.0
    # Share of articles (on pages after the first) that began on an earlier page: the title alone over
    # the text from a paragraph in its first half on, under a `（上接第N版）` line (furniture)
    continued_rate: float = 0.0
    # Conventions the chengshi style brought in (every other style leaves them off, so its pages are unchanged)
    # Share of articles whose byline names a role (`记者`, `通讯员`) that print it at their end, in brackets after the
    # last paragraph (`…。（记者 张三）`), not under the headline; such an article prints no attribution
    byline_end_rate: float = 0.0
    # A mark closing the last paragraph of every article that does not end with its byline (`■`):
    # page furniture, not body
    end_mark: str = ""
    headline_rule: bool = False  # a rule under the title, across the headline block, over any 副题 and byline
    # Share of plain articles set as commentary: the body (not its dateline or headings) in the Kai face
    commentary_rate: float = 0.0
    # Share of articles printed as an instalment of a numbered series: `“…”系列报道之三` as their 引题
    series_rate: float = 0.0
    # Share of plain articles of 2+ columns whose lead paragraph (with its dateline) is set as a deck: in Kai,
    # framed, across all the article's columns under the headline, over the body's columns
    deck_rate: float = 0.0
    # Further conventions the Typst generator can print (every own style leaves them off, so its pages are unchanged)
    headline_rules: bool = False  # the headline block (kicker, title, 副题) between a rule over it and a rule under it
    # Share of articles of 2+ columns that print an editor's note (`编者按：…`, label in bold Hei, text in Kai) between
    # two rules across their columns, under the headline; the gold has it as an `editor-note` note, label included
    editor_note_rate: float = 0.0


STYLES: dict[str, HouseStyle] = {
    s.name: s
    for s in (
        HouseStyle(
            name="classic",
            generator="classic",
            description="the original generator (bench.compose): glyphs placed by our own typesetter",
        ),
        HouseStyle(
            name="fayuan",
            generator="typst",
            description="法院专刊 weekly: masthead band, thin rules, centred fake-bold headlines, run-in bold "
            "`XX讯`, photos spanning the columns under the headline, credit on its own right-aligned line, "
            "attribution right-aligned, L-shaped articles, some photos set halfway down the text",
            ncols=(5, 6),
            jump_rate=0.3,
            l_rate=0.3,
            body_font="AR PL UMing CN",
            dateline_form="runin",
            separator="rule",
        ),
        HouseStyle(
            name="renmin",
            generator="typst",
            description="national daily: running head, double rules, flush-left real-bold headlines with "
            "kicker and `——` subtitle, `本报讯（记者 …）` bylines in the dateline bracket, one-column photos inside "
            "the text with the credit on the caption's line, wide photos the text jumps around, L-shaped articles, "
            "attribution inline",
            ncols=(6,),
            jump_rate=0.5,
            l_rate=0.4,
            body_font="Noto Serif CJK SC",
            headline_align="left",
            fake_bold=False,
            kicker_rate=0.7,
            byline_in_bracket=True,
            byline_align="left",
            photo_place="inside",
            credit_own_line=False,
            separator="double",
            masthead="running",
            attribution_own_line=False,
            pull_quote_rate=0.2,
        ),
        HouseStyle(
            name="difang",
            generator="typst",
            description="local court page: whitespace-only separation, framed short items, `【本报讯】` "
            "datelines, narrow one-column articles with 3-4 line headlines, subtitles without dashes, L-shaped articles",
            l_rate=0.35,
            ncols=(5,),
            body_size=(10.0, 10.5),
            leading_em=0.65,
            dateline_form="bracket",
            subtitle_dash=False,
            narrow_rate=0.6,
            separator="space",
            frame_rate=0.35,
            label_rate=0.6,
        ),
        HouseStyle(
            name="zhoukan",
            generator="typst",
            description="weekly supplement: wide gap after a bold dateline, flush-left fake-bold headlines "
            "with wide phrase gaps, many photos under the headline with the credit on the caption's line, "
            "frames around every short item, pull quotes, wide photos the text jumps around",
            jump_rate=0.4,
            ncols=(4, 5),
            body_size=(10.0, 10.5),
            headline_align="left",
            phrase_gap_em=2.5,
            dateline_form="gap",
            photo_rate=0.7,
            credit_own_line=False,
            separator="frame",
            frame_rate=1.0,
            pull_quote_rate=0.7,
            notice_rate=0.3,
            masthead="running",
        ),
        HouseStyle(
            name="shenpan",
            generator="typst",
            description="审判 page: masthead band, double rules, centred real-bold headlines, one-column photos "
            "inside the text with the credit on its own line, wide photos the text jumps around, L-shaped articles, "
            "narrow articles, inline attribution",
            jump_rate=0.3,
            l_rate=0.3,
            ncols=(6,),
            body_size=(9.5,),
            fake_bold=False,
            kicker_rate=0.3,
            narrow_rate=0.4,
            photo_place="inside",
            separator="double",
            attribution_own_line=False,
            label_rate=0.2,
        ),
        HouseStyle(
            name="jiancha",
            generator="typst",
            description="检察 page: masthead band, thin rules, centred real-bold headlines, 栏目 logos in a tinted "
            "box beside the headline, short items on a tinted ground, captions in the column beside the photo, "
            "pull quotes set large inside the body, articles continued on another page (`下转第N版`) and from one "
            "(`上接第N版`), L-shaped articles",
            classic_set=False,  # the classic generator prints none of its own conventions
            l_rate=0.25,
            ncols=(5, 6),
            body_size=(9.5, 10.0),
            fake_bold=False,
            kicker_rate=0.5,
            label_rate=0.6,
            photo_rate=0.55,
            credit_own_line=False,
            frame_rate=0.0,
            shade_rate=0.5,
            label_beside=True,
            caption_beside=True,
            body_quote_rate=0.5,
            jump_line_rate=0.3,
            continued_rate=0.2,
            pull_quote_rate=0.2,
        ),
        HouseStyle(
            name="chengshi",
            generator="typst",
            description="city daily (都市报) news page: seven narrow columns, running head, thin rules, flush-left "
            "real-bold headlines over a rule, series labels `“…”系列报道之三` as kickers, lead paragraphs set as a "
            "framed Kai deck across the columns, bylines at the article's end in brackets `（记者 张三）`, `■` closing "
            "the other articles, commentary set in Kai, inline attribution, one-column photos inside the text with "
            "the credit on the caption's line, L-shaped articles",
            classic_set=False,  # the classic generator prints none of its own conventions
            ncols=(7,),
            body_size=(9.5,),
            headline_align="left",
            fake_bold=False,
            kicker_rate=0.4,
            byline_align="left",
            photo_rate=0.5,
            photo_place="inside",
            credit_own_line=False,
            frame_rate=0.1,
            l_rate=0.3,
            masthead="running",
            pull_quote_rate=0.2,
            label_rate=0.3,
            notice_rate=0.3,
            attribution_own_line=False,
            byline_end_rate=0.6,
            end_mark="■",
            headline_rule=True,
            commentary_rate=0.2,
            series_rate=0.2,
            deck_rate=0.3,
        ),
        HouseStyle(
            name="fazhi",
            generator="typst",
            description="Hong Kong legal weekly (法治 page), set horizontally: traditional characters throughout (OpenCC "
            "s2hk, corner quotes 「」『』) in the HK cuts of the faces, thin rules in every gutter between an article's "
            "columns, section headings numbered `一、…` flush left in bold Hei at body size, a bold Hei lead-in opening "
            "a third of the paragraphs, four columns, generous leading, `【本報訊】` datelines, centred real-bold "
            "headlines, right-aligned bylines, photos between headline and body with the credit on the caption's line, "
            "L-shaped and narrow articles, attribution on its own line (the sealed style until 2026-12-02)",
            ncols=(4,),
            body_font="AR PL UMing HK",
            hei_font="Noto Sans CJK HK",
            kai_font="AR PL UKai HK",
            region="hk",
            script="traditional",
            body_size=(10.0, 10.5),
            leading_em=0.75,
            headline_align="center",
            fake_bold=False,
            kicker_rate=0.6,
            subtitle_dash=True,
            narrow_rate=0.3,
            dateline_form="bracket",
            byline_in_bracket=False,
            byline_align="right",
            photo_rate=0.5,
            photo_place="between",
            jump_rate=0.0,
            credit_own_line=False,
            separator="rule",
            frame_rate=0.1,
            l_rate=0.3,
            masthead="band",
            pull_quote_rate=0.3,
            label_rate=0.3,
            notice_rate=0.4,
            attribution_own_line=True,
            column_rules=True,
            heading_form="numbered",
            lead_in_rate=0.35,
            classic_set=False,  # traditional faces and column rules are not in bench.compose
        ),
        HouseStyle(
            name="zhengfa",
            generator="typst",
            description="政法 page of a mainland provincial daily, set horizontally: six or seven narrow columns with "
            "narrow gutters (7-9 pt) and small type (9-9.5 pt, AR PL UMing), bylines set line by line at the head of the "
            "body (`□ 本报记者 …`, `□ 通讯员 …`, in Kai, one role a line) and none under the headline, photo captions white "
            "on a dark band over the picture's foot, section headings in white bold Hei on black bars across the column, "
            "running head, double rules, flush-left fake-bold headlines, kickers, `——` subtitles, bold dateline with a "
            "1 em gap, photos between headline and body, L-shaped and narrow articles, framed short items, inline "
            "attribution (the sealed style until 2026-12-02)",
            ncols=(6, 7),
            gutter=(7.0, 9.0),
            body_font="AR PL UMing",  # uming.ttc's CN face: Typst knows it by this family name, not "AR PL UMing CN"
            hei_font="Noto Sans CJK SC",
            kai_font="AR PL UKai CN",
            body_size=(9.0, 9.5),
            leading_em=0.6,
            headline_align="left",
            fake_bold=True,
            phrase_gap_em=1.0,
            kicker_rate=0.65,
            subtitle_dash=True,
            narrow_rate=0.35,
            heading_form="bar",
            dateline_form="gap",
            byline_in_bracket=False,
            byline_lines=True,
            photo_rate=0.6,
            photo_place="between",
            jump_rate=0.0,
            credit_own_line=False,
            caption_over=True,
            separator="double",
            frame_rate=0.25,
            l_rate=0.3,
            masthead="running",
            pull_quote_rate=0.25,
            label_rate=0.35,
            notice_rate=0.3,
            attribution_own_line=False,
            classic_set=False,  # the classic generator prints none of its own conventions
        ),
        HouseStyle(**SEALED),  # type: ignore[arg-type]
    )
}


# ---------------------------------------------------------------- conventions both generators print


CREDIT = re.compile(r"^[\u4e00-\u9fff]{2,4} [摄攝]$")  # a photo credit standing alone (攝 in traditional text)


def subtitle_as_printed(style: HouseStyle, subtitle: str | None) -> str | None:
    """The 副题 with or without its leading `——`, as the style sets it."""
    if not subtitle:
        return subtitle
    bare = subtitle.lstrip("—")
    return "——" + bare if style.subtitle_dash else bare


def byline_in_dateline(style: HouseStyle, dateline: str | None, byline: str | None) -> bool:
    """Whether a `记者 …` byline is printed in the dateline's bracket (`本报讯（记者 张三）`, `（人民网记者 李四）`):
    a reporter of the paper itself signs `本报记者` under the headline."""
    return bool(style.byline_in_bracket and dateline and byline and REPORTER_IN_BRACKET.match(byline))


def dateline_as_printed(style: HouseStyle, dateline: str, byline: str | None) -> str:
    """The dateline's printed text (without the gap after it): `【本报讯】` in the bracket form, the reporter in brackets."""
    shown = dateline.strip("【】")
    return ("【" + shown + "】" if style.dateline_form == "bracket" else shown) + (f"（{byline}）" if byline else "")


def photo_captions(rng: random.Random, style: HouseStyle, captions: list[str], names: list[str]) -> list[str]:
    """The caption lines under a photo: the article's captions and a photographer's credit, the credit
    on the last caption's line or on its own as the style sets it (a caption already ending in 摄 has its credit)."""
    credit = f"{rng.choice(names)} 摄" if names and rng.random() < 0.7 else None
    caps = list(captions[:2]) or ([] if credit else ["资料图片"])
    if caps and any(c.endswith(("摄", "攝")) for c in caps):
        credit = None
    if credit and caps and not style.credit_own_line:
        return caps[:-1] + [caps[-1] + "　" + credit]
    return caps + ([credit] if credit else [])


def sealed_style() -> str:
    """The held-out style: the one bench/sealed_style.py defines."""
    return str(SEALED["name"])


# ---------------------------------------------------------------- drawn styles
#
# Each own style is one fixed combination of conventions, and courtdoc is tuned against exactly those
# combinations; the pages users bring combine the same conventions in other ways. A drawn style takes
# every convention from an own Typst style chosen at random for that field alone, so each seed meets
# combinations nobody tuned against, built only from conventions the own styles print. The sealed style
# is never drawn from: the parameters only it turns on stay at their defaults, and it stays blind.

# Not drawn: who the style is, and what follows from its script (the faces and the engine's region).
UNDRAWN = ("name", "generator", "description", "classic_set", "body_font", "hei_font", "kai_font", "region")
# Typst's family names for the faces of each script. uming.ttc's and ukai.ttc's CN cuts are "AR PL UMing"
# and "AR PL UKai" to Typst (fontconfig's "... CN" names are unknown to it, and it would fall back).
SIMPLIFIED_BODY_FONTS = ("Noto Serif CJK SC", "AR PL UMing")
SIMPLIFIED_FACES = {"hei_font": "Noto Sans CJK SC", "kai_font": "AR PL UKai", "region": "cn"}
# The Hong Kong cuts, as fazhi sets its traditional text.
TRADITIONAL_FACES = {"body_font": "AR PL UMing HK", "hei_font": "Noto Sans CJK HK", "kai_font": "AR PL UKai HK", "region": "hk"}
DRAWN_NAME = re.compile(r"^drawn(-?\d+)-(\d+)$")


def own_typst_styles() -> list[HouseStyle]:
    """The Typst styles layout work is developed against: every Typst style but the sealed one."""
    return [s for s in STYLES.values() if s.generator == "typst" and s.name != sealed_style()]


def drawn_style(seed: int, k: int) -> HouseStyle:
    """The `k`-th drawn style of `seed` (`drawn<seed>-<k>`): every convention from its own randomly chosen
    own Typst style, the faces those of the drawn script. Its own random stream, so the k-th style of a
    seed is the same however many are drawn, and no other style's pages change."""
    rng = random.Random(f"courtdoc-bench-drawn:{seed}:{k}")
    own = own_typst_styles()
    drawn = {f.name: getattr(rng.choice(own), f.name) for f in dataclasses.fields(HouseStyle) if f.name not in UNDRAWN}
    body_font = rng.choice(SIMPLIFIED_BODY_FONTS)
    faces = TRADITIONAL_FACES if drawn["script"] == "traditional" else {"body_font": body_font, **SIMPLIFIED_FACES}
    default = HouseStyle(name="", generator="typst", description="")
    shown = ", ".join(f"{name} {_shown(value)}" for name, value in drawn.items() if value != getattr(default, name))
    return HouseStyle(
        name=f"drawn{seed}-{k}",
        generator="typst",
        description=f"drawn for seed {seed} from the own Typst styles, field by field: {shown or 'every default'}",
        classic_set=False,  # the classic generator prints neither traditional faces nor column rules
        **faces,
        **drawn,
    )


def _shown(value: object) -> str:
    return "/".join(map(str, value)) if isinstance(value, tuple) else str(value)


def drawn_styles(seed: int, count: int) -> list[HouseStyle]:
    """`count` house styles drawn for `seed` (`drawn<seed>-0` ...): pure, a function of the seed and the own styles."""
    return [drawn_style(seed, k) for k in range(count)]


def house_style(name: str) -> HouseStyle:
    """The house style called `name`: one of STYLES, or a drawn style re-drawn from the seed its name
    carries, so worker processes and peers find it without being handed it. KeyError for any other name."""
    if name in STYLES:
        return STYLES[name]
    m = DRAWN_NAME.match(name)
    if not m:
        raise KeyError(name)
    return drawn_style(int(m[1]), int(m[2]))
