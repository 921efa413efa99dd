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
# The commonest single-character surnames, about 300 (the 百家姓 names in use today: together over 95 %
# of people in China). A personal name opens with one; a short label or heading (亮点, 纵横, 遇见) mostly
# does not, though it is as short as a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸"
    "战慕危玉银亢嵇公哈湛宾戎勾茅利於居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪荀钮沃郗"
)
# A name of one person: a surname and one or two given characters, or a transliterated name.
_PERSON = re.compile(rf"^[{HAN}]{{2,3}}$|^[{HAN}]{{2,6}}·[{HAN}]{{2,8}}$")


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


def is_personal_name(text: str) -> bool:
    """Persons' names by their form alone (任仲平, 王 观, 张成虎 高睿凯, 玛丽娜·拉古什): each two or three
    characters opening with a common surname, or transliterated with its middle dot. A short label or
    heading (亮点, 纵横, 国际论坛) reads as a bare name by length; this reads it as no person's name."""
    names = shadow(text.strip()).split()
    if names and all(len(n) == 1 for n in names):
        # one name spaced out to three cells (王 观), or two of them (李 非 黄 婧)
        names = ["".join(names)] if len(names) < 4 else ["".join(names[k : k + 2]) for k in range(0, len(names), 2)]
    return bool(names) and all(_PERSON.match(n) and ("·" in n or n[0] in SURNAMES) for n in names)
