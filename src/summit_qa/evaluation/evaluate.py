"""The eval script: every QA pair through the ranker, baselines side by side.

For each configuration (lexical, dense or late interaction alone, ablations,
the shipped hybrid) and each language: hit@1, hit@3, MRR, date accuracy of the
first passage and of the best-ranked right passage (the resolver alone), the
share of out-of-scope questions refused and of answerable ones wrongly refused.  A
refused answerable question counts as a miss.  Writes ``eval/report.md`` and
``eval/report.json``; ``--require`` turns figures into a CI gate.

``fusion_ceiling`` asks how far the shipped signals could go at all: it searches
the fusion's weights for the best date@1 on one set (in-sample, the most a
re-weighting could give) and prints what those weights give on another.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from summit_qa.answering.engine import QueryEncoding, SummitQA
from summit_qa.evaluation.sets import KINDS, Dialogue, QAPair
from summit_qa.page.language import clean_question
from summit_qa.retrieval.fusion import weight_vector
from summit_qa.retrieval.weights import RankingConfig

LANGUAGE_GROUPS = {"zh": ("zh",), "en": ("en",), "other": ("ko", "ja", "vi")}
# The eval's columns, as changes to the engine's own config: the two retrievers alone,
# ablations, and the shipped hybrid (last).
BASELINES: dict[str, dict[str, object]] = {
    "lexical": dict(
        use_dense=False,
        use_late=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
    ),
    "dense": dict(
        use_lexical=False,
        use_late=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
        sentence_weight=0.0,
    ),
    "late": dict(
        use_dense=False,
        use_lexical=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
        late_sentence_weight=0.0,
    ),
    "hybrid-no-late": dict(use_late=False),
    "hybrid-jieba": dict(lexical_tokenizer="jieba"),
    "hybrid-no-glossary": dict(use_glossary=False),
    "hybrid-no-lexicon": dict(use_lexicon=False),
    "hybrid-no-temporal": dict(use_temporal_scope=False),
    "hybrid-no-phrase": dict(use_phrases=False, label_weight=0.0),
    "hybrid": {},
}


def baselines(shipped: RankingConfig) -> dict[str, RankingConfig]:
    """:data:`BASELINES` applied to ``shipped`` (the engine's config for its model)."""
    return {name: replace(shipped, **changes) for name, changes in BASELINES.items()}


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
        ranking = reply.ranking
        passages = [engine.index.passages[j] for j in ranking.order] if ranking else []
        rank = next(
            (k for k, p in enumerate(passages, 1) if any(a in p.text for a in pair.answers)),
            None,
        )
        right = passages[rank - 1] if rank else None
        answered = reply.kind == "answer"
        first = passages[0] if answered else None
        outcomes.append(
            Outcome(
                pair,
                answered,
                rank if answered else None,
                rank,
                first.id if first else None,
                first.date if first else None,
                right.date if right else None,
                reply.kind,
            )
        )
    return outcomes


def summarize(outcomes: list[Outcome]) -> Metrics:
    talk = [o for o in outcomes if o.pair.kind == "smalltalk"]
    answerable = [o for o in outcomes if not o.pair.out_of_scope and o.pair.kind != "smalltalk"]
    off_page = [o for o in outcomes if o.pair.out_of_scope]
    m = Metrics(questions=len(answerable), out_of_scope=len(off_page), smalltalk_items=len(talk))
    if answerable:
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
    if off_page:
        m.refused = sum(not o.answered for o in off_page) / len(off_page)
        m.misses += [
            f"{o.pair.id} (answered {o.first_id}): {o.pair.question}" for o in off_page if o.answered
        ]
    if talk:
        m.smalltalk = sum(o.reply == "small_talk" for o in talk) / len(talk)
        m.misses += [f"{o.pair.id} ({o.reply}): {o.pair.question}" for o in talk if o.reply != "small_talk"]
    return m


def _groups(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """all, zh / en / other, each language, and each kind of pair other than a plain question."""
    groups = {"all": outcomes}
    for group, langs in LANGUAGE_GROUPS.items():
        groups[group] = [o for o in outcomes if o.pair.lang in langs]
    for lang in sorted({o.pair.lang for o in outcomes}):
        groups.setdefault(lang, [o for o in outcomes if o.pair.lang == lang])
    for kind in KINDS[1:]:
        groups[kind] = [o for o in outcomes if o.pair.kind == kind]
    return {g: o for g, o in groups.items() if o}


def evaluate(engine: SummitQA, pairs: list[QAPair], configs: dict[str, RankingConfig] | None = None):
    """``{config: {group: Metrics}}`` for the groups of :func:`_groups`."""
    configs = configs or baselines(engine.config)
    # One encoding serves every config: each uses what it needs of it (the question's
    # vector and tokens, the glossary translation's vector when it ranks with it).
    vectors = engine.with_config(engine.config).encode_questions([clean_question(p.question) for p in pairs])
    results: dict[str, dict[str, Metrics]] = {}
    for name, config in configs.items():
        outcomes = run(engine.with_config(config), pairs, vectors)
        results[name] = {g: summarize(o) for g, o in _groups(outcomes).items()}
    return results


def _dialogue_groups(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
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


def evaluate_dialogues(engine: SummitQA, dialogues: list[Dialogue]) -> dict[str, dict[str, Metrics]]:
    """Every turn of every dialogue, answered without and with the earlier turns as history."""
    pairs = [turn for d in dialogues for turn in d.turns]
    histories = [[t.question for t in d.turns[: turn.turn]] for d in dialogues for turn in d.turns]
    results = {}
    for name, given in (("without history", None), ("with history", histories)):
        outcomes = run(engine, pairs, None, given)
        results[name] = {g: summarize(o) for g, o in _dialogue_groups(outcomes).items()}
    return results


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def markdown(results: dict[str, dict[str, Metrics]], model: str, qa_path: Path) -> str:
    configs = list(results)
    lines = [
        "# Eval report",
        "",
        f"Model `{model}`, pairs `{qa_path.name}`. Columns: {', '.join(configs)}. "
        "A refused answerable question counts as a miss.",
        "",
    ]
    header = "| group | n | metric | " + " | ".join(configs) + " |"
    lines += [header, "|" + " --- |" * (3 + len(configs))]
    groups = list(results[configs[0]])
    metrics = [
        ("hit@1", "hit1"),
        ("hit@1 ignoring refusal", "hit1_ranked"),
        ("hit@3", "hit3"),
        ("MRR", "mrr"),
        ("date@1", "date1"),
        ("date of the right passage", "right_date"),
        ("false refusal", "false_refusal"),
        ("out-of-scope refused", "refused"),
        ("small talk handled", "smalltalk"),
        ("answerable taken for small talk", "answerable_as_smalltalk"),
    ]
    has_talk = results[configs[0]]["all"].smalltalk_items > 0
    for group in groups:
        base = results[configs[0]][group]
        for label, key in metrics:
            values = [getattr(results[c][group], key) for c in configs]
            if all(v is None for v in values):
                continue
            if key == "refused":
                n = base.out_of_scope
            elif key == "smalltalk":
                n = base.smalltalk_items
            elif key == "answerable_as_smalltalk" and not has_talk:
                n = 0
            else:
                n = base.questions
            if not n:
                continue
            if key == "mrr":
                cells = [f"{v:.3f}" for v in values]
            elif key == "answerable_as_smalltalk":
                cells = [str(v) for v in values]
            else:
                cells = [_pct(v) for v in values]
            lines.append(f"| {group} | {n} | {label} | " + " | ".join(cells) + " |")
    shipped = configs[-1]
    lines += ["", f"## Misses of `{shipped}`", ""]
    lines += [f"- {m}" for m in results[shipped]["all"].misses] or ["- none"]
    return "\n".join(lines) + "\n"


_REQUIRE = re.compile(r"^(?P<metric>[a-z_0-9]+)(?:\.(?P<group>\w+))?\s*(?P<op>>=|<=)\s*(?P<value>[0-9.]+)$")


def check_requirements(metrics: dict[str, Metrics], requirements: list[str]) -> list[str]:
    """Failures of ``metric[.group]>=value`` / ``<=value`` rules on the shipped config."""
    failures = []
    for rule in requirements:
        m = _REQUIRE.match(rule.replace(" ", ""))
        if not m:
            failures.append(f"cannot read requirement {rule!r} (use e.g. hit1.zh>=0.92)")
            continue
        group = m["group"] or "all"
        value = getattr(metrics.get(group), m["metric"], None) if group in metrics else None
        if value is None:
            failures.append(f"{rule}: no such figure")
            continue
        ok = value >= float(m["value"]) if m["op"] == ">=" else value <= float(m["value"])
        if not ok:
            failures.append(f"{rule}: got {value:.3f}")
    return failures


def write_reports(results, model: str, qa_path: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.md").write_text(markdown(results, model, qa_path), encoding="utf-8")
    payload = {
        "model": model,
        "qa": qa_path.name,
        "results": {c: {g: asdict(m) for g, m in groups.items()} for c, groups in results.items()},
    }
    (out_dir / "report.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return out_dir / "report.md"


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


# ---------------------------------------------------------------- calibration
@dataclass(frozen=True)
class ScopeSample:
    """One eval question as the refusal floors see it."""

    pair: QAPair
    language: str
    best_dense: float
    glossary_terms: int
    dated: bool  # in scope whatever its cosine


def scope_samples(engine: SummitQA, pairs: list[QAPair]) -> list[ScopeSample]:
    from summit_qa.page.language import detect_language

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
