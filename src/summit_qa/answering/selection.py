"""Choosing a set of passages for a question that needs several: by period, actor, action,
heading or article, in the order a reader wants them.

Every rule reads the page's events (page/events.py) and the ranking of the
question; nothing is chosen per question.  A set is cut by relevance where the
question gives no actor or action to filter by: passages within ``RELEVANCE`` of
the best fused score (fitted on the dev multi-passage set).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.compare import one_for_each_side
from summit_qa.answering.entities import leaders_of, of_country
from summit_qa.answering.mentions import appearances, asks_appearances, mentions
from summit_qa.answering.offices import in_office
from summit_qa.answering.overview import (
    CONTENTS,
    citing,
    leads,
    named_heading,
    overview,
    quoted_sources,
    with_contents,
)
from summit_qa.answering.periods import SUMMIT_WORDS
from summit_qa.answering.shape import HAPPENED, TIMELINE, Shape
from summit_qa.page.events import Event
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage

# How far under the best fused score a passage may rank and still join a set chosen by
# relevance alone; and, for a set filtered by actor or action, the looser cut that keeps
# passages which merely share a name out.
RELEVANCE = 2.5
FILTERED_RELEVANCE = 6.0
# A kind of event with at most this many dated events on the page (drills, letters, sanctions…)
RARE_KIND = 4
# "or" between the names a question lists, in five languages.
EITHER = re.compile(r"或|还是|\bor\b|또는|이나|거나|または|もしくは|\bhoặc\b", re.I)


@dataclass(frozen=True)
class Selection:
    """The passages of a several-passage answer, in the order shown."""

    kind: str
    passages: tuple[int, ...]
    order: str = "chronological"  # or "page", "relevance"
    heading: str = ""  # the heading or article the set comes from, when one
    counted: bool = False  # the question asks how many


def leaders(events: Sequence[Event]) -> frozenset[str]:
    """The page's two most named people (first named in their passages): its summit's two."""
    people = Counter(n for e in events for n in e.names[:2])
    return frozenset(name for name, _ in people.most_common(2))


def summit_days(events: Sequence[Event]) -> tuple[str, ...]:
    """The days of the page's summits: days that several passages naming the page's two most
    named people at a meeting point to (an announcement points to one once)."""
    leaders_ = leaders(events)
    days = Counter(
        d
        for e in events
        if leaders_ <= set(e.names) and "meeting" in e.actions
        for d in e.dates
        if len(d) == 10
    )
    found = sorted(d for d, n in days.items() if n >= 2)
    # A summit of several days ("27日至28日") is anchored on its first.
    return tuple(d for i, d in enumerate(found) if i == 0 or not _next_day(found[i - 1], d))


def _next_day(a: str, b: str) -> bool:
    return dt.date.fromisoformat(b) - dt.date.fromisoformat(a) == dt.timedelta(days=1)


def _chronological(events: Sequence[Event], chosen: list[int]) -> tuple[int, ...]:
    return tuple(sorted(chosen, key=lambda i: (events[i].day or _year(events[i]) or "9999", i)))


def _year(event: Event) -> str | None:
    """The year of an event dated by its year alone ("2018年年初")."""
    return next((d for d in event.dates if len(d) == 4), None)


# A trip taken by someone: the name, then (within a clause) the travel word; or the
# visitor named after 来访的 ("金正恩会见了来访的蓬佩奥").
_TRAVEL = re.compile(r"访问|访朝|访美|赴|前往|出访|抵达|到访|启程|离开|动身")


def travels(text: str, person: str) -> bool:
    """``person`` is the one who travels in ``text``, not someone they received."""
    for m in re.finditer(re.escape(person), text):
        clause = re.split(r"[，。；、,]", text[m.end() : m.end() + 24])[0]
        if _TRAVEL.search(clause) or text[max(0, m.start() - 3) : m.start()] == "来访的":
            return True
    return False


def _timeline_article(events: Sequence[Event]) -> str:
    """The article with the most dated entries: the page's timeline."""
    return Counter(e.article for e in events if e.day).most_common(1)[0][0]


def _in_span(event: Event, shape: Shape) -> bool:
    start, end = shape.span or (None, None)
    if not event.within(start, end):
        return False
    if not shape.exclusive:
        return True
    # Anchors (days) are left out, and so is a month that holds one ("2018-06" is not after
    # 06-12); a bound written as a month is no anchor: "到7月底" holds July.
    after = start is None or len(start) < 10 or event.day > start
    return after and (end is None or len(end) < 10 or event.day < end)


def _relevant(score: np.ndarray, cut: float) -> set[int]:
    top = float(score.max())
    return {int(i) for i in np.flatnonzero(score >= top - cut)}


def _filtered(
    question: str,
    shape: Shape,
    events: Sequence[Event],
    glossary: Glossary,
    score: np.ndarray,
    passages_text: Sequence[str],
) -> list[int]:
    """The passages a list, count or range question asks for: its period, then the people
    and actions it names, then relevance."""
    people = glossary.names(question, ("person", "body"))
    # A period anchored on a summit ("after the Singapore summit") names no action by it, and
    # what happened in a period is everything in it ("What happened between the day the sanctions
    # were announced and…": the announcement only marks where the period starts).
    actions = asked_actions(SUMMIT_WORDS.sub(" ", question) if shape.exclusive else question)
    if shape.kind == "range" and any(cue.search(question) for cue in HAPPENED.values()):
        actions = ()
    candidates = [e for e in events if shape.span is None or _in_span(e, shape)]
    if TIMELINE.search(question):  # "according to the timeline": its entries only
        entries = set(_entries(events, passages_text))
        candidates = [e for e in candidates if e.passage in entries]
    if shape.span is not None and not people and not actions:
        return [e.passage for e in candidates]  # "what happened in July?": the period is the topic
    if not actions and shape.span is None and (named := appearances(question, glossary, candidates)):
        return named  # "X 出现了几次？": every passage naming X
    if people:  # "Trump or the White House": any of them; "Trump and Kim": all
        joined = any if len(people) > 1 and EITHER.search(question) else all
        candidates = [e for e in candidates if joined(p in e.names for p in people)]
    page = "".join(passages_text)
    for country in leaders_of(question, glossary, page):  # "哪些越南领导人": of that country
        candidates = [e for e in candidates if of_country(passages_text[e.passage], country, glossary, page)]
    # "跟韩国有关的事": the dated events naming a place few of the page's events name
    places = [] if people or actions else _rare_places(question, events, glossary)
    if places:
        naming = [e for e in candidates if all(p in e.names for p in places)]
        dated = [e for e in naming if e.dates]  # "2018年年初" too
        return [e.passage for e in (dated if len(dated) >= 2 else naming)]  # the place is the topic
    if actions:  # talks are a meeting too ("见了哪些越南领导人": 与…举行会谈), and two people's
        # meetings are their talks ("A和B会谈过几次": 与B在纽约会面 is one)
        wanted = set(actions) | ({"talks"} if "meeting" in actions else set())
        wanted |= {"meeting"} if "talks" in actions and len(people) > 1 else set()
        candidates = [e for e in candidates if wanted & set(e.actions)]
    if people and actions == ("visit",):  # a person's trips: that person travels
        candidates = [e for e in candidates if all(travels(passages_text[e.passage], p) for p in people)]
    # "联合演习有过哪些": a kind of event the page tells only a few times is the topic itself
    dated_kind = [e for e in candidates if e.day]
    if len(actions) == 1 and not people and shape.kind in ("list", "count") and len(dated_kind) <= RARE_KIND:
        return [e.passage for e in dated_kind]
    topical = shape.kind == "list" and not actions and shape.span is None  # "哪些不满": by relevance
    cut = FILTERED_RELEVANCE if (people or actions) and not topical else RELEVANCE
    relevant = _relevant(score, cut)
    return [e.passage for e in candidates if e.passage in relevant]


def _heading_items(
    question: str, terms: Sequence[str], passages: Sequence[Passage], best: int
) -> tuple[list[int], str]:
    """The items under the heading a question names, else under the best passage's heading."""
    section = named_heading(question, terms, passages) or passages[best].section
    if section is None:
        return [], ""
    inside = [i for i, p in enumerate(passages) if p.section == section]
    items = [i for i in inside if passages[i].label]
    return (items or inside), section


# A visit written with the country's one-character form ("访华", "赴美"): where to.
_VISITS_ABBREVIATED = re.compile(r"(?:访|赴)(?P<c>[华中朝美韩越日俄])")
_COUNTRY = {
    "华": "中国",
    "中": "中国",
    "朝": "朝鲜",
    "美": "美国",
    "韩": "韩国",
    "越": "越南",
    "日": "日本",
    "俄": "俄罗斯",
}


def _destinations(question: str, glossary: Glossary) -> tuple[str, ...]:
    """The places a question about someone's trips names ("几次访问中国", "访华几次": 中国)."""
    if not (glossary.names(question, ("person", "body")) and asked_actions(question) == ("visit",)):
        return ()
    short = [_COUNTRY[m["c"]] for m in _VISITS_ABBREVIATED.finditer(question)]
    return tuple(dict.fromkeys([*glossary.names(question, ("place",)), *short]))


def _rare_places(question: str, events: Sequence[Event], glossary: Glossary) -> list[str]:
    """The places ``question`` names that fewer than a quarter of the page's events name (Korea, not
    the two sides every entry names)."""
    named = glossary.names(question, ("place",))
    return [p for p in named if 0 < 4 * sum(p in e.names for e in events) < len(events)]


def select(
    shape: Shape,
    question: str,
    passages: Sequence[Passage],
    events: Sequence[Event],
    glossary: Glossary,
    score: np.ndarray,
    order: np.ndarray,
    terms: Sequence[str] = (),
    rank: Callable[[str], np.ndarray] | None = None,
    labelled: int | None = None,
) -> Selection | None:
    """The passages for a several-passage question (None: answer it as a single fact).
    ``labelled``: the labelled item the question names ("议题一"), if one."""
    if shape.sources:  # "分析里引用了几位专家？": the people the page quotes, as it introduces them
        quoted = quoted_sources(passages, glossary)
        return Selection(shape.kind, quoted, "page") if quoted else None
    if shape.kind == "page" and shape.span_of_timeline:
        return Selection("page", _timeline_ends(passages, events), "page")
    if shape.kind == "page":
        return Selection("page", citing(question, passages, glossary) or tuple(leads(passages)), "page")
    if shape.kind == "overview" and labelled is not None:  # "议题一讲了什么": the item and what it holds
        item = passages[labelled]
        under = [i for i, p in enumerate(passages) if p.heading and p.heading == item.text]
        return Selection("overview", (labelled, *under), "page", item.text)
    if shape.kind == "overview":
        chosen, heading = overview(question, terms, passages, glossary, order)
        return Selection("overview", chosen, "page", heading)
    if shape.kind == "enumeration":
        items, heading = _heading_items(question, terms, passages, int(order[0]))
        if CONTENTS.search(question) and any(passages[i].label for i in items):  # "挨个讲讲"
            items = list(with_contents(items, passages))
        return Selection("enumeration", tuple(items), "page", heading) if len(items) > 1 else None
    if shape.kind == "compare":
        sides = one_for_each_side(question, glossary, events, order, [p.text for p in passages], rank)
        compared = Selection("compare", _chronological(events, sides)) if sides else None
        if compared is not None or not shape.listy:
            return compared
        shape = replace(shape, kind="list")
    if shape.span is not None and not any(_in_span(e, shape) for e in events):
        return Selection(shape.kind, ())  # a period the page has no event in: refused
    if (
        shape.kind == "ordinal"
        and (entry := _nth_entry(shape, question, passages, events, glossary)) is not None
    ):
        return entry
    texts = [p.text for p in passages]
    things = mentions(question, terms, texts, glossary) if shape.kind in ("count", "list") else []
    chosen = things or _filtered(question, shape, events, glossary, score, texts)
    if shape.kind == "ordinal":
        if _past_the_summits(shape, question, events, glossary):
            return Selection("ordinal", ())  # "the third summit" on a page of two: refused
        return _nth_trip(shape, question, events, glossary, chosen, in_office(question, terms, texts))
    places = _destinations(question, glossary) if shape.kind in ("list", "count") else ()
    if places and not any(p in events[i].names for i in chosen for p in places):
        return Selection(shape.kind, ())  # someone's trips to a place the page never takes them: refused
    if not chosen:
        return None  # nothing of that kind in the period: the best single passages
    if len(chosen) == 1 and shape.kind != "count":  # one passage answers, with the runners-up;
        # the one passage naming a country's leaders the list asks for is shown first
        return Selection("ordinal", (chosen[0],)) if leaders_of(question, glossary, "".join(texts)) else None
    dated = [i for i in chosen if events[i].day or _year(events[i])]
    if len(dated) * 2 >= len(chosen):  # events in date order, then what comments on them
        undated = [int(i) for i in order if int(i) in set(chosen) - set(dated)]
        return Selection(shape.kind, _chronological(events, dated) + tuple(undated))
    if not dated and asks_appearances(question):  # where someone is quoted: in page order
        return Selection(shape.kind, tuple(sorted(chosen)), "page")
    ranked = [int(i) for i in order if int(i) in set(chosen)]
    return Selection(shape.kind, tuple(ranked), "relevance")


def _nth_trip(
    shape: Shape, question: str, events, glossary, chosen: list[int], holds: Callable[[int, str], bool]
) -> Selection | None:
    """The n-th trip of one person ("蓬佩奥第三次访朝", "Pompeo's last visit"): that
    person's visits in date order; or the n-th meeting of two people ("金英哲和蓬佩奥第一次
    见面"): the meetings naming both; or one person's meetings.  Only trips and meetings: other events a person is
    named in (meetings announced, talked of) do not make a series the page counts."""
    people = glossary.names(question, ("person",))
    asked = set(asked_actions(question))
    if len(people) == 2 and asked & {"meeting", "talks"}:
        series = meetings_of(events, people, asked)
    elif len(people) == 1 and "visit" in asked:
        series = [i for i in _chronological(events, chosen) if events[i].day and "visit" in events[i].actions]
        took = [k for k, i in enumerate(series) if holds(i, people[0])]
        series = series[took[0] :] if took else series
    elif len(people) == 1 and asked & {"meeting", "talks"} and people[0] not in leaders(events):
        series = meetings_of(events, people, asked)  # "金英哲第一次和美方会谈": an envoy's meetings
    else:
        return None
    picks = [series[n - 1] if n > 0 else series[n] for n in shape.nths if 0 < abs(n) <= len(series)]
    if len(picks) >= 2:  # "the first time, and the second": each, in date order
        return Selection("list", _chronological(events, picks))
    n = shape.nth or 1
    if len(series) < 2 or abs(n) > len(series) or n == 0:
        return None
    return Selection("ordinal", (series[n - 1] if n > 0 else series[n],))


def meetings_of(events: Sequence[Event], people: Sequence[str], asked: set[str]) -> list[int]:
    """The dated meetings or talks naming every one of ``people``, in date order; none for the
    page's two leaders, whose meetings are mostly announced ones (summits.py reads theirs)."""
    if set(people) == leaders(events):
        return []
    met = [
        i for i, e in enumerate(events) if e.day and set(people) <= set(e.names) and asked & set(e.actions)
    ]
    return list(_chronological(events, met))


def _nth_entry(shape: Shape, question: str, passages, events, glossary) -> Selection | None:
    """The n-th entry of the timeline ("大事记的第一条", "the last item in the chronology"), when
    the question names the timeline and no one."""
    if not TIMELINE.search(question) or glossary.names(question, ("person", "body")):
        return None
    entries = [e for n in shape.nths if (e := timeline_entry(passages, events, n)) is not None]
    if len(set(entries)) >= 2:  # "最早一条和最后一条": each, in page order
        return Selection("list", tuple(sorted(set(entries))))
    entry = timeline_entry(passages, events, shape.nth or 1)
    return Selection("ordinal", (entry,)) if entry is not None else None


def _entries(events: Sequence[Event], texts: Sequence[str]) -> list[int]:
    """The timeline's entries: its dated paragraphs after the line that introduces them
    ("以下是…大事记："), in page order; not the news lead above that line."""
    timeline = _timeline_article(events)
    inside = [e.passage for e in events if e.article == timeline]
    intro = next((k for k, i in enumerate(inside) if texts[i].rstrip().endswith(("：", ":"))), 0)
    return [i for i in inside[intro + 1 :] if events[i].dates]


def timeline_entry(passages: Sequence[Passage], events: Sequence[Event], n: int) -> int | None:
    """The timeline's n-th entry (-1: the last), in page order."""
    series = _entries(events, [p.text for p in passages])
    if not series or n == 0 or abs(n) > len(series):
        return None
    return series[n - 1] if n > 0 else series[n]


def _timeline_ends(passages: Sequence[Passage], events: Sequence[Event]) -> tuple[int, ...]:
    """The line that introduces the timeline's entries, its first entry and its last."""
    first, last = timeline_entry(passages, events, 1), timeline_entry(passages, events, -1)
    if first is None or last is None:
        return ()
    intro = [i for i in range(first) if passages[i].article == passages[first].article][-1:]
    return tuple(dict.fromkeys([*intro, first, last]))


def _past_the_summits(shape: Shape, question: str, events, glossary) -> bool:
    """The n-th meeting of the page's two leaders (or of no one named: "3回目の米朝会談")
    when the page reports fewer summits than n: an event the page cannot know of.  (An
    ordinal within the page's summits is a topic, "the second summit's biggest task", and
    is ranked as any question.)"""
    asked = asked_actions(question)
    if not shape.nth or shape.nth < 2 or "meeting" not in asked or "visit" in asked:
        return False
    summits = summit_days(events)
    people = set(glossary.names(question, ("person",)))
    return bool(summits) and people <= leaders(events) and shape.nth > len(summits)
