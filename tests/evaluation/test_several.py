"""Scoring several-passage answers: recall and precision of the needed passages, order, counts,
controls and refusals, by kind and language; on hand-made records and answers (no model)."""

from dataclasses import dataclass, field

import pytest

from summit_qa.evaluation.report import markdown, read_column, write_reports
from summit_qa.evaluation.sets import QAPair
from summit_qa.evaluation.several import SeveralMetrics, score, several_groups, summarize


@dataclass(frozen=True)
class P:
    id: str
    text: str
    date: str | None = None
    answer_date: str | None = None


@dataclass
class A:
    """What the scorer reads of an Answer."""

    kind: str = "answer"
    passages: list = field(default_factory=list)
    count: int | None = None

    @property
    def answered(self) -> bool:
        return self.kind not in ("refused", "small_talk", "empty")


PAGE = [
    P("t-0", "一月 甲事"),
    P("t-1", "二月 乙事"),
    P("t-2", "三月 丙事"),
    P("t-3", "四月 丁事"),
    P("x", "别的"),
]


def _by_id(*ids):
    return [next(p for p in PAGE if p.id == i) for i in ids]


def pair(kind="list", answers=("甲事",), needs=(), lang="zh", order=None, count=None, id="r"):
    return QAPair(id, lang, "问题？", tuple(answers), kind=kind, needs=tuple(needs), order=order, count=count)


def test_recall_precision_order_and_count_of_a_list():
    record = pair("count", needs=("甲事", "乙事", "丙事"), order="chronological", count=3)
    o = score(record, A("count", _by_id("t-0", "x", "t-1", "t-2"), count=3), PAGE)
    assert o.needed == ("t-0", "t-1", "t-2")
    assert (o.recall, o.precision, o.in_order, o.count_right) == (1.0, 0.75, True, True)
    o = score(record, A("count", _by_id("t-1", "t-0"), count=2), PAGE)
    assert (round(o.recall, 3), o.precision, o.in_order, o.count_right) == (0.667, 1.0, False, False)


def test_order_needs_two_needed_passages_shown_and_precision_only_for_lists():
    record = pair("compare", needs=("甲事", "乙事"), order="page")
    o = score(record, A("compare", _by_id("t-0", "x")), PAGE)
    assert (o.recall, o.in_order, o.precision) == (0.5, None, None)


def test_a_several_kind_without_needs_is_right_with_any_answering_passage():
    record = pair("page", answers=("丙事", "丁事"))
    assert score(record, A("page", _by_id("x", "t-3")), PAGE).recall == 1.0
    missed = score(record, A("page", _by_id("x")), PAGE)
    assert (missed.needed, missed.recall) == (("t-2",), 0.0)


def test_controls_and_refusals():
    control = pair("question", answers=("乙事",))
    assert score(control, A("answer", _by_id("t-1", "t-0", "x")), PAGE).first_right is True
    assert score(control, A("answer", _by_id("t-0", "t-1")), PAGE).first_right is False
    assert score(control, A("refused"), PAGE).first_right is False
    off = pair("list", answers=())
    assert score(off, A("refused"), PAGE).refused_right is True
    assert score(off, A("small_talk"), PAGE).refused_right is True
    assert score(off, A("list", _by_id("t-0")), PAGE).refused_right is False


def test_summary_figures_counts_and_misses():
    outcomes = [
        score(pair("list", needs=("甲事", "乙事"), id="a"), A("list", _by_id("t-0", "t-1")), PAGE),
        score(
            pair("list", needs=("甲事", "乙事", "丙事", "丁事", "别的"), id="b"),
            A("list", _by_id("t-0")),
            PAGE,
        ),
        score(
            pair("question", answers=("丙事",), id="c"), A("answer", _by_id("t-2", "t-0", "t-1", "x")), PAGE
        ),
        score(pair("count", answers=(), id="d"), A("count", _by_id("t-0"), count=1), PAGE),
    ]
    m = summarize(outcomes)
    assert (m.questions, m.multi, m.needed_share, m.recall) == (4, 2, 0.5, 0.6)
    assert (m.lists, m.precision, m.controls, m.controls_hit1, m.controls_max3) == (2, 1.0, 1, 1.0, 0.0)
    assert (m.unanswerable, m.refused, m.ordered, m.in_order) == (1, 0.0, 0, None)
    assert [line.split(" ")[0] for line in m.misses] == ["b", "c", "d"]
    assert "needed 1/5" in m.misses[0] and "the page cannot answer" in m.misses[2]


def test_groups_by_language_and_kind_with_the_controls():
    outcomes = [
        score(pair("list", needs=("甲事",), lang="zh"), A("list", _by_id("t-0")), PAGE),
        score(pair("range", needs=("乙事",), lang="ko"), A("range", _by_id("x")), PAGE),
        score(pair("question", answers=("甲事",), lang="en"), A("answer", _by_id("t-0")), PAGE),
    ]
    groups = several_groups(outcomes)
    assert list(groups) == ["all", "zh", "en", "other", "ko", "question", "list", "range"]
    assert (groups["zh"].recall, groups["other"].recall, groups["ko"].needed_share) == (1.0, 0.0, 0.0)
    assert groups["question"].controls_hit1 == 1.0 and groups["list"].controls == 0


def test_a_several_report_reads_back_and_gates(tmp_path):
    from summit_qa.evaluation.gates import measure

    outcomes = [score(pair("list", needs=("甲事", "乙事"), lang="zh"), A("list", _by_id("t-0", "x")), PAGE)]
    results = {"lexical": several_groups(outcomes), "hybrid": several_groups(outcomes)}
    text = markdown(results, "fake", tmp_path / "multi.jsonl")
    assert "| all | 1 | recall of needed passages | 50.0% | 50.0% |" in text
    assert "| all | 1 | precision of lists | 50.0% | 50.0% |" in text and "in order" not in text
    write_reports(results, "fake", tmp_path / "multi.jsonl", tmp_path)
    column = read_column(tmp_path / "report.json")
    assert isinstance(column["zh"], SeveralMetrics) and column["zh"].recall == 0.5
    assert measure(column, "recall.zh>=0.5").passed and not measure(column, "needed_share>=0.8").passed
    assert measure(column, "controls_hit1>=0.5").problem == "controls_hit1>=0.5: no such figure"


@pytest.mark.parametrize("kind", ["list", "count", "range"])
def test_an_empty_list_has_no_precision(kind):
    o = score(pair(kind, needs=("甲事",)), A("refused"), PAGE)
    assert (o.recall, o.precision) == (0.0, None)
