"""A reader's words for arriving and leaving, read as the page's verbs for them."""

import pytest

from summit_qa.answering.verbs import page_verbs


@pytest.mark.parametrize(
    "question",
    [
        "他几号到的河内？",
        "代表团什么时候到",
        "谁先到的新加坡",
        "飞机哪天降落",
        "When does the delegation arrive?",
        "What time did the plane land?",
        "When did she get to Singapore?",
        "대표단은 언제 도착해요?",
        "代表団はいつ着いたの？",
        "Đoàn đến Hà Nội lúc nào?",
        "他到了河内以后呢",  # reaching a place of the page
    ],
)
def test_arriving_in_five_languages_is_the_page_s_arrival(page, question):
    assert page_verbs(question, page[2]) == ("抵达",)


@pytest.mark.parametrize(
    "question",
    [
        "他哪天走的？",
        "代表团什么时候出发",
        "When does the delegation leave?",
        "What time did they set off?",
        "대표단은 언제 떠났어요?",
        "代表団はいつ出発した？",
        "代表団はいつハノイを出るの？",
        "Đoàn rời Hà Nội khi nào?",
    ],
)
def test_leaving_in_five_languages_is_the_page_s_departure(page, question):
    assert page_verbs(question, page[2]) == ("离开", "启程")


@pytest.mark.parametrize(
    "question",
    [
        "报道里提到了什么？",
        "他得到了什么？",
        "到底谈了什么？",
        "What did they agree on?",
        "Tin này liên quan đến ai?",
        "报道里提到了河内吗",  # 提到: mentioned, even before a place
        "Tin nào liên quan đến Hà Nội?",  # liên quan đến: about
    ],
)
def test_other_uses_of_the_same_characters_are_no_arrival(page, question):
    assert page_verbs(question, page[2]) == ()


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "金正恩哪天到的越南？",
        "金正恩はベトナムに何日に着いた？",
        "Kim Jong Un đến Việt Nam ngày nào?",
        "特朗普几点到河内？",
    ],
)
def test_an_arrival_in_a_reader_s_words_is_answered_by_the_arrival(engine, question):
    assert "抵达" in engine.answer(question).passages[0].text


@pytest.mark.model
def test_the_verb_signal_marks_the_passages_with_the_page_s_verb(engine):
    r = engine.rank("When did he set off?", language="en")
    marked = {p.id for p, v in zip(engine.index.passages, r.signals["verb"], strict=True) if v}
    assert marked == {p.id for p in engine.index.passages if "离开" in p.text or "启程" in p.text}
    assert not engine.rank("What did they agree on?", language="en").signals["verb"].any()


@pytest.mark.parametrize(
    "question",
    [
        "朝鲜愿意怎么处理那个设施？",
        "Is North Korea willing to give it up?",
        "북한은 폐기할 의향이 있어?",
        "北朝鮮は廃棄する用意があるの？",
        "Triều Tiên có sẵn sàng từ bỏ không?",
    ],
)
def test_being_willing_in_five_languages_is_the_page_s_intent(page, question):
    assert page_verbs(question, page[2]) == ("有意", "愿意", "准备")


@pytest.mark.parametrize(
    "question",
    ["他在哪个站下的车？", "Where did he get off the train?", "어느 역에서 내렸어?", "どの駅で降りた？"],
)
def test_getting_off_is_arriving(page, question):
    assert page_verbs(question, page[2])[:1] == ("抵达",)


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("yo when does he bounce?", "离开"),
        ("when does the delegation head home?", "离开"),
        ("what time did the plane take off?", "离开"),
        ("when did they show up?", "抵达"),
        ("when did his plane touch down?", "抵达"),
        ("when did the train roll in?", "抵达"),
    ],
)
def test_informal_english_for_arriving_and_leaving(page, question, verb):
    assert page_verbs(question, page[2])[0] == verb


@pytest.mark.parametrize(
    "question, verb",
    [
        ("ong kim den ha noi luc nao", "抵达"),  # đến Hà Nội, typed without marks
        ("ong trump roi ha noi ngay nao", "离开"),
        ("kim di bang gi", "乘坐"),
    ],
)
def test_vietnamese_verbs_typed_without_marks(page, question, verb):
    assert verb in page_verbs(question, page[2])


@pytest.mark.parametrize(
    "question, verb",
    [
        ("trump roi Hà Nội hom nao", "离开"),  # the glossary's name restored with its marks
        ("tong thong trump di Việt Nam bang gi", "乘坐"),
    ],
)
def test_unmarked_verbs_beside_a_name_restored_with_its_marks(page, question, verb):
    assert verb in page_verbs(question, page[2])


def test_a_marked_vietnamese_word_is_not_read_as_an_unmarked_one(page):
    assert page_verbs("ông ấy nói rồi Việt Nam sẽ tổ chức", page[2]) == ()  # rồi, not rời


def test_plain_english_is_not_read_as_unmarked_vietnamese(page):
    assert page_verbs("What was the ROI of the summit?", page[2]) == ()
    assert page_verbs("a den of spies in the capital", page[2]) == ()


@pytest.mark.parametrize(
    "question, verb",
    [
        ("总统专机几点落地？", "抵达"),  # landing, as a plane does
        ("他们在哪儿着陆的", "抵达"),
        ("空港からどうやって移動したの？", "乘坐"),  # how one moved on: by what
        ("移動手段は何だった？", "乘坐"),
    ],
)
def test_landing_and_moving_on_are_page_verbs(question, verb):
    assert verb in page_verbs(question)


@pytest.mark.parametrize(
    "question",
    [
        "机场有谁迎接代表团？",
        "谁去接的他",
        "Who greeted the delegation?",
        "who was there to meet her at the airport",
        "공항에 누가 마중 나왔어?",
        "空港には誰が出迎えに来た？",
        "Ai ra đón đoàn ở sân bay?",
    ],
)
def test_being_met_on_arrival_is_the_page_s_greeting(question):
    assert "迎接" in page_verbs(question)


@pytest.mark.parametrize(
    "question", ["他们在哪儿会面？", "Where will the two meet?", "When will the leaders meet again?"]
)
def test_meeting_someone_is_no_greeting(question):
    assert "迎接" not in page_verbs(question)


@pytest.mark.parametrize(
    "question",
    [
        "新加坡会晤有什么成果？",
        "Which results came out of the meeting in Singapore?",
        "싱가포르 회담의 성과는?",
        "シンガポール会談の合意内容は？",
        "Kết quả cuộc gặp ở Singapore là gì?",
    ],
)
def test_what_a_meeting_named_by_its_place_came_to_is_what_was_signed_or_agreed(page, question):
    assert set(page_verbs(question, page[2])) >= {"签署", "达成一致", "达成共识"}


@pytest.mark.parametrize(
    "question",
    ["第二次会晤有什么成果？", "What was achieved at the second meeting?", "二度目の会談の成果は？"],
)
def test_the_outcome_of_a_meeting_named_by_no_place_brings_no_verb(page, question):
    # most often the coming summit, whose outcome the page cannot tell
    assert not set(page_verbs(question, page[2])) & {"签署", "达成一致", "达成共识"}


@pytest.mark.parametrize(
    "question",
    [
        "火车停在哪一站？",
        "Where did the train stop at last?",
        "기차는 어느 역에 정차했어?",
        "列車はどこに停車した？",
        "Máy bay đáp xuống sân bay nào?",
        "Tàu dừng lại tại ga nào vậy?",
    ],
)
def test_landing_or_a_train_stopping_is_arriving(question):
    assert "抵达" in page_verbs(question)


@pytest.mark.parametrize(
    "question, noun",
    [
        ("代表团在哪个车站下车？", "车站"),
        ("Which station did the train reach?", "车站"),
        ("기차가 어느 역에 도착했어?", "车站"),
        ("列車はどの駅に着いた？", "车站"),
        ("Tàu đến ga nào?", "车站"),
        ("飞机降落在哪个机场？", "机场"),
        ("Which airport does the plane land at?", "机场"),
    ],
)
def test_the_kind_of_place_asked_is_the_page_s_noun_for_it(question, noun):
    assert noun in page_verbs(question)


@pytest.mark.parametrize(
    "question",
    [
        "那次峰会的日期是哪天公布的？",
        "When was the date for the Hanoi meeting announced?",
        "2차 정상회담 개최 날짜가 공개된 건 언제야?",
        "ハノイ会談の日程はいつ発表された？",
        "Ngày tổ chức hội nghị ở Hà Nội được công bố khi nào?",
    ],
)
def test_a_date_made_known_is_the_page_s_announced_day(question):
    assert "将于" in page_verbs(question)


@pytest.mark.parametrize(
    "question", ["特朗普哪天宣布了什么？", "What did the White House announce?", "会谈的时间是几点？"]
)
def test_an_announcement_or_a_time_alone_is_no_date_made_known(question):
    assert "将于" not in page_verbs(question)


@pytest.mark.model
def test_the_summit_whose_date_was_announced_is_answered_by_the_announcement_of_its_day(engine):
    top = engine.answer("新加坡峰会的日期是什么时候宣布的？").passages[0]
    assert "将于6月12日" in top.text and top.date == "2018-05-10"


@pytest.mark.parametrize(
    "question, riding",
    [
        ("How did the two leaders each travel to Hanoi?", True),
        ("How is the North Korean leader getting to Vietnam?", True),
        ("how did the meeting go?", False),
        ("How is it going?", False),
    ],
)
def test_how_someone_travels_is_the_page_s_riding_and_how_a_meeting_went_is_not(question, riding):
    assert ("乘坐" in page_verbs(question)) == riding


@pytest.mark.parametrize(
    "question",
    [
        "这次会晤的头号任务是什么",
        "What is the greatest challenge for the talks?",
        "이번 회담의 가장 큰 숙제는?",
        "会談の一番大きなテーマは？",
        "Thách thức lớn nhất của cuộc gặp là gì?",
    ],
)
def test_the_biggest_in_five_languages_is_the_page_s_word_for_it(page, question):
    assert page_verbs(question, page[2]) == ("最大",)


def test_a_main_point_is_not_the_biggest(page):
    assert page_verbs("Give me the main points of the analysis", page[2]) == ()


@pytest.mark.model
@pytest.mark.parametrize("question", ["하노이에서 가장 큰 숙제는 뭐야?", "Greatest task in Hanoi?"])
def test_the_biggest_task_is_the_passage_that_names_it(engine, question):
    assert "最大任务" in engine.answer(question).passages[0].text


@pytest.mark.parametrize(
    "question",
    [
        "两位外长单独谈了多久？",
        "When did the ministers talk privately?",
        "두 장관의 단독 회담은 언제야?",
        "両外相の単独会談はいつ？",
        "Hai ngoại trưởng gặp riêng khi nào?",
    ],
)
def test_talks_of_two_alone_are_the_page_s_one_on_one(page, question):
    assert "一对一" in page_verbs(question, page[2])


@pytest.mark.parametrize(
    "question, made_known",
    [
        ("特朗普哪天宣布要在河内见金正恩？", True),
        ("When was the Vietnam summit announced?", True),
        ("하노이 회담은 언제 발표했어?", True),
        ("ハノイでの首脳会談はいつ発表？", True),
        ("Khi nào ông Trump công bố cuộc gặp ở Hà Nội?", True),
        # a confirmation that it goes ahead as planned is no day made known
        ("When did Trump announce the Singapore summit would go ahead as planned?", False),
        ("싱가포르 회담을 예정대로 연다고 발표한 건 언제?", False),
        # what was made known at a meeting is no meeting's day made known
        ("What was announced at the summit?", False),
        ("회담에서 발표한 공동성명 내용은?", False),
        ("特朗普宣布后各方有何意见？", False),
    ],
)
def test_a_coming_meeting_announced_asks_where_its_day_is_made_known(question, made_known):
    assert ("将于" in page_verbs(question)) == made_known


@pytest.mark.model
def test_the_day_a_coming_summit_was_announced(engine):
    answer = engine.answer("트럼프가 하노이 정상회담을 발표한 날은?")
    assert answer.passages[0].date == "2019-02-08"
