"""Ordinals and labels in five languages ("第三次", "the first time", "두 번째", "最後の", "lần
đầu"): the number a question gives, the last of a series, and a label's number as the page
prints it ("议题二")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ordinals, by language: the pattern and the number each surface stands for.
_ZH_NUM = {
    k: n
    for n, ks in enumerate(("一 头一 首", "二 两", "三", "四", "五", "六", "七", "八"), 1)
    for k in ks.split()
}
_EN_NUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "one": 1, "two": 2, "three": 3}
_ORDINAL = {
    "zh": re.compile(
        r"第(?P<n>[一二两三四五六七八\d])(?![天日])(?P<unit>次|个|回|条|项|件|轮|届|趟|遍)?|(?P<h>头一|首|最早的?一|最先一)(?P<hu>次|个|回|条|项|件)"
    ),
    "en": re.compile(
        r"\b(?P<w>first|second|third|fourth|fifth)\b|\b(?P<d>[1-5])(?:st|nd|rd|th)\b"
        r"|\bnumber (?P<nw>one|two|three|four|five|[1-5])\b",
        re.I,
    ),
    "ko": re.compile(r"(?P<k>첫|두|세|네)\s?번째|(?P<kf>첫(?=\s)|처음|최초)|(?P<kd>[1-5])\s?(?:번째|차)"),
    "ja": re.compile(r"(?P<jd>[1-5１-５一二三四五])(?:回目|番目|つ目|度目)|(?P<jf>最初|初)"),
    "vi": re.compile(r"lần (?:thứ )?(?P<vw>đầu|hai|ba|tư|năm|[1-5])|(?P<vf>đầu tiên)", re.I),
}


# "The last time": the last of a series, whatever its length.
LAST = {
    "zh": re.compile(r"最后一[次回趟个条件项]|最近一[次回趟]|最后那[次回趟条]"),
    "en": re.compile(
        r"\b(?:the )?(?:last|latest|most recent|final) (?:time|visit|trip|meeting|entry|entries|item|event|one|issue|point)s?\b"
        # "when did he last see her": last as an adverb of a verb of meeting or going
        r"|\blast (?:saw|seen|see|met|meet|visited|went|travel(?:l?ed)?|spoke|talked)\b",
        re.I,
    ),
    "ko": re.compile(r"마지막|가장 최근"),
    "ja": re.compile(r"最後|直近"),
    "vi": re.compile(r"lần cuối|lần sau cùng|(?:lần )?gần (?:đây )?nhất|(?:mục|sự kiện) cuối", re.I),
}


@dataclass(frozen=True)
class Ordinal:
    number: int
    start: int
    end: int


def find_ordinal(text: str, language: str) -> Ordinal | None:
    """The first ordinal ``text`` writes ("第二次", "the third", "두 번째", "2回目", "lần thứ hai")."""
    found = find_ordinals(text, language)
    return found[0] if found else None


def find_ordinals(text: str, language: str) -> list[Ordinal]:
    """Every ordinal ``text`` writes, in order ("the first time, and where the second?")."""
    pattern = _ORDINAL.get(language)
    if pattern is None:
        return []
    if language == "en":
        idiom = _IDIOM_WHY if re.search(r"\bwhy\b", text, re.I) else _IDIOM
        text = idiom.sub(lambda m: " " * len(m.group()), text)
    return [_ordinal(m) for m in pattern.finditer(text)]


# "First of all", and in a why-question "in the first place" ("at all"; in "when was it
# announced in the first place?" it means "first"): an ordinal word that counts nothing
# (blanked, so the offsets of the ordinals after it stay as written)
_IDIOM = re.compile(r"\bfirst of all\b|\bfirst off\b|\bfirst things first\b", re.I)
_IDIOM_WHY = re.compile(rf"{_IDIOM.pattern}|\bin the first place\b", re.I)


def _ordinal(m: re.Match[str]) -> Ordinal:
    g = {k: v for k, v in m.groupdict().items() if v}
    number = 1
    if "n" in g:
        number = int(g["n"]) if g["n"].isdigit() else _ZH_NUM[g["n"]]
    elif "w" in g or "nw" in g:
        word = (g.get("w") or g.get("nw")).lower()
        number = int(word) if word.isdigit() else _EN_NUM[word]
    elif "d" in g or "kd" in g:
        number = int(g.get("d") or g.get("kd"))
    elif "k" in g:
        number = {"첫": 1, "두": 2, "세": 3, "네": 4}[g["k"]]
    elif "jd" in g:
        number = "1１一2２二3３三4４四5５五".index(g["jd"]) // 3 + 1
    elif "vw" in g:
        number = {"đầu": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5}.get(g["vw"].lower()) or int(g["vw"])
    return Ordinal(number, m.start(), m.end())


# A label's word then its number, as the page prints its labels ("议题一", "議題2") or as
# a reader writes them in Latin letters ("issue one", "vấn đề 2"): the word is checked
# by the caller (it must read as a label word of the page).
_LABEL_NUMBER = re.compile(
    r"(?P<word>[^\W\d_]+(?: [^\W\d_]+)?)\s*(?P<n>[一二三四五六七八]|[1-8]|one|two|three|four|five)(?![0-9A-Za-z])",
    re.I,
)


def label_numbers(text: str) -> list[tuple[str, int]]:
    """Each (word, number) pair ``text`` writes as a label is written ("议题一" → ("议题", 1))."""
    out = []
    for m in _LABEL_NUMBER.finditer(text):
        n = m.group("n").lower()
        number = int(n) if n.isdigit() else _ZH_NUM.get(n) or _EN_NUM[n]
        out.append((m.group("word"), number))
    return out


def ordinal_surface(number: int, like: str, language: str) -> str:
    """``number`` written the way ``like`` (an ordinal of the same language) writes it."""
    if language == "zh":
        digits = "一二三四五六七八"
        unit = next((u for u in "次个回条项轮届" if u in like), "")
        return f"第{digits[number - 1]}{unit}" if number <= 8 else f"第{number}{unit}"
    if language == "en":
        words = ["first", "second", "third", "fourth", "fifth"]
        if like.lower().startswith("number"):
            return f"number {['one', 'two', 'three', 'four', 'five'][number - 1]}"
        return words[number - 1] if number <= 5 else f"{number}th"
    if language == "ko":
        return ["첫 번째", "두 번째", "세 번째", "네 번째", "다섯 번째"][number - 1]
    if language == "ja":
        return f"{number}回目"
    if language == "vi":
        return "lần đầu" if number == 1 else f"lần thứ {['', '', 'hai', 'ba', 'tư', 'năm'][number]}"
    return str(number)
