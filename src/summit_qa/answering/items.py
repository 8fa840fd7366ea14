"""A list's items as a question asks for them: the labelled items ("议题二：…"), the points a
paragraph numbers in its own text ("第一，…第二，…"), and whether an ordinal counts items
("第二个议题") or events ("第二次")."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.ordinals import find_ordinal
from summit_qa.answering.overview import named_heading
from summit_qa.page.language import CJK
from summit_qa.page.passages import Passage

# The points a paragraph numbers in its own text ("第一，互信缺失。…第 三 ，国内压力"), spaces and all.
_POINT = re.compile(r"第\s*([一二三四五六七八九十])\s*[，,、]")


# An ordinal of events ("第二次", "the second day"), not of a list's items ("第二个").
_EVENT_ORDINAL = re.compile(r"[次回趟轮天日]|\b(?:times?|rounds?|days?|trips?|visits?|meetings?)\b", re.I)


_CJK_TEXT = re.compile(f"[{CJK}]")


def asks_item(question: str, language: str) -> bool:
    """The question's ordinal counts a list's items ("第二个议题是什么？"), not events or
    days ("第二次", "the second day")."""
    if (ordinal := find_ordinal(question, language)) is None:
        return False
    return not _EVENT_ORDINAL.search(
        question[ordinal.start : ordinal.end + (1 if _CJK_TEXT.search(question) else 10)]
    )


def points_of(passages: Sequence[Passage], at: int, question: str, n: int) -> int | None:
    """The passage holding the n-th point (n = -1: the last) a follow-up asks for, when the
    passage just shown numbers its points in its text and has that many; None otherwise.
    A follow-up naming an action asks of a series of events, not of these points."""
    points = set(_POINT.findall(passages[at].text))
    if len(points) < 2 or asked_actions(question) or n > len(points):
        return None
    return at


def section_points(
    question: str, language: str, terms: Sequence[str], passages: Sequence[Passage]
) -> int | None:
    """The passage numbering its points ("第一，…第二，…") under the section a question names
    and asks an item of ("三大障碍的头一条", "the second obstacle"); None otherwise."""
    if not asks_item(question, language) or (heading := named_heading(question, terms, passages)) is None:
        return None
    n = find_ordinal(question, language).number  # asks_item: there is one
    under = [
        i
        for i, p in enumerate(passages)
        if p.section == heading
        and len(set(_POINT.findall(p.text))) > 1
        and n <= len(set(_POINT.findall(p.text)))
    ]
    return under[0] if len(under) == 1 else None


def labelled_item(passages: Sequence[Passage], at: int) -> int | None:
    """The numbered item ("议题二：…") passage ``at`` is, or sits under; None outside any."""
    here = passages[at]
    if here.label:
        return at
    return next((i for i, p in enumerate(passages) if p.label and p.text == here.heading), None)


def numbered(passages: Sequence[Passage], item: int, number: int) -> int | None:
    """The item of the same list as ``item`` (same word, same article) numbered ``number``."""
    like = passages[item]
    return next(
        (
            i
            for i, p in enumerate(passages)
            if p.label == number and p.article == like.article and p.label_word == like.label_word
        ),
        None,
    )


def names_label(
    question: str,
    language: str,
    label: np.ndarray,
    written: bool,
    terms: Sequence[str] = (),
    passages: Sequence[Passage] = (),
) -> int | None:
    """The labelled item ("议题二") the ranking found that the follow-up asks for itself, by an
    ordinal ("第三个呢？") or by label (``written``: "议题二呢？"), not one only its carried
    question wrote ("두 번째는?" → "마지막 건?"); else the passage numbering the points of a
    section it names (see :func:`section_points`); None when there is none."""
    if label.any() and (written or find_ordinal(question, language) is not None):
        return int(np.argmax(label))
    return section_points(question, language, terms, passages) if passages else None
