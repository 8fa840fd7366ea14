"""Glosses: the sense of a term that fits where it stands (real CC-CEDICT, no model)."""

from dataclasses import replace

import pytest

from summit_qa.page.names import Glossary
from summit_qa.page.passages import load_passages
from summit_qa.readers.dictionaries import PageLexicon, Word
from summit_qa.readers.glosses import english_meaning, gloss, longest_words, sense_words
from summit_qa.retrieval.index import page_text
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="module")
def passages():
    return load_passages()


@pytest.fixture(scope="module")
def lexicon(passages):
    return PageLexicon.build(page_text(passages))


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


def terms(passage, lexicon, glossary, question="", language="en"):
    return {i.text: i.meaning for i in gloss(passage, language, lexicon, glossary, {}, question=question)}


def test_supreme_leader_reads_supreme_first(passages, lexicon, glossary):
    """最高 in 朝鲜最高领导人金正恩: CC-CEDICT's first senses are "tallest; highest"; beside it,
    金正恩's entry says "supreme leader of North Korea"."""
    assert lexicon.words["最高"].meanings(2) == ["tallest", "highest"]  # what a first-senses gloss showed
    arrival = next(p for p in passages if p.id == "arrival-0")
    meaning = terms(arrival, lexicon, glossary)["最高"]
    assert meaning.startswith("supreme") and "tallest" in meaning  # the rest still listed, after it
    # without 金正恩 beside it, nothing points: every sense, none first by accident of order
    alone = replace(arrival, text="朝鲜最高领导人抵达越南。")
    assert terms(alone, lexicon, glossary)["最高"] == "tallest; highest; supreme"
    # the question's own word decides
    asked = terms(alone, lexicon, glossary, question="Who is the supreme leader?")
    assert asked["最高"].startswith("supreme (also")


def test_the_longest_dictionary_word_is_glossed_whole(passages, lexicon, glossary):
    arrival = next(p for p in passages if p.id == "arrival-0")
    whole = Word("最高领导人", "最高領導人", "zuìgāo lǐngdǎorén", ("supreme leader",))
    bigger = PageLexicon({**lexicon.words, whole.zh: whole}, lexicon.simplified)
    meanings = terms(arrival, bigger, glossary)
    assert meanings["最高领导人"] == "supreme leader" and "最高" not in meanings
    # 在华盛顿: the longer word wins the characters both want
    assert [w.zh for _, w in longest_words("在华盛顿举行", lexicon)] == ["华盛顿", "举行"]


@pytest.mark.parametrize("text", ["双方进行会谈。", "双方举行会谈，就此进行了商讨。", "双方在河内举行会谈。"])
def test_jinxing_and_juxing_beside_talks(passages, lexicon, glossary, text):
    """进行 (CC-CEDICT: to advance / to conduct / underway / …) before talks is "to conduct":
    never "to advance" alone; 举行 keeps its one sense with its note."""
    talks = replace(passages[0], text=text)
    meanings = terms(talks, lexicon, glossary)
    if "进行" in text:
        assert "conduct" in meanings["进行"] and meanings["进行"] != "to advance"
        asked = terms(talks, lexicon, glossary, question="Did they conduct talks?")
        assert asked["进行"].startswith("to conduct (also to advance")
    if "举行" in text:
        assert meanings["举行"] == "to hold (a meeting, ceremony etc)"
    assert meanings["会谈"] == "talks; discussions"
    korean = terms(talks, lexicon, glossary, language="ko")
    assert korean["会谈"] == "회담 (會談) · talks; discussions"


def test_senses_are_listed_compactly_without_place_names(lexicon):
    youhao = lexicon.words["友好"]  # CC-CEDICT also gives "Youhao district of Yichun city …"
    assert any("district" in g for g in youhao.english)
    assert english_meaning(youhao) == "friendly; amicable; close friend"
    meaning = english_meaning(lexicon.words["进行"])
    assert meaning.startswith("to advance, conduct, do, carry out") and meaning.endswith("…")
    assert sense_words("to hold (a meeting, ceremony etc)") == {"hold"}
