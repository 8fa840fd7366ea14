"""Where and how often someone appears on the page: the cue in five languages, every passage
naming the person on the page's own events, and the order a count shows them in (no model)."""

import numpy as np
import pytest

from summit_qa.answering.mentions import appearances, asks_appearances
from summit_qa.answering.selection import select
from summit_qa.answering.shape import Shape


@pytest.mark.parametrize(
    "question",
    [
        "杨希雨的话被引用了几回？",
        "How often is Kim Joon-hyung cited in the piece?",
        "양시위는 기사에 몇 번 등장해?",
        "楊希雨は何回登場する？",
        "Dương Hy Vũ được nhắc đến mấy lần?",
    ],
)
def test_asking_where_someone_appears_in_five_languages(question):
    assert asks_appearances(question)


@pytest.mark.parametrize("question", ["杨希雨怎么看朝美关系？", "What does Kim Joon-hyung think?"])
def test_asking_what_someone_thinks_is_not_asking_where_they_appear(question):
    assert not asks_appearances(question)


def test_every_passage_naming_the_person_and_only_those(page):
    passages, events, glossary = page
    found = appearances("杨希雨的话被引用了几回？", glossary, events)
    naming = [i for i, p in enumerate(passages) if "杨希雨" in p.text]
    assert found == naming and len(found) >= 2


def test_a_body_named_beside_the_person_is_their_affiliation(page):
    passages, events, glossary = page
    with_body = appearances("韩东大学学者金峻亨一共被引用过几次？", glossary, events)
    assert with_body == appearances("金峻亨一共被引用过几次？", glossary, events)
    assert len(with_body) >= 3


def test_no_person_or_no_appearance_cue_is_no_such_set(page):
    _, events, glossary = page
    assert appearances("这篇分析被引用了几次？", glossary, events) == []
    assert appearances("杨希雨认为什么是根本挑战？", glossary, events) == []


def test_the_count_shows_them_in_page_order_whatever_the_ranking(page):
    passages, events, glossary = page
    score = np.linspace(0.0, 1.0, len(passages)).astype(np.float32)  # later passages rank first
    order = np.argsort(-score, kind="stable")
    chosen = select(
        Shape("count", counted=True), "金峻亨出现了几次？", passages, events, glossary, score, order
    )
    assert list(chosen.passages) == sorted(chosen.passages) and len(chosen.passages) >= 3
    assert chosen.order == "page"
