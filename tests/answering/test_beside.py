"""What happened just before or after an event a new question names."""

import pytest

from summit_qa.answering.beside import beside_named


@pytest.mark.parametrize(
    "question, language, words, step",
    [
        ("美军遗骸交接仪式之后发生了什么？", "zh", "美军遗骸交接仪式", 1),
        ("白宫会见金英哲以前还有什么事？", "zh", "白宫会见金英哲", -1),
        (
            "What happened right after the sanctions on Choe Ryong Hae?",
            "en",
            "the sanctions on Choe Ryong Hae",
            1,
        ),
        ("신년사 이전에 무슨 일이 있었어?", "ko", "신년사", -1),
        ("新年の辞の後に何が起きた？", "ja", "新年の辞", 1),
        ("Trước khi Kim lên tàu thì có chuyện gì?", "vi", "Kim lên tàu", -1),
    ],
)
def test_the_event_named_and_the_side_asked(question, language, words, step):
    found = beside_named(question, language)
    assert found is not None and (found.words, found.step) == (words, step)


@pytest.mark.parametrize(
    "question, language",
    [
        ("在那之后发生了什么？", "zh"),  # a step from the event just shown
        ("那之后发生了什么？", "zh"),
        ("这以前发生了什么？", "zh"),
        ("그 후에 무슨 일이 있었어?", "ko"),
        ("그때 이전에 무슨 일이 있었어?", "ko"),
        ("それの前に何が起きた？", "ja"),
        ("Sau đó đã xảy ra chuyện gì?", "vi"),
        ("Trước đó thì có chuyện gì?", "vi"),
        ("What happened after that?", "en"),
        ("金正恩到了越南以后住在哪？", "zh"),  # no "what happened"
        ("Who did Trump meet before the summit?", "en"),
    ],
)
def test_no_event_named_or_nothing_happened_asked(question, language):
    assert beside_named(question, language) is None


@pytest.mark.model
@pytest.mark.parametrize(
    "question, expect",
    [
        ("板门店将官级会谈以前发生了什么？", "2018-07-06"),
        ("What happened after the ceremony in Hawaii?", "2018-09-10"),
        ("판문점 장성급 회담 후에는 무슨 일이 있었어?", "2018-08-01"),
    ],
)
def test_what_happened_beside_a_named_event_is_the_event_beside_it(engine, question, expect):
    answer = engine.answer(question)
    assert answer.kind == "answer" and answer.passages[0].date == expect
