"""Follow-ups that speak of two people at once ("他俩", "those two", "두 사람", "二人",
"hai ông ấy"): the two are the people the conversation just spoke of.

A pronoun for one person carries the turn before's names (followups.py); a pronoun for a
pair needs two, and the question before often named one or none: "金英哲五月底到美国见了哪些人？" →
"他们俩后来又在哪儿碰的面？" means 金英哲 and the 蓬佩奥 of the answer shown.  So the pair is
made of the people the follow-up names, then those the earlier turns asked about (newest
first: "特朗普哪天走？" → "金正恩呢？" → "他俩单独谈过几次？" are these two, whoever
else the answers name), then those of the passage shown last, in page order, the one who
tells of an event after those it is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from summit_qa.answering.cues import SAYING, matches
from summit_qa.page.names import Glossary

# Words for two people at once (not "双方 / both sides", which are mostly the two countries).
PAIR = {
    "zh": re.compile(r"他俩|她俩|他们俩|他们两[个人位]|两人|二人|两位(?!领导人)|两个人|兩人|他倆"),
    "en": re.compile(
        r"\b(?:those|these|the) two\b(?! (?:summits?|meetings?|countries|sides|nations|events)\b)"
        r"|\bthe pair\b|\bboth of them\b|\bboth men\b",
        re.I,
    ),
    "ko": re.compile(r"두 사람|두 분|둘이|둘은|둘의|두 명"),
    "ja": re.compile(r"二人|ふたり|両者|両氏|お二方"),
    "vi": re.compile(r"\bhai (?:ông|người|vị|nhà lãnh đạo)\b|\bcả hai\b", re.I),
}


# A name followed, in its clause, by a verb of saying: the one who tells, not who acts.
SAYS = re.compile(rf"[^，,。；;]*?(?:{SAYING})")


class _Turn(Protocol):
    names: tuple[str, ...]
    answer: int | None


def pair_of(
    question: str,
    language: str,
    earlier: Sequence[_Turn],
    glossary: Glossary,
    text_of: Callable[[int], str] | None,
    turns: int = 4,
) -> tuple[str, ...]:
    """The two people a follow-up speaking of a pair means, when it names fewer than two
    itself; () when it speaks of no pair or the conversation names fewer than two."""
    if not matches(PAIR, question, language):
        return ()
    people = list(glossary.names(question, ("person",)))
    if len(people) >= 2:
        return ()
    recent = list(earlier)[::-1][:turns]
    named = [n for t in recent for n in t.names if glossary.types.get(n) == "person"]
    answered = next((t for t in recent if t.answer is not None), None)
    shown = []
    if answered is not None and text_of is not None:
        # the people an event is about before the one who tells of it ("发言人桑德斯表示，特朗普将…")
        text = text_of(answered.answer)
        at = {n: glossary.position(text, n) for n in glossary.names(text, ("person",))}
        shown = sorted(at, key=lambda n: (bool(SAYS.match(text, at[n], at[n] + 24)), at[n]))
    # those the talk named, unless the passage just shown is about two others (a step moved on)
    actors = [n for n in shown if not SAYS.match(text, at[n], at[n] + 24)] if shown else []
    moved = len(actors) >= 2 and not set(named) & set(actors)
    first = [*people, *shown] if moved else [*people, *named, *shown]
    people = list(dict.fromkeys(first))
    return tuple(people[:2]) if len(people) >= 2 else ()


def with_pair(question: str, pair: Sequence[str]) -> str:
    """``question`` with the pair's names written before it, as if it named them."""
    return " ".join([*pair, question]) if pair else question
