"""A return to an earlier topic of the conversation ("说回遗骸…", "back to the drills", "その話に戻るけど").

A follow-up that returns names what it returns to (a month, a name, its own words); the turn
it leans on is the earlier answered turn that showed it, not the turn just before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from summit_qa.answering.attributes import unasked
from summit_qa.answering.cues import BEFORE, NEXT, RETURN, matches
from summit_qa.answering.ordinals import find_ordinal
from summit_qa.page.dates import DateQuery, question_dates
from summit_qa.page.language import CJK
from summit_qa.page.names import Glossary

if TYPE_CHECKING:
    from summit_qa.answering.followups import Turn

_ANY_DAY = dt.date(2000, 1, 1)  # a month or day named without a year: the year is not read


def returned_to(
    question: str,
    language: str,
    earlier: Sequence[Turn],
    glossary: Glossary,
    names: tuple[str, ...],
    covers: Callable[[int, str], bool] | None,
    text_of: Callable[[int], str] | None,
) -> int | None:
    """The earlier turn "回到新加坡那次…" / "back to the sanctions" returns to: of the answered
    turns, the latest shown on the month it names, else the latest that asked the n-th it names
    ("back to the first time…"), else the one whose passage holds most of the question's names (of those, the one asking about them in its own words), else the one whose
    passage holds its own words and shares most.  A step naming an event ("纽约那次再往前呢")
    starts at the turn whose passage holds its names."""
    # a step from an event named ("纽约那次再往前呢") starts at the turn that showed it
    steps = matches(NEXT, question, language) or matches(BEFORE, question, language)
    if not (matches(RETURN, question, language) or (steps and names)) or text_of is None:
        return None
    answered = [i for i in range(len(earlier) - 1, -1, -1) if earlier[i].answer is not None]
    # "说回九月那次" names the month of the turn it returns to: the latest shown on such a day
    months = [DateQuery(None, q.month, q.day) for q in question_dates(question, _ANY_DAY) if q.month]
    dated = [i for i in answered if earlier[i].date and any(q.matches(earlier[i].date) for q in months)]
    if dated:
        return dated[0]
    # "初回の件に話を戻すと…", "back to the second one": the latest turn that asked that n-th
    if (told := returned_nth(question, language, earlier)) is not None and earlier[told].answer is not None:
        return told
    # then the turn that asked about them in its own words, not one that stepped past them
    held = {
        i: (
            sum(n in text_of(earlier[i].answer) for n in names),
            len(set(names) & set(glossary.names(earlier[i].question))),
        )
        for i in answered
    }
    if held and max(held.values())[0] > 0:
        return max(answered, key=lambda i: held[i])  # max keeps the first (latest) of a tie
    if covers is None or not matches(RETURN, question, language):
        return None
    words = unasked(question, language)
    # shared two characters at a time, in its passage and question ("回到对话停滞那件事"); latest on a tie
    pairs = re.findall(f"(?=([{CJK}]{{2}}))", words)
    shared = lambda i: sum(p in text_of(earlier[i].answer) + earlier[i].question for p in pairs)  # noqa: E731
    return max((i for i in answered if covers(earlier[i].answer, words)), key=shared, default=None)


def returned_nth(question: str, language: str, earlier: Sequence[Turn]) -> int | None:
    """The latest earlier turn asking the n-th a return names ("back to the first time…"),
    or None: the ordinal says which turn, not which of a series to take."""
    if not matches(RETURN, question, language) or (mine := find_ordinal(question, language)) is None:
        return None
    asked = [
        i
        for i, t in enumerate(earlier)
        if (o := find_ordinal(t.question, t.language)) and o.number == mine.number
    ]
    return asked[-1] if asked else None
