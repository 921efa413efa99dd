"""The SEALED house style's values. Layout work on courtdoc never opens this file.

Why a file of its own: the benchmark scores courtdoc on one house style nobody
working on its layout has seen, the honest figure for pages a user brings. The
styles sealed earlier (fayuan, then fazhi, then zhengfa) had their conventions
read, so they are own styles now; this one was written on 2026-12-02 by a helper
who does not work on courtdoc's layout and who chose its conventions from real
papers without looking at what courtdoc handles (courtdoc was not run on it).
bench/README.md names the style; its conventions are described only here, so
that people developing layout can keep to the rule "look at the sealed style's
summary rows only" by never opening this file, its pages or its per-page output.

The style: the 平安·法治 page of a mainland provincial daily (省报), set
horizontally, in the manner of the big provincial Party dailies: a five-column
grid with articles over two or three columns, body type of 10-10.5 pt in Noto
Serif with gutters of ordinary width, centred headlines. New conventions the
generator prints only for it (HouseStyle parameters, off in every other style):

- the headline block between rules (`headline_rules`): a 1.5 pt rule over the
  kicker (or the title where there is none) and a 0.5 pt rule under the title
  and 副题, both across the article's width; the byline stands under the lower
  rule. Geometry only; the gold is unchanged;
- an editor's note (`editor_note_rate`): some articles of two or more columns
  print a `编者按：…` between the headline and the body (over the photo),
  across all their columns, between two thin rules: the label `编者按：` in
  bold Hei, the text run on after it in Kai at body size, not indented. It is
  neither body nor furniture: the gold has it as a note of type `editor-note`
  whose text is the whole printed string, label included (`编者按：为……`),
  source null; the article's blocks are only its own text;
- section headings numbered and centred (`heading_form="numbered-centre"`):
  an article's headings that carry no number of their own are numbered `一、`
  `二、` … (as they are in the gold) and centred in bold Hei at body size.

A new combination of existing conventions: masthead band, thin rules between
articles and bands, centred real-bold headlines with kickers and `——`
subtitles, bylines (`本报记者 …`) right-aligned under the headline, a
`本报讯（记者 …）` byline in the dateline's bracket where the reporter is
`记者 …`, the dateline in bold Hei followed by a 1 em gap, photos between
headline and body with the credit right-aligned on its own line under the
caption, some wide photos the text jumps around, L-shaped and narrow
articles, short items framed or on a tinted ground, some commentary bodies
in Kai, attribution right-aligned on its own line, a 栏目 label in a black box
on some articles, a boxed pull quote under the head on some pages.

Only bench.broadsheet (Typst) sets it; the classic generator does not
(`classic_set=False`): none of its own conventions are in bench.compose.
"""

from __future__ import annotations

# The keyword arguments of bench.styles.HouseStyle for the sealed style.
SEALED = dict(
    name="pingan",
    generator="typst",
    description="held-out style: its conventions are in bench/sealed_style.py, which layout work never opens",
    ncols=(5,),
    gutter=(10.0, 12.0),
    body_font="Noto Serif CJK SC",
    hei_font="Noto Sans CJK SC",
    kai_font="AR PL UKai",  # ukai.ttc's CN face, by the family name Typst knows
    body_size=(10.0, 10.5),
    leading_em=0.6,
    headline_align="center",
    fake_bold=False,
    phrase_gap_em=1.0,
    kicker_rate=0.55,
    subtitle_dash=True,
    narrow_rate=0.25,
    heading_form="numbered-centre",
    dateline_form="gap",
    byline_in_bracket=True,
    byline_align="right",
    photo_rate=0.5,
    photo_place="between",
    jump_rate=0.2,
    credit_own_line=True,
    separator="rule",
    frame_rate=0.2,
    shade_rate=0.2,
    l_rate=0.25,
    masthead="band",
    pull_quote_rate=0.2,
    label_rate=0.35,
    notice_rate=0.3,
    attribution_own_line=True,
    commentary_rate=0.15,
    headline_rules=True,
    editor_note_rate=0.35,
    classic_set=False,
)
