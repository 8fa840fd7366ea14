"""Follow-ups: the rules of conversation.py on cases written for each class (no model)."""

import pytest

from summit_qa.answering.followups import (
    Turn,
    is_follow_up,
    refers_back,
    resolve,
)
from summit_qa.page.names import Glossary
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("他后来去了哪里？", "zh"),
        ("当时谁在场？", "zh"),
        ("然后呢？", "zh"),
        ("What did he say?", "en"),
        ("What happened next?", "en"),
        ("그때 누가 있었어요?", "ko"),
        ("その日は何がありましたか？", "ja"),
        ("Ông ấy nói gì?", "vi"),
    ],
)
def test_a_turn_that_points_back_is_a_follow_up(glossary, question, language):
    assert refers_back(question, language)
    assert is_follow_up(question, language, glossary.names(question), glossary.names(question, ("person",)))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("崔龙海担任什么职务？", "zh"),
        ("美国国防部宣布暂停了哪项军演？", "zh"),
        ("What did Pompeo do in Washington in January 2019?", "en"),
        ("When did the White House announce the date of the second summit?", "en"),
        ("폼페이오는 언제 평양을 방문했나요?", "ko"),
        ("Kim Yong Chol gặp Pompeo ở đâu?", "vi"),
        ("2018年12月10日发生了什么？", "zh"),
    ],
)
def test_a_question_with_its_own_subject_stands_alone(glossary, question, language):
    names = glossary.names(question)
    people = glossary.names(question, ("person", "body"))
    assert not is_follow_up(question, language, names, people)


def _turn(question, query, names, answer, date=None, language="zh"):
    return Turn(question, query, names, answer, date, language, query)


def test_a_follow_up_without_a_subject_takes_the_names_before(glossary):
    before = [_turn("金正恩哪天抵达越南？", "金正恩哪天抵达越南？", ("金正恩", "越南"), 40, "2019-02-26")]
    r = resolve("他是怎么去的？", "zh", before, glossary)
    assert r.follow_up and r.in_scope and r.context_turn == 0
    assert r.query.startswith("金正恩 越南") and "他是怎么去的？" in r.query
    r = resolve("How did he get there?", "en", before, glossary)
    assert "金正恩" in r.query


def test_a_pointing_follow_up_after_a_step_is_asked_of_the_event_stepped_to(glossary):
    """After "然后呢？" moved to another event, "那次…" / "which … was that" is about that
    event (its topic), not only the names of the turn before."""
    stepped = Turn(
        "然后呢？",
        "蓬佩奥 然后呢？",
        ("蓬佩奥",),
        10,
        "2018-06-18",
        "zh",
        "6月18日，美国国防部宣布暂停军演。",
    )
    for question, language in [("那次他是什么身份？", "zh"), ("which drill was that", "en")]:
        r = resolve(question, language, [stepped], glossary)
        assert r.query.startswith("蓬佩奥 6月18日，美国国防部宣布暂停军演。") and r.topic == stepped.topic
    # an ordinal asks of a series: it keeps the names
    assert resolve("他第三次呢？", "zh", [stepped], glossary).query.startswith("蓬佩奥 ")
    # a turn whose topic is its own question keeps the names alone
    plain = [_turn("蓬佩奥哪天去的朝鲜？", "蓬佩奥哪天去的朝鲜？", ("蓬佩奥", "朝鲜"), 5)]
    assert resolve("那次他是什么身份？", "zh", plain, glossary).query == "蓬佩奥 朝鲜 那次他是什么身份？"


def test_a_bare_question_word_takes_the_whole_question_before(glossary):
    before = [_turn("When was the first summit?", "When was the first summit?", (), 9, "2018-06-12", "en")]
    r = resolve("Where?", "en", before, glossary)
    assert r.query == "When was the first summit? Where?" and "question carried" in r.reason


def test_an_ordinal_follow_up_replaces_the_ordinal_of_the_turn_that_wrote_one(glossary):
    before = [
        _turn("河内会晤头一个议题是啥？", "河内会晤头一个议题是啥？", ("河内",), 31),
        _turn("朝方愿意做什么？", "河内 朝方愿意做什么？", ("河内",), 32),
    ]
    assert resolve("第二个呢？", "zh", before, glossary).query == "河内会晤第二个议题是啥？"
    en = [_turn("When is the second summit?", "When is the second summit?", (), 0, language="en")]
    assert resolve("And the first one?", "en", en, glossary).query == "When is the first summit?"
    vi = [
        _turn("Hội nghị lần đầu diễn ra khi nào?", "Hội nghị lần đầu diễn ra khi nào?", (), 9, language="vi")
    ]
    assert resolve("Còn lần thứ hai?", "vi", vi, glossary).query == "Hội nghị lần thứ hai diễn ra khi nào?"


def test_what_about_x_puts_x_in_place_of_the_names_before(glossary):
    before = [
        _turn(
            "김정은은 언제 베트남에 도착했나요?",
            "김정은은 언제 베트남에 도착했나요?",
            ("金正恩", "越南"),
            40,
            language="ko",
        )
    ]
    r = resolve("트럼프는요?", "ko", before, glossary)
    assert "what-about" in r.reason and "트럼프" in r.query and "김정은" not in r.query
    zh = [_turn("金正恩哪天抵达越南？", "金正恩哪天抵达越南？", ("金正恩", "越南"), 40)]
    r = resolve("那特朗普呢？", "zh", zh, glossary)
    assert "特朗普" in r.query and "金正恩" not in r.query
    assert r.in_scope  # the same question of someone the page names: answered as the one before


def test_the_answer_before_and_its_neighbours_get_bonuses(glossary):
    before = [_turn("白宫宣布了什么？", "白宫宣布了什么？", ("白宫",), 14, "2018-09-10")]
    sequence = {14: (13, 15)}
    who = resolve("谁说的？", "zh", before, glossary, sequence)
    assert who.prior[14] >= 2.0 and "same passage" in who.reason
    after = resolve("然后呢？", "zh", before, glossary, sequence)
    assert after.prior[15] > after.prior.get(13, 0.0) and "next on the page" in after.reason
    earlier = resolve("在这之前呢？", "zh", before, glossary, sequence)
    assert earlier.prior[13] > earlier.prior.get(15, 0.0)


@pytest.mark.parametrize(
    ("question", "language"),
    [("朝鲜为什么指责？", "zh"), ("Why was North Korea angry?", "en"), ("북한은 왜 화가 났대?", "ko")],
)
def test_asking_the_passage_before_of_a_side_it_names_stays_on_its_topic(glossary, question, language):
    """A short "why" / "who said" of the passage just shown, naming a side that passage names,
    is answered from it as one naming nothing would be, not judged afresh by the floors."""
    before = [
        _turn(
            "美韩哪天重启联合演习？", "美韩哪天重启联合演习？", ("美国", "韩国"), 16, "2018-11-05", language
        )
    ]
    r = resolve(question, language, before, glossary, covers=lambda i, q: True)
    assert "same passage" in r.reason and r.in_scope


@pytest.mark.parametrize(
    ("question", "language", "day"),
    [("当天还发生了什么？", "zh", 10), ("次日呢？", "zh", 11), ("What happened the day before?", "en", 9)],
)
def test_that_day_and_the_next_add_a_date(glossary, question, language, day):
    before = [_turn("q", "q", (), 14, "2018-09-10", language)]
    r = resolve(question, language, before, glossary)
    assert [(d.year, d.month, d.day) for d in r.dates] == [(2018, 9, day)]


def test_no_context_without_an_answered_turn(glossary):
    refused = [_turn("红烧肉怎么做？", "红烧肉怎么做？", (), None)]
    assert not resolve("他是谁？", "zh", refused, glossary).follow_up
    assert not resolve("他是谁？", "zh", [], glossary).follow_up


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("河内会晤的议题一讲的是什么？", "一"),
        ("What does the analysis say about issue three?", "三"),
        ("분석 기사의 의제 2는?", "二"),
    ],
)
def test_a_question_naming_a_label_gets_the_labelled_passage(engine, question, number):
    assert engine.answer(question).passages[0].text.startswith(f"议题{number}")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("那金英哲几号走的？", "zh"),
        ("And Pompeo, when did he leave?", "en"),
        ("그럼 폼페이오는 언제 떠났어요?", "ko"),
        ("じゃあポンペオはいつ出発しましたか？", "ja"),
        ("Còn Pompeo đi khi nào?", "vi"),
    ],
)
def test_and_someone_new_asks_the_same_of_them(glossary, question, language):
    before = [_turn("崔龙海哪天离开的？", "崔龙海哪天离开的？", ("崔龙海",), 17)]
    r = resolve(question, language, before, glossary)
    assert r.follow_up and "what-about" in r.reason, question
    assert "离开" in r.query  # the question before, its names given way


def test_and_the_same_person_or_a_long_question_is_not_a_switch(glossary):
    before = [_turn("蓬佩奥哪天到的平壤？", "蓬佩奥哪天到的平壤？", ("蓬佩奥", "平壤"), 11)]
    same = resolve("那蓬佩奥哪天离开的？", "zh", before, glossary)
    assert "what-about" not in same.reason  # the same person: another attribute, not another actor
    long = "那金英哲在华盛顿和美国国务卿会谈之后又去了哪里见了谁？"
    assert "what-about" not in resolve(long, "zh", before, glossary).reason
    assert "what-about" not in resolve("那次金英哲去了哪里？", "zh", before, glossary).reason  # "that time"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("回到崔龙海那件事，他是什么职务？", "zh"),
        ("Going back to Choe Ryong Hae, what is his post?", "en"),
        ("아까 최룡해 얘기로 돌아가서, 직책이 뭐예요?", "ko"),
        ("さっきの崔竜海の件ですが、役職は？", "ja"),
        ("Quay lại chuyện Choe Ryong Hae, ông ấy giữ chức gì?", "vi"),
    ],
)
def test_a_return_leans_on_the_earlier_turn_it_names(glossary, question, language):
    texts = {17: "美国宣布制裁崔龙海。", 18: "金正恩发表新年贺词。", 19: "蓬佩奥与金英哲会谈。"}
    earlier = [
        _turn("谁被制裁了？", "谁被制裁了？", ("崔龙海",), 17),
        _turn("然后呢？", "然后呢？", (), 18),
        _turn("再后来呢？", "再后来呢？", (), 19),
    ]
    r = resolve(question, language, earlier, glossary, text_of=texts.get)
    assert r.follow_up and r.context_turn == 0 and "return" in r.reason, question
    assert r.prior[17] >= 2.0


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("说回九月那次，他见了谁？", "zh"),
        ("Going back to the September one, who did he see?", "en"),
        ("다시 9월 얘기로, 누구 만났어?", "ko"),
        ("9月の話に戻るけど、誰と会ったの？", "ja"),
        ("Quay lại chuyện tháng 9, ông ấy gặp ai?", "vi"),
    ],
)
def test_a_return_naming_a_month_leans_on_the_turn_shown_in_it(glossary, question, language):
    texts = {3: "蓬佩奥访问平壤。", 5: "蓬佩奥再次访问平壤。", 7: "蓬佩奥第三次访问平壤。"}
    earlier = [
        _turn("蓬佩奥哪天去的？", "蓬佩奥哪天去的？", ("蓬佩奥",), 5, "2018-09-10"),
        _turn("之前呢？", "之前呢？", (), 3, "2018-07-01"),
        _turn("之后呢？", "之后呢？", (), 7, "2018-10-07"),
    ]
    r = resolve(question, language, earlier, glossary, text_of=texts.get)
    assert r.follow_up and r.context_turn == 0 and "return" in r.reason, question


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("纽约那次再往前呢？", "zh"),
        ("and before the New York one?", "en"),
        ("뉴욕 회담 그 전엔 뭐 있었어?", "ko"),
        ("ニューヨークのその前は？", "ja"),
        ("trước vụ New York thì sao?", "vi"),
    ],
)
def test_a_step_from_an_event_named_starts_at_the_turn_that_showed_it(glossary, question, language):
    texts = {3: "金英哲在纽约和蓬佩奥见了面。", 5: "美方宣布制裁。", 7: "金正恩发表讲话。"}
    earlier = [
        _turn("金英哲在哪儿见的蓬佩奥？", "金英哲在哪儿见的蓬佩奥？", ("金英哲", "蓬佩奥"), 3, "2018-05-30"),
        _turn("后来呢？", "后来呢？", (), 5, "2018-06-01"),
    ]
    sequence = {3: (2, 4), 5: (4, 6)}
    r = resolve(question, language, earlier, glossary, sequence, text_of=texts.get)
    assert r.context_turn == 0 and r.prior.get(2, 0) >= 2.0, question


def test_a_return_naming_nothing_shown_leans_on_the_latest_turn(glossary):
    texts = {17: "美国宣布制裁崔龙海。", 18: "金正恩发表新年贺词。"}
    earlier = [_turn("q1", "q1", (), 17), _turn("q2", "q2", (), 18)]
    r = resolve("回到特朗普那次呢？", "zh", earlier, glossary, text_of=texts.get)
    assert "return" not in r.reason and r.context_turn == 1


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("为了啥？", "zh"),
        ("干嘛不坐飞机？", "zh"),
        ("How come?", "en"),
        ("뭐 하러 간 거야?", "ko"),
        ("なんで急に？", "ja"),
        ("để làm gì?", "vi"),
    ],
)
def test_why_naming_nothing_of_the_page_leans_on_the_turn_before(question, language):
    assert is_follow_up(question, language, ())


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("역에서는 어떻게 이동했어?", True),  # Korean counts its spaced words, not its syllables
        ("그 다음날은 뭐 했어?", True),
        ("트럼프 대통령은 하노이에 도착한 다음 날 누구와 만났나요?", False),
        ("几号到的越南？", True),
        ("特朗普哪天宣布第二次会晤在河内举行？", False),
    ],
)
def test_short_questions_by_their_script(text, short):
    from summit_qa.answering.cues import is_short

    assert is_short(text) is short


@pytest.mark.model
def test_a_short_korean_question_after_an_answer_is_a_follow_up(engine):
    history = ["김정은의 열차는 어느 역에 도착했어?"]
    a = engine.answer("역에서는 어떻게 이동했어?", history=history)
    assert a.kind == "answer" and "轿车" in a.passages[0].text


@pytest.mark.model
def test_a_follow_up_naming_another_act_is_not_the_event_just_shown(engine):
    """Being met on arrival is told by another passage than the arrival's day: the verb of
    its own keeps the same-event bonus off the passage just shown."""
    found = engine.answer(
        "and who came out to meet him?", history=["Which date was Kim's arrival in Vietnam?"]
    )
    assert "迎接" in found.passages[0].text


def test_another_act_is_a_page_verb_the_turn_before_did_not_name():
    from summit_qa.answering.followups import _another_act

    glossary = Glossary.load(packaged_data_dir() / "glossary.json")
    assert _another_act("so what day did he depart?", "When did Kim reach Vietnam?", glossary)
    assert not _another_act("and on what day was it?", "When did Kim reach Vietnam?", glossary)
    assert not _another_act("when did he land?", "Where did Trump arrive?", glossary)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("跟蓬佩奥在哪儿谈的？", "zh"),
        ("ポンペオとはいつ会ったの？", "ja"),
        ("폼페이오랑은 어디서 만났어?", "ko"),
    ],
)
def test_someone_named_only_as_the_one_met_leans_on_the_person_before(glossary, question, language):
    """The subject left out: the one who met them is the person of the turn before."""
    before = [
        _turn("金英哲几号飞到纽约？", "金英哲几号飞到纽约？", ("金英哲", "美国"), 7, "2018-05-29", language)
    ]
    names = glossary.names(question)
    assert is_follow_up(question, language, names, glossary.names(question, ("person", "body")))
    r = resolve(question, language, before, glossary)
    assert "金英哲" in r.names and "蓬佩奥" in r.names


def test_a_question_with_both_people_of_its_own_stands_alone(glossary):
    question = "金英哲跟蓬佩奥在哪见的面？"
    people = glossary.names(question, ("person", "body"))
    assert not is_follow_up(question, "zh", glossary.names(question), people)


def test_a_return_goes_to_the_turn_sharing_most_of_its_words(glossary):
    """ "说回X": of the earlier answers that hold its words, the one whose passage and
    question share most of them, not merely the latest."""
    from summit_qa.answering.returns import returned_to

    texts = {0: "朝美对话陷入将近半年的停滞。", 1: "学者认为对话有望启动。", 2: "另一位学者认为需要协议。"}
    turns = [
        Turn("朝美谈判后来怎么样？", "", (), 0),
        Turn("那位学者怎么看？", "", (), 1),
        Turn("另一位呢？", "", (), 2),
    ]
    covers = lambda i, words: any(w in texts[i] for w in ("对话", "停滞"))  # noqa: E731
    question = "回到对话停滞那件事，有多久？"
    assert returned_to(question, "zh", turns, glossary, (), covers, texts.__getitem__) == 0


@pytest.mark.parametrize(
    ("question", "language", "back"),
    [
        ("美国那边怎么说的？", "zh", True),
        ("미국 쪽은 뭐래?", "ko", True),
        ("米国側は何と言ってる？", "ja", True),
        ("Phía Mỹ nói gì?", "vi", True),
        ("特朗普那边的安排是什么", "zh", False),  # a side, but no view asked
        ("特朗普在推特上说了什么", "zh", False),  # a view, but of no side
        ("安全方面怎么说？", "zh", False),  # a topic, not a side
        ("북쪽에서는 뭐래?", "ko", False),  # the north, a direction
        ("Phía bắc nói gì?", "vi", False),
        ("What did Washington's side say?", "en", True),
    ],
)
def test_a_side_asked_its_view_refers_back(question, language, back):
    assert refers_back(question, language) == back
