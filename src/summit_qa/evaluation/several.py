"""Scoring answers that take several passages: recall and precision of the needed passages,
their order, counts, single-question controls and refusals, by kind and language.

A record's ``needs`` are verbatim substrings, each in exactly one passage; the answer must
show those passages.  A question is answered with its needed share when at least
``NEEDED_SHARE`` of them are shown.  A record of a several-passage kind without ``needs``
is right when one passage holding one of its answers is shown.  Plain questions
(kind ``question``) are the controls: the first passage answers and at most three are shown.
A record the page cannot answer (``answers`` and ``needs`` empty) is right when it is not
answered (refused, or the small-talk reply).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from summit_qa.evaluation.metrics import question_groups
from summit_qa.evaluation.sets import QAPair

NEEDED_SHARE = 0.8
LISTS = ("list", "count", "range")  # the kinds whose precision is measured
MAX_CONTROL_PASSAGES = 3


@dataclass(frozen=True)
class SeveralOutcome:
    pair: QAPair
    answered: bool
    shown: tuple[str, ...]  # the ids of the passages shown, in order
    answer_kind: str = "answer"
    needed: tuple[str, ...] = ()  # the ids of the passages the answer must show, in the order of needs
    recall: float | None = None
    precision: float | None = None
    in_order: bool | None = None
    count_right: bool | None = None
    count: int | None = None  # the answer's count
    first_right: bool | None = None  # a control: the first passage answers
    refused_right: bool | None = None  # the page cannot answer: not answered


@dataclass
class SeveralMetrics:
    """The figures of a group of several-passage outcomes; each ``None`` when no question of
    the group is measured by it, each beside how many are."""

    questions: int = 0
    multi: int = 0  # questions with needed passages
    needed_share: float | None = None  # share of those shown at least NEEDED_SHARE of them
    recall: float | None = None  # mean share of the needed passages shown
    lists: int = 0  # list, count and range questions that showed passages
    precision: float | None = None  # mean share of the shown passages that are needed
    ordered: int = 0  # questions with an order and at least two needed passages shown
    in_order: float | None = None  # share of those showing them in the order of needs
    counted: int = 0
    count_right: float | None = None  # share of count questions whose count is the record's
    controls: int = 0
    controls_hit1: float | None = None  # share of controls whose first passage answers
    controls_max3: float | None = None  # share of controls shown at most three passages
    unanswerable: int = 0
    refused: float | None = None  # share of unanswerable questions not answered
    misses: list[str] = field(default_factory=list)


def passage_of(substring: str, passages: Sequence) -> str | None:
    """The id of the one passage holding ``substring`` (None when none or several do)."""
    hits = [p.id for p in passages if substring in p.text]
    return hits[0] if len(hits) == 1 else None


def _needs(pair: QAPair, shown_passages: Sequence) -> tuple[str, ...]:
    if pair.needs:
        return pair.needs
    # any one passage holding an answer will do: the one shown if there is one
    held = [a for a in pair.answers if any(a in p.text for p in shown_passages)]
    return (held or list(pair.answers))[:1]


def score(pair: QAPair, answer, passages: Sequence) -> SeveralOutcome:
    """One record's outcome: ``answer`` is what the engine answered (an Answer or the like:
    ``passages``, ``kind``, ``answered``, ``count``), ``passages`` the page's passages."""
    shown_passages = list(answer.passages)
    shown = tuple(p.id for p in shown_passages)
    base = dict(pair=pair, answered=bool(answer.answered), shown=shown, answer_kind=answer.kind)
    if not pair.answers and not pair.needs:
        return SeveralOutcome(**base, refused_right=not answer.answered)
    if pair.kind == "question" and not pair.needs:
        first = bool(shown) and any(a in shown_passages[0].text for a in pair.answers)
        return SeveralOutcome(**base, first_right=first)
    found = (passage_of(need, passages) for need in _needs(pair, shown_passages))
    needed = tuple(dict.fromkeys(pid for pid in found if pid))
    hit = [pid for pid in needed if pid in shown]
    in_order = None
    if pair.order and len(hit) >= 2:
        positions = [shown.index(pid) for pid in hit]
        in_order = positions == sorted(positions)
    count = getattr(answer, "count", None)
    return SeveralOutcome(
        **base,
        needed=needed,
        recall=len(hit) / len(needed) if needed else None,
        precision=len(hit) / len(shown) if shown and pair.kind in LISTS else None,
        in_order=in_order,
        count_right=None if pair.count is None else count == pair.count,
        count=count,
    )


def _mean(values) -> float | None:
    values = [float(v) for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _miss(o: SeveralOutcome) -> str | None:
    """The line of the report's misses for an outcome that falls short, else None."""
    head = f"{o.pair.id} ({o.pair.kind}, answered as {o.answer_kind}, {len(o.shown)} shown"
    if o.refused_right is not None:
        return None if o.refused_right else f"{head}, the page cannot answer): {o.pair.question}"
    if o.first_right is not None:
        if o.first_right and len(o.shown) <= MAX_CONTROL_PASSAGES:
            return None
        return f"{head}, first {o.shown[0] if o.shown else '-'}): {o.pair.question}"
    faults = []
    if o.recall is not None and o.recall < NEEDED_SHARE:
        faults.append(f"needed {round(o.recall * len(o.needed))}/{len(o.needed)}")
    if o.in_order is False:
        faults.append("out of order")
    if o.count_right is False:
        faults.append(f"count {o.count} for {o.pair.count}")
    return f"{head}, {', '.join(faults)}): {o.pair.question}" if faults else None


def summarize(outcomes: Sequence[SeveralOutcome]) -> SeveralMetrics:
    multi = [o for o in outcomes if o.recall is not None]
    lists = [o for o in multi if o.precision is not None]
    ordered = [o for o in multi if o.in_order is not None]
    counted = [o for o in multi if o.count_right is not None]
    controls = [o for o in outcomes if o.first_right is not None]
    refusals = [o for o in outcomes if o.refused_right is not None]
    return SeveralMetrics(
        questions=len(outcomes),
        multi=len(multi),
        needed_share=_mean(o.recall >= NEEDED_SHARE for o in multi),  # type: ignore[operator]
        recall=_mean(o.recall for o in multi),
        lists=len(lists),
        precision=_mean(o.precision for o in lists),
        ordered=len(ordered),
        in_order=_mean(o.in_order for o in ordered),
        counted=len(counted),
        count_right=_mean(o.count_right for o in counted),
        controls=len(controls),
        controls_hit1=_mean(o.first_right for o in controls),
        controls_max3=_mean(len(o.shown) <= MAX_CONTROL_PASSAGES for o in controls),
        unanswerable=len(refusals),
        refused=_mean(o.refused_right for o in refusals),
        misses=[line for line in map(_miss, outcomes) if line],
    )


def several_groups(outcomes: Sequence[SeveralOutcome]) -> dict[str, SeveralMetrics]:
    """all, zh / en / other, each language and each kind (the controls as ``question``)."""
    return {name: summarize(items) for name, items in question_groups(outcomes, plain=True).items()}
