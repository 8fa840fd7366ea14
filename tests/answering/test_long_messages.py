"""The question inside a long message (no model)."""

import pytest

from summit_qa.answering.long_messages import asked_part, focus, unchecked

LONG_MESSAGE = (
    "我一直在看新闻。去年秋天以后好像一直没什么进展，大家都很失望。我就想知道，蓬佩奥十月份在平壤见了谁？谢谢"
)


def test_the_question_inside_a_long_message_gives_its_shape():
    assert asked_part(LONG_MESSAGE) == "我就想知道，蓬佩奥十月份在平壤见了谁？"
    assert (
        asked_part("2018年下半年发生了什么？按时间顺序列一下。")
        == "2018年下半年发生了什么？按时间顺序列一下。"
    )
    english = "Hi there. I read a lot about this last week. So what did Pompeo do in October? Thanks."
    assert asked_part(english) == "So what did Pompeo do in October?"


@pytest.mark.parametrize(
    "message, focused",
    [
        # a colon before the question
        (
            "我们班在做一个关于外交的小课题，资料太多看花了眼，大家意见也不一致。想请教一下：美军士兵遗骸的交接仪式在什么地方举行？",
            "美军士兵遗骸的交接仪式在什么地方举行？",
        ),
        # the asked sentence points at what the one before told: both
        (
            "先週友達と話していて、金正恩が列車でベトナムへ向かったという話になりました。"
            "それって何日に出発したんですか？",
            "先週友達と話していて、金正恩が列車でベトナムへ向かったという話になりました。"
            " それって何日に出発したんですか？",
        ),
        # a scene set in a Korean clause ("…는데,"), then the question
        (
            "요즘 뉴스를 보다가 하노이 회담 일정이 궁금해졌는데, "
            "트럼프 대통령은 하노이 공항에 몇 시에 도착할 예정이었나요?",
            "트럼프 대통령은 하노이 공항에 몇 시에 도착할 예정이었나요?",
        ),
        ("特朗普哪天到河内？", "特朗普哪天到河内？"),  # a short message is what it says
    ],
)
def test_what_a_long_message_asks(message, focused):
    assert focus(message) == focused


@pytest.mark.parametrize(
    "message, asked",
    [
        ("代表团哪天到的？是坐飞机去的对吧？", "代表团哪天到的？"),
        ("When did the delegation leave? They flew, right?", "When did the delegation leave?"),
        ("대표단은 언제 출발했어? 비행기 타고 간 거 맞지?", "대표단은 언제 출발했어?"),
        ("代表団はいつ出発したの？飛行機だよね？", "代表団はいつ出発したの？"),
        ("Đoàn rời đi khi nào? Đi máy bay phải không?", "Đoàn rời đi khi nào?"),
    ],
)
def test_a_closing_check_after_a_question_is_not_what_is_asked(message, asked):
    assert unchecked(message) == asked
    assert asked_part(message) == asked


@pytest.mark.parametrize(
    "message",
    [
        "他是坐火车去的吧？",  # a check alone is the question
        "他们签了联合声明，对吧？那声明里说了什么？",  # the check comes first
        "Who left first? Who arrived first?",  # two questions, no check
    ],
)
def test_a_message_without_a_closing_check_is_kept(message):
    assert unchecked(message) == message


@pytest.mark.parametrize(
    "message, asked",
    [
        (
            "I read a lot about the talks. Some said it went well?? Others not. "
            "What I actually want to know is who hosted the dinner.",
            "What I actually want to know is who hosted the dinner.",
        ),
        (
            "这几天新闻看了很多，越看越糊涂。有人说谈得好吗？各家说法不一，我也分不清。我想问的是晚宴是谁办的。",
            "我想问的是晚宴是谁办的。",
        ),
    ],
)
def test_words_saying_what_is_asked_mark_the_question_without_a_question_mark(message, asked):
    assert asked_part(message) == asked
