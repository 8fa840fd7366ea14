"""Follow-ups as operations on the page's events, and suggestions the page answers."""

import numpy as np
import pytest

from summit_qa.answering.cues import BEFORE, NEXT, NEXT_TIME, TIME_BEFORE, matches
from summit_qa.answering.items import labelled_item, names_label, numbered
from summit_qa.answering.operations import event_topic, said_there


def _at(passages, pid):
    return [p.id for p in passages].index(pid)


def test_numbered_items_are_walked_by_their_numbers(page):
    """ "그 앞 의제는?" after the second item is the first; "마지막 건?" the highest number; a
    passage under an item is read as that item."""
    passages, _, _ = page
    second = next(i for i, p in enumerate(passages) if p.label == 2)
    under = next(i for i, p in enumerate(passages) if p.heading == passages[second].text)
    assert labelled_item(passages, second) == labelled_item(passages, under) == second
    assert passages[numbered(passages, second, 1)].label == 1
    assert numbered(passages, second, 9) is None
    assert labelled_item(passages, next(i for i, p in enumerate(passages) if p.article == "timeline")) is None


def test_a_label_the_follow_up_writes_itself_pins_its_item():
    found = np.array([0.0, 1.0])
    assert names_label("第三个呢？", "zh", found, False) == names_label("议题二呢？", "zh", found, True) == 1
    assert names_label("마지막 건?", "ko", found, False) is None  # only the carried question wrote one
    assert names_label("第三个呢？", "zh", np.zeros(2), False) is None


@pytest.mark.parametrize(
    ("question", "language", "table"),
    [
        ("下一次呢？", "zh", NEXT_TIME),
        ("上一次是哪天", "zh", TIME_BEFORE),
        ("上回见面在哪？", "zh", TIME_BEFORE),
        ("下回呢", "zh", NEXT_TIME),
        ("And the time after that?", "en", NEXT_TIME),
        ("다음 번은?", "ko", NEXT_TIME),
        ("前回は？", "ja", TIME_BEFORE),
        ("Lần sau thì sao?", "vi", NEXT_TIME),
    ],
)
def test_the_next_occurrence_is_a_cue_of_its_own(question, language, table):
    assert matches(table, question, language)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("特朗普马上回应了吗？", TIME_BEFORE),
        ("晚上回到酒店了吗", TIME_BEFORE),
        ("他私下回复了什么", NEXT_TIME),
    ],
)
def test_shang_hui_and_xia_hui_inside_other_words_are_no_cue(question, table):
    assert not matches(table, question, "zh")


@pytest.mark.parametrize(
    ("question", "language", "item"),
    [
        ("谈判桌上头一个议题是什么？", "zh", True),
        ("第二个呢", "zh", True),
        ("And the second?", "en", True),
        ("第一次是哪天？", "zh", False),  # an ordinal of events
        ("第二次会晤讨论的议题三", "zh", False),
        ("the second day?", "en", False),
        ("议题三是什么？", "zh", False),  # a label as printed, no ordinal
    ],
)
def test_an_ordinal_of_a_list_s_items_not_of_events(question, language, item):
    from summit_qa.answering.items import asks_item

    assert asks_item(question, language) is item
    assert not matches(NEXT_TIME, "然后呢？" if language == "zh" else "What happened next?", language)
    assert not matches(NEXT_TIME, "最后一次呢？", "zh") and not matches(TIME_BEFORE, "最前一次", "zh")
    if language != "en":  # "the time after that" also steps in time when no series holds it
        assert not matches(NEXT, question, language) and not matches(BEFORE, question, language)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("and before the suspension?", BEFORE),
        ("So after the talks?", NEXT),
        ("what about right after the summit?", NEXT),
    ],
)
def test_and_before_or_after_an_event_is_a_step(question, table):
    assert matches(table, question, "en")


@pytest.mark.parametrize(
    "question", ["What happened after the Singapore summit?", "What did Kim do before the summit?"]
)
def test_a_new_question_about_a_period_is_no_step(question):
    assert not matches(NEXT, question, "en") and not matches(BEFORE, question, "en")


def test_after_a_step_the_topic_is_the_new_event():
    assert event_topic("8月1日，美军在夏威夷举行仪式。随后……") == "8月1日，美军在夏威夷举行仪式。"


def _converse(engine, turns):
    """Ask ``turns`` in order, each with the ones before it; the last answer."""
    history = []
    for question in turns:
        answer = engine.answer(question, history=history)
        history.append(question)
    return answer


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, expect",
    [
        (["6月12日发生了什么？", "然后呢？"], "2018-06-18"),
        (["What happened on June 12, 2018?", "And before that?"], "2018-06-01"),
        (["蓬佩奥第一次去平壤是哪天？", "最后一次呢？"], "2018-10-08"),
        (["蓬佩奥是谁？", "他第一次去朝鲜是什么时候？"], "2018-04-18"),
        # the other side's part told in the same passage
        (["What did Kim say in his New Year address?", "And Trump?"], "2019-01-01"),
        (["郑义溶3月访美时说了什么？", "那特朗普呢？"], "2018-03-08"),
        # the series of an earlier turn: the two turns before name no kind of event
        (
            ["Where did Pompeo travel in May 2018?", "And the first time he went?", "His third one?"],
            "2018-07-06",
        ),
        # a step from the event an earlier step reached, in words the cue lists hold
        (["美国国防部6月18日宣布了什么？", "再往前一件是什么事？"], "2018-06-12"),
        # the meetings of two people, in date order
        (["金英哲和蓬佩奥第一次见面是在哪？", "第二次呢？"], "2019-01-18"),
        # the timeline's entries, in a talk about the timeline
        (["大事记是从什么时候开始记的？", "最后一条呢？"], "2019-02-08"),
        # "again": the next event of the kind the follow-up names
        (["美国国防部哪天宣布暂停军演？", "后来又搞联合演习了吗？"], "2018-11-05"),
        # a step naming the kind of event it asks for: the next (previous) of that kind
        (["미국이 한미 연합훈련 중단을 발표한 게 언제야?", "그 다음 훈련은?"], "2018-11-05"),
        (["金英哲哪天赴美的？", "之后的访问呢？"], "2018-07-06"),
        # "下回", and a pair: after a step to an event of two others, those two
        (["特朗普哪天宣布新加坡会晤的日期？", "然后呢？", "他俩下回见面是什么时候？"], "2019-01-18"),
        # of the three people named, the trips of the one who travels in the passage shown;
        # a step naming a trip again walks those trips
        (["特朗普说蓬佩奥见了金正恩，是哪天说的？", "他第三次去呢？"], "2018-07-06"),
        (["蓬佩奥第二次去朝鲜是哪天？", "之后他还去过吗？"], "2018-07-06"),
        # the next occurrence of a series, not the next event on the page
        (["金英哲和蓬佩奥哪天在纽约见的面？", "下一次呢？"], "2019-01-18"),
        (
            [
                "When did Kim Yong Chol meet Pompeo in New York?",
                "When was the last time he sat down with him?",
            ],
            "2019-01-18",
        ),
    ],
)
def test_a_conversation_walks_the_events(engine, turns, expect):
    answer = _converse(engine, turns)
    assert answer.operation is not None and answer.passages[0].date == expect


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, label",
    [
        (["What is the first issue at the Hanoi summit?", "And the second?", "The last one?"], 3),
        (["议题三是什么？", "前一个呢？"], 2),
        # the n-th item asked in a new question, then another of the same list
        (["朝美谈判桌上的第二个议题是什么？"], 2),
        (["分析列的第一个议题是什么？", "第三个呢？"], 3),
    ],
)
def test_numbered_items_are_walked_in_a_conversation(engine, turns, label):
    assert _converse(engine, turns).passages[0].label == label


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["6月18日美国国防部宣布了什么？", "为什么选新加坡？"],
        ["Which drills did the Pentagon suspend in June 2018?", "Why in Singapore?"],
    ],
)
def test_why_of_something_the_reason_given_does_not_name_is_not_in_the_article(engine, turns):
    assert _converse(engine, turns).kind == "refused"


@pytest.mark.model
def test_every_suggestion_is_answered(engine):
    """Each suggestion the page gives after the example questions, a refusal and small talk
    is asked in turn (a follow-up with its conversation) and answered, not refused."""
    from summit_qa.readers.messages import EXAMPLES

    starts = [q for qs in EXAMPLES.values() for q in qs] + ["What is the capital of France?", "你好"]
    checked = 0
    for start in starts:
        first = engine.answer(start)
        assert first.suggestions, start
        for suggestion in first.suggestions:
            history = [start] if first.answered else []
            follow = engine.answer(suggestion, history=history)
            assert follow.answered and follow.kind != "refused", (start, suggestion, follow.message)
            checked += 1
    assert checked >= len(starts)


@pytest.mark.model
def test_a_close_call_offers_choices_and_a_pick_is_shown_first(engine):
    from summit_qa.answering.suggestions import CLOSE

    asked = ["特朗普和金正恩第一次见面在哪里？", "When was the Singapore summit?", "第二次会晤在哪里？"]
    offered = [(q, engine.answer(q)) for q in asked]
    with_choices = [(q, a) for q, a in offered if a.choices]
    assert with_choices, "none of the close calls offered choices"
    for question, answer in with_choices:
        first, second = answer.passages[:2]
        assert first.score - second.score < CLOSE and first.answer_date != second.answer_date
        assert [pid for pid, _ in answer.choices] == [first.id, second.id]
        picked = engine.answer(question, pick=second.id)
        assert picked.passages[0].id == second.id and not picked.choices or picked.passages[0].id == second.id
    clear = engine.answer("金正恩哪天抵达越南？")
    assert clear.choices == ()  # right by a clear margin: no asking back


@pytest.mark.model
@pytest.mark.parametrize(
    "question", ["폼페이오의 세 번째 방북은 언제였나요?", "Pompeo's third trip to North Korea: when?"]
)
def test_the_nth_trip_of_a_person_of_the_page_is_in_scope_in_any_language(engine, question):
    answer = engine.answer(question)
    assert answer.kind == "answer" and answer.passages[0].date == "2018-07-06"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["分析文章说的第一个议题是什么？", "特朗普哪天说愿意取消制裁？", "那第三个议题呢？"],
        [
            "What is the analysis' issue one?",
            "When did Trump say he was willing to lift sanctions?",
            "And issue three?",
        ],
    ],
)
def test_a_follow_up_naming_a_label_gets_that_paragraph_not_the_turn_before(engine, turns):
    answer = _converse(engine, turns)
    assert answer.passages[0].text.startswith("议题三")


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, gives",
    [
        (["美国国防部6月18日宣布了什么？", "为什么？"], "按照"),  # the reason is on the page
        (["韩朝关系是什么时候开始缓和的？", "为什么会缓和？"], "之机"),
        (["What did the Treasury announce on 10 December 2018?", "Why?"], None),  # it is not
        (["When does Trump leave Vietnam?", "Why?"], None),
        # a purpose asked of the event the step before reached, naming nothing of the page
        (["蓬佩奥第二次访朝是哪天？", "他第三次去是什么时候？", "那次去是为了啥？"], "为落实"),
        (["2018年初发生了什么？", "なんで急に緩和したの？"], "之机"),
    ],
)
def test_why_gets_the_reason_the_page_gives_or_is_told_it_gives_none(engine, turns, gives):
    answer = _converse(engine, turns)
    assert answer.operation == "why"
    if gives is None:
        assert answer.kind == "refused" and not answer.passages
    else:
        assert answer.kind == "answer" and gives in answer.passages[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("Why was the ceremony for the remains held in Hawaii?", True),  # the page gives no reason
        ("美军为什么暂停8月的联合军演？", False),  # "按照…承诺"
        ("金英哲5月底去美国干嘛去了？", False),  # what he went to do: the talks he held there
        ("김영철은 5월에 미국에 뭐 하러 갔어?", False),
    ],
)
def test_a_new_why_question_is_answered_by_a_reason_or_told_the_page_gives_none(engine, question, refused):
    assert (engine.answer(question).kind == "refused") is refused


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["美军士兵遗骸是哪天迎回的？", "那之前呢？", "夏威夷仪式之后又发生了什么？"],
        [
            "When were the soldiers' remains welcomed home?",
            "And before that?",
            "After the ceremony in Hawaii, what next?",
        ],
    ],
)
def test_a_step_from_an_earlier_event_the_follow_up_names(engine, turns):
    answer = _converse(engine, turns)
    assert answer.operation == "next" and answer.passages[0].date == "2018-09-10"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["特朗普和金正恩这次在哪见面？", "他们第一次见面是哪天？"],
        ["Where are Trump and Kim meeting this time?", "When did they first meet?"],
        ["트럼프와 김정은은 이번에 어디서 만나?", "처음 만난 건 언제야?"],
    ],
)
def test_the_leaders_first_meeting_asked_in_a_follow_up_is_the_first_summit(engine, turns):
    answer = _converse(engine, turns)
    assert answer.operation == "nth" and answer.passages[0].date == "2018-06-12"


@pytest.mark.model
def test_why_a_side_did_something_is_no_question_about_a_place(engine):
    answer = _converse(engine, ["蓬佩奥7月在平壤的会谈结果如何？", "朝鲜为何表示遗憾？"])
    assert answer.operation == "why" and answer.passages[0].date == "2018-07-06"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, day",
    [
        # the two the answer shown names
        (["蓬佩奥5月底在纽约见了谁？", "他俩第二次会谈是什么时候？"], "2019-01-18"),
        (
            [
                "In New York, who held talks with Kim Yong Chol?",
                "When did the pair hold talks a second time?",
            ],
            "2019-01-18",
        ),
        # the two the questions were about, whoever else the answers name
        (
            ["トランプ氏がハノイに到着するのは何日？", "金正恩は？", "二人が初めて会ったのはいつ？"],
            "2018-06-12",
        ),
        (
            ["Ông Trump đến Hà Nội lúc mấy giờ?", "Còn ông Kim Jong Un?", "Hai ông gặp nhau lần đầu ở đâu?"],
            "2018-06-12",
        ),
        (
            ["싱가포르에서 열린 첫 북미 정상회담은 며칠이었어?", "두 사람이 두 번째로 만난 건 언제야?"],
            "2019-02-27",
        ),
    ],
)
def test_a_pair_in_a_follow_up_is_the_two_people_the_conversation_spoke_of(engine, turns, day):
    answer = _converse(engine, turns)
    assert answer.operation == "nth" and answer.passages[0].date == day


@pytest.mark.parametrize(
    "question, language, bare",
    [
        ("这话谁说的", "zh", True),
        ("谁宣布的？", "zh", True),
        ("who said that?", "en", True),
        ("who told the press?", "en", True),
        ("누가 그렇게 밝혔어?", "ko", True),
        ("誰が言ったの？", "ja", True),
        ("Ai đã nói thế?", "vi", True),
        ("谁说的要取消制裁", "zh", False),  # says what was said: a question of its own
        ("Who said Kim would come by train?", "en", False),
        ("他是几号讲的？", "zh", False),  # when, not who
    ],
)
def test_a_bare_who_said_that(question, language, bare):
    statement = "9月10日，美国白宫发言人表示，美方正就两国领导人再次举行会晤进行协调。"
    assert said_there(question, language, statement) is bare
    assert not said_there(question, language, "8月1日，美国军方在夏威夷举行仪式，迎回美军士兵遗骸。")


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["白宫去年9月说特朗普收到了什么？", "那是谁讲的？"],
        ["What did the White House say in September about a letter from Kim?", "who said that?"],
    ],
)
def test_who_said_it_is_the_statement_just_shown(engine, turns):
    first = engine.answer(turns[0])
    answer = _converse(engine, turns)
    assert answer.passages[0].id == first.passages[0].id and "表示" in answer.passages[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["特朗普27号晚上有什么安排？", "隔天他干嘛？"],
        ["What is Trump doing on the night of the 27th?", "What about the following day?"],
    ],
)
def test_the_next_day_of_a_schedule_is_the_passage_that_tells_that_day(engine, turns):
    then = engine.answer(turns[1], history=turns[:1])
    assert then.operation == "next" and "28 日举行" in then.passages[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["蓬佩奥十月份见到金正恩时双方谈成了什么？", "次日呢？"],
        ["What did Pompeo and Kim agree on in October?", "and the next day?"],
    ],
)
def test_the_next_day_a_passage_writes_from_its_own_day(engine, turns):
    # "次日，特朗普说…": the passage shown tells the day after on its own, as 次日
    first = engine.answer(turns[0])
    then = engine.answer(turns[1], history=turns[:1])
    assert first.passages[0].answer_date == "2018-10-08"
    assert then.operation == "next" and then.passages[0].id == first.passages[0].id
    assert then.passages[0].answer_date == "2018-10-09"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["金正恩的专列停在了哪一站？", "然后呢？"],
        ["Which station did Kim's train pull into?", "and then?"],
    ],
)
def test_next_after_an_act_is_the_act_the_same_passage_tells_after_it(engine, turns):
    then = engine.answer(turns[1], history=turns[:1])
    assert then.operation == "next" and "随后乘轿车" in then.passages[0].text


@pytest.mark.parametrize("question", ["そのあとは？", "そのあと誰に会ったの？"])
def test_sono_ato_in_kana_is_next(question):
    assert matches(NEXT, question, "ja")


@pytest.mark.parametrize(
    "question, language, bare",
    [
        ("and what time of day was this?", "en", True),
        ("几点？", "zh", True),
        ("Where was that held?", "en", True),
        ("And when did she leave Seoul?", "en", False),  # words and a verb of its own
        ("那总统呢？他哪天落地", "zh", False),
        ("서울에서는 몇 시에 떠났나요?", "ko", False),
    ],
)
def test_a_bare_attribute_question_asks_nothing_else(question, language, bare):
    from summit_qa.answering.operations import _bare

    assert _bare(question, language) is bare


@pytest.mark.model
def test_a_bare_attribute_of_the_event_just_shown_is_its_passage(engine):
    turns = ["At which station did Kim step off his train?", "and what time of day was this?"]
    first = engine.answer(turns[0])
    then = engine.answer(turns[1], history=turns[:1])
    assert then.operation == "attribute" and then.passages[0].id == first.passages[0].id
    assert "上午" in then.passages[0].text


@pytest.mark.parametrize(
    "text, gives",
    [
        ("如果对方采取相应措施，该国有意关闭这座设施。", True),  # a condition
        ("美方可能宣布终战，以此作为对朝安全保障措施。", True),  # a purpose
        ("双方就推动落实此前所做承诺进行讨论。", True),
        ("双方在河内举行会谈。", False),
    ],
)
def test_a_condition_or_a_purpose_gives_a_reason(text, gives):
    from summit_qa.answering.reasons import REASON

    assert bool(REASON.search(text)) is gives


@pytest.mark.model
def test_an_nth_trip_of_two_people_named_is_of_the_one_the_question_names_first(engine):
    """The names carried over come in the order the resolved question writes them: the
    traveller named first leads the series, not the other person the trips were to."""
    history = ["蓬佩奥头一次赴朝会见金正恩是在哪天？"]
    found = engine.answer("那第三次赴朝去平壤呢？", history=history)
    assert found.passages[0].date == "2018-07-06"


def test_the_points_a_paragraph_numbers_in_its_text_are_its_own(page):
    from summit_qa.answering.items import points_of

    passages, _, _ = page
    numbering = next(i for i, p in enumerate(passages) if "第一，" in p.text and "第二，" in p.text)
    assert points_of(passages, numbering, "那第三点呢？", 3) == numbering
    assert points_of(passages, numbering, "分析列的最后那点是什么？", -1) == numbering
    assert points_of(passages, numbering, "第五点呢？", 5) is None  # it numbers three
    assert points_of(passages, numbering, "他第三次访问是哪天？", 3) is None  # a series of visits
    plain = next(i for i, p in enumerate(passages) if "第一，" not in p.text)
    assert points_of(passages, plain, "第三点呢？", 3) is None


@pytest.mark.model
def test_the_third_point_after_the_first_is_the_paragraph_numbering_them(engine):
    history = ["文中列了几大障碍，排第一的是什么"]
    found = engine.answer("排第三的呢", history=history)
    assert "国内压力" in found.passages[0].text.replace(" ", "")


@pytest.mark.model
@pytest.mark.parametrize(
    "history, question",
    [("文章的第三项议题是哪一个？", "提这个是为了什么？"), ("議題の三つ目は何？", "それは何のため？")],
)
def test_why_of_a_labelled_item_is_told_in_the_paragraph_under_it(engine, history, question):
    found = engine.answer(question, history=[history])
    assert found.kind == "answer" and found.passages[0].heading and "以此作为" in found.passages[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["谈判桌上摆着哪些议题？", "第二个呢？"],  # the section's intro ranks above the item
        ["Which issues are listed in the analysis?", "and the second one?"],
        ["金英哲和美方见过几次面？", "第二次呢？"],
    ],
)
def test_the_nth_after_a_list_is_the_nth_item_shown(engine, turns):
    listed = engine.answer(turns[0])
    assert listed.kind in ("list", "count", "enumeration") and len(listed.passages) > 2
    assert engine.answer(turns[1], history=turns[:1]).passages[0].id == listed.passages[1].id


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["美军哪天宣布暂停联合军演的？", "那之后，演习方面还有别的消息吗？"],
        ["When were the joint military exercises suspended?", "after that, any other news about the drills?"],
    ],
)
def test_anything_else_of_a_kind_after_an_event_is_the_next_of_that_kind(engine, turns):
    assert "重启" in engine.answer(turns[1], history=turns[:1]).passages[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["取消制裁这件事，特朗普怎么表态的？", "这话什么时候说的？"],
        ["How does Trump feel about lifting the sanctions?", "and when was this said?"],
        ["制裁を解くことについてトランプはどう考えてる？", "その話、いつ言ったの？"],
    ],
)
def test_when_something_was_said_is_asked_of_the_passage_that_says_it(engine, turns):
    first = engine.answer(turns[0]).passages[0]
    assert engine.answer(turns[1], history=turns[:1]).passages[0].id == first.id


@pytest.mark.model
@pytest.mark.parametrize(
    ("turns", "day"),
    [
        # why it happened again: the reason of the repeat, no step to the next event
        (["白宫哪天说正在筹备第二次会晤？", "为什么后来又宣布了一次？"], None),
        # what a meeting was held for: told by what was discussed there
        (["판문점 장성급 회담은 언제였어?", "두 나라가 그 회담을 뭐 하러 열었대?"], "2018-07-15"),
    ],
)
def test_a_why_follow_up_is_no_step_and_a_purpose_is_what_was_done(engine, turns, day):
    answer = _converse(engine, turns)
    assert answer.operation == "why"
    assert (answer.passages[0].date if answer.passages else None) == day


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["朝鲜为什么看重放松制裁？", "特朗普那边怎么说？"],
        ["북한은 왜 제재 완화를 원해?", "트럼프 쪽은 뭐래?"],
    ],
)
def test_a_side_s_view_is_told_in_the_passage_just_shown(engine, turns):
    first = engine.answer(turns[0])
    answer = _converse(engine, turns)
    assert answer.operation == "actor" and answer.passages[0].id == first.passages[0].id


@pytest.mark.model
def test_another_actor_the_page_does_not_tell_the_same_act_of_is_not_in_the_article(engine):
    untold = _converse(engine, ["On what day is Trump due to leave Vietnam?", "And Kim?"])
    assert untold.kind == "refused" and untold.operation == "actor"
    told = _converse(engine, ["特朗普哪天到河内？", "那金正恩呢？"])
    assert told.kind == "answer" and told.passages[0].date == "2019-02-26"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["河内会晤的时间地点特朗普是几号公布的？", "他第一次宣布会晤日期是哪天？"],
        ["하노이 회담 일정은 트럼프가 며칠에 공개했어?", "그가 처음으로 회담 날짜를 발표한 건 언제야?"],
    ],
)
def test_the_first_announcement_of_a_summit_date(engine, turns):
    answer = _converse(engine, turns)
    assert answer.operation == "nth" and answer.passages[0].date == "2018-05-10"


@pytest.mark.model
def test_a_step_asked_with_why_still_steps_and_other_announcements_keep_their_series(engine):
    assert _converse(engine, ["新加坡那次会晤在哪一天？", "然后呢？为什么？"]).operation == "next"
    sanctions = _converse(engine, ["崔龙海被美方列入制裁名单是哪天宣布的？", "第一次宣布制裁是哪天？"])
    assert sanctions.passages[0].date == "2018-12-10"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, expect",
    [
        # the thing asked about, in the reader's language, is held by the next event's passage
        (["판문점 장성급 회담은 언제 열렸어?", "유해는 그 뒤에 어떻게 됐어?"], "2018-08-01"),
        (["板門店の将官級会談は何日？", "その後、遺骨はどうなったの？"], "2018-08-01"),
    ],
)
def test_a_step_naming_what_the_next_event_holds_is_answered_by_it(engine, turns, expect):
    answer = _converse(engine, turns)
    assert answer.kind == "answer" and answer.operation == "next" and answer.passages[0].date == expect


@pytest.mark.model
def test_a_step_asking_of_a_thing_the_page_never_tells_stays_refused(engine):
    answer = _converse(engine, ["板门店将官级会谈是哪天？", "然后朝鲜试射导弹了吗？"])
    assert answer.kind == "refused"


@pytest.mark.parametrize(
    "question, language",
    [
        ("这次会谈是为了什么？", "zh"),
        ("目的是啥", "zh"),
        ("what was the meeting for?", "en"),
        ("for what purpose?", "en"),
        ("목적이 뭐였어?", "ko"),
        ("무엇을 위해 만난 거야?", "ko"),
        ("何のために会ったの？", "ja"),
        ("mục đích là gì?", "vi"),
    ],
)
def test_what_a_meeting_was_for_is_a_purpose(question, language):
    from summit_qa.answering.reasons import PURPOSE

    assert matches(PURPOSE, question, language)


@pytest.mark.parametrize(
    "question", ["What is the venue for the second summit?", "what was the date for it?"]
)
def test_what_a_fact_is_for_is_no_purpose(question):
    from summit_qa.answering.reasons import PURPOSE

    assert not matches(PURPOSE, question, "en")


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["판문점 장성급 회담은 며칠이었어?", "무엇을 위해 열린 거야?"],
        ["When were the general-level talks held at Panmunjom?", "What was that meeting for?"],
    ],
)
def test_what_a_meeting_was_for_is_told_by_what_it_discussed(engine, turns):
    answer = _converse(engine, turns)
    assert answer.kind == "answer" and answer.operation == "why"
    assert "讨论" in answer.passages[0].text


def test_why_is_told_by_another_event_s_reason_only_when_the_question_matches_it_better(page):
    from summit_qa.answering.followups import Turn
    from summit_qa.answering.operations import _why

    passages, _, glossary = page
    shown = next(i for i, p in enumerate(passages) if "财政部" in p.text)  # no reason given
    other = next(i for i, p in enumerate(passages) if "指责" in p.text and p.article == "timeline")
    before = Turn("美国制裁了谁？", "美国制裁了谁？", (), shown)
    order, page_text = np.array([other, shown]), "".join(p.text for p in passages)
    lexical = np.zeros(len(passages))
    lexical[shown] = 2.0
    assert _why("为什么？", "zh", before, passages, order, glossary, page_text, lexical).unsaid
    lexical[other] = 3.0  # the question's own words are the other event's
    assert _why("为什么？", "zh", before, passages, order, glossary, page_text, lexical).pin == other


@pytest.mark.parametrize(
    "question, ordinal",
    [
        ("Why did they meet in the first place?", None),
        ("First of all, who is Pompeo?", None),
        ("When was it announced in the first place?", 1),
        ("first off, where was the second summit?", 2),
    ],
)
def test_an_ordinal_idiom_counts_nothing(question, ordinal):
    from summit_qa.answering.ordinals import find_ordinal

    found = find_ordinal(question, "en")
    assert (found.number if found else None) == ordinal


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, expect",
    [
        # a step asking its own question of someone it names: the event it asks about
        (["特朗普哪天离开越南？", "在那之前，金正恩是哪天从平壤出发的？"], "2019-02-23"),
        (
            ["When is Trump's first one-on-one with Kim?", "And before that, when did Kim get to Vietnam?"],
            "2019-02-26",
        ),
    ],
)
def test_a_step_asking_its_own_question_gets_the_event_it_asks_about(engine, turns, expect):
    answer = _converse(engine, turns)
    assert answer.operation == "previous" and answer.passages[0].date == expect
    assert answer.passages[0].id.startswith("arrival")


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, expect",
    [
        # the return's ordinal names the turn that asked it, not the n-th of another series
        (["金英哲第一次去美国是哪天？", "之后呢？", "说回第一次，他在哪儿跟蓬佩奥会面的？"], "2018-05-29"),
        (
            [
                "폼페이오가 처음 북한에 간 건 언제야?",
                "두 번째는?",
                "첫 번째 얘기로 돌아가서, 그때 누구를 만났어?",
            ],
            "2018-04-18",
        ),
    ],
)
def test_a_return_naming_an_ordinal_returns_to_the_turn_that_asked_it(engine, turns, expect):
    answer = _converse(engine, turns)
    assert answer.operation != "nth" and answer.passages[0].date == expect


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["What is the biggest task of the Hanoi summit?", "what's the second obstacle?"],
        ["하노이 회담의 최대 과제는 뭐야?", "장애물 중 첫 번째는?"],
    ],
)
def test_an_item_of_another_section_the_follow_up_names_is_that_section_s_points(engine, turns):
    answer = _converse(engine, turns)
    assert answer.operation == "nth" and answer.passages[0].section == "三大障碍"


@pytest.mark.model
@pytest.mark.parametrize(
    "turns, section",
    [
        # a person the page quotes in two sections: their view on the topic just shown
        (["What is the biggest task of the Hanoi summit?", "What's Yang Xiyu's view?"], "最大任务"),
        (["半岛无核化面临哪些不确定因素？", "杨希雨持什么观点？"], "三大障碍"),
    ],
)
def test_a_view_asked_of_someone_quoted_twice_is_their_view_on_the_topic_shown(engine, turns, section):
    answer = _converse(engine, turns)
    assert answer.operation == "actor" and answer.passages[0].section == section
    assert "杨希雨" in answer.passages[0].text


@pytest.mark.parametrize(
    "question, language",
    [
        ("金峻亨怎么看", "zh"),
        ("What does the Korean scholar think?", "en"),
        ("그 학자 견해는?", "ko"),
        ("専門家はどう見てる？", "ja"),
        ("chuyên gia nhận định sao?", "vi"),
    ],
)
def test_an_opinion_asked(question, language):
    from summit_qa.answering.cues import OPINION

    assert matches(OPINION, question, language)


@pytest.mark.parametrize(
    "question, language",
    [
        ("How long did Kim's train take?", "en"),
        ("김정은은 하노이에서 하루를 어떻게 보냈어?", "ko"),
        ("회담 결과는 어떻게 보도됐어?", "ko"),
    ],
)
def test_a_verb_that_only_looks_like_an_opinion_is_none(question, language):
    from summit_qa.answering.cues import OPINION

    assert not matches(OPINION, question, language)
