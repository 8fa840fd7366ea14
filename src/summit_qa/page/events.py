"""The page's events: what each passage reports, read from its text.

Each passage of the page becomes an :class:`Event`: its dates (resolved from the
text, passages.py), the day it is about (its first date, when it names a day or a
month), its article and heading, the page's names it mentions (the glossary's
people, places, bodies and things) and what happens in it, as classes of action
found by the Chinese words the page uses for them.  Nothing is typed per passage:
a set of passages is then chosen by date range, actor and action (the answering
stage's selection).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage

# What happens, by the Chinese words news text writes it with.  A class is a kind of
# event a reader asks about as a set ("Pompeo's visits", "the sanctions").
# The kinds of event the page names by a noun of their own (演习, 制裁, 遗骸, 信件): a foreign
# question's word for the kind stands for those nouns.  Visits, meetings, announcements and
# agreements are told by verbs too common to stand for one event.
EVENT_NOUNS = ("exercise", "sanction", "remains", "letter")
ACTIONS: dict[str, re.Pattern[str]] = {
    "visit": re.compile(r"访问|访美|访朝|来访|赴美|前往|出访|抵达|到访|启程|离开|访华"),
    "meeting": re.compile(r"会见|会面|会晤|见面|首脑会晤|金特会"),
    "talks": re.compile(r"会谈|磋商|谈判|协调|对话"),
    "announcement": re.compile(r"宣布|表示|声明|称|说|报道|发表"),
    "letter": re.compile(r"信件|来信|亲笔信"),
    "agreement": re.compile(r"签署|协议|联合声明|达成一致"),
    "sanction": re.compile(r"制裁"),
    "exercise": re.compile(r"演习|军演"),
    "remains": re.compile(r"遗骸"),
    "nuclear": re.compile(r"核|无核化"),
    "protest": re.compile(r"遗憾|指责|不满|批评|谴责|抗议|挑衅"),
}


@dataclass(frozen=True)
class Event:
    """What one passage reports."""

    passage: int  # its index on the page
    article: str
    heading: str  # the section and label above it ("" if none)
    dates: tuple[str, ...]
    day: str | None  # the date it is about: its first date, when that names a month or day
    names: tuple[str, ...]  # the page's names it mentions (Chinese forms)
    actions: tuple[str, ...]  # classes of ACTIONS it reports

    def within(self, start: str | None, end: str | None) -> bool:
        """Its day lies in [start, end] (ISO, any precision; None: open)."""
        if self.day is None:
            return False
        return (start is None or _upper(self.day) >= start) and (end is None or self.day <= _upper(end))


def _upper(iso: str) -> str:
    """The last day an ISO date of any precision covers, as a comparable string."""
    return iso if len(iso) == 10 else f"{iso}-99" if len(iso) == 7 else f"{iso}-99-99"


def actions_in(text: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in ACTIONS.items() if pattern.search(text))


def page_events(passages: Sequence[Passage], glossary: Glossary) -> list[Event]:
    """Every passage's event, in page order."""
    out = []
    for i, p in enumerate(passages):
        day = p.date if p.date and len(p.date) >= 7 else None
        out.append(
            Event(
                passage=i,
                article=p.article,
                heading=p.context,
                dates=tuple(p.dates),
                day=day,
                names=glossary.names(p.text),
                actions=actions_in(p.text),
            )
        )
    return out
