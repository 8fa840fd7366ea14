"""The same question about another actor: the side a passage tells, and its response."""

import pytest

from summit_qa.answering.actors import announced_by, capitals, responds, roles_of, says, tells_of, untold_act
from summit_qa.answering.cues import VIEW, matches
from summit_qa.answering.entities import is_actor
from summit_qa.answering.followups import Turn


def test_a_clause_that_opens_with_the_other_side_tells_its_part(page):
    _, _, glossary = page
    text = "5月1日，金英哲访问纽约并发表讲话。同日，蓬佩奥表示欢迎。"
    assert tells_of(text, ["蓬佩奥"], glossary)  # "那蓬佩奥呢？": this passage tells it
    assert not tells_of(text, ["特朗普"], glossary)  # not named at all
    assert not tells_of("金英哲与蓬佩奥在纽约会谈。", ["蓬佩奥"], glossary)  # named, not a side of its own
    assert tells_of("美国宣布制裁。朝鲜外务省回应说这是挑衅。", ["朝鲜"], glossary)


def test_a_country_s_side_tells_its_part():
    """News prose writes a country's side as its first character and 方 ("朝方", "美方")."""
    from summit_qa.page.names import Glossary, alias_pattern

    kinds = {"朝鲜": "place", "美国": "place", "河内": "place"}
    glossary = Glossary(tuple((alias_pattern(n), n) for n in kinds), kinds)
    text = "双方公布会谈结果。朝方对美方的态度感到遗憾，美方则称取得了进展。"
    assert tells_of(text, ["朝鲜"], glossary) and tells_of(text, ["美国"], glossary)
    assert not tells_of(text, ["河内"], glossary)


def test_a_person_s_role_as_the_page_writes_it_tells_that_person_s_part(page):
    """ "朝鲜最高领导人金正恩" on the page: a clause opening "朝鲜领导人…" is Kim's part."""
    passages, _, glossary = page
    text = "".join(p.text for p in passages)
    assert [r.pattern for r in roles_of("金正恩", text, glossary)] == ["朝鲜.{0,3}领导人"]
    said = "特朗普在国内受到批评。朝鲜领导人也面临压力。"
    assert tells_of(said, ["金正恩"], glossary, text) and not tells_of(said, ["金正恩"], glossary)
    assert not tells_of("美国总统表示欢迎。", ["金正恩"], glossary, text)


def test_a_country_that_acts_on_the_page_is_an_actor_a_city_is_not(page):
    passages, _, glossary = page
    text = "".join(p.text for p in passages)
    assert is_actor("朝鲜", glossary, text) and is_actor("美国", glossary, text)
    assert is_actor("特朗普", glossary, text)
    assert not is_actor("河内", glossary, text) and not is_actor("新加坡", glossary, text)


@pytest.mark.parametrize(
    "question, language",
    [
        ("那朝方作何回应", "zh"),
        ("What was North Korea's reaction?", "en"),
        ("Phía Triều Tiên đáp lại ra sao?", "vi"),
    ],
)
def test_the_other_side_s_response_told_in_the_passage_shown_is_that_passage(page, question, language):
    passages, _, glossary = page
    sanction = next(i for i, p in enumerate(passages) if "回应说" in p.text and "制裁" in p.text)
    before = Turn("美国哪天宣布制裁？", "美国哪天宣布制裁？", ("美国",), sanction, None, "zh", "")
    assert responds(question, language, before, glossary, passages) == sanction
    silent = next(i for i, p in enumerate(passages) if "国防部宣布" in p.text)
    other = Turn("国防部宣布了什么？", "国防部宣布了什么？", ("国防部",), silent, None, "zh", "")
    assert responds(question, language, other, glossary, passages) is None  # not told there
    assert responds("朝鲜哪天宣布的？", "zh", before, glossary, passages) is None  # no response asked


@pytest.mark.parametrize(
    "question, language, asks",
    [
        ("朝方说了啥", "zh", True),
        ("对这个结果朝鲜满意吗？", "zh", True),
        ("And what was Pyongyang's take on it?", "en", True),
        ("Was Washington happy with that?", "en", True),
        ("평양 당국은 뭐라고 했대?", "ko", True),
        ("北朝鮮はどう言ってる？", "ja", True),
        ("Triều Tiên nói gì?", "vi", True),
        ("朝鲜哪天宣布的？", "zh", False),
        ("What did the summit produce?", "en", False),
    ],
)
def test_a_side_s_view_of_what_was_told_is_a_cue(question, language, asks):
    assert matches(VIEW, question, language) == asks


def test_a_capital_the_dictionary_names_stands_for_its_country(page):
    _, _, glossary = page
    senses = {
        "平壤": ["Pyongyang, capital of North Korea"],
        "华盛顿": ["Washington (name)", "Washington, D.C. (US federal capital)"],
        "新加坡": ["Singapore"],  # a city state: no other country
        "纽约": ["New York"],
    }
    assert capitals(glossary, lambda zh: senses.get(zh, ())) == {"平壤": "朝鲜", "华盛顿": "美国"}


def test_the_page_s_capitals_come_from_the_shipped_dictionary(engine):
    assert engine.capitals["平壤"] == "朝鲜" and engine.capitals["华盛顿"] == "美国"
    assert "纽约" not in engine.capitals


def test_a_capital_asked_for_its_view_is_its_country(page):
    """ "What was Pyongyang's take?" after a passage where North Korea answers: that passage."""
    passages, _, glossary = page
    sanction = next(i for i, p in enumerate(passages) if "回应说" in p.text and "制裁" in p.text)
    before = Turn("美国哪天宣布制裁？", "美国哪天宣布制裁？", ("美国",), sanction, None, "zh", "")
    question = "What was Pyongyang's take?"
    assert responds(question, "en", before, glossary, passages, capitals={"平壤": "朝鲜"}) == sanction
    assert responds(question, "en", before, glossary, passages) is None  # a city is no side
    # the side the turn before already named still answers for itself
    named = Turn("朝鲜哪天被制裁？", "朝鲜哪天被制裁？", ("朝鲜",), sanction, None, "zh", "")
    assert responds("朝鲜说了啥", "zh", named, glossary, passages) == sanction


@pytest.mark.model
@pytest.mark.parametrize(
    "turns",
    [
        ["韩美哪天重启陆战队演习的？", "那朝鲜方面说了什么？"],
        ["When did the marines' drills with Seoul resume?", "Was Pyongyang happy with that?"],
        ["한미 해병대 훈련은 언제 다시 시작됐어?", "평양 당국은 뭐라고 했대?"],
    ],
)
def test_a_side_s_view_of_the_event_shown_is_the_passage_that_tells_it(engine, turns):
    first = engine.answer(turns[0])
    then = engine.answer(turns[1], history=turns[:1])
    assert "重启" in first.passages[0].text
    assert then.operation == "actor" and then.passages[0].id == first.passages[0].id


def test_another_actor_with_a_verb_of_its_own_is_asked_of_that_verb(page):
    """ "And Trump, when does he land?" after Kim's departure: Trump's landing, not the first
    passage naming Trump that shares a verb with the departure (举行, 启程…)."""
    import numpy as np

    from summit_qa.answering.actors import actor_passage
    from summit_qa.answering.followups import Resolution

    passages, events, glossary = page
    at = {p.id: i for i, p in enumerate(passages)}
    departure, schedule, landing = at["arrival-2"], at["timeline-20"], at["one-on-one-1"]
    before = Turn("金正恩几时从平壤动身？", "金正恩几时从平壤动身？", ("金正恩", "平壤"), departure)
    asked = Resolution("那特朗普呢？", ("特朗普",), True, 0)
    order = np.array([schedule, landing, *[i for i in range(len(passages)) if i not in (schedule, landing)]])
    page_text = "".join(p.text for p in passages)
    plain = actor_passage(asked, before, events, glossary, order, passages, page_text)
    own = actor_passage(asked, before, events, glossary, order, passages, page_text, ("抵达",))
    assert plain == schedule and own == landing


def test_a_side_s_stance_is_where_it_states_its_part_itself(page):
    """ "朝方曾表示…有意…" states North Korea's willingness; "金峻亨认为…宁边…" is a scholar's view."""
    from summit_qa.answering.actors import own_stance

    passages, _, glossary = page
    texts = [p.text for p in passages]
    at = {p.id: i for i, p in enumerate(passages)}
    willing = own_stance("朝鲜愿意怎么处理宁边核设施？", "zh", ("有意", "愿意"), texts, glossary)
    assert willing[at["analysis-8"]] == 1 and willing[at["analysis-9"]] == 0
    reaction = own_stance("How did North Korea react?", "en", (), texts, glossary)
    assert reaction[at["timeline-17"]] == 1  # "朝鲜外务省回应说…"
    assert not own_stance("朝鲜在宁边有什么设施？", "zh", (), texts, glossary).any()  # no stance asked


@pytest.mark.parametrize(
    ("question", "by"),
    [
        ("金正恩哪天宣布的访越日程？", ["金正恩"]),
        ("When did the White House announce the schedule?", ["白宫"]),
        ("金正恩が訪問の日程を発表したのはいつ？", ["金正恩"]),
        ("김정은이 방문 일정을 발표한 날은?", ["金正恩"]),
        ("Kim Jong-un công bố lịch trình khi nào?", ["金正恩"]),
        ("金正恩访越的日程是哪天公布的？", []),  # the one visiting, not the one announcing
        ("When was Kim's schedule announced?", []),
        ("When was the trip of Kim Jong Un announced?", []),  # passive: no one named announces
        ("金正恩的日程哪天公布？", []),  # his schedule, not his announcement
        ("Lịch trình của Kim Jong-un được công bố khi nào?", []),
        ("김정은 위원장이 방문 일정을 발표한 날은?", ["金正恩"]),  # a title before the particle
    ],
)
def test_the_one_a_question_says_made_a_date_known(page, question, by):
    _, _, glossary = page
    assert announced_by(question, glossary) == by


def test_who_says_something_in_a_passage_not_whom_it_tells_of():
    assert says("2月8日，白宫宣布，金正恩将于26日抵达。", ["白宫"])
    assert not says("2月8日，白宫宣布，金正恩将于26日抵达。", ["金正恩"])


@pytest.mark.model
def test_a_date_announced_by_someone_named_is_where_that_one_announces_it(engine):
    a = engine.answer("金正恩访越的日程，越南外交部是哪天宣布的？")
    assert "越南外交部" in a.passages[0].text


@pytest.mark.parametrize(
    ("earlier", "new", "untold"),
    [
        ("特朗普几号从越南离开？", "金正恩", True),  # he is told leaving Pyongyang, not Vietnam
        ("On what day is Trump due to leave Vietnam?", "金正恩", True),
        ("特朗普哪天到河内？", "金正恩", False),  # his arrival in Vietnam: the page writes 越南首都河内
        ("金正恩抵达越南是在哪一天？", "特朗普", False),
        ("特朗普27日上午见了谁？", "金正恩", False),  # no act of going asked
    ],
)
def test_an_act_told_of_the_new_actor_only_with_another_place_is_untold(page, earlier, new, untold):
    passages, _, glossary = page
    text = "".join(p.text for p in passages)
    assert untold_act(earlier, [new], passages, glossary, text) == untold
