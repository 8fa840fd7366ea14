"""The question's shape: each class in five languages, and single questions left alone."""

import datetime as dt

import pytest

from summit_qa.answering.periods import period
from summit_qa.answering.shape import Shape, read_shape

PAGE_DATE = dt.date(2019, 2, 27)
SUMMITS = ("2018-06-12", "2019-02-27")


def shape(question: str, language: str, names=(), actions=()) -> Shape:
    return read_shape(question, language, PAGE_DATE, SUMMITS, tuple(names), tuple(actions))


@pytest.mark.parametrize(
    "question, language",
    [
        ("这张报纸是哪天的？", "zh"),
        ("Which agencies wrote the stories on this page?", "en"),
        ("이 신문의 기사 제목은 무엇인가요?", "ko"),
        ("この紙面の見出しを教えて", "ja"),
        ("Trang báo này có những tiêu đề gì?", "vi"),
        ("Which news agencies does this page cite?", "en"),  # "news agencies" is no news
    ],
)
def test_questions_about_the_page_itself(question, language):
    assert shape(question, language).kind == "page"


@pytest.mark.parametrize(
    "question, language",
    [
        ("这篇文章主要讲了什么？", "zh"),
        ("Give me an overview of this page", "en"),
        ("이 기사를 요약해 주세요", "ko"),
        ("この記事を要約してください", "ja"),
        ("Tóm tắt bài báo này giúp tôi", "vi"),
        ("この記事って、要するに何が書いてあるの？", "ja"),
        ("第二部分讲了哪几点？", "zh"),  # the points a section makes
        ("那一节写了哪些内容", "zh"),
        ("その部分にはどんなことが書いてありますか？", "ja"),
        ("这篇分析是关于什么的？", "zh"),  # what an article is about
        ("金正恩抵达越南那篇是关于啥的", "zh"),
    ],
)
def test_overviews(question, language):
    assert shape(question, language).kind == "overview"


@pytest.mark.parametrize(
    "question, language",
    [
        ("《从6月到12月 半年来的外交》这篇写的是什么？", "zh"),
        ("《3月から5月まで》の記事の要点は？", "ja"),
    ],
)
def test_a_title_in_title_marks_is_no_period(question, language):
    assert shape(question, language, names=["平壤"]).kind == "overview"


def test_a_question_about_something_named_is_not_an_overview():
    # "说了什么" about a named event is one fact, not a summary of the page
    assert shape("金正恩的新年贺词讲了什么？", "zh", names=["金正恩"]).kind == "single"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("杨希雨在文章里都说了什么？", "zh"),
        ("What does Yang Xiyu say in the article?", "en"),
        ("양시위는 기사에서 뭐라고 했어?", "ko"),
    ],
)
def test_what_someone_says_in_the_article_is_no_overview_of_it(question, language):
    assert shape(question, language, names=["杨希雨"]).kind != "overview"
    assert shape("这篇文章都说了什么？", "zh").kind == "overview"  # the article itself


@pytest.mark.parametrize(
    "question, language",
    [
        ("白宫发言人一共发过几次声明？", "zh"),
        ("How many times did the two leaders meet?", "en"),
        ("북미 정상은 몇 번 만났나요?", "ko"),
        ("両首脳は何回会いましたか", "ja"),
        ("Hai nhà lãnh đạo đã gặp nhau bao nhiêu lần?", "vi"),
    ],
)
def test_counts_of_events(question, language):
    assert shape(question, language, actions=["meeting"]).kind == "count"


@pytest.mark.parametrize(
    "question, language",
    [
        ("蓬佩奥这次访朝是第几次了？", "zh"),
        ("폼페이오의 이번 방북은 몇 번째야?", "ko"),
        ("ポンペオ氏の今回の訪朝は何回目？", "ja"),
        ("ポンペオ氏が訪朝するのは何度目ですか", "ja"),
    ],
)
def test_which_time_this_is_asks_one_passage_not_a_count(question, language):
    assert shape(question, language, names=["蓬佩奥"], actions=["visit"]).kind != "count"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Năm 2018 có bao nhiêu mốc sự kiện?", True),  # a classifier before the noun counted
        ("Có bao nhiêu cuộc gặp?", True),
        ("Tóm tắt giúp mình mấy mốc chính thôi", False),  # "a few milestones", no question of number
    ],
)
def test_a_vietnamese_count_of_events_with_or_without_a_classifier(question, counted):
    assert (shape(question, "vi", actions=["meeting"]).kind == "count") is counted


def test_how_many_of_a_quantity_is_one_fact():
    # a number the page states, not a count of its passages
    assert shape("How many nuclear warheads does the North have?", "en").kind == "single"
    assert shape("特朗普几点到河内？", "zh", names=["特朗普", "河内"]).kind == "single"


@pytest.mark.parametrize(
    "question, language, span",
    [
        ("2018年下半年发生了什么？", "zh", ("2018-07", "2018-12")),
        ("What happened from March to May 2018?", "en", ("2018-03", "2018-05")),
        ("2018년 상반기에 무슨 일이 있었나요?", "ko", ("2018-01", "2018-06")),
        ("2019年1月に何があった？", "ja", ("2019-01", "2019-01")),
        ("Những sự kiện nào diễn ra trong tháng 7 năm 2018?", "vi", ("2018-07", "2018-07")),
        ("2月23日到26日之间发生了什么？", "zh", ("2019-02-23", "2019-02-26")),
        ("23号到25号有什么新闻？", "zh", ("2019-02-23", "2019-02-25")),
    ],
)
def test_date_ranges(question, language, span):
    s = shape(question, language)
    assert (s.kind, s.span) == ("range", span)


def test_the_page_s_events_as_anchors():
    assert period("What happened between the two summits?", PAGE_DATE, SUMMITS) == (SUMMITS, True)
    assert period("新加坡会晤之后发生了什么", PAGE_DATE, SUMMITS) == (("2018-06-12", None), True)
    assert period("What happened before the Singapore summit?", PAGE_DATE, SUMMITS) == (
        (None, "2018-06-12"),
        True,
    )
    assert period("after Singapore and before Hanoi", PAGE_DATE, SUMMITS) == (SUMMITS, True)
    assert period("金正恩哪天抵达越南？", PAGE_DATE, SUMMITS) is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("新加坡会晤之后谈判停了多久？", "zh"),
        ("How long did the talks stall after the first summit?", "en"),
        ("첫 정상회담 이후 협상은 얼마나 오래 멈췄어?", "ko"),
        ("最初の首脳会談の後、交渉はどのくらい止まった？", "ja"),
        ("Sau hội nghị đầu tiên, đàm phán đình trệ bao lâu?", "vi"),
    ],
)
def test_how_long_something_lasted_is_one_fact(question, language):
    assert shape(question, language, names=["新加坡"]).kind == "single"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("蓬佩奥第一次和最后一次访朝分别是哪天？", "zh"),
        ("What are the first and the last entries?", "en"),
        ("Lần đầu tiên và lần gần nhất ông ấy sang Mỹ là khi nào?", "vi"),  # the latest is the last
    ],
)
def test_the_first_and_the_last_are_two_of_one_series(question, language):
    s = shape(question, language)
    assert s.kind == "ordinal" and s.nths == (1, -1)


def test_one_day_is_a_single_question():
    assert shape("What happened on 2018/6/12?", "en").kind == "single"


@pytest.mark.parametrize(
    "question, language",
    [
        ("文章列出的三大障碍是什么？", "zh"),
        ("What are the three obstacles the analysis names?", "en"),
        ("세 가지 장애물은 무엇인가요?", "ko"),
        ("3つの障害は何ですか", "ja"),
        ("Ba trở ngại là gì?", "vi"),
    ],
)
def test_a_heading_s_items(question, language):
    assert shape(question, language).kind == "enumeration"


def test_an_item_by_its_number_is_one_fact():
    assert shape("三大议题中的第二个是什么？", "zh").kind != "enumeration"


@pytest.mark.parametrize(
    "question, language",
    [
        ("金正恩和特朗普分别住在哪里？", "zh"),
        ("Who arrived first, Kim or Trump?", "en"),
        ("김정은과 트럼프는 각각 어떻게 왔나요?", "ko"),
        ("金正恩とトランプはそれぞれどう来た？", "ja"),
        ("Kim và Trump khác nhau thế nào?", "vi"),
    ],
)
def test_comparisons(question, language):
    assert shape(question, language).kind == "compare"


@pytest.mark.parametrize(
    "question, language",
    [
        ("蓬佩奥都去过哪些地方？", "zh"),
        ("List the visits Pompeo made", "en"),
        ("폼페이오의 방문을 나열해 주세요", "ko"),
        ("ポンペオ氏の訪問を一覧にして", "ja"),
        ("Liệt kê những chuyến thăm của Pompeo", "vi"),
    ],
)
def test_lists_of_events(question, language):
    assert shape(question, language, names=["蓬佩奥"], actions=["visit"]).kind == "list"


@pytest.mark.parametrize(
    "question, language",
    [
        ("把蓬佩奥所有的访问按时间排一下", "zh"),
        ("Show me every visit Pompeo made", "en"),
        ("Pompeo's trips, all of them", "en"),
        ("폼페이오 방문 전부 보여줘", "ko"),
        ("ポンペオ氏の訪問を全部教えて", "ja"),
        ("Cho tôi tất cả các chuyến thăm của Pompeo", "vi"),
    ],
)
def test_words_of_totality_ask_for_every_event(question, language):
    assert shape(question, language, names=["蓬佩奥"], actions=["visit"]).kind == "list"


@pytest.mark.parametrize(
    "question",
    ["What is all this about Pompeo's visit?", "Was Pompeo's visit all his own idea?"],
)
def test_totality_needs_a_plural_of_events(question):
    assert shape(question, "en", names=["蓬佩奥"], actions=["visit"]).kind == "single"


def test_a_list_cue_without_events_is_one_passage_s_question():
    # "which projects" names things one passage lists, not a set of events
    assert shape("哪些合作项目可能松绑？", "zh").kind == "single"


@pytest.mark.parametrize(
    "question, language, nth",
    [
        ("蓬佩奥第二次访朝是哪天？", "zh", 2),
        ("When was Pompeo's third visit?", "en", 3),
        ("폼페이오의 두 번째 방문은 언제?", "ko", 2),
        ("ポンペオ氏の最後の訪問は？", "ja", -1),
        ("Lần cuối Pompeo thăm là khi nào?", "vi", -1),
    ],
)
def test_the_nth_of_a_series(question, language, nth):
    s = shape(question, language)
    assert (s.kind, s.nth) == ("ordinal", nth)


@pytest.mark.parametrize(
    "question, language",
    [
        ("金正恩哪天抵达越南？", "zh"),
        ("Where did Kim's train arrive?", "en"),
        ("트럼프는 언제 하노이에 도착하나요?", "ko"),
        ("金正恩氏はいつ平壌を出発しましたか", "ja"),
        ("Kim Jong Un đến Việt Nam ngày nào?", "vi"),
    ],
)
def test_single_questions_keep_their_shape(question, language):
    assert shape(question, language).kind == "single"


@pytest.mark.parametrize(
    "question, language, span",
    [
        ("2018年8月到9月朝美之间有什么动向？", "zh", ("2018-08", "2018-09")),
        ("What were the developments from October to December 2018?", "en", ("2018-10", "2018-12")),
        ("2018年10月から11月までの動きは？", "ja", ("2018-10", "2018-11")),
        ("2018년 10월부터 11월까지 북미 동향은?", "ko", ("2018-10", "2018-11")),
        ("Diễn biến từ tháng 10 đến tháng 12 năm 2018?", "vi", ("2018-10", "2018-12")),
        # what the two sides went through over a period
        ("2018年8月到10月，朝美之间经历了什么？", "zh", ("2018-08", "2018-10")),
        ("What did the two sides go through from August to October 2018?", "en", ("2018-08", "2018-10")),
        ("2018년 8월부터 10월까지 북미는 무엇을 겪었어?", "ko", ("2018-08", "2018-10")),
    ],
)
def test_developments_in_a_period_are_a_range(question, language, span):
    got = shape(question, language)
    assert got.kind == "range" and got.span == span


def test_from_a_date_to_one_of_the_page_s_summits():
    got = shape("从2018年4月到新加坡会晤之前有哪些事？", "zh")
    assert got.kind == "range" and got.span == ("2018-04", "2018-06-12") and got.exclusive
    got = shape("What happened from the Singapore summit to December 2018?", "en")
    assert got.kind == "range" and got.span == ("2018-06-12", "2018-12")


@pytest.mark.parametrize(
    "question, language",
    [
        ("文章里提到白宫的地方有几处？", "zh"),
        ("How many mentions of the White House are there?", "en"),
        ("백악관이 몇 군데 나와?", "ko"),
        ("ホワイトハウスは何か所で出てくる？", "ja"),
        ("Nhà Trắng được nhắc ở mấy chỗ?", "vi"),
    ],
)
def test_how_many_places_a_name_comes_up_is_a_count(question, language):
    assert shape(question, language, names=["白宫"]).kind == "count"


@pytest.mark.parametrize(
    "question", ["分析里那几个核心障碍是哪些？", "会晤的议题是哪些？", "文章说的几个主要问题有哪些"]
)
def test_a_heading_s_items_asked_with_a_count_word(question):
    assert shape(question, "zh", actions=["talks"]).kind == "enumeration"


@pytest.mark.parametrize(
    "question, language",
    [
        ("《一年来美朝关系大事记》这篇帮我总结一下", "zh"),
        ("Summarize 'Kim Jong Un arrives in Vietnam' for me", "en"),
        ("Tóm tắt bài Trump đến Hà Nội", "vi"),
    ],
)
def test_an_overview_of_an_article_named_with_names_in_it(question, language):
    assert shape(question, language, names=["金正恩"]).kind == "overview"


@pytest.mark.parametrize(
    "question", ["who landed in hanoi first, trump or kim?", "Which came first, the letter or the visit?"]
)
def test_which_came_first_of_two_is_a_comparison(question):
    assert shape(question, "en").kind == "compare"


def test_a_long_question_about_one_thing_after_an_anchor_is_not_a_range():
    # "到底" (after all) is no span word; "没什么进展" tells, it does not ask what happened
    question = "去年新加坡见面之后好像没什么进展，专家到底认为最大的分歧在哪里？"
    assert shape(question, "zh", names=["新加坡"]).kind == "single"


def test_what_is_stirring_on_a_day_asks_what_happened():
    from summit_qa.answering.shape import asks_what_happened

    assert asks_what_happened("那天朝美之间有什么动静？", "zh")


def test_vietnamese_cues_typed_without_marks():
    from summit_qa.answering.cues import NEXT, matches

    assert matches(NEXT, "sau do thi sao?", "vi") and matches(NEXT, "Sau đó thì sao?", "vi")
    assert shape("tom tat bai bao nay giup toi", "vi").kind == "overview"
    assert shape("liet ke nhung lan ong ay den binh nhuong", "vi", actions=["visit"]).kind == "list"


@pytest.mark.parametrize(
    "question, language",
    [
        ("帮我按时间顺序梳理一下蓬佩奥的访问", "zh"),
        ("Pompeo's visits in chronological order please", "en"),
        ("폼페이오 방문을 날짜별로 정리해 줘", "ko"),
        ("ポンペオの訪問を時系列で教えて", "ja"),
        ("Các chuyến thăm của Pompeo theo thứ tự thời gian", "vi"),
    ],
)
def test_events_asked_in_date_order_are_a_list(question, language):
    assert shape(question, language, names=["蓬佩奥"], actions=["visit"]).kind == "list"


@pytest.mark.parametrize(
    "question, language",
    [
        ("朝鲜对美国表达过哪些不满？", "zh"),
        ("List what North Korea complained about to the US", "en"),
        ("북한이 미국에 불만을 나타낸 일들을 나열해 줘", "ko"),
        ("北朝鮮が米国に不満を示したことを全部挙げて", "ja"),
        ("Liệt kê những lần Triều Tiên phản đối Mỹ", "vi"),
    ],
)
def test_a_list_of_what_named_sides_did_is_a_list(question, language):
    assert shape(question, language, names=["朝鲜", "美国"]).kind == "list"


def test_the_points_of_a_section_are_its_items():
    question = "In the analysis, what points are made in the section on the summit's biggest task?"
    assert shape(question, "en", actions=["meeting"]).kind == "enumeration"


@pytest.mark.parametrize(
    "question, language",
    [
        ("大事记里最后一条说的是啥", "zh"),
        ("What's the last item in the chronology?", "en"),
        ("연표의 마지막 항목은?", "ko"),
        ("年表の最後の項目は？", "ja"),
        ("Mục cuối của niên biểu là gì?", "vi"),
    ],
)
def test_the_last_entry_is_the_last_of_a_series(question, language):
    s = shape(question, language)
    assert (s.kind, s.nth) == ("ordinal", -1)


@pytest.mark.parametrize(
    ("question", "language"),
    [("다음 의제는 뭐야?", "ko"), ("下一个议题呢？", "zh"), ("その前の議題は？", "ja")],
)
def test_a_step_to_the_item_beside_is_no_enumeration(question, language):
    assert shape(question, language).kind != "enumeration"


def test_one_entry_is_no_overview():
    s = shape("最早一条讲了什么？", "zh")
    assert (s.kind, s.nth) == ("ordinal", 1)
    assert shape("Summarize the story about Trump and Kim's first one-on-one talks.", "en").kind == "overview"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("这个大事记从哪年开始？", "zh"),
        ("What period does the timeline cover?", "en"),
        ("연표는 언제부터 언제까지야?", "ko"),
        ("この大事記はいつからいつまで？", "ja"),
        ("Dòng thời gian bắt đầu từ khi nào?", "vi"),
    ],
)
def test_the_period_the_timeline_covers_is_a_question_about_the_page(question, language):
    s = shape(question, language)
    assert s.kind == "page" and s.span_of_timeline


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("蓬佩奥访朝的经过", "zh"),
        ("蓬佩奥访朝前前后后是怎么回事", "zh"),
        ("蓬佩奥访朝的始末", "zh"),
        ("Walk me through Pompeo's visits", "en"),
        ("폼페이오 방문 과정을 정리해 줘", "ko"),
        ("ポンペオ氏の訪朝の経緯を教えて", "ja"),
        ("Quá trình các chuyến thăm của Pompeo", "vi"),
    ],
)
def test_the_course_of_events_is_a_list(question, language):
    assert shape(question, language, names=["蓬佩奥"], actions=["visit"]).kind == "list"


@pytest.mark.parametrize(
    "question", ["What happened in the run-up to the Hanoi summit?", "河内会晤前夕发生了什么？"]
)
def test_the_run_up_to_a_summit_is_the_period_before_it(question):
    s = shape(question, "zh" if "河内" in question else "en", names=["河内"])
    assert s.kind == "range" and s.span == (None, "2019-02-27") and s.exclusive


@pytest.mark.parametrize(
    ("question", "language", "nths"),
    [
        ("蓬佩奥第一次和第三次访朝分别是哪天？", "zh", (1, 3)),
        ("Where did Pompeo go the first time, and where the second?", "en", (1, 2)),
        ("폼페이오의 첫 번째와 두 번째 방문은 언제야?", "ko", (1, 2)),
    ],
)
def test_several_of_one_series(question, language, nths):
    s = shape(question, language, names=["蓬佩奥"], actions=["visit"])
    assert (s.kind, s.nths) == ("ordinal", nths)


def test_a_news_agency_of_one_event_is_one_fact_and_of_the_page_a_page_question():
    assert shape("Which news agency reported Kim's arrival at the station?", "en").kind == "single"
    assert shape("Which news agencies does this page cite?", "en").kind == "page"


def test_a_weak_list_cue_about_a_topic_alone_is_one_fact():
    assert shape("What are the plans for Trump on the 27th?", "en", names=["特朗普"]).kind == "single"
    assert shape("List what Trump said about Kim", "en", names=["特朗普", "金正恩"]).kind == "list"


@pytest.mark.parametrize("question", ["18年夏天那几个月发生了什么", "这几件事是怎么发生的？"])
def test_this_or_that_few_is_no_count(question):
    assert shape(question, "zh").kind != "count"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Giữa ông Kim và ông Trump, ai tới Hà Nội trước?", "vi"),
        ("김정은과 트럼프 중 누가 베트남에 먼저 도착했어?", "ko"),
    ],
)
def test_who_did_it_first_with_words_between_is_a_comparison(question, language):
    assert shape(question, language).kind == "compare"


def test_items_counted_by_jian_are_entries_of_a_series():
    s = shape("大事记的头一件和最后一件各是什么？", "zh")
    assert (s.kind, s.nths) == ("ordinal", (1, -1))


@pytest.mark.parametrize("question", ["这篇文章讲的啥？", "那篇分析，主要说了啥", "大事记写的啥"])
def test_colloquial_what_does_it_say_is_an_overview(question):
    assert shape(question, "zh").kind == "overview"


@pytest.mark.parametrize("question", ["他讲了啥？", "信里写了啥", "特朗普说了啥"])
def test_what_someone_said_is_no_overview(question):
    assert shape(question, "zh").kind != "overview"


@pytest.mark.parametrize(
    ("question", "language"),
    [("他说了什么？", "zh"), ("她讲了什么", "zh"), ("What did he say?", "en"), ("彼は何と言った？", "ja")],
)
def test_what_someone_said_by_a_pronoun_is_no_overview_of_the_page(question, language):
    assert shape(question, language).kind != "overview"


@pytest.mark.parametrize("question", ["讲了什么？", "这篇文章讲了什么？", "他在这篇文章里讲了什么？"])
def test_the_page_or_an_article_asked_about_is_still_an_overview(question):
    assert shape(question, "zh").kind == "overview"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("2018年秋天朝美关系如何？", "zh"),
        ("今年1月到2月谈判有啥进展", "zh"),
        ("How did relations go between September and December 2018?", "en"),
        ("Tell me everything from October to December 2018", "en"),
        ("2018년 7월부터 9월까지 북미 사이에 있었던 일", "ko"),
        ("2018年10月から12月の米朝の状況は？", "ja"),
        ("Tình hình Mỹ - Triều từ tháng 7 đến tháng 9 năm 2018?", "vi"),
    ],
)
def test_how_things_moved_on_over_a_period_is_a_range(question, language):
    assert shape(question, language).kind == "range"


@pytest.mark.parametrize(
    ("question", "language"), [("美朝关系怎么样？", "zh"), ("6月12日谈判有什么进展？", "zh")]
)
def test_how_things_stood_without_a_period_or_on_one_day_is_one_fact(question, language):
    assert shape(question, language).kind == "single"


@pytest.mark.parametrize(
    "question, kind",
    [
        ("How did Kim and Trump each travel?", "compare"),
        ("When did Kim and Trump see each other again?", "single"),  # reciprocal, not each of two
    ],
)
def test_each_other_is_no_comparison(question, kind):
    assert shape(question, "en").kind == kind


def test_two_months_sharing_one_month_word_are_a_period():
    assert shape("去年五六月份朝美之间有什么动静", "zh").span == ("2018-05", "2018-06")


@pytest.mark.parametrize(
    "question, language, kind",
    [
        ("议题三里联络处那段写了什么？", "zh", "overview"),  # a numbered part, naming a thing in it
        ("第2議題の開城工業団地の部分には何が書いてある？", "ja", "overview"),
        ("Go over the issues section one by one", "en", "enumeration"),
        ("Take me through the obstacles heading point by point", "en", "enumeration"),
    ],
)
def test_a_part_of_the_page_asked_for_what_it_holds(question, language, kind):
    names = ("联络处",) if "联络处" in question else ("开城工业园",) if "開城" in question else ()
    assert read_shape(question, language, dt.date(2019, 2, 27), names=names).kind == kind


@pytest.mark.parametrize(
    "question, kind",
    [
        ("特朗普一对一会谈那篇稿子讲了些什么", "overview"),  # what one article says
        ("这版一共几篇稿子？", "page"),  # the page's articles
    ],
)
def test_what_one_article_says_is_its_overview_not_the_page_s_articles(question, kind):
    assert shape(question, "zh").kind == kind


@pytest.mark.parametrize(
    "question", ["这位部长一年里都跟谁会过面？", "代表团都去过哪儿？", "她这次出访都到了哪里"]
)
def test_dou_before_who_or_where_asks_for_each_one(question):
    assert shape(question, "zh", names=("蓬佩奥",), actions=("visit",)).kind == "list"


@pytest.mark.parametrize("question", ["谁都没想到会这样吗？", "都几点了，他还没到哪里？"])
def test_dou_far_from_who_or_where_is_no_list(question):
    assert shape(question, "zh", names=("蓬佩奥",)).kind != "list"


@pytest.mark.parametrize(
    "question, language",
    [
        ("十月那次会面之前发生了什么？", "zh"),
        ("What happened in October before that meeting?", "en"),
        ("10월의 그 회담 이전에 일어난 일은?", "ko"),
        ("10月のその会談の前には何があった？", "ja"),
    ],
)
def test_a_period_bounded_by_an_event_pointed_at_is_no_range(question, language):
    assert shape(question, language).kind != "range"


def test_a_period_bounded_by_a_month_alone_is_a_range():
    assert shape("十月以前都发生过什么？", "zh").kind == "range"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("这篇analysis里的three main obstacles是什么", "enumeration"),
        ("特朗普和金正恩each怎么去的越南", "compare"),
        ("このanalysisのthree main obstaclesって？", "enumeration"),
    ],
)
def test_english_cues_among_chinese_or_japanese_words(question, kind):
    """No word boundary between 的 and "three": the English cue is read with the CJK set apart."""
    language = "ja" if "の" in question else "zh"
    assert read_shape(question, language, PAGE_DATE).kind == kind
