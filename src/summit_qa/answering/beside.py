"""What happened just before or after an event a new question names in words.

"板门店会谈之前发生了什么？", "What happened after the ceremony in Hawaii?", "판문점 회담
전에는 무슨 일이 있었어?", "新年の辞の後に何が起きた？", "Trước cuộc gặp ở Bàn Môn Điếm
đã có chuyện gì?": the event next to the named one in time, as a step ("before that?") takes
it from an event just shown.  The named event is found as a question of its own.  A summit
named by its place ("before the Singapore summit") is a period the page's timeline fills
(anchors.py, shape.py): this reads only what the shape left a single question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summit_qa.answering.shape import HAPPENED

_AFTER = r"之后|以后|后"
_BEFORE = r"之前|以前|前"
# Each pattern writes the named event as ``a`` and the side as ``d``; the ask follows it.
_BESIDE = {
    "zh": re.compile(
        rf"^(?P<a>[^，,。？?]{{2,30}}?)(?P<d>{_AFTER}|{_BEFORE})[，,]?(?:又|还|都)?(?:发生|有|出)"
    ),
    "en": re.compile(
        r"\bwhat (?:happened|came|took place) (?:right |just |shortly )?(?P<d>before|after)\s+(?P<a>[^?.!]{3,60})",
        re.I,
    ),
    "ko": re.compile(
        r"^(?P<a>[^?.!]{2,30}?)\s*(?P<d>이전에|전에|전엔|이후에|후에|다음에|뒤에)(?:는)?\s*(?:무슨|어떤|뭔)"
    ),
    "ja": re.compile(r"^(?P<a>[^？?、。]{2,30}?)の(?P<d>前|後|あと)(?:に|には|は)?(?:何|どんな)"),
    "vi": re.compile(
        r"\b(?P<d>trước|sau)\s+(?:khi\s+)?(?P<a>[^?.!,]{3,60}?)\s+(?:thì\s+)?(?:đã\s+)?(?:có|xảy ra)", re.I
    ),
}
# A pointing word, with what the patterns' shortest event takes along ("那之后" reads "那之",
# "Sau đó đã…" reads "đó đã"): a step from the event shown, no event named
_POINTING = re.compile(
    r"^(?:在|自)?(?:那|这|此)(?:个|件事|次)?[之以]?$|^(?:that|this|it|then|those|these)$|"
    r"^(?:그|이|저)(?:때|것|거|일)?$|^(?:それ|これ|あれ)$|"
    r"^(?:(?:khi|lúc|hồi)\s+)?(?:đó|đấy|này|vậy|ấy)(?:\s+(?:thì|đã))*$",
    re.I,
)
_AFTER_WORDS = re.compile(rf"^(?:{_AFTER}|after|이후에|후에|다음에|뒤에|後|あと|sau)$", re.I)


@dataclass(frozen=True)
class Beside:
    words: str  # the event named, as a question of its own
    step: int  # 1: after it, -1: before it


def beside_named(question: str, language: str) -> Beside | None:
    """The event a new question asks what happened just before or after, or None."""
    pattern, happened = _BESIDE.get(language), HAPPENED.get(language)
    if pattern is None or happened is None or not happened.search(question):
        return None
    m = pattern.search(question)
    if m is None or not m["a"].strip() or _POINTING.match(m["a"].strip()):
        return None  # "在那之后…": a step from the event shown (followups.py)
    return Beside(m["a"].strip(), 1 if _AFTER_WORDS.match(m["d"]) else -1)
