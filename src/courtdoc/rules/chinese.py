"""Han characters, personal names, and matching traditional text as simplified."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from ..repair.normalize import to_simplified

HAN = r"\u4e00-\u9fff"
NAME = rf"[{HAN}·]{{2,4}}"
NAME_TOKEN = re.compile(rf"^([{HAN}]{{2,4}}|[{HAN}]{{2,6}}·[{HAN}]{{2,8}})$")
# Grammar words no name is written with (中国的, 世界的, 五粮液 is a name but 的 never is).
PARTICLES = "的了是们么吗呢吧"


def shadow(text: str) -> str:
    """The text in simplified characters for matching, so traditional pages are recognised too.

    Matches on the shadow slice the original: t2s maps character for
    character, and where it would not, the original is matched instead.
    """
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


# Of the characters only one script writes, this share or more traditional: the page is printed in
# traditional characters (the bench's traditional scans: 98-99 %, the rest the recogniser's slips;
# a simplified page's: 0 %).
TRADITIONAL_SHARE = 0.9
# Fewer characters of either script than this say nothing about the page's script.
MIN_SCRIPT_CHARS = 20
# OpenCC's tables of the forms Hong Kong and Taiwan print for a traditional character.
REGIONAL_VARIANTS = ("HKVariants.txt", "TWVariants.txt")


@lru_cache(maxsize=1)
def _simplified_twins() -> dict[str, str]:
    """Simplified characters with exactly one traditional form (OpenCC's STCharacters: 黄 黃, 内 內),
    less those a regional standard prints as its own form of a traditional one (Hong Kong's 户 for
    戶, 脱 for 脫: OpenCC's HK and TW variants); one with several (发 發 髮, 后 後 后) cannot be
    told back from the character alone."""
    dictionary = resources.files("opencc").joinpath("dictionary")

    def rows(name: str) -> list[tuple[str, list[str]]]:
        text = dictionary.joinpath(name).read_text(encoding="utf-8")
        return [(key, forms.split()) for key, _, forms in (row.partition("\t") for row in text.splitlines())]

    regional = {form for name in REGIONAL_VARIANTS for _, forms in rows(name) for form in forms}
    return {
        simplified: traditional[0]
        for simplified, traditional in rows("STCharacters.txt")
        if len(simplified) == 1 and len(traditional) == 1 and traditional[0] != simplified and simplified not in regional
    }


def printed_traditional(texts: Sequence[str]) -> bool:
    """Whether the texts are printed in traditional characters: of the characters only one script
    writes, nearly all are traditional."""
    twins = _simplified_twins()
    traditional = simplified = 0
    for text in texts:
        simplified += sum(c in twins for c in text)
        traditional += sum(to_simplified(c) != c for c in text)
    script = traditional + simplified
    return script >= MIN_SCRIPT_CHARS and traditional >= TRADITIONAL_SHARE * script


def traditional_twins(text: str) -> str:
    """Each character only simplified text writes, with one traditional form, in that form."""
    twins = _simplified_twins()
    return "".join(twins.get(c, c) for c in text)
