"""Fitting the ranking's settings on eval questions: the three refusal floors
(``summit-qa calibrate``), and how far re-weighting the fused signals could move date@1
(``summit-qa ceiling``).

:func:`fusion_ceiling` searches the fusion's weights for the best date@1 on one set
(in-sample: the most a re-weighting could give) and reports what those weights give on
another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from summit_qa.answering.engine import SummitQA
from summit_qa.evaluation.sets import QAPair
from summit_qa.page.language import clean_question, detect_language
from summit_qa.retrieval.fusion import weight_vector
from summit_qa.retrieval.weights import RankingConfig


@dataclass(frozen=True)
class DatedSignals:
    """A dated answerable pair under the shipped config: every passage's fused signals, and
    which passages carry one of the pair's dates (none, when the question is refused)."""

    pair: QAPair
    signals: np.ndarray  # [passages, len(fusion.SIGNALS)]
    good: np.ndarray  # [passages] bool


def dated_signals(engine: SummitQA, pairs: list[QAPair]) -> list[DatedSignals]:
    shipped = engine.with_config(engine.config)
    dated = [p for p in pairs if p.dates and not p.out_of_scope]
    vectors = shipped.encode_questions([clean_question(p.question) for p in dated])
    out = []
    for pair, query in zip(dated, vectors, strict=True):
        ranking = shipped.rank(clean_question(pair.question), query)
        good = np.array([ranking.answered and p.date in pair.dates for p in engine.index.passages])
        out.append(DatedSignals(pair, ranking.signals.values, good))
    return out


def date_at_1(items: list[DatedSignals], weights: np.ndarray) -> float:
    """date@1 if the signals were fused with ``weights`` (ties go to the earlier passage, as in rank())."""
    if not items:
        return 0.0
    return float(np.mean([item.good[int(np.argmax(item.signals @ weights))] for item in items]))


def search_weights(
    items: list[DatedSignals], start: np.ndarray, trials: int, seed: int = 0
) -> tuple[np.ndarray, float]:
    """Random search, each weight between 0 and twice its shipped value, for the best date@1."""
    rng = np.random.default_rng(seed)
    best_weights, best = start.astype(np.float32), date_at_1(items, start)
    for _ in range(trials):
        weights = (rng.uniform(0.0, 2.0, len(start)) * start).astype(np.float32)
        value = date_at_1(items, weights)
        if value > best:
            best_weights, best = weights, value
    return best_weights, best


@dataclass(frozen=True)
class Ceiling:
    trials: int
    shipped_fit: float
    shipped_check: float
    best_fit: float  # the most any re-weighting reached on the fit set, measured on that set
    best_check: float  # ... and what those weights give on the check set
    weights: tuple[float, ...]


def fusion_ceiling(
    engine: SummitQA, fit: list[QAPair], check: list[QAPair], trials: int = 3000, seed: int = 0
) -> Ceiling:
    fit_items, check_items = dated_signals(engine, fit), dated_signals(engine, check)
    shipped = weight_vector(engine.config.weights())
    weights, best = search_weights(fit_items, shipped, trials, seed)
    return Ceiling(
        trials,
        date_at_1(fit_items, shipped),
        date_at_1(check_items, shipped),
        best,
        date_at_1(check_items, weights),
        tuple(round(float(w), 3) for w in weights),
    )


@dataclass(frozen=True)
class ScopeSample:
    """One eval question as the refusal floors see it."""

    pair: QAPair
    language: str
    best_dense: float
    glossary_terms: int
    dated: bool  # in scope whatever its cosine


def scope_samples(engine: SummitQA, pairs: list[QAPair]) -> list[ScopeSample]:
    questions = [clean_question(p.question) for p in pairs]
    vectors = engine.encode_questions(questions)
    out = []
    for pair, question, query in zip(pairs, questions, vectors, strict=True):
        r = engine.rank(question, query)
        out.append(ScopeSample(pair, detect_language(question), float(r.dense.max()), len(r.terms), r.dated))
    return out


def fit_floor(answerable: list[float], off_page: list[float], max_false_refusal: float) -> float | None:
    """The floor that refuses the most off-page questions while refusing at most
    ``max_false_refusal`` of the answerable ones, halfway into the gap below the
    answerable score it must keep (None without answerable scores)."""
    if not answerable:
        return None
    keep = sorted(answerable)[int(max_false_refusal * len(answerable))]
    below = [s for s in off_page if s < keep]
    if not below:
        return round(keep - 0.005, 4)
    return round((max(below) + keep) / 2, 4)


def calibrate_floors(
    samples: list[ScopeSample], config: RankingConfig, max_false_refusal: float = 0.02
) -> RankingConfig:
    """``config`` with its three refusal floors fitted on ``samples`` (dated questions,
    in scope whatever their cosine, are left out); a floor with no data is kept."""
    free = [s for s in samples if not s.dated]

    def split(group: list[ScopeSample]) -> tuple[list[float], list[float]]:
        answerable = [s.best_dense for s in group if not s.pair.out_of_scope]
        return answerable, [s.best_dense for s in group if s.pair.out_of_scope]

    same = fit_floor(*split([s for s in free if s.language == "zh"]), max_false_refusal)
    foreign = [s for s in free if s.language != "zh"]
    cross = fit_floor(*split(foreign), max_false_refusal)
    cross = cross if cross is not None else config.cross_language_floor
    named = [s for s in foreign if s.glossary_terms >= config.terms_for_lower_floor]
    with_terms = fit_floor(*split(named), max_false_refusal)
    return replace(
        config,
        same_language_floor=same if same is not None else config.same_language_floor,
        cross_language_floor=cross,
        cross_language_floor_with_terms=min(cross, with_terms) if with_terms is not None else cross,
    )
