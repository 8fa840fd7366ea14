"""Choosing the set of passages: by period, actor, action, heading, article; each rule on the
page's own events with a made-up ranking (no model), then end to end with the real one."""

import numpy as np
import pytest

from summit_qa.answering.compare import one_for_each_side
from summit_qa.answering.entities import _abbreviates, _modified_page_word, off_page_names
from summit_qa.answering.overview import (
    article_of_kind,
    heading_statement,
    named_article,
    named_heading,
    quoted_sources,
)
from summit_qa.answering.selection import _filtered, select, summit_days, travels
from summit_qa.answering.shape import Shape


def _select(page, shape, question, scores=None):
    passages, events, glossary = page
    score = np.zeros(len(passages), np.float32) if scores is None else scores
    order = np.argsort(-score, kind="stable")
    return select(shape, question, passages, events, glossary, score, order)


def test_the_summits_are_the_days_the_page_keeps_returning_to(page):
    _, events, _ = page
    assert summit_days(events) == ("2018-06-12", "2019-02-27")


def test_a_period_gives_its_dated_passages_in_date_order(page):
    passages, events, _ = page
    chosen = _select(page, Shape("range", ("2018-07", "2018-08")), "2018年7月到8月发生了什么")
    days = [events[i].day for i in chosen.passages]
    assert days == sorted(days) and all(d.startswith(("2018-07", "2018-08")) for d in days)
    assert len(days) >= 3 and chosen.order == "chronological"


def test_anchors_are_left_out_of_their_period(page):
    _, events, _ = page
    chosen = _select(page, Shape("range", ("2018-06-12", "2019-02-27"), True), "between the two summits")
    days = [events[i].day for i in chosen.passages]
    assert days and all("2018-06-12" < d < "2019-02-27" for d in days)


def test_a_period_the_page_has_nothing_in_is_an_empty_set(page):
    assert _select(page, Shape("range", ("2017", "2017")), "2017年发生了什么").passages == ()


def test_a_person_s_trips_are_the_trips_they_take(page):
    passages, events, _ = page
    chosen = _select(page, Shape("count", counted=True), "蓬佩奥去了几次朝鲜？")
    texts = [passages[i].text for i in chosen.passages]
    assert len(texts) >= 3 and all("蓬佩奥" in t for t in texts)
    assert not any(t.index("金英哲") < t.index("赴") < t.index("蓬佩奥") for t in texts if "赴" in t)


def test_travels_reads_who_travels():
    assert travels("作为美国新任国务卿的蓬佩奥再次访问朝鲜", "蓬佩奥")
    assert travels("金正恩会见了来访的蓬佩奥", "蓬佩奥")
    assert not travels("金英哲赴美，30日至31日与蓬佩奥在纽约会面", "蓬佩奥")


def test_the_nth_trip(page):
    passages, _, _ = page
    second = _select(page, Shape("ordinal", nth=2), "蓬佩奥第二次访朝是哪天")
    last = _select(page, Shape("ordinal", nth=-1), "蓬佩奥最后一次去朝鲜是哪天")
    assert "再次访问朝鲜" in passages[second.passages[0]].text
    assert "来访的蓬佩奥" in passages[last.passages[0]].text
    met = _select(page, Shape("ordinal", nth=2), "蓬佩奥第二次见了谁")  # his meetings: one series too
    assert "再次访问朝鲜并与金正恩会面" in passages[met.passages[0]].text
    assert _select(page, Shape("ordinal", nth=2), "蓬佩奥第二次说了什么") is None  # no trips or meetings


def test_a_heading_s_items_in_page_order(page):
    passages, _, _ = page
    chosen = _select(page, Shape("enumeration"), "三大议题是什么")
    assert [passages[i].label for i in chosen.passages] == [1, 2, 3]
    assert chosen.heading == "三大议题" and chosen.order == "page"


def test_an_overview_of_the_page_is_every_article_s_opening(page):
    passages, _, _ = page
    chosen = _select(page, Shape("overview"), "这篇文章讲了什么")
    articles = [passages[i].article for i in chosen.passages]
    assert articles == list(dict.fromkeys(p.article for p in passages))


def test_an_article_s_outline_is_its_opening_paragraphs_then_its_headings(page):
    passages, _, _ = page
    analysis = next(p.article for p in passages if p.section)
    title = next(p.title for p in passages if p.article == analysis)
    chosen = _select(page, Shape("overview"), f"《{title}》讲了什么")
    shown = [passages[i] for i in chosen.passages]
    inside = [p for p in passages if p.article == analysis]
    opening = [p for p in inside[: next(k for k, p in enumerate(inside) if p.section)]]
    assert len(opening) >= 2 and shown[: len(opening)] == opening  # every paragraph before the first heading
    assert [p for p in shown if p.label] == [p for p in inside if p.label]


def test_an_overview_of_a_named_heading_is_its_passages(page):
    passages, _, _ = page
    chosen = _select(page, Shape("overview"), "三大障碍讲了什么")
    assert chosen.passages and all(passages[i].section == "三大障碍" for i in chosen.passages)


def test_a_comparison_gives_one_passage_for_each_side(page):
    passages, events, glossary = page
    scores = np.array([1.0 if "抵达" in p.text else 0.0 for p in passages], np.float32)
    chosen = _select(page, Shape("compare"), "金正恩和特朗普分别是哪天到的？", scores)
    named = [set(events[i].names) for i in chosen.passages]
    assert len(named) == 2 and any("金正恩" in n for n in named) and any("特朗普" in n for n in named)


@pytest.mark.parametrize(
    "question",
    [
        "Pompeo met Kim Yong Chol in New York and in Washington: how did the two rounds differ?",
        "金英哲同蓬佩奥的纽约会面与华盛顿会谈相比如何？",
    ],
)
def test_two_meetings_of_one_pair_are_told_apart_by_their_places(page, question):
    """The same two people on both sides: the places named are the sides."""
    passages, events, _ = page
    chosen = _select(page, Shape("compare"), question)
    texts = [passages[i].text for i in chosen.passages]
    assert len(texts) == 2 and any("纽约" in t for t in texts) and any("华盛顿" in t for t in texts)


def test_a_comparison_of_arrivals_shows_each_side_s_arrival(page):
    """Each side's passage for the question asked of that side, one telling the arriving the
    question asks about first (not the visit's announcement the ranking prefers)."""
    passages, events, glossary = page
    announced = np.array([1.0 if "访问" in p.text else 0.0 for p in passages], np.float32)
    asked = []

    def rank(text):
        asked.append(text)
        return announced

    order = np.argsort(-announced, kind="stable")
    question = "Who got to Vietnam first, Trump or Kim Jong Un?"
    texts = [p.text for p in passages]
    chosen = one_for_each_side(question, glossary, events, order, texts, rank)
    assert len(chosen) == 2 and all("抵达" in passages[i].text for i in chosen)
    assert {n for i in chosen for n in events[i].names} >= {"金正恩", "特朗普"}
    assert all(("Trump" in t) != ("Kim" in t) for t in asked)  # each asked of one side


def test_an_overview_of_a_labelled_item_is_the_item_and_what_it_holds(page):
    passages, events, glossary = page
    item = next(i for i, p in enumerate(passages) if p.label == 1)
    score = np.zeros(len(passages), np.float32)
    chosen = select(
        Shape("overview"),
        "议题一讲了什么",
        passages,
        events,
        glossary,
        score,
        np.argsort(score),
        labelled=item,
    )
    assert chosen.passages[0] == item and len(chosen.passages) >= 2
    assert all(passages[i].heading == passages[item].text for i in chosen.passages[1:])


@pytest.mark.parametrize(
    "question",
    [
        "这版引用了哪些通讯社？",
        "Which news agencies does this page cite?",
        "이 지면은 어느 통신사를 인용했어?",
    ],
)
def test_the_agencies_a_page_cites_are_the_passages_citing_them(page, question):
    passages, _, _ = page
    chosen = _select(page, Shape("page"), question)
    agencies = {a for i in chosen.passages for a in ("朝中社", "越通社", "路透社") if a in passages[i].text}
    assert agencies == {"朝中社", "越通社", "路透社"} and list(chosen.passages) == sorted(chosen.passages)
    assert all("据" in passages[i].text for i in chosen.passages)  # cited as a source where it is
    assert _select(page, Shape("page"), "这张报纸是哪天的？").passages != chosen.passages
    bylines = _select(
        page, Shape("page"), "这版几篇稿子？分别是哪家通讯社发的"
    ).passages  # not cited: published
    assert len({passages[i].article for i in bylines}) == len(bylines) > 1


@pytest.mark.parametrize(
    "question",
    [
        "这版哪些段落出自越通社？",
        "Which parts of this page are from the Vietnam News Agency?",
        "이 지면에서 베트남통신 내용은 어디야?",
    ],
)
def test_a_page_question_naming_a_cited_agency_is_every_passage_naming_it(page, question):
    passages, _, _ = page
    chosen = _select(page, Shape("page"), question)
    assert [passages[i].id for i in chosen.passages] == [p.id for p in passages if "越通社" in p.text]


def test_the_first_and_the_last_entry_of_the_timeline(page):
    passages, _, _ = page
    chosen = _select(page, Shape("ordinal", nth=1, nths=(1, -1)), "大事记最早一条和最后一条讲了什么")
    first, last = (passages[i] for i in chosen.passages)
    assert first.article == last.article == "timeline" and first.date < last.date


def test_a_visit_to_a_country_written_short_is_to_that_country(page):
    """访华 is a visit to China, 访朝 to North Korea: someone's trips to a country the page
    never takes them to are an empty set."""
    assert _select(page, Shape("count", counted=True), "金正恩访华几次？").passages == ()
    assert _select(page, Shape("count", counted=True), "蓬佩奥访朝几次？").passages


def test_names_the_page_never_mentions(page):
    passages, _, glossary = page
    text = "\n".join(p.text for p in passages)
    assert off_page_names("List Kim Jong Un's meetings with Xi Jinping", "en", text, glossary, ()) == [
        "Jinping"
    ]
    assert "文在寅" in off_page_names("文在寅和金正恩见过几次？", "zh", text, glossary, ())
    assert off_page_names("プーチン氏と金正恩氏の会談は？", "ja", text, glossary, ()) == ["プーチン"]
    assert off_page_names("트럼프와 아베 총리의 회담", "ko", text, glossary, ()) == ["아베"]  # by title
    assert off_page_names("트럼프 대통령은 언제 왔어?", "ko", text, glossary, ()) == []
    assert off_page_names("베트남 국가 주석은 누구를 만났어?", "ko", text, glossary, ()) == []  # an office
    assert off_page_names("How often did Pompeo visit Pyongyang?", "en", text, glossary, ()) == []
    assert off_page_names("What did the White House Press Secretary say?", "en", text, glossary, ()) == []
    assert off_page_names("蓬佩奥去过几次平壤？", "zh", text, glossary, ()) == []
    # loanwords about a page and its stories are no names
    assert off_page_names("この記事のポイントをリストにして", "ja", text, glossary, ()) == []
    assert off_page_names("専門家のコメントは？", "ja", text, glossary, ()) == []


def test_a_modifier_and_a_page_word_is_no_name(page):
    """jieba tags "新进展" as a body: a modifier and a word the page prints are no name."""
    passages, _, glossary = page
    text = "\n".join(p.text for p in passages)
    assert off_page_names("美朝之间有啥新进展？", "zh", text, glossary, ()) == []
    assert _modified_page_word("新进展", "取得进展") and not _modified_page_word("新罕布什尔", "取得进展")
    assert "文在寅" in off_page_names("文在寅有啥新进展？", "zh", text, glossary, ())


def test_the_people_the_page_quotes_as_it_introduces_them(page):
    passages, _, glossary = page
    quoted = quoted_sources(passages, glossary)
    assert len(quoted) >= 2 and list(quoted) == sorted(quoted)
    assert all(passages[i].article == "analysis" for i in quoted)  # the experts, not the leaders


@pytest.mark.parametrize(
    ("question", "language", "kind"),
    [
        ("这篇分析采访了几位专家？", "zh", "count"),
        ("Which analysts does the article quote?", "en", "list"),
        ("Who are the experts in the analysis?", "en", "list"),
        ("분석 기사에 나오는 학자는 몇 명이야?", "ko", "count"),
        ("記事に出てくる専門家は何人？", "ja", "count"),
        ("Bài phân tích trích dẫn những chuyên gia nào?", "vi", "list"),
    ],
)
def test_the_experts_a_page_quotes_asked_for_as_a_set(engine, question, language, kind):
    a = engine.answer(question)
    assert a.kind == kind and {p.id for p in a.passages} == {
        engine.index.passages[i].id for i in quoted_sources(engine.index.passages, engine.glossary)
    }


@pytest.mark.parametrize("question", ["专家怎么看宁边问题？", "What do analysts expect from Hanoi?"])
def test_what_experts_think_of_a_topic_is_no_set_of_experts(engine, question):
    assert engine.answer(question).kind == "answer"


@pytest.mark.parametrize(
    "question", ["特朗普和金正恩第三次会晤是哪天？", "trump kim 3rd summit date", "3回目の米朝会談っていつ？"]
)
def test_a_summit_past_the_page_s_summits_is_an_empty_set(page, question):
    assert _select(page, Shape("ordinal", nth=3), question).passages == ()
    within = _select(page, Shape("ordinal", nth=2), question.replace("3", "2").replace("三", "二"))
    assert within is None  # the second summit is a topic of the page, ranked as any question


def test_other_series_are_not_summits(page):
    passages, _, _ = page
    trip = _select(page, Shape("ordinal", nth=3), "蓬佩奥第三次访朝是什么时候？")
    assert trip is not None and trip.passages and "蓬佩奥" in passages[trip.passages[0]].text


def test_names_joined_by_or_take_any_of_them(page):
    passages, events, glossary = page
    either = _select(page, Shape("list", listy=True), "特朗普或白宫宣布过哪些消息？")
    both = _select(page, Shape("list", listy=True), "特朗普和白宫宣布过哪些消息？")
    assert either is not None and both is not None and set(both.passages) < set(either.passages)
    assert all(
        ("特朗普" in events[i].names) != ("白宫" in events[i].names)
        for i in set(either.passages) - set(both.passages)
    )
    assert any(
        "白宫" in events[i].names and "特朗普" not in events[i].names
        for i in _select(
            page, Shape("list", listy=True), "List what Trump or the White House announced."
        ).passages
    )


def test_an_article_is_named_by_the_headline_it_shares_most_with(page):
    passages, _, _ = page
    for article in {p.article for p in passages}:
        title = next(p.title for p in passages if p.article == article)
        assert named_article(f"「{title}」这篇讲了什么", passages) == article
        korean = next(p.translated("title", "ko") for p in passages if p.article == article)
        assert named_article(f"{korean} 기사 내용이 뭐야?", passages) == article  # Hangul pairs


def test_short_forms_and_abbreviated_months_are_on_the_page(page):
    passages, _, glossary = page
    text = "\n".join(p.text for p in passages)
    assert off_page_names("美韩联合军演有几次？", "zh", text, glossary, ()) == []  # 美国 and 韩国
    assert _abbreviates("朝美", glossary) and not _abbreviates("美日", glossary)  # 日本: not on the page
    assert off_page_names("What happened between Feb 8 and Feb 20?", "en", text, glossary, ()) == []


def test_trips_to_a_place_the_page_never_takes_someone_are_refused(page):
    assert _select(page, Shape("count", counted=True), "蓬佩奥访问过几次夏威夷？").passages == ()
    assert _select(page, Shape("list"), "List Pompeo's visits to Hawaii").passages == ()
    trips = _select(page, Shape("count", counted=True), "蓬佩奥访问过几次平壤？")
    assert trips is not None and len(trips.passages) >= 1  # a place his trips do reach


def test_a_list_of_a_topic_with_no_kind_of_event_is_cut_by_relevance(page):
    passages, events, _ = page
    score = np.full(len(passages), -10.0, np.float32)
    named = [i for i, e in enumerate(events) if "特朗普" in e.names and "金正恩" in e.names]
    score[named[:4]] = [1.0, 0.0, -1.0, -4.0]  # three close to the best; a name shared is not enough
    chosen = _select(page, Shape("list", listy=True), "特朗普和金正恩之间有哪些交流？", score)
    assert set(chosen.passages) == set(named[:3])


def test_a_list_shows_its_dated_events_in_date_order_then_the_undated(page):
    passages, events, _ = page
    dated = [i for i, e in enumerate(events) if e.day and "朝鲜" in e.names and "美国" in e.names][:3]
    undated = next(i for i, e in enumerate(events) if not e.dates and "朝鲜" in e.names and "美国" in e.names)
    score = np.full(len(passages), -10.0, np.float32)
    score[[undated, *reversed(dated)]] = [1.0, 0.9, 0.8, 0.7]  # the commentary ranks first
    chosen = _select(page, Shape("list", listy=True), "朝鲜和美国之间有过哪些分歧？", score)
    assert chosen.passages == (*sorted(dated, key=lambda i: events[i].day), undated)
    assert chosen.order == "chronological"


@pytest.mark.parametrize(
    ("question", "nth", "first_words"),
    [
        ("大事记的第一条是什么？", 1, "2018年年初"),
        ("What's the last item in the chronology?", -1, "2月8日"),
        ("연표의 두 번째 항목은?", 2, "3月8日"),
    ],
)
def test_the_nth_entry_of_the_timeline_after_its_introduction(page, question, nth, first_words):
    passages, _, _ = page
    chosen = _select(page, Shape("ordinal", nth=nth), question)
    assert chosen.kind == "ordinal" and len(chosen.passages) == 1
    assert passages[chosen.passages[0]].text.startswith(first_words)


def test_an_entry_of_someone_is_their_series_not_the_timeline_s(page):
    passages, _, _ = page
    chosen = _select(page, Shape("ordinal", nth=1), "大事记里蓬佩奥第一次访朝是哪天")
    assert chosen is None or "蓬佩奥" in passages[chosen.passages[0]].text


def test_the_period_of_the_timeline_is_its_introduction_first_and_last_entries(page):
    passages, _, _ = page
    chosen = _select(page, Shape("page", span_of_timeline=True), "这个大事记从哪年开始？")
    texts = [passages[i].text for i in chosen.passages]
    assert texts[0].endswith("大事记：")
    assert texts[1].startswith("2018年年初") and texts[2].startswith("2月8日")


def test_the_nth_meeting_of_two_people_is_of_the_meetings_naming_both(page):
    passages, _, _ = page
    first = _select(page, Shape("ordinal", nth=1), "金英哲和蓬佩奥第一次见面是在哪？")
    second = _select(page, Shape("ordinal", nth=2), "When did Kim Yong Chol and Pompeo meet a second time?")
    assert "纽约" in passages[first.passages[0]].text
    assert "华盛顿" in passages[second.passages[0]].text


def test_what_happened_in_a_period_is_everything_in_it_whatever_marks_its_start(page):
    _, events, _ = page
    shape = Shape("range", ("2018-06-12", "2018-12-31"), True)
    question = "What happened after the summit was announced in June, up to the end of 2018?"
    chosen = _select(page, shape, question)
    inside = {i for i, e in enumerate(events) if e.day and "2018-06-12" < e.day < "2018-12-31"}
    assert set(chosen.passages) == inside  # not only the announcements among them


def test_several_of_one_series_are_each_shown_in_date_order(page):
    passages, _, _ = page
    shape = Shape("ordinal", nth=2, nths=(2, 1))
    chosen = _select(page, shape, "Where did Kim Yong Chol and Pompeo meet the second time, and the first?")
    assert chosen.kind == "list"
    assert ["纽约" in passages[i].text for i in chosen.passages] == [True, False]


def test_a_phrase_cut_across_a_word_is_no_name(page):
    passages, _, glossary = page
    text = "\n".join(p.text for p in passages)
    # "这段时间" cut as 这 / 段时间 reads a surname 段; a name after 这 is still one
    assert off_page_names("从那以后到年底这段时间，美朝有什么动向？", "zh", text, glossary, ()) == []
    assert off_page_names("这段时间段祺瑞在做什么？", "zh", text, glossary, ()) == ["段祺瑞"]


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("Summarize the analysis piece for me", "analysis"),
        ("분석 기사는 무슨 내용이에요?", "analysis"),
        ("年表には何が書いてある？", "timeline"),
        ("Bài phân tích nói gì?", "analysis"),
        ("What is this page about?", None),
        ("分析和大事记各讲了什么", None),  # two kinds: no one article
    ],
)
def test_an_article_named_by_its_kind(page, question, article):
    passages, _, _ = page
    assert article_of_kind(question, passages) == article


def test_a_heading_named_by_its_label_word_in_another_language(page):
    passages, _, _ = page
    assert named_heading("3대 의제는 뭐예요?", ("议题",), passages)
    assert named_heading("金正恩哪天到的？", (), passages) is None


@pytest.mark.parametrize("question", ["韩国参与了哪些事？", "Which events involve South Korea?"])
def test_the_events_of_a_place_few_entries_name_in_date_order(engine, question):
    a = engine.answer(question)
    assert a.kind == "list" and len(a.passages) >= 3
    assert all("韩" in p.text for p in a.passages)
    days = [p.date for p in a.passages]
    assert days == sorted(days)  # an entry dated by its year alone ("2018年年初") comes first


def test_a_place_most_entries_name_is_no_filter(page):
    passages, events, glossary = page
    from summit_qa.answering.selection import _rare_places

    assert _rare_places("跟韩国有关的事", events, glossary) == ["韩国"]
    assert _rare_places("跟朝鲜有关的事", events, glossary) == []


def test_a_meeting_asked_for_takes_in_the_events_reported_as_talks(page):
    from summit_qa.answering.selection import _filtered

    passages, events, glossary = page
    score = np.zeros(len(passages), np.float32)
    texts = [p.text for p in passages]
    chosen = _filtered(
        "阮春福和特朗普见面的事有哪些？", Shape("list", listy=True), events, glossary, score, texts
    )
    talks_only = {i for i, e in enumerate(events) if "talks" in e.actions and "meeting" not in e.actions}
    assert set(chosen) & talks_only  # "与…阮春福举行会谈"
    assert all("阮春福" in passages[i].text for i in chosen)


@pytest.mark.model
@pytest.mark.parametrize(
    "question, day",
    [
        ("蓬佩奥出任国务卿后头一回访朝是哪天？", "2018-05-09"),
        ("Pompeo's second visit to North Korea after becoming secretary of state?", "2018-07-06"),
        ("국무장관 취임 후 폼페이오의 첫 방북은 며칠이었지?", "2018-05-09"),
        ("蓬佩奥头一回访朝是哪天？", "2018-04-18"),  # no office said: all his trips count
    ],
)
def test_the_nth_trip_after_taking_an_office_counts_from_the_first_trip_in_it(engine, question, day):
    assert engine.answer(question).passages[0].date == day


@pytest.mark.model
def test_when_two_people_last_saw_each_other_is_their_last_meeting(engine):
    assert (
        engine.answer("On what date did Pompeo and Kim Jong Un last see each other?").passages[0].date
        == "2018-10-08"
    )


@pytest.mark.model
@pytest.mark.parametrize("question", ["2019年的事大事记收了几条", "How many timeline entries are from 2019?"])
def test_the_timeline_s_entries_are_counted_without_the_news_lead_above_them(engine, question):
    a = engine.answer(question)
    ids = [p.id for p in engine.index.passages]
    intro = next(i for i, p in enumerate(engine.index.passages) if p.text.endswith("大事记："))
    assert a.kind == "count" and [p.date[:4] for p in a.passages] == ["2019"] * 3
    assert all(ids.index(p.id) > intro for p in a.passages)  # the lead above the entries is none


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("有过哪些联合演习？", "exercise"),
        ("Which steps were taken over the soldiers' remains? list them", "remains"),
    ],
)
def test_a_kind_of_event_the_page_tells_a_few_times_is_every_dated_one(page, question, kind):
    passages, events, _ = page
    of_kind = [i for i, e in enumerate(events) if e.day and kind in e.actions]
    score = np.full(len(passages), -10.0, np.float32)
    score[of_kind[-1]] = 1.0  # one far ahead of the others: relevance alone would keep it only
    chosen = _select(page, Shape("list", listy=True), question, score)
    assert len(of_kind) >= 2 and set(chosen.passages) == set(of_kind)


def test_a_kind_of_event_the_page_tells_often_is_still_cut_by_relevance(page):
    passages, events, _ = page
    meetings = [i for i, e in enumerate(events) if e.day and "meeting" in e.actions]
    score = np.full(len(passages), -10.0, np.float32)
    score[meetings[:2]] = [1.0, 0.5]
    chosen = _select(page, Shape("list", listy=True), "有哪些会见？", score)
    assert len(meetings) > 4 and set(chosen.passages) == set(meetings[:2])


@pytest.mark.parametrize(
    "question, terms", [("最大任务究竟指的是什么？", ()), ("What is the biggest task?", ("任务",))]
)
def test_the_passage_stating_a_named_heading_is_marked(page, question, terms):
    passages, _, _ = page
    marked = [passages[i] for i in np.flatnonzero(heading_statement(question, terms, passages))]
    assert len(marked) == 1 and marked[0].section == "最大任务" and "最大任务" in marked[0].text


def test_a_question_naming_no_heading_marks_nothing(page):
    passages, _, _ = page
    assert not heading_statement("特朗普将在哪天启程回国？", (), passages).any()


@pytest.mark.model
@pytest.mark.parametrize(
    "question", ["在河内，两国领导人最大的任务是什么？", "河内峰会上最大的任务被认为是什么？"]
)
def test_what_a_heading_is_is_answered_by_the_passage_stating_it(engine, question):
    assert "最大任务" in engine.answer(question).passages[0].text


def test_how_each_side_travelled_shows_where_a_journey_starts_and_ends(page):
    """A comparison of means: a side's passages telling its means (the train leaving and
    the train arriving), at most two, beside the other side's."""
    passages, events, glossary = page
    chosen = _select(page, Shape("compare"), "金正恩与特朗普分别乘坐什么交通工具前往越南？")
    kim = [i for i in chosen.passages if "金正恩" in events[i].names and "特朗普" not in events[i].names]
    assert len(kim) == 2 and all("乘坐" in passages[i].text for i in kim)
    assert any("特朗普" in events[i].names for i in chosen.passages)


def test_a_comparison_of_anything_else_keeps_one_passage_a_side(page):
    _, events, _ = page
    chosen = _select(page, Shape("compare"), "金正恩和特朗普分别是哪天到的？")
    assert len(chosen.passages) == 2


def test_sides_told_alike_come_from_the_same_article(page):
    """Each summit's announcement of its day: both from the timeline, though the news items'
    schedules (also written with 将于) rank first for Hanoi."""
    passages, events, _ = page
    scores = np.array([1.0 if p.id.startswith("one-on-one") else 0.0 for p in passages], np.float32)
    chosen = _select(page, Shape("compare"), "新加坡会晤和河内会晤的日期分别是何时公布的？", scores)
    assert {events[i].article for i in chosen.passages} == {events[0].article}
    assert all("宣布" in passages[i].text for i in chosen.passages)


@pytest.mark.parametrize(
    "question, contents",
    [
        ("三大议题各有什么具体内容？", True),
        ("文章里的三大议题指的是哪几个？", False),
        ("把三大议题挨个详细说一说", True),
    ],
)
def test_what_each_item_says_is_each_label_with_the_passages_under_it(page, question, contents):
    passages, _, _ = page
    chosen = _select(page, Shape("enumeration"), question)
    labels = [i for i in chosen.passages if passages[i].label]
    under = [i for i in chosen.passages if passages[i].heading]
    assert len(labels) == 3 and bool(under) == contents
    assert list(chosen.passages) == sorted(chosen.passages)


@pytest.mark.model
def test_the_first_and_last_meetings_of_an_envoy_are_his_own_series(engine):
    a = engine.answer("When did Kim Yong Chol meet the US side for the first and the last time?")
    assert a.kind == "list" and ["纽约" in a.passages[0].text, "华盛顿" in a.passages[-1].text] == [
        True,
        True,
    ]


def test_a_list_of_a_country_s_leaders_keeps_the_passages_naming_them_by_title(page):
    passages, events, glossary = page
    texts = [p.text for p in passages]
    score = np.zeros(len(passages), np.float32)
    chosen = _filtered(
        "在越南期间，特朗普同哪几位越南领导人会谈？", Shape("list"), events, glossary, score, texts
    )
    assert chosen and all("越南总理" in texts[i] for i in chosen)
