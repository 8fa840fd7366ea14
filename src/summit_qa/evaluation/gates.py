"""Gates: rules ``metric[.group]>=value`` or ``<=value`` on the shipped configuration's
figures, and the gates file (``eval/gates.toml``) that names, for each set, its rules and why
each holds.

A gates file is TOML with one ``[[gate]]`` table per rule::

    [[gate]]
    set = "qa"                  # eval/sets/qa.jsonl beside the gates file
    rule = "hit1.zh>=0.92"      # a figure of report.json's shipped column: metric.group
    why = "..."                 # the property of the product the rule keeps

The metric is a field of :class:`~summit_qa.evaluation.metrics.Metrics` (hit1, hit3,
date1, false_refusal, refused, smalltalk, header_date, ...) or, for a set of several-passage
questions, of :class:`~summit_qa.evaluation.several.SeveralMetrics` (needed_share, recall,
precision, in_order, count_right, controls_hit1, controls_max3, refused); the group a row of
the report (all when left out: zh, zh-Hant, en, other, a language, a kind, first, follow, an
operation such as why, simplified, ...).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from summit_qa.evaluation.metrics import Metrics
from summit_qa.evaluation.several import SeveralMetrics

_RULE = re.compile(r"^(?P<metric>[a-z_0-9]+)(?:\.(?P<group>[\w-]+))?\s*(?P<op>>=|<=)\s*(?P<value>[0-9.]+)$")


@dataclass(frozen=True)
class Gate:
    set: str
    rule: str
    why: str = ""


@dataclass(frozen=True)
class Check:
    """A rule measured: the figure (None when the report has no such figure) and whether it passes."""

    rule: str
    value: float | None
    passed: bool
    problem: str = ""  # why it fails, in words


def measure(metrics: dict[str, Metrics] | dict[str, SeveralMetrics], rule: str) -> Check:
    """``rule`` against one column of a report (``{group: Metrics}``)."""
    m = _RULE.match(rule.replace(" ", ""))
    if not m:
        return Check(rule, None, False, f"cannot read requirement {rule!r} (use e.g. hit1.zh>=0.92)")
    group = m["group"] or "all"
    value = getattr(metrics.get(group), m["metric"], None) if group in metrics else None
    if not isinstance(value, int | float):
        return Check(rule, None, False, f"{rule}: no such figure")
    limit = float(m["value"])
    passed = value >= limit if m["op"] == ">=" else value <= limit
    return Check(rule, float(value), passed, "" if passed else f"{rule}: got {value:.3f}")


def check_requirements(
    metrics: dict[str, Metrics] | dict[str, SeveralMetrics], requirements: list[str]
) -> list[str]:
    """Failures of ``metric[.group]>=value`` / ``<=value`` rules on the shipped config."""
    return [check.problem for check in (measure(metrics, rule) for rule in requirements) if not check.passed]


def read_gates(path: Path) -> list[Gate]:
    """The ``[[gate]]`` tables of ``path``, in order; a malformed one is an error naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not TOML ({exc})") from exc
    tables = data.get("gate")
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{path}: no [[gate]] tables")
    gates = []
    for n, table in enumerate(tables, 1):
        unknown = set(table) - {"set", "rule", "why"}
        if unknown or not isinstance(table.get("set"), str) or not isinstance(table.get("rule"), str):
            raise ValueError(f"{path}: gate {n} needs a set and a rule (and a why), got {sorted(table)}")
        if not _RULE.match(table["rule"].replace(" ", "")):
            raise ValueError(f"{path}: gate {n}: cannot read rule {table['rule']!r}")
        gates.append(Gate(table["set"], table["rule"], str(table.get("why", ""))))
    return gates


def gated_sets(gates: list[Gate]) -> list[str]:
    """The sets the gates name, in the order they first appear."""
    return list(dict.fromkeys(gate.set for gate in gates))


def check_gates(
    gates: list[Gate], name: str, metrics: dict[str, Metrics] | dict[str, SeveralMetrics]
) -> list[tuple[Gate, Check]]:
    """Every gate of set ``name`` measured on the set's shipped column."""
    return [(gate, measure(metrics, gate.rule)) for gate in gates if gate.set == name]


def gate_line(gate: Gate, check: Check) -> str:
    """``PASS  qa  hit1.zh>=0.92  0.949  why``: one line a gate, for the console."""
    value = "–" if check.value is None else f"{check.value:.3f}"
    verdict = "PASS" if check.passed else "FAIL"
    return f"{verdict}  {gate.set}  {gate.rule}  {value}  {gate.why}"
