"""The date resolver: a table of (expression, context → ISO) cases."""

import datetime as dt

import pytest

from summit_qa.page.dates import (
    DateContext,
    DateQuery,
    before_page,
    chinese_number,
    query_day,
    question_dates,
    resolve,
)

PAGE = dt.date(2019, 2, 27)

# (text, year in force, expected ISO dates in order)
CASES = [
    ("2018年年初，借韩国平昌冬奥会之机", 2019, ["2018"]),
    ("僵持近10年的韩朝关系出现缓和。", 2018, []),  # a duration, not a year
    ("3月8日，韩国总统府青瓦台", 2018, ["2018-03-08"]),
    ("5月29日，金英哲赴美，30日至31日与蓬佩奥在纽约会面。", 2018, ["2018-05-29", "2018-05-30", "2018-05-31"]),
    ("11月5日，重启联合演习。朝鲜官方媒体 12 日发表文章", 2018, ["2018-11-05", "2018-11-12"]),
    ("7月6日至7日，蓬佩奥再度访问平壤", 2018, ["2018-07-06", "2018-07-07"]),
    ("10月8日，朝中社报道说。次日，特朗普说", 2018, ["2018-10-08", "2018-10-09"]),
    ("2019年1月1日，金正恩发表新年贺词。同日，特朗普发文", 2018, ["2019-01-01", "2019-01-01"]),
    ("1月18日，蓬佩奥当天上午在华盛顿", 2019, ["2019-01-18", "2019-01-18"]),
    ("第二次会晤将于2月下旬举行。", 2019, ["2019-02"]),
    ("美军决定暂停 8 月与韩国举行的演习", 2018, ["2018-08"]),
    ("与朝韩9月签署的军事协议", 2018, ["2018-09"]),
    ("金正恩26日抵达越南", 2019, ["2019-02-26"]),
    ("当地时间 26 日晚上 8 点 30 分抵达", 2019, ["2019-02-26"]),
    ("定于 27 日至 28 日在河内举行", 2019, ["2019-02-27", "2019-02-28"]),
    ("金正恩与特朗普去年 6 月在新加坡举行", 2019, ["2018-06"]),
    ("以下是去年年初以来美国与朝鲜关系大事记", 2019, ["2018"]),
    ("美朝领导人今晚将举行首次一对一会谈", 2019, ["2019-02-27"]),
    ("二月八日，特朗普宣布", 2019, ["2019-02-08"]),
    ("二〇一八年十二月十日，美国财政部宣布", 2019, ["2018-12-10"]),
    ("特朗普二十日说", 2019, ["2019-02-20"]),
    ("在空军一号上对记者表示", 2019, []),  # 一号 is a plane here
    ("他于6月12日在新加坡举行会晤，翌日返回", 2018, ["2018-06-12", "2018-06-13"]),
    ("１２月１０日", 2018, ["2018-12-10"]),
    ("2月30日", 2019, []),  # no such day
]


@pytest.mark.parametrize(("text", "year", "expected"), CASES)
def test_resolve_table(text, year, expected):
    mentions = resolve(text, DateContext(reference=PAGE, year=year))
    assert [m.iso for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.surface


def test_explicit_year_carries_to_the_next_text():
    context = DateContext(reference=PAGE)
    resolve("2018年年初，局势缓和。", context)
    assert [m.iso for m in resolve("3月8日，特朗普表示", context)] == ["2018-03-08"]
    resolve("2019年1月1日，新年贺词。", context)
    assert [m.iso for m in resolve("1月18日，会谈", context)] == ["2019-01-18"]


def test_relative_year_does_not_move_the_year_in_force():
    context = DateContext(reference=PAGE)
    resolve("去年6月在新加坡", context)
    assert [m.iso for m in resolve("特朗普20日说", context)] == ["2019-02-20"]


@pytest.mark.parametrize(
    ("token", "value"),
    [("12", 12), ("十", 10), ("十二", 12), ("二十七", 27), ("三十一", 31), ("二〇一九", 2019)],
)
def test_chinese_number(token, value):
    assert chinese_number(token) == value


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2018年12月10日发生了什么？", DateQuery(2018, 12, 10)),
        ("7月15日朝美两国代表讨论了什么？", DateQuery(None, 7, 15)),
        ("What happened on August 1, 2018?", DateQuery(2018, 8, 1)),
        ("What did Trump announce on 8 February 2019?", DateQuery(2019, 2, 8)),
        ("What happened in June 2018?", DateQuery(2018, 6, None)),
        ("What went on during 2017?", DateQuery(2017, None, None)),
        ("2018년 12월 10일에 무슨 일이 있었나요?", DateQuery(2018, 12, 10)),
        ("7월 15일 판문점 회담", DateQuery(None, 7, 15)),
        ("2018年8月1日に何がありましたか", DateQuery(2018, 8, 1)),
        ("Điều gì xảy ra vào ngày 1 tháng 8 năm 2018?", DateQuery(2018, 8, 1)),
        ("Ngày 12/6/2018 có sự kiện gì?", DateQuery(2018, 6, 12)),
        ("What happened on 2018-10-08?", DateQuery(2018, 10, 8)),
        # numeric dates run straight into a Chinese, Japanese or Korean word
        ("2018.12.10发生了啥", DateQuery(2018, 12, 10)),
        ("2018/8/1有什么事", DateQuery(2018, 8, 1)),
        ("2018-12-10に何があった", DateQuery(2018, 12, 10)),
        ("2018/10/8에 뭐 했어?", DateQuery(2018, 10, 8)),
    ],
)
def test_question_dates(question, expected):
    assert question_dates(question, PAGE) == [expected]


def test_question_without_a_date():
    assert question_dates("Who may meet Kim in Hanoi?", PAGE) == []
    assert question_dates("version 1.2.3 or 2018.7.15.4", PAGE) == []
    assert question_dates("金正恩乘坐什么交通工具抵达越南？", PAGE) == []


def test_date_query_matches_by_precision():
    assert DateQuery(None, 7, 15).matches("2018-07-15")
    assert not DateQuery(None, 7, 15).matches("2018-07")
    assert DateQuery(2018, 6).matches("2018-06-12")
    assert not DateQuery(2019, 6).matches("2018-06-12")


@pytest.mark.parametrize(
    "question, expected",
    [
        ("7.15那天板门店谈了什么", [(None, 7, 15)]),
        ("10.8号蓬佩奥在哪", [(None, 10, 8)]),
        ("12.10の日に何があった？", [(None, 12, 10)]),
        ("增长了3.8倍", []),  # a decimal, not a date
        ("3.8%的人", []),
    ],
)
def test_a_month_and_day_with_a_dot_before_a_day_word(question, expected):
    got = question_dates(question, dt.date(2019, 2, 27))
    assert [(q.year, q.month, q.day) for q in got] == expected


@pytest.mark.parametrize(
    "question, months",
    [
        ("去年五六月份有什么事？", [5, 6]),  # two neighbours written together
        ("2018年9、10月发生了什么", [9, 10]),
        ("3-4月间", [3, 4]),
        ("九、十月", [9, 10]),
        ("十二月有什么消息", [12]),  # December, not a pair
        ("2018年11月5日", [11]),
    ],
)
def test_two_months_sharing_one_month_word(question, months):
    assert [q.month for q in question_dates(question, dt.date(2019, 2, 27))] == months


@pytest.mark.parametrize(
    "question, years",
    [
        ("Which entries are from 2019?", [2019]),
        ("the events of 2018", [2018]),
        ("what went on from 2018 to 2019", [2018, 2019]),
        ("any news from 2018/6/12 on?", [2018]),  # a day, read as one
    ],
)
def test_a_year_after_from_of_or_to_is_a_date(question, years):
    assert [q.year for q in question_dates(question, dt.date(2019, 2, 27))] == years


@pytest.mark.parametrize(
    "question, days",
    [
        ("Any news from the 26th?", [26]),
        ("the talks of the 28th and after", [28]),
        ("27일에 누구를 만나?", [27]),
        ("Ông ấy đến ngày 26 phải không?", [26]),
        ("the date of the 2nd summit", []),  # an ordinal before a noun, not a day
        ("ngày 12/6", [12]),  # the Vietnamese day before its month stays one date
    ],
)
def test_a_day_of_the_month_alone_in_english_korean_and_vietnamese(question, days):
    assert [q.day for q in question_dates(question, dt.date(2019, 2, 27))] == days


def test_a_day_before_the_page_s_own():
    assert before_page(DateQuery(None, 6, 12, "6月12日"), PAGE)  # last year's June
    assert before_page(DateQuery(2019, 2, 26, ""), PAGE)
    assert not before_page(DateQuery(None, 2, 28, "28日"), PAGE)
    assert not before_page(DateQuery(2018, 6, None, "2018年6月"), PAGE)  # no day


def test_a_day_without_a_year_is_read_in_the_year_the_page_means():
    assert query_day(DateQuery(None, 9, 10, "9月10日"), PAGE) == "2018-09-10"
    assert query_day(DateQuery(None, 2, 28, "28日"), PAGE) == "2019-02-28"
    assert query_day(DateQuery(2019, 9, 10, ""), PAGE) == "2019-09-10"
