"""Scope: the refusal floors, the outcome rule and the highlight, as pure rules (no model)."""

import pytest

from summit_qa.answering.scope import ScopePolicy, asks_quantity
from summit_qa.page.passages import load_passages
from summit_qa.retrieval.bm25 import BM25
from summit_qa.retrieval.highlight import best_sentence
from summit_qa.retrieval.weights import RankingConfig


@pytest.fixture(scope="module")
def passages():
    return load_passages()


@pytest.fixture(scope="module")
def policy(passages):
    return ScopePolicy.for_page(RankingConfig(), passages)


def by_id(passages, pid):
    return next(p for p in passages if p.id == pid)


def test_floors_by_language(policy):
    c = RankingConfig()
    assert policy.in_scope("zh", c.same_language_floor, 0, False, False)
    assert not policy.in_scope("zh", c.same_language_floor - 0.001, 5, False, False)
    # the Chinese floor is above the cross-language one: an English question between them is in
    assert policy.in_scope("en", c.cross_language_floor, 0, False, False)
    assert not policy.in_scope("en", c.cross_language_floor - 0.001, 0, False, False)
    # naming several of the page's terms lowers the cross-language floor, one term does not
    between = (c.cross_language_floor + c.cross_language_floor_with_terms) / 2
    assert policy.in_scope("ko", between, c.terms_for_lower_floor, False, False)
    assert not policy.in_scope("ko", between, c.terms_for_lower_floor - 1, False, False)
    assert not policy.in_scope("zh", between, 9, False, False)  # the lower floor is for other languages


def test_a_dated_question_is_in_scope_and_without_a_model_any_shared_term_is(policy):
    assert policy.in_scope("zh", 0.0, 0, True, False)
    assert policy.in_scope("en", None, 0, False, True)
    assert not policy.in_scope("en", None, 0, False, False)


def test_the_publication_day_and_article_dates_come_from_the_page(policy):
    assert policy.published == "2019-02-27"
    assert policy.article_dates["arrival"] == "2019-02-26"
    assert policy.article_dates["timeline"] == "2019-02-27"  # its opening paragraph's date


def test_outcome_questions_about_events_after_the_page(policy, passages):
    after = [by_id(passages, i) for i in ("one-on-one-0", "analysis-0", "one-on-one-2")]
    assert policy.asks_after_the_page("What was the outcome of the Hanoi summit?", after)
    assert policy.asks_after_the_page("河内会晤的结果如何？", after)
    # an undated passage stands for its article's first date (the analysis: 2019-02-27)
    assert policy.asks_after_the_page("河内会晤最后结果怎样？", [by_id(passages, "analysis-3"), *after[:2]])
    # one best passage about an earlier event: the page may know how that turned out
    before = [by_id(passages, "timeline-9"), *after[:2]]
    assert not policy.asks_after_the_page("What was the outcome of the Singapore summit?", before)
    # a plan, not an outcome
    assert not policy.asks_after_the_page("单独会谈后特朗普有什么安排？", after)
    off = ScopePolicy.for_page(RankingConfig(use_temporal_scope=False), passages)
    assert not off.asks_after_the_page("What was the outcome of the Hanoi summit?", after)


@pytest.mark.parametrize(
    "question",
    [
        "Do analysts expect the Hanoi talks to bring results?",
        "专家看好河内会晤的成果吗？",
        "하노이 회담 성과에 대한 전망은?",
        "ハノイ会談の成果の見通しは？",
        "Giới phân tích kỳ vọng kết quả gì ở Hà Nội?",
    ],
)
def test_what_someone_expects_of_an_outcome_is_no_question_after_the_page(policy, passages, question):
    after = [by_id(passages, i) for i in ("one-on-one-0", "analysis-0", "one-on-one-2")]
    assert not policy.asks_after_the_page(question, after)


def test_an_event_without_any_date_is_never_after_the_page(passages):
    undated = [p for p in passages if p.article == "analysis" and p.date is None][:3]
    policy = ScopePolicy(0.9, 0.8, 0.7, 2, published="2019-02-27", article_dates={})
    assert not policy.asks_after_the_page("What was the outcome?", undated)


def test_highlight_prefers_the_dense_sentence_then_the_most_shared_terms(passages):
    p = by_id(passages, "timeline-17")  # two sentences: the sanctions, then Pyongyang's answer
    spans = p.sentences()
    assert len(spans) == 2
    bm25 = BM25.build([x.text for x in passages])
    terms_of = bm25.query_terms
    assert best_sentence(p, spans[1], set(), terms_of) == spans[1]
    answer_terms = set(terms_of("朝鲜外务省怎么回应"))
    assert best_sentence(p, None, answer_terms, terms_of) == spans[1]
    assert best_sentence(p, None, set(terms_of("财政部制裁")), terms_of) == spans[0]
    assert best_sentence(p, None, set(), terms_of) == spans[0]  # no shared term: the first
    single = by_id(passages, "timeline-5")
    assert best_sentence(single, None, answer_terms, terms_of) == (0, len(single.text))


from summit_qa.answering.scope import OUTCOME, unanswerable_type  # noqa: E402


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("崔龙海今年多大了？", "age"),
        ("What age is Kim Yong Chol?", "age"),
        ("김영철은 나이가 어떻게 되나요?", "age"),
        ("阮富仲は何歳ですか？", "age"),
        ("Ông Pompeo bao nhiêu tuổi?", "age"),
        ("金英哲是哪年出生的？", "birth"),
        ("When was Trump born?", "birth"),
        ("杨希雨是哪里人？", "origin"),
        ("Where is Kyle Ferrier from?", "origin"),
        ("蓬佩奥毕业于哪所大学？", "education"),
        ("Which university did Yang Xiyu graduate from?", "education"),
        ("金正恩有几个孩子？", "family"),
        ("Is Sarah Sanders married?", "family"),
        ("김정은의 아내는 누구인가요?", "family"),
        ("Vợ của ông Trump là ai?", "family"),
        ("特朗普身高多少？", "body"),
        ("How tall is Kim Jong Un?", "body"),
        ("金峻亨有什么爱好？", "taste"),
        ("What is Trump's favourite food?", "taste"),
        ("蓬佩奥的工资是多少？", "wealth"),
        ("河内有多少人口？", "measure"),
        ("How far is Dong Dang from Hanoi?", "measure"),
        ("河内现在天气怎么样？", "weather"),
        ("How much did the summit cost?", "money"),
        ("特朗普推特有多少粉丝？", "audience"),
        ("中期选举谁赢了？", "winner"),
        ("How long has Sanders been press secretary?", "tenure"),
        ("特朗普在河内下榻哪家酒店？", "lodging"),
        ("Where will Kim be staying in Hanoi?", "lodging"),
        ("김정은은 어느 호텔에 묵어요?", "lodging"),
        ("朝鲜有多少枚核弹头？", "arsenal"),
        ("How many nuclear weapons does North Korea have?", "arsenal"),
        ("有多少名记者去河内采访？", "press"),
        ("How many reporters covered the summit?", "press"),
        ("朝鲜去年试射过导弹吗？", "weapon_tests"),
        ("Did North Korea launch any missiles in 2018?", "weapon_tests"),
        ("북한은 작년에 미사일을 쐈어?", "weapon_tests"),
        ("북한은 미사일을 몇 발이나 쐈어?", "weapon_tests"),  # words between the missile and the firing
        ("北朝鮮はミサイルを何発撃ったの？", "weapon_tests"),
        ("Triều Tiên bắn bao nhiêu quả tên lửa?", "weapon_tests"),
        ("How many ballistic missiles has the North fired?", "weapon_tests"),
        ("Hội nghị tốn bao nhiêu tiền?", "money"),
        ("朝鲜一共进行过几次核试验？", "weapon_tests"),
        ("북한은 몇 차례 핵실험을 했나요?", "weapon_tests"),
        ("北朝鮮は何回核実験をしたの？", "weapon_tests"),
        ("Triều Tiên đã thử hạt nhân bao nhiêu lần?", "weapon_tests"),
        ("Has North Korea done a nuclear test since?", "weapon_tests"),
        ("蓬佩奥去平壤时谁陪同？", "entourage"),
        ("Who travelled with Pompeo to Pyongyang?", "entourage"),
        ("폼페이오와 함께 간 사람은 누구야?", "entourage"),
        ("ポンペオ氏と一緒に平壌へ行ったのは誰？", "entourage"),
        ("Ai đi cùng ông Pompeo tới Bình Nhưỡng?", "entourage"),
    ],
)
def test_a_fact_the_page_never_states_is_refused(passages, question, kind):
    assert unanswerable_type(question, passages) == kind  # no passage of the page states it


@pytest.mark.parametrize(
    "question",
    [
        "金正恩哪天抵达越南？",
        "How did Kim Jong Un travel to Vietnam?",
        "Who invited Kim Jong Un to Vietnam?",
        "特朗普几点抵达河内？",
        "美国财政部制裁了几名朝鲜官员？",
        "Where did Kim Jong Un depart from?",
        "How far apart are the two sides on denuclearization?",
        "What did the experts say about the differences?",
        "朝方看重什么回报？",
        "What does North Korea want in return?",
        "김정은은 어디에서 출발했나요?",
        "东仓里导弹发射台会被核查吗？",  # the page's launch pad, no test asked about
        "Will the missile launch pad at Tongchang-ri be inspected?",
        "Who spoke to reporters on Air Force One?",
        "Who shares Trump's dinner table?",  # a companion at table is on the page
        "Which nuclear test site may be verified?",  # the page's test site, no test asked about
        "特朗普和谁一起共进晚餐？",
    ],
)
def test_ordinary_questions_ask_for_no_such_fact(passages, question):
    assert unanswerable_type(question, passages) is None


@pytest.mark.parametrize(
    "question",
    [
        "How did the talks in Hanoi end?",
        "Did the two leaders reach an agreement in Hanoi?",
        "Why did the Hanoi meeting collapse?",
        "河内会晤谈成了吗？",
        "河内会晤为什么提前结束？",
        "特朗普和金正恩在河内签了协议吗？",
        "하노이 회담은 결렬됐나요?",
        "ハノイ会談は物別れに終わったのですか？",
        "Cuộc gặp ở Hà Nội kết thúc ra sao?",
        "What did they end up signing in Hanoi?",
        "河内见面之后有没有发表声明？",
        "会晤后是否宣布了什么？",
        "What were the outcomes of the summit?",
        "Tell me everything they signed.",  # what was signed or agreed, its object not named
        "하노이에서 합의한 내용은?",
        "Hai bên thỏa thuận gì ở Hà Nội?",
        "Hai ông ký những gì?",
    ],
)
def test_outcome_words_in_five_languages(question):
    assert OUTCOME.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "Did Trump and Kim agree to have dinner on February 27?",  # a plan the page reports
        "When will the talks end on the 28th?",
        "第一个议题是什么？",
        "最后一条大事记是什么？",  # the last entry, not "in the end"
        "What will they discuss after the one-on-one meeting?",
        "회담이 끝나고 무엇을 하나요?",  # "after the talks end": a plan
        "有没有提到宁边？",  # whether the page says something
        "What happens at the end of the day on the 27th?",
        "What did they agree to discuss on the 28th?",  # agreed to: a plan
    ],
)
def test_plans_are_not_outcomes(question):
    assert not OUTCOME.search(question)


def test_an_outcome_of_an_event_the_page_only_announces(policy, passages):
    hanoi = [p for p in passages if "河内" in p.text]
    singapore = [p for p in passages if "新加坡" in p.text]
    assert policy.asks_after_the_page("How did the Hanoi summit end?", [], hanoi)
    assert not policy.asks_after_the_page("How did the Singapore summit end?", [], singapore)
    planned = by_id(passages, "arrival-0")  # dated the 26th, but it reports a plan (将…举行会晤)
    assert policy.prospective(planned) and not policy.prospective(by_id(passages, "timeline-9"))


def test_where_someone_works_is_not_a_question_about_their_studies(passages):
    assert unanswerable_type("杨希雨在哪个机构工作？", passages) is None
    assert unanswerable_type("Which university is the Korean scholar from?", passages) is None
    assert unanswerable_type("金峻亨是从哪所大学毕业的？", passages) == "education"


@pytest.mark.parametrize(
    "question",
    [
        "金正恩带了多少名保镖？",
        "How many bodyguards travelled with Kim to Hanoi?",
        "경호원은 몇 명이나 왔어?",
        "北朝鮮の兵士の遺骨は何体返還された？",
        "Có bao nhiêu người dân ra đón ông Kim?",
    ],
)
def test_how_many_people_or_things_is_a_quantity(question):
    from summit_qa.answering.scope import asks_quantity

    assert asks_quantity(question)


@pytest.mark.parametrize(
    "question",
    [
        "蓬佩奥总共跑了几趟平壤？",
        "三大议题是哪几个？",
        "How many times did Pompeo go to Pyongyang?",
        "How many joint US-South Korea military drills does the timeline list?",
        "How many experts does the analysis quote?",
        "폼페이오는 몇 번 방북했어?",
        "ポンペオは何回訪朝した？",
        "Niên biểu có bao nhiêu mục năm 2019?",
        "这一版有几篇文章？",
        "特朗普收到过金正恩几封信？",  # letters are the page's events
        "Ông Trump nhận được bao nhiêu lá thư?",
    ],
)
def test_how_many_times_entries_or_experts_is_counted_from_the_page_not_a_quantity(question):
    from summit_qa.answering.scope import asks_quantity

    assert not asks_quantity(question)


def test_a_quantity_is_stated_only_by_a_number_that_is_no_date_or_clock_time(passages):
    from summit_qa.answering.scope import unanswerable_type

    sanctions = [by_id(passages, "timeline-17")]  # "崔龙海等 3 名朝鲜高级官员"
    assert unanswerable_type("How many officials were sanctioned?", sanctions) is None
    times = [p for p in passages if "8 点 30 分" in p.text]  # a clock time and days only
    assert unanswerable_type("How many bodyguards came along?", times) == "quantity"


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("金正恩的专列有几节车厢？", True),
        ("How many cars did Kim's train have?", True),
        ("김 위원장 열차는 객차가 몇 칸이었어?", True),
        ("金正恩の列車は何両編成？", True),
        ("Đoàn tàu của ông Kim có bao nhiêu toa?", True),
        ("车队有多少辆？", True),
        ("金正恩坐的是什么车？", False),  # what, not how many
        ("Ông Kim đi xe lửa bao nhiêu tiếng thì tới Đồng Đăng?", False),  # hours, by train
        ("両国の首脳は何回会った？", False),  # 両 of "both", and times
    ],
)
def test_a_train_s_cars_or_a_motorcade_s_vehicles_are_a_quantity(question, counts):
    assert asks_quantity(question) == counts
