"""Names a question writes: the leaders of a country it asks about, and who a text names by title."""

import pytest

from summit_qa.answering.entities import leaders_of, of_country, people_of


@pytest.mark.parametrize(
    ("question", "countries"),
    [
        ("特朗普同哪几位越南领导人会谈？", ["越南"]),
        ("Which Vietnamese officials did Trump see?", ["越南"]),
        ("트럼프가 만난 베트남 지도자는?", ["越南"]),
        ("トランプが会ったベトナムの指導者は？", ["越南"]),
        ("Ông Trump hội đàm với lãnh đạo Việt Nam nào?", ["越南"]),
        ("越南国家领导人有谁和特朗普会谈？", ["越南"]),
        ("Which leaders of Vietnam did Trump see?", ["越南"]),
        ("트럼프는 베트남의 지도자를 만났어?", ["越南"]),
        ("特朗普什么时候到越南？", []),  # the country as a place, no leaders of it
        ("美朝领导人第一次见面在哪？", []),  # a pair of countries written short, not one named
    ],
)
def test_the_leaders_of_a_country_a_question_asks_about(page, question, countries):
    passages, _, glossary = page
    assert leaders_of(question, glossary, "".join(p.text for p in passages)) == countries


def test_a_country_s_people_are_the_ones_the_page_gives_it_by_title(page):
    passages, _, glossary = page
    text = "".join(p.text for p in passages)
    assert {"阮春福"} <= people_of("越南", glossary, text)
    assert {"特朗普", "蓬佩奥"} <= people_of("美国", glossary, text)
    assert "金正恩" not in people_of("美国", glossary, text) | people_of("越南", glossary, text)
    assert of_country("特朗普将与越南总理阮春福举行会谈。", "越南", glossary, text)
    assert not of_country("越南外交部25日表示，特朗普将于26日抵达。", "越南", glossary, text)
