"""The tables of docs/evaluation.md's Figures, rendered from the reports (``eval/reports/<set>/
report.json``): the shipped column of each set, and a dialogue set's column without history.

The document marks each generated region with a pair of comments naming what it holds::

    <!-- figures:start single -->
    ...
    <!-- figures:end single -->

:func:`rewrite` replaces every region's body; the prose around the regions is left as written.
A share reads ``94.9%`` (``100%`` and ``0%`` without decimals), beside how many questions it is
measured over in brackets: ``94.9% (59)``; a cell ``a / b`` reads dev / held-out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from summit_qa.evaluation.gates import measure
from summit_qa.evaluation.metrics import Metrics
from summit_qa.evaluation.report import SEVERAL_FIGURES, read_column
from summit_qa.evaluation.sets import KINDS
from summit_qa.evaluation.several import SeveralMetrics

Column = dict[str, Metrics] | dict[str, SeveralMetrics]
Reports = dict[str, Column]  # a set's shipped column by its name; "<set> without history" beside it

WITHOUT = "without history"
DIALOGUES = ("dialogues", "dialogues-2", "dialogues-heldout")
# The numbered sets multi-N, typed-N and dialogues-ops-N, written by people who never ran the
# product, each with its held-out part.
NUMBERED_SETS = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
SETS = (
    "qa",
    "heldout",
    "conversation",
    "conversation-2",
    "heldout-conversation",
    *DIALOGUES,
    "multi",
    "multi-heldout",
    "dates",
    "dates-heldout",
    "typed",
    "typed-heldout",
    "traditional",
    "traditional-heldout",
    "dialogues-ops",
    "dialogues-ops-heldout",
    *(
        f"{kind}-{n}{part}"
        for n in NUMBERED_SETS
        for kind in ("multi", "typed", "dialogues-ops")
        for part in ("", "-heldout")
    ),
)
# The field counting the questions a figure is measured over, where it is not ``questions``.
COUNTED_BY = {"refused": "out_of_scope", "smalltalk": "smalltalk_items", "header_date": "header_items"}
SEVERAL_COUNTED_BY = {key: count for _, key, count in SEVERAL_FIGURES}
WIDTH = 100  # the document's prose is wrapped at this width
_REGION = re.compile(r"(<!-- figures:start ([\w-]+) -->\n).*?(\n<!-- figures:end \2 -->)", re.S)


def read_reports(folder: Path) -> Reports:
    """Every set the Figures show, read from ``folder/<set>/report.json``."""
    reports: Reports = {}
    for name in SETS:
        path = folder / name / "report.json"
        if not path.is_file():
            raise ValueError(f"no report {path}: summit-qa eval --gates eval/gates.toml writes it")
        reports[name] = read_column(path)
        if name in DIALOGUES:
            reports[f"{name} {WITHOUT}"] = read_column(path, WITHOUT)
    return reports


def value(column: Column, metric: str, group: str = "all") -> float | None:
    """A figure of one group of a column; None when the report has none."""
    return measure(column, f"{metric}.{group}>=0").value


def count(column: Column, metric: str, group: str = "all") -> int:
    """How many questions ``metric`` of ``group`` is measured over."""
    several = isinstance(next(iter(column.values()), None), SeveralMetrics)
    field = (SEVERAL_COUNTED_BY if several else COUNTED_BY).get(metric, "questions")
    n = value(column, field, group)
    return 0 if n is None else int(n)


def pct(x: float | None) -> str:
    """``94.9%``; ``100%`` and ``0%`` without decimals; ``–`` when there is no figure."""
    if x is None:
        return "–"
    if x in (0, 1):
        return f"{100 * x:.0f}%"
    return f"{100 * x:.1f}%"


def counted(column: Column, metric: str, group: str = "all") -> str:
    """``94.9% (59)``: the share and how many questions it is measured over."""
    return f"{pct(value(column, metric, group))} ({count(column, metric, group)})"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; an empty cell reads ``| |``."""

    def line(cells: Sequence[str]) -> str:
        return "|" + "".join(f" {c} |" if c else " |" for c in cells)

    return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])


def _sets_header(first: str, sets: Sequence[str]) -> list[str]:
    return [first, *(f"`{s}`" for s in sets)]


def single(reports: Reports) -> str:
    """Single questions: hit@1 by language, hit@3, dates, refusals of ``qa`` and ``heldout``."""
    sets = ("qa", "heldout")
    rows = [
        ("Chinese", "hit1", "zh", True),
        ("English", "hit1", "en", True),
        ("Korean / Japanese / Vietnamese", "hit1", "other", True),
        ("hit@3, all", "hit3", "all", False),
        ("date of the first passage right", "date1", "all", False),
        ("date of the right passage", "right_date", "all", False),
        ("off-page questions refused", "refused", "all", True),
        ("answerable questions refused", "false_refusal", "all", False),
    ]
    body = [
        [label] + [counted(reports[s], m, g) if n else pct(value(reports[s], m, g)) for s in sets]
        for label, m, g, n in rows
    ]
    return table(_sets_header("hit@1", sets), body)


def conversation(reports: Reports) -> str:
    """Small talk, identity, near-miss and outcome questions of the conversation sets."""
    sets = ("conversation", "conversation-2", "heldout-conversation")
    rows = [
        ("small talk given the small-talk reply", "smalltalk", "smalltalk", sets),
        ("identity questions, right passage first", "hit1", "identity", sets),
        ("near-miss attribute questions refused", "refused", "near_miss", sets),
        ("outcome questions refused", "refused", "outcome", sets),
        ("outcome-looking answerable, right first", "hit1", "outcome_answerable", sets),
        ("Chinese questions, right first", "hit1", "zh", ("heldout-conversation",)),
    ]
    body = [
        [label] + [counted(reports[s], m, g) if s in shown else "" for s in sets]
        for label, m, g, shown in rows
    ]
    mistaken = [str(int(value(reports[s], "answerable_as_smalltalk") or 0)) for s in sets]
    body.insert(1, ["answerable questions taken for small talk", *mistaken])
    return table(_sets_header("figure", sets), body)


def _with_without(reports: Reports, name: str, group: str) -> str:
    with_, without = reports[name], reports[f"{name} {WITHOUT}"]
    shares = f"{pct(value(with_, 'hit1', group))} / {pct(value(without, 'hit1', group))}"
    return f"{shares} ({count(with_, 'hit1', group)})"


def _shares(column: Column, metric: str, groups: Sequence[str], counts: bool = True) -> str:
    """``63.0% / 81.0% (46 / 21)``: one figure of several groups, and their counts."""
    shares = " / ".join(pct(value(column, metric, g)) for g in groups)
    if not counts:
        return shares
    return f"{shares} ({' / '.join(str(count(column, metric, g)) for g in groups)})"


def dialogues(reports: Reports) -> str:
    """Follow-up turns of the dialogue sets, with the conversation and without it."""
    languages = ("follow_zh", "follow_en", "follow_other")
    columns = [reports[s] for s in DIALOGUES]
    body = [
        ["with the conversation", *(counted(c, "hit1", "follow") for c in columns)],
        [
            "without it (the turn alone)",
            *(pct(value(reports[f"{s} {WITHOUT}"], "hit1", "follow")) for s in DIALOGUES),
        ],
        [
            "… needing the earlier turns, with / without",
            *(_with_without(reports, s, "context") for s in DIALOGUES),
        ],
        ["… self-contained, with / without", *(_with_without(reports, s, "standalone") for s in DIALOGUES)],
        ["by language, with: zh / en / ko·ja·vi", *(_shares(c, "hit1", languages) for c in columns)],
        ["first turns, right first", *(counted(c, "hit1", "first") for c in columns)],
        ["unanswerable follow-ups refused", *(counted(c, "refused", "follow") for c in columns)],
    ]
    return table(_sets_header("follow-up turns, right passage first", DIALOGUES), body)


def _paired(dev: Column, held: Column, metric: str, group: str) -> str:
    return f"{counted(dev, metric, group)} / {counted(held, metric, group)}"


def several(reports: Reports, name: str = "multi") -> str:
    """Questions that take several passages: each figure by language, dev / held-out."""
    dev, held = reports[name], reports[f"{name}-heldout"]
    groups = ("all", "zh", "en", "other")
    rows = [
        ("needed share", "needed_share"),
        ("recall of needed passages", "recall"),
        ("precision of lists", "precision"),
        ("in order", "in_order"),
        ("count right", "count_right"),
        ("unanswerable refused", "refused"),
        ("controls: first passage answers", "controls_hit1"),
        ("controls: at most 3 shown", "controls_max3"),
    ]
    body = [[label, *(_paired(dev, held, metric, g) for g in groups)] for label, metric in rows]
    return table([f"`{name}` / `{name}-heldout`", "all", "zh", "en", "ko·ja·vi"], body)


def by_kind(reports: Reports, name: str = "multi") -> str:
    """The sentence giving the needed share of each kind of question, dev / held-out, wrapped."""
    dev, held = reports[name], reports[f"{name}-heldout"]
    kinds = [g for g in dev if g in KINDS and count(dev, "needed_share", g)]
    items = [f"{k} {_paired(dev, held, 'needed_share', k)}" for k in kinds]
    sentence = (
        f"By kind, `{name}`, needed share, dev / held-out: "
        + ", ".join(i.replace(" ", "\0") for i in items)
        + "."
    )
    return textwrap.fill(sentence, WIDTH, break_on_hyphens=False).replace("\0", " ")


def dates(reports: Reports) -> str:
    """Date questions: hit@1 and the header's date, by language, dev / held-out."""
    dev, held = reports["dates"], reports["dates-heldout"]
    groups = ("all", "zh", "en", "ko", "ja", "vi")
    rows = [("hit@1", "hit1"), ("header date of a right first passage", "header_date")]
    body = [[label, *(_paired(dev, held, metric, g) for g in groups)] for label, metric in rows]
    return table(["`dates` / `dates-heldout`", *groups], body)


def _hit_header(first: str, dev: str, held: str) -> list[str]:
    return [first] + [f"`{s}` {figure}" for s in (dev, held) for figure in ("hit@1", "hit@3")]


def _group_rows(reports: Reports, dev: str, held: str, rows: Sequence[tuple[str, tuple[str, ...]]]):
    """One row a list of groups: its words, each set's counts, then hit@1 and hit@3 of each set."""
    out = []
    for words, groups in rows:
        counts = "; ".join(" / ".join(str(count(reports[s], "hit1", g)) for g in groups) for s in (dev, held))
        figures = [
            _shares(reports[s], m, groups, counts=False) for s in (dev, held) for m in ("hit1", "hit3")
        ]
        out.append([f"{words} ({counts})", *figures])
    return out


def typed(reports: Reports, name: str = "typed") -> str:
    """Questions typed as people type them: by language and by kind, dev and held-out."""
    groups = [
        ("all",),
        ("zh", "en", "ko", "ja", "vi", "zh-Hant"),
        ("keyword", "typo", "romanization", "date_form"),
        ("mixed", "long", "informal"),
    ]
    sets = (name, f"{name}-heldout")
    body = _group_rows(reports, *sets, [(" / ".join(g), g) for g in groups])
    refused = [" / ".join(counted(reports[s], "refused", g) for g in ("all", "gibberish")) for s in sets]
    body.append(["given no passage: the page cannot answer / gibberish", refused[0], "", refused[1], ""])
    return table(_hit_header(f"`{sets[0]}` / `{sets[1]}`; n dev; held-out", *sets), body)


def traditional(reports: Reports) -> str:
    """Questions in traditional characters and the same in simplified, dev and held-out."""
    sets = ("traditional", "traditional-heldout")
    first = "answerable: " + ", ".join(f"`{s}` {count(reports[s], 'hit1')}" for s in sets)
    rows = [
        ("in traditional characters (`zh-Hant`)", "zh-Hant"),
        ("the same questions in simplified characters (`simplified`)", "simplified"),
    ]
    body = [
        [label, *(pct(value(reports[s], m, g)) for s in sets for m in ("hit1", "hit3"))] for label, g in rows
    ]
    return table(_hit_header(first, *sets), body)


def operations(reports: Reports, name: str = "dialogues-ops") -> str:
    """Conversations that walk the events: first turns, follow-ups by operation and language."""
    rows = [
        ("first turns", ("first",)),
        ("follow-ups", ("follow",)),
        ("next / previous / nth", ("next", "previous", "nth")),
        ("actor / attribute / why", ("actor", "attribute", "why")),
        ("return / other", ("return", "other")),
        (
            "follow-ups zh / en / ko / ja / vi",
            tuple(f"follow_{lang}" for lang in ("zh", "en", "ko", "ja", "vi")),
        ),
    ]
    sets = (name, f"{name}-heldout")
    body = _group_rows(reports, *sets, rows)
    first = f"`{sets[0]}` / `{sets[1]}`, with the conversation; n dev; held-out"
    return table(_hit_header(first, *sets), body)


# What each named region of the document holds, in order, a blank line between the parts.
REGIONS: dict[str, tuple[Callable[[Reports], str], ...]] = {
    "single": (single,),
    "conversations": (conversation, dialogues),
    "several": (several, by_kind, dates, typed, traditional, operations),
    # sets written blind, by people who never ran the product, each with its held-out part
    "fresh": tuple(
        part
        for n in NUMBERED_SETS
        for part in (
            partial(several, name=f"multi-{n}"),
            partial(by_kind, name=f"multi-{n}"),
            partial(typed, name=f"typed-{n}"),
            partial(operations, name=f"dialogues-ops-{n}"),
        )
    ),
}


def render(name: str, reports: Reports) -> str:
    """The body of the region ``name``."""
    if name not in REGIONS:
        raise ValueError(f"unknown figures region {name!r}: use one of {', '.join(REGIONS)}")
    return "\n\n".join(part(reports) for part in REGIONS[name])


def rewrite(text: str, reports: Reports) -> str:
    """``text`` with the body of every figures region rendered anew from ``reports``."""
    if not _REGION.search(text):
        raise ValueError("no <!-- figures:start NAME --> ... <!-- figures:end NAME --> region")
    return _REGION.sub(lambda m: f"{m[1]}\n{render(m[2], reports)}\n{m[3]}", text)


def write_figures(doc: Path, reports_folder: Path) -> bool:
    """``doc``'s figures rewritten from the reports in ``reports_folder``; whether it changed."""
    text = doc.read_text(encoding="utf-8")
    new = rewrite(text, read_reports(reports_folder))
    if new != text:
        doc.write_text(new, encoding="utf-8")
    return new != text
