"""What the eval counts: each question's outcome, and the figures of a group of outcomes.

hit@1, hit@3 and MRR of the first right passage (a refused answerable question counts as
a miss), date accuracy of the first passage and of the best-ranked right passage (the date
resolver alone), the share of questions the page cannot answer that are refused and of
answerable ones wrongly refused, and how small talk is told apart.  A set whose questions
carry ``answer_date`` adds the header date (:class:`DatedMetrics`); a dialogue set whose turns
carry an ``operation`` adds a group per operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Protocol, TypeVar

from summit_qa.evaluation.sets import KINDS, OPERATIONS, QAPair

LANGUAGE_GROUPS = {"zh": ("zh",), "en": ("en",), "other": ("ko", "ja", "vi")}


@dataclass(frozen=True)
class Outcome:
    pair: QAPair
    answered: bool
    rank: int | None  # 1-based rank of the first right passage; None if refused
    ranked: int | None  # the same, ignoring refusal (the ranking alone)
    first_id: str | None
    first_date: str | None
    right_date: str | None = None  # the date of the best-ranked right passage
    reply: str = "answer"  # the Answer's kind: answer, a several-passage kind, refused, small_talk, empty
    first_answer_date: str | None = None  # the date the first shown passage gives for what was asked


@dataclass
class Metrics:
    questions: int = 0
    hit1: float = 0.0
    hit1_ranked: float = 0.0
    hit3: float = 0.0
    mrr: float = 0.0
    date1: float | None = None
    right_date: float | None = None  # the resolver alone: is the best right passage dated right?
    out_of_scope: int = 0
    refused: float | None = None
    false_refusal: float | None = None
    smalltalk_items: int = 0
    smalltalk: float | None = None  # share of small talk given the small-talk reply
    answerable_as_smalltalk: int = 0  # answerable questions mistaken for small talk
    misses: list[str] = field(default_factory=list)


@dataclass
class DatedMetrics(Metrics):
    """A set whose questions name the day of the answer (``answer_date``): also the share of
    the questions whose first passage is right whose header gives that day."""

    header_items: int = 0  # answer_date given and the first passage right
    header_date: float | None = None


def _header_date(m: Metrics, outcomes: list[Outcome]) -> Metrics:
    dated = DatedMetrics(**asdict(m))
    right = [o for o in outcomes if o.pair.answer_date and o.rank == 1]
    dated.header_items = len(right)
    if right:
        dated.header_date = sum(o.first_answer_date == o.pair.answer_date for o in right) / len(right)
    return dated


def _answerable(m: Metrics, answerable: list[Outcome]) -> None:
    ranks = [o.rank for o in answerable]
    m.hit1 = sum(r == 1 for r in ranks) / len(ranks)
    m.hit1_ranked = sum(o.ranked == 1 for o in answerable) / len(answerable)
    m.hit3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    m.mrr = sum(1 / r for r in ranks if r) / len(ranks)
    m.false_refusal = sum(not o.answered for o in answerable) / len(answerable)
    m.answerable_as_smalltalk = sum(o.reply == "small_talk" for o in answerable)
    dated = [o for o in answerable if o.pair.dates]
    if dated:
        m.date1 = sum(o.first_date in o.pair.dates for o in dated) / len(dated)
        m.right_date = sum(o.right_date in o.pair.dates for o in dated) / len(dated)
    m.misses = [
        f"{o.pair.id} (rank {o.rank or '-'}, first {o.first_id or o.reply}): {o.pair.question}"
        for o in answerable
        if o.rank != 1
    ]


def summarize(outcomes: list[Outcome]) -> Metrics:
    talk = [o for o in outcomes if o.pair.kind == "smalltalk"]
    answerable = [o for o in outcomes if not o.pair.out_of_scope and o.pair.kind != "smalltalk"]
    off_page = [o for o in outcomes if o.pair.out_of_scope]
    m = Metrics(questions=len(answerable), out_of_scope=len(off_page), smalltalk_items=len(talk))
    if answerable:
        _answerable(m, answerable)
    if off_page:
        m.refused = sum(not o.answered for o in off_page) / len(off_page)
        m.misses += [
            f"{o.pair.id} (answered {o.first_id}): {o.pair.question}" for o in off_page if o.answered
        ]
    if talk:
        m.smalltalk = sum(o.reply == "small_talk" for o in talk) / len(talk)
        m.misses += [f"{o.pair.id} ({o.reply}): {o.pair.question}" for o in talk if o.reply != "small_talk"]
    if any(o.pair.answer_date for o in outcomes):
        return _header_date(m, outcomes)
    return m


class _Paired(Protocol):
    pair: QAPair


P = TypeVar("P", bound=_Paired)


def question_groups(outcomes: Sequence[P], plain: bool = False) -> dict[str, list[P]]:
    """all, zh / en / other, each language, and each kind of question other than a plain one
    (``plain``: the plain ones as well, as the group ``question``)."""
    groups = {"all": list(outcomes)}
    for group, langs in LANGUAGE_GROUPS.items():
        groups[group] = [o for o in outcomes if o.pair.lang in langs]
    for lang in sorted({o.pair.lang for o in outcomes}):
        groups.setdefault(lang, [o for o in outcomes if o.pair.lang == lang])
    for kind in KINDS if plain else KINDS[1:]:
        groups[kind] = [o for o in outcomes if o.pair.kind == kind]
    return {g: o for g, o in groups.items() if o}


def why_refused_as_right(o: Outcome) -> Outcome:
    """A "why" turn the page cannot answer is answered right by a refusal: counted among the
    answerable turns, with rank 1 when refused and a miss when passages are shown."""
    if o.pair.operation != "why" or not o.pair.out_of_scope:
        return o
    right = not o.answered
    return replace(
        o,
        pair=replace(o.pair, out_of_scope=False),
        answered=True,
        rank=1 if right else None,
        ranked=1 if right else None,
        reply="answer" if right else o.reply,
    )


def dialogue_groups(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """Every turn, first turns, follow-ups (those needing the earlier turns, and the
    self-contained ones), and follow-ups by language group; when the turns carry an
    operation, follow-ups by each language and by operation as well (a "why" turn the page
    cannot answer is right when refused: :func:`why_refused_as_right`)."""
    operations = any(o.pair.operation for o in outcomes)
    if operations:
        outcomes = [why_refused_as_right(o) for o in outcomes]
    follow = [o for o in outcomes if o.pair.turn > 0]
    groups = {
        "all": outcomes,
        "first": [o for o in outcomes if o.pair.turn == 0],
        "follow": follow,
        "context": [o for o in follow if o.pair.needs_context],
        "standalone": [o for o in follow if not o.pair.needs_context],
    }
    for group, langs in LANGUAGE_GROUPS.items():
        groups[f"follow_{group}"] = [o for o in follow if o.pair.lang in langs]
    if operations:
        for lang in sorted({o.pair.lang for o in follow}):
            groups.setdefault(f"follow_{lang}", [o for o in follow if o.pair.lang == lang])
        for operation in OPERATIONS[1:]:
            groups[operation] = [o for o in follow if o.pair.operation == operation]
    return {g: o for g, o in groups.items() if o}
