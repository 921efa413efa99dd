"""The SEALED house style's values. Layout work on courtdoc never opens this file.

Why a file of its own: the benchmark scores courtdoc on one house style nobody
working on its layout has seen, the honest figure for pages a user brings. The
styles drawn earlier (fayuan, then fazhi) had their conventions read during a
fix, so they are own styles now; this one was written on 2026-12-02 by a helper
who does not work on courtdoc's layout and who chose its conventions from real
papers without looking at what courtdoc handles (courtdoc was not run on it).
bench/README.md names the style; its conventions are described only here, so
that people developing layout can keep to the rule "look at the sealed style's
summary rows only" by never opening this file, its pages or its per-page output.

The style: the 政法 page of a mainland provincial daily, set horizontally, in the
manner of 法治日报 and the big local dailies: many narrow columns, small type,
bylines as 法治日报 prints them. New conventions the generator prints only for it
(HouseStyle parameters, off in every other style):

- narrow gutters (`gutter=(7.0, 9.0)`: 7-9 pt between columns, against 10-14 pt
  in every other style) on six or seven columns, so a column is 10-12 characters
  of 9-9.5 pt (小五) type wide;
- the byline set at the head of the body, in the first column above the
  dateline (`byline_lines`): one line per role, broken before each `本报记者` /
  `记者` / `通讯员` / `实习生` after the first, each line after a `□`, in Kai at
  body size, flush left; nothing under the headline. The gold `byline` is the
  byline proper, without the `□` marks (as the gold `dateline` has no `【】`),
  its roles separated by a space as the corpus gives them;
- photo captions over the picture (`caption_over`): white Kai on a dark band
  (20 % grey) across the picture's foot, flush left, the credit on the last
  caption's line; the picture grows when the band would come within 30 pt of its
  top; one picture a photo (no group of two). The photo box is the picture; the
  gold captions as for every style;
- section headings as bars (`heading_form="bar"`): bold white Hei on a black bar
  across the column, flush left; the gold heading is the text on the bar.

A new combination of existing conventions: running head, double rules between
articles and bands, flush-left fake-bold headlines with a narrow phrase gap,
kickers on most articles, subtitles with `——`, a bold dateline followed by a
1 em gap, photos between headline and body, L-shaped articles, narrow one-column
articles with 3-4 line headlines, framed short items, attribution at the end of
the last paragraph, a boxed pull quote under the head on some pages, 栏目 labels
in a black box, no photos the text jumps around.

Only bench.broadsheet (Typst) sets it; the classic generator does not
(`classic_set=False`): none of its own conventions are in bench.compose.
"""

from __future__ import annotations

# The keyword arguments of bench.styles.HouseStyle for the sealed style.
SEALED = dict(
    name="zhengfa",
    generator="typst",
    description="held-out style: its conventions are in bench/sealed_style.py, which layout work never opens",
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
    classic_set=False,
)
