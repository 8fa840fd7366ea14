"""The event before or after another in time: the steps "然后呢？", "before that?", "the
next day" take on the page's events (operations.py decides which step a follow-up asks for).

A step follows the story being read first (the article of the passage just shown: Kim's
train leaves on the 23rd, then reaches Vietnam on the 26th), then the page's days.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summit_qa.answering.attributes import asked as asked_kind
from summit_qa.answering.cues import NEXT, matches
from summit_qa.page.events import Event


def day_order(events: Sequence[Event]) -> list[Event]:
    """The dated events, oldest first (page order within a day)."""
    return sorted((e for e in events if e.day), key=lambda e: (e.day, e.passage))


def step_in_time(events: Sequence[Event], at: int, step: int, texts: Sequence[str] = ()) -> int | None:
    """The event after (``step`` 1) or before (-1) passage ``at``'s, by its day, in the same
    article first (the story being read: Kim's train leaves on the 23rd, then reaches
    Vietnam on the 26th), else on the whole page; among the events of that day, one of
    the same article first.  An undated passage (the analysis) steps to its neighbour in
    its article; one dated by its month alone, from the event of that month it tells."""
    here = _told_event(events, events[at])
    beside = [e.passage for e in events if e.article == here.article]
    k = beside.index(here.passage) + step
    neighbour = beside[k] if 0 <= k < len(beside) else None
    if here.day is None:  # an undated passage: the one beside it in its article
        return neighbour
    dated = day_order(events)
    later = [e for e in dated if (e.day > here.day if step > 0 else e.day < here.day)]
    ahead = _told_ahead(events, here, texts) if step > 0 and texts else None
    if ahead is not None and not any(e.article == here.article for e in later):
        return ahead  # "…将于 28 日举行": the story goes on to a day another passage of it tells
    later = [e for e in later if e.article == here.article] or later
    if not later:  # no day before (after) it: the passage beside it, when that has no day either
        return neighbour if neighbour is not None and events[neighbour].day is None else None
    day = later[0].day if step > 0 else later[-1].day
    same_day = [e for e in later if e.day == day]
    same_article = [e for e in same_day if e.article == here.article]
    chosen = (same_article or same_day)[0 if step > 0 else -1]
    return chosen.passage


def _told_ahead(events: Sequence[Event], here: Event, texts: Sequence[str]) -> int | None:
    """The passage of ``here``'s article that tells the nearest day after ``here``'s on its own,
    among any of the days it gives (a schedule's "后续会谈将于 28 日举行" after the 27th's talks,
    not "27 日至 28 日")."""
    if len(here.day or "") != 10:
        return None
    days = [
        (d, e.passage)
        for e in events
        if e.article == here.article and e.passage != here.passage
        for d in e.dates
        if len(d) == 10 and d > here.day and writes_day(texts[e.passage], int(d[8:]))
    ]
    return min(days)[1] if days else None


def _told_event(events: Sequence[Event], here: Event) -> Event:
    """The event of a passage dated by its month only ("去年 6 月在新加坡举行的首次会晤"): the
    day's event of that month sharing the most of its names and actions (two at least), else
    the passage's own."""
    if here.day is None or len(here.day) != 7:
        return here
    shared = lambda e: len(set(e.names) & set(here.names)) + len(set(e.actions) & set(here.actions))  # noqa: E731
    days = [e for e in events if e.day and len(e.day) == 10 and e.day.startswith(here.day)]
    best = max(days, key=shared, default=None)
    return best if best is not None and shared(best) >= 2 else here


# The same actor's next act told in one sentence ("金正恩随后乘轿车离开车站", "随后与顾问共进晚餐"):
# 随后 right before a verb, not a new clause ("随后，谈判陷入停滞") or a modifier ("随后公布的结果").
_GOES_ON = re.compile(r"随后(?![，,\s])[^，。的]{2,}[，。]")
# "Right after": the next act, not the next day's event.
RIGHT_AFTER = re.compile(
    r"紧接着|紧随其后|随即|马上|\bright after\b|\bimmediately\b|\bstraight after\b|바로 (?:다음|뒤|후)|직후|直後|すぐ(?:後|あと)|ngay sau",
    re.I,
)


def goes_on(
    text: str, asked: str, language: str, question: str = "", carried: str = "", now: str | None = None
) -> bool:
    """The passage goes on with its actor's next act ("随后…"), and the step is within its day:
    the follow-up says "right after" (``question``), or the turn before (``asked``, else the
    question it ``carried``) asked within the day (which station, what time, who), not which
    day; and it was no step itself (a second "然后呢？" leaves the passage).  The turn is read in
    its ``language`` and in the follow-up's, ``now`` ("何省？" is detected as Chinese)."""
    if not _GOES_ON.search(text) or matches(NEXT, asked, language):
        return False
    kinds = [
        asked_kind(t, lang) for t in (asked, carried) for lang in dict.fromkeys((language, now or language))
    ]
    kind = next((k for k in kinds if k), None)
    return bool(RIGHT_AFTER.search(question)) or kind not in ("day", None)


def step_of_kind(events: Sequence[Event], at: int, step: int, kinds: Sequence[str]) -> int | None:
    """The nearest event after (before) passage ``at``'s day of one of the ``kinds`` a follow-up
    names ("美韩后来又搞联合演习了吗？" after the drills were suspended: when they resumed)."""
    day = events[at].day
    if not kinds or day is None:
        return None
    dated = [  # a day, not a month a passage looks back on ("去年 6 月…")
        e for e in day_order(events) if set(kinds) & set(e.actions) and e.passage != at and len(e.day) == 10
    ]
    later = [e for e in dated if (e.day > day if step > 0 else e.day < day)]
    return (later[0] if step > 0 else later[-1]).passage if later else None


# A day written from the one before it: "次日，特朗普说" tells the next day on its own.
RELATIVE_DAY = {1: re.compile(r"次日|翌日|第二天|隔天"), -1: re.compile(r"前一天|前一日|头一天")}


def writes_day(text: str, day: int) -> bool:
    """``text`` writes day ``day`` of a month on its own ("28日", "28 日"), not as either end of
    a span ("27 日至 28 日")."""
    span = "至到~～\\-–—"
    return re.search(rf"(?<![\d{span}])(?<![{span}]\s){day}\s?[日号](?!\s?[{span}])", text) is not None
