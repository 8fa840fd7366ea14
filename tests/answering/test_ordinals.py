"""Ordinals and labels of ordinals.py, in five languages."""

import pytest

from summit_qa.answering.cues import matches
from summit_qa.answering.ordinals import LAST, find_ordinal, label_numbers


@pytest.mark.parametrize(
    "question, last",
    [
        ("When did Moon last visit Washington?", True),  # last as an adverb of going
        ("so when did those envoys last meet up", True),
        ("What was the last trip?", True),
        ("What happened last year?", False),  # a time, not the last of a series
        ("Who spoke last at the ceremony", False),
    ],
)
def test_last_of_a_series_in_english(question, last):
    assert matches(LAST, question, "en") == last


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("那第二次呢？", "zh", 2),
        ("蓬佩奥头一回去朝鲜是什么职务？", "zh", 1),
        ("第三个议题是什么？", "zh", 3),
        ("And the first one?", "en", 1),
        ("What's issue number two?", "en", 2),
        ("the 3rd meeting", "en", 3),
        ("두 번째는요?", "ko", 2),
        ("처음 간 건 언제야?", "ko", 1),
        ("최초의 방문", "ko", 1),
        ("2回目の会談は？", "ja", 2),
        ("Còn lần thứ hai?", "vi", 2),
        ("lần đầu tiên", "vi", 1),
        ("最早一条讲了什么？", "zh", 1),
    ],
)
def test_ordinals_in_five_languages(text, language, number):
    found = find_ordinal(text, language)
    assert found and found.number == number


@pytest.mark.parametrize("text", ["第二天上午他要见谁", "第三日发生了什么"])
def test_the_next_day_is_no_ordinal(text):
    assert find_ordinal(text, "zh") is None


def test_a_label_is_written_as_a_word_then_its_number():
    assert ("河内会晤的议题", 1) in label_numbers("河内会晤的议题一是什么？")
    assert [n for w, n in label_numbers("what is issue two about") if w.endswith("issue")] == [2]
    assert [n for w, n in label_numbers("Vấn đề 3 là gì?") if w.endswith("đề")] == [3]
    assert label_numbers("Kim met Trump on the 27th") == []  # "27th" is an ordinal day, no label
