"""What the eval counts for the new kinds of set, on hand-made records and fake replies (no
model): answers of several passages read in the order shown, the header date, the typed and
traditional groups (zh-Hant its own), the simplified sources, dialogue turns by operation."""

import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from summit_qa.evaluation.evaluate import run
from summit_qa.evaluation.gates import measure
from summit_qa.evaluation.metrics import (
    DatedMetrics,
    Metrics,
    Outcome,
    dialogue_groups,
    question_groups,
    summarize,
    why_refused_as_right,
)
from summit_qa.evaluation.report import markdown, read_column, write_reports
from summit_qa.evaluation.sets import QAPair, source_pairs


@dataclass(frozen=True)
class P:
    id: str
    text: str
    date: str | None = None
    answer_date: str | None = None


PAGE = [
    P("a", "甲事", "2019-02-26", "2019-02-26"),
    P("b", "乙事", "2019-02-25", "2019-02-27"),
    P("c", "丙事"),
]


@dataclass
class FakeEngine:
    """Replies as told: ``kinds[question]`` (answer by default) with the ranking a, b, c, and
    for a several-passage kind the selection ``selections[question]``."""

    kinds: dict = field(default_factory=dict)
    selections: dict = field(default_factory=dict)
    answers_asked: int = 0

    @property
    def index(self):
        return SimpleNamespace(passages=PAGE)

    def respond(self, question, history=None, query=None):
        kind = self.kinds.get(question, "answer")
        ranking = SimpleNamespace(order=[0, 1, 2])
        chosen = self.selections.get(question)
        selection = SimpleNamespace(passages=chosen) if chosen else None
        return SimpleNamespace(
            kind=kind, ranking=None if kind == "small_talk" else ranking, selection=selection
        )

    def answer(self, question, history=None, query=None):
        self.answers_asked += 1
        reply = self.respond(question)
        if reply.kind in ("refused", "small_talk"):
            return SimpleNamespace(kind=reply.kind, passages=[], answered=False)
        order = list(reply.selection.passages) if reply.selection else [0, 1, 2]
        return SimpleNamespace(kind=reply.kind, passages=[PAGE[i] for i in order], answered=True)


def q(question, answers=("乙事",), lang="zh", kind="question", **extra):
    off = not answers and kind != "smalltalk"
    return QAPair(f"id-{question}", lang, question, tuple(answers), kind=kind, out_of_scope=off, **extra)


def test_a_several_passage_reply_is_answered_and_read_in_the_order_shown():
    engine = FakeEngine(kinds={"列表": "list", "拒绝": "refused"}, selections={"列表": (1, 2)})
    plain, listed, refused = run(engine, [q("平常"), q("列表"), q("拒绝")], None)
    assert (plain.answered, plain.rank, plain.first_id) == (True, 2, "a")
    assert (listed.answered, listed.rank, listed.ranked, listed.first_id, listed.reply) == (
        True,
        1,
        2,
        "b",
        "list",
    )
    assert (refused.answered, refused.rank, refused.ranked) == (False, None, 2)
    assert engine.answers_asked == 1  # the answer is asked for only where it shows other passages


def test_the_header_date_of_a_right_first_passage():
    engine = FakeEngine(selections={"对": (1,)})
    pairs = [
        q("对", answer_date="2019-02-27"),  # right first, header right
        q("错", answers=("甲事",), answer_date="2019-02-25"),  # right first, header wrong
        q("远", answer_date="2019-02-27"),  # right passage second: not measured
    ]
    outcomes = run(engine, pairs, None)
    assert [o.first_answer_date for o in outcomes] == ["2019-02-27", "2019-02-26", "2019-02-26"]
    m = summarize(outcomes)
    assert isinstance(m, DatedMetrics) and (m.header_items, m.header_date) == (2, 0.5)
    assert not isinstance(summarize(run(FakeEngine(), [q("平常")], None)), DatedMetrics)


def test_a_dated_report_shows_the_header_date_and_reads_back(tmp_path):
    outcomes = run(FakeEngine(), [q("错", answers=("甲事",), answer_date="2019-02-26", lang="ko")], None)
    groups = {g: summarize(o) for g, o in question_groups(outcomes).items()}
    results = {"lexical": groups, "hybrid": groups}
    assert "| ko | 1 | header date of a right first passage | 100.0% | 100.0% |" in markdown(
        results, "fake", tmp_path / "dates.jsonl"
    )
    write_reports(results, "fake", tmp_path / "dates.jsonl", tmp_path)
    column = read_column(tmp_path / "report.json")
    assert isinstance(column["ko"], DatedMetrics) and measure(column, "header_date.other>=1").passed


def test_zh_hant_is_its_own_language_and_unanswerable_ones_are_right_without_a_passage():
    engine = FakeEngine(kinds={"乱码": "small_talk", "无解": "list"}, selections={"无解": (0,)})
    pairs = [
        q("繁體", lang="zh-Hant", kind="typo"),
        q("简体", lang="zh", kind="typo"),
        q("乱码", answers=(), lang="en", kind="gibberish"),
        q("无解", answers=(), lang="en", kind="keyword"),
    ]
    groups = {g: summarize(o) for g, o in question_groups(run(engine, pairs, None)).items()}
    assert list(groups) == ["all", "zh", "en", "zh-Hant", "keyword", "typo", "gibberish"]
    assert groups["zh-Hant"].questions == 1 and groups["zh"].questions == 1
    assert (groups["gibberish"].refused, groups["keyword"].refused, groups["en"].refused) == (1.0, 0.0, 0.5)
    assert measure(groups, "hit3.zh-Hant>=1").passed and measure(groups, "refused.gibberish>=1").passed


def test_the_sources_are_found_in_the_sets_of_the_same_split(tmp_path):
    def write(name, *records):
        lines = [
            json.dumps({"split": "dev", "kind": "question", "dates": [], **r}, ensure_ascii=False)
            for r in records
        ]
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    write("qa", {"id": "s-1", "lang": "zh", "question": "问一", "answers": ["甲事"]})
    write("more", {"id": "s-2", "lang": "zh", "question": "问二", "answers": []})
    (tmp_path / "heldout.jsonl").write_text("not read for a dev set\n", encoding="utf-8")
    restated = [q("問二", source="s-2"), q("問一", source="s-1")]
    assert [p.question for p in source_pairs(tmp_path / "trad.jsonl", restated)] == ["问二", "问一"]
    with pytest.raises(ValueError, match="s-9"):
        source_pairs(tmp_path / "trad.jsonl", [q("問九", source="s-9")])


def test_the_simplified_group_and_its_misses_in_the_report(tmp_path):
    m = Metrics(questions=1, hit1=0.0, misses=["zh-1 (rank 2, first a): 问"])
    results = {"hybrid": {"all": Metrics(questions=1, hit1=1.0), "simplified": m}}
    text = markdown(results, "fake", tmp_path / "traditional.jsonl")
    assert "| simplified | 1 | hit@1 | 0.0% |" in text
    assert text.endswith("(group simplified)\n\n- zh-1 (rank 2, first a): 问\n")


def turn(n, operation, answers=("乙事",), lang="zh", dialogue="d"):
    text = f"{dialogue}{n}"
    off = not answers
    return QAPair(
        f"{dialogue}.{n + 1}", lang, text, tuple(answers), out_of_scope=off, turn=n, operation=operation
    )


def _outcome(pair, answered, rank):
    return Outcome(pair, answered, rank, rank, "a" if answered else None, None)


def test_a_why_turn_the_page_cannot_answer_is_right_when_refused():
    refused = why_refused_as_right(_outcome(turn(1, "why", answers=()), False, None))
    assert (refused.pair.out_of_scope, refused.answered, refused.rank) == (False, True, 1)
    shown = why_refused_as_right(_outcome(turn(1, "why", answers=()), True, None))
    assert (shown.pair.out_of_scope, shown.rank) == (False, None)
    kept = _outcome(turn(1, "next", answers=()), False, None)
    assert why_refused_as_right(kept) is kept


def test_follow_ups_by_operation_and_language():
    outcomes = [
        _outcome(turn(0, "first"), True, 1),
        _outcome(turn(1, "next"), True, 2),
        _outcome(turn(2, "why", answers=()), False, None),
        _outcome(turn(0, "first", lang="ko", dialogue="k"), True, 1),
        _outcome(turn(1, "why", lang="ko", dialogue="k"), True, 1),
    ]
    groups = {g: summarize(o) for g, o in dialogue_groups(outcomes).items()}
    assert [g for g in groups if g not in ("all", "first", "follow", "context", "standalone")] == [
        "follow_zh",
        "follow_other",
        "follow_ko",
        "next",
        "why",
    ]
    assert (groups["why"].questions, groups["why"].hit1, groups["why"].refused) == (2, 1.0, None)
    assert (groups["next"].hit1, groups["next"].hit3, groups["follow_zh"].hit1) == (0.0, 1.0, 0.5)
    assert (groups["first"].questions, groups["follow"].questions) == (2, 3)


def test_dialogues_without_operations_group_as_before():
    outcomes = [_outcome(turn(0, None), True, 1), _outcome(turn(1, None, answers=()), False, None)]
    groups = dialogue_groups(outcomes)
    assert list(groups) == ["all", "first", "follow", "standalone", "follow_zh"]
    assert summarize(groups["follow"]).refused == 1.0
