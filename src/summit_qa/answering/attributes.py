"""Another attribute of the same event: what kind of answer a follow-up asks for (a place,
a station or airport, a time of day, a day, a person, a means of travel), and whether a
passage holds one.

"Where was it held?" after the Singapore summit's entry, "他在纽约见了谁？" after Kim
Yong Chol's trip, "何時ですか？" after a schedule: the event is the one just shown, and
its passage answers when it holds an answer of the asked kind that the question does
not already name.  followups.py gives that passage the same-passage bonus; a passage
without such an answer ("从哪儿出发的？" after an arrival that names no departure) gets
none, and the ranking finds another.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summit_qa.answering.cues import WHY, matches
from summit_qa.page.names import Glossary


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# The kind of answer a question asks for, per language; the first kind that matches wins
# (a time of day before a day: "几点" is not "哪天").
ASKS: dict[str, dict[str, re.Pattern[str]]] = {
    "hour": {
        # and a choice of two parts of the day ("morning or evening?", "오전이야 오후야?")
        "zh": _any(
            r"几点|什么时间段|几时几分|哪个时段|(?:上午|早上|白天)还是(?:下午|晚上)|(?:下午|晚上)还是(?:上午|早上)"
        ),
        # the longest form first: "what time of day" leaves no "day" asked of the passage
        "en": _any(
            r"\b(?:what |which )?time of (?:the )?day\b|\bwhat time\b|\bwhich time\b|\bat what hour\b",
            r"\bmorning or (?:afternoon|evening|night)\b|\b(?:afternoon|evening|night) or morning\b",
        ),
        "ko": _any(r"몇\s*시", r"오전.{0,4}오후|오후.{0,4}오전|아침.{0,6}저녁|저녁.{0,6}아침"),
        "ja": _any(r"何時(?!間)|なんじ", r"午前.{0,6}午後|午後.{0,6}午前|朝.{0,6}夜|夜.{0,6}朝"),
        "vi": _any(
            r"mấy giờ|lúc mấy|giờ nào",
            r"(?:buổi )?sáng hay (?:buổi )?(?:chiều|tối)|(?:buổi )?(?:chiều|tối) hay (?:buổi )?sáng",
        ),
    },
    "day": {
        "zh": _any(r"哪天|哪一天|几号|几月几日|什么时候|何时|什么日子"),
        "en": _any(r"\bwhen\b|\bwhich day\b|\bwhat day\b|\bwhat date\b"),
        "ko": _any(r"언제|며칠|몇\s*월|무슨 날"),
        "ja": _any(r"いつ|何日|何月"),
        "vi": _any(r"khi nào|bao giờ|ngày nào|hôm nào|lúc nào"),
    },
    # a place of one kind: the passage must name one of that kind ("在哪个车站下的车？")
    "station": {
        "zh": _any(r"哪个(?:火)?车站|哪一站|哪个站|什么站"),
        "en": _any(r"\bwhich (?:train )?station\b|\bwhat (?:train )?station\b"),
        "ko": _any(r"어느\s*역|무슨\s*역|어떤\s*역|역\s*이름"),
        "ja": _any(r"どの駅|何駅|何という駅"),
        "vi": _any(r"ga nào|nhà ga nào"),
    },
    "airport": {
        "zh": _any(r"哪个机场|什么机场"),
        "en": _any(r"\bwhich airport\b|\bwhat airport\b"),
        "ko": _any(r"어느\s*공항|무슨\s*공항"),
        "ja": _any(r"どの空港|何空港"),
        "vi": _any(r"sân bay nào"),
    },
    "place": {
        "zh": _any(r"哪里|哪儿|在哪|什么地方|哪个(?:城市|国家|车站|机场|地方|省)|哪省|什么省|何地|何处"),
        "en": _any(
            r"\bwhere\b|\bwhich (?:city|country|station|airport|place|province)\b|\bwhat (?:city|place|province)\b"
        ),
        "ko": _any(r"어디|어느\s*(?:도시|나라|역|공항|곳|지방)"),
        "ja": _any(r"どこ|どの(?:都市|国|駅|空港|省|県)|何(?:省|県)"),
        "vi": _any(r"ở đâu|đâu|nơi nào|thành phố nào|sân bay nào|ga nào|tỉnh nào"),
    },
    "person": {
        "zh": _any(r"谁|哪位|哪些人|什么人"),
        "en": _any(r"\bwho\b|\bwhom\b|\bwhich (?:official|leader|person)\b"),
        "ko": _any(r"누구|누가|어떤 사람"),
        "ja": _any(r"誰|だれ|どなた"),
        "vi": _any(r"\bai\b|những ai|người nào"),
    },
    "means": {
        "zh": _any(r"怎么去|怎么来|怎么走|坐什么|乘坐什么|乘什么|什么交通|怎么过去|怎么到"),
        "en": _any(
            r"\bhow did (?:he|she|they) (?:get|go|travel|come)\b|\bby what\b|\bwhat (?:transport|means)\b|\bby (?:train|plane|car)\b"
        ),
        "ko": _any(r"무엇을 타고|뭘 타고|뭐 타고|뭐를 타고|어떻게 (?:갔|왔|이동)"),
        "ja": _any(r"何で(?:行|来)|どうやって|何に乗"),
        "vi": _any(r"bằng gì|bằng phương tiện gì|đi bằng"),
    },
}

_HOUR = re.compile(r"\d\s*点|上午|下午|晚上|凌晨|中午|傍晚|早上")
_DAY = re.compile(r"\d\s*日|\d\s*月|当天|次日|\d{4}\s*年")
MEANS = re.compile(r"乘坐|乘|搭乘|专列|专机|火车|飞机|空军一号|轿车|列车")
# A place the passage says something happens at: after a locative verb or preposition.
_AT = r"(?:在|于|抵达|到达|前往|赴|飞往|访问|离开|来到)\s*"


def asked(question: str, language: str) -> str | None:
    """The kind of answer ``question`` asks for, or None."""
    for kind, table in ASKS.items():
        pattern = table.get(language)
        if pattern and pattern.search(question):
            return kind
    return None


def unasked(question: str, language: str) -> str:
    """``question`` without the words that ask for the kind ("何時ですか？" → "ですか？"):
    what is left says what the answer is about."""
    kind = asked(question, language)
    pattern = ASKS[kind].get(language) if kind else None
    return pattern.sub(" ", question) if pattern else question


def holds(text: str, kind: str, glossary: Glossary, named: tuple[str, ...] = ()) -> bool:
    """Whether ``text`` holds an answer of ``kind`` besides the ``named`` names."""
    if kind == "hour":
        return bool(_HOUR.search(text))
    if kind == "day":
        return bool(_DAY.search(text))
    if kind == "means":
        return bool(MEANS.search(text))
    if kind == "station":
        return "站" in text
    if kind == "airport":
        return "机场" in text
    if kind == "place":
        places = [n for n in glossary.names(text, ("place",)) if n not in named]
        return any(re.search(_AT + re.escape(p), text) for p in places)
    if kind == "person":
        return any(n not in named for n in glossary.names(text, ("person",)))
    return False


_DAY_OF = re.compile(r"(?<!\d)(\d{1,2})\s*日")


def same_event_elsewhere(
    text: str, others: list[tuple[int, str]], kind: str, glossary: Glossary, named: tuple[str, ...] = ()
) -> list[int]:
    """The other passages that tell the event of ``text`` (they print one of its days and
    name the same person first) and hold an answer of ``kind`` it lacks: a news item tells one
    arrival over several paragraphs, the hour in one and the day in another."""
    days, subject = set(_DAY_OF.findall(text)), _subject(text, glossary)
    return [
        i
        for i, other in others
        if other != text
        and days & set(_DAY_OF.findall(other))
        and subject is not None
        and _subject(other, glossary) == subject
        and holds(other, kind, glossary, named)
    ]


def _subject(text: str, glossary: Glossary) -> str | None:
    """The first person ``text`` names: in news prose, whom the sentence is about."""
    people = glossary.names(text, ("person",))
    return min(people, key=text.find) if people else None


def event_told(
    question: str,
    language: str,
    shown: tuple[int, str],
    others: Callable[[], list[tuple[int, str]]],
    glossary: Glossary,
    named: tuple[str, ...],
) -> tuple[list[int], str]:
    """The passages holding the attribute a short follow-up asks of the event just ``shown``
    (its index and text): its own passage when that holds one, else the other paragraphs of
    the event that do (not for "why": a reason is no attribute another paragraph has)."""
    kind = asked(question, language) or ""
    if holds(shown[1], kind, glossary, named):
        return [shown[0]], "same event"
    if matches(WHY, question, language):
        return [], ""
    return same_event_elsewhere(shown[1], others(), kind, glossary, named), "event told elsewhere"
