"""Follow-ups as operations on the page's events: the next or the previous event in time,
the n-th of a series, the same question about another actor (actors.py).

Each operation is one general class, recognised by the cues of cues.py in five
languages and carried out on page/events.py's events, so the passage it finds is
shown first whatever the ranking says ("然后呢？" after the Singapore summit is the
entry after it, not the one nearest in words).  Other follow-ups (another attribute
of the same event, "why", a return to an earlier topic) are read by followups.py's
rules and the ranking, and named here for the answer and the eval.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.actors import actor_passage, quoted_here, responds, untold_act
from summit_qa.answering.answer import Reply
from summit_qa.answering.attributes import unasked
from summit_qa.answering.cues import (
    AGAIN,
    BEFORE,
    NEXT,
    SAME_PASSAGE,
    SAYING,
    SOURCE,
    WHY,
    content_of,
    matches,
)
from summit_qa.answering.entities import is_actor
from summit_qa.answering.followups import Resolution, Turn, is_short
from summit_qa.answering.items import asks_item, labelled_item, numbered, points_of
from summit_qa.answering.ordinals import LAST, find_ordinal
from summit_qa.answering.reasons import ACTIVITY, PURPOSE, REASON
from summit_qa.answering.returns import returned_nth
from summit_qa.answering.selection import Selection, timeline_entry
from summit_qa.answering.series import NAMED_ANCHOR, first_series, kind_asked, step_in_series
from summit_qa.answering.shape import ENTRY, TIMELINE
from summit_qa.answering.steps import RELATIVE_DAY, goes_on, step_in_time, step_of_kind, writes_day
from summit_qa.answering.summits import summit_named, summit_passage
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.events import Event
from summit_qa.page.language import CJK
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.messages import say as message


@dataclass(frozen=True)
class Operation:
    """What a follow-up does with the turn it leans on, and the passage that answers it
    when the page's events decide it (``pin``)."""

    name: str  # "next", "previous", "nth", "actor", "why", "attribute"
    pin: int | None = None
    unsaid: bool = False  # "why?" of what the page gives no reason for: told so


def carry_out(
    op: Operation | None,
    reply: Reply,
    labelled: int | None,
    nth: bool = False,
    holds_asked: bool = False,
    section_item: int | None = None,
) -> tuple[Reply, bool]:
    """The reply named by its operation, the passage the operation found shown first (a
    label the question names, "第三个议题呢？", is its paragraph ``labelled``, not the n-th of
    a series); and whether the operation moved the conversation to that passage's event.
    A new question asking for the ``nth`` item ("第一个议题讲什么？") is shown that item; one
    naming the label as printed, often to ask within it ("议题三中，…"), is left as ranked.
    ``section_item``: the passage numbering the points of a section the follow-up names in its
    own words ("三大障碍的第三个？"), which an n-th shows."""
    if op is None:
        named = labelled is not None and nth and reply.kind == "answer" and reply.selection is None
        return (replace(reply, selection=Selection("ordinal", (labelled,))) if named else reply), False
    if op.unsaid and reply.kind == "answer":  # the passages that answer give no reason
        refused = message("not_in_article", reply.language)
        return replace(reply, kind="refused", operation=op.name, message=refused), False
    # a step to the event next in time naming what that event's passage holds ("유해는 그 뒤에
    # 어떻게 됐어?") is answered by it even when the floors refuse the carried reading
    steps = op.name in ("next", "previous") and op.pin is not None and holds_asked
    if steps and reply.kind == "refused" and reply.ranking is not None:
        reply = replace(reply, kind="answer", message="")
    # the n-th the operation found stands when it is the labelled paragraph the ranking found
    pin = op.pin is not None and reply.kind == "answer" and labelled in (None, op.pin)
    pinned = Selection("ordinal", (op.pin,)) if pin else None
    if op.name == "nth" and section_item is not None and reply.kind == "answer":  # "三大障碍的第三个？"
        pinned, pin = Selection("ordinal", (section_item,)), True
    # another attribute of the event just shown keeps the conversation's topic; a step moves it
    return replace(
        reply, operation=op.name, selection=pinned or reply.selection
    ), pin and op.name != "attribute"


def event_topic(text: str) -> str:
    """What a conversation is about after a step to another event ("然后呢？"): that event,
    in its passage's first sentence, so "where was that?" next is asked of it."""
    return re.split(r"(?<=[。！？])", text)[0][:80]


def _named_anchor(
    question: str,
    earlier: Sequence[Turn],
    before: Turn,
    order: np.ndarray,
    lexical: np.ndarray | None,
    events: Sequence[Event],
    glossary: Glossary,
) -> int:
    """Where a step starts: a summit the step names by its place, else the earlier answer the
    step names by its own words, when it ranks first and its words match it better than the
    answer before; else the answer before."""
    top = int(order[0])
    if lexical is None or not NAMED_ANCHOR.search(question):
        return before.answer
    if (summit := summit_named(question, events, glossary, order)) is not None:
        return summit  # "싱가포르 회담 바로 전엔": the summit's own report
    if top not in {t.answer for t in earlier}:
        return before.answer
    return top if lexical[top] > max(0.0, lexical[before.answer]) else before.answer


def _leaned_on(resolution: Resolution, earlier: Sequence[Turn]) -> Turn | None:
    """The answered turn a follow-up leans on (None for a new question)."""
    if not resolution.follow_up or resolution.context_turn is None:
        return None
    before = earlier[resolution.context_turn]
    return before if before.answer is not None else None


def read_operation(
    question: str,
    language: str,
    resolution: Resolution,
    earlier: Sequence[Turn],
    events: Sequence[Event],
    passages: Sequence[Passage],
    glossary: Glossary,
    order: np.ndarray,
    lexical: np.ndarray | None = None,
    capitals: Mapping[str, str] | None = None,
) -> Operation | None:
    """The operation a follow-up carries out (None for a new question); ``lexical``: its lexical
    scores (a step from an earlier event it names); ``capitals``: actors.capitals."""
    if (before := _leaned_on(resolution, earlier)) is None:
        return None
    if (day := day_step(resolution, before, passages, order)) is not None:
        return day
    page = "".join(p.text for p in passages)
    step = 1 if matches(NEXT, question, language) else -1 if matches(BEFORE, question, language) else 0
    why = matches(WHY, question, language) or matches(PURPOSE, question, language)  # "what for?"
    repeat = _why_of_then(question, language)
    step = 0 if repeat else step
    # the series the follow-up names itself ("他第一次去朝鲜", the person carried over), else the
    # latest one an earlier turn asked about ("蓬佩奥第一次去平壤…" → "最后一次呢？")
    asked = [resolution.query, before.question, *(t.question for t in reversed(earlier))]
    item, last = labelled_item(passages, before.answer), LAST.get(language)
    page_of = (events, passages, glossary)
    # "the time after that", "后来他又去了吗": the series' next (previous) one
    walked = (
        None
        if repeat
        else step_in_series(question, language, step, resolution.names, asked, before.answer, page_of)
    )
    if walked:
        return Operation("next" if walked[1] > 0 else "previous", walked[0])
    if step:
        return _step(
            step, question, language, earlier, before, item, events, passages, order, lexical, glossary
        )
    # "back to the first time…": the n-th names the turn returned to, another attribute of it
    ordinal = (
        None if returned_nth(question, language, earlier) is not None else find_ordinal(question, language)
    )
    if (last and last.search(question)) or ordinal is not None:
        n = -1 if (last and last.search(question)) else ordinal.number
        return _nth(n, question, language, resolution, before, asked, item, order, page, page_of)
    response = responds(question, language, before, glossary, passages, page, capitals)
    if response is None:  # "那位研究员又怎么看？": that person's view on the topic just shown
        response = quoted_here(question, language, before, glossary, passages)
    if response is not None:
        return Operation("actor", response)
    if "what-about" in resolution.reason:
        new = [n for n in resolution.names if n not in before.names]
        if untold_act(before.question, new, passages, glossary, page):  # "金正恩呢？" of leaving Vietnam
            return Operation("actor", None, unsaid=True)
        page_of = (events, glossary, order, passages, page, page_verbs(question, glossary))
        return Operation("actor", actor_passage(resolution, before, *page_of))
    if why:
        return _why(question, language, before, passages, order, glossary, page, lexical)
    return _attribute(question, language, resolution, before, passages, order)


def _nth(
    n: int,
    question: str,
    language: str,
    resolution: Resolution,
    before: Turn,
    asked: list[str],
    item: int | None,
    order: np.ndarray,
    page: str,
    page_of: tuple[Sequence[Event], Sequence[Passage], Glossary],
) -> Operation:
    """The n-th (-1: the last): of the timeline's entries, of a list just shown, of a heading's
    numbered items, of one passage's points, of a series of events, else the n-th summit."""
    events, passages, glossary = page_of
    if ENTRY.search(question) and any(TIMELINE.search(q) for q in asked):
        return Operation("nth", timeline_entry(passages, events, n))  # "最后一条呢？" of the timeline
    listed = before.shown if len(before.shown) > 1 and not asked_actions(question) else ()
    if listed and not glossary.names(question) and abs(n) <= len(listed):  # "第二个呢？" of a list shown
        return Operation("nth", listed[n - 1] if n > 0 else listed[-1])
    bare = n == -1 or (is_short(question) and asks_item(question, language))  # "第二个呢？", "마지막 건?"
    if item is not None and not asked_actions(question) and bare:  # of the list just shown
        return Operation("nth", numbered(passages, item, n if n > 0 else max(p.label or 0 for p in passages)))
    if (points := points_of(passages, before.answer, question, n)) is not None:
        return Operation("nth", points)  # "第三个呢？" of "第一，…第二，…第三，…" in one passage
    # a follow-up saying its own action asks of its own series first ("his third trip"); of two
    # people ("those two sat down a second time"), of theirs alone, not an earlier turn's
    # (the names in the order the resolved question writes them: its first person leads)
    named = sorted(resolution.names, key=lambda n: glossary.position(resolution.query, n))
    own = " ".join([*named, question]) if asked_actions(question) else ""
    pair = len(glossary.names(own, ("person",))) == 2
    shown = passages[before.answer].text
    run = first_series([own] if pair else [own, *asked], events, passages, glossary, shown)
    if run and abs(n) <= len(run) and n != 0:
        return Operation("nth", run[n - 1] if n > 0 else run[n])
    # "他们第一次见面是哪天？" of the two leaders: the n-th summit's own report
    summit = summit_passage(resolution.query, n, events, glossary, order, page) if n > 0 else None
    return Operation("nth", summit)


def _why_of_then(question: str, language: str) -> bool:
    """A why-clause with a time word of its own ("为啥之前对话会停下来", "why … again?"): the
    reason of that event, no step ("然后呢？为什么？" steps: the step is a clause of its own)."""
    clauses = re.split(r"[，,。？?！!；;]|\band\b", question)
    return any(
        matches(WHY, c, language) and any(matches(t, c, language) for t in (NEXT, BEFORE, AGAIN))
        for c in clauses
    )


def _why(
    question: str,
    language: str,
    before: Turn,
    passages: Sequence[Passage],
    order: np.ndarray,
    glossary: Glossary,
    page: str,
    lexical: np.ndarray | None = None,
) -> Operation:
    """Why: the event's own passage, else the best ranked one, where it gives a reason and
    names the place the question names of its own ("why Hanoi?" is not told by the drills'
    reason); else the page does not say.  The best ranked one only when the question's words
    match it better than the event's own passage: a bare "why did they…?" asks of the event
    shown, not of another event the page gives a reason for."""
    places = [n for n in glossary.names(question, ("place",)) if not is_actor(n, glossary, page)]
    own = [n for n in places if n not in before.names]  # "朝鲜为啥觉得遗憾？": a side, not a place
    # a labelled item's reason is told in the paragraphs under it ("议题三：…" → "…以此作为…")
    under = [j for j, p in enumerate(passages) if p.heading and p.heading == passages[before.answer].text]
    purpose = matches(PURPOSE, question, language)  # "뭐 하러 한 거야?": told by what was done there
    reasons = [
        i
        for i in dict.fromkeys((before.answer, *under, *_better(int(order[0]), before.answer, lexical)))
        if (REASON.search(passages[i].text) or purpose and ACTIVITY.search(passages[i].text))
        and all(n in passages[i].text for n in own)
    ]
    return Operation("why", reasons[0] if reasons else None, unsaid=not reasons)


def _better(top: int, shown: int, lexical: np.ndarray | None) -> tuple[int, ...]:
    """``top`` when the question's words match it better than passage ``shown``."""
    return (top,) if lexical is None or lexical[top] > lexical[shown] else ()


def _attribute(
    question: str,
    language: str,
    resolution: Resolution,
    before: Turn,
    passages: Sequence[Passage],
    order: np.ndarray,
) -> Operation:
    """Another attribute of the event just shown ("and what time of day was this?"): its
    passage when that holds the kind of answer asked, else the best ranked other paragraph
    of the event that does, else whatever ranks first."""
    if "event told elsewhere" in resolution.reason and _bare(question, language):
        told = [int(i) for i in order if resolution.prior.get(int(i), 0.0) and int(i) != before.answer]
        return Operation("attribute", told[0] if told else None)
    same = "same event" in resolution.reason and _bare(question, language)
    if "same passage" in resolution.reason and (
        cue := SAME_PASSAGE.get(language)
    ):  # "その話、いつ言ったの？"
        same = same or _bare(cue.sub(" ", question), language)
    same = same or said_there(question, language, passages[before.answer].text)
    return Operation("attribute", before.answer if same else None)


def _step(
    step: int,
    question: str,
    language: str,
    earlier: Sequence[Turn],
    before: Turn,
    item: int | None,
    events: Sequence[Event],
    passages: Sequence[Passage],
    order: np.ndarray,
    lexical: np.ndarray | None,
    glossary: Glossary,
) -> Operation:
    """Next (``step`` 1) or previous (-1): the labelled item beside the one before, the act its
    passage tells after it, the next of a kind the follow-up names again, else the event
    beside in time."""
    name = "next" if step > 0 else "previous"
    if item is not None:  # "그 앞 의제는?": the item numbered one before
        return Operation(name, numbered(passages, item, passages[item].label + step))
    # "and after the ceremony, what came next?": from the earlier event it names, when it
    # ranks that one first
    start = _named_anchor(question, earlier, before, order, lexical, events, glossary)
    if (
        step > 0
        and start == before.answer
        and goes_on(passages[start].text, before.question, before.language, question, before.query, language)
    ):
        return Operation(name, start)  # "随后乘轿车离开车站": the next act, told in the same passage
    # "又搞演习了吗", "그 다음 훈련은?": the next of the kind it names again or as what it asks
    # for, not as where it steps from ("仪式之后呢": an anchor of its own)
    again = matches(AGAIN, question, language) or kind_asked(question, language)
    kind = step_of_kind(events, start, step, asked_actions(question)) if again else None
    return Operation(
        name, kind if kind is not None else step_in_time(events, start, step, [p.text for p in passages])
    )


def day_step(resolution: Resolution, before: Turn, passages: Sequence[Passage], order) -> Operation | None:
    """ "第二天呢？" after a schedule: the passage of its article that tells that day on its own
    ("…将于 28 日举行", "次日，特朗普说") and dates it so, the one before first, else the best ranked, not one that
    only spans it ("27 日至 28 日"); None when no passage of the article does (ranked as asked)."""
    step = 1 if "day +1" in resolution.reason else -1 if "day -1" in resolution.reason else 0
    days = [q for q in resolution.dates if q.surface == "context" and q.day]
    if not step or not days:
        return None
    day, article = days[0], passages[before.answer].article
    iso = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    told = [
        i
        for i, p in enumerate(passages)
        if p.article == article
        and iso in p.dates
        and (writes_day(p.text, day.day) or RELATIVE_DAY[step].search(p.text))
    ]
    ranked = [int(i) for i in order if int(i) in told]
    pin = before.answer if before.answer in told else ranked[0] if ranked else None
    return Operation("next" if step > 0 else "previous", pin) if pin is not None else None


def _bare(question: str, language: str) -> bool:
    """A follow-up asking an attribute and nothing else ("and what time of day was this?",
    "几点？", "Where was that held?"): no words of its own beyond a pointer, no verb of the page's."""
    rest = content_of(unasked(question, language), language)
    short = len(rest) <= 1 if re.search(f"[{CJK}]", rest) else len(rest.split()) <= 1
    return short and not page_verbs(question)


def said_there(question: str, language: str, text: str) -> bool:
    """A bare "who said that?" ("这话谁说的", "누가 그렇게 밝혔어?") of a passage that reports
    something said: it names who said it."""
    source = SOURCE.get(language)
    if not source or not source.search(question) or not _SAID.search(text):
        return False
    rest = content_of(source.sub(" ", question), language)
    return len(rest) <= 1 if re.search(f"[{CJK}]", rest) else len(rest.split()) <= 1


_SAID = re.compile(SAYING)
