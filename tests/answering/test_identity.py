"""Identity questions: X read off the question's form, in five languages (no model)."""

import pytest

from summit_qa.answering.identity import identify, introduction, subject
from summit_qa.page.names import Glossary
from summit_qa.page.passages import load_passages
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


@pytest.fixture(scope="module")
def passages():
    return load_passages()


@pytest.mark.parametrize(
    ("question", "language", "x"),
    [
        ("崔龙海是谁？", "zh", "崔龙海"),
        ("谁是郑义溶？", "zh", "郑义溶"),
        ("朝中社是什么机构？", "zh", "朝中社"),
        ("请问，同登火车站在哪里？", "zh", "同登火车站"),
        ("介绍一下阮春福", "zh", "阮春福"),
        ("Who is Chung Eui-yong?", "en", "Chung Eui-yong"),
        ("What's the Blue House?", "en", "the Blue House"),
        ("What does Choe Ryong Hae do?", "en", "Choe Ryong Hae"),
        ("Where is Lang Son?", "en", "Lang Son"),
        ("Choe Ryong Hae? who is he", "en", "Choe Ryong Hae"),
        ("the Blue House? what's that?", "en", "the Blue House"),
        ("최룡해는 누구예요?", "ko", "최룡해"),
        ("청와대란 무엇인가요?", "ko", "청와대"),
        ("ポンペオ氏とは誰ですか？", "ja", "ポンペオ氏"),
        ("青瓦台って何？", "ja", "青瓦台"),
        ("Nguyễn Xuân Phúc là ai?", "vi", "Nguyễn Xuân Phúc"),
        ("Nhà Trắng là gì?", "vi", "Nhà Trắng"),
    ],
)
def test_the_subject_of_an_identity_question(question, language, x):
    assert subject(question, language) == x


@pytest.mark.parametrize(
    ("question", "language", "first_words"),
    [
        ("崔龙海是谁？", "zh", "12月10日"),
        ("Who is Chung Eui-yong?", "en", "3月8日"),
        ("최룡해는 누구예요?", "ko", "12月10日"),
        ("What's the Blue House?", "en", "3月8日"),
        ("Nguyễn Xuân Phúc là ai?", "vi", "越南外交部25日"),
        ("谅山省是什么地方？", "zh", "据越通社报道"),
        ("Choe Ryong Hae? who is he", "en", "12月10日"),
        # a kind word around the name, in each language: airport (机场, 공항, 空港, sân bay)
        ("Where is Noi Bai airport?", "en", "越南外交部25日"),
        ("Sân bay quốc tế Nội Bài ở đâu?", "vi", "越南外交部25日"),
        ("ポンペオ氏とは誰ですか？", "ja", "4月18日"),  # first mention: the CIA director
    ],
)
def test_a_name_of_the_page_is_answered_by_its_first_mention(
    glossary, passages, question, language, first_words
):
    found = identify(question, language, glossary, passages)
    assert found is not None
    intro = introduction(found.names, passages)
    assert passages[intro].text.startswith(first_words)


def test_a_label_line_is_passed_over_when_the_name_comes_again(passages):
    intro = introduction(["宁边核设施"], passages)
    assert passages[intro].label is None and "宁边核设施" in passages[intro].text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("金正恩的妻子是谁？", "zh"),  # more than a name
        ("Who is Kim Jong Un's wife?", "en"),
        ("Who is the president of France?", "en"),  # not a name of the page
        ("马克龙是谁？", "zh"),
        ("金正恩哪天抵达越南？", "zh"),  # not an identity question at all
        ("What happened on August 1, 2018?", "en"),
        ("他是谁？", "zh"),  # a pronoun: resolved with the conversation, not here
        ("북한은 뭐라고 했어?", "ko"),  # "what did North Korea say?"
        ("金正恩は何と言いましたか？", "ja"),
        ("Trump đã nói gì về Kim?", "vi"),
    ],
)
def test_not_identity_questions_about_the_page(glossary, passages, question, language):
    assert identify(question, language, glossary, passages) is None
