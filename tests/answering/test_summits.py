"""The day of one of the page's summits, from its own report (made-up rankings, no model)."""

import numpy as np
import pytest

from summit_qa.answering.summits import WHEN, summit_named, summit_passage, summits_held


def _ranked_first(passages, pid):
    """A ranking with ``pid`` first and the rest in page order."""
    first = [p.id for p in passages].index(pid)
    return np.array([first] + [i for i in range(len(passages)) if i != first])


@pytest.mark.parametrize(
    ("question", "nth", "day"),
    [
        ("新加坡那次峰会是几号？", None, "2018-06-12"),
        ("When did the Hanoi summit open?", None, "2019-02-27"),
        ("美朝首脑第一次会晤在哪天？", 1, "2018-06-12"),
        ("싱가포르 정상회담은 며칠이었나요?", None, "2018-06-12"),
        ("美朝领导人头一回见面是哪天？", 1, "2018-06-12"),  # the two leaders meeting: a summit
        ("When did the two leaders meet for the second time?", 2, "2019-02-27"),
        ("特朗普和金正恩第一次见面在哪里？", 1, "2018-06-12"),  # the two leaders by name; where
        ("Where did Trump and Kim Jong Un meet for the first time?", 1, "2018-06-12"),
        ("第二次特金会在哪天？", 2, "2019-02-27"),  # the summit by its nickname
    ],
)
def test_the_summit_s_own_report_beats_its_announcement(page, question, nth, day):
    passages, events, glossary = page
    # an announcement of the Singapore summit, dated before it, ranked first
    order = _ranked_first(passages, "timeline-8")
    chosen = summit_passage(question, nth, events, glossary, order)
    assert chosen is not None and events[chosen].day == day


@pytest.mark.parametrize(
    "question",
    ["When was the US–North Korea summit in Singapore?", "Mỹ - Triều gặp thượng đỉnh ở Singapore ngày nào?"],
)
def test_the_sides_meeting_are_not_where_the_summit_was_held(page, question):
    """美国 and 朝鲜 are the sides the page writes acting ("朝方", "美国国防部"), not the venue."""
    passages, events, glossary = page
    text = "".join(p.text for p in passages)
    chosen = summit_passage(question, None, events, glossary, _ranked_first(passages, "timeline-8"), text)
    assert chosen is not None and events[chosen].day == "2018-06-12"


@pytest.mark.parametrize(
    "question",
    [
        "特朗普哪天宣布了新加坡会晤的日期？",
        "蓬佩奥哪天见了金正恩？",
        "新加坡会晤谈了什么？",
        "Who announced the Singapore summit date?",
        "特朗普哪天同意与金正恩见面？",  # picks no summit: another event
        "特朗普和金正恩首次单独会面是几号？",  # a meeting of another kind
        "特朗普和金正恩第一次一对一会谈在哪里？",  # the same, by name and asking where
        "김정은과의 첫 일대일 회담은 언제인가요?",  # talks, not the summit
        "트럼프가 싱가포르 정상회담을 연다고 말한 날은 언제예요?",  # when he said it
        "金特会 首次一对一会谈 哪天",  # the one-on-one talks of the summit, not the summit
    ],
)
def test_other_questions_about_a_summit_are_ranked_as_any(page, question):
    passages, events, glossary = page
    nth = 1 if "首次" in question or "第一次" in question or "첫" in question else None
    assert summit_passage(question, nth, events, glossary, _ranked_first(passages, "timeline-8")) is None


@pytest.mark.parametrize("question", ["第一次川金会是几号？", "第三次金特会什么时候开？"])
def test_a_summit_by_its_nickname_is_the_page_s_own_or_past_its_summits(engine, question):
    a = engine.answer(question)
    if "第三次" in question:
        assert a.kind == "refused"
    else:
        assert a.kind == "answer" and a.passages[0].date == "2018-06-12"


@pytest.mark.parametrize(
    "question, asks",
    [
        ("Ông Kim rời Hà Nội lúc nào?", True),
        ("hoi nghi dien ra hoi nao", True),  # typed without marks
        ("kim den ha noi luc nao vay", True),
        ("Cuộc gặp nào quan trọng nhất?", False),  # "nào" alone asks which, not when
    ],
)
def test_vietnamese_when_with_or_without_marks(question, asks):
    assert bool(WHEN.search(question)) == asks


@pytest.mark.parametrize(
    "question",
    ["新加坡会晤前出了哪些事？", "싱가포르 회담 바로 전엔?", "and after the summit in Singapore?"],
)
def test_a_summit_named_by_its_place_is_its_own_report(page, question):
    passages, events, glossary = page
    # the later summit's lead, which recalls Singapore, ranked first
    order = _ranked_first(passages, "timeline-0")
    chosen = summit_named(question, events, glossary, order)
    assert chosen is not None and events[chosen].day == "2018-06-12"


def test_a_step_naming_no_place_of_a_summit_has_no_summit_anchor(page):
    passages, events, glossary = page
    order = _ranked_first(passages, "timeline-0")
    assert summit_named("会晤之前发生了什么？", events, glossary, order) is None
    assert summit_named("蓬佩奥访问平壤之前呢？", events, glossary, order) is None


@pytest.mark.model
def test_a_colloquial_first_meeting_at_a_place_is_that_summit_s_own_report(engine):
    a = engine.answer("特朗普和金正恩头一回在新加坡碰面是什么时候？")
    assert a.passages[0].date == "2018-06-12"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("特朗普和金正恩一共会晤过几次？", "zh"),
        ("Name every summit Trump and Kim Jong Un have held", "en"),
        ("북미 정상회담은 모두 몇 번 열렸어?", "ko"),
        ("米朝首脳会談は全部で何回？", "ja"),
        ("Trump và Kim Jong Un đã gặp nhau bao nhiêu lần?", "vi"),
    ],
)
def test_the_summits_held_are_one_report_per_summit_day(page, question, language):
    passages, events, glossary = page
    held = summits_held(question, language, events, glossary, np.arange(len(passages)))
    assert [events[i].day for i in held] == ["2018-06-12", "2019-02-27"]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("特朗普和金正恩第二次会晤的时间是怎么定下来的？", "zh"),  # one summit, by its ordinal
        ("How many times did the White House speak about the summit?", "en"),  # someone else speaks
        ("特朗普和金正恩在新加坡会晤过几次？", "zh"),  # a place of its own
        ("特朗普和金正恩单独会谈过几次？", "zh"),  # talks of another kind
    ],
)
def test_other_sets_about_summits_are_not_the_summits_held(page, question, language):
    passages, events, glossary = page
    assert summits_held(question, language, events, glossary, np.arange(len(passages))) == ()


@pytest.mark.parametrize(
    ("span", "exclusive", "days"),
    [
        ((None, "2019-02-27"), True, ["2018-06-12"]),  # before the second summit
        (("2018-06-12", None), True, ["2019-02-27"]),  # after the first
    ],
)
def test_the_summits_held_within_a_period_the_question_bounds_by_a_summit(page, span, exclusive, days):
    passages, events, glossary = page
    question = "两国领导人在河内会晤以前见过几次面？"  # the place bounds the period
    held = summits_held(
        question, "zh", events, glossary, np.arange(len(passages)), span=span, exclusive=exclusive
    )
    assert [events[i].day for i in held] == days


def test_a_period_no_summit_bounds_keeps_the_place_a_count_names(page):
    passages, events, glossary = page
    order, question = np.arange(len(passages)), "2018年特朗普和金正恩在河内会晤过几次？"
    assert summits_held(question, "zh", events, glossary, order, span=("2018", "2018")) == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "language", "day"),
    [
        ("新加坡会晤以后，特朗普和金正恩又会晤过几次？", "zh", "2019-02-27"),
        ("베트남 정상회담 전까지 북미 정상회담은 몇 번 열렸어?", "ko", "2018-06-12"),
    ],
)
def test_a_count_of_summits_in_a_period_bounded_by_a_summit(engine, question, language, day):
    assert [p.date for p in engine.answer(question).passages] == [day]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("特朗普同哪几位越南领导人会谈？", "zh"),
        ("Trump talked with which Vietnamese leaders?", "en"),
        ("트럼프가 만난 베트남 지도자들은 누구누구야?", "ko"),
    ],
)
def test_the_leaders_of_a_third_country_are_not_the_summits(page, question, language):
    passages, events, glossary = page
    text = "".join(p.text for p in passages)
    assert summits_held(question, language, events, glossary, np.arange(len(passages)), text) == ()


def test_the_two_sides_leaders_are_still_the_summits(page):
    passages, events, glossary = page
    text = "".join(p.text for p in passages)
    held = summits_held("美朝两国领导人见过几次面？", "zh", events, glossary, np.arange(len(passages)), text)
    assert [events[i].day for i in held] == ["2018-06-12", "2019-02-27"]
