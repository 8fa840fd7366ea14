"""The part of a day a question names (morning, afternoon, evening), and the passages that
print it.

"What is planned for the morning of the 27th?" asks of the 27th's morning meetings, not of
its evening one-on-one: both passages carry the 27th, only one prints 上午 beside it.  The
part of day is a narrower date; a passage that prints the asked part (beside the asked day,
when the question names one) gets the ranking's day-part signal.
"""

from __future__ import annotations

import datetime as dt
import re

from summit_qa.page.dates import question_dates


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# The question's words for each part, per language.  Words that are also parts of other
# words are written in the forms that only mean the time of day: Japanese 朝 is also the
# 朝 of 朝鮮, Vietnamese tối the tối of "tối cao" (supreme), sáng the sáng of "sáng kiến".
ASKED: dict[str, dict[str, re.Pattern[str]]] = {
    "morning": {
        "zh": _any(r"上午|早上|早晨|清晨|凌晨"),
        "en": _any(r"\bmorning\b|\d\s*a\.?m\b|\ba\.m\."),
        "ko": _any(r"오전|아침|새벽"),
        "ja": _any(r"午前|今朝|朝方|早朝"),
        "vi": _any(r"buổi sáng|sáng sớm|(?:vào|sáng) (?:ngày )?\d|\bsáng (?:ngày|hôm|nay|mai)\b"),
    },
    "afternoon": {
        "zh": _any(r"下午|午后"),
        "en": _any(r"\bafternoon\b|\d\s*p\.?m\b|\bp\.m\."),
        "ko": _any(r"오후"),
        "ja": _any(r"午後"),
        "vi": _any(r"buổi chiều|\bchiều (?:ngày |hôm )?\d|\bchiều (?:ngày|hôm|nay|mai)\b"),
    },
    "evening": {
        "zh": _any(r"晚上|晚间|夜里|夜间|当晚|今晚|傍晚|深夜"),
        "en": _any(r"\bevening\b|\bnight\b|\btonight\b"),
        "ko": _any(r"저녁|밤에|밤\s|야간|오늘 밤"),
        "ja": _any(r"夜|晩|夕方"),
        "vi": _any(r"buổi tối|ban đêm|\btối (?:ngày |hôm )?\d|\btối (?:ngày|hôm|nay|mai)\b|\bđêm\b"),
    },
}
# The page's words for each part (it is printed in Chinese).
PRINTED: dict[str, str] = {
    "morning": r"上午|早上|早晨|清晨|凌晨",
    "afternoon": r"下午",
    "evening": r"晚上|晚间|夜间|当晚|今晚|傍晚",
}
# How far after a day ("27 日") its part of day may be printed ("27 日上午", "当地时间 27 日上午").
_NEAR = 6


def asked_part(question: str, language: str) -> str | None:
    """The part of day ``question`` names, or None (none, or more than one: "上午还是下午")."""
    found = [part for part, table in ASKED.items() if (p := table.get(language)) and p.search(question)]
    return found[0] if len(found) == 1 else None


def prints_part(text: str, part: str, day: int | None = None) -> bool:
    """``text`` prints ``part`` of day, right after ``day`` of the month when one is given."""
    words = PRINTED[part]
    if day is None:
        return bool(re.search(words, text))
    return bool(re.search(rf"(?<!\d){day}\s*日.{{0,{_NEAR}}}?(?:{words})", text))


def day_part_scores(question: str, language: str, texts: list[str], published: dt.date | None) -> list[float]:
    """1.0 for each passage printing the part of day the question names (beside the day it
    names, if it names one day), else 0.0; all 0.0 when it names no part."""
    part = asked_part(question, language)
    if part is None:
        return [0.0] * len(texts)
    dates = question_dates(question, published) if published else []
    days = {q.day for q in dates if q.day is not None}
    day = days.pop() if len(days) == 1 else None
    return [1.0 if prints_part(t, part, day) else 0.0 for t in texts]
