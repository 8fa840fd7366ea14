"""Follow-up questions, read with the conversation's earlier turns.

Each rule is one general class of follow-up (the tests hold cases written for
each class, in the five languages):

* **detection**: a turn is a follow-up when it refers back (a pronoun or
  demonstrative: 他 / he / 그 / 彼 / ông ấy; "that day"; "what about X?";
  "then what?"; a bare ordinal "and the second?") or names nothing of the page
  and is short.  A turn that names its own subject and refers back to nothing
  is a new question and ranks exactly as it would alone;
* **names carried over**: a follow-up that names no person, place or body
  takes those of the turn before ("他是怎么去的？" after a question about
  金正恩 ranks as "金正恩 他是怎么去的？"); one that names a new one in a
  "what about X?" form takes the turn before with X in place of its names;
* **ordinals**: "那第二次呢？" after "…第一次…" is the turn before with the
  ordinal replaced;
* **the answer before**: a short wh-follow-up ("谁说的？", "Where?", "Why?")
  is often answered by the passage that answered the turn before, which gets a
  bonus; "then what?" / "before that?" lift the passage next to it in time;
  "that day" / "the next day" add its date (or the next day) as a date the
  question names.

:func:`resolve` turns a question and the earlier turns into a
:class:`Resolution`: the text to rank, dates to add, passage bonuses, and which
earlier turn it leaned on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from summit_qa.answering.attributes import asked, event_told, unasked
from summit_qa.answering.cues import (
    ANAPHOR,
    BEFORE,
    DAY_BEFORE,
    NEXT,
    NEXT_DAY,
    OPINION,
    PARTNER,
    QUESTION_WORDS,
    RESPONSE,
    RETURN,
    SAME_DAY,
    SAME_PASSAGE,
    SIDE,
    SWITCH,
    VIEW,
    WHAT_ABOUT,
    WHY,
    content_of,
    is_bare,
    is_short,
    matches,
)
from summit_qa.answering.ordinals import find_ordinal, ordinal_surface
from summit_qa.answering.pairs import PAIR, pair_of, with_pair
from summit_qa.answering.returns import returned_to
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.dates import DateQuery
from summit_qa.page.names import NAME_TYPES, Glossary

# How far back a follow-up looks for the answered turn it leans on.
MAX_TURNS = 4


@dataclass(frozen=True)
class Turn:
    """What the conversation remembers of an earlier turn."""

    question: str  # as asked (cleaned)
    query: str  # the text it was ranked with (its own context added)
    names: tuple[str, ...]  # the page's names it was about (Chinese forms)
    answer: int | None = None  # its best passage, None when not answered
    date: str | None = None  # that passage's date
    language: str = "zh"
    topic: str = ""  # the latest query that said what the conversation is about (not a bare "where?")
    shown: tuple[int, ...] = ()  # the items of a list it answered with, in the order shown


@dataclass(frozen=True)
class Resolution:
    """How to rank a question given the conversation so far."""

    query: str  # the text to rank
    names: tuple[str, ...] = ()  # the page's names the turn is about
    follow_up: bool = False
    context_turn: int | None = None  # which earlier turn it leaned on (index among the earlier turns)
    dates: tuple[DateQuery, ...] = ()  # dates to match besides those the question writes
    prior: dict[int, float] = field(default_factory=dict)  # passage index → bonus
    reason: str = ""  # which rules fired, for tests and the curious
    in_scope: bool = False  # answered whatever the floors say (a follow-up, an identity question)
    topic: str = ""  # see Turn.topic

    def __post_init__(self) -> None:
        if not self.topic:
            object.__setattr__(self, "topic", self.query)


@dataclass(frozen=True)
class ConversationPolicy:
    """The rules' bonuses, on the fused scale (fitted on the dev dialogues, docs/ranking.md)."""

    same_passage_bonus: float = 2.0  # a short wh- or response follow-up: the passage that answered before
    next_bonus: float = 2.0  # "then what?" / "before that?": the passage next to it on the page
    neighbour_bonus: float = 1.0  # any follow-up: the passages beside the one that answered before
    same_event_bonus: float = 2.0  # another attribute of the event just shown, which its passage holds


def is_follow_up(question: str, language: str, names: tuple[str, ...], people: tuple[str, ...] = ()) -> bool:
    """Whether ``question`` leans on the turn before (see the module docstring): it refers
    back ("他", "that day", "then what?", "how did they respond?", "what about X?"), or it
    is short and names neither a person or body of the page nor a date ("几号到的越南？"
    after a question about 金正恩)."""
    if refers_back(question, language):
        return True
    what_about = WHAT_ABOUT.get(language)
    if what_about and what_about.match(question) and is_short(question):
        return True  # "那特朗普呢？", "What about Pompeo?"
    if people and matches(SWITCH, question, language) and is_short(content_of(question, language)):
        return True  # "那特朗普哪天到？": the same question of someone else (resolve checks who)
    if not names and matches(WHY, question, language):
        return True  # "なんで急に雪解けしたの？": why of what was just told, naming nothing of the page
    if people and matches(PARTNER, question, language) and is_short(content_of(question, language)):
        return True  # "ポンペオとは何を話したの": whom the person before met
    if people and matches(OPINION, question, language) and is_short(content_of(question, language)):
        return True  # "那位研究员又怎么看？": that person's view of what was just told
    return is_short(question) and not people and not _DATE.search(question)


def refers_back(question: str, language: str) -> bool:
    """A pronoun (of one person or a pair: "他俩", "those two"), "that day", "then what?",
    "before that", a response with no object ("how did they react?"), a side asked its view
    ("美国那边是什么说法"): words that point at the turn before."""
    return (matches(SIDE, question, language) and matches(VIEW, question, language)) or any(
        table.get(language) and table[language].search(question)
        for table in (ANAPHOR, PAIR, SAME_DAY, NEXT_DAY, DAY_BEFORE, NEXT, BEFORE, RESPONSE, RETURN)
    )


# A date written in a question (any language): a question that names one is about it.
_DATE = re.compile(
    r"\d{4}|\d{1,2}\s*[月日号]|[一二三四五六七八九十]+月|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d\s*월|\d\s*일|ngày\s+\d|tháng\s+\d|\d{1,2}/\d{1,2}",
    re.I,
)


def _with_context(
    question: str,
    language: str,
    earlier: Sequence[Turn],
    before: Turn,
    glossary: Glossary,
    names: tuple[str, ...],
    people: tuple[str, ...],
) -> tuple[str, tuple[str, ...], str, list[str]]:
    """The text a follow-up is ranked with, the names it is about, its topic and the rules
    that fired: an ordinal swapped into the turn that wrote one, "what about X?", a bare
    question asked of the topic before, or the subject left out carried over."""
    reasons = []
    query = question
    carried = names
    topic = ""
    ordinal = find_ordinal(question, language)
    # An ordinal follow-up ("那第二个呢？") replaces the ordinal of the latest turn that wrote one.
    counted = next(
        (t for t in reversed(earlier[-MAX_TURNS:]) if ordinal and find_ordinal(t.query, t.language)), None
    )
    what_about = WHAT_ABOUT.get(language)
    about = what_about.match(question) if what_about else None
    anaphoric = bool(matches(ANAPHOR, question, language) and before.names)
    if ordinal and counted and is_short(question):
        old = find_ordinal(counted.query, counted.language)
        surface = ordinal_surface(ordinal.number, counted.query[old.start : old.end], counted.language)
        query = counted.query[: old.start] + surface + counted.query[old.end :]
        carried = counted.names
        reasons.append("ordinal")
    elif names and ((about and is_short(question)) or _switches(question, language, names, before, glossary)):
        # the names of the same kind give way ("那金正恩呢？" after "特朗普哪天到河内？" keeps 河内)
        kinds = tuple({glossary.types.get(n) for n in names} - {None}) or NAME_TYPES
        query = f"{question} {glossary.strip_names(before.query, kinds)}"
        reasons.append("what-about")
    elif (is_bare(question, language) and not (anaphoric and content_of(question, language))) or (
        not names and is_short(question) and not anaphoric
    ):
        # "Where?", "为什么？", "谈完干嘛？": a short question about the topic before, asked of it
        # (a pronoun with a verb of its own, "他是怎么去的？", takes the names instead, below)
        query = f"{before.topic} {question}"
        carried = before.names
        topic = before.topic
        reasons.append("question carried")
    else:
        # A subject left out ("他是怎么去的？", "几号到的越南？") is the one before: its
        # people when the question names none, its other names when it names nothing.
        before_people = [n for n in before.names if glossary.types.get(n) in ("person", "body")]
        partner = matches(PARTNER, question, language)  # the people named are whom they met
        add = [] if people and not partner else [n for n in before_people if n not in names]
        if not names:
            add += [n for n in before.names if n not in add]
        query = " ".join([*add, question])
        # a pointing question after a step asks of the event stepped to ("那次他是什么身份？"); an
        # ordinal asks of a series and keeps the names ("他第三次呢？")
        if not names and anaphoric and before.topic != before.query and ordinal is None:
            query = " ".join([*add, before.topic, question])
            topic = before.topic
        carried = tuple(dict.fromkeys([*names, *add]))
        if add:
            reasons.append("names carried")
    return query, carried, topic, reasons


def _beyond_cues(question: str, language: str) -> str:
    """``question`` without its same-passage cue and the words pointing back ("这话什么时候说的？"
    asks nothing of the passage beyond them)."""
    for table in (SAME_PASSAGE, ANAPHOR):
        if pattern := table.get(language):
            question = pattern.sub(" ", question)
    return question


def _another_act(question: str, before: str, glossary: Glossary) -> bool:
    """A follow-up naming an act of the page the turn before did not ("and when did he set
    off?" after an arrival): another event of the same people, not the one just shown."""
    own = set(page_verbs(question, glossary))
    return bool(own) and not own & set(page_verbs(before, glossary))


def resolve(
    question: str,
    language: str,
    earlier: Sequence[Turn],
    glossary: Glossary,
    sequence: Mapping[int, tuple[int | None, int | None]] | None = None,
    policy: ConversationPolicy = ConversationPolicy(),
    covers: Callable[[int, str], bool] | None = None,
    text_of: Callable[[int], str] | None = None,
) -> Resolution:
    """Read ``question`` with the ``earlier`` turns (oldest first).

    ``sequence`` gives each passage's neighbours on the page (the passage before
    and after it in its article): "then what?" and "before that?" move by it.
    ``covers(i, question)``: passage i holds what the question asks about beyond its
    question words; a short follow-up is answered by the passage before only then
    ("从哪儿出发的？" after the arrival asks about a departure the arrival does not tell).
    ``text_of(i)``: passage i's text, to see whether it holds the kind of answer a short
    follow-up asks for (attributes.py: "Where was it held?" after the summit's entry).
    """
    names = glossary.names(question)
    people = glossary.names(question, ("person", "body"))
    recent = range(len(earlier) - 1, max(-1, len(earlier) - 1 - MAX_TURNS), -1)
    context_index = next((i for i in recent if earlier[i].answer is not None), None)
    if context_index is None or not is_follow_up(question, language, names, people):
        return Resolution(question, names)
    back = returned_to(question, language, earlier, glossary, names, covers, text_of)
    context_index = context_index if back is None else back
    before = earlier[context_index]
    # "他俩", "those two": the question as if it named the two
    if pair := pair_of(question, language, earlier[: context_index + 1], glossary, text_of):
        question = with_pair(question, [p for p in pair if p not in names])
        names, people = glossary.names(question), glossary.names(question, ("person", "body"))
    query, carried, topic, reasons = _with_context(
        question, language, earlier, before, glossary, names, people
    )
    prior: dict[int, float] = {}
    same_passage = SAME_PASSAGE.get(language)
    if (
        is_short(question)
        and ((same_passage and same_passage.search(question)) or matches(RESPONSE, question, language))
        and (covers is None or covers(before.answer, _beyond_cues(question, language)))
    ):
        prior[before.answer] = prior.get(before.answer, 0.0) + policy.same_passage_bonus
        reasons.append("same passage")
    elif (
        text_of is not None
        and _same_event(question, language, reasons)
        and not _another_act(question, before.query, glossary)
        and (covers is None or covers(before.answer, unasked(question, language)))
    ):
        others = lambda: [(i, text_of(i)) for i in (sequence or {})]  # noqa: E731 - read only when needed
        named = _named(glossary, names, carried)
        lifted, reason = event_told(
            question, language, (before.answer, text_of(before.answer)), others, glossary, named
        )
        for i in lifted:
            prior[i] = prior.get(i, 0.0) + policy.same_event_bonus
        reasons += [reason] if lifted else []
    if back is not None:
        prior[before.answer] = prior.get(before.answer, 0.0) + policy.same_passage_bonus
        reasons.append("return")
    if policy.neighbour_bonus:
        for side in (sequence or {}).get(before.answer, (None, None)):
            if side is not None:
                prior[side] = prior.get(side, 0.0) + policy.neighbour_bonus
    step = 1 if matches(NEXT, question, language) else -1 if matches(BEFORE, question, language) else 0
    neighbour = (sequence or {}).get(before.answer, (None, None))[0 if step < 0 else 1] if step else None
    if neighbour is not None:
        prior[neighbour] = prior.get(neighbour, 0.0) + policy.next_bonus
        reasons.append("next on the page" if step > 0 else "before on the page")
    extra = _that_day(question, language, before, reasons)
    # It stays on the answered turn's topic (the floors do not apply) when it points back, names
    # nothing, or asks the passage shown ("朝鲜为什么指责？"); else it is judged as usual.
    kept = {"what-about", "same passage"} & set(reasons)
    inherits = refers_back(question, language) or not names or bool(kept)
    return Resolution(
        query, carried, True, context_index, tuple(extra), prior, ", ".join(reasons), inherits, topic
    )


def _that_day(question: str, language: str, before: Turn, reasons: list[str]) -> list[DateQuery]:
    """ "That day" / "the next day" / "the day before": the answer before's day, or beside it."""
    day = before.date if before.date and len(before.date) == 10 else None
    if not day:
        return []
    offset = 0 if matches(SAME_DAY, question, language) else None
    offset = 1 if matches(NEXT_DAY, question, language) else offset
    offset = -1 if matches(DAY_BEFORE, question, language) else offset
    if offset is None:
        return []
    d = dt.date.fromisoformat(day) + dt.timedelta(days=offset)
    reasons.append("that day" if offset == 0 else f"day {offset:+d}")
    return [DateQuery(d.year, d.month, d.day, "context")]


def _switches(question: str, language: str, names: tuple[str, ...], before: Turn, glossary: Glossary) -> bool:
    """ "那特朗普哪天到？" after a question about 金正恩: opens with "and / so", short without
    its question words, and names a person or body the turn before did not."""
    new = [n for n in names if glossary.types.get(n) in ("person", "body") and n not in before.names]
    return bool(new and matches(SWITCH, question, language) and is_short(content_of(question, language)))


def _same_event(question: str, language: str, reasons: list[str]) -> bool:
    """A short follow-up asking another attribute (where, when, what time, who, by what) of
    the event just shown: not a step in time, an ordinal or "what about X?"."""
    return bool(
        is_short(content_of(question, language))
        and asked(question, language)
        and not matches(NEXT, question, language)
        and not matches(BEFORE, question, language)
        and find_ordinal(question, language) is None
        and "what-about" not in reasons
        and "ordinal" not in reasons
    )


def _named(glossary: Glossary, names: tuple[str, ...], carried: tuple[str, ...]) -> tuple[str, ...]:
    """The names a follow-up already gives: its own, and the people it carries over."""
    people = tuple(n for n in carried if glossary.types.get(n) in ("person", "body"))
    return tuple(dict.fromkeys((*names, *people)))


def asks_a_question(text: str, language: str) -> bool:
    """A question mark or a question word of ``language``."""
    return bool(re.search(r"[?？]", text) or re.search(QUESTION_WORDS.get(language, "$^"), text, re.I))
