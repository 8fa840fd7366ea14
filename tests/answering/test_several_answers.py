"""Answers of several passages through the real engine: each kind once, and single questions
still answered with one best passage and at most two more."""

import pytest

pytestmark = pytest.mark.model


def test_a_count_names_how_many_passages_it_found(engine):
    a = engine.answer("美军士兵遗骸的事提到了几次？")
    assert a.kind == "count" and a.count == len(a.passages) >= 2
    assert all("遗骸" in p.text for p in a.passages)
    assert [p.date for p in a.passages] == sorted(p.date for p in a.passages)
    assert str(a.count) in a.lead


def test_an_overview_of_the_page(engine):
    a = engine.answer("What's on this page?")
    assert a.kind == "overview" and len({p.article for p in a.passages}) == len(a.passages) >= 4
    assert a.lead.startswith("The main points")


def test_the_analysis_issues_in_page_order(engine):
    a = engine.answer("三大议题是什么？")
    assert a.kind == "enumeration" and [p.label for p in a.passages] == [1, 2, 3]


def test_a_period_between_the_summits(engine):
    a = engine.answer("What happened between the two summits?")
    assert a.kind == "range" and len(a.passages) >= 8
    assert all("2018-06-12" < p.date < "2019-02-27" for p in a.passages)


def test_questions_about_the_page_itself(engine):
    a = engine.answer("What's the date of this newspaper?")
    assert a.kind == "page" and "2019-02-27" in a.lead


@pytest.mark.parametrize(
    "question",
    [
        "List Kim Jong Un's summits with Xi Jinping.",
        "特朗普跟文在寅去年见了几次面？每次都谈了啥？",  # a name jieba does not cut out
    ],
)
def test_a_list_about_someone_the_page_never_names_is_refused(engine, question):
    assert engine.answer(question).kind == "refused"


@pytest.mark.parametrize(
    "question",
    [
        "河内会晤最后达成了哪些协议？都列出来",
        "List everything Trump and Kim signed in Hanoi.",
        "ハノイで署名した文書を全部教えて",
    ],
)
def test_a_list_of_what_an_event_still_to_come_produced_is_told_the_page_s_date(engine, question):
    a = engine.answer(question)
    assert a.kind == "refused" and "2019-02-27" in a.message


@pytest.mark.parametrize(
    "question",
    [
        "2018年朝鲜总共发射过几次导弹？",
        "List every missile launch North Korea made in 2018.",
        "2018년 북한 미사일 발사를 전부 정리해줘",
    ],
)
def test_a_set_of_a_fact_none_of_its_passages_states_is_refused(engine, question):
    assert engine.answer(question).kind == "refused"


def test_the_experts_the_page_quotes_are_listed_whatever_else_is_asked_of_them(engine):
    a = engine.answer("Which experts does the analysis quote, and where are they from?")
    assert a.kind == "list" and len(a.passages) >= 2


def test_single_questions_are_unchanged(engine):
    a = engine.answer("金正恩哪天抵达越南？")
    assert a.kind == "answer" and len(a.passages) <= 3 and a.passages[0].date == "2019-02-26"


def test_a_heading_s_items_named_in_korean_are_in_scope(engine):
    a = engine.answer("3대 의제는 뭐예요?")
    assert a.kind == "enumeration" and [p.label for p in a.passages] == [1, 2, 3]


@pytest.mark.parametrize(
    "question",
    ["How many rounds of talks did Pompeo and Kim Yong Chol hold?", "김영철과 폼페이오는 몇 번 회담했어?"],
)
def test_talks_of_two_people_counted_are_their_meetings(engine, question):
    answer = engine.answer(question)
    assert answer.kind == "count" and [p.date for p in answer.passages] == ["2018-05-29", "2019-01-18"]


def test_the_two_leaders_talks_counted_are_their_summits(engine):
    answer = engine.answer("特朗普和金正恩举行过几次会谈？")
    assert answer.kind == "count" and [p.date for p in answer.passages] == ["2018-06-12", "2019-02-27"]
