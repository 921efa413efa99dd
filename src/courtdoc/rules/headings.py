"""Headline-like and heading-like lines from their words, and the notes papers box.

A section heading carries no sentence punctuation; a line of parallel
phrases set apart by a blank (领航定向　驾驭发展全局, 谋篇定方向 蓄力开新局) is a
heading or a headline however it is set. A `——name, office` line under a
quotation names its speaker (a `——` subtitle does not). A standing column
label (学习宣传贯彻党的二十大精神) labels a series, not one article. A pull quote repeats
words of the article it stands in (`repeats_text`).
"""

from __future__ import annotations

import re

from .chinese import HAN, shadow
from .punctuation import MARKS

# Each phrase at least this many characters: 第一 二 is a list, not two phrases.
_MIN_PHRASE = 2
_PHRASE_PAIR = re.compile(rf"[^\s{MARKS}]{{{_MIN_PHRASE},}}(?:[ 　]+[^\s{MARKS}]{{{_MIN_PHRASE},}})+")
_PUNCTUATED = re.compile(rf"[{MARKS}（）()]")
_SPEAKER = re.compile(
    rf"^——.*(书记|院长|主席|部长|庭长|检察长|主任|局长|省长|市长|县长|总理|会长|理事长|法官|教授|专家)"
    rf"[{HAN}·]{{0,4}}$|^——(摘自|引自|选自)"
)
# A pull quote repeats at least this many characters of its article: a headline as long turning up
# word for word in the text read before it (the article above) does not happen by chance.
QUOTE_MIN_CHARS = 8
_NOT_WORDS = re.compile(rf"[\s{MARKS}“”‘’「」『』《》〈〉（）()【】…—·\"']")
# A series' name labels a column; numbered as one instalment (“新时代枫桥经验”系列报道之三) it is that
# article's kicker.
_COLUMN_LABEL = re.compile(r"(学习宣传贯彻|学习贯彻|专栏|系列报道(?!之)|进行时|巡礼|大家谈|主题教育)")


def is_phrase_pair(text: str) -> bool:
    """Two or more unpunctuated phrases set apart by blanks, and nothing else."""
    return bool(_PHRASE_PAIR.fullmatch(text.strip()))


def contains_phrase_pair(text: str) -> bool:
    """Somewhere in the text, two unpunctuated phrases stand apart by a blank."""
    return bool(_PHRASE_PAIR.search(text))


def is_unpunctuated(text: str) -> bool:
    """No clause or sentence mark and no bracket: how headings and headlines are set."""
    return not _PUNCTUATED.search(text)


def is_speaker_line(text: str) -> bool:
    """The `——name, office` line under a pull quote (not a `——` subtitle)."""
    return bool(_SPEAKER.match(shadow(text.strip())))


_SECTION_NUMBER = re.compile(r"^[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]?[、.．]?$")


def is_section_number(text: str) -> bool:
    """A section's number set as a heading of its own ((一), 二、, 3.): it numbers a section, never
    heads an article."""
    return bool(_SECTION_NUMBER.match(text.strip()))


def is_column_label(text: str) -> bool:
    return bool(_COLUMN_LABEL.search(shadow(text)))


def is_dash_led(text: str) -> bool:
    """Opens with a dash: a `——` subtitle, or the speaker under a quotation."""
    return text.lstrip().startswith(("—", "-"))


def repeats_text(quote: str, text: str) -> bool:
    """The quote's words, at least `QUOTE_MIN_CHARS` of them, stand in the text word for word: a pull quote
    and the sentence it repeats (punctuation, quote marks and spaces aside; a quote may drop or add them)."""
    words = _NOT_WORDS.sub("", shadow(quote))
    return len(words) >= QUOTE_MIN_CHARS and words in _NOT_WORDS.sub("", shadow(text))


# An editor's note is set before the body it introduces: opened by its label (编者按：…, 编者的话, 编前语), closed by
# the editor's signature (——编者). An afterword (编后, 编后语) stands after its body and is no such note.
# Set in spaced-out display type as often as not (—— 编 者).
_EDITORS_NOTE = re.compile(r"^[【\[〔]?\s*编\s*(者\s*按|者\s*的\s*话|前\s*[语话]|前\s*[：:】\]〕])")
_EDITORS_SIGNATURE = re.compile(r"[—-]{1,2}\s*(本\s*[报刊版]\s*)?编\s*者\s*[)）]?$")


def is_editors_note(text: str) -> bool:
    """Opens with the label of an editor's note that introduces a body (编者按：…), or closes with its signature (…——编者)."""
    return bool(_EDITORS_NOTE.match(shadow(text.strip()))) or ends_with_editors_signature(text)


def ends_with_editors_signature(text: str) -> bool:
    """Closes with the editor's signature (…——编者): the note ends there, as a closing mark would end it."""
    return bool(_EDITORS_SIGNATURE.search(shadow(text.strip())))
