"""The period a question names: seasons in five languages, years written in two digits, and
a month written as a bound after an anchor (the month is held, the anchor left out)."""

import datetime as dt

import numpy as np
import pytest

from summit_qa.answering.periods import period
from summit_qa.answering.selection import select
from summit_qa.answering.shape import Shape

PAGE_DATE = dt.date(2019, 2, 27)
SUMMITS = ("2018-06-12", "2019-02-27")


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("2018年秋天美朝之间有什么进展？", ("2018-09", "2018-11")),
        ("去年夏天发生了什么", ("2018-06", "2018-08")),
        ("What happened in the fall of 2018?", ("2018-09", "2018-11")),
        ("any news from summer 2018?", ("2018-06", "2018-08")),
        ("2018년 봄에 무슨 일이 있었어?", ("2018-03", "2018-05")),
        ("2018年の秋に何があった？", ("2018-09", "2018-11")),
        ("Mùa thu năm 2018 có chuyện gì?", ("2018-09", "2018-11")),
        ("去年冬天呢，发生了什么", ("2018-12", "2019-02")),
    ],
)
def test_a_season_is_the_months_it_covers(question, span):
    assert period(question, PAGE_DATE, SUMMITS) == (span, False)


def test_a_season_without_a_year_is_the_latest_that_began_by_the_page_s_date():
    assert period("秋天发生了什么？", PAGE_DATE, SUMMITS) == (("2018-09", "2018-11"), False)
    assert period("What happened this winter?", PAGE_DATE, SUMMITS) == (("2018-12", "2019-02"), False)


@pytest.mark.parametrize("question", ["I fall asleep reading this", "春节期间朝鲜有什么动向？", "立春那天"])
def test_words_that_only_look_like_a_season_are_none(question):
    assert period(question, PAGE_DATE, SUMMITS) is None


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("18年秋天发生了什么", ("2018-09", "2018-11")),
        ("18년 하반기에 무슨 일이 있었나요?", ("2018-07", "2018-12")),
        ("18年上半年发生了什么", ("2018-01", "2018-06")),
    ],
)
def test_a_year_in_two_digits_before_a_season_or_a_half(question, span):
    assert period(question, PAGE_DATE, SUMMITS) == (span, False)


def test_two_digits_that_count_years_are_no_year():
    assert period("僵持近10年的关系有什么变化？", PAGE_DATE, SUMMITS) is None


def test_a_month_after_an_anchor_is_held_by_the_period(page):
    passages, events, glossary = page
    found = period("新加坡会晤以后到7月底发生了什么？", PAGE_DATE, SUMMITS)
    assert found == (("2018-06-12", "2018-07"), True)
    score = np.zeros(len(passages), np.float32)
    chosen = select(
        Shape("range", *found), "发生了什么", passages, events, glossary, score, np.argsort(-score)
    )
    days = [events[i].day for i in chosen.passages]
    assert "2018-06-12" not in days and any(d.startswith("2018-07") for d in days)
    assert all("2018-06-12" < d <= "2018-07-99" for d in days)
