"""Han characters, personal names, and matching traditional text as simplified."""

from __future__ import annotations

import re

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
