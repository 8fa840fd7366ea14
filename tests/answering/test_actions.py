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
        ("他俩头一回碰面在哪儿？", ("meeting",)),  # colloquial meeting words
        ("两人上次是哪天碰的面？", ("meeting",)),
        ("俩人在纽约碰过头吗", ("meeting",)),
    ],
)
def test_the_kinds_of_event_a_question_writes(question, actions):
    assert asked_actions(question) == actions


@pytest.mark.parametrize(
    "question",
    [
        "폼페이오는 북한에 몇 번 갔나요?",
        "폼페이오가 평양에 간 적이 있어?",
        "ポンペオ氏は何回北朝鮮に行きましたか？",
        "Pompeo đã đến Triều Tiên mấy lần?",
    ],
)
def test_going_somewhere_is_a_visit_in_korean_japanese_and_vietnamese(question):
    assert "visit" in asked_actions(question)


@pytest.mark.parametrize(
    "question", ["김정은은 몇 시에 도착했어?", "Từ đó đến nay thế nào?", "몇 번 만났어?"]
)
def test_arriving_or_until_is_no_visit(question):
    assert "visit" not in asked_actions(question)


@pytest.mark.parametrize("question", ["他去过几次日本？", "金英哲跑了两趟美国", "蓬佩奥来过多少回"])
def test_trips_counted_between_the_verb_and_the_place_are_visits(question):
    assert "visit" in asked_actions(question)


@pytest.mark.parametrize(
    "question, trip",
    [
        ("他第三次去呢？", True),
        ("后来又去了吗", True),
        ("他还去过吗", True),
        ("去年呢？", False),
        ("美国还去除了哪些制裁", False),
    ],
)
def test_a_bare_going_counted_or_again_is_a_trip(question, trip):
    assert ("visit" in asked_actions(question)) is trip


def test_trips_to_a_place_the_page_never_takes_anyone_are_refused(engine):
    assert engine.answer("金正恩去年去过几次俄罗斯？").kind == "refused"


@pytest.mark.parametrize(
    "question, meeting",
    [
        ("When did the envoy last see Kim?", True),
        ("Have those two seen each other since?", True),
        ("Did you see the schedule?", False),  # seeing a thing is no meeting
        ("see the timeline", False),
    ],
)
def test_seeing_someone_is_meeting_them(question, meeting):
    assert ("meeting" in asked_actions(question)) == meeting


def test_a_trip_to_see_someone_is_no_meeting_of_its_own():
    assert asked_actions("trips to Seoul to see Moon") == ("visit",)


@pytest.mark.parametrize(
    "question",
    [
        "平壤对华盛顿有过什么不满？",
        "When did Pyongyang criticise Washington?",
        "북한이 미국에 반발한 일은?",
        "北朝鮮が米国を非難したのはいつ？",
        "Triều Tiên đã chỉ trích Mỹ những lần nào?",
    ],
)
def test_objecting_to_the_other_side_is_a_protest_in_five_languages(question):
    assert "protest" in asked_actions(question)


@pytest.mark.parametrize("question", ["去年朝鲜发生了什么？", "去年美国和朝鲜谈了几次？"])
def test_last_year_is_no_trip(question):
    assert "visit" not in asked_actions(question)


def test_letters_asked_for_are_letters_not_trust_or_news():
    from summit_qa.answering.actions import asked_actions

    assert "letter" in asked_actions("金正恩给特朗普写过几封信？")
    assert "letter" not in asked_actions("双方的互信缺失怎么办？")
    assert "letter" not in asked_actions("有什么新的信息吗？")
