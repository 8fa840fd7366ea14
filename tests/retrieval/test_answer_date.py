"""The date a passage gives for what was asked, and dates typed in every common form."""

import datetime as dt

import pytest

from summit_qa.page.dates import question_dates
from summit_qa.page.passages import Passage
from summit_qa.retrieval.answer_date import answering_date
from summit_qa.retrieval.bm25 import BM25
from summit_qa.retrieval.fusion import OWN_DAY, date_scores

TEXT = "越南外交部25日表示，特朗普将于当地时间 26 日晚上抵达河内。据悉，特朗普将在28日离开越南。"


def _passage(text: str, spans) -> Passage:
    return Passage(
        "p",
        text,
        spans[0][2] if spans else None,
        tuple(s[2] for s in spans),
        "t",
        "a",
        None,
        "x",
        0,
        "2019-02-27",
        date_spans=tuple(spans),
    )


@pytest.fixture(scope="module")
def terms_of():
    said = "次日，特朗普说，他和金正恩的第二次会晤将在11月6日美国中期选举后举行。"
    page = [TEXT, "5月9日，蓬佩奥访问朝鲜。", said]
    return BM25.build(page, "bigram").query_terms


def _spans(text):
    out = []
    for day in ("25日", "26 日", "28日"):
        at = text.index(day)
        out.append((at, at + len(day), f"2019-02-{day[:2]}"))
    return out


def test_the_clause_that_holds_the_question_s_words_gives_the_date(terms_of):
    p = _passage(TEXT, _spans(TEXT))
    first = (0, TEXT.index("。") + 1)
    arrive = set(terms_of("特朗普哪天抵达河内"))
    announce = set(terms_of("越南外交部哪天表示"))
    assert answering_date(p, first, arrive, terms_of) == "2019-02-26"
    assert answering_date(p, first, announce, terms_of) == "2019-02-25"
    second = (first[1], len(TEXT))
    assert answering_date(p, second, set(terms_of("特朗普哪天离开越南")), terms_of) == "2019-02-28"


def test_a_sentence_without_a_date_takes_the_one_before_it(terms_of):
    text = "5月9日，蓬佩奥访问朝鲜。他会见了金正恩。"
    p = _passage(text, [(0, 4, "2018-05-09")])
    assert answering_date(p, (text.index("他"), len(text)), set(), terms_of) == "2018-05-09"


def test_an_undated_passage_has_no_answering_date(terms_of):
    assert answering_date(_passage("议题一：宁边核设施与核查。", []), (0, 5), set(), terms_of) is None


@pytest.mark.parametrize(
    "text",
    [
        "2018-06-12",
        "2018/6/12",
        "2018.6.12",
        "12.6.2018",
        "June 12th 2018",
        "12 June 2018",
        "2018年6月12日",
        "2018년 6월 12일",
        "ngày 12 tháng 6 năm 2018",
        "12/6/2018",
    ],
)
def test_dates_in_every_common_written_form(text):
    assert [(q.year, q.month, q.day) for q in question_dates(text, dt.date(2019, 2, 27))] == [(2018, 6, 12)]


def test_month_first_when_the_day_cannot_be_a_month():
    assert [(q.month, q.day) for q in question_dates("7/15", dt.date(2019, 2, 27))] == [(7, 15)]


def test_a_slash_date_without_a_year_is_read_both_ways_when_both_are_dates():
    read = lambda text: [(q.month, q.day) for q in question_dates(text, dt.date(2019, 2, 27))]  # noqa: E731
    assert read("9/10 白宫说了什么") == [(9, 10), (10, 9)]  # month first, as zh/en/ja/ko write it
    assert read("ngày 9/10 có gì") == [(10, 9)]  # Vietnamese puts the day first
    assert read("6/6") == [(6, 6)]
    assert read("26/2") == [(2, 26)]


def test_what_happened_on_a_day_is_the_entry_of_that_day():
    dates = [("2018-05-10", "2018-06-12"), ("2018-06-12",)]
    wanted = question_dates("6月12日", dt.date(2019, 2, 27))
    assert date_scores(dates, wanted).tolist() == [1.0, 1.0]  # what is planned for the day: both
    assert date_scores(dates, wanted, own_first=True).tolist() == [1.0, OWN_DAY]


def test_a_day_the_question_names_is_the_date_asked_about(terms_of):
    text = "5月29日，金英哲赴美，30日至31日与蓬佩奥在纽约会面。"
    spans = [
        (0, 5, "2018-05-29"),
        (text.index("30日"), text.index("30日") + 3, "2018-05-30"),
        (text.index("31日"), text.index("31日") + 3, "2018-05-31"),
    ]
    p = _passage(text, spans)
    asked = question_dates("2018年5月31日发生了什么", dt.date(2019, 2, 27))
    assert answering_date(p, (0, len(text)), set(), terms_of, asked) == "2018-05-31"


def test_a_statement_s_date_and_a_range_s_end(terms_of):
    text = "次日，特朗普说，他和金正恩的第二次会晤将在11月6日美国中期选举后举行。"
    spans = [(0, 2, "2018-10-09"), (text.index("11月6日"), text.index("11月6日") + 5, "2018-11-06")]
    p = _passage(text, spans)
    said = set(terms_of("特朗普哪天说第二次会晤在中期选举后举行"))
    assert answering_date(p, (0, len(text)), said, terms_of, statement=True) == "2018-10-09"
    assert answering_date(p, (0, len(text)), said, terms_of) == "2018-11-06"
    trip = "7月6日至7日，蓬佩奥再度访问平壤。"
    p = _passage(trip, [(0, 4, "2018-07-06"), (5, 7, "2018-07-07")])
    words = set(terms_of("蓬佩奥访问平壤"))
    assert answering_date(p, (0, len(trip)), words, terms_of) == "2018-07-06"
    assert answering_date(p, (0, len(trip)), words, terms_of, end=True) == "2018-07-07"


def test_a_date_the_question_gives_is_not_the_date_it_asks_for(terms_of):
    text = "5月10日，特朗普宣布，他与金正恩的会晤将于6月12日在新加坡举行。"
    spans = [(0, 5, "2018-05-10"), (text.index("6月12日"), text.index("6月12日") + 6, "2018-06-12")]
    p = _passage(text, spans)
    asked = question_dates("特朗普5月10日宣布的会晤定在哪天？", dt.date(2019, 2, 27))
    assert answering_date(p, (0, len(text)), set(), terms_of, asked) == "2018-05-10"  # what happened on it
    assert answering_date(p, (0, len(text)), set(), terms_of, asked, given=True) == "2018-06-12"
