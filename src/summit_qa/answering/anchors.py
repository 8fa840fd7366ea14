"""A period bounded by events the question tells in words.

"从美国宣布制裁到金正恩发表新年贺词，发生了什么？", "between Kim leaving Pyongyang and his
arrival", "김정은이 평양을 떠난 날부터 하노이에 도착할 때까지": each bound is the day
of the event its words tell, read from the page as a question of its own (the best
passage's answering date); a bound written as a date or as one of the page's summits
stays that day.  The bounds' own events are shown with what lies between them (they
say where the period starts and ends), but their words are not what the question
asks about: what happened between them is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.periods import HANOI, SINGAPORE, SUMMIT_WORDS, iso_bound, named_summit
from summit_qa.answering.shape import HAPPENED, Shape, asks_what_happened
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.dates import question_dates
from summit_qa.page.names import Glossary

# The two sides of a period, in five languages: "从A到B", "A和B之间", "between A and B",
# "from A to/until B", "A부터 B까지", "A와 B 사이", "AからBまで", "AとBの間", "từ A đến B",
# "giữa A và B".
_SIDES = (
    re.compile(
        r"(?:从|自)(?P<a>.{2,40}?)(?:到|至|直到)(?P<b>.{2,40}?)(?:[，,。？?！!]|这|那|期间|之间|中间|为止|$)"
    ),
    re.compile(r"(?:在)?(?P<a>[^，,。？?]{2,40}?)(?:和|与|跟)(?P<b>[^，,。？?]{2,40}?)之间"),
    re.compile(
        r"(?P<a>[^，,。？?]{2,40}?)(?:到|至)(?P<b>[^，,。？?]{2,40}?)[，,]?(?:这|那)?(?:中间|期间|之间|这段)"
    ),
    re.compile(r"\bbetween\b(?P<a>.{2,80}?)\band\b(?P<b>.{2,80}?)(?:[,.?!;]|$)", re.I),
    re.compile(r"\bfrom\b(?P<a>.{2,80}?)\b(?:to|until|till|through)\b(?P<b>.{2,80}?)(?:[,.?!;]|$)", re.I),
    re.compile(r"(?P<a>[^,.?!]{2,40}?)(?:부터|에서)\s*(?P<b>[^,.?!]{2,40}?)까지"),
    re.compile(r"(?P<a>[^,.?!]{2,40}?)(?:와|과|하고)\s*(?P<b>[^,.?!]{2,40}?)\s*사이"),
    re.compile(r"(?P<a>[^、。？?]{2,40}?)から(?P<b>[^、。？?]{2,40}?)まで"),
    re.compile(r"(?P<a>[^、。？?]{2,40}?)と(?P<b>[^、。？?]{2,40}?)の間"),
    re.compile(r"\btừ\b(?P<a>.{2,80}?)\b(?:đến|tới)\b(?P<b>.{2,80}?)(?:[,.?!;]|$)", re.I),
    re.compile(r"\bgiữa\b(?P<a>.{2,80}?)\bvà\b(?P<b>.{2,80}?)(?:[,.?!;]|$)", re.I),
)


@dataclass(frozen=True)
class Sides:
    """The words of a period's two bounds, and the question without them."""

    first: str
    last: str
    rest: str  # the question without the bounds: what it asks about the period


def sides(question: str) -> Sides | None:
    """The two bounds a question writes for a period, or None."""
    for pattern in _SIDES:
        m = pattern.search(question)
        if m:
            last, asked = m["b"], ""
            cue = min((c.search(last) for c in HAPPENED.values()), key=_start, default=None)
            if cue is not None:  # "…đến khi Kim tới Việt Nam đã có những gì xảy ra": the ask is no bound
                last, asked = last[: cue.start()], last[cue.start() :]
            rest = f"{question[: m.start()]} {asked} {question[m.end() :]}"
            return Sides(m["a"].strip(" ，,（()）"), last.strip(" ，,（()）"), rest.strip())
    return None


def _start(m: re.Match[str] | None) -> int:
    return m.start() if m is not None else 1 << 30


def _written_day(words: str, published: dt.date, summits: tuple[str, ...]) -> str | None:
    """The day a bound writes as a date ("6月12日", "Feb 8") or as one of the page's summits
    by its place ("新加坡会晤", "the Hanoi summit")."""
    both = SINGAPORE.search(words) and HANOI.search(words)
    if SUMMIT_WORDS.search(words) and not both and (day := named_summit(words, summits)):
        return day
    dates = [q for q in question_dates(words, published) if q.month and q.day]
    return iso_bound(dates[0], published) if dates else None


def bounded_by_events(
    question: str,
    language: str,
    shape: Shape,
    published: dt.date | None,
    summits: tuple[str, ...],
    glossary: Glossary,
    day_told: Callable[[str], str | None],
) -> Shape:
    """``shape`` as a range between the events the question tells, its topic the words
    outside the bounds; or ``shape`` unchanged.  ``day_told(words)``: the day of the
    event the page tells for ``words`` (None when the page does not answer them).

    Only a question that asks what happened (or for a list) in a period with a bound that
    tells an event (an action or a verb of the page: "宣布", "arriving"); bounds written as
    dates or summits are read by shape.period.
    """
    if published is None or shape.kind not in ("single", "range", "list", "count", "ordinal"):
        return shape
    if shape.kind == "range" and shape.span and None not in shape.span and not shape.exclusive:
        return shape
    found = sides(question)
    if found is None or not (asks_what_happened(question, language) or shape.listy or shape.kind == "range"):
        return shape
    written = [_written_day(words, published, summits) for words in (found.first, found.last)]
    if None not in written:
        return shape  # bounds written as dates or summits: shape.period reads them
    told = [w for day, w in zip(written, (found.first, found.last), strict=True) if day is None]
    if not all(asked_actions(w) or page_verbs(w, glossary) for w in told):
        return shape  # "金正恩和特朗普之间": people, not events, on either side
    people = [glossary.names(w, ("person",)) for w in (found.first, found.last)]
    # "金正恩离开平壤到抵达越南": a side that names no one is about the other side's person
    bounds = [
        w if people[k] or not people[1 - k] else " ".join((*people[1 - k], w))
        for k, w in enumerate((found.first, found.last))
    ]
    days = [day or day_told(words) for day, words in zip(written, bounds, strict=True)]
    if any(day is None or len(day) != 10 for day in days):
        return shape
    if days[0] == days[1]:
        return shape
    span = (min(days), max(days))  # type: ignore[type-var]
    kind = "count" if shape.kind == "count" else "range"
    return replace(shape, kind=kind, span=span, exclusive=False, topic=found.rest)
