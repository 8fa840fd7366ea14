"""A person described by the words of their introduction instead of their name: the page's
introductions (no model, a small fake for the dictionaries' words), then a real follow-up."""

import pytest

from summit_qa.answering.described import described

# The dictionaries' Chinese words for a few foreign words (the fake of ranking.Ranker.terms).
WORDS = {
    "American": "美国",
    "Korean": "韩国",
    "think tank": "智库",
    "analyst": "分析师",
    "scholar": "学者",
    "중국": "中国",
    "연구원": "研究员",
    "Trung Quốc": "中国",
    "chuyên gia": "专家",
}


def fake_terms(text, language):
    return tuple(zh for word, zh in WORDS.items() if word in text)


def _who(page, question, language):
    passages, _, glossary = page
    return described(question, language, passages, glossary, fake_terms)


@pytest.mark.parametrize(
    "question, language, person",
    [
        ("美国智库那位分析师的看法呢？", "zh", "凯尔·费里埃"),
        ("韩国那位大学学者说了什么？", "zh", "金峻亨"),
        ("姓金的那位学者怎么评价？", "zh", "金峻亨"),
        ("How does the American think tank analyst see it?", "en", "凯尔·费里埃"),
        ("중국 연구원은 어떻게 봐?", "ko", "杨希雨"),
        ("中国の研究者の見方は？", "ja", "杨希雨"),
        ("Ý kiến của chuyên gia Trung Quốc?", "vi", "杨希雨"),
    ],
)
def test_a_person_described_by_their_introduction_s_words(page, question, language, person):
    assert _who(page, question, language) == person


@pytest.mark.parametrize(
    "question, language",
    [
        ("分析里一共引用了几位专家？", "zh"),  # a set of experts: no one described
        ("专家们对无核化问题怎么看？", "zh"),  # words after the expert word describe no one
        ("韩国专家怎么看？", "zh"),  # two introductions name Korea, neither a 专家: a tie
        ("杨希雨这位研究员怎么看？", "zh"),  # named already
        ("Theo các chuyên gia, Mỹ muốn gì?", "vi"),  # the words after a comma describe no one
    ],
)
def test_no_one_is_described_without_words_of_one_introduction(page, question, language):
    assert _who(page, question, language) is None


@pytest.mark.model
def test_a_follow_up_asking_after_a_described_expert_is_answered_by_that_expert(engine):
    found = engine.answer("韩国的那位学者看法如何？", history=["杨希雨如何评价河内峰会的前景？"])
    assert "金峻亨" in found.passages[0].text
