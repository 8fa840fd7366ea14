"""The question inside a long message (no model)."""

import pytest

from summit_qa.answering.long_messages import asked_part, focus

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
