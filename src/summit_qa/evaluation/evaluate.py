"""The eval: every question of a set through the engine, under each baseline and the shipped
hybrid (single questions), or without and with the earlier turns (dialogues).

:func:`evaluate_set` reads a set and returns ``{column: {group: figures}}``, the shipped
configuration last; :mod:`summit_qa.evaluation.report` writes it, and
:mod:`summit_qa.evaluation.gates` checks it.  A set of questions needing several passages is
scored by :mod:`summit_qa.evaluation.several`; a set restating others' questions (``source``)
runs those too, as the group ``simplified``.
"""

from __future__ import annotations

from pathlib import Path

from summit_qa.answering.answer import SEVERAL, Answer
from summit_qa.answering.engine import Reply, SummitQA
from summit_qa.answering.ranking import QueryEncoding
from summit_qa.evaluation.baselines import baselines
from summit_qa.evaluation.metrics import Metrics, Outcome, dialogue_groups, question_groups, summarize
from summit_qa.evaluation.sets import Dialogue, QAPair, is_several_set, read_set, source_pairs
from summit_qa.evaluation.several import SeveralMetrics, several_groups
from summit_qa.evaluation.several import score as score_several
from summit_qa.page.language import clean_question
from summit_qa.retrieval.weights import RankingConfig

Results = dict[str, dict[str, Metrics]]
SeveralResults = dict[str, dict[str, SeveralMetrics]]
SHOWS = ("answer", *SEVERAL)  # the replies that show passages


def _rank(passages: list, pair: QAPair) -> int | None:
    """1-based rank of the first passage holding an answer."""
    return next((k for k, p in enumerate(passages, 1) if any(a in p.text for a in pair.answers)), None)


def _outcome(engine: SummitQA, pair: QAPair, reply: Reply, answer: Answer | None = None) -> Outcome:
    """Ranks are read in the order shown: the answer's passages (when it was asked for), then
    the rest of the ranking; ``ranked`` reads the ranking alone, whatever the reply."""
    ranking = reply.ranking
    ranked = [engine.index.passages[j] for j in ranking.order] if ranking else []
    shown = list(answer.passages) if answer is not None else []
    ids = {p.id for p in shown}
    shown += [p for p in ranked if p.id not in ids]
    answered = reply.kind in SHOWS
    rank = _rank(shown, pair) if answered else None
    ranked_rank = _rank(ranked, pair)
    right = shown[rank - 1] if rank else ranked[ranked_rank - 1] if ranked_rank else None
    first = shown[0] if answered and shown else None
    return Outcome(
        pair,
        answered,
        rank,
        ranked_rank,
        first.id if first else None,
        first.date if first else None,
        right.date if right else None,
        reply.kind,
        answer.passages[0].answer_date if answer is not None and answer.passages else None,
    )


def run(
    engine: SummitQA,
    pairs: list[QAPair],
    vectors: list[QueryEncoding] | None,
    histories: list[list[str]] | None = None,
) -> list[Outcome]:
    outcomes = []
    for i, pair in enumerate(pairs):
        history = histories[i] if histories else None
        query = None if vectors is None else vectors[i]
        reply = engine.respond(pair.question, history=history, query=query)
        answer = None
        if reply.selection is not None or pair.answer_date:  # what is shown is the answer's
            answer = engine.answer(pair.question, history=history, query=query)
        outcomes.append(_outcome(engine, pair, reply, answer))
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


def evaluate_several(
    engine: SummitQA, pairs: list[QAPair], configs: dict[str, RankingConfig] | None = None
) -> SeveralResults:
    """``{config: {group: SeveralMetrics}}``: each question answered as the chat answers it."""
    configs = configs or baselines(engine.config)
    vectors = engine.with_config(engine.config).encode_questions([clean_question(p.question) for p in pairs])
    passages = engine.index.passages
    results: SeveralResults = {}
    for name, config in configs.items():
        configured = engine.with_config(config)
        outcomes = [
            score_several(pair, configured.answer(pair.question, query=vector), passages)
            for pair, vector in zip(pairs, vectors, strict=True)
        ]
        results[name] = several_groups(outcomes)
    return results


def with_sources(engine: SummitQA, path: Path, pairs: list[QAPair]) -> Results:
    """The set's questions, and the ones they restate as the group ``simplified``."""
    results = evaluate(engine, pairs)
    sources = evaluate(engine, source_pairs(path, pairs))
    for name, groups in results.items():
        groups["simplified"] = sources[name]["all"]
    return results


def evaluate_set(engine: SummitQA, path: Path) -> Results | SeveralResults:
    """The set in ``path``: its single questions or its dialogues (a set holds one kind)."""
    items = read_set(path)
    dialogues = [item for item in items if isinstance(item, Dialogue)]
    if dialogues and len(dialogues) < len(items):
        raise ValueError(f"{path}: mixes dialogues and single questions; give each its own set")
    if dialogues:
        return evaluate_dialogues(engine, dialogues)
    pairs = [item for item in items if isinstance(item, QAPair)]
    if is_several_set(pairs):
        return evaluate_several(engine, pairs)
    if any(p.source for p in pairs):
        return with_sources(engine, path, pairs)
    return evaluate(engine, pairs)
