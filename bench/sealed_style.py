"""The SEALED house style's values. Layout work on courtdoc never opens this file.

Why a file of its own: the benchmark scores courtdoc on one house style nobody
working on its layout has seen, the honest figure for pages a user brings. The
style drawn earlier (fayuan) had its conventions read during a fix, so it is an
own style now; this one was written on 2026-12-02 by a helper who does not work
on courtdoc's layout and who chose its conventions from real papers without
looking at what courtdoc handles. bench/README.md names the style; its
conventions are described only here, so that people developing layout can keep
to the rule "look at the sealed style's summary rows only" by never opening this
file, its pages or its per-page output.

The style: a Hong Kong legal weekly (法治 page of a Hong Kong / Taiwan paper),
set horizontally. New conventions the generator prints only for it (HouseStyle
parameters, off in every other style):

- traditional characters throughout (`script="traditional"`: OpenCC s2hk on every
  printed string — articles, furniture, notes, credits — and corner quotes 「」『』
  for “”‘’), set in the HK cuts of the faces (Noto Sans CJK HK, AR PL UMing HK,
  AR PL UKai HK); the gold is the traditional text, as printed;
- thin rules in every gutter between an article's columns (`column_rules`), as
  Hong Kong and Taiwan papers rule their columns;
- section headings numbered `一、二、…` and set flush left in bold Hei at body size
  (`heading_form="numbered"`); an article's headings are numbered only when none
  of them carries a number or a dash already; the number is part of the printed
  heading, so of the gold's heading text;
- a bold Hei lead-in: the opening sentence of about a third of the paragraphs
  (6-30 characters, ending in `。` or `：`) set in bold, run into the paragraph
  (`lead_in_rate`); the gold paragraph is the whole paragraph, lead-in included.

A new combination of existing conventions: four columns, generous leading,
`【本報訊】` datelines (as Hong Kong papers print them), centred real-bold headlines,
right-aligned bylines, photos between headline and body with the credit on the
caption's line, rules between articles, L-shaped articles and narrow one-column
articles, masthead band, attribution on its own line.

Only bench.broadsheet (Typst) sets it; the classic generator does not
(`classic_set=False`): traditional faces and column rules are not in bench.compose.
"""

from __future__ import annotations

# The keyword arguments of bench.styles.HouseStyle for the sealed style.
SEALED = dict(
    name="fazhi",
    generator="typst",
    description="held-out style: its conventions are in bench/sealed_style.py, which layout work never opens",
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
    classic_set=False,
)
