"""The place a question says something happened at: "met in Washington", "在华盛顿会谈",
"워싱턴에서 만난", "ワシントンで会った", "gặp ở Washington".

Two passages may tell a meeting of the same two people; the place the question puts the
event at tells them apart, and a passage that does not name it is less likely the one.
The ranking's place signal marks the passages naming every such place.
"""

from __future__ import annotations

import re

import numpy as np

from summit_qa.answering.long_messages import asked_part
from summit_qa.page.names import Glossary

# A locative word before the place (zh, en, vi) or a particle after it (ko, ja).
_BEFORE = {
    "zh": re.compile(r"(?:在|于)\s*$"),
    "en": re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I),
    "vi": re.compile(r"\b(?:ở|tại)\s+$", re.I),
}
_AFTER = {"ko": re.compile(r"^\s*에서"), "ja": re.compile(r"^\s*(?:で|にて)")}
# The place as the modifier of a meeting word ("Panmunjeom talks", "板门店将官级会谈", "판문점 회담"):
# the meeting was held there.
_MODIFIES = {
    "zh": re.compile(r"^\s*[^\s，。？?]{0,5}?(?:会谈|会晤|会面|谈判|会议)"),
    "en": re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:talks|meetings?|summit|negotiations?)\b", re.I),
    "ko": re.compile(r"^\s*(?:\S+\s+)?(?:회담|회의|협상|만남)"),
    "ja": re.compile(r"^\s*(?:の)?\S{0,5}?(?:会談|会議|協議|交渉)"),
}


def event_places(question: str, language: str, glossary: Glossary) -> tuple[str, ...]:
    """The places (Chinese forms) ``question`` says its event happened at."""
    before, after, modifies = _BEFORE.get(language), _AFTER.get(language), _MODIFIES.get(language)
    found = []
    for name in glossary.names(question, ("place",)):
        for start, end in glossary.spans(question, name):
            rest = question[end:]
            if (
                (before and before.search(question[:start]))
                or (after and after.search(rest))
                or (modifies and modifies.search(rest))
            ):
                found.append(name)
                break
    return tuple(found)


# A place printed in more passages than this is the page's setting (Hanoi, Singapore): it
# tells no event from another.
TELLING = 3


def place_scores(question: str, language: str, texts: list[str], glossary: Glossary) -> np.ndarray:
    """1.0 for each passage naming every place the question puts its event at, of those few
    passages print, else 0.0 (all 0.0 when it puts it at none)."""
    named = event_places(asked_part(question), language, glossary)  # not a long message's aside
    places = [p for p in named if sum(p in t for t in texts) <= TELLING]
    return np.array([float(bool(places) and all(p in t for p in places)) for t in texts], np.float32)
