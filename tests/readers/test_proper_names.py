"""Names the page never prints, found through CC-CEDICT's proper nouns."""

from pathlib import Path

import pytest

from summit_qa.page.names import Glossary
from summit_qa.readers.dictionaries import PageLexicon
from summit_qa.readers.dictionary_sources import proper_nouns
from summit_qa.readers.proper_names import PageNames, han_titled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def names():
    page = (ROOT / "data" / "hanoi-summit-page-2019-02-27.txt").read_text(encoding="utf-8")
    return PageNames.of(PageLexicon.build(page), Glossary.load(ROOT / "data" / "glossary.json"))


def test_the_dictionary_tells_proper_nouns_from_common_words():
    cedict = {
        "普京": [("普京", "Pu3 jing1", ["Vladimir Putin (1952-), president of Russia"])],
        "川普": [("川普", "Chuan1 pu3", ["Sichuanese pidgin", "(Tw) surname Trump"])],
        "金": [("金", "Jin1", ["surname Jin"]), ("金", "jin1", ["gold"])],
        "东西": [("東西", "dong1 xi1", ["thing"]), ("東西", "Dong1 xi1", ["east and west"])],
    }
    proper = proper_nouns(cedict)
    assert proper["普京"] == {"Vladimir", "Putin"} and "Trump" in proper["川普"]
    assert "金" not in proper and "东西" not in proper  # one character; a common reading


def test_festivals_dynasties_brands_and_apps_are_no_names_of_anyone():
    cedict = {
        "春节": [("春節", "Chun1 jie2", ["Spring Festival (Chinese New Year)"])],
        "周朝": [("周朝", "Zhou1 chao2", ["Zhou Dynasty"])],
        "吉列": [("吉列", "Ji2 lie4", ["Gillette (brand)"])],
        "微信": [("微信", "Wei1 xin4", ["Weixin or WeChat (mobile text and voice messaging service)"])],
        # …but people, places and bodies whose glosses say dynasty or festival stay names
        "左思": [("左思", "Zuo3 Si1", ["Zuo Si (3rd century), Jin dynasty writer and poet"])],
        "开封府": [("開封府", "Kai1 feng1 fu3", ["Kaifeng as the capital of Northern Song dynasty"])],
        "赵高": [("趙高", "Zhao4 Gao1", ["Zhao Gao (?-207 BC), powerful eunuch of the Qin dynasty"])],
        "金马奖": [("金馬獎", "Jin1 ma3 jiang3", ["Golden Horse Film Festival and Awards"])],
    }
    proper = proper_nouns(cedict)
    assert not {"春节", "周朝", "吉列", "微信"} & set(proper)
    assert {"左思", "开封府", "赵高", "金马奖"} <= set(proper)


@pytest.mark.parametrize(
    ("question", "language", "name"),
    [
        ("习近平和金正恩见过几次？", "zh", "习近平"),
        ("普丁跟金正恩見過面嗎？", "zh-Hant", "普丁"),
        ("安倍首相は何と言った？", "ja", "安倍"),
        ("北京那几天下雨了吗", "zh", "北京"),
        ("Did Trump ever meet Angela Merkel?", "en", "Merkel"),
        ("kim xi jinping beijing", "en", "jinping"),
        ("Trump có gặp Putin không?", "vi", "Putin"),
        ("아베 총리는 뭐라고 했어?", "ko", "아베"),  # a Korean name by its title
        ("문재인 대통령은 언제 평양에 갔어?", "ko", "문재인"),
    ],
)
def test_a_name_the_page_never_prints(names, question, language, name):
    assert name in names.off_page(question, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("特朗普哪天到河内？", "zh"),
        ("川普幾號到河內？", "zh-Hant"),  # Taiwan's name for Trump: another name of the page's
        ("特郎普几点到河内", "zh"),  # a typo the dictionary does not know is left alone
        ("When did Kim Jong Un reach Dong Dang in February?", "en"),
        ("What did the White House say about the Singapore summit?", "en"),
        ("When did Kim Jong Um get to Vietnamm?", "en"),
        ("Cho tôi biết về Nguyễn Phú Trọng", "vi"),  # "Cho" is a Vietnamese word
        ("hoi nghi thuong dinh o singapore dien ra ngay nao", "en"),  # unmarked Vietnamese
        ("Trump đến Hà Nội khi nào?", "vi"),
        ("ポンペオ長官は平壌を何回訪れた？", "ja"),
        ("你帮我看看这篇报道里到底提没提", "zh"),  # 报道 is a page word: no 道里 (a district) inside
        ("트럼프 대통령은 언제 도착하나요?", "ko"),
        ("베트남 국가 주석은 누구를 만났어?", "ko"),  # an office, not a name
        ("김영철 부위원장은 누구를 만났어?", "ko"),
        ("蓬佩奥十月份见了谁？", "zh"),  # month names the dictionary files as proper nouns
        ("十二月和一月各发生了什么", "zh"),
        ("特朗普周一说了什么？", "zh"),
        ("春节前后金正恩在干什么", "zh"),  # a festival sets a time
        ("我在微信朋友圈看到说河内会晤定在27号，是真的吗", "zh"),  # the asker's scene
        ("金峻亨氏は何と言った？", "ja"),  # 亨氏 across a page name and an honorific
        ("杨希雨氏の意見は？", "ja"),
    ],
)
def test_names_of_the_page_and_ordinary_words_pass(names, question, language):
    assert names.off_page(question, language) == ()


def test_the_lexicon_keeps_the_names_through_its_file():
    page = (ROOT / "data" / "hanoi-summit-page-2019-02-27.txt").read_text(encoding="utf-8")
    lexicon = PageLexicon.from_json(PageLexicon.build(page).to_json())
    assert "特朗普" in lexicon.printed_names and "普京" in lexicon.foreign_names
    assert "川普" not in lexicon.foreign_names  # another name of someone the page prints
    assert "Putin" in lexicon.foreign_name_words and "Trump" not in lexicon.foreign_name_words


def test_an_agency_the_page_prints_in_its_bylines_is_no_foreign_name():
    page = (ROOT / "data" / "hanoi-summit-page-2019-02-27.txt").read_text(encoding="utf-8")
    glossary = Glossary.load(ROOT / "data" / "glossary.json")
    lexicon = PageLexicon.build(page.replace("中新社", ""))  # as if only its byline printed it
    assert PageNames.of(lexicon, glossary).off_page("中新社报道了什么？", "zh") == ("新社",)
    assert PageNames.of(lexicon, glossary, ("中新社",)).off_page("中新社报道了什么？", "zh") == ()


@pytest.mark.parametrize(
    "question, name",
    [
        ("安倍晋三的看法？", None),  # spelled right: found as itself, not as a typo
        ("文在银怎么看这次会谈？", "文在寅"),  # 银 typed for 寅 (yin)
        ("普京和习近平怎么说", None),
    ],
)
def test_a_name_the_page_never_prints_typed_with_a_character_that_sounds_the_same(names, question, name):
    from summit_qa.readers.proper_names import sound_alike_names

    found = sound_alike_names(question, names.foreign, names.page_words)
    assert found == ([name] if name else [])


@pytest.mark.parametrize("question", ["特朗普和金正恩的会晤在哪里举行？", "金英哲见了谁", "杨希雨怎么评价的"])
def test_the_page_s_own_names_and_words_are_no_typos_of_other_names(names, question):
    from summit_qa.readers.proper_names import sound_alike_names

    assert sound_alike_names(question, names.foreign, names.page_words) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("外长赵明远对会谈说了什么？", ["赵明远"]),
        ("大使韩德说", ["韩德"]),
        ("总统高度评价这次会晤", []),  # a word after the title, no name
        ("发言人说了什么", []),
        ("韩国总统怎么看", []),
    ],
)
def test_a_chinese_name_after_the_title_it_holds(text, found):
    assert han_titled(text) == found


@pytest.mark.parametrize(
    ("question", "off"),
    [
        ("朝鲜外相吴成哲怎么评价这次会晤？", ("吴成哲",)),
        ("國務卿蓬佩奧說了什麼？", ()),  # the page's own, in traditional characters
        ("学者金峻亨对会谈有何评价？", ()),
    ],
)
def test_a_titled_person_the_page_never_prints_is_off_the_page(names, question, off):
    assert names.off_page(question, "zh") == off
