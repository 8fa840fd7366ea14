"""Another attribute of the event just shown: the kind a follow-up asks for, and whether
the passage before holds an answer of that kind (no model)."""

import pytest

from summit_qa.answering.attributes import asked, holds, same_event_elsewhere, unasked
from summit_qa.answering.followups import Turn, resolve


@pytest.mark.parametrize(
    ("question", "language", "kind"),
    [
        ("几点到的？", "zh", "hour"),
        ("那是哪一天？", "zh", "day"),
        ("在什么地方？", "zh", "place"),
        ("跟谁一起？", "zh", "person"),
        ("坐什么去的？", "zh", "means"),
        ("At what hour?", "en", "hour"),
        ("Which day was that?", "en", "day"),
        ("In which city?", "en", "place"),
        ("Whom did she meet?", "en", "person"),
        ("몇 시에요?", "ko", "hour"),
        ("어느 도시에서요?", "ko", "place"),
        ("いつでしたか？", "ja", "day"),
        ("誰と会いましたか？", "ja", "person"),
        ("Lúc mấy giờ?", "vi", "hour"),
        ("Ở đâu vậy?", "vi", "place"),
        ("Bằng phương tiện gì?", "vi", "means"),
        ("在哪个车站下车的？", "zh", "station"),
        ("Which airport?", "en", "airport"),
        ("뭐 타고 왔어?", "ko", "means"),
        ("他说了什么？", "zh", None),
        ("And then?", "en", None),
    ],
)
def test_the_kind_a_question_asks_for(question, language, kind):
    assert asked(question, language) == kind


def test_what_is_left_without_the_asking_words():
    assert unasked("几点出发的？", "zh").strip() == "出发的？"
    assert unasked("他们说了什么？", "zh") == "他们说了什么？"  # asks no kind: unchanged


def test_a_passage_holds_an_answer_of_the_kind_besides_the_names_given(page):
    _, _, glossary = page
    text = "3月5日，甲国官员在华盛顿与乙国代表会谈，当地时间上午 10 点开始。"
    assert holds(text, "place", glossary) and holds(text, "hour", glossary) and holds(text, "day", glossary)
    assert not holds(text, "place", glossary, named=("华盛顿",))  # the only place is the one asked about
    assert not holds(text, "means", glossary)
    assert not holds("美国和朝鲜的关系出现缓和。", "place", glossary)  # countries named, no place of an event
    assert holds("蓬佩奥与金英哲会谈。", "person", glossary, named=("金英哲",))
    assert not holds("蓬佩奥表示乐观。", "person", glossary, named=("蓬佩奥",))
    assert holds("他乘坐专机前往。", "means", glossary)
    assert not holds("他抵达越南。", "station", glossary)
    assert holds("他抵达越南同登火车站。", "station", glossary)
    assert holds("飞抵内排国际机场。", "airport", glossary) and not holds("抵达河内。", "airport", glossary)


def _turn(question, names, answer):
    return Turn(question, question, names, answer, "2018-06-12", "zh")


def test_an_attribute_of_the_event_just_shown_lifts_its_passage(page):
    passages, _, glossary = page
    at = next(i for i, p in enumerate(passages) if "在新加坡举行" in p.text and "首次会晤" in p.text)
    before = [_turn("第一次会晤是哪天？", ("特朗普", "金正恩"), at)]
    text_of = lambda i: passages[i].text  # noqa: E731
    for question, language in (("在哪儿举行的？", "zh"), ("In which city?", "en"), ("어디서요?", "ko")):
        r = resolve(question, language, before, glossary, text_of=text_of)
        assert "same event" in r.reason and r.prior[at] >= 2.0, question
    # a step in time, an ordinal or "what about X?" is another operation
    for question in ("然后呢？", "第二次呢？", "那蓬佩奥呢？"):
        assert "same event" not in resolve(question, "zh", before, glossary, text_of=text_of).reason
    # the passage holds no answer of the kind: no bonus ("by what?" of a summit's entry)
    r = resolve("坐什么去的？", "zh", before, glossary, text_of=text_of)
    assert "same event" not in r.reason


def test_no_bonus_when_the_passage_lacks_what_the_question_adds(page):
    passages, _, glossary = page
    at = next(i for i, p in enumerate(passages) if "在新加坡举行" in p.text and "首次会晤" in p.text)
    before = [_turn("第一次会晤是哪天？", ("特朗普", "金正恩"), at)]
    covers = lambda i, q: "军演" not in q  # a word of the question the passage does not hold  # noqa: E731
    r = resolve("军演在哪儿？", "zh", before, glossary, covers=covers, text_of=lambda i: passages[i].text)
    assert "same event" not in r.reason


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("早上还是晚上到的？", "zh"),
        ("morning or evening?", "en"),
        ("오전이야 오후야?", "ko"),
        ("午前？それとも午後？", "ja"),
        ("Lúc đó là sáng hay chiều?", "vi"),
    ],
)
def test_a_choice_of_two_parts_of_the_day_asks_the_hour(question, language):
    assert asked(question, language) == "hour"


def test_another_paragraph_of_the_same_event_holds_what_the_shown_one_lacks(page):
    _, _, glossary = page
    shown = "金正恩5日抵达河内，将进行正式访问。"
    others = [
        (0, shown),
        (1, "据报道，金正恩乘坐的火车当地时间 5 日上午抵达车站。"),  # same day, same subject: the hour
        (2, "特朗普将于 5 日晚上抵达河内。"),  # same day, someone else's event
        (3, "金正恩3日下午离开平壤。"),  # the same subject on another day
        (4, "金正恩 5 日抵达。"),  # the same event, but no hour either
    ]
    assert same_event_elsewhere(shown, others, "hour", glossary) == [1]
    assert same_event_elsewhere("双方5日举行会谈。", others, "hour", glossary) == []  # no subject


def test_an_hour_the_shown_passage_lacks_lifts_the_paragraph_of_its_event_that_has_it(page):
    passages, _, glossary = page
    at = next(i for i, p in enumerate(passages) if p.text.startswith("朝鲜最高领导人金正恩26日抵达越南"))
    before = [_turn("金正恩是几号抵达越南的？", ("金正恩", "越南"), at)]
    r = resolve(
        "早上还是晚上？",
        "zh",
        before,
        glossary,
        sequence={i: (None, None) for i in range(len(passages))},
        text_of=lambda i: passages[i].text,
    )
    lifted = [i for i, bonus in r.prior.items() if bonus >= 2.0]
    assert "event told elsewhere" in r.reason and lifted
    assert all("上午" in passages[i].text and "金正恩" in passages[i].text for i in lifted)
