"""A follow-up speaking of two people at once: which two."""

from dataclasses import dataclass

import pytest

from summit_qa.answering.pairs import pair_of, with_pair
from summit_qa.page.names import Glossary
from summit_qa.settings import packaged_data_dir

TEXTS = {
    0: "5月29日，金英哲赴美，30日至31日与蓬佩奥在纽约会面。",
    1: "白宫发言人莎拉·桑德斯表示，特朗普将于27日晚上与金正恩举行会谈。",
    2: "特朗普宣布，第二次会晤将在河内举行。",
    3: "白宫发言人莎拉·桑德斯表示，蓬佩奥将于下周访问朝鲜。",
}


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


@dataclass(frozen=True)
class T:
    names: tuple[str, ...]
    answer: int | None


def _pair(question, language, turns, glossary):
    return pair_of(question, language, turns, glossary, TEXTS.__getitem__)


@pytest.mark.parametrize(
    "question, language",
    [
        ("他们俩头一次碰面是在哪里？", "zh"),
        ("两人谈了什么", "zh"),
        ("When did those two first meet?", "en"),
        ("and both of them?", "en"),
        ("두 사람은 언제 처음 만났어?", "ko"),
        ("二人はいつ会った？", "ja"),
        ("Hai ông ấy gặp nhau khi nào?", "vi"),
    ],
)
def test_words_for_two_people_in_five_languages(glossary, question, language):
    assert _pair(question, language, [T(("金英哲",), 0)], glossary) == ("金英哲", "蓬佩奥")


@pytest.mark.parametrize(
    "question, language",
    [
        ("他第一次去朝鲜是哪天？", "zh"),  # one person
        ("When did the two summits take place?", "en"),  # two things, not two people
        ("两位领导人第一次见面在哪？", "zh"),  # named by title, read as the leaders elsewhere
    ],
)
def test_no_pair_without_a_word_for_two_people(glossary, question, language):
    assert _pair(question, language, [T(("金英哲",), 0)], glossary) == ()


def test_the_people_asked_about_come_before_those_an_answer_names(glossary):
    turns = [T(("金正恩",), 2), T(("特朗普",), 2)]  # oldest first
    assert set(_pair("他们俩头一次碰面是在哪里？", "zh", turns, glossary)) == {"特朗普", "金正恩"}


def test_of_the_answer_shown_the_one_who_tells_comes_after_those_it_tells_of(glossary):
    assert _pair("他俩什么时候谈？", "zh", [T(("特朗普",), 1)], glossary) == ("特朗普", "金正恩")
    assert _pair("他俩什么时候谈？", "zh", [T((), 1)], glossary) == ("特朗普", "金正恩")


def test_a_pair_is_the_two_of_the_passage_shown_when_the_talk_moved_on_to_others(glossary):
    # the talk named the two leaders; the passage shown now is about two others
    moved = [T(("特朗普", "金正恩"), 2), T(("特朗普", "金正恩"), 0)]
    assert _pair("他俩后来还见过吗？", "zh", moved, glossary) == ("金英哲", "蓬佩奥")
    # one of them is in the passage shown: the talk's two stay
    stayed = [T(("特朗普", "金正恩"), 1)]
    assert set(_pair("他俩后来还见过吗？", "zh", stayed, glossary)) == {"特朗普", "金正恩"}
    # one other person and the one telling it: not two others
    told = [T(("特朗普", "金正恩"), 3)]
    assert set(_pair("他俩后来还见过吗？", "zh", told, glossary)) == {"特朗普", "金正恩"}


def test_no_pair_when_the_conversation_names_fewer_than_two(glossary):
    assert _pair("他俩什么时候谈？", "zh", [T(("特朗普",), 2)], glossary) == ()
    assert _pair("他俩什么时候谈？", "zh", [T(("特朗普", "金正恩"), None)], glossary) == ("特朗普", "金正恩")
    assert _pair("特朗普和金正恩他俩什么时候谈？", "zh", [T(("蓬佩奥",), 0)], glossary) == ()  # names both


def test_the_pair_is_written_before_the_question():
    assert (
        with_pair("他们俩头一次碰面是在哪里？", ("金英哲", "蓬佩奥"))
        == "金英哲 蓬佩奥 他们俩头一次碰面是在哪里？"
    )
    assert with_pair("他们俩头一次碰面是在哪里？", ()) == "他们俩头一次碰面是在哪里？"
