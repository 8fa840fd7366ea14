"""Eval sets: ``eval/sets/<name>.jsonl``, one record a line, in the schema of ``eval/schema.json``.

A record is a single question (``question``, ``answers``, ``dates``) or a dialogue
(``kind: "dialogue"`` and its ``turns``).  ``answers`` are verbatim substrings of the page:
a shown passage holding one of them is a right answer; ``[]`` means the page cannot answer
(small talk aside, such a question should be refused).  :func:`read_set` reads both kinds;
:func:`load_pairs` and :func:`load_dialogues` ask for one.  The full schema check (JSON
Schema) runs in the tests; this reader checks what the eval relies on, naming the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summit_qa.settings import EVAL_DIR

SETS_DIR = EVAL_DIR / "sets" if EVAL_DIR else None
REPORTS_DIR = EVAL_DIR / "reports" if EVAL_DIR else None
SPLITS = ("dev", "held-out")

# What a single question is (its "kind").  Each kind but "question" is a group of its
# own in the report; a set's groups appear in this order.
KINDS = (
    "question",
    "smalltalk",
    "identity",
    "near_miss",
    "outcome",
    "outcome_answerable",
    # answers spread over several passages
    "list",
    "count",
    "range",
    "enumeration",
    "overview",
    "compare",
    "ordinal",
    "page",
    # the same facts asked in another form
    "keyword",
    "typo",
    "romanization",
    "date_form",
    "mixed",
    "long",
    "informal",
    "gibberish",
    "traditional",
)
# The kinds whose answer shows several passages (or one of a series), scored by
# :mod:`summit_qa.evaluation.several`.
SEVERAL_KINDS = ("list", "count", "range", "enumeration", "overview", "compare", "ordinal", "page")
OPERATIONS = ("first", "next", "previous", "nth", "actor", "attribute", "why", "return", "other")


@dataclass(frozen=True)
class QAPair:
    id: str
    lang: str
    question: str
    answers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    out_of_scope: bool = False  # answers == [] and not small talk: the page cannot answer
    kind: str = "question"
    turn: int = 0  # in a dialogue: 0 for the first turn, then 1, 2, ...
    needs_context: bool = False  # in a dialogue: cannot be understood without the earlier turns
    split: str = "dev"
    needs: tuple[str, ...] = ()  # each names one passage the answer must show
    answer_date: str | None = None  # the day the right answer's header must show
    operation: str | None = None  # in a dialogue: what the follow-up asks of the earlier turns
    order: str | None = None  # "chronological" or "page": the needed passages come in the order of needs
    count: int | None = None  # a count question: how many passages of the page the answer counts
    source: str | None = None  # the id of the record this one restates in another form


@dataclass(frozen=True)
class Dialogue:
    id: str
    lang: str
    turns: tuple[QAPair, ...]
    split: str = "dev"


def set_name(path: Path) -> str:
    """``eval/sets/heldout.jsonl`` → ``heldout``: the name its report folder takes."""
    return path.name.removesuffix(".jsonl")


def set_path(name: str) -> Path:
    """The file of the set called ``name`` in this checkout's ``eval/sets/``."""
    if SETS_DIR is None:
        raise ValueError(f"no eval/ folder beside an installed package: pass the file of {name!r}")
    return SETS_DIR / f"{name}.jsonl"


def all_sets(folder: Path | None = None) -> list[Path]:
    folder = folder or SETS_DIR
    if folder is None:
        raise ValueError("no eval/ folder beside an installed package: name the sets")
    return sorted(folder.glob("*.jsonl"))


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            yield n, record


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ValueError(f"{key!r} must be a list of non-empty strings")
    return tuple(values)


def _pair(raw: dict, lang: str, split: str, **extra) -> QAPair:
    kind = extra.pop("kind", raw.get("kind", "question"))
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    question = raw["question"]
    if not isinstance(question, str) or not question:
        raise ValueError("'question' must be a non-empty string")
    answers = _strings(raw, "answers")
    if kind == "smalltalk" and answers:
        raise ValueError("small talk has no answers on the page")
    operation = raw.get("operation")
    if operation is not None and operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}")
    return QAPair(
        id=raw["id"],
        lang=lang,
        question=question,
        answers=answers,
        dates=_strings(raw, "dates"),
        out_of_scope=not answers and kind != "smalltalk",
        kind=kind,
        split=split,
        needs=_strings(raw, "needs"),
        answer_date=raw.get("answer_date"),
        operation=operation,
        order=raw.get("order"),
        count=raw.get("count"),
        source=raw.get("source"),
        **extra,
    )


def _dialogue(raw: dict, split: str) -> Dialogue:
    turns = []
    for i, turn in enumerate(raw["turns"]):
        if not isinstance(turn, dict):
            raise ValueError(f"turn {i + 1} is not an object")
        needs_context = turn.get("needs_context")
        if not isinstance(needs_context, bool):
            raise ValueError(f"turn {i + 1}: 'needs_context' must be true or false")
        turns.append(_pair(turn, raw["lang"], split, kind="question", turn=i, needs_context=needs_context))
    if not turns:
        raise ValueError("no turns")
    return Dialogue(raw["id"], raw["lang"], tuple(turns), split)


def read_set(path: Path) -> list[QAPair | Dialogue]:
    """Every record of ``path``: a :class:`QAPair` per question, a :class:`Dialogue` per dialogue."""
    items: list[QAPair | Dialogue] = []
    for n, raw in _records(path):
        try:
            split = raw["split"]
            if split not in SPLITS:
                raise ValueError(f"split {split!r} is not one of {', '.join(SPLITS)}")
            if raw.get("kind") == "dialogue":
                items.append(_dialogue(raw, split))
            else:
                items.append(_pair(raw, raw["lang"], split))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not an eval record ({exc!r})") from exc
    return items


def is_dialogue_file(path: Path) -> bool:
    """True when the set's records are dialogues."""
    first = next(_records(path), None)
    return bool(first) and first[1].get("kind") == "dialogue"


def load_pairs(path: Path) -> list[QAPair]:
    items = read_set(path)
    if any(isinstance(item, Dialogue) for item in items):
        raise ValueError(f"{path}: holds dialogues, where single questions were expected")
    return items  # type: ignore[return-value]


def load_dialogues(path: Path) -> list[Dialogue]:
    items = read_set(path)
    if any(isinstance(item, QAPair) for item in items):
        raise ValueError(f"{path}: holds single questions, where dialogues were expected")
    return items  # type: ignore[return-value]


def is_several_set(pairs: list[QAPair]) -> bool:
    """True when some question of the set needs several passages (``needs`` or its kind)."""
    return any(p.needs or p.kind in SEVERAL_KINDS for p in pairs)


def source_pairs(path: Path, pairs: list[QAPair]) -> list[QAPair]:
    """The records ``pairs`` restate (their ``source`` ids), in the pairs' order, found in the
    other sets of ``path``'s folder of the same split (held-out sets for a held-out set)."""
    wanted = {p.source for p in pairs if p.source}
    held_out = "heldout" in set_name(path)
    found: dict[str, QAPair] = {}
    for other in all_sets(path.parent):
        if other == path or ("heldout" in set_name(other)) != held_out or wanted <= set(found):
            continue
        found |= {q.id: q for q in questions(read_set(other)) if q.id in wanted}
    missing = sorted(wanted - set(found))
    if missing:
        raise ValueError(f"{path}: no set beside it holds the source(s) {', '.join(missing)}")
    return [found[p.source] for p in pairs if p.source]


def questions(items: list[QAPair | Dialogue]) -> list[QAPair]:
    """The set's questions: each single question, and each turn of each dialogue."""
    return [q for item in items for q in (item.turns if isinstance(item, Dialogue) else (item,))]
