"""The eval: every question of a set through the engine, under each baseline and the shipped
hybrid (single questions), or without and with the earlier turns (dialogues).

:func:`evaluate_set` reads a set and returns ``{column: {group: Metrics}}``, the shipped
configuration last; :mod:`summit_qa.evaluation.report` writes it, and
:mod:`summit_qa.evaluation.gates` checks it.
"""

from __future__ import annotations

from pathlib import Path

from summit_qa.answering.engine import SummitQA
from summit_qa.answering.ranking import QueryEncoding
from summit_qa.evaluation.baselines import baselines
from summit_qa.evaluation.metrics import Metrics, Outcome, dialogue_groups, question_groups, summarize
from summit_qa.evaluation.sets import Dialogue, QAPair, read_set
from summit_qa.page.language import clean_question
from summit_qa.retrieval.weights import RankingConfig

Results = dict[str, dict[str, Metrics]]


def _outcome(engine: SummitQA, pair: QAPair, reply) -> Outcome:
    ranking = reply.ranking
    passages = [engine.index.passages[j] for j in ranking.order] if ranking else []
    rank = next(
        (k for k, p in enumerate(passages, 1) if any(a in p.text for a in pair.answers)),
        None,
    )
    right = passages[rank - 1] if rank else None
    answered = reply.kind == "answer"
    first = passages[0] if answered else None
    return Outcome(
        pair,
        answered,
        rank if answered else None,
        rank,
        first.id if first else None,
        first.date if first else None,
        right.date if right else None,
        reply.kind,
    )


def run(
    engine: SummitQA,
    pairs: list[QAPair],
    vectors: list[QueryEncoding] | None,
    histories: list[list[str]] | None = None,
) -> list[Outcome]:
    outcomes = []
    for i, pair in enumerate(pairs):
        reply = engine.respond(
            pair.question,
            history=histories[i] if histories else None,
            query=None if vectors is None else vectors[i],
        )
        outcomes.append(_outcome(engine, pair, reply))
    return outcomes


def evaluate(
    engine: SummitQA, pairs: list[QAPair], configs: dict[str, RankingConfig] | None = None
) -> Results:
    """``{config: {group: Metrics}}`` for the groups of :func:`metrics.question_groups`."""
    configs = configs or baselines(engine.config)
    # One encoding serves every config: each uses what it needs of it (the question's
    # vector and tokens, the glossary translation's vector when it ranks with it).
    vectors = engine.with_config(engine.config).encode_questions([clean_question(p.question) for p in pairs])
    results: Results = {}
    for name, config in configs.items():
        outcomes = run(engine.with_config(config), pairs, vectors)
        results[name] = {g: summarize(o) for g, o in question_groups(outcomes).items()}
    return results


def evaluate_dialogues(engine: SummitQA, dialogues: list[Dialogue]) -> Results:
    """Every turn of every dialogue, answered without and with the earlier turns as history."""
    pairs = [turn for d in dialogues for turn in d.turns]
    histories = [[t.question for t in d.turns[: turn.turn]] for d in dialogues for turn in d.turns]
    results = {}
    for name, given in (("without history", None), ("with history", histories)):
        outcomes = run(engine, pairs, None, given)
        results[name] = {g: summarize(o) for g, o in dialogue_groups(outcomes).items()}
    return results


def evaluate_set(engine: SummitQA, path: Path) -> Results:
    """The set in ``path``: its single questions or its dialogues (a set holds one kind)."""
    items = read_set(path)
    dialogues = [item for item in items if isinstance(item, Dialogue)]
    if dialogues and len(dialogues) < len(items):
        raise ValueError(f"{path}: mixes dialogues and single questions; give each its own set")
    if dialogues:
        return evaluate_dialogues(engine, dialogues)
    return evaluate(engine, [item for item in items if isinstance(item, QAPair)])
