"""Every geometric threshold of the layout, named, with the reason for its value.

Like pdfplumber's DEFAULT_X_TOLERANCE and friends: the layout code reads
these and writes no number of its own. Sizes are multiples of the page's body
size (`body`), distances multiples of the body size, of the body line pitch
(`pitch`) or of the type size of the line at hand (`size`), so one value serves
a 9 pt broadsheet and a 12 pt page; only values tied to how PDFs are drawn
are in points.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.punctuation import MARK_INK


@dataclass(frozen=True, slots=True)
class LayoutParams:
    # --- type tiers (x body size) --------------------------------------------------------
    head: float = 1.3
    """A headline: display type, clearly bigger than any deck or section heading."""
    deck: float = 1.08
    """Kicker, subtitle or section heading: a size step over the body (a 9 pt body gives 10 pt decks)."""
    small: float = 0.88
    """Captions, bylines and small print: a size step under the body."""
    same_size: float = 0.12
    """A line this close to the body size is set at body size (OCR box heights vary about 10 %)."""
    max_body_size: float = 16.0
    """pt: body type is never bigger; a page of mostly display type still has its body in small print."""
    size_bin: float = 0.5
    """pt: sizes are counted in half points (PDF sizes of one style differ in rounding only)."""
    default_body: float = 10.0
    """pt: the body size of a page with no text to measure (only used to avoid dividing by nothing)."""
    same_font_size: float = 0.5
    """pt: two lines of one heading or headline differ at most by PDF size rounding."""
    ocr_headline_size: float = 0.12
    """Lines of one headline measured by OCR (ink heights) differ by up to this share of their size."""
    bold_bonus: float = 1.15
    """A bold line outranks a regular one up to 15 % bigger as the headline (a 楷体 byline may outsize
    a small article's headline)."""

    # --- line pitch (x body size) --------------------------------------------------------
    pitch_step: tuple[float, float] = (0.9, 2.5)
    """The distance between consecutive lines of one column lies in this range: closer is one line,
    further a paragraph or article gap."""
    pitch_same_column: float = 3.0
    """Consecutive lines measured for the pitch start within this distance of each other (one column)."""
    default_pitch: float = 1.5
    """The pitch of a page too sparse to measure: 1.5 lines is how Chinese papers set body text."""

    # --- rows and gutters ----------------------------------------------------------------
    row_mid: float = 0.3
    """x size: fragments whose middles lie this close are one printed row."""
    row_size: float = 0.1
    """x size: fragments of one row are set in one size (PDF rounding, OCR jitter within 10 %)."""
    row_gap: float = 4.0
    """x size: fragments of one line are never further apart than four cells (a wide space)."""
    run_in_chars: int = 16
    """A run-in head (本报北京3月10日电, 鹿鸣讯) is at most this many characters."""
    run_in_gap: float = 2.0
    """x size: a run-in head stands at most an ideographic space (plus justification) before its text."""
    gutter_window: float = 10.0
    """x pitch: the lines above and below that testify whether a gap in a row is a gutter."""
    gutter_reach: float = 1.0
    """x body: a column line ends or starts within one cell of the gutter's edge."""
    gutter_span: float = 2.0
    """x gutter_reach: where a line's text set solid says its parts end and start, the gutter lies within
    two cells of it (justification spreads a line; punctuation set half-width or hung into the
    gutter narrows it)."""
    gutter_overrun: float = 0.5
    """x size: a glyph placed by the source starts this far past where the lines around say it should
    at most (justification, rounding); a mark hung into the gutter takes one more cell of it."""
    gutter_size: float = 1.1
    """x size: bigger lines than the fragments' type span columns by design and say nothing."""
    gutter_votes: int = 3
    """Lines hugging a gap (both sides together) before it counts as a gutter."""
    gutter_flush_votes: int = 3
    """Lines ending (or starting) exactly where one fragment of a row does that make the gap beside it a
    gutter alone: a justified column's edge, where the column across the gap is too short to show its
    own (two lines under a photo, the first indented, or a paragraph's short last line)."""
    display_lead: float = 1.6
    """x size: a display line's neighbour in the line above or below stands within 1.6 of its size
    (headlines are set at a leading of 1.1 to 1.5)."""
    centred_slack: tuple[float, float] = (1.0, 0.3)
    """(pt, x body on OCR): a headline set over columns of its own stands this close to their middle,
    or to the left edge of the first: a typesetter centres exactly (a text layer's boxes round, a fake
    bold's second stroke shifts a glyph a fraction of a point); OCR boxes miss by a few pixels."""
    edge_slack: float = 0.5
    """pt: a box edge and a rule or gap edge this close touch (PDF coordinates round)."""
    rule_slack: float = 1.0
    """pt: a rule drawn this close to a box's edge is at that edge."""

    # --- reading order (x body size) -----------------------------------------------------
    mark_ink: float = MARK_INK
    """x size: a CJK comma or stop inks only the left half of its cell, so one hung into the gutter
    at a line's end narrows the channel by half a cell at most."""
    ascii_mark_ink: float = 0.25
    """x size: an ASCII comma or stop set in CJK text (发力,专家) takes a box of half a cell or so and
    inks only its left edge, so one hung into the gutter narrows the channel by a quarter cell at most."""
    min_gutter: float = 0.6
    """The narrowest vertical channel between columns: more than a word space, less than a cell."""
    band_gap: float = 0.6
    """A horizontal cut needs this much more than the usual leading between lines."""
    line_gap: float = 0.3
    """With no channel of normal width, a gap this much over the leading still separates bands
    (a headline set close above its columns)."""
    band_lead: float = 2.0
    """x pitch: a headline opens a band when its top stands within two lines of the band's top
    (a one-line kicker may stand above it)."""
    cut_rule_span: float = 0.6
    """A rule separates two parts when it runs over this share of the box it cuts."""
    same_reach: float = 0.1
    """Share of a box: rules this close to the longest one's reach are cut with it, first (rules drawn
    to one measure end a gutter apart where one stops at a column rule)."""

    # --- rules, frames and page bands ------------------------------------------------------
    within_slack: float = 2.0
    """pt: a box inside a frame may touch or overhang its line by this much."""
    masthead_rule_width: float = 0.7
    """Share of the page width a masthead rule runs."""
    masthead_band: float = 0.15
    """Share of the page height from the top within which a masthead rule lies."""
    margin_band: float = 0.07
    """Share of the page height at top and bottom that holds running heads and feet."""
    note_box_min: tuple[float, float] = (2.0, 1.0)
    """x body: a frame round a note is at least two cells wide and one line high (smaller is a glyph box)."""
    note_box_area: float = 0.25
    """Share of the page area: a frame larger than this holds articles, not a note."""
    bar_lines: int = 3
    """A section heading set on a bar runs to three lines at most (a long one in a narrow column); a frame
    holding more, or a headline, boxes an item of its own."""
    label_chars: int = 24
    """A boxed single line this short is a column label; longer, a pull quote."""
    logo_chars: int = 12
    """A boxed text this short over several lines is a 栏目 logo (科技视点 stacked two to a line) when it stands
    by a headline: a column's name runs to ten characters or so (“十四五”的发展镜头), a pull quote is a sentence."""
    deck_reach: float = 3.0
    """x pitch: a framed lead (导语) stands this close under its headline: a byline line and the gaps round it."""
    logo_reach: float = 3.0
    """x body: a logo set over its headline stands this close above it (a line and a gap); one beside it
    stands level with it, at any distance (the headline is centred in what the logo leaves of the article)."""

    # --- headers ---------------------------------------------------------------------------
    stack_gap: tuple[float, float] = (-1.0, 2.0)
    """x size: a header line stands at most two lines below the one above it (overlaps count)."""
    split_headline_mid: float = 0.5
    """x size: the two halves of a headline split at a wide space have their middles this close."""
    split_headline_gap: float = 3.0
    """x size: and stand at most three cells apart."""
    byline_reach: tuple[float, float] = (2.5, 12.0)
    """A byline belongs to the headline at most 2.5 pitches above it and 12 body cells to its side."""
    under_rule: float = 3.0
    """x pitch: a headline opening an article stands within three lines under its rule."""
    headline_rule: float = 1.0
    """x pitch: a flat rule this close under a headline's foot is the headline's own (set as part of its
    header); a rule parting articles stands under the last text of the article above, a band's gap or
    more over the next headline, never right under one."""
    overlap: float = 0.5
    """A rule or block over at least half a box's extent counts as over it."""
    alone_columns: int = 2
    """A line over the columns under a headline is alone in the band over them where at least this many
    columns beside it start right under it (one could be a photo's caption or a column set lower)."""
    short_chars: int = 16
    """A kicker, byline or headline fragment is at most this many characters."""
    subtitle_chars: int = 12
    """A line under a headline longer than this is a subtitle, not a name."""
    heading_lines: int = 3
    """A section heading wraps over at most three lines."""
    wrap_room: float = 1.0
    """x size: a wrapped line leaves less room than its next character; a line centred with more than a
    cell on each side did not wrap (a short heading stacked over another)."""
    owner_margin: float = 1.0
    """x pitch: two owners whose distances differ by less than a line are equally plausible (a close call)."""
    header_reach: float = 3.0
    """x pitch: a column beside the current headline still belongs to it within this reach."""

    # --- paragraphs ------------------------------------------------------------------------
    indent: tuple[float, float] = (1.2, 4.5)
    """x size: a first-line indent (two cells, give or take); wider is a centred or set-off line."""
    short_last_line: float = 1.8
    """x size: a line ending this far before the column's right edge is a paragraph's last line."""
    paragraph_gap: float = 1.5
    """x pitch: a gap this tall between lines of one column ends the paragraph."""
    glyphs_to_size: int = 2
    """Characters: where OCR measures a line's size from its ink, a line of this many or fewer measures
    its glyphs' own heights, not the type's (院 alone read a size under the body it wraps from)."""
    run_gap: float = 2.0
    """x size: lines of one caption or heading follow each other within two line heights."""
    edge_percentiles: tuple[float, float] = (0.2, 0.8)
    """A column's left and right edges from these percentiles of its lines: first lines are indented,
    a stray line may stick out."""
    heading_chars: tuple[int, int] = (6, 30)
    """A section heading in the body face is 6 to 30 characters: shorter is a label, longer prose."""
    centred: tuple[float, float] = (2.5, 1.5)
    """x size: a centred line leaves at least 2.5 cells each side, the two sides within 1.5 cells."""

    # --- plain text (no positions: widths are display widths in half cells, a Han character two) ---
    headline_chars: int = 40
    """A headline line of plain text is at most 40 characters (two lines of a broadsheet banner);
    longer is prose."""
    markdown_headline_chars: int = 80
    """A line Markdown marks as a heading may run to two headline lines: the mark is the writer's word."""
    headline_margin: int = 10
    """A heading is at least five cells shorter than a full line of wrapped text (a body line ends at
    most a cell or two short of the column, a closing paragraph line anywhere, but those end a sentence)."""
    overfull: int = 4
    """A line more than two cells wider than any body line is a headline set across the columns."""
    full_slack: int = 2
    """A line of parallel phrases (谋篇定方向 蓄力开新局) within a cell of the full width is a body line
    that happens to pause there."""
    masthead_reach: int = 3
    """Lines: a paper name or publisher is masthead furniture within three lines of a contact or date
    line; further off it is a headline that names the paper."""
    credit_lines: int = 3
    """An attribution or photo credit closing a paragraph wraps over at most three lines of plain text."""

    # --- pull quotes inside a body (`quotes`) ----------------------------------------------------
    quote_rule_reach: float = 1.0
    """x pitch: the rules a pull quote is set between stand within a line of its text (an article's
    rule stands over its headline's kicker and white space, further off)."""
    quote_rule_slack: float = 1.0
    """x body: a pull quote's rules run the width of its column, up to a cell past its text's edges
    (a column's edges are measured on its lines, which hang punctuation)."""

    # --- captions --------------------------------------------------------------------------
    caption_reach: tuple[float, float] = (1.0, 2.5)
    """x pitch: a caption overlaps its photo by up to a line or stands up to 2.5 lines from it."""


PARAMS = LayoutParams()
