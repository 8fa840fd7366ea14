"""A period bounded by events told in words: the two sides in five languages, the rules on
which sides are bounds (a fake "day told" for the logic), and the real engine on periods
written that way."""

import datetime as dt

import pytest

from summit_qa.answering.anchors import bounded_by_events, sides
from summit_qa.answering.shape import Shape
from summit_qa.page.names import Glossary, alias_pattern

PUBLISHED = dt.date(2019, 2, 27)
SUMMITS = ("2018-06-12", "2019-02-27")


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("从美国宣布制裁到金正恩发表新年贺词，发生了什么？", "美国宣布制裁", "金正恩发表新年贺词"),
        ("金英哲访美到特朗普宣布会晤之间发生了哪些事", "金英哲访美", "特朗普宣布会晤"),
        (
            "What happened between the sanctions and Kim's New Year speech?",
            "the sanctions",
            "Kim's New Year speech",
        ),
        (
            "Anything from Kim leaving Pyongyang until he reached Hanoi?",
            "Kim leaving Pyongyang",
            "he reached Hanoi",
        ),
        (
            "김정은이 평양을 떠난 날부터 하노이에 도착할 때까지 무슨 일이 있었나요?",
            "김정은이 평양을 떠난 날",
            "하노이에 도착할 때",
        ),
        (
            "金正恩が平壌を出発してからハノイに着くまでに何があった？",
            "金正恩が平壌を出発して",
            "ハノイに着く",
        ),
        (
            "Từ khi Kim rời Bình Nhưỡng đến khi ông tới Hà Nội có chuyện gì?",
            "khi Kim rời Bình Nhưỡng",
            "khi ông tới Hà Nội có",  # the cue is "chuyện gì": a stray "có" does no harm
        ),
    ],
)
def test_the_two_sides_of_a_period_in_five_languages(question, first, last):
    found = sides(question)
    assert found is not None and (found.first, found.last) == (first, last)
    assert first not in found.rest and last not in found.rest


def test_a_question_without_two_sides_has_none():
    assert sides("金正恩哪天抵达越南？") is None
    assert sides("Where did Kim arrive?") is None


def _glossary():
    return Glossary(
        ((alias_pattern("金正恩"), "金正恩"), (alias_pattern("特朗普"), "特朗普")),
        {"金正恩": "person", "特朗普": "person"},
    )


def _bounded(question, told, shape=None, language="zh"):
    shape = shape or Shape()
    asked = []

    def day_told(words):
        asked.append(words)
        return told.get(words)

    shape = bounded_by_events(question, language, shape, PUBLISHED, SUMMITS, _glossary(), day_told)
    return shape, asked


def test_bounds_told_as_events_make_a_range_that_holds_them():
    told = {"特朗普宣布制裁": "2018-12-10", "金正恩发表新年贺词": "2019-01-01"}
    shape, _ = _bounded("从特朗普宣布制裁到金正恩发表新年贺词，发生了什么？", told)
    assert shape.kind == "range" and shape.span == ("2018-12-10", "2019-01-01") and not shape.exclusive
    assert shape.topic is not None and "发生了什么" in shape.topic and "制裁" not in shape.topic


def test_a_bound_written_as_a_date_is_that_day_and_the_other_is_read_from_the_page():
    told = {"特朗普宣布会晤": "2018-05-10"}
    shape, _ = _bounded("从特朗普宣布会晤到6月12日，中间发生了什么？", told)
    assert shape.span == ("2018-05-10", "2018-06-12")


def test_people_on_both_sides_are_no_period():
    told = {"金正恩": "2019-02-26", "特朗普": "2019-02-26"}
    assert _bounded("金正恩和特朗普之间发生过什么？", told)[0] == Shape()


def test_bounds_written_as_dates_or_summits_are_left_to_the_shape_reader():
    shape = Shape("range", ("2018-06-12", "2019-02-27"), exclusive=True)
    assert _bounded("从新加坡会晤到河内会晤之间发生了什么？", {}, shape) == (shape, [])


def test_a_bound_the_page_does_not_tell_leaves_the_question_as_it_was():
    told = {"特朗普宣布制裁": "2018-12-10"}
    assert _bounded("从特朗普宣布制裁到金正恩发表新年贺词，发生了什么？", told)[0] == Shape()


def test_no_period_without_asking_what_happened():
    told = {"金正恩离开平壤": "2019-02-23", "抵达越南": "2019-02-26"}
    assert _bounded("金正恩离开平壤到抵达越南用了多久？", told)[0] == Shape()


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "金正恩离开平壤到抵达越南，中间发生了什么？",
        "What happened between Kim leaving Pyongyang and his arrival in Vietnam?",
        "Từ khi Kim Jong Un rời Bình Nhưỡng đến khi tới Việt Nam có những chuyện gì xảy ra?",
    ],
)
def test_the_engine_shows_the_events_between_two_told_events(engine, question):
    a = engine.answer(question)
    days = [p.date for p in a.passages]
    assert a.kind == "range" and len(a.passages) >= 3
    assert days == sorted(days) and days[0] == "2019-02-23" and days[-1] == "2019-02-26"
    assert any("离开平壤" in p.text for p in a.passages) and any("抵达越南" in p.text for p in a.passages)
