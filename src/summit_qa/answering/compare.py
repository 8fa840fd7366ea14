"""A comparison ("金正恩和特朗普分别是怎么去越南的？", "Who got to Vietnam first, Trump or
Kim?"): one passage for each side the question names, so both are shown side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from summit_qa.answering.attributes import MEANS
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.events import Event
from summit_qa.page.names import Glossary
from summit_qa.retrieval.fusion import rank_order

# How each side travelled ("一个坐飞机一个坐火车"): how many passages of one side may tell its
# means (its setting off and its arrival).
MEANS_PER_SIDE = 2


def sides(question: str, glossary: Glossary) -> list[str]:
    """The sides compared: two places the question names, else two people.  Places come
    first: two people named beside two places ("蓬佩奥和金英哲在纽约和在华盛顿那两次") are
    the same pair on both sides, and the places tell the two events apart."""
    places = list(glossary.names(question, ("place",)))
    if len(places) >= 2:
        return places
    people = list(glossary.names(question, ("person",)))
    return people if len(people) >= 2 else []


def one_for_each_side(
    question: str,
    glossary: Glossary,
    events: Sequence[Event],
    order: np.ndarray,
    texts: Sequence[str],
    rank: Callable[[str], np.ndarray] | None = None,
) -> list[int]:
    """For each side, the best passage for the question asked of that side alone
    (``rank`` of "Who got to Vietnam first, or Kim?"; without ``rank``, the question's own
    ``order``) that names it and not the other, else one that names it; one telling the
    arriving or leaving the question asks about first; [] unless two sides."""
    named = sides(question, glossary)
    if len(named) < 2:
        return []
    verbs = page_verbs(question, glossary)
    chosen: list[int] = []
    for side in named:
        others = [s for s in named if s != side]
        ranked = rank_order(rank(_without(question, others, glossary))) if rank is not None else order
        naming = [int(i) for i in ranked if side in events[int(i)].names and int(i) not in chosen]
        doing = [i for i in naming if any(v in texts[i] for v in verbs)]
        naming = doing or naming  # "who arrived first": each side's arrival
        alone = [i for i in naming if not any(o in events[i].names for o in others)]
        if doing and chosen:  # sides told alike are told in the same article (both timeline entries)
            alone = [i for i in alone if events[i].article == events[chosen[0]].article] or alone
        if naming:
            chosen.append((alone or naming)[0])
        if "乘坐" in verbs:  # a journey's means is told where it starts and where it ends
            riding = [i for i in alone if MEANS.search(texts[i]) and i not in chosen]
            chosen += riding[: MEANS_PER_SIDE - 1]
    return chosen if len(chosen) >= 2 else []


def _without(question: str, others: Sequence[str], glossary: Glossary) -> str:
    """``question`` without the other sides' names, in whatever script it writes them."""
    for pattern, zh in glossary.aliases:
        if zh in others:
            question = pattern.sub(" ", question)
    return " ".join(question.split())
