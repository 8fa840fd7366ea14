"""Steps in time on the page's events: the event before or after, the next of a kind, a day
written on its own, the act a passage tells after another (no model)."""

import pytest

from summit_qa.answering.steps import goes_on, step_in_time, step_of_kind, writes_day


def _at(passages, pid):
    return [p.id for p in passages].index(pid)


def test_next_and_previous_walk_the_days(page):
    passages, events, _ = page
    summit = _at(passages, "timeline-9")  # 2018-06-12
    after, before = step_in_time(events, summit, 1), step_in_time(events, summit, -1)
    assert passages[after].date > "2018-06-12" and passages[before].date < "2018-06-12"
    assert passages[after].article == passages[before].article == "timeline"
    # an undated passage steps to its neighbour in its article
    assert passages[step_in_time(events, _at(passages, "analysis-3"), 1)].id == "analysis-4"


def test_next_and_previous_follow_the_story_of_the_article_first(page):
    passages, events, _ = page
    leaves = next(i for i, p in enumerate(passages) if "离开平壤" in p.text and p.article != "timeline")
    after = step_in_time(events, leaves, 1)
    assert passages[after].article == passages[leaves].article and "抵达" in passages[after].text
    assert step_in_time(events, after, -1) == leaves
    # past the article's own days, the page's
    latest = max((e for e in events if e.article == passages[leaves].article and e.day), key=lambda e: e.day)
    beyond = step_in_time(events, latest.passage, 1)
    assert beyond is None or events[beyond].day > latest.day


def test_before_the_first_day_of_an_article_is_its_undated_passage_beside_it(page):
    passages, events, _ = page
    for article in {e.article for e in events}:
        mine = [e for e in events if e.article == article]
        first = min((e for e in mine if e.day), key=lambda e: e.day, default=None)
        if first is None or first.day != min(e.day for e in events if e.day):
            continue  # only an article holding the page's first day has nothing dated before it
        k = [e.passage for e in mine].index(first.passage)
        expect = mine[k - 1].passage if k and mine[k - 1].day is None else None
        assert step_in_time(events, first.passage, -1) == expect


def test_the_next_event_of_a_kind_skips_the_others(page):
    """ "又搞联合演习了吗？" after the drills were suspended: the next exercise, not the next entry."""
    passages, events, _ = page
    suspended = next(i for i, p in enumerate(passages) if "暂停" in p.text and "军演" in p.text)
    resumed = step_of_kind(events, suspended, 1, ("exercise",))
    assert "重启" in passages[resumed].text
    assert step_in_time(events, suspended, 1) != resumed  # the next entry is another event
    assert step_of_kind(events, suspended, 1, ()) is None


@pytest.mark.parametrize(
    "text, day, writes",
    [
        ("与金正恩的后续会谈将于 28 日举行。", 28, True),
        ("特朗普将在28日离开越南。", 28, True),
        ("据悉，27 日至 28 日，两人定于在河内会晤。", 28, False),  # the end of a span
        ("定于2月27日至28日举行", 28, False),
        ("12月18日发表声明", 8, False),  # part of another number
    ],
)
def test_a_day_written_on_its_own(text, day, writes):
    assert writes_day(text, day) == writes


def test_a_day_that_opens_a_span_is_not_written_on_its_own():
    assert not writes_day("启程参加定于 27 日至 28 日举行的会晤", 27)
    assert writes_day("当地时间 27 日上午 11 点", 27)


def test_a_passage_dated_by_its_month_steps_from_the_event_of_that_month_it_tells(page):
    passages, events, _ = page
    # the analysis recalls the first summit as "去年 6 月": its day is the summit's entry
    recalled = next(
        i
        for i, e in enumerate(events)
        if e.day and len(e.day) == 7 and passages[i].article != "timeline" and "新加坡" in e.names
    )
    summit = next(
        e
        for e in events
        if e.day and e.day.startswith(events[recalled].day) and "联合声明" in passages[e.passage].text
    )
    assert step_in_time(events, recalled, 1) == step_in_time(events, summit.passage, 1)
    assert step_in_time(events, recalled, -1) == step_in_time(events, summit.passage, -1)
    assert passages[step_in_time(events, recalled, 1)].article == "timeline"


@pytest.mark.parametrize(
    "text, goes",
    [
        ("代表团上午抵达车站，随后乘轿车离开车站。", True),  # the same actor's next act
        ("两人将举行会谈，随后与顾问共进晚餐。", True),
        ("双方达成共识。随后，谈判陷入停滞。", False),  # a new clause: no act of the same actor
        ("但双方随后公布的会谈结果显现温差。", False),  # a modifier
        ("双方举行会谈。", False),
    ],
)
def test_a_passage_that_goes_on_with_its_actor_s_next_act(text, goes):
    assert goes_on(text, "代表团在哪一站下车？", "zh") == goes


def test_a_second_step_leaves_a_passage_that_goes_on():
    assert not goes_on("两人将举行会谈，随后与顾问共进晚餐。", "然后呢？", "zh")


def test_a_schedule_steps_to_the_later_day_a_passage_of_its_story_tells(page):
    passages, events, _ = page
    texts = [p.text for p in passages]
    # the evening talks of the 27th: their story goes on to the talks "将于 28 日举行", not to
    # a passage where the 28th only closes a span ("27 日至 28 日")
    evening = next(i for i, p in enumerate(passages) if "27日晚上" in p.text.replace(" ", ""))
    after = step_in_time(events, evening, 1, texts)
    assert after is not None and after != evening and writes_day(texts[after], 28)
    assert passages[after].article == passages[evening].article


def test_a_step_after_a_question_of_the_day_leaves_the_passage_unless_right_after():
    text = "两人将举行会谈，随后与顾问共进晚餐。"
    assert not goes_on(text, "会谈是哪天？", "zh", "然后呢？")  # the day asked: the next day's event
    assert goes_on(text, "会谈是哪天？", "zh", "紧接着干了什么？")  # "right after": the next act
    assert goes_on(text, "When are the talks?", "en", "what did they do immediately after?")
    # the turn before carried the day question ("那金正恩呢？" of "…哪天到？")
    assert not goes_on(text, "那他呢？", "zh", "然后呢？", "他哪天到的？")
    # asked within the day, in the follow-up's language when its own reads otherwise
    assert goes_on(text, "何省？", "zh", "その後はどうなった？", "列車はどの駅に着いた？", "ja")


def test_a_suggested_step_is_offered_where_the_step_finds_a_passage(page):
    from summit_qa.answering.suggestions import Suggester

    passages, events, glossary = page
    texts = [p.text for p in passages]
    suggester = Suggester(passages, events, glossary, lambda *_: [])
    # the suggester steps with the passages' text, as a follow-up's step does
    assert suggester._texts == texts
    evening = next(i for i, p in enumerate(passages) if "27日晚上" in p.text.replace(" ", ""))
    assert step_in_time(events, evening, 1, suggester._texts) is not None
