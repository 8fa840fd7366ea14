"""Questions as people type them, read as the page would write them: each class on cases
written for it."""

import pytest

from summit_qa.page.names import Glossary
from summit_qa.readers.messages import say
from summit_qa.readers.normalize import (
    calendar_dates,
    fix_chinese_names,
    fix_spelling,
    is_gibberish,
    is_traditional,
    read_typed,
    to_simplified,
)
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


@pytest.mark.parametrize(
    "text, traditional",
    [
        ("川普和金正恩第一次見面在哪裡？", True),
        ("北韓領導人何時抵達越南？", True),
        ("金正恩哪天抵达越南？", False),
        ("金正恩", False),  # the same in both scripts
        ("Kim Jong Un", False),
    ],
)
def test_traditional_characters_are_told_from_simplified(text, traditional):
    assert is_traditional(text) is traditional


def test_phrases_are_converted_not_only_characters():
    assert to_simplified("軟體資訊") == "软件信息"


def test_taiwan_and_hong_kong_names_become_the_page_s(glossary):
    reading = read_typed("川普和龐佩奧何時去了北韓？", glossary)
    assert reading.language == "zh-Hant"
    assert "特朗普" in reading.text and "蓬佩奥" in reading.text and "朝鲜" in reading.text
    # a simplified question writing a Taiwan form is read the same way
    assert "特朗普" in read_typed("川普哪天到河内？", glossary).text


def test_replies_to_a_reader_of_traditional_characters_are_traditional():
    text = say("not_in_article", "zh-Hant")
    assert text.startswith("這篇報") and "這個問題" in text


@pytest.mark.parametrize(
    "typed, name",
    [
        ("pompeio", "Pompeo"),
        ("Hannoi summit", "Hanoi"),
        ("Kim Jong Um", "Kim Jong Un"),
        ("Singapur", "Singapore"),
        ("Pyongyan", "Pyongyang"),
        # two letters swapped: one slip of the fingers
        ("Trmup in Hanoi", "Trump"),
        ("Pmopeo", "Pompeo"),
        ("Kim Jogn Un", "Kim Jong Un"),
    ],
)
def test_misspelt_names_take_the_glossary_s_spelling(glossary, typed, name):
    assert name in fix_spelling(typed, glossary)


@pytest.mark.parametrize("text", ["What did they sign?", "toi viet bai nay", "Where is the border?"])
def test_ordinary_words_are_left_alone(glossary, text):
    assert fix_spelling(text, glossary) == text


def test_names_in_another_script_inside_a_chinese_question(glossary):
    assert read_typed("Kim Jong Un 哪天到的 Vietnam？", glossary).text == "金正恩 哪天到的 越南？"


def test_full_width_letters_are_ascii(glossary):
    assert read_typed("ｐｏｍｐｅｏ １２", glossary).text == "pompeo 12"


@pytest.mark.parametrize(
    "text",
    [
        "asdkjh qweoiu zxcmnb",
        "ㅁㄴㅇㄹ",
        "ｊｋｌ；",
        "qwerty uiop",
        "zzzz",
        "ふじこlp；＠",
        "すdfgかjkl",
        "ơươ ưqư ưưkk",  # Vietnamese letters, no syllable spelt
        "đđđ qqưe",
    ],
)
def test_keyboard_mashes(glossary, text):
    assert is_gibberish(read_typed(text, glossary).text, glossary)


@pytest.mark.parametrize(
    "text",
    [
        "trump den ha noi khi nao",
        "pompeio pyongyang",
        "hello",
        "2018/6/12",
        "谅山省",
        "트럼프 언제 옴?",
        "Hannoi",
        "トランプはいつhanoiに着いた？",
        "これはtestです",
        "Trước đó?",
        "Còn ông Trump?",
        "Khuỷu tay",
        "Nguyễn Phú Trọng là ai?",
    ],
)
def test_words_and_names_are_not_mashes(glossary, text):
    assert not is_gibberish(text, glossary)


def test_vietnamese_names_typed_without_marks_get_them_back(glossary):
    reading = read_typed("trump den ha noi khi nao", glossary)
    assert reading.text == "trump den Hà Nội khi nao" and reading.language == "vi"


def test_each_opencc_configuration_is_built_once_per_process():
    from summit_qa.readers.normalize import _converter, is_traditional, to_simplified, to_traditional

    def one_round():
        for text in ("川普哪天離開越南？", "金正恩哪天抵达越南？"):
            is_traditional(text), to_simplified(text), to_traditional(text)

    one_round()
    built = _converter.cache_info().misses
    one_round()
    assert _converter.cache_info().misses == built  # every configuration still cached


def test_vietnamese_typed_without_its_marks_is_read_as_vietnamese(glossary):
    from summit_qa.readers.normalize import read_typed

    assert read_typed("khi nao thi truong trieu tien mo cua", glossary).language == "vi"
    assert read_typed("nhung lan ong pompeo sang binh nhuong la khi nao", glossary).language == "vi"
    for english in ("how many times did pompeo go to pyongyang", "what did the white house say"):
        assert read_typed(english, glossary).language == "en"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("平成30年12月10日に何があった？", "2018年12月10日に何があった？"),
        ("令和元年の話", "2019年の話"),
        ("金正恩元旦讲了啥", "金正恩1月1日讲了啥"),
        ("What did Kim say on New Year's Day?", "What did Kim say on January 1?"),
        ("신정에 뭐라고 했어?", "1월 1일에 뭐라고 했어?"),
        ("Tết Dương lịch có gì?", "ngày 1/1 có gì?"),
        ("金正恩发表新年贺词", "金正恩发表新年贺词"),  # the New Year speech is no date
    ],
)
def test_era_years_and_new_year_s_day_are_written_as_dates(typed, written):
    assert calendar_dates(typed) == written


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("特郎普几点到", "特朗普几点到"),  # one character that sounds the same
        ("凯尔费里埃怎么看", "凯尔·费里埃怎么看"),  # a foreign name without its dot
        ("凯尔费里尔说了啥", "凯尔·费里埃说了啥"),  # and with one character of another transliteration
        ("莎拉桑德丝说了什么", "莎拉·桑德斯说了什么"),
    ],
)
def test_page_names_typed_another_way(glossary, typed, printed):
    assert fix_chinese_names(typed, glossary) == printed


def test_a_short_name_one_character_off_is_left_alone(glossary):
    assert fix_chinese_names("金正日是谁", glossary) == "金正日是谁"  # another person, not 金正恩


@pytest.mark.parametrize(
    "question, name",
    [
        ("北朝鮮の崔龍海はどうなった？", "崔龙海"),
        ("楊希雨さんの考えは？", "杨希雨"),
        ("ポンペオは平壌へ何回行った？", "平壤"),
        ("板門店での協議はいつ？", "板门店"),
    ],
)
def test_page_names_in_japanese_kanji_are_read_as_the_page_prints_them(glossary, question, name):
    reading = read_typed(question, glossary, "ja")
    assert name in reading.text and name in glossary.names(reading.text)


def test_japanese_words_that_are_no_page_names_keep_their_kanji(glossary):
    assert read_typed("会談の結果はどうだった？", glossary, "ja").text == "会談の結果はどうだった？"


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [
        ("Trump hội đàm vs ông Trọng lúc mấy giờ", "Trump hội đàm với ông Trọng lúc mấy giờ"),
        ("Kim có gặp Trump ở hn ko", "Kim có gặp Trump ở Hà Nội không"),
        ("ông Kim đi bằng j", "ông Kim đi bằng gì"),
    ],
)
def test_vietnamese_chat_shorthand_is_spelt_out(glossary, typed, spelt):
    reading = read_typed(typed, glossary)
    assert (reading.text, reading.language) == (spelt, "vi")


@pytest.mark.parametrize(
    "text", ["Trump vs Kim: who arrived first?", "what is k-pop", "Kim vs Trump arrival"]
)
def test_english_keeps_its_vs_and_its_letters(glossary, text):
    assert read_typed(text, glossary).text == text
