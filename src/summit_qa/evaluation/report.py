"""The eval's report: a markdown table (group × figure × column) with the shipped
configuration's misses, and the same figures as JSON (``report.md`` / ``report.json``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from summit_qa.evaluation.metrics import Metrics

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
]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _count(base: Metrics, key: str, has_talk: bool) -> int:
    """How many questions a figure is measured over."""
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
    has_talk = results[configs[0]]["all"].smalltalk_items > 0
    for group in results[configs[0]]:
        base = results[configs[0]][group]
        for label, key in FIGURES:
            values = [getattr(results[c][group], key) for c in configs]
            n = _count(base, key, has_talk)
            if all(v is None for v in values) or not n:
                continue
            lines.append(f"| {group} | {n} | {label} | " + " | ".join(_cells(key, values)) + " |")
    shipped = configs[-1]
    lines += ["", f"## Misses of `{shipped}`", ""]
    lines += [f"- {m}" for m in results[shipped]["all"].misses] or ["- none"]
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
