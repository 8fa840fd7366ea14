"""The part of day a question names, and the passages that print it beside the day."""

import datetime as dt

import pytest

from summit_qa.answering.day_parts import asked_part, day_part_scores, prints_part


@pytest.mark.parametrize(
    "question, language, part",
    [
        ("代表团下午几点出发", "zh", "afternoon"),
        ("他当晚住在哪", "zh", "evening"),
        ("What did the envoy do that evening?", "en", "evening"),
        ("Who spoke at 10 a.m.?", "en", "morning"),
        ("대표단은 오전에 무엇을 했어?", "ko", "morning"),
        ("代表団は午後に何をした？", "ja", "afternoon"),
        ("Đoàn làm gì vào buổi tối?", "vi", "evening"),
        ("Sáng 12 họ gặp ai?", "vi", "morning"),
    ],
)
def test_a_part_of_day_in_five_languages(question, language, part):
    assert asked_part(question, language) == part


@pytest.mark.parametrize(
    "question, language",
    [
        ("北朝鮮の代表は誰？", "ja"),  # the 朝 of 朝鮮 is not the morning
        ("Nhà lãnh đạo tối cao đã nói gì?", "vi"),  # "tối cao" is supreme, not the evening
        ("Sáng kiến đó là gì?", "vi"),  # an initiative, not the morning
        ("是上午的事还是下午的事", "zh"),  # two parts: none chosen
        ("代表团哪一天来？", "zh"),
    ],
)
def test_words_that_only_look_like_a_part_of_day(question, language):
    assert asked_part(question, language) is None


def test_a_part_of_day_is_read_beside_the_day_it_belongs_to():
    text = "代表团将于 5 日晚上抵达，6 日上午 9 点举行会谈。"
    assert prints_part(text, "morning", 6)
    assert not prints_part(text, "morning", 5)
    assert prints_part(text, "evening", 5)
    assert prints_part(text, "evening")
    assert not prints_part(text, "afternoon")


def test_the_scores_mark_the_passages_printing_the_asked_part_of_the_asked_day():
    texts = ["5 日晚上举行晚宴。", "5 日上午举行会谈。", "6 日上午离开。", "双方举行会谈。"]
    page = dt.date(2019, 2, 27)
    assert day_part_scores("What happens on the morning of the 5th?", "en", texts, page) == [0, 1, 0, 0]
    assert day_part_scores("上午有什么安排？", "zh", texts, page) == [0, 1, 1, 0]
    assert day_part_scores("会谈在哪里？", "zh", texts, page) == [0, 0, 0, 0]


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "27日上午特朗普有什么安排？",
        "Trump's plans for the 27th in the morning?",
        "트럼프는 27일 오전에 뭐 해?",
    ],
)
def test_a_morning_question_is_answered_by_the_passage_printing_that_morning(engine, question):
    first = engine.answer(question).passages[0]
    assert prints_part(first.text, "morning", 27)
