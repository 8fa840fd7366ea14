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


def test_the_mentions_of_a_thing_are_the_passages_printing_its_longest_page_word(page):
    """A thing, not a person: the longest of the page's words the question writes (联合声明, not
    新加坡), and never a word that only points at the page (文章, 这版)."""
    from summit_qa.answering.mentions import mentioned_words, mentions

    passages, _, glossary = page
    texts = [p.text for p in passages]
    whole = "".join(texts)
    asked = "新加坡那份联合声明，文章里一共出现几次？"
    assert mentioned_words(asked, ("新加坡",), lambda w: w in whole) == ("联合声明",)
    found = mentions(asked, ("新加坡",), texts, glossary)
    assert found == [i for i, t in enumerate(texts) if "联合声明" in t] and len(found) >= 2


def test_a_person_or_a_kind_of_event_is_no_thing_counted_by_its_words(page):
    """Someone's appearances count the passages naming them (``appearances``); "联合军演" is every
    joint drill, however the page writes it (联合军演, 联合演习), not the passages printing the word."""
    from summit_qa.answering.mentions import mentions

    passages, _, glossary = page
    texts = [p.text for p in passages]
    assert mentions("杨希雨出现了几次？", ("杨希雨",), texts, glossary) == []
    assert mentions("联合军演一共出现几次？", (), texts, glossary) == []
    assert mentions("联合声明是什么？", ("联合声明",), texts, glossary) == []  # no mention asked


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    ["How many times does the page mention the joint statement?", "联合声明这版上出现了几次？"],
)
def test_a_count_of_a_thing_s_mentions_counts_the_passages_printing_it(engine, question):
    a = engine.answer(question)
    printing = {p.id for p in engine.index.passages if "联合声明" in p.text}
    assert a.kind == "count" and {p.id for p in a.passages} == printing and a.count == len(printing)
