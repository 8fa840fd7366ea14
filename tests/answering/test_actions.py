"""The kinds of event a question asks about, in five languages."""

import pytest

from summit_qa.answering.actions import asked_actions


@pytest.mark.parametrize(
    ("question", "actions"),
    [
        ("蓬佩奥几次访问朝鲜？", ("visit",)),
        ("How many times did Pompeo travel to Pyongyang?", ("visit",)),
        ("두 정상은 몇 번 만났어?", ("meeting",)),
        ("When did they sit down together again?", ("meeting",)),
        ("米国はいつ制裁を発表した？", ("announcement", "sanction")),
        ("Hài cốt binh sĩ Mỹ được trao trả khi nào?", ("remains",)),
        ("金正恩是谁？", ()),
    ],
)
def test_the_kinds_of_event_a_question_writes(question, actions):
    assert asked_actions(question) == actions
