"""The place a question puts its event at, and the passages naming it."""

import pytest

from summit_qa.answering.places import event_places, place_scores


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What did the envoys agree in New York?", "en"),
        ("特使们在纽约谈了什么？", "zh"),
        ("특사들이 뉴욕에서 뭘 논의했어?", "ko"),
        ("特使たちはニューヨークで何を話したの？", "ja"),
        ("Các đặc phái viên đã bàn gì ở New York?", "vi"),
        # the place modifying a meeting word: where it was held
        ("New York high-level talks: who took part?", "en"),
        ("纽约高级别会谈谈了什么", "zh"),
        ("뉴욕 고위급 회담은 언제였어?", "ko"),
        ("ニューヨークの高官協議はいつ？", "ja"),
    ],
)
def test_the_place_an_event_is_put_at_in_five_languages(page, question, language):
    assert event_places(question, language, page[2]) == ("纽约",)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("New York or Washington?", "en"),  # named, not as where something happened
        ("他哪天去的纽约？", "zh"),  # a destination
        ("Who flew to New York?", "en"),
    ],
)
def test_a_place_named_otherwise_is_no_place_of_the_event(page, question, language):
    assert event_places(question, language, page[2]) == ()


def test_only_a_place_few_passages_print_tells_the_event(page):
    texts = ["双方在纽约会面。", "双方在河内会谈。", "河内的会谈。", "河内见。", "河内再见。", "纽约之后"]
    assert list(place_scores("他们在纽约谈了什么？", "zh", texts, page[2])) == [1, 0, 0, 0, 0, 1]
    # the page's setting, printed in four of them, tells none apart
    assert not place_scores("他们在河内谈了什么？", "zh", texts, page[2]).any()


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "Which day were Kim Yong Chol and Pompeo sitting together in Washington?",
        "金英哲与蓬佩奥在华盛顿碰头是几号",
    ],
)
def test_two_people_s_meeting_at_a_place_is_the_one_there(engine, question):
    assert "华盛顿" in engine.answer(question).passages[0].text


def test_a_long_message_s_aside_puts_no_event_at_its_place(page):
    message = (
        "我最近在整理资料，读了很多东西。有人说那次是在纽约谈的，也有人说不是。"
        "我有点搞不清楚了。想问一下：他们后来在哪里再次会谈？"
    )
    texts = ["双方在纽约会面。", "双方在华盛顿会谈。"]
    assert not place_scores(message, "zh", texts, page[2]).any()
    assert place_scores("他们在纽约谈了什么？", "zh", texts, page[2]).any()
