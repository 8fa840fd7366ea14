"""A person's or a pair's series of events, and a step along one (no model)."""

import pytest

from summit_qa.answering.series import NAMED_ANCHOR, announcements, kind_asked, series


def test_a_person_s_trips_in_date_order(page):
    passages, events, glossary = page
    trips = series(events, passages, "蓬佩奥去朝鲜", glossary)
    days = [passages[i].date for i in trips]
    assert len(trips) >= 3 and days == sorted(days)
    assert series(events, passages, "去朝鲜", glossary) == []  # no one named: no series


@pytest.mark.parametrize(
    "question", ["蓬佩奥去朝鲜见金正恩", "Pompeo's trips to Pyongyang to see Kim Jong Un"]
)
def test_a_trip_to_see_someone_is_the_series_of_the_traveller_s_trips(page, question):
    passages, events, glossary = page
    assert series(events, passages, question, glossary) == series(events, passages, "蓬佩奥去朝鲜", glossary)


def test_of_several_people_the_trips_are_those_of_who_travels_in_the_passage_shown(page):
    passages, events, glossary = page
    shown = next(p.text for p in passages if "前往朝鲜" in p.text and "蓬佩奥" in p.text)
    three = "特朗普 蓬佩奥 金正恩 他第三次去呢"
    assert series(events, passages, three, glossary) == []  # three people: whose trips?
    trips = series(events, passages, "蓬佩奥去朝鲜", glossary)
    assert series(events, passages, three, glossary, shown) == trips


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("夏威夷仪式之后又发生了什么？", True),
        ("After the ceremony in Hawaii, what next?", True),
        ("훈련 이후에는?", True),
        ("정상회담 바로 전엔 뭐가 있었어?", True),  # right before
        ("회담 직후에는?", True),
        ("在那之前白宫是怎么说的？", False),  # "that": the answer before is the anchor
        ("and after that?", False),
        ("その後は？", False),
        ("Sau đó thì sao?", False),
    ],
)
def test_a_step_names_its_anchor_by_its_own_words_not_by_that(question, named):
    assert bool(NAMED_ANCHOR.search(question)) is named


@pytest.mark.parametrize(
    "question, language, asked",
    [
        ("그 다음 훈련은?", "ko", True),
        ("Any sanctions before that?", "en", True),
        ("之后的访问呢？", "zh", True),
        ("その前の会談は？", "ja", True),
        ("What happened just after that visit?", "en", False),  # the visit is where it steps from
        ("访问之后呢？", "zh", False),  # an anchor of its own words
        ("その後は？", "ja", False),  # no kind named
        ("sau đó thì sao?", "vi", False),
    ],
)
def test_a_step_asking_for_a_kind_of_event_and_nothing_else(question, language, asked):
    assert kind_asked(question, language) is asked


def test_the_announcements_of_a_meeting_to_come_are_a_series_of_their_own(page):
    passages, events, _ = page
    by_trump = announcements(events, passages, ["特朗普"])
    days = [events[i].day for i in by_trump]
    assert days == sorted(days) and days[0] == "2018-05-10" and days[-1] == "2019-02-08"
    assert all("将" in passages[i].text and "会晤" in passages[i].text for i in by_trump)
    anyone = announcements(events, passages, [])
    assert set(by_trump) < set(anyone)  # the White House's announcements too


def test_a_question_of_the_n_th_announcement_walks_that_series(page):
    passages, events, glossary = page
    run = series(events, passages, "特朗普第一次宣布会晤日期是哪天？", glossary)
    assert run == announcements(events, passages, ["特朗普"])
