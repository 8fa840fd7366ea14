"""What the eval counts: each question's outcome, and the figures of a group of outcomes.

hit@1, hit@3 and MRR of the first right passage (a refused answerable question counts as
a miss), date accuracy of the first passage and of the best-ranked right passage (the date
resolver alone), the share of questions the page cannot answer that are refused and of
answerable ones wrongly refused, and how small talk is told apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summit_qa.evaluation.sets import KINDS, QAPair

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
    reply: str = "answer"  # the Answer's kind: answer, refused, small_talk or empty


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
    return m


def question_groups(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """all, zh / en / other, each language, and each kind of question other than a plain one."""
    groups = {"all": outcomes}
    for group, langs in LANGUAGE_GROUPS.items():
        groups[group] = [o for o in outcomes if o.pair.lang in langs]
    for lang in sorted({o.pair.lang for o in outcomes}):
        groups.setdefault(lang, [o for o in outcomes if o.pair.lang == lang])
    for kind in KINDS[1:]:
        groups[kind] = [o for o in outcomes if o.pair.kind == kind]
    return {g: o for g, o in groups.items() if o}


def dialogue_groups(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """Every turn, first turns, follow-ups (those needing the earlier turns, and the
    self-contained ones), and follow-ups by language group."""
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
    return {g: o for g, o in groups.items() if o}
