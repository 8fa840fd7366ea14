"""Questions as people type them, through the real engine."""

import pytest

pytestmark = pytest.mark.model


def test_traditional_characters_and_taiwan_names(engine):
    a = engine.answer("川普哪天離開越南？")
    assert a.language == "zh-Hant" and a.kind == "answer"
    first = a.passages[0]
    assert "离开越南" in first.text and first.answer_date == "2019-02-28"
    refused = engine.answer("請問川普的生日是幾號？")
    assert refused.kind == "refused" and "這篇報道" in refused.message


def test_a_misspelt_name_and_a_keyword_query(engine):
    a = engine.answer("pompeio pyongyang")
    assert a.kind == "answer" and "蓬佩奥" in a.passages[0].text and "平壤" in a.passages[0].text
    place = engine.answer("谅山省")
    assert place.kind == "answer" and "谅山省" in place.passages[0].text


def test_what_happened_on_a_slash_date(engine):
    a = engine.answer("what happened on 2018/6/12")
    assert a.passages[0].date == "2018-06-12"


def test_a_keyboard_mash_gets_no_passage(engine):
    a = engine.answer("asdkjh qweoiu zxcmnb")
    assert a.kind == "small_talk" and not a.passages


def test_the_date_shown_is_the_date_asked_about(engine):
    a = engine.answer("When did Trump arrive in Hanoi?")
    assert a.passages[0].answer_date == "2019-02-26" and a.passages[0].date == "2019-02-25"


@pytest.mark.parametrize(
    "question",
    ["普京什么时候去过平壤？", "What did Shinzo Abe say about the summit?", "xi jinping kim beijing train"],
)
def test_a_question_about_someone_the_page_never_names_is_refused(engine, question):
    assert engine.answer(question).kind == "refused"


def test_an_english_question_quoting_a_chinese_name_takes_the_english_floor(engine):
    a = engine.answer("what did 金峻亨 say about the Hanoi talks")
    assert a.kind == "answer" and "金峻亨" in a.passages[0].text


@pytest.mark.parametrize(
    ("question", "day"),
    [("金正恩元旦说了什么？", "2019-01-01"), ("平成30年12月10日、アメリカは何を発表した？", "2018-12-10")],
)
def test_calendar_words_read_as_the_dates_they_are(engine, question, day):
    a = engine.answer(question)
    assert a.kind == "answer" and a.passages[0].answer_date == day


LONG_MESSAGE = (
    "我一直在看新闻。去年秋天以后好像一直没什么进展，大家都很失望。我就想知道，蓬佩奥十月份在平壤见了谁？谢谢"
)


def test_a_long_message_is_ranked_with_its_question_first(engine):
    message = (
        "我在准备一个关于朝鲜半岛的演讲，查资料时看到很多关于板门店的内容，还有人说遗骸是在板门店交接的，"
        "我有点搞混了。想问下：美国迎回美军士兵遗骸的仪式在哪里举行？"
    )
    assert "夏威夷" in engine.answer(message).passages[0].text


def test_a_long_message_telling_a_period_before_its_question_is_one_fact(engine):
    a = engine.answer(LONG_MESSAGE)
    assert a.kind == "answer" and len(a.passages) <= 3
    assert any("10月8日" in p.text for p in a.passages)


@pytest.mark.parametrize("question", ["杨希雨怎么说的", "What does Kyle Ferrier say?", "카일 페리어 말은?"])
def test_someone_the_page_quotes_once_or_twice_is_in_scope(engine, question):
    a = engine.answer(question)
    assert a.kind == "answer" and a.passages[0].id.startswith("analysis-")


def test_a_day_told_only_inside_the_entry_before_is_answered_by_it(engine):
    a = engine.answer("2018/10/9 发生了什么？")
    assert "次日" in a.passages[0].text and "2018-10-09" in a.passages[0].dates


@pytest.mark.parametrize(
    "question, refused",
    [
        ("what went on on 2018-09-03?", True),  # no passage carries that day
        ("ngày 3/9/2018 có chuyện gì không?", True),
        ("any news from 2018.7.6?", False),  # the day of a timeline entry
    ],
)
def test_what_happened_on_a_day_the_page_does_not_report(engine, question, refused):
    assert (engine.answer(question).kind == "refused") == refused


def test_a_vietnamese_when_that_gives_a_day_asks_for_the_day_that_told_it(engine):
    """ "When was the 12 June meeting announced?": the entry that announces that day."""
    a = engine.answer("Trump công bố hội nghị ngày 12/6 hồi nào?")
    assert a.passages[0].date != "2018-06-12" and "6月12日" in a.passages[0].text


def test_a_kind_of_event_named_in_another_language_does_not_move_the_date_asked_about(engine):
    """The page's noun for the drills ranks the passage; the day asked is the criticism's."""
    a = engine.answer("Báo chí Triều Tiên lên án cuộc tập trận Hàn-Mỹ hôm nào?")
    assert "演习" in a.passages[0].text and a.passages[0].answer_date == "2018-11-12"


@pytest.mark.parametrize(
    "question", ["三大障碍指的是哪些", "tell me about the 三大障碍", "那篇分析的最大任务是啥"]
)
def test_a_heading_written_as_printed_is_on_the_page(engine, question):
    a = engine.answer(question)
    assert a.kind != "refused" and a.passages
