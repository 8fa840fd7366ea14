"""A conversation with the real model: follow-ups, small talk, identity, headings, outcomes."""

import random
import re

import pytest

from summit_qa.readers.messages import EXAMPLES, TEXTS

pytestmark = pytest.mark.model


def first(engine, question, history=None):
    res = engine.answer(question, history=history)
    return res, (res.passages[0] if res.passages else None)


# ------------------------------------------------------------------ follow-ups
def test_a_pronoun_follow_up_is_read_with_the_question_before(engine):
    _, arrival = first(engine, "金正恩哪天抵达越南？")
    assert arrival.date == "2019-02-26"
    res, how = first(engine, "他是怎么去的？", ["金正恩哪天抵达越南？"])
    assert res.answered and ("火车" in how.text or "专列" in how.text)
    assert res.context_turn == 0 and res.context_question == "金正恩哪天抵达越南？"
    alone = engine.answer("他是怎么去的？")
    assert not alone.answered  # without the conversation there is nobody to ask about


def test_history_in_gradio_messages_format(engine):
    history = [
        {"role": "user", "content": "When did Kim Jong Un arrive in Vietnam?"},
        {"role": "assistant", "content": "**2019-02-26** · …"},
    ]
    res, p = first(engine, "Who invited him?", history)
    assert res.answered and "邀请" in p.text and res.context_turn == 0


@pytest.mark.parametrize(
    ("question", "expected"),
    [("Who invited him?", "邀请"), ("Who welcomed him?", "迎接")],
)
def test_a_pronoun_with_a_verb_of_its_own_takes_the_names_not_the_question(engine, question, expected):
    """One content word beside the pronoun is the new question: it is asked of Kim, not of
    the arrival the question before asked about."""
    res, p = first(engine, question, ["When did Kim Jong Un arrive in Vietnam?"])
    assert res.answered and expected in p.text, p.text


@pytest.mark.parametrize(
    "question",
    [
        "崔龙海担任什么职务？",
        "美国财政部哪天宣布制裁朝鲜官员？",
        "When did Pompeo meet Kim Yong Chol in Washington?",
        "Which annual military drill with South Korea did the US suspend?",
        "2018年8月1日发生了什么？",
        "김정은은 언제 평양을 출발했나요?",
    ],
)
def test_a_self_contained_question_ranks_exactly_as_without_history(engine, question):
    """History changes nothing for a question that names its own subject."""
    histories = [
        ["金正恩哪天抵达越南？", "他是怎么去的？"],
        [{"role": "user", "content": "What is the biggest task of the Hanoi summit?"}],
        ["Hi!", "红烧肉怎么做？"],
    ]
    alone = engine.respond(question)
    for history in histories:
        read = engine.respond(question, history)
        assert read.kind == alone.kind and not read.resolution.follow_up
        assert list(read.ranking.order) == list(alone.ranking.order)
        assert read.ranking.score.tolist() == alone.ranking.score.tolist()


def test_what_about_and_ordinals(engine):
    res, p = first(engine, "那第二个议题呢？", ["河内会晤的第一个议题是什么？"])
    assert p.text.startswith("议题二")
    res, p = first(engine, "Và lần thứ ba?", ["Vấn đề thứ hai của hội nghị Hà Nội là gì?"])
    assert p.text.startswith("议题三")


def test_an_off_topic_follow_up_is_refused(engine):
    history = ["蓬佩奥第一次去朝鲜时是什么职务？"]
    assert not engine.answer("他今年多大岁数？", history=history).answered
    assert not engine.answer("How tall is he?", history=history).answered


# ------------------------------------------------------------------ small talk
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hi!", "en"),
        ("thanks", "en"),
        ("你好", "zh"),
        ("你能做什么？", "zh"),
        ("고마워요", "ko"),
        ("ありがとう", "ja"),
        ("Cảm ơn bạn", "vi"),
        ("<img src=x onerror=alert(1)>", "en"),
        ("Tell me a joke", "en"),
        ("zxcvbnm", "en"),
    ],
)
def test_small_talk_gets_the_small_talk_reply_never_a_passage(engine, text, language):
    res = engine.answer(text)
    assert res.kind == "small_talk" and res.passages == [] and not res.answered
    assert res.language == language and EXAMPLES[language][0] in res.message


def test_emoji_is_answered_in_the_conversation_language(engine):
    res = engine.answer("👍", history=["金正恩哪天抵达越南？"])
    assert res.kind == "small_talk" and res.language == "zh"


# What answers each offered example: the start of the passage, from the page.
EXAMPLE_ANSWERS = {
    "金正恩哪天抵达越南？": "朝鲜最高领导人金正恩26日抵达越南",
    "美国财政部制裁了哪位朝鲜官员？": "12月10日",
    "河内会晤面临的最大任务是什么？": "就半岛无核化",
    "When did Kim Jong Un arrive in Vietnam?": "朝鲜最高领导人金正恩26日抵达越南",
    "Which North Korean officials did the US Treasury sanction?": "12月10日",
    "What happened on August 1, 2018?": "8月1日",
    "김정은은 언제 평양을 출발했나요?": "据朝中社此前报道，金正恩23日",
    "트럼프는 언제 하노이에 도착하나요?": "越南外交部25日",
    "김정은은 언제 하노이에 도착했나요?": "朝鲜最高领导人金正恩26日抵达越南",
    "金正恩氏はいつベトナムに到着しましたか？": "朝鲜最高领导人金正恩26日抵达越南",
    "金正恩氏はいつ平壌を出発しましたか？": "据朝中社此前报道，金正恩23日",
    "トランプ大統領はいつハノイに到着しますか？": "越南外交部25日",
    "Kim Jong Un đến Việt Nam ngày nào?": "朝鲜最高领导人金正恩26日抵达越南",
    "Tàu hỏa của Kim Jong Un đến ga nào ở Việt Nam?": "据越通社报道，金正恩乘坐的火车",
    "Mỹ đình chỉ cuộc tập trận nào với Hàn Quốc?": "6月18日",
}


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_the_offered_examples_are_answered_by_their_passage(engine, language):
    for question in EXAMPLES[language]:
        res = engine.answer(question)
        assert res.answered and res.kind == "answer", question
        assert res.passages[0].text.startswith(EXAMPLE_ANSWERS[question]), (question, res.passages[0].text)


# ------------------------------------------------------------------ identity
@pytest.mark.parametrize(
    ("question", "introduced"),
    [
        ("杨希雨是谁？", "中国国际问题研究院研究员杨希雨"),
        ("Who is Sarah Sanders?", "白宫发言人莎拉·桑德斯"),
        ("Who is Kyle Ferrier?", "分析师凯尔·费里埃"),
        ("金峻亨是谁？", "韩东大学学者金峻亨"),
        ("崔龙海是什么人？", "组织指导部部长崔龙海"),
        ("정의용은 누구예요?", "国家安保室室长郑义溶"),
        ("Nguyễn Phú Trọng là ai?", "国家主席阮富仲"),
    ],
)
def test_identity_questions_about_names_of_the_page(engine, question, introduced):
    res, p = first(engine, question)
    assert res.answered and introduced in p.text


@pytest.mark.parametrize(
    "question",
    ["金峻亨今年多大？", "How old is Kim Yong Chol?", "Who is Kim Jong Un's wife?", "杨希雨是哪年出生的？"],
)
def test_attributes_the_page_does_not_give_stay_refused(engine, question):
    res = engine.answer(question)
    assert not res.answered and res.kind == "refused"
    assert res.message == TEXTS["not_in_article"][res.language]


# ------------------------------------------------------------------ headings and quotations
def test_sub_headings_and_quoted_phrases_find_their_passage(engine):
    res = engine.answer("河内会晤的最大任务是什么？")
    assert any("面临的最大任务" in p.text for p in res.passages)
    res, p = first(engine, "宁边核设施是什么？")
    assert p.label is None and "宁边核设施" in p.text  # not the one-line label "议题一：…"


def test_a_phrase_quoted_from_the_page_finds_its_passage_in_the_top_three(engine):
    """The class: a question quoting 4-6 characters that only a few passages print.
    Cases drawn at random (fixed seed) from every passage of the page."""
    rng = random.Random(11)
    passages = engine.index.passages
    flat = [re.sub(r"\s+", "", p.text) for p in passages]
    cases = []
    for text in flat:
        runs = re.findall(r"[\u4e00-\u9fff]{6,}", text)
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.choice([4, 5, 6])
        start = rng.randrange(len(run) - size + 1)
        phrase = run[start : start + size]
        holders = {j for j, t in enumerate(flat) if phrase in t}
        if len(holders) <= 3 and not engine.glossary.names(phrase):
            cases.append((rng.choice(["“{}”是什么意思？", "报道里说的{}指什么？"]).format(phrase), holders))
    found = sum(bool(holders & {int(k) for k in engine.rank(q).order[:3]}) for q, holders in cases)
    assert len(cases) >= 25 and found / len(cases) >= 0.95, (found, len(cases))


# ------------------------------------------------------------------ outcomes
@pytest.mark.parametrize(
    "question",
    [
        "How did the Hanoi summit end?",
        "Why did the Hanoi summit end early?",
        "하노이 북미 정상회담은 결국 어떻게 끝났나요?",
        "Did Trump and Kim sign a joint agreement at the end of the Hanoi summit?",
        "河内会晤最后达成协议了吗？",
        "ハノイ会談の結果はどうでしたか？",
        "Hội nghị Hà Nội kết thúc thế nào?",
    ],
)
def test_outcomes_of_the_hanoi_summit_are_refused_with_the_date(engine, question):
    res = engine.answer(question)
    assert not res.answered and "2019-02-27" in res.message


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Did Trump and Kim agree to have dinner on February 27?", "共进晚餐"),
        ("What was the outcome of the Singapore summit?", "新加坡"),
        ("新加坡会晤签署了什么？", "联合声明"),
    ],
)
def test_outcomes_the_page_does_report_are_answered(engine, question, expected):
    res = engine.answer(question)
    assert res.answered and any(expected in p.text for p in res.passages)


def test_remembered_turns_read_exactly_as_fresh_ones(engine):
    """The turn cache is an optimisation: a fresh engine (nothing remembered) agrees."""
    conversation = ["金正恩哪天抵达越南？", "他是怎么去的？", "谁邀请他的？", "Thanks!", "那特朗普呢？"]
    fresh = engine.with_config(engine.config)
    for i, question in enumerate(conversation):
        warm = engine.respond(question, conversation[:i])
        cold = fresh.with_config(fresh.config).respond(question, conversation[:i])
        assert warm.kind == cold.kind and warm.resolution == cold.resolution
        if warm.ranking is not None:
            assert warm.ranking.order.tolist() == cold.ranking.order.tolist()


def test_a_long_chat_pays_for_its_newest_question_only(engine, monkeypatch):
    """Past ``HISTORY_TURNS`` questions the window slides; turns already read stay
    remembered (one read per new question), and they read as a fresh engine reads them."""
    from summit_qa.answering.memory import WINDOW as HISTORY_TURNS

    base = ["金正恩哪天抵达越南？", "他是怎么去的？", "谁邀请他的？", "那特朗普呢？", "Thanks!"]
    conversation = (base * 4)[: HISTORY_TURNS + 4]
    warm = engine.with_config(engine.config)
    reads = []
    original = warm._read
    monkeypatch.setattr(warm, "_read", lambda *a, **k: reads.append(a[0]) or original(*a, **k))
    for i, question in enumerate(conversation):
        reads.clear()
        reply = warm.respond(question, conversation[:i])
        assert len(reads) == 1, (i, reads)  # the new question alone
    cold = engine.with_config(engine.config).respond(conversation[-1], conversation[:-1])
    assert reply.kind == cold.kind and reply.resolution == cold.resolution
    if reply.ranking is not None:
        assert reply.ranking.order.tolist() == cold.ranking.order.tolist()


@pytest.mark.parametrize("text", ["两边在什么事情上谈不到一起", "他们俩在哪几件事上一直聊不拢"])
def test_a_question_closer_to_the_page_than_to_chat_is_no_small_talk(engine, text):
    """ "谈不拢" is near "随便聊聊" for e5, but nearer the page's passage on where the sides differ."""
    assert engine.answer(text).kind != "small_talk"
