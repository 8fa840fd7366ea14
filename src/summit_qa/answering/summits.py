"""The page's summits as a question asks for them: "新加坡会晤是哪天？" is the day of the
summit in Singapore, reported on that day, not the announcement a few days before."""

from __future__ import annotations

import numpy as np

from summit_qa.answering.actions import SUMMIT_NICKNAMES, _any, asked_actions
from summit_qa.answering.entities import is_actor, leaders_of, people_of
from summit_qa.answering.ordinals import find_ordinal
from summit_qa.answering.selection import leaders, summit_days

# The word summit itself, not talks of any kind (会谈, 회담, 会談 are also a one-on-one's).
SUMMIT = _any(
    rf"会晤|峰会|首脑会谈|{SUMMIT_NICKNAMES}",
    r"\bsummits?\b",
    r"정상회담",
    r"首脳会談",
    r"thượng đỉnh",
)
# Words for the two countries' leaders: "美朝领导人第一次见面" is their first summit.
LEADERS = _any(
    r"领导人|首脑|元首",
    r"\bleaders\b",
    r"정상들?(?:이|은|끼리)?\s|지도자",
    r"首脳|指導者",
    r"lãnh đạo|nguyên thủ",
)
# A question asking for a day, and one asking what someone said or announced (of an event).
WHEN = _any(
    r"哪天|哪一天|何时|什么时候|几号|几月几[日号]|日期",
    r"\bwhen\b|\bwhat (?:date|day)\b|\bwhich day\b|\bdate\b",
    r"언제|며칠|날짜",
    r"いつ|何日|日付",
    r"khi nào|bao giờ|ngày nào|ngày mấy|hồi nào|lúc nào",
    # the same typed without marks ("hoi nao"), as whole words
    r"\b(?:khi nao|bao gio|ngay nao|ngay may|hoi nao|luc nao)\b",
)
# A meeting of another kind than a summit: the one-on-one talks.
ANOTHER_KIND = _any(
    r"单独|一对一", r"one-on-one|\bprivate\b|\bface to face\b", r"단독", r"一対一|単独", r"riêng"
)
# A question asking where (the summit's own report names its place too).
WHERE = _any(r"哪里|哪儿|在哪", r"\bwhere\b", r"어디", r"どこ", r"ở đâu|nơi nào")
SAYS = _any(
    r"说|表示|称|宣布|公布|透露|报道",
    r"\bsa(?:y|id|ys)\b|\bannounc|\breport",
    r"말했|말한|말하|발표|밝혔|밝힌|보도",
    r"言っ|言う|述べ|発表|報じ",
    r"\bnói\b|công bố|tuyên bố|thông báo|đưa tin",
)


def summit_passage(
    question: str, nth: int | None, events, glossary, order: np.ndarray, page: str = ""
) -> int | None:
    """The passage reporting the summit a question asks the day of ("新加坡会晤是哪天？", "When
    was the first Trump–Kim summit?"): the best ranked passage dated on a summit's day (the
    n-th summit's, for an ordinal) naming the places the question names, not an
    announcement dated before it.  Only for a question asking when, of a meeting and
    nothing else (not who announced it or what was said of it), naming no one but the
    page's two leaders, that picks a summit by its place or by an ordinal of the word
    summit ("会晤", "summit", "정상회담"; not of talks, "初めての一対一会談")."""
    asked = set(asked_actions(question))
    if (
        not (WHEN.search(question) or WHERE.search(question))
        or SAYS.search(question)
        or ANOTHER_KIND.search(question)  # "那首次一对一呢？" of the summit: the one-on-one talks
        or "meeting" not in asked
        or asked - {"talks"} != {"meeting"}
    ):
        return None
    summits = summit_days(events)
    if not summits or not set(glossary.names(question, ("person",))) <= leaders(events):
        return None
    # the place a summit is held, not the sides meeting there ("Mỹ - Triều ở Singapore": Singapore)
    places = [p for p in glossary.names(question, ("place",)) if not (page and is_actor(p, glossary, page))]
    # which summit: the place it names, or an ordinal of the word summit ("第一次会晤"); a
    # meeting of another kind ("第一次单独会面") or no pick at all is ranked as any question
    # "特朗普和金正恩第一次见面": the two leaders by name; not a meeting of another kind ("单独会面")
    both = set(glossary.names(question, ("person",))) == leaders(events) and not ANOTHER_KIND.search(question)
    if not places and not (nth is not None and (SUMMIT.search(question) or LEADERS.search(question) or both)):
        return None
    days = set(summits)
    if nth is not None:
        if not 1 <= nth <= len(summits):
            return None
        days = {summits[nth - 1]}
    if places and nth is None:  # the summit held there: most of its day's passages name the place
        share = {d: _share(events, d, places) for d in days}
        days = {max(share, key=share.get)} if max(share.values()) > 0 else days
    for i in order:
        event = events[int(i)]
        if event.day in days and all(p in event.names for p in places):
            return int(i)
    return None


def _share(events, day: str, places) -> float:
    """The share of the passages dated ``day`` that name every one of ``places``."""
    on_the_day = [e for e in events if e.day == day]
    return sum(all(p in e.names for p in places) for e in on_the_day) / max(1, len(on_the_day))


def summit_named(question: str, events, glossary, order: np.ndarray) -> int | None:
    """The best ranked report, dated on a summit's day, of the summit ``question`` names by its
    place and a word of meeting ("싱가포르 회담 바로 전엔", "after the Singapore summit"): where a
    step before or after it starts."""
    if not ({"meeting", "talks"} & set(asked_actions(question)) or SUMMIT.search(question)):
        return None
    places = glossary.names(question, ("place",))
    share = {day: _share(events, day, places) for day in summit_days(events)}
    if not places or not share or max(share.values()) == 0:
        return None
    days = {max(share, key=share.get)}  # the summit held there, not a later one recalling it
    for i in order:
        event = events[int(i)]
        if event.day in days and all(p in event.names for p in places):
            return int(i)
    return None


def summits_held(
    question: str,
    language: str,
    events,
    glossary,
    order: np.ndarray,
    page: str = "",
    days=None,
    span: tuple[str | None, str | None] | None = None,
    exclusive: bool = False,
) -> tuple[int, ...]:
    """The page's summits as a count or a list asks for them ("特朗普和金正恩一共会晤过几次？",
    "list the Trump–Kim summits"): the best ranked report dated on each summit's day, oldest
    first (``days``: the summits' days when already read, else read from ``events``).  Only
    of summits (the word, or a meeting of the two leaders), of no one else, no place of its
    own, no talks of another kind (a one-on-one) and no ordinal ("第二次会晤的时间" is of one
    summit); () otherwise.  Within a period (``span``) when the question gives one ("新加坡会晤以后
    会晤过几次？"), which names a summit by its place: that place is no place of its own."""
    days = summit_days(events) if days is None else days
    if span:
        days = [d for d in days if in_period(d, span, exclusive)]
        question = glossary.strip_names(question, ("place",)) if exclusive else question
    asked = set(asked_actions(question))
    if ANOTHER_KIND.search(question) or SAYS.search(question) or asked - {"talks", "meeting"}:
        return ()
    if find_ordinal(question, language) is not None:
        return ()
    people, pair = set(glossary.names(question, ("person", "body"))), leaders(events)
    # the two leaders' talks are their summits ("特朗普和金正恩会谈过几次"); talks of "leaders"
    # unnamed may be others' ("跟越南哪些领导人会谈")
    meets = ("meeting" in asked and (people == pair or LEADERS.search(question))) or (
        "talks" in asked and people == pair
    )
    places = [p for p in glossary.names(question, ("place",)) if not (page and is_actor(p, glossary, page))]
    if not (SUMMIT.search(question) or meets) or not people <= pair or places:
        return ()
    if _other_leaders(question, glossary, page, pair):
        return ()
    held = []
    for day in days:
        held += [int(i) for i in order if events[int(i)].day == day][:1]
    return tuple(held)


def _other_leaders(question: str, glossary, page: str, pair) -> bool:
    """The leaders of a country neither of the two leads ("特朗普见了哪些越南领导人",
    "Vietnamese leaders"): a country whose people by title (see :func:`people_of`) are
    neither of them, as "美国总统特朗普" makes 特朗普 one of 美国's."""
    if not page:
        return False
    return any(not people_of(c, glossary, page) & set(pair) for c in leaders_of(question, glossary, page))


def in_period(day: str, span: tuple[str | None, str | None], exclusive: bool = False) -> bool:
    """``day`` (ISO) lies in ``span``, bounds of any precision; an ``exclusive`` span leaves
    its bounding days out ("싱가포르 회담 전까지": before the day of that summit)."""
    start, end = span
    if start and (day[: len(start)] < start or (exclusive and day == start)):
        return False
    return not (end and (day[: len(end)] > end or (exclusive and day == end)))
