"""A person's or a pair's events in date order (their trips, their meetings), and a
follow-up's step along them: "下一次呢？", "后来他又去了吗", "the last time he went"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.actors import says
from summit_qa.answering.cues import AGAIN, BEFORE, NEXT, NEXT_TIME, TIME_BEFORE, content_of, matches
from summit_qa.answering.selection import meetings_of, travels
from summit_qa.answering.steps import day_order
from summit_qa.page.events import Event
from summit_qa.page.language import CJK
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage, sentence_spans

# A step from an event named by its own words ("仪式之后", "after the ceremony", "훈련 이후"),
# not from "that" ("那之前", "after that", "그 다음", "その後"): the words name the anchor.
NAMED_ANCHOR = re.compile(
    r"[\u4e00-\u9fff]{2,}(?<![那这此])(?:之后|以后|之前|以前)"
    r"|\b(?:after|before) (?:the|his|her|their|kim's|trump's) \w+"
    r"|[\uac00-\ud7af]{2,} (?:바로 )?(?:이후|다음에|후에|전에|전엔|전에는|직전|직후)"
    r"|[\u4e00-\u9fff\u30a0-\u30ff]{2,}の(?:後|あと|前)"
    r"|\b(?:sau|trước) (?:khi |cuộc |lễ )?(?!đó\b|này\b)\w+",
    re.I,
)
_DETERMINER = re.compile(r"\b(?:any|some|other|another|more|the|an?)\b", re.I)


def series(
    events: Sequence[Event], passages: Sequence[Passage], question: str, glossary: Glossary, shown: str = ""
) -> list[int]:
    """The events of the person and the kind of action a question names, in date order
    (a person's trips: the trips they take; the announcements of a meeting to come, by the
    one person named, when it asks of a meeting or its date); or the meetings of the two people it names
    ("those two sat down a second time": both named, at a meeting or talks).  Of several
    people and trips, the one who travels in the passage ``shown`` before ("他第三回去是哪天")."""
    people = glossary.names(question, ("person",))
    actions = set(asked_actions(question))
    # "他第一次宣布会晤日期", "日程の最初の発表": the announcements of a meeting to come
    meeting = actions & {"meeting", "talks"} or _SCHEDULE.search(question)
    if (
        "announcement" in actions
        and len(people) <= 1
        and meeting
        and (found := announcements(events, passages, people))
    ):
        return found
    if len(people) == 2 and actions & {"meeting", "talks"}:
        return meetings_of(events, people, actions)
    movers = [p for p in people if travels(shown, p)] if len(people) > 1 and actions == {"visit"} else []
    if len(movers) == 1:
        people = (movers[0],)
    elif len(people) == 2 and actions == {"visit"}:  # "蓬佩奥第一次去朝鲜见金正恩": the first one's trips
        people = (min(people, key=lambda p: glossary.position(question, p)),)
    if len(people) != 1 or not actions:
        return []
    chosen = [
        e
        for e in day_order(events)
        if people[0] in e.names
        and actions & set(e.actions)
        and ("visit" not in actions or travels(passages[e.passage].text, people[0]))
    ]
    return [e.passage for e in chosen]


# The date or schedule of a meeting, asked of an announcement ("announced a date", "公布日程").
_SCHEDULE = re.compile(r"日期|日程|时间地点|\bdates?\b|\bschedule|날짜|일정|日取り|ngày giờ|lịch", re.I)
# A sentence announcing a meeting still to come ("特朗普宣布，他与金正恩的会晤将于6月12日在新加坡举行").
_COMING_MEETING = re.compile(r"会晤[^。]{0,30}将[^。]{0,30}举行|将于[^。]{0,30}举行[^。]{0,4}会晤")


def announcements(events: Sequence[Event], passages: Sequence[Passage], people: Sequence[str]) -> list[int]:
    """The announcements of a meeting to come, in date order: the days its date and place were
    made known (by the one person named, when one is: the one who announces it)."""
    found = []
    for e in day_order(events):
        text = passages[e.passage].text
        for sentence in (text[a:b] for a, b in sentence_spans(text)):
            if _COMING_MEETING.search(sentence) and (not people or says(sentence, people)):
                found.append(e.passage)
                break
    return found


def first_series(queries: Sequence[str], events, passages, glossary: Glossary, shown: str = "") -> list[int]:
    """The series (see :func:`series`) of the first of ``queries`` that names one."""
    return next((r for r in (series(events, passages, q, glossary, shown) for q in queries if q) if r), [])


def kind_asked(question: str, language: str) -> bool:
    """A step asking for a kind of event and nothing else ("그 다음 훈련은?", "any sanctions
    before that?"): one word beside the step's own, not an anchor it names."""
    if NAMED_ANCHOR.search(question) or not asked_actions(question):
        return False
    for table in (NEXT, BEFORE):
        if pattern := table.get(language):
            question = pattern.sub(" ", question)
    rest = _DETERMINER.sub(" ", content_of(question, language))
    return len(rest) <= 4 if re.search(f"[{CJK}]", rest) else len(rest.split()) <= 1


def step_in_series(
    question: str,
    language: str,
    step: int,
    names: Sequence[str],
    asked: Sequence[str],
    at: int,
    page: tuple[Sequence[Event], Sequence[Passage], Glossary],
) -> tuple[int, int] | None:
    """The event after (before) passage ``at`` in the series a follow-up walks, and the
    direction: the series an earlier turn ``asked`` of, for "the next time" ("下一次呢？"), else
    its own when a ``step`` names trips or meetings ("后来他又去了吗", of the people it speaks
    of, ``names``); None when there is none, ``at`` is not in it, or is its end."""
    events, passages, glossary = page
    once = (
        1 if matches(NEXT_TIME, question, language) else -1 if matches(TIME_BEFORE, question, language) else 0
    )
    if not once:
        kinds = set(asked_actions(question))
        names_kind = matches(AGAIN, question, language) or kind_asked(question, language)
        if not (step and names_kind and kinds and kinds <= {"visit", "meeting", "talks"}):
            return None
        asked = [" ".join([*names, question])]  # its own words, of the people it speaks of
    direction = once or step
    run = first_series(asked, events, passages, glossary, passages[at].text)
    k = run.index(at) + direction if at in run else -1
    return (run[k], direction) if 0 <= k < len(run) else None
