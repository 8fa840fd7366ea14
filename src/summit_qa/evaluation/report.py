"""The eval's report: a markdown table (group × figure × column) with the shipped
configuration's misses, and the same figures as JSON (``report.md`` / ``report.json``);
:func:`read_column` reads a report's column back."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from summit_qa.evaluation.metrics import DatedMetrics, Metrics
from summit_qa.evaluation.several import NEEDED_SHARE, SeveralMetrics

FIGURES = [
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
    ("header date of a right first passage", "header_date"),
]
# Several-passage sets: each figure and the field counting the questions it is measured over.
SEVERAL_FIGURES = [
    (f"needed share (recall ≥ {NEEDED_SHARE:.0%})", "needed_share", "multi"),
    ("recall of needed passages", "recall", "multi"),
    ("precision of lists", "precision", "lists"),
    ("in order", "in_order", "ordered"),
    ("count right", "count_right", "counted"),
    ("controls: first passage answers", "controls_hit1", "controls"),
    ("controls: at most 3 shown", "controls_max3", "controls"),
    ("unanswerable refused", "refused", "unanswerable"),
]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _count(base, key: str, has_talk: bool) -> int:
    """How many questions a figure is measured over."""
    if isinstance(base, SeveralMetrics):
        return next(getattr(base, n) for _, k, n in SEVERAL_FIGURES if k == key)
    if key == "header_date":
        return getattr(base, "header_items", 0)
    if key == "refused":
        return base.out_of_scope
    if key == "smalltalk":
        return base.smalltalk_items
    if key == "answerable_as_smalltalk" and not has_talk:
        return 0
    return base.questions


def _cells(key: str, values: list) -> list[str]:
    if key == "mrr":
        return [f"{v:.3f}" for v in values]
    if key == "answerable_as_smalltalk":
        return [str(v) for v in values]
    return [_pct(v) for v in values]


def _figures(metrics) -> list[tuple[str, str]]:
    if isinstance(metrics, SeveralMetrics):
        return [(label, key) for label, key, _ in SEVERAL_FIGURES]
    return FIGURES


def _misses(results, shipped: str) -> list[str]:
    lines = ["", f"## Misses of `{shipped}`", ""]
    lines += [f"- {m}" for m in results[shipped]["all"].misses] or ["- none"]
    if "simplified" in results[shipped]:
        lines += ["", f"## Misses of `{shipped}` on the questions restated (group simplified)", ""]
        lines += [f"- {m}" for m in results[shipped]["simplified"].misses] or ["- none"]
    return lines


SEVERAL_NOTE = (
    "Each question answered as the chat answers it. The needed passages are those holding a "
    "record's `needs`; n counts the questions each figure is measured over: precision over list, "
    "count and range questions that show passages, order over questions with an order and two "
    "needed passages shown; controls are single-fact questions; unanswerable ones are right when "
    "nothing is shown."
)


def markdown(results: dict[str, dict], model: str, qa_path: Path) -> str:
    configs = list(results)
    several = isinstance(results[configs[-1]]["all"], SeveralMetrics)
    note = SEVERAL_NOTE if several else "A refused answerable question counts as a miss."
    lines = [
        "# Eval report",
        "",
        f"Model `{model}`, pairs `{qa_path.name}`. Columns: {', '.join(configs)}. {note}",
        "",
    ]
    header = "| group | n | metric | " + " | ".join(configs) + " |"
    lines += [header, "|" + " --- |" * (3 + len(configs))]
    shipped = configs[-1]
    has_talk = getattr(results[shipped]["all"], "smalltalk_items", 0) > 0
    for group in results[configs[0]]:
        base = results[shipped][group]  # the counts are the shipped column's
        for label, key in _figures(base):
            values = [getattr(results[c][group], key, None) for c in configs]
            n = _count(base, key, has_talk)
            if all(v is None for v in values) or not n:
                continue
            lines.append(f"| {group} | {n} | {label} | " + " | ".join(_cells(key, values)) + " |")
    lines += _misses(results, shipped)
    return "\n".join(lines) + "\n"


def write_reports(results, model: str, qa_path: Path, out_dir: Path) -> Path:
    """``report.md`` and ``report.json`` in ``out_dir``; returns the markdown's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.md").write_text(markdown(results, model, qa_path), encoding="utf-8")
    payload = {
        "model": model,
        "qa": qa_path.name,
        "results": {c: {g: asdict(m) for g, m in groups.items()} for c, groups in results.items()},
    }
    (out_dir / "report.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return out_dir / "report.md"


def _figures_of(figures: dict):
    """A group's figures as read from report.json, as the class that wrote them."""
    if "needed_share" in figures:
        return SeveralMetrics(**figures)
    if "header_date" in figures:
        return DatedMetrics(**figures)
    return Metrics(**figures)


def read_column(report: Path, column: str | None = None) -> dict:
    """``{group: figures}`` of one column of a ``report.json`` (the shipped one, last, by default)."""
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    chosen = results[column or list(results)[-1]]
    return {group: _figures_of(figures) for group, figures in chosen.items()}
