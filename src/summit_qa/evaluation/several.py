"""Scoring answers that take several passages: recall and precision of the needed passages,
their order, counts, single-question controls and refusals, by class and language.

A record's ``needs`` are verbatim substrings, each in exactly one passage; the
answer must show those passages.  A question is answered with its needed share
when at least ``NEEDED_SHARE`` of them are shown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

NEEDED_SHARE = 0.8


@dataclass
class SeveralOutcome:
    id: str
    lang: str
    kind: str
    split: str
    answered: bool
    shown: list[str]
    needed: list[str] = field(default_factory=list)
    recall: float | None = None
    precision: float | None = None
    in_order: bool | None = None
    count_right: bool | None = None
    first_right: bool | None = None  # single controls: the first passage answers
    refused_right: bool | None = None  # the page cannot answer: refused
    answer_kind: str = ""


def _passage_of(substring: str, passages) -> str | None:
    hits = [p.id for p in passages if substring in p.text]
    return hits[0] if len(hits) == 1 else None


def score(record: dict, answer, passages) -> SeveralOutcome:
    shown = [p.id for p in answer.passages]
    out = SeveralOutcome(
        record["id"],
        record["lang"],
        record.get("kind", "question"),
        record.get("split", "dev"),
        answer.answered,
        shown,
        answer_kind=answer.kind,
    )
    needs = record.get("needs") or []
    if not record.get("answers") and not needs:
        out.refused_right = not answer.answered
        return out
    if record.get("kind", "question") == "question":
        out.first_right = bool(shown) and any(a in answer.passages[0].text for a in record["answers"])
        return out
    if not needs:  # a set question any of whose passages answers: one of them shown
        needs = [
            next(
                (a for a in record["answers"] if any(a in p.text for p in answer.passages)),
                record["answers"][0],
            )
        ]
    needed = [pid for pid in (_passage_of(n, passages) for n in needs) if pid]
    out.needed = needed
    hit = [pid for pid in needed if pid in shown]
    out.recall = len(hit) / len(needed) if needed else None
    out.precision = len(hit) / len(shown) if shown else 0.0
    if record.get("order") and len(hit) >= 2:
        positions = [shown.index(pid) for pid in needed if pid in shown]
        out.in_order = positions == sorted(positions)
    if "count" in record:
        out.count_right = answer.count == record["count"]
    return out


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def summarize(outcomes: list[SeveralOutcome]) -> dict[str, float | int | None]:
    multi = [o for o in outcomes if o.recall is not None]
    lists = [o for o in multi if o.kind in ("list", "count", "range")]
    controls = [o for o in outcomes if o.first_right is not None]
    refusals = [o for o in outcomes if o.refused_right is not None]
    return {
        "n": len(outcomes),
        "multi": len(multi),
        "needed_share": _mean(float(o.recall >= NEEDED_SHARE) for o in multi),
        "recall": _mean(o.recall for o in multi),
        "precision_lists": _mean(o.precision for o in lists),
        "in_order": _mean(float(o.in_order) for o in multi if o.in_order is not None),
        "count_right": _mean(float(o.count_right) for o in multi if o.count_right is not None),
        "controls_hit1": _mean(float(o.first_right) for o in controls),
        "controls_at_most_3": _mean(float(len(o.shown) <= 3) for o in controls),
        "refused": _mean(float(o.refused_right) for o in refusals),
    }


def by_group(outcomes: list[SeveralOutcome]) -> dict[str, dict]:
    groups: dict[str, list[SeveralOutcome]] = defaultdict(list)
    for o in outcomes:
        groups["all"].append(o)
        groups[f"kind.{o.kind}"].append(o)
        groups[f"lang.{o.lang}"].append(o)
    return {name: summarize(items) for name, items in sorted(groups.items())}


def run(engine, path: Path) -> tuple[list[SeveralOutcome], dict[str, dict]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages = engine.index.passages
    outcomes = [score(r, engine.answer(r["question"]), passages) for r in records]
    return outcomes, by_group(outcomes)
