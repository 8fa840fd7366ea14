"""The reply's header date, its choices and its suggested next questions as links."""

from urllib.parse import parse_qs, urlparse

from summit_qa.answering.answer import Answer, ScoredPassage
from summit_qa.web.render import render_answer

TEXT = "越南外交部25日表示，特朗普将于当地时间 26 日晚上抵达河内。"


def _passage(pid="one-on-one-1", date="2019-02-25", answer_date="2019-02-26", score=1.0) -> ScoredPassage:
    return ScoredPassage(
        pid,
        TEXT,
        date,
        (date, answer_date),
        "美朝领导人今晚将举行首次一对一会谈",
        "中新社",
        None,
        "one-on-one",
        1,
        "2019-02-27",
        score=score,
        highlight=(0, len(TEXT)),
        answer_date=answer_date,
    )


def _links(markdown: str, cls: str) -> list[dict]:
    out = []
    for chunk in markdown.split(f'class="{cls}" href="')[1:]:
        href = chunk.split('"', 1)[0].replace("&amp;", "&")
        out.append(parse_qs(urlparse(href).query))
    return out


def test_the_header_shows_the_date_that_answers_and_the_passage_s_own():
    reply = render_answer(Answer("When does Trump land?", True, [_passage()], "en"), earlier=[])
    assert reply.startswith("**2019-02-26** (reported 2019-02-25) · ")


def test_suggestions_are_links_that_ask_them_after_the_question():
    answer = Answer("特朗普哪天到河内？", True, [_passage()], "zh", suggestions=("然后呢？",))
    links = _links(render_answer(answer, earlier=[]), "summit-suggestion")
    assert links == [{"after": ["特朗普哪天到河内？"], "q": ["然后呢？"]}]


def test_a_refusal_offers_questions_the_page_answers():
    answer = Answer(
        "法国首都是哪里？",
        False,
        [],
        "zh",
        "这篇报道里没有这个问题的答案。",
        "refused",
        suggestions=("金正恩哪天抵达越南？",),
    )
    reply = render_answer(answer, earlier=[])
    assert reply.startswith("这篇报道里没有") and _links(reply, "summit-suggestion") == [
        {"q": ["金正恩哪天抵达越南？"]}
    ]


def test_choices_link_to_the_question_with_the_passage_picked():
    first, second = _passage(), _passage("timeline-9", "2018-06-12", "2018-06-12", 0.8)
    choices = ((first.id, "2019-02-26 · …"), (second.id, "2018-06-12 · …"))
    answer = Answer("When was the summit?", True, [first, second], "en", choices=choices)
    picks = _links(render_answer(answer, earlier=[]), "summit-choice")
    assert [p["pick"] for p in picks] == [["one-on-one-1"], ["timeline-9"]]
    assert all(p["q"] == ["When was the summit?"] for p in picks)


def test_a_reader_of_traditional_characters_gets_no_glosses():
    calls = []

    def glosser(p, language, question):
        calls.append(language)
        return []

    render_answer(Answer("川普何時到？", True, [_passage()], "zh-Hant"), glosser, earlier=[])
    render_answer(Answer("When?", True, [_passage()], "en"), glosser, earlier=[])
    assert calls == ["en"]
